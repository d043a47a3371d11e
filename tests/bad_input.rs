//! Bad and edge-case input: arbitrary bytes never panic the compiler, wasm-smith's valid
//! WebAssembly 2.0 modules compile and run (traps are fine), and memory accesses at the edges
//! (offsets near 4 GiB, the exact end, growth to the 65536-page limit and beyond) trap or fail
//! cleanly; damaged artifacts of such modules never panic the loader.

#[allow(dead_code)]
#[path = "../fuzz/src/common.rs"]
mod common;

use breakwater::{Config, Engine, Error, Extern, Func, Instance, Module, Store, Val, ValType};
use breakwater_core::TrapKind;
use proptest::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Runs `f` on a thread with a big stack (deep recursion is Breakwater's to catch).
fn on_big_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .expect("spawning a test thread");
    if let Err(payload) = handle.join() {
        std::panic::resume_unwind(payload);
    }
}

fn engine() -> Engine {
    let mut config = Config::new();
    config.max_wasm_stack(8 << 20);
    Engine::new(&config).expect("creating an engine")
}

fn zero(ty: ValType) -> Val {
    match ty {
        ValType::I32 => Val::I32(0),
        ValType::I64 => Val::I64(0),
        ValType::F32 => Val::F32(0),
        ValType::F64 => Val::F64(0),
        ValType::FuncRef => Val::FuncRef(None),
        ValType::ExternRef => Val::ExternRef(None),
    }
}

/// Calls `func` with zero arguments of its parameter types; a trap is fine, anything else is not.
fn call_with_zeros(store: &mut Store<()>, func: Func) -> Result<Vec<Val>, Error> {
    let ty = func.ty(&*store);
    let params: Vec<Val> = ty.params.iter().map(|t| zero(*t)).collect();
    let mut results: Vec<Val> = ty.results.iter().map(|t| zero(*t)).collect();
    func.call(store, &params, &mut results)?;
    Ok(results)
}

/// The fuzzers' wasm-smith configuration (WebAssembly 2.0 without SIMD), with bigger modules,
/// and memories and tables that need no maximum.
fn smith_config() -> wasm_smith::Config {
    wasm_smith::Config {
        max_memory32_bytes: 16 << 20,
        memory_max_size_required: false,
        table_max_size_required: false,
        max_table_elements: 10_000,
        min_funcs: 3,
        max_funcs: 50,
        max_instructions: 500,
        canonicalize_nans: false,
        ..common::smith_config()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary bytes (binary or text) never panic `Module::new`.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let engine = Engine::default();
        let _ = Module::new(&engine, &bytes);
        let _ = Module::validate(&engine, &bytes);
    }

    /// A valid module header followed by arbitrary bytes never panics `Module::new`.
    #[test]
    fn arbitrary_sections_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let engine = Engine::default();
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        module.extend_from_slice(&bytes);
        let _ = Module::new(&engine, &module);
    }
}

/// wasm-smith modules (WebAssembly 2.0, no SIMD) compile, instantiate (or fail cleanly, e.g. a
/// data segment out of bounds) and every exported function runs with zero arguments without a
/// panic. `ensure_termination` bounds every loop and call chain with fuel.
#[test]
fn smith_modules_compile_and_run() {
    on_big_stack(|| {
        let config = ProptestConfig {
            cases: 200,
            failure_persistence: None,
            ..ProptestConfig::default()
        };
        let watchdog = Watchdog::start(CASE_TIME_BUDGET);
        proptest!(config, |(seed in prop::collection::vec(any::<u8>(), 1024..16384))| {
            let mut u = arbitrary::Unstructured::new(&seed);
            let Ok(mut smith) = wasm_smith::Module::new(smith_config(), &mut u) else {
                return Ok(());
            };
            smith.ensure_termination(1_000).expect("ensure_termination");
            let wasm = smith.to_bytes();
            watchdog.case(&wasm);
            let engine = engine();
            let module = match Module::new(&engine, &wasm) {
                Ok(m) => m,
                Err(e) => {
                    let wat = wasmprinter_hint(&wasm);
                    return Err(TestCaseError::fail(format!(
                        "a valid wasm-smith module did not compile: {e}\n{wat}"
                    )));
                }
            };
            let mut store = Store::new(&engine, ());
            let instance = match Instance::new(&mut store, &module, &[]) {
                Ok(i) => i,
                // Instantiation may trap (segments out of bounds) or run out of resources.
                Err(Error::Trap(_)) | Err(Error::Resource(_)) => return Ok(()),
                Err(e) => return Err(TestCaseError::fail(format!("instantiation failed: {e}"))),
            };
            let exports: Vec<Func> = instance
                .exports(&mut store)
                .into_iter()
                .filter_map(|(_, e)| match e {
                    Extern::Func(f) => Some(f),
                    _ => None,
                })
                .collect();
            for func in exports {
                match call_with_zeros(&mut store, func) {
                    Ok(_) | Err(Error::Trap(_)) => {}
                    Err(e) => return Err(TestCaseError::fail(format!("call failed: {e}"))),
                }
            }
        });
    });
}

