//! Float operations and conversions against Rust references with Wasm's NaN rules: a NaN
//! result must be a quiet ("arithmetic") NaN, and a canonical NaN when no input NaN had a
//! payload. f32 inputs carry garbage in bits 32..63 of their register.

use breakwater_core::codegen::{
    ConvertKind, Emitter, FloatBinKind, FloatCmpKind, FloatUnKind, OperandSize, Reg, Truncation,
};
use breakwater_core::trap::TrapKind;

use crate::harness::{dirty32, run_op};
use crate::isa::BackendEmitter;

use OperandSize::{S32, S64};

const F: [Reg; 4] = [Reg::Fpr(0), Reg::Fpr(7), Reg::Fpr(8), Reg::Fpr(13)];

fn f32_values() -> Vec<u32> {
    let mut v: Vec<u32> = [
        0.0f32,
        -0.0,
        1.0,
        -1.0,
        0.5,
        -0.5,
        1.5,
        2.5,
        -2.5,
        3.7,
        -3.7,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::MAX,
        f32::MIN_POSITIVE,
        1e-45,
        16777216.0,
        8388609.5,
        -8388609.5,
    ]
    .iter()
    .map(|f| f.to_bits())
    .collect();
    v.extend([0x7fc0_0000, 0xffc0_0000, 0x7fa0_0001, 0x7fc0_1234]);
    v
}

fn f64_values() -> Vec<u64> {
    let mut v: Vec<u64> = [
        0.0f64,
        -0.0,
        1.0,
        -1.0,
        0.5,
        -0.5,
        1.5,
        2.5,
        -2.5,
        3.7,
        -3.7,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        4503599627370497.5,
        -4503599627370497.5,
        1e300,
    ]
    .iter()
    .map(|f| f.to_bits())
    .collect();
    v.extend([
        0x7ff8_0000_0000_0000,
        0xfff8_0000_0000_0000,
        0x7ff4_0000_0000_0001,
        0x7ff8_0000_0000_1234,
    ]);
    v
}

/// Bits of the values of `size`, as u64.
fn values(size: OperandSize) -> Vec<u64> {
    match size {
        S32 => f32_values().into_iter().map(u64::from).collect(),
        S64 => f64_values(),
    }
}

fn input(size: OperandSize, bits: u64) -> u64 {
    match size {
        S32 => dirty32(bits as u32),
        S64 => bits,
    }
}

fn is_nan(size: OperandSize, bits: u64) -> bool {
    match size {
        S32 => f32::from_bits(bits as u32).is_nan(),
        S64 => f64::from_bits(bits).is_nan(),
    }
}

/// Whether `bits` is a canonical NaN (quiet bit only, any sign).
fn is_canonical_nan(size: OperandSize, bits: u64) -> bool {
    match size {
        S32 => bits as u32 & 0x7fff_ffff == 0x7fc0_0000,
        S64 => bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
    }
}

/// Whether `bits` is a quiet NaN.
fn is_arithmetic_nan(size: OperandSize, bits: u64) -> bool {
    match size {
        S32 => bits as u32 & 0x7fc0_0000 == 0x7fc0_0000,
        S64 => bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
    }
}

/// Checks `got` against `want` with Wasm's NaN rules (`inputs` decide canonical vs arithmetic).
fn check(size: OperandSize, got: u64, want: u64, inputs: &[u64], what: &str) {
    let got = match size {
        S32 => got & 0xffff_ffff,
        S64 => got,
    };
    if is_nan(size, want) {
        assert!(
            is_arithmetic_nan(size, got),
            "{what}: {got:#x} is not a quiet NaN"
        );
        let all_canonical = inputs
            .iter()
            .filter(|&&b| is_nan(size, b))
            .all(|&b| is_canonical_nan(size, b));
        if all_canonical {
            assert!(
                is_canonical_nan(size, got),
                "{what}: {got:#x} is not canonical"
            );
        }
    } else {
        assert_eq!(got, want, "{what}");
    }
}

/// Wasm min/max on f64 (f32 values are exact in f64).
fn wasm_min_max(is_min: bool, a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a == 0.0 && b == 0.0 {
        let neg = if is_min {
            a.is_sign_negative() || b.is_sign_negative()
        } else {
            a.is_sign_negative() && b.is_sign_negative()
        };
        return if neg { -0.0 } else { 0.0 };
    }
    if is_min {
        a.min(b)
    } else {
        a.max(b)
    }
}

