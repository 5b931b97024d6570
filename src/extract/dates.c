/*
 * dates.c: the temporal tagger: scanner, rules, values (see dates.h).
 *
 * The text is cut into segments of about NGI_DATES_SEGMENT bytes at line or
 * space boundaries; each segment is scanned into small tokens (words lower
 * cased and looked up in the lexicon, digit runs, single punctuation marks)
 * held in a scratch arena that is reset between segments, so memory stays
 * bounded on huge input. A text of one segment (nearly every article) is
 * tokenised once by ngi_dates_prepare and its tokens serve each
 * ngi_dates_tag (publication-date inference tags twice). At each token the rules below are tried and the
 * longest match wins; matched tokens are consumed, so timexes never overlap.
 * A rule fills a `tval` (type, granularity, calendar fields); the value
 * string is written from it at the end, and only real calendar dates with
 * years 1..9999 come out (31 February, year 0, year 99999 match nothing).
 */
#include <string.h>
#include <utf8proc.h>

#include "../base/utf8.h"
#include "../text/text.h"
#include "dates_int.h"
#include "pubdate.h"

#define NGI_DATES_SEGMENT ((size_t)256 << 10)
#define MAX_LOOKUP 4

enum { T_WORD, T_NUM, T_PUNCT };
enum { TX_NONE, TX_DATE, TX_TIME, TX_DURATION, TX_SET };

typedef struct dtok {
	uint32_t start, end;      /* bytes, relative to the segment */
	uint32_t cp, cp_end;      /* code points, relative to the segment */
	const char *lc;           /* lower case (words), else NULL; lclen
				     bytes, not NUL-terminated */
	uint16_t lclen;
	uint8_t kind;
	uint8_t cap;              /* word starts with an upper-case letter */
	uint8_t glued;            /* no space before it */
	uint8_t brk;              /* a blank line before it */
	uint8_t ndig;             /* digits of a number (capped at 255) */
	uint8_t elide_this;       /* "quest'anno": the prefix means "this" */
	uint8_t n_w;
	uint8_t maybe_timex;      /* the scanner tries the rules here */
	uint32_t cats;            /* bit c set: tok_cat(c) may be true */
	uint32_t ch;              /* the code point of a punctuation token */
	int32_t num;              /* value of a number (capped) */
	const ngi_dword *w[MAX_LOOKUP];
} dtok;

typedef struct tval {
	uint8_t type;     /* TX_ */
	uint8_t gran;     /* ngi_timex_gran */
	uint8_t anchor;   /* ngi_timex_anchor */
	uint8_t the_ok;   /* a "the" before it belongs to it */
	int y, m, d;      /* y == 0: unknown year; m, d == 0: unknown */
	int sub;          /* week, quarter, half, season, decade, century */
	int hh, mi;       /* clock time, hh < 0: none */
	int pod;          /* DP_ part of day */
	uint8_t by_distance; /* the year was chosen as the nearest to the
				anchor (1 month, 2 month and day): the
				clause's tense may move it */
	char lit[NGI_TIMEX_VALUE_LEN]; /* a literal value (refs, durations) */
} tval;

typedef struct scan {
	const dtok *t;
	size_t n;
	int lang;
	int has_anchor;
	int32_t anchor;
	int ay, am, ad;
	int have_last;    /* a date seen earlier in the text */
	tval last;
	int have_last_q;  /* a quarter seen earlier in the text */
	tval last_q;
} scan;

/* ---- token helpers ------------------------------------------------------ */

static int tok_cat(const scan *s, size_t i, int cat, int *val, int *flags)
{
	if (i >= s->n || !(s->t[i].cats & (1u << cat)))
		return 0;
	const dtok *t = &s->t[i];
	for (size_t k = 0; k < t->n_w; k++) {
		const ngi_dword *w = t->w[k];
		int lower_only = (w->flags & DWF_LOWER) != 0;
		if (w->cat == cat && !(lower_only && t->cap)) {
			if (val)
				*val = w->val;
			if (flags)
				*flags = w->flags;
			return 1;
		}
		/* a DWF_LOWER word's second reading is its capitalised one */
		if (w->cat2 == cat && !(lower_only && !t->cap)) {
			if (val)
				*val = w->val2;
			if (flags)
				*flags = 0;
			return 1;
		}
	}
	return 0;
}

static int is_cat(const scan *s, size_t i, int cat)
{
	return tok_cat(s, i, cat, NULL, NULL);
}

/* Gates: a rule returns at once when token i has none of the readings
 * (or is no number) that could start it; exact, as cats is a superset. */
#define CAT(c) (1u << (c))
static int has_cats(const scan *s, size_t i, uint32_t mask)
{
	return i < s->n && (s->t[i].cats & mask) != 0;
}

static int is_number(const scan *s, size_t i)
{
	return i < s->n && s->t[i].kind == T_NUM;
}

static int is_punct(const scan *s, size_t i, uint32_t ch)
{
	return i < s->n && s->t[i].kind == T_PUNCT && s->t[i].ch == ch;
}

static int is_glued_punct(const scan *s, size_t i, uint32_t ch)
{
	return is_punct(s, i, ch) && s->t[i].glued;
}

/* Is token i the word w (lower case)? The first byte is compared before
 * anything else: the scanner asks this of every word, a dozen times. */
static inline int lceq(const scan *s, size_t i, const char *w)
{
	if (i >= s->n || s->t[i].kind != T_WORD || s->t[i].lclen == 0 ||
	    s->t[i].lc[0] != w[0])
		return 0;
	return s->t[i].lclen == strlen(w) &&
	       memcmp(s->t[i].lc, w, s->t[i].lclen) == 0;
}

/* A number of at most maxdig digits; its value. */
static int is_num(const scan *s, size_t i, int maxdig, int *v)
{
	if (i >= s->n || s->t[i].kind != T_NUM || s->t[i].ndig > maxdig)
		return 0;
	*v = s->t[i].num;
	return 1;
}

