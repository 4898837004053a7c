/* str_hex_dump: hexdump of a byte buffer with offsets and ASCII column; hex parsing back.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

static int hexval(int c) { return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10; }

int main(void)
{
    unsigned char data[75];
    for (int i = 0; i < 75; i++) data[i] = (unsigned char)((i * 29 + 11) ^ (i >> 2));
    memcpy(data + 20, "PA-RISC 1.1", 11);
    char dump[1024];
    size_t pos = 0;
    for (int off = 0; off < 75; off += 16) {
        pos += (size_t)snprintf(dump + pos, sizeof dump - pos, "%08x ", off);
        for (int i = 0; i < 16; i++) {
            if (off + i < 75) pos += (size_t)snprintf(dump + pos, sizeof dump - pos, " %02x", data[off + i]);
            else pos += (size_t)snprintf(dump + pos, sizeof dump - pos, "   ");
        }
        pos += (size_t)snprintf(dump + pos, sizeof dump - pos, "  |");
        for (int i = 0; i < 16 && off + i < 75; i++) dump[pos++] = isprint(data[off + i]) ? (char)data[off + i] : '.';
        dump[pos++] = '|';
        dump[pos++] = '\n';
        dump[pos] = 0;
    }
    fputs(dump, stdout);
    unsigned char back[75];
    int n = 0;
    for (const char *line = dump; *line; line = strchr(line, '\n') + 1) {
        const char *p = line + 9;
        for (int i = 0; i < 16 && n < 75; i++, p += 3) {
            if (p[1] == ' ') break;
            back[n++] = (unsigned char)(hexval((unsigned char)p[1]) * 16 + hexval((unsigned char)p[2]));
        }
    }
    printf("parsed %d bytes, equal %d\n", n, n == 75 && !memcmp(back, data, 75));
    return 0;
}
