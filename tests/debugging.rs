//! Debugging without cloning or patching code: breakpoints, stepping, inspection, pauses, trap
//! stops, many instances on many threads, and proof that no code byte is ever written.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use breakwater::debug::{DebugHandle, ResumeAction, SiteKind, Stop, StopReason};
use breakwater::{Config, Engine, Instance, Module, Store, TrapKind};

fn engine() -> Engine {
    Engine::new(Config::new().debug(true)).unwrap()
}

/// (function, bytecode offset, kind) of a stop.
type StopRec = (u32, u32, SiteKind);

fn rec(stop: &Stop<'_>) -> StopRec {
    (stop.func_index(), stop.bytecode_offset(), stop.site_kind())
}

/// Bytecode offsets of each operator of defined function `func` (module-relative), in order.
fn op_offsets(wasm: &[u8], func: u32) -> Vec<u32> {
    let mut bodies = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::CodeSectionEntry(body) = payload.unwrap() {
            bodies.push(body);
        }
    }
    let mut ops = bodies[func as usize].get_operators_reader().unwrap();
    let mut out = Vec::new();
    while !ops.eof() {
        out.push(ops.original_position() as u32);
        ops.read().unwrap();
    }
    out
}

const CALLS: &str = r#"(module
  (func $add (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "main") (result i32) i32.const 2 i32.const 3 call $add i32.const 10 i32.mul))"#;

struct Setup {
    store: Store<()>,
    instance: Instance,
    debugger: DebugHandle,
    stops: Arc<Mutex<Vec<StopRec>>>,
}

/// An instance of `wat` with a debugger whose hook records stops and answers with `policy`.
fn setup(
    wat: &str,
    mut policy: impl FnMut(&mut Stop<'_>, usize) -> ResumeAction + Send + 'static,
) -> Setup {
    let engine = engine();
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let stops = Arc::new(Mutex::new(Vec::new()));
    let log = stops.clone();
    let debugger = instance
        .attach_debugger(&mut store, move |stop| {
            let mut log = log.lock().unwrap();
            log.push(rec(stop));
            let n = log.len();
            drop(log);
            policy(stop, n)
        })
        .unwrap();
    Setup {
        store,
        instance,
        debugger,
        stops,
    }
}

#[test]
fn breakpoints_at_every_point_are_hit_in_program_order() {
    let mut s = setup(CALLS, |_, _| ResumeAction::Continue);
    let add = s.debugger.breakable_offsets(0);
    let main = s.debugger.breakable_offsets(1);
    // entry, 3 instructions, end, exit; entry, 5 instructions, end, exit.
    assert_eq!(add.len(), 6);
    assert_eq!(main.len(), 8);
    for &o in &add {
        s.debugger.set_breakpoint(0, o).unwrap();
    }
    for &o in &main {
        s.debugger.set_breakpoint(1, o).unwrap();
    }
    let f = s
        .instance
        .get_typed_func::<(), i32>(&mut s.store, "main")
        .unwrap();
    assert_eq!(f.call(&mut s.store, ()).unwrap(), 50);
    let got: Vec<(u32, u32)> = s.stops.lock().unwrap().iter().map(|r| (r.0, r.1)).collect();
    // main up to and including the call, all of add, then the rest of main.
    let mut want: Vec<(u32, u32)> = main[..4].iter().map(|&o| (1, o)).collect();
    want.extend(add.iter().map(|&o| (0, o)));
    want.extend(main[4..].iter().map(|&o| (1, o)));
    assert_eq!(got, want);
    let kinds: Vec<SiteKind> = s.stops.lock().unwrap().iter().map(|r| r.2).collect();
    assert_eq!(kinds[0], SiteKind::FunctionEntry);
    assert_eq!(*kinds.last().unwrap(), SiteKind::FunctionExit);
}

#[test]
fn clearing_breakpoints_stops_the_stops() {
    let mut s = setup(CALLS, |_, _| ResumeAction::Continue);
    let add = s.debugger.breakable_offsets(0);
    s.debugger.set_breakpoint(0, add[1]).unwrap();
    let f = s
        .instance
        .get_typed_func::<(), i32>(&mut s.store, "main")
        .unwrap();
    f.call(&mut s.store, ()).unwrap();
    assert_eq!(s.stops.lock().unwrap().len(), 1);
    assert!(s.debugger.clear_breakpoint(0, add[1]).unwrap());
    f.call(&mut s.store, ()).unwrap();
    assert_eq!(s.stops.lock().unwrap().len(), 1);
    assert!(s.debugger.set_breakpoint(0, 0xffff_fff0).is_err());
}

#[test]
fn locals_and_operand_stack_at_a_stop() {
    let values = Arc::new(Mutex::new(Vec::new()));
    let v = values.clone();
    let mut s = setup(CALLS, move |stop, _| {
        let locals: Vec<u64> = stop.locals().iter().map(|x| x.bits).collect();
        let stack: Vec<u64> = stop.stack().iter().map(|x| x.bits).collect();
        let frames: Vec<u32> = stop.backtrace().iter().map(|f| f.func_index).collect();
        v.lock().unwrap().push((locals, stack, frames));
        ResumeAction::Continue
    });
    let add = s.debugger.breakable_offsets(0);
    let main = s.debugger.breakable_offsets(1);
    // Before `i32.add` in add(2, 3), and before `i32.mul` in main.
    s.debugger.set_breakpoint(0, add[3]).unwrap();
    s.debugger.set_breakpoint(1, main[5]).unwrap();
    let f = s
        .instance
        .get_typed_func::<(), i32>(&mut s.store, "main")
        .unwrap();
    assert_eq!(f.call(&mut s.store, ()).unwrap(), 50);
    let values = values.lock().unwrap();
    assert_eq!(values[0], (vec![2, 3], vec![2, 3], vec![0, 1]));
    assert_eq!(values[1], (vec![], vec![5, 10], vec![1]));
}

#[test]
fn writing_a_local_changes_the_result() {
    let mut s = setup(CALLS, |stop, _| {
        assert!(stop.set_local(1, 30));
        ResumeAction::Continue
    });
    let add = s.debugger.breakable_offsets(0);
    s.debugger.set_breakpoint(0, add[2]).unwrap(); // before `local.get 1`
    let f = s
        .instance
        .get_typed_func::<(), i32>(&mut s.store, "main")
        .unwrap();
    assert_eq!(f.call(&mut s.store, ()).unwrap(), 320);
}

/// Runs `main` with a breakpoint at `start` and the hook answering `actions` in turn (then
/// Continue); returns the stops.
fn step_sequence(
    wat: &str,
    export: &str,
    arg: Option<i32>,
    bp: (u32, usize),
    actions: Vec<ResumeAction>,
) -> (Vec<StopRec>, DebugHandle) {
    let mut actions = actions.into_iter();
    let mut s = setup(wat, move |_, _| {
        actions.next().unwrap_or(ResumeAction::Continue)
    });
    let offs = s.debugger.breakable_offsets(bp.0);
    s.debugger.set_breakpoint(bp.0, offs[bp.1]).unwrap();
    match arg {
        Some(a) => {
            let f = s
                .instance
                .get_typed_func::<i32, i32>(&mut s.store, export)
                .unwrap();
            f.call(&mut s.store, a).unwrap();
        }
        None => {
            let f = s
                .instance
                .get_typed_func::<(), i32>(&mut s.store, export)
                .unwrap();
            f.call(&mut s.store, ()).unwrap();
        }
    }
    let stops = s.stops.lock().unwrap().clone();
    (stops, s.debugger)
}

#[test]
fn step_into_over_and_out_across_a_call() {
    use ResumeAction::*;
    let wasm = wat::parse_str(CALLS).unwrap();
    let add_ops = op_offsets(&wasm, 0);
    let main_ops = op_offsets(&wasm, 1);
    // Stop at `call $add`, step into: the callee's first instruction, then its second.
    let (stops, _) = step_sequence(
        CALLS,
        "main",
        None,
        (1, 3),
        vec![StepInto, StepInto, Continue],
    );
    let got: Vec<(u32, u32)> = stops.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(
        got,
        vec![(1, main_ops[2]), (0, add_ops[0]), (0, add_ops[1])]
    );
    // Step over the call: main's next instruction.
    let (stops, _) = step_sequence(CALLS, "main", None, (1, 3), vec![StepOver, StepOver]);
    let got: Vec<(u32, u32)> = stops.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(
        got,
        vec![(1, main_ops[2]), (1, main_ops[3]), (1, main_ops[4])]
    );
    // Step out of add (stopped at its second instruction): back in main after the call.
    let (stops, _) = step_sequence(CALLS, "main", None, (0, 2), vec![StepOut]);
    let got: Vec<(u32, u32)> = stops.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(got, vec![(0, add_ops[1]), (1, main_ops[3])]);
}

const LOOP: &str = r#"(module
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $top
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $top)))
    (local.get $acc)))"#;

