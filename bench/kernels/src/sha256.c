/* SHA-256 (pycryptodome's SHA256.c): run(n) hashes a 16 KiB buffer n times, changing its
 * first word each time; the checksum mixes every digest. Harness written for Breakwater's
 * benchmark; the vendored code is unchanged. */
#include "harness.h"
#include "../vendor/pycryptodome-4.4.0/SHA256.c"

static uint8_t input[16384];

EXPORT("run") int run(int n) {
    static const uint8_t abc_digest[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    uint8_t digest[32];
    rt_reset_heap();
    CHECK(SHA256_oneshot((const uint8_t *)"abc", 3, digest, 32) == 0);
    CHECK(memcmp(digest, abc_digest, 32) == 0);
    fill_random(input, sizeof input, 0x5a17);
    uint32_t sum = 2166136261u;
    for (int i = 0; i < n; i++) {
        memcpy(input, &i, sizeof i);
        CHECK(SHA256_oneshot(input, sizeof input, digest, 32) == 0);
        sum = mix_bytes(sum, digest, 32);
    }
    return (int)sum;
}

DEFINE_OTHER
