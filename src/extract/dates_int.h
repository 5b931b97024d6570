/*
 * dates_int.h: what the files of the temporal tagger share (private).
 *
 * One file per job, in the order a text goes through them:
 *  - dates_lexicon.c: the words of each language (month and day names,
 *    number words, units, relative words...) behind one lookup;
 *  - dates_scan.c: text -> tokens (words looked up in the lexicon, digit
 *    runs, punctuation);
 *  - dates_rules.c: the rules that match timexes at a token, longest first;
 *  - dates_resolve.c: resolution, anchoring relative expressions ("last
 *    week", "in March", "two days ago") on the publication day and the
 *    clause's tense;
 *  - dates_value.c: a timex's value (tval) and its TIMEX3 string;
 *  - dates_calendar.c: calendar arithmetic (civil dates, weekdays, ISO
 *    weeks, month shifts, holidays);
 *  - dates.c: the driver (segments, the scan loop, the public calls).
 */
#ifndef NG_DATES_INT_H
#define NG_DATES_INT_H

#include <string.h>

#include "dates.h"

/* Languages of the lexicon; DL_ALL entries hold in every language. */
enum {
	DL_ALL = 0, DL_EN, DL_DE, DL_FR, DL_IT, DL_ES, DL_RU, DL_PT, DL_NL,
	DL_PL, DL_UK, DL_COUNT
};

/* Word categories. */
enum {
	DW_NONE = 0,
	DW_MONTH,     /* val 1..12 */
	DW_WEEKDAY,   /* val 1 = Monday .. 7 */
	DW_NUM,       /* cardinal number word, val; -1 = "several", "few" */
	DW_ORD,       /* ordinal word, val */
	DW_UNIT,      /* val: a DU_ unit */
	DW_REL,       /* val: -1 last, 0 this, +1 next (-2 "before last") */
	DW_DEICTIC,   /* val: day offset (yesterday -1); val2: part of day */
	DW_REF,       /* val: a DR_ reference */
	DW_AGO_POST,  /* "ago", "fa", "назад": val -1; "later": +1 */
	DW_AGO_PRE,   /* "vor", "hace", "há" */
	DW_SEASON,    /* val 1 spring, 2 summer, 3 fall, 4 winter */
	DW_POD,       /* val: part of day DP_ */
	DW_MOD,       /* early, late, mid, Anfang, fin...: val 1 needs "of" */
	DW_SET,       /* daily, weekly: val a DU_ unit */
	DW_EVERY,     /* every, each, jeden, chaque */
	DW_CONN,      /* of, de, del, di: joins day, month and year */
	DW_YEARWORD,  /* "года", "г", "Jahr", "roku": after or before a year */
	DW_THE,       /* the */
	DW_FUTURE,    /* will, wird, sarà: the clause looks forward */
	DW_AMPM,      /* val 0 am, 12 pm */
	DW_TZ,        /* UTC, GMT, EST, MSK, Uhr */
	DW_NOON,      /* val: hour (noon 12, midnight 0) */
	DW_FISCAL,    /* fiscal */
	DW_PREP,      /* at, um, à, alle, в: before a clock time */
	DW_FOR,       /* for, over, during: before a bare plural unit */
	DW_HOLIDAY,   /* val: month*100 + day; 1199 = Thanksgiving */
	DW_AGOYEAR    /* "year-earlier", "year-ago" (after a hyphen) */
};

/* Units (DW_UNIT, DW_SET values). */
enum {
	DU_SECOND = 1, DU_MINUTE, DU_HOUR, DU_DAY, DU_WEEKEND, DU_WEEK,
	DU_MONTH, DU_QUARTER, DU_HALF, DU_YEAR, DU_DECADE, DU_CENTURY
};

/* References (DW_REF values). */
enum { DR_PRESENT = 1, DR_PAST, DR_FUTURE, DR_PAST_ADJ, DR_PRESENT_ADJ };

/* Parts of day (DW_POD values). */
enum { DP_NONE = 0, DP_MO, DP_AF, DP_EV, DP_NI, DP_DT };

/* Flags. */
#define DWF_PLURAL 0x01  /* a plural unit: "days" */
#define DWF_AMBIG 0x02   /* needs context: "may", "march", "mars" */
#define DWF_ABBR 0x04    /* abbreviation, may take a full stop: "Nov." */
#define DWF_POST 0x08    /* REL after its unit: "semaine dernière" */
#define DWF_ARTICLE 0x10 /* "a", "an", "ein": one only before a unit */
#define DWF_PAST 0x20    /* "past", "last": "the past two months" */
#define DWF_LOWER 0x40   /* only when written in lower case ("morgen") */
#define DWF_UPPER 0x80   /* only when capitalised ("Morgen") */

typedef struct ngi_dword {
	const char *word;  /* lower case, NFC */
	uint8_t lang;      /* DL_ */
	uint8_t cat;       /* DW_ */
	int16_t val;
	uint8_t flags;     /* DWF_ */
	uint8_t cat2;      /* a second reading, or DW_NONE */
	int16_t val2;
} ngi_dword;

