/* ctl_loops: for/while/do-while, nested break/continue, loops with early exits, unrolled and reversed loops.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    int found_i = -1, found_j = -1;
    for (int i = 1; i < 50 && found_i < 0; i++)
        for (int j = i; j < 50; j++) {
            if ((i * j) % 7) continue;
            if (i * i + j * j == 25 * 25) { found_i = i; found_j = j; break; }
        }
    printf("pythagorean pair %d %d\n", found_i, found_j);
    int n = 0, k = 1000;
    do { k = k / 2 + (k & 1); n++; } while (k > 1);
    printf("do-while halvings %d\n", n);
    unsigned w = 0;
    int iters = 0;
    while (1) { w = w * 3 + 1; iters++; if (w > 1000000) break; }
    printf("while(1) %u after %d\n", w, iters);
    long s = 0;
    for (int i = 1000; i > 0; i -= 3) { if (i % 5 == 0) continue; s += i; }
    printf("reverse sum %ld\n", s);
    int a[64], b = 0;
    for (int i = 0; i < 64; i++) a[i] = i * i;
    for (int i = 0; i < 64; i += 4) b += a[i] + a[i + 1] - a[i + 2] - a[i + 3];
    printf("unrolled %d\n", b);
    int triangle = 0;
outer:
    for (int r = 0; r < 10; r++) {
        for (int c = 0; c <= r; c++) { if (r == 8) goto finish; triangle += c; }
    }
    goto outer;
finish:
    printf("triangle %d\n", triangle);
    return 0;
}
