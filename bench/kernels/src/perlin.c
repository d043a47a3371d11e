/* Perlin noise (stb_perlin.h: gradient noise in single precision, six octaves of fractal
 * Brownian motion and turbulence): run(n) samples n 64x64 grids, a slice further each time;
 * the checksum mixes the samples' bits. Harness written for Breakwater's benchmark; the
 * vendored code is unchanged. */
#include <string.h>
#include "harness.h"
#define STB_PERLIN_IMPLEMENTATION
#include "../vendor/stb/stb_perlin.h"

EXPORT("run") int run(int n) {
    uint32_t sum = 2166136261u;
    for (int i = 0; i < n; i++) {
        float z = (float)i * 0.37f;
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++) {
                float fx = (float)x * 0.061f, fy = (float)y * 0.053f;
                float a = stb_perlin_fbm_noise3(fx, fy, z, 2.0f, 0.5f, 6);
                float b = stb_perlin_turbulence_noise3(fx, fy, z, 2.0f, 0.5f, 6);
                uint32_t bits[2];
                memcpy(&bits[0], &a, 4);
                memcpy(&bits[1], &b, 4);
                sum = mix32(mix32(sum, bits[0]), bits[1]);
            }
    }
    return (int)sum;
}

DEFINE_OTHER
