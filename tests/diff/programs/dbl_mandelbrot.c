/* dbl_mandelbrot: ASCII Mandelbrot set, iteration counts summed.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    const char *shade = " .:-=+*#%@";
    unsigned long total = 0;
    for (int row = 0; row < 24; row++) {
        char line[65];
        for (int col = 0; col < 64; col++) {
            double cr = -2.2 + col * (3.0 / 64), ci = -1.2 + row * (2.4 / 24);
            double zr = 0, zi = 0;
            int k = 0;
            while (k < 200 && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                k++;
            }
            total += (unsigned long)k;
            line[col] = shade[k >= 200 ? 9 : k % 9];
        }
        line[64] = 0;
        puts(line);
    }
    printf("total iterations %lu\n", total);
    return 0;
}
