//! Functions: host functions, calls from the host, typed calls.

use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;

use breakwater_core::runtime::{FuncRef, HostFn};
use breakwater_core::TrapKind;

use crate::store::{AsContext, AsContextMut, StoreInner};
use crate::{Engine, Error, Extern, FuncType, Result, Val, ValType};

/// A function of a store (defined by an instance or by the host). A cheap handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Func {
    pub(crate) store: u64,
    pub(crate) raw: FuncRef,
}

/// The trap code a host function returns when it failed.
const HOST_ERROR: u64 = TrapKind::HostError as u64;

/// A host function body with dynamic types.
type DynHostFunc<T> = dyn Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync;

/// The store a host function runs in.
///
/// # Safety
/// `data` must be the host data pointer of the core store, i.e. the `StoreInner<T>` owning the
/// function, set by the entry into Wasm that is active now. That entry's borrow of the store
/// is suspended while the host function runs.
unsafe fn store_of<'a, T>(data: *mut ()) -> &'a mut StoreInner<T> {
    // SAFETY: per the contract.
    unsafe { &mut *(data as *mut StoreInner<T>) }
}

/// Runs a host function body, catching panics; records a failure in the store.
fn run_host<T>(
    store: &mut StoreInner<T>,
    body: impl FnOnce(&mut StoreInner<T>) -> Result<()>,
) -> u64 {
    match panic::catch_unwind(AssertUnwindSafe(|| body(&mut *store))) {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            store.host_error = Some(e);
            HOST_ERROR
        }
        Err(p) => {
            store.host_panic = Some(p);
            HOST_ERROR
        }
    }
}

pub(crate) fn dyn_host_fn<T: 'static>(ty: FuncType, f: Arc<DynHostFunc<T>>) -> Box<HostFn> {
    Box::new(move |data, values| {
        // SAFETY: host functions of a `Store<T>` get its `StoreInner<T>` as host data.
        let store = unsafe { store_of::<T>(data) };
        run_host(store, |store| {
            let k = values.len();
            let id = store.id();
            let params: Vec<Val> = ty
                .params
                .iter()
                .enumerate()
                .map(|(i, t)| Val::from_bits(id, *t, values[k - 1 - i]))
                .collect();
            let mut results: Vec<Val> = ty.results.iter().map(|t| Val::default_for(*t)).collect();
            f(Caller { store: &mut *store }, &params, &mut results)?;
            for (i, (v, t)) in results.iter().zip(ty.results.iter()).enumerate() {
                values[k - 1 - i] = v.to_bits_typed(store, *t)?;
            }
            Ok(())
        })
    })
}

