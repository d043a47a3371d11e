//! Integer arithmetic, comparisons, division with its traps, and the unary operations.
//!
//! AArch64 has three-operand forms for everything, so aliasing between `dst` and the sources
//! needs no care except where a sequence writes a scratch first. 32-bit operations use the W
//! registers, whose writes zero the upper half.

use breakwater_core::codegen::{
    IntBinKind, IntCmpKind, IntDivKind, IntUnKind, OperandSize, Reg, RegImm,
};
use breakwater_core::TrapKind;
use dynasmrt::DynasmApi;

use crate::asm::Cond;
use crate::emitter::{Aarch64Emitter, CondBranch};
use crate::regs::{self, VTMP, X16, X17};

use OperandSize::{S32, S64};

/// The condition that holds after `cmp lhs, rhs` when `lhs kind rhs`.
pub(crate) fn int_cond(kind: IntCmpKind) -> Cond {
    match kind {
        IntCmpKind::Eq => Cond::Eq,
        IntCmpKind::Ne => Cond::Ne,
        IntCmpKind::LtS => Cond::Lt,
        IntCmpKind::LtU => Cond::Lo,
        IntCmpKind::GtS => Cond::Gt,
        IntCmpKind::GtU => Cond::Hi,
        IntCmpKind::LeS => Cond::Le,
        IntCmpKind::LeU => Cond::Ls,
        IntCmpKind::GeS => Cond::Ge,
        IntCmpKind::GeU => Cond::Hs,
    }
}

/// The three-register ALU operations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Alu {
    Add,
    Sub,
    Mul,
    And,
    Or,
    Xor,
    Lsl,
    Asr,
    Lsr,
    Ror,
}

impl Aarch64Emitter {
    /// `d = l op r` on registers.
    fn alu_rrr(&mut self, op: Alu, size: OperandSize, d: u8, l: u8, r: u8) {
        match (op, size) {
            (Alu::Add, S32) => a64!(self.ops; add W(d), W(l), W(r)),
            (Alu::Add, S64) => a64!(self.ops; add X(d), X(l), X(r)),
            (Alu::Sub, S32) => a64!(self.ops; sub W(d), W(l), W(r)),
            (Alu::Sub, S64) => a64!(self.ops; sub X(d), X(l), X(r)),
            (Alu::Mul, S32) => a64!(self.ops; mul W(d), W(l), W(r)),
            (Alu::Mul, S64) => a64!(self.ops; mul X(d), X(l), X(r)),
            (Alu::And, S32) => a64!(self.ops; and W(d), W(l), W(r)),
            (Alu::And, S64) => a64!(self.ops; and X(d), X(l), X(r)),
            (Alu::Or, S32) => a64!(self.ops; orr W(d), W(l), W(r)),
            (Alu::Or, S64) => a64!(self.ops; orr X(d), X(l), X(r)),
            (Alu::Xor, S32) => a64!(self.ops; eor W(d), W(l), W(r)),
            (Alu::Xor, S64) => a64!(self.ops; eor X(d), X(l), X(r)),
            // The variable shifts take the count modulo the width, as Wasm wants.
            (Alu::Lsl, S32) => a64!(self.ops; lsl W(d), W(l), W(r)),
            (Alu::Lsl, S64) => a64!(self.ops; lsl X(d), X(l), X(r)),
            (Alu::Asr, S32) => a64!(self.ops; asr W(d), W(l), W(r)),
            (Alu::Asr, S64) => a64!(self.ops; asr X(d), X(l), X(r)),
            (Alu::Lsr, S32) => a64!(self.ops; lsr W(d), W(l), W(r)),
            (Alu::Lsr, S64) => a64!(self.ops; lsr X(d), X(l), X(r)),
            (Alu::Ror, S32) => a64!(self.ops; ror W(d), W(l), W(r)),
            (Alu::Ror, S64) => a64!(self.ops; ror X(d), X(l), X(r)),
        }
    }

    /// `d = shift(l, n)` by a constant already reduced modulo the width (`n != 0`).
    fn shift_imm(&mut self, op: Alu, size: OperandSize, d: u8, l: u8, n: u32) {
        match (op, size) {
            (Alu::Lsl, S32) => a64!(self.ops; lsl W(d), W(l), n),
            (Alu::Lsl, S64) => a64!(self.ops; lsl X(d), X(l), n),
            (Alu::Asr, S32) => a64!(self.ops; asr W(d), W(l), n),
            (Alu::Asr, S64) => a64!(self.ops; asr X(d), X(l), n),
            (Alu::Lsr, S32) => a64!(self.ops; lsr W(d), W(l), n),
            (Alu::Lsr, S64) => a64!(self.ops; lsr X(d), X(l), n),
            (_, S32) => a64!(self.ops; ror W(d), W(l), n),
            (_, S64) => a64!(self.ops; ror X(d), X(l), n),
        }
    }

