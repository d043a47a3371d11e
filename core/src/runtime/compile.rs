//! The compile driver, the one every host uses: parsed module -> compiled functions -> linked,
//! published code.
//!
//! [`compile_functions`] compiles a module's functions, on as many threads as the host's
//! [`Parallelism`] gives it (a host without threads passes [`Sequential`]); [`finish`] then links
//! and publishes. [`compile_module`] does all of it.
//!
//! Each worker thread claims the next function not yet compiled (one atomic counter, so a few
//! large functions cannot leave one thread working alone at the end) and compiles it with its
//! own [`FunctionCompiler`], whose buffers every function it compiles reuses: after the first
//! few functions a worker allocates only what the compiled code keeps.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::ops::Range;
use core::sync::atomic::{AtomicUsize, Ordering};

use wasmparser::{
    FuncToValidate, FuncValidatorAllocations, FunctionBody, ValidatorResources, WasmFeatures,
};

use super::engine::Engine;
use super::{CodeMemory, PublishedCode};
use crate::codegen::{CompileConfig, FunctionScratch, Isa};
use crate::compiled::{CompiledCode, LinkedCode, TrapSite};
use crate::debug::{DebugSource, FunctionSites, ModuleDebug};
use crate::link::Layout;
use crate::module::{ModuleInfo, ParsedModule};
use crate::vmctx::VMOffsets;

/// A compiled module: its description, its published code and the side tables the runtime
/// needs (trap sites, canonical signature ids, the module's bytes for data segments). Shared by
/// every instance.
pub struct CompiledModule {
    /// The module's description.
    pub info: ModuleInfo,
    /// Its vmctx layout.
    pub offsets: VMOffsets,
    /// The module's bytes (data segments are ranges of these).
    pub bytes: Box<[u8]>,
    /// Function placement and trap sites (the code bytes themselves are dropped once
    /// published).
    pub code: LinkedCode,
    /// The published code.
    pub published: PublishedCode,
    /// The engine-wide canonical id of each type of `info.types`.
    pub type_ids: Vec<u32>,
    /// Debug code: masks, gate tables and site tables (regenerated on demand).
    pub debug: Option<ModuleDebug>,
    pub(crate) engine: Engine,
}

impl CompiledModule {
    /// The engine the module was compiled for.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }
    /// The address of defined function `index`'s code (`index` in the full function index
    /// space, not an import).
    pub fn func_address(&self, index: u32) -> Option<usize> {
        let defined = index.checked_sub(self.info.num_imported_funcs)?;
        let f = self.code.functions.get(defined as usize)?;
        Some(self.published.base() + f.code_offset as usize)
    }
    /// The site tables of defined function `defined` (debug code only; regenerated on first
    /// use, then cached).
    pub fn function_sites(&self, defined: u32) -> crate::Result<Arc<FunctionSites>> {
        let debug = self
            .debug
            .as_ref()
            .ok_or_else(|| crate::Error::resource("the module was compiled without debugging"))?;
        let sites = debug.function_sites(&self.info, &self.bytes, defined)?;
        let published = self
            .code
            .functions
            .get(defined as usize)
            .map(|f| f.code_len);
        if published != Some(sites.code_len) {
            return Err(crate::Error::resource(
                "recompiled debug code differs from the published code",
            ));
        }
        Ok(sites)
    }
    /// The name of function `index` from the name section.
    pub fn func_name(&self, index: u32) -> Option<&str> {
        let names = &self.info.func_names;
        let i = names.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        Some(&names[i].1)
    }
}

impl core::fmt::Debug for CompiledModule {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CompiledModule")
            .field("functions", &self.info.functions.len())
            .field("code", &self.published)
            .finish()
    }
}

/// One defined function to compile, as [`ParsedModule::functions`] holds it.
pub type FunctionInput<'a> = (FuncToValidate<ValidatorResources>, FunctionBody<'a>);

/// How the compile driver runs its workers: all at once on the host's threads, or one after
/// the other ([`Sequential`]).
pub trait Parallelism: Sync {
    /// The most workers [`Parallelism::run`] runs at once (at least 1).
    fn max_workers(&self) -> usize;
    /// Calls `work` `workers` times (at most [`Parallelism::max_workers`]), each call on its
    /// own thread when the host has threads, and returns when every call has returned. A panic
    /// in one call is resumed on the calling thread once all have returned.
    fn run(&self, workers: usize, work: &(dyn Fn() + Sync));
}

