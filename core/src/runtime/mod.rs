//! The runtime: instances, linking, calls and traps.
//!
//! Everything here is `no_std`: the host supplies executable memory through [`CodeMemory`] and
//! drives compilation (possibly on threads) through [`compile`].
//!
//! Ownership: a [`Store`] owns every instance, memory, table, global, host function and
//! externref created in it, each at a stable address (compiled code holds pointers to them),
//! until the store is dropped. Handles ([`FuncRef`], [`MemoryId`], ...) are plain indices or
//! addresses that are only meaningful with the store that made them; the host crate pairs
//! them with the store's id.

pub mod compile;
mod engine;
pub mod frames;
pub(crate) mod instance;
mod memory;
mod store;

pub use compile::CompiledModule;
pub use engine::{Engine, TypeRegistry};
pub use instance::Instance;
pub use memory::{
    GlobalInstance, MemoryInstance, TableInstance, VirtualMemory, GUARDED_RESERVATION, GUARD_BYTES,
    MAX_PAGES, MAX_TABLE_ELEMENTS,
};
pub use store::{
    Extern, FuncRef, GlobalId, HostFn, InstanceId, InstantiateError, MemoryId, Store, TableId,
};

use alloc::boxed::Box;
use core::any::Any;

/// Machine code published read+execute by the host; the mapping lives as long as this value.
pub struct PublishedCode {
    base: usize,
    len: usize,
    _owner: Box<dyn Any + Send + Sync>,
}

impl PublishedCode {
    /// Wraps a mapping at `base` of `len` bytes, kept alive by `owner`.
    ///
    /// # Safety
    /// `base..base + len` must hold the published code, executable and never written again,
    /// for as long as `owner` lives.
    pub unsafe fn new(base: *const u8, len: usize, owner: Box<dyn Any + Send + Sync>) -> Self {
        PublishedCode {
            base: base as usize,
            len,
            _owner: owner,
        }
    }
    /// The address of the first byte.
    pub fn base(&self) -> usize {
        self.base
    }
    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }
    /// Whether no code was published.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl core::fmt::Debug for PublishedCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "PublishedCode({:#x}, {} bytes)", self.base, self.len)
    }
}

/// Executable memory, provided by the host: copies code to memory that is then made
/// read+execute and never writable again.
pub trait CodeMemory: Send + Sync {
    /// Publishes `code` (possibly empty).
    fn publish(&self, code: &[u8]) -> crate::Result<PublishedCode>;
    /// Publishes `len` bytes of code that `write` writes. A host that can write them in place,
    /// in the memory it then makes executable, saves a copy of the module's code; by default
    /// they are written to a buffer and given to [`CodeMemory::publish`].
    fn publish_with(
        &self,
        len: usize,
        write: &mut dyn FnMut(&mut [u8]) -> crate::Result<()>,
    ) -> crate::Result<PublishedCode> {
        let mut code = alloc::vec![0; len];
        write(&mut code)?;
        self.publish(&code)
    }
}

#[cfg(test)]
mod tests;
