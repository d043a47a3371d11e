//! Per-instance debugger state: the gates compiled code loads, the masks they point to, and the
//! breakpoints, resume mode and pause request that decide them.
//!
//! Everything here is data: arming a site never writes code. Breakpoints, pauses and resume
//! modes may change from any thread while Wasm runs; one lock orders them, so a pause request
//! can never be lost between a check and a clear.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicUsize, Ordering};

use hashbrown::{HashMap, HashSet};
use spin::Mutex;

use super::abi::MaskBlock;
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
    breakpoints: HashSet<(u32, u32)>,
    mode: ResumeMode,
    pause: bool,
    attached: bool,
}

impl Control {
    /// Whether every site of every function must reach the slow path.
    fn armed_all(&self) -> bool {
        self.mode != ResumeMode::Continue || self.pause
    }
}

/// One instance's debugger state.
pub struct DebugState {
    vm: Box<VMDebugState>,
    module: Arc<CompiledModule>,
    /// Per function (full index space): its gate while not stepping or pausing.
    gates: Box<[AtomicUsize]>,
    /// Masks of functions that have had breakpoints, kept (and reused) for the instance's life:
    /// a frame may still hold a gate pointing into one after its breakpoints are gone.
    masks: Mutex<HashMap<u32, Box<MaskBlock>>>,
    control: Mutex<Control>,
    /// `&vmctx[DEBUG_GATES]` of the instance.
    vmctx_gates: *const AtomicUsize,
}

// SAFETY: `vm.owner` and `vmctx_gates` point to the owning debugger and the instance's vmctx,
// both of which outlive the state's use by compiled code (the runtime detaches before freeing
// either); all shared mutation goes through atomics or the mutexes.
unsafe impl Send for DebugState {}
unsafe impl Sync for DebugState {}

