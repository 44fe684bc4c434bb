/*
 * overcommit.c - vm_committed_as and the three overcommit policies, as
 * mm/util.c has them (see overcommit.h).  The machine runs one user
 * process, so Committed_AS counts that process's charges only.
 */
#include "sim/page/overcommit.h"
#include "sim/machine-priv.h"
#include "sim/page/phys.h"

/* The values of vm.overcommit_memory (include/uapi/linux/mman.h). */
enum {
	OVERCOMMIT_GUESS,
	OVERCOMMIT_ALWAYS,
	OVERCOMMIT_NEVER
};

#define OVERCOMMIT_USER_RESERVE_MAX  (128ull << 20) /* 1UL << 17 kB */
#define OVERCOMMIT_ADMIN_RESERVE_MAX (8ull << 20)   /* 1UL << 13 kB */

/*
 * init_user_reserve() and init_admin_reserve(): 1/32 of the free memory
 * at boot, at most 128 MiB and 8 MiB.
 */
void
overcommit_init(struct machine *m)
{
	uint64_t free_bytes = phys_count(m, FO_FREE) << PAGE_SHIFT;
	uint64_t user = free_bytes / 32, admin = free_bytes / 32;

	if (user > OVERCOMMIT_USER_RESERVE_MAX)
		user = OVERCOMMIT_USER_RESERVE_MAX;
	if (admin > OVERCOMMIT_ADMIN_RESERVE_MAX)
		admin = OVERCOMMIT_ADMIN_RESERVE_MAX;
	m->user_reserve_pages = user >> PAGE_SHIFT;
	m->admin_reserve_pages = admin >> PAGE_SHIFT;
}

/* vm_commit_limit(): no hugetlb pages, no swap. */
uint64_t
overcommit_commit_limit(const struct machine *m)
{
	return m->totalram_pages * m->cfg.overcommit_ratio / 100;
}

uint64_t
overcommit_committed(const struct machine *m)
{
	return m->vm_committed_as;
}

void
overcommit_acct(struct machine *m, uint64_t pages)
{
	m->vm_committed_as += pages;
}

void
overcommit_unacct(struct machine *m, uint64_t pages)
{
	m->vm_committed_as -= pages < m->vm_committed_as ? pages :
							   m->vm_committed_as;
}

/*
 * Strict accounting: the limit less the admin reserve (the process is
 * not root) and less min(total_vm / 32, user reserve), compared with
 * the total already including the new pages.
 */
static int
overcommit_strict_ok(const struct machine *m, uint64_t total_vm)
{
	int64_t	 allowed = (int64_t)overcommit_commit_limit(m);
	uint64_t user = total_vm / 32;

	allowed -= (int64_t)m->admin_reserve_pages;
	allowed -= (int64_t)(user < m->user_reserve_pages ?
		user :
		m->user_reserve_pages);
	return (int64_t)m->vm_committed_as < allowed;
}

int
overcommit_charge(struct machine *m, uint64_t pages, uint64_t total_vm)
{
	int ok;

	overcommit_acct(m, pages);
	switch (m->cfg.overcommit_memory) {
	case OVERCOMMIT_ALWAYS:
		ok = 1;
		break;
	case OVERCOMMIT_GUESS:
		ok = pages <= m->totalram_pages;
		break;
	default:
		ok = overcommit_strict_ok(m, total_vm);
		break;
	}
	if (!ok)
		overcommit_unacct(m, pages);
	return ok ? 0 : -1;
}
