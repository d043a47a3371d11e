//! Guard pages: linear memories in reserved address space
//! ([`breakwater_core::runtime::GUARDED_RESERVATION`]), and the signal handler that turns a
//! fault of compiled code in a reservation into the out-of-bounds trap of the access, so that
//! code compiled with `CompileConfig::guard_pages` needs no bounds checks.
//!
//! The handler claims a fault only when the faulting instruction lies in published code and
//! the faulting address in a live reservation; it then enters the trap stub as the trap tails
//! of checked code do (`breakwater_core::compiled::RuntimeStubs`): the trap code in the
//! trap-code register, the site's "return address" (the access plus one, see
//! `breakwater_core::codegen::fault_site_offset`) where a call would leave it. Every other
//! fault goes to the handler installed before (Rust's stack-overflow report, or the default
//! action).

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
mod imp {
    use std::sync::{Once, OnceLock, RwLock, TryLockError};

    use breakwater_core::runtime::VirtualMemory;
    use breakwater_core::{vmctx, TrapKind};

    /// Address ranges `[start, end)`, looked up by the signal handler.
    type Ranges = RwLock<Vec<(usize, usize)>>;

    /// Published code.
    static CODE: Ranges = RwLock::new(Vec::new());
    /// Linear memory reservations.
    static RESERVATIONS: Ranges = RwLock::new(Vec::new());

    fn add(ranges: &Ranges, start: usize, len: usize) {
        let mut r = ranges.write().unwrap_or_else(|p| p.into_inner());
        r.push((start, start + len));
    }

    fn remove(ranges: &Ranges, start: usize) {
        let mut r = ranges.write().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = r.iter().position(|&(s, _)| s == start) {
            r.swap_remove(at);
        }
    }

    /// Whether `addr` lies in one of `ranges`, from a signal handler: the lock is only tried
    /// (a writer on another thread holds it for a push or a removal, never while it waits for
    /// anything); `None` if it stays taken, which no registration takes that long.
    fn contains(ranges: &Ranges, addr: usize) -> Option<bool> {
        for _ in 0..100_000 {
            let guard = match ranges.try_read() {
                Ok(g) => g,
                Err(TryLockError::Poisoned(p)) => p.into_inner(),
                Err(TryLockError::WouldBlock) => {
                    // SAFETY: `sched_yield` is async-signal-safe and has no preconditions.
                    unsafe { libc::sched_yield() };
                    continue;
                }
            };
            return Some(guard.iter().any(|&(s, e)| (s..e).contains(&addr)));
        }
        None
    }

    /// Records published code at `start` (until [`unregister_code`]).
    pub(crate) fn register_code(start: usize, len: usize) {
        add(&CODE, start, len);
    }

    /// Forgets published code at `start`, before it is unmapped.
    pub(crate) fn unregister_code(start: usize) {
        remove(&CODE, start);
    }

    /// Reservations from anonymous mappings: `PROT_NONE`, `MAP_NORESERVE` (address space
    /// only), made readable and writable by `mprotect` as the memory grows. Released ones are
    /// emptied in place and kept for the next memories (up to [`POOL_MAX`]): a store's
    /// memories come and go without mapping and unmapping 6 GiB each time (and qemu-user,
    /// which the AArch64 tests run under, keeps per-page bookkeeping for every range a
    /// process ever mapped).
    #[derive(Debug, Default)]
    pub(crate) struct MmapVirtualMemory;

    /// Released reservations, inaccessible and empty, with their lengths.
    static POOL: std::sync::Mutex<Vec<(usize, usize)>> = std::sync::Mutex::new(Vec::new());
    /// Most reservations kept for reuse.
    const POOL_MAX: usize = 16;

    /// A fresh inaccessible anonymous mapping of `len` bytes, at `at` (replacing what is
    /// there) or anywhere.
    fn map_none(at: Option<usize>, len: usize) -> Option<usize> {
        let fixed = if at.is_some() { libc::MAP_FIXED } else { 0 };
        // SAFETY: a private anonymous mapping; with MAP_FIXED it replaces a reservation this
        // module owns and no memory uses any more.
        let p = unsafe {
            libc::mmap(
                at.unwrap_or(0) as *mut libc::c_void,
                len,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | fixed,
                -1,
                0,
            )
        };
        (p != libc::MAP_FAILED).then_some(p as usize)
    }

