//! What the fuzz targets and the seeded differential corpus test (`tests/differential_corpus.rs`,
//! which includes this file) share: the wasm-smith configuration, engine-neutral outcomes of a
//! run (results, traps by kind, globals and memory afterwards), and running a module on
//! Breakwater. Depends only on `breakwater`, `wasm-smith` and `arbitrary`.

use std::fmt;

use breakwater::{Config, Engine, Error, Extern, Instance, Module, Store, TrapKind, Val, ValType};

/// Fuel that wasm-smith's `ensure_termination` gives a module: every loop iteration and call
/// takes one, and a module out of fuel traps (`unreachable`), so every run ends, on every
/// engine alike.
pub const FUEL: u32 = 2_000;

/// Largest memory a generated module may have (it is compared byte for byte after a run).
pub const MAX_MEMORY_BYTES: u64 = 1 << 20;

/// wasm-smith modules of exactly the features Breakwater supports: WebAssembly 2.0 without
/// SIMD (multi-value, reference types, bulk memory, sign extension, saturating conversions,
/// several tables, one memory). No imports; everything is exported so that it can be called
/// and compared. NaNs are canonicalized so that float results do not depend on the engine.
pub fn smith_config() -> wasm_smith::Config {
    wasm_smith::Config {
        simd_enabled: false,
        relaxed_simd_enabled: false,
        threads_enabled: false,
        shared_everything_threads_enabled: false,
        tail_call_enabled: false,
        exceptions_enabled: false,
        gc_enabled: false,
        memory64_enabled: false,
        wide_arithmetic_enabled: false,
        extended_const_enabled: false,
        custom_page_sizes_enabled: false,
        custom_descriptors_enabled: false,
        compact_imports_enabled: false,
        acquire_release_atomics_enabled: false,
        multibyte_array_access_enabled: false,
        bulk_memory_enabled: true,
        reference_types_enabled: true,
        multi_value_enabled: true,
        saturating_float_to_int_enabled: true,
        sign_extension_ops_enabled: true,
        max_memories: 1,
        max_imports: 0,
        max_memory32_bytes: MAX_MEMORY_BYTES,
        memory_max_size_required: true,
        table_max_size_required: true,
        max_table_elements: 1_000,
        min_funcs: 1,
        max_funcs: 15,
        max_instructions: 400,
        export_everything: true,
        canonicalize_nans: true,
        ..wasm_smith::Config::default()
    }
}

/// A wasm-smith module from `u` with every loop and call bounded by [`FUEL`].
pub fn smith_module(u: &mut arbitrary::Unstructured<'_>) -> arbitrary::Result<Vec<u8>> {
    let mut module = wasm_smith::Module::new(smith_config(), u)?;
    module
        .ensure_termination(FUEL)
        .map_err(|_| arbitrary::Error::IncorrectFormat)?;
    Ok(module.to_bytes())
}

/// A value as engines can agree on it: references only as null or not (their identity is the
/// engine's), NaNs of either sign and any payload as one NaN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    FuncRef { null: bool },
    ExternRef { null: bool },
}

impl Value {
    pub fn f32(bits: u32) -> Value {
        if f32::from_bits(bits).is_nan() {
            Value::F32(0x7fc0_0000)
        } else {
            Value::F32(bits)
        }
    }
    pub fn f64(bits: u64) -> Value {
        if f64::from_bits(bits).is_nan() {
            Value::F64(0x7ff8_0000_0000_0000)
        } else {
            Value::F64(bits)
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::I32(v) => write!(f, "i32:{v}"),
            Value::I64(v) => write!(f, "i64:{v}"),
            Value::F32(b) => write!(f, "f32:{b:#x}"),
            Value::F64(b) => write!(f, "f64:{b:#x}"),
            Value::FuncRef { null } => write!(f, "funcref:{}", if *null { "null" } else { "some" }),
            Value::ExternRef { null } => {
                write!(f, "externref:{}", if *null { "null" } else { "some" })
            }
        }
    }
}

/// A trap as engines can agree on it. The spec's "undefined element" (a `call_indirect` index
/// outside the table) is a table access out of bounds for wasmtime: one class here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrapClass {
    Unreachable,
    IntegerDivideByZero,
    IntegerOverflow,
    InvalidConversionToInteger,
    MemoryOutOfBounds,
    TableOutOfBounds,
    IndirectCallTypeMismatch,
    UninitializedElement,
    NullReference,
    StackOverflow,
    /// Something no generated module should do (a host error, an interrupt, a bad argument).
    Other,
}

