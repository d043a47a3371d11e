//! Test harness: runs machine code from the emitter for real. Functions are linked with
//! `LinkedCode::link`, copied to executable memory and entered through the runtime stubs'
//! entry trampoline, with a fake instance context (store, libcall table, one memory, one
//! table, a few function references) laid out like the core's vmctx.

use std::cell::Cell;
use std::sync::OnceLock;

use breakwater_core::codegen::backend_rules::FrameEnd;
use breakwater_core::codegen::{Base, Emitter, Isa, OperandSize, Reg};
use breakwater_core::compiled::{CompiledCode, LinkedCode, RuntimeStubs, TrapSite};
use breakwater_core::libcalls::{Libcall, LibcallResult};
use breakwater_core::vmctx::{self, VMFuncRef, VMMemoryDef, VMStoreContext, VMTableDef};
use breakwater_core::TrapKind;
use dynasmrt::mmap::MutableBuffer;
use dynasmrt::ExecutableBuffer;

use crate::isa::{BackendEmitter, BackendIsa};

/// `entry(vmctx, func_ptr, values, area_slots) -> trap code`.
use breakwater_core::codegen::convention::REG_BLOCK_WORDS;

/// The entry trampoline: (vmctx, func, area values, slots, register block).
pub type EntryFn =
    unsafe extern "C" fn(*mut u8, usize, *mut u64, usize, *mut [u64; REG_BLOCK_WORDS]) -> u64;

/// Bytes copied into read+execute memory.
pub struct Exec {
    /// The mapping (kept alive while code may run).
    buf: ExecutableBuffer,
}

impl Exec {
    /// Maps `bytes` executable.
    pub fn new(bytes: &[u8]) -> Exec {
        let mut buf = MutableBuffer::new(bytes.len().max(1)).expect("mmap");
        buf.set_len(bytes.len());
        buf.copy_from_slice(bytes);
        Exec {
            buf: crate::isa::make_exec(buf),
        }
    }

    /// Address of the first byte.
    pub fn addr(&self) -> usize {
        self.buf.as_ptr() as usize
    }
}

/// The runtime stubs, mapped once per test process.
pub struct Stubs {
    /// Their code.
    pub exec: Exec,
    /// Their offsets.
    pub stubs: RuntimeStubs,
}

impl Stubs {
    /// The entry trampoline.
    pub fn entry(&self) -> EntryFn {
        let addr = self.exec.addr() + self.stubs.entry as usize;
        // SAFETY: the entry stub has exactly this signature (see `RuntimeStubs`).
        unsafe { std::mem::transmute::<usize, EntryFn>(addr) }
    }
    /// The trap stub's address (for the vmctx header).
    pub fn trap(&self) -> usize {
        self.exec.addr() + self.stubs.trap as usize
    }
    /// The host adapter's address (the `func_ptr` of host functions).
    pub fn host_adapter(&self) -> usize {
        self.exec.addr() + self.stubs.host_adapter as usize
    }
}

/// The process-wide stubs.
pub fn stubs() -> &'static Stubs {
    static STUBS: OnceLock<Stubs> = OnceLock::new();
    STUBS.get_or_init(|| {
        let stubs = BackendIsa.runtime_stubs();
        Stubs {
            exec: Exec::new(&stubs.bytes),
            stubs,
        }
    })
}

/// Linked, executable functions of one "module" (no imports).
pub struct Module {
    /// The code.
    pub exec: Exec,
    /// Layout and trap sites.
    pub linked: LinkedCode,
}

impl Module {
    /// Links and maps `funcs` (function `i` is `funcs[i]`).
    pub fn new(funcs: Vec<CompiledCode>) -> Module {
        let linked = LinkedCode::link(funcs, 0, &Default::default()).expect("links");
        Module {
            exec: Exec::new(&linked.bytes),
            linked,
        }
    }

    /// Address of function `i`.
    pub fn func(&self, i: u32) -> usize {
        self.exec.addr() + self.linked.functions[i as usize].code_offset as usize
    }