/* A four-digit year 1000..2999 that is not part of a longer number. */
static int is_year(const scan *s, size_t i, int *y)
{
	int v;
	if (i >= s->n || s->t[i].kind != T_NUM || s->t[i].ndig != 4 ||
	    !is_num(s, i, 4, &v) || v < 1000 || v > 2999)
		return 0;
	if ((is_glued_punct(s, i + 1, ',') || is_glued_punct(s, i + 1, '.')) &&
	    i + 2 < s->n && s->t[i + 2].kind == T_NUM && s->t[i + 2].glued)
		return 0;
	if (i + 1 < s->n && s->t[i + 1].glued &&
	    (is_punct(s, i + 1, '%') || s->t[i + 1].kind == T_NUM))
		return 0;
	if (i > 0 && s->t[i].glued &&
	    (is_punct(s, i - 1, '$') || is_punct(s, i - 1, 0x20AC) ||
	     is_punct(s, i - 1, 0xA3)))
		return 0;
	*y = v;
	return 1;
}

/* A glued full stop after an abbreviation, e.g. "Nov." */
static size_t opt_dot(const scan *s, size_t j)
{
	return is_glued_punct(s, j, '.') ? j + 1 : j;
}

/* An ordinal suffix glued to a number: 5th, 1st, 1er, 2nd, 5º; or a glued
 * full stop (German 5.) when dot_ok. */
static size_t opt_ordinal(const scan *s, size_t j, int dot_ok)
{
	if (j < s->n && s->t[j].glued && s->t[j].kind == T_WORD)
		if (lceq(s, j, "st") || lceq(s, j, "nd") || lceq(s, j, "rd") ||
		    lceq(s, j, "th") || lceq(s, j, "er") || lceq(s, j, "e") ||
		    lceq(s, j, "o") || lceq(s, j, "a") || lceq(s, j, "º") ||
		    lceq(s, j, "ª"))
			return j + 1;
	if (is_glued_punct(s, j, '-') && j + 1 < s->n && s->t[j + 1].glued &&
	    (lceq(s, j + 1, "го") || lceq(s, j + 1, "е")))
		return j + 2;
	if (dot_ok && is_glued_punct(s, j, '.'))
		return j + 1;
	return j;
}

/* Languages that write month and day names with a capital. */
static int caps_lang(int lang)
{
	return lang == DL_EN || lang == DL_DE;
}

/* Languages whose post-posed relative words ("scorso", "próximo") may also
 * come first. */
static int pre_and_post(int lang)
{
	return lang == DL_IT || lang == DL_ES || lang == DL_PT;
}

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
static int future_context(const scan *s, size_t i0, size_t i1)
{
	return clause_tense(s, i0, i1) > 0;
}

/* ---- values --------------------------------------------------------------- */

static void set_day(tval *v, int32_t day)
{
	ngi_dates_civil(day, &v->y, &v->m, &v->d);
	v->type = TX_DATE;
	v->gran = NGI_GRAN_DAY;
}

static void tv_init(tval *v)
{
	memset(v, 0, sizeof *v);
	v->hh = -1;
	v->mi = -1;
}

static void set_lit(tval *v, int type, const char *lit)
{
	v->type = (uint8_t)type;
	v->gran = NGI_GRAN_NONE;
	v->anchor = NGI_ANCHOR_NONE;
	snprintf(v->lit, sizeof v->lit, "%s", lit);
}

static void set_week(tval *v, int32_t day)
{
	ngi_dates_iso_week(day, &v->y, &v->sub);
	v->type = TX_DATE;
	v->gran = NGI_GRAN_WEEK;
}

