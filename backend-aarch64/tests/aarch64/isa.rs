//! What the shared tests in `backend-tests/` need from the AArch64 backend: its emitter and
//! ISA, executable memory (with cache maintenance), the calling convention's stack facts, and
//! a few hand-assembled helpers.

use std::sync::atomic::AtomicU64;

use dynasmrt::mmap::MutableBuffer;
use dynasmrt::{dynasm, DynasmApi, ExecutableBuffer};

pub use breakwater_aarch64::{Aarch64Emitter as BackendEmitter, Aarch64Isa as BackendIsa};

use crate::harness::Exec;

/// Bytes a call pushes: none (the return address is in x30), so the stack pointer is
/// 16-aligned at a callee's entry.
pub const CALL_PUSHED_BYTES: u64 = 0;

/// Makes `buf` executable. New code: clean the data cache and invalidate the instruction cache
/// for it.
pub fn make_exec(buf: MutableBuffer) -> ExecutableBuffer {
    dynasmrt::cache_control::synchronize_icache(&buf);
    let buf = buf.make_exec().expect("mprotect");
    dynasmrt::cache_control::prepare_for_execution(&buf);
    buf
}

/// A libcall that returns `sp % 16` at its entry: 0 when the caller aligned the stack.
pub fn alignment_probe() -> Exec {
    let mut ops = dynasmrt::VecAssembler::<dynasmrt::aarch64::Aarch64Relocation>::new(0);
    dynasm!(ops
        ; .arch aarch64
        ; mov x0, sp
        ; and x0, x0, 15
        ; movz x1, 0
        ; ret
    );
    Exec::new(&ops.finalize().unwrap())
}

/// `mov <arg>, sp ; br target`: a libcall entry that adds its entry sp as an argument (x4 or
/// x5).
pub fn sp_thunk(fifth_arg: bool, target: usize) -> Exec {
    let mut ops = dynasmrt::VecAssembler::<dynasmrt::aarch64::Aarch64Relocation>::new(0);
    if fifth_arg {
        dynasm!(ops ; .arch aarch64 ; mov x4, sp);
    } else {
        dynasm!(ops ; .arch aarch64 ; mov x5, sp);
    }
    mov_imm(&mut ops, 16, target as u64);
    dynasm!(ops ; .arch aarch64 ; br x16);
    Exec::new(&ops.finalize().unwrap())
}

/// `movz/movk x<r>, imm` (four instructions).
fn mov_imm(
    ops: &mut dynasmrt::VecAssembler<dynasmrt::aarch64::Aarch64Relocation>,
    r: u8,
    imm: u64,
) {
    let h = |i: u32| ((imm >> (16 * i)) & 0xffff) as u32;
    dynasm!(ops
        ; .arch aarch64
        ; movz X(r), h(0)
        ; movk X(r), h(1), LSL 16
        ; movk X(r), h(2), LSL 32
        ; movk X(r), h(3), LSL 48
    );
}

/// A debug handler that counts its calls in `*counter`, then branches to `target` (the debug
/// handler stub) with x30 and the stack untouched. It clobbers x9, x10 and x16 (scratch), which
/// the stub may too.
pub fn counting_thunk(counter: *const AtomicU64, target: usize) -> Exec {
    let mut ops = dynasmrt::VecAssembler::<dynasmrt::aarch64::Aarch64Relocation>::new(0);
    mov_imm(&mut ops, 9, counter as u64);
    dynasm!(ops
        ; .arch aarch64
        ; ldr x10, [x9]
        ; add x10, x10, 1
        ; str x10, [x9]
    );
    mov_imm(&mut ops, 16, target as u64);
    dynasm!(ops ; .arch aarch64 ; br x16);
    Exec::new(&ops.finalize().unwrap())
}

/// Checks the exact words of an `sp_thunk(true, 0x1122_3344_5566_7788)`.
pub fn check_sp_thunk(t: &Exec) {
    // SAFETY: the mapping holds the thunk's six words.
    let words = unsafe { std::slice::from_raw_parts(t.addr() as *const u32, 6) };
    // mov x4, sp ; movz x16, #0x7788 ; movk x16, #0x5566, lsl 16 ; movk ..., lsl 32 ;
    // movk ..., lsl 48 ; br x16
    assert_eq!(
        words,
        &[
            0x9100_03e4,
            0xd28e_f110,
            0xf2aa_acd0,
            0xf2c6_6890,
            0xf2e2_2450,
            0xd61f_0200
        ]
    );
}
