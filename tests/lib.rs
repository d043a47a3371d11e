//! Shared helpers of the cross-crate tests (most live in the test files themselves).

/// The `breakwater` program, for the tests that run it as a user would.
///
/// The binary is `$BREAKWATER_BIN` if set; otherwise the one beside the test in the target
/// directory if it is newer than every source it is built from (`cargo test --workspace` builds
/// it, as `host-std` has integration tests), else it is built with the same cargo, profile and
/// target directory as the test.
pub mod program {
    use std::path::{Path, PathBuf};
    use std::process::Command;
    use std::sync::OnceLock;
    use std::time::SystemTime;

    pub fn binary() -> &'static Path {
        static BIN: OnceLock<PathBuf> = OnceLock::new();
        BIN.get_or_init(|| {
            if let Some(bin) = std::env::var_os("BREAKWATER_BIN") {
                return PathBuf::from(bin);
            }
            // This test is target/<profile>/deps/cli-<hash>; the binary is target/<profile>/breakwater.
            let exe = std::env::current_exe().expect("current_exe");
            let profile_dir = exe
                .parent()
                .and_then(Path::parent)
                .expect("the test binary is in <target>/<profile>/deps");
            let target_dir = profile_dir.parent().expect("<target>/<profile>");
            let bin = profile_dir.join(format!("breakwater{}", std::env::consts::EXE_SUFFIX));
            if is_fresh(&bin) {
                return bin;
            }
            let release = profile_dir.file_name().is_some_and(|n| n == "release");
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let mut build = Command::new(cargo);
            build
                .args(["build", "-p", "breakwater", "--bin", "breakwater"])
                .arg("--target-dir")
                .arg(target_dir)
                .current_dir(env!("CARGO_MANIFEST_DIR"));
            if release {
                build.arg("--release");
            }
            let status = build
                .status()
                .expect("running cargo build for the breakwater binary");
            assert!(status.success(), "building the breakwater binary failed");
            assert!(bin.is_file(), "no binary at {}", bin.display());
            bin
        })
    }

    /// Whether `bin` exists and is newer than the manifests, the lock file and every file under
    /// the `src` folders of the crates it is built from.
    fn is_fresh(bin: &Path) -> bool {
        fn newest(path: &Path) -> Option<SystemTime> {
            let meta = std::fs::metadata(path).ok()?;
            if !meta.is_dir() {
                return meta.modified().ok();
            }
            let mut latest = meta.modified().ok()?;
            for entry in std::fs::read_dir(path).ok()? {
                latest = latest.max(newest(&entry.ok()?.path())?);
            }
            Some(latest)
        }
        let Some(built) = std::fs::metadata(bin).and_then(|m| m.modified()).ok() else {
            return false;
        };
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let sources = [
            "Cargo.toml",
            "Cargo.lock",
            "core/Cargo.toml",
            "core/src",
            "backend-x64/Cargo.toml",
            "backend-x64/src",
            "backend-aarch64/Cargo.toml",
            "backend-aarch64/src",
            "host-std/Cargo.toml",
            "host-std/src",
        ];
        sources
            .iter()
            .all(|s| newest(&root.join(s)).is_some_and(|t| t <= built))
    }

    /// A command running the program (with no arguments yet).
    pub fn command() -> Command {
        // Under an emulator (AArch64 tests on x86-64) the program runs through it too:
        // BREAKWATER_TEST_WRAPPER is its command line, e.g. `qemu-aarch64 -L /usr/aarch64-linux-gnu`.
        let wrapper = std::env::var("BREAKWATER_TEST_WRAPPER").unwrap_or_default();
        let mut words = wrapper.split_whitespace();
        let command = match words.next() {
            Some(program) => {
                let mut c = Command::new(program);
                c.args(words).arg(binary());
                c
            }
            None => Command::new(binary()),
        };
        command
    }
}
