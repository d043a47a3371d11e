//! Where each stop point of a function is and what it sees, regenerated on demand.
//!
//! Compiling debug code records nothing per site: the only per-function facts kept are the
//! body's range and its number of machine sites. When the debugger needs a function's sites (a
//! breakpoint is set in it, or execution stops in it, or a backtrace passes through it), the
//! function is compiled again, deterministically, with the same backend and a recording front
//! end, which yields exactly the code that was published together with every site's code
//! offsets and every stop point's operand-stack layout (V8's Liftoff builds its debug side
//! tables the same way). The result is cached once per module.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::ops::Range;

use hashbrown::HashMap;
use spin::Mutex;

use super::abi::{GateTable, MaskBlock};
use crate::types::ValType;

/// Where a stop point sits in a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SiteKind {
    /// After the prologue, before the first instruction.
    FunctionEntry,
    /// Before an instruction.
    Instruction,
    /// Before the epilogue (every return goes through it).
    FunctionExit,
}

/// Where a value lives at a stop point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// A constant the compiler has not materialized.
    Const(u64),
    /// An allocatable register (saved by the debug stub before the slow path runs).
    Reg(crate::codegen::Reg),
    /// A frame slot at this offset from the frame pointer.
    Frame(i32),
    /// A lazy copy of a local: the local's own slot, which holds this value until the local
    /// is written.
    Local(u32),
}

/// A typed value location.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValueLoc {
    /// The value's type.
    pub ty: ValType,
    /// Where it is.
    pub loc: Location,
}

/// The bit of `reg` in [`StopPoint::dirty`].
pub fn reg_bit(reg: crate::codegen::Reg) -> u64 {
    match reg {
        crate::codegen::Reg::Gpr(i) => 1 << i,
        crate::codegen::Reg::Fpr(i) => 1 << (32 + i as u32),
    }
}

/// In [`FunctionSites::cached`]: a register holds memory 0's base address.
pub const MEMORY_BASE_KEY: u32 = u32::MAX;
/// In [`FunctionSites::cached`]: a register holds memory 0's length in bytes.
pub const MEMORY_LENGTH_KEY: u32 = u32::MAX - 1;

/// One stop point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopPoint {
    /// Offset in the module of the instruction (entry: the body's start; exit: its end).
    pub bytecode_offset: u32,
    /// Entry, instruction or exit.
    pub kind: SiteKind,
    /// Its operand stack, bottom first: a range of [`FunctionSites::values`].
    pub stack: Range<u32>,
    /// Function-relative offset of the code where the machine state is as `stack` says: the
    /// slow path may resume here (before the site's test, for a group's first stop point).
    pub code_offset: u32,
    /// The slow path's interpreter runs this instruction (see `crate::debug::interp`); one it
    /// does not run ends its group.
    pub interpretable: bool,
    /// The locals with a copy in a register here: a range of [`FunctionSites::cached`].
    /// Their registers hold their values here (a copy may be *dirty*: its slot not written
    /// yet), so the slow path reads them there.
    pub cached: Range<u32>,
    /// The registers (bit `i` a GPR, `32 + i` an FPR) of the copies among `cached` that are
    /// dirty here and still hold their locals when the instruction's code has run: where a
    /// trap in this instruction finds those locals (the others are in their slots, written
    /// back before the register was reused).
    pub dirty: u64,
    /// Before an `if` or `br_if` that branches on a comparison: the comparison, whose i32
    /// result is the top of the operand stack but not computed (`stack` holds the values
    /// below it). The machine code compares its operands in the branch itself.
    pub compare: Option<PendingCompare>,
    /// Before a branch: where it lands. Groups go on through unconditional forward branches
    /// (`br` out of a block, `else` ending a then branch, `return`), so a join that only they
    /// reach needs no machine site of its own. The slow path takes a conditional one itself
    /// (`if`: its false edge, with its parameters as the arity; `br_if`): an `if` or a `br_if`
    /// back to a loop ends its group, a forward `br_if`'s group goes on along its
    /// fall-through.
    pub jump: Option<Jump>,
}

