//! Execution tests of the x86-64 backend: functions built with the emitter by hand, run
//! through the runtime stubs on a fake instance.
//!
//! The tests both backends share live in `backend-tests/` at the workspace root; they reach
//! the backend through `isa`. `disasm` and `debug_sites` check exact x86-64 encodings.

#[path = "../../../backend-tests/calls.rs"]
mod calls;
#[path = "../../../backend-tests/control.rs"]
mod control;
#[path = "../../../backend-tests/debug.rs"]
mod debug;
mod debug_sites;
mod disasm;
#[path = "../../../backend-tests/float.rs"]
mod float;
#[path = "../../../backend-tests/harness.rs"]
mod harness;
#[path = "../../../backend-tests/int.rs"]
mod int;
mod isa;
#[path = "../../../backend-tests/memory.rs"]
mod memory;
