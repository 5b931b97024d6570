/*
 * tokenize.c: cuts text into word, number and punctuation tokens.
 *
 * The first step of ngi_text_analyze, before folding, stemming and sentence
 * splitting. Words are runs of letters, marks and digits of any script
 * (Unicode categories from utf8proc); an apostrophe followed by a letter
 * ("Trump’s", "п’ять") and a hyphen between word characters
 * ("BRICS-Gipfel", "COVID-19") stay inside the word, but a hyphen between
 * two digits does not ("1990-2000" is three tokens). Digits joined by
 * . , or : make one number ("3.5", "2,000", "14:30"). Any other non-space
 * code point is a one-code-point punctuation token. ASCII is classified by
 * a table; only other code points ask utf8proc.
 *
 * Scripts written without spaces between words (Han, Hiragana, Katakana,
 * Thai, Lao, Khmer, Myanmar: ngi_text_unspaced) make runs of their own: a
 * word ends where such a script meets another one or digits ("2020年" is a
 * number and a word, "G7サミット" two words). A katakana run is one word
 * (a loanword or a foreign name); a run of the others is handed back
 * flagged, for segment.c to cut into words.
 */
#include "textint.h"

#include <utf8proc.h>

/* ASCII classes: controls and space are SPACE; the rest is decided here. */
static const unsigned char ascii_class[128] = {
	['0'] = NGI_CH_DIGIT, ['1'] = NGI_CH_DIGIT, ['2'] = NGI_CH_DIGIT,
	['3'] = NGI_CH_DIGIT, ['4'] = NGI_CH_DIGIT, ['5'] = NGI_CH_DIGIT,
	['6'] = NGI_CH_DIGIT, ['7'] = NGI_CH_DIGIT, ['8'] = NGI_CH_DIGIT,
	['9'] = NGI_CH_DIGIT,
	['A'] = NGI_CH_UPPER, ['B'] = NGI_CH_UPPER, ['C'] = NGI_CH_UPPER,
	['D'] = NGI_CH_UPPER, ['E'] = NGI_CH_UPPER, ['F'] = NGI_CH_UPPER,
	['G'] = NGI_CH_UPPER, ['H'] = NGI_CH_UPPER, ['I'] = NGI_CH_UPPER,
	['J'] = NGI_CH_UPPER, ['K'] = NGI_CH_UPPER, ['L'] = NGI_CH_UPPER,
	['M'] = NGI_CH_UPPER, ['N'] = NGI_CH_UPPER, ['O'] = NGI_CH_UPPER,
	['P'] = NGI_CH_UPPER, ['Q'] = NGI_CH_UPPER, ['R'] = NGI_CH_UPPER,
	['S'] = NGI_CH_UPPER, ['T'] = NGI_CH_UPPER, ['U'] = NGI_CH_UPPER,
	['V'] = NGI_CH_UPPER, ['W'] = NGI_CH_UPPER, ['X'] = NGI_CH_UPPER,
	['Y'] = NGI_CH_UPPER, ['Z'] = NGI_CH_UPPER,
	['a'] = NGI_CH_LETTER, ['b'] = NGI_CH_LETTER, ['c'] = NGI_CH_LETTER,
	['d'] = NGI_CH_LETTER, ['e'] = NGI_CH_LETTER, ['f'] = NGI_CH_LETTER,
	['g'] = NGI_CH_LETTER, ['h'] = NGI_CH_LETTER, ['i'] = NGI_CH_LETTER,
	['j'] = NGI_CH_LETTER, ['k'] = NGI_CH_LETTER, ['l'] = NGI_CH_LETTER,
	['m'] = NGI_CH_LETTER, ['n'] = NGI_CH_LETTER, ['o'] = NGI_CH_LETTER,
	['p'] = NGI_CH_LETTER, ['q'] = NGI_CH_LETTER, ['r'] = NGI_CH_LETTER,
	['s'] = NGI_CH_LETTER, ['t'] = NGI_CH_LETTER, ['u'] = NGI_CH_LETTER,
	['v'] = NGI_CH_LETTER, ['w'] = NGI_CH_LETTER, ['x'] = NGI_CH_LETTER,
	['y'] = NGI_CH_LETTER, ['z'] = NGI_CH_LETTER,
	['!'] = NGI_CH_OTHER, ['"'] = NGI_CH_OTHER, ['#'] = NGI_CH_OTHER,
	['$'] = NGI_CH_OTHER, ['%'] = NGI_CH_OTHER, ['&'] = NGI_CH_OTHER,
	['\''] = NGI_CH_OTHER, ['('] = NGI_CH_OTHER, [')'] = NGI_CH_OTHER,
	['*'] = NGI_CH_OTHER, ['+'] = NGI_CH_OTHER, [','] = NGI_CH_OTHER,
	['-'] = NGI_CH_OTHER, ['.'] = NGI_CH_OTHER, ['/'] = NGI_CH_OTHER,
	[':'] = NGI_CH_OTHER, [';'] = NGI_CH_OTHER, ['<'] = NGI_CH_OTHER,
	['='] = NGI_CH_OTHER, ['>'] = NGI_CH_OTHER, ['?'] = NGI_CH_OTHER,
	['@'] = NGI_CH_OTHER, ['['] = NGI_CH_OTHER, ['\\'] = NGI_CH_OTHER,
	[']'] = NGI_CH_OTHER, ['^'] = NGI_CH_OTHER, ['_'] = NGI_CH_OTHER,
	['`'] = NGI_CH_OTHER, ['{'] = NGI_CH_OTHER, ['|'] = NGI_CH_OTHER,
	['}'] = NGI_CH_OTHER, ['~'] = NGI_CH_OTHER,
};

