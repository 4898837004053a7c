/* alg_string_search: KMP, Boyer-Moore-Horspool and Rabin-Karp agree with a naive search.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static int naive(const char *t, const char *p, int *pos)
{
    int n = (int)strlen(t), m = (int)strlen(p), c = 0;
    for (int i = 0; i + m <= n; i++) if (!memcmp(t + i, p, (size_t)m)) pos[c++] = i;
    return c;
}
static int kmp(const char *t, const char *p, int *pos)
{
    int n = (int)strlen(t), m = (int)strlen(p), f[64], c = 0;
    f[0] = 0;
    for (int i = 1, k = 0; i < m; i++) { while (k && p[i] != p[k]) k = f[k - 1]; if (p[i] == p[k]) k++; f[i] = k; }
    for (int i = 0, k = 0; i < n; i++) {
        while (k && t[i] != p[k]) k = f[k - 1];
        if (t[i] == p[k]) k++;
        if (k == m) { pos[c++] = i - m + 1; k = f[k - 1]; }
    }
    return c;
}
static int horspool(const char *t, const char *p, int *pos)
{
    int n = (int)strlen(t), m = (int)strlen(p), shift[256], c = 0;
    for (int i = 0; i < 256; i++) shift[i] = m;
    for (int i = 0; i < m - 1; i++) shift[(unsigned char)p[i]] = m - 1 - i;
    for (int i = 0; i + m <= n; i += shift[(unsigned char)t[i + m - 1]])
        if (!memcmp(t + i, p, (size_t)m)) pos[c++] = i;
    return c;
}
static int rabin_karp(const char *t, const char *p, int *pos)
{
    int n = (int)strlen(t), m = (int)strlen(p), c = 0;
    const unsigned B = 257, M = 1000000007u;
    unsigned hp = 0, ht = 0, pw = 1;
    for (int i = 0; i < m; i++) { hp = (unsigned)(((unsigned long long)hp * B + (unsigned char)p[i]) % M); ht = (unsigned)(((unsigned long long)ht * B + (unsigned char)t[i]) % M); if (i) pw = (unsigned)((unsigned long long)pw * B % M); }
    for (int i = 0; i + m <= n; i++) {
        if (hp == ht && !memcmp(t + i, p, (size_t)m)) pos[c++] = i;
        if (i + m < n) {
            ht = (unsigned)((ht + M - (unsigned long long)(unsigned char)t[i] * pw % M) % M);
            ht = (unsigned)(((unsigned long long)ht * B + (unsigned char)t[i + m]) % M);
        }
    }
    return c;
}

int main(void)
{
    char text[4096];
    unsigned s = 9;
    for (int i = 0; i < 4095; i++) { s = s * 1103515245u + 12345u; text[i] = "abcab"[(s >> 16) % 5]; }
    text[4095] = 0;
    static const char *pats[] = { "abc", "aaaa", "abcab", "bbbbbb", "cabcabca", "z", "a" };
    int bad = 0;
    for (int k = 0; k < 7; k++) {
        static int p1[4096], p2[4096], p3[4096], p4[4096];
        int c1 = naive(text, pats[k], p1), c2 = kmp(text, pats[k], p2), c3 = horspool(text, pats[k], p3), c4 = rabin_karp(text, pats[k], p4);
        int same = c1 == c2 && c1 == c3 && c1 == c4 && !memcmp(p1, p2, sizeof(int) * (size_t)c1) && !memcmp(p1, p3, sizeof(int) * (size_t)c1) && !memcmp(p1, p4, sizeof(int) * (size_t)c1);
        bad += !same;
        printf("%-9s %4d matches, first %d, agree %d\n", pats[k], c1, c1 ? p1[0] : -1, same);
    }
    return bad;
}
