//! The debugger attached to one instance: the slow path behind the debug stub, stops, and what
//! a stop shows (backtrace, locals, operand stack, globals, memory, tables).

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;

use super::abi::{gate_registers, BITS_GPR, FPR_SAVE_BASE, REG_SAVE_WORDS, TABLE_GPR};
use super::interp::{Env, Halt, Interp};
use super::sites::{
    FunctionSites, Location, PendingCompare, SiteKind, StopPoint, ValueLoc, MEMORY_BASE_KEY,
    MEMORY_LENGTH_KEY,
};
use super::step::{decide, ResumeMode, StepDecision};
use super::DebugState;
use crate::codegen::Reg;
use crate::libcalls::LibcallResult;
use crate::runtime::frames::Frame;
use crate::runtime::{CompiledModule, InstanceId};
use crate::trap::TrapKind;
use crate::types::ValType;
use crate::vmctx::{self, VMFuncRef, VMGlobal, VMMemoryDef, VMStoreContext, VMTableDef};

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
    pub(crate) fn new(ty: ValType, bits: u64) -> Value {
        let bits = if ty.is_64() { bits } else { bits & 0xffff_ffff };
        Value { ty, bits }
    }
}

/// One frame of a backtrace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    /// Function index (in the index space of its instance's module; 0 for a host frame).
    pub func_index: u32,
    /// Bytecode offset (module-relative) where the frame is: the stop's instruction for the
    /// innermost frame, the call instruction for the others; `None` for a host frame and for
    /// frames of modules compiled without debugging.
    pub bytecode_offset: Option<u32>,
    /// The frame pointer (identifies the activation; 0 for a host frame).
    pub fp: usize,
    /// The instance whose code runs in the frame; `None` for a host frame (host code between
    /// two Wasm frames: a host function called from Wasm that called Wasm again).
    pub instance: Option<InstanceId>,
}

impl FrameInfo {
    fn host() -> FrameInfo {
        FrameInfo {
            func_index: 0,
            bytecode_offset: None,
            fp: 0,
            instance: None,
        }
    }

    /// Whether this is a host frame.
    pub fn is_host(&self) -> bool {
        self.instance.is_none()
    }
}

