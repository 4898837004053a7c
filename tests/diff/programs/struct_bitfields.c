/* struct_bitfields: signed and unsigned bit-fields, packing, read-modify-write, overflow wrap.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

struct flags {
    unsigned a : 1;
    unsigned b : 3;
    signed c : 5;
    unsigned d : 7;
    unsigned e : 16;
};

struct hdr {
    unsigned version : 4;
    unsigned ihl : 4;
    unsigned tos : 8;
    unsigned len : 16;
};

int main(void)
{
    struct flags f;
    memset(&f, 0, sizeof f);
    f.a = 1; f.b = 5; f.c = -9; f.d = 100; f.e = 54321;
    printf("%u %u %d %u %u size %u\n", f.a, f.b, f.c, f.d, f.e, (unsigned)sizeof f);
    unsigned raw;
    memcpy(&raw, &f, sizeof raw);
    printf("raw %08x\n", raw);
    unsigned sum = 0;
    for (int i = 0; i < 1000; i++) {
        f.b = f.b + 3u;
        f.c = (signed)((f.c + 7) % 16) - 8;
        f.d = (f.d + (unsigned)i) & 0x7fu;
        f.e = (f.e * 3u + 1u) & 0xffffu;
        sum += f.a + f.b + (unsigned)(f.c + 16) + f.d + f.e;
    }
    printf("sum %u final %u %d %u %u\n", sum, f.b, f.c, f.d, f.e);
    struct hdr h = { 4, 5, 0, 1500 };
    unsigned w;
    memcpy(&w, &h, sizeof w);
    printf("hdr %08x\n", w);
    return 0;
}
