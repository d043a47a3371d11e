//! The store: owner of instances and of every object they share, and the way into Wasm code.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use core::any::Any;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicU64, Ordering};

use super::compile::CompiledModule;
use super::engine::Engine;
use super::frames::{self, ExitRecord, Frame};
use super::instance::{Instance, VmctxAlloc};
use super::memory::{GlobalInstance, MemoryInstance, TableInstance};
use crate::codegen::convention;
use crate::module::{ConstExpr, ExportKind, ImportKind, SegmentMode};
use crate::trap::{Trap, TrapFrame, TrapKind};
use crate::types::FuncType;
use crate::vmctx::{self, VMFuncRef, VMStoreContext};

/// A heap object at a stable address, owned through a raw pointer so that compiled code and
/// the libcalls may hold pointers into it while the store is borrowed elsewhere.
struct Owned<T>(NonNull<T>);

impl<T> Owned<T> {
    fn new(value: T) -> Self {
        Owned(NonNull::from(Box::leak(Box::new(value))))
    }
    fn ptr(&self) -> *mut T {
        self.0.as_ptr()
    }
    fn get(&self) -> &T {
        // SAFETY: the allocation lives as long as `self`; mutation happens only through
        // `get_mut` (`&mut self`) or through compiled code, which never runs while the host
        // holds a shared borrow of the store.
        unsafe { self.0.as_ref() }
    }
    fn get_mut(&mut self) -> &mut T {
        // SAFETY: as in `get`, with exclusive access through `&mut self`.
        unsafe { self.0.as_mut() }
    }
}

impl<T> Drop for Owned<T> {
    fn drop(&mut self) {
        // SAFETY: created by `Box::leak` in `new`, dropped once.
        drop(unsafe { Box::from_raw(self.0.as_ptr()) });
    }
}

/// The store context compiled code sees (first, so `*mut StoreVM` is a `*mut VMStoreContext`),
/// followed by runtime state reached from host function contexts.
#[repr(C)]
struct StoreVM {
    vm: VMStoreContext,
    /// The host's pointer, passed to host functions.
    host_data: *mut (),
    /// How many entries into Wasm are active.
    depth: usize,
}

/// A host function's body: called with the store's host data pointer (see
/// [`Store::set_host_data`]) and the argument/result area (value `i` of a signature with `K`
/// slots at `values[K - 1 - i]`). Returns 0, or a nonzero trap code. It must not unwind.
pub type HostFn = dyn Fn(*mut (), &mut [u64]) -> u64 + Send + Sync;

const HOST_CTX_WORDS: usize = vmctx::host::SIZE as usize / 8;

/// A host function: its context (shared header + callback + data), its funcref and its body.
#[repr(C, align(16))]
struct HostFunc {
    ctx: [usize; HOST_CTX_WORDS],
    funcref: VMFuncRef,
    slots: usize,
    /// The signature (where its arguments and result travel, see
    /// [`crate::codegen::convention`]).
    ty: FuncType,
    func: Box<HostFn>,
}

/// The callback of every host function context (`vmctx::host::CALLBACK`).
///
/// # Safety
/// Called by the host adapter with a host function context made by [`Store::new_host_func`],
/// the address of its argument area and the register block (see
/// [`crate::codegen::convention`]).
unsafe extern "C" fn host_callback(
    ctx: *mut u8,
    values: *mut u64,
    regs: *mut [u64; convention::REG_BLOCK_WORDS],
) -> u64 {
    // SAFETY: DATA holds the address of the live `HostFunc` owning this context; STORE holds
    // the store's `StoreVM`; `values` points to the `slots` words of the argument area and
    // `regs` to the adapter's register block.
    unsafe {
        let hf = &*(*(ctx.add(vmctx::host::DATA as usize) as *const *const HostFunc));
        let store = *(ctx.add(vmctx::STORE as usize) as *const *const StoreVM);
        let store = store as *mut StoreVM;
        // Where Wasm left off, for backtraces and the caller's instance (see `frames`); the
        // record lives on this frame until the host function returns (it must not unwind).
        let exit = ExitRecord::new(values as *const usize, &(*store).vm);
        (*store).vm.last_exit = &exit as *const ExitRecord as usize;
        let values: &mut [u64] = if hf.slots == 0 {
            &mut []
        } else {
            core::slice::from_raw_parts_mut(values, hf.slots)
        };
        let regs = &mut *regs;
        // The area holds value `i` at `K - 1 - i`: the register arguments go there.
        for (i, reg) in convention::arg_regs(&hf.ty.params).enumerate() {
            if let Some(r) = reg {
                values[hf.slots - 1 - i] = regs[convention::block_word(r)];
            }
        }
        let code = (hf.func)((*store).host_data, values);
        if let Some(r) = convention::result_reg(&hf.ty.results) {
            regs[convention::block_word(r)] =
                convention::block_value(hf.ty.results[0], values[hf.slots - 1]);
        }
        (*store).vm.last_exit = exit.prev;
        code
    }
}

