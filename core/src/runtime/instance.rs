//! An instance: its vmctx and what the libcalls need to reach through it.

use alloc::alloc::{alloc_zeroed, dealloc, Layout};
use alloc::sync::Arc;
use alloc::vec::Vec;

use super::compile::CompiledModule;
use super::memory::{MemoryInstance, TableInstance};
use super::store::{GlobalId, MemoryId, TableId};
use crate::vmctx;

/// A 16-aligned, zeroed allocation of `VMOffsets::size` bytes (at least the header).
pub(crate) struct VmctxAlloc {
    ptr: *mut u8,
    layout: Layout,
}

impl VmctxAlloc {
    pub(crate) fn new(size: u32) -> crate::Result<VmctxAlloc> {
        let size = (size.max(vmctx::HEADER_SIZE) as usize + 15) & !15;
        let layout = Layout::from_size_align(size, 16)
            .map_err(|_| crate::Error::resource("vmctx too large"))?;
        // SAFETY: the size is nonzero (at least the header).
        let ptr = unsafe { alloc_zeroed(layout) };
        if ptr.is_null() {
            return Err(crate::Error::resource("out of memory allocating a vmctx"));
        }
        Ok(VmctxAlloc { ptr, layout })
    }
    pub(crate) fn ptr(&self) -> *mut u8 {
        self.ptr
    }
    /// Writes the word at `offset`.
    ///
    /// # Safety
    /// `offset + 8` must be within the allocation (offsets come from the module's `VMOffsets`).
    pub(crate) unsafe fn write(&self, offset: i32, value: u64) {
        debug_assert!(offset >= 0 && offset as usize + 8 <= self.layout.size());
        // SAFETY: in bounds per the contract; the allocation is 16-aligned and offsets are
        // multiples of 8 for words.
        unsafe { (self.ptr.add(offset as usize) as *mut u64).write(value) }
    }
    /// Writes the u32 at `offset`.
    ///
    /// # Safety
    /// As for [`VmctxAlloc::write`] with 4 bytes.
    pub(crate) unsafe fn write_u32(&self, offset: i32, value: u32) {
        debug_assert!(offset >= 0 && offset as usize + 4 <= self.layout.size());
        // SAFETY: in bounds per the contract, 4-aligned.
        unsafe { (self.ptr.add(offset as usize) as *mut u32).write(value) }
    }
    /// Reads the word at `offset`.
    ///
    /// # Safety
    /// As for [`VmctxAlloc::write`].
    pub(crate) unsafe fn read(&self, offset: i32) -> u64 {
        // SAFETY: in bounds per the contract.
        unsafe { (self.ptr.add(offset as usize) as *const u64).read() }
    }
}

impl Drop for VmctxAlloc {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with `self.layout`.
        unsafe { dealloc(self.ptr, self.layout) }
    }
}

/// One instance of a module: its vmctx, the store objects it uses, and its segments.
pub struct Instance {
    /// Its id in its store.
    pub(crate) id: super::store::InstanceId,
    pub(crate) module: Arc<CompiledModule>,
    pub(crate) vmctx: VmctxAlloc,
    pub(crate) memories: Vec<MemoryId>,
    pub(crate) tables: Vec<TableId>,
    pub(crate) globals: Vec<GlobalId>,
    /// Evaluated element segments (funcref addresses / externref handles); empty once dropped.
    pub(crate) elements: Vec<Vec<u64>>,
    /// Whether each data segment was dropped.
    pub(crate) data_dropped: Vec<bool>,
    /// Debug code: the instance's gate table (`crate::debug::abi`), which `vmctx::DEBUG_GATES`
    /// points to except while a debugger steps. Allocated with the instance, so that code
    /// running before a debugger attaches already reads the table the debugger writes.
    pub(crate) debug_gates: Option<crate::debug::abi::GateTable>,
}

// SAFETY: the raw pointers are owned by the instance or its store, which moves as a whole.
unsafe impl Send for Instance {}
unsafe impl Sync for Instance {}

impl Instance {
    /// Its id in its store.
    pub fn id(&self) -> super::store::InstanceId {
        self.id
    }
    /// The module this is an instance of.
    pub fn module(&self) -> &Arc<CompiledModule> {
        &self.module
    }
    /// The vmctx address.
    pub fn vmctx(&self) -> *mut u8 {
        self.vmctx.ptr()
    }
    /// The memory `index` of this instance, as compiled code sees it.
    pub(crate) fn memory_ptr(&self, index: u64) -> Option<*mut MemoryInstance> {
        let index = u32::try_from(index).ok()?;
        if index as usize >= self.module.info.memories.len() {
            return None;
        }
        // SAFETY: the slot is within the vmctx (index checked above) and holds a pointer to a
        // `VMMemoryDef` that is the first field of a live `MemoryInstance` of the store.
        Some(unsafe { self.vmctx.read(self.module.offsets.memory(index)) } as *mut MemoryInstance)
    }
    /// The table `index` of this instance.
    pub(crate) fn table_ptr(&self, index: u64) -> Option<*mut TableInstance> {
        let index = u32::try_from(index).ok()?;
        if index as usize >= self.module.info.tables.len() {
            return None;
        }
        // SAFETY: as in `memory_ptr`.
        Some(unsafe { self.vmctx.read(self.module.offsets.table(index)) } as *mut TableInstance)
    }
    /// The bytes of data segment `index` (empty once dropped).
    pub(crate) fn data_segment(&self, index: u64) -> Option<&[u8]> {
        let index = usize::try_from(index).ok()?;
        let seg = self.module.info.data.get(index)?;
        if *self.data_dropped.get(index)? {
            return Some(&[]);
        }
        self.module.bytes.get(seg.range.clone())
    }
    /// The address of the `VMFuncRef` of function `index` in this instance's vmctx.
    pub(crate) fn funcref_addr(&self, index: u32) -> usize {
        self.vmctx.ptr() as usize + self.module.offsets.funcref(index) as usize
    }
}

/// The instance whose vmctx is `vmctx`.
///
/// # Safety
/// `vmctx` must be the vmctx of a live instance (not a host function context).
pub(crate) unsafe fn instance_of<'a>(vmctx: *mut u8) -> &'a mut Instance {
    // SAFETY: per the contract, the INSTANCE slot holds the instance's address, which lives as
    // long as its store; compiled code and the libcalls run while the store is not otherwise
    // borrowed.
    unsafe { &mut *(*(vmctx.add(vmctx::INSTANCE as usize) as *const *mut Instance)) }
}
