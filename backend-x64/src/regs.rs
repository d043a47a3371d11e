//! The register plan: which hardware registers back the core's allocatable indices, and which
//! ones the backend keeps for itself (the pinned vmctx, frame and stack pointers, scratch).
//!
//! Everything below the `Emitter` methods works on hardware register numbers (`u8`, the x86
//! encoding: rax = 0 ... r15 = 15, xmm0 = 0 ... xmm15 = 15), which is what dynasm's dynamic
//! registers (`Rq(n)`, `Rd(n)`, `Rx(n)`) take.

use breakwater_core::codegen::Reg;

/// `rax`: scratch; also the implicit operand of `div`/`idiv`, `cqo` and the libcall return value.
pub(crate) const RAX: u8 = 0;
/// `rcx`: scratch; `cl` is the variable shift count.
pub(crate) const RCX: u8 = 1;
/// `rdx`: scratch; the high half of `div`/`idiv` and the libcall's trap code.
pub(crate) const RDX: u8 = 2;
/// `rbx`: allocatable (`Gpr(0)`), callee-saved in SysV.
pub(crate) const RBX: u8 = 3;
/// `rsp`: the stack pointer.
pub(crate) const RSP: u8 = 4;
/// `rbp`: the frame pointer.
pub(crate) const RBP: u8 = 5;
/// `rsi`: allocatable; the trap-code register of the trap stub and the 2nd SysV argument.
pub(crate) const RSI: u8 = 6;
/// `rdi`: allocatable; the 1st SysV argument.
pub(crate) const RDI: u8 = 7;
/// `r8`: allocatable.
pub(crate) const R8: u8 = 8;
/// `r9`: allocatable.
pub(crate) const R9: u8 = 9;
/// `r10`: allocatable.
pub(crate) const R10: u8 = 10;
/// `r12`: allocatable.
pub(crate) const R12: u8 = 12;
/// `r13`: allocatable; debug code's site bits register.
pub(crate) const R13: u8 = 13;
/// `r14`: the pinned vmctx register, preserved by every callee.
pub(crate) const VMCTX: u8 = 14;
/// `r15`: allocatable; debug code's gate table register.
pub(crate) const R15: u8 = 15;
/// `r11`: the trap-code register of the trap stub, and debug code's scratch register in machine
/// sites; allocatable (last) in code without debugging, where no value it holds is live at a
/// trap (the frame is unwound).
pub(crate) const R11: u8 = 11;

/// The hardware registers behind `Reg::Gpr(0..GPR_COUNT)`. rax, rcx and rdx are left out so
/// that every method has scratch registers, including the ones instructions use implicitly
/// (`cl`, `rdx:rax`); r11 only in debug code ([`NO_DEBUG_GPRS`]).
pub(crate) const GPRS: [u8; 10] = [RBX, RSI, RDI, R8, R9, R10, R12, R13, R15, R11];

/// The last registers of [`GPRS`] that debug code does not allocate: r11.
pub(crate) const NO_DEBUG_GPRS: u8 = 1;

/// Number of allocatable general-purpose registers.
pub(crate) const GPR_COUNT: u8 = GPRS.len() as u8;
/// Number of allocatable float registers: xmm0..xmm13 (xmm14 and xmm15 are scratch).
pub(crate) const FPR_COUNT: u8 = 14;

/// First float scratch register.
pub(crate) const XTMP: u8 = 15;
/// Second float scratch register.
pub(crate) const XTMP2: u8 = 14;

/// The hardware number of an allocatable general-purpose register.
///
/// A register of the wrong class or out of range is a front-end bug; encoding some other
/// register instead could corrupt arbitrary state in JIT code, so this is a hard assertion.
pub(crate) fn gpr(r: Reg) -> u8 {
    match r {
        Reg::Gpr(i) if i < GPR_COUNT => GPRS[i as usize],
        _ => panic!("breakwater-x64: expected an allocatable Gpr, got {r:?}"),
    }
}

/// The hardware number (xmm index) of an allocatable float register; see [`gpr`] for why a
/// mismatch is a hard assertion.
pub(crate) fn fpr(r: Reg) -> u8 {
    match r {
        Reg::Fpr(i) if i < FPR_COUNT => i,
        _ => panic!("breakwater-x64: expected an allocatable Fpr, got {r:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The allocatable set must never contain the pinned or scratch registers.
    #[test]
    fn allocatable_excludes_reserved() {
        for r in [RAX, RCX, RDX, RSP, RBP, VMCTX] {
            assert!(!GPRS.contains(&r));
        }
        assert_eq!(GPRS[GPRS.len() - NO_DEBUG_GPRS as usize..], [R11]);
        const { assert!(FPR_COUNT <= XTMP2 && XTMP2 < XTMP) };
    }
}
