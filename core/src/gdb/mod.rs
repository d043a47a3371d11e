//! A gdb-remote stub for LLDB's WebAssembly plug-in (`process connect --plugin wasm`), built on
//! the `gdbstub` crate and its `wasm` extension. Transport-agnostic and `no_std`: [`serve`] runs
//! the protocol over any [`gdbstub::conn::ConnectionExt`] (a TCP socket on a desktop host, a
//! serial line in a kernel) against a [`Debuggee`], which the host implements over the
//! debugger API (its threads, stops and locks are the host's).
//!
//! LLDB's address space is synthetic (see `gdbstub_arch::wasm::addr`): a program counter is an
//! offset into the original module file in space 1 (module id in bits 61..32), and linear
//! memory is space 0 (memory id = the module id of the frame's module). Code and DWARF are read
//! from the module's own bytes, which the compiled module keeps.
//!
//! A host with no thread to spare serves one instance from its own stops instead
//! ([`InlineStub`]: a kernel's or a freestanding host's debug monitor).

mod frames;
mod inline;
mod serve;
mod target;

pub use frames::{stop_call_stack, stop_frames};
pub use gdbstub::conn::{Connection, ConnectionExt};
pub use gdbstub::target::ext::breakpoints::WatchKind;
pub use gdbstub_arch::wasm::addr::{WasmAddr, WasmAddrType};
pub use inline::{InlineHook, InlineStub, SharedInlineStub};
pub use serve::{serve, Ended, ServeError};

use alloc::string::String;
use alloc::vec::Vec;

use crate::debug::Value;
use crate::TrapKind;

/// Why a thread stopped, as the protocol reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopKind {
    /// A breakpoint LLDB set.
    Breakpoint,
    /// A single step ended.
    Step,
    /// An interrupt (Ctrl-C) or the stop of another thread paused it.
    Interrupt,
    /// A trap, before it unwinds.
    Trap(TrapKind),
    /// A watchpoint: an access of this kind to the watched range starting at `addr` (a
    /// [`WasmAddr`] in linear memory) has just run.
    Watch {
        /// Read, write or either.
        kind: WatchKind,
        /// The watchpoint's address, as LLDB gave it.
        addr: u64,
    },
}

/// What the debuggee reports while it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Thread `tid` stopped (every other thread is stopped, or will be at its next site).
    Stopped {
        /// The thread (LLDB thread ids start at 1).
        tid: u32,
        /// Why.
        kind: StopKind,
    },
    /// The program exited with this code.
    Exited(u8),
}

/// How LLDB resumes one thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    /// Run on.
    Continue,
    /// Stop at the next stop point (Breakwater's single step).
    Step,
    /// Stay stopped.
    Stay,
}

/// What a gdb-remote stub needs of a running Wasm program: modules, threads (one per debugged
/// instance), the stopped state and how to resume. Methods that read a thread's state may wait
/// for it to stop (a pause is pending for every running thread while the target is stopped).
pub trait Debuggee {
    /// The name of the module with id `module`.
    fn module_name(&self, module: u32) -> Option<String>;
    /// Copies the original bytes (code, DWARF) of module `module` from `offset` into `buf`:
    /// how many (0 past the end), `None` if there is no such module.
    fn read_module(&self, module: u32, offset: u32, buf: &mut [u8]) -> Option<usize>;
    /// How many modules there are (ids `0..n`).
    fn module_count(&self) -> u32;
    /// The threads, in order (ids >= 1).
    fn threads(&self) -> Vec<u32>;
    /// The program counters of thread `tid`'s frames, innermost first, as [`WasmAddr`]s: the
    /// stop's instruction, then each caller's return address. Empty if it is not in Wasm.
    fn call_stack(&self, tid: u32) -> Vec<u64>;
    /// Local `index` of frame `frame` (0: innermost) of thread `tid`.
    fn local(&self, tid: u32, frame: u32, index: u32) -> Option<Value>;
    /// Global `index` of the module of frame `frame`.
    fn global(&self, tid: u32, frame: u32, index: u32) -> Option<Value>;
    /// Operand-stack value `index` (0: top) of frame `frame`.
    fn stack_value(&self, tid: u32, frame: u32, index: u32) -> Option<Value>;
    /// Reads linear memory `memory` of thread `tid`'s instance from `offset`: bytes read.
    fn read_memory(&self, tid: u32, memory: u32, offset: u32, buf: &mut [u8]) -> usize;
    /// Writes linear memory; false if out of bounds.
    fn write_memory(&self, tid: u32, memory: u32, offset: u32, data: &[u8]) -> bool;
    /// Sets a breakpoint at `offset` of module `module` in every instance of it; false if no
    /// stop point is there.
    fn set_breakpoint(&self, module: u32, offset: u32) -> bool;
    /// Clears it; whether it was set.
    fn clear_breakpoint(&self, module: u32, offset: u32) -> bool;
    /// Watches `len` bytes of linear memory at `addr` (a [`WasmAddr`] in space 0) for accesses
    /// of `kind`; false if not supported.
    fn set_watchpoint(&self, addr: u64, len: u32, kind: WatchKind) -> bool {
        let _ = (addr, len, kind);
        false
    }
    /// Stops watching; whether it was set.
    fn clear_watchpoint(&self, addr: u64, len: u32, kind: WatchKind) -> bool {
        let _ = (addr, len, kind);
        false
    }
    /// Resumes: `action(tid)` says how, for every thread.
    fn resume(&self, action: &dyn Fn(u32) -> Resume);
    /// Asks every running thread to stop (Ctrl-C): an [`Event::Stopped`] follows.
    fn interrupt(&self);
    /// Waits up to `timeout_ms` for the next event while the target runs.
    fn wait(&self, timeout_ms: u32) -> Option<Event>;
    /// LLDB killed the program: abort every call.
    fn kill(&self);
    /// LLDB detached: clear breakpoints and let every thread run on, undebugged.
    fn detach(&self);
}

