//! `poll_oneoff`: wait for clocks and for standard streams to be ready.

use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use super::abi::{clock, eventtype, size, EVENT_FD_READWRITE_HANGUP, SUBCLOCK_ABSTIME};
use super::errno::Errno;
use super::memory::GuestMemory;
use super::misc::now;
use super::table::Descriptor;
use super::WasiCtx;

/// An event to report.
struct Event {
    userdata: u64,
    error: Errno,
    kind: u8,
    nbytes: u64,
    hangup: bool,
}

impl Event {
    fn new(userdata: u64, kind: u8, error: Errno) -> Event {
        Event {
            userdata,
            error,
            kind,
            nbytes: 0,
            hangup: false,
        }
    }
}

/// A clock subscription: after how long it fires.
struct Timer {
    userdata: u64,
    after: Duration,
}

/// A stream subscription waiting on the host.
struct Waiter {
    userdata: u64,
    kind: u8,
}

impl WasiCtx {
    pub(super) fn poll_oneoff(
        &self,
        mem: &mut GuestMemory<'_>,
        subs: u32,
        events: u32,
        nsubs: u32,
        nevents: u32,
    ) -> Result<(), Errno> {
        if nsubs == 0 {
            return Err(Errno::Inval);
        }
        let subs_len = nsubs.checked_mul(size::SUBSCRIPTION).ok_or(Errno::Fault)?;
        mem.slice(subs, subs_len)?;
        let events_len = nsubs.checked_mul(size::EVENT).ok_or(Errno::Fault)?;
        mem.slice(events, events_len)?;

        let mut ready = Vec::new();
        let mut timers = Vec::new();
        let mut waiters = Vec::new();
        let mut pollfds = Vec::new();
        for i in 0..nsubs {
            let sub = subs + i * size::SUBSCRIPTION;
            let userdata = mem.read_u64(sub)?;
            let kind = mem.read_u8(sub + 8)?;
            match kind {
                eventtype::CLOCK => {
                    let id = mem.read_u32(sub + 16)?;
                    let timeout = mem.read_u64(sub + 24)?;
                    let flags = mem.read_u16(sub + 40)?;
                    let after = if flags & SUBCLOCK_ABSTIME != 0 {
                        match now(id) {
                            Ok(now) => timeout.saturating_sub(now),
                            Err(e) => {
                                ready.push(Event::new(userdata, kind, e));
                                continue;
                            }
                        }
                    } else {
                        if id > clock::THREAD_CPUTIME {
                            ready.push(Event::new(userdata, kind, Errno::Inval));
                            continue;
                        }
                        timeout
                    };
                    let after = Duration::from_nanos(after);
                    if after.is_zero() {
                        ready.push(Event::new(userdata, kind, Errno::Success));
                    } else {
                        timers.push(Timer { userdata, after });
                    }
                }
                eventtype::FD_READ | eventtype::FD_WRITE => {
                    let fd = mem.read_u32(sub + 16)?;
                    let read = kind == eventtype::FD_READ;
                    match self.table.get(fd) {
                        Ok(Descriptor::File(f)) => {
                            // Regular files are always ready; a read has what is left.
                            let mut event = Event::new(userdata, kind, Errno::Success);
                            if read {
                                let size = f.file.metadata().map_or(0, |m| m.len());
                                let pos =
                                    std::io::Seek::stream_position(&mut &f.file).unwrap_or(size);
                                event.nbytes = size.saturating_sub(pos);
                            }
                            ready.push(event);
                        }
                        Ok(Descriptor::Stream(s))
                            if (read && s.readable) || (!read && s.writable) =>
                        {
                            pollfds.push(libc::pollfd {
                                fd: s.file.as_raw_fd(),
                                events: if read { libc::POLLIN } else { libc::POLLOUT },
                                revents: 0,
                            });
                            waiters.push(Waiter { userdata, kind });
                        }
                        _ => ready.push(Event::new(userdata, kind, Errno::Badf)),
                    }
                }
                _ => return Err(Errno::Inval),
            }
        }

        // Wait for the first stream or timer, not at all if something is ready already.
        let wait = if ready.is_empty() {
            timers.iter().map(|t| t.after).min()
        } else {
            Some(Duration::ZERO)
        };
        let start = Instant::now();
        if pollfds.is_empty() {
            if let Some(wait) = wait {
                std::thread::sleep(wait);
            }
        } else {
            poll(&mut pollfds, wait)?;
        }
        for (p, w) in pollfds.iter().zip(&waiters) {
            if p.revents == 0 {
                continue;
            }
            let mut event = Event::new(w.userdata, w.kind, Errno::Success);
            if p.revents & libc::POLLNVAL != 0 {
                event.error = Errno::Badf;
            } else if p.revents & libc::POLLERR != 0 {
                event.error = Errno::Io;
            }
            event.hangup = p.revents & libc::POLLHUP != 0;
            ready.push(event);
        }
        let elapsed = start.elapsed();
        for t in &timers {
            if t.after <= elapsed || (ready.is_empty() && Some(t.after) == wait) {
                ready.push(Event::new(t.userdata, eventtype::CLOCK, Errno::Success));
            }
        }

        for (i, e) in ready.iter().enumerate() {
            let at = events + i as u32 * size::EVENT;
            let mut raw = [0u8; size::EVENT as usize];
            raw[0..8].copy_from_slice(&e.userdata.to_le_bytes());
            raw[8..10].copy_from_slice(&(e.error as u16).to_le_bytes());
            raw[10] = e.kind;
            raw[16..24].copy_from_slice(&e.nbytes.to_le_bytes());
            let flags = if e.hangup {
                EVENT_FD_READWRITE_HANGUP
            } else {
                0
            };
            raw[24..26].copy_from_slice(&flags.to_le_bytes());
            mem.write(at, &raw)?;
        }
        mem.write_u32(nevents, ready.len() as u32)
    }
}

/// poll(2) until a descriptor is ready or `wait` (forever if `None`) has passed.
fn poll(fds: &mut [libc::pollfd], wait: Option<Duration>) -> Result<(), Errno> {
    let deadline = wait.map(|w| Instant::now() + w);
    loop {
        let timeout_ms = match deadline {
            None => -1,
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                // Round up: waking early would report a timer that has not fired.
                left.as_nanos().div_ceil(1_000_000).min(i32::MAX as u128) as i32
            }
        };
        // SAFETY: `fds` is a valid array of pollfd of the given length.
        let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout_ms) };
        if r >= 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(e.into());
        }
    }
}
