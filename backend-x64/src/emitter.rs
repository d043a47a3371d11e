//! The emitter's state and its bookkeeping: labels, out-of-line trap stubs, jump tables, frame
//! size patches, relocations, and `finish`. The `Emitter` trait impl lives here too and only
//! dispatches to the per-concern modules (`int`, `float`, `memory`, `control`, `frame`).

use breakwater_core::codegen::backend_rules::{FrameEnd, TrapStubs};
use breakwater_core::codegen::{
    Base, CallArea, ConvertKind, Emitter, FloatBinKind, FloatCmpKind, FloatUnKind, IntBinKind,
    IntCmpKind, IntDivKind, IntUnKind, LibcallArg, LoadKind, MemoryRef, OperandSize, Reg, RegImm,
    StoreKind, Truncation,
};
use breakwater_core::compiled::{CompiledCode, Reloc, TrapSite};
use breakwater_core::libcalls::Libcall;
use breakwater_core::vmctx;
use breakwater_core::TrapKind;
use dynasmrt::x64::X64Relocation;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi, VecAssembler};

use crate::regs::{self, RBP, VMCTX};

/// Where an out-of-line trap stub takes its trap code from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum TrapCode {
    /// A fixed trap kind.
    Kind(u32),
    /// The trap code a libcall returned in `rdx`.
    FromRdx,
}

/// A trap stub to emit in the function's tail.
#[derive(Clone, Copy, Debug)]
struct PendingTrap {
    /// Bound at the stub; the main code's checks jump here.
    label: DynamicLabel,
    /// The code passed to the trap stub.
    code: TrapCode,
    /// The bytecode offset recorded for the site.
    bytecode_offset: u32,
}

/// Per-label flags, indexed by `DynamicLabel::get_id()` (ids are dense, from 0).
#[derive(Clone, Copy, Default, Debug)]
struct LabelState {
    /// `bind` was called.
    bound: bool,
    /// A front-end branch refers to it.
    referenced: bool,
    /// Where it is bound (once `bound`).
    offset: u32,
}

/// One function's x86-64 code generator, driven by the core's front end through [`Emitter`].
///
/// Code is assembled into a `VecAssembler` with dynamic labels; everything that is only known at
/// the end (trap stubs, jump tables, the frame size) is recorded and emitted or patched by
/// [`Emitter::finish`].
pub struct X64Emitter {
    /// The assembler. Base address 0: the code is position independent (calls between
    /// functions go through [`Reloc`]s, everything else is relative within the function).
    pub(crate) ops: VecAssembler<X64Relocation>,
    /// Bytecode offset given by the last `set_source_loc`.
    source_loc: u32,
    /// Every label created, so that unbound ones can be resolved in `finish`.
    labels: Vec<(DynamicLabel, LabelState)>,
    /// Calls to patch at link time.
    relocs: Vec<Reloc>,
    /// rel32 fields of `jcc`/`jmp` to labels, patched in `finish` (cheaper than the
    /// assembler's own relocations): (offset just past the field, label).
    fixups: Vec<(u32, DynamicLabel)>,
    /// Trap stubs to emit in the tail.
    traps: Vec<PendingTrap>,
    /// Accesses that may fault in a guard region, as trap sites (see
    /// [`breakwater_core::codegen::fault_site_offset`]), in code order.
    faults: Vec<TrapSite>,
    /// The stubs made for the current bytecode offset, (code, offset, label): one Wasm
    /// instruction with several checks of the same kind shares one stub. Offsets only grow, so
    /// a stub of an earlier offset is never shared again (a linear search of a few entries,
    /// where a hash map cost a tenth of the compile time).
    trap_dedup: TrapStubs<TrapCode, DynamicLabel>,
    /// disp32 fields that depend on the frame size: (offset, extra), patched with
    /// `-(FRAME + extra)` (`lea rsp, [rbp - FRAME]`, the stack check's `lea`).
    frame_patches: Vec<(usize, i32)>,
    /// `br_table` jump tables: (table label, targets) emitted in the tail.
    jump_tables: Vec<(DynamicLabel, Vec<DynamicLabel>)>,
    /// Per machine site: the end of its `jnz` (where the handler resumes).
    /// Debug code: machine site 0, the only one, tests the fast-entry bit (patched in finish).
    pub(crate) fast_entry_site: bool,
    pub(crate) site_branches: Vec<u32>,
    /// Per machine site: the start of its out-of-line handler call (filled in `finish`).
    pub(crate) site_colds: Vec<u32>,
    /// The function whose gate-table entry the sites read (given by `load_debug_gate`).
    pub(crate) debug_func: u32,
    /// Where the prologue's stack check starts (the core may drop it: `FrameEnd`).
    pub(crate) stack_check: Option<usize>,
}