/// Artifacts of wasm-smith modules (normal and debug code, with real code, relocations, trap
/// sites and site tables) with a few bytes of their body overwritten or cut short, the checksum
/// and length fixed up so that the structural checks see the damage: loading gives an error or
/// a module, never a panic. (A damaged artifact that loads is not run: its code is trusted.)
#[test]
fn mutated_artifacts_never_panic() {
    use breakwater::artifact::Target;
    use breakwater_core::artifact::{checksum, HEADER_LEN};
    on_big_stack(|| {
        let config = ProptestConfig {
            cases: 300,
            failure_persistence: None,
            ..ProptestConfig::default()
        };
        let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8);
        let engine = engine();
        proptest!(config, |(seed in prop::collection::vec(any::<u8>(), 256..8192), debug in any::<bool>(), edits in edits, cut in prop::option::of(any::<prop::sample::Index>()))| {
            let mut u = arbitrary::Unstructured::new(&seed);
            let Ok(smith) = wasm_smith::Module::new(smith_config(), &mut u) else {
                return Ok(());
            };
            let target = Target::host().expect("x86_64 or aarch64");
            let mut file = breakwater::artifact::compile(&smith.to_bytes(), target, debug)
                .map_err(|e| TestCaseError::fail(format!("a valid module did not compile: {e}")))?;
            // Intact, it loads.
            if let Err(e) = Module::from_artifact(&engine, &file) {
                return Err(TestCaseError::fail(format!("an intact artifact did not load: {e}")));
            }
            let body = file.len() - HEADER_LEN;
            for (at, byte) in edits {
                file[HEADER_LEN + at.index(body)] = byte;
            }
            if let Some(cut) = cut {
                file.truncate(HEADER_LEN + cut.index(body));
                let len = (file.len() - HEADER_LEN) as u64;
                file[24..32].copy_from_slice(&len.to_le_bytes());
            }
            let sum = checksum(&file[HEADER_LEN..]);
            file[32..40].copy_from_slice(&sum.to_le_bytes());
            let _ = Module::from_artifact(&engine, &file);
        });
    });
}

/// wasm-smith modules with a few bytes overwritten, or cut short, never panic `Module::new`
/// (which may accept or reject them): errors deep inside function bodies and sections.
#[test]
fn mutated_smith_modules_never_panic() {
    on_big_stack(|| {
        let config = ProptestConfig {
            cases: 300,
            failure_persistence: None,
            ..ProptestConfig::default()
        };
        let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8);
        proptest!(config, |(seed in prop::collection::vec(any::<u8>(), 256..8192), edits in edits, cut in any::<prop::sample::Index>(), truncate in any::<bool>())| {
            let mut u = arbitrary::Unstructured::new(&seed);
            let Ok(smith) = wasm_smith::Module::new(smith_config(), &mut u) else {
                return Ok(());
            };
            let mut wasm = smith.to_bytes();
            for (at, byte) in edits {
                let i = at.index(wasm.len());
                wasm[i] = byte;
            }
            if truncate {
                wasm.truncate(cut.index(wasm.len() + 1));
            }
            // Not instantiated: a mutation can turn a loop of the start function infinite.
            let _ = Module::new(&engine(), &wasm);
        });
    });
}

