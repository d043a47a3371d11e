/*
 * The kernels' freestanding C library: memory functions and a bump allocator.
 * Written for Breakwater's benchmark. Compiled with -fno-builtin, so that the loops below
 * are not turned back into calls of the functions they define.
 *
 * The allocator hands out memory upwards from the linker's __heap_base, growing the Wasm
 * memory as needed. free() only gives back the most recent block; rt_reset_heap(), called at
 * the start of every run(), releases everything, so repeated runs never grow the memory.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n >= 8) {
        uint64_t w;
        __builtin_memcpy(&w, s, 8); /* one unaligned 8-byte load (no call: a constant size) */
        __builtin_memcpy(d, &w, 8);
        d += 8;
        s += 8;
        n -= 8;
    }
    while (n--) *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d <= s || d >= s + n) return memcpy(dst, src, n);
    while (n--) d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    uint64_t w = (unsigned char)c * 0x0101010101010101ull;
    while (n >= 8) {
        __builtin_memcpy(d, &w, 8);
        d += 8;
        n -= 8;
    }
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    size_t i = 0;
    /* Skip equal 8-byte words; the bytes decide the order. */
    for (; i + 8 <= n; i += 8) {
        uint64_t u, v;
        __builtin_memcpy(&u, x + i, 8);
        __builtin_memcpy(&v, y + i, 8);
        if (u != v) break;
    }
    for (; i < n; i++)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

_Noreturn void abort(void) { __builtin_trap(); }

extern unsigned char __heap_base;

/* Each block is preceded by its size, so realloc can copy it. */
#define ALIGN 16
#define HEADER ALIGN
static uintptr_t heap_top = 0;
static uintptr_t last_block = 0;

void rt_reset_heap(void) {
    heap_top = (uintptr_t)&__heap_base;
    last_block = 0;
}

void *malloc(size_t size) {
    if (heap_top == 0) rt_reset_heap();
    uintptr_t start = (heap_top + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
    uintptr_t end = start + HEADER + size;
    if (end < start) return NULL;
    uintptr_t have = __builtin_wasm_memory_size(0) * 65536ul;
    if (end > have) {
        size_t pages = (end - have + 65535) / 65536;
        if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return NULL;
    }
    *(size_t *)start = size;
    heap_top = end;
    last_block = start + HEADER;
    return (void *)last_block;
}

void *calloc(size_t count, size_t size) {
    if (size != 0 && count > (size_t)-1 / size) return NULL;
    void *p = malloc(count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

void free(void *ptr) {
    if (ptr && (uintptr_t)ptr == last_block) {
        heap_top = last_block - HEADER;
        last_block = 0;
    }
}

void *realloc(void *ptr, size_t size) {
    if (!ptr) return malloc(size);
    size_t old = *(size_t *)((uintptr_t)ptr - HEADER);
    if ((uintptr_t)ptr == last_block) {
        /* The last block grows in place. */
        uintptr_t end = (uintptr_t)ptr + size;
        uintptr_t have = __builtin_wasm_memory_size(0) * 65536ul;
        if (end > have) {
            size_t pages = (end - have + 65535) / 65536;
            if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return NULL;
        }
        *(size_t *)((uintptr_t)ptr - HEADER) = size;
        heap_top = end;
        return ptr;
    }
    void *p = malloc(size);
    if (p) memcpy(p, ptr, old < size ? old : size);
    return p;
}

/* Over-allocates and rounds up; free() of such a block is a no-op (it is never the last
 * block's start), and realloc() must not be given one. */
int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) return 22; /* EINVAL */
    uintptr_t p = (uintptr_t)malloc(size + alignment);
    if (!p) return 12; /* ENOMEM */
    *out = (void *)((p + alignment - 1) & ~(uintptr_t)(alignment - 1));
    return 0;
}
