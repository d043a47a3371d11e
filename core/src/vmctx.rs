//! The instance context (vmctx): the memory layout that compiled code addresses through the
//! pinned instance register (r14 on x64).
//!
//! ```text
//! header (fixed offsets, shared with VMHostFuncContext so runtime stubs work on either):
//!   0x00 stack_limit     usize   a copy of the store's `VMStoreContext::stack_limit`, which
//!                                the prologue compares with its frame (one load)
//!   0x08 debug_gates     *const usize  per-function gates of debug code (see
//!                                `crate::debug::abi`)
//!   0x10 store           *mut VMStoreContext
//!   0x18 libcalls        *const usize   table indexed by `Libcall as usize`
//!   0x20 trap_stub       usize   entered by `call` with the trap code in the first scratch
//!                                register (x64: esi); unwinds to the innermost entry
//!   0x28 instance        *mut ()  the runtime's instance (opaque to compiled code)
//!   0x30 code_base       usize   start of this module's published code
//!   0x38 debug_state     *const VMDebugState  the attached debugger, or null
//! then the per-module arrays, at offsets given by `VMOffsets`:
//!   type_ids   [u32; ntypes]            engine-wide canonical signature ids (padded to 8)
//!   memories   [*mut VMMemoryDef; nmem]
//!   memory_bases [*mut u8; nmem]        each guarded memory's base (it never moves), 0 for
//!                                       others: code compiled with guard pages reads the base
//!                                       with one load
//!   tables     [*mut VMTableDef; ntables]
//!   globals    [*mut VMGlobal; nglobals]
//!   funcrefs   [VMFuncRef; nfuncs]      one per function, imported ones copied from the exporter
//! ```

use crate::module::ModuleInfo;

/// Offset of the stack limit: a copy of the store's (`store::STACK_LIMIT`), kept current in
/// every instance of the store, so that a prologue's check is one load from the vmctx.
pub const STACK_LIMIT: i32 = 0x00;
/// Offset of the per-function gate table (`*const usize`, indexed by function index).
pub const DEBUG_GATES: i32 = 0x08;
/// Offset of the `*mut VMStoreContext`.
pub const STORE: i32 = 0x10;
/// Offset of the libcall table pointer.
pub const LIBCALLS: i32 = 0x18;
/// Offset of the trap stub address.
pub const TRAP_STUB: i32 = 0x20;
/// Offset of the runtime's instance pointer.
pub const INSTANCE: i32 = 0x28;
/// Offset of the module's code base address.
pub const CODE_BASE: i32 = 0x30;
/// Offset of the `*const VMDebugState` of the attached debugger (null when none is).
pub const DEBUG_STATE: i32 = 0x38;
/// Size of the header shared by instance and host-function contexts.
pub const HEADER_SIZE: u32 = 0x40;

/// Offsets in a host function context (a header followed by these fields).
pub mod host {
    /// `extern "C" fn(ctx: *mut VMContext, values: *mut u64) -> u64` (0 = ok, else trap code).
    pub const CALLBACK: i32 = super::HEADER_SIZE as i32;
    /// Opaque data for the callback.
    pub const DATA: i32 = super::HEADER_SIZE as i32 + 8;
    /// Size of a host function context.
    pub const SIZE: u32 = super::HEADER_SIZE + 16;
}

/// Offsets in a `VMStoreContext`.
pub mod store {
    /// Lowest stack pointer Wasm code may use; the prologue traps below it.
    pub const STACK_LIMIT: i32 = 0x00;
    /// Stack pointer saved by the innermost entry trampoline; the trap stub unwinds to it.
    pub const ENTRY_SP: i32 = 0x08;
    /// Trap code written by the trap stub.
    pub const TRAP_CODE: i32 = 0x10;
    /// Return address of the trap site's `call` into the trap stub.
    pub const TRAP_PC: i32 = 0x18;
    /// vmctx of the code that trapped.
    pub const TRAP_VMCTX: i32 = 0x20;
    /// How many callers the trap stub found on the frame-pointer chain between the trapping
    /// frame and the innermost entry (more than [`TRAP_FRAMES_MAX`] when it recorded only
    /// the innermost ones).
    pub const TRAP_FRAME_COUNT: i32 = 0x28;
    /// The callers, innermost first: `[[usize; 2]; TRAP_FRAMES_MAX]`, each the return address
    /// into the caller and the vmctx in the caller's frame (its slot at `fp - 8`; 0 where the
    /// chain ends).
    pub const TRAP_FRAMES: i32 = 0x30;
    /// How many return addresses the trap stub records.
    pub const TRAP_FRAMES_MAX: usize = 64;
}

