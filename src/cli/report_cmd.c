/*
 * report_cmd.c: `newsgraph report --html DIR [--db FILE] [--story N]`:
 * the web view's pages written as a static site (src/web/site.c,
 * docs/WEB.md), from a database opened read-only. Exit status as main.c
 * says: 0 written, 2 bad usage (or no such story), 3 the database or the
 * folder failed.
 */
#include "commands.h"

#include "../web/web.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { REPORT_OK = 0, REPORT_USAGE = 2, REPORT_FAILED = 3 };

static int usage(const char *msg, const char *arg)
{
	fprintf(stderr, "newsgraph: report: %s%s%s\n"
			"usage: newsgraph report --html DIR [--db FILE] [--story N]\n",
		msg, arg ? " " : "", arg ? arg : "");
	return REPORT_USAGE;
}

int cli_report(int argc, char **argv)
{
	const char *dir = NULL, *db = "newsgraph.db";
	long long story = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--html") || !strcmp(a, "--db") || !strcmp(a, "--story")) {
			if (!val)
				return usage("missing value after", a);
			i++;
			if (!strcmp(a, "--html")) {
				dir = val;
			} else if (!strcmp(a, "--db")) {
				db = val;
			} else {
				char *end;
				errno = 0;
				story = strtoll(val, &end, 10);
				if (end == val || *end || errno || story < 1)
					return usage("--story takes a story number of 1 or more, not", val);
			}
		} else {
			return usage("unknown argument", a);
		}
	}
	if (!dir || !*dir)
		return usage("--html DIR is required", NULL);
	ng_config cfg;
	ng_config_init(&cfg);
	cfg.db_path = db;
	cfg.read_only = 1;
	ng_engine *e = NULL;
	ng_status st = ng_engine_open(&cfg, &e);
	if (st != NG_OK) {
		fprintf(stderr, "newsgraph: report: cannot open %s: %s\n", db,
			e ? ng_errmsg(e) : ng_status_str(st));
		ng_engine_close(e);
		return REPORT_FAILED;
	}
	st = ngw_write_site(e, dir, story, stderr);
	ng_engine_close(e);
	if (st == NG_OK)
		return REPORT_OK;
	return st == NG_ERR_NOTFOUND || st == NG_ERR_USAGE ? REPORT_USAGE : REPORT_FAILED;
}
