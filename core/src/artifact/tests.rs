//! Artifacts round-trip, load into the JIT's structures, and reject whatever is not theirs:
//! other versions, targets and builds, corruption, and (property test) arbitrary mutations,
//! always with an error, never a panic.

use alloc::boxed::Box;
use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

use proptest::prelude::*;

use super::*;
use crate::codegen::Reg;
use crate::compiled::{Reloc, RelocKind, TrapSite};
use crate::debug::{
    CallSite, Jump, Location, MachineSite, PendingCompare, SiteKind, StopPoint, ValueLoc,
};
use crate::runtime::PublishedCode;
use crate::types::ValType;

/// `(func (result i32) i32.const 1)` and `(func (result i32) call 0)`.
const MODULE: &[u8] = &[
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type () -> i32
    0x03, 0x03, 0x02, 0x00, 0x00, // two functions of type 0
    0x0a, 0x0b, 0x02, // code section, two bodies
    0x04, 0x00, 0x41, 0x01, 0x0b, // i32.const 1
    0x04, 0x00, 0x10, 0x00, 0x0b, // call 0
];

/// Copies code into the heap: published, never executed.
struct HeapMemory;

impl CodeMemory for HeapMemory {
    fn publish(&self, code: &[u8]) -> crate::Result<PublishedCode> {
        let copy: Box<[u8]> = code.into();
        let base = copy.as_ptr();
        // SAFETY: the box owns `code.len()` bytes at `base` and is kept alive (its heap block
        // does not move) by the `PublishedCode`; the tests never execute it.
        Ok(unsafe { PublishedCode::new(base, code.len(), Box::new(copy)) })
    }
}

fn host() -> Target {
    Target::host().expect("tests run on x86_64 or aarch64")
}

fn call_kind(t: Target) -> RelocKind {
    match t {
        Target::X86_64 => RelocKind::X86CallRel32,
        Target::Aarch64 => RelocKind::Aarch64Call26,
    }
}

fn stubs() -> RuntimeStubs {
    RuntimeStubs {
        bytes: vec![0xcc; 64],
        entry: 0,
        trap: 16,
        host_adapter: 32,
        debug_handler: 48,
    }
}

fn sites(code_len: u32) -> FunctionSites {
    FunctionSites {
        machine: vec![MachineSite {
            return_offset: 8,
            resume_offset: 12,
            stops: 0..2,
        }],
        stops: vec![
            StopPoint {
                bytecode_offset: 24,
                kind: SiteKind::FunctionEntry,
                stack: 0..0,
                code_offset: 4,
                interpretable: true,
                cached: 0..0,
                dirty: 0,
                compare: None,
                jump: Some(Jump {
                    target: 1,
                    arity: 0,
                    conditional: false,
                }),
            },
            StopPoint {
                bytecode_offset: 26,
                kind: SiteKind::Instruction,
                stack: 0..2,
                code_offset: 4,
                interpretable: false,
                cached: 0..1,
                dirty: 1 << 3,
                compare: Some(PendingCompare {
                    kind: crate::codegen::IntCmpKind::LtU,
                    size: crate::codegen::OperandSize::S64,
                    lhs: Reg::Gpr(1),
                    rhs: crate::codegen::RegImm::Imm(-7),
                }),
                jump: None,
            },
        ],
        values: vec![
            ValueLoc {
                ty: ValType::I32,
                loc: Location::Reg(Reg::Gpr(3)),
            },
            ValueLoc {
                ty: ValType::F64,
                loc: Location::Frame(-24),
            },
        ],
        cached: vec![(0, Reg::Gpr(2))],
        calls: vec![CallSite {
            return_offset: 20,
            bytecode_offset: 30,
        }],
        locals: Box::new([(ValType::I32, -16)]),
        code_len,
    }
}

fn artifact(target: Target, debug: bool) -> Artifact {
    let f = |call: bool| CompiledCode {
        bytes: vec![0x90; 32],
        relocs: if call {
            vec![Reloc {
                offset: 16,
                kind: call_kind(target),
                target: 0,
            }]
        } else {
            Vec::new()
        },
        traps: vec![TrapSite {
            return_offset: 28,
            bytecode_offset: 26,
        }],
        machine_sites: debug as u32,
        fast_entry: 0,
        sites: debug.then(|| Box::new(sites(32))),
        ..Default::default()
    };
    Artifact {
        target,
        guard_pages: false,
        debug,
        module: MODULE.into(),
        stubs: stubs(),
        functions: vec![f(false), f(true)],
    }
}

fn message<T: core::fmt::Debug>(r: crate::Result<T>) -> alloc::string::String {
    let e = r.expect_err("expected an error");
    assert_eq!(e.kind(), crate::error::ErrorKind::Artifact, "{e}");
    e.to_string()
}