impl TrapClass {
    pub fn of_breakwater(kind: TrapKind) -> TrapClass {
        match kind {
            TrapKind::Unreachable => TrapClass::Unreachable,
            TrapKind::IntegerDivideByZero => TrapClass::IntegerDivideByZero,
            TrapKind::IntegerOverflow => TrapClass::IntegerOverflow,
            TrapKind::InvalidConversionToInteger => TrapClass::InvalidConversionToInteger,
            TrapKind::MemoryOutOfBounds => TrapClass::MemoryOutOfBounds,
            TrapKind::TableOutOfBounds | TrapKind::UndefinedElement => TrapClass::TableOutOfBounds,
            TrapKind::IndirectCallTypeMismatch => TrapClass::IndirectCallTypeMismatch,
            TrapKind::UninitializedElement => TrapClass::UninitializedElement,
            TrapKind::NullReference => TrapClass::NullReference,
            TrapKind::StackOverflow => TrapClass::StackOverflow,
            TrapKind::HostError | TrapKind::Interrupted | TrapKind::InvalidReference => {
                TrapClass::Other
            }
        }
    }
}

/// What one call did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallOutcome {
    Returned(Vec<Value>),
    Trapped(TrapClass),
}

impl fmt::Display for CallOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallOutcome::Returned(values) => {
                write!(f, "returned")?;
                for v in values {
                    write!(f, " {v}")?;
                }
                Ok(())
            }
            CallOutcome::Trapped(t) => write!(f, "trapped {t:?}"),
        }
    }
}

/// The exported state after a run: globals' values and memories' contents.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Snapshot {
    pub globals: Vec<(String, Value)>,
    pub memories: Vec<(String, Vec<u8>)>,
}

/// Everything observable about running a module's exported functions in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// Instantiation trapped (a segment out of bounds, or the start function).
    InstantiationTrapped(TrapClass),
    /// The calls' outcomes, then the exported state.
    Ran {
        calls: Vec<(String, CallOutcome)>,
        after: Snapshot,
    },
}

impl RunOutcome {
    /// Whether a stack overflow happened: where the stack runs out differs between engines
    /// (and between normal and debug code), so what follows cannot be compared.
    pub fn stack_overflowed(&self) -> bool {
        match self {
            RunOutcome::InstantiationTrapped(t) => *t == TrapClass::StackOverflow,
            RunOutcome::Ran { calls, .. } => calls
                .iter()
                .any(|(_, c)| *c == CallOutcome::Trapped(TrapClass::StackOverflow)),
        }
    }

    /// One line per call, global and memory (as a hash of its bytes): the corpus test's
    /// expectations file format.
    pub fn lines(&self) -> Vec<String> {
        match self {
            RunOutcome::InstantiationTrapped(t) => vec![format!("instantiation trapped {t:?}")],
            RunOutcome::Ran { calls, after } => {
                let mut lines: Vec<String> = calls
                    .iter()
                    .map(|(name, outcome)| format!("call {name:?}: {outcome}"))
                    .collect();
                for (name, value) in &after.globals {
                    lines.push(format!("global {name:?} = {value}"));
                }
                for (name, bytes) in &after.memories {
                    lines.push(format!(
                        "memory {name:?}: {} bytes, fnv1a {:#018x}",
                        bytes.len(),
                        fnv1a(bytes)
                    ));
                }
                lines
            }
        }
    }
}

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// An argument for a parameter of type `ty`, from `next` (a source of random words). Reference
/// parameters get null: an engine cannot make another's references.
pub fn argument(ty: ValType, next: &mut impl FnMut() -> u64) -> Value {
    // Small integers and edge values find more bugs than uniform words.
    let word = match next() % 4 {
        0 => next() % 8,
        1 => [
            0,
            1,
            u64::MAX,
            1 << 31,
            (1 << 31) - 1,
            1 << 63,
            (1 << 63) - 1,
            0xffff_ffff,
        ][(next() % 8) as usize],
        _ => next(),
    };
    match ty {
        ValType::I32 => Value::I32(word as i32),
        ValType::I64 => Value::I64(word as i64),
        ValType::F32 => Value::f32(word as u32),
        ValType::F64 => Value::f64(word),
        ValType::FuncRef => Value::FuncRef { null: true },
        ValType::ExternRef => Value::ExternRef { null: true },
    }
}

/// The calls to make: every exported function, in export order, with its arguments.
pub type Calls = Vec<(String, Vec<Value>)>;

