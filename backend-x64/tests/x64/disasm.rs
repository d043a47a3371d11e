//! Disassembly checks (iced-x86) of encodings that execution tests would not pin down: the
//! exact prologue/epilogue, the patched frame size, the call/trap-stub shapes that relocations
//! and trap sites point into, dynamic-register corner cases, and the runtime stubs' layout.

use breakwater_core::codegen::backend_rules::FrameEnd;
use breakwater_core::codegen::{
    Base, CallArea, Emitter, IntCmpKind, Isa, LoadKind, MemoryRef, OperandSize, Reg, RegImm,
};
use breakwater_core::TrapKind;
use breakwater_x64::{X64Emitter, X64Isa};
use iced_x86::{Decoder, DecoderOptions, Mnemonic};

use crate::harness::MEMORY0;
use crate::isa::disasm;

/// Disassembly of the code emitted by `body` between the prologue and the epilogue.
fn body_disasm(body: impl FnOnce(&mut X64Emitter)) -> Vec<String> {
    let mut e = X64Emitter::new();
    let start = e.code_offset() as usize;
    body(&mut e);
    let end = e.code_offset() as usize;
    let c = e.finish(FrameEnd::new(8, true));
    disasm(&c.bytes[start..end])
}

#[test]
fn prologue_and_epilogue() {
    let mut e = X64Emitter::new();
    e.prologue(&[]);
    e.epilogue();
    // A frame too large to skip the check in a function without calls.
    let c = e.finish(FrameEnd::new(200, true));
    let text = disasm(&c.bytes);
    assert_eq!(
        &text[..9],
        &[
            "push rbp",
            "mov rbp,rsp",
            "push r14",
            // The check first: 200 bytes rounded up to 208, plus the 256-byte margin, against
            // the vmctx's copy of the stack limit (one load).
            "lea rcx,[rbp-1D0h]",
            "cmp rcx,[r14]",
            // To the stack-overflow stub at the end (rel32).
            "jb 0000000000000022h",
            // Then the frame: rsp stays 16-aligned relative to rbp.
            "lea rsp,[rbp-0D0h]",
            "mov rsp,rbp",
            "pop rbp",
        ]
    );
    assert_eq!(
        &text[9..],
        &["ret", "mov r11d,9", "call qword ptr [r14+20h]"]
    );
    assert_eq!(c.traps.len(), 1);
    assert_eq!(c.traps[0].return_offset as usize, c.bytes.len());
}

#[test]
fn functions_without_calls_and_small_frames_skip_the_stack_check() {
    let prologue = |call: bool, frame: u32| {
        let mut e = X64Emitter::new();
        e.prologue(&[]);
        if call {
            e.call_direct(0, CallArea::Bottom);
        }
        e.epilogue();
        let c = e.finish(FrameEnd::new(frame, call));
        disasm(&c.bytes)[3..7].to_vec()
    };
    // Up to 128 bytes: a jump over the check (its bytes left as two nops, never run).
    assert_eq!(
        prologue(false, 128),
        [
            "jmp short 0000000000000016h",
            "nop [rax]",
            "nop [rax]",
            "lea rsp,[rbp-80h]"
        ]
    );
    // Larger, or with a call: the check.
    assert_eq!(prologue(false, 129)[0], "lea rcx,[rbp-190h]");
    assert_eq!(prologue(true, 8)[0], "lea rcx,[rbp-110h]");
}

#[test]
fn call_direct_shape_and_reloc() {
    let mut e = X64Emitter::new();
    e.call_direct(7, CallArea::Frame(-24));
    let c = e.finish(FrameEnd::new(24, true));
    assert_eq!(
        disasm(&c.bytes),
        &["lea rsp,[rbp-18h]", "call 9", "lea rsp,[rbp-20h]"]
    );
    assert_eq!(c.relocs.len(), 1);
    let r = c.relocs[0];
    assert_eq!((r.offset, r.target), (5, 7));
    assert_eq!(c.bytes[4], 0xe8, "the reloc is the rel32 of a call");
}

