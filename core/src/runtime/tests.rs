//! Tests of parsing, linking, instantiation and the libcalls that need no compiled code.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;

use super::*;
use crate::compiled::RuntimeStubs;
use crate::error::ErrorKind;
use crate::libcalls::{Libcall, LibcallResult, LIBCALL_TABLE};
use crate::module::{self, ConstExpr, GlobalType, MemoryType, SegmentMode, TableType};
use crate::trap::TrapKind;
use crate::types::{FuncType, ValType};
use crate::vmctx::VMFuncRef;

/// "Publishes" code in a plain heap buffer: fine for tests that never execute it.
struct HeapCode;

impl CodeMemory for HeapCode {
    fn publish(&self, code: &[u8]) -> crate::Result<PublishedCode> {
        let buf: Box<[u8]> = code.into();
        let base = buf.as_ptr();
        // SAFETY: never executed in these tests; the box keeps the bytes alive.
        Ok(unsafe { PublishedCode::new(base, code.len(), Box::new(buf)) })
    }
}

fn engine() -> Engine {
    let stubs = RuntimeStubs {
        bytes: vec![0xcc; 48],
        entry: 0,
        trap: 16,
        host_adapter: 32,
        ..Default::default()
    };
    Engine::from_stubs(stubs, &HeapCode).unwrap()
}

/// Compiles a module that has no function bodies.
fn module(engine: &Engine, bytes: &[u8]) -> Arc<CompiledModule> {
    let parsed = module::parse(bytes).unwrap();
    assert!(parsed.functions.is_empty());
    Arc::new(
        compile::finish(
            engine,
            parsed.info,
            bytes.into(),
            Vec::new(),
            &HeapCode,
            None,
            &compile::Sequential,
        )
        .unwrap(),
    )
}

const HEADER: [u8; 8] = [0, b'a', b's', b'm', 1, 0, 0, 0];

fn wasm(sections: &[&[u8]]) -> Vec<u8> {
    let mut out = HEADER.to_vec();
    for s in sections {
        out.extend_from_slice(s);
    }
    out
}

// (table 3 funcref) (memory 1 2) (elem funcref (ref.null func) (ref.null func)) (data "abc")
const TABLE_3: &[u8] = &[4, 4, 1, 0x70, 0, 3];
const MEMORY_1_2: &[u8] = &[5, 4, 1, 1, 1, 2];
const PASSIVE_ELEM: &[u8] = &[9, 10, 1, 5, 0x70, 2, 0xd0, 0x70, 0x0b, 0xd0, 0x70, 0x0b];
const PASSIVE_DATA: &[u8] = &[11, 6, 1, 1, 3, b'a', b'b', b'c'];

// ---- parsing ----

#[test]
fn parse_rejects_bad_magic_at_offset_0() {
    let e = module::parse(b"\0asx\x01\0\0\0").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert_eq!(e.offset(), Some(0));
}

#[test]
fn parse_reports_truncation_offset() {
    // A type section claiming 5 bytes with only 2 present.
    let e = module::parse(&wasm(&[&[1, 5, 1, 0x60]])).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert!(e.offset().unwrap() >= 8, "{e:?}");
}

#[test]
fn parse_rejects_overlong_memory_limits() {
    // (memory 2) with a 6-byte LEB128 minimum.
    let e = module::parse(&wasm(&[&[5, 8, 1, 0, 0x82, 0x80, 0x80, 0x80, 0x80, 0]])).unwrap_err();
    assert!(e.message().contains("too long"), "{e:?}");
    assert!(module::parse(&wasm(&[&[5, 4, 1, 0, 0x82, 0]])).is_ok());
}

#[test]
fn parse_rejects_multiple_memories() {
    let e = module::parse(&wasm(&[&[5, 5, 2, 0, 1, 0, 1]])).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert!(e.message().contains("multiple memories"), "{e:?}");
    assert_eq!(e.offset(), Some(10));
}

#[test]
fn parse_rejects_simd_as_unsupported() {
    // (type (func (param v128)))
    let e = module::parse(&wasm(&[&[1, 5, 1, 0x60, 1, 0x7b, 0]])).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unsupported, "{e:?}");
    assert!(e.offset().is_some());
}

