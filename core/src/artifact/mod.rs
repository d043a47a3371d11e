//! Ahead-of-time artifacts: a module compiled on one host, loaded and run (and debugged) on
//! another, e.g. a kernel with no code generator.
//!
//! An artifact holds the original module bytes (its metadata is parsed from them on load, as
//! the JIT parses it; debuggers read code and DWARF from them), the target's runtime stubs,
//! and per defined function its machine code, its call relocations, its trap sites and, for
//! debug code, its site tables (a JIT host regenerates those by recompiling; a loader cannot).
//! Compiled code is position independent except for direct calls between the module's
//! functions, which are relocations the loader applies through the same range-checked linker
//! as the JIT (far-call veneers included); everything else compiled code reaches (libcalls,
//! the trap stub, memories, tables, globals, debug gates) it reaches through the vmctx
//! register, filled in at instantiation. [`load`] thus builds the very [`CompiledModule`] the
//! JIT path builds: the runtime and the debugger have one path.
//!
//! [`read`] never panics on untrusted bytes and [`load`] checks every offset and index it
//! uses, but the machine code itself runs as it is: a host must trust the producer of an
//! artifact as it would trust the compiler (the checksum catches accidents, not attacks).

mod format;
mod read;
mod write;

#[cfg(test)]
mod tests;

pub use format::{
    abi_fingerprint, checksum, stubs_digest, Target, FORMAT_VERSION, HEADER_LEN, MAGIC,
};
pub use read::read;
pub use write::write;

use alloc::boxed::Box;
use alloc::format;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::ops::Range;

use crate::compiled::{CompiledCode, RuntimeStubs};
use crate::debug::{DebugSource, FunctionSites};
use crate::module::ModuleInfo;
use crate::runtime::compile::{self, CompiledModule, DebugInputs};
use crate::runtime::{CodeMemory, Engine};

/// A module compiled ahead of time, as [`write`] stores it and [`read`] returns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// The instruction set of the code.
    pub target: Target,
    /// Debug code: every function's [`CompiledCode::sites`] is present.
    pub debug: bool,
    /// Code compiled with [`crate::codegen::CompileConfig::guard_pages`]: it loads only into an
    /// engine with guarded memories.
    pub guard_pages: bool,
    /// The original module.
    pub module: Box<[u8]>,
    /// The target's runtime stubs the code was compiled against.
    pub stubs: RuntimeStubs,
    /// The defined functions in order, unlinked (see [`crate::compiled::LinkedCode::link`]).
    pub functions: Vec<CompiledCode>,
}

/// Fails unless this machine runs `target`'s code: its instruction set, and on x86-64 the
/// extensions the code uses without fallbacks (a CPU without LZCNT would run it as BSR and
/// compute wrong results, not fault).
fn check_runs_here(target: Target) -> crate::Result<()> {
    match Target::host() {
        Some(host) if host == target => cpu_check(),
        host => Err(crate::Error::artifact(format!(
            "artifact compiled for {}, this machine runs {}",
            target.name(),
            host.map_or("neither x86_64 nor aarch64", Target::name)
        ))),
    }
}

/// The x86-64 extensions the x86-64 backend's code uses without run-time fallbacks, in the
/// order [`x86_cpu_error`] takes them: SSE4.1 (`roundss`), POPCNT, LZCNT, BMI1 (`tzcnt`) and
/// BMI2 (`rorx`). A CPU without one computes wrong results (LZCNT runs as BSR, TZCNT as BSF)
/// or faults.
pub const X86_FEATURES: [&str; 5] = ["SSE4.1", "POPCNT", "LZCNT", "BMI1", "BMI2"];

/// The error message for an x86-64 CPU that has [`X86_FEATURES`]`[i]` exactly when `has[i]`,
/// naming the ones it lacks; `None` when it has them all.
pub fn x86_cpu_error(has: [bool; X86_FEATURES.len()]) -> Option<alloc::string::String> {
    let missing: Vec<&str> = X86_FEATURES
        .iter()
        .zip(has)
        .filter(|&(_, has)| !has)
        .map(|(&name, _)| name)
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "this CPU lacks {}, which Breakwater's x86-64 code uses (it needs {})",
            missing.join(", "),
            X86_FEATURES.join(", ")
        )
    })
}

/// Which of [`X86_FEATURES`] this CPU has, as CPUID reports them.
#[cfg(target_arch = "x86_64")]
// `__cpuid_count` is safe in newer Rust, unsafe in older (rust-version 1.85).
#[allow(unused_unsafe)]
pub fn x86_host_features() -> [bool; X86_FEATURES.len()] {
    use core::arch::x86_64::__cpuid_count;
    // SAFETY: CPUID exists on every x86-64 processor; only leaves it reports are read.
    let cpuid = |leaf: u32| unsafe { __cpuid_count(leaf, 0) };
    let (max, max_ext) = (cpuid(0).eax, cpuid(0x8000_0000).eax);
    let has = |leaf: u32| leaf <= max || (0x8000_0000..=max_ext).contains(&leaf);
    let ecx1 = if has(1) { cpuid(1).ecx } else { 0 };
    let ebx7 = if has(7) { cpuid(7).ebx } else { 0 };
    let ecx_ext = if has(0x8000_0001) {
        cpuid(0x8000_0001).ecx
    } else {
        0
    };
    let sse41 = ecx1 & (1 << 19) != 0;
    let popcnt = ecx1 & (1 << 23) != 0;
    let lzcnt = ecx_ext & (1 << 5) != 0;
    let bmi1 = ebx7 & (1 << 3) != 0;
    let bmi2 = ebx7 & (1 << 8) != 0;
    [sse41, popcnt, lzcnt, bmi1, bmi2]
}

