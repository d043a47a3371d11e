//! The current thread's stack bounds, so that Wasm never runs the thread out of stack even when
//! the configured `max_wasm_stack` is larger than what the thread has left.

/// Stack kept free below the Wasm stack limit for host code: host functions called from Wasm,
/// the trap path, signal handlers.
const HOST_RESERVE: usize = 128 * 1024;

thread_local! {
    static FLOOR: usize = compute();
}

/// The lowest address the Wasm stack limit may take on this thread (0 when unknown).
pub(crate) fn floor() -> usize {
    FLOOR.with(|f| *f)
}

#[cfg(target_os = "linux")]
fn compute() -> usize {
    // SAFETY: `attr` is initialized by `pthread_getattr_np` before use and destroyed once;
    // the out-pointers are valid locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return 0;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if ok && !addr.is_null() {
            (addr as usize).saturating_add(HOST_RESERVE)
        } else {
            0
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn compute() -> usize {
    0
}
