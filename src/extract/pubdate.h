/*
 * pubdate.h: publication dates as sources give them -> ISO 8601.
 *
 * Accepts ISO 8601 dates and date-times (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS]
 * [.frac][Z|+HH:MM|+HHMM], a space instead of T), YYYY/MM/DD, RFC 2822
 * ("Sun, 27 Oct 2024 11:49:00 +0300") and the year-less "--MM-DD" a dateline
 * gives. Impossible dates (31 February, month 13, year 0) are rejected.
 */
#ifndef NG_PUBDATE_H
#define NG_PUBDATE_H

#include "../base/base.h"

#define NGI_PUBDATE_LEN 32

/* Writes the canonical form ("2024-10-27", "2024-10-27T11:49:00",
 * "2024-10-27T11:49:00+03:00", "--11-12") to out and the day number (days
 * since 1970-01-01 of the date as written, INT32_MIN when the year is
 * unknown) to *day. Returns 1 when s was understood, else 0. */
int ngi_pubdate_normalize(const char *s, char out[NGI_PUBDATE_LEN],
			  int32_t *day);

/* Seconds since 1970-01-01T00:00:00Z of a canonical form that has a time
 * (the zone applied; no zone is read as UTC). Returns 0 for a date without
 * a time or a year-less date, 1 otherwise. */
int ngi_pubdate_seconds(const char *canonical, int64_t *seconds);

/* Days since 1970-01-01 of a proleptic Gregorian date (no range check). */
int32_t ngi_days_from_civil(int y, int m, int d);

/* 1 when the n bytes at s are all ASCII digits; their value (no check). */
int ngi_all_digits(const char *s, int n);
int ngi_digits_value(const char *s, int n);
/* 1 when y-m-d is a real calendar date with 1 <= y <= 9999. */
int ngi_date_valid(int y, int m, int d);

#endif
