#!/usr/bin/python3
"""Writes a copy of a 32-bit big-endian ELF whose first PT_LOAD segment is moved
to the last page of the address space (vaddr 0xfffff000, 0x1000 bytes: it ends
at 4 GB exactly, an end that does not fit in 32 bits), for the loader's
bad-input test.

  patch_segment.py IN.elf OUT.elf
"""
import struct
import sys

data = bytearray(open(sys.argv[1], "rb").read())
phoff, = struct.unpack_from(">I", data, 28)
phentsize, phnum = struct.unpack_from(">HH", data, 42)
for i in range(phnum):
    at = phoff + i * phentsize
    if struct.unpack_from(">I", data, at)[0] == 1:  # PT_LOAD
        # p_vaddr, p_paddr, p_filesz, p_memsz
        struct.pack_into(">IIII", data, at + 8, 0xFFFFF000, 0xFFFFF000, 0x1000, 0x1000)
        break
open(sys.argv[2], "wb").write(data)
