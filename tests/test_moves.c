/*
 * test_moves.c: articles moved to a story that fits them better, and
 * stories split, end to end through the store.
 *
 * On the first FNC-1 bodies (skipped with a message when ../shared/data is
 * not there) some articles move. After the run every story's stored size
 * is the number of its articles and no story is empty; reopening the
 * database and ingesting the same records again changes nothing (they are
 * all unchanged, so nothing is linked); the rest of the bodies ingested
 * after the reopen keep the stories consistent. All the bodies in one run
 * split stories that gathered two claims, and the stories split off are
 * stored whole.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "eval/fnc1.h"
#include "newsgraph.h"

#define FIRST_PART 600

static ng_status ingest(ng_engine *e, const ngi_fnc1 *d, size_t from,
			size_t to, ng_ingest_stats *stats)
{
	for (size_t i = from; i < to; i++) {
		char id[32];
		snprintf(id, sizeof id, "%lld", d->bodies[i].id);
		ng_record r = {0};
		r.id = id;
		r.text = d->bodies[i].text;
		r.text_len = d->bodies[i].len;
		ng_status st = ng_ingest_record(e, &r, "fnc1", stats);
		if (st)
			return st;
	}
	return ng_ingest_flush(e, stats);
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q;
	long long n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

/* Every story's size is the number of its articles; none is empty. */
static void check_consistent(const char *db_path)
{
	sqlite3 *db;
	CHECK(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	CHECK(count(db, "SELECT count(*) FROM stories s WHERE size <>"
			" (SELECT count(*) FROM articles a WHERE a.story = s.id)") == 0);
	CHECK(count(db, "SELECT count(*) FROM stories WHERE size < 1") == 0);
	CHECK(count(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS"
			" (SELECT 1 FROM stories s WHERE s.id = a.story)") == 0);
	sqlite3_close(db);
}

/* Each article's story, in ingest order. */
static long long *stories_of(ng_engine *e, const ngi_fnc1 *d, size_t n)
{
	long long *s = malloc((n ? n : 1) * sizeof *s);
	for (size_t i = 0; s && i < n; i++) {
		char id[32];
		snprintf(id, sizeof id, "%lld", d->bodies[i].id);
		if (ng_article_story(e, id, &s[i]) != NG_OK)
			s[i] = -1;
	}
	return s;
}

int main(void)
{
	const char *root = getenv("NG_SHARED_DATA");
	char bodies[1024];
	snprintf(bodies, sizeof bodies, "%s/fnc1/train_bodies.csv",
		 root ? root : "../shared/data");
	if (access(bodies, R_OK) != 0) {
		printf("test_moves: skipping: %s not found\n", bodies);
		return check_report("moves");
	}
	ngi_fnc1 d;
	ngi_fnc1_init(&d);
	CHECK(ngi_fnc1_load_bodies(&d, bodies, NULL) == NG_OK);
	size_t n = d.n_bodies;
	CHECK(n > FIRST_PART);
	char db_path[] = "/tmp/ng_test_moves_XXXXXX";
	char db_path2[] = "/tmp/ng_test_splits_XXXXXX";
	int fd = mkstemp(db_path);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	ng_config c = {0};
	c.db_path = db_path;
	c.threads = 2;
	ng_engine *e = NULL;
	ng_ingest_stats st1 = {0}, st2 = {0}, st3 = {0};
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	if (e && n > FIRST_PART) {
		CHECK(ingest(e, &d, 0, FIRST_PART, &st1) == NG_OK);
		CHECK_MSG(st1.moved > 0, "moved %lld", st1.moved);
		long long *before = stories_of(e, &d, FIRST_PART);
		ng_engine_close(e);
		check_consistent(db_path);

		CHECK(ng_engine_open(&c, &e) == NG_OK);
		CHECK(ingest(e, &d, 0, FIRST_PART, &st2) == NG_OK);
		CHECK(st2.unchanged == FIRST_PART && st2.added == 0 && st2.moved == 0);
		long long *after = stories_of(e, &d, FIRST_PART);
		CHECK(before && after &&
		      memcmp(before, after, FIRST_PART * sizeof *before) == 0);
		free(before);
		free(after);
		CHECK(ingest(e, &d, FIRST_PART, n, &st3) == NG_OK);
		CHECK(st3.added == (long long)(n - FIRST_PART));
		ng_engine_close(e);
		check_consistent(db_path);
	}
	check_remove_db(db_path);

	/* all the bodies in one run: stories that gathered two claims split,
	 * and the new stories are stored whole, with a title */
	fd = mkstemp(db_path2);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	c.db_path = db_path2;
	ng_ingest_stats all = {0};
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	if (e) {
		CHECK(ingest(e, &d, 0, n, &all) == NG_OK);
		CHECK_MSG(all.split > 0, "split %lld", all.split);
		CHECK(all.moved >= all.split * 2);
		ng_engine_close(e);
		check_consistent(db_path2);
		sqlite3 *db;
		CHECK(sqlite3_open_v2(db_path2, &db, SQLITE_OPEN_READONLY, NULL) ==
		      SQLITE_OK);
		CHECK(count(db, "SELECT count(*) FROM stories WHERE title IS NULL"
				" OR title = ''") == 0);
		sqlite3_close(db);
	}
	check_remove_db(db_path2);
	ngi_fnc1_free(&d);
	return check_report("moves");
}
