//! Debug code run for real: machine sites, the debug handler stub and the trap stub's debug
//! stop (the contract is `breakwater_core::debug::abi`).
//!
//! The tests use a fake debugger: their own core `GateTable` pointing at the core's
//! `MaskBlock`s (one per function, plus an all-ones one), whose handler word is the real debug
//! handler stub behind a thunk that counts its calls; a non-null `VMDebugState`; and `DebugSlowPath` /
//! `DebugTrap` libcalls that record what they are given (including the stack pointer at their
//! entry, to check alignment). The recording slow path returns the site's real resume address
//! (from `CompiledCode::site_resumes`, or the recorded `FunctionSites` of front-end code)
//! unless a test redirects it. The exact encodings are checked by each backend's own tests.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use breakwater_core::codegen::{
    Base, CallArea, CompileConfig, Emitter, IntBinKind, LibcallArg, OperandSize, Reg, RegImm,
};
use breakwater_core::compiled::CompiledCode;
use breakwater_core::debug::abi::{
    armed_bit, entry_bits_disp, mask_disp, site_bit, GateTable, MaskBlock, BITS_GPR, FPR_SAVE_BASE,
    REGISTER_SITES, REG_SAVE_WORDS, TABLE_GPR,
};
use breakwater_core::debug::{FunctionSites, Location, SiteKind, VMDebugState};
use breakwater_core::libcalls::{Libcall, LibcallResult};
use breakwater_core::vmctx;
use breakwater_core::{TrapKind, ValType};

use crate::harness::{
    all_regs, area, build, canary, recording_libcall, stubs, Env, Exec, Module, Trapped,
};
use crate::isa::{counting_thunk, sp_thunk, BackendEmitter, BackendIsa, CALL_PUSHED_BYTES};

use OperandSize::S64;

/// The gate table register.
const TABLE: Reg = Reg::Gpr(TABLE_GPR);
/// The register holding the function's first 64 site bits.
const BITS: Reg = Reg::Gpr(BITS_GPR);

