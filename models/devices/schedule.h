// Schedules: where the kernel's thread switches come from (DESIGN decision 8).
//
// At every schedule point the kernel asks the sim-control device, which asks
// a schedule: decide(point, n_choices) answers a choice in 0..n_choices-1.
// Choice 0 is the kernel's default at every point (see simctl_regs.h). Every
// decision is recorded, so any run can be written out as a replay file and
// repeated bit for bit.
//
// Kinds (make_schedule specs):
//   seed        the seed document's steps: a decision list the platform
//               supplies (it depends on the kernel's point ids); after the
//               list, every decision is 0.
//   random:N    pseudo-random choices from seed N (decimal or 0x-hex, 64-bit).
//               xoshiro256** seeded through splitmix64, mapped to 0..n-1 by
//               rejection (no modulo bias): the same N gives the same choices
//               on every host and compiler.
//   replay:FILE the decisions recorded in FILE; running out of them, or a
//               point that does not match the file, is an error.
//
// Replay file format (text, UTF-8/ASCII):
//   - '#' starts a comment that runs to the end of the line; blank lines are
//     ignored;
//   - every other line is one decision, in order, as three fields separated by
//     blanks:  POINT N CHOICE  (the point id, the number of choices, the
//     choice), or one field: CHOICE (any point, any number of choices);
//   - a field is a decimal or 0x-hexadecimal number below 2^32; POINT and N
//     may be '*' (any);
//   - when POINT or N are given, the kernel's query must match them;
//   - a line of two fields whose first starts with a letter is a setting,
//     NAME VALUE, that the run kept with its decisions (e.g. "placement
//     random:7"); the platform gives settings their meaning and rejects names
//     it does not know. The schedule itself ignores them.
//   Example:
//     # pavp schedule replay
//     placement linear
//     3 2 1     # point 3 of 2 choices: switch
//     7 * 0
//     1
#ifndef PAVP_DEVICES_SCHEDULE_H
#define PAVP_DEVICES_SCHEDULE_H

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace pavp {

// One decision: at schedule point `point`, out of `n_choices`, `choice`.
struct schedule_step {
  static constexpr std::uint32_t ANY = 0xFFFFFFFFu;  // wildcard for point / n_choices
  std::uint32_t point = ANY;
  std::uint32_t n_choices = ANY;
  std::uint32_t choice = 0;

  bool operator==(const schedule_step& o) const {
    return point == o.point && n_choices == o.n_choices && choice == o.choice;
  }
  bool operator!=(const schedule_step& o) const { return !(*this == o); }
};

// A setting of a replay file (see the format above): "NAME VALUE" and where.
struct replay_setting {
  std::string name;
  std::string value;
  std::string where;  // "FILE:LINE" (empty for a setting about to be written)
};

class schedule {
 public:
  virtual ~schedule() = default;

  // The choice at `point` among n_choices (>= 1): a number in 0..n_choices-1.
  // Records the decision. Throws std::invalid_argument for n_choices == 0 and
  // std::runtime_error when the schedule cannot answer (a replay that ran out
  // or does not match, a listed choice >= n_choices); the message is one line
  // naming the schedule and the decision number.
  std::uint32_t decide(std::uint32_t point, std::uint32_t n_choices);

  // Every decision made so far, in order.
  const std::vector<schedule_step>& decisions() const { return m_decisions; }

  // The spec this schedule was made from ("seed", "random:42", "replay:run.sched").
  const std::string& spec() const { return m_spec; }

  // Writes the decisions made so far in the replay file format, after the
  // settings given.
  void write_replay(std::ostream& out, const std::vector<replay_setting>& settings = {}) const;
  // Same, to a file; throws std::runtime_error if it cannot be written.
  void save_replay(const std::string& path, const std::vector<replay_setting>& settings = {}) const;

 protected:
  explicit schedule(std::string spec) : m_spec(std::move(spec)) {}
  // The choice for decision number `index` (0-based); decide() checks the result.
  virtual std::uint32_t choose(std::uint64_t index, std::uint32_t point,
                               std::uint32_t n_choices) = 0;
  // Start of an error message: "schedule 'SPEC', decision K: ".
  std::string error_prefix(std::uint64_t index) const;

 private:
  std::string m_spec;
  std::vector<schedule_step> m_decisions;
};

// A fixed list of decisions (used by `seed` and `replay:FILE`).
class list_schedule : public schedule {
 public:
  // exhausted_is_error: what happens after the last step. true (replay): an
  // error. false (seed): every further decision is 0. free_points: points
  // the list has no say at (seed: points its steps were not written for),
  // answered 0 without using a step.
  list_schedule(std::string spec, std::vector<schedule_step> steps, bool exhausted_is_error,
                std::vector<std::uint32_t> free_points = {});
  const std::vector<schedule_step>& steps() const { return m_steps; }

 protected:
  std::uint32_t choose(std::uint64_t index, std::uint32_t point, std::uint32_t n_choices) override;

 private:
  std::vector<schedule_step> m_steps;
  bool m_exhausted_is_error;
  std::vector<std::uint32_t> m_free_points;
  std::size_t m_next = 0;  // the next step to use
};

// Pseudo-random decisions from a 64-bit seed (see file comment).
class random_schedule : public schedule {
 public:
  explicit random_schedule(std::uint64_t seed);
  std::uint64_t seed() const { return m_seed; }

 protected:
  std::uint32_t choose(std::uint64_t index, std::uint32_t point, std::uint32_t n_choices) override;

 private:
  std::uint64_t m_seed;
  std::uint64_t m_state[4];
  std::uint64_t next();
};

// Parses a replay file's text; `source` names it in error messages. Throws
// std::invalid_argument "SOURCE:LINE:COLUMN: what is wrong" on a malformed line.
// The file's settings go to *settings when given.
std::vector<schedule_step> parse_replay(std::istream& in, const std::string& source,
                                        std::vector<replay_setting>* settings = nullptr);
// Writes steps in the replay file format: a header naming `origin` (the spec
// or tool they came from), the settings, then one "POINT N CHOICE" line each.
void write_replay(std::ostream& out, const std::string& origin,
                  const std::vector<schedule_step>& steps,
                  const std::vector<replay_setting>& settings = {});
// Reads a replay file; throws std::runtime_error if it cannot be opened.
std::vector<schedule_step> load_replay(const std::string& path,
                                       std::vector<replay_setting>* settings = nullptr);

// A schedule spec parsed once: its kind and parameters. A replay file is
// read when the spec is parsed, so every schedule made from the spec has the
// same decisions, however often it is made.
struct schedule_spec {
  enum class kind_t : std::uint8_t { SEED, RANDOM, REPLAY };
  kind_t kind = kind_t::SEED;
  std::string text = "seed";          // as given: "seed", "random:0x2a", "replay:run.sched"
  std::uint64_t seed = 0;             // RANDOM: N
  std::string replay_path;            // REPLAY: FILE
  std::vector<schedule_step> replay;  // REPLAY: the file's decisions
  std::vector<replay_setting> replay_settings;  // REPLAY: the file's settings

  // Parses "seed", "random:N" or "replay:FILE" (reading FILE). Throws
  // std::invalid_argument with one line naming the spec and listing the
  // accepted forms, or the replay file's error.
  static schedule_spec parse(const std::string& text);

  // The kind's name: "seed", "random" or "replay".
  const char* kind_name() const;
};

// Makes a schedule from a parsed spec. seed_steps is the scenario's decision
// list for "seed", and seed_free_points the points it has no say at
// (answered 0); both ignored otherwise.
std::unique_ptr<schedule> make_schedule(const schedule_spec& spec,
                                        const std::vector<schedule_step>& seed_steps = {},
                                        const std::vector<std::uint32_t>& seed_free_points = {});

// The same from text: make_schedule(schedule_spec::parse(text), seed_steps).
std::unique_ptr<schedule> make_schedule(const std::string& text,
                                        const std::vector<schedule_step>& seed_steps = {});

}  // namespace pavp

#endif  // PAVP_DEVICES_SCHEDULE_H
