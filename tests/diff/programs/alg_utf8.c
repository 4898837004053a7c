/* alg_utf8: UTF-8 encoding and decoding of code points, validation of malformed sequences, character counts.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static int encode(unsigned cp, unsigned char *o)
{
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { o[0] = (unsigned char)(0xc0 | cp >> 6); o[1] = (unsigned char)(0x80 | (cp & 63)); return 2; }
    if (cp < 0x10000) { o[0] = (unsigned char)(0xe0 | cp >> 12); o[1] = (unsigned char)(0x80 | (cp >> 6 & 63)); o[2] = (unsigned char)(0x80 | (cp & 63)); return 3; }
    o[0] = (unsigned char)(0xf0 | cp >> 18); o[1] = (unsigned char)(0x80 | (cp >> 12 & 63)); o[2] = (unsigned char)(0x80 | (cp >> 6 & 63)); o[3] = (unsigned char)(0x80 | (cp & 63));
    return 4;
}
static int decode(const unsigned char *s, int n, unsigned *cp)
{
    if (n < 1) return -1;
    unsigned c = s[0];
    int len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : -1;
    if (len < 0 || len > n) return -1;
    unsigned v = len == 1 ? c : c & (0x7fu >> len);
    for (int i = 1; i < len; i++) { if ((s[i] & 0xc0) != 0x80) return -1; v = v << 6 | (s[i] & 63); }
    static const unsigned minv[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (v < minv[len] || v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return -1;
    *cp = v;
    return len;
}

int main(void)
{
    static const unsigned cps[] = { 0x41, 0xe9, 0x3b1, 0x20ac, 0x4e2d, 0xfffd, 0x1f600, 0x10ffff };
    unsigned char buf[64];
    int n = 0;
    for (int i = 0; i < 8; i++) {
        int l = encode(cps[i], buf + n);
        printf("U+%04X ->", cps[i]);
        for (int k = 0; k < l; k++) printf(" %02X", buf[n + k]);
        printf("\n");
        n += l;
    }
    int count = 0, bad = 0;
    for (int i = 0; i < n;) { unsigned cp; int l = decode(buf + i, n - i, &cp); if (l < 0) { bad++; i++; } else { if (cp != cps[count]) bad++; count++; i += l; } }
    printf("decoded %d code points from %d bytes, errors %d\n", count, n, bad);
    static const unsigned char badseq[][4] = { { 0xc0, 0x80 }, { 0xe0, 0x80, 0x80 }, { 0xed, 0xa0, 0x80 }, { 0xf4, 0x90, 0x80, 0x80 }, { 0x80 }, { 0xc3, 0x28 } };
    static const int badlen[] = { 2, 3, 3, 4, 1, 2 };
    int rejected = 0;
    for (int i = 0; i < 6; i++) { unsigned cp; rejected += decode(badseq[i], badlen[i], &cp) < 0; }
    printf("malformed rejected %d of 6\n", rejected);
    fwrite(buf, 1, (size_t)n, stdout);
    printf("\n");
    return bad == 0 && rejected == 6 ? 0 : 1;
}
