/* ctl_switch_dense: dense switch statements compiled to jump tables (blr/bv), with default and fallthrough.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int classify(int v)
{
    switch (v) {
    case 0: return 100;
    case 1: return 101;
    case 2: return 104;
    case 3: return 109;
    case 4: return 116;
    case 5: return 125;
    case 6: return 136;
    case 7: return 149;
    case 8: return 164;
    case 9: return 181;
    case 10: return 200;
    case 11: return 221;
    default: return -1;
    }
}

static int fall(int v)
{
    int r = 0;
    switch (v & 7) {
    case 7: r += 64; /* fall through */
    case 6: r += 32; /* fall through */
    case 5: r += 16; /* fall through */
    case 4: r += 8; /* fall through */
    case 3: r += 4; /* fall through */
    case 2: r += 2; /* fall through */
    case 1: r += 1; break;
    case 0: r = -1; break;
    }
    return r;
}

static const char *name(char c)
{
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return "vowel";
    case 'y': return "sometimes";
    case ' ': return "space";
    default: return c >= 'a' && c <= 'z' ? "consonant" : "other";
    }
}

int main(void)
{
    long sum = 0;
    for (int i = -3; i < 15; i++) { printf("%d:%d ", i, classify(i)); sum += classify(i); }
    printf("\nsum %ld\n", sum);
    for (int i = 0; i < 8; i++) printf("fall(%d)=%d\n", i, fall(i));
    const char *text = "you see a quiet lynx";
    int counts[5] = { 0 };
    for (const char *p = text; *p; p++) {
        const char *n = name(*p);
        counts[n[0] == 'v' ? 0 : n[0] == 's' && n[1] == 'o' ? 1 : n[0] == 's' ? 2 : n[0] == 'c' ? 3 : 4]++;
    }
    printf("vowel %d sometimes %d space %d consonant %d other %d\n", counts[0], counts[1], counts[2], counts[3], counts[4]);
    return 0;
}
