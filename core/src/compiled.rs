//! What the compiler produces: machine code with its side tables, before and after linking.

use alloc::vec::Vec;

/// One function's machine code, position independent except for `relocs`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompiledCode {
    /// The machine code.
    pub bytes: Vec<u8>,
    /// Places to patch once every function's address is known.
    pub relocs: Vec<Reloc>,
    /// Trap sites: where a trap can be raised and for which bytecode offset.
    pub traps: Vec<TrapSite>,
    /// Debug code only, from the backend to the front end: per machine site in emission order,
    /// the offset of the return address of its handler call.
    pub site_returns: Vec<u32>,
    /// Debug code only, from the backend to the front end: per machine site, the offset where
    /// execution resumes after the handler.
    pub site_resumes: Vec<u32>,
    /// Debug code only: the number of machine sites.
    pub machine_sites: u32,
    /// Debug code only: the offset of the function's fast entry (past its gate loads; see
    /// `crate::debug::abi`, "Fast entries"), or 0 if it has none.
    pub fast_entry: u32,
    /// Debug code compiled with `CompileConfig::record_sites`: its site tables.
    pub sites: Option<alloc::boxed::Box<crate::debug::FunctionSites>>,
}

/// A call to another function of the same module, to be patched at link time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reloc {
    /// Offset in the function's code of the patched field.
    pub offset: u32,
    /// How to patch.
    pub kind: RelocKind,
    /// Function index (in the module's function index space, always a defined function).
    pub target: u32,
}

/// How a relocation is patched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelocKind {
    /// x64 `call rel32`: the 4 bytes at `offset` hold `target - (offset + 4)`.
    X86CallRel32,
    /// AArch64 `bl`: imm26 of the word at `offset` holds `(target - offset) / 4`; targets
    /// beyond its ±128 MiB go through a veneer placed by the linker.
    Aarch64Call26,
}

/// How [`LinkedCode::link`] lays out a module's functions. Only tests change the default: they
/// spread functions apart and shorten the reach the linker assumes for `bl`, so that ordinary
/// modules exercise the far-call paths that otherwise only code beyond 128 MiB needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkLayout {
    /// Bytes left between consecutive functions (filled with the alignment filler).
    pub spread: u32,
    /// The reach assumed for AArch64 `bl` in bytes, at most (and by default) the real
    /// 128 MiB.
    pub aarch64_call_reach: u32,
}

impl Default for LinkLayout {
    fn default() -> Self {
        LinkLayout {
            spread: 0,
            aarch64_call_reach: crate::link::AARCH64_CALL_REACH,
        }
    }
}

/// A place where compiled code enters the trap stub.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TrapSite {
    /// Code offset of the return address pushed by the `call` into the trap stub (the value the
    /// trap stub records as `trap_pc`), relative to the function's start.
    pub return_offset: u32,
    /// Offset from the start of the module of the Wasm instruction that traps.
    pub bytecode_offset: u32,
}

/// A compiled function, placed in its module's code.
#[derive(Clone, Debug, Default)]
pub struct FunctionInfo {
    /// Offset of the function's code from the module's code base.
    pub code_offset: u32,
    /// Length of the function's code.
    pub code_len: u32,
}

/// Every function of a module laid out in one buffer, relocations applied: ready to be
/// published read+execute by the host and never written again.
#[derive(Clone, Debug, Default)]
pub struct LinkedCode {
    /// The code of all defined functions.
    pub bytes: Vec<u8>,
    /// Per defined function (`functions[num_imported_funcs + i]`).
    pub functions: Vec<FunctionInfo>,
    /// Per defined function, its trap sites sorted by `return_offset`, offsets relative to the
    /// function (as compiled: kept per function rather than merged into one table, so that
    /// linking a large module does not copy them).
    pub traps: Vec<Vec<TrapSite>>,
    /// Imported functions: function indices of defined function `i` are this plus `i`.
    pub num_imported: u32,
}

impl LinkedCode {
    /// Lays out `functions` (defined functions in order) in one buffer and applies relocations,
    /// with far-call veneers where a `bl` cannot reach its target (see [`crate::link`]).
    /// `num_imported` is the number of imported functions (relocation targets are full indices).
    /// Fails, rather than branch anywhere else, when a relocation cannot be satisfied.
    pub fn link(
        functions: Vec<CompiledCode>,
        num_imported: u32,
        layout: &LinkLayout,
    ) -> crate::Result<LinkedCode> {
        crate::link::link(functions, num_imported, layout)
    }

