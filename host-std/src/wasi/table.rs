//! The guest's file descriptors.

use std::fs::File;

use super::errno::Errno;

/// What a WASI file descriptor refers to.
pub(crate) enum Descriptor {
    /// Standard input, output or error: a stream (never seekable, as in wasmtime).
    Stream(Stream),
    /// An open regular file (or device, fifo, ...).
    File(OpenFile),
    /// An open directory: the capability for the paths under it.
    Dir(OpenDir),
}

pub(crate) struct Stream {
    pub file: File,
    pub readable: bool,
    pub writable: bool,
}

pub(crate) struct OpenFile {
    pub file: File,
    pub readable: bool,
    pub writable: bool,
}

pub(crate) struct OpenDir {
    pub dir: cap_std::fs::Dir,
    /// The guest path of a preopened directory.
    pub preopen: Option<String>,
}

/// The descriptors by number; new ones take the lowest free number, as POSIX does.
#[derive(Default)]
pub(crate) struct Table {
    slots: Vec<Option<Descriptor>>,
}

/// Most descriptors a guest may hold at once (EMFILE past that).
const MAX_DESCRIPTORS: usize = 1 << 16;

impl Table {
    pub fn get(&self, fd: u32) -> Result<&Descriptor, Errno> {
        self.slots
            .get(fd as usize)
            .and_then(Option::as_ref)
            .ok_or(Errno::Badf)
    }

    /// The directory `fd` (`ENOTDIR` for another kind of descriptor).
    pub fn dir(&self, fd: u32) -> Result<&OpenDir, Errno> {
        match self.get(fd)? {
            Descriptor::Dir(d) => Ok(d),
            _ => Err(Errno::Notdir),
        }
    }

    /// Places `d` at the lowest free number.
    pub fn push(&mut self, d: Descriptor) -> Result<u32, Errno> {
        let fd = match self.slots.iter().position(Option::is_none) {
            Some(free) => free,
            None if self.slots.len() < MAX_DESCRIPTORS => {
                self.slots.push(None);
                self.slots.len() - 1
            }
            None => return Err(Errno::Mfile),
        };
        self.slots[fd] = Some(d);
        Ok(fd as u32)
    }

    /// Places `d` at number `fd` (used while building the context: 0-2 and preopens).
    pub fn insert_at(&mut self, fd: u32, d: Descriptor) {
        let fd = fd as usize;
        if self.slots.len() <= fd {
            self.slots.resize_with(fd + 1, || None);
        }
        self.slots[fd] = Some(d);
    }

    pub fn remove(&mut self, fd: u32) -> Result<Descriptor, Errno> {
        self.slots
            .get_mut(fd as usize)
            .and_then(Option::take)
            .ok_or(Errno::Badf)
    }

    /// Moves `from` to `to`, closing what `to` was; both must be open.
    pub fn renumber(&mut self, from: u32, to: u32) -> Result<(), Errno> {
        self.get(to)?;
        let d = self.remove(from)?;
        self.slots[to as usize] = Some(d);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream() -> Descriptor {
        Descriptor::Stream(Stream {
            file: tempfile_like(),
            readable: false,
            writable: true,
        })
    }

    /// Any open file will do as a descriptor's payload.
    fn tempfile_like() -> File {
        File::open(std::env::current_exe().unwrap()).unwrap()
    }

    #[test]
    fn lowest_free_number_and_renumber() {
        let mut t = Table::default();
        assert_eq!(t.push(stream()), Ok(0));
        assert_eq!(t.push(stream()), Ok(1));
        assert_eq!(t.push(stream()), Ok(2));
        assert!(t.remove(1).is_ok());
        assert!(matches!(t.get(1), Err(Errno::Badf)));
        assert_eq!(t.push(stream()), Ok(1));
        assert_eq!(t.renumber(0, 2), Ok(()));
        assert!(t.get(0).is_err() && t.get(2).is_ok());
        assert_eq!(t.renumber(2, 0), Err(Errno::Badf), "to must be open");
        assert_eq!(t.renumber(7, 1), Err(Errno::Badf));
        assert!(matches!(t.dir(1), Err(Errno::Notdir)));
        assert!(matches!(t.get(u32::MAX), Err(Errno::Badf)));
    }
}
