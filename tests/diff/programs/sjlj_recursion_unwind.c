/* sjlj_recursion_unwind: longjmp out of deep recursion, then recursion again reusing the stack.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <setjmp.h>
#include <string.h>

static jmp_buf found;
static int maze[9][9];
static int path_len;

static void search(int r, int c, int len)
{
    if (r < 0 || c < 0 || r > 8 || c > 8 || maze[r][c]) return;
    if (r == 8 && c == 8) { path_len = len; longjmp(found, 1); }
    maze[r][c] = 2;
    search(r, c + 1, len + 1);
    search(r + 1, c, len + 1);
    search(r, c - 1, len + 1);
    search(r - 1, c, len + 1);
    maze[r][c] = 0;
}

static int fill_stack(int n) { char pad[64]; memset(pad, n & 0xff, sizeof pad); return n == 0 ? pad[5] : fill_stack(n - 1) + pad[7]; }

int main(void)
{
    static const char *rows[9] = { ".#.......", ".#.#####.", ".#.#...#.", ".#.#.#.#.", "...#.#.#.",
                                   "####.#.#.", "....#..#.", ".##...##.", "....#...." };
    volatile int total = 0;
    for (volatile int round = 0; round < 3; round++) {
        for (int r = 0; r < 9; r++) for (int c = 0; c < 9; c++) maze[r][c] = rows[r][c] == '#';
        if (round == 1) maze[8][7] = 1;
        if (round == 2) maze[0][0] = 1;
        path_len = -1;
        if (!setjmp(found)) search(0, 0, 0);
        int visited = 0;
        for (int r = 0; r < 9; r++) for (int c = 0; c < 9; c++) visited += maze[r][c] == 2;
        printf("round %d: path length %d, cells on path %d\n", round, path_len, visited);
        total += path_len;
        printf("stack reuse %d\n", fill_stack(50));
    }
    return total > 0 ? 0 : 1;
}
