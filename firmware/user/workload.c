/*
 * pavp workload: the seed's data structure and race (shared/seeds/
 * 000_0dd4d9eea7dcd355.txt). Process A keeps two list heads, `used` and
 * `cache`, on one page, with elements on the heap, as NPTL keeps its stack
 * descriptors (stack_used / stack_cache, nptl/allocatestack.c). Thread A-2
 * moves ELEM from `used` to `cache` while thread A-1 forks; the child B
 * walks `cache` and then `used`, updating each element, as NPTL's
 * __reclaim_stacks does after fork. The walk is bounded; B reports whether
 * it finished and whether everything it read matches what the parent had at
 * the fork.
 */
#include "firmware_contract.h"
#include "user_syscalls.h"

int workload_main(u32 nthreads);

/* ---- printing: a line is built in a buffer and written with one system
 * call, so kernel messages between schedule points cannot split it. */
static char line[160];
static u32 line_len;
static void add_s(const char *s)
{
  while (*s && line_len < sizeof line - 1) line[line_len++] = *s++;
}
static void add_u(u32 v)
{
  char b[12];
  int i = 11;
  b[i] = 0;
  do b[--i] = (char)('0' + v % 10), v /= 10;
  while (v);
  add_s(&b[i]);
}
static void flush_line(void)
{
  add_s("\n");
  sys_write(line, line_len);
  line_len = 0;
}

/* ---- NPTL's list (nptl/descr.h list_t, include/list.h) */
typedef struct list_head {
  struct list_head *next;
  struct list_head *prev;
} list_t;

static void list_add(list_t *newp, list_t *head)
{
  newp->next = head->next;
  newp->prev = head;
  head->next->prev = newp;
  head->next = newp;
}

static void list_del(list_t *elem)
{
  elem->next->prev = elem->prev;
  elem->prev->next = elem->next;
}

/* An element: a stand-in for struct pthread (the list node first). */
struct elem {
  list_t list;
  u32 id;
  u32 tid;
};

/* The two heads on one page, with NPTL's in_flight_stack (the element an
 * interrupted list operation was working on, bit 0 = add) and the move's
 * progress (0 before, 1 inside, 2 after) for the report. */
static struct {
  list_t used;
  list_t cache;
  volatile u32 in_flight_stack;
  volatile u32 state;
} heads __attribute__((aligned(64)));

static u32 n_elems, stride, step_limit, touch_pages;

static struct elem *elem_at(u32 i) { return (struct elem *)(USER_HEAP_BASE + USER_ELEM_OFFSET + i * stride); }

/* Initially (the seed's first picture): used -> E0 (ELEM) -> E1 ... ->
 * E(n-2) -> used; cache -> E(n-1) -> cache. */
static void setup_lists(void)
{
  heads.used.next = heads.used.prev = &heads.used;
  heads.cache.next = heads.cache.prev = &heads.cache;
  for (u32 i = n_elems - 1; i-- > 0;) {
    elem_at(i)->id = i;
    list_add(&elem_at(i)->list, &heads.used);
  }
  elem_at(n_elems - 1)->id = n_elems - 1;
  list_add(&elem_at(n_elems - 1)->list, &heads.cache);
  heads.state = 0;
}

/* nptl/allocatestack.c stack_list_del / stack_list_add: the element is
 * announced in in_flight_stack so that a fork in the middle can be repaired
 * in the child. */
static void stack_list_del(list_t *elem)
{
  heads.in_flight_stack = (u32)elem;
  list_del(elem);
  heads.in_flight_stack = 0;
}

static void stack_list_add(list_t *elem, list_t *list)
{
  heads.in_flight_stack = (u32)elem | 1;
  list_add(elem, list);
  heads.in_flight_stack = 0;
}

/* Thread A-2: moves ELEM from `used` to `cache` (seed step 5), as NPTL's
 * queue_stack does, dirties touch_pages more heap pages, then yields (seed
 * step 6) and exits. */
static long thread_a2(long arg)
{
  (void)arg;
  struct elem *e = elem_at(0);
  heads.state = 1;
  stack_list_del(&e->list);
  stack_list_add(&e->list, &heads.cache);
  heads.state = 2;
  for (u32 i = 0; i < touch_pages; i++) *(volatile u32 *)(USER_HEAP_BASE + (n_elems + i) * stride + 128) = 0xA2A2A2A2u;
  sys_yield();
  return 0;
}

/* Extra threads of A: they only make the run queue longer. */
static long thread_extra(long arg)
{
  (void)arg;
  sys_yield();
  return 0;
}

/* nptl/allocatestack.c __reclaim_stacks, first part: finish or replay the
 * list operation a fork interrupted. */
static void reclaim_in_flight(void)
{
  u32 in_flight = heads.in_flight_stack;
  if (!in_flight) return;
  list_t *elem = (list_t *)(in_flight & ~1u);
  if (in_flight & 1) {
    /* "We always add at the beginning of the list." */
    list_t *l = 0;
    if (heads.used.next->prev != &heads.used)
      l = &heads.used;
    else if (heads.cache.next->prev != &heads.cache)
      l = &heads.cache;
    if (l) {
      elem->next = l->next;
      elem->prev = l;
      l->next = elem;
    }
  } else {
    /* "We can simply always replay the delete operation." */
    elem->next->prev = elem->prev;
    elem->prev->next = elem->next;
  }
  heads.in_flight_stack = 0;
}

