/*
 * test_cursor.c: the public cursor API over the five seed articles of
 * examples/articles/ (three stories: 000, 001 and the German 002; 003 alone; 004
 * alone; 000 a rewrite of 001).
 *
 * Each opener is checked against what the seeds hold: story filters as a
 * table of {filter, expected stories in order}, paging as slices of the
 * unfiltered listing, entity filters against the full listing, evidence and
 * mention texts against the stored bodies at their offsets, and the errors:
 * unknown story or article, a filter without its size, a cursor stepped
 * past its end. Only include/newsgraph.h is used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "newsgraph.h"

#define A000 "000_58e73d3533bae044"
#define A001 "001_5d9da47f99b66cba"
#define A002 "002_ecfb8b0ff7967163"
#define A003 "003_b25523e41b776a03"
#define A004 "004_3ecbcb9470ad91fc"

static ng_engine *seeded(void)
{
	ng_config c;
	ng_config_init(&c);
	c.threads = 2;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	if (!e)
		return NULL;
	ng_ingest_stats s = {0};
	CHECK(ng_ingest_path(e, "examples/articles", &s) == NG_OK);
	CHECK(ng_ingest_flush(e, &s) == NG_OK);
	CHECK(s.added == 5);
	return e;
}

/* Column 0 (an integer) of every row, as "1,2,3"; the cursor is closed.
 * Returns the last step's status in *end. */
static void int_list(ng_cursor *c, char *out, size_t size, ng_status *end)
{
	out[0] = '\0';
	size_t n = 0;
	ng_status st;
	while ((st = ng_cursor_step(c)) == NG_ROW)
		n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%lld",
				      n ? "," : "", ng_cursor_column_int64(c, 0));
	*end = st;
	ng_cursor_close(c);
}

/* Column col (text) of every row, joined by ","; the cursor is closed. */
static void text_list(ng_cursor *c, int col, char *out, size_t size)
{
	out[0] = '\0';
	size_t n = 0;
	ng_status st;
	while ((st = ng_cursor_step(c)) == NG_ROW) {
		const char *t = ng_cursor_column_text(c, col);
		n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s",
				      n ? "," : "", t ? t : "(null)");
	}
	CHECK(st == NG_DONE);
	ng_cursor_close(c);
}

