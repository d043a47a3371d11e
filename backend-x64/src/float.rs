//! Floating point: arithmetic with Wasm's min/max, sign-bit operations, SSE4.1 rounding,
//! comparisons and the inline conversions.
//!
//! f32 and f64 live in the low lane of an xmm register; the upper lanes are don't-care.
//! xmm15 and xmm14 are scratch.

use breakwater_core::codegen::{
    ConvertKind, FloatBinKind, FloatCmpKind, FloatUnKind, OperandSize, Reg,
};
use dynasmrt::DynasmApi;

use crate::asm::Cond;
use crate::emitter::X64Emitter;
use crate::regs::{self, RAX, RCX, XTMP, XTMP2};

use OperandSize::{S32, S64};

/// The SSE arithmetic instructions (`*ss` / `*sd` by size).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Arith {
    /// `addss` / `addsd`
    Add,
    /// `subss` / `subsd`
    Sub,
    /// `mulss` / `mulsd`
    Mul,
    /// `divss` / `divsd`
    Div,
    /// `minss` / `minsd` (x86 semantics: the second operand on NaN or equal)
    Min,
    /// `maxss` / `maxsd` (x86 semantics)
    Max,
}

/// Bit 3 of the `roundss`/`roundsd` immediate: suppress the precision exception (the mode is
/// in bits 0-1; bit 2 clear selects the immediate mode over MXCSR's).
const ROUND_NO_PRECISION_EXC: i8 = 8;
/// Round to nearest, ties to even.
const ROUND_NEAREST: i8 = ROUND_NO_PRECISION_EXC;
/// Round toward -inf.
const ROUND_FLOOR: i8 = 1 | ROUND_NO_PRECISION_EXC;
/// Round toward +inf.
const ROUND_CEIL: i8 = 2 | ROUND_NO_PRECISION_EXC;
/// Round toward zero.
const ROUND_TRUNC: i8 = 3 | ROUND_NO_PRECISION_EXC;

/// The mandatory prefix of a scalar SSE instruction: F3 (single) or F2 (double).
pub(crate) fn scalar_prefix(size: OperandSize) -> Option<u8> {
    Some(match size {
        S32 => 0xf3,
        S64 => 0xf2,
    })
}

impl X64Emitter {
    /// `dst = dst op src` on the low lane.
    fn arith(&mut self, op: Arith, size: OperandSize, dst: u8, src: u8) {
        let opcode = match op {
            Arith::Add => 0x58,
            Arith::Mul => 0x59,
            Arith::Sub => 0x5c,
            Arith::Min => 0x5d,
            Arith::Div => 0x5e,
            Arith::Max => 0x5f,
        };
        self.enc_sse_rr(scalar_prefix(size), opcode, dst, src);
    }

    /// Flags of an unordered compare of `a` with `b`: ZF/PF/CF = 1/1/1 if unordered,
    /// 0/0/0 if `a > b`, 0/0/1 if `a < b`, 1/0/0 if equal.
    pub(crate) fn ucomis(&mut self, size: OperandSize, a: u8, b: u8) {
        // ucomiss: 0F 2E; ucomisd: 66 0F 2E.
        let prefix = match size {
            S32 => None,
            S64 => Some(0x66),
        };
        self.enc_sse_rr(prefix, 0x2e, a, b);
    }

    /// `xmm = bits` through rax (the low 32 bits for `S32`).
    fn xmm_from_bits(&mut self, size: OperandSize, xmm: u8, bits: u64) {
        self.xmm_from_bits_via(size, xmm, bits, RAX);
    }

    /// `xmm = bits` through the scratch register `tmp` (which may clobber the flags).
    pub(crate) fn xmm_from_bits_via(&mut self, size: OperandSize, xmm: u8, bits: u64, tmp: u8) {
        match size {
            S32 => {
                self.mov_imm32(tmp, bits as u32);
                x64!(self.ops; movd Rx(xmm), Rd(tmp));
            }
            S64 => {
                self.mov_imm64(tmp, bits);
                x64!(self.ops; movq Rx(xmm), Rq(tmp));
            }
        }
    }

