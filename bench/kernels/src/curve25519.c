/* Curve25519 (pycryptodome's curve25519.c, a Montgomery ladder on 25.5-bit limbs): run(n)
 * does n Diffie-Hellman agreements from the base point (four scalar multiplications each) and
 * checks that both sides agree; the checksum mixes the shared x coordinates. Harness written
 * for Breakwater's benchmark; the vendored code is unchanged. */
#include "harness.h"
#include "../vendor/pycryptodome-4.4.0/curve25519.c"

EXPORT("run") int run(int n) {
    uint8_t base[32] = {0}, a[32], b[32], x[32];
    base[31] = 9; /* big-endian */
    uint32_t sum = 2166136261u;
    for (int i = 0; i < n; i++) {
        Point *pa, *pb;
        rt_reset_heap();
        fill_random(a, sizeof a, 0xa11ce + i);
        fill_random(b, sizeof b, 0xb0b + i);
        CHECK(curve25519_new_point(&pa, base, 32, NULL) == 0);
        CHECK(curve25519_new_point(&pb, base, 32, NULL) == 0);
        CHECK(curve25519_scalar(pa, a, sizeof a, 1) == 0); /* aG */
        CHECK(curve25519_scalar(pb, b, sizeof b, 2) == 0); /* bG */
        CHECK(curve25519_scalar(pa, b, sizeof b, 3) == 0); /* b(aG) */
        CHECK(curve25519_scalar(pb, a, sizeof a, 4) == 0); /* a(bG) */
        CHECK(curve25519_cmp(pa, pb) == 0);
        CHECK(curve25519_get_x(x, sizeof x, pa) == 0);
        sum = mix_bytes(sum, x, sizeof x);
    }
    return (int)sum;
}

DEFINE_OTHER
