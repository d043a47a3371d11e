//! x86-64 debug code encodings: the exact bytes of both breakable-point layouts and of the
//! gate load, the `site_returns` table, the filter stub's fast path, and the absence of sites
//! in code compiled without them. (Debug code run for real: the shared `debug` module.)

use breakwater_core::codegen::{
    Base, CompileConfig, Emitter, IntBinKind, IntCmpKind, Isa, LibcallArg, LoadKind, OperandSize,
    Reg, RegImm, StoreKind,
};
use breakwater_core::compiled::CompiledCode;
use breakwater_core::debug::{SiteLayout, GATE_SLOT, SITE_SHIFT, VMDEBUG_AHEAD, VMDEBUG_BITS};
use breakwater_core::libcalls::Libcall;
use breakwater_core::vmctx;
use breakwater_core::TrapKind;
use breakwater_x64::{X64Emitter, X64Isa};
use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter, Mnemonic};

use crate::debug::{compile_test_module, LAYOUTS};
use crate::harness::{build, MEMORY0};
use crate::isa::disasm;

use OperandSize::S64;

/// `cmp qword [rbp-16], 0`.
const CMP_GATE: [u8; 5] = [0x48, 0x83, 0x7d, 0xf0, 0x00];
/// `call qword [r14]`.
const CALL_HANDLER: [u8; 3] = [0x41, 0xff, 0x16];

// ---------------------------------------------------------------------------------------------
// Disassembly helpers

/// Decodes `bytes` as if they started at offset `ip`.
fn decode_at(bytes: &[u8], ip: u64) -> Vec<Instruction> {
    Decoder::with_ip(64, bytes, ip, DecoderOptions::NONE)
        .into_iter()
        .collect()
}

/// Intel syntax of one instruction.
fn fmt(i: &Instruction) -> String {
    let mut s = String::new();
    IntelFormatter::new().format(i, &mut s);
    s
}

/// The one instruction at `at` in `bytes`.
fn instr_at(bytes: &[u8], at: u32) -> Instruction {
    let mut d = Decoder::with_ip(64, &bytes[at as usize..], at as u64, DecoderOptions::NONE);
    d.decode()
}

/// The return offsets `code` reports, checked to be in emission order, each right after a
/// `call qword [r14]`, at least 8 bytes apart (so that `>> SITE_SHIFT` names one site).
fn checked_site_returns(code: &CompiledCode) -> Vec<u32> {
    let r = code.site_returns.clone();
    for &ret in &r {
        let ret = ret as usize;
        assert_eq!(&code.bytes[ret - 3..ret], &CALL_HANDLER, "return {ret:#x}");
        let call = instr_at(&code.bytes, ret as u32 - 3);
        assert_eq!(fmt(&call), "call qword ptr [r14]");
        assert_eq!(call.next_ip(), ret as u64);
    }
    for w in r.windows(2) {
        assert!(
            w[1] >= w[0] + 8,
            "site returns {:#x} and {:#x} too close",
            w[0],
            w[1]
        );
        assert_ne!(w[0] >> SITE_SHIFT, w[1] >> SITE_SHIFT);
    }
    r
}

/// Checks that the site emitted at `start` with `layout` has the exact documented bytes, and
/// returns its return offset.
fn check_site_bytes(code: &CompiledCode, layout: SiteLayout, start: u32) -> u32 {
    let b = &code.bytes;
    let s = start as usize;
    assert_eq!(&b[s..s + 5], &CMP_GATE);
    let cmp = instr_at(b, start);
    assert_eq!(fmt(&cmp), "cmp qword ptr [rbp-10h],0");
    match layout {
        SiteLayout::InlineCall => {
            assert_eq!(
                &b[s..s + 10],
                &[0x48, 0x83, 0x7d, 0xf0, 0x00, 0x74, 0x03, 0x41, 0xff, 0x16]
            );
            let jz = instr_at(b, start + 5);
            assert_eq!(jz.mnemonic(), Mnemonic::Je);
            assert_eq!(jz.len(), 2);
            assert_eq!(
                jz.near_branch_target(),
                start as u64 + 10,
                "jz skips the call"
            );
            let call = instr_at(b, start + 7);
            assert_eq!(fmt(&call), "call qword ptr [r14]");
            start + 10
        }
        SiteLayout::FallThrough => {
            assert_eq!(&b[s + 5..s + 7], &[0x0f, 0x85], "jnz rel32");
            let jnz = instr_at(b, start + 5);
            assert_eq!(jnz.mnemonic(), Mnemonic::Jne);
            assert_eq!(jnz.len(), 6);
            let back = start + 11;
            let cold = jnz.near_branch_target() as u32;
            assert!(cold > back, "the call is out of line, after the site");
            let c = cold as usize;
            assert_eq!(&b[c..c + 3], &CALL_HANDLER);
            assert_eq!(b[c + 3], 0xe9, "jmp rel32");
            assert_eq!(fmt(&instr_at(b, cold)), "call qword ptr [r14]");
            let jmp = instr_at(b, cold + 3);
            assert_eq!(jmp.mnemonic(), Mnemonic::Jmp);
            assert_eq!(jmp.len(), 5);
            assert_eq!(
                jmp.near_branch_target(),
                back as u64,
                "jumps back after the jnz"
            );
            cold + 3
        }
    }
}

