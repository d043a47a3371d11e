//! The compile loop's operator reader: the most common operators, in their common encodings,
//! decoded inline; everything else by wasmparser's general reader.
//!
//! [`wasmparser::BinaryReader::visit_operator`] is one very large function, entered once per
//! operator: its prologue, its epilogue and its `Result` plumbing cost more than decoding a
//! `local.get` or an `i32.add` itself. [`Operators::visit`] decodes those operators in place and
//! passes them to the same visitor methods with the same immediates. Anything else (another
//! operator, or an immediate in a form the fast path does not take, which it sees before it
//! takes anything) goes to wasmparser, given a reader at the operator. Where the fast path
//! takes an operator it reads it as wasmparser does: LEB128s of up to four bytes, which are
//! valid whatever their bits, are decoded here, longer ones by wasmparser (which reports the
//! invalid ones), so bytes that fail to decode fail with wasmparser's error.

use wasmparser::{
    BinaryReader, BlockType, FrameStack, Ieee32, Ieee64, MemArg, MemArgTarget, Result, ValType,
    VisitOperator, WasmFeatures,
};

/// A function body's operators, read one at a time.
pub(super) struct Operators<'a> {
    /// The operators' bytes.
    bytes: &'a [u8],
    /// The position of the next operator in `bytes`.
    pos: usize,
    /// The offset in the module of `bytes[0]`.
    offset: u64,
    /// The features wasmparser reads with.
    features: WasmFeatures,
}

impl<'a> Operators<'a> {
    /// The operators of `reader` (a function body's, after its locals), read with `features`.
    pub(super) fn new(reader: &BinaryReader<'a>, features: WasmFeatures) -> Result<Self> {
        let offset = reader.original_position();
        let mut all = reader.clone();
        let bytes = all.read_bytes(all.bytes_remaining())?;
        Ok(Operators {
            bytes,
            pos: 0,
            offset,
            features,
        })
    }

    /// The opcode (first byte) of the next operator, if any is left.
    #[inline]
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The offset in the module of the next operator.
    #[inline]
    pub(super) fn original_position(&self) -> u64 {
        self.offset + self.pos as u64
    }

