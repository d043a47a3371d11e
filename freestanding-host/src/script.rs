//! A line-oriented script of modules and calls (what `tests/freestanding.rs` turns spec test
//! files into), run against artifacts, one result line per command:
//!
//! ```text
//! step                              -> (nothing) from now on, a debugger stepping into every
//!                                      stop point is attached to every instance (debug code)
//! module PATH                       -> module ok | module error | module trap KIND
//! register NAME IDX                 -> register ok | register error
//! invoke IDX NAME ARG...            -> ok VALUE... | trap KIND | error (one ARG per parameter,
//!                                      of its type; else an error with the reason on stderr)
//! get IDX NAME                      -> ok VALUE | error
//! ```
//!
//! `IDX` counts `module` commands from 0 (instances that failed still count); `NAME` is `n`
//! and the name's bytes in hex (export names may be empty or hold anything); a value is `i32:HEX`, `i64:HEX`, `f32:HEX`, `f64:HEX`
//! (bits), `funcref:null`, `funcref:func` (results only), `externref:null` or `externref:N`.
//! Imports resolve to the spec interpreter's `spectest` module or to registered instances.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use breakwater_core::debug::{DebugHook, DebugState, Debugger, ResumeAction, Stop};
use breakwater_core::module::{GlobalType, ImportKind, MemoryType, TableType};
use breakwater_core::runtime::{
    compile, CompiledModule, Engine, Extern, InstanceId, InstantiateError, Store,
};
use breakwater_core::{artifact, FuncType, ValType};

use crate::code::MappedCode;
use crate::{io, outln};

