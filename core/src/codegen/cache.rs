//! Locals cached in registers, write-through: a local's frame slot is always current, and a
//! register may hold a copy, so that `local.get` after `local.set` (or after a first read) costs
//! no load. A copy is dropped, with no code, when its register is needed, when the local
//! changes, at every join (a bound label: other paths arrive with other registers) and before
//! calls (which clobber every allocatable register).
//!
//! Memory 0's base and length are cached the same way, under keys no local has: they change
//! only in `memory.grow` and in calls, and a Wasm access then needs no load besides its own.
//!
//! Debug code caches too: every stop point records which registers hold which locals
//! (`crate::debug::StopPoint::cached`), and the slow path refreshes those registers from the
//! slots before the machine code resumes, after a debugger may have written a local.

use alloc::vec::Vec;

use super::emitter::Reg;

/// The cache keys of memory 0's base address and length (keys below the locals' count are
/// locals); stop points record them too.
pub(crate) use crate::debug::sites::{MEMORY_BASE_KEY, MEMORY_LENGTH_KEY};

/// Whether cache key `key` is memory 0's base or length.
pub(crate) fn is_memory_key(key: u32) -> bool {
    key == MEMORY_BASE_KEY || key == MEMORY_LENGTH_KEY
}

/// Which register holds a copy of which local, and which of those registers the operator
/// being compiled reads (pinned: not evicted until released). Eviction takes the least
/// recently used copy.
#[derive(Default)]
pub(crate) struct LocalCache {
    /// `(local, register)`, least recently used first.
    entries: Vec<(u32, Reg)>,
    /// Registers lent to the current operator (see [`LocalCache::pin`]).
    pinned: Vec<Reg>,
}

impl LocalCache {
    /// The register holding local `index`, if any.
    #[inline]
    pub fn get(&self, index: u32) -> Option<Reg> {
        self.entries
            .iter()
            .find(|&&(l, _)| l == index)
            .map(|&(_, r)| r)
    }

    /// Every `(local, register)` pair.
    #[inline]
    pub fn entries(&self) -> &[(u32, Reg)] {
        &self.entries
    }

    /// Marks local `index`'s copy as the most recently used (evicted last).
    #[inline]
    pub fn touch(&mut self, index: u32) {
        if let Some(at) = self.entries.iter().position(|&(l, _)| l == index) {
            let e = self.entries.remove(at);
            self.entries.push(e);
        }
    }

    /// Whether `reg` holds a cached local (and so is owned by the cache, not by a value).
    #[inline]
    pub fn holds(&self, reg: Reg) -> bool {
        self.entries.iter().any(|&(_, r)| r == reg)
    }

    /// Records that `reg` (now owned by the cache) holds local `index`, which has no copy.
    #[inline]
    pub fn insert(&mut self, index: u32, reg: Reg) {
        debug_assert!(self.get(index).is_none());
        self.entries.push((index, reg));
    }

    /// Forgets local `index`'s copy; returns its register (for the caller to free).
    #[inline]
    pub fn remove(&mut self, index: u32) -> Option<Reg> {
        let at = self.entries.iter().position(|&(l, _)| l == index)?;
        Some(self.entries.remove(at).1)
    }

    /// Forgets the oldest unpinned copy in a register of the class `float`; returns the
    /// register, which passes to the caller.
    pub fn evict(&mut self, float: bool) -> Option<Reg> {
        let at = self
            .entries
            .iter()
            .position(|&(_, r)| r.is_fpr() == float && !self.pinned.contains(&r))?;
        Some(self.entries.remove(at).1)
    }

    /// Forgets every copy; returns their registers (for the caller to free).
    pub fn take_all(&mut self) -> impl Iterator<Item = Reg> + '_ {
        debug_assert!(
            self.pinned.is_empty(),
            "a join while a cached local is lent"
        );
        self.entries.drain(..).map(|(_, r)| r)
    }

    /// Lends `reg` (a cached local's register) to the current operator, read-only.
    #[inline]
    pub fn pin(&mut self, reg: Reg) {
        self.pinned.push(reg);
    }

    /// Ends a loan made by [`LocalCache::pin`]; false if `reg` was not lent.
    #[inline]
    pub fn unpin(&mut self, reg: Reg) -> bool {
        match self.pinned.iter().position(|&r| r == reg) {
            Some(at) => {
                self.pinned.swap_remove(at);
                true
            }
            None => false,
        }
    }
}

/// Keeps in `state` the copies `other` has too (the same local in the same register): what
/// is true on both paths into a join.
pub(crate) fn intersect(state: &mut Vec<(u32, Reg)>, other: &[(u32, Reg)]) {
    state.retain(|e| other.contains(e));
}
