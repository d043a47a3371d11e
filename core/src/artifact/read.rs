//! Reading an artifact back: every read bounds-checked, every count bounded by the bytes left,
//! every offset and index checked against what it points into. Untrusted bytes give an error,
//! never a panic or an out-of-bounds access (the property test in `tests.rs` mutates artifacts
//! to check this).

use alloc::boxed::Box;
use alloc::format;
use alloc::vec::Vec;

use super::format::{Header, Target, HEADER_LEN};
use super::write::loc;
use super::Artifact;
use crate::codegen::{OperandSize, Reg, RegImm};
use crate::compiled::{CompiledCode, Reloc, RelocKind, RuntimeStubs, TrapSite};
use crate::debug::abi::{FPR_SAVE_BASE, REG_SAVE_WORDS};
use crate::debug::{
    CallSite, FunctionSites, Jump, Location, MachineSite, PendingCompare, SiteKind, StopPoint,
    ValueLoc,
};
use crate::types::ValType;

fn corrupt(what: &str) -> crate::Error {
    crate::Error::artifact(format!("artifact corrupt: {what}"))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> crate::Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| corrupt(&format!("{what} runs past the end")))?;
        let b = &self.bytes[self.at..end];
        self.at = end;
        Ok(b)
    }
    fn u8(&mut self, what: &str) -> crate::Result<u8> {
        Ok(self.take(1, what)?[0])
    }
    fn u32(&mut self, what: &str) -> crate::Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self, what: &str) -> crate::Result<u64> {
        let b = self.take(8, what)?;
        let mut w = [0u8; 8];
        w.copy_from_slice(b);
        Ok(u64::from_le_bytes(w))
    }
    /// A count of entries of at least `entry_bytes` each: more than the bytes left is corrupt
    /// (so no count can make the reader allocate more than the artifact's size).
    fn count(&mut self, entry_bytes: usize, what: &str) -> crate::Result<usize> {
        let n = self.u32(what)? as usize;
        let left = self.bytes.len() - self.at;
        if n.saturating_mul(entry_bytes.max(1)) > left {
            return Err(corrupt(&format!("{what}: count {n} exceeds the artifact")));
        }
        Ok(n)
    }
    fn blob(&mut self, what: &str) -> crate::Result<&'a [u8]> {
        let n = self.count(1, what)?;
        self.take(n, what)
    }
}

pub(crate) fn val_type(code: u8) -> crate::Result<ValType> {
    Ok(match code {
        0 => ValType::I32,
        1 => ValType::I64,
        2 => ValType::F32,
        3 => ValType::F64,
        4 => ValType::FuncRef,
        5 => ValType::ExternRef,
        _ => return Err(corrupt("unknown value type")),
    })
}

/// Reads and checks `file`: header (magic, version, target, build, length, checksum), then the
/// body's structure. What needs the parsed module (function counts, call targets) is checked
/// when loading ([`super::load`]).
pub fn read(file: &[u8]) -> crate::Result<Artifact> {
    let header = Header::check(file)?;
    let mut r = Reader {
        bytes: &file[HEADER_LEN..],
        at: 0,
    };
    let module: Box<[u8]> = r.blob("module bytes")?.into();
    let stubs = read_stubs(&mut r)?;
    let count = r.count(16, "function count")?;
    let mut functions = Vec::with_capacity(count);
    for _ in 0..count {
        functions.push(read_function(&mut r, header.target, header.debug)?);
    }
    if r.at != r.bytes.len() {
        return Err(corrupt("bytes after the last function"));
    }
    Ok(Artifact {
        target: header.target,
        debug: header.debug,
        guard_pages: header.guard_pages,
        module,
        stubs,
        functions,
    })
}

