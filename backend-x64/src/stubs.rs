//! The runtime stubs shared by every module: the entry trampoline (host -> Wasm), the trap stub
//! (unwinds to the innermost entry) and the host adapter (Wasm -> host). Their contracts are on
//! `breakwater_core::compiled::RuntimeStubs`.
//!
//! Entry trampoline frame (rbp = its own frame pointer, 16-byte aligned because the SysV caller
//! calls with an aligned stack):
//!
//! ```text
//!   [rbp - 8 .. rbp - 40]  rbx, r12, r13, r14, r15 (callee-saved in SysV)
//!   [rbp - 48]  the store's previous entry_sp (restored on every exit)
//!   [rbp - 56]  the store (*mut VMStoreContext)
//!   [rbp - 64]  values
//!   [rbp - 72]  area_slots (K)
//!   [rbp - 80]  func_ptr
//!   [rbp - 88]  the register block (`convention`)
//!   [rbp - 96]  padding            <- rsp = E, recorded as the store's entry_sp
//!   [E - R .. E)  the argument/result area, R = K * 8 rounded up to 16
//! ```
//!
//! The argument registers of the internal convention are rbx, rsi, rdi, r8 (`Reg::Gpr(0..4)`)
//! and xmm0..xmm3; results come back in rbx or xmm0.
//!
//! Wasm code clobbers every register but r14 (and rbp, which it restores on return), so the
//! trampoline keeps what it needs after the call in this frame, not in registers. On a trap the
//! stub sets rsp = E and rebuilds rbp = E + 80 from it, then both paths share one exit.

use breakwater_core::codegen::convention;
use breakwater_core::compiled::RuntimeStubs;
use breakwater_core::vmctx::{self, store};

use crate::regs;
use dynasmrt::x64::X64Relocation;
use dynasmrt::{DynasmApi, DynasmLabelApi, VecAssembler};

/// Distance from the trampoline's rbp down to E (its rsp at the call, saved as `entry_sp`).
const ENTRY_FRAME: i32 = 96;
/// `[rbp - 88]`: the register block.
const SAVED_REG_BLOCK: i32 = -88;

// The register block's layout (see `breakwater_core::codegen::convention`), as the stubs
// below spell it out.
const _: () = {
    assert!(convention::ARG_GPRS == 4 && convention::ARG_FPRS == 4);
    assert!(regs::GPRS[0] == regs::RBX && regs::GPRS[1] == regs::RSI);
    assert!(regs::GPRS[2] == regs::RDI && regs::GPRS[3] == regs::R8);
};
/// `[rbp - 48]`: the previous `entry_sp`.
const SAVED_ENTRY_SP: i32 = -48;
/// `[rbp - 56]`: the store.
const SAVED_STORE: i32 = -56;
/// `[rbp - 64]`: the `values` pointer.
const SAVED_VALUES: i32 = -64;
/// `[rbp - 72]`: the number of area slots.
const SAVED_SLOTS: i32 = -72;
/// `[rbp - 80]`: the function pointer.
const SAVED_FUNC: i32 = -80;
/// `[rbp - 40]`: where rsp points before popping the callee-saved registers.
const SAVED_REGS_BOTTOM: i32 = -40;

// The stubs encode these offsets as disp8 (`as i8` below): they must fit.
const _: () = assert!(ENTRY_FRAME < 128 && vmctx::host::CALLBACK < 128 && vmctx::TRAP_STUB < 128);
const _: () = assert!(store::TRAP_VMCTX < 128 && vmctx::STORE < 128);
const _: () = assert!(store::TRAP_FRAMES < 128 && store::TRAP_FRAME_COUNT < 128);

