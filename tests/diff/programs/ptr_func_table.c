/* ptr_func_table: arrays of function pointers, dispatch tables and callbacks (indirect calls through plabels).
 * diff-expect: exit 0
 */
#include <stdio.h>

typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int divi(int a, int b) { return b ? a / b : 0; }
static int maxi(int a, int b) { return a > b ? a : b; }

static const struct { char sym; binop fn; } ops[] = { { '+', add }, { '-', sub }, { '*', mul }, { '/', divi }, { 'M', maxi } };

static int fold(const int *v, int n, binop f, int init) { for (int i = 0; i < n; i++) init = f(init, v[i]); return init; }
static binop pick(char c) { for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) if (ops[i].sym == c) return ops[i].fn; return NULL; }

static void apply_all(void (*visit)(int, void *), void *ctx) { for (int i = 1; i <= 5; i++) visit(i * i, ctx); }
static void summer(int v, void *ctx) { *(int *)ctx += v; }

int main(void)
{
    int v[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
        printf("fold %c = %d\n", ops[i].sym, fold(v, 8, ops[i].fn, ops[i].sym == '*' ? 1 : 100));
    const char *prog = "+3*4-5/2M9";
    int acc = 1;
    for (const char *p = prog; *p; p += 2) acc = pick(p[0])(acc, p[1] - '0');
    printf("program result %d\n", acc);
    int total = 0;
    apply_all(summer, &total);
    printf("sum of squares %d\n", total);
    printf("pick('x') is null: %d\n", pick('x') == NULL);
    return acc == 9 ? 0 : 1;
}
