/*
 * feed_read.c: a feed file -> one record per item.
 *
 * The feed is parsed by feed.c; each item becomes a record whose text is
 * the item's content (content:encoded, atom:content), else its summary
 * (description, summary). Text that holds markup goes through the HTML
 * extractor (html.h) with the item's link; when the extractor finds no
 * article in a fragment that short, a text pass drops the tags instead
 * (ngi_feed_strip_markup). Plain text is taken as it is.
 * The record's id is the item's guid / atom:id / rdf:about, else its link,
 * else "<file>:<item>"; its url the item's link; its published date the
 * item's (source "metadata"); its language hint the feed's. record_no is
 * the item's number in the feed and offset the byte offset of the line
 * where it begins. An item with no text at all (a headline-only feed) is
 * skipped with a warning and counted as skipped, not failed.
 */
#include "read_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/utf8.h"
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

/* The first place in s where what begins, ignoring case, or NULL. */
static const char *strcasestr_n(const char *s, const char *what)
{
	size_t n = strlen(what);
	for (; *s; s++)
		if (!strncasecmp(s, what, n))
			return s;
	return NULL;
}

const char *ngi_feed_strip_markup(ngi_arena *a, const char *s, size_t *len)
{
	size_t n = strlen(s);
	char *out = ngi_arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '<') {
			const char *gt = strchr(s + i, '>');
			if (!gt)
				break;
			/* script and style hold no text */
			const char *skip = !strncasecmp(s + i, "<script", 7) ? "</script"
					   : !strncasecmp(s + i, "<style", 6) ? "</style"
									: NULL;
			if (skip) {
				const char *close = strcasestr_n(gt, skip);
				gt = close ? strchr(close, '>') : NULL;
				if (!gt)
					break;
				space = 1;
				i = (size_t)(gt - s);
				continue;
			}
			int block = !strncmp(s + i + 1, "p", 1) ||
				    !strncmp(s + i + 1, "/p", 2) ||
				    !strncmp(s + i + 1, "br", 2) ||
				    !strncmp(s + i + 1, "div", 3) ||
				    !strncmp(s + i + 1, "/div", 4);
			if (block && o && out[o - 1] != '\n') {
				while (o && out[o - 1] == ' ')
					o--;
				out[o++] = '\n';
				out[o++] = '\n';
				space = 0;
			} else if (!block) {
				space = 1;
			}
			i = (size_t)(gt - s);
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = 1;
			continue;
		}
		if (space && o && out[o - 1] != '\n')
			out[o++] = ' ';
		space = 0;
		if (c == '&') {
			static const char *const names[][2] = {
				{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
				{"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", " "}};
			size_t k;
			for (k = 0; k < NGI_ARRAY_LEN(names); k++) {
				size_t el = strlen(names[k][0]);
				if (!strncmp(s + i, names[k][0], el)) {
					out[o++] = names[k][1][0];
					i += el - 1;
					break;
				}
			}
			if (k < NGI_ARRAY_LEN(names))
				continue;
			if (s[i + 1] == '#') {
				char *end;
				int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
				unsigned long cp = strtoul(s + i + (hex ? 3 : 2), &end,
							   hex ? 16 : 10);
				if (*end == ';' && cp > 0 && cp <= 0x10FFFF &&
				    (cp < 0xD800 || cp > 0xDFFF) &&
				    end - (s + i) <= 10) {
					/* never longer than the reference */
					o += ngi_utf8_encode((uint32_t)cp, out + o);
					i = (size_t)(end - s);
					continue;
				}
			}
		}
		out[o++] = c;
	}
	while (o && (out[o - 1] == ' ' || out[o - 1] == '\n'))
		o--;
	out[o] = '\0';
	*len = o;
	return out;
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
		const char *text = ngi_feed_strip_markup(a, src, len);
		if (!text)
			*st = NG_ERR_NOMEM;
		return text && !blank(text) ? text : NULL;
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
	if (feed.past_cap) {
		ngi_diag(io->diag, NG_DIAG_ERROR, path, NGI_FEED_MAX_ITEMS + 1,
			 -1, NGI_FEED_PAST_CAP_FMT, feed.past_cap);
		io->stats->failed += (long long)feed.past_cap;
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
