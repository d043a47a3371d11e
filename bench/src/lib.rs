//! Breakwater's benchmark program: what debugging costs at run time, in compile time and in
//! memory, and how Breakwater compares with V8 (Liftoff and TurboFan), wasmi and wasmtime on the
//! same modules. `main.rs` runs [`run_all`]; `BENCHMARKS.md` at the workspace root explains
//! every figure.
//!
//! Every figure is printed on its own line as `GROUP/CASE: VALUE UNIT`; other lines start with
//! `#`. Machines are shared and noisy, so cases are interleaved (one run of each case per
//! round) and figures are medians over rounds; ratios are medians of the per-round ratios.

pub mod charts;
pub mod debugcost;
pub mod debuginfo;
pub mod gen;
pub mod kernels;
pub mod peakmem;
pub mod peers;
pub mod runtime;
pub mod wasi_prog;

use std::path::PathBuf;
use std::time::Instant;

/// The units a figure may have.
pub const UNITS: &[&str] = &["ms", "x", "MB/s", "bytes", "us", "steps/s"];

/// How big the inputs are.
#[derive(Clone, Debug)]
pub struct Sizes {
    /// The argument of fib.
    pub fib_n: i32,
    /// Iterations of `mixed`'s `run`.
    pub mixed_iters: i32,
    /// Rounds of every run-time case (the median is reported).
    pub rounds: usize,
    /// Functions of the generated module.
    pub gen_funcs: usize,
    /// Compilations of each compile case.
    pub compile_reps: usize,
    /// Breakpoints set and cleared per round.
    pub bp_ops: usize,
    /// Rounds of the breakpoint measurements.
    pub bp_rounds: usize,
    /// Iterations of the stepped loop (about 12 steps each).
    pub step_n: i32,
    /// Iterations of the stepped loop in the large module.
    pub step_n_large: i32,
    /// Instance counts of the memory figures.
    pub instances: Vec<usize>,
    /// Whether the compute kernels run their full size (otherwise `run(1)`).
    pub kernels_full: bool,
    /// Rounds of every compute kernel's cases.
    pub kernel_rounds: usize,
}

impl Sizes {
    /// The full benchmark (minutes).
    pub fn full() -> Sizes {
        Sizes {
            fib_n: 35,
            mixed_iters: 150,
            rounds: 7,
            gen_funcs: 24_000,
            compile_reps: 5,
            bp_ops: 1000,
            bp_rounds: 7,
            step_n: 50_000,
            step_n_large: 20,
            instances: vec![1, 8, 64],
            kernels_full: true,
            kernel_rounds: 7,
        }
    }
    /// Quick mode (seconds): small inputs, few rounds.
    pub fn quick() -> Sizes {
        Sizes {
            fib_n: 20,
            mixed_iters: 1,
            rounds: 3,
            gen_funcs: 120,
            compile_reps: 2,
            bp_ops: 50,
            bp_rounds: 2,
            step_n: 100,
            step_n_large: 5,
            instances: vec![1, 8, 64],
            kernels_full: false,
            kernel_rounds: 1,
        }
    }
}

/// What to run.
#[derive(Clone, Debug)]
pub struct Options {
    /// Input sizes.
    pub sizes: Sizes,
    /// Where the charts go (none: no charts).
    pub charts_dir: Option<PathBuf>,
    /// The `node` program for the V8 peers (none: V8 is not measured).
    pub node: Option<String>,
    /// Whether to run wasmi and wasmtime.
    pub rust_peers: bool,
    /// Whether the groups are all run (otherwise only those in `only`).
    pub only: Vec<String>,
    /// This program, re-run for measurements made in a child process (none: the running
    /// executable, which must then be `breakwater-bench`).
    pub program: Option<PathBuf>,
}

