/* rec_nqueens: N-queens by backtracking with bit masks, for N = 1..10.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int solve(int n, int row, unsigned cols, unsigned d1, unsigned d2)
{
    if (row == n) return 1;
    int count = 0;
    unsigned avail = ~(cols | d1 | d2) & ((1u << n) - 1);
    while (avail) {
        unsigned bit = avail & -avail;
        avail ^= bit;
        count += solve(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
    }
    return count;
}

static int board[12];
static int first_solution(int n, int row)
{
    if (row == n) return 1;
    for (int c = 0; c < n; c++) {
        int ok = 1;
        for (int r = 0; r < row; r++)
            if (board[r] == c || board[r] - c == row - r || c - board[r] == row - r) { ok = 0; break; }
        if (ok) { board[row] = c; if (first_solution(n, row + 1)) return 1; }
    }
    return 0;
}

int main(void)
{
    for (int n = 1; n <= 10; n++) printf("queens(%d) = %d\n", n, solve(n, 0, 0, 0, 0));
    first_solution(8, 0);
    for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) putchar(board[r] == c ? 'Q' : '.');
        putchar('\n');
    }
    return solve(8, 0, 0, 0, 0) == 92 ? 0 : 1;
}
