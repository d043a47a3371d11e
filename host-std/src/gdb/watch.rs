//! Watchpoints without writing code: while any is set, every load and store of the module is a
//! breakpoint (a mask bit of its instance, as any breakpoint); at each, the hook computes the
//! access's address from the operand stack and, if it touches a watched range, lets the
//! access run (one step) and reports the watchpoint after it, as LLDB expects.

use breakwater_core::gdb::{WasmAddr, WatchKind};
use wasmparser::{Operator, Parser, Payload};

/// A load or store instruction of a module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Access {
    /// Its bytecode offset (module-relative).
    pub offset: u32,
    /// Its function (full index space).
    pub func: u32,
    pub store: bool,
    /// Bytes accessed.
    pub size: u32,
    /// The memarg's static offset, added to the address operand.
    pub displacement: u64,
}

/// A watched range of linear memory, as LLDB set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Watch {
    /// Its address (space 0 of LLDB's address space).
    pub addr: u64,
    pub len: u32,
    pub kind: WatchKind,
}

impl Watch {
    /// Whether an access of `size` bytes at linear address `at` (store or load) triggers it.
    pub fn triggered_by(&self, store: bool, at: u64, size: u32) -> bool {
        let kind_matches = match self.kind {
            WatchKind::Write => store,
            WatchKind::Read => !store,
            WatchKind::ReadWrite => true,
        };
        let start = WasmAddr::from_raw(self.addr).map_or(u64::MAX, |a| a.offset() as u64);
        kind_matches && at < start + self.len as u64 && start < at + size as u64
    }
}

/// The loads and stores in a module's code, by offset.
pub(super) fn accesses(bytes: &[u8], num_imported_funcs: u32) -> Vec<Access> {
    let mut out = Vec::new();
    let mut func = num_imported_funcs;
    for payload in Parser::new(0).parse_all(bytes) {
        let Ok(Payload::CodeSectionEntry(body)) = payload else {
            continue;
        };
        if let Ok(mut ops) = body.get_operators_reader() {
            while !ops.eof() {
                let offset = ops.original_position() as u32;
                let Ok(op) = ops.read() else { break };
                // (WebAssembly 2.0 has one memory: every access is to memory 0.)
                if let Some((store, size, memarg)) = classify(&op) {
                    out.push(Access {
                        offset,
                        func,
                        store,
                        size,
                        displacement: memarg.offset,
                    });
                }
            }
        }
        func += 1;
    }
    out
}

/// (is a store, bytes, memarg) of a load or store.
fn classify(op: &Operator<'_>) -> Option<(bool, u32, wasmparser::MemArg)> {
    use Operator::*;
    Some(match *op {
        I32Load { memarg } | F32Load { memarg } | I64Load32S { memarg } | I64Load32U { memarg } => {
            (false, 4, memarg)
        }
        I64Load { memarg } | F64Load { memarg } => (false, 8, memarg),
        I32Load8S { memarg }
        | I32Load8U { memarg }
        | I64Load8S { memarg }
        | I64Load8U { memarg } => (false, 1, memarg),
        I32Load16S { memarg }
        | I32Load16U { memarg }
        | I64Load16S { memarg }
        | I64Load16U { memarg } => (false, 2, memarg),
        I32Store { memarg } | F32Store { memarg } | I64Store32 { memarg } => (true, 4, memarg),
        I64Store { memarg } | F64Store { memarg } => (true, 8, memarg),
        I32Store8 { memarg } | I64Store8 { memarg } => (true, 1, memarg),
        I32Store16 { memarg } | I64Store16 { memarg } => (true, 2, memarg),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_stores_are_found_with_their_sizes_and_offsets() {
        let wasm = wat::parse_str(
            r#"(module (memory 1)
                 (func (param i32) (i32.store8 offset=3 (local.get 0) (i32.const 1)))
                 (func (result i64) (i64.load (i32.const 8))))"#,
        )
        .unwrap();
        let found = accesses(&wasm, 0);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (
                found[0].func,
                found[0].store,
                found[0].size,
                found[0].displacement
            ),
            (0, true, 1, 3)
        );
        assert_eq!(
            (
                found[1].func,
                found[1].store,
                found[1].size,
                found[1].displacement
            ),
            (1, false, 8, 0)
        );
        assert_eq!(wasm[found[1].offset as usize], 0x29, "i64.load's opcode");
    }

    #[test]
    fn a_watch_fires_on_overlapping_accesses_of_its_kind() {
        let w = Watch {
            addr: 0x100,
            len: 4,
            kind: WatchKind::Write,
        };
        assert!(w.triggered_by(true, 0x100, 4));
        assert!(w.triggered_by(true, 0xfe, 4), "overlaps the start");
        assert!(w.triggered_by(true, 0x103, 1));
        assert!(!w.triggered_by(true, 0x104, 4), "just after");
        assert!(!w.triggered_by(true, 0xfc, 4), "just before");
        assert!(!w.triggered_by(false, 0x100, 4), "a read");
        let rw = Watch {
            kind: WatchKind::ReadWrite,
            ..w
        };
        assert!(rw.triggered_by(false, 0x100, 4));
    }
}
