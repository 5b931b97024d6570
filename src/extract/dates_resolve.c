/*
 * dates_resolve.c: resolution in the temporal tagger (dates_int.h):
 * anchoring relative expressions on the publication day A and on the tense
 * of their clause. "Last week" is the ISO week of A - 7 days, "two days
 * ago" A - 2, a day-month without a year the year that puts it nearest to
 * A, a bare weekday the nearest such day on or before A (after A when the
 * clause looks forward: "will", "wird", "sarà"). The rules
 * (dates_rules.c) call it once they have matched; the calendar arithmetic
 * it stands on is dates_calendar.c.
 */
#include <stdio.h>
#include <string.h>

#include "dates_int.h"
#include "pubdate.h"

static int sentence_stop(const dtok *t)
{
	return t->brk || (t->kind == T_PUNCT && (t->ch == '.' || t->ch == '!' ||
						 t->ch == '?' || t->ch == ';'));
}

/* English past-tense verbs that do not end in -ed. */
static const char *const past_irregular[] = {
	"said", "told", "was", "were", "had", "met", "made", "took", "began",
	"rose", "fell", "came", "went", "gave", "won", "lost", "left", "saw",
	"got", "held", "spoke", "sent", "found", "became", "brought", "bought",
	"sold", "paid", "struck", "hit", "put", "set", "cut", "quit", "shut",
	"led", "fled", "ran", "wrote", "broke", "chose", "drove", "flew", "froze",
	"grew", "knew", "threw", "wore", "forgave", "overtook", "kept", "felt",
	"did", "ago", "last", "earlier", "since"};

/* English words that look forward: plans and schedules ("set to resume",
 * "planning to", "as soon as Tuesday", "is due"). */
static int future_word(const scan *s, size_t k)
{
	return is_cat(s, k, DW_FUTURE) || lceq(s, k, "next") ||
	       lceq(s, k, "scheduled") || lceq(s, k, "expected") ||
	       lceq(s, k, "plans") || lceq(s, k, "planned") ||
	       lceq(s, k, "planning") || lceq(s, k, "due") ||
	       lceq(s, k, "soon") || lceq(s, k, "going") || lceq(s, k, "likely");
}

/* -1 when the word marks the past, +1 the future, else 0. */
static int tense_cue(const scan *s, size_t k)
{
	const dtok *t = &s->t[k];
	if (t->kind != T_WORD)
		return 0;
	if (future_word(s, k))
		return 1;
	if (t->lclen > 3 && memcmp(t->lc + t->lclen - 3, "'ll", 3) == 0)
		return 1;
	if (s->lang != DL_EN)
		return 0;
	/* "set to resume", "is to meet", "as early as Tuesday" */
	if (lceq(s, k, "to") && k > 0 &&
	    (lceq(s, k - 1, "set") || lceq(s, k - 1, "is") || lceq(s, k - 1, "are")))
		return 1;
	if (lceq(s, k, "early") && k > 0 && lceq(s, k - 1, "as"))
		return 1;
	/* a past auxiliary before a plan: "were planning to", "was expected" */
	if ((lceq(s, k, "was") || lceq(s, k, "were")) && k + 1 < s->n &&
	    future_word(s, k + 1))
		return 1;
	/* a participle after "be" is no past: "will be paid Jan. 31" */
	if (k > 0 && (lceq(s, k - 1, "be") || lceq(s, k - 1, "being")))
		return 0;
	/* -ed: a verb, unless capitalised inside the sentence ("United") */
	if (t->lclen > 3 && memcmp(t->lc + t->lclen - 2, "ed", 2) == 0)
		return t->cap && k > 0 && !sentence_stop(&s->t[k - 1]) ? 0 : -1;
	for (size_t i = 0; i < NGI_ARRAY_LEN(past_irregular); i++)
		if (lceq(s, k, past_irregular[i]))
			return -1;
	return 0;
}


/* The tense of the clause around [i0, i1): +1 future, -1 past, 0 no cue.
 * The nearest tense cue in the sentence decides ("will", "wird", "until"
 * against "said" or another past form), the one before on a tie. */
static int clause_tense(const scan *s, size_t i0, size_t i1)
{
	int before = 0, after = 0;
	size_t dist_before = 99, dist_after = 99;
	for (size_t k = i0, steps = 1; k > 0 && steps <= 10; k--, steps++) {
		if (sentence_stop(&s->t[k - 1]) && !is_punct(s, k - 1, '.'))
			break;
		if (is_punct(s, k - 1, '.') && !(k >= 2 && s->t[k - 2].lclen <= 4))
			break; /* "Nov." does not end a sentence */
		int c = tense_cue(s, k - 1);
		if (c) {
			before = c;
			dist_before = steps;
			break;
		}
	}
	for (size_t k = i1, steps = 1; k < s->n && steps <= 10; k++, steps++) {
		if (sentence_stop(&s->t[k]))
			break;
		int c = tense_cue(s, k);
		if (c) {
			after = c;
			dist_after = steps;
			break;
		}
	}
	if (before && dist_before <= dist_after)
		return before;
	return after;
}

