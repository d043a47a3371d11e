// A Rust program for the LLDB tests (tests/lldb.rs): they stop in it by file and line, so the
// line numbers below are part of the test. Built by build.sh without optimization, with DWARF.

fn next(n: u64) -> u64 {
    if n % 2 == 0 {
        n / 2
    } else {
        3 * n + 1
    }
}

fn collatz_steps(start: u64) -> u32 {
    let mut n = start;
    let mut steps = 0;
    while n != 1 {
        n = next(n);
        steps += 1;
    }
    steps
}

fn main() {
    let start: u64 = 27;
    let steps = collatz_steps(start);
    println!("{start} reaches 1 after {steps} steps");
}
