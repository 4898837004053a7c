/* alg_json_tokens: a JSON tokenizer and nesting-depth validator with string escapes and numbers.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <stdlib.h>

static int tokenize(const char *s, int verbose)
{
    int depth = 0, maxdepth = 0, tokens = 0;
    char stack[64];
    while (*s) {
        if (isspace((unsigned char)*s)) { s++; continue; }
        tokens++;
        if (*s == '{' || *s == '[') { stack[depth++] = *s; if (depth > maxdepth) maxdepth = depth; s++; continue; }
        if (*s == '}' || *s == ']') { if (!depth || stack[--depth] != (*s == '}' ? '{' : '[')) return -1; s++; continue; }
        if (*s == ':' || *s == ',') { s++; continue; }
        if (*s == '"') {
            char buf[64]; int n = 0;
            for (s++; *s && *s != '"'; s++) {
                char c = *s;
                if (c == '\\') { s++; c = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s; }
                if (n < 63) buf[n++] = c;
            }
            if (!*s) return -2;
            s++;
            buf[n] = 0;
            if (verbose) printf("string(%u) \"%s\"\n", (unsigned)strlen(buf), buf);
            continue;
        }
        if (*s == '-' || isdigit((unsigned char)*s)) {
            char *end;
            double v = strtod(s, &end);
            if (verbose) printf("number %g\n", v);
            s = end;
            continue;
        }
        if (!strncmp(s, "true", 4) || !strncmp(s, "null", 4)) { s += 4; continue; }
        if (!strncmp(s, "false", 5)) { s += 5; continue; }
        return -3;
    }
    return depth ? -4 : tokens * 100 + maxdepth;
}

int main(void)
{
    const char *doc = "{\"name\": \"pavp\", \"version\": [0, 1, 0], \"cache\": {\"size\": 65536, \"ways\": 2, \"line\": 32,"
                      " \"policy\": \"write-back\"}, \"ratio\": -1.25e-3, \"ok\": true, \"none\": null, \"esc\": \"a\\\"b\\\\c\\n\"}";
    int r = tokenize(doc, 1);
    printf("result %d\n", r);
    static const char *bad[] = { "[1, 2", "{\"a\": [1}", "\"unterminated", "[tru]", "[[[[]]]]" };
    for (int i = 0; i < 5; i++) printf("%-16s -> %d\n", bad[i], tokenize(bad[i], 0));
    return r > 0 ? 0 : 1;
}
