//! Control flow: blocks, loops, if/else, branches, returns and calls.
//!
//! Merge discipline: entering a block puts every value on the stack in its canonical slot
//! (constants stay constants), so every path into a label agrees on where the values below the
//! block live; a branch moves its values into the target's slots `[base, base + arity)`, or,
//! when a block or `if` has one result and no parameters, into its result register
//! ([`CodeGen::result_reg`]): every path into the end brings the result there.

use alloc::vec::Vec;

use super::cache::{intersect, is_memory_key, reg_bit};
use super::context::{CacheState, CodeGen, GateReload, PendingCmp};
use super::convention;
use super::emitter::{Base, CallArea, Emitter, IntCmpKind, OperandSize, Reg, RegImm};
use super::stack::Loc;
use crate::error::{Error, Result};
use crate::types::{FuncType, ValType};

/// What kind of construct a control frame is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ControlKind {
    /// The function body.
    Function,
    /// `block`.
    Block,
    /// `loop`: branches go back to the header with the loop's parameters.
    Loop,
    /// `if` before its `else`; the label is the else branch's entry.
    If,
    /// `else` branch.
    Else,
}

/// One entry of the control stack.
#[derive(Clone, Debug)]
pub(crate) struct Control<L> {
    pub kind: ControlKind,
    /// Branch target: end of block/if, header of loop, epilogue for the function.
    pub label: L,
    /// For `if`: the start of the else branch.
    pub else_label: Option<L>,
    /// Stack depth where the frame's parameters (and then results) start.
    pub base: usize,
    pub params: Vec<ValType>,
    pub results: Vec<ValType>,
    /// Whether some branch targets `label` (so the end is reachable).
    pub label_used: bool,
    /// Whether a conditional branch (`br_if`, `br_table`) targets `label`: in debug code,
    /// its join then needs a machine site of its own.
    pub cond_branched: bool,
    /// Loops in code that writes back: the registers of the header's copies that may be
    /// dirty there (the loop writes their locals, and back edges leave them dirty).
    pub header_dirty: u64,
    /// Loops in debug code: whether a call (which reloads the gate registers when it returns)
    /// was made at the loop's own level since its header, so that every later point of the
    /// body, back edges included, is reached only through that reload.
    pub reloaded: bool,
    /// Loops in debug code, recording: the index of the header's stop point (where a branch
    /// back lands).
    pub header_stop: u32,
}

/// The cached-locals states of control frame `i` are `CodeGen::caches[i]`: these two.
/// (Kept beside the control stack, whose frames they would make ~600 bytes to copy.)
pub(crate) const LABEL_CACHE: usize = 0;
/// See [`LABEL_CACHE`].
pub(crate) const ELSE_CACHE: usize = 1;

/// Stack-pointer offset of value `i` of a call's `k`-slot area at the frame's bottom (the
/// callee sees it at `fp + 16 + 8 * (k - 1 - i)`).
fn area_offset(k: usize, i: usize) -> i32 {
    8 * (k - 1 - i) as i32
}

impl<L> Control<L> {
    /// Types carried by a branch to this frame.
    pub fn branch_types(&self) -> &[ValType] {
        if self.kind == ControlKind::Loop {
            &self.params
        } else {
            &self.results
        }
    }
}

impl<'m, E: Emitter> CodeGen<'m, E> {
    /// Parameter and result types of a block type.
    fn block_sig(&self, ty: wasmparser::BlockType) -> Result<(Vec<ValType>, Vec<ValType>)> {
        let conv = |t: wasmparser::ValType| {
            ValType::from_wasmparser(t).ok_or_else(|| Error::unsupported("value type", self.offset))
        };
        Ok(match ty {
            wasmparser::BlockType::Empty => (Vec::new(), Vec::new()),
            wasmparser::BlockType::Type(t) => (Vec::new(), alloc::vec![conv(t)?]),
            wasmparser::BlockType::FuncType(i) => {
                let f = &self.info.types[i as usize];
                (f.params.to_vec(), f.results.to_vec())
            }
        })
    }

    fn push_control(
        &mut self,
        kind: ControlKind,
        label: E::Label,
        else_label: Option<E::Label>,
        params: Vec<ValType>,
        results: Vec<ValType>,
    ) {
        let base = self.stack.len() - params.len();
        self.control.push(Control {
            kind,
            label,
            else_label,
            base,
            params,
            results,
            label_used: false,
            cond_branched: false,
            header_dirty: 0,
            reloaded: false,
            header_stop: 0,
        });
        self.reset_frame_caches();
    }

    /// Empties the cached-locals states of the frame just pushed (see [`LABEL_CACHE`]): for
    /// a block and its ifs, the cached locals every branch to its label brings; for a loop,
    /// the ones at its header; for an `if`, the ones at the branch to its else entry.
    pub(crate) fn reset_frame_caches(&mut self) {
        let i = self.control.len() - 1;
        if let Some(c) = self.caches.get_mut(i) {
            c[LABEL_CACHE].clear();
            c[ELSE_CACHE].clear();
        } else {
            debug_assert_eq!(self.caches.len(), i);
            self.caches.push(Default::default());
        }
    }

    /// The register in which branches to frame `index` bring its result: a forward label
    /// (`block`, `if`, `else`) with one result and no parameters (an `if` without `else`
    /// with parameters passes them through their slots). The first register of the
    /// result's class, as for calls ([`convention::result_reg`]): never reserved (debug
    /// code's gate registers are the last).
    pub(crate) fn result_reg(&self, index: usize) -> Option<Reg> {
        let f = &self.control[index];
        // Debug code returns like a block ends (the exit's stop point sees the results).
        let forward = match f.kind {
            ControlKind::Block | ControlKind::If | ControlKind::Else => true,
            ControlKind::Function => self.debug.is_some(),
            ControlKind::Loop => false,
        };
        // The register a call's single result comes back in, too.
        (forward && f.params.is_empty())
            .then(|| convention::result_reg(&f.results))
            .flatten()
    }

