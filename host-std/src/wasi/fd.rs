//! `fd_*`: operations on open descriptors.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::os::unix::fs::FileExt;

use super::abi::{self, fdflags, filetype, rights, size, whence};
use super::errno::Errno;
use super::memory::GuestMemory;
use super::table::{Descriptor, OpenFile};
use super::WasiCtx;

/// What `fd_filestat_get` and `path_filestat_get` report.
pub(super) struct Filestat {
    pub dev: u64,
    pub ino: u64,
    pub filetype: u8,
    pub nlink: u64,
    pub size: u64,
    pub atim: u64,
    pub mtim: u64,
    pub ctim: u64,
}

/// Nanoseconds since the epoch from seconds and nanoseconds (0 before the epoch).
fn timestamp(secs: i64, nsecs: i64) -> u64 {
    let ns = secs as i128 * 1_000_000_000 + nsecs as i128;
    ns.clamp(0, u64::MAX as i128) as u64
}

/// The WASI file type of a `st_mode`.
pub(super) fn filetype_of_mode(mode: u32) -> u8 {
    // `mode_t` is narrower than `st_mode` on some hosts; the file type bits fit.
    match mode as libc::mode_t & libc::S_IFMT {
        libc::S_IFDIR => filetype::DIRECTORY,
        libc::S_IFREG => filetype::REGULAR_FILE,
        libc::S_IFLNK => filetype::SYMBOLIC_LINK,
        libc::S_IFCHR => filetype::CHARACTER_DEVICE,
        libc::S_IFBLK => filetype::BLOCK_DEVICE,
        libc::S_IFSOCK => filetype::SOCKET_STREAM,
        _ => filetype::UNKNOWN,
    }
}

macro_rules! filestat_from {
    ($meta:expr, $ext:path) => {{
        use $ext as _;
        let m = $meta;
        Filestat {
            dev: m.dev(),
            ino: m.ino(),
            filetype: filetype_of_mode(m.mode()),
            nlink: m.nlink(),
            size: m.size(),
            atim: timestamp(m.atime(), m.atime_nsec()),
            mtim: timestamp(m.mtime(), m.mtime_nsec()),
            ctim: timestamp(m.ctime(), m.ctime_nsec()),
        }
    }};
}

impl Filestat {
    pub fn of_std(m: &std::fs::Metadata) -> Filestat {
        filestat_from!(m, std::os::unix::fs::MetadataExt)
    }
    pub fn of_cap(m: &cap_std::fs::Metadata) -> Filestat {
        filestat_from!(m, cap_std::fs::MetadataExt)
    }

    pub fn write(&self, mem: &mut GuestMemory<'_>, ptr: u32) -> Result<(), Errno> {
        let mut raw = [0u8; size::FILESTAT as usize];
        raw[0..8].copy_from_slice(&self.dev.to_le_bytes());
        raw[8..16].copy_from_slice(&self.ino.to_le_bytes());
        raw[16] = self.filetype;
        raw[24..32].copy_from_slice(&self.nlink.to_le_bytes());
        raw[32..40].copy_from_slice(&self.size.to_le_bytes());
        raw[40..48].copy_from_slice(&self.atim.to_le_bytes());
        raw[48..56].copy_from_slice(&self.mtim.to_le_bytes());
        raw[56..64].copy_from_slice(&self.ctim.to_le_bytes());
        mem.write(ptr, &raw)
    }
}

/// `futimens`' argument for one timestamp: set it to `value`, to now, or leave it.
pub(super) fn timespec(value: u64, set: bool, now: bool) -> Result<libc::timespec, Errno> {
    let (tv_sec, tv_nsec) = match (set, now) {
        (true, true) => return Err(Errno::Inval),
        (true, false) => (
            (value / 1_000_000_000) as libc::time_t,
            (value % 1_000_000_000) as _,
        ),
        (false, true) => (0, libc::UTIME_NOW),
        (false, false) => (0, libc::UTIME_OMIT),
    };
    Ok(libc::timespec { tv_sec, tv_nsec })
}

/// The access and modification times `fd_filestat_set_times`/`path_filestat_set_times` ask
/// for (`EINVAL` for unknown flags or a time both given and "now").
pub(super) fn times(atim: u64, mtim: u64, flags: u16) -> Result<[libc::timespec; 2], Errno> {
    use abi::fstflags::*;
    if flags & !ALL != 0 {
        return Err(Errno::Inval);
    }
    Ok([
        timespec(atim, flags & ATIM != 0, flags & ATIM_NOW != 0)?,
        timespec(mtim, flags & MTIM != 0, flags & MTIM_NOW != 0)?,
    ])
}