#[test]
fn stepping_through_a_loop() {
    let wasm = wat::parse_str(LOOP).unwrap();
    let ops = op_offsets(&wasm, 0);
    assert_eq!(ops.len(), 18);
    let (stops, debugger) = step_sequence(
        LOOP,
        "sum",
        Some(2),
        (0, 1),
        vec![ResumeAction::StepInto; 100],
    );
    let got: Vec<u32> = stops.iter().map(|r| r.1).collect();
    // block, loop, two full iterations (2..=13), the exit test (2, 3, 4: br_if taken),
    // then `local.get $acc`, `end`, and the function's exit point.
    let mut want: Vec<u32> = vec![ops[0], ops[1]];
    for _ in 0..2 {
        want.extend(&ops[2..=13]);
    }
    want.extend(&ops[2..=4]);
    want.extend([ops[16], ops[17]]);
    want.push(*debugger.breakable_offsets(0).last().unwrap());
    assert_eq!(got, want);
}

const BR_TABLE: &str = r#"(module
  (func (export "pick") (param i32) (result i32)
    (block $b2 (block $b1 (block $b0
      (br_table $b0 $b1 $b2 (local.get 0)))
      (return (i32.const 100)))
      (return (i32.const 101)))
    (i32.const 102)))"#;

#[test]
fn stepping_through_br_table_and_returns() {
    let wasm = wat::parse_str(BR_TABLE).unwrap();
    let ops = op_offsets(&wasm, 0);
    // block block block local.get br_table end i32.const return end i32.const return end
    // i32.const end
    assert_eq!(ops.len(), 14);
    for (arg, tail) in [(0, vec![6, 7]), (1, vec![9, 10]), (7, vec![12, 13])] {
        let (stops, debugger) = step_sequence(
            BR_TABLE,
            "pick",
            Some(arg),
            (0, 1),
            vec![ResumeAction::StepInto; 50],
        );
        let got: Vec<u32> = stops.iter().map(|r| r.1).collect();
        let mut want: Vec<u32> = ops[0..=4].to_vec();
        want.extend(tail.iter().map(|&i| ops[i]));
        want.push(*debugger.breakable_offsets(0).last().unwrap());
        assert_eq!(got, want, "br_table with index {arg}");
    }
}

/// Each stop's reason and locals.
type LocalsLog = Arc<Mutex<Vec<(StopReason, Vec<u64>)>>>;

/// An instance of `wat` whose debugger logs each stop's reason and locals, and continues.
fn logging_locals(wat: &str) -> (Setup, LocalsLog) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let s = setup(wat, move |stop, _| {
        let locals: Vec<u64> = stop.locals().iter().map(|x| x.bits).collect();
        log.lock().unwrap().push((stop.reason(), locals));
        ResumeAction::Continue
    });
    (s, seen)
}

#[test]
fn a_trap_stops_before_it_unwinds() {
    let wat = r#"(module (func (export "div") (param i32 i32) (result i32)
        local.get 0 local.get 1 i32.div_s))"#;
    let (mut s, seen) = logging_locals(wat);
    let f = s
        .instance
        .get_typed_func::<(i32, i32), i32>(&mut s.store, "div")
        .unwrap();
    let err = f.call(&mut s.store, (7, 0)).unwrap_err();
    let trap = err.as_trap().expect("a trap");
    assert_eq!(trap.kind, TrapKind::IntegerDivideByZero);
    let wasm = wat::parse_str(wat).unwrap();
    let ops = op_offsets(&wasm, 0);
    let stops = s.stops.lock().unwrap().clone();
    assert_eq!(stops.len(), 1);
    assert_eq!((stops[0].0, stops[0].1), (0, ops[2]));
    assert_eq!(
        seen.lock().unwrap()[0],
        (StopReason::Trap(TrapKind::IntegerDivideByZero), vec![7, 0])
    );
}

#[test]
fn pause_from_another_thread_stops_a_running_loop() {
    let wat = r#"(module (func (export "spin") (result i32) (local $i i32)
        (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))
        (local.get $i)))"#;
    let reasons = Arc::new(Mutex::new(Vec::new()));
    let r = reasons.clone();
    let mut s = setup(wat, move |stop, _| {
        r.lock()
            .unwrap()
            .push((stop.reason(), stop.locals()[0].bits));
        ResumeAction::Abort
    });
    let handle = s.debugger.clone();
    let pauser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        handle.pause();
    });
    let f = s
        .instance
        .get_typed_func::<(), i32>(&mut s.store, "spin")
        .unwrap();
    let err = f.call(&mut s.store, ()).unwrap_err();
    pauser.join().unwrap();
    assert_eq!(err.as_trap().unwrap().kind, TrapKind::Interrupted);
    let reasons = reasons.lock().unwrap();
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].0, StopReason::Pause);
    assert!(reasons[0].1 > 0, "the loop ran before the pause");
}

const FIB: &str = r#"(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $other (export "other") (result i32) (i32.const 7)))"#;

#[test]
fn many_instances_on_many_threads_with_one_debugged() {
    let engine = engine();
    let module = Module::new(&engine, FIB).unwrap();
    let hits = Arc::new(Mutex::new(0u64));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let module = module.clone();
            let engine = engine.clone();
            let hits = hits.clone();
            std::thread::spawn(move || {
                let mut results = Vec::new();
                for i in 0..8 {
                    let mut store = Store::new(&engine, ());
                    let instance = Instance::new(&mut store, &module, &[]).unwrap();
                    if t == 0 && i == 0 {
                        let h = hits.clone();
                        let dbg = instance
                            .attach_debugger(&mut store, move |_| {
                                *h.lock().unwrap() += 1;
                                ResumeAction::Continue
                            })
                            .unwrap();
                        // One breakpoint in fib, one in the unrelated function.
                        let fib = dbg.breakable_offsets(0);
                        dbg.set_breakpoint(0, fib[1]).unwrap();
                        let other = dbg.breakable_offsets(1);
                        dbg.set_breakpoint(1, other[1]).unwrap();
                    }
                    let fib = instance
                        .get_typed_func::<i32, i32>(&mut store, "fib")
                        .unwrap();
                    results.push(fib.call(&mut store, 15 + (i % 3)).unwrap());
                }
                results
            })
        })
        .collect();
    for t in threads {
        assert_eq!(
            t.join().unwrap(),
            vec![610, 987, 1597, 610, 987, 1597, 610, 987]
        );
    }
    // fib(15) enters fib 1973 times; each entry passes the breakpoint once.
    assert_eq!(*hits.lock().unwrap(), 1973);
}

