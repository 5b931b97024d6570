/*
 * feed_links_placeholder.c: a stand-in for ngi_feed_links (feed_links.h)
 * until the real feed parser (libxml2, branch `warc`) replaces it at the
 * merge. A crude but bounded scan: each <item> or <entry> element, its
 * first <link>URL</link> or <link href="URL"> (rel="alternate" or none),
 * its <title> and its <pubDate>, <published>, <updated> or <dc:date>. No
 * nesting, no namespaces beyond the prefixes named, CDATA and the five
 * XML entities decoded. Linear in the bytes; at most NGI_FEED_MAX_ITEMS.
 */
#include "feed_links.h"

#include <string.h>
#include <strings.h>

#include "fetch.h"

#define NGI_FEED_MAX_ITEMS 10000

/* The first occurrence of needle in [p, end), case aside; NULL. */
static const char *find(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= end; p++)
		if (!strncasecmp(p, needle, n))
			return p;
	return NULL;
}

/* The start of an element named name ("<item") in [p, end): the tag must
 * end there or go on with a space, '>' or '/'. */
static const char *find_tag(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	while ((p = find(p, end, name))) {
		char c = p + n < end ? p[n] : 0;
		if (c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '/')
			return p;
		p += n;
	}
	return NULL;
}

/* Text with CDATA unwrapped, the five entities and numeric ASCII ones
 * decoded, whitespace trimmed; NULL when empty. */
static const char *text_of(const char *p, const char *end, ngi_arena *a)
{
	while (p < end && strchr(" \t\r\n", *p))
		p++;
	while (end > p && strchr(" \t\r\n", end[-1]))
		end--;
	if (end - p >= 12 && !strncmp(p, "<![CDATA[", 9) && !strncmp(end - 3, "]]>", 3)) {
		p += 9;
		end -= 3;
	}
	char *out = ngi_arena_alloc(a, (size_t)(end - p) + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	static const struct { const char *name; char c; } ents[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
		{"&apos;", '\''}, {"&#38;", '&'}};
	while (p < end) {
		size_t k = 0;
		if (*p == '&') {
			for (; k < NGI_ARRAY_LEN(ents); k++) {
				size_t l = strlen(ents[k].name);
				if ((size_t)(end - p) >= l && !strncmp(p, ents[k].name, l)) {
					out[n++] = ents[k].c;
					p += l;
					break;
				}
			}
		}
		if (*p != '&' || k == NGI_ARRAY_LEN(ents))
			out[n++] = *p++;
	}
	out[n] = 0;
	return n ? out : NULL;
}

/* The content of the first <name ...>...</name> in [p, end), or NULL. */
static const char *element(const char *p, const char *end, const char *open,
			   const char *close, ngi_arena *a)
{
	const char *s = find_tag(p, end, open);
	if (!s)
		return NULL;
	const char *gt = memchr(s, '>', (size_t)(end - s));
	if (!gt || gt[-1] == '/')
		return NULL;
	const char *e = find(gt + 1, end, close);
	return e ? text_of(gt + 1, e, a) : NULL;
}

/* The value of attribute name in the tag [p, end), or NULL. */
static const char *attribute(const char *p, const char *end, const char *name,
			     ngi_arena *a)
{
	const char *s = p;
	size_t n = strlen(name);
	while ((s = find(s, end, name))) {
		const char *v = s + n;
		if ((s[-1] == ' ' || s[-1] == '\t' || s[-1] == '\n') && v < end &&
		    *v == '=' && v + 1 < end && (v[1] == '"' || v[1] == '\'')) {
			char q = v[1];
			const char *e = memchr(v + 2, q, (size_t)(end - v - 2));
			return e ? text_of(v + 2, e, a) : NULL;
		}
		s += n;
	}
	return NULL;
}

/* The item's link: <link>URL</link>, else the first <link href=...> whose
 * rel is absent or "alternate". */
static const char *link_of(const char *p, const char *end, ngi_arena *a)
{
	const char *s = p;
	while ((s = find_tag(s, end, "<link"))) {
		const char *gt = memchr(s, '>', (size_t)(end - s));
		if (!gt)
			return NULL;
		const char *href = attribute(s, gt, "href", a);
		if (href) {
			const char *rel = attribute(s, gt, "rel", a);
			if (!rel || !strcasecmp(rel, "alternate"))
				return href;
		} else if (gt[-1] != '/') {
			const char *e = find(gt + 1, end, "</link");
			if (e)
				return text_of(gt + 1, e, a);
		}
		s = gt;
	}
	return NULL;
}

/* The item's date as written (ingest normalises it). */
static const char *date_of(const char *p, const char *end, ngi_arena *a)
{
	static const char *const tags[][2] = {
		{"<pubDate", "</pubDate"}, {"<published", "</published"},
		{"<dc:date", "</dc:date"}, {"<updated", "</updated"}};
	for (size_t i = 0; i < NGI_ARRAY_LEN(tags); i++) {
		const char *v = element(p, end, tags[i][0], tags[i][1], a);
		if (v)
			return v;
	}
	return NULL;
}

ng_status ngi_feed_links(const char *bytes, size_t len, const char *base_url,
			 ngi_arena *a, ngi_feed_link **out, size_t *n,
			 const char **why)
{
	const char *end = bytes + len;
	int atom = find_tag(bytes, end, "<feed") != NULL;
	if (!atom && !find_tag(bytes, end, "<rss") && !find_tag(bytes, end, "<rdf:RDF")) {
		*why = "not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed>)";
		return NG_ERR_INPUT;
	}
	const char *open = atom ? "<entry" : "<item", *close = atom ? "</entry" : "</item";
	size_t count = 0, cap = 16;
	ngi_feed_link *links = ngi_arena_alloc(a, cap * sizeof *links);
	if (!links)
		return NG_ERR_NOMEM;
	const char *p = bytes;
	while ((p = find_tag(p, end, open))) {
		const char *e = find(p, end, close);
		const char *item_end = e ? e : end;
		if (count == NGI_FEED_MAX_ITEMS)
			return NG_ERR_TOOBIG;
		const char *link = link_of(p, item_end, a);
		const char *url = link ? ngi_url_resolve(base_url, link, a) : NULL;
		if (url) {
			if (count == cap) {
				ngi_feed_link *more = ngi_arena_alloc(a, 2 * cap * sizeof *more);
				if (!more)
					return NG_ERR_NOMEM;
				memcpy(more, links, count * sizeof *links);
				links = more;
				cap *= 2;
			}
			links[count].url = url;
			links[count].title = element(p, item_end, "<title", "</title", a);
			links[count].published = date_of(p, item_end, a);
			count++;
		}
		p = item_end;
	}
	*out = links;
	*n = count;
	return NG_OK;
}
