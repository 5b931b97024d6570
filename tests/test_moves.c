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
 * The store is read through the public cursors (ng_stories_open,
 * ng_articles_open), never with SQL.
 */
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

/* Every story's size is the number of its articles; none is empty or
 * untitled; every article's story exists. Read through the cursors of the
 * engine e (after a flush: what is committed). */
static void check_consistent(ng_engine *e)
{
	long long *size = NULL, *members = NULL;
	size_t cap = 0;
	long long stories = 0, untitled = 0, empty = 0, orphans = 0, articles = 0;
	ng_cursor *c = NULL;
	ng_status st = ng_stories_open(e, NULL, &c);
	CHECK(st == NG_OK);
	while (!st && (st = ng_cursor_step(c)) == NG_ROW) {
		long long id = ng_cursor_column_int64(c, 0);
		const char *title = ng_cursor_column_text(c, 5);
		st = NG_OK;
		if (id < 1 || id > 10000000) {
			CHECK_MSG(0, "story number %lld", id);
			break;
		}
		if ((size_t)id >= cap) {
			size_t ncap = (size_t)id * 2 + 16;
			long long *a = realloc(size, ncap * sizeof *a);
			long long *b = a ? realloc(members, ncap * sizeof *b) : NULL;
			if (a)
				size = a;
			if (!b)
				break;
			members = b;
			memset(size + cap, 0xff, (ncap - cap) * sizeof *size); /* -1: none */
			memset(members + cap, 0, (ncap - cap) * sizeof *members);
			cap = ncap;
		}
		size[id] = ng_cursor_column_int64(c, 1);
		empty += size[id] < 1;
		untitled += !title || !title[0];
		stories++;
	}
	CHECK(st == NG_DONE);
	ng_cursor_close(c);
	c = NULL;
	st = ng_articles_open(e, &c);
	CHECK(st == NG_OK);
	while (!st && (st = ng_cursor_step(c)) == NG_ROW) {
		long long story = ng_cursor_column_int64(c, 1);
		st = NG_OK;
		articles++;
		if (story < 1 || (size_t)story >= cap || size[story] < 0)
			orphans++;
		else
			members[story]++;
	}
	CHECK(st == NG_DONE);
	ng_cursor_close(c);
	long long wrong = 0;
	for (size_t i = 0; i < cap; i++)
		wrong += size[i] >= 0 && size[i] != members[i];
	CHECK(stories > 0 && articles > 0);
	CHECK_MSG(wrong == 0, "%lld stories whose size is not their articles", wrong);
	CHECK_MSG(empty == 0, "%lld empty stories", empty);
	CHECK_MSG(untitled == 0, "%lld stories without a title", untitled);
	CHECK_MSG(orphans == 0, "%lld articles in no stored story", orphans);
	free(size);
	free(members);
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
		SKIP("the FNC-1 moves: %s not found", bodies);
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

		CHECK(ng_engine_open(&c, &e) == NG_OK);
		check_consistent(e); /* as stored by the first engine */
		CHECK(ingest(e, &d, 0, FIRST_PART, &st2) == NG_OK);
		CHECK(st2.unchanged == FIRST_PART && st2.added == 0 && st2.moved == 0);
		long long *after = stories_of(e, &d, FIRST_PART);
		CHECK(before && after &&
		      memcmp(before, after, FIRST_PART * sizeof *before) == 0);
		free(before);
		free(after);
		CHECK(ingest(e, &d, FIRST_PART, n, &st3) == NG_OK);
		CHECK(st3.added == (long long)(n - FIRST_PART));
		check_consistent(e);
		ng_engine_close(e);
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
		check_consistent(e); /* the split-off stories have titles too */
		ng_engine_close(e);
	}
	check_remove_db(db_path2);
	ngi_fnc1_free(&d);
	return check_report("moves");
}
