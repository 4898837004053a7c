/* alg_polynomial: integer polynomial multiplication, evaluation by Horner, derivative and division with remainder.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

typedef struct { int deg; long long c[32]; } poly;

static poly pmul(const poly *a, const poly *b)
{
    poly r;
    memset(&r, 0, sizeof r);
    r.deg = a->deg + b->deg;
    for (int i = 0; i <= a->deg; i++) for (int j = 0; j <= b->deg; j++) r.c[i + j] += a->c[i] * b->c[j];
    return r;
}
static long long eval(const poly *p, long long x) { long long v = 0; for (int i = p->deg; i >= 0; i--) v = v * x + p->c[i]; return v; }
static void print(const char *name, const poly *p)
{
    printf("%s =", name);
    for (int i = p->deg; i >= 0; i--) {
        if (!p->c[i]) continue;
        if (i >= 2) printf(" %+lldx^%d", p->c[i], i);
        else printf(" %+lld%s", p->c[i], i == 1 ? "x" : "");
    }
    printf("\n");
}

int main(void)
{
    poly a = { 1, { 1, 1 } }, r = { 0, { 1 } };
    for (int i = 0; i < 10; i++) r = pmul(&r, &a);
    printf("(1+x)^10 coefficients:");
    for (int i = 0; i <= r.deg; i++) printf(" %lld", r.c[i]);
    printf("\n");
    poly b = { 3, { -6, 11, -6, 1 } };
    for (int x = 0; x <= 4; x++) printf("b(%d)=%lld ", x, eval(&b, x));
    printf("\n");
    poly d = { b.deg - 1, { 0 } };
    for (int i = 1; i <= b.deg; i++) d.c[i - 1] = b.c[i] * i;
    print("b'", &d);
    /* divide b by (x - 1): synthetic division */
    poly q = { b.deg - 1, { 0 } };
    long long carry = 0;
    for (int i = b.deg; i >= 1; i--) { carry = b.c[i] + carry * 1; q.c[i - 1] = carry; }
    long long rem = b.c[0] + carry;
    print("b/(x-1)", &q);
    printf("remainder %lld, (1+x)^10 at 2 = %lld\n", rem, eval(&r, 2));
    return eval(&r, 2) == 59049 && rem == 0 ? 0 : 1;
}
