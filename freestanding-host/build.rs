//! The freestanding targets link a static position-independent executable by default, which
//! only runs after relocating itself (a C library's start-up code does that; there is none
//! here): link a plain static executable instead, at a fixed address, which Linux and
//! qemu-user load as is.
fn main() {
    println!("cargo:rustc-link-arg-bins=--no-pie");
}
