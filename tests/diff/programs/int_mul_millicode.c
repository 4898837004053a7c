/* int_mul_millicode: 32-bit multiplication compiled with -msoft-float, so that gcc calls the millicode
 * routine $$mulI instead of the FPU's XMPYU; signed, unsigned, constants and widening to 64 bits.
 * diff-expect: exit 0
 * diff-cflags: -msoft-float
 */
#include <stdio.h>

static unsigned umul(unsigned a, unsigned b) { return a * b; }
static int smul(int a, int b) { return a * b; }
static long long wide(int a, int b) { return (long long)a * b; }

int main(void)
{
    static const int v[] = { 0, 1, -1, 2, -2, 3, 7, -7, 15, 16, 17, 255, -256, 4095, 65535, -65536, 46340, 123456789, -2147483647 };
    int n = (int)(sizeof v / sizeof v[0]);
    unsigned h = 0;
    long long wsum = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            volatile int a = v[i], b = v[j];
            h = h * 31u + umul((unsigned)a, (unsigned)b);
            wsum += wide(a, b) % 1000003;
        }
    printf("umul hash %08x wide sum %lld\n", h, wsum);
    int s = 0;
    for (int a = -300; a <= 300; a += 7)
        for (int b = -300; b <= 300; b += 11) s += smul(a, b) % 1000;
    printf("smul sum %d\n", s);
    volatile int x = 12345;
    volatile unsigned y = 0xfedcba98u;
    printf("%d %d %d %d %d\n", x * 3, x * 10, x * 100, x * -17, x * 1000);
    printf("%08x %08x %08x\n", y * 0x9e3779b9u, y * y, y * 0x10001u);
    unsigned f = 1;
    for (unsigned i = 1; i <= 12; i++) f = umul(f, i);
    printf("12! = %u\n", f);
    return f == 479001600u && smul(-6, 7) == -42 ? 0 : 1;
}
