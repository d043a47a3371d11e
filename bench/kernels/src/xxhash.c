/* xxHash (XXH32 and XXH64, from the lz4 package's xxhash.c): run(n) hashes a 64 KiB buffer n
 * times with both, a different seed each time; the checksum mixes the hashes. Harness written
 * for Breakwater's benchmark; the vendored code is unchanged. */
#include "harness.h"
#include "../vendor/lz4-4.4.5/xxhash.c"

static uint8_t input[65536];

EXPORT("run") int run(int n) {
    /* The hashes of the empty input with seed 0. */
    CHECK(XXH32("", 0, 0) == 0x02CC5D05u);
    CHECK(XXH64("", 0, 0) == 0xEF46DB3751D8E999ull);
    fill_random(input, sizeof input, 0x8888);
    uint32_t sum = 2166136261u;
    for (int i = 0; i < n; i++) {
        uint32_t h32 = XXH32(input, sizeof input, (unsigned)i);
        uint64_t h64 = XXH64(input, sizeof input, (unsigned long long)i);
        sum = mix32(mix32(mix32(sum, h32), (uint32_t)h64), (uint32_t)(h64 >> 32));
    }
    return (int)sum;
}

DEFINE_OTHER
