/* alg_pi_spigot: digits of pi by the Rabinowitz-Wagon spigot and of e by a mixed-radix spigot.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static void pi_digits(int n, char *out)
{
    int len = n * 10 / 3 + 2;
    static int a[4000];
    for (int i = 0; i < len; i++) a[i] = 2;
    int nines = 0, predigit = 0, o = 0;
    for (int j = 0; j < n; j++) {
        int q = 0;
        for (int i = len; i > 0; i--) {
            int x = 10 * a[i - 1] + q * i;
            a[i - 1] = x % (2 * i - 1);
            q = x / (2 * i - 1);
        }
        a[0] = q % 10;
        q /= 10;
        if (q == 9) nines++;
        else if (q == 10) {
            out[o++] = (char)('0' + predigit + 1);
            for (int k = 0; k < nines; k++) out[o++] = '0';
            predigit = 0; nines = 0;
        } else {
            if (j) out[o++] = (char)('0' + predigit);
            predigit = q;
            for (int k = 0; k < nines; k++) out[o++] = '9';
            nines = 0;
        }
    }
    out[o++] = (char)('0' + predigit);
    out[o] = 0;
}

static void e_digits(int n, char *out)
{
    static int a[2000];
    int len = n + 10;
    for (int i = 0; i < len; i++) a[i] = 1;
    out[0] = '2';
    for (int j = 1; j < n; j++) {
        int q = 0;
        for (int i = len - 1; i >= 0; i--) {
            int x = 10 * a[i] + q;
            a[i] = x % (i + 2);
            q = x / (i + 2);
        }
        out[j] = (char)('0' + q);
    }
    out[n] = 0;
}

int main(void)
{
    char buf[1200];
    pi_digits(300, buf);
    printf("pi: %.60s...\nlast 20 of 300: %s\n", buf, buf + strlen(buf) - 20);
    int ok = !strncmp(buf, "31415926535897932384626433832795028841971693993751", 50);
    e_digits(500, buf);
    printf("e: %.60s...\nlast 20 of 500: %s\n", buf, buf + 480);
    ok = ok && !strncmp(buf, "27182818284590452353602874713526624977572470936999", 50);
    return ok ? 0 : 1;
}
