//! Hardware-level helpers on top of `dynasm!`: condition codes, constants, register moves,
//! immediate arithmetic and memory operands that fall back to a scratch register when a value
//! does not fit the instruction's field.
//!
//! dynasm checks dynamic immediates at run time and panics when one does not fit, so every
//! helper here decides the form from the value first. x17 (IP1) belongs to these helpers: a
//! helper may overwrite it, and no caller keeps a value in it across a helper call.

use breakwater_core::codegen::OperandSize;
use dynasmrt::aarch64::{encode_logical_immediate_32bit, encode_logical_immediate_64bit};
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::emitter::Aarch64Emitter;
use crate::regs::{SP, X17};

use OperandSize::{S32, S64};

/// An AArch64 condition code (the `cond` of `b.cond`, `cset`, `csel`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Cond {
    /// Equal (Z = 1).
    Eq,
    /// Not equal (Z = 0).
    Ne,
    /// Unsigned higher or same, carry set (C = 1).
    Hs,
    /// Unsigned lower, carry clear (C = 0).
    Lo,
    /// Negative (N = 1); float "less than" after `fcmp`.
    Mi,
    /// Positive or zero (N = 0).
    Pl,
    /// Overflow (V = 1).
    Vs,
    /// No overflow (V = 0).
    Vc,
    /// Unsigned higher (C = 1 and Z = 0).
    Hi,
    /// Unsigned lower or same (C = 0 or Z = 1).
    Ls,
    /// Signed greater or equal (N = V).
    Ge,
    /// Signed less than (N != V).
    Lt,
    /// Signed greater than (Z = 0 and N = V).
    Gt,
    /// Signed less or equal (Z = 1 or N != V).
    Le,
}

impl Cond {
    /// The opposite condition.
    pub(crate) fn invert(self) -> Cond {
        use Cond::*;
        match self {
            Eq => Ne,
            Ne => Eq,
            Hs => Lo,
            Lo => Hs,
            Mi => Pl,
            Pl => Mi,
            Vs => Vc,
            Vc => Vs,
            Hi => Ls,
            Ls => Hi,
            Ge => Lt,
            Lt => Ge,
            Gt => Le,
            Le => Gt,
        }
    }
}

/// A load or store of one register, by its (size, V, opc) fields in the Arm ARM's "Load/store
/// register" encoding classes (C4.1.94: unsigned immediate, unscaled immediate, register
/// offset), which share them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mem {
    /// `ldr Xt`
    LdrX,
    /// `ldr Wt` (zero-extends)
    LdrW,
    /// `ldr Dt`
    LdrD,
    /// `ldr St`
    LdrS,
    /// `ldrb Wt`
    Ldrb,
    /// `ldrh Wt`
    Ldrh,
    /// `ldrsb Wt`
    Ldrsb32,
    /// `ldrsb Xt`
    Ldrsb64,
    /// `ldrsh Wt`
    Ldrsh32,
    /// `ldrsh Xt`
    Ldrsh64,
    /// `ldrsw Xt`
    Ldrsw,
    /// `str Xt`
    StrX,
    /// `str Wt`
    StrW,
    /// `str Dt`
    StrD,
    /// `str St`
    StrS,
    /// `strb Wt`
    Strb,
    /// `strh Wt`
    Strh,
}

impl Mem {
    /// `(size, V, opc)`: log2 of the access size, SIMD&FP register, operation.
    fn fields(self) -> (u32, u32, u32) {
        use Mem::*;
        match self {
            LdrX => (3, 0, 1),
            LdrW => (2, 0, 1),
            LdrD => (3, 1, 1),
            LdrS => (2, 1, 1),
            Ldrb => (0, 0, 1),
            Ldrh => (1, 0, 1),
            Ldrsb64 => (0, 0, 2),
            Ldrsb32 => (0, 0, 3),
            Ldrsh64 => (1, 0, 2),
            Ldrsh32 => (1, 0, 3),
            Ldrsw => (2, 0, 2),
            StrX => (3, 0, 0),
            StrW => (2, 0, 0),
            StrD => (3, 1, 0),
            StrS => (2, 1, 0),
            Strb => (0, 0, 0),
            Strh => (1, 0, 0),
        }
    }

