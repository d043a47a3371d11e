//! Per-instance debugger state: the gates compiled code loads, the masks they point to, and the
//! breakpoints, resume mode and pause request that decide them.
//!
//! Everything here is data: arming a site never writes code. Breakpoints, pauses and resume
//! modes may change from any thread while Wasm runs; one lock orders them, so a pause request
//! can never be lost between a check and a clear.

use alloc::boxed::Box;
use alloc::collections::BTreeSet;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicUsize, Ordering};

use hashbrown::HashMap;
use spin::Mutex;

use super::abi::{armed_bit, GateTable, MaskBlock};
use super::FunctionSites;
use super::ResumeMode;
use crate::runtime::CompiledModule;
use crate::vmctx;

/// What the debug stub's slow path finds at `vmctx::DEBUG_STATE`.
#[repr(C)]
#[derive(Debug)]
pub struct VMDebugState {
    /// The `Debugger` that owns this state.
    pub owner: core::sync::atomic::AtomicPtr<()>,
}

struct Control {
    /// Ordered, so a function's breakpoints are one range (watchpoints arm thousands).
    breakpoints: BTreeSet<(u32, u32)>,
    mode: ResumeMode,
    pause: bool,
    attached: bool,
}

/// One instance's debugger state.
pub struct DebugState {
    vm: Box<VMDebugState>,
    module: Arc<CompiledModule>,
    /// The instance's gate table, owned by the instance.
    gates: *const GateTable,
    /// Masks of functions that have had breakpoints, kept (and reused) for the instance's life:
    /// a frame may still hold a gate pointing into one after its breakpoints are gone.
    masks: Mutex<HashMap<u32, Box<MaskBlock>>>,
    control: Mutex<Control>,
    /// How many times code entered the slow path (sites whose bit was set).
    slow_path_entries: core::sync::atomic::AtomicU64,
    /// `&vmctx[DEBUG_GATES]` of the instance.
    vmctx_gates: *const AtomicUsize,
    /// The instance's vmctx (its function records).
    vmctx: *mut u8,
}

// SAFETY: `vm.owner`, `gates`, `vmctx_gates` and `vmctx` point to the owning debugger, the
// instance's gate table and its vmctx, all of which outlive the state's use by compiled code (the runtime
// detaches before freeing them); all shared mutation goes through atomics or the mutexes.
unsafe impl Send for DebugState {}
unsafe impl Sync for DebugState {}

/// `points` sorted and without duplicates.
fn sorted(points: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut points = points.to_vec();
    points.sort_unstable();
    points.dedup();
    points
}

impl Control {
    /// The bytecode offsets of `func`'s breakpoints.
    fn breakpoints_in(&self, func: u32) -> impl Iterator<Item = u32> + '_ {
        self.breakpoints
            .range((func, 0)..=(func, u32::MAX))
            .map(|&(_, o)| o)
    }
}

impl DebugState {
    /// State for the instance of `module` (compiled with debugging) whose vmctx is `vmctx`.
    ///
    /// # Safety
    /// `vmctx` must be a live instance vmctx of `module` that outlives every use of the state.
    pub unsafe fn new(module: Arc<CompiledModule>, vmctx: *mut u8) -> DebugState {
        // SAFETY: a live instance's vmctx (caller's contract).
        let instance = unsafe { crate::runtime::instance::instance_of(vmctx) };
        let gates = instance
            .debug_gates
            .as_ref()
            .map_or(core::ptr::null(), |g| g as *const GateTable);
        DebugState {
            vm: Box::new(VMDebugState {
                owner: core::sync::atomic::AtomicPtr::new(core::ptr::null_mut()),
            }),
            module,
            gates,
            masks: Mutex::new(HashMap::new()),
            control: Mutex::new(Control {
                breakpoints: BTreeSet::new(),
                mode: ResumeMode::Continue,
                pause: false,
                attached: true,
            }),
            slow_path_entries: core::sync::atomic::AtomicU64::new(0),
            // SAFETY: the header word is within the vmctx (caller's contract).
            vmctx_gates: unsafe { vmctx.add(vmctx::DEBUG_GATES as usize) } as *const AtomicUsize,
            vmctx,
        }
    }

    /// Records the owning debugger for the slow path.
    pub(crate) fn set_owner(&self, owner: *mut ()) {
        self.vm.owner.store(owner, Ordering::SeqCst);
    }
    /// The address to store at `vmctx::DEBUG_STATE`.
    pub fn vm_state(&self) -> *const VMDebugState {
        &*self.vm
    }
    fn debug(&self) -> &super::ModuleDebug {
        self.module.debug.as_ref().expect("attached to debug code")
    }

    /// The instance's gate table.
    fn table(&self) -> Option<&GateTable> {
        // SAFETY: the instance's table, live as long as the state (constructor's contract).
        unsafe { self.gates.as_ref() }
    }