/// How long one wasm-smith case may take. Fuel makes every case terminate if the code is
/// compiled right; a miscompiled loop could spin forever, which the watchdog turns into a
/// failure that shows the module instead of a hung test run.
const CASE_TIME_BUDGET: Duration = Duration::from_secs(60);

/// Aborts the process with the current case's module when a case runs past its budget.
struct Watchdog {
    state: Arc<Mutex<(Instant, Option<String>)>>,
    done: Arc<AtomicBool>,
}

impl Watchdog {
    fn start(budget: Duration) -> Watchdog {
        let state = Arc::new(Mutex::new((Instant::now(), None::<String>)));
        let done = Arc::new(AtomicBool::new(false));
        let (s, d) = (state.clone(), done.clone());
        std::thread::spawn(move || {
            while !d.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let guard = s.lock().unwrap_or_else(|e| e.into_inner());
                if let (started, Some(module)) = &*guard {
                    if started.elapsed() > budget && !d.load(Ordering::Relaxed) {
                        eprintln!(
                            "a wasm-smith case ran for more than {} s (a hang in compiled code?)\n{module}",
                            budget.as_secs()
                        );
                        std::process::abort();
                    }
                }
            }
        });
        Watchdog { state, done }
    }

    /// Starts the budget of a case running `wasm`.
    fn case(&self, wasm: &[u8]) {
        let mut guard = self.state.lock().unwrap_or_else(|e| e.into_inner());
        *guard = (Instant::now(), Some(wasmprinter_hint(wasm)));
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
    }
}

/// The module's bytes in hex, for a failure message (no printer dependency).
fn wasmprinter_hint(wasm: &[u8]) -> String {
    let hex: Vec<String> = wasm.iter().map(|b| format!("{b:02x}")).collect();
    format!("module bytes: {}", hex.join(""))
}

fn instantiate(wat: &str) -> (Store<()>, Instance) {
    let engine = engine();
    let module = Module::new(&engine, wat).expect("compiling the test module");
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).expect("instantiating the test module");
    (store, instance)
}

fn call(
    store: &mut Store<()>,
    instance: &Instance,
    name: &str,
    args: &[Val],
) -> Result<Vec<Val>, Error> {
    let func = instance
        .get_func(&mut *store, name)
        .unwrap_or_else(|| panic!("no export {name}"));
    let ty = func.ty(&*store);
    let mut results: Vec<Val> = ty.results.iter().map(|t| zero(*t)).collect();
    func.call(store, args, &mut results)?;
    Ok(results)
}

fn assert_oob(result: Result<Vec<Val>, Error>, what: &str) {
    match result {
        Err(e) => {
            let kind = e.as_trap().map(|t| t.kind);
            assert_eq!(kind, Some(TrapKind::MemoryOutOfBounds), "{what}: {e}");
        }
        Ok(v) => panic!("{what}: expected an out of bounds trap, got {v:?}"),
    }
}

fn i32_of(v: &[Val]) -> i32 {
    match v {
        [Val::I32(x)] => *x,
        other => panic!("expected one i32, got {other:?}"),
    }
}

const EDGE_WAT: &str = r#"(module
  (memory (export "mem") 1)
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store32") (param i32) (i32.store (local.get 0) (i32.const 0x01020304)))
  (func (export "store64") (param i32) (i64.store (local.get 0) (i64.const -1)))
  (func (export "store8") (param i32) (i32.store8 (local.get 0) (i32.const 7)))
  (func (export "load32_off_max") (param i32) (result i32) (i32.load offset=0xffffffff (local.get 0)))
  (func (export "load32_off_fffc") (param i32) (result i32) (i32.load offset=0xfffffffc (local.get 0)))
  (func (export "load64_off_fff8") (param i32) (result i64) (i64.load offset=0xfffffff8 (local.get 0)))
  (func (export "store32_off_max") (param i32) (i32.store offset=0xffffffff (local.get 0) (i32.const 1)))
  (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 0) (local.get 1)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#;

const PAGE: i32 = 65536;

