//! The operating system, as a kernel's services would stand in for it: a handful of raw Linux
//! system calls (no C library), for x86-64 and AArch64.

use core::arch::asm;

#[cfg(target_arch = "x86_64")]
mod nr {
    pub const READ: usize = 0;
    pub const WRITE: usize = 1;
    pub const CLOSE: usize = 3;
    pub const MMAP: usize = 9;
    pub const MPROTECT: usize = 10;
    pub const MUNMAP: usize = 11;
    pub const EXIT_GROUP: usize = 231;
    pub const OPENAT: usize = 257;
    pub const PPOLL: usize = 271;
    pub const FCNTL: usize = 72;
}

#[cfg(target_arch = "aarch64")]
mod nr {
    pub const READ: usize = 63;
    pub const WRITE: usize = 64;
    pub const CLOSE: usize = 57;
    pub const MMAP: usize = 222;
    pub const MPROTECT: usize = 226;
    pub const MUNMAP: usize = 215;
    pub const EXIT_GROUP: usize = 94;
    pub const OPENAT: usize = 56;
    pub const PPOLL: usize = 73;
    pub const FCNTL: usize = 25;
}

/// A system call with up to six arguments; returns the kernel's result (negative: -errno).
///
/// # Safety
/// The arguments must be what system call `n` expects (pointers valid for its accesses).
#[cfg(target_arch = "x86_64")]
unsafe fn syscall(n: usize, a: [usize; 6]) -> isize {
    let ret: isize;
    // SAFETY: the caller's contract; `syscall` clobbers rcx and r11 only.
    unsafe {
        asm!(
            "syscall",
            inlateout("rax") n as isize => ret,
            in("rdi") a[0], in("rsi") a[1], in("rdx") a[2],
            in("r10") a[3], in("r8") a[4], in("r9") a[5],
            lateout("rcx") _, lateout("r11") _,
            options(nostack),
        );
    }
    ret
}

/// See the x86-64 version.
///
/// # Safety
/// The arguments must be what system call `n` expects (pointers valid for its accesses).
#[cfg(target_arch = "aarch64")]
unsafe fn syscall(n: usize, a: [usize; 6]) -> isize {
    let ret: isize;
    // SAFETY: the caller's contract; `svc #0` preserves every register but x0.
    unsafe {
        asm!(
            "svc #0",
            in("x8") n,
            inlateout("x0") a[0] as isize => ret,
            in("x1") a[1], in("x2") a[2], in("x3") a[3], in("x4") a[4], in("x5") a[5],
            options(nostack),
        );
    }
    ret
}

/// A failed system call's errno.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Errno(pub isize);

fn result(ret: isize) -> Result<usize, Errno> {
    if (-4095..0).contains(&ret) {
        Err(Errno(-ret))
    } else {
        Ok(ret as usize)
    }
}

/// Reads into `buf` from `fd`: bytes read (0 at the end).
pub fn read(fd: i32, buf: &mut [u8]) -> Result<usize, Errno> {
    // SAFETY: `buf` is writable for its length.
    result(unsafe {
        syscall(
            nr::READ,
            [fd as usize, buf.as_mut_ptr() as usize, buf.len(), 0, 0, 0],
        )
    })
}

/// Writes `buf` to `fd`: bytes written.
pub fn write(fd: i32, buf: &[u8]) -> Result<usize, Errno> {
    // SAFETY: `buf` is readable for its length.
    result(unsafe {
        syscall(
            nr::WRITE,
            [fd as usize, buf.as_ptr() as usize, buf.len(), 0, 0, 0],
        )
    })
}

