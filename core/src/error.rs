//! One-word errors with a byte offset, in the style of wasmparser's.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use core::fmt;

/// The result type of everything in the core that can fail on bad input.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// What went wrong, kept behind a box so that `Result`s stay one word.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    inner: Box<ErrorInner>,
}

#[derive(Clone, PartialEq, Eq, Debug)]
struct ErrorInner {
    kind: ErrorKind,
    message: String,
    offset: Option<usize>,
}

/// The broad class of an error.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorKind {
    /// The bytes are not a well-formed or valid module (wasmparser said so).
    Invalid,
    /// The module uses something Breakwater does not support (e.g. SIMD).
    Unsupported,
    /// Instantiation failed: imports do not match.
    Link,
    /// Instantiation or a call ran out of a resource (memory, table size).
    Resource,
    /// An internal limit of the compiler was exceeded.
    Limit,
    /// The bytes are not an artifact this build can load: corrupt, truncated, or from
    /// another format version, build or target (see [`crate::artifact`]).
    Artifact,
}

impl Error {
    /// An error of `kind` with `message`, at `offset` in the module bytes when known.
    #[cold]
    pub fn new(kind: ErrorKind, message: impl Into<String>, offset: Option<usize>) -> Self {
        Error {
            inner: Box::new(ErrorInner {
                kind,
                message: message.into(),
                offset,
            }),
        }
    }
    /// A validation error at a byte offset.
    #[cold]
    pub fn invalid(message: impl Into<String>, offset: usize) -> Self {
        Self::new(ErrorKind::Invalid, message, Some(offset))
    }
    /// An unsupported-feature error at a byte offset.
    #[cold]
    pub fn unsupported(message: impl Into<String>, offset: usize) -> Self {
        Self::new(ErrorKind::Unsupported, message, Some(offset))
    }
    /// A link (import mismatch) error.
    #[cold]
    pub fn link(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Link, message, None)
    }
    /// A resource error (allocation failed, limit exceeded).
    #[cold]
    pub fn resource(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Resource, message, None)
    }
    /// An artifact that cannot be loaded (see [`crate::artifact`]).
    #[cold]
    pub fn artifact(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Artifact, message, None)
    }
    /// A compiler-limit error at a byte offset.
    #[cold]
    pub fn limit(message: impl Into<String>, offset: usize) -> Self {
        Self::new(ErrorKind::Limit, message, Some(offset))
    }
    /// The class of the error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }
    /// The message, without the offset.
    pub fn message(&self) -> &str {
        &self.inner.message
    }
    /// The byte offset in the module, when known.
    pub fn offset(&self) -> Option<usize> {
        self.inner.offset
    }
}

impl From<wasmparser::BinaryReaderError> for Error {
    #[cold]
    fn from(e: wasmparser::BinaryReaderError) -> Self {
        Error::invalid(e.message().to_string(), e.offset() as usize)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.inner.offset {
            Some(off) => write!(f, "{} (at offset 0x{:x})", self.inner.message, off),
            None => f.write_str(&self.inner.message),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.inner.kind, self)
    }
}

impl core::error::Error for Error {}