impl DebugState {
    /// State for the instance of `module` (compiled with debugging) whose vmctx is `vmctx`.
    ///
    /// # Safety
    /// `vmctx` must be a live vmctx of `module` that outlives every use of the state through
    /// [`DebugState::publish`].
    pub unsafe fn new(module: Arc<CompiledModule>, vmctx: *mut u8) -> DebugState {
        let zero = module.debug.as_ref().map_or(0, |d| d.zero_gate());
        let gates: Vec<AtomicUsize> = (0..module.info.functions.len().max(1))
            .map(|_| AtomicUsize::new(zero))
            .collect();
        DebugState {
            vm: Box::new(VMDebugState {
                owner: core::sync::atomic::AtomicPtr::new(core::ptr::null_mut()),
            }),
            module,
            gates: gates.into_boxed_slice(),
            masks: Mutex::new(HashMap::new()),
            control: Mutex::new(Control {
                breakpoints: HashSet::new(),
                mode: ResumeMode::Continue,
                pause: false,
                attached: true,
            }),
            // SAFETY: the header word is within the vmctx (caller's contract).
            vmctx_gates: unsafe { vmctx.add(vmctx::DEBUG_GATES as usize) } as *const AtomicUsize,
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

    /// Points `vmctx::DEBUG_GATES` at what the control state asks for.
    fn publish(&self, c: &Control) {
        let table = if !c.attached {
            self.debug().zero_gates() as usize
        } else if c.armed_all() {
            self.debug().ones_gates() as usize
        } else {
            self.gates.as_ptr() as usize
        };
        // SAFETY: `vmctx_gates` is the instance's live vmctx word (constructor's contract).
        unsafe { (*self.vmctx_gates).store(table, Ordering::SeqCst) };
    }

    /// Detaches: the instance's gates go back to the module's all-zero masks. Frames still
    /// holding a gate into this state's masks stop at most at their next site, which finds no
    /// debugger and reloads the detached gate; the masks live as long as this state.
    pub fn detach(&self) {
        let mut c = self.control.lock();
        c.attached = false;
        self.publish(&c);
    }

    /// The gate a frame of `func` should hold now.
    pub fn gate(&self, func: u32) -> usize {
        let c = self.control.lock();
        if !c.attached {
            self.debug().zero_gate()
        } else if c.armed_all() {
            self.debug().ones_gate()
        } else {
            self.gates
                .get(func as usize)
                .map_or(self.debug().zero_gate(), |g| g.load(Ordering::SeqCst))
        }
    }

    /// Bytes of debugger data held for this instance (gates, masks, control).
    pub fn data_bytes(&self) -> usize {
        self.gates.len() * 8
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

    /// The breakpoints, as (function index, bytecode offset).
    pub fn breakpoints(&self) -> Vec<(u32, u32)> {
        self.control.lock().breakpoints.iter().copied().collect()
    }
    /// Whether there is a breakpoint at (function, bytecode offset).
    pub fn has_breakpoint(&self, func: u32, offset: u32) -> bool {
        self.control.lock().breakpoints.contains(&(func, offset))
    }

    /// The machine sites (mask bits) of the stop points of `func` at `offset`.
    fn machine_sites(&self, func: u32, offset: u32) -> crate::Result<Vec<u32>> {
        let defined = func
            .checked_sub(self.module.info.num_imported_funcs)
            .ok_or_else(|| crate::Error::resource("an imported function has no code"))?;
        let sites = self.module.function_sites(defined)?;
        Ok(sites
            .stops_at(offset)
            .filter_map(|s| sites.machine_of(s))
            .collect())
    }

    /// Adds a breakpoint; returns how many stop points it arms (0: none there, nothing set).
    pub fn set_breakpoint(&self, func: u32, offset: u32) -> crate::Result<usize> {
        let machine = self.machine_sites(func, offset)?;
        if machine.is_empty() {
            return Ok(0);
        }
        let mut c = self.control.lock();
        c.breakpoints.insert((func, offset));
        let defined = func - self.module.info.num_imported_funcs;
        let mut masks = self.masks.lock();
        let mask = masks.entry(func).or_insert_with(|| {
            Box::new(MaskBlock::new(
                self.debug().site_count(defined),
                self.debug().handler(),
                false,
            ))
        });
        for &j in &machine {
            mask.set(j, true);
        }
        self.gates[func as usize].store(mask.gate(), Ordering::SeqCst);
        self.publish(&c);
        Ok(machine.len())
    }

    /// Removes a breakpoint; returns whether it existed. Costs the function's breakpoints, not
    /// the module's size.
    pub fn clear_breakpoint(&self, func: u32, offset: u32) -> crate::Result<bool> {
        let mut c = self.control.lock();
        if !c.breakpoints.remove(&(func, offset)) {
            return Ok(false);
        }
        let remaining: Vec<u32> = c
            .breakpoints
            .iter()
            .filter(|(f, _)| *f == func)
            .map(|&(_, o)| o)
            .collect();
        let mut keep = Vec::new();
        for o in remaining {
            keep.extend(self.machine_sites(func, o)?);
        }
        let masks = self.masks.lock();
        if let Some(mask) = masks.get(&func) {
            for j in self.machine_sites(func, offset)? {
                if !keep.contains(&j) {
                    mask.set(j, false);
                }
            }
            if keep.is_empty() {
                self.gates[func as usize].store(self.debug().zero_gate(), Ordering::SeqCst);
            }
        }
        self.publish(&c);
        Ok(true)
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
    /// Asks the running code to stop at its next site (at the latest at the next loop header,
    /// call or return, where frames reload their gates).
    pub fn request_pause(&self) {
        let mut c = self.control.lock();
        c.pause = true;
        self.publish(&c);
    }
    /// Takes a pending pause request.
    pub fn take_pause(&self) -> bool {
        let mut c = self.control.lock();
        let pause = core::mem::take(&mut c.pause);
        if pause {
            self.publish(&c);
        }
        pause
    }
    /// Whether a pause is requested and not yet taken.
    pub fn pause_pending(&self) -> bool {
        self.control.lock().pause
    }
}
