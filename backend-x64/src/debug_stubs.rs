//! The debug handler stub, and the register save sequence it shares with the trap stub's debug
//! stop (contracts on `breakwater_core::compiled::RuntimeStubs`).
//!
//! A machine site calls the handler only when its mask bit is set, so there is no fast path:
//! the stub saves every allocatable register, asks the slow path where to resume, writes that
//! over its return address, restores the registers (the gate registers r15 and r13, possibly
//! changed) and returns there.

use breakwater_core::debug::abi::{FPR_SAVE_BASE, REG_SAVE_WORDS};
use breakwater_core::libcalls::Libcall;
use breakwater_core::vmctx;
use dynasmrt::x64::X64Relocation;
use dynasmrt::{DynasmApi, DynasmLabelApi, VecAssembler};

use crate::regs::{FPR_COUNT, GPRS};

/// Bytes of the save area. `save_registers` reserves 16 more above it (keeping rsp 16-aligned),
/// the first word of which holds the rsp at entry.
const SAVE_BYTES: i32 = (REG_SAVE_WORDS as i32) * 8;

/// Saves every allocatable register in an aligned area below rsp: afterwards rsp points to the
/// area, and `[rsp + SAVE_BYTES]` holds the rsp at entry. Clobbers rax.
fn save_registers(ops: &mut VecAssembler<X64Relocation>) {
    x64!(ops
        ; mov rax, rsp
        ; and rsp, -16
        ; sub rsp, SAVE_BYTES + 16
        ; mov [rsp + SAVE_BYTES], rax
    );
    for (i, &r) in GPRS.iter().enumerate() {
        x64!(ops; mov [rsp + (8 * i) as i32], Rq(r));
    }
    for i in 0..FPR_COUNT {
        x64!(ops; movq [rsp + (8 * (FPR_SAVE_BASE + i as usize)) as i32], Rx(i));
    }
}

/// Restores what [`save_registers`] saved and the entry rsp.
fn restore_registers(ops: &mut VecAssembler<X64Relocation>) {
    for (i, &r) in GPRS.iter().enumerate() {
        x64!(ops; mov Rq(r), [rsp + (8 * i) as i32]);
    }
    for i in 0..FPR_COUNT {
        x64!(ops; movq Rx(i), [rsp + (8 * (FPR_SAVE_BASE + i as usize)) as i32]);
    }
    x64!(ops; mov rsp, [rsp + SAVE_BYTES]);
}

/// Calls libcall `call` with rdi = vmctx and the other arguments already in place.
fn call_libcall(ops: &mut VecAssembler<X64Relocation>, call: Libcall) {
    x64!(ops
        ; mov rdi, r14
        ; mov rax, [r14 + vmctx::LIBCALLS]
        ; call QWORD [rax + (8 * call as usize) as i32]
    );
}

/// Emits the debug handler; returns its offset.
pub(crate) fn debug_handler(ops: &mut VecAssembler<X64Relocation>) -> u32 {
    let start = ops.offset().0 as u32;
    save_registers(ops);
    // DebugSlowPath(vmctx, return address, fp, save area) -> (resume address, trap).
    x64!(ops
        ; mov rax, [rsp + SAVE_BYTES]
        ; mov rsi, [rax]
        ; mov rdx, rbp
        ; mov rcx, rsp
    );
    call_libcall(ops, Libcall::DebugSlowPath);
    x64!(ops
        ; test rdx, rdx
        ; jnz >abort
        ; mov rcx, [rsp + SAVE_BYTES]
        ; mov [rcx], rax
    );
    restore_registers(ops);
    x64!(ops
        ; ret
        ; abort:
        // The debugger aborted the call: raise its trap with the site as the trap pc.
        ; mov rsp, [rsp + SAVE_BYTES]
        ; mov r11, rdx
        ; jmp QWORD [r14 + vmctx::TRAP_STUB]
    );
    start
}

/// Emits, at the trap stub's entry, the debug stop before unwinding: if a debugger is attached
/// (`[r14 + DEBUG_STATE]` non-null), calls `DebugTrap(code = r11, pc = [rsp], fp, regs)`, then
/// falls through with r11 and the stack as they were.
///
/// Trap sites pass the code in r11 (scratch), so the save area shows every allocatable register
/// as it was at the trapping instruction. At a `StackOverflow` trap (raised by the prologue before it allocates the frame), rsp is just
/// below `[fp - 8]`, so the save area and the Rust code lie where that frame's slots would be.
pub(crate) fn trap_stop(ops: &mut VecAssembler<X64Relocation>) {
    x64!(ops
        ; cmp QWORD [r14 + vmctx::DEBUG_STATE], 0
        ; je >no_debugger
        ; push r11
    );
    save_registers(ops);
    x64!(ops
        ; mov rax, [rsp + SAVE_BYTES]
        ; mov rsi, [rax]
        ; mov rdx, [rax + 8]
        ; mov rcx, rbp
        ; mov r8, rsp
    );
    call_libcall(ops, Libcall::DebugTrap);
    x64!(ops
        ; mov rsp, [rsp + SAVE_BYTES]
        ; pop r11
        ; no_debugger:
    );
}
