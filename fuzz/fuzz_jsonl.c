/*
 * fuzz_jsonl.c: libFuzzer target of the JSON readers (src/read/jsonl.c):
 * JSON Lines from memory (ngi_read_jsonl, one record a line) and one JSON
 * document read whole (ngi_read_json_document: an article object or an
 * array of them), picked by the first byte. Every record is checked as
 * the readers promise it (fuzz.h), and an input reported as bad was
 * reported.
 */
#include "fuzz.h"

#include "read/read_int.h"

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
	ng_status st;
	if (mode & 1) {
		ngi_read_io io;
		ngi_read_io_init(&io, fuzz_on_record, &n, &diag, &stats);
		st = ngi_read_json_document("fuzz.json", (const char *)data, size,
					    &io);
	} else {
		st = ngi_read_jsonl("fuzz.jsonl", (const char *)data, size,
				    fuzz_on_record, &n, &diag, &stats);
	}
	FUZZ_CHECK(st == NG_OK || st == NG_ERR_INPUT || st == NG_ERR_TOOBIG ||
		   st == NG_ERR_NOMEM);
	FUZZ_CHECK(stats.records == n);
	FUZZ_CHECK(st != NG_ERR_INPUT || diag.errors + diag.warnings > 0);
	return 0;
}
