/* dbl_trig_identities: sin/cos/tan tables, identities checked within tolerance, degrees to radians.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <math.h>

int main(void)
{
    int bad = 0;
    double maxerr = 0;
    for (int deg = -720; deg <= 720; deg += 5) {
        double r = deg * (M_PI / 180.0);
        double s = sin(r), c = cos(r);
        double e1 = fabs(s * s + c * c - 1.0);
        double e2 = fabs(sin(2 * r) - 2 * s * c);
        double e = e1 > e2 ? e1 : e2;
        if (e > maxerr) maxerr = e;
        if (e > 1e-14) bad++;
    }
    printf("identity violations %d, max error below 1e-15: %d\n", bad, maxerr < 1e-15);
    for (int deg = 0; deg <= 90; deg += 15) {
        double r = deg * (M_PI / 180.0);
        printf("%2d deg: sin %.10f cos %.10f", deg, sin(r), cos(r));
        if (deg != 90) printf(" tan %.10f", tan(r));
        printf("\n");
    }
    printf("asin(1)*2 = %.15f, atan(1)*4 = %.15f\n", asin(1.0) * 2, atan(1.0) * 4);
    return bad;
}
