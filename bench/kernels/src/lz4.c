/* LZ4 (the lz4 package's lz4.c): run(n) compresses a 64 KiB text-like buffer n times (one
 * of four, in turn) and decompresses it, checking the round trip; the checksum
 * mixes the compressed sizes and bytes. Harness written for Breakwater's benchmark; the
 * vendored code is unchanged. */
#include "harness.h"
#include "../vendor/lz4-4.4.5/lz4.c"

#define SIZE 65536
static uint8_t inputs[4][SIZE], output[SIZE];
static char compressed[LZ4_COMPRESSBOUND(SIZE)];

EXPORT("run") int run(int n) {
    uint32_t sum = 2166136261u;
    rt_reset_heap();
    for (int k = 0; k < 4; k++) fill_text(inputs[k], SIZE, 0x124 + (uint32_t)k);
    for (int i = 0; i < n; i++) {
        const uint8_t *input = inputs[i & 3];
        int len = LZ4_compress_default((const char *)input, compressed, SIZE, sizeof compressed);
        CHECK(len > 0 && len < SIZE);
        int back = LZ4_decompress_safe(compressed, (char *)output, len, SIZE);
        CHECK(back == SIZE && memcmp(input, output, SIZE) == 0);
        sum = mix_bytes(mix32(sum, (uint32_t)len), (const uint8_t *)compressed + len / 2, 16);
    }
    return (int)sum;
}

DEFINE_OTHER
