/* stdlib_div_abs: div, ldiv, lldiv, abs family and integer limits from limits.h.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>

int main(void)
{
    static const int pairs[][2] = { { 17, 5 }, { -17, 5 }, { 17, -5 }, { -17, -5 }, { 0, 3 }, { INT_MAX, 2 }, { INT_MIN, 3 } };
    for (unsigned i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        div_t d = div(pairs[i][0], pairs[i][1]);
        ldiv_t l = ldiv((long)(pairs[i][0] / 3) * 2, pairs[i][1]);
        printf("div(%d,%d) = %d r %d; ldiv = %ld r %ld\n", pairs[i][0], pairs[i][1], d.quot, d.rem, l.quot, l.rem);
    }
    lldiv_t q = lldiv(-123456789012345LL, 1000LL);
    printf("lldiv %lld r %lld\n", q.quot, q.rem);
    printf("CHAR_BIT %d SCHAR_MIN %d UCHAR_MAX %d SHRT_MIN %d USHRT_MAX %d\n", CHAR_BIT, SCHAR_MIN, UCHAR_MAX, SHRT_MIN, USHRT_MAX);
    printf("INT_MIN %d UINT_MAX %u LONG_MAX %ld ULONG_MAX %lu LLONG_MIN %lld\n", INT_MIN, UINT_MAX, LONG_MAX, ULONG_MAX, LLONG_MIN);
    printf("abs %d labs %ld llabs %lld\n", abs(-7), labs(-77L), llabs(-777LL));
    return 0;
}
