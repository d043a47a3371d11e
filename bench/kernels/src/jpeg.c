/* JPEG encoding (stb_image_write.h's baseline encoder: color conversion, float DCT,
 * quantization, Huffman coding; output through a callback): run(n) encodes n 128x128 RGB
 * images (one of four, in turn) at quality 90; the checksum mixes every output byte. Harness written for
 * Breakwater's benchmark; the vendored code is unchanged. */
#include "harness.h"
#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include "../vendor/stb/stb_image_write.h"

#define W 128
#define H 128
static uint8_t images[4][W * H * 3];

typedef struct {
    uint32_t sum;
    uint32_t bytes;
} Sink;

static void sink(void *context, void *data, int size) {
    Sink *s = context;
    s->sum = mix_bytes(s->sum, data, (size_t)size);
    s->bytes += (uint32_t)size;
}

static void make_image(uint8_t *pixels, uint32_t seed) {
    uint32_t s = seed | 1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = &pixels[(y * W + x) * 3];
            uint32_t noise = next_random(&s);
            p[0] = (uint8_t)(x * 2 + (noise & 15));
            p[1] = (uint8_t)(y * 2 + ((noise >> 8) & 15));
            p[2] = (uint8_t)((x ^ y) + ((noise >> 16) & 31));
        }
}

EXPORT("run") int run(int n) {
    Sink s = {2166136261u, 0};
    rt_reset_heap();
    for (int k = 0; k < 4; k++) make_image(images[k], 0x1e9 + (uint32_t)k);
    for (int i = 0; i < n; i++) {
        uint32_t before = s.bytes;
        CHECK(stbi_write_jpg_to_func(sink, &s, W, H, 3, images[i & 3], 90));
        CHECK(s.bytes - before > 1000);
    }
    return (int)mix32(s.sum, s.bytes);
}

DEFINE_OTHER
