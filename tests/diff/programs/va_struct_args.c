/* va_struct_args: structures and mixed float/double/long long passed through variadic argument lists.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdarg.h>

typedef struct { int x, y; } pt;
typedef struct { char tag; double v; } tagged;
typedef struct { int a[5]; } five;

static void dump(const char *kinds, ...)
{
    va_list ap;
    va_start(ap, kinds);
    for (const char *k = kinds; *k; k++) {
        switch (*k) {
        case 'p': { pt p = va_arg(ap, pt); printf("pt(%d,%d) ", p.x, p.y); break; }
        case 't': { tagged t = va_arg(ap, tagged); printf("%c=%g ", t.tag, t.v); break; }
        case 'f': { five f = va_arg(ap, five); int s = 0; for (int i = 0; i < 5; i++) s += f.a[i]; printf("five(sum %d) ", s); break; }
        case 'd': printf("%g ", va_arg(ap, double)); break;
        case 'l': printf("%lld ", va_arg(ap, long long)); break;
        case 'i': printf("%d ", va_arg(ap, int)); break;
        }
    }
    va_end(ap);
    printf("\n");
}

int main(void)
{
    pt a = { 1, -2 }, b = { 300, 400 };
    tagged t = { 'q', 2.75 };
    five f = { { 1, 2, 3, 4, 5 } };
    float fl = 1.5f;
    dump("pip", a, 7, b);
    dump("tdt", t, (double)fl, t);
    dump("flfi", f, 123456789012LL, f, -1);
    dump("idlpt", 9, 0.1, -5LL, a, t);
    return 0;
}
