//! Per-instance debugger state: the data the filter stub and compiled code read (gates and bit
//! tables, published through `VMDebugState`), and the breakpoints and resume mode that decide
//! them. Everything here is data: arming a site never writes code. All of it may be changed
//! from any thread (a debugger thread pausing or setting breakpoints while Wasm runs).

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use bitvec::prelude::*;
use hashbrown::HashSet;
use spin::Mutex;

use super::{DebugTables, ResumeMode, SITE_SHIFT};

/// What the filter stub reads, at a stable address found at `vmctx::DEBUG_STATE`.
///
/// Both tables have one bit per `SITE_SHIFT`-aligned code offset (bit `i` is bit `i % 64` of
/// word `i / 64`): `bits` says the site is interesting (call the slow path), `ahead` says an
/// interesting site lies at or after it in the same function (otherwise the stub clears the
/// frame's gate, so the rest of this activation runs at detached speed until a loop header or a
/// call reloads it).
#[repr(C)]
#[derive(Debug)]
pub struct VMDebugState {
    /// The interesting-site bits.
    pub bits: *const AtomicU64,
    /// The interesting-site-ahead bits.
    pub ahead: *const AtomicU64,
    /// The `Debugger` that owns this state (for the slow path).
    pub owner: *mut (),
}

/// Offset of `VMDebugState::bits`.
pub const VMDEBUG_BITS: i32 = 0;
/// Offset of `VMDebugState::ahead`.
pub const VMDEBUG_AHEAD: i32 = 8;

/// Breakpoints and resume mode, changed under a lock.
struct Control {
    breakpoints: HashSet<(u32, u32)>,
    mode: ResumeMode,
}

/// One instance's debugger state.
pub struct DebugState {
    vm: Box<VMDebugState>,
    /// Per function (full index space): the handler address when the function is armed.
    gates: Box<[AtomicUsize]>,
    bits: BitBox<AtomicU64, Lsb0>,
    ahead: BitBox<AtomicU64, Lsb0>,
    control: Mutex<Control>,
    handler: usize,
    pause: AtomicBool,
}

// SAFETY: the raw pointers in `vm` point into `bits`/`ahead` (owned here, never reallocated)
// and to the owning debugger; all shared mutation goes through atomics or the mutex.
unsafe impl Send for DebugState {}
unsafe impl Sync for DebugState {}

impl DebugState {
    /// State for an instance of a module with `num_funcs` functions and `code_len` bytes of
    /// code, whose sites call the filter stub at address `handler`.
    pub fn new(num_funcs: usize, code_len: usize, handler: usize) -> DebugState {
        let nbits = (code_len >> SITE_SHIFT) + 1;
        let bits: BitBox<AtomicU64, Lsb0> = bitbox![AtomicU64, Lsb0; 0; nbits];
        let ahead: BitBox<AtomicU64, Lsb0> = bitbox![AtomicU64, Lsb0; 0; nbits];
        let vm = Box::new(VMDebugState {
            bits: bits.as_raw_slice().as_ptr(),
            ahead: ahead.as_raw_slice().as_ptr(),
            owner: core::ptr::null_mut(),
        });
        let gates: Vec<AtomicUsize> = (0..num_funcs).map(|_| AtomicUsize::new(0)).collect();
        DebugState {
            vm,
            gates: gates.into_boxed_slice(),
            bits,
            ahead,
            control: Mutex::new(Control {
                breakpoints: HashSet::new(),
                mode: ResumeMode::Continue,
            }),
            handler,
            pause: AtomicBool::new(false),
        }
    }

    /// Records the owning debugger for the slow path.
    pub(crate) fn set_owner(&mut self, owner: *mut ()) {
        self.vm.owner = owner;
    }
    /// The address to store at `vmctx::DEBUG_STATE`.
    pub fn vm_state(&self) -> *const VMDebugState {
        &*self.vm
    }
    /// The address to store at `vmctx::DEBUG_GATES`.
    pub fn gates_ptr(&self) -> *const AtomicUsize {
        self.gates.as_ptr()
    }
    /// The filter stub's address (for `vmctx::DEBUG_HANDLER`).
    pub fn handler(&self) -> usize {
        self.handler
    }
    /// The gate of function `func` as compiled code would load it.
    pub fn gate(&self, func: u32) -> usize {
        self.gates
            .get(func as usize)
            .map_or(0, |g| g.load(Ordering::SeqCst))
    }
    /// Whether the site returning to module offset `offset` is interesting.
    pub fn is_interesting(&self, offset: u32) -> bool {
        self.bits
            .get((offset >> SITE_SHIFT) as usize)
            .is_some_and(|b| *b)
    }
    /// Bytes of debugger data (gates and bit tables) held for this instance.
    pub fn data_bytes(&self) -> usize {
        self.gates.len() * 8
            + 2 * self.bits.as_raw_slice().len() * 8
            + core::mem::size_of::<Self>()
            + core::mem::size_of::<VMDebugState>()
    }