    /// Flags of `lhs - rhs` (register or immediate).
    pub(crate) fn cmp_reg_imm(&mut self, size: OperandSize, lhs: Reg, rhs: RegImm) {
        let l = regs::gpr(lhs);
        match rhs {
            RegImm::Reg(r) => {
                let r = regs::gpr(r);
                match size {
                    S32 => a64!(self.ops; cmp W(l), W(r)),
                    S64 => a64!(self.ops; cmp X(l), X(r)),
                }
            }
            RegImm::Imm(i) => {
                let v = match size {
                    // The 32-bit value; `cmp_imm` picks cmp or cmn by its sign.
                    S32 => i as i64,
                    S64 => i as i64,
                };
                self.cmp_imm(size, l, v);
            }
        }
    }

    /// `dst = lhs op rhs` for every `IntBinKind`.
    pub(crate) fn emit_int_binop(
        &mut self,
        kind: IntBinKind,
        size: OperandSize,
        dst: Reg,
        lhs: Reg,
        rhs: RegImm,
    ) {
        let (d, l) = (regs::gpr(dst), regs::gpr(lhs));
        let width: i32 = match size {
            S32 => 32,
            S64 => 64,
        };
        match (kind, rhs) {
            (IntBinKind::Add, RegImm::Imm(i)) => self.add_imm(size, d, l, i as i64),
            (IntBinKind::Sub, RegImm::Imm(i)) => self.add_imm(size, d, l, -(i as i64)),
            (IntBinKind::And, RegImm::Imm(i)) => self.logical_imm(0, size, d, l, i as i64 as u64),
            (IntBinKind::Or, RegImm::Imm(i)) => self.logical_imm(1, size, d, l, i as i64 as u64),
            (IntBinKind::Xor, RegImm::Imm(i)) => self.logical_imm(2, size, d, l, i as i64 as u64),
            (IntBinKind::Mul, RegImm::Imm(i)) => {
                match size {
                    S32 => self.mov_imm32(X17, i as u32),
                    S64 => self.mov_imm64(X17, i as i64 as u64),
                }
                self.alu_rrr(Alu::Mul, size, d, l, X17);
            }
            (
                IntBinKind::Shl
                | IntBinKind::ShrS
                | IntBinKind::ShrU
                | IntBinKind::Rotl
                | IntBinKind::Rotr,
                RegImm::Imm(i),
            ) => {
                let n = i & (width - 1);
                let (op, n) = match kind {
                    IntBinKind::Shl => (Alu::Lsl, n),
                    IntBinKind::ShrS => (Alu::Asr, n),
                    IntBinKind::ShrU => (Alu::Lsr, n),
                    // rotl(x, n) = rotr(x, width - n).
                    IntBinKind::Rotl => (Alu::Ror, (width - n) & (width - 1)),
                    _ => (Alu::Ror, n),
                };
                if n == 0 {
                    match size {
                        S32 => self.mov32(d, l),
                        S64 => self.mov64(d, l),
                    }
                } else {
                    self.shift_imm(op, size, d, l, n as u32);
                }
            }
            (IntBinKind::Rotl, RegImm::Reg(r)) => {
                // rotl(x, n) = rotr(x, -n mod width); the negation goes to a scratch first
                // because `r` may be `d`.
                let r = regs::gpr(r);
                match size {
                    S32 => a64!(self.ops; neg W(X16), W(r)),
                    S64 => a64!(self.ops; neg X(X16), X(r)),
                }
                self.alu_rrr(Alu::Ror, size, d, l, X16);
            }
            (kind, RegImm::Reg(r)) => {
                let op = match kind {
                    IntBinKind::Add => Alu::Add,
                    IntBinKind::Sub => Alu::Sub,
                    IntBinKind::Mul => Alu::Mul,
                    IntBinKind::And => Alu::And,
                    IntBinKind::Or => Alu::Or,
                    IntBinKind::Xor => Alu::Xor,
                    IntBinKind::Shl => Alu::Lsl,
                    IntBinKind::ShrS => Alu::Asr,
                    IntBinKind::ShrU => Alu::Lsr,
                    _ => Alu::Ror,
                };
                self.alu_rrr(op, size, d, l, regs::gpr(r));
            }
        }
    }

