//! The emitter's state and its bookkeeping: labels, out-of-line code (trap stubs, cold calls of
//! breakable points, branch veneers) and the islands that hold it, frame size patches,
//! relocations, and `finish`. The `Emitter` trait impl lives here too and only dispatches to the
//! per-concern modules (`int`, `float`, `memory`, `control`, `frame`, `debug`).
//!
//! # Islands
//!
//! `b.cond`, `cbz` and `cbnz` reach ±1 MiB. Every branch to out-of-line code (a trap stub, the
//! call of a fall-through breakable point) and every forward conditional branch to a front-end
//! label is recorded with a deadline: the last code offset its target may have. Forward
//! conditional branches to a front-end label go to a private veneer label that is bound
//! together with the target when the target is bound in time (costing nothing), or else bound
//! to a `b target` (±128 MiB) in an island. At the start of each emitter method, if the
//! earliest deadline is near, all pending out-of-line code is emitted as an island behind a
//! `b` over it. Whatever is still pending at `finish` goes in the function's tail. Functions
//! below 1 MiB never get an island.

use std::collections::HashMap;

use breakwater_core::codegen::backend_rules::{FrameEnd, TrapStubs};
use breakwater_core::codegen::{
    Base, CallArea, ConvertKind, Emitter, FloatBinKind, FloatCmpKind, FloatUnKind, IntBinKind,
    IntCmpKind, IntDivKind, IntUnKind, LibcallArg, LoadKind, MemoryRef, OperandSize, Reg, RegImm,
    StoreKind, Truncation,
};
use breakwater_core::compiled::{CompiledCode, Reloc, RelocKind, TrapSite};
use breakwater_core::libcalls::Libcall;
use breakwater_core::vmctx;
use breakwater_core::TrapKind;
use dynasmrt::aarch64::Aarch64Relocation;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi, VecAssembler};

use crate::asm::Cond;
use crate::regs::{self, FP, VMCTX, X1, X16};

/// Where an out-of-line trap stub takes its trap code from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum TrapCode {
    /// A fixed trap kind.
    Kind(u32),
    /// The trap code a libcall returned in x1 (already the trap-code register).
    FromX1,
}

/// Out-of-line code waiting for an island or the tail.
#[derive(Clone, Copy, Debug)]
enum OutOfLine {
    /// A trap stub: `mov w1, #code ; ldr x16, [x28, #TRAP_STUB] ; blr x16`.
    Trap {
        /// Bound at the stub; the main code's checks branch here.
        label: DynamicLabel,
        /// The code passed to the trap stub.
        code: TrapCode,
        /// The bytecode offset recorded for the site.
        bytecode_offset: u32,
    },
    /// The out-of-line call of a machine site: `bl handler_call`.
    Cold(crate::debug::ColdSite),
    /// `b target`, for a forward conditional branch whose target was not bound in time.
    Veneer {
        /// The branch's private label.
        label: DynamicLabel,
        /// The front-end label it stands for.
        target: DynamicLabel,
    },
}

impl OutOfLine {
    /// Upper bound of its code size.
    fn bytes(&self) -> usize {
        match self {
            OutOfLine::Trap { .. } => 12,
            OutOfLine::Cold(_) => 4,
            OutOfLine::Veneer { .. } => 4,
        }
    }
}

/// Per-label state, indexed by `DynamicLabel::get_id()` (ids are dense, from 0).
#[derive(Clone, Copy, Default, Debug)]
struct LabelState {
    /// Where it was bound.
    pos: Option<usize>,
    /// A front-end branch refers to it.
    referenced: bool,
}

/// A conditional branch instruction (the ±1 MiB forms).
#[derive(Clone, Copy, Debug)]
pub(crate) enum CondBranch {
    /// `b.cond`.
    B(Cond),
    /// `cbz` of a 32- or 64-bit register.
    Cbz(OperandSize, u8),
    /// `cbnz` of a 32- or 64-bit register.
    Cbnz(OperandSize, u8),
}