    impl VirtualMemory for MmapVirtualMemory {
        fn reserve(&self, len: usize) -> Option<*mut u8> {
            let pooled = {
                let mut pool = POOL.lock().unwrap_or_else(|p| p.into_inner());
                let at = pool.iter().position(|&(_, l)| l == len);
                at.map(|i| pool.swap_remove(i).0)
            };
            let p = match pooled {
                Some(p) => p,
                None => map_none(None, len)?,
            };
            add(&RESERVATIONS, p, len);
            Some(p as *mut u8)
        }

        unsafe fn commit(&self, at: *mut u8, len: usize) -> bool {
            // SAFETY: the caller gives a page-aligned range of one live reservation (memory
            // lengths are multiples of 64 KiB from a page-aligned base).
            unsafe { libc::mprotect(at.cast(), len, libc::PROT_READ | libc::PROT_WRITE) == 0 }
        }

        unsafe fn release(&self, base: *mut u8, len: usize) {
            remove(&RESERVATIONS, base as usize);
            let mut pool = POOL.lock().unwrap_or_else(|p| p.into_inner());
            // Emptied (its pages dropped, inaccessible again) for the next memory.
            if pool.len() < POOL_MAX && map_none(Some(base as usize), len).is_some() {
                pool.push((base as usize, len));
                return;
            }
            drop(pool);
            // SAFETY: the caller gives a whole live reservation, no longer used.
            unsafe { libc::munmap(base.cast(), len) };
        }
    }

    /// The handlers found when ours were installed, for the faults that are not ours.
    static PREVIOUS: OnceLock<[libc::sigaction; 2]> = OnceLock::new();
    const SIGNALS: [libc::c_int; 2] = [libc::SIGSEGV, libc::SIGBUS];

