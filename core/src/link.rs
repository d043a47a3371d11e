//! The linker: lays out a module's functions in one buffer and patches the direct calls
//! between them, every patch range-checked.
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

/// See [`LinkedCode::link`].
pub(crate) fn link(
    functions: Vec<CompiledCode>,
    num_imported: u32,
    layout: &LinkLayout,
) -> crate::Result<LinkedCode> {
    let reach = layout.aarch64_call_reach.clamp(64, AARCH64_CALL_REACH) as usize;
    let mut out = LinkedCode::default();
    // Per function, per relocation: the veneer it goes through, if any.
    let mut veneer_of: Vec<Vec<Option<usize>>> = functions
        .iter()
        .map(|f| alloc::vec![None; f.relocs.len()])
        .collect();
    // Veneers placed: (offset, defined target).
    let mut veneers: Vec<(usize, usize)> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let defined = |target: u32| -> crate::Result<usize> {
        target
            .checked_sub(num_imported)
            .map(|t| t as usize)
            .filter(|&t| t < functions.len())
            .ok_or_else(|| crate::Error::resource("call relocation to a function not defined"))
    };

    for (i, f) in functions.iter().enumerate() {
        let gap = if i == 0 { 0 } else { layout.spread as usize };
        let end_if_next = align16(out.bytes.len() + gap) + f.bytes.len();
        let far_capable = f
            .relocs
            .iter()
            .filter(|r| r.kind == RelocKind::Aarch64Call26)
            .count();
        // Could every pending call still reach an island placed after this function?
        let island_after = end_if_next + VENEER_BYTES * (pending.len() + far_capable);
        if pending.iter().any(|p| p.deadline < island_after) {
            place_island(
                &mut out.bytes,
                &mut pending,
                &mut veneer_of,
                &mut veneers,
                &functions,
                &defined,
            )?;
        }
        out.bytes.resize(out.bytes.len() + gap, FILLER);
        out.bytes.resize(align16(out.bytes.len()), FILLER);
        let start = out.bytes.len();
        out.bytes.extend_from_slice(&f.bytes);
        out.functions.push(FunctionInfo {
            code_offset: offset32(start)?,
            code_len: offset32(f.bytes.len())?,
        });
        // Forward calls to this function that reach it need no veneer.
        pending.retain(|p| {
            let site = out.functions[p.func].code_offset as usize
                + functions[p.func].relocs[p.reloc].offset as usize;
            let target = functions[p.func].relocs[p.reloc].target;
            !(defined(target).ok() == Some(i) && start - site < reach)
        });
        for (j, r) in f.relocs.iter().enumerate() {
            if r.kind != RelocKind::Aarch64Call26 {
                continue;
            }
            let site = start + r.offset as usize;
            let t = defined(r.target)?;
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
        place_island(
            &mut out.bytes,
            &mut pending,
            &mut veneer_of,
            &mut veneers,
            &functions,
            &defined,
        )?;
    }

    for (i, f) in functions.iter().enumerate() {
        let base = out.functions[i].code_offset as usize;
        for (j, r) in f.relocs.iter().enumerate() {
            let at = base + r.offset as usize;
            let target = out.functions[defined(r.target)?].code_offset as usize;
            match r.kind {
                RelocKind::X86CallRel32 => {
                    let rel = i32::try_from(target as i64 - (at as i64 + 4))
                        .map_err(|_| out_of_reach("call rel32", at, target))?;
                    patch(&mut out.bytes, at, 4, &rel.to_le_bytes())?;
                }
                RelocKind::Aarch64Call26 => {
                    let dest = veneer_of[i][j].unwrap_or(target);
                    let rel = dest as i64 - at as i64;
                    let max = AARCH64_CALL_REACH as i64;
                    let within = (-max..max).contains(&rel) && rel.unsigned_abs() as usize <= reach;
                    if !within {
                        return Err(out_of_reach("bl", at, dest));
                    }
                    let word = read_word(&out.bytes, at)?;
                    let word = (word & !0x03ff_ffff) | ((rel >> 2) as u32 & 0x03ff_ffff);
                    patch(&mut out.bytes, at, 4, &word.to_le_bytes())?;
                }
            }
        }
        for t in &f.traps {
            let mut site = *t;
            site.return_offset += base as u32;
            out.traps.push((site, num_imported + i as u32));
        }
    }
    for &(at, t) in &veneers {
        let target = out.functions[t].code_offset as usize;
        let rel = i32::try_from(target as i64 - at as i64)
            .map_err(|_| out_of_reach("far-call veneer", at, target))?;
        patch(&mut out.bytes, at + 16, 4, &rel.to_le_bytes())?;
    }
    out.traps
        .sort_by_key(|(t, _): &(TrapSite, u32)| t.return_offset);
    Ok(out)
}

/// Places a veneer for every pending call at the end of `bytes`.
fn place_island(
    bytes: &mut Vec<u8>,
    pending: &mut Vec<Pending>,
    veneer_of: &mut [Vec<Option<usize>>],
    veneers: &mut Vec<(usize, usize)>,
    functions: &[CompiledCode],
    defined: &dyn Fn(u32) -> crate::Result<usize>,
) -> crate::Result<()> {
    bytes.resize(bytes.len().next_multiple_of(4), FILLER);
    for p in pending.drain(..) {
        let at = bytes.len();
        for w in VENEER {
            bytes.extend_from_slice(&w.to_le_bytes());
        }
        bytes.extend_from_slice(&0u32.to_le_bytes());
        veneer_of[p.func][p.reloc] = Some(at);
        veneers.push((at, defined(functions[p.func].relocs[p.reloc].target)?));
    }
    Ok(())
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

fn read_word(bytes: &[u8], at: usize) -> crate::Result<u32> {
    bytes
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| crate::Error::resource("relocation outside its function"))
}

fn patch(bytes: &mut [u8], at: usize, len: usize, value: &[u8]) -> crate::Result<()> {
    bytes
        .get_mut(at..at + len)
        .ok_or_else(|| crate::Error::resource("relocation outside its function"))?
        .copy_from_slice(value);
    Ok(())
}

#[cfg(test)]
mod tests;
