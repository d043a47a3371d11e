//! Debug code run for real: the filter stub and the trap stub's debug stop.
//!
//! The tests use a fake debugger: their own gate array and `VMDebugState`-shaped bit tables
//! (owner null), the real filter stub behind a thunk that counts handler calls (what an armed
//! gate holds is the backend's: `isa::armed_gate_value`), and `DebugSlowPath`/`DebugTrap`
//! libcalls that record what they are given (including the stack pointer at their entry, to
//! check alignment). The exact encodings of both site layouts are checked by each backend's
//! own tests.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use breakwater_core::codegen::{Base, CompileConfig, Emitter, LibcallArg, OperandSize, Reg};
use breakwater_core::compiled::CompiledCode;
use breakwater_core::debug::{
    DebugState, DebugTables, Location, Site, SiteKind, SiteLayout, VMDebugState, FPR_SAVE_BASE,
    GATE_SLOT, REG_SAVE_WORDS, SITE_SHIFT,
};
use breakwater_core::libcalls::{Libcall, LibcallResult};
use breakwater_core::vmctx::{self, VMOffsets};
use breakwater_core::{TrapKind, ValType};

use crate::harness::{
    all_regs, area, build, canary, recording_libcall, stubs, Env, Exec, Module, Trapped,
};
use crate::isa::{counting_thunk, sp_thunk, BackendEmitter, BackendIsa, CALL_PUSHED_BYTES};

use OperandSize::S64;

pub(crate) const LAYOUTS: [SiteLayout; 2] = [SiteLayout::InlineCall, SiteLayout::FallThrough];

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
    let offsets = VMOffsets::new(&parsed.info);
    let info = parsed.info;
    parsed
        .functions
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            breakwater_core::runtime::compile::compile_function(
                &BackendIsa,
                &info,
                &offsets,
                i as u32,
                input,
                config,
            )
            .expect("compiles")
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 2. Execution: the fake debugger

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
    /// `[fp - 8]`, `[fp + GATE_SLOT]` and `[fp]` (the caller's fp) during the call.
    frame_vmctx: u64,
    frame_gate: u64,
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
    /// Save-area words to overwrite.
    writes: Vec<(usize, u64)>,
    /// Trap code to return.
    trap: u64,
}

thread_local! {
    static SLOW_CALLS: RefCell<Vec<SlowCall>> = const { RefCell::new(Vec::new()) };
    static TRAP_CALLS: RefCell<Vec<TrapCall>> = const { RefCell::new(Vec::new()) };
    static SLOW_ACTION: RefCell<SlowAction> = RefCell::new(SlowAction::default());
    /// When set (tables, code base): the slow path also evaluates each site's operand stack
    /// and locals, as the debugger would, into `SITE_VALUES`.
    static SITE_EVAL: RefCell<Option<(DebugTables, u64)>> = const { RefCell::new(None) };
    static SITE_VALUES: RefCell<Vec<SiteValues>> = const { RefCell::new(Vec::new()) };
}

/// What the debugger would show at a site: its bytecode offset, operand stack and locals
/// (i32 values, low 32 bits).
#[derive(Clone, Debug, PartialEq, Eq)]
struct SiteValues {
    func: u32,
    offset: u32,
    stack: Vec<u64>,
    locals: Vec<u64>,
}

/// Evaluates the site returning to `ret` the way `Stop::stack`/`Stop::locals` do.
///
/// # Safety
/// `fp` is the live frame of that site and `regs` the filter stub's save area.
unsafe fn eval_site(
    tables: &DebugTables,
    base: u64,
    ret: u64,
    fp: u64,
    regs: &[u64],
) -> SiteValues {
    let site = tables
        .site_at((ret - base) as u32)
        .unwrap_or_else(|| panic!("no site returns to {:#x}", ret - base));
    let read = |ty: ValType, loc: Location| -> u64 {
        let bits = match loc {
            Location::Const(b) => b,
            Location::Reg(Reg::Gpr(i)) => regs[i as usize],
            Location::Reg(Reg::Fpr(i)) => regs[FPR_SAVE_BASE + i as usize],
            // SAFETY: a slot of the live frame (the caller's contract).
            Location::Frame(off) => unsafe { ((fp as i64 + off as i64) as *const u64).read() },
        };
        if ty == ValType::I32 {
            bits & 0xffff_ffff
        } else {
            bits
        }
    };
    SiteValues {
        func: site.func_index,
        offset: site.bytecode_offset,
        stack: site.stack.iter().map(|v| read(v.ty, v.loc)).collect(),
        locals: tables.functions[site.func_index as usize]
            .locals
            .iter()
            .map(|&(ty, off)| read(ty, Location::Frame(off)))
            .collect(),
    }
}

