//! The embedding API of the `breakwater` crate, used as an embedder would.

use breakwater::{
    Config, Engine, Error, Extern, ExternRef, Func, FuncType, Global, GlobalType, Instance, Linker,
    Memory, MemoryType, Module, Store, Table, TableType, Val, ValType,
};
use breakwater_core::TrapKind;

const FIB_WAT: &str = r#"(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2))))))))"#;

fn setup(wat: &str) -> (Engine, Store<()>, Instance) {
    let engine = Engine::default();
    let module = Module::new(&engine, wat).expect("compiling");
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).expect("instantiating");
    (engine, store, instance)
}

#[test]
fn fib_typed_call() {
    let (_, mut store, instance) = setup(FIB_WAT);
    let fib = instance
        .get_typed_func::<i32, i32>(&mut store, "fib")
        .expect("fib: i32 -> i32");
    let expected = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55];
    for (n, want) in expected.iter().enumerate() {
        assert_eq!(fib.call(&mut store, n as i32).unwrap(), *want, "fib({n})");
    }
    assert_eq!(fib.call(&mut store, 25).unwrap(), 75025);
    // The wrong signature is refused.
    assert!(instance
        .get_typed_func::<i64, i64>(&mut store, "fib")
        .is_err());
    assert!(instance
        .get_typed_func::<(i32, i32), i32>(&mut store, "fib")
        .is_err());
}

#[test]
fn fib_untyped_call_and_type() {
    let (_, mut store, instance) = setup(FIB_WAT);
    let fib = instance.get_func(&mut store, "fib").expect("fib");
    let ty = fib.ty(&store);
    assert_eq!(&*ty.params, &[ValType::I32]);
    assert_eq!(&*ty.results, &[ValType::I32]);
    let mut results = [Val::I32(0)];
    fib.call(&mut store, &[Val::I32(20)], &mut results).unwrap();
    assert!(matches!(results[0], Val::I32(6765)));
    // Wrong argument count or type: an error, not a panic.
    assert!(fib.call(&mut store, &[], &mut results).is_err());
    assert!(fib.call(&mut store, &[Val::I64(1)], &mut results).is_err());
}

#[test]
fn engine_config_and_module_metadata() {
    let mut config = Config::new();
    config
        .debug(true)
        .max_wasm_stack(1 << 20)
        .parallel_compilation(false);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(
        &engine,
        r#"(module $named
             (import "env" "f" (func (param i32)))
             (memory (export "mem") 1)
             (func (export "g")))"#,
    )
    .unwrap();
    assert_eq!(module.name(), Some("named"));
    assert_eq!(module.imports().count(), 1);
    assert_eq!(module.exports().count(), 2);
    // Binary and text compile to the same thing.
    let bytes = wat::parse_str(FIB_WAT).unwrap();
    Module::from_binary(&engine, &bytes).unwrap();
    Module::validate(&engine, &bytes).unwrap();
}

#[test]
fn host_functions_through_the_linker() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "add" (func $add (param i32 i32) (result i32)))
             (import "env" "twice" (func $twice (param i64) (result i64 i64)))
             (import "env" "count" (func $count))
             (func (export "run") (param i32) (result i32)
               (call $count)
               (call $add (local.get 0) (i32.const 100)))
             (func (export "pair") (result i64)
               (call $count)
               (i64.add (call $twice (i64.const 21)))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, 0_u32);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("env", "add", |a: i32, b: i32| a.wrapping_add(b))
        .unwrap();
    linker
        .func_new(
            "env",
            "twice",
            FuncType::new([ValType::I64], [ValType::I64, ValType::I64]),
            |_caller, params, results| {
                let Val::I64(x) = params[0] else {
                    panic!("expected an i64")
                };
                results[0] = Val::I64(x);
                results[1] = Val::I64(x);
                Ok(())
            },
        )
        .unwrap();
    linker
        .func_wrap("env", "count", |mut caller: breakwater::Caller<'_, u32>| {
            *caller.data_mut() += 1;
        })
        .unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let run = instance
        .get_typed_func::<i32, i32>(&mut store, "run")
        .unwrap();
    assert_eq!(run.call(&mut store, 23).unwrap(), 123);
    let pair = instance
        .get_typed_func::<(), i64>(&mut store, "pair")
        .unwrap();
    assert_eq!(pair.call(&mut store, ()).unwrap(), 42);
    assert_eq!(*store.data(), 2);
}