/// Writes all of `buf` to `fd`.
pub fn write_all(fd: i32, mut buf: &[u8]) -> Result<(), Errno> {
    while !buf.is_empty() {
        match write(fd, buf) {
            Ok(0) => return Err(Errno(5)),
            Ok(n) => buf = &buf[n..],
            Err(Errno(4)) => {} // EINTR
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Opens `path` (NUL-terminated) read-only.
pub fn open(path: &[u8]) -> Result<i32, Errno> {
    const AT_FDCWD: isize = -100;
    if path.last() != Some(&0) {
        return Err(Errno(22));
    }
    // SAFETY: `path` is a NUL-terminated string.
    let fd = result(unsafe {
        syscall(
            nr::OPENAT,
            [AT_FDCWD as usize, path.as_ptr() as usize, 0, 0, 0, 0],
        )
    })?;
    Ok(fd as i32)
}

/// Closes `fd`.
pub fn close(fd: i32) {
    // SAFETY: closing a descriptor has no memory effects.
    unsafe { syscall(nr::CLOSE, [fd as usize, 0, 0, 0, 0, 0]) };
}

/// Checks that `fd` is an open descriptor (`fcntl(F_GETFD)`), else its errno (EBADF = 9).
pub fn check_open(fd: i32) -> Result<(), Errno> {
    const F_GETFD: usize = 1;
    // SAFETY: F_GETFD takes no pointer and changes nothing.
    result(unsafe { syscall(nr::FCNTL, [fd as usize, F_GETFD, 0, 0, 0, 0]) }).map(|_| ())
}

/// Whether `fd` has input to read now (without waiting).
pub fn readable(fd: i32) -> Result<bool, Errno> {
    const POLLIN: i16 = 1;
    #[repr(C)]
    struct PollFd {
        fd: i32,
        events: i16,
        revents: i16,
    }
    let mut pfd = PollFd {
        fd,
        events: POLLIN,
        revents: 0,
    };
    let zero = [0i64; 2]; // struct timespec { 0, 0 }: do not wait
                          // SAFETY: one valid pollfd and a valid timespec; no signal mask.
    let n = result(unsafe {
        syscall(
            nr::PPOLL,
            [
                &mut pfd as *mut PollFd as usize,
                1,
                zero.as_ptr() as usize,
                0,
                8,
                0,
            ],
        )
    })?;
    Ok(n > 0 && pfd.revents & POLLIN != 0)
}

/// Page protections.
pub const PROT_READ: usize = 1;
/// Page protections.
pub const PROT_WRITE: usize = 2;
/// Page protections.
pub const PROT_EXEC: usize = 4;

/// Maps `len` bytes of fresh zeroed memory, readable and writable.
pub fn map(len: usize) -> Result<*mut u8, Errno> {
    const MAP_PRIVATE: usize = 0x02;
    const MAP_ANONYMOUS: usize = 0x20;
    const MAP_NORESERVE: usize = 0x4000;
    let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    // SAFETY: an anonymous mapping at an address of the kernel's choosing touches no memory
    // of ours.
    let p = result(unsafe {
        syscall(
            nr::MMAP,
            [0, len, PROT_READ | PROT_WRITE, flags, usize::MAX, 0],
        )
    })?;
    Ok(p as *mut u8)
}

/// Unmaps what [`map`] mapped.
///
/// # Safety
/// `ptr..ptr + len` must be a mapping of ours that nothing uses any more.
pub unsafe fn unmap(ptr: *mut u8, len: usize) {
    // SAFETY: the caller's contract.
    unsafe { syscall(nr::MUNMAP, [ptr as usize, len, 0, 0, 0, 0]) };
}

/// Changes the protection of a mapping of ours.
///
/// # Safety
/// `ptr..ptr + len` must be mapped by us; nothing may rely on the old protection.
pub unsafe fn protect(ptr: *mut u8, len: usize, prot: usize) -> Result<(), Errno> {
    // SAFETY: the caller's contract.
    result(unsafe { syscall(nr::MPROTECT, [ptr as usize, len, prot, 0, 0, 0]) }).map(|_| ())
}

/// Ends the process.
pub fn exit(code: i32) -> ! {
    // SAFETY: exit_group does not return.
    unsafe { syscall(nr::EXIT_GROUP, [code as usize, 0, 0, 0, 0, 0]) };
    #[allow(clippy::empty_loop)]
    loop {}
}
