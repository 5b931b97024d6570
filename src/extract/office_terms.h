/*
 * office_terms.h: well-known office holders and their terms, as evidence
 * for the year of an article that does not write it.
 *
 * A text that says "President Donald Trump" or "Chancellor Merkel" was most
 * likely written while that person held that office. ngi_office_find finds
 * such mentions (a title, optionally given names, then a surname that the
 * table has for that office); ngi_office_covers tells whether a day lies in
 * one of the terms of the person found. A title after "former", "ex-",
 * "late" or "then" (and their German, French, Italian and Spanish forms)
 * is not a mention: "former President Donald Trump" says nothing of the
 * date. The table (office_terms.c) covers US, Russian (and the Soviet
 * Union's one), French and Ukrainian presidents, UK prime ministers, German
 * chancellors, UN secretaries-general and popes, from about 1980 to
 * NGI_OFFICE_TABLE_YEAR; a term still running has no end.
 *
 * No state: the table is constant data. Names are matched in Latin script.
 */
#ifndef NG_OFFICE_TERMS_H
#define NG_OFFICE_TERMS_H

#include "../base/base.h"

/* The year the table was last brought up to date. */
#define NGI_OFFICE_TABLE_YEAR 2025

#define NGI_OFFICE_MAX_TERMS 4

/* One person named with a title: the table rows (terms) that fit. */
typedef struct ngi_office_hit {
	uint32_t start, end;  /* bytes: from the title to the surname's end */
	uint8_t n_terms;
	uint16_t terms[NGI_OFFICE_MAX_TERMS];
} ngi_office_hit;

/* The office-holder mentions of text (len bytes), in text order, one per
 * person: later mentions of a person already found are left out. Writes
 * at most max hits to out and returns how many. */
size_t ngi_office_find(const char *text, size_t len, ngi_office_hit *out,
		       size_t max);

/* 1 when day (days since 1970-01-01) lies within one of hit's terms (from
 * its first day to the day before it ended), else 0. */
int ngi_office_covers(const ngi_office_hit *hit, int32_t day);

/* The surname of a hit's person, for messages and tests. */
const char *ngi_office_name(const ngi_office_hit *hit);

#endif