    /// Whether the transfer register is a store's source (a general-purpose one must then not
    /// be the helper's scratch).
    fn is_store(self) -> bool {
        self.fields().2 == 0
    }

    /// Whether the transfer register is a SIMD&FP register.
    fn is_simd(self) -> bool {
        self.fields().1 == 1
    }

    /// `[Xn|SP, #imm12 * size]` (unsigned, scaled).
    pub(crate) fn unsigned_offset(self, rt: u8, rn: u8, scaled: u32) -> u32 {
        let (size, v, opc) = self.fields();
        debug_assert!(scaled < 4096);
        size << 30
            | 0b111 << 27
            | v << 26
            | 0b01 << 24
            | opc << 22
            | scaled << 10
            | (rn as u32) << 5
            | rt as u32
    }

    /// `[Xn|SP, #simm9]` (the `ldur`/`stur` family).
    pub(crate) fn unscaled(self, rt: u8, rn: u8, imm9: i32) -> u32 {
        let (size, v, opc) = self.fields();
        debug_assert!((-256..256).contains(&imm9));
        size << 30
            | 0b111 << 27
            | v << 26
            | opc << 22
            | ((imm9 as u32) & 0x1ff) << 12
            | (rn as u32) << 5
            | rt as u32
    }

    /// `[Xn|SP, Xm]` (register offset, `LSL #0`).
    pub(crate) fn register_offset(self, rt: u8, rn: u8, rm: u8) -> u32 {
        const OPTION_LSL: u32 = 0b011;
        self.extended_register_offset(rt, rn, rm, OPTION_LSL)
    }

    /// `[Xn|SP, Wm, UXTW]` (register offset, the 32-bit index zero-extended).
    pub(crate) fn register_offset_uxtw(self, rt: u8, rn: u8, rm: u8) -> u32 {
        const OPTION_UXTW: u32 = 0b010;
        self.extended_register_offset(rt, rn, rm, OPTION_UXTW)
    }

    /// The register-offset form with extend `option` (no shift).
    fn extended_register_offset(self, rt: u8, rn: u8, rm: u8, option: u32) -> u32 {
        let (size, v, opc) = self.fields();
        size << 30
            | 0b111 << 27
            | v << 26
            | opc << 22
            | 1 << 21
            | (rm as u32) << 16
            | option << 13
            | 0b10 << 10
            | (rn as u32) << 5
            | rt as u32
    }

    /// Bytes accessed.
    pub(crate) fn bytes(self) -> i64 {
        1 << self.fields().0
    }
}

/// The `imm12` (and whether it is shifted by 12) of an add/sub immediate equal to `v`, if any.
fn arith_imm(v: u64) -> Option<(u32, bool)> {
    if v < 4096 {
        Some((v as u32, false))
    } else if v & 0xfff == 0 && v >> 12 < 4096 {
        Some(((v >> 12) as u32, true))
    } else {
        None
    }
}

impl Aarch64Emitter {
    /// Emits one instruction word encoded by hand.
    pub(crate) fn word(&mut self, w: u32) {
        a64!(self.ops; .u32 w);
    }

