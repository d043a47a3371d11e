//! The embedding API end to end (compiled code included).

use breakwater::{
    Caller, Config, Engine, Error, Extern, ExternRef, Func, FuncType, Global, GlobalType, Instance,
    Linker, Memory, MemoryType, Module, Mutability, Store, Table, TableType, TrapKind, Val,
    ValType,
};

fn instance(engine: &Engine, store: &mut Store<()>, wat: &str) -> Instance {
    let module = Module::new(engine, wat).expect("compile");
    Instance::new(store, &module, &[]).expect("instantiate")
}

#[test]
fn fib_typed_and_untyped() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let i = instance(
        &engine,
        &mut store,
        r#"(module (func $fib (export "fib") (param i64) (result i64)
            (if (result i64) (i64.lt_u (local.get 0) (i64.const 2))
              (then (local.get 0))
              (else (i64.add (call $fib (i64.sub (local.get 0) (i64.const 1)))
                             (call $fib (i64.sub (local.get 0) (i64.const 2))))))))"#,
    );
    let fib = i.get_typed_func::<i64, i64>(&mut store, "fib").unwrap();
    assert_eq!(fib.call(&mut store, 30).unwrap(), 832040);
    let f = i.get_func(&mut store, "fib").unwrap();
    let mut out = [Val::I64(0)];
    f.call(&mut store, &[Val::I64(10)], &mut out).unwrap();
    assert_eq!(out[0].unwrap_i64(), 55);
    // Wrong counts and types are errors, not panics.
    assert!(matches!(
        f.call(&mut store, &[], &mut out),
        Err(Error::Usage(_))
    ));
    assert!(matches!(
        f.call(&mut store, &[Val::I32(1)], &mut out),
        Err(Error::Usage(_))
    ));
    assert!(matches!(
        f.call(&mut store, &[Val::I64(1)], &mut []),
        Err(Error::Usage(_))
    ));
    assert!(i.get_typed_func::<i32, i64>(&mut store, "fib").is_err());
    assert!(i.get_typed_func::<i64, i64>(&mut store, "nope").is_err());
}

#[test]
fn multi_value_and_tuples() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let i = instance(
        &engine,
        &mut store,
        r#"(module (func (export "swap") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
            local.get 3 local.get 2 local.get 1 local.get 0))"#,
    );
    let swap = i
        .get_typed_func::<(i32, i64, f32, f64), (f64, f32, i64, i32)>(&mut store, "swap")
        .unwrap();
    assert_eq!(
        swap.call(&mut store, (1, -2, 3.5, -4.25)).unwrap(),
        (-4.25, 3.5, -2, 1)
    );
}

#[test]
fn host_functions_with_caller_and_linker() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, 0i64);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("env", "add", |mut caller: Caller<'_, i64>, x: i64| {
            *caller.data_mut() += x;
            *caller.data()
        })
        .unwrap()
        .func_wrap(
            "env",
            "peek",
            |mut caller: Caller<'_, i64>, addr: i32| -> i32 {
                let mem = caller.get_export("memory").unwrap().into_memory().unwrap();
                mem.data(&caller)[addr as usize] as i32
            },
        )
        .unwrap()
        .func_new(
            "env",
            "pair",
            FuncType::new([ValType::I32], [ValType::I32, ValType::F64]),
            |_caller, params, results| {
                results[0] = Val::I32(params[0].unwrap_i32() * 2);
                results[1] = Val::F64(0.5f64.to_bits());
                Ok(())
            },
        )
        .unwrap();
    let module = Module::new(
        &engine,
        r#"(module
            (import "env" "add" (func $add (param i64) (result i64)))
            (import "env" "peek" (func $peek (param i32) (result i32)))
            (import "env" "pair" (func $pair (param i32) (result i32 f64)))
            (memory (export "memory") 1)
            (data (i32.const 7) "\2a")
            (func (export "run") (param i64) (result i64)
              (drop (call $add (local.get 0)))
              (call $add (i64.const 100)))
            (func (export "peek7") (result i32) (call $peek (i32.const 7)))
            (func (export "pair") (param i32) (result i32 f64) (call $pair (local.get 0))))"#,
    )
    .unwrap();
    let i = linker.instantiate(&mut store, &module).unwrap();
    let run = i.get_typed_func::<i64, i64>(&mut store, "run").unwrap();
    assert_eq!(run.call(&mut store, 5).unwrap(), 105);
    assert_eq!(*store.data(), 105);
    let peek = i.get_typed_func::<(), i32>(&mut store, "peek7").unwrap();
    assert_eq!(peek.call(&mut store, ()).unwrap(), 42);
    let pair = i
        .get_typed_func::<i32, (i32, f64)>(&mut store, "pair")
        .unwrap();
    assert_eq!(pair.call(&mut store, 21).unwrap(), (42, 0.5));
    // A missing import is a link error.
    let lonely = Module::new(&engine, r#"(module (import "env" "nope" (func)))"#).unwrap();
    assert!(matches!(
        linker.instantiate(&mut store, &lonely),
        Err(Error::Link(_))
    ));
    // A mismatched import too.
    let wrong = Module::new(
        &engine,
        r#"(module (import "env" "add" (func (param i32))))"#,
    )
    .unwrap();
    assert!(matches!(
        linker.instantiate(&mut store, &wrong),
        Err(Error::Link(_))
    ));
}

