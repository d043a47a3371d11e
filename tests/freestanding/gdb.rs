//! The freestanding host's gdb-remote stub (`gdb::InlineStub`, served on the host's one thread
//! from the instance's stops) over a socket pair: stopped at the start, a breakpoint set
//! through the protocol stops the function, its locals and operand stack are read there,
//! a single step moves to the next instruction, and after the breakpoint is removed the
//! program runs to its end and LLDB hears that it exited.

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::process::Stdio;
use std::time::Duration;

use breakwater::artifact::Target;
use libtest_mimic::Failed;

/// `sum(n)` adds 0..n in a loop over locals `i` and `acc`.
const SUM: &str = r#"(module
  (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc)))"#;

/// A minimal gdb-remote client (no-ack mode, as LLDB uses).
struct Client {
    stream: UnixStream,
}

fn checksum(data: &str) -> u8 {
    data.bytes().fold(0u8, |a, b| a.wrapping_add(b))
}

impl Client {
    fn new(stream: UnixStream) -> Result<Client, Failed> {
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        let mut client = Client { stream };
        client.write("QStartNoAckMode")?;
        if client.read_byte()? != b'+' || client.read_packet()? != "OK" {
            return Err("no-ack mode refused".into());
        }
        client.stream.write_all(b"+")?;
        Ok(client)
    }

    fn write(&mut self, packet: &str) -> Result<(), Failed> {
        let framed = format!("${packet}#{:02x}", checksum(packet));
        self.stream.write_all(framed.as_bytes())?;
        Ok(())
    }

    fn read_byte(&mut self) -> Result<u8, Failed> {
        let mut b = [0];
        self.stream
            .read_exact(&mut b)
            .map_err(|e| format!("no reply from the freestanding host: {e}"))?;
        Ok(b[0])
    }

    fn read_packet(&mut self) -> Result<String, Failed> {
        while self.read_byte()? != b'$' {}
        let mut body = Vec::new();
        loop {
            match self.read_byte()? {
                b'#' => break,
                b => body.push(b),
            }
        }
        self.read_byte()?;
        self.read_byte()?;
        // Run-length encoding (`X*n`) expanded.
        let mut out = Vec::new();
        let mut i = 0;
        while i < body.len() {
            if body[i] == b'*' && i + 1 < body.len() && !out.is_empty() {
                let last = out[out.len() - 1];
                out.extend(std::iter::repeat_n(last, (body[i + 1] - 29) as usize));
                i += 2;
            } else {
                out.push(body[i]);
                i += 1;
            }
        }
        Ok(String::from_utf8(out)?)
    }

    fn ask(&mut self, packet: &str) -> Result<String, Failed> {
        self.write(packet)?;
        self.read_packet()
    }
}

fn le_u32(reply: &str) -> Result<u32, Failed> {
    let bytes: Vec<u8> = (0..reply.len().min(8))
        .step_by(2)
        .map(|i| u8::from_str_radix(&reply[i..i + 2], 16))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{reply:?}: {e}"))?;
    let bytes: [u8; 4] = bytes
        .try_into()
        .map_err(|_| format!("not a u32: {reply:?}"))?;
    Ok(u32::from_le_bytes(bytes))
}

fn pcs(reply: &str) -> Vec<u64> {
    (0..reply.len() / 16)
        .map(|k| {
            let hex = &reply[16 * k..16 * k + 16];
            let bytes: Vec<u8> = (0..8)
                .map(|j| u8::from_str_radix(&hex[2 * j..2 * j + 2], 16).unwrap_or(0))
                .collect();
            u64::from_le_bytes(bytes.try_into().unwrap_or([0; 8]))
        })
        .collect()
}

/// The PC a stop reply expedites (`T05thread:1;00:<pc>;`).
fn stop_pc(reply: &str) -> Result<u64, Failed> {
    let field = reply
        .split(';')
        .find_map(|f| f.strip_prefix("00:"))
        .ok_or_else(|| format!("no PC in the stop reply {reply:?}"))?;
    Ok(pcs(field).first().copied().unwrap_or(0))
}

/// Module offsets of the operators of the first function.
fn operators(wasm: &[u8]) -> Result<Vec<u32>, Failed> {
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::CodeSectionEntry(body) = payload? {
            let mut ops = body.get_operators_reader()?;
            let mut out = Vec::new();
            while !ops.eof() {
                out.push(ops.original_position() as u32);
                ops.read()?;
            }
            return Ok(out);
        }
    }
    Err("no code".into())
}

fn check(what: &str, ok: bool) -> Result<(), Failed> {
    if ok {
        Ok(())
    } else {
        Err(what.into())
    }
}

