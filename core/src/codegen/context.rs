//! `CodeGen`: the state of compiling one function (value stack, control stack, frame) and the
//! helpers every operator uses to move values between constants, registers, locals and slots.

use alloc::vec::Vec;

use super::cache::{reg_bit, LocalCache, MEMORY_BASE_KEY, MEMORY_LENGTH_KEY};
use super::control::Control;
use super::emitter::{Base, Emitter, IntCmpKind, LibcallArg, MemoryRef, OperandSize, Reg, RegImm};
use super::stack::{size_of, Entry, FrameLayout, Loc, ValueStack};
use crate::error::{Error, Result};
use crate::libcalls::Libcall;
use crate::module::ModuleInfo;
use crate::types::ValType;
use crate::vmctx::VMOffsets;

/// Which debug gate registers to reload (see `crate::debug::abi`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum GateReload {
    /// The bits only: the table register still holds this instance's table (after direct
    /// calls, whose callees' prologues load it from the same vmctx, and at back edges).
    Bits,
    /// The table from the vmctx, then the bits (the prologue, and after calls that may have
    /// left the instance).
    TableAndBits,
}

/// Compiles one function: the operator visitor's methods live in `ops.rs` and `control.rs`.
pub struct CodeGen<'m, E: Emitter> {
    /// The backend.
    pub(crate) e: E,
    pub(crate) info: &'m ModuleInfo,
    pub(crate) offsets: &'m VMOffsets,
    pub(crate) frame: FrameLayout,
    pub(crate) local_types: Vec<ValType>,
    pub(crate) stack: ValueStack,
    pub(crate) control: Vec<Control<E::Label>>,
    /// Per control frame (same index), its cached-locals states (see
    /// `control::LABEL_CACHE`); entries above the control stack are spare.
    pub(crate) caches: Vec<[CacheState; 2]>,
    /// False after `br`, `return`, `unreachable`... until the enclosing `else`/`end`.
    pub(crate) reachable: bool,
    /// Blocks opened while unreachable, whose `end`s are skipped.
    pub(crate) unreachable_depth: u32,
    /// Where every return jumps to (the epilogue).
    pub(crate) exit_label: E::Label,
    /// Bytecode offset of the operator being compiled.
    pub(crate) offset: usize,
    /// Debug code: breakable points and call sites recorded so far.
    pub(crate) debug: Option<DebugRecord>,
    /// Offset just past the function body (the exit site's bytecode offset).
    pub(crate) body_end: u32,
    /// Locals with a copy in a register.
    pub(crate) cache: LocalCache,
    /// At a `loop`: the locals its body reads, most read first (see `loop_locals`).
    pub(crate) loop_locals: Vec<u32>,
    /// The look-ahead's counts, kept for its next use.
    pub(crate) loop_counts: super::LoopCounts,
    /// The function's operators (for short look-aheads), and the module offset of `ops[0]`.
    pub(crate) ops: &'m [u8],
    pub(crate) ops_start: usize,
    /// At a `loop`: the locals its body writes (see `loop_locals`).
    pub(crate) loop_writes: Vec<u32>,
    /// At a `loop`: what else its look-ahead found.
    pub(crate) loop_scan: super::LoopScan,
    /// A comparison whose result is the top of the stack, not yet computed (then the stack
    /// holds everything below it): the next operator either consumes it (a fused
    /// compare-and-branch, or `i32.eqz` inverting it) or computes it first.
    pub(crate) pending: Option<PendingCmp>,
    /// Memory accesses rely on guard pages (see [`super::CompileConfig::guard_pages`]).
    /// The function calls out (calls, `call_indirect`, libcalls): its prologue checks the
    /// stack whatever its frame's size (see `backend_rules::FrameEnd`).
    pub(crate) calls_out: bool,
    pub(crate) guard_pages: bool,
}

pub(crate) use super::cache::CacheState;

/// A comparison not yet computed: `lhs kind rhs`, an i32 0 or 1. Its registers are owned by
/// it, or lent by the local cache.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PendingCmp {
    pub kind: IntCmpKind,
    pub size: OperandSize,
    pub lhs: Reg,
    pub rhs: RegImm,
}

/// Debug code: machine-site bookkeeping, and (when regenerating a function's site tables)
/// the recording.
pub(crate) struct DebugRecord {
    pub func_index: u32,
    /// Machine sites emitted so far.
    pub machine_sites: u32,
    /// Whether the next stop point may join the last machine site's group: not after a
    /// loop header or a conditional branch's target was bound, nor after an instruction the
    /// slow path does not interpret.
    pub group_open: bool,
    /// The tables being regenerated, when recording.
    pub recording: Option<crate::debug::FunctionSites>,
    /// Recording: branches whose target label is not bound yet, as (stop point, control
    /// frame index, the jump, whose target is still to come, and whether it goes to the
    /// frame's else entry).
    pub open_jumps: Vec<(u32, usize, crate::debug::Jump, bool)>,
    /// Recording: branches whose label was just bound, landing on the next stop point.
    pub landing: Vec<(u32, crate::debug::Jump)>,
}

