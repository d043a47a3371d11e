//! `wasi`: a real program, run as a WASI command. `bench/wasi/lz.c` (a compression round trip
//! over 1 MiB of generated text; `bench/wasi/build.sh` builds the checked-in `lz.wasm`) runs
//! in Breakwater as normal code and as debug code (no debugger attached), in V8's Liftoff
//! (node's `node:wasi`) and in wasmtime (`wasmtime-wasi`'s preview 1), interleaved in the same
//! rounds. Each run is a fresh instance whose `_start` is timed; the program makes a handful
//! of WASI calls (one line of output), so the time is the computation's.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{anyhow, bail, Context};
use breakwater::wasi::{self as bw_wasi, WasiCtx, WasiCtxBuilder};
use breakwater::{Config, Engine, Linker, Module, Store};

use crate::peers::{self, V8_LIFTOFF};
use crate::{median, time_ms, Options, Report};

/// The program.
pub const LZ_WASM: &[u8] = include_bytes!("../wasi/lz.wasm");

/// Runs the program once: (milliseconds of `_start`, what it printed).
type WasiRunner = Box<dyn FnMut() -> anyhow::Result<(f64, String)>>;

/// node's side: `WASM ROUNDS OUT` runs the program once to warm up, then once timed, its
/// standard output going to OUT; prints `MS EXIT_CODE`.
const DRIVER: &str = r#"'use strict';
const fs = require('fs');
const { WASI } = require('node:wasi');
const [path, rounds, outPath] = process.argv.slice(2);
const wasmModule = new WebAssembly.Module(fs.readFileSync(path));
let line = '';
for (let i = 0; i < 2; i++) {
  const fd = fs.openSync(outPath, 'w');
  const wasi = new WASI({ version: 'preview1', args: ['lz', rounds], env: {}, stdout: fd,
                          returnOnExit: true });
  const instance = new WebAssembly.Instance(wasmModule, wasi.getImportObject());
  const t0 = process.hrtime.bigint();
  const code = wasi.start(instance);
  const t1 = process.hrtime.bigint();
  fs.closeSync(fd);
  line = `${Number(t1 - t0) / 1e6} ${code}`;
}
console.log(line);
"#;

/// Where a run's standard output goes.
fn output_file(name: &str) -> anyhow::Result<PathBuf> {
    peers::write_wasm(&format!("wasi-{name}.out"), b"")
}

fn breakwater_runner(debug: bool, rounds: &str) -> anyhow::Result<WasiRunner> {
    let engine = Engine::new(Config::new().debug(debug))?;
    let module = Module::from_binary(&engine, LZ_WASM)?;
    let mut linker = Linker::new(&engine);
    bw_wasi::add_to_linker(&mut linker, |ctx: &mut WasiCtx| ctx)?;
    let out = output_file(if debug {
        "breakwater-debug"
    } else {
        "breakwater"
    })?;
    let rounds = rounds.to_string();
    Ok(Box::new(move || {
        let file = std::fs::File::create(&out)?;
        let ctx = WasiCtxBuilder::new()
            .args(["lz", &rounds])
            .stdout(file)
            .build();
        let mut store = Store::new(&engine, ctx);
        let instance = linker.instantiate(&mut store, &module)?;
        let start = instance.get_typed_func::<(), ()>(&mut store, "_start")?;
        let (ms, r) = time_ms(|| start.call(&mut store, ()));
        match r {
            Ok(()) => {}
            Err(e) if bw_wasi::exit_code(&e) == Some(0) => {}
            Err(e) => bail!("{e}"),
        }
        Ok((ms, std::fs::read_to_string(&out)?))
    }))
}

fn v8_runner(node: &str, rounds: &str) -> anyhow::Result<WasiRunner> {
    peers::node_version(node).map_err(|e| anyhow!(e))?;
    let wasm = peers::write_wasm("lz.wasm", LZ_WASM)?;
    // The scratch directory takes any file: the driver goes beside the module.
    let driver = peers::write_wasm("wasi-driver.cjs", DRIVER.as_bytes())?;
    let out = output_file("v8")?;
    let (node, rounds) = (node.to_string(), rounds.to_string());
    Ok(Box::new(move || {
        let result = Command::new(&node)
            .args(V8_LIFTOFF)
            .arg("--no-warnings")
            .arg(&driver)
            .arg(&wasm)
            .arg(&rounds)
            .arg(&out)
            .output()
            .with_context(|| format!("cannot run {node}"))?;
        if !result.status.success() {
            bail!("node failed: {}", String::from_utf8_lossy(&result.stderr));
        }
        let line = String::from_utf8_lossy(&result.stdout).trim().to_string();
        let (ms, code) = line
            .split_once(' ')
            .ok_or_else(|| anyhow!("node printed {line:?}"))?;
        if code != "0" {
            bail!("the program exited with {code} under node");
        }
        Ok((ms.parse()?, std::fs::read_to_string(&out)?))
    }))
}

