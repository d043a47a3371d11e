//! Operators other than control flow: constants, locals, globals, numbers, memory, tables and
//! references. Each is a few lines over the `CodeGen` helpers.

use super::context::{CodeGen, PendingCmp};
use super::emitter::*;
use super::stack::{size_of, Loc};
use crate::error::Result;
use crate::libcalls::Libcall;
use crate::types::ValType;
use crate::vmctx;

use OperandSize::{S32, S64};

impl<'m, E: Emitter> CodeGen<'m, E> {
    /// `nop`.
    pub fn visit_nop(&mut self) -> Result<()> {
        Ok(())
    }
    /// `drop`.
    pub fn visit_drop(&mut self) -> Result<()> {
        let entry = self.pop()?;
        self.stack.release(entry);
        Ok(())
    }
    /// `select` (typed or not).
    pub fn visit_select(&mut self) -> Result<()> {
        let (_, cond) = self.pop_reg()?;
        let (_, if_false) = self.pop_reg()?;
        let (ty, if_true) = self.pop_reg()?;
        self.e.select(size_of(ty), if_true, cond, if_true, if_false);
        self.stack.free(cond);
        self.stack.free(if_false);
        self.push_result(ty, if_true);
        Ok(())
    }
    /// `select (result t)`.
    pub fn visit_typed_select(&mut self, _ty: wasmparser::ValType) -> Result<()> {
        self.visit_select()
    }

    /// `i32.const`.
    pub fn visit_i32_const(&mut self, value: i32) -> Result<()> {
        self.push_const(ValType::I32, value as u32 as u64);
        Ok(())
    }
    /// `i64.const`.
    pub fn visit_i64_const(&mut self, value: i64) -> Result<()> {
        self.push_const(ValType::I64, value as u64);
        Ok(())
    }
    /// `f32.const`.
    pub fn visit_f32_const(&mut self, value: wasmparser::Ieee32) -> Result<()> {
        self.push_const(ValType::F32, value.bits() as u64);
        Ok(())
    }
    /// `f64.const`.
    pub fn visit_f64_const(&mut self, value: wasmparser::Ieee64) -> Result<()> {
        self.push_const(ValType::F64, value.bits());
        Ok(())
    }

    /// `local.get`: pushed lazily.
    pub fn visit_local_get(&mut self, index: u32) -> Result<()> {
        let ty = self.local_types[index as usize];
        self.stack.push(ty, Loc::Local(index));
        Ok(())
    }
    /// `local.set`.
    pub fn visit_local_set(&mut self, index: u32) -> Result<()> {
        let entry = self.pop()?;
        self.stack.entries.push(entry);
        self.materialize_local(index);
        let entry = self.pop()?;
        self.forget_local(index);
        let dst = self.frame.local(index);
        if let Loc::Const(bits) = entry.loc {
            if !entry.ty.is_64() || bits as i64 == bits as i32 as i64 {
                self.e
                    .store_imm(Base::Frame, dst, bits as i32, size_of(entry.ty));
                return Ok(());
            }
        }
        // The register that then holds the value keeps it as the local's copy.
        let r = self.entry_to_reg(entry);
        self.set_cached_local(index, r);
        Ok(())
    }
    /// `local.tee`.
    pub fn visit_local_tee(&mut self, index: u32) -> Result<()> {
        let entry = self.pop()?;
        self.stack.entries.push(entry);
        self.materialize_local(index);
        self.forget_local(index);
        let entry = *self.stack.entries.last().unwrap();
        let depth = self.stack.len() - 1;
        let dst = self.frame.local(index);
        if let Loc::Reg(r) = entry.loc {
            // The register becomes the local's copy; the stack keeps a lazy `local.get`.
            self.set_cached_local(index, r);
            self.stack.entries[depth].loc = Loc::Local(index);
            return Ok(());
        }
        let tmp = self.alloc_temps();
        self.write_entry(entry, depth, dst, tmp);
        self.free_temps(tmp);
        Ok(())
    }

    /// Makes `r` local `index`'s copy: dirty in code that writes back, else stored through.
    fn set_cached_local(&mut self, index: u32, r: Reg) {
        self.cache.insert(index, r);
        if self.writes_back() {
            self.cache.mark_dirty(r);
        } else {
            self.write_back(index, r);
        }
    }

