//! Disassembly snapshots, in the style of Winch's `tests/disas`: each `tests/disas/<isa>/*.wat`
//! file is a module compiled through the front end with that backend's `Isa` (as the runtime's
//! compile driver does it: `breakwater_core::runtime::compile::compile_function`), and ends with
//! the expected disassembly of every defined function as a trailing block of `;;` lines.
//!
//! File format:
//!
//! ```text
//! ;;! debug = true        (optional options, at the top: `debug` compiles debug code,
//!                         `guard_pages` leaves accesses unchecked)
//! (module ...)
//! ;; function[0] $name:
//! ;;    0: push rbp
//! ;;   ...
//! ```
//!
//! The expected block is the run of `;;` lines after the module's last other line, so a module
//! must not end with a comment of its own. Each function is printed from its first byte to its
//! last, out-of-line tail (trap stubs, debug handler calls, jump tables) included, with
//! function-relative hex offsets; branch targets are offsets in the same function. Notes after
//! `;` name what the code's side tables say about an instruction: the function a call
//! relocation will point at (its placeholder is left as emitted), the trap sites (calls into
//! the trap stub, and with `;;! guard_pages = true` the accesses that may fault), and the
//! machine sites of debug code.
//!
//! The code is only disassembled, never run, so both ISAs are checked on any host: x86-64 with
//! iced-x86 (Intel syntax), AArch64 with yaxpeax-arm.
//!
//! `BREAKWATER_BLESS=1 cargo test --release -p breakwater-tests --test disas` rewrites the
//! expected blocks from the current code; without it a difference fails the file's test with a
//! diff.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use breakwater_core::codegen::{CompileConfig, Isa};
use breakwater_core::compiled::CompiledCode;
use breakwater_core::module::ModuleInfo;
use libtest_mimic::{Arguments, Failed, Trial};

/// Set (to anything but `0`) to rewrite the expectations instead of checking them.
const BLESS_ENV: &str = "BREAKWATER_BLESS";

/// The targets with snapshots, by directory name under `tests/disas`.
#[derive(Clone, Copy, Debug)]
enum Target {
    X64,
    Aarch64,
}

impl Target {
    const ALL: [Target; 2] = [Target::X64, Target::Aarch64];

