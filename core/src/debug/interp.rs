//! The slow path's interpreter: runs a machine site's group one instruction at a time, so that
//! the group may hold instructions that emit code and still stop at every one of them.
//!
//! Debug code tests a site only where execution cannot go on through instructions this module
//! can run: at function entry, at loop headers and at targets of conditional branches, after
//! calls and after every instruction it does not run (`if`, `br_table`, `br_if` but a loop's
//! exit test, calls, bulk memory, tables, references: [`OpClass::interpretable`]). A group follows
//! unconditional forward branches (`br` out of a block, `else`, `return`), so a join that
//! only those and the fall-through reach needs no site: it belongs to every group that
//! branches there. It goes on along the fall-through of a loop's exit test (see
//! [`FORWARD_BR_IF`]), whose target has a site of its own.
//! When the debugger must stop inside a group, the slow path starts from the group's first
//! stop point (whose operand stack is in known places), runs the instructions up to the stop
//! with this interpreter, shows its values, runs on to the end of the group, writes every
//! value where the machine code expects it there, and resumes there.
//! An instruction that would trap is left to the machine code: the slow path resumes just
//! before it, so the trap is raised, reported and attributed exactly as without a debugger.

use alloc::vec::Vec;

use wasmparser::{MemArg, Operator};

use super::debugger::Value;
use crate::types::ValType;

/// What the compiler needs to know about an operator, by its name in wasmparser's
/// `for_each_operator!` list (evaluated at compile time of this crate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpClass {
    /// The interpreter runs it: a group of stop points may go on past it.
    pub interpretable: bool,
    /// A conditional branch (`if`, `br_if`): the slow path takes it itself, and resumes the
    /// machine code before it only if it cannot (so lazy copies of locals are loaded first).
    pub conditional: bool,
}

/// The class of the operator named `name` (a Wasm 2.0 operator the compiler accepts).
pub const fn op_class(name: &str) -> OpClass {
    let b = name.as_bytes();
    let numeric = starts_with(b, b"I32")
        || starts_with(b, b"I64")
        || starts_with(b, b"F32")
        || starts_with(b, b"F64");
    let interpretable = numeric
        || eq(b, b"Nop")
        || eq(b, b"Drop")
        || eq(b, b"Select")
        || eq(b, b"TypedSelect")
        || eq(b, b"Block")
        || eq(b, b"Loop")
        || eq(b, b"End")
        // Unconditional branches, forward only (the compiler ends the group at a `br` to a
        // loop: see [`BACKWARD_BRANCH`]); the slow path follows them (`StopPoint::jump`).
        || eq(b, b"Br")
        || eq(b, b"Else")
        || eq(b, b"Return")
        || eq(b, b"LocalGet")
        || eq(b, b"LocalSet")
        || eq(b, b"LocalTee")
        || eq(b, b"GlobalGet")
        || eq(b, b"GlobalSet")
        || eq(b, b"MemorySize");
    OpClass {
        interpretable,
        conditional: eq(b, b"If") || eq(b, b"BrIf"),
    }
}

const fn eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && starts_with(a, b)
}

