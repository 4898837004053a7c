/* stdio_table_report: a formatted report with aligned columns, totals and percentages.
 * diff-expect: exit 0
 */
#include <stdio.h>

struct row { const char *name; unsigned hits, misses; double cycles; };

int main(void)
{
    static const struct row rows[] = {
        { "icache", 982311, 1204, 1.25e6 }, { "dcache", 441020, 30211, 3.1e6 }, { "tlb", 120003, 88, 2.0e5 },
        { "dram", 30211, 0, 7.7e6 }, { "writeback", 0, 0, 0.0 },
    };
    unsigned th = 0, tm = 0;
    double tc = 0;
    printf("%-10s %10s %8s %7s %12s\n", "unit", "hits", "misses", "miss%", "cycles");
    printf("%.*s\n", 51, "---------------------------------------------------------------");
    for (unsigned i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        unsigned tot = r->hits + r->misses;
        double pct = tot ? 100.0 * r->misses / tot : 0.0;
        printf("%-10s %10u %8u %6.2f%% %12.0f\n", r->name, r->hits, r->misses, pct, r->cycles);
        th += r->hits; tm += r->misses; tc += r->cycles;
    }
    printf("%-10s %10u %8u %6.2f%% %12.4e\n", "total", th, tm, 100.0 * tm / (th + tm), tc);
    return 0;
}
