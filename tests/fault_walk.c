/*
 * fault_walk.c: the allocation and I/O fault walks (docs/RELIABILITY.md,
 * "Allocation and I/O faults (issue 15)").
 *
 *   fault_walk alloc SCENARIO|all [--every K] [--edge E] [--at N] [--sticky]
 *              [--trace] [--cold] [--jobs J] [--keep] [--work DIR]
 *   fault_walk io SCENARIO|all read|write|sync|full|all [the same options]
 *   fault_walk list
 *
 * A scenario is one operation of the library (or of the server's JSON API
 * below the socket) on a state the walk prepares: ingest the seed
 * articles into a new database, open a stored one and add to it, read and
 * extract one HTML page, answer API requests, take a POST. The walk first
 * runs it without faults in a child process, which counts the operation's
 * allocations (fault_alloc.h) or its reads, writes, syncs and growing
 * writes (fault_vfs.h) and writes down what it gave (the replies, the
 * database's export). Then, for each N, a fresh child prepares the same
 * state and runs the operation with the Nth allocation (or I/O operation
 * of KIND) failing, and checks:
 *  - the status: the right error (NG_ERR_NOMEM for memory; NG_ERR_DB or
 *    NG_ERR_IO with a message naming the disk error for I/O), or success
 *    with exactly the clean run's result;
 *  - no leak (LeakSanitizer's check, in an ASan build) and no crash;
 *  - the database: it opens, holds whole batches of the clean run (a
 *    prefix, nothing committed lost), and the same operation run again
 *    without faults gives the clean run's export byte for byte.
 * Every child starts from the same parent state, so the walk is
 * repeatable (no thread starts: fault_alloc.c). The parent first runs the
 * operation once itself, so the tables a process builds once are built
 * before the children fork (--cold: not, and they are walked too).
 * --every K runs every Kth N and the first and last E (default 3); --at N
 * runs one point (with --trace, in an ASan build, the failing allocation's
 * stack); --sticky fails every allocation from the Nth on; --jobs J runs J
 * points at once; --keep keeps the folders of the points that passed.
 * Exit status: 0 when every point passed, 1 otherwise.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "newsgraph.h"
#include "base/base.h"
#include "serve/api.h"
#include "fault_alloc.h"
#include "fault_vfs.h"

/* LeakSanitizer's in-process check, present in an ASan build. */
int __lsan_do_recoverable_leak_check(void) __attribute__((weak));
/* ASan's: drains the quarantine (freed blocks kept poisoned, 256 MB by
 * default) and gives free memory back (sanitizer/allocator_interface.h). */
void __sanitizer_purge_allocator(void) __attribute__((weak));

enum { BATCH = 2 }; /* records per transaction in the ingest scenarios */

static const char *seeds_dir = "examples/articles";
static char work[PATH_MAX];   /* the walk's folder */
static char ref[PATH_MAX];    /* the clean run's results */

/* ---- small helpers -------------------------------------------------------------- */
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fault_walk: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

/* The point's verdict: a failed check is printed and the child exits 1. */
static int point_failed;
static long point_n;
static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "fault_walk: N=%ld: ", point_n);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	point_failed = 1;
}

static void path_in(char *out, const char *dir, const char *name)
{
	if (snprintf(out, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX)
		die("path too long: %s/%s", dir, name);
}

static int write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int ok = fwrite(data, 1, n, f) == n;
	return (fclose(f) == 0 && ok) ? 0 : -1;
}

/* Reads a whole file into b (cleared first); -1 when it cannot. */
static int read_file(const char *path, ngi_buf *b)
{
	b->len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (ngi_buf_append(b, chunk, n)) {
			rc = -1;
			break;
		}
	fclose(f);
	return rc;
}

static int same_as_file(const ngi_buf *b, const char *path)
{
	ngi_buf want;
	ngi_buf_init(&want, 0);
	int same = read_file(path, &want) == 0 && want.len == b->len &&
		   (b->len == 0 || memcmp(want.data, b->data, b->len) == 0);
	ngi_buf_free(&want);
	return same;
}

static void remove_db(const char *path)
{
	static const char *const ext[] = {"", "-wal", "-shm", "-journal", "-lock"};
	char p[PATH_MAX];
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		snprintf(p, sizeof p, "%s%s", path, ext[i]);
		unlink(p);
	}
}

static int copy_file(const char *from, const char *to)
{
	ngi_buf b;
	ngi_buf_init(&b, 0);
	int rc = read_file(from, &b);
	if (rc == 0)
		rc = write_file(to, b.data ? b.data : "", b.len);
	ngi_buf_free(&b);
	return rc;
}

static int buf_write(void *ctx, const char *data, size_t len)
{
	return ngi_buf_append(ctx, data, len) ? -1 : 0;
}

/* The last error the engine or extractor reported. */
static char last_diag[512];
static int n_diag_errors;
static void on_diag(void *ctx, const ng_diag *d)
{
	if (d->severity == NG_DIAG_ERROR) {
		n_diag_errors++;
		snprintf(last_diag, sizeof last_diag, "%s", d->message ? d->message : "");
	}
}

static void config_for(ng_config *c, const char *db, int read_only)
{
	ng_config_init(c);
	c->db_path = db;
	c->threads = 1;
	c->batch_size = BATCH;
	c->read_only = read_only;
	c->on_diag = on_diag;
}

