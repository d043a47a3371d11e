//! Calls: direct calls patched by `LinkedCode::link`, recursion and stack overflow, calls
//! through function references (vmctx switch and restore), call_indirect and its three traps,
//! libcalls (argument shuffles, immediates, floats, results, traps, stack alignment), host
//! functions through the host adapter, and nested entries with trap unwinding.

use std::cell::Cell;

use breakwater_core::codegen::backend_rules::FrameEnd;
use breakwater_core::codegen::{
    Base, CallArea, Emitter, IntBinKind, IntCmpKind, LibcallArg, OperandSize, Reg, RegImm,
};
use breakwater_core::compiled::CompiledCode;
use breakwater_core::libcalls::Libcall;
use breakwater_core::vmctx::{self, VMFuncRef, VMStoreContext};
use breakwater_core::TrapKind;

use crate::harness::{
    area, build, call_raw, dirty32, funcref, recording_libcall, stubs, trapping_libcall, type_id,
    CtxBuf, Env, Module, LIBCALL_ARGS, TABLE0,
};
use crate::isa::{alignment_probe, BackendEmitter};

use OperandSize::S64;

/// vmctx word the tests use as an identity marker.
const MARKER: i32 = 0xf0;

/// `(a, b) -> a - b + marker(vmctx)`: non-commutative, and shows which vmctx it ran with.
fn sub_fn() -> CompiledCode {
    build(8, |e| {
        e.load(Reg::Gpr(0), Base::Frame, area(2, 0), S64);
        e.load(Reg::Gpr(1), Base::Frame, area(2, 1), S64);
        e.int_binop(
            IntBinKind::Sub,
            S64,
            Reg::Gpr(0),
            Reg::Gpr(0),
            RegImm::Reg(Reg::Gpr(1)),
        );
        e.load(Reg::Gpr(1), Base::Vmctx, MARKER, S64);
        e.int_binop(
            IntBinKind::Add,
            S64,
            Reg::Gpr(0),
            Reg::Gpr(0),
            RegImm::Reg(Reg::Gpr(1)),
        );
        e.store(Base::Frame, area(2, 0), Reg::Gpr(0), S64);
    })
}

/// Body of a caller: passes `(x, 10)` in a 2-slot area at fp-24, emits the call with
/// `emit_call(e, sp_offset = -24)`, then returns `2 * result + marker(own vmctx)` (the marker
/// proves r14 was restored). Frame: vmctx slot + 2 area slots + 1 spare = 32 bytes.
fn caller(k: u32, emit_call: impl FnOnce(&mut BackendEmitter, i32)) -> CompiledCode {
    build(32, |e| {
        e.load(Reg::Gpr(0), Base::Frame, area(k, k - 1), S64);
        e.store(Base::Frame, -16, Reg::Gpr(0), S64);
        e.store_imm(Base::Frame, -24, 10, S64);
        emit_call(e, -24);
        e.load(Reg::Gpr(5), Base::Frame, -16, S64);
        e.int_binop(
            IntBinKind::Add,
            S64,
            Reg::Gpr(5),
            Reg::Gpr(5),
            RegImm::Reg(Reg::Gpr(5)),
        );
        e.load(Reg::Gpr(6), Base::Vmctx, MARKER, S64);
        e.int_binop(
            IntBinKind::Add,
            S64,
            Reg::Gpr(5),
            Reg::Gpr(5),
            RegImm::Reg(Reg::Gpr(6)),
        );
        e.store(Base::Frame, area(k, 0), Reg::Gpr(5), S64);
    })
}

