/* alg_expr_parser: recursive-descent parser and evaluator for integer expressions with precedence and variables.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <ctype.h>

static const char *p;
static int err;
static long vars[26];

static long expr(void);
static void skip(void) { while (*p == ' ') p++; }
static long primary(void)
{
    skip();
    if (*p == '(') { p++; long v = expr(); skip(); if (*p == ')') p++; else err = 1; return v; }
    if (*p == '-') { p++; return -primary(); }
    if (isdigit((unsigned char)*p)) { long v = 0; while (isdigit((unsigned char)*p)) v = v * 10 + (*p++ - '0'); return v; }
    if (islower((unsigned char)*p)) return vars[*p++ - 'a'];
    err = 2;
    return 0;
}
static long power(void)
{
    long b = primary();
    skip();
    if (*p == '^') { p++; long e = power(); long r = 1; while (e-- > 0) r *= b; return r; }
    return b;
}
static long term(void)
{
    long v = power();
    for (;;) {
        skip();
        char op = *p;
        if (op != '*' && op != '/' && op != '%') return v;
        p++;
        long r = power();
        if ((op == '/' || op == '%') && r == 0) { err = 3; return 0; }
        v = op == '*' ? v * r : op == '/' ? v / r : v % r;
    }
}
static long expr(void)
{
    long v = term();
    for (;;) {
        skip();
        if (*p == '+') { p++; v += term(); }
        else if (*p == '-') { p++; v -= term(); }
        else return v;
    }
}
static void stmt(const char *s)
{
    p = s; err = 0;
    int target = -1;
    if (islower((unsigned char)s[0]) && s[1] == '=') { target = s[0] - 'a'; p = s + 2; }
    long v = expr();
    skip();
    if (*p) err = 4;
    if (err) printf("%-28s error %d\n", s, err);
    else { if (target >= 0) vars[target] = v; printf("%-28s = %ld\n", s, v); }
}

int main(void)
{
    static const char *lines[] = { "1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-(4 - 10) * -2", "100 / 7 % 4", "x=6*7", "y=x - 2",
                                   "x * y / (x - y)", "(3 + 4", "5 / (2 - 2)", "z=2^20 - 1", "z % 1000 + -x", "7 $ 3" };
    for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; i++) stmt(lines[i]);
    return vars['x' - 'a'] == 42 ? 0 : 1;
}
