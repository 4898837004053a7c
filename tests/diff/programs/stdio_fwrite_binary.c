/* stdio_fwrite_binary: fwrite of text and raw bytes (including NUL) to stdout in several chunk sizes.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *msg = "fwrite writes exactly these bytes\n";
    size_t n = fwrite(msg, 1, strlen(msg), stdout);
    unsigned char bytes[256];
    for (int i = 0; i < 256; i++) bytes[i] = (unsigned char)i;
    size_t items = fwrite(bytes, 16, 16, stdout);
    putchar('\n');
    size_t written = 0;
    for (size_t chunk = 1; chunk <= 64; chunk *= 2) written += fwrite(bytes + 32, 1, chunk, stdout);
    putchar('\n');
    printf("%u %u %u\n", (unsigned)n, (unsigned)items, (unsigned)written);
    return 0;
}
