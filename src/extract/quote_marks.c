/*
 * quote_marks.c: the spans between quote marks, and dash dialogue, in one
 * linear pass over the text (the first step of the quote finder).
 *
 * Marks of every common style: “ ” „ " '' « » ‹ › ‘ ’ ‚ ' 「 」 『 』. A mark
 * opens when it is left-flanking (a word follows it, and a space or
 * punctuation comes before when a punctuation follows) and closes when it
 * is right-flanking, the way CommonMark decides emphasis; a closer pairs
 * with the nearest opener on a small stack that accepts it („ takes “ ” ";
 * « takes »; » takes « for the reversed style), popping any stray opener
 * above it, so ‘Ah, it was Russia,’ inside “…” never ends the outer quote
 * and only outermost spans are reported. Guillemets may have a space
 * inside (« Nous resterons unis »). Not marks: apostrophes between
 * letters (don't, Trump’s), '90s, 6'2", 12" after a digit, and a span of
 * one character between single marks (rock 'n' roll).
 *
 * A quote does not run past a paragraph break (a blank line, or a line
 * ending in a stop or a quote mark, or a next line opening with a mark or a
 * dash), except by the English convention for long quotes: when the next
 * paragraph opens with a mark again, the piece ends at the break and the
 * next one continues it (cont). Otherwise a double mark still open at the
 * break is recovered as a quote up to the break (unclosed); a single one is
 * dropped, as it is more often an apostrophe.
 *
 * A paragraph that opens with a dash (— – ―) followed by a space is dash
 * dialogue: the speech runs to the paragraph end, except for narrator
 * inserts between spaced dashes that start lower case ("— Нет, — сказал
 * он, — это неправда.").
 */
#include <string.h>
#include <utf8proc.h>

#include "../base/utf8.h"
#include "quote_int.h"

#define STACK_MAX 32
#define STACK_SEARCH 8

enum { C_START, C_SPACE, C_NL, C_ALNUM, C_PUNCT };

typedef struct opener {
	int32_t cp;      /* -2 for '' */
	uint32_t pos;    /* byte offset of the mark */
	uint32_t after;  /* byte offset after it */
} opener;

typedef struct scan {
	const char *text;
	size_t len;
	size_t max;
	ngi_arena *a;
	ngi_qpiece *out;
	size_t n, cap;
	uint32_t para;
	opener stack[STACK_MAX];
	int depth;
	uint32_t cont_open; /* the opener that continues the last piece */
	int has_cont;
} scan;

/* The bytes the main loop must look at one by one: newlines, the ASCII
 * marks " and ', and every byte of a multi-byte character. */
#define ALL16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
static const uint8_t stop_byte[256] = {
	['\n'] = 1, ['"'] = 1, ['\''] = 1,
	[0x80] = ALL16, ALL16, ALL16, ALL16, ALL16, ALL16, ALL16, ALL16,
};
#undef ALL16

#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL

/* Whether any of the 8 bytes of v is a stop byte: a non-ASCII byte, or
 * one equal to '\n', '"' or '\'' (a byte is zero in v ^ that byte times
 * ONES8: the usual has-zero-byte test). */
static int word_has_stop(uint64_t v)
{
	uint64_t nl = v ^ ('\n' * ONES8), dq = v ^ ('"' * ONES8),
		 sq = v ^ ('\'' * ONES8);
	uint64_t z = ((nl - ONES8) & ~nl) | ((dq - ONES8) & ~dq) |
		     ((sq - ONES8) & ~sq);
	return ((z | v) & HIGH8) != 0;
}

/* The first stop byte at or after i, or len. */
static size_t next_stop(const char *text, size_t i, size_t len)
{
	for (; len - i >= 8; i += 8) {
		uint64_t v;
		memcpy(&v, text + i, 8);
		if (word_has_stop(v))
			break;
	}
	while (i < len && !stop_byte[(unsigned char)text[i]])
		i++;
	return i;
}

static int32_t cp_at(const char *s, size_t len, size_t i, int *bytes)
{
	if (i >= len) {
		*bytes = 0;
		return -1;
	}
	int32_t c;
	*bytes = ngi_utf8_decode(s + i, len - i, &c);
	if (*bytes <= 0) {
		*bytes = 1;
		return 0xFFFD;
	}
	return c;
}

/* The code point ending just before byte i. */
static int32_t cp_before(const char *s, size_t i)
{
	if (i == 0)
		return -1;
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	int32_t c;
	if (ngi_utf8_decode(s + j, i - j, &c) <= 0)
		return 0xFFFD;
	return c;
}

