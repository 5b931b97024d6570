/*
 * credits.h: the outlets an article credits ("(Reuters)", "/TASS/",
 * "according to the BBC", "Source: dpa", "READ MORE: ... Reuters") and the
 * outlet keys that make them comparable with an article's own outlet.
 *
 * An outlet key is a 32-bit hash of the outlet's canonical name: the name
 * case-folded, punctuation dropped, a leading "the", a leading "www." and a
 * trailing domain (".com", ".ru", ...) removed, then mapped through a small
 * alias table of major wires and outlets ("The Associated Press" and "AP",
 * "ТАСС" and "ITAR-TASS" are one outlet). Names outside the table keep their
 * folded form. The link stage (src/link/copy_index.c) compares keys: when
 * one article credits the other's outlet, the other is the original.
 *
 * Patterns, rules in credits.c; at most NGI_CREDITS_MAX distinct outlets
 * per article, known outlets first. Pure, no allocation, linear in the text.
 */
#ifndef NG_CREDITS_H
#define NG_CREDITS_H

#include <stddef.h>
#include <stdint.h>

#define NGI_CREDITS_MAX 4
#define NGI_CREDIT_NAME 48

typedef enum ngi_credit_pattern {
	NGI_CREDIT_WIRE_TAG = 1, /* "(Reuters)", "(AP)", "(MENAFN)" */
	NGI_CREDIT_SLASH_TAG,    /* "/TASS/" */
	NGI_CREDIT_DASH,         /* "— Reuters" at a line's or sentence's end */
	NGI_CREDIT_REPORTED,     /* "Reuters reported", "AFP reports" */
	NGI_CREDIT_ACCORDING,    /* "according to the BBC" */
	NGI_CREDIT_SOURCE,       /* "Source: X", "Quelle: X", "Источник: X" */
	NGI_CREDIT_VIA,          /* "via Bloomberg" */
	NGI_CREDIT_READ_MORE     /* a "READ MORE:" line naming an outlet */
} ngi_credit_pattern;

typedef struct ngi_credit {
	uint32_t key;             /* ngi_outlet_key of the name, never 0 */
	uint8_t pattern;          /* ngi_credit_pattern */
	uint8_t known;            /* in the alias table */
	uint8_t in_title;         /* found in the title, not the text */
	uint32_t start, end;      /* bytes of the match in the text or title */
	char name[NGI_CREDIT_NAME]; /* canonical name: "reuters", "ap", ... */
} ngi_credit;

/* Canonical name of an outlet name as written (NUL-terminated, at most
 * cap - 1 bytes, cut on a code point); sets *known when the alias table
 * has it. Returns its length, 0 when nothing is left (empty, only
 * punctuation). */
size_t ngi_outlet_canonical(const char *s, size_t len, char *out, size_t cap,
			    int *known);

/* The key of an outlet name as written (NULL or empty: 0). */
uint32_t ngi_outlet_key(const char *name);

/* The credits of a text and title (either may be NULL), leaving out those
 * naming own_key (the article's own outlet; 0 unknown): up to max distinct
 * outlets, known ones first, then in order found (text before title).
 * Returns how many were written. */
int ngi_credits_find(const char *text, size_t len, const char *title,
		     uint32_t own_key, ngi_credit *out, int max);

const char *ngi_credit_pattern_name(int pattern);

#endif