/// Runs the driver's work on the calling thread: for hosts without threads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sequential;

impl Parallelism for Sequential {
    fn max_workers(&self) -> usize {
        1
    }
    fn run(&self, workers: usize, work: &(dyn Fn() + Sync)) {
        for _ in 0..workers {
            work();
        }
    }
}

/// A worker is not worth starting for fewer functions than this.
const FUNCTIONS_PER_WORKER: usize = 8;

/// Compiles `functions` (a parsed module's, defined functions in order) with `isa`, on up to
/// `parallelism.max_workers()` threads. The code is the same however many threads compile it;
/// so is the error: the one of the first function (in module order) that fails.
pub fn compile_functions<I: Isa>(
    isa: &I,
    info: &ModuleInfo,
    functions: Vec<FunctionInput<'_>>,
    config: &CompileConfig,
    parallelism: &dyn Parallelism,
) -> crate::Result<Vec<CompiledCode>> {
    let count = functions.len();
    let offsets = VMOffsets::new(info);
    let queue = WorkQueue::new(functions);
    // Per worker, what it compiled: (defined index, result).
    type Done = Vec<(usize, crate::Result<CompiledCode>)>;
    let done: spin::Mutex<Vec<Done>> = spin::Mutex::new(Vec::new());
    let work = || {
        let mut compiler = FunctionCompiler::new(isa, info, &offsets, config);
        let mut compiled: Done = Vec::new();
        while let Some((i, input)) = queue.claim() {
            let result = compiler.compile(i as u32, input);
            let failed = result.is_err();
            compiled.push((i, result));
            if failed {
                queue.stop_after(i);
                break;
            }
        }
        done.lock().push(compiled);
    };
    let workers = (count / FUNCTIONS_PER_WORKER).clamp(1, parallelism.max_workers().max(1));
    if workers == 1 {
        work();
    } else {
        parallelism.run(workers, &work);
    }
    // In module order. Functions are claimed in order, so every function before the first
    // that failed was compiled, and that error is the one sequential compilation reports.
    let mut slots: Vec<Option<crate::Result<CompiledCode>>> = Vec::new();
    slots.resize_with(count, || None);
    for (i, result) in done.into_inner().into_iter().flatten() {
        slots[i] = Some(result);
    }
    slots
        .into_iter()
        .map(|slot| slot.unwrap_or_else(|| Err(crate::Error::resource("function not compiled"))))
        .collect()
}

/// Work waiting for the workers (functions to compile, parts of code to write), claimed in
/// order.
struct WorkQueue<T> {
    /// Each taken once, by the worker that claimed its index.
    items: Vec<spin::Mutex<Option<T>>>,
    /// The next index to claim.
    next: AtomicUsize,
    /// No index above this is claimed (lowered when a function fails).
    last: AtomicUsize,
}

impl<T> WorkQueue<T> {
    fn new(items: Vec<T>) -> Self {
        WorkQueue {
            items: items
                .into_iter()
                .map(|t| spin::Mutex::new(Some(t)))
                .collect(),
            next: AtomicUsize::new(0),
            last: AtomicUsize::new(usize::MAX),
        }
    }
    /// The next item and its index, if any is left.
    fn claim(&self) -> Option<(usize, T)> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i > self.last.load(Ordering::Relaxed) {
            return None;
        }
        // Each index is claimed once, so the lock is never contended.
        let item = self.items.get(i)?.lock().take()?;
        Some((i, item))
    }
    /// No item after index `i` is worth doing any more.
    fn stop_after(&self, i: usize) {
        self.last.fetch_min(i, Ordering::Relaxed);
    }
}

/// Compiles the functions of one module, one after the other, reusing its buffers from one
/// function to the next (a compile thread has one).
pub struct FunctionCompiler<'m, I: Isa> {
    info: &'m ModuleInfo,
    offsets: &'m VMOffsets,
    config: &'m CompileConfig,
    scratch: FunctionScratch<'m, I>,
    validator: Option<FuncValidatorAllocations>,
}

