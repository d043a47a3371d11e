//! Instances.

use breakwater_core::runtime::{InstanceId, InstantiateError};

use crate::store::{AsContextMut, StoreInner};
use crate::{
    Error, Extern, Func, Global, Memory, Module, Result, Table, TypedFunc, WasmParams, WasmResults,
};

/// An instance of a module in a store. A cheap handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Instance {
    pub(crate) store: u64,
    pub(crate) id: InstanceId,
}

impl Instance {
    /// Its id in its store, as trap backtraces ([`crate::Trap`]) and debugger backtraces name
    /// the instance of each frame.
    pub fn id(&self) -> InstanceId {
        self.id
    }
    /// Instantiates `module` with `imports` (one per import of the module, in order).
    pub fn new(
        mut store: impl AsContextMut,
        module: &Module,
        imports: &[Extern],
    ) -> Result<Instance> {
        instantiate(store.as_inner_mut(), module, imports)
    }

    /// The export `name`.
    pub fn get_export(&self, store: impl AsContextMut, name: &str) -> Option<Extern> {
        let inner = store.as_inner();
        inner.check(self.store).ok()?;
        let ext = inner.core.export(self.id, name)?;
        Some(Extern::from_core(self.store, ext))
    }

    /// The exported function `name`.
    pub fn get_func(&self, store: impl AsContextMut, name: &str) -> Option<Func> {
        self.get_export(store, name)?.into_func()
    }

    /// The exported function `name` with static types.
    pub fn get_typed_func<P: WasmParams, R: WasmResults>(
        &self,
        mut store: impl AsContextMut,
        name: &str,
    ) -> Result<TypedFunc<P, R>> {
        let f = self
            .get_func(&mut store, name)
            .ok_or_else(|| Error::usage(format!("no exported function named `{name}`")))?;
        f.typed(&store)
    }

    /// The exported global `name`.
    pub fn get_global(&self, store: impl AsContextMut, name: &str) -> Option<Global> {
        self.get_export(store, name)?.into_global()
    }

    /// The exported memory `name`.
    pub fn get_memory(&self, store: impl AsContextMut, name: &str) -> Option<Memory> {
        self.get_export(store, name)?.into_memory()
    }

    /// The exported table `name`.
    pub fn get_table(&self, store: impl AsContextMut, name: &str) -> Option<Table> {
        self.get_export(store, name)?.into_table()
    }

    /// Every export, in order.
    pub fn exports(&self, store: impl AsContextMut) -> Vec<(String, Extern)> {
        let inner = store.as_inner();
        if inner.check(self.store).is_err() {
            return Vec::new();
        }
        inner
            .core
            .exports(self.id)
            .into_iter()
            .map(|(name, ext)| (name.to_string(), Extern::from_core(self.store, ext)))
            .collect()
    }
}

pub(crate) fn instantiate<T>(
    inner: &mut StoreInner<T>,
    module: &Module,
    imports: &[Extern],
) -> Result<Instance> {
    if !module.engine.same(&inner.engine) {
        return Err(Error::usage("module and store belong to different engines"));
    }
    let mut core_imports = Vec::with_capacity(imports.len());
    for ext in imports {
        inner.check(ext.store())?;
        core_imports.push(ext.to_core());
    }
    let p: *mut StoreInner<T> = inner;
    // The start function may call host functions, which reach the store through this.
    inner.core.set_host_data(p as *mut ());
    inner.core.set_stack_floor(crate::stack::floor());
    let r = inner
        .core
        .instantiate_without_start(&module.compiled, &core_imports)
        .and_then(|id| {
            // A host function that is itself the start function has no Wasm caller: it sees
            // this instance as its caller.
            inner.starting.push(id);
            let r = inner.core.run_start(id);
            inner.starting.pop();
            r.map(|()| id).map_err(InstantiateError::Trap)
        });
    match r {
        Ok(id) => Ok(Instance {
            store: inner.id(),
            id,
        }),
        Err(InstantiateError::Error(e)) => Err(Error::from(e)),
        Err(InstantiateError::Trap(t)) => Err(inner.trap_error(t)),
    }
}
