//! Moves, constants, raw frame/vmctx/pointer accesses, and the bounds-checked Wasm linear
//! memory accesses.
//!
//! Wasm accesses are checked explicitly (no guard pages, no signals):
//! `zext(addr) + offset + bytes <= memory.length`, computed in 64 bits (with a carry check
//! when the constant part is too large for the sum to be safe), then the access goes to
//! `base + zext(addr) + offset`. Base and length are reloaded from the `VMMemoryDef` at every
//! access because `memory.grow` may move the memory.
//!
//! ```text
//!   ldr x9, [x28, #mem]        ; *mut VMMemoryDef
//!   mov w10, w<addr>           ; zext(addr)
//!   add x11, x10, #end         ; end = offset + bytes (through x17 when large: adds + b.hs)
//!   ldr x12, [x9, #LENGTH]
//!   cmp x11, x12 ; b.hi oob
//!   ldr x9, [x9, #BASE]
//!   ldr w<dst>, [x9, x10]      ; offset 0; else add x9, x9, x10 and [x9, #offset]
//! ```

use breakwater_core::codegen::{Base, LoadKind, MemoryRef, OperandSize, Reg, StoreKind};
use breakwater_core::vmctx;
use breakwater_core::TrapKind;
use dynasmrt::{DynasmApi, DynasmLabelApi};

use crate::asm::{Cond, Mem};
use crate::emitter::{base_reg, Aarch64Emitter, CondBranch};
use crate::regs::{self, VMCTX, X10, X11, X12, X16, X17, X9};

use OperandSize::{S32, S64};

/// The register-offset access that a checked access ends with.
#[derive(Clone, Copy, Debug)]
enum Address {
    /// `[base + x10]` (offset 0), `base` holding the memory's base (x9, or the front end's
    /// cached base register).
    BasePlusIndex(u8),
    /// `[base + uxtw(w)]` (offset 0, guarded): the memory's base plus the address register
    /// `w` zero-extended by the access itself.
    BasePlusAddr(u8, u8),
    /// `[x9 + offset]` where x9 already holds `base + zext(addr)`.
    Offset(i64),
}