/* Month index arithmetic: (y, m) + k months. */
static void add_months(int *y, int *m, int k)
{
	int idx = *y * 12 + (*m - 1) + k;
	*y = idx / 12;
	*m = idx % 12 + 1;
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
static int resolve_month_day(const scan *s, tval *v, int m, int d, int weekday)
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
static void resolve_month(const scan *s, tval *v, int m, int rel, int has_rel)
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
static void resolve_weekday(const scan *s, tval *v, int wd, int rel,
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
	set_day(v, day);
	v->anchor = NGI_ANCHOR_PUBLICATION;
}

static int quarter_of(int m)
{
	return (m - 1) / 3 + 1;
}

/* A unit shifted by k from the anchor ("last week", "next month"). */
static int resolve_unit_shift(const scan *s, tval *v, int unit, int k,
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
		set_lit(v, TX_DATE, unknown[unit]);
		return 1;
	}
	int y = s->ay, m = s->am;
	switch (unit) {
	case DU_DAY:
		set_day(v, s->anchor + k);
		return 1;
	case DU_WEEK:
		set_week(v, s->anchor + 7 * k);
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
		set_week(v, s->anchor + 7 * shift);
		v->gran = NGI_GRAN_WEEKEND;
		return 1;
	}
	case DU_MONTH:
		add_months(&y, &m, k);
		v->y = y;
		v->m = m;
		v->gran = NGI_GRAN_MONTH;
		return 1;
	case DU_QUARTER: {
		int q = quarter_of(m) - 1 + k;
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
static void resolve_season(const scan *s, tval *v, int season, int rel,
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

static const char *const unit_letter[] = {
	[DU_SECOND] = "S", [DU_MINUTE] = "M", [DU_HOUR] = "H", [DU_DAY] = "D",
	[DU_WEEKEND] = "WE", [DU_WEEK] = "W", [DU_MONTH] = "M",
	[DU_QUARTER] = "Q", [DU_HALF] = "H", [DU_YEAR] = "Y", [DU_DECADE] = "DE",
	[DU_CENTURY] = "CE"};

/* A duration of n units (n < 0: unknown, "several"). */
static void set_duration(tval *v, int type, int unit, int n)
{
	char num[16];
	int mult = 1;
	if (unit == DU_DECADE || unit == DU_CENTURY) {
		mult = unit == DU_DECADE ? 10 : 100;
		unit = DU_YEAR;
	} else if (unit == DU_HALF) {
		mult = 6;
		unit = DU_MONTH;
	}
	if (n < 0)
		snprintf(num, sizeof num, "X");
	else
		snprintf(num, sizeof num, "%d", n * mult);
	v->type = (uint8_t)type;
	v->gran = NGI_GRAN_NONE;
	v->anchor = NGI_ANCHOR_NONE;
	snprintf(v->lit, sizeof v->lit, "P%s%s%s", unit <= DU_HOUR ? "T" : "", num,
		 unit_letter[unit]);
}

static const char *const pod_code[] = {"", "MO", "AF", "EV", "NI", "DT"};
static const char *const season_code[] = {"", "SP", "SU", "FA", "WI"};

/* Writes v's TIMEX3 value; 0 when it is not a possible date. */
static int format_value(const tval *v, char out[NGI_TIMEX_VALUE_LEN])
{
	if (v->lit[0]) {
		memcpy(out, v->lit, NGI_TIMEX_VALUE_LEN);
		return 1;
	}
	char y[8];
	if (v->y == 0)
		snprintf(y, sizeof y, "XXXX");
	else if (v->y < 1 || v->y > 9999)
		return 0;
	else
		snprintf(y, sizeof y, "%04d", v->y);
	switch (v->gran) {
	case NGI_GRAN_MINUTE:
	case NGI_GRAN_HOUR:
	case NGI_GRAN_PART_OF_DAY:
	case NGI_GRAN_DAY: {
		char date[20];
		if (v->y && !ngi_date_valid(v->y, v->m, v->d))
			return 0;
		if (v->m)
			snprintf(date, sizeof date, "%s-%02d-%02d", y, v->m % 13,
				 v->d % 32);
		else
			snprintf(date, sizeof date, "%s-XX-XX", y);
		if (v->hh >= 0)
			snprintf(out, NGI_TIMEX_VALUE_LEN, "%sT%02d:%02d", date,
				 v->hh % 24, v->mi < 0 ? 0 : v->mi % 60);
		else if (v->pod > 0 && v->pod <= DP_DT)
			snprintf(out, NGI_TIMEX_VALUE_LEN, "%sT%s", date,
				 pod_code[v->pod]);
		else
			snprintf(out, NGI_TIMEX_VALUE_LEN, "%s", date);
		return 1;
	}
	case NGI_GRAN_WEEK:
	case NGI_GRAN_WEEKEND:
		if (v->sub < 1 || v->sub > 53)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-W%02d%s", y, v->sub % 100,
			 v->gran == NGI_GRAN_WEEKEND ? "-WE" : "");
		return 1;
	case NGI_GRAN_MONTH:
		if (v->m < 1 || v->m > 12)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-%02d", y, v->m);
		return 1;
	case NGI_GRAN_SEASON:
		if (v->sub < 1 || v->sub > 4)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-%s", y, season_code[v->sub]);
		return 1;
	case NGI_GRAN_QUARTER:
		if (v->sub < 1 || v->sub > 4)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-Q%d", y, v->sub);
		return 1;
	case NGI_GRAN_HALF:
		if (v->sub < 1 || v->sub > 2)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-H%d", y, v->sub);
		return 1;
	case NGI_GRAN_YEAR:
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s", y);
		return 1;
	case NGI_GRAN_DECADE:
		if (v->sub < 100 || v->sub > 999)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%03d", v->sub);
		return 1;
	case NGI_GRAN_CENTURY:
		if (v->sub < 0 || v->sub > 99)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%02d", v->sub);
		return 1;
	default:
		return 0;
	}
}

/* ---- rules ---------------------------------------------------------------
 * Each rule tries to match at token i; it returns the end (exclusive) of the
 * match and fills v, or 0. A match with v->type == TX_NONE blocks those
 * tokens without a timex ("31 February").
 */

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
		v->type = TX_DATE;
		v->gran = NGI_GRAN_DAY;
		v->y = y;
		v->m = m;
		v->d = d;
		v->anchor = NGI_ANCHOR_ABSOLUTE;
	} else if (!resolve_month_day(s, v, m, d, wd)) {
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
	v->type = TX_DATE;
	v->gran = NGI_GRAN_DAY;
	v->y = y;
	v->m = m;
	v->d = d;
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
		set_duration(v, TX_SET, u, 1);
		return k + 1;
	}
	size_t e = k + 1;
	if (!half && n > 0 && (h = half_at(s, e)) != e && lceq(s, e, "and"))
		half = 1, e = h; /* "a minute and a half" */
	set_duration(v, TX_DURATION, u, n);
	if (half)
		add_half(v, u, n);
	v->the_ok = 1;
	return e;
}

/* Shifted by n units from a base: the anchor or, for "earlier"/"later"
 * after a dated sentence, the date mentioned last. */
