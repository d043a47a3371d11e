//! Control flow: jumps, conditional branches, `br_table`, `select`, and raising traps.
//!
//! Branches to front-end labels always use rel32 forms: their distance is unknown when
//! emitted. Traps jump to out-of-line stubs in the function's tail (see `emitter.rs`).

use breakwater_core::codegen::{IntCmpKind, OperandSize, Reg, RegImm};
use breakwater_core::TrapKind;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::asm::Cond;
use crate::emitter::X64Emitter;
use crate::int::int_cond;
use crate::regs;

use OperandSize::{S32, S64};

impl X64Emitter {
    /// `jmp target`.
    pub(crate) fn emit_jump(&mut self, target: DynamicLabel) {
        self.reference(target);
        self.jump_rel32(None, target);
    }

    /// Jump if `cond` is zero (`if_zero`) or nonzero.
    pub(crate) fn emit_branch_if(
        &mut self,
        size: OperandSize,
        cond: Reg,
        if_zero: bool,
        target: DynamicLabel,
    ) {
        self.reference(target);
        self.test_self(size, regs::gpr(cond));
        self.jcc(if if_zero { Cond::E } else { Cond::Ne }, target);
    }

    /// Jump if `lhs kind rhs`.
    pub(crate) fn emit_branch_cmp(
        &mut self,
        kind: IntCmpKind,
        size: OperandSize,
        lhs: Reg,
        rhs: RegImm,
        target: DynamicLabel,
    ) {
        self.reference(target);
        self.cmp_reg_imm(size, lhs, rhs);
        self.jcc(int_cond(kind), target);
    }

    /// Flags of `r & r` at `size`.
    fn test_self(&mut self, size: OperandSize, r: u8) {
        self.enc_rr(crate::enc::op::TEST, size, r, r);
    }

    /// `br_table`: an unsigned bounds check, then an indirect jump through a table of 32-bit
    /// entries in the function's tail. Entry `i` holds `target_i - (address of entry i)` (the
    /// `.rel32` directive), so the code is position independent.
    pub(crate) fn emit_jump_table(
        &mut self,
        index: Reg,
        targets: &[DynamicLabel],
        default: DynamicLabel,
    ) {
        self.reference(default);
        for &t in targets {
            self.reference(t);
        }
        if targets.is_empty() {
            self.jump_rel32(None, default);
            return;
        }
        debug_assert!(u32::try_from(targets.len()).is_ok());
        let count = u32::try_from(targets.len()).unwrap_or(u32::MAX);
        let table = self.fresh_label();
        let i = regs::gpr(index);
        // 32-bit compare: only the low half of the i32 index is defined.
        x64!(self.ops
            ; mov eax, Rd(i)
            ; cmp eax, DWORD count as i32
        );
        self.jcc(Cond::Ae, default);
        x64!(self.ops
            ; lea rcx, [=>table]
            ; lea rcx, [rcx + rax * 4]
            ; movsxd rdx, DWORD [rcx]
            ; add rcx, rdx
            ; jmp rcx
        );
        self.add_jump_table(table, targets.to_vec());
    }

    /// Raises `kind` unconditionally.
    pub(crate) fn emit_trap(&mut self, kind: TrapKind) {
        let stub = self.trap_label(kind);
        self.jump_rel32(None, stub);
    }

    /// Raises `kind` if the 64-bit `value` is zero.
    pub(crate) fn emit_trap_if_zero(&mut self, value: Reg, kind: TrapKind) {
        let stub = self.trap_label(kind);
        self.test_self(S64, regs::gpr(value));
        self.jcc(Cond::E, stub);
    }

    /// `dst = cond != 0 ? if_true : if_false`, any aliasing among the four registers.
    ///
    /// The test comes first, so that overwriting `dst` (which may be `cond`) afterwards is
    /// harmless: moves do not touch the flags.
    pub(crate) fn emit_select(
        &mut self,
        size: OperandSize,
        dst: Reg,
        cond: Reg,
        if_true: Reg,
        if_false: Reg,
    ) {
        self.test_self(S32, regs::gpr(cond));
        match dst {
            Reg::Gpr(_) => {
                let (d, t, f) = (regs::gpr(dst), regs::gpr(if_true), regs::gpr(if_false));
                if d == t {
                    self.cmov(size, false, d, f);
                } else {
                    // Covers d == f too (the move is then skipped).
                    self.mov_rr(size, d, f);
                    self.cmov(size, true, d, t);
                }
            }
            Reg::Fpr(_) => {
                let (d, t, f) = (regs::fpr(dst), regs::fpr(if_true), regs::fpr(if_false));
                let skip = self.fresh_label();
                if d == t {
                    self.jcc_short(Cond::Ne, skip);
                    self.movaps(d, f);
                } else if d == f {
                    self.jcc_short(Cond::E, skip);
                    self.movaps(d, t);
                } else {
                    self.movaps(d, f);
                    self.jcc_short(Cond::E, skip);
                    self.movaps(d, t);
                }
                self.bind_label(skip);
            }
        }
    }

    /// `cmovnz dst, src` (`if_nonzero`) or `cmovz dst, src`.
    fn cmov(&mut self, size: OperandSize, if_nonzero: bool, dst: u8, src: u8) {
        match (size, if_nonzero) {
            (S32, true) => x64!(self.ops; cmovnz Rd(dst), Rd(src)),
            (S32, false) => x64!(self.ops; cmovz Rd(dst), Rd(src)),
            (S64, true) => x64!(self.ops; cmovnz Rq(dst), Rq(src)),
            (S64, false) => x64!(self.ops; cmovz Rq(dst), Rq(src)),
        }
    }
}
