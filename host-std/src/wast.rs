//! Runs spec test scripts (.wast): the WebAssembly spec suite's format.
//!
//! [`run_file`] (or [`run_script`]) runs one script on its own thread with a large stack, so that
//! `assert_exhaustion` is caught by Breakwater's own stack check and not by a real overflow, and
//! under [`std::panic::catch_unwind`], so that a panic inside the engine shows up as failed
//! directives instead of taking the runner down. The result is a [`FileReport`]: how many
//! directives passed and failed, and what failed where.
//!
//! Every directive counts. A directive that this runner cannot run (threads, exceptions,
//! components, custom-section assertions) counts as failed with a message saying so.

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use wast::core::{AbstractHeapType, HeapType, NanPattern, WastArgCore, WastRetCore};
use wast::lexer::Lexer;
use wast::parser::{self, ParseBuffer};
use wast::token::{Id, Span};
use wast::{
    QuoteWat, QuoteWatTest, Wast, WastArg, WastDirective, WastExecute, WastInvoke, WastRet,
};

use crate::{
    Config, Engine, Error, Extern, ExternRef, FuncType, Global, GlobalType, Instance, Linker,
    Memory, MemoryType, Module, Store, Table, TableType, Val, ValType,
};

/// Stack size of the thread that runs a script.
pub const RUNNER_STACK_SIZE: usize = 64 << 20;

/// One failed directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// 1-based line of the directive in the script.
    pub line: usize,
    /// What failed.
    pub message: String,
}

/// The outcome of one script.
#[derive(Clone, Debug, Default)]
pub struct FileReport {
    /// The script's name as given (usually its path).
    pub name: String,
    /// Directives that passed.
    pub passed: usize,
    /// Directives that failed (including those not run after a panic).
    pub failed: usize,
    /// What failed, in script order.
    pub failures: Vec<Failure>,
}

impl FileReport {
    fn new(name: &str) -> Self {
        FileReport {
            name: name.to_string(),
            ..FileReport::default()
        }
    }

    /// Whether every directive passed.
    pub fn ok(&self) -> bool {
        self.failed == 0
    }

    /// The failures as lines `file:line: what failed`.
    pub fn failure_lines(&self) -> impl Iterator<Item = String> + '_ {
        self.failures
            .iter()
            .map(move |f| format!("{}:{}: {}", self.name, f.line, f.message))
    }

    fn fail(&mut self, line: usize, message: impl Into<String>) {
        self.failed += 1;
        self.failures.push(Failure {
            line,
            message: message.into(),
        });
    }
}

/// Reads and runs the script at `path` (see [`run_script`]). A file that cannot be read counts
/// as one failed directive.
pub fn run_file(path: &Path) -> FileReport {
    run_file_with(path, &Config::new())
}

/// [`run_file`] with engines made from `config` (e.g. with debugging on, to check that debug
/// code computes what normal code does).
pub fn run_file_with(path: &Path, config: &Config) -> FileReport {
    run_file_opts(path, config, false)
}

/// [`run_file_with`] with debug code and a debugger attached to every instance that stops at
/// every stop point (stepping into everything) and checks what each stop shows: the slow path,
/// site groups and resume addresses must not change what the code computes.
pub fn run_file_stepping(path: &Path, config: &Config) -> FileReport {
    let mut config = config.clone();
    config.debug(true);
    run_file_opts(path, &config, true)
}

fn run_file_opts(path: &Path, config: &Config, step: bool) -> FileReport {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => run_script_opts(&name, bytes, config, step),
        Err(e) => {
            let mut report = FileReport::new(&name);
            report.fail(0, format!("cannot read the file: {e}"));
            report
        }
    }
}

/// Runs the script `source` (named `name` in the report) on a fresh thread with a
/// [`RUNNER_STACK_SIZE`] stack and a fresh engine, store and linker.
pub fn run_script(name: &str, source: Vec<u8>) -> FileReport {
    run_script_with(name, source, &Config::new())
}

/// [`run_script`] with engines made from `config`.
pub fn run_script_with(name: &str, source: Vec<u8>, config: &Config) -> FileReport {
    run_script_opts(name, source, config, false)
}

/// [`run_script_with`] as [`run_file_stepping`] runs files: debug code with a debugger stepping
/// into every stop point of every instance.
pub fn run_script_stepping(name: &str, source: Vec<u8>, config: &Config) -> FileReport {
    let mut config = config.clone();
    config.debug(true);
    run_script_opts(name, source, &config, true)
}

fn run_script_opts(name: &str, source: Vec<u8>, config: &Config, step: bool) -> FileReport {
    let thread_name = name.to_string();
    let config = config.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("wast {thread_name}"))
        .stack_size(RUNNER_STACK_SIZE)
        .spawn(move || run_script_here_opts(&thread_name, &source, &config, step));
    match spawned {
        Ok(handle) => match handle.join() {
            Ok(report) => report,
            Err(payload) => {
                let mut report = FileReport::new(name);
                report.fail(0, format!("runner panicked: {}", panic_message(&*payload)));
                report
            }
        },
        Err(e) => {
            let mut report = FileReport::new(name);
            report.fail(0, format!("cannot start the runner thread: {e}"));
            report
        }
    }
}