#[test]
fn host_errors_panics_and_reentry() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let fail = Func::wrap(&mut store, |x: i32| -> Result<i32, Error> {
        if x < 0 {
            Err(Error::msg("negative"))
        } else {
            Ok(x + 1)
        }
    });
    let boom = Func::wrap(&mut store, || -> () { panic!("boom") });
    let module = Module::new(
        &engine,
        r#"(module
            (import "" "fail" (func $fail (param i32) (result i32)))
            (import "" "boom" (func $boom))
            (import "" "again" (func $again (param i32) (result i32)))
            (func (export "fail") (param i32) (result i32) (call $fail (local.get 0)))
            (func (export "boom") (call $boom))
            (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
            (func (export "again") (param i32) (result i32) (call $again (local.get 0))))"#,
    )
    .unwrap();
    // `again` calls back into the instance's `inc` (host -> wasm -> host -> wasm).
    let again = Func::wrap(
        &mut store,
        |mut caller: Caller<'_, ()>, x: i32| -> Result<i32, Error> {
            let inc = caller.get_export("inc").unwrap().into_func().unwrap();
            let inc = inc.typed::<i32, i32>(&caller)?;
            inc.call(&mut caller, x)
        },
    );
    let i = Instance::new(
        &mut store,
        &module,
        &[fail.into(), boom.into(), again.into()],
    )
    .unwrap();
    let f = i.get_typed_func::<i32, i32>(&mut store, "fail").unwrap();
    assert_eq!(f.call(&mut store, 1).unwrap(), 2);
    match f.call(&mut store, -1) {
        Err(Error::Host(e)) => assert_eq!(e.to_string(), "negative"),
        other => panic!("{other:?}"),
    }
    let again = i.get_typed_func::<i32, i32>(&mut store, "again").unwrap();
    assert_eq!(again.call(&mut store, 41).unwrap(), 42);
    let boom = i.get_typed_func::<(), ()>(&mut store, "boom").unwrap();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| boom.call(&mut store, ())));
    assert!(r.is_err(), "the host panic propagates");
    // The store still works afterwards.
    assert_eq!(f.call(&mut store, 5).unwrap(), 6);
}

#[test]
fn traps_have_kind_and_location() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let i = instance(
        &engine,
        &mut store,
        r#"(module
            (func $helper (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
            (func (export "div") (param i32) (result i32) (call $helper (local.get 0)))
            (func (export "unreachable") unreachable)
            (func $rec (export "recurse") (call $rec))
            (memory 1)
            (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))"#,
    );
    let div = i.get_typed_func::<i32, i32>(&mut store, "div").unwrap();
    let t = div.call(&mut store, 0).unwrap_err();
    let trap = t.as_trap().unwrap();
    assert_eq!(trap.kind, TrapKind::IntegerDivideByZero);
    assert_eq!(trap.func_index, Some(0));
    assert!(trap.bytecode_offset.is_some());
    assert_eq!(div.call(&mut store, i32::MIN).unwrap(), 0);
    let u = i
        .get_typed_func::<(), ()>(&mut store, "unreachable")
        .unwrap();
    let e = u.call(&mut store, ()).unwrap_err();
    assert_eq!(e.as_trap().unwrap().kind, TrapKind::Unreachable);
    assert_eq!(e.as_trap().unwrap().func_index, Some(2));
    let r = i.get_typed_func::<(), ()>(&mut store, "recurse").unwrap();
    let e = r.call(&mut store, ()).unwrap_err();
    assert_eq!(e.as_trap().unwrap().kind, TrapKind::StackOverflow);
    let load = i.get_typed_func::<i32, i32>(&mut store, "load").unwrap();
    assert_eq!(load.call(&mut store, 65532).unwrap(), 0);
    let e = load.call(&mut store, 65533).unwrap_err();
    assert_eq!(e.as_trap().unwrap().kind, TrapKind::MemoryOutOfBounds);
    let e = load.call(&mut store, -1).unwrap_err();
    assert_eq!(e.as_trap().unwrap().kind, TrapKind::MemoryOutOfBounds);
    // After traps, calls work again.
    assert_eq!(div.call(&mut store, 1).unwrap(), 1);
}

