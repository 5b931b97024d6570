/*
 * test_warc.c: WARC files (src/read/warc.c, http.c, gz.c) and the sniffing
 * of pages and archives (walk.c).
 *
 * The archives are built here: WARC records around HTTP responses (plain,
 * gzip-encoded, chunked, chunked and gzip), written plain, as one gzip
 * member per record (offsets of the members noted as they are made) and as
 * one gzip stream. Every variant must give the same records. Then one bad
 * thing at a time among good records: a truncated gzip member, a
 * Content-Length too short and too long, a block that is not HTTP, a page
 * without body text, binary bytes served as HTML, a declared length of
 * 2 GB; each must be an error naming the file, the record and its offset,
 * with every other record still read. Assertions are on what any correct
 * HTML extractor gives: a <p>'s text in the body, <title> as the title.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "base/utf8.h"
#include "check.h"
#include "read_capture.h"
#include "read/read_int.h"

/* ---- building archives -------------------------------------------------------*/
typedef struct bytes {
	char *p;
	size_t n, cap;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			exit(2);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void puts_b(bytes *b, const char *s)
{
	put(b, s, strlen(s));
}

static void gzip_into(bytes *out, const char *p, size_t n)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		exit(2);
	size_t cap = deflateBound(&z, (uLong)n) + 32;
	unsigned char *buf = malloc(cap);
	z.next_in = (Bytef *)p;
	z.avail_in = (uInt)n;
	z.next_out = buf;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		exit(2);
	put(out, buf, cap - z.avail_out);
	deflateEnd(&z);
	free(buf);
}

/* A page any extractor reads: a title and two paragraphs. */
static void page(bytes *b, const char *title, const char *p1, const char *p2)
{
	puts_b(b, "<!DOCTYPE html><html><head><title>");
	puts_b(b, title);
	puts_b(b, "</title></head><body><article><p>");
	puts_b(b, p1);
	puts_b(b, "</p><p>");
	puts_b(b, p2);
	puts_b(b, "</p></article></body></html>");
}

/* An HTTP response around body; extra holds more header lines. */
static void http(bytes *b, int status, const char *type, const char *extra,
		 const char *body, size_t n)
{
	char head[512];
	snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\n%s%s%s%s", status,
		 status == 200 ? "OK" : "Other", type ? "Content-Type: " : "",
		 type ? type : "", type ? "\r\n" : "", extra ? extra : "");
	puts_b(b, head);
	puts_b(b, "\r\n");
	put(b, body, n);
}

typedef struct warc_rec {
	const char *type;
	const char *uri;
	const char *block_type; /* Content-Type; NULL: application/http */
	bytes block;
	long long declared; /* Content-Length to write; -1: the block's */
} warc_rec;

static void warc_record(bytes *out, const warc_rec *r)
{
	char head[1024];
	long long len = r->declared >= 0 ? r->declared : (long long)r->block.n;
	snprintf(head, sizeof head,
		 "WARC/1.0\r\nWARC-Type: %s\r\n%s%s%s"
		 "WARC-Date: 2024-10-27T11:49:00Z\r\n"
		 "WARC-Record-ID: <urn:uuid:%08x-0000-0000-0000-000000000000>\r\n"
		 "Content-Type: %s\r\n"
		 "Content-Length: %lld\r\n\r\n",
		 r->type, r->uri ? "WARC-Target-URI: " : "", r->uri ? r->uri : "",
		 r->uri ? "\r\n" : "", (unsigned)(uintptr_t)r,
		 r->block_type ? r->block_type : "application/http; msgtype=response",
		 len);
	puts_b(out, head);
	put(out, r->block.p ? r->block.p : "", r->block.n);
	puts_b(out, "\r\n\r\n");
}

#define MAX_RECS 16
typedef struct archive {
	warc_rec rec[MAX_RECS];
	size_t n;
} archive;

static warc_rec *add(archive *a, const char *type, const char *uri)
{
	warc_rec *r = &a->rec[a->n++];
	memset(r, 0, sizeof *r);
	r->type = type;
	r->uri = uri;
	r->declared = -1;
	return r;
}

static void archive_free(archive *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->rec[i].block.p);
	a->n = 0;
}

typedef enum { PLAIN, PER_RECORD, ONE_STREAM } packing;

