//! Debugging without patching code. Debug code tests, at every machine site, one bit of its
//! function's mask (the first 64 in a register loaded from the instance's gate table), and
//! calls the engine's debug stub only when it is set (`abi` is the contract). The debugger's data are masks, gate tables
//! and a resume mode per instance (`state`); where each stop point is and what it sees is
//! regenerated on demand by recompiling the function (`sites`); `step` decides stops and
//! `debugger` runs them. Nothing in this scheme writes code.

pub mod abi;
mod debugger;
pub mod interp;
pub mod sites;
mod state;
mod step;

pub(crate) use debugger::{debug_slow_path, debug_trap};
pub use debugger::{DebugHook, Debugger, FrameInfo, ResumeAction, Stop, StopReason, Value};
pub use sites::{
    CallSite, DebugSource, FunctionSites, Jump, Location, MachineSite, ModuleDebug, PendingCompare,
    SiteKind, StopPoint, ValueLoc, MEMORY_BASE_KEY, MEMORY_LENGTH_KEY,
};
pub use state::{DebugState, VMDebugState};
pub use step::{decide, ResumeMode, StepDecision};