/// The x86-64 backend's code needs [`X86_FEATURES`]: asks CPUID.
#[cfg(target_arch = "x86_64")]
fn cpu_check() -> crate::Result<()> {
    match x86_cpu_error(x86_host_features()) {
        None => Ok(()),
        Some(e) => Err(crate::Error::artifact(e)),
    }
}

/// AArch64 code uses the base instruction set only.
#[cfg(not(target_arch = "x86_64"))]
fn cpu_check() -> crate::Result<()> {
    Ok(())
}

/// An engine running `artifact`'s runtime stubs, published through `memory` (a host without a
/// code generator makes its engine this way; every artifact of the same build and target then
/// loads into it).
pub fn engine(artifact: &Artifact, memory: &dyn CodeMemory) -> crate::Result<Engine> {
    check_runs_here(artifact.target)?;
    Engine::from_stubs(artifact.stubs.clone(), memory)
}

/// Links and publishes `artifact`'s code through `memory`, for `engine` (whose stubs must be
/// the artifact's: [`engine`] makes one, a JIT host's engine of the same build and target is
/// one). Checks the artifact against its module before anything is published. The code is
/// written with `parallelism` (see [`compile::finish`]; [`compile::Sequential`] for a host
/// without threads).
pub fn load(
    engine: &Engine,
    artifact: Artifact,
    memory: &dyn CodeMemory,
    parallelism: &dyn compile::Parallelism,
) -> crate::Result<Arc<CompiledModule>> {
    check_runs_here(artifact.target)?;
    if stubs_digest(&artifact.stubs) != engine.stubs_digest() {
        return Err(crate::Error::artifact(
            "artifact compiled against other runtime stubs than this engine's",
        ));
    }
    let info = crate::module::parse(&artifact.module)
        .map_err(|e| crate::Error::artifact(format!("artifact's module does not parse: {e}")))?
        .info;
    check_against(&info, &artifact)?;
    if artifact.guard_pages && engine.virtual_memory().is_none() {
        return Err(crate::Error::artifact(
            "artifact compiled for memories with guard pages; this engine's memories have none",
        ));
    }
    let Artifact {
        debug,
        module,
        mut functions,
        ..
    } = artifact;
    let debug = debug.then(|| {
        let sites = functions
            .iter_mut()
            .map(|f| f.sites.take().map(|s| *s).unwrap_or_default())
            .collect();
        DebugInputs::from_source(Arc::new(StoredSites { sites }))
    });
    Ok(Arc::new(compile::finish(
        engine,
        info,
        module,
        functions,
        memory,
        debug,
        parallelism,
    )?))
}

/// What needs the parsed module: the function count, call targets, bytecode offsets, locals.
fn check_against(info: &ModuleInfo, a: &Artifact) -> crate::Result<()> {
    let bad = |what: &str| crate::Error::artifact(format!("artifact corrupt: {what}"));
    if a.functions.len() != info.num_defined_funcs() as usize {
        return Err(bad("its function count is not its module's"));
    }
    let defined = info.num_imported_funcs..info.functions.len() as u32;
    let module_len = a.module.len();
    let in_module = |off: u32| (off as usize) <= module_len;
    for (i, f) in a.functions.iter().enumerate() {
        if f.relocs.iter().any(|r| !defined.contains(&r.target)) {
            return Err(bad("a call relocation targets no defined function"));
        }
        if f.traps.iter().any(|t| !in_module(t.bytecode_offset)) {
            return Err(bad("a trap site's bytecode offset is outside the module"));
        }
        let Some(sites) = &f.sites else { continue };
        let offsets_ok = sites.stops.iter().all(|p| in_module(p.bytecode_offset))
            && sites.calls.iter().all(|c| in_module(c.bytecode_offset));
        let params = info
            .func_type(info.num_imported_funcs + i as u32)
            .params
            .len();
        if !offsets_ok || sites.locals.len() < params {
            return Err(bad("site tables do not match the module"));
        }
    }
    Ok(())
}

/// Site tables stored in an artifact: the [`DebugSource`] of loaded debug code.
struct StoredSites {
    /// Per defined function.
    sites: Vec<FunctionSites>,
}

impl DebugSource for StoredSites {
    fn function_sites(
        &self,
        _info: &ModuleInfo,
        _bytes: &[u8],
        defined_index: u32,
        _body: Range<u32>,
    ) -> crate::Result<FunctionSites> {
        self.sites
            .get(defined_index as usize)
            .cloned()
            .ok_or_else(|| crate::Error::resource("no such function"))
    }
}
