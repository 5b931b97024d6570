/*
 * number_terms.c: numbers as language-neutral terms of the story bags.
 *
 * A number is written differently in every language: "600,000", "600.000",
 * "600 000", "600 тысяч", "60万"; "43.5 billion", "43,5 Milliarden". The term
 * of a number is the digits of its value, so all of these meet:
 *
 * - digits grouped by spaces (the French, Russian and Czech way: "600 000",
 *   a plain, no-break or thin space between a group of one to three digits
 *   and groups of exactly three) are one number;
 * - a number followed by a scale word of its language (data/lexicons/
 *   number_scales.tsv: "thousand", "Milliarden", "млн", "万") is multiplied
 *   out; its decimal separator is the language's own, from ICU's locale
 *   data ("43,5" is 43.5 in German, "1,000" is 1000 in Japanese), and
 *   fractional digits beyond the scale are dropped;
 * - any other number is its digits alone ("1,500" and "1.500" are 1500),
 *   the rule the bags had before (ngi_number_term).
 *
 * A value with fewer than NGI_NUMBER_MIN_DIGITS digits is no term. The
 * scale word itself stays a word of the bag (the dictionary translates it).
 */
#include "sketch.h"

#include <pthread.h>
#include <string.h>
#include <unicode/unum.h>

#include "../base/data.h"

#define SCALE_MAX 256  /* entries of number_scales.tsv */
#define SCALE_WORD 32  /* bytes of a folded scale word */
#define LANG_MAX 48    /* languages with scale words */

typedef struct scale_word {
	char lang[3];
	char word[SCALE_WORD];
	uint8_t len;
	uint8_t power;
	uint8_t prefix; /* matches the start of the next token */
} scale_word;

typedef struct lang_decimal {
	char lang[3];
	char sep; /* ',' or '.' */
} lang_decimal;

static scale_word scales[SCALE_MAX];
static size_t n_scales;
static lang_decimal decimals[LANG_MAX];
static size_t n_decimals;
static pthread_once_t scales_once = PTHREAD_ONCE_INIT;

/* The decimal separator of lang in ICU's locale data ('.' when ICU does
 * not say, or says something else than a comma or a full stop). */
static char icu_decimal(const char *lang)
{
	UErrorCode err = U_ZERO_ERROR;
	UNumberFormat *f = unum_open(UNUM_DECIMAL, NULL, 0, lang, NULL, &err);
	char sep = '.';
	if (U_SUCCESS(err)) {
		UChar buf[4];
		int32_t n = unum_getSymbol(f, UNUM_DECIMAL_SEPARATOR_SYMBOL, buf, 4, &err);
		if (U_SUCCESS(err) && n == 1 && (buf[0] == ',' || buf[0] == '.'))
			sep = (char)buf[0];
	}
	if (f)
		unum_close(f);
	return sep;
}

static void load_scales(void)
{
	const ngi_data_file *f = ngi_data_find("lexicons/number_scales.tsv");
	ngi_data_line l = {0};
	size_t pos = 0;
	while (f && ngi_data_next_line(f, &pos, &l) && n_scales < SCALE_MAX) {
		if (l.n_fields < 3 || l.field_len[0] != 2 ||
		    l.field_len[1] == 0 || l.field_len[1] >= SCALE_WORD)
			continue;
		scale_word *s = &scales[n_scales++];
		memcpy(s->lang, l.field[0], 2);
		s->lang[2] = '\0';
		memcpy(s->word, l.field[1], l.field_len[1]);
		s->word[l.field_len[1]] = '\0';
		s->len = (uint8_t)l.field_len[1];
		s->power = (uint8_t)(l.field[2][0] - '0');
		if (l.field_len[2] == 2)
			s->power = (uint8_t)(s->power * 10 + (l.field[2][1] - '0'));
		s->prefix = l.n_fields > 3 && l.field_len[3] == 6 &&
			    memcmp(l.field[3], "prefix", 6) == 0;
		size_t k = 0;
		while (k < n_decimals && strcmp(decimals[k].lang, s->lang) != 0)
			k++;
		if (k == n_decimals && n_decimals < LANG_MAX) {
			memcpy(decimals[k].lang, s->lang, 3);
			decimals[k].sep = icu_decimal(s->lang);
			n_decimals++;
		}
	}
}