impl CondBranch {
    /// The branch taken exactly when this one is not.
    fn invert(self) -> CondBranch {
        match self {
            CondBranch::B(c) => CondBranch::B(c.invert()),
            CondBranch::Cbz(s, r) => CondBranch::Cbnz(s, r),
            CondBranch::Cbnz(s, r) => CondBranch::Cbz(s, r),
        }
    }
}

/// Reach of `b.cond`/`cbz`/`cbnz`: the farthest forward target is `2^20 - 4` bytes away.
pub(crate) const BRANCH_RANGE: usize = (1 << 20) - 4;
/// Code any single emitter method may emit after its island check and before its last branch
/// to out-of-line code (methods that emit more reserve it explicitly).
const METHOD_SLACK: usize = 2048;

/// One function's AArch64 code generator, driven by the core's front end through [`Emitter`].
///
/// Code is assembled into a `VecAssembler` with dynamic labels; everything that is only known
/// at the end (the tail's out-of-line code, the frame size) is recorded and emitted or patched
/// by [`Emitter::finish`].
pub struct Aarch64Emitter {
    /// The assembler. Base address 0: the code is position independent (calls between
    /// functions go through [`Reloc`]s, everything else is relative within the function).
    pub(crate) ops: VecAssembler<Aarch64Relocation>,
    /// Bytecode offset given by the last `set_source_loc`.
    source_loc: u32,
    /// Every label created.
    labels: Vec<(DynamicLabel, LabelState)>,
    /// Calls to patch at link time.
    relocs: Vec<Reloc>,
    /// Out-of-line code not yet emitted, in creation order.
    out_of_line: Vec<OutOfLine>,
    /// Deadlines of `out_of_line` (same order).
    deadlines: Vec<usize>,
    /// A lower bound of the earliest pending deadline (`usize::MAX` when nothing is pending).
    deadline: usize,
    /// Upper bound of the size of the pending out-of-line code.
    pending_bytes: usize,
    /// The pending trap stubs made for the current bytecode offset, (code, offset, label): one
    /// Wasm instruction with several checks of the same kind shares one stub (until an island
    /// emits it). Offsets only grow, so a stub of an earlier offset is never shared again (a
    /// linear search of a few entries, cheaper than hashing).
    trap_dedup: TrapStubs<TrapCode, DynamicLabel>,
    /// Pending veneer labels by the id of the front-end label they stand for.
    veneers: HashMap<usize, Vec<DynamicLabel>>,
    /// Trap sites emitted so far.
    trap_sites: Vec<TrapSite>,
    /// `movz x16, #0 ; movk x16, #0, lsl #16` pairs that receive `FRAME + extra`.
    frame_patches: Vec<(usize, i32)>,
    /// Return offset of each machine site's handler call, in emission order (`None` until its
    /// out-of-line call is emitted).
    pub(crate) site_returns: Vec<Option<u32>>,
    /// Per machine site: the offset after its `tbnz` (where the handler resumes).
    pub(crate) site_resumes: Vec<u32>,
    /// Debug code: machine site 0, the only one, tests the fast-entry bit (patched in finish).
    pub(crate) fast_entry_site: bool,
    /// The function's shared `ldur x16, [x27, #-8] ; br x16`, once a site needs it.
    pub(crate) handler_call: Option<DynamicLabel>,
    /// The function whose gate-table entry the sites read (given by `load_debug_gate`).
    pub(crate) debug_func: u32,
    /// Reach of conditional branches (smaller in tests, to exercise islands).
    branch_range: usize,
    /// Where the prologue's stack check starts (the core may drop it: `FrameEnd`).
    pub(crate) stack_check: Option<usize>,
}

impl Default for Aarch64Emitter {
    fn default() -> Self {
        Self::new()
    }
}

