/*
 * page.c: one web page -> one record, for every source of pages.
 *
 * HTML files, WARC response records and (through feed_read.c) feed items
 * all end here: the bytes go to the HTML extractor (html.h) and what it
 * returns becomes a record. The source says what it knows besides the
 * bytes: the URL the page came from, the HTTP Content-Type, an id, and a
 * date to fall back on when the page gives none (a WARC record's
 * WARC-Date, when the page was fetched: published_source "crawl"). A page
 * the extractor refuses, or one with no article text, is an error naming
 * the source, record and offset; the walk goes on.
 */
#include "read_int.h"

#include <string.h>
#include <strings.h>

#include "html.h"

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

ng_status ngi_read_page(ngi_read_io *io, ngi_arena *a, const ngi_page_in *in,
			ng_status *verdict)
{
	/* binary data and other non-pages: the extractor says what they are */
	ngi_html_page page;
	const char *why = "not a web page";
	ng_status st = ngi_html_extract(in->bytes, in->len, in->url,
					in->content_type, a, &page, &why);
	if (st == NG_ERR_NOMEM)
		return st;
	if (st == NG_ERR_TOOBIG) {
		ngi_diag(io->diag, NG_DIAG_ERROR, in->source, in->record_no,
			 in->offset, "%spage of %zu bytes is over the %zu-byte "
			 "cap, skipped", in->where ? in->where : "", in->len,
			 NGI_HTML_MAX_BYTES);
		io->stats->failed++;
		*verdict = NG_ERR_INPUT;
		return NG_OK;
	}
	if (st) {
		ngi_diag(io->diag, NG_DIAG_ERROR, in->source, in->record_no,
			 in->offset, "%s%s, skipped", in->where ? in->where : "",
			 why ? why : "not a web page");
		io->stats->failed++;
		*verdict = NG_ERR_INPUT;
		return NG_OK;
	}
	if (!page.body || blank(page.body, page.body_len)) {
		ngi_diag(io->diag, NG_DIAG_ERROR, in->source, in->record_no,
			 in->offset, "%sno article text in the page, skipped",
			 in->where ? in->where : "");
		io->stats->failed++;
		*verdict = NG_ERR_INPUT;
		return NG_OK;
	}
	if (page.invalid_bytes)
		ngi_diag(io->diag, NG_DIAG_WARNING, in->source, in->record_no,
			 in->offset, "%s%zu bytes that are not %s replaced by "
			 "U+FFFD", in->where ? in->where : "", page.invalid_bytes,
			 page.charset ? page.charset : "the page's charset");

	ngi_record rec;
	memset(&rec, 0, sizeof rec);
	rec.source = in->source;
	rec.record_no = in->record_no;
	rec.offset = in->offset;
	rec.id = in->id;
	rec.url = page.url ? page.url : in->url;
	rec.title = page.title ? page.title : in->title;
	rec.outlet = page.site;
	rec.lang = page.lang;
	if (page.published) {
		rec.published = page.published;
		rec.published_source = page.published_source;
	} else if (in->fallback_date) {
		rec.published = in->fallback_date;
		rec.published_source = in->fallback_source;
	}
	rec.text = page.body;
	rec.text_len = page.body_len;
	rec.invalid_utf8 = page.invalid_bytes;
	io->stats->records++;
	io->stats->invalid_utf8 += (long long)page.invalid_bytes;
	return io->fn(io->ctx, &rec);
}

ng_status ngi_read_html_file(const char *path, const char *bytes, size_t len,
			     ngi_read_io *io)
{
	/* the id is the base name without its extensions, as for text files */
	const char *base = ngi_read_basename(path);
	ngi_arena a;
	ngi_arena_init(&a, 0);
	char *id = ngi_arena_strdup(&a, base);
	if (!id) {
		ngi_arena_free(&a);
		return NG_ERR_NOMEM;
	}
	size_t n = strlen(id);
	if (n > 3 && !strcasecmp(id + n - 3, ".gz"))
		id[n -= 3] = '\0';
	char *dot = strrchr(id, '.');
	if (dot && dot != id)
		*dot = '\0';
	ngi_page_in in = {.source = path, .record_no = 1, .offset = 0,
			  .bytes = bytes, .len = len, .id = id};
	ng_status verdict = NG_OK;
	ng_status st = ngi_read_page(io, &a, &in, &verdict);
	ngi_arena_free(&a);
	return st ? st : verdict;
}
