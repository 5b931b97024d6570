/*
 * pubdate_infer.h: the publication date of an article, inferred from what
 * the reader knew and from the article's own dates when the record gives
 * none or gives only a month and day. The engine calls it per document
 * (src/engine/features.c) between finding the text's dates without an
 * anchor and anchoring them on the day it returns.
 *
 * Rules, in order:
 *  1. a full date from metadata, a header line or the command line stands
 *     (confidence 1.0 metadata/override, 0.9 header, 0.8 dateline, 0.6
 *     text);
 *  2. a dateline's month and day ("--11-12") take a year only with
 *     evidence from the article itself (pubdate_year.h: weekdays, a year
 *     written in the text, office holders); otherwise the year stays
 *     unknown (published "--MM-DD", confidence 0.5 for the month and day);
 *  3. no date at all: a full date written in the first 200 bytes of the
 *     text (a date line the reader did not take) is the publication day
 *     (source text, confidence 0.6);
 *  4. otherwise unknown (confidence 0): relative expressions such as "on
 *     Thursday" or "last week" need an anchor and cannot give one.
 */
#ifndef NG_PUBDATE_INFER_H
#define NG_PUBDATE_INFER_H

#include "../read/read.h"
#include "dates.h"
#include "pubdate.h"

/* What the reader knew of the publication date. */
typedef struct ngi_pubdate_given {
	const char *published; /* ngi_pubdate_normalize's form, or NULL */
	int source;            /* ngi_pub_source of published */
	int has_day;           /* published is a full date ... */
	int32_t day;           /* ... this day (days since 1970-01-01) */
} ngi_pubdate_given;

/* The date after inference. */
typedef struct ngi_pubdate_inferred {
	char published[NGI_PUBDATE_LEN]; /* "" unknown, "--MM-DD" without a year */
	int source;                      /* ngi_pub_source; NGI_PUB_NONE unknown */
	int has_day;                     /* the year is known: day is set */
	int32_t day;
	int has_time;                    /* published has a time of day ... */
	int64_t time;                    /* ... seconds since the epoch */
	double confidence;               /* 0 unknown .. 1 given */
} ngi_pubdate_inferred;

/* Infers the date of text (len bytes, language lang) from given and the
 * timexes of the text found without an anchor (tx, n; may be NULL, 0 when
 * given has a day). scratch holds temporary memory only. */
void ngi_pubdate_infer(const ngi_pubdate_given *given, const ngi_timex *tx,
		       size_t n, const char *text, size_t len,
		       const char *lang, ngi_arena *scratch,
		       ngi_pubdate_inferred *out);

#endif
