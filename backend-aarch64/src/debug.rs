//! Breakable points and the debug gate (see the core's `debug` module).
//!
//! The frame's gate `[x29 + GATE_SLOT]` holds the per-instance handler's address (the filter
//! stub) when the function is armed and 0 otherwise, so a site calls the gate's value itself
//! (equal to `[x28 + DEBUG_HANDLER]` whenever it is nonzero):
//!
//! ```text
//! inline call (12 bytes):   F85F03B0   ldur x16, [x29, #-16]
//!                           B4000050   cbz  x16, L   (+8)
//!                           D63F0200   blr  x16
//!                         L:
//! fall-through (8 bytes):   F85F03B0   ldur x16, [x29, #-16]
//!                           B5xxxxx0   cbnz x16, cold
//!                         back:
//! out of line (8 bytes):  cold: D63F0200   blr x16
//!                           14xxxxxx   b back
//! ```
//! Return addresses of different sites are at least 8 bytes apart in either layout, so
//! `(return address - code base) >> 3` names one site. The site clobbers x16 and x30 (scratch
//! and the link register, neither allocatable) and no flags.

use breakwater_core::debug::{SiteLayout, GATE_SLOT};
use breakwater_core::vmctx;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::asm::Mem;
use crate::emitter::Aarch64Emitter;
use crate::regs::{FP, VMCTX, X16};

/// `ldur x16, [x29, #-16]`: every breakable point starts with this word.
pub const LDUR_X16_GATE: u32 = 0xF85F_03B0;
/// `cbz x16, #+8`: the inline layout's skip over the call.
pub const CBZ_X16_SKIP_CALL: u32 = 0xB400_0050;
/// `blr x16`: the call of a breakable point.
pub const BLR_X16: u32 = 0xD63F_0200;

/// A fall-through site's out-of-line call, emitted in an island or the tail.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ColdSite {
    /// Index in `site_returns`.
    pub index: usize,
    /// Start of the out-of-line call.
    pub cold: DynamicLabel,
    /// Where it jumps back to.
    pub back: DynamicLabel,
}

const _: () = assert!(GATE_SLOT == -16);

impl Aarch64Emitter {
    /// `ldr x16, [x28, #DEBUG_GATES] ; ldr x16, [x16, #8 * func] ; stur x16, [x29, #GATE_SLOT]`.
    pub(crate) fn emit_load_debug_gate(&mut self, func_index: u32) {
        self.ld64(X16, VMCTX, vmctx::DEBUG_GATES);
        self.ldst(Mem::LdrX, X16, X16, 8 * func_index as i64);
        self.st64(FP, GATE_SLOT, X16);
    }

    /// A breakable point (exact words: see the module doc).
    pub(crate) fn emit_breakable_site(&mut self, layout: SiteLayout) {
        debug_assert_eq!(Mem::LdrX.unscaled(X16, FP, GATE_SLOT), LDUR_X16_GATE);
        self.word(LDUR_X16_GATE);
        match layout {
            SiteLayout::InlineCall => {
                self.word(CBZ_X16_SKIP_CALL);
                self.word(BLR_X16);
                let ret = self.pos() as u32;
                self.site_returns.push(Some(ret));
            }
            SiteLayout::FallThrough => {
                let cold = self.fresh_label();
                let back = self.fresh_label();
                let site = ColdSite {
                    index: self.site_returns.len(),
                    cold,
                    back,
                };
                self.add_cold_site(site);
                a64!(self.ops; cbnz X(X16), =>cold);
                self.bind_label(back);
                self.site_returns.push(None);
            }
        }
    }

    /// Emits the out-of-line call of a fall-through site.
    pub(crate) fn emit_cold_site(&mut self, site: ColdSite) {
        self.bind_label(site.cold);
        self.word(BLR_X16);
        self.site_returns[site.index] = Some(self.pos() as u32);
        a64!(self.ops; b =>site.back);
    }
}
