//! Value and function types as the compiler and runtime see them.

use alloc::boxed::Box;

/// A Wasm value type (WebAssembly 2.0 without SIMD).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum ValType {
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// 32-bit float.
    F32,
    /// 64-bit float.
    F64,
    /// Nullable function reference: a `*const VMFuncRef`, 0 for null.
    FuncRef,
    /// Nullable external reference: a host handle, 0 for null.
    ExternRef,
}

impl ValType {
    /// The type's name in the text format (`i32`, `funcref`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ValType::I32 => "i32",
            ValType::I64 => "i64",
            ValType::F32 => "f32",
            ValType::F64 => "f64",
            ValType::FuncRef => "funcref",
            ValType::ExternRef => "externref",
        }
    }
    /// Whether values of this type live in float registers.
    pub fn is_float(self) -> bool {
        matches!(self, ValType::F32 | ValType::F64)
    }
    /// Whether this is a reference type.
    pub fn is_ref(self) -> bool {
        matches!(self, ValType::FuncRef | ValType::ExternRef)
    }
    /// Whether the value is 64 bits wide in a register (i64, f64, references).
    pub fn is_64(self) -> bool {
        !matches!(self, ValType::I32 | ValType::F32)
    }
    /// Converts a wasmparser value type; `None` for types Breakwater does not support.
    pub fn from_wasmparser(ty: wasmparser::ValType) -> Option<ValType> {
        use wasmparser::ValType as W;
        Some(match ty {
            W::I32 => ValType::I32,
            W::I64 => ValType::I64,
            W::F32 => ValType::F32,
            W::F64 => ValType::F64,
            W::Ref(r) if r.is_func_ref() => ValType::FuncRef,
            W::Ref(r) if r.is_extern_ref() => ValType::ExternRef,
            _ => return None,
        })
    }
}

/// A function signature.
#[derive(Clone, PartialEq, Eq, Debug, Hash)]
pub struct FuncType {
    /// Parameter types.
    pub params: Box<[ValType]>,
    /// Result types.
    pub results: Box<[ValType]>,
}

impl FuncType {
    /// A signature from parameter and result types.
    pub fn new(
        params: impl IntoIterator<Item = ValType>,
        results: impl IntoIterator<Item = ValType>,
    ) -> Self {
        FuncType {
            params: params.into_iter().collect(),
            results: results.into_iter().collect(),
        }
    }
    /// The number of 8-byte slots of the argument/result area of a call: `max(params, results)`.
    ///
    /// Arguments and results are passed in memory: the caller sets its stack pointer to the
    /// lowest slot of this area, and the callee sees value `i` at `fp + 16 + 8 * (K - 1 - i)`.
    pub fn area_slots(&self) -> usize {
        self.params.len().max(self.results.len())
    }
}