/// Runs a libc call returning -1 and setting errno on failure.
pub(super) fn check(ret: libc::c_int) -> Result<(), Errno> {
    if ret == -1 {
        Err(std::io::Error::last_os_error().into())
    } else {
        Ok(())
    }
}

fn fd_flags(fd: BorrowedFd<'_>) -> Result<u16, Errno> {
    // SAFETY: F_GETFL on a descriptor we own reads its status flags.
    let fl = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_GETFL) };
    check(fl)?;
    let mut flags = 0;
    if fl & libc::O_APPEND != 0 {
        flags |= fdflags::APPEND;
    }
    if fl & libc::O_NONBLOCK != 0 {
        flags |= fdflags::NONBLOCK;
    }
    if fl & libc::O_SYNC == libc::O_SYNC {
        flags |= fdflags::SYNC;
    } else if fl & libc::O_DSYNC != 0 {
        flags |= fdflags::DSYNC;
    }
    Ok(flags)
}

impl WasiCtx {
    /// The open file `fd`, for operations on files only.
    fn file(&self, fd: u32) -> Result<&OpenFile, Errno> {
        match self.table.get(fd)? {
            Descriptor::File(f) => Ok(f),
            Descriptor::Stream(_) => Err(Errno::Spipe),
            Descriptor::Dir(_) => Err(Errno::Badf),
        }
    }

    /// The host file of `fd` for reading (file or stream).
    fn readable(&self, fd: u32) -> Result<&File, Errno> {
        match self.table.get(fd)? {
            Descriptor::File(f) if f.readable => Ok(&f.file),
            Descriptor::Stream(s) if s.readable => Ok(&s.file),
            _ => Err(Errno::Badf),
        }
    }

    /// The host file of `fd` for writing (file or stream).
    fn writable(&self, fd: u32) -> Result<&File, Errno> {
        match self.table.get(fd)? {
            Descriptor::File(f) if f.writable => Ok(&f.file),
            Descriptor::Stream(s) if s.writable => Ok(&s.file),
            _ => Err(Errno::Badf),
        }
    }

    pub(super) fn fd_advise(
        &self,
        fd: u32,
        offset: u64,
        len: u64,
        advice: u8,
    ) -> Result<(), Errno> {
        let file = self.file(fd)?;
        if advice > abi::advice::NOREUSE {
            return Err(Errno::Inval);
        }
        let offset = i64::try_from(offset).map_err(|_| Errno::Inval)?;
        let len = i64::try_from(len).map_err(|_| Errno::Inval)?;
        #[cfg(target_os = "linux")]
        {
            use abi::advice::*;
            let advice = match advice {
                SEQUENTIAL => libc::POSIX_FADV_SEQUENTIAL,
                RANDOM => libc::POSIX_FADV_RANDOM,
                WILLNEED => libc::POSIX_FADV_WILLNEED,
                DONTNEED => libc::POSIX_FADV_DONTNEED,
                NOREUSE => libc::POSIX_FADV_NOREUSE,
                NORMAL => libc::POSIX_FADV_NORMAL,
                _ => return Err(Errno::Inval),
            };
            // SAFETY: posix_fadvise only reads its integer arguments.
            let r = unsafe { libc::posix_fadvise(file.file.as_raw_fd(), offset, len, advice) };
            if r != 0 {
                return Err(Errno::from_host(r));
            }
        }
        // Elsewhere advice is only advice: ignoring it is correct.
        #[cfg(not(target_os = "linux"))]
        let _ = (file, offset, len);
        Ok(())
    }

    pub(super) fn fd_allocate(&self, fd: u32, offset: u64, len: u64) -> Result<(), Errno> {
        let file = self.file(fd)?;
        if !file.writable {
            return Err(Errno::Badf);
        }
        let end = offset.checked_add(len).ok_or(Errno::Fbig)?;
        i64::try_from(end).map_err(|_| Errno::Fbig)?;
        #[cfg(target_os = "linux")]
        {
            // SAFETY: posix_fallocate only reads its integer arguments.
            let r =
                unsafe { libc::posix_fallocate(file.file.as_raw_fd(), offset as i64, len as i64) };
            if r != 0 {
                return Err(Errno::from_host(r));
            }
        }
        #[cfg(not(target_os = "linux"))]
        if file.file.metadata()?.len() < end {
            file.file.set_len(end)?;
        }
        Ok(())
    }

