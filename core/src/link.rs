//! The linker: lays out a module's functions in one buffer and patches the direct calls
//! between them, every patch range-checked.
//!
//! It works in two steps. [`plan`] places every function and veneer from the functions' sizes
//! and relocations alone; [`Layout::write_part`] then writes the code of consecutive functions
//! with their relocations applied, straight into the memory the host publishes (the code is
//! copied once) and, the parts being independent, on several threads.
//!
//! - x86-64 `call rel32` reaches ±2 GiB: a module whose code is too large for it is an error.
//! - AArch64 `bl` reaches ±128 MiB. A call whose target is farther goes to a veneer, 20 bytes
//!   that reach any target within ±2 GiB position-independently (no assumption about the
//!   alignment of the published code):
//!
//!   ```text
//!   veneer: adr   x17, veneer      ; x17 = the veneer's address
//!           ldrsw x16, offset      ; x16 = target - veneer (sign-extended)
//!           add   x16, x17, x16
//!           br    x16              ; x30 still holds the return address of the bl
//!   offset: .word target - veneer
//!   ```
//!
//!   x16 and x17 (the AAPCS64 intra-procedure-call registers) are scratch in Breakwater's
//!   code and never carry anything across a call. Veneers are collected into *islands* placed
//!   between functions: before a function is appended, if some pending call (a forward call
//!   whose target is not placed yet, or a backward call out of reach) could not reach an island
//!   placed after that function, an island is placed first. A forward call whose target is
//!   placed within reach before that happens is patched directly. Calls that can reach nothing
//!   (a single function larger than the reach) are an error.

use alloc::format;
use alloc::vec::Vec;
use core::ops::Range;

use crate::compiled::{CompiledCode, FunctionInfo, LinkLayout, LinkedCode, RelocKind, TrapSite};

/// Reach of AArch64 `bl` (both ways, up to one instruction short forward).
pub const AARCH64_CALL_REACH: u32 = 128 << 20;

/// The veneer's code (its last word receives the offset).
const VENEER: [u32; 4] = [
    0x1000_0011, // adr x17, #0
    0x9800_0070, // ldrsw x16, #12 (the word after the br)
    0x8b10_0230, // add x16, x17, x16
    0xd61f_0200, // br x16
];
/// Bytes of one veneer.
const VENEER_BYTES: usize = 20;
/// Filler of alignment gaps and spreads (x86 `int3`; never executed on either ISA).
const FILLER: u8 = 0xcc;

/// A call that may need a veneer: function `func`'s relocation `reloc`.
#[derive(Clone, Copy, Debug)]
struct Pending {
    func: usize,
    reloc: usize,
    /// The last offset a veneer for it may start at.
    deadline: usize,
}

/// A far-call veneer: where it is, the call it serves and that call's defined target.
#[derive(Clone, Copy, Debug)]
struct Veneer {
    at: usize,
    func: usize,
    reloc: usize,
    target: usize,
}

/// Veneers placed together, before function `before` (after the last when it is the count).
#[derive(Clone, Debug)]
struct Island {
    before: usize,
    /// Its first byte (aligned to 4).
    start: usize,
    /// Its veneers, a range of [`Layout::veneers`].
    veneers: Range<usize>,
}

/// Where a module's code goes: every function and veneer placed, from the functions' sizes and
/// relocations alone, so that the code can then be written straight into the memory that
/// publishes it, in parts written independently ([`Layout::parts`], [`Layout::write_part`]).
#[derive(Debug)]
pub(crate) struct Layout {
    /// Per defined function.
    pub functions: Vec<FunctionInfo>,
    /// Bytes of code in all.
    pub len: usize,
    islands: Vec<Island>,
    /// In placement order, which is offset order.
    veneers: Vec<Veneer>,
    /// `(function, relocation)` to veneer index, sorted.
    veneer_of: Vec<((usize, usize), usize)>,
    num_imported: u32,
    /// Reach of `bl` assumed.
    reach: usize,
}

/// A part of the linked code: consecutive functions, and the islands between them and after
/// the last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Part {
    /// Defined function indices.
    pub functions: Range<usize>,
    /// Code offsets.
    pub bytes: Range<usize>,
}

