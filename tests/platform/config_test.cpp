// Test bench of the platform configuration: every rejection names the key, the
// value and what is accepted in one line; presets give their documented
// geometry; layering order; the `pavp` command line as a process.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "platform/board/config.h"
#include "run_command.h"
#include "temp_dir.h"

namespace {

namespace fs = std::filesystem;
using pavp::test::temp_dir;

// The message of the config_error that fn throws; fails the test when none.
template <typename F>
std::string error_of(F&& fn) {
  try {
    fn();
  } catch (const pavp::config_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no config_error";
  return {};
}

pavp::platform_config load_with(std::vector<std::string> overrides, std::string preset = "",
                                std::string file = "") {
  pavp::config_sources s;
  s.preset = std::move(preset);
  s.config_file = std::move(file);
  s.overrides = std::move(overrides);
  return pavp::load_config(s);
}

std::string rejection(std::vector<std::string> overrides, std::string preset = "",
                      std::string file = "") {
  return error_of([&] { load_with(overrides, preset, file); });
}

// One line that names every one of the words.
void expect_names(const std::string& message, std::initializer_list<const char*> words) {
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_FALSE(message.empty());
  for (const char* w : words)
    EXPECT_NE(message.find(w), std::string::npos) << w << " in: " << message;
}

// ------------------------------------------------------------------ rejections

TEST(config_reject, UnknownKeySuggestsCloseMatch) {
  const std::string m = rejection({"dcache.sise=64K"});
  expect_names(m, {"dcache.sise", "64K", "unknown key", "dcache.size"});
}

TEST(config_reject, UnknownKeyListsItsGroup) {
  const std::string m = rejection({"dcache.colour=3"});
  expect_names(m, {"dcache.colour", "3", "dcache keys:", "associativity", "fdc_cycles"});
}

TEST(config_reject, UnknownGroupListsGroups) {
  const std::string m = rejection({"l2cache.enable=true"});
  expect_names(m, {"l2cache.enable", "true", "cpu", "dcache", "limits"});
}

TEST(config_reject, UnknownPreset) {
  const std::string m = rejection({}, "pa9000");
  expect_names(m, {"preset", "pa9000", "pa7300lc", "pa7100lc", "pa8500", "pipt"});
  expect_names(error_of([] { pavp::config_builder b("pa9000"); }), {"preset", "pa9000"});
}

TEST(config_reject, SizeNotPowerOfTwo) {
  expect_names(rejection({"dcache.size=48K"}), {"dcache.size", "48K", "power of two"});
  expect_names(rejection({"icache.size=3000"}), {"icache.size", "3000", "power of two"});
}

TEST(config_reject, SizeWithFractionOrJunk) {
  expect_names(rejection({"dcache.size=1.5M"}), {"dcache.size", "1.5M", "K, M or G"});
  expect_names(rejection({"dcache.size=64Q"}), {"dcache.size", "64Q"});
  expect_names(rejection({"dcache.size="}), {"dcache.size", "\"\""});
}

TEST(config_reject, LineNotMultipleOfFour) {
  expect_names(rejection({"dcache.line=30"}), {"dcache.line", "30", "multiple of 4"});
  expect_names(rejection({"icache.line=2"}), {"icache.line", "2", "multiple of 4"});
  // A multiple of 4 that is no power of two cannot index a set either.
  expect_names(rejection({"dcache.line=48"}), {"dcache.line", "48", "power of two"});
}

TEST(config_reject, LineLargerThanCache) {
  expect_names(rejection({"dcache.size=64", "dcache.line=128"}),
               {"dcache.line", "128", "dcache.size"});
}

TEST(config_reject, AssociativityNotDividingLines) {
  // 64 KB / 32 B = 2048 lines; 3 ways do not divide them.
  expect_names(rejection({"dcache.associativity=3"}),
               {"dcache.associativity", "3", "2048 lines", "divisor"});
  // 4 ways, but only 2 lines: the key set last (associativity) is named.
  expect_names(rejection({"icache.size=64", "icache.associativity=4"}),
               {"icache.associativity", "4", "2 lines"});
  // The same cache shrunk afterwards: now the size is named.
  expect_names(rejection({"icache.associativity=4", "icache.size=64"}),
               {"icache.size", "64", "ways"});
}

TEST(config_reject, OverlappingAddressMap) {
  const std::string m = rejection({"map.simctl.base=0xffe00000"});
  expect_names(m, {"map.simctl.base", "0xffe00000", "simctl", "console", "overlap"});
  // DRAM grown into the console: the size is what changed.
  const std::string d = rejection({"map.console.base=0x08000000", "dram.size=256M"});
  expect_names(d, {"dram.size", "256M", "dram", "console", "overlap"});
  // A device region grown over its neighbour.
  expect_names(rejection({"map.console.size=64K"}),
               {"map.console.size", "64K", "console", "simctl"});
}

TEST(config_reject, AddressNotAlignedOrOutOfRange) {
  expect_names(rejection({"map.console.base=0xf0000100"}),
               {"map.console.base", "0xf0000100", "0x1000"});
  expect_names(rejection({"map.simctl.base=0x100000000"}), {"map.simctl.base", "0x100000000"});
  expect_names(rejection({"map.console.base=0xfffff000", "map.console.size=64K"}),
               {"map.console.size", "64K", "32-bit"});
}

TEST(config_reject, BadEnumValue) {
  expect_names(rejection({"dcache.replacement=plru"}),
               {"dcache.replacement", "plru", "lru, fifo, random"});
  expect_names(rejection({"icache.index=colour"}),
               {"icache.index", "colour", "virtual, hashed, physical"});
  expect_names(rejection({"dram.page_policy=adaptive"}),
               {"dram.page_policy", "adaptive", "open", "closed"});
}

TEST(config_reject, BadBoolAndInteger) {
  expect_names(rejection({"dcache.write_back=maybe"}),
               {"dcache.write_back", "maybe", "true or false"});
  expect_names(rejection({"cpu.clock_mhz=0"}), {"cpu.clock_mhz", "0", "from 1 to"});
  expect_names(rejection({"cpu.clock_mhz=-5"}), {"cpu.clock_mhz", "-5"});
  expect_names(rejection({"dcache.hash_shift=40"}), {"dcache.hash_shift", "40", "from 0 to 31"});
}

TEST(config_reject, AssignmentWithoutEquals) {
  expect_names(rejection({"dcache.size"}), {"--set", "dcache.size", "key=value"});
}

TEST(config_reject, UnknownDramSpecName) {
  const std::vector<std::string> shipped = pavp::shipped_dram_specs();
  ASSERT_FALSE(shipped.empty());
  const std::string m = rejection({"dram.spec=ddr9-9999"});
  expect_names(m, {"dram.spec", "ddr9-9999", "shipped", shipped.front().c_str(), ".json"});
}

TEST(config_reject, MissingDramSpecFile) {
  expect_names(rejection({"dram.spec=/nonexistent/mem.json"}),
               {"dram.spec", "/nonexistent/mem.json", "cannot read"});
}

TEST(config_reject, InvalidDramSpecFile) {
  const temp_dir dir("pavp_config_test");
  const std::string path = dir.write("bad.json", R"({"name": "x"})");
  expect_names(rejection({"dram.spec=" + path}), {"dram.spec", path.c_str()});
}

TEST(config_reject, BadJsonSyntaxNamesFileLineColumn) {
  const temp_dir dir("pavp_config_test");
  const std::string path =
      dir.write("broken.json", "{\n  \"dcache\": {\n    \"size\" \"64K\"\n  }\n}\n");
  const std::string m = rejection({}, "", path);
  expect_names(m, {path.c_str(), ":3:", "invalid JSON"});
}

TEST(config_reject, JsonTopLevelNotObject) {
  const temp_dir dir("pavp_config_test");
  const std::string path = dir.write("list.json", "[1, 2]");
  expect_names(rejection({}, "", path), {path.c_str(), "array", "object"});
}

TEST(config_reject, MissingConfigFile) {
  expect_names(rejection({}, "", "/nonexistent/study.json"),
               {"--config", "/nonexistent/study.json"});
}

TEST(config_reject, BadValueInJsonNamesFileKeyAndValue) {
  const temp_dir dir("pavp_config_test");
  const std::string path = dir.write("c.json", R"({"dcache": {"size": "48K"}})");
  expect_names(rejection({}, "", path), {path.c_str(), "dcache.size", "48K", "power of two"});
  const std::string frac = dir.write("f.json", R"({"dcache": {"size": 1.5}})");
  expect_names(rejection({}, "", frac), {"dcache.size", "1.5"});
  const std::string arr = dir.write("a.json", R"({"dcache": {"line": [32]}})");
  expect_names(rejection({}, "", arr), {"dcache.line", "[32]"});
  const std::string unk = dir.write("u.json", R"({"dcache": {"lines": 32}})");
  expect_names(rejection({}, "", unk), {unk.c_str(), "dcache.lines", "32", "dcache.line"});
  const std::string pre = dir.write("p.json", R"({"preset": "pa9000"})");
  expect_names(rejection({}, "", pre), {pre.c_str(), "preset", "pa9000"});
}

TEST(config_reject, PresetCannotChangeAfterConstruction) {
  pavp::config_builder b("pa7300lc");
  expect_names(error_of([&] { b.set("preset", "pa8500", "--set"); }), {"preset", "pa8500"});
}

// ------------------------------------------------------------------ presets

TEST(config_presets, EveryPresetLoadsAndNamesItsSource) {
  ASSERT_EQ(pavp::presets().size(), 4u);
  for (const pavp::preset& p : pavp::presets()) {
    SCOPED_TRACE(p.name);
    const pavp::platform_config cfg = load_with({}, p.name);
    EXPECT_EQ(cfg.preset, p.name);
    EXPECT_EQ(cfg.preset_source, p.source);
    EXPECT_NE(p.source.find("fork-cache-bug.md"), std::string::npos);
    EXPECT_FALSE(p.choices.empty());
    EXPECT_TRUE(cfg.dcache.validate().empty());
    EXPECT_TRUE(cfg.icache.validate().empty());
    EXPECT_EQ(cfg.dcache.role, pavp::cache_role::DATA);
    EXPECT_EQ(cfg.icache.role, pavp::cache_role::INSTRUCTION);
    EXPECT_FALSE(cfg.dram.spec.name.empty());
    EXPECT_EQ(cfg.entries.size(), pavp::config_schema().size());
  }
}

TEST(config_presets, DefaultIsPa7300lc) {
  const pavp::platform_config cfg = load_with({});
  EXPECT_EQ(cfg.preset, "pa7300lc");
  EXPECT_EQ(cfg.cpu.clock_mhz, 160u);
  EXPECT_EQ(cfg.cpu.clock_period_ps(), 6250u);
  EXPECT_EQ(cfg.dcache.size_bytes, 64u * 1024);
  EXPECT_EQ(cfg.dcache.associativity, 2u);
  EXPECT_EQ(cfg.dcache.line_bytes, 32u);
  EXPECT_EQ(cfg.dcache.index, pavp::index_function::VIRTUAL);
  EXPECT_TRUE(cfg.dcache.write_back);
  EXPECT_EQ(cfg.dcache.fdc_cycles, 1u);
  EXPECT_EQ(cfg.dcache.pdc_cycles, 1u);
  EXPECT_EQ(cfg.icache.fic_cycles, 6u);
  EXPECT_EQ(cfg.icache.size_bytes, 64u * 1024);
  EXPECT_EQ(cfg.dcache.clock_period_ps, 6250u);
  EXPECT_EQ(cfg.icache.clock_period_ps, 6250u);
  EXPECT_EQ(cfg.dcache.sets() * cfg.dcache.line_bytes, 32u * 1024);  // each way 32 KB
}

TEST(config_presets, SchemaDefaultsAreThePa7300lcValues) {
  const pavp::preset* p = pavp::find_preset("pa7300lc");
  ASSERT_NE(p, nullptr);
  for (const pavp::preset_value& v : p->values) {
    const pavp::key_spec* k = pavp::find_key(v.key);
    ASSERT_NE(k, nullptr) << v.key;
    EXPECT_EQ(k->default_value, v.value) << v.key;
  }
}

TEST(config_presets, Pa7100lcIsHashedDirectMapped) {
  const pavp::platform_config cfg = load_with({}, "pa7100lc");
  for (const pavp::cache_params* c : {&cfg.dcache, &cfg.icache}) {
    EXPECT_EQ(c->associativity, 1u);
    EXPECT_EQ(c->line_bytes, 32u);
    EXPECT_EQ(c->index, pavp::index_function::HASHED);
    EXPECT_EQ(c->hash_space_bits, 8u);           // space-id bits 24..31
    EXPECT_EQ(c->hash_shift, 12u);               // into VA bits 12..19
    EXPECT_GE(c->size_bytes, 8u * 1024);         // PCXL ERS: 8 KB ..
    EXPECT_LE(c->size_bytes, 2u * 1024 * 1024);  // .. 2 MB
  }
  EXPECT_EQ(cfg.dcache.fdc_cycles, 1u);
}

TEST(config_presets, Pa8500IsLargeFourWay) {
  const pavp::platform_config cfg = load_with({}, "pa8500");
  EXPECT_EQ(cfg.dcache.size_bytes, 1024u * 1024);
  EXPECT_EQ(cfg.dcache.associativity, 4u);
  EXPECT_EQ(cfg.dcache.line_bytes, 64u);
  EXPECT_EQ(cfg.icache.size_bytes, 512u * 1024);
  EXPECT_EQ(cfg.icache.associativity, 4u);
  EXPECT_EQ(cfg.icache.line_bytes, 64u);
  EXPECT_EQ(cfg.dcache.index, pavp::index_function::VIRTUAL);
  EXPECT_EQ(cfg.cpu.clock_mhz, 500u);
  EXPECT_EQ(cfg.dcache.clock_period_ps, 2000u);
}

TEST(config_presets, PiptIsPa7300lcPhysicallyIndexed) {
  const pavp::platform_config a = load_with({}, "pa7300lc");
  const pavp::platform_config b = load_with({}, "pipt");
  EXPECT_EQ(b.dcache.index, pavp::index_function::PHYSICAL);
  EXPECT_EQ(b.icache.index, pavp::index_function::PHYSICAL);
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    if (a.entries[i].key.find(".index") != std::string::npos) continue;
    EXPECT_EQ(a.entries[i].value, b.entries[i].value) << a.entries[i].key;
  }
}

// ------------------------------------------------------------------ layering

TEST(config_layering, FileOverridesPresetAndSetOverridesFile) {
  const temp_dir dir("pavp_config_test");
  const std::string path = dir.write("study.json", R"({
    // comments are allowed
    "dcache": {"size": "32K", "associativity": 4},
    "icache.line": 64,
    "cpu": {"clock_mhz": 200}
  })");
  const pavp::platform_config cfg =
      load_with({"dcache.associativity=8", "cpu.clock_mhz=250", "cpu.clock_mhz=100"}, "", path);
  EXPECT_EQ(cfg.dcache.size_bytes, 32u * 1024);  // file over preset
  EXPECT_EQ(cfg.dcache.associativity, 8u);       // --set over file
  EXPECT_EQ(cfg.icache.line_bytes, 64u);         // flat dotted key in a file
  EXPECT_EQ(cfg.cpu.clock_mhz, 100u);            // the later --set wins
  EXPECT_EQ(cfg.dcache.clock_period_ps, 10000u);
  EXPECT_EQ(cfg.dcache.line_bytes, 32u);  // untouched: the preset's
  auto origin_of = [&](const std::string& key) {
    for (const pavp::config_entry& e : cfg.entries) {
      if (e.key == key) return e.origin;
    }
    return std::string("?");
  };
  EXPECT_EQ(origin_of("dcache.size"), path);
  EXPECT_EQ(origin_of("dcache.associativity"), "--set");
  EXPECT_EQ(origin_of("dcache.line"), "preset pa7300lc");
}

