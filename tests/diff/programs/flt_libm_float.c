/* flt_libm_float: single-precision libm functions (sqrtf, expf, logf, sinf, powf, fmodf, floorf) on run-time inputs.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <math.h>

int main(void)
{
    volatile float in[] = { 0.125f, 0.75f, 1.0f, 2.0f, 9.5f, 100.0f };
    for (int i = 0; i < 6; i++) {
        float x = in[i];
        printf("x=%g sqrtf=%.8g expf=%.8g logf=%.8g sinf=%.8g cosf=%.8g atanf=%.8g\n", (double)x, (double)sqrtf(x), (double)expf(x / 8),
               (double)logf(x), (double)sinf(x), (double)cosf(x), (double)atanf(x));
    }
    volatile float a = -7.75f, b = 2.5f;
    printf("%g %g %g %g %g %g\n", (double)fabsf(a), (double)floorf(a), (double)ceilf(a), (double)roundf(a), (double)truncf(a), (double)fmodf(a, b));
    printf("%.8g %.8g %.8g\n", (double)powf(b, 3.5f), (double)hypotf(a, b), (double)copysignf(b, a));
    float s = 0;
    for (int i = 1; i < 500; i++) s += sqrtf((float)i);
    printf("sum sqrt %.8g\n", (double)s);
    return 0;
}
