/*
 * test_faults.c: failures injected through the library's test seam
 * (ngi_test_fault, src/base/base.h), which this program defines.
 *
 * - The shared place table: an allocation failure while building it fails
 *   the ingest that asked, with NG_ERR_NOMEM (the whole batch: nothing is
 *   stored, nothing counted as failed), and the next engine builds it and
 *   finds places; it is built once after that.
 * - The stopword set: a failed build is tried again by the next lookup,
 *   and the lists answer meanwhile.
 * - CLD2: an exception thrown inside the language detector's guard never
 *   reaches C; std::bad_alloc is NG_ERR_NOMEM, any other is "und".
 */
#include <string.h>

#include "check.h"
#include "base/base.h"
#include "extract/entities.h"
#include "text/text.h"

static struct {
	int fail;  /* failures still to give */
	int calls; /* times the site was reached */
} places, stopwords;
static int cld2_throw; /* 0: none, 1: std::bad_alloc, 2: another */

int ngi_test_fault(const char *site)
{
	if (strcmp(site, "places") == 0) {
		places.calls++;
		return places.fail > 0 ? places.fail-- : 0;
	}
	if (strcmp(site, "stopwords") == 0) {
		stopwords.calls++;
		return stopwords.fail > 0 ? stopwords.fail-- : 0;
	}
	if (strcmp(site, "cld2") == 0)
		return cld2_throw;
	return 0;
}

/* Ingests one article about Managua into e; returns the flush's status. */
static ng_status ingest_managua(ng_engine *e)
{
	ng_record r = {0};
	r.id = "managua";
	r.lang = "en";
	r.text = "Protesters marched through Managua on Sunday. The police "
		 "in Managua said nobody was hurt.";
	ng_status st = ng_ingest_record(e, &r, "test", NULL);
	return st ? st : ng_ingest_flush(e, NULL);
}

/* Whether the stored article has a place mention named Managua. */
static int has_managua(ng_engine *e)
{
	ng_mention_info m[16];
	int n = 0;
	if (ng_article_mentions(e, "managua", m, 16, &n) != NG_OK)
		return 0;
	for (int i = 0; i < n && i < 16; i++)
		if (strcmp(m[i].type, "place") == 0 && strcmp(m[i].name, "Managua") == 0)
			return 1;
	return 0;
}

static void test_places(void)
{
	/* an engine whose place table fails to build says so: the batch
	 * whose analysis ran out of memory is rolled back, the flush fails */
	ng_config c;
	ng_config_init(&c);
	c.db_path = ":memory:";
	c.threads = 1;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	places.fail = 1;
	ng_ingest_stats stats = NG_INGEST_STATS_INIT;
	ng_record r = {0};
	r.id = "managua";
	r.lang = "en";
	r.text = "Managua.";
	CHECK(ng_ingest_record(e, &r, "test", &stats) == NG_OK);
	CHECK(ng_ingest_flush(e, &stats) == NG_ERR_NOMEM);
	CHECK(stats.failed == 0 && stats.added == 0);
	CHECK(strstr(ng_errmsg(e), "out of memory") != NULL);
	CHECK(places.calls == 1);
	ng_engine_close(e);

	/* ... and the next one tries again, and has places */
	e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	CHECK(ingest_managua(e) == NG_OK);
	CHECK(places.calls == 2);
	CHECK(has_managua(e));
	ng_engine_close(e);
	const ngi_known_name *p = ngi_lexicon_place("nicaragua", 9, 0);
	CHECK(p != NULL && strcmp(p->name, "Nicaragua") == 0);
	CHECK(ngi_lexicon_place("никарагуа", strlen("никарагуа"), 1) == p);

	/* built once: later searches do not build it again */
	CHECK(ngi_lexicon_places_load() == NG_OK);
	CHECK(places.calls == 2);
}

static void test_stopwords(void)
{
	stopwords.fail = 1;
	/* the build fails: the lists still answer */
	CHECK(ngi_is_stopword("en", "the", 3) == 1);
	CHECK(stopwords.calls == 1);
	/* the next lookup builds the set, once */
	CHECK(ngi_is_stopword("en", "parliament", 10) == 0);
	CHECK(stopwords.calls == 2);
	CHECK(ngi_is_stopword("de", "und", 3) == 1);
	CHECK(ngi_is_stopword("fr", "parlement", 9) == 0);
	CHECK(ngi_is_stopword("und", "the", 3) == 1);
	CHECK(stopwords.calls == 2);
}

static void test_cld2(void)
{
	static const char text[] =
		"The government announced on Tuesday that it would raise "
		"interest rates for the third time this year, citing persistent "
		"inflation and a tight labour market.";
	static const struct {
		int throw_kind;
		ng_status want;
		const char *lang;
	} rows[] = {
		{0, NG_OK, "en"},
		{1, NG_ERR_NOMEM, "und"},
		{2, NG_OK, "und"},
		{0, NG_OK, "en"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		char lang[8] = "xx";
		int reliable = -1, percent = -1;
		cld2_throw = rows[i].throw_kind;
		ng_status st = ngi_langid_detect(text, sizeof text - 1, lang,
						 &reliable, &percent);
		CHECK_MSG(st == rows[i].want && strcmp(lang, rows[i].lang) == 0,
			  "row %zu: status %d, \"%s\"", i, (int)st, lang);
		CHECK_MSG(reliable == (rows[i].lang[0] == 'e'),
			  "row %zu: reliable %d", i, reliable);
	}

	/* the analysis passes the status on */
	ngi_text_ctx *ctx = NULL;
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	ngi_doc d;
	CHECK(ngi_text_ctx_new(&ctx) == NG_OK);
	cld2_throw = 1;
	CHECK(ngi_text_analyze(ctx, text, sizeof text - 1, NULL, &a, &d) ==
	      NG_ERR_NOMEM);
	cld2_throw = 2;
	CHECK(ngi_text_analyze(ctx, text, sizeof text - 1, NULL, &a, &d) == NG_OK &&
	      strcmp(d.lang, "und") == 0);
	cld2_throw = 0;
	CHECK(ngi_text_analyze(ctx, text, sizeof text - 1, NULL, &a, &d) == NG_OK &&
	      strcmp(d.lang, "en") == 0);
	ngi_text_ctx_free(ctx);
	ngi_arena_free(&a);
}

int main(void)
{
	test_stopwords(); /* first: engines and contexts build the set too */
	test_places();
	test_cld2();
	return check_report("faults");
}
