//! The debug contract in one place: what debug code, the backends' debug stub and the debugger
//! agree on. Nothing here is ISA-specific except where a backend picks its encodings.
//!
//! # The gate registers, the gate table and the site masks
//!
//! Debug code reserves two callee-saved allocatable registers. `Reg::Gpr(TABLE_GPR)` (x64: r15,
//! AArch64: x27) holds the frame's *gate table* `T`, a [`GateTable`]: the instance's own or,
//! while stepping, the module's all-ones table. Its entry for function `f` is two words: at
//! `T + 16 f` the *gate* `G`, the address of the function's [`MaskBlock`] (one bit per
//! machine site), and at `T + 16 f + 8` a copy of the mask's first 64 bits, which
//! `Reg::Gpr(BITS_GPR)` (x64: r13, AArch64: x26) holds, so that the first 64 sites of a
//! function test a register. The word at `T - 8` is the handler's address. The prologue loads
//! both registers; every return from a call that may have left the instance (imports,
//! `call_indirect`) reloads both; every return from a direct call and every back edge of a
//! loop reloads the bits only (the table register still holds the same instance's table,
//! loaded by the callee's prologue or set by the slow path). A back edge reached only through
//! a call's reload since the loop's header needs none of its own:
//!
//! ```text
//! T = [vmctx + vmctx::DEBUG_GATES] ; BITS = [T + 16 * func_index + 8]
//! ```
//!
//! A *machine site* `j` (the `j`-th of its function, see below) tests its own bit and, only
//! when it is set, calls the handler out of line:
//!
//! ```text
//! x64, j < 64:   test r13b/r13d, 1 << j (bt r13, j from 32) ; jnz (jc) cold_j
//! x64, j >= 64:  mov r11, [r15 + 16 f] ; test byte [r11 + mask_disp(j / 8)], 1 << (j % 8)
//!                jnz cold_j        ...        cold_j: call qword [r15 - 8]  (in the tail)
//! AArch64:       tbnz x26, #j, cold_j  (j < 64), or ldr x16, [x27, #16 f] ;
//!                ldrb w16, [x16, #mask_disp(j / 8)] ; tbnz w16, #(j % 8), cold_j
//!                ...     cold_j: bl handler_call (ldur x16, [x27, #-8] ; br x16)
//! ```
//!
//! With no debugger attached every entry of the instance's table is the module's all-zero
//! mask and zero bits, so a site is a register test and a branch that is never taken: no
//! call, no taken branch, no memory access, and nothing that depends on other functions. A
//! breakpoint sets one bit in its function's own mask (allocated per instance on first use)
//! and points that function's entry at it: other functions, and the other sites of the same
//! function, still fall through. Stepping points `vmctx::DEBUG_GATES` and the stepping
//! frame's table register at the module's all-ones table: one pointer write whatever the
//! module's size. A pause request (rare, and from another thread) points every entry of the
//! instance's table at the all-ones mask, so that running code stops at its next back edge,
//! call or return.
//!
//! # Machine sites and stop points
//!
//! Every instruction offset of a function is a *stop point* (as are its entry and exit), but
//! a run of stop points shares one machine site, its *group*, for as long as the slow path's
//! interpreter can run the code between them (`crate::debug::interp`: numeric operators,
//! locals, globals, loads, stores, `select`, `block`/`loop`/`end`, unconditional forward
//! branches, and the fall-through of a forward `br_if` that leaves a loop, whose branch the
//! slow path takes itself). A new machine site starts at function entry, at a loop header and at a target of
//! a conditional branch (code reached by a branch must pass a site of its own), and after an
//! instruction the interpreter does not run (calls, `if`, `br_table`, a `br_if` other than
//! a loop's exit test, a `br` back to a loop, the function's `end`, bulk memory, tables, references), which is the last of
//! its group. A stop inside a
//! group is reached by interpreting the group from its first stop point; the machine code then
//! resumes at a later stop point of the group (before the instruction that ends it, or before
//! one that traps) or at the next group's site, with every value where the compiler's
//! recorded layout for that point says.
//!
//! # Fast entries
//!
//! A function with a single machine site (its entry's: straight-line code the interpreter
//! runs, no calls, loops or conditional branches) has its gate loads before its prologue and
//! tests [`FAST_ENTRY_BIT`] there, a bit no other site has. Its `VMFuncRef::fast_ptr`, which
//! debug code's `call_indirect` calls, may point past the loads: the site then tests the
//! caller's bits register, whose fast-entry bit is clear unless the caller runs with all
//! ones, when stopping there is right (a step into it, a pause). The debugger points the
//! record back at the function's start while the function has breakpoints. Direct calls,
//! imports and the host always enter at the start.
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