    pub(super) fn fd_close(&mut self, fd: u32) -> Result<(), Errno> {
        self.table.remove(fd).map(drop)
    }

    pub(super) fn fd_sync(&self, fd: u32, data_only: bool) -> Result<(), Errno> {
        match self.table.get(fd)? {
            Descriptor::File(f) if data_only => Ok(f.file.sync_data()?),
            Descriptor::File(f) => Ok(f.file.sync_all()?),
            // SAFETY: fsync on a directory descriptor we own.
            Descriptor::Dir(d) => check(unsafe { libc::fsync(d.dir.as_fd().as_raw_fd()) }),
            Descriptor::Stream(_) => Err(Errno::Inval),
        }
    }

    pub(super) fn fd_fdstat_get(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        ptr: u32,
    ) -> Result<(), Errno> {
        let (ftype, flags, base, inheriting) = match self.table.get(fd)? {
            Descriptor::Stream(s) => {
                let tty = std::io::IsTerminal::is_terminal(&s.file);
                let ftype = if tty {
                    filetype::CHARACTER_DEVICE
                } else {
                    filetype::UNKNOWN
                };
                let mut base = rights::POLL_FD_READWRITE;
                if s.readable {
                    base |= rights::FD_READ;
                }
                if s.writable {
                    base |= rights::FD_WRITE;
                }
                (ftype, 0, base, 0)
            }
            Descriptor::File(f) => {
                let meta = f.file.metadata()?;
                let ftype = filetype_of_mode(std::os::unix::fs::MetadataExt::mode(&meta));
                let mut base = rights::FILE_BASE;
                if f.readable {
                    base |= rights::FD_READ;
                }
                if f.writable {
                    base |= rights::FD_WRITE;
                }
                (ftype, fd_flags(f.file.as_fd())?, base, 0)
            }
            Descriptor::Dir(_) => (
                filetype::DIRECTORY,
                0,
                rights::DIRECTORY_BASE,
                rights::DIRECTORY_INHERITING,
            ),
        };
        let mut raw = [0u8; size::FDSTAT as usize];
        raw[0] = ftype;
        raw[2..4].copy_from_slice(&flags.to_le_bytes());
        raw[8..16].copy_from_slice(&base.to_le_bytes());
        raw[16..24].copy_from_slice(&inheriting.to_le_bytes());
        mem.write(ptr, &raw)
    }

    pub(super) fn fd_fdstat_set_flags(&self, fd: u32, flags: u16) -> Result<(), Errno> {
        if flags & !fdflags::ALL != 0 {
            return Err(Errno::Inval);
        }
        let file = match self.table.get(fd)? {
            Descriptor::File(f) => &f.file,
            // A standard stream's flags are shared with the processes that gave it to us.
            Descriptor::Stream(_) | Descriptor::Dir(_) => return Err(Errno::Notsup),
        };
        if flags & (fdflags::DSYNC | fdflags::RSYNC | fdflags::SYNC) != 0 {
            // Synchronized I/O can be asked for when opening, not later (Linux ignores it
            // in F_SETFL).
            return Err(Errno::Notsup);
        }
        let raw = file.as_raw_fd();
        // SAFETY: fcntl on a descriptor we own, changing only its status flags.
        unsafe {
            let mut fl = libc::fcntl(raw, libc::F_GETFL);
            check(fl)?;
            fl &= !(libc::O_APPEND | libc::O_NONBLOCK);
            if flags & fdflags::APPEND != 0 {
                fl |= libc::O_APPEND;
            }
            if flags & fdflags::NONBLOCK != 0 {
                fl |= libc::O_NONBLOCK;
            }
            check(libc::fcntl(raw, libc::F_SETFL, fl))
        }
    }

    pub(super) fn fd_fdstat_set_rights(&self, fd: u32) -> Result<(), Errno> {
        // As in wasmtime: rights are reported, not enforced, and cannot be changed.
        self.table.get(fd)?;
        Err(Errno::Notsup)
    }