/// Runs the script on the current thread (whose stack must be large enough for the deepest
/// recursion the engine allows: see [`run_script`]).
pub fn run_script_here(name: &str, source: &[u8]) -> FileReport {
    run_script_here_with(name, source, &Config::new())
}

/// [`run_script_here`] with engines made from `config`.
pub fn run_script_here_with(name: &str, source: &[u8], config: &Config) -> FileReport {
    run_script_here_opts(name, source, config, false)
}

fn run_script_here_opts(name: &str, source: &[u8], config: &Config, step: bool) -> FileReport {
    let mut report = FileReport::new(name);
    let text = match std::str::from_utf8(source) {
        Ok(text) => text,
        Err(e) => {
            report.fail(0, format!("the script is not UTF-8: {e}"));
            return report;
        }
    };
    let buf = match parse_buffer(text) {
        Ok(buf) => buf,
        Err(mut e) => {
            e.set_text(text);
            report.fail(
                line_of_error(&e, text),
                format!("cannot lex the script: {e}"),
            );
            return report;
        }
    };
    let ast = match parser::parse::<Wast>(&buf) {
        Ok(ast) => ast,
        Err(mut e) => {
            e.set_text(text);
            report.fail(
                line_of_error(&e, text),
                format!("cannot parse the script: {e}"),
            );
            return report;
        }
    };
    let lines: Vec<usize> = ast
        .directives
        .iter()
        .map(|d| line_of(d.span(), text))
        .collect();

    // Progress lives outside the unwind boundary so that a panic can be attributed.
    let mut progress = Progress { report, next: 0 };
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let mut runner = match WastRunner::with_config(config) {
            Ok(runner) => runner,
            Err(e) => return Err(format!("cannot create the engine: {e}")),
        };
        runner.step = step;
        let trace = std::env::var_os("BREAKWATER_WAST_TRACE").is_some();
        for directive in ast.directives {
            let line = lines[progress.next];
            if trace {
                eprintln!("{name}:{line}: running");
            }
            match runner.run_directive(directive, text) {
                Ok(()) => progress.report.passed += 1,
                Err(message) => progress.report.fail(line, message),
            }
            progress.next += 1;
        }
        Ok(())
    }));
    let mut report = progress.report;
    let remaining = lines.len() - progress.next;
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(message)) => {
            let line = lines.first().copied().unwrap_or(0);
            report.failed += remaining;
            report.failures.push(Failure {
                line,
                message: format!("{message} ({remaining} directives not run)"),
            });
        }
        Err(payload) => {
            let message = panic_message(&*payload);
            let line = lines.get(progress.next).copied().unwrap_or(0);
            report.fail(line, format!("panic: {message}"));
            if remaining > 1 {
                report.failed += remaining - 1;
                report.failures.push(Failure {
                    line: lines[progress.next + 1],
                    message: format!(
                        "this and the following directives ({} in all) not run after the panic at line {line}",
                        remaining - 1
                    ),
                });
            }
        }
    }
    report
}

struct Progress {
    report: FileReport,
    next: usize,
}

/// A parse buffer for `text` that allows "confusing" Unicode characters (names.wast has them
/// in export names on purpose).
fn parse_buffer(text: &str) -> Result<ParseBuffer<'_>, wast::Error> {
    let mut lexer = Lexer::new(text);
    lexer.allow_confusing_unicode(true);
    ParseBuffer::new_with_lexer(lexer)
}

fn line_of(span: Span, text: &str) -> usize {
    span.linecol_in(text).0 + 1
}

fn line_of_error(e: &wast::Error, text: &str) -> usize {
    line_of(e.span(), text)
}

/// The message of a panic payload.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

/// Attaches a debugger to `instance` that steps into everything from its first stop point on,
/// reading every stop's locals and operand stack. (Backtraces walk the whole stack: too slow
/// for every stop of the suite's deepest recursions; the debugging tests cover them.)
fn attach_stepper(store: &mut Store<()>, instance: &Instance) {
    use crate::debug::{ResumeAction, Stop};
    let hook = |stop: &mut Stop<'_>| {
        let _ = stop.locals();
        let _ = stop.stack();
        ResumeAction::StepInto
    };
    if let Ok(debugger) = instance.attach_debugger(&mut *store, hook) {
        debugger.pause();
    }
}

/// The state of a running script: the store, the linker with `spectest` and the registered
/// modules, named instances and the current one.
pub struct WastRunner {
    engine: Engine,
    store: Store<()>,
    linker: Linker<()>,
    /// Instances named with `$id`.
    instances: HashMap<String, Instance>,
    /// Modules defined with `module definition`.
    definitions: HashMap<String, Module>,
    /// The most recently instantiated module; `None` after a module directive failed.
    current: Option<Instance>,
    /// Attach a debugger that steps through everything to every instance.
    step: bool,
}

