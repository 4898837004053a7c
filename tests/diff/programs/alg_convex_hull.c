/* alg_convex_hull: Andrew's monotone chain convex hull on integer points, polygon area by the shoelace formula.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct { long x, y; } pt;
static int cmp(const void *a, const void *b) { const pt *p = a, *q = b; if (p->x != q->x) return p->x < q->x ? -1 : 1; return (p->y > q->y) - (p->y < q->y); }
static long long cross(pt o, pt a, pt b) { return (long long)(a.x - o.x) * (b.y - o.y) - (long long)(a.y - o.y) * (b.x - o.x); }

int main(void)
{
    enum { N = 400 };
    static pt p[N], h[2 * N];
    unsigned s = 4242;
    for (int i = 0; i < N; i++) { s = s * 1664525u + 1013904223u; p[i].x = (long)(s >> 20) % 2001 - 1000; s = s * 1664525u + 1013904223u; p[i].y = (long)(s >> 20) % 2001 - 1000; }
    qsort(p, N, sizeof p[0], cmp);
    int k = 0;
    for (int i = 0; i < N; i++) { while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--; h[k++] = p[i]; }
    for (int i = N - 2, t = k + 1; i >= 0; i--) { while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--; h[k++] = p[i]; }
    k--;
    long long area2 = 0;
    for (int i = 0; i < k; i++) area2 += (long long)h[i].x * h[(i + 1) % k].y - (long long)h[(i + 1) % k].x * h[i].y;
    printf("hull has %d vertices, area %lld.%d\n", k, area2 / 2, area2 % 2 ? 5 : 0);
    for (int i = 0; i < k && i < 8; i++) printf("(%ld,%ld) ", h[i].x, h[i].y);
    printf("\n");
    return k >= 3 ? 0 : 1;
}
