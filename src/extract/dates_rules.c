/*
 * dates_rules.c: the rules of the temporal tagger (dates_int.h): at each
 * token the scan loop (dates.c) tries them all and the longest match wins.
 * A rule reads tokens (dates_scan.c), fills a value (dates_value.c) and,
 * for a relative expression, anchors it through dates_resolve.c.
 *
 * Each rule tries to match at token i; it returns the end (exclusive) of the
 * match and fills v, or 0. A match with v->type == TX_NONE blocks those
 * tokens without a timex ("31 February").
 */
#include <stdio.h>
#include <string.h>

#include "dates_int.h"
#include "pubdate.h"


/* hh[:mm[:ss]] [a.m.|pm] [UTC[+3]|Uhr|h], or 14h30, or noon. Needs a cue
 * that it is a clock time (am/pm, a zone, "Uhr", a preposition before it)
 * unless `bare_ok`. */
static size_t clock_time(const scan *s, size_t i, int bare_ok, int *hh, int *mi)
{
	int h, m = 0, v, cue = bare_ok, ampm = -1;
	size_t j;
	if (tok_cat(s, i, DW_NOON, &v, NULL)) {
		*hh = v;
		*mi = 0;
		return i + 1;
	}
	if (!is_num(s, i, 2, &h))
		return 0;
	j = i + 1;
	if (is_glued_punct(s, j, ':') && j + 1 < s->n && s->t[j + 1].glued &&
	    s->t[j + 1].kind == T_NUM && s->t[j + 1].ndig == 2) {
		m = s->t[j + 1].num;
		j += 2;
		if (is_glued_punct(s, j, ':') && j + 1 < s->n &&
		    s->t[j + 1].glued && s->t[j + 1].ndig == 2)
			j += 2;
	} else if (j < s->n && s->t[j].glued && lceq(s, j, "h")) {
		j++;
		cue = 1;
		if (j < s->n && s->t[j].glued && s->t[j].kind == T_NUM &&
		    s->t[j].ndig == 2) {
			m = s->t[j].num;
			j++;
		}
	} else if (!(j < s->n && (lceq(s, j, "a") || lceq(s, j, "p") ||
				  is_cat(s, j, DW_AMPM) || lceq(s, j, "o'clock"))))
		return 0;
	/* a.m. / p.m. / am / pm */
	if ((lceq(s, j, "a") || lceq(s, j, "p")) && is_glued_punct(s, j + 1, '.') &&
	    lceq(s, j + 2, "m") && s->t[j + 2].glued) {
		ampm = lceq(s, j, "p") ? 12 : 0;
		j = opt_dot(s, j + 3);
	} else if (tok_cat(s, j, DW_AMPM, &v, NULL)) {
		ampm = v;
		j = opt_dot(s, j + 1);
	} else if (lceq(s, j, "o'clock")) {
		j++;
		cue = 1;
	}
	if (ampm >= 0) {
		if (h < 1 || h > 12)
			return 0;
		h = h % 12 + ampm;
		cue = 1;
	}
	if (h > 23 || m > 59)
		return 0;
	if (is_cat(s, j, DW_TZ)) {
		j++;
		cue = 1;
		if ((is_glued_punct(s, j, '+') || is_glued_punct(s, j, '-') ||
		     is_glued_punct(s, j, 0x2212)) &&
		    j + 1 < s->n && s->t[j + 1].glued && s->t[j + 1].kind == T_NUM) {
			j += 2;
			if (is_glued_punct(s, j, ':') && j + 1 < s->n &&
			    s->t[j + 1].kind == T_NUM)
				j += 2;
		}
	}
	if (!cue && !(i > 0 && is_cat(s, i - 1, DW_PREP)))
		return 0;
	*hh = h;
	*mi = m;
	return j;
}

/* After a date: [,] [at|um|à|-] clock time. */
static size_t date_then_time(const scan *s, size_t j, tval *v)
{
	size_t k = j;
	if (is_punct(s, k, ',') || is_punct(s, k, '-') || is_punct(s, k, 0x2013))
		k++;
	int prep = is_cat(s, k, DW_PREP);
	if (prep)
		k++;
	int hh, mi;
	size_t e = clock_time(s, k, 1, &hh, &mi);
	if (!e)
		return j;
	/* a bare "12" after a date is a clock time only with its minutes */
	if (e == k + 1 && !is_cat(s, k, DW_NOON))
		return j;
	v->hh = hh;
	v->mi = mi;
	v->type = TX_TIME;
	v->gran = NGI_GRAN_MINUTE;
	return e;
}

/* Day number 1..31 with an optional ordinal suffix: returns the end. */
static size_t day_number(const scan *s, size_t i, int dot_ok, int *d)
{
	if (!is_num(s, i, 2, d) || *d < 1 || *d > 31)
		return 0;
	/* not 5.3 or 12:30 or 5,000 */
	if ((is_glued_punct(s, i + 1, ':') || is_glued_punct(s, i + 1, ',')) &&
	    i + 2 < s->n && s->t[i + 2].kind == T_NUM && s->t[i + 2].glued)
		return 0;
	return opt_ordinal(s, i + 1, dot_ok);
}

/* A month name at i, capitalised where the language capitalises it;
 * ambiguous ones ("may", "march", "mars") only when ctx says the context
 * makes them dates. */
static int month_at(const scan *s, size_t i, int ctx, int *m, size_t *end)
{
	int flags;
	if (!tok_cat(s, i, DW_MONTH, m, &flags))
		return 0;
	if (caps_lang(s->lang) && !s->t[i].cap)
		return 0;
	if ((flags & DWF_AMBIG) && !ctx)
		return 0;
	*end = (flags & DWF_ABBR) ? opt_dot(s, i + 1) : i + 1;
	/* an abbreviation needs its dot or a number after it (no "Mar" alone) */
	if ((flags & DWF_ABBR) && *end == i + 1 && !(i + 1 < s->n &&
						     s->t[i + 1].kind == T_NUM))
		return 0;
	return 1;
}

/* After a year word: its abbreviation's full stop ("2024 г.", "2024 r."),
 * not a sentence's ("в 2021 году."). */
static size_t yearword_end(const scan *s, size_t k)
{
	return s->t[k].end - s->t[k].start <= 2 ? opt_dot(s, k + 1) : k + 1;
}

/* [,] [de|of] year [года|г.|roku] after a day-month; returns the end. */
static size_t opt_year(const scan *s, size_t j, int *y)
{
	size_t k = j;
	if (is_punct(s, k, ','))
		k++;
	if (is_cat(s, k, DW_CONN))
		k++;
	if (!is_year(s, k, y))
		return j;
	/* "November 12, 1415 people"? only a year when no clock follows */
	if (is_glued_punct(s, k + 1, ':'))
		return j;
	k++;
	if (is_cat(s, k, DW_YEARWORD))
		k = yearword_end(s, k);
	return k;
}