fn ref_binop(kind: FloatBinKind, size: OperandSize, a: u64, b: u64) -> u64 {
    use FloatBinKind::*;
    match size {
        S32 => {
            let (x, y) = (f32::from_bits(a as u32), f32::from_bits(b as u32));
            (match kind {
                Add => (x + y).to_bits(),
                Sub => (x - y).to_bits(),
                Mul => (x * y).to_bits(),
                Div => (x / y).to_bits(),
                Min => (wasm_min_max(true, x as f64, y as f64) as f32).to_bits(),
                Max => (wasm_min_max(false, x as f64, y as f64) as f32).to_bits(),
                Copysign => (a as u32 & 0x7fff_ffff) | (b as u32 & 0x8000_0000),
            }) as u64
        }
        S64 => {
            let (x, y) = (f64::from_bits(a), f64::from_bits(b));
            match kind {
                Add => (x + y).to_bits(),
                Sub => (x - y).to_bits(),
                Mul => (x * y).to_bits(),
                Div => (x / y).to_bits(),
                Min => wasm_min_max(true, x, y).to_bits(),
                Max => wasm_min_max(false, x, y).to_bits(),
                Copysign => (a & !(1 << 63)) | (b & (1 << 63)),
            }
        }
    }
}

#[test]
fn binops_all_aliasing() {
    use FloatBinKind::*;
    let patterns = [(0, 1, 2), (0, 0, 1), (0, 1, 0), (0, 1, 1), (0, 0, 0)];
    for size in [S32, S64] {
        let vals = values(size);
        for kind in [Add, Sub, Mul, Div, Min, Max, Copysign] {
            for &(d, l, r) in &patterns {
                for &a in &vals {
                    for &b in &vals {
                        let b = if l == r { a } else { b };
                        let (dst, lhs, rhs) = (F[d + 1], F[l + 1], F[r + 1]);
                        let mut inputs = vec![(lhs, input(size, a))];
                        if rhs != lhs {
                            inputs.push((rhs, input(size, b)));
                        }
                        let got =
                            run_op(&inputs, dst, |e| e.float_binop(kind, size, dst, lhs, rhs))
                                .unwrap();
                        let want = ref_binop(kind, size, a, b);
                        let what = format!("{kind:?} {size:?} {a:#x} {b:#x} alias {:?}", (d, l, r));
                        if kind == Copysign {
                            // Bit-exact even for NaN operands.
                            let mask = if size == S32 { 0xffff_ffff } else { u64::MAX };
                            assert_eq!(got & mask, want, "{what}");
                        } else {
                            check(size, got, want, &[a, b], &what);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn min_max_signed_zeros_and_nan() {
    let (pz, nz) = (0.0f32.to_bits() as u64, (-0.0f32).to_bits() as u64);
    let run = |kind, a: u64, b: u64| {
        run_op(
            &[(F[1], dirty32(a as u32)), (F[2], dirty32(b as u32))],
            F[0],
            |e| e.float_binop(kind, S32, F[0], F[1], F[2]),
        )
        .unwrap()
            & 0xffff_ffff
    };
    assert_eq!(run(FloatBinKind::Min, pz, nz), nz);
    assert_eq!(run(FloatBinKind::Min, nz, pz), nz);
    assert_eq!(run(FloatBinKind::Max, pz, nz), pz);
    assert_eq!(run(FloatBinKind::Max, nz, pz), pz);
    let one = 1.0f32.to_bits() as u64;
    assert!(f32::from_bits(run(FloatBinKind::Min, one, 0x7fc0_0000) as u32).is_nan());
    assert!(f32::from_bits(run(FloatBinKind::Max, 0x7fc0_0000, one) as u32).is_nan());
}

fn ref_unop(kind: FloatUnKind, size: OperandSize, a: u64) -> u64 {
    use FloatUnKind::*;
    match size {
        S32 => {
            let x = f32::from_bits(a as u32);
            (match kind {
                Abs => a as u32 & 0x7fff_ffff,
                Neg => a as u32 ^ 0x8000_0000,
                Sqrt => x.sqrt().to_bits(),
                Ceil => x.ceil().to_bits(),
                Floor => x.floor().to_bits(),
                Trunc => x.trunc().to_bits(),
                Nearest => x.round_ties_even().to_bits(),
            }) as u64
        }
        S64 => {
            let x = f64::from_bits(a);
            match kind {
                Abs => a & !(1 << 63),
                Neg => a ^ (1 << 63),
                Sqrt => x.sqrt().to_bits(),
                Ceil => x.ceil().to_bits(),
                Floor => x.floor().to_bits(),
                Trunc => x.trunc().to_bits(),
                Nearest => x.round_ties_even().to_bits(),
            }
        }
    }
}

#[test]
fn unops() {
    use FloatUnKind::*;
    for size in [S32, S64] {
        let mut vals = values(size);
        let extra: Vec<f64> = vec![
            0.49999997,
            -0.49999997,
            3.5,
            4.5,
            -3.5,
            -4.5,
            1e20,
            -1e20,
            0.1,
            -0.9,
        ];
        vals.extend(extra.iter().map(|&f| match size {
            S32 => (f as f32).to_bits() as u64,
            S64 => f.to_bits(),
        }));
        for kind in [Abs, Neg, Sqrt, Ceil, Floor, Trunc, Nearest] {
            for same in [false, true] {
                for &a in &vals {
                    let (dst, src) = (F[0], if same { F[0] } else { F[3] });
                    let got = run_op(&[(src, input(size, a))], dst, |e| {
                        e.float_unop(kind, size, dst, src)
                    })
                    .unwrap();
                    let want = ref_unop(kind, size, a);
                    let what = format!("{kind:?} {size:?} {a:#x}");
                    if matches!(kind, Abs | Neg) {
                        let mask = if size == S32 { 0xffff_ffff } else { u64::MAX };
                        assert_eq!(got & mask, want, "{what}");
                    } else {
                        check(size, got, want, &[a], &what);
                    }
                }
            }
        }
    }
}

#[test]
fn nearest_ties_to_even() {
    for (x, want) in [
        (0.5f32, 0.0f32),
        (1.5, 2.0),
        (2.5, 2.0),
        (-0.5, -0.0),
        (-2.5, -2.0),
        (3.5, 4.0),
    ] {
        let got = run_op(&[(F[1], dirty32(x.to_bits()))], F[0], |e| {
            e.float_unop(FloatUnKind::Nearest, S32, F[0], F[1])
        })
        .unwrap();
        assert_eq!(got as u32, want.to_bits(), "nearest({x})");
    }
}

#[test]
fn comparisons_with_nan() {
    use FloatCmpKind::*;
    let patterns = [(1, 2), (1, 1)];
    for size in [S32, S64] {
        let vals = values(size);
        for kind in [Eq, Ne, Lt, Gt, Le, Ge] {
            for &(l, r) in &patterns {
                for &a in &vals {
                    for &b in &vals {
                        let b = if l == r { a } else { b };
                        let (lhs, rhs) = (F[l], F[r]);
                        let mut inputs = vec![(lhs, input(size, a))];
                        if rhs != lhs {
                            inputs.push((rhs, input(size, b)));
                        }
                        let dst = Reg::Gpr(6);
                        let got = run_op(&inputs, dst, |e| e.float_cmp(kind, size, dst, lhs, rhs))
                            .unwrap() as u32;
                        let (x, y) = match size {
                            S32 => (
                                f32::from_bits(a as u32) as f64,
                                f32::from_bits(b as u32) as f64,
                            ),
                            S64 => (f64::from_bits(a), f64::from_bits(b)),
                        };
                        let want = match kind {
                            Eq => x == y,
                            Ne => x != y,
                            Lt => x < y,
                            Gt => x > y,
                            Le => x <= y,
                            Ge => x >= y,
                        };
                        assert_eq!(got, want as u32, "{kind:?} {size:?} {a:#x} {b:#x}");
                    }
                }
            }
        }
    }
}

fn convert(kind: ConvertKind, dst: Reg, src: Reg, bits: u64) -> u64 {
    run_op(&[(src, bits)], dst, |e| e.convert(kind, dst, src)).unwrap()
}

#[test]
fn int_to_float_conversions() {
    use ConvertKind::*;
    let ints: Vec<u64> = vec![
        0,
        1,
        7,
        0x7fff_ffff,
        0x8000_0000,
        0xffff_ffff,
        0x1_0000_0001,
        (1 << 53) + 1,
        (1 << 24) + 1,
        0x7fff_ffff_ffff_ffff,
        0x8000_0000_0000_0000,
        0x8000_0000_0000_0001,
        0x8000_0080_0000_0001,
        0x8000_0100_0000_0000,
        0xffff_ff7f_ffff_ffff,
        0xffff_ff80_0000_0000,
        0xffff_ffff_ffff_fbff,
        0xffff_ffff_ffff_fc00,
        u64::MAX,
        0xa5a5_5a5a_1234_5678,
    ];
    for &v in &ints {
        for (dst, src) in [(F[0], Reg::Gpr(0)), (F[3], Reg::Gpr(8))] {
            let lo = v as u32;
            let cases: [(ConvertKind, u64, u64); 8] = [
                (F32ConvertI32S, v, (lo as i32 as f32).to_bits() as u64),
                (F32ConvertI32U, v, (lo as f32).to_bits() as u64),
                (F32ConvertI64S, v, (v as i64 as f32).to_bits() as u64),
                (F32ConvertI64U, v, (v as f32).to_bits() as u64),
                (F64ConvertI32S, v, (lo as i32 as f64).to_bits()),
                (F64ConvertI32U, v, (lo as f64).to_bits()),
                (F64ConvertI64S, v, (v as i64 as f64).to_bits()),
                (F64ConvertI64U, v, (v as f64).to_bits()),
            ];
            for (kind, input, want) in cases {
                let got = convert(kind, dst, src, input);
                let mask = if matches!(
                    kind,
                    F32ConvertI32S | F32ConvertI32U | F32ConvertI64S | F32ConvertI64U
                ) {
                    0xffff_ffff
                } else {
                    u64::MAX
                };
                assert_eq!(got & mask, want, "{kind:?} {v:#x}");
            }
        }
    }
}

#[test]
fn other_conversions() {
    use ConvertKind::*;
    let g = [Reg::Gpr(1), Reg::Gpr(7)];
    for &v in &[
        0u64,
        1,
        0x7fff_ffff,
        0x8000_0000,
        0xffff_ffff,
        0xdead_beef_8000_0001,
        u64::MAX,
    ] {
        for same in [false, true] {
            let (d, s) = (g[0], if same { g[0] } else { g[1] });
            let wrapped = convert(I32WrapI64, d, s, v);
            assert_eq!(wrapped as u32, v as u32);
            // An i32 operand as the backend keeps them (see `Emitter::I32_ZERO_EXTENDED`).
            let i32_in = if BackendEmitter::I32_ZERO_EXTENDED {
                assert_eq!(wrapped, v as u32 as u64, "a wrapped i32 is zero-extended");
                v as u32 as u64
            } else {
                v
            };
            assert_eq!(
                convert(I64ExtendI32S, d, s, i32_in),
                v as u32 as i32 as i64 as u64
            );
            assert_eq!(convert(I64ExtendI32U, d, s, i32_in), v as u32 as u64);
        }
        assert_eq!(convert(F32ReinterpretI32, F[2], g[1], v) as u32, v as u32);
        assert_eq!(convert(F64ReinterpretI64, F[2], g[1], v), v);
        assert_eq!(convert(I32ReinterpretF32, g[0], F[2], v) as u32, v as u32);
        assert_eq!(convert(I64ReinterpretF64, g[0], F[2], v), v);
    }
    for same in [false, true] {
        let (d, s) = (F[1], if same { F[1] } else { F[2] });
        for &a in &f64_values() {
            let want = (f64::from_bits(a) as f32).to_bits() as u64;
            let what = format!("demote {a:#x}");
            let got = convert(F32DemoteF64, d, s, a) & 0xffff_ffff;
            if f64::from_bits(a).is_nan() {
                assert!(is_arithmetic_nan(S32, got), "{what}");
                if is_canonical_nan(S64, a) {
                    assert!(is_canonical_nan(S32, got), "{what}");
                }
            } else {
                assert_eq!(got, want, "{what}");
            }
        }
        for &a in &f32_values() {
            let want = (f32::from_bits(a) as f64).to_bits();
            let what = format!("promote {a:#x}");
            let got = convert(F64PromoteF32, d, s, dirty32(a));
            if f32::from_bits(a).is_nan() {
                assert!(is_arithmetic_nan(S64, got), "{what}");
                if is_canonical_nan(S32, a as u64) {
                    assert!(is_canonical_nan(S64, got), "{what}");
                }
            } else {
                assert_eq!(got, want, "{what}");
            }
        }
    }
}

#[test]
fn float_constants_and_moves() {
    for size in [S32, S64] {
        for bits in [
            0u64,
            0x8000_0000,
            0x3f80_0000,
            0x8000_0000_0000_0000,
            0x3ff0_0000_0000_0000,
            u64::MAX,
        ] {
            for &dst in &F {
                let got = run_op(&[], dst, |e| e.load_const(dst, size, bits)).unwrap();
                let mask = if size == S32 { 0xffff_ffff } else { u64::MAX };
                assert_eq!(got & mask, bits & mask, "{size:?} {bits:#x} {dst:?}");
            }
        }
    }
    let got = run_op(&[(F[3], 0x0123_4567_89ab_cdef)], F[0], |e| {
        e.mov(F[0], F[3])
    })
    .unwrap();
    assert_eq!(got, 0x0123_4567_89ab_cdef);
}

/// Wasm's float-to-int truncation of the float `bits`: the trapping forms trap on NaN and
/// on values whose integer part is out of range (valid when `low < x < high`, bounds exact
/// in f64); Rust's `as` saturates and maps NaN to 0 as the saturating forms do.
fn ref_truncate(t: Truncation, bits: u64) -> Result<u64, TrapKind> {
    let x = match t.float {
        S32 => f32::from_bits(bits as u32) as f64,
        S64 => f64::from_bits(bits),
    };
    let (low, high) = match (t.int, t.signed) {
        (S32, true) => (-2147483649.0, 2147483648.0),
        (S32, false) => (-1.0, 4294967296.0),
        // -2^63 - 1 is not a double: the one below -2^63 is.
        (S64, true) => (-9223372036854777856.0, 9223372036854775808.0),
        (S64, false) => (-1.0, 18446744073709551616.0),
    };
    if !t.saturating {
        if x.is_nan() {
            return Err(TrapKind::InvalidConversionToInteger);
        }
        if !(x > low && x < high) {
            return Err(TrapKind::IntegerOverflow);
        }
    }
    Ok(match (t.int, t.signed) {
        (S32, true) => x as i32 as u32 as u64,
        (S32, false) => x as u32 as u64,
        (S64, true) => x as i64 as u64,
        (S64, false) => x as u64,
    })
}

#[test]
fn truncations() {
    let edges: [f64; 26] = [
        -0.5,
        -0.9,
        -1.0,
        0.9,
        -2147483648.0,
        -2147483648.9,
        -2147483649.0,
        -2147483904.0,
        2147483647.9,
        2147483648.0,
        4294967040.0,
        4294967295.9,
        4294967296.0,
        -9223372036854775808.0,
        -9223372036854777856.0,
        9223372036854774784.0,
        9223372036854775808.0,
        18446744073709549568.0,
        18446744073709551616.0,
        1e30,
        -1e30,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        -0.0,
    ];
    for float in [S32, S64] {
        let mut vals = values(float);
        vals.extend(edges.iter().map(|&f| match float {
            S32 => (f as f32).to_bits() as u64,
            S64 => f.to_bits(),
        }));
        for int in [S32, S64] {
            for signed in [true, false] {
                for saturating in [true, false] {
                    let t = Truncation {
                        float,
                        int,
                        signed,
                        saturating,
                    };
                    for &a in &vals {
                        let (dst, src) = (Reg::Gpr(1), F[3]);
                        let got =
                            run_op(&[(src, input(float, a))], dst, |e| e.truncate(t, dst, src))
                                .map_err(|(kind, _)| kind);
                        let mask = if int == S32 { 0xffff_ffff } else { u64::MAX };
                        let want = ref_truncate(t, a);
                        assert_eq!(got.map(|v| v & mask), want, "{t:?} of {a:#x}");
                    }
                }
            }
        }
    }
}
