//! Tests of the AArch64 backend.
//!
//! `encoding` checks the exact machine words of the breakable points, the call relocation and
//! the reach of every conditional branch; it runs on any host. The other modules run machine
//! code from the emitter for real (natively or under qemu-user): functions built with the
//! emitter by hand, run through the runtime stubs on a fake instance.

// dynasm expands a dynamic register `X(n)` to `n.into()`; with `n: u8` that is the identity.
#![allow(clippy::useless_conversion)]

mod encoding;

#[cfg(target_arch = "aarch64")]
mod calls;
#[cfg(target_arch = "aarch64")]
mod control;
#[cfg(target_arch = "aarch64")]
mod debug;
#[cfg(target_arch = "aarch64")]
mod float;
#[cfg(target_arch = "aarch64")]
mod harness;
#[cfg(target_arch = "aarch64")]
mod int;
#[cfg(target_arch = "aarch64")]
mod memory;