/// Why a module directive failed to produce an instance.
enum ModuleError {
    /// The text did not parse or encode (`wast`/`wat` rejected it).
    Text(String),
    /// `Module::new` or instantiation failed.
    Engine(Error),
}

impl fmt::Display for ModuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModuleError::Text(e) => write!(f, "the text does not parse: {e}"),
            ModuleError::Engine(e) => write!(f, "{}", describe_error(e)),
        }
    }
}

impl WastRunner {
    /// A runner with a default engine (its own stack limit well inside [`RUNNER_STACK_SIZE`]).
    pub fn new() -> Result<WastRunner, Error> {
        Self::with_config(&Config::new())
    }

    /// A runner with an engine made from `config` (its stack limit set as for [`WastRunner::new`]).
    pub fn with_config(config: &Config) -> Result<WastRunner, Error> {
        let mut config = config.clone();
        config.max_wasm_stack(RUNNER_STACK_SIZE / 4);
        let engine = Engine::new(&config)?;
        Self::with_engine(engine)
    }

    /// A runner using `engine`.
    pub fn with_engine(engine: Engine) -> Result<WastRunner, Error> {
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        define_spectest(&mut store, &mut linker, false)?;
        Ok(WastRunner {
            engine,
            store,
            linker,
            instances: HashMap::new(),
            definitions: HashMap::new(),
            current: None,
            step: false,
        })
    }

    /// Runs one directive of the script `text`. `Err` says what failed.
    pub fn run_directive(
        &mut self,
        directive: WastDirective<'_>,
        text: &str,
    ) -> Result<(), String> {
        use WastDirective as D;
        match directive {
            D::Module(mut module) => {
                let name = module.name().map(|id| id.name().to_string());
                match self.instantiate_quote(&mut module, text) {
                    Ok(instance) => {
                        self.set_current(name, instance);
                        Ok(())
                    }
                    Err(e) => {
                        self.current = None;
                        Err(format!("module failed: {e}"))
                    }
                }
            }
            D::ModuleDefinition(mut module) => {
                let name = module.name().map(|id| id.name().to_string());
                let module = self
                    .compile_quote(&mut module, text)
                    .map_err(|e| format!("module definition failed: {e}"))?;
                if let Some(name) = name {
                    self.definitions.insert(name, module);
                }
                Ok(())
            }
            D::ModuleInstance {
                instance, module, ..
            } => {
                let def = module
                    .map(|m| m.name().to_string())
                    .ok_or("module instance without a module name")?;
                let module = self
                    .definitions
                    .get(&def)
                    .cloned()
                    .ok_or_else(|| format!("no module definition named ${def}"))?;
                match self.linker.instantiate(&mut self.store, &module) {
                    Ok(inst) => {
                        self.set_current(instance.map(|i| i.name().to_string()), inst);
                        Ok(())
                    }
                    Err(e) => {
                        self.current = None;
                        Err(format!("module instance failed: {}", describe_error(&e)))
                    }
                }
            }
            D::Register { name, module, .. } => {
                let instance = self.instance(module)?;
                self.linker
                    .instance(&mut self.store, name, instance)
                    .map(|_| ())
                    .map_err(|e| format!("register {name:?} failed: {}", describe_error(&e)))
            }
            D::Invoke(invoke) => self
                .invoke(&invoke)?
                .map(|_| ())
                .map_err(|e| format!("invoke {:?} failed: {}", invoke.name, describe_error(&e))),
            D::AssertReturn { exec, results, .. } => {
                let what = describe_exec(&exec);
                let got = match self.execute(exec, text)? {
                    Ok(values) => values,
                    Err(e) => {
                        return Err(format!(
                            "{what}: expected a return, got {}",
                            describe_error(&e)
                        ))
                    }
                };
                self.check_results(&results, &got)
                    .map_err(|e| format!("{what}: {e}"))
            }
            D::AssertTrap { exec, message, .. } => {
                let what = describe_exec(&exec);
                match self.execute(exec, text)? {
                    Ok(values) => Err(format!(
                        "{what}: expected trap {message:?}, got a return {}",
                        describe_values(&self.store, &values)
                    )),
                    Err(e) => expect_trap(&e, message).map_err(|e| format!("{what}: {e}")),
                }
            }
            D::AssertExhaustion { call, message, .. } => {
                let what = format!("invoke {:?}", call.name);
                match self.invoke(&call)? {
                    Ok(values) => Err(format!(
                        "{what}: expected exhaustion {message:?}, got a return {}",
                        describe_values(&self.store, &values)
                    )),
                    Err(e) => expect_trap(&e, message).map_err(|e| format!("{what}: {e}")),
                }
            }
            D::AssertInvalid {
                mut module,
                message,
                ..
            } => {
                match self.compile_quote(&mut module, text) {
                    Ok(_) => Err(format!(
                        "expected an invalid module ({message:?}), but it compiled"
                    )),
                    // Text the `wast` crate rejects is not even well-formed; that is invalid too.
                    Err(ModuleError::Text(_)) => Ok(()),
                    Err(ModuleError::Engine(Error::Compile(_))) => Ok(()),
                    Err(ModuleError::Engine(e)) => Err(format!(
                        "expected an invalid module ({message:?}), got another error: {}",
                        describe_error(&e)
                    )),
                }
            }
            D::AssertMalformed {
                mut module,
                message,
                ..
            } => match self.compile_quote(&mut module, text) {
                Ok(_) => Err(format!(
                    "expected a malformed module ({message:?}), but it compiled"
                )),
                Err(ModuleError::Text(_)) => Ok(()),
                Err(ModuleError::Engine(Error::Compile(_))) => Ok(()),
                Err(ModuleError::Engine(e)) => Err(format!(
                    "expected a malformed module ({message:?}), got another error: {}",
                    describe_error(&e)
                )),
            },
            D::AssertUnlinkable {
                module, message, ..
            } => {
                let mut module = QuoteWat::Wat(module);
                match self.instantiate_quote(&mut module, text) {
                    Ok(_) => Err(format!(
                        "expected an unlinkable module ({message:?}), but it instantiated"
                    )),
                    Err(ModuleError::Engine(Error::Link(_))) => Ok(()),
                    Err(e) => Err(format!(
                        "expected an unlinkable module ({message:?}), got: {e}"
                    )),
                }
            }
            D::AssertException { .. } => {
                Err("assert_exception is not supported (exceptions are not WebAssembly 2.0)".into())
            }
            D::AssertSuspension { .. } => Err(
                "assert_suspension is not supported (stack switching is not WebAssembly 2.0)"
                    .into(),
            ),
            D::Thread(_) => Err("thread is not supported (threads are not WebAssembly 2.0)".into()),
            D::Wait { .. } => Err("wait is not supported (threads are not WebAssembly 2.0)".into()),
            D::AssertInvalidCustom { .. } => Err("assert_invalid_custom is not supported".into()),
            D::AssertMalformedCustom { .. } => {
                Err("assert_malformed_custom is not supported".into())
            }
        }
    }

