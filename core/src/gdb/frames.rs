//! What LLDB sees of a stopped instance's stack, for every host's stub.

use alloc::vec::Vec;

use super::{after_call, code_addr};
use crate::debug::{Stop, StopReason};

/// The stopped instance's own frames, innermost first, as (function, bytecode offset) and frame
/// pointer: LLDB's thread shows them up to the first frame that is not this instance's (a host
/// function that called Wasm, or another instance).
pub fn stop_frames(stop: &Stop<'_>) -> Vec<((u32, u32), usize)> {
    let frames = stop.backtrace();
    let instance = frames.first().and_then(|f| f.instance);
    frames
        .iter()
        .map_while(|f| match (f.instance, f.bytecode_offset) {
            (Some(i), Some(offset)) if Some(i) == instance => Some(((f.func_index, offset), f.fp)),
            _ => None,
        })
        .collect()
}

/// The program counters of the stopped frames, innermost first, as code addresses of module
/// `module`: the stop's instruction, then the instruction after each call (LLDB's return
/// addresses). `step_from` is the frame a single step started in, if the stop ends one.
pub fn stop_call_stack(stop: &Stop<'_>, module: u32, step_from: Option<usize>) -> Vec<u64> {
    let entered = stepped_into_entry(stop, step_from);
    let bytes = &stop.module().bytes;
    stop_frames(stop)
        .iter()
        .enumerate()
        .map(|(i, &((_, offset), _))| {
            let offset = match i {
                0 => entered.unwrap_or(offset),
                _ => after_call(bytes, offset),
            };
            code_addr(module, offset)
        })
        .collect()
}

/// A single step into a call ends at the callee's first instruction; LLDB skips a prologue
/// only from the function's start (its body's first byte, where the entry stop point is, with
/// no code in between), so the stop is shown there: the function's start.
fn stepped_into_entry(stop: &Stop<'_>, step_from: Option<usize>) -> Option<u32> {
    let from = step_from?;
    if stop.reason() != StopReason::Step || stop.fp() >= from {
        return None;
    }
    let module = stop.module();
    let defined = stop
        .func_index()
        .checked_sub(module.info.num_imported_funcs)?;
    let sites = module.function_sites(defined).ok()?;
    let (entry, first) = (sites.stops.first()?, sites.stops.get(1)?);
    (first.bytecode_offset == stop.bytecode_offset()).then_some(entry.bytecode_offset)
}
