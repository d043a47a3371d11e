//! Hardware-level helpers on top of `dynasm!`: condition codes, register-to-register moves and
//! memory operands that pick the short (disp8 / imm8) encodings when a runtime value fits.
//!
//! dynasm only shortens displacements and immediates written as literals; runtime expressions
//! always get 32 bits. Frame and vmctx accesses are the bulk of baseline code, so the helpers
//! here branch on the value to emit the compact form.

use breakwater_core::codegen::OperandSize;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::emitter::X64Emitter;
use crate::enc::op;
use crate::regs::{RAX, RBP, RCX, VMCTX};

/// An x86 condition code (the `cc` of `jcc`, `setcc`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Cond {
    /// Overflow (OF = 1).
    O,
    /// No overflow (OF = 0).
    No,
    /// Below, i.e. carry (CF = 1).
    B,
    /// Above or equal, i.e. no carry (CF = 0).
    Ae,
    /// Equal / zero (ZF = 1).
    E,
    /// Not equal / nonzero (ZF = 0).
    Ne,
    /// Below or equal (CF = 1 or ZF = 1).
    Be,
    /// Above (CF = 0 and ZF = 0).
    A,
    /// Sign (SF = 1).
    S,
    /// No sign (SF = 0).
    Ns,
    /// Parity (PF = 1): the unordered result of `ucomiss`.
    P,
    /// No parity (PF = 0).
    Np,
    /// Signed less.
    L,
    /// Signed greater or equal.
    Ge,
    /// Signed less or equal.
    Le,
    /// Signed greater.
    G,
}

/// Whether `v` fits a sign-extended 8-bit field.
pub(crate) fn fits_i8(v: i32) -> bool {
    i8::try_from(v).is_ok()
}

/// Expands the local `emit!` macro of a memory helper with the best form of `[base + off]`:
/// a static register name for the common bases (dynasm encodes a dynamic base register with a
/// SIB byte even when none is needed, one byte more per access), and disp8 when `off` fits.
macro_rules! mem_form {
    ($s:ident, $base:expr, $off:expr, $emit:ident) => {{
        let off: i32 = $off;
        match ($base, fits_i8(off)) {
            (RBP, true) => $emit!($s, BYTE[rbp], off as i8),
            (RBP, false) => $emit!($s, DWORD[rbp], off),
            (VMCTX, true) => $emit!($s, BYTE[r14], off as i8),
            (VMCTX, false) => $emit!($s, DWORD[r14], off),
            (RAX, true) => $emit!($s, BYTE[rax], off as i8),
            (RAX, false) => $emit!($s, DWORD[rax], off),
            (RCX, true) => $emit!($s, BYTE[rcx], off as i8),
            (RCX, false) => $emit!($s, DWORD[rcx], off),
            (b, true) => $emit!($s, BYTE[Rq(b)], off as i8),
            (b, false) => $emit!($s, DWORD[Rq(b)], off),
        }
    }};
}

impl X64Emitter {
    /// `jcc rel32` to `label` (rel32 so that any distance works; the main code's labels are
    /// often far away, e.g. trap stubs at the end of the function).
    pub(crate) fn jcc(&mut self, cond: Cond, label: DynamicLabel) {
        use Cond::*;
        let cc = match cond {
            O => 0x0,
            No => 0x1,
            B => 0x2,
            Ae => 0x3,
            E => 0x4,
            Ne => 0x5,
            Be => 0x6,
            A => 0x7,
            S => 0x8,
            Ns => 0x9,
            P => 0xa,
            Np => 0xb,
            L => 0xc,
            Ge => 0xd,
            Le => 0xe,
            G => 0xf,
        };
        self.jump_rel32(Some(cc), label);
    }

    /// `jcc rel8` to a label known to be within reach (internal branches of one sequence).
    pub(crate) fn jcc_short(&mut self, cond: Cond, label: DynamicLabel) {
        use Cond::*;
        match cond {
            O => x64!(self.ops; jo BYTE =>label),
            No => x64!(self.ops; jno BYTE =>label),
            B => x64!(self.ops; jb BYTE =>label),
            Ae => x64!(self.ops; jae BYTE =>label),
            E => x64!(self.ops; je BYTE =>label),
            Ne => x64!(self.ops; jne BYTE =>label),
            Be => x64!(self.ops; jbe BYTE =>label),
            A => x64!(self.ops; ja BYTE =>label),
            S => x64!(self.ops; js BYTE =>label),
            Ns => x64!(self.ops; jns BYTE =>label),
            P => x64!(self.ops; jp BYTE =>label),
            Np => x64!(self.ops; jnp BYTE =>label),
            L => x64!(self.ops; jl BYTE =>label),
            Ge => x64!(self.ops; jge BYTE =>label),
            Le => x64!(self.ops; jle BYTE =>label),
            G => x64!(self.ops; jg BYTE =>label),
        }
    }

    /// `jmp rel8` to a label known to be within reach.
    pub(crate) fn jmp_short(&mut self, label: DynamicLabel) {
        x64!(self.ops; jmp BYTE =>label);
    }

    /// `setcc` into the byte register `r8` (any hardware register: dynamic byte registers always
    /// get a REX prefix, so 4..7 mean spl/bpl/sil/dil, never ah..bh).
    pub(crate) fn setcc(&mut self, cond: Cond, r8: u8) {
        use Cond::*;
        match cond {
            O => x64!(self.ops; seto Rb(r8)),
            No => x64!(self.ops; setno Rb(r8)),
            B => x64!(self.ops; setb Rb(r8)),
            Ae => x64!(self.ops; setae Rb(r8)),
            E => x64!(self.ops; sete Rb(r8)),
            Ne => x64!(self.ops; setne Rb(r8)),
            Be => x64!(self.ops; setbe Rb(r8)),
            A => x64!(self.ops; seta Rb(r8)),
            S => x64!(self.ops; sets Rb(r8)),
            Ns => x64!(self.ops; setns Rb(r8)),
            P => x64!(self.ops; setp Rb(r8)),
            Np => x64!(self.ops; setnp Rb(r8)),
            L => x64!(self.ops; setl Rb(r8)),
            Ge => x64!(self.ops; setge Rb(r8)),
            Le => x64!(self.ops; setle Rb(r8)),
            G => x64!(self.ops; setg Rb(r8)),
        }
    }