    /// Makes this runner attach, to every instance it creates, a debugger that stops at every
    /// stop point and checks what each stop shows (see [`run_file_stepping`]).
    pub fn step_through_everything(&mut self) {
        self.step = true;
    }

    fn set_current(&mut self, name: Option<String>, instance: Instance) {
        if self.step {
            attach_stepper(&mut self.store, &instance);
        }
        if let Some(name) = name {
            self.instances.insert(name, instance);
        }
        self.current = Some(instance);
    }

    /// The instance named `id`, or the current one.
    fn instance(&self, id: Option<Id<'_>>) -> Result<Instance, String> {
        match id {
            Some(id) => self
                .instances
                .get(id.name())
                .copied()
                .ok_or_else(|| format!("no module named ${}", id.name())),
            None => self.current.ok_or_else(|| {
                "no current module (the last module directive failed or there was none)".to_string()
            }),
        }
    }

    /// Encodes a (possibly quoted) module to binary.
    fn encode(module: &mut QuoteWat<'_>, text: &str) -> Result<Vec<u8>, ModuleError> {
        let with_text = |mut e: wast::Error| {
            e.set_text(text);
            ModuleError::Text(e.to_string())
        };
        match module {
            QuoteWat::QuoteComponent(..) => {
                Err(ModuleError::Text("components are not supported".into()))
            }
            QuoteWat::Wat(wast::Wat::Component(_)) => {
                Err(ModuleError::Text("components are not supported".into()))
            }
            QuoteWat::Wat(_) => module.encode().map_err(with_text),
            QuoteWat::QuoteModule(..) => match module.to_test().map_err(with_text)? {
                QuoteWatTest::Binary(bytes) => Ok(bytes),
                QuoteWatTest::Text(source) => {
                    // Quoted text has its own line numbers: report errors against it.
                    let source = std::str::from_utf8(&source)
                        .map_err(|_| ModuleError::Text("malformed UTF-8 encoding".into()))?;
                    let quoted = |mut e: wast::Error| {
                        e.set_text(source);
                        ModuleError::Text(e.to_string())
                    };
                    let buf = parse_buffer(source).map_err(quoted)?;
                    let mut wat = parser::parse::<wast::Wat<'_>>(&buf).map_err(quoted)?;
                    if let wast::Wat::Component(_) = wat {
                        return Err(ModuleError::Text("components are not supported".into()));
                    }
                    wat.encode().map_err(quoted)
                }
            },
        }
    }