/// The allocatable register index reserved for the gate table in debug code.
pub const TABLE_GPR: u8 = 8;
/// The allocatable register index reserved for the first 64 site bits in debug code.
///
/// The two reserved registers are the last two of the allocation order, so that debug code
/// allocates registers exactly as normal code does until a function needs them all: with the
/// first one reserved instead, sha256's 17 KB straight-line hot function, the same
/// instructions but other registers, ran 1.46x its normal time at 1.01x its instructions.
pub const BITS_GPR: u8 = 7;
/// Machine sites below this test [`BITS_GPR`] instead of memory (every bit of the register
/// but [`FAST_ENTRY_BIT`]).
pub const REGISTER_SITES: u32 = 63;
/// The bit of the bits register that the only machine site of a *single-site* function
/// tests (see "Fast entries" above). No other site of any function has it, so a caller's
/// bits register has it clear unless the caller runs with all ones (stepping, a pause).
pub const FAST_ENTRY_BIT: u32 = 7;

/// The mask bit of machine site `site` of a function with more than one machine site: the
/// sites in order, skipping [`FAST_ENTRY_BIT`].
pub const fn mask_bit(site: u32) -> u32 {
    if site < FAST_ENTRY_BIT {
        site
    } else {
        site + 1
    }
}
/// Offset from `T` of the handler's address.
pub const HANDLER_DISP: i32 = -8;

/// Offset from `T` of function `func`'s gate (its entry's first word).
pub const fn entry_gate_disp(func: u32) -> i64 {
    16 * func as i64
}
/// Offset from `T` of function `func`'s first 64 site bits (its entry's second word).
pub const fn entry_bits_disp(func: u32) -> i64 {
    16 * func as i64 + 8
}

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

/// The mask byte and bit of machine site `site` (see [`mask_bit`]).
pub const fn site_bit(site: u32) -> (u32, u8) {
    let bit = mask_bit(site);
    (bit / 8, 1 << (bit % 8))
}

/// The mask bit that arms machine site `site` of a function with `sites` machine sites.
pub const fn armed_bit(site: u32, sites: u32) -> u32 {
    if sites == 1 {
        FAST_ENTRY_BIT
    } else {
        mask_bit(site)
    }
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
        // Bits up to `mask_bit(sites - 1)`, and FAST_ENTRY_BIT.
        let bytes = (sites as usize + 1).div_ceil(8);
        let len = (BELOW + 8 + bytes).max(2 * BELOW + 8);
        let fill = if fill { u64::MAX } else { 0 };
        let words: Vec<AtomicU64> = (0..len.div_ceil(8)).map(|_| AtomicU64::new(fill)).collect();
        let block = MaskBlock {
            words: words.into_boxed_slice(),
        };
        block.words[BELOW / 8].store(handler as u64, Ordering::Relaxed);
        block
    }
    /// What the mask's first 64 bits are now (a gate table entry keeps a copy).
    pub fn first_bits(&self) -> u64 {
        self.words[BELOW / 8 + 1].load(Ordering::SeqCst)
    }
    /// The gate value: the address of the block's handler word (unused by code: sites call
    /// the table's handler), around which the site bits lie.
    pub fn gate(&self) -> usize {
        &self.words[BELOW / 8] as *const AtomicU64 as usize
    }
    /// The word and bit of mask bit `bit` (none if the block is too small).
    fn locate(&self, bit: u32) -> Option<(&AtomicU64, u64)> {
        let at = usize::try_from(BELOW as i64 + mask_disp(bit / 8) as i64).ok()?;
        let word = self.words.get(at / 8)?;
        Some((word, 1u64 << (bit % 8) << (8 * (at % 8))))
    }
    /// Sets or clears the bit of machine site `site` (of a function with more than one).
    pub fn set(&self, site: u32, on: bool) {
        self.set_bit(mask_bit(site), on);
    }
    /// Sets or clears mask bit `bit` (see [`armed_bit`]).
    pub fn set_bit(&self, bit: u32, on: bool) {
        if let Some((word, bit)) = self.locate(bit) {
            if on {
                word.fetch_or(bit, Ordering::SeqCst);
            } else {
                word.fetch_and(!bit, Ordering::SeqCst);
            }
        }
    }
    /// Whether site `site` calls the handler: the decision the code makes inline.
    pub fn calls_out(&self, site: u32) -> bool {
        self.locate(mask_bit(site))
            .is_some_and(|(word, bit)| word.load(Ordering::SeqCst) & bit != 0)
    }
    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}

