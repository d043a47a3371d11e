//! The `breakwater` program: run a module, run spec test scripts, or see a demo.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use breakwater::wasi::{WasiCtx, WasiCtxBuilder};
use breakwater::wast::{self, RUNNER_STACK_SIZE};
use breakwater::{Config, Engine, Error, Extern, Linker, Module, Store, Val, ValType};
use clap::{Parser, Subcommand};

mod backtrace;
mod run_debug;
mod run_wasi;
use run_wasi::{run_command, wasi_context, WasiOptions};

/// Exit code of a run that trapped.
const EXIT_TRAP: u8 = 1;
/// Exit code of every other error (unreadable file, invalid module, bad arguments, ...).
const EXIT_ERROR: u8 = 2;
/// Exit code of a WASI program that trapped: wasmtime's, that of a process killed by SIGABRT
/// (what `abort()` does in a native C program).
const EXIT_COMMAND_TRAP: u8 = 134;

#[derive(Parser)]
#[command(
    name = "breakwater",
    version,
    about = "Breakwater: a WebAssembly 2.0 baseline JIT for x86-64 and AArch64",
    long_about = "Breakwater: a WebAssembly 2.0 baseline JIT for x86-64 and AArch64 whose debug code is \
                  shared by every instance and every thread and never patched.\n\n\
                  Start with `breakwater demo`."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile and run a module (.wasm binary or .wat text, or an artifact of `compile`): a WASI
    /// command, or a function
    #[command(
        after_help = "A module that imports `wasi_snapshot_preview1` is a WASI program: without \
                      --invoke its `_start` runs with ARGS as its arguments (after the file name), \
                      this process's standard streams, the directories given with --dir and the \
                      environment variables given with --env or --inherit-env, nothing else. \
                      Its exit code is the one it gives `proc_exit` (0 if `_start` returns); if \
                      it traps, the kind of trap and the Wasm backtrace are printed and the exit \
                      code is 134, as wasmtime's.\n\
                      Otherwise, without --invoke, `_start` or `main` is called if the module \
                      exports it; otherwise the module is only instantiated (which runs its start \
                      function).\n\
                      Arguments of a function are parsed by its parameter types: integers \
                      (decimal or 0x hex), floats (also nan, inf, -inf), `null` for references.\n\
                      Modules may import the spec interpreter's `spectest` module (print_i32 \
                      and friends print to standard output, global_i32, table, memory).\n\
                      Exit code (other than a WASI program's): 0 on success, 1 if the code \
                      trapped, 2 for any other error."
    )]
    Run {
        /// The module: WebAssembly binary or text, or an artifact of `breakwater compile`
        file: PathBuf,
        /// The exported function to call
        #[arg(long, value_name = "NAME")]
        invoke: Option<String>,
        /// Compile with debug support (breakable points in the code)
        #[arg(long)]
        debug: bool,
        /// Debug with LLDB: compile with debug support, listen on 127.0.0.1:PORT, wait for
        /// LLDB to connect (`process connect --plugin wasm connect://127.0.0.1:PORT`), then
        /// run, stopped at the first instruction
        #[arg(short = 'g', long = "debugger-port", value_name = "PORT")]
        debugger_port: Option<u16>,
        /// Give a WASI program the host directory HOST, seen as GUEST (default: HOST as
        /// written); no path leads out of it
        #[arg(long = "dir", value_name = "HOST[::GUEST]")]
        dirs: Vec<String>,
        /// Give a WASI program the environment variable NAME, set to VAL (without `=VAL`: its
        /// value here, if set)
        #[arg(long = "env", value_name = "NAME[=VAL]")]
        envs: Vec<String>,
        /// Give a WASI program every environment variable of this process
        #[arg(long)]
        inherit_env: bool,
        /// Arguments of the WASI program or of the function (after FILE: Breakwater's own
        /// options may still follow FILE; from the first other argument on, or after `--`,
        /// everything is taken as is)
        #[arg(
            value_name = "ARGS",
            trailing_var_arg = true,
            allow_hyphen_values = true
        )]
        args: Vec<String>,
    },
    /// Run WebAssembly spec test scripts (.wast) and report every failing directive
    #[command(
        after_help = "Prints each failing directive as `file:line: what failed`, then \
                      `N passed, N failed` over all files. Exit code 1 if any directive failed."
    )]
    Wast {
        /// The scripts; a directory stands for the .wast files in it
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Skip the files of a directory whose names start with PREFIX (e.g. `simd_`)
        #[arg(long, value_name = "PREFIX")]
        skip: Vec<String>,
        /// Compile with breakable points (no debugger attached): debug code must compute what
        /// normal code does
        #[arg(long)]
        debug: bool,
        /// Debug code with a debugger attached to every instance that stops at every stop
        /// point, stepping into everything (implies --debug)
        #[arg(long)]
        step: bool,
    },
    /// Compile a module ahead of time into an artifact, for `run` or a host with no compiler
    #[command(
        after_help = "The artifact holds the machine code (position independent, with the \
                      relocations of its direct calls), the trap sites, the original module and, \
                      with --debug, the site tables a debugger needs. It loads only into this \
                      build of Breakwater, on a machine of its target: `breakwater run OUT`, \
                      `Module::from_artifact`, or `breakwater_core::artifact::load` in a no_std \
                      host. Exit code 0 on success, 2 on any error."
    )]
    Compile {
        /// The module: WebAssembly binary or text
        file: PathBuf,
        /// Where to write the artifact
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// Compile debug code (breakable points) and keep its site tables
        #[arg(long)]
        debug: bool,
        /// The instruction set to compile for (default: this machine's)
        #[arg(long, value_name = "TARGET", value_parser = ["x86_64", "aarch64"])]
        target: Option<String>,
    },
    /// Write the original WebAssembly module an artifact holds (what LLDB loads)
    #[command(
        long_about = "Writes the WebAssembly module (binary format, with its custom sections: \
                      DWARF, names) that an artifact of `breakwater compile` was compiled from, \
                      e.g. for LLDB's `target create` when only the artifact is at hand. Exit \
                      code 0 on success, 2 on any error."
    )]
    Extract {
        /// The artifact
        artifact: PathBuf,
        /// Where to write the module
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
    },
    /// Compile and run a built-in recursive Fibonacci module, showing what happens
    Demo,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    std::panic::set_hook(Box::new(|info| {
        let message = wast::panic_message(info.payload());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("breakwater: internal error: {message}{location}");
    }));
    match cli.command {
        Command::Run {
            file,
            invoke,
            debug,
            debugger_port,
            dirs,
            envs,
            inherit_env,
            args,
        } => {
            let wasi = WasiOptions {
                dirs,
                envs,
                inherit_env,
            };
            let debug = match debugger_port {
                Some(port) => Debug::Lldb(port),
                None if debug => Debug::Code,
                None => Debug::Off,
            };
            on_big_stack(move || run(&file, invoke.as_deref(), &args, debug, &wasi))
        }
        Command::Wast {
            files,
            skip,
            debug,
            step,
        } => {
            let mut config = Config::new();
            config.debug(debug || step);
            run_wast(&files, &skip, &config, step)
        }
        Command::Compile {
            file,
            output,
            debug,
            target,
        } => compile(&file, &output, debug, target.as_deref()),
        Command::Extract { artifact, output } => extract(&artifact, &output),
        Command::Demo => on_big_stack(demo),
    }
}