/* Writes the archive; offsets[i] is where record i begins in the file. */
static const char *write_archive(const char *rel, const archive *a, packing how,
				 long long *offsets)
{
	bytes all = {0}, plain = {0};
	for (size_t i = 0; i < a->n; i++) {
		bytes one = {0};
		warc_record(&one, &a->rec[i]);
		if (offsets)
			offsets[i] = how == PER_RECORD ? (long long)all.n
				     : how == PLAIN ? (long long)plain.n
						    : 0;
		if (how == PER_RECORD)
			gzip_into(&all, one.p, one.n);
		put(&plain, one.p, one.n);
		free(one.p);
	}
	if (how == PLAIN)
		put(&all, plain.p, plain.n);
	else if (how == ONE_STREAM)
		gzip_into(&all, plain.p, plain.n);
	const char *path = cap_write(rel, all.p, all.n);
	free(all.p);
	free(plain.p);
	return path;
}

static const char P_STORM1[] = "The storm hit the coast of Norway on Monday, "
			       "officials said.";
static const char P_STORM2[] = "Thousands were left without power.";
static const char P_VOTE1[] = "The election commission announced the final "
			      "result on Tuesday in Warsaw.";
static const char P_VOTE2[] = "Turnout was the highest since 1989.";
static const char P_LAB1[] = "Scientists in Geneva reported a new particle "
			     "measurement on Friday.";
static const char P_LAB2[] = "The result confirms earlier findings.";
static const char P_BOTH1[] = "The central bank kept its interest rate "
			      "unchanged on Thursday.";
static const char P_BOTH2[] = "Markets had expected the decision.";

/* The good archive: four pages, each served differently, among records
 * that must be skipped. */
