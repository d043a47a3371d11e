//! Integer arithmetic, division (with its traps), unary operations and comparisons.
//!
//! Rotates by a constant into another register use BMI2's `rorx` (x86-64-v3).
//!
//! Every operation works on 32-bit registers for `S32` (the upper half of an i32 is
//! unspecified on input) and handles any aliasing of `dst` with its sources.

use breakwater_core::codegen::{
    IntBinKind, IntCmpKind, IntDivKind, IntUnKind, OperandSize, Reg, RegImm,
};
use breakwater_core::TrapKind;
use dynasmrt::DynasmApi;

use crate::asm::{fits_i8, Cond};
use crate::emitter::X64Emitter;
use crate::enc::op;
use crate::regs::{self, RAX};

use OperandSize::{S32, S64};

/// The two-operand ALU instructions with register and immediate forms.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Alu {
    /// `add`
    Add,
    /// `sub`
    Sub,
    /// `and`
    And,
    /// `or`
    Or,
    /// `xor`
    Xor,
    /// `cmp` (flags only)
    Cmp,
}

/// The shift and rotate instructions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shift {
    /// `shl`
    Shl,
    /// `sar`
    Sar,
    /// `shr`
    Shr,
    /// `rol`
    Rol,
    /// `ror`
    Ror,
}

impl Shift {
    /// The ModRM.reg extension of the C1/D3 group.
    fn ext(self) -> u8 {
        match self {
            Shift::Rol => 0,
            Shift::Ror => 1,
            Shift::Shl => 4,
            Shift::Shr => 5,
            Shift::Sar => 7,
        }
    }
}

/// The condition that is true when `lhs kind rhs` holds after `cmp lhs, rhs`.
pub(crate) fn int_cond(kind: IntCmpKind) -> Cond {
    match kind {
        IntCmpKind::Eq => Cond::E,
        IntCmpKind::Ne => Cond::Ne,
        IntCmpKind::LtS => Cond::L,
        IntCmpKind::LtU => Cond::B,
        IntCmpKind::GtS => Cond::G,
        IntCmpKind::GtU => Cond::A,
        IntCmpKind::LeS => Cond::Le,
        IntCmpKind::LeU => Cond::Be,
        IntCmpKind::GeS => Cond::Ge,
        IntCmpKind::GeU => Cond::Ae,
    }
}

impl X64Emitter {
    /// `dst op= src` on registers.
    pub(crate) fn alu_rr(&mut self, op: Alu, size: OperandSize, dst: u8, src: u8) {
        let opcode = match op {
            Alu::Add => op::ADD,
            Alu::Sub => op::SUB,
            Alu::And => op::AND,
            Alu::Or => op::OR,
            Alu::Xor => op::XOR,
            Alu::Cmp => op::CMP,
        };
        self.enc_rr(opcode, size, dst, src);
    }

    /// `dst op= imm` (sign-extended for `S64`), with the imm8 form when it fits.
    pub(crate) fn alu_ri(&mut self, op: Alu, size: OperandSize, dst: u8, imm: i32) {
        let ext = match op {
            Alu::Add => 0,
            Alu::Or => 1,
            Alu::And => 4,
            Alu::Sub => 5,
            Alu::Xor => 6,
            Alu::Cmp => 7,
        };
        self.enc_group1_ri(ext, size, dst, imm);
    }

    /// Flags of `lhs - rhs` (register or immediate).
    pub(crate) fn cmp_reg_imm(&mut self, size: OperandSize, lhs: Reg, rhs: RegImm) {
        let l = regs::gpr(lhs);
        match rhs {
            RegImm::Reg(r) => self.alu_rr(Alu::Cmp, size, l, regs::gpr(r)),
            // `test r, r` sets the flags of `cmp r, 0` for every condition, one byte shorter.
            RegImm::Imm(0) => self.enc_rr(op::TEST, size, l, l),
            RegImm::Imm(i) => self.alu_ri(Alu::Cmp, size, l, i),
        }
    }