impl Func {
    /// A host function of type `ty`: `f` gets the caller, the arguments, and the results to
    /// fill (preset to zeros of the result types).
    pub fn new<T: 'static>(
        mut store: impl AsContextMut<Data = T>,
        ty: FuncType,
        f: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
    ) -> Func {
        let inner = store.as_inner_mut();
        let body = dyn_host_fn::<T>(ty.clone(), Arc::new(f));
        Func {
            store: inner.id(),
            raw: inner.core.new_host_func(&ty, body),
        }
    }

    /// A host function from a closure of up to 10 Wasm-typed arguments (`i32`, `i64`, `f32`,
    /// `f64`, optionally after a first [`Caller`] argument) returning `()`, one of those, a tuple of
    /// them, or a `Result` of that.
    pub fn wrap<T: 'static, Params, Results>(
        mut store: impl AsContextMut<Data = T>,
        f: impl IntoFunc<T, Params, Results>,
    ) -> Func {
        let inner = store.as_inner_mut();
        let (ty, body) = f.into_host();
        Func {
            store: inner.id(),
            raw: inner.core.new_host_func(&ty, body),
        }
    }

    /// The function's type.
    ///
    /// # Panics
    /// If `store` does not own the function.
    pub fn ty(&self, store: impl AsContext) -> FuncType {
        let inner = store.as_inner();
        inner.assert_owns(self.store);
        inner
            .core
            .func_type(self.raw)
            .unwrap_or_else(|| FuncType::new([], []))
    }

    /// Calls the function with `params`, writing `results` (whose length must be the number of
    /// results).
    pub fn call(
        &self,
        mut store: impl AsContextMut,
        params: &[Val],
        results: &mut [Val],
    ) -> Result<()> {
        let inner = store.as_inner_mut();
        inner.check(self.store)?;
        let ty = inner
            .core
            .func_type(self.raw)
            .ok_or_else(|| Error::usage("unknown function type"))?;
        if params.len() != ty.params.len() {
            return Err(Error::usage(format!(
                "expected {} arguments, got {}",
                ty.params.len(),
                params.len()
            )));
        }
        if results.len() != ty.results.len() {
            return Err(Error::usage(format!(
                "expected {} results, got space for {}",
                ty.results.len(),
                results.len()
            )));
        }
        let mut values = vec![0u64; ty.area_slots()];
        for (i, (v, t)) in params.iter().zip(ty.params.iter()).enumerate() {
            values[i] = v.to_bits_typed(inner, *t).map_err(|e| match e {
                Error::Usage(m) => Error::Usage(format!("argument {i}: {m}")),
                e => e,
            })?;
        }
        inner.call_raw(self.raw, &mut values)?;
        let id = inner.id();
        for (i, (r, t)) in results.iter_mut().zip(ty.results.iter()).enumerate() {
            *r = Val::from_bits(id, *t, values[i]);
        }
        Ok(())
    }

    /// A typed view of the function, if its type is `P -> R`.
    pub fn typed<P: WasmParams, R: WasmResults>(
        &self,
        store: impl AsContext,
    ) -> Result<TypedFunc<P, R>> {
        let inner = store.as_inner();
        inner.check(self.store)?;
        let ty = inner
            .core
            .func_type(self.raw)
            .ok_or_else(|| Error::usage("unknown function type"))?;
        if *ty.params != *P::types() || *ty.results != *R::types() {
            return Err(Error::usage(format!(
                "type mismatch: the function has type {:?} -> {:?}, not {:?} -> {:?}",
                ty.params,
                ty.results,
                P::types(),
                R::types()
            )));
        }
        Ok(TypedFunc {
            func: *self,
            _ty: PhantomData,
        })
    }
}

/// A function with static types.
pub struct TypedFunc<P, R> {
    func: Func,
    _ty: PhantomData<fn(P) -> R>,
}

impl<P, R> Clone for TypedFunc<P, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P, R> Copy for TypedFunc<P, R> {}

impl<P, R> std::fmt::Debug for TypedFunc<P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TypedFunc({:?})", self.func)
    }
}

impl<P: WasmParams, R: WasmResults> TypedFunc<P, R> {
    /// The untyped function.
    pub fn func(&self) -> &Func {
        &self.func
    }
    /// Calls the function.
    pub fn call(&self, mut store: impl AsContextMut, params: P) -> Result<R> {
        let inner = store.as_inner_mut();
        inner.check(self.func.store)?;
        let mut values = [0u64; MAX_TUPLE];
        let slots = P::COUNT.max(R::COUNT);
        params.write_bits(&mut values[..P::COUNT]);
        // SAFETY: `typed` checked that the function's signature is `P -> R`, so it has
        // `max(P::COUNT, R::COUNT)` slots.
        unsafe { inner.call_raw_unchecked(self.func.raw, &mut values[..slots]) }?;
        Ok(R::read_bits(&values[..R::COUNT]))
    }
}

/// The caller of a host function: its store (and host data) and the instance whose code
/// called it.
pub struct Caller<'a, T> {
    pub(crate) store: &'a mut StoreInner<T>,
}