    /// Records that a branch to frame `index`'s label is taken with the current cached
    /// locals (a forward label's state at its join is what every path brings; a copy in the
    /// result register is not, the result overwrote it).
    fn note_branch(&mut self, index: usize) {
        let frame = &self.control[index];
        if matches!(frame.kind, ControlKind::Loop | ControlKind::Function) {
            self.control[index].label_used = true;
            return;
        }
        let result = self.result_reg(index);
        if self.control[index].label_used {
            let state = self.cache.entries();
            intersect(&mut self.caches[index][LABEL_CACHE], state);
        } else {
            self.caches[index][LABEL_CACHE].assign(self.cache.entries());
            self.control[index].label_used = true;
        }
        if let Some(r) = result {
            self.caches[index][LABEL_CACHE].retain(|&(_, c)| c != r);
        }
    }

    /// Flushes the stack at a block entry; the block's `params` top values go to their slots
    /// too, constants included, since back edges and else branches find them there.
    fn flush_block_entry(&mut self, params: usize) {
        self.flush_all();
        let height = self.stack.len();
        for depth in height - params..height {
            self.spill_entry(depth);
        }
    }

    /// `block`.
    pub fn visit_block(&mut self, ty: wasmparser::BlockType) -> Result<()> {
        if !self.reachable {
            self.unreachable_depth += 1;
            return Ok(());
        }
        let (params, results) = self.block_sig(ty)?;
        self.flush_block_entry(params.len());
        let label = self.e.new_label();
        self.push_control(ControlKind::Block, label, None, params, results);
        Ok(())
    }

    /// `loop`.
    pub fn visit_loop(&mut self, ty: wasmparser::BlockType) -> Result<()> {
        if !self.reachable {
            self.unreachable_depth += 1;
            return Ok(());
        }
        let (params, results) = self.block_sig(ty)?;
        self.flush_block_entry(params.len());
        let scan = core::mem::take(&mut self.loop_scan);
        self.preload_loop_locals(scan);
        self.write_back_locals();
        let label = self.e.new_label();
        // The header is a join, but every back edge puts the cached locals back where they
        // are now (see `restore_loop_cache`).
        self.bind_label_keeping_cache(label);
        // No gate reload here: the back edges reload (see `reload_for_back_edge`), and the
        // first entry finds the bits the function last loaded.
        self.push_control(ControlKind::Loop, label, None, params, results);
        let top = self.control.len() - 1;
        self.control[top].header_stop = self.next_stop_index();
        self.caches[top][LABEL_CACHE].assign(self.cache.entries());
        if scan.complete && !scan.calls && self.writes_back() {
            // Back edges need not write back the copies of locals the loop changes: they
            // are dirty at the header. (Not in a loop that calls: each call would write
            // them back, changed or not.)
            self.control[top].header_dirty = self.cache.mark_dirty_if_written(&self.loop_writes);
        }
        Ok(())
    }

    /// Least free registers a loop's preloads leave of each class, for the body's values.
    const LOOP_FREE_GPRS: u32 = 4;
    const LOOP_FREE_FPRS: u32 = 4;

    /// Least free GPRs a loop's preloads leave: [`Self::LOOP_FREE_GPRS`], or 2 in a loop
    /// without calls where fewer than 8 are allocatable at all (x64 debug code, which reserves
    /// three of ten): there the locals a loop reads most would otherwise stay in memory
    /// (matmul's innermost counter and memory's base), and the body's values rarely need more
    /// than two at once. (A call takes every register: a loop that calls reloads its preloads
    /// after each.)
    fn loop_free_gprs(&self, calls: bool) -> u32 {
        let reserved = if self.debug.is_some() {
            super::debug_reserved_gprs::<E>().count() as u32
        } else {
            0
        };
        if !calls && E::GPR_COUNT as u32 - reserved < 8 {
            2
        } else {
            Self::LOOP_FREE_GPRS
        }
    }

    /// Loads the locals the loop reads most into free registers, so that they stay there
    /// across iterations.
    fn preload_loop_locals(&mut self, scan: super::LoopScan) {
        let locals = core::mem::take(&mut self.loop_locals);
        if scan.complete {
            // Each back edge puts the header's copies back: one the loop never reads would
            // only be reloaded there whenever the body (or a call) took its register. Drop
            // those (their slots are current once written back).
            self.write_back_locals();
            let unread: CacheState = self.cache.state();
            for &(key, _) in unread.iter() {
                if !locals.contains(&key) {
                    self.drop_cached(key);
                }
            }
        }
        for &l in &locals {
            // The look-ahead ran ahead of validation: indices may be out of range.
            let float = match self.local_types.get(l as usize) {
                Some(ty) => ty.is_float(),
                None if is_memory_key(l) && !self.info.memories.is_empty() => false,
                None => continue,
            };
            let keep = if float {
                Self::LOOP_FREE_FPRS
            } else {
                self.loop_free_gprs(scan.calls)
            };
            if self.cache.get(l).is_some() || self.stack.free_count(float) <= keep {
                continue;
            }
            let r = self.stack.try_alloc(float).expect("a free register");
            self.reload_cached(l, r);
            self.cache.insert(l, r);
        }
        // The most read copies are evicted last.
        for &l in locals.iter().rev() {
            self.cache.touch(l);
        }
        self.loop_locals = locals;
        self.loop_locals.clear();
    }

