//! x86-64 debug code encodings: the exact bytes of machine sites (register tests of the mask's
//! first 64 bits, then memory tests through the gate with 8-bit and 32-bit displacements), of
//! the gate loads and of the out-of-line handler calls; the backend's
//! `site_returns`/`site_resumes`; the front end's machine sites and their groups; and the
//! absence of sites in code compiled without them. (Debug code run for real: the shared
//! `debug` module.)

use breakwater_core::codegen::backend_rules::FrameEnd;
use breakwater_core::codegen::{
    Base, CallArea, CompileConfig, Emitter, IntBinKind, IntCmpKind, LibcallArg, LoadKind,
    MemoryRef, OperandSize, Reg, RegImm, StoreKind,
};
use breakwater_core::compiled::CompiledCode;
use breakwater_core::debug::abi::{mask_bit, mask_disp, site_bit, MaskBlock, REGISTER_SITES};
use breakwater_core::libcalls::Libcall;
use breakwater_core::vmctx;
use breakwater_core::TrapKind;
use breakwater_x64::X64Emitter;
use iced_x86::{
    Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter, Mnemonic, OpKind, Register,
};

use crate::debug::{compile_test_module, RECORDING};
use crate::harness::{build, MEMORY0};
use crate::isa::disasm;

use OperandSize::S64;

/// `call qword [r15 - 8]`: every out-of-line handler call.
const CALL_GATE: [u8; 4] = [0x41, 0xff, 0x57, 0xf8];
/// Its text.
const CALL_GATE_TEXT: &str = "call qword ptr [r15-8]";
/// The function the sites of the hand-built code belong to.
const SITES_FUNC: u32 = 3;
/// `mov r11, [r15 + 16 * SITES_FUNC]`: a far site's gate load.
const LOAD_GATE_3: [u8; 7] = [0x4d, 0x8b, 0x9f, 0x30, 0, 0, 0];
/// Sites from this one on need a 32-bit displacement.
const FIRST_DISP32_SITE: u32 = 1983;

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

/// A number as iced's Intel formatter writes it: decimal below 10, else hex with an `h`
/// suffix (and a leading 0 before a letter).
fn iced_number(v: u64) -> String {
    if v < 10 {
        return v.to_string();
    }
    let hex = format!("{v:X}");
    if hex.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("0{hex}h")
    } else {
        format!("{hex}h")
    }
}

/// The exact inline bytes of machine site `k` up to its branch's opcode (without the
/// rel32), and the branch's mnemonic.
fn site_prefix(k: u32) -> (Vec<u8>, Mnemonic) {
    let bit = mask_bit(k);
    let mut b = if bit < 8 {
        vec![0x41, 0xf6, 0xc5, 1 << bit]
    } else if bit < 32 {
        let mut b = vec![0x41, 0xf7, 0xc5];
        b.extend_from_slice(&(1u32 << bit).to_le_bytes());
        b
    } else if k < REGISTER_SITES {
        vec![0x49, 0x0f, 0xba, 0xe5, bit as u8]
    } else {
        let (byte, bit) = site_bit(k);
        let disp = mask_disp(byte);
        let mut b = LOAD_GATE_3.to_vec();
        match i8::try_from(disp) {
            Ok(d8) => b.extend([0x41, 0xf6, 0x43, d8 as u8, bit]),
            Err(_) => {
                b.extend([0x41, 0xf6, 0x83]);
                b.extend_from_slice(&disp.to_le_bytes());
                b.push(bit);
            }
        }
        b
    };
    // jnz rel32, or jc rel32 after `bt`.
    let jc = k < REGISTER_SITES && bit >= 32;
    b.extend([0x0f, if jc { 0x82 } else { 0x85 }]);
    (b, if jc { Mnemonic::Jb } else { Mnemonic::Jne })
}

