# Bundled demo scripts, installed under $(pkgdatadir)/demos.
demosdir = $(pkgdatadir)/demos
dist_demos_DATA =
