//! Compiling ahead of time: a module compiled here, for either target, into an artifact that a
//! host without a code generator loads (`breakwater_core::artifact`, e.g. a kernel; the format
//! and what a loader checks are described there), or that this crate loads with
//! [`crate::Module::from_artifact`].

use breakwater_core::artifact::Artifact;
use breakwater_core::codegen::{CompileConfig, Isa};
use breakwater_core::compiled::{LinkLayout, LinkedCode};
use breakwater_core::module::ParsedModule;

pub use breakwater_core::artifact::Target;

use crate::{Error, Result};

/// Compiles `bytes` (a module, binary or text) for `target` into an artifact; with `debug`,
/// debug code and the site tables a debugger needs where nothing can recompile them.
pub fn compile(bytes: &[u8], target: Target, debug: bool) -> Result<Vec<u8>> {
    let binary = if bytes.starts_with(b"\0asm") {
        bytes.to_vec()
    } else if bytes.starts_with(&breakwater_core::artifact::MAGIC) {
        return Err(Error::Compile(breakwater_core::Error::invalid(
            "already a Breakwater artifact: compile a module (.wasm or .wat)",
            0,
        )));
    } else {
        crate::module::text_to_binary(bytes)?
    };
    // Bounds checks in the code itself: a loader needs no signal handling to run it.
    let config = CompileConfig {
        debug,
        record_sites: debug,
        guard_pages: false,
    };
    let (functions, stubs, imported) = match target {
        Target::X86_64 => compile_for(&breakwater_x64::X64Isa, &binary, &config)?,
        Target::Aarch64 => compile_for(&breakwater_aarch64::Aarch64Isa, &binary, &config)?,
    };
    // Link once here, as the loader will: a module too large to link fails where it was
    // compiled, not where it is loaded.
    LinkedCode::link(functions.clone(), imported, &LinkLayout::default()).map_err(Error::from)?;
    let artifact = Artifact {
        target,
        debug,
        guard_pages: false,
        module: binary.into(),
        stubs,
        functions,
    };
    breakwater_core::artifact::write(&artifact).map_err(Error::Compile)
}

type Compiled = (
    Vec<breakwater_core::compiled::CompiledCode>,
    breakwater_core::compiled::RuntimeStubs,
    u32,
);

fn compile_for<I: Isa>(isa: &I, binary: &[u8], config: &CompileConfig) -> Result<Compiled> {
    let ParsedModule { info, functions } =
        breakwater_core::module::parse(binary).map_err(Error::Compile)?;
    let functions = breakwater_core::runtime::compile::compile_functions(
        isa,
        &info,
        functions,
        config,
        crate::module::compile_threads(true),
    )
    .map_err(Error::Compile)?;
    Ok((functions, isa.runtime_stubs(), info.num_imported_funcs))
}
