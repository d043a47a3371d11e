//! Control flow: br_table, select with every aliasing pattern, fused compare-branches, loops
//! (backward branches), traps and their recorded sites.

use breakwater_core::codegen::{Base, Emitter, IntBinKind, IntCmpKind, OperandSize, Reg, RegImm};
use breakwater_core::TrapKind;

use crate::harness::{area, build, dirty32, run, run_op};
use crate::int::CMPS;
use crate::isa::BackendEmitter;

use OperandSize::{S32, S64};

/// A function `(index) -> value` whose br_table over `n` targets stores `100 + target` (or 999
/// for the default) as its result.
fn br_table_fn(n: u32, index_reg: Reg) -> breakwater_core::compiled::CompiledCode {
    build(8, |e| {
        e.load(index_reg, Base::Frame, area(1, 0), S64);
        let targets: Vec<_> = (0..n).map(|_| e.new_label()).collect();
        let default = e.new_label();
        let end = e.new_label();
        e.jump_table(index_reg, &targets, default);
        for (i, &t) in targets.iter().enumerate() {
            e.bind(t);
            e.store_imm(Base::Frame, area(1, 0), 100 + i as i32, S64);
            e.jump(end);
        }
        e.bind(default);
        e.store_imm(Base::Frame, area(1, 0), 999, S64);
        e.bind(end);
    })
}

#[test]
fn br_table() {
    for n in [0u32, 1, 3, 17] {
        for r in [Reg::Gpr(0), Reg::Gpr(6), Reg::Gpr(8)] {
            let code = br_table_fn(n, r);
            let module = crate::harness::Module::new(vec![code]);
            let mut env = crate::harness::Env::new(0);
            for index in [
                0u32,
                1,
                2,
                n.saturating_sub(1),
                n,
                n + 1,
                0x7fff_ffff,
                0x8000_0000,
                0xffff_ffff,
            ] {
                let mut values = [dirty32(index)];
                env.call(module.func(0), &mut values).unwrap();
                let want = if index < n { 100 + index as u64 } else { 999 };
                assert_eq!(values[0], want, "n {n} index {index} reg {r:?}");
            }
        }
    }
}

#[test]
fn br_table_shared_and_backward_targets() {
    // Targets repeated, and a target bound before the table (a loop header).
    let code = build(16, |e| {
        let (i, acc) = (Reg::Gpr(1), Reg::Gpr(2));
        e.load(i, Base::Frame, area(1, 0), S32);
        e.load_const(acc, S64, 0);
        let head = e.new_label();
        let done = e.new_label();
        let dec = e.new_label();
        e.bind(head);
        e.int_binop(IntBinKind::Add, S64, acc, acc, RegImm::Imm(10));
        // i in {0} -> done, {1, 2, 3} -> dec, else dec (default).
        e.jump_table(i, &[done, dec, dec, dec], dec);
        e.bind(dec);
        e.int_binop(IntBinKind::Sub, S32, i, i, RegImm::Imm(1));
        e.jump(head);
        e.bind(done);
        e.store(Base::Frame, area(1, 0), acc, S64);
    });
    let mut values = [6u64];
    run(code, &mut values).unwrap();
    assert_eq!(values[0], 70);
}

/// `dst = cond ? t : f` with the registers given by index into `regs` (aliasing when equal).
fn select(
    size: OperandSize,
    regs: &[Reg],
    (d, c, t, f): (usize, usize, usize, usize),
    cond: u64,
    tv: u64,
    fv: u64,
) -> u64 {
    let (dst, cond_r, t_r, f_r) = (regs[d], regs[c], regs[t], regs[f]);
    let mut inputs = vec![(cond_r, cond)];
    if !inputs.iter().any(|(r, _)| *r == t_r) {
        inputs.push((t_r, tv));
    }
    if !inputs.iter().any(|(r, _)| *r == f_r) {
        inputs.push((f_r, fv));
    }
    run_op(&inputs, dst, |e| e.select(size, dst, cond_r, t_r, f_r)).unwrap()
}

