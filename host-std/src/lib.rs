//! Breakwater: a WebAssembly baseline JIT whose debug code is shared by every instance and thread
//! and never patched. This crate is what an operating system gives the core: executable memory,
//! threads, files, and the embedding API.

pub mod wast;
