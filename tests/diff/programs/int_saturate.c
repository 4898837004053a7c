/* int_saturate: saturating 8/16/32-bit arithmetic done without signed overflow.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <limits.h>

static int sat_add(int a, int b)
{
    if (b > 0 && a > INT_MAX - b) return INT_MAX;
    if (b < 0 && a < INT_MIN - b) return INT_MIN;
    return a + b;
}

static short sat_add16(short a, short b)
{
    int s = a + b;
    return (short)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
}

static unsigned char sat_addu8(unsigned char a, unsigned char b)
{
    unsigned s = (unsigned)a + b;
    return (unsigned char)(s > 255 ? 255 : s);
}

int main(void)
{
    printf("%d %d %d\n", sat_add(INT_MAX, 1), sat_add(INT_MIN, -1), sat_add(100, -50));
    printf("%d %d\n", sat_add16(30000, 5000), sat_add16(-30000, -5000));
    printf("%u %u\n", sat_addu8(200, 100), sat_addu8(20, 30));
    int acc = 0;
    unsigned sig = 0;
    for (int i = 0; i < 5000; i++) {
        acc = sat_add(acc, i * 100000 - 150000000);
        sig = sig * 33u + (unsigned)acc;
    }
    printf("acc %d sig %08x\n", acc, sig);
    short s = 0;
    for (int i = 0; i < 300; i++) s = sat_add16(s, (short)(i * 7 - 500));
    printf("s %d\n", s);
    return 0;
}
