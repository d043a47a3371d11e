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
    /// Function names from the name section, when present (index, name), sorted by index.
    pub func_names: Vec<(u32, String)>,
    /// The module name from the name section, when present.
    pub name: Option<String>,
    /// Offset in the module of the code section's contents (just after its id and size, where
    /// the function count starts): DWARF's code addresses are relative to it. 0 without a
    /// code section.
    pub code_section_start: usize,
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

impl FuncType {
    /// The parameter types.
    pub fn params(&self) -> &[ValType] {
        &self.params
    }
    /// The result types.
    pub fn results(&self) -> &[ValType] {
        &self.results
    }
}

impl TableType {
    /// A table type.
    pub fn new(elem: ValType, min: u64, max: Option<u64>) -> Self {
        TableType { elem, min, max }
    }
}

impl MemoryType {
    /// A memory type (sizes in 64 KiB pages).
    pub fn new(min: u64, max: Option<u64>) -> Self {
        MemoryType { min, max }
    }
}

/// Whether a global can be set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mutability {
    /// Immutable.
    Const,
    /// Mutable.
    Var,
}

impl From<bool> for Mutability {
    fn from(mutable: bool) -> Self {
        if mutable {
            Mutability::Var
        } else {
            Mutability::Const
        }
    }
}

impl GlobalType {
    /// A global type; `mutability` is a [`Mutability`] or a `bool` (true = mutable).
    pub fn new(ty: ValType, mutability: impl Into<Mutability>) -> Self {
        GlobalType {
            ty,
            mutable: mutability.into() == Mutability::Var,
        }
    }
    /// The mutability.
    pub fn mutability(&self) -> Mutability {
        self.mutable.into()
    }
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

/// A validated module: its description and, per defined function, what the compiler needs.
pub struct ParsedModule<'a> {
    /// The module's description.
    pub info: ModuleInfo,
    /// Per defined function (in order): the validator state and the body.
    pub functions: Vec<(
        wasmparser::FuncToValidate<wasmparser::ValidatorResources>,
        wasmparser::FunctionBody<'a>,
    )>,
}

impl core::fmt::Debug for ParsedModule<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ParsedModule")
            .field("info", &self.info)
            .field("functions", &self.functions.len())
            .finish()
    }
}

fn unsupported(message: &str, offset: u64) -> crate::Error {
    crate::Error::unsupported(message, offset as usize)
}

/// A validation error; SIMD (which the validator refuses as a disabled feature) is reported as
/// unsupported.
fn validation_error(e: wasmparser::BinaryReaderError) -> crate::Error {
    if e.message().contains("SIMD support is not enabled") {
        crate::Error::unsupported(e.message(), e.offset() as usize)
    } else {
        e.into()
    }
}

/// The features Breakwater accepts: exactly WebAssembly 2.0 without SIMD.
pub fn features() -> wasmparser::WasmFeatures {
    use wasmparser::WasmFeatures as F;
    F::MVP
        | F::MUTABLE_GLOBAL
        | F::SATURATING_FLOAT_TO_INT
        | F::SIGN_EXTENSION
        | F::MULTI_VALUE
        | F::BULK_MEMORY
        | F::REFERENCE_TYPES
        | F::FLOATS
}

fn val_type(ty: wasmparser::ValType, offset: u64) -> crate::Result<ValType> {
    ValType::from_wasmparser(ty).ok_or_else(|| unsupported("unsupported value type", offset))
}

fn ref_type(ty: wasmparser::RefType, offset: u64) -> crate::Result<ValType> {
    val_type(wasmparser::ValType::Ref(ty), offset)
}

fn table_type(ty: &wasmparser::TableType, offset: u64) -> crate::Result<TableType> {
    if ty.table64 || ty.shared {
        return Err(unsupported("unsupported table type", offset));
    }
    Ok(TableType {
        elem: ref_type(ty.element_type, offset)?,
        min: ty.initial,
        max: ty.maximum,
    })
}

fn memory_type(ty: &wasmparser::MemoryType, offset: u64) -> crate::Result<MemoryType> {
    if ty.memory64 || ty.shared || ty.page_size_log2.is_some() {
        return Err(unsupported("unsupported memory type", offset));
    }
    Ok(MemoryType {
        min: ty.initial,
        max: ty.maximum,
    })
}

fn global_type(ty: &wasmparser::GlobalType, offset: u64) -> crate::Result<GlobalType> {
    if ty.shared {
        return Err(unsupported("unsupported global type", offset));
    }
    Ok(GlobalType {
        ty: val_type(ty.content_type, offset)?,
        mutable: ty.mutable,
    })
}

