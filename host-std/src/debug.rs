//! Debugging: attach a debugger to one instance, set breakpoints, step, pause from another
//! thread, stop on traps, inspect and change the stopped state.
//!
//! The code of a module compiled with [`crate::Config::debug`] is the same for every instance
//! and thread, debugged or not, and is never written after it is published: attaching,
//! setting breakpoints, stepping and pausing only change per-instance data (a gate per
//! function, a bit per machine site of the functions that have breakpoints).
//!
//! ```
//! use breakwater::{Config, Engine, Module, Store, Instance, debug::ResumeAction};
//! let engine = Engine::new(Config::new().debug(true)).unwrap();
//! let module = Module::new(&engine, r#"(module (func (export "inc") (param i32) (result i32)
//!     local.get 0 i32.const 1 i32.add))"#).unwrap();
//! let mut store = Store::new(&engine, ());
//! let instance = Instance::new(&mut store, &module, &[]).unwrap();
//! let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
//! let log = seen.clone();
//! let debugger = instance
//!     .attach_debugger(&mut store, move |stop: &mut breakwater::debug::Stop<'_>| {
//!         log.lock().unwrap().push((stop.bytecode_offset(), stop.locals()[0].bits));
//!         ResumeAction::Continue
//!     })
//!     .unwrap();
//! let first = debugger.breakable_offsets(0)[1]; // the first instruction (0 is the entry)
//! debugger.set_breakpoint(0, first).unwrap();
//! let inc = instance.get_typed_func::<i32, i32>(&mut store, "inc").unwrap();
//! assert_eq!(inc.call(&mut store, 41).unwrap(), 42);
//! assert_eq!(seen.lock().unwrap().as_slice(), &[(first, 41)]);
//! ```

use std::sync::Arc;

use breakwater_core::debug::{DebugHook, DebugState, Debugger};
use breakwater_core::runtime::CompiledModule;

pub use breakwater_core::debug::{FrameInfo, ResumeAction, SiteKind, Stop, StopReason, Value};

use crate::store::AsContextMut;
use crate::{Error, Instance, Result};

/// A panic of a debug hook, kept until the call it aborted returns to the host.
pub(crate) type HookPanic = Arc<std::sync::Mutex<Option<Box<dyn std::any::Any + Send>>>>;

/// A closure as a [`DebugHook`]. A panic must not unwind into compiled code: it aborts the
/// call, and is resumed once the call is back in the host, as a host function's panic is.
struct FnHook<F> {
    hook: F,
    panic: HookPanic,
}

impl<F: FnMut(&mut Stop<'_>) -> ResumeAction + Send> DebugHook for FnHook<F> {
    fn on_stop(&mut self, stop: &mut Stop<'_>) -> ResumeAction {
        let hook = &mut self.hook;
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| hook(stop))) {
            Ok(action) => action,
            Err(payload) => {
                if let Ok(mut slot) = self.panic.lock() {
                    slot.get_or_insert(payload);
                }
                ResumeAction::Abort
            }
        }
    }
}

/// Controls the debugger attached to one instance, from any thread.
#[derive(Clone)]
pub struct DebugHandle {
    state: Arc<DebugState>,
    module: Arc<CompiledModule>,
}

impl std::fmt::Debug for DebugHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DebugHandle({} breakpoints)",
            self.state.breakpoints().len()
        )
    }
}

