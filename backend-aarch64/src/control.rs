//! Control flow: jumps, conditional branches, `br_table`, `select`, and raising traps.
//!
//! Unconditional branches (`b`, ±128 MiB) go straight to their label. Conditional branches
//! (±1 MiB) go through `Aarch64Emitter::cond_branch`, which handles any distance (see the
//! islands in `emitter.rs`). Traps branch to out-of-line stubs.

use breakwater_core::codegen::{IntCmpKind, OperandSize, Reg, RegImm};
use breakwater_core::TrapKind;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::asm::Cond;
use crate::emitter::{Aarch64Emitter, CondBranch};
use crate::int::int_cond;
use crate::regs::{self, X16, X17};

use OperandSize::{S32, S64};

impl Aarch64Emitter {
    /// `b target`.
    pub(crate) fn emit_jump(&mut self, target: DynamicLabel) {
        self.reference(target);
        a64!(self.ops; b =>target);
    }

    /// Jump if `cond` is zero (`if_zero`) or nonzero: `cbz`/`cbnz`.
    pub(crate) fn emit_branch_if(
        &mut self,
        size: OperandSize,
        cond: Reg,
        if_zero: bool,
        target: DynamicLabel,
    ) {
        self.reference(target);
        let r = regs::gpr(cond);
        let br = if if_zero {
            CondBranch::Cbz(size, r)
        } else {
            CondBranch::Cbnz(size, r)
        };
        self.cond_branch(br, target);
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
        self.cond_branch(CondBranch::B(int_cond(kind)), target);
    }

    /// `br_table`: an unsigned bounds check, then an indirect jump into a table of `b`
    /// instructions placed right after it (so `adr` always reaches it, and each entry reaches
    /// ±128 MiB):
    ///
    /// ```text
    ///   mov w16, w<index> ; cmp w16, #count ; b.hs default
    ///   adr x17, table ; add x17, x17, x16, lsl #2 ; br x17
    /// table: b target_0 ; b target_1 ; ...
    /// ```
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
            a64!(self.ops; b =>default);
            return;
        }
        debug_assert!(u32::try_from(targets.len()).is_ok());
        let count = u32::try_from(targets.len()).unwrap_or(u32::MAX);
        let table = self.fresh_label();
        // 32-bit compare: only the low half of the i32 index is defined.
        self.mov32(X16, regs::gpr(index));
        self.cmp_imm(S32, X16, count as i64);
        self.cond_branch(CondBranch::B(Cond::Hs), default);
        a64!(self.ops
            ; adr X(X17), =>table
            ; add X(X17), X(X17), X(X16), LSL 2
            ; br X(X17)
        );
        self.bind_label(table);
        for &t in targets {
            a64!(self.ops; b =>t);
        }
    }

    /// Raises `kind` unconditionally.
    pub(crate) fn emit_trap(&mut self, kind: TrapKind) {
        let stub = self.trap_label(kind);
        a64!(self.ops; b =>stub);
    }

    /// Raises `kind` if the 64-bit `value` is zero.
    pub(crate) fn emit_trap_if_zero(&mut self, value: Reg, kind: TrapKind) {
        let stub = self.trap_label(kind);
        self.cond_branch_out_of_line(CondBranch::Cbz(S64, regs::gpr(value)), stub);
    }

    /// `dst = cond != 0 ? if_true : if_false` with `csel`/`fcsel` (any aliasing: all sources
    /// are read before the destination is written).
    pub(crate) fn emit_select(
        &mut self,
        size: OperandSize,
        dst: Reg,
        cond: Reg,
        if_true: Reg,
        if_false: Reg,
    ) {
        a64!(self.ops; cmp WSP(regs::gpr(cond)), 0);
        match dst {
            Reg::Gpr(_) => {
                let (d, t, f) = (regs::gpr(dst), regs::gpr(if_true), regs::gpr(if_false));
                match size {
                    S32 => a64!(self.ops; csel W(d), W(t), W(f), ne),
                    S64 => a64!(self.ops; csel X(d), X(t), X(f), ne),
                }
            }
            Reg::Fpr(_) => {
                let (d, t, f) = (regs::fpr(dst), regs::fpr(if_true), regs::fpr(if_false));
                // Whole 64 bits either way: an f32's upper half is unspecified.
                a64!(self.ops; fcsel D(d), D(t), D(f), ne);
            }
        }
    }
}