    /// `b.cond label` (±1 MiB: only for labels the caller knows to be in range).
    pub(crate) fn b_cond_near(&mut self, cond: Cond, label: DynamicLabel) {
        use Cond::*;
        match cond {
            Eq => a64!(self.ops; b.eq =>label),
            Ne => a64!(self.ops; b.ne =>label),
            Hs => a64!(self.ops; b.hs =>label),
            Lo => a64!(self.ops; b.lo =>label),
            Mi => a64!(self.ops; b.mi =>label),
            Pl => a64!(self.ops; b.pl =>label),
            Vs => a64!(self.ops; b.vs =>label),
            Vc => a64!(self.ops; b.vc =>label),
            Hi => a64!(self.ops; b.hi =>label),
            Ls => a64!(self.ops; b.ls =>label),
            Ge => a64!(self.ops; b.ge =>label),
            Lt => a64!(self.ops; b.lt =>label),
            Gt => a64!(self.ops; b.gt =>label),
            Le => a64!(self.ops; b.le =>label),
        }
    }

    /// `cset Wd, cond` (the upper half of `Xd` is zeroed too).
    pub(crate) fn cset(&mut self, d: u8, cond: Cond) {
        use Cond::*;
        match cond {
            Eq => a64!(self.ops; cset W(d), eq),
            Ne => a64!(self.ops; cset W(d), ne),
            Hs => a64!(self.ops; cset W(d), hs),
            Lo => a64!(self.ops; cset W(d), lo),
            Mi => a64!(self.ops; cset W(d), mi),
            Pl => a64!(self.ops; cset W(d), pl),
            Vs => a64!(self.ops; cset W(d), vs),
            Vc => a64!(self.ops; cset W(d), vc),
            Hi => a64!(self.ops; cset W(d), hi),
            Ls => a64!(self.ops; cset W(d), ls),
            Ge => a64!(self.ops; cset W(d), ge),
            Lt => a64!(self.ops; cset W(d), lt),
            Gt => a64!(self.ops; cset W(d), gt),
            Le => a64!(self.ops; cset W(d), le),
        }
    }

    /// `dst = imm` (64-bit) in the fewest `movz`/`movn`/`movk` (or one `orr` with a logical
    /// immediate).
    pub(crate) fn mov_imm64(&mut self, dst: u8, imm: u64) {
        let halves = |v: u64| (0..4).map(move |i| ((v >> (16 * i)) & 0xffff) as u32);
        let zeros = halves(imm).filter(|&h| h == 0).count();
        let ones = halves(imm).filter(|&h| h == 0xffff).count();
        if zeros < 3 && ones < 3 && encode_logical_immediate_64bit(imm).is_some() {
            a64!(self.ops; mov.logical XSP(dst), imm);
            return;
        }
        let inverted = ones > zeros;
        let fill = if inverted { 0xffff } else { 0 };
        let mut first = true;
        for (i, h) in halves(imm).enumerate() {
            if h == fill {
                continue;
            }
            let shift = 16 * i as u32;
            if first {
                first = false;
                if inverted {
                    let nh = !h & 0xffff;
                    a64!(self.ops; movn X(dst), nh, LSL shift);
                } else {
                    a64!(self.ops; movz X(dst), h, LSL shift);
                }
            } else {
                a64!(self.ops; movk X(dst), h, LSL shift);
            }
        }
        if first {
            // Every halfword is the fill: 0 or all ones.
            if inverted {
                a64!(self.ops; movn X(dst), 0);
            } else {
                a64!(self.ops; movz X(dst), 0);
            }
        }
    }

    /// `dst = imm` as a 32-bit value (upper half zeroed).
    pub(crate) fn mov_imm32(&mut self, dst: u8, imm: u32) {
        let lo = imm & 0xffff;
        let hi = imm >> 16;
        if hi == 0 {
            a64!(self.ops; movz W(dst), lo);
        } else if lo == 0 {
            a64!(self.ops; movz W(dst), hi, LSL 16);
        } else if hi == 0xffff {
            let n = !lo & 0xffff;
            a64!(self.ops; movn W(dst), n);
        } else if lo == 0xffff {
            let n = !hi & 0xffff;
            a64!(self.ops; movn W(dst), n, LSL 16);
        } else if encode_logical_immediate_32bit(imm).is_some() {
            a64!(self.ops; mov.logical WSP(dst), imm);
        } else {
            a64!(self.ops
                ; movz W(dst), lo
                ; movk W(dst), hi, LSL 16
            );
        }
    }

