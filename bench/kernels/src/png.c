/* PNG encoding (stb_image_write.h: row filters, its own zlib compressor (LZ77 with hash
 * chains, Huffman coding), CRC-32, Adler-32): run(n) encodes n 128x128 RGB images (one
 * of four, in turn) into memory; the checksum mixes the output. Harness written for Breakwater's benchmark; the
 * vendored code is unchanged. */
#include "harness.h"
#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include "../vendor/stb/stb_image_write.h"

#define W 128
#define H 128
static uint8_t images[4][W * H * 3];

static void make_image(uint8_t *pixels, uint32_t seed) {
    uint32_t s = seed | 1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = &pixels[(y * W + x) * 3];
            uint32_t noise = next_random(&s);
            /* Smooth areas and repeated patterns, so the filters and matches have work. */
            p[0] = (uint8_t)(x * 2);
            p[1] = (uint8_t)((x / 8 + y / 8) * 16);
            p[2] = (uint8_t)((noise & 0x300) == 0 ? noise : y);
        }
}

EXPORT("run") int run(int n) {
    uint32_t sum = 2166136261u;
    for (int k = 0; k < 4; k++) make_image(images[k], 0x9e6 + (uint32_t)k);
    for (int i = 0; i < n; i++) {
        int len = 0;
        rt_reset_heap();
        unsigned char *png = stbi_write_png_to_mem(images[i & 3], W * 3, W, H, 3, &len);
        CHECK(png != NULL && len > 1000 && len < W * H * 3);
        sum = mix_bytes(mix32(sum, (uint32_t)len), png + len - 64, 64);
        STBIW_FREE(png);
    }
    return (int)sum;
}

DEFINE_OTHER
