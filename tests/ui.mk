# Suites for the ui area.