static void test_story_filters(ng_engine *e)
{
	static const struct {
		const char *lang, *from, *to, *text;
		long long min_size, limit, offset;
		const char *want;
	} cases[] = {
		{NULL, NULL, NULL, NULL, 0, 0, 0, "1,2,3"},
		{"de", NULL, NULL, NULL, 0, 0, 0, "1"},
		{"en", NULL, NULL, NULL, 0, 0, 0, "1,2,3"},
		{"fr", NULL, NULL, NULL, 0, 0, 0, ""},
		{"e", NULL, NULL, NULL, 0, 0, 0, ""},           /* whole codes only */
		{NULL, NULL, NULL, NULL, 2, 0, 0, "1"},
		{NULL, NULL, NULL, NULL, 4, 0, 0, ""},
		{NULL, "2024-01-01", NULL, NULL, 0, 0, 0, "1,2"},
		{NULL, NULL, "2020-01-01", NULL, 0, 0, 0, "3"},
		{NULL, "2024-11-11", "2024-11-11", NULL, 0, 0, 0, "2"}, /* a date-time */
		{NULL, "2024-10", "2024-10", NULL, 0, 0, 0, "1"},       /* a month */
		{NULL, "2024-10-28", "2024-11-10", NULL, 0, 0, 0, ""},
		{NULL, NULL, NULL, "Wladimir", 0, 0, 0, "1"},   /* 002's body */
		{NULL, NULL, NULL, "wladimir", 0, 0, 0, "1"},   /* either case */
		{NULL, NULL, NULL, "Peskov", 0, 0, 0, "2,3"},  /* 003 and 004 */
		{NULL, NULL, NULL, "Dmitry Peskov described", 0, 0, 0, "2"},
		{NULL, NULL, NULL, "meddling", 0, 0, 0, "3"},   /* 004's title */
		{NULL, NULL, NULL, "Putin", 0, 0, 0, "1,2,3"},
		{NULL, NULL, NULL, "no such words here", 0, 0, 0, ""},
		{NULL, NULL, NULL, "%", 0, 0, 0, ""},           /* literal, not a wildcard */
		{NULL, NULL, NULL, "_", 0, 0, 0, ""},
		{"en", NULL, NULL, "Putin", 0, 1, 0, "1"},
		{NULL, NULL, NULL, NULL, 0, 1, 1, "2"},
		{NULL, NULL, NULL, NULL, 0, 0, 2, "3"},
		{NULL, NULL, NULL, NULL, 0, 0, 3, ""},
		{NULL, NULL, NULL, NULL, 0, 5, 0, "1,2,3"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ng_story_filter f = NG_STORY_FILTER_INIT;
		f.lang = cases[i].lang;
		f.from = cases[i].from;
		f.to = cases[i].to;
		f.text = cases[i].text;
		f.min_size = cases[i].min_size;
		f.limit = cases[i].limit;
		f.offset = cases[i].offset;
		ng_cursor *c = NULL;
		CHECK(ng_stories_open(e, &f, &c) == NG_OK);
		char got[256];
		ng_status end;
		int_list(c, got, sizeof got, &end);
		CHECK(end == NG_DONE);
		CHECK_MSG(!strcmp(got, cases[i].want), "case %zu: got \"%s\", want \"%s\"",
			  i, got, cases[i].want);
	}
	/* a NULL filter is no filter; a filter without its size is refused */
	ng_cursor *c = NULL;
	CHECK(ng_stories_open(e, NULL, &c) == NG_OK);
	char got[64];
	ng_status end;
	int_list(c, got, sizeof got, &end);
	CHECK_STR(got, "1,2,3");
	ng_story_filter bad = {0};
	c = NULL;
	CHECK(ng_stories_open(e, &bad, &c) == NG_ERR_USAGE);
	CHECK(c == NULL);
	CHECK(strstr(ng_errmsg(e), "size") != NULL);
	/* an older program's smaller filter: fields past its size are not read */
	struct {
		size_t size;
		const char *lang;
	} old = {sizeof old, "de"};
	CHECK(ng_stories_open(e, (const ng_story_filter *)&old, &c) == NG_OK);
	int_list(c, got, sizeof got, &end);
	CHECK_STR(got, "1");
}

static void test_columns(ng_engine *e)
{
	ng_cursor *c = NULL;
	CHECK(ng_story_open(e, 1, &c) == NG_OK);
	static const char *names[] = {"story", "size", "languages", "first_seen",
				      "last_seen", "title"};
	CHECK(ng_cursor_column_count(c) == 6);
	for (int i = 0; i < 6; i++)
		CHECK_STR(ng_cursor_column_name(c, i), names[i]);
	CHECK(ng_cursor_column_name(c, 6) == NULL);
	CHECK(ng_cursor_column_name(c, -1) == NULL);
	CHECK(ng_cursor_column_index(c, "title") == 5);
	CHECK(ng_cursor_column_index(c, "nope") == -1);
	/* no row yet: getters give nothing */
	CHECK(ng_cursor_column_type(c, 0) == NG_TYPE_NULL);
	CHECK(ng_cursor_step(c) == NG_ROW);
	CHECK(ng_cursor_column_type(c, 0) == NG_TYPE_INT);
	CHECK(ng_cursor_column_int64(c, 0) == 1);
	CHECK(ng_cursor_column_int64(c, 1) == 3);
	CHECK(ng_cursor_column_type(c, 2) == NG_TYPE_TEXT);
	CHECK_STR(ng_cursor_column_text(c, 2), "de,en");
	CHECK(ng_cursor_column_bytes(c, 2) == 5);
	CHECK_STR(ng_cursor_column_text(c, 3), "2024-10-27");
	CHECK(ng_cursor_column_text(c, 9) == NULL);
	CHECK(ng_cursor_step(c) == NG_DONE);
	CHECK(ng_cursor_step(c) == NG_DONE); /* stays done */
	CHECK(ng_cursor_column_text(c, 2) == NULL);
	ng_cursor_close(c);
	ng_cursor_close(NULL);
	CHECK(ng_cursor_step(NULL) == NG_ERR_USAGE);

	c = NULL;
	CHECK(ng_story_open(e, 999, &c) == NG_ERR_NOTFOUND);
	CHECK(c == NULL);
	CHECK_STR(ng_errmsg(e), "no story 999");

	/* the article columns, and a NULL and a float among them */
	CHECK(ng_article_open(e, A002, &c) == NG_OK);
	static const char *acols[] = {
		"id", "story", "title", "lang", "lang_reliable", "published",
		"published_source", "published_confidence", "outlet", "url",
		"source", "record", "words", "sentences", "ingested"};
	CHECK(ng_cursor_column_count(c) == 15);
	for (int i = 0; i < 15; i++)
		CHECK_STR(ng_cursor_column_name(c, i), acols[i]);
	CHECK(ng_cursor_step(c) == NG_ROW);
	CHECK_STR(ng_cursor_column_text(c, 0), A002);
	CHECK_STR(ng_cursor_column_text(c, 3), "de");
	CHECK(ng_cursor_column_type(c, 5) == NG_TYPE_NULL); /* no date of its own */
	CHECK(ng_cursor_column_text(c, 5) == NULL);
	CHECK(ng_cursor_column_int64(c, 14) == 3);
	CHECK(ng_cursor_column_int64(c, 12) > 50);
	CHECK(ng_cursor_step(c) == NG_DONE);
	ng_cursor_close(c);
	CHECK(ng_article_open(e, A003, &c) == NG_OK);
	CHECK(ng_cursor_step(c) == NG_ROW);
	CHECK(ng_cursor_column_type(c, 7) == NG_TYPE_FLOAT);
	CHECK(ng_cursor_column_double(c, 7) > 0.89 && ng_cursor_column_double(c, 7) < 0.91);
	CHECK_STR(ng_cursor_column_text(c, 6), "header");
	ng_cursor_close(c);
	c = NULL;
	CHECK(ng_article_open(e, "no-such-article", &c) == NG_ERR_NOTFOUND);
	CHECK(c == NULL);
	CHECK(strstr(ng_errmsg(e), "no-such-article") != NULL);
}

static void test_articles(ng_engine *e)
{
	ng_cursor *c = NULL;
	char got[200];
	CHECK(ng_story_articles_open(e, 1, &c) == NG_OK);
	/* by publication day (000 has one), then ingest order */
	text_list(c, 0, got, sizeof got);
	CHECK_STR(got, A000 "," A001 "," A002);
	CHECK(ng_story_articles_open(e, 3, &c) == NG_OK);
	text_list(c, 0, got, sizeof got);
	CHECK_STR(got, A004);
	c = NULL;
	CHECK(ng_story_articles_open(e, 42, &c) == NG_ERR_NOTFOUND);
	CHECK(c == NULL);
	CHECK(ng_articles_open(e, &c) == NG_OK);
	text_list(c, 0, got, sizeof got);
	CHECK_STR(got, A000 "," A001 "," A002 "," A003 "," A004);
	/* two cursors open at once on one engine */
	ng_cursor *a = NULL, *b = NULL;
	CHECK(ng_articles_open(e, &a) == NG_OK);
	CHECK(ng_stories_open(e, NULL, &b) == NG_OK);
	CHECK(ng_cursor_step(a) == NG_ROW && ng_cursor_step(b) == NG_ROW);
	CHECK_STR(ng_cursor_column_text(a, 0), A000);
	CHECK(ng_cursor_column_int64(b, 0) == 1);
	ng_cursor_close(a);
	ng_cursor_close(b);
}

/* The stored body of an article, copied. */
static char *body_of(ng_engine *e, const char *id, size_t *len)
{
	const char *t;
	if (ng_article_text(e, id, &t, len) != NG_OK)
		return NULL;
	char *copy = malloc(*len + 1);
	if (copy) {
		memcpy(copy, t, *len);
		copy[*len] = '\0';
	}
	return copy;
}

static void test_copies(ng_engine *e)
{
	ng_cursor *c = NULL;
	CHECK(ng_story_copies_open(e, 1, &c) == NG_OK);
	CHECK(ng_cursor_column_count(c) == 9);
	CHECK_STR(ng_cursor_column_name(c, 5), "copy_ingested");
	CHECK(ng_cursor_step(c) == NG_ROW);
	CHECK_STR(ng_cursor_column_text(c, 0), A000);
	CHECK_STR(ng_cursor_column_text(c, 1), A001);
	CHECK_STR(ng_cursor_column_text(c, 2), "rewrite");
	CHECK(ng_cursor_column_double(c, 3) > 0 && ng_cursor_column_double(c, 3) <= 1);
	CHECK(ng_cursor_column_int64(c, 5) == 1 && ng_cursor_column_int64(c, 6) == 2);
	CHECK(ng_cursor_column_type(c, 7) == NG_TYPE_INT);  /* 000 has a day */
	CHECK(ng_cursor_column_type(c, 8) == NG_TYPE_NULL); /* 001 has none */
	CHECK(ng_cursor_step(c) == NG_DONE);
	ng_cursor_close(c);
	static const struct {
		const char *id;
		int edges;
	} per_article[] = {{A000, 1}, {A001, 1}, {A002, 0}, {A003, 0}, {A004, 0}};
	for (size_t i = 0; i < 5; i++) {
		CHECK(ng_article_copies_open(e, per_article[i].id, &c) == NG_OK);
		int n = 0;
		while (ng_cursor_step(c) == NG_ROW)
			n++;
		ng_cursor_close(c);
		CHECK_MSG(n == per_article[i].edges, "%s: %d edges", per_article[i].id, n);
	}
	CHECK(ng_story_copies_open(e, 2, &c) == NG_OK);
	CHECK(ng_cursor_step(c) == NG_DONE);
	ng_cursor_close(c);
	c = NULL;
	CHECK(ng_article_copies_open(e, "nope", &c) == NG_ERR_NOTFOUND);
	CHECK(ng_story_copies_open(e, 0, &c) == NG_ERR_NOTFOUND);
	CHECK(c == NULL);

	/* evidence: each passage is the body's bytes at its offsets */
	size_t lc, lo;
	char *copy = body_of(e, A000, &lc), *orig = body_of(e, A001, &lo);
	CHECK(copy && orig);
	CHECK(ng_evidence_open(e, A000, A001, &c) == NG_OK);
	int quotes = 0, passages = 0;
	while (copy && orig && ng_cursor_step(c) == NG_ROW) {
		const char *kind = ng_cursor_column_text(c, 0);
		long long cs = ng_cursor_column_int64(c, 1), ce = ng_cursor_column_int64(c, 2);
		long long os = ng_cursor_column_int64(c, 3), oe = ng_cursor_column_int64(c, 4);
		quotes += !strcmp(kind, "quote");
		passages += !strcmp(kind, "passage");
		CHECK(0 <= cs && cs < ce && ce <= (long long)lc);
		CHECK(0 <= os && os < oe && oe <= (long long)lo);
		CHECK(ng_cursor_column_bytes(c, 6) == (size_t)(ce - cs));
		CHECK(!memcmp(ng_cursor_column_text(c, 6), copy + cs, (size_t)(ce - cs)));
		CHECK(ng_cursor_column_bytes(c, 7) == (size_t)(oe - os));
		CHECK(!memcmp(ng_cursor_column_text(c, 7), orig + os, (size_t)(oe - os)));
	}
	ng_cursor_close(c);
	CHECK(quotes == 2);
	CHECK(passages >= 1);
	free(copy);
	free(orig);
	/* the other direction is not an edge; an unknown article has none */
	CHECK(ng_evidence_open(e, A001, A000, &c) == NG_OK);
	CHECK(ng_cursor_step(c) == NG_DONE);
	ng_cursor_close(c);
	CHECK(ng_evidence_open(e, "nope", A001, &c) == NG_OK);
	CHECK(ng_cursor_step(c) == NG_DONE);
	ng_cursor_close(c);

	/* the struct shortcut agrees */
	ng_copy_info info[4];
	int n = -1;
	CHECK(ng_article_copies(e, A001, info, 4, &n) == NG_OK);
	CHECK(n == 1);
	CHECK_STR(info[0].other_id, A000);
	CHECK(info[0].other_is_original == 0);
	CHECK(ng_article_copies(e, "nope", info, 4, &n) == NG_ERR_NOTFOUND);
}

static void test_related(ng_engine *e)
{
	ng_cursor *c = NULL;
	CHECK(ng_related_stories_open(e, 1, &c) == NG_OK);
	CHECK_STR(ng_cursor_column_name(c, 4), "entities");
	int rows = 0;
	/* the documented order: shared claims and quote groups, then
	 * copies, then entities, each most first */
	long long last[3] = {1 << 30, 1 << 30, 1 << 30}, seen = 0;
	while (ng_cursor_step(c) == NG_ROW) {
		long long story = ng_cursor_column_int64(c, 0);
		long long key[3] = {ng_cursor_column_int64(c, 5) +
					    ng_cursor_column_int64(c, 6),
				    ng_cursor_column_int64(c, 3),
				    ng_cursor_column_int64(c, 4)};
		CHECK(story == 2 || story == 3);
		CHECK(key[1] == 0); /* no edge leaves story 1 */
		CHECK(key[2] >= 2); /* Putin, Trump, ... */
		int k = 0;
		while (k < 3 && key[k] == last[k])
			k++;
		CHECK(k == 3 || key[k] < last[k]);
		memcpy(last, key, sizeof last);
		seen |= 1 << story;
		rows++;
	}
	ng_cursor_close(c);
	CHECK(rows == 2 && seen == ((1 << 2) | (1 << 3)));
	c = NULL;
	CHECK(ng_related_stories_open(e, 77, &c) == NG_ERR_NOTFOUND);
	CHECK(c == NULL);
}

typedef struct entity {
	char type[16], key[64];
	long long mentions;
} entity;

/* Every entity of the unfiltered listing, in order. */
static int all_entities(ng_engine *e, entity *out, int max)
{
	ng_cursor *c = NULL;
	CHECK(ng_entities_open(e, NULL, &c) == NG_OK);
	int n = 0;
	while (c && ng_cursor_step(c) == NG_ROW) {
		if (n < max) {
			snprintf(out[n].type, sizeof out[n].type, "%s", ng_cursor_column_text(c, 0));
			snprintf(out[n].key, sizeof out[n].key, "%s", ng_cursor_column_text(c, 1));
			out[n].mentions = ng_cursor_column_int64(c, 3);
		}
		n++;
	}
	ng_cursor_close(c);
	return n < max ? n : max;
}

static void test_entities(ng_engine *e)
{
	static entity all[512];
	int n = all_entities(e, all, 512);
	CHECK(n > 20);
	CHECK_STR(all[0].key, "p_t_n");
	CHECK_STR(all[0].type, "person");
	for (int i = 1; i < n; i++)
		CHECK(all[i].mentions <= all[i - 1].mentions);

	/* filters pick exactly the rows of the full listing that pass */
	static const struct {
		const char *type;
		long long min;
	} cases[] = {{"place", 0}, {"person", 3}, {NULL, 20}, {"event", 0}, {"animal", 0}};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		ng_entity_filter f = NG_ENTITY_FILTER_INIT;
		f.type = cases[k].type;
		f.min_mentions = cases[k].min;
		ng_cursor *c = NULL;
		CHECK(ng_entities_open(e, &f, &c) == NG_OK);
		int j = 0, i = 0, ok = 1;
		while (c && ng_cursor_step(c) == NG_ROW) {
			while (i < n && ((f.type && strcmp(all[i].type, f.type)) ||
					 all[i].mentions < f.min_mentions))
				i++;
			ok &= i < n && !strcmp(ng_cursor_column_text(c, 1), all[i].key) &&
			      !strcmp(ng_cursor_column_text(c, 0), all[i].type);
			i++;
			j++;
		}
		ng_cursor_close(c);
		while (i < n && ((f.type && strcmp(all[i].type, f.type)) ||
				 all[i].mentions < f.min_mentions))
			i++;
		CHECK_MSG(ok && i == n, "filter %zu: %d rows", k, j);
		if (k == 4)
			CHECK(j == 0);
	}
	/* paging: slices of the full listing */
	for (int off = 0; off < n; off += 7) {
		ng_entity_filter f = NG_ENTITY_FILTER_INIT;
		f.limit = 5;
		f.offset = off;
		ng_cursor *c = NULL;
		CHECK(ng_entities_open(e, &f, &c) == NG_OK);
		int j = 0;
		while (c && ng_cursor_step(c) == NG_ROW) {
			CHECK(off + j < n && !strcmp(ng_cursor_column_text(c, 1), all[off + j].key));
			j++;
		}
		ng_cursor_close(c);
		CHECK(j == (n - off < 5 ? n - off : 5));
	}
	/* search by name or variant */
	static const struct {
		const char *name, *type, *key_in;
	} search[] = {
		{"Wladimir", "person", "p_t_n"}, /* a variant, not the name */
		{"putin", "person", "p_t_n"},
		{"Kasan", "place", NULL},         /* Kazan's German spelling */
	};
	for (size_t k = 0; k < sizeof search / sizeof *search; k++) {
		ng_entity_filter f = NG_ENTITY_FILTER_INIT;
		f.name = search[k].name;
		ng_cursor *c = NULL;
		CHECK(ng_entities_open(e, &f, &c) == NG_OK);
		int rows = 0, hit = 0;
		while (c && ng_cursor_step(c) == NG_ROW) {
			rows++;
			hit |= !strcmp(ng_cursor_column_text(c, 0), search[k].type) &&
			       (!search[k].key_in ||
				!strcmp(ng_cursor_column_text(c, 1), search[k].key_in));
		}
		ng_cursor_close(c);
		CHECK_MSG(hit && rows < n, "search \"%s\": %d rows", search[k].name, rows);
	}
	ng_entity_filter none = NG_ENTITY_FILTER_INIT;
	none.name = "Qwxzv";
	ng_cursor *c = NULL;
	CHECK(ng_entities_open(e, &none, &c) == NG_OK);
	CHECK(ng_cursor_step(c) == NG_DONE);
	ng_cursor_close(c);

	/* variants of Putin: counts add up to his mentions */
	CHECK(ng_entity_variants_open(e, "person", "p_t_n", &c) == NG_OK);
	long long sum = 0;
	int wladimir = 0;
	while (ng_cursor_step(c) == NG_ROW) {
		CHECK_STR(ng_cursor_column_text(c, 1), "p_t_n");
		sum += ng_cursor_column_int64(c, 4);
		wladimir |= !strcmp(ng_cursor_column_text(c, 2), "Wladimir Putin");
	}
	ng_cursor_close(c);
	CHECK(sum == all[0].mentions);
	CHECK(wladimir);
	/* his mentions: one per row, by article in ingest order */
	CHECK(ng_entity_mentions_open(e, "person", "p_t_n", &c) == NG_OK);
	long long rows = 0;
	char last[64] = "";
	int ordered = 1;
	while (ng_cursor_step(c) == NG_ROW) {
		const char *art = ng_cursor_column_text(c, 0);
		ordered &= strcmp(art, last) >= 0; /* the seed ids sort as ingested */
		snprintf(last, sizeof last, "%s", art);
		rows++;
	}
	ng_cursor_close(c);
	CHECK(rows == all[0].mentions);
	CHECK(ordered);
	c = NULL;
	CHECK(ng_entity_mentions_open(e, NULL, "p_t_n", &c) == NG_ERR_USAGE);
}