impl Aarch64Emitter {
    /// A fresh emitter for one function.
    pub fn new() -> Self {
        Self::with_branch_range(BRANCH_RANGE)
    }

    /// An emitter that pretends conditional branches reach only `range` bytes forward, so that
    /// tests can exercise islands with small functions. `range` is clamped to the real reach.
    #[doc(hidden)]
    pub fn with_branch_range(range: usize) -> Self {
        Aarch64Emitter {
            ops: VecAssembler::new(0),
            source_loc: 0,
            labels: Vec::new(),
            relocs: Vec::new(),
            out_of_line: Vec::new(),
            deadlines: Vec::new(),
            deadline: usize::MAX,
            pending_bytes: 0,
            trap_dedup: TrapStubs::default(),
            veneers: HashMap::new(),
            trap_sites: Vec::new(),
            frame_patches: Vec::new(),
            site_returns: Vec::new(),
            site_resumes: Vec::new(),
            fast_entry_site: false,
            handler_call: None,
            debug_func: 0,
            branch_range: range.clamp(64, BRANCH_RANGE),
            stack_check: None,
        }
    }

    /// The current code offset.
    pub(crate) fn pos(&self) -> usize {
        self.ops.offset().0
    }

    /// A new internal label (bound by the sequence that creates it).
    pub(crate) fn fresh_label(&mut self) -> DynamicLabel {
        let label = self.ops.new_dynamic_label();
        debug_assert_eq!(label.get_id(), self.labels.len(), "label ids are dense");
        self.labels.push((label, LabelState::default()));
        label
    }

    /// Binds `label` here, and the veneer labels of forward branches to it. Binding twice is a
    /// front-end bug; the second bind is ignored so that the assembler never ends up with a
    /// conflicting definition.
    pub(crate) fn bind_label(&mut self, label: DynamicLabel) {
        let pos = self.pos();
        let state = &mut self.labels[label.get_id()].1;
        debug_assert!(state.pos.is_none(), "label {label:?} bound twice");
        if state.pos.is_some() {
            return;
        }
        state.pos = Some(pos);
        a64!(self.ops; =>label);
        if let Some(veneers) = self.veneers.remove(&label.get_id()) {
            for v in veneers {
                // Resolved without a veneer: the island skips it.
                self.pending_bytes = self.pending_bytes.saturating_sub(4);
                self.labels[v.get_id()].1.pos = Some(pos);
                a64!(self.ops; =>v);
            }
        }
    }

    /// Records that the front end branches to `label`.
    pub(crate) fn reference(&mut self, label: DynamicLabel) {
        self.labels[label.get_id()].1.referenced = true;
    }

    /// Queues out-of-line code referenced from here.
    fn push_out_of_line(&mut self, item: OutOfLine) {
        self.push_out_of_line_within(item, self.branch_range);
    }

    /// Queues out-of-line code referenced from here by a branch reaching `range` bytes.
    fn push_out_of_line_within(&mut self, item: OutOfLine, range: usize) {
        let deadline = self.pos() + range;
        self.pending_bytes += item.bytes();
        self.deadline = self.deadline.min(deadline);
        self.out_of_line.push(item);
        self.deadlines.push(deadline);
    }

    /// The label of an out-of-line stub raising `kind` for the current bytecode offset. The
    /// caller branches to it right away (its deadline counts from here).
    pub(crate) fn trap_label(&mut self, kind: TrapKind) -> DynamicLabel {
        self.trap_label_for(TrapCode::Kind(kind.code()))
    }

    /// The label of an out-of-line stub raising the trap code in x1 (after a libcall).
    pub(crate) fn libcall_trap_label(&mut self) -> DynamicLabel {
        self.trap_label_for(TrapCode::FromX1)
    }

    /// Finds or creates the stub for `code` at the current bytecode offset.
    fn trap_label_for(&mut self, code: TrapCode) -> DynamicLabel {
        let at = self.source_loc;
        if let Some(label) = self.trap_dedup.find(code, at) {
            return label;
        }
        let label = self.fresh_label();
        self.push_out_of_line(OutOfLine::Trap {
            label,
            code,
            bytecode_offset: at,
        });
        self.trap_dedup.add(code, label);
        label
    }