fn read_stubs(r: &mut Reader<'_>) -> crate::Result<RuntimeStubs> {
    let entry = r.u32("stubs")?;
    let trap = r.u32("stubs")?;
    let host_adapter = r.u32("stubs")?;
    let debug_handler = r.u32("stubs")?;
    let bytes = r.blob("stub code")?.to_vec();
    if [entry, trap, host_adapter, debug_handler]
        .iter()
        .any(|&off| off as usize >= bytes.len())
    {
        return Err(corrupt("a runtime stub's offset is outside the stub code"));
    }
    Ok(RuntimeStubs {
        bytes,
        entry,
        trap,
        host_adapter,
        debug_handler,
    })
}

fn read_function(r: &mut Reader<'_>, target: Target, debug: bool) -> crate::Result<CompiledCode> {
    let bytes = r.blob("function code")?.to_vec();
    let len = bytes.len();
    let machine_sites = r.u32("machine sites")?;
    let fast_entry = r.u32("fast entry")?;
    if fast_entry != 0 && (machine_sites != 1 || fast_entry as usize >= len) {
        return Err(corrupt("a fast entry where there can be none"));
    }
    let n = r.count(9, "relocations")?;
    let mut relocs = Vec::with_capacity(n);
    for _ in 0..n {
        let offset = r.u32("relocation")?;
        let kind = match (r.u8("relocation")?, target) {
            (1, Target::X86_64) => RelocKind::X86CallRel32,
            (2, Target::Aarch64) => RelocKind::Aarch64Call26,
            _ => return Err(corrupt("relocation of a kind foreign to the target")),
        };
        let target = r.u32("relocation")?;
        // The patched field must lie inside its own function (the linker only checks the
        // whole buffer), and a `bl` is a whole, aligned word.
        let fits = (offset as usize)
            .checked_add(4)
            .is_some_and(|end| end <= len);
        if !fits || (kind == RelocKind::Aarch64Call26 && offset % 4 != 0) {
            return Err(corrupt("relocation outside its function"));
        }
        relocs.push(Reloc {
            offset,
            kind,
            target,
        });
    }
    let n = r.count(8, "trap sites")?;
    let mut traps = Vec::with_capacity(n);
    for _ in 0..n {
        let return_offset = r.u32("trap site")?;
        let bytecode_offset = r.u32("trap site")?;
        if return_offset == 0 || return_offset as usize > len {
            return Err(corrupt("trap site outside its function"));
        }
        traps.push(TrapSite {
            return_offset,
            bytecode_offset,
        });
    }
    let sites = if debug {
        let sites = read_sites(r)?;
        if sites.code_len as usize != len || sites.machine.len() != machine_sites as usize {
            return Err(corrupt("site tables do not match their function's code"));
        }
        Some(Box::new(sites))
    } else {
        if machine_sites != 0 {
            return Err(corrupt("machine sites in code without debugging"));
        }
        None
    };
    Ok(CompiledCode {
        bytes,
        relocs,
        traps,
        site_returns: Vec::new(),
        site_resumes: Vec::new(),
        machine_sites,
        fast_entry,
        sites,
    })
}

/// A register: a location tag and an index inside the debug stub's save area.
fn read_reg(tag: u8, index: u64) -> crate::Result<Reg> {
    let within = |limit: usize| (index as usize) < limit && index < 256;
    match tag {
        loc::GPR if within(FPR_SAVE_BASE) => Ok(Reg::Gpr(index as u8)),
        loc::FPR if within(REG_SAVE_WORDS - FPR_SAVE_BASE) => Ok(Reg::Fpr(index as u8)),
        _ => Err(corrupt("register outside the debug stub's save area")),
    }
}

