/* int_gcd_lcm: Euclid's gcd, lcm, extended Euclid and modular inverse.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned gcd(unsigned a, unsigned b) { while (b) { unsigned t = a % b; a = b; b = t; } return a; }

static int egcd(int a, int b, int *x, int *y)
{
    if (b == 0) { *x = 1; *y = 0; return a; }
    int x1, y1;
    int g = egcd(b, a % b, &x1, &y1);
    *x = y1;
    *y = x1 - (a / b) * y1;
    return g;
}

int main(void)
{
    unsigned total = 0;
    for (unsigned a = 1; a < 200; a += 3)
        for (unsigned b = 1; b < 200; b += 5)
            total += gcd(a, b);
    printf("gcd total %u\n", total);
    printf("gcd(1071,462)=%u lcm(21,6)=%u\n", gcd(1071, 462), 21u / gcd(21, 6) * 6u);
    int bad = 0;
    for (int m = 97; m < 200; m += 10) {
        for (int a = 2; a < 20; a++) {
            int x, y;
            int g = egcd(a, m, &x, &y);
            if (a * x + m * y != g) bad++;
            if (g == 1) {
                int inv = ((x % m) + m) % m;
                if ((a * inv) % m != 1) bad++;
            }
        }
    }
    int x, y;
    egcd(240, 46, &x, &y);
    printf("egcd(240,46): x=%d y=%d bad=%d\n", x, y, bad);
    return bad;
}
