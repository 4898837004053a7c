/* stdlib_rand: glibc rand/srand and random/srandom sequences with fixed seeds, distribution check.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    srand(1);
    for (int i = 0; i < 5; i++) printf("%d ", rand());
    printf("\n");
    srand(12345);
    int buckets[10] = { 0 };
    for (int i = 0; i < 20000; i++) buckets[rand() % 10]++;
    for (int i = 0; i < 10; i++) printf("%d ", buckets[i]);
    printf("\n");
    srandom(777);
    long acc = 0;
    for (int i = 0; i < 1000; i++) acc ^= random();
    printf("random xor %ld\n", acc);
    char state[64];
    initstate(99, state, sizeof state);
    printf("%ld %ld\n", random(), random());
    printf("RAND_MAX %d\n", RAND_MAX);
    return 0;
}
