/*
 * pavp kernel: the few library routines gcc may call even in a freestanding
 * build (memset, memcpy).
 */
#include "kernel.h"

void *memset(void *s, int c, size_t n)
{
  u8 *p = s;
  while (n--) *p++ = (u8)c;
  return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
  u8 *dp = d;
  const u8 *sp = s;
  while (n--) *dp++ = *sp++;
  return d;
}