impl<T> Caller<'_, T> {
    /// The host data.
    pub fn data(&self) -> &T {
        &self.store.data
    }
    /// The host data, writable.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.store.data
    }
    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.store.engine
    }
    /// An export of the calling instance (the instance whose Wasm code called this host
    /// function, which need not be the one the host entered; for a host function that is
    /// a start function, the instance being instantiated), e.g. its `"memory"`. `None` when
    /// the host called the host function directly.
    pub fn get_export(&mut self, name: &str) -> Option<Extern> {
        let instance = self
            .store
            .core
            .calling_instance()
            .or_else(|| self.store.starting.last().copied())?;
        let ext = self.store.core.export(instance, name)?;
        Some(Extern::from_core(self.store.id(), ext))
    }
}

impl<T> AsContext for Caller<'_, T> {
    type Data = T;
    fn as_inner(&self) -> &StoreInner<T> {
        self.store
    }
}

impl<T> AsContextMut for Caller<'_, T> {
    fn as_inner_mut(&mut self) -> &mut StoreInner<T> {
        self.store
    }
}

// ---- static types ----

const MAX_TUPLE: usize = 6;

/// A Rust type that is a Wasm value type: `i32`, `i64`, `f32`, `f64`.
pub trait WasmTy: Copy + Send + 'static {
    /// The Wasm type.
    const TYPE: ValType;
    /// The bits compiled code uses.
    fn to_bits(self) -> u64;
    /// The value from its bits.
    fn from_bits(bits: u64) -> Self;
}

impl WasmTy for i32 {
    const TYPE: ValType = ValType::I32;
    fn to_bits(self) -> u64 {
        self as u32 as u64
    }
    fn from_bits(bits: u64) -> Self {
        bits as u32 as i32
    }
}
impl WasmTy for u32 {
    const TYPE: ValType = ValType::I32;
    fn to_bits(self) -> u64 {
        self as u64
    }
    fn from_bits(bits: u64) -> Self {
        bits as u32
    }
}
impl WasmTy for i64 {
    const TYPE: ValType = ValType::I64;
    fn to_bits(self) -> u64 {
        self as u64
    }
    fn from_bits(bits: u64) -> Self {
        bits as i64
    }
}
impl WasmTy for u64 {
    const TYPE: ValType = ValType::I64;
    fn to_bits(self) -> u64 {
        self
    }
    fn from_bits(bits: u64) -> Self {
        bits
    }
}
impl WasmTy for f32 {
    const TYPE: ValType = ValType::F32;
    fn to_bits(self) -> u64 {
        self.to_bits() as u64
    }
    fn from_bits(bits: u64) -> Self {
        f32::from_bits(bits as u32)
    }
}
impl WasmTy for f64 {
    const TYPE: ValType = ValType::F64;
    fn to_bits(self) -> u64 {
        self.to_bits()
    }
    fn from_bits(bits: u64) -> Self {
        f64::from_bits(bits)
    }
}

/// Argument lists of [`TypedFunc`]: `()`, one [`WasmTy`], or a tuple of up to 6.
pub trait WasmParams: Send {
    /// How many values.
    const COUNT: usize;
    /// The Wasm types.
    fn types() -> Vec<ValType>;
    /// Writes value `i`'s bits to `out[i]`.
    fn write_bits(self, out: &mut [u64]);
}

/// Result lists of [`TypedFunc`] and host functions: `()`, one [`WasmTy`], or a tuple of up
/// to 6.
pub trait WasmResults: Sized + Send {
    /// How many values.
    const COUNT: usize;
    /// The Wasm types.
    fn types() -> Vec<ValType>;
    /// Reads value `i` from `bits[i]`.
    fn read_bits(bits: &[u64]) -> Self;
    /// Writes value `i`'s bits to `out[i]`.
    fn write_results(self, out: &mut [u64]);
}

impl<A: WasmTy> WasmParams for A {
    const COUNT: usize = 1;
    fn types() -> Vec<ValType> {
        vec![A::TYPE]
    }
    fn write_bits(self, out: &mut [u64]) {
        out[0] = self.to_bits();
    }
}

