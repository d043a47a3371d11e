//! Integer operations against a Rust reference, over edge values and every aliasing pattern of
//! destination and sources; i32 inputs carry garbage in their upper halves.

use breakwater_core::codegen::{
    Emitter, IntBinKind, IntCmpKind, IntDivKind, IntUnKind, OperandSize, Reg, RegImm,
};
use breakwater_core::TrapKind;

use crate::harness::{dirty32, run_op};

use OperandSize::{S32, S64};

/// Register triples (dst/lhs/rhs candidates) covering legacy and REX registers, including
/// rsi/rdi (sil/dil byte forms) and r12/r13 (special ModRM cases).
const TRIPLES: [[Reg; 3]; 3] = [
    [Reg::Gpr(0), Reg::Gpr(1), Reg::Gpr(2)],
    [Reg::Gpr(6), Reg::Gpr(7), Reg::Gpr(3)],
    [Reg::Gpr(8), Reg::Gpr(5), Reg::Gpr(4)],
];

const I32_VALUES: [u32; 12] = [
    0,
    1,
    2,
    7,
    31,
    32,
    33,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_ffff,
    0xffff_fff9,
    0x1234_5678,
];

const I64_VALUES: [u64; 14] = [
    0,
    1,
    2,
    7,
    63,
    64,
    65,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_ffff,
    0x7fff_ffff_ffff_ffff,
    0x8000_0000_0000_0000,
    u64::MAX,
    0x0123_4567_89ab_cdef,
];

/// Input bits for a value of `size` (dirty upper half for i32).
fn input(size: OperandSize, v: u64) -> u64 {
    match size {
        S32 => dirty32(v as u32),
        S64 => v,
    }
}

/// The defined bits of a result of `size`.
fn defined(size: OperandSize, v: u64) -> u64 {
    match size {
        S32 => v & 0xffff_ffff,
        S64 => v,
    }
}

fn values(size: OperandSize) -> Vec<u64> {
    match size {
        S32 => I32_VALUES.iter().map(|&v| v as u64).collect(),
        S64 => I64_VALUES.to_vec(),
    }
}

fn ref_binop(kind: IntBinKind, size: OperandSize, a: u64, b: u64) -> u64 {
    use IntBinKind::*;
    match size {
        S32 => {
            let (a, b) = (a as u32, b as u32);
            (match kind {
                Add => a.wrapping_add(b),
                Sub => a.wrapping_sub(b),
                Mul => a.wrapping_mul(b),
                And => a & b,
                Or => a | b,
                Xor => a ^ b,
                Shl => a.wrapping_shl(b),
                ShrS => (a as i32).wrapping_shr(b) as u32,
                ShrU => a.wrapping_shr(b),
                Rotl => a.rotate_left(b % 32),
                Rotr => a.rotate_right(b % 32),
            }) as u64
        }
        S64 => match kind {
            Add => a.wrapping_add(b),
            Sub => a.wrapping_sub(b),
            Mul => a.wrapping_mul(b),
            And => a & b,
            Or => a | b,
            Xor => a ^ b,
            Shl => a.wrapping_shl(b as u32),
            ShrS => (a as i64).wrapping_shr(b as u32) as u64,
            ShrU => a.wrapping_shr(b as u32),
            Rotl => a.rotate_left((b % 64) as u32),
            Rotr => a.rotate_right((b % 64) as u32),
        },
    }
}

const BINOPS: [IntBinKind; 11] = [
    IntBinKind::Add,
    IntBinKind::Sub,
    IntBinKind::Mul,
    IntBinKind::And,
    IntBinKind::Or,
    IntBinKind::Xor,
    IntBinKind::Shl,
    IntBinKind::ShrS,
    IntBinKind::ShrU,
    IntBinKind::Rotl,
    IntBinKind::Rotr,
];

/// Runs `dst = lhs op rhs` with the given aliasing (indices into a register triple).
fn binop(
    kind: IntBinKind,
    size: OperandSize,
    regs: [Reg; 3],
    (d, l, r): (usize, usize, usize),
    a: u64,
    b: u64,
) -> u64 {
    let (dst, lhs, rhs) = (regs[d], regs[l], regs[r]);
    let mut inputs = vec![(lhs, input(size, a))];
    if rhs != lhs {
        inputs.push((rhs, input(size, b)));
    }
    let out = run_op(&inputs, dst, |e| {
        e.int_binop(kind, size, dst, lhs, RegImm::Reg(rhs))
    })
    .expect("no trap");
    defined(size, out)
}