#[test]
fn host_function_error_is_a_trap() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module (import "env" "fail" (func $fail))
             (func (export "run") (call $fail)))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let fail = Func::new(
        &mut store,
        FuncType::new([], []),
        |_caller, _params, _results| Err(Error::Host("the host said no".into())),
    );
    let instance = Instance::new(&mut store, &module, &[Extern::Func(fail)]).unwrap();
    let run = instance.get_func(&mut store, "run").unwrap();
    let err = run.call(&mut store, &[], &mut []).unwrap_err();
    match err {
        Error::Host(e) => assert_eq!(e.to_string(), "the host said no"),
        other => panic!("expected the host's error, got {other:?}"),
    }
}

#[test]
fn link_errors() {
    let engine = Engine::default();
    let module = Module::new(&engine, r#"(module (import "env" "f" (func (param i32))))"#).unwrap();
    let mut store = Store::new(&engine, ());
    let linker = Linker::<()>::new(&engine);
    assert!(matches!(
        linker.instantiate(&mut store, &module),
        Err(Error::Link(_))
    ));
    // A function of the wrong type.
    let wrong = Func::new(&mut store, FuncType::new([ValType::I64], []), |_, _, _| {
        Ok(())
    });
    assert!(matches!(
        Instance::new(&mut store, &module, &[Extern::Func(wrong)]),
        Err(Error::Link(_))
    ));
    // Too few imports.
    assert!(matches!(
        Instance::new(&mut store, &module, &[]),
        Err(Error::Link(_))
    ));
}

#[test]
fn globals() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "g" (global $g (mut i64)))
             (global $h (export "h") (mut f64) (f64.const 1.5))
             (global (export "c") i32 (i32.const 7))
             (func (export "bump") (global.set $g (i64.add (global.get $g) (i64.const 1))))
             (func (export "get_h") (result f64) (global.get $h)))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let g = Global::new(
        &mut store,
        GlobalType::new(ValType::I64, true),
        Val::I64(41),
    )
    .unwrap();
    let instance = Instance::new(&mut store, &module, &[Extern::Global(g)]).unwrap();
    let bump = instance
        .get_typed_func::<(), ()>(&mut store, "bump")
        .unwrap();
    bump.call(&mut store, ()).unwrap();
    assert!(matches!(g.get(&store), Val::I64(42)));
    g.set(&mut store, Val::I64(100)).unwrap();
    bump.call(&mut store, ()).unwrap();
    assert!(matches!(g.get(&store), Val::I64(101)));

    let h = instance.get_global(&mut store, "h").unwrap();
    assert!(matches!(h.get(&store), Val::F64(b) if b == 1.5f64.to_bits()));
    h.set(&mut store, Val::F64(2.25f64.to_bits())).unwrap();
    let get_h = instance
        .get_typed_func::<(), f64>(&mut store, "get_h")
        .unwrap();
    assert_eq!(get_h.call(&mut store, ()).unwrap(), 2.25);

    let c = instance.get_global(&mut store, "c").unwrap();
    assert!(matches!(c.get(&store), Val::I32(7)));
    assert!(
        c.set(&mut store, Val::I32(8)).is_err(),
        "an immutable global"
    );
    assert!(
        h.set(&mut store, Val::I32(8)).is_err(),
        "a value of the wrong type"
    );
}

#[test]
fn memory_read_write() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "mem" (memory 1 4))
             (data (i32.const 16) "hello")
             (func (export "sum") (param i32 i32) (result i32) (local $s i32)
               (block $done (loop $next
                 (br_if $done (i32.eqz (local.get 1)))
                 (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get 0))))
                 (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                 (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
                 (br $next)))
               (local.get $s))
             (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let memory = Memory::new(&mut store, MemoryType::new(1, Some(4))).unwrap();
    let instance = Instance::new(&mut store, &module, &[Extern::Memory(memory)]).unwrap();
    assert_eq!(&memory.data(&store)[16..21], b"hello");
    memory.data_mut(&mut store)[100..104].copy_from_slice(&[1, 2, 3, 4]);
    let sum = instance
        .get_typed_func::<(i32, i32), i32>(&mut store, "sum")
        .unwrap();
    assert_eq!(sum.call(&mut store, (100, 4)).unwrap(), 10);
    assert_eq!(memory.size(&store), 1);
    let grow = instance
        .get_typed_func::<i32, i32>(&mut store, "grow")
        .unwrap();
    assert_eq!(grow.call(&mut store, 1).unwrap(), 1);
    assert_eq!(memory.size(&store), 2);
    assert_eq!(memory.data(&store).len(), 2 * 65536);
    assert_eq!(memory.grow(&mut store, 2).unwrap(), 2);
    assert!(memory.grow(&mut store, 1).is_err(), "past the maximum");
    assert_eq!(grow.call(&mut store, 1).unwrap(), -1);
}

