//! Per-instance debugger state: the data the filter stub and compiled code read (gates and bit
//! tables, published through `VMDebugState`), and the breakpoints and resume mode that decide
//! them. Everything here is data: arming a site never writes code.

use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use bitvec::prelude::*;
use hashbrown::HashSet;

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
    /// `*const u64`: the interesting-site bits.
    pub bits: *const AtomicU64,
    /// `*const u64`: the interesting-site-ahead bits.
    pub ahead: *const AtomicU64,
}

/// Offset of `VMDebugState::bits`.
pub const VMDEBUG_BITS: i32 = 0;
/// Offset of `VMDebugState::ahead`.
pub const VMDEBUG_AHEAD: i32 = 8;

/// One instance's debugger state.
pub struct DebugState {
    vm: Box<VMDebugState>,
    /// Per function (full index space): the handler address when the function is armed.
    gates: Box<[AtomicUsize]>,
    bits: BitBox<AtomicU64, Lsb0>,
    ahead: BitBox<AtomicU64, Lsb0>,
    breakpoints: HashSet<(u32, u32)>,
    handler: usize,
    mode: ResumeMode,
    pause: AtomicBool,
}

// SAFETY: the raw pointers in `vm` point into `bits`/`ahead`, which this value owns; all shared
// mutation goes through atomics.
unsafe impl Send for DebugState {}
unsafe impl Sync for DebugState {}

impl DebugState {
    /// State for an instance of a module with `num_funcs` functions and `code_len` bytes of
    /// code, attached through the filter stub at address `handler`.
    pub fn new(num_funcs: usize, code_len: usize, handler: usize) -> DebugState {
        let nbits = (code_len >> SITE_SHIFT) + 1;
        let bits: BitBox<AtomicU64, Lsb0> = bitbox![AtomicU64, Lsb0; 0; nbits];
        let ahead: BitBox<AtomicU64, Lsb0> = bitbox![AtomicU64, Lsb0; 0; nbits];
        let vm = Box::new(VMDebugState {
            bits: bits.as_raw_slice().as_ptr(),
            ahead: ahead.as_raw_slice().as_ptr(),
        });
        let gates: Vec<AtomicUsize> = (0..num_funcs).map(|_| AtomicUsize::new(0)).collect();
        DebugState {
            vm,
            gates: gates.into_boxed_slice(),
            bits,
            ahead,
            breakpoints: HashSet::new(),
            handler,
            mode: ResumeMode::Continue,
            pause: AtomicBool::new(false),
        }
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
            .map_or(0, |g| g.load(Ordering::Relaxed))
    }
    /// Whether the site returning to `offset` is interesting.
    pub fn is_interesting(&self, offset: u32) -> bool {
        self.bits
            .get((offset >> SITE_SHIFT) as usize)
            .is_some_and(|b| *b)
    }
    /// Bytes of debugger data (gates and bit tables) held for this instance.
    pub fn data_bytes(&self) -> usize {
        self.gates.len() * 8 + 2 * self.bits.as_raw_slice().len() * 8 + core::mem::size_of::<Self>()
    }

    /// The breakpoints, as (function index, bytecode offset).
    pub fn breakpoints(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.breakpoints.iter().copied()
    }
    /// Adds a breakpoint; returns how many sites it arms (0: no site there).
    pub fn set_breakpoint(&mut self, tables: &DebugTables, func: u32, offset: u32) -> usize {
        let n = tables.sites_for(func, offset).count();
        if n > 0 {
            self.breakpoints.insert((func, offset));
            self.rearm(tables);
        }
        n
    }
    /// Removes a breakpoint; returns whether it existed.
    pub fn clear_breakpoint(&mut self, tables: &DebugTables, func: u32, offset: u32) -> bool {
        let had = self.breakpoints.remove(&(func, offset));
        if had {
            self.rearm(tables);
        }
        had
    }
    /// The current resume mode.
    pub fn mode(&self) -> ResumeMode {
        self.mode
    }
    /// Sets how execution resumes and re-arms gates and bits accordingly.
    pub fn set_mode(&mut self, tables: &DebugTables, mode: ResumeMode) {
        self.mode = mode;
        self.rearm(tables);
    }
    /// Asks the running code to stop at its next breakable point; callable from any thread
    /// through a shared reference (the gates and bits are atomics).
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
    pub fn rearm(&mut self, tables: &DebugTables) {
        if self.mode != ResumeMode::Continue || self.pause.load(Ordering::SeqCst) {
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
        let mut armed = vec![false; self.gates.len()];
        for &(func, offset) in &self.breakpoints {
            for i in tables.sites_for(func, offset) {
                let site = &tables.sites[i];
                self.bits
                    .set_aliased((site.return_offset >> SITE_SHIFT) as usize, true);
                if let Some(a) = armed.get_mut(func as usize) {
                    *a = true;
                }
                // Every site of the same function at or before this one has it ahead.
                for s in tables.sites.iter().filter(|s| {
                    s.func_index == func && s.return_offset <= site.return_offset
                }) {
                    self.ahead
                        .set_aliased((s.return_offset >> SITE_SHIFT) as usize, true);
                }
            }
        }
        for (g, armed) in self.gates.iter().zip(armed) {
            g.store(if armed { self.handler } else { 0 }, Ordering::SeqCst);
        }
    }
}