impl<A: WasmTy> WasmResults for A {
    const COUNT: usize = 1;
    fn types() -> Vec<ValType> {
        vec![A::TYPE]
    }
    fn read_bits(bits: &[u64]) -> Self {
        A::from_bits(bits[0])
    }
    fn write_results(self, out: &mut [u64]) {
        out[0] = self.to_bits();
    }
}

macro_rules! tuples {
    ($( ($n:expr; $($t:ident $i:tt),*) )*) => {$(
        impl<$($t: WasmTy),*> WasmParams for ($($t,)*) {
            const COUNT: usize = $n;
            fn types() -> Vec<ValType> {
                vec![$($t::TYPE),*]
            }
            #[allow(unused_variables)]
            fn write_bits(self, out: &mut [u64]) {
                $( out[$i] = self.$i.to_bits(); )*
            }
        }
        impl<$($t: WasmTy),*> WasmResults for ($($t,)*) {
            const COUNT: usize = $n;
            fn types() -> Vec<ValType> {
                vec![$($t::TYPE),*]
            }
            #[allow(unused_variables, clippy::unused_unit)]
            fn read_bits(bits: &[u64]) -> Self {
                ($($t::from_bits(bits[$i]),)*)
            }
            #[allow(unused_variables)]
            fn write_results(self, out: &mut [u64]) {
                $( out[$i] = self.$i.to_bits(); )*
            }
        }
    )*};
}

tuples! {
    (0;)
    (1; A 0)
    (2; A 0, B 1)
    (3; A 0, B 1, C 2)
    (4; A 0, B 1, C 2, D 3)
    (5; A 0, B 1, C 2, D 3, E 4)
    (6; A 0, B 1, C 2, D 3, E 4, F 5)
}

/// What a host closure may return: [`WasmResults`] or a `Result` of them.
pub trait HostReturn: Send {
    /// The result types.
    fn types() -> Vec<ValType>;
    /// The results' bits in order, or the host's error.
    fn into_bits(self, out: &mut [u64]) -> Result<()>;
}

impl<R: WasmResults> HostReturn for R {
    fn types() -> Vec<ValType> {
        R::types()
    }
    fn into_bits(self, out: &mut [u64]) -> Result<()> {
        self.write_results(out);
        Ok(())
    }
}

impl<R: WasmResults> HostReturn for Result<R> {
    fn types() -> Vec<ValType> {
        R::types()
    }
    fn into_bits(self, out: &mut [u64]) -> Result<()> {
        self?.write_results(out);
        Ok(())
    }
}

/// Closures that [`Func::wrap`] accepts.
pub trait IntoFunc<T, Params, Results>: Send + Sync + 'static {
    #[doc(hidden)]
    fn into_host(self) -> (FuncType, Box<HostFn>);
}

/// Writes results `bits[i]` to the area (`values[K - 1 - i]`).
fn store_results(values: &mut [u64], bits: &[u64]) {
    let k = values.len();
    for (i, b) in bits.iter().enumerate() {
        values[k - 1 - i] = *b;
    }
}

