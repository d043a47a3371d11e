//! What debugging costs besides run time, on the large generated module: compile throughput and
//! code size, setting and clearing breakpoints, single steps, and memory per debugged instance.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Barrier};
use std::time::Instant;

use anyhow::{anyhow, bail};
use breakwater::debug::ResumeAction;
use breakwater::{Config, Engine, Instance, Module, Store};

use crate::debuginfo::{debug_tables, DebugTableFigures};
use crate::gen::Generated;
use crate::{median, peers, time_ms, Options, Report};

/// The compile configurations: (name, debug).
const CONFIGS: &[(&str, bool)] = &[("no-debug", false), ("debug", true)];

fn engine(debug: bool, parallel: bool) -> anyhow::Result<Engine> {
    let mut config = Config::new();
    config.debug(debug).parallel_compilation(parallel);
    Ok(Engine::new(&config)?)
}

/// Compiles `large` once on one thread in configuration `name` (see `CONFIGS`): (ms, code
/// bytes, breakable points).
pub fn compile_once(name: &str, large: &Generated) -> anyhow::Result<(f64, usize, usize)> {
    let &(_, debug) = CONFIGS
        .iter()
        .find(|c| c.0 == name)
        .ok_or_else(|| anyhow!("no configuration {name}"))?;
    let engine = engine(debug, false)?;
    let (ms, m) = time_ms(|| Module::from_binary(&engine, &large.wasm));
    let m = m?;
    Ok((ms, m.code_range().1, debug_tables(&m).machine_sites))
}

/// Compile throughput, code size and bytes per breakable point.
pub fn compile(opts: &Options, large: &Generated, report: &mut Report) -> anyhow::Result<()> {
    let input = large.code_section_bytes as f64;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    report.note(&format!(
        "compile: a generated module of {} functions, {} bytes of code section; MB = 10^6 bytes; \
         1thread = Config::parallel_compilation(false), all-threads = {threads} threads; \
         median of {} interleaved compilations (V8: one node process per compilation)",
        large.functions, large.code_section_bytes, opts.sizes.compile_reps
    ));
    report.figure("compile/input-code-section", input, "bytes");
    // Breakwater's cases, then V8's (None: V8 is unavailable and the reason is reported).
    let mut cases: Vec<(String, Option<Engine>)> = Vec::new();
    for &(name, debug) in CONFIGS {
        for (suffix, parallel) in [("1thread", false), ("all-threads", true)] {
            cases.push((format!("{name}-{suffix}"), Some(engine(debug, parallel)?)));
        }
    }
    let ours = cases.len();
    let v8 = match &opts.node {
        Some(node) => match peers::node_version(node) {
            Ok(_) => Some((node.clone(), peers::write_wasm("large.wasm", &large.wasm)?)),
            Err(e) => {
                report.unavailable("compile/v8-liftoff-all-threads", &e);
                None
            }
        },
        None => {
            report.unavailable("compile/v8-liftoff-all-threads", "not selected");
            None
        }
    };
    if v8.is_some() {
        cases.push(("v8-liftoff-1thread".into(), None));
        cases.push(("v8-liftoff-all-threads".into(), None));
    }
    let mut times = vec![Vec::new(); cases.len()];
    let mut code = vec![0usize; ours];
    let mut tables = vec![DebugTableFigures::default(); ours];
    for rep in 0..opts.sizes.compile_reps.max(1) {
        for k in 0..cases.len() {
            let i = (k + rep) % cases.len();
            match (&cases[i].1, &v8) {
                (Some(engine), _) => {
                    let (ms, m) = time_ms(|| Module::from_binary(engine, &large.wasm));
                    let m = m?;
                    times[i].push(ms);
                    code[i] = m.code_range().1;
                    tables[i] = debug_tables(&m);
                }
                (None, Some((node, path))) => {
                    let one = cases[i].0.ends_with("1thread");
                    let t = peers::v8_compile(node, path, 1, one)?;
                    times[i].push(t[0]);
                }
                (None, None) => unreachable!(),
            }
        }
    }
    let mbs = |t: f64| input / 1e6 / (t / 1e3);
    for (i, (name, _)) in cases.iter().enumerate() {
        report.figure(&format!("compile/{name}"), mbs(median(&times[i])), "MB/s");
    }
    if v8.is_some() {
        // Throughput relative to V8's Liftoff on as many threads, per round.
        for (i, (name, _)) in cases.iter().enumerate().take(ours) {
            let j = if name.ends_with("1thread") {
                ours
            } else {
                ours + 1
            };
            let per_round: Vec<f64> = times[j].iter().zip(&times[i]).map(|(v, b)| v / b).collect();
            report.figure(
                &format!("compile/{name}-vs-v8-liftoff"),
                median(&per_round),
                "x",
            );
        }
    }
    // Sizes do not depend on threads: the 1thread cases' (even indices).
    let no_debug = code[0] as f64;
    for (c, &(name, debug)) in CONFIGS.iter().enumerate() {
        let i = 2 * c;
        if code[i] != code[i + 1] {
            bail!(
                "{name}: {} bytes of code on one thread, {} on all",
                code[i],
                code[i + 1]
            );
        }
        report.figure(&format!("compile/{name}-code"), code[i] as f64, "bytes");
        report.figure(
            &format!("compile/{name}-code-per-input"),
            code[i] as f64 / input,
            "x",
        );
        if debug {
            report.figure(
                &format!("compile/{name}-size-ratio"),
                code[i] as f64 / no_debug,
                "x",
            );
            let t = tables[i];
            report.figure(
                &format!("compile/{name}-bytes-per-site"),
                (code[i] as f64 - no_debug) / t.machine_sites.max(1) as f64,
                "bytes",
            );
            report.figure(
                &format!("compile/{name}-table-bytes-per-site"),
                t.table_bytes as f64 / t.machine_sites as f64,
                "bytes",
            );
            report.note(&format!(
                "compile: {name}: {} machine sites, {} bytes kept per module for debugging \
                 (site tables are regenerated on demand, per function)",
                t.machine_sites, t.table_bytes
            ));
        }
    }
    Ok(())
}