/* Day-month[-year] and month-day[-year], with an optional weekday before. */
/* A day and a month found, their tokens ending before j: an optional year
 * follows. With it, the date as written (a day that does not exist is no
 * date, but its tokens are used up); without, the month and day resolved
 * against the anchor. Then an optional time. Returns the end. */
static size_t day_month_year(const scan *s, tval *v, int d, int m, int wd,
			     size_t j)
{
	int y = 0;
	size_t ye = opt_year(s, j, &y);
	if (y) {
		if (!ngi_date_valid(y, m, d)) {
			v->type = TX_NONE;
			return ye;
		}
		ngi_tval_set_date(v, y, m, d);
		v->anchor = NGI_ANCHOR_ABSOLUTE;
	} else if (!ngi_dates_resolve_month_day(s, v, m, d, wd)) {
		v->type = TX_NONE;
		return j;
	}
	return date_then_time(s, ye, v);
}

static size_t r_date(const scan *s, size_t i, tval *v)
{
	size_t j = i, k, e;
	int wd = 0, d = 0, m = 0, flags;
	if (!has_cats(s, i, CAT(DW_WEEKDAY) | CAT(DW_MONTH)) && !is_number(s, i))
		return 0; /* neither weekday, day number nor month */
	if (tok_cat(s, j, DW_WEEKDAY, &wd, &flags) &&
	    (!caps_lang(s->lang) || s->t[j].cap) && !(flags & DWF_AMBIG)) {
		j = (flags & DWF_ABBR) ? opt_dot(s, j + 1) : j + 1;
		if (is_punct(s, j, ','))
			j++;
	} else
		wd = 0;
	/* day month [year]: 5 November 2024, 5. November, 11 novembre, 5 ноября,
	 * 5 de noviembre de 2024, the 5th of November */
	if ((k = day_number(s, j, 1, &d)) != 0) {
		size_t mk = k;
		if (is_cat(s, mk, DW_CONN))
			mk++;
		if (month_at(s, mk, 1, &m, &e))
			return day_month_year(s, v, d, m, wd, e);
	}
	/* month day [year]: November 5, 2024; Sept. 30; Aug. 7, 1998 */
	if (month_at(s, j, 1, &m, &e) && (k = day_number(s, e, 0, &d)) != 0)
		return day_month_year(s, v, d, m, wd, k);
	return 0;
}

/* Numeric dates: 2024-10-27[T14:30], 2024/10/27, 27.10.2024, 11/05/2024
 * (month first in English, day first elsewhere, unless only one order is a
 * real date). Two-digit years are left alone. */
static size_t r_numeric(const scan *s, size_t i, tval *v)
{
	int a, b, c;
	size_t j;
	if (i >= s->n || s->t[i].kind != T_NUM)
		return 0;
	/* part of a longer number or code: 1.2024-10-27, v2024-10 */
	if (i > 0 && s->t[i].glued &&
	    (s->t[i - 1].kind != T_PUNCT || s->t[i - 1].ch == '.' ||
	     s->t[i - 1].ch == '/' || s->t[i - 1].ch == '-'))
		return 0;
	uint32_t sep = 0;
	if (i + 4 < s->n && (is_glued_punct(s, i + 1, '-') ||
			     is_glued_punct(s, i + 1, '/') ||
			     is_glued_punct(s, i + 1, '.')))
		sep = s->t[i + 1].ch;
	if (!sep || !is_glued_punct(s, i + 3, sep) || !s->t[i + 2].glued ||
	    !s->t[i + 4].glued || s->t[i + 2].kind != T_NUM ||
	    s->t[i + 4].kind != T_NUM)
		return 0;
	j = i + 5;
	if ((is_glued_punct(s, j, sep) || is_glued_punct(s, j, '.')) &&
	    j + 1 < s->n && s->t[j + 1].glued && s->t[j + 1].kind == T_NUM)
		return 0; /* 1.2.3.4 */
	a = s->t[i].num;
	b = s->t[i + 2].num;
	c = s->t[i + 4].num;
	int y, m, d;
	if (s->t[i].ndig == 4 && sep != '.' && s->t[i + 2].ndig <= 2 &&
	    s->t[i + 4].ndig <= 2) {
		y = a;
		m = b;
		d = c;
	} else if (s->t[i + 4].ndig == 4 && s->t[i].ndig <= 2 &&
		   s->t[i + 2].ndig <= 2) {
		y = c;
		int month_first = sep == '/' && s->lang == DL_EN;
		m = month_first ? a : b;
		d = month_first ? b : a;
		if (!ngi_date_valid(y, m, d) && ngi_date_valid(y, d, m)) {
			int t = m;
			m = d;
			d = t;
		}
	} else
		return 0;
	if (y < 1000 || !ngi_date_valid(y, m, d)) {
		v->type = TX_NONE;
		return j;
	}
	ngi_tval_set_date(v, y, m, d);
	v->anchor = NGI_ANCHOR_ABSOLUTE;
	/* 2024-10-27T11:49 */
	if (sep == '-' && j + 1 < s->n && lceq(s, j, "t") && s->t[j].glued) {
		int hh, mi;
		size_t e = clock_time(s, j + 1, 1, &hh, &mi);
		if (e && e > j + 2) {
			v->hh = hh;
			v->mi = mi;
			v->type = TX_TIME;
			v->gran = NGI_GRAN_MINUTE;
			return e;
		}
	}
	return date_then_time(s, j, v);
}

/* A count before a unit: 3, three, twenty-five, a/an (*article), several
 * (-1). Returns the end, or 0. */
static size_t count_at(const scan *s, size_t i, int *n, int *article)
{
	int v, flags;
	*article = 0;
	if (i < s->n && s->t[i].kind == T_NUM) {
		if (s->t[i].ndig > 3)
			return 0;
		/* 1.5 years, 2,000 years: not a plain count */
		if (i + 2 < s->n && (is_glued_punct(s, i + 1, '.') ||
				     is_glued_punct(s, i + 1, ',')) &&
		    s->t[i + 2].kind == T_NUM && s->t[i + 2].glued)
			return 0;
		if (i > 1 && s->t[i].glued && s->t[i - 1].kind == T_PUNCT &&
		    s->t[i - 2].kind == T_NUM)
			return 0;
		*n = s->t[i].num;
		return i + 1;
	}
	if (!tok_cat(s, i, DW_NUM, &v, &flags))
		return 0;
	*article = (flags & DWF_ARTICLE) != 0;
	*n = v;
	int u;
	if (v >= 20 && v <= 90 && v % 10 == 0 && is_glued_punct(s, i + 1, '-') &&
	    tok_cat(s, i + 2, DW_NUM, &u, &flags) && u >= 1 && u <= 9) {
		*n = v + u;
		return i + 3;
	}
	return i + 1;
}

/* An English year in words at i: "nineteen ninety-six", "two thousand",
 * "two thousand and one", "two thousand five". Returns the end, else 0. */
