/* va_sum: variadic functions with int, long long and double arguments (stdarg).
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdarg.h>

static int sum_ints(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

static double sum_dbl(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, double);
    va_end(ap);
    return s;
}

/* format letters: i=int, l=long long, d=double, s=string, c=char */
static void typed(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': printf("i:%d ", va_arg(ap, int)); break;
        case 'l': printf("l:%lld ", va_arg(ap, long long)); break;
        case 'd': printf("d:%g ", va_arg(ap, double)); break;
        case 's': printf("s:%s ", va_arg(ap, const char *)); break;
        case 'c': printf("c:%c ", (char)va_arg(ap, int)); break;
        }
    }
    va_end(ap);
    printf("\n");
}

int main(void)
{
    printf("%d %d %d\n", sum_ints(0), sum_ints(3, 1, 2, 3), sum_ints(12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    printf("%g %g\n", sum_dbl(2, 0.5, 0.25), sum_dbl(9, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.5));
    typed("ilds", 7, 0x123456789LL, 2.75, "text");
    typed("lidlci", -1LL, 3, -0.5, 1LL << 62, 'Z', 99);
    typed("dddddd", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
    typed("iliiliil", 1, 2LL, 3, 4, 5LL, 6, 7, 8LL);
    return 0;
}
