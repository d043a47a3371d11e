//! Floating point: arithmetic, sign-bit operations, rounding, comparisons and the inline
//! conversions.
//!
//! f32 and f64 live in the low 32/64 bits of a SIMD&FP register (`Sn`/`Dn`). AArch64's
//! scalar instructions already follow Wasm where x86 needs help: `fmin`/`fmax` return NaN when
//! either operand is NaN and order -0 below +0; NaN results are quiet (arithmetic) NaNs; `fabs`
//! and `fneg` only touch the sign bit (FPCR.AH is 0); `frintp`/`frintm`/`frintz`/`frintn` are
//! ceil/floor/trunc/nearest-even; `ucvtf` converts unsigned 64-bit integers with one rounding.

use breakwater_core::codegen::{
    ConvertKind, FloatBinKind, FloatCmpKind, FloatUnKind, OperandSize, Reg,
};
use dynasmrt::DynasmApi;

use crate::asm::Cond;
use crate::emitter::Aarch64Emitter;
use crate::regs::{self, X16, X17};

use OperandSize::{S32, S64};

impl Aarch64Emitter {
    /// `dst = lhs op rhs` for every `FloatBinKind`.
    pub(crate) fn emit_float_binop(
        &mut self,
        kind: FloatBinKind,
        size: OperandSize,
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    ) {
        let (d, l, r) = (regs::fpr(dst), regs::fpr(lhs), regs::fpr(rhs));
        match (kind, size) {
            (FloatBinKind::Add, S32) => a64!(self.ops; fadd S(d), S(l), S(r)),
            (FloatBinKind::Add, S64) => a64!(self.ops; fadd D(d), D(l), D(r)),
            (FloatBinKind::Sub, S32) => a64!(self.ops; fsub S(d), S(l), S(r)),
            (FloatBinKind::Sub, S64) => a64!(self.ops; fsub D(d), D(l), D(r)),
            (FloatBinKind::Mul, S32) => a64!(self.ops; fmul S(d), S(l), S(r)),
            (FloatBinKind::Mul, S64) => a64!(self.ops; fmul D(d), D(l), D(r)),
            (FloatBinKind::Div, S32) => a64!(self.ops; fdiv S(d), S(l), S(r)),
            (FloatBinKind::Div, S64) => a64!(self.ops; fdiv D(d), D(l), D(r)),
            (FloatBinKind::Min, S32) => a64!(self.ops; fmin S(d), S(l), S(r)),
            (FloatBinKind::Min, S64) => a64!(self.ops; fmin D(d), D(l), D(r)),
            (FloatBinKind::Max, S32) => a64!(self.ops; fmax S(d), S(l), S(r)),
            (FloatBinKind::Max, S64) => a64!(self.ops; fmax D(d), D(l), D(r)),
            // dst = (lhs & !sign) | (rhs & sign) in integer registers: `bfxil` inserts lhs's
            // magnitude bits under rhs's sign bit. Both sources are read before dst is
            // written, so any aliasing works.
            (FloatBinKind::Copysign, S32) => a64!(self.ops
                ; fmov W(X16), S(l)
                ; fmov W(X17), S(r)
                ; bfxil W(X17), W(X16), 0, 31
                ; fmov S(d), W(X17)
            ),
            (FloatBinKind::Copysign, S64) => a64!(self.ops
                ; fmov X(X16), D(l)
                ; fmov X(X17), D(r)
                ; bfxil X(X17), X(X16), 0, 63
                ; fmov D(d), X(X17)
            ),
        }
    }