/// The frame at `fp` of a function of `module` whose call returns to `ret`; the call's
/// bytecode offset when the module has debug code.
fn caller_frame(module: &CompiledModule, ret: usize, fp: usize) -> Option<FrameInfo> {
    let imported = module.info.num_imported_funcs;
    let off = u32::try_from(ret.checked_sub(module.published.base())?).ok()?;
    let func = module.code.func_at(off.checked_sub(1)?, imported)?;
    let start = module.code.functions[(func - imported) as usize].code_offset;
    let bytecode_offset = module
        .function_sites(func - imported)
        .ok()
        .and_then(|sites| sites.call_at(off - start).map(|c| c.bytecode_offset));
    Some(FrameInfo {
        func_index: func,
        bytecode_offset,
        fp,
        instance: None,
    })
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

    /// Whether stop point `point` of `func`, in the frame at `fp`, is a stop now.
    fn wants_stop(&self, func: u32, point: &StopPoint, fp: usize) -> bool {
        let bp = self.state.has_breakpoint(func, point.bytecode_offset);
        let pause = self.state.pause_pending();
        decide(self.state.mode(), point.kind, fp, bp, pause) != StepDecision::Run
    }

    /// The slow path at machine site `site` of `sites` (function `func`, frame `fp`, registers
    /// saved at `regs`): walks the site's group, stopping where the mode, breakpoints or a pause
    /// say so. When a stop lies inside the group, the group's instructions run in the
    /// interpreter (see `crate::debug::interp`) and the machine code resumes further on.
    /// Returns where to resume (`None`: after the site) and a trap code (0: none).
    fn on_site(
        &mut self,
        func: u32,
        sites: &FunctionSites,
        site: u32,
        fp: usize,
        regs: *mut u64,
    ) -> (Option<u32>, u64) {
        self.state.count_slow_path_entry();
        if !sites
            .path(site)
            .any(|s| self.wants_stop(func, &sites.stops[s as usize], fp))
        {
            // Armed for another frame or function (stepping elsewhere): run on.
            return (None, 0);
        }
        let interrupted = TrapKind::Interrupted.code() as u64;
        let frame = FrameView { fp, regs };
        let Some(first_index) = sites.path(site).next() else {
            return (None, 0);
        };
        let first = &sites.stops[first_index as usize];
        // Every cached copy holds its local's value here (the site's test comes before any of
        // the instruction's code), a dirty one the only up-to-date value.
        let locals = frame.locals(sites, first, u64::MAX);
        let mut interp = Interp::new(
            sites
                .stack_of(first)
                .iter()
                .map(|v| match v.loc {
                    Location::Local(i) => locals
                        .get(i as usize)
                        .copied()
                        .unwrap_or(Value { ty: v.ty, bits: 0 }),
                    _ => frame.read(v, &sites.locals),
                })
                .collect(),
            locals,
        );
        if let Some(c) = &first.compare {
            // (The compiler never starts a group there; handled all the same.)
            let operands = frame.compare_operands(c);
            interp.stack.push(compare_value(c, operands));
            interp.pending_compare = Some(operands);
        }
        let module = self.module.clone();
        let memory0 = InstanceEnv {
            module: &module,
            vmctx: self.vmctx,
        }
        .memory0();
        let mut index = first_index;
        loop {
            let point = &sites.stops[index as usize];
            let bp = self.state.has_breakpoint(func, point.bytecode_offset);
            let pause = self.state.take_pause();
            let reason = match decide(self.state.mode(), point.kind, fp, bp, pause) {
                StepDecision::Run => None,
                StepDecision::Breakpoint => Some(StopReason::Breakpoint),
                StepDecision::Step => Some(StopReason::Step),
                StepDecision::Pause => Some(StopReason::Pause),
            };
            if let Some(reason) = reason {
                let action = self.stop(reason, func, sites, point, fp, regs, Some(&mut interp));
                let mode = match action {
                    ResumeAction::Continue | ResumeAction::Abort => ResumeMode::Continue,
                    ResumeAction::StepInto => ResumeMode::StepInto,
                    ResumeAction::StepOver => ResumeMode::StepOver { fp },
                    ResumeAction::StepOut => ResumeMode::StepOut { fp },
                };
                self.state.set_mode(mode);
                if action == ResumeAction::Abort {
                    return (None, interrupted);
                }
            }
            // Resuming at the group's first stop point is resuming after the site's test.
            let own = (index != first_index).then_some(point);
            if !point.interpretable {
                // The group's last instruction. A conditional branch the slow path takes
                // itself (its targets start groups of their own), so that the machine code
                // never resumes between a comparison and its branch; anything else the
                // machine code runs.
                if let Some(next) = conditional_branch(&mut interp, sites, index, &module.bytes) {
                    let next_point = &sites.stops[next as usize];
                    return frame.resume_at(&interp, sites, Some(next_point), first, memory0);
                }
                return frame.resume_at(&interp, sites, own, first, memory0);
            }
            let next = match point.jump {
                // A forward `br_if`: taken, on at its target's site; else on along the
                // fall-through, in the group. (It cannot fail: then the machine code runs it.)
                Some(jump) if jump.conditional => {
                    match conditional_branch(&mut interp, sites, index, &module.bytes) {
                        Some(next) => next,
                        None => return frame.resume_at(&interp, sites, own, first, memory0),
                    }
                }
                // An unconditional forward branch: on at its target, with the values it
                // carries above those below the target block.
                Some(jump) => {
                    let Some(target) = sites.stops.get(jump.target as usize) else {
                        return (None, interrupted);
                    };
                    let height = sites.stack_of(target).len();
                    if interp.branch(height, jump.arity as usize).is_err() {
                        return (None, interrupted);
                    }
                    jump.target
                }
                None => index + 1,
            };
            if point.jump.is_none() && point.kind == SiteKind::Instruction {
                let Some(op) = read_operator(&module.bytes, point.bytecode_offset) else {
                    return (None, interrupted);
                };
                let mut env = InstanceEnv {
                    module: &module,
                    vmctx: self.vmctx,
                };
                match interp.exec(&op, &mut env) {
                    Ok(()) => {}
                    // The machine code raises the trap, as it would without a debugger.
                    Err(Halt::Trap) => return frame.resume_at(&interp, sites, own, first, memory0),
                    // The compiler ended the group here: it cannot be.
                    Err(Halt::Unsupported) => return (None, interrupted),
                }
            }
            let Some(next_point) = sites.stops.get(next as usize).filter(|_| next > index) else {
                return (None, interrupted);
            };
            if sites.starts_site(next) {
                // The whole group ran: on to the next group's site, which decides for itself.
                return frame.resume_at(&interp, sites, Some(next_point), first, memory0);
            }
            index = next;
        }
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
                code_offset: 0,
                interpretable: false,
                cached: 0..0,
                dirty: 0,
                compare: None,
                jump: None,
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
        interp: Option<&mut Interp>,
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
            interp,
        };
        self.hook.on_stop(&mut stop)
    }
}