#[test]
fn parse_rejects_invalid_body_in_validate() {
    // (func (result i32)) with an empty body: type error at the `end`.
    let bytes = wasm(&[
        &[1, 5, 1, 0x60, 0, 1, 0x7f],
        &[3, 2, 1, 0],
        &[10, 4, 1, 2, 0, 0x0b],
    ]);
    let info = module::parse(&bytes)
        .expect("bodies are validated later")
        .info;
    // The code section (id 10) starts at offset 8 + 7 + 4; its contents one byte later.
    assert_eq!(info.code_section_start, 8 + 7 + 4 + 2);
    assert_eq!(info.bodies[0].start, info.code_section_start + 2); // count, body size
    let e = module::validate(&bytes).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert_eq!(e.offset(), Some(bytes.len() - 1));
}

#[test]
fn parse_fills_module_info() {
    // (import "m" "g" (global i32)) (table 3 funcref) (memory 1 2)
    // (global i64 (i64.const -1)) (export "mem" (memory 0)) + passive segments + name section
    let import = [2, 8, 1, 1, b'm', 1, b'g', 3, 0x7f, 0];
    let global = [6, 6, 1, 0x7e, 0, 0x42, 0x7f, 0x0b];
    let export = [7, 7, 1, 3, b'm', b'e', b'm', 2, 0];
    // name section: module name "mod"
    let names = [0, 11, 4, b'n', b'a', b'm', b'e', 0, 4, 3, b'm', b'o', b'd'];
    let bytes = wasm(&[
        &import,
        TABLE_3,
        MEMORY_1_2,
        &global,
        &export,
        PASSIVE_ELEM,
        PASSIVE_DATA,
        &names,
    ]);
    let info = module::parse(&bytes).unwrap().info;
    assert_eq!(info.num_imported_globals, 1);
    assert_eq!(
        info.globals[1],
        GlobalType {
            ty: ValType::I64,
            mutable: false
        }
    );
    assert_eq!(info.global_inits, vec![ConstExpr::I64(-1)]);
    assert_eq!(info.tables, vec![TableType::new(ValType::FuncRef, 3, None)]);
    assert_eq!(info.memories, vec![MemoryType::new(1, Some(2))]);
    assert_eq!(info.elements.len(), 1);
    assert_eq!(info.elements[0].mode, SegmentMode::Passive);
    assert_eq!(
        &*info.elements[0].items,
        &[ConstExpr::RefNull(ValType::FuncRef); 2]
    );
    assert_eq!(&bytes[info.data[0].range.clone()], b"abc");
    assert_eq!(info.exports[0].name, "mem");
    assert_eq!(info.name.as_deref(), Some("mod"));
}

// ---- libcalls: conversions ----

fn call(l: Libcall, vmctx: *mut u8, args: [u64; 5]) -> LibcallResult {
    let f = LIBCALL_TABLE[l as usize];
    // SAFETY: conversions ignore the vmctx; bulk operations get a live instance's vmctx.
    unsafe {
        f(
            vmctx as *mut VMFuncRef,
            args[0],
            args[1],
            args[2],
            args[3],
            args[4],
        )
    }
}

#[test]
fn libcall_table_matches_all() {
    assert_eq!(LIBCALL_TABLE.len(), Libcall::ALL.len());
    for (i, l) in Libcall::ALL.iter().enumerate() {
        assert_eq!(*l as usize, i);
        // (Function addresses are not compared: the same function may have several addresses
        // across codegen units, so `fn` pointer equality is unreliable.)
        assert_ne!(LIBCALL_TABLE[i] as usize, 0);
    }
    assert_eq!(crate::libcalls::libcall_table().len(), Libcall::ALL.len());
}

// ---- instances and bulk operations ----

fn bulk_instance() -> (Store, InstanceId) {
    let engine = engine();
    let m = module(
        &engine,
        &wasm(&[TABLE_3, MEMORY_1_2, PASSIVE_ELEM, PASSIVE_DATA]),
    );
    let mut store = Store::new(&engine);
    let id = store.instantiate(&m, &[]).unwrap();
    (store, id)
}