    /// `global.get`.
    pub fn visit_global_get(&mut self, index: u32) -> Result<()> {
        let ty = self.info.globals[index as usize].ty;
        let ptr = self.alloc(false);
        self.e
            .load(ptr, Base::Vmctx, self.offsets.global(index), S64);
        let dst = if ty.is_float() { self.alloc(true) } else { ptr };
        self.e.load(dst, Base::Reg(ptr), 0, size_of(ty));
        if dst != ptr {
            self.stack.free(ptr);
        }
        self.push_result(ty, dst);
        Ok(())
    }
    /// `global.set`.
    pub fn visit_global_set(&mut self, index: u32) -> Result<()> {
        let (ty, val) = self.pop_read()?;
        let ptr = self.alloc(false);
        self.e
            .load(ptr, Base::Vmctx, self.offsets.global(index), S64);
        self.e.store(Base::Reg(ptr), 0, val, size_of(ty));
        self.stack.free(ptr);
        self.release(val);
        Ok(())
    }

    /// An integer binary operation.
    ///
    /// The result goes to the left operand's register when the operation owns it; a local's
    /// cached copy is only read (three-operand forms and `lea` need no copy first), the
    /// result going to the right operand's register if the operation owns that one and
    /// commutes, else to a new one.
    fn int_binop(&mut self, kind: IntBinKind, size: OperandSize) -> Result<()> {
        let (_, rhs) = self.pop_regimm()?;
        let (ty, lhs) = self.pop_lhs()?;
        let commutes = matches!(
            kind,
            IntBinKind::Add | IntBinKind::And | IntBinKind::Or | IntBinKind::Xor
        );
        let dst = if !self.cache.holds(lhs) || self.claim_operand(lhs, rhs) {
            lhs
        } else {
            match rhs {
                RegImm::Reg(r)
                    if commutes
                        && (!self.cache.holds(r) || self.claim_operand(r, RegImm::Reg(lhs))) =>
                {
                    r
                }
                _ => self.alloc(false),
            }
        };
        self.e.int_binop(kind, size, dst, lhs, rhs);
        if dst != lhs {
            self.release(lhs);
        }
        match rhs {
            RegImm::Reg(r) if r == dst => {}
            _ => self.free_regimm(rhs),
        }
        self.push_result(ty, dst);
        Ok(())
    }
    /// An integer comparison.
    fn int_cmp(&mut self, kind: IntCmpKind, size: OperandSize) -> Result<()> {
        // Left pending: a following `if` or `br_if` branches on the flags.
        // Its operands may be locals' cached registers, in debug code too: the slow path
        // never resumes between a comparison and its branch (it takes the branch itself).
        let (_, rhs) = self.pop_regimm()?;
        let (_, lhs) = self.pop_read()?;
        self.pending = Some(PendingCmp {
            kind,
            size,
            lhs,
            rhs,
        });
        Ok(())
    }
    /// An integer division or remainder.
    fn int_div(&mut self, kind: IntDivKind, size: OperandSize) -> Result<()> {
        let (_, rhs) = self.pop_reg()?;
        let (ty, lhs) = self.pop_reg()?;
        self.e.int_div(kind, size, lhs, lhs, rhs);
        self.stack.free(rhs);
        self.push_result(ty, lhs);
        Ok(())
    }
    /// A unary integer operation; `eqz` produces an i32.
    fn int_unop(&mut self, kind: IntUnKind, size: OperandSize) -> Result<()> {
        if kind == IntUnKind::Eqz {
            // `eqz` of a pending comparison inverts it; of a value, it becomes one.
            self.pending = Some(match self.pending.take() {
                Some(p) => PendingCmp {
                    kind: p.kind.negate(),
                    ..p
                },
                None => {
                    let (_, lhs) = self.pop_read()?;
                    PendingCmp {
                        kind: IntCmpKind::Eq,
                        size,
                        lhs,
                        rhs: RegImm::Imm(0),
                    }
                }
            });
            return Ok(());
        }
        let (ty, src) = self.pop_reg()?;
        self.e.int_unop(kind, size, src, src);
        let ty = if kind == IntUnKind::Eqz {
            ValType::I32
        } else {
            ty
        };
        self.push_result(ty, src);
        Ok(())
    }
    /// A float binary operation.
    fn float_binop(&mut self, kind: FloatBinKind, size: OperandSize) -> Result<()> {
        let (_, rhs) = self.pop_read()?;
        let (ty, lhs) = self.pop_lhs()?;
        let dst = if !self.cache.holds(lhs) || self.claim_operand(lhs, RegImm::Reg(rhs)) {
            lhs
        } else {
            self.alloc(true)
        };
        self.e.float_binop(kind, size, dst, lhs, rhs);
        if dst != lhs {
            self.release(lhs);
        }
        self.release(rhs);
        self.push_result(ty, dst);
        Ok(())
    }
    /// A float unary operation.
    fn float_unop(&mut self, kind: FloatUnKind, size: OperandSize) -> Result<()> {
        let (ty, src) = self.pop_reg()?;
        self.e.float_unop(kind, size, src, src);
        self.push_result(ty, src);
        Ok(())
    }
    /// A float comparison.
    fn float_cmp(&mut self, kind: FloatCmpKind, size: OperandSize) -> Result<()> {
        let (_, rhs) = self.pop_reg()?;
        let (_, lhs) = self.pop_reg()?;
        let dst = self.alloc(false);
        self.e.float_cmp(kind, size, dst, lhs, rhs);
        self.stack.free(lhs);
        self.stack.free(rhs);
        self.push_result(ValType::I32, dst);
        Ok(())
    }
    /// An inline conversion to `to`.
    fn convert(&mut self, kind: ConvertKind, to: ValType) -> Result<()> {
        let (from, src) = self.pop_reg()?;
        let dst = if from.is_float() == to.is_float() {
            src
        } else {
            let d = self.alloc_for(to);
            self.stack.free(src);
            d
        };
        self.e.convert(kind, dst, src);
        self.push_result(to, dst);
        Ok(())
    }
    /// A conversion done by a libcall.
    /// A float-to-int truncation from `float` to `int`.
    fn float_to_int(
        &mut self,
        float: ValType,
        int: ValType,
        signed: bool,
        saturating: bool,
    ) -> Result<()> {
        let (_, src) = self.pop_read()?;
        let dst = self.alloc(false);
        let t = Truncation {
            float: size_of(float),
            int: size_of(int),
            signed,
            saturating,
        };
        self.e.truncate(t, dst, src);
        self.release(src);
        self.push_result(int, dst);
        Ok(())
    }

