/* int_div_const: division and remainder by constants (strength-reduced or $$divI_N).
 * diff-expect: exit 0
 */
#include <stdio.h>

#define CHECK(v, d) do { \
    int q_ = (v) / (d), r_ = (v) % (d); \
    if (q_ * (d) + r_ != (v)) bad++; \
    acc = acc * 7u + (unsigned)q_ + (unsigned)r_; } while (0)

int main(void)
{
    unsigned acc = 1;
    int bad = 0;
    for (int v = -3000; v <= 3000; v += 13) {
        CHECK(v, 2); CHECK(v, 3); CHECK(v, 5); CHECK(v, 6); CHECK(v, 7);
        CHECK(v, 9); CHECK(v, 10); CHECK(v, 12); CHECK(v, 14); CHECK(v, 15);
        CHECK(v, 100); CHECK(v, -3); CHECK(v, -10);
        unsigned uv = (unsigned)v * 2654435761u;
        acc ^= uv / 3u + uv / 5u + uv % 7u + uv / 10u + uv % 1000u;
    }
    printf("%d %d %d %d\n", -3000 / 7, -3000 % 7, 2999 / 9, 2999 % 9);
    printf("acc %08x bad %d\n", acc, bad);
    return bad;
}
