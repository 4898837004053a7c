/* struct_packed_align: alignment, padding, packed structures and unaligned member access.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

struct normal { char c; int i; short s; double d; };
struct __attribute__((packed)) packed { char c; int i; short s; double d; };
struct __attribute__((aligned(16))) al16 { int x; };

int main(void)
{
    printf("normal size %u: c@%u i@%u s@%u d@%u\n", (unsigned)sizeof(struct normal), (unsigned)offsetof(struct normal, c),
           (unsigned)offsetof(struct normal, i), (unsigned)offsetof(struct normal, s), (unsigned)offsetof(struct normal, d));
    printf("packed size %u: c@%u i@%u s@%u d@%u\n", (unsigned)sizeof(struct packed), (unsigned)offsetof(struct packed, c),
           (unsigned)offsetof(struct packed, i), (unsigned)offsetof(struct packed, s), (unsigned)offsetof(struct packed, d));
    printf("al16 size %u align %u\n", (unsigned)sizeof(struct al16), (unsigned)_Alignof(struct al16));
    struct packed arr[5];
    for (int k = 0; k < 5; k++) { arr[k].c = (char)k; arr[k].i = k * 1000001; arr[k].s = (short)(-k); arr[k].d = k * 0.25; }
    long long sum = 0;
    double ds = 0;
    for (int k = 0; k < 5; k++) { sum += arr[k].i + arr[k].s + arr[k].c; ds += arr[k].d; }
    printf("sum %lld ds %g\n", sum, ds);
    unsigned char raw[sizeof arr];
    memcpy(raw, arr, sizeof raw);
    unsigned h = 0;
    for (unsigned k = 0; k < sizeof raw; k++) h = h * 31u + raw[k];
    printf("bytes %u hash %08x\n", (unsigned)sizeof raw, h);
    return 0;
}
