//! THE ONLY PLACE WHERE THE BENCHMARK READS BREAKWATER'S DEBUG INTERNALS.
//!
//! The public API has no figures for what a module keeps for debugging, so [`debug_tables`]
//! reads them from `Module::compiled().debug` (the debug machinery's own data, which changes
//! with it). Everything else in the benchmark goes through the public API
//! (`DebugHandle::breakable_offsets` and the like). When that data changes, adapt this function
//! and nothing else.

use breakwater::Module;

/// What a module holds for debugging, besides its code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DebugTableFigures {
    /// Places in the machine code that test whether to stop (consecutive stop points with no
    /// code between them share one).
    pub machine_sites: usize,
    /// Bytes the module keeps for debugging, shared by all its instances: the all-zero and
    /// all-ones masks, their gate tables and a site count per function. Site tables (where each
    /// stop point is and what it sees) are not kept: they are regenerated on demand, per
    /// function, and cached.
    pub table_bytes: usize,
}

/// The debug data of `module` (all zero when it was compiled without debugging).
pub fn debug_tables(module: &Module) -> DebugTableFigures {
    match &module.compiled().debug {
        Some(d) => DebugTableFigures {
            machine_sites: d.total_sites() as usize,
            table_bytes: d.resident_bytes(),
        },
        None => DebugTableFigures::default(),
    }
}
