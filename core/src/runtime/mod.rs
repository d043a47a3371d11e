//! The runtime: instances, linking, calls and traps.
