//! Compilation: arbitrary bytes and wasm-smith modules are validated and compiled as normal
//! and as debug code. Never a panic, a hang or a crash, and wasmparser's verdict on validity
//! (WebAssembly 2.0 without SIMD) is respected: what it rejects Breakwater rejects; what it
//! accepts Breakwater compiles, unless an implementation limit stops it, or the module's
//! memory limits are overlong LEB128s (wasmparser reads them as u64s and accepts them; the 2.0
//! binary format does not, and neither does Breakwater). For debug code, every function's
//! site tables are regenerated (the debugger's recompilation) and must match the published
//! code.
#![no_main]

use breakwater::{Error, Module};
use breakwater_core::error::ErrorKind;
use breakwater_fuzz::common::{self, DEBUG_ENGINE, ENGINE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let wasm = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let mut u = arbitrary::Unstructured::new(rest);
        let Ok(wasm) = common::smith_module(&mut u) else {
            return;
        };
        // Every wasm-smith module of this configuration is valid.
        if let Err(e) = wasmparser_verdict(&wasm) {
            panic!("wasm-smith made a module wasmparser rejects: {e}");
        }
        wasm
    };
    check(&wasm);
    // The text format path must not panic either (its verdict is wat's).
    if mode % 4 == 2 {
        let _ = Module::new(&ENGINE, rest);
    }
});

fn wasmparser_verdict(wasm: &[u8]) -> Result<(), wasmparser::BinaryReaderError> {
    let features = breakwater_core_features();
    wasmparser::Validator::new_with_features(features)
        .validate_all(wasm)
        .map(|_| ())
}

/// WebAssembly 2.0 without SIMD, as Breakwater's core declares it (repeated here, not
/// imported, so that a change there shows up as a finding).
fn breakwater_core_features() -> wasmparser::WasmFeatures {
    use wasmparser::WasmFeatures as F;
    F::MVP
        | F::MUTABLE_GLOBAL
        | F::SATURATING_FLOAT_TO_INT
        | F::SIGN_EXTENSION
        | F::MULTI_VALUE
        | F::BULK_MEMORY
        | F::REFERENCE_TYPES
        | F::FLOATS
}

fn check(wasm: &[u8]) {
    let verdict = wasmparser_verdict(wasm);
    let validated = Module::validate(&ENGINE, wasm);
    for debug in [false, true] {
        let engine = if debug { &*DEBUG_ENGINE } else { &*ENGINE };
        let compiled = Module::from_binary(engine, wasm);
        match (&verdict, &compiled) {
            (Ok(()), Ok(module)) => {
                if debug {
                    check_sites(module);
                }
            }
            (Err(_), Err(_)) => {}
            (Err(e), Ok(_)) => {
                panic!("Breakwater (debug: {debug}) compiled a module wasmparser rejects: {e}")
            }
            (Ok(()), Err(e)) => {
                if !allowed_rejection_of_valid(wasm, e) {
                    panic!("Breakwater (debug: {debug}) rejected a module wasmparser accepts: {e}");
                }
            }
        }
        // Validation alone must agree with compilation.
        assert_eq!(
            validated.is_ok(),
            compiled.is_ok() || matches!(&compiled, Err(e) if is_limit(e)),
            "Module::validate ({validated:?}) and compilation (debug: {debug}, {:?}) disagree",
            compiled.as_ref().err()
        );
    }
}

/// An implementation limit (or a resource, e.g. executable memory, that ran out).
fn is_limit(e: &Error) -> bool {
    match e {
        Error::Resource(_) => true,
        Error::Compile(c) => c.kind() == ErrorKind::Limit,
        _ => false,
    }
}

/// Whether Breakwater may reject a module that wasmparser accepts: an implementation limit,
/// or an error inside the memory section (overlong limits, see the file's comment).
fn allowed_rejection_of_valid(wasm: &[u8], e: &Error) -> bool {
    if is_limit(e) {
        return true;
    }
    let Error::Compile(c) = e else {
        return false;
    };
    let Some(offset) = c.offset() else {
        return false;
    };
    memory_section(wasm).is_some_and(|r| r.contains(&offset))
}

fn memory_section(wasm: &[u8]) -> Option<std::ops::Range<usize>> {
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let Ok(wasmparser::Payload::MemorySection(reader)) = payload {
            let r = reader.range();
            return Some(r.start as usize..r.end as usize);
        }
    }
    None
}

/// The debugger regenerates a function's sites by recompiling it; that must succeed for
/// every function of a module that compiled, and give code of the published length.
fn check_sites(module: &Module) {
    let compiled = module.compiled();
    let defined = compiled.info.functions.len() as u32 - compiled.info.num_imported_funcs;
    for f in 0..defined {
        if let Err(e) = compiled.function_sites(f) {
            panic!("regenerating the sites of defined function {f} failed: {e}");
        }
    }
}
