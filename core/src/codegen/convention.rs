//! The internal calling convention of compiled Wasm functions, which the front end, both
//! backends' runtime stubs and the runtime's calls into and out of Wasm share.
//!
//! - The caller reserves an argument/result area of `max(params, results)` slots at its
//!   stack pointer (see [`crate::types::FuncType::area_slots`]); value `i` of a function with
//!   `K` slots is at `fp + 16 + 8 * (K - 1 - i)` in the callee.
//! - The first [`ARG_GPRS`] integer and reference arguments travel in `Reg::Gpr(0..)`, the
//!   first [`ARG_FPRS`] float arguments in `Reg::Fpr(0..)`, in order; the others in their
//!   area slots. The callee stores its register arguments in their slots before anything
//!   else (a debugger finds every parameter in its slot) and keeps them as cached copies.
//! - A single result comes back in the first register of its class; several results come
//!   back in the area.
//!
//! The entry trampoline and the host adapter do not know signatures: they exchange every
//! argument register and both result registers with the runtime through a *register block*
//! of [`REG_BLOCK_WORDS`] words (GPR `j` at word `j`, FPR `j`'s low 64 bits at word
//! `ARG_GPRS + j`), which the runtime fills and reads by signature
//! ([`block_word`]).

use super::emitter::Reg;
use crate::types::ValType;

/// Integer and reference arguments passed in registers: `Reg::Gpr(0..ARG_GPRS)`.
pub const ARG_GPRS: u8 = 4;
/// Float arguments passed in registers: `Reg::Fpr(0..ARG_FPRS)`.
pub const ARG_FPRS: u8 = 4;
/// Words of the register block (see the module documentation).
pub const REG_BLOCK_WORDS: usize = (ARG_GPRS + ARG_FPRS) as usize;

/// The register of each of `params` (in order), or `None` for one passed in its slot.
pub fn arg_regs(params: &[ValType]) -> impl Iterator<Item = Option<Reg>> + '_ {
    let (mut gprs, mut fprs) = (0u8, 0u8);
    params.iter().map(move |ty| {
        if ty.is_float() {
            let r = (fprs < ARG_FPRS).then_some(Reg::Fpr(fprs));
            fprs = fprs.saturating_add(1);
            r
        } else {
            let r = (gprs < ARG_GPRS).then_some(Reg::Gpr(gprs));
            gprs = gprs.saturating_add(1);
            r
        }
    })
}

/// The register a function with `results` returns its result in, if it has one result.
pub fn result_reg(results: &[ValType]) -> Option<Reg> {
    match results {
        [ty] if ty.is_float() => Some(Reg::Fpr(0)),
        [_] => Some(Reg::Gpr(0)),
        _ => None,
    }
}

/// The register block word of argument or result register `reg`.
pub fn block_word(reg: Reg) -> usize {
    match reg {
        Reg::Gpr(j) => j as usize,
        Reg::Fpr(j) => (ARG_GPRS + j) as usize,
    }
}

/// The register block word for a value of type `ty` with bits `bits` from the runtime or a
/// host: an i32 zero-extended, whatever its upper half held (a backend may rely on i32s in
/// registers being zero-extended, see `Emitter::I32_ZERO_EXTENDED`: the x86-64 one indexes
/// guarded memory with them as they are).
#[inline]
pub fn block_value(ty: ValType, bits: u64) -> u64 {
    if ty == ValType::I32 {
        bits as u32 as u64
    } else {
        bits
    }
}

/// Copies the register arguments among `values` (a call's area in value order, as
/// `Store::call_values` takes it) into a register block (see [`block_value`]).
pub fn args_to_block(params: &[ValType], values: &[u64], block: &mut [u64; REG_BLOCK_WORDS]) {
    for ((reg, &ty), v) in arg_regs(params).zip(params).zip(values) {
        if let Some(r) = reg {
            block[block_word(r)] = block_value(ty, *v);
        }
    }
}

/// Copies the register arguments of a register block into `values` (the area, in value
/// order), where a host function reads every argument.
pub fn block_to_args(params: &[ValType], block: &[u64; REG_BLOCK_WORDS], values: &mut [u64]) {
    for (reg, v) in arg_regs(params).zip(values.iter_mut()) {
        if let Some(r) = reg {
            *v = block[block_word(r)];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValType::*;

    #[test]
    fn arguments_fill_each_class_in_order_then_the_area() {
        let params = [I32, F64, I64, F32, I32, I32, I32, F64, F64, F64];
        let regs: alloc::vec::Vec<_> = arg_regs(&params).collect();
        assert_eq!(
            regs,
            [
                Some(Reg::Gpr(0)),
                Some(Reg::Fpr(0)),
                Some(Reg::Gpr(1)),
                Some(Reg::Fpr(1)),
                Some(Reg::Gpr(2)),
                Some(Reg::Gpr(3)),
                None,
                Some(Reg::Fpr(2)),
                Some(Reg::Fpr(3)),
                None,
            ]
        );
        let values: alloc::vec::Vec<u64> = (1..=10).collect();
        let mut block = [0; REG_BLOCK_WORDS];
        args_to_block(&params, &values, &mut block);
        assert_eq!(block, [1, 3, 5, 6, 2, 4, 8, 9]);
        // Only the low half of an i32 is its value: the block holds it zero-extended.
        let high = 0xf << 32;
        let dirty: alloc::vec::Vec<u64> = values.iter().map(|v| v | high).collect();
        let mut dirty_block = [0; REG_BLOCK_WORDS];
        args_to_block(&params, &dirty, &mut dirty_block);
        let h = high;
        assert_eq!(dirty_block, [1, 3 | h, 5, 6, 2 | h, 4 | h, 8 | h, 9 | h]);
        let mut back = [0u64; 10];
        block_to_args(&params, &block, &mut back);
        assert_eq!(back, [1, 2, 3, 4, 5, 6, 0, 8, 9, 0]);
        assert_eq!(result_reg(&[F32]), Some(Reg::Fpr(0)));
        assert_eq!(result_reg(&[ExternRef]), Some(Reg::Gpr(0)));
        assert_eq!(result_reg(&[I32, I32]), None);
    }
}
