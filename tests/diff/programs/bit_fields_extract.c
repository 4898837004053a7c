/* bit_fields_extract: extracting and depositing bit fields by masks (extru/extrs/dep).
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned extract(unsigned v, int pos, int len) { return (v >> pos) & ((len == 32) ? 0xffffffffu : ((1u << len) - 1)); }
static int extract_signed(unsigned v, int pos, int len)
{
    unsigned f = extract(v, pos, len);
    unsigned sign = 1u << (len - 1);
    return (int)(f ^ sign) - (int)sign;
}
static unsigned deposit(unsigned v, unsigned f, int pos, int len)
{
    unsigned m = ((len == 32) ? 0xffffffffu : ((1u << len) - 1)) << pos;
    return (v & ~m) | ((f << pos) & m);
}

int main(void)
{
    unsigned v = 0xa5c3f00fu;
    for (int pos = 0; pos < 32; pos += 4)
        printf("pos %2d: u4=%x s4=%d u8=%02x s8=%d\n", pos, extract(v, pos, 4), extract_signed(v, pos, 4),
               pos <= 24 ? extract(v, pos, 8) : 0u, pos <= 24 ? extract_signed(v, pos, 8) : 0);
    unsigned w = 0;
    for (int i = 0; i < 8; i++) w = deposit(w, (unsigned)i, i * 4, 4);
    printf("deposited %08x\n", w);
    unsigned h = 0;
    for (int len = 1; len <= 32; len++)
        for (int pos = 0; pos + len <= 32; pos++)
            h = h * 3u + extract(v, pos, len) + deposit(v, 0x5555u, pos, len);
    printf("h %08x\n", h);
    return 0;
}
