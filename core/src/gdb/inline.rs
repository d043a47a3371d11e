//! Serving LLDB on the one thread there is: a kernel, a unikernel or a firmware with no thread
//! to spare for the debugger. [`serve`](super::serve) runs the protocol on its own thread
//! while the program runs on others; here the debug hook of the one debugged instance runs it
//! instead: at each stop it reports the stop and answers packets until LLDB resumes, then the
//! program runs on and nobody reads the connection until the next stop (so an interrupt
//! (Ctrl-C) is only seen at the next stop; a kernel could poll the connection from a timer
//! and pause the instance). Breakpoints, steps, frames, locals, globals, the operand stack
//! and memory are as with [`serve`](super::serve); the instance is LLDB's thread 1.
//!
//! ```text
//! let slot: SharedInlineStub<Conn> = Default::default();
//! // SAFETY: the debugger's contract (`Debugger::attach`).
//! let debugger = unsafe { Debugger::attach(module.clone(), vmctx, Box::new(InlineHook(slot.clone()))) };
//! *slot.lock() = Some(InlineStub::new(conn, module, "prog.wasm", debugger.state().clone())?);
//! let result = store.call(func, &args);           // stops at its first instruction
//! slot.lock().as_mut().map(|s| s.exited(0));       // LLDB hears that the program exited
//! ```

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::ptr::NonNull;

use gdbstub::common::Tid;
use gdbstub::conn::ConnectionExt;
use gdbstub::stub::state_machine::GdbStubStateMachine;
use gdbstub::stub::{DisconnectReason, GdbStubBuilder, MultiThreadStopReason};
use gdbstub_arch::wasm::reg::id::WasmRegId;

use super::serve::{fail, signal_of};
use super::target::GdbTarget;
use super::{stop_call_stack, stop_frames, Debuggee, Ended, Event, Resume, ServeError, StopKind};
use crate::debug::{DebugHook, DebugState, ResumeAction, Stop, StopReason, Value};
use crate::runtime::CompiledModule;

/// LLDB's thread id of the instance.
const TID: u32 = 1;

/// Packets as large as [`serve`](super::serve) takes.
const PACKET_BUFFER: usize = 0x10000;

/// A gdb-remote stub for one instance, driven by that instance's stops (see the module docs).
pub struct InlineStub<C: ConnectionExt> {
    gdb: Option<GdbStubStateMachine<'static, GdbTarget<Single>, C>>,
    target: GdbTarget<Single>,
    ended: Option<Ended>,
    error: Option<ServeError>,
}

/// An [`InlineStub`] shared by its [`InlineHook`] and the host (which reports the exit).
pub type SharedInlineStub<C> = Arc<spin::Mutex<Option<InlineStub<C>>>>;

/// The debug hook that serves LLDB at every stop of the instance (runs on without a stub).
pub struct InlineHook<C: ConnectionExt>(pub SharedInlineStub<C>);

impl<C> DebugHook for InlineHook<C>
where
    C: ConnectionExt + Send,
    C::Error: core::fmt::Debug,
{
    fn on_stop(&mut self, stop: &mut Stop<'_>) -> ResumeAction {
        match self.0.lock().as_mut() {
            Some(stub) => stub.on_stop(stop),
            None => ResumeAction::Continue,
        }
    }
}

/// The one debugged instance, as [`Debuggee`] sees it.
struct Single {
    module: Arc<CompiledModule>,
    name: String,
    state: Arc<DebugState>,
    /// The stop being served: set only while [`InlineStub::on_stop`] runs, which holds that
    /// stop borrowed mutably for the whole time, and cleared before it returns.
    stop: Cell<Option<NonNull<Stop<'static>>>>,
    /// How LLDB resumed.
    resume: Cell<Option<ResumeAction>>,
    /// The frame a single step started in, while one runs.
    step_from: Cell<Option<usize>>,
    /// LLDB's breakpoints, as module offsets.
    breakpoints: RefCell<BTreeSet<u32>>,
    exited: Cell<bool>,
}

