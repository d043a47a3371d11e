//! The macro-assembler interface between the compiler front end (which decides) and a backend
//! (which encodes). No backend type appears here: registers are indices into the backend's
//! allocatable sets, labels are opaque.
//!
//! # The internal calling convention (shared by both backends)
//! - The instance context (vmctx) is in a pinned register and is preserved by every callee.
//! - Frame: `fp` points at the saved frame pointer; `[fp + 8]` is the return address (x64) or
//!   the saved link register (AArch64); `[fp - 8]` holds the vmctx (stored by the prologue).
//! - Arguments and results are passed in memory, in an area of `K = max(params, results)`
//!   8-byte slots. The caller sets its stack pointer to the lowest slot of the area and calls;
//!   the callee sees value `i` (argument before, result after) at `fp + 16 + 8 * (K - 1 - i)`.
//! - Every allocatable register is clobbered by calls (the front end spills live values first).
//! - Each value occupies a full 8-byte slot; i32/f32 values use its low 4 bytes, and 32-bit
//!   stores to a slot leave its high 4 bytes unspecified.
//! - An i32 in a general-purpose register has its upper 32 bits unspecified unless an operation
//!   below says otherwise; backends must not rely on them, unless they keep them zero
//!   ([`Emitter::I32_ZERO_EXTENDED`]).

use crate::libcalls::Libcall;
use crate::trap::TrapKind;

/// A register from the backend's allocatable sets: `Gpr(i)` for `i < Emitter::GPR_COUNT`,
/// `Fpr(i)` for `i < Emitter::FPR_COUNT`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Reg {
    /// General-purpose (integers, references).
    Gpr(u8),
    /// Floating point.
    Fpr(u8),
}

impl Reg {
    /// Whether this is a float register.
    pub fn is_fpr(self) -> bool {
        matches!(self, Reg::Fpr(_))
    }
}

/// Width of an integer operation or of a float operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum OperandSize {
    /// 32 bits (i32, f32).
    S32,
    /// 64 bits (i64, f64, references).
    S64,
}

/// A right-hand operand: register or immediate.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RegImm {
    /// A register (same class as the other operands).
    Reg(Reg),
    /// A sign-extended 32-bit immediate (for 32-bit operations: the 32-bit value).
    Imm(i32),
}

/// Base of a raw memory access.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Base {
    /// The frame pointer (locals, parameters, operand slots).
    Frame,
    /// The vmctx register.
    Vmctx,
    /// A general-purpose register holding an address.
    Reg(Reg),
    /// The stack pointer, which is at the frame's bottom between calls (where
    /// [`CallArea::Bottom`] puts a call's argument/result area).
    Stack,
}

/// Where a call's argument/result area is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CallArea {
    /// At `fp + offset`: the stack pointer moves there for the call and back to the frame's
    /// bottom after it.
    Frame(i32),
    /// At the frame's bottom, where the stack pointer already is: it does not move.
    Bottom,
}

/// Binary integer operations. Shift and rotate counts are taken modulo the width.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum IntBinKind {
    /// Wrapping add.
    Add,
    /// Wrapping subtract.
    Sub,
    /// Wrapping multiply.
    Mul,
    /// Bitwise and.
    And,
    /// Bitwise or.
    Or,
    /// Bitwise xor.
    Xor,
    /// Shift left.
    Shl,
    /// Arithmetic shift right.
    ShrS,
    /// Logical shift right.
    ShrU,
    /// Rotate left.
    Rotl,
    /// Rotate right.
    Rotr,
}

/// Integer division and remainder; the backend raises the traps
/// (`IntegerDivideByZero`, and `IntegerOverflow` for signed division of MIN by -1; signed
/// remainder of MIN by -1 is 0).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum IntDivKind {
    /// Signed division.
    DivS,
    /// Unsigned division.
    DivU,
    /// Signed remainder.
    RemS,
    /// Unsigned remainder.
    RemU,
}

