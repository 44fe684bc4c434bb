# Bundled demo scripts, installed under $(pkgdatadir)/demos.
demosdir = $(pkgdatadir)/demos
dist_demos_DATA = data/demos/buddy.mvs data/demos/gfp.mvs \
	data/demos/tour.mvs \
	data/demos/kmalloc.mvs data/demos/kzalloc.mvs \
	data/demos/vmalloc.mvs data/demos/limits.mvs \
	data/demos/malloc.mvs data/demos/mmap.mvs data/demos/heapbins.mvs