static int is_space_cp(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 ||
	       (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
	       c == 0x3000 || c == 0xFEFF;
}

static int cls(int32_t c)
{
	if (c < 0)
		return C_START;
	if (c == '\n' || c == 0x2028 || c == 0x2029)
		return C_NL;
	if (is_space_cp(c))
		return C_SPACE;
	if (c < 0x80) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			return C_ALNUM;
		return C_PUNCT;
	}
	const utf8proc_property_t *p = utf8proc_get_property(c);
	switch (p->category) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return C_ALNUM;
	default:
		return C_PUNCT;
	}
}

static int is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

static int is_dash(int32_t c)
{
	return c == 0x2014 || c == 0x2013 || c == 0x2015;
}

/* Bit 1: may open; bit 2: may close; bit 4: a single mark. 0: not a mark. */
static int mark_kind(int32_t c)
{
	switch (c) {
	case 0x201C: /* “ */
	case '"':
	case -2:     /* '' */
	case 0x00AB: /* « */
	case 0x00BB: /* » */
	case 0x201D: /* ” */
		return 3;
	case 0x201E: /* „ */
	case 0x300C: /* 「 */
	case 0x300E: /* 『 */
		return 1;
	case 0x300D:
	case 0x300F:
		return 2;
	case 0x2039: /* ‹ */
	case 0x203A: /* › */
	case 0x2018: /* ‘ */
	case '\'':
		return 3 | 4;
	case 0x201A: /* ‚ */
		return 1 | 4;
	case 0x2019: /* ’ */
		return 2 | 4;
	default:
		return 0;
	}
}

/* Whether the opener o accepts c as its closer. */
static int accepts(int32_t o, int32_t c)
{
	switch (o) {
	case 0x201C: /* and “ typed twice: “…“ */
		return c == 0x201D || c == '"' || c == 0x201C;
	case 0x201E:
		return c == 0x201C || c == 0x201D || c == '"';
	case '"':
	case -2:
		return c == '"' || c == -2 || c == 0x201D || c == 0x201C;
	case 0x201D:
		return c == 0x201D;
	case 0x00AB:
		return c == 0x00BB;
	case 0x00BB:
		return c == 0x00AB;
	case 0x2039:
		return c == 0x203A;
	case 0x203A:
		return c == 0x2039;
	case 0x2018:
	case '\'':
		return c == 0x2019 || c == '\'';
	case 0x201A:
		return c == 0x2018 || c == 0x2019;
	case 0x300C:
		return c == 0x300D;
	case 0x300E:
		return c == 0x300F;
	default:
		return 0;
	}
}

static ng_status emit(scan *s, uint32_t open, uint32_t start, uint32_t end,
		      uint32_t close, int single, int dash, int cont,
		      int unclosed)
{
	while (start < end && is_space_cp(cp_at(s->text, s->len, start,
						 &(int){0})))
		start += (uint32_t)ngi_utf8_decode(s->text + start,
						    s->len - start,
						    &(int32_t){0});
	while (end > start) {
		int32_t c = cp_before(s->text, end);
		if (!(is_space_cp(c) || c == '\n'))
			break;
		size_t j = end - 1;
		while (j > start && ((unsigned char)s->text[j] & 0xC0) == 0x80)
			j--;
		end = (uint32_t)j;
	}
	if (start >= end)
		return NG_OK;
	if (single && ngi_utf8_count(s->text + start, end - start) <= 1)
		return NG_OK;
	if (s->n >= s->max)
		return NG_OK;
	if (ngi_grow((void **)&s->out, &s->cap, s->n + 1, sizeof *s->out))
		return NG_ERR_NOMEM;
	ngi_qpiece *p = &s->out[s->n++];
	p->open = open;
	p->start = start;
	p->end = end;
	p->close = close;
	p->para = s->para;
	p->dash = (uint8_t)dash;
	p->cont = (uint8_t)cont;
	p->unclosed = (uint8_t)unclosed;
	p->single = (uint8_t)single;
	return NG_OK;
}

/* The first byte of the next paragraph from i (spaces and newlines
 * skipped). */
static size_t skip_blank(const scan *s, size_t i)
{
	while (i < s->len) {
		int b;
		int32_t c = cp_at(s->text, s->len, i, &b);
		if (!(is_space_cp(c) || cls(c) == C_NL))
			break;
		i += (size_t)b;
	}
	return i;
}

/* Whether the newline at byte i ends a paragraph; last is the last
 * non-space code point before it. */
static int para_break(const scan *s, size_t i, int32_t last)
{
	size_t j = i + 1;
	while (j < s->len && (s->text[j] == ' ' || s->text[j] == '\t' ||
			      s->text[j] == '\r'))
		j++;
	if (j >= s->len || s->text[j] == '\n')
		return 1;
	int b;
	int32_t c = cp_at(s->text, s->len, j, &b);
	if ((mark_kind(c) & 1) || is_dash(c))
		return 1;
	return last == '.' || last == '!' || last == '?' || last == ':' ||
	       last == 0x2026 || (mark_kind(last) & 2) || last < 0;
}

