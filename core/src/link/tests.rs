//! The linker's layouts: direct calls, veneers at the real and at a shortened reach, and the
//! errors for calls nothing can reach.

use alloc::vec;
use alloc::vec::Vec;

use super::*;
use crate::compiled::Reloc;

const BL: u32 = 0x9400_0000;
const NOP: u32 = 0xd503_201f;

/// A function of `words` instructions with a `bl` to each of `calls` (full function indices)
/// at words 1, 2, ...
fn func(words: usize, calls: &[u32]) -> CompiledCode {
    let mut code = vec![NOP; words.max(calls.len() + 1)];
    let mut relocs = Vec::new();
    for (k, &target) in calls.iter().enumerate() {
        code[k + 1] = BL;
        relocs.push(Reloc {
            offset: 4 * (k as u32 + 1),
            kind: RelocKind::Aarch64Call26,
            target,
        });
    }
    CompiledCode {
        bytes: code.iter().flat_map(|w| w.to_le_bytes()).collect(),
        relocs,
        ..CompiledCode::default()
    }
}

fn word(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

/// Where the `bl` at `at` ends up, following a veneer as the processor would; and whether it
/// went through one.
fn follow(bytes: &[u8], at: usize) -> (usize, bool) {
    let w = word(bytes, at);
    assert_eq!(w & 0xfc00_0000, BL, "not a bl at {at:#x}");
    let imm = ((w & 0x03ff_ffff) << 6) as i32 >> 6;
    let dest = (at as i64 + 4 * imm as i64) as usize;
    if word(bytes, dest) != VENEER[0] {
        return (dest, false);
    }
    for (k, &w) in VENEER.iter().enumerate() {
        assert_eq!(word(bytes, dest + 4 * k), w, "veneer word {k} at {dest:#x}");
    }
    let offset = word(bytes, dest + 16) as i32;
    ((dest as i64 + offset as i64) as usize, true)
}

fn site(linked: &LinkedCode, func: usize, k: usize) -> usize {
    linked.functions[func].code_offset as usize + 4 * (k + 1)
}

fn entry(linked: &LinkedCode, func: usize) -> usize {
    linked.functions[func].code_offset as usize
}

#[test]
fn near_calls_are_direct() {
    let funcs = vec![func(8, &[1, 2]), func(8, &[0]), func(8, &[2])];
    let linked = LinkedCode::link(funcs, 0, &LinkLayout::default()).unwrap();
    for (f, k, target) in [(0, 0, 1), (0, 1, 2), (1, 0, 0), (2, 0, 2)] {
        assert_eq!(
            follow(&linked.bytes, site(&linked, f, k)),
            (entry(&linked, target), false)
        );
    }
}

#[test]
fn calls_beyond_a_short_reach_go_through_veneers() {
    // Every call between different functions crosses the reach; self calls do not.
    let layout = LinkLayout {
        spread: 8192,
        aarch64_call_reach: 4096,
    };
    let funcs = vec![
        func(8, &[1, 2, 0]),
        func(8, &[0, 2]),
        func(8, &[1, 0]),
        func(8, &[]),
    ];
    let linked = LinkedCode::link(funcs, 0, &layout).unwrap();
    let calls = [
        (0, 0, 1, true),
        (0, 1, 2, true),
        (0, 2, 0, false),
        (1, 0, 0, true),
        (1, 1, 2, true),
        (2, 0, 1, true),
        (2, 1, 0, true),
    ];
    for (f, k, target, far) in calls {
        let at = site(&linked, f, k);
        assert_eq!(
            follow(&linked.bytes, at),
            (entry(&linked, target), far),
            "call {f}.{k}"
        );
        let w = word(&linked.bytes, at);
        let reach = (((w & 0x03ff_ffff) << 6) as i32 >> 6).unsigned_abs() as usize * 4;
        assert!(reach <= 4096, "call {f}.{k} jumps {reach} bytes");
    }
}

#[test]
fn calls_beyond_128_mib_go_through_veneers() {
    // Real reach: functions 0 and 2 are 130 MiB apart.
    let layout = LinkLayout {
        spread: 65 << 20,
        ..LinkLayout::default()
    };
    let funcs = vec![func(8, &[2, 1]), func(8, &[]), func(8, &[0, 1])];
    let linked = LinkedCode::link(funcs, 0, &layout).unwrap();
    assert!(linked.bytes.len() > 130 << 20);
    assert_eq!(
        follow(&linked.bytes, site(&linked, 0, 0)),
        (entry(&linked, 2), true)
    );
    assert_eq!(
        follow(&linked.bytes, site(&linked, 0, 1)),
        (entry(&linked, 1), false)
    );
    assert_eq!(
        follow(&linked.bytes, site(&linked, 2, 0)),
        (entry(&linked, 0), true)
    );
    assert_eq!(
        follow(&linked.bytes, site(&linked, 2, 1)),
        (entry(&linked, 1), false)
    );
}

#[test]
fn imported_offsets_and_trap_sites_survive_islands() {
    let layout = LinkLayout {
        spread: 4096,
        aarch64_call_reach: 1024,
    };
    let mut f0 = func(8, &[3, 2]);
    f0.traps.push(TrapSite {
        return_offset: 12,
        bytecode_offset: 7,
    });
    let linked = LinkedCode::link(vec![f0, func(8, &[2])], 2, &layout).unwrap();
    assert_eq!(
        follow(&linked.bytes, site(&linked, 0, 0)),
        (entry(&linked, 1), true)
    );
    assert_eq!(
        follow(&linked.bytes, site(&linked, 0, 1)),
        (entry(&linked, 0), false)
    );
    assert_eq!(
        follow(&linked.bytes, site(&linked, 1, 0)),
        (entry(&linked, 0), true)
    );
    let (trap, f) = linked.trap_at(12).unwrap();
    assert_eq!((trap.return_offset, trap.bytecode_offset, f), (12, 7, 2));
    assert_eq!(linked.trap_at(8), None);
    assert_eq!(linked.func_at(entry(&linked, 1) as u32, 2), Some(3));
}

#[test]
fn a_call_nothing_can_reach_is_an_error() {
    // A function larger than the reach calls forward from its start: no island can be placed
    // within reach of the call.
    let layout = LinkLayout {
        spread: 0,
        aarch64_call_reach: 1024,
    };
    let err = LinkedCode::link(vec![func(1024, &[1]), func(8, &[])], 0, &layout).unwrap_err();
    assert_eq!(err.kind(), crate::error::ErrorKind::Resource, "{err:?}");
}

#[test]
fn a_call_to_an_undefined_function_is_an_error() {
    let err = LinkedCode::link(vec![func(8, &[5])], 0, &LinkLayout::default()).unwrap_err();
    assert_eq!(err.kind(), crate::error::ErrorKind::Resource, "{err:?}");
    let err = LinkedCode::link(vec![func(8, &[0])], 1, &LinkLayout::default()).unwrap_err();
    assert_eq!(err.kind(), crate::error::ErrorKind::Resource, "{err:?}");
}

#[test]
fn a_trap_returning_to_the_end_of_its_function_is_its_own() {
    // The trap stub call ends function 0, which the next function follows without a gap: the
    // return address is both function 0's end and function 1's entry.
    let mut f0 = func(4, &[]);
    f0.traps.push(TrapSite {
        return_offset: 16,
        bytecode_offset: 3,
    });
    let mut f1 = func(4, &[]);
    f1.traps.push(TrapSite {
        return_offset: 8,
        bytecode_offset: 9,
    });
    let linked = LinkedCode::link(vec![f0, f1], 1, &LinkLayout::default()).unwrap();
    assert_eq!(entry(&linked, 1), 16);
    let site = |return_offset, bytecode_offset| TrapSite {
        return_offset,
        bytecode_offset,
    };
    assert_eq!(linked.trap_at(16), Some((site(16, 3), 1)));
    assert_eq!(linked.trap_at(24), Some((site(24, 9), 2)));
    assert_eq!(linked.trap_at(0), None);
    assert_eq!(linked.trap_at(20), None);
}

#[test]
fn code_written_in_parts_is_the_code_written_whole() {
    // Islands between functions and after the last, functions of different sizes with trap
    // sites: every split into parts writes the same bytes and trap sites.
    let layout = LinkLayout {
        spread: 512,
        aarch64_call_reach: 4096,
    };
    let funcs: Vec<CompiledCode> = (0..12u32)
        .map(|i| {
            let mut f = func(8 + 97 * i as usize % 300, &[(i * 5) % 12, (i + 11) % 12]);
            f.traps.push(TrapSite {
                return_offset: 8,
                bytecode_offset: i,
            });
            f
        })
        .collect();
    let whole = LinkedCode::link(funcs.clone(), 0, &layout).unwrap();
    let plan = plan(&funcs, 0, &layout).unwrap();
    assert!(plan.islands.len() > 1, "the layout has islands");
    for count in 1..=14 {
        let parts = plan.parts(count);
        assert!(parts.len() <= count && (count == 1 || parts.len() > 1));
        let mut bytes = vec![0; plan.len];
        let mut traps = Vec::new();
        let mut next = (0, 0);
        for part in &parts {
            assert_eq!(
                (part.functions.start, part.bytes.start),
                next,
                "parts are contiguous"
            );
            next = (part.functions.end, part.bytes.end);
            let written = plan
                .write_part(
                    part,
                    funcs[part.functions.clone()].to_vec(),
                    &mut bytes[part.bytes.clone()],
                )
                .unwrap();
            traps.extend(written);
        }
        assert_eq!(next, (funcs.len(), plan.len));
        assert!(bytes == whole.bytes, "{count} parts");
        assert_eq!(traps, whole.traps, "{count} parts");
    }
}