// SAFETY: `stop` is `None` whenever the stub is not inside `on_stop` (on the thread running the
// instance), so a `Single` that moves to another thread never carries a pointer; the rest is
// owned data.
unsafe impl Send for Single {}

impl Single {
    /// Runs `f` on the stop being served, if one is.
    fn with_stop<R>(&self, f: impl FnOnce(&mut Stop<'_>) -> R) -> Option<R> {
        let stop = self.stop.get()?;
        // SAFETY: see `stop`: the pointer is to the stop `on_stop` holds borrowed mutably right
        // now, on this thread, and no other reference to it is in use while the protocol runs.
        Some(f(unsafe { &mut *stop.as_ptr() }))
    }

    /// The function (full index) whose body holds module offset `offset`.
    fn resolve(&self, offset: u32) -> Option<u32> {
        let info = &self.module.info;
        let offset = offset as usize;
        if offset < info.code_section_start {
            return None;
        }
        let defined = info
            .bodies
            .iter()
            .position(|r| r.start <= offset && offset <= r.end)?;
        Some(info.num_imported_funcs + defined as u32)
    }
}

impl Debuggee for Single {
    fn module_name(&self, module: u32) -> Option<String> {
        (module == 0).then(|| self.name.clone())
    }
    fn read_module(&self, module: u32, offset: u32, buf: &mut [u8]) -> Option<usize> {
        if module != 0 {
            return None;
        }
        let bytes = &self.module.bytes;
        let from = (offset as usize).min(bytes.len());
        let n = (bytes.len() - from).min(buf.len());
        buf[..n].copy_from_slice(&bytes[from..from + n]);
        Some(n)
    }
    fn module_count(&self) -> u32 {
        1
    }
    fn threads(&self) -> Vec<u32> {
        if self.exited.get() {
            Vec::new()
        } else {
            alloc::vec![TID]
        }
    }
    fn call_stack(&self, tid: u32) -> Vec<u64> {
        if tid != TID {
            return Vec::new();
        }
        self.with_stop(|s| stop_call_stack(s, 0, self.step_from.get()))
            .unwrap_or_default()
    }
    fn local(&self, tid: u32, frame: u32, index: u32) -> Option<Value> {
        if tid != TID {
            return None;
        }
        self.with_stop(|s| {
            let &((func, _), fp) = stop_frames(s).get(frame as usize)?;
            s.frame_locals(func, fp).get(index as usize).copied()
        })?
    }
    fn global(&self, tid: u32, _frame: u32, index: u32) -> Option<Value> {
        (tid == TID).then(|| self.with_stop(|s| s.global(index)))??
    }
    fn stack_value(&self, tid: u32, frame: u32, index: u32) -> Option<Value> {
        if tid != TID || frame != 0 {
            // Callers' operand stacks are below their calls, in registers the calls saved.
            return None;
        }
        self.with_stop(|s| {
            let stack = s.stack();
            let top = stack.len().checked_sub(1 + index as usize)?;
            Some(stack[top])
        })?
    }
    fn read_memory(&self, tid: u32, memory: u32, offset: u32, buf: &mut [u8]) -> usize {
        if tid != TID || memory != 0 {
            return 0;
        }
        self.with_stop(|s| {
            let mem = s.memory(0).unwrap_or_default();
            let from = (offset as usize).min(mem.len());
            let n = (mem.len() - from).min(buf.len());
            buf[..n].copy_from_slice(&mem[from..from + n]);
            n
        })
        .unwrap_or(0)
    }
    fn write_memory(&self, tid: u32, memory: u32, offset: u32, data: &[u8]) -> bool {
        if tid != TID || memory != 0 {
            return false;
        }
        self.with_stop(|s| {
            let mem = s.memory(0).unwrap_or_default();
            match mem.get_mut(offset as usize..offset as usize + data.len()) {
                Some(dst) => {
                    dst.copy_from_slice(data);
                    true
                }
                None => false,
            }
        })
        .unwrap_or(false)
    }
    fn set_breakpoint(&self, module: u32, offset: u32) -> bool {
        let Some(func) = self.resolve(offset).filter(|_| module == 0) else {
            return false;
        };
        let set = self.state.set_breakpoint(func, offset).is_ok_and(|n| n > 0);
        if set {
            self.breakpoints.borrow_mut().insert(offset);
        }
        set
    }
    fn clear_breakpoint(&self, module: u32, offset: u32) -> bool {
        let Some(func) = self.resolve(offset).filter(|_| module == 0) else {
            return false;
        };
        let _ = self.state.clear_breakpoint(func, offset);
        self.breakpoints.borrow_mut().remove(&offset)
    }
    fn resume(&self, action: &dyn Fn(u32) -> Resume) {
        // With one thread, "stay" (scheduler locking on another thread) means run.
        self.resume.set(Some(match action(TID) {
            Resume::Step => ResumeAction::StepInto,
            Resume::Continue | Resume::Stay => ResumeAction::Continue,
        }));
    }
    fn interrupt(&self) {
        self.state.request_pause();
    }
    fn wait(&self, _timeout_ms: u32) -> Option<Event> {
        // Stops come to the stub (`on_stop`), not the other way round.
        None
    }
    fn kill(&self) {}
    fn detach(&self) {
        let _ = self.state.clear_breakpoints(&self.state.breakpoints());
        self.breakpoints.borrow_mut().clear();
    }
}

/// How a stop resumes after the session ended.
fn after_end(ended: Ended) -> ResumeAction {
    match ended {
        Ended::Killed => ResumeAction::Abort,
        Ended::Detached | Ended::Exited(_) => ResumeAction::Continue,
    }
}

impl<C> InlineStub<C>
where
    C: ConnectionExt,
    C::Error: core::fmt::Debug,
{
    /// A stub serving LLDB over `conn` for the instance whose debugger state is `state` (of
    /// `module`, named `name` in LLDB's library list). Asks the instance to pause: it stops
    /// at its next stop point, where LLDB's session begins. An error if `module` has no debug
    /// code (it would never stop).
    pub fn new(
        conn: C,
        module: Arc<CompiledModule>,
        name: &str,
        state: Arc<DebugState>,
    ) -> Result<InlineStub<C>, ServeError> {
        // Without debug code the instance never stops: LLDB would wait, then lose the session.
        if module.debug.is_none() {
            return Err(ServeError(alloc::format!(
                "{name}: not compiled for debugging (Config::debug; for an artifact, \
                 `breakwater compile --debug`)"
            )));
        }
        state.request_pause();
        let mut target = GdbTarget::new(Single {
            module,
            name: name.to_string(),
            state,
            stop: Cell::new(None),
            resume: Cell::new(None),
            step_from: Cell::new(None),
            breakpoints: RefCell::new(BTreeSet::new()),
            exited: Cell::new(false),
        });
        let stub = GdbStubBuilder::new(conn)
            .packet_buffer_size(PACKET_BUFFER)
            .build()
            .map_err(fail)?;
        let gdb = stub.run_state_machine(&mut target).map_err(fail)?;
        Ok(InlineStub {
            gdb: Some(gdb),
            target,
            ended: None,
            error: None,
        })
    }

    /// How the session ended, once it has.
    pub fn ended(&self) -> Option<Ended> {
        self.ended
    }

    /// The protocol or connection failure that ended the session, if one did (the instance
    /// was detached and runs on).
    pub fn error(&self) -> Option<&ServeError> {
        self.error.as_ref()
    }

    /// Serves a stop: reports it (unless it is the session's first), answers LLDB until it
    /// resumes, and returns how.
    pub fn on_stop(&mut self, stop: &mut Stop<'_>) -> ResumeAction {
        if let Some(ended) = self.ended {
            return after_end(ended);
        }
        let kind = match stop.reason() {
            StopReason::Breakpoint => StopKind::Breakpoint,
            StopReason::Step => StopKind::Step,
            StopReason::Pause => StopKind::Interrupt,
            StopReason::Trap(t) => StopKind::Trap(t),
        };
        let fp = stop.fp();
        let single = &self.target.debuggee;
        single.resume.set(None);
        single
            .stop
            .set(Some(NonNull::from(stop).cast::<Stop<'static>>()));
        let served = self.serve_stop(kind);
        let single = &self.target.debuggee;
        single.stop.set(None);
        if let Err(e) = served {
            single.detach();
            self.error = Some(e);
            self.ended = Some(Ended::Detached);
        }
        if let Some(ended) = self.ended {
            return after_end(ended);
        }
        let action = single.resume.take().unwrap_or(ResumeAction::Continue);
        single
            .step_from
            .set((action == ResumeAction::StepInto).then_some(fp));
        action
    }

    fn serve_stop(&mut self, kind: StopKind) -> Result<(), ServeError> {
        let mut gdb = self
            .gdb
            .take()
            .ok_or_else(|| ServeError("no session".into()))?;
        if let GdbStubStateMachine::Running(g) = gdb {
            let thread = Tid::new(TID as usize).ok_or_else(|| ServeError("bad thread".into()))?;
            let reason = match kind {
                StopKind::Breakpoint => MultiThreadStopReason::SwBreak(thread),
                _ => MultiThreadStopReason::SignalWithThread {
                    tid: thread,
                    signal: signal_of(kind),
                },
            };
            // LLDB's Wasm plug-in needs the PC in every stop reply.
            let pc = self.target.pc(TID).to_le_bytes();
            let mut regs = core::iter::once((WasmRegId::Pc, &pc[..]));
            gdb = g
                .report_stop_with_regs(&mut self.target, reason, &mut regs)
                .map_err(fail)?;
        }
        self.drive(gdb)
    }

    /// Answers packets until LLDB resumes the program or the session ends.
    fn drive(
        &mut self,
        mut gdb: GdbStubStateMachine<'static, GdbTarget<Single>, C>,
    ) -> Result<(), ServeError> {
        loop {
            gdb = match gdb {
                GdbStubStateMachine::Idle(mut g) => {
                    let byte = g.borrow_conn().read().map_err(fail)?;
                    g.incoming_data(&mut self.target, byte).map_err(fail)?
                }
                GdbStubStateMachine::Running(g) => {
                    self.gdb = Some(g.into());
                    return Ok(());
                }
                GdbStubStateMachine::CtrlCInterrupt(g) => g
                    .interrupt_handled(&mut self.target, None::<MultiThreadStopReason<u64>>)
                    .map_err(fail)?,
                GdbStubStateMachine::Disconnected(g) => {
                    self.ended = Some(match g.get_reason() {
                        DisconnectReason::TargetExited(code) => Ended::Exited(code),
                        DisconnectReason::TargetTerminated(_) | DisconnectReason::Kill => {
                            Ended::Killed
                        }
                        DisconnectReason::Disconnect => {
                            self.target.debuggee.detach();
                            Ended::Detached
                        }
                    });
                    return Ok(());
                }
            }
        }
    }

    /// The program is done (its call returned) with exit code `code`: LLDB hears of it if it
    /// is waiting for a stop. Returns how the session ended.
    pub fn exited(&mut self, code: u8) -> Result<Ended, ServeError> {
        if let Some(ended) = self.ended {
            return Ok(ended);
        }
        self.target.debuggee.exited.set(true);
        match self.gdb.take() {
            Some(GdbStubStateMachine::Running(g)) => {
                let gdb = g
                    .report_stop(&mut self.target, MultiThreadStopReason::Exited(code))
                    .map_err(fail)?;
                self.drive(gdb)?;
            }
            // LLDB never resumed (or the session is gone): nobody waits for the exit.
            _ => self.ended = Some(Ended::Exited(code)),
        }
        Ok(self.ended.unwrap_or(Ended::Exited(code)))
    }
}
