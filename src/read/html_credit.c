/*
 * html_credit.c: the credit line and the byline's authors.
 *
 * Runs after the body is written. The byline is the first element whose
 * class, id, rel or itemprop says author/byline/credit and whose text is
 * short (3 to 150 characters), preferring one that starts with "By"; the
 * agency is a wire credit at the head of the body, the parenthesised name
 * of a dateline ("LONDON (Reuters) -", "(AP) —") or a "/PRNewswire/"
 * line. The credit line is the byline, with the agency after it when the
 * byline does not name it ("By Jane Doe, Reuters"), or the agency alone.
 * When no metadata named the authors, the byline's names are taken
 * ("By A and B" -> "A; B").
 */
#include "html_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define BYLINE_MIN 3
#define BYLINE_MAX 150

static int starts_with_by(const char *s)
{
	static const char *const by[] = {"by ", "von ", "par ", "por ",
					 "di ", "door ", "av ", "af "};
	for (size_t i = 0; i < NGI_ARRAY_LEN(by); i++)
		if (strncasecmp(s, by[i], strlen(by[i])) == 0)
			return (int)strlen(by[i]);
	return 0;
}

static const char *find_byline(const ngi_html_tree *t, ngi_arena *a)
{
	const char *first = NULL;
	for (size_t i = 0; i < t->n; i++) {
		const ngi_html_node *n = &t->nodes[i];
		if (n->tag == HT_TEXT || !(n->flags & HF_BYLINE) ||
		    n->tag == HT_META || n->tag == HT_LINK || n->flags & HF_HIDDEN)
			continue;
		if (n->chars < BYLINE_MIN || n->chars > BYLINE_MAX)
			continue;
		const char *s = ngi_html_node_text(t, (int32_t)i, a);
		if (!s || !*s)
			continue;
		if (starts_with_by(s))
			return s;
		if (!first)
			first = s;
	}
	return first;
}

/* The agency of a wire dateline in the first bytes of the body. */
static const char *find_agency(const char *body, ngi_arena *a)
{
	size_t len = strlen(body);
	if (len > 300)
		len = 300;
	const char *nl = memchr(body, '\n', len);
	if (nl)
		len = (size_t)(nl - body);
	for (size_t i = 0; i < len; i++) {
		if (body[i] == '(') {
			const char *close = memchr(body + i + 1, ')', len - i - 1);
			if (!close)
				break;
			size_t n = (size_t)(close - body) - i - 1;
			const char *after = close + 1;
			while (*after == ' ')
				after++;
			int dash = *after == '-' || *after == ':' ||
				   strncmp(after, "\xE2\x80\x94", 3) == 0 ||
				   strncmp(after, "\xE2\x80\x93", 3) == 0;
			unsigned char f = (unsigned char)body[i + 1];
			if (n >= 2 && n <= 30 && dash &&
			    ((f >= 'A' && f <= 'Z') || f >= 0x80))
				return ngi_arena_strndup(a, body + i + 1, n);
			i = (size_t)(close - body);
		} else if (body[i] == '/' && i + 2 < len) {
			const char *close = memchr(body + i + 1, '/', len - i - 1);
			size_t n = close ? (size_t)(close - body) - i - 1 : 0;
			if (close && n >= 4 && n <= 30 &&
			    memchr(body + i + 1, ' ', n) == NULL &&
			    body[i + 1] >= 'A' && body[i + 1] <= 'Z' &&
			    strncmp(body + i + 1, "http", 4) != 0)
				return ngi_arena_strndup(a, body + i + 1, n);
		}
	}
	return NULL;
}

/* "A, B and C" -> "A; B; C" (names of at most 6 words each). */
static const char *names_of(const char *byline, ngi_arena *a)
{
	size_t skip = (size_t)starts_with_by(byline);
	const char *s = byline + skip;
	size_t n = strlen(s);
	char *o = ngi_arena_alloc(a, 2 * n + 8);
	if (!o)
		return NULL;
	size_t k = 0, words = 1;
	for (size_t i = 0; i < n; i++) {
		size_t sep = 0;
		if (s[i] == ',' || s[i] == '&' || s[i] == '|')
			sep = 1;
		else if (strncmp(s + i, " and ", 5) == 0)
			sep = 4;
		else if (strncmp(s + i, " und ", 5) == 0 ||
			 strncmp(s + i, " et ", 4) == 0 ||
			 strncmp(s + i, " y ", 3) == 0)
			sep = s[i + 2] == ' ' ? 2 : (s[i + 3] == ' ' ? 3 : 4);
		if (sep) {
			while (k && o[k - 1] == ' ')
				k--;
			if (k && !(k >= 2 && o[k - 2] == ';')) {
				o[k++] = ';';
				o[k++] = ' ';
			}
			i += sep - 1;
			while (s[i + 1] == ' ')
				i++;
			words = 1;
			continue;
		}
		if (s[i] == ' ')
			words++;
		if (words > 6)
			return NULL; /* a sentence, not names */
		o[k++] = s[i];
	}
	while (k && (o[k - 1] == ' ' || o[k - 1] == ';'))
		k--;
	o[k] = 0;
	return k ? o : NULL;
}

void ngi_html_credit(const ngi_html_tree *t, ngi_arena *a, ngi_html_page *out)
{
	const char *byline = find_byline(t, a);
	const char *agency = out->body ? find_agency(out->body, a) : NULL;
	if (byline && agency && !strstr(byline, agency)) {
		size_t n = strlen(byline) + strlen(agency) + 3;
		char *c = ngi_arena_alloc(a, n);
		if (c)
			snprintf(c, n, "%s, %s", byline, agency);
		out->credit = c;
	} else {
		out->credit = byline ? byline : agency;
	}
	if (!out->authors && byline)
		out->authors = names_of(byline, a);
}
