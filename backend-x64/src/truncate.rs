//! Float-to-int truncations, inline: the convert instruction's fast path, then, only for
//! a result that may be out of range, code that tells NaN, too low and too high apart and
//! traps or saturates.
//!
//! `cvttss2si`/`cvttsd2si` give the "integer indefinite" (the type's minimum) for NaN and
//! for every value out of range. Uses rax and rcx, xmm14 and xmm15 (scratch).

use breakwater_core::codegen::{OperandSize, Reg, Truncation};
use breakwater_core::trap::TrapKind;
use dynasmrt::DynasmApi;

use crate::asm::Cond;
use crate::emitter::X64Emitter;
use crate::regs::{self, RCX, XTMP, XTMP2};

use OperandSize::{S32, S64};

impl X64Emitter {
    /// `dst = truncate(src)` (see [`Truncation`]).
    pub(crate) fn emit_truncate(&mut self, t: Truncation, dst: Reg, src: Reg) {
        let (d, s) = (regs::gpr(dst), regs::fpr(src));
        let ok = self.fresh_label();
        match (t.int, t.signed) {
            (S32, signed) => {
                // Through i64, exact for every value an i32 can hold: the result is in range
                // when it equals its own 32-bit extension.
                self.cvtt_rax(t.float, s);
                if signed {
                    x64!(self.ops; movsxd rcx, eax);
                } else {
                    x64!(self.ops; mov ecx, eax);
                }
                x64!(self.ops; cmp rcx, rax);
                self.jcc_short(Cond::E, ok);
                let (low, high) = if signed {
                    (i32::MIN as u32 as u64, i32::MAX as u64)
                } else {
                    (0, u32::MAX as u64)
                };
                self.out_of_range(t, s, low, high);
            }
            (S64, true) => {
                // The result is the minimum for NaN, for values out of range, and for -2^63
                // itself (the only one that is valid).
                self.cvtt_rax(t.float, s);
                x64!(self.ops; cmp rax, 1);
                self.jcc_short(Cond::No, ok);
                if !t.saturating {
                    self.trap_if_nan(t.float, s);
                    self.float_const(t.float, XTMP, -(2f64.powi(63)));
                    self.ucomis(t.float, s, XTMP);
                    let overflow = self.trap_label(TrapKind::IntegerOverflow);
                    self.jcc(Cond::Ne, overflow);
                    self.jmp_short(ok);
                } else {
                    self.out_of_range(t, s, i64::MIN as u64, i64::MAX as u64);
                }
            }
            (S64, false) => {
                // Below 2^63, the signed conversion (a negative result: NaN or too low);
                // from 2^63, the signed conversion of `src - 2^63`, plus 2^63.
                let big = self.fresh_label();
                let low = self.fresh_label();
                self.float_const(t.float, XTMP, 2f64.powi(63));
                self.ucomis(t.float, s, XTMP);
                self.jcc_short(Cond::Ae, big);
                self.cvtt_rax(t.float, s);
                x64!(self.ops; test rax, rax);
                self.jcc_short(Cond::Ns, ok);
                self.jmp_short(low);
                self.bind_label(big);
                x64!(self.ops; movaps Rx(XTMP2), Rx(s));
                match t.float {
                    S32 => x64!(self.ops; subss Rx(XTMP2), Rx(XTMP)),
                    S64 => x64!(self.ops; subsd Rx(XTMP2), Rx(XTMP)),
                }
                self.cvtt_rax(t.float, XTMP2);
                x64!(self.ops; test rax, rax);
                let high = self.fresh_label();
                self.jcc_short(Cond::S, high);
                x64!(self.ops; btc rax, 63);
                self.jmp_short(ok);
                // Too high (from 2^64).
                self.bind_label(high);
                if t.saturating {
                    x64!(self.ops; mov rax, -1);
                    self.jmp_short(ok);
                } else {
                    let overflow = self.trap_label(TrapKind::IntegerOverflow);
                    self.jump_rel32(None, overflow);
                }
                // NaN or too low.
                self.bind_label(low);
                if t.saturating {
                    x64!(self.ops; xor eax, eax);
                } else {
                    self.trap_if_nan(t.float, s);
                    let overflow = self.trap_label(TrapKind::IntegerOverflow);
                    self.jump_rel32(None, overflow);
                }
            }
        }
        self.bind_label(ok);
        match t.int {
            S32 => x64!(self.ops; mov Rd(d), eax),
            S64 => x64!(self.ops; mov Rq(d), rax),
        }
    }

    /// The result in rax was out of range (or `src` NaN): a trapping truncation traps; a
    /// saturating one puts 0 (NaN), `low` (negative) or `high` in rax. Falls through to the
    /// result's move.
    fn out_of_range(&mut self, t: Truncation, s: u8, low: u64, high: u64) {
        if !t.saturating {
            self.trap_if_nan(t.float, s);
            let overflow = self.trap_label(TrapKind::IntegerOverflow);
            self.jump_rel32(None, overflow);
            return;
        }
        let done = self.fresh_label();
        // `mov` leaves the flags alone: each value is set before the test that keeps it.
        x64!(self.ops; mov eax, 0);
        self.ucomis(t.float, s, s);
        self.jcc_short(Cond::P, done);
        x64!(self.ops; xorps Rx(XTMP), Rx(XTMP));
        self.ucomis(t.float, s, XTMP);
        x64!(self.ops; mov rax, QWORD low as i64);
        self.jcc_short(Cond::B, done);
        x64!(self.ops; mov rax, QWORD high as i64);
        self.bind_label(done);
    }

    /// `rax = cvtt(src)` as an i64, from an f32 or f64 in xmm `s`.
    fn cvtt_rax(&mut self, float: OperandSize, s: u8) {
        match float {
            S32 => x64!(self.ops; cvttss2si rax, Rx(s)),
            S64 => x64!(self.ops; cvttsd2si rax, Rx(s)),
        }
    }

    /// Traps with [`TrapKind::InvalidConversionToInteger`] if xmm `s` is NaN.
    fn trap_if_nan(&mut self, float: OperandSize, s: u8) {
        self.ucomis(float, s, s);
        let invalid = self.trap_label(TrapKind::InvalidConversionToInteger);
        self.jcc(Cond::P, invalid);
    }

    /// xmm `x` = `value` as a float of size `float`, through rcx (rax may hold a result).
    fn float_const(&mut self, float: OperandSize, x: u8, value: f64) {
        let bits = match float {
            S32 => (value as f32).to_bits() as u64,
            S64 => value.to_bits(),
        };
        self.xmm_from_bits_via(float, x, bits, RCX);
    }
}
