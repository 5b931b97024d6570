/*
 * tokenize.c: cuts text into word, number and punctuation tokens.
 *
 * The first step of ngx_text_analyze, before folding, stemming and sentence
 * splitting. Words are runs of letters, marks and digits of any script
 * (Unicode categories from utf8proc); an apostrophe followed by a letter
 * ("Trump’s", "п’ять") and a hyphen between word characters
 * ("BRICS-Gipfel", "COVID-19") stay inside the word, but a hyphen between
 * two digits does not ("1990-2000" is three tokens). Digits joined by
 * . , or : make one number ("3.5", "2,000", "14:30"). Any other non-space
 * code point is a one-code-point punctuation token. ASCII is classified by
 * a table; only other code points ask utf8proc.
 */
#include "textint.h"

#include <utf8proc.h>

/* ASCII classes: controls and space are SPACE; the rest is decided here. */
static const unsigned char ascii_class[128] = {
	['0'] = NGX_CH_DIGIT, ['1'] = NGX_CH_DIGIT, ['2'] = NGX_CH_DIGIT,
	['3'] = NGX_CH_DIGIT, ['4'] = NGX_CH_DIGIT, ['5'] = NGX_CH_DIGIT,
	['6'] = NGX_CH_DIGIT, ['7'] = NGX_CH_DIGIT, ['8'] = NGX_CH_DIGIT,
	['9'] = NGX_CH_DIGIT,
	['A'] = NGX_CH_UPPER, ['B'] = NGX_CH_UPPER, ['C'] = NGX_CH_UPPER,
	['D'] = NGX_CH_UPPER, ['E'] = NGX_CH_UPPER, ['F'] = NGX_CH_UPPER,
	['G'] = NGX_CH_UPPER, ['H'] = NGX_CH_UPPER, ['I'] = NGX_CH_UPPER,
	['J'] = NGX_CH_UPPER, ['K'] = NGX_CH_UPPER, ['L'] = NGX_CH_UPPER,
	['M'] = NGX_CH_UPPER, ['N'] = NGX_CH_UPPER, ['O'] = NGX_CH_UPPER,
	['P'] = NGX_CH_UPPER, ['Q'] = NGX_CH_UPPER, ['R'] = NGX_CH_UPPER,
	['S'] = NGX_CH_UPPER, ['T'] = NGX_CH_UPPER, ['U'] = NGX_CH_UPPER,
	['V'] = NGX_CH_UPPER, ['W'] = NGX_CH_UPPER, ['X'] = NGX_CH_UPPER,
	['Y'] = NGX_CH_UPPER, ['Z'] = NGX_CH_UPPER,
	['a'] = NGX_CH_LETTER, ['b'] = NGX_CH_LETTER, ['c'] = NGX_CH_LETTER,
	['d'] = NGX_CH_LETTER, ['e'] = NGX_CH_LETTER, ['f'] = NGX_CH_LETTER,
	['g'] = NGX_CH_LETTER, ['h'] = NGX_CH_LETTER, ['i'] = NGX_CH_LETTER,
	['j'] = NGX_CH_LETTER, ['k'] = NGX_CH_LETTER, ['l'] = NGX_CH_LETTER,
	['m'] = NGX_CH_LETTER, ['n'] = NGX_CH_LETTER, ['o'] = NGX_CH_LETTER,
	['p'] = NGX_CH_LETTER, ['q'] = NGX_CH_LETTER, ['r'] = NGX_CH_LETTER,
	['s'] = NGX_CH_LETTER, ['t'] = NGX_CH_LETTER, ['u'] = NGX_CH_LETTER,
	['v'] = NGX_CH_LETTER, ['w'] = NGX_CH_LETTER, ['x'] = NGX_CH_LETTER,
	['y'] = NGX_CH_LETTER, ['z'] = NGX_CH_LETTER,
	['!'] = NGX_CH_OTHER, ['"'] = NGX_CH_OTHER, ['#'] = NGX_CH_OTHER,
	['$'] = NGX_CH_OTHER, ['%'] = NGX_CH_OTHER, ['&'] = NGX_CH_OTHER,
	['\''] = NGX_CH_OTHER, ['('] = NGX_CH_OTHER, [')'] = NGX_CH_OTHER,
	['*'] = NGX_CH_OTHER, ['+'] = NGX_CH_OTHER, [','] = NGX_CH_OTHER,
	['-'] = NGX_CH_OTHER, ['.'] = NGX_CH_OTHER, ['/'] = NGX_CH_OTHER,
	[':'] = NGX_CH_OTHER, [';'] = NGX_CH_OTHER, ['<'] = NGX_CH_OTHER,
	['='] = NGX_CH_OTHER, ['>'] = NGX_CH_OTHER, ['?'] = NGX_CH_OTHER,
	['@'] = NGX_CH_OTHER, ['['] = NGX_CH_OTHER, ['\\'] = NGX_CH_OTHER,
	[']'] = NGX_CH_OTHER, ['^'] = NGX_CH_OTHER, ['_'] = NGX_CH_OTHER,
	['`'] = NGX_CH_OTHER, ['{'] = NGX_CH_OTHER, ['|'] = NGX_CH_OTHER,
	['}'] = NGX_CH_OTHER, ['~'] = NGX_CH_OTHER,
};