static char decimal_of(const char *lang)
{
	for (size_t k = 0; k < n_decimals; k++)
		if (memcmp(decimals[k].lang, lang, 2) == 0)
			return decimals[k].sep;
	return '.';
}

/* The power of ten of the scale word that token t (of lang) is, or 0. */
static int scale_of(const char *lang, const ngi_token *t)
{
	if (t->kind != NGI_TOK_WORD)
		return 0;
	for (size_t k = 0; k < n_scales; k++) {
		const scale_word *s = &scales[k];
		if (s->lang[0] != lang[0] || s->lang[1] != lang[1] ||
		    (lang[2] != '\0' && lang[2] != '-'))
			continue;
		if (s->prefix ? t->norm_len >= s->len && memcmp(t->norm, s->word, s->len) == 0
			      : t->norm_len == s->len && memcmp(t->norm, s->word, s->len) == 0)
			return s->power;
	}
	return 0;
}

/* Is the text between two tokens a space that groups digits (one plain,
 * no-break, narrow no-break or thin space)? With allow_none, nothing at
 * all counts too (a scale word written on the number: "60万"). */
static int gap_ok(const ngi_doc *d, size_t from, size_t to, int allow_none)
{
	size_t n = to - from;
	const char *g = d->text + from;
	if (n == 0)
		return allow_none;
	return (n == 1 && g[0] == ' ') || (n == 2 && memcmp(g, "\xc2\xa0", 2) == 0) ||
	       (n == 3 && (memcmp(g, "\xe2\x80\xaf", 3) == 0 ||
			   memcmp(g, "\xe2\x80\x89", 3) == 0));
}

static int all_digits(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (s[k] < '0' || s[k] > '9')
			return 0;
	return 1;
}

uint32_t ngi_number_at(const ngi_doc *d, size_t i, size_t *last)
{
	*last = i;
	const ngi_token *t = &d->tokens[i];
	if (t->kind != NGI_TOK_NUMBER)
		return 0;
	char digits[40];
	size_t nd = 0;
	/* "600 000": a group of 1-3 digits, then groups of exactly 3 */
	if (t->norm_len <= 3 && all_digits(t->norm, t->norm_len)) {
		size_t j = i;
		while (j + 1 < d->n_tokens && d->tokens[j + 1].kind == NGI_TOK_NUMBER &&
		       d->tokens[j + 1].norm_len == 3 &&
		       all_digits(d->tokens[j + 1].norm, 3) &&
		       gap_ok(d, d->tokens[j].end, d->tokens[j + 1].start, 0))
			j++;
		if (j > i) {
			for (size_t k = i; k <= j && nd + 3 < sizeof digits; k++) {
				memcpy(digits + nd, d->tokens[k].norm, d->tokens[k].norm_len);
				nd += d->tokens[k].norm_len;
			}
			*last = j;
			return ngi_term_hash(NGI_TERM_NUMBER, digits, nd);
		}
	}
	pthread_once(&scales_once, load_scales);
	int power = 0;
	for (size_t j = i + 1; j < d->n_tokens && j <= i + 2; j++) {
		int p = scale_of(d->lang, &d->tokens[j]);
		if (!p || !gap_ok(d, d->tokens[j - 1].end, d->tokens[j].start, 1))
			break;
		power += p; /* "mil millones": 10^3 * 10^6 */
	}
	if (!power)
		return ngi_number_term(t->norm, t->norm_len);
	/* the value: integer digits, then fractional ones after the
	 * language's decimal separator, then zeros up to the scale */
	char sep = decimal_of(d->lang);
	const char *dot = memchr(t->norm, sep, t->norm_len);
	size_t frac = 0;
	for (size_t k = 0; k < t->norm_len && nd < 20; k++) {
		char c = t->norm[k];
		if (c < '0' || c > '9')
			continue;
		if (dot && t->norm + k > dot) {
			if ((int)frac == power)
				continue;
			frac++;
		}
		if (nd || c != '0')
			digits[nd++] = c;
	}
	for (int z = (int)frac; z < power && nd < sizeof digits; z++)
		digits[nd++] = '0';
	return nd >= NGI_NUMBER_MIN_DIGITS && nd < sizeof digits
		       ? ngi_term_hash(NGI_TERM_NUMBER, digits, nd)
		       : 0;
}