impl<'m, E: Emitter> CodeGen<'m, E> {
    /// A register of the class of `ty`, spilling the oldest register value if none is free.
    #[inline]
    pub(crate) fn alloc(&mut self, float: bool) -> Reg {
        self.alloc_reading(float, None)
    }

    /// [`CodeGen::alloc`] for an operator about to read cache key `reading` (a popped lazy
    /// `local.get`, which the eviction's look-ahead no longer finds on the stack): its copy
    /// counts as read first, so that another copy gives way, and it is never taken as dead
    /// (unwritten) because the code ahead writes it.
    #[inline]
    fn alloc_reading(&mut self, float: bool, reading: Option<u32>) -> Reg {
        if let Some(r) = self.stack.try_alloc(float) {
            return r;
        }
        self.alloc_slow(float, reading)
    }

    /// [`CodeGen::alloc_reading`] when no register of the class is free.
    #[inline(never)]
    fn alloc_slow(&mut self, float: bool, reading: Option<u32>) -> Reg {
        // A cached local costs at most its write-back.
        if let Some(r) = self.evict_cached(float, reading) {
            return r;
        }
        // Spill the deepest stack entry held in a register of this class.
        let depth = self
            .stack
            .entries
            .iter()
            .position(|en| matches!(en.loc, Loc::Reg(r) if r.is_fpr() == float))
            .expect("register pressure: no register held by the stack to spill");
        self.spill_entry(depth);
        self.stack.try_alloc(float).expect("spill freed a register")
    }

    /// A register for a value of type `ty`.
    pub(crate) fn alloc_for(&mut self, ty: ValType) -> Reg {
        self.alloc(ty.is_float())
    }

    /// Pushes a value held in `reg` (ownership passes to the stack).
    #[inline]
    pub(crate) fn push_reg(&mut self, ty: ValType, reg: Reg) {
        self.stack.push(ty, Loc::Reg(reg));
    }

    /// Pushes a constant.
    #[inline]
    pub(crate) fn push_const(&mut self, ty: ValType, bits: u64) {
        self.stack.push(ty, Loc::Const(bits));
    }

    /// Pops the top entry (validation guarantees there is one in reachable code).
    #[inline]
    pub(crate) fn pop(&mut self) -> Result<Entry> {
        self.stack
            .entries
            .pop()
            .ok_or_else(|| Error::limit("operand stack underflow in compiler", self.offset))
    }

    /// Pops the top value into a register the caller owns (and must free or push).
    pub(crate) fn pop_reg(&mut self) -> Result<(ValType, Reg)> {
        let entry = self.pop()?;
        Ok((entry.ty, self.entry_to_reg(entry)))
    }

    /// Materializes a popped entry into a register the caller owns.
    #[inline]
    pub(crate) fn entry_to_reg(&mut self, entry: Entry) -> Reg {
        if let Loc::Reg(r) = entry.loc {
            return r;
        }
        self.load_to_reg(entry)
    }

    /// [`CodeGen::entry_to_reg`] of an entry not in a register.
    #[inline(never)]
    fn load_to_reg(&mut self, entry: Entry) -> Reg {
        let reading = match entry.loc {
            Loc::Local(i) => Some(i),
            _ => None,
        };
        let reg = self.alloc_reading(entry.ty.is_float(), reading);
        // A popped `Mem` entry sits at the depth it had: the current height.
        let depth = self.stack.len();
        self.load_entry(entry, depth, reg);
        reg
    }

    /// Loads `entry` (at `depth`, or popped from there) into `dst`: a cached local is a move.
    pub(crate) fn load_entry(&mut self, entry: Entry, depth: usize, dst: Reg) {
        let size = size_of(entry.ty);
        match entry.loc {
            Loc::Const(bits) => self.e.load_const(dst, size, bits),
            Loc::Reg(r) => {
                if r != dst {
                    self.e.mov(dst, r)
                }
            }
            Loc::Local(i) => match self.cache.get(i) {
                Some(r) if r == dst => {}
                Some(r) => self.e.mov(dst, r),
                None => self.e.load(dst, Base::Frame, self.frame.local(i), size),
            },
            Loc::Mem => self.e.load(dst, Base::Frame, self.frame.slot(depth), size),
        }
    }

    /// The register of a cached local's entry, lent read-only to the current operator (give
    /// it back with [`CodeGen::release`]).
    #[inline]
    fn lend_cached(&mut self, entry: Entry) -> Option<Reg> {
        let Loc::Local(i) = entry.loc else {
            return None;
        };
        let r = self.cached_copy(i, entry.ty.is_float())?;
        self.cache.pin(r);
        Some(r)
    }