/// Unary integer operations.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum IntUnKind {
    /// Count leading zeros (width for 0).
    Clz,
    /// Count trailing zeros (width for 0).
    Ctz,
    /// Population count.
    Popcnt,
    /// `eqz`: the result is an i32 0 or 1.
    Eqz,
    /// Sign-extend the low 8 bits.
    Extend8S,
    /// Sign-extend the low 16 bits.
    Extend16S,
    /// Sign-extend the low 32 bits (64-bit only).
    Extend32S,
}

/// Integer comparisons; the result is an i32 0 or 1.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum IntCmpKind {
    /// Equal.
    Eq,
    /// Not equal.
    Ne,
    /// Signed less than.
    LtS,
    /// Unsigned less than.
    LtU,
    /// Signed greater than.
    GtS,
    /// Unsigned greater than.
    GtU,
    /// Signed less or equal.
    LeS,
    /// Unsigned less or equal.
    LeU,
    /// Signed greater or equal.
    GeS,
    /// Unsigned greater or equal.
    GeU,
}

impl IntCmpKind {
    /// The comparison true exactly when this one is false.
    pub fn negate(self) -> IntCmpKind {
        use IntCmpKind::*;
        match self {
            Eq => Ne,
            Ne => Eq,
            LtS => GeS,
            GeS => LtS,
            LtU => GeU,
            GeU => LtU,
            GtS => LeS,
            LeS => GtS,
            GtU => LeU,
            LeU => GtU,
        }
    }
}

/// Binary float operations with Wasm semantics (NaN propagation; `min`/`max` return NaN if
/// either operand is NaN and order -0 below +0).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum FloatBinKind {
    /// Add.
    Add,
    /// Subtract.
    Sub,
    /// Multiply.
    Mul,
    /// Divide.
    Div,
    /// Minimum.
    Min,
    /// Maximum.
    Max,
    /// Magnitude of lhs, sign of rhs.
    Copysign,
}

/// Unary float operations.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum FloatUnKind {
    /// Clear the sign bit.
    Abs,
    /// Flip the sign bit.
    Neg,
    /// Square root.
    Sqrt,
    /// Round up.
    Ceil,
    /// Round down.
    Floor,
    /// Round toward zero.
    Trunc,
    /// Round to nearest, ties to even.
    Nearest,
}

/// Float comparisons (false when either operand is NaN, except `Ne`); the result is an i32 0 or 1.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum FloatCmpKind {
    /// Equal.
    Eq,
    /// Not equal (true on NaN).
    Ne,
    /// Less than.
    Lt,
    /// Greater than.
    Gt,
    /// Less or equal.
    Le,
    /// Greater or equal.
    Ge,
}

/// A float-to-int truncation (`i32.trunc_f32_s` ... `i64.trunc_sat_f64_u`): `float` and `int`
/// give the sizes (`S32` for f32 and i32). A trapping one raises
/// [`TrapKind::InvalidConversionToInteger`] for NaN and [`TrapKind::IntegerOverflow`] for a
/// value whose integer part is out of range; a saturating one gives 0 for NaN and the nearest
/// bound for those.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Truncation {
    /// The float's size: `S32` for f32, `S64` for f64.
    pub float: OperandSize,
    /// The integer's size: `S32` for i32, `S64` for i64.
    pub int: OperandSize,
    /// Whether the integer is signed.
    pub signed: bool,
    /// Whether it saturates rather than traps.
    pub saturating: bool,
}