impl<'m, I: Isa> FunctionCompiler<'m, I> {
    /// A compiler of `info`'s functions (whose vmctx layout is `offsets`) with `isa`.
    pub fn new(
        isa: &'m I,
        info: &'m ModuleInfo,
        offsets: &'m VMOffsets,
        config: &'m CompileConfig,
    ) -> Self {
        FunctionCompiler {
            info,
            offsets,
            config,
            scratch: FunctionScratch::new(isa),
            validator: None,
        }
    }

    /// Compiles defined function `defined_index` (0 is the first non-imported function).
    pub fn compile(
        &mut self,
        defined_index: u32,
        input: FunctionInput<'_>,
    ) -> crate::Result<CompiledCode> {
        let (func, body) = input;
        let allocations = self.validator.take().unwrap_or_default();
        let mut validator = func.into_validator(allocations);
        let code = crate::codegen::compile_function(
            &mut self.scratch,
            self.info,
            self.offsets,
            self.info.num_imported_funcs + defined_index,
            &body,
            &mut validator,
            self.config,
        );
        self.validator = Some(validator.into_allocations());
        code
    }
}

/// What debug code needs besides the code: how to regenerate site tables.
pub struct DebugInputs {
    source: Arc<dyn DebugSource>,
}

impl DebugInputs {
    /// Site tables from `source` (an artifact's stored tables; see [`crate::artifact`]).
    pub fn from_source(source: Arc<dyn DebugSource>) -> DebugInputs {
        DebugInputs { source }
    }
}

/// The [`DebugInputs`] of `functions` (a parsed module's, before they are compiled) when
/// `config` asks for debug code.
pub fn debug_inputs<I: Isa + Clone + 'static>(
    isa: &I,
    functions: &[FunctionInput<'_>],
    config: &CompileConfig,
) -> Option<DebugInputs> {
    if !config.debug {
        return None;
    }
    let validation = functions
        .first()
        .map(|(f, _)| (f.resources.clone(), f.features));
    Some(DebugInputs {
        source: Arc::new(Recompiler {
            isa: isa.clone(),
            validation,
            config: CompileConfig {
                record_sites: true,
                ..config.clone()
            },
        }),
    })
}

/// Regenerates site tables by compiling a function again, recording.
struct Recompiler<I> {
    isa: I,
    validation: Option<(ValidatorResources, WasmFeatures)>,
    config: CompileConfig,
}

impl<I: Isa> DebugSource for Recompiler<I> {
    fn function_sites(
        &self,
        info: &ModuleInfo,
        bytes: &[u8],
        defined_index: u32,
        body: Range<u32>,
    ) -> crate::Result<FunctionSites> {
        let (resources, features) = self
            .validation
            .clone()
            .ok_or_else(|| crate::Error::resource("no functions to recompile"))?;
        let data = bytes
            .get(body.start as usize..body.end as usize)
            .ok_or_else(|| crate::Error::resource("function body out of range"))?;
        let func_index = info.num_imported_funcs + defined_index;
        let to_validate = FuncToValidate {
            resources,
            index: func_index,
            ty: info.functions[func_index as usize],
            features,
        };
        let body = FunctionBody::new(wasmparser::BinaryReader::new(data, body.start as u64));
        let offsets = VMOffsets::new(info);
        let code = FunctionCompiler::new(&self.isa, info, &offsets, &self.config)
            .compile(defined_index, (to_validate, body))?;
        code.sites
            .map(|s| *s)
            .ok_or_else(|| crate::Error::resource("recompiling recorded no sites"))
    }
}

