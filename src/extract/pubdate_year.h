/*
 * pubdate_year.h: the year of a publication date given without one.
 *
 * A dateline often gives only a month and a day ("MOSCOW, November 12").
 * ngi_pubdate_year settles the year from the article's own evidence, so
 * the answer is the same whatever else is ingested with it:
 *  1. candidate years: with a year written in the text (R, the latest one),
 *     R and R + 1; with none, every year from NGI_PUBDATE_FIRST_YEAR to the
 *     reference year NGI_OFFICE_TABLE_YEAR;
 *  2. weekdays: a weekday written with a date ("Saturday, November 11")
 *     that fits the year scores 10; a bare weekday ("on Saturday") scores
 *     2 when it is the day before the dateline's day in that year, 1 when
 *     it is that day (wire copy reports yesterday's events). The years with
 *     the best score (above 0) stay. Without any weekday the candidates
 *     stay only when they are R and R + 1 and office holders speak; without
 *     R, weekdays alone (they fit about one year in six) give no year
 *     unless office holders speak too;
 *  3. office holders (office_terms.h): each person named with a title
 *     ("President Donald Trump") votes for the years in which the dateline
 *     day falls within the person's term; the years with the most votes
 *     stay. When people are named and no candidate year has any vote, the
 *     evidence contradicts itself and the year stays unknown;
 *  4. one year left: that year. Several: the latest one not after the
 *     reference year (the table's year, or R + 1), with low confidence.
 * Confidence: 0.7 for one year with a fitting written weekday-date pair or
 * with both weekdays and office holders; 0.5 with office holders alone;
 * 0.4 with bare weekdays alone; 0.25 when several years were left.
 */
#ifndef NG_PUBDATE_YEAR_H
#define NG_PUBDATE_YEAR_H

#include "dates.h"

/* The first year considered when the text writes none. */
#define NGI_PUBDATE_FIRST_YEAR 1980

/* The year for month/day (a dateline's), from the timexes of text found
 * without an anchor (tx, n: for written years and weekdays) and the office
 * holders text names; lang is the text's language. Returns the year and
 * writes *confidence, or returns 0 (year unknown; *confidence untouched).
 * scratch holds temporary memory only. */
int ngi_pubdate_year(int month, int day, const ngi_timex *tx, size_t n,
		     const char *text, size_t len, const char *lang,
		     ngi_arena *scratch, double *confidence);

#endif
