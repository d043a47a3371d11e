//! Execution tests of the x86-64 backend: functions built with the emitter by hand, run
//! through the runtime stubs on a fake instance.

mod calls;
mod control;
mod debug;
mod disasm;
mod float;
mod harness;
mod int;
mod memory;