    /// Whether a back edge to loop `index` needs code to put its cached locals back.
    fn loop_cache_differs(&self, index: usize) -> bool {
        self.control[index].kind == ControlKind::Loop
            && self.caches[index][LABEL_CACHE]
                .iter()
                .any(|&(l, r)| self.cache.get(l) != Some(r))
    }

    /// Before a conditional back edge to loop `index`: when every register the loop's cached
    /// locals go back to is free here, puts them there on both paths (no code is needed on
    /// the taken path alone) and makes that the state from here on; else does nothing.
    ///
    /// A copy dropped here may still be lent to the branch's condition: nothing allocates
    /// between this and the branch, which only reads it.
    fn adopt_loop_cache(&mut self, index: usize) {
        let state = &self.caches[index][LABEL_CACHE];
        let adoptable = state.iter().all(|&(l, r)| match self.cache.get(l) {
            Some(c) if c == r => true,
            Some(_) | None => self.stack.is_free(r),
        });
        if !adoptable {
            return;
        }
        let state = self.caches[index][LABEL_CACHE];
        for &(l, r) in state.iter() {
            let dirty = match self.cache.get(l) {
                Some(c) if c == r => continue,
                Some(c) => {
                    self.e.mov(r, c);
                    self.cache.is_dirty(c)
                }
                None => {
                    self.reload_cached(l, r);
                    false
                }
            };
            self.forget_local(l);
            self.stack.take(r);
            self.cache.insert(l, r);
            if dirty {
                self.cache.mark_dirty(r);
            }
        }
    }

    /// Before a back edge to loop `index`: puts every local cached at the loop's header back
    /// in its register there (a move from another copy, else a load from its slot, which is
    /// always current). Emits code only: the state of the code after it is unchanged.
    fn restore_loop_cache(&mut self, index: usize) {
        if !self.loop_cache_differs(index) {
            return;
        }
        let state = self.caches[index][LABEL_CACHE];
        // A move whose destination another move reads would clobber it: that one loads.
        let mut sources = CacheState::default();
        for &(l, r) in state.iter() {
            if let Some(c) = self.cache.get(l).filter(|&c| c != r) {
                sources.push((0, c));
            }
        }
        let mut loads = CacheState::default();
        for &(l, r) in state.iter() {
            match self.cache.get(l) {
                Some(c) if c == r => {}
                Some(c) if !sources.iter().any(|&(_, s)| s == r) => self.e.mov(r, c),
                _ => loads.push((l, r)),
            }
        }
        for &(l, r) in loads.iter() {
            self.reload_cached(l, r);
        }
    }

    /// `if`: the condition is popped first; parameters are copied above themselves so that the
    /// else branch still finds the originals after the then branch used the copies.
    pub fn visit_if(&mut self, ty: wasmparser::BlockType) -> Result<()> {
        if !self.reachable {
            self.unreachable_depth += 1;
            return Ok(());
        }
        let (params, results) = self.block_sig(ty)?;
        let cond = self.pop_condition()?;
        self.flush_block_entry(params.len());
        self.write_back_locals();
        let else_label = self.e.new_label();
        let end_label = self.e.new_label();
        self.branch_on(cond, false, else_label);
        let n = params.len();
        self.push_control(
            ControlKind::If,
            end_label,
            Some(else_label),
            params,
            results,
        );
        let top = self.control.len() - 1;
        self.caches[top][ELSE_CACHE].assign(self.cache.entries());
        // The slow path branches itself, so it never resumes before the comparison.
        self.record_jump(top, true, n, true);
        if n > 0 {
            let base = self.stack.len() - n;
            let tmp = self.alloc_temps();
            for i in 0..n {
                let entry = self.stack.entries[base + i];
                let dst = self.frame.slot(base + n + i);
                self.write_entry(entry, base + i, dst, tmp);
                self.stack.push(entry.ty, Loc::Mem);
            }
            self.free_temps(tmp);
        }
        Ok(())
    }

    /// `else`.
    pub fn visit_else(&mut self) -> Result<()> {
        if !self.reachable && self.unreachable_depth > 0 {
            return Ok(());
        }
        let frame_index = self.control.len() - 1;
        if self.reachable {
            self.write_back_locals();
            self.move_branch_values(frame_index)?;
            let label = self.control[frame_index].label;
            self.e.jump(label);
            self.note_branch(frame_index);
            let arity = self.control[frame_index].results.len();
            self.record_jump(frame_index, false, arity, false);
        }
        let frame = &mut self.control[frame_index];
        frame.kind = ControlKind::Else;
        let else_label = frame.else_label.take().expect("if frame has an else label");
        let base = frame.base;
        let params = frame.params.clone();
        let state = self.caches[frame_index][ELSE_CACHE];
        self.caches[frame_index][ELSE_CACHE].clear();
        self.bind_else(else_label, frame_index);
        self.truncate(base);
        // Only the `if`'s branch reaches the else entry.
        self.restore_cache(&state);
        for ty in params {
            self.stack.push(ty, Loc::Mem);
        }
        self.reachable = true;
        Ok(())
    }