const fn starts_with(a: &[u8], p: &[u8]) -> bool {
    if a.len() < p.len() {
        return false;
    }
    let mut i = 0;
    while i < p.len() {
        if a[i] != p[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// What the interpreter reaches outside the frame: the instance's memory and globals.
pub(crate) trait Env {
    /// Memory 0's bytes (empty if the module has none).
    fn memory(&mut self) -> &mut [u8];
    /// Global `index`'s value.
    fn global(&self, index: u32) -> Value;
    /// Writes global `index`.
    fn set_global(&mut self, index: u32, bits: u64);
}

/// Why the interpreter did not run an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Halt {
    /// It would trap: the machine code must run it.
    Trap,
    /// It is not an instruction the interpreter runs (the compiler ends groups at those).
    Unsupported,
}

/// The state of one frame while its group is interpreted.
#[derive(Clone, Debug)]
pub(crate) struct Interp {
    /// The operand stack, bottom first.
    pub stack: Vec<Value>,
    /// Every local (parameters first).
    pub locals: Vec<Value>,
    /// Which locals the interpreter or the debugger wrote (to write back).
    pub dirty: Vec<bool>,
    /// The operands of the comparison the machine code would still have pending after the
    /// last instruction run (an integer comparison, or `eqz`, which inverts a pending one or
    /// compares its operand with 0); `None` after any other instruction. The machine code
    /// branches on such a comparison by comparing these operands itself.
    pub pending_compare: Option<(u64, u64)>,
}

/// How many operands an integer comparison (which the compiler leaves pending for a following
/// branch) takes: 2, or 1 for `eqz`; `None` for other instructions.
fn compare_arity(op: &Operator<'_>) -> Option<usize> {
    use Operator as O;
    match op {
        O::I32Eqz | O::I64Eqz => Some(1),
        O::I32Eq
        | O::I32Ne
        | O::I32LtS
        | O::I32LtU
        | O::I32GtS
        | O::I32GtU
        | O::I32LeS
        | O::I32LeU
        | O::I32GeS
        | O::I32GeU
        | O::I64Eq
        | O::I64Ne
        | O::I64LtS
        | O::I64LtU
        | O::I64GtS
        | O::I64GtU
        | O::I64LeS
        | O::I64LeU
        | O::I64GeS
        | O::I64GeU => Some(2),
        _ => None,
    }
}

type R = Result<(), Halt>;

impl Interp {
    /// A frame whose operand stack and locals hold these values.
    pub fn new(stack: Vec<Value>, locals: Vec<Value>) -> Interp {
        let dirty = alloc::vec![false; locals.len()];
        Interp {
            stack,
            locals,
            dirty,
            pending_compare: None,
        }
    }

    /// An unconditional branch to a label whose operand stack is `height` values high: the
    /// top `arity` values go on top of those below the target block.
    pub fn branch(&mut self, height: usize, arity: usize) -> R {
        let n = self.stack.len();
        if arity > height || height > n {
            return Err(Halt::Unsupported);
        }
        self.stack.drain(height - arity..n - arity);
        self.pending_compare = None;
        Ok(())
    }

    /// Writes local `index` (as the debugger or `local.set` does).
    pub fn set_local(&mut self, index: usize, bits: u64) {
        let ty = self.locals[index].ty;
        self.locals[index] = Value::new(ty, bits);
        self.dirty[index] = true;
    }

    fn pop(&mut self) -> Result<Value, Halt> {
        self.stack.pop().ok_or(Halt::Unsupported)
    }
    fn pop_i32(&mut self) -> Result<u32, Halt> {
        Ok(self.pop()?.bits as u32)
    }
    fn pop_i64(&mut self) -> Result<u64, Halt> {
        Ok(self.pop()?.bits)
    }
    fn pop_f32(&mut self) -> Result<f32, Halt> {
        Ok(f32::from_bits(self.pop_i32()?))
    }
    fn pop_f64(&mut self) -> Result<f64, Halt> {
        Ok(f64::from_bits(self.pop_i64()?))
    }
    fn push(&mut self, ty: ValType, bits: u64) {
        self.stack.push(Value::new(ty, bits));
    }
    fn push_i32(&mut self, v: u32) {
        self.push(ValType::I32, v as u64);
    }
    fn push_i64(&mut self, v: u64) {
        self.push(ValType::I64, v);
    }
    fn push_f32(&mut self, v: f32) {
        self.push(ValType::F32, v.to_bits() as u64);
    }
    fn push_f64(&mut self, v: f64) {
        self.push(ValType::F64, v.to_bits());
    }

    /// Pops two operands with `pop`, pushes `f` of them with `push`; `None` from `f` is a trap
    /// (the operands are then gone: callers that may trap go through `guarded`).
    fn binary<A, B>(
        &mut self,
        pop: fn(&mut Self) -> Result<A, Halt>,
        push: fn(&mut Self, B),
        f: impl FnOnce(A, A) -> Option<B>,
    ) -> R {
        let b = pop(self)?;
        let a = pop(self)?;
        push(self, f(a, b).ok_or(Halt::Trap)?);
        Ok(())
    }

    fn un_i32(&mut self, f: impl FnOnce(u32) -> u32) -> R {
        self.convert(Self::pop_i32, f, Self::push_i32)
    }
    fn bin_i32(&mut self, f: impl FnOnce(u32, u32) -> Option<u32>) -> R {
        self.binary(Self::pop_i32, Self::push_i32, f)
    }
    fn un_i64(&mut self, f: impl FnOnce(u64) -> u64) -> R {
        self.convert(Self::pop_i64, f, Self::push_i64)
    }
    fn bin_i64(&mut self, f: impl FnOnce(u64, u64) -> Option<u64>) -> R {
        self.binary(Self::pop_i64, Self::push_i64, f)
    }
    fn cmp_i64(&mut self, f: impl FnOnce(u64, u64) -> bool) -> R {
        self.binary(Self::pop_i64, Self::push_i32, |a, b| Some(f(a, b) as u32))
    }
    fn un_f32(&mut self, f: impl FnOnce(f32) -> f32) -> R {
        self.convert(Self::pop_f32, f, Self::push_f32)
    }
    fn bin_f32(&mut self, f: impl FnOnce(f32, f32) -> f32) -> R {
        self.binary(Self::pop_f32, Self::push_f32, |a, b| Some(f(a, b)))
    }
    fn cmp_f32(&mut self, f: impl FnOnce(f32, f32) -> bool) -> R {
        self.binary(Self::pop_f32, Self::push_i32, |a, b| Some(f(a, b) as u32))
    }
    fn un_f64(&mut self, f: impl FnOnce(f64) -> f64) -> R {
        self.convert(Self::pop_f64, f, Self::push_f64)
    }
    fn bin_f64(&mut self, f: impl FnOnce(f64, f64) -> f64) -> R {
        self.binary(Self::pop_f64, Self::push_f64, |a, b| Some(f(a, b)))
    }
    fn cmp_f64(&mut self, f: impl FnOnce(f64, f64) -> bool) -> R {
        self.binary(Self::pop_f64, Self::push_i32, |a, b| Some(f(a, b) as u32))
    }

    /// The effective address of an access of `size` bytes, if in bounds.
    fn address(&mut self, env: &mut dyn Env, memarg: &MemArg, size: u64) -> Result<usize, Halt> {
        let base = self.pop_i32()?;
        effective_address(env, base, memarg, size)
    }
    fn load(&mut self, env: &mut dyn Env, memarg: &MemArg, size: usize) -> Result<u64, Halt> {
        let at = self.address(env, memarg, size as u64)?;
        let mut word = [0u8; 8];
        word[..size].copy_from_slice(&env.memory()[at..at + size]);
        Ok(u64::from_le_bytes(word))
    }
    fn store(&mut self, env: &mut dyn Env, memarg: &MemArg, size: usize) -> R {
        // The value is above the address: peek the address first, so that nothing is popped
        // when the store would trap (the machine code then runs it from the same stack).
        let depth = self.stack.len();
        if depth < 2 {
            return Err(Halt::Unsupported);
        }
        let (addr, value) = (self.stack[depth - 2], self.stack[depth - 1]);
        let at = effective_address(env, addr.bits as u32, memarg, size as u64)?;
        self.stack.truncate(depth - 2);
        env.memory()[at..at + size].copy_from_slice(&value.bits.to_le_bytes()[..size]);
        Ok(())
    }

    /// Runs `op`. On `Err(Halt::Trap)` the stack is as it was (the operators that may trap
    /// pop through `guarded`), so the machine code can run `op` from it.
    pub fn exec(&mut self, op: &Operator<'_>, env: &mut dyn Env) -> R {
        // What the machine code keeps pending after this instruction (see `pending_compare`):
        // `eqz` of a pending comparison keeps its operands.
        let n = self.stack.len();
        let pending = match compare_arity(op) {
            Some(2) if n >= 2 => Some((self.stack[n - 2].bits, self.stack[n - 1].bits)),
            Some(1) if self.pending_compare.is_some() => self.pending_compare,
            Some(1) if n >= 1 => Some((self.stack[n - 1].bits, 0)),
            _ => None,
        };
        self.exec_op(op, env)?;
        self.pending_compare = pending;
        Ok(())
    }

    fn exec_op(&mut self, op: &Operator<'_>, env: &mut dyn Env) -> R {
        use Operator as O;
        match *op {
            O::Nop | O::Block { .. } | O::Loop { .. } | O::End => {}
            O::Drop => {
                self.pop()?;
            }
            O::Select | O::TypedSelect { .. } => {
                let c = self.pop_i32()?;
                let b = self.pop()?;
                let a = self.pop()?;
                self.stack.push(if c != 0 { a } else { b });
            }
            O::LocalGet { local_index } => {
                let v = *self
                    .locals
                    .get(local_index as usize)
                    .ok_or(Halt::Unsupported)?;
                self.stack.push(v);
            }
            O::LocalSet { local_index } => {
                let v = self.pop()?;
                self.local_write(local_index, v)?;
            }
            O::LocalTee { local_index } => {
                let v = *self.stack.last().ok_or(Halt::Unsupported)?;
                self.local_write(local_index, v)?;
            }
            O::GlobalGet { global_index } => self.stack.push(env.global(global_index)),
            O::GlobalSet { global_index } => {
                let v = self.pop()?;
                env.set_global(global_index, v.bits);
            }
            O::MemorySize { .. } => {
                let pages = env.memory().len() as u64 / 65536;
                self.push_i32(pages as u32);
            }
            O::I32Const { value } => self.push_i32(value as u32),
            O::I64Const { value } => self.push_i64(value as u64),
            O::F32Const { value } => self.push(ValType::F32, value.bits() as u64),
            O::F64Const { value } => self.push(ValType::F64, value.bits()),

            O::I32Load { ref memarg } | O::F32Load { ref memarg } => {
                let ty = if matches!(op, O::I32Load { .. }) {
                    ValType::I32
                } else {
                    ValType::F32
                };
                let v = self.guarded(1, |s| s.load(env, memarg, 4))?;
                self.push(ty, v);
            }
            O::I64Load { ref memarg } | O::F64Load { ref memarg } => {
                let ty = if matches!(op, O::I64Load { .. }) {
                    ValType::I64
                } else {
                    ValType::F64
                };
                let v = self.guarded(1, |s| s.load(env, memarg, 8))?;
                self.push(ty, v);
            }
            O::I32Load8S { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 1))?;
                self.push_i32(v as u8 as i8 as i32 as u32);
            }
            O::I32Load8U { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 1))?;
                self.push_i32(v as u32);
            }
            O::I32Load16S { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 2))?;
                self.push_i32(v as u16 as i16 as i32 as u32);
            }
            O::I32Load16U { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 2))?;
                self.push_i32(v as u32);
            }
            O::I64Load8S { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 1))?;
                self.push_i64(v as u8 as i8 as i64 as u64);
            }
            O::I64Load8U { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 1))?;
                self.push_i64(v);
            }
            O::I64Load16S { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 2))?;
                self.push_i64(v as u16 as i16 as i64 as u64);
            }
            O::I64Load16U { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 2))?;
                self.push_i64(v);
            }
            O::I64Load32S { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 4))?;
                self.push_i64(v as u32 as i32 as i64 as u64);
            }
            O::I64Load32U { ref memarg } => {
                let v = self.guarded(1, |s| s.load(env, memarg, 4))?;
                self.push_i64(v);
            }
            O::I32Store { ref memarg } | O::F32Store { ref memarg } => {
                self.store(env, memarg, 4)?
            }
            O::I64Store { ref memarg } | O::F64Store { ref memarg } => {
                self.store(env, memarg, 8)?
            }
            O::I32Store8 { ref memarg } | O::I64Store8 { ref memarg } => {
                self.store(env, memarg, 1)?
            }
            O::I32Store16 { ref memarg } | O::I64Store16 { ref memarg } => {
                self.store(env, memarg, 2)?
            }
            O::I64Store32 { ref memarg } => self.store(env, memarg, 4)?,

            // i32
            O::I32Eqz => self.un_i32(|a| (a == 0) as u32)?,
            O::I32Eq => self.bin_i32(|a, b| Some((a == b) as u32))?,
            O::I32Ne => self.bin_i32(|a, b| Some((a != b) as u32))?,
            O::I32LtS => self.bin_i32(|a, b| Some(((a as i32) < b as i32) as u32))?,
            O::I32LtU => self.bin_i32(|a, b| Some((a < b) as u32))?,
            O::I32GtS => self.bin_i32(|a, b| Some((a as i32 > b as i32) as u32))?,
            O::I32GtU => self.bin_i32(|a, b| Some((a > b) as u32))?,
            O::I32LeS => self.bin_i32(|a, b| Some((a as i32 <= b as i32) as u32))?,
            O::I32LeU => self.bin_i32(|a, b| Some((a <= b) as u32))?,
            O::I32GeS => self.bin_i32(|a, b| Some((a as i32 >= b as i32) as u32))?,
            O::I32GeU => self.bin_i32(|a, b| Some((a >= b) as u32))?,
            O::I32Clz => self.un_i32(u32::leading_zeros)?,
            O::I32Ctz => self.un_i32(u32::trailing_zeros)?,
            O::I32Popcnt => self.un_i32(u32::count_ones)?,
            O::I32Add => self.bin_i32(|a, b| Some(a.wrapping_add(b)))?,
            O::I32Sub => self.bin_i32(|a, b| Some(a.wrapping_sub(b)))?,
            O::I32Mul => self.bin_i32(|a, b| Some(a.wrapping_mul(b)))?,
            O::I32DivS => self.guarded(2, |s| {
                s.bin_i32(|a, b| (a as i32).checked_div(b as i32).map(|r| r as u32))
            })?,
            O::I32DivU => self.guarded(2, |s| s.bin_i32(|a, b| a.checked_div(b)))?,
            O::I32RemS => self.guarded(2, |s| {
                s.bin_i32(|a, b| (b != 0).then(|| (a as i32).wrapping_rem(b as i32) as u32))
            })?,
            O::I32RemU => self.guarded(2, |s| s.bin_i32(|a, b| a.checked_rem(b)))?,
            O::I32And => self.bin_i32(|a, b| Some(a & b))?,
            O::I32Or => self.bin_i32(|a, b| Some(a | b))?,
            O::I32Xor => self.bin_i32(|a, b| Some(a ^ b))?,
            O::I32Shl => self.bin_i32(|a, b| Some(a.wrapping_shl(b)))?,
            O::I32ShrS => self.bin_i32(|a, b| Some((a as i32).wrapping_shr(b) as u32))?,
            O::I32ShrU => self.bin_i32(|a, b| Some(a.wrapping_shr(b)))?,
            O::I32Rotl => self.bin_i32(|a, b| Some(a.rotate_left(b % 32)))?,
            O::I32Rotr => self.bin_i32(|a, b| Some(a.rotate_right(b % 32)))?,
            O::I32WrapI64 => self.convert(Self::pop_i64, |a| a as u32, Self::push_i32)?,
            O::I32Extend8S => self.un_i32(|a| a as u8 as i8 as i32 as u32)?,
            O::I32Extend16S => self.un_i32(|a| a as u16 as i16 as i32 as u32)?,

            // i64
            O::I64Eqz => self.convert(Self::pop_i64, |a| (a == 0) as u32, Self::push_i32)?,
            O::I64Eq => self.cmp_i64(|a, b| a == b)?,
            O::I64Ne => self.cmp_i64(|a, b| a != b)?,
            O::I64LtS => self.cmp_i64(|a, b| (a as i64) < b as i64)?,
            O::I64LtU => self.cmp_i64(|a, b| a < b)?,
            O::I64GtS => self.cmp_i64(|a, b| a as i64 > b as i64)?,
            O::I64GtU => self.cmp_i64(|a, b| a > b)?,
            O::I64LeS => self.cmp_i64(|a, b| a as i64 <= b as i64)?,
            O::I64LeU => self.cmp_i64(|a, b| a <= b)?,
            O::I64GeS => self.cmp_i64(|a, b| a as i64 >= b as i64)?,
            O::I64GeU => self.cmp_i64(|a, b| a >= b)?,
            O::I64Clz => self.un_i64(|a| a.leading_zeros() as u64)?,
            O::I64Ctz => self.un_i64(|a| a.trailing_zeros() as u64)?,
            O::I64Popcnt => self.un_i64(|a| a.count_ones() as u64)?,
            O::I64Add => self.bin_i64(|a, b| Some(a.wrapping_add(b)))?,
            O::I64Sub => self.bin_i64(|a, b| Some(a.wrapping_sub(b)))?,
            O::I64Mul => self.bin_i64(|a, b| Some(a.wrapping_mul(b)))?,
            O::I64DivS => self.guarded(2, |s| {
                s.bin_i64(|a, b| (a as i64).checked_div(b as i64).map(|r| r as u64))
            })?,
            O::I64DivU => self.guarded(2, |s| s.bin_i64(|a, b| a.checked_div(b)))?,
            O::I64RemS => self.guarded(2, |s| {
                s.bin_i64(|a, b| (b != 0).then(|| (a as i64).wrapping_rem(b as i64) as u64))
            })?,
            O::I64RemU => self.guarded(2, |s| s.bin_i64(|a, b| a.checked_rem(b)))?,
            O::I64And => self.bin_i64(|a, b| Some(a & b))?,
            O::I64Or => self.bin_i64(|a, b| Some(a | b))?,
            O::I64Xor => self.bin_i64(|a, b| Some(a ^ b))?,
            O::I64Shl => self.bin_i64(|a, b| Some(a.wrapping_shl(b as u32)))?,
            O::I64ShrS => self.bin_i64(|a, b| Some((a as i64).wrapping_shr(b as u32) as u64))?,
            O::I64ShrU => self.bin_i64(|a, b| Some(a.wrapping_shr(b as u32)))?,
            O::I64Rotl => self.bin_i64(|a, b| Some(a.rotate_left((b % 64) as u32)))?,
            O::I64Rotr => self.bin_i64(|a, b| Some(a.rotate_right((b % 64) as u32)))?,
            O::I64ExtendI32S => {
                self.convert(Self::pop_i32, |a| a as i32 as i64 as u64, Self::push_i64)?
            }
            O::I64ExtendI32U => self.convert(Self::pop_i32, |a| a as u64, Self::push_i64)?,
            O::I64Extend8S => self.un_i64(|a| a as u8 as i8 as i64 as u64)?,
            O::I64Extend16S => self.un_i64(|a| a as u16 as i16 as i64 as u64)?,
            O::I64Extend32S => self.un_i64(|a| a as u32 as i32 as i64 as u64)?,

            // f32
            O::F32Eq => self.cmp_f32(|a, b| a == b)?,
            O::F32Ne => self.cmp_f32(|a, b| a != b)?,
            O::F32Lt => self.cmp_f32(|a, b| a < b)?,
            O::F32Gt => self.cmp_f32(|a, b| a > b)?,
            O::F32Le => self.cmp_f32(|a, b| a <= b)?,
            O::F32Ge => self.cmp_f32(|a, b| a >= b)?,
            O::F32Abs => self
                .un_i32(|a| a & 0x7fff_ffff)
                .map(|_| self.retype(ValType::F32))?,
            O::F32Neg => self
                .un_i32(|a| a ^ 0x8000_0000)
                .map(|_| self.retype(ValType::F32))?,
            O::F32Copysign => self
                .bin_i32(|a, b| Some((a & 0x7fff_ffff) | (b & 0x8000_0000)))
                .map(|_| self.retype(ValType::F32))?,
            O::F32Ceil => self.un_f32(|a| quiet32(a, libm::ceilf))?,
            O::F32Floor => self.un_f32(|a| quiet32(a, libm::floorf))?,
            O::F32Trunc => self.un_f32(|a| quiet32(a, libm::truncf))?,
            O::F32Nearest => self.un_f32(|a| quiet32(a, libm::rintf))?,
            O::F32Sqrt => self.un_f32(|a| machine32(a, None, quiet32(a, libm::sqrtf)))?,
            O::F32Add => self.bin_f32(|a, b| machine32(a, Some(b), a + b))?,
            O::F32Sub => self.bin_f32(|a, b| machine32(a, Some(b), a - b))?,
            O::F32Mul => self.bin_f32(|a, b| machine32(a, Some(b), a * b))?,
            O::F32Div => self.bin_f32(|a, b| machine32(a, Some(b), a / b))?,
            O::F32Min => self.bin_f32(|a, b| min_max32(a, b, wasm_min))?,
            O::F32Max => self.bin_f32(|a, b| min_max32(a, b, wasm_max))?,

            // f64
            O::F64Eq => self.cmp_f64(|a, b| a == b)?,
            O::F64Ne => self.cmp_f64(|a, b| a != b)?,
            O::F64Lt => self.cmp_f64(|a, b| a < b)?,
            O::F64Gt => self.cmp_f64(|a, b| a > b)?,
            O::F64Le => self.cmp_f64(|a, b| a <= b)?,
            O::F64Ge => self.cmp_f64(|a, b| a >= b)?,
            O::F64Abs => self
                .un_i64(|a| a & !(1 << 63))
                .map(|_| self.retype(ValType::F64))?,
            O::F64Neg => self
                .un_i64(|a| a ^ (1 << 63))
                .map(|_| self.retype(ValType::F64))?,
            O::F64Copysign => self
                .bin_i64(|a, b| Some((a & !(1 << 63)) | (b & (1 << 63))))
                .map(|_| self.retype(ValType::F64))?,
            O::F64Ceil => self.un_f64(|a| quiet64(a, libm::ceil))?,
            O::F64Floor => self.un_f64(|a| quiet64(a, libm::floor))?,
            O::F64Trunc => self.un_f64(|a| quiet64(a, libm::trunc))?,
            O::F64Nearest => self.un_f64(|a| quiet64(a, libm::rint))?,
            O::F64Sqrt => self.un_f64(|a| machine64(a, None, quiet64(a, libm::sqrt)))?,
            O::F64Add => self.bin_f64(|a, b| machine64(a, Some(b), a + b))?,
            O::F64Sub => self.bin_f64(|a, b| machine64(a, Some(b), a - b))?,
            O::F64Mul => self.bin_f64(|a, b| machine64(a, Some(b), a * b))?,
            O::F64Div => self.bin_f64(|a, b| machine64(a, Some(b), a / b))?,
            O::F64Min => self.bin_f64(|a, b| min_max64(a, b, wasm_min))?,
            O::F64Max => self.bin_f64(|a, b| min_max64(a, b, wasm_max))?,

            // Conversions that trap: operand kept on the stack when they would.
            O::I32TruncF32S => self.trunc(false, false, true, -2147483649.0, 2147483648.0)?,
            O::I32TruncF32U => self.trunc(false, false, false, -1.0, 4294967296.0)?,
            O::I32TruncF64S => self.trunc(true, false, true, -2147483649.0, 2147483648.0)?,
            O::I32TruncF64U => self.trunc(true, false, false, -1.0, 4294967296.0)?,
            O::I64TruncF32S => self.trunc(false, true, true, I64_LOW, 9223372036854775808.0)?,
            O::I64TruncF32U => self.trunc(false, true, false, -1.0, 18446744073709551616.0)?,
            O::I64TruncF64S => self.trunc(true, true, true, I64_LOW, 9223372036854775808.0)?,
            O::I64TruncF64U => self.trunc(true, true, false, -1.0, 18446744073709551616.0)?,
            // Saturating ones: Rust's `as` is exactly Wasm's semantics (NaN to 0).
            O::I32TruncSatF32S => {
                self.convert(Self::pop_f32, |a| a as i32 as u32, Self::push_i32)?
            }
            O::I32TruncSatF32U => self.convert(Self::pop_f32, |a| a as u32, Self::push_i32)?,
            O::I32TruncSatF64S => {
                self.convert(Self::pop_f64, |a| a as i32 as u32, Self::push_i32)?
            }
            O::I32TruncSatF64U => self.convert(Self::pop_f64, |a| a as u32, Self::push_i32)?,
            O::I64TruncSatF32S => {
                self.convert(Self::pop_f32, |a| a as i64 as u64, Self::push_i64)?
            }
            O::I64TruncSatF32U => self.convert(Self::pop_f32, |a| a as u64, Self::push_i64)?,
            O::I64TruncSatF64S => {
                self.convert(Self::pop_f64, |a| a as i64 as u64, Self::push_i64)?
            }
            O::I64TruncSatF64U => self.convert(Self::pop_f64, |a| a as u64, Self::push_i64)?,
            // Integer to float: Rust's `as` rounds to nearest, ties to even, as Wasm does.
            O::F32ConvertI32S => {
                self.convert(Self::pop_i32, |a| a as i32 as f32, Self::push_f32)?
            }
            O::F32ConvertI32U => self.convert(Self::pop_i32, |a| a as f32, Self::push_f32)?,
            O::F32ConvertI64S => {
                self.convert(Self::pop_i64, |a| a as i64 as f32, Self::push_f32)?
            }
            O::F32ConvertI64U => self.convert(Self::pop_i64, |a| a as f32, Self::push_f32)?,
            O::F64ConvertI32S => {
                self.convert(Self::pop_i32, |a| a as i32 as f64, Self::push_f64)?
            }
            O::F64ConvertI32U => self.convert(Self::pop_i32, |a| a as f64, Self::push_f64)?,
            O::F64ConvertI64S => {
                self.convert(Self::pop_i64, |a| a as i64 as f64, Self::push_f64)?
            }
            O::F64ConvertI64U => self.convert(Self::pop_i64, |a| a as f64, Self::push_f64)?,
            O::F32DemoteF64 => self.convert(Self::pop_f64, |a| a as f32, Self::push_f32)?,
            O::F64PromoteF32 => self.convert(Self::pop_f32, |a| a as f64, Self::push_f64)?,
            O::I32ReinterpretF32 => self.retype(ValType::I32),
            O::I64ReinterpretF64 => self.retype(ValType::I64),
            O::F32ReinterpretI32 => self.retype(ValType::F32),
            O::F64ReinterpretI64 => self.retype(ValType::F64),
            _ => return Err(Halt::Unsupported),
        }
        Ok(())
    }

    /// Runs `f`, which pops `operands` values; if it fails, puts them back.
    fn guarded<T>(
        &mut self,
        operands: usize,
        f: impl FnOnce(&mut Self) -> Result<T, Halt>,
    ) -> Result<T, Halt> {
        let len = self.stack.len();
        let saved: Vec<Value> = self.stack[len.saturating_sub(operands)..].to_vec();
        let r = f(self);
        if r.is_err() {
            self.stack.truncate(len.saturating_sub(operands));
            self.stack.extend(saved);
        }
        r
    }

    /// Pops an operand with `pop`, pushes `f` of it with `push`.
    fn convert<A, B>(
        &mut self,
        pop: fn(&mut Self) -> Result<A, Halt>,
        f: impl FnOnce(A) -> B,
        push: fn(&mut Self, B),
    ) -> R {
        let a = pop(self)?;
        push(self, f(a));
        Ok(())
    }

    /// Gives the top value type `ty` (same bits).
    fn retype(&mut self, ty: ValType) {
        if let Some(top) = self.stack.last_mut() {
            top.ty = ty;
        }
    }

    fn local_write(&mut self, index: u32, v: Value) -> R {
        let slot = self.locals.get(index as usize).ok_or(Halt::Unsupported)?;
        let ty = slot.ty;
        self.set_local(index as usize, v.bits);
        self.locals[index as usize].ty = ty;
        Ok(())
    }

    /// A trapping float-to-int truncation: in range when `low < x < high` (bounds exact in
    /// f64), else the machine code traps.
    fn trunc(&mut self, from64: bool, to64: bool, signed: bool, low: f64, high: f64) -> R {
        let x = self.guarded(1, |s| {
            let x = if from64 {
                s.pop_f64()?
            } else {
                s.pop_f32()? as f64
            };
            let in_range = if low == I64_LOW {
                x >= low && x < high
            } else {
                x > low && x < high
            };
            if in_range {
                Ok(x)
            } else {
                Err(Halt::Trap)
            }
        })?;
        match (to64, signed) {
            (false, true) => self.push_i32(x as i32 as u32),
            (false, false) => self.push_i32(x as u32),
            (true, true) => self.push_i64(x as i64 as u64),
            (true, false) => self.push_i64(x as u64),
        }
        Ok(())
    }
}