static size_t spoken_year(const scan *s, size_t i, int *y)
{
	int n, art;
	size_t e;
	if (s->lang != DL_EN)
		return 0;
	if (lceq(s, i, "nineteen")) {
		if (!(e = count_at(s, i + 1, &n, &art)) || art || n < 10 ||
		    n > 99 || s->t[i + 1].kind != T_WORD)
			return 0;
		*y = 1900 + n;
		return e;
	}
	if (!lceq(s, i, "two") || !lceq(s, i + 1, "thousand"))
		return 0;
	size_t j = i + 2 + lceq(s, i + 2, "and");
	if (j < s->n && s->t[j].kind == T_WORD &&
	    (e = count_at(s, j, &n, &art)) && !art && n >= 1 && n <= 99) {
		*y = 2000 + n;
		return e;
	}
	*y = 2000;
	return i + 2;
}

static int is_clause_end(const scan *s, size_t i)
{
	return i >= s->n || s->t[i].brk ||
	       (s->t[i].kind == T_PUNCT && s->t[i].ch != '-' && s->t[i].ch != '\'');
}

/* A half after a count: "2 1/2", "two and a half"; the end, else k. */
static size_t half_at(const scan *s, size_t k)
{
	int a, b;
	if (is_num(s, k, 1, &a) && a == 1 && is_glued_punct(s, k + 1, '/') &&
	    k + 2 < s->n && s->t[k + 2].glued && is_num(s, k + 2, 1, &b) && b == 2)
		return k + 3;
	if (lceq(s, k, "and") && lceq(s, k + 1, "a") && lceq(s, k + 2, "half"))
		return k + 3;
	return k;
}

/* n and a half units, in the next smaller unit: P2Y6M, PT5H30M, P1DT12H.
 * Units without an exact half keep the whole count. */
static void add_half(tval *v, int unit, int n)
{
	switch (unit) {
	case DU_YEAR:
		snprintf(v->lit, sizeof v->lit, "P%dY6M", n);
		break;
	case DU_DAY:
		snprintf(v->lit, sizeof v->lit, "P%dDT12H", n);
		break;
	case DU_HOUR:
		snprintf(v->lit, sizeof v->lit, "PT%dH30M", n);
		break;
	case DU_MINUTE:
		snprintf(v->lit, sizeof v->lit, "PT%dM30S", n);
		break;
	default:
		break;
	}
}

/* Durations: three years, 30 days, a week, two-year, the first nine months,
 * several weeks; a/an after a rate or "twice" makes a set ("twice a week"). */
static size_t r_duration(const scan *s, size_t i, tval *v)
{
	size_t j = i, k;
	int n, art, u, uf, ord;
	if (!has_cats(s, i, CAT(DW_ORD) | CAT(DW_NUM)) && !is_number(s, i))
		return 0; /* count_at(i) fails, and no "first" before one */
	if (tok_cat(s, j, DW_ORD, &ord, NULL) && ord == 1 &&
	    (count_at(s, j + 1, &n, &art)) && !art)
		j++; /* "the first nine months" */
	if (!(k = count_at(s, j, &n, &art)))
		return 0;
	if (n == 0 || n > 1000)
		return 0;
	size_t h = n > 0 ? half_at(s, k) : k;
	int half = h != k;
	k = h;
	if (is_glued_punct(s, k, '-') || is_glued_punct(s, k, 0x2010)) {
		/* two-year, 10-day: singular unit glued after the hyphen */
		if (!(k + 1 < s->n && s->t[k + 1].glued &&
		      tok_cat(s, k + 1, DW_UNIT, &u, &uf)))
			return 0;
		k++;
		/* "6-year-old" is an age, "three-quarters" a fraction */
		if ((is_glued_punct(s, k + 1, '-') && lceq(s, k + 2, "old")) ||
		    u == DU_QUARTER)
			return 0;
	} else if (!tok_cat(s, k, DW_UNIT, &u, &uf))
		return 0;
	if (u == DU_WEEKEND || u == DU_HALF)
		return 0;
	if (art && ((uf & DWF_PLURAL) || u == DU_QUARTER))
		return 0; /* "a quarter of": a fraction */
	if (n < 0 && !(uf & DWF_PLURAL))
		return 0;
	if (is_glued_punct(s, k + 1, '-') && is_cat(s, k + 2, DW_AGOYEAR))
		return 0;
	if (art && i > 0 &&
	    (is_punct(s, i - 1, '%') || lceq(s, i - 1, "percent") ||
	     lceq(s, i - 1, "twice") || lceq(s, i - 1, "once") ||
	     lceq(s, i - 1, "times") || lceq(s, i - 1, "thrice"))) {
		ngi_tval_set_duration(v, TX_SET, u, 1);
		return k + 1;
	}
	size_t e = k + 1;
	if (!half && n > 0 && (h = half_at(s, e)) != e && lceq(s, e, "and"))
		half = 1, e = h; /* "a minute and a half" */
	ngi_tval_set_duration(v, TX_DURATION, u, n);
	if (half)
		add_half(v, u, n);
	v->the_ok = 1;
	return e;
}

/* N units ago / earlier / later; vor N Tagen, hace N días, il y a N jours,
 * N giorni fa, N дней назад; "years ago" (unknown count: PAST_REF). */
static size_t r_ago(const scan *s, size_t i, tval *v)
{
	size_t j = i, k;
	int pre = 0, n = -1, art = 0, u, uf, dir = -1;
	if (!has_cats(s, i, CAT(DW_AGO_PRE) | CAT(DW_NUM) | CAT(DW_UNIT)) &&
	    !is_number(s, i) && !lceq(s, i, "il"))
		return 0; /* no "vor", count or unit to start with */
	if (is_cat(s, j, DW_AGO_PRE)) {
		pre = 1;
		j++;
	} else if (s->lang == DL_FR && lceq(s, j, "il") && lceq(s, j + 1, "y") &&
		   lceq(s, j + 2, "a")) {
		pre = 1;
		j += 3;
	}
	if (!(k = count_at(s, j, &n, &art)))
		k = j, n = -1;
	if (n == 0 || n > 1000)
		return 0;
	if (!tok_cat(s, k, DW_UNIT, &u, &uf))
		return 0;
	if (n < 0 && !(uf & DWF_PLURAL))
		return 0;
	if (art && (uf & DWF_PLURAL))
		return 0;
	k++;
	if (!pre) {
		if (!tok_cat(s, k, DW_AGO_POST, &dir, NULL))
			return 0;
		/* "two days before the vote": the timex is the duration */
		if ((dir == 2 || dir == -2) && !lceq(s, k, "earlier") &&
		    !lceq(s, k, "later") && !lceq(s, k, "später") &&
		    !lceq(s, k, "zuvor") && !is_clause_end(s, k + 1))
			return 0;
		k++;
	} else if (s->lang == DL_DE && k < s->n && lceq(s, j, "kurzem"))
		return 0;
	if (!ngi_dates_resolve_ago(s, v, u, n, dir))
		return 0;
	return k;
}

/* "year's": year, apostrophe, s */
static int possessive_year(const scan *s, size_t j)
{
	return lceq(s, j, "year") &&
	       (is_glued_punct(s, j + 1, '\'') || is_glued_punct(s, j + 1, 0x2019)) &&
	       lceq(s, j + 2, "s") && s->t[j + 2].glued;
}

