//! Machine sites and the gate registers (the contract is the core's `debug::abi`).
//!
//! The gate table is r15, the copy of the function's first 64 site bits r13: the last two
//! registers of the allocation order (see `BITS_GPR`). Site `j` of function `f`:
//!
//! ```text
//! (b = mask_bit(j): the sites' bits skip FAST_ENTRY_BIT, which a single-site function's site
//! tests instead; see the core's `debug::abi`, "Fast entries")
//! inline, b < 8:   41 F6 C5 mm        test r13b, 1 << b         ; then jnz rel32 (0F 85 rel32)
//!         b < 32:  41 F7 C5 imm32     test r13d, 1 << b
//!         j < 63:  49 0F BA E5 bb     bt r13, b                 ; then jc rel32 (0F 82 rel32)
//!         else:    4D 8B 9F disp32    mov r11, [r15 + 16 f]     ; the gate
//!                  41 F6 43 dd mm     test byte [r11 + mask_disp(b / 8)], 1 << (b % 8)
//!                  (41 F6 83 disp32 mm past the first 1983 sites) ; then jnz rel32
//!   resume:
//! in the function's tail, after its code (4 bytes per site, in site order):
//!   cold_j: 41 FF 57 F8    call qword [r15 - 8]      ; the handler; returns to `resume`
//! ```
//! The branch is rel32 so that the cold calls can all go to the tail: a machine site covers a
//! whole group of instructions, and cold calls placed within a rel8's reach would sit in the
//! middle of hot code behind taken jumps. With no debugger attached the branch is never
//! taken: a register test and an untaken branch (one fused instruction for the first 32
//! sites) per machine site.

use breakwater_core::debug::abi::{
    entry_bits_disp, entry_gate_disp, mask_bit, mask_disp, site_bit, FAST_ENTRY_BIT, HANDLER_DISP,
    REGISTER_SITES,
};
use breakwater_core::vmctx;
use dynasmrt::DynasmApi;

use crate::emitter::X64Emitter;
use crate::regs::{R15, VMCTX};

const _: () = assert!(
    crate::regs::GPRS[breakwater_core::debug::abi::TABLE_GPR as usize] == R15
        && crate::regs::GPRS[breakwater_core::debug::abi::BITS_GPR as usize] == crate::regs::R13
        && HANDLER_DISP == -8
);

/// `call qword [r15 - 8]`: every out-of-line handler call.
pub const CALL_HANDLER: [u8; 4] = [0x41, 0xff, 0x57, 0xf8];

impl X64Emitter {
    /// `mov r15, [r14 + DEBUG_GATES]` (if `table`), then `mov r13, [r15 + 16 * func + 8]`
    /// (the registers named statically, so that the assembler picks the short forms).
    pub(crate) fn emit_load_debug_gate(&mut self, func_index: u32, table: bool) {
        self.debug_func = func_index;
        if table {
            self.ld64(R15, VMCTX, vmctx::DEBUG_GATES);
        }
        let off = entry_bits_disp(func_index) as i32;
        match i8::try_from(off) {
            Ok(d8) => x64!(self.ops; mov r13, QWORD [BYTE r15 + d8]),
            Err(_) => x64!(self.ops; mov r13, QWORD [DWORD r15 + off]),
        }
    }

    /// Machine site `index` (exact bytes: see the module doc).
    pub(crate) fn emit_breakable_site(&mut self, index: u32) {
        // jnz (0F 85) or, after `bt`, jc (0F 82).
        let mut jcc = 0x85;
        let bit = mask_bit(index);
        if bit < 8 {
            x64!(self.ops; .bytes [0x41, 0xf6, 0xc5, 1 << bit]);
        } else if bit < 32 {
            x64!(self.ops; .bytes [0x41, 0xf7, 0xc5]; .u32 1 << bit);
        } else if index < REGISTER_SITES {
            x64!(self.ops; .bytes [0x49, 0x0f, 0xba, 0xe5, bit as u8]);
            jcc = 0x82;
        } else {
            // Always disp32, so that every function's far sites have one length.
            let gate = entry_gate_disp(self.debug_func) as i32;
            x64!(self.ops; .bytes [0x4d, 0x8b, 0x9f]; .i32 gate);
            let (byte, bit) = site_bit(index);
            let disp = mask_disp(byte);
            if let Ok(d8) = i8::try_from(disp) {
                x64!(self.ops; .bytes [0x41, 0xf6, 0x43, d8 as u8, bit]);
            } else {
                x64!(self.ops; .bytes [0x41, 0xf6, 0x83]; .i32 disp; .bytes [bit]);
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
            x64!(self.ops; .bytes CALL_HANDLER);
            self.site_colds.push(cold);
        }
    }
}

/// Makes machine site 0 (`test r13b, 1 ; jnz rel32`, ending at `resume`) test the fast-entry
/// bit instead: the same instruction with another immediate.
pub(crate) fn patch_fast_entry_site(bytes: &mut [u8], resume: u32) {
    let imm = resume as usize - 7;
    debug_assert_eq!(bytes[imm - 3..=imm], [0x41, 0xf6, 0xc5, 1]);
    bytes[imm] = 1 << FAST_ENTRY_BIT;
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
