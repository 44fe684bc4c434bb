# Manual pages.
dist_man_MANS += man/memviz.1 man/memviz-script.5
