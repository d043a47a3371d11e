//! Breakwater's x86-64 backend: an [`Emitter`](breakwater_core::codegen::Emitter) that encodes
//! with dynasm, and the runtime stubs (entry trampoline, trap stub, host adapter).
//!
//! Register plan (see [`regs`](crate::regs) for details): r14 holds the vmctx, rbp and rsp are
//! the frame and stack pointers, rax/rcx/rdx and xmm14/xmm15 are scratch, and the front end
//! allocates rbx, rsi, rdi, r8, r9, r10, r12, r13, r15, r11 (`Gpr(0..10)`; debug code not r11,
//! its scratch register) and xmm0..xmm13 (`Fpr(0..14)`).
//!
//! Target CPU: x86-64 with SSE4.1 (`roundss`), LZCNT, BMI1 (`tzcnt`), BMI2 (`rorx`) and
//! POPCNT, i.e. the x86-64-v3 class. Nothing is detected at run time.
//!
//! The i32 invariant: an i32 in a general-purpose register always has its upper 32 bits zero
//! (stronger than the core's contract, which leaves them unspecified). Every 32-bit operation
//! writes its destination zero-extended, so only the operations that could leave other bits
//! there take care: `i32.wrap_i64` always emits its `mov r32, r32`. The runtime zero-extends the
//! i32 arguments and host function results it puts in registers, whatever bits the host gave
//! (`convention::block_value`), as do the libcalls and the debugger's writes of registers. In exchange `i64.extend_i32_u` is at most a copy, and a guarded memory
//! access indexes with the address register itself (`[base + addr + offset]`), without first
//! zero-extending it.
//!
//! Memory accesses are bounds-checked explicitly and every trap is an out-of-line call into the
//! trap stub, so the generated code needs no signal handlers and no guard pages.

// dynasm expands every dynamic register `Rq(n)` to `let r: u8 = n.into();`; with `n: u8`
// (hardware register numbers everywhere) that conversion is the identity.
#![allow(clippy::useless_conversion)]
#![deny(missing_docs)]

/// `dynasm!` with `.arch x64` pinned, so that no invocation can silently assemble for another
/// architecture.
macro_rules! x64 {
    ($ops:expr ; $($t:tt)*) => {
        dynasmrt::dynasm!($ops ; .arch x64 ; $($t)*)
    };
}

mod asm;
mod control;
mod debug;
mod debug_stubs;
mod emitter;
mod enc;
mod float;
mod frame;
mod int;
mod memory;
mod regs;
mod stubs;
mod truncate;

pub use emitter::X64Emitter;

use breakwater_core::codegen::Isa;
use breakwater_core::compiled::RuntimeStubs;

/// The x86-64 target.
#[derive(Clone, Copy, Debug, Default)]
pub struct X64Isa;

impl Isa for X64Isa {
    type Emitter = X64Emitter;

    fn new_emitter(&self) -> X64Emitter {
        X64Emitter::new()
    }

    fn runtime_stubs(&self) -> RuntimeStubs {
        stubs::runtime_stubs()
    }

    fn name(&self) -> &'static str {
        "x86_64"
    }
}
