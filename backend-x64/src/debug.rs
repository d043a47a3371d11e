//! Machine sites and the gate registers (the contract is the core's `debug::abi`).
//!
//! The gate (the mask's address) is r15, the copy of the mask's first 64 bits rbx, so that the
//! first sites test a byte register with no REX prefix. Site `j`:
//!
//! ```text
//! inline, j < 8:   F6 C3 mm           test bl, 1 << j           ; then jnz rel32 (0F 85 rel32)
//!         j < 16:  F6 C7 mm           test bh, 1 << (j - 8)
//!         j < 32:  F7 C3 imm32        test ebx, 1 << j
//!         j < 64:  48 0F BA E3 jj     bt rbx, j                 ; then jc rel32 (0F 82 rel32)
//!         else:    41 F6 47 dd mm     test byte [r15 + mask_disp(j / 8)], 1 << (j % 8)
//!                  (41 F6 87 disp32 mm past the first 1984 sites)
//!   resume:
//! in the function's tail, after its code (3 bytes per site, in site order):
//!   cold_j: 41 FF 17    call qword [r15]      ; the handler word; returns to `resume`
//! ```
//! The branch is rel32 so that the cold calls can all go to the tail: a machine site now
//! covers a whole group of instructions, and cold calls placed within a rel8's reach would sit
//! in the middle of hot code behind taken jumps. With no debugger attached the branch is never
//! taken: a register test and an untaken branch (one fused instruction for the first 32
//! sites) per machine site.

use breakwater_core::debug::abi::{mask_disp, site_bit, BITS_DISP, REGISTER_SITES};
use breakwater_core::vmctx;
use dynasmrt::DynasmApi;

use crate::emitter::X64Emitter;
use crate::regs::{R15, VMCTX};

const _: () = assert!(
    crate::regs::GPRS[breakwater_core::debug::abi::GATE_GPR as usize] == R15
        && crate::regs::GPRS[breakwater_core::debug::abi::BITS_GPR as usize] == crate::regs::RBX
);

/// `call qword [r15]`: every out-of-line handler call.
pub const CALL_GATE: [u8; 3] = [0x41, 0xff, 0x17];

impl X64Emitter {
    /// `mov r15, [r14 + DEBUG_GATES]; mov r15, [r15 + 8 * func]; mov rbx, [r15 + 8]` (the
    /// registers named statically, so that the assembler picks the short forms).
    pub(crate) fn emit_load_debug_gate(&mut self, func_index: u32) {
        self.ld64(R15, VMCTX, vmctx::DEBUG_GATES);
        let off = (func_index as i32).wrapping_mul(8);
        match i8::try_from(off) {
            Ok(d8) => x64!(self.ops; mov r15, QWORD [BYTE r15 + d8]),
            Err(_) => x64!(self.ops; mov r15, QWORD [DWORD r15 + off]),
        }
        x64!(self.ops; mov rbx, QWORD [BYTE r15 + BITS_DISP as i8]);
    }

    /// Machine site `index` (exact bytes: see the module doc).
    pub(crate) fn emit_breakable_site(&mut self, index: u32) {
        // jnz (0F 85) or, after `bt`, jc (0F 82).
        let mut jcc = 0x85;
        if index < 8 {
            x64!(self.ops; .bytes [0xf6, 0xc3, 1 << index]);
        } else if index < 16 {
            x64!(self.ops; .bytes [0xf6, 0xc7, 1 << (index - 8)]);
        } else if index < 32 {
            x64!(self.ops; .bytes [0xf7, 0xc3]; .u32 1 << index);
        } else if index < REGISTER_SITES {
            x64!(self.ops; .bytes [0x48, 0x0f, 0xba, 0xe3, index as u8]);
            jcc = 0x82;
        } else {
            let (byte, bit) = site_bit(index);
            let disp = mask_disp(byte);
            if let Ok(d8) = i8::try_from(disp) {
                x64!(self.ops; .bytes [0x41, 0xf6, 0x47, d8 as u8, bit]);
            } else {
                x64!(self.ops; .bytes [0x41, 0xf6, 0x87]; .i32 disp; .bytes [bit]);
            }
        }
        // The rel32 is patched in `finish`, once the cold call's place in the tail is known.
        x64!(self.ops; .bytes [0x0f, jcc]; .u32 0);
        let resume = self.ops.offset().0 as u32;
        self.site_branches.push(resume);
    }

    /// Emits every site's out-of-line handler call, in site order, so that every site gets a
    /// distinct return address.
    pub(crate) fn emit_site_calls(&mut self) {
        for _ in 0..self.site_branches.len() {
            let cold = self.ops.offset().0 as u32;
            x64!(self.ops; .bytes CALL_GATE);
            self.site_colds.push(cold);
        }
    }
}

/// Points each site's `jcc rel32` (ending at `resumes[i]`) at its cold call (`colds[i]`), once
/// the code is assembled (a function's code is far below 2 GiB).
pub(crate) fn patch_site_branches(bytes: &mut [u8], resumes: &[u32], colds: &[u32]) {
    for (&resume, &cold) in resumes.iter().zip(colds) {
        let at = resume as usize - 4;
        let rel = cold as i64 - resume as i64;
        bytes[at..at + 4].copy_from_slice(&(rel as i32).to_le_bytes());
    }
}