/* The database's JSON Lines export and its article ids in arrival order
 * (one per line), without faults. */
static ng_status export_db(const char *db, ngi_buf *out, ngi_buf *ids)
{
	ng_config c;
	config_for(&c, db, 1);
	ng_engine *e = NULL;
	ng_status st = ng_engine_open(&c, &e);
	if (!st && out)
		st = ng_export_to(e, NG_FORMAT_JSONL, buf_write, out);
	if (!st && ids) {
		ng_cursor *cur = NULL;
		st = ng_articles_open(e, &cur);
		while (!st && (st = ng_cursor_step(cur)) == NG_ROW) {
			st = ngi_buf_printf(ids, "%s\n", ng_cursor_column_text(cur, 0));
		}
		if (st == NG_DONE)
			st = NG_OK;
		ng_cursor_close(cur);
	}
	ng_status closed = ng_engine_close(e);
	return st ? st : closed;
}

/* ---- what an operation gave ------------------------------------------------------- */
typedef struct outcome {
	ng_status status;
	char errmsg[512];
	ng_ingest_stats stats;
	ngi_buf out;      /* the replies or the extractor's output */
	int no_handle;    /* the engine did not open: no ng_errmsg to read */
} outcome;

/* The ids of `have` (lines) are a prefix of `want`'s, in order, with at
 * most `failed` missing (records rejected on their own) and, past the
 * `base` articles stored before, whole batches of the operation's
 * own, except where the reader stopped (reader_stopped: the records read
 * before it are committed as input that ends there would be). */
static int stored_prefix(const ngi_buf *have, const ngi_buf *want,
			 long long failed, long long base, int reader_stopped)
{
	const char *h = have->data ? have->data : "", *he = h + have->len;
	const char *w = want->data ? want->data : "", *we = w + want->len;
	long long seen = 0, last = 0, total = 0, missing = 0;
	for (const char *p = w; p < we; p = strchr(p, '\n') + 1)
		total++;
	for (const char *p = w; p < we && h < he; p = strchr(p, '\n') + 1) {
		seen++;
		size_t lw = (size_t)(strchr(p, '\n') - p);
		size_t lh = (size_t)(strchr(h, '\n') - h);
		if (lw == lh && memcmp(p, h, lw) == 0) {
			last = seen;
			h += lh + 1;
		} else
			missing++;
	}
	if (h < he)
		return 0; /* an article the clean run does not have, or out of order */
	long long own = last - base;
	if (own < 0 || missing > failed)
		return 0;
	return last == total || reader_stopped || own % BATCH == 0;
}

/* ---- scenarios ---------------------------------------------------------------------- */
typedef struct scenario {
	const char *name;
	const char *what;
	/* makes the state the operation starts from, in dir (no faults) */
	void (*prepare)(const char *dir);
	/* the faulted operation */
	void (*run)(const char *dir, outcome *o);
	/* the checks after a faulted run; clean: the run without faults,
	 * writing the reference files instead */
	void (*check)(const char *dir, outcome *o, int clean);
	int io;   /* 1: has a database to fault */
} scenario;

/* A new article for the scenarios that add to a stored database. */
static const char extra_jsonl[] =
	"{\"id\":\"extra-1\",\"title\":\"Port workers end strike after pay deal\","
	"\"published\":\"2024-03-06\",\"outlet\":\"Example Wire\",\"text\":"
	"\"Dock workers in Rotterdam ended a four-day strike on Wednesday after "
	"unions and port operators agreed a pay rise of 6 percent, the union "
	"FNV said. Ships that had waited off the coast began to unload.\"}\n"
	"{\"id\":\"extra-2\",\"title\":\"Rotterdam strike ends with pay deal\","
	"\"published\":\"2024-03-06\",\"outlet\":\"Harbour News\",\"text\":"
	"\"A four-day strike by dock workers in Rotterdam ended on Wednesday "
	"when unions and port operators agreed a 6 percent pay rise, according "
	"to the union FNV. Waiting ships started to unload.\"}\n";

static const char page_html[] =
	"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
	"<title>Storm closes schools | Example Times</title>"
	"<meta property=\"og:title\" content=\"Storm closes schools across the coast\">"
	"<meta name=\"author\" content=\"Jane Doe\">"
	"<meta property=\"article:published_time\" content=\"2024-02-11T08:30:00Z\">"
	"<link rel=\"canonical\" href=\"/2024/02/11/storm.html\"></head><body>"
	"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
	"<article><h1>Storm closes schools across the coast</h1>"
	"<p class=\"byline\">By Jane Doe, Reuters</p>"
	"<p>Schools along the northern coast stayed shut on Monday as a storm "
	"brought winds of up to 140 km/h, the regional government said.</p>"
	"<p>\"We will reopen as soon as the roads are safe,\" said Maria Lopez, "
	"the education minister, adding that buses would resume on Wednesday.</p>"
	"<p>About 20,000 homes lost power in Gijón and Santander overnight; "
	"crews restored most of it by noon.</p></article>"
	"<aside>Read more: <a href=\"/x\">Other news</a></aside>"
	"<footer>Copyright Example Times</footer></body></html>";

/* ingest: the seed articles into a new database, in batches of BATCH */
static void prepare_nothing(const char *dir)
{
}

