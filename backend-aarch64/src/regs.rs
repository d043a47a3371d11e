//! The register plan: which hardware registers back the core's allocatable indices, and which
//! ones the backend keeps for itself (the pinned vmctx, frame pointer, link register, scratch).
//!
//! Everything below the `Emitter` methods works on hardware register numbers (`u8`: x0 = 0 ...
//! x30 = 30, 31 = xzr or sp by context; v0 = 0 ... v31 = 31), which is what dynasm's dynamic
//! registers (`X(n)`, `W(n)`, `D(n)`, `S(n)`) take.

use breakwater_core::codegen::Reg;

/// x1: scratch, never allocatable: the trap-code register of the trap stub (and of a
/// libcall's result), so a trap stub's `mov w1, #code` destroys no value the debugger shows.
pub(crate) const X1: u8 = 1;
/// x9..x15 (and x8): scratch, never live across `Emitter` methods.
pub(crate) const X9: u8 = 9;
/// Scratch.
pub(crate) const X10: u8 = 10;
/// Scratch.
pub(crate) const X11: u8 = 11;
/// Scratch.
pub(crate) const X12: u8 = 12;
/// Scratch.
pub(crate) const X13: u8 = 13;
/// IP0: scratch; the call target of breakable points (the gate's value) and of `blr`s.
pub(crate) const X16: u8 = 16;
/// IP1: reserved for the leaf helpers in `asm.rs` (offsets and immediates that do not fit an
/// instruction); never holds a value across a helper call.
pub(crate) const X17: u8 = 17;
/// The pinned vmctx register (callee-saved in AAPCS64, so Rust libcalls preserve it too).
pub(crate) const VMCTX: u8 = 28;
/// The frame pointer.
pub(crate) const FP: u8 = 29;
/// Register number 31: `sp` or `xzr` depending on the instruction.
pub(crate) const SP: u8 = 31;
/// Register number 31 as the zero register.
pub(crate) const XZR: u8 = 31;

/// The hardware registers behind `Reg::Gpr(0..GPR_COUNT)`: the callee-saved x19..x27 first
/// (the allocator takes low indices first), then x0 and x2..x7. x1 and x8..x17 are scratch,
/// x18 is the platform register, x28..x30 are pinned.
///
/// The count is 16 because the debugger's register save area (`debug::FPR_SAVE_BASE`) keeps
/// 16 words for general-purpose registers.
pub(crate) const GPRS: [u8; 16] = [19, 20, 21, 22, 23, 24, 25, 26, 27, 0, 2, 3, 4, 5, 6, 7];

/// Number of allocatable general-purpose registers.
pub(crate) const GPR_COUNT: u8 = GPRS.len() as u8;
/// Number of allocatable float registers: v0..v15 (`Fpr(i)` is `vi`). 16 because the
/// debugger's save area holds 16 float words.
pub(crate) const FPR_COUNT: u8 = 16;

/// The float scratch register (v16..v30 are unused).
pub(crate) const VTMP: u8 = 31;

/// The hardware number of an allocatable general-purpose register.
///
/// A register of the wrong class or out of range is a front-end bug; encoding some other
/// register instead could corrupt arbitrary state in JIT code, so this is a hard assertion.
pub(crate) fn gpr(r: Reg) -> u8 {
    match r {
        Reg::Gpr(i) if i < GPR_COUNT => GPRS[i as usize],
        _ => panic!("breakwater-aarch64: expected an allocatable Gpr, got {r:?}"),
    }
}

/// The hardware number of an allocatable float register; see [`gpr`] for why a mismatch is a
/// hard assertion.
pub(crate) fn fpr(r: Reg) -> u8 {
    match r {
        Reg::Fpr(i) if i < FPR_COUNT => i,
        _ => panic!("breakwater-aarch64: expected an allocatable Fpr, got {r:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use breakwater_core::debug::abi::{FPR_SAVE_BASE, REG_SAVE_WORDS};

    /// The allocatable set never contains the pinned, scratch or platform registers.
    #[test]
    fn allocatable_excludes_reserved() {
        // Scratch x1 and x8..x17, the platform register x18, vmctx, fp, lr, sp.
        for r in [X1].into_iter().chain(8..=18).chain([VMCTX, FP, 30, SP]) {
            assert!(!GPRS.contains(&r), "x{r} is reserved");
        }
        let mut sorted = GPRS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), GPRS.len(), "no register twice");
        const { assert!(FPR_COUNT <= VTMP) };
        assert!(GPR_COUNT as usize <= FPR_SAVE_BASE);
        assert!(FPR_SAVE_BASE + FPR_COUNT as usize <= REG_SAVE_WORDS);
    }
}