    /// The trap site whose return address is `pc`, if `pc` is in this module.
    pub fn trap_site(&self, pc: usize) -> Option<(TrapSite, u32)> {
        let off = pc.checked_sub(self.exec.addr())?;
        self.linked.trap_at(u32::try_from(off).ok()?)
    }
}

/// Test vmctx layout (after the 0x40-byte header): 4 type ids, one memory, one table, four
/// function references.
pub const TYPE_IDS: i32 = 0x40;
/// `*mut VMMemoryDef` of memory 0.
pub const MEMORY0: i32 = 0x50;
/// `*mut VMTableDef` of table 0.
pub const TABLE0: i32 = 0x58;
/// Start of the `VMFuncRef`s.
pub const FUNCREFS: i32 = 0x60;
/// Words in the test vmctx.
const VMCTX_WORDS: usize = 32;

/// vmctx offset of type id `i`.
pub fn type_id(i: i32) -> i32 {
    TYPE_IDS + 4 * i
}

/// vmctx offset of function reference `i`.
pub fn funcref(i: i32) -> i32 {
    FUNCREFS + vmctx::FUNCREF_SIZE as i32 * i
}

/// A 16-byte aligned context buffer (an instance vmctx or a host function context).
#[repr(C, align(16))]
pub struct CtxBuf {
    /// The raw words.
    pub words: [u64; VMCTX_WORDS],
}

impl CtxBuf {
    /// Writes `v` at byte offset `off`.
    pub fn set_u64(&mut self, off: i32, v: u64) {
        debug_assert_eq!(off % 8, 0);
        self.words[off as usize / 8] = v;
    }
    /// Writes `v` at byte offset `off`.
    pub fn set_u32(&mut self, off: i32, v: u32) {
        let w = &mut self.words[off as usize / 8];
        let shift = (off % 8) * 8;
        *w = (*w & !(0xffff_ffffu64 << shift)) | ((v as u64) << shift);
    }
    /// Writes a function reference at byte offset `off`.
    pub fn set_funcref(&mut self, off: i32, f: VMFuncRef) {
        self.set_u64(off + vmctx::FUNCREF_FUNC_PTR, f.func_ptr as u64);
        self.set_u64(off + vmctx::FUNCREF_VMCTX, f.vmctx as u64);
        self.set_u64(off + vmctx::FUNCREF_TYPE_ID, f.type_id);
        self.set_u64(off + vmctx::FUNCREF_FAST_PTR, f.fast_ptr as u64);
    }
    /// The address of the buffer.
    pub fn ptr(&mut self) -> *mut u8 {
        self.words.as_mut_ptr().cast()
    }
}

/// What a trapped call reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trapped {
    /// The trap code.
    pub code: u64,
    /// The return address of the call into the trap stub.
    pub pc: usize,
    /// The vmctx (or host context) at the trap.
    pub vmctx: usize,
}

impl Trapped {
    /// The trap kind.
    pub fn kind(&self) -> TrapKind {
        TrapKind::from_code(self.code).expect("valid trap code")
    }
}

/// A fake instance: store, vmctx, libcalls, memory 0, table 0.
pub struct Env {
    /// The store context.
    pub store: Box<VMStoreContext>,
    /// The instance vmctx.
    pub vmctx: Box<CtxBuf>,
    /// The libcall table.
    pub libcalls: Vec<usize>,
    /// Memory 0's bytes.
    pub memory: Vec<u8>,
    /// Memory 0's definition.
    pub memdef: Box<VMMemoryDef>,
    /// Table 0's elements.
    pub table: Vec<u64>,
    /// Table 0's definition.
    pub tabledef: Box<VMTableDef>,
    /// Bytes of stack Wasm code may use below the caller's stack pointer.
    pub stack_budget: usize,
}

/// Default libcall: reports a trap with an impossible code so a wrong slot is noticed.
extern "C" fn unexpected_libcall(
    _: *mut u8,
    _: u64,
    _: u64,
    _: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    LibcallResult {
        value: 0,
        trap: 0xbad,
    }
}

