//! The debugger hook of an instance served to LLDB: on its own thread, at a stop, it tells the
//! session, then answers questions about the stopped state until LLDB resumes it.

use std::time::Duration;

use breakwater_core::gdb::{stop_call_stack, stop_frames, Ended, Event, StopKind, WatchKind};

use super::{GdbStub, Reply, Request, Session, Stopped, Want};
use crate::debug::{ResumeAction, Stop, StopReason};

/// How long a stopped thread sleeps between looks at the session (it is woken on changes).
const IDLE_WAIT: Duration = Duration::from_millis(100);

pub(super) struct ThreadHook {
    pub(super) stub: GdbStub,
    pub(super) tid: u32,
    pub(super) module: u32,
    /// The frame a single step started in, while one runs.
    pub(super) step_from: Option<usize>,
    /// A watched access is running (one step): the next stop reports this watchpoint.
    pub(super) watch_hit: Option<(WatchKind, u64)>,
}

/// What a session that ended asks of a thread that reaches a stop.
fn after_end(ended: Ended) -> ResumeAction {
    match ended {
        Ended::Killed => ResumeAction::Abort,
        Ended::Detached | Ended::Exited(_) => ResumeAction::Continue,
    }
}

impl ThreadHook {
    /// The program counters of the stopped thread's frames, innermost first.
    fn call_stack(&self, stop: &Stop<'_>) -> Vec<u64> {
        stop_call_stack(stop, self.module, self.step_from)
    }

    pub(super) fn on_stop(&mut self, stop: &mut Stop<'_>) -> ResumeAction {
        let watch_hit = self.watch_hit.take();
        let (action, watching) = self.serve_stop(stop, watch_hit);
        self.watch_hit = watching;
        self.step_from = (action == ResumeAction::StepInto).then(|| stop.fp());
        action
    }

    /// Whether the load or store at this stop touches a watched range: the watchpoint.
    fn watched_access(&self, s: &mut Session, stop: &Stop<'_>) -> Option<(WatchKind, u64)> {
        let accesses = s.accesses_of(self.module);
        let i = accesses
            .binary_search_by_key(&stop.bytecode_offset(), |a| a.offset)
            .ok()?;
        let access = accesses[i];
        // The address operand: below the stored value, or on top for a load.
        let stack = stop.stack();
        let below = if access.store { 2 } else { 1 };
        let base = stack.get(stack.len().checked_sub(below)?)?.bits as u32 as u64;
        let at = base + access.displacement;
        s.watches
            .iter()
            .find(|w| w.triggered_by(access.store, at, access.size))
            .map(|w| (w.kind, w.addr))
    }

    /// Serves one stop; returns how to resume and the watchpoint whose access runs now.
    fn serve_stop(
        &self,
        stop: &mut Stop<'_>,
        watch_hit: Option<(WatchKind, u64)>,
    ) -> (ResumeAction, Option<(WatchKind, u64)>) {
        let stub = &self.stub;
        let mut s = stub.lock();
        if let Some(ended) = s.ended {
            return (after_end(ended), None);
        }
        let Some(want) = s.threads.get(&self.tid).map(|t| t.want) else {
            return (ResumeAction::Continue, None);
        };
        let mut kind = match stop.reason() {
            StopReason::Breakpoint => StopKind::Breakpoint,
            StopReason::Step => StopKind::Step,
            StopReason::Pause => StopKind::Interrupt,
            StopReason::Trap(t) => StopKind::Trap(t),
        };
        if let Some((kind_hit, addr)) = watch_hit {
            // The watched access has run: this is where LLDB hears of it.
            kind = StopKind::Watch {
                kind: kind_hit,
                addr,
            };
        } else if kind == StopKind::Breakpoint
            && !s
                .breakpoints
                .contains(&(self.module, stop.bytecode_offset()))
            && s.is_watch_site(self.module, stop.bytecode_offset())
        {
            // A load or store armed for watchpoints, not a breakpoint of LLDB's.
            if let Some(hit) = self.watched_access(&mut s, stop) {
                return (ResumeAction::StepInto, Some(hit));
            }
            match want {
                Want::Step => kind = StopKind::Step,
                _ => return (ResumeAction::Continue, None),
            }
        }
        if kind == StopKind::Interrupt && !s.interrupting {
            match want {
                // The pause overtook the step: this is where the step ends.
                Want::Step => kind = StopKind::Step,
                // A pause left over from a stop LLDB has resumed from.
                Want::Run => return (ResumeAction::Continue, None),
                Want::Hold => {}
            }
        }
        // A pause that only holds this thread while LLDB looks at another is not an event.
        let quiet = kind == StopKind::Interrupt && !s.interrupting;
        let report = s.running && !quiet;
        if report {
            s.running = false;
            s.interrupting = false;
            s.events.push_back(Event::Stopped {
                tid: self.tid,
                kind,
            });
            hold_others(&mut s, self.tid);
        }
        let stack = self.call_stack(stop);
        if let Some(t) = s.threads.get_mut(&self.tid) {
            t.want = Want::Hold;
            t.resume = None;
            t.stopped = Some(Stopped {
                kind,
                stack,
                reported: report || quiet,
            });
        }
        stub.shared.changed.notify_all();
        loop {
            if let Some(ended) = s.ended {
                if let Some(t) = s.threads.get_mut(&self.tid) {
                    t.stopped = None;
                }
                stub.shared.changed.notify_all();
                return (after_end(ended), None);
            }
            let Some(t) = s.threads.get_mut(&self.tid) else {
                return (ResumeAction::Continue, None);
            };
            if let Some(request) = t.request.take() {
                t.reply = Some(answer(stop, request));
                stub.shared.changed.notify_all();
                continue;
            }
            if let Some(action) = t.resume.take() {
                t.stopped = None;
                stub.shared.changed.notify_all();
                return (action, None);
            }
            s = stub.wait(s, IDLE_WAIT);
        }
    }
}

/// Every other thread stays where it is, or stops at its next site.
fn hold_others(s: &mut Session, tid: u32) {
    for (&other, t) in s.threads.iter_mut() {
        if other != tid {
            t.want = Want::Hold;
            if t.stopped.is_none() {
                t.handle.pause();
            }
        }
    }
}

/// Answers a question about the stopped state, on the stopped thread.
fn answer(stop: &mut Stop<'_>, request: Request) -> Reply {
    match request {
        Request::Local { frame, index } => {
            let frames = stop_frames(stop);
            Reply::Value(frames.get(frame as usize).and_then(|&((func, _), fp)| {
                stop.frame_locals(func, fp).get(index as usize).copied()
            }))
        }
        Request::Global { index } => Reply::Value(stop.global(index)),
        Request::Stack { frame, index } => {
            // Only the innermost frame's operand stack is known (callers' are below their
            // call, in registers and slots the call saved).
            let stack = if frame == 0 { stop.stack() } else { Vec::new() };
            let top = stack.len().checked_sub(1 + index as usize);
            Reply::Value(top.map(|i| stack[i]))
        }
        Request::Read { offset, len } => {
            let memory = stop.memory(0).unwrap_or_default();
            let from = (offset as usize).min(memory.len());
            let n = (memory.len() - from).min(len);
            Reply::Bytes(memory[from..from + n].to_vec())
        }
        Request::Write { offset, data } => {
            let memory = stop.memory(0).unwrap_or_default();
            let from = offset as usize;
            match memory.get_mut(from..from + data.len()) {
                Some(dst) => {
                    dst.copy_from_slice(&data);
                    Reply::Written(true)
                }
                None => Reply::Written(false),
            }
        }
    }
}