/// State shared by all instances of one store: the stack limit and the trap record.
#[repr(C)]
#[derive(Debug)]
pub struct VMStoreContext {
    /// See [`store::STACK_LIMIT`].
    pub stack_limit: usize,
    /// See [`store::ENTRY_SP`].
    pub entry_sp: usize,
    /// See [`store::TRAP_CODE`].
    pub trap_code: u64,
    /// See [`store::TRAP_PC`].
    pub trap_pc: usize,
    /// See [`store::TRAP_VMCTX`].
    pub trap_vmctx: usize,
    /// See [`store::TRAP_FRAME_COUNT`].
    pub trap_frame_count: usize,
    /// See [`store::TRAP_FRAMES`].
    pub trap_frames: [[usize; 2]; store::TRAP_FRAMES_MAX],
    /// The innermost active call from Wasm into a host function: the address of its
    /// `runtime::frames::ExitRecord` (0 when none is active). Not used by compiled code.
    pub last_exit: usize,
}

impl Default for VMStoreContext {
    fn default() -> Self {
        VMStoreContext {
            stack_limit: 0,
            entry_sp: 0,
            trap_code: 0,
            trap_pc: 0,
            trap_vmctx: 0,
            trap_frame_count: 0,
            trap_frames: [[0; 2]; store::TRAP_FRAMES_MAX],
            last_exit: 0,
        }
    }
}

// The offsets compiled code uses are the fields' offsets.
const _: () = {
    use core::mem::offset_of;
    assert!(offset_of!(VMStoreContext, stack_limit) == store::STACK_LIMIT as usize);
    assert!(offset_of!(VMStoreContext, entry_sp) == store::ENTRY_SP as usize);
    assert!(offset_of!(VMStoreContext, trap_code) == store::TRAP_CODE as usize);
    assert!(offset_of!(VMStoreContext, trap_pc) == store::TRAP_PC as usize);
    assert!(offset_of!(VMStoreContext, trap_vmctx) == store::TRAP_VMCTX as usize);
    assert!(offset_of!(VMStoreContext, trap_frame_count) == store::TRAP_FRAME_COUNT as usize);
    assert!(offset_of!(VMStoreContext, trap_frames) == store::TRAP_FRAMES as usize);
};

/// A linear memory as compiled code sees it. The runtime updates it on `memory.grow`.
#[repr(C)]
#[derive(Debug)]
pub struct VMMemoryDef {
    /// Base address (may move on growth; code reloads it at every access).
    pub base: *mut u8,
    /// Length in bytes.
    pub length: u64,
}

/// Offset of `VMMemoryDef::base`.
pub const MEMORY_BASE: i32 = 0;
/// Offset of `VMMemoryDef::length`.
pub const MEMORY_LENGTH: i32 = 8;

/// A table as compiled code sees it: `length` 8-byte elements (funcref: `*const VMFuncRef`,
/// externref: a host handle; 0 is null).
#[repr(C)]
#[derive(Debug)]
pub struct VMTableDef {
    /// Base address of the elements.
    pub base: *mut u64,
    /// Number of elements.
    pub length: u64,
}

/// Offset of `VMTableDef::base`.
pub const TABLE_BASE: i32 = 0;
/// Offset of `VMTableDef::length`.
pub const TABLE_LENGTH: i32 = 8;

/// A global's storage cell: the value's bits (i32/f32 in the low 32 bits).
#[repr(C, align(16))]
#[derive(Debug, Default)]
pub struct VMGlobal {
    /// The bits of the value.
    pub bits: u64,
}