    /// Queues the out-of-line call of a machine site (reached by `tbnz`, ±32 KiB).
    pub(crate) fn add_cold_site(&mut self, site: crate::debug::ColdSite) {
        let range = self.branch_range.min(crate::debug::TBNZ_RANGE);
        self.push_out_of_line_within(OutOfLine::Cold(site), range);
    }

    /// Emits one conditional branch instruction to `label` (which must be in range).
    fn cond_branch_near(&mut self, br: CondBranch, label: DynamicLabel) {
        match br {
            CondBranch::B(c) => self.b_cond_near(c, label),
            CondBranch::Cbz(OperandSize::S32, r) => a64!(self.ops; cbz W(r), =>label),
            CondBranch::Cbz(OperandSize::S64, r) => a64!(self.ops; cbz X(r), =>label),
            CondBranch::Cbnz(OperandSize::S32, r) => a64!(self.ops; cbnz W(r), =>label),
            CondBranch::Cbnz(OperandSize::S64, r) => a64!(self.ops; cbnz X(r), =>label),
        }
    }

    /// A conditional branch to a label from [`Self::trap_label`] or a cold site, created for
    /// this reference (its island deadline accounts for it).
    pub(crate) fn cond_branch_out_of_line(&mut self, br: CondBranch, label: DynamicLabel) {
        self.cond_branch_near(br, label);
    }

    /// A conditional branch to any label at any distance: direct when the label is bound
    /// within reach, over an unconditional `b` when it is bound farther back, and through a
    /// veneer label when it is not bound yet.
    pub(crate) fn cond_branch(&mut self, br: CondBranch, target: DynamicLabel) {
        match self.labels[target.get_id()].1.pos {
            Some(p) if self.pos() - p < self.branch_range => self.cond_branch_near(br, target),
            Some(_) => {
                let skip = self.fresh_label();
                self.cond_branch_near(br.invert(), skip);
                a64!(self.ops; b =>target);
                self.bind_label(skip);
            }
            None => {
                let veneer = self.fresh_label();
                self.veneers
                    .entry(target.get_id())
                    .or_default()
                    .push(veneer);
                self.push_out_of_line(OutOfLine::Veneer {
                    label: veneer,
                    target,
                });
                self.cond_branch_near(br, veneer);
            }
        }
    }

    /// Emits an island if a pending deadline would otherwise come within reach of the code a
    /// method may emit (`extra` bytes beyond the usual slack).
    pub(crate) fn maybe_island(&mut self, extra: usize) {
        if self.out_of_line.is_empty() {
            return;
        }
        let horizon = self.pos() + extra + METHOD_SLACK + self.pending_bytes;
        if horizon < self.deadline {
            return;
        }
        // The stored deadline may belong to a veneer resolved since; recompute.
        self.deadline = self
            .out_of_line
            .iter()
            .zip(&self.deadlines)
            .filter(|(item, _)| !self.is_resolved(item))
            .map(|(_, &d)| d)
            .min()
            .unwrap_or(usize::MAX);
        if horizon >= self.deadline {
            self.emit_out_of_line(true);
        }
    }

    /// Whether a pending item needs no code any more (a veneer whose target was bound).
    fn is_resolved(&self, item: &OutOfLine) -> bool {
        match item {
            OutOfLine::Veneer { label, .. } => self.labels[label.get_id()].1.pos.is_some(),
            _ => false,
        }
    }

