/*
 * unaligned.h - little-endian words in simulated bytes, as the kernel's
 * include/linux/unaligned.h get_unaligned_le*() and put_unaligned_le*()
 * read and write them.
 *
 * x86 is little-endian and the simulated memory is a byte array whatever
 * the host is, so every word the machine keeps in its frames (page-table
 * entries, slab freelist links, malloc's chunk headers) goes through
 * these.  They are spelt out byte by byte so the compiler makes each one
 * load or store, and any alignment is allowed.
 */
#ifndef MEMVIZ_SIM_UNALIGNED_H
#define MEMVIZ_SIM_UNALIGNED_H

#include <stdint.h>

static inline uint16_t
get_unaligned_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t
get_unaligned_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t
get_unaligned_le64(const uint8_t *p)
{
	return (uint64_t)get_unaligned_le32(p) |
	    (uint64_t)get_unaligned_le32(p + 4) << 32;
}

static inline void
put_unaligned_le16(uint16_t v, uint8_t *p)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void
put_unaligned_le32(uint32_t v, uint8_t *p)
{
	put_unaligned_le16((uint16_t)v, p);
	put_unaligned_le16((uint16_t)(v >> 16), p + 2);
}

static inline void
put_unaligned_le64(uint64_t v, uint8_t *p)
{
	put_unaligned_le32((uint32_t)v, p);
	put_unaligned_le32((uint32_t)(v >> 32), p + 4);
}

#endif
