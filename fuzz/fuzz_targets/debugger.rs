//! Debugger sessions: a wasm-smith module compiled as debug code, and a random sequence of
//! debugger operations between calls of its exports (attach, detach, breakpoints set and
//! cleared by function offset and by code-section offset, valid and not, pauses), with what to
//! do at each stop (read locals, the operand stack, the backtrace and every frame's locals,
//! globals, memory and tables; write back what was read; set breakpoints and pause from inside
//! the hook; resume by continuing or by every kind of step; abort).
//!
//! Checks: nothing panics or crashes; the published code is never written and stays read+
//! execute; what a stop shows is consistent (the breakpoint it stopped at is set, locals have
//! the function's parameter types, the backtrace starts at the stop); and unless a stop aborted
//! the call, the calls' results and the exported state afterwards are those of a run of the
//! same calls on normal code without a debugger.
#![no_main]

use std::sync::{Arc, Mutex};

use arbitrary::{Arbitrary, Unstructured};
use breakwater::debug::{DebugHandle, ResumeAction, Stop, StopReason};
use breakwater::{Instance, Module, Store};
use breakwater_fuzz::common::{self, CallOutcome, RunOutcome, TrapClass, DEBUG_ENGINE, ENGINE};
use libfuzzer_sys::fuzz_target;

/// An operation between calls.
#[derive(Arbitrary, Debug)]
enum Op {
    Attach,
    Detach,
    /// A breakpoint at one of a function's breakable points (both chosen modulo their count).
    SetBreakpoint {
        func: u8,
        point: u16,
    },
    ClearBreakpoint {
        func: u8,
        point: u16,
    },
    /// Anything at all: an error or a breakpoint, never a crash.
    SetBreakpointAnywhere {
        func: u32,
        offset: u32,
    },
    SetBreakpointAtCodeOffset(u32),
    ClearBreakpointAtCodeOffset(u32),
    ClearAllBreakpoints,
    Pause,
    /// Calls an export (chosen modulo their count).
    Call(u8),
}

#[derive(Arbitrary, Debug, Clone, Copy, Default)]
enum Resume {
    #[default]
    Continue,
    StepInto,
    StepOver,
    StepOut,
}

/// What to do at a stop.
#[derive(Arbitrary, Debug, Clone, Default)]
struct AtStop {
    resume: Resume,
    read_frames: bool,
    read_globals: bool,
    read_memory: Option<u32>,
    read_tables: bool,
    /// Writes back local (modulo their count) its own value.
    rewrite_local: Option<u16>,
    rewrite_global: Option<u16>,
    rewrite_memory_byte: Option<u32>,
    set_breakpoint: Option<(u8, u16)>,
    pause: bool,
}

/// How many stops one input may make with the script; then breakpoints are cleared and the
/// program continues (stepping through a long loop would take too long).
const STOP_BUDGET: usize = 2_000;

struct Session {
    script: Vec<AtStop>,
    /// The stop at which to abort the call, counting from the first.
    abort_at: Option<usize>,
    stops: usize,
    aborted_in_call: Option<usize>,
    handle: Option<DebugHandle>,
    /// Which call is running.
    call: usize,
}

/// The input: a length byte, that many words of session (operations, the stop script, the
/// stop to abort at, arguments), then wasm-smith's bytes for the module. The session comes
/// first so that wasm-smith, which takes what it is given, leaves it alone.
fn split(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&len, rest) = data.split_first()?;
    let len = (len as usize * 4).min(rest.len());
    Some(rest.split_at(len))
}