type EntryFn = unsafe extern "C" fn(
    vmctx: *mut u8,
    func_ptr: usize,
    values: *mut u64,
    slots: usize,
    regs: *mut [u64; convention::REG_BLOCK_WORDS],
) -> u64;

/// A function: the address of its `VMFuncRef` in the store that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuncRef(usize);

impl FuncRef {
    /// The address of the `VMFuncRef` (what tables and `ref.func` hold).
    pub fn as_raw(self) -> usize {
        self.0
    }
    /// The function whose `VMFuncRef` is at `raw`.
    ///
    /// # Safety
    /// `raw` must come from [`FuncRef::as_raw`] or a funcref value (table element, global,
    /// result) of the store it is used with, and not be 0.
    pub unsafe fn from_raw(raw: usize) -> FuncRef {
        FuncRef(raw)
    }
}

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $name(u32);
        impl $name {
            /// The index in its store.
            pub fn index(self) -> u32 {
                self.0
            }
        }
    };
}

id!(
    /// A memory of a store.
    MemoryId
);
id!(
    /// A table of a store.
    TableId
);
id!(
    /// A global of a store.
    GlobalId
);
id!(
    /// An instance of a store.
    InstanceId
);

/// Something an instance imports or exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extern {
    /// A function.
    Func(FuncRef),
    /// A table.
    Table(TableId),
    /// A memory.
    Memory(MemoryId),
    /// A global.
    Global(GlobalId),
}

/// Why instantiation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InstantiateError {
    /// Linking failed (missing or mismatched import) or a resource ran out.
    Error(crate::Error),
    /// A segment was out of bounds, or the start function trapped.
    Trap(Trap),
}

impl From<crate::Error> for InstantiateError {
    fn from(e: crate::Error) -> Self {
        InstantiateError::Error(e)
    }
}

static NEXT_STORE_ID: AtomicU64 = AtomicU64::new(1);

/// Owns instances, memories, tables, globals, host functions and externrefs; enters Wasm code.
pub struct Store {
    vm: Owned<StoreVM>,
    id: u64,
    engine: Engine,
    instances: Vec<Owned<Instance>>,
    memories: Vec<Owned<MemoryInstance>>,
    tables: Vec<Owned<TableInstance>>,
    globals: Vec<Owned<GlobalInstance>>,
    host_funcs: Vec<Owned<HostFunc>>,
    externrefs: Vec<Box<dyn Any + Send + Sync>>,
    /// Where this store's `VMFuncRef`s are: first address -> number of consecutive records
    /// (one per host function, one run per instance), to check funcrefs from the host.
    funcref_runs: BTreeMap<usize, usize>,
    max_wasm_stack: usize,
    stack_floor: usize,
}

// SAFETY: every raw pointer in the store points to memory the store owns; host functions and
// externrefs are `Send + Sync`. The host data pointer is the host's responsibility.
unsafe impl Send for Store {}

/// The default most stack (bytes) Wasm code may use from the outermost entry.
pub const DEFAULT_MAX_WASM_STACK: usize = 512 * 1024;

/// Most frames a trap's backtrace holds.
const MAX_BACKTRACE: usize = 1024;

