//! Part of the `breakwater` program: `run -g PORT`, the program served to LLDB.

use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::thread::JoinHandle;

use breakwater::gdb::{GdbStub, ServeError, SessionEnd};
use breakwater::{Instance, Module, Store};

use crate::RunError;

/// A program under LLDB: the stub and the thread serving it.
pub struct Session {
    stub: GdbStub,
    server: JoinHandle<Result<SessionEnd, ServeError>>,
}

impl Session {
    /// Listens on 127.0.0.1:`port`, waits for LLDB, and serves it on another thread. The
    /// instance is LLDB's thread 1, and stops at its first stop point when it runs.
    pub fn start<T>(
        file: &Path,
        port: u16,
        store: &mut Store<T>,
        instance: &Instance,
        module: &Module,
    ) -> Result<Session, String> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let name = file.file_name().map_or_else(
            || "module.wasm".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        let stub = GdbStub::new();
        stub.add_instance(&mut *store, instance, module, &name)
            .map_err(|e| format!("cannot debug {}: {e}", file.display()))?;
        eprintln!(
            "breakwater: waiting for LLDB on 127.0.0.1:{port} \
             (process connect --plugin wasm connect://127.0.0.1:{port})"
        );
        let _ = std::io::stderr().flush();
        let (stream, peer) = listener
            .accept()
            .map_err(|e| format!("cannot accept a debugger on port {port}: {e}"))?;
        eprintln!("breakwater: debugger connected from {peer}");
        let server = {
            let stub = stub.clone();
            std::thread::Builder::new()
                .name("gdb-remote".into())
                .spawn(move || stub.serve_stream(stream))
                .map_err(|e| format!("cannot start the debugger thread: {e}"))?
        };
        Ok(Session { stub, server })
    }

    /// The program is done: LLDB is told its exit code (if it is still attached), and the
    /// session ends. A program LLDB killed ends with that error.
    pub fn finish(self, result: Result<(), RunError>) -> Result<(), RunError> {
        if self.stub.ended() == Some(SessionEnd::Killed) {
            return Err(RunError::Other("the debugger killed the program".into()));
        }
        self.stub.exit(crate::exit_code(&result));
        match self.server.join() {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => eprintln!("breakwater: debugger connection: {e}"),
            Err(_) => eprintln!("breakwater: the debugger thread failed"),
        }
        result
    }
}
