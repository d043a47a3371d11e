//! The peers: V8 (through `node`, Liftoff only and TurboFan only), wasmi and wasmtime, each
//! running the same `.wasm` as Breakwater.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, bail, Context};

use crate::runtime::Program;
use crate::{time_ms, Options};

/// Runs a program once (`true`: the warm-up argument) and returns (milliseconds, result).
pub type Runner = Box<dyn FnMut(bool) -> anyhow::Result<(f64, i32)>>;

/// V8's Liftoff only: the baseline compiler, never tiering up.
pub const V8_LIFTOFF: &[&str] = &["--liftoff", "--no-wasm-tier-up"];
/// V8's TurboFan only.
pub const V8_TURBOFAN: &[&str] = &["--no-liftoff"];

/// The node driver: `run WASM EXPORT ARG WARM_ARG REPS` prints `MS RESULT` per rep (after one
/// warm-up call); `compile WASM REPS` prints the milliseconds of each synchronous compilation.
const DRIVER: &str = r#"'use strict';
const fs = require('fs');
const [mode, path, ...rest] = process.argv.slice(2);
const bytes = fs.readFileSync(path);
const out = [];
if (mode === 'run') {
  const [name, arg, warm, reps] = rest;
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const f = inst.exports[name];
  f(Number(warm));
  for (let i = 0; i < Number(reps); i++) {
    const t0 = process.hrtime.bigint();
    const r = f(Number(arg));
    const t1 = process.hrtime.bigint();
    out.push(`${Number(t1 - t0) / 1e6} ${r}`);
  }
} else if (mode === 'compile') {
  const [reps] = rest;
  for (let i = 0; i < Number(reps); i++) {
    const t0 = process.hrtime.bigint();
    const m = new WebAssembly.Module(bytes);
    const t1 = process.hrtime.bigint();
    if (!m) throw new Error('no module');
    out.push(`${Number(t1 - t0) / 1e6}`);
  }
}
console.log(out.join('\n'));
"#;

/// A scratch directory for the driver and the modules.
fn scratch() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("breakwater-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let driver = dir.join("driver.js");
    if !driver.exists() {
        std::fs::write(&driver, DRIVER)?;
    }
    Ok(dir)
}

/// Removes the scratch directory.
pub fn cleanup() {
    let dir = std::env::temp_dir().join(format!("breakwater-bench-{}", std::process::id()));
    std::fs::remove_dir_all(dir).ok();
}

/// Writes `wasm` to the scratch directory as `name`.
pub fn write_wasm(name: &str, wasm: &[u8]) -> anyhow::Result<PathBuf> {
    let path = scratch()?.join(name);
    std::fs::write(&path, wasm)?;
    Ok(path)
}