static void run_ingest_path(const char *db, const char *path, outcome *o)
{
	ng_config c;
	config_for(&c, db, 0);
	ng_engine *e = NULL;
	o->stats = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	o->status = ng_engine_open(&c, &e);
	if (!o->status)
		o->status = ng_ingest_path(e, path, &o->stats);
	o->no_handle = !e;
	snprintf(o->errmsg, sizeof o->errmsg, "%s", e ? ng_errmsg(e) : last_diag);
	ng_status closed = ng_engine_close(e);
	if (!o->status)
		o->status = closed;
}

static void run_ingest(const char *dir, outcome *o)
{
	char db[PATH_MAX];
	path_in(db, dir, "walk.db");
	run_ingest_path(db, seeds_dir, o);
}

/* The status of a faulted run that did not succeed is the one the fault
 * calls for, and comes with a message. */
static void check_status(const outcome *o, const ng_status *allowed, int n)
{
	if (o->status == NG_OK)
		return; /* the caller compares the result with the clean one */
	for (int i = 0; i < n; i++)
		if (o->status == allowed[i]) {
			if (o->status && o->status != NG_ERR_INPUT && !o->errmsg[0] &&
			    !last_diag[0] &&
			    !(o->no_handle && o->status == NG_ERR_NOMEM))
				fail("status %s without a message", ng_status_str(o->status));
			return;
		}
	fail("status %s (%s)", ng_status_str(o->status), o->errmsg);
}

static ng_status want_status[4];
static int n_want_status;
static int fault_given(void);

/* After a faulted ingest into db: the database opens and holds whole
 * batches (base: articles it held before), and the ingest run again
 * completes to the clean export. */
static void check_db_then_rerun(const char *db, const outcome *o, int clean,
				long long base,
				void (*rerun)(const char *db, outcome *o))
{
	char p[PATH_MAX];
	ngi_buf exp, ids, want_ids;
	ngi_buf_init(&exp, 0);
	ngi_buf_init(&ids, 0);
	ngi_buf_init(&want_ids, 0);
	if (clean) {
		ng_status st = export_db(db, &exp, &ids);
		if (st)
			die("the clean run's database does not export: %s", ng_status_str(st));
		path_in(p, ref, "export.jsonl");
		write_file(p, exp.data ? exp.data : "", exp.len);
		path_in(p, ref, "ids.txt");
		write_file(p, ids.data ? ids.data : "", ids.len);
		goto out;
	}
	if (!o->status && fault_given() >= 0) {
		/* a success: the clean run's result, exactly */
		ng_status st = export_db(db, &exp, NULL);
		path_in(p, ref, "export.jsonl");
		if (st || !same_as_file(&exp, p))
			fail("the run succeeded but its export differs from the clean run's "
			     "(the fault was swallowed)");
		goto out;
	}
	ng_status st = export_db(db, NULL, &ids);
	/* a file whose creation was cut short (the engine did not open)
	 * holds nothing: a reader may refuse it, the next writer completes it */
	if (st && !o->no_handle)
		fail("after the fault the database does not open: %s (%s)",
		     ng_status_str(st), last_diag);
	if (st && strstr(last_diag, "byte order"))
		fail("a file whose creation was cut short reads as another "
		     "machine's: %s", last_diag);
	path_in(p, ref, "ids.txt");
	read_file(p, &want_ids);
	if (!st && !stored_prefix(&ids, &want_ids, o->stats.failed, base,
				  strstr(o->errmsg, "reading ") == o->errmsg))
		fail("after the fault the database holds part of a batch, or not a "
		     "prefix of the input (%zu bytes of ids)", ids.len);
	if (!st && o->stats.added >= 0) {
		long long stored = 0;
		for (size_t i = 0; i < ids.len; i++)
			stored += ids.data[i] == '\n';
		if (stored - base < o->stats.added)
			fail("committed articles lost: %lld stored, %lld reported added",
			     stored - base, o->stats.added);
	}
	/* the same operation again, without faults */
	outcome again;
	memset(&again, 0, sizeof again);
	ngi_buf_init(&again.out, 0);
	rerun(db, &again);
	if (again.status && again.status != NG_ERR_INPUT)
		fail("the run after the fault failed: %s (%s)",
		     ng_status_str(again.status), again.errmsg);
	exp.len = 0;
	st = export_db(db, &exp, NULL);
	path_in(p, ref, "export.jsonl");
	if (st || !same_as_file(&exp, p))
		fail("the run after the fault does not give the clean export");
	ngi_buf_free(&again.out);
out:
	ngi_buf_free(&exp);
	ngi_buf_free(&ids);
	ngi_buf_free(&want_ids);
}

static void rerun_ingest(const char *db, outcome *o)
{
	run_ingest_path(db, seeds_dir, o);
}

static void check_ingest(const char *dir, outcome *o, int clean)
{
	char db[PATH_MAX];
	path_in(db, dir, "walk.db");
	if (!clean)
		check_status(o, want_status, n_want_status);
	check_db_then_rerun(db, o, clean, 0, rerun_ingest);
}

/* reopen: the seed database opened (its link state replayed) and two new
 * articles added from memory */