/// The permissions of the mapping holding `addr`, from /proc/self/maps ("r-xp" for code).
fn mapping_permissions(addr: usize) -> String {
    let maps = std::fs::read_to_string("/proc/self/maps").expect("/proc/self/maps is readable");
    for line in maps.lines() {
        let mut parts = line.split_whitespace();
        let range = parts.next().unwrap();
        let perms = parts.next().unwrap();
        let (lo, hi) = range.split_once('-').unwrap();
        let (lo, hi) = (
            usize::from_str_radix(lo, 16).unwrap(),
            usize::from_str_radix(hi, 16).unwrap(),
        );
        if (lo..hi).contains(&addr) {
            return perms.to_string();
        }
    }
    panic!("no mapping holds {addr:#x}");
}

/// FNV-1a over the published code.
fn code_hash(module: &Module) -> u64 {
    let (base, len) = module.code_range();
    // SAFETY: the module keeps its published code mapped and readable.
    let code = unsafe { std::slice::from_raw_parts(base as *const u8, len) };
    code.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

fn fib(n: i32) -> i32 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

/// What one thread does to its instance.
#[derive(Clone, Debug)]
enum Op {
    Attach,
    Detach,
    SetBreakpoint(u32, usize),
    ClearBreakpoint(u32, usize),
    Pause,
    Call(i32),
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        Just(Op::Attach),
        Just(Op::Detach),
        (0u32..2, 0usize..40).prop_map(|(f, s)| Op::SetBreakpoint(f, s)),
        (0u32..2, 0usize..40).prop_map(|(f, s)| Op::ClearBreakpoint(f, s)),
        Just(Op::Pause),
        (0i32..12).prop_map(Op::Call),
    ]
}

fn action(i: u8) -> ResumeAction {
    match i % 4 {
        0 => ResumeAction::Continue,
        1 => ResumeAction::StepInto,
        2 => ResumeAction::StepOver,
        _ => ResumeAction::StepOut,
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Random debugger operations on several instances on several threads never write code,
    /// keep it read+execute, and never change what the program computes.
    #[test]
    fn debugging_never_writes_code(
        scripts in proptest::collection::vec(
            (proptest::collection::vec(op(), 1..12), proptest::collection::vec(0u8..4, 1..8)),
            1..4,
        ),
    ) {
        let mut config = Config::new();
        config.debug(true);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, FIB).unwrap();
        let (base, _) = module.code_range();
        let before = code_hash(&module);
        proptest::prop_assert_eq!(mapping_permissions(base), "r-xp");
        let threads: Vec<_> = scripts
            .into_iter()
            .map(|(ops, actions)| {
                let engine = engine.clone();
                let module = module.clone();
                std::thread::spawn(move || {
                    let mut store = Store::new(&engine, ());
                    let instance = Instance::new(&mut store, &module, &[]).unwrap();
                    let fib_fn = instance.get_typed_func::<i32, i32>(&mut store, "fib").unwrap();
                    let mut handle: Option<DebugHandle> = None;
                    let mut results = Vec::new();
                    for op in ops {
                        match op {
                            Op::Attach if handle.is_none() => {
                                let mut n = 0usize;
                                let actions = actions.clone();
                                handle = Some(instance.attach_debugger(&mut store, move |_| {
                                    n += 1;
                                    action(actions[n % actions.len()])
                                }).unwrap());
                            }
                            Op::Attach => {}
                            Op::Detach => {
                                if handle.take().is_some() {
                                    instance.detach_debugger(&mut store).unwrap();
                                }
                            }
                            Op::SetBreakpoint(f, s) | Op::ClearBreakpoint(f, s) => {
                                if let Some(h) = &handle {
                                    let offs = h.breakable_offsets(f);
                                    let o = offs[s % offs.len()];
                                    if matches!(op, Op::SetBreakpoint(..)) {
                                        h.set_breakpoint(f, o).unwrap();
                                    } else {
                                        h.clear_breakpoint(f, o).unwrap();
                                    }
                                }
                            }
                            Op::Pause => {
                                if let Some(h) = &handle {
                                    h.pause();
                                }
                            }
                            Op::Call(n) => results.push((n, fib_fn.call(&mut store, n).unwrap())),
                        }
                    }
                    results
                })
            })
            .collect();
        for t in threads {
            for (n, r) in t.join().unwrap() {
                proptest::prop_assert_eq!(r, fib(n));
            }
        }
        proptest::prop_assert_eq!(code_hash(&module), before);
        proptest::prop_assert_eq!(mapping_permissions(base), "r-xp");
    }
}

/// How many machine sites `code` contains: on x86-64 by their out-of-line `call qword
/// [r15 - 8]` (`41 FF 57 F8`); on AArch64 by their test: `tbnz x26, #j` or `ldrb`/`ldurb w16,
/// [x16, ...]` (4-byte aligned words).
fn count_site_starts(code: &[u8]) -> usize {
    if cfg!(target_arch = "aarch64") {
        code.chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .filter(|w| {
                let tbnz_x26 = w & 0x7f00_001f == 0x3700_001a;
                let ldrb = w & 0xffc0_03ff == 0x3940_0210;
                let ldurb = w & 0xffe0_0fff == 0x3840_0210;
                tbnz_x26 || ldrb || ldurb
            })
            .count()
    } else {
        code.windows(4)
            .filter(|w| *w == [0x41, 0xff, 0x57, 0xf8])
            .count()
    }
}

fn machine_sites(module: &Module) -> u64 {
    module
        .compiled()
        .debug
        .as_ref()
        .map_or(0, |d| d.total_sites())
}

#[test]
fn code_without_debugging_has_no_breakable_points() {
    let engine = Engine::default();
    let module = Module::new(&engine, FIB).unwrap();
    assert!(module.compiled().debug.is_none());
    let (base, len) = module.code_range();
    // SAFETY: the module keeps its code mapped and readable.
    let code = unsafe { std::slice::from_raw_parts(base as *const u8, len) };
    assert_eq!(count_site_starts(code), 0);
    // The same module with debugging has them.
    let engine = Engine::new(Config::new().debug(true)).unwrap();
    let module = Module::new(&engine, FIB).unwrap();
    let (base, len) = module.code_range();
    // SAFETY: as above.
    let code = unsafe { std::slice::from_raw_parts(base as *const u8, len) };
    assert!(machine_sites(&module) > 0);
    assert_eq!(count_site_starts(code) as u64, machine_sites(&module));
}

#[test]
fn globals_memory_and_tables_at_a_stop() {
    let wat = r#"(module
      (memory 1) (global $g (mut i32) (i32.const 5)) (table 2 funcref) (elem (i32.const 1) $f)
      (func $f (export "f") (result i32)
        (i32.store (i32.const 8) (i32.const 77))
        (i32.add (global.get $g) (i32.load (i32.const 8)))))"#;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let mut s = setup(wat, move |stop, _| {
        let g = stop.global(0).unwrap().bits;
        let m = stop.memory(0).unwrap()[8];
        let t = stop.table(0).unwrap().to_vec();
        log.lock().unwrap().push((g, m, t[0] == 0, t[1] != 0));
        assert!(stop.set_global(0, 100));
        stop.memory(0).unwrap()[8] = 1;
        ResumeAction::Continue
    });
    let offs = s.debugger.breakable_offsets(0);
    // Before `global.get`, i.e. after the store: the instruction list is
    // i32.const i32.const i32.store global.get i32.const i32.load i32.add end.
    s.debugger.set_breakpoint(0, offs[4]).unwrap();
    let f = s
        .instance
        .get_typed_func::<(), i32>(&mut s.store, "f")
        .unwrap();
    assert_eq!(f.call(&mut s.store, ()).unwrap(), 101);
    assert_eq!(seen.lock().unwrap()[0], (5, 77, true, true));
}