    /// `end`.
    pub fn visit_end(&mut self) -> Result<()> {
        if !self.reachable && self.unreachable_depth > 0 {
            self.unreachable_depth -= 1;
            return Ok(());
        }
        let frame_index = self.control.len() - 1;
        let kind = self.control[frame_index].kind;
        // Only the function's `end` in code without debugging takes a pending comparison
        // as it is (the visitor lets every `end` of such code fuse).
        if kind != ControlKind::Function || self.debug.is_some() {
            self.materialize_pending();
        }
        match kind {
            ControlKind::Function => {
                let label = self.control[frame_index].label;
                let joined = self.control[frame_index].label_used;
                if self.debug.is_none() {
                    if self.reachable {
                        self.return_pending_or_values()?;
                    }
                    self.e.bind(label);
                } else {
                    // Debug code: the exit's stop point sees the results on the operand stack
                    // and the parameters still in the area, then the results go there.
                    if joined {
                        if self.reachable {
                            self.move_branch_values(frame_index)?;
                        }
                        let conditional = self.control[frame_index].cond_branched;
                        let result = self.result_reg(frame_index);
                        self.bind_join(label, frame_index, conditional);
                        let results = self.control[frame_index].results.clone();
                        self.truncate(0);
                        match result {
                            Some(r) => {
                                self.stack.take(r);
                                self.push_reg(results[0], r);
                            }
                            None => {
                                for ty in results {
                                    self.stack.push(ty, Loc::Mem);
                                }
                            }
                        }
                    } else {
                        // No `return` jumps here: not a join, the exit may share the last
                        // group.
                        self.e.bind(label);
                    }
                    let end = self.body_end;
                    self.stop_point(
                        crate::debug::SiteKind::FunctionExit,
                        end,
                        crate::debug::interp::EXIT,
                    );
                    if self.reachable || joined {
                        self.write_return_values()?;
                    }
                }
                self.e.epilogue();
                self.control.pop();
                self.truncate(0);
                self.reachable = false;
                return Ok(());
            }
            ControlKind::Loop => {
                // Only the fall-through reaches a loop's end: values stay where they are.
                let frame = self.control.pop().unwrap();
                if !self.reachable {
                    self.truncate(frame.base);
                }
                return Ok(());
            }
            ControlKind::Block | ControlKind::Else | ControlKind::If => {
                if self.reachable {
                    self.write_back_locals();
                    self.move_branch_values(frame_index)?;
                }
                let result = self.result_reg(frame_index);
                let frame = self.control.pop().unwrap();
                // The cached locals every path to the end brings: the fall-through, the
                // branches, and for an `if` without `else` the branch around it.
                let mut state = CacheState::default();
                let mut first = true;
                if self.reachable {
                    state.assign(self.cache.entries());
                    if let Some(r) = result {
                        state.retain(|&(_, c)| c != r);
                    }
                    first = false;
                }
                let paths = [
                    (frame.label_used, &self.caches[frame_index][LABEL_CACHE][..]),
                    (
                        frame.else_label.is_some(),
                        &self.caches[frame_index][ELSE_CACHE][..],
                    ),
                ];
                for (taken, path) in paths {
                    if !taken {
                        continue;
                    }
                    if first {
                        state.assign(path);
                        first = false;
                    } else {
                        intersect(&mut state, path);
                    }
                }
                // An `if` without `else` falls through with its parameters as results (same
                // slots), so its end is always reachable.
                if let Some(else_label) = frame.else_label {
                    self.bind_else(else_label, frame_index);
                }
                if frame.label_used {
                    self.bind_join(frame.label, frame_index, frame.cond_branched);
                } else {
                    // Only the fall-through reaches it: not a join.
                    self.e.bind(frame.label);
                }
                let reachable = self.reachable || frame.label_used || kind == ControlKind::If;
                self.truncate(frame.base);
                match result {
                    Some(r) if reachable => {
                        // The result register first: the cached copies avoid it.
                        self.clear_cache();
                        self.stack.take(r);
                        self.push_reg(frame.results[0], r);
                        self.restore_cache(&state);
                    }
                    _ => {
                        self.restore_cache(&state);
                        if reachable {
                            for &ty in &frame.results {
                                self.stack.push(ty, Loc::Mem);
                            }
                        }
                    }
                }
                self.reachable = reachable;
            }
        }
        Ok(())
    }

    /// Moves the values a branch to control frame `index` carries (the top of the stack) into
    /// the frame's slots, or its result register. The stack itself is left as it was: on the
    /// path that branches, every value in a register besides the result is dropped (values
    /// below the target block are in their slots since its entry), and a local's cached copy
    /// in the result register is dropped by [`CodeGen::note_branch`] and at the end.
    fn move_branch_values(&mut self, index: usize) -> Result<()> {
        let frame = &self.control[index];
        let n = frame.branch_types().len();
        let base = frame.base;
        let height = self.stack.len();
        if height < n {
            return Err(Error::limit("branch values missing", self.offset));
        }
        if let Some(r) = self.result_reg(index) {
            let depth = height - 1;
            let entry = self.stack.entries[depth];
            self.load_entry(entry, depth, r);
            return Ok(());
        }
        let needs_moves = (0..n).any(|i| {
            let depth = height - n + i;
            !(depth == base + i && self.stack.entries[depth].loc == Loc::Mem)
        });
        if !needs_moves {
            return Ok(());
        }
        let tmp = self.alloc_temps();
        for i in 0..n {
            let depth = height - n + i;
            let entry = self.stack.entries[depth];
            let dst = self.frame.slot(base + i);
            self.write_entry(entry, depth, dst, tmp);
        }
        self.free_temps(tmp);
        self.stack.note_depth(base + n);
        Ok(())
    }

    /// Writes the function's results (the top of the stack) to the argument/result area.
    /// Lazy locals among them are first put in their slots: parameters live in that same area.
    fn write_return_values(&mut self) -> Result<()> {
        let n = self.control[0].results.len();
        let height = self.stack.len();
        if height < n {
            return Err(Error::limit("return values missing", self.offset));
        }
        self.prepare_return();
        if let Some(r) = convention::result_reg(&self.control[0].results) {
            let depth = height - 1;
            let entry = self.stack.entries[depth];
            self.load_entry(entry, depth, r);
            return Ok(());
        }
        let tmp = self.alloc_temps();
        for i in 0..n {
            let depth = height - n + i;
            let entry = self.stack.entries[depth];
            let dst = self.frame.area(i as u32);
            self.write_entry(entry, depth, dst, tmp);
        }
        self.free_temps(tmp);
        Ok(())
    }

