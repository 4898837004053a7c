/* struct_return: structures returned by value, small (in registers) and large (through memory).
 * diff-expect: exit 0
 */
#include <stdio.h>

typedef struct { short a, b; } pair16;
typedef struct { int x, y; } point;
typedef struct { double re, im; } cplx;
typedef struct { char name[16]; int age; double score; } record;

static pair16 mk16(int v) { pair16 p = { (short)v, (short)-v }; return p; }
static point add(point a, point b) { point r = { a.x + b.x, a.y + b.y }; return r; }
static cplx cmul(cplx a, cplx b) { cplx r = { a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re }; return r; }
static record mkrec(const char *n, int age)
{
    record r;
    int i = 0;
    for (; n[i] && i < 15; i++) r.name[i] = n[i];
    r.name[i] = 0;
    r.age = age;
    r.score = age * 1.5;
    return r;
}

int main(void)
{
    pair16 p = mk16(1234);
    printf("%d %d\n", p.a, p.b);
    point acc = { 0, 0 };
    for (int i = 0; i < 100; i++) { point d = { i, -2 * i }; acc = add(acc, d); }
    printf("%d %d\n", acc.x, acc.y);
    cplx z = { 1.0, 0.0 }, w = { 0.6, 0.8 };
    for (int i = 0; i < 10; i++) z = cmul(z, w);
    printf("%.15f %.15f\n", z.re, z.im);
    record r = mkrec("Ada Lovelace", 36);
    record s = mkrec("a-very-long-name-that-is-cut", 7);
    printf("%s %d %.1f | %s %d %.1f\n", r.name, r.age, r.score, s.name, s.age, s.score);
    return 0;
}
