//! `debug FD ARTIFACT FUNC [ARG...]`: calls an exported function of a debug artifact with a
//! gdb-remote debugger (LLDB's Wasm plug-in, or any client of its packets) on descriptor FD
//! (a socket or pipe the embedder opened: here, inherited), stopped at its first stop point.
//! The stub runs on this one thread, inside the instance's stops (`gdb::InlineStub`). Prints
//! the call's result as the script does (`ok VALUE...` or `trap KIND`), then how the session
//! ended.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use breakwater_core::debug::Debugger;
use breakwater_core::gdb::{Connection, ConnectionExt, InlineHook, InlineStub, SharedInlineStub};
use breakwater_core::runtime::{compile, Extern, Store};
use breakwater_core::{artifact, ValType};

use crate::code::MappedCode;
use crate::{io, outln, script, sys};

/// A gdb-remote connection over a descriptor: reads buffered, writes gathered until a flush.
pub struct FdConn {
    fd: i32,
    input: Vec<u8>,
    next: usize,
    output: Vec<u8>,
}

impl FdConn {
    fn new(fd: i32) -> FdConn {
        FdConn {
            fd,
            input: Vec::new(),
            next: 0,
            output: Vec::new(),
        }
    }

    /// Refills the input buffer (waits for input): false at the end of the stream.
    fn fill(&mut self) -> Result<bool, sys::Errno> {
        let mut buf = [0u8; 4096];
        loop {
            match sys::read(self.fd, &mut buf) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.input.clear();
                    self.input.extend_from_slice(&buf[..n]);
                    self.next = 0;
                    return Ok(true);
                }
                Err(sys::Errno(4)) => {} // EINTR
                Err(e) => return Err(e),
            }
        }
    }
}

impl Connection for FdConn {
    type Error = sys::Errno;

    fn write(&mut self, byte: u8) -> Result<(), sys::Errno> {
        self.output.push(byte);
        Ok(())
    }

    fn write_all(&mut self, buf: &[u8]) -> Result<(), sys::Errno> {
        self.output.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> Result<(), sys::Errno> {
        let out = core::mem::take(&mut self.output);
        sys::write_all(self.fd, &out)
    }
}

impl ConnectionExt for FdConn {
    fn read(&mut self) -> Result<u8, sys::Errno> {
        if self.next == self.input.len() && !self.fill()? {
            return Err(sys::Errno(104)); // ECONNRESET: the debugger went away
        }
        self.next += 1;
        Ok(self.input[self.next - 1])
    }

    fn peek(&mut self) -> Result<Option<u8>, sys::Errno> {
        if self.next == self.input.len() && (!sys::readable(self.fd)? || !self.fill()?) {
            return Ok(None);
        }
        Ok(Some(self.input[self.next]))
    }
}

fn parse_arg(ty: ValType, text: &str) -> Option<u64> {
    Some(match ty {
        ValType::I32 => text.parse::<i32>().ok()? as u32 as u64,
        ValType::I64 => text.parse::<i64>().ok()? as u64,
        ValType::F32 => text.parse::<f32>().ok()?.to_bits() as u64,
        ValType::F64 => text.parse::<f64>().ok()?.to_bits(),
        ValType::FuncRef | ValType::ExternRef => return None,
    })
}

pub fn run(fd: i32, path: &str, func: &str, args: &[&str]) -> i32 {
    match debug(fd, path, func, args) {
        Ok(()) => 0,
        Err(message) => {
            io::error(&message);
            2
        }
    }
}

fn debug(fd: i32, path: &str, func: &str, args: &[&str]) -> Result<(), String> {
    let fail = |e: &dyn core::fmt::Display| alloc::format!("{path}: {e}");
    let bytes = io::read_file(path.as_bytes())
        .map_err(|e| alloc::format!("cannot read {path}: errno {}", e.0))?;
    let artifact = artifact::read(&bytes).map_err(|e| fail(&e))?;
    let engine = artifact::engine(&artifact, &MappedCode).map_err(|e| fail(&e))?;
    let module = artifact::load(&engine, artifact, &MappedCode, &compile::Sequential)
        .map_err(|e| fail(&e))?;
    if module.debug.is_none() {
        return Err(fail(
            &"not compiled for debugging: compile it with `breakwater compile --debug`",
        ));
    }
    check_fd(fd)?;
    let mut store = Store::new(&engine);
    let id = store
        .instantiate(&module, &[])
        .map_err(|e| alloc::format!("{path}: cannot instantiate: {e:?}"))?;
    let Some(Extern::Func(f)) = store.export(id, func) else {
        return Err(alloc::format!("{path}: no exported function {func:?}"));
    };
    let ty = store.func_type(f).ok_or("no function type")?;
    let bits: Option<Vec<u64>> = ty
        .params
        .iter()
        .zip(args)
        .map(|(&t, a)| parse_arg(t, a))
        .collect();
    let bits = bits
        .filter(|b| b.len() == ty.params.len())
        .ok_or("bad arguments: give one number per parameter")?;

    let slot: SharedInlineStub<FdConn> = Arc::new(spin::Mutex::new(None));
    let vmctx = store.instance(id).vmctx();
    // SAFETY: `vmctx` is the live instance `id` of `module`, owned by `store`; the debugger is
    // detached before the store is dropped, its state is kept until after, and the box stays
    // where it is.
    let debugger =
        unsafe { Debugger::attach(module.clone(), vmctx, Box::new(InlineHook(slot.clone()))) };
    let state = debugger.state().clone();
    let stub = InlineStub::new(FdConn::new(fd), module.clone(), path, state.clone())
        .map_err(|e| fail(&e))?;
    *slot.lock() = Some(stub);

    let result = store.call(f, &bits);
    match &result {
        Ok(values) => {
            let mut line = String::from("ok");
            for (&t, &v) in ty.results.iter().zip(values) {
                line.push(' ');
                line.push_str(&script::format_value(&store, t, v));
            }
            io::line(&line);
        }
        Err(trap) => outln!("trap {:?}", trap.kind),
    }
    let code = if result.is_ok() { 0 } else { 1 };
    let mut stub = slot.lock().take().ok_or("the stub is gone")?;
    let ended = stub.exited(code);
    // The first error of the session (its message starts with "gdb-remote:").
    let error = stub.error().map(|e| {
        // `FdConn::read` reports the end of the stream as ECONNRESET.
        let why = if e.0.contains("Errno(104)") {
            ": the debugger closed the connection"
        } else {
            ""
        };
        alloc::format!("{e}{why} (debugger connection on fd {fd})")
    });
    outln!("session {:?}", ended);
    debugger.detach();
    drop(debugger);
    drop(store);
    drop(state);
    error.map_or(Ok(()), Err)
}

/// Checks that `fd` can serve the debugger: open, and not stdout/stderr (where results and
/// errors go). Standard input is fine: `debug` reads nothing else from it.
fn check_fd(fd: i32) -> Result<(), String> {
    if fd == 1 || fd == 2 {
        return Err(alloc::format!(
            "FD {fd} is standard {}: give a connected socket (e.g. standard input, 0)",
            if fd == 1 {
                "output, where results go"
            } else {
                "error"
            }
        ));
    }
    sys::check_open(fd).map_err(|e| {
        alloc::format!(
            "descriptor {fd} cannot serve the debugger: errno {}{}",
            e.0,
            if e.0 == 9 { " (not open)" } else { "" }
        )
    })
}