static size_t resolve_ago(const scan *s, tval *v, int unit, int n, int dir)
{
	int sign = dir < 0 ? -1 : 1;
	const tval *last = s->have_last ? &s->last : NULL;
	if (unit <= DU_HOUR)
		return 0;
	if (n < 0) {
		set_lit(v, TX_DATE, sign < 0 ? "PAST_REF" : "FUTURE_REF");
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
			set_day(v, base + sign * n);
		else if (unit == DU_WEEK)
			set_week(v, base + 7 * sign * n);
		else {
			/* "a year earlier" than 30 September 1989: that day */
			int y = last->y, m = last->m, d = last->d;
			add_months(&y, &m, sign * n * (unit == DU_YEAR ? 12 : unit == DU_QUARTER ? 3 : 1));
			if (d > 28 && !ngi_date_valid(y, m, d))
				d = m == 2 ? (ngi_date_valid(y, 2, 29) ? 29 : 28) : 30;
			v->type = TX_DATE;
			v->gran = NGI_GRAN_DAY;
			v->y = y;
			v->m = m;
			v->d = d;
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
	return (size_t)resolve_unit_shift(s, v, unit, sign * n, 0);
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
	if (!resolve_ago(s, v, u, n, dir))
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
		set_lit(v, TX_SET, "");
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
	int cur = s->has_anchor ? quarter_of(s->am) : 0;
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
		set_lit(v, TX_DATE, "XXXX-QX");
		return j;
	}
	if (has_rel && !yearago && !y) {
		/* "the latest quarter", "last quarter": the last one ended */
		resolve_unit_shift(s, v, DU_QUARTER, rel, 0);
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
/* The unit (week, month, year) shifted by k from the date the text gave
 * last, when that date is fine enough to have one; 0 when it is not. */
static int from_last(const scan *s, tval *v, int unit, int k)
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
		add_months(&y, &m, k);
		v->type = TX_DATE;
		v->gran = NGI_GRAN_MONTH;
		v->y = y;
		v->m = m;
	} else if (unit == DU_WEEK && l->gran == NGI_GRAN_DAY && l->d) {
		set_week(v, ngi_days_from_civil(y, m, l->d) + 7 * k);
	} else
		return 0;
	v->anchor = NGI_ANCHOR_TEXT;
	return 1;
}

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
		return resolve_unit_shift(s, v, u, 0, 0) ? i + 1 : 0;
	/* "the weekend" */
	if (det && tok_cat(s, i, DW_UNIT, &u, &uf) && u == DU_WEEKEND &&
	    !(uf & DWF_PLURAL)) {
		resolve_unit_shift(s, v, u, 0, future_context(s, i, i + 1));
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
			return resolve_unit_shift(s, v, u, rel, 0) ? i + 2 : 0;
		if (tok_cat(s, j, DW_WEEKDAY, &val, &uf) && !(uf & DWF_AMBIG)) {
			resolve_weekday(s, v, val, rel, 1, 0);
			return i + 2;
		}
		if (tok_cat(s, j, DW_SEASON, &val, NULL)) {
			resolve_season(s, v, val, rel, 1);
			return i + 2;
		}
		if (tok_cat(s, j, DW_MONTH, &val, NULL)) {
			resolve_month(s, v, val, rel, 1);
			return i + 2;
		}
		return 0;
	} else
		return 0;
	/* the past two months, the next three years, последние два года */
	if ((k = count_at(s, j, &n, &art)) && !art &&
	    tok_cat(s, k, DW_UNIT, &u, &uf) && u != DU_WEEKEND && n != 0 &&
	    n <= 1000) {
		set_duration(v, TX_DURATION, u, n);
		v->the_ok = 1;
		return k + 1;
	}
	if (tok_cat(s, j, DW_UNIT, &u, &uf)) {
		if (uf & DWF_PLURAL) {
			/* "recent years": the past; "recent weeks", "coming
			 * months": a span of unknown length, as TimeML has them */
			if (rel != 0 && u != DU_YEAR && u != DU_QUARTER)
				set_duration(v, TX_DURATION, u, -1);
			else
				set_lit(v, TX_DATE, rel < 0 ? "PAST_REF"
						    : rel > 0 ? "FUTURE_REF"
							      : "PRESENT_REF");
			v->the_ok = 1;
			return j + 1;
		}
		if (u <= DU_HOUR) {
			if (!(fl & DWF_PAST) || !det)
				return 0;
			set_duration(v, TX_DURATION, u, 1);
			v->the_ok = 1;
			return j + 1;
		}
		if ((fl & DWF_PAST) && det && rel < 0 && u != DU_WEEKEND) {
			/* "the past year", "the last decade": TimeML annotators
			 * mostly give the calendar unit, as for "last year" */
			if (!resolve_unit_shift(s, v, u, rel, 0))
				return 0;
			v->the_ok = 1;
			return j + 1;
		}
		if (u == DU_DAY && det && s->have_last &&
		    s->last.gran == NGI_GRAN_DAY && s->last.y) {
			/* "the next day", "the previous day": from the last date */
			set_day(v, ngi_days_from_civil(s->last.y, s->last.m,
						       s->last.d) + rel);
			v->anchor = NGI_ANCHOR_TEXT;
			v->the_ok = 1;
			return j + 1;
		}
		if (det && rel != 0 && s->have_last && s->last.y &&
		    (lceq(s, i, "following") || lceq(s, i, "previous") ||
		     lceq(s, i, "preceding")) &&
		    from_last(s, v, u, rel)) {
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
			resolve_month(s, v, val, rel, 1);
			return me;
		}
		if (!resolve_unit_shift(s, v, u, rel, future_context(s, i, j + 1)))
			return 0;
		v->the_ok = u == DU_WEEKEND;
		return j + 1;
	}
	if (tok_cat(s, j, DW_SEASON, &val, NULL)) {
		resolve_season(s, v, val, rel, 1);
		return j + 1;
	}
	size_t e;
	if (month_at(s, j, 1, &val, &e)) {
		resolve_month(s, v, val, rel, 1);
		return e;
	}
	if (tok_cat(s, j, DW_WEEKDAY, &val, &uf) &&
	    (!caps_lang(s->lang) || s->t[j].cap) && !(uf & DWF_AMBIG)) {
		resolve_weekday(s, v, val, rel, 1, 0);
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
			set_day(v, s->anchor + rel);
		else
			set_lit(v, TX_TIME, "XXXX-XX-XX");
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
		set_lit(v, TX_DATE, "PAST_REF");
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
			if (!resolve_unit_shift(s, v, DU_YEAR, 0, 0))
				return 0;
			return e;
		}
	}
	if (i > 0 && is_cat(s, i - 1, DW_FOR) && tok_cat(s, j, DW_UNIT, &u, &uf) &&
	    (uf & DWF_PLURAL) && u != DU_WEEKEND && u != DU_HALF) {
		set_duration(v, TX_DURATION, u, -1);
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
		resolve_season(s, v, val, 0, 1);
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
		set_duration(v, TX_DURATION, DU_YEAR, 1);
	} else if (!resolve_unit_shift(s, v, DU_YEAR, 0, 0))
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
	resolve_month(s, v, m, 0, 0);
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
	resolve_weekday(s, v, wd, 0, 0, future_context(s, i, j));
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
		set_day(v, s->anchor + off);
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
	tv_init(&dv);
	if (((de = r_date(s, k, &dv)) || (de = r_weekday(s, k, &dv)) ||
	     (de = r_deictic(s, k, &dv))) &&
	    dv.gran == NGI_GRAN_DAY && !dv.lit[0] && dv.hh < 0) {
		*v = dv;
		e = de;
	} else if (s->has_anchor) {
		set_day(v, s->anchor);
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
		set_duration(v, TX_SET, u, u == DU_QUARTER ? 1 : 1);
		return i + 1;
	}
	if (!is_cat(s, i, DW_EVERY))
		return 0;
	j = i + 1;
	if (tok_cat(s, j, DW_WEEKDAY, &wd, &uf) && !(uf & DWF_AMBIG)) {
		set_lit(v, TX_SET, "");
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
	set_duration(v, TX_SET, u, n);
	return j + 1;
}

