/* alg_hash_millicode: integer hash functions (FNV-1a, Murmur3 finaliser, Jenkins one-at-a-time, djb2)
 * compiled with -msoft-float; the multipliers are run-time values, so the multiplications call the
 * millicode $$mulI instead of being expanded into shifts and adds.
 * diff-expect: exit 0
 * diff-cflags: -msoft-float
 */
#include <stdio.h>
#include <string.h>

static volatile unsigned fnv_prime = 16777619u, fmix_c1 = 0x85ebca6bu, fmix_c2 = 0xc2b2ae35u, golden = 2654435769u, djb_mul = 33u;

static unsigned fnv1a(const unsigned char *p, size_t n) { unsigned h = 2166136261u, m = fnv_prime; while (n--) { h ^= *p++; h *= m; } return h; }
static unsigned murmur_fmix(unsigned h) { h ^= h >> 16; h *= fmix_c1; h ^= h >> 13; h *= fmix_c2; h ^= h >> 16; return h; }
static unsigned oaat(const unsigned char *p, size_t n)
{
    unsigned h = 0;
    while (n--) { h += *p++; h += h << 10; h ^= h >> 6; }
    h += h << 3; h ^= h >> 11; h += h << 15;
    return h;
}
static unsigned djb2(const unsigned char *p, size_t n) { unsigned h = 5381, m = djb_mul; while (n--) h = h * m + *p++; return h; }
static unsigned mulhash(unsigned key, unsigned bits) { return (key * golden) >> (32 - bits); }

int main(void)
{
    static const char *words[] = { "", "a", "foobar", "PA-RISC", "The quick brown fox jumps over the lazy dog" };
    for (int i = 0; i < 5; i++) {
        const unsigned char *w = (const unsigned char *)words[i];
        size_t n = strlen(words[i]);
        printf("%-45s fnv %08x oaat %08x djb2 %08x\n", words[i], fnv1a(w, n), oaat(w, n), djb2(w, n));
    }
    unsigned buckets[16] = { 0 }, x = 0;
    for (unsigned k = 0; k < 20000; k++) { buckets[mulhash(k, 4)]++; x ^= murmur_fmix(k); }
    for (int i = 0; i < 16; i++) printf("%u ", buckets[i]);
    printf("\nfmix xor %08x fmix(1) %08x\n", x, murmur_fmix(1));
    return fnv1a((const unsigned char *)"a", 1) == 0xe40c292cu ? 0 : 1;
}
