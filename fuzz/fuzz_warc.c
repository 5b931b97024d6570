/*
 * fuzz_warc.c: libFuzzer target of the web-archive reader (src/read/
 * warc.c over gz.c, lines.c and http.c): WARC/1.0 and 1.1 records, plain
 * or gzip (a member per record or one stream, corrupt members resynced),
 * their HTTP responses (status, headers, chunked and gzip/deflate bodies)
 * and the pages inside (page.c, the HTML extractor). The bytes are read
 * as walk.c reads a file the sniffer called WARC, whatever they start
 * with, so the fuzzer need not find "WARC/1." first. Odd first bytes also
 * feed the HTTP response parser on its own (ngi_http_parse_head,
 * ngi_http_decode_body).
 */
#include "fuzz.h"

#include "read/read_int.h"

static void http_alone(const char *p, size_t len)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_http_head h;
	memset(&h, 0, sizeof h);
	const char *why = NULL;
	if (ngi_http_parse_head(p, len, &a, &h, &why) == NG_OK) {
		FUZZ_CHECK(h.header_len <= len);
		ngi_buf tmp, out;
		ngi_buf_init(&tmp, (size_t)4 << 20);
		ngi_buf_init(&out, (size_t)4 << 20);
		const char *bytes = NULL;
		size_t n = 0;
		if (ngi_http_decode_body(&h, p + h.header_len, len - h.header_len,
					 &tmp, &out, &bytes, &n, &why) == NG_OK) {
			FUZZ_CHECK(bytes || n == 0);
			(void)ngi_http_is_html(h.content_type, bytes, n);
		}
		ngi_buf_free(&tmp);
		ngi_buf_free(&out);
	} else {
		FUZZ_CHECK(why && why[0]);
	}
	ngi_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 1 && data[0] == 'H') {
		http_alone((const char *)data + 1, size - 1);
		return 0;
	}
	if (size == 0)
		return 0;
	ngi_diag_sink diag;
	fuzz_diag_init(&diag);
	ngi_read_stats stats;
	memset(&stats, 0, sizeof stats);
	long long n = 0;
	ngi_read_io io;
	ngi_read_io_init(&io, fuzz_on_record, &n, &diag, &stats);
	FILE *f = fmemopen((void *)data, size, "rb");
	if (!f)
		return 0;
	ngi_gz gz;
	ng_status st = ngi_gz_open(&gz, f);
	if (st == NG_OK) {
		ngi_lines r;
		st = ngi_lines_init(&r, &gz, NGI_READ_MAX_LINE);
		if (st == NG_OK) {
			const char *first;
			size_t got;
			st = ngi_lines_peek(&r, &first, &got);
			if (st == NG_OK)
				st = ngi_read_warc("fuzz.warc.gz", &r, &io);
			ngi_lines_free(&r);
		}
	}
	ngi_gz_close(&gz);
	fclose(f);
	FUZZ_CHECK(st == NG_OK || st == NG_ERR_INPUT || st == NG_ERR_TOOBIG ||
		   st == NG_ERR_NOMEM);
	FUZZ_CHECK(stats.records == n);
	return 0;
}
