//! Machine sites and the gate registers (the contract is the core's `debug::abi`).
//!
//! The gate (the mask's address) is r15, the copy of the mask's first 64 bits rbx, so that the
//! first sites test a byte register with no REX prefix. Site `j`:
//!
//! ```text
//! inline, j < 8:   F6 C3 mm           test bl, 1 << j           ; then jnz rel8 (75 rr)
//!         j < 16:  F6 C7 mm           test bh, 1 << (j - 8)
//!         j < 32:  F7 C3 imm32        test ebx, 1 << j
//!         j < 64:  48 0F BA E3 jj     bt rbx, j                 ; then jc rel8 (72 rr)
//!         else:    41 F6 47 dd mm     test byte [r15 + mask_disp(j / 8)], 1 << (j % 8)
//!                  (41 F6 87 disp32 mm past the first 1984 sites)
//!   resume:
//! in an island within 127 bytes after the branch (3 bytes per site, in site order):
//!   cold_j: 41 FF 17    call qword [r15]      ; the handler word; returns to `resume`
//! ```
//! Islands go where the code is unreachable anyway (after a `jmp`, `ret` or `br_table`'s
//! indirect jump) or, when the earliest pending site's reach would run out within the next
//! emitter method, behind a `jmp rel8` over them (`maybe_island`): every `Emitter` method
//! emits at most `METHOD_BUDGET` bytes plus the extra it declares.
//! With no debugger attached the branch is never taken: a register test and an untaken branch
//! (one fused instruction for the first 32 sites) per machine site.

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
        // jnz (0x75) or, after `bt`, jc (0x72).
        let mut jcc = 0x75;
        if index < 8 {
            x64!(self.ops; .bytes [0xf6, 0xc3, 1 << index]);
        } else if index < 16 {
            x64!(self.ops; .bytes [0xf6, 0xc7, 1 << (index - 8)]);
        } else if index < 32 {
            x64!(self.ops; .bytes [0xf7, 0xc3]; .u32 1 << index);
        } else if index < REGISTER_SITES {
            x64!(self.ops; .bytes [0x48, 0x0f, 0xba, 0xe3, index as u8]);
            jcc = 0x72;
        } else {
            let (byte, bit) = site_bit(index);
            let disp = mask_disp(byte);
            if let Ok(d8) = i8::try_from(disp) {
                x64!(self.ops; .bytes [0x41, 0xf6, 0x47, d8 as u8, bit]);
            } else {
                x64!(self.ops; .bytes [0x41, 0xf6, 0x87]; .i32 disp; .bytes [bit]);
            }
        }
        // The rel8 is patched in `finish`, once the cold call's place (in an island) is known.
        x64!(self.ops; .bytes [jcc, 0]);
        let resume = self.ops.offset().0 as u32;
        self.site_branches.push(resume);
    }

    /// Emits an island if the code a method may emit (`METHOD_BUDGET + extra` bytes) could
    /// otherwise carry the earliest pending site's cold call out of its branch's reach. The
    /// island sits behind a `jmp` over it. Every emitting method calls this first, so the next
    /// chance always comes within the budget.
    pub(crate) fn maybe_island(&mut self, extra: usize) {
        let Some(&first) = self.site_branches.get(self.site_colds.len()) else {
            return;
        };
        let deadline = first as usize + REL8_REACH;
        let horizon = (self.ops.offset().0)
            .saturating_add(METHOD_BUDGET)
            .saturating_add(extra)
            .saturating_add(JMP_REL32_LEN);
        if horizon > deadline {
            self.emit_island(true);
        }
    }

    /// Emits the pending sites' out-of-line handler calls (3 bytes each, in site order, so
    /// that every site gets a distinct return address), behind a `jmp` over them when the
    /// code here is reachable.
    pub(crate) fn emit_island(&mut self, jump_over: bool) {
        let pending = self.site_branches.len() - self.site_colds.len();
        if pending == 0 {
            return;
        }
        if jump_over {
            let len = pending * CALL_GATE.len();
            match i8::try_from(len) {
                Ok(len) => x64!(self.ops; .bytes [0xeb, len as u8]),
                Err(_) => x64!(self.ops; .u8 0xe9; .u32 len as u32),
            }
        }
        for _ in 0..pending {
            let cold = self.ops.offset().0 as u32;
            x64!(self.ops; .bytes CALL_GATE);
            self.site_colds.push(cold);
        }
    }
}

/// The furthest a `jcc rel8` reaches past its end.
const REL8_REACH: usize = 127;
/// `jmp rel32`, the longest jump over an island.
const JMP_REL32_LEN: usize = 5;
/// The bytes any emitter method may emit beyond the `extra` it declares to `maybe_island`.
pub(crate) const METHOD_BUDGET: usize = 48;

/// Points each site's `jcc rel8` (ending at `resumes[i]`) at its cold call (`colds[i]`),
/// once the code is assembled. A cold call out of reach would be an island placement bug;
/// rather than branch anywhere else, that site's branch becomes a 2-byte nop (it never stops).
pub(crate) fn patch_site_branches(bytes: &mut [u8], resumes: &[u32], colds: &[u32]) {
    for (&resume, &cold) in resumes.iter().zip(colds) {
        let at = resume as usize - 1;
        match i8::try_from(cold as i64 - resume as i64) {
            Ok(rel) if rel >= 0 => bytes[at] = rel as u8,
            _ => {
                debug_assert!(false, "site branch at {resume:#x} cannot reach {cold:#x}");
                bytes[at - 1..=at].copy_from_slice(&[0x66, 0x90]);
            }
        }
    }
}
