//! Linear memories, tables and globals: the objects compiled code reaches through the vmctx.

use alloc::alloc::{alloc_zeroed, dealloc, Layout};
use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::module::{GlobalType, MemoryType, TableType};
use crate::vmctx::{VMGlobal, VMMemoryDef, VMTableDef};

/// Size of a Wasm page.
pub const PAGE_SIZE: u64 = 0x1_0000;
/// Most pages a 32-bit memory can have (4 GiB).
pub const MAX_PAGES: u64 = 0x1_0000;
/// Most elements a table may have in Breakwater (an implementation limit).
pub const MAX_TABLE_ELEMENTS: u64 = 1 << 24;
const MEMORY_ALIGN: usize = 16;

/// Bytes of address space reserved for a linear memory whose accesses are not bounds checked
/// ([`crate::codegen::CompileConfig::guard_pages`]): 4 GiB, the most a 32-bit memory can
/// have, and a guard region of [`GUARD_BYTES`] after it, never accessible. An access
/// `base + zext(addr) + offset` of `bytes` with `offset + bytes <= GUARD_BYTES` then either
/// lands in the memory or faults in the reservation.
pub const GUARDED_RESERVATION: u64 = MAX_PAGES * PAGE_SIZE + GUARD_BYTES;
/// The guard region after a guarded memory's 4 GiB (see [`GUARDED_RESERVATION`]); accesses
/// with a larger `offset + bytes` are checked explicitly.
pub const GUARD_BYTES: u64 = 2 << 30;

/// Address space for linear memories with guard regions, from a host that can reserve it and
/// turn a fault in it into a trap (see [`GUARDED_RESERVATION`]).
pub trait VirtualMemory: Send + Sync {
    /// Reserves `len` bytes of inaccessible address space, page aligned; `None` if it cannot.
    fn reserve(&self, len: usize) -> Option<*mut u8>;
    /// Makes `[at, at + len)` of a reservation readable and writable; it reads as zeros.
    /// False (nothing changed) if it cannot.
    ///
    /// # Safety
    /// The range lies in one live reservation of this host and is inaccessible.
    unsafe fn commit(&self, at: *mut u8, len: usize) -> bool;
    /// Gives back a reservation of `len` bytes at `base`.
    ///
    /// # Safety
    /// `base` and `len` are a live reservation of this host, not used afterwards.
    unsafe fn release(&self, base: *mut u8, len: usize);
}

/// Where a memory's bytes live.
enum Storage {
    /// A heap allocation of `capacity` bytes (zeroed beyond the length: that part was never
    /// accessible), moved when growth needs more; accesses are checked explicitly.
    Heap { capacity: u64 },
    /// A [`GUARDED_RESERVATION`] from `host`, accessible up to the length: the base never
    /// moves.
    Reserved { host: Arc<dyn VirtualMemory> },
}

impl core::fmt::Debug for Storage {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Storage::Heap { capacity } => write!(f, "Heap({capacity})"),
            Storage::Reserved { .. } => f.write_str("Reserved"),
        }
    }
}

/// A linear memory. `#[repr(C)]` with the [`VMMemoryDef`] first: compiled code and the
/// libcalls use a `*mut VMMemoryDef` that is also a `*mut MemoryInstance`.
#[repr(C)]
#[derive(Debug)]
pub struct MemoryInstance {
    /// What compiled code sees. `def.base` is a zeroed allocation of at least `def.length`
    /// bytes (or a dangling, aligned pointer when the length is 0 and the memory is on the
    /// heap).
    pub(crate) def: VMMemoryDef,
    ty: MemoryType,
    storage: Storage,
}

// SAFETY: the memory is only reached through its store, which is `Send`; the raw pointer is
// an owned allocation.
unsafe impl Send for MemoryInstance {}
unsafe impl Sync for MemoryInstance {}

fn layout(len: u64) -> Option<Layout> {
    Layout::from_size_align(usize::try_from(len).ok()?, MEMORY_ALIGN).ok()
}

/// A zeroed allocation of `len` bytes (dangling if 0), or `None`.
fn alloc_memory(len: u64) -> Option<*mut u8> {
    if len == 0 {
        return Some(MEMORY_ALIGN as *mut u8);
    }
    let layout = layout(len)?;
    // SAFETY: `layout` has a nonzero size.
    let p = unsafe { alloc_zeroed(layout) };
    (!p.is_null()).then_some(p)
}

impl MemoryInstance {
    /// A zeroed memory of `ty.min` pages, on the heap.
    pub fn new(ty: MemoryType) -> crate::Result<MemoryInstance> {
        MemoryInstance::new_in(ty, None)
    }

