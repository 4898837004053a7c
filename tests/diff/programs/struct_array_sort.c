/* struct_array_sort: array of structures sorted by several keys with qsort and insertion sort.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char name[10]; int dept; double salary; } emp;

static emp staff[] = {
    { "ann", 3, 5200.0 }, { "bob", 1, 4100.5 }, { "cyd", 2, 6100.0 }, { "dee", 1, 4100.5 },
    { "eve", 3, 7000.0 }, { "fay", 2, 3900.0 }, { "gus", 1, 8800.0 }, { "hal", 3, 5200.0 },
};
#define N (sizeof staff / sizeof staff[0])

static int by_dept_salary(const void *pa, const void *pb)
{
    const emp *a = pa, *b = pb;
    if (a->dept != b->dept) return a->dept - b->dept;
    if (a->salary != b->salary) return a->salary < b->salary ? 1 : -1;
    return strcmp(a->name, b->name);
}

int main(void)
{
    qsort(staff, N, sizeof staff[0], by_dept_salary);
    for (unsigned i = 0; i < N; i++) printf("%u %-4s %d %8.2f\n", i, staff[i].name, staff[i].dept, staff[i].salary);
    emp copy[N];
    memcpy(copy, staff, sizeof copy);
    for (unsigned i = 1; i < N; i++) {
        emp t = copy[i];
        unsigned j = i;
        while (j > 0 && strcmp(copy[j - 1].name, t.name) > 0) { copy[j] = copy[j - 1]; j--; }
        copy[j] = t;
    }
    double total[4] = { 0 };
    for (unsigned i = 0; i < N; i++) { printf("%s ", copy[i].name); total[copy[i].dept] += copy[i].salary; }
    printf("\n");
    for (int d = 1; d <= 3; d++) printf("dept %d total %.2f\n", d, total[d]);
    return 0;
}