    /// The register holding cache key `key` (a local, or memory 0's base or length; a Gpr
    /// unless `float`), marked most recently used. One not cached yet is loaded into a
    /// register that becomes its copy, if one is free or held by another copy (never by
    /// spilling a value).
    #[inline]
    fn cached_copy(&mut self, key: u32, float: bool) -> Option<Reg> {
        if let Some(r) = self.cache.get(key) {
            self.cache.touch(key);
            return Some(r);
        }
        self.cache_copy(key, float)
    }

    /// [`CodeGen::cached_copy`] of a key not cached yet.
    #[inline(never)]
    fn cache_copy(&mut self, key: u32, float: bool) -> Option<Reg> {
        let r = self
            .stack
            .try_alloc(float)
            .or_else(|| self.evict_cached(float, None))?;
        self.reload_cached(key, r);
        self.cache.insert(key, r);
        Some(r)
    }

    /// Pops the top value into a register the operator only reads: a cached local's own
    /// register, or one the caller owns. Give it back with [`CodeGen::release`].
    #[inline]
    pub(crate) fn pop_read(&mut self) -> Result<(ValType, Reg)> {
        let entry = self.pop()?;
        if let Some(r) = self.lend_cached(entry) {
            return Ok((entry.ty, r));
        }
        Ok((entry.ty, self.entry_to_reg(entry)))
    }

    /// Pops the left operand of an operation that may write its result over it: a cached
    /// local's register lent read-only (as [`CodeGen::pop_read`]), but a local not cached is
    /// loaded into a register the caller owns rather than cached (the operation would copy
    /// the copy first; a local read by a two-operand operation is mostly overwritten next).
    #[inline]
    pub(crate) fn pop_lhs(&mut self) -> Result<(ValType, Reg)> {
        let entry = self.pop()?;
        if let Loc::Local(i) = entry.loc {
            if let Some(r) = self.cache.get(i) {
                self.cache.touch(i);
                self.cache.pin(r);
                return Ok((entry.ty, r));
            }
        }
        Ok((entry.ty, self.entry_to_reg(entry)))
    }

    /// For a one-byte operator whose operand `lhs` is a local's cached register (lent by
    /// [`CodeGen::pop_lhs`] or [`CodeGen::pop_read`]) and whose other operand is `rhs`: when
    /// the local's value is dead after it (see [`super::dead_after`]), hands the register
    /// over to the operation, which may write its result there (lazy reads of the local on
    /// the stack are materialized first). Code without debugging only, where no stop point
    /// can see the local in between.
    pub(crate) fn claim_operand(&mut self, lhs: Reg, rhs: RegImm) -> bool {
        if self.debug.is_some() || rhs == RegImm::Reg(lhs) {
            return false;
        }
        let Some(&(local, _)) = self.cache.entries().iter().find(|e| e.1 == lhs) else {
            return false;
        };
        let next = (self.offset + 1).wrapping_sub(self.ops_start);
        if super::cache::is_memory_key(local) || !super::dead_after(self.ops, next, local) {
            return false;
        }
        self.materialize_local(local);
        self.cache.unpin(lhs);
        self.forget_local(local);
        self.stack.take(lhs);
        true
    }

    /// Gives back a register from [`CodeGen::pop_read`] or [`CodeGen::pop_regimm`], or frees
    /// an owned one.
    #[inline]
    pub(crate) fn release(&mut self, r: Reg) {
        if !self.cache.unpin(r) {
            self.stack.free(r);
        }
    }

    /// Evicts a copy in a register of the class `float`, writing it back if it is dirty; the
    /// register passes to the caller. Code without debugging evicts the copy whose next read
    /// is furthest ahead (see [`super::furthest_read`]; a dead one without writing it back),
    /// debug code and ties the least recently used. `reading`: a key the current operator
    /// reads next (see [`CodeGen::alloc_reading`]).
    fn evict_cached(&mut self, float: bool, reading: Option<u32>) -> Option<Reg> {
        let mut keys = [0u32; super::cache::MAX_CACHED];
        let n = self.cache.evictable(float, &mut keys);
        let at = self.offset.wrapping_sub(self.ops_start);
        // The operator's own read, then the lazy reads on the operand stack, the top's
        // first.
        let stacked = self.stack.entries.iter().rev().filter_map(|e| match e.loc {
            Loc::Local(i) => Some(i),
            _ => None,
        });
        let stacked = reading.into_iter().chain(stacked);
        let victim = super::furthest_read(self.ops, at, &keys[..n], stacked)
            // Debug code writes a dead copy back all the same: a stop point may show it.
            .map(|(key, dead)| (key, dead && self.debug.is_none()));
        let (key, r, dirty) = match victim {
            // A dead copy needs no write-back.
            Some((key, dead)) => {
                let (key, r, dirty) = self.cache.evict_key(key)?;
                (key, r, dirty && !dead)
            }
            None => self.cache.evict(float)?,
        };
        if dirty {
            self.write_back(key, r);
        }
        Some(r)
    }

