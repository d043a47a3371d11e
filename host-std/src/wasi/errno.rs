//! WASI error numbers, and how host errors map to them.

use std::io;

macro_rules! errnos {
    ($( $variant:ident = $code:literal, $name:literal, $host:expr; )*) => {
        /// A `wasi_snapshot_preview1` error number (`errno`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u16)]
        pub enum Errno {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant = $code,
            )*
        }

        impl Errno {
            /// The name the WASI specification gives it.
            pub fn name(self) -> &'static str {
                match self {
                    $( Errno::$variant => $name, )*
                }
            }

            /// The host (`libc`) error numbers and their WASI meanings; the first match wins, so
            /// aliases (e.g. `EWOULDBLOCK` on hosts where it is not `EAGAIN`) come after.
            const HOST: &'static [(i32, Errno)] = &[
                $( ($host, Errno::$variant), )*
                (libc::EWOULDBLOCK, Errno::Again),
                (libc::EOPNOTSUPP, Errno::Notsup),
            ];
        }
    };
}

/// Not a host error number: for the WASI errors that have none.
const NONE: i32 = -1;

errnos! {
    Success = 0, "success", 0;
    TooBig = 1, "2big", libc::E2BIG;
    Acces = 2, "acces", libc::EACCES;
    Addrinuse = 3, "addrinuse", libc::EADDRINUSE;
    Addrnotavail = 4, "addrnotavail", libc::EADDRNOTAVAIL;
    Afnosupport = 5, "afnosupport", libc::EAFNOSUPPORT;
    Again = 6, "again", libc::EAGAIN;
    Already = 7, "already", libc::EALREADY;
    Badf = 8, "badf", libc::EBADF;
    Badmsg = 9, "badmsg", libc::EBADMSG;
    Busy = 10, "busy", libc::EBUSY;
    Canceled = 11, "canceled", libc::ECANCELED;
    Child = 12, "child", libc::ECHILD;
    Connaborted = 13, "connaborted", libc::ECONNABORTED;
    Connrefused = 14, "connrefused", libc::ECONNREFUSED;
    Connreset = 15, "connreset", libc::ECONNRESET;
    Deadlk = 16, "deadlk", libc::EDEADLK;
    Destaddrreq = 17, "destaddrreq", libc::EDESTADDRREQ;
    Dom = 18, "dom", libc::EDOM;
    Dquot = 19, "dquot", libc::EDQUOT;
    Exist = 20, "exist", libc::EEXIST;
    Fault = 21, "fault", libc::EFAULT;
    Fbig = 22, "fbig", libc::EFBIG;
    Hostunreach = 23, "hostunreach", libc::EHOSTUNREACH;
    Idrm = 24, "idrm", libc::EIDRM;
    Ilseq = 25, "ilseq", libc::EILSEQ;
    Inprogress = 26, "inprogress", libc::EINPROGRESS;
    Intr = 27, "intr", libc::EINTR;
    Inval = 28, "inval", libc::EINVAL;
    Io = 29, "io", libc::EIO;
    Isconn = 30, "isconn", libc::EISCONN;
    Isdir = 31, "isdir", libc::EISDIR;
    Loop = 32, "loop", libc::ELOOP;
    Mfile = 33, "mfile", libc::EMFILE;
    Mlink = 34, "mlink", libc::EMLINK;
    Msgsize = 35, "msgsize", libc::EMSGSIZE;
    Multihop = 36, "multihop", libc::EMULTIHOP;
    Nametoolong = 37, "nametoolong", libc::ENAMETOOLONG;
    Netdown = 38, "netdown", libc::ENETDOWN;
    Netreset = 39, "netreset", libc::ENETRESET;
    Netunreach = 40, "netunreach", libc::ENETUNREACH;
    Nfile = 41, "nfile", libc::ENFILE;
    Nobufs = 42, "nobufs", libc::ENOBUFS;
    Nodev = 43, "nodev", libc::ENODEV;
    Noent = 44, "noent", libc::ENOENT;
    Noexec = 45, "noexec", libc::ENOEXEC;
    Nolck = 46, "nolck", libc::ENOLCK;
    Nolink = 47, "nolink", libc::ENOLINK;
    Nomem = 48, "nomem", libc::ENOMEM;
    Nomsg = 49, "nomsg", libc::ENOMSG;
    Noprotoopt = 50, "noprotoopt", libc::ENOPROTOOPT;
    Nospc = 51, "nospc", libc::ENOSPC;
    Nosys = 52, "nosys", libc::ENOSYS;
    Notconn = 53, "notconn", libc::ENOTCONN;
    Notdir = 54, "notdir", libc::ENOTDIR;
    Notempty = 55, "notempty", libc::ENOTEMPTY;
    Notrecoverable = 56, "notrecoverable", libc::ENOTRECOVERABLE;
    Notsock = 57, "notsock", libc::ENOTSOCK;
    Notsup = 58, "notsup", libc::ENOTSUP;
    Notty = 59, "notty", libc::ENOTTY;
    Nxio = 60, "nxio", libc::ENXIO;
    Overflow = 61, "overflow", libc::EOVERFLOW;
    Ownerdead = 62, "ownerdead", libc::EOWNERDEAD;
    Perm = 63, "perm", libc::EPERM;
    Pipe = 64, "pipe", libc::EPIPE;
    Proto = 65, "proto", libc::EPROTO;
    Protonosupport = 66, "protonosupport", libc::EPROTONOSUPPORT;
    Prototype = 67, "prototype", libc::EPROTOTYPE;
    Range = 68, "range", libc::ERANGE;
    Rofs = 69, "rofs", libc::EROFS;
    Spipe = 70, "spipe", libc::ESPIPE;
    Srch = 71, "srch", libc::ESRCH;
    Stale = 72, "stale", libc::ESTALE;
    Timedout = 73, "timedout", libc::ETIMEDOUT;
    Txtbsy = 74, "txtbsy", libc::ETXTBSY;
    Xdev = 75, "xdev", libc::EXDEV;
    Notcapable = 76, "notcapable", NONE;
}

