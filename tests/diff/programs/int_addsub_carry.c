/* int_addsub_carry: unsigned wrap-around, carries and borrows in 32-bit add/sub.
 * diff-expect: exit 0
 */
#include <stdio.h>

typedef struct { unsigned w[4]; } u128;

static u128 add128(u128 a, u128 b)
{
    u128 r;
    unsigned c = 0;
    for (int i = 0; i < 4; i++) {
        unsigned s = a.w[i] + c;
        unsigned c1 = s < c;
        r.w[i] = s + b.w[i];
        c = c1 + (r.w[i] < s);
    }
    return r;
}

static u128 sub128(u128 a, u128 b)
{
    u128 r;
    unsigned br = 0;
    for (int i = 0; i < 4; i++) {
        unsigned d = a.w[i] - b.w[i];
        unsigned b1 = a.w[i] < b.w[i];
        r.w[i] = d - br;
        br = b1 + (d < br);
    }
    return r;
}

int main(void)
{
    u128 a = {{ 0xffffffffu, 0xffffffffu, 0x7fffffffu, 0 }};
    u128 one = {{ 1, 0, 0, 0 }};
    u128 s = add128(a, one);
    printf("%08x %08x %08x %08x\n", s.w[3], s.w[2], s.w[1], s.w[0]);
    u128 d = sub128(s, one);
    printf("%08x %08x %08x %08x\n", d.w[3], d.w[2], d.w[1], d.w[0]);
    u128 acc = {{ 0, 0, 0, 0 }};
    u128 step = {{ 0x89abcdefu, 0x01234567u, 0, 0 }};
    for (int i = 0; i < 1000; i++) acc = add128(acc, step);
    for (int i = 0; i < 400; i++) acc = sub128(acc, step);
    printf("%08x %08x %08x %08x\n", acc.w[3], acc.w[2], acc.w[1], acc.w[0]);
    volatile unsigned x = 5, y = 7;
    printf("%u %u %d\n", x - y, y - x, (int)(x - y));
    return (d.w[0] == a.w[0] && d.w[2] == a.w[2]) ? 0 : 1;
}
