//! The `breakwater` program, run as a user would: `demo`, `run` (results, traps, errors) and
//! `wast` (output format and exit code).
//! (`breakwater_tests::program` says which binary runs.)

use std::io::Write;
use std::path::PathBuf;
use std::process::Output;

fn breakwater(args: &[&str]) -> Output {
    breakwater_tests::program::command()
        .args(args)
        .output()
        .expect("running breakwater")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A temporary file with `contents` and the extension `ext`, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        let dir = std::env::temp_dir().join(format!("breakwater-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(contents))
            .unwrap();
        TempFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const MATH_WAT: &str = r#"(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "pair") (param i64 f64) (result i64 f64) (local.get 0) (local.get 1))
  (func (export "half") (param f32) (result f32) (f32.mul (local.get 0) (f32.const 0.5))))"#;

#[test]
fn help_everywhere() {
    for args in [
        &["--help"][..],
        &["run", "--help"],
        &["wast", "--help"],
        &["demo", "--help"],
        &["compile", "--help"],
    ] {
        let out = breakwater(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains("Usage"),
            "{args:?}: {}",
            text(&out.stdout)
        );
    }
}

#[test]
fn no_command_is_a_usage_error() {
    let out = breakwater(&[]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("Usage"), "{}", text(&out.stderr));
}

#[test]
fn demo_runs_fib() {
    let out = breakwater(&["demo"]);
    let stdout = text(&out.stdout);
    assert!(
        out.status.success(),
        "stdout:\n{stdout}\nstderr:\n{}",
        text(&out.stderr)
    );
    assert!(stdout.contains("fib(10) =      55"), "{stdout}");
    assert!(stdout.contains("fib(30) =  832040"), "{stdout}");
    // The debugging part: a breakpoint stop in fib(2) (n = 2, fib(1) and fib(0) on the stack),
    // steps, the result, and the code untouched.
    assert!(
        stdout
            .contains("stop 1 (Breakpoint) in function 0 at offset 0x3a: n = [2], stack = [1, 0]"),
        "{stdout}"
    );
    assert!(stdout.contains("stop 2 (Step)"), "{stdout}");
    assert!(stdout.contains("fib(3) = 2"), "{stdout}");
    assert!(
        stdout.contains("The code's bytes are unchanged"),
        "{stdout}"
    );
}

#[test]
fn wast_runs_debug_code() {
    let script = TempFile::new(
        "debug.wast",
        b"(module (func (export \"f\") (param i32) (result i32) local.get 0 i32.const 1 i32.add))\n\
          (assert_return (invoke \"f\" (i32.const 41)) (i32.const 42))\n",
    );
    for args in [&["wast", "--debug"][..], &["wast", "--step"][..]] {
        let mut args = args.to_vec();
        args.push(script.path());
        let out = breakwater(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "2 passed, 0 failed\n");
    }
}

#[test]
fn run_prints_results() {
    let wat = TempFile::new("math.wat", MATH_WAT.as_bytes());
    let out = breakwater(&["run", wat.path(), "--invoke", "add", "40", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "42\n");

    let out = breakwater(&["run", wat.path(), "--invoke", "add", "-5", "0xffffffff"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "-6\n");

    let out = breakwater(&["run", wat.path(), "--invoke", "pair", "-7", "2.5"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "-7\n2.5\n");

    let out = breakwater(&["run", "--invoke", "half", wat.path(), "-inf"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "-inf\n");
}

#[test]
fn run_binary_module() {
    let bytes = wat::parse_str(MATH_WAT).unwrap();
    let wasm = TempFile::new("math.wasm", &bytes);
    let out = breakwater(&["run", wasm.path(), "--invoke", "add", "1", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "3\n");
}

#[test]
fn run_calls_start_or_main() {
    let wat = TempFile::new(
        "main.wat",
        br#"(module (func (export "main") (result i32) (i32.const 7)))"#,
    );
    let out = breakwater(&["run", wat.path()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "7\n");

    let wat = TempFile::new("nothing.wat", br#"(module (func (export "f")))"#);
    let out = breakwater(&["run", wat.path()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn run_trap_exits_1_with_kind_and_location() {
    let wat = TempFile::new("trap.wat", MATH_WAT.as_bytes());
    let out = breakwater(&["run", wat.path(), "--invoke", "div", "1", "0"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("integer divide by zero"), "{stderr}");
    assert!(stderr.contains("function 1"), "{stderr}");
    assert!(stderr.contains("offset"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn run_errors_are_clean() {
    // Missing file.
    let out = breakwater(&["run", "/nonexistent/breakwater-test.wasm"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot read"),
        "{}",
        text(&out.stderr)
    );

    // Invalid module.
    let bad = TempFile::new("bad.wasm", b"\0asm\x01\0\0\0\x01\xff");
    let out = breakwater(&["run", bad.path()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("invalid module"),
        "{}",
        text(&out.stderr)
    );

    // Unknown export, wrong argument count, unparsable argument.
    let wat = TempFile::new("args.wat", MATH_WAT.as_bytes());
    for args in [
        &["--invoke", "nope"][..],
        &["--invoke", "add", "1"],
        &["--invoke", "add", "1", "x"],
    ] {
        let mut all = vec!["run", wat.path()];
        all.extend_from_slice(args);
        let out = breakwater(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn wast_reports_failures_and_counts() {
    let good = TempFile::new(
        "good.wast",
        br#"(module (func (export "f") (result i32) (i32.const 1)))
(assert_return (invoke "f") (i32.const 1))
(assert_trap (module (func $u unreachable) (start $u)) "unreachable")
"#,
    );
    let out = breakwater(&["wast", good.path()]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "3 passed, 0 failed\n");

    let bad = TempFile::new(
        "bad.wast",
        br#"(module (func (export "f") (result i32) (i32.const 1)))
(assert_return (invoke "f") (i32.const 2))
(assert_return (invoke "f") (i32.const 1))
(assert_return (invoke "missing"))
"#,
    );
    let out = breakwater(&["wast", good.path(), bad.path()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[0].starts_with(&format!("{}:2: ", bad.path())),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with(&format!("{}:4: ", bad.path())),
        "{stdout}"
    );
    assert_eq!(lines[2], "5 passed, 2 failed");
}

#[test]
fn wast_runs_directories_with_skips() {
    let dir = std::env::temp_dir().join(format!("breakwater-cli-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.wast"),
        "(module (func (export \"f\") (result i32) (i32.const 1)))\n\
         (assert_return (invoke \"f\") (i32.const 1))\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("simd_x.wast"),
        "(assert_return (invoke \"f\") (i32.const 1))\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let out = breakwater(&["wast", d, "--skip", "simd_"]);
    let skipped = text(&out.stdout);
    let out_all = breakwater(&["wast", d]);
    let all = text(&out_all.stdout);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{skipped}");
    assert_eq!(skipped, "2 passed, 0 failed\n");
    assert_eq!(out_all.status.code(), Some(1), "{all}");
    assert!(all.ends_with("2 passed, 1 failed\n"), "{all}");
    assert!(all.contains("simd_x.wast:1: "), "{all}");
}

#[test]
fn run_provides_spectest_prints() {
    let wat = TempFile::new(
        "print.wat",
        br#"(module (import "spectest" "print_i32" (func $p (param i32)))
             (import "spectest" "global_i32" (global $g i32))
             (func (export "main") (call $p (global.get $g))))"#,
    );
    let out = breakwater(&["run", wat.path()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "666 : i32\n");

    let wat = TempFile::new("import.wat", br#"(module (import "env" "f" (func)))"#);
    let out = breakwater(&["run", wat.path()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("env"), "{}", text(&out.stderr));
}

/// `compile` writes an artifact that `run` loads: the same results and traps as the module
/// itself; an artifact of the other target or a damaged one is a clear error (exit code 2).
#[test]
fn compiled_artifacts_run_like_their_modules() {
    let wat = TempFile::new("math-aot.wat", MATH_WAT.as_bytes());
    for debug in [false, true] {
        let out_path = TempFile::new(&format!("math-{debug}.bwm"), b"");
        let mut args = vec!["compile", wat.path(), "-o", out_path.path()];
        if debug {
            args.push("--debug");
        }
        let out = breakwater(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        for (invoke, expected) in [
            (&["add", "2", "40"][..], "42\n"),
            (&["pair", "-7", "2.5"], "-7\n2.5\n"),
        ] {
            let mut args = vec!["run", out_path.path(), "--invoke"];
            args.extend_from_slice(invoke);
            let from_artifact = breakwater(&args);
            args[1] = wat.path();
            let from_module = breakwater(&args);
            assert!(
                from_artifact.status.success(),
                "{}",
                text(&from_artifact.stderr)
            );
            assert_eq!(text(&from_artifact.stdout), expected);
            assert_eq!(text(&from_artifact.stdout), text(&from_module.stdout));
        }
        let trap = breakwater(&["run", out_path.path(), "--invoke", "div", "1", "0"]);
        assert_eq!(trap.status.code(), Some(1));
        assert!(
            text(&trap.stderr).contains("integer divide by zero"),
            "{}",
            text(&trap.stderr)
        );
    }

    let native = if cfg!(target_arch = "x86_64") {
        "x86_64"
    } else {
        "aarch64"
    };
    let other = if native == "x86_64" {
        "aarch64"
    } else {
        "x86_64"
    };
    let foreign = TempFile::new("math-other.bwm", b"");
    let out = breakwater(&[
        "compile",
        wat.path(),
        "-o",
        foreign.path(),
        "--target",
        other,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = breakwater(&["run", foreign.path(), "--invoke", "add", "1", "2"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "artifact compiled for {other}, this machine runs {native}"
        )),
        "{stderr}"
    );

    let good = std::fs::read(foreign.path()).unwrap();
    let damaged = TempFile::new("math-damaged.bwm", &good[..good.len() - 1]);
    let out = breakwater(&["run", damaged.path(), "--invoke", "add", "1", "2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot load the artifact: artifact truncated"),
        "{}",
        text(&out.stderr)
    );
}

/// What is not a module or an artifact says what it is instead; an artifact without debug
/// code refuses to be debugged and says how to make one (exit code 2, nothing runs).
#[test]
fn artifact_mistakes_are_named() {
    let wat = TempFile::new("mistakes.wat", MATH_WAT.as_bytes());
    let plain = TempFile::new("mistakes.bwm", b"");
    let out = breakwater(&["compile", wat.path(), "-o", plain.path()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let again = TempFile::new("mistakes-again.bwm", b"");
    let artifact = std::fs::read(plain.path()).unwrap();
    let mut bad_magic = artifact.clone();
    bad_magic[5] = b'X';
    let bad_magic = TempFile::new("mistakes-magic.bwm", &bad_magic);
    let empty = TempFile::new("mistakes-empty.bwm", b"");
    let elf = TempFile::new("mistakes.bin", b"\x7fELF\x02\x01\x01\x00\xff\xfe");
    let cases: [(&[&str], &str); 6] = [
        (
            &["compile", plain.path(), "-o", again.path()],
            "already a Breakwater artifact",
        ),
        (
            &["run", bad_magic.path(), "--invoke", "add", "1", "2"],
            "a damaged Breakwater artifact",
        ),
        (
            &["run", empty.path(), "--invoke", "add", "1", "2"],
            "empty input: neither a module",
        ),
        (
            &["run", elf.path(), "--invoke", "add", "1", "2"],
            r#"nor text (it starts with "\x7fELF"#,
        ),
        (
            &["run", "--debug", plain.path(), "--invoke", "add", "1", "2"],
            "has no debug code, so it cannot be debugged: make it with `breakwater compile --debug`",
        ),
        (
            &["run", "-g", "0", plain.path(), "--invoke", "add", "1", "2"],
            "`breakwater compile --debug`",
        ),
    ];
    for (args, message) in cases {
        let out = breakwater(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!stderr.contains("utf-8"), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// `extract` writes back the module an artifact was compiled from, byte for byte (what LLDB
/// loads); something else is an error (exit code 2).
#[test]
fn extract_gives_back_the_module() {
    let wasm = wat::parse_str(MATH_WAT).unwrap();
    let module = TempFile::new("extract.wasm", &wasm);
    let artifact = TempFile::new("extract.bwm", b"");
    let out = breakwater(&["compile", module.path(), "-o", artifact.path(), "--debug"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let back = TempFile::new("extract-back.wasm", b"");
    let out = breakwater(&["extract", artifact.path(), "-o", back.path()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(back.path()).unwrap(), wasm);
    let out = breakwater(&["extract", module.path(), "-o", back.path()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a valid artifact"),
        "{}",
        text(&out.stderr)
    );
}