/// The trap stub's record of the callers (for backtraces), made before it unwinds the frames:
/// walks the frame-pointer chain from rbp (the trapping frame: its `[rbp + 8]` is the return
/// address into its caller) up to the innermost entry's `entry_sp`, storing up to
/// `TRAP_FRAMES_MAX` pairs (return address, the vmctx in the caller's frame at
/// `[caller rbp - 8]`, or 0 where the chain ends) and counting them all. It stops where the
/// chain does not go up the stack (or does not start at or above rsp), so it reads only this
/// activation's stack. rcx = the store context; clobbers rax, rdx, rsi, r8, r9, r10.
fn record_callers(ops: &mut VecAssembler<X64Relocation>) {
    x64!(ops
        ; lea rdx, [BYTE rcx + store::TRAP_FRAMES as i8]
        ; mov r8, QWORD [BYTE rcx + store::ENTRY_SP as i8]
        ; xor r9d, r9d
        ; mov r10, rbp
        ; cmp r10, rsp
        ; jb >walked
        ; walk:
        ; cmp r10, r8
        ; jae >walked
        // rax = the caller's frame.
        ; mov rax, QWORD [r10]
        ; cmp r9, store::TRAP_FRAMES_MAX as i32
        ; jae >counted
        ; mov rsi, QWORD [r10 + 8]
        ; mov QWORD [rdx], rsi
        ; xor esi, esi
        ; cmp rax, r10
        ; jbe >no_vmctx
        ; mov rsi, QWORD [rax - 8]
        ; no_vmctx:
        ; mov QWORD [rdx + 8], rsi
        ; add rdx, 16
        ; counted:
        ; inc r9
        ; cmp rax, r10
        ; jbe >walked
        ; mov r10, rax
        ; jmp <walk
        ; walked:
        ; mov QWORD [BYTE rcx + store::TRAP_FRAME_COUNT as i8], r9
    );
}

