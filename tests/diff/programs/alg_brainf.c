/* alg_brainf: an interpreter for a tiny eight-instruction tape language, running a hello program and a squares program.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static int run(const char *prog, char *out, int outmax)
{
    unsigned char tape[3000];
    memset(tape, 0, sizeof tape);
    int jump[1024], stack[128], sp = 0, n = (int)strlen(prog), o = 0;
    for (int i = 0; i < n; i++) {
        if (prog[i] == '[') stack[sp++] = i;
        else if (prog[i] == ']') { int j = stack[--sp]; jump[i] = j; jump[j] = i; }
    }
    unsigned char *p = tape;
    long steps = 0;
    for (int pc = 0; pc < n; pc++, steps++) {
        switch (prog[pc]) {
        case '>': p++; break;
        case '<': p--; break;
        case '+': (*p)++; break;
        case '-': (*p)--; break;
        case '.': if (o < outmax - 1) out[o++] = (char)*p; break;
        case '[': if (!*p) pc = jump[pc]; break;
        case ']': if (*p) pc = jump[pc]; break;
        default: break;
        }
    }
    out[o] = 0;
    return (int)(steps % 100000);
}

int main(void)
{
    static const char hello[] = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.";
    static const char squares[] =
        "++++[>+++++<-]>[<+++++>-]+<+[>[>+>+<<-]++>>[<<+>>-]>>>[-]++>[-]+>>>+[[-]++++++>>>]<<<[[<++++++++<++>>-]+<.<[>----<-]<]"
        "<<[>>>>>[>>>[-]+++++++++<[>-<-]+++++++++>[-[<->-]+[<<<]]<[>+<-]>]<<-]<<-]";
    char out[2048];
    int s1 = run(hello, out, sizeof out);
    printf("%s", out);
    int s2 = run(squares, out, sizeof out);
    size_t len = strlen(out);
    printf("squares output %u bytes, ends with \"%s\"", (unsigned)len, len > 12 ? out + len - 12 : out);
    printf("step residues %d %d\n", s1, s2);
    return strncmp(out, "0\n1\n4\n9\n", 8) == 0 ? 0 : 1;
}
