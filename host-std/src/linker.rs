//! The linker: named definitions resolved against a module's imports.

use std::collections::HashMap;
use std::sync::Arc;

use breakwater_core::runtime::HostFn;

use crate::func::dyn_host_fn;
use crate::instance::instantiate;
use crate::store::AsContextMut;
use crate::{
    Caller, Engine, Error, Extern, Func, FuncType, Instance, IntoFunc, Module, Result, Val,
};

type HostFactory = Arc<dyn Fn() -> (FuncType, Box<HostFn>) + Send + Sync>;

enum Definition {
    /// An object of a store.
    Extern(Extern),
    /// A host function, created in each store that instantiates with it.
    Host(HostFactory),
}

/// Named definitions (`module::name`) to instantiate modules with. Later definitions of a
/// name replace earlier ones.
pub struct Linker<T> {
    engine: Engine,
    defs: HashMap<(String, String), Definition>,
    _data: std::marker::PhantomData<fn(T)>,
}

impl<T: 'static> Linker<T> {
    /// An empty linker for `engine`.
    pub fn new(engine: &Engine) -> Linker<T> {
        Linker {
            engine: engine.clone(),
            defs: HashMap::new(),
            _data: std::marker::PhantomData,
        }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    fn insert(&mut self, module: &str, name: &str, def: Definition) {
        self.defs
            .insert((module.to_string(), name.to_string()), def);
    }

    /// Defines a host function from a closure (see [`Func::wrap`]).
    pub fn func_wrap<Params, Results>(
        &mut self,
        module: &str,
        name: &str,
        f: impl IntoFunc<T, Params, Results>,
    ) -> Result<&mut Self> {
        let (ty, body) = f.into_host();
        let body: Arc<HostFn> = Arc::from(body);
        self.insert(
            module,
            name,
            Definition::Host(Arc::new(move || {
                let body = body.clone();
                let per_store: Box<HostFn> = Box::new(move |data, values| body(data, values));
                (ty.clone(), per_store)
            })),
        );
        Ok(self)
    }

    /// Defines a host function of type `ty` (see [`Func::new`]).
    pub fn func_new(
        &mut self,
        module: &str,
        name: &str,
        ty: FuncType,
        f: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
    ) -> Result<&mut Self> {
        let f = Arc::new(f);
        self.insert(
            module,
            name,
            Definition::Host(Arc::new(move || {
                (ty.clone(), dyn_host_fn::<T>(ty.clone(), f.clone()))
            })),
        );
        Ok(self)
    }

    /// Defines `module::name` as `item` (an object of `store`).
    pub fn define(
        &mut self,
        store: impl AsContextMut<Data = T>,
        module: &str,
        name: &str,
        item: impl Into<Extern>,
    ) -> Result<&mut Self> {
        let item = item.into();
        store.as_inner().check(item.store())?;
        self.insert(module, name, Definition::Extern(item));
        Ok(self)
    }

    /// Defines every export of `instance` under `module`.
    pub fn instance(
        &mut self,
        mut store: impl AsContextMut<Data = T>,
        module: &str,
        instance: Instance,
    ) -> Result<&mut Self> {
        store.as_inner().check(instance.store)?;
        for (name, ext) in instance.exports(&mut store) {
            self.insert(module, &name, Definition::Extern(ext));
        }
        Ok(self)
    }

    /// The definition of `module::name` as an object of `store`.
    pub fn get(
        &self,
        mut store: impl AsContextMut<Data = T>,
        module: &str,
        name: &str,
    ) -> Option<Extern> {
        let def = self.defs.get(&(module.to_string(), name.to_string()))?;
        let inner = store.as_inner_mut();
        match def {
            Definition::Extern(e) => (e.store() == inner.id()).then_some(*e),
            Definition::Host(make) => {
                let (ty, body) = make();
                Some(Extern::Func(Func {
                    store: inner.id(),
                    raw: inner.core.new_host_func(&ty, body),
                }))
            }
        }
    }

    /// Instantiates `module` with this linker's definitions.
    pub fn instantiate(
        &self,
        mut store: impl AsContextMut<Data = T>,
        module: &Module,
    ) -> Result<Instance> {
        let mut imports = Vec::with_capacity(module.compiled.info.imports.len());
        for import in &module.compiled.info.imports {
            match self.get(&mut store, &import.module, &import.name) {
                Some(ext) => imports.push(ext),
                None => {
                    return Err(Error::Link(format!(
                        "unknown import: `{}::{}` has not been defined",
                        import.module, import.name
                    )))
                }
            }
        }
        instantiate(store.as_inner_mut(), module, &imports)
    }
}

impl<T> std::fmt::Debug for Linker<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Linker({} definitions)", self.defs.len())
    }
}