/// A debug instance of `wasm` with a debugger whose hook counts stops and answers `action`.
struct Debugged {
    store: Store<()>,
    instance: Instance,
    handle: breakwater::debug::DebugHandle,
    module: Module,
    stops: Arc<AtomicU64>,
}

fn debugged(engine: &Engine, module: &Module, action: ResumeAction) -> anyhow::Result<Debugged> {
    let mut store = Store::new(engine, ());
    let instance = Instance::new(&mut store, module, &[])?;
    let stops = Arc::new(AtomicU64::new(0));
    let seen = stops.clone();
    let handle = instance.attach_debugger(&mut store, move |_| {
        seen.fetch_add(1, Ordering::Relaxed);
        action
    })?;
    Ok(Debugged {
        store,
        instance,
        handle,
        module: module.clone(),
        stops,
    })
}

/// Microseconds per breakpoint set and cleared, by function offset and by code offset.
pub fn breakpoints(opts: &Options, large: &Generated, report: &mut Report) -> anyhow::Result<()> {
    let engine = engine(true, true)?;
    let module = Module::from_binary(&engine, &large.wasm)?;
    let d = debugged(&engine, &module, ResumeAction::Continue)?;
    // One breakpoint per sampled function (its middle stop point), evenly spread over the
    // module: every function's size and position. The first breakpoint in a function
    // regenerates its site tables (a recompile, then cached per module): timed apart.
    let funcs = large.functions;
    let n = opts.sizes.bp_ops.clamp(1, funcs);
    let t = Instant::now();
    let points: Vec<(u32, u32)> = (0..n)
        .map(|k| (k * funcs / n) as u32)
        .map(|f| {
            let offs = d.handle.breakable_offsets(f);
            (f, offs[offs.len() / 2])
        })
        .collect();
    report.figure(
        "breakpoint/first-in-function",
        t.elapsed().as_secs_f64() * 1e6 / n as f64,
        "us",
    );
    let code_start = code_section_start(&large.wasm)?;
    report.note(&format!(
        "breakpoint: {n} breakpoints, one in each of {n} functions spread over the generated \
         module, set then cleared, median of {} rounds; first-in-function: regenerating a \
         function's site tables (a recompile), once per function and module",
        opts.sizes.bp_rounds
    ));
    let (mut set, mut clear, mut set_co, mut clear_co) = (vec![], vec![], vec![], vec![]);
    for _ in 0..opts.sizes.bp_rounds.max(1) {
        let t = Instant::now();
        for &(f, o) in &points {
            d.handle.set_breakpoint(f, o)?;
        }
        set.push(t.elapsed().as_secs_f64() * 1e6 / n as f64);
        let t = Instant::now();
        for &(f, o) in &points {
            if !d.handle.clear_breakpoint(f, o)? {
                bail!("breakpoint ({f}, {o:#x}) was not set");
            }
        }
        clear.push(t.elapsed().as_secs_f64() * 1e6 / n as f64);
        let t = Instant::now();
        for &(_, o) in &points {
            d.handle.set_breakpoint_at_code_offset(o - code_start)?;
        }
        set_co.push(t.elapsed().as_secs_f64() * 1e6 / n as f64);
        let t = Instant::now();
        for &(_, o) in &points {
            d.handle.clear_breakpoint_at_code_offset(o - code_start)?;
        }
        clear_co.push(t.elapsed().as_secs_f64() * 1e6 / n as f64);
        if !d.handle.breakpoints().is_empty() {
            bail!("breakpoints left after clearing them all");
        }
    }
    report.figure("breakpoint/set", median(&set), "us");
    report.figure("breakpoint/clear", median(&clear), "us");
    report.figure("breakpoint/set-by-code-offset", median(&set_co), "us");
    report.figure("breakpoint/clear-by-code-offset", median(&clear_co), "us");
    let _ = (&d.store, &d.instance, &d.stops, &d.module);
    Ok(())
}

