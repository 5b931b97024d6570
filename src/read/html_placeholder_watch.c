/*
 * html_placeholder_watch.c: a stand-in for ngi_html_extract (html.h) so
 * `watch` can be built and tested before the extractor (branch `html`)
 * lands; the lead deletes this file at the merge. Crude on purpose: the
 * charset from the Content-Type, else a <meta charset>, else UTF-8,
 * converted with ICU; the title is the <title> element's text; the body
 * is the text of the <p> elements, one paragraph each, tags dropped and
 * the five XML entities decoded.
 */
#include "html.h"

#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>

#include <ctype.h>

static const char *find_ci(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= end; p++)
		if (!strncasecmp(p, needle, n))
			return p;
	return NULL;
}

/* The charset named after "charset=" in [p, end), into buf. */
static int charset_in(const char *p, const char *end, char *buf, size_t cap)
{
	const char *c = find_ci(p, end, "charset=");
	if (!c)
		return 0;
	c += 8;
	while (c < end && (*c == '"' || *c == '\'' || *c == ' '))
		c++;
	size_t n = 0;
	while (c < end && n + 1 < cap && (isalnum((unsigned char)*c) || *c == '-' || *c == '_'))
		buf[n++] = *c++;
	buf[n] = 0;
	return n > 0;
}

/* Text of [p, end) with tags dropped, entities decoded, whitespace
 * folded, appended to b. */
static ng_status append_text(ngi_buf *b, const char *p, const char *end)
{
	int space = 0;
	while (p < end) {
		if (*p == '<') {
			const char *gt = memchr(p, '>', (size_t)(end - p));
			p = gt ? gt + 1 : end;
			space = 1;
			continue;
		}
		static const struct { const char *e; const char *c; } ents[] = {
			{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
			{"&#39;", "'"}, {"&nbsp;", " "}};
		const char *put = NULL;
		size_t skip = 1;
		for (size_t k = 0; *p == '&' && k < NGI_ARRAY_LEN(ents); k++) {
			size_t l = strlen(ents[k].e);
			if ((size_t)(end - p) >= l && !strncmp(p, ents[k].e, l)) {
				put = ents[k].c;
				skip = l;
			}
		}
		char c = put ? put[0] : *p;
		p += skip;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space && b->len && b->data[b->len - 1] != '\n' &&
		    ngi_buf_putc(b, ' '))
			return NG_ERR_NOMEM;
		space = 0;
		if (ngi_buf_putc(b, c))
			return NG_ERR_NOMEM;
	}
	return NG_OK;
}

ng_status ngi_html_extract(const char *bytes, size_t len, const char *url,
			   const char *content_type, ngi_arena *a,
			   ngi_html_page *out, const char **why)
{
	if (len > NGI_HTML_MAX_BYTES)
		return NG_ERR_TOOBIG;
	if (memchr(bytes, 0, len)) {
		*why = "binary data (NUL bytes), not a page";
		return NG_ERR_INPUT;
	}
	char charset[64] = "utf-8";
	const char *source = "default";
	if (content_type && charset_in(content_type, content_type + strlen(content_type),
				       charset, sizeof charset))
		source = "http";
	else if (charset_in(bytes, bytes + (len < 4096 ? len : 4096), charset,
			    sizeof charset))
		source = "meta";
	/* to UTF-8 */
	UErrorCode err = U_ZERO_ERROR;
	size_t cap = len * 3 + 1;
	char *utf8 = ngi_arena_alloc(a, cap);
	if (!utf8)
		return NG_ERR_NOMEM;
	int32_t n = ucnv_convert("UTF-8", charset, utf8, (int32_t)cap, bytes,
				 (int32_t)len, &err);
	if (U_FAILURE(err)) {
		err = U_ZERO_ERROR;
		strcpy(charset, "utf-8");
		source = "default";
		n = ucnv_convert("UTF-8", "UTF-8", utf8, (int32_t)cap, bytes,
				 (int32_t)len, &err);
		if (U_FAILURE(err)) {
			*why = "cannot decode the page";
			return NG_ERR_INPUT;
		}
	}
	const char *p = utf8, *end = utf8 + n;
	memset(out, 0, sizeof *out);
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ng_status st = NG_OK;
	const char *t = find_ci(p, end, "<title");
	const char *tgt = t ? memchr(t, '>', (size_t)(end - t)) : NULL;
	const char *tend = tgt ? find_ci(tgt, end, "</title") : NULL;
	if (tend) {
		st = append_text(&b, tgt + 1, tend);
		if (!st && b.len)
			out->title = ngi_arena_strdup(a, b.data);
		ngi_buf_clear(&b);
	}
	const char *q = p;
	while (!st && (q = find_ci(q, end, "<p"))) {
		if (q + 2 < end && q[2] != '>' && q[2] != ' ') {
			q += 2;
			continue;
		}
		const char *gt = memchr(q, '>', (size_t)(end - q));
		const char *pe = gt ? find_ci(gt, end, "</p") : NULL;
		if (!pe)
			break;
		if (b.len)
			st = ngi_buf_puts(&b, "\n\n");
		if (!st)
			st = append_text(&b, gt + 1, pe);
		q = pe;
	}
	const char *body = st ? NULL : ngi_arena_strdup(a, b.data ? b.data : "");
	size_t body_len = b.len;
	ngi_buf_free(&b);
	if (!body)
		return NG_ERR_NOMEM;
	out->url = url ? ngi_arena_strdup(a, url) : NULL;
	out->body = body;
	out->body_len = body_len;
	out->charset = ngi_arena_strdup(a, charset);
	out->charset_source = source;
	return NG_OK;
}