TEST(config_layering, PresetFromFileCommandLineOrSet) {
  const temp_dir dir("pavp_config_test");
  const std::string path = dir.write("p.json", R"({"preset": "pa8500", "dcache": {"line": 32}})");
  const pavp::platform_config from_file = load_with({}, "", path);
  EXPECT_EQ(from_file.preset, "pa8500");
  EXPECT_EQ(from_file.dcache.size_bytes, 1024u * 1024);
  EXPECT_EQ(from_file.dcache.line_bytes, 32u);
  const pavp::platform_config from_option = load_with({}, "pa7100lc", path);
  EXPECT_EQ(from_option.preset, "pa7100lc");
  EXPECT_EQ(from_option.dcache.line_bytes, 32u);
  const pavp::platform_config from_set = load_with({"preset=pipt"}, "pa7100lc", path);
  EXPECT_EQ(from_set.preset, "pipt");
  EXPECT_EQ(from_set.dcache.index, pavp::index_function::PHYSICAL);
}

TEST(config_layering, SizesAndAddressesAreCanonical) {
  const pavp::platform_config cfg =
      load_with({"dcache.size=131072", "icache.size=32KiB", "dram.size=0x8000000",
                 "map.console.base=4026597376", "dcache.write_back=off", "dcache.index=Hashed"});
  EXPECT_EQ(cfg.value("dcache.size"), "128K");
  EXPECT_EQ(cfg.value("icache.size"), "32K");
  EXPECT_EQ(cfg.value("dram.size"), "128M");
  EXPECT_EQ(cfg.dram.size_bytes, 128u << 20);
  EXPECT_EQ(cfg.value("map.console.base"), "0xf0010000");
  EXPECT_EQ(cfg.map.console.base, 0xf0010000u);
  EXPECT_EQ(cfg.value("dcache.write_back"), "false");
  EXPECT_FALSE(cfg.dcache.write_back);
  EXPECT_EQ(cfg.dcache.index, pavp::index_function::HASHED);
}

