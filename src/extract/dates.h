/*
 * dates.h: temporal expressions in running text -> TIMEX3 values.
 *
 * ngi_dates_find tags the dates, times, durations and sets of one document
 * and normalises each to a TimeML TIMEX3 value, resolving relative and
 * partial expressions against an anchor day (the publication date). It sits
 * in the extract stage: it needs only the text and its language; it does not
 * depend on the tokens of src/text (it scans the bytes itself) so it can run
 * on any string, before or after the main analysis.
 *
 * Languages: en, de, fr, it, es, ru (full), pt, nl, pl, uk (month and day
 * names, deictic words, common relative phrases). Unknown languages fall
 * back to English words; numeric forms (2024-10-27, 27.10.2024) work in all.
 *
 * Conventions (TimeML / TempEval-3):
 *  - Extents leave out prepositions ("on", "am", "in", "на"); they include
 *    the determiners and modifiers TimeML includes ("the third quarter",
 *    "last week", "early next year", "the past two months").
 *  - Values: 2024-11-05, 2024-11-05T14:30, 2024-11-05TNI (part of day),
 *    2024-W43 (ISO week), 2024-W43-WE, 2024-11, 2024-Q3, 2024-H1, 2024-SU,
 *    2024, 199 (a decade), 19 (a century), PRESENT_REF, PAST_REF, FUTURE_REF,
 *    P3D / PT2H / PXY (durations), P1D (sets), XXXX-11-12 when no anchor.
 *  - Relative rules, anchored on the publication day A (see docs/DATES.md):
 *    a bare weekday is the nearest such day on or before A (news reports the
 *    recent past), or after A when the clause is in the future tense ("will",
 *    "wird", "sarà"...); a day-month without year takes the year that puts it
 *    nearest to A; a bare month the nearest such month; "last week" is the
 *    ISO week of A - 7 days; "N days ago" is A - N days; "a year earlier"
 *    shifts the previous date mentioned in the text when it has quarter or
 *    month granularity, else A's year.
 *
 * Ownership: the array of timexes comes from the arena passed in.
 * Threads: no shared mutable state; the word index is built once
 * (pthread_once) and read-only afterwards.
 */
#ifndef NG_DATES_H
#define NG_DATES_H

#include "../base/base.h"

struct ngi_doc; /* text.h; optional, only its language is used */

typedef enum ngi_timex_gran {
	NGI_GRAN_NONE = 0,   /* durations, sets, *_REF */
	NGI_GRAN_MINUTE,
	NGI_GRAN_HOUR,
	NGI_GRAN_PART_OF_DAY, /* TMO, TAF, TEV, TNI */
	NGI_GRAN_DAY,
	NGI_GRAN_WEEKEND,
	NGI_GRAN_WEEK,
	NGI_GRAN_MONTH,
	NGI_GRAN_SEASON,
	NGI_GRAN_QUARTER,
	NGI_GRAN_HALF,
	NGI_GRAN_YEAR,
	NGI_GRAN_DECADE,
	NGI_GRAN_CENTURY
} ngi_timex_gran;

typedef enum ngi_timex_anchor {
	NGI_ANCHOR_NONE = 0,     /* durations, sets, refs, unresolved (XXXX) */
	NGI_ANCHOR_ABSOLUTE,     /* fully written out: "5 November 2024" */
	NGI_ANCHOR_PUBLICATION,  /* resolved against the anchor day */
	NGI_ANCHOR_TEXT,         /* resolved against an earlier date in text */
	NGI_ANCHOR_STORY         /* the article has no date: resolved against
				    the first date of its story (the engine
				    sets this after linking) */
} ngi_timex_anchor;

#define NGI_TIMEX_VALUE_LEN 32

typedef struct ngi_timex {
	uint32_t start, end;       /* byte offsets into text, end exclusive */
	uint32_t cp_start, cp_end; /* the same in code points */
	char type[10];             /* DATE, TIME, DURATION, SET */
	char value[NGI_TIMEX_VALUE_LEN]; /* TIMEX3 value */
	uint8_t granularity;       /* ngi_timex_gran */
	uint8_t anchor;            /* ngi_timex_anchor */
	int32_t day;               /* first day covered (days since 1970-01-01)
				      for resolved DATE/TIME, else INT32_MIN */
} ngi_timex;

/* No anchor: relative expressions are kept with X placeholders. */
#define NGI_DATES_NO_ANCHOR INT32_MIN

/* Caps on hostile input: bytes scanned, timexes returned. */
#define NGI_DATES_MAX_TEXT ((size_t)64 << 20)
#define NGI_DATES_MAX_TIMEX 100000

/* Finds the temporal expressions of text (valid UTF-8, len bytes) in
 * lang (ISO 639-1; NULL or unknown: doc's language when doc is given, else
 * English), resolving them against anchor_day (days since 1970-01-01, or
 * NGI_DATES_NO_ANCHOR). Writes an arena array of *n timexes in text order,
 * non-overlapping, to *out (NULL when *n == 0). Text past NGI_DATES_MAX_TEXT
 * is not scanned. Returns NG_ERR_NOMEM when the arena fails (out and n then
 * untouched). */
ng_status ngi_dates_find(const char *text, size_t len, const char *lang,
			 const struct ngi_doc *doc, int32_t anchor_day,
			 ngi_arena *a, ngi_timex **out, size_t *n);

/* The same in two steps, for a caller that tags one text more than once
 * (publication-date inference tags without an anchor, then anchored on the
 * day it found): ngi_dates_prepare tokenises the text once into arena a
 * (about 80 bytes a token; a text longer than one 256 KB segment is
 * tokenised again by each ngi_dates_tag, a segment at a time, so memory
 * stays bounded), and ngi_dates_tag runs the rules with an anchor, writing
 * what ngi_dates_find would. The prepared text borrows text and lives as
 * long as a; ngi_dates_tag only reads it (several threads may tag one). */
typedef struct ngi_dates_text ngi_dates_text;
ng_status ngi_dates_prepare(const char *text, size_t len, const char *lang,
			    const struct ngi_doc *doc, ngi_arena *a,
			    ngi_dates_text **out);
ng_status ngi_dates_tag(const ngi_dates_text *dt, int32_t anchor_day,
			ngi_arena *a, ngi_timex **out, size_t *n);

/* Weekday consistency. The year y in [ref_year - span, ref_year + span]
 * (span <= 400) on which month/day falls on weekday (1 = Monday ... 7 =
 * Sunday), nearest to ref_year, the earlier one on a tie (news looks back).
 * 0 when none fits or the arguments are invalid. The Gregorian calendar
 * repeats every 400 years and a given date hits a given weekday at least
 * once in any 11 consecutive years (29 February: within 40), so span 14
 * always finds one for an ordinary date; a caller that knows the article is
 * older or newer than ref_year should move ref_year, not widen span. */
int ngi_dates_weekday_year(int month, int day, int weekday, int ref_year,
			   int span);

/* 1 = Monday ... 7 = Sunday, for days since 1970-01-01. */
int ngi_dates_weekday(int32_t day);

/* Inverse of ngi_days_from_civil. */
void ngi_dates_civil(int32_t day, int *y, int *m, int *d);

/* ISO 8601 week of a day: *iso_year and *week (1..53). */
void ngi_dates_iso_week(int32_t day, int *iso_year, int *week);

#endif
