/* mem_bst: binary search tree on malloc with insert, lookup, delete (all three cases), traversal.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct t { int key; int count; struct t *l, *r; } t;

static t *insert(t *n, int k)
{
    if (!n) { n = calloc(1, sizeof *n); n->key = k; n->count = 1; return n; }
    if (k < n->key) n->l = insert(n->l, k);
    else if (k > n->key) n->r = insert(n->r, k);
    else n->count++;
    return n;
}
static t *del(t *n, int k)
{
    if (!n) return NULL;
    if (k < n->key) n->l = del(n->l, k);
    else if (k > n->key) n->r = del(n->r, k);
    else {
        if (!n->l || !n->r) { t *c = n->l ? n->l : n->r; free(n); return c; }
        t *m = n->r;
        while (m->l) m = m->l;
        n->key = m->key; n->count = m->count;
        n->r = del(n->r, m->key);
    }
    return n;
}
static int height(t *n) { if (!n) return 0; int a = height(n->l), b = height(n->r); return 1 + (a > b ? a : b); }
static int size(t *n) { return n ? 1 + size(n->l) + size(n->r) : 0; }
static void walk(t *n, long long *acc, int *prev, int *ok) { if (!n) return; walk(n->l, acc, prev, ok); if (n->key <= *prev) *ok = 0; *prev = n->key; *acc = *acc * 31 % 1000000007 + n->key * n->count; walk(n->r, acc, prev, ok); }
static void destroy(t *n) { if (n) { destroy(n->l); destroy(n->r); free(n); } }

int main(void)
{
    t *root = NULL;
    unsigned s = 42;
    for (int i = 0; i < 4000; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; root = insert(root, (int)(s % 5000)); }
    printf("size %d height %d\n", size(root), height(root));
    for (int k = 0; k < 5000; k += 3) root = del(root, k);
    long long acc = 0; int prev = -1, ok = 1;
    walk(root, &acc, &prev, &ok);
    printf("after deletes size %d height %d acc %lld ordered %d\n", size(root), height(root), acc, ok);
    destroy(root);
    return ok ? 0 : 1;
}
