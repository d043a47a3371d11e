/* AES-128 (pycryptodome's AES.c, the public-domain Rijndael reference code): run(n)
 * encrypts a 16 KiB buffer n times in ECB mode through the cipher's function pointer, each
 * time over the previous ciphertext, then decrypts it n times back to the plaintext. Harness
 * written for Breakwater's benchmark; the vendored code is unchanged. */
#include "harness.h"
#include "../vendor/pycryptodome-4.4.0/AES.c"

static uint8_t plain[16384], data[16384];

EXPORT("run") int run(int n) {
    /* FIPS-197, appendix C.1. */
    static const uint8_t key[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    static const uint8_t pt[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                   0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
    static const uint8_t ct[16] = {0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
                                   0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a};
    uint8_t block[16];
    AES_State *aes;
    rt_reset_heap();
    CHECK(AES_start_operation(key, sizeof key, &aes) == 0);
    BlockBase *cipher = &aes->base_state;
    CHECK(cipher->encrypt(cipher, pt, block, 16) == 0);
    CHECK(memcmp(block, ct, 16) == 0);
    fill_random(plain, sizeof plain, 0xae5);
    memcpy(data, plain, sizeof data);
    uint32_t sum = 2166136261u;
    for (int i = 0; i < n; i++) {
        CHECK(cipher->encrypt(cipher, data, data, sizeof data) == 0);
        sum = mix_bytes(sum, data, 16);
    }
    for (int i = 0; i < n; i++) CHECK(cipher->decrypt(cipher, data, data, sizeof data) == 0);
    CHECK(memcmp(data, plain, sizeof data) == 0);
    CHECK(AES_stop_operation(cipher) == 0);
    return (int)sum;
}

DEFINE_OTHER