#[test]
fn tables() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (table $t (export "t") 2 10 funcref)
             (table $e (export "e") 1 externref)
             (type $ret (func (result i32)))
             (func $seven (export "seven") (result i32) (i32.const 7))
             (elem (table $t) (i32.const 0) func $seven)
             (func (export "call") (param i32) (result i32) (call_indirect $t (type $ret) (local.get 0)))
             (func (export "get_e") (result externref) (table.get $e (i32.const 0))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let table = instance.get_table(&mut store, "t").unwrap();
    assert_eq!(table.size(&store), 2);
    assert!(matches!(table.get(&store, 0), Some(Val::FuncRef(Some(_)))));
    assert!(matches!(table.get(&store, 1), Some(Val::FuncRef(None))));
    assert!(table.get(&store, 2).is_none());
    let call = instance
        .get_typed_func::<i32, i32>(&mut store, "call")
        .unwrap();
    assert_eq!(call.call(&mut store, 0).unwrap(), 7);
    let err = call.call(&mut store, 1).unwrap_err();
    assert_eq!(
        err.as_trap().map(|t| t.kind),
        Some(TrapKind::UninitializedElement)
    );

    // Host functions go into tables too.
    let host = Func::wrap(&mut store, || 99_i32);
    table.set(&mut store, 1, Val::FuncRef(Some(host))).unwrap();
    assert_eq!(call.call(&mut store, 1).unwrap(), 99);
    assert_eq!(table.grow(&mut store, 3, Val::FuncRef(None)).unwrap(), 2);
    assert_eq!(table.size(&store), 5);
    assert!(
        table.grow(&mut store, 6, Val::FuncRef(None)).is_err(),
        "past the maximum"
    );

    // Externrefs keep their host value.
    let e = instance.get_table(&mut store, "e").unwrap();
    let r = ExternRef::new(&mut store, String::from("a host value"));
    e.set(&mut store, 0, Val::ExternRef(Some(r))).unwrap();
    let get_e = instance.get_func(&mut store, "get_e").unwrap();
    let mut out = [Val::ExternRef(None)];
    get_e.call(&mut store, &[], &mut out).unwrap();
    let Val::ExternRef(Some(back)) = &out[0] else {
        panic!("expected a non-null externref")
    };
    let data = back.data(&store).expect("live externref");
    assert_eq!(
        data.downcast_ref::<String>().map(String::as_str),
        Some("a host value")
    );

    let standalone = Table::new(
        &mut store,
        TableType::new(ValType::FuncRef, 3, None),
        Val::FuncRef(None),
    )
    .unwrap();
    assert_eq!(standalone.size(&store), 3);
}

