//! Breakable points and the debug gate (see the core's `debug` module).
//!
//! Both layouts test the frame's gate, `[rbp + GATE_SLOT]`, and call the per-instance handler
//! `[r14 + DEBUG_HANDLER]` (offset 0, so `call qword [r14]` is 3 bytes):
//!
//! ```text
//! inline call (10 bytes):   48 83 7D F0 00   cmp qword [rbp-16], 0
//!                           74 03            jz L
//!                           41 FF 16         call qword [r14]
//!                         L:
//! fall-through (11 bytes):  48 83 7D F0 00   cmp qword [rbp-16], 0
//!                           0F 85 rel32      jnz cold
//!                         back:
//! out of line (8 bytes):  cold: 41 FF 16     call qword [r14]
//!                           E9 rel32         jmp back
//! ```
//! Return addresses of different sites are at least 8 bytes apart in either layout, so
//! `(return address - code base) >> 3` names one site.

use breakwater_core::debug::{SiteLayout, GATE_SLOT};
use breakwater_core::vmctx;
use dynasmrt::{DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::emitter::X64Emitter;
use crate::regs::{RAX, RBP, VMCTX};

/// A fall-through site's out-of-line call, emitted in the tail.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ColdSite {
    /// Index in `site_returns`.
    pub index: usize,
    /// Start of the out-of-line call.
    pub cold: DynamicLabel,
    /// Where it jumps back to.
    pub back: DynamicLabel,
}

const _: () = assert!(vmctx::DEBUG_HANDLER == 0 && GATE_SLOT == -16);

impl X64Emitter {
    /// `mov rax, [r14 + DEBUG_GATES]; mov rax, [rax + 8 * func]; mov [rbp + GATE_SLOT], rax`.
    pub(crate) fn emit_load_debug_gate(&mut self, func_index: u32) {
        self.ld64(RAX, VMCTX, vmctx::DEBUG_GATES);
        self.ld64(RAX, RAX, (func_index as i32).wrapping_mul(8));
        self.st64(RBP, GATE_SLOT, RAX);
    }

    /// A breakable point (exact bytes: see the module doc).
    pub(crate) fn emit_breakable_site(&mut self, layout: SiteLayout) {
        // cmp qword [rbp-16], 0
        x64!(self.ops; .bytes [0x48, 0x83, 0x7d, 0xf0, 0x00]);
        match layout {
            SiteLayout::InlineCall => {
                // jz +3 ; call qword [r14]
                x64!(self.ops; .bytes [0x74, 0x03, 0x41, 0xff, 0x16]);
                let ret = self.ops.offset().0 as u32;
                self.site_returns.push(Some(ret));
            }
            SiteLayout::FallThrough => {
                let cold = self.fresh_label();
                let back = self.fresh_label();
                // jnz rel32 (dynasm encodes jumps to dynamic labels in the long form).
                x64!(self.ops; jnz =>cold);
                self.bind_label(back);
                self.cold_sites.push(ColdSite {
                    index: self.site_returns.len(),
                    cold,
                    back,
                });
                self.site_returns.push(None);
            }
        }
    }

    /// Emits the out-of-line calls of fall-through sites.
    pub(crate) fn emit_cold_sites(&mut self) {
        for site in std::mem::take(&mut self.cold_sites) {
            self.bind_label(site.cold);
            x64!(self.ops; .bytes [0x41, 0xff, 0x16]);
            self.site_returns[site.index] = Some(self.ops.offset().0 as u32);
            x64!(self.ops; jmp =>site.back);
        }
    }
}
