//! What the shared tests in `backend-tests/` need from the x86-64 backend: its emitter and
//! ISA, executable memory, the calling convention's stack facts, and a few hand-assembled
//! helpers.

use std::sync::atomic::AtomicU64;

use dynasmrt::mmap::MutableBuffer;
use dynasmrt::{dynasm, DynasmApi, ExecutableBuffer};
use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter};

pub use breakwater_x64::{X64Emitter as BackendEmitter, X64Isa as BackendIsa};

use crate::harness::Exec;

/// Bytes a call pushes (the return address): at a callee's entry the stack pointer is this
/// much below a 16-byte boundary.
pub const CALL_PUSHED_BYTES: u64 = 8;

/// Makes `buf` executable.
pub fn make_exec(buf: MutableBuffer) -> ExecutableBuffer {
    buf.make_exec().expect("mprotect")
}

/// A libcall that returns `(rsp + 8) % 16` at its entry: 0 when the caller aligned the stack.
pub fn alignment_probe() -> Exec {
    let mut ops = dynasmrt::VecAssembler::<dynasmrt::x64::X64Relocation>::new(0);
    dynasm!(ops
        ; .arch x64
        ; lea rax, [rsp + 8]
        ; and eax, 15
        ; xor edx, edx
        ; ret
    );
    Exec::new(&ops.finalize().unwrap())
}

/// `mov <arg>, rsp ; jmp target`: a libcall entry that adds its entry rsp as an argument (r8
/// or r9).
pub fn sp_thunk(fifth_arg: bool, target: usize) -> Exec {
    let mut ops = dynasmrt::VecAssembler::<dynasmrt::x64::X64Relocation>::new(0);
    if fifth_arg {
        dynasm!(ops ; .arch x64 ; mov r8, rsp);
    } else {
        dynasm!(ops ; .arch x64 ; mov r9, rsp);
    }
    dynasm!(ops
        ; .arch x64
        ; mov rax, QWORD target as i64
        ; jmp rax
    );
    Exec::new(&ops.finalize().unwrap())
}

/// A debug handler that counts its calls in `*counter`, then jumps to `target` (the debug
/// handler stub) with the stack untouched. It clobbers rax and the flags, which a machine site
/// may clobber too.
pub fn counting_thunk(counter: *const AtomicU64, target: usize) -> Exec {
    let mut ops = dynasmrt::VecAssembler::<dynasmrt::x64::X64Relocation>::new(0);
    dynasm!(ops
        ; .arch x64
        ; mov rax, QWORD counter as i64
        ; lock inc QWORD [rax]
        ; mov rax, QWORD target as i64
        ; jmp rax
    );
    Exec::new(&ops.finalize().unwrap())
}

/// Checks the exact instructions of an `sp_thunk(true, 0x1122_3344_5566_7788)`.
pub fn check_sp_thunk(t: &Exec) {
    // SAFETY: the mapping is `len` readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(t.addr() as *const u8, 15) };
    assert_eq!(
        disasm(bytes),
        &["mov r8,rsp", "mov rax,1122334455667788h", "jmp rax"]
    );
}

/// Disassembles `bytes` (Intel syntax, addresses relative to 0).
pub fn disasm(bytes: &[u8]) -> Vec<String> {
    let mut decoder = Decoder::with_ip(64, bytes, 0, DecoderOptions::NONE);
    let mut formatter = IntelFormatter::new();
    let mut out = Vec::new();
    let mut instr = Instruction::default();
    while decoder.can_decode() {
        decoder.decode_out(&mut instr);
        let mut s = String::new();
        formatter.format(&instr, &mut s);
        out.push(s);
    }
    out
}