fn ok(r: LibcallResult) -> u64 {
    assert_eq!(r.trap, 0, "unexpected trap");
    r.value
}

fn traps(r: LibcallResult, kind: TrapKind) {
    assert_eq!(r.trap, kind.code() as u64);
}

#[test]
fn vmctx_header_is_filled() {
    let (store, id) = bulk_instance();
    let inst = store.instance(id);
    let vmctx = inst.vmctx();
    // SAFETY: reading header words of a live vmctx.
    let word = |off: i32| unsafe { *(vmctx.add(off as usize) as *const usize) };
    assert_eq!(word(crate::vmctx::DEBUG_STATE), 0);
    // Not debug code: no gate table.
    assert_eq!(word(crate::vmctx::DEBUG_GATES), 0);
    assert_eq!(word(crate::vmctx::STORE), store.vm_context() as usize);
    assert_eq!(
        word(crate::vmctx::LIBCALLS),
        crate::libcalls::libcall_table().as_ptr() as usize
    );
    assert_eq!(
        word(crate::vmctx::INSTANCE),
        inst as *const Instance as usize
    );
    assert_eq!(
        word(crate::vmctx::CODE_BASE),
        inst.module().published.base()
    );
    assert_ne!(word(crate::vmctx::TRAP_STUB), 0);
}

#[test]
fn memory_bulk_bounds() {
    use Libcall::*;
    let (mut store, id) = bulk_instance();
    let vmctx = store.instance(id).vmctx();
    let len = 65536u64;
    // fill: length 0 at exactly the end is fine, one past traps.
    ok(call(MemoryFill, vmctx, [0, len, 7, 0, 0]));
    traps(
        call(MemoryFill, vmctx, [0, len + 1, 7, 0, 0]),
        TrapKind::MemoryOutOfBounds,
    );
    traps(
        call(MemoryFill, vmctx, [0, len - 1, 7, 2, 0]),
        TrapKind::MemoryOutOfBounds,
    );
    ok(call(MemoryFill, vmctx, [0, 10, 0xab, 4, 0]));
    // copy (overlapping) and its bounds; a trap writes nothing.
    ok(call(MemoryCopy, vmctx, [0, 0, 12, 10, 4]));
    ok(call(MemoryCopy, vmctx, [0, 0, len, 0, 0]));
    traps(
        call(MemoryCopy, vmctx, [0, 0, len + 1, 0, 0]),
        TrapKind::MemoryOutOfBounds,
    );
    traps(
        call(MemoryCopy, vmctx, [0, 0, 0, len - 2, 3]),
        TrapKind::MemoryOutOfBounds,
    );
    // i32 arguments: 0xffff_ffff + len wraps nowhere.
    traps(
        call(MemoryFill, vmctx, [0, u32::MAX as u64, 0, 2, 0]),
        TrapKind::MemoryOutOfBounds,
    );
    // init from the passive segment, then drop it: length 0 still works, more traps.
    ok(call(MemoryInit, vmctx, [0, 0, 100, 1, 2]));
    traps(
        call(MemoryInit, vmctx, [0, 0, 100, 2, 2]),
        TrapKind::MemoryOutOfBounds,
    );
    ok(call(DataDrop, vmctx, [0, 0, 0, 0, 0]));
    ok(call(MemoryInit, vmctx, [0, 0, 100, 0, 0]));
    traps(
        call(MemoryInit, vmctx, [0, 0, 100, 0, 1]),
        TrapKind::MemoryOutOfBounds,
    );
    let mem = store.instance(id).memories[0];
    let data = store.memory(mem).data();
    assert_eq!(&data[9..16], &[0, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab]);
    assert_eq!(&data[100..103], b"bc\0");
    // grow: respects the maximum (2 pages), returns old size or -1.
    assert_eq!(ok(call(MemoryGrow, vmctx, [0, 1, 0, 0, 0])), 1);
    assert_eq!(
        ok(call(MemoryGrow, vmctx, [0, 1, 0, 0, 0])),
        u32::MAX as u64
    );
    assert_eq!(ok(call(MemoryGrow, vmctx, [0, 0, 0, 0, 0])), 2);
    assert_eq!(store.memory(mem).pages(), 2);
    assert_eq!(
        store.memory(mem).data()[100],
        b'b',
        "growth keeps the contents"
    );
    assert_eq!(store.memory_mut(mem).grow(1), None);
}

