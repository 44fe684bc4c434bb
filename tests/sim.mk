# Suites for the page allocator layer: phys, buddy, GFP, reports.
check_PROGRAMS += tests/check_buddy tests/check_phys
tests_check_buddy_SOURCES = tests/check_buddy.c
tests_check_buddy_CFLAGS = $(TEST_CFLAGS)
tests_check_buddy_LDADD = $(TEST_LIBS)
tests_check_phys_SOURCES = tests/check_phys.c
tests_check_phys_CFLAGS = $(TEST_CFLAGS)
tests_check_phys_LDADD = $(TEST_LIBS)
TESTS += tests/check_buddy tests/check_phys

# machine_clone: a checkpoint runs on exactly as the original.
check_PROGRAMS += tests/check_checkpoint
tests_check_checkpoint_SOURCES = tests/check_checkpoint.c
tests_check_checkpoint_CFLAGS = $(TEST_CFLAGS)
tests_check_checkpoint_LDADD = $(TEST_LIBS)
TESTS += tests/check_checkpoint

# Events as --batch --json prints them: keys from the text's labels.
check_PROGRAMS += tests/check_event_json
tests_check_event_json_SOURCES = tests/check_event_json.c
tests_check_event_json_CFLAGS = $(TEST_CFLAGS)
tests_check_event_json_LDADD = $(TEST_LIBS)
TESTS += tests/check_event_json
