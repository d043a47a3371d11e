//! Exact encodings: the breakable-point layouts word for word, the debug gate load, the `bl`
//! relocation, and the reach of conditional branches when islands are needed.

use breakwater_aarch64::site_words::{BLR_X16, CBZ_X16_SKIP_CALL, LDUR_X16_GATE};
use breakwater_aarch64::Aarch64Emitter;
use breakwater_core::codegen::{Emitter, IntCmpKind, OperandSize, Reg, RegImm};
use breakwater_core::compiled::{CompiledCode, LinkedCode, RelocKind};
use breakwater_core::debug::SiteLayout;
use breakwater_core::TrapKind;

/// The code as little-endian words.
fn words(code: &CompiledCode) -> Vec<u32> {
    assert_eq!(code.bytes.len() % 4, 0);
    code.bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

/// The target word index of a `b.cond`, `cbz`/`cbnz` or `b`/`bl` at word index `at`.
fn branch_target(w: u32, at: usize) -> Option<usize> {
    let imm19 = || ((((w >> 5) & 0x7ffff) << 13) as i32 >> 13) as isize;
    let rel = if w & 0xff00_0010 == 0x5400_0000 || w & 0x7e00_0000 == 0x3400_0000 {
        imm19()
    } else if w & 0x7c00_0000 == 0x1400_0000 {
        ((w & 0x03ff_ffff) << 6) as i32 as isize >> 6
    } else {
        return None;
    };
    Some((at as isize + rel) as usize)
}

/// Whether `w` is a ±1 MiB conditional branch (`b.cond`, `cbz`, `cbnz`).
fn is_cond_branch(w: u32) -> bool {
    w & 0xff00_0010 == 0x5400_0000 || w & 0x7e00_0000 == 0x3400_0000
}

/// A function with `n` breakable points in `layout`.
fn sites(layout: SiteLayout, n: usize) -> CompiledCode {
    let mut e = Aarch64Emitter::new();
    e.prologue();
    e.load_debug_gate(3);
    for _ in 0..n {
        e.breakable_site(layout);
    }
    e.epilogue();
    e.finish(16)
}

#[test]
fn site_words_match_the_architecture() {
    // ldur x16, [x29, #-16]: size=11 V=0 opc=01 imm9=-16 Rn=29 Rt=16 (LDUR, unscaled).
    assert_eq!(
        LDUR_X16_GATE,
        0xc000_0000 | 0x3800_0000 | 0x0040_0000 | 0x1f0 << 12 | 29 << 5 | 16
    );
    // cbz x16, #+8: sf=1 011010 op=0 imm19=2 Rt=16.
    assert_eq!(CBZ_X16_SKIP_CALL, 0xb400_0000 | 2 << 5 | 16);
    // blr x16.
    assert_eq!(BLR_X16, 0xd63f_0000 | 16 << 5);
}

#[test]
fn inline_call_layout_is_exact() {
    let code = sites(SiteLayout::InlineCall, 3);
    let w = words(&code);
    let starts: Vec<usize> = (0..w.len()).filter(|&i| w[i] == LDUR_X16_GATE).collect();
    assert_eq!(starts.len(), 3);
    for (k, &i) in starts.iter().enumerate() {
        assert_eq!(&w[i..i + 3], &[LDUR_X16_GATE, CBZ_X16_SKIP_CALL, BLR_X16]);
        assert_eq!(code.site_returns[k] as usize, 4 * (i + 3));
    }
    // Consecutive sites are 12 bytes apart: one bit each with SITE_SHIFT = 3.
    assert_eq!(starts[1] - starts[0], 3);
    // The gate load before them: ldr x16, [x28, #8] ; ldr x16, [x16, #24] ; stur x16, [x29, #-16].
    let g = starts[0] - 3;
    assert_eq!(&w[g..g + 3], &[0xf940_0790, 0xf940_0e10, 0xf81f_03b0]);
}

#[test]
fn fall_through_layout_is_exact() {
    let code = sites(SiteLayout::FallThrough, 3);
    let w = words(&code);
    let starts: Vec<usize> = (0..w.len()).filter(|&i| w[i] == LDUR_X16_GATE).collect();
    assert_eq!(starts.len(), 3);
    let mut returns = Vec::new();
    for &i in &starts {
        // cbnz x16, cold.
        let cbnz = w[i + 1];
        assert_eq!(
            cbnz & 0xff00_001f,
            0xb500_0010,
            "cbnz x16 at word {}",
            i + 1
        );
        let cold = branch_target(cbnz, i + 1).unwrap();
        assert!(cold > i + 1, "the call is out of line, after the site");
        // cold: blr x16 ; b back (the word after the cbnz).
        assert_eq!(w[cold], BLR_X16);
        assert_eq!(w[cold + 1] & 0xfc00_0000, 0x1400_0000);
        assert_eq!(branch_target(w[cold + 1], cold + 1), Some(i + 2));
        returns.push(4 * (cold + 1) as u32);
    }
    assert_eq!(code.site_returns, returns);
    // Inline, consecutive sites are 8 bytes apart; their calls too.
    assert_eq!(starts[1] - starts[0], 2);
    assert_eq!(returns[1] - returns[0], 8);
}

#[test]
fn direct_calls_are_relocated() {
    let mut f0 = Aarch64Emitter::new();
    f0.prologue();
    let ret = f0.call_direct(1, -24);
    f0.epilogue();
    let f0 = f0.finish(24);
    let mut f1 = Aarch64Emitter::new();
    f1.prologue();
    f1.epilogue();
    let f1 = f1.finish(8);
    assert_eq!(f0.relocs.len(), 1);
    let r = f0.relocs[0];
    assert_eq!(r.kind, RelocKind::Aarch64Call26);
    assert_eq!(r.target, 1);
    assert_eq!(ret, r.offset + 4, "the return address follows the bl");
    assert_eq!(
        &f0.bytes[r.offset as usize..r.offset as usize + 4],
        &0x9400_0000u32.to_le_bytes()
    );
    let linked = LinkedCode::link(vec![f0, f1], 0);
    let at = r.offset as usize;
    let word = u32::from_le_bytes(linked.bytes[at..at + 4].try_into().unwrap());
    assert_eq!(word & 0xfc00_0000, 0x9400_0000, "still a bl");
    assert_eq!(
        branch_target(word, at / 4),
        Some(linked.functions[1].code_offset as usize / 4)
    );
}

/// Every conditional branch of `code` reaches its target within `range` bytes, and every
/// branch target is inside the function.
fn check_reach(code: &CompiledCode, range: usize) {
    let w = words(code);
    for (i, &word) in w.iter().enumerate() {
        if let Some(t) = branch_target(word, i) {
            assert!(t <= w.len(), "branch at word {i} leaves the function");
            if is_cond_branch(word) {
                assert!(t.abs_diff(i) * 4 < range, "branch at word {i} reaches {t}");
            }
        }
    }
}

#[test]
fn islands_keep_conditional_branches_in_reach() {
    const RANGE: usize = 4096;
    let mut e = Aarch64Emitter::with_branch_range(RANGE);
    e.prologue();
    let far = e.new_label();
    let back = e.new_label();
    e.bind(back);
    // A forward branch, traps and breakable points, then lots of code.
    e.branch_cmp(
        IntCmpKind::Eq,
        OperandSize::S32,
        Reg::Gpr(0),
        RegImm::Imm(7),
        far,
    );
    e.breakable_site(SiteLayout::FallThrough);
    for i in 0..3000u32 {
        e.set_source_loc(i);
        e.int_binop(
            breakwater_core::codegen::IntBinKind::Add,
            OperandSize::S64,
            Reg::Gpr(1),
            Reg::Gpr(1),
            RegImm::Imm(1),
        );
        if i % 100 == 0 {
            e.trap_if_zero(Reg::Gpr(2), TrapKind::NullReference);
            e.breakable_site(SiteLayout::FallThrough);
        }
    }
    // A backward conditional branch beyond reach.
    e.branch_if(OperandSize::S32, Reg::Gpr(3), false, back);
    e.bind(far);
    e.epilogue();
    let code = e.finish(64);
    assert!(code.bytes.len() > 3 * RANGE);
    check_reach(&code, RANGE);
    assert_eq!(code.traps.len(), 31);
    assert_eq!(code.site_returns.len(), 31);
    assert!(
        code.site_returns.windows(2).all(|p| p[0] < p[1]),
        "calls in emission order"
    );
}