    /// The breakpoints, as (function index, bytecode offset).
    pub fn breakpoints(&self) -> Vec<(u32, u32)> {
        self.control.lock().breakpoints.iter().copied().collect()
    }
    /// Whether there is a breakpoint at (function, bytecode offset).
    pub fn has_breakpoint(&self, func: u32, offset: u32) -> bool {
        self.control.lock().breakpoints.contains(&(func, offset))
    }
    /// Adds a breakpoint; returns how many sites it arms (0: no site there, nothing set).
    pub fn set_breakpoint(&self, tables: &DebugTables, func: u32, offset: u32) -> usize {
        let n = tables.sites_for(func, offset).len();
        if n > 0 {
            let mut c = self.control.lock();
            c.breakpoints.insert((func, offset));
            if self.armed_for_breakpoints_only(&c) {
                self.arm_breakpoint(tables, func, offset);
            }
        }
        n
    }
    /// Removes a breakpoint; returns whether it existed.
    pub fn clear_breakpoint(&self, tables: &DebugTables, func: u32, offset: u32) -> bool {
        let mut c = self.control.lock();
        let had = c.breakpoints.remove(&(func, offset));
        if had && self.armed_for_breakpoints_only(&c) {
            // Recompute this function only: clear its bits, re-add its other breakpoints.
            for site in &tables.sites[tables.function_sites(func)] {
                let i = (site.return_offset >> SITE_SHIFT) as usize;
                self.bits.set_aliased(i, false);
                self.ahead.set_aliased(i, false);
            }
            if let Some(g) = self.gates.get(func as usize) {
                g.store(0, Ordering::SeqCst);
            }
            for &(f, o) in c.breakpoints.iter().filter(|(f, _)| *f == func) {
                self.arm_breakpoint(tables, f, o);
            }
        }
        had
    }

    /// Whether the tables hold exactly the breakpoints (not stepping, no pause pending), so
    /// that one breakpoint can be added or removed without touching the rest.
    fn armed_for_breakpoints_only(&self, c: &Control) -> bool {
        c.mode == ResumeMode::Continue && !self.pause.load(Ordering::SeqCst)
    }

    /// Sets the bits of one breakpoint's sites, the ahead bits of every site of the function
    /// up to them, and the function's gate. Costs the function's size, not the module's.
    fn arm_breakpoint(&self, tables: &DebugTables, func: u32, offset: u32) {
        let range = tables.function_sites(func);
        for i in tables.sites_for(func, offset) {
            let site = &tables.sites[i];
            self.bits
                .set_aliased((site.return_offset >> SITE_SHIFT) as usize, true);
            for s in &tables.sites[range.start..=i] {
                self.ahead
                    .set_aliased((s.return_offset >> SITE_SHIFT) as usize, true);
            }
        }
        if let Some(g) = self.gates.get(func as usize) {
            g.store(self.handler, Ordering::SeqCst);
        }
    }
    /// The current resume mode.
    pub fn mode(&self) -> ResumeMode {
        self.control.lock().mode
    }
    /// Sets how execution resumes and re-arms gates and bits accordingly.
    pub fn set_mode(&self, tables: &DebugTables, mode: ResumeMode) {
        let mut c = self.control.lock();
        c.mode = mode;
        self.rearm(tables, &c);
    }
    /// Asks the running code to stop at its next breakable point (at the latest at the next
    /// loop header, call or function entry, where frames reload their gates).
    pub fn request_pause(&self) {
        self.pause.store(true, Ordering::SeqCst);
        self.arm_everything();
    }
    /// Takes a pending pause request.
    pub fn take_pause(&self) -> bool {
        self.pause.swap(false, Ordering::SeqCst)
    }

    fn arm_everything(&self) {
        for w in self.bits.as_raw_slice() {
            w.store(u64::MAX, Ordering::SeqCst);
        }
        for w in self.ahead.as_raw_slice() {
            w.store(u64::MAX, Ordering::SeqCst);
        }
        for g in self.gates.iter() {
            g.store(self.handler, Ordering::SeqCst);
        }
    }

    /// Recomputes gates and bit tables from the breakpoints and the resume mode.
    fn rearm(&self, tables: &DebugTables, c: &Control) {
        if !self.armed_for_breakpoints_only(c) {
            // Stepping or pausing: every site of every function must reach the slow path.
            self.arm_everything();
            return;
        }
        for w in self.bits.as_raw_slice() {
            w.store(0, Ordering::SeqCst);
        }
        for w in self.ahead.as_raw_slice() {
            w.store(0, Ordering::SeqCst);
        }
        for g in self.gates.iter() {
            g.store(0, Ordering::SeqCst);
        }
        for &(func, offset) in &c.breakpoints {
            self.arm_breakpoint(tables, func, offset);
        }
    }
}
