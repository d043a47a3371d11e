//! Stores: the owner of all Wasm objects, and the host's data.

use std::any::Any;
use std::sync::Arc;

use breakwater_core::runtime::{self, FuncRef, InstanceId};
use breakwater_core::{Trap, TrapKind};

use crate::{Engine, Error, Result};

/// A store's state. Reached by host functions through the core store's host data pointer, so
/// it lives in a box at a stable address.
#[doc(hidden)]
pub struct StoreInner<T> {
    /// Debuggers attached to instances of this store. Declared before `core` so that they
    /// are dropped while the instances they point into are still alive.
    pub(crate) debuggers: Vec<(InstanceId, Box<breakwater_core::debug::Debugger>)>,
    /// States of detached debuggers: frames may still read their masks while the instance
    /// lives.
    pub(crate) retired_debug_states: Vec<Arc<breakwater_core::debug::DebugState>>,
    /// A debug hook's panic, resumed when the call it aborted returns.
    pub(crate) hook_panic: crate::debug::HookPanic,
    pub(crate) core: runtime::Store,
    pub(crate) engine: Engine,
    pub(crate) data: T,
    /// The error of the host function that failed last, until the call that entered Wasm
    /// collects it.
    pub(crate) host_error: Option<Error>,
    /// The panic of a host function, resumed once out of Wasm.
    pub(crate) host_panic: Option<Box<dyn Any + Send>>,
    /// The instances whose start functions run, innermost last (for `Caller::get_export`).
    pub(crate) starting: Vec<InstanceId>,
}

/// Owns instances, memories, tables, globals, host functions and externrefs, and the host's
/// data `T`. Objects live as long as the store.
pub struct Store<T> {
    inner: Box<StoreInner<T>>,
}

impl<T> Store<T> {
    /// A new store of `engine` holding `data`.
    pub fn new(engine: &Engine, data: T) -> Store<T> {
        let mut core = runtime::Store::new(&engine.inner.core);
        core.set_max_wasm_stack(engine.inner.config.max_wasm_stack);
        let mut inner = Box::new(StoreInner {
            debuggers: Vec::new(),
            retired_debug_states: Vec::new(),
            hook_panic: Default::default(),
            core,
            engine: engine.clone(),
            data,
            host_error: None,
            host_panic: None,
            starting: Vec::new(),
        });
        let p: *mut StoreInner<T> = &mut *inner;
        inner.core.set_host_data(p as *mut ());
        Store { inner }
    }
    /// The host data.
    pub fn data(&self) -> &T {
        &self.inner.data
    }
    /// The host data, writable.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.inner.data
    }
    /// Consumes the store, returning the host data.
    pub fn into_data(self) -> T {
        self.inner.data
    }
    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.inner.engine
    }
}

impl<T> std::fmt::Debug for Store<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({})", self.inner.core.id())
    }
}

impl<T> StoreInner<T> {
    pub(crate) fn id(&self) -> u64 {
        self.core.id()
    }
    pub(crate) fn check(&self, store: u64) -> Result<()> {
        if store == self.id() {
            Ok(())
        } else {
            Err(Error::wrong_store())
        }
    }
    /// Panics unless `store` is this store's id (for accessors that cannot return errors).
    pub(crate) fn assert_owns(&self, store: u64) {
        assert!(
            store == self.id(),
            "object used with a store that does not own it"
        );
    }

    /// Calls `func` with `values` in the entry trampoline's order (argument/result `i` at
    /// `values[i]`, `values.len()` the signature's slot count).
    pub(crate) fn call_raw(&mut self, func: FuncRef, values: &mut [u64]) -> Result<()> {
        let slots = self.core.func_type(func).map(|t| t.area_slots());
        if slots != Some(values.len()) {
            return Err(Error::usage("wrong number of argument/result slots"));
        }
        // SAFETY: checked just above.
        unsafe { self.call_raw_unchecked(func, values) }
    }

    /// [`StoreInner::call_raw`] without the slot count check.
    ///
    /// # Safety
    /// `values.len()` must be `func`'s signature's slot count.
    pub(crate) unsafe fn call_raw_unchecked(
        &mut self,
        func: FuncRef,
        values: &mut [u64],
    ) -> Result<()> {
        self.core.set_stack_floor(crate::stack::floor());
        let p: *mut StoreInner<T> = self;
        // Host functions reach the store through the host data pointer while this call is
        // active; refresh it from the exclusive borrow we hold.
        self.core.set_host_data(p as *mut ());
        // SAFETY: the caller's contract.
        let r = unsafe { self.core.call_values_unchecked(func, values) };
        self.finish_call(r)
    }

    /// Turns a call's outcome into the API's: a host function's error or panic replaces the
    /// `HostError` trap it caused.
    pub(crate) fn finish_call(&mut self, r: Result<(), Trap>) -> Result<()> {
        r.map_err(|trap| self.trap_error(trap))
    }

    /// The error for `trap`: for a `HostError` trap, the host function's error (or its panic,
    /// resumed here).
    pub(crate) fn trap_error(&mut self, trap: Trap) -> Error {
        if trap.kind == TrapKind::Interrupted {
            let panic = self.hook_panic.lock().ok().and_then(|mut p| p.take());
            if let Some(panic) = panic {
                std::panic::resume_unwind(panic);
            }
        }
        if trap.kind == TrapKind::HostError {
            if let Some(panic) = self.host_panic.take() {
                std::panic::resume_unwind(panic);
            }
            if let Some(e) = self.host_error.take() {
                return e;
            }
        }
        Error::Trap(trap)
    }
}

/// Something that gives access to a store: a [`Store`], a [`crate::Caller`], or a reference to
/// one.
pub trait AsContext {
    /// The host data type.
    type Data;
    #[doc(hidden)]
    fn as_inner(&self) -> &StoreInner<Self::Data>;
}

/// Something that gives exclusive access to a store.
pub trait AsContextMut: AsContext {
    #[doc(hidden)]
    fn as_inner_mut(&mut self) -> &mut StoreInner<Self::Data>;
}

impl<T> AsContext for Store<T> {
    type Data = T;
    fn as_inner(&self) -> &StoreInner<T> {
        &self.inner
    }
}

impl<T> AsContextMut for Store<T> {
    fn as_inner_mut(&mut self) -> &mut StoreInner<T> {
        &mut self.inner
    }
}

impl<S: AsContext + ?Sized> AsContext for &S {
    type Data = S::Data;
    fn as_inner(&self) -> &StoreInner<S::Data> {
        (**self).as_inner()
    }
}

impl<S: AsContext + ?Sized> AsContext for &mut S {
    type Data = S::Data;
    fn as_inner(&self) -> &StoreInner<S::Data> {
        (**self).as_inner()
    }
}

impl<S: AsContextMut + ?Sized> AsContextMut for &mut S {
    fn as_inner_mut(&mut self) -> &mut StoreInner<S::Data> {
        (**self).as_inner_mut()
    }
}
