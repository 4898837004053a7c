/* rec_hanoi: Towers of Hanoi recursively, with move validation on explicit peg stacks.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int pegs[3][20], height[3];
static unsigned long moves;
static int illegal;

static void move(int from, int to)
{
    int disk = pegs[from][--height[from]];
    if (height[to] && pegs[to][height[to] - 1] < disk) illegal++;
    pegs[to][height[to]++] = disk;
    moves++;
}

static void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    move(from, to);
    if (moves <= 7 && n < 4) printf("move disk %d from %c to %c\n", n, 'A' + from, 'A' + to);
    hanoi(n - 1, via, to, from);
}

int main(void)
{
    for (int n = 1; n <= 16; n += 5) {
        height[0] = height[1] = height[2] = 0;
        for (int d = n; d >= 1; d--) pegs[0][height[0]++] = d;
        moves = 0;
        hanoi(n, 0, 2, 1);
        printf("n=%d moves=%lu on C=%d illegal=%d\n", n, moves, height[2], illegal);
    }
    return illegal;
}
