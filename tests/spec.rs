//! The WebAssembly 2.0 spec suite: one test per top-level `.wast` file (SIMD excluded), each
//! asserting that every directive of the file passes.
//!
//! The suite is looked up in `$BREAKWATER_TESTSUITE`, else in `../shared/testsuite/2.0` beside
//! the workspace. If it is missing, the test `spec_suite_present` fails: it never passes
//! vacuously.
//!
//! Each file runs in a child process (this same test binary, re-executed with
//! `BREAKWATER_SPEC_CHILD=<file>`), so that a crash of generated code (a signal) or a hang
//! fails that file's test alone, with the output so far, instead of the whole suite.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

/// Environment variable naming the one file a child process runs.
const CHILD_ENV: &str = "BREAKWATER_SPEC_CHILD";
/// How long one file may take (override with `BREAKWATER_SPEC_TIMEOUT` in seconds).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// Failure lines shown per failing file.
const SHOW_FAILURES: usize = 40;

fn main() {
    if let Some(file) = std::env::var_os(CHILD_ENV) {
        std::process::exit(child(Path::new(&file)));
    }
    let args = Arguments::from_args();
    let trials = match suite_dir() {
        Ok(dir) => match spec_files(&dir) {
            Ok(files) if !files.is_empty() => MODES
                .iter()
                .flat_map(|&mode| files.iter().map(move |f| trial(f.clone(), mode)))
                .collect(),
            Ok(_) => vec![missing(format!("no .wast files in {}", dir.display()))],
            Err(e) => vec![missing(format!("cannot list {}: {e}", dir.display()))],
        },
        Err(message) => vec![missing(message)],
    };
    libtest_mimic::run(&args, trials).exit();
}

/// A failing test that says why the suite could not be run.
fn missing(message: String) -> Trial {
    Trial::test("spec_suite_present", move || Err(Failed::from(message)))
}

fn suite_dir() -> Result<PathBuf, String> {
    let dir = match std::env::var_os("BREAKWATER_TESTSUITE") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/testsuite/2.0"),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "the WebAssembly spec test suite is not at {} (put the suite's 2.0 files there, \
             or set BREAKWATER_TESTSUITE to their directory)",
            dir.display()
        ))
    }
}

/// The top-level `.wast` files of `dir` except `simd_*`, sorted.
fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file() && name.ends_with(".wast") && !name.starts_with("simd_") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Each file runs as normal code, and as debug code in both site layouts (no debugger
/// attached): debug code must compute exactly what normal code does.
const MODES: [&str; 3] = ["plain", "debug_fallthrough", "debug_inline"];
/// Tells the child which mode to run in.
const MODE_ENV: &str = "BREAKWATER_SPEC_MODE";

fn trial(path: PathBuf, mode: &'static str) -> Trial {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
    let stem = stem.replace(['-', '.'], "_");
    let name = if mode == "plain" {
        stem
    } else {
        format!("{mode}::{stem}")
    };
    Trial::test(name, move || run_in_child(&path, mode))
}

/// The engine configuration of a mode.
fn config(mode: &str) -> breakwater::Config {
    use breakwater::debug::SiteLayout;
    let mut config = breakwater::Config::new();
    match mode {
        "debug_fallthrough" => {
            config.debug(true).site_layout(SiteLayout::FallThrough);
        }
        "debug_inline" => {
            config.debug(true).site_layout(SiteLayout::InlineCall);
        }
        _ => {}
    }
    config
}

/// The child's side: runs one file and prints its failures and a summary line.
fn child(file: &Path) -> i32 {
    let mode = std::env::var(MODE_ENV).unwrap_or_default();
    let report = breakwater::wast::run_file_with(file, &config(&mode));
    for line in report.failure_lines() {
        println!("{line}");
    }
    println!("{} passed, {} failed", report.passed, report.failed);
    if report.ok() {
        0
    } else {
        1
    }
}

fn timeout() -> Duration {
    std::env::var("BREAKWATER_SPEC_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_TIMEOUT)
}

fn run_in_child(path: &Path, mode: &str) -> Result<(), Failed> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the test binary: {e}"))?;
    // Under an emulator (AArch64 tests on x86-64), the child runs through the same emulator:
    // BREAKWATER_TEST_WRAPPER is its command line, e.g. `qemu-aarch64 -L /usr/aarch64-linux-gnu`.
    let wrapper = std::env::var("BREAKWATER_TEST_WRAPPER").unwrap_or_default();
    let mut words = wrapper.split_whitespace();
    let mut command = match words.next() {
        Some(program) => {
            let mut c = Command::new(program);
            c.args(words).arg(exe);
            c
        }
        None => Command::new(exe),
    };
    let mut child = command
        .env(CHILD_ENV, path)
        .env(MODE_ENV, mode)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the child process: {e}"))?;
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let limit = timeout();
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for the child process failed: {e}").into()),
        }
    };
    let out = out_reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();

    let lines: Vec<&str> = out.lines().collect();
    let summary = lines
        .last()
        .filter(|l| l.ends_with(" failed") && l.contains(" passed, "))
        .copied();
    let failures: Vec<&str> = match summary {
        Some(_) => lines[..lines.len() - 1].to_vec(),
        None => lines.clone(),
    };
    let mut message = String::new();
    match (status, summary) {
        (Some(status), Some(_)) if status.success() => return Ok(()),
        (Some(_), Some(summary)) => message.push_str(summary),
        (Some(status), None) => {
            message.push_str(&format!("the runner died: {}", describe_status(status)));
        }
        (None, _) => message.push_str(&format!("timed out after {} s", limit.as_secs())),
    }
    for line in failures.iter().take(SHOW_FAILURES) {
        message.push('\n');
        message.push_str(line);
    }
    if failures.len() > SHOW_FAILURES {
        message.push_str(&format!(
            "\n... and {} more",
            failures.len() - SHOW_FAILURES
        ));
    }
    if summary.is_none() || !err.trim().is_empty() {
        let tail: Vec<&str> = err.lines().rev().take(15).collect();
        if !tail.is_empty() {
            message.push_str("\nstderr (last lines):");
            for line in tail.into_iter().rev() {
                message.push_str("\n  ");
                message.push_str(line);
            }
        }
    }
    Err(message.into())
}

fn describe_status(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                4 => " (SIGILL)",
                6 => " (SIGABRT)",
                7 => " (SIGBUS)",
                8 => " (SIGFPE)",
                11 => " (SIGSEGV)",
                _ => "",
            };
            return format!("killed by signal {signal}{name}");
        }
    }
    format!("{status}")
}
