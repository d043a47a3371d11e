//! Exact encodings: machine sites word for word (`tbnz` on the bits register, or the gate's
//! load, `ldrb` or `ldurb` then `tbnz`; the out-of-line `bl` and the function's handler call),
//! the debug gate loads, the `bl` relocation, and the reach of conditional branches (`tbnz`'s ±32 KiB among
//! them) when islands are needed.

use breakwater_aarch64::Aarch64Emitter;
use breakwater_core::codegen::backend_rules::FrameEnd;
use breakwater_core::codegen::{
    CallArea, Emitter, IntBinKind, IntCmpKind, OperandSize, Reg, RegImm,
};
use breakwater_core::compiled::{CompiledCode, LinkedCode, RelocKind};
use breakwater_core::debug::abi::{mask_bit, mask_disp, site_bit, MaskBlock, REGISTER_SITES};
use breakwater_core::TrapKind;

/// The gate table register.
const TABLE: u32 = 27;
/// The register holding the function's first 64 site bits.
const BITS: u32 = 26;
/// `ldr x27, [x28, #8]`: the gate table.
const LDR_TABLE: u32 = 0xf940_079b;
/// `ldr x26, [x27, #56]`: function 3's first 64 site bits.
const LDR_BITS_3: u32 = 0xf940_1f7a;
/// `ldr x16, [x27, #48]`: function 3's gate (far sites).
const LDR_GATE_3: u32 = 0xf940_1b70;

/// `ldr x16, [x27, #16 * func]`: function `func`'s gate (far sites; `func` below 2048).
fn ldr_gate(func: u32) -> u32 {
    0xf940_0000 | (2 * func) << 10 | TABLE << 5 | 16
}
/// `ldur x16, [x27, #-8]`: the handler word.
const LDR_HANDLER: u32 = 0xf85f_8370;
/// `br x16`.
const BR_X16: u32 = 0xd61f_0200;
/// `tbz`/`tbnz` reach.
const TBNZ_RANGE: usize = 32 * 1024;