#[test]
fn select_gpr_all_aliasing() {
    let regs = [Reg::Gpr(0), Reg::Gpr(4), Reg::Gpr(7), Reg::Gpr(1)];
    // (dst, cond, if_true, if_false) index patterns, including dst == cond and t == f.
    for d in 0..4 {
        for c in 0..4 {
            for t in 0..4 {
                for f in 0..4 {
                    if c == t || c == f {
                        continue; // cond is a Gpr holding an i32: tested separately below
                    }
                    for size in [S32, S64] {
                        for cond in [0u64, 1, 0x8000_0000, dirty32(0), dirty32(5)] {
                            let (tv, fv) = if t == f {
                                (0x1111_2222_3333_4444, 0x1111_2222_3333_4444)
                            } else {
                                (0x1111_2222_3333_4444, 0x5555_6666_7777_8888)
                            };
                            let got = select(size, &regs, (d, c, t, f), cond, tv, fv);
                            let want = if cond as u32 != 0 { tv } else { fv };
                            let mask = if size == S32 { 0xffff_ffff } else { u64::MAX };
                            assert_eq!(
                                got & mask,
                                want & mask,
                                "{size:?} cond {cond:#x} pattern {:?}",
                                (d, c, t, f)
                            );
                        }
                    }
                }
            }
        }
    }
    // cond aliasing a value register: select(c, c, f) etc.
    let regs = [Reg::Gpr(2), Reg::Gpr(3), Reg::Gpr(5)];
    for cond in [0u64, 7] {
        assert_eq!(
            select(S64, &regs, (0, 1, 1, 2), cond, cond, 42),
            if cond != 0 { cond } else { 42 }
        );
        assert_eq!(
            select(S64, &regs, (1, 1, 2, 1), cond, 42, cond),
            if cond != 0 { 42 } else { cond }
        );
    }
}

#[test]
fn select_fpr_all_aliasing() {
    let regs = [Reg::Fpr(0), Reg::Fpr(9), Reg::Fpr(13)];
    let cond_r = Reg::Gpr(6);
    for d in 0..3 {
        for t in 0..3 {
            for f in 0..3 {
                for size in [S32, S64] {
                    for cond in [0u64, 1, dirty32(0), dirty32(0x8000_0000)] {
                        let (tv, fv) = if t == f {
                            (0x3ff0_0000_0000_0001u64, 0x3ff0_0000_0000_0001)
                        } else {
                            (0x3ff0_0000_0000_0001, 0xc000_0000_0000_0002)
                        };
                        let (dst, t_r, f_r) = (regs[d], regs[t], regs[f]);
                        let mut inputs = vec![(cond_r, cond), (t_r, tv)];
                        if f_r != t_r {
                            inputs.push((f_r, fv));
                        }
                        let got = run_op(&inputs, dst, |e| e.select(size, dst, cond_r, t_r, f_r))
                            .unwrap();
                        let want = if cond as u32 != 0 { tv } else { fv };
                        let mask = if size == S32 { 0xffff_ffff } else { u64::MAX };
                        assert_eq!(
                            got & mask,
                            want & mask,
                            "{size:?} cond {cond:#x} {:?}",
                            (d, t, f)
                        );
                    }
                }
            }
        }
    }
}

/// `(a, b) -> 1 if branch taken else 0`.
fn branch_result(
    build_branch: impl FnOnce(&mut BackendEmitter, <BackendEmitter as Emitter>::Label),
    inputs: &[(Reg, u64)],
) -> u64 {
    run_op(inputs, Reg::Gpr(8), |e| {
        let taken = e.new_label();
        let end = e.new_label();
        build_branch(e, taken);
        e.load_const(Reg::Gpr(8), S32, 0);
        e.jump(end);
        e.bind(taken);
        e.load_const(Reg::Gpr(8), S32, 1);
        e.bind(end);
    })
    .unwrap()
}

