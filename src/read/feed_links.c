/*
 * feed_links.c: the items of a feed as `watch` needs them (feed_links.h),
 * read by the feed parser (feed.h): each item's link resolved against the
 * feed's URL (items without an http(s) link left out), its title and its
 * date (ISO 8601 when the parser understood it, else as written).
 */
#include "feed_links.h"

#include "feed.h"
#include "fetch.h"

ng_status ngi_feed_links(const char *bytes, size_t len, const char *base_url,
			 ngi_arena *a, ngi_feed_link **out, size_t *n,
			 size_t *past_cap, const char **why)
{
	ngi_feed f;
	long long line = 0;
	*out = NULL;
	*n = 0;
	if (past_cap)
		*past_cap = 0;
	ng_status st = ngi_feed_parse(bytes, len, base_url, a, &f, why, &line);
	if (st)
		return st;
	if (past_cap)
		*past_cap = f.past_cap;
	ngi_feed_link *links =
		f.n_items ? ngi_arena_alloc(a, f.n_items * sizeof *links) : NULL;
	if (f.n_items && !links)
		return NG_ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < f.n_items; i++) {
		const ngi_feed_item *it = &f.items[i];
		const char *url =
			it->link ? ngi_url_resolve(base_url, it->link, a) : NULL;
		if (!url)
			continue;
		links[k].url = url;
		links[k].title = it->title;
		links[k].published = it->published ? it->published
						   : it->published_raw;
		k++;
	}
	*out = links;
	*n = k;
	return NG_OK;
}