/// The code as little-endian words.
fn words(code: &CompiledCode) -> Vec<u32> {
    assert_eq!(code.bytes.len() % 4, 0);
    code.bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

/// Whether `w` is a `tbz`/`tbnz`.
fn is_test_branch(w: u32) -> bool {
    w & 0x7e00_0000 == 0x3600_0000
}

/// Whether `w` is a ±1 MiB conditional branch (`b.cond`, `cbz`, `cbnz`).
fn is_cond_branch(w: u32) -> bool {
    w & 0xff00_0010 == 0x5400_0000 || w & 0x7e00_0000 == 0x3400_0000
}

/// The target word index of a `b.cond`, `cbz`/`cbnz`, `tbz`/`tbnz` or `b`/`bl` at word index
/// `at`.
fn branch_target(w: u32, at: usize) -> Option<usize> {
    let rel = if is_cond_branch(w) {
        ((((w >> 5) & 0x7ffff) << 13) as i32 >> 13) as isize
    } else if is_test_branch(w) {
        ((((w >> 5) & 0x3fff) << 18) as i32 >> 18) as isize
    } else if w & 0x7c00_0000 == 0x1400_0000 {
        ((w & 0x03ff_ffff) << 6) as i32 as isize >> 6
    } else {
        return None;
    };
    Some((at as isize + rel) as usize)
}

/// `ldrb w16, [x16, #disp]` (unsigned offset) or `ldurb w16, [x16, #disp]` (negative).
fn ldrb_gate(disp: i32) -> u32 {
    if disp >= 0 {
        assert!(disp < 4096);
        0x3940_0000 | (disp as u32) << 10 | 16 << 5 | 16
    } else {
        assert!(disp >= -256);
        0x3840_0000 | ((disp as u32) & 0x1ff) << 12 | 16 << 5 | 16
    }
}

/// `tbnz x<rt>, #bit` with its imm14 masked out.
fn tbnz(rt: u32, bit: u32) -> u32 {
    0x3700_0000 | (bit >> 5) << 31 | (bit & 31) << 19 | rt
}

/// The imm14 mask of a `tbnz`.
const TBNZ_IMM: u32 = 0x3fff << 5;

/// The mask displacement a site's load word reads (`ldrb`/`ldurb` from x16 into w16).
fn decoded_disp(w: u32) -> i32 {
    assert_eq!(w & 0x3ff, 16 << 5 | 16, "{w:#010x}: w16 from x16");
    if w & 0xffc0_0000 == 0x3940_0000 {
        ((w >> 10) & 0xfff) as i32
    } else {
        assert_eq!(w & 0xffe0_0c00, 0x3840_0000, "{w:#010x}: ldurb");
        ((((w >> 12) & 0x1ff) << 23) as i32) >> 23
    }
}

/// A function with `n` machine sites back to back after the gate load of function 3.
fn sites(n: u32) -> CompiledCode {
    let mut e = Aarch64Emitter::new();
    e.prologue(&[]);
    e.load_debug_gate(3, true);
    for k in 0..n {
        e.breakable_site(k);
    }
    e.epilogue();
    e.finish(FrameEnd::new(16, true))
}

/// Checks every machine site of `code` against the documented words, through the backend's
/// `site_resumes`/`site_returns`: `tbnz x26, #k, cold` (k < 64) or `ldr x16, [x27, #16 func] ;
/// ldrb/ldurb w16, [x16, #mask_disp(k / 8)] ; tbnz w16, #(k % 8), cold` (`func`'s gate),
/// (function `func`'s gate: `ldr_gate(func)`), where `cold: bl handler_call` and `handler_call: ldur x16, [x27, #-8] ; br x16`. Returns
/// each site's `tbnz` word index.
fn check_sites(code: &CompiledCode, func: u32) -> Vec<usize> {
    let w = words(code);
    let n = code.site_resumes.len();
    assert_eq!(code.site_returns.len(), n);
    let mut branches = Vec::new();
    let mut handler_call = None;
    for k in 0..n {
        let resume = code.site_resumes[k] as usize / 4;
        let branch = resume - 1;
        if (k as u32) < REGISTER_SITES {
            assert_eq!(
                w[branch] & !TBNZ_IMM,
                tbnz(BITS, mask_bit(k as u32)),
                "site {k}"
            );
        } else {
            let (byte, bit) = site_bit(k as u32);
            assert_eq!(w[branch - 2], ldr_gate(func), "site {k}");
            assert_eq!(w[branch - 1], ldrb_gate(mask_disp(byte)), "site {k}");
            let bit = bit.trailing_zeros();
            assert_eq!(w[branch] & !TBNZ_IMM, tbnz(16, bit), "site {k}");
        }
        let cold = branch_target(w[branch], branch).unwrap();
        assert!(
            cold > branch,
            "site {k}: the call is out of line, after the site"
        );
        assert!((cold - branch) * 4 < TBNZ_RANGE, "site {k}");
        assert_eq!(w[cold] & 0xfc00_0000, 0x9400_0000, "site {k}: bl");
        assert_eq!(code.site_returns[k] as usize, 4 * (cold + 1), "site {k}");
        let call = branch_target(w[cold], cold).unwrap();
        assert_eq!(*handler_call.get_or_insert(call), call, "one handler call");
        branches.push(branch);
    }
    if let Some(h) = handler_call {
        assert_eq!(&w[h..h + 2], &[LDR_HANDLER, BR_X16]);
    }
    branches
}

#[test]
fn site_words_match_the_architecture() {
    // ldrb w16, [x16, #8]: size=00 111 V=0 01 opc=01 imm12=8 Rn=16 Rt=16.
    assert_eq!(ldrb_gate(8), 0x3940_2210);
    // ldurb w16, [x16, #-128]: size=00 111 V=0 00 opc=01 0 imm9 00 Rn Rt.
    assert_eq!(ldrb_gate(-128), 0x3858_0210);
    // tbnz x26, #33: b5=1 011011 op=1 b40=1 imm14 Rt=26.
    assert_eq!(tbnz(BITS, 33), 0xb708_001a);
    // ldur x16, [x27, #-8] ; br x16 ; ldr x27, [x28, #8] ; ldr x26, [x27, #56] ;
    // ldr x16, [x27, #48].
    assert_eq!(LDR_HANDLER, 0xf840_0000 | 0x1f8 << 12 | TABLE << 5 | 16);
    assert_eq!(BR_X16, 0xd61f_0000 | 16 << 5);
    assert_eq!(LDR_TABLE, 0xf940_0000 | 1 << 10 | 28 << 5 | TABLE);
    assert_eq!(LDR_BITS_3, 0xf940_0000 | 7 << 10 | TABLE << 5 | BITS);
    assert_eq!(LDR_GATE_3, 0xf940_0000 | 6 << 10 | TABLE << 5 | 16);
    // tbnz w16, #3, +8 words.
    assert_eq!(branch_target(0x3718_0110, 10), Some(18));
    assert!(is_test_branch(0x3718_0110) && !is_cond_branch(0x3718_0110));
    assert_eq!(branch_target(tbnz(BITS, 33) | 0x3fff << 5, 10), Some(9));
}

#[test]
fn machine_sites_are_exact() {
    let code = sites(3);
    let w = words(&code);
    let branches = check_sites(&code, 3);
    // ldr x27, [x28, #8] ; ldr x26, [x27, #56] just before: 4 bytes a site, back to back.
    let b0 = branches[0];
    assert_eq!(&w[b0 - 2..b0], &[LDR_TABLE, LDR_BITS_3]);
    assert_eq!(branches, [b0, b0 + 1, b0 + 2]);
    assert_eq!(w[b0] & !TBNZ_IMM, 0x3700_001a, "tbnz x26, #0");
    assert_eq!(w[b0 + 2] & !TBNZ_IMM, 0x3710_001a, "tbnz x26, #2");
    // The cold calls: one word each, in emission order, after the epilogue's `ret`.
    assert_eq!(code.site_returns[1], code.site_returns[0] + 4);
    assert_eq!(code.site_returns[2], code.site_returns[1] + 4);
    let ret = w.iter().position(|&x| x == 0xd65f_03c0).expect("ret");
    assert!(code.site_returns[0] as usize > 4 * ret);
}

#[test]
fn site_loads_across_displacement_forms() {
    // The bits register up to site 62 (bits 0..6 and 8..63: bit 7 is the fast-entry bit);
    // then memory (site j at bit j + 1): bytes 8..120 at +16..+127, 120..248 at -128..-1
    // (`ldurb`), then +128 and up.
    let n = 2100;
    let code = sites(n);
    let w = words(&code);
    let branches = check_sites(&code, 3);
    assert_eq!(w[branches[62]] & !TBNZ_IMM, tbnz(BITS, 63));
    assert_eq!(w[branches[63] - 1], ldrb_gate(16));
    assert_eq!(branches[63] - branches[62], 3);
    assert_eq!(w[branches[958] - 1], ldrb_gate(127));
    assert_eq!(w[branches[959] - 1], ldrb_gate(-128));
    assert_eq!(w[branches[1982] - 1], ldrb_gate(-1));
    assert_eq!(w[branches[1983] - 1], ldrb_gate(128));
    // The core's masks put each site's bit where its instructions read (x26 holds
    // `MaskBlock::first_bits`): a mask with only bit k set makes site k's test, and no
    // neighbour's, find a set bit.
    let reads = |mask: &MaskBlock, j: usize| {
        let branch = w[branches[j]];
        let bit = (branch >> 31) << 5 | (branch >> 19) & 0x1f;
        if branch & 0x1f == BITS {
            return mask.first_bits() >> bit & 1 != 0;
        }
        let disp = decoded_disp(w[branches[j] - 1]);
        // SAFETY: `mask_disp` of every site below `n` lies within a mask built for `n` sites.
        let byte = unsafe { ((mask.gate() as isize + disp as isize) as *const u8).read() };
        byte & (1 << bit) != 0
    };
    let mask = MaskBlock::new(n, 0, false);
    for k in 0..n as usize {
        mask.set(k as u32, true);
        assert!(reads(&mask, k), "site {k}");
        if k > 0 {
            assert!(!reads(&mask, k - 1), "site {} after setting {k}", k - 1);
        }
        if k + 1 < n as usize {
            assert!(!reads(&mask, k + 1), "site {} after setting {k}", k + 1);
        }
        mask.set(k as u32, false);
    }
}

#[test]
fn sites_past_the_12_bit_offset_load_through_x17() {
    // Mask byte 4216 is at +4096, beyond `ldrb`'s unsigned offset: the load goes through x17
    // (the helpers' scratch), `movz x17, #4096 ; ldrb w16, [x16, x17]`.
    // (Site `j` from REGISTER_SITES on has mask bit `j + 1`: see `mask_bit`.)
    let first = 4216 * 8 - 1;
    let code = sites(first + 8);
    let w = words(&code);
    let resume = code.site_resumes[first as usize] as usize / 4;
    assert_eq!(
        w[resume - 3],
        0xd280_0000 | 4096 << 5 | 17,
        "movz x17, #4096"
    );
    assert_eq!(w[resume - 2], 0x3871_6a10, "ldrb w16, [x16, x17]");
    assert_eq!(w[resume - 1] & !TBNZ_IMM, tbnz(16, 0), "tbnz w16, #0");
    let before = code.site_resumes[first as usize - 1] as usize / 4;
    assert_eq!(w[before - 2], ldrb_gate(4095));
}

#[test]
fn direct_calls_are_relocated() {
    let mut f0 = Aarch64Emitter::new();
    f0.prologue(&[]);
    let ret = f0.call_direct(1, CallArea::Frame(-24));
    f0.epilogue();
    let f0 = f0.finish(FrameEnd::new(24, true));
    let mut f1 = Aarch64Emitter::new();
    f1.prologue(&[]);
    f1.epilogue();
    let f1 = f1.finish(FrameEnd::new(8, true));
    assert_eq!(f0.relocs.len(), 1);
    let r = f0.relocs[0];
    assert_eq!(r.kind, RelocKind::Aarch64Call26);
    assert_eq!(r.target, 1);
    assert_eq!(ret, r.offset + 4, "the return address follows the bl");
    assert_eq!(
        &f0.bytes[r.offset as usize..r.offset as usize + 4],
        &0x9400_0000u32.to_le_bytes()
    );
    let linked = LinkedCode::link(vec![f0, f1], 0, &Default::default()).unwrap();
    let at = r.offset as usize;
    let word = u32::from_le_bytes(linked.bytes[at..at + 4].try_into().unwrap());
    assert_eq!(word & 0xfc00_0000, 0x9400_0000, "still a bl");
    assert_eq!(
        branch_target(word, at / 4),
        Some(linked.functions[1].code_offset as usize / 4)
    );
}

/// Every conditional branch of `code` reaches its target within `range` bytes (`tbnz` within
/// its own ±32 KiB), and every branch target is inside the function.
fn check_reach(code: &CompiledCode, range: usize) {
    let w = words(code);
    for (i, &word) in w.iter().enumerate() {
        if let Some(t) = branch_target(word, i) {
            assert!(t <= w.len(), "branch at word {i} leaves the function");
            let dist = t.abs_diff(i) * 4;
            if is_cond_branch(word) {
                assert!(dist < range, "branch at word {i} reaches {t}");
            }
            if is_test_branch(word) {
                assert!(dist < range.min(TBNZ_RANGE), "tbnz at word {i} reaches {t}");
            }
        }
    }
}

#[test]
fn islands_keep_conditional_branches_in_reach() {
    const RANGE: usize = 4096;
    let mut e = Aarch64Emitter::with_branch_range(RANGE);
    e.prologue(&[]);
    e.load_debug_gate(0, true);
    let far = e.new_label();
    let back = e.new_label();
    e.bind(back);
    // A forward branch, traps and machine sites, then lots of code.
    e.branch_cmp(
        IntCmpKind::Eq,
        OperandSize::S32,
        Reg::Gpr(1),
        RegImm::Imm(7),
        far,
    );
    let mut site = 0;
    e.breakable_site(site);
    for i in 0..3000u32 {
        e.set_source_loc(i);
        e.int_binop(
            IntBinKind::Add,
            OperandSize::S64,
            Reg::Gpr(1),
            Reg::Gpr(1),
            RegImm::Imm(1),
        );
        if i % 100 == 0 {
            e.trap_if_zero(Reg::Gpr(2), TrapKind::NullReference);
            site += 1;
            e.breakable_site(site);
        }
    }
    // A backward conditional branch beyond reach.
    e.branch_if(OperandSize::S32, Reg::Gpr(3), false, back);
    e.bind(far);
    e.epilogue();
    let code = e.finish(FrameEnd::new(64, true));
    assert!(code.bytes.len() > 3 * RANGE);
    check_reach(&code, RANGE);
    assert_eq!(code.traps.len(), 31);
    assert_eq!(check_sites(&code, 0).len(), 31);
    assert!(
        code.site_returns.windows(2).all(|p| p[0] < p[1]),
        "calls in emission order"
    );
}

#[test]
fn handler_calls_stay_within_tbnz_reach() {
    // With the full 1 MiB reach of the other conditional branches, sites' cold calls still go
    // in islands within 32 KiB: sites far apart, and so many sites back to back that their
    // cold calls alone exceed the reach.
    let mut e = Aarch64Emitter::new();
    e.prologue(&[]);
    e.load_debug_gate(0, true);
    let mut site = 0;
    for _ in 0..4 {
        e.breakable_site(site);
        site += 1;
        for _ in 0..12_000 {
            e.int_binop(
                IntBinKind::Add,
                OperandSize::S64,
                Reg::Gpr(1),
                Reg::Gpr(1),
                RegImm::Imm(1),
            );
        }
    }
    for _ in 0..10_000 {
        e.breakable_site(site);
        site += 1;
    }
    e.epilogue();
    let code = e.finish(FrameEnd::new(16, true));
    assert!(code.bytes.len() > 8 * TBNZ_RANGE);
    check_reach(&code, 1 << 20);
    assert_eq!(check_sites(&code, 0).len(), site as usize);
    // Some cold calls are in islands, not all in the tail.
    let ret = 4 * words(&code)
        .iter()
        .rposition(|&x| x == 0xd65f_03c0)
        .unwrap() as u32;
    assert!(code.site_returns.iter().any(|&r| r < ret));
}
