/* struct_compare_copy: whole-structure assignment, memcmp of zero-initialised structures, swap.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

typedef struct { int id; char code[6]; unsigned long long stamp; } item;

static void swap(item *a, item *b) { item t = *a; *a = *b; *b = t; }
static int equal(const item *a, const item *b) { return a->id == b->id && !strcmp(a->code, b->code) && a->stamp == b->stamp; }

int main(void)
{
    item a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    printf("zero equal: %d memcmp %d\n", equal(&a, &b), memcmp(&a, &b, sizeof a) == 0);
    a.id = 7; strcpy(a.code, "ALPHA"); a.stamp = 0x1122334455667788ULL;
    b = a;
    printf("after copy: %d\n", equal(&a, &b));
    b.code[0] = 'a';
    printf("after change: %d\n", equal(&a, &b));
    item list[10];
    for (int i = 0; i < 10; i++) { list[i].id = 10 - i; snprintf(list[i].code, sizeof list[i].code, "c%03d", i * 7); list[i].stamp = (unsigned long long)i << 33; }
    for (int i = 0; i < 10; i++)
        for (int j = 0; j + 1 < 10 - i; j++)
            if (list[j].id > list[j + 1].id) swap(&list[j], &list[j + 1]);
    for (int i = 0; i < 10; i++) printf("%d:%s:%llx ", list[i].id, list[i].code, list[i].stamp);
    printf("\n");
    return 0;
}