#[test]
fn traps_carry_kind_and_location() {
    let (_, mut store, instance) = setup(
        r#"(module
             (func $helper (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
             (func (export "div") (param i32) (result i32) (call $helper (local.get 0)))
             (func (export "unreachable") unreachable)
             (func $rec (export "rec") (call $rec))
             (func (export "oob") (result i32) (i32.load (i32.const 0x10000)))
             (memory 1))"#,
    );
    let div = instance
        .get_typed_func::<i32, i32>(&mut store, "div")
        .unwrap();
    assert_eq!(div.call(&mut store, 1).unwrap(), 1);
    let err = div.call(&mut store, 0).unwrap_err();
    let trap = err.as_trap().expect("a trap");
    assert_eq!(trap.kind, TrapKind::IntegerDivideByZero);
    assert_eq!(trap.kind.message(), "integer divide by zero");
    assert_eq!(trap.func_index, Some(0), "the trap is in $helper");
    assert!(trap.bytecode_offset.is_some());
    assert!(matches!(err, Error::Trap(_)));

    let cases = [
        ("unreachable", TrapKind::Unreachable, 2),
        ("rec", TrapKind::StackOverflow, 3),
        ("oob", TrapKind::MemoryOutOfBounds, 4),
    ];
    for (name, kind, func) in cases {
        let f = instance.get_func(&mut store, name).unwrap();
        let mut results = vec![Val::I32(0); f.ty(&store).results.len()];
        let err = f.call(&mut store, &[], &mut results).unwrap_err();
        let trap = err.as_trap().unwrap_or_else(|| panic!("{name}: {err:?}"));
        assert_eq!(trap.kind, kind, "{name}");
        assert_eq!(trap.func_index, Some(func), "{name}");
    }
    // The store is still usable after traps, including stack exhaustion.
    assert_eq!(div.call(&mut store, 1).unwrap(), 1);
}

#[test]
fn module_errors_have_offsets() {
    let engine = Engine::default();
    // Not wasm at all.
    match Module::new(&engine, b"\0asm\x02\0\0\0") {
        Err(Error::Compile(e)) => assert!(e.offset().is_some(), "{e}"),
        other => panic!("expected a compile error, got {:?}", other.map(|_| ())),
    }
    // Invalid: a type mismatch in a function body.
    let bytes = wat::parse_str(r#"(module (func (result i32) (i64.const 1)))"#).unwrap();
    match Module::new(&engine, &bytes) {
        Err(Error::Compile(e)) => {
            let offset = e.offset().expect("an offset");
            assert!(
                offset > 8 && offset < bytes.len(),
                "offset {offset} in {} bytes",
                bytes.len()
            );
        }
        other => panic!("expected a compile error, got {:?}", other.map(|_| ())),
    }
    assert!(Module::validate(&engine, &bytes).is_err());
    // Text that does not parse.
    assert!(matches!(
        Module::new(&engine, "(module (func (oops)))"),
        Err(Error::Compile(_))
    ));
    // SIMD is not supported.
    let simd = wat::parse_str(r#"(module (func (result v128) (v128.const i64x2 0 0)))"#).unwrap();
    assert!(Module::new(&engine, &simd).is_err());
}

#[test]
fn instances_share_modules_and_stores_are_independent() {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module (global $n (mut i32) (i32.const 0))
             (func (export "next") (result i32)
               (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))"#,
    )
    .unwrap();
    let mut a = Store::new(&engine, ());
    let mut b = Store::new(&engine, ());
    let ia = Instance::new(&mut a, &module, &[]).unwrap();
    let ia2 = Instance::new(&mut a, &module, &[]).unwrap();
    let ib = Instance::new(&mut b, &module, &[]).unwrap();
    let na = ia.get_typed_func::<(), i32>(&mut a, "next").unwrap();
    let na2 = ia2.get_typed_func::<(), i32>(&mut a, "next").unwrap();
    let nb = ib.get_typed_func::<(), i32>(&mut b, "next").unwrap();
    assert_eq!(na.call(&mut a, ()).unwrap(), 1);
    assert_eq!(na.call(&mut a, ()).unwrap(), 2);
    assert_eq!(na2.call(&mut a, ()).unwrap(), 1);
    assert_eq!(nb.call(&mut b, ()).unwrap(), 1);
}

#[test]
fn threads_share_an_engine() {
    let engine = Engine::default();
    let module = Module::new(&engine, FIB_WAT).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let engine = engine.clone();
            let module = module.clone();
            std::thread::spawn(move || {
                let mut store = Store::new(&engine, ());
                let instance = Instance::new(&mut store, &module, &[]).unwrap();
                let fib = instance
                    .get_typed_func::<i32, i32>(&mut store, "fib")
                    .unwrap();
                fib.call(&mut store, 15 + i).unwrap()
            })
        })
        .collect();
    let results: Vec<i32> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(results, [610, 987, 1597, 2584]);
}

