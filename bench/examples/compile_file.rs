//! Compiles a module file REPS times without debugging and prints the milliseconds of each
//! compilation: `compile_file FILE [REPS] [1|all]` (1: `parallel_compilation(false)`). For
//! profiling the compiler alone (`perf record`, `valgrind --tool=callgrind`) on the module
//! `write_large` writes.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .expect("usage: compile_file FILE [REPS] [1|all]");
    let reps: usize = args
        .get(2)
        .map_or(1, |r| r.parse().expect("REPS is a number"));
    let parallel = args.get(3).is_none_or(|t| t != "1");
    let bytes = std::fs::read(path).expect("readable file");
    let mut config = breakwater::Config::new();
    config.parallel_compilation(parallel);
    let engine = breakwater::Engine::new(&config).expect("engine");
    for _ in 0..reps {
        let start = Instant::now();
        let module = breakwater::Module::from_binary(&engine, &bytes).expect("compiles");
        let ms = start.elapsed().as_secs_f64() * 1e3;
        println!("{ms:.1} ms, {} bytes of code", module.code_range().1);
    }
}
