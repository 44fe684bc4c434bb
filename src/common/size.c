/*
 * size.c - the one size parser.
 *
 * Scripts hold millions of plain numbers, so the common case (decimal
 * digits, no suffix) is read without a copy or strtoull.
 */
#include "common/size.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common/sbuf.h"

/*
 * Up to 19 digits, no leading 0 (which would make strtoull read octal),
 * no suffix: cannot overflow.  Returns 1 when it applied.
 */
static int
size_plain_decimal(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t	 i;

	if (len > 19 || (s[0] == '0' && len > 1))
		return 0;
	for (i = 0; i < len; i++) {
		if ((unsigned)(s[i] - '0') >= 10)
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 1;
}

/* memparse()'s letters, either case; 0 for none. */
static unsigned
size_suffix_shift(char c)
{
	switch (c | 0x20) {
	case 'k':
		return 10;
	case 'm':
		return 20;
	case 'g':
		return 30;
	case 't':
		return 40;
	default:
		return 0;
	}
}

int
size_parse(const char *s, size_t len, uint64_t *out)
{
	char		   buf[64], *end;
	unsigned long long v;
	unsigned	   shift;

	if (len == 0 || len >= sizeof buf || (unsigned)(*s - '0') >= 10)
		return -1;
	if (size_plain_decimal(s, len, out))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	v = strtoull(buf, &end, 0);
	if (errno != 0)
		return -1;
	shift = size_suffix_shift(*end);
	if (shift != 0) {
		end++;
		if (strcmp(end, "iB") == 0 || strcmp(end, "i") == 0 ||
		    strcmp(end, "B") == 0)
			end += strlen(end);
	}
	if (*end != '\0' || (shift && v > (UINT64_MAX >> shift)))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

void
size_format(uint64_t v, struct sbuf *out)
{
	if (v != 0 && v % (1ull << 30) == 0)
		sbuf_printf(out, "%" PRIu64 "G", v >> 30);
	else if (v != 0 && v % (1ull << 20) == 0)
		sbuf_printf(out, "%" PRIu64 "M", v >> 20);
	else if (v != 0 && v % 1024 == 0)
		sbuf_printf(out, "%" PRIu64 "K", v >> 10);
	else
		sbuf_printf(out, "%" PRIu64, v);
}