/// Builds a function with prologue, `body`, epilogue, returning the code and the start offset
/// of every breakable point `body` emitted (through the `site` callback it is given).
fn build_with_sites(
    frame: u32,
    body: impl FnOnce(&mut X64Emitter, &mut dyn FnMut(&mut X64Emitter)),
    layout: SiteLayout,
) -> (CompiledCode, Vec<u32>) {
    let mut starts = Vec::new();
    let mut e = X64Emitter::new();
    e.prologue();
    {
        let mut site = |e: &mut X64Emitter| {
            starts.push(e.code_offset());
            e.breakable_site(layout);
        };
        body(&mut e, &mut site);
    }
    e.epilogue();
    (e.finish(frame), starts)
}

// ---------------------------------------------------------------------------------------------
// 1. Encodings

#[test]
fn inline_call_site_bytes() {
    let (code, starts) = build_with_sites(
        16,
        |e, site| {
            site(e);
            site(e);
            e.load_const(Reg::Gpr(0), S64, 5);
            site(e);
        },
        SiteLayout::InlineCall,
    );
    let rets = checked_site_returns(&code);
    assert_eq!(rets.len(), 3);
    for (k, &start) in starts.iter().enumerate() {
        assert_eq!(
            check_site_bytes(&code, SiteLayout::InlineCall, start),
            rets[k]
        );
    }
    // Back to back: exactly one site's length apart.
    assert_eq!(starts[1], starts[0] + 10);
    assert_eq!(rets[1] - rets[0], 10);
    let text = disasm(&code.bytes[starts[0] as usize..starts[2] as usize]);
    assert_eq!(
        text,
        &[
            "cmp qword ptr [rbp-10h],0",
            "je short 000000000000000Ah",
            "call qword ptr [r14]",
            "cmp qword ptr [rbp-10h],0",
            "je short 0000000000000014h",
            "call qword ptr [r14]",
            "mov ebx,5",
        ]
    );
}

#[test]
fn fall_through_site_bytes() {
    let (code, starts) = build_with_sites(
        16,
        |e, site| {
            site(e);
            site(e);
            e.load_const(Reg::Gpr(0), S64, 5);
            // A trap stub in the tail too: cold calls and trap stubs must not overlap.
            e.set_source_loc(9);
            e.trap_if_zero(Reg::Gpr(0), TrapKind::NullReference);
            site(e);
        },
        SiteLayout::FallThrough,
    );
    let rets = checked_site_returns(&code);
    assert_eq!(rets.len(), 3);
    for (k, &start) in starts.iter().enumerate() {
        assert_eq!(
            check_site_bytes(&code, SiteLayout::FallThrough, start),
            rets[k]
        );
    }
    // Inline: 11 bytes each; out of line: 8 bytes each, in emission order.
    assert_eq!(starts[1], starts[0] + 11);
    assert_eq!(rets[1], rets[0] + 8);
    assert_eq!(rets[2], rets[1] + 8);
    // The inline part is exactly `cmp ; jnz`, falling through to the next instruction.
    let text = disasm(&code.bytes[starts[0] as usize..starts[2] as usize]);
    assert_eq!(text[0], "cmp qword ptr [rbp-10h],0");
    assert!(text[1].starts_with("jne "), "{}", text[1]);
    assert_eq!(text[2], "cmp qword ptr [rbp-10h],0");
    assert!(text[3].starts_with("jne "), "{}", text[3]);
    assert_eq!(text[4], "mov ebx,5");
    // The cold calls come after the epilogue's `ret`, and are not trap sites.
    let ret_at = decode_at(&code.bytes, 0)
        .iter()
        .find(|i| i.mnemonic() == Mnemonic::Ret)
        .map(|i| i.ip() as u32)
        .unwrap();
    assert!(rets.iter().all(|&r| r > ret_at));
    assert_eq!(code.traps.len(), 2, "stack overflow and null reference");
    for t in &code.traps {
        assert!(!rets.contains(&t.return_offset));
    }
}

