/* alg_calendar: day numbers, Julian day conversion, weekday, Easter dates and a printed month calendar.
 * diff-expect: exit 0
 */
#include <stdio.h>

static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}
static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    *y = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y += *m <= 2;
}
static void easter(int y, int *m, int *d)
{
    int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - dd - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, mm = (a + 11 * h + 22 * l) / 451;
    *m = (h + l - 7 * mm + 114) / 31;
    *d = (h + l - 7 * mm + 114) % 31 + 1;
}

int main(void)
{
    printf("days 1970-01-01 %ld, 2000-03-01 %ld, 1600-01-01 %ld\n", days_from_civil(1970, 1, 1), days_from_civil(2000, 3, 1), days_from_civil(1600, 1, 1));
    int bad = 0;
    for (long z = -200000; z < 200000; z += 37) {
        long y; unsigned m, d;
        civil_from_days(z, &y, &m, &d);
        if (days_from_civil(y, m, d) != z) bad++;
    }
    for (int y = 2020; y <= 2030; y++) { int m, d; easter(y, &m, &d); printf("easter %d: %d-%02d\n", y, m, d); }
    long first = days_from_civil(2024, 2, 1);
    int wd = (int)((first % 7 + 7 + 4) % 7);
    printf("   February 2024\nSu Mo Tu We Th Fr Sa\n");
    for (int i = 0; i < wd; i++) printf("   ");
    for (int d = 1; d <= 29; d++) printf("%2d%c", d, (wd + d) % 7 == 0 ? '\n' : ' ');
    printf("\nround-trip failures %d\n", bad);
    return bad;
}
