/* alg_bignum_mul: schoolbook multiplication of large decimal strings, checked by casting out nines.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static void mul(const char *a, const char *b, char *out)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    int r[400] = { 0 };
    for (int i = la - 1; i >= 0; i--)
        for (int j = lb - 1; j >= 0; j--) {
            int p = (a[i] - '0') * (b[j] - '0') + r[i + j + 1];
            r[i + j + 1] = p % 10;
            r[i + j] += p / 10;
        }
    int k = 0;
    while (k < la + lb - 1 && r[k] == 0) k++;
    int o = 0;
    for (; k < la + lb; k++) out[o++] = (char)('0' + r[k]);
    out[o] = 0;
}
static int mod9(const char *s) { int m = 0; while (*s) m = (m + *s++ - '0') % 9; return m; }

int main(void)
{
    char x[400], y[400], z[400];
    mul("123456789", "987654321", z);
    printf("%s\n", z);
    strcpy(x, "3141592653589793238462643383279502884197169399375105820974944592");
    strcpy(y, "2718281828459045235360287471352662497757247093699959574966967627");
    mul(x, y, z);
    printf("%s\n", z);
    int ok = mod9(z) == mod9(x) * mod9(y) % 9;
    strcpy(x, "1");
    for (int i = 0; i < 30; i++) { mul(x, "99999", y); strcpy(x, y); }
    printf("99999^30 = %s (%u digits)\n", x, (unsigned)strlen(x));
    mul("0", "12345", z);
    printf("0 * 12345 = %s, nines check %d\n", z, ok);
    return ok ? 0 : 1;
}
