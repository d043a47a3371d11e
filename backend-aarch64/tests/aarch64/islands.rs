//! AArch64 branch islands run for real: a pretend 256-byte branch reach forces every
//! conditional branch, trap stub and machine site's handler call through an island or a far
//! form.

use breakwater_aarch64::Aarch64Emitter;
use breakwater_core::codegen::backend_rules::FrameEnd;
use breakwater_core::codegen::{Base, Emitter, IntBinKind, IntCmpKind, OperandSize, Reg, RegImm};
use breakwater_core::TrapKind;

use crate::debug::run_with_every_site;
use crate::harness::{area, run};

use OperandSize::S64;

/// A loop whose body is long compared with a (pretend) 256-byte branch reach: the trap stubs,
/// the forward and backward conditional branches all go through islands or far forms, and the
/// function still computes `n + (n - 1) + ... + 1` or traps at the right bytecode offset.
#[test]
fn islands_execute() {
    let build_far = || {
        let mut e = Aarch64Emitter::with_branch_range(256);
        e.prologue(&[]);
        let (n, acc, flag, tmp) = (Reg::Gpr(0), Reg::Gpr(1), Reg::Gpr(2), Reg::Gpr(3));
        e.load(n, Base::Frame, area(2, 0), S64);
        e.load(flag, Base::Frame, area(2, 1), S64);
        e.load_const(acc, S64, 0);
        let top = e.new_label();
        let never = e.new_label();
        e.bind(top);
        // A forward branch that is never taken, to a label bound far away.
        e.branch_cmp(IntCmpKind::Eq, S64, acc, RegImm::Imm(-1), never);
        for i in 0..40 {
            e.set_source_loc(1000 + i);
            e.trap_if_zero(flag, TrapKind::NullReference);
            e.int_binop(IntBinKind::Add, S64, tmp, n, RegImm::Imm(i as i32));
        }
        e.int_binop(IntBinKind::Add, S64, acc, acc, RegImm::Reg(n));
        e.int_binop(IntBinKind::Sub, S64, n, n, RegImm::Imm(1));
        // Backward, beyond the reach.
        e.branch_if(S64, n, false, top);
        e.store(Base::Frame, area(2, 0), acc, S64);
        let done = e.new_label();
        e.jump(done);
        e.bind(never);
        e.trap(TrapKind::Unreachable);
        e.bind(done);
        e.epilogue();
        e.finish(FrameEnd::new(16, true))
    };
    let mut v = [10u64, 1];
    run(build_far(), &mut v).unwrap();
    assert_eq!(v[0], 55);
    let mut v = [10u64, 0];
    assert_eq!(
        run(build_far(), &mut v),
        Err((TrapKind::NullReference, 1000))
    );
}

/// Machine sites in a loop whose body is long compared with a (pretend) 256-byte reach: their
/// `tbnz`s reach their cold calls in islands, every site calls the handler in execution order
/// and resumes where it left off, and the function still computes its sum.
#[test]
fn sites_in_islands_execute() {
    let mut e = Aarch64Emitter::with_branch_range(256);
    e.prologue(&[]);
    e.load_debug_gate(0, true);
    let (n, acc, flag, tmp) = (Reg::Gpr(1), Reg::Gpr(2), Reg::Gpr(3), Reg::Gpr(4));
    e.load(n, Base::Frame, area(2, 0), S64);
    e.load(flag, Base::Frame, area(2, 1), S64);
    e.load_const(acc, S64, 0);
    let top = e.new_label();
    e.bind(top);
    for k in 0..40 {
        e.breakable_site(k);
        e.set_source_loc(1000 + k);
        e.trap_if_zero(flag, TrapKind::NullReference);
        e.int_binop(IntBinKind::Add, S64, tmp, n, RegImm::Imm(k as i32));
    }
    e.int_binop(IntBinKind::Add, S64, acc, acc, RegImm::Reg(n));
    e.int_binop(IntBinKind::Sub, S64, n, n, RegImm::Imm(1));
    e.breakable_site(40);
    e.branch_if(S64, n, false, top);
    e.store(Base::Frame, area(2, 0), acc, S64);
    e.epilogue();
    let code = e.finish(FrameEnd::new(16, true));
    let returns = code.site_returns.clone();
    // Islands: some cold calls lie before the function's last site.
    assert!(returns[..40].iter().any(|&r| r < code.site_resumes[40]));
    let mut v = [3u64, 1];
    let (seen, result) = run_with_every_site(code.clone(), &mut v);
    result.expect("no trap");
    assert_eq!(v[0], 6);
    let want: Vec<u32> = (0..3).flat_map(|_| returns.iter().copied()).collect();
    assert_eq!(seen, want);
    // A trap after the first site: the slow path saw that site only.
    let mut v = [3u64, 0];
    let (seen, result) = run_with_every_site(code, &mut v);
    let t = result.expect_err("traps");
    assert_eq!(t.kind(), TrapKind::NullReference);
    assert_eq!(seen, [returns[0]]);
}
