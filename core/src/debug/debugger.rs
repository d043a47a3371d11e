//! The debugger attached to one instance: the slow path behind the filter stub, stops, and what
//! a stop shows (backtrace, locals, operand stack, globals, memory, tables).

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;

use super::step::{decide, ResumeMode, StepDecision};
use super::{DebugState, Location, Site, SiteKind, FPR_SAVE_BASE, GATE_SLOT, REG_SAVE_WORDS};
use crate::codegen::Reg;
use crate::libcalls::LibcallResult;
use crate::runtime::CompiledModule;
use crate::trap::TrapKind;
use crate::types::ValType;
use crate::vmctx::{self, VMFuncRef, VMGlobal, VMMemoryDef, VMTableDef};

/// Why execution stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// A breakpoint.
    Breakpoint,
    /// A step ended.
    Step,
    /// A pause was requested.
    Pause,
    /// A trap, before it unwinds.
    Trap(TrapKind),
}

/// How to resume after a stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeAction {
    /// Run to the next breakpoint.
    Continue,
    /// Stop at the next breakable point anywhere.
    StepInto,
    /// Stop at the next breakable point of this function or its callers.
    StepOver,
    /// Stop in the caller after this function returns.
    StepOut,
    /// Abort the call with an `Interrupted` trap.
    Abort,
}

/// Called on the Wasm thread at every stop.
pub trait DebugHook: Send {
    /// Inspects (and may change) the stopped state; returns how to resume.
    fn on_stop(&mut self, stop: &mut Stop<'_>) -> ResumeAction;
}

/// A typed value as the debugger shows it (i32/f32 in the low 32 bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value {
    /// Its type.
    pub ty: ValType,
    /// Its bits.
    pub bits: u64,
}

impl Value {
    fn new(ty: ValType, bits: u64) -> Value {
        let bits = if ty.is_64() { bits } else { bits & 0xffff_ffff };
        Value { ty, bits }
    }
}

/// One Wasm frame of a backtrace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    /// Function index.
    pub func_index: u32,
    /// Bytecode offset (module-relative) where the frame is: the stop's instruction for the
    /// innermost frame, the call instruction for the others.
    pub bytecode_offset: u32,
    /// The frame pointer (identifies the activation).
    pub fp: usize,
}

/// A debugger attached to one instance.
pub struct Debugger {
    module: Arc<CompiledModule>,
    state: Arc<DebugState>,
    hook: Box<dyn DebugHook>,
    vmctx: *mut u8,
    detached_gates: usize,
    stops: u64,
}

// SAFETY: the vmctx pointer is the attached instance's, which outlives the debugger (the
// runtime detaches before freeing it); the debugger is used by one thread at a time.
unsafe impl Send for Debugger {}

impl Debugger {
    /// Attaches to the instance whose vmctx is `vmctx` (of `module`, compiled with debugging),
    /// with sites calling the filter stub at `filter`.
    ///
    /// # Safety
    /// `vmctx` must be a live vmctx of `module`, and stay live until [`Debugger::detach`]; the
    /// returned box must not move out of its allocation while attached.
    pub unsafe fn attach(
        module: Arc<CompiledModule>,
        vmctx: *mut u8,
        filter: usize,
        hook: Box<dyn DebugHook>,
    ) -> Box<Debugger> {
        let mut state =
            DebugState::new(module.info.functions.len(), module.code.bytes_len(), filter);
        let mut dbg = Box::new(Debugger {
            module,
            state: Arc::new(DebugState::new(0, 0, 0)),
            hook,
            vmctx,
            detached_gates: 0,
            stops: 0,
        });
        state.set_owner(&mut *dbg as *mut Debugger as *mut ());
        dbg.state = Arc::new(state);
        // SAFETY: the header words are within the vmctx (caller's contract).
        unsafe {
            let word = |off: i32| vmctx.add(off as usize) as *mut usize;
            dbg.detached_gates = word(vmctx::DEBUG_GATES).read();
            word(vmctx::DEBUG_HANDLER).write(filter);
            word(vmctx::DEBUG_GATES).write(dbg.state.gates_ptr() as usize);
            word(vmctx::DEBUG_STATE).write(dbg.state.vm_state() as usize);
        }
        dbg
    }

    /// Detaches: the instance's gates go back to all-null. Frames still running with an armed
    /// gate call the filter stub, which finds no state and disarms them.
    pub fn detach(&self) {
        // SAFETY: as in `attach`.
        unsafe {
            let word = |off: i32| self.vmctx.add(off as usize) as *mut usize;
            word(vmctx::DEBUG_STATE).write(0);
            word(vmctx::DEBUG_GATES).write(self.detached_gates);
        }
    }

