/*
 * stmt-table.c - every statement of the language, one row each.
 *
 * As tmux's cmd_table: the parser checks calls against a row's argument
 * signature, `help` and completion print its usage and help, and a test
 * fails when a row is missing from memviz-script(5).  Adding a statement
 * is adding a row here and an exec function in a stmt-*.c file.
 */
#include "script/script-priv.h"

#include <string.h>

#define OPS   (STMT_CALL | STMT_OPERATION)
#define ALLOC (STMT_ASSIGN | OPS)
#define FREE  (STMT_FREES | OPS)

const struct stmt_entry stmt_table[] = {
	{ "machine", "M", "machine [OPTION=VALUE]...",
	    "configure the machine: ram, cpus, kernel, seed, fragment, thp, "
	    "aslr",
	    SCRIPT_MACHINE, STMT_FIRST, stmt_machine_exec },
	{ "kmalloc", "SG", "NAME = kmalloc(SIZE, GFP)",
	    "physically contiguous kernel memory from a slab cache, not "
	    "cleared",
	    SCRIPT_OP, ALLOC, stmt_kmalloc_exec },
	{ "kzalloc", "SG", "NAME = kzalloc(SIZE, GFP)",
	    "kmalloc with __GFP_ZERO: the object is cleared", SCRIPT_OP, ALLOC,
	    stmt_kzalloc_exec },
	{ "kcalloc", "CSG", "NAME = kcalloc(N, SIZE, GFP)",
	    "a zeroed array of N objects; NULL if N * SIZE overflows",
	    SCRIPT_OP, ALLOC, stmt_kcalloc_exec },
	{ "kfree", "N", "kfree(NAME)",
	    "give back memory from kmalloc, kzalloc or kcalloc", SCRIPT_OP,
	    FREE, stmt_kfree_exec },
	{ "kmem_cache_create", "TS?SL",
	    "NAME = kmem_cache_create(\"NAME\", SIZE[, ALIGN[, FLAGS]])",
	    "a slab cache of one's own, or an existing one it merges with",
	    SCRIPT_OP, ALLOC, stmt_kmem_cache_create_exec },
	{ "kmem_cache_alloc", "NG", "NAME = kmem_cache_alloc(CACHE, GFP)",
	    "one object from a cache of kmem_cache_create", SCRIPT_OP, ALLOC,
	    stmt_kmem_cache_alloc_exec },
	{ "kmem_cache_zalloc", "NG", "NAME = kmem_cache_zalloc(CACHE, GFP)",
	    "kmem_cache_alloc with __GFP_ZERO: the object is cleared",
	    SCRIPT_OP, ALLOC, stmt_kmem_cache_zalloc_exec },
	{ "kmem_cache_free", "NN", "kmem_cache_free(CACHE, NAME)",
	    "give an object back to its cache (a wrong CACHE is warned about)",
	    SCRIPT_OP, OPS, stmt_kmem_cache_free_exec },
	{ "kmem_cache_destroy", "N", "kmem_cache_destroy(CACHE)",
	    "drop a cache: refused, with the kernel's report, while objects "
	    "live",
	    SCRIPT_OP, OPS, stmt_kmem_cache_destroy_exec },
	{ "ksize", "N", "ksize(NAME)",
	    "the bytes a slab object or kmalloc block really has", SCRIPT_OP,
	    OPS | STMT_VALUE, stmt_ksize_exec },
	{ "vmalloc", "S", "NAME = vmalloc(SIZE)",
	    "virtually contiguous kernel memory, page by page, not cleared",
	    SCRIPT_OP, ALLOC, stmt_vmalloc_exec },
	{ "vzalloc", "S", "NAME = vzalloc(SIZE)",
	    "vmalloc with the pages cleared", SCRIPT_OP, ALLOC,
	    stmt_vzalloc_exec },
	{ "vfree", "N", "vfree(NAME)",
	    "give back memory from vmalloc or vzalloc", SCRIPT_OP, FREE,
	    stmt_vfree_exec },
	{ "__get_free_pages", "GO", "NAME = __get_free_pages(GFP, ORDER)",
	    "2^ORDER contiguous pages from the buddy allocator, as an address",
	    SCRIPT_OP, ALLOC, stmt_get_free_pages_exec },
	{ "alloc_pages", "GO", "NAME = alloc_pages(GFP, ORDER)",
	    "2^ORDER contiguous pages, as a struct page pointer", SCRIPT_OP,
	    ALLOC, stmt_alloc_pages_exec },
	{ "free_pages", "NO", "free_pages(NAME, ORDER)",
	    "give back pages from __get_free_pages", SCRIPT_OP, FREE,
	    stmt_free_pages_exec },
	{ "__free_pages", "NO", "__free_pages(NAME, ORDER)",
	    "give back pages from alloc_pages", SCRIPT_OP, FREE,
	    stmt___free_pages_exec },
	{ "malloc", "S", "NAME = malloc(SIZE)",
	    "user memory from the process heap (glibc), not cleared", SCRIPT_OP,
	    ALLOC, stmt_malloc_exec },
	{ "calloc", "CS", "NAME = calloc(N, SIZE)",
	    "a zeroed user array of N elements", SCRIPT_OP, ALLOC,
	    stmt_calloc_exec },
	{ "realloc", "NS", "NAME = realloc(NAME, SIZE)",
	    "grow or shrink a malloc block, moving it if needed", SCRIPT_OP,
	    ALLOC, stmt_realloc_exec },
	{ "free", "N", "free(NAME)",
	    "give back memory from malloc, calloc or realloc", SCRIPT_OP, FREE,
	    stmt_free_exec },
	{ "memalign", "SS", "NAME = memalign(ALIGN, SIZE)",
	    "a heap block whose address is a multiple of ALIGN (rounded up to "
	    "a power of two)",
	    SCRIPT_OP, ALLOC, stmt_memalign_exec },
	{ "aligned_alloc", "SS", "NAME = aligned_alloc(ALIGN, SIZE)",
	    "C11's memalign: glibc 2.36 takes any ALIGN, as memalign",
	    SCRIPT_OP, ALLOC, stmt_aligned_alloc_exec },
	{ "posix_memalign", "SS", "NAME = posix_memalign(ALIGN, SIZE)",
	    "memalign storing into NAME; EINVAL unless ALIGN is a power-of-two "
	    "multiple of 8",
	    SCRIPT_OP, ALLOC, stmt_posix_memalign_exec },
	{ "valloc", "S", "NAME = valloc(SIZE)",
	    "a page-aligned heap block (memalign(4096, SIZE))", SCRIPT_OP,
	    ALLOC, stmt_valloc_exec },
	{ "pvalloc", "S", "NAME = pvalloc(SIZE)",
	    "valloc of SIZE rounded up to whole pages", SCRIPT_OP, ALLOC,
	    stmt_pvalloc_exec },
	{ "reallocarray", "NCS", "NAME = reallocarray(NAME, N, SIZE)",
	    "realloc to N * SIZE bytes; ENOMEM if that overflows", SCRIPT_OP,
	    ALLOC, stmt_reallocarray_exec },
	{ "malloc_usable_size", "N", "malloc_usable_size(NAME)",
	    "the bytes NAME's block really has (0 once freed)", SCRIPT_OP,
	    OPS | STMT_VALUE, stmt_malloc_usable_size_exec },
	{ "malloc_trim", "S", "malloc_trim(PAD)",
	    "give free heap pages back to the kernel (madvise, then sbrk), "
	    "keeping PAD",
	    SCRIPT_OP, OPS | STMT_VALUE, stmt_malloc_trim_exec },
	{ "mallopt", "PC", "mallopt(PARAM, VALUE)",
	    "set a malloc tunable: M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, "
	    "M_TOP_PAD, M_MMAP_MAX, M_PERTURB, ...",
	    SCRIPT_OP, OPS | STMT_VALUE, stmt_mallopt_exec },
	{ "write", "NCC?T", "write(NAME, OFFSET, LEN[, \"TEXT\"])",
	    "store LEN bytes (TEXT repeated, or a pattern): faults pages in",
	    SCRIPT_OP, OPS, stmt_write_exec },
	{ "read", "NCC", "read(NAME, OFFSET, LEN)",
	    "load LEN bytes and show the first ones: stale or zeroed contents",
	    SCRIPT_OP, OPS, stmt_read_exec },
	{ "say", "T", "say \"TEXT\"",
	    "narration: a caption in the TUI, a # line in batch output",
	    SCRIPT_SAY, 0, stmt_present_exec },
	{ "pause", "", "pause",
	    "wait for a key before going on (a clicker's Page Down)",
	    SCRIPT_PAUSE, 0, stmt_present_exec },
	{ "sleep", "D", "sleep DURATION",
	    "wait, in ms or s (sleep 500ms), during a replay", SCRIPT_SLEEP, 0,
	    stmt_present_exec },
	{ "focus", "F", "focus phys|slab|vmalloc|user",
	    "bring a view to the front", SCRIPT_FOCUS, 0, stmt_present_exec },
	{ "mark", "I", "mark NAME",
	    "a named point in the replay to jump back to", SCRIPT_MARK, 0,
	    stmt_present_exec },
	{ "predict", "I", "predict NAME",
	    "ask the audience where the next allocation, of NAME, will land",
	    SCRIPT_PREDICT, 0, stmt_present_exec },
	{ "present", "", "present",
	    "presentation mode: projector colours, large cells, captions on "
	    "top",
	    SCRIPT_PRESENT, 0, stmt_present_exec },
	{ "show", "V",
	    "show buddyinfo|zoneinfo|slabinfo|vmallocinfo|meminfo|maps|"
	    "pagetypeinfo|NAME",
	    "print a /proc view in the kernel's format, or what NAME is",
	    SCRIPT_SHOW, 0, stmt_show_exec },
	{ "expect", "E", "expect ENOMEM|EINVAL|too-large|double-free|...|fail",
	    "announce that the next operation fails, and how", SCRIPT_EXPECT, 0,
	    stmt_expect_exec },
	{ "help", "?H", "help [STATEMENT]",
	    "list the statements, or describe one", SCRIPT_HELP, 0,
	    stmt_help_exec },
	{ "cpu", "C", "cpu N",
	    "run the statements that follow on CPU N (0 at boot): its page "
	    "lists, its SLUB CPU slabs",
	    SCRIPT_CPU, 0, stmt_cpu_exec },
	{ "thread", "C?XC", "thread N [exit | join | detach | dtv SLOTS]",
	    "run the malloc calls that follow on thread N of the process (0 "
	    "the main thread; a new N is created, its DTV 17 slots or "
	    "SLOTS): its own tcache and arena; or end, join, detach it",
	    SCRIPT_OP, STMT_OPERATION, stmt_thread_exec },
	{ "tick", "D", "tick DURATION",
	    "let time pass (tick 2s): each second every CPU runs vmstat's "
	    "work (6.12: pcp high decays)",
	    SCRIPT_OP, STMT_OPERATION, stmt_tick_exec },
	{ "repeat", "C", "repeat N { ... }",
	    "run the block N times; $i counts 0..N-1 ($j, $k when nested)",
	    SCRIPT_REPEAT, STMT_BLOCK, NULL },
};
const size_t stmt_table_len = sizeof stmt_table / sizeof stmt_table[0];

