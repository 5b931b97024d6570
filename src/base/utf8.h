/*
 * utf8.h: UTF-8 validation and repair, the gate every input byte passes;
 * decoding, counting and the one encoder of code points into bytes.
 *
 * Invalid sequences (overlong forms, surrogates, code points past U+10FFFF,
 * truncated sequences, stray continuation bytes) are replaced by U+FFFD, one
 * per maximal invalid subpart as Unicode recommends. NUL bytes are replaced
 * too (the rest of the pipeline uses C strings).
 */
#ifndef NG_UTF8_H
#define NG_UTF8_H

#include "base.h"

/* Length of the valid UTF-8 prefix of s (no NULs). == len when all valid. */
size_t ngi_utf8_valid_prefix(const char *s, size_t len);

/* Appends a repaired copy of s to out. Returns the number of replacements
 * made; *first_bad is set to the byte offset of the first one (untouched when
 * none). Returns (size_t)-1 if out hit its cap or memory ran out. */
size_t ngi_utf8_repair(const char *s, size_t len, ngi_buf *out,
		       size_t *first_bad);

/* s as valid UTF-8: s itself when it is, else a repaired copy in fixed
 * (cleared first; when fixed hits its cap or memory runs out, what was
 * repaired, possibly ""). *len is updated to the text's length. */
const char *ngi_utf8_or_repaired(const char *s, size_t *len, ngi_buf *fixed);

/* Decodes one code point at s (valid UTF-8 assumed); returns its byte length
 * and writes the code point. */
int ngi_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Number of code points in valid UTF-8. */
size_t ngi_utf8_count(const char *s, size_t len);

/* Bytes of the first count code points of valid UTF-8 s (len bytes); *got,
 * when not NULL, says how many code points that is (fewer when s is
 * shorter). */
size_t ngi_utf8_prefix(const char *s, size_t len, size_t count, size_t *got);

/* Writes code point cp (at most 0x10FFFF, not checked) as UTF-8 into out
 * and returns its length, 1 to 4 bytes. */
size_t ngi_utf8_encode(uint32_t cp, char out[4]);

#endif