/// The `spectest` module's exports, by name.
type Spectest = Vec<(&'static str, Extern)>;

pub struct Runner {
    /// Debuggers attached by `step` (detached before the store goes), with their states (kept
    /// until after: frames may read their masks).
    debuggers: Vec<(Box<Debugger>, Arc<DebugState>)>,
    step: bool,
    /// Made from the first artifact's runtime stubs; every later artifact must match them.
    store: Option<(Engine, Store, Spectest)>,
    instances: Vec<Option<InstanceId>>,
    registered: Vec<(String, InstanceId)>,
}

fn hex_name(hex: &str) -> Option<String> {
    let hex = hex.strip_prefix('n')?;
    if hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

/// The `spectest` module's exports, in a store.
fn spectest(store: &mut Store) -> Result<Spectest, breakwater_core::Error> {
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
    let mut out = Vec::new();
    for (name, params) in prints {
        let ty = FuncType::new(params.iter().copied(), []);
        out.push((
            name,
            Extern::Func(store.new_host_func(&ty, Box::new(|_, _| 0))),
        ));
    }
    let globals = [
        ("global_i32", I32, 666),
        ("global_i64", I64, 666),
        ("global_f32", F32, 666.6f32.to_bits() as u64),
        ("global_f64", F64, 666.6f64.to_bits()),
    ];
    for (name, ty, bits) in globals {
        out.push((
            name,
            Extern::Global(store.new_global(GlobalType::new(ty, false), bits)),
        ));
    }
    let table = store.new_table(TableType::new(FuncRef, 10, Some(20)), 0)?;
    out.push(("table", Extern::Table(table)));
    let memory = store.new_memory(MemoryType::new(1, Some(2)))?;
    out.push(("memory", Extern::Memory(memory)));
    Ok(out)
}

impl Runner {
    pub fn new() -> Runner {
        Runner {
            debuggers: Vec::new(),
            step: false,
            store: None,
            instances: Vec::new(),
            registered: Vec::new(),
        }
    }

    /// Runs every line of `script`.
    pub fn run(&mut self, script: &str) {
        for line in script.lines().filter(|l| !l.trim().is_empty()) {
            let words: Vec<&str> = line.split_ascii_whitespace().collect();
            match words.as_slice() {
                ["step"] => self.step = true,
                ["module", path] => self.module(path),
                ["register", name, idx] => {
                    let ok = match (hex_name(name), self.instance(idx)) {
                        (Some(name), Some(id)) => {
                            self.registered.push((name, id));
                            true
                        }
                        _ => false,
                    };
                    outln!("register {}", if ok { "ok" } else { "error" });
                }
                ["invoke", idx, name, args @ ..] => self.invoke(idx, name, args),
                ["get", idx, name] => self.get(idx, name),
                _ => outln!("error unknown command"),
            }
        }
    }

    fn instance(&self, idx: &str) -> Option<InstanceId> {
        let i: usize = idx.parse().ok()?;
        *self.instances.get(i)?
    }

    fn load(&mut self, path: &str) -> Result<Arc<CompiledModule>, String> {
        let bytes = io::read_file(path.as_bytes())
            .map_err(|e| format!("cannot read {path}: errno {}", e.0))?;
        let artifact = artifact::read(&bytes).map_err(|e| format!("{e}"))?;
        if self.store.is_none() {
            let engine = artifact::engine(&artifact, &MappedCode).map_err(|e| format!("{e}"))?;
            let mut store = Store::new(&engine);
            let spectest = spectest(&mut store).map_err(|e| format!("{e}"))?;
            self.store = Some((engine, store, spectest));
        }
        let (engine, ..) = self.store.as_ref().ok_or("no engine")?;
        artifact::load(engine, artifact, &MappedCode, &compile::Sequential)
            .map_err(|e| format!("{e}"))
    }

    fn module(&mut self, path: &str) {
        let module = match self.load(path) {
            Ok(m) => m,
            Err(e) => {
                io::error(&e);
                self.instances.push(None);
                return outln!("module error");
            }
        };
        let Some((_, store, spectest)) = self.store.as_mut() else {
            return;
        };
        let mut imports = Vec::new();
        for import in &module.info.imports {
            let found = if import.module == "spectest" {
                spectest
                    .iter()
                    .find(|(name, _)| *name == import.name)
                    .map(|&(_, e)| e)
            } else {
                self.registered
                    .iter()
                    .rev()
                    .find(|(name, _)| *name == import.module)
                    .and_then(|&(_, id)| store.export(id, &import.name))
            };
            let kind_matches = matches!(
                (import.kind, found),
                (ImportKind::Func(_), Some(Extern::Func(_)))
                    | (ImportKind::Table(_), Some(Extern::Table(_)))
                    | (ImportKind::Memory(_), Some(Extern::Memory(_)))
                    | (ImportKind::Global(_), Some(Extern::Global(_)))
            );
            match found {
                Some(e) if kind_matches => imports.push(e),
                _ => {
                    self.instances.push(None);
                    return outln!("module error");
                }
            }
        }
        let id = match store.instantiate_without_start(&module, &imports) {
            Ok(id) if self.step && module.debug.is_some() => {
                let vmctx = store.instance(id).vmctx();
                // SAFETY: `vmctx` is the live instance `id` of `module`, owned by the store;
                // the debugger is detached before the store is dropped (`Drop`), its state kept
                // until after, and the box stays where it is.
                let debugger =
                    unsafe { Debugger::attach(module.clone(), vmctx, Box::new(Stepper)) };
                let state = debugger.state().clone();
                state.request_pause();
                self.debuggers.push((debugger, state));
                store
                    .run_start(id)
                    .map(|()| id)
                    .map_err(InstantiateError::Trap)
            }
            Ok(id) => store
                .run_start(id)
                .map(|()| id)
                .map_err(InstantiateError::Trap),
            Err(e) => Err(e),
        };
        match id {
            Ok(id) => {
                self.instances.push(Some(id));
                outln!("module ok");
            }
            Err(InstantiateError::Error(e)) => {
                io::error(&format!("{e}"));
                self.instances.push(None);
                outln!("module error");
            }
            Err(InstantiateError::Trap(t)) => {
                self.instances.push(None);
                outln!("module trap {:?}", t.kind);
            }
        }
    }

    fn invoke(&mut self, idx: &str, name: &str, args: &[&str]) {
        let (Some(id), Some(name)) = (self.instance(idx), hex_name(name)) else {
            return outln!("error");
        };
        let Some((_, store, _)) = self.store.as_mut() else {
            return outln!("error");
        };
        let Some(Extern::Func(func)) = store.export(id, &name) else {
            return outln!("error");
        };
        let Some(ty) = store.func_type(func) else {
            return outln!("error");
        };
        if args.len() != ty.params.len() {
            io::error(&format!(
                "invoke {name:?}: {} arguments for {} parameters",
                args.len(),
                ty.params.len()
            ));
            return outln!("error");
        }
        let mut bits = Vec::new();
        for (i, (arg, &param)) in args.iter().zip(&ty.params).enumerate() {
            match parse_arg(store, param, arg) {
                Some(b) => bits.push(b),
                None => {
                    io::error(&format!(
                        "invoke {name:?}: argument {i} `{arg}` is not a {} value",
                        param.name()
                    ));
                    return outln!("error");
                }
            }
        }
        match store.call(func, &bits) {
            Ok(results) => {
                let mut line = String::from("ok");
                for (ty, bits) in ty.results.iter().zip(results) {
                    line.push(' ');
                    line.push_str(&format_value(store, *ty, bits));
                }
                io::line(&line);
            }
            Err(trap) => outln!("trap {:?}", trap.kind),
        }
    }

    fn get(&mut self, idx: &str, name: &str) {
        let (Some(id), Some(name)) = (self.instance(idx), hex_name(name)) else {
            return outln!("error");
        };
        let Some((_, store, _)) = self.store.as_ref() else {
            return outln!("error");
        };
        match store.export(id, &name) {
            Some(Extern::Global(g)) => {
                let g = store.global(g);
                outln!("ok {}", format_value(store, g.ty().ty, g.get()));
            }
            _ => outln!("error"),
        }
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        for (debugger, _) in &self.debuggers {
            debugger.detach();
        }
        // Then the store; the debuggers and their states go after it, with the fields.
        self.store = None;
    }
}

/// Steps into every stop point, reading each stop's locals and operand stack (as the std
/// host's `wast --step`): the slow path and its interpreter run every instruction group.
struct Stepper;

impl DebugHook for Stepper {
    fn on_stop(&mut self, stop: &mut Stop<'_>) -> ResumeAction {
        let _ = stop.locals();
        let _ = stop.stack();
        ResumeAction::StepInto
    }
}

/// The bits of argument `arg`, which must be a value of type `ty`.
fn parse_arg(store: &mut Store, ty: ValType, arg: &str) -> Option<u64> {
    let (name, value) = arg.split_once(':')?;
    if name != ty.name() {
        return None;
    }
    match (ty, value) {
        (ValType::I32 | ValType::F32, v) => u32::from_str_radix(v, 16).ok().map(u64::from),
        (ValType::I64 | ValType::F64, v) => u64::from_str_radix(v, 16).ok(),
        (ValType::FuncRef | ValType::ExternRef, "null") => Some(0),
        (ValType::ExternRef, n) => {
            let n: u32 = n.parse().ok()?;
            Some(store.new_externref(Box::new(n)))
        }
        _ => None,
    }
}

pub fn format_value(store: &Store, ty: ValType, bits: u64) -> String {
    match ty {
        ValType::I32 => format!("i32:{:08x}", bits as u32),
        ValType::I64 => format!("i64:{bits:016x}"),
        ValType::F32 => format!("f32:{:08x}", bits as u32),
        ValType::F64 => format!("f64:{bits:016x}"),
        ValType::FuncRef if bits == 0 => "funcref:null".into(),
        ValType::FuncRef => "funcref:func".into(),
        ValType::ExternRef if bits == 0 => "externref:null".into(),
        ValType::ExternRef => match store.externref(bits).and_then(|v| v.downcast_ref::<u32>()) {
            Some(n) => format!("externref:{n}"),
            None => "externref:?".into(),
        },
    }
}
