/* alg_game_of_life: Conway's Life on a torus: glider, blinker and a random soup, population over time.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

#define W 32
#define H 24
static unsigned char g[H][W], n[H][W];

static void step(void)
{
    for (int r = 0; r < H; r++)
        for (int c = 0; c < W; c++) {
            int k = 0;
            for (int dr = -1; dr <= 1; dr++) for (int dc = -1; dc <= 1; dc++) if (dr || dc) k += g[(r + dr + H) % H][(c + dc + W) % W];
            n[r][c] = (unsigned char)(k == 3 || (k == 2 && g[r][c]));
        }
    memcpy(g, n, sizeof g);
}
static int pop(void) { int p = 0; for (int r = 0; r < H; r++) for (int c = 0; c < W; c++) p += g[r][c]; return p; }
static void show(void) { for (int r = 0; r < 8; r++) { for (int c = 0; c < 16; c++) putchar(g[r][c] ? '#' : '.'); putchar('\n'); } }

int main(void)
{
    memset(g, 0, sizeof g);
    g[0][1] = g[1][2] = g[2][0] = g[2][1] = g[2][2] = 1;
    g[10][10] = g[10][11] = g[10][12] = 1;
    for (int i = 0; i < 4; i++) step();
    show();
    printf("population %d\n", pop());
    for (int i = 0; i < 4 * W; i++) step();
    printf("after a full lap: population %d, glider cell back %d\n", pop(), g[4][5]);
    unsigned s = 31337;
    for (int r = 0; r < H; r++) for (int c = 0; c < W; c++) { s = s * 1664525u + 1013904223u; g[r][c] = (s >> 29) < 3; }
    for (int gen = 0; gen <= 100; gen++) { if (gen % 20 == 0) printf("gen %3d population %d\n", gen, pop()); step(); }
    show();
    return 0;
}
