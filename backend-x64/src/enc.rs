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

impl X64Emitter {
    /// The REX prefix for operand width `w`, ModRM.reg `reg` and ModRM.rm (or base) `rm`,
    /// omitted when it would be the bare 0x40 (no byte registers are involved here, where a
    /// bare REX would change the meaning).
    fn rex(&mut self, w: bool, reg: u8, rm: u8) {
        let rex = 0x40 | (u8::from(w) << 3) | (((reg >> 3) & 1) << 2) | ((rm >> 3) & 1);
        if rex != 0x40 {
            self.ops.push(rex);
        }
    }

    /// `opcode rm, reg` with both operands registers.
    pub(crate) fn enc_rr(&mut self, opcode: u8, size: OperandSize, rm: u8, reg: u8) {
        self.rex(size == OperandSize::S64, reg, rm);
        self.ops.push(opcode);
        self.ops.push(0xc0 | ((reg & 7) << 3) | (rm & 7));
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
        if let Some(p) = prefix {
            self.ops.push(p);
        }
        self.rex(false, reg, rm);
        self.ops.push(0x0f);
        self.ops.push(opcode);
        self.ops.push(0xc0 | ((reg & 7) << 3) | (rm & 7));
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
        if let Some(p) = prefix {
            self.ops.push(p);
        }
        self.rex(false, reg, base);
        self.ops.push(0x0f);
        self.ops.push(opcode);
        self.modrm_mem(reg, base, disp);
    }

    /// `opcode` with ModRM.reg `reg` and the memory operand `[base + disp]` (`w`: 64-bit
    /// operand).
    pub(crate) fn enc_mem(&mut self, opcode: u8, w: bool, reg: u8, base: u8, disp: i32) {
        self.rex(w, reg, base);
        self.ops.push(opcode);
        self.modrm_mem(reg, base, disp);
    }

    /// ModRM (+ SIB) + displacement of `[base + disp]`: no displacement when it is 0 (except
    /// for rbp/r13, whose mod 00 means something else), disp8 when it fits.
    fn modrm_mem(&mut self, reg: u8, base: u8, disp: i32) {
        let r = (reg & 7) << 3;
        let b = base & 7;
        let mode = if disp == 0 && b != 5 {
            0x00
        } else if fits_i8(disp) {
            0x40
        } else {
            0x80
        };
        self.ops.push(mode | r | b);
        if b == 4 {
            // rsp/r12 as a base need a SIB byte (no index).
            self.ops.push(0x24);
        }
        match mode {
            0x40 => self.ops.push(disp as i8 as u8),
            0x80 => self.ops.extend(disp.to_le_bytes()),
            _ => {}
        }
    }

    /// `op rm, imm` of the 0x81/0x83 group (`ext`: add 0, or 1, and 4, sub 5, xor 6, cmp 7),
    /// with imm8 when it fits.
    pub(crate) fn enc_group1_ri(&mut self, ext: u8, size: OperandSize, rm: u8, imm: i32) {
        self.rex(size == OperandSize::S64, 0, rm);
        let modrm = 0xc0 | (ext << 3) | (rm & 7);
        if fits_i8(imm) {
            self.ops.push(0x83);
            self.ops.push(modrm);
            self.ops.push(imm as i8 as u8);
        } else {
            self.ops.push(0x81);
            self.ops.push(modrm);
            self.ops.extend(imm.to_le_bytes());
        }
    }

    /// `mov dword/qword [base + disp], imm` (sign-extended for qword).
    pub(crate) fn enc_store_imm(&mut self, w: bool, base: u8, disp: i32, imm: i32) {
        self.enc_mem(0xc7, w, 0, base, disp);
        self.ops.extend(imm.to_le_bytes());
    }

    /// `mov r32, imm32` (zero-extends).
    pub(crate) fn enc_mov_imm32(&mut self, dst: u8, imm: u32) {
        self.rex(false, 0, dst);
        self.ops.push(0xb8 | (dst & 7));
        self.ops.extend(imm.to_le_bytes());
    }

    /// `mov r64, simm32` (sign-extends).
    pub(crate) fn enc_mov_simm32_64(&mut self, dst: u8, imm: i32) {
        self.rex(true, 0, dst);
        self.ops.push(0xc7);
        self.ops.push(0xc0 | (dst & 7));
        self.ops.extend(imm.to_le_bytes());
    }
}