/// A stop point's pending comparison (see `write.rs`).
fn read_compare(r: &mut Reader<'_>) -> crate::Result<PendingCompare> {
    use crate::codegen::IntCmpKind::*;
    let kind = match r.u8("comparison")? {
        k if k == Eq as u8 => Eq,
        k if k == Ne as u8 => Ne,
        k if k == LtS as u8 => LtS,
        k if k == LtU as u8 => LtU,
        k if k == GtS as u8 => GtS,
        k if k == GtU as u8 => GtU,
        k if k == LeS as u8 => LeS,
        k if k == LeU as u8 => LeU,
        k if k == GeS as u8 => GeS,
        k if k == GeU as u8 => GeU,
        _ => return Err(corrupt("unknown comparison")),
    };
    let size = match r.u8("comparison")? {
        s if s == OperandSize::S32 as u8 => OperandSize::S32,
        s if s == OperandSize::S64 as u8 => OperandSize::S64,
        _ => return Err(corrupt("unknown comparison width")),
    };
    let tag = r.u8("comparison")?;
    let lhs = read_reg(tag, r.u8("comparison")? as u64)?;
    let tag = r.u8("comparison")?;
    let payload = r.u64("comparison")?;
    let rhs = match tag {
        loc::CONST => RegImm::Imm(
            u32::try_from(payload).map_err(|_| corrupt("comparison constant out of range"))? as i32,
        ),
        _ => RegImm::Reg(read_reg(tag, payload)?),
    };
    if !matches!(lhs, Reg::Gpr(_)) || matches!(rhs, RegImm::Reg(Reg::Fpr(_))) {
        return Err(corrupt("comparison of float registers"));
    }
    Ok(PendingCompare {
        kind,
        size,
        lhs,
        rhs,
    })
}

fn read_sites(r: &mut Reader<'_>) -> crate::Result<FunctionSites> {
    let code_len = r.u32("site tables")?;
    let n = r.count(16, "machine sites")?;
    let mut machine = Vec::with_capacity(n);
    for _ in 0..n {
        let return_offset = r.u32("machine site")?;
        let resume_offset = r.u32("machine site")?;
        let start = r.u32("machine site")?;
        let end = r.u32("machine site")?;
        machine.push(MachineSite {
            return_offset,
            resume_offset,
            stops: start..end,
        });
    }
    let n = r.count(27, "stop points")?;
    let mut stops = Vec::with_capacity(n);
    for _ in 0..n {
        let bytecode_offset = r.u32("stop point")?;
        let kind = match r.u8("stop point")? {
            0 => SiteKind::FunctionEntry,
            1 => SiteKind::Instruction,
            2 => SiteKind::FunctionExit,
            _ => return Err(corrupt("unknown stop point kind")),
        };
        let start = r.u32("stop point")?;
        let end = r.u32("stop point")?;
        let code_offset = r.u32("stop point")?;
        let interpretable = match r.u8("stop point")? {
            0 => false,
            1 => true,
            _ => return Err(corrupt("bad stop point flag")),
        };
        let cached_start = r.u32("stop point")?;
        let cached_end = r.u32("stop point")?;
        let dirty = r.u64("stop point")?;
        let compare = match r.u8("stop point")? {
            0 => None,
            1 => Some(read_compare(r)?),
            _ => return Err(corrupt("bad stop point flag")),
        };
        let jump = match r.u8("stop point")? {
            0 => None,
            tag @ (1 | 2) => Some(Jump {
                target: r.u32("stop point")?,
                arity: r.u32("stop point")?,
                conditional: tag == 2,
            }),
            _ => return Err(corrupt("bad stop point flag")),
        };
        stops.push(StopPoint {
            bytecode_offset,
            kind,
            stack: start..end,
            code_offset,
            interpretable,
            cached: cached_start..cached_end,
            dirty,
            compare,
            jump,
        });
    }
    let n = r.count(10, "value locations")?;
    let mut values = Vec::with_capacity(n);
    for _ in 0..n {
        let ty = val_type(r.u8("value location")?)?;
        let tag = r.u8("value location")?;
        let payload = r.u64("value location")?;
        let loc = match tag {
            loc::CONST => Location::Const(payload),
            loc::GPR | loc::FPR => Location::Reg(read_reg(tag, payload)?),
            loc::FRAME => Location::Frame(
                u32::try_from(payload).map_err(|_| corrupt("frame offset out of range"))? as i32,
            ),
            loc::LOCAL => Location::Local(
                u32::try_from(payload).map_err(|_| corrupt("local index out of range"))?,
            ),
            _ => return Err(corrupt("unknown value location")),
        };
        values.push(ValueLoc { ty, loc });
    }
    let n = r.count(6, "cached locals")?;
    let mut cached = Vec::with_capacity(n);
    for _ in 0..n {
        let local = r.u32("cached local")?;
        let tag = r.u8("cached local")?;
        let reg = read_reg(tag, r.u8("cached local")? as u64)?;
        cached.push((local, reg));
    }
    let n = r.count(8, "call sites")?;
    let mut calls = Vec::with_capacity(n);
    for _ in 0..n {
        let return_offset = r.u32("call site")?;
        let bytecode_offset = r.u32("call site")?;
        calls.push(CallSite {
            return_offset,
            bytecode_offset,
        });
    }
    let n = r.count(5, "locals")?;
    let mut locals = Vec::with_capacity(n);
    for _ in 0..n {
        let ty = val_type(r.u8("local")?)?;
        let off = r.u32("local")? as i32;
        locals.push((ty, off));
    }
    let sites = FunctionSites {
        machine,
        stops,
        values,
        cached,
        calls,
        locals: locals.into_boxed_slice(),
        code_len,
    };
    check_sites(&sites)?;
    Ok(sites)
}

