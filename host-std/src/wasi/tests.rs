//! The capability checks: no path leaves a preopened directory, whatever it looks like.

use super::abi::{oflags, rights, LOOKUP_SYMLINK_FOLLOW};
use super::errno::Errno;
use super::memory::GuestMemory;
use super::{WasiCtx, WasiCtxBuilder};

/// The preopened directory's descriptor.
const ROOT: u32 = 3;
/// Where paths go in guest memory, and where results are written.
const PATH: u32 = 0x100;
const PATH2: u32 = 0x400;
const OUT: u32 = 0x800;

/// A context whose only directory is `<tmp>/box` (holding `in.txt`, `sub/`, and symlinks
/// that lead out to `<tmp>/secret.txt`), and guest memory to call it with.
struct Fixture {
    tmp: tempfile::TempDir,
    ctx: WasiCtx,
    mem: Vec<u8>,
}

impl Fixture {
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("box/sub")).unwrap();
        std::fs::write(root.join("secret.txt"), "secret").unwrap();
        std::fs::write(root.join("box/in.txt"), "inside").unwrap();
        std::os::unix::fs::symlink("../secret.txt", root.join("box/up")).unwrap();
        std::os::unix::fs::symlink(root.join("secret.txt"), root.join("box/absolute")).unwrap();
        std::os::unix::fs::symlink("sub/../in.txt", root.join("box/inner")).unwrap();
        let ctx = WasiCtxBuilder::new()
            .preopened_dir(root.join("box"), "/")
            .unwrap()
            .build();
        Fixture {
            tmp,
            ctx,
            mem: vec![0; 0x1000],
        }
    }

    /// Puts `path` at `at` in guest memory; returns its (pointer, length).
    fn put(&mut self, at: u32, path: &str) -> (u32, u32) {
        self.mem[at as usize..at as usize + path.len()].copy_from_slice(path.as_bytes());
        (at, path.len() as u32)
    }

    fn open(&mut self, path: &str, lookup: u32, oflags: u16) -> Result<u32, Errno> {
        let (p, len) = self.put(PATH, path);
        let mut mem = GuestMemory::new(&mut self.mem);
        let base = rights::FD_READ | rights::FD_WRITE;
        self.ctx
            .path_open(&mut mem, ROOT, lookup, p, len, oflags, base, 0, OUT)?;
        Ok(u32::from_le_bytes(
            self.mem[OUT as usize..OUT as usize + 4].try_into().unwrap(),
        ))
    }

    fn secret_is_intact(&self) -> bool {
        std::fs::read_to_string(self.tmp.path().join("secret.txt"))
            .ok()
            .as_deref()
            == Some("secret")
    }
}

#[test]
fn paths_inside_the_directory_open() {
    let mut f = Fixture::new();
    for path in [
        "in.txt",
        "./in.txt",
        "sub/../in.txt",
        "sub/./../sub/../in.txt",
    ] {
        assert!(f.open(path, 0, 0).is_ok(), "{path}");
    }
    // A symlink that stays inside is followed when asked to, and is not otherwise.
    assert!(f.open("inner", LOOKUP_SYMLINK_FOLLOW, 0).is_ok());
    assert_eq!(f.open("inner", 0, 0), Err(Errno::Loop));
}

#[test]
fn no_path_leads_out() {
    let mut f = Fixture::new();
    let outside = f.tmp.path().join("secret.txt");
    let outside = outside.to_str().unwrap();
    for path in [
        "..",
        "../secret.txt",
        "sub/../../secret.txt",
        "/",
        "/etc/passwd",
        outside,
    ] {
        assert_eq!(f.open(path, 0, 0), Err(Errno::Perm), "{path}");
        assert_eq!(
            f.open(path, LOOKUP_SYMLINK_FOLLOW, 0),
            Err(Errno::Perm),
            "{path}"
        );
    }
    for link in ["up", "absolute"] {
        assert_eq!(
            f.open(link, LOOKUP_SYMLINK_FOLLOW, 0),
            Err(Errno::Perm),
            "{link}"
        );
        assert_eq!(
            f.open(link, LOOKUP_SYMLINK_FOLLOW, oflags::CREAT | oflags::TRUNC),
            Err(Errno::Perm),
            "{link}"
        );
    }
    assert!(f.secret_is_intact());
}