/// The test instruction of machine site `k` in Intel syntax.
fn site_test_text(k: u32) -> String {
    let n = |v: u64| iced_number(v);
    let bit = mask_bit(k);
    if bit < 8 {
        format!("test r13b,{}", n(1 << bit))
    } else if bit < 32 {
        format!("test r13d,{}", n(1 << bit))
    } else if k < REGISTER_SITES {
        format!("bt r13,{}", n(bit as u64))
    } else {
        let (byte, bit) = site_bit(k);
        let disp = mask_disp(byte);
        let sign = if disp < 0 { '-' } else { '+' };
        let abs = disp.unsigned_abs() as u64;
        format!("test byte ptr [r11{sign}{}],{}", n(abs), n(bit as u64))
    }
}

/// Checks that machine site `k` emitted at `start` has the exact documented bytes and that
/// its branch reaches its out-of-line `call qword [r15 - 8]` (in the tail, after the code);
/// returns (resume, return) offsets.
fn check_site(code: &CompiledCode, k: u32, start: u32) -> (u32, u32) {
    let b = &code.bytes;
    let s = start as usize;
    let (prefix, branch) = site_prefix(k);
    assert_eq!(&b[s..s + prefix.len()], &prefix[..], "site {k}");
    let test = test_of_site(b, k, start);
    assert_eq!(fmt(&test), site_test_text(k), "site {k}");
    let jcc = instr_at(b, test.next_ip() as u32);
    assert_eq!(jcc.mnemonic(), branch, "site {k}");
    assert_eq!(jcc.len(), 6, "rel32");
    let resume = jcc.next_ip() as u32;
    let cold = jcc.near_branch_target() as u32;
    assert!(cold > resume, "the call is out of line, after the site");
    let c = cold as usize;
    assert_eq!(&b[c..c + CALL_GATE.len()], &CALL_GATE);
    assert_eq!(fmt(&instr_at(b, cold)), CALL_GATE_TEXT);
    (resume, cold + CALL_GATE.len() as u32)
}

/// The test instruction of site `k` starting at `start` (after the gate load, for far sites).
fn test_of_site(b: &[u8], k: u32, start: u32) -> Instruction {
    if k < REGISTER_SITES {
        return instr_at(b, start);
    }
    let load = instr_at(b, start);
    assert_eq!(fmt(&load), "mov r11,[r15+30h]", "site {k}");
    instr_at(b, load.next_ip() as u32)
}

/// A function with `n` machine sites back to back after its gate load; returns the code and
/// each site's start.
fn sites(n: u32) -> (CompiledCode, Vec<u32>) {
    let mut starts = Vec::new();
    let mut e = X64Emitter::new();
    e.prologue(&[]);
    e.load_debug_gate(SITES_FUNC, true);
    for k in 0..n {
        starts.push(e.code_offset());
        e.breakable_site(k);
    }
    e.epilogue();
    (e.finish(FrameEnd::new(16, true)), starts)
}

