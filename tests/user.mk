# Suites for the user area: the process (VMAs, paging, maps) and malloc.
# glibc-replay runs calls with the real glibc for check_umalloc_glibc.
check_PROGRAMS += tests/glibc-replay tests/check_umalloc_glibc \
	tests/check_umalloc tests/check_process tests/check_overcommit \
	tests/check_umalloc_corrupt tests/check_umalloc_align
tests_glibc_replay_SOURCES = tests/glibc-replay.c
# the replay runs its calls on threads (pthread_create, semaphores)
tests_glibc_replay_CFLAGS = $(AM_CFLAGS) -pthread
tests_glibc_replay_LDFLAGS = -pthread
tests_check_umalloc_glibc_SOURCES = tests/check_umalloc_glibc.c
tests_check_umalloc_glibc_CFLAGS = $(TEST_CFLAGS)
tests_check_umalloc_glibc_LDADD = $(TEST_LIBS)
tests_check_umalloc_SOURCES = tests/check_umalloc.c
tests_check_umalloc_CFLAGS = $(TEST_CFLAGS)
tests_check_umalloc_LDADD = $(TEST_LIBS)
tests_check_process_SOURCES = tests/check_process.c
tests_check_process_CFLAGS = $(TEST_CFLAGS)
tests_check_process_LDADD = $(TEST_LIBS)
tests_check_umalloc_corrupt_SOURCES = tests/check_umalloc_corrupt.c
tests_check_umalloc_corrupt_CFLAGS = $(TEST_CFLAGS)
tests_check_umalloc_corrupt_LDADD = $(TEST_LIBS)
tests_check_overcommit_SOURCES = tests/check_overcommit.c
tests_check_overcommit_CFLAGS = $(TEST_CFLAGS)
tests_check_overcommit_LDADD = $(TEST_LIBS)
TESTS += tests/check_umalloc_glibc tests/check_umalloc tests/check_process \
	tests/check_umalloc_align \
	tests/check_overcommit tests/check_umalloc_corrupt
# threads and their arenas (umalloc-arena.c)
check_PROGRAMS += tests/check_umalloc_arena
TESTS += tests/check_umalloc_arena
tests_check_umalloc_arena_SOURCES = tests/check_umalloc_arena.c
tests_check_umalloc_arena_CFLAGS = $(TEST_CFLAGS)
tests_check_umalloc_arena_LDADD = $(TEST_LIBS)
tests_check_umalloc_align_SOURCES = tests/check_umalloc_align.c
tests_check_umalloc_align_CFLAGS = $(TEST_CFLAGS)
tests_check_umalloc_align_LDADD = $(TEST_LIBS)
# thread exit: free_list, the stack cache (umalloc-thread.c)
check_PROGRAMS += tests/check_thread_exit
TESTS += tests/check_thread_exit
tests_check_thread_exit_SOURCES = tests/check_thread_exit.c
tests_check_thread_exit_CFLAGS = $(TEST_CFLAGS)
tests_check_thread_exit_LDADD = $(TEST_LIBS)
