//! Traps are values: a kind, the place (function index, bytecode offset) and the backtrace.

use alloc::vec::Vec;
use core::fmt;

/// Why Wasm code trapped. The discriminants are the codes that compiled code and the runtime
/// stubs pass in registers (0 means "no trap").
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[repr(u32)]
pub enum TrapKind {
    /// `unreachable` was executed.
    Unreachable = 1,
    /// Integer division or remainder by zero.
    IntegerDivideByZero = 2,
    /// Signed integer division overflow (`INT_MIN / -1`).
    IntegerOverflow = 3,
    /// A float-to-int truncation of NaN or an out-of-range value.
    InvalidConversionToInteger = 4,
    /// A load, store or bulk-memory operation outside the memory.
    MemoryOutOfBounds = 5,
    /// A table access (table.get/set/fill/copy/init) outside the table.
    TableOutOfBounds = 6,
    /// call_indirect found a function of another type.
    IndirectCallTypeMismatch = 7,
    /// call_indirect found a null element.
    UninitializedElement = 8,
    /// The explicit stack check in a prologue failed.
    StackOverflow = 9,
    /// A host function returned an error.
    HostError = 10,
    /// A null reference was dereferenced where one is not allowed.
    NullReference = 11,
    /// call_indirect's index is outside the table.
    UndefinedElement = 12,
    /// A debugger aborted the call.
    Interrupted = 13,
    /// The host passed a reference argument this store did not make (nothing ran).
    InvalidReference = 14,
}

impl TrapKind {
    /// The kind for a nonzero trap code, if it is one.
    pub fn from_code(code: u64) -> Option<TrapKind> {
        use TrapKind::*;
        Some(match code {
            1 => Unreachable,
            2 => IntegerDivideByZero,
            3 => IntegerOverflow,
            4 => InvalidConversionToInteger,
            5 => MemoryOutOfBounds,
            6 => TableOutOfBounds,
            7 => IndirectCallTypeMismatch,
            8 => UninitializedElement,
            9 => StackOverflow,
            10 => HostError,
            11 => NullReference,
            12 => UndefinedElement,
            13 => Interrupted,
            14 => InvalidReference,
            _ => return None,
        })
    }
    /// The code passed in registers.
    pub fn code(self) -> u32 {
        self as u32
    }
    /// The message the spec test suite expects for this trap (a prefix of it is matched).
    pub fn message(self) -> &'static str {
        use TrapKind::*;
        match self {
            Unreachable => "unreachable",
            IntegerDivideByZero => "integer divide by zero",
            IntegerOverflow => "integer overflow",
            InvalidConversionToInteger => "invalid conversion to integer",
            MemoryOutOfBounds => "out of bounds memory access",
            TableOutOfBounds => "out of bounds table access",
            IndirectCallTypeMismatch => "indirect call type mismatch",
            UninitializedElement => "uninitialized element",
            StackOverflow => "call stack exhausted",
            HostError => "host function error",
            NullReference => "null reference",
            UndefinedElement => "undefined element",
            Interrupted => "interrupted by the debugger",
            InvalidReference => "invalid reference argument: not null and not made by this store",
        }
    }
}

impl fmt::Display for TrapKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// A trap with where it happened.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Trap {
    /// What went wrong.
    pub kind: TrapKind,
    /// The function index (in the module's function index space) that trapped, when known.
    pub func_index: Option<u32>,
    /// The bytecode offset (from the start of the module) of the trapping instruction, when known.
    pub bytecode_offset: Option<u32>,
    /// The frames active when it trapped, innermost (the trapping function) first: the Wasm
    /// frames of every instance, and a host frame wherever Wasm called a host function that
    /// called Wasm again, up to the outermost call from the host (empty when not known, e.g.
    /// for a trap during instantiation).
    pub backtrace: Vec<TrapFrame>,
    /// How many frames of the trapping activation (the Wasm frames up to the innermost host
    /// frame) the backtrace leaves out after its first ones (a deep recursion's).
    pub omitted_frames: usize,
}

/// A frame of a trap's backtrace.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct TrapFrame {
    /// The instance whose code runs in the frame, or `None` for a host frame (host code
    /// between two Wasm frames; its `func_index` is 0 and its `bytecode_offset` `None`).
    pub instance: Option<crate::runtime::InstanceId>,
    /// The function (in the index space of the module that defines it).
    pub func_index: u32,
    /// Where it was: the trapping instruction for the innermost frame; `None` for callers
    /// (where a call returns to is not recorded in normal code).
    pub bytecode_offset: Option<u32>,
}

impl TrapFrame {
    /// A host frame.
    pub fn host() -> TrapFrame {
        TrapFrame {
            instance: None,
            func_index: 0,
            bytecode_offset: None,
        }
    }
    /// Whether this is a host frame.
    pub fn is_host(&self) -> bool {
        self.instance.is_none()
    }
}

impl Trap {
    /// A trap of `kind` with no place or backtrace known.
    pub fn new(kind: TrapKind) -> Trap {
        Trap {
            kind,
            func_index: None,
            bytecode_offset: None,
            backtrace: Vec::new(),
            omitted_frames: 0,
        }
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        match (self.func_index, self.bytecode_offset) {
            (Some(func), Some(off)) => write!(f, " in function {func} at offset 0x{off:x}"),
            (Some(func), None) => write!(f, " in function {func}"),
            _ => Ok(()),
        }
    }
}

impl core::error::Error for Trap {}
