/* rec_permutations: recursive generation of permutations and combinations, lexicographic order.
 * diff-expect: exit 0
 */
#include <stdio.h>

static char buf[8];
static int used[8];
static unsigned long count;
static unsigned hash;

static void perm(const char *set, int n, int depth)
{
    if (depth == n) {
        count++;
        for (int i = 0; i < n; i++) hash = hash * 31u + (unsigned char)buf[i];
        if (count <= 6 || count % 1000 == 0) printf("%.*s\n", n, buf);
        return;
    }
    for (int i = 0; i < n; i++) {
        if (used[i]) continue;
        used[i] = 1; buf[depth] = set[i];
        perm(set, n, depth + 1);
        used[i] = 0;
    }
}

static int combos(int n, int k, int start, int *pick, int depth)
{
    if (depth == k) { int s = 0; for (int i = 0; i < k; i++) s += pick[i]; return s % 3 == 0; }
    int c = 0;
    for (int i = start; i <= n; i++) { pick[depth] = i; c += combos(n, k, i + 1, pick, depth + 1); }
    return c;
}

int main(void)
{
    perm("abcdefg", 7, 0);
    printf("count %lu hash %08x\n", count, hash);
    int pick[6];
    printf("6-subsets of 1..15 with sum divisible by 3: %d\n", combos(15, 6, 1, pick, 0));
    return count == 5040 ? 0 : 1;
}