/// Whether `node` runs; its version.
pub fn node_version(node: &str) -> Result<String, String> {
    let out = Command::new(node)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {node}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{node} --version failed"));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn node_run(node: &str, flags: &[&str], args: &[String]) -> anyhow::Result<String> {
    let driver = scratch()?.join("driver.js");
    let out = Command::new(node)
        .args(flags)
        .arg(&driver)
        .args(args)
        .output()
        .with_context(|| format!("cannot run {node}"))?;
    if !out.status.success() {
        bail!(
            "node {flags:?} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A runner that starts `node` with `flags` for each run: the time is measured inside node,
/// after a warm-up call in the same process.
fn v8_runner(node: &str, flags: &'static [&'static str], path: &Path, p: &Program) -> Runner {
    let node = node.to_string();
    let args = vec![
        "run".to_string(),
        path.display().to_string(),
        p.export.to_string(),
        p.arg.to_string(),
        p.warm_arg.to_string(),
        "1".to_string(),
    ];
    Box::new(move |_warm| {
        let out = node_run(&node, flags, &args)?;
        let line = out
            .lines()
            .next()
            .ok_or_else(|| anyhow!("node printed nothing"))?;
        let (ms, r) = line
            .split_once(' ')
            .ok_or_else(|| anyhow!("node printed {line:?}"))?;
        Ok((ms.parse()?, r.parse()?))
    })
}

/// Milliseconds of each of `reps` synchronous compilations of `path` by V8's Liftoff (eager,
/// not lazy; V8's cache of compiled modules off, or every compilation after the first would
/// find the module compiled), on one thread or on V8's background threads too.
pub fn v8_compile(
    node: &str,
    path: &Path,
    reps: usize,
    one_thread: bool,
) -> anyhow::Result<Vec<f64>> {
    let mut flags = vec![
        "--liftoff",
        "--no-wasm-tier-up",
        "--no-wasm-lazy-compilation",
        "--no-wasm-native-module-cache-enabled",
    ];
    if one_thread {
        flags.push("--single-threaded");
    }
    let out = node_run(
        node,
        &flags,
        &[
            "compile".to_string(),
            path.display().to_string(),
            reps.to_string(),
        ],
    )?;
    out.lines()
        .map(|l| {
            l.trim()
                .parse::<f64>()
                .map_err(|e| anyhow!("node printed {l:?}: {e}"))
        })
        .collect()
}

fn wasmi_runner(p: &Program) -> anyhow::Result<Runner> {
    let engine = wasmi::Engine::default();
    let module = wasmi::Module::new(&engine, &p.wasm).map_err(|e| anyhow!("{e}"))?;
    let mut store = wasmi::Store::new(&engine, ());
    let linker = wasmi::Linker::<()>::new(&engine);
    let instance = linker
        .instantiate_and_start(&mut store, &module)
        .map_err(|e| anyhow!("{e}"))?;
    let f = instance
        .get_typed_func::<i32, i32>(&store, p.export)
        .map_err(|e| anyhow!("{e}"))?;
    let (arg, warm_arg) = (p.arg, p.warm_arg);
    Ok(Box::new(move |warm| {
        let a = if warm { warm_arg } else { arg };
        let (ms, r) = time_ms(|| f.call(&mut store, a));
        Ok((ms, r.map_err(|e| anyhow!("{e}"))?))
    }))
}

#[cfg(feature = "wasmtime")]
fn wasmtime_runner(p: &Program) -> anyhow::Result<Runner> {
    let engine = wasmtime::Engine::default();
    let module = wasmtime::Module::new(&engine, &p.wasm).map_err(|e| anyhow!("{e}"))?;
    let mut store = wasmtime::Store::new(&engine, ());
    let instance = wasmtime::Instance::new(&mut store, &module, &[]).map_err(|e| anyhow!("{e}"))?;
    let f = instance
        .get_typed_func::<i32, i32>(&mut store, p.export)
        .map_err(|e| anyhow!("{e}"))?;
    let (arg, warm_arg) = (p.arg, p.warm_arg);
    Ok(Box::new(move |warm| {
        let a = if warm { warm_arg } else { arg };
        let (ms, r) = time_ms(|| f.call(&mut store, a));
        Ok((ms, r.map_err(|e| anyhow!("{e}"))?))
    }))
}

#[cfg(not(feature = "wasmtime"))]
fn wasmtime_runner(_: &Program) -> anyhow::Result<Runner> {
    bail!("built without the wasmtime feature")
}

/// Every peer's runner for `p`, or why it cannot run.
pub fn runners(opts: &Options, p: &Program) -> Vec<(String, Result<Runner, String>)> {
    let mut out = Vec::new();
    match &opts.node {
        None => {
            for name in ["v8-liftoff", "v8-turbofan"] {
                out.push((name.to_string(), Err("not selected".to_string())));
            }
        }
        Some(node) => {
            let ready = node_version(node).and_then(|_| {
                write_wasm(&format!("{}.wasm", p.group), &p.wasm).map_err(|e| e.to_string())
            });
            for (name, flags) in [("v8-liftoff", V8_LIFTOFF), ("v8-turbofan", V8_TURBOFAN)] {
                let r = ready.clone().map(|path| v8_runner(node, flags, &path, p));
                out.push((name.to_string(), r));
            }
        }
    }
    if opts.rust_peers {
        out.push(("wasmi".into(), wasmi_runner(p).map_err(|e| e.to_string())));
        out.push((
            "wasmtime".into(),
            wasmtime_runner(p).map_err(|e| e.to_string()),
        ));
    } else {
        for name in ["wasmi", "wasmtime"] {
            out.push((name.to_string(), Err("not selected".to_string())));
        }
    }
    out
}