/* Whether the n bytes at s contain t. */
static int contains(const char *s, size_t n, const char *t)
{
	size_t k = strlen(t);
	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(s + i, t, k))
			return 1;
	return 0;
}

static void test_mentions_dates(ng_engine *e)
{
	size_t len;
	char *body = body_of(e, A003, &len);
	CHECK(body != NULL);
	ng_cursor *c = NULL;
	CHECK(ng_article_mentions_open(e, A003, &c) == NG_OK);
	long long last = -1;
	int n = 0;
	while (body && ng_cursor_step(c) == NG_ROW) {
		long long s = ng_cursor_column_int64(c, 0);
		long long bs = ng_cursor_column_int64(c, 2), be = ng_cursor_column_int64(c, 3);
		CHECK(s >= last);
		last = s;
		CHECK(0 <= bs && bs < be && be <= (long long)len);
		/* the text is the body at its byte offsets (without a title) */
		const char *t = ng_cursor_column_text(c, 4);
		CHECK(t && strlen(t) <= (size_t)(be - bs) &&
		      contains(body + bs, (size_t)(be - bs), t));
		n++;
	}
	ng_cursor_close(c);
	ng_mention_info m[128];
	int total = -1;
	CHECK(ng_article_mentions(e, A003, m, 128, &total) == NG_OK);
	CHECK(total == n && n > 10);
	free(body);

	CHECK(ng_article_dates_open(e, A002, &c) == NG_OK);
	int found = 0;
	while (ng_cursor_step(c) == NG_ROW)
		if (!strcmp(ng_cursor_column_text(c, 4), "5. November")) {
			CHECK_STR(ng_cursor_column_text(c, 5), "2024-11-05");
			CHECK_STR(ng_cursor_column_text(c, 8), "story");
			found = 1;
		}
	ng_cursor_close(c);
	CHECK(found);
	ng_date_info d[32];
	CHECK(ng_article_dates(e, A002, d, 32, &total) == NG_OK);
	CHECK(total >= 1);
	c = NULL;
	CHECK(ng_article_dates_open(e, "nope", &c) == NG_ERR_NOTFOUND);
	CHECK(ng_article_mentions_open(e, "nope", &c) == NG_ERR_NOTFOUND);
	CHECK(c == NULL);

	ng_article_info a;
	CHECK(ng_article_get(e, A004, &a) == NG_OK);
	CHECK_STR(a.published, "2017-11-12");
	CHECK(a.story == 3);
	CHECK(ng_article_get(e, "nope", &a) == NG_ERR_NOTFOUND);
}