/// Where the code section's contents start in `wasm`: code offsets (as in DWARF) count from
/// there.
fn code_section_start(wasm: &[u8]) -> anyhow::Result<u32> {
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::CodeSectionStart {
            unchecked_range, ..
        } = payload?
        {
            return Ok(unchecked_range.start as u32);
        }
    }
    bail!("the module has no code section")
}

/// The stepping test's loop.
const LOOP: &str = r#"(module
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $top
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $top)))
    (local.get $acc)))"#;

/// Steps per second with a hook that always says StepInto, over `sum(n)` (function `func`).
fn step_rate(
    engine: &Engine,
    wasm: &[u8],
    func: u32,
    n: i32,
    rounds: usize,
) -> anyhow::Result<f64> {
    let module = Module::new(engine, wasm)?;
    let mut d = debugged(engine, &module, ResumeAction::StepInto)?;
    let sum = d.instance.get_typed_func::<i32, i32>(&mut d.store, "sum")?;
    let first = d.handle.breakable_offsets(func)[1];
    let mut rates = Vec::new();
    for _ in 0..rounds.max(1) {
        d.handle.set_breakpoint(func, first)?;
        d.stops.store(0, Ordering::Relaxed);
        let (ms, r) = time_ms(|| sum.call(&mut d.store, n));
        let want = (n as i64 * (n as i64 + 1) / 2) as i32;
        if r.map_err(|e| anyhow!("{e}"))? != want {
            bail!("sum({n}) under stepping is wrong");
        }
        let steps = d.stops.load(Ordering::Relaxed) as f64;
        if steps < 12.0 * n as f64 {
            bail!("only {steps} steps in sum({n})");
        }
        rates.push(steps / (ms / 1e3));
        d.handle.clear_breakpoint(func, first)?;
    }
    Ok(median(&rates))
}

/// Single steps per second.
pub fn step(opts: &Options, large: &Generated, report: &mut Report) -> anyhow::Result<()> {
    let s = &opts.sizes;
    report.note(&format!(
        "step: StepInto at every stop over sum({}) (the stepping test's loop, about 12 steps an \
         iteration); rate-large-module: the same loop as the last function of the generated \
         module, sum({})",
        s.step_n, s.step_n_large
    ));
    let rounds = s.rounds.min(5);
    let default = engine(true, true)?;
    let wasm = wat::parse_str(LOOP)?;
    let small_rate = step_rate(&default, &wasm, 0, s.step_n, rounds)?;
    report.figure("step/rate", small_rate, "steps/s");
    let large_rate = step_rate(&default, &large.wasm, large.sum, s.step_n_large, rounds)?;
    report.figure("step/rate-large-module", large_rate, "steps/s");
    // How many times slower a step is in the large module (1: a step costs the same).
    report.figure("step/large-module-slowdown", small_rate / large_rate, "x");
    Ok(())
}

