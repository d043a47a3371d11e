//! Globals, memories, tables, and the `Extern` sum of them and functions.

use breakwater_core::runtime::{self, GlobalId, MemoryId, TableId};

use crate::store::{AsContext, AsContextMut};
use crate::{Error, Func, GlobalType, MemoryType, Result, TableType, Val};

/// Something an instance imports or exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extern {
    /// A function.
    Func(Func),
    /// A global.
    Global(Global),
    /// A memory.
    Memory(Memory),
    /// A table.
    Table(Table),
}

impl Extern {
    /// The function, if this is one.
    pub fn into_func(self) -> Option<Func> {
        match self {
            Extern::Func(f) => Some(f),
            _ => None,
        }
    }
    /// The global, if this is one.
    pub fn into_global(self) -> Option<Global> {
        match self {
            Extern::Global(g) => Some(g),
            _ => None,
        }
    }
    /// The memory, if this is one.
    pub fn into_memory(self) -> Option<Memory> {
        match self {
            Extern::Memory(m) => Some(m),
            _ => None,
        }
    }
    /// The table, if this is one.
    pub fn into_table(self) -> Option<Table> {
        match self {
            Extern::Table(t) => Some(t),
            _ => None,
        }
    }
    pub(crate) fn from_core(store: u64, ext: runtime::Extern) -> Extern {
        match ext {
            runtime::Extern::Func(raw) => Extern::Func(Func { store, raw }),
            runtime::Extern::Global(id) => Extern::Global(Global { store, id }),
            runtime::Extern::Memory(id) => Extern::Memory(Memory { store, id }),
            runtime::Extern::Table(id) => Extern::Table(Table { store, id }),
        }
    }
    pub(crate) fn store(&self) -> u64 {
        match self {
            Extern::Func(f) => f.store,
            Extern::Global(g) => g.store,
            Extern::Memory(m) => m.store,
            Extern::Table(t) => t.store,
        }
    }
    pub(crate) fn to_core(self) -> runtime::Extern {
        match self {
            Extern::Func(f) => runtime::Extern::Func(f.raw),
            Extern::Global(g) => runtime::Extern::Global(g.id),
            Extern::Memory(m) => runtime::Extern::Memory(m.id),
            Extern::Table(t) => runtime::Extern::Table(t.id),
        }
    }
}

impl From<Func> for Extern {
    fn from(f: Func) -> Extern {
        Extern::Func(f)
    }
}
impl From<Global> for Extern {
    fn from(g: Global) -> Extern {
        Extern::Global(g)
    }
}
impl From<Memory> for Extern {
    fn from(m: Memory) -> Extern {
        Extern::Memory(m)
    }
}
impl From<Table> for Extern {
    fn from(t: Table) -> Extern {
        Extern::Table(t)
    }
}

/// A global of a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Global {
    pub(crate) store: u64,
    pub(crate) id: GlobalId,
}

impl Global {
    /// A new global of type `ty` holding `value` (which must have the global's value type).
    pub fn new(mut store: impl AsContextMut, ty: GlobalType, value: Val) -> Result<Global> {
        let inner = store.as_inner_mut();
        let bits = value.to_bits_typed(inner, ty.ty)?;
        Ok(Global {
            store: inner.id(),
            id: inner.core.new_global(ty, bits),
        })
    }
    /// The type.
    ///
    /// # Panics
    /// If `store` does not own the global.
    pub fn ty(&self, store: impl AsContext) -> GlobalType {
        let inner = store.as_inner();
        inner.assert_owns(self.store);
        inner.core.global(self.id).ty()
    }
    /// The value.
    ///
    /// # Panics
    /// If `store` does not own the global.
    pub fn get(&self, store: impl AsContext) -> Val {
        let inner = store.as_inner();
        inner.assert_owns(self.store);
        let g = inner.core.global(self.id);
        Val::from_bits(self.store, g.ty().ty, g.get())
    }
    /// Sets the value (the global must be mutable, the value of its type).
    pub fn set(&self, mut store: impl AsContextMut, value: Val) -> Result<()> {
        let inner = store.as_inner_mut();
        inner.check(self.store)?;
        let ty = inner.core.global(self.id).ty();
        if !ty.mutable {
            return Err(Error::usage("cannot set an immutable global"));
        }
        let bits = value.to_bits_typed(inner, ty.ty)?;
        inner.core.global_mut(self.id).set(bits);
        Ok(())
    }
}

/// A linear memory of a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Memory {
    pub(crate) store: u64,
    pub(crate) id: MemoryId,
}

