// Runs the branches of a simulation one after another in one process, each
// from the same state, instead of forking a process for each
// (run_pool.h, fork_branches).
//
// A forked branch pays for being a new process: the fork copies the page
// tables of the booted simulation, each page the branch writes is copied on
// its first write, and on the VM the study runs on even the first read of a
// page in a new process costs microseconds (BENCHMARKS.md, "Host page
// faults"). take() records this process's state where the branches start:
// its registers (a ucontext) and its writable memory. resume() puts that
// memory back and continues in take(), which returns once more -- as fork()
// returns in each child -- while the pages stay this process's own: the
// next branch neither copies nor faults.
//
// What resume() puts back:
// - the blocks of host_memory's write_populators (the DRAM's bytes, the
//   checker's shadow): every write into them is announced, so each unit is
//   kept the first time a branch is about to write it
//   (host_memory::detail::before_populate) and only those units are copied
//   back, the last kept first;
// - every other private writable mapping (the heap, the stacks, the data of
//   the program and its libraries, other anonymous mappings): its pages
//   resident at take() are kept and copied back, and anonymous pages a
//   branch touched for the first time are zeroed again (they held zeros);
// - of the branch heap (branch_heap.h), the part handed out before take();
//   beyond it lies nothing live (the heap's own position is put back).
// What it does not put back is what the kernel keeps for the process: open
// files and their offsets, mappings made or removed, the program break. A
// branch of a simulation writes its result into a pipe that stays open,
// allocates from the branch heap and removes no mapping; resume() checks
// that every mapping it would write to is still there, and does nothing
// (returns false) when one is not.
#ifndef PAVP_PLATFORM_STUDY_PROCESS_SNAPSHOT_H
#define PAVP_PLATFORM_STUDY_PROCESS_SNAPSHOT_H

#include <cstddef>

namespace pavp::process_snapshot {

// Snapshots form a stack: a branch of a branch (an exploration's subtree)
// takes one of its own above the one it started from, and drops it when its
// branches are done.

// Records this process's state as a new snapshot on top of the stack.
// Returns 0 right after, then once more after each resume() of it, with the
// value given to resume(); -1 when nothing could be recorded (no
// /proc/self/maps, no room), and then the stack is as it was.
int take();

// take() for a process just forked whose memory is still mostly its
// parent's (a worker of fork_branches): the first snapshot copies no page.
// A holder process, forked from this one by the bare system call, keeps the
// memory as it is; resume() reads back from it only the pages this process
// has written since -- the page map (/proc/self/pagemap) says which: those
// this process alone maps -- and those gone since. Copying the pages of a
// worker just forked cost a first access to each in the new process (about
// 14 us a page on the VM the study runs on, 2,000-3,300 pages a worker).
// Where a holder cannot be started or read from (process_vm_readv
// forbidden), or above the first snapshot, the same as take(); and with
// PAVP_SNAPSHOT_HOLDER=off in the environment.
int take_after_fork();

// Puts the memory recorded by the top snapshot back and continues in its
// take(), which returns `value` (> 0). Returns false, with nothing changed,
// when it cannot: no snapshot, more written since take() than can be kept,
// or a mapping gone.
bool resume(int value);

// Removes the top snapshot; the one below (if any) becomes the top, and
// resume() then puts back what was written since it was taken. With the
// last one gone the process runs as any process again.
void drop();

// Drops every snapshot (and ends the holders of take_after_fork(), waiting
// for them): what a process that took snapshots does before it exits, so
// that a holder, which shares the parent's pages as the child did, is gone
// by the time the parent has reaped the child and puts its own memory back.
void release();

// A child of this process ended abnormally (it may have left a holder
// behind, still sharing pages): the next resume() reads every page back from
// its holder instead of only those this process wrote.
void distrust_shared_pages();

// Snapshots on the stack.
std::size_t depth();

// In a child just forked: drops the snapshots its parent took (their
// memory and the keeping of written units), so that the child runs as any
// process.
void forget();

}  // namespace pavp::process_snapshot

#endif  // PAVP_PLATFORM_STUDY_PROCESS_SNAPSHOT_H