/* The order of the two lists is the same (malloc.h's M_ values). */
const char *const script_mallopt_names[] = { "M_TRIM_THRESHOLD", "M_TOP_PAD",
	"M_MMAP_THRESHOLD", "M_MMAP_MAX", "M_PERTURB", "M_ARENA_TEST",
	"M_ARENA_MAX", NULL };
const int	  script_mallopt_params[] = { -1, -2, -3, -4, -6, -7, -8 };

/* What `thread N WORD` does to thread N besides running it. */
const char *const script_thread_actions[] = { "exit", "join", "detach", "dtv",
	NULL };

const char *const script_focus_names[] = { "phys", "slab", "vmalloc", "user",
	NULL };

const struct stmt_entry *
stmt_find(const char *name)
{
	return stmt_find_len(name, strlen(name));
}

const struct stmt_entry *
stmt_find_len(const char *name, size_t len)
{
	const char *t;
	size_t	    i;

	for (i = 0; i < stmt_table_len && len > 0; i++) {
		t = stmt_table[i].name;
		/* the first two bytes rule out most rows before strncmp
		   (name[1] is readable: a token is inside NUL-ended text) */
		if (t[0] == name[0] && (len == 1 || t[1] == name[1]) &&
		    strncmp(t, name, len) == 0 && t[len] == '\0')
			return &stmt_table[i];
	}
	return NULL;
}

const char *
script_language_version(void)
{
	return "1";
}
