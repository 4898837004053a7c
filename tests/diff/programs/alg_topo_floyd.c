/* alg_topo_floyd: topological sort (Kahn) of a dependency graph and Floyd-Warshall all-pairs shortest paths.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static const char *tasks[] = { "fetch", "configure", "compile", "link", "test", "package", "docs", "install", "sign", "release" };
static const int deps[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 }, { 3, 5 }, { 1, 6 }, { 5, 7 }, { 4, 7 }, { 5, 8 }, { 8, 9 }, { 6, 9 }, { 7, 9 } };

int main(void)
{
    int n = 10, m = (int)(sizeof deps / sizeof deps[0]), indeg[10] = { 0 }, order[10], head = 0, tail = 0;
    for (int i = 0; i < m; i++) indeg[deps[i][1]]++;
    for (int i = 0; i < n; i++) if (!indeg[i]) order[tail++] = i;
    while (head < tail) {
        int u = order[head++];
        for (int i = 0; i < m; i++) if (deps[i][0] == u && --indeg[deps[i][1]] == 0) order[tail++] = deps[i][1];
    }
    printf("order:");
    for (int i = 0; i < tail; i++) printf(" %s", tasks[order[i]]);
    printf(" (%d of %d)\n", tail, n);
    enum { V = 12, INF = 1000000 };
    int d[V][V];
    for (int i = 0; i < V; i++) for (int j = 0; j < V; j++) d[i][j] = i == j ? 0 : INF;
    for (int i = 0; i < V; i++) { d[i][(i + 1) % V] = 3 + i % 4; d[i][(i + 5) % V] = 11 + i % 3; d[(i + 7) % V][i] = 8; }
    for (int k = 0; k < V; k++) for (int i = 0; i < V; i++) for (int j = 0; j < V; j++) if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
    long sum = 0; int diam = 0;
    for (int i = 0; i < V; i++) { for (int j = 0; j < V; j++) { sum += d[i][j]; if (d[i][j] > diam) diam = d[i][j]; } }
    for (int j = 0; j < V; j++) printf("%3d", d[0][j]);
    printf("\nsum %ld diameter %d\n", sum, diam);
    return tail == n ? 0 : 1;
}
