//! The reference engine: wasmtime (Cranelift), configured for WebAssembly 2.0 without SIMD and
//! with explicit bounds checks (no signal handlers to share with libFuzzer's).

use std::sync::LazyLock;

use wasmtime::{Config, Engine, Extern, Instance, Module, Store, Trap, Val};

use crate::common::{CallOutcome, Calls, RunOutcome, Snapshot, TrapClass, Value, STACK_BYTES};

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let mut config = Config::new();
    config
        .wasm_simd(false)
        .wasm_relaxed_simd(false)
        .wasm_tail_call(false)
        .wasm_multi_memory(false)
        .wasm_memory64(false)
        .wasm_bulk_memory(true)
        .wasm_multi_value(true)
        .signals_based_traps(false)
        .memory_reservation(0)
        .memory_guard_size(0)
        .max_wasm_stack(STACK_BYTES);
    Engine::new(&config).expect("creating the wasmtime engine")
});

fn trap_class(trap: Trap) -> TrapClass {
    match trap {
        Trap::UnreachableCodeReached => TrapClass::Unreachable,
        Trap::IntegerDivisionByZero => TrapClass::IntegerDivideByZero,
        Trap::IntegerOverflow => TrapClass::IntegerOverflow,
        Trap::BadConversionToInteger => TrapClass::InvalidConversionToInteger,
        Trap::MemoryOutOfBounds => TrapClass::MemoryOutOfBounds,
        Trap::TableOutOfBounds => TrapClass::TableOutOfBounds,
        Trap::BadSignature => TrapClass::IndirectCallTypeMismatch,
        Trap::IndirectCallToNull => TrapClass::UninitializedElement,
        Trap::NullReference => TrapClass::NullReference,
        Trap::StackOverflow => TrapClass::StackOverflow,
        _ => TrapClass::Other,
    }
}

fn to_val(v: Value) -> Val {
    match v {
        Value::I32(x) => Val::I32(x),
        Value::I64(x) => Val::I64(x),
        Value::F32(b) => Val::F32(b),
        Value::F64(b) => Val::F64(b),
        Value::FuncRef { .. } => Val::FuncRef(None),
        Value::ExternRef { .. } => Val::ExternRef(None),
    }
}

fn from_val(v: &Val) -> Value {
    match v {
        Val::I32(x) => Value::I32(*x),
        Val::I64(x) => Value::I64(*x),
        Val::F32(b) => Value::f32(*b),
        Val::F64(b) => Value::f64(*b),
        Val::FuncRef(f) => Value::FuncRef { null: f.is_none() },
        Val::ExternRef(r) => Value::ExternRef { null: r.is_none() },
        other => panic!("a WebAssembly 2.0 module produced {other:?}"),
    }
}

/// A trap's class, or a panic if the error is no trap (a valid module without imports only
/// fails by trapping).
fn trapped(e: wasmtime::Error, what: &str) -> TrapClass {
    match e.downcast_ref::<Trap>() {
        Some(t) => trap_class(*t),
        None => panic!("wasmtime: {what} failed without a trap: {e:?}"),
    }
}

/// Runs `calls` on a fresh wasmtime instance of `wasm`; an error if wasmtime cannot compile or
/// instantiate it (nothing to compare with).
pub fn run(wasm: &[u8], calls: &Calls) -> Result<RunOutcome, String> {
    let module = Module::new(&ENGINE, wasm).map_err(|e| format!("compiling: {e:?}"))?;
    let mut store = Store::new(&ENGINE, ());
    let instance = match Instance::new(&mut store, &module, &[]) {
        Ok(i) => i,
        Err(e) if e.downcast_ref::<Trap>().is_some() => {
            return Ok(RunOutcome::InstantiationTrapped(trapped(
                e,
                "instantiation",
            )))
        }
        Err(e) => return Err(format!("instantiating: {e:?}")),
    };
    let mut outcomes = Vec::new();
    for (name, args) in calls {
        let func = instance
            .get_func(&mut store, name)
            .expect("an exported function");
        let ty = func.ty(&store);
        let params: Vec<Val> = args.iter().map(|a| to_val(*a)).collect();
        let mut results: Vec<Val> = ty
            .results()
            .map(|t| Val::default_for_ty(&t).expect("a defaultable result type"))
            .collect();
        let outcome = match func.call(&mut store, &params, &mut results) {
            Ok(()) => CallOutcome::Returned(results.iter().map(from_val).collect()),
            Err(e) => CallOutcome::Trapped(trapped(e, name)),
        };
        let overflowed = outcome == CallOutcome::Trapped(TrapClass::StackOverflow);
        outcomes.push((name.clone(), outcome));
        if overflowed {
            break;
        }
    }
    let mut after = Snapshot::default();
    let names: Vec<String> = module.exports().map(|e| e.name().to_string()).collect();
    for name in names {
        match instance.get_export(&mut store, &name) {
            Some(Extern::Global(g)) => after.globals.push((name, from_val(&g.get(&mut store)))),
            Some(Extern::Memory(m)) => after.memories.push((name, m.data(&store).to_vec())),
            _ => {}
        }
    }
    Ok(RunOutcome::Ran {
        calls: outcomes,
        after,
    })
}
