//! The compile driver: parsed module -> compiled functions -> linked, published code.
//!
//! Compilation of each function is independent ([`compile_function`]) so that the host can
//! spread it over threads; [`finish`] then links and publishes. [`compile_module`] does all of
//! it sequentially.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::ops::Range;

use wasmparser::{FuncToValidate, FunctionBody, ValidatorResources, WasmFeatures};

use super::engine::Engine;
use super::{CodeMemory, PublishedCode};
use crate::codegen::{CompileConfig, Isa};
use crate::compiled::{CompiledCode, LinkedCode};
use crate::debug::{DebugSource, FunctionSites, ModuleDebug};
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

/// Compiles defined function `defined_index` (0 is the first non-imported function).
pub fn compile_function<I: Isa>(
    isa: &I,
    info: &ModuleInfo,
    offsets: &VMOffsets,
    defined_index: u32,
    input: FunctionInput<'_>,
    config: &CompileConfig,
) -> crate::Result<CompiledCode> {
    let (func, body) = input;
    let validator = func.into_validator(Default::default());
    crate::codegen::compile_function(
        isa,
        info,
        offsets,
        info.num_imported_funcs + defined_index,
        &body,
        validator,
        config,
    )
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
                debug: true,
                record_sites: true,
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
        let code = crate::codegen::compile_function(
            &self.isa,
            info,
            &offsets,
            func_index,
            &body,
            to_validate.into_validator(Default::default()),
            &self.config,
        )?;
        code.sites
            .map(|s| *s)
            .ok_or_else(|| crate::Error::resource("recompiling recorded no sites"))
    }
}

/// Links the compiled functions (defined functions in order), publishes the code and registers
/// the signatures with `engine`. `debug` comes from [`debug_inputs`] for debug code.
pub fn finish(
    engine: &Engine,
    info: ModuleInfo,
    bytes: Box<[u8]>,
    functions: Vec<CompiledCode>,
    memory: &dyn CodeMemory,
    debug: Option<DebugInputs>,
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
            engine.debug_handler(),
        )
    });
    let mut code = LinkedCode::link(functions, info.num_imported_funcs, &engine.link_layout())?;
    let published = memory.publish(&code.bytes)?;
    code.bytes = Vec::new();
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

/// Parses, validates, compiles (sequentially), links and publishes `bytes`.
pub fn compile_module<I: Isa + Clone + 'static>(
    engine: &Engine,
    isa: &I,
    bytes: &[u8],
    config: &CompileConfig,
    memory: &dyn CodeMemory,
) -> crate::Result<Arc<CompiledModule>> {
    let parsed = crate::module::parse(bytes)?;
    let ParsedModule { info, functions } = parsed;
    let offsets = VMOffsets::new(&info);
    let debug = debug_inputs(isa, &functions, config);
    let mut compiled = Vec::with_capacity(functions.len());
    for (i, input) in functions.into_iter().enumerate() {
        compiled.push(compile_function(
            isa, &info, &offsets, i as u32, input, config,
        )?);
    }
    Ok(Arc::new(finish(
        engine,
        info,
        bytes.into(),
        compiled,
        memory,
        debug,
    )?))
}