/// The embedding example of README.md, verbatim but for `main`.
#[test]
fn readme_example() -> breakwater::Result<()> {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
             (func $fib (export "fib") (param i32) (result i32)
               (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
                 (then (local.get 0))
                 (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                                (call $fib (i32.sub (local.get 0) (i32.const 2))))))))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[])?;
    let fib = instance.get_typed_func::<i32, i32>(&mut store, "fib")?;
    assert_eq!(fib.call(&mut store, 20)?, 6765);
    Ok(())
}

#[test]
fn traps_carry_a_backtrace() {
    let (_, mut store, instance) = setup(
        r#"(module
             (func $helper (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
             (func $middle (param i32) (result i32) (call $helper (local.get 0)))
             (func (export "div") (param i32) (result i32) (call $middle (local.get 0)))
             (func $rec (export "rec") (param i32) (call $rec (i32.add (local.get 0) (i32.const 1)))))"#,
    );
    let div = instance
        .get_typed_func::<i32, i32>(&mut store, "div")
        .unwrap();
    let err = div.call(&mut store, 0).unwrap_err();
    let trap = err.as_trap().expect("a trap");
    let frames: Vec<(u32, bool)> = trap
        .backtrace
        .iter()
        .map(|f| (f.func_index, f.bytecode_offset.is_some()))
        .collect();
    // The trapping function with its offset, then its callers up to the call from the host.
    assert_eq!(frames, [(0, true), (1, false), (2, false)]);
    assert_eq!(trap.backtrace[0].bytecode_offset, trap.bytecode_offset);
    assert_eq!(trap.omitted_frames, 0);

    // A deep recursion: the innermost frames are kept, the rest counted.
    let rec = instance
        .get_typed_func::<i32, ()>(&mut store, "rec")
        .unwrap();
    let trap = rec.call(&mut store, 0).unwrap_err();
    let trap = trap.as_trap().expect("a trap");
    assert_eq!(trap.kind, TrapKind::StackOverflow);
    assert!(trap.backtrace.len() > 1);
    assert!(trap.backtrace.iter().all(|f| f.func_index == 3));
    assert!(trap.omitted_frames > 1000, "{}", trap.omitted_frames);

    // Each call records its own backtrace.
    let err = div.call(&mut store, 0).unwrap_err();
    assert_eq!(err.as_trap().unwrap().backtrace.len(), 3);
}

/// Accesses at the edges of memory, with guard pages (no bounds checks in the code, a fault
/// handler) and without: the same results, the same traps at the same places, and a store
/// that would cross the end writes nothing.
#[test]
fn guard_pages_and_bounds_checks_trap_alike() {
    let wat = r#"(module
      (memory (export "mem") 1 3)
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "load_far") (param i32) (result i32)
        (i32.load offset=0x90000000 (local.get 0)))
      (func (export "load_u8") (param i32) (result i32) (i32.load8_u offset=7 (local.get 0)))
      (func (export "store") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#;
    let mut outcomes = Vec::new();
    let mut code_sizes = Vec::new();
    for guard in [true, false] {
        let mut config = Config::new();
        config.guard_pages(guard);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        code_sizes.push(module.code_range().1);
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let load = instance
            .get_typed_func::<i32, i32>(&mut store, "load")
            .unwrap();
        let load_far = instance
            .get_typed_func::<i32, i32>(&mut store, "load_far")
            .unwrap();
        let load_u8 = instance
            .get_typed_func::<i32, i32>(&mut store, "load_u8")
            .unwrap();
        let st = instance
            .get_typed_func::<(i32, i64), ()>(&mut store, "store")
            .unwrap();
        let grow = instance
            .get_typed_func::<i32, i32>(&mut store, "grow")
            .unwrap();
        let mem = instance.get_memory(&mut store, "mem").unwrap();
        let trap = |r: Result<i32, Error>| {
            let e = r.expect_err("a trap");
            let t = e.as_trap().expect("a trap").clone();
            (t.kind, t.func_index, t.bytecode_offset)
        };
        let mut seen = Vec::new();
        st.call(&mut store, (0xfff8, 0x0102_0304_0506_0708))
            .unwrap();
        seen.push(format!("{:?}", load.call(&mut store, 0xfffc)));
        seen.push(format!("{:?}", trap(load.call(&mut store, 0xfffd))));
        seen.push(format!("{:?}", trap(load.call(&mut store, -1))));
        seen.push(format!("{:?}", trap(load_far.call(&mut store, 0))));
        seen.push(format!("{:?}", load_u8.call(&mut store, 0xfff8)));
        seen.push(format!("{:?}", trap(load_u8.call(&mut store, 0xfff9))));
        // Crossing the end: traps, and the bytes below the end keep their values.
        let crossing = st.call(&mut store, (0xfffc, -1)).map(|()| 0);
        seen.push(format!("{:?}", trap(crossing)));
        seen.push(format!("{:?}", &mem.data(&store)[0xfff8..]));
        // Growing makes the next page accessible, zeroed, at the same base.
        assert_eq!(grow.call(&mut store, 1).unwrap(), 1);
        seen.push(format!("{:?}", load.call(&mut store, 0xfffc)));
        seen.push(format!("{:?}", load.call(&mut store, 0x1fffc)));
        seen.push(format!("{:?}", trap(load.call(&mut store, 0x1fffd))));
        assert_eq!(grow.call(&mut store, 2).unwrap(), -1, "beyond the maximum");
        outcomes.push(seen);
    }
    assert_eq!(outcomes[0], outcomes[1], "guarded vs checked");
    assert!(
        outcomes[0][1].contains("MemoryOutOfBounds"),
        "{:?}",
        outcomes[0]
    );
    if cfg!(all(
        target_os = "linux",
        any(target_arch = "x86_64", target_arch = "aarch64")
    )) {
        assert!(
            code_sizes[0] < code_sizes[1],
            "guarded code has no checks: {code_sizes:?}"
        );
    }
}

