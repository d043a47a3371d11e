#!/bin/sh
# Builds the LLDB test programs (checked in beside their sources, so the tests need no
# compiler). C: Debian's clang, lld, wasi-libc and libclang-rt-14-dev-wasm32 (or any clang with
# a wasm32-wasi sysroot: set CC and SYSROOT). Rust: rustup's wasm32-wasip1 and
# wasm32-unknown-unknown targets.
set -eu
cd "$(dirname "$0")"
CC="${CC:-clang}"
for prog in squares spin; do
    "$CC" --target=wasm32-wasi ${SYSROOT:+--sysroot="$SYSROOT"} -O0 -g -fdebug-prefix-map="$PWD"=. -o "$prog.wasm" "$prog.c"
done
# -C debuginfo=2: full DWARF for the program; the standard library's own (line tables) comes
# with it. --remap-path-prefix keeps this checkout's path out of the file.
rustc --edition 2021 --target wasm32-wasip1 -C opt-level=0 -C debuginfo=2 \
    --remap-path-prefix="$PWD=." -o collatz.wasm collatz.rs
# No imports at all, for the freestanding host: rustup's wasm32-unknown-unknown target.
rustc --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -C opt-level=0 \
    -C debuginfo=2 -C panic=abort --remap-path-prefix="$PWD=." -o sum.wasm sum.rs
