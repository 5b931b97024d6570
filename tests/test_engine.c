/*
 * test_engine.c: the public API end to end, through include/newsgraph.h
 * only: records in, stories, copies and article facts out; idempotency;
 * diagnostics for bad records; errors for bad calls; a reopened database
 * goes on where it stopped; entity mentions, dates and bodies come back;
 * credit lines decide which copy is the original.
 */
#include <newsgraph.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"


static const char *quake =
	"A strong earthquake of magnitude 6.8 struck the coastal province early on "
	"Tuesday, collapsing bridges and damaging hundreds of homes. Rescue teams "
	"searched the rubble of the harbour town for survivors while aftershocks "
	"shook the region. The seismological institute said the quake's epicentre "
	"lay twenty kilometres offshore at a shallow depth.";
static const char *quake2 =
	"Rescue teams searched collapsed homes in the coastal province after a "
	"magnitude 6.8 earthquake hit the harbour town on Tuesday. Aftershocks "
	"rattled the region and the seismological institute placed the epicentre "
	"offshore, twenty kilometres from the coast, at a shallow depth.";
static const char *bank =
	"The central bank raised its main interest rate by half a percentage point "
	"on Thursday, its third increase this year, saying inflation remained far "
	"above target. Economists had expected the move; the currency rose against "
	"the dollar after the announcement and bond yields climbed.";

static ng_engine *open_mem(check_diags *g, const char *path)
{
	ng_config c;
	ng_config_init(&c);
	c.db_path = path;
	c.threads = 2;
	c.on_diag = check_collect;
	c.diag_ctx = g;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	return e;
}

