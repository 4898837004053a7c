/* ptr_const_tables: const lookup tables of strings and numbers in read-only data, table-driven code.
 * diff-expect: exit 0
 */
#include <stdio.h>

static const char *const month_names[12] = { "January", "February", "March", "April", "May", "June", "July",
                                             "August", "September", "October", "November", "December" };
static const unsigned char days_in_month[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
static const unsigned short cum_days[13] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365 };
static const struct { const char *code; double rate; } currencies[] = { { "EUR", 1.0 }, { "USD", 1.08 }, { "JPY", 161.5 }, { "GBP", 0.85 } };

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int day_of_year(int y, int m, int d) { return cum_days[m - 1] + d + (m > 2 && leap(y)); }

static int weekday(int y, int m, int d)
{
    static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
    if (m < 3) y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

int main(void)
{
    static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    for (int m = 1; m <= 12; m++)
        printf("%-9s %2u days, 2024-%02d-13 is %s, day %d\n", month_names[m - 1], days_in_month[m - 1] + (m == 2 && leap(2024)),
               m, wd[weekday(2024, m, 13)], day_of_year(2024, m, 13));
    for (unsigned i = 0; i < sizeof currencies / sizeof currencies[0]; i++)
        printf("100 EUR = %.2f %s\n", 100 * currencies[i].rate, currencies[i].code);
    int leaps = 0;
    for (int y = 1600; y <= 2400; y++) leaps += leap(y);
    printf("leap years 1600..2400: %d\n", leaps);
    return weekday(2000, 1, 1) == 6 ? 0 : 1;
}
