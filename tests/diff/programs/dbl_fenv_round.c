/* dbl_fenv_round: arithmetic and rint under the four IEEE rounding modes selected with fesetround.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <fenv.h>
#include <math.h>

int main(void)
{
    static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
    static const char *names[] = { "nearest", "upward", "downward", "towardzero" };
    volatile double one = 1.0, three = 3.0, x = 2.5, y = -2.5, big = 1e16;
    volatile float fone = 1.0f, fthree = 3.0f;
    for (int i = 0; i < 4; i++) {
        if (fesetround(modes[i]) != 0) { printf("%s unsupported\n", names[i]); continue; }
        volatile double q = one / three, nq = -one / three, s = big + one;
        volatile float fq = fone / fthree;
        volatile double r1 = rint(x), r2 = rint(y), r3 = nearbyint(0.5);
        printf("%-10s 1/3=%.17g -1/3=%.17g 1e16+1=%.1f f=%.9g rint %g %g %g\n", names[i], q, nq, s, (double)fq, r1, r2, r3);
    }
    fesetround(FE_TONEAREST);
    printf("restored: %d\n", fegetround() == FE_TONEAREST);
    return 0;
}