/// A function reference: what `ref.func`, tables and imports hold.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct VMFuncRef {
    /// Entry point, called with the internal calling convention.
    pub func_ptr: usize,
    /// The callee's context (an instance vmctx or a host function context).
    pub vmctx: usize,
    /// Engine-wide canonical signature id, compared by call_indirect.
    pub type_id: u64,
    /// The entry debug code's `call_indirect` calls: `func_ptr`, or a debug function's fast
    /// entry (see `crate::debug::abi`, "Fast entries"), which only its instance's debugger
    /// switches.
    pub fast_ptr: usize,
}

/// Offset of `VMFuncRef::func_ptr`.
pub const FUNCREF_FUNC_PTR: i32 = 0;
/// Offset of `VMFuncRef::vmctx`.
pub const FUNCREF_VMCTX: i32 = 8;
/// Offset of `VMFuncRef::type_id`.
pub const FUNCREF_TYPE_ID: i32 = 16;
/// Offset of `VMFuncRef::fast_ptr`.
pub const FUNCREF_FAST_PTR: i32 = 24;
/// Size of a `VMFuncRef`.
pub const FUNCREF_SIZE: u32 = 32;

/// The per-module arrays after the header, in order (in the artifacts' ABI fingerprint: code
/// compiled for one order must not run with another).
pub const ARRAYS: &str = "type_ids u32, memories ptr, memory_bases ptr, tables ptr, \
                          globals ptr, funcrefs VMFuncRef";

/// The offsets of one module's vmctx arrays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VMOffsets {
    /// Start of `type_ids`.
    pub type_ids: u32,
    /// Start of `memories`.
    pub memories: u32,
    /// Start of `memory_bases`.
    pub memory_bases: u32,
    /// Start of `tables`.
    pub tables: u32,
    /// Start of `globals`.
    pub globals: u32,
    /// Start of `funcrefs`.
    pub funcrefs: u32,
    /// Total size of the vmctx.
    pub size: u32,
}

impl VMOffsets {
    /// Lays out the vmctx of `module`.
    pub fn new(module: &ModuleInfo) -> VMOffsets {
        let type_ids = HEADER_SIZE;
        let memories = type_ids + ((module.types.len() as u32 * 4 + 7) & !7);
        let memory_bases = memories + module.memories.len() as u32 * 8;
        let tables = memory_bases + module.memories.len() as u32 * 8;
        let globals = tables + module.tables.len() as u32 * 8;
        let funcrefs = globals + module.globals.len() as u32 * 8;
        let size = funcrefs + module.functions.len() as u32 * FUNCREF_SIZE;
        VMOffsets {
            type_ids,
            memories,
            memory_bases,
            tables,
            globals,
            funcrefs,
            size,
        }
    }
    /// Offset of the canonical id of type `index`.
    pub fn type_id(&self, index: u32) -> i32 {
        (self.type_ids + 4 * index) as i32
    }
    /// Offset of the `*mut VMMemoryDef` of memory `index`.
    pub fn memory(&self, index: u32) -> i32 {
        (self.memories + 8 * index) as i32
    }
    /// Offset of the base address of memory `index` when it is guarded (see
    /// [`crate::runtime::MemoryInstance::is_guarded`]; 0 otherwise): a copy of its
    /// `VMMemoryDef::base`, which never changes for a guarded memory.
    pub fn memory_base(&self, index: u32) -> i32 {
        (self.memory_bases + 8 * index) as i32
    }
    /// Offset of the `*mut VMTableDef` of table `index`.
    pub fn table(&self, index: u32) -> i32 {
        (self.tables + 8 * index) as i32
    }
    /// Offset of the `*mut VMGlobal` of global `index`.
    pub fn global(&self, index: u32) -> i32 {
        (self.globals + 8 * index) as i32
    }
    /// Offset of the `VMFuncRef` of function `index`.
    pub fn funcref(&self, index: u32) -> i32 {
        (self.funcrefs + FUNCREF_SIZE * index) as i32
    }
}