/// Where a branch lands (see [`StopPoint::jump`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Jump {
    /// The stop point after the target label (a later one than the branch's).
    pub target: u32,
    /// How many values the branch carries (the top of the stack; the target's operand stack
    /// is the values below the target block, then these).
    pub arity: u32,
    /// A conditional branch (`if`: its false edge; `br_if`), which the slow path takes
    /// itself; its group goes on along the fall-through, if at all, and the target (which
    /// may lie before it: a loop's header) has a site of its own.
    pub conditional: bool,
}

/// A comparison the machine code has not computed yet (see [`StopPoint::compare`]): `lhs kind
/// rhs`, its operands in registers (a local's cached copy, possibly: the slow path takes the
/// branch on it itself, rather than resume the machine code in between).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PendingCompare {
    /// The comparison.
    pub kind: crate::codegen::IntCmpKind,
    /// Its width.
    pub size: crate::codegen::OperandSize,
    /// The left operand's register.
    pub lhs: crate::codegen::Reg,
    /// The right operand: a register or a constant.
    pub rhs: crate::codegen::RegImm,
}

impl PendingCompare {
    /// The comparison's result for operand bits `lhs` and `rhs` (an immediate right operand
    /// is the constant, whatever `rhs` says).
    pub fn eval(&self, lhs: u64, rhs: u64) -> bool {
        use crate::codegen::{IntCmpKind::*, OperandSize, RegImm};
        let rhs = match self.rhs {
            RegImm::Imm(i) => i as i64 as u64,
            RegImm::Reg(_) => rhs,
        };
        let (a, b, sa, sb) = match self.size {
            OperandSize::S32 => {
                let (a, b) = (lhs as u32, rhs as u32);
                (a as u64, b as u64, a as i32 as i64, b as i32 as i64)
            }
            OperandSize::S64 => (lhs, rhs, lhs as i64, rhs as i64),
        };
        match self.kind {
            Eq => a == b,
            Ne => a != b,
            LtS => sa < sb,
            LtU => a < b,
            GtS => sa > sb,
            GtU => a > b,
            LeS => sa <= sb,
            LeU => a <= b,
            GeS => sa >= sb,
            GeU => a >= b,
        }
    }
}

/// One machine site: a test of the gate and, out of line, a call of the handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MachineSite {
    /// Function-relative offset of the return address of the handler call.
    pub return_offset: u32,
    /// Function-relative offset where execution resumes after the handler.
    pub resume_offset: u32,
    /// The stop points that code order attributes to it: a range of
    /// [`FunctionSites::stops`] whose first is the site's own. What the site's group covers
    /// is its path ([`FunctionSites::path`]), which may leave the range by a jump.
    pub stops: Range<u32>,
}

/// A call instruction's return address, so backtraces can name the caller's position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallSite {
    /// Function-relative offset of the return address.
    pub return_offset: u32,
    /// Offset in the module of the call instruction.
    pub bytecode_offset: u32,
}

/// Everything the debugger knows about one function's debug code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FunctionSites {
    /// Machine sites in code order (their index is the mask bit).
    pub machine: Vec<MachineSite>,
    /// Stop points in code order.
    pub stops: Vec<StopPoint>,
    /// The operand stacks of all stop points.
    pub values: Vec<ValueLoc>,
    /// The cached locals of all stop points: `(local, register)`, where the local may also be
    /// [`MEMORY_BASE_KEY`] or [`MEMORY_LENGTH_KEY`] (memory 0's base or length).
    pub cached: Vec<(u32, crate::codegen::Reg)>,
    /// Call instructions, by return offset.
    pub calls: Vec<CallSite>,
    /// Each local (parameters first): its type and frame-pointer offset.
    pub locals: Box<[(ValType, i32)]>,
    /// Length of the function's code (checked against the published code).
    pub code_len: u32,
}