    fn compile_quote(
        &mut self,
        module: &mut QuoteWat<'_>,
        text: &str,
    ) -> Result<Module, ModuleError> {
        let bytes = Self::encode(module, text)?;
        Module::new(&self.engine, &bytes).map_err(ModuleError::Engine)
    }

    fn instantiate_quote(
        &mut self,
        module: &mut QuoteWat<'_>,
        text: &str,
    ) -> Result<Instance, ModuleError> {
        let module = self.compile_quote(module, text)?;
        self.linker
            .instantiate(&mut self.store, &module)
            .map_err(ModuleError::Engine)
    }

    /// Runs an action. The outer `Err` is a failure of the runner (no such module or export,
    /// bad arguments); the inner result is the engine's.
    fn execute(
        &mut self,
        exec: WastExecute<'_>,
        text: &str,
    ) -> Result<Result<Vec<Val>, Error>, String> {
        match exec {
            WastExecute::Invoke(invoke) => self.invoke(&invoke),
            WastExecute::Get { module, global, .. } => {
                let instance = self.instance(module)?;
                let global = match instance.get_export(&mut self.store, global) {
                    Some(Extern::Global(g)) => g,
                    Some(_) => return Err(format!("export {global:?} is not a global")),
                    None => return Err(format!("no export {global:?}")),
                };
                Ok(Ok(vec![global.get(&self.store)]))
            }
            WastExecute::Wat(wat) => {
                let mut module = QuoteWat::Wat(wat);
                match self.instantiate_quote(&mut module, text) {
                    Ok(_) => Ok(Ok(Vec::new())),
                    Err(ModuleError::Engine(e)) => Ok(Err(e)),
                    Err(e @ ModuleError::Text(_)) => Err(e.to_string()),
                }
            }
        }
    }

    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Result<Result<Vec<Val>, Error>, String> {
        let instance = self.instance(invoke.module)?;
        let func = match instance.get_export(&mut self.store, invoke.name) {
            Some(Extern::Func(f)) => f,
            Some(_) => return Err(format!("export {:?} is not a function", invoke.name)),
            None => return Err(format!("no export {:?}", invoke.name)),
        };
        let mut args = Vec::with_capacity(invoke.args.len());
        for arg in &invoke.args {
            args.push(self.arg(arg)?);
        }
        let ty = func.ty(&self.store);
        let mut results: Vec<Val> = ty.results.iter().map(|t| default_val(*t)).collect();
        Ok(func
            .call(&mut self.store, &args, &mut results)
            .map(|()| results))
    }

    fn arg(&mut self, arg: &WastArg<'_>) -> Result<Val, String> {
        let WastArg::Core(arg) = arg else {
            return Err("component arguments are not supported".into());
        };
        Ok(match arg {
            WastArgCore::I32(v) => Val::I32(*v),
            WastArgCore::I64(v) => Val::I64(*v),
            WastArgCore::F32(v) => Val::F32(v.bits),
            WastArgCore::F64(v) => Val::F64(v.bits),
            WastArgCore::RefNull(HeapType::Abstract {
                ty: AbstractHeapType::Func,
                ..
            }) => Val::FuncRef(None),
            WastArgCore::RefNull(HeapType::Abstract {
                ty: AbstractHeapType::Extern,
                ..
            }) => Val::ExternRef(None),
            WastArgCore::RefExtern(n) => Val::ExternRef(Some(ExternRef::new(&mut self.store, *n))),
            other => return Err(format!("unsupported argument {other:?}")),
        })
    }