    /// The shared state: breakpoints, pause requests and stepping from any thread.
    pub fn state(&self) -> &Arc<DebugState> {
        &self.state
    }
    /// The module.
    pub fn module(&self) -> &Arc<CompiledModule> {
        &self.module
    }
    /// Sets a breakpoint at (function, bytecode offset); the number of sites it arms.
    pub fn set_breakpoint(&self, func: u32, offset: u32) -> usize {
        self.state
            .set_breakpoint(&self.module.code.debug, func, offset)
    }
    /// Clears a breakpoint.
    pub fn clear_breakpoint(&self, func: u32, offset: u32) -> bool {
        self.state
            .clear_breakpoint(&self.module.code.debug, func, offset)
    }
    /// How many stops the hook has seen.
    pub fn stops(&self) -> u64 {
        self.stops
    }

    fn code_base(&self) -> usize {
        self.module.published.base()
    }

    /// The slow path: decides whether the site is a stop and runs the hook.
    fn on_site(&mut self, return_address: usize, fp: usize, regs: *mut u64) -> LibcallResult {
        let offset = return_address.wrapping_sub(self.code_base()) as u32;
        let module = self.module.clone();
        let tables = &module.code.debug;
        let Some(site) = tables.site_at(offset) else {
            return LibcallResult { value: 0, trap: 0 };
        };
        let bp = self
            .state
            .has_breakpoint(site.func_index, site.bytecode_offset);
        let pause = self.state.take_pause();
        let reason = match decide(self.state.mode(), site.kind, fp, bp, pause) {
            StepDecision::Run => {
                self.refresh_gate(site.func_index, fp);
                return LibcallResult { value: 0, trap: 0 };
            }
            StepDecision::Breakpoint => StopReason::Breakpoint,
            StepDecision::Step => StopReason::Step,
            StepDecision::Pause => StopReason::Pause,
        };
        let action = self.stop(reason, site, fp, regs);
        let mode = match action {
            ResumeAction::Continue | ResumeAction::Abort => ResumeMode::Continue,
            ResumeAction::StepInto => ResumeMode::StepInto,
            ResumeAction::StepOver => ResumeMode::StepOver { fp },
            ResumeAction::StepOut => ResumeMode::StepOut { fp },
        };
        self.state.set_mode(tables, mode);
        self.refresh_gate(site.func_index, fp);
        let trap = if action == ResumeAction::Abort {
            TrapKind::Interrupted.code() as u64
        } else {
            0
        };
        LibcallResult { value: 0, trap }
    }

    /// A trap about to unwind: a stop if the trap site maps to a breakable point.
    fn on_trap(&mut self, code: u64, pc: usize, fp: usize, regs: *mut u64) {
        let Some(kind) = TrapKind::from_code(code) else {
            return;
        };
        if kind == TrapKind::StackOverflow {
            // Raised by a prologue before its frame exists, at the stack limit: there is no
            // frame to show and no stack to run the hook on.
            return;
        }
        let module = self.module.clone();
        let offset = pc.wrapping_sub(self.code_base()) as u32;
        let Some((trap, func)) = module.code.trap_at(offset) else {
            return;
        };
        let tables = &module.code.debug;
        let site = tables
            .sites_for(func, trap.bytecode_offset)
            .next()
            .map(|i| &tables.sites[i]);
        let fallback;
        let site = match site {
            Some(s) => s,
            None => {
                fallback = Site {
                    return_offset: offset,
                    func_index: func,
                    bytecode_offset: trap.bytecode_offset,
                    kind: SiteKind::Instruction,
                    stack: Box::new([]),
                };
                &fallback
            }
        };
        self.stop(StopReason::Trap(kind), site, fp, regs);
        self.state.set_mode(tables, ResumeMode::Continue);
    }

    fn stop(&mut self, reason: StopReason, site: &Site, fp: usize, regs: *mut u64) -> ResumeAction {
        self.stops += 1;
        let mut stop = Stop {
            reason,
            site,
            fp,
            regs,
            vmctx: self.vmctx,
            module: &self.module,
        };
        self.hook.on_stop(&mut stop)
    }

    /// Writes the frame's gate as compiled code would reload it.
    fn refresh_gate(&self, func: u32, fp: usize) {
        let gate = self.state.gate(func);
        // SAFETY: `fp` is the frame pointer of a live debug frame, which has its gate slot.
        unsafe { ((fp as isize + GATE_SLOT as isize) as *mut usize).write(gate) }
    }
}

