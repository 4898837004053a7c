/* mem_heap_priority: a growable binary min-heap of (priority, sequence) records, heap sort by draining.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct { int prio; int seq; } rec;
typedef struct { rec *v; int n, cap; } heap;

static int less(rec a, rec b) { return a.prio < b.prio || (a.prio == b.prio && a.seq < b.seq); }
static void push(heap *h, rec r)
{
    if (h->n == h->cap) { h->cap = h->cap ? h->cap * 2 : 4; h->v = realloc(h->v, (size_t)h->cap * sizeof *h->v); }
    int i = h->n++;
    while (i && less(r, h->v[(i - 1) / 2])) { h->v[i] = h->v[(i - 1) / 2]; i = (i - 1) / 2; }
    h->v[i] = r;
}
static rec pop(heap *h)
{
    rec top = h->v[0], last = h->v[--h->n];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= h->n) break;
        if (c + 1 < h->n && less(h->v[c + 1], h->v[c])) c++;
        if (!less(h->v[c], last)) break;
        h->v[i] = h->v[c]; i = c;
    }
    if (h->n) h->v[i] = last;
    return top;
}

int main(void)
{
    heap h = { 0 };
    for (int i = 0; i < 5000; i++) push(&h, (rec){ (i * 7919) % 101, i });
    rec prev = { -1, -1 };
    int ok = 1;
    long long sig = 0;
    for (int i = 0; i < 2500; i++) { rec r = pop(&h); if (less(r, prev)) ok = 0; prev = r; sig = (sig * 131 + r.seq) % 1000000007; }
    for (int i = 0; i < 1000; i++) push(&h, (rec){ i % 37, 10000 + i });
    prev = (rec){ -1, -1 };
    int first[5], k = 0;
    while (h.n) { rec r = pop(&h); if (less(r, prev)) ok = 0; prev = r; if (k < 5) first[k++] = r.seq; sig = (sig * 131 + r.seq) % 1000000007; }
    printf("ordered %d signature %lld first %d %d %d %d %d cap %d\n", ok, sig, first[0], first[1], first[2], first[3], first[4], h.cap);
    free(h.v);
    return ok ? 0 : 1;
}
