/* struct_byval: structures of several sizes passed by value (in registers and on the stack).
 * diff-expect: exit 0
 */
#include <stdio.h>

struct s1 { char c; };
struct s3 { char a, b, c; };
struct s8 { int x, y; };
struct s12 { short a; int b; char c; double d; };
struct big { int v[20]; };

static int f1(struct s1 s) { return s.c; }
static int f3(struct s3 s) { return s.a * 100 + s.b * 10 + s.c; }
static int f8(int pre, struct s8 s, int post) { return pre + s.x * s.y - post; }
static double f12(struct s12 s, struct s12 t) { return s.a + s.b + s.c + s.d - t.a - t.b - t.c - t.d * 2; }
static int fbig(struct big b, int k)
{
    int sum = 0;
    for (int i = 0; i < 20; i++) sum += b.v[i] * (i + k);
    b.v[0] = 9999; /* modifies the copy only */
    return sum;
}
static int many(struct s8 a, struct s8 b, struct s8 c, struct s8 d, struct s3 e)
{
    return a.x + b.y * 2 + c.x * 3 + d.y * 4 + e.c;
}

int main(void)
{
    struct s1 a = { 'A' };
    struct s3 b = { 1, 2, 3 };
    struct s8 c = { 6, 7 };
    struct s12 d = { 1, 2, 3, 4.5 }, e = { -1, -2, -3, 0.25 };
    struct big g;
    for (int i = 0; i < 20; i++) g.v[i] = i * i - 7;
    printf("%d %d %d %.3f\n", f1(a), f3(b), f8(10, c, 3), f12(d, e));
    printf("%d %d\n", fbig(g, 3), g.v[0]);
    struct s8 p = { 1, 2 }, q = { 3, 4 }, r = { 5, 6 }, s = { 7, 8 };
    printf("%d\n", many(p, q, r, s, b));
    return 0;
}