/* now, currently, recently, soon, the future, these days... */
static size_t r_ref(const scan *s, size_t i, tval *v)
{
	int r, fl;
	if (lceq(s, i, "these") && lceq(s, i + 1, "days")) {
		set_lit(v, TX_DATE, "PRESENT_REF");
		return i + 2;
	}
	if (s->lang == DL_EN && (lceq(s, i, "near") || lceq(s, i, "short")) &&
	    (lceq(s, i + 1, "future") || lceq(s, i + 1, "term"))) {
		set_lit(v, TX_DATE, "FUTURE_REF");
		v->the_ok = 1;
		return i + 2;
	}
	if (s->lang == DL_EN && lceq(s, i, "right") && lceq(s, i + 1, "now")) {
		set_lit(v, TX_DATE, "PRESENT_REF");
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
	set_lit(v, TX_DATE, r == DR_PRESENT ? "PRESENT_REF"
			    : r == DR_PAST  ? "PAST_REF"
					    : "FUTURE_REF");
	v->the_ok = (fl & DWF_PAST) != 0;
	return i + 1;
}

/* The fourth Thursday of November of year y. */
static int32_t thanksgiving(int y)
{
	int32_t first = ngi_days_from_civil(y, 11, 1);
	int k = (4 - ngi_dates_weekday(first) + 7) % 7;
	return first + k + 21;
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
			if (thanksgiving(y) - s->anchor > 183)
				y--;
		}
		set_day(v, thanksgiving(y));
	} else if (y) {
		v->y = y;
		v->m = md / 100;
		v->d = md % 100;
	} else if (!resolve_month_day(s, v, md / 100, md % 100, 0))
		return 0;
	v->anchor = y ? NGI_ANCHOR_ABSOLUTE : NGI_ANCHOR_PUBLICATION;
	return j;
}

/* A month whose year was the nearest to the anchor moves to the anchor's
 * side the clause's tense names: "said it would close in March" (anchor
 * October) is the next March, "sales fell in August" (anchor February) the
 * last August; the anchor's own month stays. A day and month move only
 * forward: a past cue is nearly always the reporting verb ("said the
 * dividend is payable Dec. 15"), and moving those back cost 11 right values
 * on the TempEval-3 training data. Without a tense cue the nearest stands. */
static void tense_adjust(const scan *s, size_t i0, size_t i1, tval *v)
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

typedef size_t (*rule_fn)(const scan *s, size_t i, tval *v);

static const rule_fn rules[] = {
	r_numeric, r_date, r_time, r_month, r_year, r_century, r_weekday,
	r_deictic, r_quarter, r_ago, r_rel, r_duration, r_set, r_ref, r_holiday,
	r_unit, r_year_words,
};

/* The longest match at i (the earlier rule on a tie), or 0. */
static size_t try_rules(const scan *s, size_t i, tval *best)
{
	size_t best_end = 0;
	for (size_t r = 0; r < NGI_ARRAY_LEN(rules); r++) {
		tval v;
		tv_init(&v);
		size_t e = rules[r](s, i, &v);
		if (e > best_end) {
			best_end = e;
			*best = v;
		}
	}
	return best_end;
}

/* ---- scanner ---------------------------------------------------------------*/

static int is_word_cp(int32_t c)
{
	if (c < 128)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	utf8proc_category_t cat = utf8proc_category(c);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

static int is_space_cp(int32_t c)
{
	if (c < 128)
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		       c == '\f' || c == '\v';
	utf8proc_category_t cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP || c == 0x85;
}

/* The code point at p (left > 0 bytes) and its length in bytes. */
static int32_t next_cp(const char *p, size_t left, size_t *len)
{
	int32_t cp;
	*len = (size_t)ngi_utf8_decode(p, left, &cp);
	return cp;
}

/* Lower-cases [p, p+n) into the arena; ’ becomes '. */
static char *lower_word(const char *p, size_t n, ngi_arena *a, uint16_t *out_len)
{
	size_t cap = n * 2 + 8;
	char *out = ngi_arena_alloc(a, cap);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t k = 0; k < n;) {
		size_t l;
		int32_t c = next_cp(p + k, n - k, &l);
		k += l;
		if (c == 0x2019)
			c = '\'';
		c = c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : utf8proc_tolower(c);
		if (o + 4 >= cap || o >= 0xFFF0)
			break;
		if (c < 128)
			out[o++] = (char)c;
		else
			o += ngi_utf8_encode((uint32_t)c, out + o);
	}
	out[o] = '\0';
	*out_len = (uint16_t)o;
	return out;
}

/* Words that start a rule though the lexicon does not hold them: "q"
 * (Q3), "new" (New Year), "nineteen", the decades in words ("the
 * nineties"), approximations ("nearly", "full", "short")... The scanner
 * tries the rules only at numbers, punctuation, lexicon words and these. */
