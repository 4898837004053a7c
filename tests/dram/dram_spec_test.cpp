// Tests of the DRAM spec: the shipped JSON specs carry their datasheets'
// numbers, and every malformed spec is rejected with one line naming the
// origin, the key and the value.
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "pavp/dram/dram_spec.h"

namespace {

const std::string k_specs = std::string(PAVP_SOURCE_DIR) + "/models/dram/specs/";

// A valid spec; tests derive broken ones by replacing one piece of text.
const std::string k_valid = R"({
  "name": "test part",
  "source": "test datasheet",
  "architecture": {"data_rate": 2, "bus_width_bits": 64, "banks": 8, "rows": 16384,
                   "columns": 1024, "burst_length": 8},
  "address_mapping": ["row", "bank", "column"],
  "timing": {"tCK_ps": 1250, "CL": 11, "CWL": 8, "tRCD": 11, "tRP": 11, "tRAS": 28, "tWR": 12}
})";

std::string with(const std::string& from, const std::string& to) {
  std::string text = k_valid;
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test text lacks " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The message parse_dram_spec throws for text ("" if it does not throw).
std::string rejection(const std::string& text, const std::string& origin = "ddr3.json") {
  try {
    pavp::parse_dram_spec(text, origin);
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << "not one line: " << what;
    return what;
  }
  return "";
}

TEST(DramSpec, ShippedDdr3SpecCarriesTheDatasheetNumbers) {
  const pavp::dram_spec s = pavp::load_dram_spec_file(k_specs + "ddr3-1600-micron-mt41j128m8.json");
  EXPECT_NE(s.source.find("MT41J128M8"), std::string::npos);
  EXPECT_NE(s.source.find("-125"), std::string::npos);
  EXPECT_EQ(s.data_rate, 2u);
  EXPECT_EQ(s.bus_width_bits, 64u);
  EXPECT_EQ(s.banks, 8u);
  EXPECT_EQ(s.rows, 16384u);
  EXPECT_EQ(s.columns, 1024u);
  EXPECT_EQ(s.burst_length, 8u);
  EXPECT_EQ(s.tck_ps, 1250u);  // DDR3-1600: 800 MHz clock
  EXPECT_EQ(s.cl, 11u);
  EXPECT_EQ(s.cwl, 8u);
  EXPECT_EQ(s.rcd, 11u);  // 13.75 ns
  EXPECT_EQ(s.rp, 11u);   // 13.75 ns
  EXPECT_EQ(s.ras, 28u);  // 35 ns
  EXPECT_EQ(s.wr, 12u);   // 15 ns
  EXPECT_EQ(s.policy, pavp::page_policy::OPEN);
  EXPECT_EQ(s.mapping[0], pavp::address_field::ROW);
  EXPECT_EQ(s.mapping[1], pavp::address_field::BANK);
  EXPECT_EQ(s.mapping[2], pavp::address_field::COLUMN);
  EXPECT_EQ(s.burst_bytes(), 64u);
  EXPECT_EQ(s.burst_ps(), 5000u);  // BL8 at DDR: 4 clocks
  EXPECT_EQ(s.capacity_bytes(), 1ull << 30);
  // The struct's defaults are this spec's numbers.
  const pavp::dram_spec d;
  EXPECT_EQ(d.validate(), "");
  EXPECT_EQ(d.tck_ps, s.tck_ps);
  EXPECT_EQ(d.cl, s.cl);
  EXPECT_EQ(d.cwl, s.cwl);
  EXPECT_EQ(d.rcd, s.rcd);
  EXPECT_EQ(d.rp, s.rp);
  EXPECT_EQ(d.ras, s.ras);
  EXPECT_EQ(d.wr, s.wr);
  EXPECT_EQ(d.capacity_bytes(), s.capacity_bytes());
}

TEST(DramSpec, ShippedSdrSpecCarriesTheDatasheetNumbers) {
  const pavp::dram_spec s =
      pavp::load_dram_spec_file(k_specs + "sdr-pc100-micron-mt48lc16m8a2.json");
  EXPECT_NE(s.source.find("MT48LC16M8A2"), std::string::npos);
  EXPECT_EQ(s.data_rate, 1u);
  EXPECT_EQ(s.banks, 4u);
  EXPECT_EQ(s.rows, 4096u);
  EXPECT_EQ(s.columns, 1024u);
  EXPECT_EQ(s.burst_length, 4u);
  EXPECT_EQ(s.tck_ps, 10000u);  // PC100
  EXPECT_EQ(s.cl, 2u);
  EXPECT_EQ(s.cwl, 0u);
  EXPECT_EQ(s.rcd, 2u);  // 20 ns
  EXPECT_EQ(s.rp, 2u);   // 20 ns
  EXPECT_EQ(s.ras, 5u);  // 44 ns
  EXPECT_EQ(s.wr, 2u);   // 15 ns
  EXPECT_EQ(s.burst_bytes(), 32u);
  EXPECT_EQ(s.burst_ps(), 40000u);  // BL4 at SDR: 4 clocks
  EXPECT_EQ(s.capacity_bytes(), 128ull << 20);
}

TEST(DramSpec, ValidTextParses) {
  const pavp::dram_spec s = pavp::parse_dram_spec(k_valid, "t.json");
  EXPECT_EQ(s.name, "test part");
  EXPECT_EQ(s.source, "test datasheet");
  EXPECT_EQ(s.rcd, 11u);
  EXPECT_EQ(s.policy, pavp::page_policy::OPEN);
  const pavp::dram_spec closed = pavp::parse_dram_spec(
      with("\"address_mapping\"", "\"page_policy\": \"closed\", \"address_mapping\""), "t.json");
  EXPECT_EQ(closed.policy, pavp::page_policy::CLOSED);
}

TEST(DramSpec, RejectsBadJson) {
  const std::string msg = rejection(with("\"rows\": 16384,", "\"rows\": 16384"), "bad.json");
  EXPECT_EQ(msg.rfind("bad.json: not valid JSON (parse error at line", 0), 0u) << msg;
  EXPECT_EQ(rejection("[1, 2]", "x.json").rfind("x.json: top level: [1,2] is not accepted", 0), 0u);
  EXPECT_NE(rejection("").find("not valid JSON"), std::string::npos);
}

TEST(DramSpec, RejectsUnknownKeys) {
  EXPECT_EQ(rejection(with("\"name\"", "\"colour\": \"red\", \"name\"")),
            "ddr3.json: colour: unknown key (accepted here: name, source, notes, architecture, "
            "address_mapping, timing, page_policy)");
  const std::string msg = rejection(with("\"tRCD\"", "\"tRDC\""));
  EXPECT_EQ(msg.rfind("ddr3.json: timing.tRDC: unknown key (accepted here: tCK_ps, CL,", 0), 0u)
      << msg;
  EXPECT_NE(rejection(with("\"banks\"", "\"bank\"")).find("architecture.bank: unknown key"),
            std::string::npos);
}

TEST(DramSpec, RejectsMissingKeys) {
  EXPECT_EQ(rejection(with("\"tRP\": 11, ", "")),
            "ddr3.json: timing.tRP: missing (a positive integer number of clock cycles, at most "
            "10000)");
  EXPECT_EQ(rejection(with("\"source\": \"test datasheet\",", "")),
            "ddr3.json: source: missing (a non-empty string)");
  EXPECT_EQ(rejection(with("\"address_mapping\": [\"row\", \"bank\", \"column\"],", ""))
                .rfind("ddr3.json: address_mapping: missing (", 0),
            0u);
  EXPECT_NE(rejection(with("\"burst_length\": 8", "\"burst_length_x\": 8"))
                .find("architecture.burst_length_x: unknown key"),
            std::string::npos);
}

TEST(DramSpec, RejectsNonPositiveTiming) {
  EXPECT_EQ(rejection(with("\"tRCD\": 11", "\"tRCD\": -3")),
            "ddr3.json: timing.tRCD: -3 is not accepted (a positive integer number of clock "
            "cycles, at most 10000)");
  EXPECT_EQ(rejection(with("\"tRP\": 11", "\"tRP\": 0")),
            "ddr3.json: timing.tRP: 0 is not accepted (a positive integer number of clock "
            "cycles, at most 10000)");
  EXPECT_NE(rejection(with("\"tRAS\": 28", "\"tRAS\": 35.0"))
                .find("timing.tRAS: 35.0 is not accepted (a positive integer"),
            std::string::npos);
  EXPECT_NE(
      rejection(with("\"CL\": 11", "\"CL\": \"11\"")).find("timing.CL: \"11\" is not accepted"),
      std::string::npos);
  EXPECT_NE(rejection(with("\"tCK_ps\": 1250", "\"tCK_ps\": 0"))
                .find("timing.tCK_ps: 0 is not accepted (a positive integer number of "
                      "picoseconds"),
            std::string::npos);
  EXPECT_NE(
      rejection(with("\"tWR\": 12", "\"tWR\": 100000")).find("timing.tWR: 100000 is not accepted"),
      std::string::npos);
  // CWL may be 0 (SDR SDRAM) but not negative.
  EXPECT_EQ(rejection(with("\"CWL\": 8", "\"CWL\": 0")), "");
  EXPECT_NE(rejection(with("\"CWL\": 8", "\"CWL\": -1")).find("timing.CWL: -1 is not accepted"),
            std::string::npos);
}

TEST(DramSpec, RejectsBadArchitecture) {
  EXPECT_EQ(rejection(with("\"banks\": 8", "\"banks\": 6")),
            "ddr3.json: architecture.banks: 6 is not accepted (a power of two from 1 to 256)");
  EXPECT_NE(rejection(with("\"data_rate\": 2", "\"data_rate\": 4"))
                .find("architecture.data_rate: 4 is not accepted (1 (SDR) or 2 (DDR))"),
            std::string::npos);
  EXPECT_NE(rejection(with("\"bus_width_bits\": 64", "\"bus_width_bits\": 4"))
                .find("architecture.bus_width_bits: 4 is not accepted"),
            std::string::npos);
  // Cross-field: a burst must fit a row and last whole clock cycles.
  EXPECT_NE(rejection(with("\"columns\": 1024", "\"columns\": 4"))
                .find("architecture.columns: 4 is not accepted (a power of two from 1 to 65536, "
                      "at least architecture.burst_length)"),
            std::string::npos);
  EXPECT_NE(rejection(with("\"burst_length\": 8", "\"burst_length\": 1"))
                .find("architecture.burst_length: 1 is not accepted"),
            std::string::npos);
  EXPECT_EQ(rejection(R"({"name": "n", "source": "s", "architecture": [],
                          "address_mapping": ["row", "bank", "column"], "timing": {}})"),
            "ddr3.json: architecture: [] is not accepted (an object with data_rate, "
            "bus_width_bits, banks, rows, columns, burst_length)");
}

