//! The artifact's header, its targets, and what identifies the build that may load it.
//!
//! ```text
//! offset size  header (40 bytes, little-endian)
//!      0    8  magic "\0BWMOD\r\n" (binary, and mangled by any text-mode transfer)
//!      8    4  format version (FORMAT_VERSION)
//!     12    1  target: 1 = x86_64, 2 = aarch64
//!     13    1  flags: bit 0 = debug code (the body holds site tables), bit 1 = guard
//!              pages (no bounds checks in the code)
//!     14    2  reserved, 0
//!     16    8  ABI fingerprint of the producing build (abi_fingerprint())
//!     24    8  body length in bytes (the file is exactly header + body)
//!     32    8  FNV-1a 64 of the body
//! ```
//!
//! The body's layout is in `write.rs` (and read back, field by field, in `read.rs`).

use alloc::format;
use alloc::string::String;

use crate::compiled::RuntimeStubs;

/// The first eight bytes of every artifact.
pub const MAGIC: [u8; 8] = *b"\0BWMOD\r\n";
/// The version of the layout described here and in `write.rs`; bumped on any change.
pub const FORMAT_VERSION: u32 = 7;
/// Bytes of the header.
pub const HEADER_LEN: usize = 40;
/// Header flag: the artifact holds debug code and its site tables.
pub const FLAG_DEBUG: u8 = 1;
/// Header flag: the code accesses memories without bounds checks (guard pages).
pub const FLAG_GUARD_PAGES: u8 = 2;

/// The instruction set an artifact's code is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// x86-64.
    X86_64,
    /// AArch64.
    Aarch64,
}

impl Target {
    /// The target this build of the core runs on, if it can run compiled code at all.
    pub fn host() -> Option<Target> {
        if cfg!(target_arch = "x86_64") {
            Some(Target::X86_64)
        } else if cfg!(target_arch = "aarch64") {
            Some(Target::Aarch64)
        } else {
            None
        }
    }
    /// The name the backends report (`Isa::name`) and the command line takes.
    pub fn name(self) -> &'static str {
        match self {
            Target::X86_64 => "x86_64",
            Target::Aarch64 => "aarch64",
        }
    }
    /// The target named `name` (as [`Target::name`] gives it).
    pub fn from_name(name: &str) -> Option<Target> {
        match name {
            "x86_64" => Some(Target::X86_64),
            "aarch64" => Some(Target::Aarch64),
            _ => None,
        }
    }
    pub(crate) fn code(self) -> u8 {
        match self {
            Target::X86_64 => 1,
            Target::Aarch64 => 2,
        }
    }
    pub(crate) fn from_code(code: u8) -> Option<Target> {
        match code {
            1 => Some(Target::X86_64),
            2 => Some(Target::Aarch64),
            _ => None,
        }
    }
}

/// FNV-1a, 64 bits: detects accidental corruption (truncation, bit flips), not tampering.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A digest of everything compiled code assumes about the core it runs with: the crate version,
/// the format version, the vmctx and store-context layout, the libcall table's order, the
/// trap codes and the debug ABI. An artifact loads only into a build with the same fingerprint.
/// (Changes to the code generator itself within one version are not visible here: the README
/// says what a host must trust.)
pub fn abi_fingerprint() -> u64 {
    use crate::debug::abi;
    use crate::vmctx::{self, host, store};
    let text: String = format!(
        "breakwater-core {} format {}; vmctx {:?} arrays {}; host {:?}; store {:?}; \
         libcalls {:?}; traps {:?}; debug {:?}",
        env!("CARGO_PKG_VERSION"),
        FORMAT_VERSION,
        [
            vmctx::STACK_LIMIT,
            vmctx::DEBUG_GATES,
            vmctx::STORE,
            vmctx::LIBCALLS,
            vmctx::TRAP_STUB,
            vmctx::INSTANCE,
            vmctx::CODE_BASE,
            vmctx::DEBUG_STATE,
            vmctx::HEADER_SIZE as i32,
        ],
        vmctx::ARRAYS,
        [host::CALLBACK, host::DATA, host::SIZE as i32],
        [
            store::STACK_LIMIT,
            store::ENTRY_SP,
            store::TRAP_CODE,
            store::TRAP_PC,
            store::TRAP_VMCTX,
            store::TRAP_FRAME_COUNT,
            store::TRAP_FRAMES,
            store::TRAP_FRAMES_MAX as i32,
        ],
        crate::libcalls::Libcall::ALL,
        (1..64)
            .filter_map(crate::TrapKind::from_code)
            .collect::<alloc::vec::Vec<_>>(),
        [
            abi::TABLE_GPR as i64,
            abi::BITS_GPR as i64,
            abi::REGISTER_SITES as i64,
            abi::HANDLER_DISP as i64,
            abi::entry_gate_disp(1),
            abi::entry_bits_disp(1),
            abi::FPR_SAVE_BASE as i64,
            abi::REG_SAVE_WORDS as i64,
        ],
    );
    checksum(text.as_bytes())
}