#[test]
fn globals() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let g = Global::new(
        &mut store,
        GlobalType::new(ValType::I64, Mutability::Var),
        Val::I64(7),
    )
    .unwrap();
    let c = Global::new(
        &mut store,
        GlobalType::new(ValType::F32, false),
        Val::F32(1.5f32.to_bits()),
    )
    .unwrap();
    assert!(Global::new(
        &mut store,
        GlobalType::new(ValType::I32, false),
        Val::I64(0)
    )
    .is_err());
    assert!(c.set(&mut store, Val::F32(0)).is_err());
    assert!(g.set(&mut store, Val::I32(0)).is_err());
    let module = Module::new(
        &engine,
        r#"(module
            (import "" "g" (global $g (mut i64)))
            (import "" "c" (global $c f32))
            (global $d (export "d") (mut i32) (i32.const 3))
            (func (export "bump") (result i64)
              (global.set $g (i64.add (global.get $g) (i64.const 1)))
              (global.set $d (i32.add (global.get $d) (i32.const 1)))
              (global.get $g)))"#,
    )
    .unwrap();
    // Mutability must match exactly.
    assert!(matches!(
        Instance::new(&mut store, &module, &[c.into(), c.into()]),
        Err(Error::Link(_))
    ));
    let i = Instance::new(&mut store, &module, &[g.into(), c.into()]).unwrap();
    let bump = i.get_typed_func::<(), i64>(&mut store, "bump").unwrap();
    assert_eq!(bump.call(&mut store, ()).unwrap(), 8);
    assert_eq!(g.get(&store), Val::I64(8));
    g.set(&mut store, Val::I64(100)).unwrap();
    assert_eq!(bump.call(&mut store, ()).unwrap(), 101);
    let d = i.get_global(&mut store, "d").unwrap();
    assert_eq!(d.get(&store), Val::I32(5));
    assert!(d.ty(&store).mutable);
}

#[test]
fn memory_api_and_growth() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mem = Memory::new(&mut store, MemoryType::new(1, Some(3))).unwrap();
    mem.write(&mut store, 10, b"hello").unwrap();
    let mut buf = [0u8; 5];
    mem.read(&store, 10, &mut buf).unwrap();
    assert_eq!(&buf, b"hello");
    assert!(mem.read(&store, 65534, &mut buf).is_err());
    assert!(mem.write(&mut store, usize::MAX, b"x").is_err());
    let module = Module::new(
        &engine,
        r#"(module (import "" "m" (memory 1 3))
            (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
            (func (export "size") (result i32) memory.size)
            (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))"#,
    )
    .unwrap();
    let i = Instance::new(&mut store, &module, &[mem.into()]).unwrap();
    let grow = i.get_typed_func::<i32, i32>(&mut store, "grow").unwrap();
    let load = i.get_typed_func::<i32, i32>(&mut store, "load").unwrap();
    assert_eq!(grow.call(&mut store, 1).unwrap(), 1);
    assert_eq!(grow.call(&mut store, 5).unwrap(), -1);
    assert_eq!(mem.size(&store), 2);
    assert_eq!(load.call(&mut store, 11).unwrap(), b'e' as i32);
    assert_eq!(mem.grow(&mut store, 1).unwrap(), 2);
    assert!(mem.grow(&mut store, 1).is_err());
    mem.data_mut(&mut store)[3 * 65536 - 1] = 9;
    assert_eq!(load.call(&mut store, 3 * 65536 - 1).unwrap(), 9);
    // Too-small memories do not link.
    let small = Memory::new(&mut store, MemoryType::new(0, Some(3))).unwrap();
    assert!(matches!(
        Instance::new(&mut store, &module, &[small.into()]),
        Err(Error::Link(_))
    ));
    assert!(Memory::new(&mut store, MemoryType::new(70000, None)).is_err());
}

