//! WASI preview 1 (`wasi_snapshot_preview1`) for programs compiled for `wasm32-wasip1`.
//!
//! Written over `std` and `cap-std` rather than taken from a crate: the preview 1
//! implementations that exist are tied to their engines (`wasmtime-wasi` to wasmtime's
//! component resources and stores, `wasmer-wasix` to wasmer) or, like `wasi-common`, no
//! longer maintained (wasmtime deleted it in 2026). `cap-std` does the part that is easy to
//! get wrong: every path is resolved inside a preopened directory, so `..`, absolute paths and
//! symlinks cannot leave it.
//!
//! Capabilities: the guest sees the directories given with [`WasiCtxBuilder::preopened_dir`],
//! the environment variables given with [`WasiCtxBuilder::env`] (or all of the host's with
//! [`WasiCtxBuilder::inherit_env`]), the arguments given, and the standard streams it is given.
//!
//! ```no_run
//! use breakwater::wasi::{self, WasiCtx, WasiCtxBuilder};
//! use breakwater::{Engine, Linker, Module, Store};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let engine = Engine::default();
//! let module = Module::new(&engine, std::fs::read("prog.wasm")?)?;
//! let ctx = WasiCtxBuilder::new()
//!     .args(["prog.wasm", "input.txt"])
//!     .env("LANG", "C")
//!     .preopened_dir("data", ".")?
//!     .inherit_stdio()
//!     .build();
//! let mut store = Store::new(&engine, ctx);
//! let mut linker = Linker::new(&engine);
//! wasi::add_to_linker(&mut linker, |ctx: &mut WasiCtx| ctx)?;
//! let instance = linker.instantiate(&mut store, &module)?;
//! let start = instance.get_typed_func::<(), ()>(&mut store, "_start")?;
//! match start.call(&mut store, ()) {
//!     Ok(()) => {}
//!     Err(e) => match wasi::exit_code(&e) {
//!         Some(code) => std::process::exit(code),
//!         None => return Err(e.into()),
//!     },
//! }
//! # Ok(())
//! # }
//! ```

mod abi;
mod errno;
// The calls take what WASI's functions take: many arguments.
#[allow(clippy::too_many_arguments)]
mod fd;
mod link;
mod memory;
mod misc;
#[allow(clippy::too_many_arguments)]
mod path;
mod poll;
mod table;
#[cfg(test)]
mod tests;

use std::ffi::OsStr;
use std::fs::File;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

pub use errno::Errno;
pub use link::{add_to_linker, MODULE};

use table::{Descriptor, OpenDir, Stream, Table};

/// The state of one WASI program: its arguments, environment, and file descriptors.
pub struct WasiCtx {
    args: Vec<Vec<u8>>,
    env: Vec<Vec<u8>>,
    table: Table,
}

impl std::fmt::Debug for WasiCtx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "WasiCtx({} args, {} env)",
            self.args.len(),
            self.env.len()
        )
    }
}

/// Builds a [`WasiCtx`]. Nothing is given to the guest that is not asked for here.
#[derive(Default)]
pub struct WasiCtxBuilder {
    args: Vec<Vec<u8>>,
    env: Vec<Vec<u8>>,
    stdio: [Option<File>; 3],
    preopens: Vec<(cap_std::fs::Dir, String)>,
}

impl std::fmt::Debug for WasiCtxBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WasiCtxBuilder({} preopens)", self.preopens.len())
    }
}

impl WasiCtxBuilder {
    /// A builder giving nothing: no arguments, environment, streams or directories.
    pub fn new() -> WasiCtxBuilder {
        WasiCtxBuilder::default()
    }

    /// Appends an argument (the first is the program's name).
    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Self {
        self.args.push(arg.as_ref().as_bytes().to_vec());
        self
    }