/* Quarters and halves: the third quarter, third-quarter, the fiscal first
 * quarter, the 1988 third quarter, the year-earlier quarter, the latest
 * quarter, the third quarter of 1990, last year's third quarter, Q3 2024,
 * the first half. A bare "quarter" needs a determiner. */
static size_t r_quarter(const scan *s, size_t i, tval *v)
{
	size_t j = i;
	int y = 0, yearago = 0, rel = 0, has_rel = 0, q = 0, unit = DU_QUARTER;
	int adjective = 0;
	int val, flags, det = i > 0 && is_cat(s, i - 1, DW_THE);
	/* what the loop, "Q3", an ordinal or a unit can start with */
	if (!has_cats(s, i, CAT(DW_REL) | CAT(DW_FISCAL) | CAT(DW_ORD) |
				    CAT(DW_UNIT)) &&
	    !is_number(s, i) && !lceq(s, i, "year") && !lceq(s, i, "comparable") &&
	    !lceq(s, i, "q"))
		return 0;
	for (int steps = 0; steps < 4 && j < s->n; steps++) {
		if (!has_rel && tok_cat(s, j, DW_REL, &val, &flags) &&
		    !(flags & DWF_POST) && !possessive_year(s, j + 1)) {
			has_rel = 1;
			rel = val;
			j++;
		} else if (is_cat(s, j, DW_FISCAL)) {
			j++;
			if (is_glued_punct(s, j, '-'))
				j++;
		} else if (!y && is_year(s, j, &val)) {
			y = val;
			j++;
		} else if (lceq(s, j, "year") && is_glued_punct(s, j + 1, '-') &&
			   is_cat(s, j + 2, DW_AGOYEAR)) {
			yearago = 1;
			j += 3;
		} else if (tok_cat(s, j, DW_REL, &val, &flags) &&
			   possessive_year(s, j + 1)) {
			y = s->has_anchor ? s->ay + val : 0;
			if (!y)
				return 0;
			j += 4;
		} else if (lceq(s, j, "comparable")) {
			j++;
		} else
			break;
	}
	if (lceq(s, j, "q") && j + 1 < s->n && s->t[j + 1].glued &&
	    is_num(s, j + 1, 1, &q) && q >= 1 && q <= 4) {
		j += 2;
		if (is_year(s, j, &val)) {
			y = val;
			j++;
		}
		goto resolve;
	}
	/* "third-quarter profit": TimeML leaves "the" out */
	if (tok_cat(s, j, DW_ORD, &q, NULL) && q >= 1 && q <= 4) {
		j++;
		if (is_glued_punct(s, j, '-')) {
			j++;
			adjective = 1;
		}
	} else
		q = 0;
	if (!tok_cat(s, j, DW_UNIT, &unit, &flags) ||
	    (unit != DU_QUARTER && unit != DU_HALF)) {
		/* "the latest period", "the year-ago period", "year-earlier
		 * results": the quarter business news is reporting on */
		if (q || !(has_rel || yearago || y))
			return 0;
		if (!lceq(s, j, "period") && !yearago)
			return 0;
		if (lceq(s, j, "period"))
			j++;
		unit = DU_QUARTER;
		flags = 0;
		j--; /* the unit token is consumed below */
	}
	if (flags & DWF_PLURAL) {
		if (!q)
			return 0;
		/* "fourth quarters": the fourth quarter of every year */
		ngi_tval_set_lit(v, TX_SET, "");
		snprintf(v->lit, sizeof v->lit, "XXXX-Q%d", q);
		return j + 1;
	}
	if (unit == DU_HALF && (q < 1 || q > 2))
		return 0;
	j++;
	if ((is_cat(s, j, DW_CONN) || lceq(s, j, "in")) && is_year(s, j + 1, &val)) {
		y = val;
		j += 2;
	}
	if (!q && !has_rel && !y && !yearago && !det)
		return 0;
	if (!q && is_cat(s, j, DW_CONN))
		return 0; /* "a quarter of the votes" */
resolve:
	v->type = TX_DATE;
	v->gran = unit == DU_HALF ? NGI_GRAN_HALF : NGI_GRAN_QUARTER;
	v->the_ok = !adjective;
	v->anchor = y && !yearago ? NGI_ANCHOR_ABSOLUTE : NGI_ANCHOR_PUBLICATION;
	if (unit == DU_HALF) {
		v->sub = q;
		v->y = y ? y : s->has_anchor ? s->ay : 0;
		return j;
	}
	int cur = s->has_anchor ? ngi_dates_quarter_of(s->am) : 0;
	int base_y = s->ay, base_q = cur - 1;
	if (base_q < 1) {
		base_q = 4;
		base_y--;
	}
	if (s->have_last_q) {
		base_y = s->last_q.y;
		base_q = s->last_q.sub;
	}
	if (q) {
		v->sub = q;
		if (y)
			v->y = yearago ? y - 1 : y;
		else if (!s->has_anchor)
			v->y = 0;
		else if (yearago)
			v->y = s->ay - 1;
		else
			v->y = q <= cur + 1 ? s->ay : s->ay - 1;
		return j;
	}
	if (!s->has_anchor && !y) {
		ngi_tval_set_lit(v, TX_DATE, "XXXX-QX");
		return j;
	}
	if (has_rel && !yearago && !y) {
		/* "the latest quarter", "last quarter": the last one ended */
		ngi_dates_resolve_unit_shift(s, v, DU_QUARTER, rel, 0);
		v->gran = NGI_GRAN_QUARTER;
		v->the_ok = 1;
		return j;
	}
	v->sub = base_q;
	v->y = y ? y : yearago ? base_y - 1 : base_y;
	if (s->have_last_q)
		v->anchor = NGI_ANCHOR_TEXT;
	return j;
}

/* Relative words before or after a unit: last week, next month, this year,
 * the past two months, recent years, the weekend, semaine dernière, l'anno
 * scorso, на прошлой неделе, last summer, next November, last night. */