/// A small module, by hand: type 0 = (i32, i32) -> i32; function 0 adds, calls function 1
/// (multiply) and counts its first argument down in a loop; function 1 multiplies.
fn test_module() -> Vec<u8> {
    let f0: &[u8] = &[
        0x00, // no locals
        0x20, 0x00, 0x20, 0x01, 0x6a, // local.get 0 ; local.get 1 ; i32.add
        0x20, 0x00, 0x20, 0x01, 0x10, 0x01, 0x6a, // (a, b) ; call 1 ; i32.add
        0x03, 0x40, // loop
        0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, 0x0d, 0x00, // a -= 1 ; br_if 0 (a != 0)
        0x0b, // end loop
        0x0b, // end function
    ];
    let f1: &[u8] = &[0x00, 0x20, 0x00, 0x20, 0x01, 0x6c, 0x0b];
    let mut code = vec![0x02];
    for f in [f0, f1] {
        code.push(f.len() as u8);
        code.extend_from_slice(f);
    }
    let mut m = vec![0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    m.extend_from_slice(&[0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]);
    m.extend_from_slice(&[0x03, 0x03, 0x02, 0x00, 0x00]);
    m.push(0x0a);
    m.push(code.len() as u8);
    m.extend_from_slice(&code);
    m
}

/// Compiles [`test_module`] with the core front end.
pub(crate) fn compile_test_module(config: &CompileConfig) -> Vec<CompiledCode> {
    let bytes = test_module();
    let parsed = breakwater_core::module::parse(&bytes).expect("valid module");
    breakwater_core::runtime::compile::compile_functions(
        &BackendIsa,
        &parsed.info,
        parsed.functions,
        config,
        &breakwater_core::runtime::compile::Sequential,
    )
    .expect("compiles")
}

/// Debug code that records its site tables.
pub(crate) const RECORDING: CompileConfig = CompileConfig {
    debug: true,
    record_sites: true,
    guard_pages: false,
};

/// Per machine site of `code`: (return offset, resume offset), function-relative, from the
/// backend's tables (hand-built code) or the recorded site tables (front-end code).
pub(crate) fn site_offsets(code: &CompiledCode) -> Vec<(u32, u32)> {
    match &code.sites {
        Some(s) => s
            .machine
            .iter()
            .map(|m| (m.return_offset, m.resume_offset))
            .collect(),
        None => {
            assert_eq!(code.site_returns.len(), code.site_resumes.len());
            code.site_returns
                .iter()
                .copied()
                .zip(code.site_resumes.iter().copied())
                .collect()
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The fake debugger

/// A `DebugSlowPath` call as the recording libcall saw it.
#[derive(Clone, Debug)]
struct SlowCall {
    vmctx: u64,
    ret: u64,
    fp: u64,
    regs_ptr: u64,
    regs: [u64; REG_SAVE_WORDS],
    /// sp at the libcall's entry.
    entry_sp: u64,
    /// `[fp - 8]` and `[fp]` (the caller's fp) during the call.
    frame_vmctx: u64,
    frame_caller_fp: u64,
}

/// A `DebugTrap` call as the recording libcall saw it.
#[derive(Clone, Debug)]
struct TrapCall {
    vmctx: u64,
    code: u64,
    pc: u64,
    fp: u64,
    regs_ptr: u64,
    regs: [u64; REG_SAVE_WORDS],
    entry_sp: u64,
    frame_vmctx: u64,
}

/// What the recording slow path does besides recording.
#[derive(Clone, Debug, Default)]
struct SlowAction {
    /// Save-area words the next call overwrites.
    writes: Vec<(usize, u64)>,
    /// (address, value): words the next call writes elsewhere (the gate table).
    memory_writes: Vec<(u64, u64)>,
    /// (gate, site): mask bits the next call sets.
    set_bits: Vec<(u64, u32)>,
    /// Trap code to return.
    trap: u64,
    /// (return address, resume address): the first call from that return address resumes
    /// there instead of at the site's own resume address (each entry is used once).
    redirects: Vec<(u64, u64)>,
}

/// A function's code and site tables, for evaluating stop points like the debugger.
struct EvalFunc {
    func: u32,
    code: std::ops::Range<u64>,
    sites: FunctionSites,
}

thread_local! {
    static SLOW_CALLS: RefCell<Vec<SlowCall>> = const { RefCell::new(Vec::new()) };
    static TRAP_CALLS: RefCell<Vec<TrapCall>> = const { RefCell::new(Vec::new()) };
    static SLOW_ACTION: RefCell<SlowAction> = RefCell::new(SlowAction::default());
    /// (return address, resume address) of every machine site of the running module.
    static RESUMES: RefCell<Vec<(u64, u64)>> = const { RefCell::new(Vec::new()) };
    /// When set: the slow path also evaluates each stop point of the site's group, as the
    /// debugger would, into `STOP_VALUES`.
    static STOP_EVAL: RefCell<Vec<EvalFunc>> = const { RefCell::new(Vec::new()) };
    static STOP_VALUES: RefCell<Vec<StopValues>> = const { RefCell::new(Vec::new()) };
}

/// What the debugger would show at a stop point: its function, bytecode offset, operand stack
/// and locals (i32 values, low 32 bits).
#[derive(Clone, Debug, PartialEq, Eq)]
struct StopValues {
    func: u32,
    offset: u32,
    stack: Vec<u64>,
    locals: Vec<u64>,
}

/// Evaluates the first stop point of the group of the machine site returning to `ret` (the one
/// whose values the machine state holds at the site; the debugger's interpreter computes the
/// others), the way `Stop::stack`/`Stop::locals` do.
///
/// # Safety
/// `fp` is the live frame of that site and `regs` the handler's save area.
unsafe fn eval_group(f: &EvalFunc, ret: u64, fp: u64, regs: &[u64]) -> Vec<StopValues> {
    let (_, site) = f
        .sites
        .machine_at((ret - f.code.start) as u32)
        .unwrap_or_else(|| panic!("no machine site returns to {:#x}", ret - f.code.start));
    let read = |ty: ValType, loc: Location| -> u64 {
        let bits = match loc {
            Location::Const(b) => b,
            Location::Reg(Reg::Gpr(i)) => regs[i as usize],
            Location::Reg(Reg::Fpr(i)) => regs[FPR_SAVE_BASE + i as usize],
            // SAFETY: a slot of the live frame (the caller's contract).
            Location::Frame(off) => unsafe { ((fp as i64 + off as i64) as *const u64).read() },
            // A local: its register where the stop point has a copy in one (a dirty copy's
            // slot is stale), else its slot.
            Location::Local(i) => {
                let stop = &f.sites.stops[site.stops.start as usize];
                match f.sites.cached_of(stop).iter().find(|c| c.0 == i) {
                    Some(&(_, Reg::Gpr(r))) => regs[r as usize],
                    Some(&(_, Reg::Fpr(r))) => regs[FPR_SAVE_BASE + r as usize],
                    None => {
                        let off = f.sites.locals[i as usize].1;
                        // SAFETY: as above.
                        unsafe { ((fp as i64 + off as i64) as *const u64).read() }
                    }
                }
            }
        };
        if ty == ValType::I32 {
            bits & 0xffff_ffff
        } else {
            bits
        }
    };
    (site.stops.start..site.stops.start + 1)
        .map(|s| {
            let stop = &f.sites.stops[s as usize];
            StopValues {
                func: f.func,
                offset: stop.bytecode_offset,
                stack: f
                    .sites
                    .stack_of(stop)
                    .iter()
                    .map(|v| read(v.ty, v.loc))
                    .collect(),
                locals: f
                    .sites
                    .locals
                    .iter()
                    .enumerate()
                    .map(|(i, &(ty, _))| read(ty, Location::Local(i as u32)))
                    .collect(),
            }
        })
        .collect()
}

fn slow_calls() -> Vec<SlowCall> {
    SLOW_CALLS.with(|c| c.borrow().clone())
}

fn trap_calls() -> Vec<TrapCall> {
    TRAP_CALLS.with(|c| c.borrow().clone())
}

fn set_action(f: impl FnOnce(&mut SlowAction)) {
    SLOW_ACTION.with(|a| f(&mut a.borrow_mut()));
}

/// Reads the save area.
///
/// # Safety
/// `regs` is the stub's save area of `REG_SAVE_WORDS` words.
unsafe fn read_regs(regs: u64) -> [u64; REG_SAVE_WORDS] {
    let mut out = [0; REG_SAVE_WORDS];
    // SAFETY: the caller's contract.
    unsafe { std::ptr::copy_nonoverlapping(regs as *const u64, out.as_mut_ptr(), REG_SAVE_WORDS) };
    out
}

/// An impossible trap code: the slow path did not know the site (the test then fails).
const UNKNOWN_SITE: u64 = 0xbad;

/// `DebugSlowPath`, reached through a thunk that passes its entry sp as the 5th argument.
extern "C" fn slow_recorder(
    vmctx: *mut u8,
    ret: u64,
    fp: u64,
    regs: u64,
    entry_sp: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: the debug handler passes its save area and the live frame's fp.
    let (saved, frame_vmctx, frame_caller_fp) = unsafe {
        (
            read_regs(regs),
            ((fp - 8) as *const u64).read(),
            (fp as *const u64).read(),
        )
    };
    SLOW_CALLS.with(|c| {
        c.borrow_mut().push(SlowCall {
            vmctx: vmctx as u64,
            ret,
            fp,
            regs_ptr: regs,
            regs: saved,
            entry_sp,
            frame_vmctx,
            frame_caller_fp,
        })
    });
    STOP_EVAL.with(|e| {
        if let Some(f) = e.borrow().iter().find(|f| f.code.contains(&ret)) {
            // SAFETY: as above.
            let v = unsafe { eval_group(f, ret, fp, &saved) };
            STOP_VALUES.with(|s| s.borrow_mut().extend(v));
        }
    });
    let set_bits = SLOW_ACTION.with(|a| std::mem::take(&mut a.borrow_mut().set_bits));
    for (gate, site) in set_bits {
        let (byte, bit) = site_bit(site);
        let at = (gate as i64 + mask_disp(byte) as i64) as *const std::sync::atomic::AtomicU8;
        // SAFETY: tests only name sites of their own live masks, which code reads atomically.
        unsafe { (*at).fetch_or(bit, Ordering::SeqCst) };
    }
    let (writes, memory_writes, trap, redirect) = SLOW_ACTION.with(|a| {
        let mut a = a.borrow_mut();
        let redirect = a
            .redirects
            .iter()
            .position(|&(r, _)| r == ret)
            .map(|i| a.redirects.remove(i).1);
        let writes = std::mem::take(&mut a.writes);
        (
            writes,
            std::mem::take(&mut a.memory_writes),
            a.trap,
            redirect,
        )
    });
    for (w, v) in writes {
        // SAFETY: the save area has REG_SAVE_WORDS words.
        unsafe { (regs as *mut u64).add(w).write(v) };
    }
    for (addr, v) in memory_writes {
        // SAFETY: tests only name words of their own live gate tables.
        unsafe { (addr as *mut u64).write(v) };
    }
    match redirect.or_else(|| own_resume(ret)) {
        Some(value) => LibcallResult { value, trap },
        None => LibcallResult {
            value: 0,
            trap: UNKNOWN_SITE,
        },
    }
}

/// The resume address of the machine site whose handler call returns to `ret`.
fn own_resume(ret: u64) -> Option<u64> {
    RESUMES.with(|r| {
        let r = r.borrow();
        r.iter()
            .find(|&&(r, _)| r == ret)
            .map(|&(_, resume)| resume)
    })
}

/// `DebugTrap`, reached through a thunk that passes its entry sp as the 6th argument.
extern "C" fn trap_recorder(
    vmctx: *mut u8,
    code: u64,
    pc: u64,
    fp: u64,
    regs: u64,
    entry_sp: u64,
) -> LibcallResult {
    // SAFETY: the trap stub passes its save area and the trapping frame's fp.
    let (saved, frame_vmctx) = unsafe { (read_regs(regs), ((fp - 8) as *const u64).read()) };
    TRAP_CALLS.with(|c| {
        c.borrow_mut().push(TrapCall {
            vmctx: vmctx as u64,
            code,
            pc,
            fp,
            regs_ptr: regs,
            regs: saved,
            entry_sp,
            frame_vmctx,
        })
    });
    // The stub ignores the result: a trap is raised anyway.
    LibcallResult {
        value: 0,
        trap: 0xbad,
    }
}

/// The debug handler stub's address.
fn handler_addr() -> usize {
    stubs().exec.addr() + stubs().stubs.debug_handler as usize
}

/// A fake instance with a fake debugger attached.
struct Dbg {
    env: Box<Env>,
    module: Module,
    /// Front-end code: the signature of every function (arguments in registers).
    signature: Option<breakwater_core::types::FuncType>,
    /// Per function, per machine site: (return, resume) offsets, function-relative.
    sites: Vec<Vec<(u32, u32)>>,
    /// Per function: its own mask (all bits clear at first).
    masks: Vec<MaskBlock>,
    /// A mask with every bit set, large enough for every function.
    ones: MaskBlock,
    /// The gate table (`vmctx::DEBUG_GATES`): per function, the mask it reads.
    table: GateTable,
    /// A gate table whose every entry is `ones`.
    ones_table: GateTable,
    state: Box<VMDebugState>,
    handler_calls: Box<AtomicU64>,
    /// The counting handler and the recording libcalls' thunks (kept mapped).
    _thunks: Vec<Exec>,
}

impl Dbg {
    /// Links `funcs` and attaches: the handler word of every mask is the (counted) debug
    /// handler, every gate points to its function's all-clear mask, the recording libcalls are
    /// installed and the recorders emptied.
    fn new(funcs: Vec<CompiledCode>) -> Dbg {
        SLOW_CALLS.with(|c| c.borrow_mut().clear());
        TRAP_CALLS.with(|c| c.borrow_mut().clear());
        SLOW_ACTION.with(|a| *a.borrow_mut() = SlowAction::default());
        STOP_EVAL.with(|e| e.borrow_mut().clear());
        STOP_VALUES.with(|v| v.borrow_mut().clear());
        let sites: Vec<Vec<(u32, u32)>> = funcs.iter().map(site_offsets).collect();
        for (f, s) in funcs.iter().zip(&sites) {
            if f.sites.is_some() {
                assert_eq!(s.len() as u32, f.machine_sites, "recorded machine sites");
            }
        }
        let module = Module::new(funcs);
        let handler_calls = Box::new(AtomicU64::new(0));
        let counting = counting_thunk(&*handler_calls, handler_addr());
        let handler = counting.addr();
        let slow = sp_thunk(true, slow_recorder as *const () as usize);
        let trap = sp_thunk(false, trap_recorder as *const () as usize);
        let masks: Vec<MaskBlock> = sites
            .iter()
            .map(|s| MaskBlock::new(s.len() as u32, handler, false))
            .collect();
        let most = sites.iter().map(Vec::len).max().unwrap_or(0) as u32;
        let ones = MaskBlock::new(most, handler, true);
        let table = GateTable::new(masks.len(), handler, &ones);
        for (f, m) in masks.iter().enumerate() {
            table.set(f as u32, m);
        }
        let ones_table = GateTable::new(masks.len(), handler, &ones);
        let mut env = Env::new(0);
        env.set_libcall(Libcall::DebugSlowPath, slow.addr());
        env.set_libcall(Libcall::DebugTrap, trap.addr());
        let mut dbg = Dbg {
            signature: None,
            env,
            module,
            sites,
            masks,
            ones,
            table,
            ones_table,
            state: Box::new(VMDebugState {
                owner: std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()),
            }),
            handler_calls,
            _thunks: vec![counting, slow, trap],
        };
        let resumes = (0..dbg.sites.len() as u32)
            .flat_map(|f| (0..dbg.sites[f as usize].len()).map(move |k| (f, k)))
            .map(|(f, k)| (dbg.ret_addr(f, k), dbg.resume_addr(f, k)))
            .collect();
        RESUMES.with(|r| *r.borrow_mut() = resumes);
        let gates = dbg.table.base() as u64;
        let base = dbg.module.exec.addr() as u64;
        let state = &*dbg.state as *const VMDebugState as u64;
        let v = &mut dbg.env.vmctx;
        v.set_u64(vmctx::DEBUG_GATES, gates);
        v.set_u64(vmctx::CODE_BASE, base);
        v.set_u64(vmctx::DEBUG_STATE, state);
        dbg
    }

    /// Address of function `func`'s code offset `off`.
    fn addr(&self, func: u32, off: u32) -> u64 {
        (self.module.func(func) + off as usize) as u64
    }
    /// The return address of machine site `k` of function `func`.
    fn ret_addr(&self, func: u32, k: usize) -> u64 {
        self.addr(func, self.sites[func as usize][k].0)
    }
    /// The resume address of machine site `k` of function `func`.
    fn resume_addr(&self, func: u32, k: usize) -> u64 {
        self.addr(func, self.sites[func as usize][k].1)
    }
    /// Sets or clears the mask bit of site `k` of `func` (and the table's copy of the first
    /// bits, as a debugger does).
    fn set_bit(&self, func: u32, k: usize, on: bool) {
        let n = self.sites[func as usize].len() as u32;
        self.masks[func as usize].set_bit(armed_bit(k as u32, n), on);
        self.table.refresh_bits(func, &self.masks[func as usize]);
    }
    /// Clears every bit of `func`'s mask.
    fn clear(&self, func: u32) {
        for k in 0..self.sites[func as usize].len() {
            self.set_bit(func, k, false);
        }
    }
    /// Sets every bit of `func`'s own mask.
    fn set_all_bits(&self, func: u32) {
        for k in 0..self.sites[func as usize].len() {
            self.set_bit(func, k, true);
        }
    }
    /// The address of `func`'s first bits in the gate table (for the slow path to change).
    fn bits_entry(&self, func: u32) -> u64 {
        (self.table.base() as i64 + entry_bits_disp(func)) as u64
    }
    /// The gate registers with `func`'s own mask (its bits as they are now).
    fn own(&self, func: u32) -> GateRegs {
        (
            self.table.base() as u64,
            self.masks[func as usize].first_bits(),
        )
    }
    /// The gate registers with the all-ones mask.
    fn ones(&self) -> GateRegs {
        (self.table.base() as u64, u64::MAX)
    }
    /// The gate of `func`'s own mask.
    fn own_gate(&self, func: u32) -> u64 {
        self.masks[func as usize].gate() as u64
    }
    /// Points `func`'s entry at the all-ones mask (every site calls the handler).
    fn arm_all(&mut self, func: u32) {
        self.table.set(func, &self.ones);
    }
    /// `DEBUG_STATE = null`, as a detach leaves it.
    fn detach_state(&mut self) {
        self.env.vmctx.set_u64(vmctx::DEBUG_STATE, 0);
    }
    /// How many times a site called the handler.
    fn handler_calls(&self) -> u64 {
        self.handler_calls.load(Ordering::SeqCst)
    }
    /// Forgets the handler and slow-path calls seen so far.
    fn reset_counts(&self) {
        self.handler_calls.store(0, Ordering::SeqCst);
        SLOW_CALLS.with(|c| c.borrow_mut().clear());
    }
    /// Runs function `func`.
    fn call(&mut self, func: u32, values: &mut [u64]) -> Result<(), Trapped> {
        let f = self.module.func(func);
        match &self.signature {
            Some(ty) => self.env.call_typed(f, values, ty),
            None => self.env.call(f, values),
        }
    }
    fn vmctx(&mut self) -> u64 {
        self.env.vmctx_ptr() as u64
    }
}

/// Runs `code` (one function whose machine sites load function 0's gate) with every site
/// calling the handler; returns the function-relative return offsets the slow path saw, in
/// order, and the call's result.
pub(crate) fn run_with_every_site(
    code: CompiledCode,
    values: &mut [u64],
) -> (Vec<u32>, Result<(), Trapped>) {
    let mut dbg = Dbg::new(vec![code]);
    dbg.arm_all(0);
    let result = dbg.call(0, values);
    let base = dbg.module.func(0) as u64;
    let rets = slow_calls().iter().map(|c| (c.ret - base) as u32).collect();
    (rets, result)
}

// ---------------------------------------------------------------------------------------------
// The probe: canaries in every register, machine sites, every register stored

/// What the gate registers hold: (gate table, the function's first 64 site bits).
type GateRegs = (u64, u64);

/// Area slots of [`probe`]: every allocatable register (the gate registers' slots receive
/// their values).
const PROBE_SLOTS: u32 = BackendEmitter::GPR_COUNT as u32 + BackendEmitter::FPR_COUNT as u32;

/// The registers [`probe`] fills with canaries: every allocatable one except the gate
/// registers and those debug code never allocates (`Emitter::NO_DEBUG_GPRS`, the backend's
/// scratch registers there).
fn canaried_regs() -> Vec<Reg> {
    all_regs()
        .into_iter()
        .filter(|&r| r != TABLE && r != BITS && debug_allocates(r))
        .collect()
}

/// Whether debug code allocates `r` (see `Emitter::NO_DEBUG_GPRS`).
fn debug_allocates(r: Reg) -> bool {
    let first_scratch = BackendEmitter::GPR_COUNT - BackendEmitter::NO_DEBUG_GPRS;
    !matches!(r, Reg::Gpr(i) if i >= first_scratch)
}

/// A function that loads its gate registers (the table, `func`'s bits) and a canary into every other
/// allocatable register, runs machine sites `0..n`, then stores every register (the gate
/// registers too) to its area in [`all_regs`] order.
fn probe(func: u32, n: u32) -> CompiledCode {
    build(16, |e| {
        e.load_debug_gate(func, true);
        for r in canaried_regs() {
            e.load_const(r, S64, canary(r));
        }
        for k in 0..n {
            e.breakable_site(k);
        }
        store_all(e);
    })
}

/// Stores every allocatable register to the probe's area.
fn store_all(e: &mut BackendEmitter) {
    for (j, r) in all_regs().into_iter().enumerate() {
        e.store(Base::Frame, area(PROBE_SLOTS, j as u32), r, S64);
    }
}

/// Runs [`probe`] (function 0 of `dbg`), asserting no trap and every canaried register intact
/// except those in `changed`; returns the final gate registers.
fn run_probe(dbg: &mut Dbg, changed: &[(Reg, u64)]) -> GateRegs {
    let mut values = vec![0u64; PROBE_SLOTS as usize];
    dbg.call(0, &mut values).expect("no trap");
    for (j, r) in all_regs().into_iter().enumerate() {
        if r == TABLE || r == BITS || !debug_allocates(r) {
            continue;
        }
        let want = changed
            .iter()
            .find(|(c, _)| *c == r)
            .map_or(canary(r), |&(_, v)| v);
        assert_eq!(values[j], want, "register {r:?} after the sites");
    }
    (values[word_of(TABLE)], values[word_of(BITS)])
}

/// The save-area word of `r` (also its index in [`all_regs`] for GPRs).
fn word_of(r: Reg) -> usize {
    match r {
        Reg::Gpr(i) => i as usize,
        Reg::Fpr(i) => FPR_SAVE_BASE + i as usize,
    }
}

/// The save-area writes that set the gate registers to `regs`.
fn gate_writes(regs: GateRegs) -> Vec<(usize, u64)> {
    vec![(word_of(TABLE), regs.0), (word_of(BITS), regs.1)]
}

/// The gate registers as the save area holds them.
fn saved_gate(c: &SlowCall) -> GateRegs {
    (c.regs[word_of(TABLE)], c.regs[word_of(BITS)])
}

/// Checks a slow-path call of site `k` of `func` against the probe's frame, stack and
/// registers (`gate`: what the gate registers hold there).
fn check_slow_call(dbg: &mut Dbg, c: &SlowCall, func: u32, k: usize, gate: GateRegs) {
    assert_eq!(c.ret, dbg.ret_addr(func, k), "return address of site {k}");
    assert_eq!(c.vmctx, dbg.vmctx());
    assert_eq!(
        c.frame_vmctx,
        dbg.vmctx(),
        "fp is a Wasm frame: [fp-8] is the vmctx"
    );
    assert_eq!(
        c.entry_sp % 16,
        CALL_PUSHED_BYTES,
        "sp 16-aligned at the call into Rust"
    );
    assert_eq!(
        c.regs_ptr,
        c.entry_sp + CALL_PUSHED_BYTES,
        "save area at the stack pointer of the call"
    );
    assert!(c.fp > c.regs_ptr, "the save area is below the frame");
    for r in canaried_regs() {
        assert_eq!(c.regs[word_of(r)], canary(r), "{r:?} in the save area");
    }
    assert_eq!(saved_gate(c), gate, "the gate registers in the save area");
}

/// Return addresses of the slow-path calls so far.
fn slow_rets() -> Vec<u64> {
    slow_calls().iter().map(|c| c.ret).collect()
}

// ---------------------------------------------------------------------------------------------
// Machine sites and the handler

/// Sites of the probes below: the first 64 test the bits register, the others memory.
const PROBE_SITES: u32 = REGISTER_SITES + 16;

#[test]
fn clear_masks_call_nothing() {
    // Function 1's gate is the all-ones mask: only function 0's own mask counts for it.
    let mut dbg = Dbg::new(vec![probe(0, PROBE_SITES), probe(1, PROBE_SITES)]);
    dbg.arm_all(1);
    assert_eq!(run_probe(&mut dbg, &[]), dbg.own(0));
    assert_eq!(dbg.handler_calls(), 0);
    assert!(slow_calls().is_empty());
    // Nor does a detached state matter: the mask decides.
    dbg.detach_state();
    assert_eq!(run_probe(&mut dbg, &[]), dbg.own(0));
    assert_eq!(dbg.handler_calls(), 0);
}

#[test]
fn one_bit_calls_the_handler_at_its_site_only() {
    // Every form of test: x64's byte, high-byte, dword and `bt` tests of the bits register,
    // then memory at positive and negative 8-bit displacements and beyond (disp32 from site
    // 1984 on); AArch64's `tbnz` on the bits register, then `ldrb`, `ldurb` for sites
    // 960..1984, and a load through a scratch register from site 33728 on (displacement 4096).
    let n = 33736;
    let mut dbg = Dbg::new(vec![probe(0, n)]);
    let register = [0, 1, 7, 8, 15, 16, 31, 32, 62, 63];
    let memory = [64, 65, 71, 72, 959, 960, 1000, 1983, 1984, 1991, 1992, 2099];
    let far = [33727, 33728, 33735];
    for k in register.into_iter().chain(memory).chain(far) {
        dbg.clear(0);
        dbg.reset_counts();
        dbg.set_bit(0, k, true);
        let own = dbg.own(0);
        assert_eq!(run_probe(&mut dbg, &[]), own, "site {k}");
        assert_eq!(dbg.handler_calls(), 1, "site {k}");
        let calls = slow_calls();
        assert_eq!(calls.len(), 1, "site {k}");
        check_slow_call(&mut dbg, &calls[0], 0, k, own);
    }
}

#[test]
fn every_site_calls_the_handler_in_order_with_every_bit_set() {
    let n = PROBE_SITES;
    let mut dbg = Dbg::new(vec![probe(0, n)]);
    dbg.arm_all(0);
    let ones = dbg.ones();
    assert_eq!(run_probe(&mut dbg, &[]), ones);
    assert_eq!(dbg.handler_calls(), n as u64);
    let calls = slow_calls();
    assert_eq!(calls.len(), n as usize);
    for (k, c) in calls.iter().enumerate() {
        check_slow_call(&mut dbg, c, 0, k, ones);
        assert_eq!(c.fp, calls[0].fp, "one frame");
    }
}

#[test]
fn register_sites_read_the_bits_loaded_with_the_gate() {
    // The slow path at site 0 sets the bits of sites 1 (a register site) and 70 (a memory
    // site) in the frame's own mask: the memory site sees it at once, the register site only
    // once the table's copy is refreshed (as a debugger does) and the bits are loaded again
    // (here, by the next call's prologue).
    let mut dbg = Dbg::new(vec![probe(0, PROBE_SITES)]);
    dbg.set_bit(0, 0, true);
    let gate = dbg.own_gate(0);
    let table = dbg.table.base() as u64;
    set_action(|a| a.set_bits = vec![(gate, 1), (gate, 70)]);
    assert_eq!(run_probe(&mut dbg, &[]), (table, 1));
    assert_eq!(slow_rets(), [0, 70].map(|k| dbg.ret_addr(0, k)));
    dbg.reset_counts();
    assert_eq!(
        run_probe(&mut dbg, &[]),
        (table, 1),
        "the copy is still old"
    );
    assert_eq!(slow_rets(), [0, 70].map(|k| dbg.ret_addr(0, k)));
    dbg.reset_counts();
    dbg.table.refresh_bits(0, &dbg.masks[0]);
    assert_eq!(run_probe(&mut dbg, &[]), (table, 0b11));
    assert_eq!(slow_rets(), [0, 1, 70].map(|k| dbg.ret_addr(0, k)));
}

/// `acc = 0 ; site 0 ; acc += 1 ; site 1 ; acc += 10 ; site 2 ; acc += 100`, `acc` stored to
/// the single area slot.
fn counting_sites() -> CompiledCode {
    let acc = Reg::Gpr(1);
    assert!(acc != TABLE && acc != BITS);
    build(16, |e| {
        e.load_debug_gate(0, true);
        e.load_const(acc, S64, 0);
        for (k, add) in [1, 10, 100].into_iter().enumerate() {
            e.breakable_site(k as u32);
            e.int_binop(IntBinKind::Add, S64, acc, acc, RegImm::Imm(add));
        }
        e.store(Base::Frame, area(1, 0), acc, S64);
    })
}

#[test]
fn execution_continues_at_the_resume_address_the_slow_path_returns() {
    let mut dbg = Dbg::new(vec![counting_sites()]);
    dbg.arm_all(0);
    let run = |dbg: &mut Dbg| {
        dbg.reset_counts();
        let mut v = [0u64];
        dbg.call(0, &mut v).expect("no trap");
        (v[0], slow_rets())
    };
    let ret = |dbg: &Dbg, k: usize| dbg.ret_addr(0, k);
    // The site's own resume address: the code after it runs.
    let (acc, rets) = run(&mut dbg);
    assert_eq!(acc, 111);
    assert_eq!(rets, [ret(&dbg, 0), ret(&dbg, 1), ret(&dbg, 2)]);
    // Forward, past `acc += 1` and site 1's test.
    let (from, to) = (ret(&dbg, 0), dbg.resume_addr(0, 1));
    set_action(|a| a.redirects.push((from, to)));
    let (acc, rets) = run(&mut dbg);
    assert_eq!(acc, 110);
    assert_eq!(rets, [ret(&dbg, 0), ret(&dbg, 2)]);
    // Backward, once: sites 1 and 2 and their additions run twice.
    let (from, to) = (ret(&dbg, 2), dbg.resume_addr(0, 0));
    set_action(|a| a.redirects.push((from, to)));
    let (acc, rets) = run(&mut dbg);
    assert_eq!(acc, 122);
    assert_eq!(
        rets,
        [0, 1, 2, 1, 2].map(|k| ret(&dbg, k)),
        "sites after the redirect"
    );
}

#[test]
fn slow_path_changes_to_saved_registers_are_restored() {
    // The contract: the stub restores the registers from the save area, so a debugger that
    // sets a value (the gate registers among them) sees it take effect.
    let n = PROBE_SITES as usize;
    let mut dbg = Dbg::new(vec![probe(0, n as u32)]);
    dbg.set_bit(0, 0, true);
    let own = dbg.own(0);
    let ones = dbg.ones();
    let changeable: Vec<Reg> = canaried_regs();
    let values = [
        0x1111_2222_3333_4444,
        0x5555,
        u64::MAX,
        0x4009_21fb_5444_2d18,
        0x3ff0_0000_0000_0000,
    ];
    let picks = [
        changeable[0],
        changeable[1],
        *changeable.iter().rfind(|r| !r.is_fpr()).unwrap(),
        Reg::Fpr(0),
        Reg::Fpr(BackendEmitter::FPR_COUNT - 1),
    ];
    let changes: Vec<(Reg, u64)> = picks.into_iter().zip(values).collect();
    // A new table: the memory sites read the all-ones mask through it, the register sites
    // still the bits.
    let ones_table = dbg.ones_table.base() as u64;
    set_action(|a| {
        a.writes = changes.iter().map(|&(r, v)| (word_of(r), v)).collect();
        a.writes.push((word_of(TABLE), ones_table));
    });
    assert_eq!(run_probe(&mut dbg, &changes), (ones_table, own.1));
    let want: Vec<u64> = std::iter::once(0)
        .chain(REGISTER_SITES as usize..n)
        .map(|k| dbg.ret_addr(0, k))
        .collect();
    assert_eq!(slow_rets(), want);
    let calls = slow_calls();
    check_slow_call(&mut dbg, &calls[0], 0, 0, own);
    for &(r, v) in &changes {
        assert_eq!(calls[1].regs[word_of(r)], v, "{r:?} at the next site");
    }
    assert_eq!(saved_gate(&calls[1]), (ones_table, own.1));
    // New bits: the register sites call, the memory sites read the function's own mask.
    dbg.reset_counts();
    set_action(|a| a.writes = vec![(word_of(BITS), u64::MAX)]);
    assert_eq!(run_probe(&mut dbg, &[]), (own.0, u64::MAX));
    let want: Vec<u64> = (0..REGISTER_SITES as usize)
        .map(|k| dbg.ret_addr(0, k))
        .collect();
    assert_eq!(slow_rets(), want);
    // The other way: clear bits stop the calls (the table's copy says every register site
    // calls, the mask no memory site).
    dbg.reset_counts();
    dbg.clear(0);
    // SAFETY: the bits word of entry 0 of the live table, which code reads atomically.
    unsafe { (*(dbg.bits_entry(0) as *const AtomicU64)).store(u64::MAX, Ordering::SeqCst) };
    let own = dbg.own(0);
    assert_eq!(own.1, 0);
    set_action(|a| a.writes = gate_writes(own));
    assert_eq!(run_probe(&mut dbg, &[]), own);
    assert_eq!(slow_rets(), [dbg.ret_addr(0, 0)]);
    let _ = ones;
    // Words the contract does not assign (if the backend leaves any) are scratch: writing
    // them changes nothing the code can see.
    dbg.reset_counts();
    dbg.set_bit(0, 1, true);
    set_action(|a| {
        a.writes = (BackendEmitter::GPR_COUNT as usize..FPR_SAVE_BASE)
            .chain(FPR_SAVE_BASE + BackendEmitter::FPR_COUNT as usize..REG_SAVE_WORDS)
            .map(|w| (w, 0xdead_beef))
            .collect()
    });
    assert_eq!(run_probe(&mut dbg, &[]), dbg.own(0));
    assert_eq!(slow_calls().len(), 1);
}

#[test]
fn slow_path_trap_is_raised_at_the_site() {
    let mut dbg = Dbg::new(vec![probe(0, PROBE_SITES)]);
    dbg.set_bit(0, 0, true);
    dbg.set_bit(0, 70, true);
    let code = TrapKind::Interrupted.code() as u64;
    let ret70 = dbg.ret_addr(0, 70);
    set_action(|a| a.trap = code);
    // Site 0 traps at once: the code after it never runs.
    let mut values = vec![0u64; PROBE_SLOTS as usize];
    let t = dbg.call(0, &mut values).expect_err("the slow path's trap");
    let vm = dbg.vmctx();
    assert_eq!(
        (t.code, t.pc as u64, t.vmctx as u64),
        (code, dbg.ret_addr(0, 0), vm)
    );
    assert_eq!(t.kind(), TrapKind::Interrupted);
    assert_eq!(dbg.handler_calls(), 1, "nothing after the aborted site");
    assert_eq!(
        values,
        vec![0; PROBE_SLOTS as usize],
        "the area was not copied out"
    );
    // The trap stub's debug stop saw it (the debugger ignores traps at no trap site).
    let traps = trap_calls();
    assert_eq!(traps.len(), 1);
    assert_eq!((traps[0].code, traps[0].pc), (code, dbg.ret_addr(0, 0)));
    // At a memory site, with site 0 cleared.
    dbg.reset_counts();
    dbg.set_bit(0, 0, false);
    let t = dbg.call(0, &mut values).expect_err("traps");
    assert_eq!((t.code, t.pc as u64), (code, ret70));
    assert_eq!(dbg.handler_calls(), 1);
    // A 64-bit trap code is not truncated.
    let wide = (1u64 << 32) | code;
    set_action(|a| a.trap = wide);
    // (`Trapped::kind` would reject this code: compare the raw value.)
    assert_eq!(dbg.call(0, &mut values).expect_err("traps").code, wide);
    assert_eq!(trap_calls().last().unwrap().code, wide);
    // The instance is usable afterwards.
    set_action(|a| a.trap = 0);
    dbg.reset_counts();
    assert_eq!(run_probe(&mut dbg, &[]), dbg.own(0));
    assert_eq!(slow_rets(), [ret70]);
}

#[test]
fn slow_path_sees_the_callee_frame_and_the_caller_reloads_its_gate() {
    // Function 0 calls function 1, which loads its own gate registers: function 0 reloads
    // its own after the call, so its site 1 reads its own mask again.
    let f0 = build(16, |e| {
        e.load_debug_gate(0, true);
        e.breakable_site(0);
        e.call_direct(1, CallArea::Frame(-16));
        e.load_debug_gate(0, false);
        e.breakable_site(1);
    });
    let f1 = build(16, |e| {
        e.load_debug_gate(1, true);
        e.breakable_site(0);
    });
    let mut dbg = Dbg::new(vec![f0, f1]);
    dbg.set_bit(0, 1, true);
    dbg.call(0, &mut []).unwrap();
    let calls = slow_calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].ret, dbg.ret_addr(0, 1));
    assert_eq!(saved_gate(&calls[0]), dbg.own(0));
    // Every site of both.
    dbg.reset_counts();
    dbg.arm_all(0);
    dbg.arm_all(1);
    dbg.call(0, &mut []).unwrap();
    let calls = slow_calls();
    assert_eq!(calls.len(), 3);
    assert_eq!(calls[0].ret, dbg.ret_addr(0, 0));
    assert_eq!(calls[1].ret, dbg.ret_addr(1, 0));
    assert_eq!(calls[2].ret, dbg.ret_addr(0, 1));
    assert_eq!(calls[0].fp, calls[2].fp);
    assert!(calls[1].fp < calls[0].fp);
    assert_eq!(
        calls[1].frame_caller_fp, calls[0].fp,
        "the callee's saved fp"
    );
    for c in &calls {
        assert_eq!(c.entry_sp % 16, CALL_PUSHED_BYTES);
        assert_eq!(c.frame_vmctx, dbg.vmctx());
    }
}

#[test]
fn sites_far_apart_reach_their_handler_calls() {
    // More than 32 KiB of code between sites (AArch64's `tbnz` reach: its handler calls go in
    // islands), and a site 9 KiB into the function.
    const ADDS: u32 = 9000;
    let acc = Reg::Gpr(1);
    let code = build(16, |e| {
        e.load_debug_gate(0, true);
        e.load_const(acc, S64, 0);
        for k in 0..4 {
            e.breakable_site(k);
            let adds = if k == 0 { ADDS / 4 } else { ADDS };
            for _ in 0..adds {
                e.int_binop(IntBinKind::Add, S64, acc, acc, RegImm::Imm(1));
            }
        }
        e.store(Base::Frame, area(1, 0), acc, S64);
    });
    assert!(code.bytes.len() > 3 * 32 * 1024);
    let mut v = [0u64];
    let (rets, result) = run_with_every_site(code.clone(), &mut v);
    result.expect("no trap");
    assert_eq!(rets, code.site_returns);
    assert_eq!(v[0], (ADDS / 4 + 3 * ADDS) as u64);
    let mut dbg = Dbg::new(vec![code]);
    for on in [[true, false, true, true], [false, true, false, false]] {
        dbg.reset_counts();
        for (k, &bit) in on.iter().enumerate() {
            dbg.set_bit(0, k, bit);
        }
        let mut v = [0u64];
        dbg.call(0, &mut v).expect("no trap");
        assert_eq!(v[0], (ADDS / 4 + 3 * ADDS) as u64);
        let rets: Vec<u64> = slow_calls().iter().map(|c| c.ret).collect();
        let want: Vec<u64> = (0..4)
            .filter(|&k| on[k])
            .map(|k| dbg.ret_addr(0, k))
            .collect();
        assert_eq!(rets, want);
    }
}

// ---------------------------------------------------------------------------------------------
// Front-end debug code

/// Compiles [`test_module`] as recorded debug code and links it with the fake debugger, the
/// slow path evaluating every stop point of every group it reaches.
/// The signature of every function of `test_module`.
fn test_signature() -> breakwater_core::types::FuncType {
    breakwater_core::types::FuncType::new([ValType::I32, ValType::I32], [ValType::I32])
}

fn front_end_dbg() -> Dbg {
    let funcs = compile_test_module(&RECORDING);
    let tables: Vec<FunctionSites> = funcs
        .iter()
        .map(|f| *f.sites.clone().expect("recorded sites"))
        .collect();
    let mut dbg = Dbg::new(funcs);
    dbg.signature = Some(test_signature());
    let eval = tables
        .into_iter()
        .enumerate()
        .map(|(i, sites)| {
            let start = dbg.module.func(i as u32) as u64;
            EvalFunc {
                func: i as u32,
                code: start..start + sites.code_len as u64,
                sites,
            }
        })
        .collect();
    STOP_EVAL.with(|e| *e.borrow_mut() = eval);
    dbg
}

fn stop_values() -> Vec<(u32, u32, Vec<u64>, Vec<u64>)> {
    STOP_VALUES
        .with(|v| v.borrow().clone())
        .into_iter()
        .map(|v| (v.func, v.offset, v.stack, v.locals))
        .collect()
}

/// The groups of [`test_module`]'s stop points, by bytecode offset: a group goes on through
/// instructions the debugger's interpreter runs, and ends at a branch target, after a call,
/// or a branch (the exit joins the last group when no `return` jumps to it).
const GROUPS: [&[&[u32]]; 2] = [
    &[
        &[26, 27, 29, 31, 32, 34, 36],
        &[38, 39],
        &[41, 43, 45, 46, 48],
        &[50, 51, 52],
    ],
    &[&[53, 54, 56, 58, 59, 60]],
];

/// Whether the stop point at `offset` of `func` starts its group.
fn starts_group(func: u32, offset: u32) -> bool {
    GROUPS[func as usize].iter().any(|g| g[0] == offset)
}

/// The stop points at which `test_module(3, 4)`'s machine sites call, each group's first, in
/// execution order, when every site calls: as (function, bytecode offset, operand stack, locals).
fn expected_stops() -> Vec<(u32, u32, Vec<u64>, Vec<u64>)> {
    every_stop()
        .into_iter()
        .filter(|&(f, off, _, _)| starts_group(f, off))
        .collect()
}

/// Every stop point of `test_module(3, 4)` in execution order, as (function, bytecode offset,
/// operand stack, locals).
fn every_stop() -> Vec<(u32, u32, Vec<u64>, Vec<u64>)> {
    // Bytecode offsets in `test_module`: function 0's body starts at 26, function 1's at 53.
    let mut want = vec![(0, 26, vec![], vec![3, 4])];
    let mut f0 = |offset: u32, stack: &[u64], locals: [u64; 2]| {
        want.push((0, offset, stack.to_vec(), locals.to_vec()))
    };
    f0(27, &[], [3, 4]);
    f0(29, &[3], [3, 4]);
    f0(31, &[3, 4], [3, 4]);
    f0(32, &[7], [3, 4]);
    f0(34, &[7, 3], [3, 4]);
    f0(36, &[7, 3, 4], [3, 4]);
    want.extend([
        (1, 53, vec![], vec![3, 4]),
        (1, 54, vec![], vec![3, 4]),
        (1, 56, vec![3], vec![3, 4]),
        (1, 58, vec![3, 4], vec![3, 4]),
        (1, 59, vec![12], vec![3, 4]),
        (1, 60, vec![12], vec![3, 4]),
    ]);
    let mut f0 = |offset: u32, stack: &[u64], locals: [u64; 2]| {
        want.push((0, offset, stack.to_vec(), locals.to_vec()))
    };
    f0(38, &[7, 12], [3, 4]);
    f0(39, &[19], [3, 4]);
    for a in (1..=3).rev() {
        f0(41, &[19], [a, 4]);
        f0(43, &[19, a], [a, 4]);
        f0(45, &[19, a, 1], [a, 4]);
        f0(46, &[19, a - 1], [a, 4]);
        f0(48, &[19, a - 1], [a - 1, 4]);
    }
    f0(50, &[19], [0, 4]);
    f0(51, &[19], [0, 4]);
    f0(52, &[19], [0, 4]);
    want
}

#[test]
fn front_end_debug_code_shows_its_values_at_every_stop_point() {
    // The core front end's debug code for `test_module`, every site calling the handler: the
    // run gives the same result as without a debugger, and every stop point of every group
    // (registers in the save area, frame slots, constants) holds the values the Wasm program
    // has there.
    let plain = Module::new(compile_test_module(&CompileConfig::default()));
    let mut env = Env::new(0);
    let mut expected = [3u64, 4];
    env.call_typed(plain.func(0), &mut expected, &test_signature())
        .unwrap();
    assert_eq!(expected[0], 3 + 4 + 3 * 4);

    // Function 0 through the all-ones mask, function 1 through its own mask, all bits set: the
    // gate register at each site is its own function's.
    let mut dbg = front_end_dbg();
    dbg.arm_all(0);
    dbg.set_all_bits(1);
    let mut values = [3u64, 4];
    dbg.call(0, &mut values).unwrap();
    assert_eq!(values[0] & 0xffff_ffff, expected[0]);
    assert_eq!(stop_values(), expected_stops());
    let calls = slow_calls();
    assert_eq!(calls.len(), expected_stops().len());
    assert!(
        calls.len() < every_stop().len(),
        "groups share machine sites"
    );
    let f1 = dbg.module.func(1) as u64;
    for c in &calls {
        assert_eq!(c.entry_sp % 16, CALL_PUSHED_BYTES);
        assert_eq!(c.frame_vmctx, dbg.vmctx());
        let gate = if c.ret >= f1 { dbg.own(1) } else { dbg.ones() };
        assert_eq!(saved_gate(c), gate);
    }
}

/// The bytecode offsets of the stop points the slow path evaluated, in order.
fn stop_offsets() -> Vec<u32> {
    stop_values().into_iter().map(|v| v.1).collect()
}

/// The machine site of function `func` holding the stop point at bytecode offset `offset`.
fn machine_site_at(func: u32, offset: u32) -> usize {
    STOP_EVAL.with(|e| {
        let e = e.borrow();
        let s = &e[func as usize].sites;
        let stop = s.stops_at(offset).next().expect("a stop point there");
        let covering = s.sites_covering(|i| i == stop);
        assert_eq!(covering.len(), 1, "one group covers offset {offset}");
        covering[0] as usize
    })
}

#[test]
fn front_end_code_holds_its_gate_until_a_call_returns() {
    // The slow path at function 0's entry points function 0's gate-table entry at its clear
    // mask: the frame keeps calling with the gate it holds until it reloads the gate after
    // the call to function 1 (which loads its own gate, all bits set).
    let mut dbg = front_end_dbg();
    dbg.arm_all(0);
    dbg.set_all_bits(1);
    let (entry, own) = (dbg.bits_entry(0), dbg.own(0).1);
    set_action(|a| a.memory_writes = vec![(entry, own)]);
    let mut values = [3u64, 4];
    dbg.call(0, &mut values).unwrap();
    assert_eq!(values[0] & 0xffff_ffff, 19);
    assert_eq!(stop_offsets(), [26, 53]);
}

#[test]
fn front_end_code_reloads_its_gate_at_back_edges() {
    // Only the loop body's group (41 to 48, with `local.tee` at 46) has its bit set; its first
    // slow call points function 0's entry at the all-ones mask. From the loop's back edge on,
    // every site calls: the loop body's each iteration, then the groups after the loop.
    let mut dbg = front_end_dbg();
    dbg.set_bit(0, machine_site_at(0, 46), true);
    let (entry, ones) = (dbg.bits_entry(0), u64::MAX);
    set_action(|a| a.memory_writes = vec![(entry, ones)]);
    let mut values = [3u64, 4];
    dbg.call(0, &mut values).unwrap();
    assert_eq!(values[0] & 0xffff_ffff, 19);
    assert_eq!(stop_offsets(), [41, 41, 41, 50]);
}

#[test]
fn front_end_site_tables_are_consistent() {
    for (i, f) in compile_test_module(&RECORDING).into_iter().enumerate() {
        let s = f.sites.as_deref().expect("recorded sites");
        assert_eq!(s.machine.len() as u32, f.machine_sites, "function {i}");
        assert_eq!(s.code_len as usize, f.bytes.len());
        assert_eq!(s.locals.len(), 2);
        // Groups: consecutive, non-empty, covering every stop point in order.
        let mut next = 0;
        for m in &s.machine {
            assert_eq!(m.stops.start, next, "function {i}");
            assert!(m.stops.end > m.stops.start, "function {i}: an empty group");
            next = m.stops.end;
        }
        assert_eq!(next as usize, s.stops.len());
        let groups: Vec<Vec<u32>> = s
            .machine
            .iter()
            .map(|m| {
                s.stops[m.stops.start as usize..m.stops.end as usize]
                    .iter()
                    .map(|p| p.bytecode_offset)
                    .collect()
            })
            .collect();
        assert_eq!(groups, GROUPS[i], "function {i}");
        for (k, m) in s.machine.iter().enumerate() {
            assert_eq!(
                s.machine_at(m.return_offset).map(|(j, _)| j),
                Some(k as u32)
            );
            for stop in m.stops.clone() {
                assert_eq!(s.sites_covering(|i| i == stop), [k as u32]);
            }
            // The handler call is out of line, after the site it returns to.
            assert!(m.resume_offset < m.return_offset, "function {i} site {k}");
        }
        for w in s.machine.windows(2) {
            assert!(w[0].return_offset < w[1].return_offset);
            assert!(w[0].resume_offset < w[1].resume_offset);
        }
        // Entry first, exit last.
        assert_eq!(s.stops.first().unwrap().kind, SiteKind::FunctionEntry);
        assert_eq!(s.stops.last().unwrap().kind, SiteKind::FunctionExit);
    }
}

#[test]
fn recording_site_tables_does_not_change_the_code() {
    let plain = compile_test_module(&CompileConfig {
        record_sites: false,
        ..RECORDING
    });
    let recorded = compile_test_module(&RECORDING);
    for (p, r) in plain.iter().zip(&recorded) {
        assert_eq!(p.bytes, r.bytes);
        assert_eq!(p.machine_sites, r.machine_sites);
        assert!(p.machine_sites > 0);
        assert!(p.sites.is_none() && r.sites.is_some());
    }
    for f in compile_test_module(&CompileConfig::default()) {
        assert_eq!(f.machine_sites, 0);
        assert!(f.sites.is_none() && f.site_returns.is_empty() && f.site_resumes.is_empty());
    }
}

#[test]
fn a_breakpoint_bit_stops_only_at_its_group() {
    // One bit, the machine site of `local.get 0` in the loop (offset 41): it calls the handler
    // once per iteration, and the slow path sees its whole group each time.
    let mut dbg = front_end_dbg();
    let k = machine_site_at(0, 41);
    dbg.set_bit(0, k, true);
    let mut values = [3u64, 4];
    dbg.call(0, &mut values).unwrap();
    assert_eq!(values[0] & 0xffff_ffff, 19);
    let calls = slow_calls();
    assert_eq!(calls.len(), 3, "one call per iteration");
    assert!(calls.iter().all(|c| c.ret == dbg.ret_addr(0, k)));
    let group: Vec<(u32, u32, Vec<u64>, Vec<u64>)> = expected_stops()
        .into_iter()
        .filter(|s| s.0 == 0 && (41..=45).contains(&s.1))
        .collect();
    assert_eq!(stop_values(), group);
}

// ---------------------------------------------------------------------------------------------
// The trap stub's debug stop

/// Canaries in every register, then an `unreachable` trap at bytecode offset 77.
fn trapping_probe() -> CompiledCode {
    build(16, |e| {
        for r in all_regs() {
            e.load_const(r, S64, canary(r));
        }
        e.set_source_loc(77);
        e.trap(TrapKind::Unreachable);
    })
}

#[test]
fn trap_stub_stops_in_the_debugger_before_unwinding() {
    let mut dbg = Dbg::new(vec![trapping_probe()]);
    let t = dbg.call(0, &mut []).expect_err("traps");
    let (site, func) = dbg.module.trap_site(t.pc).expect("a trap site");
    assert_eq!(
        (t.kind(), site.bytecode_offset, func),
        (TrapKind::Unreachable, 77, 0)
    );
    let calls = trap_calls();
    assert_eq!(calls.len(), 1);
    let c = &calls[0];
    assert_eq!(c.vmctx, dbg.vmctx());
    assert_eq!(c.code, TrapKind::Unreachable.code() as u64);
    assert_eq!(c.pc, t.pc as u64, "pc: the trap site's return address");
    assert_eq!(c.frame_vmctx, dbg.vmctx(), "fp is the trapping frame");
    assert_eq!(
        c.entry_sp % 16,
        CALL_PUSHED_BYTES,
        "sp 16-aligned at the call into Rust"
    );
    assert_eq!(c.regs_ptr, c.entry_sp + CALL_PUSHED_BYTES);
    assert!(c.fp > c.regs_ptr);
    for r in all_regs().into_iter().filter(|&r| debug_allocates(r)) {
        let w = c.regs[word_of(r)];
        assert_eq!(w, canary(r), "{r:?} in the trap stop's save area");
    }
    assert!(slow_calls().is_empty());
}

#[test]
fn stack_overflow_trap_stop_has_no_frame_below_fp() {
    // The prologue checks the stack before it allocates the frame, so at a `StackOverflow`
    // trap stop `fp` is set and `[fp - 8]` holds the vmctx, but sp is still just below that:
    // the trap stub's save area (and the Rust code it calls) lie where the frame's locals would
    // be. The debugger must not read or write locals of such a frame.
    const FRAME: u32 = 512;
    let f = build(FRAME, |e| {
        e.load_debug_gate(0, true);
        e.breakable_site(0);
    });
    let mut dbg = Dbg::new(vec![f]);
    dbg.arm_all(0);
    dbg.env.store.stack_limit = usize::MAX;
    let t = dbg.call(0, &mut []).expect_err("overflows");
    dbg.env.store.stack_limit = 0;
    assert_eq!(t.kind(), TrapKind::StackOverflow);
    assert!(slow_calls().is_empty(), "the entry site was not reached");
    let calls = trap_calls();
    assert_eq!(calls.len(), 1);
    let c = &calls[0];
    assert_eq!(c.code, TrapKind::StackOverflow.code() as u64);
    assert_eq!(c.frame_vmctx, dbg.vmctx());
    let save_area = c.regs_ptr..c.regs_ptr + 8 * REG_SAVE_WORDS as u64;
    let locals = c.fp - FRAME as u64..c.fp - 16;
    assert!(
        save_area.start < locals.end && locals.start < save_area.end,
        "the save area {save_area:x?} overlaps the unallocated frame {locals:x?}"
    );
    // With room, the same function reaches its site.
    dbg.call(0, &mut []).expect("no trap");
    assert_eq!(slow_calls().len(), 1);
}

#[test]
fn trap_stub_without_debugger_does_not_stop() {
    let mut dbg = Dbg::new(vec![trapping_probe()]);
    dbg.detach_state();
    let t = dbg.call(0, &mut []).expect_err("traps");
    assert_eq!(t.kind(), TrapKind::Unreachable);
    assert_eq!(dbg.module.trap_site(t.pc).unwrap().0.bytecode_offset, 77);
    assert!(trap_calls().is_empty());
    // Nor with a plain environment (no debug header at all).
    crate::harness::LIBCALL_ARGS.with(|l| l.set([0; 6]));
    let mut env = Env::new(0);
    env.set_libcall(Libcall::DebugTrap, recording_libcall as *const () as usize);
    let module = Module::new(vec![trapping_probe()]);
    let t = env.call(module.func(0), &mut []).expect_err("traps");
    assert_eq!(t.kind(), TrapKind::Unreachable);
    assert_eq!(
        crate::harness::LIBCALL_ARGS.with(|l| l.get()),
        [0; 6],
        "DebugTrap not called"
    );
}

#[test]
fn libcall_trap_stops_with_the_full_code() {
    // A libcall's trap code (64 bits) reaches the debug stop intact.
    let f = build(16, |e| {
        e.set_source_loc(5);
        e.libcall(
            Libcall::MemoryGrow,
            &[
                LibcallArg::Imm(TrapKind::MemoryOutOfBounds.code() as u64),
                LibcallArg::Imm(0),
            ],
            None,
            true,
        );
    });
    let mut dbg = Dbg::new(vec![f]);
    dbg.env.set_libcall(
        Libcall::MemoryGrow,
        crate::harness::trapping_libcall as *const () as usize,
    );
    let t = dbg.call(0, &mut []).expect_err("traps");
    assert_eq!(t.kind(), TrapKind::MemoryOutOfBounds);
    let calls = trap_calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].code, TrapKind::MemoryOutOfBounds.code() as u64);
    assert_eq!(calls[0].pc, t.pc as u64);
    assert_eq!(calls[0].entry_sp % 16, CALL_PUSHED_BYTES);
}

#[test]
fn thunks_encode_what_they_say() {
    let t = sp_thunk(true, 0x1122_3344_5566_7788);
    crate::isa::check_sp_thunk(&t);
}
