//! Making freshly published code visible to the instruction stream of every core.
//!
//! The publishing thread writes the code, and on AArch64 cleans the data cache and invalidates
//! the instruction cache over it (`engine.rs`: `dc cvau; dsb ish; ic ivau; dsb ish; isb`); the
//! invalidation reaches every core of the inner shareable domain, but a core that fetched
//! instructions at those addresses before (memory reused after a module was dropped) may still
//! hold them in its pipeline until it executes a context synchronization event. x86-64 keeps
//! instruction caches coherent, and its manual asks a core that executes code another core
//! wrote to serialize first (Intel SDM vol. 3, 8.1.3, "cross-modifying code").
//!
//! So after publishing, every core that runs this process's threads must synchronize:
//!
//! - Linux: `membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE)`, which interrupts every
//!   core running one of our threads and returns once each has executed a core-serializing
//!   instruction (the process registers for it once, the first time code is published).
//! - Where that is missing (kernels before 4.16, or seccomp filters that deny it), the fallback:
//!   - AArch64: the runtime stubs execute an `isb` on every way into Wasm code (the entry
//!     trampoline before it calls Wasm, the host adapter when a host function returns), so a
//!     thread synchronizes before it can reach code published since it last ran Wasm; the
//!     module handoff itself (a mutex or `Arc`) orders the writes before it.
//!   - x86-64: changing the protection of a page this process touched makes the kernel shoot
//!     down the TLBs of every core running our threads with an interrupt (TLB maintenance is
//!     not broadcast by hardware on x86), and returning from that interrupt serializes the core.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// How published code was last made visible to every core (see the module doc).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoreSync {
    /// `membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE)`.
    Membarrier,
    /// The fallback of the module doc.
    Fallback,
}

/// How many times published code was synchronized on every core by `membarrier`, and by the
/// fallback (for tests: the barrier is issued on every publish).
#[doc(hidden)]
pub fn core_sync_counts() -> (u64, u64) {
    (
        MEMBARRIERS.load(Ordering::Relaxed),
        FALLBACKS.load(Ordering::Relaxed),
    )
}

/// Whether this process registered for `MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE`
/// (registering the first time it is asked).
#[doc(hidden)]
pub fn membarrier_registered() -> bool {
    *REGISTERED.get_or_init(register)
}

static REGISTERED: OnceLock<bool> = OnceLock::new();
static MEMBARRIERS: AtomicU64 = AtomicU64::new(0);
static FALLBACKS: AtomicU64 = AtomicU64::new(0);

/// Makes code published by this thread visible to the instruction stream of every core that
/// runs one of this process's threads. Called after the code is in place and executable.
pub(crate) fn sync_all_cores() -> CoreSync {
    if membarrier_registered() && membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE) {
        MEMBARRIERS.fetch_add(1, Ordering::Relaxed);
        return CoreSync::Membarrier;
    }
    fallback();
    FALLBACKS.fetch_add(1, Ordering::Relaxed);
    CoreSync::Fallback
}

// From <linux/membarrier.h>.
const MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE: i32 = 1 << 5;
const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE: i32 = 1 << 6;

fn register() -> bool {
    membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn membarrier(cmd: i32) -> bool {
    // SAFETY: membarrier takes (cmd, flags, cpu_id) and touches no memory of ours.
    unsafe { libc::syscall(libc::SYS_membarrier, cmd, 0, 0) == 0 }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn membarrier(_cmd: i32) -> bool {
    false
}

/// AArch64: the stubs' `isb` on every way into Wasm (nothing to do here).
#[cfg(not(target_arch = "x86_64"))]
fn fallback() {}

/// x86-64: a protection change of a touched page, which interrupts every core running one
/// of our threads to flush its TLB.
#[cfg(target_arch = "x86_64")]
fn fallback() {
    use std::sync::Mutex;
    static PAGE: Mutex<Option<memmap2::MmapMut>> = Mutex::new(None);
    let Ok(mut page) = PAGE.lock() else {
        return;
    };
    if page.is_none() {
        *page = memmap2::MmapMut::map_anon(1).ok();
    }
    let Some(map) = page.as_mut() else {
        return;
    };
    let (addr, len) = (map.as_mut_ptr(), map.len());
    // SAFETY: the page is ours, mapped read+write; it is made inaccessible and writable again
    // while the lock is held, and nothing else reads it.
    unsafe {
        std::ptr::write_volatile(addr, std::ptr::read_volatile(addr).wrapping_add(1));
        libc::mprotect(addr.cast(), len, libc::PROT_NONE);
        libc::mprotect(addr.cast(), len, libc::PROT_READ | libc::PROT_WRITE);
    }
}