ngx_char_class ngx_text_char_class(int32_t cp)
{
	if (cp < 0x80)
		return (ngx_char_class)ascii_class[cp];
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return NGX_CH_UPPER;
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return NGX_CH_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return NGX_CH_MARK;
	case UTF8PROC_CATEGORY_ND:
		return NGX_CH_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return NGX_CH_SPACE;
	case UTF8PROC_CATEGORY_CF:
		return NGX_CH_FORMAT;
	default:
		return NGX_CH_OTHER;
	}
}

int ngx_text_is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_word_class(ngx_char_class k)
{
	return k == NGX_CH_UPPER || k == NGX_CH_LETTER || k == NGX_CH_MARK ||
	       k == NGX_CH_DIGIT;
}

static int is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0xFF07;
}

static int is_hyphen(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* Separators allowed between two digits of one number; U+066B and U+066C
 * are the Arabic decimal and thousands separators. */
static int is_number_sep(int32_t cp)
{
	return cp == '.' || cp == ',' || cp == ':' || cp == 0x066B ||
	       cp == 0x066C;
}

typedef struct cursor {
	const unsigned char *s;
	size_t len;
} cursor;

/* Class and length of the code point at pos; SPACE past the end. */
static ngx_char_class peek(const cursor *c, size_t pos, int32_t *cp, int *n)
{
	if (pos >= c->len) {
		*cp = -1;
		*n = 0;
		return NGX_CH_SPACE;
	}
	if (c->s[pos] < 0x80) {
		*cp = c->s[pos];
		*n = 1;
		return (ngx_char_class)ascii_class[c->s[pos]];
	}
	*n = ngx_text_decode(c->s + pos, c->len - pos, cp);
	return ngx_text_char_class(*cp);
}

int ngx_text_next_token(const char *text, size_t len, size_t *pos,
			ngx_token *tok)
{
	cursor c = {(const unsigned char *)text, len};
	size_t p = *pos;
	int32_t cp;
	int n;
	ngx_char_class k;

	for (;;) {
		if (p >= len) {
			*pos = p;
			return 0;
		}
		k = peek(&c, p, &cp, &n);
		if (k != NGX_CH_SPACE && k != NGX_CH_FORMAT)
			break;
		p += (size_t)n;
	}

	size_t start = p;
	tok->start = (uint32_t)start;
	tok->capitalised = k == NGX_CH_UPPER;
	if (!is_word_class(k)) {
		tok->kind = NGX_TOK_PUNCT;
		tok->capitalised = 0;
		p += (size_t)n;
		tok->end = (uint32_t)p;
		*pos = p;
		return 1;
	}

	int numeric = k == NGX_CH_DIGIT;
	ngx_char_class prev = k;
	p += (size_t)n;
	for (;;) {
		int32_t cp2;
		int n2;
		/* the common case first: an ASCII letter or digit */
		if (p < len && c.s[p] < 0x80) {
			ngx_char_class a = (ngx_char_class)ascii_class[c.s[p]];
			if (a == NGX_CH_LETTER || a == NGX_CH_UPPER ||
			    a == NGX_CH_DIGIT) {
				if (a != NGX_CH_DIGIT)
					numeric = 0;
				prev = a;
				p++;
				continue;
			}
		}
		k = peek(&c, p, &cp, &n);
		if (is_word_class(k)) {
			if (k != NGX_CH_DIGIT && k != NGX_CH_MARK)
				numeric = 0;
			prev = k;
			p += (size_t)n;
			continue;
		}
		if (n == 0)
			break;
		ngx_char_class next = peek(&c, p + (size_t)n, &cp2, &n2);
		if (k == NGX_CH_FORMAT && is_word_class(next)) {
			/* ZWJ, ZWNJ, soft hyphen between word characters. */
			numeric = 0;
		} else if (is_apostrophe(cp) &&
			   (next == NGX_CH_UPPER || next == NGX_CH_LETTER)) {
			numeric = 0;
		} else if (is_hyphen(cp) && is_word_class(next) &&
			   !(prev == NGX_CH_DIGIT && next == NGX_CH_DIGIT)) {
			numeric = 0;
		} else if (is_number_sep(cp) && prev == NGX_CH_DIGIT &&
			   next == NGX_CH_DIGIT) {
			/* "3.5", "2,000", "14:30", and "v1.2" inside a word. */
		} else {
			break;
		}
		prev = k;
		p += (size_t)n;
	}
	tok->kind = numeric ? NGX_TOK_NUMBER : NGX_TOK_WORD;
	tok->end = (uint32_t)p;
	*pos = p;
	return 1;
}
