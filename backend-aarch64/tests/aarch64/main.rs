//! Tests of the AArch64 backend.
//!
//! `encoding` checks the exact machine words of the machine sites, the call relocation and
//! the reach of every conditional branch; it runs on any host. The other modules run machine
//! code from the emitter for real (natively or under qemu-user): functions built with the
//! emitter by hand, run through the runtime stubs on a fake instance. Those both backends
//! share live in `backend-tests/` at the workspace root; they reach the backend through `isa`.

// dynasm expands a dynamic register `X(n)` to `n.into()`; with `n: u8` that is the identity.
#![allow(clippy::useless_conversion)]

mod encoding;

#[cfg(target_arch = "aarch64")]
#[path = "../../../backend-tests/calls.rs"]
mod calls;
#[cfg(target_arch = "aarch64")]
#[path = "../../../backend-tests/control.rs"]
mod control;
#[cfg(target_arch = "aarch64")]
#[path = "../../../backend-tests/debug.rs"]
mod debug;
#[cfg(target_arch = "aarch64")]
#[path = "../../../backend-tests/float.rs"]
mod float;
#[cfg(target_arch = "aarch64")]
#[path = "../../../backend-tests/harness.rs"]
mod harness;
#[cfg(target_arch = "aarch64")]
#[path = "../../../backend-tests/int.rs"]
mod int;
#[cfg(target_arch = "aarch64")]
mod isa;
#[cfg(target_arch = "aarch64")]
mod islands;
#[cfg(target_arch = "aarch64")]
#[path = "../../../backend-tests/memory.rs"]
mod memory;
