/*
 * fuzz_text.c: libFuzzer target of the reading stage's front door for
 * bytes held in memory: ngi_read_bytes (the format sniffer: gzip, WARC,
 * markup, JSON Lines, a JSON document, else one plain-text article) and
 * ngi_read_text_article (the plain-text reader's sniffing of a leading
 * "date ..." line, datelines and a title line). The first byte picks the
 * name the bytes are read under (with or without an extension that
 * steers the sniffer) and whether the text reader is called directly.
 */
#include "fuzz.h"

static const char *const names[] = {"fuzz", "fuzz.txt", "fuzz.jsonl",
				    "fuzz.html", "fuzz.xml", "fuzz.gz"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t mode = data[0];
	data++, size--;
	ngi_diag_sink diag;
	fuzz_diag_init(&diag);
	ngi_read_stats stats;
	memset(&stats, 0, sizeof stats);
	long long n = 0;
	const char *name = names[(mode & 0x7f) % (sizeof names / sizeof names[0])];
	ng_status st;
	if (mode & 0x80)
		st = ngi_read_text_article(name, (const char *)data, size,
					   fuzz_on_record, &n, &diag, &stats);
	else
		st = ngi_read_bytes(name, data, size, fuzz_on_record, &n, &diag,
				    &stats);
	FUZZ_CHECK(st == NG_OK || st == NG_ERR_INPUT || st == NG_ERR_TOOBIG ||
		   st == NG_ERR_NOMEM);
	FUZZ_CHECK(stats.records == n);
	/* bad input never vanishes: a failed file or record was reported */
	FUZZ_CHECK(st != NG_ERR_INPUT || diag.errors + diag.warnings > 0);
	return 0;
}