impl Options {
    /// Full mode, charts in `bench/`.
    pub fn full() -> Options {
        Options {
            sizes: Sizes::full(),
            charts_dir: Some(PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
            node: Some("node".into()),
            rust_peers: true,
            only: Vec::new(),
            program: None,
        }
    }
    /// Quick mode, charts in the temporary directory.
    pub fn quick() -> Options {
        Options {
            sizes: Sizes::quick(),
            charts_dir: Some(std::env::temp_dir().join("breakwater-bench-quick")),
            node: Some("node".into()),
            rust_peers: true,
            only: Vec::new(),
            program: None,
        }
    }
    /// Whether group `name` runs.
    pub fn runs(&self, name: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| o == name)
    }
}

/// The figures, printed as they are made (when `echo`) and kept.
#[derive(Debug, Default)]
pub struct Report {
    /// Every line, figures and `#` notes.
    pub lines: Vec<String>,
    /// Print each line as it is made.
    pub echo: bool,
}

impl Report {
    /// A report that prints its lines.
    pub fn printing() -> Report {
        Report {
            lines: Vec::new(),
            echo: true,
        }
    }
    fn push(&mut self, line: String) {
        if self.echo {
            println!("{line}");
        }
        self.lines.push(line);
    }
    /// A figure: `name: value unit`.
    pub fn figure(&mut self, name: &str, value: f64, unit: &str) {
        debug_assert!(UNITS.contains(&unit), "unknown unit {unit}");
        let v = match unit {
            "bytes" | "steps/s" => format!("{value:.0}"),
            "MB/s" => format!("{value:.1}"),
            "x" if value.abs() >= 100.0 => format!("{value:.0}"),
            "x" => format!("{value:.2}"),
            "us" if value.abs() >= 100.0 => format!("{value:.0}"),
            "us" => format!("{value:.2}"),
            _ if value.abs() >= 1000.0 => format!("{value:.0}"),
            _ if value.abs() >= 10.0 => format!("{value:.1}"),
            _ => format!("{value:.3}"),
        };
        self.push(format!("{name}: {v} {unit}"));
    }
    /// A figure that could not be measured, and why.
    pub fn unavailable(&mut self, name: &str, reason: &str) {
        let reason = reason.replace(['\n', '(', ')'], " ");
        self.push(format!("{name}: unavailable ({})", reason.trim()));
    }
    /// A comment line.
    pub fn note(&mut self, text: &str) {
        for l in text.lines() {
            self.push(format!("# {l}"));
        }
    }
    /// The value of figure `name`, if it was reported.
    pub fn value(&self, name: &str) -> Option<f64> {
        let prefix = format!("{name}: ");
        self.lines
            .iter()
            .find_map(|l| l.strip_prefix(&prefix))
            .and_then(|rest| rest.split(' ').next())
            .and_then(|v| v.parse().ok())
    }
}

/// Whether `line` is a well-formed report line: `# ...`, `GROUP/CASE: VALUE UNIT` or
/// `GROUP/CASE: unavailable (REASON)`.
pub fn well_formed(line: &str) -> bool {
    if line.starts_with("# ") || line == "#" {
        return true;
    }
    let Some((name, rest)) = line.split_once(": ") else {
        return false;
    };
    let Some((group, case)) = name.split_once('/') else {
        return false;
    };
    let ident = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    };
    if !ident(group) || !ident(case) {
        return false;
    }
    if let Some(reason) = rest.strip_prefix("unavailable (") {
        return reason.ends_with(')') && reason.len() > 1;
    }
    let Some((value, unit)) = rest.split_once(' ') else {
        return false;
    };
    value.parse::<f64>().is_ok_and(|v| v.is_finite()) && UNITS.contains(&unit)
}

/// The median (the mean of the middle two for an even count); NaN for none.
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Milliseconds `f` takes, and its result.
pub fn time_ms<R>(f: impl FnOnce() -> R) -> (f64, R) {
    let t = Instant::now();
    let r = f();
    (t.elapsed().as_secs_f64() * 1e3, r)
}