    /// The sign bit of the type.
    fn sign_mask(size: OperandSize) -> u64 {
        match size {
            S32 => 0x8000_0000,
            S64 => 0x8000_0000_0000_0000,
        }
    }

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
        match kind {
            FloatBinKind::Add => self.arith_aliased(Arith::Add, true, size, d, l, r),
            FloatBinKind::Mul => self.arith_aliased(Arith::Mul, true, size, d, l, r),
            FloatBinKind::Sub => self.arith_aliased(Arith::Sub, false, size, d, l, r),
            FloatBinKind::Div => self.arith_aliased(Arith::Div, false, size, d, l, r),
            FloatBinKind::Min => self.min_max(true, size, d, l, r),
            FloatBinKind::Max => self.min_max(false, size, d, l, r),
            FloatBinKind::Copysign => {
                // dst = (lhs & ~sign) | (rhs & sign); both sources are read before dst is
                // written, so any aliasing works.
                self.xmm_from_bits(size, XTMP, Self::sign_mask(size));
                x64!(self.ops
                    ; movaps Rx(XTMP2), Rx(r)
                    ; andps Rx(XTMP2), Rx(XTMP)
                    ; andnps Rx(XTMP), Rx(l)
                    ; orps Rx(XTMP), Rx(XTMP2)
                );
                self.movaps(d, XTMP);
            }
        }
    }

    /// `d = l op r` for a two-operand instruction, whatever the aliasing. NaN payloads may
    /// come from either operand (Wasm leaves the choice open), so commutative ops can swap.
    fn arith_aliased(
        &mut self,
        op: Arith,
        commutative: bool,
        size: OperandSize,
        d: u8,
        l: u8,
        r: u8,
    ) {
        if d == l {
            self.arith(op, size, d, r);
        } else if d == r && commutative {
            self.arith(op, size, d, l);
        } else if d == r {
            self.movaps(XTMP, l);
            self.arith(op, size, XTMP, r);
            self.movaps(d, XTMP);
        } else {
            self.movaps(d, l);
            self.arith(op, size, d, r);
        }
    }

    /// Wasm `min`/`max`: NaN if either operand is NaN, -0 < +0. x86 `minss`/`maxss` return the
    /// second operand for NaN and for equal operands, so those cases are handled first:
    /// unordered -> `addss` (propagates a quiet NaN); equal -> `orps` (min: -0 wins) or `andps`
    /// (max: +0 wins), which are the identity for equal nonzero values.
    fn min_max(&mut self, is_min: bool, size: OperandSize, d: u8, l: u8, r: u8) {
        // Work in dst when it is lhs; otherwise in a scratch so that an aliased rhs survives.
        let acc = if d == l { d } else { XTMP };
        self.movaps(acc, l);
        let nan = self.fresh_label();
        let ordinary = self.fresh_label();
        let done = self.fresh_label();
        self.ucomis(size, acc, r);
        self.jcc_short(Cond::P, nan);
        self.jcc_short(Cond::Ne, ordinary);
        if is_min {
            x64!(self.ops; orps Rx(acc), Rx(r));
        } else {
            x64!(self.ops; andps Rx(acc), Rx(r));
        }
        self.jmp_short(done);
        self.bind_label(nan);
        self.arith(Arith::Add, size, acc, r);
        self.jmp_short(done);
        self.bind_label(ordinary);
        self.arith(if is_min { Arith::Min } else { Arith::Max }, size, acc, r);
        self.bind_label(done);
        self.movaps(d, acc);
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
        match kind {
            FloatUnKind::Abs => {
                self.xmm_from_bits(size, XTMP, !Self::sign_mask(size) & Self::all_ones(size));
                self.movaps(d, s);
                x64!(self.ops; andps Rx(d), Rx(XTMP));
            }
            FloatUnKind::Neg => {
                self.xmm_from_bits(size, XTMP, Self::sign_mask(size));
                self.movaps(d, s);
                x64!(self.ops; xorps Rx(d), Rx(XTMP));
            }
            FloatUnKind::Sqrt => match size {
                S32 => x64!(self.ops; sqrtss Rx(d), Rx(s)),
                S64 => x64!(self.ops; sqrtsd Rx(d), Rx(s)),
            },
            FloatUnKind::Ceil => self.round(size, d, s, ROUND_CEIL),
            FloatUnKind::Floor => self.round(size, d, s, ROUND_FLOOR),
            FloatUnKind::Trunc => self.round(size, d, s, ROUND_TRUNC),
            FloatUnKind::Nearest => self.round(size, d, s, ROUND_NEAREST),
        }
    }

    /// All bits of the type set.
    fn all_ones(size: OperandSize) -> u64 {
        match size {
            S32 => 0xffff_ffff,
            S64 => u64::MAX,
        }
    }

    /// `roundss`/`roundsd` (SSE4.1) with rounding-control immediate `mode`.
    fn round(&mut self, size: OperandSize, d: u8, s: u8, mode: i8) {
        match size {
            S32 => x64!(self.ops; roundss Rx(d), Rx(s), mode),
            S64 => x64!(self.ops; roundsd Rx(d), Rx(s), mode),
        }
    }

    /// `dst (Gpr) = (lhs cmp rhs) as i32`; false on NaN except for `Ne`.
    ///
    /// After `ucomis a, b`: `a > b` is `above` and `a >= b` is `above or equal`, both false when
    /// unordered (CF = 1). `<` and `<=` swap the operands. Equality needs ZF = 1 and PF = 0.
    pub(crate) fn emit_float_cmp(
        &mut self,
        kind: FloatCmpKind,
        size: OperandSize,
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    ) {
        let (d, l, r) = (regs::gpr(dst), regs::fpr(lhs), regs::fpr(rhs));
        match kind {
            FloatCmpKind::Eq => {
                self.ucomis(size, l, r);
                self.setcc(Cond::E, RAX);
                self.setcc(Cond::Np, RCX);
                x64!(self.ops; and al, cl);
            }
            FloatCmpKind::Ne => {
                self.ucomis(size, l, r);
                self.setcc(Cond::Ne, RAX);
                self.setcc(Cond::P, RCX);
                x64!(self.ops; or al, cl);
            }
            FloatCmpKind::Gt => {
                self.ucomis(size, l, r);
                self.setcc(Cond::A, RAX);
            }
            FloatCmpKind::Ge => {
                self.ucomis(size, l, r);
                self.setcc(Cond::Ae, RAX);
            }
            FloatCmpKind::Lt => {
                self.ucomis(size, r, l);
                self.setcc(Cond::A, RAX);
            }
            FloatCmpKind::Le => {
                self.ucomis(size, r, l);
                self.setcc(Cond::Ae, RAX);
            }
        }
        x64!(self.ops; movzx Rd(d), al);
    }

    /// `dst = convert(src)` for every `ConvertKind`.
    pub(crate) fn emit_convert(&mut self, kind: ConvertKind, dst: Reg, src: Reg) {
        use ConvertKind::*;
        match kind {
            I32WrapI64 => {
                // Always emitted, even for d == s: an i32 in a register is zero-extended (see
                // the crate's i32 invariant).
                let (d, s) = (regs::gpr(dst), regs::gpr(src));
                x64!(self.ops; mov Rd(d), Rd(s));
            }
            I64ExtendI32S => {
                let (d, s) = (regs::gpr(dst), regs::gpr(src));
                x64!(self.ops; movsxd Rq(d), Rd(s));
            }
            I64ExtendI32U => {
                // The i32 is zero-extended already (the crate's i32 invariant): a copy at most.
                let (d, s) = (regs::gpr(dst), regs::gpr(src));
                self.mov_rr(S32, d, s);
            }
            F32DemoteF64 => {
                let (d, s) = (regs::fpr(dst), regs::fpr(src));
                x64!(self.ops; cvtsd2ss Rx(d), Rx(s));
            }
            F64PromoteF32 => {
                let (d, s) = (regs::fpr(dst), regs::fpr(src));
                x64!(self.ops; cvtss2sd Rx(d), Rx(s));
            }
            I32ReinterpretF32 => {
                let (d, s) = (regs::gpr(dst), regs::fpr(src));
                x64!(self.ops; movd Rd(d), Rx(s));
            }
            I64ReinterpretF64 => {
                let (d, s) = (regs::gpr(dst), regs::fpr(src));
                x64!(self.ops; movq Rq(d), Rx(s));
            }
            F32ReinterpretI32 => {
                let (d, s) = (regs::fpr(dst), regs::gpr(src));
                x64!(self.ops; movd Rx(d), Rd(s));
            }
            F64ReinterpretI64 => {
                let (d, s) = (regs::fpr(dst), regs::gpr(src));
                x64!(self.ops; movq Rx(d), Rq(s));
            }
            F32ConvertI32S | F64ConvertI32S | F32ConvertI64S | F64ConvertI64S => {
                let (d, s) = (regs::fpr(dst), regs::gpr(src));
                let to = if matches!(kind, F32ConvertI32S | F32ConvertI64S) {
                    S32
                } else {
                    S64
                };
                // Break the dependency of cvtsi2s* on the old value of dst (different classes:
                // no aliasing possible).
                x64!(self.ops; xorps Rx(d), Rx(d));
                match (kind, to) {
                    (F32ConvertI32S, _) => x64!(self.ops; cvtsi2ss Rx(d), Rd(s)),
                    (F64ConvertI32S, _) => x64!(self.ops; cvtsi2sd Rx(d), Rd(s)),
                    (F32ConvertI64S, _) => x64!(self.ops; cvtsi2ss Rx(d), Rq(s)),
                    _ => x64!(self.ops; cvtsi2sd Rx(d), Rq(s)),
                }
            }
            F32ConvertI32U | F64ConvertI32U => {
                // A u32 is a non-negative i64: zero-extend and use the 64-bit signed convert.
                let (d, s) = (regs::fpr(dst), regs::gpr(src));
                x64!(self.ops
                    ; mov eax, Rd(s)
                    ; xorps Rx(d), Rx(d)
                );
                if kind == F32ConvertI32U {
                    x64!(self.ops; cvtsi2ss Rx(d), rax);
                } else {
                    x64!(self.ops; cvtsi2sd Rx(d), rax);
                }
            }
            F32ConvertI64U => self.convert_u64(S32, regs::fpr(dst), regs::gpr(src)),
            F64ConvertI64U => self.convert_u64(S64, regs::fpr(dst), regs::gpr(src)),
        }
    }

    /// u64 -> float. Values below 2^63 convert as signed. Larger ones are halved first, or-ing
    /// the shifted-out bit back in (a sticky bit, so that the single rounding of the convert is
    /// still correct), then doubled: exact, because doubling only changes the exponent.
    fn convert_u64(&mut self, to: OperandSize, d: u8, s: u8) {
        let big = self.fresh_label();
        let done = self.fresh_label();
        x64!(self.ops
            ; xorps Rx(d), Rx(d)
            ; mov rax, Rq(s)
            ; test rax, rax
        );
        self.jcc_short(Cond::S, big);
        match to {
            S32 => x64!(self.ops; cvtsi2ss Rx(d), rax),
            S64 => x64!(self.ops; cvtsi2sd Rx(d), rax),
        }
        self.jmp_short(done);
        self.bind_label(big);
        x64!(self.ops
            ; mov rcx, rax
            ; shr rcx, 1
            ; and eax, 1
            ; or rcx, rax
        );
        match to {
            S32 => x64!(self.ops; cvtsi2ss Rx(d), rcx; addss Rx(d), Rx(d)),
            S64 => x64!(self.ops; cvtsi2sd Rx(d), rcx; addsd Rx(d), Rx(d)),
        }
        self.bind_label(done);
    }
}
