//! Float-to-int truncations, inline. `fcvtzs`/`fcvtzu` already saturate the way Wasm's
//! `trunc_sat` operators do (NaN gives 0, out-of-range values the nearest bound); the trapping
//! operators check NaN and the range first.

use breakwater_core::codegen::{OperandSize, Reg, Truncation};
use breakwater_core::trap::TrapKind;
use dynasmrt::DynasmApi;

use crate::asm::Cond;
use crate::emitter::{Aarch64Emitter, CondBranch};
use crate::regs::{self, VTMP, X9};

use OperandSize::{S32, S64};

impl Aarch64Emitter {
    /// `dst = truncate(src)` (see [`Truncation`]).
    pub(crate) fn emit_truncate(&mut self, t: Truncation, dst: Reg, src: Reg) {
        let (d, s) = (regs::gpr(dst), regs::fpr(src));
        if !t.saturating {
            self.fcmp(t.float, s, s);
            let invalid = self.trap_label(TrapKind::InvalidConversionToInteger);
            self.cond_branch_out_of_line(CondBranch::B(Cond::Vs), invalid);
            // Valid values lie strictly between the two bounds, or from the lower one
            // inclusive where it is itself valid (a power of two the float type holds).
            let (low, low_valid, high) = match (t.int, t.signed) {
                (S32, true) if t.float == S32 => (-2147483648.0, true, 2147483648.0),
                (S32, true) => (-2147483649.0, false, 2147483648.0),
                (S32, false) => (-1.0, false, 4294967296.0),
                (S64, true) => (-9223372036854775808.0, true, 9223372036854775808.0),
                (S64, false) => (-1.0, false, 18446744073709551616.0),
            };
            let overflow = self.trap_label(TrapKind::IntegerOverflow);
            self.float_const(t.float, low);
            self.fcmp(t.float, s, VTMP);
            let below = if low_valid { Cond::Mi } else { Cond::Ls };
            self.cond_branch_out_of_line(CondBranch::B(below), overflow);
            self.float_const(t.float, high);
            self.fcmp(t.float, s, VTMP);
            self.cond_branch_out_of_line(CondBranch::B(Cond::Ge), overflow);
        }
        match (t.int, t.signed, t.float) {
            (S32, true, S32) => a64!(self.ops; fcvtzs W(d), S(s)),
            (S32, true, S64) => a64!(self.ops; fcvtzs W(d), D(s)),
            (S32, false, S32) => a64!(self.ops; fcvtzu W(d), S(s)),
            (S32, false, S64) => a64!(self.ops; fcvtzu W(d), D(s)),
            (S64, true, S32) => a64!(self.ops; fcvtzs X(d), S(s)),
            (S64, true, S64) => a64!(self.ops; fcvtzs X(d), D(s)),
            (S64, false, S32) => a64!(self.ops; fcvtzu X(d), S(s)),
            (S64, false, S64) => a64!(self.ops; fcvtzu X(d), D(s)),
        }
    }

    /// `fcmp a, b` on f32 or f64 registers.
    fn fcmp(&mut self, float: OperandSize, a: u8, b: u8) {
        match float {
            S32 => a64!(self.ops; fcmp S(a), S(b)),
            S64 => a64!(self.ops; fcmp D(a), D(b)),
        }
    }

    /// The scratch float register = `value` as a float of size `float` (exact: the bounds
    /// are small integers or powers of two).
    fn float_const(&mut self, float: OperandSize, value: f64) {
        match float {
            S32 => {
                self.mov_imm32(X9, (value as f32).to_bits());
                a64!(self.ops; fmov S(VTMP), W(X9));
            }
            S64 => {
                self.mov_imm64(X9, value.to_bits());
                a64!(self.ops; fmov D(VTMP), X(X9));
            }
        }
    }
}
