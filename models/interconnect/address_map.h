// The address map of a router: named regions of the global (physical) address
// space, each forwarded to one target. Plain C++; the router wraps it.
//
// A region covers [base, base + size - 1] and is seen by its target at offsets
// [0, size - 1] (the router subtracts base). Regions may not overlap: an
// overlap is a configuration error, reported when the region is added.
#ifndef PAVP_INTERCONNECT_ADDRESS_MAP_H
#define PAVP_INTERCONNECT_ADDRESS_MAP_H

#include <cstdint>
#include <string>
#include <vector>

namespace pavp {

struct address_region {
  std::string name;
  std::uint64_t base = 0;
  std::uint64_t size = 0;
  unsigned target = 0;  // index of the target (the router's initiator-socket binding)
  unsigned id = 0;      // position in the order the regions were added

  // Last address of the region (inclusive).
  std::uint64_t last() const { return base + (size - 1); }
  bool contains(std::uint64_t addr) const { return addr >= base && addr - base < size; }
};

class address_map {
 public:
  // Adds a region and returns its id (0, 1, 2, ... in the order of adding).
  // Throws std::invalid_argument, naming the region(s), when the name is empty
  // or already used, the size is zero, the region wraps past the end of the
  // 64-bit address space, or it overlaps a region already in the map.
  unsigned add_region(const std::string& name, std::uint64_t base, std::uint64_t size,
                      unsigned target);

  // The region holding every byte of [addr, addr + len - 1], or nullptr when
  // the access is unmapped or straddles the end of a region. len 0 (a
  // TLM_IGNORE_COMMAND, for instance) decodes like len 1.
  const address_region* decode(std::uint64_t addr, std::uint64_t len = 1) const;

  // The region that holds addr, or nullptr.
  const address_region* find(std::uint64_t addr) const { return decode(addr, 1); }

  // The region with this name, or nullptr.
  const address_region* find(const std::string& name) const;

  // The largest unmapped range [lo, hi] around an unmapped addr (for
  // answering a DMI request there). Returns false when addr is mapped.
  bool unmapped_range(std::uint64_t addr, std::uint64_t& lo, std::uint64_t& hi) const;

  // Regions by id (the order they were added).
  const address_region& region(unsigned id) const { return m_regions.at(id); }
  std::size_t size() const { return m_regions.size(); }
  bool empty() const { return m_regions.empty(); }

  // Regions sorted by base address.
  std::vector<const address_region*> sorted() const;

  // "name [0x...-0x...] -> target N" per line, sorted by base.
  std::string to_string() const;

 private:
  std::vector<address_region> m_regions;  // by id
  std::vector<unsigned> m_by_base;        // ids sorted by base
};

}  // namespace pavp

#endif  // PAVP_INTERCONNECT_ADDRESS_MAP_H