/// The debugger of the instance whose vmctx is `vmctx`, if one is attached.
///
/// # Safety
/// `vmctx` must be a live vmctx (called from compiled code through a libcall).
unsafe fn debugger_of<'a>(vmctx: *mut VMFuncRef) -> Option<&'a mut Debugger> {
    // SAFETY: the header word is in the vmctx; a non-null state was written by `attach`, whose
    // `owner` is the live, attached debugger.
    unsafe {
        let state = (vmctx as *const u8).add(vmctx::DEBUG_STATE as usize)
            as *const *const super::VMDebugState;
        let state = state.read();
        if state.is_null() {
            return None;
        }
        let owner = (*state).owner as *mut Debugger;
        owner.as_mut()
    }
}

/// `Libcall::DebugSlowPath`.
pub(crate) unsafe extern "C" fn debug_slow_path(
    vmctx: *mut VMFuncRef,
    return_address: u64,
    fp: u64,
    regs: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by the filter stub with the caller's vmctx.
    match unsafe { debugger_of(vmctx) } {
        Some(dbg) => dbg.on_site(return_address as usize, fp as usize, regs as *mut u64),
        None => LibcallResult { value: 0, trap: 0 },
    }
}

/// `Libcall::DebugTrap`.
pub(crate) unsafe extern "C" fn debug_trap(
    vmctx: *mut VMFuncRef,
    code: u64,
    pc: u64,
    fp: u64,
    regs: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by the trap stub with the trapping code's vmctx.
    if let Some(dbg) = unsafe { debugger_of(vmctx) } {
        dbg.on_trap(code, pc as usize, fp as usize, regs as *mut u64);
    }
    LibcallResult { value: 0, trap: 0 }
}

/// The stopped state, valid during [`DebugHook::on_stop`].
pub struct Stop<'a> {
    reason: StopReason,
    site: &'a Site,
    fp: usize,
    regs: *mut u64,
    vmctx: *mut u8,
    module: &'a Arc<CompiledModule>,
}

