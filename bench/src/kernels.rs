//! Real compute kernels: C code written by others (hashes, ciphers, compression, sorting,
//! image encoding, noise), compiled with clang to Wasm 1.0 and checked in under
//! `bench/kernels/` (its README says where each comes from, under which license, and how
//! `build.sh` builds it). Each kernel exports `run(n) -> i32`, returning a checksum every engine
//! must agree on. Each is measured as fib35 is, in interleaved rounds; the geometric means over
//! the kernels summarize them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::{anyhow, bail, Context};
use breakwater::debug::{DebugHandle, ResumeAction};
use breakwater::{Config, Engine, Instance, Module, Store};

use crate::peers::{self, Runner};
use crate::runtime::{self, DebugCase, Program};
use crate::{Options, Report};

/// One kernel: `bench/kernels/src/NAME.c`, built to `bench/kernels/wasm/NAME.wasm`.
pub struct Kernel {
    /// Its name, in the figures' names.
    pub name: &'static str,
    /// The module.
    pub wasm: &'static [u8],
    /// The argument of `run` in the full benchmark (quick mode uses 1).
    pub full_n: i32,
    /// The function (its name in the name section) that gets the `debug-bp-same` breakpoint:
    /// the one that executes the most instructions among those with code a run never
    /// reaches (`breakwater-bench probe kernel-census NAME` shows the census it was chosen
    /// from).
    pub hot: &'static str,
}

macro_rules! kernel {
    ($name:literal, $n:expr, $hot:literal) => {
        Kernel {
            name: $name,
            wasm: include_bytes!(concat!("../kernels/wasm/", $name, ".wasm")),
            full_n: $n,
            hot: $hot,
        }
    };
}

/// Every kernel. `full_n` makes a no-debug run take about 0.1 to 0.2 s on the reference
/// machine.
pub const KERNELS: &[Kernel] = &[
    kernel!("sha256", 600, "SHA256_update"),
    kernel!("keccak", 800, "keccak_absorb"),
    kernel!("aes", 180, "AES_encrypt"),
    kernel!("chacha20", 350, "chacha20_keystream"),
    kernel!("curve25519", 50, "curve25519_scalar"),
    kernel!("xxhash", 1400, "run"),
    kernel!("lz4", 100, "LZ4_compress_fast_extState"),
    kernel!("qsort", 14, "qsort"),
    kernel!("jpeg", 40, "stbiw__jpg_processDU"),
    kernel!("png", 8, "run"),
    kernel!("perlin", 20, "run"),
];

/// The Breakwater cases of every kernel; no-debug first, the base of
/// the ratios.
const CASES: [DebugCase; 4] = [
    DebugCase::NoDebug,
    DebugCase::Detached,
    DebugCase::BpUnrelated,
    DebugCase::BpSame,
];

/// The peers measured on the kernels.
const PEERS: [&str; 3] = ["v8-liftoff", "wasmi", "wasmtime"];

/// Every kernel in every case, then the geometric means over the kernels.
pub fn kernels(opts: &Options, report: &mut Report) -> anyhow::Result<()> {
    report.note(&format!(
        "kernels: C programs by others compiled to Wasm (bench/kernels/README.md); run(n) with \
         n as listed ({}), median of {} interleaved rounds; debug-bp-same: a breakpoint the run \
         never reaches in the kernel's hot function",
        if opts.sizes.kernels_full {
            "full size"
        } else {
            "quick mode: n = 1"
        },
        opts.sizes.kernel_rounds
    ));
    // Per ratio name (`debug-detached-ratio`, `no-debug-vs-wasmtime`...), one value per kernel.
    let mut ratios: HashMap<String, Vec<f64>> = HashMap::new();
    for kernel in KERNELS {
        let n = if opts.sizes.kernels_full {
            kernel.full_n
        } else {
            1
        };
        for (name, r) in one_kernel(opts, kernel, n, report)? {
            ratios.entry(name).or_default().push(r);
        }
    }
    let mut names: Vec<String> = CASES[1..]
        .iter()
        .map(|c| format!("{}-ratio", c.name()))
        .collect();
    names.extend(PEERS.iter().map(|p| format!("no-debug-vs-{p}")));
    for name in names {
        let values = ratios.get(&name).map_or(&[][..], Vec::as_slice);
        let figure = format!("kernels/geomean-{name}");
        if values.len() == KERNELS.len() {
            report.figure(&figure, geomean(values), "x");
        } else {
            report.unavailable(&figure, "not measured on every kernel");
        }
    }
    Ok(())
}