/// `probe fib CASE N` runs fib(N) once in Breakwater case CASE (see [`runtime::cases`]);
/// `probe compile CONFIG FUNCS` compiles the generated module of FUNCS functions once on one
/// thread in CONFIG (`no-debug`, `debug`, `debug-fallthrough`, `debug-inline`). For counting
/// instructions under `valgrind --tool=callgrind`: run each with two sizes and subtract.
/// `probe kernel-census NAME` prints [`kernels::census`].
pub fn probe(args: &[String]) -> anyhow::Result<String> {
    let arg = |i: usize| -> anyhow::Result<&str> {
        args.get(i).map(String::as_str).ok_or_else(|| {
            anyhow::anyhow!(
                "usage: probe fib CASE N | probe compile CONFIG FUNCS | probe kernel-census NAME"
            )
        })
    };
    match arg(0)? {
        "fib" => {
            let case = arg(1)?;
            let n: i32 = arg(2)?.parse()?;
            let (_, what) = runtime::cases()
                .into_iter()
                .find(|c| c.0 == case)
                .ok_or_else(|| anyhow::anyhow!("no case {case}"))?;
            let program = runtime::Program {
                group: "fib35",
                wasm: wat::parse_str(runtime::FIB_WAT)?,
                export: "fib",
                arg: n,
                warm_arg: n,
            };
            let (mut run, _) = runtime::breakwater_runner(&program, what)?;
            let (ms, r) = run(false)?;
            Ok(format!("fib({n}) = {r} in {ms:.3} ms ({case})"))
        }
        "compile" => {
            let config = arg(1)?;
            let funcs: usize = arg(2)?.parse()?;
            let large = gen::generate(funcs, GEN_SEED);
            let (ms, code, sites) = debugcost::compile_once(config, &large)?;
            Ok(format!(
                "{} bytes of code section compiled in {ms:.1} ms ({config}, one thread): \
                 {code} bytes of code, {sites} breakable points",
                large.code_section_bytes
            ))
        }
        "kernel-census" => kernels::census(arg(1)?),
        other => anyhow::bail!("no probe {other}"),
    }
}

/// The seed of the generated module.
pub const GEN_SEED: u64 = 0x5eed_b7ea;

/// Runs every group `opts` selects, adding figures to `report`; the data the charts use.
pub fn run_all(opts: &Options, report: &mut Report) -> anyhow::Result<()> {
    report.note(&format!(
        "breakwater-bench: {} mode",
        if opts.sizes.fib_n >= 30 {
            "full"
        } else {
            "quick"
        }
    ));
    let mut fib_results = None;
    let mut memory_results = None;
    if opts.runs("fib35") {
        fib_results = Some(runtime::fib35(opts, report)?);
    }
    if opts.runs("mixed") {
        runtime::mixed(opts, report)?;
    }
    if opts.runs("kernels") {
        kernels::kernels(opts, report)?;
    }
    let needs_large = ["compile", "breakpoint", "step", "memory"]
        .iter()
        .any(|g| opts.runs(g));
    if needs_large {
        let large = gen::generate(opts.sizes.gen_funcs, GEN_SEED);
        if opts.runs("compile") {
            debugcost::compile(opts, &large, report)?;
            peakmem::compile_peak_memory(opts, &large, report)?;
        }
        if opts.runs("breakpoint") {
            debugcost::breakpoints(opts, &large, report)?;
        }
        if opts.runs("step") {
            debugcost::step(opts, &large, report)?;
        }
        if opts.runs("memory") {
            memory_results = Some(debugcost::memory(opts, &large, report)?);
        }
    }
    if opts.runs("wasi") {
        wasi_prog::wasi(opts, report)?;
    }
    peers::cleanup();
    if let Some(dir) = &opts.charts_dir {
        std::fs::create_dir_all(dir)?;
        if let Some(fib) = &fib_results {
            let path = dir.join("fib35.svg");
            charts::ratios(&path, fib)?;
            report.note(&format!("chart: {}", path.display()));
        }
        if let Some(mem) = &memory_results {
            let path = dir.join("memory.svg");
            charts::memory(&path, mem)?;
            report.note(&format!("chart: {}", path.display()));
        }
    }
    Ok(())
}
