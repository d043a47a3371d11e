#!/bin/sh
# Builds the WASI test programs (checked in beside their sources, so tests need no C compiler).
# Needs Debian's clang, lld, wasi-libc and libclang-rt-14-dev-wasm32 (or any clang with a
# wasm32-wasi sysroot: set CC and SYSROOT).
set -eu
cd "$(dirname "$0")"
CC="${CC:-clang}"
for prog in filter sandbox crash; do
    # -Wl,--strip-debug keeps the name section (function names in backtraces).
    "$CC" --target=wasm32-wasi ${SYSROOT:+--sysroot="$SYSROOT"} -O2 -Wl,--strip-debug \
        -o "$prog.wasm" "$prog.c"
done