/// Assembles the entry trampoline, trap stub and host adapter into one position-independent
/// blob.
pub(crate) fn runtime_stubs() -> RuntimeStubs {
    let mut ops: VecAssembler<X64Relocation> = VecAssembler::new(0);
    let exit = ops.new_dynamic_label();

    // --- Entry trampoline: fn(vmctx rdi, func_ptr rsi, values rdx, area_slots rcx,
    // register block r8) -> u64.
    let entry = ops.offset().0 as u32;
    x64!(ops
        ; push rbp
        ; mov rbp, rsp
        ; push rbx
        ; push r12
        ; push r13
        ; push r14
        ; push r15
        ; mov rax, QWORD [BYTE rdi + vmctx::STORE as i8]
        ; push QWORD [BYTE rax + store::ENTRY_SP as i8]
        ; push rax
        ; push rdx
        ; push rcx
        ; push rsi
        ; push r8
        ; push r8
        // rsp = E = rbp - 96: what the trap stub unwinds to.
        ; mov QWORD [BYTE rax + store::ENTRY_SP as i8], rsp
        // The area: R = round_up(8 * K, 16) bytes, value i at [rsp + 8 * (K - 1 - i)].
        ; lea rax, [rcx * 8 + 15]
        ; and rax, -16
        ; sub rsp, rax
        ; test rcx, rcx
        ; jz >copied_in
        ; lea r8, [rsp + rcx * 8 - 8]
        ; xor r9d, r9d
        ; copy_in:
        ; mov r10, QWORD [rdx + r9 * 8]
        ; mov QWORD [r8], r10
        ; sub r8, 8
        ; inc r9
        ; cmp r9, rcx
        ; jb <copy_in
        ; copied_in:
        ; mov r14, rdi
        ; mov rax, QWORD [BYTE rbp + SAVED_REG_BLOCK as i8]
        ; mov rbx, QWORD [rax]
        ; mov rsi, QWORD [rax + 8]
        ; mov rdi, QWORD [rax + 16]
        ; mov r8, QWORD [rax + 24]
        ; movq xmm0, QWORD [rax + 32]
        ; movq xmm1, QWORD [rax + 40]
        ; movq xmm2, QWORD [rax + 48]
        ; movq xmm3, QWORD [rax + 56]
        ; call QWORD [BYTE rbp + SAVED_FUNC as i8]
        // The callee returned with rsp at the area's lowest slot again, a single result in
        // rbx or xmm0.
        ; mov rax, QWORD [BYTE rbp + SAVED_REG_BLOCK as i8]
        ; mov QWORD [rax], rbx
        ; movq QWORD [rax + 32], xmm0
        ; mov rcx, QWORD [BYTE rbp + SAVED_SLOTS as i8]
        ; mov rdx, QWORD [BYTE rbp + SAVED_VALUES as i8]
        ; test rcx, rcx
        ; jz >copied_out
        ; lea r8, [rsp + rcx * 8 - 8]
        ; xor r9d, r9d
        ; copy_out:
        ; mov r10, QWORD [r8]
        ; mov QWORD [rdx + r9 * 8], r10
        ; sub r8, 8
        ; inc r9
        ; cmp r9, rcx
        ; jb <copy_out
        ; copied_out:
        ; xor eax, eax
        // Shared exit (rbp valid, rax = return value): restore the previous entry_sp so that
        // outer entries unwind correctly, then the callee-saved registers.
        ; =>exit
        ; mov rcx, QWORD [BYTE rbp + SAVED_STORE as i8]
        ; mov rdx, QWORD [BYTE rbp + SAVED_ENTRY_SP as i8]
        ; mov QWORD [BYTE rcx + store::ENTRY_SP as i8], rdx
        ; lea rsp, [BYTE rbp + SAVED_REGS_BOTTOM as i8]
        ; pop r15
        ; pop r14
        ; pop r13
        ; pop r12
        ; pop rbx
        ; pop rbp
        ; ret
    );

    // --- Trap stub: entered by `call` with the code in r11 (zero-extended by every caller)
    // and r14 = the vmctx (or host function context: same header).
    let trap = ops.offset().0 as u32;
    crate::debug_stubs::trap_stop(&mut ops);
    x64!(ops
        ; pop rax
        ; mov rcx, QWORD [BYTE r14 + vmctx::STORE as i8]
        ; mov QWORD [BYTE rcx + store::TRAP_CODE as i8], r11
        ; mov QWORD [BYTE rcx + store::TRAP_PC as i8], rax
        ; mov QWORD [BYTE rcx + store::TRAP_VMCTX as i8], r14
    );
    record_callers(&mut ops);
    x64!(ops
        ; mov rsp, QWORD [BYTE rcx + store::ENTRY_SP as i8]
        ; lea rbp, [BYTE rsp + ENTRY_FRAME as i8]
        ; mov rax, r11
        ; jmp =>exit
    );

    // --- Host adapter: called like a Wasm function with r14 = host function context. The
    // argument registers go to a register block at [rbp - 64], the callback's third argument;
    // the result registers come back from it.
    let host_adapter = ops.offset().0 as u32;
    x64!(ops
        ; push rbp
        ; mov rbp, rsp
        ; sub rsp, 64
        ; mov QWORD [rsp], rbx
        ; mov QWORD [rsp + 8], rsi
        ; mov QWORD [rsp + 16], rdi
        ; mov QWORD [rsp + 24], r8
        ; movq QWORD [rsp + 32], xmm0
        ; movq QWORD [rsp + 40], xmm1
        ; movq QWORD [rsp + 48], xmm2
        ; movq QWORD [rsp + 56], xmm3
        ; mov rdx, rsp
        // values = the area's lowest slot, just above the return address.
        ; lea rsi, [rbp + 16]
        ; mov rdi, r14
        ; and rsp, -16
        ; call QWORD [BYTE r14 + vmctx::host::CALLBACK as i8]
        ; mov rbx, QWORD [rbp - 64]
        ; movq xmm0, QWORD [rbp - 32]
        ; mov rsp, rbp
        ; pop rbp
        ; test rax, rax
        ; jnz >host_trap
        ; ret
        ; host_trap:
        // All 64 bits: a nonzero code must not become 0 by truncation.
        ; mov r11, rax
        ; call QWORD [BYTE r14 + vmctx::TRAP_STUB as i8]
    );

    let debug_handler = crate::debug_stubs::debug_handler(&mut ops);

    let bytes = ops
        .finalize()
        .expect("breakwater-x64: runtime stub labels are all defined");
    RuntimeStubs {
        bytes,
        entry,
        trap,
        host_adapter,
        debug_handler,
    }
}