static void prepare_seed_db(const char *dir)
{
	char from[PATH_MAX], db[PATH_MAX];
	path_in(from, work, "seed.db");
	path_in(db, dir, "walk.db");
	if (copy_file(from, db))
		die("cannot copy %s: %s", from, strerror(errno));
}

static void run_add_bytes(const char *db, outcome *o)
{
	ng_config c;
	config_for(&c, db, 0);
	ng_engine *e = NULL;
	o->stats = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	o->status = ng_engine_open(&c, &e);
	if (!o->status)
		o->status = ng_ingest_bytes(e, "extra.jsonl", extra_jsonl,
					    sizeof extra_jsonl - 1, &o->stats);
	o->no_handle = !e;
	snprintf(o->errmsg, sizeof o->errmsg, "%s", e ? ng_errmsg(e) : last_diag);
	ng_status closed = ng_engine_close(e);
	if (!o->status)
		o->status = closed;
}

static void run_reopen(const char *dir, outcome *o)
{
	char db[PATH_MAX];
	path_in(db, dir, "walk.db");
	run_add_bytes(db, o);
}

static void check_reopen(const char *dir, outcome *o, int clean)
{
	char db[PATH_MAX];
	path_in(db, dir, "walk.db");
	if (!clean)
		check_status(o, want_status, n_want_status);
	/* the seed articles were committed before: all must stay */
	long long base = 0;
	ngi_buf ids;
	ngi_buf_init(&ids, 0);
	char seed[PATH_MAX];
	path_in(seed, work, "seed.db");
	if (export_db(seed, NULL, &ids) == NG_OK)
		for (size_t i = 0; i < ids.len; i++)
			base += ids.data[i] == '\n';
	ngi_buf_free(&ids);
	check_db_then_rerun(db, o, clean, base, run_add_bytes);
}

/* html: one page read from a file and extracted to JSON */
static void prepare_page(const char *dir)
{
	char p[PATH_MAX];
	path_in(p, dir, "page.html");
	if (write_file(p, page_html, sizeof page_html - 1))
		die("cannot write %s", p);
}

static void run_html(const char *dir, outcome *o)
{
	char p[PATH_MAX], q[PATH_MAX];
	path_in(p, dir, "page.html");
	path_in(q, dir, "page.json");
	FILE *out = fopen(q, "wb");
	if (!out)
		die("cannot write %s", q);
	ng_extract_options opt = NG_SIZED_INIT(ng_extract_options);
	opt.url = "https://www.example.com/news/storm";
	opt.on_diag = on_diag;
	o->status = ng_extract_file(p, &opt, out);
	snprintf(o->errmsg, sizeof o->errmsg, "%s", last_diag);
	if (fclose(out))
		die("cannot write %s", q);
}

static void check_html(const char *dir, outcome *o, int clean)
{
	char p[PATH_MAX];
	path_in(p, dir, "page.json");
	read_file(p, &o->out);
	path_in(p, ref, "page.json");
	if (clean) {
		write_file(p, o->out.data ? o->out.data : "", o->out.len);
		return;
	}
	check_status(o, want_status, n_want_status);
	if (!o->status && !same_as_file(&o->out, p))
		fail("the extraction succeeded with other output than the clean run's");
	if (o->status && o->out.len)
		fail("the extraction failed (%s) but wrote %zu bytes",
		     ng_status_str(o->status), o->out.len);
}

/* api: GET requests of the JSON API, answered by ngs_api_handle (what the
 * server calls below libmicrohttpd) on a read-only engine it opens */
typedef struct param {
	const char *name, *value;
} param;
typedef struct get_request {
	const char *path;
	param params[3];
} get_request;
static const get_request gets[] = {
	{"/api/", {{NULL, NULL}}},
	{"/api/stories", {{"limit", "5"}, {NULL, NULL}}},
	{"/api/stories/1", {{NULL, NULL}}},
	{"/api/stories/1/articles", {{NULL, NULL}}},
	{"/api/stories/1/copies", {{NULL, NULL}}},
	{"/api/stories/1/timeline", {{NULL, NULL}}},
	{"/api/articles", {{"limit", "3"}, {NULL, NULL}}},
	{"/api/search", {{"q", "minister"}, {NULL, NULL}}},
	{"/api/entities", {{"limit", "5"}, {NULL, NULL}}},
	{"/api/quotes", {{NULL, NULL}}},
	{"/api/claims", {{NULL, NULL}}},
	{"/api/nothing-here", {{NULL, NULL}}},
};

static const char *get_param(void *ctx, const char *name)
{
	const param *p = ctx;
	for (; p->name; p++)
		if (!strcmp(p->name, name))
			return p->value;
	return NULL;
}

static ngs_request request_for(const char *method, const char *path,
			       const param *params)
{
	ngs_request rq;
	memset(&rq, 0, sizeof rq);
	rq.method = method;
	rq.path = path;
	rq.param = get_param;
	rq.param_ctx = (void *)params;
	rq.client = "127.0.0.1";
	return rq;
}

/* One reply in the outcome: "STATUS LENGTH\n" and the body. */
static void add_reply(outcome *o, const ngs_reply *rp)
{
	fault_alloc_hold(1);
	ngi_buf_printf(&o->out, "%d %zu\n", rp->status, rp->body.len);
	if (rp->body.len)
		ngi_buf_append(&o->out, rp->body.data, rp->body.len);
	fault_alloc_hold(0);
}

