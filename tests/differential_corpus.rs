//! A seeded, deterministic wasm-smith corpus (WebAssembly 2.0 without SIMD) run through
//! Breakwater as normal and as debug code and compared with wasmtime's outcomes, recorded in
//! `differential_corpus.expected` by the `differential` fuzz target (see README.md, "Fuzzing"): the results of
//! every exported function's call, traps by kind, and the exported globals and memory (as a
//! hash) afterwards. This is how the AArch64 backend meets the fuzzers' differential oracle:
//! `.ci/aarch64-tests` runs this test under qemu. The fuzz targets themselves are in `fuzz/`.

#[allow(dead_code)]
#[path = "../fuzz/src/common.rs"]
mod common;

use std::collections::HashMap;

const EXPECTED: &str = include_str!("differential_corpus.expected");

/// The expectations file's cases: seed -> (header, lines).
fn expectations() -> HashMap<u64, (String, Vec<String>)> {
    let mut cases: HashMap<u64, (String, Vec<String>)> = HashMap::new();
    let mut current = None;
    for line in EXPECTED.lines().filter(|l| !l.starts_with('#')) {
        if let Some(rest) = line.strip_prefix("seed ") {
            let (seed, header) = rest.split_once(": ").expect("`seed N: ...`");
            let seed: u64 = seed.parse().expect("a seed number");
            cases.insert(seed, (header.to_string(), Vec::new()));
            current = Some(seed);
        } else {
            let seed = current.expect("a case line after a `seed` line");
            let case = cases.get_mut(&seed).expect("the current case");
            case.1.push(line.trim_start().to_string());
        }
    }
    cases
}

#[test]
fn seeded_corpus_matches_wasmtime() {
    // Deep recursion (up to the fuel) needs the engine's whole Wasm stack on this thread.
    let handle = std::thread::Builder::new()
        .stack_size(common::STACK_BYTES + (16 << 20))
        .spawn(run_corpus)
        .expect("spawning the corpus thread");
    if let Err(payload) = handle.join() {
        std::panic::resume_unwind(payload);
    }
}

fn run_corpus() {
    let expected = expectations();
    assert_eq!(
        expected.len() as u64,
        common::CORPUS_SIZE,
        "differential_corpus.expected has {} cases, the corpus {}: regenerate it (see \
         README.md, \"Fuzzing\")",
        expected.len(),
        common::CORPUS_SIZE
    );
    let (mut compared, mut lines_compared, mut cut_short) = (0, 0, 0);
    for seed in 0..common::CORPUS_SIZE {
        let (header, want) = &expected[&seed];
        let Some(hash) = header.strip_prefix("module fnv1a ") else {
            continue; // left out when recorded (no module, or a stack overflow)
        };
        let (wasm, calls) = common::corpus_case(&common::ENGINE, seed).unwrap_or_else(|| {
            panic!("seed {seed}: wasm-smith made no module, but one was recorded")
        });
        assert_eq!(
            format!("{:#018x}", common::fnv1a(&wasm)),
            hash,
            "seed {seed}: wasm-smith made another module than the recorded one (a new \
             wasm-smith version?): regenerate differential_corpus.expected"
        );
        for (engine, what) in [
            (&*common::ENGINE, "normal code"),
            (&*common::DEBUG_ENGINE, "debug code"),
        ] {
            let outcome = common::run_breakwater(engine, &wasm, &calls).unwrap_or_else(|e| {
                panic!("seed {seed}: Breakwater ({what}) did not run it: {e:?}")
            });
            let got = outcome.lines();
            // Where the stack ends is Breakwater's own (it differs between ISAs and between
            // normal and debug code): compare up to a stack overflow.
            let overflow_at = got
                .iter()
                .position(|l| l.ends_with("trapped StackOverflow"));
            let upto = overflow_at.unwrap_or(got.len());
            if overflow_at.is_some() {
                cut_short += 1;
            } else {
                assert_eq!(
                    got.len(),
                    want.len(),
                    "seed {seed} ({what}): number of lines"
                );
            }
            for (i, (g, w)) in got.iter().zip(want.iter()).take(upto).enumerate() {
                assert_eq!(
                    g, w,
                    "seed {seed} ({what}), line {i}: Breakwater (left) vs wasmtime (right)"
                );
            }
            lines_compared += upto;
        }
        compared += 1;
    }
    println!(
        "{compared} modules, {lines_compared} outcome lines compared ({cut_short} runs cut short by a stack overflow)"
    );
    assert!(
        compared >= common::CORPUS_SIZE / 2,
        "only {compared} modules compared"
    );
}
