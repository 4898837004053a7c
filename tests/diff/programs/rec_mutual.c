/* rec_mutual: mutually recursive functions (even/odd, Hofstadter sequences).
 * diff-expect: exit 0
 */
#include <stdio.h>

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static int M(int n);
static int F(int n) { return n == 0 ? 1 : n - M(F(n - 1)); }
static int M(int n) { return n == 0 ? 0 : n - F(M(n - 1)); }

static int Q[200];
static int hofq(int n) { if (n <= 2) return 1; if (Q[n]) return Q[n]; return Q[n] = hofq(n - hofq(n - 1)) + hofq(n - hofq(n - 2)); }

int main(void)
{
    printf("even(1000)=%d odd(777)=%d\n", is_even(1000), is_odd(777));
    printf("F:");
    for (int i = 0; i < 20; i++) printf(" %d", F(i));
    printf("\nM:");
    for (int i = 0; i < 20; i++) printf(" %d", M(i));
    printf("\nQ:");
    for (int i = 1; i < 25; i++) printf(" %d", hofq(i));
    printf("\nQ(199)=%d\n", hofq(199));
    return 0;
}
