/*
 * feed_links.h: the items of a feed as `watch` needs them: each item's
 * link, with its title and publication date when the feed gives them.
 *
 * The seam between the watch loop and the feed parser (RSS 2.0, RSS
 * 1.0/RDF, Atom): the watch loop knows nothing of feed formats beyond this
 * call. Pure: no I/O; everything returned lives in the caller's arena.
 */
#ifndef NG_FEED_LINKS_H
#define NG_FEED_LINKS_H

#include "../base/base.h"

typedef struct ngi_feed_link {
	const char *url;       /* absolute (resolved against base_url) */
	const char *title;     /* NULL when the item has none */
	/* the item's date as the feed gives it (RFC 822 in RSS, ISO 8601
	 * in Atom) or already normalised to ISO 8601 (ingest reads both and
	 * reports one it cannot read), NULL when the item has none */
	const char *published;
} ngi_feed_link;

/* The items of the feed bytes[0..len) (as fetched from base_url), in feed
 * order, items without a usable http(s) link left out. NG_OK (*out, *n
 * set; n may be 0; *past_cap, when past_cap is not NULL, the items after
 * the first NGI_FEED_MAX_ITEMS, not read), NG_ERR_INPUT when the bytes
 * are not a feed (*why says what, a static string), NG_ERR_TOOBIG past the
 * parser's caps, NG_ERR_NOMEM. */
ng_status ngi_feed_links(const char *bytes, size_t len, const char *base_url,
			 ngi_arena *a, ngi_feed_link **out, size_t *n,
			 size_t *past_cap, const char **why);

#endif