/* The language id for an ISO 639-1 code; English when unknown. */
int ngi_dates_lang(const char *code);

/* Up to max entries for the lower-cased word (n bytes) in language lang
 * (its own entries first, then DL_ALL ones). Returns how many. */
size_t ngi_dates_lookup(int lang, const char *w, size_t n,
			const ngi_dword **out, size_t max);

/* ---- tokens and timex values (dates_scan.c, dates_value.c) ------------- */
#define NGI_DATES_MAX_LOOKUP 4 /* lexicon readings kept per word */

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
	const ngi_dword *w[NGI_DATES_MAX_LOOKUP];
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

/* ---- token predicates, called by every rule at every token --------------- */

static inline int tok_cat(const scan *s, size_t i, int cat, int *val, int *flags)
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

static inline int is_cat(const scan *s, size_t i, int cat)
{
	return tok_cat(s, i, cat, NULL, NULL);
}

/* Gates: a rule returns at once when token i has none of the readings
 * (or is no number) that could start it; exact, as cats is a superset. */
#define CAT(c) (1u << (c))
static inline int has_cats(const scan *s, size_t i, uint32_t mask)
{
	return i < s->n && (s->t[i].cats & mask) != 0;
}

static inline int is_number(const scan *s, size_t i)
{
	return i < s->n && s->t[i].kind == T_NUM;
}

static inline int is_punct(const scan *s, size_t i, uint32_t ch)
{
	return i < s->n && s->t[i].kind == T_PUNCT && s->t[i].ch == ch;
}

static inline int is_glued_punct(const scan *s, size_t i, uint32_t ch)
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
static inline int is_num(const scan *s, size_t i, int maxdig, int *v)
{
	if (i >= s->n || s->t[i].kind != T_NUM || s->t[i].ndig > maxdig)
		return 0;
	*v = s->t[i].num;
	return 1;
}

/* A four-digit year 1000..2999 that is not part of a longer number. */
static inline int is_year(const scan *s, size_t i, int *y)
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
static inline size_t opt_dot(const scan *s, size_t j)
{
	return is_glued_punct(s, j, '.') ? j + 1 : j;
}

/* An ordinal suffix glued to a number: 5th, 1st, 1er, 2nd, 5º; or a glued
 * full stop (German 5.) when dot_ok. */
static inline size_t opt_ordinal(const scan *s, size_t j, int dot_ok)
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
static inline int caps_lang(int lang)
{
	return lang == DL_EN || lang == DL_DE;
}

/* Languages whose post-posed relative words ("scorso", "próximo") may also
 * come first. */
static inline int pre_and_post(int lang)
{
	return lang == DL_IT || lang == DL_ES || lang == DL_PT;
}

/* ---- dates_scan.c ----------------------------------------------------------- */
/* Tokens of [text, text+len) into the arena; *cps = its code points. */
ng_status ngi_dates_tokenize(const char *text, size_t len, int lang,
                             ngi_arena *a, dtok **out, size_t *n_out,
                             uint32_t *cps);

/* ---- dates_rules.c ---------------------------------------------------------- */
/* The longest match of any rule at token i into *best; its end, or 0. */
size_t ngi_dates_try_rules(const scan *s, size_t i, tval *best);

/* ---- dates_resolve.c: anchoring on the publication day and the tense ----- */
int ngi_dates_future_context(const scan *s, size_t i0, size_t i1);
void ngi_dates_tense_adjust(const scan *s, size_t i0, size_t i1, tval *v);
int ngi_dates_resolve_month_day(const scan *s, tval *v, int m, int d,
                                int weekday);
void ngi_dates_resolve_month(const scan *s, tval *v, int m, int rel,
                             int has_rel);
void ngi_dates_resolve_weekday(const scan *s, tval *v, int wd, int rel,
                               int has_rel, int future);
int ngi_dates_resolve_unit_shift(const scan *s, tval *v, int unit, int k,
                                 int future);
void ngi_dates_resolve_season(const scan *s, tval *v, int season, int rel,
                              int has_rel);
size_t ngi_dates_resolve_ago(const scan *s, tval *v, int unit, int n, int dir);
int ngi_dates_from_last(const scan *s, tval *v, int unit, int k);

/* ---- dates_value.c ---------------------------------------------------------- */
void ngi_tval_init(tval *v);
/* A calendar day: by year, month and day, or by days since 1970-01-01. */
void ngi_tval_set_date(tval *v, int y, int m, int d);
void ngi_tval_set_day(tval *v, int32_t day);
void ngi_tval_set_week(tval *v, int32_t day);
void ngi_tval_set_lit(tval *v, int type, const char *lit);
void ngi_tval_set_duration(tval *v, int type, int unit, int n);
int ngi_tval_format(const tval *v, char out[NGI_TIMEX_VALUE_LEN]);

/* ---- dates_calendar.c (and dates.h's ngi_dates_civil, _weekday...) ------- */
void ngi_dates_add_months(int *y, int *m, int k);
int ngi_dates_quarter_of(int m);
int32_t ngi_dates_thanksgiving(int y);

#endif
