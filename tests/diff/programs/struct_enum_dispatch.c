/* struct_enum_dispatch: shapes as tagged structures with per-kind function tables (virtual dispatch in C).
 * diff-expect: exit 0
 */
#include <stdio.h>

typedef struct shape shape;
typedef struct { const char *name; double (*area)(const shape *); double (*perimeter)(const shape *); } vtable;
struct shape { const vtable *vt; double a, b; };

static double rect_area(const shape *s) { return s->a * s->b; }
static double rect_perim(const shape *s) { return 2 * (s->a + s->b); }
static double circ_area(const shape *s) { return 3.14159265358979 * s->a * s->a; }
static double circ_perim(const shape *s) { return 2 * 3.14159265358979 * s->a; }
static double tri_area(const shape *s) { return 0.5 * s->a * s->b; }
static double tri_perim(const shape *s) { double h = s->a * s->a + s->b * s->b, r = h; for (int i = 0; i < 30; i++) r = 0.5 * (r + h / r); return s->a + s->b + r; }

static const vtable RECT = { "rect", rect_area, rect_perim }, CIRC = { "circle", circ_area, circ_perim }, TRI = { "triangle", tri_area, tri_perim };

int main(void)
{
    shape shapes[] = { { &RECT, 3, 4 }, { &CIRC, 1, 0 }, { &TRI, 3, 4 }, { &RECT, 0.5, 10 }, { &CIRC, 2.5, 0 }, { &TRI, 5, 12 } };
    double ta = 0, tp = 0;
    for (unsigned i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        const shape *s = &shapes[i];
        double a = s->vt->area(s), p = s->vt->perimeter(s);
        printf("%-8s area %10.4f perimeter %10.4f\n", s->vt->name, a, p);
        ta += a; tp += p;
    }
    printf("total area %.6f perimeter %.6f\n", ta, tp);
    return 0;
}
