/* mem_hash_table: chained hash table with string keys, resizing, lookup and removal.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry { char *key; int value; struct entry *next; } entry;
typedef struct { entry **b; unsigned nb, n; } table;

static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33u ^ (unsigned char)*s++; return h; }

static void grow(table *t)
{
    unsigned nb = t->nb * 2;
    entry **b = calloc(nb, sizeof *b);
    for (unsigned i = 0; i < t->nb; i++)
        for (entry *e = t->b[i], *nx; e; e = nx) { nx = e->next; unsigned k = hash(e->key) % nb; e->next = b[k]; b[k] = e; }
    free(t->b);
    t->b = b; t->nb = nb;
}

static void put(table *t, const char *k, int v)
{
    unsigned i = hash(k) % t->nb;
    for (entry *e = t->b[i]; e; e = e->next) if (!strcmp(e->key, k)) { e->value = v; return; }
    entry *e = malloc(sizeof *e);
    e->key = strdup(k); e->value = v; e->next = t->b[i]; t->b[i] = e;
    if (++t->n > t->nb * 2) grow(t);
}

static int *get(table *t, const char *k)
{
    for (entry *e = t->b[hash(k) % t->nb]; e; e = e->next) if (!strcmp(e->key, k)) return &e->value;
    return NULL;
}

static int removek(table *t, const char *k)
{
    for (entry **pp = &t->b[hash(k) % t->nb]; *pp; pp = &(*pp)->next)
        if (!strcmp((*pp)->key, k)) { entry *d = *pp; *pp = d->next; free(d->key); free(d); t->n--; return 1; }
    return 0;
}

int main(void)
{
    table t = { calloc(4, sizeof(entry *)), 4, 0 };
    char key[16];
    for (int i = 0; i < 2000; i++) { snprintf(key, sizeof key, "key%d", i * 7 % 2000); put(&t, key, i); }
    printf("entries %u buckets %u\n", t.n, t.nb);
    long sum = 0;
    for (int i = 0; i < 2000; i += 13) { snprintf(key, sizeof key, "key%d", i); int *v = get(&t, key); sum += v ? *v : -1; }
    printf("lookup sum %ld\n", sum);
    int removed = 0;
    for (int i = 0; i < 2000; i += 2) { snprintf(key, sizeof key, "key%d", i); removed += removek(&t, key); }
    printf("removed %d remaining %u, key4 %s, key5 %d\n", removed, t.n, get(&t, "key4") ? "present" : "absent", *get(&t, "key5"));
    unsigned longest = 0;
    for (unsigned i = 0; i < t.nb; i++) { unsigned len = 0; for (entry *e = t.b[i]; e; e = e->next) len++; if (len > longest) longest = len; }
    printf("longest chain %u\n", longest);
    for (unsigned i = 0; i < t.nb; i++) for (entry *e = t.b[i], *nx; e; e = nx) { nx = e->next; free(e->key); free(e); }
    free(t.b);
    return removed == 1000 ? 0 : 1;
}
