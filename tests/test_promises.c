/*
 * test_promises.c: the promises of README.md and include/newsgraph.h that
 * a new user broke (issue 10), through the public API only.
 *
 *  - one huge article (no punctuation, past the entity mention cap) is
 *    stored, and so are the articles beside it; a text past
 *    NG_MAX_TEXT_BYTES is one rejected record, the rest is stored; a
 *    phrase repeated thousands of times makes a bounded number of
 *    mentions (the work per article is capped);
 *  - the same record twice is stored once, also when its id was taken by
 *    other content and it went in as "ID~N";
 *  - a read-only engine writes nothing, does not wait for a writer holding
 *    a write transaction, and refuses to ingest;
 *  - a second writer on a file is refused at once;
 *  - a failed commit is not counted as added, and a failed flush at close
 *    reaches the caller (ng_engine_close's status).
 */
#include <newsgraph.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"


static char dir[64];

static const char *in_dir(const char *name)
{
	static char path[4][256];
	static int slot;
	slot = (slot + 1) % 4;
	snprintf(path[slot], sizeof path[slot], "%s/%s", dir, name);
	return path[slot];
}

static void write_text(const char *name, const char *text)
{
	FILE *f = fopen(in_dir(name), "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static ng_engine *open_engine(const char *db, int read_only, int batch,
			      check_diags *g, ng_status *st_out)
{
	ng_config c;
	ng_config_init(&c);
	c.db_path = db;
	c.threads = 2;
	c.batch_size = batch;
	c.read_only = read_only;
	c.on_diag = check_collect;
	c.diag_ctx = g;
	ng_engine *e = NULL;
	ng_status st = ng_engine_open(&c, &e);
	if (st_out)
		*st_out = st;
	return st ? NULL : e;
}

static int stored(ng_engine *e, const char *id)
{
	ng_article_info a;
	return ng_article_get(e, id, &a) == NG_OK;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *lead =
	"Storm floods the river town. Heavy rain flooded the streets of the "
	"river town on Monday and the mayor said hundreds of homes were hit.";
static const char *other =
	"Parliament passes the budget. Lawmakers approved the spending plan "
	"late on Thursday after a long debate about taxes and schools.";

/* ---- one huge article ----------------------------------------------------- */
/* More name spans than NGI_ENTITY_MAX_MENTIONS (100,000), no punctuation
 * at all, and a title phrase ("foreign minister") met again after the cap:
 * the description pass used to take the full span table for out of
 * memory, and the whole batch failed with it. About 1.1 MB. */
static char *huge_article(size_t *len)
{
	const char *head = "Foreign minister talks\n\nthe foreign minister John "
			   "Smith said the talks went on ";
	const char *unit = "Paris and ";
	const char *tail = "and the foreign minister said more\n";
	size_t n_units = 110000;
	size_t n = strlen(head) + n_units * strlen(unit) + strlen(tail);
	char *s = malloc(n + 1);
	if (!s)
		return NULL;
	char *o = s;
	o += sprintf(o, "%s", head);
	for (size_t i = 0; i < n_units; i++)
		o += sprintf(o, "%s", unit);
	o += sprintf(o, "%s", tail);
	*len = (size_t)(o - s);
	return s;
}

static void test_huge_article(void)
{
	size_t len = 0;
	char *big = huge_article(&len);
	CHECK(big != NULL);
	if (!big)
		return;
	CHECK(mkdir(in_dir("huge"), 0700) == 0);
	write_text("huge/a-small.txt", lead);
	write_text("huge/b-huge.txt", big);
	write_text("huge/c-small.txt", other);
	free(big);

	check_diags g = {0};
	ng_engine *e = open_engine(in_dir("huge.db"), 0, 0, &g, NULL);
	CHECK(e != NULL);
	if (!e)
		return;
	ng_ingest_stats s = {0};
	ng_status st = ng_ingest_path(e, in_dir("huge"), &s);
	CHECK_MSG(st == NG_OK, "status %s: %.200s (%.200s)", ng_status_str(st),
		  ng_errmsg(e), g.last);
	CHECK_MSG(s.added == 3 && s.failed == 0, "%lld added, %lld failed",
		  s.added, s.failed);
	CHECK(stored(e, "a-small"));
	CHECK(stored(e, "c-small"));
	ng_article_info a;
	CHECK(ng_article_get(e, "b-huge", &a) == NG_OK && a.n_words > 200000);
	ng_mention_info m[1];
	int n_m = 0;
	CHECK(ng_article_mentions(e, "b-huge", m, 1, &n_m) == NG_OK);
	CHECK_MSG(n_m > 1000 && n_m <= 100001, "%d mentions", n_m);

	/* a text past the cap: one rejected record, named; the next stored */
	size_t too_big = NG_MAX_TEXT_BYTES + 1;
	void *map = mmap(NULL, too_big, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	CHECK(map != MAP_FAILED);
	if (map != MAP_FAILED) {
		ng_record r = {.id = "too-big", .text = map, .text_len = too_big};
		ng_record ok = {.id = "after", .text = other};
		ng_ingest_stats s2 = {0};
		int errors = g.errors;
		CHECK(ng_ingest_record(e, &r, "api", &s2) == NG_ERR_TOOBIG);
		CHECK(g.errors == errors + 1 && strstr(g.last, "cap"));
		CHECK(ng_ingest_record(e, &ok, "api", &s2) == NG_OK);
		CHECK(ng_ingest_flush(e, &s2) == NG_OK);
		CHECK(s2.failed == 1 && s2.added == 1);
		CHECK(!stored(e, "too-big"));
		CHECK(stored(e, "after"));
		munmap(map, too_big);
	}
	CHECK(ng_engine_close(e) == NG_OK);
}

/* One phrase naming a person, repeated: each repeat is a mention of the
 * person, checked against every span, which made the work grow with the
 * square of the repeats (60,000 repeats: 24 s). Descriptions make at most
 * 1,000 mentions per article. */
static void test_repeated_description(void)
{
	const char *head = "the foreign minister John Smith said the talks went on";
	const char *unit = " and the foreign minister said more";
	size_t n_units = 3000;
	char *s = malloc(strlen(head) + n_units * strlen(unit) + 1);
	CHECK(s != NULL);
	if (!s)
		return;
	char *o = s + sprintf(s, "%s", head);
	for (size_t i = 0; i < n_units; i++)
		o += sprintf(o, "%s", unit);
	check_diags g = {0};
	ng_engine *e = open_engine(NULL, 0, 0, &g, NULL);
	CHECK(e != NULL);
	if (e) {
		ng_record r = {.id = "repeats", .text = s};
		CHECK(ng_ingest_record(e, &r, "api", NULL) == NG_OK);
		CHECK(ng_ingest_flush(e, NULL) == NG_OK);
		int n = 0;
		CHECK(ng_article_mentions(e, "repeats", NULL, 0, &n) == NG_OK);
		CHECK_MSG(n >= 1000 && n <= 1002, "%d mentions", n);
		CHECK(ng_engine_close(e) == NG_OK);
	}
	free(s);
}

/* ---- idempotent re-ingest ---------------------------------------------------- */
static void test_same_record_twice(void)
{
	char file[2048];
	snprintf(file, sizeof file,
		 "{\"id\":\"same\",\"text\":\"%s\"}\n{\"id\":\"same\",\"text\":\"%s\"}\n",
		 lead, other);
	write_text("same.jsonl", file);
	check_diags g = {0};
	for (int run = 0; run < 3; run++) {
		ng_engine *e = open_engine(in_dir("same.db"), 0, 0, &g, NULL);
		CHECK(e != NULL);
		if (!e)
			return;
		for (int again = 0; again < 2; again++) { /* one engine, then a new one */
			ng_ingest_stats s = {0};
			CHECK(ng_ingest_path(e, in_dir("same.jsonl"), &s) == NG_OK);
			int first = run == 0 && again == 0;
			CHECK_MSG(s.added == (first ? 2 : 0) &&
					  s.unchanged == (first ? 0 : 2),
				  "run %d.%d: %lld added, %lld unchanged", run, again,
				  s.added, s.unchanged);
		}
		CHECK(stored(e, "same") && stored(e, "same~2"));
		CHECK(!stored(e, "same~3"));
		CHECK(ng_engine_close(e) == NG_OK);
	}
	/* new content under the taken id still goes in, as the next variant */
	ng_engine *e = open_engine(in_dir("same.db"), 0, 0, &g, NULL);
	CHECK(e != NULL);
	if (!e)
		return;
	ng_record r = {.id = "same", .text = "A third text about a quiet harbour "
					     "and its fishing boats at dawn."};
	ng_ingest_stats s = {0};
	int warnings = g.warnings;
	CHECK(ng_ingest_record(e, &r, "api", &s) == NG_OK);
	CHECK(ng_ingest_flush(e, &s) == NG_OK);
	CHECK(s.added == 1 && stored(e, "same~3"));
	CHECK(g.warnings == warnings + 1 && strstr(g.last, "same~3"));
	CHECK(ng_engine_close(e) == NG_OK);
}

/* ---- readers and writers ------------------------------------------------------- */
static int same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static void test_readers_and_writers(void)
{
	const char *db = in_dir("rw.db");
	char lock[300];
	snprintf(lock, sizeof lock, "%s-lock", db);
	check_diags g = {0};
	ng_engine *w = open_engine(db, 0, 0, &g, NULL);
	CHECK(w != NULL);
	if (!w)
		return;
	ng_record r1 = {.id = "r1", .text = lead};
	CHECK(ng_ingest_record(w, &r1, "api", NULL) == NG_OK);
	CHECK(ng_ingest_flush(w, NULL) == NG_OK);

	/* a second writer is refused at once, whoever holds the file */
	ng_status st = NG_OK;
	double t0 = now();
	ng_engine *w2 = open_engine(db, 0, 0, &g, &st);
	CHECK(w2 == NULL && st == NG_ERR_DB);
	CHECK_MSG(strstr(g.last, "another ingest holds the database") != NULL, "%.300s",
		  g.last);
	CHECK(now() - t0 < 2.0);
	ng_engine_close(w2);
	CHECK(ng_engine_close(w) == NG_OK);

	/* a reader: writes nothing, not even a lock file */
	unlink(lock);
	struct stat before, after;
	CHECK(stat(db, &before) == 0);
	ng_engine *r = open_engine(db, 1, 0, &g, &st);
	CHECK_MSG(r != NULL, "%.300s", g.last);
	if (!r)
		return;
	CHECK(stored(r, "r1"));
	ng_record r2 = {.id = "r2", .text = other};
	CHECK(ng_ingest_record(r, &r2, "api", NULL) == NG_ERR_USAGE);
	CHECK(ng_ingest_path(r, in_dir("same.jsonl"), NULL) == NG_ERR_USAGE);
	CHECK(ng_engine_close(r) == NG_OK);
	CHECK(stat(db, &after) == 0 && same_stat(&before, &after));
	CHECK(access(lock, F_OK) != 0);

	/* a writer in the middle of a transaction does not hold a reader up */
	sqlite3 *h = NULL;
	CHECK(sqlite3_open(db, &h) == SQLITE_OK);
	CHECK(sqlite3_exec(h, "BEGIN IMMEDIATE; INSERT INTO meta VALUES('held', 'x');",
			   NULL, NULL, NULL) == SQLITE_OK);
	t0 = now();
	r = open_engine(db, 1, 0, &g, &st);
	CHECK_MSG(r != NULL, "%.300s", g.last);
	if (r) {
		CHECK(stored(r, "r1"));
		FILE *out = tmpfile();
		CHECK(out && ng_report_stories(r, out, NG_FORMAT_JSONL) == NG_OK);
		if (out)
			fclose(out);
		CHECK(ng_engine_close(r) == NG_OK);
	}
	CHECK_MSG(now() - t0 < 2.0, "the reader waited %.1f s", now() - t0);
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h);

	/* a reader needs an existing file */
	CHECK(open_engine(in_dir("none.db"), 1, 0, &g, &st) == NULL && st == NG_ERR_DB);
	CHECK(access(in_dir("none.db"), F_OK) != 0);
	check_remove_db(db);
}

/* ---- a failed commit ---------------------------------------------------------- */
static long long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/* Batches of ten: the first commits, then the files may not grow (as on a
 * full disk) and the second fails. It is not counted as added, the engine
 * says why, and what was queued when a close cannot commit it reaches the
 * caller as close's status. */
static void test_failed_commit(void)
{
	const char *db = in_dir("full.db");
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", db);
	check_diags g = {0};
	ng_engine *e = open_engine(db, 0, 10, &g, NULL);
	CHECK(e != NULL);
	if (!e)
		return;
	char id[32], text[512];
	ng_ingest_stats s = {0};
	for (int i = 0; i < 10; i++) {
		snprintf(id, sizeof id, "f%02d", i);
		snprintf(text, sizeof text, "%s Report number %d follows.", lead, i);
		ng_record r = {.id = id, .text = text};
		CHECK(ng_ingest_record(e, &r, "api", &s) == NG_OK);
	}
	CHECK(ng_ingest_flush(e, &s) == NG_OK);
	CHECK(s.added == 10);

	struct rlimit old, full;
	CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	/* a write at or past the limit fails: the WAL cannot grow */
	long long cap = file_size(wal);
	full = old;
	full.rlim_cur = (rlim_t)cap;
	CHECK(setrlimit(RLIMIT_FSIZE, &full) == 0);

	for (int i = 10; i < 20; i++) {
		snprintf(id, sizeof id, "f%02d", i);
		snprintf(text, sizeof text, "%s Report number %d follows, with "
			 "more words than the first ten had.", other, i);
		ng_record r = {.id = id, .text = text};
		CHECK(ng_ingest_record(e, &r, "api", &s) == NG_OK);
	}
	ng_status st = ng_ingest_flush(e, &s);
	CHECK_MSG(st == NG_ERR_DB, "flush: %s", ng_status_str(st));
	CHECK_MSG(s.added == 10, "%lld counted as added", s.added);
	CHECK(ng_engine_close(e) == NG_OK); /* nothing left queued */

	CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);

	/* queued, then closed on a full disk: close says so */
	g.errors = 0;
	e = open_engine(db, 0, 100, &g, NULL);
	CHECK(e != NULL);
	if (e) {
		ng_record r = {.id = "late", .text = other};
		CHECK(ng_ingest_record(e, &r, "api", NULL) == NG_OK);
		cap = file_size(wal);
		full.rlim_cur = (rlim_t)cap;
		CHECK(setrlimit(RLIMIT_FSIZE, &full) == 0);
		st = ng_engine_close(e);
		CHECK_MSG(st == NG_ERR_DB, "close: %s", ng_status_str(st));
		CHECK(g.errors >= 1 && strstr(g.last, "closing"));
		CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
	}
	signal(SIGXFSZ, old_handler);

	e = open_engine(db, 1, 0, &g, NULL);
	CHECK(e != NULL);
	if (e) {
		CHECK(stored(e, "f09"));
		CHECK(!stored(e, "f10") && !stored(e, "late"));
		CHECK(ng_engine_close(e) == NG_OK);
	}
	check_remove_db(db);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/ngpromise_XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_huge_article();
	test_repeated_description();
	test_same_record_twice();
	test_readers_and_writers();
	test_failed_commit();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return check_report("promises");
}