impl Default for X64Emitter {
    fn default() -> Self {
        Self::new()
    }
}

impl X64Emitter {
    /// A fresh emitter for one function.
    pub fn new() -> Self {
        X64Emitter {
            ops: VecAssembler::new(0),
            source_loc: 0,
            labels: Vec::new(),
            relocs: Vec::new(),
            fixups: Vec::new(),
            traps: Vec::new(),
            faults: Vec::new(),
            trap_dedup: TrapStubs::default(),
            frame_patches: Vec::new(),
            jump_tables: Vec::new(),
            site_branches: Vec::new(),
            fast_entry_site: false,
            debug_func: 0,
            site_colds: Vec::new(),
            stack_check: None,
        }
    }

    /// A new internal label (bound by the sequence that creates it).
    #[inline]
    pub(crate) fn fresh_label(&mut self) -> DynamicLabel {
        let label = self.ops.new_dynamic_label();
        debug_assert_eq!(label.get_id(), self.labels.len(), "label ids are dense");
        self.labels.push((label, LabelState::default()));
        label
    }

    /// Binds `label` here. Binding twice is a front-end bug; the second bind is ignored so that
    /// the assembler never ends up with a conflicting definition.
    #[inline]
    pub(crate) fn bind_label(&mut self, label: DynamicLabel) {
        let state = &mut self.labels[label.get_id()].1;
        debug_assert!(!state.bound, "label {label:?} bound twice");
        if !state.bound {
            state.bound = true;
            state.offset = self.ops.offset().0 as u32;
            x64!(self.ops; =>label);
        }
    }

    /// The 6-byte `jcc rel32` (`cc` the condition code) or, with `cc` `None`, the 5-byte
    /// `jmp rel32`, to `label`: the field is patched in `finish`.
    pub(crate) fn jump_rel32(&mut self, cc: Option<u8>, label: DynamicLabel) {
        match cc {
            Some(cc) => self.ops.extend([0x0f, 0x80 | cc, 0, 0, 0, 0]),
            None => self.ops.extend([JMP_REL32, 0, 0, 0, 0]),
        }
        self.fixups.push((self.ops.offset().0 as u32, label));
    }

    /// The 5-byte `call rel32` to `label`, its field patched in `finish` as a jump's is.
    fn call_rel32(&mut self, label: DynamicLabel) {
        self.ops.extend([CALL_REL32, 0, 0, 0, 0]);
        self.fixups.push((self.ops.offset().0 as u32, label));
    }

    /// Records that the front end branches to `label`.
    pub(crate) fn reference(&mut self, label: DynamicLabel) {
        self.labels[label.get_id()].1.referenced = true;
    }

    /// The label of an out-of-line stub raising `kind` for the current bytecode offset.
    pub(crate) fn trap_label(&mut self, kind: TrapKind) -> DynamicLabel {
        self.trap_label_for(TrapCode::Kind(kind.code()))
    }

    /// The label of an out-of-line stub raising the trap code in `rdx` (after a libcall).
    pub(crate) fn libcall_trap_label(&mut self) -> DynamicLabel {
        self.trap_label_for(TrapCode::FromRdx)
    }

    /// Finds or creates the stub for `code` at the current bytecode offset.
    fn trap_label_for(&mut self, code: TrapCode) -> DynamicLabel {
        let at = self.source_loc;
        if let Some(label) = self.trap_dedup.find(code, at) {
            return label;
        }
        let label = self.fresh_label();
        self.traps.push(PendingTrap {
            label,
            code,
            bytecode_offset: at,
        });
        self.trap_dedup.add(code, label);
        label
    }