/// The fault handler of guard pages claims only faults of compiled code in a memory's
/// reservation: a fault of the host's own code still reaches the handler installed before
/// (Rust's stack-overflow report) or the default action. Run in a child process.
#[test]
fn faults_outside_wasm_reach_the_previous_handler() {
    if let Ok(what) = std::env::var("BREAKWATER_FAULT_CHILD") {
        let _engine = Engine::default();
        if what == "overflow" {
            fn recurse(n: u64) -> u64 {
                let buf = [n; 512];
                std::hint::black_box(&buf);
                // Never true: a base case the compiler cannot see through.
                if std::hint::black_box(n) == u64::MAX {
                    return 0;
                }
                recurse(n + 1) + buf[7]
            }
            std::hint::black_box(recurse(0));
        } else {
            // SAFETY: none: this child process is meant to die of the fault.
            unsafe { std::ptr::write_volatile(16 as *mut u64, 1) };
        }
        unreachable!("the fault kills the process");
    }
    use std::os::unix::process::ExitStatusExt;
    for what in ["overflow", "null"] {
        // Under an emulator (AArch64 tests on x86-64) the child runs through it too.
        let wrapper = std::env::var("BREAKWATER_TEST_WRAPPER").unwrap_or_default();
        let mut words = wrapper.split_whitespace();
        let me = std::env::current_exe().unwrap();
        let mut command = match words.next() {
            Some(program) => {
                let mut c = std::process::Command::new(program);
                c.args(words).arg(&me);
                c
            }
            None => std::process::Command::new(&me),
        };
        let out = command
            .args([
                "--exact",
                "faults_outside_wasm_reach_the_previous_handler",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("BREAKWATER_FAULT_CHILD", what)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let signal = out.status.signal();
        match what {
            // Rust's handler reports the overflow, then aborts.
            "overflow" => assert!(
                stderr.contains("has overflowed its stack"),
                "{what}: {:?} {stderr}",
                out.status
            ),
            _ => assert_eq!(signal, Some(11), "{what}: {:?} {stderr}", out.status),
        }
    }
}

/// A memory's pages never reach the next memory: reservations are reused (see `guard.rs`),
/// emptied first.
#[test]
fn a_new_memory_reads_zeros_after_others_were_dropped() {
    let engine = Engine::default();
    for round in 0..40u8 {
        let mut store = Store::new(&engine, ());
        let memory = Memory::new(&mut store, MemoryType::new(2, None)).unwrap();
        let data = memory.data_mut(&mut store);
        assert!(data.iter().all(|&b| b == 0), "round {round}: old bytes");
        data.fill(round + 1);
        assert_eq!(memory.grow(&mut store, 1).unwrap(), 2);
        assert!(memory.data(&store)[2 << 16..].iter().all(|&b| b == 0));
    }
}
