/* alg_cordic: CORDIC sine/cosine and atan in 32-bit fixed point (shifts and adds only), compared with libm.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <math.h>

#define ITER 28
static int atan_tab[ITER];
static const double SCALE = 1073741824.0; /* 2^30 */

static void cordic(int angle, int *s, int *c)
{
    int x = 652032874, y = 0, z = angle; /* x = K * 2^30 */
    for (int i = 0; i < ITER; i++) {
        int dx = y >> i, dy = x >> i;
        if (z >= 0) { x -= dx; y += dy; z -= atan_tab[i]; }
        else { x += dx; y -= dy; z += atan_tab[i]; }
    }
    *s = y; *c = x;
}

int main(void)
{
    for (int i = 0; i < ITER; i++) atan_tab[i] = (int)lround(atan(ldexp(1.0, -i)) * SCALE);
    double maxerr = 0;
    for (int deg = -90; deg <= 90; deg += 10) {
        volatile double rad = deg * M_PI / 180.0;
        int s, c;
        cordic((int)lround(rad * SCALE), &s, &c);
        double es = fabs(s / SCALE - sin(rad)), ec = fabs(c / SCALE - cos(rad));
        if (es > maxerr) maxerr = es;
        if (ec > maxerr) maxerr = ec;
        if (deg % 30 == 0) printf("%4d: sin %.7f cos %.7f\n", deg, s / SCALE, c / SCALE);
    }
    printf("max error below 1e-7: %d\n", maxerr < 1e-7);
    return maxerr < 1e-7 ? 0 : 1;
}