    /// Records that the access instruction emitted next may fault in a guard region: an
    /// out-of-bounds trap at the current bytecode offset.
    pub(crate) fn fault_site(&mut self) {
        let at = self.ops.offset().0 as u32;
        self.faults.push(TrapSite {
            return_offset: breakwater_core::codegen::fault_site_offset(at),
            bytecode_offset: self.source_loc,
        });
    }

    /// Loads a trap stub's code into r11, which debug code never allocates, so that a debugger
    /// stopping on the trap still sees every allocated register as it was (code without
    /// debugging allocates r11, but none of its values is live at a trap).
    fn load_trap_code(&mut self, code: TrapCode) {
        match code {
            // `mov r11d, imm32` zero-extends: the trap stub may read all of r11.
            TrapCode::Kind(code) => x64!(self.ops; mov r11d, code as i32),
            // The full 64 bits, so that no nonzero code can be truncated to "no trap".
            TrapCode::FromRdx => x64!(self.ops; mov r11, rdx),
        }
    }

    /// `lea rsp, [rbp - FRAME]` with a disp32 patched in `finish` (the frame size is only
    /// known then).
    pub(crate) fn reset_sp(&mut self) {
        self.lea_below_frame(regs::RSP, 0);
    }

    /// `lea dst, [rbp - FRAME - extra]`, the disp32 patched in `finish`.
    pub(crate) fn lea_below_frame(&mut self, dst: u8, extra: i32) {
        x64!(self.ops; lea Rq(dst), [DWORD rbp + 0x7fff_fff0]);
        self.frame_patches.push((self.ops.offset().0 - 4, extra));
    }

    /// Records a `call rel32` to function `func_index` whose rel32 field ends here.
    pub(crate) fn add_call_reloc(&mut self, func_index: u32) {
        self.relocs.push(Reloc {
            offset: (self.ops.offset().0 - 4) as u32,
            kind: breakwater_core::compiled::RelocKind::X86CallRel32,
            target: func_index,
        });
    }

    /// Queues a jump table for the tail.
    pub(crate) fn add_jump_table(&mut self, table: DynamicLabel, targets: Vec<DynamicLabel>) {
        self.jump_tables.push((table, targets));
    }

