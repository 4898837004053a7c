#include "pavp/devices/schedule.h"

#include <cctype>
#include <fstream>
#include <istream>
#include <limits>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "pavp/common/file_io.h"
#include "pavp/common/param_helpers.h"

namespace pavp {

namespace {

const char* const ACCEPTED =
    "accepted: seed, random:N (N a 64-bit decimal or 0x-hex number), "
    "replay:FILE";

// Parses all of `text` as a decimal or 0x-hexadecimal number no larger than
// max. Returns false on anything else.
std::string field_text(std::uint32_t v) {
  return v == schedule_step::ANY ? std::string("*") : std::to_string(v);
}

// splitmix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014): expands a 64-bit seed into the xoshiro state.
std::uint64_t splitmix64(std::uint64_t& x) {
  x += 0x9E3779B97F4A7C15ull;
  std::uint64_t z = x;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

// ---------------------------------------------------------------------------
// schedule

std::string schedule::error_prefix(std::uint64_t index) const {
  return "schedule '" + m_spec + "', decision " + std::to_string(index) + ": ";
}

std::uint32_t schedule::decide(std::uint32_t point, std::uint32_t n_choices) {
  const std::uint64_t index = m_decisions.size();
  if (n_choices == 0) {
    throw std::invalid_argument(error_prefix(index) + "point " + std::to_string(point) +
                                " offers 0 choices; a schedule point needs at least 1");
  }
  const std::uint32_t choice = choose(index, point, n_choices);
  if (choice >= n_choices) {
    throw std::runtime_error(error_prefix(index) + "choice " + std::to_string(choice) +
                             " but point " + std::to_string(point) + " offers only " +
                             std::to_string(n_choices) + " choice(s) (0.." +
                             std::to_string(n_choices - 1) + ")");
  }
  m_decisions.push_back({point, n_choices, choice});
  return choice;
}

void write_replay(std::ostream& out, const std::string& origin,
                  const std::vector<schedule_step>& steps,
                  const std::vector<replay_setting>& settings) {
  out << "# pavp schedule replay: " << steps.size() << " decision(s) from '" << origin << "'\n";
  for (const replay_setting& s : settings) out << s.name << ' ' << s.value << '\n';
  out << "# point n_choices choice\n";
  for (const schedule_step& s : steps) {
    out << field_text(s.point) << ' ' << field_text(s.n_choices) << ' ' << s.choice << '\n';
  }
}

void schedule::write_replay(std::ostream& out, const std::vector<replay_setting>& settings) const {
  pavp::write_replay(out, m_spec, m_decisions, settings);
}

void schedule::save_replay(const std::string& path,
                           const std::vector<replay_setting>& settings) const {
  std::ostringstream out;
  write_replay(out, settings);
  write_text_file(path, out.str());
}

// ---------------------------------------------------------------------------
// list_schedule

list_schedule::list_schedule(std::string spec, std::vector<schedule_step> steps,
                             bool exhausted_is_error, std::vector<std::uint32_t> free_points)
    : schedule(std::move(spec)),
      m_steps(std::move(steps)),
      m_exhausted_is_error(exhausted_is_error),
      m_free_points(std::move(free_points)) {}

std::uint32_t list_schedule::choose(std::uint64_t decision, std::uint32_t point,
                                    std::uint32_t n_choices) {
  for (const std::uint32_t p : m_free_points) {
    if (p == point) return 0;
  }
  const std::size_t index = m_next++;
  if (index >= m_steps.size()) {
    if (!m_exhausted_is_error) return 0;
    throw std::runtime_error(error_prefix(decision) + "the list has only " +
                             std::to_string(m_steps.size()) + " decision(s) and ran out (point " +
                             std::to_string(point) + ", " + std::to_string(n_choices) +
                             " choice(s))");
  }
  const schedule_step& s = m_steps[index];
  if ((s.point != schedule_step::ANY && s.point != point) ||
      (s.n_choices != schedule_step::ANY && s.n_choices != n_choices)) {
    throw std::runtime_error(error_prefix(decision) + "the list expects point " +
                             field_text(s.point) + " with " + field_text(s.n_choices) +
                             " choice(s), the kernel asked at point " + std::to_string(point) +
                             " with " + std::to_string(n_choices) + " choice(s)");
  }
  return s.choice;
}

// ---------------------------------------------------------------------------
// random_schedule

random_schedule::random_schedule(std::uint64_t seed)
    : schedule("random:" + std::to_string(seed)), m_seed(seed) {
  std::uint64_t x = seed;
  for (std::uint64_t& s : m_state) s = splitmix64(x);
}

// xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom number
// generators", ACM TOMS 2021).
std::uint64_t random_schedule::next() {
  const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
  const std::uint64_t t = m_state[1] << 17;
  m_state[2] ^= m_state[0];
  m_state[3] ^= m_state[1];
  m_state[1] ^= m_state[2];
  m_state[0] ^= m_state[3];
  m_state[2] ^= t;
  m_state[3] = rotl(m_state[3], 45);
  return result;
}

std::uint32_t random_schedule::choose(std::uint64_t, std::uint32_t, std::uint32_t n_choices) {
  // A point with one choice draws nothing, so forced points do not shift the
  // sequence of the others.
  if (n_choices == 1) return 0;
  // Reject the lowest 2^64 mod n values: the rest is a whole number of
  // copies of 0..n-1, so x mod n is uniform.
  const std::uint64_t n = n_choices;
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t x = next();
    if (x >= threshold) return static_cast<std::uint32_t>(x % n);
  }
}

// ---------------------------------------------------------------------------
// Replay files

std::vector<schedule_step> parse_replay(std::istream& in, const std::string& source,
                                        std::vector<replay_setting>* settings) {
  std::vector<schedule_step> steps;
  std::string line;
  for (unsigned line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t hash = line.find('#');
    const std::size_t end = hash == std::string::npos ? line.size() : hash;

    // Split into fields, remembering where each starts (1-based column).
    std::vector<std::pair<std::string, std::size_t>> fields;
    std::size_t i = 0;
    while (i < end) {
      if (line[i] == ' ' || line[i] == '\t') {
        ++i;
        continue;
      }
      const std::size_t start = i;
      while (i < end && line[i] != ' ' && line[i] != '\t') ++i;
      fields.emplace_back(line.substr(start, i - start), start + 1);
    }
    if (fields.empty()) continue;

    const auto where = [&](std::size_t column) {
      return source + ":" + std::to_string(line_no) + ":" + std::to_string(column) + ": ";
    };
    if (fields.size() == 2 && std::isalpha(static_cast<unsigned char>(fields[0].first[0]))) {
      if (settings) {
        settings->push_back(
            {fields[0].first, fields[1].first, source + ":" + std::to_string(line_no)});
      }
      continue;
    }
    if (fields.size() != 1 && fields.size() != 3) {
      throw std::invalid_argument(where(fields[0].second) +
                                  "expected 'POINT N CHOICE', 'CHOICE' or a setting "
                                  "'NAME VALUE', found " +
                                  std::to_string(fields.size()) + " fields");
    }
    std::uint32_t values[3] = {schedule_step::ANY, schedule_step::ANY, 0};
    const char* const names[3] = {"point", "number of choices", "choice"};
    const std::size_t first = fields.size() == 1 ? 2 : 0;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const std::size_t slot = first + f;
      const std::string& text = fields[f].first;
      if (text == "*" && slot < 2) continue;
      std::uint64_t v = 0;
      if (!parse_unsigned(text, std::numeric_limits<std::uint32_t>::max() - (slot < 2 ? 1 : 0),
                          v)) {
        throw std::invalid_argument(where(fields[f].second) + "the " + names[slot] +
                                    " must be a decimal or 0x-hex number below 2^32" +
                                    (slot < 2 ? " or '*'" : "") + ", found '" + text + "'");
      }
      values[slot] = static_cast<std::uint32_t>(v);
    }
    if (values[1] == 0 || (values[1] != schedule_step::ANY && values[2] >= values[1])) {
      throw std::invalid_argument(where(fields.back().second) + "choice " +
                                  std::to_string(values[2]) +
                                  " is not below the number of "
                                  "choices " +
                                  std::to_string(values[1]));
    }
    steps.push_back({values[0], values[1], values[2]});
  }
  if (in.bad()) throw std::runtime_error(source + ": read error");
  return steps;
}

std::vector<schedule_step> load_replay(const std::string& path,
                                       std::vector<replay_setting>* settings) {
  // A replay file holds one short line per decision: 16 MB is millions.
  constexpr std::size_t k_max_replay_bytes = 16u << 20;
  std::string text, error;
  if (!read_regular_file(path, k_max_replay_bytes, text, error)) {
    throw std::runtime_error("schedule replay file: " + error);
  }
  std::istringstream in(text);
  return parse_replay(in, path, settings);
}

schedule_spec schedule_spec::parse(const std::string& text) {
  schedule_spec s;
  s.text = text;
  if (text == "seed") return s;
  const std::string random_prefix = "random:";
  const std::string replay_prefix = "replay:";
  if (text.compare(0, random_prefix.size(), random_prefix) == 0) {
    if (!parse_unsigned(text.substr(random_prefix.size()),
                        std::numeric_limits<std::uint64_t>::max(), s.seed)) {
      throw std::invalid_argument("schedule '" + text + "': N is not a 64-bit number; " + ACCEPTED);
    }
    s.kind = kind_t::RANDOM;
    return s;
  }
  if (text.compare(0, replay_prefix.size(), replay_prefix) == 0) {
    s.replay_path = text.substr(replay_prefix.size());
    if (s.replay_path.empty()) {
      throw std::invalid_argument("schedule '" + text + "': no file named; " + ACCEPTED);
    }
    s.kind = kind_t::REPLAY;
    s.replay = load_replay(s.replay_path, &s.replay_settings);
    return s;
  }
  throw std::invalid_argument("unknown schedule '" + text + "'; " + ACCEPTED);
}

const char* schedule_spec::kind_name() const {
  switch (kind) {
    case kind_t::SEED:
      return "seed";
    case kind_t::RANDOM:
      return "random";
    case kind_t::REPLAY:
      return "replay";
  }
  return "seed";
}

std::unique_ptr<schedule> make_schedule(const schedule_spec& spec,
                                        const std::vector<schedule_step>& seed_steps,
                                        const std::vector<std::uint32_t>& seed_free_points) {
  switch (spec.kind) {
    case schedule_spec::kind_t::SEED:
      return std::make_unique<list_schedule>(spec.text, seed_steps, false, seed_free_points);
    case schedule_spec::kind_t::RANDOM:
      return std::make_unique<random_schedule>(spec.seed);
    case schedule_spec::kind_t::REPLAY:
      return std::make_unique<list_schedule>(spec.text, spec.replay, true);
  }
  throw std::logic_error("make_schedule: unknown schedule kind");
}

std::unique_ptr<schedule> make_schedule(const std::string& text,
                                        const std::vector<schedule_step>& seed_steps) {
  return make_schedule(schedule_spec::parse(text), seed_steps);
}

}  // namespace pavp