static int rule_word(const char *w, size_t n)
{
#define IS(lit) (n == sizeof lit - 1 && memcmp(w, lit, n) == 0)
	switch (n) {
	case 1:
		return w[0] == 'q';
	case 2:
		return IS("il");
	case 3:
		return IS("new");
	case 4:
		return IS("full") || IS("near");
	case 5:
		return IS("these") || IS("right") || IS("short") || IS("avant");
	case 6:
		return IS("nearly") || IS("après");
	case 7:
		return IS("années") || IS("forties") || IS("fifties") ||
		       IS("sixties");
	case 8:
		return IS("nineteen") || IS("twenties") || IS("thirties") ||
		       IS("eighties") || IS("nineties");
	case 9:
		return IS("seventies");
	case 10:
		return IS("comparable");
	default:
		return 0;
	}
#undef IS
}

/* The categories tok_cat can find in t's readings (a superset test). */
static uint32_t reading_cats(const dtok *t)
{
	_Static_assert(DW_AGOYEAR < 32, "categories must fit a 32-bit mask");
	uint32_t m = 0;
	for (size_t k = 0; k < t->n_w; k++) {
		const ngi_dword *w = t->w[k];
		int lower_only = (w->flags & DWF_LOWER) != 0;
		if (!(lower_only && t->cap))
			m |= 1u << w->cat;
		if (!(lower_only && !t->cap))
			m |= 1u << w->cat2;
	}
	return m;
}

static void lookup_word(dtok *t, int lang)
{
	t->n_w = (uint8_t)ngi_dates_lookup(lang, t->lc, t->lclen, t->w, MAX_LOOKUP);
	t->maybe_timex = t->n_w || rule_word(t->lc, t->lclen);
	t->cats = reading_cats(t);
	if (t->n_w)
		return;
	const char *ap = memchr(t->lc, '\'', t->lclen);
	if (!ap)
		return;
	size_t pre = (size_t)(ap - t->lc);
	/* elisions: l'année, dell'anno, quest'anno */
	if (pre >= 1 && pre <= 6 && pre + 1 < t->lclen) {
		t->n_w = (uint8_t)ngi_dates_lookup(lang, ap + 1, t->lclen - pre - 1,
						   t->w, MAX_LOOKUP);
		t->elide_this = (pre == 5 && memcmp(t->lc, "quest", 5) == 0) ||
				(pre == 4 && memcmp(t->lc, "cett", 4) == 0);
		t->maybe_timex = t->n_w || rule_word(t->lc, t->lclen);
		t->cats = reading_cats(t);
	}
}

/* Tokens of [text, text+len) into the arena; *cps = its code points. */
static ng_status tokenize(const char *text, size_t len, int lang, ngi_arena *a,
			  dtok **out, size_t *n_out, uint32_t *cps)
{
	dtok *t = ngi_arena_alloc(a, (len + 1) * sizeof *t);
	if (!t)
		return NG_ERR_NOMEM;
	size_t n = 0, p = 0;
	uint32_t cp = 0;
	int newlines = 0, space = 1;
	while (p < len) {
		size_t l;
		int32_t c = next_cp(text + p, len - p, &l);
		if (is_space_cp(c)) {
			newlines += c == '\n';
			space = 1;
			p += l;
			cp++;
			continue;
		}
		dtok *k = &t[n++];
		memset(k, 0, sizeof *k);
		k->start = (uint32_t)p;
		k->cp = cp;
		k->glued = !space && n > 1;
		k->brk = newlines >= 2 || n == 1;
		newlines = 0;
		space = 0;
		if (c >= '0' && c <= '9') {
			k->kind = T_NUM;
			int nd = 0;
			int64_t v = 0;
			while (p < len && text[p] >= '0' && text[p] <= '9') {
				if (nd < 9)
					v = v * 10 + (text[p] - '0');
				nd++;
				p++;
				cp++;
			}
			k->ndig = (uint8_t)(nd > 255 ? 255 : nd);
			k->num = (int32_t)v;
		} else if (is_word_cp(c)) {
			k->kind = T_WORD;
			utf8proc_category_t cat = utf8proc_category(c);
			k->cap = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
			while (p < len) {
				size_t l2;
				int32_t c2 = next_cp(text + p, len - p, &l2);
				if (is_word_cp(c2)) {
					p += l2;
					cp++;
					continue;
				}
				/* an apostrophe between letters stays in the word,
				 * but not before a possessive s: "Friday's" */
				if ((c2 == '\'' || c2 == 0x2019) && p + l2 < len) {
					size_t l3, l4;
					int32_t c3 = next_cp(text + p + l2, len - p - l2, &l3);
					int possessive =
						(c3 == 's' || c3 == 'S') &&
						(p + l2 + l3 >= len ||
						 !is_word_cp(next_cp(text + p + l2 + l3,
								     len - p - l2 - l3, &l4)));
					if (is_word_cp(c3) && !possessive) {
						p += l2;
						cp++;
						continue;
					}
				}
				break;
			}
			size_t wlen = p - k->start;
			if (wlen > 64) { /* no date word is this long */
				k->lc = "";
				k->lclen = 0;
			} else {
				/* most words are in lower-case ASCII already:
				 * lc points into the text (it is read with
				 * lclen only, never as a C string) */
				const char *w = text + k->start;
				size_t lower = 0;
				while (lower < wlen && (signed char)w[lower] >= 0 &&
				       (w[lower] < 'A' || w[lower] > 'Z'))
					lower++;
				if (lower == wlen) {
					k->lc = w;
					k->lclen = (uint16_t)wlen;
				} else {
					k->lc = lower_word(w, wlen, a, &k->lclen);
					if (!k->lc)
						return NG_ERR_NOMEM;
				}
				lookup_word(k, lang);
			}
		} else {
			k->kind = T_PUNCT;
			k->ch = (uint32_t)c;
			p += l;
			cp++;
		}
		k->end = (uint32_t)p;
		k->cp_end = cp;
	}
	*out = t;
	*n_out = n;
	*cps = cp;
	return NG_OK;
}

/* ---- driver ---------------------------------------------------------------- */