/// The exported functions of `wasm` (which must be valid) with arguments from `next`.
pub fn plan_calls(engine: &Engine, wasm: &[u8], next: &mut impl FnMut() -> u64) -> Calls {
    let Ok(module) = Module::new(engine, wasm) else {
        return Vec::new();
    };
    module
        .exports()
        .filter_map(|e| match e.ty() {
            breakwater::ExternType::Func(ty) => Some((
                e.name().to_string(),
                ty.params.iter().map(|t| argument(*t, next)).collect(),
            )),
            _ => None,
        })
        .collect()
}

/// An engine of Breakwater's, for normal or debug code.
pub fn breakwater_engine(debug: bool) -> Engine {
    let mut config = Config::new();
    config
        .debug(debug)
        .max_wasm_stack(STACK_BYTES)
        .parallel_compilation(false);
    Engine::new(&config).expect("creating a Breakwater engine")
}

/// Breakwater's engines for normal and debug code, made once per process.
pub static ENGINE: std::sync::LazyLock<Engine> =
    std::sync::LazyLock::new(|| breakwater_engine(false));
pub static DEBUG_ENGINE: std::sync::LazyLock<Engine> =
    std::sync::LazyLock::new(|| breakwater_engine(true));

/// The Wasm stack each engine gets.
pub const STACK_BYTES: usize = 1 << 20;

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
    }
}

/// Why a Breakwater run could not be compared (not a finding by itself).
#[derive(Debug)]
pub enum Skip {
    /// Compiling failed with this error (the caller decides whether that is allowed).
    Compile(Error),
    /// Instantiation ran out of a resource.
    Resource(String),
}

/// Runs `calls` on a fresh instance of `module`, then reads its exported state. `before_call`
/// runs before each call with the store and instance (the debugger target attaches there).
pub fn run_breakwater_with<T>(
    module: &Module,
    data: T,
    calls: &Calls,
    mut before_call: impl FnMut(&mut Store<T>, &Instance, usize),
) -> Result<RunOutcome, Skip> {
    let mut store = Store::new(module.engine(), data);
    let instance = match Instance::new(&mut store, module, &[]) {
        Ok(i) => i,
        Err(Error::Trap(t)) => {
            return Ok(RunOutcome::InstantiationTrapped(TrapClass::of_breakwater(
                t.kind,
            )))
        }
        Err(Error::Resource(r)) => return Err(Skip::Resource(r)),
        Err(e) => panic!("instantiating a valid module without imports failed: {e}"),
    };
    let mut outcomes = Vec::new();
    for (i, (name, args)) in calls.iter().enumerate() {
        before_call(&mut store, &instance, i);
        let func = instance
            .get_func(&mut store, name)
            .expect("an exported function");
        let ty = func.ty(&store);
        let params: Vec<Val> = args.iter().map(|a| to_val(*a)).collect();
        let mut results: Vec<Val> = ty.results.iter().map(|t| Val::default_for(*t)).collect();
        let outcome = match func.call(&mut store, &params, &mut results) {
            Ok(()) => CallOutcome::Returned(results.iter().map(from_val).collect()),
            Err(Error::Trap(t)) => CallOutcome::Trapped(TrapClass::of_breakwater(t.kind)),
            Err(e) => panic!("calling {name:?} failed without a trap: {e}"),
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
            Some(Extern::Global(g)) => after.globals.push((name, from_val(&g.get(&store)))),
            Some(Extern::Memory(m)) => after.memories.push((name, m.data(&store).to_vec())),
            _ => {}
        }
    }
    Ok(RunOutcome::Ran {
        calls: outcomes,
        after,
    })
}

/// Compiles `wasm` on `engine` and runs `calls` on it.
pub fn run_breakwater(engine: &Engine, wasm: &[u8], calls: &Calls) -> Result<RunOutcome, Skip> {
    let module = Module::new(engine, wasm).map_err(Skip::Compile)?;
    run_breakwater_with(&module, (), calls, |_, _, _| {})
}

/// A small deterministic generator (SplitMix64) for the seeded corpus.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// How many modules the seeded corpus has.
pub const CORPUS_SIZE: u64 = 150;

/// Corpus module `seed`: a wasm-smith module from seeded bytes and the calls to make, with
/// arguments from the same seed. Deterministic for a given wasm-smith version (Cargo.lock).
pub fn corpus_case(engine: &Engine, seed: u64) -> Option<(Vec<u8>, Calls)> {
    let mut rng = SplitMix64(seed);
    let bytes: Vec<u8> = (0..8192).map(|_| rng.next_u64() as u8).collect();
    let wasm = smith_module(&mut arbitrary::Unstructured::new(&bytes)).ok()?;
    let calls = plan_calls(engine, &wasm, &mut || rng.next_u64());
    Some((wasm, calls))
}
