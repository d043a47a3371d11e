//! Quick mode end to end: every line is well formed, every group reports its figures, and the
//! code of N debugged instances is shared. No timing assertions.

use breakwater_bench::kernels::{geomean, KERNELS};
use breakwater_bench::{run_all, well_formed, Options, Report};

#[test]
fn well_formed_recognizes_the_line_forms() {
    for good in [
        "fib35/no-debug: 12.3 ms",
        "fib35/debug-detached-ratio: 1.23 x",
        "compile/debug-1thread: 41.0 MB/s",
        "memory/instances-8: 123456 bytes",
        "breakpoint/set: 2.10 us",
        "step/rate: 1234567 steps/s",
        "fib35/wasmtime: unavailable (built without the wasmtime feature)",
        "# a note",
    ] {
        assert!(well_formed(good), "{good}");
    }
    for bad in [
        "fib35/no-debug: fast ms",
        "fib35/no-debug: 12.3",
        "fib35/no-debug: 12.3 seconds",
        "fib35 no-debug: 12.3 ms",
        "fib35/No Debug: 12.3 ms",
        "fib35/no-debug: NaN ms",
        "fib35/wasmtime: unavailable",
        "",
    ] {
        assert!(!well_formed(bad), "{bad:?}");
    }
}

#[test]
fn quick_mode_prints_well_formed_figures() {
    let mut opts = Options::quick();
    let charts =
        std::env::temp_dir().join(format!("breakwater-bench-smoke-{}", std::process::id()));
    opts.charts_dir = Some(charts.clone());
    // The peak-memory children re-run the benchmark program, not this test.
    opts.program = Some(env!("CARGO_BIN_EXE_breakwater-bench").into());
    let mut report = Report::default();
    run_all(&opts, &mut report).expect("quick mode runs");
    for line in &report.lines {
        assert!(well_formed(line), "malformed line: {line:?}");
    }
    let figures: Vec<&str> = report
        .lines
        .iter()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    let mut wanted: Vec<String> = Vec::new();
    for group in ["fib35", "mixed"] {
        wanted.push(format!("{group}/no-debug"));
        for case in ["debug-detached", "debug-bp-unrelated", "debug-bp-same"] {
            wanted.push(format!("{group}/{case}"));
            wanted.push(format!("{group}/{case}-ratio"));
        }
        for peer in ["v8-liftoff", "v8-turbofan", "wasmi", "wasmtime"] {
            wanted.push(format!("{group}/{peer}"));
        }
    }
    for kernel in KERNELS {
        let k = kernel.name;
        wanted.push(format!("kernels/{k}-no-debug"));
        for case in ["debug-detached", "debug-bp-unrelated", "debug-bp-same"] {
            wanted.push(format!("kernels/{k}-{case}"));
            wanted.push(format!("kernels/{k}-{case}-ratio"));
        }
        for peer in ["v8-liftoff", "wasmi", "wasmtime"] {
            wanted.push(format!("kernels/{k}-{peer}"));
        }
    }
    for name in [
        "kernels/geomean-debug-detached-ratio",
        "kernels/geomean-debug-bp-unrelated-ratio",
        "kernels/geomean-debug-bp-same-ratio",
        "kernels/geomean-no-debug-vs-v8-liftoff",
        "kernels/geomean-no-debug-vs-wasmtime",
        "compile/no-debug-peak-memory",
        "compile/debug-peak-memory",
        "compile/debug-peak-memory-ratio",
        "compile/v8-liftoff-peak-memory",
        "compile/debug-table-bytes-per-site",
        "step/large-module-slowdown",
        "compile/no-debug-1thread",
        "compile/no-debug-all-threads",
        "compile/debug-1thread",
        "compile/debug-all-threads",
        "compile/debug-size-ratio",
        "compile/debug-bytes-per-site",
        "breakpoint/first-in-function",
        "breakpoint/set",
        "breakpoint/clear",
        "step/rate",
        "memory/instances-1",
        "memory/instances-8",
        "memory/instances-64",
        "wasi/no-debug",
        "wasi/debug-detached",
        "wasi/debug-detached-ratio",
        "wasi/v8-liftoff",
        "wasi/wasmtime",
    ] {
        wanted.push(name.to_string());
    }
    for w in &wanted {
        assert!(figures.contains(&w.as_str()), "missing figure {w}");
    }
    let code: Vec<f64> = [1, 8, 64]
        .iter()
        .map(|n| report.value(&format!("memory/instances-{n}-code")).unwrap())
        .collect();
    assert!(
        code.iter().all(|&c| c == code[0] && c > 0.0),
        "code bytes differ: {code:?}"
    );
    for name in [
        "compile/no-debug-peak-memory",
        "compile/debug-peak-memory",
        "kernels/geomean-debug-detached-ratio",
    ] {
        let v = report.value(name).unwrap_or(0.0);
        assert!(v > 0.0, "{name} is {v}");
    }
    assert!(charts.join("fib35.svg").exists());
    assert!(charts.join("memory.svg").exists());
    std::fs::remove_dir_all(&charts).ok();
}

#[test]
fn geomean_is_the_nth_root_of_the_product() {
    assert!((geomean(&[2.0, 8.0]) - 4.0).abs() < 1e-12);
    assert!((geomean(&[3.0]) - 3.0).abs() < 1e-12);
}