/* Reports through a callback: the bytes are those of the FILE * form, and
 * a callback that refuses stops the report with NG_ERR_IO. */
typedef struct sink {
	char data[1 << 16];
	size_t len;
	int calls;
	int refuse; /* the callback fails */
} sink;

static int to_sink(void *ctx, const char *data, size_t len)
{
	sink *s = ctx;
	if (s->refuse)
		return 1;
	s->calls++;
	if (s->len + len <= sizeof s->data) {
		memcpy(s->data + s->len, data, len);
		s->len += len;
	}
	return 0;
}

static void test_reports(ng_engine *e)
{
	static sink s;
	memset(&s, 0, sizeof s);
	CHECK(ng_report_stories_to(e, NG_FORMAT_JSONL, to_sink, &s) == NG_OK);
	char *file = NULL;
	size_t flen = 0;
	FILE *f = open_memstream(&file, &flen);
	CHECK(ng_report_stories(e, f, NG_FORMAT_JSONL) == NG_OK);
	fclose(f);
	CHECK(flen == s.len && flen > 0 && !memcmp(file, s.data, flen));
	CHECK(s.len > 0 && s.data[0] == '{');
	free(file);
	memset(&s, 0, sizeof s);
	CHECK(ng_export_to(e, NG_FORMAT_JSONL, to_sink, &s) == NG_OK);
	CHECK(s.calls >= 1);
	int lines = 0;
	for (size_t i = 0; i < s.len; i++)
		lines += s.data[i] == '\n';
	CHECK(lines == 5);
	CHECK(ng_export_to(e, NG_FORMAT_TABLE, to_sink, &s) == NG_ERR_USAGE);
	memset(&s, 0, sizeof s);
	s.refuse = 1;
	CHECK(ng_export_to(e, NG_FORMAT_JSONL, to_sink, &s) == NG_ERR_IO);
	CHECK(strstr(ng_errmsg(e), "write failed") != NULL);
	CHECK(ng_report_copies_to(e, 0, NG_FORMAT_TABLE, to_sink, &s) == NG_ERR_IO);
	CHECK(ng_report_entities_to(e, NULL, 0, NG_FORMAT_JSON, to_sink, &s) == NG_ERR_IO);
	CHECK(ng_report_story_to(e, 1, NG_FORMAT_TABLE, to_sink, &s) == NG_ERR_IO);
	CHECK(ng_report_story_to(e, 99, NG_FORMAT_TABLE, to_sink, &s) == NG_ERR_NOTFOUND);
	FILE *full = fopen("/dev/full", "w");
	if (full) {
		setvbuf(full, NULL, _IONBF, 0);
		CHECK(ng_report_stories(e, full, NG_FORMAT_TABLE) == NG_ERR_IO);
		CHECK(strstr(ng_errmsg(e), "No space left") != NULL);
		fclose(full);
	}
}

