/* SHA3-256 (pycryptodome's keccak.c): run(n) hashes a 16 KiB buffer n times, changing its
 * first word each time; the checksum mixes every digest. Harness written for Breakwater's
 * benchmark; the vendored code is unchanged. */
#include "harness.h"
#include "../vendor/pycryptodome-4.4.0/keccak.c"

static uint8_t input[16384];

static int sha3_256(const uint8_t *in, size_t len, uint8_t digest[32]) {
    return keccak_oneshot(in, len, digest, 32, 64, 24, 0x06);
}

EXPORT("run") int run(int n) {
    static const uint8_t abc_digest[32] = {
        0x3a, 0x98, 0x5d, 0xa7, 0x4f, 0xe2, 0x25, 0xb2, 0x04, 0x5c, 0x17, 0x2d, 0x6b, 0xd3, 0x90, 0xbd,
        0x85, 0x5f, 0x08, 0x6e, 0x3e, 0x9d, 0x52, 0x5b, 0x46, 0xbf, 0xe2, 0x45, 0x11, 0x43, 0x15, 0x32};
    uint8_t digest[32];
    rt_reset_heap();
    CHECK(sha3_256((const uint8_t *)"abc", 3, digest) == 0);
    CHECK(memcmp(digest, abc_digest, 32) == 0);
    fill_random(input, sizeof input, 0x3ecc);
    uint32_t sum = 2166136261u;
    for (int i = 0; i < n; i++) {
        memcpy(input, &i, sizeof i);
        CHECK(sha3_256(input, sizeof input, digest) == 0);
        sum = mix_bytes(sum, digest, 32);
    }
    return (int)sum;
}

DEFINE_OTHER