/// Links the compiled functions (defined functions in order), publishes the code and registers
/// the signatures with `engine`. `debug` comes from [`debug_inputs`] for debug code. The code
/// is laid out first, then written straight into the memory that publishes it, in parts, by
/// up to `parallelism.max_workers()` threads.
pub fn finish(
    engine: &Engine,
    info: ModuleInfo,
    bytes: Box<[u8]>,
    functions: Vec<CompiledCode>,
    memory: &dyn CodeMemory,
    debug: Option<DebugInputs>,
    parallelism: &dyn Parallelism,
) -> crate::Result<CompiledModule> {
    if functions.len() != info.num_defined_funcs() as usize {
        return Err(crate::Error::resource("wrong number of compiled functions"));
    }
    let offsets = VMOffsets::new(&info);
    let debug = debug.map(|d| {
        ModuleDebug::new(
            d.source,
            info.functions.len(),
            functions.iter().map(|f| f.machine_sites).collect(),
            functions.iter().map(|f| f.fast_entry).collect(),
            engine.debug_handler(),
        )
    });
    let layout = crate::link::plan(&functions, info.num_imported_funcs, &engine.link_layout())?;
    let mut functions = Some(functions);
    let mut traps = Vec::new();
    let published = memory.publish_with(layout.len, &mut |out| {
        let functions = functions.take().unwrap_or_default();
        traps = write_code(&layout, functions, out, parallelism)?;
        Ok(())
    })?;
    let code = LinkedCode {
        bytes: Vec::new(),
        functions: layout.functions,
        traps,
        num_imported: info.num_imported_funcs,
    };
    let type_ids = info
        .types
        .iter()
        .map(|t| engine.types().register(t))
        .collect();
    Ok(CompiledModule {
        info,
        offsets,
        bytes,
        code,
        published,
        type_ids,
        debug,
        engine: engine.clone(),
    })
}

/// Below this many bytes of code, one thread writes a module's code.
const PARALLEL_WRITE_BYTES: usize = 1 << 20;

/// Writes the code `layout` places into `out` and returns each function's trap sites, on up
/// to `parallelism`'s workers: each writes its parts, then frees their compiled functions.
fn write_code(
    layout: &Layout,
    mut functions: Vec<CompiledCode>,
    out: &mut [u8],
    parallelism: &dyn Parallelism,
) -> crate::Result<Vec<Vec<TrapSite>>> {
    let workers = if layout.len < PARALLEL_WRITE_BYTES {
        1
    } else {
        parallelism.max_workers().max(1)
    };
    // A few parts per worker, so that one slow worker does not hold up the others.
    let parts = layout.parts(if workers == 1 { 1 } else { 4 * workers });
    let count = parts.len();
    // Each part with its functions and code, split off from the back.
    let mut items = Vec::with_capacity(count);
    let mut out = out;
    for (k, part) in parts.into_iter().enumerate().rev() {
        if part.functions.start > functions.len() || part.bytes.start > out.len() {
            return Err(crate::Error::resource(
                "linked code does not fit its layout",
            ));
        }
        let mine = functions.split_off(part.functions.start);
        let (rest, code) = out.split_at_mut(part.bytes.start);
        out = rest;
        items.push((k, part, mine, code));
    }
    items.reverse();
    // Per part: its index, and its functions' trap sites.
    type Written = (usize, crate::Result<Vec<Vec<TrapSite>>>);
    let written: spin::Mutex<Vec<Written>> = spin::Mutex::new(Vec::with_capacity(count));
    let queue = WorkQueue::new(items);
    let work = || {
        while let Some((_, (k, part, functions, code))) = queue.claim() {
            let traps = layout.write_part(&part, functions, code);
            written.lock().push((k, traps));
        }
    };
    if workers == 1 {
        work();
    } else {
        parallelism.run(workers, &work);
    }
    let mut written = written.into_inner();
    written.sort_unstable_by_key(|(k, _)| *k);
    if written.len() != count {
        return Err(crate::Error::resource("linked code not written"));
    }
    // The error of the first part that failed, as writing the parts in order would give.
    let mut traps = Vec::with_capacity(layout.functions.len());
    for (_, part_traps) in written {
        traps.extend(part_traps?);
    }
    Ok(traps)
}

/// Parses, validates, compiles (with `parallelism`), links and publishes `bytes`.
pub fn compile_module<I: Isa + Clone + 'static>(
    engine: &Engine,
    isa: &I,
    bytes: &[u8],
    config: &CompileConfig,
    memory: &dyn CodeMemory,
    parallelism: &dyn Parallelism,
) -> crate::Result<CompiledModule> {
    if config.guard_pages && engine.virtual_memory().is_none() {
        return Err(crate::Error::resource(
            "code compiled for memories with guard pages needs an engine whose memories have them",
        ));
    }
    let ParsedModule { info, functions } = crate::module::parse(bytes)?;
    let debug = debug_inputs(isa, &functions, config);
    let compiled = compile_functions(isa, &info, functions, config, parallelism)?;
    finish(
        engine,
        info,
        bytes.into(),
        compiled,
        memory,
        debug,
        parallelism,
    )
}
