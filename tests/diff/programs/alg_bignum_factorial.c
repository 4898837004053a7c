/* alg_bignum_factorial: arbitrary-precision factorial and powers of two in base 10^4 limbs.
 * diff-expect: exit 0
 */
#include <stdio.h>

#define LIMBS 200
typedef struct { unsigned short d[LIMBS]; int n; } big;

static void set(big *b, unsigned v) { b->n = 0; do { b->d[b->n++] = (unsigned short)(v % 10000); v /= 10000; } while (v); }
static void mul_small(big *b, unsigned m)
{
    unsigned carry = 0;
    for (int i = 0; i < b->n; i++) { unsigned t = b->d[i] * m + carry; b->d[i] = (unsigned short)(t % 10000); carry = t / 10000; }
    while (carry) { b->d[b->n++] = (unsigned short)(carry % 10000); carry /= 10000; }
}
static void print(const big *b)
{
    printf("%u", b->d[b->n - 1]);
    for (int i = b->n - 2; i >= 0; i--) printf("%04u", b->d[i]);
    printf("\n");
}
static unsigned digit_sum(const big *b) { unsigned s = 0; for (int i = 0; i < b->n; i++) { unsigned v = b->d[i]; while (v) { s += v % 10; v /= 10; } } return s; }

int main(void)
{
    big f;
    set(&f, 1);
    for (unsigned i = 2; i <= 100; i++) mul_small(&f, i);
    printf("100! = ");
    print(&f);
    printf("digit sum %u, limbs %d\n", digit_sum(&f), f.n);
    big p;
    set(&p, 1);
    for (int i = 0; i < 1000; i++) mul_small(&p, 2);
    printf("2^1000 digit sum %u\n", digit_sum(&p));
    set(&p, 3);
    for (int i = 1; i < 200; i++) mul_small(&p, 3);
    printf("3^200 = ");
    print(&p);
    return digit_sum(&f) == 648 ? 0 : 1;
}