    fn check_results(&self, expected: &[WastRet<'_>], got: &[Val]) -> Result<(), String> {
        if expected.len() != got.len() {
            return Err(format!(
                "expected {} results, got {} ({})",
                expected.len(),
                got.len(),
                describe_values(&self.store, got)
            ));
        }
        for (i, (want, have)) in expected.iter().zip(got).enumerate() {
            let WastRet::Core(want) = want else {
                return Err("component results are not supported".into());
            };
            if !self.matches(want, have)? {
                return Err(format!(
                    "result {i}: expected {}, got {}",
                    describe_expected(want),
                    describe_val(&self.store, have)
                ));
            }
        }
        Ok(())
    }

    fn matches(&self, want: &WastRetCore<'_>, have: &Val) -> Result<bool, String> {
        Ok(match (want, have) {
            (WastRetCore::I32(w), Val::I32(h)) => w == h,
            (WastRetCore::I64(w), Val::I64(h)) => w == h,
            (WastRetCore::F32(w), Val::F32(h)) => match w {
                NanPattern::CanonicalNan => h & 0x7fff_ffff == 0x7fc0_0000,
                NanPattern::ArithmeticNan => h & 0x7fc0_0000 == 0x7fc0_0000,
                NanPattern::Value(v) => v.bits == *h,
            },
            (WastRetCore::F64(w), Val::F64(h)) => match w {
                NanPattern::CanonicalNan => h & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
                NanPattern::ArithmeticNan => h & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
                NanPattern::Value(v) => v.bits == *h,
            },
            (WastRetCore::RefNull(ty), Val::FuncRef(r)) => {
                r.is_none()
                    && match ty {
                        None => true,
                        Some(HeapType::Abstract { ty, .. }) => {
                            matches!(ty, AbstractHeapType::Func | AbstractHeapType::NoFunc)
                        }
                        Some(_) => false,
                    }
            }
            (WastRetCore::RefNull(ty), Val::ExternRef(r)) => {
                r.is_none()
                    && match ty {
                        None => true,
                        Some(HeapType::Abstract { ty, .. }) => {
                            matches!(ty, AbstractHeapType::Extern | AbstractHeapType::NoExtern)
                        }
                        Some(_) => false,
                    }
            }
            (WastRetCore::RefExtern(n), Val::ExternRef(r)) => match (n, r) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(n), Some(r)) => r
                    .data(&self.store)
                    .and_then(|d| d.downcast_ref::<u32>())
                    .is_some_and(|v| v == n),
            },
            (WastRetCore::RefFunc(_), Val::FuncRef(r)) => r.is_some(),
            (WastRetCore::Either(options), have) => {
                for option in options {
                    if self.matches(option, have)? {
                        return Ok(true);
                    }
                }
                false
            }
            (WastRetCore::V128(_), _) => {
                return Err("v128 results are not supported (no SIMD)".into())
            }
            (
                WastRetCore::RefHost(_)
                | WastRetCore::RefAny
                | WastRetCore::RefEq
                | WastRetCore::RefArray
                | WastRetCore::RefStruct
                | WastRetCore::RefI31
                | WastRetCore::RefI31Shared,
                _,
            ) => {
                return Err(format!(
                    "unsupported expected result {}",
                    describe_expected(want)
                ))
            }
            _ => false,
        })
    }
}

/// Checks that `e` is a trap (or exhaustion) whose message starts with `expected`, as the
/// reference interpreter does.
fn expect_trap(e: &Error, expected: &str) -> Result<(), String> {
    match e.as_trap() {
        Some(trap) => {
            let actual = trap.kind.message();
            // The reference interpreter names the element ("uninitialized element 2"); the
            // index is its detail, not part of the trap's kind.
            let expected_kind = match expected.rsplit_once(' ') {
                Some((kind, index)) if index.bytes().all(|b| b.is_ascii_digit()) => kind,
                _ => expected,
            };
            if actual.starts_with(expected) || actual == expected_kind {
                Ok(())
            } else {
                Err(format!(
                    "expected trap {expected:?}, got trap {:?} ({trap})",
                    actual
                ))
            }
        }
        None => Err(format!(
            "expected trap {expected:?}, got {}",
            describe_error(e)
        )),
    }
}

/// A zero value of `ty`, a placeholder for results.
fn default_val(ty: ValType) -> Val {
    match ty {
        ValType::I32 => Val::I32(0),
        ValType::I64 => Val::I64(0),
        ValType::F32 => Val::F32(0),
        ValType::F64 => Val::F64(0),
        ValType::FuncRef => Val::FuncRef(None),
        ValType::ExternRef => Val::ExternRef(None),
    }
}

fn describe_error(e: &Error) -> String {
    match e {
        Error::Compile(e) => format!("compile error: {e}"),
        Error::Link(e) => format!("link error: {e}"),
        Error::Trap(t) => format!("trap: {t}"),
        other => format!("error: {other}"),
    }
}

fn describe_exec(exec: &WastExecute<'_>) -> String {
    match exec {
        WastExecute::Invoke(i) => format!("invoke {:?}", i.name),
        WastExecute::Get { global, .. } => format!("get {global:?}"),
        WastExecute::Wat(_) => "module".to_string(),
    }
}

fn describe_values(store: &Store<()>, values: &[Val]) -> String {
    let parts: Vec<String> = values.iter().map(|v| describe_val(store, v)).collect();
    format!("[{}]", parts.join(", "))
}

fn describe_val(store: &Store<()>, v: &Val) -> String {
    match v {
        Val::I32(x) => format!("i32:{x} (0x{:x})", *x as u32),
        Val::I64(x) => format!("i64:{x} (0x{:x})", *x as u64),
        Val::F32(bits) => format!("f32:{} (0x{bits:08x})", f32::from_bits(*bits)),
        Val::F64(bits) => format!("f64:{} (0x{bits:016x})", f64::from_bits(*bits)),
        Val::FuncRef(None) => "ref.null func".to_string(),
        Val::FuncRef(Some(_)) => "ref.func".to_string(),
        Val::ExternRef(None) => "ref.null extern".to_string(),
        Val::ExternRef(Some(r)) => match r.data(store).and_then(|d| d.downcast_ref::<u32>()) {
            Some(n) => format!("ref.extern {n}"),
            None => "ref.extern (host value)".to_string(),
        },
    }
}

