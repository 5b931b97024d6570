/*
 * test_search.c: full-text search (ng_search_open, ng_story_filter.match,
 * docs/SEARCH.md) over a handful of articles ingested here, and the query
 * rewriting behind it (ngi_fts_query): all words required, phrases, prefixes,
 * OR, exclusion, case and diacritics folded, snippets with their marks,
 * paging, queries with no words, and FTS5 syntax typed by a user taken as
 * words, never as an error. Then the upgrade: a schema-5 file (the index
 * dropped, the version set back) gets its index rebuilt by a writer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "newsgraph.h"
#include "store/query.h"

static const struct {
	const char *id, *title, *text, *published;
} articles[] = {
	{"a-kremlin", "Kremlin denies phone calls",
	 "Moscow. The Kremlin spokesman Dmitry Peskov denied on Tuesday that "
	 "President Putin had spoken to the former president by phone. "
	 "\"There were no such calls,\" Peskov told reporters.",
	 "2024-10-15"},
	{"b-election", "Election results in Moldova",
	 "Chisinau. Voters in Moldova narrowly backed joining the European "
	 "Union in a referendum, the electoral commission said on Monday.",
	 "2024-10-21"},
	{"c-cafe", "Café culture returns to Zürich",
	 "Zürich. The city's cafés reopened their terraces as the weather "
	 "turned, owners said; the Kremlin was not mentioned at all.",
	 "2024-05-02"},
	{"d-football", "Cup final ends in a draw",
	 "London. The cup final ended in a goalless draw after extra time, "
	 "and the replay is set for next week at the national stadium.",
	 "2024-05-20"},
};

static ng_engine *open_db(const char *path, int read_only)
{
	ng_config c;
	ng_config_init(&c);
	c.db_path = path;
	c.threads = 1;
	c.read_only = read_only;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	return e;
}

static void fill(ng_engine *e)
{
	for (size_t i = 0; i < sizeof articles / sizeof *articles; i++) {
		ng_record r = NG_RECORD_INIT;
		r.id = articles[i].id;
		r.title = articles[i].title;
		r.text = articles[i].text;
		r.published = articles[i].published;
		CHECK(ng_ingest_record(e, &r, "test", NULL) == NG_OK);
	}
	CHECK(ng_ingest_flush(e, NULL) == NG_OK);
}

/* The article ids a search returns, in order, joined by ","; "ERR" when
 * the open or a step fails. */
static void hits(ng_engine *e, const char *q, long long limit, long long offset,
		 char *out, size_t size)
{
	ng_cursor *c = NULL;
	out[0] = '\0';
	if (ng_search_open(e, q, limit, offset, &c) != NG_OK) {
		snprintf(out, size, "ERR");
		return;
	}
	size_t n = 0;
	ng_status st;
	while ((st = ng_cursor_step(c)) == NG_ROW)
		n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s",
				      n ? "," : "", ng_cursor_column_text(c, 0));
	if (st != NG_DONE)
		snprintf(out, size, "ERR");
	ng_cursor_close(c);
}

