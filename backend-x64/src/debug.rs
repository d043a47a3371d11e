//! Machine sites and the gate register (the contract is the core's `debug::abi`).
//!
//! The gate is rbx, so a site's test needs no REX prefix. Site `j`:
//!
//! ```text
//! inline (10 bytes; 13 past the first 1984 sites):
//!     F6 43 dd mm        test byte [rbx + mask_disp(j / 8)], 1 << (j % 8)
//!     0F 85 rel32        jnz cold_j
//!   resume:
//! in the function's tail (2 bytes):
//!   cold_j: FF 13        call qword [rbx]      ; the handler word; returns to `resume`
//! ```
//! With no debugger attached the branch is never taken: one load-and-test and one untaken
//! branch per machine site.

use breakwater_core::debug::abi::{mask_disp, site_bit};
use breakwater_core::vmctx;
use dynasmrt::DynasmApi;

use crate::emitter::X64Emitter;
use crate::regs::{RBX, VMCTX};

/// `call qword [rbx]`: every out-of-line handler call.
pub const CALL_GATE: [u8; 2] = [0xff, 0x13];

impl X64Emitter {
    /// `mov rbx, [r14 + DEBUG_GATES]; mov rbx, [rbx + 8 * func]` (rbx named statically, so
    /// that the assembler picks the short forms: 4 + 4 bytes up to function 15, 4 + 7 after).
    pub(crate) fn emit_load_debug_gate(&mut self, func_index: u32) {
        self.ld64(RBX, VMCTX, vmctx::DEBUG_GATES);
        let off = (func_index as i32).wrapping_mul(8);
        match i8::try_from(off) {
            Ok(d8) => x64!(self.ops; mov rbx, QWORD [BYTE rbx + d8]),
            Err(_) => x64!(self.ops; mov rbx, QWORD [DWORD rbx + off]),
        }
    }

    /// Machine site `index` (exact bytes: see the module doc).
    pub(crate) fn emit_breakable_site(&mut self, index: u32) {
        let (byte, bit) = site_bit(index);
        let disp = mask_disp(byte);
        if let Ok(d8) = i8::try_from(disp) {
            x64!(self.ops; .bytes [0xf6, 0x43, d8 as u8, bit]);
        } else {
            x64!(self.ops; .bytes [0xf6, 0x83]; .i32 disp; .bytes [bit]);
        }
        // jnz rel32, patched in `finish` once the cold call's place is known.
        x64!(self.ops; .bytes [0x0f, 0x85]; .i32 0);
        let resume = self.ops.offset().0 as u32;
        self.site_branches.push(resume);
    }

    /// Emits the out-of-line handler calls, one per site, recording where each starts.
    pub(crate) fn emit_cold_sites(&mut self) {
        for _ in 0..self.site_branches.len() {
            let cold = self.ops.offset().0 as u32;
            x64!(self.ops; .bytes CALL_GATE);
            self.site_colds.push(cold);
        }
    }
}

/// Points each site's `jnz` (ending at `resumes[i]`) at its cold call (`colds[i]`), once the
/// code is assembled.
pub(crate) fn patch_site_branches(bytes: &mut [u8], resumes: &[u32], colds: &[u32]) {
    for (&resume, &cold) in resumes.iter().zip(colds) {
        let rel = cold as i32 - resume as i32;
        let at = resume as usize - 4;
        bytes[at..at + 4].copy_from_slice(&rel.to_le_bytes());
    }
}