    pub(super) fn fd_filestat_get(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        ptr: u32,
    ) -> Result<(), Errno> {
        let stat = match self.table.get(fd)? {
            Descriptor::File(f) => Filestat::of_std(&f.file.metadata()?),
            Descriptor::Dir(d) => Filestat::of_cap(&d.dir.dir_metadata()?),
            Descriptor::Stream(s) => {
                let mut stat = Filestat::of_std(&s.file.metadata()?);
                stat.filetype = if std::io::IsTerminal::is_terminal(&s.file) {
                    filetype::CHARACTER_DEVICE
                } else {
                    filetype::UNKNOWN
                };
                stat
            }
        };
        stat.write(mem, ptr)
    }

    pub(super) fn fd_filestat_set_size(&self, fd: u32, size: u64) -> Result<(), Errno> {
        let file = self.file(fd).map_err(|_| Errno::Badf)?;
        if !file.writable {
            return Err(Errno::Badf);
        }
        i64::try_from(size).map_err(|_| Errno::Fbig)?;
        Ok(file.file.set_len(size)?)
    }

    pub(super) fn fd_filestat_set_times(
        &self,
        fd: u32,
        atim: u64,
        mtim: u64,
        flags: u16,
    ) -> Result<(), Errno> {
        let times = times(atim, mtim, flags)?;
        let raw = match self.table.get(fd)? {
            Descriptor::File(f) => f.file.as_raw_fd(),
            Descriptor::Dir(d) => d.dir.as_fd().as_raw_fd(),
            Descriptor::Stream(_) => return Err(Errno::Badf),
        };
        // SAFETY: futimens on a descriptor we own, reading the two timespecs.
        check(unsafe { libc::futimens(raw, times.as_ptr()) })
    }

    pub(super) fn fd_read(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        nread: u32,
    ) -> Result<(), Errno> {
        let mut file = self.readable(fd)?;
        let iovs = mem.iovecs(iovs, iovs_len)?;
        let n = file.read(mem.first_buffer(&iovs)?)?;
        mem.write_u32(nread, n as u32)
    }

    pub(super) fn fd_pread(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        offset: u64,
        nread: u32,
    ) -> Result<(), Errno> {
        let file = self.file(fd)?;
        if !file.readable {
            return Err(Errno::Badf);
        }
        let iovs = mem.iovecs(iovs, iovs_len)?;
        let n = file.file.read_at(mem.first_buffer(&iovs)?, offset)?;
        mem.write_u32(nread, n as u32)
    }

    pub(super) fn fd_write(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        nwritten: u32,
    ) -> Result<(), Errno> {
        let mut file = self.writable(fd)?;
        let iovs = mem.iovecs(iovs, iovs_len)?;
        // One gathering write straight from guest memory: no copy of ours in between.
        let n = file.write_vectored(&mem.gather(&iovs)?)?;
        mem.write_u32(nwritten, n as u32)
    }

    pub(super) fn fd_pwrite(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        offset: u64,
        nwritten: u32,
    ) -> Result<(), Errno> {
        let file = self.file(fd)?;
        if !file.writable {
            return Err(Errno::Badf);
        }
        let iovs = mem.iovecs(iovs, iovs_len)?;
        let n = match iovs.iter().find(|v| v.len != 0) {
            Some(v) => file.file.write_at(mem.slice(v.ptr, v.len)?, offset)?,
            None => 0,
        };
        mem.write_u32(nwritten, n as u32)
    }

    pub(super) fn fd_prestat_get(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        ptr: u32,
    ) -> Result<(), Errno> {
        let name = self.preopen_name(fd)?;
        let len = u32::try_from(name.len()).map_err(|_| Errno::Nametoolong)?;
        let mut raw = [0u8; size::PRESTAT as usize];
        raw[0] = abi::PREOPENTYPE_DIR;
        raw[4..8].copy_from_slice(&len.to_le_bytes());
        mem.write(ptr, &raw)
    }

    pub(super) fn fd_prestat_dir_name(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        ptr: u32,
        len: u32,
    ) -> Result<(), Errno> {
        let name = self.preopen_name(fd)?;
        if (len as usize) < name.len() {
            return Err(Errno::Nametoolong);
        }
        mem.write(ptr, name.as_bytes())
    }

    fn preopen_name(&self, fd: u32) -> Result<&str, Errno> {
        match self.table.get(fd)? {
            Descriptor::Dir(d) => d.preopen.as_deref().ok_or(Errno::Badf),
            _ => Err(Errno::Badf),
        }
    }