    /// Appends arguments.
    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&mut self, args: I) -> &mut Self {
        for a in args {
            self.arg(a);
        }
        self
    }

    /// Sets environment variable `name` to `value`.
    pub fn env(&mut self, name: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        let name = name.as_ref().as_bytes();
        self.env
            .retain(|e| !(e.starts_with(name) && e.get(name.len()) == Some(&b'=')));
        let mut entry = name.to_vec();
        entry.push(b'=');
        entry.extend_from_slice(value.as_ref().as_bytes());
        self.env.push(entry);
        self
    }

    /// Gives the guest every environment variable of this process.
    pub fn inherit_env(&mut self) -> &mut Self {
        for (name, value) in std::env::vars_os() {
            self.env(name, value);
        }
        self
    }

    /// Gives the guest this process's standard input, output and error (duplicated
    /// descriptors: nothing is buffered between the guest and them).
    pub fn inherit_stdio(&mut self) -> &mut Self {
        for fd in 0..3 {
            self.stdio[fd] = dup_stdio(fd as i32);
        }
        self
    }

    /// Standard input reads from `file` (a file or a pipe).
    pub fn stdin(&mut self, file: File) -> &mut Self {
        self.stdio[0] = Some(file);
        self
    }

    /// Standard output writes to `file`.
    pub fn stdout(&mut self, file: File) -> &mut Self {
        self.stdio[1] = Some(file);
        self
    }

    /// Standard error writes to `file`.
    pub fn stderr(&mut self, file: File) -> &mut Self {
        self.stdio[2] = Some(file);
        self
    }

    /// Gives the guest the host directory `host` as `guest` (e.g. `/`, `.`, `/data`): the
    /// guest can reach what is under it and nothing else. Fails if `host` is not a directory.
    pub fn preopened_dir(
        &mut self,
        host: impl AsRef<Path>,
        guest: impl Into<String>,
    ) -> io::Result<&mut Self> {
        let dir = cap_std::fs::Dir::open_ambient_dir(host, cap_std::ambient_authority())?;
        self.preopens.push((dir, guest.into()));
        Ok(self)
    }

    /// The context: descriptors 0-2 are the standard streams, the preopened directories
    /// follow from 3 in the order they were given. The builder is left empty.
    pub fn build(&mut self) -> WasiCtx {
        let mut table = Table::default();
        for (fd, file) in std::mem::take(&mut self.stdio).into_iter().enumerate() {
            if let Some(file) = file {
                let stream = Stream {
                    file,
                    readable: fd == 0,
                    writable: fd != 0,
                };
                table.insert_at(fd as u32, Descriptor::Stream(stream));
            }
        }
        for (i, (dir, guest)) in std::mem::take(&mut self.preopens).into_iter().enumerate() {
            let open = OpenDir {
                dir,
                preopen: Some(guest),
            };
            table.insert_at(3 + i as u32, Descriptor::Dir(open));
        }
        WasiCtx {
            args: std::mem::take(&mut self.args),
            env: std::mem::take(&mut self.env),
            table,
        }
    }
}

/// A duplicate of standard stream `fd`, or `None` if this process does not have it open.
fn dup_stdio(fd: i32) -> Option<File> {
    use std::os::fd::{AsFd, BorrowedFd};
    // SAFETY: 0-2 are the process's standard streams; borrowing one only for the duration of
    // `try_clone_to_owned` is sound as long as it is open, which `fcntl` checks first.
    unsafe {
        if libc::fcntl(fd, libc::F_GETFD) == -1 {
            return None;
        }
        let borrowed = BorrowedFd::borrow_raw(fd);
        borrowed.as_fd().try_clone_to_owned().ok().map(File::from)
    }
}

/// The guest called `proc_exit(code)`: the error that ends its run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I32Exit(pub i32);

impl std::fmt::Display for I32Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exited with code {}", self.0)
    }
}

impl std::error::Error for I32Exit {}

/// The exit code if `error` is a guest's `proc_exit`.
pub fn exit_code(error: &crate::Error) -> Option<i32> {
    match error {
        crate::Error::Host(e) => e.downcast_ref::<I32Exit>().map(|e| e.0),
        _ => None,
    }
}
