//! Frames and calls: prologue (with the explicit stack check), epilogue, calls to Wasm
//! functions (direct, through a `VMFuncRef`, `call_indirect`) and libcalls into Rust.
//!
//! Frame layout (see the calling convention in the core's `emitter.rs` and the stack-pointer
//! rules in the crate doc):
//!
//! ```text
//!   [x29 + 16 ...]   argument/result area (the caller's); sp pointed here at the call
//!   [x29 + 8]        saved x30 (return address)
//!   [x29]            caller's x29
//!   [x29 - 8]        vmctx (x28 on entry)
//!   ...              locals and operand slots
//!   [x29 - FRAME]    frame bottom; sp = (x29 - FRAME) & !15 between calls
//! ```
//!
//! Prologue (`A` = the caller's sp, the area's lowest slot, 8-aligned):
//! ```text
//!   sub sp, sp, #32              ; below the frame record and the vmctx slot first
//!   add x16, sp, #16             ; x16 = A - 16, the new fp
//!   stp x29, x30, [x16]
//!   mov x29, x16
//!   stur x28, [x29, #-8]
//!   ldr x9, [x28, #STACK_LIMIT]  ; the vmctx's copy of the store's limit
//!   movz/movk x16, #(FRAME + MARGIN) ; sub x16, x29, x16
//!   cmp x16, x9 ; b.lo overflow   ; before sp moves down by FRAME
//!   add x16, x16, #MARGIN ; and sp, x16, #-16
//! ```
//! Epilogue: `add x16, x29, #16 ; ldp x29, x30, [x29] ; mov sp, x16 ; ret` (sp = A again, and
//! the frame record is read before sp moves above it).

use breakwater_core::codegen::{Base, CallArea, LibcallArg, OperandSize, Reg};
use breakwater_core::libcalls::Libcall;
use breakwater_core::vmctx;
use breakwater_core::TrapKind;
use dynasmrt::DynasmApi;

use crate::asm::Cond;
use crate::emitter::{Aarch64Emitter, CondBranch};
use crate::regs::{self, FP, VMCTX, X1, X10, X11, X12, X13, X16, X9};

use OperandSize::S64;

// The stack check keeps `STACK_MARGIN` bytes free below the frame (the core's rule, see
// `backend_rules`): the next callee's prologue writes 32 bytes (up to 24 below this frame's
// bottom) before its own check. A function without calls (whose check the core may drop,
// `LEAF_FRAME_MAX`) writes nothing below its frame itself.
use breakwater_core::codegen::backend_rules::STACK_MARGIN;

/// Bytes of the stack check and frame reservation: `ldr x9, [x28]; movz/movk x16, FRAME +
/// STACK_MARGIN; sub x16, x29, x16; cmp x16, x9; b.lo overflow; add x16, x16, STACK_MARGIN;
/// and sp, x16, ~15`.
pub(crate) const STACK_CHECK_LEN: usize = 32;

/// Rewrites the stack check and frame reservation in `check` (its bytes) as `sub sp, x29,
/// #frame; b` past them, the rest `nop`s (never run).
pub(crate) fn skip_stack_check(check: &mut [u8], frame: i32) {
    const NOP: u32 = 0xd503_201f;
    debug_assert_eq!(check.len(), STACK_CHECK_LEN);
    debug_assert!((0..=0xfff).contains(&frame) && frame % 16 == 0);
    // SUB (immediate), 64-bit: Rd = sp (31), Rn = x29, imm12 = frame. x29 is 16-aligned
    // (the prologue's `sub sp, sp, 32` keeps sp so) and so is the frame: sp stays aligned.
    let sub = 0xd100_0000 | ((frame as u32 & 0xfff) << 10) | (29 << 5) | 31;
    // B: from the second word to the first past the sequence.
    let b = 0x1400_0000 | ((STACK_CHECK_LEN as u32 - 4) / 4);
    for (i, word) in check.chunks_exact_mut(4).enumerate() {
        let w = match i {
            0 => sub,
            1 => b,
            _ => NOP,
        };
        word.copy_from_slice(&w.to_le_bytes());
    }
}

