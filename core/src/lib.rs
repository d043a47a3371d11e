//! Breakwater's core: validation, the single-pass compiler front end and the emitter trait it
//! drives, the instance (vmctx) layout, and the runtime (instances, linking, calls, traps).
//!
//! `#![no_std]` + `alloc`: kernels embed it. Everything an operating system provides (executable
//! memory, threads, files) lives behind small traits implemented by the host crate.
#![no_std]
#![deny(missing_docs)]

extern crate alloc;

pub mod artifact;
pub mod codegen;
pub mod compiled;
pub mod debug;
pub mod error;
pub mod gdb;
pub mod libcalls;
mod link;
pub mod module;
pub mod runtime;
pub mod trap;
pub mod types;
pub mod vmctx;

pub use error::{Error, Result};
pub use trap::{Trap, TrapFrame, TrapKind};
pub use types::{FuncType, ValType};