    /// A Wasm load.
    fn load(&mut self, kind: LoadKind, ty: ValType, memarg: wasmparser::MemArg) -> Result<()> {
        let (_, addr) = self.pop_read()?;
        let dst = self.alloc_for(ty);
        let mem = self.memory_ref(memory_index(&memarg), memarg.offset, kind.bytes(), false);
        self.e.wasm_load(kind, mem, dst, addr, memarg.offset);
        self.release_memory(mem);
        self.release(addr);
        self.push_result(ty, dst);
        Ok(())
    }
    /// A Wasm store.
    fn store(&mut self, kind: StoreKind, memarg: wasmparser::MemArg) -> Result<()> {
        let (_, src) = self.pop_read()?;
        let (_, addr) = self.pop_read()?;
        let mem = self.memory_ref(memory_index(&memarg), memarg.offset, kind.bytes(), true);
        self.e.wasm_store(kind, mem, addr, memarg.offset, src);
        self.release_memory(mem);
        self.release(addr);
        self.release(src);
        Ok(())
    }

    /// `memory.size`: the length in bytes shifted down to pages.
    pub fn visit_memory_size(&mut self, mem: u32) -> Result<()> {
        let r = self.alloc(false);
        self.e.load(r, Base::Vmctx, self.offsets.memory(mem), S64);
        self.e.load(r, Base::Reg(r), vmctx::MEMORY_LENGTH, S64);
        self.e
            .int_binop(IntBinKind::ShrU, S64, r, r, RegImm::Imm(16));
        self.push_result(ValType::I32, r);
        Ok(())
    }
    /// `memory.grow`.
    pub fn visit_memory_grow(&mut self, mem: u32) -> Result<()> {
        self.libcall(
            Libcall::MemoryGrow,
            &[mem as u64],
            1,
            Some(ValType::I32),
            false,
        )
    }
    /// `memory.fill`.
    pub fn visit_memory_fill(&mut self, mem: u32) -> Result<()> {
        self.libcall(Libcall::MemoryFill, &[mem as u64], 3, None, true)
    }
    /// `memory.copy`.
    pub fn visit_memory_copy(&mut self, dst_mem: u32, src_mem: u32) -> Result<()> {
        self.libcall(
            Libcall::MemoryCopy,
            &[dst_mem as u64, src_mem as u64],
            3,
            None,
            true,
        )
    }
    /// `memory.init`.
    pub fn visit_memory_init(&mut self, data_index: u32, mem: u32) -> Result<()> {
        self.libcall(
            Libcall::MemoryInit,
            &[mem as u64, data_index as u64],
            3,
            None,
            true,
        )
    }
    /// `data.drop`.
    pub fn visit_data_drop(&mut self, data_index: u32) -> Result<()> {
        self.libcall(Libcall::DataDrop, &[data_index as u64], 0, None, false)
    }

