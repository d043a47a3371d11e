//! The `gdbstub` target: each packet LLDB's Wasm plug-in sends, answered by the [`Debuggee`].

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use gdbstub::arch::lldb::{Encoding, Format, Generic, Register};
use gdbstub::common::{Endianness, Pid, Signal, Tid};
use gdbstub::target::ext::base::multithread::{
    MultiThreadBase, MultiThreadResume, MultiThreadResumeOps, MultiThreadSchedulerLocking,
    MultiThreadSchedulerLockingOps, MultiThreadSingleStep, MultiThreadSingleStepOps,
};
use gdbstub::target::ext::base::single_register_access::{
    SingleRegisterAccess, SingleRegisterAccessOps,
};
use gdbstub::target::ext::base::BaseOps;
use gdbstub::target::ext::breakpoints::{
    Breakpoints, BreakpointsOps, HwWatchpoint, HwWatchpointOps, SwBreakpoint, SwBreakpointOps,
    WatchKind,
};
use gdbstub::target::ext::host_info::{HostInfo, HostInfoOps, HostInfoResponse};
use gdbstub::target::ext::libraries::{Libraries, LibrariesOps};
use gdbstub::target::ext::lldb_register_info_override::{
    Callback, CallbackToken, LldbRegisterInfoOverride, LldbRegisterInfoOverrideOps,
};
use gdbstub::target::ext::process_info::{ProcessInfo, ProcessInfoOps, ProcessInfoResponse};
use gdbstub::target::ext::wasm::{Wasm, WasmOps};
use gdbstub::target::{Target, TargetError, TargetResult};
use gdbstub_arch::wasm::reg::id::WasmRegId;
use gdbstub_arch::wasm::reg::WasmRegisters;

use super::{value_bytes, Debuggee, Resume, WasmAddr, WasmAddrType};

const TRIPLE: &str = "wasm32-unknown-unknown-wasm";

/// The protocol's view of a [`Debuggee`]: resume actions gathered from `vCont` until LLDB
/// resumes.
pub(crate) struct GdbTarget<D: Debuggee> {
    pub(crate) debuggee: D,
    /// Threads stepped by the next resume (the rest continue, or stay if `locked`).
    steps: Vec<u32>,
    continues: Vec<u32>,
    /// No default action: threads not named stay stopped.
    locked: bool,
}

impl<D: Debuggee> GdbTarget<D> {
    pub(crate) fn new(debuggee: D) -> Self {
        GdbTarget {
            debuggee,
            steps: Vec::new(),
            continues: Vec::new(),
            locked: false,
        }
    }

    /// Thread `tid`'s program counter: its innermost frame, or (outside Wasm) the start of the
    /// first module, which LLDB can still symbolicate.
    pub(crate) fn pc(&self, tid: u32) -> u64 {
        self.debuggee
            .call_stack(tid)
            .first()
            .copied()
            .unwrap_or_else(|| super::code_addr(0, 0))
    }
}

fn tid_of(tid: Tid) -> u32 {
    tid.get() as u32
}

impl<D: Debuggee> Target for GdbTarget<D> {
    type Arch = gdbstub_arch::wasm::Wasm;
    type Error = &'static str;

    fn base_ops(&mut self) -> BaseOps<'_, Self::Arch, Self::Error> {
        BaseOps::MultiThread(self)
    }
    fn support_breakpoints(&mut self) -> Option<BreakpointsOps<'_, Self>> {
        Some(self)
    }
    fn support_wasm(&mut self) -> Option<WasmOps<'_, Self>> {
        Some(self)
    }
    fn use_lldb_register_info(&self) -> bool {
        true
    }
    fn support_lldb_register_info_override(
        &mut self,
    ) -> Option<LldbRegisterInfoOverrideOps<'_, Self>> {
        Some(self)
    }
    fn support_libraries(&mut self) -> Option<LibrariesOps<'_, Self>> {
        Some(self)
    }
    fn support_process_info(&mut self) -> Option<ProcessInfoOps<'_, Self>> {
        Some(self)
    }
    fn support_host_info(&mut self) -> Option<HostInfoOps<'_, Self>> {
        Some(self)
    }
}