/// The geometric mean.
pub fn geomean(values: &[f64]) -> f64 {
    (values.iter().map(|v| v.ln()).sum::<f64>() / values.len() as f64).exp()
}

/// One kernel in every case: its figures, and its ratios by name.
fn one_kernel(
    opts: &Options,
    kernel: &Kernel,
    n: i32,
    report: &mut Report,
) -> anyhow::Result<Vec<(String, f64)>> {
    let group = format!("kernels/{}", kernel.name);
    let program = Program {
        group: kernel.name,
        wasm: kernel.wasm.to_vec(),
        export: "run",
        arg: n,
        warm_arg: 1,
    };
    let bp =
        bp_same_site(&program, kernel.hot).with_context(|| format!("{group}: debug-bp-same"))?;
    report.note(&format!(
        "kernels: {}: run({n}); debug-bp-same at offset {:#x} of function {} `{}` (the \
         lowest of its {} branch targets that the run never reaches, of {})",
        kernel.name, bp.offset, bp.func, kernel.hot, bp.unreached, bp.candidates
    ));
    let mut names = Vec::new();
    let mut runners: Vec<Runner> = Vec::new();
    let mut stop_counts = Vec::new();
    for case in CASES {
        let (r, stops) = runtime::breakwater_runner_at(&program, case, Some((bp.func, bp.offset)))
            .with_context(|| format!("{group}/{}", case.name()))?;
        names.push(case.name().to_string());
        runners.push(r);
        stop_counts.push(stops);
    }
    let first_peer = names.len();
    for (name, r) in peers::runners(opts, &program) {
        if !PEERS.contains(&name.as_str()) {
            continue;
        }
        match r {
            Ok(r) => {
                names.push(name);
                runners.push(r);
            }
            Err(why) => report.unavailable(&format!("kernels/{}-{name}", kernel.name), &why),
        }
    }
    let times = runtime::timed_rounds(&group, &names, &mut runners, opts.sizes.kernel_rounds)?;
    for (name, stops) in names.iter().zip(&stop_counts) {
        let s = stops.load(Ordering::Relaxed);
        if s != 0 {
            bail!("{group}/{name}: the breakpoint was hit {s} times (it must never be)");
        }
    }
    for (name, t) in names.iter().zip(&times) {
        report.figure(
            &format!("kernels/{}-{name}", kernel.name),
            crate::median(t),
            "ms",
        );
    }
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate().skip(1) {
        let (ratio_name, r) = if i < first_peer {
            (
                format!("{name}-ratio"),
                runtime::median_ratio(&times[i], &times[0]),
            )
        } else {
            (
                format!("no-debug-vs-{name}"),
                runtime::median_ratio(&times[0], &times[i]),
            )
        };
        report.figure(&format!("kernels/{}-{ratio_name}", kernel.name), r, "x");
        out.push((ratio_name, r));
    }
    Ok(out)
}

/// Where a kernel's `debug-bp-same` breakpoint goes.
#[derive(Clone, Debug)]
pub struct BpSameSite {
    /// The function's index.
    pub func: u32,
    /// The bytecode offset.
    pub offset: u32,
    /// How many of the function's branch targets the run never reaches, of how many.
    pub unreached: usize,
    /// The function's branch targets.
    pub candidates: usize,
}

