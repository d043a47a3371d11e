//! Run time with and without debugging: `fib35` and `mixed`, every case interleaved with the
//! peers (V8 Liftoff, V8 TurboFan, wasmi, wasmtime) in the same rounds.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anyhow::{anyhow, bail, Context};
use breakwater::debug::{DebugHandle, ResumeAction};
use breakwater::{Config, Engine, Instance, Module, Store};

use crate::peers::{self, Runner};
use crate::{median, time_ms, Options, Report};

/// The fib35 program.
pub const FIB_WAT: &str = include_str!("../wat/fib.wat");
/// The mixed program.
pub const MIXED_WAT: &str = include_str!("../wat/mixed.wat");

/// A program to time: one exported `(i32) -> i32` function called with one argument.
#[derive(Clone, Debug)]
pub struct Program {
    /// The group name of its figures.
    pub group: &'static str,
    /// The module.
    pub wasm: Vec<u8>,
    /// The function to call.
    pub export: &'static str,
    /// The argument of a timed run.
    pub arg: i32,
    /// The argument of the warm-up run.
    pub warm_arg: i32,
}

/// What a debug case does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DebugCase {
    /// Compiled without debugging.
    NoDebug,
    /// Debug code, no debugger attached.
    Detached,
    /// A debugger attached, one breakpoint in a function that is never called.
    BpUnrelated,
    /// A debugger attached, one breakpoint in the hot function, on code that never runs.
    BpSame,
}

impl DebugCase {
    /// The case's name in the figures.
    pub fn name(self) -> &'static str {
        match self {
            DebugCase::NoDebug => "no-debug",
            DebugCase::Detached => "debug-detached",
            DebugCase::BpUnrelated => "debug-bp-unrelated",
            DebugCase::BpSame => "debug-bp-same",
        }
    }
}

/// Every Breakwater case: (name, what).
pub fn cases() -> Vec<(String, DebugCase)> {
    let mut out = vec![("no-debug".to_string(), DebugCase::NoDebug)];
    for case in [
        DebugCase::Detached,
        DebugCase::BpUnrelated,
        DebugCase::BpSame,
    ] {
        out.push((case.name().to_string(), case));
    }
    out
}

/// The function index and bytecode offset of the module's only `i32.const -1`: where the
/// `debug-bp-same` breakpoint goes.
pub fn marker(wasm: &[u8]) -> anyhow::Result<(u32, u32)> {
    let mut imported = 0u32;
    let mut defined = 0u32;
    let mut found = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload? {
            wasmparser::Payload::ImportSection(r) => {
                for imp in r.into_imports() {
                    if matches!(imp?.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            wasmparser::Payload::CodeSectionEntry(body) => {
                let mut ops = body.get_operators_reader()?;
                while !ops.eof() {
                    let at = ops.original_position() as u32;
                    if let wasmparser::Operator::I32Const { value: -1 } = ops.read()? {
                        found.push((imported + defined, at));
                    }
                }
                defined += 1;
            }
            _ => {}
        }
    }
    match found.as_slice() {
        [one] => Ok(*one),
        _ => bail!(
            "the module must have exactly one `i32.const -1`, it has {}",
            found.len()
        ),
    }
}

/// The index of export `name` (a function).
pub fn export_index(wasm: &[u8], name: &str) -> anyhow::Result<u32> {
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::ExportSection(r) = payload? {
            for e in r {
                let e = e?;
                if e.name == name && e.kind == wasmparser::ExternalKind::Func {
                    return Ok(e.index);
                }
            }
        }
    }
    bail!("no exported function {name}")
}

/// A Breakwater instance set up for `case`, and the count of stops its debugger saw (which
/// must stay 0: no case hits its breakpoint).
pub fn breakwater_runner(
    program: &Program,
    case: DebugCase,
) -> anyhow::Result<(Runner, Arc<AtomicU64>)> {
    breakwater_runner_at(program, case, None)
}

/// [`breakwater_runner`] with the `debug-bp-same` breakpoint at `bp_same` (function,
/// bytecode offset) instead of the module's only `i32.const -1` ([`marker`]).
pub fn breakwater_runner_at(
    program: &Program,
    case: DebugCase,
    bp_same: Option<(u32, u32)>,
) -> anyhow::Result<(Runner, Arc<AtomicU64>)> {
    let mut config = Config::new();
    config.debug(case != DebugCase::NoDebug);
    let engine = Engine::new(&config)?;
    let module = Module::from_binary(&engine, &program.wasm)?;
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[])?;
    let stops = Arc::new(AtomicU64::new(0));
    let mut handle: Option<DebugHandle> = None;
    if matches!(case, DebugCase::BpUnrelated | DebugCase::BpSame) {
        let seen = stops.clone();
        let h = instance.attach_debugger(&mut store, move |_| {
            seen.fetch_add(1, Ordering::Relaxed);
            ResumeAction::Continue
        })?;
        let (func, offset) = if case == DebugCase::BpSame {
            match bp_same {
                Some(at) => at,
                None => marker(&program.wasm)?,
            }
        } else {
            let other = export_index(&program.wasm, "other")?;
            (other, h.breakable_offsets(other)[1])
        };
        if !h.breakable_offsets(func).contains(&offset) {
            bail!("no breakable point at {offset:#x} in function {func}");
        }
        h.set_breakpoint(func, offset)?;
        handle = Some(h);
    }
    let f = instance.get_typed_func::<i32, i32>(&mut store, program.export)?;
    let (arg, warm_arg) = (program.arg, program.warm_arg);
    let runner: Runner = Box::new(move |warm: bool| {
        let _keep = (&handle, &instance);
        let a = if warm { warm_arg } else { arg };
        let (ms, r) = time_ms(|| f.call(&mut store, a));
        Ok((ms, r.map_err(|e| anyhow!("{e}"))?))
    });
    Ok((runner, stops))
}