ngi_char_class ngi_text_char_class(int32_t cp)
{
	if (cp < 0x80)
		return (ngi_char_class)ascii_class[cp];
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return NGI_CH_UPPER;
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return NGI_CH_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return NGI_CH_MARK;
	case UTF8PROC_CATEGORY_ND:
		return NGI_CH_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return NGI_CH_SPACE;
	case UTF8PROC_CATEGORY_CF:
		return NGI_CH_FORMAT;
	default:
		return NGI_CH_OTHER;
	}
}

int ngi_text_unspaced(int32_t cp)
{
	if (cp < 0x0E00)
		return 0;
	if (cp < 0x3005)
		return cp <= 0x0EFF ||                  /* Thai, Lao */
		       (cp >= 0x1000 && cp <= 0x109F) || /* Myanmar */
		       (cp >= 0x1780 && cp <= 0x17FF) || /* Khmer */
		       (cp >= 0x19E0 && cp <= 0x19FF);   /* Khmer symbols */
	if ((cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
	    (cp >= 0xFF66 && cp <= 0xFF9F))
		return NGI_KATAKANA;
	if (cp < 0x3400)
		return cp <= 0x3007 ||                  /* 々 〆 〇 */
		       (cp >= 0x3031 && cp <= 0x3035) || /* kana repeat marks */
		       cp == 0x303B ||                   /* 〻 */
		       (cp >= 0x3040 && cp <= 0x309F);   /* Hiragana */
	return cp <= 0x4DBF ||                          /* Han extension A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||         /* Han */
	       (cp >= 0xA9E0 && cp <= 0xA9FF) ||         /* Myanmar ext. B */
	       (cp >= 0xAA60 && cp <= 0xAA7F) ||         /* Myanmar ext. A */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||         /* Han compatibility */
	       (cp >= 0x1B000 && cp <= 0x1B16F) ||       /* kana supplements */
	       (cp >= 0x20000 && cp <= 0x3134F);         /* Han ext. B-G */
}

int ngi_text_is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_word_class(ngi_char_class k)
{
	return k == NGI_CH_UPPER || k == NGI_CH_LETTER || k == NGI_CH_MARK ||
	       k == NGI_CH_DIGIT;
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
static ngi_char_class peek(const cursor *c, size_t pos, int32_t *cp, int *n)
{
	if (pos >= c->len) {
		*cp = -1;
		*n = 0;
		return NGI_CH_SPACE;
	}
	if (c->s[pos] < 0x80) {
		*cp = c->s[pos];
		*n = 1;
		return (ngi_char_class)ascii_class[c->s[pos]];
	}
	*n = ngi_text_decode(c->s + pos, c->len - pos, cp);
	return ngi_text_char_class(*cp);
}

int ngi_text_next_token(const char *text, size_t len, size_t *pos,
			ngi_token *tok)
{
	cursor c = {(const unsigned char *)text, len};
	size_t p = *pos;
	int32_t cp;
	int n;
	ngi_char_class k;

	for (;;) {
		if (p >= len) {
			*pos = p;
			return 0;
		}
		k = peek(&c, p, &cp, &n);
		if (k != NGI_CH_SPACE && k != NGI_CH_FORMAT)
			break;
		p += (size_t)n;
	}

	size_t start = p;
	tok->start = (uint32_t)start;
	tok->capitalised = k == NGI_CH_UPPER;
	if (!is_word_class(k)) {
		tok->kind = NGI_TOK_PUNCT;
		tok->capitalised = 0;
		p += (size_t)n;
		tok->end = (uint32_t)p;
		*pos = p;
		return 1;
	}

	int numeric = k == NGI_CH_DIGIT;
	int unspaced = ngi_text_unspaced(cp);
	ngi_char_class prev = k;
	p += (size_t)n;
	for (;;) {
		int32_t cp2;
		int n2;
		/* the common case first: an ASCII letter or digit */
		if (p < len && c.s[p] < 0x80 && !unspaced) {
			ngi_char_class a = (ngi_char_class)ascii_class[c.s[p]];
			if (a == NGI_CH_LETTER || a == NGI_CH_UPPER ||
			    a == NGI_CH_DIGIT) {
				if (a != NGI_CH_DIGIT)
					numeric = 0;
				prev = a;
				p++;
				continue;
			}
		}
		k = peek(&c, p, &cp, &n);
		if (is_word_class(k)) {
			if (k != NGI_CH_MARK && ngi_text_unspaced(cp) != unspaced)
				break; /* another script: another word */
			if (k != NGI_CH_DIGIT && k != NGI_CH_MARK)
				numeric = 0;
			prev = k;
			p += (size_t)n;
			continue;
		}
		if (n == 0)
			break;
		ngi_char_class next = peek(&c, p + (size_t)n, &cp2, &n2);
		if (is_word_class(next) && next != NGI_CH_MARK &&
		    ngi_text_unspaced(cp2) != unspaced)
			break; /* no joiner joins two scripts' runs */
		if (k == NGI_CH_FORMAT && is_word_class(next)) {
			/* ZWJ, ZWNJ, soft hyphen between word characters. */
			numeric = 0;
		} else if (is_apostrophe(cp) &&
			   (next == NGI_CH_UPPER || next == NGI_CH_LETTER)) {
			numeric = 0;
		} else if (is_hyphen(cp) && is_word_class(next) &&
			   !(prev == NGI_CH_DIGIT && next == NGI_CH_DIGIT)) {
			numeric = 0;
		} else if (is_number_sep(cp) && prev == NGI_CH_DIGIT &&
			   next == NGI_CH_DIGIT) {
			/* "3.5", "2,000", "14:30", and "v1.2" inside a word. */
		} else {
			break;
		}
		prev = k;
		p += (size_t)n;
	}
	tok->kind = numeric ? NGI_TOK_NUMBER : NGI_TOK_WORD;
	tok->end = (uint32_t)p;
	*pos = p;
	return unspaced == 1 && !numeric ? 2 : 1;
}
