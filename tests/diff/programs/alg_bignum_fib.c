/* alg_bignum_fib: big Fibonacci numbers by repeated multi-limb addition, base 10^9 limbs in 32-bit words.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

#define L 40
#define BASE 1000000000u

static void add(unsigned *r, const unsigned *a, const unsigned *b)
{
    unsigned carry = 0;
    for (int i = 0; i < L; i++) { unsigned s = a[i] + b[i] + carry; carry = s >= BASE; r[i] = carry ? s - BASE : s; }
}
static void print(const unsigned *a)
{
    int i = L - 1;
    while (i > 0 && !a[i]) i--;
    printf("%u", a[i]);
    while (i-- > 0) printf("%09u", a[i]);
    printf("\n");
}

int main(void)
{
    unsigned a[L], b[L], c[L];
    memset(a, 0, sizeof a); memset(b, 0, sizeof b);
    b[0] = 1;
    int n = 1, first_300_digits = 0;
    for (; n < 1500; n++) {
        add(c, a, b);
        memcpy(a, b, sizeof a); memcpy(b, c, sizeof b);
        if (n + 1 == 100 || n + 1 == 500) { printf("F(%d) = ", n + 1); print(b); }
        int top = L - 1;
        while (top > 0 && !b[top]) top--;
        unsigned t = b[top];
        int digits = top * 9;
        while (t) { digits++; t /= 10; }
        if (!first_300_digits && digits >= 300) { first_300_digits = n + 1; }
    }
    printf("first Fibonacci with 300 digits: F(%d)\n", first_300_digits);
    printf("F(1500) = "); print(b);
    return first_300_digits == 1433 ? 0 : 1;
}
