//! The runtime stubs shared by every module: the entry trampoline (host -> Wasm), the trap stub
//! (unwinds to the innermost entry) and the host adapter (Wasm -> host). Their contracts are on
//! `breakwater_core::compiled::RuntimeStubs`.
//!
//! Entry trampoline frame (x29 = its own frame pointer, 16-byte aligned because the AAPCS64
//! caller calls with an aligned stack):
//!
//! ```text
//!   [x29 + 8]   x30, [x29] the caller's x29
//!   [x29 - 16 .. x29 - 80)   x19..x28 (callee-saved in AAPCS64)
//!   [x29 - 96 .. x29 - 144)  d8..d15 (their low halves are callee-saved)
//!   [x29 - 152]  the store's previous entry_sp (restored on every exit)
//!   [x29 - 160]  the store (*mut VMStoreContext)
//!   [x29 - 168]  values
//!   [x29 - 176]  area_slots (K)
//!   [x29 - 184]  the register block (`convention`)
//!   [x29 - 192]  padding             <- sp = E, recorded as the store's entry_sp
//!   [E - R .. E)  the argument/result area, R = K * 8 rounded up to 16
//! ```
//!
//! The argument registers of the internal convention are x19..x22 (`Reg::Gpr(0..4)`) and
//! v0..v3; results come back in x19 or v0.
//!
//! Wasm code clobbers every register but x28 (and x29, which it restores on return), so the
//! trampoline keeps what it needs after the call in this frame, not in registers. On a trap the
//! stub sets sp = E and rebuilds x29 = E + 192 from it, then both paths share one exit.

use breakwater_core::codegen::convention;
use breakwater_core::compiled::RuntimeStubs;
use breakwater_core::vmctx::{self, store};
use dynasmrt::aarch64::Aarch64Relocation;
use dynasmrt::{DynasmApi, DynasmLabelApi, VecAssembler};

/// Distance from the trampoline's x29 down to E (its sp at the call, saved as `entry_sp`).
const ENTRY_FRAME: u32 = 192;

// The register block's layout (see `breakwater_core::codegen::convention`), as the stubs
// below spell it out.
const _: () = {
    assert!(convention::ARG_GPRS == 4 && convention::ARG_FPRS == 4);
    assert!(crate::regs::GPRS[0] == 19 && crate::regs::GPRS[1] == 20);
    assert!(crate::regs::GPRS[2] == 21 && crate::regs::GPRS[3] == 22);
};

// The stubs encode these offsets as scaled unsigned 12-bit immediates: they must fit.
const _: () = assert!(vmctx::host::CALLBACK < 32760 && vmctx::TRAP_STUB < 32760);
const _: () = assert!(store::TRAP_VMCTX < 32760 && vmctx::STORE < 32760);
const _: () = assert!(store::TRAP_FRAMES < 4096 && store::TRAP_FRAME_COUNT < 32760);

/// The trap stub's record of the callers (for backtraces), made before it unwinds the frames:
/// walks the frame records from x29 (the trapping frame: `[x29 + 8]` is the return address
/// into its caller) up to the innermost entry's `entry_sp`, storing up to `TRAP_FRAMES_MAX`
/// pairs (return address, the vmctx in the caller's frame at `[caller x29 - 8]`, or 0 where the
/// chain ends) and counting them all. It stops where the chain does not go up the stack (or
/// does not start at or above sp), so it reads only this activation's stack. x9 = the store
/// context; clobbers x10-x15.
fn record_callers(ops: &mut VecAssembler<Aarch64Relocation>) {
    a64!(ops
        ; add x11, x9, store::TRAP_FRAMES as u32
        ; ldr x12, [x9, store::ENTRY_SP as u32]
        ; mov x13, xzr
        ; mov x14, x29
        ; mov x15, sp
        ; cmp x14, x15
        ; b.lo >walked
        ; walk:
        ; cmp x14, x12
        ; b.hs >walked
        // x10 = the caller's frame.
        ; ldr x10, [x14]
        ; cmp x13, store::TRAP_FRAMES_MAX as u32
        ; b.hs >counted
        ; ldr x15, [x14, 8]
        ; str x15, [x11], 8
        ; mov x15, xzr
        ; cmp x10, x14
        ; b.ls >no_vmctx
        ; ldur x15, [x10, -8]
        ; no_vmctx:
        ; str x15, [x11], 8
        ; counted:
        ; add x13, x13, 1
        ; cmp x10, x14
        ; b.ls >walked
        ; mov x14, x10
        ; b <walk
        ; walked:
        ; str x13, [x9, store::TRAP_FRAME_COUNT as u32]
    );
}

