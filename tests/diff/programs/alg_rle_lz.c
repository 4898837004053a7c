/* alg_rle_lz: run-length encoding and a small LZ77 compressor/decompressor with round-trip checks.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static int rle(const unsigned char *in, int n, unsigned char *out)
{
    int o = 0;
    for (int i = 0; i < n;) {
        int r = 1;
        while (i + r < n && in[i + r] == in[i] && r < 255) r++;
        out[o++] = (unsigned char)r; out[o++] = in[i];
        i += r;
    }
    return o;
}
static int unrle(const unsigned char *in, int n, unsigned char *out) { int o = 0; for (int i = 0; i < n; i += 2) for (int k = 0; k < in[i]; k++) out[o++] = in[i + 1]; return o; }

/* LZ77 tokens: literal = 0x00 byte; match = 0x01 off_hi off_lo len */
static int lz(const unsigned char *in, int n, unsigned char *out)
{
    int o = 0;
    for (int i = 0; i < n;) {
        int best = 0, boff = 0;
        for (int j = i - 1; j >= 0 && i - j < 4096; j--) {
            int l = 0;
            while (i + l < n && in[j + l] == in[i + l] && l < 255) l++;
            if (l > best) { best = l; boff = i - j; }
        }
        if (best >= 4) { out[o++] = 1; out[o++] = (unsigned char)(boff >> 8); out[o++] = (unsigned char)boff; out[o++] = (unsigned char)best; i += best; }
        else { out[o++] = 0; out[o++] = in[i++]; }
    }
    return o;
}
static int unlz(const unsigned char *in, int n, unsigned char *out)
{
    int o = 0;
    for (int i = 0; i < n;) {
        if (in[i] == 0) { out[o++] = in[i + 1]; i += 2; }
        else { int off = in[i + 1] << 8 | in[i + 2], len = in[i + 3]; for (int k = 0; k < len; k++, o++) out[o] = out[o - off]; i += 4; }
    }
    return o;
}

int main(void)
{
    static unsigned char data[6000], enc[16000], dec[6000];
    int n = 0;
    const char *phrase = "the quick brown fox jumps over the lazy dog; ";
    while (n < 3000) { int l = (int)strlen(phrase); memcpy(data + n, phrase, (size_t)l); n += l; }
    for (int i = 0; i < 1000; i++) data[n++] = (unsigned char)(i / 50);
    unsigned s = 1;
    for (int i = 0; i < 500; i++) { s = s * 1664525u + 1013904223u; data[n++] = (unsigned char)(s >> 24); }
    int r = rle(data, n, enc), rd = unrle(enc, r, dec);
    printf("input %d, rle %d, rle ok %d\n", n, r, rd == n && !memcmp(dec, data, (size_t)n));
    int z = lz(data, n, enc), zd = unlz(enc, z, dec);
    printf("lz %d, lz ok %d\n", z, zd == n && !memcmp(dec, data, (size_t)n));
    unsigned h = 0;
    for (int i = 0; i < z; i++) h = h * 31u + enc[i];
    printf("lz stream hash %08x\n", h);
    return zd == n && !memcmp(dec, data, (size_t)n) ? 0 : 1;
}
