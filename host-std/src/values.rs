//! Values and external references.

use std::any::Any;

use breakwater_core::runtime::FuncRef;

use crate::store::{AsContext, AsContextMut, StoreInner};
use crate::{Error, Func, Result, ValType};

/// A reference to a host value, owned by its store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExternRef {
    pub(crate) store: u64,
    pub(crate) handle: u64,
}

impl ExternRef {
    /// A new reference to `value`, owned by `store`.
    pub fn new<T: Any + Send + Sync>(mut store: impl AsContextMut, value: T) -> ExternRef {
        let inner = store.as_inner_mut();
        ExternRef {
            store: inner.id(),
            handle: inner.core.new_externref(Box::new(value)),
        }
    }
    /// The value, if `store` owns this reference.
    pub fn data<'a, S: AsContext + ?Sized>(
        &self,
        store: &'a S,
    ) -> Option<&'a (dyn Any + Send + Sync)> {
        let inner = store.as_inner();
        if inner.id() != self.store {
            return None;
        }
        inner.core.externref(self.handle)
    }
}

/// A Wasm value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val {
    /// An i32.
    I32(i32),
    /// An i64.
    I64(i64),
    /// An f32, as its bits.
    F32(u32),
    /// An f64, as its bits.
    F64(u64),
    /// A function reference, or null.
    FuncRef(Option<Func>),
    /// An external reference, or null.
    ExternRef(Option<ExternRef>),
}

macro_rules! accessors {
    ($($get:ident $unwrap:ident $variant:ident $ty:ty;)*) => {$(
        /// The value if it has this type.
        pub fn $get(&self) -> Option<$ty> {
            match self {
                Val::$variant(v) => Some(*v),
                _ => None,
            }
        }
        /// The value.
        ///
        /// # Panics
        /// If it has another type.
        pub fn $unwrap(&self) -> $ty {
            self.$get().expect(concat!("expected ", stringify!($variant)))
        }
    )*};
}

impl Val {
    /// The value's type.
    pub fn ty(&self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
            Val::FuncRef(_) => ValType::FuncRef,
            Val::ExternRef(_) => ValType::ExternRef,
        }
    }

    accessors! {
        i32 unwrap_i32 I32 i32;
        i64 unwrap_i64 I64 i64;
        funcref unwrap_funcref FuncRef Option<Func>;
        externref unwrap_externref ExternRef Option<ExternRef>;
    }

    /// The f32 if this is one.
    pub fn f32(&self) -> Option<f32> {
        match self {
            Val::F32(b) => Some(f32::from_bits(*b)),
            _ => None,
        }
    }
    /// The f32.
    ///
    /// # Panics
    /// If this is not an f32.
    pub fn unwrap_f32(&self) -> f32 {
        self.f32().expect("expected F32")
    }
    /// The f64 if this is one.
    pub fn f64(&self) -> Option<f64> {
        match self {
            Val::F64(b) => Some(f64::from_bits(*b)),
            _ => None,
        }
    }
    /// The f64.
    ///
    /// # Panics
    /// If this is not an f64.
    pub fn unwrap_f64(&self) -> f64 {
        self.f64().expect("expected F64")
    }

    /// The zero (or null) value of `ty`.
    pub fn default_for(ty: ValType) -> Val {
        match ty {
            ValType::I32 => Val::I32(0),
            ValType::I64 => Val::I64(0),
            ValType::F32 => Val::F32(0),
            ValType::F64 => Val::F64(0),
            ValType::FuncRef => Val::FuncRef(None),
            ValType::ExternRef => Val::ExternRef(None),
        }
    }

    /// The value of type `ty` with bits `bits`, as compiled code represents it.
    pub(crate) fn from_bits(store: u64, ty: ValType, bits: u64) -> Val {
        match ty {
            ValType::I32 => Val::I32(bits as u32 as i32),
            ValType::I64 => Val::I64(bits as i64),
            ValType::F32 => Val::F32(bits as u32),
            ValType::F64 => Val::F64(bits),
            ValType::FuncRef => Val::FuncRef((bits != 0).then(|| Func {
                store,
                // SAFETY: a nonzero funcref value of `store` (from a table, global or result)
                // is the address of one of its `VMFuncRef`s.
                raw: unsafe { FuncRef::from_raw(bits as usize) },
            })),
            ValType::ExternRef => Val::ExternRef((bits != 0).then_some(ExternRef {
                store,
                handle: bits,
            })),
        }
    }

    /// The bits compiled code uses for this value, checking that references belong to
    /// `store`.
    pub(crate) fn to_bits<T>(self, store: &StoreInner<T>) -> Result<u64> {
        Ok(match self {
            Val::I32(v) => v as u32 as u64,
            Val::I64(v) => v as u64,
            Val::F32(b) => b as u64,
            Val::F64(b) => b,
            Val::FuncRef(None) | Val::ExternRef(None) => 0,
            Val::FuncRef(Some(f)) => {
                store.check(f.store)?;
                f.raw.as_raw() as u64
            }
            Val::ExternRef(Some(r)) => {
                store.check(r.store)?;
                r.handle
            }
        })
    }

    /// [`Val::to_bits`] after checking the type is `ty`.
    pub(crate) fn to_bits_typed<T>(self, store: &StoreInner<T>, ty: ValType) -> Result<u64> {
        if self.ty() != ty {
            return Err(Error::usage(format!(
                "type mismatch: expected {ty:?}, got {:?}",
                self.ty()
            )));
        }
        self.to_bits(store)
    }
}

impl From<i32> for Val {
    fn from(v: i32) -> Val {
        Val::I32(v)
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::I64(v)
    }
}
impl From<f32> for Val {
    fn from(v: f32) -> Val {
        Val::F32(v.to_bits())
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Val {
        Val::F64(v.to_bits())
    }
}
impl From<Func> for Val {
    fn from(f: Func) -> Val {
        Val::FuncRef(Some(f))
    }
}
impl From<ExternRef> for Val {
    fn from(r: ExternRef) -> Val {
        Val::ExternRef(Some(r))
    }
}
