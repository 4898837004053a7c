/* struct_union: unions for type punning of float/int bytes (big-endian layout), tagged unions.
 * diff-expect: exit 0
 */
#include <stdio.h>

union fbits { float f; unsigned u; unsigned char b[4]; };
union dbits { double d; unsigned long long u; unsigned w[2]; };

enum kind { K_INT, K_DBL, K_STR };
struct value { enum kind k; union { int i; double d; const char *s; } u; };

static void show(const struct value *v)
{
    switch (v->k) {
    case K_INT: printf("int %d\n", v->u.i); break;
    case K_DBL: printf("double %g\n", v->u.d); break;
    case K_STR: printf("string \"%s\"\n", v->u.s); break;
    }
}

int main(void)
{
    union fbits f;
    f.f = -1.5f;
    printf("%08x bytes %02x %02x %02x %02x\n", f.u, f.b[0], f.b[1], f.b[2], f.b[3]);
    f.u = 0x40490fdbu;
    printf("%.7f\n", f.f);
    union dbits d;
    d.d = 1.0 / 3.0;
    printf("%016llx hi %08x lo %08x\n", d.u, d.w[0], d.w[1]);
    d.u = 0x7ff0000000000000ULL;
    printf("%f\n", d.d);
    struct value vals[] = { { K_INT, { .i = 42 } }, { K_DBL, { .d = 2.5 } }, { K_STR, { .s = "hello" } } };
    for (int i = 0; i < 3; i++) show(&vals[i]);
    printf("sizes %u %u\n", (unsigned)sizeof(union fbits), (unsigned)sizeof(struct value));
    return 0;
}
