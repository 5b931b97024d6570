/*
 * utf8.c: UTF-8 validation, repair, decoding, counting and encoding: the
 * one UTF-8 module of the project, in base/ so every stage (readers
 * included) can use it.
 *
 * Every input byte passes through here before any other stage sees it: the
 * readers call ngi_utf8_valid_prefix to learn whether a record is clean and
 * ngi_utf8_repair when it is not. Validity follows Unicode's Table 3-7 (no
 * overlong forms, no surrogates, nothing past U+10FFFF); NUL counts as
 * invalid because the rest of the pipeline uses C strings. Repair replaces
 * each maximal subpart of an ill-formed sequence by one U+FFFD, which is
 * what Unicode (chapter 3, "U+FFFD Substitution of Maximal Subparts") and
 * the WHATWG decoder do, so our counts match other tools'.
 */
#include "utf8.h"

#include <string.h>

#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL

/* Non-zero when one of the eight bytes of v is zero. Exact as a truth value
 * (the classic bit trick; only the position of the flag can be off). */
static int has_zero_byte(uint64_t v)
{
	return ((v - ONES8) & ~v & HIGH8) != 0;
}

/*
 * Looks at the sequence starting at p (n >= 1 bytes). Sets *ok and returns
 * the sequence's length when it is a valid, non-NUL code point; otherwise
 * clears *ok and returns the length of the maximal subpart to replace
 * (always >= 1): the lead byte plus the continuation bytes that were still
 * acceptable when the sequence broke off.
 */
static size_t scan_sequence(const unsigned char *p, size_t n, int *ok)
{
	unsigned c = p[0];
	unsigned lo = 0x80, hi = 0xBF;
	size_t need;

	*ok = 0;
	if (c < 0x80) {
		*ok = c != 0;
		return 1;
	}
	if (c < 0xC2)
		return 1; /* stray continuation byte or overlong 2-byte lead */
	if (c < 0xE0) {
		need = 1;
	} else if (c < 0xF0) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c < 0xF5) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* past U+10FFFF */
	} else {
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		if (i >= n || p[i] < lo || p[i] > hi)
			return i;
		lo = 0x80;
		hi = 0xBF;
	}
	*ok = 1;
	return need + 1;
}

size_t ngi_utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		/* Most news text is ASCII: take it eight bytes at a time. */
		while (len - i >= 8) {
			uint64_t v;
			memcpy(&v, p + i, 8);
			if ((v & HIGH8) || has_zero_byte(v))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		int ok;
		size_t n = scan_sequence(p + i, len - i, &ok);
		if (!ok)
			return i;
		i += n;
	}
	return len;
}

size_t ngi_utf8_repair(const char *s, size_t len, ngi_buf *out,
		       size_t *first_bad)
{
	static const char replacement[3] = {'\xEF', '\xBF', '\xBD'};
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, count = 0;

	/* out->data must be a C string even when nothing is appended. */
	if (ngi_buf_reserve(out, 0))
		return (size_t)-1;
	out->data[out->len] = '\0';
	while (i < len) {
		size_t good = ngi_utf8_valid_prefix(s + i, len - i);
		if (good && ngi_buf_append(out, s + i, good))
			return (size_t)-1;
		i += good;
		if (i >= len)
			break;
		int ok;
		size_t bad = scan_sequence(p + i, len - i, &ok);
		if (count == 0 && first_bad)
			*first_bad = i;
		count++;
		if (ngi_buf_append(out, replacement, sizeof replacement))
			return (size_t)-1;
		i += bad;
	}
	return count;
}

int ngi_utf8_decode(const char *s, size_t len, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (len == 0) {
		*cp = -1;
		return 0;
	}
	int ok;
	size_t n = scan_sequence(p, len, &ok);
	if (!ok && p[0] != 0) {
		/* Callers promise valid input; if they are wrong, say U+FFFD and
		 * move past the bad part rather than read out of bounds. */
		*cp = 0xFFFD;
		return (int)n;
	}
	switch (n) {
	case 1: *cp = p[0]; break;
	case 2: *cp = (int32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F); break;
	case 3:
		*cp = (int32_t)(p[0] & 0x0F) << 12 | (int32_t)(p[1] & 0x3F) << 6 |
		      (p[2] & 0x3F);
		break;
	default:
		*cp = (int32_t)(p[0] & 0x07) << 18 | (int32_t)(p[1] & 0x3F) << 12 |
		      (int32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
		break;
	}
	return (int)n;
}

size_t ngi_utf8_count(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, continuation = 0;

	/* A code point is every byte that is not a continuation (10xxxxxx):
	 * count the continuation bytes of eight at a time, subtract. */
	for (; len - i >= 8; i += 8) {
		uint64_t v;
		memcpy(&v, p + i, 8);
		/* bit 7 set and bit 6 (moved up to bit 7) clear */
		uint64_t flags = v & HIGH8 & ~((v & (HIGH8 >> 1)) << 1);
		continuation += (size_t)(((flags >> 7) * ONES8) >> 56);
	}
	for (; i < len; i++)
		continuation += (p[i] & 0xC0) == 0x80;
	return len - continuation;
}

size_t ngi_utf8_prefix(const char *s, size_t len, size_t count, size_t *got)
{
	size_t i = 0, c = 0;
	while (i < len && c < count) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	if (got)
		*got = c;
	return i;
}

size_t ngi_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

const char *ngi_utf8_or_repaired(const char *s, size_t *len, ngi_buf *fixed)
{
	if (ngi_utf8_valid_prefix(s, *len) == *len)
		return s;
	ngi_buf_clear(fixed);
	ngi_utf8_repair(s, *len, fixed, NULL);
	*len = fixed->len;
	return fixed->data ? fixed->data : "";
}