/* The next reply of [*p, end): its status, body and length; 0 at the end. */
static int next_reply(const char **p, const char *end, int *status,
		      const char **body, size_t *len)
{
	if (*p >= end)
		return 0;
	char *after;
	long st = strtol(*p, &after, 10);
	unsigned long long n = strtoull(after, &after, 10);
	if (*after != '\n' || n > (unsigned long long)(end - after - 1))
		die("garbled reply record");
	*status = (int)st;
	*body = after + 1;
	*len = (size_t)n;
	*p = *body + n;
	return 1;
}

static void run_api(const char *dir, outcome *o)
{
	char db[PATH_MAX];
	path_in(db, dir, "walk.db");
	ng_config c;
	config_for(&c, db, 1);
	ng_engine *e = NULL;
	o->status = ng_engine_open(&c, &e);
	if (o->status) {
		o->no_handle = 1;
		snprintf(o->errmsg, sizeof o->errmsg, "%s", last_diag);
		return;
	}
	for (size_t i = 0; i < sizeof gets / sizeof *gets; i++) {
		ngs_request rq = request_for("GET", gets[i].path, gets[i].params);
		ngs_reply rp;
		ngs_reply_init(&rp);
		ngs_api_handle(e, &rq, &rp);
		add_reply(o, &rp);
		ngs_reply_free(&rp);
	}
	ng_engine_close(e);
}

/* Each reply is the clean one, or an error the fault explains: 500, or
 * 503 "out of memory" (docs/API.md), with an error body (or none, when
 * even that could not be written). */
static void check_replies(const outcome *o, const char *ref_name)
{
	char p[PATH_MAX];
	path_in(p, ref, ref_name);
	ngi_buf want;
	ngi_buf_init(&want, 0);
	read_file(p, &want);
	const char *h = o->out.data ? o->out.data : "", *he = h + o->out.len;
	const char *w = want.data ? want.data : "", *we = w + want.len;
	int hs, ws, k = 0;
	const char *hb, *wb;
	size_t hl, wl;
	for (;;) {
		int more_h = next_reply(&h, he, &hs, &hb, &hl);
		int more_w = next_reply(&w, we, &ws, &wb, &wl);
		if (!more_h || !more_w) {
			if (more_h != more_w)
				fail("%s replies than the clean run", more_h ? "more" : "fewer");
			break;
		}
		k++;
		int same = hs == ws && hl == wl && memcmp(hb, wb, hl) == 0;
		int error = (hs == 500 || hs == 503) &&
			    (hl == 0 || (hl > 9 && !memcmp(hb, "{\"error\":", 9)));
		if (!same && !error)
			fail("reply %d is neither the clean one nor an error: %d %.*s", k,
			     hs, (int)(hl > 300 ? 300 : hl), hb);
	}
	ngi_buf_free(&want);
}

static void check_api(const char *dir, outcome *o, int clean)
{
	char p[PATH_MAX];
	if (clean) {
		path_in(p, ref, "replies.txt");
		write_file(p, o->out.data ? o->out.data : "", o->out.len);
		return;
	}
	if (o->status) {
		check_status(o, want_status, n_want_status);
		return;
	}
	check_replies(o, "replies.txt");
}

/* post: POST /api/articles with two articles, on the seed database, the
 * way the server's writer takes it (idle 0: opened and closed for it) */
static void post_bytes(const char *db, outcome *o)
{
	ngs_writer w;
	ngs_writer_init(&w, db, 1, 0);
	static const param none[] = {{NULL, NULL}};
	ngs_request rq = request_for("POST", "/api/articles", none);
	rq.content_type = "application/x-ndjson";
	rq.body = extra_jsonl;
	rq.body_len = sizeof extra_jsonl - 1;
	rq.writer = &w;
	ngs_reply rp;
	ngs_reply_init(&rp);
	ngs_api_handle(NULL, &rq, &rp);
	add_reply(o, &rp);
	o->status = rp.status == 200 || rp.status == 201 ? NG_OK : NG_ERR_INTERNAL;
	snprintf(o->errmsg, sizeof o->errmsg, "%d", rp.status);
	ngs_reply_free(&rp);
	ngs_writer_free(&w);
}

static void run_post(const char *dir, outcome *o)
{
	char db[PATH_MAX];
	path_in(db, dir, "walk.db");
	post_bytes(db, o);
}

static void check_post(const char *dir, outcome *o, int clean)
{
	char db[PATH_MAX], p[PATH_MAX];
	path_in(db, dir, "walk.db");
	if (clean) {
		path_in(p, ref, "post.txt");
		write_file(p, o->out.data ? o->out.data : "", o->out.len);
	} else {
		check_replies(o, "post.txt");
	}
	/* the database: the seeds and both new articles, or only the seeds;
	 * the POST again gives the clean export */
	long long base = 0;
	ngi_buf ids;
	ngi_buf_init(&ids, 0);
	char seed[PATH_MAX];
	path_in(seed, work, "seed.db");
	if (export_db(seed, NULL, &ids) == NG_OK)
		for (size_t i = 0; i < ids.len; i++)
			base += ids.data[i] == '\n';
	ngi_buf_free(&ids);
	o->stats = (ng_ingest_stats)NG_INGEST_STATS_INIT;
	check_db_then_rerun(db, o, clean, base, post_bytes);
}

