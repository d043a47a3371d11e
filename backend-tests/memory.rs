//! Bounds-checked Wasm loads and stores: every kind at the edges of the memory, offsets up to
//! and beyond 4 GiB (including u64 overflow of offset + size), addresses with garbage in their
//! upper halves, plus raw frame/vmctx/pointer accesses through every base register.

use breakwater_core::codegen::{Base, Emitter, LoadKind, MemoryRef, OperandSize, Reg, StoreKind};
use breakwater_core::TrapKind;

use crate::harness::{dirty32, run_op_in, Env, MEMORY0};

const MEM_LEN: usize = 0x1_0000;

const LOADS: [LoadKind; 14] = [
    LoadKind::I32,
    LoadKind::I64,
    LoadKind::F32,
    LoadKind::F64,
    LoadKind::I32S8,
    LoadKind::I32U8,
    LoadKind::I32S16,
    LoadKind::I32U16,
    LoadKind::I64S8,
    LoadKind::I64U8,
    LoadKind::I64S16,
    LoadKind::I64U16,
    LoadKind::I64S32,
    LoadKind::I64U32,
];

const STORES: [StoreKind; 6] = [
    StoreKind::I8,
    StoreKind::I16,
    StoreKind::I32,
    StoreKind::I64,
    StoreKind::F32,
    StoreKind::F64,
];

/// The value a load of `kind` reads at `mem[ea..]`, and the mask of its defined bits.
fn expected_load(kind: LoadKind, mem: &[u8], ea: usize) -> (u64, u64) {
    use LoadKind::*;
    let n = kind.bytes() as usize;
    let mut raw = [0u8; 8];
    raw[..n].copy_from_slice(&mem[ea..ea + n]);
    let u = u64::from_le_bytes(raw);
    let v = match kind {
        I32 | F32 | I32U8 | I32U16 | I64 | F64 | I64U8 | I64U16 | I64U32 => u,
        I32S8 => u as u8 as i8 as i32 as u32 as u64,
        I32S16 => u as u16 as i16 as i32 as u32 as u64,
        I64S8 => u as u8 as i8 as i64 as u64,
        I64S16 => u as u16 as i16 as i64 as u64,
        I64S32 => u as u32 as i32 as i64 as u64,
    };
    let mask = match kind {
        I32 | F32 | I32S8 | I32U8 | I32S16 | I32U16 => 0xffff_ffff,
        _ => u64::MAX,
    };
    (v, mask)
}

fn is_float(kind: LoadKind) -> bool {
    matches!(kind, LoadKind::F32 | LoadKind::F64)
}

/// Runs one load; `Ok(bits)` or the trap.
fn load(
    env: &mut Env,
    kind: LoadKind,
    dst: Reg,
    addr: Reg,
    addr_bits: u64,
    offset: u64,
) -> Result<u64, (TrapKind, u32)> {
    run_op_in(env, &[(addr, addr_bits)], dst, |e| {
        e.set_source_loc(0x1234);
        e.wasm_load(kind, MemoryRef::Vmctx(MEMORY0), dst, addr, offset)
    })
}

