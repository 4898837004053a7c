/* int_div_unsigned: unsigned 32-bit division by run-time divisors (millicode $$divU).
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    static const unsigned vals[] = { 0u, 1u, 2u, 3u, 100u, 4095u, 4096u, 65537u, 0x7fffffffu,
                                     0x80000000u, 0x80000001u, 0xfffffffeu, 0xffffffffu, 3000000000u };
    unsigned n = sizeof vals / sizeof vals[0];
    unsigned h = 2166136261u;
    int bad = 0;
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < n; j++) {
            volatile unsigned a = vals[i], b = vals[j];
            if (b == 0) continue;
            unsigned q = a / b, r = a % b;
            if (q * b + r != a || r >= b) bad++;
            h = (h ^ q) * 16777619u;
            h = (h ^ r) * 16777619u;
        }
        volatile unsigned d = 10;
        printf("%u / 10 = %u rem %u\n", vals[i], vals[i] / d, vals[i] % d);
    }
    printf("fnv %08x bad %d\n", h, bad);
    return bad;
}
