//! Writes the benchmark's generated module with N functions to PATH (smaller than
//! `write_large`'s, e.g. for callgrind): `write_gen N PATH`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u32 = args
        .get(1)
        .map_or(1500, |n| n.parse().expect("N is a number"));
    let path = args.get(2).map_or("/tmp/gen.wasm", |p| p.as_str());
    let g = breakwater_bench::gen::generate(n as _, breakwater_bench::GEN_SEED);
    std::fs::write(path, &g.wasm).unwrap();
    println!("{} bytes", g.wasm.len());
}
