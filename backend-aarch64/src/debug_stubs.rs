//! The debug handler stub, and the register save sequence it shares with the trap stub's debug
//! stop (contracts on `breakwater_core::compiled::RuntimeStubs`).
//!
//! A machine site calls the handler (through its function's `ldur x16, [x27, #-8] ; br x16`,
//! so x30 names the site) only when its mask bit is set: there is no fast path. The stub saves
//! every allocatable register, asks the slow path where to resume, puts that in x30, restores
//! the registers (the gate registers x27 and x26, possibly changed) and returns there. The
//! Rust code it calls may clobber anything AAPCS64 lets it.

use breakwater_core::debug::abi::{FPR_SAVE_BASE, REG_SAVE_WORDS};
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

const _: () = assert!(AREA_BYTES.is_multiple_of(16));

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

/// Emits the debug handler; returns its offset.
pub(crate) fn debug_handler(ops: &mut VecAssembler<Aarch64Relocation>) -> u32 {
    let start = ops.offset().0 as u32;
    save_registers(ops);
    // DebugSlowPath(vmctx, return address, fp, save area) -> (x0: resume address, x1: trap).
    a64!(ops
        ; ldr x1, [sp, SAVED_LR]
        ; mov x2, x29
        ; mov x3, sp
    );
    call_libcall(ops, Libcall::DebugSlowPath);
    a64!(ops
        ; cbnz x1, >abort
        ; str x0, [sp, SAVED_LR]
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