    /// The frame size below rbp, rounded so that rsp stays 16-byte aligned relative to rbp.
    ///
    /// Valid functions have frames of at most tens of MiB (50 000 locals, operand depth bounded
    /// by the body size). The clamp only keeps `FRAME + STACK_MARGIN` encodable as a disp32; the
    /// front end cannot address slots beyond it anyway (its offsets are i32).
    /// Emits the tail (trap stubs, jump tables), resolves labels and patches the frame size,
    /// leaving the buffers empty for [`Self::reset`].
    fn finish_impl(&mut self, end: FrameEnd) -> CompiledCode {
        // Labels the front end branches to but never bound: a front-end bug. Make them raise
        // `unreachable` rather than fail to assemble (or jump to garbage).
        let dangling: Vec<DynamicLabel> = self
            .labels
            .iter()
            .filter(|(_, s)| s.referenced && !s.bound)
            .map(|(l, _)| *l)
            .collect();
        debug_assert!(dangling.is_empty(), "branch to unbound labels {dangling:?}");
        // Every site's out-of-line handler call, in site order (the code before ends in a
        // jump or `ret`).
        self.emit_site_calls();
        if !dangling.is_empty() {
            let stub = self.trap_label(TrapKind::Unreachable);
            for label in dangling {
                self.bind_label(label);
            }
            x64!(self.ops; jmp =>stub);
        }

        // Each trap site is a call whose return address names it. A code with one site calls
        // the trap stub itself (10 bytes); a code with several shares a tail that loads the
        // code and jumps to the trap stub, each site calling it (5 bytes per site).
        let mut traps = std::mem::take(&mut self.traps);
        // How many sites raise each code (a few distinct codes per function).
        let mut counts: Vec<(TrapCode, u32)> = Vec::new();
        for t in &traps {
            match counts.iter_mut().find(|(c, _)| *c == t.code) {
                Some((_, n)) => *n += 1,
                None => counts.push((t.code, 1)),
            }
        }
        let mut shared: Vec<(TrapCode, DynamicLabel)> = Vec::new();
        // Fault sites lie in the body, before every tail: the list stays sorted.
        // Allocated at its final size; the list of faults keeps its buffer for the next
        // function.
        let mut sites = Vec::with_capacity(self.faults.len() + traps.len());
        sites.extend_from_slice(&self.faults);
        self.faults.clear();
        for t in &traps {
            self.bind_label(t.label);
            let several = counts.iter().any(|&(c, n)| c == t.code && n > 1);
            if several {
                let tail = match shared.iter().find(|(c, _)| *c == t.code) {
                    Some(&(_, l)) => l,
                    None => {
                        let l = self.fresh_label();
                        shared.push((t.code, l));
                        l
                    }
                };
                // Patched with the jumps (cheaper than the assembler's relocations).
                self.call_rel32(tail);
            } else {
                self.load_trap_code(t.code);
                self.call_mem(VMCTX, vmctx::TRAP_STUB);
            }
            sites.push(TrapSite {
                return_offset: self.ops.offset().0 as u32,
                bytecode_offset: t.bytecode_offset,
            });
        }
        for (code, tail) in shared {
            self.bind_label(tail);
            self.load_trap_code(code);
            // The return address on the stack is the site's, as if it had called the stub.
            // jmp qword [r14 + TRAP_STUB]: FF /4.
            self.enc_mem(0xff, false, 4, VMCTX, vmctx::TRAP_STUB);
        }
        // The list's buffer serves the next function.
        traps.clear();
        self.traps = traps;

        for (table, targets) in std::mem::take(&mut self.jump_tables) {
            x64!(self.ops; .align 4, 0xcc);
            self.bind_label(table);
            for target in targets {
                // Each entry: target - (address of the entry).
                x64!(self.ops; .rel32 =>target);
            }
        }

        // Every label referenced is bound by now (internal ones by construction, front-end
        // ones above), and each is bound once, so assembling cannot fail.
        // Handed over shrunk to its length (the allocator shrinks a block in place, no
        // copy), and the assembler given a buffer as large for the next function.
        let mut bytes = self
            .ops
            .take()
            .expect("breakwater-x64: label resolution failed");
        let capacity = bytes.capacity();
        bytes.shrink_to_fit();
        self.ops.reserve_ops(capacity);
        for &(end, label) in &self.fixups {
            let target = self.labels[label.get_id()].1;
            assert!(target.bound, "breakwater-x64: label resolution failed");
            let (end, at) = (end as usize, target.offset as usize);
            if bytes[end - 5] == JMP_REL32 && bytes.get(at..at + 5) == Some(&EPILOGUE[..]) {
                // A jump to the epilogue becomes the epilogue, the same five bytes: one taken
                // branch less on the way out (the shared exit of an `if`'s arms, a `return`).
                bytes[end - 5..end].copy_from_slice(&EPILOGUE);
                continue;
            }
            let rel = target.offset.wrapping_sub(end as u32) as i32;
            bytes[end - 4..end].copy_from_slice(&rel.to_le_bytes());
        }
        crate::debug::patch_site_branches(&mut bytes, &self.site_branches, &self.site_colds);
        if self.fast_entry_site {
            crate::debug::patch_fast_entry_site(&mut bytes, self.site_branches[0]);
        }
        let frame = end.size;
        for &(at, extra) in &self.frame_patches {
            let disp = frame.saturating_add(extra).wrapping_neg();
            bytes[at..at + 4].copy_from_slice(&disp.to_le_bytes());
        }
        if let Some(at) = self.stack_check {
            if !end.stack_check {
                crate::frame::skip_stack_check(&mut bytes[at..at + crate::frame::STACK_CHECK_LEN]);
            }
        }
        CompiledCode {
            bytes,
            relocs: self.relocs.clone(),
            traps: sites,
            site_returns: self
                .site_colds
                .iter()
                .map(|c| c + crate::debug::CALL_HANDLER.len() as u32)
                .collect(),
            site_resumes: self.site_branches.clone(),
            ..CompiledCode::default()
        }
    }