    /// A zeroed memory of `ty.min` pages: in a [`GUARDED_RESERVATION`] of `host` when given
    /// (what code compiled with guard pages needs), else on the heap.
    pub fn new_in(
        ty: MemoryType,
        host: Option<&Arc<dyn VirtualMemory>>,
    ) -> crate::Result<MemoryInstance> {
        if ty.min > MAX_PAGES || ty.max.is_some_and(|m| m > MAX_PAGES || m < ty.min) {
            return Err(crate::Error::resource("memory size out of range"));
        }
        let length = ty.min * PAGE_SIZE;
        let oom = || crate::Error::resource("out of memory allocating a linear memory");
        let Some(host) = host else {
            let base = alloc_memory(length).ok_or_else(oom)?;
            return Ok(MemoryInstance {
                def: VMMemoryDef { base, length },
                ty,
                storage: Storage::Heap { capacity: length },
            });
        };
        let reservation = usize::try_from(GUARDED_RESERVATION).map_err(|_| oom())?;
        let base = host.reserve(reservation).ok_or_else(oom)?;
        // Owned from here: dropped on failure, it releases the reservation.
        let mut memory = MemoryInstance {
            def: VMMemoryDef { base, length: 0 },
            ty,
            storage: Storage::Reserved { host: host.clone() },
        };
        // SAFETY: the first `length` (at most 4 GiB) bytes of the fresh reservation.
        if length > 0 && !unsafe { host.commit(base, length as usize) } {
            return Err(oom());
        }
        memory.def.length = length;
        Ok(memory)
    }

    /// Whether the memory lies in a [`GUARDED_RESERVATION`] (code compiled with guard pages
    /// may access it).
    pub fn is_guarded(&self) -> bool {
        matches!(self.storage, Storage::Reserved { .. })
    }
    /// The memory's type, with its current size as the minimum.
    pub fn ty(&self) -> MemoryType {
        MemoryType {
            min: self.pages(),
            max: self.ty.max,
        }
    }
    /// The declared maximum in pages.
    pub fn max(&self) -> Option<u64> {
        self.ty.max
    }
    /// Current size in pages.
    pub fn pages(&self) -> u64 {
        self.def.length / PAGE_SIZE
    }
    /// Current size in bytes.
    pub fn len(&self) -> u64 {
        self.def.length
    }
    /// Whether the memory has no pages.
    pub fn is_empty(&self) -> bool {
        self.def.length == 0
    }
    /// The contents.
    pub fn data(&self) -> &[u8] {
        // SAFETY: `base` points to `length` initialized bytes owned by `self` (or is dangling
        // and aligned for length 0).
        unsafe { core::slice::from_raw_parts(self.def.base, self.def.length as usize) }
    }
    /// The contents, writable.
    pub fn data_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `data`, and `&mut self` gives exclusive access.
        unsafe { core::slice::from_raw_parts_mut(self.def.base, self.def.length as usize) }
    }
    /// Grows by `delta` pages, returning the old size in pages, or `None` (memory unchanged)
    /// beyond the maximum or when allocation fails.
    pub fn grow(&mut self, delta: u64) -> Option<u64> {
        let old = self.pages();
        let new = old.checked_add(delta)?;
        let max = self.ty.max.unwrap_or(MAX_PAGES).min(MAX_PAGES);
        if new > max {
            return None;
        }
        if delta == 0 {
            return Some(old);
        }
        let new_len = new * PAGE_SIZE;
        let capacity = match &self.storage {
            Storage::Heap { capacity } => *capacity,
            Storage::Reserved { host } => {
                let old_len = self.def.length;
                // SAFETY: `[old_len, new_len)` lies in the reservation's first 4 GiB, beyond
                // the accessible part.
                let grown = unsafe {
                    host.commit(
                        self.def.base.add(old_len as usize),
                        (new_len - old_len) as usize,
                    )
                };
                if !grown {
                    return None;
                }
                self.def.length = new_len;
                return Some(old);
            }
        };
        if new_len > capacity {
            // Reserve geometrically (up to the maximum) so that growing page by page costs
            // amortized linear time; untouched zeroed pages cost no physical memory.
            let want = capacity.saturating_mul(2).min(max * PAGE_SIZE).max(new_len);
            let (base, new_capacity) = match alloc_memory(want) {
                Some(base) => (base, want),
                None => (alloc_memory(new_len)?, new_len),
            };
            if capacity != 0 {
                // SAFETY: both allocations are live and distinct; the old one holds `length`
                // bytes and was allocated with `layout(capacity)`.
                unsafe {
                    core::ptr::copy_nonoverlapping(self.def.base, base, self.def.length as usize);
                    dealloc(self.def.base, layout(capacity)?);
                }
            }
            self.def.base = base;
            self.storage = Storage::Heap {
                capacity: new_capacity,
            };
        }
        self.def.length = new_len;
        Some(old)
    }
}

