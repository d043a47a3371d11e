//! Breakwater: a WebAssembly baseline JIT whose debug code is shared by every instance and thread
//! and never patched. This crate is what an operating system gives the core: executable memory,
//! threads, files, and the embedding API.
//!
//! The API follows wasmtime's: an [`Engine`] compiles [`Module`]s; a [`Store`] owns instances
//! and every object they use; [`Linker`] resolves imports by name; [`Func`], [`Global`],
//! [`Memory`] and [`Table`] are cheap handles into their store (using one with another store
//! is an error, never undefined behavior).
#![deny(missing_docs)]

pub mod artifact;
pub mod debug;
mod engine;
mod error;
mod externals;
mod func;
pub mod gdb;
mod guard;
mod icache;
mod instance;
mod linker;
mod module;
mod stack;
mod store;
mod values;
pub mod wasi;
pub mod wast;

pub use breakwater_core::module::{GlobalType, MemoryType, Mutability, TableType};
pub use breakwater_core::runtime::InstanceId;
pub use breakwater_core::{FuncType, Trap, TrapFrame, TrapKind, ValType};
pub use engine::{Config, Engine};
pub use error::{Error, Result};
pub use externals::{Extern, Global, Memory, Table};
pub use func::{Caller, Func, HostReturn, IntoFunc, TypedFunc, WasmParams, WasmResults, WasmTy};
#[doc(hidden)]
pub use icache::{core_sync_counts, membarrier_registered};
pub use instance::Instance;
pub use linker::Linker;
pub use module::{ExportType, ExternType, ImportType, Module};
pub use store::{AsContext, AsContextMut, Store};
pub use values::{ExternRef, Val};