    /// The function's `end` in code without debugging: a pending comparison that is the
    /// function's only result is computed straight into the result register (nothing reads
    /// the operand stack or the cached locals after it); else the values are written as
    /// [`CodeGen::write_return_values`] does.
    fn return_pending_or_values(&mut self) -> Result<()> {
        if let Some(p) = self.pending.take() {
            let results = &self.control[0].results;
            match convention::result_reg(results) {
                Some(r @ Reg::Gpr(_)) if results.len() == 1 => {
                    self.e.int_cmp(p.kind, p.size, r, p.lhs, p.rhs);
                    // The operands' registers (the result's included, when it was one) go
                    // back: the stack and the cache are dropped right after.
                    self.release(p.lhs);
                    if let RegImm::Reg(rhs) = p.rhs {
                        self.release(rhs);
                    }
                    return Ok(());
                }
                _ => {
                    self.pending = Some(p);
                    self.materialize_pending();
                }
            }
        }
        self.write_return_values()
    }

    /// Puts lazy locals among the top `results` values in their own slots (see
    /// [`CodeGen::write_return_values`]); done before any branch so both paths agree.
    fn prepare_return(&mut self) {
        let n = self.control[0].results.len();
        let height = self.stack.len();
        for depth in height.saturating_sub(n)..height {
            if matches!(self.stack.entries[depth].loc, Loc::Local(_)) {
                self.spill_entry(depth);
            }
        }
    }

    /// Debug code, before a branch to frame `index`: a back edge reloads the site bits, so
    /// that breakpoints, steps and pauses set while a loop runs take effect at its next
    /// iteration; unless every path from the header passed a call's reload.
    fn reload_for_back_edge(&mut self, index: usize) {
        let frame = &self.control[index];
        if frame.kind == ControlKind::Loop && !frame.reloaded {
            self.reload_debug_gate(GateReload::Bits);
        }
    }

    /// Emits the taken path of a branch to relative depth `depth` (moves, then jump).
    fn emit_branch(&mut self, depth: u32) -> Result<()> {
        let index = self.control.len() - 1 - depth as usize;
        self.reload_for_back_edge(index);
        self.write_back_for(index);
        if self.control[index].kind == ControlKind::Function && self.debug.is_none() {
            self.write_return_values()?;
            let exit = self.exit_label;
            self.e.jump(exit);
        } else {
            // Debug code returns like a block ends: the results go to their slots, and the
            // exit writes them to the caller's area after its stop point.
            self.move_branch_values(index)?;
            self.restore_loop_cache(index);
            let label = self.control[index].label;
            self.e.jump(label);
        }
        self.note_branch(index);
        Ok(())
    }

    /// The registers whose dirty copies a branch to frame `index` may leave dirty: a loop
    /// header's own copies of locals the loop writes, in their header registers (every other
    /// path into a label finds the locals in their slots).
    fn dirty_kept_by(&self, index: usize) -> u64 {
        let frame = &self.control[index];
        if frame.kind == ControlKind::Function {
            return u64::MAX;
        }
        if frame.header_dirty == 0 {
            return 0;
        }
        let header = &self.caches[index][LABEL_CACHE];
        self.cache
            .entries()
            .iter()
            .filter(|e| header.contains(e))
            .fold(0, |m, &(_, r)| m | (reg_bit(r) & frame.header_dirty))
    }

    /// Whether a branch to frame `index` has dirty copies to write back.
    fn branch_writes_back(&self, index: usize) -> bool {
        self.cache.dirty_mask() & !self.dirty_kept_by(index) != 0
    }

    /// Before a branch to frame `index`: writes back the dirty copies it needs in their slots
    /// (see [`CodeGen::dirty_kept_by`]). Code only: they stay dirty on the path that does not
    /// branch.
    fn write_back_for(&mut self, index: usize) {
        if !self.branch_writes_back(index) {
            return;
        }
        let kept = self.dirty_kept_by(index);
        self.store_dirty(kept);
    }

    /// Whether a branch to `depth` needs no code besides the jump.
    fn branch_is_plain(&self, depth: u32) -> bool {
        let index = self.control.len() - 1 - depth as usize;
        if self.branch_writes_back(index) {
            return false;
        }
        let frame = &self.control[index];
        if frame.kind == ControlKind::Function && self.debug.is_none() {
            return frame.results.is_empty();
        }
        if self.loop_cache_differs(index) {
            return false;
        }
        let n = frame.branch_types().len();
        let height = self.stack.len();
        if let Some(r) = self.result_reg(index) {
            return match self.stack.entries[height - 1].loc {
                Loc::Reg(v) => v == r,
                Loc::Local(l) => self.cache.get(l) == Some(r),
                _ => false,
            };
        }
        (0..n).all(|i| {
            let d = height - n + i;
            d == frame.base + i && self.stack.entries[d].loc == Loc::Mem
        })
    }

    /// `br`.
    pub fn visit_br(&mut self, depth: u32) -> Result<()> {
        self.emit_branch(depth)?;
        let index = self.control.len() - 1 - depth as usize;
        if self.control[index].kind != ControlKind::Loop {
            let arity = self.control[index].branch_types().len();
            self.record_jump(index, false, arity, false);
        }
        self.reachable = false;
        Ok(())
    }

