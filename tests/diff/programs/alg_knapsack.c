/* alg_knapsack: 0/1 knapsack, unbounded coin change counts, and subset sum by dynamic programming.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    static const int w[] = { 12, 7, 11, 8, 9, 5, 14, 6, 3, 10, 4, 13 };
    static const int v[] = { 24, 13, 23, 15, 16, 9, 30, 11, 5, 19, 7, 26 };
    int n = 12, cap = 50;
    static int best[13][51];
    for (int i = 1; i <= n; i++)
        for (int c = 0; c <= cap; c++) {
            best[i][c] = best[i - 1][c];
            if (w[i - 1] <= c && best[i - 1][c - w[i - 1]] + v[i - 1] > best[i][c]) best[i][c] = best[i - 1][c - w[i - 1]] + v[i - 1];
        }
    printf("knapsack best %d, items:", best[n][cap]);
    for (int i = n, c = cap; i > 0; i--) if (best[i][c] != best[i - 1][c]) { printf(" %d", i - 1); c -= w[i - 1]; }
    printf("\n");
    static const int coins[] = { 1, 2, 5, 10, 20, 50, 100, 200 };
    long long ways[1001];
    memset(ways, 0, sizeof ways);
    ways[0] = 1;
    for (int k = 0; k < 8; k++) for (int a = coins[k]; a <= 1000; a++) ways[a] += ways[a - coins[k]];
    printf("ways to make 200: %lld, 1000: %lld\n", ways[200], ways[1000]);
    static const int set[] = { 3, 34, 4, 12, 5, 2, 27, 19, 41, 8 };
    unsigned char can[200];
    memset(can, 0, sizeof can);
    can[0] = 1;
    for (int k = 0; k < 10; k++) for (int s = 199; s >= set[k]; s--) can[s] |= can[s - set[k]];
    int reachable = 0;
    for (int s = 0; s < 200; s++) reachable += can[s];
    printf("subset sums reachable below 200: %d (9:%d 100:%d 156:%d)\n", reachable, can[9], can[100], can[156]);
    return ways[200] == 73682 ? 0 : 1;
}
