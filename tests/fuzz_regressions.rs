//! What the fuzz targets (`fuzz/`) found, reduced to the module and the outcome that matter.
//! Each test names the target and the input that found it; the raw input is kept in
//! `fuzz/regressions/<target>/` too, where `.ci/fuzz-smoke` replays it through the target.

use std::sync::{Arc, Mutex};

use breakwater::debug::{ResumeAction, StopReason};
use breakwater::{Config, Engine, Instance, Module, Store, TrapKind};

/// `debugger`, fuzz/regressions/debugger/abort-at-a-trap-stop: the hook said `Abort` at a
/// trap stop and the call ended with the trap's own kind, not `Interrupted` as the docs then
/// said for every stop. The trap's kind is the more useful answer: the docs now say that at a
/// trap stop the call ends with that trap whatever the action, and this checks it.
#[test]
fn abort_at_a_trap_stop_keeps_the_trap() {
    let engine = Engine::new(Config::new().debug(true)).unwrap();
    let module = Module::new(
        &engine,
        r#"(module (func (export "div") (param i32 i32) (result i32)
            local.get 0 local.get 1 i32.div_s))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let reasons = Arc::new(Mutex::new(Vec::new()));
    let log = reasons.clone();
    instance
        .attach_debugger(&mut store, move |stop| {
            log.lock().unwrap().push(stop.reason());
            ResumeAction::Abort
        })
        .unwrap();
    let div = instance
        .get_typed_func::<(i32, i32), i32>(&mut store, "div")
        .unwrap();
    let err = div.call(&mut store, (7, 0)).unwrap_err();
    assert_eq!(
        err.as_trap().expect("a trap").kind,
        TrapKind::IntegerDivideByZero
    );
    assert_eq!(
        reasons.lock().unwrap().as_slice(),
        &[StopReason::Trap(TrapKind::IntegerDivideByZero)]
    );
    // The instance runs on, and the next call is not aborted.
    assert_eq!(div.call(&mut store, (7, 2)).unwrap(), 3);
}
