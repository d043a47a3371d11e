/* ChaCha20 (pycryptodome's chacha20.c): run(n) encrypts a 16 KiB buffer n times with one
 * key stream, then decrypts it with a second state to check the round trip; the checksum
 * mixes the ciphertext. Harness written for Breakwater's benchmark; the vendored code is
 * unchanged. */
#include "harness.h"
#include "../vendor/pycryptodome-4.4.0/chacha20.c"

static uint8_t plain[16384], data[16384];

EXPORT("run") int run(int n) {
    uint8_t key[32], nonce[12];
    stream_state *enc, *dec;
    rt_reset_heap();
    fill_random(key, sizeof key, 0xc4ac);
    fill_random(nonce, sizeof nonce, 0x20);
    fill_random(plain, sizeof plain, 0x1dea);
    CHECK(chacha20_init(&enc, key, sizeof key, nonce, sizeof nonce) == 0);
    CHECK(chacha20_init(&dec, key, sizeof key, nonce, sizeof nonce) == 0);
    uint32_t sum = 2166136261u;
    for (int i = 0; i < n; i++) {
        CHECK(chacha20_encrypt(enc, plain, data, sizeof data) == 0);
        sum = mix_bytes(sum, data + (i & 1023) * 16, 16);
        CHECK(chacha20_encrypt(dec, data, data, sizeof data) == 0);
        CHECK(memcmp(data, plain, sizeof data) == 0);
    }
    return (int)sum;
}

DEFINE_OTHER