TEST(DramSpec, RejectsBadMappingAndPolicy) {
  EXPECT_NE(rejection(with("[\"row\", \"bank\", \"column\"]", "[\"row\", \"row\", \"column\"]"))
                .find("ddr3.json: address_mapping: [\"row\",\"row\",\"column\"] is not accepted"),
            std::string::npos);
  EXPECT_NE(rejection(with("[\"row\", \"bank\", \"column\"]", "[\"row\", \"bank\"]"))
                .find("address_mapping: [\"row\",\"bank\"] is not accepted"),
            std::string::npos);
  EXPECT_EQ(
      rejection(with("\"address_mapping\"", "\"page_policy\": \"lazy\", \"address_mapping\"")),
      "ddr3.json: page_policy: \"lazy\" is not accepted (\"open\" or \"closed\")");
  EXPECT_EQ(rejection(with("\"name\": \"test part\"", "\"name\": \"\"")),
            "ddr3.json: name: \"\" is not accepted (a non-empty string)");
}

TEST(DramSpec, UnreadableFileNamesThePath) {
  EXPECT_THROW(pavp::load_dram_spec_file("/dev/zero"), std::invalid_argument);  // never ends
  try {
    pavp::load_dram_spec_file("/nonexistent/ddr.json");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot open '/nonexistent/ddr.json': No such file or directory (a readable JSON "
              "DRAM spec file is accepted)");
  }
}