static const scenario scenarios[] = {
	{"ingest", "the seed articles into a new database (batches of 2)",
	 prepare_nothing, run_ingest, check_ingest, 1},
	{"reopen", "open the seed database (replay) and add two articles",
	 prepare_seed_db, run_reopen, check_reopen, 1},
	{"html", "read one HTML page and extract its article",
	 prepare_page, run_html, check_html, 0},
	{"api", "open a reader and answer 12 GET requests of the JSON API",
	 prepare_seed_db, run_api, check_api, 1},
	{"post", "POST /api/articles: two articles through the server's writer",
	 prepare_seed_db, run_post, check_post, 1},
};

/* ---- the walk --------------------------------------------------------------------------- */
static int mode_io;
static fault_io io_kind;
static int sticky, trace;

static int fault_given(void)
{
	return mode_io ? fault_vfs_hit() : fault_alloc_hit();
}

static const char *kind_name(fault_io k)
{
	switch (k) {
	case FAULT_IO_READ: return "read";
	case FAULT_IO_WRITE: return "write";
	case FAULT_IO_SYNC: return "sync";
	case FAULT_IO_FULL: return "full";
	default: return mode_io ? "io" : "alloc";
	}
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
			struct FTW *ftw)
{
	return remove(path);
}

/* Removes a folder and everything in it (none: nothing to do). */
static void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The folder of point n of scenario s (and of the I/O kind walked). */
static void point_dir(char *out, const scenario *s, long n)
{
	if (snprintf(out, PATH_MAX, "%s/%s-%s-n%ld", work, s->name,
		     kind_name(mode_io ? io_kind : FAULT_IO_NONE), n) >= PATH_MAX)
		die("path too long: %s", work);
}

/* One run in this (child) process: prepare, arm, run, disarm, check.
 * n == 0: the clean run, which writes the reference files and the count
 * (to fd). Returns the exit status. */
static int run_point(const scenario *s, long n, long long budget, int fd)
{
	char dir[PATH_MAX];
	point_dir(dir, s, n);
	remove_tree(dir);
	if (mkdir(dir, 0777))
		die("cannot make %s: %s", dir, strerror(errno));
	s->prepare(dir);
	point_n = n;
	outcome o;
	memset(&o, 0, sizeof o);
	ngi_buf_init(&o.out, 0);
	last_diag[0] = 0;
	n_diag_errors = 0;
	long long count = 0;
	if (mode_io) {
		if (n == 0)
			fault_vfs_arm(FAULT_IO_NONE, 0);
		else
			fault_vfs_arm(io_kind, io_kind == FAULT_IO_FULL ? budget : n);
		s->run(dir, &o);
		fault_vfs_disarm();
		count = fault_vfs_count(io_kind);
	} else {
		fault_alloc_trace(trace);
		fault_alloc_arm(n, sticky);
		s->run(dir, &o);
		count = fault_alloc_disarm();
	}
	if (n > 0 && __lsan_do_recoverable_leak_check &&
	    __lsan_do_recoverable_leak_check())
		fail("memory leaked (LeakSanitizer's report above)");
	if (n == 0) {
		if (o.status && o.status != NG_ERR_INPUT)
			die("%s: the run without faults failed: %s (%s)", s->name,
			    ng_status_str(o.status), o.errmsg);
		/* alloc: the count; io: the counts of the four kinds, then
		 * the growth before each growing write (the full-disk budgets) */
		char line[128];
		int len = mode_io ? snprintf(line, sizeof line, "%lld %lld %lld %lld\n",
					     fault_vfs_count(FAULT_IO_READ),
					     fault_vfs_count(FAULT_IO_WRITE),
					     fault_vfs_count(FAULT_IO_SYNC),
					     fault_vfs_count(FAULT_IO_FULL))
				  : snprintf(line, sizeof line, "%lld\n", count);
		if (write(fd, line, (size_t)len) != len)
			die("cannot report the count");
		for (long long k = 1; mode_io && k <= fault_vfs_count(FAULT_IO_FULL); k++) {
			len = snprintf(line, sizeof line, "%lld\n", fault_vfs_growth_before(k));
			if (write(fd, line, (size_t)len) != len)
				die("cannot report the count");
		}
	}
	s->check(dir, &o, n == 0);
	ngi_buf_free(&o.out);
	return point_failed;
}

/* Forks a child for point n; returns 0 when it passed. For n == 0 the
 * counts come back in *counts (the number of points; for a full disk the
 * growth before each growing write, in budgets). */
static int fork_point(const scenario *s, long n, long long budget,
		      long long **budgets, long *count)
{
	int fds[2];
	if (pipe(fds))
		die("pipe: %s", strerror(errno));
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		close(fds[0]);
		int rc = run_point(s, n, budget, fds[1]);
		close(fds[1]);
		fflush(NULL);
		_exit(rc);
	}
	close(fds[1]);
	if (n == 0) {
		FILE *in = fdopen(fds[0], "r");
		long long v;
		long k = 0, cap = 0;
		while (in && fscanf(in, "%lld", &v) == 1) {
			if (k == cap) {
				cap = cap ? 2 * cap : 256;
				*budgets = realloc(*budgets, (size_t)cap * sizeof **budgets);
				if (!*budgets)
					die("out of memory");
			}
			(*budgets)[k++] = v;
		}
		if (in)
			fclose(in);
		*count = k; /* the numbers read (see run_point) */
	} else
		close(fds[0]);
	int ws = 0;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(ws)) {
		fprintf(stderr, "fault_walk: %s: N=%ld: killed by signal %d\n", s->name, n,
			WTERMSIG(ws));
		return 1;
	}
	return WEXITSTATUS(ws) != 0;
}

