//! Frames across instances and host code: `Caller::get_export` names the calling instance, and
//! trap and debugger backtraces walk through host frames (Wasm -> host -> Wasm) and through
//! calls into other instances, naming each Wasm frame's instance.

use std::sync::{Arc, Mutex};

use breakwater::debug::ResumeAction;
use breakwater::{Caller, Config, Engine, Error, Instance, InstanceId, Linker, Module, Store};

/// A library instance: `fail` (function 2) calls `$deep` (function 1), which traps or (`trap` false)
/// returns; its memory starts with "L".
fn lib_wat(trap: bool) -> String {
    let body = if trap { "unreachable" } else { "nop" };
    format!(
        r#"(module
             (import "host" "peek" (func $peek (result i32)))
             (memory (export "memory") 1)
             (data (i32.const 0) "L")
             (func $deep {body})
             (func (export "fail") (call $deep))
             (func (export "peek") (result i32) (call $peek)))"#
    )
}

/// The main instance: `start` calls the host's `cb` (function 1 is `cb`; `start` is
/// function 4), which calls back into `target` (function 3), which calls `lib.fail`
/// (function 0). Its memory starts with "M".
const MAIN_WAT: &str = r#"(module
  (import "lib" "fail" (func $fail))
  (import "host" "cb" (func $cb))
  (import "lib" "peek" (func $peek_lib (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "M")
  (func (export "peek_lib") (result i32) (call $peek_lib))
  (func (export "target") (call $fail))
  (func (export "start") (call $cb)))"#;

/// Function indices of `MAIN_WAT` (imports first: fail 0, cb 1, peek_lib 2).
const MAIN_TARGET: u32 = 4;
const MAIN_START: u32 = 5;
const LIB_DEEP: u32 = 1;
const LIB_FAIL: u32 = 2;

/// What the host function `cb` saw.
#[derive(Default)]
struct Seen {
    inner_trap: Option<breakwater::Trap>,
}

struct Setup {
    store: Store<Seen>,
    lib: Instance,
    main: Instance,
}

/// Instantiates both modules; `host.peek` reads the first byte of the calling instance's
/// memory, `host.cb` calls the calling instance's `target` and records its trap.
fn setup(config: &Config, trap: bool) -> Setup {
    let engine = Engine::new(config).unwrap();
    let mut store = Store::new(&engine, Seen::default());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "peek", |mut caller: Caller<'_, Seen>| -> i32 {
            let memory = caller.get_export("memory").and_then(|e| e.into_memory());
            memory.map_or(-1, |m| m.data(&caller)[0] as i32)
        })
        .unwrap();
    linker
        .func_wrap("host", "cb", |mut caller: Caller<'_, Seen>| {
            let target = caller.get_export("target").and_then(|e| e.into_func());
            let target = target.expect("the calling instance exports target");
            let result = target
                .typed::<(), ()>(&caller)
                .unwrap()
                .call(&mut caller, ());
            caller.data_mut().inner_trap = match result {
                Err(Error::Trap(trap)) => Some(trap),
                _ => None,
            };
        })
        .unwrap();
    let lib = Module::new(&engine, lib_wat(trap)).unwrap();
    let lib = linker.instantiate(&mut store, &lib).unwrap();
    linker.instance(&mut store, "lib", lib).unwrap();
    let main = Module::new(&engine, MAIN_WAT).unwrap();
    let main = linker.instantiate(&mut store, &main).unwrap();
    Setup { store, lib, main }
}

#[test]
fn caller_get_export_names_the_calling_instance() {
    let Setup {
        mut store, main, ..
    } = setup(&Config::new(), true);
    // The host entered `main`, which called `lib.peek`, which called `host.peek`: the caller
    // is `lib`, whose memory starts with "L".
    let peek_lib = main
        .get_typed_func::<(), i32>(&mut store, "peek_lib")
        .unwrap();
    assert_eq!(peek_lib.call(&mut store, ()).unwrap(), b'L' as i32);
    // Called by the host itself, a host function has no calling instance.
    let peek = Func::wrap(&mut store, |mut caller: Caller<'_, Seen>| -> i32 {
        caller.get_export("memory").map_or(-1, |_| 1)
    });
    let peek = peek.typed::<(), i32>(&store).unwrap();
    assert_eq!(peek.call(&mut store, ()).unwrap(), -1);
}

use breakwater::Func;

/// (instance, function) of each frame, `None` for host frames.
type Frames = Vec<Option<(InstanceId, u32)>>;

fn expected(s: &Setup) -> Frames {
    let (lib, main) = (s.lib.id(), s.main.id());
    vec![
        Some((lib, LIB_DEEP)),
        Some((lib, LIB_FAIL)),
        Some((main, MAIN_TARGET)),
        None,
        Some((main, MAIN_START)),
    ]
}

fn trap_backtrace_through_host_and_instances(config: &Config) {
    let mut s = setup(config, true);
    let start = s
        .main
        .get_typed_func::<(), ()>(&mut s.store, "start")
        .unwrap();
    start.call(&mut s.store, ()).unwrap();
    let trap = s
        .store
        .data_mut()
        .inner_trap
        .take()
        .expect("target trapped");
    let frames: Frames = trap
        .backtrace
        .iter()
        .map(|f| f.instance.map(|i| (i, f.func_index)))
        .collect();
    assert_eq!(frames, expected(&s), "{trap:?}");
    assert!(trap.backtrace[3].is_host());
    assert_eq!(trap.backtrace[0].bytecode_offset, trap.bytecode_offset);
}

#[test]
fn trap_backtraces_walk_through_host_frames_and_other_instances() {
    trap_backtrace_through_host_and_instances(&Config::new());
}

#[test]
fn trap_backtraces_of_debug_code_walk_through_host_frames_and_other_instances() {
    trap_backtrace_through_host_and_instances(Config::new().debug(true));
}

#[test]
fn debugger_backtraces_walk_through_host_frames_and_other_instances() {
    let mut s = setup(Config::new().debug(true), false);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let debugger = s
        .lib
        .attach_debugger(&mut s.store, move |stop| {
            let frames: Vec<_> = stop
                .backtrace()
                .iter()
                .map(|f| (f.instance.map(|i| (i, f.func_index)), f.bytecode_offset))
                .collect();
            record.lock().unwrap().push(frames);
            ResumeAction::Continue
        })
        .unwrap();
    let deep = debugger.breakable_offsets(LIB_DEEP);
    debugger.set_breakpoint(LIB_DEEP, deep[0]).unwrap();
    let start = s
        .main
        .get_typed_func::<(), ()>(&mut s.store, "start")
        .unwrap();
    start.call(&mut s.store, ()).unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "one stop");
    let frames: Frames = seen[0].iter().map(|(f, _)| *f).collect();
    assert_eq!(frames, expected(&s));
    // Wasm frames of debug code know where they are; the host frame does not.
    let offsets: Vec<bool> = seen[0].iter().map(|(_, o)| o.is_some()).collect();
    assert_eq!(offsets, [true, true, true, false, true]);
}