impl Stop<'_> {
    /// Why execution stopped.
    pub fn reason(&self) -> StopReason {
        self.reason
    }
    /// The function stopped in.
    pub fn func_index(&self) -> u32 {
        self.site.func_index
    }
    /// The bytecode offset (module-relative) of the instruction about to run.
    pub fn bytecode_offset(&self) -> u32 {
        self.site.bytecode_offset
    }
    /// Function entry, an instruction, or function exit.
    pub fn site_kind(&self) -> SiteKind {
        self.site.kind
    }
    /// The frame pointer of the stopped frame.
    pub fn fp(&self) -> usize {
        self.fp
    }
    /// The module's compiled form (names, types, offsets).
    pub fn module(&self) -> &Arc<CompiledModule> {
        self.module
    }

    fn read_word(&self, addr: usize) -> u64 {
        // SAFETY: callers pass addresses of frame slots of live Wasm frames or of vmctx
        // fields, computed from the compiler's tables.
        unsafe { (addr as *const u64).read_unaligned() }
    }

    /// The value at `loc` in the frame at `fp`.
    fn read(&self, ty: ValType, loc: Location, fp: usize) -> Value {
        let bits = match loc {
            Location::Const(b) => b,
            Location::Frame(off) => self.read_word((fp as isize + off as isize) as usize),
            Location::Reg(Reg::Gpr(i)) => self.reg_word(i as usize),
            Location::Reg(Reg::Fpr(i)) => self.reg_word(FPR_SAVE_BASE + i as usize),
        };
        Value::new(ty, bits)
    }

    fn reg_word(&self, i: usize) -> u64 {
        if self.regs.is_null() || i >= REG_SAVE_WORDS {
            return 0;
        }
        // SAFETY: the stub's save area has REG_SAVE_WORDS words.
        unsafe { self.regs.add(i).read() }
    }

    fn locals_of(&self, func: u32) -> &[(ValType, i32)] {
        func.checked_sub(self.module.info.num_imported_funcs)
            .and_then(|d| self.module.code.debug.functions.get(d as usize))
            .map_or(&[], |f| &f.locals)
    }

    /// The locals (parameters first) of the stopped frame.
    pub fn locals(&self) -> Vec<Value> {
        self.frame_locals(self.site.func_index, self.fp)
    }

    /// The locals of the frame of `func` at `fp` (from [`Stop::backtrace`]).
    pub fn frame_locals(&self, func: u32, fp: usize) -> Vec<Value> {
        self.locals_of(func)
            .iter()
            .map(|&(ty, off)| self.read(ty, Location::Frame(off), fp))
            .collect()
    }

    /// Writes local `index` of the stopped frame; false if there is no such local.
    pub fn set_local(&mut self, index: u32, bits: u64) -> bool {
        let Some(&(ty, off)) = self.locals_of(self.site.func_index).get(index as usize) else {
            return false;
        };
        let addr = (self.fp as isize + off as isize) as *mut u64;
        // SAFETY: a local slot of the stopped frame. A 32-bit local keeps its upper half
        // unspecified, so writing the whole word is fine.
        unsafe { addr.write_unaligned(if ty.is_64() { bits } else { bits & 0xffff_ffff }) };
        true
    }

    /// The operand stack, bottom first.
    pub fn stack(&self) -> Vec<Value> {
        self.site
            .stack
            .iter()
            .map(|v| self.read(v.ty, v.loc, self.fp))
            .collect()
    }

    /// The Wasm frames of this activation, innermost first.
    pub fn backtrace(&self) -> Vec<FrameInfo> {
        let mut frames = alloc::vec![FrameInfo {
            func_index: self.site.func_index,
            bytecode_offset: self.site.bytecode_offset,
            fp: self.fp,
        }];
        let base = self.module.published.base();
        let len = self.module.code.bytes_len();
        let mut fp = self.fp;
        // Bounded: a corrupted chain must not loop forever.
        for _ in 0..100_000 {
            let caller_fp = self.read_word(fp) as usize;
            let ret = self.read_word(fp + 8) as usize;
            if ret < base || ret >= base + len || caller_fp <= fp {
                break;
            }
            let off = (ret - base) as u32;
            let Some(call) = self.module.code.debug.call_at(off) else {
                break;
            };
            let Some(func) = self
                .module
                .code
                .func_at(off, self.module.info.num_imported_funcs)
            else {
                break;
            };
            frames.push(FrameInfo {
                func_index: func,
                bytecode_offset: call.bytecode_offset,
                fp: caller_fp,
            });
            fp = caller_fp;
        }
        frames
    }

    fn vm_word(&self, off: i32) -> usize {
        // SAFETY: `off` comes from the module's `VMOffsets`, within the vmctx.
        unsafe { (self.vmctx.add(off as usize) as *const usize).read() }
    }

    /// The value of global `index`.
    pub fn global(&self, index: u32) -> Option<Value> {
        let g = self.module.info.globals.get(index as usize)?;
        let cell = self.vm_word(self.module.offsets.global(index)) as *const VMGlobal;
        // SAFETY: the vmctx holds a pointer to the global's live cell.
        Some(Value::new(g.ty, unsafe { (*cell).bits }))
    }

    /// Writes global `index` (mutable or not: the debugger may); false if there is none.
    pub fn set_global(&mut self, index: u32, bits: u64) -> bool {
        let Some(g) = self.module.info.globals.get(index as usize) else {
            return false;
        };
        let cell = self.vm_word(self.module.offsets.global(index)) as *mut VMGlobal;
        // SAFETY: as in `global`; Wasm code is stopped on this thread.
        unsafe { (*cell).bits = Value::new(g.ty, bits).bits };
        true
    }

    /// The bytes of memory `index`.
    pub fn memory(&mut self, index: u32) -> Option<&mut [u8]> {
        if index as usize >= self.module.info.memories.len() {
            return None;
        }
        let def = self.vm_word(self.module.offsets.memory(index)) as *const VMMemoryDef;
        // SAFETY: the vmctx points to the memory's live definition; Wasm code is stopped.
        unsafe {
            let (base, len) = ((*def).base, (*def).length as usize);
            if base.is_null() {
                return Some(&mut []);
            }
            Some(core::slice::from_raw_parts_mut(base, len))
        }
    }

    /// The elements of table `index` (funcref: `VMFuncRef` addresses, externref: handles).
    pub fn table(&self, index: u32) -> Option<&[u64]> {
        if index as usize >= self.module.info.tables.len() {
            return None;
        }
        let def = self.vm_word(self.module.offsets.table(index)) as *const VMTableDef;
        // SAFETY: as in `memory`.
        unsafe {
            let (base, len) = ((*def).base, (*def).length as usize);
            if base.is_null() {
                return Some(&[]);
            }
            Some(core::slice::from_raw_parts(base, len))
        }
    }
}
