/*
 * dates_scan.c: the temporal tagger's scanner (dates_int.h), the first step
 * after the text is cut into segments (dates.c). A segment becomes small
 * tokens: words lower-cased and looked up in the lexicon (dates_lexicon.c),
 * digit runs with their value, single punctuation marks; each token notes
 * whether it starts with a capital, follows a space or a blank line, and
 * which word categories its readings can have, so that the rules
 * (dates_rules.c) are tried only where one may match.
 */
#include <string.h>
#include <utf8proc.h>

#include "../base/utf8.h"
#include "dates_int.h"

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
	t->n_w = (uint8_t)ngi_dates_lookup(lang, t->lc, t->lclen, t->w, NGI_DATES_MAX_LOOKUP);
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
						   t->w, NGI_DATES_MAX_LOOKUP);
		t->elide_this = (pre == 5 && memcmp(t->lc, "quest", 5) == 0) ||
				(pre == 4 && memcmp(t->lc, "cett", 4) == 0);
		t->maybe_timex = t->n_w || rule_word(t->lc, t->lclen);
		t->cats = reading_cats(t);
	}
}

/* Tokens of [text, text+len) into the arena; *cps = its code points. */
ng_status ngi_dates_tokenize(const char *text, size_t len, int lang, ngi_arena *a,
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
