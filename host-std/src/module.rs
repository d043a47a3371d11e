//! Compiled modules.

use std::sync::Arc;

use breakwater_core::module::{ExportKind, ImportKind};
use breakwater_core::runtime::compile::{self, CompiledModule, Parallelism, Sequential};

use crate::{Engine, Error, FuncType, GlobalType, MemoryType, Result, TableType};

/// The type of an import or export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternType {
    /// A function.
    Func(FuncType),
    /// A global.
    Global(GlobalType),
    /// A memory.
    Memory(MemoryType),
    /// A table.
    Table(TableType),
}

/// One import of a module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportType<'m> {
    /// The module name.
    pub module: &'m str,
    /// The field name.
    pub name: &'m str,
    /// What is imported.
    pub ty: ExternType,
}

impl ImportType<'_> {
    /// The module name.
    pub fn module(&self) -> &str {
        self.module
    }
    /// The field name.
    pub fn name(&self) -> &str {
        self.name
    }
    /// The type.
    pub fn ty(&self) -> &ExternType {
        &self.ty
    }
}

/// One export of a module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportType<'m> {
    /// The export name.
    pub name: &'m str,
    /// What is exported.
    pub ty: ExternType,
}

impl ExportType<'_> {
    /// The export name.
    pub fn name(&self) -> &str {
        self.name
    }
    /// The type.
    pub fn ty(&self) -> &ExternType {
        &self.ty
    }
}

/// A compiled module, shared by all its instances. Cheap to clone.
#[derive(Clone)]
pub struct Module {
    pub(crate) compiled: Arc<CompiledModule>,
    pub(crate) engine: Engine,
}

impl Module {
    /// Compiles a module from its binary or (if `bytes` does not start with `\0asm`) text
    /// format, or loads an artifact compiled ahead of time (bytes starting with
    /// [`breakwater_core::artifact::MAGIC`]; see [`Module::from_artifact`]).
    pub fn new(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Module> {
        let bytes = bytes.as_ref();
        if bytes.starts_with(b"\0asm") {
            return Module::from_binary(engine, bytes);
        }
        if bytes.starts_with(&breakwater_core::artifact::MAGIC) {
            return Module::from_artifact(engine, bytes);
        }
        Module::from_binary(engine, &text_to_binary(bytes)?)
    }

    /// Compiles a module from its binary format.
    pub fn from_binary(engine: &Engine, bytes: &[u8]) -> Result<Module> {
        let inner = &engine.inner;
        if inner.config.through_artifacts {
            let target = crate::artifact::Target::host()
                .ok_or_else(|| Error::Resource("no artifacts for this machine".into()))?;
            let artifact = crate::artifact::compile(bytes, target, inner.config.debug)?;
            return Module::from_artifact(engine, &artifact);
        }
        let compiled = compile::compile_module(
            &inner.core,
            &inner.isa,
            bytes,
            &inner.compile,
            &inner.code_memory,
            compile_threads(inner.config.parallel_compilation),
        )
        // Parsing and code generation fail with `Error::Compile`, publishing with
        // `Error::Resource`.
        .map_err(Error::from)?;
        Ok(Module {
            compiled: Arc::new(compiled),
            engine: engine.clone(),
        })
    }

    /// Loads a module compiled ahead of time (`breakwater compile`, [`crate::artifact`]): the
    /// artifact must come from this build, for this machine's target.
    pub fn from_artifact(engine: &Engine, bytes: &[u8]) -> Result<Module> {
        let inner = &engine.inner;
        let artifact = breakwater_core::artifact::read(bytes).map_err(Error::Compile)?;
        let compiled = breakwater_core::artifact::load(
            &inner.core,
            artifact,
            &inner.code_memory,
            compile_threads(inner.config.parallel_compilation),
        )
        .map_err(Error::from)?;
        Ok(Module {
            compiled,
            engine: engine.clone(),
        })
    }

    /// Checks that `bytes` is a valid module (binary format) without compiling it.
    pub fn validate(_engine: &Engine, bytes: &[u8]) -> Result<()> {
        breakwater_core::module::validate(bytes).map_err(Error::Compile)
    }

    /// Whether the module has debug code (compiled with [`crate::Config::debug`], or an
    /// artifact made with `breakwater compile --debug`): only then can a debugger attach.
    pub fn is_debug(&self) -> bool {
        self.compiled.debug.is_some()
    }

    /// The engine the module was compiled with.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The module's name from the name section.
    pub fn name(&self) -> Option<&str> {
        self.compiled.info.name.as_deref()
    }

    /// The name of function `index` (imported or defined) from the name section.
    pub fn func_name(&self, index: u32) -> Option<&str> {
        self.compiled.func_name(index)
    }

    /// The imports, in order.
    pub fn imports(&self) -> impl ExactSizeIterator<Item = ImportType<'_>> + '_ {
        let info = &self.compiled.info;
        info.imports.iter().map(move |i| ImportType {
            module: &i.module,
            name: &i.name,
            ty: match i.kind {
                ImportKind::Func(t) => ExternType::Func(info.types[t as usize].clone()),
                ImportKind::Table(t) => ExternType::Table(t),
                ImportKind::Memory(m) => ExternType::Memory(m),
                ImportKind::Global(g) => ExternType::Global(g),
            },
        })
    }

    /// The exports, in order.
    pub fn exports(&self) -> impl ExactSizeIterator<Item = ExportType<'_>> + '_ {
        let info = &self.compiled.info;
        info.exports.iter().map(move |e| ExportType {
            name: &e.name,
            ty: match e.kind {
                ExportKind::Func(f) => ExternType::Func(info.func_type(f).clone()),
                ExportKind::Table(t) => ExternType::Table(info.tables[t as usize]),
                ExportKind::Memory(m) => ExternType::Memory(info.memories[m as usize]),
                ExportKind::Global(g) => ExternType::Global(info.globals[g as usize]),
            },
        })
    }

    /// The compiled module (code, trap tables, description).
    pub fn compiled(&self) -> &Arc<CompiledModule> {
        &self.compiled
    }
    /// The published machine code: its address and length. It is shared by every instance and
    /// never written after publication.
    pub fn code_range(&self) -> (usize, usize) {
        (
            self.compiled.published.base(),
            self.compiled.code.bytes_len(),
        )
    }
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("name", &self.name())
            .field("compiled", &self.compiled)
            .finish()
    }
}