    /// Debug code: the class of `br` (or `br_if`: `conditional`) to relative depth `depth`. A
    /// group goes on through a forward `br`, and along the fall-through of a forward `br_if` that
    /// leaves a loop (see [`crate::debug::interp::FORWARD_BR_IF`]); a branch back to a loop ends
    /// it (see [`crate::debug::interp::BACKWARD_BRANCH`]), as does any other `br_if`.
    pub(crate) fn branch_class(
        &self,
        depth: u32,
        conditional: bool,
    ) -> crate::debug::interp::OpClass {
        use crate::debug::interp::{op_class, BACKWARD_BRANCH, FORWARD_BR_IF};
        let index = self.control.len().checked_sub(1 + depth as usize);
        let backward = matches!(
            index.map(|i| self.control[i].kind),
            Some(ControlKind::Loop) | None
        );
        match (conditional, backward) {
            (false, true) => BACKWARD_BRANCH,
            (false, false) => op_class("Br"),
            (true, true) => op_class("BrIf"),
            (true, false) if self.leaves_a_loop(index) => FORWARD_BR_IF,
            (true, false) => op_class("BrIf"),
        }
    }

    /// Whether a branch to control frame `index` leaves a loop: a loop's exit test, taken
    /// once per run of the loop, so that its fall-through is the path every other iteration
    /// takes. A forward `br_if` to a block inside the innermost loop is as often the skip over
    /// rare code (`if (rare)` lowered to `block; br_if 0 (!rare)`), usually taken: its
    /// fall-through keeps a site of its own, so a breakpoint in the rare code costs nothing
    /// while it does not run.
    fn leaves_a_loop(&self, index: Option<usize>) -> bool {
        index.is_some_and(|i| {
            self.control[i + 1..]
                .iter()
                .any(|c| c.kind == ControlKind::Loop)
        })
    }

    /// `br_if`.
    pub fn visit_br_if(&mut self, depth: u32) -> Result<()> {
        let cond = self.pop_condition()?;
        let index = self.control.len() - 1 - depth as usize;
        self.control[index].cond_branched = true;
        // The slow path branches itself, so it never resumes before the comparison.
        let arity = self.control[index].branch_types().len();
        self.record_jump(index, false, arity, true);
        if self.loop_cache_differs(index) {
            self.adopt_loop_cache(index);
        }
        if self.control[index].kind == ControlKind::Function {
            self.prepare_return();
        }
        if self.branch_is_plain(depth) {
            let index = self.control.len() - 1 - depth as usize;
            let label = if self.control[index].kind == ControlKind::Function {
                self.exit_label
            } else {
                self.control[index].label
            };
            self.reload_for_back_edge(index);
            self.branch_on(cond, true, label);
            self.note_branch(index);
            return Ok(());
        }
        let skip = self.e.new_label();
        self.branch_on(cond, false, skip);
        self.emit_branch(depth)?;
        // Not a join: the taken path jumped away. Cached locals stay valid (the moves only
        // evict), and so does the debug group (the slow path takes the branch itself).
        self.e.bind(skip);
        Ok(())
    }

    /// The condition of `if` or `br_if`: the pending comparison, else the i32 on top of the
    /// stack compared with zero.
    fn pop_condition(&mut self) -> Result<PendingCmp> {
        if let Some(p) = self.pending.take() {
            return Ok(p);
        }
        let (_, lhs) = self.pop_read()?;
        Ok(PendingCmp {
            kind: IntCmpKind::Ne,
            size: OperandSize::S32,
            lhs,
            rhs: RegImm::Imm(0),
        })
    }

    /// Jumps to `target` if `cond` is `when`, then gives back the condition's registers.
    fn branch_on(&mut self, cond: PendingCmp, when: bool, target: E::Label) {
        let kind = if when { cond.kind } else { cond.kind.negate() };
        match (kind, cond.rhs) {
            (IntCmpKind::Eq | IntCmpKind::Ne, RegImm::Imm(0)) => {
                self.e
                    .branch_if(cond.size, cond.lhs, kind == IntCmpKind::Eq, target)
            }
            _ => self
                .e
                .branch_cmp(kind, cond.size, cond.lhs, cond.rhs, target),
        }
        self.release(cond.lhs);
        self.free_regimm(cond.rhs);
    }

    /// `br_table`: a jump table into one trampoline per distinct target, each doing that
    /// target's moves.
    pub fn visit_br_table(&mut self, targets: wasmparser::BrTable<'_>) -> Result<()> {
        let (_, index) = self.pop_reg()?;
        self.write_back_locals();
        let mut depths: Vec<u32> = Vec::with_capacity(targets.len() as usize + 1);
        for t in targets.targets() {
            depths.push(t?);
        }
        let default = targets.default();
        for &d in depths.iter().chain(core::iter::once(&default)) {
            let index = self.control.len() - 1 - d as usize;
            self.control[index].cond_branched = true;
        }
        if depths.iter().chain(core::iter::once(&default)).any(|&d| {
            self.control[self.control.len() - 1 - d as usize].kind == ControlKind::Function
        }) {
            self.prepare_return();
        }
        // One trampoline per distinct depth.
        let mut distinct: Vec<(u32, E::Label)> = Vec::new();
        let mut label_for = |cg: &mut Self, d: u32| -> E::Label {
            if let Some(&(_, l)) = distinct.iter().find(|(dd, _)| *dd == d) {
                return l;
            }
            let l = cg.e.new_label();
            distinct.push((d, l));
            l
        };
        let labels: Vec<E::Label> = depths.iter().map(|&d| label_for(self, d)).collect();
        let default_label = label_for(self, default);
        self.e.jump_table(index, &labels, default_label);
        self.stack.free(index);
        // Only the jump table reaches each trampoline.
        let state = self.cache_state();
        for (d, l) in distinct {
            self.bind_label(l);
            self.restore_cache(&state);
            self.emit_branch(d)?;
        }
        self.reachable = false;
        Ok(())
    }

