/* ctl_volatile: volatile variables keep every load and store at every optimisation level; busy loops.
 * diff-expect: exit 0
 */
#include <stdio.h>

static volatile unsigned ticks;
static volatile int flag;

static void tick(void) { ticks++; if (ticks % 1000 == 0) flag = (int)(ticks / 1000); }

int main(void)
{
    while (flag < 50) tick();
    printf("ticks %u flag %d\n", ticks, flag);
    volatile int arr[16];
    for (int i = 0; i < 16; i++) arr[i] = i;
    int s = 0;
    for (int rep = 0; rep < 1000; rep++) for (int i = 0; i < 16; i++) s += arr[i];
    printf("sum %d\n", s);
    volatile double d = 0;
    for (int i = 0; i < 1000; i++) d = d + 0.001;
    printf("d %.17g\n", d);
    volatile char c = 'a';
    for (int i = 0; i < 25; i++) c = (char)(c + 1);
    printf("c %c\n", c);
    return ticks == 50000 ? 0 : 1;
}
