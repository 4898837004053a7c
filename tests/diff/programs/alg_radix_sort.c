/* alg_radix_sort: LSD radix sort of unsigned 32-bit keys and signed keys (bias), with stability check.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

#define N 4000
static unsigned keys[N], out[N];
static int idx[N], idx2[N];

static void radix(unsigned *k, int *id, int n)
{
    for (int shift = 0; shift < 32; shift += 8) {
        unsigned cnt[257] = { 0 };
        for (int i = 0; i < n; i++) cnt[((k[i] >> shift) & 255) + 1]++;
        for (int i = 0; i < 256; i++) cnt[i + 1] += cnt[i];
        for (int i = 0; i < n; i++) { unsigned pos = cnt[(k[i] >> shift) & 255]++; out[pos] = k[i]; idx2[pos] = id[i]; }
        memcpy(k, out, (size_t)n * sizeof *k);
        memcpy(id, idx2, (size_t)n * sizeof *id);
    }
}

int main(void)
{
    unsigned s = 77;
    for (int i = 0; i < N; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; keys[i] = s % 3 == 0 ? s & 0xff : s; idx[i] = i; }
    radix(keys, idx, N);
    int ok = 1;
    for (int i = 1; i < N; i++) if (keys[i - 1] > keys[i] || (keys[i - 1] == keys[i] && idx[i - 1] > idx[i])) ok = 0;
    printf("unsigned: ok %d min %u max %u mid %u\n", ok, keys[0], keys[N - 1], keys[N / 2]);
    int sv[N];
    for (int i = 0; i < N; i++) { s = s * 69069u + 1u; sv[i] = (int)(s >> 8) - (1 << 23); keys[i] = (unsigned)sv[i] ^ 0x80000000u; idx[i] = i; }
    radix(keys, idx, N);
    int prev = -2147483647 - 1;
    for (int i = 0; i < N; i++) { int v = (int)(keys[i] ^ 0x80000000u); if (v < prev || v != sv[idx[i]]) ok = 0; prev = v; }
    printf("signed: ok %d min %d max %d\n", ok, (int)(keys[0] ^ 0x80000000u), (int)(keys[N - 1] ^ 0x80000000u));
    return ok ? 0 : 1;
}