    /// `table.get`.
    pub fn visit_table_get(&mut self, table: u32) -> Result<()> {
        let ty = self.info.tables[table as usize].elem;
        self.libcall(Libcall::TableGet, &[table as u64], 1, Some(ty), true)
    }
    /// `table.set`.
    pub fn visit_table_set(&mut self, table: u32) -> Result<()> {
        self.libcall(Libcall::TableSet, &[table as u64], 2, None, true)
    }
    /// `table.size`.
    pub fn visit_table_size(&mut self, table: u32) -> Result<()> {
        let r = self.alloc(false);
        self.e.load(r, Base::Vmctx, self.offsets.table(table), S64);
        self.e.load(r, Base::Reg(r), vmctx::TABLE_LENGTH, S64);
        self.push_result(ValType::I32, r);
        Ok(())
    }
    /// `table.grow`.
    pub fn visit_table_grow(&mut self, table: u32) -> Result<()> {
        self.libcall(
            Libcall::TableGrow,
            &[table as u64],
            2,
            Some(ValType::I32),
            false,
        )
    }
    /// `table.fill`.
    pub fn visit_table_fill(&mut self, table: u32) -> Result<()> {
        self.libcall(Libcall::TableFill, &[table as u64], 3, None, true)
    }
    /// `table.copy`.
    pub fn visit_table_copy(&mut self, dst_table: u32, src_table: u32) -> Result<()> {
        self.libcall(
            Libcall::TableCopy,
            &[dst_table as u64, src_table as u64],
            3,
            None,
            true,
        )
    }
    /// `table.init`.
    pub fn visit_table_init(&mut self, elem_index: u32, table: u32) -> Result<()> {
        self.libcall(
            Libcall::TableInit,
            &[table as u64, elem_index as u64],
            3,
            None,
            true,
        )
    }
    /// `elem.drop`.
    pub fn visit_elem_drop(&mut self, elem_index: u32) -> Result<()> {
        self.libcall(Libcall::ElemDrop, &[elem_index as u64], 0, None, false)
    }

    /// `ref.null`.
    pub fn visit_ref_null(&mut self, hty: wasmparser::HeapType) -> Result<()> {
        let ty = match hty {
            wasmparser::HeapType::Abstract {
                ty: wasmparser::AbstractHeapType::Extern,
                ..
            } => ValType::ExternRef,
            _ => ValType::FuncRef,
        };
        self.push_const(ty, 0);
        Ok(())
    }
    /// `ref.is_null`.
    pub fn visit_ref_is_null(&mut self) -> Result<()> {
        self.int_unop(IntUnKind::Eqz, S64)?;
        if self.debug.is_some() {
            // The slow path does not run `ref.is_null`, so a branch after it would start a
            // group with a comparison it never saw computed.
            self.materialize_pending();
        }
        Ok(())
    }
    /// `ref.func`: the address of the function's record in the vmctx.
    pub fn visit_ref_func(&mut self, function_index: u32) -> Result<()> {
        let r = self.alloc(false);
        self.e.lea_vmctx(r, self.offsets.funcref(function_index));
        self.push_result(ValType::FuncRef, r);
        Ok(())
    }
}

/// Defines `visit_*` methods that forward to one helper with fixed arguments.
macro_rules! forward {
    ($($name:ident => $helper:ident($($arg:expr),*);)*) => {
        impl<'m, E: Emitter> CodeGen<'m, E> {
            $(
                #[doc = concat!("`", stringify!($name), "`.")]
                pub fn $name(&mut self) -> Result<()> {
                    self.$helper($($arg),*)
                }
            )*
        }
    };
}

