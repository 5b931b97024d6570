/*
 * dates_int.h: what the files of the temporal tagger share (private).
 *
 * dates_lexicon.c holds the words of each language (month and day names,
 * number words, units, relative words...) behind one lookup; dates_resolve.c
 * the calendar arithmetic; dates.c the scanner, the rules and the values.
 */
#ifndef NG_DATES_INT_H
#define NG_DATES_INT_H

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

#endif
