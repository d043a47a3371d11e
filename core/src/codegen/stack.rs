//! The value stack: where each operand lives (constant, register, local, or its frame slot),
//! and the register allocator that spills the oldest register values when it runs out.

use alloc::vec::Vec;

use super::emitter::{Emitter, OperandSize, Reg};
use crate::types::ValType;

/// Where an operand-stack value lives.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Loc {
    /// A constant not yet materialized (bits; i32/f32 in the low 32 bits).
    Const(u64),
    /// In a register owned by this stack entry.
    Reg(Reg),
    /// Equal to local `index` (lazily: `local.set` of that local materializes it first).
    Local(u32),
    /// In its canonical frame slot (one slot per stack depth).
    Mem,
}

/// One operand-stack entry.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Entry {
    /// The value's type.
    pub ty: ValType,
    /// Where it lives.
    pub loc: Loc,
}

/// The size of a value of type `ty` in a register or slot.
#[inline]
pub fn size_of(ty: ValType) -> OperandSize {
    if ty.is_64() {
        OperandSize::S64
    } else {
        OperandSize::S32
    }
}

/// Frame layout of one function: where parameters, locals and operand slots are, relative to
/// the frame pointer (see the calling convention in `emitter.rs`).
#[derive(Clone, Debug)]
pub struct FrameLayout {
    /// Slots of the argument/result area, `max(params, results)`.
    pub area_slots: u32,
    /// Number of locals with a frame slot: the non-parameter locals (parameters live in the
    /// argument/result area; debug code writes the results there only after the exit's stop
    /// point, so a debugger sees the parameters to the end).
    pub frame_locals: u32,
    /// Index of the first local with a frame slot: the number of parameters.
    pub first_frame_local: u32,
    /// Slots below fp before the locals: the vmctx, and in debug code the debug gate.
    pub header_slots: u32,
}

impl FrameLayout {
    /// Frame-pointer offset of local `index`.
    #[inline]
    pub fn local(&self, index: u32) -> i32 {
        if index < self.first_frame_local {
            self.area(index)
        } else {
            -8 * (1 + self.header_slots as i32 + (index - self.first_frame_local) as i32)
        }
    }
    /// Frame-pointer offset of value `i` of the argument/result area.
    #[inline]
    pub fn area(&self, i: u32) -> i32 {
        16 + 8 * (self.area_slots - 1 - i) as i32
    }
    /// Frame-pointer offset of the operand slot for stack depth `depth`.
    #[inline]
    pub fn slot(&self, depth: usize) -> i32 {
        -8 * (1 + self.header_slots as i64 + self.frame_locals as i64 + depth as i64) as i32
    }
    /// Bytes below the frame pointer used with `max_depth` operand slots and calls' areas of
    /// up to `max_area` slots at the bottom (below everything else: the frame size the
    /// backend rounds up only adds to the distance).
    pub fn frame_size(&self, max_depth: usize, max_area: usize) -> u32 {
        8 * (self.header_slots + self.frame_locals + max_depth as u32 + max_area as u32)
    }
}

/// The operand stack plus the free registers.
pub struct ValueStack {
    /// Entries, bottom first; the index is the depth.
    pub entries: Vec<Entry>,
    free_gprs: u32,
    free_fprs: u32,
    /// Deepest depth reached (sizes the frame).
    pub max_depth: usize,
    /// Most slots a call's argument/result area at the frame's bottom needs.
    pub max_area: usize,
}

impl ValueStack {
    /// An empty stack with every allocatable register free.
    pub fn new<E: Emitter>() -> Self {
        ValueStack {
            entries: Vec::new(),
            free_gprs: (1u32 << E::GPR_COUNT) - 1,
            free_fprs: (1u32 << E::FPR_COUNT) - 1,
            max_depth: 0,
            max_area: 0,
        }
    }

    /// Current height.
    #[inline]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Pushes an entry.
    #[inline]
    pub fn push(&mut self, ty: ValType, loc: Loc) {
        self.entries.push(Entry { ty, loc });
        self.note_depth(self.entries.len());
    }

    /// Records that slots up to `depth` (exclusive) are used.
    #[inline]
    pub fn note_depth(&mut self, depth: usize) {
        if depth > self.max_depth {
            self.max_depth = depth;
        }
    }

    /// Records that a call needs an area of `slots` at the frame's bottom.
    pub fn note_area(&mut self, slots: usize) {
        self.max_area = self.max_area.max(slots);
    }

    /// Marks `reg` as in use (owned by the caller).
    #[inline]
    pub fn take(&mut self, reg: Reg) {
        match reg {
            Reg::Gpr(i) => self.free_gprs &= !(1 << i),
            Reg::Fpr(i) => self.free_fprs &= !(1 << i),
        }
    }

    /// How many registers of the class `float` are free.
    #[inline]
    pub fn free_count(&self, float: bool) -> u32 {
        if float {
            self.free_fprs.count_ones()
        } else {
            self.free_gprs.count_ones()
        }
    }

    /// Whether `reg` is free.
    #[inline]
    pub fn is_free(&self, reg: Reg) -> bool {
        match reg {
            Reg::Gpr(i) => self.free_gprs & (1 << i) != 0,
            Reg::Fpr(i) => self.free_fprs & (1 << i) != 0,
        }
    }

    /// Returns `reg` to the free set.
    #[inline]
    pub fn free(&mut self, reg: Reg) {
        match reg {
            Reg::Gpr(i) => self.free_gprs |= 1 << i,
            Reg::Fpr(i) => self.free_fprs |= 1 << i,
        }
    }

    /// A free register of the class of `ty`, if any.
    #[inline]
    pub fn try_alloc(&mut self, float: bool) -> Option<Reg> {
        let set = if float {
            self.free_fprs
        } else {
            self.free_gprs
        };
        if set == 0 {
            return None;
        }
        let i = set.trailing_zeros() as u8;
        let reg = if float { Reg::Fpr(i) } else { Reg::Gpr(i) };
        self.take(reg);
        Some(reg)
    }

    /// Frees the register of an entry being discarded.
    #[inline]
    pub fn release(&mut self, entry: Entry) {
        if let Loc::Reg(r) = entry.loc {
            self.free(r);
        }
    }

    /// Whether any entry is `Local(index)`.
    #[inline]
    pub fn has_local(&self, index: u32) -> bool {
        self.entries.iter().any(|e| e.loc == Loc::Local(index))
    }
}
