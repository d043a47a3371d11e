#!/bin/sh
# Builds the benchmark's WASI program (lz.wasm is checked in beside its source). Needs Debian's
# clang, lld, wasi-libc and libclang-rt-14-dev-wasm32 (or any clang with a wasm32-wasi sysroot:
# set CC and SYSROOT).
set -eu
cd "$(dirname "$0")"
"${CC:-clang}" --target=wasm32-wasi ${SYSROOT:+--sysroot="$SYSROOT"} -O2 -Wl,--strip-debug \
    -o lz.wasm lz.c
