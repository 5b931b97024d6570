/*
 * check.h: the tiny test harness every tests/test_*.c uses.
 *
 * CHECK(cond) records a pass or a failure (with file and line); SKIP(...)
 * records a part of the test that could not run (data missing) with the
 * reason, so it is counted and shown, never passed silently. A test program
 * ends with `return check_report("name");`, which prints
 * "name: N passed, N failed, N skipped" and returns non-zero when anything
 * failed (a skip is not a failure; tests/run_unit.sh totals them).
 * Table-driven tests loop over {input, expected} arrays and CHECK each row.
 * check_remove_db(path) cleans up a test database; check_collect is a
 * diagnostics callback that counts into a check_diags.
 */
#ifndef NG_TEST_CHECK_H
#define NG_TEST_CHECK_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "newsgraph.h"

static int check_passed, check_failed, check_skipped;

#define CHECK(cond) check_at((cond), #cond, __FILE__, __LINE__, NULL)
#define CHECK_MSG(cond, ...)                                                   \
	do {                                                                   \
		char check_msg_[512];                                          \
		snprintf(check_msg_, sizeof check_msg_, __VA_ARGS__);          \
		check_at((cond), #cond, __FILE__, __LINE__, check_msg_);       \
	} while (0)
#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		int ok_ = (g_ == NULL && w_ == NULL) ||                        \
			  (g_ && w_ && strcmp(g_, w_) == 0);                   \
		CHECK_MSG(ok_, "got \"%s\", want \"%s\"", g_ ? g_ : "(null)",  \
			  w_ ? w_ : "(null)");                                 \
	} while (0)

/* SKIP("the seeds suite: %s not found", path): one skipped part. */
#define SKIP(...)                                                              \
	do {                                                                   \
		char check_msg_[4096];                                          \
		snprintf(check_msg_, sizeof check_msg_, __VA_ARGS__);          \
		check_skip(__FILE__, __LINE__, check_msg_);                    \
	} while (0)

static inline void check_skip(const char *file, int line, const char *why)
{
	check_skipped++;
	printf("%s:%d: SKIPPED: %s\n", file, line, why);
}

static inline void check_at(int ok, const char *expr, const char *file,
			    int line, const char *msg)
{
	if (ok) {
		check_passed++;
		return;
	}
	check_failed++;
	fprintf(stderr, "%s:%d: FAILED: %s%s%s\n", file, line, expr,
		msg ? ": " : "", msg ? msg : "");
}

/* Removes a test's SQLite file and its -wal, -shm and -lock companions. */
static inline void check_remove_db(const char *path)
{
	char side[1100];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-lock", path);
	unlink(side);
}

/* What an engine reported through its diagnostics callback: counts, and
 * the last message with its record number. */
typedef struct check_diags {
	int warnings, errors;
	char last[512];
	long long last_record;
} check_diags;

/* An ng_diag_fn counting into the check_diags in ctx. */
static inline void check_collect(void *ctx, const ng_diag *d)
{
	check_diags *g = ctx;
	if (d->severity == NG_DIAG_ERROR)
		g->errors++;
	else
		g->warnings++;
	snprintf(g->last, sizeof g->last, "%s", d->message);
	g->last_record = d->record;
}

static inline int check_report(const char *name)
{
	printf("%s: %d passed, %d failed, %d skipped\n", name, check_passed,
	       check_failed, check_skipped);
	return check_failed ? 1 : 0;
}

#endif
