// A DRAM memory spec in the style of DRAMSys's memspecs: the organisation of
// one channel (banks, rows, columns, data bus, burst), how a physical address
// is split into row, bank and column, and the timing parameters the timing
// model uses, in DRAM clock cycles. Plain data; validate() tells what is wrong.
//
// The JSON form (models/dram/specs/*.json; every key below is required unless
// marked optional, and any other key is rejected):
//
//   {
//     "name": "DDR3-1600 ...",             one line
//     "source": "Micron ... datasheet",    where every number comes from
//     "notes": "...",                      optional: derivations, choices
//     "architecture": {
//       "data_rate": 2,          1 = SDR, 2 = DDR (data words per clock cycle)
//       "bus_width_bits": 64,    data bus of the channel (all chips of a rank)
//       "banks": 8,
//       "rows": 16384,           per bank
//       "columns": 1024,         per row, in data-bus words
//       "burst_length": 8        data-bus words per READ or WRITE
//     },
//     "address_mapping": ["row", "bank", "column"],   most significant first
//     "timing": {
//       "tCK_ps": 1250,          clock period in picoseconds
//       "CL": 11, "CWL": 8,      READ and WRITE latency (CWL may be 0: SDR SDRAM)
//       "tRCD": 11, "tRP": 11, "tRAS": 28, "tWR": 12   all in clock cycles
//     },
//     "page_policy": "open"      optional: "open" (default) or "closed"
//   }
//
// Address mapping: the lowest log2(bus_width_bits / 8 * burst_length) bits of
// a physical address select a byte within one burst (and the low column
// bits). The remaining bits are split into the three fields in the order
// given, the last listed being the least significant; "column" there counts
// bursts within a row (columns / burst_length values). So ["row", "bank",
// "column"] keeps a whole row in one bank (page interleaving) and ["row",
// "column", "bank"] spreads consecutive bursts over the banks. Bits above the
// most significant field are ignored (the timing of a larger memory wraps).
#ifndef PAVP_DRAM_DRAM_SPEC_H
#define PAVP_DRAM_DRAM_SPEC_H

#include <array>
#include <cstdint>
#include <string>

namespace pavp {

// When a bank's row is closed.
enum class page_policy : std::uint8_t {
  OPEN,    // the row stays open until an access to another row of the bank
  CLOSED,  // every access ends with an auto-precharge
};

const char* to_string(page_policy p);
bool parse(const std::string& text, page_policy& out);  // "open", "closed"

// One field of the address mapping.
enum class address_field : std::uint8_t { ROW, BANK, COLUMN };

const char* to_string(address_field f);
bool parse(const std::string& text, address_field& out);  // "row", "bank", "column"

struct dram_spec {
  // The defaults are those of specs/ddr3-1600-micron-mt41j128m8.json.
  std::string name = "DDR3-1600 11-11-11, 64-bit rank of eight Micron MT41J128M8 (-125)";
  // Citation: the datasheet or standard every number comes from.
  std::string source =
      "Micron 1Gb x4/x8/x16 DDR3 SDRAM data sheet, speed grade -125; JEDEC JESD79-3F "
      "(CWL); see models/dram/specs/ddr3-1600-micron-mt41j128m8.json";
  std::string notes;  // optional: how the cycle counts were derived

  // Architecture of one channel.
  unsigned data_rate = 2;        // data words per clock: 1 = SDR, 2 = DDR
  unsigned bus_width_bits = 64;  // power of two, 8 .. 1024
  unsigned banks = 8;            // power of two
  std::uint64_t rows = 16384;    // per bank, power of two
  std::uint64_t columns = 1024;  // per row, in bus words, power of two >= burst_length
  unsigned burst_length = 8;     // bus words per column command, power of two >= data_rate
  std::array<address_field, 3> mapping = {address_field::ROW, address_field::BANK,
                                          address_field::COLUMN};  // most significant first

  // Timing, in DRAM clock cycles of tck_ps.
  std::uint64_t tck_ps = 1250;
  unsigned cl = 11;   // READ command to first data (CAS latency)
  unsigned cwl = 8;   // WRITE command to first data (CAS write latency; 0 for SDR)
  unsigned rcd = 11;  // ACTIVATE to READ/WRITE
  unsigned rp = 11;   // PRECHARGE to ACTIVATE
  unsigned ras = 28;  // ACTIVATE to PRECHARGE, minimum
  unsigned wr = 12;   // end of write data to PRECHARGE (write recovery)

  page_policy policy = page_policy::OPEN;  // default policy of a memory built from this spec

  std::uint64_t bus_bytes() const { return bus_width_bits / 8; }
  std::uint64_t burst_bytes() const { return bus_bytes() * burst_length; }
  // Bytes one rank of the spec addresses: banks * rows * columns * bus_bytes.
  std::uint64_t capacity_bytes() const { return bus_bytes() * columns * rows * banks; }
  // Time the data bus carries one burst: burst_length / data_rate cycles.
  std::uint64_t burst_ps() const { return tck_ps * burst_length / data_rate; }
  std::uint64_t cycles_ps(std::uint64_t cycles) const { return cycles * tck_ps; }

  // Empty when valid; otherwise one line naming the key as in the JSON form
  // (e.g. "timing.tRCD"), the value and what is accepted.
  std::string validate() const;
};

// Parses the JSON form above. Throws std::invalid_argument with one line,
// "ORIGIN: KEY: VALUE is not accepted (WHAT IS ACCEPTED)", for bad JSON, a
// missing or unknown key, a value of the wrong type or out of range.
dram_spec parse_dram_spec(const std::string& json_text, const std::string& origin);

// Reads and parses a spec file; the origin in messages is the path as given.
dram_spec load_dram_spec_file(const std::string& path);
// The largest spec file load_dram_spec_file and the configuration accept.
constexpr std::size_t k_max_spec_bytes = 1 << 20;

}  // namespace pavp

#endif  // PAVP_DRAM_DRAM_SPEC_H
