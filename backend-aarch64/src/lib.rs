//! Breakwater's AArch64 backend: an [`Emitter`](breakwater_core::codegen::Emitter) that encodes
//! with dynasm, and the runtime stubs (entry trampoline, trap stub, host adapter, debug filter).
//!
//! Register plan (see [`regs`](crate::regs) for details): x28 holds the vmctx, x29 and x30 are
//! the frame pointer and link register, x1 (the trap-code register), x8..x17 and v31 are
//! scratch, x18 (the platform register) is never touched, and the front end allocates x19..x27,
//! x0 and x2..x7 (`Gpr(0..16)`) and v0..v15 (`Fpr(0..16)`).
//!
//! # The stack pointer
//!
//! The internal calling convention puts a callee's frame pointer 16 bytes below the lowest slot
//! of its argument area, and the front end places that area on its operand stack, so an area
//! (and hence a callee's frame pointer) is only 8-byte aligned. AArch64 faults on a load or
//! store that uses a misaligned `sp` as its base (SCTLR_EL1.SA0, set by Linux), but not on
//! arithmetic that leaves `sp` misaligned. So:
//!
//! - Wasm code never uses `sp` as a base register: every frame access goes through x29 (or a
//!   scratch copy of `sp`).
//! - Between calls `sp` is the frame's bottom rounded down to 16, so libcalls (Rust code) are
//!   entered with an aligned stack without further work.
//! - For a call, the caller sets `sp` to the argument area (possibly 8 mod 16, as the
//!   convention says); the callee's prologue lowers `sp` before it writes anything below it
//!   and realigns it once its frame pointer is set. The stubs that call Rust (host adapter,
//!   trap stub, debug stub) realign `sp` first.
//! - `sp` always lies at or below every live stack byte, so a signal handler (whose frame the
//!   kernel aligns itself) never overwrites Wasm state.
//!
//! # Branch ranges
//!
//! Conditional branches reach ±1 MiB. Trap stubs, the out-of-line calls of fall-through
//! breakable points and veneers for forward conditional branches are collected while a function
//! is emitted and placed in "islands" (jumped over) before any reference could go out of range,
//! or in the function's tail; see `emitter.rs`. So functions of any size assemble.
//!
//! Memory accesses are bounds-checked explicitly and every trap is an out-of-line call into the
//! trap stub, so the generated code needs no signal handlers and no guard pages.

// dynasm expands every dynamic register `X(n)` to `let r: u8 = n.into();`; with `n: u8`
// (hardware register numbers everywhere) that conversion is the identity.
#![allow(clippy::useless_conversion)]
#![deny(missing_docs)]

/// `dynasm!` with `.arch aarch64` pinned, so that no invocation can silently assemble for
/// another architecture.
macro_rules! a64 {
    ($ops:expr ; $($t:tt)*) => {
        dynasmrt::dynasm!($ops ; .arch aarch64 ; $($t)*)
    };
}

mod asm;
mod control;
mod debug;
mod debug_stubs;
mod emitter;
mod float;
mod frame;
mod int;
mod memory;
mod regs;
mod stubs;
mod truncate;

pub use emitter::Aarch64Emitter;

use breakwater_core::codegen::Isa;
use breakwater_core::compiled::RuntimeStubs;

/// The AArch64 target.
#[derive(Clone, Copy, Debug, Default)]
pub struct Aarch64Isa;

impl Isa for Aarch64Isa {
    type Emitter = Aarch64Emitter;

    fn new_emitter(&self) -> Aarch64Emitter {
        Aarch64Emitter::new()
    }

    fn runtime_stubs(&self) -> RuntimeStubs {
        stubs::runtime_stubs()
    }

    fn name(&self) -> &'static str {
        "aarch64"
    }
}