    /// Emits all pending out-of-line code here (behind a `b` over it when `jump_over`), in
    /// creation order, which keeps the out-of-line calls of breakable points in emission order.
    fn emit_out_of_line(&mut self, jump_over: bool) {
        let over = jump_over.then(|| {
            let l = self.fresh_label();
            a64!(self.ops; b =>l);
            l
        });
        let items = std::mem::take(&mut self.out_of_line);
        self.deadlines.clear();
        self.trap_dedup.clear();
        // Each trap site is a call whose return address names it. A code with one site here
        // calls the trap stub itself (12 bytes); a code with several shares a tail that loads
        // the code and branches to the trap stub, each site calling it (4 bytes per site).
        let trap_code = |item: &OutOfLine| match item {
            OutOfLine::Trap { code, .. } => Some(*code),
            _ => None,
        };
        // How many sites raise each code (a few distinct codes per island).
        let mut counts: Vec<(TrapCode, u32)> = Vec::new();
        for code in items.iter().filter_map(trap_code) {
            match counts.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += 1,
                None => counts.push((code, 1)),
            }
        }
        let mut shared: Vec<(TrapCode, DynamicLabel)> = Vec::new();
        for (code, n) in counts {
            if n > 1 {
                let l = self.fresh_label();
                shared.push((code, l));
            }
        }
        for item in items {
            match item {
                OutOfLine::Trap {
                    label,
                    code,
                    bytecode_offset,
                } => {
                    self.bind_label(label);
                    match shared.iter().find(|(c, _)| *c == code) {
                        Some(&(_, tail)) => a64!(self.ops; bl =>tail),
                        None => {
                            self.load_trap_code(code);
                            a64!(self.ops; blr X(X16));
                        }
                    }
                    self.trap_sites.push(TrapSite {
                        return_offset: self.pos() as u32,
                        bytecode_offset,
                    });
                }
                OutOfLine::Cold(site) => self.emit_cold_site(site),
                OutOfLine::Veneer { label, target } => {
                    if self.labels[label.get_id()].1.pos.is_none() {
                        self.bind_label(label);
                        a64!(self.ops; b =>target);
                    }
                }
            }
        }
        for (code, tail) in shared {
            self.bind_label(tail);
            self.load_trap_code(code);
            // The link register holds the site's return address, as if it had called the stub.
            a64!(self.ops; br X(X16));
        }
        self.veneers.clear();
        self.pending_bytes = 0;
        self.deadline = usize::MAX;
        if let Some(l) = over {
            self.bind_label(l);
        }
    }

    /// Records that the access instruction emitted next may fault in a guard region: an
    /// out-of-bounds trap at the current bytecode offset. Trap sites stay in code order:
    /// out-of-line code emitted so far lies before it.
    pub(crate) fn fault_site(&mut self) {
        self.trap_sites.push(TrapSite {
            return_offset: breakwater_core::codegen::fault_site_offset(self.pos() as u32),
            bytecode_offset: self.source_loc,
        });
    }

    /// Puts a trap stub's code in x1 (the trap-code register) and the trap stub's address in
    /// x16.
    fn load_trap_code(&mut self, code: TrapCode) {
        match code {
            TrapCode::Kind(c) => self.mov_imm32(X1, c),
            // The libcall returned the code in x1.
            TrapCode::FromX1 => {}
        }
        self.ld64(X16, VMCTX, vmctx::TRAP_STUB);
    }

    /// `movz x16, #lo ; movk x16, #hi, lsl #16` receiving `FRAME + extra` in `finish`.
    pub(crate) fn frame_size_to_x16(&mut self, extra: i32) {
        self.frame_patches.push((self.pos(), extra));
        a64!(self.ops
            ; movz X(X16), 0
            ; movk X(X16), 0, LSL 16
        );
    }

    /// Records a `bl` to function `func_index` at the current position (emit the `bl` next).
    pub(crate) fn add_call_reloc(&mut self, func_index: u32) {
        self.relocs.push(Reloc {
            offset: self.pos() as u32,
            kind: RelocKind::Aarch64Call26,
            target: func_index,
        });
    }

    /// The frame size below fp, rounded to 16.
    ///
    /// Valid functions have frames of at most tens of MiB (50 000 locals, operand depth bounded
    /// by the body size). The clamp only keeps `FRAME + STACK_MARGIN` within the 32 bits the
    /// patched `movz`/`movk` pair holds; the front end cannot address slots beyond it anyway
    /// (its offsets are i32).
    /// Emits the tail (out-of-line code), resolves labels and patches the frame size, leaving
    /// the buffers empty for [`Self::reset`].
    fn finish_impl(&mut self, end: FrameEnd) -> CompiledCode {
        // Labels the front end branches to but never bound: a front-end bug. Make them raise
        // `unreachable` rather than fail to assemble (or jump to garbage).
        let dangling: Vec<DynamicLabel> = self
            .labels
            .iter()
            .filter(|(_, s)| s.referenced && s.pos.is_none())
            .map(|(l, _)| *l)
            .collect();
        debug_assert!(dangling.is_empty(), "branch to unbound labels {dangling:?}");
        if !dangling.is_empty() {
            let stub = self.trap_label(TrapKind::Unreachable);
            for label in dangling {
                self.bind_label(label);
            }
            a64!(self.ops; b =>stub);
        }

        self.emit_out_of_line(false);
        self.emit_handler_call();

        // Every label referenced is bound by now (internal ones by construction, front-end
        // ones above), each once, and every conditional branch is within reach, so assembling
        // cannot fail.
        // Copied out exactly sized, and the assembler given a buffer as large for the next
        // function (the allocator hands back the one just freed).
        let assembled = self
            .ops
            .take()
            .expect("breakwater-aarch64: label resolution failed");
        let mut bytes = assembled.clone();
        let capacity = assembled.capacity();
        drop(assembled);
        self.ops.reserve_ops(capacity);
        if self.fast_entry_site {
            crate::debug::patch_fast_entry_site(&mut bytes, self.site_resumes[0]);
        }
        let frame = end.size;
        for &(at, extra) in &self.frame_patches {
            let v = frame.saturating_add(extra) as u32;
            for (i, half) in [v & 0xffff, v >> 16].into_iter().enumerate() {
                let p = at + 4 * i;
                let word = u32::from_le_bytes(bytes[p..p + 4].try_into().expect("4 bytes"));
                bytes[p..p + 4].copy_from_slice(&(word | half << 5).to_le_bytes());
            }
        }
        if let Some(at) = self.stack_check {
            if !end.stack_check {
                crate::frame::skip_stack_check(
                    &mut bytes[at..at + crate::frame::STACK_CHECK_LEN],
                    frame,
                );
            }
        }
        CompiledCode {
            bytes,
            relocs: self.relocs.clone(),
            traps: self.trap_sites.clone(),
            site_returns: self
                .site_returns
                .iter()
                .map(|r| r.expect("every cold site was emitted"))
                .collect(),
            site_resumes: self.site_resumes.clone(),
            ..CompiledCode::default()
        }
    }

    /// Makes the emitter as a new one for the next function (with the same branch range),
    /// keeping the capacity of its buffers (the assembler's were emptied by `finish_impl`).
    /// Every field not named here starts afresh.
    fn reset(&mut self) {
        let mut keep = Aarch64Emitter {
            ops: std::mem::replace(&mut self.ops, VecAssembler::new(0)),
            labels: std::mem::take(&mut self.labels),
            relocs: std::mem::take(&mut self.relocs),
            deadlines: std::mem::take(&mut self.deadlines),
            trap_dedup: std::mem::take(&mut self.trap_dedup),
            trap_sites: std::mem::take(&mut self.trap_sites),
            frame_patches: std::mem::take(&mut self.frame_patches),
            site_returns: std::mem::take(&mut self.site_returns),
            site_resumes: std::mem::take(&mut self.site_resumes),
            ..Aarch64Emitter::with_branch_range(self.branch_range)
        };
        keep.labels.clear();
        keep.relocs.clear();
        keep.deadlines.clear();
        keep.trap_dedup.clear();
        keep.trap_sites.clear();
        keep.frame_patches.clear();
        keep.site_returns.clear();
        keep.site_resumes.clear();
        *self = keep;
    }
}