/* Ends the paragraph at byte end (exclusive), next being where the next
 * paragraph starts. */
static ng_status end_para(scan *s, uint32_t end, size_t next)
{
	ng_status st = NG_OK;
	if (s->depth > 0) {
		opener *b = &s->stack[0];
		int single = (mark_kind(b->cp) & 4) != 0;
		int b2;
		int32_t c = next < s->len ? cp_at(s->text, s->len, next, &b2) : -1;
		int reopen = c >= 0 && (mark_kind(c) & 1) &&
			     ((mark_kind(c) & 4) != 0) == single;
		int cont = s->has_cont && s->cont_open == b->pos;
		if (reopen) {
			st = emit(s, b->pos, b->after, end, end, single, 0, cont,
				  0);
			s->has_cont = 1;
			s->cont_open = (uint32_t)next;
		} else {
			if (!single)
				st = emit(s, b->pos, b->after, end, end, 0, 0,
					  cont, 1);
			s->has_cont = 0;
		}
		s->depth = 0;
	} else {
		s->has_cont = 0;
	}
	s->para++;
	return st;
}

/* Dash dialogue from byte i (after the opening dash) to the paragraph
 * end; returns the byte where the paragraph break starts (or len). */
static ng_status dialogue(scan *s, size_t i, size_t *stop)
{
	int speech = 1, first = 1;
	size_t piece = i;
	int32_t last = -1, prev = ' ';
	size_t last_end = i;
	ng_status st = NG_OK;
	while (i < s->len && !st) {
		int b;
		int32_t c = cp_at(s->text, s->len, i, &b);
		if (c == '\n' && para_break(s, i, last))
			break;
		if (is_dash(c) && is_space_cp(prev)) {
			int b2;
			int32_t nx = cp_at(s->text, s->len, i + (size_t)b, &b2);
			if (is_space_cp(nx)) {
				size_t w = i + (size_t)b + (size_t)b2;
				while (w < s->len && s->text[w] == ' ')
					w++;
				int b3;
				int32_t wc = cp_at(s->text, s->len, w, &b3);
				if (speech && wc >= 0 &&
				    utf8proc_category(wc) ==
					    UTF8PROC_CATEGORY_LL &&
				    (last == ',' || last == '.' || last == '!' ||
				     last == '?' || last == 0x2026)) {
					uint32_t e = (uint32_t)last_end;
					if (last == ',')
						e--;
					st = emit(s, (uint32_t)piece, (uint32_t)piece,
						  e, (uint32_t)last_end, 0, 1,
						  !first, 0);
					first = 0;
					speech = 0;
				} else if (!speech) {
					speech = 1;
					piece = w;
				}
			}
		}
		if (!is_space_cp(c) && c != '\n') {
			last = c;
			last_end = i + (size_t)b;
		}
		prev = c;
		i += (size_t)b;
	}
	if (!st && speech)
		st = emit(s, (uint32_t)piece, (uint32_t)piece, (uint32_t)last_end,
			  (uint32_t)last_end, 0, 1, !first, 0);
	*stop = i;
	return st;
}

static ng_status on_mark(scan *s, int32_t c, size_t i, size_t after,
			 int pc, int nc)
{
	int k = mark_kind(c);
	if (c == 0x00AB || c == 0x2039 || c == 0x00BB || c == 0x203A) {
		/* French spacing: « Nous resterons unis » */
		int b;
		if (nc == C_SPACE) {
			int32_t n2 = cp_at(s->text, s->len,
					   after + (size_t)ngi_utf8_decode(
						   s->text + after,
						   s->len - after, &(int32_t){0}),
					   &b);
			if (cls(n2) == C_ALNUM && pc != C_ALNUM)
				nc = C_ALNUM;
		}
		if (pc == C_SPACE && i >= 2) {
			size_t j = i - 1;
			while (j > 0 && ((unsigned char)s->text[j] & 0xC0) == 0x80)
				j--;
			int32_t p2 = cp_before(s->text, j);
			if ((cls(p2) == C_ALNUM || cls(p2) == C_PUNCT) &&
			    nc != C_ALNUM)
				pc = C_ALNUM;
		}
	}
	int lf = nc != C_SPACE && nc != C_NL && nc != C_START &&
		 (nc != C_PUNCT || pc == C_SPACE || pc == C_NL ||
		  pc == C_START || pc == C_PUNCT);
	int rf = pc != C_SPACE && pc != C_NL && pc != C_START &&
		 (pc != C_PUNCT || nc == C_SPACE || nc == C_NL ||
		  nc == C_START || nc == C_PUNCT);
	if ((k & 2) && (rf || !lf)) {
		int limit = s->depth > STACK_SEARCH ? s->depth - STACK_SEARCH : 0;
		for (int d = s->depth - 1; d >= limit; d--) {
			if (!accepts(s->stack[d].cp, c))
				continue;
			s->depth = d;
			if (d == 0) {
				opener *o = &s->stack[0];
				int cont = s->has_cont && s->cont_open == o->pos;
				s->has_cont = 0;
				return emit(s, o->pos, o->after, (uint32_t)i,
					    (uint32_t)after,
					    (mark_kind(o->cp) & 4) != 0, 0,
					    cont, 0);
			}
			return NG_OK;
		}
	}
	if ((k & 1) && lf && !(rf && s->depth == 0 && (k & 2))) {
		if (s->depth < STACK_MAX)
			s->stack[s->depth++] =
				(opener){c, (uint32_t)i, (uint32_t)after};
	}
	return NG_OK;
}