    /// `return`.
    pub fn visit_return(&mut self) -> Result<()> {
        self.emit_branch((self.control.len() - 1) as u32)?;
        let arity = self.control[0].results.len();
        self.record_jump(0, false, arity, false);
        self.reachable = false;
        Ok(())
    }

    /// `unreachable`.
    pub fn visit_unreachable(&mut self) -> Result<()> {
        self.e.trap(crate::trap::TrapKind::Unreachable);
        self.reachable = false;
        Ok(())
    }

    /// Prepares a call of type `ty` (see [`super::convention`]): the values below the
    /// arguments go to their slots (a call clobbers every allocatable register), the
    /// arguments to their registers or to the area at the frame's bottom (value `i` at
    /// `sp + 8 * (k - 1 - i)`, `k = max(params, results)`), where the stack pointer already
    /// is. `keep` (`call_indirect`'s index) stays live in a register that is not an
    /// argument's, returned with `k`.
    fn prepare_call(&mut self, ty: &FuncType, keep: Option<Reg>) -> Result<(usize, Option<Reg>)> {
        let (params, results) = (ty.params.len(), ty.results.len());
        let height = self.stack.len();
        if height < params {
            return Err(Error::limit("call arguments missing", self.offset));
        }
        let base = height - params;
        self.write_back_locals();
        for depth in 0..base {
            if matches!(self.stack.entries[depth].loc, Loc::Reg(_)) {
                self.spill_entry(depth);
            }
        }
        let k = params.max(results);
        self.stack.note_area(k);
        // The area's arguments first: their temporaries may be any register. The register
        // arguments' moves, `moves[..n]`, need no heap (one per argument register at most).
        let mut moves = [(Reg::Gpr(0), 0usize); convention::REG_BLOCK_WORDS];
        let mut n = 0;
        let tmp = self.alloc_temps();
        for (i, reg) in convention::arg_regs(&ty.params).enumerate() {
            let depth = base + i;
            match reg {
                Some(r) => {
                    moves[n] = (r, depth);
                    n += 1;
                }
                None => {
                    let entry = self.stack.entries[depth];
                    self.write_entry_at(entry, depth, Base::Stack, area_offset(k, i), tmp);
                }
            }
        }
        self.free_temps(tmp);
        let moves = &mut moves[..n];
        let keep = keep.map(|r| self.keep_clear_of(r, moves));
        self.move_to_arg_regs(moves);
        // Every register but `keep` is free for the call to clobber.
        self.truncate(base);
        self.clear_cache();
        if let Some(r) = keep {
            debug_assert!(!self.stack.is_free(r));
        }
        Ok((k, keep))
    }

    /// The register a source of argument moves is read from: its own, or a local's copy.
    fn source_reg(&self, depth: usize) -> Option<Reg> {
        match self.stack.entries[depth].loc {
            Loc::Reg(r) => Some(r),
            Loc::Local(l) => self.cache.get(l),
            _ => None,
        }
    }

    /// Moves `keep` (an owned register) out of the argument registers of `moves`, to a
    /// register no move reads or writes; returns where it is.
    fn keep_clear_of(&mut self, keep: Reg, moves: &[(Reg, usize)]) -> Reg {
        if !moves.iter().any(|&(d, _)| d == keep) {
            return keep;
        }
        let to = self.clear_register(keep.is_fpr(), keep, moves);
        self.e.mov(to, keep);
        self.stack.free(keep);
        to
    }

    /// A register of the class `float`, taken, that no move of `moves` reads or writes and
    /// that is not `avoid`: a free one, else one whose cached copy or value (to its slot)
    /// gives way; as a last resort an argument read from a register is spilled to its slot
    /// (there are more registers than argument registers of a class, so one then frees up).
    fn clear_register(&mut self, float: bool, avoid: Reg, moves: &[(Reg, usize)]) -> Reg {
        let count = if float { E::FPR_COUNT } else { E::GPR_COUNT };
        let class = |i: u8| if float { Reg::Fpr(i) } else { Reg::Gpr(i) };
        loop {
            let busy = |cg: &Self, r: Reg| {
                r == avoid
                    || moves
                        .iter()
                        .any(|&(d, s)| d == r || cg.source_reg(s) == Some(r))
            };
            let mut evictable = None;
            for r in (0..count).map(class) {
                if busy(self, r) {
                    continue;
                }
                if self.stack.is_free(r) {
                    self.stack.take(r);
                    return r;
                }
                let cached = self.cache.entries().iter().find(|e| e.1 == r).map(|e| e.0);
                let held = self.stack.entries.iter().position(|e| e.loc == Loc::Reg(r));
                if cached.is_some() || held.is_some() {
                    evictable = Some((cached, held));
                    break;
                }
            }
            match evictable {
                Some((Some(key), _)) => self.drop_cached(key),
                Some((None, Some(depth))) => self.spill_entry(depth),
                _ => {
                    let depth = moves
                        .iter()
                        .find(|&&(_, s)| {
                            self.source_reg(s)
                                .is_some_and(|r| r.is_fpr() == float && r != avoid)
                        })
                        .map(|&(_, s)| s)
                        .expect("an argument in a register of the class");
                    self.spill_entry(depth);
                }
            }
        }
    }

