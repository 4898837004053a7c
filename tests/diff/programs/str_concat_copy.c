/* str_concat_copy: strcpy, strncpy padding, strcat, strncat, stpcpy, strlen and strnlen.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char a[64];
    strcpy(a, "one");
    strcat(a, "-two");
    const char *volatile tail = "-three-four";
    strncat(a, tail, 6);
    printf("%s (%u)\n", a, (unsigned)strlen(a));
    char pad[10];
    memset(pad, 'X', sizeof pad);
    strncpy(pad, "abc", sizeof pad);
    for (unsigned i = 0; i < sizeof pad; i++) printf("%02x", (unsigned char)pad[i]);
    printf("\n");
    char big[128];
    char *end = big;
    const char *parts[] = { "stp", "cpy", " ", "chains", " ", "well" };
    for (int i = 0; i < 6; i++) end = stpcpy(end, parts[i]);
    printf("%s len %d\n", big, (int)(end - big));
    printf("strnlen %u %u\n", (unsigned)strnlen(tail, 3), (unsigned)strnlen(tail + 9, 10));
    char acc[200] = "";
    for (int i = 0; i < 20; i++) { char num[8]; snprintf(num, sizeof num, "%d,", i * i); strcat(acc, num); }
    printf("%s %u\n", acc, (unsigned)strlen(acc));
    return 0;
}
