//! Hand encodings of the most frequent instruction forms, in their shortest form.
//!
//! dynasm gives every instruction with a runtime ("dynamic") register a REX prefix, a wasted
//! byte on most 32-bit operations, and encodes runtime immediates and displacements in 32 bits.
//! Moves between registers and frame slots, and register-immediate arithmetic, are most of
//! baseline code, so these few forms are encoded here: REX only when a register needs it,
//! disp8 and imm8 when the value fits.

use breakwater_core::codegen::OperandSize;
use dynasmrt::DynasmApi;

use crate::asm::fits_i8;
use crate::emitter::X64Emitter;

/// Opcodes of the `op r/m, reg` forms used here.
pub(crate) mod op {
    /// `add r/m, reg`
    pub const ADD: u8 = 0x01;
    /// `or r/m, reg`
    pub const OR: u8 = 0x09;
    /// `and r/m, reg`
    pub const AND: u8 = 0x21;
    /// `sub r/m, reg`
    pub const SUB: u8 = 0x29;
    /// `xor r/m, reg`
    pub const XOR: u8 = 0x31;
    /// `cmp r/m, reg`
    pub const CMP: u8 = 0x39;
    /// `test r/m, reg`
    pub const TEST: u8 = 0x85;
    /// `mov r/m, reg` (a store, or a register move)
    pub const MOV_STORE: u8 = 0x89;
    /// `mov reg, r/m` (a load)
    pub const MOV_LOAD: u8 = 0x8b;
    /// `lea reg, m`
    pub const LEA: u8 = 0x8d;
}

/// The REX prefix for operand width `w`, ModRM.reg `reg` and ModRM.rm (or base) `rm`; 0x40
/// (bare) when none is needed.
#[inline]
fn rex_byte(w: bool, reg: u8, rm: u8) -> u8 {
    0x40 | (u8::from(w) << 3) | (((reg >> 3) & 1) << 2) | ((rm >> 3) & 1)
}

impl X64Emitter {
    /// The REX prefix for operand width `w`, ModRM.reg `reg` and ModRM.rm (or base) `rm`,
    /// omitted when it would be the bare 0x40 (no byte registers are involved here, where a
    /// bare REX would change the meaning).
    fn rex(&mut self, w: bool, reg: u8, rm: u8) {
        let rex = rex_byte(w, reg, rm);
        if rex != 0x40 {
            self.ops.push(rex);
        }
    }

    /// `opcode rm, reg` with both operands registers.
    pub(crate) fn enc_rr(&mut self, opcode: u8, size: OperandSize, rm: u8, reg: u8) {
        let rex = rex_byte(size == OperandSize::S64, reg, rm);
        let modrm = 0xc0 | ((reg & 7) << 3) | (rm & 7);
        if rex != 0x40 {
            self.ops.extend([rex, opcode, modrm]);
        } else {
            self.ops.extend([opcode, modrm]);
        }
    }

    /// A (possibly two-byte) `opcode` with register operands: ModRM.rm `rm`, ModRM.reg `reg`
    /// (a register, or an opcode extension below 8).
    pub(crate) fn enc_rr2(&mut self, opcode: &[u8], size: OperandSize, rm: u8, reg: u8) {
        self.rex(size == OperandSize::S64, reg, rm);
        self.ops.extend(opcode.iter().copied());
        self.ops.push(0xc0 | ((reg & 7) << 3) | (rm & 7));
    }

    /// An SSE instruction `[prefix] 0F opcode` on registers (`reg` = ModRM.reg, the
    /// destination; `rm` = ModRM.rm): the REX prefix, when needed, goes after the mandatory
    /// prefix.
    pub(crate) fn enc_sse_rr(&mut self, prefix: Option<u8>, opcode: u8, reg: u8, rm: u8) {
        let rex = rex_byte(false, reg, rm);
        let modrm = 0xc0 | ((reg & 7) << 3) | (rm & 7);
        match (prefix, rex != 0x40) {
            (Some(p), true) => self.ops.extend([p, rex, 0x0f, opcode, modrm]),
            (Some(p), false) => self.ops.extend([p, 0x0f, opcode, modrm]),
            (None, true) => self.ops.extend([rex, 0x0f, opcode, modrm]),
            (None, false) => self.ops.extend([0x0f, opcode, modrm]),
        }
    }