#[test]
fn nothing_is_changed_outside() {
    let mut f = Fixture::new();
    let (p, len) = f.put(PATH, "../secret.txt");
    let (q, qlen) = f.put(PATH2, "../moved.txt");
    let mut mem = GuestMemory::new(&mut f.mem);
    assert_eq!(f.ctx.path_unlink_file(&mem, ROOT, p, len), Err(Errno::Perm));
    assert_eq!(
        f.ctx.path_create_directory(&mem, ROOT, q, qlen),
        Err(Errno::Perm)
    );
    assert_eq!(
        f.ctx.path_remove_directory(&mem, ROOT, p, len),
        Err(Errno::Perm)
    );
    assert_eq!(
        f.ctx.path_rename(&mem, ROOT, p, len, ROOT, q, qlen),
        Err(Errno::Perm)
    );
    assert_eq!(
        f.ctx
            .path_filestat_set_times(&mem, ROOT, LOOKUP_SYMLINK_FOLLOW, p, len, 0, 0, 0),
        Err(Errno::Perm)
    );
    // Moving, linking or linking to something inside out of the directory fails too.
    let (r, rlen) = (PATH2 + 0x100, 6);
    mem.write(r, b"in.txt").unwrap();
    assert_eq!(
        f.ctx.path_rename(&mem, ROOT, r, rlen, ROOT, q, qlen),
        Err(Errno::Perm)
    );
    assert_eq!(
        f.ctx.path_link(&mem, ROOT, 0, p, len, ROOT, q, qlen),
        Err(Errno::Perm)
    );
    assert_eq!(
        f.ctx.path_link(&mem, ROOT, 0, r, rlen, ROOT, q, qlen),
        Err(Errno::Perm)
    );
    // A new symlink may not point to an absolute path; one pointing up is only a name (it
    // cannot be followed out, as above).
    let (t, tlen) = (PATH2 + 0x200, 4);
    mem.write(t, b"link").unwrap();
    let abs = f.tmp.path().join("secret.txt");
    let abs = abs.to_str().unwrap();
    mem.write(PATH, abs.as_bytes()).unwrap();
    assert_eq!(
        f.ctx
            .path_symlink(&mem, PATH, abs.len() as u32, ROOT, t, tlen),
        Err(Errno::Perm)
    );
    assert!(f.secret_is_intact());
    assert!(!f.tmp.path().join("moved.txt").exists());
    assert!(f.tmp.path().join("box/in.txt").exists());
}

#[test]
fn stat_and_readlink_see_the_link_not_its_target() {
    let mut f = Fixture::new();
    let (p, len) = f.put(PATH, "up");
    let mut mem = GuestMemory::new(&mut f.mem);
    assert_eq!(
        f.ctx.path_filestat_get(&mut mem, ROOT, 0, p, len, OUT),
        Ok(())
    );
    assert_eq!(
        mem.read_u8(OUT + 16),
        Ok(super::abi::filetype::SYMBOLIC_LINK)
    );
    assert_eq!(
        f.ctx
            .path_filestat_get(&mut mem, ROOT, LOOKUP_SYMLINK_FOLLOW, p, len, OUT),
        Err(Errno::Perm)
    );
    assert_eq!(
        f.ctx.path_readlink(&mut mem, ROOT, p, len, PATH2, 64, OUT),
        Ok(())
    );
    assert_eq!(mem.read_u32(OUT), Ok(13));
    assert_eq!(mem.slice(PATH2, 13), Ok(&b"../secret.txt"[..]));
}

#[test]
fn descriptors_that_are_not_directories_resolve_nothing() {
    let mut f = Fixture::new();
    let file = f.open("in.txt", 0, 0).unwrap();
    let (p, len) = f.put(PATH, "in.txt");
    let mut mem = GuestMemory::new(&mut f.mem);
    let r = f.ctx.path_open(&mut mem, file, 0, p, len, 0, 0, 0, OUT);
    assert_eq!(r, Err(Errno::Notdir));
    let r = f.ctx.path_open(&mut mem, 99, 0, p, len, 0, 0, 0, OUT);
    assert_eq!(r, Err(Errno::Badf));
    // Without a preopened directory there is nothing to resolve against.
    let mut bare = WasiCtxBuilder::new().build();
    let r = bare.path_open(&mut mem, ROOT, 0, p, len, 0, 0, 0, OUT);
    assert_eq!(r, Err(Errno::Badf));
}

#[test]
fn unknown_flags_are_invalid() {
    let mut f = Fixture::new();
    assert_eq!(f.open("in.txt", 2, 0), Err(Errno::Inval), "lookup flags");
    assert_eq!(f.open("in.txt", 0, 1 << 4), Err(Errno::Inval), "oflags");
    assert_eq!(
        f.open("sub", 0, oflags::DIRECTORY | oflags::CREAT),
        Err(Errno::Inval),
        "a directory cannot be created by path_open"
    );
    // `open` asks for reading and writing: not a directory's.
    assert_eq!(f.open("sub", 0, oflags::DIRECTORY), Err(Errno::Isdir));
    let (p, len) = f.put(PATH, "in.txt");
    let mut mem = GuestMemory::new(&mut f.mem);
    let r = f
        .ctx
        .path_open(&mut mem, ROOT, 0, p, len, 0, 0, 1 << 5, OUT);
    assert_eq!(r, Err(Errno::Inval), "fdflags");
    assert_eq!(
        f.ctx.fd_filestat_set_times(ROOT, 0, 0, 1 << 4),
        Err(Errno::Inval)
    );
    assert_eq!(
        f.ctx.fd_filestat_set_times(
            ROOT,
            0,
            0,
            super::abi::fstflags::ATIM | super::abi::fstflags::ATIM_NOW
        ),
        Err(Errno::Inval)
    );
}
