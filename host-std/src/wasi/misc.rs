//! Arguments, environment, clocks, randomness, scheduling, and sockets (which a host without
//! socket support only rejects).

use super::abi::clock;
use super::errno::Errno;
use super::memory::GuestMemory;
use super::table::Descriptor;
use super::WasiCtx;

/// The host clock for a WASI clock id.
fn host_clock(id: u32) -> Result<libc::clockid_t, Errno> {
    Ok(match id {
        clock::REALTIME => libc::CLOCK_REALTIME,
        clock::MONOTONIC => libc::CLOCK_MONOTONIC,
        clock::PROCESS_CPUTIME => libc::CLOCK_PROCESS_CPUTIME_ID,
        clock::THREAD_CPUTIME => libc::CLOCK_THREAD_CPUTIME_ID,
        _ => return Err(Errno::Inval),
    })
}

fn nanos(ts: libc::timespec) -> u64 {
    (ts.tv_sec as u64)
        .saturating_mul(1_000_000_000)
        .saturating_add(ts.tv_nsec as u64)
}

/// Clock `id`'s time in nanoseconds.
pub(super) fn now(id: u32) -> Result<u64, Errno> {
    let id = host_clock(id)?;
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec.
    super::fd::check(unsafe { libc::clock_gettime(id, &mut ts) })?;
    Ok(nanos(ts))
}

/// Writes a list of NUL-terminated strings the way `args_get`/`environ_get` return them.
fn write_strings(
    mem: &mut GuestMemory<'_>,
    list: &[Vec<u8>],
    ptrs: u32,
    buf: u32,
) -> Result<(), Errno> {
    let mut at = buf;
    let mut ptr = ptrs;
    for s in list {
        mem.write_u32(ptr, at)?;
        mem.write(at, s)?;
        let end = at.checked_add(s.len() as u32).ok_or(Errno::Fault)?;
        mem.write_u8(end, 0)?;
        at = end.checked_add(1).ok_or(Errno::Fault)?;
        ptr = ptr.checked_add(4).ok_or(Errno::Fault)?;
    }
    Ok(())
}

fn write_sizes(
    mem: &mut GuestMemory<'_>,
    list: &[Vec<u8>],
    count: u32,
    size: u32,
) -> Result<(), Errno> {
    let bytes: usize = list.iter().map(|s| s.len() + 1).sum();
    mem.write_u32(count, list.len() as u32)?;
    mem.write_u32(size, u32::try_from(bytes).map_err(|_| Errno::Overflow)?)
}

impl WasiCtx {
    pub(super) fn args_get(
        &self,
        mem: &mut GuestMemory<'_>,
        argv: u32,
        buf: u32,
    ) -> Result<(), Errno> {
        write_strings(mem, &self.args, argv, buf)
    }
    pub(super) fn args_sizes_get(
        &self,
        mem: &mut GuestMemory<'_>,
        count: u32,
        size: u32,
    ) -> Result<(), Errno> {
        write_sizes(mem, &self.args, count, size)
    }
    pub(super) fn environ_get(
        &self,
        mem: &mut GuestMemory<'_>,
        environ: u32,
        buf: u32,
    ) -> Result<(), Errno> {
        write_strings(mem, &self.env, environ, buf)
    }
    pub(super) fn environ_sizes_get(
        &self,
        mem: &mut GuestMemory<'_>,
        count: u32,
        size: u32,
    ) -> Result<(), Errno> {
        write_sizes(mem, &self.env, count, size)
    }

    pub(super) fn clock_res_get(
        &self,
        mem: &mut GuestMemory<'_>,
        id: u32,
        out: u32,
    ) -> Result<(), Errno> {
        let id = host_clock(id)?;
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_getres writes one timespec.
        super::fd::check(unsafe { libc::clock_getres(id, &mut ts) })?;
        mem.write_u64(out, nanos(ts).max(1))
    }

    pub(super) fn clock_time_get(
        &self,
        mem: &mut GuestMemory<'_>,
        id: u32,
        out: u32,
    ) -> Result<(), Errno> {
        mem.write_u64(out, now(id)?)
    }

    pub(super) fn random_get(
        &self,
        mem: &mut GuestMemory<'_>,
        buf: u32,
        len: u32,
    ) -> Result<(), Errno> {
        getrandom::fill(mem.slice_mut(buf, len)?).map_err(|_| Errno::Io)
    }

    /// What the socket calls answer: no descriptor here is a socket (`EBADF` for one that
    /// is not open at all).
    pub(super) fn not_a_socket(&self, fd: u32) -> Result<(), Errno> {
        match self.table.get(fd)? {
            Descriptor::Stream(_) | Descriptor::File(_) | Descriptor::Dir(_) => Err(Errno::Notsock),
        }
    }
}