impl Env {
    /// A fresh environment with a memory of `mem_len` bytes (filled with a pattern) and a table
    /// of 4 null elements.
    pub fn new(mem_len: usize) -> Box<Env> {
        let mut memory: Vec<u8> = (0..mem_len).map(|i| (i * 7 + 3) as u8).collect();
        let mut table = vec![0u64; 4];
        let mut env = Box::new(Env {
            store: Box::default(),
            vmctx: Box::new(CtxBuf {
                words: [0; VMCTX_WORDS],
            }),
            libcalls: vec![unexpected_libcall as *const () as usize; Libcall::ALL.len()],
            memdef: Box::new(VMMemoryDef {
                base: memory.as_mut_ptr(),
                length: mem_len as u64,
            }),
            tabledef: Box::new(VMTableDef {
                base: table.as_mut_ptr(),
                length: 4,
            }),
            memory,
            table,
            stack_budget: 512 * 1024,
        });
        env.refresh_header();
        env
    }

    /// Rewrites the header and array pointers (after changing the libcall table etc.).
    pub fn refresh_header(&mut self) {
        let store = &mut *self.store as *mut VMStoreContext as u64;
        let libcalls = self.libcalls.as_ptr() as u64;
        let memdef = &mut *self.memdef as *mut VMMemoryDef as u64;
        let tabledef = &mut *self.tabledef as *mut VMTableDef as u64;
        let v = &mut self.vmctx;
        v.set_u64(vmctx::STORE, store);
        v.set_u64(vmctx::LIBCALLS, libcalls);
        v.set_u64(vmctx::TRAP_STUB, stubs().trap() as u64);
        v.set_u64(MEMORY0, memdef);
        v.set_u64(TABLE0, tabledef);
    }

    /// Sets libcall `call` to `f`.
    pub fn set_libcall(&mut self, call: Libcall, f: usize) {
        self.libcalls[call as usize] = f;
        self.refresh_header();
    }

    /// Points memory 0's definition at `base`/`length` (for large-offset tests).
    pub fn set_memory(&mut self, base: *mut u8, length: u64) {
        self.memdef.base = base;
        self.memdef.length = length;
    }

    /// The vmctx address.
    pub fn vmctx_ptr(&mut self) -> *mut u8 {
        self.vmctx.ptr()
    }

    /// Calls `func` through the entry trampoline with `values` as its argument/result area.
    pub fn call(&mut self, func: usize, values: &mut [u64]) -> Result<(), Trapped> {
        let vmctx = self.vmctx_ptr();
        let store = &mut *self.store as *mut VMStoreContext;
        call_raw(store, vmctx, self.stack_budget, func, values)
    }

    /// Calls `func`, compiled by the front end with signature `ty`, with `values` as its
    /// argument/result area in value order: its register arguments go in the register block,
    /// a single result comes back from it.
    pub fn call_typed(
        &mut self,
        func: usize,
        values: &mut [u64],
        ty: &breakwater_core::types::FuncType,
    ) -> Result<(), Trapped> {
        use breakwater_core::codegen::convention;
        let mut regs = [0u64; REG_BLOCK_WORDS];
        convention::args_to_block(&ty.params, values, &mut regs);
        let vmctx = self.vmctx_ptr();
        let store = &mut *self.store as *mut VMStoreContext;
        call_raw_with(store, vmctx, self.stack_budget, func, values, &mut regs)?;
        if let Some(r) = convention::result_reg(&ty.results) {
            values[0] = regs[convention::block_word(r)];
        }
        Ok(())
    }

    /// The store as a raw pointer (for nested entries from host callbacks).
    pub fn store_ptr(&mut self) -> *mut VMStoreContext {
        &mut *self.store
    }
}

/// Enters `func` with context `ctx`, setting the store's stack limit `budget` bytes below the
/// current stack pointer (unless an outer entry did), and checks that the trampoline restored
/// `entry_sp`. The store is a raw pointer because nested entries (from host callbacks) use it
/// while an outer entry is running.
pub fn call_raw(
    store: *mut VMStoreContext,
    ctx: *mut u8,
    budget: usize,
    func: usize,
    values: &mut [u64],
) -> Result<(), Trapped> {
    // Hand-built functions take every argument in the area: the register block is unused.
    let mut regs = [0u64; REG_BLOCK_WORDS];
    call_raw_with(store, ctx, budget, func, values, &mut regs)
}

