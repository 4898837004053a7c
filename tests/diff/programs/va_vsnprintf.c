/* va_vsnprintf: forwarding va_list to vsnprintf/vprintf/vfprintf, building log lines.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static char logbuf[512];
static size_t logpos;

static int logf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(logbuf + logpos, sizeof logbuf - logpos, fmt, ap);
    va_end(ap);
    if (n > 0) logpos += (size_t)n < sizeof logbuf - logpos ? (size_t)n : sizeof logbuf - logpos - 1;
    return n;
}

static void say(const char *prefix, const char *fmt, ...)
{
    va_list ap;
    printf("%s: ", prefix);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static int measure(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    return n;
}

int main(void)
{
    for (int i = 0; i < 6; i++) logf_("[%d:%s:%.2f]", i, i % 2 ? "odd" : "even", i / 3.0);
    printf("%s (%u chars)\n", logbuf, (unsigned)strlen(logbuf));
    say("info", "%s has %d items costing %.2f", "cart", 3, 19.99);
    say("warn", "%5s|%-5s|%05d|%x", "ab", "cd", 42, 255u);
    printf("measure %d %d\n", measure("%d-%d", 12345, -6789), measure("%s%s%s", "a", "bb", "ccc"));
    char small[8];
    const char *volatile src = "truncate-me";
    int n = snprintf(small, sizeof small, "%s", src);
    printf("snprintf returned %d, kept \"%s\"\n", n, small);
    return 0;
}
