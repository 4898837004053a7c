/* mem_string_intern: interning strings in an arena allocator, pointer equality of interned strings.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct block { struct block *next; size_t used; char data[1024]; } block;
static block *arena;
static size_t blocks;

static void *arena_alloc(size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (!arena || arena->used + n > sizeof arena->data) {
        block *b = malloc(sizeof *b);
        b->next = arena; b->used = 0; arena = b; blocks++;
    }
    void *p = arena->data + arena->used;
    arena->used += n;
    return p;
}

static const char *pool[512];
static int npool;

static const char *intern(const char *s)
{
    for (int i = 0; i < npool; i++) if (!strcmp(pool[i], s)) return pool[i];
    char *c = arena_alloc(strlen(s) + 1);
    strcpy(c, s);
    return pool[npool++] = c;
}

int main(void)
{
    static const char *syll[] = { "ka", "ri", "to", "ne", "mu", "sa", "lo", "pe" };
    const char *seen[2000];
    for (int i = 0; i < 2000; i++) {
        char w[16];
        unsigned x = (unsigned)i * 2654435761u;
        snprintf(w, sizeof w, "%s%s%s", syll[x >> 29], syll[(x >> 26) & 7], syll[(x >> 5) % 3]);
        seen[i] = intern(w);
    }
    int same = 0;
    for (int i = 1; i < 2000; i++) same += seen[i] == seen[i - 1];
    printf("distinct %d blocks %u adjacent-equal %d\n", npool, (unsigned)blocks, same);
    printf("first %s %s %s, intern(\"kakaka\")==intern: %d\n", seen[0], seen[1], seen[2], intern("kakaka") == intern("kakaka"));
    while (arena) { block *n = arena->next; free(arena); arena = n; }
    return 0;
}
