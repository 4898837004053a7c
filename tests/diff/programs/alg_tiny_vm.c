/* alg_tiny_vm: a register-machine bytecode interpreter (switch dispatch) running loops, calls and a prime count.
 * diff-expect: exit 0
 */
#include <stdio.h>

enum { HALT, LOADI, ADD, SUB, MUL, DIV, MOD, JMP, JZ, JLT, CALL, RET, PRINT, MOV, INC };
typedef struct { unsigned char op, a, b, c; int imm; } insn;

static int run(const insn *code, int *regs, long *steps)
{
    int stack[64], sp = 0, pc = 0;
    for (;;) {
        const insn *i = &code[pc++];
        ++*steps;
        switch (i->op) {
        case HALT: return regs[0];
        case LOADI: regs[i->a] = i->imm; break;
        case ADD: regs[i->a] = regs[i->b] + regs[i->c]; break;
        case SUB: regs[i->a] = regs[i->b] - regs[i->c]; break;
        case MUL: regs[i->a] = regs[i->b] * regs[i->c]; break;
        case DIV: regs[i->a] = regs[i->b] / regs[i->c]; break;
        case MOD: regs[i->a] = regs[i->b] % regs[i->c]; break;
        case JMP: pc = i->imm; break;
        case JZ: if (!regs[i->a]) pc = i->imm; break;
        case JLT: if (regs[i->a] < regs[i->b]) pc = i->imm; break;
        case CALL: stack[sp++] = pc; pc = i->imm; break;
        case RET: pc = stack[--sp]; break;
        case PRINT: printf("r%d = %d\n", i->a, regs[i->a]); break;
        case MOV: regs[i->a] = regs[i->b]; break;
        case INC: regs[i->a] += i->imm; break;
        }
    }
}

int main(void)
{
    /* count primes below r1 by trial division; r0 = count */
    static const insn primes[] = {
        /* 0 */ { LOADI, 0, 0, 0, 0 }, { LOADI, 1, 0, 0, 3000 }, { LOADI, 2, 0, 0, 2 },
        /* 3 outer: */ { JLT, 2, 1, 0, 5 }, { JMP, 0, 0, 0, 15 },
        /* 5 */ { LOADI, 3, 0, 0, 2 }, { CALL, 0, 0, 0, 17 }, { INC, 2, 0, 0, 1 }, { JMP, 0, 0, 0, 3 },
        /* 9..14 unused */ { HALT, 0, 0, 0, 0 }, { HALT, 0, 0, 0, 0 }, { HALT, 0, 0, 0, 0 }, { HALT, 0, 0, 0, 0 }, { HALT, 0, 0, 0, 0 }, { HALT, 0, 0, 0, 0 },
        /* 15 */ { PRINT, 0, 0, 0, 0 }, { HALT, 0, 0, 0, 0 },
        /* 17 is_prime(r2): r3 = divisor */ { MUL, 4, 3, 3, 0 }, { JLT, 2, 4, 0, 24 }, { MOD, 5, 2, 3, 0 }, { JZ, 5, 0, 0, 23 },
        /* 21 */ { INC, 3, 0, 0, 1 }, { JMP, 0, 0, 0, 17 },
        /* 23 composite */ { RET, 0, 0, 0, 0 },
        /* 24 prime */ { INC, 0, 0, 0, 1 }, { RET, 0, 0, 0, 0 },
    };
    int regs[8] = { 0 };
    long steps = 0;
    int r = run(primes, regs, &steps);
    printf("primes below 3000: %d in %ld steps\n", r, steps);
    /* factorial of 12 and sum 1..1000 */
    static const insn fact[] = {
        { LOADI, 0, 0, 0, 1 }, { LOADI, 1, 0, 0, 12 }, { LOADI, 2, 0, 0, 0 },
        /* 3 */ { JZ, 1, 0, 0, 7 }, { MUL, 0, 0, 1, 0 }, { INC, 1, 0, 0, -1 }, { JMP, 0, 0, 0, 3 },
        /* 7 */ { PRINT, 0, 0, 0, 0 }, { LOADI, 3, 0, 0, 1000 }, { LOADI, 4, 0, 0, 0 },
        /* 10 */ { ADD, 4, 4, 3, 0 }, { INC, 3, 0, 0, -1 }, { JZ, 3, 0, 0, 14 }, { JMP, 0, 0, 0, 10 },
        /* 14 */ { PRINT, 4, 0, 0, 0 }, { MOV, 0, 4, 0, 0 }, { HALT, 0, 0, 0, 0 },
    };
    steps = 0;
    r = run(fact, regs, &steps);
    printf("result %d steps %ld\n", r, steps);
    return r == 500500 ? 0 : 1;
}
