/*
 * test_pipeline.c: the per-document stage as the engine runs it
 * (ngi_features_compute): entity mentions, dates anchored on the publication
 * date, and the publication-date inference rules of engine.h (metadata,
 * header, dateline + weekday consistency with a reference year from the
 * text, a date at the top of the text, nothing), with hostile cases, the
 * outlets a text credits, the senses a short item's pivot bag takes, and
 * the ids of records that share one (ids.c).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "engine/engine.h"
#include "sketch/pivot.h"

typedef struct pub_case {
	const char *what;
	const char *text;
	const char *published;  /* as the reader gives it, or NULL */
	int source;             /* ngi_pub_source of published */
	const char *want;       /* published after inference, "" unknown */
	int want_source;
	double want_confidence;
	const char *date_text;  /* a date of the text, and its value */
	const char *date_value;
} pub_case;

static const pub_case cases[] = {
	{"metadata stands",
	 "The minister spoke on Thursday about the budget.", "2024-10-27",
	 NGI_PUB_METADATA, "2024-10-27", NGI_PUB_METADATA, 1.0, "Thursday",
	 "2024-10-24"},
	{"header stands",
	 "The minister spoke on Thursday about the budget.", "2024-10-27",
	 NGI_PUB_HEADER, "2024-10-27", NGI_PUB_HEADER, 0.9, "Thursday",
	 "2024-10-24"},
	{"override stands", "Talks went on last week.", "2024-11-01",
	 NGI_PUB_OVERRIDE, "2024-11-01", NGI_PUB_OVERRIDE, 1.0, "last week",
	 "2024-W43"},
	/* R = 2016: 2016-11-12 is itself a Saturday (scores 1), in 2017 the
	 * Saturday is the day before the dateline (scores 2) */
	{"dateline: bare weekday + reference year",
	 "MOSCOW, November 12. The two presidents met on Saturday, their first "
	 "talks since the 2016 election.", "--11-12", NGI_PUB_DATELINE,
	 "2017-11-12", NGI_PUB_DATELINE, 0.4, "Saturday", "2017-11-11"},
	/* a weekday written with the date decides: 11 November 2017 */
	{"dateline: weekday written with a date",
	 "MOSCOW, November 12. The meeting on Saturday, November 11 was the "
	 "first since the 2016 election.", "--11-12", NGI_PUB_DATELINE,
	 "2017-11-12", NGI_PUB_DATELINE, 0.7, NULL, NULL},
	/* seed 004: no year anywhere in the text, so weekdays cannot choose
	 * one (a Saturday falls in the week before 12 November every year) */
	{"dateline without a year in the text stays year-less",
	 "MOSCOW, November 12. Peskov said on Saturday that the talks went well.",
	 "--11-12", NGI_PUB_DATELINE, "--11-12", NGI_PUB_DATELINE, 0.5,
	 "Saturday", "XXXX-WXX-6"},
	{"dateline: a year but no weekday stays year-less",
	 "MOSCOW, November 12. Talks resumed, as agreed in 2016.", "--11-12",
	 NGI_PUB_DATELINE, "--11-12", NGI_PUB_DATELINE, 0.5, "2016", "2016"},
	/* seed 001: relative expressions only */
	{"nothing to anchor on",
	 "Last week a book came out. At a news conference on Thursday the "
	 "president denied it.", NULL, NGI_PUB_NONE, "", NGI_PUB_NONE, 0.0,
	 "Thursday", "XXXX-WXX-4"},
	{"a full date at the top of the text",
	 "Rome, 11 November 2024 - The talks ended on Saturday.", NULL,
	 NGI_PUB_NONE, "2024-11-11", NGI_PUB_TEXT, 0.6, "Saturday", "2024-11-09"},
	{"a full date deep in the text is not the publication date",
	 "The talks ended without a deal and the delegations went home while "
	 "the ministers said they would return to the table after the holidays, "
	 "once their governments had studied the offer, the fourth in a row, "
	 "that their counterparts had made on "
	 "11 November 2024.", NULL, NGI_PUB_NONE, "", NGI_PUB_NONE, 0.0, NULL,
	 NULL},
	/* hostile: year 9999 as the reference, 29 February */
	{"reference year 9999", "MOSCOW, November 12. In 9999 on Saturday.",
	 "--11-12", NGI_PUB_DATELINE, "--11-12", NGI_PUB_DATELINE, 0.5, NULL,
	 NULL},
	{"dateline 29 February, reference 2023: only 2024 is a real date",
	 "KYIV, February 29. The talks of 2023 resumed on Wednesday.", "--02-29",
	 NGI_PUB_DATELINE, "2024-02-29", NGI_PUB_DATELINE, 0.4, "Wednesday",
	 "2024-02-28"},
};