static void test_records(void)
{
	check_diags g = {0};
	ng_engine *e = open_mem(&g, NULL);
	if (!e)
		return;
	ng_ingest_stats s = {0};
	ng_record r1 = {.id = "q1", .title = "Earthquake hits coast", .text = quake,
			.published = "2024-03-05", .outlet = "Wire"};
	ng_record r2 = {.id = "q2", .text = quake2, .published = "2024-03-05T10:00:00Z"};
	ng_record r3 = {.id = "b1", .text = bank, .published = "2024-03-07"};
	ng_record r4 = {.id = "q1-copy", .text = quake, .published = "2024-03-06"};
	CHECK(ng_ingest_record(e, &r1, "test", &s) == NG_OK);
	CHECK(ng_ingest_record(e, &r2, "test", &s) == NG_OK);
	CHECK(ng_ingest_record(e, &r3, "test", &s) == NG_OK);
	CHECK(ng_ingest_record(e, &r4, "test", &s) == NG_OK);
	CHECK(ng_ingest_flush(e, &s) == NG_OK);
	CHECK(s.added == 4);

	long long sq1 = 0, sq2 = 0, sb = 0, sc = 0;
	CHECK(ng_article_story(e, "q1", &sq1) == NG_OK);
	CHECK(ng_article_story(e, "q2", &sq2) == NG_OK);
	CHECK(ng_article_story(e, "b1", &sb) == NG_OK);
	CHECK(ng_article_story(e, "q1-copy", &sc) == NG_OK);
	CHECK(sq1 == sq2);
	CHECK(sq1 != sb);
	CHECK(sc == sq1);

	ng_article_info a;
	CHECK(ng_article_get(e, "q1", &a) == NG_OK);
	CHECK_STR(a.lang, "en");
	CHECK_STR(a.published, "2024-03-05");
	CHECK_STR(a.published_source, "metadata");
	CHECK_STR(a.outlet, "Wire");
	CHECK_STR(a.title, "Earthquake hits coast");
	CHECK(a.n_sentences == 3);

	ng_copy_info c[4];
	int n = 0;
	CHECK(ng_article_copies(e, "q1-copy", c, 4, &n) == NG_OK);
	CHECK(n == 1);
	if (n == 1) {
		CHECK_STR(c[0].other_id, "q1");
		CHECK_STR(c[0].kind, "exact");
		CHECK(c[0].other_is_original); /* q1 was published a day earlier */
	}
	CHECK(ng_article_copies(e, "b1", c, 4, &n) == NG_OK && n == 0);

	/* the same record again is stored once; a changed one under the same id
	 * is kept beside it under a new id, with a warning */
	ng_ingest_stats s2 = {0};
	CHECK(ng_ingest_record(e, &r1, "test", &s2) == NG_OK);
	ng_record r1b = r1;
	r1b.text = bank;
	CHECK(ng_ingest_record(e, &r1b, "test", &s2) == NG_OK);
	CHECK(ng_ingest_flush(e, &s2) == NG_OK);
	CHECK(s2.unchanged == 1 && s2.added == 1);
	CHECK(ng_article_get(e, "q1~2", &a) == NG_OK);
	CHECK(g.warnings == 1);

	/* errors */
	CHECK(ng_article_get(e, "nope", &a) == NG_ERR_NOTFOUND);
	CHECK(strstr(ng_errmsg(e), "nope") != NULL);
	CHECK(ng_ingest_record(e, NULL, "test", NULL) == NG_ERR_USAGE);
	ng_record empty = {.id = "x"};
	CHECK(ng_ingest_record(e, &empty, "test", NULL) == NG_ERR_USAGE);
	CHECK(ng_report_story(e, 999, stdout, NG_FORMAT_TABLE) == NG_ERR_NOTFOUND);

	/* a bad date is a warning, the record still goes in */
	ng_record bad = {.id = "bad-date", .text = bank, .published = "31 Feb 2024"};
	int w0 = g.warnings;
	CHECK(ng_ingest_record(e, &bad, "test", NULL) == NG_OK);
	CHECK(ng_ingest_flush(e, NULL) == NG_OK);
	CHECK(g.warnings == w0 + 1);
	CHECK(ng_article_get(e, "bad-date", &a) == NG_OK && a.published == NULL);

	/* invalid UTF-8 from a caller is repaired and reported */
	ng_record inv = {.id = "inv", .text = "Bad \xff byte in an otherwise fine text."};
	CHECK(ng_ingest_record(e, &inv, "test", &s2) == NG_OK);
	CHECK(ng_ingest_flush(e, &s2) == NG_OK);
	CHECK(s2.invalid_utf8 == 1);

	/* the title too: it is analysed (CLD2 read past a cut sequence of a
	 * feed's raw title, found by fuzz_feed) and written out as JSON */
	static const char cp1251[] = "\xcc\xee\xf1\xea\xe2\xe0";
	ng_record inv_title = {.id = "inv-title", .title = cp1251,
			       .outlet = "Caf\xe9", .text = bank};
	ng_ingest_stats s3 = NG_INGEST_STATS_INIT;
	w0 = g.warnings;
	CHECK(ng_ingest_record(e, &inv_title, "test", &s3) == NG_OK);
	CHECK(ng_ingest_flush(e, &s3) == NG_OK);
	CHECK(s3.invalid_utf8 == 7);
	CHECK(g.warnings == w0 + 1);
	CHECK(ng_article_get(e, "inv-title", &a) == NG_OK && a.title &&
	      !strchr(a.title, '\xcc') && strstr(a.title, "\xEF\xBF\xBD"));
	ng_engine_close(e);
}

static void test_reopen(void)
{
	char path[] = "/tmp/newsgraph-engine-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		CHECK(!"mkstemp");
		return;
	}
	close(fd);
	unlink(path);
	check_diags g = {0};
	ng_engine *e = open_mem(&g, path);
	if (!e)
		return;
	ng_record r1 = {.id = "q1", .text = quake};
	CHECK(ng_ingest_record(e, &r1, "t", NULL) == NG_OK);
	ng_engine_close(e); /* close flushes */

	e = open_mem(&g, path);
	if (!e)
		return;
	ng_ingest_stats s = {0};
	ng_record r2 = {.id = "q2", .text = quake2};
	ng_record r3 = {.id = "b1", .text = bank};
	CHECK(ng_ingest_record(e, &r1, "t", &s) == NG_OK);
	CHECK(ng_ingest_record(e, &r2, "t", &s) == NG_OK);
	CHECK(ng_ingest_record(e, &r3, "t", &s) == NG_OK);
	CHECK(ng_ingest_flush(e, &s) == NG_OK);
	CHECK(s.unchanged == 1 && s.added == 2);
	long long a = 0, b = 0, c = 0;
	ng_article_story(e, "q1", &a);
	ng_article_story(e, "q2", &b);
	ng_article_story(e, "b1", &c);
	CHECK(a == b); /* the reopened engine remembers q1's story */
	CHECK(c != a);
	ng_engine_close(e);
	check_remove_db(path);
}

