//! Compiled code under register pressure: what the code generator's register choices must not
//! change (both ISAs, with and without guard pages, and debug code).

use breakwater::{Config, Engine, Instance, Module, Store};

/// More live i32 locals than either ISA has registers.
const LOCALS: usize = 24;

/// A module whose functions load `LOCALS` locals from memory (so that most end up as dirty
/// cached copies, their slots stale), run `tail` on them and return a checksum of them all.
fn pressure_module(funcs: &[(&str, String)]) -> String {
    let locals: String = (0..LOCALS).map(|i| format!("(local $l{i} i32) ")).collect();
    let sets: String = (0..LOCALS)
        .map(|i| {
            format!(
                "(local.set $l{i} (i32.load offset={} (local.get $p)))\n",
                4 * i
            )
        })
        .collect();
    let sum = (0..LOCALS).fold("(i32.const 0)".to_string(), |acc, i| {
        format!(
            "(i32.add (i32.mul (local.get $l{i}) (i32.const {})) {acc})",
            i + 1
        )
    });
    let data: String = initial()
        .iter()
        .map(|v| {
            v.to_le_bytes()
                .iter()
                .map(|b| format!("\\{b:02x}"))
                .collect::<String>()
        })
        .collect();
    let funcs: String = funcs
        .iter()
        .map(|(name, tail)| {
            format!(
                "(func (export \"{name}\") (param $p i32) (result i32) (local $t i32) {locals}\n\
                 {sets} {tail}\n {sum})\n"
            )
        })
        .collect();
    format!("(module (memory 1) (data (i32.const 0) \"{data}\")\n{funcs})")
}

/// The locals' values as loaded.
fn initial() -> Vec<u32> {
    (0..LOCALS as u32).map(|i| 3 * i + 5).collect()
}

/// What [`pressure_module`]'s checksum is for `values`.
fn checksum(values: &[u32]) -> u32 {
    values.iter().enumerate().fold(0u32, |acc, (i, &v)| {
        acc.wrapping_add(v.wrapping_mul(i as u32 + 1))
    })
}

fn configs() -> Vec<(&'static str, Config)> {
    let mut guarded = Config::new();
    guarded.guard_pages(true);
    let mut checked = Config::new();
    checked.guard_pages(false);
    let mut debug = Config::new();
    debug.debug(true);
    vec![
        ("guard pages", guarded),
        ("checked", checked),
        ("debug", debug),
    ]
}

/// An operator reading a local (a popped lazy `local.get`) that the code ahead writes again
/// before reading it: when the operator needs a register, that local's copy must not give way
/// as dead, unwritten. Code without debugging once did (its eviction looked ahead for reads on
/// the operand stack only), and the operator read the local's stale slot: `clz` of the old
/// value, and the first move of a swap.
#[test]
fn a_local_the_operator_reads_keeps_its_value_when_registers_run_out() {
    let (last, a, b) = (LOCALS - 1, LOCALS - 2, LOCALS - 3);
    let wat = pressure_module(&[
        (
            "clz",
            format!("(local.set $l{last} (i32.clz (local.get $l{last})))"),
        ),
        (
            "swap",
            format!(
                "(local.set $t (local.get $l{a})) (local.set $l{a} (local.get $l{b})) \
                 (local.set $l{b} (local.get $t))"
            ),
        ),
    ]);
    let mut clz = initial();
    clz[last] = clz[last].leading_zeros();
    let mut swap = initial();
    swap.swap(a, b);
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, &wat).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        for (func, values) in [("clz", &clz), ("swap", &swap)] {
            let f = instance
                .get_typed_func::<i32, i32>(&mut store, func)
                .unwrap();
            assert_eq!(
                f.call(&mut store, 0).unwrap() as u32,
                checksum(values),
                "{func} ({name})"
            );
        }
    }
}