/// Checks every site of `code` (starting at `starts`) and the backend's tables.
fn check_all_sites(code: &CompiledCode, starts: &[u32]) {
    assert_eq!(code.site_returns.len(), starts.len());
    assert_eq!(code.site_resumes.len(), starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let (resume, ret) = check_site(code, k as u32, s);
        assert_eq!(code.site_resumes[k], resume, "site {k}");
        assert_eq!(code.site_returns[k], ret, "site {k}");
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Encodings

#[test]
fn machine_site_bytes() {
    let (code, starts) = sites(3);
    check_all_sites(&code, &starts);
    let s = starts[0] as usize;
    // test r13b, 1 ; jnz rel32 (to the tail after the epilogue's `ret`: past 2 sites and the
    // 5-byte epilogue).
    assert_eq!(&code.bytes[s..s + 6], &[0x41, 0xf6, 0xc5, 0x01, 0x0f, 0x85]);
    assert_eq!(&code.bytes[s + 6..s + 10], &(2 * 10 + 5u32).to_le_bytes());
    let s1 = starts[1] as usize;
    assert_eq!(
        &code.bytes[s1..s1 + 6],
        &[0x41, 0xf6, 0xc5, 0x02, 0x0f, 0x85]
    );
    assert_eq!(&code.bytes[s1 + 6..s1 + 10], &(10 + 5 + 4u32).to_le_bytes());
    // Back to back: 10 bytes each, resuming right after.
    assert_eq!(starts[1], starts[0] + 10);
    assert_eq!(code.site_resumes[0], starts[1]);
    // Out of line: 4 bytes each, in emission order, right after the epilogue's `ret`.
    assert_eq!(code.site_returns[1], code.site_returns[0] + 4);
    assert_eq!(code.site_returns[2], code.site_returns[1] + 4);
    let ret_at = decode_at(&code.bytes, 0)
        .iter()
        .find(|i| i.mnemonic() == Mnemonic::Ret)
        .map(|i| i.ip() as u32)
        .unwrap();
    assert_eq!(code.site_returns[0], ret_at + 1 + 4);
    let text = disasm(&code.bytes[starts[0] as usize..code.site_resumes[2] as usize]);
    assert_eq!(text[0], "test r13b,1");
    assert!(text[1].starts_with("jne "), "{}", text[1]);
    assert_eq!(text[2], "test r13b,2");
    assert_eq!(text[4], "test r13b,4");
    assert_eq!(text.len(), 6);
}

#[test]
fn site_bytes_across_test_forms() {
    let n = FIRST_DISP32_SITE + 40;
    let (code, starts) = sites(n);
    check_all_sites(&code, &starts);
    let at = |k: u32, len: usize| {
        let s = starts[k as usize] as usize;
        code.bytes[s..s + len].to_vec()
    };
    // The bits register: r13b, r13d, then `bt r13` (10, 13 and 11 bytes with the branch);
    // bit 7 is the fast-entry bit, so site j >= 7 tests bit j + 1.
    assert_eq!(at(6, 4), [0x41, 0xf6, 0xc5, 0x40]);
    assert_eq!(at(7, 7), [0x41, 0xf7, 0xc5, 0x00, 0x01, 0x00, 0x00]);
    assert_eq!(at(15, 7), [0x41, 0xf7, 0xc5, 0x00, 0x00, 0x01, 0x00]);
    assert_eq!(at(30, 7), [0x41, 0xf7, 0xc5, 0x00, 0x00, 0x00, 0x80]);
    assert_eq!(at(31, 7), [0x49, 0x0f, 0xba, 0xe5, 0x20, 0x0f, 0x82]);
    assert_eq!(at(62, 5), [0x49, 0x0f, 0xba, 0xe5, 0x3f]);
    // Site lengths, up to each site's resume.
    let len = |k: u32| code.site_resumes[k as usize] - starts[k as usize];
    let lens = [
        (6, 10),
        (14, 13),
        (30, 13),
        (62, 11),
        (63, 18),
        (FIRST_DISP32_SITE - 1, 18),
    ];
    for (k, want) in lens {
        assert_eq!(len(k), want, "site {k}");
    }
    // Memory, through the gate loaded into r11: bytes 8..120 at +16..+127, 120..248 at
    // -128..-1 (8-bit displacements, 18-byte sites), then +128 and up (32-bit displacements,
    // 21-byte sites).
    let far = |k: u32, len: usize| {
        let b = at(k, 7 + len);
        assert_eq!(b[..7], LOAD_GATE_3, "site {k}");
        b[7..].to_vec()
    };
    assert_eq!(far(63, 5), [0x41, 0xf6, 0x43, 0x10, 0x01]);
    assert_eq!(far(958, 5), [0x41, 0xf6, 0x43, 0x7f, 0x80]);
    assert_eq!(far(959, 5), [0x41, 0xf6, 0x43, 0x80, 0x01]);
    assert_eq!(far(1982, 5), [0x41, 0xf6, 0x43, 0xff, 0x80]);
    assert_eq!(
        far(1983, 8),
        [0x41, 0xf6, 0x83, 0x80, 0x00, 0x00, 0x00, 0x01]
    );
    assert_eq!(len(1983), 21);
    // The core's masks put each site's bit where its instruction reads (the bits register
    // holds `MaskBlock::first_bits`): a mask with only bit k set makes site k's test, and no
    // neighbour's, find a set bit.
    let reads = |mask: &MaskBlock, j: u32| {
        let test = test_of_site(&code.bytes, j, starts[j as usize]);
        let bits = mask.first_bits();
        let imm = test.immediate(1);
        match (test.mnemonic(), test.op0_kind()) {
            (Mnemonic::Bt, _) => bits >> imm & 1 != 0,
            (Mnemonic::Test, OpKind::Register) => match test.op0_register() {
                Register::R13L => bits & 0xff & imm != 0,
                Register::R13D => bits & 0xffff_ffff & imm != 0,
                r => panic!("site {j} tests {r:?}"),
            },
            (Mnemonic::Test, OpKind::Memory) => {
                assert_eq!(test.memory_base(), Register::R11);
                let disp = test.memory_displacement64() as i64;
                // SAFETY: `mask_disp` of every site below `n` lies within a mask built for
                // `n` sites.
                let byte = unsafe { ((mask.gate() as i64 + disp) as *const u8).read() };
                byte as u64 & imm != 0
            }
            other => panic!("site {j}: {other:?}"),
        }
    };
    let mask = MaskBlock::new(n, 0, false);
    for k in 0..n {
        mask.set(k, true);
        assert!(reads(&mask, k), "site {k}");
        if k > 0 {
            assert!(!reads(&mask, k - 1), "site {} after setting {k}", k - 1);
        }
        if k + 1 < n {
            assert!(!reads(&mask, k + 1), "site {} after setting {k}", k + 1);
        }
        mask.set(k, false);
    }
}

/// Checks that no `call qword [r15 - 8]` in `code` can be reached by falling through: they form
/// one run, after the function's last `ret` or `jmp`.
fn check_tail(code: &CompiledCode) {
    let ins = decode_at(&code.bytes, 0);
    let is_cold = |i: &Instruction| fmt(i) == CALL_GATE_TEXT;
    let first = ins.iter().position(is_cold).expect("cold calls");
    assert!(
        matches!(ins[first - 1].mnemonic(), Mnemonic::Ret | Mnemonic::Jmp),
        "cold calls reachable after {}",
        fmt(&ins[first - 1])
    );
    let run = ins[first..].iter().take_while(|i| is_cold(i)).count();
    assert_eq!(run, code.site_returns.len(), "one run in the tail");
    assert_eq!(ins.iter().filter(|i| is_cold(i)).count(), run);
}

#[test]
fn every_cold_call_is_in_the_tail() {
    // Sites among ordinary code, some of it long (a libcall with 64-bit immediates,
    // `call_indirect`, a memory access with a 64-bit offset), and unconditional jumps: every
    // site reaches its own cold call, and nothing in the code's straight line jumps over one.
    let mut starts = Vec::new();
    let mut e = X64Emitter::new();
    e.prologue(&[]);
    e.load_debug_gate(SITES_FUNC, true);
    let mut site = |e: &mut X64Emitter| {
        starts.push(e.code_offset());
        e.breakable_site(starts.len() as u32 - 1);
    };
    for round in 0..12u64 {
        for _ in 0..3 {
            site(&mut e);
            e.load_const(Reg::Gpr(1), S64, 0x1234_5678_9abc_def0 ^ round);
        }
        site(&mut e);
        e.libcall(
            Libcall::MemoryGrow,
            &[LibcallArg::Imm(u64::MAX / 3), LibcallArg::Imm(u64::MAX / 5)],
            Some(Reg::Gpr(0)),
            true,
        );
        site(&mut e);
        e.call_indirect(
            crate::harness::TABLE0,
            crate::harness::type_id(0),
            breakwater_core::vmctx::FUNCREF_FAST_PTR,
            Reg::Gpr(2),
            CallArea::Frame(-32),
        );
        site(&mut e);
        e.wasm_load(
            LoadKind::I64,
            MemoryRef::Vmctx(MEMORY0),
            Reg::Gpr(3),
            Reg::Gpr(1),
            1 << 40,
        );
        if round % 4 == 3 {
            let l = e.new_label();
            site(&mut e);
            e.jump(l);
            e.bind(l);
        }
    }
    site(&mut e);
    e.epilogue();
    let code = e.finish(FrameEnd::new(64, true));
    check_all_sites(&code, &starts);
    check_tail(&code);
    // Distinct, increasing return addresses.
    assert!(code.site_returns.windows(2).all(|w| w[0] < w[1]));
    // Many sites back to back, too.
    let (code, starts) = sites(400);
    check_all_sites(&code, &starts);
    check_tail(&code);
}

#[test]
fn load_debug_gate_bytes() {
    // [mov r15, [r14 + 8]] ; mov r13, [r15 + 16 * func + 8].
    for (func, bytes, text) in [
        (0u32, vec![0x4d, 0x8b, 0x6f, 0x08], "mov r13,[r15+8]"),
        (3, vec![0x4d, 0x8b, 0x6f, 0x38], "mov r13,[r15+38h]"),
        (
            1000,
            vec![0x4d, 0x8b, 0xaf, 0x88, 0x3e, 0x00, 0x00],
            "mov r13,[r15+3E88h]",
        ),
    ] {
        for table in [true, false] {
            let mut e = X64Emitter::new();
            let start = e.code_offset() as usize;
            e.load_debug_gate(func, table);
            let end = e.code_offset() as usize;
            let c = e.finish(FrameEnd::new(16, true));
            let mut want = if table {
                vec![0x4d, 0x8b, 0x7e, 0x08]
            } else {
                vec![]
            };
            want.extend(&bytes);
            assert_eq!(&c.bytes[start..end], &want[..], "function {func}");
            let mut want_text = if table {
                vec!["mov r15,[r14+8]"]
            } else {
                vec![]
            };
            want_text.push(text);
            assert_eq!(disasm(&c.bytes[start..end]), want_text);
        }
    }
    const { assert!(vmctx::DEBUG_GATES == 8) };
}

#[test]
fn cold_calls_and_trap_stubs_share_the_tail() {
    let mut starts = Vec::new();
    let mut e = X64Emitter::new();
    e.prologue(&[]);
    e.load_debug_gate(SITES_FUNC, true);
    starts.push(e.code_offset());
    e.breakable_site(0);
    e.load_const(Reg::Gpr(1), S64, 5);
    e.set_source_loc(9);
    e.trap_if_zero(Reg::Gpr(1), TrapKind::NullReference);
    starts.push(e.code_offset());
    e.breakable_site(1);
    e.epilogue();
    let code = e.finish(FrameEnd::new(16, true));
    check_all_sites(&code, &starts);
    assert_eq!(code.traps.len(), 2, "stack overflow and null reference");
    for t in &code.traps {
        assert!(!code.site_returns.contains(&t.return_offset));
        for &r in &code.site_returns {
            let cold = r - CALL_GATE.len() as u32;
            assert!(
                t.return_offset <= cold || t.return_offset > r + 8,
                "a trap stub overlaps the cold call at {cold:#x}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Front-end code: machine sites, groups, and none without debugging

/// The machine sites in `bytes`: (test, branch) instruction pairs whose branch goes to a
/// `call qword [r15 - 8]`; and the number of those calls.
fn find_sites(bytes: &[u8]) -> (Vec<(Instruction, Instruction)>, usize) {
    let ins = decode_at(bytes, 0);
    let is_cold = |i: &Instruction| fmt(i) == CALL_GATE_TEXT;
    let calls = ins.iter().filter(|i| is_cold(i)).count();
    let sites = ins
        .windows(2)
        .filter(|w| {
            matches!(w[1].mnemonic(), Mnemonic::Jne | Mnemonic::Jb)
                && (w[1].near_branch_target() as usize) < bytes.len()
                && is_cold(&instr_at(bytes, w[1].near_branch_target() as u32))
        })
        .map(|w| (w[0], w[1]))
        .collect();
    (sites, calls)
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
            e.wasm_load(
                LoadKind::I64,
                MemoryRef::Vmctx(MEMORY0),
                Reg::Gpr(3),
                Reg::Gpr(1),
                8,
            );
            e.wasm_store(
                StoreKind::I64,
                MemoryRef::Vmctx(MEMORY0),
                Reg::Gpr(1),
                0,
                Reg::Gpr(3),
            );
            e.bind(l);
            e.libcall(
                Libcall::MemoryGrow,
                &[LibcallArg::Imm(0), LibcallArg::Reg(Reg::Gpr(0))],
                Some(Reg::Gpr(0)),
                true,
            );
            e.call_direct(0, CallArea::Frame(-32));
            e.call_funcref_at(crate::harness::funcref(0), CallArea::Frame(-32));
            e.trap(TrapKind::Unreachable);
        }),
    ];
    for f in &funcs {
        assert!(f.site_returns.is_empty() && f.site_resumes.is_empty());
        let (sites, calls) = find_sites(&f.bytes);
        assert_eq!((sites.len(), calls), (0, 0), "{:#?}", disasm(&f.bytes));
    }
    // The scan does see sites when there are some.
    let (code, _) = sites(70);
    let (found, calls) = find_sites(&code.bytes);
    assert_eq!((found.len(), calls), (70, 70));
}

#[test]
fn front_end_emits_sites_only_for_debug_code() {
    for f in compile_test_module(&CompileConfig::default()) {
        assert_eq!(f.machine_sites, 0);
        assert!(f.site_returns.is_empty() && f.sites.is_none());
        let (sites, calls) = find_sites(&f.bytes);
        assert_eq!((sites.len(), calls), (0, 0), "{:#?}", disasm(&f.bytes));
        assert!(
            !disasm(&f.bytes).iter().any(|t| t == "mov r15,[r14+8]"),
            "no gate loads either"
        );
    }
    for f in compile_test_module(&RECORDING) {
        let n = f.machine_sites as usize;
        assert!(n > 0);
        let (sites, calls) = find_sites(&f.bytes);
        assert_eq!((sites.len(), calls), (n, n), "{:#?}", disasm(&f.bytes));
        let s = f.sites.as_deref().expect("recorded");
        assert_eq!(s.machine.len(), n);
        // Site j tests its mask bit, and its tables name its own branch and call.
        for (j, (m, (test, jcc))) in s.machine.iter().zip(&sites).enumerate() {
            let mut prefix = site_prefix(j as u32).0;
            if n == 1 {
                // A single-site function's site tests the fast-entry bit.
                prefix[3] = 1 << breakwater_core::debug::abi::FAST_ENTRY_BIT;
            }
            let at = test.ip() as usize;
            assert_eq!(&f.bytes[at..at + prefix.len()], &prefix[..], "site {j}");
            assert_eq!(jcc.next_ip() as u32, m.resume_offset, "site {j}");
            let call_len = CALL_GATE.len() as u32;
            assert_eq!(jcc.near_branch_target() as u32 + call_len, m.return_offset);
            let r = m.return_offset as usize;
            assert_eq!(&f.bytes[r - CALL_GATE.len()..r], &CALL_GATE);
        }
    }
}
