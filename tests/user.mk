# Suites for the user area.
