/*
 * What every kernel's harness (bench/kernels/src/NAME.c) shares. Written for Breakwater's
 * benchmark.
 *
 * A kernel module exports `run(n) -> i32`: it runs the vendored code n times over inputs it
 * makes itself and returns a checksum of the outputs, which every engine must agree on; a
 * harness that can check its results (a known answer, a round trip, a sorted order) traps
 * when they are wrong. It also exports `other`, a function that is never called (the
 * debug-bp-unrelated case puts its breakpoint there).
 */
#ifndef BENCH_RT_HARNESS_H
#define BENCH_RT_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(name)))

/* Releases every block malloc handed out (see rt.c). */
void rt_reset_heap(void);

/* Traps unless `ok`. */
#define CHECK(ok) ((ok) ? (void)0 : __builtin_trap())

/* Mixes a word into a checksum (the 32-bit FNV-1a step, a word at a time). */
static inline uint32_t mix32(uint32_t h, uint32_t v) { return (h ^ v) * 16777619u; }

static inline uint32_t mix_bytes(uint32_t h, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) h = mix32(h, p[i]);
    return h;
}

/* A deterministic byte stream (a 32-bit xorshift generator). */
static inline uint32_t next_random(uint32_t *state) {
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static inline void fill_random(uint8_t *p, size_t n, uint32_t seed) {
    uint32_t s = seed | 1;
    for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(next_random(&s) >> 24);
}

/* Text-like bytes (words from a small list, with spaces and line breaks): compressible about
 * like prose. */
static inline void fill_text(uint8_t *p, size_t n, uint32_t seed) {
    static const char *const words[] = {
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with",
        "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but",
        "have", "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her",
        "has", "there", "been", "if", "more", "when", "will", "would", "who", "so", "no",
        "benchmark", "compiler", "breakpoint", "function", "memory", "instruction", "module"};
    uint32_t s = seed | 1;
    size_t i = 0;
    while (i < n) {
        uint32_t r = next_random(&s);
        const char *w = words[r % (sizeof words / sizeof words[0])];
        while (*w && i < n) p[i++] = (uint8_t)*w++;
        if (i < n) p[i++] = (r >> 24) < 16 ? '\n' : ' ';
    }
}

/* The never-called function of every kernel. */
#define DEFINE_OTHER                                                                   \
    EXPORT("other") int other(int x) {                                                 \
        int acc = 0;                                                                   \
        for (int i = 0; i < x; i++) acc = acc * 31 + i;                                \
        return acc;                                                                    \
    }

#endif
