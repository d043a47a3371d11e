//! `path_*`: operations on paths, each relative to an open directory. `cap-std` resolves
//! every path inside that directory: `..` above it, absolute paths and symlinks that point
//! out of it fail (`EPERM`), whatever the path looks like.

use std::os::unix::ffi::OsStrExt;

use cap_fs_ext::{DirExt, FollowSymlinks, OpenOptionsFollowExt, OpenOptionsMaybeDirExt};
use cap_std::fs::{Dir, OpenOptions, OpenOptionsExt};

use super::abi::{fdflags, oflags, rights, LOOKUP_SYMLINK_FOLLOW};
use super::errno::Errno;
use super::fd::{times, Filestat};
use super::memory::GuestMemory;
use super::table::{Descriptor, OpenDir, OpenFile};
use super::WasiCtx;

/// A guest path: a string, and never empty (an empty path names nothing).
fn path<'m>(mem: &'m GuestMemory<'_>, ptr: u32, len: u32) -> Result<&'m str, Errno> {
    let p = mem.str(ptr, len)?;
    if p.is_empty() {
        return Err(Errno::Noent);
    }
    Ok(p)
}

/// Whether lookup flags ask to follow a final symlink (`EINVAL` for unknown flags).
fn follows(lookup: u32) -> Result<bool, Errno> {
    if lookup & !LOOKUP_SYMLINK_FOLLOW != 0 {
        return Err(Errno::Inval);
    }
    Ok(lookup != 0)
}

impl WasiCtx {
    fn dir(&self, fd: u32) -> Result<&Dir, Errno> {
        Ok(&self.table.dir(fd)?.dir)
    }

    pub(super) fn path_create_directory(
        &self,
        mem: &GuestMemory<'_>,
        fd: u32,
        p: u32,
        len: u32,
    ) -> Result<(), Errno> {
        Ok(self.dir(fd)?.create_dir(path(mem, p, len)?)?)
    }

    pub(super) fn path_filestat_get(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        flags: u32,
        p: u32,
        len: u32,
        out: u32,
    ) -> Result<(), Errno> {
        let dir = self.dir(fd)?;
        let path = path(mem, p, len)?;
        let meta = if follows(flags)? {
            dir.metadata(path)?
        } else {
            dir.symlink_metadata(path)?
        };
        Filestat::of_cap(&meta).write(mem, out)
    }

    pub(super) fn path_filestat_set_times(
        &self,
        mem: &GuestMemory<'_>,
        fd: u32,
        flags: u32,
        p: u32,
        len: u32,
        atim: u64,
        mtim: u64,
        fst: u16,
    ) -> Result<(), Errno> {
        let dir = self.dir(fd)?;
        let path = path(mem, p, len)?;
        let [a, m] = times(atim, mtim, fst)?;
        let spec = |t: libc::timespec| -> Option<cap_fs_ext::SystemTimeSpec> {
            if t.tv_nsec == libc::UTIME_OMIT {
                None
            } else if t.tv_nsec == libc::UTIME_NOW {
                Some(cap_fs_ext::SystemTimeSpec::SymbolicNow)
            } else {
                let since = std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
                let at = std::time::SystemTime::UNIX_EPOCH + since;
                Some(cap_fs_ext::SystemTimeSpec::Absolute(
                    cap_std::time::SystemTime::from_std(at),
                ))
            }
        };
        if follows(flags)? {
            dir.set_times(path, spec(a), spec(m))?;
        } else {
            dir.set_symlink_times(path, spec(a), spec(m))?;
        }
        Ok(())
    }

    pub(super) fn path_link(
        &self,
        mem: &GuestMemory<'_>,
        old_fd: u32,
        old_flags: u32,
        old: u32,
        old_len: u32,
        new_fd: u32,
        new: u32,
        new_len: u32,
    ) -> Result<(), Errno> {
        let old_dir = self.dir(old_fd)?;
        let new_dir = self.dir(new_fd)?;
        if follows(old_flags)? {
            // As wasmtime: links are made to the path itself, never through a symlink.
            return Err(Errno::Inval);
        }
        Ok(old_dir.hard_link(path(mem, old, old_len)?, new_dir, path(mem, new, new_len)?)?)
    }

