//! Machine sites and the gate registers (the contract is the core's `debug::abi`).
//!
//! The gate table is x27, the copy of the function's first 64 site bits x26 (both
//! callee-saved in AAPCS64). Site `j` of function `f`:
//!
//! ```text
//! inline, j < 64 (4 bytes):    tbnz x26, #j, cold_j
//!         j >= 64 (12 bytes):  ldr x16, [x27, #16 f]               ; the gate
//!                              ldrb w16, [x16, #mask_disp(j / 8)]  (ldurb when negative)
//!                              tbnz w16, #(j % 8), cold_j
//!   resume:
//! out of line (4 bytes, in an island within tbnz's ±32 KiB, or the tail):
//!   cold_j: bl handler_call
//! once per function, in the tail:
//!   handler_call: ldur x16, [x27, #-8] ; br x16     (x30 still names site j)
//! ```
//! The site clobbers x16 (and x17, for offsets past the immediate forms' reach) and, when it
//! calls, x30 (scratch and the link register, neither allocatable); no flags.

use breakwater_core::debug::abi::{
    entry_bits_disp, entry_gate_disp, mask_bit, mask_disp, site_bit, FAST_ENTRY_BIT, HANDLER_DISP,
    REGISTER_SITES,
};
use breakwater_core::vmctx;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::asm::Mem;
use crate::emitter::Aarch64Emitter;
use crate::regs::{VMCTX, X16};

/// The gate table register (`Gpr(TABLE_GPR)`).
pub(crate) const TABLE: u8 = 27;
/// The function's first 64 site bits (`Gpr(BITS_GPR)`).
pub(crate) const BITS: u8 = 26;
/// `tbz`/`tbnz` reach ±32 KiB.
pub(crate) const TBNZ_RANGE: usize = (1 << 15) - 4;

const _: () = assert!(
    crate::regs::GPRS[breakwater_core::debug::abi::TABLE_GPR as usize] == TABLE
        && crate::regs::GPRS[breakwater_core::debug::abi::BITS_GPR as usize] == BITS
);

/// A site's out-of-line call, emitted in an island or the tail.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ColdSite {
    /// Index of the site.
    pub index: usize,
    /// Start of the out-of-line call.
    pub cold: DynamicLabel,
}

impl Aarch64Emitter {
    /// `ldr x27, [x28, #DEBUG_GATES]` (if `table`), then `ldr x26, [x27, #16 * func + 8]`.
    pub(crate) fn emit_load_debug_gate(&mut self, func_index: u32, table: bool) {
        self.debug_func = func_index;
        if table {
            self.ld64(TABLE, VMCTX, vmctx::DEBUG_GATES);
        }
        self.ldst(Mem::LdrX, BITS, TABLE, entry_bits_disp(func_index));
    }

    /// Machine site `index` (see the module doc).
    pub(crate) fn emit_breakable_site(&mut self, index: u32) {
        let cold = self.fresh_label();
        let site = ColdSite {
            index: self.site_resumes.len(),
            cold,
        };
        self.add_cold_site(site);
        if index < REGISTER_SITES {
            a64!(self.ops; tbnz X(BITS), mask_bit(index), =>cold);
        } else {
            self.ldst(Mem::LdrX, X16, TABLE, entry_gate_disp(self.debug_func));
            let (byte, bit) = site_bit(index);
            self.ldst(Mem::Ldrb, X16, X16, mask_disp(byte) as i64);
            let bit = bit.trailing_zeros();
            a64!(self.ops; tbnz W(X16), bit, =>cold);
        }
        self.site_resumes.push(self.pos() as u32);
        self.site_returns.push(None);
    }

    /// Emits the out-of-line call of a site.
    pub(crate) fn emit_cold_site(&mut self, site: ColdSite) {
        self.bind_label(site.cold);
        let call = self.handler_call_label();
        a64!(self.ops; bl =>call);
        self.site_returns[site.index] = Some(self.pos() as u32);
    }

    /// The function's `ldur x16, [x27, #-8] ; br x16`, emitted in the tail.
    fn handler_call_label(&mut self) -> DynamicLabel {
        match self.handler_call {
            Some(l) => l,
            None => {
                let l = self.fresh_label();
                self.handler_call = Some(l);
                l
            }
        }
    }

    /// Emits the function's handler call if a site uses it.
    pub(crate) fn emit_handler_call(&mut self) {
        if let Some(l) = self.handler_call {
            self.bind_label(l);
            self.ld64(X16, TABLE, HANDLER_DISP);
            a64!(self.ops; br X(X16));
        }
    }
}

/// Makes machine site 0 (`tbnz x26, #0, cold`, the word before `resume`) test the
/// fast-entry bit instead (`b40`, bits 23:19 of the word, is the bit number's low five bits).
pub(crate) fn patch_fast_entry_site(bytes: &mut [u8], resume: u32) {
    let at = resume as usize - 4;
    let word = u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    debug_assert_eq!(
        word & 0xfff8_001f,
        0x3700_0000 | BITS as u32,
        "tbnz x26, #0"
    );
    let word = word | FAST_ENTRY_BIT << 19;
    bytes[at..at + 4].copy_from_slice(&word.to_le_bytes());
}