/// The other conversions.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum ConvertKind {
    /// i64 -> i32, keep the low bits.
    I32WrapI64,
    /// i32 -> i64, sign-extend.
    I64ExtendI32S,
    /// i32 -> i64, zero-extend.
    I64ExtendI32U,
    /// f64 -> f32.
    F32DemoteF64,
    /// f32 -> f64.
    F64PromoteF32,
    /// f32 bits -> i32 (Fpr -> Gpr).
    I32ReinterpretF32,
    /// f64 bits -> i64 (Fpr -> Gpr).
    I64ReinterpretF64,
    /// i32 bits -> f32 (Gpr -> Fpr).
    F32ReinterpretI32,
    /// i64 bits -> f64 (Gpr -> Fpr).
    F64ReinterpretI64,
    /// Signed i32 -> f32.
    F32ConvertI32S,
    /// Unsigned i32 -> f32.
    F32ConvertI32U,
    /// Signed i64 -> f32.
    F32ConvertI64S,
    /// Unsigned i64 -> f32.
    F32ConvertI64U,
    /// Signed i32 -> f64.
    F64ConvertI32S,
    /// Unsigned i32 -> f64.
    F64ConvertI32U,
    /// Signed i64 -> f64.
    F64ConvertI64S,
    /// Unsigned i64 -> f64.
    F64ConvertI64U,
}

/// Wasm memory loads (the result is zero- or sign-extended to the destination's type).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum LoadKind {
    /// i32.load
    I32,
    /// i64.load
    I64,
    /// f32.load
    F32,
    /// f64.load
    F64,
    /// i32.load8_s
    I32S8,
    /// i32.load8_u
    I32U8,
    /// i32.load16_s
    I32S16,
    /// i32.load16_u
    I32U16,
    /// i64.load8_s
    I64S8,
    /// i64.load8_u
    I64U8,
    /// i64.load16_s
    I64S16,
    /// i64.load16_u
    I64U16,
    /// i64.load32_s
    I64S32,
    /// i64.load32_u
    I64U32,
}

impl LoadKind {
    /// Bytes accessed.
    pub fn bytes(self) -> u32 {
        use LoadKind::*;
        match self {
            I32S8 | I32U8 | I64S8 | I64U8 => 1,
            I32S16 | I32U16 | I64S16 | I64U16 => 2,
            I32 | F32 | I64S32 | I64U32 => 4,
            I64 | F64 => 8,
        }
    }
}

/// Wasm memory stores (the low bytes of the source).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum StoreKind {
    /// 1 byte from a Gpr.
    I8,
    /// 2 bytes from a Gpr.
    I16,
    /// 4 bytes from a Gpr.
    I32,
    /// 8 bytes from a Gpr.
    I64,
    /// 4 bytes from an Fpr.
    F32,
    /// 8 bytes from an Fpr.
    F64,
}

impl StoreKind {
    /// Bytes accessed.
    pub fn bytes(self) -> u32 {
        match self {
            StoreKind::I8 => 1,
            StoreKind::I16 => 2,
            StoreKind::I32 | StoreKind::F32 => 4,
            StoreKind::I64 | StoreKind::F64 => 8,
        }
    }
}

/// Where a Wasm access finds its memory's base and length, and whether it checks bounds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MemoryRef {
    /// Checked, through the `*mut VMMemoryDef` at this vmctx offset, loaded at the access.
    Vmctx(i32),
    /// Checked, with the base address and the length in bytes in registers the front end
    /// keeps current (both Gprs, read only).
    Cached {
        /// The memory's base address.
        base: Reg,
        /// The memory's length in bytes.
        length: Reg,
    },
    /// Not checked (see [`super::CompileConfig::guard_pages`]): the base at this vmctx
    /// offset (the memory's `memory_base` copy, see [`crate::vmctx::VMOffsets::memory_base`]).
    /// The access instruction is a trap site whose
    /// `return_offset` is its own code offset plus one (see [`fault_site_offset`]).
    GuardedVmctx(i32),
    /// Not checked, as [`MemoryRef::GuardedVmctx`], with the base in a register (a Gpr, read
    /// only).
    Guarded {
        /// The memory's base address.
        base: Reg,
    },
}