/* Does the clause speak of the future? No cue: the past (news reports). */
int ngi_dates_future_context(const scan *s, size_t i0, size_t i1)
{
	return clause_tense(s, i0, i1) > 0;
}


/* The year for month/day with none written: the one that puts the date
 * nearest to the anchor (a year before, the same, a year after; the earlier
 * on a tie). With a weekday written next to it ("Saturday, November 11"),
 * a year where the weekday fits wins over one where it does not. 0 when the
 * date does not exist in any of them. */
static int nearest_year(const scan *s, int m, int d, int weekday)
{
	int best = 0, best_fit = -1;
	int32_t best_dist = 0;
	for (int y = s->ay - 1; y <= s->ay + 1; y++) {
		if (!ngi_date_valid(y, m, d))
			continue;
		int32_t day = ngi_days_from_civil(y, m, d);
		/* news looks back: a day ahead counts double */
		int32_t dist = day > s->anchor ? 2 * (day - s->anchor)
					       : s->anchor - day;
		int fit = weekday && ngi_dates_weekday(day) == weekday;
		if (!best || fit > best_fit || (fit == best_fit && dist < best_dist)) {
			best = y;
			best_dist = dist;
			best_fit = fit;
		}
	}
	if (!best && m == 2 && d == 29) /* the nearest leap year */
		for (int k = 2; k <= 4 && !best; k++)
			best = ngi_date_valid(s->ay - k, 2, 29) ? s->ay - k : 0;
	return best;
}

/* A date without a year: resolved against the anchor, or XXXX. Returns 0
 * when it cannot exist. */
int ngi_dates_resolve_month_day(const scan *s, tval *v, int m, int d, int weekday)
{
	if (!ngi_date_valid(2000, m, d))
		return 0;
	v->type = TX_DATE;
	v->gran = NGI_GRAN_DAY;
	v->m = m;
	v->d = d;
	if (!s->has_anchor) {
		v->y = 0;
		v->anchor = NGI_ANCHOR_NONE;
		return 1;
	}
	v->y = nearest_year(s, m, d, weekday);
	v->anchor = NGI_ANCHOR_PUBLICATION;
	v->by_distance = weekday ? 0 : 2;
	return v->y != 0;
}

/* A month without a year: the nearest such month to the anchor, or after
 * a relative word: rel -1 the last one before the anchor's month, +1 the
 * next one after it, 0 this year's. */
void ngi_dates_resolve_month(const scan *s, tval *v, int m, int rel, int has_rel)
{
	v->type = TX_DATE;
	v->gran = NGI_GRAN_MONTH;
	v->m = m;
	if (!s->has_anchor) {
		v->y = 0;
		return;
	}
	v->anchor = NGI_ANCHOR_PUBLICATION;
	if (has_rel) {
		if (rel < 0)
			v->y = m < s->am ? s->ay : s->ay - 1;
		else if (rel > 0)
			v->y = m > s->am ? s->ay : s->ay + 1;
		else
			v->y = s->ay;
		return;
	}
	v->by_distance = 1;
	int here = s->ay * 12 + s->am - 1, best = 0, best_dist = 1 << 30;
	for (int y = s->ay - 1; y <= s->ay + 1; y++) {
		int idx = y * 12 + m - 1;
		int dist = idx > here ? idx - here : here - idx;
		if (dist < best_dist) {
			best = y;
			best_dist = dist;
		}
	}
	v->y = best;
}

/* A weekday: rel -1 "last Friday" (strictly before the anchor), +1 "next
 * Friday" (strictly after), 0 "this Friday" (in the anchor's ISO week);
 * no relative word: the nearest on or before the anchor, or on or after
 * it when the clause is in the future tense. */