#[test]
fn call_with_the_area_at_the_bottom_leaves_rsp_alone() {
    let mut e = X64Emitter::new();
    e.call_direct(7, CallArea::Bottom);
    let c = e.finish(FrameEnd::new(24, true));
    assert_eq!(disasm(&c.bytes), &["call 5"]);
    assert_eq!((c.relocs[0].offset, c.relocs[0].target), (1, 7));
}

#[test]
fn trap_sites_point_after_the_stub_call() {
    let mut e = X64Emitter::new();
    e.set_source_loc(3);
    e.trap(TrapKind::IntegerDivideByZero);
    e.set_source_loc(4);
    e.trap(TrapKind::IntegerDivideByZero);
    e.set_source_loc(5);
    e.trap(TrapKind::Unreachable);
    let c = e.finish(FrameEnd::new(8, true));
    let text = disasm(&c.bytes);
    // Two sites of one code share a tail that jumps to the trap stub; a code with one site
    // calls the stub itself.
    assert_eq!(
        &text[3..],
        &[
            "call 0000000000000023h",
            "call 0000000000000023h",
            "mov r11d,1",
            "call qword ptr [r14+20h]",
            "mov r11d,2",
            "jmp qword ptr [r14+20h]",
        ]
    );
    let ends: Vec<u32> = call_ends(&c.bytes);
    let sites: Vec<(u32, u32)> = c
        .traps
        .iter()
        .map(|t| (t.return_offset, t.bytecode_offset))
        .collect();
    assert_eq!(sites, vec![(ends[0], 3), (ends[1], 4), (ends[2], 5)]);
}

/// End offsets of the `call` instructions in `bytes`.
fn call_ends(bytes: &[u8]) -> Vec<u32> {
    Decoder::with_ip(64, bytes, 0, DecoderOptions::NONE)
        .into_iter()
        .filter(|i| i.mnemonic() == Mnemonic::Call)
        .map(|i| i.next_ip() as u32)
        .collect()
}

#[test]
fn dynamic_register_corner_cases() {
    let text = body_disasm(|e| {
        // cmp with an immediate must not use the rax-only short form.
        e.int_cmp(
            IntCmpKind::LtS,
            OperandSize::S32,
            Reg::Gpr(0),
            Reg::Gpr(1),
            RegImm::Imm(5),
        );
        // r12 as a base needs a SIB byte, r13 a displacement.
        e.load(Reg::Gpr(0), Base::Reg(Reg::Gpr(6)), 0, OperandSize::S64);
        e.load(Reg::Gpr(0), Base::Reg(Reg::Gpr(7)), 0, OperandSize::S64);
        // Frame offsets beyond disp8.
        e.store(Base::Frame, -300, Reg::Gpr(8), OperandSize::S32);
    });
    assert_eq!(
        text,
        &[
            "cmp esi,5",
            "setl al",
            "movzx ebx,al",
            "mov rbx,[r12]",
            "mov rbx,[r13]",
            "mov [rbp-12Ch],r15d",
        ]
    );
}

