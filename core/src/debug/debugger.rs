//! The debugger attached to one instance: the slow path behind the debug stub, stops, and what
//! a stop shows (backtrace, locals, operand stack, globals, memory, tables).

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;

use super::abi::{BITS_DISP, BITS_GPR, FPR_SAVE_BASE, GATE_GPR, REG_SAVE_WORDS};
use super::sites::{FunctionSites, Location, SiteKind, StopPoint};
use super::state::PendingWrite;
use super::step::{decide, ResumeMode, StepDecision};
use super::DebugState;
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
    /// A trap, before it unwinds (it unwinds as itself after the stop, however the hook
    /// says to resume).
    Trap(TrapKind),
}

/// How to resume after a stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeAction {
    /// Run to the next breakpoint.
    Continue,
    /// Stop at the next stop point anywhere.
    StepInto,
    /// Stop at the next stop point of this function or its callers.
    StepOver,
    /// Stop in the caller after this function returns.
    StepOut,
    /// Abort the call with an `Interrupted` trap. (At a [`StopReason::Trap`] stop the call
    /// ends with that trap, whatever the action.)
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
    stops: u64,
}

// SAFETY: the vmctx pointer is the attached instance's, which outlives the debugger (the
// runtime detaches before freeing it); the debugger is used by one thread at a time.
unsafe impl Send for Debugger {}

impl Debugger {
    /// Attaches to the instance whose vmctx is `vmctx` (of `module`, compiled with debugging).
    ///
    /// # Safety
    /// `vmctx` must be a live vmctx of `module`, and stay live as long as the returned
    /// debugger's state (the caller keeps [`Debugger::state`] alive until the instance is
    /// gone, since frames may still read its masks after a detach); the returned box must not
    /// move out of its allocation while attached.
    pub unsafe fn attach(
        module: Arc<CompiledModule>,
        vmctx: *mut u8,
        hook: Box<dyn DebugHook>,
    ) -> Box<Debugger> {
        // SAFETY: per the contract.
        let state = Arc::new(unsafe { DebugState::new(module.clone(), vmctx) });
        let mut dbg = Box::new(Debugger {
            module,
            state,
            hook,
            vmctx,
            stops: 0,
        });
        let owner = &mut *dbg as *mut Debugger as *mut ();
        dbg.state.set_owner(owner);
        dbg.state.set_mode(ResumeMode::Continue);
        // SAFETY: the header word is within the vmctx (caller's contract).
        unsafe {
            (vmctx.add(vmctx::DEBUG_STATE as usize) as *mut usize)
                .write(dbg.state.vm_state() as usize)
        };
        dbg
    }

    /// Detaches: the instance's gates go back to the all-zero masks and the slow path no
    /// longer finds this debugger.
    pub fn detach(&self) {
        // SAFETY: as in `attach`.
        unsafe { (self.vmctx.add(vmctx::DEBUG_STATE as usize) as *mut usize).write(0) };
        self.state.detach();
    }

    /// The shared state: breakpoints, pause requests and stepping from any thread.
    pub fn state(&self) -> &Arc<DebugState> {
        &self.state
    }
    /// The module.
    pub fn module(&self) -> &Arc<CompiledModule> {
        &self.module
    }
    /// How many stops the hook has seen.
    pub fn stops(&self) -> u64 {
        self.stops
    }

    /// The slow path at machine site `site` of `sites` (function `func`, frame `fp`): applies
    /// deferred writes, then walks the site's group, stopping where the mode, breakpoints or a
    /// pause say so. Returns a trap code (0: resume).
    fn on_site(
        &mut self,
        func: u32,
        sites: &FunctionSites,
        site: u32,
        fp: usize,
        regs: *mut u64,
    ) -> u64 {
        for w in self.state.take_writes(fp) {
            if !w.superseded {
                if let Some(&(ty, off)) = sites.locals.get(w.local as usize) {
                    write_local(fp, ty, off, w.bits);
                }
            }
        }
        let group = sites.machine[site as usize].stops.clone();
        for stop_index in group.clone() {
            let point = &sites.stops[stop_index as usize];
            let bp = self.state.has_breakpoint(func, point.bytecode_offset);
            let pause = self.state.take_pause();
            let reason = match decide(self.state.mode(), point.kind, fp, bp, pause) {
                StepDecision::Run => continue,
                StepDecision::Breakpoint => StopReason::Breakpoint,
                StepDecision::Step => StopReason::Step,
                StepDecision::Pause => StopReason::Pause,
            };
            // The last instruction of the group is the only one whose code runs before the
            // frame's next site: a write it makes itself supersedes a deferred one.
            let group_writes = sites.stops[stop_index as usize..group.end as usize]
                .last()
                .and_then(|last| last.writes_local);
            let action = self.stop(reason, func, sites, point, fp, regs, group_writes);
            let mode = match action {
                ResumeAction::Continue | ResumeAction::Abort => ResumeMode::Continue,
                ResumeAction::StepInto => ResumeMode::StepInto,
                ResumeAction::StepOver => ResumeMode::StepOver { fp },
                ResumeAction::StepOut => ResumeMode::StepOut { fp },
            };
            self.state.set_mode(mode);
            if action == ResumeAction::Abort {
                return TrapKind::Interrupted.code() as u64;
            }
        }
        0
    }