impl Store {
    /// An empty store of `engine`.
    pub fn new(engine: &Engine) -> Store {
        Store {
            vm: Owned::new(StoreVM {
                vm: VMStoreContext::default(),
                host_data: core::ptr::null_mut(),
                depth: 0,
            }),
            id: NEXT_STORE_ID.fetch_add(1, Ordering::Relaxed),
            engine: engine.clone(),
            instances: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
            globals: Vec::new(),
            host_funcs: Vec::new(),
            externrefs: Vec::new(),
            funcref_runs: BTreeMap::new(),
            max_wasm_stack: DEFAULT_MAX_WASM_STACK,
            stack_floor: 0,
        }
    }
    /// A process-wide unique id of this store.
    pub fn id(&self) -> u64 {
        self.id
    }
    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }
    /// Sets the most stack Wasm code may use (from the outermost entry into Wasm).
    pub fn set_max_wasm_stack(&mut self, bytes: usize) {
        self.max_wasm_stack = bytes;
    }
    /// Sets the lowest address the stack limit may have (the host's knowledge of the current
    /// thread's stack, minus room for host code); 0 for none. Used by the next outermost entry
    /// into Wasm, which sets the limit to `max(sp - max_wasm_stack, floor)`.
    pub fn set_stack_floor(&mut self, floor: usize) {
        self.stack_floor = floor;
    }
    /// Sets the pointer passed to every host function of this store.
    pub fn set_host_data(&mut self, data: *mut ()) {
        self.vm.get_mut().host_data = data;
    }
    /// The store context compiled code sees.
    pub fn vm_context(&self) -> *mut VMStoreContext {
        self.vm.ptr() as *mut VMStoreContext
    }

    // ---- objects ----

    /// A new memory of type `ty`.
    pub fn new_memory(&mut self, ty: crate::module::MemoryType) -> crate::Result<MemoryId> {
        let m = MemoryInstance::new_in(ty, self.engine.virtual_memory())?;
        self.memories.push(Owned::new(m));
        Ok(MemoryId(self.memories.len() as u32 - 1))
    }
    /// A new table of type `ty` filled with `init`.
    ///
    /// `init` must be 0 or a reference of this store of the table's element type (else an
    /// error).
    pub fn new_table(&mut self, ty: crate::module::TableType, init: u64) -> crate::Result<TableId> {
        if !self.valid_value(ty.elem, init) {
            return Err(crate::Error::link(
                "table initializer is not null and not a reference of this store",
            ));
        }
        let t = TableInstance::new(ty, init)?;
        self.tables.push(Owned::new(t));
        Ok(TableId(self.tables.len() as u32 - 1))
    }
    /// A new global of type `ty` holding `bits`.
    pub fn new_global(&mut self, ty: crate::module::GlobalType, bits: u64) -> GlobalId {
        self.globals.push(Owned::new(GlobalInstance::new(ty, bits)));
        GlobalId(self.globals.len() as u32 - 1)
    }
    /// A memory of this store.
    pub fn memory(&self, id: MemoryId) -> &MemoryInstance {
        self.memories[id.0 as usize].get()
    }
    /// A memory of this store, writable.
    pub fn memory_mut(&mut self, id: MemoryId) -> &mut MemoryInstance {
        self.memories[id.0 as usize].get_mut()
    }
    /// A table of this store.
    pub fn table(&self, id: TableId) -> &TableInstance {
        self.tables[id.0 as usize].get()
    }
    /// A table of this store, writable.
    pub fn table_mut(&mut self, id: TableId) -> &mut TableInstance {
        self.tables[id.0 as usize].get_mut()
    }
    /// A global of this store.
    pub fn global(&self, id: GlobalId) -> &GlobalInstance {
        self.globals[id.0 as usize].get()
    }
    /// A global of this store, writable.
    pub fn global_mut(&mut self, id: GlobalId) -> &mut GlobalInstance {
        self.globals[id.0 as usize].get_mut()
    }
    /// A new externref holding `value`; returns its nonzero handle.
    pub fn new_externref(&mut self, value: Box<dyn Any + Send + Sync>) -> u64 {
        self.externrefs.push(value);
        self.externrefs.len() as u64
    }
    /// The value of externref `handle`.
    pub fn externref(&self, handle: u64) -> Option<&(dyn Any + Send + Sync)> {
        let i = usize::try_from(handle).ok()?.checked_sub(1)?;
        self.externrefs.get(i).map(|b| &**b)
    }

    // ---- functions ----

    /// A host function of type `ty` running `func`.
    pub fn new_host_func(&mut self, ty: &FuncType, func: Box<HostFn>) -> FuncRef {
        let type_id = self.engine.types().register(ty) as u64;
        let hf = Owned::new(HostFunc {
            ctx: [0; HOST_CTX_WORDS],
            funcref: VMFuncRef {
                func_ptr: 0,
                vmctx: 0,
                type_id,
                fast_ptr: 0,
            },
            slots: ty.area_slots(),
            ty: ty.clone(),
            func,
        });
        let p = hf.ptr();
        // SAFETY: `p` is the live, exclusively owned `HostFunc` just allocated.
        let funcref = unsafe {
            let ctx = &mut (*p).ctx;
            ctx[vmctx::STORE as usize / 8] = self.vm.ptr() as usize;
            ctx[vmctx::LIBCALLS as usize / 8] = crate::libcalls::libcall_table().as_ptr() as usize;
            ctx[vmctx::TRAP_STUB as usize / 8] = self.engine.inner.trap;
            ctx[vmctx::host::CALLBACK as usize / 8] = host_callback as *const () as usize;
            ctx[vmctx::host::DATA as usize / 8] = p as usize;
            (*p).funcref.func_ptr = self.engine.inner.host_adapter;
            (*p).funcref.fast_ptr = self.engine.inner.host_adapter;
            (*p).funcref.vmctx = ctx.as_ptr() as usize;
            core::ptr::addr_of!((*p).funcref) as usize
        };
        self.host_funcs.push(hf);
        self.funcref_runs.insert(funcref, 1);
        FuncRef(funcref)
    }
    /// Whether `raw` is the address of a `VMFuncRef` of this store (a function of one of its
    /// instances or a host function), i.e. a valid non-null funcref value here.
    pub fn owns_funcref(&self, raw: usize) -> bool {
        let Some((&start, &count)) = self.funcref_runs.range(..=raw).next_back() else {
            return false;
        };
        let offset = raw - start;
        let size = vmctx::FUNCREF_SIZE as usize;
        let index = offset / size;
        index * size == offset && index < count
    }
    /// Whether `bits` is a valid value of reference type `ty` in this store (null, a funcref
    /// of this store, or an externref handle of this store); other types are always valid.
    pub fn valid_value(&self, ty: crate::types::ValType, bits: u64) -> bool {
        use crate::types::ValType;
        match ty {
            _ if bits == 0 => true,
            ValType::FuncRef => usize::try_from(bits).is_ok_and(|raw| self.owns_funcref(raw)),
            ValType::ExternRef => self.externref(bits).is_some(),
            _ => true,
        }
    }
    /// Checks that `func` is a function of this store.
    fn check_func(&self, func: FuncRef) -> Result<(), Trap> {
        if self.owns_funcref(func.0) {
            Ok(())
        } else {
            Err(Trap::new(TrapKind::InvalidReference))
        }
    }
    /// Checks that the reference arguments `args` (values of `params`) belong to this store.
    fn check_args(&self, params: &[crate::types::ValType], args: &[u64]) -> Result<(), Trap> {
        if params
            .iter()
            .zip(args)
            .all(|(ty, bits)| self.valid_value(*ty, *bits))
        {
            Ok(())
        } else {
            Err(Trap::new(TrapKind::InvalidReference))
        }
    }
    /// The record of `func`, if it is a function of this store.
    fn record(&self, func: FuncRef) -> Option<VMFuncRef> {
        // SAFETY: checked to be the address of a live `VMFuncRef` of this store.
        self.owns_funcref(func.0)
            .then(|| unsafe { *(func.0 as *const VMFuncRef) })
    }
    /// The canonical signature id of `func` (`None` if it is not a function of this store).
    pub fn func_type_id(&self, func: FuncRef) -> Option<u64> {
        self.record(func).map(|r| r.type_id)
    }
    /// The signature of `func` (`None` if it is not a function of this store).
    pub fn func_type(&self, func: FuncRef) -> Option<FuncType> {
        self.engine.types().get(self.record(func)?.type_id)
    }

    /// Calls `func` with `args` (the bits of each argument); returns the results' bits.
    ///
    /// Arguments that do not match the signature in number give a `HostError` trap without
    /// running anything. A `func` or reference argument that this store did not make (see
    /// [`Store::valid_value`]) gives an `InvalidReference` trap, nothing runs. Other argument
    /// bits are taken as they are (any bits are a valid number; an i32 is the low 32).
    pub fn call(&mut self, func: FuncRef, args: &[u64]) -> Result<Vec<u64>, Trap> {
        self.check_func(func)?;
        let bad = Trap::new(TrapKind::HostError);
        let ty = self.func_type(func).ok_or(bad.clone())?;
        if args.len() != ty.params.len() {
            return Err(bad);
        }
        self.check_args(&ty.params, args)?;
        let mut values = vec![0u64; ty.area_slots()];
        values[..args.len()].copy_from_slice(args);
        self.call_values(func, &mut values)?;
        values.truncate(ty.results.len());
        Ok(values)
    }

    /// Calls `func` with its argument/result area in the entry trampoline's order: `values[i]`
    /// is argument `i` before and result `i` after. `values.len()` must be the signature's
    /// `area_slots()` (otherwise a `HostError` trap, nothing runs). References are checked as
    /// in [`Store::call`].
    pub fn call_values(&mut self, func: FuncRef, values: &mut [u64]) -> Result<(), Trap> {
        let rec = self
            .record(func)
            .ok_or(Trap::new(TrapKind::InvalidReference))?;
        let Some(ty) = self.engine.types().get(rec.type_id) else {
            return Err(Trap::new(TrapKind::HostError));
        };
        if ty.area_slots() != values.len() {
            return Err(Trap::new(TrapKind::HostError));
        }
        self.check_args(&ty.params, values)?;
        // SAFETY: the slot count was checked against the signature, the function and the
        // reference arguments against this store.
        unsafe { self.call_values_unchecked(func, values) }
    }

    /// [`Store::call_values`] without the signature check.
    ///
    /// # Safety
    /// `func` must be a function of this store, `values.len()` its signature's
    /// `area_slots()`, and its reference arguments null or references of this store.
    pub unsafe fn call_values_unchecked(
        &mut self,
        func: FuncRef,
        values: &mut [u64],
    ) -> Result<(), Trap> {
        // SAFETY: a function of this store (caller's contract).
        let rec = unsafe { *(func.0 as *const VMFuncRef) };
        let mut regs = [0u64; convention::REG_BLOCK_WORDS];
        let result = self
            .engine
            .types()
            .with(rec.type_id, |ty| {
                convention::args_to_block(&ty.params, values, &mut regs);
                convention::result_reg(&ty.results)
            })
            .flatten();
        let vm = self.vm.ptr();
        // SAFETY: `vm` is the store's live context. The entry trampoline is the engine's,
        // `rec` is a valid function of this store (its code and vmctx live as long as the
        // store) and `values` has the slots the callee's signature needs (caller's contract).
        // The stack limit leaves `max_wasm_stack` bytes below the current stack pointer.
        let code = unsafe {
            if (*vm).depth == 0 {
                let marker = 0u8;
                let sp = core::hint::black_box(&marker) as *const u8 as usize;
                let limit = sp.saturating_sub(self.max_wasm_stack).max(self.stack_floor);
                if limit != (*vm).vm.stack_limit {
                    (*vm).vm.stack_limit = limit;
                    // Every instance's copy (compiled code reads those).
                    for inst in &self.instances {
                        inst.get().vmctx.write(vmctx::STACK_LIMIT, limit as u64);
                    }
                }
            }
            (*vm).depth += 1;
            let entry: EntryFn = core::mem::transmute::<usize, EntryFn>(self.engine.inner.entry);
            let code = entry(
                rec.vmctx as *mut u8,
                rec.func_ptr,
                values.as_mut_ptr(),
                values.len(),
                &mut regs,
            );
            (*vm).depth -= 1;
            code
        };
        if code == 0 {
            if let Some(r) = result {
                values[0] = regs[convention::block_word(r)];
            }
            Ok(())
        } else {
            Err(self.decode_trap(code))
        }
    }

    /// The trap the store context records, with its code `code`.
    fn decode_trap(&self, code: u64) -> Trap {
        let kind = TrapKind::from_code(code).unwrap_or(TrapKind::Unreachable);
        let mut trap = Trap::new(kind);
        let vm = &self.vm.get().vm;
        if let Some(frame) = self.frame_at(vm.trap_pc, vm.trap_vmctx, true) {
            trap.func_index = Some(frame.func_index);
            trap.bytecode_offset = frame.bytecode_offset;
            trap.backtrace.push(frame);
        }
        // The trap stub recorded the callers (see `vmctx::store`).
        let recorded = vm.trap_frame_count.min(vmctx::store::TRAP_FRAMES_MAX);
        for &[ret, vmctx] in &vm.trap_frames[..recorded] {
            // The call instruction ends where the return address is: look up the byte before.
            if let Some(frame) = self.frame_at(ret.wrapping_sub(1), vmctx, false) {
                trap.backtrace.push(frame);
            }
        }
        trap.omitted_frames = vm.trap_frame_count - recorded;
        // The outer activations, past the host calls that entered this one.
        let mut visit = |frame: Frame<'_>| {
            trap.backtrace.push(match frame {
                Frame::Host => TrapFrame::host(),
                Frame::Wasm { instance, pc, .. } => {
                    match self.frame_at(pc.wrapping_sub(1), instance.vmctx() as usize, false) {
                        Some(frame) => frame,
                        None => return true,
                    }
                }
            });
            trap.backtrace.len() < MAX_BACKTRACE
        };
        // SAFETY: no Wasm frame to start from (fp 0); `last_exit` is this store's innermost
        // live exit record (host calls restore it before they return), and the outer
        // activations' stacks stay as they are while this host code runs.
        unsafe { frames::walk(0, 0, 0, vm.last_exit, &mut visit) };
        trap
    }

    /// The frame of one of this store's instances (the one whose vmctx is `vmctx`, if it runs
    /// that code, else the first whose code holds `pc`) at `pc`, and with `trap_site`, the
    /// bytecode offset of the trap site whose call returns to `pc`.
    fn frame_at(&self, pc: usize, vmctx: usize, trap_site: bool) -> Option<TrapFrame> {
        let by_vmctx = self
            .instances
            .iter()
            .filter(|inst| inst.get().vmctx() as usize == vmctx);
        by_vmctx.chain(self.instances.iter()).find_map(|inst| {
            let inst = inst.get();
            let module = &inst.module;
            let offset = pc.checked_sub(module.published.base())?;
            // A trap site's call may end the code: its return address is the end.
            if offset > module.published.len() {
                return None;
            }
            let offset = u32::try_from(offset).ok()?;
            let (func_index, bytecode_offset) = match module.code.trap_at(offset) {
                Some((site, func)) if trap_site => (func, Some(site.bytecode_offset)),
                _ => (
                    module
                        .code
                        .func_at(offset, module.info.num_imported_funcs)?,
                    None,
                ),
            };
            Some(TrapFrame {
                instance: Some(inst.id),
                func_index,
                bytecode_offset,
            })
        })
    }

    /// The instance whose Wasm code called the host function that is running now (the
    /// innermost host call), or `None` when no host function runs or the host called it
    /// directly.
    pub fn calling_instance(&self) -> Option<InstanceId> {
        let exit = self.vm.get().vm.last_exit;
        if exit == 0 {
            return None;
        }
        // SAFETY: `last_exit` is this store's innermost live exit record; its `fp` is the frame
        // of the host function's caller, a Wasm frame when below the activation's `entry_sp`.
        unsafe {
            let exit = &*(exit as *const ExitRecord);
            if exit.fp == 0 || exit.fp >= exit.entry_sp {
                return None;
            }
            frames::frame_instance(exit.fp).map(|i| i.id)
        }
    }

    // ---- instances ----

    /// An instance of this store.
    pub fn instance(&self, id: InstanceId) -> &Instance {
        self.instances[id.0 as usize].get()
    }

    /// The instance that defines `func` (`None` for host functions and functions of other
    /// stores). For an imported
    /// function re-exported by an instance, the instance that defines it.
    pub fn func_instance(&self, func: FuncRef) -> Option<InstanceId> {
        let vmctx = self.record(func)?.vmctx as *const u8;
        // SAFETY: a function's vmctx is an instance vmctx or a host function context of this
        // store, both live with the shared header; INSTANCE is null in host contexts.
        let instance = unsafe { *(vmctx.add(vmctx::INSTANCE as usize) as *const *const Instance) };
        // SAFETY: a live instance of this store.
        (!instance.is_null()).then(|| unsafe { (*instance).id })
    }

    /// The export `name` of instance `id`.
    pub fn export(&self, id: InstanceId, name: &str) -> Option<Extern> {
        let inst = self.instance(id);
        let export = inst.module.info.exports.iter().find(|e| e.name == name)?;
        Some(self.resolve_export(inst, export.kind))
    }

    /// Every export of instance `id`, in section order.
    pub fn exports(&self, id: InstanceId) -> Vec<(&str, Extern)> {
        let inst = self.instance(id);
        inst.module
            .info
            .exports
            .iter()
            .map(|e| (e.name.as_str(), self.resolve_export(inst, e.kind)))
            .collect()
    }

    fn resolve_export(&self, inst: &Instance, kind: ExportKind) -> Extern {
        match kind {
            ExportKind::Func(i) => Extern::Func(FuncRef(inst.funcref_addr(i))),
            ExportKind::Table(i) => Extern::Table(inst.tables[i as usize]),
            ExportKind::Memory(i) => Extern::Memory(inst.memories[i as usize]),
            ExportKind::Global(i) => Extern::Global(inst.globals[i as usize]),
        }
    }

    /// Instantiates `module` with `imports` (one per import, in order): links, allocates,
    /// initializes segments and runs the start function.
    ///
    /// Every import must belong to this store. On a trap in a segment or the start function,
    /// what earlier segments wrote to imported memories and tables stays.
    pub fn instantiate(
        &mut self,
        module: &Arc<CompiledModule>,
        imports: &[Extern],
    ) -> Result<InstanceId, InstantiateError> {
        let id = self.instantiate_without_start(module, imports)?;
        self.run_start(id).map_err(InstantiateError::Trap)?;
        Ok(id)
    }

    /// [`Store::instantiate`] up to (not including) the start function; the caller runs it
    /// with [`Store::run_start`] before using the instance.
    pub fn instantiate_without_start(
        &mut self,
        module: &Arc<CompiledModule>,
        imports: &[Extern],
    ) -> Result<InstanceId, InstantiateError> {
        let info = &module.info;
        if !module.engine.same(&self.engine) {
            return Err(crate::Error::link("module and store belong to different engines").into());
        }
        if imports.len() != info.imports.len() {
            return Err(crate::Error::link(format!(
                "expected {} imports, got {}",
                info.imports.len(),
                imports.len()
            ))
            .into());
        }
        let mut funcs = Vec::new();
        let mut memories = Vec::new();
        let mut tables = Vec::new();
        let mut globals = Vec::new();
        for (import, ext) in info.imports.iter().zip(imports) {
            let ok = match (import.kind, *ext) {
                (ImportKind::Func(t), Extern::Func(f)) => {
                    let Some(rec) = self.record(f) else {
                        return Err(crate::Error::link(format!(
                            "import `{}::{}` is a function of another store",
                            import.module, import.name
                        ))
                        .into());
                    };
                    funcs.push(rec);
                    module.type_ids.get(t as usize).map(|id| *id as u64) == Some(rec.type_id)
                }
                (ImportKind::Table(want), Extern::Table(id)) => {
                    tables.push(id);
                    let have = self.table(id).ty();
                    have.elem == want.elem && limits_match(have.min, have.max, want.min, want.max)
                }
                (ImportKind::Memory(want), Extern::Memory(id)) => {
                    memories.push(id);
                    let have = self.memory(id).ty();
                    limits_match(have.min, have.max, want.min, want.max)
                }
                (ImportKind::Global(want), Extern::Global(id)) => {
                    globals.push(id);
                    self.global(id).ty() == want
                }
                _ => false,
            };
            if !ok {
                return Err(crate::Error::link(format!(
                    "incompatible import type for `{}::{}`",
                    import.module, import.name
                ))
                .into());
            }
        }

        let offsets = &module.offsets;
        let vmctx = VmctxAlloc::new(offsets.size)?;
        let code_base = module.published.base();
        // SAFETY (all vmctx writes below): the offsets come from the module's `VMOffsets`, for
        // which the vmctx was sized, and indices are below the counts it was laid out with.
        unsafe {
            vmctx.write(vmctx::STORE, self.vm.ptr() as u64);
            vmctx.write(vmctx::STACK_LIMIT, (*self.vm.ptr()).vm.stack_limit as u64);
            vmctx.write(
                vmctx::LIBCALLS,
                crate::libcalls::libcall_table().as_ptr() as u64,
            );
            vmctx.write(vmctx::TRAP_STUB, self.engine.inner.trap as u64);
            vmctx.write(vmctx::CODE_BASE, code_base as u64);
            for (i, id) in module.type_ids.iter().enumerate() {
                vmctx.write_u32(offsets.type_id(i as u32), *id);
            }
        }
        // Defined memories and tables.
        for ty in &info.memories[info.num_imported_memories as usize..] {
            memories.push(self.new_memory(*ty)?);
        }
        for ty in &info.tables[info.num_imported_tables as usize..] {
            tables.push(self.new_table(*ty, 0)?);
        }
        // SAFETY: as above; the pointers are to live objects of this store.
        unsafe {
            for (i, id) in memories.iter().enumerate() {
                let p = self.memories[id.0 as usize].ptr();
                vmctx.write(offsets.memory(i as u32), p as u64);
                // Code compiled with guard pages reads a guarded memory's base from this
                // copy; it never moves (only such code runs with guarded memories).
                let memory = self.memories[id.0 as usize].get();
                if memory.is_guarded() {
                    vmctx.write(offsets.memory_base(i as u32), memory.def.base as u64);
                }
            }
            for (i, id) in tables.iter().enumerate() {
                let p = self.tables[id.0 as usize].ptr();
                vmctx.write(offsets.table(i as u32), p as u64);
            }
        }
        // Function records.
        let base = vmctx.ptr() as usize;
        for (i, &type_index) in info.functions.iter().enumerate() {
            let rec = match funcs.get(i) {
                // A copy of another instance's record, which only that instance's debugger
                // switches: debug code calls it at its start.
                Some(rec) => VMFuncRef {
                    fast_ptr: rec.func_ptr,
                    ..*rec
                },
                None => {
                    let defined = i - funcs.len();
                    let f = module.code.functions.get(defined).ok_or_else(|| {
                        crate::Error::resource("module has no code for a function")
                    })?;
                    let func_ptr = code_base + f.code_offset as usize;
                    let fast_entry = module
                        .debug
                        .as_ref()
                        .and_then(|d| d.fast_entry(defined as u32));
                    VMFuncRef {
                        func_ptr,
                        vmctx: base,
                        type_id: module
                            .type_ids
                            .get(type_index as usize)
                            .copied()
                            .unwrap_or(0) as u64,
                        fast_ptr: fast_entry.map_or(func_ptr, |at| func_ptr + at as usize),
                    }
                }
            };
            let off = offsets.funcref(i as u32);
            // SAFETY: as above.
            unsafe {
                vmctx.write(off + vmctx::FUNCREF_FUNC_PTR, rec.func_ptr as u64);
                vmctx.write(off + vmctx::FUNCREF_VMCTX, rec.vmctx as u64);
                vmctx.write(off + vmctx::FUNCREF_TYPE_ID, rec.type_id);
                vmctx.write(off + vmctx::FUNCREF_FAST_PTR, rec.fast_ptr as u64);
            }
        }
        let mut instance = Instance {
            id: InstanceId(self.instances.len() as u32),
            module: module.clone(),
            vmctx,
            memories,
            tables,
            globals,
            elements: Vec::new(),
            data_dropped: vec![false; info.data.len()],
            debug_gates: module.debug.as_ref().map(|d| d.new_gate_table()),
        };
        if let Some(gates) = &instance.debug_gates {
            // SAFETY: as above; the table lives as long as the instance.
            unsafe {
                instance
                    .vmctx
                    .write(vmctx::DEBUG_GATES, gates.base() as u64)
            };
        }
        // Defined globals (their initializers see imported globals and functions only).
        for (ty, init) in info.globals[info.num_imported_globals as usize..]
            .iter()
            .zip(&info.global_inits)
        {
            let bits = self.eval(init, &instance);
            let id = self.new_global(*ty, bits);
            instance.globals.push(id);
        }
        // SAFETY: as above.
        unsafe {
            for (i, id) in instance.globals.iter().enumerate() {
                let p = self.globals[id.0 as usize].ptr();
                instance.vmctx.write(offsets.global(i as u32), p as u64);
            }
        }
        instance.elements = info
            .elements
            .iter()
            .map(|seg| seg.items.iter().map(|e| self.eval(e, &instance)).collect())
            .collect();

        // The instance is owned by the store from here on: even if a segment traps, functions
        // of it may already be in imported tables.
        let instance_id = instance.id;
        let owned = Owned::new(instance);
        let ip = owned.ptr();
        if !info.functions.is_empty() {
            // SAFETY: `ip` is the live instance just made.
            let first = unsafe { (*ip).funcref_addr(0) };
            self.funcref_runs.insert(first, info.functions.len());
        }
        self.instances.push(owned);
        let id = InstanceId(self.instances.len() as u32 - 1);
        debug_assert_eq!(id, instance_id);
        // SAFETY: `ip` is the live instance just stored; nothing else references it yet.
        let instance = unsafe { &mut *ip };
        // SAFETY: as above.
        unsafe { instance.vmctx.write(vmctx::INSTANCE, ip as u64) };

        let trap = |kind| InstantiateError::Trap(Trap::new(kind));
        for (i, seg) in info.elements.iter().enumerate() {
            match seg.mode {
                SegmentMode::Active { index, offset } => {
                    let dst = self.eval(&offset, instance) as u32 as usize;
                    let table = instance.tables[index as usize];
                    let items = core::mem::take(&mut instance.elements[i]);
                    let elements = self.table_mut(table).elements_mut();
                    match dst
                        .checked_add(items.len())
                        .filter(|end| *end <= elements.len())
                    {
                        Some(end) => elements[dst..end].copy_from_slice(&items),
                        None => return Err(trap(TrapKind::TableOutOfBounds)),
                    }
                }
                SegmentMode::Declared => instance.elements[i] = Vec::new(),
                SegmentMode::Passive => {}
            }
        }
        for (i, seg) in info.data.iter().enumerate() {
            if let SegmentMode::Active { index, offset } = seg.mode {
                let dst = self.eval(&offset, instance) as u32 as usize;
                let memory = instance.memories[index as usize];
                let bytes = module.bytes.get(seg.range.clone()).unwrap_or(&[]);
                let data = self.memory_mut(memory).data_mut();
                match dst
                    .checked_add(bytes.len())
                    .filter(|end| *end <= data.len())
                {
                    Some(end) => data[dst..end].copy_from_slice(bytes),
                    None => return Err(trap(TrapKind::MemoryOutOfBounds)),
                }
                instance.data_dropped[i] = true;
            }
        }
        Ok(id)
    }

    /// Runs the start function of instance `id`, if its module has one.
    pub fn run_start(&mut self, id: InstanceId) -> Result<(), Trap> {
        let instance = self.instance(id);
        if let Some(start) = instance.module.info.start {
            let f = FuncRef(instance.funcref_addr(start));
            self.call(f, &[])?;
        }
        Ok(())
    }

    /// The bits of a constant expression evaluated for `instance`.
    fn eval(&self, expr: &ConstExpr, instance: &Instance) -> u64 {
        match *expr {
            ConstExpr::I32(v) => v as u32 as u64,
            ConstExpr::I64(v) => v as u64,
            ConstExpr::F32(b) => b as u64,
            ConstExpr::F64(b) => b,
            ConstExpr::RefNull(_) => 0,
            ConstExpr::RefFunc(i) => instance.funcref_addr(i) as u64,
            ConstExpr::GlobalGet(i) => instance
                .globals
                .get(i as usize)
                .map_or(0, |id| self.global(*id).get()),
        }
    }
}

/// Import subtyping of limits: the provided object's current size is at least the required
/// minimum, and its maximum (if required) is at most the required maximum.
fn limits_match(
    have_min: u64,
    have_max: Option<u64>,
    want_min: u64,
    want_max: Option<u64>,
) -> bool {
    have_min >= want_min
        && match (have_max, want_max) {
            (_, None) => true,
            (Some(h), Some(w)) => h <= w,
            (None, Some(_)) => false,
        }
}

impl core::fmt::Debug for Store {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Store")
            .field("id", &self.id)
            .field("instances", &self.instances.len())
            .finish()
    }
}
