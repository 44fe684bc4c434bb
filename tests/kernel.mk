# Suites for the kernel area.
