/* ctl_inline_asm_free: builtins that map to special instructions or libgcc: expect, unreachable-free branches, overflow builtins.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <limits.h>

int main(void)
{
    int r;
    int ovf = __builtin_add_overflow(INT_MAX, 1, &r);
    printf("add_overflow %d %d\n", ovf, r);
    ovf = __builtin_sub_overflow(INT_MIN, 1, &r);
    printf("sub_overflow %d %d\n", ovf, r);
    ovf = __builtin_mul_overflow(65536, 65536, &r);
    printf("mul_overflow %d %d\n", ovf, r);
    long long rl;
    ovf = __builtin_mul_overflow(3037000500LL, 3037000500LL, &rl);
    printf("mul_overflow ll %d %lld\n", ovf, rl);
    unsigned u;
    ovf = __builtin_add_overflow(4000000000u, 400000000u, &u);
    printf("uadd_overflow %d %u\n", ovf, u);
    int count = 0;
    for (int i = 0; i < 100000; i++) if (__builtin_expect(i % 1000 == 0, 0)) count++;
    printf("expect count %d\n", count);
    printf("parity %d ffs %d clrsb %d\n", __builtin_parity(0x7u), __builtin_ffs(0x50), __builtin_clrsb(-1));
    return count == 100 ? 0 : 1;
}
