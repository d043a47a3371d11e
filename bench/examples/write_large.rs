//! Writes the benchmark's generated module (24,000 functions, 31.9 MB of code section) to
//! /tmp/large.wasm, to run it by hand elsewhere (under qemu-aarch64: README, AArch64 notes).
fn main() {
    let g = breakwater_bench::gen::generate(24_000, breakwater_bench::GEN_SEED);
    std::fs::write("/tmp/large.wasm", &g.wasm).unwrap();
    println!("{} bytes", g.wasm.len());
}