TEST(config_layering, JsonOutputLoadsBack) {
  const pavp::platform_config a =
      load_with({"dcache.size=16K", "map.simctl.base=0xf0100000"}, "pa7100lc");
  const temp_dir dir("pavp_config_test");
  const std::string path = dir.write("out.json", a.to_json().dump(2));
  const pavp::platform_config b = load_with({}, "", path);
  EXPECT_EQ(b.preset, "pa7100lc");
  ASSERT_EQ(a.entries.size(), b.entries.size());
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    EXPECT_EQ(a.entries[i].value, b.entries[i].value) << a.entries[i].key;
  }
  EXPECT_EQ(a.to_json()["dcache"]["associativity"], 1);
  EXPECT_EQ(a.to_json()["map"]["simctl"]["base"], "0xf0100000");
}

TEST(config_layering, TextOutputIsGroupedAndSaysWhereValuesCameFrom) {
  const pavp::platform_config cfg = load_with({"dcache.size=32K"});
  const std::string text = cfg.to_text();
  EXPECT_NE(text.find("# preset pa7300lc: PA7300LC ERS"), std::string::npos) << text;
  EXPECT_NE(text.find("dcache.size"), std::string::npos);
  EXPECT_NE(text.find("32K"), std::string::npos);
  EXPECT_NE(text.find("# --set"), std::string::npos);
  EXPECT_NE(text.find("\n\nicache."), std::string::npos);
  EXPECT_NE(text.find("\n\nmap."), std::string::npos);
}