/* Records without a stats struct, through several batch rotations. */
static void test_null_stats(void)
{
	ng_config c;
	ng_config_init(&c);
	c.batch_size = 2;
	c.threads = 2;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	if (!e)
		return;
	const char *texts[] = {quake, quake2, bank, quake, bank};
	char id[16];
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "r%d", i);
		ng_record r = {.id = id, .text = texts[i]};
		CHECK(ng_ingest_record(e, &r, "t", NULL) == NG_OK);
	}
	CHECK(ng_ingest_flush(e, NULL) == NG_OK);
	long long s0 = 0, s3 = 0;
	CHECK(ng_article_story(e, "r0", &s0) == NG_OK);
	CHECK(ng_article_story(e, "r3", &s3) == NG_OK && s3 == s0);
	ng_engine_close(e);
}

static void test_open_errors(void)
{
	check_diags g = {0};
	ng_config c;
	ng_config_init(&c);
	c.db_path = "/nonexistent-dir/sub/x.db";
	c.on_diag = check_collect;
	c.diag_ctx = &g;
	ng_engine *e = (ng_engine *)&g; /* must stay untouched on failure */
	CHECK(ng_engine_open(&c, &e) == NG_ERR_DB);
	CHECK(e == (ng_engine *)&g);
	CHECK(g.errors == 1 && strstr(g.last, "/nonexistent-dir/sub/x.db"));
	ng_engine_close(NULL);
	CHECK(strcmp(ng_status_str(NG_ERR_NOMEM), "out of memory") == 0);
}

/* Mentions, dates and the body through the public API. */
static void test_extracted(void)
{
	check_diags g = {0};
	ng_engine *e = open_mem(&g, NULL);
	if (!e)
		return;
	ng_record r = {0};
	r.id = "kremlin";
	r.text = "Russian President Vladimir Putin met reporters in Moscow on "
		 "Thursday. Putin said the talks of last week went well.";
	r.published = "2024-10-27";
	CHECK(ng_ingest_record(e, &r, "test", NULL) == NG_OK);
	CHECK(ng_ingest_flush(e, NULL) == NG_OK);
	ng_mention_info m[16];
	int n = 0;
	CHECK(ng_article_mentions(e, "kremlin", m, 16, &n) == NG_OK);
	int putin = 0, moscow = 0;
	for (int i = 0; i < n && i < 16; i++) {
		putin += !strcmp(m[i].name, "Vladimir Putin") && !strcmp(m[i].type, "person");
		moscow += !strcmp(m[i].text, "Moscow") && !strcmp(m[i].type, "place");
	}
	CHECK(putin == 2);
	CHECK(moscow == 1);
	ng_date_info d[8];
	CHECK(ng_article_dates(e, "kremlin", d, 8, &n) == NG_OK);
	int thursday = 0, week = 0;
	for (int i = 0; i < n && i < 8; i++) {
		thursday += !strcmp(d[i].text, "Thursday") && !strcmp(d[i].value, "2024-10-24") &&
			    !strcmp(d[i].anchor, "publication");
		week += !strcmp(d[i].value, "2024-W42");
	}
	CHECK(thursday == 1);
	CHECK(week == 1);
	const char *text;
	size_t len;
	CHECK(ng_article_text(e, "kremlin", &text, &len) == NG_OK);
	CHECK(len == strlen(r.text) && !memcmp(text, r.text, len));
	ng_article_info info;
	CHECK(ng_article_get(e, "kremlin", &info) == NG_OK);
	CHECK(info.published_confidence == 1.0);
	CHECK(ng_article_mentions(e, "nope", m, 16, &n) == NG_ERR_NOTFOUND);
	CHECK(ng_article_dates(e, "nope", d, 8, &n) == NG_ERR_NOTFOUND);
	CHECK(ng_article_mentions(e, "kremlin", NULL, 0, &n) == NG_OK && n >= 3);
	ng_engine_close(e);
}