static void test_inference(ngi_worker *w)
{
	ngi_arena keep;
	ngi_arena_init(&keep, 64 << 10);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const pub_case *c = &cases[i];
		ngi_doc_in in = {NULL, c->text, strlen(c->text), "en", NULL,
				 NGI_PUB_NONE, NGI_DAY_UNKNOWN, NULL};
		char iso[NGI_PUBDATE_LEN];
		if (c->published) {
			CHECK(ngi_pubdate_normalize(c->published, iso, &in.day));
			in.published = iso;
			in.published_source = c->source;
		}
		ngi_features f;
		ng_status st = ngi_features_compute(w, &keep, &in, &f);
		CHECK_MSG(st == NG_OK, "%s: status %d", c->what, st);
		CHECK_MSG(!strcmp(f.published, c->want), "%s: published \"%s\", want \"%s\"",
			  c->what, f.published, c->want);
		CHECK_MSG(f.published_source == c->want_source, "%s: source %d, want %d",
			  c->what, f.published_source, c->want_source);
		CHECK_MSG(f.published_confidence > c->want_confidence - 1e-9 &&
				  f.published_confidence < c->want_confidence + 1e-9,
			  "%s: confidence %.2f, want %.2f", c->what,
			  f.published_confidence, c->want_confidence);
		CHECK_MSG((f.day != NGI_DAY_UNKNOWN) == (c->want[0] && c->want[0] != '-'),
			  "%s: day known", c->what);
		if (c->date_text) {
			int seen = 0;
			for (size_t k = 0; k < f.n_timexes; k++) {
				const ngi_timex *t = &f.timexes[k];
				if (t->end - t->start == strlen(c->date_text) &&
				    !memcmp(c->text + t->start, c->date_text, t->end - t->start)) {
					seen = 1;
					CHECK_MSG(!strcmp(t->value, c->date_value),
						  "%s: \"%s\" = %s, want %s", c->what,
						  c->date_text, t->value, c->date_value);
				}
			}
			CHECK_MSG(seen, "%s: no date \"%s\"", c->what, c->date_text);
		}
		ngi_arena_reset(&w->scratch);
		ngi_arena_reset(&keep);
	}
	ngi_arena_free(&keep);
}

/* Mentions come with code point offsets that match their bytes, and the
 * German inflected name meets the English one. */
static void test_entities(ngi_worker *w)
{
	ngi_arena keep;
	ngi_arena_init(&keep, 64 << 10);
	const char *texts[] = {
		"Der russische Präsident Wladimir Putin sprach in Kasan über Putins Pläne.",
		"Russian President Vladimir Putin spoke in Kazan on Thursday.",
	};
	const char *keys[2] = {NULL, NULL};
	for (int i = 0; i < 2; i++) {
		ngi_doc_in in = {NULL, texts[i], strlen(texts[i]), NULL, NULL,
				 NGI_PUB_NONE, NGI_DAY_UNKNOWN, NULL};
		ngi_features f;
		CHECK(ngi_features_compute(w, &keep, &in, &f) == NG_OK);
		for (size_t k = 0; k < f.n_mentions; k++) {
			const ngi_mention *m = &f.mentions[k];
			CHECK(m->end - m->start == strlen(m->surface));
			CHECK(!memcmp(texts[i] + m->start, m->surface, strlen(m->surface)));
			size_t cps = 0;
			for (uint32_t b = 0; b < m->start; b++)
				cps += ((unsigned char)texts[i][b] & 0xC0) != 0x80;
			CHECK(cps == m->cp_start);
			if (!keys[i] && m->type == NGI_ENT_PER && strstr(m->surface, "Putin")) {
				keys[i] = ngi_arena_strdup(&keep, m->key);
				CHECK_STR(m->name, "Vladimir Putin");
			}
		}
		ngi_arena_reset(&w->scratch);
	}
	CHECK(keys[0] && keys[1] && !strcmp(keys[0], keys[1]));
	ngi_arena_free(&keep);
}

