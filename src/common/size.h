/*
 * size.h - sizes as people write them: 64M, 0x1000, 16KiB, 2g.
 *
 * One parser for every place memviz reads a size (the machine's ram=, a
 * kmalloc's argument, --ram on the command line), so all of them accept
 * the same text.  The suffixes follow the kernel's memparse()
 * (lib/cmdline.c), letters in either case: K, M, G and T, powers of 1024;
 * "B", "i" or "iB" may follow a suffix (64MB, 64Mi, 64MiB).
 */
#ifndef MEMVIZ_COMMON_SIZE_H
#define MEMVIZ_COMMON_SIZE_H

#include <stddef.h>
#include <stdint.h>

struct sbuf;

/*
 * Parses the len bytes at s: a decimal, 0x hex or 0 octal number, an
 * optional suffix.  Returns 0 with *out set, or -1 on anything else or a
 * value that does not fit 64 bits.  s need not be NUL-terminated.
 */
int size_parse(const char *s, size_t len, uint64_t *out);
/* Appends v with the largest suffix that divides it: 64M, 12K, 4097. */
void size_format(uint64_t v, struct sbuf *out);

#endif
