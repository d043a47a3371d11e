//! Peak memory while compiling the generated module: each compilation runs alone in a child
//! process (this program, re-run with the hidden [`COMMAND`]), which reads its own peak
//! resident set size (`VmHWM` in `/proc/self/status`) once the module is compiled. V8's
//! Liftoff is measured the same way in a `node` process (`process.resourceUsage().maxRSS`).
//! The figures are whole-process peaks: they include the program and the module's bytes
//! (the `before` of the note), the same for both configurations.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, bail, Context};
use breakwater::{Config, Engine, Module};

use crate::gen::Generated;
use crate::{Options, Report};

/// The hidden command: `breakwater-bench __compile-peak-memory CONFIG WASM_FILE`, CONFIG
/// `no-debug` or `debug`. Prints `peak-memory PEAK BEFORE` (bytes), or `unavailable REASON`.
pub const COMMAND: &str = "__compile-peak-memory";

/// The node program: `peakmem.js WASM_FILE` compiles it once and prints as [`COMMAND`] does.
const NODE_DRIVER: &str = r#"'use strict';
const bytes = require('fs').readFileSync(process.argv[2]);
const before = process.memoryUsage().rss;
const m = new WebAssembly.Module(bytes);
if (!m) throw new Error('no module');
console.log(`peak-memory ${process.resourceUsage().maxRSS * 1024} ${before}`);
"#;

/// The same V8 flags as the compile throughput's: Liftoff only, eager, no module cache.
const V8_FLAGS: &[&str] = &[
    "--liftoff",
    "--no-wasm-tier-up",
    "--no-wasm-lazy-compilation",
    "--no-wasm-native-module-cache-enabled",
];

/// A process's peak and pre-compilation resident set sizes, in bytes.
#[derive(Clone, Copy, Debug)]
struct Peak {
    peak: f64,
    before: f64,
}

/// Reads a `kB` field of `/proc/self/status` as bytes.
fn status_bytes(field: &str) -> Result<f64, String> {
    let status = std::fs::read_to_string("/proc/self/status")
        .map_err(|e| format!("cannot read /proc/self/status: {e}"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().strip_suffix("kB"))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .map(|kb| kb * 1024.0)
        .ok_or_else(|| format!("no {field} in /proc/self/status"))
}

/// The child's side of [`COMMAND`] (`args` after it): the line to print.
pub fn child(args: &[String]) -> anyhow::Result<String> {
    let [config, path] = args else {
        bail!("usage: {COMMAND} no-debug|debug WASM_FILE");
    };
    let debug = match config.as_str() {
        "no-debug" => false,
        "debug" => true,
        other => bail!("no configuration {other}"),
    };
    let wasm = std::fs::read(path).with_context(|| format!("cannot read {path}"))?;
    let before = match status_bytes("VmRSS") {
        Ok(b) => b,
        Err(why) => return Ok(format!("unavailable {why}")),
    };
    let engine = Engine::new(Config::new().debug(debug))?;
    let module = Module::from_binary(&engine, &wasm)?;
    let peak = match status_bytes("VmHWM") {
        Ok(p) => p,
        Err(why) => return Ok(format!("unavailable {why}")),
    };
    drop(module);
    Ok(format!("peak-memory {peak} {before}"))
}

/// Parses a child's output.
fn parse(out: &str) -> anyhow::Result<Result<Peak, String>> {
    for line in out.lines() {
        if let Some(why) = line.strip_prefix("unavailable ") {
            return Ok(Err(why.to_string()));
        }
        if let Some(rest) = line.strip_prefix("peak-memory ") {
            let v: Vec<f64> = rest
                .split_whitespace()
                .map(str::parse)
                .collect::<Result<_, _>>()
                .map_err(|e| anyhow!("bad line {line:?}: {e}"))?;
            if let [peak, before] = v[..] {
                return Ok(Ok(Peak { peak, before }));
            }
        }
    }
    bail!("the child printed no `peak-memory` line: {out:?}")
}

/// Runs `program args` and parses what it prints.
fn run_child(program: &Path, args: &[&str]) -> anyhow::Result<Result<Peak, String>> {
    let out = Command::new(program)
        .args(args)
        .output()
        .with_context(|| format!("cannot run {}", program.display()))?;
    if !out.status.success() {
        bail!(
            "{} {args:?} failed: {}",
            program.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    parse(&String::from_utf8_lossy(&out.stdout))
        .with_context(|| format!("{} {args:?}", program.display()))
}

/// `compile/no-debug-peak-memory`, `compile/debug-peak-memory`, their ratio, and V8 Liftoff's.
pub fn compile_peak_memory(
    opts: &Options,
    large: &Generated,
    report: &mut Report,
) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("breakwater-bench-peakmem-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = measure(opts, large, &dir, report);
    std::fs::remove_dir_all(&dir).ok();
    result
}

fn measure(
    opts: &Options,
    large: &Generated,
    dir: &Path,
    report: &mut Report,
) -> anyhow::Result<()> {
    let wasm = dir.join("large.wasm");
    std::fs::write(&wasm, &large.wasm)?;
    let wasm_arg = wasm.to_str().ok_or_else(|| anyhow!("non-UTF-8 path"))?;
    let program: PathBuf = match &opts.program {
        Some(p) => p.clone(),
        None => std::env::current_exe()?,
    };
    let mut peaks = Vec::new();
    for config in ["no-debug", "debug"] {
        let name = format!("compile/{config}-peak-memory");
        match run_child(&program, &[COMMAND, config, wasm_arg])? {
            Ok(p) => {
                report.figure(&name, p.peak, "bytes");
                report.note(&format!(
                    "compile: {config}: {:.0} bytes resident before compiling",
                    p.before
                ));
                peaks.push(p.peak);
            }
            Err(why) => report.unavailable(&name, &why),
        }
    }
    if let [no_debug, debug] = peaks[..] {
        report.figure("compile/debug-peak-memory-ratio", debug / no_debug, "x");
    }
    let v8 = "compile/v8-liftoff-peak-memory";
    match &opts.node {
        None => report.unavailable(v8, "not selected"),
        Some(node) => match crate::peers::node_version(node) {
            Err(why) => report.unavailable(v8, &why),
            Ok(_) => {
                let driver = dir.join("peakmem.js");
                std::fs::write(&driver, NODE_DRIVER)?;
                let driver = driver.to_str().ok_or_else(|| anyhow!("non-UTF-8 path"))?;
                let mut args: Vec<&str> = V8_FLAGS.to_vec();
                args.extend([driver, wasm_arg]);
                match run_child(Path::new(node), &args)? {
                    Ok(p) => {
                        report.figure(v8, p.peak, "bytes");
                        if let Some(&debug) = peaks.get(1) {
                            report.figure(
                                "compile/debug-peak-memory-vs-v8-liftoff",
                                debug / p.peak,
                                "x",
                            );
                        }
                    }
                    Err(why) => report.unavailable(v8, &why),
                }
            }
        },
    }
    Ok(())
}