/// At stop point `index`, an `if` or `br_if` with a recorded target: pops its condition,
/// moves the stack as the branch does, and returns the stop point where execution goes on
/// (the target's site, or the fall-through: a site, or the next stop point of a forward
/// `br_if`'s group). `None` (nothing changed) for any other
/// instruction, or if the tables do not fit the stack.
fn conditional_branch(
    interp: &mut Interp,
    sites: &FunctionSites,
    index: u32,
    bytes: &[u8],
) -> Option<u32> {
    let point = &sites.stops[index as usize];
    let jump = point.jump?;
    let target = sites.stops.get(jump.target as usize)?;
    let fall_through = index + 1;
    // The fall-through of a branch that ends its group has a site; a forward `br_if`'s
    // group goes on there.
    if !sites.starts_site(jump.target) || !(point.interpretable || sites.starts_site(fall_through))
    {
        return None;
    }
    let arity = jump.arity as usize;
    let op = read_operator(bytes, point.bytecode_offset)?;
    let (cond, rest) = interp.stack.split_last()?;
    let taken = cond.bits as u32 != 0;
    let height = rest.len();
    let next = match op {
        wasmparser::Operator::If { .. } if arity <= height => {
            if taken {
                fall_through
            } else {
                jump.target
            }
        }
        wasmparser::Operator::BrIf { .. } => {
            if taken {
                let target_height = sites.stack_of(target).len();
                if arity > target_height || target_height > height {
                    return None;
                }
                jump.target
            } else {
                fall_through
            }
        }
        _ => return None,
    };
    // Checked above: from here the stack moves as the branch says.
    interp.stack.pop();
    interp.pending_compare = None;
    if taken {
        match op {
            // The then branch sees the parameters twice: the originals, kept for the else
            // branch, and their copies above.
            wasmparser::Operator::If { .. } => interp.stack.extend_from_within(height - arity..),
            _ => interp.branch(sites.stack_of(target).len(), arity).ok()?,
        }
    }
    Some(next)
}

/// Writes a local's slot in the frame at `fp`.
fn write_local(fp: usize, ty: ValType, off: i32, bits: u64) {
    let addr = (fp as isize + off as isize) as *mut u64;
    // SAFETY: a local slot of a live debug frame (offsets from the compiler's tables). A
    // 32-bit local keeps its upper half unspecified, so writing the whole word is fine.
    unsafe { addr.write_unaligned(if ty.is_64() { bits } else { bits & 0xffff_ffff }) };
}

/// The i32 a pending comparison yields for these operands.
fn compare_value(c: &PendingCompare, (lhs, rhs): (u64, u64)) -> Value {
    Value::new(ValType::I32, c.eval(lhs, rhs) as u64)
}

/// A stopped frame's slots and saved registers.
#[derive(Clone, Copy)]
struct FrameView {
    fp: usize,
    regs: *mut u64,
}