#[test]
fn direct_calls_are_linked() {
    // f0 -> f2 -> f1: calls forward and backward in the module layout.
    let f0 = caller(1, |e, sp| {
        e.call_direct(2, CallArea::Frame(sp));
    });
    let f1 = sub_fn();
    let f2 = build(32, |e| {
        e.load(Reg::Gpr(0), Base::Frame, area(2, 0), S64);
        e.store(Base::Frame, -16, Reg::Gpr(0), S64);
        e.load(Reg::Gpr(0), Base::Frame, area(2, 1), S64);
        e.store(Base::Frame, -24, Reg::Gpr(0), S64);
        e.call_direct(1, CallArea::Frame(-24));
        // Second call with the same area: sp must be back at the frame's bottom.
        e.call_direct(1, CallArea::Frame(-24));
        e.load(Reg::Gpr(0), Base::Frame, -16, S64);
        e.store(Base::Frame, area(2, 0), Reg::Gpr(0), S64);
    });
    assert_eq!(f0.relocs.len(), 1);
    assert_eq!(f2.relocs.len(), 2);
    let module = Module::new(vec![f0, f1, f2]);
    let mut env = Env::new(0);
    env.vmctx.set_u64(MARKER, 1000);
    let mut values = [50u64];
    env.call(module.func(0), &mut values).unwrap();
    // f2(50, 10): f1(50, 10) = 1040 stored to slot 0; f1(1040, 10) = 2030; f0: 2 * 2030 + 1000.
    assert_eq!(values[0], 2 * 2030 + 1000);
}

/// `fact(n) = n <= 1 ? 1 : n * fact(n - 1)`, calling itself (function 0).
fn factorial() -> CompiledCode {
    build(24, |e| {
        let base = e.new_label();
        let n = Reg::Gpr(2);
        e.load(n, Base::Frame, area(1, 0), S64);
        e.branch_cmp(IntCmpKind::LeU, S64, n, RegImm::Imm(1), base);
        e.int_binop(IntBinKind::Sub, S64, Reg::Gpr(3), n, RegImm::Imm(1));
        e.store(Base::Frame, -16, Reg::Gpr(3), S64);
        e.call_direct(0, CallArea::Frame(-16));
        // Every register is clobbered by the call: reload n.
        e.load(n, Base::Frame, area(1, 0), S64);
        e.load(Reg::Gpr(3), Base::Frame, -16, S64);
        e.int_binop(IntBinKind::Mul, S64, n, n, RegImm::Reg(Reg::Gpr(3)));
        e.store(Base::Frame, area(1, 0), n, S64);
        e.epilogue();
        e.bind(base);
        e.store_imm(Base::Frame, area(1, 0), 1, S64);
    })
}

#[test]
fn recursion() {
    let module = Module::new(vec![factorial()]);
    let mut env = Env::new(0);
    for n in [0u64, 1, 5, 20] {
        let mut values = [n];
        env.call(module.func(0), &mut values).unwrap();
        assert_eq!(values[0], (1..=n).product::<u64>().max(1));
    }
}

#[test]
fn stack_overflow_traps_and_recovers() {
    // f(n) = f(n + 1), forever. The stack check's site is the location set before the
    // prologue.
    let mut e = BackendEmitter::new();
    e.set_source_loc(0x55);
    e.prologue(&[]);
    e.set_source_loc(0x56);
    e.load(Reg::Gpr(0), Base::Frame, area(1, 0), S64);
    e.int_binop(
        IntBinKind::Add,
        S64,
        Reg::Gpr(0),
        Reg::Gpr(0),
        RegImm::Imm(1),
    );
    e.store(Base::Frame, -16, Reg::Gpr(0), S64);
    e.call_direct(0, CallArea::Frame(-16));
    e.epilogue();
    let f = e.finish(FrameEnd::new(24, true));
    let module = Module::new(vec![f]);
    let fact = Module::new(vec![factorial()]);
    let mut env = Env::new(0);
    env.stack_budget = 256 * 1024;
    for _ in 0..3 {
        let t = env.call(module.func(0), &mut [0]).unwrap_err();
        assert_eq!(t.kind(), TrapKind::StackOverflow);
        let (site, func) = module.trap_site(t.pc).expect("a trap site");
        assert_eq!((site.bytecode_offset, func), (0x55, 0));
        // The store is usable again right away.
        let mut values = [10u64];
        env.call(fact.func(0), &mut values).unwrap();
        assert_eq!(values[0], 3_628_800);
    }
}

