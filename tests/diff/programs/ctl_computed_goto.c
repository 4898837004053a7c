/* ctl_computed_goto: a threaded-code interpreter using GNU labels-as-values (indirect branches).
 * diff-expect: exit 0
 */
#include <stdio.h>

enum { OP_PUSH, OP_ADD, OP_MUL, OP_DUP, OP_DEC, OP_JNZ, OP_SWAP, OP_DROP, OP_PRINT, OP_HALT };

static long run(const int *code)
{
    static void *table[] = { &&push, &&add, &&mul, &&dup, &&dec, &&jnz, &&swap, &&drop, &&print, &&halt };
    long st[32];
    int sp = 0;
    const int *pc = code;
#define NEXT goto *table[*pc++]
    NEXT;
push: st[sp++] = *pc++; NEXT;
add: sp--; st[sp - 1] += st[sp]; NEXT;
mul: sp--; st[sp - 1] *= st[sp]; NEXT;
dup: st[sp] = st[sp - 1]; sp++; NEXT;
dec: st[sp - 1]--; NEXT;
jnz: { int target = *pc++; if (st[--sp]) pc = code + target; } NEXT;
swap: { long t = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = t; } NEXT;
drop: sp--; NEXT;
print: printf("top = %ld\n", st[sp - 1]); NEXT;
halt: return st[sp - 1];
#undef NEXT
}

int main(void)
{
    /* power: 3^13 by repeated multiplication, counter on top */
    static const int power[] = { OP_PUSH, 1, OP_PUSH, 13, /* 4: r c */ OP_SWAP, OP_PUSH, 3, OP_MUL, OP_SWAP, OP_DEC, OP_DUP, OP_JNZ, 4,
                                 OP_DROP, OP_PRINT, OP_HALT };
    long r = run(power);
    /* countdown printing each value */
    static const int countdown[] = { OP_PUSH, 5, /* 2 */ OP_PRINT, OP_DEC, OP_DUP, OP_JNZ, 2, OP_PRINT, OP_HALT };
    long z = run(countdown);
    printf("3^13 = %ld, countdown ends at %ld\n", r, z);
    return r == 1594323 ? 0 : 1;
}
