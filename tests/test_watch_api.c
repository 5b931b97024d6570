/*
 * test_watch_api.c: ng_watch_run's contract where no network is needed
 * (tests/watch_test.sh runs it against a local server): bad arguments, a
 * read-only engine, a missing feeds file, a feeds file without URLs, a bad
 * line reported with the file and its line number, an impossible options
 * size, and options cleared with {0} (size 0) accepted.
 */
#include <stdlib.h>

#include "check.h"

static const char *dir = "/tmp/newsgraph-test-watch-api";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

typedef struct diags {
	int errors;
	char file[128];
	long long record;
	char message[256];
} diags;

static void collect(void *ctx, const ng_diag *d)
{
	diags *g = ctx;
	if (d->severity == NG_DIAG_ERROR)
		g->errors++;
	snprintf(g->file, sizeof g->file, "%s", d->file ? d->file : "");
	g->record = d->record;
	snprintf(g->message, sizeof g->message, "%s", d->message);
}

static ng_engine *open_engine(const char *db, int read_only, diags *g)
{
	ng_config c;
	ng_config_init(&c);
	c.db_path = db;
	c.read_only = read_only;
	c.threads = 1;
	c.on_diag = collect;
	c.diag_ctx = g;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	return e;
}

int main(void)
{
	char cmd[256], db[128], feeds[128], empty[128], badline[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s", dir, dir);
	CHECK(system(cmd) == 0);
	snprintf(db, sizeof db, "%s/w.db", dir);
	snprintf(feeds, sizeof feeds, "%s/missing.txt", dir);
	snprintf(empty, sizeof empty, "%s/empty.txt", dir);
	snprintf(badline, sizeof badline, "%s/bad.txt", dir);
	write_file(empty, "# no feeds here\n\n");
	write_file(badline, "# one bad line\nftp://example.test/feed.xml\n");

	diags g = {0};
	ng_engine *e = open_engine(db, 0, &g);
	if (!e)
		return check_report("watch_api");
	ng_watch_options o = NG_WATCH_OPTIONS_INIT;
	o.once = 1;
	ng_watch_stats s = NG_WATCH_STATS_INIT;
	CHECK(ng_watch_run(NULL, empty, &o, &s) == NG_ERR_USAGE);
	CHECK(ng_watch_run(e, NULL, &o, &s) == NG_ERR_USAGE);

	CHECK(ng_watch_run(e, feeds, &o, &s) == NG_ERR_IO);
	CHECK_MSG(strstr(ng_errmsg(e), "missing.txt") != NULL, "errmsg: %s",
		  ng_errmsg(e));

	CHECK(ng_watch_run(e, empty, &o, &s) == NG_ERR_USAGE);
	CHECK_MSG(strstr(ng_errmsg(e), "no feed URL") != NULL, "errmsg: %s",
		  ng_errmsg(e));

	g.errors = 0;
	CHECK(ng_watch_run(e, badline, &o, &s) == NG_ERR_USAGE);
	CHECK(g.errors == 1);
	CHECK_STR(g.file, badline);
	CHECK(g.record == 2);
	CHECK_MSG(strstr(g.message, "not an http or https URL") != NULL,
		  "message: %s", g.message);

	/* a size no release had */
	ng_watch_options odd = NG_WATCH_OPTIONS_INIT;
	odd.size = 3;
	CHECK(ng_watch_run(e, empty, &odd, NULL) == NG_ERR_USAGE);
	/* {0}: the first layout; NULL options and stats */
	ng_watch_options zero = {0};
	zero.once = 1;
	ng_watch_stats zs = {0};
	CHECK(ng_watch_run(e, empty, &zero, &zs) == NG_ERR_USAGE);
	CHECK(zs.polls == 0 && zs.requests == 0);
	CHECK(ng_watch_run(e, empty, NULL, NULL) == NG_ERR_USAGE);
	CHECK(ng_engine_close(e) == NG_OK);

	/* read-only: watch writes */
	diags g2 = {0};
	e = open_engine(db, 1, &g2);
	if (e) {
		CHECK(ng_watch_run(e, empty, &o, &s) == NG_ERR_USAGE);
		CHECK_MSG(strstr(ng_errmsg(e), "read-only") != NULL, "errmsg: %s",
			  ng_errmsg(e));
		ng_engine_close(e);
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	return check_report("watch_api");
}
