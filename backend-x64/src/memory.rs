//! Moves, constants, raw frame/vmctx/pointer accesses, and the bounds-checked Wasm linear
//! memory accesses.
//!
//! Wasm accesses go to `base + zext(addr) + offset`. Checked ones first test
//! `zext(addr) + offset + bytes <= memory.length`, computed in 64 bits (with a carry check
//! when the constant part does not fit an imm32). Guarded ones (`MemoryRef::Guarded*`, code
//! compiled with guard pages) test nothing: the address cannot leave the memory's guarded
//! reservation, and the access is recorded as a fault site the host's signal handler turns
//! into the trap. Base and length come from the front end's registers or from the
//! `VMMemoryDef` at the access (`memory.grow` may move a checked memory).

use breakwater_core::codegen::{Base, LoadKind, MemoryRef, OperandSize, Reg, StoreKind};
use breakwater_core::vmctx;
use breakwater_core::TrapKind;
use dynasmrt::{DynasmApi, DynasmLabelApi};

use crate::asm::{fits_i8, Cond};
use crate::emitter::{base_reg, X64Emitter};
use crate::regs::{self, RAX, RCX, RDX, VMCTX};

use OperandSize::{S32, S64};

/// How the effective address of a checked access is formed, once the check passed:
/// `[base + index + disp]`.
#[derive(Clone, Copy, Debug)]
struct Checked {
    /// The register holding the memory's base: rcx, or the front end's cached base.
    base: u8,
    /// The register holding `zext(addr)`: rax, or (guarded accesses) the address register
    /// itself, whose i32 is zero-extended (see [`crate::emitter`]'s i32 invariant).
    index: u8,
    /// The static offset as a displacement (0 if it was added into rax).
    disp: i32,
}

/// Expands the local `emit!` macro with `off` as a disp8 when it fits, else a disp32 (dynasm
/// only picks disp8 by itself for literals).
macro_rules! disp_form {
    ($s:ident, $off:expr, $emit:ident) => {{
        let off: i32 = $off;
        if fits_i8(off) {
            $emit!($s, BYTE, off as i8)
        } else {
            $emit!($s, DWORD, off)
        }
    }};
}

impl X64Emitter {
    /// `dst = bits` (Gpr: the value; Fpr: the bit pattern).
    pub(crate) fn emit_load_const(&mut self, dst: Reg, size: OperandSize, bits: u64) {
        match dst {
            Reg::Gpr(_) => {
                let d = regs::gpr(dst);
                match size {
                    S32 => self.mov_imm32(d, bits as u32),
                    S64 => self.mov_imm64(d, bits),
                }
            }
            Reg::Fpr(_) => {
                let d = regs::fpr(dst);
                let bits = match size {
                    S32 => bits & 0xffff_ffff,
                    S64 => bits,
                };
                if bits == 0 {
                    x64!(self.ops; xorps Rx(d), Rx(d));
                } else if size == S32 {
                    self.mov_imm32(RAX, bits as u32);
                    x64!(self.ops; movd Rx(d), eax);
                } else {
                    self.mov_imm64(RAX, bits);
                    x64!(self.ops; movq Rx(d), rax);
                }
            }
        }
    }

    /// `dst = src`, whole register.
    pub(crate) fn emit_mov(&mut self, dst: Reg, src: Reg) {
        match dst {
            Reg::Gpr(_) => self.mov_rr(S64, regs::gpr(dst), regs::gpr(src)),
            Reg::Fpr(_) => self.movaps(regs::fpr(dst), regs::fpr(src)),
        }
    }

    /// `dst = [base + offset]` (a 4-byte load to a Gpr zero-extends).
    pub(crate) fn emit_load(&mut self, dst: Reg, base: Base, offset: i32, size: OperandSize) {
        let b = base_reg(base);
        match (dst, size) {
            (Reg::Gpr(_), S32) => self.ld32(regs::gpr(dst), b, offset),
            (Reg::Gpr(_), S64) => self.ld64(regs::gpr(dst), b, offset),
            (Reg::Fpr(_), S32) => self.ldss(regs::fpr(dst), b, offset),
            (Reg::Fpr(_), S64) => self.ldsd(regs::fpr(dst), b, offset),
        }
    }

    /// `[base + offset] = src`.
    pub(crate) fn emit_store(&mut self, base: Base, offset: i32, src: Reg, size: OperandSize) {
        let b = base_reg(base);
        match (src, size) {
            (Reg::Gpr(_), S32) => self.st32(b, offset, regs::gpr(src)),
            (Reg::Gpr(_), S64) => self.st64(b, offset, regs::gpr(src)),
            (Reg::Fpr(_), S32) => self.stss(b, offset, regs::fpr(src)),
            (Reg::Fpr(_), S64) => self.stsd(b, offset, regs::fpr(src)),
        }
    }