/* In an ASan build, the warm run leaves the parent's quarantine almost
 * full (231 of its 256 MB after one ingest): every child then recycles
 * the parent's freed blocks as its own frees push them out, and each
 * recycled block writes to a page it shares with the parent, a
 * copy-on-write fault (perf: half of a point's time, in the kernel).
 * Draining it once in the parent, before the children fork, checks no
 * less: a child's own frees still stay poisoned for the whole 256 MB
 * (longer than before, as they no longer share it with the parent's), and
 * a block the parent freed stays poisoned until it is handed out again.
 * The drain gives the freed pages back to the system, and LeakSanitizer's
 * check reads a header in every block ever carved, freed or not: run once
 * here it maps those pages (read: the shared zero page) before the fork,
 * not again in every child. Its verdict is the warm run's: a leak there
 * would fail every point. */
static void forget_freed(void)
{
	if (__sanitizer_purge_allocator)
		__sanitizer_purge_allocator();
	if (__lsan_do_recoverable_leak_check && __lsan_do_recoverable_leak_check())
		die("the run without faults in the walk's own process leaked");
}

static int cold; /* 1: the parent never runs the library (see main) */
static int keep; /* 1: keep the folders of the points that passed */

enum { MAX_JOBS = 8 };
static int jobs = 1; /* points run at once (--jobs) */
typedef struct running_point {
	pid_t pid;
	long n;
} running_point;

/* Waits for one of the running points; returns 1 when it failed. A point
 * that passed leaves no folder behind (unless --keep). */
static int reap_point(const scenario *s, running_point *running, int *n_running)
{
	int ws = 0;
	pid_t pid;
	while ((pid = waitpid(-1, &ws, 0)) < 0 && errno == EINTR)
		;
	if (pid < 0)
		die("waitpid: %s", strerror(errno));
	int k = 0;
	while (k < *n_running && running[k].pid != pid)
		k++;
	if (k == *n_running)
		return 0; /* not a point's */
	long n = running[k].n;
	running[k] = running[--*n_running];
	int bad = 1;
	if (WIFSIGNALED(ws))
		fprintf(stderr, "fault_walk: %s: N=%ld: killed by signal %d\n", s->name,
			n, WTERMSIG(ws));
	else
		bad = WEXITSTATUS(ws) != 0;
	if (!bad && !keep) {
		char dir[PATH_MAX];
		point_dir(dir, s, n);
		remove_tree(dir);
	}
	return bad;
}

/* Runs the points of one kind (io_kind in an I/O walk) of scenario s: 1 to
 * total + 1 (the last: no fault), or a sample of them. Returns 1 when one
 * failed. */