fn describe_expected(want: &WastRetCore<'_>) -> String {
    fn nan_f32(p: &NanPattern<wast::token::F32>) -> String {
        match p {
            NanPattern::CanonicalNan => "nan:canonical".into(),
            NanPattern::ArithmeticNan => "nan:arithmetic".into(),
            NanPattern::Value(v) => format!("{} (0x{:08x})", f32::from_bits(v.bits), v.bits),
        }
    }
    fn nan_f64(p: &NanPattern<wast::token::F64>) -> String {
        match p {
            NanPattern::CanonicalNan => "nan:canonical".into(),
            NanPattern::ArithmeticNan => "nan:arithmetic".into(),
            NanPattern::Value(v) => format!("{} (0x{:016x})", f64::from_bits(v.bits), v.bits),
        }
    }
    match want {
        WastRetCore::I32(x) => format!("i32:{x} (0x{:x})", *x as u32),
        WastRetCore::I64(x) => format!("i64:{x} (0x{:x})", *x as u64),
        WastRetCore::F32(p) => format!("f32:{}", nan_f32(p)),
        WastRetCore::F64(p) => format!("f64:{}", nan_f64(p)),
        WastRetCore::RefNull(Some(HeapType::Abstract {
            ty: AbstractHeapType::Func,
            ..
        })) => "ref.null func".into(),
        WastRetCore::RefNull(Some(HeapType::Abstract {
            ty: AbstractHeapType::Extern,
            ..
        })) => "ref.null extern".into(),
        WastRetCore::RefNull(_) => "ref.null".into(),
        WastRetCore::RefExtern(Some(n)) => format!("ref.extern {n}"),
        WastRetCore::RefExtern(None) => "ref.extern".into(),
        WastRetCore::RefFunc(_) => "ref.func".into(),
        WastRetCore::Either(options) => {
            let parts: Vec<String> = options.iter().map(describe_expected).collect();
            format!("either({})", parts.join(" | "))
        }
        other => format!("{other:?}"),
    }
}

/// A value as the reference interpreter's print functions show it.
fn print_val(v: &Val) -> String {
    match v {
        Val::I32(x) => format!("{x} : i32"),
        Val::I64(x) => format!("{x} : i64"),
        Val::F32(b) => format!("{} : f32", f32::from_bits(*b)),
        Val::F64(b) => format!("{} : f64", f64::from_bits(*b)),
        Val::FuncRef(_) => "funcref".to_string(),
        Val::ExternRef(_) => "externref".to_string(),
    }
}

/// Defines the `spectest` module of the reference interpreter in `linker`.
///
/// With `print`, the print functions write their arguments to standard output as the
/// reference interpreter does (`42 : i32`); the test runner keeps them quiet.
pub fn define_spectest<T: 'static>(
    store: &mut Store<T>,
    linker: &mut Linker<T>,
    print: bool,
) -> Result<(), Error> {
    use ValType::*;
    let prints: [(&str, &[ValType]); 7] = [
        ("print", &[]),
        ("print_i32", &[I32]),
        ("print_i64", &[I64]),
        ("print_f32", &[F32]),
        ("print_f64", &[F64]),
        ("print_i32_f32", &[I32, F32]),
        ("print_f64_f64", &[F64, F64]),
    ];
    for (name, params) in prints {
        let ty = FuncType::new(params.iter().copied(), []);
        let func = crate::Func::new(&mut *store, ty, move |_caller, params, _results| {
            if print {
                for p in params {
                    println!("{}", print_val(p));
                }
            }
            Ok(())
        });
        linker.define(&mut *store, "spectest", name, Extern::Func(func))?;
    }
    let globals = [
        ("global_i32", I32, Val::I32(666)),
        ("global_i64", I64, Val::I64(666)),
        ("global_f32", F32, Val::F32(666.6f32.to_bits())),
        ("global_f64", F64, Val::F64(666.6f64.to_bits())),
    ];
    for (name, ty, val) in globals {
        let global = Global::new(&mut *store, GlobalType::new(ty, false), val)?;
        linker.define(&mut *store, "spectest", name, Extern::Global(global))?;
    }
    let table = Table::new(
        &mut *store,
        TableType::new(FuncRef, 10, Some(20)),
        Val::FuncRef(None),
    )?;
    linker.define(&mut *store, "spectest", "table", Extern::Table(table))?;
    let memory = Memory::new(&mut *store, MemoryType::new(1, Some(2)))?;
    linker.define(&mut *store, "spectest", "memory", Extern::Memory(memory))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(script: &str) -> FileReport {
        run_script("test.wast", script.as_bytes().to_vec())
    }

    /// Every directive kind passes when it should.
    #[test]
    fn passing_directives() {
        let report = run(r#"
(module $m
  (global (export "g") i32 (i32.const 5))
  (memory 1)
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "f") (export "ff") (result funcref) (ref.func 0))
  (func (export "null") (result funcref) (ref.null func))
  (func (export "canon") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "arith") (result f64) (f64.const nan:0x8000000000001))
  (func (export "two") (result i32 i64) (i32.const 1) (i64.const -1))
  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func $rec (export "rec") (call $rec))
  (func (export "neg0") (result f32) (f32.const -0)))