    /// Zeroes `slots` 8-byte slots from `[rbp + offset]` up: 16 bytes per `movups` from a
    /// zeroed xmm15 (a scratch register), 5 bytes each instead of 8 per 8-byte `mov`.
    pub(crate) fn emit_zero_frame_slots(&mut self, offset: i32, slots: u32) {
        if slots == 1 {
            self.st_imm64(regs::RBP, offset, 0);
            return;
        }
        // xorps xmm15, xmm15: 0F 57 /r.
        self.enc_sse_rr(None, 0x57, regs::XTMP, regs::XTMP);
        let mut off = offset;
        for _ in 0..slots / 2 {
            // movups [rbp + off], xmm15: 0F 11 /r.
            self.enc_sse_mem(None, 0x11, regs::XTMP, regs::RBP, off);
            off += 16;
        }
        if slots % 2 == 1 {
            // movq [rbp + off], xmm15: 66 0F D6 /r.
            self.enc_sse_mem(Some(0x66), 0xd6, regs::XTMP, regs::RBP, off);
        }
    }

    /// `[base + offset] = imm`.
    pub(crate) fn emit_store_imm(&mut self, base: Base, offset: i32, imm: i32, size: OperandSize) {
        let b = base_reg(base);
        match size {
            S32 => self.st_imm32(b, offset, imm),
            S64 => self.st_imm64(b, offset, imm),
        }
    }

    /// The bounds check of a Wasm access of `bytes` bytes at `zext(addr) + offset`.
    ///
    /// Leaves rax = zext(addr) (plus the offset when it does not fit a displacement) and
    /// returns the base register (rcx, loaded here, unless `memory` is cached) and the
    /// displacement to use. Returns `None` when the access can never be in bounds (offset +
    /// bytes overflows u64): the trap is then unconditional.
    fn bounds_check(
        &mut self,
        memory: MemoryRef,
        addr: Reg,
        offset: u64,
        bytes: u32,
    ) -> Option<Checked> {
        let a = regs::gpr(addr);
        let guarded_base = match memory {
            MemoryRef::Guarded { base } => Some(regs::gpr(base)),
            MemoryRef::GuardedVmctx(base_off) => {
                self.ld64(RCX, VMCTX, base_off);
                Some(RCX)
            }
            MemoryRef::Vmctx(_) | MemoryRef::Cached { .. } => None,
        };
        if let Some(base) = guarded_base {
            // The front end guards only offsets within the guard region (< 2^31).
            let disp = i32::try_from(offset).expect("a guarded offset fits a displacement");
            // An i32 in a register is zero-extended on x86-64 (see `crate::emitter`): the
            // sum stays within the reservation without a copy.
            return Some(Checked {
                base,
                index: a,
                disp,
            });
        }
        let oob = self.trap_label(TrapKind::MemoryOutOfBounds);
        let Some(end_const) = offset.checked_add(bytes as u64) else {
            x64!(self.ops; jmp =>oob);
            return None;
        };
        if let MemoryRef::Vmctx(mem_off) = memory {
            self.ld64(RCX, VMCTX, mem_off);
        }
        // Zero-extend the i32 address (its upper half is unspecified).
        self.enc_rr(crate::enc::op::MOV_STORE, S32, RAX, a);
        match i32::try_from(end_const) {
            // zext(addr) < 2^32 and k < 2^31: no overflow possible.
            Ok(k) if fits_i8(k) => x64!(self.ops; lea rdx, [BYTE rax + k as i8]),
            Ok(k) => x64!(self.ops; lea rdx, [DWORD rax + k]),
            Err(_) => {
                self.mov_imm64(RDX, end_const);
                x64!(self.ops; add rdx, rax);
                self.jcc(Cond::B, oob);
            }
        }
        let base = match memory {
            MemoryRef::Vmctx(_) => {
                self.cmp64_mem(RDX, RCX, vmctx::MEMORY_LENGTH);
                self.jcc(Cond::A, oob);
                self.ld64(RCX, RCX, vmctx::MEMORY_BASE);
                RCX
            }
            MemoryRef::Cached { base, length } => {
                self.enc_rr(crate::enc::op::CMP, S64, RDX, regs::gpr(length));
                self.jcc(Cond::A, oob);
                regs::gpr(base)
            }
            MemoryRef::Guarded { .. } | MemoryRef::GuardedVmctx(_) => unreachable!(),
        };
        match i32::try_from(offset) {
            Ok(disp) => Some(Checked {
                base,
                index: RAX,
                disp,
            }),
            Err(_) => {
                // In bounds, so zext(addr) + offset < length: no overflow.
                self.mov_imm64(RDX, offset);
                x64!(self.ops; add rax, rdx);
                Some(Checked {
                    base,
                    index: RAX,
                    disp: 0,
                })
            }
        }
    }

