#!/usr/bin/env python3
"""The address ranges of the kernel's inlined functions, for the Perfetto trace.

  inlined_ranges.py ADDR2LINE OBJDUMP KERNEL.elf OUT

The kernel is compiled with -g (which does not change its code), so its
debug information says which function, inlined into which, each instruction
comes from. For every function inlined into a function of the symbol table,
OUT gets one line

  <first> <end> <inlined function> <outer function> <outer first> <outer end>

(addresses hexadecimal, ends exclusive): the span from the first to the last
instruction the debug information gives the inlined function, which the
trace treats as that function's body (platform/study/perfetto_trace.h).
The compiler's scheduling leaves a few instructions of the outer function
among those of the inlined one; the span covers them.
"""
import re
import subprocess
import sys


def instructions(objdump, elf):
    """(address, enclosing symbol) of every instruction of .text."""
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", "-j", ".text", elf],
                         check=True, capture_output=True, text=True).stdout
    symbol = None
    for line in out.splitlines():
        m = re.match(r"^([0-9a-f]+) <([^>]+)>:$", line)
        if m:
            symbol = m.group(2)
            continue
        m = re.match(r"^\s*([0-9a-f]+):\s", line)
        if m and symbol:
            yield int(m.group(1), 16), symbol


def inline_chains(addr2line, elf, addresses):
    """For each address, the names addr2line -i gives, innermost first."""
    text = "".join(f"{a:#x}\n" for a in addresses)
    out = subprocess.run([addr2line, "-f", "-i", "-a", "-e", elf], input=text, check=True,
                         capture_output=True, text=True).stdout
    chains = []
    for line in out.splitlines():
        if line.startswith("0x"):
            chains.append([])
        elif chains and ":" not in line:
            chains[-1].append(line.strip())
    return chains


def main():
    addr2line, objdump, elf, out_path = sys.argv[1:5]
    insns = list(instructions(objdump, elf))
    chains = inline_chains(addr2line, elf, [a for a, _ in insns])
    if len(chains) != len(insns):
        sys.exit(f"inlined_ranges.py: {len(insns)} instructions, {len(chains)} answers")
    ranges = {}
    outer = {}
    for address, symbol in insns:
        first, end = outer.get(symbol, (address, address + 4))
        outer[symbol] = (min(first, address), max(end, address + 4))
    for (address, symbol), chain in zip(insns, chains):
        for name in chain[:-1]:  # the last one is the function itself
            if name == symbol or name == "??":
                continue
            key = (symbol, name)
            first, end = ranges.get(key, (address, address + 4))
            ranges[key] = (min(first, address), max(end, address + 4))
    with open(out_path, "w") as f:
        for (symbol, name), (first, end) in sorted(ranges.items(), key=lambda kv: kv[1]):
            o_first, o_end = outer[symbol]
            f.write(f"{first:#010x} {end:#010x} {name} {symbol} {o_first:#010x} {o_end:#010x}\n")


if __name__ == "__main__":
    main()
