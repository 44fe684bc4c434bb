/*
 * thp.h - transparent huge pages as the kernel's config and boot option
 * set them: the mode of /sys/kernel/mm/transparent_hugepage/enabled.
 *
 * CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS / _MADVISE pick the default
 * (mm/huge_memory.c transparent_hugepage_flags); the boot option
 * transparent_hugepage= overrides it (setup_transparent_hugepage()).
 * hugepage_init() turns THP off below 512 MiB of RAM.  With THP enabled
 * (always or madvise) khugepaged starts, and its
 * set_recommended_min_free_kbytes() raises min_free_kbytes: that is
 * the part memviz models.  The difference between always and madvise
 * (which anonymous faults get a huge page) does not arise, since memviz
 * maps no huge pages.
 */
#ifndef MEMVIZ_SIM_THP_H
#define MEMVIZ_SIM_THP_H

struct machine;

/* The values of machine_config.thp; -1 there means the profile's. */
enum thp_mode {
	THP_NEVER,   /* no THP, or a kernel without it (before 2.6.38) */
	THP_ALWAYS,  /* CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS */
	THP_MADVISE, /* CONFIG_TRANSPARENT_HUGEPAGE_MADVISE */
	THP__COUNT
};

/* "never", "always", "madvise", as the sysfs file names them. */
extern const char *const thp_mode_names[THP__COUNT];

/*
 * Settles the mode for a new machine from its configuration and profile.
 * -1 with *cause (caller frees) when the configuration enables THP on a
 * profile whose kernel predates it.
 */
int thp_setup(struct machine *m, char **cause);
/* hugepage_flags_enabled() after hugepage_init(): khugepaged runs. */
int thp_khugepaged_runs(const struct machine *m);

#endif
