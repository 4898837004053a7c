/* alg_sudoku: backtracking Sudoku solver with candidate bit masks.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int g[81];
static unsigned row[9], col[9], box[9];
static long tries;

static int solve(int pos)
{
    while (pos < 81 && g[pos]) pos++;
    if (pos == 81) return 1;
    int r = pos / 9, c = pos % 9, b = r / 3 * 3 + c / 3;
    unsigned used = row[r] | col[c] | box[b];
    for (int v = 1; v <= 9; v++) {
        unsigned bit = 1u << v;
        if (used & bit) continue;
        tries++;
        g[pos] = v; row[r] |= bit; col[c] |= bit; box[b] |= bit;
        if (solve(pos + 1)) return 1;
        g[pos] = 0; row[r] &= ~bit; col[c] &= ~bit; box[b] &= ~bit;
    }
    return 0;
}

int main(void)
{
    const char *puzzle = "530070000600195000098000060800060003400803001700020006060000280000419005000080079";
    for (int i = 0; i < 81; i++) {
        g[i] = puzzle[i] - '0';
        if (g[i]) { unsigned bit = 1u << g[i]; row[i / 9] |= bit; col[i % 9] |= bit; box[i / 27 * 3 + i % 9 / 3] |= bit; }
    }
    int ok = solve(0);
    for (int r = 0; r < 9; r++) {
        for (int c = 0; c < 9; c++) printf("%d%s", g[r * 9 + c], c == 2 || c == 5 ? " | " : c == 8 ? "" : " ");
        printf("\n");
        if (r == 2 || r == 5) printf("------+-------+------\n");
    }
    int sum = 0;
    for (int i = 0; i < 81; i++) sum += g[i];
    printf("solved %d tries %ld sum %d\n", ok, tries, sum);
    return ok && sum == 405 ? 0 : 1;
}