    /// Division and remainder, raising `IntegerDivideByZero` and (for `DivS` of MIN by -1)
    /// `IntegerOverflow`. `sdiv` itself never faults (MIN / -1 gives MIN), so the remainder
    /// `l - (l / r) * r` of MIN by -1 is 0 without a special case.
    pub(crate) fn emit_int_div(
        &mut self,
        kind: IntDivKind,
        size: OperandSize,
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    ) {
        let (d, l, r) = (regs::gpr(dst), regs::gpr(lhs), regs::gpr(rhs));
        let by_zero = self.trap_label(TrapKind::IntegerDivideByZero);
        self.cond_branch_out_of_line(CondBranch::Cbz(size, r), by_zero);
        match (kind, size) {
            (IntDivKind::DivS, _) => {
                // Overflow iff r == -1 and l == MIN: `cmn r, #1` sets Z for r == -1, then
                // `ccmp l, #1` sets V exactly when l - 1 overflows (l == MIN); otherwise the
                // flags become 0 (V clear).
                let overflow = self.trap_label(TrapKind::IntegerOverflow);
                match size {
                    S32 => a64!(self.ops
                        ; cmn WSP(r), 1
                        ; ccmp W(l), 1, 0, eq
                    ),
                    S64 => a64!(self.ops
                        ; cmn XSP(r), 1
                        ; ccmp X(l), 1, 0, eq
                    ),
                }
                self.cond_branch_out_of_line(CondBranch::B(Cond::Vs), overflow);
                match size {
                    S32 => a64!(self.ops; sdiv W(d), W(l), W(r)),
                    S64 => a64!(self.ops; sdiv X(d), X(l), X(r)),
                }
            }
            (IntDivKind::DivU, S32) => a64!(self.ops; udiv W(d), W(l), W(r)),
            (IntDivKind::DivU, S64) => a64!(self.ops; udiv X(d), X(l), X(r)),
            // The quotient goes to a scratch: `d` may alias `l` or `r`, which msub still reads.
            (IntDivKind::RemS, S32) => a64!(self.ops
                ; sdiv W(X16), W(l), W(r)
                ; msub W(d), W(X16), W(r), W(l)
            ),
            (IntDivKind::RemS, S64) => a64!(self.ops
                ; sdiv X(X16), X(l), X(r)
                ; msub X(d), X(X16), X(r), X(l)
            ),
            (IntDivKind::RemU, S32) => a64!(self.ops
                ; udiv W(X16), W(l), W(r)
                ; msub W(d), W(X16), W(r), W(l)
            ),
            (IntDivKind::RemU, S64) => a64!(self.ops
                ; udiv X(X16), X(l), X(r)
                ; msub X(d), X(X16), X(r), X(l)
            ),
        }
    }

    /// Unary integer operations.
    pub(crate) fn emit_int_unop(&mut self, kind: IntUnKind, size: OperandSize, dst: Reg, src: Reg) {
        let (d, s) = (regs::gpr(dst), regs::gpr(src));
        match (kind, size) {
            (IntUnKind::Clz, S32) => a64!(self.ops; clz W(d), W(s)),
            (IntUnKind::Clz, S64) => a64!(self.ops; clz X(d), X(s)),
            (IntUnKind::Ctz, S32) => a64!(self.ops
                ; rbit W(X16), W(s)
                ; clz W(d), W(X16)
            ),
            (IntUnKind::Ctz, S64) => a64!(self.ops
                ; rbit X(X16), X(s)
                ; clz X(d), X(X16)
            ),
            // Population count through the SIMD `cnt` (per byte) and `addv` (sum of the bytes);
            // the scalar writes clear the rest of v31, and `fmov w, s` zero-extends.
            (IntUnKind::Popcnt, S32) => a64!(self.ops
                ; fmov S(VTMP), W(s)
                ; cnt V(VTMP).B8, V(VTMP).B8
                ; addv B(VTMP), V(VTMP).B8
                ; fmov W(d), S(VTMP)
            ),
            (IntUnKind::Popcnt, S64) => a64!(self.ops
                ; fmov D(VTMP), X(s)
                ; cnt V(VTMP).B8, V(VTMP).B8
                ; addv B(VTMP), V(VTMP).B8
                ; fmov W(d), S(VTMP)
            ),
            (IntUnKind::Eqz, _) => {
                match size {
                    S32 => a64!(self.ops; cmp WSP(s), 0),
                    S64 => a64!(self.ops; cmp XSP(s), 0),
                }
                self.cset(d, Cond::Eq);
            }
            (IntUnKind::Extend8S, S32) => a64!(self.ops; sxtb W(d), W(s)),
            (IntUnKind::Extend8S, S64) => a64!(self.ops; sxtb X(d), W(s)),
            (IntUnKind::Extend16S, S32) => a64!(self.ops; sxth W(d), W(s)),
            (IntUnKind::Extend16S, S64) => a64!(self.ops; sxth X(d), W(s)),
            (IntUnKind::Extend32S, S64) => a64!(self.ops; sxtw X(d), W(s)),
            (IntUnKind::Extend32S, S32) => {
                // Only defined for i64; on an i32 it is the identity.
                debug_assert!(false, "Extend32S on S32");
                self.mov32(d, s);
            }
        }
    }

    /// `dst = (lhs cmp rhs) as i32`.
    pub(crate) fn emit_int_cmp(
        &mut self,
        kind: IntCmpKind,
        size: OperandSize,
        dst: Reg,
        lhs: Reg,
        rhs: RegImm,
    ) {
        let d = regs::gpr(dst);
        self.cmp_reg_imm(size, lhs, rhs);
        self.cset(d, int_cond(kind));
    }
}