    /// Makes the emitter as a new one for the next function, keeping the capacity of its
    /// buffers (the assembler's were emptied by `finish_impl`). Every field not named here
    /// starts afresh.
    fn reset(&mut self) {
        let mut keep = X64Emitter {
            ops: std::mem::replace(&mut self.ops, VecAssembler::new(0)),
            labels: std::mem::take(&mut self.labels),
            relocs: std::mem::take(&mut self.relocs),
            fixups: std::mem::take(&mut self.fixups),
            traps: std::mem::take(&mut self.traps),
            faults: std::mem::take(&mut self.faults),
            trap_dedup: std::mem::take(&mut self.trap_dedup),
            frame_patches: std::mem::take(&mut self.frame_patches),
            site_branches: std::mem::take(&mut self.site_branches),
            site_colds: std::mem::take(&mut self.site_colds),
            ..X64Emitter::new()
        };
        keep.labels.clear();
        keep.relocs.clear();
        keep.fixups.clear();
        keep.traps.clear();
        keep.faults.clear();
        keep.trap_dedup.clear();
        keep.frame_patches.clear();
        keep.site_branches.clear();
        keep.site_colds.clear();
        *self = keep;
    }
}

/// The opcode of `jmp rel32`.
const JMP_REL32: u8 = 0xe9;
/// The opcode of `call rel32`.
const CALL_REL32: u8 = 0xe8;
/// `mov rsp, rbp ; pop rbp ; ret` (`emit_epilogue`), as long as a `jmp rel32`.
const EPILOGUE: [u8; 5] = [0x48, 0x89, 0xec, 0x5d, 0xc3];

/// The hardware base register of a [`Base`].
pub(crate) fn base_reg(base: Base) -> u8 {
    match base {
        Base::Frame => RBP,
        Base::Vmctx => VMCTX,
        Base::Reg(r) => regs::gpr(r),
        Base::Stack => regs::RSP,
    }
}

impl Emitter for X64Emitter {
    type Label = DynamicLabel;

    const GPR_COUNT: u8 = regs::GPR_COUNT;
    const NO_DEBUG_GPRS: u8 = regs::NO_DEBUG_GPRS;
    const I32_ZERO_EXTENDED: bool = true;
    const FPR_COUNT: u8 = regs::FPR_COUNT;
    const STORES_MAY_TEAR: bool = false;

    #[inline]
    fn new_label(&mut self) -> DynamicLabel {
        self.fresh_label()
    }

    #[inline]
    fn bind(&mut self, label: DynamicLabel) {
        self.bind_label(label);
    }

    fn set_source_loc(&mut self, bytecode_offset: u32) {
        self.source_loc = bytecode_offset;
    }

    fn code_offset(&self) -> u32 {
        self.ops.offset().0 as u32
    }

    fn prologue(&mut self, homes: &[(Reg, i32, OperandSize)]) {
        self.emit_prologue(homes);
    }

    fn epilogue(&mut self) {
        self.emit_epilogue();
    }

    fn load_const(&mut self, dst: Reg, size: OperandSize, bits: u64) {
        self.emit_load_const(dst, size, bits);
    }

    fn mov(&mut self, dst: Reg, src: Reg) {
        self.emit_mov(dst, src);
    }

    fn load(&mut self, dst: Reg, base: Base, offset: i32, size: OperandSize) {
        self.emit_load(dst, base, offset, size);
    }

    fn store(&mut self, base: Base, offset: i32, src: Reg, size: OperandSize) {
        self.emit_store(base, offset, src, size);
    }

    fn store_imm(&mut self, base: Base, offset: i32, imm: i32, size: OperandSize) {
        self.emit_store_imm(base, offset, imm, size);
    }

    fn zero_frame_slots(&mut self, offset: i32, slots: u32) {
        self.emit_zero_frame_slots(offset, slots);
    }

    fn lea_vmctx(&mut self, dst: Reg, offset: i32) {
        self.lea(regs::gpr(dst), VMCTX, offset);
    }

