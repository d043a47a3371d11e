//! Locals cached in registers, so that `local.get` after `local.set` (or after a first read)
//! costs no load. A copy is dropped when its register is needed, when the local changes, at
//! every join (a bound label: other paths arrive with other registers) and before calls (which
//! clobber every allocatable register).
//!
//! Code writes back: `local.set` leaves the value in its register only, a *dirty* copy, and
//! the slot is written when the copy is evicted, or before a branch, a join or a call
//! ([`super::CodeGen::write_back_locals`]), so that every path into a label finds every local
//! in its slot, as the states recorded at labels assume. In debug code, the slow path reads
//! a stop's cached locals from their registers, and writes both slot and register back.
//!
//! Memory 0's base and length are cached the same way, under keys no local has: they change
//! only in `memory.grow` and in calls, and a Wasm access then needs no load besides its own.
//!
//! Every stop point of debug code records which registers hold which locals
//! (`crate::debug::StopPoint::cached`): the slow path reads the locals there, and before the
//! machine code resumes writes every local's value (a debugger may have changed it) to its
//! slot and to its register.

use core::mem::MaybeUninit;

use super::emitter::Reg;

/// The cache keys of memory 0's base address and length (keys below the locals' count are
/// locals); stop points record them too.
pub(crate) use crate::debug::sites::{MEMORY_BASE_KEY, MEMORY_LENGTH_KEY};

/// Whether cache key `key` is memory 0's base or length.
pub(crate) fn is_memory_key(key: u32) -> bool {
    key == MEMORY_BASE_KEY || key == MEMORY_LENGTH_KEY
}

/// Most copies the cache holds: one per allocatable register (the backends have at most 32).
pub(crate) const MAX_CACHED: usize = 32;

/// Cached locals as `(key, register)` pairs, least recently used first: the cache's own list,
/// and what one path into a label brings. Inline (no heap): branches and blocks copy them.
/// Only the first `len` entries are initialized (a new state writes nothing else).
#[derive(Clone, Copy)]
pub(crate) struct CacheState {
    len: u8,
    entries: [MaybeUninit<(u32, Reg)>; MAX_CACHED],
}

impl Default for CacheState {
    #[inline]
    fn default() -> Self {
        CacheState {
            len: 0,
            entries: [MaybeUninit::uninit(); MAX_CACHED],
        }
    }
}

impl core::fmt::Debug for CacheState {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl core::ops::Deref for CacheState {
    type Target = [(u32, Reg)];
    #[inline]
    fn deref(&self) -> &[(u32, Reg)] {
        let len = (self.len as usize).min(MAX_CACHED);
        // SAFETY: `entries[..len]` are initialized (every method that raises `len` writes
        // the entries below it first), and `MaybeUninit<T>` has `T`'s layout.
        unsafe { core::slice::from_raw_parts(self.entries.as_ptr().cast(), len) }
    }
}

impl CacheState {
    /// Appends `e` (the most recently used).
    #[inline]
    pub fn push(&mut self, e: (u32, Reg)) {
        self.entries[self.len as usize] = MaybeUninit::new(e);
        self.len += 1;
    }

    /// Removes and returns entry `at`, keeping the order of the others.
    #[inline]
    fn remove(&mut self, at: usize) -> (u32, Reg) {
        let e = self[at];
        let len = self.len as usize;
        for i in at..len - 1 {
            self.entries[i] = self.entries[i + 1];
        }
        self.len -= 1;
        e
    }

    /// Keeps the entries for which `keep` holds, in order.
    #[inline]
    pub fn retain(&mut self, mut keep: impl FnMut(&(u32, Reg)) -> bool) {
        let mut n = 0;
        for i in 0..self.len as usize {
            let e = self[i];
            if keep(&e) {
                self.entries[n] = MaybeUninit::new(e);
                n += 1;
            }
        }
        self.len = n as u8;
    }

    /// Makes it a copy of `entries` (at most [`MAX_CACHED`]).
    #[inline]
    pub fn assign(&mut self, entries: &[(u32, Reg)]) {
        for (slot, &e) in self.entries[..entries.len()].iter_mut().zip(entries) {
            *slot = MaybeUninit::new(e);
        }
        self.len = entries.len() as u8;
    }