    /// `dst = -dst`.
    fn neg(&mut self, size: OperandSize, dst: u8) {
        match size {
            S32 => x64!(self.ops; neg Rd(dst)),
            S64 => x64!(self.ops; neg Rq(dst)),
        }
    }

    /// `dst *= src`.
    fn imul_rr(&mut self, size: OperandSize, dst: u8, src: u8) {
        // imul r, r/m: 0F AF /r (reg = dst).
        self.enc_rr2(&[0x0f, 0xaf], size, src, dst);
    }

    /// `dst = src * imm` (three-operand form, so `dst` may equal `src`).
    fn imul_rri(&mut self, size: OperandSize, dst: u8, src: u8, imm: i32) {
        // imul r, r/m, imm8 (6B /r ib) or imm32 (69 /r id), reg = dst.
        if fits_i8(imm) {
            self.enc_rr2(&[0x6b], size, src, dst);
            self.ops.push(imm as i8 as u8);
        } else {
            self.enc_rr2(&[0x69], size, src, dst);
            self.ops.extend(imm.to_le_bytes());
        }
    }

    /// `dst = shift(dst, n)` with a constant count (already reduced modulo the width).
    fn shift_imm(&mut self, op: Shift, size: OperandSize, dst: u8, n: i8) {
        // C1 /ext ib (D1 /ext for a count of 1 is no faster; one form keeps it simple).
        self.enc_rr2(&[0xc1], size, dst, op.ext());
        self.ops.push(n as u8);
    }

    /// `dst = rotr(src, n)` (BMI2 `rorx`, flags untouched), `0 < n < width`.
    fn rorx(&mut self, size: OperandSize, dst: u8, src: u8, n: u8) {
        // VEX.LZ.F2.0F3A.W0/W1 F0 /r ib: C4, then ~R ~X ~B and map 0F3A (00011), then W,
        // vvvv = 1111 (unused), L = 0, pp = F2 (11).
        let byte1 = (((!dst >> 3) & 1) << 7) | (1 << 6) | (((!src >> 3) & 1) << 5) | 0b00011;
        let byte2 = (u8::from(size == S64) << 7) | 0b0111_1011;
        let modrm = 0xc0 | ((dst & 7) << 3) | (src & 7);
        self.ops.extend([0xc4, byte1, byte2, 0xf0, modrm, n]);
    }

    /// `dst = shift(dst, cl)`; the hardware masks the count to the width, as Wasm wants.
    fn shift_cl(&mut self, op: Shift, size: OperandSize, dst: u8) {
        // D3 /ext.
        self.enc_rr2(&[0xd3], size, dst, op.ext());
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
        match kind {
            IntBinKind::Add => self.alu_binop(Alu::Add, size, d, l, rhs),
            IntBinKind::Sub => self.alu_binop(Alu::Sub, size, d, l, rhs),
            IntBinKind::And => self.alu_binop(Alu::And, size, d, l, rhs),
            IntBinKind::Or => self.alu_binop(Alu::Or, size, d, l, rhs),
            IntBinKind::Xor => self.alu_binop(Alu::Xor, size, d, l, rhs),
            IntBinKind::Mul => self.mul(size, d, l, rhs),
            IntBinKind::Shl => self.shift(Shift::Shl, size, d, l, rhs),
            IntBinKind::ShrS => self.shift(Shift::Sar, size, d, l, rhs),
            IntBinKind::ShrU => self.shift(Shift::Shr, size, d, l, rhs),
            IntBinKind::Rotl => self.shift(Shift::Rol, size, d, l, rhs),
            IntBinKind::Rotr => self.shift(Shift::Ror, size, d, l, rhs),
        }
    }