#[cfg(feature = "wasmtime-wasi")]
fn wasmtime_runner(rounds: &str) -> anyhow::Result<WasiRunner> {
    use wasmtime_wasi::p1::{self, WasiP1Ctx};
    use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
    let engine = wasmtime::Engine::default();
    let module = wasmtime::Module::new(&engine, LZ_WASM).map_err(|e| anyhow!("{e}"))?;
    let mut linker = wasmtime::Linker::<WasiP1Ctx>::new(&engine);
    p1::add_to_linker_sync(&mut linker, |ctx| ctx).map_err(|e| anyhow!("{e}"))?;
    let rounds = rounds.to_string();
    Ok(Box::new(move || {
        let stdout = MemoryOutputPipe::new(1 << 16);
        let ctx = wasmtime_wasi::WasiCtxBuilder::new()
            .args(&["lz", &rounds])
            .stdout(stdout.clone())
            .build_p1();
        let mut store = wasmtime::Store::new(&engine, ctx);
        let instance = linker
            .instantiate(&mut store, &module)
            .map_err(|e| anyhow!("{e}"))?;
        let start = instance
            .get_typed_func::<(), ()>(&mut store, "_start")
            .map_err(|e| anyhow!("{e}"))?;
        let (ms, r) = time_ms(|| start.call(&mut store, ()));
        match r {
            Ok(()) => {}
            Err(e) => match e.downcast_ref::<wasmtime_wasi::I32Exit>() {
                Some(exit) if exit.0 == 0 => {}
                _ => bail!("{e}"),
            },
        }
        drop(store);
        Ok((ms, String::from_utf8_lossy(&stdout.contents()).into_owned()))
    }))
}

#[cfg(not(feature = "wasmtime-wasi"))]
fn wasmtime_runner(_: &str) -> anyhow::Result<WasiRunner> {
    bail!("built without the wasmtime-wasi feature")
}

/// The `wasi` group.
pub fn wasi(opts: &Options, report: &mut Report) -> anyhow::Result<()> {
    let full = opts.sizes.fib_n >= 30;
    let rounds = if full { "4" } else { "1" };
    report.note(&format!(
        "wasi: lz.wasm {rounds} (a compression round trip of 1 MiB, {rounds} times) run as a WASI \
         command, _start timed, median of {} interleaved rounds",
        opts.sizes.rounds
    ));
    let mut names = vec!["no-debug".to_string(), "debug-detached".to_string()];
    let mut runners = vec![
        breakwater_runner(false, rounds).context("wasi/no-debug")?,
        breakwater_runner(true, rounds).context("wasi/debug-detached")?,
    ];
    let first_peer = names.len();
    let mut peers: Vec<(&str, anyhow::Result<WasiRunner>)> = Vec::new();
    match &opts.node {
        Some(node) => peers.push(("v8-liftoff", v8_runner(node, rounds))),
        None => peers.push(("v8-liftoff", Err(anyhow!("not selected")))),
    }
    if opts.rust_peers {
        peers.push(("wasmtime", wasmtime_runner(rounds)));
    } else {
        peers.push(("wasmtime", Err(anyhow!("not selected"))));
    }
    for (name, r) in peers {
        match r {
            Ok(r) => {
                names.push(name.to_string());
                runners.push(r);
            }
            Err(e) => report.unavailable(&format!("wasi/{name}"), &e.to_string()),
        }
    }
    // Warm up, and find what every engine must print.
    let mut expected = None;
    for (name, r) in names.iter().zip(runners.iter_mut()) {
        let (_, out) = r().with_context(|| format!("wasi/{name} warm-up"))?;
        check_output(name, &out, &mut expected)?;
    }
    let mut times = vec![Vec::new(); names.len()];
    for round in 0..opts.sizes.rounds.max(1) {
        let n = names.len();
        for k in 0..n {
            let i = (k + round) % n;
            let (ms, out) = runners[i]().with_context(|| format!("wasi/{}", names[i]))?;
            check_output(&names[i], &out, &mut expected)?;
            times[i].push(ms);
        }
    }
    for (name, t) in names.iter().zip(&times) {
        report.figure(&format!("wasi/{name}"), median(t), "ms");
    }
    let ratio = |a: usize, b: usize| -> f64 {
        let per_round: Vec<f64> = times[a].iter().zip(&times[b]).map(|(x, y)| x / y).collect();
        median(&per_round)
    };
    report.figure("wasi/debug-detached-ratio", ratio(1, 0), "x");
    for (i, name) in names.iter().enumerate().skip(first_peer) {
        report.figure(&format!("wasi/no-debug-vs-{name}"), ratio(0, i), "x");
    }
    Ok(())
}

/// Every engine must print the same line, the one that says the round trip checked out.
fn check_output(name: &str, out: &str, expected: &mut Option<String>) -> anyhow::Result<()> {
    if !out.starts_with("lz: ") {
        bail!("wasi/{name} printed {out:?}");
    }
    match expected {
        Some(e) if e != out => bail!("wasi/{name} printed {out:?}, expected {e:?}"),
        Some(_) => Ok(()),
        None => {
            *expected = Some(out.to_string());
            Ok(())
        }
    }
}