static int32_t first_day(const tval *v)
{
	if (v->lit[0] || v->y < 1 || v->y > 9999)
		return INT32_MIN;
	switch (v->gran) {
	case NGI_GRAN_MINUTE:
	case NGI_GRAN_HOUR:
	case NGI_GRAN_PART_OF_DAY:
	case NGI_GRAN_DAY:
		return v->m ? ngi_days_from_civil(v->y, v->m, v->d) : INT32_MIN;
	case NGI_GRAN_WEEK:
	case NGI_GRAN_WEEKEND: {
		int32_t jan4 = ngi_days_from_civil(v->y, 1, 4);
		int32_t monday = jan4 - ngi_dates_weekday(jan4) + 1 + 7 * (v->sub - 1);
		return v->gran == NGI_GRAN_WEEKEND ? monday + 5 : monday;
	}
	case NGI_GRAN_MONTH:
		return ngi_days_from_civil(v->y, v->m, 1);
	case NGI_GRAN_SEASON:
		return v->sub == 4 ? ngi_days_from_civil(v->y, 12, 1)
				   : ngi_days_from_civil(v->y, v->sub * 3, 1);
	case NGI_GRAN_QUARTER:
		return ngi_days_from_civil(v->y, v->sub * 3 - 2, 1);
	case NGI_GRAN_HALF:
		return ngi_days_from_civil(v->y, v->sub * 6 - 5, 1);
	case NGI_GRAN_YEAR:
		return ngi_days_from_civil(v->y, 1, 1);
	default:
		return INT32_MIN;
	}
}

static const char *const type_name[] = {"", "DATE", "TIME", "DURATION", "SET"};

/* TimeML keeps approximations in the extent of a count: "nearly two
 * years", "more than four decades ago", "within 18 months". Returns where
 * the extent starts, at most back to lo. */
static size_t approx_start(const scan *s, size_t i, size_t lo)
{
	static const char *const one[] = {"nearly", "almost", "about", "around",
					  "approximately", "roughly", "over",
					  "within", "under", "only", "just"};
	static const char *const two[][2] = {{"more", "than"}, {"less", "than"},
					     {"fewer", "than"}, {"at", "least"},
					     {"up", "to"}, {"at", "most"}};
	if (s->lang != DL_EN)
		return i;
	if (i >= lo + 3 && lceq(s, i - 3, "no") &&
	    (lceq(s, i - 2, "more") || lceq(s, i - 2, "less")) &&
	    lceq(s, i - 1, "than"))
		return i - 3;
	for (size_t k = 0; i >= lo + 2 && k < NGI_ARRAY_LEN(two); k++)
		if (lceq(s, i - 2, two[k][0]) && lceq(s, i - 1, two[k][1]))
			return i - 2;
	for (size_t k = 0; i >= lo + 1 && k < NGI_ARRAY_LEN(one); k++)
		if (lceq(s, i - 1, one[k]))
			return i - 1;
	return i;
}

/* Runs the rules over one segment's tokens, appending timexes to out. */
static ng_status scan_segment(scan *s, size_t byte_base, uint32_t cp_base,
			      ngi_buf *out)
{
	size_t prev_end = 0;
	for (size_t i = 0; i < s->n; i++) {
		const dtok *t = &s->t[i];
		if (t->kind == T_WORD && !t->maybe_timex)
			continue;
		tval v;
		tv_init(&v);
		size_t start = i, end = try_rules(s, i, &v);
		int mv, dir;
		if (!end && (tok_cat(s, i, DW_MOD, &mv, NULL) ||
			     (tok_cat(s, i, DW_AGO_POST, &dir, NULL) &&
			      (dir == 2 || dir == -2) && is_cat(s, i + 1, DW_REL) &&
			      (mv = 0, 1)))) {
			/* early 2021, late November, mid-1990s, earlier this
			 * year, the end of 1990, Anfang November, fin 2020,
			 * в конце ноября */
			size_t j = i + 1;
			if (is_glued_punct(s, j, '-'))
				j++;
			if (mv == 1) {
				if (!is_cat(s, j, DW_CONN))
					continue;
				j++;
				if (is_cat(s, j, DW_THE))
					j++;
			} else if (is_cat(s, j, DW_CONN))
				j++;
			tv_init(&v);
			end = j < s->n ? try_rules(s, j, &v) : 0;
			if (!end || (v.type != TX_DATE && v.type != TX_TIME) ||
			    !strcmp(v.lit, "PRESENT_REF"))
				end = 0;
			else if (mv == 1 && i > 0 && is_cat(s, i - 1, DW_THE))
				start = i - 1;
		}
		if (!end)
			continue;
		if (v.the_ok && start == i && i > 0 && i - 1 >= prev_end &&
		    is_cat(s, i - 1, DW_THE) && s->lang == DL_EN)
			start = i - 1;
		if (start == i && (v.type == TX_DURATION || v.type == TX_DATE) &&
		    (s->t[i].kind == T_NUM || is_cat(s, i, DW_NUM))) {
			start = approx_start(s, i, prev_end);
			if (lceq(s, end, "or") && lceq(s, end + 1, "so"))
				end += 2;
		}
		if (start < prev_end)
			start = prev_end;
		tense_adjust(s, start, end, &v);
		/* an age ("52 years old", "a 6-month-old son") is no timex */
		if (v.type == TX_DURATION && s->lang == DL_EN &&
		    (lceq(s, end, "old") ||
		     (is_glued_punct(s, end, '-') && lceq(s, end + 1, "old"))))
			v.type = TX_NONE;
		i = end - 1;
		prev_end = end;
		if (v.type == TX_NONE)
			continue;
		ngi_timex x;
		memset(&x, 0, sizeof x);
		if (!format_value(&v, x.value))
			continue;
		x.start = (uint32_t)(byte_base + s->t[start].start);
		x.end = (uint32_t)(byte_base + s->t[end - 1].end);
		x.cp_start = cp_base + s->t[start].cp;
		x.cp_end = cp_base + s->t[end - 1].cp_end;
		snprintf(x.type, sizeof x.type, "%s", type_name[v.type]);
		x.granularity = v.gran;
		x.anchor = v.anchor;
		if (v.lit[0] || (v.y == 0 && v.gran != NGI_GRAN_DECADE &&
				 v.gran != NGI_GRAN_CENTURY))
			x.anchor = NGI_ANCHOR_NONE;
		x.day = v.type == TX_DATE || v.type == TX_TIME ? first_day(&v)
							       : INT32_MIN;
		if (out->len / sizeof x >= NGI_DATES_MAX_TIMEX)
			return NG_OK;
		ng_status st = ngi_buf_append(out, &x, sizeof x);
		if (st)
			return st == NG_ERR_TOOBIG ? NG_OK : st;
		if (v.type == TX_DATE && !v.lit[0] && v.y &&
		    v.anchor != NGI_ANCHOR_TEXT) {
			if (v.gran == NGI_GRAN_QUARTER) {
				s->last_q = v;
				s->have_last_q = 1;
			}
			if (v.gran >= NGI_GRAN_DAY && v.gran <= NGI_GRAN_YEAR) {
				s->last = v;
				s->have_last = 1;
			}
		}
	}
	return NG_OK;
}