    /// `dst = src`, 64 bits (general-purpose registers; 31 is xzr).
    pub(crate) fn mov64(&mut self, dst: u8, src: u8) {
        if dst != src {
            a64!(self.ops; mov X(dst), X(src));
        }
    }

    /// `dst = src`, 32 bits zero-extended. Never skipped: it also clears the upper half.
    pub(crate) fn mov32(&mut self, dst: u8, src: u8) {
        a64!(self.ops; mov W(dst), W(src));
    }

    /// `dst = src` for a float register (the low 64 bits are all a value uses).
    pub(crate) fn fmov_dd(&mut self, dst: u8, src: u8) {
        if dst != src {
            a64!(self.ops; fmov D(dst), D(src));
        }
    }

    /// `dst = src + imm` at `size`; `dst` and `src` may be sp (31). When `imm` fits no add/sub
    /// immediate it goes through x17 and the extended-register form, which also accepts sp.
    pub(crate) fn add_imm(&mut self, size: OperandSize, dst: u8, src: u8, imm: i64) {
        let (neg, mag) = if imm < 0 {
            (true, imm.unsigned_abs())
        } else {
            (false, imm as u64)
        };
        match (arith_imm(mag), size) {
            (Some((v, false)), S64) if !neg => a64!(self.ops; add XSP(dst), XSP(src), v),
            (Some((v, true)), S64) if !neg => a64!(self.ops; add XSP(dst), XSP(src), v, LSL 12),
            (Some((v, false)), S64) => a64!(self.ops; sub XSP(dst), XSP(src), v),
            (Some((v, true)), S64) => a64!(self.ops; sub XSP(dst), XSP(src), v, LSL 12),
            (Some((v, false)), S32) if !neg => a64!(self.ops; add WSP(dst), WSP(src), v),
            (Some((v, true)), S32) if !neg => a64!(self.ops; add WSP(dst), WSP(src), v, LSL 12),
            (Some((v, false)), S32) => a64!(self.ops; sub WSP(dst), WSP(src), v),
            (Some((v, true)), S32) => a64!(self.ops; sub WSP(dst), WSP(src), v, LSL 12),
            (None, S64) => {
                self.mov_imm64(X17, imm as u64);
                // The extended-register form, so that `dst` and `src` may be sp.
                a64!(self.ops; add XSP(dst), XSP(src), X(X17), UXTX);
            }
            (None, S32) => {
                self.mov_imm32(X17, imm as u32);
                a64!(self.ops; add WSP(dst), WSP(src), W(X17), UXTW);
            }
        }
    }

    /// Flags of `lhs - imm` at `size` (`cmp`/`cmn` immediate, or through x17).
    pub(crate) fn cmp_imm(&mut self, size: OperandSize, lhs: u8, imm: i64) {
        let (neg, mag) = if imm < 0 {
            (true, imm.unsigned_abs())
        } else {
            (false, imm as u64)
        };
        match (arith_imm(mag), size) {
            (Some((v, false)), S64) if !neg => a64!(self.ops; cmp XSP(lhs), v),
            (Some((v, true)), S64) if !neg => a64!(self.ops; cmp XSP(lhs), v, LSL 12),
            (Some((v, false)), S64) => a64!(self.ops; cmn XSP(lhs), v),
            (Some((v, true)), S64) => a64!(self.ops; cmn XSP(lhs), v, LSL 12),
            (Some((v, false)), S32) if !neg => a64!(self.ops; cmp WSP(lhs), v),
            (Some((v, true)), S32) if !neg => a64!(self.ops; cmp WSP(lhs), v, LSL 12),
            (Some((v, false)), S32) => a64!(self.ops; cmn WSP(lhs), v),
            (Some((v, true)), S32) => a64!(self.ops; cmn WSP(lhs), v, LSL 12),
            (None, S64) => {
                self.mov_imm64(X17, imm as u64);
                a64!(self.ops; cmp X(lhs), X(X17));
            }
            (None, S32) => {
                self.mov_imm32(X17, imm as u32);
                a64!(self.ops; cmp W(lhs), W(X17));
            }
        }
    }

