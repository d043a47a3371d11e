//! Part of the `breakwater` program (not of the library): how a trap's backtrace is shown.

use std::fmt::Write;
use std::path::Path;

use breakwater::{Module, Trap};

/// `trap`'s backtrace as lines to append to its message, one frame per line, innermost
/// first, as wasmtime shows them: `N: 0xOFFSET - module!function` (empty if there is none).
/// Functions are named from the module's name section, else by index.
pub fn format(file: &Path, module: &Module, trap: &Trap) -> String {
    if trap.backtrace.is_empty() {
        return String::new();
    }
    let stem = file.file_stem().map(|s| s.to_string_lossy());
    let module_name = module
        .name()
        .map(str::to_string)
        .or(stem.map(|s| s.into_owned()))
        .unwrap_or_default();
    let mut out = String::from("\nwasm backtrace:");
    for (i, frame) in trap.backtrace.iter().enumerate() {
        if frame.is_host() {
            let _ = write!(out, "\n    {i:>4}: {:>8} - <host function>", "");
            continue;
        }
        let offset = frame
            .bytecode_offset
            .map(|o| format!("{o:#x}"))
            .unwrap_or_default();
        let _ = write!(out, "\n    {i:>4}: {offset:>8} - {module_name}!");
        match module.func_name(frame.func_index) {
            Some(name) => out.push_str(name),
            None => {
                let _ = write!(out, "<wasm function {}>", frame.func_index);
            }
        }
    }
    if trap.omitted_frames > 0 {
        let _ = write!(out, "\n    ... and {} outer frames", trap.omitted_frames);
    }
    out
}
