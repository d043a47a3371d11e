//! THE ONLY PLACE WHERE THE BENCHMARK READS BREAKWATER'S DEBUG INTERNALS.
//!
//! The public API has no figures for the breakable-point tables, so [`debug_tables`] reads
//! them from `Module::compiled().code.debug` (public fields, but the debug machinery's own
//! layout, which changes with it). Everything else in the benchmark goes through the public
//! API (`DebugHandle::breakable_offsets` and the like). When the tables change, adapt this
//! function and nothing else.

use breakwater::Module;

/// What a module holds for debugging, besides its code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DebugTableFigures {
    /// Places in the machine code that test whether to stop. Today one per breakable point.
    pub machine_sites: usize,
    /// (function, bytecode offset) pairs where a breakpoint can be set: every instruction,
    /// each function's entry and exit.
    pub breakable_points: usize,
    /// Heap bytes of the tables that map machine sites to breakable points and describe the
    /// stopped state (sites with their operand stacks, call sites, locals, per-function
    /// ranges), held once per module and shared by all its instances.
    pub table_bytes: usize,
}

/// The debug tables of `module` (all zero when it was compiled without debugging).
pub fn debug_tables(module: &Module) -> DebugTableFigures {
    fn vec_bytes<T>(v: &Vec<T>) -> usize {
        v.capacity() * std::mem::size_of::<T>()
    }
    let tables = &module.compiled().code.debug;
    let site_stacks: usize = tables
        .sites
        .iter()
        .map(|s| std::mem::size_of_val(&*s.stack))
        .sum();
    let locals: usize = tables
        .functions
        .iter()
        .map(|f| std::mem::size_of_val(&*f.locals))
        .sum();
    DebugTableFigures {
        machine_sites: tables.sites.len(),
        breakable_points: tables.sites.len(),
        table_bytes: vec_bytes(&tables.sites)
            + site_stacks
            + vec_bytes(&tables.calls)
            + vec_bytes(&tables.functions)
            + locals
            + vec_bytes(&tables.func_sites),
    }
}