#[test]
fn many_sites_have_distinct_indices_in_both_layouts() {
    for layout in LAYOUTS {
        let (code, starts) = build_with_sites(
            16,
            |e, site| {
                for i in 0..200 {
                    site(e);
                    if i % 3 == 0 {
                        e.load_const(Reg::Gpr((i % 9) as u8), S64, i as u64);
                    }
                }
            },
            layout,
        );
        let rets = checked_site_returns(&code);
        assert_eq!(rets.len(), 200);
        for (k, &s) in starts.iter().enumerate() {
            assert_eq!(
                check_site_bytes(&code, layout, s),
                rets[k],
                "{layout:?} site {k}"
            );
        }
        let mut idx: Vec<u32> = rets.iter().map(|r| r >> SITE_SHIFT).collect();
        idx.dedup();
        assert_eq!(idx.len(), 200, "{layout:?}");
    }
}

#[test]
fn load_debug_gate_bytes() {
    for (func, disp) in [(0u32, "rax"), (3, "rax+18h"), (1000, "rax+1F40h")] {
        let mut e = X64Emitter::new();
        e.load_debug_gate(func);
        let c = e.finish(16);
        let text = disasm(&c.bytes);
        assert_eq!(
            &text[..3],
            &[
                "mov rax,[r14+8]".to_string(),
                format!("mov rax,[{disp}]"),
                "mov [rbp-10h],rax".to_string(),
            ]
        );
    }
    const { assert!(vmctx::DEBUG_GATES == 8 && GATE_SLOT == -16 && vmctx::DEBUG_HANDLER == 0) };
}

