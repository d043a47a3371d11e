//! Frames and calls: prologue (with the explicit stack check), epilogue, calls to Wasm
//! functions (direct, through a `VMFuncRef`, `call_indirect`) and libcalls into Rust.
//!
//! Frame layout (see the calling convention in the core's `emitter.rs`):
//!
//! ```text
//!   [rbp + 16 ...]   argument/result area (the caller's)
//!   [rbp + 8]        return address
//!   [rbp]            caller's rbp
//!   [rbp - 8]        vmctx (r14 on entry)
//!   ...              locals and operand slots
//!   [rbp - FRAME]    rsp between calls (FRAME = frame size rounded up to 16)
//! ```

use breakwater_core::codegen::{Base, CallArea, LibcallArg, OperandSize, Reg};
use breakwater_core::libcalls::Libcall;
use breakwater_core::vmctx;
use breakwater_core::TrapKind;
use dynasmrt::DynasmApi;

use crate::asm::Cond;
use crate::emitter::X64Emitter;
use crate::regs::{self, R8, R9, RAX, RBP, RCX, RDX, RSI, RSP, VMCTX};

// The stack check keeps `STACK_MARGIN` bytes free below the frame (the core's rule, see
// `backend_rules`): the next callee's return address and prologue pushes happen before its own
// check, libcalls push their arguments below the frame, and a trap stub call needs a slot.
use breakwater_core::codegen::backend_rules::STACK_MARGIN;

/// Bytes of the stack check (`lea rcx, [rbp - disp32]; cmp rcx, [r14]; jb rel32`).
pub(crate) const STACK_CHECK_LEN: usize = 16;

/// Turns the stack check in `check` (its bytes) into a `jmp` over it, the rest two 7-byte
/// `nop`s (never run; they keep a disassembly in step).
pub(crate) fn skip_stack_check(check: &mut [u8]) {
    const NOP7: [u8; 7] = [0x0f, 0x1f, 0x80, 0, 0, 0, 0];
    debug_assert_eq!(check.len(), STACK_CHECK_LEN);
    debug_assert_eq!(
        &check[..3],
        &[0x48, 0x8d, 0x8d],
        "not the stack check's lea"
    );
    check[0] = 0xeb;
    check[1] = (STACK_CHECK_LEN - 2) as u8;
    check[2..9].copy_from_slice(&NOP7);
    check[9..].copy_from_slice(&NOP7);
}

/// The SysV integer argument registers after `rdi` (which carries the vmctx).
const LIBCALL_ARGS: [u8; 5] = [RSI, RDX, RCX, R8, R9];

/// Frame-pointer offset of the vmctx slot.
const VMCTX_SLOT: i32 = -8;

impl X64Emitter {
    /// `push rbp; mov rbp, rsp; push r14`, the stack check, then `lea rsp, [rbp - FRAME]`.
    ///
    /// The check compares `rbp - FRAME - STACK_MARGIN` with the limit *before* rsp moves: with a
    /// large frame, checking after the move would let the trap stub's `call` push its return
    /// address up to FRAME bytes below the limit, possibly outside the stack.
    pub(crate) fn emit_prologue(&mut self, homes: &[(Reg, i32, OperandSize)]) {
        x64!(self.ops
            ; push rbp
            ; mov rbp, rsp
            ; push r14
        );
        for &(reg, offset, size) in homes {
            self.emit_store(Base::Frame, offset, reg, size);
        }
        let overflow = self.trap_label(TrapKind::StackOverflow);
        let check = self.ops.offset().0;
        self.lea_below_frame(RCX, STACK_MARGIN);
        // The vmctx's copy of the store's limit: one load.
        self.cmp64_mem(RCX, VMCTX, vmctx::STACK_LIMIT);
        self.jcc(Cond::B, overflow);
        // The core decides whether it stays (see `backend_rules::FrameEnd`).
        if self.ops.offset().0 - check == STACK_CHECK_LEN {
            self.stack_check = Some(check);
        }
        self.reset_sp();
    }

    /// `mov rsp, rbp; pop rbp; ret`. r14 needs no restoring: every callee preserves it.
    pub(crate) fn emit_epilogue(&mut self) {
        x64!(self.ops
            ; mov rsp, rbp
            ; pop rbp
            ; ret
        );
    }

    /// rsp to the area (unless it is at the bottom), `call rel32` (patched at link time), then
    /// back to the frame's bottom.
    pub(crate) fn emit_call_direct(&mut self, func_index: u32, area: CallArea) -> u32 {
        self.sp_to_area(area);
        // `call rel32` with a zero displacement; `LinkedCode::link` fills it in.
        x64!(self.ops
            ; .u8 0xe8
            ; .i32 0
        );
        let ret = self.ops.offset().0 as u32;
        self.add_call_reloc(func_index);
        self.sp_back_from(area);
        ret
    }

    /// `lea rsp, [rbp + offset]` for an area in the frame; nothing for one at the bottom.
    fn sp_to_area(&mut self, area: CallArea) {
        if let CallArea::Frame(offset) = area {
            self.lea(RSP, RBP, offset);
        }
    }

    /// After a call: rsp back to the frame's bottom if it moved (a callee returns with rsp
    /// where the call found it).
    fn sp_back_from(&mut self, area: CallArea) {
        if let CallArea::Frame(_) = area {
            self.reset_sp();
        }
    }