impl FunctionSites {
    /// The machine site whose handler call returns to function offset `return_offset`.
    pub fn machine_at(&self, return_offset: u32) -> Option<(u32, &MachineSite)> {
        let i = self
            .machine
            .binary_search_by_key(&return_offset, |m| m.return_offset)
            .ok()?;
        Some((i as u32, &self.machine[i]))
    }
    /// Whether stop point `stop` is a machine site's first (its test runs before it).
    pub fn starts_site(&self, stop: u32) -> bool {
        self.machine
            .binary_search_by_key(&stop, |m| m.stops.start)
            .is_ok()
    }
    /// The stop point after `stop` on its group's path: an unconditional branch's target,
    /// else the next in code order; `None` where the group ends (`stop` is not interpretable, or the next
    /// stop point starts a site of its own). Unconditional targets lie after their branches (a
    /// conditional branch's path goes on to the next stop point), so paths end.
    pub fn next_in_group(&self, stop: u32) -> Option<u32> {
        let p = self.stops.get(stop as usize)?;
        if !p.interpretable {
            return None;
        }
        let next = match p.jump {
            Some(j) if !j.conditional => j.target,
            _ => stop + 1,
        };
        (next > stop && (next as usize) < self.stops.len() && !self.starts_site(next))
            .then_some(next)
    }
    /// The stop points machine site `site`'s group covers, in the order it runs them: from
    /// the site's first, on through interpretable instructions and unconditional forward
    /// branches, up to an instruction the slow path does not run or another site's first.
    pub fn path(&self, site: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.machine.get(site as usize).map(|m| m.stops.start);
        let first = first.filter(|&s| (s as usize) < self.stops.len());
        core::iter::successors(first, move |&s| self.next_in_group(s))
    }
    /// The machine sites whose groups cover a stop point (by index) that `wanted` accepts:
    /// the mask bits breakpoints there set, in order. A join reached by branches from several
    /// groups is in each of them. One walk over every group's path.
    pub fn sites_covering(&self, mut wanted: impl FnMut(u32) -> bool) -> Vec<u32> {
        (0..self.machine.len() as u32)
            .filter(|&k| self.path(k).any(&mut wanted))
            .collect()
    }
    /// [`FunctionSites::sites_covering`] the stop points at any of the sorted bytecode
    /// offsets `offsets` (a function's breakpoints).
    pub fn sites_covering_offsets(&self, offsets: &[u32]) -> Vec<u32> {
        self.sites_covering(|i| {
            offsets
                .binary_search(&self.stops[i as usize].bytecode_offset)
                .is_ok()
        })
    }
    /// Indices of the stop points at `bytecode_offset`.
    pub fn stops_at(&self, bytecode_offset: u32) -> impl Iterator<Item = u32> + '_ {
        self.stops
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.bytecode_offset == bytecode_offset)
            .map(|(i, _)| i as u32)
    }
    /// The operand stack of stop point `stop`.
    pub fn stack_of(&self, stop: &StopPoint) -> &[ValueLoc] {
        &self.values[stop.stack.start as usize..stop.stack.end as usize]
    }
    /// The locals that stop point `stop` also has in registers, which the slow path refreshes
    /// from the slots before the machine code resumes there.
    pub fn cached_of(&self, stop: &StopPoint) -> &[(u32, crate::codegen::Reg)] {
        &self.cached[stop.cached.start as usize..stop.cached.end as usize]
    }
    /// The call whose return address is function offset `return_offset`.
    pub fn call_at(&self, return_offset: u32) -> Option<&CallSite> {
        let i = self
            .calls
            .binary_search_by_key(&return_offset, |c| c.return_offset)
            .ok()?;
        Some(&self.calls[i])
    }
    /// Bytes held (for accounting).
    pub fn heap_bytes(&self) -> usize {
        self.machine.len() * core::mem::size_of::<MachineSite>()
            + self.stops.len() * core::mem::size_of::<StopPoint>()
            + self.values.len() * core::mem::size_of::<ValueLoc>()
            + self.calls.len() * core::mem::size_of::<CallSite>()
            + self.locals.len() * 8
    }
}

/// Regenerates a function's [`FunctionSites`] (implemented by [`crate::runtime::Recompiler`]).
pub trait DebugSource: Send + Sync {
    /// The sites of defined function `defined_index` of the module whose bytes are `bytes`.
    fn function_sites(
        &self,
        info: &crate::module::ModuleInfo,
        bytes: &[u8],
        defined_index: u32,
        body: Range<u32>,
    ) -> crate::Result<FunctionSites>;
}

