/* alg_rpn_calc: a reverse-Polish calculator over integers and doubles with a value stack.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

static double st[64];
static int sp;

static int eval(const char *expr, double *result)
{
    char buf[256];
    strncpy(buf, expr, sizeof buf - 1);
    buf[sizeof buf - 1] = 0;
    sp = 0;
    for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
        if (isdigit((unsigned char)tok[0]) || (tok[0] == '-' && isdigit((unsigned char)tok[1]))) { st[sp++] = strtod(tok, NULL); continue; }
        if (!strcmp(tok, "dup")) { if (sp < 1) return -1; st[sp] = st[sp - 1]; sp++; continue; }
        if (!strcmp(tok, "swap")) { if (sp < 2) return -1; double t = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = t; continue; }
        if (sp < 2) return -1;
        double b = st[--sp], a = st[--sp], r;
        switch (tok[0]) {
        case '+': r = a + b; break;
        case '-': r = a - b; break;
        case '*': r = a * b; break;
        case '/': if (b == 0) return -2; r = a / b; break;
        case '%': if ((long)b == 0) return -2; r = (double)((long)a % (long)b); break;
        case '^': r = 1; for (long k = 0; k < (long)b; k++) r *= a; break;
        default: return -3;
        }
        st[sp++] = r;
    }
    if (sp != 1) return -4;
    *result = st[0];
    return 0;
}

int main(void)
{
    static const char *progs[] = { "3 4 + 2 *", "5 1 2 + 4 * + 3 -", "2 10 ^ 1 -", "1 2 3 4 5 + + + +", "7 2 /", "17 5 %",
                                   "1 0 /", "1 +", "3 dup * dup *", "1 2 swap -", "2.5 -1.5 *", "9 9" , "4 2 &" };
    int errors = 0;
    for (unsigned i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        double r;
        int e = eval(progs[i], &r);
        if (e) { printf("%-22s error %d\n", progs[i], e); errors++; }
        else printf("%-22s = %g\n", progs[i], r);
    }
    return errors == 4 ? 0 : 1;
}