/// Assembles the entry trampoline, trap stub, host adapter and debug stub into one
/// position-independent blob.
pub(crate) fn runtime_stubs() -> RuntimeStubs {
    let mut ops: VecAssembler<Aarch64Relocation> = VecAssembler::new(0);
    let exit = ops.new_dynamic_label();

    // --- Entry trampoline: fn(vmctx x0, func_ptr x1, values x2, area_slots x3, register
    // block x4) -> x0.
    let entry = ops.offset().0 as u32;
    a64!(ops
        ; stp x29, x30, [sp, -16]!
        ; mov x29, sp
        ; sub sp, sp, ENTRY_FRAME
        ; stp x19, x20, [x29, -16]
        ; stp x21, x22, [x29, -32]
        ; stp x23, x24, [x29, -48]
        ; stp x25, x26, [x29, -64]
        ; stp x27, x28, [x29, -80]
        ; stp d8, d9, [x29, -96]
        ; stp d10, d11, [x29, -112]
        ; stp d12, d13, [x29, -128]
        ; stp d14, d15, [x29, -144]
        ; ldr x9, [x0, vmctx::STORE as u32]
        ; ldr x10, [x9, store::ENTRY_SP as u32]
        // store at -160, previous entry_sp at -152; K at -176, values at -168.
        ; stp x9, x10, [x29, -160]
        ; stp x3, x2, [x29, -176]
        ; stp xzr, x4, [x29, -192]
        // sp = E: what the trap stub unwinds to.
        ; mov x10, sp
        ; str x10, [x9, store::ENTRY_SP as u32]
        // The area: R = round_up(8 * K, 16) bytes, value i at [sp + 8 * (K - 1 - i)].
        ; lsl x11, x3, 3
        ; add x11, x11, 15
        ; and x11, x11, 0xffff_ffff_ffff_fff0u64
        ; sub sp, sp, x11, uxtx
        ; cbz x3, >copied_in
        ; mov x12, sp
        ; add x12, x12, x3, lsl 3
        ; sub x12, x12, 8
        ; movz x13, 0
        ; copy_in:
        ; ldr x14, [x2, x13, lsl 3]
        ; str x14, [x12], -8
        ; add x13, x13, 1
        ; cmp x13, x3
        ; b.lo <copy_in
        ; copied_in:
        ; mov x28, x0
        ; ldur x9, [x29, -184]
        ; ldp x19, x20, [x9]
        ; ldp x21, x22, [x9, 16]
        ; ldp d0, d1, [x9, 32]
        ; ldp d2, d3, [x9, 48]
        // A context synchronization event before running Wasm code, which may have been
        // published by another thread since this core last ran Wasm (the fallback when
        // membarrier is missing; see the host's `icache.rs`).
        ; isb
        ; blr x1
        // The callee returned with sp at the area's lowest slot again, a single result in
        // x19 or v0.
        ; ldur x9, [x29, -184]
        ; str x19, [x9]
        ; str d0, [x9, 32]
        ; ldp x3, x2, [x29, -176]
        ; cbz x3, >copied_out
        ; mov x12, sp
        ; add x12, x12, x3, lsl 3
        ; sub x12, x12, 8
        ; movz x13, 0
        ; copy_out:
        ; ldr x14, [x12], -8
        ; str x14, [x2, x13, lsl 3]
        ; add x13, x13, 1
        ; cmp x13, x3
        ; b.lo <copy_out
        ; copied_out:
        ; movz x0, 0
        // Shared exit (x29 valid, x0 = return value): restore the previous entry_sp so that
        // outer entries unwind correctly, then the callee-saved registers.
        ; =>exit
        ; ldp x9, x10, [x29, -160]
        ; str x10, [x9, store::ENTRY_SP as u32]
        ; ldp x19, x20, [x29, -16]
        ; ldp x21, x22, [x29, -32]
        ; ldp x23, x24, [x29, -48]
        ; ldp x25, x26, [x29, -64]
        ; ldp x27, x28, [x29, -80]
        ; ldp d8, d9, [x29, -96]
        ; ldp d10, d11, [x29, -112]
        ; ldp d12, d13, [x29, -128]
        ; ldp d14, d15, [x29, -144]
        ; mov sp, x29
        ; ldp x29, x30, [sp], 16
        ; ret
    );

    // --- Trap stub: entered by `blr` with the code in x1 (zero-extended by every caller),
    // the trap pc in x30 and x28 = the vmctx (or host function context: same header).
    let trap = ops.offset().0 as u32;
    crate::debug_stubs::trap_stop(&mut ops);
    a64!(ops
        ; ldr x9, [x28, vmctx::STORE as u32]
        ; str x1, [x9, store::TRAP_CODE as u32]
        ; str x30, [x9, store::TRAP_PC as u32]
        ; str x28, [x9, store::TRAP_VMCTX as u32]
    );
    record_callers(&mut ops);
    a64!(ops
        ; ldr x10, [x9, store::ENTRY_SP as u32]
        ; mov sp, x10
        ; add x29, sp, ENTRY_FRAME
        ; mov x0, x1
        ; b =>exit
    );

    // --- Host adapter: called like a Wasm function (sp = the area's lowest slot, maybe only
    // 8-aligned) with x28 = host function context.
    let host_adapter = ops.offset().0 as u32;
    a64!(ops
        ; mov x9, sp
        ; sub x10, x9, 16
        // sp goes down (and gets aligned) before anything is stored below it.
        ; and sp, x10, 0xffff_ffff_ffff_fff0u64
        ; stp x29, x30, [x10]
        ; mov x29, x10
        // The argument registers to a register block, the callback's third argument.
        ; sub sp, sp, 64
        ; stp x19, x20, [sp]
        ; stp x21, x22, [sp, 16]
        ; stp d0, d1, [sp, 32]
        ; stp d2, d3, [sp, 48]
        ; mov x2, sp
        // values = the area's lowest slot.
        ; mov x0, x28
        ; mov x1, x9
        ; ldr x16, [x28, vmctx::host::CALLBACK as u32]
        ; blr x16
        // The host function may have published code that this Wasm code now reaches (see
        // the entry trampoline's `isb`).
        ; isb
        // The result registers from the block.
        ; ldr x19, [sp]
        ; ldr d0, [sp, 32]
        ; add x9, x29, 16
        ; ldp x29, x30, [x29]
        ; mov sp, x9
        ; cbnz x0, >host_trap
        ; ret
        ; host_trap:
        // All 64 bits: a nonzero code must not become 0 by truncation.
        ; mov x1, x0
        ; ldr x16, [x28, vmctx::TRAP_STUB as u32]
        ; blr x16
    );

    let debug_handler = crate::debug_stubs::debug_handler(&mut ops);

    let bytes = ops
        .finalize()
        .expect("breakwater-aarch64: runtime stub labels are all defined");
    RuntimeStubs {
        bytes,
        entry,
        trap,
        host_adapter,
        debug_handler,
    }
}
