//! The compile driver: parsed module -> compiled functions -> linked, published code.
//!
//! Compilation of each function is independent ([`compile_function`]) so that the host can
//! spread it over threads; [`finish`] then links and publishes. [`compile_module`] does all of
//! it sequentially.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;

use wasmparser::{FuncToValidate, FunctionBody, ValidatorResources};

use super::engine::Engine;
use super::{CodeMemory, PublishedCode};
use crate::codegen::{CompileConfig, Isa};
use crate::compiled::{CompiledCode, LinkedCode};
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

/// Links the compiled functions (defined functions in order), publishes the code and registers
/// the signatures with `engine`.
pub fn finish(
    engine: &Engine,
    info: ModuleInfo,
    bytes: Box<[u8]>,
    functions: Vec<CompiledCode>,
    memory: &dyn CodeMemory,
) -> crate::Result<CompiledModule> {
    if functions.len() != info.num_defined_funcs() as usize {
        return Err(crate::Error::resource("wrong number of compiled functions"));
    }
    let offsets = VMOffsets::new(&info);
    let mut code = LinkedCode::link(functions, info.num_imported_funcs);
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
        engine: engine.clone(),
    })
}

/// Parses, validates, compiles (sequentially), links and publishes `bytes`.
pub fn compile_module<I: Isa>(
    engine: &Engine,
    isa: &I,
    bytes: &[u8],
    config: &CompileConfig,
    memory: &dyn CodeMemory,
) -> crate::Result<Arc<CompiledModule>> {
    let parsed = crate::module::parse(bytes)?;
    let ParsedModule { info, functions } = parsed;
    let offsets = VMOffsets::new(&info);
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
    )?))
}
