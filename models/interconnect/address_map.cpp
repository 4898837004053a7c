#include "pavp/interconnect/address_map.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace pavp {

namespace {

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

std::string describe(const address_region& r) {
  return "'" + r.name + "' [" + hex(r.base) + ".." + hex(r.last()) + "]";
}

}  // namespace

unsigned address_map::add_region(const std::string& name, std::uint64_t base, std::uint64_t size,
                                 unsigned target) {
  if (name.empty()) {
    throw std::invalid_argument("address map: a region at " + hex(base) + " has no name");
  }
  if (find(name)) {
    throw std::invalid_argument("address map: region name '" + name + "' is used twice");
  }
  if (size == 0) {
    throw std::invalid_argument("address map: region '" + name + "' at " + hex(base) +
                                " has size 0; a region needs at least one byte");
  }
  if (size - 1 > std::numeric_limits<std::uint64_t>::max() - base) {
    throw std::invalid_argument("address map: region '" + name + "' at " + hex(base) +
                                " with size " + hex(size) +
                                " wraps past the end of the 64-bit address space");
  }
  address_region r{name, base, size, target, static_cast<unsigned>(m_regions.size())};
  for (const address_region& other : m_regions) {
    if (r.base <= other.last() && other.base <= r.last()) {
      throw std::invalid_argument("address map: region " + describe(r) + " overlaps region " +
                                  describe(other));
    }
  }
  m_regions.push_back(r);
  auto pos =
      std::upper_bound(m_by_base.begin(), m_by_base.end(), base,
                       [this](std::uint64_t b, unsigned id) { return b < m_regions[id].base; });
  m_by_base.insert(pos, r.id);
  return r.id;
}

const address_region* address_map::decode(std::uint64_t addr, std::uint64_t len) const {
  // The last region whose base is <= addr is the only candidate.
  auto pos =
      std::upper_bound(m_by_base.begin(), m_by_base.end(), addr,
                       [this](std::uint64_t a, unsigned id) { return a < m_regions[id].base; });
  if (pos == m_by_base.begin()) return nullptr;
  const address_region& r = m_regions[*(pos - 1)];
  const std::uint64_t offset = addr - r.base;
  if (offset >= r.size) return nullptr;
  if (len > 1 && len - 1 > r.size - 1 - offset) return nullptr;  // runs past the region's end
  return &r;
}

const address_region* address_map::find(const std::string& name) const {
  for (const address_region& r : m_regions) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

bool address_map::unmapped_range(std::uint64_t addr, std::uint64_t& lo, std::uint64_t& hi) const {
  if (find(addr)) return false;
  lo = 0;
  hi = std::numeric_limits<std::uint64_t>::max();
  for (const address_region& r : m_regions) {
    if (r.last() < addr) lo = std::max(lo, r.last() + 1);
    if (r.base > addr) hi = std::min(hi, r.base - 1);
  }
  return true;
}

std::vector<const address_region*> address_map::sorted() const {
  std::vector<const address_region*> out;
  out.reserve(m_by_base.size());
  for (unsigned id : m_by_base) out.push_back(&m_regions[id]);
  return out;
}

std::string address_map::to_string() const {
  std::string out;
  for (const address_region* r : sorted()) {
    out += r->name + " [" + hex(r->base) + ".." + hex(r->last()) + "] -> target " +
           std::to_string(r->target) + "\n";
  }
  return out;
}

}  // namespace pavp