#[test]
fn tables_funcrefs_and_externrefs() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let table = Table::new(
        &mut store,
        TableType::new(ValType::FuncRef, 2, Some(10)),
        Val::FuncRef(None),
    )
    .unwrap();
    let double = Func::wrap(&mut store, |x: i32| x * 2);
    table.set(&mut store, 1, double.into()).unwrap();
    assert!(table.set(&mut store, 2, double.into()).is_err());
    assert!(table.set(&mut store, 0, Val::I32(0)).is_err());
    let module = Module::new(
        &engine,
        r#"(module
            (import "" "t" (table 2 funcref))
            (type $i2i (func (param i32) (result i32)))
            (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
            (elem (i32.const 0) $triple)
            (func (export "call") (param i32 i32) (result i32)
              (call_indirect (type $i2i) (local.get 1) (local.get 0)))
            (table $e (export "e") 1 externref)
            (func (export "keep") (param externref) (table.set $e (i32.const 0) (local.get 0)))
            (func (export "get") (result externref) (table.get $e (i32.const 0))))"#,
    )
    .unwrap();
    let i = Instance::new(&mut store, &module, &[table.into()]).unwrap();
    let call = i
        .get_typed_func::<(i32, i32), i32>(&mut store, "call")
        .unwrap();
    assert_eq!(call.call(&mut store, (0, 5)).unwrap(), 15);
    assert_eq!(call.call(&mut store, (1, 5)).unwrap(), 10);
    let e = call.call(&mut store, (2, 5)).unwrap_err();
    assert_eq!(e.as_trap().unwrap().kind, TrapKind::UndefinedElement);
    table.set(&mut store, 1, Val::FuncRef(None)).unwrap();
    let e = call.call(&mut store, (1, 5)).unwrap_err();
    assert_eq!(e.as_trap().unwrap().kind, TrapKind::UninitializedElement);
    let nullary = Func::wrap(&mut store, || 1i32);
    table.set(&mut store, 1, nullary.into()).unwrap();
    let e = call.call(&mut store, (1, 5)).unwrap_err();
    assert_eq!(
        e.as_trap().unwrap().kind,
        TrapKind::IndirectCallTypeMismatch
    );
    // The element installed by the module is a function the host can call.
    let f = table.get(&store, 0).unwrap().unwrap_funcref().unwrap();
    assert_eq!(
        f.typed::<i32, i32>(&store)
            .unwrap()
            .call(&mut store, 4)
            .unwrap(),
        12
    );
    assert_eq!(table.grow(&mut store, 3, Val::FuncRef(None)).unwrap(), 2);
    assert_eq!(table.size(&store), 5);
    assert!(table.grow(&mut store, 6, Val::FuncRef(None)).is_err());
    // Externrefs round-trip through a table.
    let r = ExternRef::new(&mut store, String::from("payload"));
    let keep = i.get_func(&mut store, "keep").unwrap();
    keep.call(&mut store, &[Val::ExternRef(Some(r))], &mut [])
        .unwrap();
    let get = i.get_func(&mut store, "get").unwrap();
    let mut out = [Val::ExternRef(None)];
    get.call(&mut store, &[], &mut out).unwrap();
    let back = out[0].unwrap_externref().unwrap();
    assert_eq!(
        back.data(&store).unwrap().downcast_ref::<String>().unwrap(),
        "payload"
    );
}