static size_t r_rel(const scan *s, size_t i, tval *v)
{
	int rel, fl, u, uf, n, art, val;
	size_t j, k;
	int det = i > 0 && is_cat(s, i - 1, DW_THE);
	/* every branch below needs one of these at i */
	if (!has_cats(s, i, CAT(DW_UNIT) | CAT(DW_REL) | CAT(DW_SEASON) |
				    CAT(DW_MONTH) | CAT(DW_WEEKDAY)))
		return 0;
	/* "quest'anno": the elided prefix is the relative word */
	if (i < s->n && s->t[i].elide_this && tok_cat(s, i, DW_UNIT, &u, &uf) &&
	    !(uf & DWF_PLURAL))
		return ngi_dates_resolve_unit_shift(s, v, u, 0, 0) ? i + 1 : 0;
	/* "the weekend" */
	if (det && tok_cat(s, i, DW_UNIT, &u, &uf) && u == DU_WEEKEND &&
	    !(uf & DWF_PLURAL)) {
		ngi_dates_resolve_unit_shift(s, v, u, 0, ngi_dates_future_context(s, i, i + 1));
		v->the_ok = 1;
		return i + 1;
	}
	/* post-posed: semaine dernière, anno scorso, novembre dernier; in
	 * Italian, Spanish and Portuguese the same words also stand before
	 * ("la prossima settimana", "el pasado lunes"), in French they would
	 * mean "final" ("la dernière semaine") */
	if (tok_cat(s, i, DW_REL, &rel, &fl) &&
	    (!(fl & DWF_POST) || pre_and_post(s->lang))) {
		j = i + 1;
	} else if (i + 1 < s->n && tok_cat(s, i + 1, DW_REL, &rel, &fl) &&
		   (fl & DWF_POST)) {
		j = i;
		if (tok_cat(s, j, DW_UNIT, &u, &uf) && !(uf & DWF_PLURAL) &&
		    u >= DU_DAY)
			return ngi_dates_resolve_unit_shift(s, v, u, rel, 0) ? i + 2 : 0;
		if (tok_cat(s, j, DW_WEEKDAY, &val, &uf) && !(uf & DWF_AMBIG)) {
			ngi_dates_resolve_weekday(s, v, val, rel, 1, 0);
			return i + 2;
		}
		if (tok_cat(s, j, DW_SEASON, &val, NULL)) {
			ngi_dates_resolve_season(s, v, val, rel, 1);
			return i + 2;
		}
		if (tok_cat(s, j, DW_MONTH, &val, NULL)) {
			ngi_dates_resolve_month(s, v, val, rel, 1);
			return i + 2;
		}
		return 0;
	} else
		return 0;
	/* the past two months, the next three years, последние два года */
	if ((k = count_at(s, j, &n, &art)) && !art &&
	    tok_cat(s, k, DW_UNIT, &u, &uf) && u != DU_WEEKEND && n != 0 &&
	    n <= 1000) {
		ngi_tval_set_duration(v, TX_DURATION, u, n);
		v->the_ok = 1;
		return k + 1;
	}
	if (tok_cat(s, j, DW_UNIT, &u, &uf)) {
		if (uf & DWF_PLURAL) {
			/* "recent years": the past; "recent weeks", "coming
			 * months": a span of unknown length, as TimeML has them */
			if (rel != 0 && u != DU_YEAR && u != DU_QUARTER)
				ngi_tval_set_duration(v, TX_DURATION, u, -1);
			else
				ngi_tval_set_lit(v, TX_DATE, rel < 0 ? "PAST_REF"
						    : rel > 0 ? "FUTURE_REF"
							      : "PRESENT_REF");
			v->the_ok = 1;
			return j + 1;
		}
		if (u <= DU_HOUR) {
			if (!(fl & DWF_PAST) || !det)
				return 0;
			ngi_tval_set_duration(v, TX_DURATION, u, 1);
			v->the_ok = 1;
			return j + 1;
		}
		if ((fl & DWF_PAST) && det && rel < 0 && u != DU_WEEKEND) {
			/* "the past year", "the last decade": TimeML annotators
			 * mostly give the calendar unit, as for "last year" */
			if (!ngi_dates_resolve_unit_shift(s, v, u, rel, 0))
				return 0;
			v->the_ok = 1;
			return j + 1;
		}
		if (u == DU_DAY && det && s->have_last &&
		    s->last.gran == NGI_GRAN_DAY && s->last.y) {
			/* "the next day", "the previous day": from the last date */
			ngi_tval_set_day(v, ngi_days_from_civil(s->last.y, s->last.m,
						       s->last.d) + rel);
			v->anchor = NGI_ANCHOR_TEXT;
			v->the_ok = 1;
			return j + 1;
		}
		if (det && rel != 0 && s->have_last && s->last.y &&
		    (lceq(s, i, "following") || lceq(s, i, "previous") ||
		     lceq(s, i, "preceding")) &&
		    ngi_dates_from_last(s, v, u, rel)) {
			/* "the following year" tells a story: from the date
			 * the text gave last, not from the publication */
			v->the_ok = 1;
			return j + 1;
		}
		size_t me;
		if (u == DU_MONTH && j + 2 < s->n &&
		    (lceq(s, j + 1, "de") || lceq(s, j + 1, "di")) &&
		    month_at(s, j + 2, 1, &val, &me)) {
			/* "el pasado mes de julio": the month named */
			ngi_dates_resolve_month(s, v, val, rel, 1);
			return me;
		}
		if (!ngi_dates_resolve_unit_shift(s, v, u, rel, ngi_dates_future_context(s, i, j + 1)))
			return 0;
		v->the_ok = u == DU_WEEKEND;
		return j + 1;
	}
	if (tok_cat(s, j, DW_SEASON, &val, NULL)) {
		ngi_dates_resolve_season(s, v, val, rel, 1);
		return j + 1;
	}
	size_t e;
	if (month_at(s, j, 1, &val, &e)) {
		ngi_dates_resolve_month(s, v, val, rel, 1);
		return e;
	}
	if (tok_cat(s, j, DW_WEEKDAY, &val, &uf) &&
	    (!caps_lang(s->lang) || s->t[j].cap) && !(uf & DWF_AMBIG)) {
		ngi_dates_resolve_weekday(s, v, val, rel, 1, 0);
		e = (uf & DWF_ABBR) ? opt_dot(s, j + 1) : j + 1;
		if (tok_cat(s, e, DW_POD, &val, NULL)) {
			v->pod = val;
			v->type = TX_TIME;
			v->gran = NGI_GRAN_PART_OF_DAY;
			e++;
		}
		return e;
	}
	if (tok_cat(s, j, DW_POD, &val, NULL) && rel <= 0) {
		/* "this morning", "last night" */
		if (rel < 0 && val != DP_NI && val != DP_EV)
			return 0;
		if (s->has_anchor)
			ngi_tval_set_day(v, s->anchor + rel);
		else
			ngi_tval_set_lit(v, TX_TIME, "XXXX-XX-XX");
		if (!v->lit[0]) {
			v->pod = val;
			v->type = TX_TIME;
			v->gran = NGI_GRAN_PART_OF_DAY;
			v->anchor = NGI_ANCHOR_PUBLICATION;
		}
		return j + 1;
	}
	/* "the past", "the future" without a unit */
	if ((fl & DWF_PAST) && det && rel < 0 && lceq(s, i, "past") &&
	    !is_cat(s, j, DW_NUM)) {
		ngi_tval_set_lit(v, TX_DATE, "PAST_REF");
		v->the_ok = 1;
		return j;
	}
	return 0;
}

/* A unit with only a determiner or a preposition: "the year" (the current
 * one; "the year ended March 31" is a span), "the full year", "the fiscal
 * year", "the summer", year-end, "for years" (an unknown span). */
