/*
 * extract.c: the public face of the HTML extractor: one page -> one JSON
 * object (include/newsgraph.h, "extract"; docs/EXTRACT.md).
 *
 * ng_extract_html_to runs ngi_html_extract (src/read/html.h) on bytes in
 * memory; ng_extract_file reads a file first (gzip or not,
 * ngi_html_read_file). The whole object is built in memory and written in
 * one call, so a failure writes nothing. Every failure is one diagnostic
 * naming the file (or the URL when the page came from memory), the
 * offset when there is one, and what was wrong.
 */
#include <errno.h>
#include <string.h>

#include "../base/sized.h"
#include "../read/html.h"

static ng_status put_field(ngi_buf *b, const char *name, const char *value,
			   int first)
{
	ng_status st = ngi_buf_printf(b, "%s\"%s\":", first ? "" : ",", name);
	return st ? st : ngi_buf_json_str(b, value);
}

static ng_status page_json(const ngi_html_page *p, ngi_buf *b)
{
	ng_status st = ngi_buf_putc(b, '{');
	if (!st) st = put_field(b, "url", p->url, 1);
	if (!st) st = put_field(b, "title", p->title, 0);
	if (!st) st = put_field(b, "authors", p->authors, 0);
	if (!st) st = put_field(b, "published", p->published, 0);
	if (!st)
		st = put_field(b, "published_source",
			       p->published
				       ? (p->published_source == NGI_PUB_TEXT ? "url"
									       : "metadata")
				       : NULL,
			       0);
	if (!st) st = put_field(b, "modified", p->modified, 0);
	if (!st) st = put_field(b, "lang", p->lang, 0);
	if (!st) st = put_field(b, "site", p->site, 0);
	if (!st) st = put_field(b, "credit", p->credit, 0);
	if (!st) st = put_field(b, "charset", p->charset, 0);
	if (!st) st = put_field(b, "charset_source", p->charset_source, 0);
	if (!st) st = ngi_buf_printf(b, ",\"invalid_bytes\":%zu", p->invalid_bytes);
	if (!st) st = ngi_buf_puts(b, ",\"body\":");
	if (!st) st = ngi_buf_json_strn(b, p->body, p->body_len);
	if (!st) st = ngi_buf_puts(b, "}\n");
	return st;
}

/* Extracts and writes; name is what diagnostics call the page. */
static ng_status extract_write(const char *name, const char *bytes, size_t len,
			       const ng_extract_options *o, ngi_diag_sink *diag,
			       ng_write_fn write, void *ctx)
{
	ngi_arena a;
	ngi_arena_init(&a, 1 << 20);
	ngi_html_page p;
	const char *why = NULL;
	ng_status st = ngi_html_extract(bytes, len, o->url, o->content_type, &a,
					&p, &why);
	if (st) {
		ngi_diag(diag, NG_DIAG_ERROR, name, 0, st == NG_ERR_NOMEM ? -1 : 0,
			 "%s", why ? why : ng_status_str(st));
		ngi_arena_free(&a);
		return st;
	}
	if (p.invalid_bytes)
		ngi_diag(diag, NG_DIAG_WARNING, name, 0, -1,
			 "%zu bytes not valid %s, replaced by U+FFFD",
			 p.invalid_bytes, p.charset);
	ngi_buf b;
	ngi_buf_init(&b, 0);
	st = page_json(&p, &b);
	if (st)
		ngi_diag(diag, NG_DIAG_ERROR, name, 0, -1, "%s", ng_status_str(st));
	else if (write(ctx, b.data, b.len) != 0) {
		ngi_diag(diag, NG_DIAG_ERROR, name, 0, -1, "writing the output failed");
		st = NG_ERR_IO;
	}
	ngi_buf_free(&b);
	ngi_arena_free(&a);
	return st;
}

static int read_options(ng_extract_options *own, const ng_extract_options *opt)
{
	memset(own, 0, sizeof *own);
	own->size = sizeof *own;
	return opt && ngi_sized_in(own, sizeof *own, opt, NGI_EXTRACT_OPTIONS_BASE);
}

ng_status ng_extract_html_to(const char *bytes, size_t len,
			     const ng_extract_options *opt, ng_write_fn write,
			     void *ctx)
{
	ng_extract_options o;
	if (read_options(&o, opt) || (!bytes && len) || !write)
		return NG_ERR_USAGE;
	ngi_diag_sink diag = {o.on_diag, o.diag_ctx, 0, 0};
	return extract_write(o.url ? o.url : "(page)", bytes ? bytes : "", len,
			     &o, &diag, write, ctx);
}

ng_status ng_extract_file(const char *path, const ng_extract_options *opt,
			  FILE *out)
{
	ng_extract_options o;
	if (read_options(&o, opt) || !path || !out)
		return NG_ERR_USAGE;
	ngi_diag_sink diag = {o.on_diag, o.diag_ctx, 0, 0};
	ngi_buf page;
	ngi_buf_init(&page, 0);
	const char *why = NULL;
	ng_status st = ngi_html_read_file(path, &page, &why);
	if (st) {
		ngi_diag(&diag, NG_DIAG_ERROR, path, 0, -1, "%s%s",
			 st == NG_ERR_NOTFOUND || st == NG_ERR_IO ? "cannot read: "
								  : "",
			 why ? why : ng_status_str(st));
	} else {
		st = extract_write(path, page.data ? page.data : "", page.len, &o,
				   &diag, ng_write_file, out);
	}
	ngi_buf_free(&page);
	return st;
}
