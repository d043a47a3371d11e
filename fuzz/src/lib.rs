//! Shared code of Breakwater's fuzz targets: module generation and outcomes ([`common`], also
//! used by `tests/differential_corpus.rs`), and the reference engine (`reference`: wasmtime,
//! the default feature `wasmtime`).

pub mod common;
#[cfg(feature = "wasmtime")]
pub mod reference;

use common::{Calls, RunOutcome};

/// Runs `wasm`'s calls on wasmtime and on Breakwater's normal and debug code, and panics (a
/// finding) when they disagree. Without the `wasmtime` feature (the quick CI smoke build), the
/// reference is Breakwater's normal code and only debug code is compared with it. Returns
/// whether anything was compared.
pub fn differential(wasm: &[u8], calls: &Calls) -> bool {
    #[cfg(feature = "wasmtime")]
    let (expected, reference_name, engines) = match reference::run(wasm, calls) {
        Ok(outcome) => (outcome, "wasmtime", [false, true].as_slice()),
        Err(_) => return false,
    };
    #[cfg(not(feature = "wasmtime"))]
    let (expected, reference_name, engines) =
        match common::run_breakwater(&common::ENGINE, wasm, calls) {
            Ok(outcome) => (outcome, "Breakwater normal code", [true].as_slice()),
            Err(common::Skip::Resource(_)) => return false,
            Err(common::Skip::Compile(e)) => {
                panic!("Breakwater rejected a valid wasm-smith module: {e}")
            }
        };
    let mut compared = false;
    for &debug in engines {
        let engine = if debug {
            &*common::DEBUG_ENGINE
        } else {
            &*common::ENGINE
        };
        let actual = match common::run_breakwater(engine, wasm, calls) {
            Ok(outcome) => outcome,
            Err(common::Skip::Resource(_)) => continue,
            Err(common::Skip::Compile(e)) => {
                panic!("Breakwater (debug: {debug}) rejected a module {reference_name} ran: {e}")
            }
        };
        let what = if debug { "debug code" } else { "normal code" };
        compared |= assert_same(
            &expected,
            &actual,
            reference_name,
            &format!("Breakwater {what}"),
        );
    }
    compared
}

/// Panics with both outcomes if they differ in anything before a stack overflow (where the
/// stack ends is each engine's own). Returns whether anything was compared. `left` and
/// `right` name the runs in the message.
pub fn assert_same(expected: &RunOutcome, actual: &RunOutcome, left: &str, right: &str) -> bool {
    use RunOutcome::*;
    match (expected, actual) {
        (
            Ran {
                calls: want,
                after: want_after,
            },
            Ran {
                calls: got,
                after: got_after,
            },
        ) => {
            for (i, (w, g)) in want.iter().zip(got.iter()).enumerate() {
                let overflow = common::CallOutcome::Trapped(common::TrapClass::StackOverflow);
                if w.1 == overflow || g.1 == overflow {
                    return i > 0;
                }
                assert_eq!(w, g, "call {i} differs: {left} (left) vs {right} (right)");
            }
            assert_eq!(
                want.len(),
                got.len(),
                "number of calls differs: {left} vs {right}"
            );
            assert_eq!(
                want_after.globals, got_after.globals,
                "globals after the calls differ: {left} (left) vs {right} (right)"
            );
            for ((wn, wm), (gn, gm)) in want_after.memories.iter().zip(&got_after.memories) {
                assert_eq!(wn, gn);
                assert_eq!(
                    wm.len(),
                    gm.len(),
                    "memory {wn:?} sizes differ: {left} vs {right}"
                );
                if let Some(at) = wm.iter().zip(gm.iter()).position(|(a, b)| a != b) {
                    panic!(
                        "memory {wn:?} differs first at byte {at:#x}: {left} {:#04x} vs {right} {:#04x}",
                        wm[at], gm[at]
                    );
                }
            }
            true
        }
        _ if expected.stack_overflowed() || actual.stack_overflowed() => false,
        _ => {
            assert_eq!(
                expected, actual,
                "instantiation differs: {left} (left) vs {right} (right)"
            );
            true
        }
    }
}

/// Writes `tests/differential_corpus.expected`: wasmtime's outcomes for the seeded corpus that
/// `tests/differential_corpus.rs` runs through Breakwater on every ISA. Cases where wasmtime
/// overflows its stack are left out (where a stack ends is each engine's own). Each recorded
/// case is also run on this machine's Breakwater (normal and debug code), which panics if it
/// disagrees: a finding to fix, not an expectation to record.
#[cfg(feature = "wasmtime")]
pub fn write_corpus_expectations(out: &mut impl std::io::Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# wasmtime's outcomes for the seeded wasm-smith corpus of tests/differential_corpus.rs"
    )?;
    writeln!(
        out,
        "# (written by fuzz/, see README.md, \"Fuzzing\"; do not edit)"
    )?;
    for seed in 0..common::CORPUS_SIZE {
        let Some((wasm, calls)) = common::corpus_case(&common::ENGINE, seed) else {
            writeln!(out, "seed {seed}: no module")?;
            continue;
        };
        let expected = match reference::run(&wasm, &calls) {
            Ok(expected) => expected,
            Err(e) => {
                eprintln!("seed {seed}: wasmtime could not run it: {e}");
                writeln!(out, "seed {seed}: left out (wasmtime could not run it)")?;
                continue;
            }
        };
        if expected.stack_overflowed() {
            writeln!(out, "seed {seed}: left out (stack overflow)")?;
            continue;
        }
        differential(&wasm, &calls);
        writeln!(
            out,
            "seed {seed}: module fnv1a {:#018x}",
            common::fnv1a(&wasm)
        )?;
        for line in expected.lines() {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}
