/* alg_bloom_filter: a Bloom filter with double hashing (FNV-1a and Murmur-style mixers), false-positive rate.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

#define MBITS 16384
static unsigned char bits[MBITS / 8];

static unsigned fnv1a(const char *s) { unsigned h = 2166136261u; while (*s) { h ^= (unsigned char)*s++; h *= 16777619u; } return h; }
static unsigned mix(unsigned h) { h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16; return h; }
static void add(const char *s) { unsigned a = fnv1a(s), b = mix(a) | 1; for (int i = 0; i < 7; i++) { unsigned k = (a + (unsigned)i * b) % MBITS; bits[k / 8] |= (unsigned char)(1 << (k % 8)); } }
static int query(const char *s) { unsigned a = fnv1a(s), b = mix(a) | 1; for (int i = 0; i < 7; i++) { unsigned k = (a + (unsigned)i * b) % MBITS; if (!(bits[k / 8] >> (k % 8) & 1)) return 0; } return 1; }

int main(void)
{
    char w[32];
    for (int i = 0; i < 1000; i++) { snprintf(w, sizeof w, "member-%d", i * 3); add(w); }
    int missing = 0;
    for (int i = 0; i < 1000; i++) { snprintf(w, sizeof w, "member-%d", i * 3); missing += !query(w); }
    int fp = 0;
    for (int i = 0; i < 10000; i++) { snprintf(w, sizeof w, "other-%d", i); fp += query(w); }
    int set = 0;
    for (int i = 0; i < MBITS / 8; i++) set += __builtin_popcount(bits[i]);
    printf("bits set %d/%d, missing %d, false positives %d/10000\n", set, MBITS, missing, fp);
    printf("fnv1a(\"\")=%08x fnv1a(\"a\")=%08x mix(1)=%08x\n", fnv1a(""), fnv1a("a"), mix(1));
    return missing == 0 ? 0 : 1;
}