#[test]
fn huge_frame_overflows_before_touching_it() {
    // A 64 MiB frame: far beyond the test thread's stack. The check must fail before sp moves
    // (the trap stub's call would otherwise write far outside the stack).
    let f = build(64 << 20, |e| {
        e.store_imm(Base::Frame, -(64 << 20) + 8, 1, S64);
    });
    let module = Module::new(vec![f]);
    let mut env = Env::new(0);
    let t = env.call(module.func(0), &mut []).unwrap_err();
    assert_eq!(t.kind(), TrapKind::StackOverflow);
}

/// A second instance context sharing the env's store and stubs, with its own marker.
fn other_ctx(env: &Env, marker: u64) -> Box<CtxBuf> {
    let mut ctx = Box::new(CtxBuf {
        words: env.vmctx.words,
    });
    ctx.set_u64(MARKER, marker);
    ctx
}

#[test]
fn calls_through_funcrefs_switch_vmctx() {
    let f0 = caller(1, |e, sp| {
        e.call_funcref_at(funcref(2), CallArea::Frame(sp));
    });
    let module = Module::new(vec![f0, sub_fn()]);
    let mut env = Env::new(0);
    env.vmctx.set_u64(MARKER, 7);
    let mut other = other_ctx(&env, 500);
    let other_ptr = other.ptr() as usize;
    env.vmctx.set_funcref(
        funcref(2),
        VMFuncRef {
            func_ptr: module.func(1),
            vmctx: other_ptr,
            type_id: 0,
            fast_ptr: module.func(1),
        },
    );
    let mut values = [100u64];
    env.call(module.func(0), &mut values).unwrap();
    // callee: 100 - 10 + 500 (its own vmctx); caller: 2 * 590 + 7 (r14 restored).
    assert_eq!(values[0], 2 * 590 + 7);
}

#[test]
fn call_indirect_checks() {
    let f0 = build(32, |e| {
        e.set_source_loc(0x99);
        let idx = Reg::Gpr(3);
        e.load(idx, Base::Frame, area(2, 0), S64);
        e.load(Reg::Gpr(0), Base::Frame, area(2, 1), S64);
        e.store(Base::Frame, -16, Reg::Gpr(0), S64);
        e.store_imm(Base::Frame, -24, 10, S64);
        e.call_indirect(
            TABLE0,
            type_id(1),
            vmctx::FUNCREF_FUNC_PTR,
            idx,
            CallArea::Frame(-24),
        );
        e.load(Reg::Gpr(5), Base::Frame, -16, S64);
        e.load(Reg::Gpr(6), Base::Vmctx, MARKER, S64);
        e.int_binop(
            IntBinKind::Add,
            S64,
            Reg::Gpr(5),
            Reg::Gpr(5),
            RegImm::Reg(Reg::Gpr(6)),
        );
        e.store(Base::Frame, area(2, 0), Reg::Gpr(5), S64);
    });
    let module = Module::new(vec![f0, sub_fn()]);
    let mut env = Env::new(0);
    env.vmctx.set_u64(MARKER, 3);
    let mut other = other_ctx(&env, 40);
    let other_ptr = other.ptr() as usize;
    let vm = env.vmctx_ptr() as usize;
    env.vmctx.set_u32(type_id(0), 4);
    env.vmctx.set_u32(type_id(1), 5);
    let f1 = module.func(1);
    env.vmctx.set_funcref(
        funcref(0),
        VMFuncRef {
            func_ptr: f1,
            vmctx: other_ptr,
            type_id: 5,
            fast_ptr: f1,
        },
    );
    env.vmctx.set_funcref(
        funcref(1),
        VMFuncRef {
            func_ptr: f1,
            vmctx: other_ptr,
            type_id: 6,
            fast_ptr: f1,
        },
    );
    // Same low 32 bits as the expected id: the comparison must be on the full u64.
    env.vmctx.set_funcref(
        funcref(3),
        VMFuncRef {
            func_ptr: f1,
            vmctx: other_ptr,
            type_id: 0x1_0000_0005,
            fast_ptr: f1,
        },
    );
    env.table.copy_from_slice(&[
        (vm + funcref(0) as usize) as u64,
        (vm + funcref(1) as usize) as u64,
        0,
        (vm + funcref(3) as usize) as u64,
    ]);

    let cases: [(u64, Result<u64, TrapKind>); 8] = [
        (0, Ok(100 - 10 + 40 + 3)),
        // The index's upper half is garbage unless the backend keeps i32s zero-extended.
        (dirty32(0), Ok(100 - 10 + 40 + 3)),
        (1, Err(TrapKind::IndirectCallTypeMismatch)),
        (2, Err(TrapKind::UninitializedElement)),
        (3, Err(TrapKind::IndirectCallTypeMismatch)),
        (4, Err(TrapKind::UndefinedElement)),
        (0xffff_ffff, Err(TrapKind::UndefinedElement)),
        (0x8000_0000, Err(TrapKind::UndefinedElement)),
    ];
    for (index, want) in cases {
        let mut values = [index, 100];
        let got = env.call(module.func(0), &mut values);
        match want {
            Ok(v) => {
                assert!(got.is_ok(), "index {index:#x}: {got:?}");
                assert_eq!(values[0], v, "index {index:#x}");
            }
            Err(kind) => {
                let t = got.unwrap_err();
                assert_eq!(t.kind(), kind, "index {index:#x}");
                assert_eq!(t.vmctx, vm, "trapped in the caller's context");
                assert_eq!(module.trap_site(t.pc).unwrap().0.bytecode_offset, 0x99);
            }
        }
    }
}

