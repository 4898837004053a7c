/* A C workload compiled for PA-RISC by hppa-linux-gnu-gcc-12 at several -O
 * levels and natively for the host: both must compute the same value. It is
 * plain C without headers so that it builds freestanding. */
typedef unsigned int u32;

struct node {
  int key;
  struct node* next;
};

static struct node nodes[64];
static int table[64];
static u32 bits_out[8];

struct packed {
  unsigned a : 3;
  unsigned b : 7;
  signed c : 5;
  unsigned d : 17;
};

static u32 rotl(u32 x, unsigned n) { return (x << (n & 31)) | (x >> ((32 - n) & 31)); }

static int classify(int x) {
  switch (x & 7) {
    case 0: return x / 3;
    case 1: return x % 7;
    case 2: return -x;
    case 3: return x * 5;
    case 4: return x >> 2;
    case 5: return (int)((u32)x >> 3);
    case 6: return x ^ 0x5a5a;
    default: return x + 1000;
  }
}

static void insertion_sort(int* a, int n) {
  for (int i = 1; i < n; ++i) {
    int v = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      --j;
    }
    a[j + 1] = v;
  }
}

u32 workload(u32 seed) {
  u32 h = seed;
  /* pseudo-random numbers, division and remainder (millicode) */
  for (int i = 0; i < 64; ++i) {
    h = h * 1103515245u + 12345u;
    table[i] = (int)(h >> 8) - (1 << 22);
  }
  insertion_sort(table, 64);
  u32 acc = 0;
  for (int i = 0; i < 64; ++i) {
    acc = rotl(acc, 5) ^ (u32)classify(table[i]);
    acc += (u32)table[i] / (u32)(i + 1) + (u32)(table[i] % (i + 3));
  }
  /* a linked list */
  struct node* head = 0;
  for (int i = 0; i < 64; ++i) {
    nodes[i].key = table[(i * 7) & 63];
    nodes[i].next = head;
    head = &nodes[i];
  }
  int smax = -2147483647 - 1;
  for (struct node* p = head; p; p = p->next) {
    if (p->key > smax) smax = p->key;
    acc += (u32)p->key;
  }
  /* bit fields */
  struct packed pk = {0, 0, 0, 0};
  for (int i = 0; i < 40; ++i) {
    pk.a += (unsigned)i;
    pk.b ^= (unsigned)(i * 3);
    pk.c -= 3;
    pk.d += (unsigned)(i * 1000);
    acc ^= (u32)pk.a + ((u32)pk.b << 3) + (u32)(pk.c * 17) + ((u32)pk.d << 7);
  }
  /* byte and halfword stores and loads */
  unsigned char bytes[32];
  unsigned short halves[16];
  for (int i = 0; i < 32; ++i) bytes[i] = (unsigned char)(acc >> (i & 24)) + (unsigned char)i;
  for (int i = 0; i < 16; ++i) halves[i] = (unsigned short)(bytes[2 * i] * 256 + bytes[2 * i + 1]);
  for (int i = 0; i < 16; ++i) acc = acc * 31u + halves[i];
  for (int i = 0; i < 8; ++i) bits_out[i] = acc >> i;
  /* signed division of negative numbers and shifts */
  int s = (int)acc;
  acc += (u32)(s / -7) + (u32)(s % 13) + (u32)(s >> 9) + (u32)(smax / 1000);
  return acc ^ bits_out[3];
}
