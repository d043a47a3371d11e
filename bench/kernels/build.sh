#!/bin/sh
# Builds the benchmark's compute kernels (bench/kernels/wasm/*.wasm, checked in, so that the
# benchmark needs no C compiler) from src/NAME.c, the vendored code under vendor/ and the
# freestanding C library under rt/. Needs clang and wasm-ld (Debian: apt-get install clang lld;
# the checked-in modules were built with Debian's clang 14.0.6).
#
#   bench/kernels/build.sh            # every kernel
#   bench/kernels/build.sh sha256 lz4 # some
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang}

# Wasm 1.0 (MVP) only: what every engine measured runs. No libc: rt/ provides what the
# vendored code needs. -O2 as a release build would use.
CFLAGS="--target=wasm32 -mcpu=mvp -O2 -nostdlib -nostdlibinc -isystem rt/include -Irt \
-DHAVE_STDINT_H -DHAVE_POSIX_MEMALIGN -DNO_CPYTHON_MODULE"
# No start function; the exports come from EXPORT(...) in the sources. 1 MiB of stack.
LDFLAGS="-Wl,--no-entry -Wl,-z,stack-size=1048576"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The C library is compiled without builtins, so its loops stay loops (not memcpy calls).
$CC $CFLAGS -fno-builtin -c rt/rt.c -o "$tmp/rt.o"

if [ $# -eq 0 ]; then
    set -- $(cd src && ls *.c | sed 's/\.c$//')
fi
for name in "$@"; do
    $CC $CFLAGS $LDFLAGS "src/$name.c" "$tmp/rt.o" -o "wasm/$name.wasm"
    echo "wasm/$name.wasm: $(wc -c < "wasm/$name.wasm") bytes"
done