    fn dir_name(self) -> &'static str {
        match self {
            Target::X64 => "x64",
            Target::Aarch64 => "aarch64",
        }
    }

    /// Compiles every defined function of `wasm` with this target's backend.
    fn compile(self, wasm: &[u8], config: &CompileConfig) -> Result<Compiled, String> {
        match self {
            Target::X64 => compile_with(&breakwater_x64::X64Isa, wasm, config),
            Target::Aarch64 => compile_with(&breakwater_aarch64::Aarch64Isa, wasm, config),
        }
    }

    fn disassemble(self, code: &[u8]) -> Vec<Line> {
        match self {
            Target::X64 => disassemble_x64(code),
            Target::Aarch64 => disassemble_aarch64(code),
        }
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("disas");
    let mut trials = Vec::new();
    for target in Target::ALL {
        let dir = root.join(target.dir_name());
        match wat_files(&dir) {
            Ok(files) => trials.extend(files.into_iter().map(|path| {
                let name = format!(
                    "{}/{}",
                    target.dir_name(),
                    path.file_stem().unwrap_or_default().to_string_lossy()
                );
                Trial::test(name, move || check_file(target, &path))
            })),
            // Never pass vacuously: a missing or empty directory is a failing test.
            Err(message) => trials.push(Trial::test(
                format!("{}/files_present", target.dir_name()),
                move || Err(Failed::from(message)),
            )),
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// The `.wat` files of `dir`, sorted; an error if there are none.
fn wat_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the snapshot directory {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "wat") {
            files.push(path);
        }
    }
    if files.is_empty() {
        return Err(format!("no .wat snapshot files in {}", dir.display()));
    }
    files.sort();
    Ok(files)
}

/// Compiles and disassembles `path`, then compares with (or, blessing, rewrites) its expected
/// block.
fn check_file(target: Target, path: &Path) -> Result<(), Failed> {
    let shown = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .map(|p| Path::new("tests").join(p))
        .unwrap_or_else(|_| path.to_path_buf());
    let shown = shown.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let file = SnapshotFile::parse(&text).map_err(|e| format!("{shown}: {e}"))?;
    let wasm = wat::parse_str(&text).map_err(|e| format!("{shown}: {e}"))?;
    let compiled = target
        .compile(&wasm, &file.config)
        .map_err(|e| format!("{shown}: does not compile: {e}"))?;
    let actual = render(target, &compiled);

    if std::env::var_os(BLESS_ENV).is_some_and(|v| v != "0") {
        if actual != file.expected {
            std::fs::write(path, file.with_expected(&actual))
                .map_err(|e| format!("{shown}: cannot write: {e}"))?;
        }
        return Ok(());
    }
    if actual == file.expected {
        return Ok(());
    }
    let expected = lines_text(&file.expected);
    let actual = lines_text(&actual);
    let diff = similar::TextDiff::from_lines(&expected, &actual);
    Err(format!(
        "{shown}: the disassembly differs from the expected block (- expected, + actual); \
         {BLESS_ENV}=1 rewrites it\n{}",
        diff.unified_diff()
            .context_radius(3)
            .header("expected", "actual")
    )
    .into())
}

fn lines_text(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// A snapshot file taken apart.
struct SnapshotFile<'a> {
    /// Everything before the expected block (options and module).
    head: &'a str,
    /// The options from the `;;!` lines.
    config: CompileConfig,
    /// The expected block, without the leading `;; ` and trailing spaces.
    expected: Vec<String>,
}

impl<'a> SnapshotFile<'a> {
    fn parse(text: &'a str) -> Result<SnapshotFile<'a>, String> {
        let mut config = CompileConfig::default();
        for line in text.lines().map_while(|l| l.strip_prefix(";;!")) {
            let (key, value) = line
                .split_once('=')
                .ok_or_else(|| format!("option line `;;!{line}` is not `;;! key = value`"))?;
            match (key.trim(), value.trim()) {
                ("debug", "true") => {
                    // The code is the same either way; the recorded sites name the machine
                    // sites in the notes.
                    config.debug = true;
                    config.record_sites = true;
                }
                ("debug", "false") => config.debug = false,
                ("guard_pages", "true") => config.guard_pages = true,
                ("guard_pages", "false") => config.guard_pages = false,
                (key, value) => return Err(format!("unknown option `{key} = {value}`")),
            }
        }

        // The block: the trailing run of `;;` lines (blank lines after it are ignored).
        let lines: Vec<&str> = text.trim_end().split_inclusive('\n').collect();
        let block_start = lines
            .iter()
            .rposition(|l| !l.starts_with(";;"))
            .map_or(0, |i| i + 1);
        if lines[..block_start].iter().all(|l| l.trim().is_empty()) {
            return Err("no module before the expected block".into());
        }
        let head = &text[..lines[..block_start].iter().map(|l| l.len()).sum::<usize>()];
        let mut expected = Vec::new();
        for line in &lines[block_start..] {
            if line.starts_with(";;!") {
                return Err("an option line `;;!` after the module".into());
            }
            let body = line.strip_prefix(";;").unwrap_or(line);
            let body = body.strip_prefix(' ').unwrap_or(body);
            expected.push(body.trim_end().to_string());
        }
        Ok(SnapshotFile {
            head,
            config,
            expected,
        })
    }

    /// The file with `expected` as its block.
    fn with_expected(&self, expected: &[String]) -> String {
        let mut out = self.head.trim_end().to_string();
        out.push('\n');
        for line in expected {
            out.push_str(if line.is_empty() { ";;" } else { ";; " });
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// A compiled module: its description and each defined function's code.
struct Compiled {
    info: ModuleInfo,
    functions: Vec<CompiledCode>,
}

/// What the runtime's compile driver does, minus linking and publishing.
fn compile_with<I: Isa>(isa: &I, wasm: &[u8], config: &CompileConfig) -> Result<Compiled, String> {
    let parsed = breakwater_core::module::parse(wasm).map_err(|e| e.to_string())?;
    let info = parsed.info;
    let functions = breakwater_core::runtime::compile::compile_functions(
        isa,
        &info,
        parsed.functions,
        config,
        &breakwater_core::runtime::compile::Sequential,
    )
    .map_err(|e| e.to_string())?;
    Ok(Compiled { info, functions })
}

/// One disassembled instruction (or data word).
struct Line {
    offset: u32,
    len: u32,
    text: String,
}

/// Every defined function: a header, then one line per instruction with its notes.
fn render(target: Target, compiled: &Compiled) -> Vec<String> {
    let mut out = Vec::new();
    for (defined, code) in compiled.functions.iter().enumerate() {
        let index = compiled.info.num_imported_funcs + defined as u32;
        let name = compiled
            .info
            .func_names
            .binary_search_by_key(&index, |(i, _)| *i)
            .map(|i| format!(" ${}", compiled.info.func_names[i].1))
            .unwrap_or_default();
        out.push(format!("function[{index}]{name}:"));
        for line in target.disassemble(&code.bytes) {
            let mut text = format!("{:>5x}: {}", line.offset, line.text);
            let notes = notes(code, &line);
            if !notes.is_empty() {
                write!(text, "  ; {}", notes.join(", ")).unwrap();
            }
            out.push(text);
        }
    }
    out
}

/// What the side tables say about `line`'s instruction.
fn notes(code: &CompiledCode, line: &Line) -> Vec<String> {
    let end = line.offset + line.len;
    let mut notes = Vec::new();
    for r in &code.relocs {
        if (line.offset..end).contains(&r.offset) {
            notes.push(format!("reloc: function[{}]", r.target));
        }
    }
    for t in &code.traps {
        if t.return_offset == end {
            notes.push(format!("trap site: wasm {:#x}", t.bytecode_offset));
        }
        if t.return_offset == breakwater_core::codegen::fault_site_offset(line.offset) {
            notes.push(format!("fault site: wasm {:#x}", t.bytecode_offset));
        }
    }
    if let Some(sites) = &code.sites {
        for (k, m) in sites.machine.iter().enumerate() {
            if m.return_offset == end {
                notes.push(format!(
                    "machine site {k} (resumes at {:x})",
                    m.resume_offset
                ));
            }
        }
    }
    notes
}

/// x86-64: Intel syntax, offsets from the function's start. The bytes that RIP-relative operands
/// point at (`br_table`'s jump tables, at the very end of the tail) are data: shown as 32-bit
/// words, with the target each would give as a jump table entry (entry address + value). NB: the
/// backend takes no other RIP-relative address; one of code ahead would need a finer rule.
fn disassemble_x64(code: &[u8]) -> Vec<Line> {
    use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter};

    let mut formatter = IntelFormatter::new();
    let options = formatter.options_mut();
    options.set_hex_prefix("0x");
    options.set_hex_suffix("");
    options.set_uppercase_hex(false);
    options.set_branch_leading_zeros(false);
    options.set_space_after_operand_separator(true);

    let mut decoder = Decoder::with_ip(64, code, 0, DecoderOptions::NONE);
    let mut instr = Instruction::default();
    let mut data_start = code.len() as u64;
    let mut lines = Vec::new();
    while decoder.can_decode() && decoder.ip() < data_start {
        decoder.decode_out(&mut instr);
        let mut text = String::new();
        if instr.is_invalid() {
            text.push_str("(bad)");
        } else {
            formatter.format(&instr, &mut text);
        }
        if instr.is_ip_rel_memory_operand() && instr.ip_rel_memory_address() > instr.ip() {
            data_start = data_start.min(instr.ip_rel_memory_address());
        }
        lines.push(Line {
            offset: instr.ip() as u32,
            len: instr.len() as u32,
            text,
        });
    }
    let mut at = decoder.ip().min(code.len() as u64) as usize;
    while at < code.len() {
        let Some(word) = code.get(at..at + 4) else {
            lines.push(Line {
                offset: at as u32,
                len: 1,
                text: format!(".byte {:#04x}", code[at]),
            });
            at += 1;
            continue;
        };
        let value = i32::from_le_bytes(word.try_into().expect("4 bytes"));
        lines.push(Line {
            offset: at as u32,
            len: 4,
            text: format!(
                ".long {:#010x}  ; -> {:#x}",
                value as u32,
                at as i64 + value as i64
            ),
        });
        at += 4;
    }
    lines
}

/// AArch64: one line per 32-bit word; pc-relative operands (`$+0x..` in yaxpeax's syntax) are
/// shown as offsets from the function's start.
fn disassemble_aarch64(code: &[u8]) -> Vec<Line> {
    use yaxpeax_arch::{Decoder, U8Reader};
    use yaxpeax_arm::armv8::a64::InstDecoder;

    let decoder = InstDecoder::default();
    let mut lines = Vec::new();
    for (i, word) in code.chunks(4).enumerate() {
        let offset = 4 * i as u32;
        let text = match word.try_into() {
            Ok(bytes) => {
                let bytes: [u8; 4] = bytes;
                match decoder.decode(&mut U8Reader::new(&bytes)) {
                    Ok(instr) => absolute_targets(&instr.to_string(), offset),
                    Err(e) => format!(".word {:#010x}  ; {e}", u32::from_le_bytes(bytes)),
                }
            }
            Err(_) => format!(".bytes {word:02x?}"),
        };
        lines.push(Line {
            offset,
            len: word.len() as u32,
            text,
        });
    }
    lines
}

/// `text` with each `$+0x<hex>` / `$-0x<hex>` (relative to the instruction at `offset`) replaced
/// by the target's offset in the function.
fn absolute_targets(text: &str, offset: u32) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (sign, digits) = match after.get(..3) {
            Some("+0x") => (1i64, &after[3..]),
            Some("-0x") => (-1i64, &after[3..]),
            _ => {
                out.push('$');
                rest = after;
                continue;
            }
        };
        let len = digits
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(digits.len());
        match i64::from_str_radix(&digits[..len], 16) {
            Ok(delta) => write!(out, "{:#x}", offset as i64 + sign * delta).unwrap(),
            Err(_) => out.push_str(&rest[at..at + 4 + len]),
        }
        rest = &digits[len..];
    }
    out.push_str(rest);
    out
}
