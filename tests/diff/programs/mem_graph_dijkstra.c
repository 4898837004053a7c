/* mem_graph_dijkstra: adjacency lists on malloc, Dijkstra with a binary heap, path reconstruction.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct edge { int to, w; struct edge *next; } edge;
typedef struct { int d, v; } item;

static item *heap; static int hn;
static void hpush(item x) { int i = hn++; heap[i] = x; while (i && heap[(i - 1) / 2].d > heap[i].d) { item t = heap[i]; heap[i] = heap[(i - 1) / 2]; heap[(i - 1) / 2] = t; i = (i - 1) / 2; } }
static item hpop(void)
{
    item top = heap[0]; heap[0] = heap[--hn];
    int i = 0;
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < hn && heap[l].d < heap[m].d) m = l;
        if (r < hn && heap[r].d < heap[m].d) m = r;
        if (m == i) break;
        item t = heap[i]; heap[i] = heap[m]; heap[m] = t; i = m;
    }
    return top;
}

#define NV 300
int main(void)
{
    edge *adj[NV] = { 0 };
    int ne = 0;
    unsigned s = 11;
    for (int u = 0; u < NV; u++)
        for (int k = 0; k < 4; k++) {
            s = s * 1664525u + 1013904223u;
            int v = (int)(s >> 8) % NV, w = (int)(s >> 24) % 50 + 1;
            if (v == u) continue;
            edge *e = malloc(sizeof *e); e->to = v; e->w = w; e->next = adj[u]; adj[u] = e;
            ne++;
        }
    int dist[NV], prev[NV];
    for (int i = 0; i < NV; i++) { dist[i] = 1 << 30; prev[i] = -1; }
    heap = malloc(sizeof(item) * (size_t)(ne + 1));
    dist[0] = 0;
    hpush((item){ 0, 0 });
    while (hn) {
        item it = hpop();
        if (it.d > dist[it.v]) continue;
        for (edge *e = adj[it.v]; e; e = e->next)
            if (it.d + e->w < dist[e->to]) { dist[e->to] = it.d + e->w; prev[e->to] = it.v; hpush((item){ dist[e->to], e->to }); }
    }
    int reach = 0, far = 0, farv = 0;
    long total = 0;
    for (int i = 0; i < NV; i++) if (dist[i] < (1 << 30)) { reach++; total += dist[i]; if (dist[i] > far) { far = dist[i]; farv = i; } }
    printf("edges %d reachable %d total %ld farthest %d at %d\npath:", ne, reach, total, far, farv);
    int path[NV], pl = 0;
    for (int v = farv; v >= 0; v = prev[v]) path[pl++] = v;
    while (pl) printf(" %d", path[--pl]);
    printf("\n");
    for (int u = 0; u < NV; u++) while (adj[u]) { edge *n = adj[u]->next; free(adj[u]); adj[u] = n; }
    free(heap);
    return 0;
}