    /// Calls through the `VMFuncRef` at vmctx offset `off`, switching the vmctx for the call.
    pub(crate) fn emit_call_funcref_at(&mut self, off: i32, area: CallArea) -> u32 {
        debug_assert!(off.checked_add(vmctx::FUNCREF_SIZE as i32).is_some());
        self.sp_to_area(area);
        self.ld64(RAX, VMCTX, off.wrapping_add(vmctx::FUNCREF_FUNC_PTR));
        self.ld64(VMCTX, VMCTX, off.wrapping_add(vmctx::FUNCREF_VMCTX));
        x64!(self.ops; call rax);
        let ret = self.ops.offset().0 as u32;
        self.after_call_switching_vmctx(area);
        ret
    }

    /// After a call that changed r14: reload the caller's vmctx from its slot, reset rsp.
    fn after_call_switching_vmctx(&mut self, area: CallArea) {
        self.ld64(VMCTX, RBP, VMCTX_SLOT);
        self.sp_back_from(area);
    }

    /// `call_indirect`: bounds, null and signature checks, then the call through the element.
    pub(crate) fn emit_call_indirect(
        &mut self,
        table_off: i32,
        type_id_off: i32,
        entry_field: i32,
        index: Reg,
        area: CallArea,
    ) -> u32 {
        let index = regs::gpr(index);
        let oob = self.trap_label(TrapKind::UndefinedElement);
        let null = self.trap_label(TrapKind::UninitializedElement);
        let mismatch = self.trap_label(TrapKind::IndirectCallTypeMismatch);

        // The u32 index is zero-extended in its register (see `Emitter::I32_ZERO_EXTENDED`):
        // compare it 64-bit with the table length.
        self.ld64(RCX, VMCTX, table_off);
        self.cmp64_mem(index, RCX, vmctx::TABLE_LENGTH);
        self.jcc(Cond::Ae, oob);
        self.ld64(RCX, RCX, vmctx::TABLE_BASE);
        x64!(self.ops
            ; mov rcx, QWORD [rcx + Rq(index) * 8]
            ; test rcx, rcx
        );
        self.jcc(Cond::E, null);
        // The expected id is a u32 in the vmctx, the record's a u64: `mov edx` zero-extends.
        self.ld32(RDX, VMCTX, type_id_off);
        self.cmp64_mem(RDX, RCX, vmctx::FUNCREF_TYPE_ID);
        self.jcc(Cond::Ne, mismatch);

        self.sp_to_area(area);
        self.ld64(VMCTX, RCX, vmctx::FUNCREF_VMCTX);
        self.call_mem(RCX, entry_field);
        let ret = self.ops.offset().0 as u32;
        self.after_call_switching_vmctx(area);
        ret
    }

    /// A call into Rust with the SysV ABI: `fn(vmctx, a..e) -> LibcallResult{rax, rdx}`.
    ///
    /// The arguments may sit in registers that are themselves SysV argument registers (rsi,
    /// rdi, r8, r9), so they are moved in parallel through the stack: push all, pop into
    /// place. rsp is then aligned to 16 for the call and reset to the frame's bottom (where
    /// it always is between instructions) afterwards.
    pub(crate) fn emit_libcall(
        &mut self,
        call: Libcall,
        args: &[LibcallArg],
        result: Option<Reg>,
        can_trap: bool,
    ) {
        debug_assert!(
            args.len() <= LIBCALL_ARGS.len(),
            "too many libcall arguments"
        );
        debug_assert_eq!(args.len(), call.arity(), "wrong libcall arity for {call:?}");
        let args = &args[..args.len().min(LIBCALL_ARGS.len())];

        for arg in args {
            match *arg {
                LibcallArg::Reg(r @ Reg::Gpr(_)) => x64!(self.ops; push Rq(regs::gpr(r))),
                LibcallArg::Reg(r @ Reg::Fpr(_)) => {
                    x64!(self.ops; movq rax, Rx(regs::fpr(r)); push rax);
                }
                LibcallArg::Imm(v) => {
                    if let Ok(v) = i32::try_from(v as i64) {
                        // `push imm32` sign-extends to 64 bits.
                        x64!(self.ops; push DWORD v);
                    } else {
                        self.mov_imm64(RAX, v);
                        x64!(self.ops; push rax);
                    }
                }
            }
        }
        for &reg in LIBCALL_ARGS[..args.len()].iter().rev() {
            x64!(self.ops; pop Rq(reg));
        }

        let slot = (call as i32) * 8;
        x64!(self.ops
            ; mov rdi, r14
            ; and rsp, -16
        );
        self.ld64(RAX, VMCTX, vmctx::LIBCALLS);
        self.call_mem(RAX, slot);
        self.reset_sp();

        if can_trap {
            let trap = self.libcall_trap_label();
            x64!(self.ops; test rdx, rdx);
            self.jcc(Cond::Ne, trap);
        }
        match result {
            Some(r @ Reg::Gpr(_)) => x64!(self.ops; mov Rq(regs::gpr(r)), rax),
            Some(r @ Reg::Fpr(_)) => x64!(self.ops; movq Rx(regs::fpr(r)), rax),
            None => {}
        }
    }
}
