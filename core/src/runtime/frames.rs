//! Walking a store's stack through every activation: Wasm frames of any instance, and the
//! host code between activations (Wasm -> host -> Wasm).
//!
//! Every Wasm frame has a frame record (`[fp]` the caller's fp, `[fp + 8]` the return address
//! into the caller) and its vmctx at `[fp - 8]`, which names its instance. Within one
//! activation (the Wasm code one entry trampoline called), Wasm frames are the ones below the
//! activation's `entry_sp`. When Wasm calls a host function, the host callback records where
//! Wasm left off in an [`ExitRecord`] on its own stack frame, linked from the store context
//! (`VMStoreContext::last_exit`), so a walk can continue past the host code into the outer
//! activation.

use super::instance::Instance;
use super::store::InstanceId;
use crate::vmctx::{self, VMStoreContext};

/// Where Wasm code left off when it called a host function (on the host callback's stack).
#[derive(Debug)]
pub(crate) struct ExitRecord {
    /// The frame pointer of the host function's caller (the entry trampoline's when the host
    /// called the host function itself: then it is not below `entry_sp`).
    pub(crate) fp: usize,
    /// The return address into the caller.
    pub(crate) pc: usize,
    /// The `entry_sp` of the activation the call leaves.
    pub(crate) entry_sp: usize,
    /// The record of the next outer host call, or 0.
    pub(crate) prev: usize,
}

impl ExitRecord {
    /// The record of a host call whose argument area is `values` (the host adapters of both
    /// ISAs push a frame record right below it: `values - 16` the caller's fp, `values - 8`
    /// the return address), in store context `vm`.
    ///
    /// # Safety
    /// `values` must be the argument area passed by the host adapter, `vm` a live context.
    pub(crate) unsafe fn new(values: *const usize, vm: &VMStoreContext) -> ExitRecord {
        // SAFETY: the caller's contract: the adapter's frame record is right below the area.
        let (fp, pc) = unsafe { (values.sub(2).read(), values.sub(1).read()) };
        ExitRecord {
            fp,
            pc,
            entry_sp: vm.entry_sp,
            prev: vm.last_exit,
        }
    }
}

/// A frame of a walk, innermost first.
#[derive(Clone, Copy)]
pub enum Frame<'a> {
    /// A Wasm frame: its instance, the pc where it is (the trapping or stopped instruction for
    /// the innermost frame, a return address for the others) and its frame pointer.
    Wasm {
        /// The instance whose code runs in the frame.
        instance: &'a Instance,
        /// Where the frame is.
        pc: usize,
        /// The frame pointer.
        fp: usize,
    },
    /// Host code between two activations: a host function called from Wasm (and whatever it
    /// ran until it called Wasm again).
    Host,
}

impl Frame<'_> {
    /// The instance's id, or `None` for a host frame.
    pub fn instance_id(&self) -> Option<InstanceId> {
        match self {
            Frame::Wasm { instance, .. } => Some(instance.id),
            Frame::Host => None,
        }
    }
}

/// Most frames one walk visits per activation: a corrupted chain must not loop forever.
const MAX_FRAMES: usize = 100_000;

/// The instance whose vmctx a Wasm frame at `fp` holds.
///
/// # Safety
/// `fp` must be the frame pointer of a live Wasm frame.
pub(crate) unsafe fn frame_instance<'a>(fp: usize) -> Option<&'a Instance> {
    // SAFETY: a Wasm frame's vmctx slot holds its instance's live vmctx, whose INSTANCE word
    // points to the live runtime instance (non-null for instances; host function contexts
    // never own Wasm frames).
    unsafe {
        let vmctx = ((fp - 8) as *const usize).read();
        let instance = ((vmctx + vmctx::INSTANCE as usize) as *const *const Instance).read();
        instance.as_ref()
    }
}

/// Visits the Wasm frames of one activation from the frame at `fp` (which is at `pc`) up to
/// `entry_sp`, then the host frame and the frames of each outer activation, from `last_exit`.
/// `visit` returns false to stop.
///
/// # Safety
/// `fp` must be a live Wasm frame of the innermost activation below `entry_sp` (or not below
/// it: then that activation has no Wasm frames), and `last_exit` 0 or the address of the
/// store's live innermost [`ExitRecord`]; the stack must not change during the walk.
pub(crate) unsafe fn walk<'a>(
    mut fp: usize,
    mut pc: usize,
    mut entry_sp: usize,
    mut last_exit: usize,
    visit: &mut dyn FnMut(Frame<'a>) -> bool,
) {
    let mut host_shown = false;
    loop {
        let mut n = 0;
        while fp != 0 && fp < entry_sp && n < MAX_FRAMES {
            host_shown = false;
            // SAFETY: below `entry_sp` on the chain from a Wasm frame: a Wasm frame.
            let Some(instance) = (unsafe { frame_instance(fp) }) else {
                break;
            };
            if !visit(Frame::Wasm { instance, pc, fp }) {
                return;
            }
            // SAFETY: a Wasm frame's frame record.
            let (caller_fp, ret) = unsafe {
                (
                    (fp as *const usize).read(),
                    ((fp + 8) as *const usize).read(),
                )
            };
            if caller_fp <= fp {
                break;
            }
            (fp, pc) = (caller_fp, ret);
            n += 1;
        }
        if last_exit == 0 {
            return;
        }
        // SAFETY: the store's exit records live while their host calls are active.
        let exit = unsafe { &*(last_exit as *const ExitRecord) };
        // Host code that called a host function directly adds no second host frame.
        if !host_shown && !visit(Frame::Host) {
            return;
        }
        host_shown = exit.fp >= exit.entry_sp;
        (fp, pc, entry_sp, last_exit) = (exit.fp, exit.pc, exit.entry_sp, exit.prev);
    }
}
