//! Compiles each module file given, without and with debugging, and prints a hash of the
//! published code bytes (FNV-1a, 64 bits) and their length: a check that a change to the
//! compiler leaves the generated code byte-identical. `hash_code FILE...`
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        for debug in [false, true] {
            let mut config = breakwater::Config::new();
            config.debug(debug);
            let engine = breakwater::Engine::new(&config).expect("engine");
            let module = breakwater::Module::from_binary(&engine, &bytes).expect("compiles");
            let (base, len) = module.code_range();
            // SAFETY: `code_range` is the module's published code, mapped readable for as
            // long as `module` lives.
            let code = unsafe { std::slice::from_raw_parts(base as *const u8, len) };
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in code {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            println!("{path} debug={debug} {len} {h:016x}");
        }
    }
}
