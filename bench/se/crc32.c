/* Benchmark: bitwise CRC-32 (IEEE 802.3, reflected) of a pseudo-random buffer. */
#include <stdio.h>

#define LEN (1 << 20)
static unsigned char buf[LEN];

static unsigned crc32(const unsigned char* p, unsigned n) {
  unsigned crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1u));
  }
  return ~crc;
}

int main(void) {
  unsigned x = 12345;
  for (unsigned i = 0; i < LEN; ++i) {
    x = x * 1103515245u + 12345u;
    buf[i] = (unsigned char)(x >> 16);
  }
  unsigned crc = 0;
  for (int r = 0; r < 4; ++r) crc ^= crc32(buf, LEN) + (unsigned)r;
  printf("crc32: %08x\n", crc);
  return 0;
}