impl<D: Debuggee> MultiThreadBase for GdbTarget<D> {
    fn read_registers(&mut self, regs: &mut WasmRegisters, tid: Tid) -> TargetResult<(), Self> {
        regs.pc = self.pc(tid_of(tid));
        Ok(())
    }

    fn write_registers(&mut self, _regs: &WasmRegisters, _tid: Tid) -> TargetResult<(), Self> {
        // Moving the PC of a compiled frame is not something debug code supports.
        Err(TargetError::NonFatal)
    }

    fn read_addrs(&mut self, start: u64, data: &mut [u8], tid: Tid) -> TargetResult<usize, Self> {
        let addr = WasmAddr::from_raw(start).ok_or(TargetError::NonFatal)?;
        match addr.addr_type() {
            WasmAddrType::Object => {
                let n = self
                    .debuggee
                    .read_module(addr.module_index(), addr.offset(), data)
                    .ok_or(TargetError::NonFatal)?;
                if n == 0 && !data.is_empty() {
                    return Err(TargetError::NonFatal);
                }
                Ok(n)
            }
            WasmAddrType::Memory => {
                let n = self.debuggee.read_memory(
                    tid_of(tid),
                    addr.module_index(),
                    addr.offset(),
                    data,
                );
                if n == 0 && !data.is_empty() {
                    return Err(TargetError::NonFatal);
                }
                Ok(n)
            }
        }
    }

    fn write_addrs(&mut self, start: u64, data: &[u8], tid: Tid) -> TargetResult<(), Self> {
        let addr = WasmAddr::from_raw(start).ok_or(TargetError::NonFatal)?;
        match addr.addr_type() {
            // Code is never written: breakpoints are Z0 packets.
            WasmAddrType::Object => Err(TargetError::NonFatal),
            WasmAddrType::Memory => self
                .debuggee
                .write_memory(tid_of(tid), addr.module_index(), addr.offset(), data)
                .then_some(())
                .ok_or(TargetError::NonFatal),
        }
    }

    fn list_active_threads(
        &mut self,
        thread_is_active: &mut dyn FnMut(Tid),
    ) -> Result<(), Self::Error> {
        for tid in self.debuggee.threads() {
            if let Some(tid) = Tid::new(tid as usize) {
                thread_is_active(tid);
            }
        }
        Ok(())
    }

    fn support_single_register_access(&mut self) -> Option<SingleRegisterAccessOps<'_, Tid, Self>> {
        Some(self)
    }

    fn support_resume(&mut self) -> Option<MultiThreadResumeOps<'_, Self>> {
        Some(self)
    }
}

impl<D: Debuggee> SingleRegisterAccess<Tid> for GdbTarget<D> {
    fn read_register(
        &mut self,
        tid: Tid,
        reg: WasmRegId,
        buf: &mut [u8],
    ) -> TargetResult<usize, Self> {
        match reg {
            WasmRegId::Pc => {
                let bytes = self.pc(tid_of(tid)).to_le_bytes();
                let n = bytes.len().min(buf.len());
                buf[..n].copy_from_slice(&bytes[..n]);
                Ok(n)
            }
            _ => Err(TargetError::NonFatal),
        }
    }

    fn write_register(
        &mut self,
        _tid: Tid,
        _reg: WasmRegId,
        _val: &[u8],
    ) -> TargetResult<(), Self> {
        Err(TargetError::NonFatal)
    }
}

impl<D: Debuggee> MultiThreadResume for GdbTarget<D> {
    fn resume(&mut self) -> Result<(), Self::Error> {
        let steps = core::mem::take(&mut self.steps);
        let continues = core::mem::take(&mut self.continues);
        let locked = core::mem::take(&mut self.locked);
        self.debuggee.resume(&|tid| {
            if steps.contains(&tid) {
                Resume::Step
            } else if continues.contains(&tid) || !locked {
                Resume::Continue
            } else {
                Resume::Stay
            }
        });
        Ok(())
    }