void ngi_dates_resolve_weekday(const scan *s, tval *v, int wd, int rel,
			    int has_rel, int future)
{
	v->type = TX_DATE;
	v->gran = NGI_GRAN_DAY;
	if (!s->has_anchor) {
		snprintf(v->lit, sizeof v->lit, "XXXX-WXX-%d", wd);
		return;
	}
	int aw = ngi_dates_weekday(s->anchor);
	int32_t day;
	if (has_rel && rel == 0)
		day = s->anchor - aw + wd;
	else if ((has_rel && rel > 0) || (!has_rel && future)) {
		int k = (wd - aw + 7) % 7;
		if (has_rel && k == 0)
			k = 7;
		day = s->anchor + k;
	} else {
		int k = (aw - wd + 7) % 7;
		if (has_rel && k == 0)
			k = 7;
		day = s->anchor - k;
	}
	ngi_tval_set_day(v, day);
	v->anchor = NGI_ANCHOR_PUBLICATION;
}

/* A unit shifted by k from the anchor ("last week", "next month"). */
int ngi_dates_resolve_unit_shift(const scan *s, tval *v, int unit, int k,
			      int future)
{
	v->type = TX_DATE;
	v->anchor = NGI_ANCHOR_PUBLICATION;
	if (!s->has_anchor) {
		static const char *const unknown[] = {
			[DU_DAY] = "XXXX-XX-XX", [DU_WEEK] = "XXXX-WXX",
			[DU_WEEKEND] = "XXXX-WXX-WE", [DU_MONTH] = "XXXX-XX",
			[DU_QUARTER] = "XXXX-QX", [DU_HALF] = "XXXX-HX",
			[DU_YEAR] = "XXXX", [DU_DECADE] = "XXX",
			[DU_CENTURY] = "XX"};
		if (unit < DU_DAY || unit > DU_CENTURY)
			return 0;
		ngi_tval_set_lit(v, TX_DATE, unknown[unit]);
		return 1;
	}
	int y = s->ay, m = s->am;
	switch (unit) {
	case DU_DAY:
		ngi_tval_set_day(v, s->anchor + k);
		return 1;
	case DU_WEEK:
		ngi_tval_set_week(v, s->anchor + 7 * k);
		return 1;
	case DU_WEEKEND: {
		/* "the weekend", "last weekend": the one just past unless the
		 * anchor is on it or the clause looks forward */
		int aw = ngi_dates_weekday(s->anchor);
		int shift = k;
		if (k == -1 && aw >= 6)
			shift = 0;
		else if (k == 0 && aw < 6 && !future)
			shift = -1;
		ngi_tval_set_week(v, s->anchor + 7 * shift);
		v->gran = NGI_GRAN_WEEKEND;
		return 1;
	}
	case DU_MONTH:
		ngi_dates_add_months(&y, &m, k);
		v->y = y;
		v->m = m;
		v->gran = NGI_GRAN_MONTH;
		return 1;
	case DU_QUARTER: {
		int q = ngi_dates_quarter_of(m) - 1 + k;
		int idx = y * 4 + q;
		v->y = idx / 4;
		v->sub = idx % 4 + 1;
		v->gran = NGI_GRAN_QUARTER;
		return 1;
	}
	case DU_HALF: {
		int idx = y * 2 + (m > 6) + k;
		v->y = idx / 2;
		v->sub = idx % 2 + 1;
		v->gran = NGI_GRAN_HALF;
		return 1;
	}
	case DU_YEAR:
		v->y = y + k;
		v->gran = NGI_GRAN_YEAR;
		return 1;
	case DU_DECADE:
		v->sub = y / 10 + k;
		v->gran = NGI_GRAN_DECADE;
		return 1;
	case DU_CENTURY:
		v->sub = y / 100 + k;
		v->gran = NGI_GRAN_CENTURY;
		return 1;
	default:
		return 0;
	}
}

/* A season: rel -1 the last one that has ended before the anchor's month,
 * 0 this year's, +1 the next one to begin. Seasons by months: spring 3-5,
 * summer 6-8, fall 9-11, winter 12-2 (named by the year it begins in). */
void ngi_dates_resolve_season(const scan *s, tval *v, int season, int rel,
			   int has_rel)
{
	v->type = TX_DATE;
	v->gran = NGI_GRAN_SEASON;
	v->sub = season;
	if (!s->has_anchor)
		return;
	v->anchor = NGI_ANCHOR_PUBLICATION;
	int first = season * 3, last = first + 2; /* months, winter 12..14 */
	int am = s->am < 3 ? s->am + 12 : s->am;  /* Jan, Feb: last winter */
	int ay = s->am < 3 ? s->ay - 1 : s->ay;
	if (!has_rel || rel == 0)
		v->y = season == 4 ? ay : s->ay;
	else if (rel < 0)
		v->y = last < am ? ay : ay - 1;
	else
		v->y = first > am ? ay : ay + 1;
}

/* Shifted by n units from a base: the anchor or, for "earlier"/"later"
 * after a dated sentence, the date mentioned last. */