/// [`call_raw`] with the register block of the internal convention (see
/// `breakwater_core::codegen::convention`), for code the front end compiled.
pub fn call_raw_with(
    store: *mut VMStoreContext,
    ctx: *mut u8,
    budget: usize,
    func: usize,
    values: &mut [u64],
    regs: &mut [u64; REG_BLOCK_WORDS],
) -> Result<(), Trapped> {
    let marker = 0u8;
    let sp = std::hint::black_box(&marker) as *const u8 as usize;
    // SAFETY: `store` points to a live store context; no reference to it is held across the
    // call into machine code.
    unsafe {
        let old_limit = (*store).stack_limit;
        if old_limit == 0 {
            (*store).stack_limit = sp - budget;
        }
        // The prologues read the vmctx's copy of the limit, as the runtime keeps it.
        let ctx_limit = ctx.add(vmctx::STACK_LIMIT as usize) as *mut usize;
        let old_ctx_limit = ctx_limit.read();
        ctx_limit.write((*store).stack_limit);
        let old_entry_sp = (*store).entry_sp;
        (*store).trap_code = 0;
        // `func` is code built by these tests for the internal calling convention with at most
        // `values.len()` slots; `ctx` is a context whose header points at `store`.
        let code = (stubs().entry())(ctx, func, values.as_mut_ptr(), values.len(), regs);
        assert_eq!((*store).entry_sp, old_entry_sp, "entry_sp not restored");
        (*store).stack_limit = old_limit;
        ctx_limit.write(old_ctx_limit);
        if code == 0 {
            Ok(())
        } else {
            assert_eq!((*store).trap_code, code, "trap code recorded");
            Err(Trapped {
                code,
                pc: (*store).trap_pc,
                vmctx: (*store).trap_vmctx,
            })
        }
    }
}

/// Frame-pointer offset of value `i` of a `k`-slot argument/result area.
pub fn area(k: u32, i: u32) -> i32 {
    16 + 8 * (k - 1 - i) as i32
}

/// Builds a function: prologue, `body`, epilogue, with `frame` bytes below fp.
pub fn build(frame: u32, body: impl FnOnce(&mut BackendEmitter)) -> CompiledCode {
    let mut e = BackendEmitter::new();
    e.prologue(&[]);
    body(&mut e);
    e.epilogue();
    e.finish(FrameEnd::new(frame, true))
}

/// Links one function, runs it with `values` and reports a trap (checking that its pc is a
/// recorded trap site) as `(kind, bytecode offset)`.
pub fn run(code: CompiledCode, values: &mut [u64]) -> Result<(), (TrapKind, u32)> {
    let mut env = Env::new(0);
    run_in(&mut env, code, values)
}

/// Like [`run`] in a given environment.
pub fn run_in(
    env: &mut Env,
    code: CompiledCode,
    values: &mut [u64],
) -> Result<(), (TrapKind, u32)> {
    let module = Module::new(vec![code]);
    match env.call(module.func(0), values) {
        Ok(()) => Ok(()),
        Err(t) => {
            let (site, func) = module
                .trap_site(t.pc)
                .unwrap_or_else(|| panic!("trap pc {:#x} is not a trap site", t.pc));
            assert_eq!(func, 0);
            assert_eq!(t.vmctx, env.vmctx_ptr() as usize);
            Err((t.kind(), site.bytecode_offset))
        }
    }
}

/// Canary bits for allocatable register `r`.
pub fn canary(r: Reg) -> u64 {
    match r {
        Reg::Gpr(i) => 0xc0de_0000_0000_0000 | (i as u64) << 8 | 0x11,
        Reg::Fpr(i) => 0x7ff4_dead_0000_0000 | (i as u64) << 8 | 0x22,
    }
}