static size_t r_unit(const scan *s, size_t i, tval *v)
{
	int u, uf, val;
	size_t j = i;
	int det = i > 0 && is_cat(s, i - 1, DW_THE);
	if (s->lang != DL_EN)
		return 0;
	/* year-end, year end, year's end */
	if (lceq(s, j, "year")) {
		size_t e = 0;
		if (is_glued_punct(s, j + 1, '-') && lceq(s, j + 2, "end"))
			e = j + 3;
		else if (lceq(s, j + 1, "end"))
			e = j + 2;
		else if (possessive_year(s, j) && lceq(s, j + 3, "end"))
			e = j + 4;
		if (e) {
			if (!ngi_dates_resolve_unit_shift(s, v, DU_YEAR, 0, 0))
				return 0;
			return e;
		}
	}
	if (i > 0 && is_cat(s, i - 1, DW_FOR) && tok_cat(s, j, DW_UNIT, &u, &uf) &&
	    (uf & DWF_PLURAL) && u != DU_WEEKEND && u != DU_HALF) {
		ngi_tval_set_duration(v, TX_DURATION, u, -1);
		return j + 1;
	}
	if (!det)
		return 0;
	if (tok_cat(s, j, DW_SEASON, &val, NULL)) {
		size_t ye;
		int y;
		v->the_ok = 1;
		/* "the winter of 1994", "the summer of nineteen ninety-four" */
		if (is_cat(s, j + 1, DW_CONN) &&
		    ((ye = spoken_year(s, j + 2, &y)) ||
		     (is_year(s, j + 2, &y) && (ye = j + 3)))) {
			v->type = TX_DATE;
			v->gran = NGI_GRAN_SEASON;
			v->y = y;
			v->sub = val;
			v->anchor = NGI_ANCHOR_ABSOLUTE;
			return ye;
		}
		ngi_dates_resolve_season(s, v, val, 0, 1);
		return j + 1;
	}
	if (lceq(s, j, "full") || lceq(s, j, "fiscal"))
		j++;
	if (!lceq(s, j, "year"))
		return 0;
	size_t sy;
	int spoken;
	if ((sy = spoken_year(s, j + 1, &spoken)) != 0) {
		v->type = TX_DATE; /* "the year two thousand" */
		v->gran = NGI_GRAN_YEAR;
		v->y = spoken;
		v->anchor = NGI_ANCHOR_ABSOLUTE;
		v->the_ok = 1;
		return sy;
	}
	if (j + 1 < s->n && s->t[j + 1].kind == T_NUM)
		return 0; /* "the year 0": r_year takes real years */
	if (lceq(s, j + 1, "ended") || lceq(s, j + 1, "ending") ||
	    lceq(s, j + 1, "ends")) {
		ngi_tval_set_duration(v, TX_DURATION, DU_YEAR, 1);
	} else if (!ngi_dates_resolve_unit_shift(s, v, DU_YEAR, 0, 0))
		return 0;
	v->the_ok = 1;
	return j + 1;
}

/* A month name alone or with a year: July 2020, July of 2020, julio de
 * 2020, июля 2020 года, November. An ambiguous name (May, March, mars)
 * needs a year or a preposition before it. */
static size_t r_month(const scan *s, size_t i, tval *v)
{
	int m, y;
	size_t e, k;
	int ctx = 0;
	if (!has_cats(s, i, CAT(DW_MONTH))) /* month_at(i) below fails */
		return 0;
	if (i > 0 && s->t[i - 1].kind == T_WORD)
		ctx = is_cat(s, i - 1, DW_MOD) || is_cat(s, i - 1, DW_REL) ||
		      lceq(s, i - 1, "in") || lceq(s, i - 1, "since") ||
		      lceq(s, i - 1, "until") || lceq(s, i - 1, "by") ||
		      lceq(s, i - 1, "from") || lceq(s, i - 1, "through") ||
		      lceq(s, i - 1, "during") || lceq(s, i - 1, "en") ||
		      lceq(s, i - 1, "depuis") || lceq(s, i - 1, "of") ||
		      lceq(s, i - 1, "im") || lceq(s, i - 1, "seit");
	k = i + 1;
	if (k < s->n && is_glued_punct(s, k, '.'))
		k++;
	if (is_punct(s, k, ','))
		k++;
	if (is_cat(s, k, DW_CONN))
		k++;
	if (is_year(s, k, &y))
		ctx = 1;
	if (!month_at(s, i, ctx, &m, &e))
		return 0;
	k = e;
	if (is_punct(s, k, ','))
		k++;
	if (is_cat(s, k, DW_CONN))
		k++;
	size_t sy = spoken_year(s, k, &y);
	if (sy || is_year(s, k, &y)) {
		k = sy ? sy : k + 1;
		if (is_cat(s, k, DW_YEARWORD))
			k = yearword_end(s, k);
		v->type = TX_DATE;
		v->gran = NGI_GRAN_MONTH;
		v->y = y;
		v->m = m;
		v->anchor = NGI_ANCHOR_ABSOLUTE;
		return k;
	}
	/* a lone English month name at the start of a sentence is too often
	 * something else (a name, "May I"); keep it only with context */
	ngi_dates_resolve_month(s, v, m, 0, 0);
	return e;
}

/* Years, decades and centuries: 1990, in 2021, fiscal 1989, the year 2000,
 * 2021 года, 2021 r., the 1990s, the '90s, 1990er, 1990-е, les années 1990,
 * the 20th century. */