static void good_archive(archive *a)
{
	bytes body = {0}, gz = {0}, chunked = {0};
	add(a, "warcinfo", NULL)->block.n = 0;
	puts_b(&a->rec[0].block, "software: test_warc\r\nformat: WARC/1.0\r\n");
	puts_b(&add(a, "request", "http://a.example/storm")->block,
	       "GET /storm HTTP/1.1\r\nHost: a.example\r\n\r\n");

	page(&body, "Storm hits coast", P_STORM1, P_STORM2);
	http(&add(a, "response", "http://a.example/storm")->block, 200,
	     "text/html; charset=utf-8", NULL, body.p, body.n);
	body.n = 0;

	page(&body, "Election result", P_VOTE1, P_VOTE2);
	gzip_into(&gz, body.p, body.n);
	http(&add(a, "response", "http://b.example/vote")->block, 200,
	     "text/html", "Content-Encoding: gzip\r\n", gz.p, gz.n);
	body.n = 0;

	page(&body, "Particle measured", P_LAB1, P_LAB2);
	for (size_t i = 0; i < body.n; i += 37) {
		size_t k = body.n - i < 37 ? body.n - i : 37;
		char size[32];
		snprintf(size, sizeof size, "%zx;ext=1\r\n", k);
		puts_b(&chunked, size);
		put(&chunked, body.p + i, k);
		puts_b(&chunked, "\r\n");
	}
	puts_b(&chunked, "0\r\n\r\n");
	http(&add(a, "response", "http://c.example/lab")->block, 200, "text/html",
	     "Transfer-Encoding: chunked\r\n", chunked.p, chunked.n);
	body.n = gz.n = chunked.n = 0;

	/* chunked and gzip together: the chunks carry the gzip bytes */
	page(&body, "Rates unchanged", P_BOTH1, P_BOTH2);
	gzip_into(&gz, body.p, body.n);
	for (size_t i = 0; i < gz.n; i += 50) {
		size_t k = gz.n - i < 50 ? gz.n - i : 50;
		char size[32];
		snprintf(size, sizeof size, "%zX\r\n", k);
		puts_b(&chunked, size);
		put(&chunked, gz.p + i, k);
		puts_b(&chunked, "\r\n");
	}
	puts_b(&chunked, "0\r\n\r\n");
	http(&add(a, "response", "http://d.example/rates")->block, 200,
	     "text/html",
	     "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
	     chunked.p, chunked.n);

	http(&add(a, "response", "http://a.example/logo.png")->block, 200,
	     "image/png", NULL, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
	http(&add(a, "response", "http://a.example/gone")->block, 404,
	     "text/html", NULL, "<html><body><p>Not found</p></body></html>", 42);
	puts_b(&add(a, "metadata", "http://a.example/storm")->block,
	       "fetchTimeMs: 120\r\n");
	http(&add(a, "revisit", "http://a.example/storm")->block, 200,
	     "text/html", NULL, "", 0);
	/* a DNS lookup recorded as a response (Heritrix does) */
	warc_rec *dns = add(a, "response", "dns:a.example");
	dns->block_type = "text/dns";
	puts_b(&dns->block, "20241027114900\na.example. 300 IN A 192.0.2.1\n");
	free(body.p);
	free(gz.p);
	free(chunked.p);
}

static const struct {
	const char *id, *title, *p1, *p2;
} good_pages[] = {
	{"http://a.example/storm", "Storm hits coast", P_STORM1, P_STORM2},
	{"http://b.example/vote", "Election result", P_VOTE1, P_VOTE2},
	{"http://c.example/lab", "Particle measured", P_LAB1, P_LAB2},
	{"http://d.example/rates", "Rates unchanged", P_BOTH1, P_BOTH2},
};

/* Index of each good page's record in good_archive. */
static const size_t good_index[] = {2, 3, 4, 5};

static void check_good_pages(const capture *c, const char *what,
			     const long long *offsets)
{
	for (size_t i = 0; i < NGI_ARRAY_LEN(good_pages); i++) {
		const cap_record *r = cap_find(c, good_pages[i].id);
		CHECK_MSG(r != NULL, "%s: record %s", what, good_pages[i].id);
		if (!r)
			continue;
		CHECK_STR(r->title, good_pages[i].title);
		CHECK_MSG(r->text && strstr(r->text, good_pages[i].p1) &&
				  strstr(r->text, good_pages[i].p2),
			  "%s: %s body holds both paragraphs: %s", what,
			  r->id, r->text ? r->text : "(null)");
		CHECK_MSG(r->text && !strstr(r->text, "<p>"),
			  "%s: no markup left", what);
		CHECK_STR(r->url, good_pages[i].id);
		CHECK_STR(r->published, "2024-10-27T11:49:00Z");
		CHECK(r->published_source == NGI_PUB_CRAWL);
		CHECK(r->record_no == (long long)good_index[i] + 1);
		if (offsets)
			CHECK_MSG(r->offset == offsets[good_index[i]],
				  "%s: %s offset %lld, want %lld", what, r->id,
				  r->offset, offsets[good_index[i]]);
	}
}

static void test_good_archives(void)
{
	archive a = {0};
	good_archive(&a);
	static const struct {
		const char *rel;
		packing how;
	} variants[] = {{"good.warc", PLAIN},
			{"good.warc.gz", PER_RECORD},
			{"stream.warc.gz", ONE_STREAM},
			{"no-extension", PER_RECORD}};
	for (size_t v = 0; v < NGI_ARRAY_LEN(variants); v++) {
		long long offsets[MAX_RECS];
		const char *path = write_archive(variants[v].rel, &a, variants[v].how,
						 offsets);
		capture c = {0};
		ng_status st = cap_read(&c, path);
		CHECK_MSG(st == NG_OK, "%s: status %d", variants[v].rel, st);
		CHECK_MSG(c.n_rec == 4, "%s: %zu records", variants[v].rel, c.n_rec);
		CHECK(c.stats.skipped == 7); /* warcinfo, request, png, 404,
						metadata, revisit, dns */
		CHECK(c.stats.failed == 0);
		CHECK(cap_errors(&c) == 0);
		check_good_pages(&c, variants[v].rel,
				 variants[v].how == ONE_STREAM ? NULL : offsets);
		CHECK(c.rec[0].source && !strcmp(c.rec[0].source, path));
		/* bytes counts the file as stored */
		FILE *f = fopen(path, "rb");
		fseek(f, 0, SEEK_END);
		CHECK(c.stats.bytes == ftell(f));
		fclose(f);
		cap_clear(&c);
	}
	archive_free(&a);
}

/* Ids are the target URIs: a second read gives the same ids and texts. */
static void test_stable_ids(void)
{
	archive a = {0};
	good_archive(&a);
	const char *path = write_archive("again.warc.gz", &a, PER_RECORD, NULL);
	capture c1 = {0}, c2 = {0};
	cap_read(&c1, path);

	cap_read(&c2, path);
	CHECK(c1.n_rec == c2.n_rec && c1.n_rec == 4);
	for (size_t i = 0; i < c1.n_rec && i < c2.n_rec; i++) {
		CHECK_STR(c1.rec[i].id, c2.rec[i].id);
		CHECK_STR(c1.rec[i].text, c2.rec[i].text);
	}
	cap_clear(&c1);
	cap_clear(&c2);
	archive_free(&a);
}

/* The good pages but one: it is replaced by a response that is bad in
 * one way. The bad record is record bad_at + 1. */
static void bad_archive(archive *a, size_t bad_at, const char *block,
			size_t n, long long declared)
{
	good_archive(a);
	warc_rec *r = &a->rec[bad_at];
	r->uri = "http://bad.example/x";
	r->block.n = 0;
	put(&r->block, block, n);
	r->declared = declared;
}

typedef struct bad_case {
	const char *name;
	const char *block; /* NULL: the good page kept, only the length is off */
	long long declared_delta;
	int huge;
	const char *message; /* the error says this */
} bad_case;

static void check_bad(const char *name, packing how, const bad_case *bc)
{
	archive a = {0};
	const size_t bad_at = 3; /* the gzip-encoded page */
	if (bc->block || bc->huge) {
		const char *blk = bc->block ? bc->block : "HTTP/1.1 200 OK\r\n"
							  "Content-Type: text/html\r\n\r\n<p>x</p>";
		bad_archive(&a, bad_at, blk, strlen(blk),
			    bc->huge ? 2147483648LL : -1);
	} else {
		good_archive(&a);
		a.rec[bad_at].declared = (long long)a.rec[bad_at].block.n +
					 bc->declared_delta;
	}
	char rel[96];
	snprintf(rel, sizeof rel, "%s%s", name,
		 how == PLAIN ? ".warc" : ".warc.gz");
	long long offsets[MAX_RECS];
	const char *path = write_archive(rel, &a, how, offsets);
	capture c = {0};
	ng_status st = cap_read(&c, path);
	CHECK_MSG(st == NG_ERR_INPUT, "%s: status %d", rel, st);
	const cap_diag *d = cap_diag_with(&c, NG_DIAG_ERROR, bc->message);
	CHECK_MSG(d != NULL, "%s: an error saying \"%s\" (%zu diagnostics, "
		  "first: %s)", rel, bc->message, c.n_diag,
		  c.n_diag ? c.diag[0].message : "none");
	if (d) {
		CHECK_STR(d->file, path);
		CHECK_MSG(d->record == (long long)bad_at + 1,
			  "%s: record %lld, want %zu", rel, d->record, bad_at + 1);
		CHECK_MSG(d->offset == offsets[bad_at],
			  "%s: offset %lld, want %lld", rel, d->offset,
			  offsets[bad_at]);
	}
	CHECK_MSG(c.stats.failed == 1, "%s: %lld failed", rel, c.stats.failed);
	/* every other page is still read */
	for (size_t i = 0; i < NGI_ARRAY_LEN(good_pages); i++) {
		if (good_index[i] == bad_at)
			continue;
		const cap_record *r = cap_find(&c, good_pages[i].id);
		CHECK_MSG(r && r->text && strstr(r->text, good_pages[i].p1),
			  "%s: %s still read", rel, good_pages[i].id);
	}
	CHECK_MSG(c.n_rec == 3, "%s: %zu records", rel, c.n_rec);
	cap_clear(&c);
	archive_free(&a);
}

static void test_bad_records(void)
{
	static const bad_case cases[] = {
		{"short-length", NULL, -25, 0, "Content-Length"},
		{"long-length", NULL, +40, 0, "Content-Length"},
		{"not-http", "hello, this is no HTTP response at all", 0, 0,
		 "not an HTTP response"},
		{"no-body", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
			    "<html><head><title>Empty</title></head><body>"
			    "</body></html>", 0, 0, "no article text"},
		{"binary", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
			   "\x01\x00\x00\xff\xfe\x00\x00\x00\x80\x81\x00\x00\x00"
			   "\x9f\x00\x00\x00\x00\x00\x00\x00\x00", 0, 0, "binary"},
		{"huge", NULL, 0, 1, "over the"},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		/* the "binary" block holds NULs: give its true length */
		if (!strcmp(cases[i].name, "binary")) {
			static const char blk[] =
				"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
				"\x01\x00\x00\xff\xfe\x00\x00\x00\x80\x81\x00\x00";
			for (int how = PLAIN; how <= PER_RECORD; how++) {
				archive a = {0};
				bad_archive(&a, 3, blk, sizeof blk - 1, -1);
				long long offsets[MAX_RECS];
				const char *path = write_archive(
					how == PLAIN ? "binary.warc" : "binary.warc.gz",
					&a, (packing)how, offsets);
				capture c = {0};
				CHECK(cap_read(&c, path) == NG_ERR_INPUT);
				const cap_diag *d = cap_diag_with(&c, NG_DIAG_ERROR,
								  "binary");
				CHECK(d && d->record == 4 && d->offset == offsets[3]);
				CHECK(c.n_rec == 3 && c.stats.failed == 1);
				cap_clear(&c);
				archive_free(&a);
			}
			continue;
		}
		check_bad(cases[i].name, PLAIN, &cases[i]);
		/* a declared length past the file: nothing follows in a plain
		 * file, so only the per-record gzip case keeps the rest */
		check_bad(cases[i].name, PER_RECORD, &cases[i]);
	}
}

/* A gzip member cut short in the middle of the file: the record in it is
 * lost, with its member's offset; the records after it are read. */
static void test_truncated_member(void)
{
	archive a = {0};
	good_archive(&a);
	bytes all = {0};
	long long offsets[MAX_RECS];
	for (size_t i = 0; i < a.n; i++) {
		bytes one = {0}, gz = {0};
		warc_record(&one, &a.rec[i]);
		gzip_into(&gz, one.p, one.n);
		offsets[i] = (long long)all.n;
		put(&all, gz.p, i == 3 ? gz.n / 2 : gz.n);
		free(one.p);
		free(gz.p);
	}
	const char *path = cap_write("cut.warc.gz", all.p, all.n);
	capture c = {0};
	ng_status st = cap_read(&c, path);
	CHECK(st == NG_ERR_INPUT);
	const cap_diag *d = cap_diag_with(&c, NG_DIAG_ERROR, "gzip");
	CHECK_MSG(d != NULL, "an error about the gzip member (first: %s)",
		  c.n_diag ? c.diag[0].message : "none");
	if (d) {
		CHECK_STR(d->file, path);
		CHECK_MSG(d->offset == offsets[3], "offset %lld, want %lld",
			  d->offset, offsets[3]);
		CHECK(d->record == 4);
	}
	CHECK(cap_find(&c, "http://a.example/storm") != NULL);
	CHECK(cap_find(&c, "http://b.example/vote") == NULL);
	CHECK(cap_find(&c, "http://c.example/lab") != NULL);
	CHECK(cap_find(&c, "http://d.example/rates") != NULL);
	CHECK(c.n_rec == 3);

	/* cut at the very end of the file */
	size_t end_cut = all.n - 7;
	path = cap_write("cut-end.warc.gz", all.p, end_cut);
	cap_read(&c, path);
	CHECK(cap_diag_with(&c, NG_DIAG_ERROR, "gzip") != NULL);
	CHECK(cap_find(&c, "http://d.example/rates") != NULL);
	free(all.p);
	cap_clear(&c);
	archive_free(&a);
}

/* Not a WARC record where one should begin: reported, the next found. */
static void test_garbage_between_records(void)
{
	archive a = {0};
	good_archive(&a);
	bytes all = {0};
	for (size_t i = 0; i < a.n; i++) {
		if (i == 4)
			puts_b(&all, "this line is not a record\r\nnor this\r\n");
		warc_record(&all, &a.rec[i]);
	}
	const char *path = cap_write("garbage.warc", all.p, all.n);
	capture c = {0};
	CHECK(cap_read(&c, path) == NG_ERR_INPUT);
	CHECK(cap_diag_with(&c, NG_DIAG_ERROR, "not a WARC record") != NULL);
	CHECK(c.n_rec == 4);
	free(all.p);
	cap_clear(&c);
	archive_free(&a);
}

/* One gzip stream: a bad record is named by the stream's member offset
 * (0) and its uncompressed offset. */
static void test_stream_offsets(void)
{
	archive a = {0};
	static const char blk[] = "no HTTP here";
	bad_archive(&a, 3, blk, sizeof blk - 1, -1);
	long long plain[MAX_RECS];
	write_archive("offsets.warc", &a, PLAIN, plain);
	const char *path = write_archive("offsets.warc.gz", &a, ONE_STREAM, NULL);
	capture c = {0};
	CHECK(cap_read(&c, path) == NG_ERR_INPUT);
	const cap_diag *d = cap_diag_with(&c, NG_DIAG_ERROR, "not an HTTP response");
	char want[64];
	snprintf(want, sizeof want, "(uncompressed offset %lld)", plain[3]);
	CHECK(d && d->offset == 0 && d->record == 4);
	CHECK_MSG(d && strstr(d->message, want), "message names %s: %s", want,
		  d ? d->message : "none");
	CHECK(c.n_rec == 3);
	cap_clear(&c);
	archive_free(&a);
}

/* A record whose member ends after one CRLF instead of two: tolerated
 * (the member bounds it), with nothing reported. */
static void test_short_trailer(void)
{
	archive a = {0};
	good_archive(&a);
	bytes all = {0};
	for (size_t i = 0; i < a.n; i++) {
		bytes one = {0};
		warc_record(&one, &a.rec[i]);
		gzip_into(&all, one.p, i == 2 ? one.n - 2 : one.n);
		free(one.p);
	}
	const char *path = cap_write("short-end.warc.gz", all.p, all.n);
	capture c = {0};
	CHECK(cap_read(&c, path) == NG_OK);
	CHECK(c.n_rec == 4 && c.n_diag == 0);
	CHECK(cap_find(&c, "http://a.example/storm") != NULL);
	free(all.p);
	cap_clear(&c);
	archive_free(&a);
}

/* HTTP decoding on its own: chunk extensions, raw deflate, a bomb capped. */
static void test_http_decode(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_http_head h;
	const char *why = NULL;
	static const char resp[] = "HTTP/1.0 200 OK\r\ncontent-type: text/html\r\n"
				   "TRANSFER-ENCODING: chunked\r\n\r\n"
				   "5;name=x\r\nHello\r\n1\r\n,\r\n0\r\n\r\n";
	CHECK(ngi_http_parse_head(resp, sizeof resp - 1, &a, &h, &why) == NG_OK);
	CHECK(h.status == 200);
	CHECK_STR(h.content_type, "text/html");
	ngi_buf tmp, out;
	ngi_buf_init(&tmp, 1 << 20);
	ngi_buf_init(&out, 1 << 20);
	const char *body;
	size_t n;
	CHECK(ngi_http_decode_body(&h, resp + h.header_len,
				   sizeof resp - 1 - h.header_len, &tmp, &out,
				   &body, &n, &why) == NG_OK);
	CHECK(n == 6 && !memcmp(body, "Hello,", 6));

	/* a deflate bomb: 64 MB of zeros must stop at the 1 MB cap */
	size_t big = (size_t)64 << 20;
	char *zeros = calloc(1, big);
	bytes gz = {0};
	gzip_into(&gz, zeros, big);
	free(zeros);
	ngi_http_head g = {.status = 200, .content_encoding = "gzip"};
	CHECK(ngi_http_decode_body(&g, gz.p, gz.n, &tmp, &out, &body, &n, &why) ==
	      NG_ERR_TOOBIG);
	free(gz.p);

	ngi_http_head br = {.status = 200, .content_encoding = "br"};
	CHECK(ngi_http_decode_body(&br, "x", 1, &tmp, &out, &body, &n, &why) ==
	      NG_ERR_INPUT);
	CHECK(ngi_http_parse_head("HTTP/1.1 2x0 OK\r\n\r\n", 19, &a, &h, &why) ==
	      NG_ERR_INPUT);
	ngi_buf_free(&tmp);
	ngi_buf_free(&out);
	ngi_arena_free(&a);
}

/* HTML files, plain and gzip; sniffing of pages, archives and text. */
static void test_html_files_and_sniffing(void)
{
	bytes b = {0};
	page(&b, "Storm hits coast", P_STORM1, P_STORM2);
	const char *html = cap_write("storm.html", b.p, b.n);
	bytes gz = {0};
	gzip_into(&gz, b.p, b.n);
	const char *html_gz = cap_write("storm2.htm.gz", gz.p, gz.n);
	capture c = {0};
	CHECK(cap_read(&c, html) == NG_OK);
	CHECK(c.n_rec == 1);
	CHECK_STR(c.rec[0].id, "storm");
	CHECK_STR(c.rec[0].title, "Storm hits coast");
	CHECK(c.rec[0].text && strstr(c.rec[0].text, P_STORM1));
	CHECK(cap_read(&c, html_gz) == NG_OK);
	CHECK(c.n_rec == 1);
	CHECK_STR(c.rec[0].id, "storm2");
	CHECK(c.rec[0].text && strstr(c.rec[0].text, P_STORM2));

	/* a page with a canonical link: that is its URL */
	b.n = 0;
	puts_b(&b, "<!doctype html><html><head><title>T</title>"
		   "<link rel=\"canonical\" href=\"https://news.example/a/1\">"
		   "</head><body><p>");
	puts_b(&b, P_VOTE1);
	puts_b(&b, "</p></body></html>");
	CHECK(cap_read(&c, cap_write("canon.html", b.p, b.n)) == NG_OK);
	CHECK(c.n_rec == 1);
	CHECK_STR(c.rec[0].url, "https://news.example/a/1");

	/* a page not named .html is still a page; a text is still a text */
	CHECK(cap_read(&c, cap_write("page.txt", b.p, b.n)) == NG_OK);
	CHECK(c.n_rec == 1 && c.rec[0].text && !strstr(c.rec[0].text, "<p>"));
	static const char text[] = "Ministers met in Brussels on Monday.\n\n"
				   "They agreed on a <new> budget.\n";
	CHECK(cap_read(&c, cap_write("note.txt", text, sizeof text - 1)) == NG_OK);
	CHECK(c.n_rec == 1 && c.rec[0].text && strstr(c.rec[0].text, "<new>"));

	/* an HTML page with no body text is an error, not a record */
	static const char empty[] = "<html><head><title>x</title></head>"
				    "<body></body></html>";
	CHECK(cap_read(&c, cap_write("empty.html", empty, sizeof empty - 1)) ==
	      NG_ERR_INPUT);
	CHECK(c.n_rec == 0 && cap_diag_with(&c, NG_DIAG_ERROR, "no article text"));

	/* a page in windows-1251 is a page, not binary data */
	static const char ru[] =
		"<html><head><meta charset=\"windows-1251\"><title>Moscow</title>"
		"</head><body><article><p>\xcc\xee\xf1\xea\xe2\xe0 \xee\xf2\xea"
		"\xf0\xfb\xeb\xe0 \xed\xee\xe2\xf3\xfe \xeb\xe8\xed\xe8\xfe "
		"\xec\xe5\xf2\xf0\xee 11 November 2024, the mayor said on Monday "
		"at the opening of the station.</p><p>The line links the centre "
		"with three new districts in the south of the city.</p></article>"
		"</body></html>";
	CHECK(cap_read(&c, cap_write("ru.html", ru, sizeof ru - 1)) != NG_ERR_NOMEM);
	CHECK(c.n_rec == 1 && c.rec[0].text &&
	      strstr(c.rec[0].text, "the mayor said on Monday") &&
	      strstr(c.rec[0].text, "three new districts"));

	/* a UTF-16 page (BOM, half its bytes NUL) is a page, not binary */
	{
		static const char ascii[] =
			"<html><head><title>Sixteen</title></head><body><p>The "
			"council approved the budget on Tuesday after a long "
			"debate about the new tram line.</p></body></html>";
		char u16[2 + 2 * sizeof ascii];
		size_t n16 = 0;
		u16[n16++] = '\xFF';
		u16[n16++] = '\xFE';
		for (size_t i = 0; i + 1 < sizeof ascii; i++) {
			u16[n16++] = ascii[i];
			u16[n16++] = '\0';
		}
		CHECK(cap_read(&c, cap_write("u16.html", u16, n16)) != NG_ERR_NOMEM);
		CHECK(c.n_rec == 1 && c.rec[0].text &&
		      strstr(c.rec[0].text, "approved the budget on Tuesday"));
	}

	/* binary data named .html (NULs, as in images) */
	unsigned char bin[4096];
	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = i % 3 ? (unsigned char)(i * 7919 % 251) : 0;
	CHECK(cap_read(&c, cap_write("blob.html", bin, sizeof bin)) == NG_ERR_INPUT);
	CHECK(c.n_rec == 0 && c.stats.failed == 1);
	CHECK(cap_diag_with(&c, NG_DIAG_ERROR, "binary") != NULL);
	/* binary data with no name to go by, gzip'd */
	gz.n = 0;
	gzip_into(&gz, (const char *)bin, sizeof bin);
	CHECK(cap_read(&c, cap_write("blob.gz", gz.p, gz.n)) == NG_ERR_INPUT);
	CHECK(c.n_rec == 0 && cap_diag_with(&c, NG_DIAG_ERROR, "binary"));

	/* a .gz that is not gzip past its magic */
	static const char fake[] = "\x1f\x8b\x08\x00garbage that does not inflate";
	CHECK(cap_read(&c, cap_write("fake.jsonl.gz", fake, sizeof fake - 1)) ==
	      NG_ERR_INPUT);
	CHECK(c.n_rec == 0 && cap_diag_with(&c, NG_DIAG_ERROR, "gzip"));

	/* JSON Lines inside gzip */
	static const char jl[] = "{\"id\":\"j1\",\"text\":\"Rain fell in Oslo.\"}\n"
				 "{\"id\":\"j2\",\"text\":\"Snow fell in Bergen.\"}\n";
	gz.n = 0;
	gzip_into(&gz, jl, sizeof jl - 1);
	CHECK(cap_read(&c, cap_write("lines.jsonl.gz", gz.p, gz.n)) == NG_OK);
	CHECK(c.n_rec == 2 && cap_find(&c, "j2"));
	free(b.p);
	free(gz.p);
	cap_clear(&c);
}

/* A directory mixing a WARC, an HTML file and a JSON Lines file. */
static void test_directory(void)
{
	archive a = {0};
	good_archive(&a);
	write_archive("mix/a.warc.gz", &a, PER_RECORD, NULL);
	bytes b = {0};
	page(&b, "Election result", P_VOTE1, P_VOTE2);
	cap_write("mix/b.html", b.p, b.n);
	static const char jl[] = "{\"id\":\"j1\",\"text\":\"Rain fell in Oslo.\"}\n";
	cap_write("mix/c.jsonl", jl, sizeof jl - 1);
	capture c = {0};
	CHECK(cap_read(&c, cap_path("mix")) == NG_OK);
	CHECK(c.n_rec == 6);
	CHECK(c.stats.files == 3);
	CHECK(cap_find(&c, "b") && cap_find(&c, "j1") &&
	      cap_find(&c, "http://d.example/rates"));
	free(b.p);
	cap_clear(&c);
	archive_free(&a);
}

/* A target URI with bytes that are not UTF-8 (latin-1 "é", a NUL is not
 * possible in a header line but 0xFF is): the record's id and url come
 * out repaired, as every string of a record does (found by fuzz_warc:
 * they went raw into the database and the JSON written from it). */
static void test_uri_not_utf8(void)
{
	archive a = {0};
	bytes body = {0};
	page(&body, "Storm hits coast", P_STORM1, P_STORM2);
	http(&add(&a, "response", "http://a.example/caf\xe9/\xff")->block, 200,
	     "text/html; charset=utf-8", NULL, body.p, body.n);
	const char *path = write_archive("latin1-uri.warc", &a, PLAIN, NULL);
	capture c = {0};
	cap_read(&c, path);
	CHECK(c.n_rec == 1);
	if (c.n_rec == 1) {
		CHECK_STR(c.rec[0].url, "http://a.example/caf\xef\xbf\xbd/\xef\xbf\xbd");
		CHECK(c.rec[0].id && ngi_utf8_valid_prefix(c.rec[0].id,
			strlen(c.rec[0].id)) == strlen(c.rec[0].id));
	}
	cap_clear(&c);
	free(body.p);
	archive_free(&a);
}

int main(void)
{
	cap_tmp_init("warc");
	if (mkdir(cap_path("mix"), 0700) != 0)
		return 2;
	test_good_archives();
	test_stable_ids();
	test_bad_records();
	test_truncated_member();
	test_garbage_between_records();
	test_short_trailer();
	test_stream_offsets();
	test_http_decode();
	test_html_files_and_sniffing();
	test_directory();
	test_uri_not_utf8();
	cap_tmp_done();
	return check_report("warc");
}
