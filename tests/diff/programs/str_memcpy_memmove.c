/* str_memcpy_memmove: memcpy/memmove with every small length and alignment, overlapping moves.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static unsigned char src[128], dst[128], ref[128];

static void slow_move(unsigned char *d, const unsigned char *s, size_t n)
{
    unsigned char tmp[128];
    for (size_t i = 0; i < n; i++) tmp[i] = s[i];
    for (size_t i = 0; i < n; i++) d[i] = tmp[i];
}

int main(void)
{
    int bad = 0;
    for (int i = 0; i < 128; i++) src[i] = (unsigned char)(i * 7 + 3);
    for (size_t so = 0; so < 8; so++)
        for (size_t d_o = 0; d_o < 8; d_o++)
            for (size_t n = 0; n < 70; n++) {
                memset(dst, 0xee, sizeof dst);
                memset(ref, 0xee, sizeof ref);
                memcpy(dst + d_o, src + so, n);
                for (size_t k = 0; k < n; k++) ref[d_o + k] = src[so + k];
                if (memcmp(dst, ref, sizeof dst)) bad++;
            }
    unsigned char buf[128], buf2[128];
    for (int shift = -9; shift <= 9; shift++)
        for (size_t n = 0; n < 60; n += 7) {
            for (int i = 0; i < 128; i++) buf[i] = buf2[i] = (unsigned char)i;
            memmove(buf + 30 + shift, buf + 30, n);
            slow_move(buf2 + 30 + shift, buf2 + 30, n);
            if (memcmp(buf, buf2, sizeof buf)) bad++;
        }
    char text[32] = "Hello, overlapping world";
    memmove(text + 7, text, 12);
    printf("%s\n", text);
    memmove(text, text + 3, strlen(text + 3) + 1);
    printf("%s\n", text);
    printf("bad %d\n", bad);
    return bad;
}
