/* Sorting (newlib's qsort.c: Bentley and McIlroy's quicksort, comparing through a function
 * pointer): run(n) sorts n arrays of 16384 random 32-bit keys and checks the order; the
 * checksum mixes sampled keys. Harness written for Breakwater's benchmark; the vendored code
 * is unchanged. */
#include <stdlib.h>
#include "harness.h"
#include "../vendor/newlib-3.3.0/qsort.c"

#define COUNT 16384
static uint32_t keys[COUNT];

static int compare_keys(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

EXPORT("run") int run(int n) {
    uint32_t sum = 2166136261u;
    for (int i = 0; i < n; i++) {
        uint32_t s = 0x5027u + (uint32_t)i;
        /* A quarter of the keys repeat others: the three-way partition's equal runs matter. */
        for (int k = 0; k < COUNT; k++) {
            uint32_t r = next_random(&s);
            keys[k] = (r & 3) == 0 && k > 0 ? keys[r % (uint32_t)k] : r;
        }
        qsort(keys, COUNT, sizeof keys[0], compare_keys);
        for (int k = 1; k < COUNT; k++) CHECK(keys[k - 1] <= keys[k]);
        for (int k = 0; k < COUNT; k += 1024) sum = mix32(sum, keys[k]);
    }
    return (int)sum;
}

DEFINE_OTHER
