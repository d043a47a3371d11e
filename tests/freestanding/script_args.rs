//! The script's `invoke` checks its arguments against the function's parameters: a missing or
//! extra argument, or a value of another type, is an `error` line with a reason on stderr,
//! and the function does not run.

use std::io::Write;
use std::process::Stdio;

use breakwater::artifact::Target;
use libtest_mimic::Failed;

const ADD: &str = r#"(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))"#;

pub fn invoke_checks_arguments(target: Target) -> Result<(), Failed> {
    let wasm = wat::parse_str(ADD)?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("add.bwm");
    std::fs::write(&path, breakwater::artifact::compile(&wasm, target, false)?)?;
    let script = format!(
        "module {}\ninvoke 0 n616464 i32:1 i32:2\ninvoke 0 n616464 i32:1\n\
         invoke 0 n616464 i32:1 i32:2 i32:3\ninvoke 0 n616464 i64:1 i32:2\n\
         invoke 0 n616464 f32:1 i32:2\n",
        path.display()
    );
    let mut child = super::host::command(target)?
        .arg("script")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(script.as_bytes())?;
    let output = child.wait_with_output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = "module ok\nok i32:00000003\nerror\nerror\nerror\nerror\n";
    if stdout != expected {
        return Err(format!("stdout {stdout:?}, expected {expected:?}; stderr: {stderr}").into());
    }
    for reason in [
        "1 arguments for 2 parameters",
        "3 arguments for 2 parameters",
        "argument 0 `i64:1` is not a i32 value",
        "argument 0 `f32:1` is not a i32 value",
    ] {
        if !stderr.contains(reason) {
            return Err(format!("stderr lacks {reason:?}: {stderr}").into());
        }
    }
    Ok(())
}
