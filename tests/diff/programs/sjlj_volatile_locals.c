/* sjlj_volatile_locals: values of volatile locals and globals after longjmp, sigsetjmp variant.
 * diff-expect: exit 3
 */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf env;
static int global_counter;

static void step(int k)
{
    global_counter += k;
    if (global_counter > 20) longjmp(env, global_counter);
}

int main(void)
{
    volatile int iterations = 0;
    volatile double acc = 1.0;
    volatile long long big = 1;
    int r = setjmp(env);
    if (r == 0) {
        for (int i = 1; i < 100; i++) {
            iterations = i;
            acc *= 1.5;
            big *= 3;
            step(i);
        }
    }
    printf("jumped with %d after %d iterations, acc %.4f big %lld\n", r, iterations, acc, big);
    sigjmp_buf senv;
    volatile int tries = 0;
    if (sigsetjmp(senv, 1) < 3) {
        tries++;
        siglongjmp(senv, tries);
    }
    printf("sigsetjmp loop ran %d times\n", tries);
    return tries;
}