    /// A bounds-checked Wasm load.
    pub(crate) fn emit_wasm_load(
        &mut self,
        kind: LoadKind,
        memory: MemoryRef,
        dst: Reg,
        addr: Reg,
        offset: u64,
    ) {
        let Some(Checked {
            base: b,
            index: x,
            disp: o,
        }) = self.bounds_check(memory, addr, offset, kind.bytes())
        else {
            return;
        };
        use LoadKind::*;
        macro_rules! emit {
            ($s:ident, $sz:tt, $o:expr) => {
                match kind {
                    F32 => x64!($s.ops; movss Rx(regs::fpr(dst)), DWORD [$sz Rq(b) + Rq(x) + $o]),
                    F64 => x64!($s.ops; movsd Rx(regs::fpr(dst)), QWORD [$sz Rq(b) + Rq(x) + $o]),
                    I32 | I64U32 => x64!($s.ops; mov Rd(regs::gpr(dst)), DWORD [$sz Rq(b) + Rq(x) + $o]),
                    I64 => x64!($s.ops; mov Rq(regs::gpr(dst)), QWORD [$sz Rq(b) + Rq(x) + $o]),
                    I32S8 => x64!($s.ops; movsx Rd(regs::gpr(dst)), BYTE [$sz Rq(b) + Rq(x) + $o]),
                    I64S8 => x64!($s.ops; movsx Rq(regs::gpr(dst)), BYTE [$sz Rq(b) + Rq(x) + $o]),
                    // movzx to a 32-bit register also clears the upper half for i64.
                    I32U8 | I64U8 => x64!($s.ops; movzx Rd(regs::gpr(dst)), BYTE [$sz Rq(b) + Rq(x) + $o]),
                    I32S16 => x64!($s.ops; movsx Rd(regs::gpr(dst)), WORD [$sz Rq(b) + Rq(x) + $o]),
                    I64S16 => x64!($s.ops; movsx Rq(regs::gpr(dst)), WORD [$sz Rq(b) + Rq(x) + $o]),
                    I32U16 | I64U16 => x64!($s.ops; movzx Rd(regs::gpr(dst)), WORD [$sz Rq(b) + Rq(x) + $o]),
                    I64S32 => x64!($s.ops; movsxd Rq(regs::gpr(dst)), DWORD [$sz Rq(b) + Rq(x) + $o]),
                }
            };
        }
        if memory.is_guarded() {
            self.fault_site();
        }
        disp_form!(self, o, emit);
    }

    /// A bounds-checked Wasm store.
    pub(crate) fn emit_wasm_store(
        &mut self,
        kind: StoreKind,
        memory: MemoryRef,
        addr: Reg,
        offset: u64,
        src: Reg,
    ) {
        let Some(Checked {
            base: b,
            index: x,
            disp: o,
        }) = self.bounds_check(memory, addr, offset, kind.bytes())
        else {
            return;
        };
        macro_rules! emit {
            ($s:ident, $sz:tt, $o:expr) => {
                match kind {
                    StoreKind::I8 => x64!($s.ops; mov BYTE [$sz Rq(b) + Rq(x) + $o], Rb(regs::gpr(src))),
                    StoreKind::I16 => x64!($s.ops; mov WORD [$sz Rq(b) + Rq(x) + $o], Rw(regs::gpr(src))),
                    StoreKind::I32 => x64!($s.ops; mov DWORD [$sz Rq(b) + Rq(x) + $o], Rd(regs::gpr(src))),
                    StoreKind::I64 => x64!($s.ops; mov QWORD [$sz Rq(b) + Rq(x) + $o], Rq(regs::gpr(src))),
                    StoreKind::F32 => x64!($s.ops; movss DWORD [$sz Rq(b) + Rq(x) + $o], Rx(regs::fpr(src))),
                    StoreKind::F64 => x64!($s.ops; movsd QWORD [$sz Rq(b) + Rq(x) + $o], Rx(regs::fpr(src))),
                }
            };
        }
        if memory.is_guarded() {
            self.fault_site();
        }
        disp_form!(self, o, emit);
    }
}
