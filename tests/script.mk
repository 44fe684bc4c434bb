# Suites for the script area.
