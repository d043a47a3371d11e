//! The debug contract in one place: what debug code, the backends' debug stub and the debugger
//! agree on. Nothing here is ISA-specific except where a backend picks its encodings.
//!
//! # The gate registers and site masks
//!
//! Debug code reserves two callee-saved allocatable registers. `Reg::Gpr(GATE_GPR)` (x64: r15,
//! AArch64: x27) is the frame's *gate*: the address `G` of a [`MaskBlock`]'s handler word.
//! `Reg::Gpr(BITS_GPR)` (x64: rbx, AArch64: x19) holds a copy of the mask's first 64 bits (the
//! word at `G + 8`), so that the first 64 sites of a function test a register, not memory. The
//! prologue, every loop header and every return from a call reload both:
//!
//! ```text
//! G = [[vmctx + vmctx::DEBUG_GATES] + 8 * func_index] ; BITS = [G + 8]
//! ```
//!
//! A *machine site* `j` (the `j`-th of its function, see below) tests its own bit of the mask
//! and, only when it is set, calls the handler whose address is the word at `G`:
//!
//! ```text
//! x64, j < 64:  test bl/bh/ebx, 1 << j (bt rbx, j from 32) ; jnz (jc) cold_j
//! x64, j >= 64: test byte [r15 + mask_disp(j / 8)], 1 << (j % 8) ; jnz cold_j
//!               ...                               cold_j: call qword [r15]  (in the tail)
//! AArch64:      tbnz x19, #j, cold_j  (j < 64), or ldrb w16, [x27, #mask_disp(j / 8)] ;
//!               tbnz w16, #(j % 8), cold_j    ...  cold_j: bl handler_call (ldr x16, [x27] ; br x16)
//! ```
//!
//! With no debugger attached every gate is the module's all-zero mask, so a site is a load, a
//! test and a branch that is never taken: no call, no taken branch, and nothing that depends on
//! other functions. A breakpoint sets one bit in its function's own mask (allocated per instance
//! on first use) and points that function's gate at it: other functions, and the other sites of
//! the same function, still fall through. Stepping and pausing point `vmctx::DEBUG_GATES` at the
//! module's table of all-ones masks, one pointer write whatever the module's size.
//!
//! # Machine sites and stop points
//!
//! Every instruction offset of a function is a *stop point* (as are its entry and exit), but
//! a run of stop points shares one machine site, its *group*, for as long as the slow path's
//! interpreter can run the code between them (`crate::debug::interp`: numeric operators,
//! locals, globals, loads, stores, `select`, `block`/`loop`/`end`, and a `br_if` that is not
//! taken: a taken one is left to the machine code). A new machine site starts at
//! function entry, at a branch target (code reached by a branch must pass a site of its own),
//! and after an instruction the interpreter does not run (calls, branches, the function's
//! `end`, bulk memory, tables, references), which is the last of its group. A stop inside a
//! group is reached by interpreting the group from its first stop point; the machine code then
//! resumes at a later stop point of the group (before the instruction that ends it, or before
//! one that traps) or at the next group's site, with every value where the compiler's
//! recorded layout for that point says.
//!
//! # The handler
//!
//! `cold_j` calls the engine's debug stub with the return address naming site `j`. The stub
//! saves every allocatable register in a save area ([`REG_SAVE_WORDS`] words: `Gpr(i)` at
//! word `i`, `Fpr(i)`'s low 64 bits at word [`FPR_SAVE_BASE`]` + i`), calls the `DebugSlowPath`
//! libcall with (return address, frame pointer, save area), restores the registers (the slow
//! path may have changed them, the gate among them), and continues at the address the libcall
//! returned (the instruction after site `j`'s branch), or enters the trap stub with the trap
//! code it returned. The debugger finds the site's group, stack layout and resume address by
//! recompiling the function on demand (see `crate::debug::sites`).

use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};

/// The allocatable register index reserved as the gate (the mask's address) in debug code.
pub const GATE_GPR: u8 = 8;
/// The allocatable register index reserved for the mask's first 64 bits in debug code.
pub const BITS_GPR: u8 = 0;
/// Machine sites below this test [`BITS_GPR`] instead of memory.
pub const REGISTER_SITES: u32 = 64;
/// Offset from `G` of the word [`BITS_GPR`] copies (mask bytes 0..8).
pub const BITS_DISP: i32 = mask_disp(0);

/// Where the debug stub saves `Reg::Fpr(i)` (`regs[FPR_SAVE_BASE + i]`, the low 64 bits).
pub const FPR_SAVE_BASE: usize = 16;
/// Number of u64 words in the debug stub's register save area.
pub const REG_SAVE_WORDS: usize = 32;

/// Bytes of a mask block below the handler word (reachable with a negative 8-bit
/// displacement).
const BELOW: usize = 128;
/// Mask bytes above the handler word reachable with a positive 8-bit displacement.
const ABOVE_SHORT: u32 = 120;