    /// Empties it.
    #[inline]
    pub fn clear(&mut self) {
        self.len = 0;
    }
}

/// Which register holds a copy of which local, and which of those registers the operator
/// being compiled reads (pinned: not evicted until released). Eviction takes the least
/// recently used copy.
pub(crate) struct LocalCache {
    /// `(local, register)`, least recently used first.
    entries: CacheState,
    /// Bit `key % 64` of every key in `entries`: most lookups of a key not cached end here.
    keys: u64,
    /// Bit [`reg_bit`] of every register lent to the current operator (see
    /// [`LocalCache::pin`]).
    pinned: u64,
    /// Per bit of `pinned`, how many loans of the register are outstanding.
    loans: [u8; 64],
    /// Bit [`reg_bit`] of every register in `entries` (a register holds one copy at most).
    held: u64,
    /// Bit [`reg_bit`] of every register whose copy is newer than the local's slot.
    dirty: u64,
}

impl Default for LocalCache {
    fn default() -> Self {
        LocalCache {
            entries: CacheState::default(),
            keys: 0,
            pinned: 0,
            loans: [0; 64],
            held: 0,
            dirty: 0,
        }
    }
}

/// The bit of `reg` in register masks ([`LocalCache::dirty`]; the same as stop points').
pub(crate) use crate::debug::sites::reg_bit;

/// The bit of key `key` in [`LocalCache::keys`].
#[inline]
fn key_bit(key: u32) -> u64 {
    1 << (key % 64)
}

impl LocalCache {
    /// Recomputes [`LocalCache::keys`] after a removal.
    #[inline]
    fn rehash(&mut self) {
        self.keys = self.entries.iter().fold(0, |k, &(l, _)| k | key_bit(l));
    }

    /// The position of key `index` in `entries`.
    #[inline]
    fn position(&self, index: u32) -> Option<usize> {
        if self.keys & key_bit(index) == 0 {
            return None;
        }
        self.entries.iter().position(|&(l, _)| l == index)
    }

    /// The register holding local `index`, if any.
    #[inline]
    pub fn get(&self, index: u32) -> Option<Reg> {
        self.position(index).map(|at| self.entries[at].1)
    }

    /// Every `(local, register)` pair.
    #[inline]
    pub fn entries(&self) -> &[(u32, Reg)] {
        &self.entries
    }

    /// The cached locals as a [`CacheState`].
    #[inline]
    pub fn state(&self) -> CacheState {
        self.entries
    }

    /// Marks local `index`'s copy as the most recently used (evicted last).
    #[inline]
    pub fn touch(&mut self, index: u32) {
        if let Some(at) = self.position(index) {
            if at + 1 < self.entries.len() {
                let e = self.entries.remove(at);
                self.entries.push(e);
            }
        }
    }

    /// Whether `reg` holds a cached local (and so is owned by the cache, not by a value).
    #[inline]
    pub fn holds(&self, reg: Reg) -> bool {
        self.held & reg_bit(reg) != 0
    }

    /// Records that `reg` (now owned by the cache) holds local `index`, which has no copy.
    #[inline]
    pub fn insert(&mut self, index: u32, reg: Reg) {
        debug_assert!(self.get(index).is_none());
        self.entries.push((index, reg));
        self.keys |= key_bit(index);
        self.held |= reg_bit(reg);
    }

    /// Marks `reg`'s copy as newer than its local's slot.
    #[inline]
    pub fn mark_dirty(&mut self, reg: Reg) {
        debug_assert!(self.holds(reg));
        self.dirty |= reg_bit(reg);
    }

    /// Whether `reg`'s copy is newer than its local's slot.
    #[inline]
    pub fn is_dirty(&self, reg: Reg) -> bool {
        self.dirty & reg_bit(reg) != 0
    }

    /// The registers of the dirty copies (see [`reg_bit`]).
    #[inline]
    pub fn dirty_mask(&self) -> u64 {
        self.dirty
    }

    /// Whether some copy is newer than its local's slot.
    #[inline]
    pub fn any_dirty(&self) -> bool {
        self.dirty != 0
    }

