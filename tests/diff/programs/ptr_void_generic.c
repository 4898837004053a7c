/* ptr_void_generic: a generic stack of void pointers and byte-wise generic swap/reverse.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

typedef struct { void *items[32]; int top; } stack;

static void push(stack *s, void *p) { s->items[s->top++] = p; }
static void *pop(stack *s) { return s->top ? s->items[--s->top] : NULL; }

static void gswap(void *a, void *b, size_t n)
{
    unsigned char *x = a, *y = b;
    while (n--) { unsigned char t = *x; *x++ = *y; *y++ = t; }
}

static void greverse(void *base, size_t n, size_t sz)
{
    char *b = base;
    for (size_t i = 0; i < n / 2; i++) gswap(b + i * sz, b + (n - 1 - i) * sz, sz);
}

int main(void)
{
    int ints[5] = { 1, 2, 3, 4, 5 };
    double dbls[4] = { 0.5, 1.5, 2.5, 3.5 };
    struct { char s[3]; } strs[3] = { { "ab" }, { "cd" }, { "ef" } };
    greverse(ints, 5, sizeof ints[0]);
    greverse(dbls, 4, sizeof dbls[0]);
    greverse(strs, 3, sizeof strs[0]);
    for (int i = 0; i < 5; i++) printf("%d ", ints[i]);
    for (int i = 0; i < 4; i++) printf("%.1f ", dbls[i]);
    for (int i = 0; i < 3; i++) printf("%s ", strs[i].s);
    printf("\n");
    stack st;
    memset(&st, 0, sizeof st);
    for (int i = 0; i < 5; i++) push(&st, &ints[i]);
    int sum = 0, *p;
    while ((p = pop(&st)) != NULL) sum = sum * 10 + *p;
    printf("popped %d\n", sum);
    return sum == 12345 ? 0 : 1;
}