impl Errno {
    /// The WASI error for host error number `code` (`EIO` for one WASI has no name for).
    pub fn from_host(code: i32) -> Errno {
        if code == NONE {
            return Errno::Io;
        }
        Errno::HOST
            .iter()
            .find(|(host, _)| *host == code)
            .map_or(Errno::Io, |(_, errno)| *errno)
    }

    /// The code as the guest sees it.
    pub fn code(self) -> i32 {
        self as u16 as i32
    }
}

impl From<io::Error> for Errno {
    fn from(e: io::Error) -> Errno {
        if let Some(code) = e.raw_os_error() {
            return Errno::from_host(code);
        }
        // Errors made without an OS error number: std's and cap-std's (a path that would
        // leave its directory is `PermissionDenied`).
        match e.kind() {
            io::ErrorKind::NotFound => Errno::Noent,
            io::ErrorKind::PermissionDenied => Errno::Perm,
            io::ErrorKind::AlreadyExists => Errno::Exist,
            io::ErrorKind::WouldBlock => Errno::Again,
            io::ErrorKind::InvalidInput => Errno::Inval,
            io::ErrorKind::InvalidData => Errno::Ilseq,
            io::ErrorKind::TimedOut => Errno::Timedout,
            io::ErrorKind::Interrupted => Errno::Intr,
            io::ErrorKind::Unsupported => Errno::Notsup,
            io::ErrorKind::OutOfMemory => Errno::Nomem,
            io::ErrorKind::BrokenPipe => Errno::Pipe,
            io::ErrorKind::NotADirectory => Errno::Notdir,
            io::ErrorKind::IsADirectory => Errno::Isdir,
            io::ErrorKind::DirectoryNotEmpty => Errno::Notempty,
            _ => Errno::Io,
        }
    }
}

impl std::fmt::Display for Errno {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "errno {} ({})", self.code(), self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_specification() {
        // Spot checks against witx `errno` and the order of the whole list.
        assert_eq!(Errno::Success.code(), 0);
        assert_eq!(Errno::Badf.code(), 8);
        assert_eq!(Errno::Noent.code(), 44);
        assert_eq!(Errno::Notcapable.code(), 76);
        let all: Vec<i32> = Errno::HOST[..77].iter().map(|(_, e)| e.code()).collect();
        assert_eq!(all, (0..77).collect::<Vec<_>>());
    }

    #[test]
    fn host_error_numbers_map_to_their_wasi_names() {
        for (host, wasi) in [
            (libc::ENOENT, Errno::Noent),
            (libc::EEXIST, Errno::Exist),
            (libc::ENOTDIR, Errno::Notdir),
            (libc::EISDIR, Errno::Isdir),
            (libc::ENOTEMPTY, Errno::Notempty),
            (libc::ELOOP, Errno::Loop),
            (libc::EACCES, Errno::Acces),
            (libc::EPERM, Errno::Perm),
            (libc::EBADF, Errno::Badf),
            (libc::ESPIPE, Errno::Spipe),
            (libc::EAGAIN, Errno::Again),
            (libc::EWOULDBLOCK, Errno::Again),
            (libc::EOPNOTSUPP, Errno::Notsup),
            (libc::EXDEV, Errno::Xdev),
            (libc::EINVAL, Errno::Inval),
        ] {
            assert_eq!(Errno::from(io::Error::from_raw_os_error(host)), wasi);
        }
    }

    #[test]
    fn every_wasi_error_with_a_host_number_round_trips() {
        for &(host, wasi) in &Errno::HOST[1..76] {
            assert_eq!(Errno::from_host(host), wasi, "{}", wasi.name());
        }
    }

    #[test]
    fn unknown_host_errors_are_io_errors() {
        assert_eq!(Errno::from_host(100_000), Errno::Io);
        assert_eq!(Errno::from_host(NONE), Errno::Io);
        assert_eq!(Errno::from(io::Error::other("strange")), Errno::Io);
    }

    #[test]
    fn errors_without_a_host_number_map_by_kind() {
        // What cap-std reports for a path that would leave its directory.
        let escape = io::Error::new(
            io::ErrorKind::PermissionDenied,
            "a path led outside of the filesystem",
        );
        assert_eq!(Errno::from(escape), Errno::Perm);
        assert_eq!(
            Errno::from(io::Error::from(io::ErrorKind::NotFound)),
            Errno::Noent
        );
        assert_eq!(
            Errno::from(io::Error::from(io::ErrorKind::InvalidInput)),
            Errno::Inval
        );
    }
}