/* The export of e, into buf. */
static void export_of(ng_engine *e, char *buf, size_t cap)
{
	buf[0] = '\0';
	FILE *f = tmpfile();
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(ng_export(e, f, NG_FORMAT_JSON) == NG_OK);
	rewind(f);
	size_t n = fread(buf, 1, cap - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Which of the copy edges of id names the original (1: the other one). */
static int other_is_original(ng_engine *e, const char *id, const char *other)
{
	ng_copy_info c[4];
	int n = 0;
	CHECK(ng_article_copies(e, id, c, 4, &n) == NG_OK);
	for (int i = 0; i < n && i < 4; i++)
		if (!strcmp(c[i].other_id, other))
			return c[i].other_is_original;
	return -1; /* no edge */
}

/* A copy that credits "(Reuters)" arrives before the Reuters story it
 * copies, neither dated: the credit makes the later arrival the original.
 * Times to the second, when both have one, outweigh the credit. The credit
 * still counts when the database is reopened between the two. */
static void test_credit_direction(void)
{
	static const char *wire_text =
		"LONDON (Reuters) - A strong earthquake of magnitude 6.8 struck the "
		"coastal province early on Tuesday, collapsing bridges and damaging "
		"hundreds of homes. Rescue teams searched the rubble of the harbour "
		"town for survivors while aftershocks shook the region. The "
		"seismological institute said the quake's epicentre lay twenty "
		"kilometres offshore at a shallow depth.";
	static const char *copy_text =
		"(Reuters) - A strong earthquake of magnitude 6.8 struck the coastal "
		"province early on Tuesday, collapsing bridges and damaging hundreds "
		"of homes. Rescue teams searched the rubble of the harbour town for "
		"survivors while aftershocks shook the region. The seismological "
		"institute said the quake's epicentre lay twenty kilometres offshore "
		"at a shallow depth.\nSubscribe to the Daily Planet for more news.";
	static char buf[1 << 16];
	/* 0: one run; 1: times to the second; 2: the database is closed and
	 * reopened between the copy and the wire story */
	for (int mode = 0; mode < 3; mode++) {
		int timed = mode == 1;
		char path[] = "/tmp/newsgraph-credit-XXXXXX";
		if (mode == 2) {
			int fd = mkstemp(path);
			if (fd < 0) {
				CHECK(!"mkstemp");
				return;
			}
			close(fd);
			unlink(path);
		}
		check_diags g = {0};
		ng_engine *e = open_mem(&g, mode == 2 ? path : NULL);
		if (!e)
			return;
		ng_record copy = {.id = "planet", .text = copy_text,
				  .outlet = "The Daily Planet"};
		ng_record wire = {.id = "wire", .text = wire_text, .outlet = "Reuters"};
		if (timed) { /* the copy is stamped an hour before the wire */
			copy.published = "2024-03-05T09:00:00Z";
			wire.published = "2024-03-05T10:00:00Z";
		}
		CHECK(ng_ingest_record(e, &copy, "test", NULL) == NG_OK);
		if (mode == 2) {
			ng_engine_close(e);
			e = open_mem(&g, path);
			if (!e)
				return;
		}
		CHECK(ng_ingest_record(e, &wire, "test", NULL) == NG_OK);
		CHECK(ng_ingest_flush(e, NULL) == NG_OK);
		export_of(e, buf, sizeof buf);
		if (!timed) {
			CHECK(other_is_original(e, "planet", "wire") == 1);
			CHECK(other_is_original(e, "wire", "planet") == 0);
			CHECK(strstr(buf, "\"original\":\"wire\"") != NULL);
			CHECK(strstr(buf, "\"why\":\"credit\"") != NULL);
		} else {
			CHECK(other_is_original(e, "wire", "planet") == 1);
			CHECK(strstr(buf, "\"why\":\"earlier_published\"") != NULL);
			CHECK(strstr(buf, "\"why\":\"credit\"") == NULL);
		}
		ng_engine_close(e);
		if (mode == 2)
			check_remove_db(path);
	}
}

int main(void)
{
	test_credit_direction();
	test_extracted();
	test_records();
	test_reopen();
	test_null_stats();
	test_open_errors();
	return check_report("engine");
}