/// Per-case medians and per-round ratios to `no-debug`, for the charts.
#[derive(Clone, Debug)]
pub struct RatioResults {
    /// The group.
    pub group: String,
    /// (case, median ratio to no-debug) of each debug case.
    pub ratios: Vec<(String, f64)>,
    /// (peer, median ratio of no-debug to the peer).
    pub peers: Vec<(String, f64)>,
}

/// fib(35) in every case.
pub fn fib35(opts: &Options, report: &mut Report) -> anyhow::Result<RatioResults> {
    let program = Program {
        group: "fib35",
        wasm: wat::parse_str(FIB_WAT)?,
        export: "fib",
        arg: opts.sizes.fib_n,
        warm_arg: 20.min(opts.sizes.fib_n),
    };
    report.note(&format!(
        "fib35: fib({}) run time, median of {} interleaved rounds",
        program.arg, opts.sizes.rounds
    ));
    run_program(opts, &program, report)
}

/// The mixed program in every case.
pub fn mixed(opts: &Options, report: &mut Report) -> anyhow::Result<RatioResults> {
    let program = Program {
        group: "mixed",
        wasm: wat::parse_str(MIXED_WAT)?,
        export: "run",
        arg: opts.sizes.mixed_iters,
        warm_arg: 1,
    };
    report.note(&format!(
        "mixed: run({}) (sort, hash, matrix multiply), median of {} interleaved rounds",
        program.arg, opts.sizes.rounds
    ));
    run_program(opts, &program, report)
}

fn run_program(
    opts: &Options,
    program: &Program,
    report: &mut Report,
) -> anyhow::Result<RatioResults> {
    let group = program.group;
    let mut names = Vec::new();
    let mut runners: Vec<Runner> = Vec::new();
    let mut stop_counts = Vec::new();
    for (name, case) in cases() {
        let (r, stops) =
            breakwater_runner(program, case).with_context(|| format!("{group}/{name}"))?;
        names.push(name);
        runners.push(r);
        stop_counts.push(stops);
    }
    let first_peer = names.len();
    for (name, r) in peers::runners(opts, program) {
        match r {
            Ok(r) => {
                names.push(name);
                runners.push(r);
            }
            Err(why) => report.unavailable(&format!("{group}/{name}"), &why),
        }
    }
    let times = timed_rounds(group, &names, &mut runners, opts.sizes.rounds)?;
    for (name, stops) in names.iter().zip(&stop_counts) {
        let s = stops.load(Ordering::Relaxed);
        if s != 0 {
            bail!("{group}/{name}: the breakpoint was hit {s} times (it must never be)");
        }
    }
    for (name, t) in names.iter().zip(&times) {
        report.figure(&format!("{group}/{name}"), median(t), "ms");
    }
    let ratio = |a: usize, b: usize| median_ratio(&times[a], &times[b]);
    let mut out = RatioResults {
        group: group.to_string(),
        ratios: Vec::new(),
        peers: Vec::new(),
    };
    for (i, name) in names.iter().enumerate().take(first_peer).skip(1) {
        let r = ratio(i, 0);
        report.figure(&format!("{group}/{name}-ratio"), r, "x");
        out.ratios.push((name.clone(), r));
    }
    for (i, name) in names.iter().enumerate().skip(first_peer) {
        let r = ratio(0, i);
        report.figure(&format!("{group}/no-debug-vs-{name}"), r, "x");
        out.peers.push((name.clone(), r));
    }
    Ok(out)
}

/// Runs every runner once to warm up (page faults, caches; a V8 runner warms up in its own
/// process), then `rounds` rounds of one timed run each, in an order rotated every round so
/// that no case always runs right after another. Every run must return what the first
/// runner's does. The milliseconds of each runner's runs, by round.
pub fn timed_rounds(
    group: &str,
    names: &[String],
    runners: &mut [Runner],
    rounds: usize,
) -> anyhow::Result<Vec<Vec<f64>>> {
    for (name, r) in names.iter().zip(runners.iter_mut()) {
        if !name.starts_with("v8-") {
            r(true).with_context(|| format!("{group}/{name} warm-up"))?;
        }
    }
    let expected = Some(runners[0](false)?.1);
    let mut times = vec![Vec::new(); names.len()];
    for round in 0..rounds.max(1) {
        let n = names.len();
        for k in 0..n {
            let i = (k + round) % n;
            let (ms, v) = runners[i](false).with_context(|| format!("{group}/{}", names[i]))?;
            if Some(v) != expected {
                bail!("{group}/{} returned {v}, expected {expected:?}", names[i]);
            }
            times[i].push(ms);
        }
    }
    Ok(times)
}

/// The median of the per-round ratios `a[i] / b[i]`.
pub fn median_ratio(a: &[f64], b: &[f64]) -> f64 {
    let per_round: Vec<f64> = a.iter().zip(b).map(|(x, y)| x / y).collect();
    median(&per_round)
}
