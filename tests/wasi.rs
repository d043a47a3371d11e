//! WASI programs of our own, built from the C sources in `tests/wasi/` (`build.sh` there;
//! the `.wasm` files are checked in): `breakwater run` passes standard streams byte for byte,
//! gives the exit codes wasmtime gives, shows backtraces, keeps the guest inside the
//! directories it is given; and the debugger stops in a WASI program.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::{Arc, Mutex};

use breakwater::debug::{ResumeAction, StopReason};
use breakwater::wasi::{self, WasiCtx, WasiCtxBuilder};
use breakwater::{Config, Engine, Linker, Module, Store, TrapKind};

fn program(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("wasi")
        .join(format!("{name}.wasm"))
}

/// `breakwater run ARGS` with `stdin` as standard input.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_with(args, stdin, |_| {})
}

fn run_with(args: &[&str], stdin: &[u8], setup: impl FnOnce(&mut std::process::Command)) -> Output {
    let mut cmd = breakwater_tests::program::command();
    cmd.arg("run")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    setup(&mut cmd);
    let mut child = cmd.spawn().expect("running breakwater");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Written from another thread: the program may fill its output pipe before reading all.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("waiting for breakwater");
    writer.join().unwrap();
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What `filter.c` makes of `input`: ASCII letters' case swapped, every other byte kept.
fn swap_case(input: &[u8]) -> Vec<u8> {
    input
        .iter()
        .map(|&b| match b {
            b'a'..=b'z' | b'A'..=b'Z' => b ^ 0x20,
            _ => b,
        })
        .collect()
}

/// Every byte value, then a few hundred KiB of pseudo-random bytes (more than the program's
/// and libc's buffers, so that reads and writes are split).
fn binary_input() -> Vec<u8> {
    let mut data: Vec<u8> = (0..=255).collect();
    let mut x = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        data.push(x as u8);
    }
    data
}

#[test]
fn stdin_to_stdout_byte_for_byte() {
    let filter = program("filter");
    let input = binary_input();
    for debug in [false, true] {
        let mut args = vec![];
        if debug {
            args.push("--debug");
        }
        args.push(filter.to_str().unwrap());
        let out = run(&args, &input);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(
            out.stdout == swap_case(&input),
            "output differs (debug: {debug})"
        );
        assert_eq!(
            text(&out.stderr),
            format!("filter: {} bytes\n", input.len())
        );
    }
}

#[test]
fn exit_codes_are_wasmtimes() {
    let filter = program("filter");
    let f = filter.to_str().unwrap();
    // main's return value and exit(n) become proc_exit(n): the process exits with n (as the
    // operating system keeps it: its low 8 bits).
    for (arg, code) in [("0", 0), ("3", 3), ("125", 125), ("255", 255), ("300", 44)] {
        let out = run(&[f, arg], b"x");
        assert_eq!(
            out.status.code(),
            Some(code),
            "exit({arg}): {}",
            text(&out.stderr)
        );
        assert_eq!(out.stdout, b"X");
    }
    // abort() is a trap: wasmtime exits with 134 (a process killed by SIGABRT) and says why.
    let out = run(&[f, "abort"], b"abc");
    assert_eq!(out.status.code(), Some(134));
    assert_eq!(
        out.stdout, b"ABC",
        "what was written before the trap is kept"
    );
    let err = text(&out.stderr);
    assert!(err.contains("wasm trap: unreachable"), "{err}");
    assert!(err.contains("filter!abort"), "{err}");
}

#[test]
fn a_trap_shows_the_wasm_backtrace_with_names() {
    let crash = program("crash");
    for debug in [false, true] {
        let mut args = vec![];
        if debug {
            args.push("--debug");
        }
        args.push(crash.to_str().unwrap());
        let out = run(&args, b"");
        assert_eq!(out.status.code(), Some(134));
        assert!(out.stdout.is_empty());
        let err = text(&out.stderr);
        assert!(err.contains("integer divide by zero"), "{err}");
        let frames: Vec<&str> = err
            .lines()
            .filter_map(|l| l.split_once(" - crash!").map(|(_, f)| f))
            .collect();
        assert!(
            frames.starts_with(&["divide", "average", "main"]),
            "frames {frames:?} in\n{err}"
        );
        assert!(frames.ends_with(&["_start.command_export"]), "{err}");
    }
}

