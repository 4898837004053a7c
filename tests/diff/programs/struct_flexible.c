/* struct_flexible: structures with flexible array members allocated with malloc.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { unsigned len; unsigned cap; int data[]; } ivec;
typedef struct { unsigned short len; char text[]; } pstr;

static ivec *ivec_push(ivec *v, int x)
{
    if (v->len == v->cap) {
        unsigned cap = v->cap ? v->cap * 2 : 4;
        v = realloc(v, sizeof *v + cap * sizeof v->data[0]);
        v->cap = cap;
    }
    v->data[v->len++] = x;
    return v;
}

static pstr *pstr_new(const char *s)
{
    size_t n = strlen(s);
    pstr *p = malloc(sizeof *p + n + 1);
    p->len = (unsigned short)n;
    memcpy(p->text, s, n + 1);
    return p;
}

int main(void)
{
    ivec *v = calloc(1, sizeof *v);
    for (int i = 0; i < 1000; i++) v = ivec_push(v, i * i % 977);
    long sum = 0;
    for (unsigned i = 0; i < v->len; i++) sum += v->data[i];
    printf("len %u cap %u sum %ld last %d\n", v->len, v->cap, sum, v->data[v->len - 1]);
    free(v);
    const char *words[] = { "flexible", "array", "member", "" };
    for (int i = 0; i < 4; i++) {
        pstr *p = pstr_new(words[i]);
        printf("[%u:%s]", p->len, p->text);
        free(p);
    }
    printf("\n");
    return 0;
}