/// The address `base + offset` of an access of `size` bytes, if it is in bounds.
fn effective_address(
    env: &mut dyn Env,
    base: u32,
    memarg: &MemArg,
    size: u64,
) -> Result<usize, Halt> {
    let ea = (base as u64).checked_add(memarg.offset).ok_or(Halt::Trap)?;
    let len = env.memory().len() as u64;
    match ea.checked_add(size) {
        Some(end) if end <= len => Ok(ea as usize),
        _ => Err(Halt::Trap),
    }
}

/// The NaN rules of the target's float instructions, as bit patterns of one width: `a` is
/// the first source operand (the backends emit `a op b` with `a` first), `b` the second
/// (none for square root), `default` the NaN an invalid operation makes, `quiet` the quiet bit.
fn machine_nan(a: u64, a_nan: bool, b: Option<(u64, bool)>, default: u64, quiet: u64) -> u64 {
    let signaling = |bits: u64, nan: bool| nan && bits & quiet == 0;
    if cfg!(target_arch = "x86_64") {
        // SSE: the first operand that is a NaN, made quiet; else the "real indefinite".
        match (a_nan, b) {
            (true, _) => a | quiet,
            (false, Some((b, true))) => b | quiet,
            _ => default,
        }
    } else {
        // AArch64, FPCR.DN = 0: a signaling NaN first (a, then b), then a quiet one, made
        // quiet; else the default NaN.
        match b {
            _ if signaling(a, a_nan) => a | quiet,
            Some((b, b_nan)) if signaling(b, b_nan) => b | quiet,
            _ if a_nan => a,
            Some((b, true)) => b,
            _ => default,
        }
    }
}