    /// `dst = src` at `size` (a 32-bit move zero-extends; it is skipped when `dst == src`
    /// because the upper half of an i32 is unspecified anyway).
    pub(crate) fn mov_rr(&mut self, size: OperandSize, dst: u8, src: u8) {
        if dst == src {
            return;
        }
        self.enc_rr(op::MOV_STORE, size, dst, src);
    }

    /// `dst = src` for xmm registers (whole register, so no partial-register dependency).
    pub(crate) fn movaps(&mut self, dst: u8, src: u8) {
        if dst != src {
            // movaps xmm, xmm: 0F 28.
            self.enc_sse_rr(None, 0x28, dst, src);
        }
    }

    /// `dst = imm` as a 64-bit value in the shortest encoding (xor, `mov r32, imm32`
    /// zero-extending, `mov r64, simm32` sign-extending, or `movabs`).
    pub(crate) fn mov_imm64(&mut self, dst: u8, imm: u64) {
        if imm == 0 {
            self.enc_rr(op::XOR, OperandSize::S32, dst, dst);
        } else if let Ok(v) = u32::try_from(imm) {
            self.enc_mov_imm32(dst, v);
        } else if let Ok(v) = i32::try_from(imm as i64) {
            self.enc_mov_simm32_64(dst, v);
        } else {
            x64!(self.ops; mov Rq(dst), QWORD imm as i64);
        }
    }

    /// `dst = imm` as a 32-bit value (upper half zeroed).
    pub(crate) fn mov_imm32(&mut self, dst: u8, imm: u32) {
        if imm == 0 {
            self.enc_rr(op::XOR, OperandSize::S32, dst, dst);
        } else {
            self.enc_mov_imm32(dst, imm);
        }
    }

    /// `dst = [base + off]`, 8 bytes.
    pub(crate) fn ld64(&mut self, dst: u8, base: u8, off: i32) {
        self.enc_mem(op::MOV_LOAD, true, dst, base, off);
    }

    /// `dst = [base + off]`, 4 bytes zero-extended.
    pub(crate) fn ld32(&mut self, dst: u8, base: u8, off: i32) {
        self.enc_mem(op::MOV_LOAD, false, dst, base, off);
    }

    /// `[base + off] = src`, 8 bytes.
    pub(crate) fn st64(&mut self, base: u8, off: i32, src: u8) {
        self.enc_mem(op::MOV_STORE, true, src, base, off);
    }

    /// `[base + off] = src`, 4 bytes.
    pub(crate) fn st32(&mut self, base: u8, off: i32, src: u8) {
        self.enc_mem(op::MOV_STORE, false, src, base, off);
    }

    /// `xmm dst = [base + off]`, 4 bytes (`movss`, upper lanes zeroed).
    pub(crate) fn ldss(&mut self, dst: u8, base: u8, off: i32) {
        // movss xmm, m32: F3 0F 10.
        self.enc_sse_mem(Some(0xf3), 0x10, dst, base, off);
    }

    /// `xmm dst = [base + off]`, 8 bytes (`movsd`, upper lane zeroed).
    pub(crate) fn ldsd(&mut self, dst: u8, base: u8, off: i32) {
        // movsd xmm, m64: F2 0F 10.
        self.enc_sse_mem(Some(0xf2), 0x10, dst, base, off);
    }

    /// `[base + off] = xmm src`, 4 bytes.
    pub(crate) fn stss(&mut self, base: u8, off: i32, src: u8) {
        // movss m32, xmm: F3 0F 11.
        self.enc_sse_mem(Some(0xf3), 0x11, src, base, off);
    }

    /// `[base + off] = xmm src`, 8 bytes.
    pub(crate) fn stsd(&mut self, base: u8, off: i32, src: u8) {
        // movsd m64, xmm: F2 0F 11.
        self.enc_sse_mem(Some(0xf2), 0x11, src, base, off);
    }

    /// `[base + off] = imm`, 4 bytes.
    pub(crate) fn st_imm32(&mut self, base: u8, off: i32, imm: i32) {
        self.enc_store_imm(false, base, off, imm);
    }

    /// `[base + off] = imm` sign-extended to 8 bytes.
    pub(crate) fn st_imm64(&mut self, base: u8, off: i32, imm: i32) {
        self.enc_store_imm(true, base, off, imm);
    }

    /// `dst = base + off` (64-bit).
    pub(crate) fn lea(&mut self, dst: u8, base: u8, off: i32) {
        self.enc_mem(op::LEA, true, dst, base, off);
    }

    /// `call [base + off]`.
    pub(crate) fn call_mem(&mut self, base: u8, off: i32) {
        macro_rules! emit {
            ($s:ident, $sz:tt [$($b:tt)+], $o:expr) => {
                x64!($s.ops; call QWORD [$sz $($b)+ + $o])
            };
        }
        mem_form!(self, base, off, emit);
    }

    /// Flags of `reg - [base + off]`, 8 bytes.
    pub(crate) fn cmp64_mem(&mut self, reg: u8, base: u8, off: i32) {
        // cmp r64, r/m64: REX.W 3B /r.
        self.enc_mem(0x3b, true, reg, base, off);
    }
}
