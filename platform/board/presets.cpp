// The presets: named sets of values over the schema defaults. Each names the
// source of its numbers. Sources are cited from shared/reference/fork-cache-bug.md
// (§5 "PA-RISC data-cache parameters", §6 "Cost of flushing") with that file's
// abbreviations: [PCXL-ERS] PA7100LC ERS, [PCXL2-ERS] PA7300LC ERS, [8500] the
// ISSCC'97 PA-8500 paper, [WIKI-PL] the parisc wiki's processor limitations page,
// [LP] the linux-parisc list archive. A value no source gives is marked
// "choice" here and listed in the preset's `choices` line.
#include <fmt/format.h>

#include "platform/board/config.h"

namespace pavp {

namespace {

// The DRAM spec every preset starts from (models/dram/specs/NAME.json).
// choice: the fact sheet gives no memory timings for these machines; PC100 SDR
// SDRAM is of their era (1996-2000) and has a 32-byte burst, one PA7x00 line.
constexpr const char* k_dram_spec = "sdr-pc100-micron-mt48lc16m8a2";

std::vector<preset> make_presets() {
  std::vector<preset> list;

  // ---------------------------------------------------------------- pa7300lc
  // PA7300LC (PCX-L2), the CPU of the HP B160L. §5: "64 KB on-chip, 32 B, 2-way,
  // virtually indexed, physically tagged; 'Hashing has been eliminated'; index
  // 'directly derived from the virtual offset' (each way 32 KB)" [PCXL2-ERS §6, §14].
  // §6: "Data cache flushes and purges are subject to an unconditional one cycle
  // stall ... Instruction cache flushes have a six cycle stall penalty"
  // [PCXL2-ERS §14.5, §14.7].
  list.push_back(preset{
      "pa7300lc",
      "PA7300LC (HP B160L): 64 KB 2-way VIPT write-back D-cache, 32-byte lines, no hashing",
      "PA7300LC ERS §6, §14 (fork-cache-bug.md §5, §6)",
      "choices: 160 MHz (the B160L's model number); I-cache 64 KB 2-way 32-byte lines like the "
      "D-cache (the fact sheet covers the D side); LRU; write-allocate; 1-cycle hit; "
      "FDCE = FDC and FICE = FIC per line; DRAM spec, bus latency and address map are pavp's",
      {
          {"cpu.clock_mhz", "160"},       // choice: the B160L's model number; not in the fact sheet
          {"dcache.size", "64K"},         // [PCXL2-ERS §6, §14]: 64 KB on-chip
          {"dcache.associativity", "2"},  // [PCXL2-ERS §6, §14]: 2-way
          {"dcache.line", "32"},          // [PCXL2-ERS §6, §14]: 32 B
          {"dcache.index", "virtual"},    // [PCXL2-ERS §6, §14]: "Hashing has been eliminated"
          {"dcache.replacement", "lru"},  // choice
          {"dcache.write_back", "true"},  // VIPT-WB: the subject of the study (DESIGN.md)
          {"dcache.write_allocate", "true"},  // choice
          {"dcache.hit_latency", "1"},        // choice
          {"dcache.miss_penalty", "1"},       // choice: the memory time comes on top
          {"dcache.fdc_cycles", "1"},         // [PCXL2-ERS §14.5]: "unconditional one cycle stall"
          {"dcache.pdc_cycles", "1"},         // [PCXL2-ERS §14.5]: flushes *and purges*
          {"dcache.fdce_cycles", "1"},        // choice: as FDC (the ERS gives no separate number)
          {"dcache.fic_cycles", "6"},         // [PCXL2-ERS §14.7]: "six cycle stall penalty"
          {"dcache.fice_cycles", "6"},        // choice: as FIC
          {"icache.size", "64K"},             // choice: the fact sheet gives the D side only
          {"icache.associativity", "2"},      // choice: as the D-cache
          {"icache.line", "32"},              // choice: as the D-cache
          {"icache.index", "virtual"},        // [PCXL2-ERS]: no hashing
          {"icache.replacement", "lru"},      // choice
          {"icache.write_back", "true"},      // an I-cache is never written by stores
          {"icache.write_allocate", "true"},
          {"icache.hit_latency", "1"},   // choice
          {"icache.miss_penalty", "1"},  // choice
          {"icache.fdc_cycles", "1"},    // as the D side
          {"icache.pdc_cycles", "1"},
          {"icache.fdce_cycles", "1"},
          {"icache.fic_cycles", "6"},   // [PCXL2-ERS §14.7]
          {"icache.fice_cycles", "6"},  // choice: as FIC
          {"dram.spec", k_dram_spec},
      }});

  // ---------------------------------------------------------------- pa7100lc
  // PA7100LC (PCX-L). §5: "combined off-chip I+D 8 KB–2 MB", "32 B, copy-back",
  // "direct mapped", "hashed address, virtual index; in virtual mode cache
  // address bits DADH[12:19] = VA bits XOR space-ID bits 24–31 when the diagnose
  // hash-enable bit is set" [PCXL-ERS §1.3, §4]. In PA-RISC (big-endian) bit
  // numbering VA bits 12..19 are bits 19..12 counting from the least significant
  // bit, and space-ID bits 24..31 are its 8 low bits: hash_shift 12,
  // hash_space_bits 8. §6: "The minimum penalty for FLUSH/PURGE D-Cache hits is
  // one cycle" [PCXL-ERS §4].
  list.push_back(preset{
      "pa7100lc",
      "PA7100LC-style: 64 KB direct-mapped hashed D-cache (space id XOR VA bits 12..19), "
      "32-byte lines",
      "PA7100LC ERS §1.3, §4 (fork-cache-bug.md §5, §6)",
      "choices: 64 KB each for I and D, split (the ERS documents one combined off-chip cache "
      "of 8 KB-2 MB; 64 KB keeps the capacity of pa7300lc so the presets differ in hashing "
      "and associativity); 100 MHz; FIC 6 cycles (PA7300LC's figure); 1-cycle hit",
      {
          {"cpu.clock_mhz", "100"},           // choice: not in the fact sheet
          {"dcache.size", "64K"},             // choice within [PCXL-ERS]'s 8 KB-2 MB
          {"dcache.associativity", "1"},      // [PCXL-ERS]: direct mapped
          {"dcache.line", "32"},              // [PCXL-ERS]: 32 B
          {"dcache.index", "hashed"},         // [PCXL-ERS §4]: hashed address, virtual index
          {"dcache.hash_space_bits", "8"},    // [PCXL-ERS]: space-ID bits 24..31
          {"dcache.hash_shift", "12"},        // [PCXL-ERS]: into VA bits 12..19
          {"dcache.replacement", "lru"},      // (one way: no choice to make)
          {"dcache.write_back", "true"},      // [PCXL-ERS]: copy-back
          {"dcache.write_allocate", "true"},  // choice
          {"dcache.hit_latency", "1"},        // choice
          {"dcache.miss_penalty", "1"},       // choice
          {"dcache.fdc_cycles", "1"},         // [PCXL-ERS §4]: "minimum penalty ... is one cycle"
          {"dcache.pdc_cycles", "1"},         // [PCXL-ERS §4]: FLUSH/PURGE
          {"dcache.fdce_cycles", "1"},        // choice: as FDC
          {"dcache.fic_cycles", "6"},         // choice: PA7300LC's figure [PCXL2-ERS §14.7]
          {"dcache.fice_cycles", "6"},        // choice: as FIC
          // The ERS's cache is combined I+D, so the I side hashes the same way.
          {"icache.size", "64K"},  // choice (see above)
          {"icache.associativity", "1"},
          {"icache.line", "32"},
          {"icache.index", "hashed"},
          {"icache.hash_space_bits", "8"},
          {"icache.hash_shift", "12"},
          {"icache.replacement", "lru"},
          {"icache.write_back", "true"},
          {"icache.write_allocate", "true"},
          {"icache.hit_latency", "1"},
          {"icache.miss_penalty", "1"},
          {"icache.fdc_cycles", "1"},
          {"icache.pdc_cycles", "1"},
          {"icache.fdce_cycles", "1"},
          {"icache.fic_cycles", "6"},
          {"icache.fice_cycles", "6"},
          {"dram.spec", k_dram_spec},
      }});

  // ---------------------------------------------------------------- pa8500
  // PA8500 (PCX-W), the first PA-8x00 with on-chip L1. §5: "1 MB D, 0.5 MB I
  // on-chip", "32 or 64 B", "4-way", "VIPT" [8500]; PA8600: 64 B lines, 4-way,
  // VIPT (7-cpu.com). The [8500] title gives the clock: "A 500 MHz 1.5 MByte
  // cache with on-chip CPU". Linux turns space hashing off on PA 2.0
  // (SRHASH_PA20, §5), so the index is the virtual offset. Write-back: Linux's
  // /proc/cpuinfo on PA8500/PA8600 shows "D-cache : 1024 KB (WB, ...)" ([LP]
  // cpuinfo dumps, §5). §6: per-line FDC latency on PA-8x00 is UNVERIFIED; the
  // one measured figure is a range flush on a PA8800 rp3440, 5,080,984 cycles
  // for 16,777,216 bytes = 0.30 cycles/byte, i.e. about 19 cycles per 64-byte
  // line (derived; it includes the loop around each FDC).
  list.push_back(
      preset{"pa8500",
             "PA8500/8700-style: 1 MB 4-way VIPT write-back D-cache, 0.5 MB 4-way I-cache, "
             "64-byte lines",
             "PA-8500 ISSCC'97 paper, parisc wiki, 7-cpu.com PA-8600, rp3440 flush timing "
             "(fork-cache-bug.md §5, §6)",
             "choices: 64-byte lines (the sources say 32 or 64); LRU; write-allocate; 2-cycle hit; "
             "FDC/PDC/FDCE 19 cycles per line (derived from the PA8800 range-flush measurement, "
             "per-FDC latency on PA-8x00 is UNVERIFIED); FIC/FICE 6 cycles (PA7300LC's figure)",
             {
                 {"cpu.clock_mhz", "500"},           // [8500]: "A 500 MHz ..."
                 {"dcache.size", "1M"},              // [8500]: 1 MB D
                 {"dcache.associativity", "4"},      // [8500], [WIKI-PL]: 4-way
                 {"dcache.line", "64"},              // choice of "32 or 64 B"; PA8600: 64 B
                 {"dcache.index", "virtual"},        // VIPT; space hashing off (SRHASH_PA20)
                 {"dcache.replacement", "lru"},      // choice
                 {"dcache.write_back", "true"},      // [LP] cpuinfo "WB"
                 {"dcache.write_allocate", "true"},  // choice
                 {"dcache.hit_latency", "2"},        // choice
                 {"dcache.miss_penalty", "1"},       // choice
                 {"dcache.fdc_cycles", "19"},    // derived: 0.30 cycles/byte x 64 B (rp3440, §6)
                 {"dcache.pdc_cycles", "19"},    // choice: as FDC
                 {"dcache.fdce_cycles", "19"},   // choice: as FDC
                 {"dcache.fic_cycles", "6"},     // choice: PA7300LC's figure
                 {"dcache.fice_cycles", "6"},    // choice: as FIC
                 {"icache.size", "512K"},        // [8500]: 0.5 MB I
                 {"icache.associativity", "4"},  // [8500]: 4-way
                 {"icache.line", "64"},          // choice, as the D side
                 {"icache.index", "virtual"},
                 {"icache.replacement", "lru"},
                 {"icache.write_back", "true"},
                 {"icache.write_allocate", "true"},
                 {"icache.hit_latency", "2"},
                 {"icache.miss_penalty", "1"},
                 {"icache.fdc_cycles", "19"},
                 {"icache.pdc_cycles", "19"},
                 {"icache.fdce_cycles", "19"},
                 {"icache.fic_cycles", "6"},
                 {"icache.fice_cycles", "6"},
                 {"dram.spec", k_dram_spec},
             }});

  // ---------------------------------------------------------------- pipt
  // The non-aliasing reference (DESIGN.md, "The fixes": `pipt` (hardware)): the
  // pa7300lc geometry and costs with the index taken from the physical address.
  preset pipt = list.front();
  pipt.name = "pipt";
  pipt.description = "pa7300lc geometry, physically indexed (PIPT): the non-aliasing reference";
  pipt.source = "pa7300lc's: PA7300LC ERS §6, §14 (fork-cache-bug.md §5, §6); index changed";
  pipt.choices = "choices: as pa7300lc; both caches physically indexed";
  pipt.reference = true;
  for (preset_value& v : pipt.values) {
    if (std::string(v.key) == "dcache.index" || std::string(v.key) == "icache.index") {
      v.value = "physical";
    }
  }
  list.push_back(pipt);

  return list;
}

}  // namespace

const std::vector<preset>& presets() {
  static const std::vector<preset> list = make_presets();
  return list;
}

const preset* find_preset(const std::string& name) {
  for (const preset& p : presets()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> cpu_preset_names() {
  std::vector<std::string> names;
  for (const preset& p : presets()) {
    if (!p.reference) names.push_back(p.name);
  }
  return names;
}

std::string presets_text() {
  std::string text;
  for (const preset& p : presets()) {
    text += fmt::format("{}{}\n  {}\n  source: {}\n  {}\n\n", p.name,
                        p.name == k_default_preset ? " (default)" : "", p.description, p.source,
                        p.choices);
  }
  return text;
}

}  // namespace pavp