    fn clear_resume_actions(&mut self) -> Result<(), Self::Error> {
        self.steps.clear();
        self.continues.clear();
        self.locked = false;
        Ok(())
    }

    fn set_resume_action_continue(
        &mut self,
        tid: Tid,
        _signal: Option<Signal>,
    ) -> Result<(), Self::Error> {
        self.continues.push(tid_of(tid));
        Ok(())
    }

    fn support_single_step(&mut self) -> Option<MultiThreadSingleStepOps<'_, Self>> {
        Some(self)
    }

    fn support_scheduler_locking(&mut self) -> Option<MultiThreadSchedulerLockingOps<'_, Self>> {
        Some(self)
    }
}

impl<D: Debuggee> MultiThreadSingleStep for GdbTarget<D> {
    fn set_resume_action_step(
        &mut self,
        tid: Tid,
        _signal: Option<Signal>,
    ) -> Result<(), Self::Error> {
        self.steps.push(tid_of(tid));
        Ok(())
    }
}

impl<D: Debuggee> MultiThreadSchedulerLocking for GdbTarget<D> {
    fn set_resume_action_scheduler_lock(&mut self) -> Result<(), Self::Error> {
        self.locked = true;
        Ok(())
    }
}

impl<D: Debuggee> Breakpoints for GdbTarget<D> {
    fn support_sw_breakpoint(&mut self) -> Option<SwBreakpointOps<'_, Self>> {
        Some(self)
    }
    fn support_hw_watchpoint(&mut self) -> Option<HwWatchpointOps<'_, Self>> {
        Some(self)
    }
}

/// A watchpoint's address: linear memory, its length within 32 bits.
fn watched(addr: u64, len: u64) -> Option<u32> {
    let a = WasmAddr::from_raw(addr)?;
    (a.addr_type() == WasmAddrType::Memory && len > 0)
        .then(|| u32::try_from(len).ok())
        .flatten()
}

impl<D: Debuggee> HwWatchpoint for GdbTarget<D> {
    fn add_hw_watchpoint(
        &mut self,
        addr: u64,
        len: u64,
        kind: WatchKind,
    ) -> TargetResult<bool, Self> {
        Ok(watched(addr, len).is_some_and(|len| self.debuggee.set_watchpoint(addr, len, kind)))
    }

    fn remove_hw_watchpoint(
        &mut self,
        addr: u64,
        len: u64,
        kind: WatchKind,
    ) -> TargetResult<bool, Self> {
        Ok(watched(addr, len).is_some_and(|len| self.debuggee.clear_watchpoint(addr, len, kind)))
    }
}

impl<D: Debuggee> SwBreakpoint for GdbTarget<D> {
    fn add_sw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        match WasmAddr::from_raw(addr) {
            Some(a) if a.addr_type() == WasmAddrType::Object => {
                Ok(self.debuggee.set_breakpoint(a.module_index(), a.offset()))
            }
            _ => Ok(false),
        }
    }

    fn remove_sw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        match WasmAddr::from_raw(addr) {
            Some(a) if a.addr_type() == WasmAddrType::Object => {
                Ok(self.debuggee.clear_breakpoint(a.module_index(), a.offset()))
            }
            _ => Ok(false),
        }
    }
}

impl<D: Debuggee> LldbRegisterInfoOverride for GdbTarget<D> {
    fn lldb_register_info<'a>(
        &mut self,
        reg_id: usize,
        reg_info: Callback<'a>,
    ) -> Result<CallbackToken<'a>, Self::Error> {
        // The PC is the only register.
        Ok(match reg_id {
            0 => reg_info.write(Register {
                name: "pc",
                alt_name: None,
                bitsize: 64,
                offset: 0,
                encoding: Encoding::Uint,
                format: Format::Hex,
                set: "General Purpose Registers",
                gcc: None,
                dwarf: None,
                generic: Some(Generic::Pc),
                container_regs: None,
                invalidate_regs: None,
            }),
            _ => reg_info.done(),
        })
    }
}