impl Aarch64Emitter {
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
                match size {
                    S32 if bits as u32 == 0 => a64!(self.ops; fmov S(d), wzr),
                    S32 => {
                        self.mov_imm32(X16, bits as u32);
                        a64!(self.ops; fmov S(d), W(X16));
                    }
                    S64 if bits == 0 => a64!(self.ops; fmov D(d), xzr),
                    S64 => {
                        self.mov_imm64(X16, bits);
                        a64!(self.ops; fmov D(d), X(X16));
                    }
                }
            }
        }
    }

    /// `dst = src`, whole register.
    pub(crate) fn emit_mov(&mut self, dst: Reg, src: Reg) {
        match dst {
            Reg::Gpr(_) => self.mov64(regs::gpr(dst), regs::gpr(src)),
            Reg::Fpr(_) => self.fmov_dd(regs::fpr(dst), regs::fpr(src)),
        }
    }

    /// `dst = [base + offset]` (a 4-byte load to a Gpr zero-extends).
    pub(crate) fn emit_load(&mut self, dst: Reg, base: Base, offset: i32, size: OperandSize) {
        let (op, rt) = match (dst, size) {
            (Reg::Gpr(_), S32) => (Mem::LdrW, regs::gpr(dst)),
            (Reg::Gpr(_), S64) => (Mem::LdrX, regs::gpr(dst)),
            (Reg::Fpr(_), S32) => (Mem::LdrS, regs::fpr(dst)),
            (Reg::Fpr(_), S64) => (Mem::LdrD, regs::fpr(dst)),
        };
        self.ldst(op, rt, base_reg(base), offset as i64);
    }

    /// `[base + offset] = src`.
    pub(crate) fn emit_store(&mut self, base: Base, offset: i32, src: Reg, size: OperandSize) {
        let (op, rt) = match (src, size) {
            (Reg::Gpr(_), S32) => (Mem::StrW, regs::gpr(src)),
            (Reg::Gpr(_), S64) => (Mem::StrX, regs::gpr(src)),
            (Reg::Fpr(_), S32) => (Mem::StrS, regs::fpr(src)),
            (Reg::Fpr(_), S64) => (Mem::StrD, regs::fpr(src)),
        };
        self.ldst(op, rt, base_reg(base), offset as i64);
    }

    /// `[base + offset] = imm` (zero stores `xzr`/`wzr`; others go through x16).
    pub(crate) fn emit_store_imm(&mut self, base: Base, offset: i32, imm: i32, size: OperandSize) {
        let b = base_reg(base);
        let src = if imm == 0 {
            crate::regs::XZR
        } else {
            match size {
                S32 => self.mov_imm32(X16, imm as u32),
                S64 => self.mov_imm64(X16, imm as i64 as u64),
            }
            X16
        };
        let op = match size {
            S32 => Mem::StrW,
            S64 => Mem::StrX,
        };
        self.ldst(op, src, b, offset as i64);
    }

    /// The bounds check of a Wasm access of `bytes` bytes at `zext(addr) + offset`.
    ///
    /// Leaves x10 = zext(addr), and x9 = memory base plus zext(addr) for [`Address::Offset`]
    /// (the memory base for [`Address::BasePlusIndex`] unless `memory` is cached).
    /// Returns `None` when the access can never be in bounds (offset + bytes overflows u64):
    /// the trap is then unconditional.
    fn bounds_check(
        &mut self,
        memory: MemoryRef,
        addr: Reg,
        offset: u64,
        bytes: u32,
    ) -> Option<Address> {
        let guarded_base = match memory {
            MemoryRef::Guarded { base } => Some(regs::gpr(base)),
            MemoryRef::GuardedVmctx(base_off) => {
                self.ld64(X9, VMCTX, base_off);
                Some(X9)
            }
            MemoryRef::Vmctx(_) | MemoryRef::Cached { .. } => None,
        };
        if let Some(base) = guarded_base {
            // Zero-extended, the address keeps the access within the memory's guarded
            // reservation (the front end guards only offsets within the guard region); the
            // access or the `add` zero-extends it (`uxtw`).
            let a = regs::gpr(addr);
            if offset == 0 {
                return Some(Address::BasePlusAddr(base, a));
            }
            a64!(self.ops; add XSP(X9), XSP(base), W(a), UXTW);
            return Some(Address::Offset(offset as i64));
        }
        let oob = self.trap_label(TrapKind::MemoryOutOfBounds);
        let Some(end_const) = offset.checked_add(bytes as u64) else {
            a64!(self.ops; b =>oob);
            return None;
        };
        let a = regs::gpr(addr);
        if let MemoryRef::Vmctx(mem_off) = memory {
            self.ld64(X9, VMCTX, mem_off);
        }
        // Zero-extend the i32 address (its upper half is unspecified).
        self.mov32(X10, a);
        if end_const < (1 << 32) {
            // zext(addr) < 2^32 and end < 2^32: no overflow possible.
            self.add_imm(S64, X11, X10, end_const as i64);
        } else {
            self.mov_imm64(X11, end_const);
            a64!(self.ops; adds X(X11), X(X11), X(X10));
            self.cond_branch_out_of_line(CondBranch::B(Cond::Hs), oob);
        }
        let (length, base) = match memory {
            MemoryRef::Vmctx(_) => {
                self.ld64(X12, X9, vmctx::MEMORY_LENGTH);
                (X12, X9)
            }
            MemoryRef::Cached { base, length } => (regs::gpr(length), regs::gpr(base)),
            MemoryRef::Guarded { .. } | MemoryRef::GuardedVmctx(_) => unreachable!(),
        };
        a64!(self.ops; cmp X(X11), X(length));
        self.cond_branch_out_of_line(CondBranch::B(Cond::Hi), oob);
        if let MemoryRef::Vmctx(_) = memory {
            self.ld64(X9, X9, vmctx::MEMORY_BASE);
        }
        if offset == 0 {
            Some(Address::BasePlusIndex(base))
        } else {
            a64!(self.ops; add X(X9), X(base), X(X10));
            // In bounds, so offset < length < 2^63.
            Some(Address::Offset(offset as i64))
        }
    }

    /// The access itself, after [`Self::bounds_check`]; a fault site when `guarded` (the
    /// access instruction itself, after any offset it needs in a register).
    fn access(&mut self, op: Mem, rt: u8, address: Address, guarded: bool) {
        let w = match address {
            Address::BasePlusIndex(base) => op.register_offset(rt, base, X10),
            Address::BasePlusAddr(base, a) => op.register_offset_uxtw(rt, base, a),
            Address::Offset(off) if !guarded => return self.ldst(op, rt, X9, off),
            Address::Offset(off) => {
                let size = op.bytes();
                if off % size == 0 && off / size < 4096 {
                    op.unsigned_offset(rt, X9, (off / size) as u32)
                } else if off < 256 {
                    op.unscaled(rt, X9, off as i32)
                } else {
                    self.mov_imm64(X17, off as u64);
                    op.register_offset(rt, X9, X17)
                }
            }
        };
        if guarded {
            self.fault_site();
        }
        self.word(w);
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
        let Some(address) = self.bounds_check(memory, addr, offset, kind.bytes()) else {
            return;
        };
        use LoadKind::*;
        let (op, rt) = match kind {
            F32 => (Mem::LdrS, regs::fpr(dst)),
            F64 => (Mem::LdrD, regs::fpr(dst)),
            I32 | I64U32 => (Mem::LdrW, regs::gpr(dst)),
            I64 => (Mem::LdrX, regs::gpr(dst)),
            I32S8 => (Mem::Ldrsb32, regs::gpr(dst)),
            I64S8 => (Mem::Ldrsb64, regs::gpr(dst)),
            // Writes to a W register clear the upper half, as i64 wants.
            I32U8 | I64U8 => (Mem::Ldrb, regs::gpr(dst)),
            I32S16 => (Mem::Ldrsh32, regs::gpr(dst)),
            I64S16 => (Mem::Ldrsh64, regs::gpr(dst)),
            I32U16 | I64U16 => (Mem::Ldrh, regs::gpr(dst)),
            I64S32 => (Mem::Ldrsw, regs::gpr(dst)),
        };
        self.access(op, rt, address, memory.is_guarded());
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
        let Some(address) = self.bounds_check(memory, addr, offset, kind.bytes()) else {
            return;
        };
        let (op, rt) = match kind {
            StoreKind::I8 => (Mem::Strb, regs::gpr(src)),
            StoreKind::I16 => (Mem::Strh, regs::gpr(src)),
            StoreKind::I32 => (Mem::StrW, regs::gpr(src)),
            StoreKind::I64 => (Mem::StrX, regs::gpr(src)),
            StoreKind::F32 => (Mem::StrS, regs::fpr(src)),
            StoreKind::F64 => (Mem::StrD, regs::fpr(src)),
        };
        debug_assert!(rt != X17);
        self.access(op, rt, address, memory.is_guarded());
    }
}