/* Where to end the segment starting at pos: at a line break, else a space,
 * in the last quarter of the window; else at a code point boundary. */
static size_t segment_end(const char *text, size_t len, size_t pos)
{
	if (len - pos <= NGI_DATES_SEGMENT)
		return len;
	size_t end = pos + NGI_DATES_SEGMENT, low = end - NGI_DATES_SEGMENT / 4;
	for (size_t k = end; k > low; k--)
		if (text[k - 1] == '\n')
			return k;
	for (size_t k = end; k > low; k--)
		if (text[k - 1] == ' ')
			return k;
	while (end > pos + 1 && ((unsigned char)text[end] & 0xC0) == 0x80)
		end--;
	return end;
}

struct ngi_dates_text {
	const char *text;
	size_t len;      /* capped at NGI_DATES_MAX_TEXT */
	int lang;        /* DL_ */
	int whole;       /* one segment: its tokens are below */
	dtok *t;
	size_t n;
};

ng_status ngi_dates_prepare(const char *text, size_t len, const char *lang,
			    const struct ngi_doc *doc, ngi_arena *a,
			    ngi_dates_text **out)
{
	if (!text || !out || !a)
		return NG_ERR_USAGE;
	ngi_dates_text *dt = ngi_arena_alloc(a, sizeof *dt);
	if (!dt)
		return NG_ERR_NOMEM;
	memset(dt, 0, sizeof *dt);
	const char *code = lang;
	if ((!code || !*code || !strcmp(code, "und")) && doc)
		code = doc->lang;
	dt->lang = ngi_dates_lang(code);
	if (len > NGI_DATES_MAX_TEXT) {
		len = NGI_DATES_MAX_TEXT;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	dt->text = text;
	dt->len = len;
	if (len <= NGI_DATES_SEGMENT) {
		uint32_t cps;
		ng_status st = tokenize(text, len, dt->lang, a, &dt->t, &dt->n, &cps);
		if (st)
			return st;
		dt->whole = 1;
	}
	*out = dt;
	return NG_OK;
}

ng_status ngi_dates_tag(const ngi_dates_text *dt, int32_t anchor_day,
			ngi_arena *a, ngi_timex **out, size_t *n)
{
	if (!dt || !out || !n || !a)
		return NG_ERR_USAGE;
	scan s;
	memset(&s, 0, sizeof s);
	s.lang = dt->lang;
	if (anchor_day != NGI_DATES_NO_ANCHOR) {
		ngi_dates_civil(anchor_day, &s.ay, &s.am, &s.ad);
		s.has_anchor = s.ay >= 2 && s.ay <= 9998;
		s.anchor = anchor_day;
	}
	const char *text = dt->text;
	size_t len = dt->len;
	ngi_buf found;
	ngi_buf_init(&found, 0);
	ng_status st = NG_OK;
	if (dt->whole) {
		s.t = dt->t;
		s.n = dt->n;
		st = scan_segment(&s, 0, 0, &found);
	} else {
		/* long text: tokens one segment at a time, memory bounded */
		ngi_arena scratch;
		ngi_arena_init(&scratch, 64 << 10);
		uint32_t cp_base = 0;
		for (size_t pos = 0; pos < len && !st;) {
			size_t end = segment_end(text, len, pos), nt;
			uint32_t cps;
			dtok *toks;
			st = tokenize(text + pos, end - pos, s.lang, &scratch, &toks,
				      &nt, &cps);
			if (st)
				break;
			s.t = toks;
			s.n = nt;
			st = scan_segment(&s, pos, cp_base, &found);
			cp_base += cps;
			pos = end;
			ngi_arena_reset(&scratch);
		}
		ngi_arena_free(&scratch);
	}
	if (!st) {
		size_t count = found.len / sizeof(ngi_timex);
		ngi_timex *arr = NULL;
		if (count) {
			arr = ngi_arena_alloc(a, found.len);
			if (!arr)
				st = NG_ERR_NOMEM;
			else
				memcpy(arr, found.data, found.len);
		}
		if (!st) {
			*out = arr;
			*n = count;
		}
	}
	ngi_buf_free(&found);
	return st;
}

ng_status ngi_dates_find(const char *text, size_t len, const char *lang,
			 const struct ngi_doc *doc, int32_t anchor_day,
			 ngi_arena *a, ngi_timex **out, size_t *n)
{
	if (!text || !out || !n || !a)
		return NG_ERR_USAGE;
	/* the tokens live in a scratch arena, freed here; only the timexes go
	 * to a */
	ngi_arena scratch;
	ngi_arena_init(&scratch, 64 << 10);
	ngi_dates_text *dt = NULL;
	ng_status st = ngi_dates_prepare(text, len, lang, doc, &scratch, &dt);
	if (!st)
		st = ngi_dates_tag(dt, anchor_day, a, out, n);
	ngi_arena_free(&scratch);
	return st;
}