/// Finds, with the debugger API, a breakable point in function `hot` that
/// `run(program.arg)` never reaches. The candidates are its branch targets (the instruction
/// after each `if`, `else` and `br_if`: where code that may never run begins); a run with a
/// breakpoint at each, each cleared when first hit, leaves the unreached ones, and the lowest
/// gets the breakpoint. The timed rounds check again that it is never hit.
pub fn bp_same_site(program: &Program, hot: &str) -> anyhow::Result<BpSameSite> {
    let func =
        function_index(&program.wasm, hot).ok_or_else(|| anyhow!("no function named `{hot}`"))?;
    let hit = Arc::new(Mutex::new(HashSet::new()));
    let me: Arc<OnceLock<DebugHandle>> = Arc::new(OnceLock::new());
    let (seen, me_in_hook) = (hit.clone(), me.clone());
    let (mut store, instance, handle) = debugged(&program.wasm, move |stop| {
        let at = (stop.func_index(), stop.bytecode_offset());
        seen.lock().unwrap().insert(at);
        // Each breakpoint stops once; the rest of the run goes at the speed of those left.
        if let Some(h) = me_in_hook.get() {
            let _ = h.clear_breakpoint(at.0, at.1);
        }
        ResumeAction::Continue
    })?;
    me.set(handle.clone())
        .map_err(|_| anyhow!("the handle is already set"))?;
    let breakable: BTreeSet<u32> = handle.breakable_offsets(func).into_iter().collect();
    let candidates: Vec<u32> = branch_targets(&program.wasm, func)?
        .into_iter()
        .filter(|o| breakable.contains(o))
        .collect();
    for &o in &candidates {
        handle.set_breakpoint(func, o)?;
    }
    let run = instance.get_typed_func::<i32, i32>(&mut store, "run")?;
    run.call(&mut store, program.arg)
        .map_err(|e| anyhow!("{e}"))?;
    let hit = hit.lock().unwrap();
    let unreached: Vec<u32> = candidates
        .iter()
        .copied()
        .filter(|&o| !hit.contains(&(func, o)))
        .collect();
    match unreached.first() {
        Some(&offset) => Ok(BpSameSite {
            func,
            offset,
            unreached: unreached.len(),
            candidates: candidates.len(),
        }),
        None => bail!(
            "run({}) reaches every branch target of `{hot}`: choose another function \
             (probe kernel-census)",
            program.arg
        ),
    }
}

/// A debug instance of `wasm` with a debugger whose hook is `hook`.
fn debugged(
    wasm: &[u8],
    hook: impl FnMut(&mut breakwater::debug::Stop<'_>) -> ResumeAction + Send + 'static,
) -> anyhow::Result<(Store<()>, Instance, DebugHandle)> {
    let engine = Engine::new(Config::new().debug(true))?;
    let module = Module::from_binary(&engine, wasm)?;
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[])?;
    let handle = instance.attach_debugger(&mut store, hook)?;
    Ok((store, instance, handle))
}

/// The bytecode offsets of function `func`'s branch targets: the instruction after each
/// `if`, `else` and `br_if`, in order.
fn branch_targets(wasm: &[u8], func: u32) -> anyhow::Result<Vec<u32>> {
    let mut index = 0u32;
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload? {
            wasmparser::Payload::ImportSection(r) => {
                for imp in r.into_imports() {
                    if matches!(imp?.ty, wasmparser::TypeRef::Func(_)) {
                        index += 1;
                    }
                }
            }
            wasmparser::Payload::CodeSectionEntry(body) => {
                if index == func {
                    let mut out = Vec::new();
                    let mut after_branch = false;
                    let mut ops = body.get_operators_reader()?;
                    while !ops.eof() {
                        let at = ops.original_position() as u32;
                        if after_branch {
                            out.push(at);
                        }
                        after_branch = matches!(
                            ops.read()?,
                            wasmparser::Operator::If { .. }
                                | wasmparser::Operator::Else
                                | wasmparser::Operator::BrIf { .. }
                        );
                    }
                    return Ok(out);
                }
                index += 1;
            }
            _ => {}
        }
    }
    bail!("no function {func}")
}

