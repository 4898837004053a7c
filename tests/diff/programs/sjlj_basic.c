/* sjlj_basic: setjmp/longjmp returning different values, jumping out of nested calls.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf env;
static int depth_reached;

static void dive(int depth, int limit)
{
    if (limit < 0) return;
    depth_reached = depth;
    if (depth == limit) longjmp(env, depth * 10);
    dive(depth + 1, limit);
    printf("never printed\n");
}

int main(void)
{
    volatile int rounds = 0;
    int r = setjmp(env);
    printf("setjmp returned %d (round %d, depth %d)\n", r, rounds, depth_reached);
    if (rounds < 5) {
        rounds++;
        dive(0, rounds * 7);
    }
    jmp_buf e2;
    int v = setjmp(e2);
    if (v == 0) longjmp(e2, 0); /* longjmp with 0 makes setjmp return 1 */
    printf("longjmp(0) gives %d\n", v);
    return rounds == 5 && v == 1 ? 0 : 1;
}