#[test]
fn branches() {
    let (a, b) = (Reg::Gpr(1), Reg::Gpr(7));
    let vals = [
        0u64,
        1,
        0x7fff_ffff,
        0x8000_0000,
        0xffff_ffff,
        0x1_0000_0000,
        u64::MAX,
    ];
    for &x in &vals {
        for (size, zero) in [(S32, x as u32 == 0), (S64, x == 0)] {
            for if_zero in [false, true] {
                let got = branch_result(
                    |e, l| e.branch_if(size, a, if_zero, l),
                    &[(
                        a,
                        x | if size == S32 {
                            0xabc0_0000_0000_0000
                        } else {
                            0
                        },
                    )],
                );
                assert_eq!(
                    got,
                    (if_zero == zero) as u64,
                    "branch_if {size:?} {x:#x} if_zero {if_zero}"
                );
            }
        }
        for &y in &vals {
            for kind in CMPS {
                for size in [S32, S64] {
                    let got = branch_result(
                        |e, l| e.branch_cmp(kind, size, a, RegImm::Reg(b), l),
                        &[(a, x), (b, y)],
                    );
                    let want = {
                        let (sx, sy, ux, uy) = match size {
                            S32 => (
                                x as i32 as i64,
                                y as i32 as i64,
                                x as u32 as u64,
                                y as u32 as u64,
                            ),
                            S64 => (x as i64, y as i64, x, y),
                        };
                        match kind {
                            IntCmpKind::Eq => ux == uy,
                            IntCmpKind::Ne => ux != uy,
                            IntCmpKind::LtS => sx < sy,
                            IntCmpKind::LtU => ux < uy,
                            IntCmpKind::GtS => sx > sy,
                            IntCmpKind::GtU => ux > uy,
                            IntCmpKind::LeS => sx <= sy,
                            IntCmpKind::LeU => ux <= uy,
                            IntCmpKind::GeS => sx >= sy,
                            IntCmpKind::GeU => ux >= uy,
                        }
                    };
                    assert_eq!(
                        got, want as u64,
                        "branch_cmp {kind:?} {size:?} {x:#x} {y:#x}"
                    );
                    if let Ok(imm) = i32::try_from(y as i64) {
                        let got = branch_result(
                            |e, l| e.branch_cmp(kind, size, a, RegImm::Imm(imm), l),
                            &[(a, x)],
                        );
                        if size == S64 || y <= 0x7fff_ffff {
                            assert_eq!(
                                got, want as u64,
                                "branch_cmp imm {kind:?} {size:?} {x:#x} {y:#x}"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn counting_loop() {
    // sum = 0; i = n; do { sum += i; i -= 1 } while i != 0
    let code = build(8, |e| {
        let (i, sum) = (Reg::Gpr(6), Reg::Gpr(3));
        e.load(i, Base::Frame, area(1, 0), S32);
        e.load_const(sum, S64, 0);
        let head = e.new_label();
        e.bind(head);
        e.int_binop(IntBinKind::Add, S64, sum, sum, RegImm::Reg(i));
        e.int_binop(IntBinKind::Sub, S32, i, i, RegImm::Imm(1));
        e.branch_if(S32, i, false, head);
        e.store(Base::Frame, area(1, 0), sum, S64);
    });
    let mut values = [1000u64];
    run(code, &mut values).unwrap();
    assert_eq!(values[0], 500_500);
}

#[test]
fn traps_record_their_sites() {
    for kind in [
        TrapKind::Unreachable,
        TrapKind::NullReference,
        TrapKind::IntegerOverflow,
    ] {
        let code = build(8, |e| {
            e.set_source_loc(0x4242);
            e.trap(kind);
        });
        assert_eq!(run(code, &mut []), Err((kind, 0x4242)));
    }
    // trap_if_zero tests all 64 bits.
    for (v, traps) in [(0u64, true), (1, false), (0x1_0000_0000, false)] {
        let got = run_op(&[(Reg::Gpr(5), v)], Reg::Gpr(5), |e| {
            e.set_source_loc(7);
            e.trap_if_zero(Reg::Gpr(5), TrapKind::NullReference)
        });
        assert_eq!(got.is_err(), traps, "{v:#x}");
        if traps {
            assert_eq!(got, Err((TrapKind::NullReference, 7)));
        }
    }
    // Two checks of one kind at different instructions get separate sites.
    let code = build(8, |e| {
        e.load(Reg::Gpr(0), Base::Frame, area(1, 0), S64);
        e.set_source_loc(10);
        e.trap_if_zero(Reg::Gpr(0), TrapKind::NullReference);
        e.int_binop(
            IntBinKind::Sub,
            S64,
            Reg::Gpr(0),
            Reg::Gpr(0),
            RegImm::Imm(1),
        );
        e.set_source_loc(20);
        e.trap_if_zero(Reg::Gpr(0), TrapKind::NullReference);
    });
    let module = crate::harness::Module::new(vec![code]);
    assert_eq!(module.linked.traps[0].len(), 3, "stack check + 2 sites");
    let mut env = crate::harness::Env::new(0);
    for (arg, loc) in [(0u64, 10u32), (1, 20)] {
        let t = env.call(module.func(0), &mut [arg]).unwrap_err();
        assert_eq!(module.trap_site(t.pc).unwrap().0.bytecode_offset, loc);
    }
    env.call(module.func(0), &mut [2]).unwrap();
}