#[test]
fn loads_at_the_edges() {
    let mut env = Env::new(MEM_LEN);
    let mem = env.memory.clone();
    let offsets = [
        0u64,
        1,
        3,
        0x7fff_ffff,
        0x8000_0000,
        0xffff_ffff,
        0x1_0000_0000,
        0x1_0000_0001,
        u64::MAX - 8,
        u64::MAX - 1,
        u64::MAX,
    ];
    for kind in LOADS {
        let n = kind.bytes() as u64;
        let len = MEM_LEN as u64;
        let addrs = [
            0u64,
            1,
            len - n - 1,
            len - n,
            len - n + 1,
            len - 1,
            len,
            0x7fff_ffff,
            0x8000_0000,
            0xffff_ffff,
        ];
        for (i, &addr) in addrs.iter().enumerate() {
            for &offset in &offsets {
                // Also address-relative offsets that land exactly on the last valid position.
                let dst = if is_float(kind) {
                    Reg::Fpr(i as u8 % 14)
                } else {
                    Reg::Gpr(i as u8 % 9)
                };
                let areg = Reg::Gpr((i as u8 + 4) % 9);
                let got = load(&mut env, kind, dst, areg, dirty32(addr as u32), offset);
                let end = addr as u128 + offset as u128 + n as u128;
                if end <= len as u128 {
                    let (want, mask) = expected_load(kind, &mem, (addr + offset) as usize);
                    assert_eq!(
                        got.map(|v| v & mask),
                        Ok(want),
                        "{kind:?} addr {addr:#x} offset {offset:#x}"
                    );
                } else {
                    assert_eq!(
                        got,
                        Err((TrapKind::MemoryOutOfBounds, 0x1234)),
                        "{kind:?} addr {addr:#x} offset {offset:#x}"
                    );
                }
            }
        }
        // offset brings a small address exactly to the last valid position, and one past it.
        for addr in [0u64, 5] {
            let offset = len - n - addr;
            let dst = if is_float(kind) {
                Reg::Fpr(3)
            } else {
                Reg::Gpr(3)
            };
            let (want, mask) = expected_load(kind, &mem, (len - n) as usize);
            assert_eq!(
                load(
                    &mut env,
                    kind,
                    dst,
                    Reg::Gpr(5),
                    dirty32(addr as u32),
                    offset
                )
                .map(|v| v & mask),
                Ok(want)
            );
            assert!(load(
                &mut env,
                kind,
                dst,
                Reg::Gpr(5),
                dirty32(addr as u32),
                offset + 1
            )
            .is_err());
        }
    }
}

#[test]
fn load_into_the_address_register() {
    let mut env = Env::new(MEM_LEN);
    let mem = env.memory.clone();
    for kind in LOADS.into_iter().filter(|k| !is_float(*k)) {
        for r in 0..9 {
            let reg = Reg::Gpr(r);
            let got = load(&mut env, kind, reg, reg, dirty32(0x100), 8).unwrap();
            let (want, mask) = expected_load(kind, &mem, 0x108);
            assert_eq!(got & mask, want, "{kind:?} {reg:?}");
        }
    }
}

/// A memory that appears to be `fake_len` bytes long, whose last `real.len()` bytes are `real`:
/// lets accesses with offsets near and above 4 GiB succeed without allocating that much.
fn far_memory(env: &mut Env, skip: u64) {
    let base = env.memory.as_mut_ptr().wrapping_sub(skip as usize);
    env.set_memory(base, skip + MEM_LEN as u64);
}

#[test]
fn offsets_near_and_above_4gib() {
    for skip in [0xffff_0000u64, 0xffff_ffff, 0x1_0000_0000, 0x1_8000_0000] {
        let mut env = Env::new(MEM_LEN);
        far_memory(&mut env, skip);
        let mem = env.memory.clone();
        let len = skip + MEM_LEN as u64;
        for kind in LOADS {
            let n = kind.bytes() as u64;
            let dst = if is_float(kind) {
                Reg::Fpr(9)
            } else {
                Reg::Gpr(8)
            };
            // All in the static offset.
            let (want, mask) = expected_load(kind, &mem, 0x20);
            let got = load(&mut env, kind, dst, Reg::Gpr(2), dirty32(0x20), skip);
            assert_eq!(got.map(|v| v & mask), Ok(want), "{kind:?} skip {skip:#x}");
            // Split between address and offset so the last byte is the memory's last.
            let addr = 0x7000u64;
            let offset = len - n - addr;
            let (want, mask) = expected_load(kind, &mem, MEM_LEN - n as usize);
            let got = load(
                &mut env,
                kind,
                dst,
                Reg::Gpr(2),
                dirty32(addr as u32),
                offset,
            );
            assert_eq!(
                got.map(|v| v & mask),
                Ok(want),
                "{kind:?} skip {skip:#x} last"
            );
            let got = load(
                &mut env,
                kind,
                dst,
                Reg::Gpr(2),
                dirty32(addr as u32 + 1),
                offset,
            );
            assert_eq!(
                got,
                Err((TrapKind::MemoryOutOfBounds, 0x1234)),
                "{kind:?} skip {skip:#x} first out"
            );
        }
    }
}

