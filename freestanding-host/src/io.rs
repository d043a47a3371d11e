//! Files and standard streams over the system calls: whole-file reads, line output.

use alloc::vec::Vec;

use crate::sys;

/// Reads `fd` to its end.
pub fn read_all(fd: i32) -> Result<Vec<u8>, sys::Errno> {
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match sys::read(fd, &mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(sys::Errno(4)) => {} // EINTR
            Err(e) => return Err(e),
        }
    }
}

/// Reads the file at `path`.
pub fn read_file(path: &[u8]) -> Result<Vec<u8>, sys::Errno> {
    let mut z = path.to_vec();
    z.push(0);
    let fd = sys::open(&z)?;
    let bytes = read_all(fd);
    sys::close(fd);
    bytes
}

/// Writes a line to standard output (a failed write ends the program: nobody hears it).
pub fn line(text: &str) {
    let mut bytes = Vec::with_capacity(text.len() + 1);
    bytes.extend_from_slice(text.as_bytes());
    bytes.push(b'\n');
    if sys::write_all(1, &bytes).is_err() {
        sys::exit(3);
    }
}

/// Writes a line to standard error.
pub fn error(text: &str) {
    let _ = sys::write_all(2, text.as_bytes());
    let _ = sys::write_all(2, b"\n");
}

/// `line(&format!(...))`.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => { $crate::io::line(&alloc::format!($($arg)*)) };
}