/// A shared debuggee is a debuggee ([`serve`] borrows the host's).
impl<T: Debuggee + ?Sized> Debuggee for &T {
    fn module_name(&self, module: u32) -> Option<String> {
        (**self).module_name(module)
    }
    fn read_module(&self, module: u32, offset: u32, buf: &mut [u8]) -> Option<usize> {
        (**self).read_module(module, offset, buf)
    }
    fn module_count(&self) -> u32 {
        (**self).module_count()
    }
    fn threads(&self) -> Vec<u32> {
        (**self).threads()
    }
    fn call_stack(&self, tid: u32) -> Vec<u64> {
        (**self).call_stack(tid)
    }
    fn local(&self, tid: u32, frame: u32, index: u32) -> Option<Value> {
        (**self).local(tid, frame, index)
    }
    fn global(&self, tid: u32, frame: u32, index: u32) -> Option<Value> {
        (**self).global(tid, frame, index)
    }
    fn stack_value(&self, tid: u32, frame: u32, index: u32) -> Option<Value> {
        (**self).stack_value(tid, frame, index)
    }
    fn read_memory(&self, tid: u32, memory: u32, offset: u32, buf: &mut [u8]) -> usize {
        (**self).read_memory(tid, memory, offset, buf)
    }
    fn write_memory(&self, tid: u32, memory: u32, offset: u32, data: &[u8]) -> bool {
        (**self).write_memory(tid, memory, offset, data)
    }
    fn set_breakpoint(&self, module: u32, offset: u32) -> bool {
        (**self).set_breakpoint(module, offset)
    }
    fn clear_breakpoint(&self, module: u32, offset: u32) -> bool {
        (**self).clear_breakpoint(module, offset)
    }
    fn set_watchpoint(&self, addr: u64, len: u32, kind: WatchKind) -> bool {
        (**self).set_watchpoint(addr, len, kind)
    }
    fn clear_watchpoint(&self, addr: u64, len: u32, kind: WatchKind) -> bool {
        (**self).clear_watchpoint(addr, len, kind)
    }
    fn resume(&self, action: &dyn Fn(u32) -> Resume) {
        (**self).resume(action)
    }
    fn interrupt(&self) {
        (**self).interrupt()
    }
    fn wait(&self, timeout_ms: u32) -> Option<Event> {
        (**self).wait(timeout_ms)
    }
    fn kill(&self) {
        (**self).kill()
    }
    fn detach(&self) {
        (**self).detach()
    }
}

/// A value's little-endian bytes at its width (4 or 8), as the `qWasm*` packets answer.
pub(crate) fn value_bytes(v: Value, buf: &mut [u8]) -> usize {
    let n = if v.ty.is_64() { 8 } else { 4 };
    buf[..n].copy_from_slice(&v.bits.to_le_bytes()[..n]);
    n
}

/// The code address of `offset` in module `module`.
pub fn code_addr(module: u32, offset: u32) -> u64 {
    WasmAddr::new(WasmAddrType::Object, module, offset).map_or(0, |a| a.as_raw())
}

/// The bytecode offset just after the call instruction at `offset` of `bytes` (`call` or
/// `call_indirect`): a caller frame's return address. `offset` itself if it is not a call.
pub fn after_call(bytes: &[u8], offset: u32) -> u32 {
    fn skip_leb(bytes: &[u8], mut at: usize) -> Option<usize> {
        for _ in 0..5 {
            let b = *bytes.get(at)?;
            at += 1;
            if b & 0x80 == 0 {
                return Some(at);
            }
        }
        None
    }
    let at = offset as usize;
    let end = match bytes.get(at) {
        Some(0x10) => skip_leb(bytes, at + 1),
        Some(0x11) => skip_leb(bytes, at + 1).and_then(|i| skip_leb(bytes, i)),
        _ => None,
    };
    end.map_or(offset, |e| e as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_addresses_skip_the_whole_call() {
        // call 300 (2-byte LEB), call_indirect type 1 table 0, then nop.
        let code = [0x10, 0xac, 0x02, 0x11, 0x01, 0x00, 0x01];
        assert_eq!(after_call(&code, 0), 3);
        assert_eq!(after_call(&code, 3), 6);
        assert_eq!(after_call(&code, 6), 6);
        assert_eq!(after_call(&code, 7), 7);
        assert_eq!(after_call(&[0x10, 0x80], 0), 0, "truncated: not a call");
    }

    #[test]
    fn code_addresses_are_in_space_one() {
        assert_eq!(code_addr(0, 0x27c), 0x4000_0000_0000_027c);
        assert_eq!(code_addr(2, 5), 0x4000_0002_0000_0005);
    }
}
