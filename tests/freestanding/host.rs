//! Builds and starts the freestanding host.

use breakwater::artifact::Target;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The Rust target of the freestanding host running `target`'s code.
pub fn rust_target(target: Target) -> &'static str {
    match target {
        Target::X86_64 => "x86_64-unknown-none",
        Target::Aarch64 => "aarch64-unknown-none",
    }
}

/// Builds (or finds up to date) the freestanding host for `target`; an error says what is
/// missing (e.g. the Rust target, which `rustup target add` installs).
pub fn binary(target: Target) -> Result<PathBuf, String> {
    // Built once per run and target (tests run in parallel: one builds, the others wait).
    static BUILT: Mutex<Vec<(Target, Result<PathBuf, String>)>> = Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, result)) = built.iter().find(|(t, _)| *t == target) {
        return result.clone();
    }
    let result = build(target);
    built.push((target, result.clone()));
    result
}

fn build(target: Target) -> Result<PathBuf, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("freestanding");
    let rust_target = rust_target(target);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "--release", "--target", rust_target])
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(root.join("freestanding-host"))
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "building the freestanding host for {rust_target} failed (is the target \
             installed? `rustup target add {rust_target}`):\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let bin = target_dir
        .join(rust_target)
        .join("release/breakwater-freestanding");
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!("no freestanding host at {}", bin.display()))
    }
}

/// A command running the freestanding host for `target`: directly on its own machine (or
/// through `BREAKWATER_TEST_WRAPPER`), else under `qemu-<arch>` (`BREAKWATER_QEMU` overrides
/// the emulator's command).
pub fn command(target: Target) -> Result<Command, String> {
    let bin = binary(target)?;
    // This machine's target runs directly, or through the emulator the tests themselves run
    // under (BREAKWATER_TEST_WRAPPER, as for the `breakwater` program: see `tests/lib.rs`).
    let qemu = if Target::host() == Some(target) {
        match std::env::var("BREAKWATER_TEST_WRAPPER") {
            Ok(wrapper) if !wrapper.trim().is_empty() => wrapper,
            _ => return Ok(Command::new(bin)),
        }
    } else {
        std::env::var("BREAKWATER_QEMU").unwrap_or_else(|_| format!("qemu-{}", target.name()))
    };
    let mut words = qemu.split_whitespace();
    let program = words.next().ok_or("the emulator's command is empty")?;
    let mut c = Command::new(program);
    c.args(words).arg(bin);
    Ok(c)
}