fuzz_target!(|data: &[u8]| {
    let Some((session_bytes, module_bytes)) = split(data) else {
        return;
    };
    let Ok(wasm) = common::smith_module(&mut Unstructured::new(module_bytes)) else {
        return;
    };
    let mut u = Unstructured::new(session_bytes);
    let ops: Vec<Op> = u.arbitrary().unwrap_or_default();
    let mut script: Vec<AtStop> = u.arbitrary().unwrap_or_default();
    if script.is_empty() {
        script.push(AtStop::default());
    }
    let abort_at: Option<u16> = u.arbitrary().unwrap_or(None);
    let mut next = || u.arbitrary::<u64>().unwrap_or(0);
    let exports = common::plan_calls(&ENGINE, &wasm, &mut next);
    if exports.is_empty() {
        return;
    }
    let Ok(module) = Module::new(&DEBUG_ENGINE, &wasm) else {
        return;
    };

    // The calls in order, each with the operations before it.
    let mut calls = common::Calls::new();
    let mut before: Vec<Vec<Op>> = vec![Vec::new()];
    for op in ops {
        match op {
            Op::Call(i) => {
                calls.push(exports[i as usize % exports.len()].clone());
                before.push(Vec::new());
            }
            op => before.last_mut().expect("one list per call").push(op),
        }
    }
    if calls.is_empty() {
        // No call among the operations: call every export once, after them all.
        calls = exports.clone();
        before.resize_with(calls.len(), Vec::new);
    }

    let code_before = code_hash(&module);
    let session = Arc::new(Mutex::new(Session {
        script,
        abort_at: abort_at.map(usize::from),
        stops: 0,
        aborted_in_call: None,
        handle: None,
        call: 0,
    }));
    let debugged = common::run_breakwater_with(&module, (), &calls, |store, instance, i| {
        session.lock().unwrap().call = i;
        if i == 0 {
            // Sessions start attached (the operations may detach): most inputs then debug.
            apply(&Op::Attach, store, instance, &module, &session);
        }
        for op in &before[i] {
            apply(op, store, instance, &module, &session);
        }
    });
    assert_eq!(
        code_hash(&module),
        code_before,
        "the published code changed"
    );
    assert_eq!(
        mapping_permissions(module.code_range().0),
        "r-xp",
        "the code's mapping is not read+execute"
    );
    let Ok(debugged) = debugged else {
        return;
    };
    let Ok(reference) = common::run_breakwater(&ENGINE, &wasm, &calls) else {
        return;
    };
    let aborted = session.lock().unwrap().aborted_in_call;
    if std::env::var_os("BREAKWATER_FUZZ_STATS").is_some() {
        // What an input did (to see that the target exercises the debugger).
        let s = session.lock().unwrap();
        eprintln!(
            "{} calls, {} stops, attached at the end: {}, aborted: {:?}",
            calls.len(),
            s.stops,
            s.handle.is_some(),
            s.aborted_in_call
        );
    }
    match aborted {
        None => {
            breakwater_fuzz::assert_same(
                &reference,
                &debugged,
                "normal code",
                "debug code with a debugger",
            );
        }
        Some(call) => {
            // The aborted call trapped (as interrupted); the calls before it are unchanged.
            let (RunOutcome::Ran { calls: want, .. }, RunOutcome::Ran { calls: got, .. }) =
                (&reference, &debugged)
            else {
                return;
            };
            assert_eq!(
                got.get(call).map(|c| &c.1),
                Some(&CallOutcome::Trapped(TrapClass::Other)),
                "an aborted call did not end as interrupted"
            );
            let overflow = CallOutcome::Trapped(TrapClass::StackOverflow);
            for (i, (w, g)) in want.iter().zip(got).take(call).enumerate() {
                if w.1 == overflow || g.1 == overflow {
                    break;
                }
                assert_eq!(w, g, "call {i} (before the aborted one) differs");
            }
        }
    }
});