/// A scratch directory for `sandbox.c`: `box/` (the one to give it, with `in.txt`, `sub/`,
/// and symlinks out of it) beside `secret.txt` (which it must not reach).
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("box/sub")).unwrap();
        std::fs::write(root.join("secret.txt"), "secret").unwrap();
        std::fs::write(root.join("box/in.txt"), "inside").unwrap();
        std::os::unix::fs::symlink("../secret.txt", root.join("box/up")).unwrap();
        std::os::unix::fs::symlink(root.join("secret.txt"), root.join("box/absolute")).unwrap();
        std::os::unix::fs::symlink("sub/../in.txt", root.join("box/inner")).unwrap();
        Sandbox { dir }
    }
    fn dir_arg(&self) -> String {
        format!("{}::/sandbox", self.dir.path().join("box").display())
    }
}

#[test]
fn the_guest_reaches_only_what_it_is_given() {
    let sandbox = Sandbox::new();
    let prog = program("sandbox");
    let p = prog.to_str().unwrap();
    let dir = sandbox.dir_arg();
    let paths = [
        "/sandbox/in.txt",
        "/sandbox/sub/../in.txt",
        "/sandbox/inner",
        "/sandbox/../secret.txt",
        "/sandbox/sub/../../secret.txt",
        "/sandbox/up",
        "/sandbox/absolute",
        "/secret.txt",
        "../secret.txt",
    ];
    let mut args = vec!["--dir", &dir, "--env", "GREETING=hi there", p];
    args.extend(paths);
    let out = run_with(&args, b"", |cmd| {
        cmd.env("HOST_ONLY", "not for the guest");
    });
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut expected = format!("arg 0: {p}\n");
    for (i, path) in paths.iter().enumerate() {
        expected += &format!("arg {}: {path}\n", i + 1);
    }
    expected += "env GREETING=hi there\n\
                 read back: written by the guest\n\
                 list /sandbox: . .. absolute in.txt inner sub up written.txt\n\
                 open /sandbox/in.txt: ok, 6 bytes: inside\n\
                 open /sandbox/sub/../in.txt: ok, 6 bytes: inside\n\
                 open /sandbox/inner: ok, 6 bytes: inside\n\
                 open /sandbox/../secret.txt: Operation not permitted\n\
                 open /sandbox/sub/../../secret.txt: Operation not permitted\n\
                 open /sandbox/up: Operation not permitted\n\
                 open /sandbox/absolute: Operation not permitted\n\
                 open /secret.txt: Capabilities insufficient\n\
                 open ../secret.txt: Capabilities insufficient\n";
    assert_eq!(text(&out.stdout), expected);
    // The guest's file is in the directory given, nothing was written outside it.
    let written = sandbox.dir.path().join("box/written.txt");
    assert_eq!(
        std::fs::read_to_string(written).unwrap(),
        "written by the guest\n"
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.dir.path().join("secret.txt")).unwrap(),
        "secret"
    );
}

#[test]
fn nothing_is_given_unless_asked_for() {
    let prog = program("sandbox");
    let p = prog.to_str().unwrap();
    let out = run_with(&[p], b"", |cmd| {
        cmd.env("HOST_ONLY", "not for the guest");
    });
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        !stdout.contains("env "),
        "no environment variable: {stdout}"
    );
    assert!(
        stdout.contains("create: Capabilities insufficient"),
        "{stdout}"
    );
    assert!(
        stdout.contains("list /sandbox: Capabilities insufficient"),
        "{stdout}"
    );

    // --env NAME passes this process's value; --inherit-env passes them all.
    let out = run_with(&["--env", "HOST_ONLY", p], b"", |cmd| {
        cmd.env("HOST_ONLY", "given");
    });
    assert!(text(&out.stdout).contains("env HOST_ONLY=given\n"));
    let out = run_with(&["--inherit-env", p], b"", |cmd| {
        cmd.env("HOST_ONLY", "all of them");
    });
    assert!(text(&out.stdout).contains("env HOST_ONLY=all of them\n"));
}

#[test]
fn a_missing_directory_is_an_error() {
    let prog = program("sandbox");
    let out = run(
        &["--dir", "/nonexistent/breakwater", prog.to_str().unwrap()],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot open directory /nonexistent/breakwater"));
}

#[test]
fn modules_without_wasi_still_run_with_invoke() {
    let dir = tempfile::tempdir().unwrap();
    let wat = dir.path().join("add.wat");
    std::fs::write(
        &wat,
        r#"(module (func (export "add") (param i32 i32) (result i32)
             (i32.add (local.get 0) (local.get 1))))"#,
    )
    .unwrap();
    let out = run(
        &[
            "--dir",
            ".",
            wat.to_str().unwrap(),
            "--invoke",
            "add",
            "2",
            "3",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "5\n");
}