TEST(DramSpec, ValidateNamesTheField) {
  pavp::dram_spec s;
  s.rcd = 0;
  EXPECT_EQ(s.validate(),
            "timing.tRCD: 0 is not accepted (a positive integer number of clock cycles, at most "
            "10000)");
  s = pavp::dram_spec{};
  s.mapping = {pavp::address_field::BANK, pavp::address_field::BANK, pavp::address_field::ROW};
  EXPECT_EQ(s.validate().rfind("address_mapping: bank, bank, row is not accepted", 0), 0u);
  s = pavp::dram_spec{};
  s.source.clear();
  EXPECT_EQ(s.validate(), "source: \"\" is not accepted (a non-empty string)");
}

TEST(DramSpec, PagePolicyNames) {
  pavp::page_policy p = pavp::page_policy::OPEN;
  EXPECT_TRUE(pavp::parse("closed", p));
  EXPECT_EQ(p, pavp::page_policy::CLOSED);
  EXPECT_TRUE(pavp::parse("open", p));
  EXPECT_EQ(p, pavp::page_policy::OPEN);
  EXPECT_FALSE(pavp::parse("Open", p));
  EXPECT_FALSE(pavp::parse("", p));
  EXPECT_EQ(p, pavp::page_policy::OPEN);
  EXPECT_STREQ(pavp::to_string(pavp::page_policy::OPEN), "open");
  EXPECT_STREQ(pavp::to_string(pavp::page_policy::CLOSED), "closed");
}

}  // namespace
