/* alg_edit_distance: Levenshtein distance and longest common subsequence by dynamic programming.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static int lev(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    int row[64];
    for (int j = 0; j <= lb; j++) row[j] = j;
    for (int i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static int lcs(const char *a, const char *b, char *out)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    static int t[64][64];
    for (int i = la; i >= 0; i--)
        for (int j = lb; j >= 0; j--)
            t[i][j] = (i == la || j == lb) ? 0 : a[i] == b[j] ? 1 + t[i + 1][j + 1] : (t[i + 1][j] > t[i][j + 1] ? t[i + 1][j] : t[i][j + 1]);
    int i = 0, j = 0, k = 0;
    while (i < la && j < lb) {
        if (a[i] == b[j]) { out[k++] = a[i]; i++; j++; }
        else if (t[i + 1][j] >= t[i][j + 1]) i++;
        else j++;
    }
    out[k] = 0;
    return t[0][0];
}

int main(void)
{
    static const char *pairs[][2] = { { "kitten", "sitting" }, { "flaw", "lawn" }, { "", "abc" }, { "intention", "execution" },
                                      { "AGGTAB", "GXTXAYB" }, { "virtually indexed", "physically tagged" } };
    int total = 0;
    for (int i = 0; i < 6; i++) {
        char common[64];
        int d = lev(pairs[i][0], pairs[i][1]);
        int l = lcs(pairs[i][0], pairs[i][1], common);
        printf("%-18s %-18s lev %2d lcs %2d \"%s\"\n", pairs[i][0], pairs[i][1], d, l, common);
        total += d;
    }
    return total == 3 + 2 + 3 + 5 + 4 + lev("virtually indexed", "physically tagged") ? 0 : 1;
}
