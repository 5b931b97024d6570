/*
 * http.c: an HTTP response as a WARC response record holds it -> the page.
 *
 * The WARC reader hands over the record's block: the status line, the
 * headers, a blank line and the body as it went over the wire. Here the
 * status and the headers that matter (Content-Type, Content-Encoding,
 * Transfer-Encoding) are read, chunks are joined (Transfer-Encoding:
 * chunked) and gzip or deflate bodies inflated (Content-Encoding), so what
 * reaches the HTML extractor is the page as the server meant it. Caps: the
 * headers (NGI_HTTP_MAX_HEAD), the decoded body (the caller's max, so a
 * compression bomb stops at the cap). Bodies in encodings zlib cannot undo
 * (br, zstd) are refused with a reason.
 */
#include "read_int.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *find_blank_line(const char *p, size_t len, size_t *after)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (p[i] != '\n')
			continue;
		if (p[i + 1] == '\n') {
			*after = i + 2;
			return p + i;
		}
		if (i + 2 < len && p[i + 1] == '\r' && p[i + 2] == '\n') {
			*after = i + 3;
			return p + i;
		}
	}
	return NULL;
}

static const char *trimmed(ngi_arena *a, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return ngi_arena_strndup(a, s, n);
}

ng_status ngi_http_parse_head(const char *p, size_t len, ngi_arena *a,
			      ngi_http_head *h, const char **why)
{
	memset(h, 0, sizeof *h);
	if (len < 12 || memcmp(p, "HTTP/", 5) != 0) {
		*why = "not an HTTP response (no \"HTTP/\" status line)";
		return NG_ERR_INPUT;
	}
	size_t i = 5;
	while (i < len && (isdigit((unsigned char)p[i]) || p[i] == '.'))
		i++;
	if (i >= len || p[i] != ' ' || len - i < 4 ||
	    !isdigit((unsigned char)p[i + 1]) ||
	    !isdigit((unsigned char)p[i + 2]) || !isdigit((unsigned char)p[i + 3])) {
		*why = "not an HTTP response (bad status line)";
		return NG_ERR_INPUT;
	}
	h->status = (p[i + 1] - '0') * 100 + (p[i + 2] - '0') * 10 + (p[i + 3] - '0');
	size_t scan = len < NGI_HTTP_MAX_HEAD ? len : NGI_HTTP_MAX_HEAD;
	size_t after = 0;
	const char *blank = find_blank_line(p, scan, &after);
	if (!blank) {
		if (scan < len || !memchr(p, '\n', len)) {
			*why = scan < len ? "HTTP headers longer than the cap"
					  : "HTTP headers not ended by a blank line";
			return NG_ERR_INPUT;
		}
		/* headers up to the end, no body */
		blank = p + len;
		after = len;
	}
	h->header_len = after;
	const char *line = memchr(p, '\n', (size_t)(blank - p));
	while (line && line < blank) {
		line++;
		const char *eol = memchr(line, '\n', (size_t)(p + len - line));
		if (!eol || eol > blank)
			eol = blank;
		const char *colon = memchr(line, ':', (size_t)(eol - line));
		if (colon) {
			size_t nlen = (size_t)(colon - line);
			const char **slot = NULL;
			if (nlen == 12 && !strncasecmp(line, "Content-Type", 12))
				slot = &h->content_type;
			else if (nlen == 16 &&
				 !strncasecmp(line, "Content-Encoding", 16))
				slot = &h->content_encoding;
			else if (nlen == 17 &&
				 !strncasecmp(line, "Transfer-Encoding", 17))
				slot = &h->transfer_encoding;
			if (slot && !*slot) {
				*slot = trimmed(a, colon + 1,
						(size_t)(eol - colon - 1));
				if (!*slot)
					return NG_ERR_NOMEM;
			}
		}
		line = eol < blank ? eol : NULL;
	}
	return NG_OK;
}

static int has_token(const char *value, const char *token)
{
	size_t n = strlen(token);
	for (const char *s = value; s && *s;) {
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		if (!strncasecmp(s, token, n) &&
		    (s[n] == 0 || s[n] == ',' || s[n] == ' ' || s[n] == ';'))
			return 1;
		s = strchr(s, ',');
	}
	return 0;
}

/* Joins the chunks of a chunked body into out. A body that ends without
 * the last (zero) chunk keeps what came. */