/// The NaN the target's f32 instruction makes from `a` (and `b`).
fn nan32(a: f32, b: Option<f32>) -> f32 {
    let default = if cfg!(target_arch = "x86_64") {
        0xffc0_0000
    } else {
        0x7fc0_0000
    };
    let b = b.map(|b| (b.to_bits() as u64, b.is_nan()));
    let bits = machine_nan(a.to_bits() as u64, a.is_nan(), b, default, 0x0040_0000);
    f32::from_bits(bits as u32)
}

/// [`nan32`] for f64.
fn nan64(a: f64, b: Option<f64>) -> f64 {
    let default = if cfg!(target_arch = "x86_64") {
        0xfff8_0000_0000_0000
    } else {
        0x7ff8_0000_0000_0000
    };
    let b = b.map(|b| (b.to_bits(), b.is_nan()));
    f64::from_bits(machine_nan(
        a.to_bits(),
        a.is_nan(),
        b,
        default,
        0x0008_0000_0000_0000,
    ))
}

/// `r`, the result of an f32 arithmetic instruction on `a` (and `b`), with the bits the
/// machine code gives it when it is a NaN. Rust's float operations do not fix which NaN comes
/// out (LLVM may swap the operands of commutative ones; soft-float builds, such as kernel
/// targets, make their own), so a NaN result is recomputed with the instructions' rules.
fn machine32(a: f32, b: Option<f32>, r: f32) -> f32 {
    if r.is_nan() {
        nan32(a, b)
    } else {
        r
    }
}