#[test]
fn a_breakpoint_for_one_instance_never_stops_another() {
    let engine = engine();
    let module = Module::new(&engine, CALLS).unwrap();
    let mut store = Store::new(&engine, ());
    let a = Instance::new(&mut store, &module, &[]).unwrap();
    let b = Instance::new(&mut store, &module, &[]).unwrap();
    let stops = Arc::new(Mutex::new(Vec::new()));
    let (sa, sb) = (stops.clone(), stops.clone());
    let da = a
        .attach_debugger(&mut store, move |_| {
            sa.lock().unwrap().push('a');
            ResumeAction::Continue
        })
        .unwrap();
    let _db = b
        .attach_debugger(&mut store, move |_| {
            sb.lock().unwrap().push('b');
            ResumeAction::Continue
        })
        .unwrap();
    da.set_breakpoint(0, da.breakable_offsets(0)[1]).unwrap();
    for instance in [a, b, a] {
        let f = instance
            .get_typed_func::<(), i32>(&mut store, "main")
            .unwrap();
        assert_eq!(f.call(&mut store, ()).unwrap(), 50);
    }
    assert_eq!(*stops.lock().unwrap(), vec!['a', 'a']);
}

#[test]
fn breakpoints_by_code_section_offset() {
    let wasm = wat::parse_str(CALLS).unwrap();
    // The code section's contents start after its id and size bytes.
    let mut code_start = None;
    for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
        if let wasmparser::Payload::CodeSectionStart {
            unchecked_range, ..
        } = payload.unwrap()
        {
            code_start = Some(unchecked_range.start as u32);
        }
    }
    let code_start = code_start.unwrap();
    let add_ops = op_offsets(&wasm, 0);
    let mut s = setup(CALLS, |_, _| ResumeAction::Continue);
    // DWARF addresses the `i32.add` of $add by its offset in the code section.
    s.debugger
        .set_breakpoint_at_code_offset(add_ops[2] - code_start)
        .unwrap();
    let f = s
        .instance
        .get_typed_func::<(), i32>(&mut s.store, "main")
        .unwrap();
    f.call(&mut s.store, ()).unwrap();
    let got: Vec<(u32, u32)> = s.stops.lock().unwrap().iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(got, vec![(0, add_ops[2])]);
    assert!(s
        .debugger
        .clear_breakpoint_at_code_offset(add_ops[2] - code_start)
        .unwrap());
    assert!(s.debugger.set_breakpoint_at_code_offset(0xffff).is_err());
}

/// Straight-line code whose instructions mostly emit no code of their own: the constants and
/// `local.get`s share machine sites with the instruction that consumes them.
const GROUPED: &str = r#"(module
  (func (export "f") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add i32.const 2 local.get 0 i32.mul i32.add))"#;

/// Calls the export `f: i32 -> i32` of `s`'s instance.
fn call_f(s: &mut Setup, arg: i32) -> i32 {
    let f = s
        .instance
        .get_typed_func::<i32, i32>(&mut s.store, "f")
        .unwrap();
    f.call(&mut s.store, arg).unwrap()
}

/// The operand stack before each instruction of `f(41)` in [`GROUPED`], then at its `end` and
/// exit.
const GROUPED_STACKS: [&[u64]; 9] = [
    &[],
    &[41],
    &[41, 1],
    &[42],
    &[42, 2],
    &[42, 2, 41],
    &[42, 82],
    &[124],
    &[124],
];

/// An instance of [`GROUPED`] whose hook logs each stop's operand stack and answers `action`.
fn grouped_logging_stacks(action: ResumeAction) -> (Setup, Arc<Mutex<Vec<Vec<u64>>>>) {
    let stacks = Arc::new(Mutex::new(Vec::new()));
    let log = stacks.clone();
    let s = setup(GROUPED, move |stop, _| {
        let stack: Vec<u64> = stop.stack().iter().map(|v| v.bits).collect();
        log.lock().unwrap().push(stack);
        action
    });
    (s, stacks)
}

#[test]
fn stepping_stops_at_every_instruction_of_a_group_with_its_stack() {
    let (mut s, stacks) = grouped_logging_stacks(ResumeAction::StepInto);
    let offs = s.debugger.breakable_offsets(0);
    let wasm = wat::parse_str(GROUPED).unwrap();
    // Entry, seven instructions and `end`, exit.
    let ops = op_offsets(&wasm, 0);
    assert_eq!(offs.len(), ops.len() + 2);
    assert_eq!(&offs[1..=ops.len()], &ops[..]);
    // Fewer machine sites than stop points: groups share them.
    let machine = machine_sites(&Module::new(&engine(), GROUPED).unwrap());
    assert!(
        machine < offs.len() as u64,
        "{machine} machine sites for {offs:?}"
    );
    s.debugger.set_breakpoint(0, offs[0]).unwrap();
    assert_eq!(call_f(&mut s, 41), 124);
    let got: Vec<StopRec> = s.stops.lock().unwrap().clone();
    let want: Vec<u32> = offs.clone();
    assert_eq!(got.iter().map(|r| r.1).collect::<Vec<_>>(), want);
    let mut expected: Vec<Vec<u64>> = vec![vec![]];
    expected.extend(GROUPED_STACKS.iter().map(|s| s.to_vec()));
    assert_eq!(*stacks.lock().unwrap(), expected);
}

#[test]
fn a_breakpoint_inside_a_group_stops_there_and_only_there() {
    for k in 1..9 {
        let (mut s, stacks) = grouped_logging_stacks(ResumeAction::Continue);
        let offs = s.debugger.breakable_offsets(0);
        s.debugger.set_breakpoint(0, offs[k]).unwrap();
        assert_eq!(call_f(&mut s, 41), 124);
        let got = s.stops.lock().unwrap().clone();
        assert_eq!(got.iter().map(|r| r.1).collect::<Vec<_>>(), vec![offs[k]]);
        assert_eq!(
            *stacks.lock().unwrap(),
            vec![GROUPED_STACKS[k - 1].to_vec()]
        );
    }
}

/// A breakpoint after a `br_if` that a loop takes on every iteration but the last costs one
/// slow-path entry, not one per iteration: the code after a conditional branch has a machine
/// site of its own (a group that went on past the `br_if` would call the slow path from its
/// start, on every iteration, to look for the breakpoint).
#[test]
fn a_breakpoint_after_a_taken_br_if_costs_nothing_until_hit() {
    let wat = r#"(module (func (export "f") (param $n i32) (result i32) (local $i i32) (local $x i32)
      (loop $l
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n)))
        (local.set $x (i32.const 7)))
      (i32.add (local.get $i) (local.get $x))))"#;
    assert_eq!(
        breakpoint_on_const_7(wat, 1000),
        (1007, 1, 1),
        "one entry, at the stop"
    );
}

