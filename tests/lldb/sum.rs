// A Rust program for the freestanding host's LLDB test (tests/lldb.rs): no imports (the
// freestanding host links none), built by build.sh with -C opt-level=0 -C debuginfo=2; the
// test stops in it by file and line, so the line numbers below are part of the test.
#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

fn square(x: i32) -> i32 {
    let result = x.wrapping_mul(x);
    result
}

#[no_mangle]
pub extern "C" fn sum_of_squares(n: i32) -> i32 {
    let mut total = 0i32;
    let mut i = 1;
    while i <= n {
        total = total.wrapping_add(square(i));
        i += 1;
    }
    total
}