    /// `d = l op rhs` for the two-operand ALU instructions, whatever the aliasing.
    fn alu_binop(&mut self, op: Alu, size: OperandSize, d: u8, l: u8, rhs: RegImm) {
        // `l - i` is `l + (-i)`, a `lea` too (but -i32::MIN does not fit).
        let (op, rhs) = match rhs {
            RegImm::Imm(i) if op == Alu::Sub && d != l && i != i32::MIN => {
                (Alu::Add, RegImm::Imm(-i))
            }
            _ => (op, rhs),
        };
        match rhs {
            RegImm::Imm(i) if op == Alu::Add && d != l => {
                // lea computes the sum without a separate move; with a 32-bit destination it
                // wraps at 32 bits exactly like `add`.
                match (size, fits_i8(i)) {
                    (S32, true) => x64!(self.ops; lea Rd(d), [BYTE Rq(l) + i as i8]),
                    (S64, true) => x64!(self.ops; lea Rq(d), [BYTE Rq(l) + i as i8]),
                    (S32, false) => x64!(self.ops; lea Rd(d), [DWORD Rq(l) + i]),
                    (S64, false) => x64!(self.ops; lea Rq(d), [DWORD Rq(l) + i]),
                }
            }
            RegImm::Imm(i) => {
                self.mov_rr(size, d, l);
                self.alu_ri(op, size, d, i);
            }
            RegImm::Reg(r) => {
                let r = regs::gpr(r);
                if d == l {
                    self.alu_rr(op, size, d, r);
                } else if d == r {
                    if op == Alu::Sub {
                        // d = l - d  ==  -d + l (wrapping).
                        self.neg(size, d);
                        self.alu_rr(Alu::Add, size, d, l);
                    } else {
                        // Commutative.
                        self.alu_rr(op, size, d, l);
                    }
                } else {
                    self.mov_rr(size, d, l);
                    self.alu_rr(op, size, d, r);
                }
            }
        }
    }

    /// `d = l * rhs`, whatever the aliasing (multiplication commutes).
    fn mul(&mut self, size: OperandSize, d: u8, l: u8, rhs: RegImm) {
        match rhs {
            RegImm::Imm(i) => self.imul_rri(size, d, l, i),
            RegImm::Reg(r) => {
                let r = regs::gpr(r);
                if d == l {
                    self.imul_rr(size, d, r);
                } else if d == r {
                    self.imul_rr(size, d, l);
                } else {
                    self.mov_rr(size, d, l);
                    self.imul_rr(size, d, r);
                }
            }
        }
    }

    /// `d = shift(l, rhs)`; counts are taken modulo the width, as Wasm wants (the hardware
    /// masks `cl` itself; immediates are masked here).
    fn shift(&mut self, op: Shift, size: OperandSize, d: u8, l: u8, rhs: RegImm) {
        match rhs {
            RegImm::Imm(i) => {
                let width_mask = match size {
                    S32 => 31,
                    S64 => 63,
                };
                let n = (i & width_mask) as i8;
                if n != 0 && d != l && matches!(op, Shift::Rol | Shift::Ror) {
                    // Three-operand `rorx` (BMI2): no copy first. rotl(n) = rotr(width - n).
                    let right = match op {
                        Shift::Rol => (width_mask + 1 - i32::from(n)) as u8,
                        _ => n as u8,
                    };
                    self.rorx(size, d, l, right);
                    return;
                }
                self.mov_rr(size, d, l);
                if n != 0 {
                    self.shift_imm(op, size, d, n);
                }
            }
            RegImm::Reg(r) => {
                // Count to cl first: `r` may be `d`, which the move below overwrites.
                x64!(self.ops; mov ecx, Rd(regs::gpr(r)));
                self.mov_rr(size, d, l);
                self.shift_cl(op, size, d);
            }
        }
    }