/// Every allocatable register.
pub fn all_regs() -> Vec<Reg> {
    let mut v: Vec<Reg> = (0..BackendEmitter::GPR_COUNT).map(Reg::Gpr).collect();
    v.extend((0..BackendEmitter::FPR_COUNT).map(Reg::Fpr));
    v
}

/// Runs one operation in isolation: `inputs` (register, 64-bit bits; registers listed twice
/// must have equal bits) are loaded from the area, every other allocatable register holds a
/// canary, `op` runs, then `output` is returned and every canary is checked to be intact.
pub fn run_op(
    inputs: &[(Reg, u64)],
    output: Reg,
    op: impl FnOnce(&mut BackendEmitter),
) -> Result<u64, (TrapKind, u32)> {
    let mut env = Env::new(0);
    run_op_in(&mut env, inputs, output, op)
}

/// Like [`run_op`] in a given environment.
pub fn run_op_in(
    env: &mut Env,
    inputs: &[(Reg, u64)],
    output: Reg,
    op: impl FnOnce(&mut BackendEmitter),
) -> Result<u64, (TrapKind, u32)> {
    for (i, &(r, bits)) in inputs.iter().enumerate() {
        for &(r2, bits2) in &inputs[..i] {
            assert!(r != r2 || bits == bits2, "aliased inputs need equal values");
        }
    }
    let canaries: Vec<Reg> = all_regs()
        .into_iter()
        .filter(|r| *r != output && !inputs.iter().any(|(i, _)| i == r))
        .collect();
    let n = inputs.len() as u32;
    let k = n + 1 + canaries.len() as u32;
    let code = build(8, |e| {
        for &r in &canaries {
            e.load_const(r, OperandSize::S64, canary(r));
        }
        for (i, &(r, _)) in inputs.iter().enumerate() {
            e.load(r, Base::Frame, area(k, i as u32), OperandSize::S64);
        }
        op(e);
        e.store(Base::Frame, area(k, n), output, OperandSize::S64);
        for (j, &r) in canaries.iter().enumerate() {
            e.store(Base::Frame, area(k, n + 1 + j as u32), r, OperandSize::S64);
        }
    });
    let mut values = vec![0u64; k as usize];
    for (i, &(_, bits)) in inputs.iter().enumerate() {
        values[i] = bits;
    }
    run_in(env, code, &mut values)?;
    for (j, &r) in canaries.iter().enumerate() {
        assert_eq!(
            values[(n + 1) as usize + j],
            canary(r),
            "register {r:?} clobbered"
        );
    }
    Ok(values[n as usize])
}

/// Garbage for the upper half of i32 inputs (their upper bits are unspecified), unless the
/// backend keeps them zero (`Emitter::I32_ZERO_EXTENDED`).
pub fn dirty32(v: u32) -> u64 {
    if BackendEmitter::I32_ZERO_EXTENDED {
        v as u64
    } else {
        0xa5a5_5a5a_0000_0000 | v as u64
    }
}

thread_local! {
    /// Arguments seen by the recording libcall.
    pub static LIBCALL_ARGS: Cell<[u64; 6]> = const { Cell::new([0; 6]) };
}

/// A libcall that records its arguments (vmctx first) and returns a mix of them.
pub extern "C" fn recording_libcall(
    vmctx: *mut u8,
    a: u64,
    b: u64,
    c: u64,
    d: u64,
    e: u64,
) -> LibcallResult {
    LIBCALL_ARGS.with(|l| l.set([vmctx as u64, a, b, c, d, e]));
    LibcallResult {
        value: a.wrapping_mul(3) ^ b.rotate_left(7) ^ c ^ d.rotate_left(13) ^ e.rotate_left(29),
        trap: 0,
    }
}

/// A libcall that returns `a` as its trap code and `b` as its value.
pub extern "C" fn trapping_libcall(
    _: *mut u8,
    a: u64,
    b: u64,
    _: u64,
    _: u64,
    _: u64,
) -> LibcallResult {
    LibcallResult { value: b, trap: a }
}