/// Reads a (validated) constant expression: exactly one instruction then `end`.
fn const_expr(expr: &wasmparser::ConstExpr<'_>) -> crate::Result<ConstExpr> {
    use wasmparser::Operator as O;
    let mut reader = expr.get_operators_reader();
    let offset = reader.original_position();
    let op = reader.read()?;
    let value = match op {
        O::I32Const { value } => ConstExpr::I32(value),
        O::I64Const { value } => ConstExpr::I64(value),
        O::F32Const { value } => ConstExpr::F32(value.bits()),
        O::F64Const { value } => ConstExpr::F64(value.bits()),
        O::RefNull { hty } => {
            let ty = if hty == wasmparser::HeapType::FUNC {
                ValType::FuncRef
            } else if hty == wasmparser::HeapType::EXTERN {
                ValType::ExternRef
            } else {
                return Err(unsupported("unsupported heap type", offset));
            };
            ConstExpr::RefNull(ty)
        }
        O::RefFunc { function_index } => ConstExpr::RefFunc(function_index),
        O::GlobalGet { global_index } => ConstExpr::GlobalGet(global_index),
        _ => return Err(unsupported("unsupported constant expression", offset)),
    };
    let offset = reader.original_position();
    match reader.read()? {
        O::End => Ok(value),
        _ => Err(unsupported("unsupported constant expression", offset)),
    }
}

fn name_section(info: &mut ModuleInfo, reader: wasmparser::NameSectionReader<'_>) {
    for name in reader {
        let map = match name {
            Ok(wasmparser::Name::Function(map)) => map,
            Ok(wasmparser::Name::Module { name, .. }) => {
                info.name = Some(String::from(name));
                continue;
            }
            _ => continue,
        };
        for naming in map {
            match naming {
                Ok(n) => info.func_names.push((n.index, String::from(n.name))),
                Err(_) => break,
            }
        }
    }
    info.func_names.sort_by_key(|(i, _)| *i);
    info.func_names.dedup_by_key(|(i, _)| *i);
}

/// Rereads the memory section's limits as the 2.0 binary format has them (u32 LEB128s, at most
/// 5 bytes): wasmparser reads them as u64s and so accepts overlong encodings.
fn check_memory_limits(bytes: &[u8], range: core::ops::Range<u64>) -> crate::Result<()> {
    let section = bytes
        .get(range.start as usize..range.end as usize)
        .ok_or_else(|| crate::Error::invalid("unexpected end", range.start as usize))?;
    let mut reader = wasmparser::BinaryReader::new(section, range.start);
    for _ in 0..reader.read_var_u32()? {
        let flags = reader.read_u8()?;
        reader.read_var_u32()?;
        if flags & 1 != 0 {
            reader.read_var_u32()?;
        }
    }
    Ok(())
}

