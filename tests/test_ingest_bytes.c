/*
 * test_ingest_bytes.c: ng_ingest_bytes, input held in memory (what the HTTP
 * API's POST hands over): JSON Lines, one JSON object over several lines,
 * a JSON array of articles, a gzip-compressed body and an HTML page are
 * read as the same bytes in a file would be; bad elements are reported
 * with their record number and offset while the good ones are stored;
 * empty and binary input are bad input; a read-only engine refuses; a
 * caller's should_stop ends the read between records, everything before
 * committed and the place named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"
#include "newsgraph.h"

typedef struct diags {
	char text[4096];
	size_t len;
} diags;

static void keep_diag(void *ctx, const ng_diag *d)
{
	diags *g = ctx;
	g->len += (size_t)snprintf(g->text + g->len,
				   g->len < sizeof g->text ? sizeof g->text - g->len : 0,
				   "%s:%lld@%lld %s\n", d->file ? d->file : "-",
				   d->record, d->offset, d->message);
}

static ng_engine *open_mem(diags *g, int read_only, const char *path)
{
	ng_config c;
	ng_config_init(&c);
	c.threads = 1;
	c.on_diag = keep_diag;
	c.diag_ctx = g;
	c.db_path = path;
	c.read_only = read_only;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	return e;
}

static int has_article(ng_engine *e, const char *id)
{
	ng_cursor *c = NULL;
	if (ng_article_open(e, id, &c) != NG_OK)
		return 0;
	ng_cursor_close(c);
	return 1;
}

static void test_formats(void)
{
	diags g = {{0}, 0};
	ng_engine *e = open_mem(&g, 0, NULL);
	if (!e)
		return;
	ng_ingest_stats s = NG_INGEST_STATS_INIT;
	const char *jsonl = "{\"id\":\"l1\",\"text\":\"The harbour opened on Monday.\"}\n"
			    "{\"id\":\"l2\",\"text\":\"The bridge closed on Tuesday.\"}\n";
	CHECK(ng_ingest_bytes(e, "post-1", jsonl, strlen(jsonl), &s) == NG_OK);
	CHECK(s.added == 2);
	CHECK(has_article(e, "l1") && has_article(e, "l2"));

	const char *object = "{\n  \"id\": \"o1\",\n  \"title\": \"Pretty\",\n"
			     "  \"text\": \"An article written over lines.\"\n}\n";
	s = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	CHECK(ng_ingest_bytes(e, "post-2", object, strlen(object), &s) == NG_OK);
	CHECK(s.added == 1 && has_article(e, "o1"));

	const char *array = "[ {\"id\":\"a1\",\"text\":\"First of an array, with ] and , inside.\"},\n"
			    "  7,\n  {\"title\":\"no text\"},\n"
			    "  {\"id\":\"a4\",\"text\":\"Fourth, \\\"quoted\\\" [x] {y}.\"} ]";
	s = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	g.len = 0;
	g.text[0] = '\0';
	CHECK(ng_ingest_bytes(e, "post-3", array, strlen(array), &s) == NG_ERR_INPUT);
	CHECK_MSG(s.added == 2 && s.failed == 2, "added %lld failed %lld", s.added,
		  s.failed);
	CHECK(has_article(e, "a1") && has_article(e, "a4"));
	CHECK_MSG(strstr(g.text, "post-3:2@") && strstr(g.text, "not a JSON object"),
		  "%.200s", g.text);
	CHECK_MSG(strstr(g.text, "post-3:3@") && strstr(g.text, "no \"text\""),
		  "%.200s", g.text);

	/* gzip: inflated, then sniffed */
	const char *plain = "{\"id\":\"z1\",\"text\":\"Compressed news about the port.\"}\n";
	unsigned char gz[512];
	z_stream z;
	memset(&z, 0, sizeof z);
	CHECK(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
	z.next_in = (unsigned char *)plain;
	z.avail_in = (unsigned)strlen(plain);
	z.next_out = gz;
	z.avail_out = sizeof gz;
	CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
	size_t gz_len = sizeof gz - z.avail_out;
	deflateEnd(&z);
	s = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	CHECK(ng_ingest_bytes(e, "post-4", gz, gz_len, &s) == NG_OK);
	CHECK(s.added == 1 && has_article(e, "z1"));

	const char *html = "<!doctype html><html><head><title>Page title</title>"
			   "</head><body><article><h1>Page title</h1><p>The mayor "
			   "opened the new library on Friday, officials said in a "
			   "statement to the press.</p><p>It holds forty thousand "
			   "books and a reading room for children.</p></article>"
			   "</body></html>";
	s = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	CHECK(ng_ingest_bytes(e, "page.html", html, strlen(html), &s) == NG_OK);
	CHECK(s.added == 1);

	/* bad input: empty, binary, a cut array */
	s = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	CHECK(ng_ingest_bytes(e, "post-5", "", 0, &s) == NG_ERR_INPUT);
	CHECK(s.failed == 1 && s.added == 0);
	const char bin[] = "\x00\x01\x02\xff\xfe\x00\x00garbage\x00";
	s = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	CHECK(ng_ingest_bytes(e, "post-6", bin, sizeof bin, &s) == NG_ERR_INPUT);
	CHECK(s.added == 0);
	const char *cut = "[{\"id\":\"c1\",\"text\":\"Kept before the cut.\"}, {\"text\": \"cu";
	s = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	CHECK(ng_ingest_bytes(e, "post-7", cut, strlen(cut), &s) == NG_ERR_INPUT);
	CHECK(s.added == 1 && has_article(e, "c1"));
	CHECK(ng_ingest_bytes(e, NULL, "x", 1, &s) == NG_ERR_USAGE);
	CHECK(ng_ingest_bytes(e, "n", NULL, 1, &s) == NG_ERR_USAGE);
	CHECK(ng_engine_close(e) == NG_OK);
}