/// A digest of runtime stubs (code and entry offsets): an artifact's stubs and an engine's
/// must be the same code for the artifact's functions to run in that engine.
pub fn stubs_digest(stubs: &RuntimeStubs) -> u64 {
    let mut h = checksum(&stubs.bytes);
    for off in [
        stubs.entry,
        stubs.trap,
        stubs.host_adapter,
        stubs.debug_handler,
    ] {
        h = (h ^ off as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The fixed-size header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) target: Target,
    pub(crate) debug: bool,
    pub(crate) guard_pages: bool,
    pub(crate) body_len: u64,
    pub(crate) body_checksum: u64,
}

impl Header {
    pub(crate) fn to_bytes(self) -> [u8; HEADER_LEN] {
        let mut h = [0u8; HEADER_LEN];
        h[0..8].copy_from_slice(&MAGIC);
        h[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        h[12] = self.target.code();
        h[13] = if self.debug { FLAG_DEBUG } else { 0 }
            | if self.guard_pages {
                FLAG_GUARD_PAGES
            } else {
                0
            };
        h[16..24].copy_from_slice(&abi_fingerprint().to_le_bytes());
        h[24..32].copy_from_slice(&self.body_len.to_le_bytes());
        h[32..40].copy_from_slice(&self.body_checksum.to_le_bytes());
        h
    }

    /// Checks the header of `file` (the whole artifact), in the order that gives the most
    /// useful error: what it is, which version, which target, which build, then integrity.
    pub(crate) fn check(file: &[u8]) -> crate::Result<Header> {
        fn bad(m: impl Into<String>) -> crate::Error {
            crate::Error::artifact(m)
        }
        let h = file
            .get(..HEADER_LEN)
            .ok_or_else(|| bad("not a Breakwater artifact: shorter than its header"))?;
        if h[0..8] != MAGIC {
            return Err(bad("not a Breakwater artifact (bad magic)"));
        }
        let u32_at = |at: usize| u32::from_le_bytes([h[at], h[at + 1], h[at + 2], h[at + 3]]);
        let u64_at = |at: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&h[at..at + 8]);
            u64::from_le_bytes(b)
        };
        let version = u32_at(8);
        if version != FORMAT_VERSION {
            return Err(bad(format!(
                "artifact format version {version}, this build reads version {FORMAT_VERSION}: \
                 compile the module again with this build"
            )));
        }
        let target = Target::from_code(h[12])
            .ok_or_else(|| bad(format!("artifact for an unknown target (code {})", h[12])))?;
        if h[13] & !(FLAG_DEBUG | FLAG_GUARD_PAGES) != 0 || h[14] != 0 || h[15] != 0 {
            return Err(bad("artifact header has unknown flags"));
        }
        let fingerprint = u64_at(16);
        if fingerprint != abi_fingerprint() {
            return Err(bad(format!(
                "artifact made by another Breakwater build (ABI fingerprint {fingerprint:#018x}, \
                 this build {:#018x}): compile the module again with this build",
                abi_fingerprint()
            )));
        }
        let body_len = u64_at(24);
        let actual = (file.len() - HEADER_LEN) as u64;
        if body_len != actual {
            return Err(bad(format!(
                "artifact truncated or extended: its header says {body_len} bytes of body, \
                 there are {actual}"
            )));
        }
        let body_checksum = u64_at(32);
        if checksum(&file[HEADER_LEN..]) != body_checksum {
            return Err(bad("artifact corrupt: its checksum does not match"));
        }
        Ok(Header {
            target,
            debug: h[13] & FLAG_DEBUG != 0,
            guard_pages: h[13] & FLAG_GUARD_PAGES != 0,
            body_len,
            body_checksum,
        })
    }
}
