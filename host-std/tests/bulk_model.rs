//! Bulk memory and table operations through compiled code against a model of the spec.

use breakwater::{Engine, Instance, Module, Store, TrapKind};
use proptest::prelude::*;

const PAGE: usize = 65536;

const WAT: &str = r#"(module
  (memory (export "mem") 1)
  (data $d "\01\02\03\04\05\06\07\08")
  (table $t 16 funcref)
  (func $f0) (func $f1)
  (elem $e func $f0 $f1 $f0 $f1)
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (data.drop $d))
  (func (export "tinit") (param i32 i32 i32) (table.init $e (local.get 0) (local.get 1) (local.get 2)))
  (func (export "tcopy") (param i32 i32 i32) (table.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "tnull") (param i32) (result i32) (ref.is_null (table.get (local.get 0)))))"#;

#[derive(Clone, Debug)]
enum Op {
    Fill(u32, u8, u32),
    Copy(u32, u32, u32),
    Init(u32, u32, u32),
    Drop,
    TInit(u32, u32, u32),
    TCopy(u32, u32, u32),
}

fn addr() -> impl Strategy<Value = u32> {
    prop_oneof![
        0u32..64,
        (PAGE as u32 - 64)..(PAGE as u32 + 2),
        Just(u32::MAX),
        Just(u32::MAX - 3)
    ]
}

fn len() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..40, Just(PAGE as u32), Just(u32::MAX)]
}

fn small() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..20, Just(u32::MAX)]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (addr(), any::<u8>(), len()).prop_map(|(d, v, n)| Op::Fill(d, v, n)),
        (addr(), addr(), len()).prop_map(|(d, s, n)| Op::Copy(d, s, n)),
        (addr(), 0u32..10, 0u32..10).prop_map(|(d, s, n)| Op::Init(d, s, n)),
        Just(Op::Drop),
        (small(), small(), small()).prop_map(|(d, s, n)| Op::TInit(d, s, n)),
        (small(), small(), small()).prop_map(|(d, s, n)| Op::TCopy(d, s, n)),
    ]
}

fn in_bounds(start: u32, n: u32, size: usize) -> bool {
    start as u64 + n as u64 <= size as u64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn bulk_ops_match_the_model(ops in proptest::collection::vec(op(), 1..24)) {
        let engine = Engine::default();
        let module = Module::new(&engine, WAT).unwrap();
        let mut store = Store::new(&engine, ());
        let i = Instance::new(&mut store, &module, &[]).unwrap();
        let mem = i.get_memory(&mut store, "mem").unwrap();
        let f3 = |name: &str, store: &mut Store<()>| {
            i.get_typed_func::<(u32, u32, u32), ()>(store, name).unwrap()
        };
        let (fill, copy, init) = (f3("fill", &mut store), f3("copy", &mut store), f3("init", &mut store));
        let (tinit, tcopy) = (f3("tinit", &mut store), f3("tcopy", &mut store));
        let drop = i.get_typed_func::<(), ()>(&mut store, "drop").unwrap();
        let tnull = i.get_typed_func::<u32, i32>(&mut store, "tnull").unwrap();
        let mut model = vec![0u8; PAGE];
        let mut seg: Vec<u8> = (1..=8).collect();
        let mut table = [false; 16]; // true = non-null
        let elem = [true; 4];
        for op in ops {
            let (r, ok, kind) = match op {
                Op::Fill(d, v, n) => {
                    let ok = in_bounds(d, n, PAGE);
                    if ok { model[d as usize..(d + n) as usize].fill(v); }
                    (fill.call(&mut store, (d, v as u32, n)), ok, TrapKind::MemoryOutOfBounds)
                }
                Op::Copy(d, s, n) => {
                    let ok = in_bounds(d, n, PAGE) && in_bounds(s, n, PAGE);
                    if ok { model.copy_within(s as usize..(s + n) as usize, d as usize); }
                    (copy.call(&mut store, (d, s, n)), ok, TrapKind::MemoryOutOfBounds)
                }
                Op::Init(d, s, n) => {
                    let ok = in_bounds(d, n, PAGE) && in_bounds(s, n, seg.len());
                    if ok {
                        model[d as usize..(d + n) as usize]
                            .copy_from_slice(&seg[s as usize..(s + n) as usize]);
                    }
                    (init.call(&mut store, (d, s, n)), ok, TrapKind::MemoryOutOfBounds)
                }
                Op::Drop => {
                    seg.clear();
                    (drop.call(&mut store, ()), true, TrapKind::Unreachable)
                }
                Op::TInit(d, s, n) => {
                    let ok = in_bounds(d, n, 16) && in_bounds(s, n, 4);
                    if ok {
                        table[d as usize..(d + n) as usize]
                            .copy_from_slice(&elem[s as usize..(s + n) as usize]);
                    }
                    (tinit.call(&mut store, (d, s, n)), ok, TrapKind::TableOutOfBounds)
                }
                Op::TCopy(d, s, n) => {
                    let ok = in_bounds(d, n, 16) && in_bounds(s, n, 16);
                    if ok { table.copy_within(s as usize..(s + n) as usize, d as usize); }
                    (tcopy.call(&mut store, (d, s, n)), ok, TrapKind::TableOutOfBounds)
                }
            };
            match r {
                Ok(()) => prop_assert!(ok, "expected a trap"),
                Err(e) => {
                    prop_assert!(!ok, "unexpected {e}");
                    prop_assert_eq!(e.as_trap().map(|t| t.kind), Some(kind));
                }
            }
        }
        prop_assert!(mem.data(&store) == &model[..]);
        for (k, nonnull) in table.iter().enumerate() {
            prop_assert_eq!(tnull.call(&mut store, k as u32).unwrap(), (!nonnull) as i32);
        }
    }
}