static size_t r_year(const scan *s, size_t i, tval *v)
{
	size_t j = i;
	int y, prefix = 0, n;
	/* '90s */
	if ((is_punct(s, j, '\'') || is_punct(s, j, 0x2019)) && j + 2 < s->n &&
	    s->t[j + 1].glued && s->t[j + 1].kind == T_NUM &&
	    s->t[j + 1].ndig == 2 && s->t[j + 1].num % 10 == 0 &&
	    s->t[j + 2].glued && lceq(s, j + 2, "s")) {
		n = s->t[j + 1].num;
		v->type = TX_DATE;
		v->gran = NGI_GRAN_DECADE;
		v->sub = (n >= 30 ? 1900 + n : 2000 + n) / 10;
		v->anchor = NGI_ANCHOR_ABSOLUTE;
		v->the_ok = 1;
		return j + 3;
	}
	/* les années 1990 */
	if (s->lang == DL_FR && lceq(s, j, "années") && is_year(s, j + 1, &y) &&
	    y % 10 == 0) {
		v->type = TX_DATE;
		v->gran = NGI_GRAN_DECADE;
		v->sub = y / 10;
		v->anchor = NGI_ANCHOR_ABSOLUTE;
		return j + 2;
	}
	if (is_cat(s, j, DW_YEARWORD) && is_year(s, j + 1, &y)) {
		prefix = 1;
		j++;
	} else if (is_cat(s, j, DW_FISCAL) && is_year(s, j + 1, &y)) {
		prefix = 1;
		j++;
	}
	if (!is_year(s, j, &y))
		return 0;
	size_t k = j + 1;
	/* decades: 1990s, 1990's, 1990er, 1990-е / 1990-х */
	if (y % 10 == 0) {
		size_t e = 0;
		if (k < s->n && s->t[k].glued && lceq(s, k, "s"))
			e = k + 1;
		else if ((is_glued_punct(s, k, '\'') || is_glued_punct(s, k, 0x2019)) &&
			 lceq(s, k + 1, "s") && s->t[k + 1].glued)
			e = k + 2;
		else if (k < s->n && s->t[k].glued && lceq(s, k, "er")) {
			e = k + 1;
			if (tok_cat(s, e, DW_UNIT, &n, NULL) && n == DU_YEAR)
				e++;
		} else if (is_glued_punct(s, k, '-') && k + 1 < s->n &&
			   s->t[k + 1].glued &&
			   (lceq(s, k + 1, "е") || lceq(s, k + 1, "х") ||
			    lceq(s, k + 1, "ые") || lceq(s, k + 1, "ых"))) {
			e = k + 2;
			if (tok_cat(s, e, DW_UNIT, &n, NULL) && n == DU_YEAR)
				e++;
		}
		if (e) {
			v->type = TX_DATE;
			v->gran = NGI_GRAN_DECADE;
			v->sub = y / 10;
			v->anchor = NGI_ANCHOR_ABSOLUTE;
			v->the_ok = 1;
			return e;
		}
	}
	/* a bare four-digit number is a year when it looks like one */
	int ctx = prefix || (y >= 1900 && y <= 2099) ||
		  (i > 0 && (is_cat(s, i - 1, DW_PREP) || is_cat(s, i - 1, DW_FOR) ||
			     lceq(s, i - 1, "in") || lceq(s, i - 1, "since") ||
			     lceq(s, i - 1, "until") || lceq(s, i - 1, "im") ||
			     lceq(s, i - 1, "en") || lceq(s, i - 1, "nel")));
	if (!ctx)
		return 0;
	if (tok_cat(s, k, DW_UNIT, &n, NULL) && !is_cat(s, k, DW_YEARWORD))
		return 0; /* 2000 years, 1990 days: a count */
	if (is_cat(s, k, DW_YEARWORD))
		k = yearword_end(s, k);
	v->type = TX_DATE;
	v->gran = NGI_GRAN_YEAR;
	v->y = y;
	v->anchor = NGI_ANCHOR_ABSOLUTE;
	v->the_ok = prefix;
	return k;
}

static const char *const decade_words[] = {
	"twenties", "thirties", "forties", "fifties", "sixties", "seventies",
	"eighties", "nineties"};

/* 2..9 for "the twenties" ... "the nineties", else 0 */
static int is_decade_word(const scan *s, size_t i)
{
	/* all of them are 7 to 9 bytes and end in "ies" */
	if (i >= s->n || s->t[i].lclen < 7 || s->t[i].lclen > 9 ||
	    s->t[i].lc[s->t[i].lclen - 1] != 's')
		return 0;
	for (size_t k = 0; k < NGI_ARRAY_LEN(decade_words); k++)
		if (lceq(s, i, decade_words[k]))
			return (int)k + 2;
	return 0;
}

/* English decades and years in words: the nineties, nineteen ninety-six,
 * nineteen seventy-nine. */
static size_t r_year_words(const scan *s, size_t i, tval *v)
{
	int d;
	size_t e;
	if (s->lang != DL_EN)
		return 0;
	if ((d = is_decade_word(s, i)) != 0) {
		v->type = TX_DATE;
		v->gran = NGI_GRAN_DECADE;
		v->sub = 190 + d;
		v->anchor = NGI_ANCHOR_ABSOLUTE;
		v->the_ok = 1;
		return i + 1;
	}
	int y;
	if (!(e = spoken_year(s, i, &y)) || lceq(s, i, "two"))
		return 0; /* "two thousand" alone is a number */
	v->type = TX_DATE;
	v->gran = NGI_GRAN_YEAR;
	v->y = y;
	v->anchor = NGI_ANCHOR_ABSOLUTE;
	return e;
}

/* The 20th century, the twentieth century, 20. Jahrhundert. */
static size_t r_century(const scan *s, size_t i, tval *v)
{
	int n, u;
	size_t j;
	if (is_num(s, i, 2, &n)) {
		j = opt_ordinal(s, i + 1, 1);
		if (j == i + 1)
			return 0;
	} else if (tok_cat(s, i, DW_ORD, &n, NULL))
		j = i + 1;
	else
		return 0;
	if (n < 1 || n > 30 || !tok_cat(s, j, DW_UNIT, &u, NULL) ||
	    u != DU_CENTURY || is_cat(s, j, DW_NUM))
		return 0;
	v->type = TX_DATE;
	v->gran = NGI_GRAN_CENTURY;
	v->sub = n - 1;
	v->anchor = NGI_ANCHOR_ABSOLUTE;
	v->the_ok = 1;
	return j + 1;
}

/* A weekday: Friday, Friday morning, Thursday night, sexta-feira. */
static size_t r_weekday(const scan *s, size_t i, tval *v)
{
	int wd, fl, pod;
	if (!tok_cat(s, i, DW_WEEKDAY, &wd, &fl))
		return 0;
	if (caps_lang(s->lang) && !s->t[i].cap)
		return 0;
	size_t j = i + 1;
	if (fl & DWF_AMBIG) {
		if (is_glued_punct(s, j, '-') && lceq(s, j + 1, "feira"))
			j += 2;
		else if ((fl & DWF_ABBR) && is_glued_punct(s, j, '.'))
			j++;
		else
			return 0;
	} else if (fl & DWF_ABBR)
		j = opt_dot(s, j);
	ngi_dates_resolve_weekday(s, v, wd, 0, 0, ngi_dates_future_context(s, i, j));
	if (tok_cat(s, j, DW_POD, &pod, NULL)) {
		v->pod = pod;
		v->type = TX_TIME;
		v->gran = NGI_GRAN_PART_OF_DAY;
		j++;
	}
	return date_then_time(s, j, v);
}

/* Yesterday, today, tomorrow (+ part of day, + clock time); gestern Abend,
 * ieri sera, вчера вечером, avant-hier, après-demain, pasado mañana. */
static size_t r_deictic(const scan *s, size_t i, tval *v)
{
	int off, pod = 0;
	size_t j;
	if (s->lang == DL_FR && (lceq(s, i, "avant") || lceq(s, i, "après")) &&
	    is_glued_punct(s, i + 1, '-') &&
	    (lceq(s, i + 2, "hier") || lceq(s, i + 2, "demain"))) {
		off = lceq(s, i, "avant") ? -2 : 2;
		j = i + 3;
	} else if (s->lang == DL_ES && lceq(s, i, "pasado") &&
		   lceq(s, i + 1, "mañana")) {
		off = 2;
		j = i + 2;
	} else if (tok_cat(s, i, DW_DEICTIC, &off, NULL)) {
		j = i + 1;
		tok_cat(s, i, DW_POD, &pod, NULL);
	} else
		return 0;
	if (s->has_anchor) {
		ngi_tval_set_day(v, s->anchor + off);
		v->anchor = NGI_ANCHOR_PUBLICATION;
	} else {
		v->type = TX_DATE;
		v->gran = NGI_GRAN_DAY;
	}
	if (!pod && tok_cat(s, j, DW_POD, &pod, NULL))
		j++;
	if (pod) {
		v->pod = pod;
		v->type = TX_TIME;
		v->gran = NGI_GRAN_PART_OF_DAY;
	}
	return date_then_time(s, j, v);
}