#[test]
fn start_traps_and_partial_instantiation() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mem = Memory::new(&mut store, MemoryType::new(1, None)).unwrap();
    let module = Module::new(
        &engine,
        r#"(module (import "" "m" (memory 1))
            (data (i32.const 0) "ok")
            (data (i32.const 65535) "xx"))"#,
    )
    .unwrap();
    let e = Instance::new(&mut store, &module, &[mem.into()]).unwrap_err();
    assert_eq!(e.as_trap().unwrap().kind, TrapKind::MemoryOutOfBounds);
    assert_eq!(&mem.data(&store)[..2], b"ok");
    let start = Module::new(&engine, r#"(module (func $s unreachable) (start $s))"#).unwrap();
    let e = Instance::new(&mut store, &start, &[]).unwrap_err();
    assert_eq!(e.as_trap().unwrap().kind, TrapKind::Unreachable);
    // A start function calling a failing host function reports the host's error.
    let fail = Func::wrap(&mut store, || -> Result<(), Error> {
        Err(Error::msg("no"))
    });
    let m = Module::new(&engine, r#"(module (import "" "f" (func $f)) (start $f))"#).unwrap();
    assert!(matches!(
        Instance::new(&mut store, &m, &[fail.into()]),
        Err(Error::Host(_))
    ));
}

#[test]
fn objects_of_another_store_are_refused() {
    let engine = Engine::default();
    let mut a = Store::new(&engine, ());
    let mut b = Store::new(&engine, ());
    let f = Func::wrap(&mut a, |x: i32| x);
    let mem = Memory::new(&mut a, MemoryType::new(1, None)).unwrap();
    let g = Global::new(&mut a, GlobalType::new(ValType::I32, true), Val::I32(1)).unwrap();
    assert!(matches!(
        f.call(&mut b, &[Val::I32(1)], &mut [Val::I32(0)]),
        Err(Error::Usage(_))
    ));
    assert!(f.typed::<i32, i32>(&b).is_err());
    assert!(mem.write(&mut b, 0, b"x").is_err());
    assert!(mem.grow(&mut b, 1).is_err());
    assert!(g.set(&mut b, Val::I32(2)).is_err());
    let t = Table::new(
        &mut b,
        TableType::new(ValType::FuncRef, 1, None),
        Val::FuncRef(None),
    )
    .unwrap();
    assert!(
        t.set(&mut b, 0, f.into()).is_err(),
        "a funcref of another store"
    );
    assert!(t.get(&a, 0).is_none());
    let m = Module::new(
        &engine,
        r#"(module (import "" "f" (func (param i32) (result i32))))"#,
    )
    .unwrap();
    assert!(Instance::new(&mut b, &m, &[f.into()]).is_err());
    let mut linker = Linker::new(&engine);
    assert!(linker.define(&mut b, "", "f", f).is_err());
    // Modules of another engine are refused too.
    let other = Engine::default();
    let m2 = Module::new(&other, "(module)").unwrap();
    assert!(Instance::new(&mut a, &m2, &[]).is_err());
    let i = Instance::new(&mut a, &m, &[f.into()]).unwrap();
    assert!(i.get_export(&mut b, "x").is_none());
}

#[test]
fn module_metadata_and_validation() {
    let engine = Engine::new(Config::new().parallel_compilation(false).debug(false)).unwrap();
    let m = Module::new(
        &engine,
        r#"(module $named (import "a" "b" (func (param i32)))
            (memory (export "mem") 1 2) (func (export "f") (result i64) (i64.const 1)))"#,
    )
    .unwrap();
    assert_eq!(m.name(), Some("named"));
    let imports: Vec<_> = m.imports().collect();
    assert_eq!((imports[0].module, imports[0].name), ("a", "b"));
    let exports: Vec<_> = m
        .exports()
        .map(|e| (e.name.to_string(), e.ty.clone()))
        .collect();
    assert_eq!(exports[0].0, "mem");
    assert_eq!(exports[1].0, "f");
    assert!(Module::validate(&engine, b"\0asm\x01\0\0\0").is_ok());
    match Module::validate(&engine, b"\0asm\x02\0\0\0") {
        Err(Error::Compile(e)) => assert_eq!(e.offset(), Some(4)),
        other => panic!("{other:?}"),
    }
    match Module::new(&engine, "(module (func (result i32)))") {
        Err(Error::Compile(e)) => assert!(e.offset().is_some()),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        Module::new(&engine, "(module"),
        Err(Error::Compile(_))
    ));
}