    pub(super) fn fd_renumber(&mut self, from: u32, to: u32) -> Result<(), Errno> {
        self.table.renumber(from, to)
    }

    pub(super) fn fd_seek(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        offset: i64,
        how: u8,
        newoffset: u32,
    ) -> Result<(), Errno> {
        let mut file = &self.file(fd)?.file;
        let pos = match how {
            whence::SET => SeekFrom::Start(u64::try_from(offset).map_err(|_| Errno::Inval)?),
            whence::CUR => SeekFrom::Current(offset),
            whence::END => SeekFrom::End(offset),
            _ => return Err(Errno::Inval),
        };
        let new = file.seek(pos)?;
        mem.write_u64(newoffset, new)
    }

    pub(super) fn fd_tell(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        ptr: u32,
    ) -> Result<(), Errno> {
        let mut file = &self.file(fd)?.file;
        let pos = file.stream_position()?;
        mem.write_u64(ptr, pos)
    }

    pub(super) fn fd_readdir(
        &self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        buf: u32,
        buf_len: u32,
        cookie: u64,
        bufused: u32,
    ) -> Result<(), Errno> {
        let dir = match self.table.get(fd)? {
            Descriptor::Dir(d) => &d.dir,
            _ => return Err(Errno::Notdir),
        };
        // Check the whole buffer once: every write below is inside it.
        mem.slice(buf, buf_len)?;
        let mut used = 0u32;
        for (next, entry) in dir_entries(dir)?
            .enumerate()
            .skip(cookie.try_into().unwrap_or(usize::MAX))
        {
            let (ino, ftype, name) = entry?;
            let mut dirent = [0u8; size::DIRENT as usize];
            dirent[0..8].copy_from_slice(&(next as u64 + 1).to_le_bytes());
            dirent[8..16].copy_from_slice(&ino.to_le_bytes());
            dirent[16..20].copy_from_slice(&(name.len() as u32).to_le_bytes());
            dirent[20] = ftype;
            // Entries that do not fit are cut: a full buffer tells the guest to come back.
            for part in [&dirent[..], &name[..]] {
                let room = (buf_len - used) as usize;
                if room == 0 {
                    return mem.write_u32(bufused, used);
                }
                let n = part.len().min(room);
                // In bounds: buf + used + n <= buf + buf_len, checked above.
                mem.write(buf + used, &part[..n])?;
                used += n as u32;
                if n < part.len() {
                    return mem.write_u32(bufused, used);
                }
            }
        }
        mem.write_u32(bufused, used)
    }
}

/// A directory entry: inode, file type and name.
type DirEntryInfo = (u64, u8, Vec<u8>);

/// A directory's entries as `fd_readdir` lists them: `.` and `..` first, then the rest in
/// the host's order. The cookie of an entry is its index plus one.
fn dir_entries(
    dir: &cap_std::fs::Dir,
) -> Result<impl Iterator<Item = Result<DirEntryInfo, Errno>>, Errno> {
    use cap_std::fs::MetadataExt;
    use std::os::unix::ffi::OsStrExt;
    let ino = dir.dir_metadata()?.ino();
    let dots = [(ino, b".".to_vec()), (ino, b"..".to_vec())]
        .into_iter()
        .map(|(ino, name)| Ok((ino, filetype::DIRECTORY, name)));
    let rest = dir.entries()?.map(|entry| {
        let entry = entry?;
        let ftype = entry.file_type()?;
        let ftype = if ftype.is_dir() {
            filetype::DIRECTORY
        } else if ftype.is_file() {
            filetype::REGULAR_FILE
        } else if ftype.is_symlink() {
            filetype::SYMBOLIC_LINK
        } else {
            use cap_std::fs::FileTypeExt;
            if ftype.is_block_device() {
                filetype::BLOCK_DEVICE
            } else if ftype.is_char_device() {
                filetype::CHARACTER_DEVICE
            } else if ftype.is_socket() {
                filetype::SOCKET_STREAM
            } else {
                filetype::UNKNOWN
            }
        };
        let ino = std::os::unix::fs::DirEntryExt::ino(&entry);
        Ok((ino, ftype, entry.file_name().as_bytes().to_vec()))
    });
    Ok(dots.chain(rest))
}
