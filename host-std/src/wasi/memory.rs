//! Bounds-checked access to the guest's linear memory. Every pointer and length comes from
//! the guest: anything out of bounds is `EFAULT`, never a panic.

use super::errno::Errno;

/// The guest's memory during one WASI call.
pub(crate) struct GuestMemory<'a> {
    bytes: &'a mut [u8],
}

/// An `iovec`/`ciovec`: a buffer in guest memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IoVec {
    pub ptr: u32,
    pub len: u32,
}

impl<'a> GuestMemory<'a> {
    pub fn new(bytes: &'a mut [u8]) -> GuestMemory<'a> {
        GuestMemory { bytes }
    }

    fn range(&self, ptr: u32, len: u32) -> Result<std::ops::Range<usize>, Errno> {
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or(Errno::Fault)?;
        if end > self.bytes.len() {
            return Err(Errno::Fault);
        }
        Ok(start..end)
    }

    /// `len` bytes at `ptr`.
    pub fn slice(&self, ptr: u32, len: u32) -> Result<&[u8], Errno> {
        let r = self.range(ptr, len)?;
        Ok(&self.bytes[r])
    }

    /// `len` bytes at `ptr`, writable.
    pub fn slice_mut(&mut self, ptr: u32, len: u32) -> Result<&mut [u8], Errno> {
        let r = self.range(ptr, len)?;
        Ok(&mut self.bytes[r])
    }

    /// A UTF-8 string (WASI paths are strings: anything else is `EILSEQ`).
    pub fn str(&self, ptr: u32, len: u32) -> Result<&str, Errno> {
        std::str::from_utf8(self.slice(ptr, len)?).map_err(|_| Errno::Ilseq)
    }

    fn array<const N: usize>(&self, ptr: u32) -> Result<[u8; N], Errno> {
        let mut out = [0; N];
        out.copy_from_slice(self.slice(ptr, N as u32)?);
        Ok(out)
    }

    pub fn read_u8(&self, ptr: u32) -> Result<u8, Errno> {
        Ok(self.array::<1>(ptr)?[0])
    }
    pub fn read_u16(&self, ptr: u32) -> Result<u16, Errno> {
        Ok(u16::from_le_bytes(self.array(ptr)?))
    }
    pub fn read_u32(&self, ptr: u32) -> Result<u32, Errno> {
        Ok(u32::from_le_bytes(self.array(ptr)?))
    }
    pub fn read_u64(&self, ptr: u32) -> Result<u64, Errno> {
        Ok(u64::from_le_bytes(self.array(ptr)?))
    }

    pub fn write(&mut self, ptr: u32, bytes: &[u8]) -> Result<(), Errno> {
        let len = u32::try_from(bytes.len()).map_err(|_| Errno::Fault)?;
        self.slice_mut(ptr, len)?.copy_from_slice(bytes);
        Ok(())
    }
    pub fn write_u8(&mut self, ptr: u32, v: u8) -> Result<(), Errno> {
        self.write(ptr, &[v])
    }
    pub fn write_u32(&mut self, ptr: u32, v: u32) -> Result<(), Errno> {
        self.write(ptr, &v.to_le_bytes())
    }
    pub fn write_u64(&mut self, ptr: u32, v: u64) -> Result<(), Errno> {
        self.write(ptr, &v.to_le_bytes())
    }

    /// The `count` `iovec`s at `ptr`.
    pub fn iovecs(&self, ptr: u32, count: u32) -> Result<Vec<IoVec>, Errno> {
        let size = count
            .checked_mul(super::abi::size::IOVEC)
            .ok_or(Errno::Fault)?;
        let raw = self.slice(ptr, size)?;
        Ok(raw
            .chunks_exact(8)
            .map(|c| IoVec {
                ptr: u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                len: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            })
            .collect())
    }

    /// The buffers of `iovs` (all must be in bounds), for a gathering write.
    pub fn gather(&self, iovs: &[IoVec]) -> Result<Vec<std::io::IoSlice<'_>>, Errno> {
        iovs.iter()
            .map(|v| Ok(std::io::IoSlice::new(self.slice(v.ptr, v.len)?)))
            .collect()
    }

    /// The first non-empty buffer of `iovs`, writable (as wasmtime, reads fill one buffer;
    /// a short read is what POSIX allows). Empty when all are.
    pub fn first_buffer(&mut self, iovs: &[IoVec]) -> Result<&mut [u8], Errno> {
        for v in iovs {
            self.range(v.ptr, v.len)?;
        }
        match iovs.iter().find(|v| v.len != 0) {
            Some(v) => self.slice_mut(v.ptr, v.len),
            None => Ok(&mut []),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_bounds_is_a_fault() {
        let mut bytes = vec![0u8; 16];
        let mut mem = GuestMemory::new(&mut bytes);
        assert_eq!(mem.read_u32(12), Ok(0));
        assert_eq!(mem.read_u32(13), Err(Errno::Fault));
        assert_eq!(mem.read_u64(u32::MAX), Err(Errno::Fault));
        assert_eq!(mem.slice(16, 0).map(|s| s.len()), Ok(0));
        assert_eq!(mem.slice(17, 0).map(|s| s.len()), Err(Errno::Fault));
        assert_eq!(mem.write_u32(15, 1), Err(Errno::Fault));
        assert_eq!(mem.iovecs(0, u32::MAX).map(|v| v.len()), Err(Errno::Fault));
    }

    #[test]
    fn values_are_little_endian() {
        let mut bytes = vec![0u8; 16];
        let mut mem = GuestMemory::new(&mut bytes);
        mem.write_u64(0, 0x0807_0605_0403_0201).unwrap();
        assert_eq!(mem.read_u32(4), Ok(0x0807_0605));
        assert_eq!(mem.read_u16(1), Ok(0x0302));
        assert_eq!(mem.read_u8(7), Ok(8));
    }

    #[test]
    fn iovecs_and_buffers() {
        let mut bytes = vec![0u8; 64];
        let mut mem = GuestMemory::new(&mut bytes);
        // Two iovecs at 0: (32, 0) and (40, 4).
        mem.write_u32(0, 32).unwrap();
        mem.write_u32(4, 0).unwrap();
        mem.write_u32(8, 40).unwrap();
        mem.write_u32(12, 4).unwrap();
        let iovs = mem.iovecs(0, 2).unwrap();
        assert_eq!(iovs, [IoVec { ptr: 32, len: 0 }, IoVec { ptr: 40, len: 4 }]);
        mem.first_buffer(&iovs).unwrap().copy_from_slice(b"abcd");
        assert_eq!(mem.slice(40, 4).unwrap(), b"abcd");
        let bad = [IoVec { ptr: 40, len: 4 }, IoVec { ptr: 60, len: 8 }];
        assert_eq!(mem.first_buffer(&bad).map(|b| b.len()), Err(Errno::Fault));
        assert_eq!(mem.gather(&bad).map(|b| b.len()), Err(Errno::Fault));
        assert_eq!(mem.str(40, 4), Ok("abcd"));
        mem.write_u8(40, 0xff).unwrap();
        assert_eq!(mem.str(40, 4), Err(Errno::Ilseq));
    }
}