impl MemoryRef {
    /// Whether the access is not checked (it may fault in a guard region instead).
    pub fn is_guarded(self) -> bool {
        matches!(self, MemoryRef::Guarded { .. } | MemoryRef::GuardedVmctx(_))
    }
}

/// The `return_offset` recorded for an access that may fault in a guard region, at code
/// offset `access`: one past its first byte. The host's fault handler enters the trap stub
/// as if the access had called it from there; no call's return address can be that byte,
/// which lies inside the access instruction.
pub const fn fault_site_offset(access: u32) -> u32 {
    access + 1
}

/// An argument of a libcall.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LibcallArg {
    /// A register's bits (an Fpr's bits are moved to the integer argument register; a 32-bit
    /// value's upper bits are zeroed by the front end before the call if they matter).
    Reg(Reg),
    /// A constant.
    Imm(u64),
}

/// The macro-assembler the front end drives. One instance compiles one function at a time:
/// [`Emitter::finish`] leaves it ready for the next, keeping its buffers.
///
/// Every method that can raise a trap records a trap site for the bytecode offset last given to
/// [`Emitter::set_source_loc`].
pub trait Emitter {
    /// A code position, bound once.
    type Label: Copy + Eq + core::fmt::Debug;

    /// Number of allocatable general-purpose registers (`Reg::Gpr(0..GPR_COUNT)`).
    const GPR_COUNT: u8;
    /// Number of allocatable float registers (`Reg::Fpr(0..FPR_COUNT)`).
    const FPR_COUNT: u8;
    /// How many of the last allocatable general-purpose registers only code without debugging
    /// allocates: the backend uses them as scratch in debug code (x64: r11, the trap-code
    /// register, which traps and machine sites write).
    const NO_DEBUG_GPRS: u8 = 0;
    /// Whether an i32 in a general-purpose register always has its upper 32 bits zero in this
    /// backend (x64), rather than unspecified: its operations then rely on it, and every one
    /// that writes an i32 keeps it so (hosts, libcalls and debuggers too).
    const I32_ZERO_EXTENDED: bool = false;
    /// Whether a store crossing from accessible memory into an inaccessible page may write
    /// its accessible part before it faults (AArch64 allows it; x86-64 writes nothing). A
    /// trapping Wasm store writes nothing, so with guard pages such stores keep their bounds
    /// check.
    const STORES_MAY_TEAR: bool;

    /// A new, unbound label.
    fn new_label(&mut self) -> Self::Label;
    /// Binds `label` to the current position.
    fn bind(&mut self, label: Self::Label);
    /// The bytecode offset (from the module start) of the instruction being compiled.
    fn set_source_loc(&mut self, bytecode_offset: u32);
    /// The current code offset.
    fn code_offset(&self) -> u32;

    /// Function entry: save fp and the return address, set fp, store the vmctx at `[fp - 8]`,
    /// store each `(register, fp offset)` of `homes` (the register arguments' slots, see
    /// [`super::convention`]: before the stack check, so that a stack overflow's frame shows
    /// them), reserve the frame (its size is only known at [`Emitter::finish`]) and check the
    /// stack limit (`StackOverflow` trap).
    fn prologue(&mut self, homes: &[(Reg, i32, OperandSize)]);
    /// Function exit: restore sp and fp and return.
    fn epilogue(&mut self);

