/* str_case_ctype: ctype classification table over all 256 byte values, toupper/tolower.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <ctype.h>

int main(void)
{
    int counts[11] = { 0 };
    unsigned h = 0;
    for (int c = 0; c < 256; c++) {
        int f = (isalpha(c) != 0) | (isdigit(c) != 0) << 1 | (isspace(c) != 0) << 2 | (ispunct(c) != 0) << 3 |
                (isupper(c) != 0) << 4 | (islower(c) != 0) << 5 | (isxdigit(c) != 0) << 6 | (iscntrl(c) != 0) << 7 |
                (isprint(c) != 0) << 8 | (isgraph(c) != 0) << 9 | (isalnum(c) != 0) << 10;
        for (int b = 0; b < 11; b++) counts[b] += (f >> b) & 1;
        h = h * 33u + (unsigned)f + (unsigned)toupper(c) * 7u + (unsigned)tolower(c);
    }
    const char *names[11] = { "alpha", "digit", "space", "punct", "upper", "lower", "xdigit", "cntrl", "print", "graph", "alnum" };
    for (int b = 0; b < 11; b++) printf("%s=%d ", names[b], counts[b]);
    printf("\nhash %08x\n", h);
    char s[] = "Mixed CASE text, with 123 Digits!";
    for (char *p = s; *p; p++) *p = (char)(isupper((unsigned char)*p) ? tolower((unsigned char)*p) : toupper((unsigned char)*p));
    printf("%s\n", s);
    return counts[0] == 52 ? 0 : 1;
}
