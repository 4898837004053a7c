/* str_tokenize: strtok and strtok_r with several delimiter sets, nested tokenisation of key=value lists.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[] = "  alpha, beta;;gamma ,delta ;epsilon,,zeta  ";
    int n = 0;
    for (char *t = strtok(line, " ,;"); t; t = strtok(NULL, " ,;")) printf("[%d:%s]", n++, t);
    printf("\n");
    char cfg[] = "name=pavp;cpu=pa7300lc;cache=64k,2way;dram=ddr;empty=";
    char *save1, *save2;
    for (char *kv = strtok_r(cfg, ";", &save1); kv; kv = strtok_r(NULL, ";", &save1)) {
        char *key = strtok_r(kv, "=", &save2);
        char *val = strtok_r(NULL, "=", &save2);
        printf("%s -> ", key);
        if (!val) { printf("(none)\n"); continue; }
        int parts = 0;
        char *save3;
        for (char *p = strtok_r(val, ",", &save3); p; p = strtok_r(NULL, ",", &save3)) printf("%s<%s>", parts++ ? " " : "", p);
        printf(" (%d)\n", parts);
    }
    char csv[] = "1,2,3\n4,5,6\n7,8,9\n";
    int sum = 0, rows = 0;
    char *sr;
    for (char *row = strtok_r(csv, "\n", &sr); row; row = strtok_r(NULL, "\n", &sr)) {
        char *sc;
        int rs = 0;
        for (char *c = strtok_r(row, ",", &sc); c; c = strtok_r(NULL, ",", &sc)) rs += *c - '0';
        sum += rs * ++rows;
    }
    printf("weighted sum %d\n", sum);
    return sum == 6 + 30 + 72 ? 0 : 1;
}