impl FrameView {
    fn reg_word(self, i: usize) -> *mut u64 {
        debug_assert!(!self.regs.is_null() && i < REG_SAVE_WORDS);
        // SAFETY: the debug stub's save area has REG_SAVE_WORDS words (`i` comes from the
        // compiler's allocatable registers, all below it).
        unsafe { self.regs.add(i) }
    }
    fn reg_index(r: Reg) -> usize {
        match r {
            Reg::Gpr(i) => i as usize,
            Reg::Fpr(i) => FPR_SAVE_BASE + i as usize,
        }
    }
    fn slot(self, off: i32) -> *mut u64 {
        (self.fp as isize + off as isize) as *mut u64
    }
    /// The locals at stop point `point`: from their slots, but those cached there in a
    /// register of the mask `in_regs` (see [`crate::debug::sites::reg_bit`]) from it.
    fn locals(self, sites: &FunctionSites, point: &StopPoint, in_regs: u64) -> Vec<Value> {
        let mut locals: Vec<Value> = sites
            .locals
            .iter()
            .map(|&(ty, off)| self.read_slot(ty, off))
            .collect();
        for &(key, reg) in sites.cached_of(point) {
            if let Some(v) = locals.get_mut(key as usize) {
                if crate::debug::sites::reg_bit(reg) & in_regs != 0 {
                    // SAFETY: see `reg_word`.
                    *v = Value::new(v.ty, unsafe { self.reg_word(Self::reg_index(reg)).read() });
                }
            }
        }
        locals
    }
    /// The local slot at `off`.
    fn read_slot(self, ty: ValType, off: i32) -> Value {
        // SAFETY: a slot of the live debug frame at `fp` (offsets from the compiler's tables).
        Value::new(ty, unsafe { self.slot(off).read_unaligned() })
    }
    /// The value a layout entry describes.
    fn read(self, v: &ValueLoc, locals: &[(ValType, i32)]) -> Value {
        match v.loc {
            Location::Const(b) => Value::new(v.ty, b),
            Location::Reg(r) => {
                // SAFETY: see `reg_word`.
                Value::new(v.ty, unsafe { self.reg_word(Self::reg_index(r)).read() })
            }
            Location::Frame(off) => self.read_slot(v.ty, off),
            Location::Local(i) => match locals.get(i as usize) {
                Some(&(_, off)) => self.read_slot(v.ty, off),
                None => Value::new(v.ty, 0),
            },
        }
    }
    /// The operands of a pending comparison, from the saved registers.
    fn compare_operands(self, c: &PendingCompare) -> (u64, u64) {
        // SAFETY (both reads): see `reg_word`.
        let lhs = unsafe { self.reg_word(Self::reg_index(c.lhs)).read() };
        let rhs = match c.rhs {
            crate::codegen::RegImm::Reg(r) => unsafe { self.reg_word(Self::reg_index(r)).read() },
            crate::codegen::RegImm::Imm(i) => i as i64 as u64,
        };
        (lhs, rhs)
    }

    /// Puts the interpreter's state where the machine code at stop point `point` expects it,
    /// and returns where to resume (`None`: the stopped group's own first stop point, whose
    /// machine code resumes after the site's test).
    fn resume_at(
        self,
        interp: &Interp,
        sites: &FunctionSites,
        point: Option<&StopPoint>,
        first: &StopPoint,
        memory0: (u64, u64),
    ) -> (Option<u32>, u64) {
        let at = point.unwrap_or(first);
        let layout = sites.stack_of(at);
        // A pending comparison's result is on the interpreter's stack, not in the layout.
        let pending = match (&at.compare, interp.pending_compare) {
            (None, _) => None,
            (Some(c), Some(operands)) => Some((c, operands)),
            // The interpreter did not run the comparison: it cannot be.
            (Some(_), None) => return (None, TrapKind::Interrupted.code() as u64),
        };
        if layout.len() + pending.is_some() as usize != interp.stack.len() {
            return (None, TrapKind::Interrupted.code() as u64);
        }
        // Every local's value goes to its slot and to its register where it has a copy there
        // (the debugger or the interpreter may have changed it; a dirty copy's slot was stale).
        for (v, &(_, off)) in interp.locals.iter().zip(sites.locals.iter()) {
            write_local(self.fp, v.ty, off, v.bits);
        }
        let cached = sites.cached_of(at);
        let local_reg = |i: u32| cached.iter().find(|c| c.0 == i).map(|c| c.1);
        // Memory 0's base and length registers too: the code that loaded them may be among
        // the instructions the interpreter ran instead.
        for &(key, reg) in cached {
            let bits = match key {
                MEMORY_BASE_KEY => memory0.0,
                MEMORY_LENGTH_KEY => memory0.1,
                local => match interp.locals.get(local as usize) {
                    Some(v) => v.bits,
                    None => continue,
                },
            };
            // SAFETY: see `reg_word`.
            unsafe { self.reg_word(Self::reg_index(reg)).write(bits) };
        }
        for (value, at) in interp.stack.iter().zip(layout) {
            match at.loc {
                // The compiler emits code with the constant in it.
                Location::Const(_) => {}
                // SAFETY: see `reg_word`.
                Location::Reg(r) => unsafe { self.reg_word(Self::reg_index(r)).write(value.bits) },
                Location::Frame(off) => write_local(self.fp, value.ty, off, value.bits),
                // The code reads this value from the local (its register, or its slot). Only a
                // trapping instruction is resumed with such copies on the stack (the compiler
                // loads them before every other place the slow path resumes at); the local
                // must then hold the copied value for the trap to be the one the program
                // raises, and the frame is unwound right after, so a debugger's write of it
                // is moot.
                Location::Local(i) => {
                    if let Some(&(ty, off)) = sites.locals.get(i as usize) {
                        write_local(self.fp, ty, off, value.bits);
                    }
                    if let Some(r) = local_reg(i) {
                        // SAFETY: see `reg_word`.
                        unsafe { self.reg_word(Self::reg_index(r)).write(value.bits) };
                    }
                }
            }
        }
        if let Some((c, (lhs, rhs))) = pending {
            // The branch compares these operands itself.
            // SAFETY: see `reg_word`.
            unsafe { self.reg_word(Self::reg_index(c.lhs)).write(lhs) };
            if let crate::codegen::RegImm::Reg(r) = c.rhs {
                // SAFETY: see `reg_word`.
                unsafe { self.reg_word(Self::reg_index(r)).write(rhs) };
            }
        }
        (point.map(|p| p.code_offset), 0)
    }
}

