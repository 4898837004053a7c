/* str_builder: a growable string buffer with realloc, appending formatted pieces, escaping.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>

typedef struct { char *s; size_t len, cap; } sb;

static void sb_reserve(sb *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 16;
    while (cap < b->len + extra + 1) cap *= 2;
    b->s = realloc(b->s, cap);
    b->cap = cap;
}

static void sb_printf(sb *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sb_reserve(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
}

static void sb_escape(sb *b, const char *s)
{
    sb_printf(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') sb_printf(b, "\\%c", *s);
        else if (*s == '\n') sb_printf(b, "\\n");
        else if ((unsigned char)*s < 0x20) sb_printf(b, "\\u%04x", (unsigned char)*s);
        else sb_printf(b, "%c", *s);
    }
    sb_printf(b, "\"");
}

int main(void)
{
    sb b = { 0 };
    sb_printf(&b, "{");
    for (int i = 0; i < 30; i++) sb_printf(&b, "%s\"k%d\": %d", i ? ", " : "", i, i * i * i);
    sb_printf(&b, ", \"text\": ");
    sb_escape(&b, "quote \" backslash \\ newline \n tab \t end");
    sb_printf(&b, "}");
    printf("%s\n", b.s);
    printf("len %u cap %u\n", (unsigned)b.len, (unsigned)b.cap);
    int ok = strlen(b.s) == b.len;
    free(b.s);
    return ok ? 0 : 1;
}