    /// Drops cache key `key`'s copy, writing it back if it is dirty, and frees its register.
    pub(crate) fn drop_cached(&mut self, key: u32) {
        let Some(r) = self.cache.get(key) else {
            return;
        };
        if self.cache.is_dirty(r) {
            self.write_back(key, r);
        }
        self.cache.remove(key);
        self.stack.free(r);
    }

    /// Stores local `local`'s copy in `reg` to its slot.
    pub(crate) fn write_back(&mut self, local: u32, reg: Reg) {
        let size = size_of(self.local_types[local as usize]);
        self.e
            .store(Base::Frame, self.frame.local(local), reg, size);
        // Debug code: from here a trap in the last stop point's instruction finds the local
        // in its slot (the register may be reused).
        if let Some(r) = self.debug.as_mut().and_then(|rec| rec.recording.as_mut()) {
            if let Some(last) = r.stops.last_mut() {
                last.dirty &= !reg_bit(reg);
            }
        }
    }

    /// Writes every dirty copy back to its local's slot (they stay cached, now clean): before
    /// a branch, a join or a call, where every path must find the locals in their slots.
    #[inline]
    pub(crate) fn write_back_locals(&mut self) {
        if !self.cache.any_dirty() {
            return;
        }
        self.store_dirty(0);
        self.cache.mark_clean();
    }

    /// Stores the dirty copies whose registers are not in the mask `kept` (see
    /// [`super::cache::reg_bit`]) to their slots; emits code only, they stay dirty.
    pub(crate) fn store_dirty(&mut self, kept: u64) {
        for i in 0..self.cache.entries().len() {
            let (local, r) = self.cache.entries()[i];
            if self.cache.is_dirty(r) && reg_bit(r) & kept == 0 {
                self.write_back(local, r);
            }
        }
    }

    /// Whether `local.set` leaves a dirty copy (see `super::cache`): always, debug code too
    /// (its stop points say where each local's value is).
    #[inline]
    pub(crate) fn writes_back(&self) -> bool {
        true
    }

    /// Drops every cached local (at joins and before calls, after [`CodeGen::write_back_locals`]).
    pub(crate) fn clear_cache(&mut self) {
        if !self.reachable {
            // Nothing runs here: the dirty copies of code left by a branch need no write-back.
            self.cache.mark_clean();
        }
        for &(_, r) in self.cache.entries() {
            self.stack.free(r);
        }
        self.cache.clear();
    }

    /// The cached locals, for a branch or a join to record.
    pub(crate) fn cache_state(&self) -> CacheState {
        self.cache.state()
    }

    /// At a label reached only by paths whose cached locals were `state` (their
    /// intersection): the copies they all have. The registers are free here: values on the
    /// stack below a block are in their slots.
    pub(crate) fn restore_cache(&mut self, state: &[(u32, Reg)]) {
        self.clear_cache();
        for &(local, r) in state {
            if self.stack.is_free(r) {
                self.stack.take(r);
                self.cache.insert(local, r);
            }
        }
    }

    /// Loads the value cache key `key` stands for into `reg`: a local from its slot (always
    /// current), or memory 0's base or length through its `VMMemoryDef`.
    pub(crate) fn reload_cached(&mut self, key: u32, reg: Reg) {
        let field = match key {
            // Code with guard pages runs with guarded memories, whose base never moves: the
            // vmctx's copy.
            MEMORY_BASE_KEY if self.guard_pages => {
                let base = self.offsets.memory_base(0);
                self.e.load(reg, Base::Vmctx, base, OperandSize::S64);
                return;
            }
            MEMORY_BASE_KEY => crate::vmctx::MEMORY_BASE,
            MEMORY_LENGTH_KEY => crate::vmctx::MEMORY_LENGTH,
            local => {
                let size = size_of(self.local_types[local as usize]);
                self.e.load(reg, Base::Frame, self.frame.local(local), size);
                return;
            }
        };
        let def = self.offsets.memory(0);
        self.e.load(reg, Base::Vmctx, def, OperandSize::S64);
        self.e.load(reg, Base::Reg(reg), field, OperandSize::S64);
    }

