/*
 * fts_query.c: a user's search words -> an SQLite FTS5 query.
 *
 * People type words, not FTS5 syntax, and a raw string handed to MATCH can
 * be a syntax error ("AT&T", "C++", an odd quote) or an expression they did
 * not mean. So the query is rebuilt here from a small, forgiving grammar
 * (docs/SEARCH.md): words separated by blanks must all occur; "a phrase"
 * in double quotes (an unclosed quote runs to the end); word* a prefix;
 * OR (upper case) between two terms; -word or NOT word leaves out articles
 * with it; AND is allowed and changes nothing.
 * Every term goes to FTS5 as a quoted string, so punctuation inside it is
 * only a word break for the tokenizer and nothing is ever syntax. Terms
 * without a letter or digit are dropped; a query left with no positive
 * term matches nothing (NULL).
 */
#include "query.h"

#include "../base/base.h"

#include <string.h>

typedef struct term {
	const char *s;
	size_t n;
	int phrase;   /* written in quotes: never OR, never a prefix */
	int prefix;   /* word* */
	int negative; /* -word */
	int or_before; /* joined to the term before by OR */
} term;

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* A letter or digit (any non-ASCII byte counts: the tokenizer decides). */
static int has_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
							     (c | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

/* The next term from *p; 0 at the end. */
static int next_term(const char **p, term *t)
{
	const char *s = *p;
	while (*s && is_blank(*s))
		s++;
	if (!*s)
		return 0;
	memset(t, 0, sizeof *t);
	if (*s == '-' && s[1] && !is_blank(s[1])) {
		t->negative = 1;
		s++;
	}
	if (*s == '"') {
		const char *end = strchr(s + 1, '"');
		t->s = s + 1;
		t->n = end ? (size_t)(end - s - 1) : strlen(s + 1);
		t->phrase = 1;
		*p = end ? end + 1 : s + 1 + t->n;
		return 1;
	}
	size_t n = 0;
	while (s[n] && !is_blank(s[n]))
		n++;
	*p = s + n;
	if (n > 1 && s[n - 1] == '*') {
		t->prefix = 1;
		n--;
	}
	t->s = s;
	t->n = n;
	return 1;
}

/* Appends one term as an FTS5 string: "..." with '"' doubled. */
static ng_status put_term(ngi_buf *b, const term *t)
{
	ng_status st = ngi_buf_putc(b, '"');
	for (size_t i = 0; i < t->n && !st; i++)
		st = t->s[i] == '"' ? ngi_buf_puts(b, "\"\"")
				    : ngi_buf_putc(b, t->s[i]);
	if (!st)
		st = ngi_buf_putc(b, '"');
	if (!st && t->prefix)
		st = ngi_buf_putc(b, '*');
	return st;
}

char *ngi_fts_query(const char *text, ng_status *st)
{
	*st = NG_OK;
	if (!text)
		return NULL;
	ngi_buf pos, neg;
	ngi_buf_init(&pos, 1 << 16);
	ngi_buf_init(&neg, 1 << 16);
	const char *p = text;
	term t;
	int pending_or = 0, negate_next = 0, n_pos = 0, n_neg = 0, group_open = 0;
	while (!*st && next_term(&p, &t)) {
		if (!t.phrase && !t.negative && t.n == 2 && !memcmp(t.s, "OR", 2)) {
			pending_or = n_pos > 0;
			continue;
		}
		if (!t.phrase && !t.negative && t.n == 3 && !memcmp(t.s, "AND", 3))
			continue; /* words are required anyway */
		if (!t.phrase && !t.negative && t.n == 3 && !memcmp(t.s, "NOT", 3)) {
			negate_next = 1;
			continue;
		}
		t.negative |= negate_next;
		negate_next = 0;
		if (!has_word(t.s, t.n))
			continue;
		if (t.negative) {
			if (n_neg++)
				*st = ngi_buf_puts(&neg, " OR ");
			if (!*st)
				*st = put_term(&neg, &t);
			continue;
		}
		/* positives: a OR b c -> (a OR b) AND c */
		if (n_pos && pending_or)
			*st = ngi_buf_puts(&pos, " OR ");
		else if (n_pos) {
			*st = ngi_buf_puts(&pos, ") AND (");
		} else {
			*st = ngi_buf_putc(&pos, '(');
			group_open = 1;
		}
		if (!*st)
			*st = put_term(&pos, &t);
		n_pos++;
		pending_or = 0;
	}
	if (!*st && group_open)
		*st = ngi_buf_putc(&pos, ')');
	if (!*st && n_neg)
		*st = ngi_buf_printf(&pos, " NOT (%.*s)", (int)neg.len,
				     neg.data ? neg.data : "");
	char *out = NULL;
	if (!*st && n_pos) {
		out = ngi_buf_steal(&pos);
		if (!out)
			*st = NG_ERR_NOMEM;
	}
	ngi_buf_free(&pos);
	ngi_buf_free(&neg);
	return out;
}
