/* flt_compare: float comparisons including signed zero, infinities and NaN (unordered).
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <math.h>

int main(void)
{
    volatile float zero = 0.0f;
    float vals[7];
    vals[0] = -INFINITY; vals[1] = -1.0f; vals[2] = -zero; vals[3] = zero; vals[4] = 1e-30f; vals[5] = INFINITY;
    vals[6] = zero / zero;
    const char *names[7] = { "-inf", "-1", "-0", "+0", "1e-30", "+inf", "nan" };
    for (int i = 0; i < 7; i++) {
        printf("%-6s:", names[i]);
        for (int j = 0; j < 7; j++) {
            volatile float a = vals[i], b = vals[j];
            printf(" %d%d%d%d%d%d", a < b, a <= b, a == b, a != b, a >= b, a > b);
        }
        printf("\n");
    }
    volatile float n = vals[6];
    printf("isnan %d isinf %d %d signbit(-0) %d\n", isnan(n) != 0, isinf(vals[0]) != 0, isinf(vals[1]) != 0, signbit(vals[2]) != 0);
    printf("isunordered %d isless %d\n", isunordered(n, 1.0f) != 0, isless(1.0f, 2.0f) != 0);
    return 0;
}