// ------------------------------------------------------------------ DRAM specs

TEST(config_dram, ShippedSpecsAreEmbedded) {
  const std::vector<std::string> names = pavp::shipped_dram_specs();
  ASSERT_FALSE(names.empty());
  for (const std::string& n : names) {
    SCOPED_TRACE(n);
    EXPECT_TRUE(fs::exists(fs::path(PAVP_SOURCE_DIR) / "models/dram/specs" / (n + ".json")));
    const pavp::platform_config cfg = load_with({"dram.spec=" + n});
    EXPECT_EQ(cfg.dram.spec_name, n);
    EXPECT_EQ(cfg.dram.origin, "shipped spec " + n);
  }
}

TEST(config_dram, SpecByPathAndPagePolicy) {
  const std::string name = pavp::shipped_dram_specs().front();
  const std::string path = std::string(PAVP_SOURCE_DIR) + "/models/dram/specs/" + name + ".json";
  const pavp::platform_config by_path = load_with({"dram.spec=" + path});
  const pavp::platform_config by_name = load_with({"dram.spec=" + name});
  EXPECT_EQ(by_path.dram.origin, path);
  EXPECT_EQ(by_path.dram.spec.name, by_name.dram.spec.name);
  EXPECT_EQ(by_name.dram.policy, by_name.dram.spec.policy);  // "spec": the spec's own
  const pavp::platform_config closed = load_with({"dram.page_policy=closed"});
  EXPECT_EQ(closed.dram.policy, pavp::page_policy::CLOSED);
}