    /// Installs the handler (once per process). False if the system refused it.
    pub(crate) fn install() -> bool {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            // SAFETY: plain sigaction calls with zero-initialized, then filled, structures.
            unsafe {
                let mut previous: [libc::sigaction; 2] = std::mem::zeroed();
                let mut ours: libc::sigaction = std::mem::zeroed();
                ours.sa_sigaction = on_fault as *const () as usize;
                ours.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                libc::sigemptyset(&mut ours.sa_mask);
                // Keep the previous handlers first: a fault between the two calls must find
                // them.
                for (sig, prev) in SIGNALS.iter().zip(previous.iter_mut()) {
                    libc::sigaction(*sig, std::ptr::null(), prev);
                }
                if PREVIOUS.set(previous).is_ok() {
                    for sig in SIGNALS {
                        libc::sigaction(sig, &ours, std::ptr::null_mut());
                    }
                }
            }
        });
        PREVIOUS.get().is_some()
    }

    /// The registers the trap stub is entered with (see `RuntimeStubs` and each backend's
    /// `stubs.rs`).
    #[cfg(target_arch = "x86_64")]
    mod regs {
        /// The vmctx (r14).
        pub const VMCTX: usize = libc::REG_R14 as usize;
        /// The trap code (r11).
        pub const CODE: usize = libc::REG_R11 as usize;
    }

    /// The signal handler.
    ///
    /// # Safety
    /// Called by the kernel with a valid `info` and `ctx` (a `ucontext_t`).
    unsafe extern "C" fn on_fault(
        sig: libc::c_int,
        info: *mut libc::siginfo_t,
        ctx: *mut libc::c_void,
    ) {
        // SAFETY: the kernel passes a `ucontext_t` as the third argument of an SA_SIGINFO
        // handler, and a valid `siginfo_t`.
        let (uc, addr) = unsafe { (&mut *(ctx as *mut libc::ucontext_t), (*info).si_addr()) };
        let pc = pc_of(uc);
        let ours = contains(&CODE, pc) == Some(true)
            && contains(&RESERVATIONS, addr as usize) == Some(true);
        if ours {
            // SAFETY: the fault is an access of compiled code, whose vmctx register holds a
            // live vmctx and whose stack has room for a return address (the frames below
            // compiled code's stack limit are reserved for such entries).
            unsafe { enter_trap_stub(uc, pc) };
            return;
        }
        // SAFETY: forwarding the kernel's arguments to the handler that was installed.
        unsafe { chain(sig, info, ctx) }
    }

    #[cfg(target_arch = "x86_64")]
    fn pc_of(uc: &libc::ucontext_t) -> usize {
        uc.uc_mcontext.gregs[libc::REG_RIP as usize] as usize
    }

    #[cfg(target_arch = "aarch64")]
    fn pc_of(uc: &libc::ucontext_t) -> usize {
        uc.uc_mcontext.pc as usize
    }

    /// Resumes at the trap stub as if the access at `pc` had called it.
    ///
    /// # Safety
    /// `uc` is the context of compiled code faulting at `pc`.
    #[cfg(target_arch = "x86_64")]
    unsafe fn enter_trap_stub(uc: &mut libc::ucontext_t, pc: usize) {
        let g = &mut uc.uc_mcontext.gregs;
        let vmctx = g[regs::VMCTX] as usize;
        // SAFETY: the vmctx header holds the trap stub's address; the word below the stack
        // pointer is free (compiled code keeps no red zone).
        unsafe {
            let stub = *((vmctx + vmctx::TRAP_STUB as usize) as *const usize);
            let sp = g[libc::REG_RSP as usize] as usize - 8;
            *(sp as *mut usize) = pc + 1;
            g[libc::REG_RSP as usize] = sp as i64;
            g[regs::CODE] = TrapKind::MemoryOutOfBounds.code() as i64;
            g[libc::REG_RIP as usize] = stub as i64;
        }
    }

    /// Resumes at the trap stub as if the access at `pc` had called it (`blr`: the return
    /// address in x30, the code in x1, the vmctx in x28).
    ///
    /// # Safety
    /// `uc` is the context of compiled code faulting at `pc`.
    #[cfg(target_arch = "aarch64")]
    unsafe fn enter_trap_stub(uc: &mut libc::ucontext_t, pc: usize) {
        let m = &mut uc.uc_mcontext;
        let vmctx = m.regs[28] as usize;
        // SAFETY: the vmctx header holds the trap stub's address.
        let stub = unsafe { *((vmctx + vmctx::TRAP_STUB as usize) as *const usize) };
        m.regs[30] = (pc + 1) as u64;
        m.regs[1] = TrapKind::MemoryOutOfBounds.code() as u64;
        m.pc = stub as u64;
    }

    /// Passes a fault that is not ours to the handler installed before ours; with none, the
    /// default action is restored and the faulting instruction, run again, takes it.
    ///
    /// # Safety
    /// The arguments are the kernel's to [`on_fault`].
    unsafe fn chain(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
        let index = SIGNALS.iter().position(|&s| s == sig);
        let prev = index.and_then(|i| PREVIOUS.get().map(|p| p[i]));
        let handler = prev.map_or(libc::SIG_DFL, |p| p.sa_sigaction);
        // SAFETY: a handler installed with SA_SIGINFO takes three arguments, one without it
        // one; SIG_DFL and SIG_IGN are restored as the default action.
        unsafe {
            if handler == libc::SIG_DFL || handler == libc::SIG_IGN {
                let mut dfl: libc::sigaction = std::mem::zeroed();
                dfl.sa_sigaction = libc::SIG_DFL;
                libc::sigaction(sig, &dfl, std::ptr::null_mut());
            } else if prev.is_some_and(|p| p.sa_flags & libc::SA_SIGINFO != 0) {
                let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                    std::mem::transmute(handler);
                f(sig, info, ctx);
            } else {
                let f: extern "C" fn(libc::c_int) = std::mem::transmute(handler);
                f(sig);
            }
        }
    }
}

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
pub(crate) use imp::*;

/// Hosts without the handler: code is compiled with bounds checks, and nothing is recorded.
#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
mod imp {
    pub(crate) fn register_code(_start: usize, _len: usize) {}
    pub(crate) fn unregister_code(_start: usize) {}
}

#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
pub(crate) use imp::*;

/// Whether this host can run code compiled with guard pages.
pub(crate) const SUPPORTED: bool = cfg!(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
));