fn slow_calls() -> Vec<SlowCall> {
    SLOW_CALLS.with(|c| c.borrow().clone())
}

fn trap_calls() -> Vec<TrapCall> {
    TRAP_CALLS.with(|c| c.borrow().clone())
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

/// `DebugSlowPath`, reached through a thunk that passes its entry sp as the 5th argument.
extern "C" fn slow_recorder(
    vmctx: *mut u8,
    ret: u64,
    fp: u64,
    regs: u64,
    entry_sp: u64,
    _: u64,
) -> LibcallResult {
    // SAFETY: the filter stub passes its save area and the live frame's fp.
    let (saved, frame_vmctx, frame_gate, frame_caller_fp) = unsafe {
        (
            read_regs(regs),
            ((fp - 8) as *const u64).read(),
            ((fp as i64 + GATE_SLOT as i64) as *const u64).read(),
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
            frame_gate,
            frame_caller_fp,
        })
    });
    SITE_EVAL.with(|e| {
        if let Some((tables, base)) = &*e.borrow() {
            // SAFETY: as above.
            let v = unsafe { eval_site(tables, *base, ret, fp, &saved) };
            SITE_VALUES.with(|s| s.borrow_mut().push(v));
        }
    });
    let action = SLOW_ACTION.with(|a| a.borrow().clone());
    for (w, v) in action.writes {
        // SAFETY: the save area has REG_SAVE_WORDS words.
        unsafe { (regs as *mut u64).add(w).write(v) };
    }
    LibcallResult {
        value: 0,
        trap: action.trap,
    }
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

/// The filter stub's address.
fn filter_addr() -> usize {
    stubs().exec.addr() + stubs().stubs.filter as usize
}

/// A fake instance with a fake debugger attached.
struct Dbg {
    env: Box<Env>,
    module: Module,
    /// Per function, its `site_returns` (function-relative).
    site_returns: Vec<Vec<u32>>,
    gates: Vec<u64>,
    bits: Vec<AtomicU64>,
    ahead: Vec<AtomicU64>,
    state: Box<VMDebugState>,
    handler_calls: Box<AtomicU64>,
    thunks: Vec<Exec>,
}

impl Dbg {
    /// Links `funcs`, attaches: the handler is the (counted) filter stub, every gate null, every
    /// bit clear, the recording libcalls installed, the recorders emptied.
    fn new(funcs: Vec<CompiledCode>) -> Dbg {
        SLOW_CALLS.with(|c| c.borrow_mut().clear());
        TRAP_CALLS.with(|c| c.borrow_mut().clear());
        SLOW_ACTION.with(|a| *a.borrow_mut() = SlowAction::default());
        SITE_EVAL.with(|e| *e.borrow_mut() = None);
        SITE_VALUES.with(|v| v.borrow_mut().clear());
        let site_returns = funcs.iter().map(|f| f.site_returns.clone()).collect();
        let nfuncs = funcs.len();
        let module = Module::new(funcs);
        let words = (module.linked.bytes.len() >> SITE_SHIFT) / 64 + 1;
        let bits: Vec<AtomicU64> = (0..words).map(|_| AtomicU64::new(0)).collect();
        let ahead: Vec<AtomicU64> = (0..words).map(|_| AtomicU64::new(0)).collect();
        let state = Box::new(VMDebugState {
            bits: bits.as_ptr(),
            ahead: ahead.as_ptr(),
            owner: std::ptr::null_mut(),
        });
        let handler_calls = Box::new(AtomicU64::new(0));
        let counting = counting_thunk(&*handler_calls, filter_addr());
        let slow = sp_thunk(true, slow_recorder as *const () as usize);
        let trap = sp_thunk(false, trap_recorder as *const () as usize);
        let mut env = Env::new(0);
        env.set_libcall(Libcall::DebugSlowPath, slow.addr());
        env.set_libcall(Libcall::DebugTrap, trap.addr());
        let mut dbg = Dbg {
            env,
            module,
            site_returns,
            gates: vec![0; nfuncs],
            bits,
            ahead,
            state,
            handler_calls,
            thunks: vec![counting, slow, trap],
        };
        let handler = dbg.thunks[0].addr() as u64;
        let gates = dbg.gates.as_ptr() as u64;
        let base = dbg.module.exec.addr() as u64;
        let state = &*dbg.state as *const VMDebugState as u64;
        let v = &mut dbg.env.vmctx;
        v.set_u64(vmctx::DEBUG_HANDLER, handler);
        v.set_u64(vmctx::DEBUG_GATES, gates);
        v.set_u64(vmctx::CODE_BASE, base);
        v.set_u64(vmctx::DEBUG_STATE, state);
        dbg
    }