    /// Points `vmctx::DEBUG_GATES` at what the control state asks for: the all-ones table
    /// while stepping, the instance's own otherwise.
    fn publish(&self, c: &Control) {
        let own = self.table().map_or(0, |t| t.base());
        let table = if c.attached && c.mode != ResumeMode::Continue {
            self.debug().ones_table()
        } else {
            own
        };
        // SAFETY: `vmctx_gates` is the instance's live vmctx word (constructor's contract).
        unsafe { (*self.vmctx_gates).store(table, Ordering::SeqCst) };
    }

    /// The mask of every function without breakpoints in state `c`: all ones while a pause
    /// is pending, all zeros otherwise.
    fn base_mask(&self, c: &Control) -> &MaskBlock {
        if c.attached && c.pause {
            self.debug().ones_mask()
        } else {
            self.debug().zero_mask()
        }
    }

    /// Rewrites every entry of the instance's table (pauses and detaching: rare, and the
    /// only changes that cost the module's size).
    fn rewrite_table(&self, c: &Control) {
        let Some(table) = self.table() else { return };
        let base = self.base_mask(c);
        for f in 0..table.len() as u32 {
            table.set(f, base);
        }
        let mut last = None;
        for &(func, _) in &c.breakpoints {
            if last != Some(func) {
                self.rewrite_entry(c, func);
                last = Some(func);
            }
        }
    }

    /// Writes `func`'s entry of the instance's table: its own mask while attached with a
    /// breakpoint in it and no pause pending, else the base mask. A single-site function's
    /// record sends `call_indirect` to its start while it has breakpoints, else to its fast
    /// entry (see `debug::abi`, "Fast entries").
    fn rewrite_entry(&self, c: &Control, func: u32) {
        let Some(table) = self.table() else { return };
        let has_breakpoints = c.attached && c.breakpoints_in(func).next().is_some();
        let armed = has_breakpoints && !c.pause;
        match self.masks.lock().get(&func) {
            Some(mask) if armed => table.set(func, mask),
            _ => table.set(func, self.base_mask(c)),
        }
        self.set_fast_entry(func, !has_breakpoints);
    }

    /// Points the `fast_ptr` of `func`'s record at its fast entry (`fast`) or at its start,
    /// if it has a fast entry.
    fn set_fast_entry(&self, func: u32, fast: bool) {
        let Some(defined) = func.checked_sub(self.module.info.num_imported_funcs) else {
            return;
        };
        let Some(at) = self.debug().fast_entry(defined) else {
            return;
        };
        let record = self.module.offsets.funcref(func) as usize;
        // SAFETY: the instance's live vmctx (constructor's contract) holds a record for every
        // function; its words are read by running code, so they are written atomically.
        unsafe {
            let word =
                |field: i32| &*(self.vmctx.add(record + field as usize) as *const AtomicUsize);
            let start = word(vmctx::FUNCREF_FUNC_PTR).load(Ordering::SeqCst);
            let entry = if fast { start + at as usize } else { start };
            word(vmctx::FUNCREF_FAST_PTR).store(entry, Ordering::SeqCst);
        }
    }

    /// Detaches: every gate of the instance goes back to the module's all-zero mask. Frames
    /// still holding a gate into this state's masks stop at most at their next site, which
    /// finds no debugger and reloads the detached gate; the masks live as long as this state.
    pub fn detach(&self) {
        let mut c = self.control.lock();
        c.attached = false;
        self.rewrite_table(&c);
        self.publish(&c);
    }

    /// Bytes of debugger data held for this instance (gates, masks, control).
    pub fn data_bytes(&self) -> usize {
        self.table().map_or(0, |t| t.bytes())
            + self
                .masks
                .lock()
                .values()
                .map(|m| m.bytes() + 16)
                .sum::<usize>()
            + self.control.lock().breakpoints.len() * 16
            + core::mem::size_of::<Self>()
            + core::mem::size_of::<VMDebugState>()
    }

    /// Counts an entry of the slow path.
    pub(crate) fn count_slow_path_entry(&self) {
        self.slow_path_entries.fetch_add(1, Ordering::Relaxed);
    }
    /// How many times the machine code entered the slow path (a machine site whose bit was
    /// set): once per group it stops in (the group's further stops are reached by
    /// interpreting), and once per site that called without stopping (armed for another stop
    /// point of its group, or for stepping elsewhere). What breakpoints and stepping cost the
    /// running code.
    pub fn slow_path_entries(&self) -> u64 {
        self.slow_path_entries.load(Ordering::Relaxed)
    }

    /// The breakpoints, as (function index, bytecode offset).
    pub fn breakpoints(&self) -> Vec<(u32, u32)> {
        self.control.lock().breakpoints.iter().copied().collect()
    }
    /// Whether there is a breakpoint at (function, bytecode offset).
    pub fn has_breakpoint(&self, func: u32, offset: u32) -> bool {
        self.control.lock().breakpoints.contains(&(func, offset))
    }