/// The debugger stops at a breakpoint in a WASI program (debug code, through the API).
#[test]
fn the_debugger_stops_in_a_wasi_program() {
    let engine = Engine::new(Config::new().debug(true)).unwrap();
    let module = Module::new(&engine, std::fs::read(program("crash")).unwrap()).unwrap();
    let divide = (0..module.compiled().info.functions.len() as u32)
        .find(|&i| module.func_name(i) == Some("divide"))
        .expect("crash.wasm names its functions");
    let out = tempfile::tempfile().unwrap();
    let ctx = WasiCtxBuilder::new()
        .arg("crash")
        .stdout(out.try_clone().unwrap())
        .build();
    let mut store = Store::new(&engine, ctx);
    let mut linker = Linker::new(&engine);
    wasi::add_to_linker(&mut linker, |ctx: &mut WasiCtx| ctx).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();

    let stops = Arc::new(Mutex::new(Vec::new()));
    let log = stops.clone();
    let debugger = instance
        .attach_debugger(&mut store, move |stop| {
            let locals: Vec<u64> = stop.locals().iter().map(|v| v.bits).collect();
            log.lock()
                .unwrap()
                .push((stop.reason(), stop.func_index(), locals));
            ResumeAction::Continue
        })
        .unwrap();
    let entry = debugger.breakable_offsets(divide)[0];
    debugger.set_breakpoint(divide, entry).unwrap();

    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .unwrap();
    let err = start
        .call(&mut store, ())
        .expect_err("crash.wasm divides by zero");
    assert_eq!(
        err.as_trap().map(|t| t.kind),
        Some(TrapKind::IntegerDivideByZero)
    );
    let stops = stops.lock().unwrap();
    // divide(10, argc - 1) with one argument: a = 10, b = 0.
    let (reason, func, locals) = &stops[0];
    assert_eq!((*reason, *func), (StopReason::Breakpoint, divide));
    assert_eq!(&locals[..2], &[10, 0]);
}

/// The bindings through the API: errno results, guest memory checks, the memory export.
#[test]
fn calls_return_errno_values() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
          (import "wasi_snapshot_preview1" "fd_write"
            (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_seek"
            (func $fd_seek (param i32 i64 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello")
          (func (export "write") (result i32)
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 5))
            (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
          (func (export "nwritten") (result i32) (i32.load (i32.const 8)))
          (func (export "bad_whence") (result i32)
            (call $fd_seek (i32.const 1) (i64.const 0) (i32.const 256) (i32.const 8)))
          (func (export "stream_seek") (result i32)
            (call $fd_seek (i32.const 1) (i64.const 0) (i32.const 0) (i32.const 8)))
          (func (export "fault") (result i32)
            (call $fd_write (i32.const 1) (i32.const 65534) (i32.const 1) (i32.const 8)))
          (func (export "bad_fd") (result i32)
            (call $fd_write (i32.const 9) (i32.const 0) (i32.const 1) (i32.const 8))))"#,
    )
    .unwrap();
    let out = tempfile::NamedTempFile::new().unwrap();
    let ctx = WasiCtxBuilder::new().stdout(out.reopen().unwrap()).build();
    let mut store = Store::new(&engine, ctx);
    let mut linker = Linker::new(&engine);
    wasi::add_to_linker(&mut linker, |ctx: &mut WasiCtx| ctx).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let mut call = |name: &str| {
        instance
            .get_typed_func::<(), i32>(&mut store, name)
            .unwrap()
            .call(&mut store, ())
            .unwrap()
    };
    assert_eq!(call("write"), 0);
    assert_eq!(call("nwritten"), 5);
    assert_eq!(call("bad_whence"), wasi::Errno::Inval.code());
    assert_eq!(call("stream_seek"), wasi::Errno::Spipe.code());
    assert_eq!(call("fault"), wasi::Errno::Fault.code());
    assert_eq!(call("bad_fd"), wasi::Errno::Badf.code());
    assert_eq!(std::fs::read_to_string(out.path()).unwrap(), "hello");
}

#[test]
fn a_module_without_memory_gets_an_error_not_a_crash() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
          (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_sizes_get"
            (func $sizes (param i32 i32) (result i32)))
          (func (export "close") (result i32) (call $close (i32.const 9)))
          (func (export "sizes") (result i32) (call $sizes (i32.const 0) (i32.const 4))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, WasiCtxBuilder::new().build());
    let mut linker = Linker::new(&engine);
    wasi::add_to_linker(&mut linker, |ctx: &mut WasiCtx| ctx).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let close = instance
        .get_typed_func::<(), i32>(&mut store, "close")
        .unwrap();
    assert_eq!(
        close.call(&mut store, ()).unwrap(),
        wasi::Errno::Badf.code()
    );
    let sizes = instance
        .get_typed_func::<(), i32>(&mut store, "sizes")
        .unwrap();
    let err = sizes.call(&mut store, ()).unwrap_err();
    assert!(err.to_string().contains("exports no memory"), "{err}");
}