/// Frame-pointer offset of the vmctx slot.
pub(crate) const VMCTX_SLOT: i32 = -8;

/// Scratch registers that stage libcall arguments (so that arguments sitting in x1..x5 can
/// be moved into x1..x5 in any order).
const STAGE: [u8; 5] = [X9, X10, X11, X12, X13];

impl Aarch64Emitter {
    /// The prologue (see the module doc).
    pub(crate) fn emit_prologue(&mut self, homes: &[(Reg, i32, OperandSize)]) {
        a64!(self.ops
            ; sub sp, sp, 32
            ; add XSP(X16), sp, 16
            ; stp x29, x30, [XSP(X16)]
            ; mov x29, X(X16)
        );
        self.st64(FP, VMCTX_SLOT, VMCTX);
        for &(reg, offset, size) in homes {
            self.emit_store(Base::Frame, offset, reg, size);
        }
        let overflow = self.trap_label(TrapKind::StackOverflow);
        let check = self.pos();
        self.ld64(X9, VMCTX, vmctx::STACK_LIMIT);
        self.frame_size_to_x16(STACK_MARGIN);
        a64!(self.ops
            ; sub X(X16), x29, X(X16)
            ; cmp X(X16), X(X9)
        );
        self.cond_branch_out_of_line(CondBranch::B(Cond::Lo), overflow);
        a64!(self.ops
            ; add XSP(X16), XSP(X16), STACK_MARGIN as u32
            ; and sp, X(X16), 0xffff_ffff_ffff_fff0u64
        );
        // The core decides whether it stays (see `backend_rules::FrameEnd`).
        if self.pos() - check == STACK_CHECK_LEN {
            self.stack_check = Some(check);
        }
    }

    /// The epilogue (see the module doc). x28 needs no restoring: every callee preserves it.
    pub(crate) fn emit_epilogue(&mut self) {
        a64!(self.ops
            ; add XSP(X16), x29, 16
            ; ldp x29, x30, [x29]
            ; mov sp, XSP(X16)
            ; ret
        );
    }

    /// `sp = (x29 - FRAME) & !15`: back to the frame's bottom after a call.
    pub(crate) fn reset_sp(&mut self) {
        self.frame_size_to_x16(0);
        a64!(self.ops
            ; sub X(X16), x29, X(X16)
            ; and sp, X(X16), 0xffff_ffff_ffff_fff0u64
        );
    }

    /// sp to the area (unless it is at the bottom), `bl func` (patched at link time), then
    /// back to the frame's bottom.
    pub(crate) fn emit_call_direct(&mut self, func_index: u32, area: CallArea) -> u32 {
        self.sp_to_area(area);
        self.add_call_reloc(func_index);
        // `bl` to itself; `LinkedCode::link` fills in imm26.
        a64!(self.ops; .u32 0x9400_0000u32);
        let ret = self.pos() as u32;
        self.sp_back_from(area);
        ret
    }

    /// `sp = x29 + offset` for an area in the frame; nothing for one at the bottom.
    fn sp_to_area(&mut self, area: CallArea) {
        if let CallArea::Frame(offset) = area {
            self.set_sp(FP, offset);
        }
    }

    /// After a call: sp back to the frame's bottom if it moved (a callee returns with sp where
    /// the call found it).
    fn sp_back_from(&mut self, area: CallArea) {
        if let CallArea::Frame(_) = area {
            self.reset_sp();
        }
    }

    /// Calls through the `VMFuncRef` at vmctx offset `off`, switching the vmctx for the call.
    pub(crate) fn emit_call_funcref_at(&mut self, off: i32, area: CallArea) -> u32 {
        debug_assert!(off.checked_add(vmctx::FUNCREF_SIZE as i32).is_some());
        self.sp_to_area(area);
        self.ld64(X16, VMCTX, off.wrapping_add(vmctx::FUNCREF_FUNC_PTR));
        self.ld64(VMCTX, VMCTX, off.wrapping_add(vmctx::FUNCREF_VMCTX));
        a64!(self.ops; blr X(X16));
        let ret = self.pos() as u32;
        self.after_call_switching_vmctx(area);
        ret
    }