/// The instance's memory and globals, for the interpreter.
struct InstanceEnv<'a> {
    module: &'a CompiledModule,
    vmctx: *mut u8,
}

impl InstanceEnv<'_> {
    fn vm_word(&self, off: i32) -> usize {
        // SAFETY: `off` comes from the module's `VMOffsets`, within the live vmctx.
        unsafe { (self.vmctx.add(off as usize) as *const usize).read() }
    }
}

impl InstanceEnv<'_> {
    /// Memory 0's base address and length (zeros without a memory).
    fn memory0(&self) -> (u64, u64) {
        if self.module.info.memories.is_empty() {
            return (0, 0);
        }
        let def = self.vm_word(self.module.offsets.memory(0)) as *const VMMemoryDef;
        // SAFETY: the vmctx points to the memory's live definition.
        unsafe { ((*def).base as u64, (*def).length) }
    }
}

impl Env for InstanceEnv<'_> {
    fn memory(&mut self) -> &mut [u8] {
        if self.module.info.memories.is_empty() {
            return &mut [];
        }
        let def = self.vm_word(self.module.offsets.memory(0)) as *const VMMemoryDef;
        // SAFETY: the vmctx points to the memory's live definition; Wasm code on this thread
        // is stopped in the slow path.
        unsafe {
            let (base, len) = ((*def).base, (*def).length as usize);
            if base.is_null() {
                return &mut [];
            }
            core::slice::from_raw_parts_mut(base, len)
        }
    }
    fn global(&self, index: u32) -> Value {
        let ty = self
            .module
            .info
            .globals
            .get(index as usize)
            .map_or(ValType::I32, |g| g.ty);
        let cell = self.vm_word(self.module.offsets.global(index)) as *const VMGlobal;
        // SAFETY: the vmctx holds a pointer to the global's live cell (validated index).
        Value::new(ty, unsafe { (*cell).bits })
    }
    fn set_global(&mut self, index: u32, bits: u64) {
        let cell = self.vm_word(self.module.offsets.global(index)) as *mut VMGlobal;
        // SAFETY: as in `global`.
        unsafe { (*cell).bits = bits };
    }
}