fn apply(
    op: &Op,
    store: &mut Store<()>,
    instance: &Instance,
    module: &Module,
    session: &Arc<Mutex<Session>>,
) {
    let funcs = module.compiled().info.functions.len() as u32;
    let handle = session.lock().unwrap().handle.clone();
    match (op, handle) {
        (Op::Attach, Some(_)) => {
            assert!(
                instance
                    .attach_debugger(&mut *store, |_| ResumeAction::Continue)
                    .is_err(),
                "a second debugger attached"
            );
        }
        (Op::Attach, None) => {
            let hook_session = session.clone();
            let handle = instance
                .attach_debugger(&mut *store, move |stop: &mut Stop<'_>| {
                    on_stop(stop, &hook_session)
                })
                .expect("attaching to debug code");
            session.lock().unwrap().handle = Some(handle);
        }
        (Op::Detach, None) => {
            assert!(
                instance.detach_debugger(&mut *store).is_err(),
                "detached without a debugger"
            );
        }
        (Op::Detach, Some(_)) => {
            instance
                .detach_debugger(&mut *store)
                .expect("detaching an attached debugger");
            session.lock().unwrap().handle = None;
        }
        (_, None) => {}
        (Op::SetBreakpoint { func, point }, Some(h)) => {
            set_breakpoint(&h, *func as u32 % funcs, *point as usize);
        }
        (Op::ClearBreakpoint { func, point }, Some(h)) => {
            let func = *func as u32 % funcs;
            let points = h.breakable_offsets(func);
            if !points.is_empty() {
                let offset = points[*point as usize % points.len()];
                let was_set = h.breakpoints().contains(&(func, offset));
                let cleared = h
                    .clear_breakpoint(func, offset)
                    .expect("clearing a breakpoint");
                assert_eq!(cleared, was_set, "clear_breakpoint's answer");
                assert!(!h.breakpoints().contains(&(func, offset)));
            }
        }
        (Op::SetBreakpointAnywhere { func, offset }, Some(h)) => {
            if h.set_breakpoint(*func, *offset).is_ok() {
                assert!(h.breakpoints().contains(&(*func, *offset)));
            }
        }
        (Op::SetBreakpointAtCodeOffset(o), Some(h)) => {
            let _ = h.set_breakpoint_at_code_offset(*o);
        }
        (Op::ClearBreakpointAtCodeOffset(o), Some(h)) => {
            let _ = h.clear_breakpoint_at_code_offset(*o);
        }
        (Op::ClearAllBreakpoints, Some(h)) => clear_all(&h),
        (Op::Pause, Some(h)) => h.pause(),
        (Op::Call(_), Some(_)) => unreachable!("calls are not operations between calls"),
    }
}

fn set_breakpoint(h: &DebugHandle, func: u32, point: usize) {
    let points = h.breakable_offsets(func);
    if points.is_empty() {
        return;
    }
    let offset = points[point % points.len()];
    h.set_breakpoint(func, offset)
        .expect("a breakpoint at a breakable offset");
    assert!(h.breakpoints().contains(&(func, offset)));
}

fn clear_all(h: &DebugHandle) {
    for (func, offset) in h.breakpoints() {
        assert!(h.clear_breakpoint(func, offset).expect("clearing"));
    }
    assert!(h.breakpoints().is_empty());
}

