//! The protocol loop: packets in, stops and exits out, until LLDB detaches or kills, or the
//! program exits.

use alloc::format;
use alloc::string::String;

use gdbstub::common::Signal;
use gdbstub::common::Tid;
use gdbstub::conn::ConnectionExt;
use gdbstub::stub::state_machine::GdbStubStateMachine;
use gdbstub::stub::{DisconnectReason, GdbStubBuilder, MultiThreadStopReason};
use gdbstub_arch::wasm::reg::id::WasmRegId;

use super::target::GdbTarget;
use super::{Debuggee, Event, StopKind};
use crate::TrapKind;

/// How long the loop waits for a stop before it looks at the connection again (an interrupt
/// arrives as a byte while the program runs).
const POLL_MS: u32 = 10;

/// Large enough for LLDB to read module bytes and memory in big chunks.
const PACKET_BUFFER: usize = 0x10000;

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// LLDB detached (or closed the connection): the program runs on, undebugged.
    Detached,
    /// LLDB killed the program: every call was aborted.
    Killed,
    /// The program exited with this code while LLDB watched.
    Exited(u8),
}

/// A protocol or connection failure (the session is over; the debuggee was detached).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServeError(pub String);

impl core::fmt::Display for ServeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The signal LLDB shows for a stop.
pub(super) fn signal_of(kind: StopKind) -> Signal {
    match kind {
        StopKind::Breakpoint | StopKind::Step | StopKind::Watch { .. } => Signal::SIGTRAP,
        StopKind::Interrupt => Signal::SIGINT,
        StopKind::Trap(TrapKind::IntegerDivideByZero | TrapKind::IntegerOverflow) => Signal::SIGFPE,
        StopKind::Trap(TrapKind::MemoryOutOfBounds | TrapKind::StackOverflow) => Signal::SIGSEGV,
        StopKind::Trap(_) => Signal::SIGILL,
    }
}

/// Serves LLDB over `conn` until the session ends. The debuggee must be stopped when this is
/// called (LLDB's first question is where it stopped). On every way out, including errors, the
/// debuggee is left killed, detached or exited, never stopped.
pub fn serve<D: Debuggee, C: ConnectionExt>(debuggee: &D, conn: C) -> Result<Ended, ServeError>
where
    C::Error: core::fmt::Debug,
{
    let result = run(debuggee, conn);
    if result.is_err() {
        debuggee.detach();
    }
    result
}

pub(super) fn fail(e: impl core::fmt::Debug) -> ServeError {
    ServeError(format!("gdb-remote: {e:?}"))
}

fn run<D: Debuggee, C: ConnectionExt>(debuggee: &D, conn: C) -> Result<Ended, ServeError>
where
    C::Error: core::fmt::Debug,
{
    let mut target = GdbTarget::new(debuggee);
    let stub = GdbStubBuilder::new(conn)
        .packet_buffer_size(PACKET_BUFFER)
        .build()
        .map_err(fail)?;
    let mut gdb = stub.run_state_machine(&mut target).map_err(fail)?;
    loop {
        gdb = match gdb {
            GdbStubStateMachine::Idle(mut g) => {
                let byte = g.borrow_conn().read().map_err(fail)?;
                g.incoming_data(&mut target, byte).map_err(fail)?
            }
            GdbStubStateMachine::Running(mut g) => {
                if g.borrow_conn().peek().map_err(fail)?.is_some() {
                    let byte = g.borrow_conn().read().map_err(fail)?;
                    g.incoming_data(&mut target, byte).map_err(fail)?
                } else {
                    match debuggee.wait(POLL_MS) {
                        None => g.into(),
                        Some(Event::Exited(code)) => g
                            .report_stop(&mut target, MultiThreadStopReason::Exited(code))
                            .map_err(fail)?,
                        Some(Event::Stopped { tid, kind }) => {
                            let Some(thread) = Tid::new(tid as usize) else {
                                return Err(ServeError(format!("bad thread id {tid}")));
                            };
                            let reason = match kind {
                                StopKind::Breakpoint => MultiThreadStopReason::SwBreak(thread),
                                StopKind::Watch { kind, addr } => MultiThreadStopReason::Watch {
                                    tid: thread,
                                    kind,
                                    addr,
                                },
                                _ => MultiThreadStopReason::SignalWithThread {
                                    tid: thread,
                                    signal: signal_of(kind),
                                },
                            };
                            // LLDB's Wasm plug-in needs the PC in every stop reply.
                            let pc = target.pc(tid).to_le_bytes();
                            let mut regs = core::iter::once((WasmRegId::Pc, &pc[..]));
                            g.report_stop_with_regs(&mut target, reason, &mut regs)
                                .map_err(fail)?
                        }
                    }
                }
            }
            GdbStubStateMachine::CtrlCInterrupt(g) => {
                debuggee.interrupt();
                // The stop is reported when the running code reaches its next site.
                g.interrupt_handled(&mut target, None::<MultiThreadStopReason<u64>>)
                    .map_err(fail)?
            }
            GdbStubStateMachine::Disconnected(g) => {
                return Ok(match g.get_reason() {
                    DisconnectReason::TargetExited(code) => Ended::Exited(code),
                    DisconnectReason::TargetTerminated(_) | DisconnectReason::Kill => {
                        debuggee.kill();
                        Ended::Killed
                    }
                    DisconnectReason::Disconnect => {
                        debuggee.detach();
                        Ended::Detached
                    }
                });
            }
        }
    }
}