/// A module's debug data, shared by its instances: how to regenerate site tables, the masks
/// every function without breakpoints and every stepping frame uses, and the cache of
/// regenerated tables.
pub struct ModuleDebug {
    source: Arc<dyn DebugSource>,
    /// Per defined function: its number of machine sites.
    site_counts: Vec<u32>,
    /// Per defined function: the offset of its fast entry, or 0.
    fast_entries: Vec<u32>,
    /// All bits clear: the gate of every function without breakpoints.
    zero: MaskBlock,
    /// All bits set: every gate while an instance steps or pauses.
    ones: MaskBlock,
    /// The gate table of stepping frames: every entry `ones`, one per function (full index
    /// space).
    ones_table: GateTable,
    handler: usize,
    cache: Mutex<HashMap<u32, Arc<FunctionSites>>>,
}

impl core::fmt::Debug for ModuleDebug {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ModuleDebug")
            .field("functions", &self.site_counts.len())
            .finish()
    }
}

impl ModuleDebug {
    /// Debug data for a module with `num_funcs` functions (imports included), whose defined
    /// functions have these machine-site counts and fast entries, and whose sites call
    /// `handler`.
    pub fn new(
        source: Arc<dyn DebugSource>,
        num_funcs: usize,
        site_counts: Vec<u32>,
        fast_entries: Vec<u32>,
        handler: usize,
    ) -> ModuleDebug {
        let max = site_counts.iter().copied().max().unwrap_or(0);
        let zero = MaskBlock::new(max, handler, false);
        let ones = MaskBlock::new(max, handler, true);
        let n = num_funcs.max(1);
        ModuleDebug {
            source,
            site_counts,
            fast_entries,
            ones_table: GateTable::new(n, handler, &ones),
            zero,
            ones,
            handler,
            cache: Mutex::new(HashMap::new()),
        }
    }
    /// A new instance's gate table: every entry the all-zero mask.
    pub fn new_gate_table(&self) -> GateTable {
        GateTable::new(self.ones_table.len(), self.handler, &self.zero)
    }
    /// What `vmctx::DEBUG_GATES` holds while stepping.
    pub fn ones_table(&self) -> usize {
        self.ones_table.base()
    }
    /// The all-zero mask: every function's without breakpoints.
    pub fn zero_mask(&self) -> &MaskBlock {
        &self.zero
    }
    /// The all-ones mask: every function's while paused.
    pub fn ones_mask(&self) -> &MaskBlock {
        &self.ones
    }
    /// The debug stub's address (every mask's handler word).
    pub fn handler(&self) -> usize {
        self.handler
    }
    /// The number of machine sites of defined function `defined`.
    pub fn site_count(&self, defined: u32) -> u32 {
        self.site_counts.get(defined as usize).copied().unwrap_or(0)
    }
    /// The offset of defined function `defined`'s fast entry, if it has one.
    pub fn fast_entry(&self, defined: u32) -> Option<u32> {
        self.fast_entries
            .get(defined as usize)
            .copied()
            .filter(|&at| at != 0)
    }
    /// Total machine sites of the module.
    pub fn total_sites(&self) -> u64 {
        self.site_counts.iter().map(|&n| n as u64).sum()
    }
    /// Bytes this module keeps for debugging (masks, gate tables, per-function facts), not
    /// counting the cache of regenerated tables.
    pub fn resident_bytes(&self) -> usize {
        self.zero.bytes() + self.ones.bytes() + self.ones_table.bytes() + self.site_counts.len() * 8
    }
    /// Bytes held by the cache of regenerated tables.
    pub fn cached_bytes(&self) -> usize {
        self.cache.lock().values().map(|s| s.heap_bytes()).sum()
    }

    /// The sites of defined function `defined` (regenerated on first use, then cached).
    pub fn function_sites(
        &self,
        info: &crate::module::ModuleInfo,
        bytes: &[u8],
        defined: u32,
    ) -> crate::Result<Arc<FunctionSites>> {
        if let Some(s) = self.cache.lock().get(&defined) {
            return Ok(s.clone());
        }
        let body = info
            .bodies
            .get(defined as usize)
            .ok_or_else(|| crate::Error::resource("no such function"))?;
        let body = body.start as u32..body.end as u32;
        let sites = self.source.function_sites(info, bytes, defined, body)?;
        if sites.machine.len() as u32 != self.site_count(defined) {
            return Err(crate::Error::resource(
                "recompiled debug code differs from the published code",
            ));
        }
        let sites = Arc::new(sites);
        self.cache.lock().insert(defined, sites.clone());
        Ok(sites)
    }
}