#[test]
fn memory_accesses_at_the_exact_end() {
    on_big_stack(|| {
        let (mut store, inst) = instantiate(EDGE_WAT);
        let s = &mut store;
        for (name, width) in [("load32", 4), ("load64", 8), ("load8", 1)] {
            call(s, &inst, name, &[Val::I32(PAGE - width)])
                .unwrap_or_else(|e| panic!("{name} at the end: {e}"));
            assert_oob(call(s, &inst, name, &[Val::I32(PAGE - width + 1)]), name);
            assert_oob(call(s, &inst, name, &[Val::I32(PAGE)]), name);
            assert_oob(call(s, &inst, name, &[Val::I32(-1)]), name);
            assert_oob(call(s, &inst, name, &[Val::I32(i32::MIN)]), name);
        }
        for (name, width) in [("store32", 4), ("store64", 8), ("store8", 1)] {
            call(s, &inst, name, &[Val::I32(PAGE - width)])
                .unwrap_or_else(|e| panic!("{name} at the end: {e}"));
            assert_oob(call(s, &inst, name, &[Val::I32(PAGE - width + 1)]), name);
            assert_oob(call(s, &inst, name, &[Val::I32(-1)]), name);
        }
        // The stores at the end landed; nothing was written by the trapping ones.
        let v = call(s, &inst, "load8", &[Val::I32(PAGE - 1)]).unwrap();
        assert_eq!(i32_of(&v), 7);
    });
}

#[test]
fn memory_offsets_near_4gib() {
    on_big_stack(|| {
        let (mut store, inst) = instantiate(EDGE_WAT);
        let s = &mut store;
        for addr in [0, 1, 4, PAGE - 4, -1, i32::MIN] {
            assert_oob(
                call(s, &inst, "load32_off_max", &[Val::I32(addr)]),
                "offset=0xffffffff",
            );
            assert_oob(
                call(s, &inst, "load32_off_fffc", &[Val::I32(addr)]),
                "offset=0xfffffffc",
            );
            assert_oob(
                call(s, &inst, "load64_off_fff8", &[Val::I32(addr)]),
                "offset=0xfffffff8",
            );
            assert_oob(
                call(s, &inst, "store32_off_max", &[Val::I32(addr)]),
                "store offset=0xffffffff",
            );
        }
        // Bulk operations: lengths and addresses that overflow 32 bits.
        assert_oob(
            call(s, &inst, "fill", &[Val::I32(1), Val::I32(-1)]),
            "fill len 0xffffffff",
        );
        assert_oob(
            call(s, &inst, "fill", &[Val::I32(PAGE), Val::I32(1)]),
            "fill at the end",
        );
        call(s, &inst, "fill", &[Val::I32(PAGE), Val::I32(0)])
            .expect("an empty fill at the end is fine");
        assert_oob(
            call(s, &inst, "copy", &[Val::I32(0), Val::I32(1), Val::I32(-1)]),
            "copy len 0xffffffff",
        );
        assert_oob(
            call(s, &inst, "copy", &[Val::I32(-1), Val::I32(0), Val::I32(2)]),
            "copy to 0xffffffff",
        );
        call(
            s,
            &inst,
            "copy",
            &[Val::I32(PAGE), Val::I32(PAGE), Val::I32(0)],
        )
        .expect("an empty copy at the end");
    });
}

#[test]
fn memory_grow_at_and_beyond_the_limit() {
    on_big_stack(|| {
        let (mut store, inst) = instantiate(EDGE_WAT);
        let s = &mut store;
        // Beyond the 65536-page limit: always -1, and the memory is unchanged.
        for delta in [65536, 65537, i32::MAX, -1, i32::MIN] {
            let v = call(s, &inst, "grow", &[Val::I32(delta)]).expect("memory.grow must not trap");
            assert_eq!(i32_of(&v), -1, "grow by {delta} pages");
            assert_eq!(i32_of(&call(s, &inst, "size", &[]).unwrap()), 1);
        }
        // Up to exactly 65536 pages (4 GiB): may succeed or fail, but cleanly.
        let v = call(s, &inst, "grow", &[Val::I32(65535)]).expect("memory.grow must not trap");
        match i32_of(&v) {
            1 => {
                assert_eq!(i32_of(&call(s, &inst, "size", &[]).unwrap()), 65536);
                // The last byte of 4 GiB is addressable; one more page is not.
                call(s, &inst, "store8", &[Val::I32(-1)]).expect("store at 4 GiB - 1");
                assert_eq!(
                    i32_of(&call(s, &inst, "load8", &[Val::I32(-1)]).unwrap()),
                    7
                );
                assert_oob(
                    call(s, &inst, "load32", &[Val::I32(-2)]),
                    "load32 across 4 GiB",
                );
                let v = call(s, &inst, "grow", &[Val::I32(1)]).unwrap();
                assert_eq!(i32_of(&v), -1, "grow past 65536 pages");
            }
            -1 => assert_eq!(i32_of(&call(s, &inst, "size", &[]).unwrap()), 1),
            other => panic!("memory.grow returned {other}"),
        }
    });
}