/* 10,000 capitalised words and mixed scripts: no crash, bounded output. */
static void test_hostile(ngi_worker *w)
{
	size_t n = 10000 * 6;
	char *text = malloc(n + 64);
	if (!text)
		return;
	for (size_t i = 0; i < 10000; i++)
		memcpy(text + i * 6, i % 3 ? "Abcde " : "Пут\xd0\xb8 ", 6);
	strcpy(text + n, "MOSCOW, November 12. Saturday 99999.");
	ngi_arena keep;
	ngi_arena_init(&keep, 64 << 10);
	ngi_doc_in in = {NULL, text, strlen(text), NULL, "--11-12", NGI_PUB_DATELINE,
			 NGI_DAY_UNKNOWN, NULL};
	ngi_features f;
	CHECK(ngi_features_compute(w, &keep, &in, &f) == NG_OK);
	CHECK(f.n_mentions <= NGI_ENTITY_MAX_MENTIONS);
	CHECK_STR(f.published, "--11-12");
	ngi_arena_reset(&w->scratch);
	ngi_arena_free(&keep);
	free(text);
}

/* The record's outlet and the outlets its text credits: a wire's own
 * dateline is no credit, a title's credit counts. */
static void test_credits(ngi_worker *w)
{
	ngi_arena keep;
	ngi_arena_init(&keep, 64 << 10);
	const char *text = "MOSCOW, November 12. /TASS/. The Kremlin said the talks "
			   "would resume, according to Interfax.";
	ngi_doc_in in = {"Talks to resume (Reuters)", text, strlen(text), NULL, NULL,
			 NGI_PUB_NONE, NGI_DAY_UNKNOWN, "ТАСС"};
	ngi_features f;
	CHECK(ngi_features_compute(w, &keep, &in, &f) == NG_OK);
	CHECK(f.outlet_key == ngi_outlet_key("TASS"));
	CHECK(f.n_credits == 2);
	if (f.n_credits == 2) {
		CHECK_STR(f.credits[0].name, "interfax");
		CHECK(!f.credits[0].in_title);
		CHECK_STR(f.credits[1].name, "reuters");
		CHECK(f.credits[1].in_title);
	}
	ngi_arena_reset(&w->scratch);
	in.outlet = NULL; /* unknown outlet: the dateline's TASS counts */
	CHECK(ngi_features_compute(w, &keep, &in, &f) == NG_OK);
	CHECK(f.outlet_key == 0 && f.n_credits == 3);
	ngi_arena_reset(&w->scratch);
	ngi_arena_free(&keep);
}

/* 1 when the term bag of f holds term. */
static int bag_has(const ngi_features *f, uint32_t term)
{
	for (uint32_t i = 0; i < f->n_terms; i++)
		if (f->terms[i].term == term)
			return 1;
	return 0;
}

/* A short item (a headline alone) takes three English senses of a word
 * into its pivot bag, a longer text two: the third sense of "Auto" is in
 * the headline's bag and not in the same headline followed by three more
 * sentences. */
static void test_short_item_senses(ngi_worker *w)
{
	ngi_arena keep;
	ngi_arena_init(&keep, 64 << 10);
	const char *word = "auto";
	uint32_t senses[NGI_PIVOT_MAX_TARGETS];
	size_t n = ngi_pivot_lookup("de", word, strlen(word), senses, 3);
	CHECK_MSG(n == 3, "the dictionary gives Auto three senses");
	const char *head = "Leichen in versenktem Auto im Teich gefunden";
	const char *full = "Leichen in versenktem Auto im Teich gefunden. Die Polizei "
			   "ermittelt. Taucher suchten den ganzen Tag. Die Familie "
			   "wurde informiert.";
	ngi_doc_in in = {NULL, head, strlen(head), "2024-03-01", NULL,
			 NGI_PUB_METADATA, NGI_DAY_UNKNOWN, NULL};
	ngi_features f;
	CHECK(ngi_features_compute(w, &keep, &in, &f) == NG_OK);
	CHECK_STR(f.lang, "de");
	CHECK(ngi_link_short_item(f.n_words, f.n_sentences));
	if (n == 3)
		CHECK(bag_has(&f, senses[0]) && bag_has(&f, senses[2]));
	ngi_arena_reset(&w->scratch);
	in.text = full;
	in.len = strlen(full);
	CHECK(ngi_features_compute(w, &keep, &in, &f) == NG_OK);
	CHECK(!ngi_link_short_item(f.n_words, f.n_sentences));
	if (n == 3)
		CHECK(bag_has(&f, senses[0]) && !bag_has(&f, senses[2]));
	ngi_arena_reset(&w->scratch);
	ngi_arena_free(&keep);
}