size_t ngi_dates_resolve_ago(const scan *s, tval *v, int unit, int n, int dir)
{
	int sign = dir < 0 ? -1 : 1;
	const tval *last = s->have_last ? &s->last : NULL;
	if (unit <= DU_HOUR)
		return 0;
	if (n < 0) {
		ngi_tval_set_lit(v, TX_DATE, sign < 0 ? "PAST_REF" : "FUTURE_REF");
		return 1;
	}
	/* "a year earlier" after "the third quarter": the same quarter a year
	 * before, as business news means it */
	if (unit == DU_YEAR && last && last->gran == NGI_GRAN_QUARTER) {
		*v = *last;
		v->y += sign * n;
		v->anchor = NGI_ANCHOR_TEXT;
		v->lit[0] = '\0';
		return 1;
	}
	if ((dir == 2 || dir == -2) && last && last->gran == NGI_GRAN_DAY &&
	    last->y && unit >= DU_DAY && unit <= DU_YEAR && unit != DU_WEEKEND) {
		int32_t base = ngi_days_from_civil(last->y, last->m, last->d);
		if (unit == DU_DAY)
			ngi_tval_set_day(v, base + sign * n);
		else if (unit == DU_WEEK)
			ngi_tval_set_week(v, base + 7 * sign * n);
		else {
			/* "a year earlier" than 30 September 1989: that day */
			int y = last->y, m = last->m, d = last->d;
			ngi_dates_add_months(&y, &m, sign * n * (unit == DU_YEAR ? 12 : unit == DU_QUARTER ? 3 : 1));
			if (d > 28 && !ngi_date_valid(y, m, d))
				d = m == 2 ? (ngi_date_valid(y, 2, 29) ? 29 : 28) : 30;
			ngi_tval_set_date(v, y, m, d);
		}
		v->anchor = NGI_ANCHOR_TEXT;
		return 1;
	}
	if (unit == DU_DECADE) {
		unit = DU_YEAR;
		n *= 10;
	} else if (unit == DU_CENTURY) {
		unit = DU_YEAR;
		n *= 100;
	}
	return (size_t)ngi_dates_resolve_unit_shift(s, v, unit, sign * n, 0);
}

/* The unit (week, month, year) shifted by k from the date the text gave
 * last, when that date is fine enough to have one; 0 when it is not. */
int ngi_dates_from_last(const scan *s, tval *v, int unit, int k)
{
	const tval *l = &s->last;
	int y = l->y, m = l->m;
	if (unit == DU_YEAR && l->gran >= NGI_GRAN_DAY &&
	    l->gran <= NGI_GRAN_YEAR) {
		v->type = TX_DATE;
		v->gran = NGI_GRAN_YEAR;
		v->y = y + k;
	} else if (unit == DU_MONTH && m && l->gran >= NGI_GRAN_DAY &&
		   l->gran <= NGI_GRAN_MONTH) {
		ngi_dates_add_months(&y, &m, k);
		v->type = TX_DATE;
		v->gran = NGI_GRAN_MONTH;
		v->y = y;
		v->m = m;
	} else if (unit == DU_WEEK && l->gran == NGI_GRAN_DAY && l->d) {
		ngi_tval_set_week(v, ngi_days_from_civil(y, m, l->d) + 7 * k);
	} else
		return 0;
	v->anchor = NGI_ANCHOR_TEXT;
	return 1;
}

/* A month whose year was the nearest to the anchor moves to the anchor's
 * side the clause's tense names: "said it would close in March" (anchor
 * October) is the next March, "sales fell in August" (anchor February) the
 * last August; the anchor's own month stays. A day and month move only
 * forward: a past cue is nearly always the reporting verb ("said the
 * dividend is payable Dec. 15"), so moving those back makes right values
 * wrong (docs/QUALITY.md, "Figures moved out of the code"). Without a
 * tense cue the nearest stands. */
void ngi_dates_tense_adjust(const scan *s, size_t i0, size_t i1, tval *v)
{
	if (!v->by_distance || !s->has_anchor || v->y == 0)
		return;
	int tense = clause_tense(s, i0, i1);
	if (!tense)
		return;
	if (v->by_distance == 1) {
		int here = s->ay * 12 + s->am - 1, idx = v->y * 12 + v->m - 1;
		if (tense < 0 && idx > here)
			v->y--;
		else if (tense > 0 && idx < here)
			v->y++;
		return;
	}
	int y = v->y;
	int32_t day = ngi_days_from_civil(y, v->m, v->d);
	if (tense > 0 && day < s->anchor)
		y++;
	if (y != v->y && ngi_date_valid(y, v->m, v->d))
		v->y = y;
}