    /// The module-relative return offset of site `k` of function `func`.
    fn ret_offset(&self, func: u32, k: usize) -> u32 {
        self.module.linked.functions[func as usize].code_offset
            + self.site_returns[func as usize][k]
    }
    /// The return address of site `k` of function `func`.
    fn ret_addr(&self, func: u32, k: usize) -> u64 {
        (self.module.exec.addr() + self.ret_offset(func, k) as usize) as u64
    }
    /// The bit index of site `k` of function `func`.
    fn index(&self, func: u32, k: usize) -> usize {
        (self.ret_offset(func, k) >> SITE_SHIFT) as usize
    }
    /// Sets bit `i` of `words`: bit `i % 64` of word `i / 64`.
    fn set(words: &[AtomicU64], i: usize) {
        words[i / 64].fetch_or(1 << (i % 64), Ordering::SeqCst);
    }
    /// Makes site `k` of `func` interesting.
    fn set_bit(&self, func: u32, k: usize) {
        Self::set(&self.bits, self.index(func, k));
    }
    /// Marks site `k` of `func` as having an interesting site ahead.
    fn set_ahead(&self, func: u32, k: usize) {
        Self::set(&self.ahead, self.index(func, k));
    }
    /// Sets every bit of both tables.
    fn set_all(&self) {
        for w in self.bits.iter().chain(&self.ahead) {
            w.store(u64::MAX, Ordering::SeqCst);
        }
    }
    /// Clears both tables.
    fn clear_all(&self) {
        for w in self.bits.iter().chain(&self.ahead) {
            w.store(0, Ordering::SeqCst);
        }
    }
    /// The gate value of an armed function.
    fn gate_value(&self) -> u64 {
        crate::isa::armed_gate_value(filter_addr(), self.thunks[0].addr())
    }
    /// Arms function `func`'s gate.
    fn arm(&mut self, func: u32) {
        self.gates[func as usize] = self.gate_value();
    }
    /// `DEBUG_STATE = null`, as a detach leaves it (the handler stays).
    fn detach_state(&mut self) {
        self.env.vmctx.set_u64(vmctx::DEBUG_STATE, 0);
    }
    /// How many times a site called the handler.
    fn handler_calls(&self) -> u64 {
        self.handler_calls.load(Ordering::SeqCst)
    }
    /// Runs function `func`.
    fn call(&mut self, func: u32, values: &mut [u64]) -> Result<(), Trapped> {
        let f = self.module.func(func);
        self.env.call(f, values)
    }
    fn vmctx(&mut self) -> u64 {
        self.env.vmctx_ptr() as u64
    }
}

/// Area slots of [`probe`]: every allocatable register, then the gate slot at the end.
const PROBE_SLOTS: u32 = BackendEmitter::GPR_COUNT as u32 + BackendEmitter::FPR_COUNT as u32 + 1;
/// Where [`probe`] stores the gate slot.
const GATE_OUT: usize = PROBE_SLOTS as usize - 1;

/// A function (its gate: `gates[func]`) that loads a canary into every allocatable register,
/// runs `n` breakable points in `layout`, then stores every register and its gate slot to its
/// area.
fn probe(func: u32, layout: SiteLayout, n: usize) -> CompiledCode {
    let regs = all_regs();
    assert_eq!(regs.len(), GATE_OUT);
    build(16, |e| {
        e.load_debug_gate(func);
        for &r in &regs {
            e.load_const(r, S64, canary(r));
        }
        for _ in 0..n {
            e.breakable_site(layout);
        }
        for (j, &r) in regs.iter().enumerate() {
            e.store(Base::Frame, area(PROBE_SLOTS, j as u32), r, S64);
        }
        e.load(Reg::Gpr(0), Base::Frame, GATE_SLOT, S64);
        e.store(
            Base::Frame,
            area(PROBE_SLOTS, GATE_OUT as u32),
            Reg::Gpr(0),
            S64,
        );
    })
}