/// Runs `f(n)` of `wat` with a breakpoint on its `i32.const 7`: (the result, the stops, the
/// slow-path entries).
fn breakpoint_on_const_7(wat: &str, n: i32) -> (i32, usize, u64) {
    let mut s = setup(wat, |_, _| ResumeAction::Continue);
    let wasm = wat::parse_str(wat).unwrap();
    let ops = op_offsets(&wasm, 0);
    let bp = ops
        .iter()
        .copied()
        .find(|&o| wasm[o as usize] == 0x41 && wasm[o as usize + 1] == 7)
        .unwrap();
    s.debugger.set_breakpoint(0, bp).unwrap();
    let result = call_f(&mut s, n);
    let stops = s.stops.lock().unwrap().len();
    (result, stops, s.debugger.slow_path_entries())
}

/// The same for a forward `br_if` that is always taken: compilers lower `if (rare) { ... }`
/// to `block; br_if 0 (!rare); ...; end`, and a breakpoint in the rare code must cost
/// nothing while it does not run (a group that went on along the fall-through would call the
/// slow path on every iteration).
#[test]
fn a_breakpoint_after_an_always_taken_forward_br_if_costs_nothing() {
    let wat = r#"(module (func (export "f") (param $n i32) (result i32) (local $i i32) (local $x i32)
      (loop $l
        (block $usual
          (br_if $usual (i32.ne (local.get $i) (i32.const -5)))
          (local.set $x (i32.const 7)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
      (i32.add (local.get $i) (local.get $x))))"#;
    // Never hit, never entered.
    assert_eq!(breakpoint_on_const_7(wat, 1000), (1000, 0, 0));
}

/// The defect: a local written at a stop also changed a value `local.get` had pushed earlier.
#[test]
fn a_local_written_at_a_stop_keeps_values_pushed_before() {
    let wat = r#"(module (func (export "f") (param i32) (result i32)
        local.get 0 i32.const 1 i32.add))"#;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let mut s = setup(wat, move |stop, n| {
        let locals: Vec<u64> = stop.locals().iter().map(|v| v.bits).collect();
        let stack: Vec<u64> = stop.stack().iter().map(|v| v.bits).collect();
        log.lock().unwrap().push((locals, stack));
        if n == 1 {
            assert!(stop.set_local(0, 100));
            ResumeAction::StepInto
        } else {
            ResumeAction::Continue
        }
    });
    let offs = s.debugger.breakable_offsets(0);
    s.debugger.set_breakpoint(0, offs[2]).unwrap(); // before `i32.const 1`
    assert_eq!(call_f(&mut s, 41), 42);
    let seen = seen.lock().unwrap();
    // At the breakpoint: the pushed copy shows 41. At the next step (`i32.add`, the same
    // group): the local shows the new value, the copy still the old one.
    assert_eq!(seen[0], (vec![41], vec![41]));
    assert_eq!(seen[1], (vec![100], vec![41, 1]));
    // A later call sees the local's new value only through its own argument.
    drop(seen);
    assert_eq!(call_f(&mut s, 1), 2);
}

/// A local the code keeps in a register: a write at a stop reaches the register too, not only
/// the local's slot. The stop is at the `br`, inside a group; the machine code resumes there
/// and reads the local from its register after the block.
#[test]
fn a_local_written_at_a_stop_reaches_its_register_copy() {
    let wat = r#"(module (func (export "f") (param i32) (result i32) (local i32)
        (local.set 1 (i32.add (local.get 0) (i32.const 1)))
        (block (br_if 0 (i32.eqz (local.get 0))))
        (block (br 0))
        (local.get 1)))"#;
    let mut s = setup(wat, |stop, _| {
        assert_eq!(stop.locals()[1].bits, 6);
        assert!(stop.set_local(1, 100));
        ResumeAction::Continue
    });
    let wasm = wat::parse_str(wat).unwrap();
    let bp = op_offsets(&wasm, 0)
        .into_iter()
        .find(|&o| wasm[o as usize] == 0x0c)
        .unwrap();
    s.debugger.set_breakpoint(0, bp).unwrap();
    assert_eq!(call_f(&mut s, 5), 100);
    assert_eq!(s.stops.lock().unwrap().len(), 1);
}

/// Memory 0's base and length live in registers once an access loaded them. A stop inside a
/// group makes the interpreter run that access instead of the machine code, so the slow path
/// must fill those registers before the machine code resumes and accesses memory again.
#[test]
fn memory_registers_are_filled_when_the_interpreter_ran_the_access_that_loads_them() {
    let wat = r#"(module (memory 1) (func (export "f") (param i32) (result i32)
        (i32.store (i32.const 16) (local.get 0))
        nop
        (block (br_if 0 (i32.const 0)))
        (i32.load (i32.const 16))))"#;
    let mut s = setup(wat, |_, _| ResumeAction::Continue);
    let wasm = wat::parse_str(wat).unwrap();
    let nop = op_offsets(&wasm, 0)
        .into_iter()
        .find(|&o| wasm[o as usize] == 0x01)
        .unwrap();
    s.debugger.set_breakpoint(0, nop).unwrap();
    assert_eq!(call_f(&mut s, 7), 7);
    assert_eq!(call_f(&mut s, -3), -3);
    assert_eq!(s.stops.lock().unwrap().len(), 2);
}

/// `br_if` and `if` branch on the comparison before them without computing its i32 (a fused
/// compare-and-branch, in debug code too). Stepping through every instruction resumes the
/// machine code at those branches: the slow path must give the branch the comparison's
/// operands, and show its result on the operand stack.
#[test]
fn stepping_through_fused_compare_and_branch() {
    let wat = r#"(module (func (export "f") (param i32) (result i32) (local i32)
        (loop $l
            (local.set 1 (i32.add (local.get 1) (i32.const 1)))
            (br_if $l (i32.lt_s (local.get 1) (local.get 0))))
        (if (i32.eqz (i32.ge_u (local.get 1) (i32.const 3)))
            (then (local.set 1 (i32.const 100))))
        (local.get 1)))"#;
    let tops = Arc::new(Mutex::new(Vec::new()));
    let log = tops.clone();
    let wasm = wat::parse_str(wat).unwrap();
    let branches: Vec<u32> = op_offsets(&wasm, 0)
        .into_iter()
        .filter(|&o| matches!(wasm[o as usize], 0x0d | 0x04))
        .collect();
    let mut s = setup(wat, move |stop, _| {
        if branches.contains(&stop.bytecode_offset()) {
            let top = stop.stack().last().map(|v| v.bits);
            log.lock().unwrap().push(top);
        }
        ResumeAction::StepInto
    });
    let offs = s.debugger.breakable_offsets(0);
    s.debugger.set_breakpoint(0, offs[0]).unwrap();
    assert_eq!(call_f(&mut s, 5), 5);
    assert_eq!(call_f(&mut s, 1), 100);
    // The loop's br_if sees 1 (go on) until the count reaches the argument, then 0; the if
    // sees 0 (skip) for 5, 1 for 1.
    let tops = tops.lock().unwrap();
    let expect: Vec<Option<u64>> = [1, 1, 1, 1, 0, 0, 0, 1].into_iter().map(Some).collect();
    assert_eq!(*tops, expect);
}

/// A write of a local whose own group writes it afterwards: the program's write wins.
#[test]
fn a_deferred_local_write_yields_to_the_programs_own_write() {
    let wat = r#"(module (func (export "f") (param i32) (result i32)
        local.get 0 local.set 0 local.get 0))"#;
    let mut s = setup(wat, |stop, n| {
        if n == 1 {
            assert!(stop.set_local(0, 100));
        }
        ResumeAction::Continue
    });
    let offs = s.debugger.breakable_offsets(0);
    s.debugger.set_breakpoint(0, offs[2]).unwrap(); // before `local.set 0`
    assert_eq!(call_f(&mut s, 7), 7);
}