static void test_queries(ng_engine *e)
{
	static const struct {
		const char *q, *want;
	} cases[] = {
		{"peskov", "a-kremlin"},
		{"PESKOV denied", "a-kremlin"},
		{"kremlin", "a-kremlin,c-cafe"},        /* title weighs more */
		{"kremlin -cafés", "a-kremlin"},          /* exclusion */
		{"kremlin -cafes", "a-kremlin"},          /* diacritics folded */
		{"zurich", "c-cafe"},
		{"\"no such calls\"", "a-kremlin"},       /* phrase */
		{"\"such no calls\"", ""},
		{"refer*", "b-election"},                  /* prefix */
		{"moldova OR stadium", "b-election,d-football"},
		{"moldova OR stadium draw", "d-football"},
		{"peskov moldova", ""},                    /* all words */
		{"", ""},
		{"   ", ""},
		{"!!! ... ---", ""},                       /* no word at all */
		{"-kremlin", ""},                          /* nothing positive */
		/* FTS5 syntax typed by a user: words, never an error */
		{"NEAR(kremlin peskov)", ""}, /* words "near kremlin", "peskov" */
		{"kremlin AND", "a-kremlin,c-cafe"},  /* AND: words are ANDed */
		{"kremlin NOT cafés", "a-kremlin"},   /* NOT: like -word */
		{"title:kremlin", ""},
		{"\"kremlin spokesman", "a-kremlin"}, /* unclosed quote */
		{"kremlin' OR 1=1; DROP TABLE articles; --", ""},
		{"^kremlin", "a-kremlin,c-cafe"},
		{"kremlin*", "a-kremlin,c-cafe"},
		{"*", ""},
	};
	char got[256];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		hits(e, cases[i].q, 0, 0, got, sizeof got);
		CHECK_MSG(!strcmp(got, cases[i].want), "search [%s]: got [%s], want [%s]",
			  cases[i].q, got, cases[i].want);
	}
	/* paging: the second of two */
	hits(e, "kremlin", 1, 1, got, sizeof got);
	CHECK_MSG(!strcmp(got, "c-cafe"), "page 2: %s", got);
	hits(e, "kremlin", 1, 0, got, sizeof got);
	CHECK_MSG(!strcmp(got, "a-kremlin"), "page 1: %s", got);
	/* the table is still there after the injection attempt */
	hits(e, "moldova", 0, 0, got, sizeof got);
	CHECK(!strcmp(got, "b-election"));
}

static void test_columns(ng_engine *e)
{
	ng_cursor *c = NULL;
	CHECK(ng_search_open(e, "spokesman", 0, 0, &c) == NG_OK);
	if (!c)
		return;
	static const char *names[] = {"article", "story", "title", "lang",
				      "published", "snippet", "rank"};
	CHECK(ng_cursor_column_count(c) == 7);
	for (int i = 0; i < 7; i++)
		CHECK_MSG(!strcmp(ng_cursor_column_name(c, i), names[i]),
			  "column %d: %s", i, ng_cursor_column_name(c, i));
	CHECK(ng_cursor_step(c) == NG_ROW);
	CHECK(!strcmp(ng_cursor_column_text(c, 2), "Kremlin denies phone calls"));
	CHECK(!strcmp(ng_cursor_column_text(c, 4), "2024-10-15"));
	CHECK(ng_cursor_column_int64(c, 1) > 0);
	const char *snip = ng_cursor_column_text(c, 5);
	CHECK_MSG(snip && strstr(snip, "\002spokesman\003"), "snippet: %s",
		  snip ? snip : "(null)");
	CHECK(ng_cursor_column_type(c, 6) == NG_TYPE_FLOAT);
	CHECK(ng_cursor_step(c) == NG_DONE);
	ng_cursor_close(c);
	CHECK(ng_search_open(e, NULL, 0, 0, &c) == NG_ERR_USAGE);
	CHECK(ng_search_open(NULL, "x", 0, 0, &c) == NG_ERR_USAGE);
}

/* The stories of ng_stories_open with a match, joined by ","; each
 * story given by its first article's id. */
static void story_hits(ng_engine *e, const char *match, char *out, size_t size)
{
	ng_story_filter f = NG_STORY_FILTER_INIT;
	f.match = match;
	ng_cursor *c = NULL;
	out[0] = '\0';
	if (ng_stories_open(e, &f, &c) != NG_OK) {
		snprintf(out, size, "ERR");
		return;
	}
	size_t n = 0;
	while (ng_cursor_step(c) == NG_ROW)
		n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s",
				      n ? "," : "", ng_cursor_column_text(c, 5));
	ng_cursor_close(c);
}