fn store(
    env: &mut Env,
    kind: StoreKind,
    addr: Reg,
    addr_bits: u64,
    offset: u64,
    src: Reg,
    bits: u64,
) -> Result<u64, (TrapKind, u32)> {
    run_op_in(env, &[(addr, addr_bits), (src, bits)], Reg::Gpr(0), |e| {
        e.set_source_loc(99);
        e.wasm_store(kind, MemoryRef::Vmctx(MEMORY0), addr, offset, src)
    })
}

#[test]
fn stores_at_the_edges() {
    let value = 0x8899_aabb_ccdd_eeffu64;
    for kind in STORES {
        let n = kind.bytes() as u64;
        let len = MEM_LEN as u64;
        let src = if matches!(kind, StoreKind::F32 | StoreKind::F64) {
            Reg::Fpr(12)
        } else {
            Reg::Gpr(2)
        };
        for (addr, offset) in [
            (0u64, 0u64),
            (1, 0),
            (len - n, 0),
            (0, len - n),
            (len - n - 3, 2),
            (len - n + 1, 0),
            (0, len - n + 1),
            (0xffff_ffff, 0),
            (0, u64::MAX),
            (8, 0xffff_fff8),
        ] {
            let mut env = Env::new(MEM_LEN);
            let before = env.memory.clone();
            let got = store(
                &mut env,
                kind,
                Reg::Gpr(6),
                dirty32(addr as u32),
                offset,
                src,
                value,
            );
            let end = addr as u128 + offset as u128 + n as u128;
            let mut want = before.clone();
            if end <= len as u128 {
                assert!(got.is_ok(), "{kind:?} {addr:#x}+{offset:#x}: {got:?}");
                let ea = (addr + offset) as usize;
                want[ea..ea + n as usize].copy_from_slice(&value.to_le_bytes()[..n as usize]);
            } else {
                assert_eq!(got.unwrap_err(), (TrapKind::MemoryOutOfBounds, 99));
            }
            assert!(
                env.memory == want,
                "{kind:?} {addr:#x}+{offset:#x}: wrong bytes"
            );
        }
    }
}

#[test]
fn byte_stores_from_every_register() {
    // rsi and rdi must store sil/dil (REX), not dh/bh.
    for r in 0..9 {
        let mut env = Env::new(MEM_LEN);
        let src = Reg::Gpr(r);
        let addr = Reg::Gpr((r + 1) % 9);
        store(
            &mut env,
            StoreKind::I8,
            addr,
            0x40,
            0,
            src,
            0x1234_5678_9abc_de5a,
        )
        .unwrap();
        store(
            &mut env,
            StoreKind::I16,
            addr,
            0x50,
            0,
            src,
            0x1234_5678_9abc_de5a,
        )
        .unwrap();
        assert_eq!(env.memory[0x40], 0x5a, "{src:?}");
        assert_eq!(env.memory[0x41], (0x41 * 7 + 3) as u8);
        assert_eq!(&env.memory[0x50..0x52], &[0x5a, 0xde], "{src:?}");
        // The address register may be the stored register, too.
        store(&mut env, StoreKind::I32, src, 0x60, 4, src, 0x60).unwrap();
        assert_eq!(&env.memory[0x64..0x68], &[0x60, 0, 0, 0]);
    }
}