#[test]
fn a_panicking_hook_fails_the_call_not_the_process() {
    let mut s = setup(CALLS, |_, _| panic!("the hook gave up"));
    let add = s.debugger.breakable_offsets(0);
    s.debugger.set_breakpoint(0, add[1]).unwrap();
    let f = s
        .instance
        .get_typed_func::<(), i32>(&mut s.store, "main")
        .unwrap();
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f.call(&mut s.store, ())));
    let payload = outcome.expect_err("the hook's panic reaches the caller");
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"the hook gave up"));
    // The store and instance still work once the breakpoint is gone.
    s.debugger.clear_breakpoint(0, add[1]).unwrap();
    assert_eq!(f.call(&mut s.store, ()).unwrap(), 50);
}

/// The defect: a pause requested while the debugger re-armed for a resume could be lost. Every
/// pause requested while the program runs must stop it, however it races with resumes.
#[test]
fn pause_requests_are_never_lost_under_contention() {
    const ROUNDS: usize = 300;
    let wat = r#"(module (func (export "spin") (param i32) (result i32)
        (loop $l (br_if $l (i32.ne (local.get 0) (i32.const 0)))) i32.const 7))"#;
    let engine = engine();
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let stops = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = stops.clone();
    let handle = instance
        .attach_debugger(&mut store, move |stop| {
            let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            if n >= ROUNDS {
                stop.set_local(0, 0);
            }
            ResumeAction::Continue
        })
        .unwrap();
    let pauser = {
        let handle = handle.clone();
        let stops = stops.clone();
        std::thread::spawn(move || {
            for round in 0..ROUNDS {
                // Request, then wait for that request's stop (the hook's resume races with the
                // next request).
                handle.pause();
                let deadline = std::time::Instant::now() + Duration::from_secs(20);
                while stops.load(std::sync::atomic::Ordering::SeqCst) <= round {
                    assert!(
                        std::time::Instant::now() < deadline,
                        "pause {round} was lost"
                    );
                    std::hint::spin_loop();
                }
            }
        })
    };
    let spin = instance
        .get_typed_func::<i32, i32>(&mut store, "spin")
        .unwrap();
    assert_eq!(spin.call(&mut store, 1).unwrap(), 7);
    pauser.join().unwrap();
    assert!(stops.load(std::sync::atomic::Ordering::SeqCst) >= ROUNDS);
}

/// The exit's stop point shows the results on the operand stack and the parameters as they
/// were (debug code writes the results to the caller's area only after it), both when the
/// function falls off its end and when it returns early.
#[test]
fn the_exit_shows_the_results_and_the_parameters() {
    let wat = r#"(module (func (export "f") (param i32) (result i32)
        (if (i32.eqz (local.get 0)) (then (return (i32.const 7))))
        (i32.mul (local.get 0) (i32.const 3))))"#;
    for (arg, result) in [(5, 15), (0, 7)] {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let mut s = setup(wat, move |stop, _| {
            let locals: Vec<u64> = stop.locals().iter().map(|v| v.bits).collect();
            let stack: Vec<u64> = stop.stack().iter().map(|v| v.bits).collect();
            log.lock().unwrap().push((stop.site_kind(), locals, stack));
            ResumeAction::Continue
        });
        let offs = s.debugger.breakable_offsets(0);
        s.debugger.set_breakpoint(0, *offs.last().unwrap()).unwrap();
        assert_eq!(call_f(&mut s, arg), result);
        let seen = seen.lock().unwrap();
        assert_eq!(
            *seen,
            vec![(
                SiteKind::FunctionExit,
                vec![arg as u64],
                vec![result as u64]
            )]
        );
    }
}

/// Joins that only unconditional branches reach (`else` ending a then branch, `br` out of a
/// block with values below and above, `return` from inside blocks) have no machine site: the
/// slow path follows those branches. Stepping and breakpoints must still see every stop point
/// on the path taken, in order, with the operand stack Wasm says.
const JOINS: &str = r#"(module (func (export "f") (param i32) (result i32)
    i32.const 100
    local.get 0
    if (result i32)
      i32.const 1
    else
      i32.const 2
    end
    i32.add
    block $b (result i32)
      i32.const 5
      i32.const 6
      br $b
    end
    i32.add
    block $out (result i32)
      i32.const 7
      block
        i32.const 9
        br $out
      end
      drop
      i32.const 0
    end
    i32.add
    return))"#;

/// The stop points `f(arg)` of [`JOINS`] passes: (operator index, or `None` for entry and
/// exit; operand stack).
fn joins_trace(arg: u64) -> Vec<(Option<usize>, Vec<u64>)> {
    let (k, path) = if arg != 0 { (1, [3, 4]) } else { (2, [5, 6]) };
    let x = 100 + k;
    let mut t = vec![
        (None, vec![]),
        (Some(0), vec![]),
        (Some(1), vec![100]),
        (Some(2), vec![100, arg]),
    ];
    t.push((Some(path[0]), vec![100]));
    t.push((Some(path[1]), vec![100, k]));
    t.extend([
        (Some(7), vec![100, k]),
        (Some(8), vec![x]),
        (Some(9), vec![x]),
        (Some(10), vec![x, 5]),
        (Some(11), vec![x, 5, 6]),
        (Some(13), vec![x, 6]),
        (Some(14), vec![x + 6]),
        (Some(15), vec![x + 6]),
        (Some(16), vec![x + 6, 7]),
        (Some(17), vec![x + 6, 7]),
        (Some(18), vec![x + 6, 7, 9]),
        (Some(23), vec![x + 6, 9]),
        (Some(24), vec![x + 15]),
        (None, vec![x + 15]),
    ]);
    t
}

#[test]
fn stepping_and_breakpoints_follow_unconditional_branches_through_joins() {
    let wasm = wat::parse_str(JOINS).unwrap();
    let ops = op_offsets(&wasm, 0);
    let log_stacks = |action: ResumeAction| {
        let stacks = Arc::new(Mutex::new(Vec::new()));
        let log = stacks.clone();
        let s = setup(JOINS, move |stop, _| {
            let stack: Vec<u64> = stop.stack().iter().map(|v| v.bits).collect();
            log.lock().unwrap().push((stop.bytecode_offset(), stack));
            action
        });
        (s, stacks)
    };
    for arg in [1u64, 0] {
        let want: Vec<(u32, Vec<u64>)> = {
            let (s, _) = log_stacks(ResumeAction::Continue);
            let offs = s.debugger.breakable_offsets(0);
            let (entry, exit) = (offs[0], *offs.last().unwrap());
            joins_trace(arg)
                .into_iter()
                .enumerate()
                .map(|(i, (op, stack))| {
                    let at = match op {
                        Some(k) => ops[k],
                        None if i == 0 => entry,
                        None => exit,
                    };
                    (at, stack)
                })
                .collect()
        };
        let result = want.last().unwrap().1[0] as i32;
        // Stepping from the entry stops at every point of the path.
        let (mut s, stacks) = log_stacks(ResumeAction::StepInto);
        s.debugger.set_breakpoint(0, want[0].0).unwrap();
        assert_eq!(call_f(&mut s, arg as i32), result);
        assert_eq!(*stacks.lock().unwrap(), want, "stepping f({arg})");
        // A breakpoint at each point of the path stops there once, and nowhere else; one at
        // a point off the path never stops.
        let (s, _) = log_stacks(ResumeAction::Continue);
        for o in s.debugger.breakable_offsets(0) {
            let (mut s, stacks) = log_stacks(ResumeAction::Continue);
            s.debugger.set_breakpoint(0, o).unwrap();
            assert_eq!(call_f(&mut s, arg as i32), result);
            let expected: Vec<(u32, Vec<u64>)> =
                want.iter().filter(|(at, _)| *at == o).cloned().collect();
            assert_eq!(
                *stacks.lock().unwrap(),
                expected,
                "breakpoint at {o}, f({arg})"
            );
        }
    }
    // Fewer machine sites than before joins shared groups: entry, then, else (the `if`'s
    // targets) and nothing at the three joins.
    let machine = machine_sites(&Module::new(&engine(), JOINS).unwrap());
    assert_eq!(machine, 3);
}