#[test]
fn table_bulk_bounds() {
    use Libcall::*;
    let (store, id) = bulk_instance();
    let vmctx = store.instance(id).vmctx();
    let f = store.instance(id).funcref_addr(0) as u64; // any address works as a value here
    ok(call(TableFill, vmctx, [0, 0, f, 3, 0]));
    ok(call(TableFill, vmctx, [0, 3, 0, 0, 0]));
    traps(
        call(TableFill, vmctx, [0, 4, 0, 0, 0]),
        TrapKind::TableOutOfBounds,
    );
    assert_eq!(ok(call(TableGet, vmctx, [0, 2, 0, 0, 0])), f);
    traps(
        call(TableGet, vmctx, [0, 3, 0, 0, 0]),
        TrapKind::TableOutOfBounds,
    );
    ok(call(TableSet, vmctx, [0, 1, 0, 0, 0]));
    traps(
        call(TableSet, vmctx, [0, 3, 0, 0, 0]),
        TrapKind::TableOutOfBounds,
    );
    ok(call(TableCopy, vmctx, [0, 0, 0, 1, 2]));
    assert_eq!(ok(call(TableGet, vmctx, [0, 0, 0, 0, 0])), 0);
    assert_eq!(ok(call(TableGet, vmctx, [0, 1, 0, 0, 0])), f);
    traps(
        call(TableCopy, vmctx, [0, 0, 2, 0, 2]),
        TrapKind::TableOutOfBounds,
    );
    // init from the passive segment of 2 nulls, then drop it.
    ok(call(TableInit, vmctx, [0, 0, 1, 0, 2]));
    assert_eq!(ok(call(TableGet, vmctx, [0, 2, 0, 0, 0])), 0);
    traps(
        call(TableInit, vmctx, [0, 0, 0, 1, 2]),
        TrapKind::TableOutOfBounds,
    );
    ok(call(ElemDrop, vmctx, [0, 0, 0, 0, 0]));
    ok(call(TableInit, vmctx, [0, 0, 3, 0, 0]));
    traps(
        call(TableInit, vmctx, [0, 0, 0, 0, 1]),
        TrapKind::TableOutOfBounds,
    );
    // grow: no maximum, up to the implementation limit.
    assert_eq!(ok(call(TableGrow, vmctx, [0, f, 2, 0, 0])), 3);
    assert_eq!(ok(call(TableGet, vmctx, [0, 4, 0, 0, 0])), f);
    assert_eq!(
        ok(call(TableGrow, vmctx, [0, 0, u32::MAX as u64, 0, 0])),
        u32::MAX as u64
    );
}

// ---- linking ----

/// (import "m" "t" (table 2 5 funcref)) (import "m" "mem" (memory 1)) (import "m" "g" (global (mut i32)))
fn importer(engine: &Engine) -> Arc<CompiledModule> {
    let imports: &[u8] = &[
        2, 26, 3, //
        1, b'm', 1, b't', 1, 0x70, 1, 2, 5, //
        1, b'm', 3, b'm', b'e', b'm', 2, 0, 1, //
        1, b'm', 1, b'g', 3, 0x7f, 1,
    ];
    module(engine, &wasm(&[imports]))
}