#[test]
fn parallel_compilation_of_many_functions() {
    let mut wat = String::from("(module");
    for i in 0..64 {
        wat.push_str(&format!(
            "(func (export \"f{i}\") (param i32) (result i32) (i32.add (local.get 0) (i32.const {i})))"
        ));
    }
    wat.push(')');
    for parallel in [true, false] {
        let engine = Engine::new(Config::new().parallel_compilation(parallel)).unwrap();
        let mut store = Store::new(&engine, ());
        let i = instance(&engine, &mut store, &wat);
        for k in [0, 31, 63] {
            let f = i
                .get_typed_func::<i32, i32>(&mut store, &format!("f{k}"))
                .unwrap();
            assert_eq!(f.call(&mut store, 1000).unwrap(), 1000 + k);
        }
        assert_eq!(i.exports(&mut store).len(), 64);
    }
    // Errors name the lowest failing function, deterministically.
    let engine = Engine::default();
    let mut bad = String::from("(module");
    for i in 0..32 {
        if i == 20 || i == 30 {
            bad.push_str("(func (result i32) (i64.const 0))");
        } else {
            bad.push_str(&format!("(func (result i32) (i32.const {i}))"));
        }
    }
    bad.push(')');
    let e1 = Module::new(&engine, &bad).unwrap_err().to_string();
    let e2 = Module::new(&engine, &bad).unwrap_err().to_string();
    assert_eq!(e1, e2);
}

#[test]
fn extern_conversions() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let f = Func::wrap(&mut store, || {});
    let e: Extern = f.into();
    assert_eq!(e.into_func(), Some(f));
    assert_eq!(e.into_memory(), None);
    assert_eq!(f.ty(&store), FuncType::new([], []));
}

#[test]
fn handles_are_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<Engine>();
    send_sync::<Module>();
    send_sync::<Func>();
    send_sync::<Memory>();
    send_sync::<Instance>();
    send_sync::<Error>();
    send::<Store<()>>();
    send::<Linker<()>>();
}

#[test]
fn max_wasm_stack_is_configurable() {
    let wat = r#"(module (func $f (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $f (i32.sub (local.get 0) (i32.const 1))))))))"#;
    let small = Engine::new(Config::new().max_wasm_stack(32 * 1024)).unwrap();
    let big = Engine::new(Config::new().max_wasm_stack(1024 * 1024)).unwrap();
    let depth = 5000;
    let mut s1 = Store::new(&small, ());
    let i1 = instance(&small, &mut s1, wat);
    let f1 = i1.get_typed_func::<i32, i32>(&mut s1, "down").unwrap();
    let e = f1.call(&mut s1, depth).unwrap_err();
    assert_eq!(e.as_trap().unwrap().kind, TrapKind::StackOverflow);
    assert_eq!(f1.call(&mut s1, 10).unwrap(), 10);
    let mut s2 = Store::new(&big, ());
    let i2 = instance(&big, &mut s2, wat);
    let f2 = i2.get_typed_func::<i32, i32>(&mut s2, "down").unwrap();
    assert_eq!(f2.call(&mut s2, depth).unwrap(), depth);
}

#[test]
fn start_function_sees_its_instance_as_caller() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, 0i32);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("env", "read", |mut caller: Caller<'_, i32>| {
            let mem = caller.get_export("memory").and_then(Extern::into_memory);
            let byte = mem.map_or(-1, |m| m.data(&caller)[3] as i32);
            *caller.data_mut() = byte;
        })
        .unwrap();
    let module = Module::new(
        &engine,
        r#"(module (import "env" "read" (func $read)) (memory (export "memory") 1)
            (data (i32.const 3) "\07") (start $read))"#,
    )
    .unwrap();
    linker.instantiate(&mut store, &module).unwrap();
    assert_eq!(*store.data(), 7);
    // Called directly by the host, a host function has no calling instance.
    let read = linker
        .get(&mut store, "env", "read")
        .unwrap()
        .into_func()
        .unwrap();
    read.call(&mut store, &[], &mut []).unwrap();
    assert_eq!(*store.data(), -1);
}

#[test]
fn small_thread_stacks_trap_instead_of_crashing() {
    let engine = Engine::new(Config::new().max_wasm_stack(8 << 20)).unwrap();
    let module = Module::new(&engine, r#"(module (func $r (export "r") (call $r)))"#).unwrap();
    let kind = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let mut store = Store::new(&engine, ());
            let i = Instance::new(&mut store, &module, &[]).unwrap();
            let r = i.get_typed_func::<(), ()>(&mut store, "r").unwrap();
            r.call(&mut store, ())
                .unwrap_err()
                .as_trap()
                .map(|t| t.kind)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(kind, Some(TrapKind::StackOverflow));
}