    /// Memory `index` for a Wasm access (a `store` or a load) of `bytes` at static `offset`:
    /// memory 0's base and length in cached registers, lent to the access (give them back
    /// with [`CodeGen::release_memory`]) when registers allow. With guard pages, an access
    /// whose `offset + bytes` stays within the guard is not checked and needs the base only
    /// (unless it is a store that could tear, see [`Emitter::STORES_MAY_TEAR`]).
    pub(crate) fn memory_ref(
        &mut self,
        index: u32,
        offset: u64,
        bytes: u32,
        store: bool,
    ) -> MemoryRef {
        let def = self.offsets.memory(index);
        let guarded = self.guard_pages
            && !(store && bytes > 1 && E::STORES_MAY_TEAR)
            && offset
                .checked_add(bytes as u64)
                .is_some_and(|end| end <= crate::runtime::GUARD_BYTES);
        if guarded {
            if index == 0 {
                if let Some(base) = self.cached_copy(MEMORY_BASE_KEY, false) {
                    self.cache.pin(base);
                    return MemoryRef::Guarded { base };
                }
            }
            return MemoryRef::GuardedVmctx(self.offsets.memory_base(index));
        }
        let vmctx = MemoryRef::Vmctx(def);
        if index != 0 {
            return vmctx;
        }
        let mut regs = [None; 2];
        for (slot, key) in regs.iter_mut().zip([MEMORY_BASE_KEY, MEMORY_LENGTH_KEY]) {
            let Some(r) = self.cached_copy(key, false) else {
                break;
            };
            self.cache.pin(r);
            *slot = Some(r);
        }
        match regs {
            [Some(base), Some(length)] => MemoryRef::Cached { base, length },
            _ => {
                for r in regs.into_iter().flatten() {
                    self.release(r);
                }
                vmctx
            }
        }
    }

    /// Gives back the registers of a [`CodeGen::memory_ref`].
    pub(crate) fn release_memory(&mut self, memory: MemoryRef) {
        match memory {
            MemoryRef::Cached { base, length } => {
                self.release(base);
                self.release(length);
            }
            MemoryRef::Guarded { base } => self.release(base),
            MemoryRef::Vmctx(_) | MemoryRef::GuardedVmctx(_) => {}
        }
    }

    /// Drops local `index`'s cached copy (before it changes).
    #[inline]
    pub(crate) fn forget_local(&mut self, index: u32) {
        if let Some(r) = self.cache.remove(index) {
            self.stack.free(r);
        }
    }

    /// Computes the pending comparison, if any, and pushes its result.
    #[inline]
    pub(crate) fn materialize_pending(&mut self) {
        if self.pending.is_some() {
            self.materialize_pending_now();
        }
    }

    /// [`CodeGen::materialize_pending`] out of line, once there is a comparison pending.
    #[inline(never)]
    fn materialize_pending_now(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let dst = if self.cache.holds(p.lhs) {
            self.alloc(false)
        } else {
            p.lhs
        };
        self.e.int_cmp(p.kind, p.size, dst, p.lhs, p.rhs);
        if dst != p.lhs {
            self.release(p.lhs);
        }
        if let RegImm::Reg(r) = p.rhs {
            self.release(r);
        }
        self.push_reg(ValType::I32, dst);
    }

    /// Pops an integer right-hand operand: an immediate when it is a constant that fits.
    #[inline]
    pub(crate) fn pop_regimm(&mut self) -> Result<(ValType, RegImm)> {
        let entry = self.pop()?;
        if let Loc::Const(bits) = entry.loc {
            let fits = match size_of(entry.ty) {
                OperandSize::S32 => true,
                OperandSize::S64 => bits as i64 == (bits as i32) as i64,
            };
            if fits {
                return Ok((entry.ty, RegImm::Imm(bits as i32)));
            }
        }
        if let Some(r) = self.lend_cached(entry) {
            return Ok((entry.ty, RegImm::Reg(r)));
        }
        Ok((entry.ty, RegImm::Reg(self.entry_to_reg(entry))))
    }

    /// Gives back or frees a register operand (no-op for immediates).
    #[inline]
    pub(crate) fn free_regimm(&mut self, v: RegImm) {
        if let RegImm::Reg(r) = v {
            self.release(r);
        }
    }

    /// Moves the entry at `depth` into its canonical slot.
    pub(crate) fn spill_entry(&mut self, depth: usize) {
        let entry = self.stack.entries[depth];
        let dst = self.frame.slot(depth);
        match entry.loc {
            Loc::Mem => return,
            Loc::Reg(r) => {
                self.e.store(Base::Frame, dst, r, size_of(entry.ty));
                self.stack.free(r);
            }
            Loc::Local(i) if self.cache.get(i).is_some() => {
                let r = self.cache.get(i).unwrap();
                self.e.store(Base::Frame, dst, r, size_of(entry.ty));
            }
            _ => {
                // Constants and locals go through a temporary register; mark the entry as
                // `Mem` first so that allocating the temporary cannot pick it for spilling.
                self.stack.entries[depth].loc = Loc::Mem;
                let tmp = self.alloc_for(entry.ty);
                self.load_entry(entry, depth, tmp);
                self.e.store(Base::Frame, dst, tmp, size_of(entry.ty));
                self.stack.free(tmp);
            }
        }
        self.stack.entries[depth].loc = Loc::Mem;
    }