static ng_status unchunk(const char *p, size_t len, ngi_buf *out,
			 const char **why)
{
	size_t i = 0;
	while (i < len) {
		size_t size = 0, digits = 0;
		while (i < len && isxdigit((unsigned char)p[i])) {
			if (size > ((size_t)1 << 40)) {
				*why = "chunk size too large";
				return NG_ERR_INPUT;
			}
			int c = tolower((unsigned char)p[i]);
			size = size * 16 + (size_t)(c <= '9' ? c - '0' : c - 'a' + 10);
			digits++;
			i++;
		}
		if (!digits) {
			*why = "bad chunked encoding (no chunk size)";
			return NG_ERR_INPUT;
		}
		const char *eol = memchr(p + i, '\n', len - i);
		if (!eol) {
			*why = "bad chunked encoding (chunk size line not ended)";
			return NG_ERR_INPUT;
		}
		i = (size_t)(eol - p) + 1;
		if (size == 0)
			return NG_OK; /* trailers ignored */
		size_t take = size < len - i ? size : len - i;
		ng_status st = ngi_buf_append(out, p + i, take);
		if (st)
			return st;
		i += take;
		if (i < len && p[i] == '\r')
			i++;
		if (i < len && p[i] == '\n')
			i++;
	}
	return NG_OK;
}

/* Inflates a gzip, zlib or raw deflate body into out. */
static ng_status inflate_body(const char *p, size_t len, ngi_buf *out,
			      const char **why)
{
	for (int raw = 0; raw < 2; raw++) {
		z_stream z;
		memset(&z, 0, sizeof z);
		/* 15 + 32: gzip or zlib by its header; -15: raw deflate,
		 * which some servers send as "deflate" */
		if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK)
			return NG_ERR_NOMEM;
		ngi_buf_clear(out);
		z.next_in = (Bytef *)p;
		z.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
		int zr = Z_OK;
		ng_status st = NG_OK;
		while (zr == Z_OK) {
			st = ngi_buf_reserve(out, 1 << 16);
			if (st)
				break;
			z.next_out = (Bytef *)out->data + out->len;
			z.avail_out = (uInt)(out->alloc - out->len - 1);
			uInt before = z.avail_out;
			zr = inflate(&z, Z_NO_FLUSH);
			out->len += before - z.avail_out;
			if (zr == Z_BUF_ERROR &&
			    (z.avail_in == 0 || z.avail_out == before))
				break; /* cut short (keep what came), or stuck */
			if (zr == Z_BUF_ERROR)
				zr = Z_OK;
		}
		inflateEnd(&z);
		if (st)
			return st;
		if (zr == Z_STREAM_END || (zr == Z_BUF_ERROR && out->len > 0)) {
			out->data[out->len] = '\0';
			return NG_OK;
		}
		if (zr == Z_MEM_ERROR)
			return NG_ERR_NOMEM;
	}
	*why = "corrupt gzip/deflate body";
	return NG_ERR_INPUT;
}

ng_status ngi_http_decode_body(const ngi_http_head *h, const char *body,
			       size_t len, ngi_buf *tmp, ngi_buf *out,
			       const char **bytes, size_t *n, const char **why)
{
	ngi_buf_clear(tmp);
	ngi_buf_clear(out);
	if (h->transfer_encoding && has_token(h->transfer_encoding, "chunked")) {
		ng_status st = unchunk(body, len, tmp, why);
		if (st)
			return st;
		body = tmp->data ? tmp->data : "";
		len = tmp->len;
	}
	const char *ce = h->content_encoding;
	if (!ce || !*ce || has_token(ce, "identity")) {
		*bytes = body;
		*n = len;
		return NG_OK;
	}
	if (!has_token(ce, "gzip") && !has_token(ce, "x-gzip") &&
	    !has_token(ce, "deflate")) {
		*why = "Content-Encoding not supported (only gzip and deflate)";
		return NG_ERR_INPUT;
	}
	ng_status st = inflate_body(body, len, out, why);
	if (st)
		return st;
	*bytes = out->data;
	*n = out->len;
	return NG_OK;
}

int ngi_http_is_html(const char *content_type, const char *body, size_t len)
{
	if (content_type && *content_type) {
		const char *s = content_type;
		while (*s == ' ')
			s++;
		return !strncasecmp(s, "text/html", 9) ||
		       !strncasecmp(s, "application/xhtml+xml", 21);
	}
	/* no type: a page starts with markup */
	size_t i = 0;
	if (len >= 3 && !memcmp(body, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' ||
			   body[i] == '\n'))
		i++;
	return i < len && body[i] == '<';
}
