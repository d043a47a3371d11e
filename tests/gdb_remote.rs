//! One gdb-remote stub serving several instances on several threads through the embedding API
//! (`breakwater::gdb::GdbStub`), driven by a small gdb-remote client speaking the packets
//! LLDB's Wasm plug-in sends: each instance is a thread that can be listed, stopped, inspected
//! (call stack, locals, globals, operand stack, its own memory) and written, breakpoints hit
//! in every instance LLDB debugs and in no other, Ctrl-C stops them all, and after a detach
//! they run to their end.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

use breakwater::gdb::{GdbStub, SessionEnd};
use breakwater::{Config, Engine, Instance, Module, Store};

/// `run` spins, counting in local 0, until memory[0] is not zero, then returns memory[4];
/// `init` stores its argument at memory[4].
const SPINNER: &str = r#"(module
  (memory (export "mem") 1)
  (global $g (mut i32) (i32.const 7))
  (func (export "init") (param i32) (i32.store (i32.const 4) (local.get 0)))
  (func (export "run") (result i32) (local $n i32)
    (loop $spin
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (global.set $g (local.get $n))
      (br_if $spin (i32.eqz (i32.load (i32.const 0)))))
    (i32.load (i32.const 4))))"#;

/// A minimal gdb-remote client (no-ack mode, as LLDB uses).
struct Client {
    stream: TcpStream,
}

fn checksum(data: &str) -> u8 {
    data.bytes().fold(0u8, |a, b| a.wrapping_add(b))
}

/// Expands gdb-remote run-length encoding (`X*n`: X repeated n - 29 more times).
fn unrle(data: &[u8]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        if data[i] == b'*' && i + 1 < data.len() {
            let last = *out.last().expect("a run follows a character");
            out.extend(std::iter::repeat_n(last, (data[i + 1] - 29) as usize));
            i += 2;
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

impl Client {
    fn connect(port: u16) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut client = Client { stream };
        client.write("QStartNoAckMode");
        assert_eq!(client.read_byte(), b'+');
        assert_eq!(client.read_packet(), "OK");
        client.stream.write_all(b"+").unwrap();
        client
    }

    fn write(&mut self, packet: &str) {
        let framed = format!("${packet}#{:02x}", checksum(packet));
        self.stream.write_all(framed.as_bytes()).unwrap();
    }

    fn read_byte(&mut self) -> u8 {
        let mut b = [0];
        self.stream
            .read_exact(&mut b)
            .expect("a reply from the stub");
        b[0]
    }

    fn read_packet(&mut self) -> String {
        while self.read_byte() != b'$' {}
        let mut body = Vec::new();
        loop {
            match self.read_byte() {
                b'#' => break,
                b => body.push(b),
            }
        }
        self.read_byte();
        self.read_byte();
        unrle(&body)
    }

    /// Sends a packet and returns the reply.
    fn ask(&mut self, packet: &str) -> String {
        self.write(packet);
        self.read_packet()
    }
}

fn le_hex_u32(reply: &str) -> u32 {
    let bytes: Vec<u8> = (0..reply.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&reply[i..i + 2], 16).unwrap())
        .collect();
    u32::from_le_bytes(bytes[..4].try_into().unwrap())
}

fn pcs(reply: &str) -> Vec<u64> {
    (0..reply.len())
        .step_by(16)
        .map(|i| {
            let bytes: Vec<u8> = (0..8)
                .map(|j| u8::from_str_radix(&reply[i + 2 * j..i + 2 * j + 2], 16).unwrap())
                .collect();
            u64::from_le_bytes(bytes.try_into().unwrap())
        })
        .collect()
}

/// The stop reply's thread and expedited PC (`T05thread:N;...00:<pc>;`).
fn stop_of(reply: &str) -> (u32, u8, Option<u64>) {
    assert!(reply.starts_with('T'), "a stop reply: {reply}");
    let signal = u8::from_str_radix(&reply[1..3], 16).unwrap();
    let field = |name: &str| {
        reply[3..]
            .split(';')
            .find_map(|f| f.strip_prefix(name).map(str::to_string))
    };
    let tid = u32::from_str_radix(&field("thread:").expect("thread"), 16).unwrap();
    let pc = field("00:").map(|hex| pcs(&hex)[0]);
    (tid, signal, pc)
}

