/* va_my_printf: a small printf implementation over putchar (%d %u %x %s %c %%), checked against snprintf.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static char out[1024];
static int outn;

static void emit(char c) { if (outn < (int)sizeof out - 1) out[outn++] = c; }

static void emit_num(unsigned v, unsigned base, int neg, int width, char pad)
{
    char tmp[16];
    int n = 0;
    do { tmp[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    if (neg) { if (pad == '0') { emit('-'); neg = 0; } width--; }
    for (int i = n; i < width; i++) emit(pad);
    if (neg) emit('-');
    while (n) emit(tmp[--n]);
}

static void mini_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') { emit(*p); continue; }
        p++;
        char pad = ' ';
        int width = 0;
        if (*p == '0') { pad = '0'; p++; }
        while (*p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
        switch (*p) {
        case 'd': { int v = va_arg(ap, int); emit_num(v < 0 ? 0u - (unsigned)v : (unsigned)v, 10, v < 0, width, pad); break; }
        case 'u': emit_num(va_arg(ap, unsigned), 10, 0, width, pad); break;
        case 'x': emit_num(va_arg(ap, unsigned), 16, 0, width, pad); break;
        case 's': { const char *s = va_arg(ap, const char *); int l = (int)strlen(s); for (int i = l; i < width; i++) emit(' '); while (*s) emit(*s++); break; }
        case 'c': emit((char)va_arg(ap, int)); break;
        case '%': emit('%'); break;
        default: emit('?'); break;
        }
    }
    va_end(ap);
    out[outn] = 0;
}

int main(void)
{
    char ref[1024];
    mini_printf("%d|%5d|%05d|%u|%x|%08x|%s|%8s|%c|%%|%d", 0, -42, -42, 4000000000u, 0xbeefu, 0x1234u, "str", "pad", 'q', -2147483647 - 1);
    snprintf(ref, sizeof ref, "%d|%5d|%05d|%u|%x|%08x|%s|%8s|%c|%%|%d", 0, -42, -42, 4000000000u, 0xbeefu, 0x1234u, "str", "pad", 'q', -2147483647 - 1);
    printf("mine: %s\nlibc: %s\nsame: %d\n", out, ref, strcmp(out, ref) == 0);
    return strcmp(out, ref) == 0 ? 0 : 1;
}