/// `breakwater extract`: writes the module `artifact` was compiled from to `output`.
fn extract(artifact: &Path, output: &Path) -> ExitCode {
    let result = (|| {
        let bytes = std::fs::read(artifact)
            .map_err(|e| format!("cannot read {}: {e}", artifact.display()))?;
        let parsed = breakwater_core::artifact::read(&bytes)
            .map_err(|e| format!("{}: not a valid artifact: {e}", artifact.display()))?;
        std::fs::write(output, &parsed.module)
            .map_err(|e| format!("cannot write {}: {e}", output.display()))
    })();
    exit_with(result)
}

/// Exit code 0, or the error on standard error and `EXIT_ERROR`.
fn exit_with(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// `breakwater compile`: writes the artifact of `file` to `output`.
fn compile(file: &Path, output: &Path, debug: bool, target: Option<&str>) -> ExitCode {
    use breakwater::artifact::Target;
    let result = (|| {
        let target = match target {
            Some(name) => Target::from_name(name).ok_or(format!("unknown target {name}"))?,
            None => {
                Target::host().ok_or("this machine is neither x86_64 nor aarch64: give --target")?
            }
        };
        let bytes =
            std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let artifact = breakwater::artifact::compile(&bytes, target, debug)
            .map_err(|e| format!("{}: cannot compile: {e}", file.display()))?;
        std::fs::write(output, artifact)
            .map_err(|e| format!("cannot write {}: {e}", output.display()))
    })();
    exit_with(result)
}

/// Runs `f` on a thread with a large stack (deep recursion is Breakwater's to catch).
fn on_big_stack(f: impl FnOnce() -> ExitCode + Send + 'static) -> ExitCode {
    let spawned = std::thread::Builder::new()
        .name("breakwater".into())
        .stack_size(RUNNER_STACK_SIZE)
        .spawn(f);
    match spawned {
        Ok(handle) => handle.join().unwrap_or(ExitCode::from(EXIT_ERROR)),
        Err(e) => {
            eprintln!("error: cannot start a thread: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// How `run` debugs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Debug {
    /// Normal code.
    Off,
    /// Debug code, no debugger.
    Code,
    /// Debug code served to LLDB on this port of 127.0.0.1.
    Lldb(u16),
}

fn run(
    file: &Path,
    invoke: Option<&str>,
    args: &[String],
    debug: Debug,
    wasi: &WasiOptions,
) -> ExitCode {
    let result = try_run(file, invoke, args, debug, wasi);
    match &result {
        Err(RunError::Trap(e)) | Err(RunError::CommandTrap(e)) => {
            eprintln!("error: {}: {e}", file.display())
        }
        Err(RunError::Other(message)) => eprintln!("error: {message}"),
        Ok(()) | Err(RunError::Exit(_)) => {}
    }
    ExitCode::from(exit_code(&result))
}

/// The process's exit status for a run's result.
fn exit_code(result: &Result<(), RunError>) -> u8 {
    match result {
        Ok(()) => 0,
        // As the process's exit status, the low 8 bits (what exit(3) keeps).
        Err(RunError::Exit(code)) => *code as u8,
        Err(RunError::Trap(_)) => EXIT_TRAP,
        Err(RunError::CommandTrap(_)) => EXIT_COMMAND_TRAP,
        Err(RunError::Other(_)) => EXIT_ERROR,
    }
}

enum RunError {
    /// A WASI program exited with this code.
    Exit(i32),
    /// Wasm code trapped: the message says where.
    Trap(String),
    /// A WASI program trapped: the message says where.
    CommandTrap(String),
    /// Anything else.
    Other(String),
}

fn engine_error(file: &Path, what: &str, e: Error, module: Option<&Module>) -> RunError {
    if let Some(trap) = e.as_trap() {
        let mut message = format!("{what} trapped: {trap}");
        if let Some(module) = module {
            message.push_str(&backtrace::format(file, module, trap));
        }
        return RunError::Trap(message);
    }
    let file = file.display();
    RunError::Other(match e {
        Error::Compile(e) if e.kind() == breakwater_core::error::ErrorKind::Artifact => {
            format!("{file}: cannot load the artifact: {e}")
        }
        Error::Compile(e) => format!("{file}: invalid module: {e}"),
        Error::Link(e) => format!("{file}: cannot link: {e}"),
        e => format!("{file}: {what} failed: {e}"),
    })
}

fn try_run(
    file: &Path,
    invoke: Option<&str>,
    args: &[String],
    debug: Debug,
    wasi: &WasiOptions,
) -> Result<(), RunError> {
    let bytes = std::fs::read(file)
        .map_err(|e| RunError::Other(format!("cannot read {}: {e}", file.display())))?;
    let mut config = Config::new();
    config
        .debug(debug != Debug::Off)
        .max_wasm_stack(RUNNER_STACK_SIZE / 4);
    let engine = Engine::new(&config)
        .map_err(|e| RunError::Other(format!("cannot create the engine: {e}")))?;
    let module =
        Module::new(&engine, &bytes).map_err(|e| engine_error(file, "compiling", e, None))?;
    if debug != Debug::Off && !module.is_debug() {
        // Only an artifact can lack debug code here (the engine compiles with it).
        return Err(RunError::Other(format!(
            "{}: the artifact has no debug code, so it cannot be debugged: make it with \
             `breakwater compile --debug`",
            file.display()
        )));
    }
    let is_wasi = module
        .imports()
        .any(|i| i.module() == breakwater::wasi::MODULE);
    let ctx = if is_wasi {
        // A function called with --invoke sees only the program's name as its arguments.
        let program_args = if invoke.is_some() { &[][..] } else { args };
        wasi_context(file, program_args, wasi).map_err(RunError::Other)?
    } else {
        WasiCtxBuilder::new().build()
    };
    let mut store = Store::new(&engine, ctx);
    let mut linker = Linker::new(&engine);
    wast::define_spectest(&mut store, &mut linker, true)
        .map_err(|e| RunError::Other(format!("cannot define the spectest module: {e}")))?;
    breakwater::wasi::add_to_linker(&mut linker, |ctx: &mut WasiCtx| ctx)
        .map_err(|e| RunError::Other(format!("cannot define WASI: {e}")))?;
    let instance = linker
        .instantiate(&mut store, &module)
        .map_err(|e| engine_error(file, "instantiation", e, Some(&module)))?;
    let Debug::Lldb(port) = debug else {
        return call(file, invoke, args, &mut store, &module, instance, is_wasi);
    };
    let session = run_debug::Session::start(file, port, &mut store, &instance, &module)
        .map_err(RunError::Other)?;
    let result = call(file, invoke, args, &mut store, &module, instance, is_wasi);
    session.finish(result)
}

/// Runs the program: a WASI command's `_start`, the function given, or `_start` or `main`.
fn call(
    file: &Path,
    invoke: Option<&str>,
    args: &[String],
    store: &mut Store<WasiCtx>,
    module: &Module,
    instance: breakwater::Instance,
    is_wasi: bool,
) -> Result<(), RunError> {
    if is_wasi && invoke.is_none() {
        if let Some(start) = instance.get_func(&mut *store, "_start") {
            return run_command(file, &mut *store, module, start);
        }
    }

    let (name, func) = match invoke {
        Some(name) => match instance.get_export(&mut *store, name) {
            Some(Extern::Func(f)) => (name.to_string(), f),
            Some(_) => {
                return Err(RunError::Other(format!(
                    "export {name:?} is not a function"
                )))
            }
            None => {
                let funcs = exported_funcs(&mut *store, module, &instance);
                return Err(RunError::Other(format!(
                    "{} has no export {name:?} (exported functions: {})",
                    file.display(),
                    if funcs.is_empty() {
                        "none".to_string()
                    } else {
                        funcs.join(", ")
                    }
                )));
            }
        },
        None => {
            let found = ["_start", "main"].into_iter().find_map(|name| {
                instance
                    .get_func(&mut *store, name)
                    .map(|f| (name.to_string(), f))
            });
            match found {
                Some(found) => found,
                None if args.is_empty() => return Ok(()),
                None => {
                    return Err(RunError::Other(
                        "arguments given, but no --invoke and no `_start` or `main` export".into(),
                    ))
                }
            }
        }
    };

    let ty = func.ty(&*store);
    if ty.params.len() != args.len() {
        return Err(RunError::Other(format!(
            "{name} takes {} arguments ({}), {} given",
            ty.params.len(),
            type_list(&ty.params),
            args.len()
        )));
    }
    let mut params = Vec::with_capacity(args.len());
    for (i, (arg, ty)) in args.iter().zip(ty.params.iter()).enumerate() {
        let val = parse_arg(arg, *ty).ok_or_else(|| {
            RunError::Other(format!(
                "argument {i} of {name}: {arg:?} is not a valid {}",
                ty.name()
            ))
        })?;
        params.push(val);
    }
    let mut results: Vec<Val> = ty.results.iter().map(|t| zero(*t)).collect();
    func.call(&mut *store, &params, &mut results)
        .map_err(|e| engine_error(file, &format!("calling {name}"), e, Some(module)))?;
    for r in &results {
        println!("{}", format_val(r));
    }
    Ok(())
}

fn exported_funcs(
    store: &mut Store<WasiCtx>,
    module: &Module,
    instance: &breakwater::Instance,
) -> Vec<String> {
    let names: Vec<String> = module.exports().map(|e| e.name().to_string()).collect();
    names
        .into_iter()
        .filter(|n| instance.get_func(&mut *store, n).is_some())
        .collect()
}

fn type_list(types: &[ValType]) -> String {
    types.iter().map(|t| t.name()).collect::<Vec<_>>().join(" ")
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

/// Parses an integer: decimal or `0x` hex, with an optional sign, `_` separators allowed. Values
/// up to `max_unsigned` are accepted and wrap (so `4294967295` is `-1` as an i32).
fn parse_int(s: &str, max_unsigned: u64) -> Option<i64> {
    let s = s.replace('_', "");
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    let magnitude = match digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        Some(hex) => u64::from_str_radix(hex, 16).ok()?,
        None => digits.parse::<u64>().ok()?,
    };
    if neg {
        // The most negative value is the unsigned maximum's half plus one.
        if magnitude > max_unsigned / 2 + 1 {
            return None;
        }
        Some((magnitude as i64).wrapping_neg())
    } else {
        (magnitude <= max_unsigned).then_some(magnitude as i64)
    }
}

fn parse_float(s: &str) -> Option<f64> {
    let lower = s.to_ascii_lowercase();
    match lower.as_str() {
        "nan" | "+nan" => Some(f64::NAN),
        "-nan" => Some(-f64::NAN),
        "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
        _ => lower.replace('_', "").parse::<f64>().ok(),
    }
}

fn parse_arg(s: &str, ty: ValType) -> Option<Val> {
    Some(match ty {
        ValType::I32 => Val::I32(parse_int(s, u32::MAX as u64)? as i32),
        ValType::I64 => Val::I64(parse_int(s, u64::MAX)?),
        ValType::F32 => {
            let lower = s.to_ascii_lowercase();
            // Parse f32 directly so that decimal literals round once.
            let v = match lower.as_str() {
                "nan" | "+nan" | "-nan" | "inf" | "+inf" | "-inf" | "infinity" | "-infinity" => {
                    parse_float(s)? as f32
                }
                _ => lower.replace('_', "").parse::<f32>().ok()?,
            };
            Val::F32(v.to_bits())
        }
        ValType::F64 => Val::F64(parse_float(s)?.to_bits()),
        ValType::FuncRef if s == "null" => Val::FuncRef(None),
        ValType::ExternRef if s == "null" => Val::ExternRef(None),
        ValType::FuncRef | ValType::ExternRef => return None,
    })
}

fn format_float(v: f64) -> String {
    if v.is_nan() {
        if v.is_sign_negative() { "-nan" } else { "nan" }.to_string()
    } else if v.is_infinite() {
        if v > 0.0 { "inf" } else { "-inf" }.to_string()
    } else {
        format!("{v}")
    }
}

fn format_val(v: &Val) -> String {
    match v {
        Val::I32(x) => x.to_string(),
        Val::I64(x) => x.to_string(),
        Val::F32(bits) => {
            let f = f32::from_bits(*bits);
            if f.is_nan() || f.is_infinite() {
                format_float(f as f64)
            } else {
                format!("{f}")
            }
        }
        Val::F64(bits) => format_float(f64::from_bits(*bits)),
        Val::FuncRef(None) => "ref.null func".to_string(),
        Val::FuncRef(Some(_)) => "ref.func".to_string(),
        Val::ExternRef(None) => "ref.null extern".to_string(),
        Val::ExternRef(Some(_)) => "ref.extern".to_string(),
    }
}

/// The scripts to run: files as given, directories expanded to their `.wast` files (sorted,
/// without those whose names start with a `skip` prefix).
fn expand_scripts(paths: &[PathBuf], skip: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(path).map_err(|e| format!("cannot list {}: {e}", path.display()))?;
        let mut found = Vec::new();
        for entry in entries {
            let file = entry
                .map_err(|e| format!("cannot list {}: {e}", path.display()))?
                .path();
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name.ends_with(".wast")
                && file.is_file()
                && !skip.iter().any(|p| name.starts_with(p.as_str()))
            {
                found.push(file);
            }
        }
        if found.is_empty() {
            return Err(format!("no .wast files in {}", path.display()));
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

fn run_wast(paths: &[PathBuf], skip: &[String], config: &Config, step: bool) -> ExitCode {
    let files = match expand_scripts(paths, skip) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for file in &files {
        let report = if step {
            wast::run_file_stepping(file, config)
        } else {
            wast::run_file_with(file, config)
        };
        for line in report.failure_lines() {
            println!("{line}");
        }
        passed += report.passed;
        failed += report.failed;
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The demo module: the naive recursive Fibonacci function, which makes a lot of calls.
const FIB_WAT: &str = r#"(module
  (func $fib (export "fib") (param $n i64) (result i64)
    (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
      (then (local.get $n))
      (else (i64.add
        (call $fib (i64.sub (local.get $n) (i64.const 1)))
        (call $fib (i64.sub (local.get $n) (i64.const 2))))))))"#;

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Bytes of machine code of the module's defined functions.
/// The demo's debugging part: the same module compiled for debugging, a debugger attached to
/// one instance, a breakpoint, a few steps, and the proof that the code did not change.
fn demo_debugging(plain: &Module) -> Result<(), String> {
    use breakwater::debug::{ResumeAction, Stop};
    let mut config = Config::new();
    config.debug(true);
    let engine = Engine::new(&config).map_err(|e| e.to_string())?;
    let module = Module::new(&engine, FIB_WAT).map_err(|e| e.to_string())?;
    let sites = module
        .compiled()
        .debug
        .as_ref()
        .map_or(0, |d| d.total_sites());
    println!(
        "4. Compiled for debugging, fib is {} bytes ({:.2}x) with {sites} machine sites: each",
        code_size(&module),
        code_size(&module) as f64 / code_size(plain).max(1) as f64
    );
    println!(
        "   tests its own bit of a mask the debugger owns and calls the debugger only when that"
    );
    println!(
        "   bit is set, so this one copy of the code serves every instance and thread, debugged"
    );
    println!("   or not.");
    let hash_before = code_hash(&module);

    let mut store = Store::new(&engine, ());
    let instance =
        breakwater::Instance::new(&mut store, &module, &[]).map_err(|e| e.to_string())?;
    let fib = instance
        .get_typed_func::<i64, i64>(&mut store, "fib")
        .map_err(|e| e.to_string())?;
    let start = Instant::now();
    let detached = fib.call(&mut store, 25).map_err(|e| e.to_string())?;
    println!(
        "   With no debugger attached: fib(25) = {detached} in {}.",
        ms(start.elapsed())
    );

    // Attach: the hook runs on this thread at every stop and says how to resume.
    let mut stops = 0;
    let handle = instance
        .attach_debugger(&mut store, move |stop: &mut Stop<'_>| {
            stops += 1;
            if stops > 5 {
                return ResumeAction::Continue;
            }
            let frames: Vec<String> = stop
                .backtrace()
                .iter()
                .map(|f| match f.bytecode_offset {
                    Some(offset) => format!("fib@{offset:#x}"),
                    None => "<host>".to_string(),
                })
                .collect();
            let show = |values: Vec<breakwater::debug::Value>| {
                values
                    .iter()
                    .map(|v| (v.bits as i64).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            println!(
                "     stop {stops} ({:?}) in function {} at offset {:#x}: n = [{}], stack = [{}], \
                 frames: {}",
                stop.reason(),
                stop.func_index(),
                stop.bytecode_offset(),
                show(stop.locals()),
                show(stop.stack()),
                frames.join(" <- ")
            );
            if stops < 5 {
                ResumeAction::StepInto
            } else {
                ResumeAction::Continue
            }
        })
        .map_err(|e| e.to_string())?;
    // The breakpoint goes on fib's `i64.add` (opcode 0x7c).
    let bytes = wat::parse_str(FIB_WAT).map_err(|e| e.to_string())?;
    let add = handle
        .breakable_offsets(0)
        .into_iter()
        .find(|&o| bytes.get(o as usize) == Some(&0x7c))
        .ok_or("fib has no i64.add")?;
    handle.set_breakpoint(0, add).map_err(|e| e.to_string())?;
    println!("   Attached a debugger, set a breakpoint on fib's i64.add (offset {add:#x}), called fib(3),");
    println!("   and stepped four times from the first stop:");
    let result = fib.call(&mut store, 3).map_err(|e| e.to_string())?;
    handle.clear_breakpoint(0, add).map_err(|e| e.to_string())?;
    println!("   ... then continued: fib(3) = {result}.");
    println!(
        "   The code's bytes are {} (hash before and after): nothing was patched.",
        if code_hash(&module) == hash_before {
            "unchanged"
        } else {
            "CHANGED"
        }
    );
    Ok(())
}

/// FNV-1a over a module's published code.
fn code_hash(module: &Module) -> u64 {
    let (base, len) = module.code_range();
    // SAFETY: the module keeps its published code mapped and readable while it lives.
    let code = unsafe { std::slice::from_raw_parts(base as *const u8, len) };
    code.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn code_size(module: &Module) -> usize {
    let code = &module.compiled().code;
    code.functions.iter().map(|f| f.code_len as usize).sum()
}

fn demo() -> ExitCode {
    match try_demo() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn try_demo() -> Result<(), String> {
    println!("Breakwater demo: compile a WebAssembly module to x86-64 machine code and run it.");
    println!();
    println!("The module, in WebAssembly text format (built into this program):");
    println!();
    for line in FIB_WAT.lines() {
        println!("    {line}");
    }
    println!();

    let engine = Engine::default();
    let start = Instant::now();
    let module = Module::new(&engine, FIB_WAT)
        .map_err(|e| format!("compiling the demo module failed: {e}"))?;
    let compile_time = start.elapsed();
    println!(
        "1. Parsed, validated and compiled it in {} (text to machine code, one pass per function):",
        ms(compile_time)
    );
    println!(
        "   fib is {} bytes of x86-64 code, published read+execute and never writable again.",
        code_size(&module)
    );

    let mut store = Store::new(&engine, ());
    let start = Instant::now();
    let instance = breakwater::Instance::new(&mut store, &module, &[])
        .map_err(|e| format!("instantiating the demo module failed: {e}"))?;
    println!(
        "2. Instantiated it in {}: an instance is a small block of state; the code is shared.",
        ms(start.elapsed())
    );

    let fib = instance
        .get_typed_func::<i64, i64>(&mut store, "fib")
        .map_err(|e| format!("the demo module has no fib(i64) -> i64 export: {e}"))?;
    println!("3. Calling the exported function fib(n), which calls itself about 1.6^n times:");
    println!();
    for n in [0_i64, 1, 2, 10, 20, 25, 30] {
        let start = Instant::now();
        let result = fib
            .call(&mut store, n)
            .map_err(|e| format!("fib({n}) failed: {e}"))?;
        let took = start.elapsed();
        println!("       fib({n:>2}) = {result:>7}    in {}", ms(took));
    }
    println!();
    demo_debugging(&module)?;
    println!();
    println!("Try it on your own modules: `breakwater run FILE.wat --invoke NAME ARGS...`");
    println!("and the spec tests: `breakwater wast FILE.wast...`. See `breakwater --help`.");
    Ok(())
}