/* Copies file from to to; 0 on success. */
static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[8192];
	size_t n;
	int rc = in && out ? 0 : -1;
	while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
		rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
	if (in)
		fclose(in);
	if (out && fclose(out))
		rc = -1;
	return rc;
}

/* A damaged file: each page past the first in turn overwritten in its
 * middle. A read either gives what the sound file gives, or fails with
 * NG_ERR_DB and SQLite's message: a list never ends short as if complete,
 * and ng_article_get says NG_ERR_DB when SQLite sees the damage (a damaged
 * index SQLite does not notice can still make a look-up miss: that is
 * SQLite's limit; on the seeds the pages a look-up reads are also read by
 * the engine's open, which then fails). */
static void test_corrupt(void)
{
	char path[] = "/tmp/ng_test_cursor_XXXXXX", bad[64];
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	snprintf(bad, sizeof bad, "%s.bad", path);
	ng_config c;
	ng_config_init(&c);
	c.db_path = path;
	c.threads = 1;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	if (e)
		CHECK(ng_ingest_path(e, "examples/articles", NULL) == NG_OK);
	ng_engine_close(e); /* checkpoints: everything is in the main file */
	FILE *f = fopen(path, "rb");
	unsigned char head[18] = {0};
	long size = 0;
	if (f) {
		CHECK(fread(head, 1, sizeof head, f) == sizeof head);
		fseek(f, 0, SEEK_END);
		size = ftell(f);
		fclose(f);
	}
	long page = head[16] << 8 | head[17];
	CHECK(page >= 512 && size >= page * 4);
	static const char *ids[] = {A000, A001, A002, A003, A004};
	int failed_reads = 0, failed_opens = 0, get_errors = 0, pages = 0;
	for (long p = 2; page >= 512 && p <= size / page; p++, pages++) {
		CHECK(copy_file(path, bad) == 0);
		f = fopen(bad, "r+b");
		if (!f)
			break;
		unsigned char junk[1024];
		memset(junk, 0xA5, sizeof junk);
		fseek(f, (p - 1) * page + 8, SEEK_SET);
		fwrite(junk, 1, sizeof junk, f);
		fclose(f);
		c.db_path = bad;
		c.on_diag = NULL;
		e = NULL;
		/* quiet: the open's failure goes to stderr otherwise */
		FILE *saved = stderr;
		stderr = fopen("/dev/null", "w");
		ng_status st = ng_engine_open(&c, &e);
		fclose(stderr);
		stderr = saved;
		if (st) {
			CHECK_MSG(st == NG_ERR_DB, "page %ld: open %d", p, st);
			failed_opens++;
			check_remove_db(bad);
			continue;
		}
		for (size_t i = 0; i < 5; i++) {
			ng_article_info a;
			st = ng_article_get(e, ids[i], &a);
			CHECK_MSG(st == NG_OK || st == NG_ERR_NOTFOUND ||
				  (st == NG_ERR_DB && strstr(ng_errmsg(e), "malformed")),
				  "page %ld: article_get %s: %d %s", p, ids[i], st, ng_errmsg(e));
			get_errors += st == NG_ERR_DB;
			ng_mention_info m[128];
			int n = 0;
			st = ng_article_mentions(e, ids[i], m, 128, &n);
			CHECK_MSG(st == NG_OK || st == NG_ERR_DB || st == NG_ERR_NOTFOUND,
				  "page %ld: mentions %d", p, st);
			failed_reads += st == NG_ERR_DB;
		}
		ng_cursor *cur = NULL;
		int rows = 0;
		st = ng_articles_open(e, &cur);
		while (!st && (st = ng_cursor_step(cur)) == NG_ROW)
			rows++, st = NG_OK;
		ng_cursor_close(cur);
		CHECK_MSG((st == NG_DONE && rows == 5) || st == NG_ERR_DB,
			  "page %ld: articles %d rows, %d", p, rows, st);
		failed_reads += st != NG_DONE;
		ng_engine_close(e);
		check_remove_db(bad);
	}
	CHECK(pages > 10);
	CHECK_MSG(failed_reads > 0 && failed_opens > 0,
		  "%d failed reads, %d failed opens, %d ng_article_get errors",
		  failed_reads, failed_opens, get_errors);
	check_remove_db(path);
}

int main(void)
{
	ng_engine *e = seeded();
	if (e) {
		test_story_filters(e);
		test_columns(e);
		test_articles(e);
		test_copies(e);
		test_related(e);
		test_entities(e);
		test_mentions_dates(e);
		test_reports(e);
	}
	ng_engine_close(e);
	test_corrupt();
	return check_report("cursor");
}