/// Every range and index of `s` inside what it indexes; lookups by offset sorted.
fn check_sites(s: &FunctionSites) -> crate::Result<()> {
    let within = |r: &core::ops::Range<u32>, len: usize| r.start <= r.end && r.end as usize <= len;
    let in_code = |off: u32| off <= s.code_len;
    for m in &s.machine {
        if !within(&m.stops, s.stops.len())
            || !in_code(m.return_offset)
            || !in_code(m.resume_offset)
        {
            return Err(corrupt("machine site outside its tables or code"));
        }
    }
    for (i, p) in s.stops.iter().enumerate() {
        if !within(&p.stack, s.values.len())
            || !within(&p.cached, s.cached.len())
            || !in_code(p.code_offset)
        {
            return Err(corrupt("stop point outside its tables or code"));
        }
        // Jumps the slow path follows go forward, so its walks end (a conditional branch,
        // which ends the walk, may go back to a loop's header).
        if let Some(j) = p.jump {
            let backwards = p.interpretable && !j.conditional && j.target as usize <= i;
            if backwards || j.target as usize >= s.stops.len() {
                return Err(corrupt(
                    "stop point jumps outside its function or backwards",
                ));
            }
        }
    }
    for v in &s.values {
        if let Location::Local(i) = v.loc {
            if i as usize >= s.locals.len() {
                return Err(corrupt("value in a local that does not exist"));
            }
        }
    }
    let memory = [
        crate::debug::MEMORY_BASE_KEY,
        crate::debug::MEMORY_LENGTH_KEY,
    ];
    if s.cached
        .iter()
        .any(|&(l, _)| l as usize >= s.locals.len() && !memory.contains(&l))
    {
        return Err(corrupt("cached local that does not exist"));
    }
    if s.calls.iter().any(|c| !in_code(c.return_offset)) {
        return Err(corrupt("call site outside its code"));
    }
    let machine: Vec<u32> = s.machine.iter().map(|m| m.return_offset).collect();
    let calls: Vec<u32> = s.calls.iter().map(|c| c.return_offset).collect();
    if !increasing(&machine) || !increasing(&calls) {
        return Err(corrupt("site tables out of order"));
    }
    Ok(())
}

/// Strictly increasing (what binary searches by return offset need).
fn increasing(keys: &[u32]) -> bool {
    keys.windows(2).all(|w| w[0] < w[1])
}