/// Rewrites the body checksum after a change to the body (to reach the body's own checks).
fn reseal(file: &mut [u8]) {
    let sum = checksum(&file[HEADER_LEN..]);
    file[32..40].copy_from_slice(&sum.to_le_bytes());
}

#[test]
fn round_trips() {
    for debug in [false, true] {
        for target in [Target::X86_64, Target::Aarch64] {
            let a = artifact(target, debug);
            let file = write(&a).unwrap();
            assert_eq!(&file[..8], &MAGIC);
            assert_eq!(read(&file).unwrap(), a);
        }
    }
}

#[test]
fn loads_into_the_jit_structures() {
    let engine = engine(&artifact(host(), true), &HeapMemory).unwrap();
    let file = write(&artifact(host(), true)).unwrap();
    let module = load(
        &engine,
        read(&file).unwrap(),
        &HeapMemory,
        &compile::Sequential,
    )
    .unwrap();
    assert_eq!(module.info.num_defined_funcs(), 2);
    assert_eq!(module.code.functions.len(), 2);
    // Trap sites are module-relative after linking, as the JIT's.
    let second = module.code.functions[1].code_offset;
    let (site, func) = module.code.trap_at(second + 28).unwrap();
    assert_eq!((site.bytecode_offset, func), (26, 1));
    // The call of function 1 was linked to function 0.
    let published = unsafe {
        core::slice::from_raw_parts(module.published.base() as *const u8, module.published.len())
    };
    let at = (second + 16) as usize;
    let word = u32::from_le_bytes(published[at..at + 4].try_into().unwrap());
    match host() {
        Target::X86_64 => assert_eq!(word as i32 as i64, -(at as i64 + 4)),
        Target::Aarch64 => assert_eq!(((word << 6) as i32 >> 6) as i64 * 4, -(at as i64)),
    }
    // Debug code: the stored site tables are what the debugger sees.
    assert_eq!(*module.function_sites(1).unwrap(), sites(32));
}

#[test]
fn code_without_debugging_has_no_site_tables() {
    let engine = engine(&artifact(host(), false), &HeapMemory).unwrap();
    let file = write(&artifact(host(), false)).unwrap();
    let module = load(
        &engine,
        read(&file).unwrap(),
        &HeapMemory,
        &compile::Sequential,
    )
    .unwrap();
    assert!(module.debug.is_none());
    assert!(module.function_sites(0).is_err());
}