    pub(super) fn path_open(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        lookup: u32,
        p: u32,
        len: u32,
        oflags: u16,
        rights_base: u64,
        fdflags: u16,
        out: u32,
    ) -> Result<(), Errno> {
        let dir = self.dir(fd)?;
        let path = path(mem, p, len)?;
        let want_dir = oflags & oflags::DIRECTORY != 0;
        let create = oflags & oflags::CREAT != 0;
        let exclusive = oflags & oflags::EXCL != 0;
        let truncate = oflags & oflags::TRUNC != 0;
        let known = oflags::CREAT | oflags::DIRECTORY | oflags::EXCL | oflags::TRUNC;
        if oflags & !known != 0 || fdflags & !fdflags::ALL != 0 {
            return Err(Errno::Inval);
        }
        if want_dir && (create || exclusive || truncate) {
            return Err(Errno::Inval);
        }
        let follow = follows(lookup)?;
        let readable = rights_base & (rights::FD_READ | rights::FD_READDIR) != 0;
        let writable = rights_base & rights::FD_WRITE != 0;
        let append = fdflags & fdflags::APPEND != 0;
        if want_dir {
            if writable || append {
                // As open(2): a directory cannot be opened for writing.
                return Err(Errno::Isdir);
            }
            // cap-std's own directory opening: it knows that a symlink can be the reason a
            // directory-only open fails, which an `O_DIRECTORY` of ours would hide from it
            // where the kernel cannot resolve beneath a directory (no openat2).
            let opened = if follow {
                dir.open_dir(path)?
            } else {
                dir.open_dir_nofollow(path)?
            };
            let descriptor = Descriptor::Dir(OpenDir {
                dir: opened,
                preopen: None,
            });
            let new_fd = self.table.push(descriptor)?;
            return mem.write_u32(out, new_fd);
        }
        // The guest may read or write if it asked for the right to; the host file must be
        // opened for writing also to create or truncate it.
        let host_write = writable || create || truncate || append;
        let mut opts = OpenOptions::new();
        opts.read(readable || !host_write)
            .write(host_write)
            .truncate(truncate)
            .maybe_dir(true)
            .follow(if follow {
                FollowSymlinks::Yes
            } else {
                FollowSymlinks::No
            });
        if create && exclusive {
            opts.create_new(true);
        } else if create {
            opts.create(true);
        }
        // O_APPEND directly: std's `append` refuses to go with `truncate`, open(2) does not.
        let mut custom = if append { libc::O_APPEND } else { 0 };
        if fdflags & fdflags::NONBLOCK != 0 {
            custom |= libc::O_NONBLOCK;
        }
        if fdflags & (fdflags::SYNC | fdflags::RSYNC) != 0 {
            custom |= libc::O_SYNC;
        } else if fdflags & fdflags::DSYNC != 0 {
            custom |= libc::O_DSYNC;
        }
        opts.custom_flags(custom);
        let file = dir.open_with(path, &opts)?;
        let descriptor = if file.metadata()?.is_dir() {
            Descriptor::Dir(OpenDir {
                dir: Dir::from_std_file(file.into_std()),
                preopen: None,
            })
        } else {
            Descriptor::File(OpenFile {
                file: file.into_std(),
                readable,
                writable: writable || append,
            })
        };
        let new_fd = self.table.push(descriptor)?;
        mem.write_u32(out, new_fd)
    }

    pub(super) fn path_readlink(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        p: u32,
        len: u32,
        buf: u32,
        buf_len: u32,
        out: u32,
    ) -> Result<(), Errno> {
        let target = self.dir(fd)?.read_link_contents(path(mem, p, len)?)?;
        let bytes = target.as_os_str().as_bytes();
        // Like readlink(2): a target longer than the buffer is cut.
        let n = bytes.len().min(buf_len as usize);
        mem.write(buf, &bytes[..n])?;
        mem.write_u32(out, n as u32)
    }

    pub(super) fn path_remove_directory(
        &self,
        mem: &GuestMemory<'_>,
        fd: u32,
        p: u32,
        len: u32,
    ) -> Result<(), Errno> {
        Ok(self.dir(fd)?.remove_dir(path(mem, p, len)?)?)
    }

    pub(super) fn path_rename(
        &self,
        mem: &GuestMemory<'_>,
        fd: u32,
        old: u32,
        old_len: u32,
        new_fd: u32,
        new: u32,
        new_len: u32,
    ) -> Result<(), Errno> {
        let old_dir = self.dir(fd)?;
        let new_dir = self.dir(new_fd)?;
        Ok(old_dir.rename(path(mem, old, old_len)?, new_dir, path(mem, new, new_len)?)?)
    }

    pub(super) fn path_symlink(
        &self,
        mem: &GuestMemory<'_>,
        old: u32,
        old_len: u32,
        fd: u32,
        new: u32,
        new_len: u32,
    ) -> Result<(), Errno> {
        let dir = self.dir(fd)?;
        let target = path(mem, old, old_len)?;
        if target.starts_with('/') {
            // A link to an absolute path could only ever point out of the sandbox.
            return Err(Errno::Perm);
        }
        Ok(DirExt::symlink(dir, target, path(mem, new, new_len)?)?)
    }

    pub(super) fn path_unlink_file(
        &self,
        mem: &GuestMemory<'_>,
        fd: u32,
        p: u32,
        len: u32,
    ) -> Result<(), Errno> {
        Ok(self.dir(fd)?.remove_file_or_symlink(path(mem, p, len)?)?)
    }
}
