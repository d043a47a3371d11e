//! A validated module's static description: what the compiler and the runtime need to know.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use crate::types::{FuncType, ValType};

/// Index spaces and segments of a validated module. Imports come first in each index space.
#[derive(Clone, Debug, Default)]
pub struct ModuleInfo {
    /// The type section.
    pub types: Vec<FuncType>,
    /// Type index of each function (imported functions first).
    pub functions: Vec<u32>,
    /// How many of `functions` are imported.
    pub num_imported_funcs: u32,
    /// Every table (imported first).
    pub tables: Vec<TableType>,
    /// How many of `tables` are imported.
    pub num_imported_tables: u32,
    /// Every memory (imported first).
    pub memories: Vec<MemoryType>,
    /// How many of `memories` are imported.
    pub num_imported_memories: u32,
    /// Every global (imported first).
    pub globals: Vec<GlobalType>,
    /// How many of `globals` are imported.
    pub num_imported_globals: u32,
    /// Initializers of the defined globals (`globals[num_imported_globals + i]`).
    pub global_inits: Vec<ConstExpr>,
    /// Imports in section order.
    pub imports: Vec<Import>,
    /// Exports in section order.
    pub exports: Vec<Export>,
    /// The start function.
    pub start: Option<u32>,
    /// Element segments.
    pub elements: Vec<ElementSegment>,
    /// Data segments.
    pub data: Vec<DataSegment>,
    /// Byte range (in the module) of each defined function's body, `functions[num_imported_funcs + i]`.
    pub bodies: Vec<core::ops::Range<usize>>,
    /// Function names from the name section, when present (index, name).
    pub func_names: Vec<(u32, String)>,
}

impl ModuleInfo {
    /// The signature of function `index`.
    pub fn func_type(&self, index: u32) -> &FuncType {
        &self.types[self.functions[index as usize] as usize]
    }
    /// Number of functions defined (not imported) by the module.
    pub fn num_defined_funcs(&self) -> u32 {
        self.functions.len() as u32 - self.num_imported_funcs
    }
}

/// A table's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableType {
    /// `FuncRef` or `ExternRef`.
    pub elem: ValType,
    /// Initial size in elements.
    pub min: u64,
    /// Maximum size in elements.
    pub max: Option<u64>,
}

/// A memory's type (in 64 KiB pages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryType {
    /// Initial size in pages.
    pub min: u64,
    /// Maximum size in pages.
    pub max: Option<u64>,
}

/// A global's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlobalType {
    /// Value type.
    pub ty: ValType,
    /// Whether `global.set` is allowed.
    pub mutable: bool,
}

/// A constant expression (WebAssembly 2.0 allows exactly one of these instructions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstExpr {
    /// `i32.const`.
    I32(i32),
    /// `i64.const`.
    I64(i64),
    /// `f32.const`, as bits.
    F32(u32),
    /// `f64.const`, as bits.
    F64(u64),
    /// `ref.null`.
    RefNull(ValType),
    /// `ref.func`.
    RefFunc(u32),
    /// `global.get` of an (imported) global.
    GlobalGet(u32),
}

/// What an import provides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// A function of this type index.
    Func(u32),
    /// A table.
    Table(TableType),
    /// A memory.
    Memory(MemoryType),
    /// A global.
    Global(GlobalType),
}

/// One import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// Module name.
    pub module: String,
    /// Field name.
    pub name: String,
    /// What is imported.
    pub kind: ImportKind,
}

/// What an export names (an index in its index space).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// A function index.
    Func(u32),
    /// A table index.
    Table(u32),
    /// A memory index.
    Memory(u32),
    /// A global index.
    Global(u32),
}

/// One export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// Export name.
    pub name: String,
    /// What is exported.
    pub kind: ExportKind,
}

/// An element segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementSegment {
    /// Element type.
    pub ty: ValType,
    /// Active (table index and offset), passive or declarative.
    pub mode: SegmentMode,
    /// The items, each a constant expression (`ref.func`, `ref.null`, `global.get`).
    pub items: Box<[ConstExpr]>,
}

/// A data segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataSegment {
    /// Active (memory index and offset) or passive.
    pub mode: SegmentMode,
    /// Byte range of the data in the module.
    pub range: core::ops::Range<usize>,
}

/// How a segment is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentMode {
    /// Copied at instantiation into table/memory `index` at `offset`.
    Active {
        /// Table or memory index.
        index: u32,
        /// Offset expression.
        offset: ConstExpr,
    },
    /// Used by `table.init`/`memory.init`.
    Passive,
    /// Only declares functions for `ref.func` (element segments only); dropped at instantiation.
    Declared,
}
