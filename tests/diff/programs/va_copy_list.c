/* va_copy_list: va_copy to traverse arguments twice, va_list passed to helper functions.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdarg.h>

static int count_until_zero(va_list ap)
{
    int n = 0;
    while (va_arg(ap, int) != 0) n++;
    return n;
}

static double mean_and_spread(int first, ...)
{
    va_list ap, ap2;
    va_start(ap, first);
    va_copy(ap2, ap);
    int n = 1;
    long sum = first;
    int v;
    while ((v = va_arg(ap, int)) != 0) { sum += v; n++; }
    double mean = (double)sum / n;
    double sq = (first - mean) * (first - mean);
    while ((v = va_arg(ap2, int)) != 0) sq += (v - mean) * (v - mean);
    va_end(ap2);
    va_end(ap);
    printf("n=%d mean=%.4f var=%.4f\n", n, mean, sq / n);
    return mean;
}

static int count(int dummy, ...)
{
    va_list ap;
    va_start(ap, dummy);
    int n = count_until_zero(ap);
    va_end(ap);
    return n;
}

static const char *nth_string(int k, ...)
{
    va_list ap;
    va_start(ap, k);
    const char *s = NULL;
    for (int i = 0; i <= k; i++) s = va_arg(ap, const char *);
    va_end(ap);
    return s;
}

int main(void)
{
    mean_and_spread(4, 8, 15, 16, 23, 42, 0);
    mean_and_spread(-5, 5, 0);
    printf("count %d %d\n", count(0, 1, 2, 3, 0), count(0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0));
    printf("%s %s\n", nth_string(2, "a", "b", "c", "d"), nth_string(0, "first"));
    return 0;
}