/// The displacement from `G` (the handler word) of mask byte `byte`: bytes 0..120 at +8..+127,
/// 120..248 at -128..-1 (so that functions with up to 1984 sites use 8-bit displacements on
/// x64), the rest at +128 and up.
pub const fn mask_disp(byte: u32) -> i32 {
    if byte < ABOVE_SHORT {
        8 + byte as i32
    } else if byte < ABOVE_SHORT + BELOW as u32 {
        byte as i32 - (ABOVE_SHORT as i32 + BELOW as i32)
    } else {
        byte as i32 - ABOVE_SHORT as i32
    }
}

/// The mask byte and bit of machine site `site`.
pub const fn site_bit(site: u32) -> (u32, u8) {
    (site / 8, 1 << (site % 8))
}

/// A mask: the handler word and one bit per machine site of a function, laid out around the
/// handler word as [`mask_disp`] says. Bits may be set and cleared while code reads them.
#[derive(Debug)]
pub struct MaskBlock {
    words: alloc::boxed::Box<[AtomicU64]>,
}

impl MaskBlock {
    /// A block for `sites` machine sites, all bits `fill`, whose handler word is `handler`.
    pub fn new(sites: u32, handler: usize, fill: bool) -> MaskBlock {
        let bytes = (sites as usize).div_ceil(8);
        let len = (BELOW + 8 + bytes).max(2 * BELOW + 8);
        let fill = if fill { u64::MAX } else { 0 };
        let words: Vec<AtomicU64> = (0..len.div_ceil(8)).map(|_| AtomicU64::new(fill)).collect();
        let block = MaskBlock {
            words: words.into_boxed_slice(),
        };
        block.words[BELOW / 8].store(handler as u64, Ordering::Relaxed);
        block
    }
    /// The gate value: the address of the handler word.
    pub fn gate(&self) -> usize {
        &self.words[BELOW / 8] as *const AtomicU64 as usize
    }
    /// What [`BITS_GPR`] holds with this gate: the mask's first 64 bits.
    pub fn first_bits(&self) -> u64 {
        self.words[BELOW / 8 + 1].load(Ordering::SeqCst)
    }
    /// The word and bit of machine site `site` (none if the block is too small).
    fn locate(&self, site: u32) -> Option<(&AtomicU64, u64)> {
        let (byte, bit) = site_bit(site);
        let at = usize::try_from(BELOW as i64 + mask_disp(byte) as i64).ok()?;
        let word = self.words.get(at / 8)?;
        Some((word, (bit as u64) << (8 * (at % 8))))
    }
    /// Sets or clears the bit of machine site `site`.
    pub fn set(&self, site: u32, on: bool) {
        if let Some((word, bit)) = self.locate(site) {
            if on {
                word.fetch_or(bit, Ordering::SeqCst);
            } else {
                word.fetch_and(!bit, Ordering::SeqCst);
            }
        }
    }
    /// Whether site `site` calls the handler: the decision the code makes inline.
    pub fn calls_out(&self, site: u32) -> bool {
        self.locate(site)
            .is_some_and(|(word, bit)| word.load(Ordering::SeqCst) & bit != 0)
    }
    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displacements_cover_each_byte_once_and_short_ones_first() {
        let mut seen = alloc::collections::BTreeSet::new();
        for b in 0..4096 {
            let d = mask_disp(b);
            assert!(!(0..8).contains(&d), "byte {b} overlaps the handler word");
            assert!(seen.insert(d), "byte {b} shares displacement {d}");
            if b < 248 {
                assert!(
                    (-128..=127).contains(&d),
                    "byte {b}: {d} is not an 8-bit disp"
                );
            }
        }
    }

    #[test]
    fn the_first_64_sites_are_the_word_after_the_handler() {
        assert_eq!(BITS_DISP, 8);
        let m = MaskBlock::new(100, 0, false);
        for site in [0, 1, 13, 31, 32, 63] {
            m.set(site, true);
            assert_eq!(m.first_bits(), 1 << site);
            m.set(site, false);
        }
        m.set(64, true);
        assert_eq!(m.first_bits(), 0);
    }

    #[test]
    fn bits_land_where_the_code_reads_them() {
        let m = MaskBlock::new(5000, 0xdead_beef, false);
        // SAFETY: `gate()` points into the block's words, and `mask_disp` stays within the
        // block for sites below 5000 (checked by `locate`).
        let read = |site: u32| unsafe {
            let (byte, bit) = site_bit(site);
            ((m.gate() as *const u8).offset(mask_disp(byte) as isize)).read() & bit != 0
        };
        assert_eq!(unsafe { (m.gate() as *const u64).read() }, 0xdead_beef);
        for site in [0, 7, 8, 959, 960, 1983, 1984, 4999] {
            assert!(!read(site));
            m.set(site, true);
            assert!(read(site) && m.calls_out(site));
            m.set(site, false);
            assert!(!read(site));
        }
        let ones = MaskBlock::new(3, 1, true);
        assert!(ones.calls_out(0) && ones.calls_out(2));
        assert_eq!(unsafe { (ones.gate() as *const u64).read() }, 1);
    }
}