/// Runs [`probe`] (function 0 of `dbg`), asserting no trap and every register intact except
/// those in `changed`; returns the final gate slot.
fn run_probe(dbg: &mut Dbg, changed: &[(Reg, u64)]) -> u64 {
    let mut values = vec![0u64; PROBE_SLOTS as usize];
    dbg.call(0, &mut values).expect("no trap");
    for (j, r) in all_regs().into_iter().enumerate() {
        let want = changed
            .iter()
            .find(|(c, _)| *c == r)
            .map_or(canary(r), |&(_, v)| v);
        assert_eq!(values[j], want, "register {r:?} after the sites");
    }
    values[GATE_OUT]
}

/// The save-area word of `r`.
fn word_of(r: Reg) -> usize {
    match r {
        Reg::Gpr(i) => i as usize,
        Reg::Fpr(i) => FPR_SAVE_BASE + i as usize,
    }
}

/// Checks a slow-path call's frame and stack facts against the probe's.
fn check_slow_call(dbg: &mut Dbg, c: &SlowCall, func: u32, k: usize) {
    assert_eq!(c.ret, dbg.ret_addr(func, k), "return address of site {k}");
    assert_eq!(c.vmctx, dbg.vmctx());
    assert_eq!(
        c.frame_vmctx,
        dbg.vmctx(),
        "fp is a Wasm frame: [fp-8] is the vmctx"
    );
    assert_eq!(
        c.frame_gate,
        dbg.gate_value(),
        "the gate is still armed at the slow path"
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
}

#[test]
fn gate_null_calls_nothing() {
    for layout in LAYOUTS {
        let mut dbg = Dbg::new(vec![probe(0, layout, 3)]);
        dbg.set_all();
        assert_eq!(run_probe(&mut dbg, &[]), 0);
        assert_eq!(dbg.handler_calls(), 0, "{layout:?}");
        assert!(slow_calls().is_empty());
        // Also with no handler at all (a module never attached: a call would crash).
        dbg.env.vmctx.set_u64(vmctx::DEBUG_HANDLER, 0);
        dbg.detach_state();
        assert_eq!(run_probe(&mut dbg, &[]), 0);
    }
}

#[test]
fn bit_clear_ahead_set_keeps_the_gate() {
    for layout in LAYOUTS {
        let mut dbg = Dbg::new(vec![probe(0, layout, 3)]);
        dbg.arm(0);
        for k in 0..3 {
            dbg.set_ahead(0, k);
        }
        assert_eq!(run_probe(&mut dbg, &[]), dbg.gate_value(), "{layout:?}");
        assert_eq!(dbg.handler_calls(), 3);
        assert!(slow_calls().is_empty());
    }
}

#[test]
fn bit_clear_ahead_clear_disarms_the_frame() {
    for layout in LAYOUTS {
        // Nothing ahead at all: the first site disarms, the others run at detached speed.
        let mut dbg = Dbg::new(vec![probe(0, layout, 4)]);
        dbg.arm(0);
        assert_eq!(run_probe(&mut dbg, &[]), 0, "{layout:?}");
        assert_eq!(dbg.handler_calls(), 1);
        assert!(slow_calls().is_empty());
        // Something ahead of the first two sites only: the third disarms.
        let mut dbg = Dbg::new(vec![probe(0, layout, 4)]);
        dbg.arm(0);
        dbg.set_ahead(0, 0);
        dbg.set_ahead(0, 1);
        assert_eq!(run_probe(&mut dbg, &[]), 0);
        assert_eq!(dbg.handler_calls(), 3);
        // The function's gate itself is untouched: only the frame's copy.
        assert_eq!(dbg.gates[0], dbg.gate_value());
    }
}

#[test]
fn interesting_site_reaches_the_slow_path_with_every_register() {
    for layout in LAYOUTS {
        let mut dbg = Dbg::new(vec![probe(0, layout, 3)]);
        dbg.arm(0);
        dbg.set_bit(0, 1);
        dbg.set_ahead(0, 0);
        dbg.set_ahead(0, 1);
        // Sites 0 (ahead) and 1 (interesting) call the handler; site 2 disarms.
        assert_eq!(run_probe(&mut dbg, &[]), 0, "{layout:?}");
        assert_eq!(dbg.handler_calls(), 3);
        let calls = slow_calls();
        assert_eq!(calls.len(), 1, "{layout:?}");
        let c = &calls[0];
        check_slow_call(&mut dbg, c, 0, 1);
        for r in all_regs() {
            assert_eq!(c.regs[word_of(r)], canary(r), "{r:?} in the save area");
        }
    }
}

#[test]
fn slow_path_changes_to_saved_registers_are_restored() {
    // The contract: the stub "restores the registers (the slow path may have changed saved
    // values)", so a debugger that sets a register value sees it take effect.
    for layout in LAYOUTS {
        let mut dbg = Dbg::new(vec![probe(0, layout, 2)]);
        dbg.arm(0);
        dbg.set_bit(0, 0);
        dbg.set_ahead(0, 0);
        let changes = [
            (Reg::Gpr(0), 0x1111_2222_3333_4444),
            (Reg::Gpr(2), 0x5555),
            (Reg::Gpr(8), u64::MAX),
            (Reg::Fpr(0), 0x4009_21fb_5444_2d18),
            (Reg::Fpr(13), 0x3ff0_0000_0000_0000),
        ];
        SLOW_ACTION.with(|a| {
            a.borrow_mut().writes = changes.iter().map(|&(r, v)| (word_of(r), v)).collect()
        });
        assert_eq!(run_probe(&mut dbg, &changes), 0, "{layout:?}");
        assert_eq!(slow_calls().len(), 1);
        // Words the contract does not assign (if the backend leaves any) are scratch: writing
        // them changes nothing the code can see.
        let mut dbg = Dbg::new(vec![probe(0, layout, 1)]);
        dbg.arm(0);
        dbg.set_bit(0, 0);
        SLOW_ACTION.with(|a| {
            a.borrow_mut().writes = (BackendEmitter::GPR_COUNT as usize..FPR_SAVE_BASE)
                .chain(FPR_SAVE_BASE + BackendEmitter::FPR_COUNT as usize..REG_SAVE_WORDS)
                .map(|w| (w, 0xdead_beef))
                .collect()
        });
        run_probe(&mut dbg, &[]);
    }
}

#[test]
fn slow_path_trap_is_raised_at_the_site() {
    for layout in LAYOUTS {
        let mut dbg = Dbg::new(vec![probe(0, layout, 3)]);
        dbg.arm(0);
        dbg.set_bit(0, 1);
        dbg.set_ahead(0, 0);
        let code = TrapKind::Interrupted.code() as u64;
        SLOW_ACTION.with(|a| a.borrow_mut().trap = code);
        let mut values = vec![0u64; PROBE_SLOTS as usize];
        let t = dbg.call(0, &mut values).expect_err("the slow path's trap");
        let vm = dbg.vmctx();
        assert_eq!(
            (t.code, t.pc as u64, t.vmctx as u64),
            (code, dbg.ret_addr(0, 1), vm),
            "{layout:?}"
        );
        assert_eq!(t.kind(), TrapKind::Interrupted);
        assert_eq!(dbg.handler_calls(), 2, "nothing after the aborted site");
        assert_eq!(
            values,
            vec![0; PROBE_SLOTS as usize],
            "the area was not copied out"
        );
        // The trap stub's debug stop saw it (the debugger ignores traps at no trap site).
        let traps = trap_calls();
        assert_eq!(traps.len(), 1);
        assert_eq!((traps[0].code, traps[0].pc), (code, dbg.ret_addr(0, 1)));
        // A 64-bit trap code is not truncated.
        let wide = (1u64 << 32) | code;
        let mut dbg2 = Dbg::new(vec![probe(0, layout, 1)]);
        dbg2.arm(0);
        dbg2.set_bit(0, 0);
        SLOW_ACTION.with(|a| a.borrow_mut().trap = wide);
        let mut v = vec![0u64; PROBE_SLOTS as usize];
        // (`Trapped::kind` would reject this code: compare the raw value.)
        assert_eq!(dbg2.call(0, &mut v).expect_err("traps").code, wide);
        assert_eq!(trap_calls().last().unwrap().code, wide);
        // The instance is usable afterwards.
        SLOW_ACTION.with(|a| a.borrow_mut().trap = 0);
        dbg.clear_all();
        assert_eq!(run_probe(&mut dbg, &[]), 0);
    }
}

#[test]
fn detached_state_disarms_an_armed_frame() {
    for layout in LAYOUTS {
        let mut dbg = Dbg::new(vec![probe(0, layout, 3)]);
        dbg.arm(0);
        dbg.set_all();
        dbg.detach_state();
        assert_eq!(run_probe(&mut dbg, &[]), 0, "{layout:?}");
        assert_eq!(dbg.handler_calls(), 1, "the first site disarms");
        assert!(slow_calls().is_empty());
        assert!(trap_calls().is_empty());
    }
}

#[test]
fn bit_indexing_matches_lsb0_words() {
    // 100 sites span several 64-bit words of the tables in either layout: for every site, only
    // its own bit leads to the slow path, and the ahead bits of the sites before it keep the
    // frame armed until there.
    for layout in LAYOUTS {
        let n = 100;
        let mut dbg = Dbg::new(vec![probe(0, layout, n)]);
        dbg.arm(0);
        let last = dbg.index(0, n - 1);
        assert!(
            last >= 128,
            "{layout:?}: sites reach the third word ({last})"
        );
        for k in 0..n {
            dbg.clear_all();
            dbg.handler_calls.store(0, Ordering::SeqCst);
            SLOW_CALLS.with(|c| c.borrow_mut().clear());
            dbg.set_bit(0, k);
            for j in 0..=k {
                dbg.set_ahead(0, j);
            }
            let gate = run_probe(&mut dbg, &[]);
            let calls = slow_calls();
            assert_eq!(calls.len(), 1, "{layout:?} site {k}");
            assert_eq!(calls[0].ret, dbg.ret_addr(0, k), "{layout:?} site {k}");
            let expect_calls = if k + 1 < n { k as u64 + 2 } else { n as u64 };
            assert_eq!(dbg.handler_calls(), expect_calls, "{layout:?} site {k}");
            assert_eq!(gate, if k + 1 < n { 0 } else { dbg.gate_value() });
        }
    }
}

/// Module-relative offsets of `code`'s sites as `Site`s at bytecode offsets `100 + k`.
fn with_sites(mut code: CompiledCode, func: u32) -> CompiledCode {
    code.sites = code
        .site_returns
        .iter()
        .enumerate()
        .map(|(k, &r)| Site {
            return_offset: r,
            func_index: func,
            bytecode_offset: 100 + k as u32,
            kind: SiteKind::Instruction,
            stack: Box::new([]),
        })
        .collect();
    code
}

#[test]
fn core_debug_state_tables_drive_the_stub() {
    // The core's `DebugState` (bitvec, Lsb0 on AtomicU64 words) and the stub agree on which bit
    // is which site, across functions and words.
    for layout in LAYOUTS {
        let n = 70;
        let funcs = vec![
            with_sites(probe(0, layout, 3), 0),
            with_sites(probe(1, layout, n), 1),
        ];
        let mut dbg = Dbg::new(funcs);
        let code_len = dbg.module.linked.bytes_len();
        for k in [0, 1, 31, 32, 63, 64, 65, n - 1] {
            let state = DebugState::new(2, code_len, dbg.gate_value() as usize);
            assert_eq!(
                state.set_breakpoint(&dbg.module.linked.debug, 1, 100 + k as u32),
                1
            );
            let vm = state.vm_state() as u64;
            let gates = state.gates_ptr() as u64;
            dbg.env.vmctx.set_u64(vmctx::DEBUG_STATE, vm);
            dbg.env.vmctx.set_u64(vmctx::DEBUG_GATES, gates);
            dbg.handler_calls.store(0, Ordering::SeqCst);
            SLOW_CALLS.with(|c| c.borrow_mut().clear());
            assert!(state.is_interesting(dbg.ret_offset(1, k)));
            // Function 1 stops at its site k only; function 0 is not armed.
            let mut values = vec![0u64; PROBE_SLOTS as usize];
            dbg.call(1, &mut values).unwrap();
            let calls = slow_calls();
            assert_eq!(calls.len(), 1, "{layout:?} site {k}");
            assert_eq!(calls[0].ret, dbg.ret_addr(1, k));
            let expect_calls = if k + 1 < n { k as u64 + 2 } else { n as u64 };
            assert_eq!(dbg.handler_calls(), expect_calls, "{layout:?} site {k}");
            dbg.handler_calls.store(0, Ordering::SeqCst);
            dbg.call(0, &mut values).unwrap();
            assert_eq!(dbg.handler_calls(), 0);
            assert_eq!(slow_calls().len(), 1);
            // Restore the fake tables before `state` goes away.
            let own_state = &*dbg.state as *const VMDebugState as u64;
            let own_gates = dbg.gates.as_ptr() as u64;
            dbg.env.vmctx.set_u64(vmctx::DEBUG_STATE, own_state);
            dbg.env.vmctx.set_u64(vmctx::DEBUG_GATES, own_gates);
        }
    }
}

#[test]
fn slow_path_sees_the_callee_frame() {
    // Function 0 calls function 1, whose site is interesting: fp is function 1's frame, whose
    // saved fp is function 0's frame.
    for layout in LAYOUTS {
        let f0 = build(16, |e| {
            e.load_debug_gate(0);
            e.breakable_site(layout);
            e.call_direct(1, -16);
            e.load_debug_gate(0);
            e.breakable_site(layout);
        });
        let f1 = build(16, |e| {
            e.load_debug_gate(1);
            e.breakable_site(layout);
        });
        let mut dbg = Dbg::new(vec![f0, f1]);
        dbg.arm(0);
        dbg.arm(1);
        dbg.set_all();
        dbg.call(0, &mut []).unwrap();
        let calls = slow_calls();
        assert_eq!(calls.len(), 3, "{layout:?}");
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
}

#[test]
fn front_end_debug_code_shows_its_values_at_every_site() {
    // The core front end's debug code for `test_module`, every site interesting: the run gives
    // the same result as without a debugger, and every site's recorded locations (registers in
    // the save area, frame slots, constants) hold the values the Wasm program has there.
    let plain = compile_test_module(&CompileConfig::default());
    let module = Module::new(plain);
    let mut env = Env::new(0);
    let mut expected = [3u64, 4];
    env.call(module.func(0), &mut expected).unwrap();
    assert_eq!(expected[0], 3 + 4 + 3 * 4);
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
    let mut want_all = want.clone();
    want_all.extend([
        (1, 53, vec![], vec![3, 4]),
        (1, 54, vec![], vec![3, 4]),
        (1, 56, vec![3], vec![3, 4]),
        (1, 58, vec![3, 4], vec![3, 4]),
        (1, 59, vec![12], vec![3, 4]),
        (1, 60, vec![12], vec![3, 4]),
    ]);
    let mut f0 = |offset: u32, stack: &[u64], locals: [u64; 2]| {
        want_all.push((0, offset, stack.to_vec(), locals.to_vec()))
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
    for layout in LAYOUTS {
        let config = CompileConfig {
            debug: true,
            site_layout: layout,
        };
        let mut dbg = Dbg::new(compile_test_module(&config));
        // Module-wide (across functions too) every site has its own bit.
        for w in dbg.module.linked.debug.sites.windows(2) {
            assert!(w[1].return_offset >= w[0].return_offset + 8, "{layout:?}");
        }
        let base = dbg.module.exec.addr() as u64;
        SITE_EVAL.with(|e| *e.borrow_mut() = Some((dbg.module.linked.debug.clone(), base)));
        dbg.arm(0);
        dbg.arm(1);
        dbg.set_all();
        let mut values = [3u64, 4];
        dbg.call(0, &mut values).unwrap();
        assert_eq!(values[0] & 0xffff_ffff, expected[0], "{layout:?}");
        let seen: Vec<(u32, u32, Vec<u64>, Vec<u64>)> = SITE_VALUES
            .with(|v| v.borrow().clone())
            .into_iter()
            .map(|v| (v.func, v.offset, v.stack, v.locals))
            .collect();
        assert_eq!(seen, want_all, "{layout:?}");
        for c in slow_calls() {
            assert_eq!(c.entry_sp % 16, CALL_PUSHED_BYTES);
            assert_eq!(c.frame_vmctx, dbg.vmctx());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2g. The trap stub's debug stop

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
    for r in all_regs() {
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
    // be. The debugger must not read or write locals (or the gate slot) of such a frame.
    const FRAME: u32 = 512;
    let f = build(FRAME, |e| {
        e.load_debug_gate(0);
        e.breakable_site(SiteLayout::FallThrough);
    });
    let mut dbg = Dbg::new(vec![f]);
    dbg.arm(0);
    dbg.set_all();
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