    /// The bytes from the next operator on.
    #[inline]
    pub(super) fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    /// A wasmparser reader at the next operator (over the rest of the operators).
    #[inline]
    pub(super) fn reader(&self) -> BinaryReader<'a> {
        BinaryReader::new_features(self.rest(), self.original_position(), self.features)
    }

    /// A wasmparser reader `skip` bytes past the next operator, if there are that many.
    pub(super) fn reader_at(&self, skip: usize) -> Option<BinaryReader<'a>> {
        let offset = self.original_position() + skip as u64;
        Some(BinaryReader::new_features(
            self.rest().get(skip..)?,
            offset,
            self.features,
        ))
    }

    /// Reads the next operator with `r` (a reader from [`Operators::reader`]) and moves past
    /// what it read.
    #[inline]
    fn with_reader<T>(
        &mut self,
        read: impl FnOnce(&mut BinaryReader<'a>) -> Result<T>,
    ) -> Result<T> {
        let mut r = self.reader();
        let value = read(&mut r)?;
        self.pos += r.current_position();
        Ok(value)
    }

    /// Reads the next operator and visits it with `v`. `inside`: the function's outermost
    /// block is still open (past its `end`, only wasmparser reads, to report the operators
    /// left over).
    #[inline(always)]
    pub(super) fn visit<V: VisitOperator<'a> + FrameStack>(
        &mut self,
        v: &mut V,
        inside: bool,
    ) -> Result<V::Output> {
        if inside {
            if let Some(out) = self.visit_common(v)? {
                return Ok(out);
            }
        }
        self.with_reader(|r| r.visit_operator(v))
    }

    /// Checks that the operators ended where the function body's outermost block did, as
    /// wasmparser's `OperatorsReader::finish` does with `frames` as its frame stack.
    pub(super) fn finish(&self, frames: &impl FrameStack) -> Result<()> {
        self.reader().finish_expression(frames)
    }

    /// The LEB128 at `pos` when it is one to four bytes long: its bits and its length. Any
    /// such encoding is a valid u32, i32 or i64 to wasmparser.
    #[inline(always)]
    fn short_leb(&self, pos: usize) -> Option<(u32, usize)> {
        let mut bits = 0u32;
        for i in 0..4 {
            let b = *self.bytes.get(pos + i)?;
            bits |= u32::from(b & 0x7f) << (7 * i);
            if b < 0x80 {
                return Some((bits, i + 1));
            }
        }
        None
    }

    /// Reads a u32 LEB128 at `pos` (the operator's immediate; the operator starts at
    /// `self.pos`) and moves past the operator.
    #[inline(always)]
    fn var_u32(&mut self, pos: usize) -> Result<u32> {
        if let Some((bits, len)) = self.short_leb(pos) {
            self.pos = pos + len;
            return Ok(bits);
        }
        let skip = pos - self.pos;
        self.with_reader(|r| {
            r.read_bytes(skip)?;
            r.read_var_u32()
        })
    }

    /// Reads an i32 LEB128 at `pos` and moves past the operator.
    #[inline(always)]
    fn var_i32(&mut self, pos: usize) -> Result<i32> {
        if let Some((bits, len)) = self.short_leb(pos) {
            self.pos = pos + len;
            let unused = 32 - 7 * len as u32;
            return Ok(((bits << unused) as i32) >> unused);
        }
        let skip = pos - self.pos;
        self.with_reader(|r| {
            r.read_bytes(skip)?;
            r.read_var_i32()
        })
    }

    /// Reads an i64 LEB128 at `pos` and moves past the operator.
    #[inline(always)]
    fn var_i64(&mut self, pos: usize) -> Result<i64> {
        if let Some((bits, len)) = self.short_leb(pos) {
            self.pos = pos + len;
            let unused = 64 - 7 * len as u32;
            return Ok((i64::from(bits) << unused) >> unused);
        }
        let skip = pos - self.pos;
        self.with_reader(|r| {
            r.read_bytes(skip)?;
            r.read_var_i64()
        })
    }

    /// Reads a memory offset at `pos` (a u64 LEB128 with memory64, else a u32) and moves
    /// past the operator.
    #[inline(always)]
    fn memory_offset(&mut self, pos: usize) -> Result<u64> {
        if let Some((bits, len)) = self.short_leb(pos) {
            self.pos = pos + len;
            return Ok(u64::from(bits));
        }
        let skip = pos - self.pos;
        let memory64 = self.features.memory64();
        self.with_reader(|r| {
            r.read_bytes(skip)?;
            if memory64 {
                r.read_var_u64()
            } else {
                r.read_var_u32().map(u64::from)
            }
        })
    }

    /// Decodes the next operator and visits it with `v` when it is one of the common ones
    /// (then it is read); `Ok(None)`, nothing read, otherwise.
    #[inline(always)]
    fn visit_common<V: VisitOperator<'a>>(&mut self, v: &mut V) -> Result<Option<V::Output>> {
        let pos = self.pos;
        let (Some(&opcode), next) = (self.bytes.get(pos), self.bytes.get(pos + 1).copied()) else {
            return Ok(None);
        };
        Ok(Some(match opcode {
            0x45..=0xc4 => {
                self.pos = pos + 1;
                numeric(opcode, v)
            }
            0x20..=0x24 => {
                let index = self.var_u32(pos + 1)?;
                match opcode {
                    0x20 => v.visit_local_get(index),
                    0x21 => v.visit_local_set(index),
                    0x22 => v.visit_local_tee(index),
                    0x23 => v.visit_global_get(index),
                    _ => v.visit_global_set(index),
                }
            }
            // Loads and stores whose flags are one byte with no flag bits set: alignment
            // only (memory 0, no ordering).
            0x28..=0x3e => {
                let align = match next {
                    Some(align) if align < 0x10 => align,
                    _ => return Ok(None),
                };
                let offset = self.memory_offset(pos + 2)?;
                let max_align = match opcode {
                    0x28 | 0x2a | 0x34 | 0x35 | 0x36 | 0x38 | 0x3e => 2,
                    0x29 | 0x2b | 0x37 | 0x39 => 3,
                    0x2e | 0x2f | 0x32 | 0x33 | 0x3b | 0x3d => 1,
                    _ => 0,
                };
                let memarg = MemArg {
                    align,
                    max_align,
                    offset,
                    target: MemArgTarget::Memory(0),
                    ordering: None,
                };
                match opcode {
                    0x28 => v.visit_i32_load(memarg),
                    0x29 => v.visit_i64_load(memarg),
                    0x2a => v.visit_f32_load(memarg),
                    0x2b => v.visit_f64_load(memarg),
                    0x2c => v.visit_i32_load8_s(memarg),
                    0x2d => v.visit_i32_load8_u(memarg),
                    0x2e => v.visit_i32_load16_s(memarg),
                    0x2f => v.visit_i32_load16_u(memarg),
                    0x30 => v.visit_i64_load8_s(memarg),
                    0x31 => v.visit_i64_load8_u(memarg),
                    0x32 => v.visit_i64_load16_s(memarg),
                    0x33 => v.visit_i64_load16_u(memarg),
                    0x34 => v.visit_i64_load32_s(memarg),
                    0x35 => v.visit_i64_load32_u(memarg),
                    0x36 => v.visit_i32_store(memarg),
                    0x37 => v.visit_i64_store(memarg),
                    0x38 => v.visit_f32_store(memarg),
                    0x39 => v.visit_f64_store(memarg),
                    0x3a => v.visit_i32_store8(memarg),
                    0x3b => v.visit_i32_store16(memarg),
                    0x3c => v.visit_i64_store8(memarg),
                    0x3d => v.visit_i64_store16(memarg),
                    _ => v.visit_i64_store32(memarg),
                }
            }
            0x41 => {
                let value = self.var_i32(pos + 1)?;
                v.visit_i32_const(value)
            }
            0x42 => {
                let value = self.var_i64(pos + 1)?;
                v.visit_i64_const(value)
            }
            // The constants' bits as they are (`from_bits` is a transmute, and `Ieee32::from`
            // keeps the bits it is given, NaN payloads included).
            0x43 => match self.bytes.get(pos + 1..pos + 5) {
                Some(&[b0, b1, b2, b3]) => {
                    self.pos = pos + 5;
                    let bits = u32::from_le_bytes([b0, b1, b2, b3]);
                    v.visit_f32_const(Ieee32::from(f32::from_bits(bits)))
                }
                _ => return Ok(None),
            },
            0x44 => match self.bytes.get(pos + 1..pos + 9) {
                Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) => {
                    self.pos = pos + 9;
                    let bits = u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
                    v.visit_f64_const(Ieee64::from(f64::from_bits(bits)))
                }
                _ => return Ok(None),
            },
            // block, loop, if: empty or a single numeric result.
            0x02..=0x04 => {
                let ty = match next {
                    Some(0x40) => BlockType::Empty,
                    Some(0x7f) => BlockType::Type(ValType::I32),
                    Some(0x7e) => BlockType::Type(ValType::I64),
                    Some(0x7d) => BlockType::Type(ValType::F32),
                    Some(0x7c) => BlockType::Type(ValType::F64),
                    _ => return Ok(None),
                };
                self.pos = pos + 2;
                match opcode {
                    0x02 => v.visit_block(ty),
                    0x03 => v.visit_loop(ty),
                    _ => v.visit_if(ty),
                }
            }
            // `else` is left to wasmparser, which checks that it closes an `if`.
            0x0b => {
                self.pos = pos + 1;
                v.visit_end()
            }
            0x0c | 0x0d | 0x10 => {
                let index = self.var_u32(pos + 1)?;
                match opcode {
                    0x0c => v.visit_br(index),
                    0x0d => v.visit_br_if(index),
                    _ => v.visit_call(index),
                }
            }
            0x00 | 0x01 | 0x0f | 0x1a | 0x1b => {
                self.pos = pos + 1;
                match opcode {
                    0x00 => v.visit_unreachable(),
                    0x01 => v.visit_nop(),
                    0x0f => v.visit_return(),
                    0x1a => v.visit_drop(),
                    _ => v.visit_select(),
                }
            }
            // memory.size, memory.grow of memory 0 as one zero byte, which every encoding of
            // the memory index reads as 0.
            0x3f | 0x40 if next == Some(0) => {
                self.pos = pos + 2;
                match opcode {
                    0x3f => v.visit_memory_size(0),
                    _ => v.visit_memory_grow(0),
                }
            }
            _ => return Ok(None),
        }))
    }
}