(register "m" $m)
(module (import "m" "g" (global i32)) (import "spectest" "print_i32" (func (param i32)))
  (import "spectest" "table" (table 10 20 funcref)) (import "spectest" "memory" (memory 1 2))
  (import "spectest" "global_f64" (global f64)))
(invoke $m "null")
(assert_return (get $m "g") (i32.const 5))
(assert_return (invoke $m "id" (ref.extern 7)) (ref.extern 7))
(assert_return (invoke $m "id" (ref.null extern)) (ref.null extern))
(assert_return (invoke $m "f") (ref.func))
(assert_return (invoke $m "null") (ref.null func))
(assert_return (invoke $m "canon") (f32.const nan:canonical))
(assert_return (invoke $m "arith") (f64.const nan:arithmetic))
(assert_return (invoke $m "two") (i32.const 1) (i64.const -1))
(assert_return (invoke $m "neg0") (f32.const -0))
(assert_return (invoke $m "div" (i32.const 1)) (either (i32.const 2) (i32.const 1)))
(assert_trap (invoke $m "div" (i32.const 0)) "integer divide by zero")
(assert_exhaustion (invoke $m "rec") "call stack exhausted")
(assert_trap (module (func $u unreachable) (start $u)) "unreachable")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
(assert_malformed (module quote "(func (i32.bogus))") "unknown operator")
(assert_unlinkable (module (import "m" "nope" (func))) "unknown import")
(module binary "\00asm\01\00\00\00")
(module quote "(func (export \"q\") (result i32) (i32.const 9))")
(assert_return (invoke "q") (i32.const 9))
"#);
        assert!(report.ok(), "{:#?}", report.failures);
        assert_eq!(report.passed, 24);
    }

    /// Every wrong expectation is caught, with its line.
    #[test]
    fn failing_directives() {
        let script = r#"(module
  (func (export "one") (result i32) (i32.const 1))
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "f") (result funcref) (ref.func 0))
  (func (export "arith") (result f32) (f32.const nan:0x200001))
  (func (export "negnan") (result f64) (f64.const nan:0x4))
  (func (export "neg0") (result f32) (f32.const -0))
  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))
(assert_return (invoke "one") (i32.const 2))
(assert_return (invoke "one"))
(assert_return (invoke "one") (i64.const 1))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 2))
(assert_return (invoke "id" (ref.extern 1)) (ref.null extern))
(assert_return (invoke "f") (ref.null func))
(assert_return (invoke "arith") (f32.const nan:canonical))
(assert_return (invoke "negnan") (f64.const nan:canonical))
(assert_return (invoke "neg0") (f32.const 0))
(assert_return (invoke "missing"))
(assert_return (invoke "one" (i32.const 1)) (i32.const 1))
(assert_trap (invoke "one") "unreachable")
(assert_trap (invoke "div" (i32.const 0)) "integer overflow")
(assert_exhaustion (invoke "one") "call stack exhausted")
(assert_trap (module (func)) "unreachable")
(assert_invalid (module (func)) "type mismatch")
(assert_malformed (module quote "(func)") "unexpected token")
(assert_malformed (module binary "\00asm\01\00\00\00") "unexpected end")
(assert_unlinkable (module) "unknown import")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i32)))) "unknown import")
(module (import "nowhere" "x" (func)))
(assert_return (invoke "one") (i32.const 1))
(register "r" $nope)
"#;
        let report = run(script);
        assert_eq!(report.passed, 1, "{:#?}", report.failures);
        let lines: Vec<usize> = report.failures.iter().map(|f| f.line).collect();
        // The module passes; everything after it fails, including the invoke after a module
        // that failed to link (there is no current module then).
        assert_eq!(
            lines,
            (9..=31).collect::<Vec<_>>(),
            "{:#?}",
            report.failures
        );
        assert_eq!(report.failed, 23);
    }

    /// A script that does not parse is one failure, not a pass.
    #[test]
    fn unparsable_script_fails() {
        let report = run("(module (func)\n(assert_return (invoke \"x\"");
        assert_eq!(report.failed, 1);
        assert_eq!(report.passed, 0);
    }

    /// Directives of proposals beyond 2.0 fail with a message instead of being skipped.
    #[test]
    fn unsupported_directives_fail() {
        let report = run("(module)\n(thread $t (module))\n(wait $t)\n");
        assert_eq!(report.passed, 1, "{:#?}", report.failures);
        assert_eq!(report.failed, 2, "{:#?}", report.failures);
        assert!(report.failures[0].message.contains("not supported"));
    }
}