    /// An SSE instruction `[prefix] 0F opcode` with the memory operand `[base + disp]`.
    pub(crate) fn enc_sse_mem(
        &mut self,
        prefix: Option<u8>,
        opcode: u8,
        reg: u8,
        base: u8,
        disp: i32,
    ) {
        let rex = rex_byte(false, reg, base);
        match (prefix, rex != 0x40) {
            (Some(p), true) => self.ops.extend([p, rex, 0x0f, opcode]),
            (Some(p), false) => self.ops.extend([p, 0x0f, opcode]),
            (None, true) => self.ops.extend([rex, 0x0f, opcode]),
            (None, false) => self.ops.extend([0x0f, opcode]),
        }
        self.modrm_mem(reg, base, disp);
    }

    /// `opcode` with ModRM.reg `reg` and the memory operand `[base + disp]` (`w`: 64-bit
    /// operand).
    pub(crate) fn enc_mem(&mut self, opcode: u8, w: bool, reg: u8, base: u8, disp: i32) {
        let rex = rex_byte(w, reg, base);
        if rex != 0x40 {
            self.ops.extend([rex, opcode]);
        } else {
            self.ops.push(opcode);
        }
        self.modrm_mem(reg, base, disp);
    }

    /// ModRM (+ SIB) + displacement of `[base + disp]`: no displacement when it is 0 (except
    /// for rbp/r13, whose mod 00 means something else), disp8 when it fits. Each form is
    /// written as one fixed-size chunk (one capacity check).
    #[inline]
    fn modrm_mem(&mut self, reg: u8, base: u8, disp: i32) {
        let r = (reg & 7) << 3;
        let b = base & 7;
        // rsp/r12 as a base need a SIB byte (no index): 0x24.
        let sib = b == 4;
        if disp == 0 && b != 5 {
            if sib {
                self.ops.extend([r | b, 0x24]);
            } else {
                self.ops.push(r | b);
            }
        } else if fits_i8(disp) {
            let (m, d) = (0x40 | r | b, disp as i8 as u8);
            if sib {
                self.ops.extend([m, 0x24, d]);
            } else {
                self.ops.extend([m, d]);
            }
        } else {
            let m = 0x80 | r | b;
            let [d0, d1, d2, d3] = disp.to_le_bytes();
            if sib {
                self.ops.extend([m, 0x24, d0, d1, d2, d3]);
            } else {
                self.ops.extend([m, d0, d1, d2, d3]);
            }
        }
    }

    /// `op rm, imm` of the 0x81/0x83 group (`ext`: add 0, or 1, and 4, sub 5, xor 6, cmp 7),
    /// with imm8 when it fits.
    pub(crate) fn enc_group1_ri(&mut self, ext: u8, size: OperandSize, rm: u8, imm: i32) {
        self.rex(size == OperandSize::S64, 0, rm);
        let modrm = 0xc0 | (ext << 3) | (rm & 7);
        if fits_i8(imm) {
            self.ops.extend([0x83, modrm, imm as i8 as u8]);
        } else {
            let [i0, i1, i2, i3] = imm.to_le_bytes();
            self.ops.extend([0x81, modrm, i0, i1, i2, i3]);
        }
    }

    /// `mov dword/qword [base + disp], imm` (sign-extended for qword).
    pub(crate) fn enc_store_imm(&mut self, w: bool, base: u8, disp: i32, imm: i32) {
        self.enc_mem(0xc7, w, 0, base, disp);
        self.ops.extend(imm.to_le_bytes());
    }

    /// `mov r32, imm32` (zero-extends).
    pub(crate) fn enc_mov_imm32(&mut self, dst: u8, imm: u32) {
        let [i0, i1, i2, i3] = imm.to_le_bytes();
        let op = 0xb8 | (dst & 7);
        let rex = rex_byte(false, 0, dst);
        if rex != 0x40 {
            self.ops.extend([rex, op, i0, i1, i2, i3]);
        } else {
            self.ops.extend([op, i0, i1, i2, i3]);
        }
    }

    /// `mov r64, simm32` (sign-extends).
    pub(crate) fn enc_mov_simm32_64(&mut self, dst: u8, imm: i32) {
        let [i0, i1, i2, i3] = imm.to_le_bytes();
        let rex = rex_byte(true, 0, dst);
        self.ops
            .extend([rex, 0xc7, 0xc0 | (dst & 7), i0, i1, i2, i3]);
    }
}