#[test]
fn linking_checks_kinds_and_types() {
    let engine = engine();
    let m = importer(&engine);
    let mut store = Store::new(&engine);
    let table = |store: &mut Store, min, max| {
        store
            .new_table(TableType::new(ValType::FuncRef, min, max), 0)
            .unwrap()
    };
    let t_ok = table(&mut store, 3, Some(4));
    let t_small = table(&mut store, 1, Some(5));
    let t_unbounded = table(&mut store, 2, None);
    let t_extern = store
        .new_table(TableType::new(ValType::ExternRef, 2, Some(5)), 0)
        .unwrap();
    let mem = store.new_memory(MemoryType::new(1, None)).unwrap();
    let mem_small = store.new_memory(MemoryType::new(0, None)).unwrap();
    let g = store.new_global(GlobalType::new(ValType::I32, true), 5);
    let g_const = store.new_global(GlobalType::new(ValType::I32, false), 5);
    let g_i64 = store.new_global(GlobalType::new(ValType::I64, true), 5);
    use Extern::*;
    let link = |store: &mut Store, imports: &[Extern]| match store.instantiate(&m, imports) {
        Ok(_) => Ok(()),
        Err(InstantiateError::Error(e)) => Err(e.kind()),
        Err(InstantiateError::Trap(t)) => panic!("{t}"),
    };
    assert_eq!(
        link(&mut store, &[Table(t_ok), Memory(mem), Global(g)]),
        Ok(())
    );
    for bad in [
        [Table(t_small), Memory(mem), Global(g)],
        [Table(t_unbounded), Memory(mem), Global(g)],
        [Table(t_extern), Memory(mem), Global(g)],
        [Table(t_ok), Memory(mem_small), Global(g)],
        [Table(t_ok), Memory(mem), Global(g_const)],
        [Table(t_ok), Memory(mem), Global(g_i64)],
        [Memory(mem), Table(t_ok), Global(g)],
    ] {
        assert_eq!(link(&mut store, &bad), Err(ErrorKind::Link), "{bad:?}");
    }
    assert_eq!(link(&mut store, &[Table(t_ok)]), Err(ErrorKind::Link));
    // A memory grown past the required minimum links.
    store.memory_mut(mem_small).grow(1).unwrap();
    assert_eq!(
        link(&mut store, &[Table(t_ok), Memory(mem_small), Global(g)]),
        Ok(())
    );
}

#[test]
fn active_segments_trap_after_earlier_writes() {
    let engine = engine();
    // (import "m" "mem" (memory 1)) (data (i32.const 0) "ab") (data (i32.const 65535) "cd")
    let imports: &[u8] = &[2, 10, 1, 1, b'm', 3, b'm', b'e', b'm', 2, 0, 1];
    let data: &[u8] = &[
        11, 17, 2, //
        0, 0x41, 0, 0x0b, 2, b'a', b'b', //
        0, 0x41, 0xff, 0xff, 3, 0x0b, 2, b'c', b'd',
    ];
    let m = module(&engine, &wasm(&[imports, data]));
    let mut store = Store::new(&engine);
    let mem = store.new_memory(MemoryType::new(1, None)).unwrap();
    match store.instantiate(&m, &[Extern::Memory(mem)]) {
        Err(InstantiateError::Trap(t)) => assert_eq!(t.kind, TrapKind::MemoryOutOfBounds),
        other => panic!("{other:?}"),
    }
    assert_eq!(&store.memory(mem).data()[..2], b"ab");
    assert_eq!(store.memory(mem).data()[65535], 0);
}

#[test]
fn host_functions_and_signatures() {
    let engine = engine();
    let mut store = Store::new(&engine);
    let ty = FuncType::new([ValType::I32], [ValType::I64, ValType::F32]);
    let f = store.new_host_func(&ty, Box::new(|_, _| 0));
    let g = store.new_host_func(&ty.clone(), Box::new(|_, _| 0));
    assert_eq!(store.func_type(f), Some(ty.clone()));
    assert_eq!(
        store.func_type_id(f).unwrap(),
        store.func_type_id(g).unwrap()
    );
    let other = store.new_host_func(&FuncType::new([], []), Box::new(|_, _| 0));
    assert_ne!(
        store.func_type_id(f).unwrap(),
        store.func_type_id(other).unwrap()
    );
    assert_eq!(store.func_instance(f), None);
    // Wrong argument counts never reach code.
    assert_eq!(store.call(f, &[]).unwrap_err().kind, TrapKind::HostError);
}