TEST(config_dram, RelativeSpecPathInFileIsRelativeToTheFile) {
  const temp_dir dir("pavp_config_test");
  const std::string name = pavp::shipped_dram_specs().front();
  std::ifstream in(std::string(PAVP_SOURCE_DIR) + "/models/dram/specs/" + name + ".json");
  std::stringstream spec;
  spec << in.rdbuf();
  dir.write("mem.json", spec.str());
  const std::string cfg_path = dir.write("c.json", R"({"dram": {"spec": "./mem.json"}})");
  const pavp::platform_config cfg = load_with({}, "", cfg_path);
  EXPECT_EQ(fs::path(cfg.dram.origin), (fs::path(dir.path()) / "mem.json").lexically_normal());
}

// ------------------------------------------------------------------ the pavp binary

using pavp::test::command_result;

// Runs pavp with args and without SC_COPYRIGHT_MESSAGE, so that the binary's
// own banner suppression is what is tested.
command_result run_pavp(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"env", "-u", "SC_COPYRIGHT_MESSAGE", PAVP_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return pavp::test::run_command(argv);
}

void expect_one_error_line(const command_result& r, std::initializer_list<const char*> words) {
  EXPECT_EQ(r.exit_code, 2);
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.rfind("pavp: ", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line: " << r.err;
  EXPECT_EQ(r.err.find("SystemC"), std::string::npos) << r.err;
  for (const char* w : words) EXPECT_NE(r.err.find(w), std::string::npos) << w << " in: " << r.err;
}

TEST(config_command, BadSetIsOneLineAndExitCode2) {
  const command_result r = run_pavp({"config", "--set", "dcache.size=48K"});
  expect_one_error_line(r, {"dcache.size", "48K", "power of two"});
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(config_command, BadCommandLinesAreOneLineAndExitCode2) {
  expect_one_error_line(run_pavp({"config", "--bogus"}), {"--bogus"});
  expect_one_error_line(run_pavp({"config", "--set"}), {"--set"});
  expect_one_error_line(run_pavp({"frobnicate"}), {"frobnicate", "config"});
  expect_one_error_line(run_pavp({}), {"no command"});
  expect_one_error_line(run_pavp({"--bogus", "config"}), {"--bogus"});
  expect_one_error_line(run_pavp({"config", "extra"}), {"extra"});
  expect_one_error_line(run_pavp({"config", "--preset", "pa9000"}), {"preset", "pa9000"});
  expect_one_error_line(run_pavp({"config", "--config", "/nonexistent.json"}),
                        {"/nonexistent.json"});
}

TEST(config_command, PrintsConfigurationPresetsHelpAndVersion) {
  const command_result text = run_pavp({"config", "--preset", "pa8500", "--set", "dcache.line=32"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(text.err.empty()) << text.err;  // no banner
  EXPECT_NE(text.out.find("# preset pa8500"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("dcache.size"), std::string::npos);
  EXPECT_NE(text.out.find("1M"), std::string::npos);

  const command_result json = run_pavp({"config", "--json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["preset"], "pa7300lc");
  EXPECT_EQ(j["dcache"]["size"], "64K");

  const command_result presets = run_pavp({"presets"});
  EXPECT_EQ(presets.exit_code, 0);
  for (const pavp::preset& p : pavp::presets()) {
    EXPECT_NE(presets.out.find(p.name), std::string::npos);
    EXPECT_NE(presets.out.find(p.source), std::string::npos);
  }

  const command_result help = run_pavp({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("config"), std::string::npos);
  const command_result version = run_pavp({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("pavp ", 0), 0u) << version.out;
  const command_result keys = run_pavp({"config", "--keys"});
  EXPECT_EQ(keys.exit_code, 0);
  EXPECT_NE(keys.out.find("map.simctl.base"), std::string::npos);
}

}  // namespace
