/* alg_base64: Base64 encoding and decoding of RFC 4648 test vectors and binary data, round trip.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static size_t enc(const unsigned char *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
        out[o++] = tbl[v >> 18 & 63];
        out[o++] = tbl[v >> 12 & 63];
        out[o++] = i + 1 < n ? tbl[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? tbl[v & 63] : '=';
    }
    out[o] = 0;
    return o;
}

static int val(char c) { const char *p = strchr(tbl, c); return c && p ? (int)(p - tbl) : -1; }

static long dec(const char *in, unsigned char *out)
{
    size_t n = strlen(in), o = 0;
    if (n % 4) return -1;
    for (size_t i = 0; i < n; i += 4) {
        int a = val(in[i]), b = val(in[i + 1]), c = in[i + 2] == '=' ? 0 : val(in[i + 2]), d = in[i + 3] == '=' ? 0 : val(in[i + 3]);
        if (a < 0 || b < 0 || c < 0 || d < 0) return -1;
        unsigned v = (unsigned)a << 18 | (unsigned)b << 12 | (unsigned)c << 6 | (unsigned)d;
        out[o++] = (unsigned char)(v >> 16);
        if (in[i + 2] != '=') out[o++] = (unsigned char)(v >> 8);
        if (in[i + 3] != '=') out[o++] = (unsigned char)v;
    }
    return (long)o;
}

int main(void)
{
    static const char *vec[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
    char e[400];
    unsigned char d[300];
    for (int i = 0; i < 7; i++) { enc((const unsigned char *)vec[i], strlen(vec[i]), e); printf("\"%s\" -> \"%s\"\n", vec[i], e); }
    unsigned char bin[256];
    for (int i = 0; i < 256; i++) bin[i] = (unsigned char)(255 - i);
    int bad = 0;
    for (size_t n = 0; n <= 256; n += 17) {
        enc(bin, n, e);
        long m = dec(e, d);
        if (m != (long)n || memcmp(d, bin, n)) bad++;
    }
    enc(bin, 40, e);
    printf("%s\n", e);
    printf("invalid decode: %ld %ld\n", dec("abc", d), dec("ab!d", d));
    printf("bad %d\n", bad);
    return bad;
}
