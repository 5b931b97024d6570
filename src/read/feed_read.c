/*
 * feed_read.c: a feed file -> one record per item.
 *
 * The feed is parsed by feed.c; each item becomes a record whose text is
 * the item's content (content:encoded, atom:content), else its summary
 * (description, summary). Text that holds markup goes through the HTML
 * extractor (html.h) with the item's link; plain text is taken as it is.
 * The record's id is the item's guid / atom:id / rdf:about, else its link,
 * else "<file>:<item>"; its url the item's link; its published date the
 * item's (source "metadata"); its language hint the feed's. record_no is
 * the item's number in the feed and offset the byte offset of the line
 * where it begins. An item with no text at all (a headline-only feed) is
 * skipped with a warning and counted as skipped, not failed.
 */
#include "read_int.h"

#include <string.h>

#include "feed.h"
#include "html.h"

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

/* The byte offset where line (1-based) begins. */
static long long line_offset(const char *bytes, size_t len, long long line)
{
	long long at = 1;
	for (size_t i = 0; i < len && at < line; i++)
		if (bytes[i] == '\n' && ++at == line)
			return (long long)i + 1;
	return line <= 1 ? 0 : -1;
}

/* The text of one item: its content or summary, markup stripped. NULL
 * (and *st NG_OK) when it has none. */
static const char *item_text(ngi_arena *a, const ngi_feed_item *it,
			     size_t *len, size_t *invalid, ng_status *st)
{
	*st = NG_OK;
	*invalid = 0;
	const char *src = !blank(it->content) ? it->content : it->summary;
	if (blank(src))
		return NULL;
	if (!strchr(src, '<')) {
		*len = strlen(src);
		return src;
	}
	ngi_html_page page;
	const char *why = NULL;
	*st = ngi_html_extract(src, strlen(src), it->link,
			       "text/html; charset=utf-8", a, &page, &why);
	if (*st == NG_ERR_NOMEM)
		return NULL;
	if (*st || !page.body || blank(page.body)) {
		*st = NG_OK;
		return NULL;
	}
	*len = page.body_len;
	*invalid = page.invalid_bytes;
	return page.body;
}

ng_status ngi_read_feed(const char *path, const char *bytes, size_t len,
			ngi_read_io *io)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_feed feed;
	const char *why = "not a feed";
	long long line = 0;
	ng_status st = ngi_feed_parse(bytes, len, path, &a, &feed, &why, &line);
	if (st == NG_ERR_TOOBIG) {
		ngi_diag(io->diag, NG_DIAG_ERROR, path, 0, -1,
			 "feed larger than the %zu-byte cap, skipped",
			 NGI_FEED_MAX_BYTES);
		io->stats->failed++;
		ngi_arena_free(&a);
		return NG_ERR_INPUT;
	}
	if (st == NG_ERR_INPUT) {
		if (line)
			ngi_diag(io->diag, NG_DIAG_ERROR, path, 0,
				 line_offset(bytes, len, line), "%s (line %lld)",
				 why, line);
		else
			ngi_diag(io->diag, NG_DIAG_ERROR, path, 0, -1, "%s", why);
		io->stats->failed++;
		ngi_arena_free(&a);
		return NG_ERR_INPUT;
	}
	if (st) {
		ngi_arena_free(&a);
		return st;
	}
	ng_status result = NG_OK;
	if (feed.invalid_bytes) {
		ngi_diag(io->diag, NG_DIAG_WARNING, path, 0, feed.first_invalid,
			 "%zu bytes that are not UTF-8 (the feed claims UTF-8) "
			 "replaced by U+FFFD", feed.invalid_bytes);
		io->stats->invalid_utf8 += (long long)feed.invalid_bytes;
		result = NG_ERR_INPUT;
	}
	if (feed.recovered) {
		ngi_diag(io->diag, NG_DIAG_WARNING, path, 0,
			 line_offset(bytes, len, feed.recovered_line),
			 "not well-formed (%s, line %lld): items read as far as "
			 "they could be", feed.recovered, feed.recovered_line);
		result = NG_ERR_INPUT;
	}
	if (feed.n_items == 0)
		ngi_diag(io->diag, NG_DIAG_WARNING, path, 0, -1,
			 "feed without items");
	for (size_t i = 0; i < feed.n_items && !st; i++) {
		const ngi_feed_item *it = &feed.items[i];
		long long offset = line_offset(bytes, len, it->line);
		size_t text_len = 0, invalid = 0;
		const char *text = item_text(&a, it, &text_len, &invalid, &st);
		if (st)
			break;
		if (!text) {
			ngi_diag(io->diag, NG_DIAG_WARNING, path, (long long)i + 1,
				 offset, "item without text (no content or "
				 "summary), skipped");
			io->stats->skipped++;
			continue;
		}
		ngi_record rec;
		memset(&rec, 0, sizeof rec);
		rec.source = path;
		rec.record_no = (long long)i + 1;
		rec.offset = offset;
		rec.id = it->id ? it->id : it->link;
		char made[64];
		if (!rec.id) {
			snprintf(made, sizeof made, "%.40s:%zu",
				 ngi_read_basename(path), i + 1);
			rec.id = made;
		}
		rec.url = it->link;
		rec.title = it->title;
		rec.lang = feed.lang;
		rec.published = it->published ? it->published : it->published_raw;
		rec.published_source = rec.published ? NGI_PUB_METADATA : NGI_PUB_NONE;
		rec.text = text;
		rec.text_len = text_len;
		rec.invalid_utf8 = invalid;
		io->stats->records++;
		io->stats->position = io->file_base + (long long)len;
		st = io->fn(io->ctx, &rec);
	}
	ngi_arena_free(&a);
	return st ? st : result;
}