static void test_story_filter(ng_engine *e)
{
	char got[256];
	story_hits(e, "peskov", got, sizeof got);
	CHECK_MSG(!strcmp(got, "Kremlin denies phone calls"), "%s", got);
	story_hits(e, "goalless", got, sizeof got);
	CHECK_MSG(!strcmp(got, "Cup final ends in a draw"), "%s", got);
	story_hits(e, "...", got, sizeof got);
	CHECK_MSG(!strcmp(got, ""), "no words: %s", got);
	story_hits(e, NULL, got, sizeof got);
	CHECK_MSG(strstr(got, "Moldova") && strstr(got, "Zürich"), "%s", got);
}

static void test_rewrite(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"a b", "(\"a\") AND (\"b\")"},
		{"a OR b c", "(\"a\" OR \"b\") AND (\"c\")"},
		{"x*", "(\"x\"*)"},
		{"\"p q\" -r -s", "(\"p q\") NOT (\"r\" OR \"s\")"},
		{"say\"hi", "(\"say\"\"hi\")"},
		{"OR a", "(\"a\")"},
		{"a OR", "(\"a\")"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ng_status st;
		char *q = ngi_fts_query(cases[i].in, &st);
		CHECK(st == NG_OK);
		CHECK_MSG(q && !strcmp(q, cases[i].want), "[%s] -> [%s], want [%s]",
			  cases[i].in, q ? q : "(null)", cases[i].want);
		free(q);
	}
	ng_status st;
	CHECK(ngi_fts_query("- \"\" ()", &st) == NULL && st == NG_OK);
	size_t big = 70000;
	char *huge = malloc(big + 1);
	if (huge) {
		memset(huge, 'a', big);
		huge[big] = '\0';
		CHECK(ngi_fts_query(huge, &st) == NULL && st == NG_ERR_TOOBIG);
		free(huge);
	}
}

/* A schema-5 file (no index, version 5) is upgraded by a writer: search
 * then finds what was stored before. */
static void test_upgrade(const char *dir)
{
	char path[512], cmd[1200];
	snprintf(path, sizeof path, "%s/old.db", dir);
	ng_engine *e = open_db(path, 0);
	if (!e)
		return;
	fill(e);
	CHECK(ng_engine_close(e) == NG_OK);
	snprintf(cmd, sizeof cmd,
		 "sqlite3 '%s' \"DROP TABLE articles_fts;"
		 " UPDATE meta SET value = '5' WHERE key = 'schema_version';\"",
		 path);
	if (system(cmd) != 0) {
		CHECK_MSG(0, "sqlite3 failed on %s", dir);
		return;
	}
	/* a reader refuses the old file and says how to upgrade it */
	ng_config c;
	ng_config_init(&c);
	c.db_path = path;
	c.read_only = 1;
	ng_engine *r = NULL;
	CHECK(ng_engine_open(&c, &r) == NG_ERR_DB);
	ng_engine_close(r);
	e = open_db(path, 0);
	if (!e)
		return;
	char got[256];
	hits(e, "peskov", 0, 0, got, sizeof got);
	CHECK_MSG(!strcmp(got, "a-kremlin"), "after the upgrade: %s", got);
	ng_engine_close(e);
	e = open_db(path, 1);
	if (e) {
		hits(e, "goalless", 0, 0, got, sizeof got);
		CHECK_MSG(!strcmp(got, "d-football"), "read-only: %s", got);
		ng_engine_close(e);
	}
}

int main(void)
{
	char dir[] = "/tmp/ng-search-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[512], cmd[700];
	snprintf(path, sizeof path, "%s/a.db", dir);
	ng_engine *e = open_db(path, 0);
	if (e) {
		fill(e);
		test_queries(e);
		test_columns(e);
		test_story_filter(e);
		ng_engine_close(e);
	}
	/* a reader sees the same */
	e = open_db(path, 1);
	if (e) {
		char got[256];
		hits(e, "refer*", 0, 0, got, sizeof got);
		CHECK_MSG(!strcmp(got, "b-election"), "read-only: %s", got);
		ng_engine_close(e);
	}
	test_rewrite();
	test_upgrade(dir);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return check_report("search");
}
