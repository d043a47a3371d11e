//! The debug filter stub, and the register save sequence it shares with the trap stub's debug
//! stop (contracts on `breakwater_core::compiled::RuntimeStubs`).
//!
//! The filter is called by `blr x16` from a breakable point, so its return address is in x30.
//! Fast path (a site in an armed function whose bit is clear), 15 instructions:
//! ```text
//!   ldr x9, [x28, #DEBUG_STATE] ; cbz x9, disarm               (detached since the gate load)
//!   ldr x10, [x28, #CODE_BASE] ; sub x10, x30, x10 ; lsr x10, x10, #3   (site index i)
//!   lsr x11, x10, #6                                            (word index)
//!   ldr x12, [x9, #BITS] ; ldr x12, [x12, x11, lsl #3] ; lsr x12, x12, x10 ; tbnz x12, #0, slow
//!   ldr x12, [x9, #AHEAD] ; ldr x12, [x12, x11, lsl #3] ; lsr x12, x12, x10 ; tbnz x12, #0, done
//! disarm: stur xzr, [x29, #-16]
//! done: ret
//! ```
//! (`lsr` by a register takes the count modulo 64: bit `i % 64`.) It clobbers only x9..x12
//! (scratch, never live across a site) and no flags. The slow path saves every allocatable
//! register, so the Rust code it calls may clobber anything AAPCS64 lets it.

use breakwater_core::debug::{
    FPR_SAVE_BASE, GATE_SLOT, REG_SAVE_WORDS, SITE_SHIFT, VMDEBUG_AHEAD, VMDEBUG_BITS,
};
use breakwater_core::libcalls::Libcall;
use breakwater_core::vmctx;
use dynasmrt::aarch64::Aarch64Relocation;
use dynasmrt::{DynasmApi, DynasmLabelApi, VecAssembler};

use crate::regs::{FPR_COUNT, GPRS};

/// Bytes of the register save area.
const SAVE_BYTES: u32 = (REG_SAVE_WORDS as u32) * 8;
/// `[sp + SAVED_SP]`: the sp at entry (after the area).
const SAVED_SP: u32 = SAVE_BYTES;
/// `[sp + SAVED_LR]`: x30 at entry (the site's or trap's return address).
const SAVED_LR: u32 = SAVE_BYTES + 8;
/// `[sp + SAVED_CODE]`: x1 at entry (the trap stub's trap code).
const SAVED_CODE: u32 = SAVE_BYTES + 16;
/// Whole area, a multiple of 16.
const AREA_BYTES: u32 = SAVE_BYTES + 32;

const _: () = assert!(GATE_SLOT == -16 && AREA_BYTES.is_multiple_of(16));

/// Saves every allocatable register (and sp, x30, x1) in a 16-aligned area below sp:
/// afterwards sp points to the area. Clobbers x9, x10.
fn save_registers(ops: &mut VecAssembler<Aarch64Relocation>) {
    a64!(ops
        ; mov x9, sp
        ; sub x10, x9, AREA_BYTES
        ; and sp, x10, 0xffff_ffff_ffff_fff0u64
        ; str x9, [sp, SAVED_SP]
        ; str x30, [sp, SAVED_LR]
        ; str x1, [sp, SAVED_CODE]
    );
    for (i, &r) in GPRS.iter().enumerate() {
        let off = (8 * i) as u32;
        a64!(ops; str X(r), [sp, off]);
    }
    for i in 0..FPR_COUNT {
        let off = (8 * (FPR_SAVE_BASE + i as usize)) as u32;
        a64!(ops; str D(i), [sp, off]);
    }
}

/// Restores what [`save_registers`] saved, x30 and the entry sp.
fn restore_registers(ops: &mut VecAssembler<Aarch64Relocation>) {
    for (i, &r) in GPRS.iter().enumerate() {
        let off = (8 * i) as u32;
        a64!(ops; ldr X(r), [sp, off]);
    }
    for i in 0..FPR_COUNT {
        let off = (8 * (FPR_SAVE_BASE + i as usize)) as u32;
        a64!(ops; ldr D(i), [sp, off]);
    }
    a64!(ops
        ; ldr x30, [sp, SAVED_LR]
        ; ldr x9, [sp, SAVED_SP]
        ; mov sp, x9
    );
}

/// Calls libcall `call` with x0 = vmctx and the other arguments already in place.
fn call_libcall(ops: &mut VecAssembler<Aarch64Relocation>, call: Libcall) {
    let slot = 8 * call as u32;
    a64!(ops
        ; mov x0, x28
        ; ldr x16, [x28, vmctx::LIBCALLS as u32]
        ; ldr x16, [x16, slot]
        ; blr x16
    );
}

/// Emits the filter stub; returns its offset.
pub(crate) fn filter_stub(ops: &mut VecAssembler<Aarch64Relocation>) -> u32 {
    let start = ops.offset().0 as u32;
    a64!(ops
        ; ldr x9, [x28, vmctx::DEBUG_STATE as u32]
        ; cbz x9, >disarm
        ; ldr x10, [x28, vmctx::CODE_BASE as u32]
        ; sub x10, x30, x10
        ; lsr x10, x10, SITE_SHIFT
        ; lsr x11, x10, 6
        ; ldr x12, [x9, VMDEBUG_BITS as u32]
        ; ldr x12, [x12, x11, lsl 3]
        ; lsr x12, x12, x10
        ; tbnz x12, 0, >slow
        ; ldr x12, [x9, VMDEBUG_AHEAD as u32]
        ; ldr x12, [x12, x11, lsl 3]
        ; lsr x12, x12, x10
        ; tbnz x12, 0, >done
        ; disarm:
        ; stur xzr, [x29, GATE_SLOT]
        ; done:
        ; ret
        ; slow:
    );
    save_registers(ops);
    // DebugSlowPath(vmctx, return address, fp, save area).
    a64!(ops
        ; ldr x1, [sp, SAVED_LR]
        ; mov x2, x29
        ; mov x3, sp
    );
    call_libcall(ops, Libcall::DebugSlowPath);
    a64!(ops
        ; cbnz x1, >abort
    );
    restore_registers(ops);
    a64!(ops
        ; ret
        ; abort:
        // The debugger aborted the call: raise its trap (x1) with the site as the trap pc.
        ; ldr x30, [sp, SAVED_LR]
        ; ldr x9, [sp, SAVED_SP]
        ; mov sp, x9
        ; ldr x16, [x28, vmctx::TRAP_STUB as u32]
        ; br x16
    );
    start
}

/// Emits, at the trap stub's entry, the debug stop before unwinding: if a debugger is attached
/// (`[x28 + DEBUG_STATE]` non-null), calls `DebugTrap(code = x1, pc = x30, fp, regs)`, then
/// falls through with x1, x30 and sp as they were.
pub(crate) fn trap_stop(ops: &mut VecAssembler<Aarch64Relocation>) {
    a64!(ops
        ; ldr x9, [x28, vmctx::DEBUG_STATE as u32]
        ; cbz x9, >no_debugger
    );
    save_registers(ops);
    a64!(ops
        ; ldr x1, [sp, SAVED_CODE]
        ; ldr x2, [sp, SAVED_LR]
        ; mov x3, x29
        ; mov x4, sp
    );
    call_libcall(ops, Libcall::DebugTrap);
    a64!(ops
        ; ldr x1, [sp, SAVED_CODE]
        ; ldr x30, [sp, SAVED_LR]
        ; ldr x9, [sp, SAVED_SP]
        ; mov sp, x9
        ; no_debugger:
    );
}