/// Defines memory `visit_*` methods.
macro_rules! forward_mem {
    ($($name:ident => $helper:ident($($arg:expr),*);)*) => {
        impl<'m, E: Emitter> CodeGen<'m, E> {
            $(
                #[doc = concat!("`", stringify!($name), "`.")]
                pub fn $name(&mut self, memarg: wasmparser::MemArg) -> Result<()> {
                    self.$helper($($arg,)* memarg)
                }
            )*
        }
    };
}

use ConvertKind as C;
/// Arguments of [`CodeGen::float_to_int`].
const SIGNED: bool = true;
const UNSIGNED: bool = false;
const SATURATING: bool = true;
const TRAPPING: bool = false;
use FloatBinKind as FB;
use FloatCmpKind as FC;
use FloatUnKind as FU;
use IntBinKind as IB;
use IntCmpKind as IC;
use IntDivKind as ID;
use IntUnKind as IU;

use ValType::{F32, F64, I32, I64};

forward! {
    visit_i32_eqz => int_unop(IU::Eqz, S32);
    visit_i32_eq => int_cmp(IC::Eq, S32);
    visit_i32_ne => int_cmp(IC::Ne, S32);
    visit_i32_lt_s => int_cmp(IC::LtS, S32);
    visit_i32_lt_u => int_cmp(IC::LtU, S32);
    visit_i32_gt_s => int_cmp(IC::GtS, S32);
    visit_i32_gt_u => int_cmp(IC::GtU, S32);
    visit_i32_le_s => int_cmp(IC::LeS, S32);
    visit_i32_le_u => int_cmp(IC::LeU, S32);
    visit_i32_ge_s => int_cmp(IC::GeS, S32);
    visit_i32_ge_u => int_cmp(IC::GeU, S32);
    visit_i64_eqz => int_unop(IU::Eqz, S64);
    visit_i64_eq => int_cmp(IC::Eq, S64);
    visit_i64_ne => int_cmp(IC::Ne, S64);
    visit_i64_lt_s => int_cmp(IC::LtS, S64);
    visit_i64_lt_u => int_cmp(IC::LtU, S64);
    visit_i64_gt_s => int_cmp(IC::GtS, S64);
    visit_i64_gt_u => int_cmp(IC::GtU, S64);
    visit_i64_le_s => int_cmp(IC::LeS, S64);
    visit_i64_le_u => int_cmp(IC::LeU, S64);
    visit_i64_ge_s => int_cmp(IC::GeS, S64);
    visit_i64_ge_u => int_cmp(IC::GeU, S64);
    visit_f32_eq => float_cmp(FC::Eq, S32);
    visit_f32_ne => float_cmp(FC::Ne, S32);
    visit_f32_lt => float_cmp(FC::Lt, S32);
    visit_f32_gt => float_cmp(FC::Gt, S32);
    visit_f32_le => float_cmp(FC::Le, S32);
    visit_f32_ge => float_cmp(FC::Ge, S32);
    visit_f64_eq => float_cmp(FC::Eq, S64);
    visit_f64_ne => float_cmp(FC::Ne, S64);
    visit_f64_lt => float_cmp(FC::Lt, S64);
    visit_f64_gt => float_cmp(FC::Gt, S64);
    visit_f64_le => float_cmp(FC::Le, S64);
    visit_f64_ge => float_cmp(FC::Ge, S64);
    visit_i32_clz => int_unop(IU::Clz, S32);
    visit_i32_ctz => int_unop(IU::Ctz, S32);
    visit_i32_popcnt => int_unop(IU::Popcnt, S32);
    visit_i32_add => int_binop(IB::Add, S32);
    visit_i32_sub => int_binop(IB::Sub, S32);
    visit_i32_mul => int_binop(IB::Mul, S32);
    visit_i32_div_s => int_div(ID::DivS, S32);
    visit_i32_div_u => int_div(ID::DivU, S32);
    visit_i32_rem_s => int_div(ID::RemS, S32);
    visit_i32_rem_u => int_div(ID::RemU, S32);
    visit_i32_and => int_binop(IB::And, S32);
    visit_i32_or => int_binop(IB::Or, S32);
    visit_i32_xor => int_binop(IB::Xor, S32);
    visit_i32_shl => int_binop(IB::Shl, S32);
    visit_i32_shr_s => int_binop(IB::ShrS, S32);
    visit_i32_shr_u => int_binop(IB::ShrU, S32);
    visit_i32_rotl => int_binop(IB::Rotl, S32);
    visit_i32_rotr => int_binop(IB::Rotr, S32);
    visit_i64_clz => int_unop(IU::Clz, S64);
    visit_i64_ctz => int_unop(IU::Ctz, S64);
    visit_i64_popcnt => int_unop(IU::Popcnt, S64);
    visit_i64_add => int_binop(IB::Add, S64);
    visit_i64_sub => int_binop(IB::Sub, S64);
    visit_i64_mul => int_binop(IB::Mul, S64);
    visit_i64_div_s => int_div(ID::DivS, S64);
    visit_i64_div_u => int_div(ID::DivU, S64);
    visit_i64_rem_s => int_div(ID::RemS, S64);
    visit_i64_rem_u => int_div(ID::RemU, S64);
    visit_i64_and => int_binop(IB::And, S64);
    visit_i64_or => int_binop(IB::Or, S64);
    visit_i64_xor => int_binop(IB::Xor, S64);
    visit_i64_shl => int_binop(IB::Shl, S64);
    visit_i64_shr_s => int_binop(IB::ShrS, S64);
    visit_i64_shr_u => int_binop(IB::ShrU, S64);
    visit_i64_rotl => int_binop(IB::Rotl, S64);
    visit_i64_rotr => int_binop(IB::Rotr, S64);
    visit_f32_abs => float_unop(FU::Abs, S32);
    visit_f32_neg => float_unop(FU::Neg, S32);
    visit_f32_ceil => float_unop(FU::Ceil, S32);
    visit_f32_floor => float_unop(FU::Floor, S32);
    visit_f32_trunc => float_unop(FU::Trunc, S32);
    visit_f32_nearest => float_unop(FU::Nearest, S32);
    visit_f32_sqrt => float_unop(FU::Sqrt, S32);
    visit_f32_add => float_binop(FB::Add, S32);
    visit_f32_sub => float_binop(FB::Sub, S32);
    visit_f32_mul => float_binop(FB::Mul, S32);
    visit_f32_div => float_binop(FB::Div, S32);
    visit_f32_min => float_binop(FB::Min, S32);
    visit_f32_max => float_binop(FB::Max, S32);
    visit_f32_copysign => float_binop(FB::Copysign, S32);
    visit_f64_abs => float_unop(FU::Abs, S64);
    visit_f64_neg => float_unop(FU::Neg, S64);
    visit_f64_ceil => float_unop(FU::Ceil, S64);
    visit_f64_floor => float_unop(FU::Floor, S64);
    visit_f64_trunc => float_unop(FU::Trunc, S64);
    visit_f64_nearest => float_unop(FU::Nearest, S64);
    visit_f64_sqrt => float_unop(FU::Sqrt, S64);
    visit_f64_add => float_binop(FB::Add, S64);
    visit_f64_sub => float_binop(FB::Sub, S64);
    visit_f64_mul => float_binop(FB::Mul, S64);
    visit_f64_div => float_binop(FB::Div, S64);
    visit_f64_min => float_binop(FB::Min, S64);
    visit_f64_max => float_binop(FB::Max, S64);
    visit_f64_copysign => float_binop(FB::Copysign, S64);
    visit_i32_wrap_i64 => convert(C::I32WrapI64, I32);
    visit_i32_trunc_f32_s => float_to_int(F32, I32, SIGNED, TRAPPING);
    visit_i32_trunc_f32_u => float_to_int(F32, I32, UNSIGNED, TRAPPING);
    visit_i32_trunc_f64_s => float_to_int(F64, I32, SIGNED, TRAPPING);
    visit_i32_trunc_f64_u => float_to_int(F64, I32, UNSIGNED, TRAPPING);
    visit_i64_extend_i32_s => convert(C::I64ExtendI32S, I64);
    visit_i64_extend_i32_u => convert(C::I64ExtendI32U, I64);
    visit_i64_trunc_f32_s => float_to_int(F32, I64, SIGNED, TRAPPING);
    visit_i64_trunc_f32_u => float_to_int(F32, I64, UNSIGNED, TRAPPING);
    visit_i64_trunc_f64_s => float_to_int(F64, I64, SIGNED, TRAPPING);
    visit_i64_trunc_f64_u => float_to_int(F64, I64, UNSIGNED, TRAPPING);
    visit_f32_convert_i32_s => convert(C::F32ConvertI32S, F32);
    visit_f32_convert_i32_u => convert(C::F32ConvertI32U, F32);
    visit_f32_convert_i64_s => convert(C::F32ConvertI64S, F32);
    visit_f32_convert_i64_u => convert(C::F32ConvertI64U, F32);
    visit_f32_demote_f64 => convert(C::F32DemoteF64, F32);
    visit_f64_convert_i32_s => convert(C::F64ConvertI32S, F64);
    visit_f64_convert_i32_u => convert(C::F64ConvertI32U, F64);
    visit_f64_convert_i64_s => convert(C::F64ConvertI64S, F64);
    visit_f64_convert_i64_u => convert(C::F64ConvertI64U, F64);
    visit_f64_promote_f32 => convert(C::F64PromoteF32, F64);
    visit_i32_reinterpret_f32 => convert(C::I32ReinterpretF32, I32);
    visit_i64_reinterpret_f64 => convert(C::I64ReinterpretF64, I64);
    visit_f32_reinterpret_i32 => convert(C::F32ReinterpretI32, F32);
    visit_f64_reinterpret_i64 => convert(C::F64ReinterpretI64, F64);
    visit_i32_extend8_s => int_unop(IU::Extend8S, S32);
    visit_i32_extend16_s => int_unop(IU::Extend16S, S32);
    visit_i64_extend8_s => int_unop(IU::Extend8S, S64);
    visit_i64_extend16_s => int_unop(IU::Extend16S, S64);
    visit_i64_extend32_s => int_unop(IU::Extend32S, S64);
    visit_i32_trunc_sat_f32_s => float_to_int(F32, I32, SIGNED, SATURATING);
    visit_i32_trunc_sat_f32_u => float_to_int(F32, I32, UNSIGNED, SATURATING);
    visit_i32_trunc_sat_f64_s => float_to_int(F64, I32, SIGNED, SATURATING);
    visit_i32_trunc_sat_f64_u => float_to_int(F64, I32, UNSIGNED, SATURATING);
    visit_i64_trunc_sat_f32_s => float_to_int(F32, I64, SIGNED, SATURATING);
    visit_i64_trunc_sat_f32_u => float_to_int(F32, I64, UNSIGNED, SATURATING);
    visit_i64_trunc_sat_f64_s => float_to_int(F64, I64, SIGNED, SATURATING);
    visit_i64_trunc_sat_f64_u => float_to_int(F64, I64, UNSIGNED, SATURATING);
}