    /// The sites of function `func`, and its index among defined functions.
    fn sites_of(&self, func: u32) -> crate::Result<(u32, Arc<crate::debug::FunctionSites>)> {
        let defined = func
            .checked_sub(self.module.info.num_imported_funcs)
            .ok_or_else(|| crate::Error::resource("an imported function has no code"))?;
        Ok((defined, self.module.function_sites(defined)?))
    }

    /// Adds a breakpoint; returns 1, or 0 where no stop point is (nothing set).
    pub fn set_breakpoint(&self, func: u32, offset: u32) -> crate::Result<usize> {
        self.set_breakpoints(&[(func, offset)])
    }

    /// Adds many breakpoints, as (function, bytecode offset), with one walk of each function's
    /// sites (watchpoints arm every load and store at once); returns how many had a stop
    /// point there (the others are not set).
    pub fn set_breakpoints(&self, points: &[(u32, u32)]) -> crate::Result<usize> {
        let mut set = 0;
        for group in sorted(points).chunk_by(|a, b| a.0 == b.0) {
            let func = group[0].0;
            let (defined, sites) = self.sites_of(func)?;
            let mut present: Vec<u32> = sites.stops.iter().map(|s| s.bytecode_offset).collect();
            present.sort_unstable();
            let offsets: Vec<u32> = group
                .iter()
                .map(|&(_, o)| o)
                .filter(|o| present.binary_search(o).is_ok())
                .collect();
            if !offsets.is_empty() {
                set += offsets.len();
                self.add_to_function(func, defined, &sites, &offsets);
            }
        }
        Ok(set)
    }

    /// Adds breakpoints at sorted `offsets` of `func`, each of which has a stop point.
    fn add_to_function(&self, func: u32, defined: u32, sites: &FunctionSites, offsets: &[u32]) {
        let machine = sites.sites_covering_offsets(offsets);
        let mut c = self.control.lock();
        c.breakpoints.extend(offsets.iter().map(|&o| (func, o)));
        let mut masks = self.masks.lock();
        let mask = masks.entry(func).or_insert_with(|| {
            Box::new(MaskBlock::new(
                self.debug().site_count(defined),
                self.debug().handler(),
                false,
            ))
        });
        let n = sites.machine.len() as u32;
        for &j in &machine {
            mask.set_bit(armed_bit(j, n), true);
        }
        drop(masks);
        self.rewrite_entry(&c, func);
    }

    /// Removes a breakpoint; returns whether it existed.
    pub fn clear_breakpoint(&self, func: u32, offset: u32) -> crate::Result<bool> {
        Ok(self.clear_breakpoints(&[(func, offset)])? == 1)
    }

    /// Removes many breakpoints, with one walk of each function's sites; returns how many
    /// existed. Costs the functions' sizes, not the module's.
    pub fn clear_breakpoints(&self, points: &[(u32, u32)]) -> crate::Result<usize> {
        let mut cleared = 0;
        for group in sorted(points).chunk_by(|a, b| a.0 == b.0) {
            let func = group[0].0;
            let set = |p: &(u32, u32)| self.control.lock().breakpoints.contains(p);
            if !group.iter().any(set) {
                continue;
            }
            // Before the lock: the first look at a function's sites recompiles it.
            let (_, sites) = self.sites_of(func)?;
            let mut c = self.control.lock();
            let before = c.breakpoints.len();
            for p in group {
                c.breakpoints.remove(p);
            }
            if c.breakpoints.len() == before {
                continue;
            }
            cleared += before - c.breakpoints.len();
            // The function's mask anew, from the breakpoints that remain in it.
            let remaining: Vec<u32> = c.breakpoints_in(func).collect();
            let keep = sites.sites_covering_offsets(&remaining);
            if let Some(mask) = self.masks.lock().get(&func) {
                let mut keep = keep.iter().peekable();
                let n = sites.machine.len() as u32;
                for j in 0..n {
                    mask.set_bit(armed_bit(j, n), keep.next_if_eq(&&j).is_some());
                }
            }
            self.rewrite_entry(&c, func);
        }
        Ok(cleared)
    }

    /// The current resume mode.
    pub fn mode(&self) -> ResumeMode {
        self.control.lock().mode
    }
    /// Sets how execution resumes.
    pub fn set_mode(&self, mode: ResumeMode) {
        let mut c = self.control.lock();
        c.mode = mode;
        self.publish(&c);
    }
    /// Asks the running code to stop at its next site (at the latest at the next back edge,
    /// call or return, where frames reload their gates).
    pub fn request_pause(&self) {
        let mut c = self.control.lock();
        if !c.pause {
            c.pause = true;
            self.rewrite_table(&c);
        }
    }
    /// Takes a pending pause request.
    pub fn take_pause(&self) -> bool {
        let mut c = self.control.lock();
        let pause = core::mem::take(&mut c.pause);
        if pause {
            self.rewrite_table(&c);
        }
        pause
    }
    /// Whether a pause is requested and not yet taken.
    pub fn pause_pending(&self) -> bool {
        self.control.lock().pause
    }
}
