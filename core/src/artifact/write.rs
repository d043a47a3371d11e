//! Serializing an [`Artifact`]. The body, after the header (`format.rs`), little-endian, every
//! count and length a u32:
//!
//! ```text
//! module   len, bytes                      the original module (metadata is parsed from it)
//! stubs    entry, trap, host_adapter, debug_handler, len, bytes
//! funcs    count, then per defined function:
//!   code           len, bytes               position independent but for its relocations
//!   machine_sites  u32
//!   fast_entry     u32
//!   relocs         count, then (offset u32, kind u8, target u32)
//!   traps          count, then (return_offset u32, bytecode_offset u32)
//!   sites          debug artifacts only:
//!     code_len     u32
//!     machine      count, then (return_offset, resume_offset, stops.start, stops.end)
//!     stops        count, then (bytecode_offset u32, kind u8, stack.start u32, stack.end u32,
//!                               code_offset u32, interpretable u8, cached.start u32,
//!                               cached.end u32, dirty u64, compare: u8 0 | 1 then kind u8, size u8,
//!                               lhs (tag u8, index u8), rhs (tag u8, payload u64),
//!                               jump: u8 0 | 1 (unconditional) | 2 (conditional)
//!                               then target u32, arity u32)
//!     values       count, then (type u8, location tag u8, payload u64)
//!     cached       count, then (local u32, register tag u8, register index u8)
//!     calls        count, then (return_offset u32, bytecode_offset u32)
//!     locals       count, then (type u8, frame offset i32)
//! ```

use alloc::vec::Vec;

use super::format::{checksum, Header, HEADER_LEN};
use super::Artifact;
use crate::codegen::{Reg, RegImm};
use crate::compiled::RelocKind;
use crate::debug::{FunctionSites, Location, SiteKind};
use crate::types::ValType;

pub(crate) fn val_type_code(t: ValType) -> u8 {
    match t {
        ValType::I32 => 0,
        ValType::I64 => 1,
        ValType::F32 => 2,
        ValType::F64 => 3,
        ValType::FuncRef => 4,
        ValType::ExternRef => 5,
    }
}

pub(crate) fn reloc_kind_code(k: RelocKind) -> u8 {
    match k {
        RelocKind::X86CallRel32 => 1,
        RelocKind::Aarch64Call26 => 2,
    }
}

pub(crate) fn site_kind_code(k: SiteKind) -> u8 {
    match k {
        SiteKind::FunctionEntry => 0,
        SiteKind::Instruction => 1,
        SiteKind::FunctionExit => 2,
    }
}

/// A register's location tag and index.
fn reg_code(r: Reg) -> (u8, u8) {
    match r {
        Reg::Gpr(i) => (loc::GPR, i),
        Reg::Fpr(i) => (loc::FPR, i),
    }
}

/// Location tags: a constant, a GPR, an FPR, a frame slot, a local's slot.
pub(crate) mod loc {
    pub(crate) const CONST: u8 = 0;
    pub(crate) const GPR: u8 = 1;
    pub(crate) const FPR: u8 = 2;
    pub(crate) const FRAME: u8 = 3;
    pub(crate) const LOCAL: u8 = 4;
}

struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    /// A count or length: artifacts hold no more than u32::MAX of anything.
    fn len(&mut self, n: usize) -> crate::Result<()> {
        let n = u32::try_from(n)
            .map_err(|_| crate::Error::artifact("module too large for an artifact"))?;
        self.u32(n);
        Ok(())
    }
    fn bytes(&mut self, b: &[u8]) -> crate::Result<()> {
        self.len(b.len())?;
        self.out.extend_from_slice(b);
        Ok(())
    }
}