#[test]
fn memory_growth_keeps_contents_and_zeroes_new_pages() {
    let mut m = MemoryInstance::new(MemoryType::new(0, None)).unwrap();
    assert!(m.is_empty());
    for i in 0..40u64 {
        assert_eq!(m.grow(1), Some(i));
        let len = m.data().len();
        assert_eq!(len as u64, (i + 1) * 0x1_0000);
        assert!(m.data()[len - 0x1_0000..].iter().all(|b| *b == 0));
        m.data_mut()[len - 1] = i as u8;
    }
    for i in 0..40usize {
        assert_eq!(m.data()[(i + 1) * 0x1_0000 - 1], i as u8);
    }
    assert_eq!(m.grow(0x1_0000), None);
    assert_eq!(m.pages(), 40);
    let mut bounded = MemoryInstance::new(MemoryType::new(1, Some(3))).unwrap();
    assert_eq!(bounded.grow(2), Some(1));
    assert_eq!(bounded.grow(1), None);
    assert!(MemoryInstance::new(MemoryType::new(0x1_0001, None)).is_err());
    assert!(MemoryInstance::new(MemoryType::new(2, Some(1))).is_err());
}

#[test]
fn made_up_or_foreign_references_never_reach_code() {
    let engine = engine();
    let mut store = Store::new(&engine);
    let mut other = Store::new(&engine);
    let ty = FuncType::new([ValType::FuncRef, ValType::ExternRef], []);
    let f = store.new_host_func(&ty, Box::new(|_, _| 0));
    let foreign = other.new_host_func(&ty, Box::new(|_, _| 0));
    let handle = store.new_externref(Box::new(5u32));
    assert!(store.owns_funcref(f.as_raw()));
    assert!(!store.owns_funcref(f.as_raw() + 8));
    assert!(!store.owns_funcref(foreign.as_raw()));
    assert!(store.valid_value(ValType::ExternRef, handle));
    assert!(!store.valid_value(ValType::ExternRef, handle + 1));
    assert!(store.valid_value(ValType::I64, 0x4141_4140));
    // The code of these tests is `int3`: a call that got past the checks would crash.
    let invalid =
        |r: Result<Vec<u64>, crate::Trap>| r.unwrap_err().kind == TrapKind::InvalidReference;
    assert!(invalid(store.call(f, &[0x4141_4140, 0])));
    assert!(invalid(store.call(f, &[foreign.as_raw() as u64, 0])));
    assert!(invalid(store.call(f, &[0, handle + 1])));
    assert!(invalid(store.call(foreign, &[0, 0])));
    let mut values = [0x4141_4140, 0];
    assert_eq!(
        store.call_values(f, &mut values).unwrap_err().kind,
        TrapKind::InvalidReference
    );
    assert_eq!(store.func_type(foreign), None);
    let table = TableType::new(ValType::FuncRef, 1, None);
    assert!(store.new_table(table, 0x4141_4140).is_err());
    assert!(store.new_table(table, f.as_raw() as u64).is_ok());
    assert_eq!(store.func_instance(foreign), None);
    // Importing a function of another store (live or dropped) is a link error.
    // (type (func)) (import "m" "f" (func (type 0))) (export "g" (func 0))
    let types: &[u8] = &[1, 4, 1, 0x60, 0, 0];
    let imports: &[u8] = &[2, 7, 1, 1, b'm', 1, b'f', 0, 0];
    let exports: &[u8] = &[7, 5, 1, 1, b'g', 0, 0];
    let m = module(&engine, &wasm(&[types, imports, exports]));
    let unit = FuncType::new([], []);
    let foreign = other.new_host_func(&unit, Box::new(|_, _| 0));
    drop(other);
    match store.instantiate_without_start(&m, &[Extern::Func(foreign)]) {
        Err(InstantiateError::Error(e)) => assert_eq!(e.kind(), ErrorKind::Link),
        r => panic!("{r:?}"),
    }
    let own = store.new_host_func(&unit, Box::new(|_, _| 0));
    let id = store
        .instantiate_without_start(&m, &[Extern::Func(own)])
        .unwrap();
    // The instance's copy of the function record is a funcref of the store too.
    let Some(Extern::Func(g)) = store.export(id, "g") else {
        panic!("no export g")
    };
    assert_ne!(g, own);
    assert!(store.owns_funcref(g.as_raw()));
    assert_eq!(store.func_type(g), Some(unit));
}