/// Runs a function that makes one libcall with `args` (registers loaded from `inputs`) and
/// stores its result (if any) to slot 0; returns (slot 0, recorded args).
fn run_libcall(
    env: &mut Env,
    call: Libcall,
    inputs: &[(Reg, u64)],
    args: &[LibcallArg],
    result: Option<Reg>,
    can_trap: bool,
) -> (Result<(), crate::harness::Trapped>, u64, [u64; 6]) {
    let k = inputs.len().max(1) as u32;
    let code = build(8, |e| {
        e.set_source_loc(0x31);
        for (i, &(r, _)) in inputs.iter().enumerate() {
            e.load(r, Base::Frame, area(k, i as u32), S64);
        }
        e.libcall(call, args, result, can_trap);
        if let Some(r) = result {
            e.store(Base::Frame, area(k, 0), r, S64);
        }
    });
    let module = Module::new(vec![code]);
    let mut values: Vec<u64> = inputs.iter().map(|&(_, v)| v).collect();
    values.resize(k as usize, 0);
    LIBCALL_ARGS.with(|l| l.set([0; 6]));
    let r = env.call(module.func(0), &mut values);
    if let Err(t) = &r {
        assert_eq!(
            module.trap_site(t.pc).map(|s| s.0.bytecode_offset),
            Some(0x31)
        );
    }
    (r, values[0], LIBCALL_ARGS.with(|l| l.get()))
}

fn reference_result(args: [u64; 5]) -> u64 {
    let [a, b, c, d, e] = args;
    a.wrapping_mul(3) ^ b.rotate_left(7) ^ c ^ d.rotate_left(13) ^ e.rotate_left(29)
}

