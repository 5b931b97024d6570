/*
 * feed.h: RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> their items.
 *
 * The internal API the read stage uses to turn a feed file into records
 * (one per item, feed_read.c) and that `watch` uses to find the links of
 * new items. Parsing is done with libxml2, safely: no network, no DTD
 * loading, no external entities, and a document that declares any entity
 * at all is refused (an entity bomb fails at its first declaration, in no
 * time and no memory); input is capped (NGI_FEED_MAX_BYTES), and so are
 * the items (NGI_FEED_MAX_ITEMS: the first are read, the rest counted in
 * past_cap) and the nesting depth libxml2 accepts. A
 * feed that claims UTF-8 (or claims nothing) but holds other bytes (say
 * windows-1251) has them replaced by U+FFFD and counted; a feed that
 * declares another charset is decoded by libxml2.
 *
 * Ownership: everything in an ngi_feed lives in the caller's arena.
 */
#ifndef NG_FEED_H
#define NG_FEED_H

#include "../base/base.h"

#define NGI_FEED_MAX_BYTES ((size_t)32 << 20)
#define NGI_FEED_MAX_ITEMS 100000
/* What a reader says of a feed past the cap (the items skipped: %zu). */
#define NGI_FEED_CAP_TEXT_(n) #n
#define NGI_FEED_CAP_TEXT(n) NGI_FEED_CAP_TEXT_(n)
#define NGI_FEED_PAST_CAP_FMT                                                 \
	"more items than the cap (" NGI_FEED_CAP_TEXT(NGI_FEED_MAX_ITEMS)       \
	"): the first " NGI_FEED_CAP_TEXT(NGI_FEED_MAX_ITEMS)                   \
	" read, %zu after them skipped"

typedef enum ngi_feed_kind {
	NGI_FEED_RSS2 = 1, /* <rss> (0.9x and 2.0) */
	NGI_FEED_RSS1 = 2, /* <rdf:RDF> */
	NGI_FEED_ATOM = 3  /* <feed xmlns="http://www.w3.org/2005/Atom"> */
} ngi_feed_kind;

typedef struct ngi_feed_item {
	const char *link;      /* the item's page (Atom: rel=alternate), NULL */
	const char *id;        /* guid, atom:id or rdf:about, NULL */
	const char *title;     /* NULL when none (same for the rest) */
	const char *summary;   /* description / summary: text or HTML */
	const char *content;   /* content:encoded / atom:content: text or HTML */
	const char *authors;   /* "Name; Name" (author, dc:creator) */
	/* ISO 8601 ("2024-10-27T11:49:00+00:00") from RFC 822 (RSS),
	 * RFC 3339 (Atom) or W3C-DTF (dc:date); NULL when absent or not
	 * understood (published_raw keeps what was written). */
	const char *published;
	const char *published_raw;
	const char *updated;   /* Atom's updated, ISO 8601 */
	long long line;        /* line of the feed where the item begins */
} ngi_feed_item;

typedef struct ngi_feed {
	ngi_feed_kind kind;
	const char *title;
	const char *link;
	const char *lang;
	ngi_feed_item *items;  /* in document order */
	size_t n_items;
	size_t invalid_bytes;  /* bytes that were not UTF-8, replaced */
	long long first_invalid; /* offset of the first, -1 when none */
	/* A feed that was not well-formed but still gave items: libxml2's
	 * first complaint and its line, else NULL. */
	const char *recovered;
	long long recovered_line;
	/* items after the first NGI_FEED_MAX_ITEMS: counted, not read (the
	 * first ones are kept, as a feed cut short keeps its first items) */
	size_t past_cap;
} ngi_feed;

/* Parses the feed bytes[0..len). url (may be NULL) names it for libxml2's
 * messages. NG_OK: out filled (no items is not an error). NG_ERR_INPUT:
 * not a feed, not well-formed, or refused (entity declarations, over a
 * cap): *why says what (in the arena or static), *line where (0 when not
 * known). NG_ERR_TOOBIG: over NGI_FEED_MAX_BYTES. NG_ERR_NOMEM. */
ng_status ngi_feed_parse(const char *bytes, size_t len, const char *url,
			 ngi_arena *a, ngi_feed *out, const char **why,
			 long long *line);

/* A text pass over an item's HTML, for when the extractor finds no
 * article in a fragment: tags dropped (script and style with their
 * content; p, br and div end a paragraph), blanks made one space, the XML
 * entities, &nbsp; and numeric character references decoded. The result
 * is in a, its length in *len; NULL when out of memory. */
const char *ngi_feed_strip_markup(ngi_arena *a, const char *s, size_t *len);


#endif