#[test]
fn binops_all_aliasing() {
    let patterns = [(0, 1, 2), (0, 0, 1), (0, 1, 0), (0, 1, 1), (0, 0, 0)];
    for size in [S32, S64] {
        let vals = values(size);
        for kind in BINOPS {
            for (t, regs) in TRIPLES.iter().enumerate() {
                for &(d, l, r) in &patterns {
                    for (i, &a) in vals.iter().enumerate() {
                        // Keep the run count moderate: full cross product on one triple.
                        for &b in vals
                            .iter()
                            .skip(if t == 0 { 0 } else { i % 3 })
                            .step_by(if t == 0 { 1 } else { 3 })
                        {
                            let b = if l == r { a } else { b };
                            let got = binop(kind, size, *regs, (d, l, r), a, b);
                            let want = defined(size, ref_binop(kind, size, a, b));
                            assert_eq!(
                                got,
                                want,
                                "{kind:?} {size:?} {a:#x} {b:#x} regs {regs:?} alias {:?}",
                                (d, l, r)
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn binops_immediate() {
    let imms: [i32; 12] = [0, 1, -1, 5, 31, 32, 33, 63, 64, 127, -128, 0x1234_5678];
    for size in [S32, S64] {
        for kind in BINOPS {
            for regs in TRIPLES {
                for &a in &values(size) {
                    for &imm in &imms {
                        for same in [false, true] {
                            let (dst, lhs) = (regs[0], if same { regs[0] } else { regs[1] });
                            let out = run_op(&[(lhs, input(size, a))], dst, |e| {
                                e.int_binop(kind, size, dst, lhs, RegImm::Imm(imm))
                            })
                            .unwrap();
                            let b = match size {
                                S32 => imm as u32 as u64,
                                S64 => imm as i64 as u64,
                            };
                            assert_eq!(
                                defined(size, out),
                                defined(size, ref_binop(kind, size, a, b)),
                                "{kind:?} {size:?} {a:#x} imm {imm} same {same}"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn shifts_by_width_and_more() {
    // Counts >= the width (and negative) are taken modulo the width, in registers too.
    for size in [S32, S64] {
        for count in [0u64, 1, 31, 32, 33, 63, 64, 65, 127, 0xffff_ffff, u64::MAX] {
            for kind in [
                IntBinKind::Shl,
                IntBinKind::ShrS,
                IntBinKind::ShrU,
                IntBinKind::Rotl,
                IntBinKind::Rotr,
            ] {
                let a = 0x8123_4567_89ab_cdefu64;
                let got = binop(kind, size, TRIPLES[1], (0, 1, 2), a, count);
                assert_eq!(
                    got,
                    defined(size, ref_binop(kind, size, a, count)),
                    "{kind:?} {size:?} {count}"
                );
            }
        }
    }
}

fn ref_div(kind: IntDivKind, size: OperandSize, a: u64, b: u64) -> Result<u64, TrapKind> {
    use IntDivKind::*;
    match size {
        S32 => {
            let (a, b) = (a as u32, b as u32);
            if b == 0 {
                return Err(TrapKind::IntegerDivideByZero);
            }
            Ok(match kind {
                DivS => {
                    if a as i32 == i32::MIN && b as i32 == -1 {
                        return Err(TrapKind::IntegerOverflow);
                    }
                    (a as i32 / b as i32) as u32
                }
                DivU => a / b,
                RemS => (a as i32).wrapping_rem(b as i32) as u32,
                RemU => a % b,
            } as u64)
        }
        S64 => {
            if b == 0 {
                return Err(TrapKind::IntegerDivideByZero);
            }
            Ok(match kind {
                DivS => {
                    if a as i64 == i64::MIN && b as i64 == -1 {
                        return Err(TrapKind::IntegerOverflow);
                    }
                    (a as i64 / b as i64) as u64
                }
                DivU => a / b,
                RemS => (a as i64).wrapping_rem(b as i64) as u64,
                RemU => a % b,
            })
        }
    }
}

#[test]
fn division_and_traps() {
    let patterns = [(0, 1, 2), (0, 0, 1), (0, 1, 0), (0, 1, 1), (0, 0, 0)];
    for size in [S32, S64] {
        let mut vals = values(size);
        vals.push(match size {
            S32 => 0xffff_fffb,
            S64 => (-5i64) as u64,
        });
        for kind in [
            IntDivKind::DivS,
            IntDivKind::DivU,
            IntDivKind::RemS,
            IntDivKind::RemU,
        ] {
            for (t, regs) in TRIPLES.iter().enumerate() {
                for &(d, l, r) in &patterns {
                    for &a in &vals {
                        for &b in &vals {
                            if t != 0 && (a ^ b) % 3 != 0 {
                                continue;
                            }
                            let b = if l == r { a } else { b };
                            let (dst, lhs, rhs) = (regs[d], regs[l], regs[r]);
                            let mut inputs = vec![(lhs, input(size, a))];
                            if rhs != lhs {
                                inputs.push((rhs, input(size, b)));
                            }
                            let got = run_op(&inputs, dst, |e| {
                                e.set_source_loc(0x77);
                                e.int_div(kind, size, dst, lhs, rhs)
                            });
                            let want = ref_div(kind, size, a, b);
                            match (got, want) {
                                (Ok(g), Ok(w)) => assert_eq!(
                                    defined(size, g),
                                    w,
                                    "{kind:?} {size:?} {a:#x} {b:#x}"
                                ),
                                (Err((k, loc)), Err(w)) => {
                                    assert_eq!(k, w, "{kind:?} {size:?} {a:#x} {b:#x}");
                                    assert_eq!(loc, 0x77);
                                }
                                (g, w) => {
                                    panic!("{kind:?} {size:?} {a:#x} {b:#x}: got {g:?}, want {w:?}")
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn rem_s_min_by_minus_one_is_zero() {
    for (size, min) in [(S32, 0x8000_0000u64), (S64, 0x8000_0000_0000_0000)] {
        let minus_one = defined(size, u64::MAX);
        let got = run_op(
            &[
                (Reg::Gpr(1), input(size, min)),
                (Reg::Gpr(2), input(size, minus_one)),
            ],
            Reg::Gpr(0),
            |e| {
                e.int_div(
                    IntDivKind::RemS,
                    size,
                    Reg::Gpr(0),
                    Reg::Gpr(1),
                    Reg::Gpr(2),
                )
            },
        );
        assert_eq!(got.map(|v| defined(size, v)), Ok(0));
        let got = run_op(
            &[
                (Reg::Gpr(1), input(size, min)),
                (Reg::Gpr(2), input(size, minus_one)),
            ],
            Reg::Gpr(0),
            |e| {
                e.int_div(
                    IntDivKind::DivS,
                    size,
                    Reg::Gpr(0),
                    Reg::Gpr(1),
                    Reg::Gpr(2),
                )
            },
        );
        assert_eq!(got.map_err(|(k, _)| k), Err(TrapKind::IntegerOverflow));
    }
}

fn ref_unop(kind: IntUnKind, size: OperandSize, a: u64) -> u64 {
    use IntUnKind::*;
    match size {
        S32 => {
            let a = a as u32;
            (match kind {
                Clz => a.leading_zeros(),
                Ctz => a.trailing_zeros(),
                Popcnt => a.count_ones(),
                Eqz => (a == 0) as u32,
                Extend8S => a as i8 as i32 as u32,
                Extend16S => a as i16 as i32 as u32,
                Extend32S => unreachable!(),
            }) as u64
        }
        S64 => match kind {
            Clz => a.leading_zeros() as u64,
            Ctz => a.trailing_zeros() as u64,
            Popcnt => a.count_ones() as u64,
            Eqz => (a == 0) as u64,
            Extend8S => a as i8 as i64 as u64,
            Extend16S => a as i16 as i64 as u64,
            Extend32S => a as i32 as i64 as u64,
        },
    }
}

#[test]
fn unops() {
    use IntUnKind::*;
    for size in [S32, S64] {
        let mut vals = values(size);
        vals.extend([0x80, 0x7f, 0xff, 0x8000, 0xffff, 0x1_0000]);
        for kind in [Clz, Ctz, Popcnt, Eqz, Extend8S, Extend16S, Extend32S] {
            if kind == Extend32S && size == S32 {
                continue;
            }
            for regs in TRIPLES {
                for same in [false, true] {
                    for &a in &vals {
                        let (dst, src) = (regs[0], if same { regs[0] } else { regs[1] });
                        let out = run_op(&[(src, input(size, a))], dst, |e| {
                            e.int_unop(kind, size, dst, src)
                        })
                        .unwrap();
                        // eqz yields an i32 whatever the operand size.
                        let out_size = if kind == Eqz { S32 } else { size };
                        assert_eq!(
                            defined(out_size, out),
                            ref_unop(kind, size, a),
                            "{kind:?} {size:?} {a:#x} same {same}"
                        );
                    }
                }
            }
        }
    }
}

fn ref_cmp(kind: IntCmpKind, size: OperandSize, a: u64, b: u64) -> bool {
    use IntCmpKind::*;
    let (sa, sb, ua, ub) = match size {
        S32 => (
            a as i32 as i64,
            b as i32 as i64,
            a as u32 as u64,
            b as u32 as u64,
        ),
        S64 => (a as i64, b as i64, a, b),
    };
    match kind {
        Eq => ua == ub,
        Ne => ua != ub,
        LtS => sa < sb,
        LtU => ua < ub,
        GtS => sa > sb,
        GtU => ua > ub,
        LeS => sa <= sb,
        LeU => ua <= ub,
        GeS => sa >= sb,
        GeU => ua >= ub,
    }
}

/// Every integer comparison.
pub const CMPS: [IntCmpKind; 10] = [
    IntCmpKind::Eq,
    IntCmpKind::Ne,
    IntCmpKind::LtS,
    IntCmpKind::LtU,
    IntCmpKind::GtS,
    IntCmpKind::GtU,
    IntCmpKind::LeS,
    IntCmpKind::LeU,
    IntCmpKind::GeS,
    IntCmpKind::GeU,
];

#[test]
fn comparisons() {
    let patterns = [(0, 1, 2), (0, 0, 1), (0, 1, 0), (0, 1, 1)];
    for size in [S32, S64] {
        let vals = values(size);
        for kind in CMPS {
            for &(d, l, r) in &patterns {
                let regs = TRIPLES[(d + l + r) % 3];
                for &a in &vals {
                    for &b in &vals {
                        let b = if l == r { a } else { b };
                        let (dst, lhs, rhs) = (regs[d], regs[l], regs[r]);
                        let mut inputs = vec![(lhs, input(size, a))];
                        if rhs != lhs {
                            inputs.push((rhs, input(size, b)));
                        }
                        let out = run_op(&inputs, dst, |e| {
                            e.int_cmp(kind, size, dst, lhs, RegImm::Reg(rhs))
                        })
                        .unwrap();
                        assert_eq!(
                            defined(S32, out),
                            ref_cmp(kind, size, a, b) as u64,
                            "{kind:?} {size:?} {a:#x} {b:#x}"
                        );
                    }
                    // Immediate right-hand side (sign-extended for S64).
                    for imm in [0i32, 1, -1, 7, 0x7fff_ffff, i32::MIN, 200] {
                        let b = match size {
                            S32 => imm as u32 as u64,
                            S64 => imm as i64 as u64,
                        };
                        let (dst, lhs) = (regs[d], regs[l]);
                        let out = run_op(&[(lhs, input(size, a))], dst, |e| {
                            e.int_cmp(kind, size, dst, lhs, RegImm::Imm(imm))
                        })
                        .unwrap();
                        assert_eq!(
                            defined(S32, out),
                            ref_cmp(kind, size, a, b) as u64,
                            "{kind:?} {size:?} {a:#x} imm {imm}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn constants_and_moves() {
    for size in [S32, S64] {
        for bits in [
            0u64,
            1,
            0x7f,
            0x8000_0000,
            0xffff_ffff,
            0x1_0000_0000,
            u64::MAX,
            0xffff_ffff_8000_0000,
            0x0123_4567_89ab_cdef,
        ] {
            for r in 0..9 {
                let dst = Reg::Gpr(r);
                let out = run_op(&[], dst, |e| e.load_const(dst, size, bits)).unwrap();
                assert_eq!(
                    defined(size, out),
                    defined(size, bits),
                    "{size:?} {bits:#x} {dst:?}"
                );
                let src = Reg::Gpr((r + 4) % 9);
                let out = run_op(&[(src, bits)], dst, |e| e.mov(dst, src)).unwrap();
                assert_eq!(out, bits, "mov {dst:?} <- {src:?}");
            }
        }
    }
}