/// Copies `data[offset..]` into `buf`, at most `length` bytes (qXfer reads).
fn xfer(data: &[u8], offset: u64, length: usize, buf: &mut [u8]) -> usize {
    let from = (offset as usize).min(data.len());
    let n = (data.len() - from).min(length).min(buf.len());
    buf[..n].copy_from_slice(&data[from..from + n]);
    n
}

/// Escapes a module name for an XML attribute.
fn xml_escape(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

impl<D: Debuggee> Libraries for GdbTarget<D> {
    fn get_libraries(
        &self,
        offset: u64,
        length: usize,
        buf: &mut [u8],
    ) -> TargetResult<usize, Self> {
        // One library per module, at its code base; names must differ (LLDB deduplicates).
        let mut seen = BTreeMap::new();
        let mut xml = String::from("<library-list>");
        for id in 0..self.debuggee.module_count() {
            let Some(name) = self.debuggee.module_name(id) else {
                continue;
            };
            let count = seen.entry(name.clone()).or_insert(0u32);
            let name = match *count {
                0 => name,
                n => format!("{name}#{n}"),
            };
            *count += 1;
            xml.push_str(&format!(
                "<library name=\"{}\"><section address=\"{:#x}\"/></library>",
                xml_escape(&name),
                super::code_addr(id, 0)
            ));
        }
        xml.push_str("</library-list>");
        Ok(xfer(xml.as_bytes(), offset, length, buf))
    }
}

impl<D: Debuggee> ProcessInfo for GdbTarget<D> {
    fn process_info(
        &self,
        write_item: &mut dyn FnMut(&ProcessInfoResponse<'_>),
    ) -> Result<(), Self::Error> {
        if let Some(pid) = Pid::new(1) {
            write_item(&ProcessInfoResponse::Pid(pid));
        }
        write_item(&ProcessInfoResponse::Triple(TRIPLE));
        write_item(&ProcessInfoResponse::Endianness(Endianness::Little));
        write_item(&ProcessInfoResponse::PointerSize(4));
        Ok(())
    }
}

impl<D: Debuggee> HostInfo for GdbTarget<D> {
    fn host_info(
        &self,
        write_item: &mut dyn FnMut(&HostInfoResponse<'_>),
    ) -> Result<(), Self::Error> {
        write_item(&HostInfoResponse::Triple(TRIPLE));
        write_item(&HostInfoResponse::Endianness(Endianness::Little));
        write_item(&HostInfoResponse::PointerSize(4));
        Ok(())
    }
}

impl<D: Debuggee> Wasm for GdbTarget<D> {
    fn wasm_call_stack(&self, tid: Tid, next_pc: &mut dyn FnMut(u64)) -> Result<(), Self::Error> {
        for pc in self.debuggee.call_stack(tid_of(tid)) {
            next_pc(pc);
        }
        Ok(())
    }

    fn read_wasm_local(
        &self,
        tid: Tid,
        frame: usize,
        local: usize,
        buf: &mut [u8],
    ) -> Result<usize, Self::Error> {
        let v = self.debuggee.local(tid_of(tid), frame as u32, local as u32);
        Ok(answer(v, buf))
    }

    fn read_wasm_stack(
        &self,
        tid: Tid,
        frame: usize,
        index: usize,
        buf: &mut [u8],
    ) -> Result<usize, Self::Error> {
        let v = self
            .debuggee
            .stack_value(tid_of(tid), frame as u32, index as u32);
        Ok(answer(v, buf))
    }

    fn read_wasm_global(
        &self,
        tid: Tid,
        frame: usize,
        global: usize,
        buf: &mut [u8],
    ) -> Result<usize, Self::Error> {
        let v = self
            .debuggee
            .global(tid_of(tid), frame as u32, global as u32);
        Ok(answer(v, buf))
    }
}

/// The value bytes of a `qWasm*` answer, 0 if there is no such value.
fn answer(v: Option<crate::debug::Value>, buf: &mut [u8]) -> usize {
    v.map_or(0, |v| value_bytes(v, buf))
}
