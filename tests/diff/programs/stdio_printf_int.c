/* stdio_printf_int: printf integer conversions with flags, widths, precisions and length modifiers.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stddef.h>

int main(void)
{
    static const int iv[] = { 0, 1, -1, 42, -42, 2147483647, -2147483647 - 1 };
    for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) {
        int v = iv[i];
        printf("[%d][%5d][%-5d][%05d][%+d][% d][%.3d][%8.4d][%-+8d]\n", v, v, v, v, v, v, v, v, v);
        printf("[%u][%x][%X][%#x][%o][%#o][%#.8x]\n", (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v);
    }
    printf("[%hd][%hu][%hhd][%hhu][%hx]\n", (short)-2, (unsigned short)65535, (signed char)-3, (unsigned char)250, (unsigned short)0xbeef);
    printf("[%ld][%lu][%lx][%zu][%td]\n", -100000L, 4000000000UL, 0xdeadbeefUL, sizeof(double), (ptrdiff_t)-5);
    printf("[%*d][%-*d][%.*d]\n", 6, 12, 6, 12, 4, 7);
    printf("[%.0d][%.0x][%#.0o]\n", 0, 0u, 0u);
    int n = printf("%s", "");
    int m = printf("count me\n");
    printf("returns %d %d\n", n, m);
    return 0;
}