#[test]
fn memory_grow_respects_the_maximum() {
    on_big_stack(|| {
        let (mut store, inst) = instantiate(
            r#"(module (memory 1 3)
                 (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
                 (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0))))"#,
        );
        let s = &mut store;
        assert_eq!(i32_of(&call(s, &inst, "grow", &[Val::I32(3)]).unwrap()), -1);
        assert_eq!(i32_of(&call(s, &inst, "grow", &[Val::I32(2)]).unwrap()), 1);
        assert_eq!(i32_of(&call(s, &inst, "grow", &[Val::I32(1)]).unwrap()), -1);
        assert_eq!(i32_of(&call(s, &inst, "grow", &[Val::I32(0)]).unwrap()), 3);
        call(s, &inst, "load8", &[Val::I32(3 * PAGE - 1)]).expect("last byte after growing");
        assert_oob(
            call(s, &inst, "load8", &[Val::I32(3 * PAGE)]),
            "one past the grown end",
        );
    });
}

#[test]
fn segments_out_of_bounds_fail_instantiation_cleanly() {
    let engine = engine();
    for wat in [
        r#"(module (memory 1) (data (i32.const 65536) "x"))"#,
        r#"(module (memory 1) (data (i32.const -1) "x"))"#,
        r#"(module (memory 0) (data (i32.const 0) "x"))"#,
        r#"(module (table 1 funcref) (func $f) (elem (i32.const 1) $f))"#,
        r#"(module (table 0 funcref) (func $f) (elem (i32.const -1) $f))"#,
    ] {
        let module = Module::new(&engine, wat).expect("valid module");
        let mut store = Store::new(&engine, ());
        match Instance::new(&mut store, &module, &[]) {
            Err(Error::Trap(_)) => {}
            Err(e) => panic!("{wat}: expected a trap, got {e}"),
            Ok(_) => panic!("{wat}: instantiated"),
        }
    }
    // An empty segment exactly at the end is fine.
    let module = Module::new(
        &engine,
        r#"(module (memory 1) (data (i32.const 65536) ""))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    Instance::new(&mut store, &module, &[]).expect("an empty segment at the end");
}

#[test]
fn huge_memories_fail_cleanly() {
    let engine = engine();
    // 65536 pages is the limit of a 32-bit memory; more is invalid.
    assert!(Module::new(&engine, "(module (memory 65537))").is_err());
    assert!(Module::new(&engine, "(module (memory 0 65537))").is_err());
    // 65536 pages may or may not be available, but never a panic.
    let module = Module::new(&engine, "(module (memory 65536))").expect("valid module");
    let mut store = Store::new(&engine, ());
    match Instance::new(&mut store, &module, &[]) {
        Ok(_) | Err(Error::Resource(_)) => {}
        Err(e) => panic!("unexpected error: {e}"),
    }
}

/// Found by `mutated_smith_modules_never_panic` (under qemu): a loop's look-ahead, which runs
/// before the loop's body is validated, collected a local index the function does not have
/// and the compiler indexed its locals with it. The module is invalid: an error, not a panic.
#[test]
fn a_loop_reading_a_local_that_does_not_exist_is_an_error() {
    for memory in ["", "(memory 1)"] {
        let wat = format!(
            "(module {memory} (func (param i32) (loop (drop (local.get 70896)) (br_if 0 (local.get 0)))))"
        );
        let err = Module::new(&engine(), wat).unwrap_err();
        assert!(err.to_string().contains("local"), "{err}");
    }
}