/* ids.c: records sharing one id with new contents go in as "ID~2",
 * "ID~3" ..., skipping a variant taken by a literal id; a content stored
 * under any variant is found again (also by a fresh engine state: its
 * first lookup reads every variant once); and n records of one id cost
 * about n lookups, not n squared (issue 15: 20,000 took 26 s). */
static double place_all(ng_engine *e, long n, long start, ngi_arena *a, int *wrong)
{
	clock_t t0 = clock();
	for (long i = start; i < start + n; i++) {
		const char *id = NULL;
		if (ngi_ids_place(&e->ids, "x", 1000 + (uint64_t)i, a, &id) != NG_OK || !id) {
			(*wrong)++;
			continue;
		}
		if (ngi_ids_remember(&e->ids, id, 1000 + (uint64_t)i) != NG_OK)
			(*wrong)++;
		ngi_arena_reset(a);
	}
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static void test_id_variants(void)
{
	ng_config c;
	ng_config_init(&c);
	c.threads = 1;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	if (!e)
		return;
	ngi_arena a;
	ngi_arena_init(&a, 4096);
	const char *id = NULL;
	CHECK(ngi_ids_place(&e->ids, "x", 1, &a, &id) == NG_OK && id && !strcmp(id, "x"));
	CHECK(ngi_ids_remember(&e->ids, "x", 1) == NG_OK);
	CHECK(ngi_ids_remember(&e->ids, "x~3", 33) == NG_OK); /* a literal id */
	CHECK(ngi_ids_place(&e->ids, "x", 2, &a, &id) == NG_OK && id && !strcmp(id, "x~2"));
	CHECK(ngi_ids_remember(&e->ids, id, 2) == NG_OK);
	CHECK(ngi_ids_place(&e->ids, "x", 4, &a, &id) == NG_OK && id && !strcmp(id, "x~4"));
	CHECK(ngi_ids_remember(&e->ids, id, 4) == NG_OK);
	for (uint64_t h = 1; h <= 4; h++) { /* each content is stored already */
		CHECK(ngi_ids_place(&e->ids, "x", h == 3 ? 33 : h, &a, &id) == NG_OK);
		CHECK_MSG(id == NULL, "content %llu placed again as %s",
			  (unsigned long long)h, id ? id : "");
	}
	CHECK(ngi_ids_place(&e->ids, "x", 5, &a, &id) == NG_OK && id && !strcmp(id, "x~5"));
	/* a fresh lookup state (as after reopening) finds the same */
	ngi_map_free(&e->ids.variant_from);
	ngi_map_free(&e->ids.variant_content);
	ngi_map_init(&e->ids.variant_from);
	ngi_map_init(&e->ids.variant_content);
	CHECK(ngi_ids_place(&e->ids, "x", 4, &a, &id) == NG_OK && id == NULL);
	CHECK(ngi_ids_place(&e->ids, "x", 2, &a, &id) == NG_OK && id == NULL);
	CHECK(ngi_ids_place(&e->ids, "x", 6, &a, &id) == NG_OK && id && !strcmp(id, "x~5"));
	ngi_arena_reset(&a);
	int wrong = 0;
	long n = 3000;
	double t1 = place_all(e, n, 10, &a, &wrong);
	double t4 = place_all(e, 4 * n, 10 + n, &a, &wrong);
	CHECK(wrong == 0);
	CHECK_MSG(t4 < 8 * t1 + 0.05, "%ld records of one id %.3f s, the next "
		  "%ld %.3f s: not linear", n, t1, 4 * n, t4);
	ngi_arena_free(&a);
	CHECK(ng_engine_close(e) == NG_OK);
}

int main(void)
{
	test_id_variants();
	ngi_worker w;
	if (ngi_worker_init(&w) != NG_OK) {
		CHECK(!"worker");
		ngi_worker_free(&w);
		return check_report("pipeline");
	}
	test_inference(&w);
	test_entities(&w);
	test_hostile(&w);
	test_credits(&w);
	test_short_item_senses(&w);
	ngi_worker_free(&w);
	return check_report("pipeline");
}