/* A clock time, then maybe its day: 5 p.m., 10:35 a.m. EST Nov. 9, noon
 * Saturday, 14:30 UTC+3. Without a day it is on the anchor day. */
static size_t r_time(const scan *s, size_t i, tval *v)
{
	int hh, mi;
	size_t e = clock_time(s, i, 0, &hh, &mi), k, de;
	if (!e)
		return 0;
	k = e;
	if (is_punct(s, k, ','))
		k++;
	if (lceq(s, k, "on") || lceq(s, k, "am"))
		k++;
	tval dv;
	ngi_tval_init(&dv);
	if (((de = r_date(s, k, &dv)) || (de = r_weekday(s, k, &dv)) ||
	     (de = r_deictic(s, k, &dv))) &&
	    dv.gran == NGI_GRAN_DAY && !dv.lit[0] && dv.hh < 0) {
		*v = dv;
		e = de;
	} else if (s->has_anchor) {
		ngi_tval_set_day(v, s->anchor);
		v->anchor = NGI_ANCHOR_PUBLICATION;
	} else
		v->y = v->m = v->d = 0;
	v->hh = hh;
	v->mi = mi;
	v->type = TX_TIME;
	v->gran = NGI_GRAN_MINUTE;
	return e;
}

/* Sets: daily, weekly, every day, each year, every two weeks, every Monday,
 * jeden Tag, ogni anno. */
static size_t r_set(const scan *s, size_t i, tval *v)
{
	int u, uf, n = 1, art, wd;
	size_t j;
	if (tok_cat(s, i, DW_SET, &u, NULL) && u) {
		ngi_tval_set_duration(v, TX_SET, u, u == DU_QUARTER ? 1 : 1);
		return i + 1;
	}
	if (!is_cat(s, i, DW_EVERY))
		return 0;
	j = i + 1;
	if (tok_cat(s, j, DW_WEEKDAY, &wd, &uf) && !(uf & DWF_AMBIG)) {
		ngi_tval_set_lit(v, TX_SET, "");
		snprintf(v->lit, sizeof v->lit, "XXXX-WXX-%d", wd);
		return j + 1;
	}
	size_t k = count_at(s, j, &n, &art);
	if (k && !art && n > 0 && n <= 1000)
		j = k;
	else
		n = 1;
	if (!tok_cat(s, j, DW_UNIT, &u, &uf) || u == DU_WEEKEND)
		return 0;
	ngi_tval_set_duration(v, TX_SET, u, n);
	return j + 1;
}

/* now, currently, recently, soon, the future, these days... */
static size_t r_ref(const scan *s, size_t i, tval *v)
{
	int r, fl;
	if (lceq(s, i, "these") && lceq(s, i + 1, "days")) {
		ngi_tval_set_lit(v, TX_DATE, "PRESENT_REF");
		return i + 2;
	}
	if (s->lang == DL_EN && (lceq(s, i, "near") || lceq(s, i, "short")) &&
	    (lceq(s, i + 1, "future") || lceq(s, i + 1, "term"))) {
		ngi_tval_set_lit(v, TX_DATE, "FUTURE_REF");
		v->the_ok = 1;
		return i + 2;
	}
	if (s->lang == DL_EN && lceq(s, i, "right") && lceq(s, i + 1, "now")) {
		ngi_tval_set_lit(v, TX_DATE, "PRESENT_REF");
		return i + 2;
	}
	if (!tok_cat(s, i, DW_REF, &r, &fl))
		return 0;
	if (r == DR_PAST_ADJ)
		return 0;
	if (r == DR_PRESENT_ADJ)
		r = DR_PRESENT; /* "the current weakness": now */
	if (fl & DWF_PAST) { /* "the future", "in Zukunft", "l'avenir" */
		if (s->lang == DL_EN && !(i > 0 && is_cat(s, i - 1, DW_THE)))
			return 0;
		v->the_ok = 1;
	}
	ngi_tval_set_lit(v, TX_DATE, r == DR_PRESENT ? "PRESENT_REF"
			    : r == DR_PAST  ? "PAST_REF"
					    : "FUTURE_REF");
	v->the_ok = (fl & DWF_PAST) != 0;
	return i + 1;
}

/* Christmas (Eve, Day), Thanksgiving, New Year's Day / Eve [year]. */
static size_t r_holiday(const scan *s, size_t i, tval *v)
{
	int md, y = 0;
	size_t j;
	if (lceq(s, i, "new") && s->t[i].cap && possessive_year(s, i + 1) &&
	    (lceq(s, i + 4, "day") || lceq(s, i + 4, "eve"))) {
		md = lceq(s, i + 4, "day") ? 101 : 1231;
		j = i + 5;
	} else if (tok_cat(s, i, DW_HOLIDAY, &md, NULL) &&
		   (!caps_lang(s->lang) || s->t[i].cap)) {
		j = i + 1;
		if (md == 1225 && lceq(s, j, "eve")) {
			md = 1224;
			j++;
		} else if (lceq(s, j, "day"))
			j++;
	} else
		return 0;
	if (is_year(s, j, &y))
		j++;
	v->type = TX_DATE;
	v->gran = NGI_GRAN_DAY;
	if (md == 1199) {
		if (!y && !s->has_anchor)
			return 0;
		if (!y) {
			y = s->ay;
			if (ngi_dates_thanksgiving(y) - s->anchor > 183)
				y--;
		}
		ngi_tval_set_day(v, ngi_dates_thanksgiving(y));
	} else if (y) {
		v->y = y;
		v->m = md / 100;
		v->d = md % 100;
	} else if (!ngi_dates_resolve_month_day(s, v, md / 100, md % 100, 0))
		return 0;
	v->anchor = y ? NGI_ANCHOR_ABSOLUTE : NGI_ANCHOR_PUBLICATION;
	return j;
}

typedef size_t (*rule_fn)(const scan *s, size_t i, tval *v);

static const rule_fn rules[] = {
	r_numeric, r_date, r_time, r_month, r_year, r_century, r_weekday,
	r_deictic, r_quarter, r_ago, r_rel, r_duration, r_set, r_ref, r_holiday,
	r_unit, r_year_words,
};

/* The longest match at i (the earlier rule on a tie), or 0. */
size_t ngi_dates_try_rules(const scan *s, size_t i, tval *best)
{
	size_t best_end = 0;
	for (size_t r = 0; r < NGI_ARRAY_LEN(rules); r++) {
		tval v;
		ngi_tval_init(&v);
		size_t e = rules[r](s, i, &v);
		if (e > best_end) {
			best_end = e;
			*best = v;
		}
	}
	return best_end;
}