pub fn breakpoint_and_locals(target: Target) -> Result<(), Failed> {
    let wasm = wat::parse_str(SUM)?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("sum.bwm");
    std::fs::write(&path, breakwater::artifact::compile(&wasm, target, true)?)?;
    let ops = operators(&wasm)?;
    let code = |offset: u32| 0x4000_0000_0000_0000u64 | offset as u64;

    let (ours, theirs) = UnixStream::pair()?;
    let child = super::host::command(target)?
        .arg("debug")
        .arg("0")
        .arg(&path)
        .args(["sum", "5"])
        .stdin(Stdio::from(OwnedFd::from(theirs)))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut gdb = Client::new(ours)?;

    // Stopped at the start of `sum`, thread 1, one frame.
    let reply = gdb.ask("?")?;
    check(&format!("stopped: {reply}"), reply.starts_with("T"))?;
    let reply = gdb.ask("qfThreadInfo")?;
    check(&format!("one thread: {reply}"), reply == "m01")?;
    let stack = pcs(&gdb.ask("qWasmCallStack:1")?);
    check(
        &format!("one frame in sum: {stack:x?}"),
        stack.len() == 1 && stack[0] >> 32 == 0x4000_0000,
    )?;
    check(
        "the module's bytes",
        gdb.ask("m4000000000000000,4")? == "0061736d",
    )?;
    check("n = 5", le_u32(&gdb.ask("qWasmLocal:0;0")?)? == 5)?;

    // A breakpoint on `local.set $acc` (after `local.get $acc; local.get $i; i32.add`).
    let add = ops
        .iter()
        .position(|&o| wasm[o as usize] == 0x6a)
        .ok_or("no i32.add")?;
    let set_acc = ops[add + 1];
    check(
        "breakpoint set",
        gdb.ask(&format!("Z0,{:x},1", code(set_acc)))? == "OK",
    )?;
    for round in 0..3u32 {
        let reply = gdb.ask("vCont;c")?;
        check(
            &format!("a breakpoint stop: {reply}"),
            reply.starts_with("T05"),
        )?;
        check("at the breakpoint", stop_pc(&reply)? == code(set_acc))?;
        let stack = pcs(&gdb.ask("qWasmCallStack:1")?);
        check("the call stack's PC", stack.first() == Some(&code(set_acc)))?;
        let (n, i, acc) = (
            le_u32(&gdb.ask("qWasmLocal:0;0")?)?,
            le_u32(&gdb.ask("qWasmLocal:0;1")?)?,
            le_u32(&gdb.ask("qWasmLocal:0;2")?)?,
        );
        let expected_acc = (0..round).sum::<u32>();
        check(
            &format!("locals at round {round}: n={n} i={i} acc={acc}"),
            (n, i, acc) == (5, round, expected_acc),
        )?;
        // The operand stack's top: acc + i, about to be stored.
        let top = le_u32(&gdb.ask("qWasmStackValue:0;0")?)?;
        check("the operand stack", top == expected_acc + round)?;
    }
    // One step: the next instruction.
    let reply = gdb.ask("vCont;s:1")?;
    check("a step stop", reply.starts_with("T05"))?;
    check(
        "at the next instruction",
        stop_pc(&reply)? == code(ops[add + 2]),
    )?;
    check(
        "acc stored",
        le_u32(&gdb.ask("qWasmLocal:0;2")?)? == 3, // 0 + 1 + 2
    )?;

    // Without the breakpoint the program runs to its end: LLDB hears it exit.
    check(
        "breakpoint removed",
        gdb.ask(&format!("z0,{:x},1", code(set_acc)))? == "OK",
    )?;
    let reply = gdb.ask("vCont;c")?;
    check(&format!("exited: {reply}"), reply.starts_with("W00"))?;
    drop(gdb);
    let output = child.wait_with_output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    check(
        &format!(
            "the result and the session's end: {stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        ),
        output.status.success() && stdout == "ok i32:0000000a\nsession Ok(Exited(0))\n",
    )
}

/// `debug` refuses what cannot work, with a message and exit code 2, before running anything:
/// an artifact without debug code (the instance would never stop: LLDB would wait in vain), a
/// descriptor that is not open, standard output.
pub fn refuses_bad_setups(target: Target) -> Result<(), Failed> {
    let wasm = wat::parse_str(SUM)?;
    let dir = tempfile::tempdir()?;
    let normal = dir.path().join("normal.bwm");
    let debug = dir.path().join("debug.bwm");
    std::fs::write(
        &normal,
        breakwater::artifact::compile(&wasm, target, false)?,
    )?;
    std::fs::write(&debug, breakwater::artifact::compile(&wasm, target, true)?)?;
    let cases = [
        ("0", &normal, "breakwater compile --debug"),
        (
            "9",
            &debug,
            "descriptor 9 cannot serve the debugger: errno 9 (not open)",
        ),
        ("1", &debug, "FD 1 is standard output"),
    ];
    for (fd, artifact, message) in cases {
        let output = super::host::command(target)?
            .args(["debug", fd])
            .arg(artifact)
            .args(["sum", "5"])
            .stdin(Stdio::null())
            .output()?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        check(
            &format!(
                "debug {fd} {}: exit 2 and {message:?}, got {:?}: {stderr}",
                artifact.display(),
                output.status.code()
            ),
            output.status.code() == Some(2) && stderr.contains(message) && output.stdout.is_empty(),
        )?;
    }
    // A debugger that goes away at once: the call still completes, then exit code 2.
    let output = super::host::command(target)?
        .args(["debug", "0"])
        .arg(&debug)
        .args(["sum", "5"])
        .stdin(Stdio::null())
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    check(
        &format!("a closed connection: {:?}: {stderr}", output.status.code()),
        output.status.code() == Some(2)
            && stderr.contains("the debugger closed the connection")
            && String::from_utf8_lossy(&output.stdout).starts_with("ok i32:0000000a\n"),
    )?;
    Ok(())
}
