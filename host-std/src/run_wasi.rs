//! Part of the `breakwater` program (not of the library): `run` on a WASI program.

use std::path::Path;

use breakwater::wasi::{self, WasiCtx, WasiCtxBuilder};
use breakwater::{Func, Module, Store};

use crate::RunError;

/// What `run` gives a WASI program besides its arguments.
pub struct WasiOptions {
    /// `HOST[::GUEST]`: the directories it may reach.
    pub dirs: Vec<String>,
    /// `NAME[=VAL]`: its environment variables.
    pub envs: Vec<String>,
    /// Whether it gets all of this process's environment variables.
    pub inherit_env: bool,
}

/// The context of a WASI program run as `file args...`, with this process's standard streams.
pub fn wasi_context(
    file: &Path,
    args: &[String],
    options: &WasiOptions,
) -> Result<WasiCtx, String> {
    let mut builder = WasiCtxBuilder::new();
    builder.arg(file).args(args).inherit_stdio();
    if options.inherit_env {
        builder.inherit_env();
    }
    for env in &options.envs {
        match env.split_once('=') {
            Some((name, value)) => builder.env(name, value),
            None => match std::env::var_os(env) {
                Some(value) => builder.env(env, value),
                None => &mut builder,
            },
        };
    }
    for dir in &options.dirs {
        let (host, guest) = dir.split_once("::").unwrap_or((dir, dir));
        builder
            .preopened_dir(host, guest)
            .map_err(|e| format!("cannot open directory {host}: {e}"))?;
    }
    Ok(builder.build())
}

/// Runs the program's `_start`: its `proc_exit` code, or how it trapped.
pub fn run_command(
    file: &Path,
    store: &mut Store<WasiCtx>,
    module: &Module,
    start: Func,
) -> Result<(), RunError> {
    let ty = start.ty(&*store);
    if !ty.params.is_empty() || !ty.results.is_empty() {
        return Err(RunError::Other(format!(
            "{}: `_start` must take and return nothing",
            file.display()
        )));
    }
    match start.call(&mut *store, &[], &mut []) {
        Ok(()) => Ok(()),
        Err(e) => {
            if let Some(code) = wasi::exit_code(&e) {
                return Err(RunError::Exit(code));
            }
            if let Some(trap) = e.as_trap() {
                let backtrace = crate::backtrace::format(file, module, trap);
                return Err(RunError::CommandTrap(format!(
                    "wasm trap: {trap}{backtrace}"
                )));
            }
            Err(RunError::Other(format!("{}: {e}", file.display())))
        }
    }
}