    /// `dst = bits` (for an Fpr the bit pattern; for `S32` only the low 32 bits matter).
    fn load_const(&mut self, dst: Reg, size: OperandSize, bits: u64);
    /// `dst = src`, same class, full register.
    fn mov(&mut self, dst: Reg, src: Reg);
    /// `dst = [base + offset]`, 4 or 8 bytes (a 4-byte load to a Gpr zero-extends).
    fn load(&mut self, dst: Reg, base: Base, offset: i32, size: OperandSize);
    /// `[base + offset] = src`, 4 or 8 bytes.
    fn store(&mut self, base: Base, offset: i32, src: Reg, size: OperandSize);
    /// `[base + offset] = imm` (sign-extended to 8 bytes for `S64`).
    fn store_imm(&mut self, base: Base, offset: i32, imm: i32, size: OperandSize);
    /// Zeroes `slots` 8-byte frame slots from `[fp + offset]` up (the function's locals). The
    /// default stores each; a backend may do it in wider stores.
    fn zero_frame_slots(&mut self, offset: i32, slots: u32) {
        for i in 0..slots {
            self.store_imm(Base::Frame, offset + 8 * i as i32, 0, OperandSize::S64);
        }
    }
    /// `dst = vmctx + offset` (address of a vmctx field, e.g. a `VMFuncRef` for `ref.func`).
    fn lea_vmctx(&mut self, dst: Reg, offset: i32);

    /// `dst = lhs op rhs`.
    fn int_binop(&mut self, kind: IntBinKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: RegImm);
    /// `dst = lhs op rhs`, raising the division traps.
    fn int_div(&mut self, kind: IntDivKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: Reg);
    /// `dst = op src`.
    fn int_unop(&mut self, kind: IntUnKind, size: OperandSize, dst: Reg, src: Reg);
    /// `dst = (lhs cmp rhs) as i32`.
    fn int_cmp(&mut self, kind: IntCmpKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: RegImm);
    /// `dst = lhs op rhs` on floats.
    fn float_binop(&mut self, kind: FloatBinKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: Reg);
    /// `dst = op src` on floats.
    fn float_unop(&mut self, kind: FloatUnKind, size: OperandSize, dst: Reg, src: Reg);
    /// `dst (Gpr) = (lhs cmp rhs) as i32` on floats.
    fn float_cmp(&mut self, kind: FloatCmpKind, size: OperandSize, dst: Reg, lhs: Reg, rhs: Reg);
    /// `dst = convert(src)`; the classes of `dst` and `src` follow the kind.
    fn convert(&mut self, kind: ConvertKind, dst: Reg, src: Reg);
    /// `dst (Gpr) = truncate(src (Fpr))`, see [`Truncation`]; `src` is only read.
    fn truncate(&mut self, t: Truncation, dst: Reg, src: Reg);
    /// `dst = if cond (i32) != 0 { if_true } else { if_false }`; `dst`, `if_true` and
    /// `if_false` share a class, `cond` is a Gpr. `dst` may equal `if_true` or `if_false`.
    fn select(&mut self, size: OperandSize, dst: Reg, cond: Reg, if_true: Reg, if_false: Reg);

    /// A Wasm load from `memory`: effective address `zext(addr as u32) + offset`,
    /// bounds-checked against the memory's length (`MemoryOutOfBounds` trap).
    fn wasm_load(&mut self, kind: LoadKind, memory: MemoryRef, dst: Reg, addr: Reg, offset: u64);
    /// A Wasm store, checked like [`Emitter::wasm_load`].
    fn wasm_store(&mut self, kind: StoreKind, memory: MemoryRef, addr: Reg, offset: u64, src: Reg);

    /// Unconditional jump.
    fn jump(&mut self, target: Self::Label);
    /// Jump if the i32 (`S32`) or i64 (`S64`) in `cond` is zero (`if_zero`) or nonzero.
    fn branch_if(&mut self, size: OperandSize, cond: Reg, if_zero: bool, target: Self::Label);
    /// Jump if `lhs cmp rhs` (integer compare fused with the branch).
    fn branch_cmp(
        &mut self,
        kind: IntCmpKind,
        size: OperandSize,
        lhs: Reg,
        rhs: RegImm,
        target: Self::Label,
    );
    /// `br_table`: jump to `targets[index]` if the i32 `index` is in range (unsigned), else to
    /// `default`.
    fn jump_table(&mut self, index: Reg, targets: &[Self::Label], default: Self::Label);
    /// Raise `kind` unconditionally.
    fn trap(&mut self, kind: TrapKind);
    /// Raise `kind` if the Gpr `value` (64-bit) is zero (null reference checks).
    fn trap_if_zero(&mut self, value: Reg, kind: TrapKind);

