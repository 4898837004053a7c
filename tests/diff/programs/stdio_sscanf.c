/* stdio_sscanf: sscanf with ints, hex, floats, strings, character sets, %n and partial matches.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    int a, b, n;
    unsigned x;
    double d;
    char word[16], rest[32];
    int r = sscanf("  12 -34 0xff 2.5e-1 token remainder", "%d %d %x %lf %15s %31[^\n]", &a, &b, &x, &d, word, rest);
    printf("r=%d a=%d b=%d x=%u d=%g word=%s rest=%s\n", r, a, b, x, d, word, rest);
    r = sscanf("2024-11-24T14:42:07", "%d-%d-%dT%n", &a, &b, (int *)&x, &n);
    printf("r=%d %d/%d/%u consumed %d\n", r, a, b, x, n);
    r = sscanf("abc123def", "%[a-z]%d%s", word, &a, rest);
    printf("r=%d %s %d %s\n", r, word, a, rest);
    r = sscanf("42 notanumber", "%d %d", &a, &b);
    printf("partial r=%d a=%d\n", r, a);
    r = sscanf("", "%d", &a);
    printf("empty r=%d\n", r);
    char c1, c2;
    r = sscanf("x y", "%c %c", &c1, &c2);
    printf("chars r=%d %c%c\n", r, c1, c2);
    int sum = 0, v, off = 0, used;
    const char *list = "5,10,15,20,25";
    while (sscanf(list + off, "%d%n", &v, &used) == 1) { sum += v; off += used; if (list[off] == ',') off++; else break; }
    printf("sum %d\n", sum);
    return sum == 75 ? 0 : 1;
}
