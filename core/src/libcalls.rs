//! Runtime functions that compiled code calls for work too large to inline (bulk memory,
//! tables, growth, float-to-int truncation).
//!
//! Every libcall has the one C signature [`LibcallFn`]: the vmctx, then up to five `u64`
//! arguments (floats as their bits, i32 zero-extended), returning a value and a trap code
//! (0 = no trap) in the two return registers. The table of their addresses is reachable from
//! every vmctx at [`crate::vmctx::LIBCALLS`], indexed by `Libcall as usize`.

/// What a libcall returns: the result's bits and a trap code (0 = none).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LibcallResult {
    /// The result (ignored for libcalls without one).
    pub value: u64,
    /// 0, or a [`crate::TrapKind`] code.
    pub trap: u64,
}

/// The signature shared by all libcalls.
pub type LibcallFn = unsafe extern "C" fn(
    vmctx: *mut crate::vmctx::VMFuncRef, // opaque: really the caller's vmctx
    a: u64,
    b: u64,
    c: u64,
    d: u64,
    e: u64,
) -> LibcallResult;

macro_rules! libcalls {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident),* ) ; )*) => {
        /// A runtime function callable from compiled code. Arguments in order after the vmctx.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u32)]
        pub enum Libcall {
            $( $(#[$doc])* $name, )*
        }
        impl Libcall {
            /// Every libcall, in table order.
            pub const ALL: &'static [Libcall] = &[$(Libcall::$name),*];
            /// Number of arguments after the vmctx.
            pub fn arity(self) -> usize {
                match self {
                    $( Libcall::$name => [$(stringify!($arg)),*].len(), )*
                }
            }
        }
    };
}

libcalls! {
    /// `memory.grow`: (memory, delta pages) -> old size in pages or -1 (as u32).
    MemoryGrow(memory, delta);
    /// `memory.fill`: (memory, dst, byte, len); traps out of bounds.
    MemoryFill(memory, dst, val, len);
    /// `memory.copy`: (dst memory, src memory, dst, src, len); traps out of bounds.
    MemoryCopy(dst_memory, src_memory, dst, src, len);
    /// `memory.init`: (memory, data segment, dst, src, len); traps out of bounds.
    MemoryInit(memory, segment, dst, src, len);
    /// `data.drop`: (data segment).
    DataDrop(segment);
    /// `table.get`: (table, index) -> element; traps out of bounds.
    TableGet(table, index);
    /// `table.set`: (table, index, value); traps out of bounds.
    TableSet(table, index, value);
    /// `table.grow`: (table, init value, delta) -> old size or -1 (as u32).
    TableGrow(table, init, delta);
    /// `table.fill`: (table, dst, value, len); traps out of bounds.
    TableFill(table, dst, val, len);
    /// `table.copy`: (dst table, src table, dst, src, len); traps out of bounds.
    TableCopy(dst_table, src_table, dst, src, len);
    /// `table.init`: (table, element segment, dst, src, len); traps out of bounds.
    TableInit(table, segment, dst, src, len);
    /// `elem.drop`: (element segment).
    ElemDrop(segment);
    /// `i32.trunc_f32_s`: (f32 bits); traps on NaN or overflow.
    I32TruncF32S(x);
    /// `i32.trunc_f32_u`.
    I32TruncF32U(x);
    /// `i32.trunc_f64_s`.
    I32TruncF64S(x);
    /// `i32.trunc_f64_u`.
    I32TruncF64U(x);
    /// `i64.trunc_f32_s`.
    I64TruncF32S(x);
    /// `i64.trunc_f32_u`.
    I64TruncF32U(x);
    /// `i64.trunc_f64_s`.
    I64TruncF64S(x);
    /// `i64.trunc_f64_u`.
    I64TruncF64U(x);
    /// `i32.trunc_sat_f32_s`: saturating, NaN -> 0.
    I32TruncSatF32S(x);
    /// `i32.trunc_sat_f32_u`.
    I32TruncSatF32U(x);
    /// `i32.trunc_sat_f64_s`.
    I32TruncSatF64S(x);
    /// `i32.trunc_sat_f64_u`.
    I32TruncSatF64U(x);
    /// `i64.trunc_sat_f32_s`.
    I64TruncSatF32S(x);
    /// `i64.trunc_sat_f32_u`.
    I64TruncSatF32U(x);
    /// `i64.trunc_sat_f64_s`.
    I64TruncSatF64S(x);
    /// `i64.trunc_sat_f64_u`.
    I64TruncSatF64U(x);
}