#[test]
fn libcall_argument_shuffles() {
    let mut env = Env::new(0);
    env.set_libcall(Libcall::MemoryCopy, recording_libcall as *const () as usize);
    let vm = env.vmctx_ptr() as u64;
    // rbx, rsi, rdi, r8, r9: sources that are (or are not) SysV argument registers.
    let pool = [
        Reg::Gpr(0),
        Reg::Gpr(1),
        Reg::Gpr(2),
        Reg::Gpr(3),
        Reg::Gpr(4),
    ];
    let vals = [
        0x1111_0000_0000_0001u64,
        0x2222_0000_0000_0002,
        0x3333_0000_0000_0003,
        0x4444_0000_0000_0004,
        0x5555_0000_0000_0005,
    ];
    // Every permutation of the five registers over the five arguments.
    let mut perm = [0usize, 1, 2, 3, 4];
    let mut count = 0;
    loop {
        let inputs: Vec<(Reg, u64)> = (0..5).map(|i| (pool[i], vals[i])).collect();
        let args: Vec<LibcallArg> = perm.iter().map(|&p| LibcallArg::Reg(pool[p])).collect();
        for result in [Reg::Gpr(perm[0] as u8), Reg::Gpr(8)] {
            let (r, out, seen) = run_libcall(
                &mut env,
                Libcall::MemoryCopy,
                &inputs,
                &args,
                Some(result),
                false,
            );
            r.unwrap();
            let want_args = [
                vals[perm[0]],
                vals[perm[1]],
                vals[perm[2]],
                vals[perm[3]],
                vals[perm[4]],
            ];
            assert_eq!(
                seen,
                [
                    vm,
                    want_args[0],
                    want_args[1],
                    want_args[2],
                    want_args[3],
                    want_args[4]
                ],
                "perm {perm:?}"
            );
            assert_eq!(out, reference_result(want_args));
        }
        count += 1;
        if !next_permutation(&mut perm) {
            break;
        }
    }
    assert_eq!(count, 120);
}

/// Lexicographic next permutation.
fn next_permutation(p: &mut [usize]) -> bool {
    let Some(i) = (0..p.len() - 1).rev().find(|&i| p[i] < p[i + 1]) else {
        return false;
    };
    let j = (i + 1..p.len()).rev().find(|&j| p[j] > p[i]).unwrap();
    p.swap(i, j);
    p[i + 1..].reverse();
    true
}

#[test]
fn libcall_immediates_floats_and_repeats() {
    let mut env = Env::new(0);
    env.set_libcall(Libcall::MemoryCopy, recording_libcall as *const () as usize);
    env.set_libcall(Libcall::TableFill, recording_libcall as *const () as usize);
    env.set_libcall(Libcall::DataDrop, recording_libcall as *const () as usize);
    let vm = env.vmctx_ptr() as u64;
    // A float register passes all 64 bits of its lane.
    let inputs = [
        (Reg::Gpr(7), 0x77u64),
        (Reg::Fpr(3), 0x4008_0000_0000_0000),
        (Reg::Fpr(13), 0xdead_beef_3f80_0000),
    ];
    let args = [
        LibcallArg::Imm(0xffff_ffff_ffff_fffb),
        LibcallArg::Reg(Reg::Fpr(3)),
        LibcallArg::Imm(0x8000_0000),
        LibcallArg::Reg(Reg::Gpr(7)),
        LibcallArg::Imm(0x1234_5678_9abc_def0),
    ];
    let inputs2 = [inputs[0], inputs[1], (Reg::Fpr(13), 0)];
    let (r, out, seen) = run_libcall(
        &mut env,
        Libcall::MemoryCopy,
        &inputs2,
        &args,
        Some(Reg::Fpr(13)),
        false,
    );
    r.unwrap();
    let want = [
        0xffff_ffff_ffff_fffb,
        0x4008_0000_0000_0000,
        0x8000_0000,
        0x77,
        0x1234_5678_9abc_def0,
    ];
    assert_eq!(seen, [vm, want[0], want[1], want[2], want[3], want[4]]);
    assert_eq!(out, reference_result(want), "result into an Fpr");
    // One register used for several arguments; fewer arguments; no result.
    let args = [
        LibcallArg::Reg(Reg::Gpr(7)),
        LibcallArg::Imm(0),
        LibcallArg::Reg(Reg::Gpr(7)),
        LibcallArg::Imm(0x7fff_ffff),
    ];
    let (r, _, seen) = run_libcall(&mut env, Libcall::TableFill, &inputs, &args, None, false);
    r.unwrap();
    assert_eq!(&seen[..5], &[vm, 0x77, 0, 0x77, 0x7fff_ffff]);
    let (r, out, seen) = run_libcall(
        &mut env,
        Libcall::DataDrop,
        &inputs,
        &[LibcallArg::Reg(Reg::Fpr(13))],
        Some(Reg::Gpr(6)),
        true,
    );
    r.unwrap();
    assert_eq!(&seen[..2], &[vm, 0xdead_beef_3f80_0000]);
    // The registers of the unused arguments hold whatever they held.
    assert_eq!(
        out,
        reference_result([seen[1], seen[2], seen[3], seen[4], seen[5]])
    );
}