/// Breakpoints set and cleared in batches (as watchpoints arm every load and store) stop
/// exactly where the same breakpoints set one by one do, also at joins several groups cover
/// (clearing one there must keep the bits the others still need).
#[test]
fn breakpoints_set_and_cleared_in_batches_stop_where_single_ones_do() {
    let stops_with = |set: &[u32], cleared: &[u32], batch: bool| {
        let mut s = setup(JOINS, |_, _| ResumeAction::Continue);
        let points: Vec<(u32, u32)> = set.iter().map(|&o| (0, o)).collect();
        let gone: Vec<(u32, u32)> = cleared.iter().map(|&o| (0, o)).collect();
        if batch {
            // An offset with no stop point is skipped and not counted.
            let mut with_bogus = points.clone();
            with_bogus.push((0, 0xffff_fff0));
            assert_eq!(s.debugger.set_breakpoints(&with_bogus).unwrap(), set.len());
            let was_set = gone.iter().filter(|p| points.contains(p)).count();
            assert_eq!(s.debugger.clear_breakpoints(&gone).unwrap(), was_set);
        } else {
            for &(f, o) in &points {
                s.debugger.set_breakpoint(f, o).unwrap();
            }
            for &(f, o) in &gone {
                s.debugger.clear_breakpoint(f, o).unwrap();
            }
        }
        let mut got = Vec::new();
        for arg in [0, 1] {
            call_f(&mut s, arg);
            got.push(
                s.stops
                    .lock()
                    .unwrap()
                    .drain(..)
                    .map(|r| r.1)
                    .collect::<Vec<_>>(),
            );
        }
        got
    };
    let all = setup(JOINS, |_, _| ResumeAction::Continue)
        .debugger
        .breakable_offsets(0);
    let odd: Vec<u32> = all.iter().skip(1).step_by(2).copied().collect();
    let even: Vec<u32> = all.iter().step_by(2).copied().collect();
    for cleared in [&[][..], &odd, &even, &all[3..], &all[..]] {
        let single = stops_with(&all, cleared, false);
        assert_eq!(
            stops_with(&all, cleared, true),
            single,
            "cleared {cleared:?}"
        );
        // And the stops are the breakpoints that remain, where the path passes them.
        let ops = op_offsets(&wat::parse_str(JOINS).unwrap(), 0);
        let want: Vec<Vec<u32>> = [0, 1]
            .into_iter()
            .map(|arg| {
                let trace = joins_trace(arg);
                let last = trace.len() - 1;
                trace
                    .into_iter()
                    .enumerate()
                    .map(|(i, (op, _))| match op {
                        Some(k) => ops[k],
                        None if i == last => *all.last().unwrap(),
                        None => all[0],
                    })
                    .filter(|o| !cleared.contains(o))
                    .collect()
            })
            .collect();
        assert_eq!(single, want, "cleared {cleared:?}");
    }
}

/// A forward `br_if` (a loop's exit test) keeps its group going along its fall-through; the
/// slow path takes the branch itself. A `br_if` back to the header ends its group.
const FORWARD_BR_IF: &str = r#"(module (memory 1)
  (func (export "f") (param $p i32) (param $n i32) (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $n)))
        (i32.store (local.get $p) (local.get $p))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (i32.lt_u (local.get $p) (i32.const 64)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l)))
    (local.get $p)))"#;

/// What `f(p, n)` of [`FORWARD_BR_IF`] returns.
fn forward_br_if(mut p: u32, n: u32) -> u32 {
    while p < n {
        p += 4;
        if p >= 64 {
            p += 1;
        }
    }
    p
}

/// Runs `f(p, n)` of `wat` (a variant of [`FORWARD_BR_IF`] that returns
/// [`forward_br_if`]`(p, n) + add`) on inputs that exit at once, loop with the back edge
/// taken, and loop past 64 (the back edge falls through to the code after it), and checks
/// that: a run without breakpoints never stops; stepping from the entry passes more than
/// `min_steps` stop points; a breakpoint at every point stops at each as stepping does, with
/// the same stack; one breakpoint stops exactly where the path passes it.
fn stops_are_where_the_path_passes(wat: &str, add: u32, min_steps: usize) {
    type Trace = Arc<Mutex<Vec<(u32, Vec<u64>)>>>;
    let run = |p: i32, n: i32, action: ResumeAction, bps: &dyn Fn(&DebugHandle)| {
        let trace: Trace = Arc::new(Mutex::new(Vec::new()));
        let log = trace.clone();
        let mut s = setup(wat, move |stop, _| {
            let stack: Vec<u64> = stop.stack().iter().map(|v| v.bits).collect();
            log.lock().unwrap().push((stop.bytecode_offset(), stack));
            action
        });
        bps(&s.debugger);
        let f = s
            .instance
            .get_typed_func::<(i32, i32), i32>(&mut s.store, "f")
            .unwrap();
        let got = f.call(&mut s.store, (p, n)).unwrap();
        assert_eq!(
            got as u32,
            forward_br_if(p as u32, n as u32) + add,
            "{wat}\nf({p}, {n})"
        );
        let trace = trace.lock().unwrap().clone();
        trace
    };
    let offsets = setup(wat, |_, _| ResumeAction::Continue)
        .debugger
        .breakable_offsets(0);
    for (p, n) in [(9, 0), (0, 24), (56, 80)] {
        let plain = run(p, n, ResumeAction::Continue, &|_| {});
        assert!(plain.is_empty(), "{wat}\nf({p}, {n}) stopped: {plain:?}");
        // Stepping from the entry: every stop point the run passes, with its stack.
        let entry = offsets[0];
        let steps = run(p, n, ResumeAction::StepInto, &|d| {
            d.set_breakpoint(0, entry).unwrap();
        });
        assert!(steps.len() > min_steps, "{wat}\nf({p}, {n}): {steps:?}");
        let all = run(p, n, ResumeAction::Continue, &|d| {
            let points: Vec<(u32, u32)> = offsets.iter().map(|&o| (0, o)).collect();
            d.set_breakpoints(&points).unwrap();
        });
        assert_eq!(all, steps, "{wat}\nf({p}, {n}), every breakpoint");
        for &o in &offsets {
            let got = run(p, n, ResumeAction::Continue, &|d| {
                d.set_breakpoint(0, o).unwrap();
            });
            let want: Vec<_> = steps.iter().filter(|s| s.0 == o).cloned().collect();
            assert_eq!(got, want, "{wat}\nf({p}, {n}), breakpoint at {o:#x}");
        }
    }
}

#[test]
fn stops_after_a_forward_br_if_are_where_the_path_passes() {
    stops_are_where_the_path_passes(FORWARD_BR_IF, 0, 8);
    // Four machine sites: entry, the loop's header, after the back edge's `br_if`, the exit
    // (the block's end, a conditional branch's target). None after the exit test.
    let machine = machine_sites(&Module::new(&engine(), FORWARD_BR_IF).unwrap());
    assert_eq!(machine, 4);
}