/// The hardware base register of a [`Base`].
pub(crate) fn base_reg(base: Base) -> u8 {
    match base {
        Base::Frame => FP,
        Base::Vmctx => VMCTX,
        Base::Reg(r) => regs::gpr(r),
        Base::Stack => regs::SP,
    }
}

impl Emitter for Aarch64Emitter {
    type Label = DynamicLabel;

    const GPR_COUNT: u8 = regs::GPR_COUNT;
    const FPR_COUNT: u8 = regs::FPR_COUNT;
    // The architecture leaves a faulting misaligned store's other bytes unpredictable.
    const STORES_MAY_TEAR: bool = true;

    fn new_label(&mut self) -> DynamicLabel {
        self.fresh_label()
    }

    fn bind(&mut self, label: DynamicLabel) {
        self.maybe_island(0);
        self.bind_label(label);
    }

    fn set_source_loc(&mut self, bytecode_offset: u32) {
        self.source_loc = bytecode_offset;
    }

    fn code_offset(&self) -> u32 {
        self.pos() as u32
    }

    fn prologue(&mut self, homes: &[(Reg, i32, OperandSize)]) {
        self.maybe_island(0);
        self.emit_prologue(homes);
    }

    fn epilogue(&mut self) {
        self.maybe_island(0);
        self.emit_epilogue();
    }