fn on_stop(stop: &mut Stop<'_>, session: &Mutex<Session>) -> ResumeAction {
    let mut s = session.lock().unwrap();
    let handle = s.handle.clone().expect("a stop with a debugger attached");
    let n = s.stops;
    s.stops += 1;
    if s.abort_at == Some(n) {
        // At a trap stop the call ends with that trap whatever the hook says: only an abort
        // elsewhere changes the outcome.
        if !matches!(stop.reason(), StopReason::Trap(_)) {
            s.aborted_in_call = Some(s.call);
        }
        return ResumeAction::Abort;
    }
    if n >= STOP_BUDGET {
        if n == STOP_BUDGET {
            clear_all(&handle);
        }
        return ResumeAction::Continue;
    }
    let at = s.script[n % s.script.len()].clone();
    drop(s);

    let module = stop.module().clone();
    let info = &module.info;
    let func = stop.func_index();
    assert!(func >= info.num_imported_funcs && (func as usize) < info.functions.len());
    if stop.reason() == StopReason::Breakpoint {
        assert!(
            handle
                .breakpoints()
                .contains(&(func, stop.bytecode_offset())),
            "stopped at {func}:{:#x} for a breakpoint that is not set",
            stop.bytecode_offset()
        );
    }
    assert!(
        handle
            .breakable_offsets(func)
            .contains(&stop.bytecode_offset()),
        "stopped at {func}:{:#x}, which is not a breakable point",
        stop.bytecode_offset()
    );
    let locals = stop.locals();
    let ty = &info.types[info.functions[func as usize] as usize];
    assert!(locals.len() >= ty.params.len());
    for (local, param) in locals.iter().zip(ty.params.iter()) {
        assert_eq!(local.ty, *param, "a parameter's type at a stop");
    }
    let _ = stop.stack();
    if at.read_frames {
        let frames = stop.backtrace();
        assert_eq!(frames[0].func_index, func);
        assert_eq!(frames[0].fp, stop.fp());
        for f in &frames {
            assert!((f.func_index as usize) < info.functions.len());
            let _ = stop.frame_locals(f.func_index, f.fp);
        }
    }
    if at.read_globals {
        for g in 0..info.globals.len() as u32 {
            assert!(stop.global(g).is_some());
        }
        assert!(stop.global(info.globals.len() as u32).is_none());
    }
    if at.read_tables {
        for t in 0..info.tables.len() as u32 {
            let _ = stop.table(t).expect("a table").iter().sum::<u64>();
        }
        assert!(stop.table(info.tables.len() as u32).is_none());
    }
    if let Some(i) = at.read_memory {
        if let Some(memory) = stop.memory(0) {
            if !memory.is_empty() {
                let i = i as usize % memory.len();
                let _ = std::hint::black_box(memory[i]);
            }
        }
    }
    if let Some(i) = at.rewrite_local {
        if !locals.is_empty() {
            let i = i as usize % locals.len();
            assert!(stop.set_local(i as u32, locals[i].bits));
            assert_eq!(stop.locals()[i], locals[i]);
        }
    }
    if let Some(i) = at.rewrite_global {
        if !info.globals.is_empty() {
            let i = i as u32 % info.globals.len() as u32;
            let value = stop.global(i).expect("a global");
            assert!(stop.set_global(i, value.bits));
        }
    }
    if let Some(i) = at.rewrite_memory_byte {
        if let Some(memory) = stop.memory(0) {
            if !memory.is_empty() {
                let i = i as usize % memory.len();
                memory[i] = std::hint::black_box(memory[i]);
            }
        }
    }
    if let Some((f, p)) = at.set_breakpoint {
        set_breakpoint(&handle, f as u32 % info.functions.len() as u32, p as usize);
    }
    if at.pause {
        handle.pause();
    }
    match at.resume {
        Resume::Continue => ResumeAction::Continue,
        Resume::StepInto => ResumeAction::StepInto,
        Resume::StepOver => ResumeAction::StepOver,
        Resume::StepOut => ResumeAction::StepOut,
    }
}

/// FNV-1a over the published code.
fn code_hash(module: &Module) -> u64 {
    let (base, len) = module.code_range();
    // SAFETY: the module keeps its published code mapped and readable while it lives.
    let code = unsafe { std::slice::from_raw_parts(base as *const u8, len) };
    common::fnv1a(code)
}

/// The permissions of the mapping holding `addr`, from /proc/self/maps ("r-xp" for code).
fn mapping_permissions(addr: usize) -> String {
    let maps = std::fs::read_to_string("/proc/self/maps").expect("/proc/self/maps is readable");
    for line in maps.lines() {
        let mut parts = line.split_whitespace();
        let (Some(range), Some(perms)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Some((lo, hi)) = range.split_once('-') else {
            continue;
        };
        let (Ok(lo), Ok(hi)) = (usize::from_str_radix(lo, 16), usize::from_str_radix(hi, 16))
        else {
            continue;
        };
        if (lo..hi).contains(&addr) {
            return perms.to_string();
        }
    }
    panic!("no mapping holds {addr:#x}");
}