impl DebugHandle {
    /// Sets a breakpoint before the instruction at `bytecode_offset` (module-relative) of
    /// function `func`. An error if no breakable point is there.
    pub fn set_breakpoint(&self, func: u32, bytecode_offset: u32) -> Result<()> {
        match self
            .state
            .set_breakpoint(func, bytecode_offset)
            .map_err(Error::Compile)?
        {
            0 => Err(Error::Resource(format!(
                "no breakable point in function {func} at offset {bytecode_offset:#x}"
            ))),
            _ => Ok(()),
        }
    }
    /// Sets a breakpoint by code-section offset, as DWARF addresses code: the function is the
    /// one containing it.
    pub fn set_breakpoint_at_code_offset(&self, code_offset: u32) -> Result<()> {
        let (func, offset) = self.resolve_code_offset(code_offset)?;
        self.set_breakpoint(func, offset)
    }
    /// Clears a breakpoint by code-section offset.
    pub fn clear_breakpoint_at_code_offset(&self, code_offset: u32) -> Result<bool> {
        let (func, offset) = self.resolve_code_offset(code_offset)?;
        self.clear_breakpoint(func, offset)
    }
    fn resolve_code_offset(&self, code_offset: u32) -> Result<(u32, u32)> {
        let info = &self.module.info;
        let offset = (info.code_section_start as u64 + code_offset as u64) as usize;
        let defined = info
            .bodies
            .iter()
            .position(|r| r.start <= offset && offset <= r.end)
            .ok_or_else(|| {
                Error::Resource(format!("code offset {code_offset:#x} is in no function"))
            })?;
        Ok((info.num_imported_funcs + defined as u32, offset as u32))
    }
    /// Clears a breakpoint; whether it was set.
    pub fn clear_breakpoint(&self, func: u32, bytecode_offset: u32) -> Result<bool> {
        self.state
            .clear_breakpoint(func, bytecode_offset)
            .map_err(Error::Compile)
    }
    /// Sets many breakpoints, as (function, bytecode offset), with one walk of each function's
    /// sites; returns how many had a breakable point (the others are not set).
    pub fn set_breakpoints(&self, points: &[(u32, u32)]) -> Result<usize> {
        self.state.set_breakpoints(points).map_err(Error::Compile)
    }
    /// Clears many breakpoints, with one walk of each function's sites; returns how many were
    /// set.
    pub fn clear_breakpoints(&self, points: &[(u32, u32)]) -> Result<usize> {
        self.state.clear_breakpoints(points).map_err(Error::Compile)
    }
    /// The breakpoints, as (function, bytecode offset).
    pub fn breakpoints(&self) -> Vec<(u32, u32)> {
        self.state.breakpoints()
    }
    /// Stops the instance at its next breakable point (it may be running on another thread).
    pub fn pause(&self) {
        self.state.request_pause();
    }
    /// The bytecode offsets of function `func`'s stop points, in code order: its entry, each
    /// reachable instruction, its exit (empty for an imported function).
    pub fn breakable_offsets(&self, func: u32) -> Vec<u32> {
        func.checked_sub(self.module.info.num_imported_funcs)
            .and_then(|d| self.module.function_sites(d).ok())
            .map_or(Vec::new(), |s| {
                s.stops.iter().map(|p| p.bytecode_offset).collect()
            })
    }
    /// How many times the instance's machine code has entered the debugger's slow path: once
    /// per group of stop points it stops in (the group's further stops are reached by
    /// interpreting), and once per machine site that called without stopping (a breakpoint
    /// elsewhere in its group, or stepping in another frame). What the debugger costs the
    /// running code.
    pub fn slow_path_entries(&self) -> u64 {
        self.state.slow_path_entries()
    }
    /// Bytes of debugger data held for the instance (gates and bit tables).
    pub fn data_bytes(&self) -> usize {
        self.state.data_bytes()
    }
}

impl Instance {
    /// Attaches a debugger to this instance: `hook` runs on the thread running the instance at
    /// every stop and says how to resume. The module must be compiled with debugging on; an
    /// instance has at most one debugger.
    pub fn attach_debugger(
        &self,
        mut store: impl AsContextMut,
        hook: impl FnMut(&mut Stop<'_>) -> ResumeAction + Send + 'static,
    ) -> Result<DebugHandle> {
        let inner = store.as_inner_mut();
        inner.check(self.store)?;
        let instance = inner.core.instance(self.id);
        let module = instance.module().clone();
        if module.debug.is_none() {
            return Err(Error::Resource(
                "the module has no debug code: compile it with Config::debug (an artifact: with \
                 `breakwater compile --debug`)"
                    .into(),
            ));
        }
        if inner.debuggers.iter().any(|(id, _)| *id == self.id) {
            return Err(Error::Resource("a debugger is already attached".into()));
        }
        let vmctx = instance.vmctx();
        // SAFETY: the vmctx belongs to a live instance of `module` owned by the store, which
        // also owns the debugger (boxed, never moved) and detaches or drops it first.
        let hook = FnHook {
            hook,
            panic: inner.hook_panic.clone(),
        };
        let dbg = unsafe { Debugger::attach(module.clone(), vmctx, Box::new(hook)) };
        let handle = DebugHandle {
            state: dbg.state().clone(),
            module,
        };
        inner.debuggers.push((self.id, dbg));
        Ok(handle)
    }

    /// Detaches this instance's debugger; an error if none is attached.
    pub fn detach_debugger(&self, mut store: impl AsContextMut) -> Result<()> {
        let inner = store.as_inner_mut();
        inner.check(self.store)?;
        let i = inner
            .debuggers
            .iter()
            .position(|(id, _)| *id == self.id)
            .ok_or_else(|| Error::Resource("no debugger is attached".into()))?;
        let (_, dbg) = inner.debuggers.swap_remove(i);
        dbg.detach();
        // Frames of the instance may still hold gates into the state's masks.
        inner.retired_debug_states.push(dbg.state().clone());
        Ok(())
    }
}