static void test_read_only(void)
{
	char path[] = "/tmp/ng-bytes-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return;
	close(fd);
	remove(path);
	diags g = {{0}, 0};
	ng_engine *w = open_mem(&g, 0, path);
	if (w)
		CHECK(ng_engine_close(w) == NG_OK);
	ng_engine *r = open_mem(&g, 1, path);
	if (r) {
		const char *one = "{\"text\":\"x y z\"}";
		CHECK(ng_ingest_bytes(r, "post", one, strlen(one), NULL) == NG_ERR_USAGE);
		ng_engine_close(r);
	}
	char more[600];
	snprintf(more, sizeof more, "%s-wal", path);
	remove(more);
	snprintf(more, sizeof more, "%s-shm", path);
	remove(more);
	snprintf(more, sizeof more, "%s-lock", path);
	remove(more);
	remove(path);
}

/* ng_config.should_stop: asked before each record; once it says stop, the
 * records before are committed, the warning names the first record not
 * taken with its offset and the articles stored, and the call returns as
 * if the input ended there. The same bytes again store the rest. */
static int stop_after(void *ctx)
{
	int *left = ctx;
	return (*left)-- <= 0;
}

static void test_should_stop(void)
{
	diags g = {{0}, 0};
	int left = 3; /* three records, then stop */
	ng_config c;
	ng_config_init(&c);
	c.threads = 1;
	c.batch_size = 2; /* the stop falls inside the second batch */
	c.on_diag = keep_diag;
	c.diag_ctx = &g;
	c.should_stop = stop_after;
	c.stop_ctx = &left;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	if (!e)
		return;
	const char *jsonl = "{\"id\":\"s1\",\"text\":\"The harbour opened on Monday.\"}\n"
			    "{\"id\":\"s2\",\"text\":\"The bridge closed on Tuesday.\"}\n"
			    "{\"id\":\"s3\",\"text\":\"The market moved on Wednesday.\"}\n"
			    "{\"id\":\"s4\",\"text\":\"The school shut on Thursday.\"}\n"
			    "{\"id\":\"s5\",\"text\":\"The road reopened on Friday.\"}\n";
	ng_ingest_stats s = NG_INGEST_STATS_INIT;
	CHECK(ng_ingest_bytes(e, "post-stop", jsonl, strlen(jsonl), &s) == NG_OK);
	CHECK_MSG(s.added == 3 && s.records == 3, "added %lld of %lld read",
		  s.added, s.records);
	CHECK(has_article(e, "s3") && !has_article(e, "s4"));
	long long off4 = (long long)(strstr(jsonl, "{\"id\":\"s4") - jsonl);
	char want[128];
	snprintf(want, sizeof want, "post-stop:4@%lld stopped on request before "
		 "this record", off4);
	CHECK_MSG(strstr(g.text, want) != NULL, "diagnostics: %.400s", g.text);
	CHECK(strstr(g.text, "(3 articles in the database)") != NULL);
	left = 1000; /* go on: the stored three are unchanged */
	s = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	CHECK(ng_ingest_bytes(e, "post-stop", jsonl, strlen(jsonl), &s) == NG_OK);
	CHECK(s.added == 2 && s.unchanged == 3);
	CHECK(has_article(e, "s5"));
	CHECK(ng_engine_close(e) == NG_OK);
}

int main(void)
{
	test_formats();
	test_read_only();
	test_should_stop();
	return check_report("ingest_bytes");
}