impl Drop for MemoryInstance {
    fn drop(&mut self) {
        match &self.storage {
            Storage::Heap { capacity: 0 } => {}
            Storage::Heap { capacity } => {
                if let Some(layout) = layout(*capacity) {
                    // SAFETY: allocated by `alloc_memory` with this layout.
                    unsafe { dealloc(self.def.base, layout) }
                }
            }
            // SAFETY: the memory's own reservation, of this size (it fit a usize when made).
            Storage::Reserved { host } => unsafe {
                host.release(self.def.base, GUARDED_RESERVATION as usize)
            },
        }
    }
}

/// A table. `#[repr(C)]` with the [`VMTableDef`] first, like [`MemoryInstance`].
#[repr(C)]
#[derive(Debug)]
pub struct TableInstance {
    /// What compiled code sees: `base`/`length` of `elements`, kept in sync.
    pub(crate) def: VMTableDef,
    ty: TableType,
    elements: Vec<u64>,
}

// SAFETY: as for `MemoryInstance`.
unsafe impl Send for TableInstance {}
unsafe impl Sync for TableInstance {}

impl TableInstance {
    /// A table of `ty.min` elements set to `init` (a funcref address, externref handle or 0).
    pub fn new(ty: TableType, init: u64) -> crate::Result<TableInstance> {
        if ty.min > MAX_TABLE_ELEMENTS {
            return Err(crate::Error::resource("table size out of range"));
        }
        if ty.max.is_some_and(|m| m < ty.min) {
            return Err(crate::Error::resource("table minimum exceeds its maximum"));
        }
        let mut elements = Vec::new();
        elements
            .try_reserve_exact(ty.min as usize)
            .map_err(|_| crate::Error::resource("out of memory allocating a table"))?;
        elements.resize(ty.min as usize, init);
        let mut t = TableInstance {
            def: VMTableDef {
                base: core::ptr::null_mut(),
                length: 0,
            },
            ty,
            elements,
        };
        t.sync();
        Ok(t)
    }
    fn sync(&mut self) {
        self.def.base = self.elements.as_mut_ptr();
        self.def.length = self.elements.len() as u64;
    }
    /// The table's type, with its current size as the minimum.
    pub fn ty(&self) -> TableType {
        TableType {
            elem: self.ty.elem,
            min: self.elements.len() as u64,
            max: self.ty.max,
        }
    }
    /// The elements.
    pub fn elements(&self) -> &[u64] {
        &self.elements
    }
    /// The elements, writable.
    pub fn elements_mut(&mut self) -> &mut [u64] {
        &mut self.elements
    }
    /// Current size.
    pub fn len(&self) -> u64 {
        self.elements.len() as u64
    }
    /// Whether the table has no elements.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }
    /// Grows by `delta` elements set to `init`, returning the old size, or `None` (table
    /// unchanged) beyond the maximum or when allocation fails.
    pub fn grow(&mut self, delta: u64, init: u64) -> Option<u64> {
        let old = self.len();
        let new = old.checked_add(delta)?;
        if new > self.ty.max.unwrap_or(u64::MAX).min(MAX_TABLE_ELEMENTS) {
            return None;
        }
        self.elements.try_reserve_exact(delta as usize).ok()?;
        self.elements.resize(new as usize, init);
        self.sync();
        Some(old)
    }
}

/// A global's storage and type. `#[repr(C)]` with the [`VMGlobal`] first.
#[repr(C)]
#[derive(Debug)]
pub struct GlobalInstance {
    /// The value cell compiled code reads and writes.
    pub(crate) def: VMGlobal,
    ty: GlobalType,
}

impl GlobalInstance {
    /// A global of type `ty` holding `bits`.
    pub fn new(ty: GlobalType, bits: u64) -> GlobalInstance {
        GlobalInstance {
            def: VMGlobal { bits },
            ty,
        }
    }
    /// The type.
    pub fn ty(&self) -> GlobalType {
        self.ty
    }
    /// The value's bits.
    pub fn get(&self) -> u64 {
        self.def.bits
    }
    /// Sets the value's bits (the caller checks mutability and type).
    pub fn set(&mut self, bits: u64) {
        self.def.bits = bits;
    }
}