    fn int_binop(&mut self, kind: IntBinKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: RegImm) {
        self.emit_int_binop(kind, size, dst, lhs, rhs);
    }

    fn int_div(&mut self, kind: IntDivKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: Reg) {
        self.emit_int_div(kind, size, dst, lhs, rhs);
    }

    fn int_unop(&mut self, kind: IntUnKind, size: OperandSize, dst: Reg, src: Reg) {
        self.emit_int_unop(kind, size, dst, src);
    }

    fn int_cmp(&mut self, kind: IntCmpKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: RegImm) {
        self.emit_int_cmp(kind, size, dst, lhs, rhs);
    }

    fn float_binop(&mut self, kind: FloatBinKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: Reg) {
        self.emit_float_binop(kind, size, dst, lhs, rhs);
    }

    fn float_unop(&mut self, kind: FloatUnKind, size: OperandSize, dst: Reg, src: Reg) {
        self.emit_float_unop(kind, size, dst, src);
    }

    fn float_cmp(&mut self, kind: FloatCmpKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: Reg) {
        self.emit_float_cmp(kind, size, dst, lhs, rhs);
    }

    fn convert(&mut self, kind: ConvertKind, dst: Reg, src: Reg) {
        self.emit_convert(kind, dst, src);
    }

    fn truncate(&mut self, t: Truncation, dst: Reg, src: Reg) {
        self.emit_truncate(t, dst, src);
    }

    fn select(&mut self, size: OperandSize, dst: Reg, cond: Reg, if_true: Reg, if_false: Reg) {
        self.emit_select(size, dst, cond, if_true, if_false);
    }

    fn wasm_load(&mut self, kind: LoadKind, memory: MemoryRef, dst: Reg, addr: Reg, offset: u64) {
        self.emit_wasm_load(kind, memory, dst, addr, offset);
    }

    fn wasm_store(&mut self, kind: StoreKind, memory: MemoryRef, addr: Reg, offset: u64, src: Reg) {
        self.emit_wasm_store(kind, memory, addr, offset, src);
    }

    fn jump(&mut self, target: DynamicLabel) {
        self.emit_jump(target);
    }

    fn branch_if(&mut self, size: OperandSize, cond: Reg, if_zero: bool, target: DynamicLabel) {
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
        self.emit_branch_cmp(kind, size, lhs, rhs, target);
    }

    fn jump_table(&mut self, index: Reg, targets: &[DynamicLabel], default: DynamicLabel) {
        self.emit_jump_table(index, targets, default);
    }

    fn trap(&mut self, kind: TrapKind) {
        self.emit_trap(kind);
    }

    fn trap_if_zero(&mut self, value: Reg, kind: TrapKind) {
        self.emit_trap_if_zero(value, kind);
    }

    fn call_direct(&mut self, func_index: u32, area: CallArea) -> u32 {
        self.emit_call_direct(func_index, area)
    }

    fn call_funcref_at(&mut self, funcref_vmctx_offset: i32, area: CallArea) -> u32 {
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
        self.emit_call_indirect(
            table_vmctx_offset,
            type_id_vmctx_offset,
            entry_field,
            index,
            area,
        )
    }

    fn libcall(&mut self, call: Libcall, args: &[LibcallArg], result: Option<Reg>, can_trap: bool) {
        self.emit_libcall(call, args, result, can_trap);
    }

    fn load_debug_gate(&mut self, func_index: u32, table: bool) {
        self.emit_load_debug_gate(func_index, table);
    }

    fn breakable_site(&mut self, index: u32) {
        self.emit_breakable_site(index);
    }

    fn fast_entry_site(&mut self) {
        self.fast_entry_site = self.site_branches.len() == 1;
    }

    fn finish(&mut self, end: FrameEnd) -> CompiledCode {
        let code = self.finish_impl(end);
        self.reset();
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A jump to the epilogue is replaced by [`EPILOGUE`]: it must be what `emit_epilogue`
    /// emits, byte for byte.
    #[test]
    fn the_epilogue_is_as_long_as_a_jump() {
        let mut e = X64Emitter::new();
        e.emit_epilogue();
        assert_eq!(e.ops.take().unwrap(), EPILOGUE);
    }
}