macro_rules! into_func {
    ($( ($($a:ident $v:ident),*) )*) => {$(
        impl<T: 'static, F, R, $($a,)*> IntoFunc<T, ($($a,)*), R> for F
        where
            F: Fn($($a),*) -> R + Send + Sync + 'static,
            R: HostReturn,
            $($a: WasmTy,)*
        {
            fn into_host(self) -> (FuncType, Box<HostFn>) {
                let ty = FuncType::new([$($a::TYPE),*], R::types());
                let body: Box<HostFn> = Box::new(move |data, values| {
                    // SAFETY: host functions of a `Store<T>` get its `StoreInner<T>`.
                    let store = unsafe { store_of::<T>(data) };
                    run_host(store, |_store| {
                        let _k = values.len();
                        let mut _i = 0;
                        $( let $v = $a::from_bits(values[_k - 1 - _i]); _i += 1; )*
                        let mut out = [0u64; MAX_TUPLE];
                        (self)($($v),*).into_bits(&mut out)?;
                        store_results(values, &out[..R::types().len()]);
                        Ok(())
                    })
                });
                (ty, body)
            }
        }

        impl<T: 'static, F, R, $($a,)*> IntoFunc<T, (Caller<'_, T>, $($a,)*), R> for F
        where
            F: Fn(Caller<'_, T>, $($a),*) -> R + Send + Sync + 'static,
            R: HostReturn,
            $($a: WasmTy,)*
        {
            fn into_host(self) -> (FuncType, Box<HostFn>) {
                let ty = FuncType::new([$($a::TYPE),*], R::types());
                let body: Box<HostFn> = Box::new(move |data, values| {
                    // SAFETY: host functions of a `Store<T>` get its `StoreInner<T>`.
                    let store = unsafe { store_of::<T>(data) };
                    run_host(store, |store| {
                        let _k = values.len();
                        let mut _i = 0;
                        $( let $v = $a::from_bits(values[_k - 1 - _i]); _i += 1; )*
                        let mut out = [0u64; MAX_TUPLE];
                        (self)(Caller { store }, $($v),*).into_bits(&mut out)?;
                        store_results(values, &out[..R::types().len()]);
                        Ok(())
                    })
                });
                (ty, body)
            }
        }
    )*};
}

into_func! {
    ()
    (A1 a1)
    (A1 a1, A2 a2)
    (A1 a1, A2 a2, A3 a3)
    (A1 a1, A2 a2, A3 a3, A4 a4)
    (A1 a1, A2 a2, A3 a3, A4 a4, A5 a5)
    (A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6)
    (A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7)
    (A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7, A8 a8)
    (A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7, A8 a8, A9 a9)
    (A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7, A8 a8, A9 a9, A10 a10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Instance, Module, Store};

    /// The core store takes any bits for an i32 argument, and a host function may leave any
    /// in the upper half of an i32 result: only the low 32 bits are the value, even where the
    /// backend keeps i32s zero-extended in registers and relies on it (x86-64).
    #[test]
    fn upper_bits_of_i32s_from_the_host_are_not_the_values() {
        let engine = Engine::default();
        let mut store = Store::new(&engine, ());
        let inner = store.as_inner_mut();
        let ty = FuncType::new([], [ValType::I32]);
        let dirty: Box<HostFn> = Box::new(|_, values| {
            values[0] = 0xdead_beef_0000_0007;
            0
        });
        let h = Func {
            store: inner.id(),
            raw: inner.core.new_host_func(&ty, dirty),
        };
        let module = Module::new(
            &engine,
            r#"(module
                (import "m" "h" (func $h (result i32)))
                (memory 1)
                (func (export "arg") (param i32) (result i64)
                    local.get 0 i64.extend_i32_u)
                (func (export "arg5") (param i32 i32 i32 i32 i32) (result i64)
                    local.get 4 i64.extend_i32_u)
                (func (export "load") (param i32) (result i32)
                    local.get 0 i32.load offset=16)
                (func (export "result") (result i64)
                    call $h i64.extend_i32_u))"#,
        )
        .unwrap();
        let instance = Instance::new(&mut store, &module, &[Extern::Func(h)]).unwrap();
        let func = |store: &mut Store<()>, name| instance.get_func(store, name).unwrap().raw;
        let (arg, arg5) = (func(&mut store, "arg"), func(&mut store, "arg5"));
        let (load, result) = (func(&mut store, "load"), func(&mut store, "result"));
        let core = &mut store.as_inner_mut().core;
        let dirty = |v: u32| 0xffff_ffff_0000_0000 | v as u64;
        assert_eq!(core.call(arg, &[dirty(5)]).unwrap(), [5]);
        let args = [dirty(1), dirty(2), dirty(3), dirty(4), dirty(5)];
        assert_eq!(core.call(arg5, &args).unwrap(), [5]);
        // Guarded memory: the address register indexes the access as it is.
        assert_eq!(core.call(load, &[dirty(0)]).unwrap()[0] as u32, 0);
        assert_eq!(core.call(result, &[]).unwrap(), [7]);
    }
}
