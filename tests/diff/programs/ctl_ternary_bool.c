/* ctl_ternary_bool: conditional expressions, short-circuit evaluation with side effects, _Bool conversions.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdbool.h>

static int calls;
static bool t(void) { calls++; return true; }
static bool f(void) { calls += 10; return false; }

int main(void)
{
    calls = 0; bool a = f() && t(); printf("f&&t=%d calls=%d\n", a, calls);
    calls = 0; a = t() || f(); printf("t||f=%d calls=%d\n", a, calls);
    calls = 0; a = (f() || t()) && (t() || f()); printf("mixed=%d calls=%d\n", a, calls);
    bool b1 = 256, b2 = 0.5, b3 = -1;
    int bits = b1 + b2 + b3;
    printf("bool conversions %d %d %d sum %d\n", b1, b2, b3, bits);
    int cnt[3] = { 0 };
    for (int i = -50; i <= 50; i++) cnt[i < 0 ? 0 : i == 0 ? 1 : 2]++;
    printf("neg %d zero %d pos %d\n", cnt[0], cnt[1], cnt[2]);
    int x = 7;
    int *p = x > 5 ? &cnt[0] : &cnt[2];
    *p += 100;
    printf("selected lvalue %d\n", cnt[0]);
    unsigned m = 0;
    for (unsigned i = 0; i < 32; i++) m |= (unsigned)(i % 3 == 0 ? 1 : 0) << i;
    printf("mask %08x !m %d !!m %d\n", m, !m, !!m);
    return calls == 12 ? 0 : 1;
}
