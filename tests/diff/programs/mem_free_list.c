/* mem_free_list: a fixed-size object pool with its own free list, many alloc/free cycles checked.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef union obj { union obj *next; struct { int id; char name[12]; } live; } obj;

static obj *slab, *free_list;
static int allocated;

static void pool_init(int n)
{
    slab = malloc((size_t)n * sizeof *slab);
    for (int i = 0; i < n; i++) slab[i].next = i + 1 < n ? &slab[i + 1] : NULL;
    free_list = slab;
}
static obj *pool_get(void) { obj *o = free_list; if (o) { free_list = o->next; allocated++; } return o; }
static void pool_put(obj *o) { o->next = free_list; free_list = o; allocated--; }

int main(void)
{
    pool_init(64);
    obj *live[64] = { 0 };
    unsigned s = 3, fails = 0, ops = 0;
    long check = 0;
    for (int round = 0; round < 20000; round++) {
        s = s * 69069u + 1u;
        int slot = (int)(s >> 26);
        if (live[slot]) {
            check += live[slot]->live.id * (int)strlen(live[slot]->live.name);
            pool_put(live[slot]);
            live[slot] = NULL;
        } else {
            obj *o = pool_get();
            if (!o) { fails++; continue; }
            o->live.id = round;
            snprintf(o->live.name, sizeof o->live.name, "obj%d", round % 1000);
            live[slot] = o;
        }
        ops++;
    }
    int count = 0;
    for (obj *o = free_list; o; o = o->next) count++;
    printf("ops %u fails %u allocated %d free %d check %ld\n", ops, fails, allocated, count, check);
    free(slab);
    return allocated + count == 64 ? 0 : 1;
}