    /// A trap about to unwind: a stop at the trapping instruction.
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
        let offset = pc.wrapping_sub(module.published.base()) as u32;
        let Some((trap, func)) = module.code.trap_at(offset) else {
            return;
        };
        let Some(sites) = module
            .function_sites(func - module.info.num_imported_funcs)
            .ok()
        else {
            return;
        };
        let point = sites
            .stops_at(trap.bytecode_offset)
            .next()
            .map(|i| sites.stops[i as usize].clone())
            .unwrap_or(StopPoint {
                bytecode_offset: trap.bytecode_offset,
                kind: SiteKind::Instruction,
                stack: 0..0,
                writes_local: None,
            });
        self.stop(StopReason::Trap(kind), func, &sites, &point, fp, regs, None);
        self.state.set_mode(ResumeMode::Continue);
    }

    #[allow(clippy::too_many_arguments)]
    fn stop(
        &mut self,
        reason: StopReason,
        func: u32,
        sites: &FunctionSites,
        point: &StopPoint,
        fp: usize,
        regs: *mut u64,
        group_writes: Option<u32>,
    ) -> ResumeAction {
        self.stops += 1;
        let mut stop = Stop {
            reason,
            func,
            sites,
            point,
            fp,
            regs,
            vmctx: self.vmctx,
            module: &self.module,
            state: &self.state,
            group_writes,
        };
        self.hook.on_stop(&mut stop)
    }
}

/// Writes a local's slot in the frame at `fp`.
fn write_local(fp: usize, ty: ValType, off: i32, bits: u64) {
    let addr = (fp as isize + off as isize) as *mut u64;
    // SAFETY: a local slot of a live debug frame (offsets from the compiler's tables). A
    // 32-bit local keeps its upper half unspecified, so writing the whole word is fine.
    unsafe { addr.write_unaligned(if ty.is_64() { bits } else { bits & 0xffff_ffff }) };
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
        let owner = (*state).owner.load(core::sync::atomic::Ordering::SeqCst) as *mut Debugger;
        owner.as_mut()
    }
}

