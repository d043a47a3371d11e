//! Differential execution: a wasm-smith module's exported functions, called in export order
//! with arguments from the input, on Breakwater (normal code and debug code) and on wasmtime.
//! Results, traps (by kind), and the exported globals and memory afterwards must agree.
//! Loops and recursion are bounded by wasm-smith's `ensure_termination` fuel, alike in every
//! engine; a stack overflow ends the comparison (each engine's stack ends elsewhere).
//!
//! With `BREAKWATER_CORPUS_EXPECTATIONS=<file>` in its environment, the target instead writes
//! the seeded corpus test's expectations (wasmtime's outcomes) to the file and exits.
#![no_main]

use breakwater_fuzz::common::{self, ENGINE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        #[cfg(feature = "wasmtime")]
        if let Some(path) = std::env::var_os("BREAKWATER_CORPUS_EXPECTATIONS") {
            let mut out = std::fs::File::create(&path).expect("creating the expectations file");
            breakwater_fuzz::write_corpus_expectations(&mut out)
                .expect("writing the expectations file");
            std::process::exit(0);
        }
    },
    |data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(wasm) = common::smith_module(&mut u) else {
        return;
    };
    // Arguments from what wasm-smith left of the input (zeros once it is used up).
    let mut next = || u.arbitrary::<u64>().unwrap_or(0);
    let calls = common::plan_calls(&ENGINE, &wasm, &mut next);
    breakwater_fuzz::differential(&wasm, &calls);
    }
);