#[test]
fn libcall_traps() {
    let mut env = Env::new(0);
    env.set_libcall(Libcall::TableGet, trapping_libcall as *const () as usize);
    let inputs = [(Reg::Gpr(1), 0u64), (Reg::Gpr(2), 1234)];
    let args = [LibcallArg::Reg(Reg::Gpr(1)), LibcallArg::Reg(Reg::Gpr(2))];
    for (code, can_trap) in [(0u64, true), (5, false), (0, false)] {
        let inputs = [(inputs[0].0, code), inputs[1]];
        let (r, out, _) = run_libcall(
            &mut env,
            Libcall::TableGet,
            &inputs,
            &args,
            Some(Reg::Gpr(3)),
            can_trap,
        );
        r.unwrap();
        assert_eq!(out, 1234);
    }
    for code in [5u64, 6, 0x1_0000_0000] {
        let inputs = [(inputs[0].0, code), inputs[1]];
        let (r, _, _) = run_libcall(
            &mut env,
            Libcall::TableGet,
            &inputs,
            &args,
            Some(Reg::Gpr(3)),
            true,
        );
        let t = r.unwrap_err();
        // The full 64-bit code: a code with only high bits set must not read as "no trap".
        assert_eq!(t.code, code);
    }
}

#[test]
fn libcall_stack_alignment() {
    let probe = alignment_probe();
    let mut env = Env::new(0);
    env.set_libcall(Libcall::DataDrop, probe.addr());
    // f1 makes the libcall and returns its result plus 1 (so that 0 proves it ran).
    let f1 = build(8, |e| {
        e.libcall(
            Libcall::DataDrop,
            &[LibcallArg::Imm(0)],
            Some(Reg::Gpr(0)),
            true,
        );
        e.int_binop(
            IntBinKind::Add,
            S64,
            Reg::Gpr(0),
            Reg::Gpr(0),
            RegImm::Imm(1),
        );
        e.store(Base::Frame, area(1, 0), Reg::Gpr(0), S64);
    });
    // f0 calls f1 with its area at fp-24 and at fp-32: f1's frame at both alignments. A
    // call clobbers everything below its area, so f0's own slot is above (fp-16).
    let f0 = build(32, |e| {
        e.libcall(
            Libcall::DataDrop,
            &[LibcallArg::Imm(0)],
            Some(Reg::Gpr(0)),
            true,
        );
        e.store(Base::Frame, -16, Reg::Gpr(0), S64);
        e.call_direct(1, CallArea::Frame(-24));
        e.call_direct(1, CallArea::Frame(-32));
        e.load(Reg::Gpr(0), Base::Frame, -16, S64);
        e.load(Reg::Gpr(1), Base::Frame, -24, S64);
        e.load(Reg::Gpr(2), Base::Frame, -32, S64);
        e.int_binop(
            IntBinKind::Add,
            S64,
            Reg::Gpr(0),
            Reg::Gpr(0),
            RegImm::Reg(Reg::Gpr(1)),
        );
        e.int_binop(
            IntBinKind::Add,
            S64,
            Reg::Gpr(0),
            Reg::Gpr(0),
            RegImm::Reg(Reg::Gpr(2)),
        );
        e.store(Base::Frame, area(1, 0), Reg::Gpr(0), S64);
    });
    let module = Module::new(vec![f0, f1]);
    let mut values = [0u64];
    env.call(module.func(0), &mut values).unwrap();
    assert_eq!(values[0], 2, "misaligned libcall");
}

/// A host function context: header (shared layout) + callback + data.
fn host_ctx(env: &Env, callback: usize, data: u64) -> Box<CtxBuf> {
    let mut ctx = Box::new(CtxBuf { words: [0; 32] });
    for off in [vmctx::STORE, vmctx::LIBCALLS, vmctx::TRAP_STUB] {
        ctx.set_u64(off, env.vmctx.words[off as usize / 8]);
    }
    ctx.set_u64(vmctx::host::CALLBACK, callback as u64);
    ctx.set_u64(vmctx::host::DATA, data);
    ctx
}