static int walk_kind(const scenario *s, long total, const long long *growth,
		     long every, long edge, long only)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long runs = 0, failed = 0;
	running_point running[MAX_JOBS];
	int n_running = 0;
	for (long n = 1; n <= total + 1; n++) {
		if (only && n != only)
			continue;
		if (!only && every > 1 && n > edge && n <= total + 1 - edge && n % every)
			continue;
		long long budget = 0;
		if (mode_io && io_kind == FAULT_IO_FULL) {
			if (n > total)
				continue; /* a budget past the last growing write: no fault */
			budget = growth[n - 1];
		}
		if (total == 0)
			continue; /* nothing to fail: the clean run said it all */
		runs++;
		if (n_running == jobs)
			failed += reap_point(s, running, &n_running);
		fflush(NULL);
		pid_t pid = fork();
		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			int rc = run_point(s, n, budget, -1);
			fflush(NULL);
			_exit(rc);
		}
		running[n_running].pid = pid;
		running[n_running++].n = n;
	}
	while (n_running)
		failed += reap_point(s, running, &n_running);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("fault_walk: %s %s%s: %ld points, %ld run, %ld failed (%.1f s)\n",
	       kind_name(mode_io ? io_kind : FAULT_IO_NONE), s->name,
	       sticky ? " sticky" : "", total, runs, failed,
	       (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	fflush(stdout);
	return failed != 0;
}

/* Walks scenario s: the clean run once (counting), then each kind asked
 * for ("all", or one name) in an I/O walk, or the allocations. */
static int walk(const scenario *s, const char *kinds, long every, long edge,
		long only)
{
	static int warm;
	if (!cold && !warm++) {
		/* once in this process, without faults: the tables the process
		 * builds once (places, stopwords, models) are built before the
		 * children fork */
		char dir[PATH_MAX];
		point_dir(dir, s, -1);
		remove_tree(dir);
		mkdir(dir, 0777);
		s->prepare(dir);
		outcome o;
		memset(&o, 0, sizeof o);
		ngi_buf_init(&o.out, 0);
		s->run(dir, &o);
		ngi_buf_free(&o.out);
	}
	forget_freed();
	long long *numbers = NULL;
	long n_numbers = 0;
	io_kind = FAULT_IO_NONE;
	if (fork_point(s, 0, 0, &numbers, &n_numbers))
		die("%s: the run without faults failed its checks", s->name);
	int bad = 0;
	if (!mode_io)
		bad = walk_kind(s, n_numbers ? (long)numbers[0] : 0, NULL, every, edge,
				only);
	for (fault_io k = FAULT_IO_READ; mode_io && k <= FAULT_IO_FULL; k++) {
		if (strcmp(kinds, "all") && strcmp(kinds, kind_name(k)))
			continue;
		if (n_numbers < 4)
			die("%s: the clean run did not report its counts", s->name);
		io_kind = k;
		bad |= walk_kind(s, (long)numbers[k - 1], numbers + 4, every, edge, only);
	}
	free(numbers);
	return bad;
}

/* The seed database the scenarios that open a stored one start from. */
static void make_seed_db(void)
{
	char db[PATH_MAX];
	path_in(db, work, "seed.db");
	remove_db(db);
	pid_t pid = fork();
	if (pid == 0) {
		outcome o;
		memset(&o, 0, sizeof o);
		run_ingest_path(db, seeds_dir, &o);
		_exit(o.status && o.status != NG_ERR_INPUT);
	}
	int ws = 0;
	waitpid(pid, &ws, 0);
	if (!WIFEXITED(ws) || WEXITSTATUS(ws))
		die("cannot make the seed database %s", db);
}

static void usage(void)
{
	fputs("usage: fault_walk alloc SCENARIO|all [--every K] [--edge E] [--at N] "
	      "[--sticky] [--trace] [--cold] [--keep] [--jobs J]\n"
	      "       fault_walk io SCENARIO|all read|write|sync|full|all [--every K] "
	      "[--edge E] [--at N]\n"
	      "       fault_walk list\n"
	      "options: --work DIR (default: a new folder under /tmp), --seeds DIR "
	      "(default examples/articles)\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "list")) {
		for (size_t i = 0; i < sizeof scenarios / sizeof *scenarios; i++)
			printf("%-8s %s%s\n", scenarios[i].name, scenarios[i].what,
			       scenarios[i].io ? "" : " (no database: alloc only)");
		return 0;
	}
	if (argc < 3)
		usage();
	mode_io = !strcmp(argv[1], "io");
	if (!mode_io && strcmp(argv[1], "alloc"))
		usage();
	const char *which = argv[2];
	const char *kinds = "all";
	int a = 3;
	if (mode_io) {
		if (argc < 4)
			usage();
		kinds = argv[3];
		a = 4;
	}
	long every = 1, edge = 3, only = 0;
	const char *workdir = NULL;
	for (; a < argc; a++) {
		const char *v = a + 1 < argc ? argv[a + 1] : NULL;
		if (!strcmp(argv[a], "--every") && v)
			every = atol(v), a++;
		else if (!strcmp(argv[a], "--edge") && v)
			edge = atol(v), a++;
		else if (!strcmp(argv[a], "--at") && v)
			only = atol(v), a++;
		else if (!strcmp(argv[a], "--work") && v)
			workdir = v, a++;
		else if (!strcmp(argv[a], "--seeds") && v)
			seeds_dir = v, a++;
		else if (!strcmp(argv[a], "--sticky"))
			sticky = 1;
		else if (!strcmp(argv[a], "--trace"))
			trace = 1;
		else if (!strcmp(argv[a], "--cold"))
			cold = 1;
		else if (!strcmp(argv[a], "--keep"))
			keep = 1;
		else if (!strcmp(argv[a], "--jobs") && v)
			jobs = atoi(v), a++;
		else
			usage();
	}
	if (every < 1 || edge < 0 || only < 0 || jobs < 1 || jobs > MAX_JOBS)
		usage();
	if (workdir)
		snprintf(work, sizeof work, "%s", workdir);
	else {
		snprintf(work, sizeof work, "/tmp/fault_walk.XXXXXX");
		if (!mkdtemp(work))
			die("mkdtemp: %s", strerror(errno));
	}
	mkdir(work, 0777);
	path_in(ref, work, "ref");
	mkdir(ref, 0777);
	if (mode_io && fault_vfs_register())
		die("cannot register the VFS shim");
	if (!mode_io) {
		want_status[0] = NG_ERR_NOMEM;
		want_status[1] = NG_ERR_INPUT; /* one record rejected (out of memory) */
		n_want_status = 2;
	} else {
		want_status[0] = NG_ERR_DB;
		want_status[1] = NG_ERR_IO;
		n_want_status = 2;
	}
	int any = 0, bad = 0;
	for (size_t i = 0; i < sizeof scenarios / sizeof *scenarios; i++) {
		const scenario *s = &scenarios[i];
		if (strcmp(which, "all") && strcmp(which, s->name))
			continue;
		any = 1;
		if (mode_io && !s->io)
			continue;
		if (s->prepare == prepare_seed_db)
			make_seed_db();
		bad |= walk(s, kinds, every, edge, only);
	}
	if (!any)
		usage();
	if (!workdir) {
		char cmd[PATH_MAX + 16];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
		if (system(cmd) != 0)
			fprintf(stderr, "fault_walk: cannot remove %s\n", work);
	}
	return bad;
}
