/* ctl_static_init: static and global data initialisation: zeroed .bss, initialised .data, static locals, string tables.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

int g_zero;
int g_init = 1234;
static double g_dbl = -2.5;
static long long g_ll = 0x123456789abcdefLL;
static char g_str[] = "writable string";
static const char *const g_names[] = { "north", "east", "south", "west" };
static int g_arr[100];
static int g_part[10] = { 1, 2, 3 };
static struct { int a; char b[4]; double c; } g_rec = { 7, "xyz", 0.125 };
static unsigned char g_big_bss[65536];

static int counter(void) { static int calls; static int base = 100; return base + ++calls; }
static const char *seq(void) { static const char *items[] = { "one", "two", "three" }; static unsigned i; return items[i++ % 3]; }

int main(void)
{
    printf("%d %d %.3f %llx\n", g_zero, g_init, g_dbl, g_ll);
    g_str[0] = 'W';
    printf("%s %s %s\n", g_str, g_names[1], g_names[3]);
    int sum = 0;
    for (int i = 0; i < 100; i++) sum += g_arr[i];
    for (int i = 0; i < 10; i++) sum += g_part[i];
    unsigned nz = 0;
    for (unsigned i = 0; i < sizeof g_big_bss; i++) nz += g_big_bss[i] != 0;
    printf("sum %d bss nonzero %u\n", sum, nz);
    printf("rec %d %s %g\n", g_rec.a, g_rec.b, g_rec.c);
    for (int i = 0; i < 4; i++) printf("counter %d seq %s\n", counter(), seq());
    memset(g_big_bss, 1, 1000);
    g_zero = 5;
    g_init++;
    printf("after writes %d %d %u\n", g_zero, g_init, (unsigned)g_big_bss[999]);
    return sum == 6 && nz == 0 ? 0 : 1;
}