/// A local written at the stop of an `if` or `br_if` whose comparison reads it: the branch
/// goes by the comparison Wasm already made (the old value), and what follows sees the new
/// value. (The comparison's operand is the local's register; the slow path takes the branch
/// itself rather than resume the machine code, which would compare again.)
#[test]
fn a_local_written_at_a_conditional_branch_does_not_change_its_condition() {
    let cases = [
        (
            r#"(module (func (export "f") (param $n i32) (result i32)
                (if (result i32) (i32.lt_s (local.get $n) (i32.const 10))
                  (then (local.get $n))
                  (else (i32.sub (i32.const 0) (local.get $n))))))"#,
            0x04u8,
        ),
        (
            r#"(module (func (export "f") (param $n i32) (result i32)
                (block $out
                  (br_if $out (i32.lt_s (local.get $n) (i32.const 10)))
                  (local.set $n (i32.const -1)))
                (local.get $n)))"#,
            0x0d,
        ),
    ];
    for (wat, opcode) in cases {
        let mut s = setup(wat, |stop, _| {
            assert!(stop.set_local(0, 100));
            ResumeAction::Continue
        });
        let wasm = wat::parse_str(wat).unwrap();
        let at = op_offsets(&wasm, 0)
            .into_iter()
            .find(|&o| wasm[o as usize] == opcode)
            .unwrap();
        s.debugger.set_breakpoint(0, at).unwrap();
        // 5 < 10: the branch to the local's value is taken, which is then 100.
        assert_eq!(call_f(&mut s, 5), 100, "{wat}");
        assert_eq!(s.stops.lock().unwrap().len(), 1);
    }
}

/// Locals set just before a trap are shown with their new values at the trap stop, though
/// debug code keeps them in registers without writing their slots (dirty copies).
#[test]
fn a_trap_stop_shows_locals_kept_in_registers() {
    let wat = r#"(module (memory 1)
        (func (export "f") (param $n i32) (result i32) (local $x i32) (local $y i64)
          (local.set $x (i32.mul (local.get $n) (i32.const 3)))
          (local.set $y (i64.extend_i32_u (local.get $x)))
          (i32.load (i32.add (local.get $x) (i32.const 65536)))))"#;
    let (mut s, seen) = logging_locals(wat);
    let f = s
        .instance
        .get_typed_func::<i32, i32>(&mut s.store, "f")
        .unwrap();
    let err = f.call(&mut s.store, 5).unwrap_err();
    assert_eq!(
        err.as_trap().expect("a trap").kind,
        TrapKind::MemoryOutOfBounds
    );
    assert_eq!(
        *seen.lock().unwrap(),
        vec![(
            StopReason::Trap(TrapKind::MemoryOutOfBounds),
            vec![5, 15, 15]
        )]
    );
}

/// Forward `br_if`s that leave a loop (a loop's exit test keeps its group going, see
/// [`FORWARD_BR_IF`]) to the function itself, to a block with a result and a value below it,
/// and out of an inner loop to the function: every stop where stepping sees it, with the same
/// stack, and the results unchanged.
#[test]
fn stops_after_a_br_if_out_of_a_loop_to_the_function_or_a_result_block() {
    let cases: [(&str, u32); 3] = [
        (
            r#"(module (memory 1)
  (func (export "f") (param $p i32) (param $n i32) (result i32)
    (loop $l
      (br_if 1 (i32.add (local.get $p) (i32.const 100)) (i32.ge_u (local.get $p) (local.get $n)))
      (drop)
      (i32.store (local.get $p) (local.get $p))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $p) (i32.const 64)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $l))
    (unreachable)))"#,
            100,
        ),
        (
            r#"(module (memory 1)
  (func (export "f") (param $p i32) (param $n i32) (result i32)
    (i32.const 7)
    (block $done (result i32)
      (loop $l
        (br_if $done (i32.add (local.get $p) (i32.const 100)) (i32.ge_u (local.get $p) (local.get $n)))
        (drop)
        (i32.store (local.get $p) (local.get $p))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (i32.lt_u (local.get $p) (i32.const 64)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l))
      (unreachable))
    (i32.add)))"#,
            107,
        ),
        (
            r#"(module (memory 1)
  (func (export "f") (param $p i32) (param $n i32) (result i32)
    (loop $l
      (block $b
        (loop $m
          (br_if 3 (i32.add (local.get $p) (i32.const 100)) (i32.ge_u (local.get $p) (local.get $n)))
          (drop)
          (i32.store (local.get $p) (local.get $p))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br_if $m (i32.lt_u (local.get $p) (i32.const 64)))
          (br $b)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $l))
    (unreachable)))"#,
            100,
        ),
    ];
    for (wat, add) in cases {
        stops_are_where_the_path_passes(wat, add, 4);
    }
}

/// A single-site function called through a table: `call_indirect` enters it past its gate
/// loads while it has no breakpoint (see `debug::abi`, "Fast entries").
const TABLE_CALLS: &str = r#"(module
  (type $bin (func (param i32 i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $add $sub)
  (func $add (type $bin) local.get 0 local.get 1 i32.add)
  (func $sub (type $bin) local.get 0 local.get 1 i32.sub)
  (func (export "main") (result i32)
    (i32.mul
      (call_indirect (type $bin) (i32.const 7) (i32.const 5) (i32.const 0))
      (call_indirect (type $bin) (i32.const 7) (i32.const 5) (i32.const 1)))))"#;

#[test]
fn a_breakpoint_in_a_function_entered_through_a_table_stops_there_until_cleared() {
    let wasm = wat::parse_str(TABLE_CALLS).unwrap();
    let sub_ops = op_offsets(&wasm, 1);
    let mut s = setup(TABLE_CALLS, |_, _| ResumeAction::Continue);
    let main = s
        .instance
        .get_typed_func::<(), i32>(&mut s.store, "main")
        .unwrap();
    assert_eq!(main.call(&mut s.store, ()).unwrap(), 24);
    assert_eq!(
        s.debugger.slow_path_entries(),
        0,
        "fast entries test nothing"
    );
    // Its only machine site: the record now sends calls to the function's start.
    s.debugger.set_breakpoint(1, sub_ops[2]).unwrap();
    assert_eq!(main.call(&mut s.store, ()).unwrap(), 24);
    let got: Vec<(u32, u32)> = s.stops.lock().unwrap().iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(got, vec![(1, sub_ops[2])]);
    // Cleared: back to the fast entry, no slow path at all.
    s.debugger.clear_breakpoint(1, sub_ops[2]).unwrap();
    let before = s.debugger.slow_path_entries();
    assert_eq!(main.call(&mut s.store, ()).unwrap(), 24);
    assert_eq!(s.debugger.slow_path_entries(), before);
    assert_eq!(s.stops.lock().unwrap().len(), 1);
}

#[test]
fn stepping_into_a_function_entered_through_a_table_stops_at_its_entry() {
    use ResumeAction::*;
    let wasm = wat::parse_str(TABLE_CALLS).unwrap();
    let add_ops = op_offsets(&wasm, 0);
    let main_ops = op_offsets(&wasm, 2);
    // Stop at the first `call_indirect` (main's 4th operator), step into $add: its entry is
    // reached through the fast entry, testing the stepping caller's all-ones bits.
    let (stops, _) = step_sequence(TABLE_CALLS, "main", None, (2, 4), vec![StepInto, StepInto]);
    let got: Vec<(u32, u32)> = stops.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(
        got,
        vec![(2, main_ops[3]), (0, add_ops[0]), (0, add_ops[1])]
    );
}