/// [`machine32`] for f64.
fn machine64(a: f64, b: Option<f64>, r: f64) -> f64 {
    if r.is_nan() {
        nan64(a, b)
    } else {
        r
    }
}

/// Wasm's `min` or `max` of f32s as the machine code computes it: with a NaN operand, the NaN
/// its instructions propagate (x86-64: `addss`; AArch64: `fmin`/`fmax`), not a canonical one.
fn min_max32(a: f32, b: f32, f: fn(f64, f64) -> f64) -> f32 {
    if a.is_nan() || b.is_nan() {
        nan32(a, Some(b))
    } else {
        f(a as f64, b as f64) as f32
    }
}

/// [`min_max32`] for f64.
fn min_max64(a: f64, b: f64, f: fn(f64, f64) -> f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        nan64(a, Some(b))
    } else {
        f(a, b)
    }
}

/// `f(a)`, with a NaN operand made quiet: Wasm's rounding and square root give an
/// arithmetic NaN, where libm passes a signaling one through.
fn quiet32(a: f32, f: fn(f32) -> f32) -> f32 {
    if a.is_nan() {
        f32::from_bits(a.to_bits() | 0x0040_0000)
    } else {
        f(a)
    }
}

/// [`quiet32`] for f64.
fn quiet64(a: f64, f: fn(f64) -> f64) -> f64 {
    if a.is_nan() {
        f64::from_bits(a.to_bits() | 0x0008_0000_0000_0000)
    } else {
        f(a)
    }
}

