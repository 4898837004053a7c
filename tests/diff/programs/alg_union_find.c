/* alg_union_find: disjoint sets with path compression and union by rank; Kruskal's minimum spanning tree.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>

static int parent[1000], rnk[1000];
static int find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
static int unite(int a, int b)
{
    a = find(a); b = find(b);
    if (a == b) return 0;
    if (rnk[a] < rnk[b]) { int t = a; a = b; b = t; }
    parent[b] = a;
    if (rnk[a] == rnk[b]) rnk[a]++;
    return 1;
}

typedef struct { int u, v, w; } edge;
static int by_weight(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    if (x->w != y->w) return x->w - y->w;
    if (x->u != y->u) return x->u - y->u;
    return x->v - y->v;
}

int main(void)
{
    int n = 1000;
    for (int i = 0; i < n; i++) { parent[i] = i; rnk[i] = 0; }
    unsigned s = 5;
    int merges = 0;
    for (int k = 0; k < 700; k++) { s = s * 1103515245u + 12345u; int a = (int)(s >> 16) % n; s = s * 1103515245u + 12345u; int b = (int)(s >> 16) % n; merges += unite(a, b); }
    int comps = 0, biggest = 0;
    static int size[1000];
    for (int i = 0; i < n; i++) { if (find(i) == i) comps++; size[find(i)]++; }
    for (int i = 0; i < n; i++) if (size[i] > biggest) biggest = size[i];
    printf("merges %d components %d biggest %d\n", merges, comps, biggest);
    int V = 60, E = 0;
    edge *es = malloc(sizeof(edge) * 2000);
    for (int u = 0; u < V; u++) for (int v = u + 1; v < V; v++) if ((u * 7 + v * 13) % 5 == 0 || v == u + 1) es[E++] = (edge){ u, v, (u * 31 + v * 17) % 97 + 1 };
    qsort(es, (size_t)E, sizeof *es, by_weight);
    for (int i = 0; i < V; i++) { parent[i] = i; rnk[i] = 0; }
    int total = 0, used = 0;
    for (int i = 0; i < E && used < V - 1; i++) if (unite(es[i].u, es[i].v)) { total += es[i].w; used++; }
    printf("graph edges %d, MST edges %d weight %d\n", E, used, total);
    free(es);
    return used == V - 1 ? 0 : 1;
}
