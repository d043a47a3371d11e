//! Debugging without patching code: what the compiler records about each breakable point, the
//! per-instance state the filter consults, and the stepping logic.
//!
//! A breakable point ("site") is a short inline test of the frame's *debug gate*, a copy of the
//! per-instance, per-function gate (`VMDebugState::gates[func]`) that the prologue loads into
//! the frame and that is reloaded after every call and at every loop header. A null gate costs
//! a compare and an untaken branch. A non-null gate makes the site call the per-instance handler
//! (`vmctx::DEBUG_HANDLER`), the shared filter stub, which tests one bit per site in the
//! instance's bit table, indexed by `(return address - code base) >> SITE_SHIFT`, and calls the
//! Rust slow path only for interesting sites. Nothing in this scheme writes code.

mod debugger;
mod state;
mod step;

pub(crate) use debugger::{debug_slow_path, debug_trap};
pub use debugger::{DebugHook, Debugger, FrameInfo, ResumeAction, Stop, StopReason, Value};
pub use state::{DebugState, VMDebugState, VMDEBUG_AHEAD, VMDEBUG_BITS};
pub use step::{decide, ResumeMode, StepDecision};

use alloc::boxed::Box;
use alloc::vec::Vec;

use crate::codegen::Reg;
use crate::types::ValType;

/// `log2` of the minimum distance between two sites' return addresses (both layouts keep sites'
/// calls at least 8 bytes apart), so the bit table has exactly one bit per site.
pub const SITE_SHIFT: u32 = 3;

/// Frame-pointer offset of the debug gate in frames of debug code (just below the vmctx slot).
pub const GATE_SLOT: i32 = -16;

/// Where the filter stub's slow path saves `Reg::Gpr(i)` (`regs[i]`) and `Reg::Fpr(i)`
/// (`regs[FPR_SAVE_BASE + i]`, the low 64 bits).
pub const FPR_SAVE_BASE: usize = 16;
/// Number of u64 words in the slow path's register save area.
pub const REG_SAVE_WORDS: usize = 32;

/// How a breakable point is laid out (both are built and tested; see the README for costs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SiteLayout {
    /// `cmp gate, 0 ; jnz cold` inline, the call out of line: falls through when detached.
    #[default]
    FallThrough,
    /// `cmp gate, 0 ; jz L ; call handler ; L:` inline (the bug thread's form): a taken branch
    /// at every site when detached.
    InlineCall,
}

/// Where in a function a breakable point is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SiteKind {
    /// After the prologue, before the first instruction.
    FunctionEntry,
    /// Before an instruction.
    Instruction,
    /// Before the epilogue (every return goes through it).
    FunctionExit,
}

/// Where a value lives at a breakable point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// A constant the compiler has not materialized.
    Const(u64),
    /// An allocatable register (saved by the filter stub before the slow path runs).
    Reg(Reg),
    /// A frame slot at this offset from the frame pointer.
    Frame(i32),
}

/// A typed value location.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValueLoc {
    /// The value's type.
    pub ty: ValType,
    /// Where it is.
    pub loc: Location,
}

/// One breakable point as the compiler recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// Offset of the return address of the site's call into the handler (function-relative in
    /// `CompiledCode`, module-relative after linking).
    pub return_offset: u32,
    /// Function index in the module's index space.
    pub func_index: u32,
    /// Offset in the module of the instruction (entry: the body's start; exit: its end).
    pub bytecode_offset: u32,
    /// Entry, instruction or exit.
    pub kind: SiteKind,
    /// The operand stack, bottom first.
    pub stack: Box<[ValueLoc]>,
}

/// A call instruction's return address, so backtraces can name the caller's position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallSite {
    /// Offset of the return address (function-relative, then module-relative).
    pub return_offset: u32,
    /// Offset in the module of the call instruction.
    pub bytecode_offset: u32,
}

/// Per-function debug information.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FunctionDebugInfo {
    /// Each local (parameters first): its type and frame-pointer offset.
    pub locals: Box<[(ValType, i32)]>,
}

/// A module's debug tables, module-relative offsets, sorted by return offset.
#[derive(Clone, Debug, Default)]
pub struct DebugTables {
    /// Every breakable point.
    pub sites: Vec<Site>,
    /// Every call instruction.
    pub calls: Vec<CallSite>,
    /// Per defined function.
    pub functions: Vec<FunctionDebugInfo>,
    /// Per defined function: its sites' index range in `sites` (a function's code, its
    /// out-of-line calls included, is contiguous, and its sites are in bytecode order).
    pub func_sites: Vec<core::ops::Range<usize>>,
    /// Number of imported functions (function index of `functions[0]`).
    pub first_func: u32,
}

impl DebugTables {
    /// The site whose call returns to module offset `return_offset`.
    pub fn site_at(&self, return_offset: u32) -> Option<&Site> {
        let i = self
            .sites
            .binary_search_by_key(&return_offset, |s| s.return_offset)
            .ok()?;
        Some(&self.sites[i])
    }
    /// The call whose return address is module offset `return_offset`.
    pub fn call_at(&self, return_offset: u32) -> Option<&CallSite> {
        let i = self
            .calls
            .binary_search_by_key(&return_offset, |c| c.return_offset)
            .ok()?;
        Some(&self.calls[i])
    }
    /// The index range (into `sites`) of function `func`'s sites.
    pub fn function_sites(&self, func: u32) -> core::ops::Range<usize> {
        func.checked_sub(self.first_func)
            .and_then(|d| self.func_sites.get(d as usize))
            .cloned()
            .unwrap_or(0..0)
    }
    /// Indices (into `sites`) of the sites of function `func` at `bytecode_offset`: a binary
    /// search in the function's range, so breakpoints cost the same whatever the module's size.
    pub fn sites_for(&self, func: u32, bytecode_offset: u32) -> core::ops::Range<usize> {
        let range = self.function_sites(func);
        let sites = &self.sites[range.clone()];
        let lo = sites.partition_point(|s| s.bytecode_offset < bytecode_offset);
        let hi = sites.partition_point(|s| s.bytecode_offset <= bytecode_offset);
        range.start + lo..range.start + hi
    }
}
