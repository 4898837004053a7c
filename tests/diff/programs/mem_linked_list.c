/* mem_linked_list: singly linked list on malloc: push, append, reverse, sort by merge, delete, free.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct node { int v; struct node *next; } node;

static node *cons(int v, node *next) { node *n = malloc(sizeof *n); n->v = v; n->next = next; return n; }
static node *reverse(node *l) { node *r = NULL; while (l) { node *n = l->next; l->next = r; r = l; l = n; } return r; }
static node *merge(node *a, node *b)
{
    node head, *t = &head;
    while (a && b) { if (a->v <= b->v) { t->next = a; a = a->next; } else { t->next = b; b = b->next; } t = t->next; }
    t->next = a ? a : b;
    return head.next;
}
static node *msort(node *l)
{
    if (!l || !l->next) return l;
    node *slow = l, *fast = l->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    node *b = slow->next;
    slow->next = NULL;
    return merge(msort(l), msort(b));
}
static node *remove_if(node *l, int (*pred)(int))
{
    node **pp = &l;
    while (*pp) { if (pred((*pp)->v)) { node *d = *pp; *pp = d->next; free(d); } else pp = &(*pp)->next; }
    return l;
}
static int is_mult7(int v) { return v % 7 == 0; }
static void print(const char *tag, node *l, int max) { printf("%s:", tag); for (; l && max--; l = l->next) printf(" %d", l->v); printf("\n"); }

int main(void)
{
    node *l = NULL;
    unsigned s = 5;
    for (int i = 0; i < 3000; i++) { s = s * 1103515245u + 12345u; l = cons((int)(s >> 20) % 1000, l); }
    print("initial", l, 10);
    l = reverse(l);
    print("reversed", l, 10);
    l = msort(l);
    print("sorted", l, 10);
    l = remove_if(l, is_mult7);
    int n = 0; long sum = 0; int sorted = 1;
    for (node *p = l; p; p = p->next) { n++; sum += p->v; if (p->next && p->next->v < p->v) sorted = 0; }
    printf("count %d sum %ld sorted %d\n", n, sum, sorted);
    while (l) { node *nx = l->next; free(l); l = nx; }
    return sorted ? 0 : 1;
}