/// Host function `(a, b) -> a * b + data`, or the trap code `data` if `a == 0`.
extern "C" fn host_mul(ctx: *mut u8, values: *mut u64) -> u64 {
    // SAFETY: called by the host adapter with its context and a 2-slot area.
    unsafe {
        let data = *(ctx.add(vmctx::host::DATA as usize) as *const u64);
        let (a, b) = (*values.add(1), *values);
        if a == 0 {
            return data;
        }
        *values.add(1) = a * b + data;
    }
    0
}

#[test]
fn host_functions() {
    let mut env = Env::new(0);
    env.vmctx.set_u64(MARKER, 1);
    let mut ctx = host_ctx(&env, host_mul as *const () as usize, 5);
    let ctx_ptr = ctx.ptr();
    // Entered directly through the trampoline.
    let mut values = [7u64, 6];
    let store = env.store_ptr();
    call_raw(store, ctx_ptr, 1 << 19, stubs().host_adapter(), &mut values).unwrap();
    assert_eq!(values[0], 47);
    // Called from Wasm through a funcref.
    let f0 = caller(1, |e, sp| {
        e.call_funcref_at(funcref(0), CallArea::Frame(sp));
    });
    let module = Module::new(vec![f0]);
    env.vmctx.set_funcref(
        funcref(0),
        VMFuncRef {
            func_ptr: stubs().host_adapter(),
            vmctx: ctx_ptr as usize,
            type_id: 0,
            fast_ptr: stubs().host_adapter(),
        },
    );
    let mut values = [9u64];
    env.call(module.func(0), &mut values).unwrap();
    assert_eq!(values[0], 2 * (9 * 10 + 5) + 1);
    // A host trap: the code is the callback's return value, the context the host's.
    ctx.set_u64(vmctx::host::DATA, TrapKind::HostError.code() as u64);
    let t = env.call(module.func(0), &mut [0]).unwrap_err();
    assert_eq!(t.kind(), TrapKind::HostError);
    assert_eq!(t.vmctx, ctx_ptr as usize);
    assert!(
        module.trap_site(t.pc).is_none(),
        "raised by the adapter, not a Wasm site"
    );
}

thread_local! {
    /// (store, vmctx, inner function, swallow the inner trap?) for the nesting callback.
    static NESTED: Cell<(usize, usize, usize, bool)> = const { Cell::new((0, 0, 0, false)) };
    /// What the inner entry returned.
    static INNER: Cell<u64> = const { Cell::new(u64::MAX) };
}

/// A host function that enters Wasm again (`inner(values[1])`), then reports the inner trap
/// (or swallows it and returns 1000 + inner's result).
extern "C" fn host_reenter(_ctx: *mut u8, values: *mut u64) -> u64 {
    let (store, vm, func, swallow) = NESTED.with(|n| n.get());
    // SAFETY: a 1-slot area (K = max(1 param, 1 result)).
    let arg = unsafe { *values };
    let mut inner = [arg];
    let r = call_raw(
        store as *mut VMStoreContext,
        vm as *mut u8,
        0,
        func,
        &mut inner,
    );
    INNER.with(|i| i.set(r.map_or_else(|t| t.code, |()| 0)));
    match r {
        Ok(()) => {
            // SAFETY: as above.
            unsafe { *values = 1000 + inner[0] };
            0
        }
        Err(_) if swallow => {
            // SAFETY: as above.
            unsafe { *values = 1 };
            0
        }
        Err(t) => t.code,
    }
}

