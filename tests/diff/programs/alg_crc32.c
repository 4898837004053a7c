/* alg_crc32: CRC-32 (bitwise and table-driven), CRC-16/CCITT and Adler-32 with known check values.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static unsigned crc_table[256];

static void make_table(void)
{
    for (unsigned n = 0; n < 256; n++) {
        unsigned c = n;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}
static unsigned crc32_tab(const unsigned char *p, size_t n) { unsigned c = 0xffffffffu; while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8); return c ^ 0xffffffffu; }
static unsigned crc32_bit(const unsigned char *p, size_t n)
{
    unsigned c = 0xffffffffu;
    while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1)); }
    return ~c;
}
static unsigned short crc16_ccitt(const unsigned char *p, size_t n)
{
    unsigned short c = 0xffff;
    while (n--) { c ^= (unsigned short)(*p++ << 8); for (int k = 0; k < 8; k++) c = (unsigned short)(c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1); }
    return c;
}
static unsigned adler32(const unsigned char *p, size_t n) { unsigned a = 1, b = 0; while (n--) { a = (a + *p++) % 65521; b = (b + a) % 65521; } return b << 16 | a; }

int main(void)
{
    make_table();
    const unsigned char *check = (const unsigned char *)"123456789";
    printf("crc32 %08x %08x crc16 %04x adler %08x\n", crc32_tab(check, 9), crc32_bit(check, 9), crc16_ccitt(check, 9), adler32((const unsigned char *)"Wikipedia", 9));
    static unsigned char buf[65536];
    for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (unsigned char)(i * 131 ^ i >> 7);
    printf("64k: crc32 %08x crc16 %04x adler %08x\n", crc32_tab(buf, sizeof buf), crc16_ccitt(buf, sizeof buf), adler32(buf, sizeof buf));
    int ok = crc32_tab(check, 9) == 0xcbf43926u && crc32_bit(check, 9) == 0xcbf43926u && crc16_ccitt(check, 9) == 0x29b1 && adler32((const unsigned char *)"Wikipedia", 9) == 0x11e60398u;
    return ok ? 0 : 1;
}