/// A gate table: the handler's address, then per function (full index space) its gate and a
/// copy of its mask's first 64 bits, as the module doc lays out. Entries may change while code
/// reads them.
#[derive(Debug)]
pub struct GateTable {
    words: alloc::boxed::Box<[AtomicU64]>,
}

impl GateTable {
    /// A table of `funcs` entries, each `mask`'s gate and first bits, calling `handler`.
    pub fn new(funcs: usize, handler: usize, mask: &MaskBlock) -> GateTable {
        let words: Vec<AtomicU64> = (0..1 + 2 * funcs)
            .map(|i| {
                AtomicU64::new(match i {
                    0 => handler as u64,
                    i if i % 2 == 1 => mask.gate() as u64,
                    _ => mask.first_bits(),
                })
            })
            .collect();
        GateTable {
            words: words.into_boxed_slice(),
        }
    }
    /// `T`: what the table register holds.
    pub fn base(&self) -> usize {
        &self.words[1] as *const AtomicU64 as usize
    }
    /// Points `func`'s entry at `mask` (its gate, then its first bits).
    pub fn set(&self, func: u32, mask: &MaskBlock) {
        let at = 1 + 2 * func as usize;
        if at + 1 < self.words.len() {
            self.words[at].store(mask.gate() as u64, Ordering::SeqCst);
            self.words[at + 1].store(mask.first_bits(), Ordering::SeqCst);
        }
    }
    /// Refreshes `func`'s copy of the first bits of the mask its entry points to (`mask`).
    pub fn refresh_bits(&self, func: u32, mask: &MaskBlock) {
        let at = 1 + 2 * func as usize;
        if self.words.get(at).map(|g| g.load(Ordering::SeqCst)) == Some(mask.gate() as u64) {
            self.words[at + 1].store(mask.first_bits(), Ordering::SeqCst);
        }
    }
    /// Number of function entries.
    pub fn len(&self) -> usize {
        self.words.len() / 2
    }
    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}

/// What the gate registers of a frame of `func` hold with table `table` (the base address of a
/// live [`GateTable`] with an entry for `func`): (table, first bits).
///
/// # Safety
/// `table` must be a live gate table's base with more than `func` entries.
pub unsafe fn gate_registers(table: usize, func: u32) -> (u64, u64) {
    // SAFETY: per the contract, the bits word of `func`'s entry lies within the table.
    let bits = unsafe {
        (*((table as i64 + entry_bits_disp(func)) as *const AtomicU64)).load(Ordering::SeqCst)
    };
    (table as u64, bits)
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
    fn the_register_sites_are_the_word_after_the_handler_but_the_fast_entry_bit() {
        let m = MaskBlock::new(100, 0, false);
        for site in 0..REGISTER_SITES {
            assert_ne!(mask_bit(site), FAST_ENTRY_BIT);
            m.set(site, true);
            assert_eq!(m.first_bits(), 1 << mask_bit(site));
            m.set(site, false);
        }
        m.set(REGISTER_SITES, true);
        assert_eq!(m.first_bits(), 0);
        // A single-site function's site is armed at the fast-entry bit.
        let single = MaskBlock::new(1, 0, false);
        single.set_bit(armed_bit(0, 1), true);
        assert_eq!(single.first_bits(), 1 << FAST_ENTRY_BIT);
    }

    #[test]
    fn table_entries_are_where_the_code_reads_them() {
        let zero = MaskBlock::new(70, 0, false);
        let own = MaskBlock::new(70, 0, false);
        own.set(3, true);
        own.set(66, true);
        let t = GateTable::new(5, 0xabcd, &zero);
        assert_eq!(t.len(), 5);
        t.set(4, &own);
        // SAFETY: the table has 5 entries; the reads stay within them and the handler word.
        unsafe {
            let word = |disp: i64| ((t.base() as i64 + disp) as *const u64).read();
            assert_eq!(word(HANDLER_DISP as i64), 0xabcd);
            assert_eq!(word(entry_gate_disp(0)), zero.gate() as u64);
            assert_eq!(word(entry_bits_disp(0)), 0);
            assert_eq!(word(entry_gate_disp(4)), own.gate() as u64);
            assert_eq!(word(entry_bits_disp(4)), 1 << 3);
            assert_eq!(gate_registers(t.base(), 4), (t.base() as u64, 1 << 3));
        }
        own.set(5, true);
        t.refresh_bits(4, &own);
        t.refresh_bits(0, &own);
        // SAFETY: as above.
        unsafe {
            assert_eq!(gate_registers(t.base(), 4).1, 1 << 3 | 1 << 5);
            assert_eq!(gate_registers(t.base(), 0).1, 0, "entry 0 is not own's");
        }
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