#[test]
fn bounds_checked_load_shape() {
    let text = body_disasm(|e| {
        e.wasm_load(
            LoadKind::I32S8,
            MemoryRef::Vmctx(MEMORY0),
            Reg::Gpr(2),
            Reg::Gpr(3),
            16,
        )
    });
    assert_eq!(
        text,
        &[
            "mov rcx,[r14+50h]",
            "mov eax,r8d",
            "lea rdx,[rax+11h]",
            "cmp rdx,[rcx+8]",
            // To the out-of-bounds stub right after this body.
            "ja 000000000000001Eh",
            "mov rcx,[rcx]",
            "movsx edi,byte ptr [rcx+rax+10h]",
        ]
    );
    // An offset beyond imm32: 64-bit add with a carry check, offset added to the index.
    let text = body_disasm(|e| {
        e.wasm_load(
            LoadKind::I64,
            MemoryRef::Vmctx(MEMORY0),
            Reg::Gpr(2),
            Reg::Gpr(3),
            0x1_0000_0000,
        )
    });
    assert_eq!(
        text,
        &[
            "mov rcx,[r14+50h]",
            "mov eax,r8d",
            "mov rdx,100000008h",
            "add rdx,rax",
            "jb 0000000000000039h",
            "cmp rdx,[rcx+8]",
            "ja 0000000000000039h",
            "mov rcx,[rcx]",
            "mov rdx,100000000h",
            "add rax,rdx",
            "mov rdi,[rcx+rax]",
        ]
    );
}

#[test]
fn runtime_stubs_layout() {
    let s = X64Isa.runtime_stubs();
    assert_eq!(X64Isa.name(), "x86_64");
    // Every stub offset is an instruction boundary, and nothing decodes as invalid.
    let boundaries: Vec<u32> = Decoder::with_ip(64, &s.bytes, 0, DecoderOptions::NONE)
        .into_iter()
        .inspect(|i| assert!(!i.is_invalid(), "invalid instruction at {:#x}", i.ip()))
        .map(|i| i.ip() as u32)
        .collect();
    for off in [s.entry, s.trap, s.host_adapter, s.debug_handler] {
        assert!(boundaries.contains(&off), "{off:#x}");
    }
    let at = |off: u32| disasm(&s.bytes[off as usize..]);
    assert_eq!(&at(s.entry)[..3], &["push rbp", "mov rbp,rsp", "push rbx"]);
    // The trap stub starts with the debug stop (see `tests/x64/debug.rs`), skipped when no
    // debugger is attached, then unwinds.
    let trap = Decoder::with_ip(
        64,
        &s.bytes[s.trap as usize..],
        s.trap as u64,
        DecoderOptions::NONE,
    )
    .into_iter()
    .take(2)
    .collect::<Vec<_>>();
    assert_eq!(
        disasm(&s.bytes[s.trap as usize..])[0],
        "cmp qword ptr [r14+38h],0"
    );
    assert_eq!(trap[1].mnemonic(), Mnemonic::Je);
    let unwind = trap[1].near_branch_target() as u32;
    assert_eq!(
        &at(unwind)[..6],
        &[
            "pop rax",
            "mov rcx,[r14+10h]",
            "mov [rcx+10h],r11",
            "mov [rcx+18h],rax",
            "mov [rcx+20h],r14",
            // The callers' return addresses, for the backtrace (see `record_callers`).
            "lea rdx,[rcx+30h]",
        ]
    );
    assert_eq!(
        disasm(&s.bytes[s.host_adapter as usize..s.debug_handler as usize]),
        &[
            "push rbp",
            "mov rbp,rsp",
            // The argument registers to the register block, the callback's third argument.
            "sub rsp,40h",
            "mov [rsp],rbx",
            "mov [rsp+8],rsi",
            "mov [rsp+10h],rdi",
            "mov [rsp+18h],r8",
            "movq [rsp+20h],xmm0",
            "movq [rsp+28h],xmm1",
            "movq [rsp+30h],xmm2",
            "movq [rsp+38h],xmm3",
            "mov rdx,rsp",
            "lea rsi,[rbp+10h]",
            "mov rdi,r14",
            "and rsp,0FFFFFFFFFFFFFFF0h",
            "call qword ptr [r14+40h]",
            // The result registers from it.
            "mov rbx,[rbp-40h]",
            "movq xmm0,[rbp-20h]",
            "mov rsp,rbp",
            "pop rbp",
            "test rax,rax",
            "jne 000000000000005Ch",
            "ret",
            "mov r11,rax",
            "call qword ptr [r14+20h]",
        ]
    );
}