/// Validates `bytes` as a WebAssembly 2.0 (no SIMD) module and describes it.
///
/// Function bodies are not validated here: each comes with the validator state the compiler
/// needs to validate it while compiling.
pub fn parse(bytes: &[u8]) -> crate::Result<ParsedModule<'_>> {
    use wasmparser::{Payload, ValidPayload};
    let mut validator = wasmparser::Validator::new_with_features(features());
    let mut info = ModuleInfo::default();
    let mut functions = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        let payload = payload?;
        let valid = validator.payload(&payload).map_err(validation_error)?;
        match payload {
            Payload::TypeSection(reader) => {
                for group in reader.into_iter_with_offsets() {
                    let (offset, group) = group?;
                    for sub in group.into_types() {
                        let wasmparser::CompositeInnerType::Func(ft) = &sub.composite_type.inner
                        else {
                            return Err(unsupported("unsupported type", offset));
                        };
                        let params = ft
                            .params()
                            .iter()
                            .map(|t| val_type(*t, offset))
                            .collect::<crate::Result<Box<[ValType]>>>()?;
                        let results = ft
                            .results()
                            .iter()
                            .map(|t| val_type(*t, offset))
                            .collect::<crate::Result<Box<[ValType]>>>()?;
                        info.types.push(FuncType { params, results });
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports_with_offsets() {
                    {
                        let (offset, import) = import?;
                        use wasmparser::TypeRef;
                        let kind = match import.ty {
                            TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                                info.functions.push(t);
                                info.num_imported_funcs += 1;
                                ImportKind::Func(t)
                            }
                            TypeRef::Table(t) => {
                                let t = table_type(&t, offset)?;
                                info.tables.push(t);
                                info.num_imported_tables += 1;
                                ImportKind::Table(t)
                            }
                            TypeRef::Memory(m) => {
                                let m = memory_type(&m, offset)?;
                                info.memories.push(m);
                                info.num_imported_memories += 1;
                                ImportKind::Memory(m)
                            }
                            TypeRef::Global(g) => {
                                let g = global_type(&g, offset)?;
                                info.globals.push(g);
                                info.num_imported_globals += 1;
                                ImportKind::Global(g)
                            }
                            _ => return Err(unsupported("unsupported import kind", offset)),
                        };
                        info.imports.push(Import {
                            module: String::from(import.module),
                            name: String::from(import.name),
                            kind,
                        });
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for t in reader {
                    info.functions.push(t?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader.into_iter_with_offsets() {
                    let (offset, table) = table?;
                    if !matches!(table.init, wasmparser::TableInit::RefNull) {
                        return Err(unsupported("unsupported table initializer", offset));
                    }
                    info.tables.push(table_type(&table.ty, offset)?);
                }
            }
            Payload::MemorySection(reader) => {
                check_memory_limits(bytes, reader.range())?;
                for memory in reader.into_iter_with_offsets() {
                    let (offset, memory) = memory?;
                    info.memories.push(memory_type(&memory, offset)?);
                }
            }
            Payload::GlobalSection(reader) => {
                for global in reader.into_iter_with_offsets() {
                    let (offset, global) = global?;
                    info.globals.push(global_type(&global.ty, offset)?);
                    info.global_inits.push(const_expr(&global.init_expr)?);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader.into_iter_with_offsets() {
                    let (offset, export) = export?;
                    use wasmparser::ExternalKind as K;
                    let kind = match export.kind {
                        K::Func | K::FuncExact => ExportKind::Func(export.index),
                        K::Table => ExportKind::Table(export.index),
                        K::Memory => ExportKind::Memory(export.index),
                        K::Global => ExportKind::Global(export.index),
                        K::Tag => return Err(unsupported("unsupported export kind", offset)),
                    };
                    info.exports.push(Export {
                        name: String::from(export.name),
                        kind,
                    });
                }
            }
            Payload::StartSection { func, .. } => info.start = Some(func),
            Payload::ElementSection(reader) => {
                for element in reader.into_iter_with_offsets() {
                    let (offset, element) = element?;
                    let mode = match &element.kind {
                        wasmparser::ElementKind::Passive => SegmentMode::Passive,
                        wasmparser::ElementKind::Declared => SegmentMode::Declared,
                        wasmparser::ElementKind::Active {
                            table_index,
                            offset_expr,
                        } => SegmentMode::Active {
                            index: table_index.unwrap_or(0),
                            offset: const_expr(offset_expr)?,
                        },
                    };
                    let (ty, items) = match element.items {
                        wasmparser::ElementItems::Functions(funcs) => (
                            ValType::FuncRef,
                            funcs
                                .into_iter()
                                .map(|f| f.map(ConstExpr::RefFunc).map_err(crate::Error::from))
                                .collect::<crate::Result<Box<[ConstExpr]>>>()?,
                        ),
                        wasmparser::ElementItems::Expressions(ty, exprs) => (
                            ref_type(ty, offset)?,
                            exprs
                                .into_iter()
                                .map(|e| const_expr(&e?))
                                .collect::<crate::Result<Box<[ConstExpr]>>>()?,
                        ),
                    };
                    info.elements.push(ElementSegment { ty, mode, items });
                }
            }
            Payload::DataSection(reader) => {
                for data in reader {
                    let data = data?;
                    let mode = match &data.kind {
                        wasmparser::DataKind::Passive => SegmentMode::Passive,
                        wasmparser::DataKind::Active {
                            memory_index,
                            offset_expr,
                        } => SegmentMode::Active {
                            index: *memory_index,
                            offset: const_expr(offset_expr)?,
                        },
                    };
                    // `data.data` is a subslice of `bytes`: its position is its range.
                    let start = data.data.as_ptr() as usize - bytes.as_ptr() as usize;
                    info.data.push(DataSegment {
                        mode,
                        range: start..start + data.data.len(),
                    });
                }
            }
            Payload::CodeSectionStart {
                unchecked_range, ..
            } => {
                info.code_section_start = unchecked_range.start as usize;
            }
            Payload::CodeSectionEntry(body) => {
                let r = body.range();
                info.bodies.push(r.start as usize..r.end as usize);
                if let ValidPayload::Func(func, body) = valid {
                    functions.push((func, body));
                }
            }
            Payload::CustomSection(reader) => {
                if let wasmparser::KnownCustom::Name(names) = reader.as_known() {
                    name_section(&mut info, names);
                }
            }
            _ => {}
        }
    }
    Ok(ParsedModule { info, functions })
}

/// Validates `bytes` completely (function bodies included) without compiling them.
pub fn validate(bytes: &[u8]) -> crate::Result<()> {
    let parsed = parse(bytes)?;
    let mut allocs = wasmparser::FuncValidatorAllocations::default();
    for (func, body) in parsed.functions {
        let mut validator = func.into_validator(allocs);
        validator.validate(&body).map_err(validation_error)?;
        allocs = validator.into_allocations();
    }
    Ok(())
}