#[test]
fn other_versions_targets_and_builds_are_refused() {
    let file = write(&artifact(host(), false)).unwrap();
    let mut v = file.clone();
    v[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let expected = alloc::format!("format version {}", FORMAT_VERSION + 1);
    assert!(message(read(&v)).contains(&expected));
    let mut b = file.clone();
    b[16] ^= 1;
    assert!(message(read(&b)).contains("another Breakwater build"));
    let mut t = file.clone();
    t[12] = 9;
    assert!(message(read(&t)).contains("unknown target"));

    let other = match host() {
        Target::X86_64 => Target::Aarch64,
        Target::Aarch64 => Target::X86_64,
    };
    let foreign = read(&write(&artifact(other, false)).unwrap()).unwrap();
    let engine = engine(&artifact(host(), false), &HeapMemory).unwrap();
    assert!(message(load(
        &engine,
        foreign.clone(),
        &HeapMemory,
        &compile::Sequential
    ))
    .contains("compiled for"));
    assert!(message(super::engine(&foreign, &HeapMemory)).contains("compiled for"));
}

#[test]
fn artifacts_of_other_stubs_do_not_load() {
    let mut a = artifact(host(), false);
    a.stubs.bytes[3] = 0;
    let engine = engine(&a, &HeapMemory).unwrap();
    let file = write(&artifact(host(), false)).unwrap();
    assert!(message(load(
        &engine,
        read(&file).unwrap(),
        &HeapMemory,
        &compile::Sequential
    ))
    .contains("stubs"));
}

#[test]
fn corruption_is_detected() {
    let file = write(&artifact(host(), true)).unwrap();
    assert!(message(read(b"\x7fELF")).contains("shorter than its header"));
    assert!(message(read(&[0u8; 64])).contains("bad magic"));
    for len in 0..file.len() {
        message(read(&file[..len]));
    }
    let mut longer = file.clone();
    longer.push(0);
    assert!(message(read(&longer)).contains("truncated or extended"));
    let mut flipped = file.clone();
    *flipped.last_mut().unwrap() ^= 0x40;
    assert!(message(read(&flipped)).contains("checksum"));
}

/// A change that makes an artifact corrupt.
type Change = fn(&mut Artifact);

#[test]
fn bad_tables_are_corrupt_artifacts() {
    let cases: Vec<(&str, Change)> = vec![
        ("relocation outside", |a| {
            a.functions[1].relocs[0].offset = 30
        }),
        ("foreign to the target", |a| {
            a.functions[1].relocs[0].kind = call_kind(match a.target {
                Target::X86_64 => Target::Aarch64,
                Target::Aarch64 => Target::X86_64,
            })
        }),
        ("trap site outside", |a| {
            a.functions[0].traps[0].return_offset = 33
        }),
        ("stub", |a| a.stubs.debug_handler = 64),
        ("do not match their function", |a| {
            a.functions[0].sites.as_mut().unwrap().code_len = 31
        }),
        ("outside its tables", |a| {
            a.functions[0].sites.as_mut().unwrap().machine[0].stops = 1..3
        }),
        ("stop point outside", |a| {
            a.functions[0].sites.as_mut().unwrap().stops[1].stack = 0..3
        }),
        ("save area", |a| {
            a.functions[0].sites.as_mut().unwrap().values[0].loc = Location::Reg(Reg::Fpr(16))
        }),
        ("local that does not exist", |a| {
            a.functions[0].sites.as_mut().unwrap().values[0].loc = Location::Local(1)
        }),
        ("cached local that does not exist", |a| {
            a.functions[0].sites.as_mut().unwrap().cached[0].0 = 1
        }),
        ("save area", |a| {
            a.functions[0].sites.as_mut().unwrap().cached[0].1 = Reg::Gpr(200)
        }),
        ("stop point outside", |a| {
            a.functions[0].sites.as_mut().unwrap().stops[1].cached = 0..2
        }),
        ("jumps outside its function or backwards", |a| {
            a.functions[0].sites.as_mut().unwrap().stops[0].jump = Some(Jump {
                target: 0,
                arity: 0,
                conditional: false,
            })
        }),
        ("jumps outside its function or backwards", |a| {
            a.functions[0].sites.as_mut().unwrap().stops[0].jump = Some(Jump {
                target: 2,
                arity: 0,
                conditional: false,
            })
        }),
    ];
    for (expected, change) in cases {
        let mut a = artifact(host(), true);
        change(&mut a);
        let m = message(read(&write(&a).unwrap()));
        assert!(m.contains(expected), "{expected}: {m}");
    }
    // Checked against the module when loading.
    let engine = engine(&artifact(host(), true), &HeapMemory).unwrap();
    let load_cases: Vec<(&str, Change)> = vec![
        ("function count", |a| {
            a.functions.pop();
        }),
        ("targets no defined function", |a| {
            a.functions[1].relocs[0].target = 2
        }),
        ("bytecode offset", |a| {
            a.functions[0].traps[0].bytecode_offset = 1000
        }),
        ("does not parse", |a| {
            a.module = Box::new([0, 0x61, 0x73, 0x6d])
        }),
    ];
    for (expected, change) in load_cases {
        let mut a = artifact(host(), true);
        change(&mut a);
        let a = read(&write(&a).unwrap()).unwrap();
        let m = message(load(&engine, a, &HeapMemory, &compile::Sequential));
        assert!(m.contains(expected), "{expected}: {m}");
    }
}

#[test]
fn debug_artifacts_need_site_tables() {
    let mut a = artifact(host(), true);
    a.functions[1].sites = None;
    assert!(message(write(&a)).contains("site tables"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any change to the body (checksum made to match, so the structural checks see it):
    /// reading and loading either succeed or fail with an artifact error, never panic.
    #[test]
    fn mutated_artifacts_give_errors_not_panics(
        debug in any::<bool>(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let mut file = write(&artifact(host(), debug)).unwrap();
        let body = file.len() - HEADER_LEN;
        for (at, byte) in edits {
            file[HEADER_LEN + at % body] = byte;
        }
        if let Some(cut) = cut {
            file.truncate(HEADER_LEN + cut % body);
            let len = (file.len() - HEADER_LEN) as u64;
            file[24..32].copy_from_slice(&len.to_le_bytes());
        }
        reseal(&mut file);
        let engine = engine(&artifact(host(), debug), &HeapMemory).unwrap();
        match read(&file) {
            Ok(a) => {
                if let Err(e) = load(&engine, a, &HeapMemory, &compile::Sequential) {
                    prop_assert!(!e.to_string().is_empty());
                }
            }
            Err(e) => prop_assert_eq!(e.kind(), crate::error::ErrorKind::Artifact),
        }
    }
}

#[test]
fn cpu_error_names_the_missing_x86_features() {
    assert_eq!(x86_cpu_error([true; 5]), None);
    let e = x86_cpu_error([true, true, true, true, false]).unwrap();
    assert!(e.starts_with("this CPU lacks BMI2, "), "{e}");
    let e = x86_cpu_error([false, true, false, true, true]).unwrap();
    assert!(e.starts_with("this CPU lacks SSE4.1, LZCNT, "), "{e}");
    // Every feature is named as needed, BMI2 (rorx) included.
    for name in ["SSE4.1", "POPCNT", "LZCNT", "BMI1", "BMI2"] {
        assert!(e.contains(name), "{e}");
    }
}