/// Visits numeric operator `opcode` (0x45..=0xc4: no immediates).
#[inline(always)]
fn numeric<'a, V: VisitOperator<'a>>(opcode: u8, v: &mut V) -> V::Output {
    match opcode {
        0x45 => v.visit_i32_eqz(),
        0x46 => v.visit_i32_eq(),
        0x47 => v.visit_i32_ne(),
        0x48 => v.visit_i32_lt_s(),
        0x49 => v.visit_i32_lt_u(),
        0x4a => v.visit_i32_gt_s(),
        0x4b => v.visit_i32_gt_u(),
        0x4c => v.visit_i32_le_s(),
        0x4d => v.visit_i32_le_u(),
        0x4e => v.visit_i32_ge_s(),
        0x4f => v.visit_i32_ge_u(),
        0x50 => v.visit_i64_eqz(),
        0x51 => v.visit_i64_eq(),
        0x52 => v.visit_i64_ne(),
        0x53 => v.visit_i64_lt_s(),
        0x54 => v.visit_i64_lt_u(),
        0x55 => v.visit_i64_gt_s(),
        0x56 => v.visit_i64_gt_u(),
        0x57 => v.visit_i64_le_s(),
        0x58 => v.visit_i64_le_u(),
        0x59 => v.visit_i64_ge_s(),
        0x5a => v.visit_i64_ge_u(),
        0x5b => v.visit_f32_eq(),
        0x5c => v.visit_f32_ne(),
        0x5d => v.visit_f32_lt(),
        0x5e => v.visit_f32_gt(),
        0x5f => v.visit_f32_le(),
        0x60 => v.visit_f32_ge(),
        0x61 => v.visit_f64_eq(),
        0x62 => v.visit_f64_ne(),
        0x63 => v.visit_f64_lt(),
        0x64 => v.visit_f64_gt(),
        0x65 => v.visit_f64_le(),
        0x66 => v.visit_f64_ge(),
        0x67 => v.visit_i32_clz(),
        0x68 => v.visit_i32_ctz(),
        0x69 => v.visit_i32_popcnt(),
        0x6a => v.visit_i32_add(),
        0x6b => v.visit_i32_sub(),
        0x6c => v.visit_i32_mul(),
        0x6d => v.visit_i32_div_s(),
        0x6e => v.visit_i32_div_u(),
        0x6f => v.visit_i32_rem_s(),
        0x70 => v.visit_i32_rem_u(),
        0x71 => v.visit_i32_and(),
        0x72 => v.visit_i32_or(),
        0x73 => v.visit_i32_xor(),
        0x74 => v.visit_i32_shl(),
        0x75 => v.visit_i32_shr_s(),
        0x76 => v.visit_i32_shr_u(),
        0x77 => v.visit_i32_rotl(),
        0x78 => v.visit_i32_rotr(),
        0x79 => v.visit_i64_clz(),
        0x7a => v.visit_i64_ctz(),
        0x7b => v.visit_i64_popcnt(),
        0x7c => v.visit_i64_add(),
        0x7d => v.visit_i64_sub(),
        0x7e => v.visit_i64_mul(),
        0x7f => v.visit_i64_div_s(),
        0x80 => v.visit_i64_div_u(),
        0x81 => v.visit_i64_rem_s(),
        0x82 => v.visit_i64_rem_u(),
        0x83 => v.visit_i64_and(),
        0x84 => v.visit_i64_or(),
        0x85 => v.visit_i64_xor(),
        0x86 => v.visit_i64_shl(),
        0x87 => v.visit_i64_shr_s(),
        0x88 => v.visit_i64_shr_u(),
        0x89 => v.visit_i64_rotl(),
        0x8a => v.visit_i64_rotr(),
        0x8b => v.visit_f32_abs(),
        0x8c => v.visit_f32_neg(),
        0x8d => v.visit_f32_ceil(),
        0x8e => v.visit_f32_floor(),
        0x8f => v.visit_f32_trunc(),
        0x90 => v.visit_f32_nearest(),
        0x91 => v.visit_f32_sqrt(),
        0x92 => v.visit_f32_add(),
        0x93 => v.visit_f32_sub(),
        0x94 => v.visit_f32_mul(),
        0x95 => v.visit_f32_div(),
        0x96 => v.visit_f32_min(),
        0x97 => v.visit_f32_max(),
        0x98 => v.visit_f32_copysign(),
        0x99 => v.visit_f64_abs(),
        0x9a => v.visit_f64_neg(),
        0x9b => v.visit_f64_ceil(),
        0x9c => v.visit_f64_floor(),
        0x9d => v.visit_f64_trunc(),
        0x9e => v.visit_f64_nearest(),
        0x9f => v.visit_f64_sqrt(),
        0xa0 => v.visit_f64_add(),
        0xa1 => v.visit_f64_sub(),
        0xa2 => v.visit_f64_mul(),
        0xa3 => v.visit_f64_div(),
        0xa4 => v.visit_f64_min(),
        0xa5 => v.visit_f64_max(),
        0xa6 => v.visit_f64_copysign(),
        0xa7 => v.visit_i32_wrap_i64(),
        0xa8 => v.visit_i32_trunc_f32_s(),
        0xa9 => v.visit_i32_trunc_f32_u(),
        0xaa => v.visit_i32_trunc_f64_s(),
        0xab => v.visit_i32_trunc_f64_u(),
        0xac => v.visit_i64_extend_i32_s(),
        0xad => v.visit_i64_extend_i32_u(),
        0xae => v.visit_i64_trunc_f32_s(),
        0xaf => v.visit_i64_trunc_f32_u(),
        0xb0 => v.visit_i64_trunc_f64_s(),
        0xb1 => v.visit_i64_trunc_f64_u(),
        0xb2 => v.visit_f32_convert_i32_s(),
        0xb3 => v.visit_f32_convert_i32_u(),
        0xb4 => v.visit_f32_convert_i64_s(),
        0xb5 => v.visit_f32_convert_i64_u(),
        0xb6 => v.visit_f32_demote_f64(),
        0xb7 => v.visit_f64_convert_i32_s(),
        0xb8 => v.visit_f64_convert_i32_u(),
        0xb9 => v.visit_f64_convert_i64_s(),
        0xba => v.visit_f64_convert_i64_u(),
        0xbb => v.visit_f64_promote_f32(),
        0xbc => v.visit_i32_reinterpret_f32(),
        0xbd => v.visit_i64_reinterpret_f64(),
        0xbe => v.visit_f32_reinterpret_i32(),
        0xbf => v.visit_f64_reinterpret_i64(),
        0xc0 => v.visit_i32_extend8_s(),
        0xc1 => v.visit_i32_extend16_s(),
        0xc2 => v.visit_i64_extend8_s(),
        0xc3 => v.visit_i64_extend16_s(),
        _ => v.visit_i64_extend32_s(),
    }
}