    /// Division and remainder, raising `IntegerDivideByZero` and (for `DivS` of MIN by -1)
    /// `IntegerOverflow`. `RemS` of MIN by -1 is 0, computed without `idiv` (which would fault).
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
        // The divisor stays in its own register (never rax/rdx), so aliasing with `dst` or
        // `lhs` is harmless: `dst` is written last.
        match size {
            S32 => x64!(self.ops; test Rd(r), Rd(r)),
            S64 => x64!(self.ops; test Rq(r), Rq(r)),
        }
        self.jcc(Cond::E, by_zero);
        self.mov_rr(size, RAX, l);
        match kind {
            IntDivKind::DivU | IntDivKind::RemU => {
                x64!(self.ops; xor edx, edx);
                match size {
                    S32 => x64!(self.ops; div Rd(r)),
                    S64 => x64!(self.ops; div Rq(r)),
                }
            }
            IntDivKind::DivS | IntDivKind::RemS => {
                let not_minus_one = self.fresh_label();
                let done = self.fresh_label();
                self.alu_ri(Alu::Cmp, size, r, -1);
                self.jcc_short(Cond::Ne, not_minus_one);
                if kind == IntDivKind::DivS {
                    // x / -1 = -x, which overflows exactly for MIN.
                    let overflow = self.trap_label(TrapKind::IntegerOverflow);
                    self.neg(size, RAX);
                    self.jcc(Cond::O, overflow);
                } else {
                    // x % -1 = 0 (and idiv would fault for MIN).
                    x64!(self.ops; xor edx, edx);
                }
                self.jmp_short(done);
                self.bind_label(not_minus_one);
                match size {
                    S32 => x64!(self.ops; cdq; idiv Rd(r)),
                    S64 => x64!(self.ops; cqo; idiv Rq(r)),
                }
                self.bind_label(done);
            }
        }
        match kind {
            IntDivKind::DivU | IntDivKind::DivS => self.mov_rr(size, d, RAX),
            IntDivKind::RemU | IntDivKind::RemS => match size {
                S32 => x64!(self.ops; mov Rd(d), edx),
                S64 => x64!(self.ops; mov Rq(d), rdx),
            },
        }
    }

    /// Unary integer operations (lzcnt/tzcnt/popcnt are assumed: x86-64-v3 class CPUs).
    pub(crate) fn emit_int_unop(&mut self, kind: IntUnKind, size: OperandSize, dst: Reg, src: Reg) {
        let (d, s) = (regs::gpr(dst), regs::gpr(src));
        match (kind, size) {
            (IntUnKind::Clz, S32) => x64!(self.ops; lzcnt Rd(d), Rd(s)),
            (IntUnKind::Clz, S64) => x64!(self.ops; lzcnt Rq(d), Rq(s)),
            (IntUnKind::Ctz, S32) => x64!(self.ops; tzcnt Rd(d), Rd(s)),
            (IntUnKind::Ctz, S64) => x64!(self.ops; tzcnt Rq(d), Rq(s)),
            (IntUnKind::Popcnt, S32) => x64!(self.ops; popcnt Rd(d), Rd(s)),
            (IntUnKind::Popcnt, S64) => x64!(self.ops; popcnt Rq(d), Rq(s)),
            (IntUnKind::Eqz, _) => {
                match size {
                    S32 => x64!(self.ops; test Rd(s), Rd(s)),
                    S64 => x64!(self.ops; test Rq(s), Rq(s)),
                }
                self.setcc(Cond::E, RAX);
                x64!(self.ops; movzx Rd(d), al);
            }
            (IntUnKind::Extend8S, S32) => x64!(self.ops; movsx Rd(d), Rb(s)),
            (IntUnKind::Extend8S, S64) => x64!(self.ops; movsx Rq(d), Rb(s)),
            (IntUnKind::Extend16S, S32) => x64!(self.ops; movsx Rd(d), Rw(s)),
            (IntUnKind::Extend16S, S64) => x64!(self.ops; movsx Rq(d), Rw(s)),
            (IntUnKind::Extend32S, S64) => x64!(self.ops; movsxd Rq(d), Rd(s)),
            (IntUnKind::Extend32S, S32) => {
                // Only defined for i64; on an i32 it is the identity.
                debug_assert!(false, "Extend32S on S32");
                self.mov_rr(S32, d, s);
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
        // setcc into al (dst may alias an operand, so it cannot be cleared before the cmp).
        self.setcc(int_cond(kind), RAX);
        x64!(self.ops; movzx Rd(d), al);
    }
}
