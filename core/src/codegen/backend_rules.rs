//! What both backends do alike, decided once here: the frame's rounding, which functions skip
//! the stack check, and which trap stubs are shared. The backends encode the outcome.

use alloc::vec::Vec;

/// Bytes a function's stack check keeps free below its frame: the next callee's return
/// address and prologue pushes happen before its own check, libcalls push their arguments
/// below the frame, and a trap stub call needs a slot. (Libcalls and host functions run Rust
/// code; the runtime keeps room for them between its `stack_limit` and the real end of the
/// stack.)
pub const STACK_MARGIN: i32 = 256;

/// Largest frame (rounded, below the frame pointer) of a function without calls whose
/// prologue skips the stack check. Its caller's check left [`STACK_MARGIN`] bytes free below
/// the caller's frame, which the callee's return address and saved frame pointer (16 bytes)
/// and its frame take, so the callee's frame ends at least `STACK_MARGIN - 16 -
/// LEAF_FRAME_MAX` (112) bytes above the limit. A function without calls writes below its
/// frame only the return address of a call to the trap stub or the debug handler, code that
/// runs in the room the runtime keeps below the limit (as it does when called from any frame).
pub const LEAF_FRAME_MAX: i32 = 128;

/// The largest frame a function may have (its size stays a positive `i32` displacement).
const MAX_FRAME: u32 = 0x7fff_fe00;

/// How a function's frame ends up, once its body is compiled: what `Emitter::finish` patches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameEnd {
    /// Bytes below the frame pointer, a multiple of 16 (the vmctx slot at `fp - 8` included).
    pub size: i32,
    /// Whether the prologue checks the stack limit (else it skips the check).
    pub stack_check: bool,
}

impl FrameEnd {
    /// The frame of a function using `frame_size` bytes below its frame pointer, which calls
    /// out (calls, `call_indirect`, libcalls) if `calls_out`.
    pub fn new(frame_size: u32, calls_out: bool) -> FrameEnd {
        debug_assert!(frame_size <= MAX_FRAME, "frame too large");
        let size = ((frame_size.clamp(8, MAX_FRAME) + 15) & !15) as i32;
        FrameEnd {
            size,
            stack_check: calls_out || size > LEAF_FRAME_MAX,
        }
    }
}

/// The trap stubs of the bytecode offset being compiled: traps of one offset with one code
/// share a stub (`K` names the code, `L` is the backend's label).
#[derive(Debug)]
pub struct TrapStubs<K, L> {
    at: u32,
    stubs: Vec<(K, L)>,
}

impl<K, L> Default for TrapStubs<K, L> {
    fn default() -> Self {
        TrapStubs {
            at: 0,
            stubs: Vec::new(),
        }
    }
}

impl<K: PartialEq + Copy, L: Copy> TrapStubs<K, L> {
    /// The stub already made for `code` at bytecode offset `at`, if any.
    pub fn find(&mut self, code: K, at: u32) -> Option<L> {
        if self.at != at {
            self.stubs.clear();
            self.at = at;
        }
        self.stubs.iter().find(|s| s.0 == code).map(|s| s.1)
    }
    /// Records `label`, the stub just made for `code` at the offset [`TrapStubs::find`] was
    /// last asked about.
    pub fn add(&mut self, code: K, label: L) {
        self.stubs.push((code, label));
    }
    /// Forgets every stub (a new function), keeping the capacity.
    pub fn clear(&mut self) {
        self.stubs.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_to_16_and_small_leaves_skip_the_check() {
        assert_eq!(FrameEnd::new(0, false).size, 16);
        assert_eq!(FrameEnd::new(8, false).size, 16);
        assert_eq!(FrameEnd::new(17, false).size, 32);
        assert!(!FrameEnd::new(128, false).stack_check);
        assert!(FrameEnd::new(129, false).stack_check, "144 bytes");
        assert!(FrameEnd::new(16, true).stack_check);
    }

    #[test]
    fn stubs_are_shared_within_one_offset_only() {
        let mut t: TrapStubs<u8, u32> = TrapStubs::default();
        assert_eq!(t.find(1, 10), None);
        t.add(1, 100);
        assert_eq!(t.find(1, 10), Some(100));
        assert_eq!(t.find(2, 10), None);
        assert_eq!(t.find(1, 11), None, "another offset");
        assert_eq!(t.find(1, 10), None, "forgotten");
    }
}
