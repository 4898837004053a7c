/* ctl_goto_state: a goto-based state machine that lexes numbers, identifiers and operators.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <ctype.h>

int main(void)
{
    const char *src = "x1 = 42 + y_2*(300-7) ; z=x1/ 5 # comment\nend";
    const char *p = src;
    int nums = 0, ids = 0, ops = 0;
    char tok[32];
    int n;
start:
    n = 0;
    if (!*p) goto done;
    if (isspace((unsigned char)*p)) { p++; goto start; }
    if (isdigit((unsigned char)*p)) goto number;
    if (isalpha((unsigned char)*p) || *p == '_') goto ident;
    if (*p == '#') goto comment;
    printf("op '%c'\n", *p++);
    ops++;
    goto start;
number:
    tok[n++] = *p++;
    if (isdigit((unsigned char)*p)) goto number;
    tok[n] = 0;
    printf("number %s\n", tok);
    nums++;
    goto start;
ident:
    tok[n++] = *p++;
    if (isalnum((unsigned char)*p) || *p == '_') goto ident;
    tok[n] = 0;
    printf("ident %s\n", tok);
    ids++;
    goto start;
comment:
    while (*p && *p != '\n') p++;
    goto start;
done:
    printf("numbers %d identifiers %d operators %d\n", nums, ids, ops);
    return nums == 4 && ids == 5 ? 0 : 1;
}