/// The operator at module offset `offset`.
fn read_operator(bytes: &[u8], offset: u32) -> Option<wasmparser::Operator<'_>> {
    let reader = wasmparser::BinaryReader::new(bytes.get(offset as usize..)?, offset as u64);
    wasmparser::OperatorsReader::new(reader).read().ok()
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
    let (resume, trap) = match unsafe { debugger_of(vmctx) } {
        Some(dbg) => {
            let (at, trap) = dbg.on_site(func, &sites, site, fp as usize, regs);
            let resume = at.map_or(resume, |at| (base + (start + at) as usize) as u64);
            (resume, trap)
        }
        // A frame armed before a detach: it reloads the detached gate below.
        None => (resume, 0),
    };
    // SAFETY: the stub's save area has REG_SAVE_WORDS words, and the gate registers are
    // restored from it: this frame runs on with the table its instance has now (the all-ones
    // one while stepping) and that table's bits for its function. A debug instance's
    // `DEBUG_GATES` is a live gate table with an entry per function.
    unsafe {
        let table = (*((vmctx as *const u8).add(crate::vmctx::DEBUG_GATES as usize)
            as *const core::sync::atomic::AtomicUsize))
            .load(core::sync::atomic::Ordering::SeqCst);
        let (table, bits) = gate_registers(table, func);
        regs.add(TABLE_GPR as usize).write(table);
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
    /// At a stop inside a group: the interpreter that holds the frame's values.
    interp: Option<&'a mut Interp>,
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
            Location::Local(i) => match self.frame_locals(self.func, fp).get(i as usize) {
                Some(v) => v.bits,
                None => 0,
            },
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

    /// The locals of the frame of `func` at `fp` (from [`Stop::backtrace`]).
    pub fn frame_locals(&self, func: u32, fp: usize) -> Vec<Value> {
        if let (Some(interp), true) = (&self.interp, fp == self.fp) {
            return interp.locals.clone();
        }
        if fp == self.fp && func == self.func {
            // A trap stop: the dirty copies the trapping instruction kept are in registers.
            let frame = FrameView {
                fp,
                regs: self.regs,
            };
            return frame.locals(self.sites, self.point, self.point.dirty);
        }
        self.locals_of(func)
            .iter()
            .map(|&(ty, off)| self.read(ty, Location::Frame(off), fp))
            .collect()
    }

    /// Writes local `index` of the stopped frame; false if there is no such local.
    ///
    /// Values that instructions pushed earlier from the local keep its old value, as Wasm
    /// says: inside a group the interpreter holds them, and the compiler loads lazy copies of
    /// locals before every place where the machine code resumes after a stop (but before a
    /// trapping instruction, where the frame is unwound anyway).
    pub fn set_local(&mut self, index: u32, bits: u64) -> bool {
        let Some(&(ty, off)) = self.sites.locals.get(index as usize) else {
            return false;
        };
        match &mut self.interp {
            Some(interp) => interp.set_local(index as usize, bits),
            None => write_local(self.fp, ty, off, bits),
        }
        true
    }

    /// The operand stack, bottom first.
    pub fn stack(&self) -> Vec<Value> {
        if let Some(interp) = &self.interp {
            return interp.stack.clone();
        }
        let mut stack: Vec<Value> = self
            .sites
            .stack_of(self.point)
            .iter()
            .map(|v| self.read(v.ty, v.loc, self.fp))
            .collect();
        if let Some(c) = &self.point.compare {
            let rhs = match c.rhs {
                crate::codegen::RegImm::Reg(r) => self.read(ValType::I64, Location::Reg(r), 0),
                crate::codegen::RegImm::Imm(i) => Value::new(ValType::I64, i as i64 as u64),
            };
            let lhs = self.read(ValType::I64, Location::Reg(c.lhs), 0);
            stack.push(compare_value(c, (lhs.bits, rhs.bits)));
        }
        stack
    }

    /// The frames of the stack, innermost first: the Wasm frames of every instance, and a
    /// host frame wherever Wasm called a host function that called Wasm again.
    pub fn backtrace(&self) -> Vec<FrameInfo> {
        let mut frames = Vec::new();
        let store = self.vm_word(vmctx::STORE) as *const VMStoreContext;
        // SAFETY: the vmctx's store context is live; Wasm is stopped on this thread, so the
        // stack and its exit records stay as they are during the walk, and `self.fp` is the
        // stopped Wasm frame of the innermost activation.
        unsafe {
            let (entry_sp, last_exit) = ((*store).entry_sp, (*store).last_exit);
            crate::runtime::frames::walk(self.fp, 0, entry_sp, last_exit, &mut |frame| {
                let info = match frame {
                    Frame::Host => FrameInfo::host(),
                    Frame::Wasm { instance, fp, .. } if fp == self.fp && frames.is_empty() => {
                        FrameInfo {
                            func_index: self.func,
                            bytecode_offset: Some(self.point.bytecode_offset),
                            fp,
                            instance: Some(instance.id()),
                        }
                    }
                    Frame::Wasm { instance, pc, fp } => {
                        match caller_frame(instance.module(), pc, fp) {
                            Some(info) => FrameInfo {
                                instance: Some(instance.id()),
                                ..info
                            },
                            None => return true,
                        }
                    }
                };
                frames.push(info);
                true
            });
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
