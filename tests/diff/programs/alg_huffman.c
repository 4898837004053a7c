/* alg_huffman: Huffman code construction from byte frequencies, encoding to bits and decoding back.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

typedef struct { int freq, left, right, sym; } hnode;
static hnode nodes[512];
static int nn;
static char codes[256][32];

static void assign(int i, char *prefix, int depth)
{
    if (nodes[i].sym >= 0) { prefix[depth] = 0; strcpy(codes[nodes[i].sym], depth ? prefix : "0"); return; }
    prefix[depth] = '0'; assign(nodes[i].left, prefix, depth + 1);
    prefix[depth] = '1'; assign(nodes[i].right, prefix, depth + 1);
}

int main(void)
{
    const char *text = "this is an example of a huffman tree built from the frequencies of the characters in this text, "
                       "encoded and decoded again to check that nothing is lost";
    int freq[256] = { 0 };
    for (const char *p = text; *p; p++) freq[(unsigned char)*p]++;
    int alive[512], na = 0;
    for (int c = 0; c < 256; c++) if (freq[c]) { nodes[nn] = (hnode){ freq[c], -1, -1, c }; alive[na++] = nn++; }
    while (na > 1) {
        int a = 0, b = 1;
        if (nodes[alive[b]].freq < nodes[alive[a]].freq) { a = 1; b = 0; }
        for (int i = 2; i < na; i++) {
            if (nodes[alive[i]].freq < nodes[alive[a]].freq) { b = a; a = i; }
            else if (nodes[alive[i]].freq < nodes[alive[b]].freq) b = i;
        }
        nodes[nn] = (hnode){ nodes[alive[a]].freq + nodes[alive[b]].freq, alive[a], alive[b], -1 };
        int hi = a > b ? a : b, lo = a < b ? a : b;
        alive[lo] = nn++;
        alive[hi] = alive[--na];
    }
    char prefix[32];
    assign(alive[0], prefix, 0);
    static char bits[8192];
    bits[0] = 0;
    for (const char *p = text; *p; p++) strcat(bits, codes[(unsigned char)*p]);
    for (int c = 0; c < 256; c++) if (freq[c] >= 6) printf("'%c' x%d -> %s\n", c, freq[c], codes[c]);
    char out[256];
    int o = 0;
    for (const char *b = bits; *b;) {
        int i = alive[0];
        while (nodes[i].sym < 0) i = *b++ == '0' ? nodes[i].left : nodes[i].right;
        out[o++] = (char)nodes[i].sym;
    }
    out[o] = 0;
    printf("%u chars -> %u bits, decoded equal %d\n", (unsigned)strlen(text), (unsigned)strlen(bits), strcmp(out, text) == 0);
    return strcmp(out, text) == 0 ? 0 : 1;
}