    /// Bytes of code laid out.
    pub fn bytes_len(&self) -> usize {
        self.functions
            .last()
            .map_or(0, |f| (f.code_offset + f.code_len) as usize)
    }

    /// The trap site whose return address is `offset` from the code base, with its offset
    /// made relative to the code base, and its function's index.
    pub fn trap_at(&self, offset: u32) -> Option<(TrapSite, u32)> {
        // A return address may be the end of its function, so the function is the one holding
        // the byte before it (the call's).
        let i = self
            .functions
            .partition_point(|f| f.code_offset < offset)
            .checked_sub(1)?;
        let relative = offset - self.functions[i].code_offset;
        let sites = self.traps.get(i)?;
        let k = sites
            .binary_search_by_key(&relative, |t| t.return_offset)
            .ok()?;
        let site = TrapSite {
            return_offset: offset,
            bytecode_offset: sites[k].bytecode_offset,
        };
        Some((site, self.num_imported + i as u32))
    }

    /// The defined function (as a full function index) containing code `offset`.
    pub fn func_at(&self, offset: u32, num_imported: u32) -> Option<u32> {
        let i = self
            .functions
            .partition_point(|f| f.code_offset <= offset)
            .checked_sub(1)?;
        let f = &self.functions[i];
        (offset < f.code_offset + f.code_len).then_some(num_imported + i as u32)
    }
}

/// Machine code shared by every module of an engine: the way in and out of Wasm code.
///
/// - `entry` is `unsafe extern "C" fn(vmctx: *mut u8, func_ptr: usize, values: *mut u64,
///   area_slots: usize) -> u64`. It saves the callee-saved registers, saves the store's
///   `entry_sp` (reading the store from the vmctx header) and records its own stack pointer
///   there, so that nested entries (host -> Wasm -> host -> Wasm) unwind correctly. It copies
///   `values[i]` for `i < area_slots` so that the callee sees value `i` at
///   `fp + 16 + 8 * (K - 1 - i)` (see the emitter's calling convention), calls `func_ptr` with
///   the vmctx register set, copies the area back into `values`, restores `entry_sp` and returns
///   0. When the trap stub unwinds to it, it restores `entry_sp` and the callee-saved registers
///   and returns the nonzero trap code.
/// - `trap` is entered by `call` from compiled code, with the trap code (u32) in the backend's
///   trap-code register (x64: r11, which only code without debugging allocates, where no value
///   is live at a trap; AArch64: w1, not allocatable) and the vmctx register valid. It records the
///   code, the return address of that call as `trap_pc` and the vmctx in the store context,
///   then unwinds to the innermost entry.
/// - `host_adapter` is the `func_ptr` of every host function: it is called with the internal
///   calling convention and the vmctx register pointing to a host function context
///   (`vmctx::host`). It aligns the stack, calls
///   `callback(ctx, values)` where `values` is the address of the argument area's lowest slot
///   (value `i` of a function with `K` slots is `values[K - 1 - i]`), and returns, or enters the
///   trap stub with the callback's nonzero return as the trap code.
///
/// - `debug_handler` is what machine sites of debug code call (the handler word of every
///   mask, see `crate::debug::abi`): it saves every allocatable register
///   (`debug::abi::REG_SAVE_WORDS` u64 words, GPR `i` at word `i`, FPR `i`'s low 64 bits at
///   word `debug::abi::FPR_SAVE_BASE + i`), calls the `DebugSlowPath` libcall with (return
///   address, fp, save area), restores the registers (the slow path may have changed saved
///   values, the gate among them) and continues at the address the libcall returned, or enters
///   the trap stub with the trap code it returned.
/// - The trap stub, when `[vmctx + DEBUG_STATE]` is non-null (a debugger is attached), first
///   saves the registers the same way and calls the `DebugTrap` libcall with (trap code, trap pc, fp, save area), then
///   unwinds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuntimeStubs {
    /// The code of all stubs.
    pub bytes: Vec<u8>,
    /// Offset of the entry trampoline.
    pub entry: u32,
    /// Offset of the trap stub.
    pub trap: u32,
    /// Offset of the host function adapter.
    pub host_adapter: u32,
    /// Offset of the debug handler.
    pub debug_handler: u32,
}