    /// Puts each `(register, depth)` of `moves`: the value at `depth` into the argument
    /// register, as a parallel move (no move overwrites a register a later one reads; a
    /// cycle is broken by spilling one source to its slot).
    fn move_to_arg_regs(&mut self, moves: &mut [(Reg, usize)]) {
        // Moves still to make: `moves[..pending]` (a made one swaps with the last pending).
        // The register each move reads, swapped along (only a spill changes one: moves
        // leave the stack and the cache as they are).
        let mut sources = [None; convention::REG_BLOCK_WORDS];
        for (s, &(_, depth)) in sources.iter_mut().zip(moves.iter()) {
            *s = self.source_reg(depth);
        }
        let mut pending = moves.len();
        while pending > 0 {
            let ready = (0..pending).find(|&m| {
                let dst = Some(moves[m].0);
                sources[..pending]
                    .iter()
                    .enumerate()
                    .all(|(o, &s)| o == m || s != dst)
            });
            match ready {
                Some(m) => {
                    moves.swap(m, pending - 1);
                    sources.swap(m, pending - 1);
                    pending -= 1;
                    let (dst, depth) = moves[pending];
                    match sources[pending] {
                        Some(src) if src == dst => {}
                        Some(src) => self.e.mov(dst, src),
                        None => {
                            let entry = self.stack.entries[depth];
                            self.load_entry(entry, depth, dst);
                        }
                    }
                }
                None => {
                    // A cycle: every destination is read by another move. One source goes
                    // to its slot and is loaded from there.
                    let (_, depth) = moves[0];
                    self.spill_entry(depth);
                    sources[0] = self.source_reg(depth);
                }
            }
        }
    }

    /// Pushes the results of a call of type `ty` whose area had `k` slots: a single one from
    /// its register, several loaded from the area.
    fn finish_call(&mut self, ty: &FuncType, k: usize) {
        if let Some(r) = convention::result_reg(&ty.results) {
            self.stack.take(r);
            self.push_reg(ty.results[0], r);
            return;
        }
        for (i, &t) in ty.results.iter().enumerate() {
            let r = self.alloc_for(t);
            self.e
                .load(r, Base::Stack, area_offset(k, i), super::stack::size_of(t));
            self.push_reg(t, r);
        }
    }

    /// `call`.
    pub fn visit_call(&mut self, function_index: u32) -> Result<()> {
        // The module info outlives the code generator's borrow: no copy of the type.
        let info = self.info;
        let ty = info.func_type(function_index);
        let (k, _) = self.prepare_call(ty, None)?;
        self.calls_out = true;
        let (ret, reload) = if function_index < self.info.num_imported_funcs {
            let off = self.offsets.funcref(function_index);
            let ret = self.e.call_funcref_at(off, CallArea::Bottom);
            (ret, GateReload::TableAndBits)
        } else {
            let ret = self.e.call_direct(function_index, CallArea::Bottom);
            (ret, GateReload::Bits)
        };
        self.after_call(ret, reload);
        self.finish_call(ty, k);
        Ok(())
    }

    /// `call_indirect`.
    pub fn visit_call_indirect(&mut self, type_index: u32, table_index: u32) -> Result<()> {
        let info = self.info;
        let ty = &info.types[type_index as usize];
        let index = self.pop_call_index(ty)?;
        let (k, index) = self.prepare_call(ty, Some(index))?;
        let index = index.expect("the index is kept");
        let table = self.offsets.table(table_index);
        let type_id = self.offsets.type_id(type_index);
        // Debug code calls a single-site function's fast entry (see `debug::abi`).
        let entry = if self.debug.is_some() {
            crate::vmctx::FUNCREF_FAST_PTR
        } else {
            crate::vmctx::FUNCREF_FUNC_PTR
        };
        self.calls_out = true;
        let ret = self
            .e
            .call_indirect(table, type_id, entry, index, CallArea::Bottom);
        self.after_call(ret, GateReload::TableAndBits);
        self.stack.free(index);
        self.finish_call(ty, k);
        Ok(())
    }

    /// Pops the table index of a `call_indirect` of type `ty` into a register the caller
    /// owns. One not yet in a register of its own (a local, a constant, a slot) goes straight
    /// to a register that none of the call's argument moves reads or writes, rather than
    /// to the first free one (often an argument register, which [`CodeGen::prepare_call`]
    /// would then have to move it out of).
    fn pop_call_index(&mut self, ty: &FuncType) -> Result<Reg> {
        let height = self.stack.len();
        let params = ty.params.len();
        let in_reg = self
            .stack
            .entries
            .last()
            .is_some_and(|e| matches!(e.loc, Loc::Reg(_)));
        if in_reg || height < params + 1 {
            return Ok(self.pop_reg()?.1);
        }
        let entry = self.pop()?;
        let base = height - 1 - params;
        let mut moves = [(Reg::Gpr(0), 0usize); convention::REG_BLOCK_WORDS];
        let mut n = 0;
        for (i, reg) in convention::arg_regs(&ty.params).enumerate() {
            if let Some(r) = reg {
                moves[n] = (r, base + i);
                n += 1;
            }
        }
        // The local's own copy stays (it is read from).
        let avoid = match entry.loc {
            Loc::Local(l) => self.cache.get(l),
            _ => None,
        };
        let to = match avoid {
            Some(r) => self.clear_register(false, r, &moves[..n]),
            None => {
                // `avoid` must name a register: one of the moves' (busy anyway), or any.
                let busy = moves[..n].first().map_or(Reg::Gpr(0), |m| m.0);
                self.clear_register(false, busy, &moves[..n])
            }
        };
        // A popped `Mem` entry sits at the depth it had: the current height.
        let depth = self.stack.len();
        self.load_entry(entry, depth, to);
        Ok(to)
    }

    /// Keeps `reg` alive as the result of an operation producing `ty`.
    pub(crate) fn push_result(&mut self, ty: ValType, reg: Reg) {
        self.push_reg(ty, reg);
    }
}