/// Memory of N debugged instances: (N, code bytes, debugger data bytes).
#[derive(Clone, Debug, Default)]
pub struct MemoryResults {
    /// One point per instance count.
    pub points: Vec<(usize, usize, usize)>,
}

/// Code bytes and debugger data bytes for N instances debugged on N threads at once.
pub fn memory(
    opts: &Options,
    large: &Generated,
    report: &mut Report,
) -> anyhow::Result<MemoryResults> {
    let engine = engine(true, true)?;
    let module = Module::from_binary(&engine, &large.wasm)?;
    let tables = debug_tables(&module).table_bytes;
    report.note(
        "memory: the generated module compiled with debugging once; N threads each instantiate \
         it, attach a debugger, set a breakpoint in `leaf`, run to it and hold it; code bytes \
         = Module::code_range().1, debug data = the sum of DebugHandle::data_bytes; \
         shared-debug-tables = the module's breakable-point table (once per module)",
    );
    report.figure("memory/shared-debug-tables", tables as f64, "bytes");
    let mut out = MemoryResults::default();
    for &n in &opts.sizes.instances {
        let barrier = Arc::new(Barrier::new(n + 1));
        let (tx, rx) = mpsc::channel();
        let leaf = large.leaf;
        let threads: Vec<_> = (0..n)
            .map(|_| {
                let (engine, module, barrier, tx) =
                    (engine.clone(), module.clone(), barrier.clone(), tx.clone());
                std::thread::spawn(move || -> anyhow::Result<()> {
                    let r = (|| {
                        let mut d = debugged(&engine, &module, ResumeAction::Continue)?;
                        let first = d.handle.breakable_offsets(leaf)[1];
                        d.handle.set_breakpoint(leaf, first)?;
                        let f = d
                            .instance
                            .get_typed_func::<i32, i32>(&mut d.store, "leaf")?;
                        f.call(&mut d.store, 3).map_err(|e| anyhow!("{e}"))?;
                        if d.stops.load(Ordering::Relaxed) != 1 {
                            bail!("the breakpoint in leaf was not hit once");
                        }
                        Ok((d, module.code_range().1))
                    })();
                    let sent = match &r {
                        Ok((d, code)) => Ok((*code, d.handle.data_bytes())),
                        Err(e) => Err(e.to_string()),
                    };
                    tx.send(sent).ok();
                    // Every instance stays alive until all are counted.
                    barrier.wait();
                    r.map(|_| ())
                })
            })
            .collect();
        drop(tx);
        let mut code = None;
        let mut data = 0usize;
        let mut error = None;
        for _ in 0..n {
            match rx.recv()? {
                Ok((c, d)) => {
                    if code.is_some_and(|x| x != c) {
                        error = Some(anyhow!("instances see different code sizes"));
                    }
                    code = Some(c);
                    data += d;
                }
                Err(e) => error = Some(anyhow!(e)),
            }
        }
        barrier.wait();
        for t in threads {
            t.join().map_err(|_| anyhow!("a thread panicked"))??;
        }
        if let Some(e) = error {
            return Err(e);
        }
        let code = code.unwrap_or(0);
        report.figure(
            &format!("memory/instances-{n}"),
            (code + data) as f64,
            "bytes",
        );
        report.figure(&format!("memory/instances-{n}-code"), code as f64, "bytes");
        report.figure(
            &format!("memory/instances-{n}-debug-data"),
            data as f64,
            "bytes",
        );
        out.points.push((n, code, data));
    }
    if let Some(&(n, _, data)) = out.points.first() {
        report.figure(
            "memory/debug-data-per-instance",
            (data / n.max(1)) as f64,
            "bytes",
        );
    }
    Ok(out)
}