    /// After a call that changed x28: reload the caller's vmctx from its slot, reset sp.
    fn after_call_switching_vmctx(&mut self, area: CallArea) {
        self.ld64(VMCTX, FP, VMCTX_SLOT);
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
        // Zero-extend the u32 index, compare it 64-bit with the table length.
        self.mov32(X11, index);
        self.ld64(X9, VMCTX, table_off);
        self.ld64(X10, X9, vmctx::TABLE_LENGTH);
        a64!(self.ops; cmp X(X11), X(X10));
        self.cond_branch_out_of_line(CondBranch::B(Cond::Hs), oob);
        self.ld64(X9, X9, vmctx::TABLE_BASE);
        a64!(self.ops; ldr X(X9), [XSP(X9), X(X11), LSL 3]);
        let null = self.trap_label(TrapKind::UninitializedElement);
        self.cond_branch_out_of_line(CondBranch::Cbz(S64, X9), null);
        // The expected id is a u32 in the vmctx, the record's a u64: `ldr w` zero-extends.
        self.ld32(X10, VMCTX, type_id_off);
        self.ld64(X12, X9, vmctx::FUNCREF_TYPE_ID);
        a64!(self.ops; cmp X(X12), X(X10));
        let mismatch = self.trap_label(TrapKind::IndirectCallTypeMismatch);
        self.cond_branch_out_of_line(CondBranch::B(Cond::Ne), mismatch);

        self.sp_to_area(area);
        self.ld64(X16, X9, entry_field);
        self.ld64(VMCTX, X9, vmctx::FUNCREF_VMCTX);
        a64!(self.ops; blr X(X16));
        let ret = self.pos() as u32;
        self.after_call_switching_vmctx(area);
        ret
    }

    /// A call into Rust with AAPCS64: `fn(vmctx x0, a..e in x1..x5) -> LibcallResult{x0, x1}`.
    ///
    /// The arguments may sit in registers that are themselves argument registers, so they are
    /// staged in scratch registers first. sp is already 16-aligned (the frame's bottom), and
    /// x28/x29 are callee-saved in AAPCS64.
    pub(crate) fn emit_libcall(
        &mut self,
        call: Libcall,
        args: &[LibcallArg],
        result: Option<Reg>,
        can_trap: bool,
    ) {
        debug_assert!(args.len() <= STAGE.len(), "too many libcall arguments");
        debug_assert_eq!(args.len(), call.arity(), "wrong libcall arity for {call:?}");
        let args = &args[..args.len().min(STAGE.len())];

        for (arg, &tmp) in args.iter().zip(&STAGE) {
            match *arg {
                LibcallArg::Reg(r @ Reg::Gpr(_)) => self.mov64(tmp, regs::gpr(r)),
                LibcallArg::Reg(r @ Reg::Fpr(_)) => {
                    a64!(self.ops; fmov X(tmp), D(regs::fpr(r)));
                }
                LibcallArg::Imm(v) => self.mov_imm64(tmp, v),
            }
        }
        for (i, &tmp) in STAGE[..args.len()].iter().enumerate() {
            self.mov64(X1 + i as u8, tmp);
        }
        a64!(self.ops; mov x0, x28);
        self.ld64(X16, VMCTX, vmctx::LIBCALLS);
        self.ld64(X16, X16, (call as i32) * 8);
        a64!(self.ops; blr X(X16));

        if can_trap {
            let trap = self.libcall_trap_label();
            self.cond_branch_out_of_line(CondBranch::Cbnz(S64, X1), trap);
        }
        match result {
            Some(r @ Reg::Gpr(_)) => self.mov64(regs::gpr(r), 0),
            Some(r @ Reg::Fpr(_)) => a64!(self.ops; fmov D(regs::fpr(r)), x0),
            None => {}
        }
    }
}