    /// Spills every register value (before calls: every allocatable register is clobbered).
    pub(crate) fn spill_regs(&mut self) {
        for depth in 0..self.stack.len() {
            if matches!(self.stack.entries[depth].loc, Loc::Reg(_)) {
                self.spill_entry(depth);
            }
        }
    }

    /// Puts every register and lazy-local value in its slot, so that all paths into a block
    /// agree on where values below the block live.
    pub(crate) fn flush_all(&mut self) {
        for depth in 0..self.stack.len() {
            if matches!(self.stack.entries[depth].loc, Loc::Reg(_) | Loc::Local(_)) {
                self.spill_entry(depth);
            }
        }
    }

    /// Materializes every lazy copy of local `index` (before the local changes).
    #[inline]
    pub(crate) fn materialize_local(&mut self, index: u32) {
        if self.stack.has_local(index) {
            self.spill_local_reads(index);
        }
    }

    /// [`CodeGen::materialize_local`] once the stack holds reads of local `index`.
    #[inline(never)]
    fn spill_local_reads(&mut self, index: u32) {
        for depth in 0..self.stack.len() {
            if self.stack.entries[depth].loc == Loc::Local(index) {
                self.spill_entry(depth);
            }
        }
    }

    /// Writes `entry` (currently at `depth`, or popped from there) to `[fp + dst]`, using `tmp`
    /// registers of the right class when it must go through a register.
    pub(crate) fn write_entry(&mut self, entry: Entry, depth: usize, dst: i32, tmp: Temps) {
        self.write_entry_at(entry, depth, Base::Frame, dst, tmp);
    }

    /// [`CodeGen::write_entry`] to `[base + dst]`.
    pub(crate) fn write_entry_at(
        &mut self,
        entry: Entry,
        depth: usize,
        base: Base,
        dst: i32,
        tmp: Temps,
    ) {
        let size = size_of(entry.ty);
        match entry.loc {
            Loc::Reg(r) => self.e.store(base, dst, r, size),
            Loc::Local(i) if self.cache.get(i).is_some() => {
                let r = self.cache.get(i).unwrap();
                self.e.store(base, dst, r, size);
            }
            Loc::Mem if base == Base::Frame && self.frame.slot(depth) == dst => {}
            Loc::Const(bits) if size == OperandSize::S32 || bits as i64 == (bits as i32) as i64 => {
                self.e.store_imm(base, dst, bits as i32, size)
            }
            _ => {
                let t = tmp.for_type(entry.ty);
                self.load_entry(entry, depth, t);
                self.e.store(base, dst, t, size);
            }
        }
    }

    /// Allocates one temporary of each class (freed with [`CodeGen::free_temps`]).
    pub(crate) fn alloc_temps(&mut self) -> Temps {
        Temps {
            gpr: self.alloc(false),
            fpr: self.alloc(true),
        }
    }

    /// Frees temporaries.
    pub(crate) fn free_temps(&mut self, t: Temps) {
        self.stack.free(t.gpr);
        self.stack.free(t.fpr);
    }

    /// Truncates the stack to `height`, freeing registers of the dropped entries.
    pub(crate) fn truncate(&mut self, height: usize) {
        while self.stack.len() > height {
            let entry = self.stack.entries.pop().unwrap();
            self.stack.release(entry);
        }
    }

    /// Binds a branch target here, a join: the cached locals are dropped (the callers that
    /// know what every path brings restore them). In debug code, what follows needs a machine
    /// site of its own: code reaching it by a branch must pass one.
    pub(crate) fn bind_label(&mut self, label: E::Label) {
        self.bind_label_keeping_cache(label);
        self.clear_cache();
    }

    /// [`CodeGen::bind_label`] where the cached locals stay valid: every path arrives with
    /// them (a loop header, whose back edges restore them), or only the fall-through does.
    pub(crate) fn bind_label_keeping_cache(&mut self, label: E::Label) {
        self.e.bind(label);
        if let Some(rec) = &mut self.debug {
            rec.group_open = false;
        }
    }

    /// Binds the label of control frame `index` (a forward one: a block's, an if's end, the
    /// function's exit), a join: the cached locals are dropped. Debug code: when only
    /// unconditional branches (which the slow path follows) and the fall-through reach it,
    /// what follows stays in the current group (`conditional`: some conditional branch
    /// reaches it too, and what follows gets a machine site). The branches recorded to it
    /// land on the next stop point.
    pub(crate) fn bind_join(&mut self, label: E::Label, index: usize, conditional: bool) {
        self.e.bind(label);
        self.clear_cache();
        if let Some(rec) = &mut self.debug {
            if conditional {
                rec.group_open = false;
            }
        }
        self.land_jumps(index, false);
    }

