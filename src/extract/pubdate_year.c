/*
 * pubdate_year.c: the year of a year-less dateline (pubdate_year.h).
 *
 * Sits between the first, anchor-less pass of the temporal tagger and the
 * second, anchored one: features.c calls it when the reader found only a
 * month and a day. The rules and confidences are in pubdate_year.h; the
 * office-holder table is office_terms.c.
 */
#include <string.h>

#include "office_terms.h"
#include "pubdate.h"
#include "pubdate_year.h"

#define MAX_OFFICE_HITS 32
#define MAX_YEARS (NGI_OFFICE_TABLE_YEAR - NGI_PUBDATE_FIRST_YEAR + 2)


/* The weekday (1..7) of a bare weekday timex ("XXXX-WXX-6"), else 0. */
static int bare_weekday(const ngi_timex *t)
{
	const char *v = t->value;
	if (strncmp(v, "XXXX-WXX-", 9) == 0 && v[9] >= '1' && v[9] <= '7' && !v[10])
		return v[9] - '0';
	return 0;
}

/* A weekday written with a year-less date ("Saturday, November 11"): the
 * timex value is "XXXX-MM-DD" and its first word alone is a weekday. */
static int written_pair(const ngi_timex *t, const char *text, const char *lang,
			ngi_arena *scratch, int *month, int *mday)
{
	const char *v = t->value;
	if (strncmp(v, "XXXX-", 5) || strlen(v) != 10 || !ngi_all_digits(v + 5, 2) ||
	    v[7] != '-' || !ngi_all_digits(v + 8, 2))
		return 0;
	uint32_t end = t->start;
	while (end < t->end && text[end] != ' ' && text[end] != ',')
		end++;
	if (end == t->end)
		return 0;
	ngi_timex *w;
	size_t n = 0;
	if (ngi_dates_find(text + t->start, end - t->start, lang, NULL,
			   NGI_DATES_NO_ANCHOR, scratch, &w, &n) || n != 1)
		return 0;
	int wd = bare_weekday(&w[0]);
	if (wd) {
		*month = ngi_digits_value(v + 5, 2);
		*mday = ngi_digits_value(v + 8, 2);
	}
	return wd;
}

/* Year of a full date the text gives ("2020", "2020-07", "2022-02-12"). */
static int written_year(const ngi_timex *t)
{
	if (t->anchor != NGI_ANCHOR_ABSOLUTE || strcmp(t->type, "DATE") != 0 ||
	    !ngi_all_digits(t->value, 4) || (t->value[4] && t->value[4] != '-'))
		return 0;
	int y = ngi_digits_value(t->value, 4);
	return y >= 1 && y <= 9999 ? y : 0;
}

int ngi_pubdate_year(int month, int day, const ngi_timex *tx, size_t n,
		     const char *text, size_t len, const char *lang,
		     ngi_arena *scratch, double *confidence)
{
	if (!ngi_date_valid(2000, month, day))
		return 0;
	int written = 0;
	for (size_t i = 0; i < n; i++) {
		int y = written_year(&tx[i]);
		if (y > written)
			written = y;
	}
	int lo, hi;
	if (written) {
		if (written >= 9999)
			return 0;
		lo = written;
		hi = written + 1;
	} else {
		lo = NGI_PUBDATE_FIRST_YEAR;
		hi = NGI_OFFICE_TABLE_YEAR;
	}
	int count = hi - lo + 1;
	int score[MAX_YEARS], keep[MAX_YEARS];
	memset(score, 0, sizeof score);
	int pairs = 0, weekdays = 0;
	/* rule 2: weekdays */
	for (size_t i = 0; i < n; i++) {
		int pm = 0, pd = 0, wd = bare_weekday(&tx[i]);
		int pair = wd ? 0 : written_pair(&tx[i], text, lang, scratch, &pm, &pd);
		if (!wd && !pair)
			continue;
		weekdays++;
		for (int k = 0; k < count; k++) {
			int y = lo + k;
			if (!ngi_date_valid(y, month, day))
				continue;
			if (pair) {
				if (ngi_date_valid(y, pm, pd) &&
				    ngi_dates_weekday(ngi_days_from_civil(y, pm, pd)) == pair) {
					score[k] += 10;
					pairs = 1;
				}
			} else {
				int gap = (ngi_dates_weekday(ngi_days_from_civil(y, month, day)) -
					   wd + 7) % 7;
				score[k] += gap == 1 ? 2 : gap == 0 ? 1 : 0;
			}
		}
	}
	int best = 0;
	for (int k = 0; k < count; k++)
		if (score[k] > best && ngi_date_valid(lo + k, month, day))
			best = score[k];
	ngi_office_hit hits[MAX_OFFICE_HITS];
	size_t n_hits = ngi_office_find(text, len, hits, MAX_OFFICE_HITS);
	/* weekdays alone fit every sixth year or so: without a written year
	 * they need office holders to narrow them; office holders alone
	 * (terms of years) need the written year */
	if (!n_hits && (!written || !weekdays))
		return 0;
	if (weekdays ? best == 0 : !written)
		return 0;
	for (int k = 0; k < count; k++)
		keep[k] = ngi_date_valid(lo + k, month, day) &&
			  (!weekdays || score[k] == best);
	/* rule 3: office holders vote */
	if (n_hits) {
		int votes[MAX_YEARS], most = 0;
		for (int k = 0; k < count; k++) {
			votes[k] = 0;
			if (!keep[k])
				continue;
			int32_t d = ngi_days_from_civil(lo + k, month, day);
			for (size_t h = 0; h < n_hits; h++)
				votes[k] += ngi_office_covers(&hits[h], d);
			if (votes[k] > most)
				most = votes[k];
		}
		if (most == 0)
			return 0;
		for (int k = 0; k < count; k++)
			keep[k] = keep[k] && votes[k] == most;
	}
	/* rule 4: one year, or the latest */
	int left = 0, year = 0;
	for (int k = 0; k < count; k++)
		if (keep[k]) {
			left++;
			year = lo + k;
		}
	if (!left)
		return 0;
	if (left > 1)
		*confidence = 0.25;
	else if (pairs || (weekdays && n_hits))
		*confidence = 0.7;
	else
		*confidence = n_hits ? 0.5 : 0.4;
	return year;
}
