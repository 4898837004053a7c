/* int_digits: decimal/hex/octal/binary conversion by hand, digit sums, palindromic numbers.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static int to_base(unsigned v, unsigned base, char *out)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    char tmp[40];
    int n = 0;
    do { tmp[n++] = digits[v % base]; v /= base; } while (v);
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = 0;
    return n;
}

static unsigned reverse_dec(unsigned v)
{
    unsigned r = 0;
    while (v) { r = r * 10 + v % 10; v /= 10; }
    return r;
}

int main(void)
{
    char buf[40], ref[40];
    int bad = 0;
    static const unsigned samples[] = { 0, 1, 9, 10, 255, 256, 1000, 65535, 123456789, 4294967295u };
    for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        unsigned v = samples[i];
        to_base(v, 10, buf); snprintf(ref, sizeof ref, "%u", v); if (strcmp(buf, ref)) bad++;
        to_base(v, 16, buf); snprintf(ref, sizeof ref, "%x", v); if (strcmp(buf, ref)) bad++;
        to_base(v, 8, buf); snprintf(ref, sizeof ref, "%o", v); if (strcmp(buf, ref)) bad++;
        to_base(v, 2, buf);
        printf("%u = 0b%s", v, buf);
        to_base(v, 36, buf);
        printf(" = %s (base 36)\n", buf);
    }
    unsigned pal = 0, dsum = 0;
    for (unsigned v = 1; v < 100000; v++) {
        if (reverse_dec(v) == v) pal++;
        unsigned t = v;
        while (t) { dsum += t % 10; t /= 10; }
    }
    printf("palindromes below 100000: %u, digit sum %u, bad %d\n", pal, dsum, bad);
    return bad;
}
