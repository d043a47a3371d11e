//! A freestanding host of Breakwater's core, standing in for a kernel: no std, no C library,
//! nothing but a few raw Linux system calls (`sys`), a global allocator over mapped memory
//! (`heap`), executable memory (`code`), and the core, which loads artifacts compiled ahead
//! of time on a std host (`breakwater compile`), runs them, and debugs them.
//!
//! ```text
//! breakwater-freestanding script          runs the script on standard input (see `script`)
//! breakwater-freestanding debug FD ARTIFACT FUNC [ARG...]
//!                                         calls FUNC with a gdb-remote debugger served on
//!                                         descriptor FD, stopped at its first instruction
//!                                         (see `debug`): a `--debug` artifact, decimal
//!                                         ARGs, FD a connected socket (0 will do; not 1/2)
//! ```
//!
//! Exit code 0, or 2 for bad usage, an unreadable script, or a `debug` that cannot start or
//! whose session fails (the reason on stderr).
#![no_std]
#![no_main]

extern crate alloc;

mod code;
mod debug;
mod heap;
mod io;
mod script;
mod sys;

use alloc::string::String;
use alloc::vec::Vec;

#[global_allocator]
static HEAP: heap::Heap = heap::Heap::new();

// The process entry: the kernel leaves argc, argv[], NULL, envp[] at the stack pointer.
#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".globl _start",
    "_start:",
    "xor ebp, ebp",
    "mov rdi, rsp",
    "and rsp, -16",
    "call {entry}",
    "ud2",
    entry = sym entry,
);

#[cfg(target_arch = "aarch64")]
core::arch::global_asm!(
    ".globl _start",
    "_start:",
    "mov x29, xzr",
    "mov x30, xzr",
    "mov x0, sp",
    "bl {entry}",
    "brk #0",
    entry = sym entry,
);

/// Called by `_start` with the initial stack pointer.
///
/// # Safety
/// `sp` must be the process's initial stack, as Linux lays it out.
unsafe extern "C" fn entry(sp: *const usize) -> ! {
    // SAFETY: argc, then argc pointers to NUL-terminated strings (the kernel's layout).
    let args: Vec<String> = unsafe {
        let argc = *sp;
        (0..argc)
            .map(|i| {
                let p = *sp.add(1 + i) as *const u8;
                let len = (0..).take_while(|&j| *p.add(j) != 0).count();
                String::from_utf8_lossy(core::slice::from_raw_parts(p, len)).into_owned()
            })
            .collect()
    };
    sys::exit(main(&args))
}

fn main(args: &[String]) -> i32 {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.get(1..).unwrap_or_default() {
        ["script"] => match io::read_all(0) {
            Ok(bytes) => match core::str::from_utf8(&bytes) {
                Ok(text) => {
                    script::Runner::new().run(text);
                    0
                }
                Err(_) => usage("the script is not UTF-8"),
            },
            Err(e) => usage(&alloc::format!("cannot read the script: errno {}", e.0)),
        },
        ["debug", fd, artifact, func, rest @ ..] => match fd.parse() {
            Ok(fd) => debug::run(fd, artifact, func, rest),
            Err(_) => usage("FD must be a descriptor number"),
        },
        _ => usage("usage: breakwater-freestanding script | debug FD ARTIFACT FUNC [ARG...]"),
    }
}

fn usage(message: &str) -> i32 {
    io::error(message);
    2
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    io::error(&alloc::format!("breakwater-freestanding: panic: {info}"));
    sys::exit(101)
}