/// Serializes `artifact`. Fails if debug code lacks its site tables (compile with
/// `CompileConfig::record_sites`) or something exceeds the format's u32 counts.
pub fn write(artifact: &Artifact) -> crate::Result<Vec<u8>> {
    let mut w = Writer {
        out: alloc::vec![0u8; HEADER_LEN],
    };
    w.bytes(&artifact.module)?;
    let s = &artifact.stubs;
    for off in [s.entry, s.trap, s.host_adapter, s.debug_handler] {
        w.u32(off);
    }
    w.bytes(&s.bytes)?;
    w.len(artifact.functions.len())?;
    for f in &artifact.functions {
        w.bytes(&f.bytes)?;
        w.u32(f.machine_sites);
        w.u32(f.fast_entry);
        w.len(f.relocs.len())?;
        for r in &f.relocs {
            w.u32(r.offset);
            w.u8(reloc_kind_code(r.kind));
            w.u32(r.target);
        }
        w.len(f.traps.len())?;
        for t in &f.traps {
            w.u32(t.return_offset);
            w.u32(t.bytecode_offset);
        }
        if artifact.debug {
            let sites = f.sites.as_deref().ok_or_else(|| {
                crate::Error::artifact(
                    "debug artifact without site tables (compile with record_sites)",
                )
            })?;
            write_sites(&mut w, sites)?;
        }
    }
    let body_len = (w.out.len() - HEADER_LEN) as u64;
    let header = Header {
        target: artifact.target,
        debug: artifact.debug,
        guard_pages: artifact.guard_pages,
        body_len,
        body_checksum: checksum(&w.out[HEADER_LEN..]),
    };
    w.out[..HEADER_LEN].copy_from_slice(&header.to_bytes());
    Ok(w.out)
}

fn write_sites(w: &mut Writer, s: &FunctionSites) -> crate::Result<()> {
    w.u32(s.code_len);
    w.len(s.machine.len())?;
    for m in &s.machine {
        for v in [m.return_offset, m.resume_offset, m.stops.start, m.stops.end] {
            w.u32(v);
        }
    }
    w.len(s.stops.len())?;
    for p in &s.stops {
        w.u32(p.bytecode_offset);
        w.u8(site_kind_code(p.kind));
        w.u32(p.stack.start);
        w.u32(p.stack.end);
        w.u32(p.code_offset);
        w.u8(p.interpretable as u8);
        w.u32(p.cached.start);
        w.u32(p.cached.end);
        w.u64(p.dirty);
        match &p.compare {
            None => w.u8(0),
            Some(c) => {
                w.u8(1);
                w.u8(c.kind as u8);
                w.u8(c.size as u8);
                let (tag, index) = reg_code(c.lhs);
                w.u8(tag);
                w.u8(index);
                let (tag, payload) = match c.rhs {
                    RegImm::Reg(r) => {
                        let (tag, index) = reg_code(r);
                        (tag, index as u64)
                    }
                    RegImm::Imm(i) => (loc::CONST, i as u32 as u64),
                };
                w.u8(tag);
                w.u64(payload);
            }
        }
        match &p.jump {
            None => w.u8(0),
            Some(j) => {
                w.u8(1 + j.conditional as u8);
                w.u32(j.target);
                w.u32(j.arity);
            }
        }
    }
    w.len(s.values.len())?;
    for v in &s.values {
        w.u8(val_type_code(v.ty));
        let (tag, payload) = match v.loc {
            Location::Const(bits) => (loc::CONST, bits),
            Location::Reg(Reg::Gpr(i)) => (loc::GPR, i as u64),
            Location::Reg(Reg::Fpr(i)) => (loc::FPR, i as u64),
            Location::Frame(off) => (loc::FRAME, off as u32 as u64),
            Location::Local(i) => (loc::LOCAL, i as u64),
        };
        w.u8(tag);
        w.u64(payload);
    }
    w.len(s.cached.len())?;
    for &(local, reg) in &s.cached {
        w.u32(local);
        let (tag, index) = reg_code(reg);
        w.u8(tag);
        w.u8(index);
    }
    w.len(s.calls.len())?;
    for c in &s.calls {
        w.u32(c.return_offset);
        w.u32(c.bytecode_offset);
    }
    w.len(s.locals.len())?;
    for &(ty, off) in s.locals.iter() {
        w.u8(val_type_code(ty));
        w.u32(off as u32);
    }
    Ok(())
}
