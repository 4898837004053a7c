/* struct_linked_ptrs: self-referential structures in a static pool, pointer chasing, offsetof.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stddef.h>

struct node { int key; struct node *next, *prev; char tag; };

static struct node pool[64];

int main(void)
{
    for (int i = 0; i < 64; i++) {
        pool[i].key = (i * 37) % 64;
        pool[i].next = &pool[(i + 1) % 64];
        pool[i].prev = &pool[(i + 63) % 64];
        pool[i].tag = (char)('a' + i % 26);
    }
    /* unlink every third node */
    for (int i = 0; i < 64; i += 3) {
        pool[i].prev->next = pool[i].next;
        pool[i].next->prev = pool[i].prev;
    }
    struct node *p = &pool[1];
    int count = 0, sum = 0;
    do { sum += p->key; count++; p = p->next; } while (p != &pool[1]);
    printf("remaining %d key sum %d\n", count, sum);
    p = &pool[1];
    for (int i = 0; i < 10; i++) { printf("%c", p->tag); p = p->prev; }
    printf("\n");
    printf("offsets key %u next %u prev %u tag %u size %u\n", (unsigned)offsetof(struct node, key),
           (unsigned)offsetof(struct node, next), (unsigned)offsetof(struct node, prev),
           (unsigned)offsetof(struct node, tag), (unsigned)sizeof(struct node));
    struct node *q = &pool[10];
    printf("index via pointer difference %d\n", (int)(q->next->next - pool));
    return count == 42 ? 0 : 1;
}
