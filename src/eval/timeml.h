/*
 * timeml.h: a small reader for TimeML (.tml) files, for the dates suite.
 *
 * TimeML is XML with TIMEX3 elements inline in the text. The reader keeps
 * the text inside <TEXT>...</TEXT> (the whole body when there is none) with
 * every tag removed and the five XML entities (&amp; &lt; &gt; &quot;
 * &apos;) and numeric character references decoded, and records each TIMEX3
 * of that text as a byte span of the plain text with its tid, type and
 * value. The document creation time is the TIMEX3 whose functionInDocument
 * is CREATION_TIME (in the header, so not part of the text). It is not a
 * general XML parser: no DTDs, no namespaces, no nested TIMEX3.
 *
 * Ownership: everything in an ngi_tml_doc belongs to the arena passed in.
 */
#ifndef NG_EVAL_TIMEML_H
#define NG_EVAL_TIMEML_H

#include "../base/base.h"

typedef struct ngi_tml_timex {
	uint32_t start, end;   /* bytes into the plain text, end exclusive */
	const char *tid;
	const char *type;      /* DATE, TIME, DURATION, SET */
	const char *value;
} ngi_tml_timex;

typedef struct ngi_tml_doc {
	char *text;            /* plain text, NUL-terminated */
	size_t len;
	ngi_tml_timex *timexes;
	size_t n;
	const char *dct;       /* creation time value, or NULL */
	int32_t dct_day;       /* its day (days since 1970-01-01) or INT32_MIN */
} ngi_tml_doc;

/* Parses one TimeML document. On malformed input returns NG_ERR_INPUT with
 * *err a static message and *err_offset the byte offset in xml. */
ng_status ngi_timeml_parse(const char *xml, size_t len, ngi_arena *a,
			   ngi_tml_doc *out, const char **err,
			   size_t *err_offset);

#endif