ng_status ngi_quote_marks_find(const char *text, size_t len, size_t max,
			       ngi_arena *a, ngi_qpiece **out, size_t *n)
{
	scan s;
	memset(&s, 0, sizeof s);
	s.text = text;
	s.len = len > UINT32_MAX - 8 ? UINT32_MAX - 8 : len;
	s.max = max;
	s.a = a;
	ng_status st = NG_OK;
	size_t i = skip_blank(&s, 0);
	int at_para_start = 1;
	int32_t prev = -1, last = -1;
	while (i < s.len && !st) {
		if (!at_para_start && !stop_byte[(unsigned char)text[i]]) {
			/* the common case: a run of plain ASCII characters,
			 * skipped eight bytes at a time; of the run, only its
			 * last character (prev) and its last one that is not
			 * a space (last) matter */
			size_t j = next_stop(text, i + 1, s.len);
			prev = (unsigned char)text[j - 1];
			for (size_t k = j; k > i; k--) {
				unsigned char ch = (unsigned char)text[k - 1];
				if (ch != ' ' && ch != '\t' && ch != '\r') {
					last = ch;
					break;
				}
			}
			i = j;
			continue;
		}
		int b;
		int32_t c = cp_at(text, s.len, i, &b);
		if (at_para_start) {
			at_para_start = 0;
			int b2;
			int32_t nx = cp_at(text, s.len, i + (size_t)b, &b2);
			if (is_dash(c) && s.depth == 0 && is_space_cp(nx)) {
				size_t stop;
				st = dialogue(&s, i + (size_t)b + (size_t)b2,
					      &stop);
				if (st)
					break;
				i = skip_blank(&s, stop);
				s.para++;
				s.has_cont = 0;
				at_para_start = 1;
				prev = '\n';
				last = -1;
				continue;
			}
		}
		if (c == '\n') {
			if (para_break(&s, i, last)) {
				size_t next = skip_blank(&s, i);
				st = end_para(&s, (uint32_t)i, next);
				i = next;
				at_para_start = 1;
				prev = '\n';
				last = -1;
				continue;
			}
		}
		int32_t mc = c;
		size_t after = i + (size_t)b;
		if (c == '\'' && after < s.len && text[after] == '\'') {
			mc = -2;
			after++;
		}
		if (mark_kind(mc)) {
			int nb;
			int32_t nx = cp_at(text, s.len, after, &nb);
			int pc = cls(prev), nc = cls(nx);
			int skip = 0;
			if (mark_kind(mc) & 4) {
				/* apostrophes: don't, 6'2, '90s */
				if (pc == C_ALNUM && nc == C_ALNUM)
					skip = 1;
				else if (pc != C_ALNUM && is_digit(nx) &&
					 after + 2 < s.len &&
					 is_digit(text[after + 1]) &&
					 text[after + 2] == 's')
					skip = 1;
			} else if (mc == '"' && is_digit(prev)) {
				/* inches: 12"x, 6'2" */
				int32_t p2 = i >= 2 ? cp_before(text, i - 1) : -1;
				if (nc == C_ALNUM || p2 == '\'' || p2 == 0x2032 ||
				    p2 == 0x2019)
					skip = 1;
			}
			if (!skip)
				st = on_mark(&s, mc, i, after, pc, nc);
			prev = mc == -2 ? '\'' : c;
			last = prev;
			i = after;
			continue;
		}
		prev = c;
		if (!is_space_cp(c) && c != '\n')
			last = c;
		i += (size_t)b;
	}
	if (!st)
		st = end_para(&s, (uint32_t)s.len, s.len);
	if (st) {
		free(s.out);
		return st;
	}
	ngi_qpiece *res = NULL;
	if (s.n) {
		res = ngi_arena_alloc(a, s.n * sizeof *res);
		if (!res) {
			free(s.out);
			return NG_ERR_NOMEM;
		}
		memcpy(res, s.out, s.n * sizeof *res);
	}
	free(s.out);
	*out = res;
	*n = s.n;
	return NG_OK;
}
