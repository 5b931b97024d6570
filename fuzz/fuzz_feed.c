/*
 * fuzz_feed.c: libFuzzer target of the feed readers (src/read/feed*.c):
 * RSS 2.0, RSS 1.0 (RDF) and Atom through libxml2 with its guards
 * (ngi_feed_parse), each item's links (feed_links.c) and the items as
 * records (ngi_read_feed, which sends item HTML through the extractor or
 * ngi_feed_strip_markup). The first byte picks parse-only, the links
 * `watch` takes (ngi_feed_links) or the whole reader; items, links and
 * records are checked as promised.
 */
#include "fuzz.h"

#include "read/feed.h"
#include "read/feed_links.h"
#include "read/read_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t mode = data[0];
	data++, size--;
	const char *bytes = (const char *)data;
	if (mode % 3 == 2) {
		ngi_arena a;
		ngi_arena_init(&a, 0);
		ngi_feed_link *links = NULL;
		size_t n = 0;
		const char *why = NULL;
		size_t past_cap = 0;
		ng_status st = ngi_feed_links(bytes, size,
					      "https://example.com/news/feed.xml",
					      &a, &links, &n, &past_cap, &why);
		FUZZ_CHECK(st == NG_OK || past_cap == 0);
		if (st == NG_OK) {
			for (size_t i = 0; i < n; i++) {
				FUZZ_CHECK(links[i].url);
				FUZZ_CHECK(!strncmp(links[i].url, "http", 4));
				fuzz_check_str(links[i].url);
				fuzz_check_str(links[i].title);
				fuzz_check_str(links[i].published);
			}
		} else if (st == NG_ERR_INPUT) {
			FUZZ_CHECK(why && why[0]);
		} else {
			FUZZ_CHECK(st == NG_ERR_TOOBIG || st == NG_ERR_NOMEM);
		}
		ngi_arena_free(&a);
		return 0;
	}
	if (mode % 3 == 1) {
		ngi_arena a;
		ngi_arena_init(&a, 0);
		ngi_feed feed;
		memset(&feed, 0, sizeof feed);
		const char *why = NULL;
		long long line = -1;
		ng_status st = ngi_feed_parse(bytes, size, "fuzz.xml", &a, &feed,
					      &why, &line);
		if (st == NG_OK) {
			FUZZ_CHECK(feed.n_items <= NGI_FEED_MAX_ITEMS);
			fuzz_check_str(feed.title);
			fuzz_check_str(feed.link);
			for (size_t i = 0; i < feed.n_items; i++) {
				const ngi_feed_item *it = &feed.items[i];
				fuzz_check_str(it->link);
				fuzz_check_str(it->id);
				fuzz_check_str(it->title);
				fuzz_check_str(it->summary);
				fuzz_check_str(it->content);
				fuzz_check_str(it->authors);
				fuzz_check_str(it->published);
				if (it->content) {
					size_t n = 0;
					const char *t = ngi_feed_strip_markup(
						&a, it->content, &n);
					FUZZ_CHECK(!t || strlen(t) == n);
				}
			}
		} else if (st == NG_ERR_INPUT) {
			FUZZ_CHECK(why && why[0]);
		} else {
			FUZZ_CHECK(st == NG_ERR_TOOBIG || st == NG_ERR_NOMEM);
		}
		ngi_arena_free(&a);
		return 0;
	}
	ngi_diag_sink diag;
	fuzz_diag_init(&diag);
	ngi_read_stats stats;
	memset(&stats, 0, sizeof stats);
	long long n = 0;
	ngi_read_io io;
	ngi_read_io_init(&io, fuzz_on_record, &n, &diag, &stats);
	ng_status st = ngi_read_feed("fuzz.xml", bytes, size, &io);
	FUZZ_CHECK(st == NG_OK || st == NG_ERR_INPUT || st == NG_ERR_TOOBIG ||
		   st == NG_ERR_NOMEM);
	FUZZ_CHECK(stats.records == n);
	FUZZ_CHECK(st != NG_ERR_INPUT || diag.errors + diag.warnings > 0);
	return 0;
}