impl Memory {
    /// A new zeroed memory of type `ty`.
    pub fn new(mut store: impl AsContextMut, ty: MemoryType) -> Result<Memory> {
        let inner = store.as_inner_mut();
        let id = inner.core.new_memory(ty).map_err(Error::from)?;
        Ok(Memory {
            store: inner.id(),
            id,
        })
    }
    /// The type, with the current size as the minimum.
    ///
    /// # Panics
    /// If `store` does not own the memory.
    pub fn ty(&self, store: impl AsContext) -> MemoryType {
        let inner = store.as_inner();
        inner.assert_owns(self.store);
        inner.core.memory(self.id).ty()
    }
    /// The contents.
    ///
    /// # Panics
    /// If `store` does not own the memory.
    pub fn data<'a, S: AsContext + ?Sized>(&self, store: &'a S) -> &'a [u8] {
        let inner = store.as_inner();
        inner.assert_owns(self.store);
        inner.core.memory(self.id).data()
    }
    /// The contents, writable.
    ///
    /// # Panics
    /// If `store` does not own the memory.
    pub fn data_mut<'a, S: AsContextMut + ?Sized>(&self, store: &'a mut S) -> &'a mut [u8] {
        let inner = store.as_inner_mut();
        inner.assert_owns(self.store);
        inner.core.memory_mut(self.id).data_mut()
    }
    /// The contents, writable, and the store's host data at the same time (what host
    /// functions need to move data between the guest and their state).
    ///
    /// # Panics
    /// If `store` does not own the memory.
    pub fn data_and_store_mut<'a, S: AsContextMut + ?Sized>(
        &self,
        store: &'a mut S,
    ) -> (&'a mut [u8], &'a mut S::Data) {
        let inner = store.as_inner_mut();
        inner.assert_owns(self.store);
        let data = inner.core.memory_mut(self.id).data_mut();
        (data, &mut inner.data)
    }
    /// The size in pages.
    ///
    /// # Panics
    /// If `store` does not own the memory.
    pub fn size(&self, store: impl AsContext) -> u64 {
        let inner = store.as_inner();
        inner.assert_owns(self.store);
        inner.core.memory(self.id).pages()
    }
    /// The size in bytes.
    ///
    /// # Panics
    /// If `store` does not own the memory.
    pub fn data_size(&self, store: impl AsContext) -> usize {
        let inner = store.as_inner();
        inner.assert_owns(self.store);
        inner.core.memory(self.id).len() as usize
    }
    /// Grows by `delta` pages; returns the old size in pages.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64) -> Result<u64> {
        let inner = store.as_inner_mut();
        inner.check(self.store)?;
        inner
            .core
            .memory_mut(self.id)
            .grow(delta)
            .ok_or_else(|| Error::Resource("failed to grow memory".into()))
    }
    /// Copies `buf.len()` bytes at `offset` into `buf`.
    pub fn read(&self, store: impl AsContext, offset: usize, buf: &mut [u8]) -> Result<()> {
        let inner = store.as_inner();
        inner.check(self.store)?;
        let data = inner.core.memory(self.id).data();
        let src = offset
            .checked_add(buf.len())
            .and_then(|end| data.get(offset..end))
            .ok_or_else(|| Error::usage("out of bounds memory access"))?;
        buf.copy_from_slice(src);
        Ok(())
    }
    /// Copies `buf` to the memory at `offset`.
    pub fn write(&self, mut store: impl AsContextMut, offset: usize, buf: &[u8]) -> Result<()> {
        let inner = store.as_inner_mut();
        inner.check(self.store)?;
        let data = inner.core.memory_mut(self.id).data_mut();
        let dst = offset
            .checked_add(buf.len())
            .and_then(|end| data.get_mut(offset..end))
            .ok_or_else(|| Error::usage("out of bounds memory access"))?;
        dst.copy_from_slice(buf);
        Ok(())
    }
}

/// A table of a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Table {
    pub(crate) store: u64,
    pub(crate) id: TableId,
}

impl Table {
    /// A new table of type `ty` with every element `init` (of the element type).
    pub fn new(mut store: impl AsContextMut, ty: TableType, init: Val) -> Result<Table> {
        let inner = store.as_inner_mut();
        let bits = init.to_bits_typed(inner, ty.elem)?;
        let id = inner.core.new_table(ty, bits).map_err(Error::from)?;
        Ok(Table {
            store: inner.id(),
            id,
        })
    }
    /// The type, with the current size as the minimum.
    ///
    /// # Panics
    /// If `store` does not own the table.
    pub fn ty(&self, store: impl AsContext) -> TableType {
        let inner = store.as_inner();
        inner.assert_owns(self.store);
        inner.core.table(self.id).ty()
    }
    /// The number of elements.
    ///
    /// # Panics
    /// If `store` does not own the table.
    pub fn size(&self, store: impl AsContext) -> u64 {
        let inner = store.as_inner();
        inner.assert_owns(self.store);
        inner.core.table(self.id).len()
    }
    /// Element `index`, or `None` out of bounds (or with another store).
    pub fn get(&self, store: impl AsContext, index: u64) -> Option<Val> {
        let inner = store.as_inner();
        inner.check(self.store).ok()?;
        let t = inner.core.table(self.id);
        let bits = *t.elements().get(usize::try_from(index).ok()?)?;
        Some(Val::from_bits(self.store, t.ty().elem, bits))
    }
    /// Sets element `index` to `value` (of the element type).
    pub fn set(&self, mut store: impl AsContextMut, index: u64, value: Val) -> Result<()> {
        let inner = store.as_inner_mut();
        inner.check(self.store)?;
        let bits = value.to_bits_typed(inner, inner.core.table(self.id).ty().elem)?;
        let slot = usize::try_from(index)
            .ok()
            .and_then(|i| inner.core.table_mut(self.id).elements_mut().get_mut(i))
            .ok_or_else(|| Error::usage("table index out of bounds"))?;
        *slot = bits;
        Ok(())
    }
    /// Grows by `delta` elements set to `init`; returns the old size.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64, init: Val) -> Result<u64> {
        let inner = store.as_inner_mut();
        inner.check(self.store)?;
        let bits = init.to_bits_typed(inner, inner.core.table(self.id).ty().elem)?;
        inner
            .core
            .table_mut(self.id)
            .grow(delta, bits)
            .ok_or_else(|| Error::Resource("failed to grow table".into()))
    }
}