/// The filter stub's fast path, instruction by instruction (the module doc of `debug_stubs`).
#[test]
fn filter_stub_fast_path_shape() {
    let s = X64Isa.runtime_stubs();
    let ins = decode_at(&s.bytes[s.filter as usize..], s.filter as u64);
    let text: Vec<String> = ins.iter().map(fmt).collect();
    assert_eq!(
        &text[..3],
        &["mov rcx,[r14+38h]", "test rcx,rcx", text[2].as_str()]
    );
    assert_eq!(ins[2].mnemonic(), Mnemonic::Je);
    assert_eq!(
        &text[3..8],
        &[
            "mov rax,[rsp]",
            "sub rax,[r14+30h]",
            "shr rax,3",
            "mov rdx,rax",
            "shr rdx,6"
        ]
    );
    assert_eq!(&text[8..10], &["mov r11,[rcx]", "mov r11,[r11+rdx*8]"]);
    assert_eq!(text[10], "bt r11,rax");
    assert_eq!(ins[11].mnemonic(), Mnemonic::Jb, "jc slow");
    assert_eq!(&text[12..14], &["mov r11,[rcx+8]", "mov r11,[r11+rdx*8]"]);
    assert_eq!(text[14], "bt r11,rax");
    assert_eq!(ins[15].mnemonic(), Mnemonic::Jb, "jc done");
    assert_eq!(text[16], "mov qword ptr [rbp-10h],0");
    assert_eq!(text[17], "ret");
    // Branch targets: detached -> disarm, ahead -> the ret, bit -> right after the ret.
    assert_eq!(ins[2].near_branch_target(), ins[16].ip());
    assert_eq!(ins[15].near_branch_target(), ins[17].ip());
    assert_eq!(ins[11].near_branch_target(), ins[17].next_ip());
    const { assert!(VMDEBUG_BITS == 0 && VMDEBUG_AHEAD == 8 && SITE_SHIFT == 3) };
    const { assert!(vmctx::DEBUG_STATE == 0x38 && vmctx::CODE_BASE == 0x30) };
    // The fast path writes only the scratch registers rax, rcx, rdx, r11 (and the gate slot).
    use iced_x86::Register::{R11, RAX, RCX, RDX};
    for i in &ins[..18] {
        if matches!(i.mnemonic(), Mnemonic::Mov | Mnemonic::Sub | Mnemonic::Shr)
            && i.op0_kind() == iced_x86::OpKind::Register
        {
            let r = i.op0_register();
            assert!([RAX, RCX, RDX, R11].contains(&r), "{} writes {r:?}", fmt(i));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Code compiled without sites has none

/// Whether `bytes` contain a breakable point (gate test or handler call) when disassembled.
fn has_site_pattern(bytes: &[u8]) -> bool {
    disasm(bytes)
        .iter()
        .any(|t| t == "cmp qword ptr [rbp-10h],0" || t == "call qword ptr [r14]")
}

#[test]
fn code_without_sites_has_no_site_pattern() {
    let funcs: Vec<CompiledCode> = vec![
        build(16, |_| {}),
        build(64, |e| {
            e.load(Reg::Gpr(0), Base::Frame, -16, S64);
            e.store(Base::Frame, -24, Reg::Gpr(0), S64);
            e.store_imm(Base::Frame, -16, 0, S64);
            e.int_binop(
                IntBinKind::Add,
                S64,
                Reg::Gpr(1),
                Reg::Gpr(0),
                RegImm::Imm(3),
            );
            e.int_cmp(
                IntCmpKind::Eq,
                S64,
                Reg::Gpr(2),
                Reg::Gpr(1),
                RegImm::Imm(0),
            );
            let l = e.new_label();
            e.branch_if(OperandSize::S32, Reg::Gpr(2), true, l);
            e.wasm_load(LoadKind::I64, MEMORY0, Reg::Gpr(3), Reg::Gpr(1), 8);
            e.wasm_store(StoreKind::I64, MEMORY0, Reg::Gpr(1), 0, Reg::Gpr(3));
            e.bind(l);
            e.libcall(
                Libcall::MemoryGrow,
                &[LibcallArg::Imm(0), LibcallArg::Reg(Reg::Gpr(0))],
                Some(Reg::Gpr(0)),
                true,
            );
            e.call_direct(0, -32);
            e.call_funcref_at(crate::harness::funcref(0), -32);
            e.trap(TrapKind::Unreachable);
        }),
    ];
    for f in &funcs {
        assert!(f.site_returns.is_empty());
        assert!(!has_site_pattern(&f.bytes), "{:#?}", disasm(&f.bytes));
    }
    // The scan does see sites when there are some.
    for layout in LAYOUTS {
        let mut e = X64Emitter::new();
        e.prologue();
        e.breakable_site(layout);
        e.epilogue();
        assert!(has_site_pattern(&e.finish(16).bytes));
    }
}

#[test]
fn front_end_emits_sites_only_for_debug_code() {
    for f in compile_test_module(&CompileConfig::default()) {
        assert!(f.site_returns.is_empty() && f.sites.is_empty());
        assert!(!has_site_pattern(&f.bytes), "{:#?}", disasm(&f.bytes));
        assert!(
            !disasm(&f.bytes).iter().any(|t| t == "mov rax,[r14+8]"),
            "no gate loads either"
        );
    }
    for layout in LAYOUTS {
        let config = CompileConfig {
            debug: true,
            site_layout: layout,
        };
        for f in compile_test_module(&config) {
            let rets = checked_site_returns(&f);
            assert!(!rets.is_empty());
            assert_eq!(f.sites.len(), rets.len());
            for (s, r) in f.sites.iter().zip(&rets) {
                assert_eq!(s.return_offset, *r);
            }
            let text = disasm(&f.bytes);
            let gates = text
                .iter()
                .filter(|t| *t == "cmp qword ptr [rbp-10h],0")
                .count();
            let calls = text.iter().filter(|t| *t == "call qword ptr [r14]").count();
            assert_eq!((gates, calls), (rets.len(), rets.len()), "{layout:?}");
        }
    }
}
