/* sjlj_exceptions: try/catch emulation with a stack of jmp_bufs, nested handlers and rethrow.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf *handlers[8];
static int nh;

#define TRY(buf) do { jmp_buf buf; handlers[nh++] = &buf; int exc_ = setjmp(buf); if (exc_ == 0) {
#define CATCH(e) nh--; } else { int e = exc_; nh--;
#define END_TRY } } while (0)

static void throw_(int code) { longjmp(*handlers[nh - 1], code); }

static int parse_digit(char c) { if (c < '0' || c > '9') throw_(100 + c); return c - '0'; }

static int parse_number(const char *s)
{
    int v = 0;
    for (; *s; s++) v = v * 10 + parse_digit(*s);
    if (v > 1000) throw_(2);
    return v;
}

int main(void)
{
    const char *inputs[] = { "42", "7x1", "123456", "999", "", "0a" };
    volatile int total = 0, errors = 0;
    for (volatile int i = 0; i < 6; i++) {
        TRY(b1)
            int v = parse_number(inputs[i]);
            printf("%-8s -> %d\n", inputs[i], v);
            total += v;
        CATCH(e)
            printf("%-8s -> error %d\n", inputs[i], e);
            errors++;
        END_TRY;
    }
    volatile int outer_caught = 0;
    TRY(outer)
        TRY(inner)
            throw_(5);
        CATCH(e)
            printf("inner caught %d, rethrowing\n", e);
            throw_(e + 1);
        END_TRY;
    CATCH(e)
        printf("outer caught %d\n", e);
        outer_caught = e;
    END_TRY;
    printf("total %d errors %d handlers %d\n", total, errors, nh);
    return (total == 1041 && errors == 3 && outer_caught == 6) ? 0 : 1;
}
