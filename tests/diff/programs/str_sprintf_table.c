/* str_sprintf_table: sprintf into buffers to build a text table, then column parsing with sscanf.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char table[2048] = "";
    char line[96];
    for (int i = 1; i <= 12; i++) {
        double v = i * 1.375 - 4.0;
        snprintf(line, sizeof line, "%-6s|%4d|%+9.3f|%08x|%s\n", i % 2 ? "odd" : "even", i * i, v, (unsigned)(i * 0x1234567), i % 3 ? "-" : "fizz");
        strcat(table, line);
    }
    fputs(table, stdout);
    int sq_sum = 0;
    double v_sum = 0;
    unsigned x_xor = 0;
    for (char *p = table; *p; p = strchr(p, '\n') + 1) {
        char kind[8];
        int sq;
        double v;
        unsigned x;
        if (sscanf(p, "%7[a-z] |%d|%lf|%x|", kind, &sq, &v, &x) == 4) { sq_sum += sq; v_sum += v; x_xor ^= x; }
    }
    printf("squares %d values %.3f xor %08x\n", sq_sum, v_sum, x_xor);
    return sq_sum == 650 ? 0 : 1;
}