/// The census behind each kernel's `hot` function (`probe kernel-census NAME`): single steps
/// through `run(2)` and `run(1)`, counted per function: the difference is one iteration in
/// the steady state (the one-time setup cancels out). With how many of each function's branch
/// targets `run(2)` never reached. Slow (every instruction stops).
pub fn census(name: &str) -> anyhow::Result<String> {
    let kernel = KERNELS
        .iter()
        .find(|k| k.name == name)
        .ok_or_else(|| anyhow!("no kernel {name}"))?;
    let (two, reached) = step_counts(kernel.wasm, 2)?;
    let (one, _) = step_counts(kernel.wasm, 1)?;
    let mut by_steps: Vec<(u32, u64)> = two
        .iter()
        .map(|(&f, &n)| (f, n.saturating_sub(one.get(&f).copied().unwrap_or(0))))
        .collect();
    by_steps.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let total: u64 = by_steps.iter().map(|s| s.1).sum();
    let mut out = format!("{name}: one iteration (run(2) - run(1)): {total} steps");
    for (func, steps) in by_steps.into_iter().take(8) {
        let targets = branch_targets(kernel.wasm, func)?;
        let unreached = targets
            .iter()
            .filter(|&&o| !reached.contains(&(func, o)))
            .count();
        out.push_str(&format!(
            "\n  function {func} `{}`: {:.1}% of the steps, {unreached} of {} branch targets \
             not reached",
            function_name(kernel.wasm, func).unwrap_or_else(|| "?".into()),
            steps as f64 * 100.0 / total.max(1) as f64,
            targets.len()
        ));
    }
    Ok(out)
}

/// Single steps through `run(arg)`: steps per function, and every (function, offset) reached.
#[allow(clippy::type_complexity)]
fn step_counts(wasm: &[u8], arg: i32) -> anyhow::Result<(HashMap<u32, u64>, HashSet<(u32, u32)>)> {
    let seen = Arc::new(Mutex::new((HashMap::new(), HashSet::new())));
    let in_hook = seen.clone();
    let (mut store, instance, handle) = debugged(wasm, move |stop| {
        let mut s = in_hook.lock().unwrap();
        *s.0.entry(stop.func_index()).or_default() += 1;
        s.1.insert((stop.func_index(), stop.bytecode_offset()));
        ResumeAction::StepInto
    })?;
    let run_index = runtime::export_index(wasm, "run")?;
    let first = *handle
        .breakable_offsets(run_index)
        .get(1)
        .ok_or_else(|| anyhow!("`run` has no instructions"))?;
    handle.set_breakpoint(run_index, first)?;
    let run = instance.get_typed_func::<i32, i32>(&mut store, "run")?;
    run.call(&mut store, arg).map_err(|e| anyhow!("{e}"))?;
    let mut seen = seen.lock().unwrap();
    Ok(std::mem::take(&mut *seen))
}

/// The index of the function named `name` in the module's name section.
fn function_index(wasm: &[u8], name: &str) -> Option<u32> {
    function_names(wasm)
        .into_iter()
        .find(|(_, n)| n == name)
        .map(|(i, _)| i)
}

/// Function `func`'s name in the module's name section.
fn function_name(wasm: &[u8], func: u32) -> Option<String> {
    function_names(wasm)
        .into_iter()
        .find(|(i, _)| *i == func)
        .map(|(_, n)| n)
}

/// The function names of the module's name section.
fn function_names(wasm: &[u8]) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let Ok(wasmparser::Payload::CustomSection(section)) = payload else {
            continue;
        };
        let wasmparser::KnownCustom::Name(names) = section.as_known() else {
            continue;
        };
        for name in names {
            if let Ok(wasmparser::Name::Function(map)) = name {
                out.extend(
                    map.into_iter()
                        .flatten()
                        .map(|n| (n.index, n.name.to_string())),
                );
            }
        }
    }
    out
}