#[test]
fn nested_entries_unwind_to_the_innermost() {
    // outer(x) = host(x) + 1; host(x) = inner(x) (re-entering Wasm); inner(x) traps if x == 0,
    // else returns x * 2.
    let outer = build(24, |e| {
        e.load(Reg::Gpr(0), Base::Frame, area(1, 0), S64);
        e.store(Base::Frame, -16, Reg::Gpr(0), S64);
        e.call_funcref_at(funcref(0), CallArea::Frame(-16));
        e.load(Reg::Gpr(0), Base::Frame, -16, S64);
        e.int_binop(
            IntBinKind::Add,
            S64,
            Reg::Gpr(0),
            Reg::Gpr(0),
            RegImm::Imm(1),
        );
        e.store(Base::Frame, area(1, 0), Reg::Gpr(0), S64);
    });
    let inner = build(8, |e| {
        e.set_source_loc(0x700);
        e.load(Reg::Gpr(0), Base::Frame, area(1, 0), S64);
        e.trap_if_zero(Reg::Gpr(0), TrapKind::Unreachable);
        e.int_binop(
            IntBinKind::Shl,
            S64,
            Reg::Gpr(0),
            Reg::Gpr(0),
            RegImm::Imm(1),
        );
        e.store(Base::Frame, area(1, 0), Reg::Gpr(0), S64);
    });
    let module = Module::new(vec![outer, inner]);
    let mut env = Env::new(0);
    let mut ctx = host_ctx(&env, host_reenter as *const () as usize, 0);
    let ctx_ptr = ctx.ptr() as usize;
    env.vmctx.set_funcref(
        funcref(0),
        VMFuncRef {
            func_ptr: stubs().host_adapter(),
            vmctx: ctx_ptr,
            type_id: 0,
            fast_ptr: stubs().host_adapter(),
        },
    );
    let store = env.store_ptr() as usize;
    let vm = env.vmctx_ptr() as usize;

    for swallow in [false, true] {
        NESTED.with(|n| n.set((store, vm, module.func(1), swallow)));
        // No trap anywhere.
        let mut values = [21u64];
        env.call(module.func(0), &mut values).unwrap();
        assert_eq!(values[0], 1000 + 42 + 1);
        assert_eq!(INNER.with(|i| i.get()), 0);
        // The inner function traps: the inner entry returns its code.
        let mut values = [0u64];
        let r = env.call(module.func(0), &mut values);
        assert_eq!(INNER.with(|i| i.get()), TrapKind::Unreachable.code() as u64);
        if swallow {
            r.unwrap();
            assert_eq!(values[0], 2, "outer continued after the inner trap");
        } else {
            // Re-raised by the adapter: unwinds the outer entry, with the outer's site info
            // replaced by the adapter's.
            let t = r.unwrap_err();
            assert_eq!(t.kind(), TrapKind::Unreachable);
            assert_eq!(t.vmctx, ctx_ptr);
        }
        // SAFETY: no entry is running.
        assert_eq!(unsafe { (*(store as *const VMStoreContext)).entry_sp }, 0);
    }
    // The inner trap's site is still identified while it is the latest.
    NESTED.with(|n| n.set((store, vm, module.func(1), true)));
    env.call(module.func(0), &mut [0]).unwrap();
    // SAFETY: no entry is running.
    let pc = unsafe { (*(store as *const VMStoreContext)).trap_pc };
    assert_eq!(
        module.trap_site(pc).map(|(s, f)| (s.bytecode_offset, f)),
        Some((0x700, 1))
    );
}

#[test]
fn trampoline_area_sizes() {
    // A function with K slots that reverses its values: checks the copy in and out for odd and
    // even K (the area is rounded up to 16 bytes).
    for k in [1u32, 2, 3, 4, 7, 8] {
        let code = build(8, |e| {
            for i in 0..k / 2 {
                let j = k - 1 - i;
                e.load(Reg::Gpr(0), Base::Frame, area(k, i), S64);
                e.load(Reg::Gpr(1), Base::Frame, area(k, j), S64);
                e.store(Base::Frame, area(k, j), Reg::Gpr(0), S64);
                e.store(Base::Frame, area(k, i), Reg::Gpr(1), S64);
            }
        });
        let mut values: Vec<u64> = (0..k as u64).map(|i| 100 + i).collect();
        crate::harness::run(code, &mut values).unwrap();
        let want: Vec<u64> = (0..k as u64).rev().map(|i| 100 + i).collect();
        assert_eq!(values, want, "K = {k}");
    }
}