/// The threads that compile a module's functions: std's scoped threads, as many as the machine
/// runs at once (the calling thread is one of them).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CompileThreads {
    threads: usize,
}

impl Parallelism for CompileThreads {
    fn max_workers(&self) -> usize {
        self.threads
    }
    fn run(&self, workers: usize, work: &(dyn Fn() + Sync)) {
        std::thread::scope(|s| {
            let others: Vec<_> = (1..workers).map(|_| s.spawn(work)).collect();
            work();
            for handle in others {
                if let Err(panic) = handle.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        });
    }
}

/// How to run the compile driver: on every available thread when `parallel`.
pub(crate) fn compile_threads(parallel: bool) -> &'static dyn Parallelism {
    static THREADS: std::sync::OnceLock<CompileThreads> = std::sync::OnceLock::new();
    if !parallel {
        return &Sequential;
    }
    THREADS.get_or_init(|| CompileThreads {
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
    })
}

/// The binary of a module in the text format, or an error that says what `bytes` are instead
/// (nothing, a damaged artifact, some other binary file).
pub(crate) fn text_to_binary(bytes: &[u8]) -> Result<Vec<u8>> {
    let invalid = |message: String| Error::Compile(breakwater_core::Error::invalid(message, 0));
    let magic = &breakwater_core::artifact::MAGIC;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(
            "empty input: neither a module (binary or text) nor an artifact".into(),
        ));
    }
    if bytes.starts_with(&magic[..3]) || (bytes.len() < magic.len() && magic.starts_with(bytes)) {
        return Err(invalid(format!(
            "a damaged Breakwater artifact: it starts with \"{}\", the magic is \"{}\"",
            bytes[..bytes.len().min(magic.len())].escape_ascii(),
            magic.escape_ascii()
        )));
    }
    if std::str::from_utf8(bytes).is_err() || bytes.starts_with(b"\0") {
        return Err(invalid(format!(
            "neither a WebAssembly binary (magic \"\\0asm\"), a Breakwater artifact (magic \"{}\") \
             nor text (it starts with \"{}\")",
            magic.escape_ascii(),
            bytes[..bytes.len().min(8)].escape_ascii()
        )));
    }
    wat::parse_bytes(bytes)
        .map(|b| b.into_owned())
        .map_err(|e| invalid(e.to_string()))
}
