//! The global allocator, over memory mapped from the system: small blocks in power-of-two
//! size classes (free lists threaded through freed blocks, refilled from 1 MiB chunks), large
//! ones (linear memories, code buffers) in mappings of their own, returned on free.

use core::alloc::{GlobalAlloc, Layout};
use core::ptr::null_mut;

use crate::sys;

const PAGE: usize = 4096;
/// Smallest block.
const MIN_BLOCK: usize = 16;
/// Blocks of this size and more get their own mapping.
const LARGE: usize = 64 * 1024;
/// Size classes: 16, 32, ..., LARGE / 2.
const CLASSES: usize = (LARGE / MIN_BLOCK).trailing_zeros() as usize;
/// Small blocks are carved from chunks of this size.
const CHUNK: usize = 1 << 20;

struct Pools {
    /// Per class, the first free block (each free block holds the next one's address).
    free: [*mut u8; CLASSES],
    /// The unused rest of the current chunk.
    bump: usize,
    end: usize,
}

// SAFETY: the raw pointers are only used under the lock.
unsafe impl Send for Pools {}

pub struct Heap {
    pools: spin::Mutex<Pools>,
}

impl Heap {
    pub const fn new() -> Heap {
        Heap {
            pools: spin::Mutex::new(Pools {
                free: [null_mut(); CLASSES],
                bump: 0,
                end: 0,
            }),
        }
    }
}

/// The block size for `layout`: a power of two at least its size and alignment (so a block
/// aligned to its size is aligned enough); `None` for large blocks.
fn class(layout: Layout) -> Option<(usize, usize)> {
    let size = layout
        .size()
        .max(layout.align())
        .max(MIN_BLOCK)
        .next_power_of_two();
    (size < LARGE).then(|| {
        (
            size.trailing_zeros() as usize - MIN_BLOCK.trailing_zeros() as usize,
            size,
        )
    })
}

fn large_len(layout: Layout) -> usize {
    layout.size().max(1).next_multiple_of(PAGE)
}

// SAFETY: blocks come from mappings we own; a block is handed out once until freed; small
// blocks are aligned to their power-of-two size, large ones to the page (no layout asks for
// more: larger alignments fail with null).
unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() > PAGE {
            return null_mut();
        }
        let Some((class, size)) = class(layout) else {
            return sys::map(large_len(layout)).unwrap_or(null_mut());
        };
        let mut pools = self.pools.lock();
        let head = pools.free[class];
        if !head.is_null() {
            // SAFETY: a free block's first word holds the next free block (or null).
            pools.free[class] = unsafe { *(head as *mut *mut u8) };
            return head;
        }
        let mut at = pools.bump.next_multiple_of(size);
        if at + size > pools.end {
            let Ok(chunk) = sys::map(CHUNK) else {
                return null_mut();
            };
            pools.bump = chunk as usize;
            pools.end = chunk as usize + CHUNK;
            at = pools.bump;
        }
        pools.bump = at + size;
        at as *mut u8
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if class(layout).is_none() {
            // Fresh mappings are zero: no need to touch (and commit) every page.
            // SAFETY: as `alloc`.
            return unsafe { self.alloc(layout) };
        }
        // SAFETY: as `alloc`; the block is writable for its size.
        unsafe {
            let p = self.alloc(layout);
            if !p.is_null() {
                p.write_bytes(0, layout.size());
            }
            p
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some((class, _)) = class(layout) else {
            // SAFETY: a large block is a mapping of exactly this length, no longer used.
            unsafe { sys::unmap(ptr, large_len(layout)) };
            return;
        };
        let mut pools = self.pools.lock();
        // SAFETY: the block is at least 16 bytes, aligned, and ours again.
        unsafe { *(ptr as *mut *mut u8) = pools.free[class] };
        pools.free[class] = ptr;
    }
}
