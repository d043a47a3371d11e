//! Defines the `wasi_snapshot_preview1` functions in a [`Linker`].

use super::errno::Errno;
use super::memory::GuestMemory;
use super::{I32Exit, WasiCtx};
use crate::{Caller, Error, Extern, Linker, Result};

/// The import module name of WASI preview 1.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// A flags or enum argument that WASI declares narrower than the `i32` it is passed in
/// (`EINVAL` if it does not fit, rather than cutting it to something else).
fn narrow<T: TryFrom<u32>>(value: u32) -> Result<T, Errno> {
    T::try_from(value).map_err(|_| Errno::Inval)
}

/// Runs `f` with the context and the guest's memory (its export `memory`, as WASI requires),
/// returning the errno the guest gets.
fn with_memory<T, G>(
    caller: &mut Caller<'_, T>,
    get: G,
    f: impl FnOnce(&mut WasiCtx, &mut GuestMemory<'_>) -> Result<(), Errno>,
) -> Result<i32>
where
    G: Fn(&mut T) -> &mut WasiCtx,
{
    let Some(Extern::Memory(memory)) = caller.get_export("memory") else {
        return Err(Error::msg(
            "a WASI function was called by a module that exports no memory named `memory`",
        ));
    };
    let (bytes, data) = memory.data_and_store_mut(caller);
    let mut mem = GuestMemory::new(bytes);
    Ok(match f(get(data), &mut mem) {
        Ok(()) => 0,
        Err(e) => e.code(),
    })
}

/// Runs `f` with the context alone (for calls that take no pointers).
fn with_ctx<T, G>(
    caller: &mut Caller<'_, T>,
    get: G,
    f: impl FnOnce(&mut WasiCtx) -> Result<(), Errno>,
) -> Result<i32>
where
    G: Fn(&mut T) -> &mut WasiCtx,
{
    Ok(match f(get(caller.data_mut())) {
        Ok(()) => 0,
        Err(e) => e.code(),
    })
}

/// Defines every function of `wasi_snapshot_preview1` in `linker`; `get` finds the
/// [`WasiCtx`] in the store's data.
pub fn add_to_linker<T: 'static, G>(linker: &mut Linker<T>, get: G) -> Result<()>
where
    G: Fn(&mut T) -> &mut WasiCtx + Copy + Send + Sync + 'static,
{
    // Each entry: name(params) with memory => body, or without memory.
    macro_rules! define {
        ($( $name:ident ( $($arg:ident : $ty:ty),* ) $kind:ident |$ctx:ident $(, $mem:ident)?| $body:expr; )*) => {$(
            linker.func_wrap(
                MODULE,
                stringify!($name),
                move |mut caller: Caller<'_, T>, $($arg: $ty),*| -> Result<i32> {
                    define!(@call $kind, caller, |$ctx $(, $mem)?| $body)
                },
            )?;
        )*};
        (@call mem, $caller:ident, |$ctx:ident, $mem:ident| $body:expr) => {
            with_memory(&mut $caller, get, |$ctx, $mem| $body)
        };
        (@call ctx, $caller:ident, |$ctx:ident| $body:expr) => {
            with_ctx(&mut $caller, get, |$ctx| $body)
        };
    }

    define! {
        args_get(argv: u32, buf: u32) mem |c, m| c.args_get(m, argv, buf);
        args_sizes_get(count: u32, size: u32) mem |c, m| c.args_sizes_get(m, count, size);
        environ_get(environ: u32, buf: u32) mem |c, m| c.environ_get(m, environ, buf);
        environ_sizes_get(count: u32, size: u32) mem |c, m| c.environ_sizes_get(m, count, size);
        clock_res_get(id: u32, out: u32) mem |c, m| c.clock_res_get(m, id, out);
        clock_time_get(id: u32, _precision: u64, out: u32) mem |c, m| c.clock_time_get(m, id, out);
        fd_advise(fd: u32, offset: u64, len: u64, advice: u32) ctx |c| c.fd_advise(fd, offset, len, narrow(advice)?);
        fd_allocate(fd: u32, offset: u64, len: u64) ctx |c| c.fd_allocate(fd, offset, len);
        fd_close(fd: u32) ctx |c| c.fd_close(fd);
        fd_datasync(fd: u32) ctx |c| c.fd_sync(fd, true);
        fd_fdstat_get(fd: u32, out: u32) mem |c, m| c.fd_fdstat_get(m, fd, out);
        fd_fdstat_set_flags(fd: u32, flags: u32) ctx |c| c.fd_fdstat_set_flags(fd, narrow(flags)?);
        fd_fdstat_set_rights(fd: u32, _base: u64, _inheriting: u64) ctx |c| c.fd_fdstat_set_rights(fd);
        fd_filestat_get(fd: u32, out: u32) mem |c, m| c.fd_filestat_get(m, fd, out);
        fd_filestat_set_size(fd: u32, size: u64) ctx |c| c.fd_filestat_set_size(fd, size);
        fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, flags: u32) ctx |c| c.fd_filestat_set_times(fd, atim, mtim, narrow(flags)?);
        fd_pread(fd: u32, iovs: u32, len: u32, offset: u64, out: u32) mem |c, m| c.fd_pread(m, fd, iovs, len, offset, out);
        fd_prestat_get(fd: u32, out: u32) mem |c, m| c.fd_prestat_get(m, fd, out);
        fd_prestat_dir_name(fd: u32, path: u32, len: u32) mem |c, m| c.fd_prestat_dir_name(m, fd, path, len);
        fd_pwrite(fd: u32, iovs: u32, len: u32, offset: u64, out: u32) mem |c, m| c.fd_pwrite(m, fd, iovs, len, offset, out);
        fd_read(fd: u32, iovs: u32, len: u32, out: u32) mem |c, m| c.fd_read(m, fd, iovs, len, out);
        fd_readdir(fd: u32, buf: u32, len: u32, cookie: u64, out: u32) mem |c, m| c.fd_readdir(m, fd, buf, len, cookie, out);
        fd_renumber(fd: u32, to: u32) ctx |c| c.fd_renumber(fd, to);
        fd_seek(fd: u32, offset: i64, whence: u32, out: u32) mem |c, m| c.fd_seek(m, fd, offset, narrow(whence)?, out);
        fd_sync(fd: u32) ctx |c| c.fd_sync(fd, false);
        fd_tell(fd: u32, out: u32) mem |c, m| c.fd_tell(m, fd, out);
        fd_write(fd: u32, iovs: u32, len: u32, out: u32) mem |c, m| c.fd_write(m, fd, iovs, len, out);
        path_create_directory(fd: u32, path: u32, len: u32) mem |c, m| c.path_create_directory(m, fd, path, len);
        path_filestat_get(fd: u32, flags: u32, path: u32, len: u32, out: u32) mem |c, m| c.path_filestat_get(m, fd, flags, path, len, out);
        path_filestat_set_times(fd: u32, flags: u32, path: u32, len: u32, atim: u64, mtim: u64, fst: u32) mem |c, m| c.path_filestat_set_times(m, fd, flags, path, len, atim, mtim, narrow(fst)?);
        path_link(old_fd: u32, old_flags: u32, old: u32, old_len: u32, new_fd: u32, new: u32, new_len: u32) mem |c, m| c.path_link(m, old_fd, old_flags, old, old_len, new_fd, new, new_len);
        path_open(fd: u32, lookup: u32, path: u32, len: u32, oflags: u32, base: u64, _inheriting: u64, fdflags: u32, out: u32) mem |c, m| c.path_open(m, fd, lookup, path, len, narrow(oflags)?, base, narrow(fdflags)?, out);
        path_readlink(fd: u32, path: u32, len: u32, buf: u32, buf_len: u32, out: u32) mem |c, m| c.path_readlink(m, fd, path, len, buf, buf_len, out);
        path_remove_directory(fd: u32, path: u32, len: u32) mem |c, m| c.path_remove_directory(m, fd, path, len);
        path_rename(fd: u32, old: u32, old_len: u32, new_fd: u32, new: u32, new_len: u32) mem |c, m| c.path_rename(m, fd, old, old_len, new_fd, new, new_len);
        path_symlink(old: u32, old_len: u32, fd: u32, new: u32, new_len: u32) mem |c, m| c.path_symlink(m, old, old_len, fd, new, new_len);
        path_unlink_file(fd: u32, path: u32, len: u32) mem |c, m| c.path_unlink_file(m, fd, path, len);
        poll_oneoff(subs: u32, events: u32, n: u32, out: u32) mem |c, m| c.poll_oneoff(m, subs, events, n, out);
        proc_raise(_sig: u32) ctx |_c| Err(Errno::Notsup);
        sched_yield() ctx |_c| {
            std::thread::yield_now();
            Ok(())
        };
        random_get(buf: u32, len: u32) mem |c, m| c.random_get(m, buf, len);
        sock_accept(fd: u32, _flags: u32, _out: u32) ctx |c| c.not_a_socket(fd);
        sock_recv(fd: u32, _data: u32, _len: u32, _flags: u32, _out: u32, _out_flags: u32) ctx |c| c.not_a_socket(fd);
        sock_send(fd: u32, _data: u32, _len: u32, _flags: u32, _out: u32) ctx |c| c.not_a_socket(fd);
        sock_shutdown(fd: u32, _how: u32) ctx |c| c.not_a_socket(fd);
    }

    // Ends the run: the error unwinds the guest to the embedder, who reads the code with
    // `wasi::exit_code`.
    linker.func_wrap(MODULE, "proc_exit", |code: i32| -> Result<()> {
        Err(Error::Host(Box::new(I32Exit(code))))
    })?;
    Ok(())
}