    /// Records that every slot is current again (the caller wrote the dirty copies back).
    #[inline]
    pub fn mark_clean(&mut self) {
        self.dirty = 0;
    }

    /// Marks dirty the copies of the locals `written` lists; returns their registers' mask.
    pub fn mark_dirty_if_written(&mut self, written: &[u32]) -> u64 {
        let marked = self
            .entries
            .iter()
            .filter(|(l, _)| written.contains(l))
            .fold(0, |m, &(_, r)| m | reg_bit(r));
        self.dirty |= marked;
        marked
    }

    /// Forgets local `index`'s copy, dirty or not; returns its register (for the caller to
    /// free, or to write back first if [`LocalCache::is_dirty`] said so).
    #[inline]
    pub fn remove(&mut self, index: u32) -> Option<Reg> {
        let at = self.position(index)?;
        let r = self.entries.remove(at).1;
        self.dirty &= !reg_bit(r);
        self.held &= !reg_bit(r);
        self.rehash();
        Some(r)
    }

    /// Forgets the oldest unpinned copy in a register of the class `float`; returns the key,
    /// the register (which passes to the caller) and whether the copy was dirty (the caller
    /// then writes it back).
    pub fn evict(&mut self, float: bool) -> Option<(u32, Reg, bool)> {
        let at = self
            .entries
            .iter()
            .position(|&(_, r)| r.is_fpr() == float && self.pinned & reg_bit(r) == 0)?;
        self.evict_at(at)
    }

    /// The keys of the unpinned copies in registers of the class `float` (the ones
    /// [`LocalCache::evict`] may take), least recently used first, into `out`; returns how
    /// many.
    pub fn evictable(&self, float: bool, out: &mut [u32; MAX_CACHED]) -> usize {
        let mut n = 0;
        for &(key, r) in self.entries.iter() {
            if r.is_fpr() == float && self.pinned & reg_bit(r) == 0 {
                out[n] = key;
                n += 1;
            }
        }
        n
    }

    /// [`LocalCache::evict`] of key `key`'s copy (one [`LocalCache::evictable`] listed).
    pub fn evict_key(&mut self, key: u32) -> Option<(u32, Reg, bool)> {
        let at = self.position(key)?;
        debug_assert!(self.pinned & reg_bit(self.entries[at].1) == 0);
        self.evict_at(at)
    }

    /// Forgets entry `at`, as [`LocalCache::evict`] returns it.
    fn evict_at(&mut self, at: usize) -> Option<(u32, Reg, bool)> {
        let (key, r) = self.entries.remove(at);
        let dirty = self.is_dirty(r);
        self.dirty &= !reg_bit(r);
        self.held &= !reg_bit(r);
        self.rehash();
        Some((key, r, dirty))
    }

    /// Forgets every copy (the caller frees their registers, read from
    /// [`LocalCache::entries`] first). Every copy is clean: a join or a call wrote them back.
    #[inline]
    pub fn clear(&mut self) {
        debug_assert!(self.pinned == 0, "a join while a cached local is lent");
        debug_assert!(self.dirty == 0, "a dirty local dropped unwritten");
        self.entries.clear();
        self.keys = 0;
        self.held = 0;
    }

    /// Lends `reg` (a cached local's register) to the current operator, read-only.
    #[inline]
    pub fn pin(&mut self, reg: Reg) {
        let bit = reg_bit(reg);
        self.pinned |= bit;
        self.loans[bit.trailing_zeros() as usize] += 1;
    }

    /// Ends a loan made by [`LocalCache::pin`]; false if `reg` was not lent.
    #[inline]
    pub fn unpin(&mut self, reg: Reg) -> bool {
        let bit = reg_bit(reg);
        if self.pinned & bit == 0 {
            return false;
        }
        let loans = &mut self.loans[bit.trailing_zeros() as usize];
        *loans -= 1;
        if *loans == 0 {
            self.pinned &= !bit;
        }
        true
    }
}

/// Keeps in `state` the copies `other` has too (the same local in the same register): what
/// is true on both paths into a join.
#[inline]
pub(crate) fn intersect(state: &mut CacheState, other: &[(u32, Reg)]) {
    state.retain(|e| other.contains(e));
}