    fn load_const(&mut self, dst: Reg, size: OperandSize, bits: u64) {
        self.maybe_island(0);
        self.emit_load_const(dst, size, bits);
    }

    fn mov(&mut self, dst: Reg, src: Reg) {
        self.maybe_island(0);
        self.emit_mov(dst, src);
    }

    fn load(&mut self, dst: Reg, base: Base, offset: i32, size: OperandSize) {
        self.maybe_island(0);
        self.emit_load(dst, base, offset, size);
    }

    fn store(&mut self, base: Base, offset: i32, src: Reg, size: OperandSize) {
        self.maybe_island(0);
        self.emit_store(base, offset, src, size);
    }

    fn store_imm(&mut self, base: Base, offset: i32, imm: i32, size: OperandSize) {
        self.maybe_island(0);
        self.emit_store_imm(base, offset, imm, size);
    }

    fn lea_vmctx(&mut self, dst: Reg, offset: i32) {
        self.maybe_island(0);
        self.add_imm(OperandSize::S64, regs::gpr(dst), VMCTX, offset as i64);
    }

    fn int_binop(&mut self, kind: IntBinKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: RegImm) {
        self.maybe_island(0);
        self.emit_int_binop(kind, size, dst, lhs, rhs);
    }

    fn int_div(&mut self, kind: IntDivKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: Reg) {
        self.maybe_island(0);
        self.emit_int_div(kind, size, dst, lhs, rhs);
    }

    fn int_unop(&mut self, kind: IntUnKind, size: OperandSize, dst: Reg, src: Reg) {
        self.maybe_island(0);
        self.emit_int_unop(kind, size, dst, src);
    }

    fn int_cmp(&mut self, kind: IntCmpKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: RegImm) {
        self.maybe_island(0);
        self.emit_int_cmp(kind, size, dst, lhs, rhs);
    }

    fn float_binop(&mut self, kind: FloatBinKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: Reg) {
        self.maybe_island(0);
        self.emit_float_binop(kind, size, dst, lhs, rhs);
    }

    fn float_unop(&mut self, kind: FloatUnKind, size: OperandSize, dst: Reg, src: Reg) {
        self.maybe_island(0);
        self.emit_float_unop(kind, size, dst, src);
    }

