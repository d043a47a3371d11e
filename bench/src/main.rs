//! `breakwater-bench [--quick] [--only GROUP,...] [--charts DIR | --no-charts] [--no-node]
//! [--no-rust-peers]`: prints every figure as `GROUP/CASE: VALUE UNIT` (see BENCHMARKS.md).
//! `breakwater-bench probe ...` runs one case once, for instruction counts under callgrind.

use std::path::PathBuf;
use std::process::ExitCode;

use breakwater_bench::{run_all, Options, Report};

const USAGE: &str =
    "usage: breakwater-bench [--quick] [--only GROUP,...] [--charts DIR | --no-charts] \
[--no-node] [--no-rust-peers]
       breakwater-bench probe fib CASE N | probe compile CONFIG FUNCS  (one run, for callgrind)
       breakwater-bench probe kernel-census NAME  (steps per function of a kernel)
groups: fib35 mixed kernels compile breakpoint step memory wasi";

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The child process of the peak-memory measurement (not for people: not in the usage).
    if args.first().map(String::as_str) == Some(breakwater_bench::peakmem::COMMAND) {
        return match breakwater_bench::peakmem::child(&args[1..]) {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("breakwater-bench: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    if args.first().map(String::as_str) == Some("probe") {
        return match breakwater_bench::probe(&args[1..]) {
            Ok(line) => {
                println!("# {line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("breakwater-bench: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    let mut opts = if args.iter().any(|a| a == "--quick") {
        Options::quick()
    } else {
        Options::full()
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quick" => {}
            "--only" => match it.next() {
                Some(g) => opts.only.extend(g.split(',').map(str::to_string)),
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--charts" => match it.next() {
                Some(d) => opts.charts_dir = Some(PathBuf::from(d)),
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--no-charts" => opts.charts_dir = None,
            "--no-node" => opts.node = None,
            "--no-rust-peers" => opts.rust_peers = false,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unknown argument {other}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let mut report = Report::printing();
    report.note(&format!(
        "machine: {}, {} threads available",
        cpu_model(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    ));
    match run_all(&opts, &mut report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("breakwater-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}
