/* alg_roman: Roman numeral conversion both ways for 1..3999 with round-trip check.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static const int vals[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
static const char *syms[] = { "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I" };

static void to_roman(int n, char *out) { out[0] = 0; for (int i = 0; i < 13; i++) while (n >= vals[i]) { strcat(out, syms[i]); n -= vals[i]; } }
static int val(char c) { switch (c) { case 'I': return 1; case 'V': return 5; case 'X': return 10; case 'L': return 50; case 'C': return 100; case 'D': return 500; case 'M': return 1000; default: return 0; } }
static int from_roman(const char *s) { int t = 0; for (; *s; s++) { int v = val(*s); if (val(s[1]) > v) t -= v; else t += v; } return t; }

int main(void)
{
    char buf[32];
    int bad = 0, longest = 0, arg = 0;
    unsigned total_len = 0;
    for (int n = 1; n < 4000; n++) {
        to_roman(n, buf);
        int len = (int)strlen(buf);
        total_len += (unsigned)len;
        if (len > longest) { longest = len; arg = n; }
        if (from_roman(buf) != n) bad++;
    }
    static const int show[] = { 1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999 };
    for (int i = 0; i < 10; i++) { to_roman(show[i], buf); printf("%d = %s\n", show[i], buf); }
    to_roman(arg, buf);
    printf("longest %d (%s, %d chars), total length %u, bad %d\n", arg, buf, longest, total_len, bad);
    return bad;
}
