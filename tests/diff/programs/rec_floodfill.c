/* rec_floodfill: recursive flood fill counting connected regions in a generated grid.
 * diff-expect: exit 0
 */
#include <stdio.h>

#define W 40
#define H 20
static char grid[H][W + 1];

static int fill(int r, int c, char from, char to)
{
    if (r < 0 || r >= H || c < 0 || c >= W || grid[r][c] != from) return 0;
    grid[r][c] = to;
    return 1 + fill(r + 1, c, from, to) + fill(r - 1, c, from, to) + fill(r, c + 1, from, to) + fill(r, c - 1, from, to);
}

int main(void)
{
    unsigned s = 2024;
    for (int r = 0; r < H; r++) {
        for (int c = 0; c < W; c++) { s = s * 1664525u + 1013904223u; grid[r][c] = (s >> 28) < 7 ? '#' : '.'; }
        grid[r][W] = 0;
    }
    for (int r = 0; r < 5; r++) puts(grid[r]);
    int regions = 0, biggest = 0;
    char mark = 'a';
    for (int r = 0; r < H; r++)
        for (int c = 0; c < W; c++)
            if (grid[r][c] == '.') {
                int size = fill(r, c, '.', mark);
                regions++;
                if (size > biggest) biggest = size;
                mark = mark == 'z' ? 'a' : (char)(mark + 1);
            }
    for (int r = 0; r < 5; r++) puts(grid[r]);
    printf("regions %d biggest %d\n", regions, biggest);
    return 0;
}
