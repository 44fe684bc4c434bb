# Bundled demo scripts, installed under $(pkgdatadir)/demos.
demosdir = $(pkgdatadir)/demos
dist_demos_DATA = data/demos/buddy.mvs data/demos/gfp.mvs \
	data/demos/tour.mvs \
	data/demos/kmalloc.mvs data/demos/kzalloc.mvs \
	data/demos/vmalloc.mvs data/demos/limits.mvs \
	data/demos/malloc.mvs data/demos/mmap.mvs data/demos/heapbins.mvs \
	data/demos/pcp.mvs \
	data/demos/aligned.mvs data/demos/tunables.mvs \
	data/demos/threads.mvs

# bash completion, named as bash-completion's lazy loader looks it up
# (completions/memviz); distcheck installs it under its own prefix.
bashcompletiondir = $(BASH_COMPLETION_DIR)
dist_bashcompletion_DATA = data/completion/memviz
AM_DISTCHECK_CONFIGURE_FLAGS = \
	--with-bash-completion-dir='$$(datadir)/bash-completion/completions'

# zsh completion, in the directory Debian's zsh reads vendors' from.
zshcompletiondir = $(datadir)/zsh/vendor-completions
dist_zshcompletion_DATA = data/completion/_memviz