/// `Libcall::DebugSlowPath`: returns the address to resume at, or a trap.
pub(crate) unsafe extern "C" fn debug_slow_path(
    vmctx: *mut VMFuncRef,
    return_address: u64,
    fp: u64,
    regs: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    let fail = LibcallResult {
        value: 0,
        trap: TrapKind::Interrupted.code() as u64,
    };
    // SAFETY: called by the debug stub with the caller's vmctx, which is an instance's.
    let module = unsafe { crate::runtime::instance::instance_of(vmctx as *mut u8) }
        .module()
        .clone();
    let base = module.published.base();
    let offset = (return_address as usize).wrapping_sub(base) as u32;
    let Some(func) = module.code.func_at(offset, module.info.num_imported_funcs) else {
        return fail;
    };
    let defined = func - module.info.num_imported_funcs;
    let start = module.code.functions[defined as usize].code_offset;
    let Ok(sites) = module.function_sites(defined) else {
        return fail;
    };
    let Some((site, machine)) = sites.machine_at(offset - start) else {
        return fail;
    };
    let resume = (base + (start + machine.resume_offset) as usize) as u64;
    let regs = regs as *mut u64;
    // SAFETY: as above.
    let (trap, gate) = match unsafe { debugger_of(vmctx) } {
        Some(dbg) => {
            let trap = dbg.on_site(func, &sites, site, fp as usize, regs);
            (trap, dbg.state.gate(func))
        }
        // A frame armed before a detach: disarm it.
        None => (0, module.debug.as_ref().map_or(0, |d| d.zero_gate())),
    };
    // SAFETY: the stub's save area has REG_SAVE_WORDS words; the gate registers are restored
    // from it, so this frame runs on with the gate its function has now. A gate is the address
    // of a live mask's handler word, followed by the mask's first 64 bits.
    unsafe {
        regs.add(GATE_GPR as usize).write(gate as u64);
        let bits = if gate == 0 {
            0
        } else {
            (*((gate as isize + BITS_DISP as isize) as *const core::sync::atomic::AtomicU64))
                .load(core::sync::atomic::Ordering::SeqCst)
        };
        regs.add(BITS_GPR as usize).write(bits);
    }
    LibcallResult {
        value: resume,
        trap,
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
    func: u32,
    sites: &'a FunctionSites,
    point: &'a StopPoint,
    fp: usize,
    regs: *mut u64,
    vmctx: *mut u8,
    module: &'a Arc<CompiledModule>,
    state: &'a Arc<DebugState>,
    /// The local the rest of this stop's group writes itself, if any.
    group_writes: Option<u32>,
}

impl Stop<'_> {
    /// Why execution stopped.
    pub fn reason(&self) -> StopReason {
        self.reason
    }
    /// The function stopped in.
    pub fn func_index(&self) -> u32 {
        self.func
    }
    /// The bytecode offset (module-relative) of the instruction about to run.
    pub fn bytecode_offset(&self) -> u32 {
        self.point.bytecode_offset
    }
    /// Function entry, an instruction, or function exit.
    pub fn site_kind(&self) -> SiteKind {
        self.point.kind
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

    /// The locals of `func`'s frames, from a fresh or cached copy of its sites.
    fn locals_of(&self, func: u32) -> Vec<(ValType, i32)> {
        if func == self.func {
            return self.sites.locals.to_vec();
        }
        func.checked_sub(self.module.info.num_imported_funcs)
            .and_then(|d| self.module.function_sites(d).ok())
            .map_or(Vec::new(), |s| s.locals.to_vec())
    }

    /// The locals (parameters first) of the stopped frame.
    pub fn locals(&self) -> Vec<Value> {
        self.frame_locals(self.func, self.fp)
    }

    /// The locals of the frame of `func` at `fp` (from [`Stop::backtrace`]), with the
    /// debugger's own writes that have not reached the frame yet.
    pub fn frame_locals(&self, func: u32, fp: usize) -> Vec<Value> {
        self.locals_of(func)
            .iter()
            .enumerate()
            .map(
                |(i, &(ty, off))| match self.state.pending_write(fp, i as u32) {
                    Some(bits) => Value::new(ty, bits),
                    None => self.read(ty, Location::Frame(off), fp),
                },
            )
            .collect()
    }

    /// Writes local `index` of the stopped frame; false if there is no such local.
    ///
    /// Values that instructions of this stop's group pushed earlier from the local keep its
    /// old value, as Wasm says: the compiler reads them from the local's slot when the group's
    /// code runs, so the write is deferred until then (and shown by [`Stop::locals`] at once).
    pub fn set_local(&mut self, index: u32, bits: u64) -> bool {
        let Some(&(ty, off)) = self.sites.locals.get(index as usize) else {
            return false;
        };
        let lazy_copy = self
            .sites
            .stack_of(self.point)
            .iter()
            .any(|v| v.loc == Location::Frame(off));
        if lazy_copy {
            self.state.defer_write(PendingWrite {
                fp: self.fp,
                local: index,
                bits: Value::new(ty, bits).bits,
                superseded: self.group_writes == Some(index),
            });
        } else {
            write_local(self.fp, ty, off, bits);
        }
        true
    }

    /// The operand stack, bottom first.
    pub fn stack(&self) -> Vec<Value> {
        self.sites
            .stack_of(self.point)
            .iter()
            .map(|v| self.read(v.ty, v.loc, self.fp))
            .collect()
    }

    /// The Wasm frames of this activation, innermost first.
    pub fn backtrace(&self) -> Vec<FrameInfo> {
        let mut frames = alloc::vec![FrameInfo {
            func_index: self.func,
            bytecode_offset: self.point.bytecode_offset,
            fp: self.fp,
        }];
        let base = self.module.published.base();
        let len = self.module.code.bytes_len();
        let imported = self.module.info.num_imported_funcs;
        let mut fp = self.fp;
        // Bounded: a corrupted chain must not loop forever.
        for _ in 0..100_000 {
            let caller_fp = self.read_word(fp) as usize;
            let ret = self.read_word(fp + 8) as usize;
            if ret < base || ret >= base + len || caller_fp <= fp {
                break;
            }
            let off = (ret - base) as u32;
            let Some(func) = self.module.code.func_at(off, imported) else {
                break;
            };
            let start = self.module.code.functions[(func - imported) as usize].code_offset;
            let Ok(sites) = self.module.function_sites(func - imported) else {
                break;
            };
            let Some(call) = sites.call_at(off - start) else {
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
