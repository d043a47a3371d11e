//! The embedding API's error type.

use std::fmt;

use breakwater_core::error::ErrorKind;
use breakwater_core::Trap;

/// Everything the embedding API can fail with.
#[derive(Debug)]
pub enum Error {
    /// The module is malformed or invalid (or uses something unsupported), with its offset.
    Compile(breakwater_core::Error),
    /// Instantiation failed: an import is missing or has the wrong type.
    Link(String),
    /// Wasm code trapped (also in a start function, or a segment out of bounds during
    /// instantiation).
    Trap(Trap),
    /// A host function failed with this error.
    Host(Box<dyn std::error::Error + Send + Sync>),
    /// A resource ran out (memory, table size, executable memory).
    Resource(String),
    /// The API was used wrongly: wrong argument types or counts, an object of another store,
    /// setting an immutable global.
    Usage(String),
}

/// The result type of the embedding API.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The trap, if this error is one.
    pub fn as_trap(&self) -> Option<&Trap> {
        match self {
            Error::Trap(t) => Some(t),
            _ => None,
        }
    }
    /// A host error with `message`, for host functions to return.
    pub fn msg(message: impl fmt::Display) -> Error {
        Error::Host(message.to_string().into())
    }
    pub(crate) fn usage(message: impl Into<String>) -> Error {
        Error::Usage(message.into())
    }
    pub(crate) fn wrong_store() -> Error {
        Error::usage("object used with a store that does not own it")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Compile(e) => write!(f, "{e}"),
            Error::Link(e) => write!(f, "{e}"),
            Error::Trap(t) => write!(f, "wasm trap: {t}"),
            Error::Host(e) => write!(f, "host error: {e}"),
            Error::Resource(e) => write!(f, "{e}"),
            Error::Usage(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Compile(e) => Some(e),
            Error::Trap(t) => Some(t),
            Error::Host(e) => Some(&**e),
            _ => None,
        }
    }
}

impl From<breakwater_core::Error> for Error {
    fn from(e: breakwater_core::Error) -> Self {
        match e.kind() {
            ErrorKind::Link => Error::Link(e.message().to_string()),
            ErrorKind::Resource => Error::Resource(e.to_string()),
            _ => Error::Compile(e),
        }
    }
}

impl From<Trap> for Error {
    fn from(t: Trap) -> Self {
        Error::Trap(t)
    }
}

impl From<Box<dyn std::error::Error + Send + Sync>> for Error {
    fn from(e: Box<dyn std::error::Error + Send + Sync>) -> Self {
        Error::Host(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Resource(e.to_string())
    }
}