    /// `dst = op src` for every `FloatUnKind`.
    pub(crate) fn emit_float_unop(
        &mut self,
        kind: FloatUnKind,
        size: OperandSize,
        dst: Reg,
        src: Reg,
    ) {
        let (d, s) = (regs::fpr(dst), regs::fpr(src));
        match (kind, size) {
            (FloatUnKind::Abs, S32) => a64!(self.ops; fabs S(d), S(s)),
            (FloatUnKind::Abs, S64) => a64!(self.ops; fabs D(d), D(s)),
            (FloatUnKind::Neg, S32) => a64!(self.ops; fneg S(d), S(s)),
            (FloatUnKind::Neg, S64) => a64!(self.ops; fneg D(d), D(s)),
            (FloatUnKind::Sqrt, S32) => a64!(self.ops; fsqrt S(d), S(s)),
            (FloatUnKind::Sqrt, S64) => a64!(self.ops; fsqrt D(d), D(s)),
            (FloatUnKind::Ceil, S32) => a64!(self.ops; frintp S(d), S(s)),
            (FloatUnKind::Ceil, S64) => a64!(self.ops; frintp D(d), D(s)),
            (FloatUnKind::Floor, S32) => a64!(self.ops; frintm S(d), S(s)),
            (FloatUnKind::Floor, S64) => a64!(self.ops; frintm D(d), D(s)),
            (FloatUnKind::Trunc, S32) => a64!(self.ops; frintz S(d), S(s)),
            (FloatUnKind::Trunc, S64) => a64!(self.ops; frintz D(d), D(s)),
            (FloatUnKind::Nearest, S32) => a64!(self.ops; frintn S(d), S(s)),
            (FloatUnKind::Nearest, S64) => a64!(self.ops; frintn D(d), D(s)),
        }
    }

    /// `dst (Gpr) = (lhs cmp rhs) as i32`; false on NaN except for `Ne`.
    ///
    /// `fcmp` sets NZCV to 0110 (equal), 1000 (less), 0010 (greater) or 0011 (unordered), so
    /// `eq`, `ne`, `mi`, `gt`, `ls` and `ge` are exactly Wasm's six comparisons.
    pub(crate) fn emit_float_cmp(
        &mut self,
        kind: FloatCmpKind,
        size: OperandSize,
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    ) {
        let (d, l, r) = (regs::gpr(dst), regs::fpr(lhs), regs::fpr(rhs));
        match size {
            S32 => a64!(self.ops; fcmp S(l), S(r)),
            S64 => a64!(self.ops; fcmp D(l), D(r)),
        }
        let cond = match kind {
            FloatCmpKind::Eq => Cond::Eq,
            FloatCmpKind::Ne => Cond::Ne,
            FloatCmpKind::Lt => Cond::Mi,
            FloatCmpKind::Gt => Cond::Gt,
            FloatCmpKind::Le => Cond::Ls,
            FloatCmpKind::Ge => Cond::Ge,
        };
        self.cset(d, cond);
    }

    /// The inline conversions.
    pub(crate) fn emit_convert(&mut self, kind: ConvertKind, dst: Reg, src: Reg) {
        use ConvertKind::*;
        match kind {
            // A W-register move zero-extends, which is also what i32 -> i64 unsigned needs.
            I32WrapI64 | I64ExtendI32U => self.mov32(regs::gpr(dst), regs::gpr(src)),
            I64ExtendI32S => a64!(self.ops; sxtw X(regs::gpr(dst)), W(regs::gpr(src))),
            F32DemoteF64 => a64!(self.ops; fcvt S(regs::fpr(dst)), D(regs::fpr(src))),
            F64PromoteF32 => a64!(self.ops; fcvt D(regs::fpr(dst)), S(regs::fpr(src))),
            I32ReinterpretF32 => a64!(self.ops; fmov W(regs::gpr(dst)), S(regs::fpr(src))),
            I64ReinterpretF64 => a64!(self.ops; fmov X(regs::gpr(dst)), D(regs::fpr(src))),
            F32ReinterpretI32 => a64!(self.ops; fmov S(regs::fpr(dst)), W(regs::gpr(src))),
            F64ReinterpretI64 => a64!(self.ops; fmov D(regs::fpr(dst)), X(regs::gpr(src))),
            F32ConvertI32S => a64!(self.ops; scvtf S(regs::fpr(dst)), W(regs::gpr(src))),
            F32ConvertI32U => a64!(self.ops; ucvtf S(regs::fpr(dst)), W(regs::gpr(src))),
            F32ConvertI64S => a64!(self.ops; scvtf S(regs::fpr(dst)), X(regs::gpr(src))),
            F32ConvertI64U => a64!(self.ops; ucvtf S(regs::fpr(dst)), X(regs::gpr(src))),
            F64ConvertI32S => a64!(self.ops; scvtf D(regs::fpr(dst)), W(regs::gpr(src))),
            F64ConvertI32U => a64!(self.ops; ucvtf D(regs::fpr(dst)), W(regs::gpr(src))),
            F64ConvertI64S => a64!(self.ops; scvtf D(regs::fpr(dst)), X(regs::gpr(src))),
            F64ConvertI64U => a64!(self.ops; ucvtf D(regs::fpr(dst)), X(regs::gpr(src))),
        }
    }
}