/// -2^63: the one lower bound that is itself in range (exactly representable).
const I64_LOW: f64 = -9223372036854775808.0;

/// Wasm's `min` of non-NaN values (NaNs: [`min_max32`]): -0 below +0.
fn wasm_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a == b {
        // Equal, so only the sign of zero may differ: -0 wins.
        return f64::from_bits(a.to_bits() | b.to_bits());
    }
    if a < b {
        a
    } else {
        b
    }
}

/// Wasm's `max` of non-NaN values (NaNs: [`min_max32`]): +0 above -0.
fn wasm_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a == b {
        return f64::from_bits(a.to_bits() & b.to_bits());
    }
    if a > b {
        a
    } else {
        b
    }
}

/// The function entry's stop point: nothing to run.
pub const ENTRY: OpClass = OpClass {
    interpretable: true,
    conditional: false,
};
/// A `br` to a loop's header: a back edge, which the machine code runs (the header has a
/// site of its own).
pub const BACKWARD_BRANCH: OpClass = OpClass {
    interpretable: false,
    conditional: false,
};
/// A forward `br_if` that leaves a loop (to a block around it, or out of the function): the
/// group goes on along its fall-through, the path a loop's exit test takes on every
/// iteration but the last. (Any other `br_if`, usually taken, ends its group as
/// `op_class("BrIf")` says: the code after it keeps a site of its own.)
pub const FORWARD_BR_IF: OpClass = OpClass {
    interpretable: true,
    conditional: true,
};
/// The function exit's stop point: the epilogue follows, the group ends.
pub const EXIT: OpClass = OpClass {
    interpretable: false,
    conditional: false,
};

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn groups_go_on_through_numeric_and_local_operators_and_plain_branches_only() {
        for name in [
            "I32Add",
            "I64Load16S",
            "F64Nearest",
            "F32Store",
            "I32TruncSatF64U",
            "LocalTee",
            "GlobalSet",
            "Select",
            "TypedSelect",
            "Block",
            "Loop",
            "End",
            "Drop",
            "Nop",
            "MemorySize",
            "Br",
            "Else",
            "Return",
        ] {
            assert!(op_class(name).interpretable, "{name}");
        }
        for name in [
            "Call",
            "CallIndirect",
            "BrIf",
            "BrTable",
            "If",
            "Unreachable",
            "MemoryGrow",
            "MemoryCopy",
            "MemoryFill",
            "MemoryInit",
            "DataDrop",
            "TableGet",
            "TableGrow",
            "RefFunc",
            "RefNull",
            "RefIsNull",
        ] {
            assert!(!op_class(name).interpretable, "{name}");
        }
    }

    struct FakeEnv {
        memory: Vec<u8>,
        globals: Vec<Value>,
    }

    impl Env for FakeEnv {
        fn memory(&mut self) -> &mut [u8] {
            &mut self.memory
        }
        fn global(&self, index: u32) -> Value {
            self.globals[index as usize]
        }
        fn set_global(&mut self, index: u32, bits: u64) {
            self.globals[index as usize].bits = bits;
        }
    }

    fn i32v(v: i32) -> Value {
        Value::new(ValType::I32, v as u32 as u64)
    }

    /// The operator encoded by `bytes`.
    fn decode(bytes: &'static [u8]) -> Operator<'static> {
        let reader = wasmparser::BinaryReader::new(bytes, 0);
        wasmparser::OperatorsReader::new(reader).read().unwrap()
    }

    #[test]
    fn a_trapping_instruction_leaves_the_stack_for_the_machine_code() {
        let mut env = FakeEnv {
            memory: vec![0; 16],
            globals: vec![i32v(7)],
        };
        let mut it = Interp::new(vec![i32v(12), i32v(-1)], vec![]);
        // A store whose last byte would be at 16: out of bounds, nothing popped or written.
        let store = decode(&[0x36, 0x02, 0x01]); // i32.store offset=1
        assert_eq!(it.exec(&store, &mut env), Err(Halt::Trap));
        assert_eq!(it.stack, vec![i32v(12), i32v(-1)]);
        assert_eq!(env.memory, vec![0; 16]);
        // In bounds without the offset.
        let store = decode(&[0x36, 0x02, 0x00]);
        assert_eq!(it.exec(&store, &mut env), Ok(()));
        assert!(it.stack.is_empty());
        assert_eq!(&env.memory[12..], &[0xff; 4]);
        // Division by zero and the one overflowing division.
        for (a, b) in [(5, 0), (i32::MIN, -1)] {
            it.stack = vec![i32v(a), i32v(b)];
            assert_eq!(it.exec(&Operator::I32DivS, &mut env), Err(Halt::Trap));
            assert_eq!(it.stack, vec![i32v(a), i32v(b)]);
        }
        it.stack = vec![i32v(i32::MIN), i32v(-1)];
        assert_eq!(it.exec(&Operator::I32RemS, &mut env), Ok(()));
        assert_eq!(it.stack, vec![i32v(0)]);
        // A conversion out of range, and one at the edge of the range.
        it.stack = vec![Value::new(ValType::F64, 2147483648.0f64.to_bits())];
        assert_eq!(it.exec(&Operator::I32TruncF64S, &mut env), Err(Halt::Trap));
        it.stack = vec![Value::new(ValType::F64, (-2147483648.9f64).to_bits())];
        assert_eq!(it.exec(&Operator::I32TruncF64S, &mut env), Ok(()));
        assert_eq!(it.stack, vec![i32v(i32::MIN)]);
        // Globals and locals.
        it.stack.clear();
        it.locals = vec![i32v(1)];
        it.dirty = vec![false];
        let ops = [
            Operator::GlobalGet { global_index: 0 },
            Operator::LocalTee { local_index: 0 },
            Operator::GlobalSet { global_index: 0 },
        ];
        for op in &ops {
            assert_eq!(it.exec(op, &mut env), Ok(()));
        }
        assert_eq!((it.locals[0], it.dirty[0]), (i32v(7), true));
        assert!(it.stack.is_empty());
    }

    #[test]
    fn float_min_max_and_rounding_follow_wasm() {
        assert_eq!(wasm_min(-0.0, 0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(wasm_max(-0.0, 0.0).to_bits(), 0.0f64.to_bits());
        assert!(wasm_min(1.0, f64::NAN).is_nan());
        // A signaling NaN comes out quiet.
        let snan = f32::from_bits(0x7fa0_0000);
        assert_eq!(quiet32(snan, libm::floorf).to_bits(), 0x7fe0_0000);
        assert_eq!(quiet64(2.5, libm::rint), 2.0);
    }
}