/* What B saw. It lives on B's stack: B must not write the heads' page
 * (data) before its walk reaches it, as in the seed's story. */
struct view {
  u32 steps;
  u32 n_cache, n_used;
  u32 cache[64], used[64];
};

/* __reclaim_stacks: list_for_each over a head, updating each element (the
 * write that takes the COW fault) and recording its id. Returns 0 if the
 * walk came back to its head within the step bound. */
static int walk(list_t *head, u32 *ids, u32 *n, u32 *steps)
{
  *n = 0;
  for (list_t *runp = head->next; runp != head; runp = runp->next) {
    if (++*steps > step_limit) return -1;
    struct elem *curp = (struct elem *)runp;
    if (*n < 64) ids[*n] = curp->id;
    (*n)++;
    curp->tid = 0;
  }
  return 0;
}

/* The lists the parent can have had at the fork: before the move, between
 * its two halves (ELEM on no list), after it. Returns the number of values
 * (among the first 64 of each list) that differ from the closest of them. */
static u32 check_lists(const struct view *v)
{
  u32 best = ~0u;
  for (int phase = 0; phase < 3; phase++) {
    u32 exp_cache[64], exp_used[64], nc = 0, nu = 0, wrong = 0;
    if (phase == 2) exp_cache[nc++] = 0;
    exp_cache[nc++] = n_elems - 1;
    for (u32 i = phase == 0 ? 0 : 1; i + 1 < n_elems; i++) exp_used[nu++] = i;
    for (u32 i = 0; (i < v->n_cache || i < nc) && i < 64; i++)
      if (i >= v->n_cache || i >= nc || v->cache[i] != exp_cache[i]) wrong++;
    for (u32 i = 0; (i < v->n_used || i < nu) && i < 64; i++)
      if (i >= v->n_used || i >= nu || v->used[i] != exp_used[i]) wrong++;
    if (wrong < best) best = wrong;
  }
  return best;
}

static void child_b(void)
{
  struct view v;
  v.steps = v.n_cache = v.n_used = 0;
  u32 st = heads.state;
  reclaim_in_flight();
  int hang = walk(&heads.cache, v.cache, &v.n_cache, &v.steps) || walk(&heads.used, v.used, &v.n_used, &v.steps);
  u32 errors = check_lists(&v); /* for a hang: among the first ids read */
  u32 steps = v.steps;
  u32 outcome = hang ? PAVP_OUTCOME_HANG : errors ? PAVP_OUTCOME_CORRUPTED : PAVP_OUTCOME_OK;
  static const char *const names[] = {"ok", "corrupted", "hang"};
  pavp_result(PAVP_RESULT_OUTCOME, outcome);
  pavp_result(PAVP_RESULT_STEPS, steps);
  pavp_result(PAVP_RESULT_CHECK_ERRORS, errors);
  pavp_result(PAVP_RESULT_MOVED, st);
  add_s("workload: child B: outcome ");
  add_s(names[outcome]);
  add_s(", steps ");
  add_u(steps);
  add_s(", wrong values ");
  add_u(errors);
  add_s(", move state ");
  add_u(st);
  flush_line();
  sys_exit((long)outcome);
}

int workload_main(u32 nthreads)
{
  n_elems = pavp_param(PAVP_BP_ELEMENTS);
  stride = pavp_param(PAVP_BP_ELEM_STRIDE);
  step_limit = pavp_param(PAVP_BP_STEP_LIMIT);
  touch_pages = pavp_param(PAVP_BP_TOUCH_PAGES);
  u32 heap_size = pavp_param(PAVP_BP_HEAP_SIZE);
  if (n_elems < 2) n_elems = 2;
  if (n_elems > 60) n_elems = 60;
  if (stride < sizeof(struct elem)) stride = sizeof(struct elem);
  if ((n_elems + touch_pages) * stride + 256 > heap_size) touch_pages = 0;
  setup_lists();
  add_s("workload: A-1: ");
  add_u(n_elems);
  add_s(" elements, stride ");
  add_u(stride);
  add_s(", threads ");
  add_u(nthreads);
  flush_line();

  pavp_mark(1, PAVP_MARK_RUN);
  thread_create(thread_a2, 0, USER_STACK_BASE + 1 * USER_STACK_STRIDE + 128);
  for (u32 t = 2; t < nthreads; t++) thread_create(thread_extra, (long)t, USER_STACK_BASE + t * USER_STACK_STRIDE + 128);

  long pid = sys_fork(); /* seed step 1: A-1 forks while A-2 lives */
  if (pid == 0) child_b();
  u32 status = 0;
  long w = sys_waitpid(pid, &status);
  pavp_mark(0, PAVP_MARK_RUN);
  pavp_result(PAVP_RESULT_EXIT_STATUS, status);
  add_s("workload: A-1: child ");
  add_u((u32)w);
  add_s(" exit status ");
  add_u(status);
  if (status & 0x7f) {
    add_s(" (killed): outcome corrupted");
    pavp_result(PAVP_RESULT_OUTCOME, PAVP_OUTCOME_CORRUPTED);
  }
  flush_line();
  return status == 0 ? 0 : 1;
}
