/* A compression round trip, the benchmark's WASI program: generates about 1 MiB of
 * pseudo-English text, compresses it with an LZ77 coder (hash chains, greedy matching, a
 * 64 KiB window), decompresses the result and checks it against the input, ROUNDS times
 * (the first argument, default 1). Prints the sizes and a checksum of the compressed data.
 * All the work is computation: one line of output at the end. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INPUT_SIZE (1 << 20)
#define WINDOW (1 << 16)
#define HASH_BITS 15
#define MAX_CHAIN 24
#define MIN_MATCH 4
#define MAX_MATCH (MIN_MATCH + 127)
#define MAX_LITERALS 128

static uint8_t input[INPUT_SIZE];
static uint8_t packed[INPUT_SIZE + INPUT_SIZE / MAX_LITERALS + 16];
static uint8_t unpacked[INPUT_SIZE];
static int32_t head[1 << HASH_BITS];
static int32_t chain[WINDOW];

static const char *const words[] = {
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with",
    "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but",
    "have", "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her",
    "has", "there", "been", "if", "more", "when", "will", "would", "who", "so", "no",
    "breakwater", "harbour", "tide", "stone", "wave", "shelter", "current", "pier",
};

static uint32_t rng = 12345;
static uint32_t next(void) {
  rng = rng * 1103515245u + 12345u;
  return rng >> 8;
}

static void generate(void) {
  size_t at = 0;
  while (at < INPUT_SIZE) {
    const char *w = words[next() % (sizeof words / sizeof words[0])];
    size_t n = strlen(w);
    for (size_t i = 0; i < n && at < INPUT_SIZE; i++)
      input[at++] = (uint8_t)w[i];
    if (at < INPUT_SIZE)
      input[at++] = next() % 16 == 0 ? '\n' : ' ';
  }
}

static uint32_t hash(const uint8_t *p) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Token format: a byte below 128 is a run of (byte + 1) literals that follow; a byte
 * c >= 128 is a match of (c - 128 + MIN_MATCH) bytes at the distance in the next two bytes. */
static size_t compress(const uint8_t *src, size_t n, uint8_t *dst) {
  size_t out = 0, lit_start = 0, i = 0;
  for (size_t h = 0; h < (1u << HASH_BITS); h++)
    head[h] = -1;
  while (i + MIN_MATCH <= n) {
    uint32_t h = hash(src + i);
    size_t best_len = 0, best_dist = 0;
    int32_t cand = head[h];
    for (int steps = 0; cand >= 0 && i - (size_t)cand < WINDOW && steps < MAX_CHAIN; steps++) {
      size_t len = 0, limit = n - i < MAX_MATCH ? n - i : MAX_MATCH;
      while (len < limit && src[cand + len] == src[i + len])
        len++;
      if (len > best_len) {
        best_len = len;
        best_dist = i - (size_t)cand;
      }
      cand = chain[cand % WINDOW];
    }
    chain[i % WINDOW] = head[h];
    head[h] = (int32_t)i;
    if (best_len >= MIN_MATCH) {
      while (lit_start < i) {
        size_t run = i - lit_start < MAX_LITERALS ? i - lit_start : MAX_LITERALS;
        dst[out++] = (uint8_t)(run - 1);
        memcpy(dst + out, src + lit_start, run);
        out += run;
        lit_start += run;
      }
      dst[out++] = (uint8_t)(128 + best_len - MIN_MATCH);
      dst[out++] = (uint8_t)best_dist;
      dst[out++] = (uint8_t)(best_dist >> 8);
      for (size_t k = 1; k < best_len && i + k + MIN_MATCH <= n; k++) {
        uint32_t hk = hash(src + i + k);
        chain[(i + k) % WINDOW] = head[hk];
        head[hk] = (int32_t)(i + k);
      }
      i += best_len;
      lit_start = i;
    } else {
      i++;
    }
  }
  while (lit_start < n) {
    size_t run = n - lit_start < MAX_LITERALS ? n - lit_start : MAX_LITERALS;
    dst[out++] = (uint8_t)(run - 1);
    memcpy(dst + out, src + lit_start, run);
    out += run;
    lit_start += run;
  }
  return out;
}

static size_t decompress(const uint8_t *src, size_t n, uint8_t *dst) {
  size_t in = 0, out = 0;
  while (in < n) {
    uint8_t c = src[in++];
    if (c < 128) {
      memcpy(dst + out, src + in, (size_t)c + 1);
      in += (size_t)c + 1;
      out += (size_t)c + 1;
    } else {
      size_t len = (size_t)c - 128 + MIN_MATCH;
      size_t dist = (size_t)src[in] | (size_t)src[in + 1] << 8;
      in += 2;
      for (size_t k = 0; k < len; k++, out++)
        dst[out] = dst[out - dist];
    }
  }
  return out;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 1;
  generate();
  size_t packed_size = 0;
  uint32_t checksum = 0;
  for (int r = 0; r < rounds; r++) {
    packed_size = compress(input, INPUT_SIZE, packed);
    size_t size = decompress(packed, packed_size, unpacked);
    if (size != INPUT_SIZE || memcmp(input, unpacked, INPUT_SIZE) != 0) {
      fprintf(stderr, "lz: round %d: the round trip changed the data\n", r);
      return 1;
    }
    for (size_t k = 0; k < packed_size; k++)
      checksum = checksum * 31 + packed[k];
  }
  printf("lz: %d rounds, %d -> %zu bytes, checksum %08x\n", rounds, INPUT_SIZE, packed_size,
         (unsigned)checksum);
  return 0;
}