forward_mem! {
    visit_i32_load => load(LoadKind::I32, I32);
    visit_i64_load => load(LoadKind::I64, I64);
    visit_f32_load => load(LoadKind::F32, F32);
    visit_f64_load => load(LoadKind::F64, F64);
    visit_i32_load8_s => load(LoadKind::I32S8, I32);
    visit_i32_load8_u => load(LoadKind::I32U8, I32);
    visit_i32_load16_s => load(LoadKind::I32S16, I32);
    visit_i32_load16_u => load(LoadKind::I32U16, I32);
    visit_i64_load8_s => load(LoadKind::I64S8, I64);
    visit_i64_load8_u => load(LoadKind::I64U8, I64);
    visit_i64_load16_s => load(LoadKind::I64S16, I64);
    visit_i64_load16_u => load(LoadKind::I64U16, I64);
    visit_i64_load32_s => load(LoadKind::I64S32, I64);
    visit_i64_load32_u => load(LoadKind::I64U32, I64);
    visit_i32_store => store(StoreKind::I32);
    visit_i64_store => store(StoreKind::I64);
    visit_f32_store => store(StoreKind::F32);
    visit_f64_store => store(StoreKind::F64);
    visit_i32_store8 => store(StoreKind::I8);
    visit_i32_store16 => store(StoreKind::I16);
    visit_i64_store8 => store(StoreKind::I8);
    visit_i64_store16 => store(StoreKind::I16);
    visit_i64_store32 => store(StoreKind::I32);
}

/// The memory a memory argument addresses (GC array targets are rejected by validation).
fn memory_index(memarg: &wasmparser::MemArg) -> u32 {
    match memarg.target {
        wasmparser::MemArgTarget::Memory(i) => i,
        wasmparser::MemArgTarget::Array(_) => 0,
    }
}