#[test]
fn raw_accesses_through_every_base() {
    // rbx, rsi, rdi, r8, r9, r10, r12 (SIB), r13 (needs a displacement), r15 as pointers.
    let mut env = Env::new(0);
    let mut cell = [0u64; 64];
    let base_addr = cell.as_mut_ptr() as u64 + 256;
    for r in 0..9 {
        let base = Reg::Gpr(r);
        let dst = Reg::Gpr((r + 3) % 9);
        for off in [0i32, 8, -8, 120, -128, 200, -256] {
            for size in [OperandSize::S32, OperandSize::S64] {
                cell = [0; 64];
                let got = run_op_in(&mut env, &[(base, base_addr)], dst, |e| {
                    e.store_imm(Base::Reg(base), off, -2, size);
                    e.load(dst, Base::Reg(base), off, size);
                })
                .unwrap();
                let idx = ((256 + off) / 8) as usize;
                let want = match size {
                    OperandSize::S32 => 0xffff_fffe,
                    OperandSize::S64 => u64::MAX - 1,
                };
                assert_eq!(got, want, "{base:?} {off} {size:?}");
                assert_eq!(cell[idx], want, "{base:?} {off} {size:?}");
                // And through a float register.
                let f = Reg::Fpr(r + 4);
                let got = run_op_in(
                    &mut env,
                    &[(base, base_addr), (f, 0x4010_0000_dead_beef)],
                    dst,
                    |e| {
                        e.store(Base::Reg(base), off, f, size);
                        e.load(dst, Base::Reg(base), off, size);
                    },
                )
                .unwrap();
                let want = match size {
                    OperandSize::S32 => 0xdead_beef,
                    OperandSize::S64 => 0x4010_0000_dead_beef,
                };
                assert_eq!(got, want, "{base:?} {off} {size:?} via {f:?}");
            }
        }
    }
}

#[test]
fn vmctx_accesses() {
    let mut env = Env::new(0);
    let vmctx = env.vmctx_ptr() as u64;
    env.vmctx.set_u64(0xb8, 0x1122_3344_5566_7788);
    for r in [Reg::Gpr(0), Reg::Gpr(7)] {
        let got = run_op_in(&mut env, &[], r, |e| e.lea_vmctx(r, 0x60)).unwrap();
        assert_eq!(got, vmctx + 0x60);
        let got = run_op_in(&mut env, &[], r, |e| {
            e.load(r, Base::Vmctx, 0xb8, OperandSize::S64)
        })
        .unwrap();
        assert_eq!(got, 0x1122_3344_5566_7788);
        let got = run_op_in(&mut env, &[], r, |e| {
            e.load(r, Base::Vmctx, 0xbc, OperandSize::S32)
        })
        .unwrap();
        assert_eq!(got, 0x1122_3344, "4-byte loads zero-extend");
    }
}

#[test]
fn large_frame_offsets() {
    // A frame bigger than an immediate offset reaches: slots far below fp, raw stores and loads.
    let mut env = Env::new(0);
    let code = crate::harness::build(4096, |e| {
        e.store_imm(Base::Frame, -4000, 77, OperandSize::S64);
        e.load_const(Reg::Fpr(2), OperandSize::S64, 0x4000_0000_0000_0000);
        e.store(Base::Frame, -3000, Reg::Fpr(2), OperandSize::S64);
        e.load(Reg::Gpr(1), Base::Frame, -4000, OperandSize::S64);
        e.load(Reg::Gpr(2), Base::Frame, -3000, OperandSize::S64);
        e.int_binop(
            breakwater_core::codegen::IntBinKind::Add,
            OperandSize::S64,
            Reg::Gpr(1),
            Reg::Gpr(1),
            breakwater_core::codegen::RegImm::Reg(Reg::Gpr(2)),
        );
        e.store(Base::Frame, 16, Reg::Gpr(1), OperandSize::S64);
    });
    let mut values = [0u64];
    crate::harness::run_in(&mut env, code, &mut values).unwrap();
    assert_eq!(values[0], 0x4000_0000_0000_0000 + 77);
}