    /// Calls defined function `func_index` of this module (patched at link time) with its
    /// argument/result area at `area` (its lowest slot). Returns the code offset of the call's
    /// return address (every call method does, for backtraces).
    fn call_direct(&mut self, func_index: u32, area: CallArea) -> u32;
    /// Calls through the `VMFuncRef` at vmctx offset `funcref_vmctx_offset` (imported
    /// functions): switches the vmctx to the record's, calls with the area at `area`, then
    /// restores the caller's vmctx from `[fp - 8]`.
    fn call_funcref_at(&mut self, funcref_vmctx_offset: i32, area: CallArea) -> u32;
    /// `call_indirect`: loads the table (its `*mut VMTableDef` at vmctx offset
    /// `table_vmctx_offset`), checks `index` (u32) against its length (`TableOutOfBounds`),
    /// the element against null (`UninitializedElement`) and its `type_id` against the u32 at
    /// vmctx offset `type_id_vmctx_offset` (`IndirectCallTypeMismatch`), then calls as
    /// [`Emitter::call_funcref_at`] does, through the record's word at `entry_field`
    /// (`vmctx::FUNCREF_FUNC_PTR`, or `FUNCREF_FAST_PTR` in debug code).
    fn call_indirect(
        &mut self,
        table_vmctx_offset: i32,
        type_id_vmctx_offset: i32,
        entry_field: i32,
        index: Reg,
        area: CallArea,
    ) -> u32;
    /// Calls a libcall with the vmctx and `args`, then (if `can_trap`) raises the returned trap
    /// code when it is nonzero, then moves the returned value to `result`. All allocatable
    /// registers are clobbered except `result`. `args` may be in any allocatable registers.
    fn libcall(&mut self, call: Libcall, args: &[LibcallArg], result: Option<Reg>, can_trap: bool);

    /// Debug code: if `table`, loads the table register (`Reg::Gpr(debug::abi::TABLE_GPR)`)
    /// with `[vmctx + vmctx::DEBUG_GATES]`; then the bits register (`Reg::Gpr(BITS_GPR)`) with
    /// `[table + debug::abi::entry_bits_disp(func_index)]`. Neither is ever allocated in debug
    /// code. Emitted before the prologue, after every call and before back edges; the
    /// function's sites from then on belong to function `func_index`.
    fn load_debug_gate(&mut self, func_index: u32, table: bool);
    /// Debug code: machine site `index` (0, 1, ... in emission order): tests bit `index` of
    /// the bits register (`index < debug::abi::REGISTER_SITES`) or of the function's mask
    /// (bit `index % 8` of the byte at `gate + debug::abi::mask_disp(index / 8)`, the gate
    /// read from the table) and, when it is set, calls the handler (the word at `table +
    /// debug::abi::HANDLER_DISP`) out of line. The code offsets of the
    /// handler call's return address and of the instruction after the test's branch (where the
    /// handler resumes) are reported in `CompiledCode::site_returns` and `site_resumes`, in
    /// emission order. Clobbers only scratch registers and the flags.
    fn breakable_site(&mut self, index: u32);
    /// Debug code, before `finish`: machine site 0 is the function's only one; it tests
    /// `debug::abi::FAST_ENTRY_BIT` instead of its own bit (same length, same branch).
    fn fast_entry_site(&mut self);

    /// Ends the function: emits out-of-line code (trap stubs), patches the frame size
    /// (`frame.size`, see [`super::backend_rules::FrameEnd`]) and, unless
    /// `frame.stack_check`, turns the prologue's stack check into a skip. The emitter is then
    /// as a new one, but keeps the capacity of its buffers for the next function.
    fn finish(&mut self, frame: super::backend_rules::FrameEnd) -> crate::compiled::CompiledCode;
}