/// Lays out `functions` (defined functions in order; see [`LinkedCode::link`]).
pub(crate) fn plan(
    functions: &[CompiledCode],
    num_imported: u32,
    layout: &LinkLayout,
) -> crate::Result<Layout> {
    let reach = layout.aarch64_call_reach.clamp(64, AARCH64_CALL_REACH) as usize;
    let count = functions.len();
    let mut out = Layout {
        functions: Vec::with_capacity(count),
        len: 0,
        islands: Vec::new(),
        veneers: Vec::new(),
        veneer_of: Vec::new(),
        num_imported,
        reach,
    };
    let mut pending: Vec<Pending> = Vec::new();

    for (i, f) in functions.iter().enumerate() {
        let gap = if i == 0 { 0 } else { layout.spread as usize };
        if !pending.is_empty() {
            let end_if_next = align16(out.len + gap) + f.bytes.len();
            let far_capable = f
                .relocs
                .iter()
                .filter(|r| r.kind == RelocKind::Aarch64Call26)
                .count();
            // Could every pending call still reach an island placed after this function?
            let island_after = end_if_next + VENEER_BYTES * (pending.len() + far_capable);
            if pending.iter().any(|p| p.deadline < island_after) {
                out.place_island(i, &mut pending, functions)?;
            }
        }
        let start = align16(out.len + gap);
        out.len = start + f.bytes.len();
        out.functions.push(FunctionInfo {
            code_offset: offset32(start)?,
            code_len: offset32(f.bytes.len())?,
        });
        // Forward calls to this function that reach it need no veneer.
        pending.retain(|p| {
            let site = out.functions[p.func].code_offset as usize
                + functions[p.func].relocs[p.reloc].offset as usize;
            let target = functions[p.func].relocs[p.reloc].target;
            !(out.defined(target, count).ok() == Some(i) && start - site < reach)
        });
        for (j, r) in f.relocs.iter().enumerate() {
            if r.kind != RelocKind::Aarch64Call26 {
                continue;
            }
            let site = start + r.offset as usize;
            let t = out.defined(r.target, count)?;
            let placed_within_reach = t <= i && {
                let target = out.functions[t].code_offset as usize;
                site.abs_diff(target) <= reach
            };
            if !placed_within_reach {
                pending.push(Pending {
                    func: i,
                    reloc: j,
                    deadline: site + reach - VENEER_BYTES,
                });
            }
        }
    }
    if !pending.is_empty() {
        out.place_island(count, &mut pending, functions)?;
    }
    offset32(out.len)?;
    out.veneer_of = out
        .veneers
        .iter()
        .enumerate()
        .map(|(k, v)| ((v.func, v.reloc), k))
        .collect();
    out.veneer_of.sort_unstable();
    for v in &out.veneers {
        out.veneer_word(v)?;
    }
    Ok(out)
}

impl Layout {
    /// The defined index of call target `target` (a full function index) among `count`.
    fn defined(&self, target: u32, count: usize) -> crate::Result<usize> {
        target
            .checked_sub(self.num_imported)
            .map(|t| t as usize)
            .filter(|&t| t < count)
            .ok_or_else(|| crate::Error::resource("call relocation to a function not defined"))
    }

    /// Places a veneer for every pending call at the end of the code so far.
    fn place_island(
        &mut self,
        before: usize,
        pending: &mut Vec<Pending>,
        functions: &[CompiledCode],
    ) -> crate::Result<()> {
        let start = self.len.next_multiple_of(4);
        let first = self.veneers.len();
        for (k, p) in pending.drain(..).enumerate() {
            let target = self.defined(functions[p.func].relocs[p.reloc].target, functions.len())?;
            self.veneers.push(Veneer {
                at: start + k * VENEER_BYTES,
                func: p.func,
                reloc: p.reloc,
                target,
            });
        }
        self.islands.push(Island {
            before,
            start,
            veneers: first..self.veneers.len(),
        });
        self.len = start + (self.veneers.len() - first) * VENEER_BYTES;
        Ok(())
    }

    /// Where relocation `reloc` of function `func` (whose code is `f`) is, and the 4 bytes it
    /// gets.
    fn reloc_patch(
        &self,
        f: &CompiledCode,
        func: usize,
        reloc: usize,
    ) -> crate::Result<(usize, [u8; 4])> {
        let r = f.relocs[reloc];
        let outside = || crate::Error::resource("relocation outside its function");
        let end = (r.offset as usize).checked_add(4).ok_or_else(outside)?;
        let field = f.bytes.get(r.offset as usize..end).ok_or_else(outside)?;
        let at = self.functions[func].code_offset as usize + r.offset as usize;
        let defined = self.defined(r.target, self.functions.len())?;
        let target = self.functions[defined].code_offset as usize;
        match r.kind {
            RelocKind::X86CallRel32 => {
                let rel = i32::try_from(target as i64 - (at as i64 + 4))
                    .map_err(|_| out_of_reach("call rel32", at, target))?;
                Ok((at, rel.to_le_bytes()))
            }
            RelocKind::Aarch64Call26 => {
                let dest = self
                    .veneer_of
                    .binary_search_by_key(&(func, reloc), |&(key, _)| key)
                    .map_or(target, |k| self.veneers[self.veneer_of[k].1].at);
                let rel = dest as i64 - at as i64;
                let max = AARCH64_CALL_REACH as i64;
                let within =
                    (-max..max).contains(&rel) && rel.unsigned_abs() as usize <= self.reach;
                if !within {
                    return Err(out_of_reach("bl", at, dest));
                }
                let word = u32::from_le_bytes([field[0], field[1], field[2], field[3]]);
                let word = (word & !0x03ff_ffff) | ((rel >> 2) as u32 & 0x03ff_ffff);
                Ok((at, word.to_le_bytes()))
            }
        }
    }

