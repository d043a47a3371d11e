//! The official WASI test suite (WebAssembly/wasi-testsuite, its prebuilt `wasm32-wasip1`
//! tests): one test per program and mode (normal code, debug code), each run by the
//! `breakwater` program as the upstream runner runs wasmtime:
//! `breakwater run --env K=V --dir COPY_OF_ROOT::/ NAME.wasm ARGS...`, the root directory
//! copied fresh for each run, then the exit code and standard output compared with the
//! program's JSON file.
//!
//! The suite is looked up in `$BREAKWATER_WASI_TESTSUITE`, else in `../shared/wasi-testsuite`
//! beside the workspace. If it is missing, the test `wasi_testsuite_present` fails (it never
//! passes vacuously).

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

/// How long one program may run.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Each program runs as normal code and as debug code (no debugger attached).
const MODES: [(&str, &[&str]); 2] = [("", &[]), ("debug::", &["--debug"])];

fn main() {
    let args = Arguments::from_args();
    let trials = match suite_dir().and_then(|dir| programs(&dir)) {
        Ok(programs) => MODES
            .iter()
            .flat_map(|&(prefix, flags)| {
                programs.iter().map(move |p| {
                    let p = p.clone();
                    Trial::test(format!("{prefix}{}", p.name), move || run(&p, flags))
                })
            })
            .collect(),
        Err(message) => vec![Trial::test("wasi_testsuite_present", move || {
            Err(Failed::from(message))
        })],
    };
    libtest_mimic::run(&args, trials).exit();
}

fn suite_dir() -> Result<PathBuf, String> {
    let dir = match std::env::var_os("BREAKWATER_WASI_TESTSUITE") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wasi-testsuite"),
    };
    if dir.join("tests").is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "the WASI test suite is not at {} (get the prebuilt tests of \
             github.com/WebAssembly/wasi-testsuite, branch prod/testsuite-base, there, or set \
             BREAKWATER_WASI_TESTSUITE to their directory)",
            dir.display()
        ))
    }
}

/// One test program and what its JSON file expects.
#[derive(Clone)]
struct Program {
    /// `language/name`, e.g. `rust/fd_readdir`.
    name: String,
    wasm: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
    /// The directory to copy and preopen as `/`.
    root: Option<PathBuf>,
    exit_code: i32,
    stdout: Option<String>,
    stderr: Option<String>,
}

/// Every `tests/<language>/testsuite/wasm32-wasip1/*.wasm` with its JSON file, sorted.
fn programs(suite: &Path) -> Result<Vec<Program>, String> {
    let tests = suite.join("tests");
    let mut programs = Vec::new();
    for language in read_dir(&tests)? {
        let dir = language.join("testsuite/wasm32-wasip1");
        if !dir.is_dir() {
            continue;
        }
        let lang = language.file_name().unwrap().to_string_lossy().into_owned();
        for wasm in read_dir(&dir)? {
            if wasm.extension().is_some_and(|e| e == "wasm") {
                programs.push(program(&lang, wasm)?);
            }
        }
    }
    if programs.is_empty() {
        return Err(format!("no wasm32-wasip1 tests under {}", tests.display()));
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    entries
        .map(|e| {
            e.map(|e| e.path())
                .map_err(|e| format!("cannot list {}: {e}", dir.display()))
        })
        .collect()
}

/// The program `wasm` and its expectations (`NAME.json` beside it, all keys optional).
fn program(language: &str, wasm: PathBuf) -> Result<Program, String> {
    let stem = wasm.file_stem().unwrap().to_string_lossy().into_owned();
    let json_path = wasm.with_extension("json");
    let json: Value = if json_path.exists() {
        let text = std::fs::read_to_string(&json_path)
            .map_err(|e| format!("cannot read {}: {e}", json_path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json_path.display()))?
    } else {
        Value::Object(Default::default())
    };
    let bad = |key: &str| format!("{}: `{key}` has an unexpected form", json_path.display());
    let string = |v: &Value, key: &str| v.as_str().map(str::to_string).ok_or_else(|| bad(key));
    let args = match json.get("args") {
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| string(v, "args"))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(bad("args")),
        None => Vec::new(),
    };
    let env = match json.get("env") {
        Some(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| Ok((k.clone(), string(v, "env")?)))
            .collect::<Result<_, String>>()?,
        Some(_) => return Err(bad("env")),
        None => Vec::new(),
    };
    let root = match json.get("root") {
        Some(v) => Some(wasm.parent().unwrap().join(string(v, "root")?)),
        None => None,
    };
    let exit_code = match json.get("exit_code") {
        Some(v) => v
            .as_i64()
            .and_then(|c| i32::try_from(c).ok())
            .ok_or_else(|| bad("exit_code"))?,
        None => 0,
    };
    let stdout = json
        .get("stdout")
        .map(|v| string(v, "stdout"))
        .transpose()?;
    let stderr = json
        .get("stderr")
        .map(|v| string(v, "stderr"))
        .transpose()?;
    Ok(Program {
        name: format!("{language}/{stem}"),
        wasm,
        args,
        env,
        root,
        exit_code,
        stdout,
        stderr,
    })
}

/// Copies `from` to `to` (directories, files and symlinks), every copy writable by us: the
/// programs create and remove files in it.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let ty = entry.file_type()?;
        if ty.is_dir() {
            copy_tree(&src, &dst)?;
        } else if ty.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src)?, &dst)?;
        } else {
            std::fs::copy(&src, &dst)?;
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dst)?.permissions().mode();
            std::fs::set_permissions(&dst, std::fs::Permissions::from_mode(mode | 0o200))?;
        }
    }
    Ok(())
}

fn run(p: &Program, flags: &[&str]) -> Result<(), Failed> {
    let scratch =
        tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    let mut cmd = breakwater_tests::program::command();
    cmd.arg("run").args(flags);
    for (k, v) in &p.env {
        cmd.arg("--env").arg(format!("{k}={v}"));
    }
    if let Some(root) = &p.root {
        let copy = scratch.path().join("root");
        copy_tree(root, &copy).map_err(|e| format!("cannot copy {}: {e}", root.display()))?;
        let mut dir = copy.into_os_string();
        dir.push("::/");
        cmd.arg("--dir").arg(dir);
    }
    cmd.arg(&p.wasm).args(&p.args);
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run breakwater: {e}"))?;
    let (code, stdout, stderr) = wait(child)?;
    let mut problems = Vec::new();
    if code != Some(p.exit_code) {
        problems.push(format!("exit code {code:?}, expected {}", p.exit_code));
    }
    if let Some(expected) = &p.stdout {
        if stdout != *expected {
            problems.push(format!("stdout {stdout:?}, expected {expected:?}"));
        }
    }
    if let Some(expected) = &p.stderr {
        if stderr != *expected {
            problems.push(format!("stderr {stderr:?}, expected {expected:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            problems.join("\n")
        )
        .into())
    }
}

/// Waits for `child` (killing it after [`TIMEOUT`]): exit code (`None` if killed by a
/// signal), standard output and error.
fn wait(mut child: Child) -> Result<(Option<i32>, String, String), Failed> {
    use std::io::Read;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        out.read_to_end(&mut s).map(|_| s)
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).map(|_| s)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| format!("waiting: {e}"))? {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {TIMEOUT:?}: killed").into());
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let text = |r: std::thread::JoinHandle<std::io::Result<Vec<u8>>>| -> String {
        String::from_utf8_lossy(&r.join().unwrap().unwrap_or_default()).into_owned()
    };
    Ok((status.code(), text(out_reader), text(err_reader)))
}