    /// Binds the else entry of the `if` of control frame `index` (a conditional branch's
    /// target: a join with a site of its own in debug code); the `if` lands on the next stop
    /// point when its condition is false.
    pub(crate) fn bind_else(&mut self, label: E::Label, index: usize) {
        self.bind_label(label);
        self.land_jumps(index, true);
    }

    /// Recording: the branches to control frame `index`'s label (its else entry if
    /// `to_else`) land on the next stop point.
    fn land_jumps(&mut self, index: usize, to_else: bool) {
        let Some(rec) = &mut self.debug else { return };
        let mut i = 0;
        while i < rec.open_jumps.len() {
            let (stop, frame, jump, else_entry) = rec.open_jumps[i];
            if frame == index && else_entry == to_else {
                rec.landing.push((stop, jump));
                rec.open_jumps.swap_remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// Debug code, recording: the stop point just recorded is a branch to control frame
    /// `index`: to its label, or to its else entry (`to_else`, an `if`), carrying `arity`
    /// values (for an `if`, its parameters), `conditional` or not. A branch back to a loop
    /// lands on its header's stop point, recorded already.
    pub(crate) fn record_jump(
        &mut self,
        index: usize,
        to_else: bool,
        arity: usize,
        conditional: bool,
    ) {
        let header = self.control[index].header_stop;
        let is_loop = self.control[index].kind == super::control::ControlKind::Loop;
        let Some(rec) = &mut self.debug else { return };
        let Some(r) = &mut rec.recording else { return };
        let Some(stop) = r.stops.len().checked_sub(1) else {
            return;
        };
        let jump = crate::debug::Jump {
            target: header,
            arity: arity as u32,
            conditional,
        };
        if is_loop {
            r.stops[stop].jump = Some(jump);
        } else {
            rec.open_jumps.push((stop as u32, index, jump, to_else));
        }
    }

    /// Debug code, recording: the index the next stop point will have.
    pub(crate) fn next_stop_index(&self) -> u32 {
        self.debug
            .as_ref()
            .and_then(|rec| rec.recording.as_ref())
            .map_or(0, |r| r.stops.len() as u32)
    }

    /// Debug code: the stop point of `kind` at `bytecode_offset`, for an operator of `class`.
    ///
    /// A stop point joins the last machine site's group while the slow path can run the code
    /// between them itself (see `crate::debug::interp`); a new machine site starts at function
    /// entry, at a branch target, and after an instruction the slow path does not run. The
    /// slow path resumes the machine code at a group's first stop point, before a trapping
    /// instruction (which the machine code then runs) or before the instruction that ends the
    /// group, and writes every value where the recorded layout says.
    #[inline]
    pub(crate) fn stop_point(
        &mut self,
        kind: crate::debug::SiteKind,
        bytecode_offset: u32,
        class: crate::debug::interp::OpClass,
    ) {
        if self.debug.is_some() {
            self.debug_stop_point(kind, bytecode_offset, class);
        }
    }

    /// [`CodeGen::stop_point`] out of line, in debug code.
    #[inline(never)]
    fn debug_stop_point(
        &mut self,
        kind: crate::debug::SiteKind,
        bytecode_offset: u32,
        class: crate::debug::interp::OpClass,
    ) {
        let Some(rec) = &self.debug else { return };
        let new_site = !rec.group_open;
        if new_site || !class.interpretable || class.conditional {
            // A lazy copy of a local must not reach a place where the slow path resumes
            // after a debugger may have written the local (see `Stop::set_local`).
            self.materialize_lazy_locals();
        }
        let code_offset = self.e.code_offset();
        let rec = self.debug.as_mut().unwrap();
        if new_site {
            let index = rec.machine_sites;
            rec.machine_sites += 1;
            if let Some(r) = &mut rec.recording {
                let at = r.stops.len() as u32;
                r.machine.push(crate::debug::MachineSite {
                    return_offset: 0,
                    resume_offset: 0,
                    stops: at..at,
                });
            }
            self.e.breakable_site(index);
        }
        let rec = self.debug.as_mut().unwrap();
        rec.group_open = class.interpretable;
        if let Some(r) = &mut rec.recording {
            use crate::debug::{Location, ValueLoc};
            let start = r.values.len() as u32;
            for (depth, en) in self.stack.entries.iter().enumerate() {
                r.values.push(ValueLoc {
                    ty: en.ty,
                    loc: match en.loc {
                        Loc::Const(b) => Location::Const(b),
                        Loc::Reg(r) => Location::Reg(r),
                        Loc::Local(i) => Location::Local(i),
                        Loc::Mem => Location::Frame(self.frame.slot(depth)),
                    },
                });
            }
            let cached_start = r.cached.len() as u32;
            r.cached.extend_from_slice(self.cache.entries());
            let here = r.stops.len() as u32;
            for (stop, jump) in rec.landing.drain(..) {
                r.stops[stop as usize].jump = Some(crate::debug::Jump {
                    target: here,
                    ..jump
                });
            }
            r.stops.push(crate::debug::StopPoint {
                bytecode_offset,
                kind,
                stack: start..r.values.len() as u32,
                code_offset,
                interpretable: class.interpretable,
                cached: cached_start..r.cached.len() as u32,
                dirty: self.cache.dirty_mask(),
                compare: self.pending.map(|p| crate::debug::PendingCompare {
                    kind: p.kind,
                    size: p.size,
                    lhs: p.lhs,
                    rhs: p.rhs,
                }),
                jump: None,
            });
            let end = r.stops.len() as u32;
            if let Some(m) = r.machine.last_mut() {
                m.stops.end = end;
            }
        }
    }

    /// Loads every lazy copy of a local on the operand stack into a register.
    fn materialize_lazy_locals(&mut self) {
        for depth in 0..self.stack.len() {
            let entry = self.stack.entries[depth];
            if let Loc::Local(i) = entry.loc {
                // Mark it first so that allocating cannot pick it for spilling (nor give
                // its local's copy, about to be read, away).
                self.stack.entries[depth].loc = Loc::Mem;
                let r = self.alloc_reading(entry.ty.is_float(), Some(i));
                self.load_entry(entry, depth, r);
                self.stack.entries[depth].loc = Loc::Reg(r);
            }
        }
    }

    /// Debug code: reloads the frame's gate registers (after the prologue, after calls and at
    /// back edges, so that breakpoints, steps and pauses set meanwhile take effect).
    pub(crate) fn reload_debug_gate(&mut self, what: GateReload) {
        if let Some(rec) = &self.debug {
            self.e
                .load_debug_gate(rec.func_index, what == GateReload::TableAndBits);
        }
    }

    /// Debug code: records a call's return address for backtraces, then reloads the gate
    /// registers (`what`: the table too after a call that may have left the instance).
    pub(crate) fn after_call(&mut self, return_offset: u32, what: GateReload) {
        if let Some(r) = self.debug.as_mut().and_then(|d| d.recording.as_mut()) {
            r.calls.push(crate::debug::CallSite {
                return_offset,
                bytecode_offset: self.offset as u32,
            });
        }
        self.reload_debug_gate(what);
        if let Some(top) = self.control.last_mut() {
            top.reloaded |= top.kind == super::control::ControlKind::Loop;
        }
    }

    /// Calls `call` with the top `nargs` stack values (bottom first) after `imm_args`
    /// constants, pushing a result of type `result`.
    pub(crate) fn libcall(
        &mut self,
        call: Libcall,
        imm_args: &[u64],
        nargs: usize,
        result: Option<ValType>,
        can_trap: bool,
    ) -> Result<()> {
        let mut args: Vec<LibcallArg> = Vec::with_capacity(imm_args.len() + nargs);
        let mut regs: Vec<Reg> = Vec::new();
        let mut popped: Vec<LibcallArg> = Vec::with_capacity(nargs);
        for _ in 0..nargs {
            let entry = self.pop()?;
            let arg = match entry.loc {
                Loc::Const(bits) => {
                    let bits = if entry.ty.is_64() {
                        bits
                    } else {
                        bits & 0xffff_ffff
                    };
                    LibcallArg::Imm(bits)
                }
                _ => {
                    let r = self.entry_to_reg(entry);
                    if entry.ty == ValType::I32 {
                        // The libcall ABI passes u64s: zero the upper half of i32s.
                        self.e
                            .convert(super::emitter::ConvertKind::I64ExtendI32U, r, r);
                    }
                    regs.push(r);
                    LibcallArg::Reg(r)
                }
            };
            popped.push(arg);
        }
        args.extend(imm_args.iter().map(|&b| LibcallArg::Imm(b)));
        args.extend(popped.into_iter().rev());
        self.spill_regs();
        self.write_back_locals();
        self.clear_cache();
        for r in regs {
            self.stack.free(r);
        }
        let result_reg = result.map(|ty| {
            let r = self.alloc_for(ty);
            (ty, r)
        });
        self.e
            .libcall(call, &args, result_reg.map(|(_, r)| r), can_trap);
        self.calls_out = true;
        if let Some((ty, r)) = result_reg {
            self.push_reg(ty, r);
        }
        Ok(())
    }
}

/// One scratch register of each class, held across a sequence of moves.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Temps {
    gpr: Reg,
    fpr: Reg,
}

impl Temps {
    /// The temporary of `ty`'s class.
    pub(crate) fn for_type(self, ty: ValType) -> Reg {
        if ty.is_float() {
            self.fpr
        } else {
            self.gpr
        }
    }
}
