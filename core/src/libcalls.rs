//! Runtime functions that compiled code calls for work too large to inline (bulk memory,
//! tables, growth).
//!
//! Every libcall has the one C signature [`LibcallFn`]: the vmctx, then up to five `u64`
//! arguments (floats as their bits, i32 zero-extended), returning a value and a trap code
//! (0 = no trap) in the two return registers. The table of their addresses is reachable from
//! every vmctx at [`crate::vmctx::LIBCALLS`], indexed by `Libcall as usize`.

/// What a libcall returns: the result's bits and a trap code (0 = none).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LibcallResult {
    /// The result (ignored for libcalls without one).
    pub value: u64,
    /// 0, or a [`crate::TrapKind`] code.
    pub trap: u64,
}

/// The signature shared by all libcalls.
pub type LibcallFn = unsafe extern "C" fn(
    vmctx: *mut crate::vmctx::VMFuncRef, // opaque: really the caller's vmctx
    a: u64,
    b: u64,
    c: u64,
    d: u64,
    e: u64,
) -> LibcallResult;

macro_rules! libcalls {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident),* ) ; )*) => {
        /// A runtime function callable from compiled code. Arguments in order after the vmctx.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u32)]
        pub enum Libcall {
            $( $(#[$doc])* $name, )*
        }
        impl Libcall {
            /// Every libcall, in table order.
            pub const ALL: &'static [Libcall] = &[$(Libcall::$name),*];
            /// Number of arguments after the vmctx.
            pub fn arity(self) -> usize {
                match self {
                    $( Libcall::$name => [$(stringify!($arg)),*].len(), )*
                }
            }
        }
    };
}

libcalls! {
    /// `memory.grow`: (memory, delta pages) -> old size in pages or -1 (as u32).
    MemoryGrow(memory, delta);
    /// `memory.fill`: (memory, dst, byte, len); traps out of bounds.
    MemoryFill(memory, dst, val, len);
    /// `memory.copy`: (dst memory, src memory, dst, src, len); traps out of bounds.
    MemoryCopy(dst_memory, src_memory, dst, src, len);
    /// `memory.init`: (memory, data segment, dst, src, len); traps out of bounds.
    MemoryInit(memory, segment, dst, src, len);
    /// `data.drop`: (data segment).
    DataDrop(segment);
    /// `table.get`: (table, index) -> element; traps out of bounds.
    TableGet(table, index);
    /// `table.set`: (table, index, value); traps out of bounds.
    TableSet(table, index, value);
    /// `table.grow`: (table, init value, delta) -> old size or -1 (as u32).
    TableGrow(table, init, delta);
    /// `table.fill`: (table, dst, value, len); traps out of bounds.
    TableFill(table, dst, val, len);
    /// `table.copy`: (dst table, src table, dst, src, len); traps out of bounds.
    TableCopy(dst_table, src_table, dst, src, len);
    /// `table.init`: (table, element segment, dst, src, len); traps out of bounds.
    TableInit(table, segment, dst, src, len);
    /// `elem.drop`: (element segment).
    ElemDrop(segment);
    /// Debugger slow path at an interesting breakable point: (return address, fp, register
    /// save area); a nonzero trap code aborts the call.
    DebugSlowPath(return_address, fp, regs);
    /// Debugger stop on a trap before it unwinds: (trap code, trap pc, fp, register save area).
    DebugTrap(code, pc, fp, regs);
}

// ---- implementations ----

use crate::runtime::{MemoryInstance, TableInstance};
use crate::trap::TrapKind;

const OK: u64 = 0;

fn ok(value: u64) -> LibcallResult {
    LibcallResult { value, trap: OK }
}

fn trap(kind: TrapKind) -> LibcallResult {
    LibcallResult {
        value: 0,
        trap: kind.code() as u64,
    }
}

/// The instance of the calling code.
///
/// # Safety
/// `vmctx` is the vmctx compiled code passes: that of a live instance.
unsafe fn instance<'a>(vmctx: *mut VMFuncRef) -> &'a mut crate::runtime::Instance {
    // SAFETY: per the contract.
    unsafe { crate::runtime::instance::instance_of(vmctx as *mut u8) }
}

use crate::vmctx::VMFuncRef;

/// Memory `index` of the calling instance, or a trap result.
///
/// # Safety
/// As for [`instance`].
unsafe fn memory<'a>(vmctx: *mut VMFuncRef, index: u64) -> Option<&'a mut MemoryInstance> {
    // SAFETY: `memory_ptr` returns a live memory of the instance's store; compiled code is
    // suspended in this libcall, so nothing else accesses it.
    unsafe { instance(vmctx).memory_ptr(index).map(|p| &mut *p) }
}

/// Table `index` of the calling instance.
///
/// # Safety
/// As for [`instance`].
unsafe fn table<'a>(vmctx: *mut VMFuncRef, index: u64) -> Option<&'a mut TableInstance> {
    // SAFETY: as in `memory`.
    unsafe { instance(vmctx).table_ptr(index).map(|p| &mut *p) }
}

/// `start..start + len` if it lies within `0..size` (all as u32 values widened to u64).
fn range(start: u64, len: u64, size: u64) -> Option<core::ops::Range<usize>> {
    let end = start.checked_add(len)?;
    (end <= size).then_some(start as usize..end as usize)
}

unsafe extern "C" fn memory_grow(
    vmctx: *mut VMFuncRef,
    mem: u64,
    delta: u64,
    _: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let Some(m) = (unsafe { memory(vmctx, mem) }) else {
        return trap(TrapKind::MemoryOutOfBounds);
    };
    ok(m.grow(delta as u32 as u64)
        .map_or(u32::MAX as u64, |old| old))
}

unsafe extern "C" fn memory_fill(
    vmctx: *mut VMFuncRef,
    mem: u64,
    dst: u64,
    val: u64,
    len: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let Some(m) = (unsafe { memory(vmctx, mem) }) else {
        return trap(TrapKind::MemoryOutOfBounds);
    };
    let data = m.data_mut();
    match range(dst as u32 as u64, len as u32 as u64, data.len() as u64) {
        Some(r) => {
            data[r].fill(val as u8);
            ok(0)
        }
        None => trap(TrapKind::MemoryOutOfBounds),
    }
}

unsafe extern "C" fn memory_copy(
    vmctx: *mut VMFuncRef,
    dst_mem: u64,
    src_mem: u64,
    dst: u64,
    src: u64,
    len: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let inst = unsafe { instance(vmctx) };
    let (Some(d), Some(s)) = (inst.memory_ptr(dst_mem), inst.memory_ptr(src_mem)) else {
        return trap(TrapKind::MemoryOutOfBounds);
    };
    // SAFETY: `d` and `s` are live memories (possibly the same one); only their `def`s are read.
    unsafe {
        copy_elements(
            ((*d).def.base, (*d).def.length),
            ((*s).def.base, (*s).def.length),
            (dst, src, len),
            TrapKind::MemoryOutOfBounds,
        )
    }
}

/// `memory.copy` and `table.copy`: copies `len` elements from `src` to `dst` (u32 indices),
/// possibly overlapping, after checking both ranges against their lengths.
///
/// # Safety
/// Each (base, length) pair must describe a live allocation of `length` elements.
unsafe fn copy_elements<T>(
    (dbase, dlen): (*mut T, u64),
    (sbase, slen): (*mut T, u64),
    (dst, src, len): (u64, u64, u64),
    out_of_bounds: TrapKind,
) -> LibcallResult {
    let len = len as u32 as u64;
    match (
        range(dst as u32 as u64, len, dlen),
        range(src as u32 as u64, len, slen),
    ) {
        (Some(dr), Some(sr)) => {
            // SAFETY: both ranges are within their allocations (the caller's contract);
            // `copy` handles overlap.
            unsafe { core::ptr::copy(sbase.add(sr.start), dbase.add(dr.start), len as usize) };
            ok(0)
        }
        _ => trap(out_of_bounds),
    }
}

unsafe extern "C" fn memory_init(
    vmctx: *mut VMFuncRef,
    mem: u64,
    segment: u64,
    dst: u64,
    src: u64,
    len: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let inst = unsafe { instance(vmctx) };
    let (Some(m), Some(data)) = (inst.memory_ptr(mem), inst.data_segment(segment)) else {
        return trap(TrapKind::MemoryOutOfBounds);
    };
    // SAFETY: a live memory of the store, distinct from the module's bytes.
    let m = unsafe { &mut *m };
    init_elements(
        m.data_mut(),
        data,
        (dst, src, len),
        TrapKind::MemoryOutOfBounds,
    )
}

/// `memory.init` and `table.init`: copies `len` elements of a segment from `src` to `dst`
/// (u32 indices) after checking both ranges.
fn init_elements<T: Copy>(
    target: &mut [T],
    segment: &[T],
    (dst, src, len): (u64, u64, u64),
    out_of_bounds: TrapKind,
) -> LibcallResult {
    let len = len as u32 as u64;
    match (
        range(dst as u32 as u64, len, target.len() as u64),
        range(src as u32 as u64, len, segment.len() as u64),
    ) {
        (Some(dr), Some(sr)) => {
            target[dr].copy_from_slice(&segment[sr]);
            ok(0)
        }
        _ => trap(out_of_bounds),
    }
}

unsafe extern "C" fn data_drop(
    vmctx: *mut VMFuncRef,
    segment: u64,
    _: u64,
    _: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let inst = unsafe { instance(vmctx) };
    if let Some(d) = usize::try_from(segment)
        .ok()
        .and_then(|i| inst.data_dropped.get_mut(i))
    {
        *d = true;
    }
    ok(0)
}

unsafe extern "C" fn table_get(
    vmctx: *mut VMFuncRef,
    tab: u64,
    index: u64,
    _: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let Some(t) = (unsafe { table(vmctx, tab) }) else {
        return trap(TrapKind::TableOutOfBounds);
    };
    match t.elements().get(index as u32 as usize) {
        Some(v) => ok(*v),
        None => trap(TrapKind::TableOutOfBounds),
    }
}

unsafe extern "C" fn table_set(
    vmctx: *mut VMFuncRef,
    tab: u64,
    index: u64,
    value: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let Some(t) = (unsafe { table(vmctx, tab) }) else {
        return trap(TrapKind::TableOutOfBounds);
    };
    match t.elements_mut().get_mut(index as u32 as usize) {
        Some(v) => {
            *v = value;
            ok(0)
        }
        None => trap(TrapKind::TableOutOfBounds),
    }
}

unsafe extern "C" fn table_grow(
    vmctx: *mut VMFuncRef,
    tab: u64,
    init: u64,
    delta: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let Some(t) = (unsafe { table(vmctx, tab) }) else {
        return trap(TrapKind::TableOutOfBounds);
    };
    ok(t.grow(delta as u32 as u64, init)
        .map_or(u32::MAX as u64, |old| old))
}

unsafe extern "C" fn table_fill(
    vmctx: *mut VMFuncRef,
    tab: u64,
    dst: u64,
    value: u64,
    len: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let Some(t) = (unsafe { table(vmctx, tab) }) else {
        return trap(TrapKind::TableOutOfBounds);
    };
    let elements = t.elements_mut();
    match range(dst as u32 as u64, len as u32 as u64, elements.len() as u64) {
        Some(r) => {
            elements[r].fill(value);
            ok(0)
        }
        None => trap(TrapKind::TableOutOfBounds),
    }
}

unsafe extern "C" fn table_copy(
    vmctx: *mut VMFuncRef,
    dst_tab: u64,
    src_tab: u64,
    dst: u64,
    src: u64,
    len: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let inst = unsafe { instance(vmctx) };
    let (Some(d), Some(s)) = (inst.table_ptr(dst_tab), inst.table_ptr(src_tab)) else {
        return trap(TrapKind::TableOutOfBounds);
    };
    // SAFETY: `d` and `s` are live tables (possibly the same one); only their `def`s are read.
    unsafe {
        copy_elements(
            ((*d).def.base, (*d).def.length),
            ((*s).def.base, (*s).def.length),
            (dst, src, len),
            TrapKind::TableOutOfBounds,
        )
    }
}

unsafe extern "C" fn table_init(
    vmctx: *mut VMFuncRef,
    tab: u64,
    segment: u64,
    dst: u64,
    src: u64,
    len: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let inst = unsafe { instance(vmctx) };
    let Some(t) = inst.table_ptr(tab) else {
        return trap(TrapKind::TableOutOfBounds);
    };
    let Some(items) = usize::try_from(segment)
        .ok()
        .and_then(|i| inst.elements.get(i))
    else {
        return trap(TrapKind::TableOutOfBounds);
    };
    // SAFETY: a live table of the store, distinct from the instance's segments.
    let elements = unsafe { (*t).elements_mut() };
    init_elements(elements, items, (dst, src, len), TrapKind::TableOutOfBounds)
}

unsafe extern "C" fn elem_drop(
    vmctx: *mut VMFuncRef,
    segment: u64,
    _: u64,
    _: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: called by compiled code with its vmctx.
    let inst = unsafe { instance(vmctx) };
    if let Some(e) = usize::try_from(segment)
        .ok()
        .and_then(|i| inst.elements.get_mut(i))
    {
        *e = alloc::vec::Vec::new();
    }
    ok(0)
}

impl Libcall {
    /// The implementation of this libcall.
    pub const fn function(self) -> LibcallFn {
        match self {
            Libcall::MemoryGrow => memory_grow,
            Libcall::MemoryFill => memory_fill,
            Libcall::MemoryCopy => memory_copy,
            Libcall::MemoryInit => memory_init,
            Libcall::DataDrop => data_drop,
            Libcall::TableGet => table_get,
            Libcall::TableSet => table_set,
            Libcall::TableGrow => table_grow,
            Libcall::TableFill => table_fill,
            Libcall::TableCopy => table_copy,
            Libcall::TableInit => table_init,
            Libcall::ElemDrop => elem_drop,
            Libcall::DebugSlowPath => crate::debug::debug_slow_path,
            Libcall::DebugTrap => crate::debug::debug_trap,
        }
    }
}

const NUM_LIBCALLS: usize = Libcall::ALL.len();

/// The libcall implementations in [`Libcall::ALL`] order: the table every vmctx points to.
pub static LIBCALL_TABLE: [LibcallFn; NUM_LIBCALLS] = {
    let mut table: [LibcallFn; NUM_LIBCALLS] = [memory_grow; NUM_LIBCALLS];
    let mut i = 0;
    while i < NUM_LIBCALLS {
        table[i] = Libcall::ALL[i].function();
        i += 1;
    }
    table
};

/// [`LIBCALL_TABLE`] as the words compiled code loads (`[table + 8 * libcall]`).
pub fn libcall_table() -> &'static [usize] {
    const _: () = assert!(core::mem::size_of::<LibcallFn>() == core::mem::size_of::<usize>());
    // SAFETY: function pointers are one word, valid as integers; the static lives forever.
    unsafe { core::slice::from_raw_parts(LIBCALL_TABLE.as_ptr() as *const usize, NUM_LIBCALLS) }
}
