//! Executable memory, as a kernel gives it: pages mapped writable, filled, made visible to
//! instruction fetch, then switched to read+execute for good (never writable and executable
//! at once), unmapped when the module is dropped.

use alloc::boxed::Box;

use breakwater_core::runtime::{CodeMemory, PublishedCode};

use crate::sys;

const PAGE: usize = 4096;

/// Publishes code in mappings of its own.
pub struct MappedCode;

/// A mapping of published code, unmapped on drop.
struct Mapping {
    ptr: *mut u8,
    len: usize,
}

// SAFETY: the mapping is read-only once published; dropping it is the only mutation.
unsafe impl Send for Mapping {}
unsafe impl Sync for Mapping {}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: our mapping; its module (the only user of the code) is being dropped. This
        // host runs one thread, so no other core may still execute it (see the README on
        // reusing freed code memory on several cores).
        unsafe { sys::unmap(self.ptr, self.len) }
    }
}

impl CodeMemory for MappedCode {
    fn publish(&self, code: &[u8]) -> breakwater_core::Result<PublishedCode> {
        let fail = |what: &str, e: sys::Errno| {
            breakwater_core::Error::resource(alloc::format!("{what}: errno {}", e.0))
        };
        let len = code.len().max(1).next_multiple_of(PAGE);
        let ptr = sys::map(len).map_err(|e| fail("cannot map code memory", e))?;
        let mapping = Mapping { ptr, len };
        // SAFETY: the fresh mapping is writable for `len >= code.len()` bytes.
        unsafe { core::ptr::copy_nonoverlapping(code.as_ptr(), ptr, code.len()) };
        #[cfg(target_arch = "aarch64")]
        // SAFETY: the range was just written and is mapped.
        unsafe {
            synchronize_icache(ptr, code.len())
        };
        // SAFETY: our mapping; nothing holds a writable reference into it.
        unsafe { sys::protect(ptr, len, sys::PROT_READ | sys::PROT_EXEC) }
            .map_err(|e| fail("cannot make code executable", e))?;
        // SAFETY: the code is at `ptr`, read+execute from now on and never written again,
        // for as long as `mapping` (owned by the `PublishedCode`) lives.
        Ok(unsafe { PublishedCode::new(ptr, code.len(), Box::new(mapping)) })
    }
}

/// Makes freshly written code visible to instruction fetch on this core (AArch64's instruction
/// cache is not coherent with data writes): clean each data cache line to the point of
/// unification, invalidate each instruction cache line, then `isb` (Arm ARM, "Concurrent
/// modification and execution of instructions"; line sizes from CTR_EL0). One thread runs
/// here, so no other core needs a context synchronization event.
///
/// # Safety
/// `ptr..ptr + len` must be mapped and readable.
#[cfg(target_arch = "aarch64")]
unsafe fn synchronize_icache(ptr: *mut u8, len: usize) {
    use core::arch::asm;
    let ctr: u64;
    // SAFETY: CTR_EL0 is readable at EL0 (Linux sets SCTLR_EL1.UCT).
    unsafe { asm!("mrs {}, ctr_el0", out(reg) ctr, options(nomem, nostack)) };
    let dline = 4usize << ((ctr >> 16) & 0xf);
    let iline = 4usize << (ctr & 0xf);
    let (start, end) = (ptr as usize, ptr as usize + len);
    // SAFETY: cache maintenance by address over our mapped range has no other effect.
    unsafe {
        let mut at = start & !(dline - 1);
        while at < end {
            asm!("dc cvau, {}", in(reg) at, options(nostack));
            at += dline;
        }
        asm!("dsb ish", options(nostack));
        let mut at = start & !(iline - 1);
        while at < end {
            asm!("ic ivau, {}", in(reg) at, options(nostack));
            at += iline;
        }
        asm!("dsb ish", "isb", options(nostack));
    }
}
