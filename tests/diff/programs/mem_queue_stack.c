/* mem_queue_stack: circular-buffer queue and dynamic stack, used for BFS on a grid and bracket matching.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int *v; int head, tail, cap, n; } queue;
static void q_push(queue *q, int x)
{
    if (q->n == q->cap) {
        int nc = q->cap ? q->cap * 2 : 8;
        int *nv = malloc((size_t)nc * sizeof *nv);
        for (int i = 0; i < q->n; i++) nv[i] = q->v[(q->head + i) % q->cap];
        free(q->v); q->v = nv; q->head = 0; q->tail = q->n; q->cap = nc;
    }
    q->v[q->tail] = x; q->tail = (q->tail + 1) % q->cap; q->n++;
}
static int q_pop(queue *q) { int x = q->v[q->head]; q->head = (q->head + 1) % q->cap; q->n--; return x; }

static int balanced(const char *s)
{
    char *st = malloc(strlen(s) + 1);
    int top = 0, ok = 1;
    for (; *s && ok; s++) {
        if (strchr("([{<", *s)) st[top++] = *s;
        else if (strchr(")]}>", *s)) {
            char open = *s == ')' ? '(' : *s == ']' ? '[' : *s == '}' ? '{' : '<';
            ok = top > 0 && st[--top] == open;
        }
    }
    ok = ok && top == 0;
    free(st);
    return ok;
}

#define W 30
#define H 15
int main(void)
{
    char g[H][W];
    for (int r = 0; r < H; r++) for (int c = 0; c < W; c++) g[r][c] = ((r * 7 + c * 3) % 11 == 0 && !(r == 0 && c == 0)) ? '#' : '.';
    int dist[H][W];
    memset(dist, -1, sizeof dist);
    queue q = { 0 };
    dist[0][0] = 0;
    q_push(&q, 0);
    int maxd = 0, reached = 0, maxq = 0;
    while (q.n) {
        if (q.n > maxq) maxq = q.n;
        int cell = q_pop(&q), r = cell / W, c = cell % W;
        reached++;
        if (dist[r][c] > maxd) maxd = dist[r][c];
        static const int dr[] = { 1, -1, 0, 0 }, dc[] = { 0, 0, 1, -1 };
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr >= 0 && nr < H && nc >= 0 && nc < W && g[nr][nc] == '.' && dist[nr][nc] < 0) { dist[nr][nc] = dist[r][c] + 1; q_push(&q, nr * W + nc); }
        }
    }
    printf("reached %d, farthest %d, corner %d, max queue %d\n", reached, maxd, dist[H - 1][W - 1], maxq);
    free(q.v);
    const char *tests[] = { "([]{<>})", "((())", "{[(])}", "", "a(b)c[d]{e<f>}", ">" };
    for (int i = 0; i < 6; i++) printf("%-16s %s\n", tests[i], balanced(tests[i]) ? "balanced" : "unbalanced");
    return 0;
}