    /// One load or store of `rt` at `[base + off]` in the shortest form: scaled unsigned
    /// offset, unscaled signed 9-bit offset, or the offset in x17 as an index register.
    pub(crate) fn ldst(&mut self, op: Mem, rt: u8, base: u8, off: i64) {
        debug_assert!(base != X17, "x17 is the helper's scratch");
        debug_assert!(
            op.is_simd() || !op.is_store() || rt != X17,
            "x17 is the helper's scratch"
        );
        let size = op.bytes();
        let w = if off >= 0 && off % size == 0 && off / size < 4096 {
            op.unsigned_offset(rt, base, (off / size) as u32)
        } else if (-256..256).contains(&off) {
            op.unscaled(rt, base, off as i32)
        } else {
            self.mov_imm64(X17, off as u64);
            op.register_offset(rt, base, X17)
        };
        self.word(w);
    }

    /// `dst = [base + off]`, 8 bytes.
    pub(crate) fn ld64(&mut self, dst: u8, base: u8, off: i32) {
        self.ldst(Mem::LdrX, dst, base, off as i64);
    }

    /// `dst = [base + off]`, 4 bytes zero-extended.
    pub(crate) fn ld32(&mut self, dst: u8, base: u8, off: i32) {
        self.ldst(Mem::LdrW, dst, base, off as i64);
    }

    /// `[base + off] = src`, 8 bytes.
    pub(crate) fn st64(&mut self, base: u8, off: i32, src: u8) {
        self.ldst(Mem::StrX, src, base, off as i64);
    }

    /// `dst = src op imm` for `and`/`orr`/`eor` (`op` 0, 1, 2) with a logical immediate when
    /// `imm` has one, else through x17.
    pub(crate) fn logical_imm(&mut self, op: u8, size: OperandSize, dst: u8, src: u8, imm: u64) {
        let encodable = match size {
            S32 => encode_logical_immediate_32bit(imm as u32).is_some(),
            S64 => encode_logical_immediate_64bit(imm).is_some(),
        };
        if encodable {
            match (op, size) {
                (0, S32) => a64!(self.ops; and WSP(dst), W(src), imm as u32),
                (0, S64) => a64!(self.ops; and XSP(dst), X(src), imm),
                (1, S32) => a64!(self.ops; orr WSP(dst), W(src), imm as u32),
                (1, S64) => a64!(self.ops; orr XSP(dst), X(src), imm),
                (_, S32) => a64!(self.ops; eor WSP(dst), W(src), imm as u32),
                (_, S64) => a64!(self.ops; eor XSP(dst), X(src), imm),
            }
        } else {
            match size {
                S32 => self.mov_imm32(X17, imm as u32),
                S64 => self.mov_imm64(X17, imm),
            }
            match (op, size) {
                (0, S32) => a64!(self.ops; and W(dst), W(src), W(X17)),
                (0, S64) => a64!(self.ops; and X(dst), X(src), X(X17)),
                (1, S32) => a64!(self.ops; orr W(dst), W(src), W(X17)),
                (1, S64) => a64!(self.ops; orr X(dst), X(src), X(X17)),
                (_, S32) => a64!(self.ops; eor W(dst), W(src), W(X17)),
                (_, S64) => a64!(self.ops; eor X(dst), X(src), X(X17)),
            }
        }
    }

    /// `sp = base + off` (the caller's side of a call: sp at the argument area).
    pub(crate) fn set_sp(&mut self, base: u8, off: i32) {
        self.add_imm(S64, SP, base, off as i64);
    }
}
