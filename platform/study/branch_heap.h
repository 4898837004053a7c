// The C++ heap of a branch process (run_pool.h): a forked child that runs
// one branch of a simulation and ends.
//
// Such a child shares its parent's heap pages copy-on-write, and on this
// kind of host copying a page costs more than simulating thousands of
// instructions (BENCHMARKS.md, "Host page faults"). The allocator's free
// chunks lie all over those pages: every allocation from them, and every
// free beside them, writes chunk headers there and so copies the page. Once
// enter() has run in a child, operator new hands out memory from a region
// of its own instead (fresh pages, in order, never reused), and operator
// delete frees nothing: the child ends soon, and everything it allocated or
// inherited goes with it. When the region (REGION_BYTES of address space)
// is used up, the child goes back to malloc and free for the rest of its
// life, so a long branch uses bounded memory.
//
// Only global operator new/delete (every C++ container, string, JSON value,
// SystemC object) is served this way; malloc and free themselves, and the
// over-aligned forms of new, are not.
#ifndef PAVP_PLATFORM_STUDY_BRANCH_HEAP_H
#define PAVP_PLATFORM_STUDY_BRANCH_HEAP_H

#include <cstddef>

namespace pavp::branch_heap {

inline constexpr std::size_t REGION_BYTES = std::size_t{256} << 20;

// In a child just forked: allocate from the branch region from now on (a
// no-op when the region cannot be mapped). A grandchild inherits the region
// and goes on where its parent stood.
void enter();

// Bytes handed out from the region in this process (0 before enter()).
std::size_t used();

// Whether operator new allocates from the region now.
bool active();

// The region's first byte (null before the first enter() of this process
// line); REGION_BYTES long, of which the first used() bytes are handed out.
const void* region();

}  // namespace pavp::branch_heap

#endif  // PAVP_PLATFORM_STUDY_BRANCH_HEAP_H