    /// The last word of veneer `v`: its target's offset from the veneer.
    fn veneer_word(&self, v: &Veneer) -> crate::Result<[u8; 4]> {
        let target = self.functions[v.target].code_offset as usize;
        let rel = i32::try_from(target as i64 - v.at as i64)
            .map_err(|_| out_of_reach("far-call veneer", v.at, target))?;
        Ok(rel.to_le_bytes())
    }

    /// Splits the code into at most `count` parts of about the same size, at function
    /// boundaries.
    pub(crate) fn parts(&self, count: usize) -> Vec<Part> {
        let per_part = self.len.div_ceil(count.max(1)).max(1);
        let mut parts = Vec::new();
        let (mut first, mut first_byte) = (0, 0);
        for (i, f) in self.functions.iter().enumerate() {
            let start = f.code_offset as usize;
            // A new part at function `i` once this one is large enough.
            if i > first && start >= (parts.len() + 1) * per_part {
                parts.push(Part {
                    functions: first..i,
                    bytes: first_byte..start,
                });
                (first, first_byte) = (i, start);
            }
        }
        parts.push(Part {
            functions: first..self.functions.len(),
            bytes: first_byte..self.len,
        });
        parts
    }

    /// Writes `part`, whose compiled functions are `functions`, into `out` (its bytes): the
    /// code, relocations applied, its veneers and filler in between. Returns each function's
    /// trap sites, sorted, and frees the rest.
    pub(crate) fn write_part(
        &self,
        part: &Part,
        functions: Vec<CompiledCode>,
        out: &mut [u8],
    ) -> crate::Result<Vec<Vec<TrapSite>>> {
        let bad = || crate::Error::resource("linked code does not fit its layout");
        if out.len() != part.bytes.len()
            || functions.len() != part.functions.len()
            || part.functions.end > self.functions.len()
        {
            return Err(bad());
        }
        let base = part.bytes.start;
        // Offsets within `out`.
        let at = |offset: usize| offset.checked_sub(base).ok_or_else(bad);
        let mut pos = 0;
        let mut traps = Vec::with_capacity(functions.len());
        let islands = self.islands.iter().filter(|island| {
            island.before <= part.functions.end
                && (island.before > part.functions.start || part.functions.start == 0)
        });
        let mut islands = islands.peekable();
        let mut functions = functions.into_iter();
        for i in part.functions.start..=part.functions.end {
            while let Some(island) = islands.next_if(|island| island.before == i) {
                out.get_mut(pos..at(island.start)?)
                    .ok_or_else(bad)?
                    .fill(FILLER);
                pos = at(island.start)?;
                for v in &self.veneers[island.veneers.clone()] {
                    let veneer = out
                        .get_mut(at(v.at)?..at(v.at)? + VENEER_BYTES)
                        .ok_or_else(bad)?;
                    for (k, w) in VENEER.iter().enumerate() {
                        veneer[4 * k..4 * k + 4].copy_from_slice(&w.to_le_bytes());
                    }
                    veneer[16..].copy_from_slice(&self.veneer_word(v)?);
                    pos = at(v.at)? + VENEER_BYTES;
                }
            }
            let Some(mut f) = functions.next() else {
                break;
            };
            let start = at(self.functions[i].code_offset as usize)?;
            out.get_mut(pos..start).ok_or_else(bad)?.fill(FILLER);
            pos = start + f.bytes.len();
            out.get_mut(start..pos)
                .ok_or_else(bad)?
                .copy_from_slice(&f.bytes);
            for j in 0..f.relocs.len() {
                let (offset, value) = self.reloc_patch(&f, i, j)?;
                let offset = at(offset)?;
                out.get_mut(offset..offset + 4)
                    .ok_or_else(bad)?
                    .copy_from_slice(&value);
            }
            let mut sites = core::mem::take(&mut f.traps);
            if !sites.is_sorted_by_key(|t| t.return_offset) {
                sites.sort_by_key(|t| t.return_offset);
            }
            traps.push(sites);
        }
        out.get_mut(pos..).ok_or_else(bad)?.fill(FILLER);
        Ok(traps)
    }
}

/// See [`LinkedCode::link`].
pub(crate) fn link(
    functions: Vec<CompiledCode>,
    num_imported: u32,
    layout: &LinkLayout,
) -> crate::Result<LinkedCode> {
    let layout = plan(&functions, num_imported, layout)?;
    let mut bytes = alloc::vec![0; layout.len];
    let whole = Part {
        functions: 0..functions.len(),
        bytes: 0..layout.len,
    };
    let traps = layout.write_part(&whole, functions, &mut bytes)?;
    Ok(LinkedCode {
        bytes,
        functions: layout.functions,
        traps,
        num_imported,
    })
}

fn align16(n: usize) -> usize {
    n.next_multiple_of(16)
}

/// Code offsets are u32: a module's code beyond 4 GiB is an error.
fn offset32(n: usize) -> crate::Result<u32> {
    u32::try_from(n).map_err(|_| crate::Error::resource("module code exceeds 4 GiB"))
}

fn out_of_reach(what: &str, at: usize, target: usize) -> crate::Error {
    crate::Error::resource(format!(
        "module code too large: {what} at code offset {at:#x} cannot reach {target:#x}"
    ))
}

#[cfg(test)]
mod tests;
