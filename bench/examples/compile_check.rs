//! Compiles each module file given (without debugging) and prints, per file, a hash of the
//! published code or the compile error: `compile_check FILE...`. For comparing two builds of
//! the compiler on many (e.g. mutated) modules: the same output means the same code and the
//! same errors.
fn main() {
    let engine = breakwater::Engine::new(&breakwater::Config::new()).expect("engine");
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        match breakwater::Module::from_binary(&engine, &bytes) {
            Ok(module) => {
                let (base, len) = module.code_range();
                // SAFETY: `code_range` is the module's published code, mapped readable for as
                // long as `module` lives.
                let code = unsafe { std::slice::from_raw_parts(base as *const u8, len) };
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for &b in code {
                    h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
                println!("{path}: ok {len} {h:016x}");
            }
            Err(e) => println!("{path}: error {e}"),
        }
    }
}