    fn float_cmp(&mut self, kind: FloatCmpKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: Reg) {
        self.maybe_island(0);
        self.emit_float_cmp(kind, size, dst, lhs, rhs);
    }

    fn convert(&mut self, kind: ConvertKind, dst: Reg, src: Reg) {
        self.maybe_island(0);
        self.emit_convert(kind, dst, src);
    }

    fn truncate(&mut self, t: Truncation, dst: Reg, src: Reg) {
        self.maybe_island(0);
        self.emit_truncate(t, dst, src);
    }

    fn select(&mut self, size: OperandSize, dst: Reg, cond: Reg, if_true: Reg, if_false: Reg) {
        self.maybe_island(0);
        self.emit_select(size, dst, cond, if_true, if_false);
    }

    fn wasm_load(&mut self, kind: LoadKind, memory: MemoryRef, dst: Reg, addr: Reg, offset: u64) {
        self.maybe_island(0);
        self.emit_wasm_load(kind, memory, dst, addr, offset);
    }

    fn wasm_store(&mut self, kind: StoreKind, memory: MemoryRef, addr: Reg, offset: u64, src: Reg) {
        self.maybe_island(0);
        self.emit_wasm_store(kind, memory, addr, offset, src);
    }

    fn jump(&mut self, target: DynamicLabel) {
        self.maybe_island(0);
        self.emit_jump(target);
    }

    fn branch_if(&mut self, size: OperandSize, cond: Reg, if_zero: bool, target: DynamicLabel) {
        self.maybe_island(0);
        self.emit_branch_if(size, cond, if_zero, target);
    }

    fn branch_cmp(
        &mut self,
        kind: IntCmpKind,
        size: OperandSize,
        lhs: Reg,
        rhs: RegImm,
        target: DynamicLabel,
    ) {
        self.maybe_island(0);
        self.emit_branch_cmp(kind, size, lhs, rhs, target);
    }

    fn jump_table(&mut self, index: Reg, targets: &[DynamicLabel], default: DynamicLabel) {
        self.maybe_island(4 * targets.len());
        self.emit_jump_table(index, targets, default);
    }

    fn trap(&mut self, kind: TrapKind) {
        self.maybe_island(0);
        self.emit_trap(kind);
    }

    fn trap_if_zero(&mut self, value: Reg, kind: TrapKind) {
        self.maybe_island(0);
        self.emit_trap_if_zero(value, kind);
    }

    fn call_direct(&mut self, func_index: u32, area: CallArea) -> u32 {
        self.maybe_island(0);
        self.emit_call_direct(func_index, area)
    }

    fn call_funcref_at(&mut self, funcref_vmctx_offset: i32, area: CallArea) -> u32 {
        self.maybe_island(0);
        self.emit_call_funcref_at(funcref_vmctx_offset, area)
    }

    fn call_indirect(
        &mut self,
        table_vmctx_offset: i32,
        type_id_vmctx_offset: i32,
        entry_field: i32,
        index: Reg,
        area: CallArea,
    ) -> u32 {
        self.maybe_island(0);
        self.emit_call_indirect(
            table_vmctx_offset,
            type_id_vmctx_offset,
            entry_field,
            index,
            area,
        )
    }

    fn libcall(&mut self, call: Libcall, args: &[LibcallArg], result: Option<Reg>, can_trap: bool) {
        self.maybe_island(0);
        self.emit_libcall(call, args, result, can_trap);
    }

    fn load_debug_gate(&mut self, func_index: u32, table: bool) {
        self.maybe_island(0);
        self.emit_load_debug_gate(func_index, table);
    }

    fn breakable_site(&mut self, index: u32) {
        self.maybe_island(0);
        self.emit_breakable_site(index);
    }

    fn fast_entry_site(&mut self) {
        self.fast_entry_site = self.site_resumes.len() == 1;
    }

    fn finish(&mut self, end: FrameEnd) -> CompiledCode {
        let code = self.finish_impl(end);
        self.reset();
        code
    }
}