/// Bytecode offsets (module-relative) of `run`'s operators.
fn run_ops(wasm: &[u8]) -> Vec<u32> {
    let mut bodies = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::CodeSectionEntry(body) = payload.unwrap() {
            bodies.push(body);
        }
    }
    let mut ops = bodies[1].get_operators_reader().unwrap();
    let mut out = Vec::new();
    while !ops.eof() {
        out.push(ops.original_position() as u32);
        ops.read().unwrap();
    }
    out
}

#[test]
fn one_stub_serves_instances_on_threads_as_lldb_threads() {
    const THREADS: u32 = 3;
    let wasm = wat::parse_str(SPINNER).unwrap();
    let engine = Engine::new(Config::new().debug(true)).unwrap();
    let module = Module::new(&engine, &wasm).unwrap();
    let stub = GdbStub::new();

    // Each worker makes its instance, registers it (an LLDB thread), and runs it.
    let (registered, tids) = mpsc::channel();
    let workers: Vec<_> = (1..=THREADS)
        .map(|k| {
            let (engine, module, stub, registered) = (
                engine.clone(),
                module.clone(),
                stub.clone(),
                registered.clone(),
            );
            std::thread::spawn(move || {
                let mut store = Store::new(&engine, ());
                let instance = Instance::new(&mut store, &module, &[]).unwrap();
                let init = instance
                    .get_typed_func::<i32, ()>(&mut store, "init")
                    .unwrap();
                init.call(&mut store, 100 * k as i32).unwrap();
                let tid = stub
                    .add_instance(&mut store, &instance, &module, "spinner.wasm")
                    .unwrap();
                registered.send((tid, k)).unwrap();
                let run = instance
                    .get_typed_func::<(), i32>(&mut store, "run")
                    .unwrap();
                run.call(&mut store, ()).unwrap()
            })
        })
        .collect();
    let mut instance_of = std::collections::BTreeMap::new();
    for _ in 0..THREADS {
        let (tid, k) = tids.recv_timeout(Duration::from_secs(30)).unwrap();
        instance_of.insert(tid, k);
    }

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = {
        let stub = stub.clone();
        std::thread::spawn(move || stub.serve_tcp(&listener))
    };
    let mut gdb = Client::connect(port);

    // Every instance is a thread, stopped (at its first stop point) until LLDB continues.
    assert!(gdb.ask("?").starts_with("T05thread:"));
    let list = gdb.ask("qfThreadInfo");
    let listed: Vec<u32> = list
        .strip_prefix('m')
        .expect("a thread list")
        .split(',')
        .map(|t| u32::from_str_radix(t, 16).unwrap())
        .collect();
    assert_eq!(listed, instance_of.keys().copied().collect::<Vec<_>>());
    assert_eq!(gdb.ask("qsThreadInfo"), "l");
    let ops = run_ops(&wasm);
    let body = (ops[0] - 3)..=*ops.last().unwrap();
    for &tid in &listed {
        let stack = pcs(&gdb.ask(&format!("qWasmCallStack:{tid:x}")));
        assert_eq!(stack.len(), 1, "thread {tid}: one Wasm frame, `run`");
        assert_eq!(stack[0] >> 32, 0x4000_0000, "code space, module 0");
        assert!(body.contains(&(stack[0] as u32)), "thread {tid} in `run`");
    }

    // The module's bytes are its code space; each thread reads its own instance's memory.
    assert_eq!(gdb.ask("m4000000000000000,4"), "0061736d");
    let libraries = gdb.ask("qXfer:libraries:read::0,1000");
    assert!(
        libraries
            .contains("<library name=\"spinner.wasm\"><section address=\"0x4000000000000000\"/>"),
        "{libraries}"
    );
    for (&tid, &k) in &instance_of {
        assert_eq!(gdb.ask(&format!("Hg{tid:x}")), "OK");
        assert_eq!(le_hex_u32(&gdb.ask("m4,4")), 100 * k);
        assert_eq!(le_hex_u32(&gdb.ask("qWasmGlobal:0;0")), 7);
    }

    // A breakpoint on the loop's `global.set` is hit by some thread, with its PC expedited.
    let global_set = ops[6];
    let bp = 0x4000_0000_0000_0000 | global_set as u64;
    assert_eq!(gdb.ask(&format!("Z0,{bp:x},1")), "OK");
    let (hit, signal, pc) = stop_of(&gdb.ask("vCont;c"));
    assert_eq!(signal, 5);
    assert_eq!(pc, Some(bp));
    assert!(instance_of.contains_key(&hit));
    assert_eq!(gdb.ask(&format!("Hg{hit:x}")), "OK");
    let count = le_hex_u32(&gdb.ask("qWasmLocal:0;0"));
    assert!(count >= 1, "the loop counted");
    // Before `global.set`: the operand stack holds the count just stored in the local.
    assert_eq!(le_hex_u32(&gdb.ask("qWasmStackValue:0;0")), count);
    assert_eq!(
        pcs(&gdb.ask(&format!("qWasmCallStack:{hit:x}"))),
        vec![bp],
        "the hit thread is at the breakpoint"
    );
    // An instance of the same module that LLDB does not debug runs the same loop, through the
    // breakpoint's instruction, while the debugged ones are stopped: it never stops there.
    let bystander = {
        let (engine, module) = (engine.clone(), module.clone());
        std::thread::spawn(move || {
            let mut store = Store::new(&engine, ());
            let instance = Instance::new(&mut store, &module, &[]).unwrap();
            let memory = instance.get_memory(&mut store, "mem").unwrap();
            memory.write(&mut store, 0, &1u32.to_le_bytes()).unwrap();
            memory.write(&mut store, 4, &42u32.to_le_bytes()).unwrap();
            let run = instance
                .get_typed_func::<(), i32>(&mut store, "run")
                .unwrap();
            run.call(&mut store, ()).unwrap()
        })
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !bystander.is_finished() {
        assert!(
            std::time::Instant::now() < deadline,
            "the bystander is stuck"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(bystander.join().unwrap(), 42);
    assert_eq!(pcs(&gdb.ask(&format!("qWasmCallStack:{hit:x}"))), vec![bp]);

    // One step: the next stop point of the same thread.
    let (stepped, signal, pc) = stop_of(&gdb.ask(&format!("vCont;s:{hit:x}")));
    assert_eq!((stepped, signal), (hit, 5));
    assert_eq!(pc, Some(0x4000_0000_0000_0000 | ops[7] as u64));

    // Writes: this thread's result, in its own memory only.
    assert_eq!(gdb.ask("M4,4:e7030000"), "OK");
    assert_eq!(gdb.ask(&format!("z0,{bp:x},1")), "OK");

    // Running again (other threads' stops at the removed breakpoint are not reported), then
    // Ctrl-C stops every thread.
    gdb.write("vCont;c");
    std::thread::sleep(Duration::from_millis(100));
    gdb.stream.write_all(&[0x03]).unwrap();
    let (_, signal, _) = stop_of(&gdb.read_packet());
    assert_eq!(signal, 2, "SIGINT");
    for &tid in instance_of.keys() {
        let stack = pcs(&gdb.ask(&format!("qWasmCallStack:{tid:x}")));
        assert!(
            body.contains(&(stack[0] as u32)),
            "thread {tid} stopped in `run`"
        );
        // Let it finish: memory[0] = 1 in its instance.
        assert_eq!(gdb.ask(&format!("Hg{tid:x}")), "OK");
        assert_eq!(gdb.ask("M0,4:01000000"), "OK");
    }
    assert_eq!(gdb.ask("D"), "OK");
    assert_eq!(server.join().unwrap(), Ok(SessionEnd::Detached));

    let mut results: Vec<(u32, i32)> = Vec::new();
    for (k, worker) in (1..=THREADS).zip(workers) {
        results.push((k, worker.join().unwrap()));
    }
    let written = instance_of[&hit];
    for (k, result) in results {
        let expected = if k == written { 999 } else { 100 * k as i32 };
        assert_eq!(result, expected, "instance {k}");
    }
}
