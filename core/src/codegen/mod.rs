//! The single-pass compiler: one walk over each function's operators drives an [`Emitter`].

pub mod emitter;

pub use emitter::*;

use crate::compiled::RuntimeStubs;

/// A target: makes emitters and the runtime stubs. Implemented by each backend crate.
pub trait Isa: Send + Sync {
    /// The emitter for one function.
    type Emitter: Emitter;
    /// A fresh emitter.
    fn new_emitter(&self) -> Self::Emitter;
    /// The entry trampoline, trap stub and host adapter of this target.
    fn runtime_stubs(&self) -> RuntimeStubs;
    /// A short name ("x86_64", "aarch64").
    fn name(&self) -> &'static str;
}
