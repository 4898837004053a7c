/* Benchmark: 160x160 integer matrix multiply, three times. */
#include <stdio.h>

#define N 160
static int a[N][N], b[N][N], c[N][N];

int main(void) {
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      a[i][j] = (i * 7 + j * 3) % 17 - 8;
      b[i][j] = (i * 5 + j * 11) % 13 - 6;
    }
  long long sum = 0;
  for (int r = 0; r < 3; ++r) {
    for (int i = 0; i < N; ++i)
      for (int j = 0; j < N; ++j) {
        int s = 0;
        for (int k = 0; k < N; ++k) s += a[i][k] * b[k][j];
        c[i][j] = s + r;
      }
    for (int i = 0; i < N; ++i) sum += c[i][(i * 13) % N];
  }
  printf("matmul checksum: %lld\n", sum);
  return 0;
}
