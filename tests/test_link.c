/*
 * test_link.c: ngi_link on real analysed texts (tokens, stems, MinHash and
 * term bags from src/text and src/sketch, as the engine computes them):
 * an exact copy joins its original's story with an exact edge, a copy with
 * a few words changed gets a near edge, articles about different events get
 * stories of their own, articles about one event share a story, the same
 * input order gives the same decisions twice, and restoring stored decisions
 * then adding continues exactly like an uninterrupted run. The copy index's
 * time window, on a long synthetic stream: old articles stop being
 * candidates, the index's counted size stays flat, wrong or missing dates
 * and the article cap keep it bounded too. Old stories are retired: their
 * centroids and postings go, recent ones still take articles. Direction
 * by credit lines: precedence over days and arrival, not over times.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract/credits.h"
#include "link/link_internal.h"
#include "link/story_internal.h"
#include "sketch/sketch.h"
#include "text/text.h"

/* Weights as the engine uses them (src/engine/features.c, engine.h). */
#define TITLE_WEIGHT 2
#define LEAD_SENTENCES 3
#define LEAD_EXTRA 4

typedef struct art {
	uint64_t content_hash;
	uint32_t minhash[NGI_MINHASH_K];
	int has_minhash;
	ngi_term *terms;
	uint32_t n_terms;
} art;

static const char *const texts[] = {
	/* 0: a flood */
	"Heavy rain flooded the river valley near Dresden on Monday, forcing "
	"thousands of residents to leave their homes. The Elbe rose above seven "
	"metres, the highest level since 2013, and firefighters filled sandbags "
	"through the night. Officials in Saxony said the water would peak on "
	"Wednesday. Schools in the old town stayed closed and trains to Prague "
	"were cancelled. Mayor Dirk Hilbert asked volunteers to help protect "
	"the historic bridges.",
	/* 1: an exact copy of 0 (spacing and case differ, words do not) */
	"HEAVY rain flooded the river valley near Dresden on Monday,  forcing "
	"thousands of residents to leave their homes.  The Elbe rose above seven "
	"metres, the highest level since 2013, and firefighters filled sandbags "
	"through the night. Officials in Saxony said the water would peak on "
	"Wednesday. Schools in the old town stayed closed and trains to Prague "
	"were cancelled. Mayor Dirk Hilbert asked volunteers to help protect "
	"the historic bridges.",
	/* 2: 0 with a few words changed */
	"Heavy rain flooded the river valley near Dresden on Tuesday, forcing "
	"thousands of residents to leave their homes. The Elbe rose above seven "
	"metres, the highest level since 2013, and firefighters filled sandbags "
	"through the night. Officials in Saxony said the water would peak on "
	"Thursday. Schools in the old town stayed closed and trains to Prague "
	"were suspended. Mayor Dirk Hilbert asked volunteers to help protect "
	"the historic bridges.",
	/* 3: a different event */
	"The central bank raised its key interest rate by a quarter point to "
	"curb inflation, which reached four percent in March. Economists had "
	"expected the move after wages grew faster than productivity. The "
	"governor said further increases were possible if consumer prices kept "
	"climbing. Mortgage lenders announced higher rates within hours, and "
	"the currency gained against the dollar.",
	/* 4: another different event */
	"A new species of tree frog was discovered in the cloud forests of "
	"Ecuador by a team of biologists. The tiny amphibian, barely two "
	"centimetres long, has bright orange spots and a call that sounds like "
	"a cricket. Researchers warned that deforestation threatens its "
	"habitat and asked for the area to be protected.",
	/* 5: another report of the flood in 0, written independently */
	"Thousands of people were evacuated in Dresden as the Elbe burst its "
	"banks after days of heavy rain. Firefighters and volunteers piled "
	"sandbags along the river overnight while the water level climbed past "
	"seven metres. Saxony's officials expect the flood to peak midweek. "
	"Mayor Dirk Hilbert said the historic bridges were being protected and "
	"rail links to Prague remain cut.",
};
#define N_TEXTS (sizeof texts / sizeof texts[0])

static int analyse(ngi_text_ctx *tc, ngi_arena *scratch, ngi_arena *keep,
		   const char *text, art *out)
{
	ngi_doc d;
	if (ngi_text_analyze(tc, text, strlen(text), "en", scratch, &d) != NG_OK)
		return -1;
	out->content_hash = ngi_content_hash(&d);
	out->has_minhash = ngi_minhash(&d, out->minhash) > 0;
	if (ngi_terms(&d, NULL, TITLE_WEIGHT, LEAD_SENTENCES, LEAD_EXTRA, keep,
		      &out->terms, &out->n_terms) != NG_OK)
		return -1;
	ngi_arena_reset(scratch);
	return 0;
}

static ngi_link_article as_link(const art *a)
{
	return (ngi_link_article){.content_hash = a->content_hash,
				  .minhash = a->has_minhash ? a->minhash : NULL,
				  .terms = a->terms, .n_terms = a->n_terms,
				  .day = NGI_DAY_UNKNOWN, .time = NGI_TIME_UNKNOWN};
}

static const ngi_link_config config = {.story_threshold = 0.20,
				       .window_days = 14,
				       .near_threshold = 0.5};

/* Adds the articles in order; results into out. */
static int run(const art *arts, size_t n, ngi_link_result *out)
{
	ngi_link *l;
	if (ngi_link_new(&config, &l) != NG_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		ngi_link_article la = as_link(&arts[i]);
		if (ngi_link_add(l, &la, &out[i]) != NG_OK) {
			ngi_link_free(l);
			return -1;
		}
	}
	ngi_link_free(l);
	return 0;
}

static int same_result(const ngi_link_result *x, const ngi_link_result *y)
{
	if (x->seq != y->seq || x->story != y->story ||
	    x->new_story != y->new_story || x->story_score != y->story_score ||
	    x->n_edges != y->n_edges)
		return 0;
	for (int i = 0; i < x->n_edges; i++)
		if (x->edges[i].copy != y->edges[i].copy ||
		    x->edges[i].original != y->edges[i].original ||
		    x->edges[i].kind != y->edges[i].kind ||
		    x->edges[i].score != y->edges[i].score)
			return 0;
	return 1;
}

static const ngi_copy_edge *edge_to(const ngi_link_result *r, uint32_t orig)
{
	for (int i = 0; i < r->n_edges; i++)
		if (r->edges[i].original == orig && r->edges[i].copy == r->seq)
			return &r->edges[i];
	return NULL;
}

static void test_decisions(const art *arts)
{
	ngi_link_result r[N_TEXTS];
	CHECK(run(arts, N_TEXTS, r) == 0);

	CHECK(r[0].story == 1 && r[0].new_story && r[0].n_edges == 0);

	/* exact copy: same content hash, an exact edge, the original's story */
	CHECK(arts[1].content_hash == arts[0].content_hash);
	const ngi_copy_edge *e = edge_to(&r[1], 0);
	CHECK(e && e->kind == NGI_COPY_EXACT && e->score == 1.0f);
	CHECK(r[1].story == r[0].story && !r[1].new_story);

	/* a few words changed: a near edge (not exact) to the original */
	CHECK(arts[2].content_hash != arts[0].content_hash);
	e = edge_to(&r[2], 0);
	CHECK_MSG(e && e->kind == NGI_COPY_NEAR && e->score >= 0.5f &&
			  e->score < 1.0f,
		  "near edge score %g", e ? e->score : -1.0);
	CHECK(r[2].story == r[0].story);

	/* different events: new stories, no copy edges */
	CHECK(r[3].new_story && r[3].n_edges == 0);
	CHECK(r[4].new_story && r[4].n_edges == 0);
	CHECK(r[3].story != r[0].story && r[4].story != r[0].story &&
	      r[3].story != r[4].story);

	/* an independent report of the flood: no copy, but the same story */
	CHECK(r[5].n_edges == 0);
	CHECK_MSG(r[5].story == r[0].story && !r[5].new_story,
		  "story %u score %g", r[5].story, r[5].story_score);
}

static void test_deterministic(const art *arts)
{
	ngi_link_result a[N_TEXTS], b[N_TEXTS];
	CHECK(run(arts, N_TEXTS, a) == 0);
	CHECK(run(arts, N_TEXTS, b) == 0);
	for (size_t i = 0; i < N_TEXTS; i++)
		CHECK_MSG(same_result(&a[i], &b[i]), "article %zu", i);
}

/* Restoring the first k decisions then adding the rest must give what the
 * uninterrupted run gave, for every split point. */
static void test_restore(const art *arts)
{
	ngi_link_result whole[N_TEXTS];
	CHECK(run(arts, N_TEXTS, whole) == 0);
	uint32_t n_stories = 0;
	for (size_t i = 0; i < N_TEXTS; i++)
		if (whole[i].story > n_stories)
			n_stories = whole[i].story;
	for (size_t k = 0; k <= N_TEXTS; k++) {
		ngi_link *l;
		CHECK(ngi_link_new(&config, &l) == NG_OK);
		for (size_t i = 0; i < k; i++) {
			ngi_link_article la = as_link(&arts[i]);
			CHECK(ngi_link_restore(l, &la, whole[i].story) == NG_OK);
		}
		CHECK(ngi_link_articles(l) == k);
		for (size_t i = k; i < N_TEXTS; i++) {
			ngi_link_article la = as_link(&arts[i]);
			ngi_link_result r;
			CHECK(ngi_link_add(l, &la, &r) == NG_OK);
			CHECK_MSG(same_result(&r, &whole[i]),
				  "split %zu, article %zu", k, i);
		}
		CHECK(ngi_link_stories(l) == n_stories &&
		      ngi_link_articles(l) == N_TEXTS);
		ngi_link_free(l);
	}
	/* story 0 is refused; a gap (ids of stories merged away) is kept, and
	 * the next new story takes the id after the highest */
	ngi_link *l;
	CHECK(ngi_link_new(&config, &l) == NG_OK);
	ngi_link_article la = as_link(&arts[0]);
	CHECK(ngi_link_restore(l, &la, 0) != NG_OK);
	CHECK(ngi_link_restore(l, &la, 3) == NG_OK);
	CHECK(ngi_link_stories(l) == 3);
	ngi_link_article other = as_link(&arts[N_TEXTS - 1]);
	ngi_link_result r;
	CHECK(ngi_link_add(l, &other, &r) == NG_OK);
	CHECK(r.new_story ? r.story == 4 : r.story == 3);
	ngi_link_free(l);
}

/* Two stories of one event (split by a strict threshold) merge by average
 * link; a story of another event does not; merged ids resolve to the
 * surviving, older story. */
static void test_merge(const art *arts)
{
	ngi_story_index si;
	ngi_story_index_init(&si);
	ngi_link_article flood = as_link(&arts[0]), flood2 = as_link(&arts[5]),
			 flood3 = as_link(&arts[2]), bank = as_link(&arts[3]);
	CHECK(ngi_story_index_count(&si, &flood) == NG_OK);
	CHECK(ngi_story_index_join(&si, &flood, 1) == NG_OK);
	CHECK(ngi_story_index_count(&si, &bank) == NG_OK);
	CHECK(ngi_story_index_join(&si, &bank, 2) == NG_OK);
	CHECK(ngi_story_index_count(&si, &flood2) == NG_OK);
	CHECK(ngi_story_index_join(&si, &flood2, 3) == NG_OK);
	uint32_t into = 9, from = 9;
	/* nothing reaches an average link of 0.99 */
	CHECK(ngi_story_index_merge(&si, 3, 0.99, 14, &into, &from) == NG_OK);
	CHECK(into == 0 && from == 0);
	CHECK(ngi_story_index_count(&si, &flood3) == NG_OK);
	CHECK(ngi_story_index_join(&si, &flood3, 3) == NG_OK);
	CHECK(ngi_story_index_merge(&si, 3, 0.05, 14, &into, &from) == NG_OK);
	CHECK_MSG(into == 1 && from == 3, "merged %u into %u", from, into);
	CHECK(ngi_story_index_live(&si, 3) == 1);
	CHECK(ngi_story_index_live(&si, 2) == 2);
	CHECK(si.stories[0].size == 3);
	/* the merged story no longer takes articles; the survivor does */
	uint32_t best = 0;
	double score = 0;
	CHECK(ngi_story_index_best(&si, &flood2, 14, &best, &score) == NG_OK);
	CHECK(best == 1);
	ngi_story_index_free(&si);
}


/* Two stories that share terms weakly merge when they have no language in
 * common (translations of one report: every pair of their articles is
 * across languages, where cosines run about half, so the link is scaled as
 * a joining article's cosine is), and not when they share one. */
/* The dot product of two stories' unit centroids (their link, unscaled). */
static double centroid_dot(const ngi_story_state *p, const ngi_story_state *q)
{
	double dot = 0;
	for (uint32_t i = 0; i < p->n_terms; i++) {
		uint32_t at = ngi_story_centroid_at(q, p->terms[i]);
		if (at != UINT32_MAX)
			dot += (double)p->unit[i] * q->unit[at];
	}
	return dot;
}

static void test_merge_across_languages(void)
{
	/* three articles: a and b (one story) share 2 of their 6 terms with c */
	static const ngi_term ta[] = {{1, 1}, {2, 1}, {10, 1}, {11, 1}, {12, 1}, {13, 1}};
	static const ngi_term tb[] = {{1, 1}, {2, 1}, {10, 1}, {11, 1}, {12, 1}, {13, 1}};
	static const ngi_term tc[] = {{1, 1}, {2, 1}, {20, 1}, {21, 1}, {22, 1}, {23, 1}};
	/* unrelated articles so the shared terms are not everywhere */
	static const ngi_term tx[] = {{30, 1}, {31, 1}, {32, 1}};
	double plain = 0;
	for (int across = 0; across < 2; across++) {
		ngi_story_index si;
		ngi_story_index_init(&si);
		ngi_link_article a = {.terms = ta, .n_terms = 6, .day = NGI_DAY_UNKNOWN,
				      .lang = ngi_link_lang("en")};
		ngi_link_article b = a;
		b.terms = tb;
		ngi_link_article c = {.terms = tc, .n_terms = 6, .day = NGI_DAY_UNKNOWN,
				      .lang = ngi_link_lang(across ? "de" : "en")};
		ngi_link_article x = {.terms = tx, .n_terms = 3, .day = NGI_DAY_UNKNOWN,
				      .lang = ngi_link_lang("fr")};
		for (int i = 0; i < 4; i++)
			CHECK(ngi_story_index_count(&si, &x) == NG_OK);
		CHECK(ngi_story_index_join(&si, &x, 1) == NG_OK);
		CHECK(ngi_story_index_count(&si, &a) == NG_OK);
		CHECK(ngi_story_index_join(&si, &a, 2) == NG_OK);
		CHECK(ngi_story_index_count(&si, &b) == NG_OK);
		CHECK(ngi_story_index_join(&si, &b, 2) == NG_OK);
		CHECK(ngi_story_index_count(&si, &c) == NG_OK);
		CHECK(ngi_story_index_join(&si, &c, 3) == NG_OK);
		/* the average link of stories 2 and 3, unscaled */
		if (!across) {
			plain = centroid_dot(&si.stories[1], &si.stories[2]) /
				(2.0 * 1.0);
			CHECK_MSG(plain > 0.05 && plain < 0.5, "link %f", plain);
		}
		/* a threshold between the plain link and the scaled one */
		double threshold = plain * (1 + NGI_XLING_SCALE) / 2;
		uint32_t into = 9, from = 9;
		CHECK(ngi_story_index_merge(&si, 3, threshold, 14, &into, &from) == NG_OK);
		if (across)
			CHECK_MSG(into == 2 && from == 3, "across: merged %u into %u", from, into);
		else
			CHECK_MSG(into == 0 && from == 0, "within: merged %u into %u", from, into);
		ngi_story_index_free(&si);
	}
}

/* A short item joins a story only within NGI_SHORT_ITEM_DAYS of its days;
 * a full article, and a short item without a date, within the story
 * window. */
static void test_short_items(void)
{
	static const ngi_term terms[] = {{101, 2}, {102, 2}, {103, 1}, {104, 1}};
	static const ngi_term other[] = {{201, 1}, {202, 1}, {203, 1}};
	ngi_link *l;
	CHECK(ngi_link_new(&config, &l) == NG_OK);
	if (!l)
		return;
	ngi_link_result r;
	const int32_t d0 = 20000;
	ngi_link_article unrelated = {.content_hash = 1, .terms = other, .n_terms = 3,
				      .day = d0, .time = NGI_TIME_UNKNOWN};
	CHECK(ngi_link_add(l, &unrelated, &r) == NG_OK);
	ngi_link_article a = {.content_hash = 2, .terms = terms, .n_terms = 4,
			      .day = d0, .time = NGI_TIME_UNKNOWN};
	CHECK(ngi_link_add(l, &a, &r) == NG_OK);
	uint32_t story = r.story;
	CHECK(r.new_story == 1);
	struct { int32_t day; uint8_t is_short; int joins; } cases[] = {
		{d0 + 1, 1, 1},                  /* the next day */
		{d0 + 1 + NGI_SHORT_ITEM_DAYS + 3, 1, 0}, /* days later: another event */
		{d0 + 8, 0, 1},                  /* a full article, in the window */
		{NGI_DAY_UNKNOWN, 1, 1},         /* no date: nothing to tell by */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ngi_link_article b = a;
		b.content_hash = 100 + i;
		b.day = cases[i].day;
		b.short_item = cases[i].is_short;
		CHECK(ngi_link_add(l, &b, &r) == NG_OK);
		CHECK_MSG((r.story == story) == cases[i].joins,
			  "case %zu: story %u (first %u)", i, r.story, story);
	}
	ngi_link_free(l);
	CHECK(ngi_link_short_item(12, 1) && ngi_link_short_item(NGI_SHORT_ITEM_WORDS, 2));
	CHECK(!ngi_link_short_item(12, 3) && !ngi_link_short_item(NGI_SHORT_ITEM_WORDS + 1, 1));
	CHECK(!ngi_link_short_item(0, 0));
}

/* A link between short items alone needs NGI_SHORT_LINK_FACTOR times the
 * threshold: with a threshold just under their cosine (above it divided by
 * the factor), a short item does not join a story of short items, while a
 * full article does, and so does a short item when the story holds a full
 * article (a one-line FNC-1 body and its story); two stories of short
 * items do not merge at such a threshold, a story of short items and one
 * with a full article do. */
static void test_short_links(void)
{
	static const ngi_term ta[] = {{1, 1}, {2, 1}, {10, 1}, {11, 1}, {12, 1}};
	static const ngi_term tb[] = {{1, 1}, {2, 1}, {20, 1}, {21, 1}, {22, 1}};
	static const ngi_term tx[] = {{30, 1}, {31, 1}, {32, 1}};
	/* the cosine of b with a's story, reported by a join at threshold 0 */
	ngi_link_config c0 = config;
	c0.story_threshold = 1e-9;
	ngi_link *l;
	ngi_link_result r;
	CHECK(ngi_link_new(&c0, &l) == NG_OK);
	if (!l)
		return;
	ngi_link_article x = {.content_hash = 1, .terms = tx, .n_terms = 3,
			      .day = NGI_DAY_UNKNOWN, .time = NGI_TIME_UNKNOWN};
	ngi_link_article a = {.content_hash = 2, .terms = ta, .n_terms = 5,
			      .day = NGI_DAY_UNKNOWN, .time = NGI_TIME_UNKNOWN};
	ngi_link_article b = a;
	b.content_hash = 3;
	b.terms = tb;
	CHECK(ngi_link_add(l, &x, &r) == NG_OK);
	CHECK(ngi_link_add(l, &a, &r) == NG_OK);
	CHECK(ngi_link_add(l, &b, &r) == NG_OK);
	double cosine = r.story_score;
	CHECK_MSG(!r.new_story && cosine > 0.05 && cosine < 0.5, "cosine %f", cosine);
	ngi_link_free(l);
	ngi_link_config c = config;
	c.story_threshold = cosine / sqrt(NGI_SHORT_LINK_FACTOR);
	c.merge_threshold = 0; /* joins alone */
	struct { uint8_t a_short, b_short; int joins; } cases[] = {
		{1, 1, 0}, /* two short items */
		{1, 0, 1}, /* a full article joins a story of short items */
		{0, 1, 1}, /* a short item joins a story with a full article */
		{0, 0, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		CHECK(ngi_link_new(&c, &l) == NG_OK);
		if (!l)
			return;
		a.short_item = cases[i].a_short;
		b.short_item = cases[i].b_short;
		CHECK(ngi_link_add(l, &x, &r) == NG_OK);
		CHECK(ngi_link_add(l, &a, &r) == NG_OK);
		uint32_t story = r.story;
		CHECK(ngi_link_add(l, &b, &r) == NG_OK);
		CHECK_MSG((r.story == story) == cases[i].joins,
			  "case %zu: story %u, a's %u, score %f", i, r.story, story,
			  r.story_score);
		ngi_link_free(l);
	}
	/* merges: a and b start stories of their own, then b's is checked */
	for (int full = 0; full < 2; full++) {
		ngi_story_index si;
		ngi_story_index_init(&si);
		a.short_item = 1;
		b.short_item = (uint8_t)!full;
		for (int i = 0; i < 4; i++)
			CHECK(ngi_story_index_count(&si, &x) == NG_OK);
		CHECK(ngi_story_index_count(&si, &a) == NG_OK);
		CHECK(ngi_story_index_count(&si, &b) == NG_OK);
		CHECK(ngi_story_index_join(&si, &x, 1) == NG_OK);
		CHECK(ngi_story_index_join(&si, &a, 2) == NG_OK);
		CHECK(ngi_story_index_join(&si, &b, 3) == NG_OK);
		CHECK(ngi_story_short_only(&si.stories[1]));
		CHECK(ngi_story_short_only(&si.stories[2]) == !full);
		uint32_t into = 9, from = 9;
		double link = centroid_dot(&si.stories[1], &si.stories[2]);
		CHECK(ngi_story_index_merge(&si, 3, link / sqrt(NGI_SHORT_LINK_FACTOR),
					    14, &into, &from) == NG_OK);
		if (full)
			CHECK_MSG(into == 2 && from == 3, "merged %u into %u", from, into);
		else
			CHECK_MSG(into == 0 && from == 0, "merged %u into %u", from, into);
		ngi_story_index_free(&si);
	}
}

/* Two stories of short items merge only within NGI_SHORT_ITEM_DAYS of each
 * other, as a short item joins a story (the same country or person on
 * another day is another event); a story with a full article merges
 * across the whole window. */
static void test_short_merge_days(void)
{
	static const ngi_term ta[] = {{1, 2}, {2, 2}, {3, 1}, {10, 1}};
	static const ngi_term tb[] = {{1, 2}, {2, 2}, {3, 1}, {20, 1}};
	static const ngi_term tx[] = {{30, 1}, {31, 1}, {32, 1}};
	const int32_t d0 = 20000;
	struct { int32_t b_day; uint8_t b_short; int merges; } cases[] = {
		{d0 + 1, 1, 1},                       /* the next day */
		{d0 + NGI_SHORT_ITEM_DAYS + 3, 1, 0}, /* days later */
		{d0 + NGI_SHORT_ITEM_DAYS + 3, 0, 1}, /* a full article */
		{NGI_DAY_UNKNOWN, 1, 1},              /* no date */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ngi_story_index si;
		ngi_story_index_init(&si);
		ngi_link_article x = {.terms = tx, .n_terms = 3, .day = d0};
		ngi_link_article a = {.terms = ta, .n_terms = 4, .day = d0,
				      .short_item = 1};
		ngi_link_article b = {.terms = tb, .n_terms = 4,
				      .day = cases[i].b_day,
				      .short_item = cases[i].b_short};
		for (int k = 0; k < 4; k++)
			CHECK(ngi_story_index_count(&si, &x) == NG_OK);
		CHECK(ngi_story_index_count(&si, &a) == NG_OK);
		CHECK(ngi_story_index_count(&si, &b) == NG_OK);
		CHECK(ngi_story_index_join(&si, &x, 1) == NG_OK);
		CHECK(ngi_story_index_join(&si, &a, 2) == NG_OK);
		CHECK(ngi_story_index_join(&si, &b, 3) == NG_OK);
		uint32_t into = 9, from = 9;
		CHECK(ngi_story_index_merge(&si, 3, 0.05, 14, &into, &from) == NG_OK);
		CHECK_MSG((into == 2 && from == 3) == cases[i].merges,
			  "case %zu: merged %u into %u", i, from, into);
		ngi_story_index_free(&si);
	}
}

/* Against a story with no article in its language, a full article's cosine
 * is scaled by NGI_XLING_SCALE, a short item's by the smaller
 * NGI_XLING_SCALE_SHORT; in the story's own language by neither. */
static void test_short_item_across_languages(void)
{
	static const ngi_term story_terms[] = {{1, 2}, {2, 1}, {3, 1}, {4, 1}};
	static const ngi_term query_terms[] = {{1, 1}, {2, 1}, {9, 1}};
	ngi_story_index si;
	ngi_story_index_init(&si);
	ngi_link_article en = {.terms = story_terms, .n_terms = 4,
			       .day = NGI_DAY_UNKNOWN, .lang = ngi_link_lang("en")};
	CHECK(ngi_story_index_count(&si, &en) == NG_OK);
	CHECK(ngi_story_index_join(&si, &en, 1) == NG_OK);
	double score[3];
	for (int k = 0; k < 3; k++) {
		ngi_link_article q = {.terms = query_terms, .n_terms = 3,
				      .day = NGI_DAY_UNKNOWN,
				      .lang = ngi_link_lang(k == 2 ? "en" : "de"),
				      .short_item = (uint8_t)(k != 0)};
		uint32_t story = 0;
		CHECK(ngi_story_index_best(&si, &q, 14, &story, &score[k]) == NG_OK);
		CHECK(story == 1);
	}
	/* 0: full article across, 1: short item across, 2: short item within */
	CHECK_MSG(score[2] > 0 && score[2] < 0.5, "plain cosine %f", score[2]);
	CHECK_MSG(fabs(score[0] - score[2] * NGI_XLING_SCALE) < 1e-9, "%f", score[0]);
	CHECK_MSG(fabs(score[1] - score[2] * NGI_XLING_SCALE_SHORT) < 1e-9, "%f", score[1]);
	CHECK(NGI_XLING_SCALE_SHORT < NGI_XLING_SCALE);
	ngi_story_index_free(&si);
}

/* A story told in many languages still knows which: with members in five
 * languages, an article in a sixth is scaled as across languages, one in a
 * fifth member's language is not (a story kept only its first four once,
 * and counted as holding every language after them). */
static void test_many_languages(void)
{
	static const ngi_term story_terms[] = {{1, 2}, {2, 1}, {3, 1}, {4, 1}};
	static const ngi_term query_terms[] = {{1, 1}, {2, 1}, {9, 1}};
	static const char *const langs[] = {"en", "de", "fr", "es", "it"};
	ngi_story_index si;
	ngi_story_index_init(&si);
	for (int i = 0; i < 5; i++) {
		ngi_link_article m = {.terms = story_terms, .n_terms = 4,
				      .day = NGI_DAY_UNKNOWN, .lang = ngi_link_lang(langs[i])};
		CHECK(ngi_story_index_count(&si, &m) == NG_OK);
		CHECK(ngi_story_index_join(&si, &m, 1) == NG_OK);
	}
	double score[2];
	for (int k = 0; k < 2; k++) {
		ngi_link_article q = {.terms = query_terms, .n_terms = 3,
				      .day = NGI_DAY_UNKNOWN,
				      .lang = ngi_link_lang(k == 0 ? "nl" : "it")};
		uint32_t story = 0;
		CHECK(ngi_story_index_best(&si, &q, 14, &story, &score[k]) == NG_OK);
		CHECK(story == 1);
	}
	CHECK_MSG(score[1] > 0 && fabs(score[0] - score[1] * NGI_XLING_SCALE) < 1e-9,
		  "nl %f, it %f", score[0], score[1]);
	CHECK(NGI_STORY_LANGS >= 8);
	ngi_story_index_free(&si);
}

/* A story's languages are those of its present articles: one that moves
 * out takes its language with it when it was the last in it, so a story
 * left with Russian articles alone is across languages from an English
 * one (and their merge is scaled as such); a merge adds the counts. */
static void test_languages_follow_members(void)
{
	static const ngi_term ru1[] = {{1, 2}, {2, 2}, {3, 2}};
	static const ngi_term ru2[] = {{1, 2}, {2, 2}, {4, 2}};
	static const ngi_term en1[] = {{7, 2}, {8, 2}, {9, 2}};
	uint16_t ru = ngi_link_lang("ru"), en = ngi_link_lang("en");
	static const struct {
		const ngi_term *t;
		const char *lang;
		uint32_t story;
	} rows[] = {{ru1, "ru", 1}, {en1, "en", 1}, {ru2, "ru", 1},
		    {en1, "en", 2}};
	ngi_story_index si;
	ngi_story_index_init(&si);
	for (uint32_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		ngi_link_article la = {.terms = rows[i].t, .n_terms = 3,
				       .day = NGI_DAY_UNKNOWN,
				       .lang = ngi_link_lang(rows[i].lang)};
		CHECK(ngi_story_index_count(&si, &la) == NG_OK);
		CHECK(ngi_story_index_join(&si, &la, rows[i].story) == NG_OK);
		CHECK(ngi_story_index_add_member(&si, rows[i].story, i) == NG_OK);
	}
	ngi_story_state *s1 = &si.stories[0], *s2 = &si.stories[1];
	CHECK(ngi_story_share_lang(s1, s2) && ngi_story_share_lang(s2, s1));
	/* the English article leaves story 1: Russian alone is left */
	CHECK(ngi_story_index_move(&si, 1, 2, 1, en1, 3, NGI_DAY_UNKNOWN, en, 0) ==
	      NG_OK);
	CHECK(s1->langs[0] == ru && s1->lang_n[0] == 2 && s1->langs[1] == 0);
	CHECK(s2->langs[0] == en && s2->lang_n[0] == 2);
	CHECK(!ngi_story_share_lang(s1, s2) && !ngi_story_share_lang(s2, s1));
	/* one of two Russian articles leaving keeps the language */
	CHECK(ngi_story_index_move(&si, 1, 2, 2, ru2, 3, NGI_DAY_UNKNOWN, ru, 0) ==
	      NG_OK);
	CHECK(s1->langs[0] == ru && s1->lang_n[0] == 1);
	CHECK(s2->langs[0] == en && s2->langs[1] == ru && s2->lang_n[1] == 1);
	/* a merge adds the counts of each language */
	uint32_t into = 0, from = 0;
	CHECK(ngi_story_index_merge(&si, 2, 0.01, 14, &into, &from) == NG_OK);
	CHECK(into == 1 && from == 2);
	CHECK(s1->langs[0] == ru && s1->lang_n[0] == 2);
	CHECK(s1->langs[1] == en && s1->lang_n[1] == 2);
	ngi_story_index_free(&si);
}

/* Whether a story holds short items only follows its members, as its
 * languages do: a full article moved out leaves a story of short items
 * (which a reopened run, counting the members it restores, would find
 * too), and a short item moved in does not make a story of short items
 * a story of full articles. */
static void test_short_only_follows_members(void)
{
	static const ngi_term t[] = {{1, 2}, {2, 2}, {3, 2}};
	static const struct {
		int short_item;
		uint32_t story;
	} rows[] = {{0, 1}, {1, 1}, {1, 2}};
	ngi_story_index si;
	ngi_story_index_init(&si);
	for (uint32_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		ngi_link_article la = {.terms = t, .n_terms = 3,
				       .day = NGI_DAY_UNKNOWN,
				       .short_item = rows[i].short_item};
		CHECK(ngi_story_index_count(&si, &la) == NG_OK);
		CHECK(ngi_story_index_join(&si, &la, rows[i].story) == NG_OK);
		CHECK(ngi_story_index_add_member(&si, rows[i].story, i) == NG_OK);
	}
	CHECK(!ngi_story_short_only(&si.stories[0]));
	CHECK(ngi_story_short_only(&si.stories[1]));
	/* the full article leaves story 1 for a new story 3 */
	CHECK(ngi_story_index_move(&si, 1, 3, 0, t, 3, NGI_DAY_UNKNOWN, 0, 0) ==
	      NG_OK);
	CHECK(ngi_story_short_only(&si.stories[0]));
	CHECK(!ngi_story_short_only(&si.stories[2]));
	/* a short item moved into story 2 keeps it a story of short items */
	CHECK(ngi_story_index_move(&si, 1, 2, 1, t, 3, NGI_DAY_UNKNOWN, 0, 1) ==
	      NG_OK);
	CHECK(ngi_story_short_only(&si.stories[1]) && si.stories[1].n_full == 0);
	ngi_story_index_free(&si);
}

/* ---- the copy index's time window ------------------------------------------ */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A synthetic article: random signature (as unrelated texts have) and
 * content hash, both from its number, so a copy can be made later. */
typedef struct synth {
	uint32_t sig[NGI_MINHASH_K];
	ngi_link_article a;
} synth;

static void synth_make(synth *s, uint64_t id, int32_t day)
{
	uint64_t x = id * 0x9e3779b97f4a7c15ULL + 1;
	for (int k = 0; k < NGI_MINHASH_K; k++) {
		x = ngi_mix64(x + (uint64_t)k);
		s->sig[k] = (uint32_t)x;
	}
	s->a = (ngi_link_article){.content_hash = ngi_mix64(id) | 1,
				  .minhash = s->sig, .day = day,
				  .time = NGI_TIME_UNKNOWN};
}

static int synth_failed;

/* Adds the article as the next seq, with the edges the index finds. */
static int synth_add(ngi_copy_index *ci, const synth *s, ngi_copy_edge *edges)
{
	int n = ngi_copy_index_find(ci, &s->a, (uint32_t)ci->n, 0.5, edges,
				    NGI_MAX_EDGES_PER_ARTICLE);
	synth_failed |= ngi_copy_index_add(ci, &s->a, (uint32_t)ci->n, edges, n) != NG_OK;
	return n;
}

/* The index's own bytes: ring and chain heads (not the root array, which
 * keeps 4 bytes for every article ever seen, nor the fixed anchor table). */
static size_t window_bytes(const ngi_copy_index *ci)
{
	return ngi_copy_index_memory(ci) - ngi_anchor_index_memory(&ci->anchors) -
	       ci->cap_root * sizeof(uint32_t);
}

#define PER_DAY 200
#define STREAM_DAYS 400

static void test_window(void)
{
	ngi_copy_index ci;
	ngi_copy_index_init(&ci);
	const int32_t day0 = 19000; /* 2022-01-08 */
	ngi_copy_edge edges[NGI_MAX_EDGES_PER_ARTICLE];
	size_t bytes_mid = 0, max_held = 0;
	uint64_t id = 0, recent_id = 0;
	uint32_t recent_seq = 0;
	int copies_found = 0;
	for (int d = 0; d < STREAM_DAYS; d++) {
		for (int i = 0; i < PER_DAY; i++, id++) {
			synth s;
			/* dates a few days off the stream's, one in 20 undated,
			 * now and then one decades off either way */
			int32_t day = day0 + d + (int32_t)(rng() % 5) - 2;
			uint64_t r = rng() % 1000;
			if (r < 50)
				day = NGI_DAY_UNKNOWN;
			else if (r == 50)
				day += 20000;
			else if (r == 51)
				day -= 20000;
			synth_make(&s, id, day);
			/* now and then an exact copy of an article of a week ago */
			if (d >= 7 && i == 0) {
				synth_make(&s, id - 7 * PER_DAY, day0 + d);
				copies_found += synth_add(&ci, &s, edges) == 1 &&
						edges[0].kind == NGI_COPY_EXACT;
				synth_make(&s, id, day);
			}
			if (d == STREAM_DAYS - 2 && i == 0)
				recent_id = id, recent_seq = (uint32_t)ci.n;
			synth_add(&ci, &s, edges);
		}
		size_t held = ngi_copy_index_held(&ci);
		if (held > max_held)
			max_held = held;
		if (d == STREAM_DAYS / 2)
			bytes_mid = window_bytes(&ci);
	}
	CHECK(!synth_failed);
	/* a week-old article is within the window: its copies were found */
	CHECK_MSG(copies_found == STREAM_DAYS - 7, "%d week-old copies found",
		  copies_found);
	/* held: about the window's worth of days, never the whole stream */
	size_t bound = (size_t)(NGI_COPY_WINDOW_DAYS + 10) * (PER_DAY + 1);
	CHECK_MSG(max_held <= bound && max_held >= NGI_COPY_WINDOW_DAYS * PER_DAY,
		  "held at most %zu articles (bound %zu)", max_held, bound);
	CHECK(!ngi_copy_index_holds(&ci, 0) && ngi_copy_index_holds(&ci, (uint32_t)ci.n - 1));
	/* flat: the second half of the stream added no index bytes, and the
	 * bytes per held article are the ~600 the design promises */
	size_t bytes_end = window_bytes(&ci);
	CHECK_MSG(bytes_end <= bytes_mid, "index bytes %zu at half, %zu at end",
		  bytes_mid, bytes_end);
	CHECK_MSG(bytes_end <= 600 * ngi_copy_index_held(&ci),
		  "%zu bytes for %zu held articles", bytes_end,
		  ngi_copy_index_held(&ci));

	/* old articles are no longer candidates: neither an exact copy nor a
	 * near copy (a few minima changed) of the first day's articles finds
	 * anything; the same of yesterday's finds its original */
	synth s;
	uint64_t old_id = 3;
	synth_make(&s, old_id, day0 + STREAM_DAYS);
	CHECK(ngi_copy_index_find(&ci, &s.a, (uint32_t)ci.n, 0.5, edges,
				  NGI_MAX_EDGES_PER_ARTICLE) == 0);
	s.sig[0] ^= 1, s.sig[9] ^= 1, s.sig[33] ^= 1;
	s.a.content_hash ^= 2;
	CHECK(ngi_copy_index_find(&ci, &s.a, (uint32_t)ci.n, 0.5, edges,
				  NGI_MAX_EDGES_PER_ARTICLE) == 0);
	synth_make(&s, recent_id, day0 + STREAM_DAYS);
	int n = ngi_copy_index_find(&ci, &s.a, (uint32_t)ci.n, 0.5, edges,
				    NGI_MAX_EDGES_PER_ARTICLE);
	CHECK(n == 1 && edges[0].kind == NGI_COPY_EXACT &&
	      edges[0].original == recent_seq);
	s.sig[0] ^= 1, s.sig[9] ^= 1, s.sig[33] ^= 1;
	s.a.content_hash ^= 2;
	n = ngi_copy_index_find(&ci, &s.a, (uint32_t)ci.n, 0.5, edges,
				NGI_MAX_EDGES_PER_ARTICLE);
	CHECK_MSG(n == 1 && edges[0].kind == NGI_COPY_NEAR &&
			  edges[0].original == recent_seq &&
			  edges[0].score >= 61.0f / 64 - 1e-6f,
		  "%d edges, score %g", n, n ? edges[0].score : -1.0);
	ngi_copy_index_free(&ci);
}

/* Undated articles only: the stream never gets a day, and the article cap
 * is what bounds the index; thousands of identical texts among them make a
 * star on one original while it is held. */
static void test_window_undated(void)
{
	ngi_copy_index ci;
	ngi_copy_index_init(&ci);
	ci.max_held = 5000;
	ngi_copy_edge edges[NGI_MAX_EDGES_PER_ARTICLE];
	synth s;
	size_t max_held = 0, bytes_mid = 0;
	int star = 1, entries = 0;
	uint32_t entry = UINT32_MAX; /* the held original of text 0 */
	for (uint64_t id = 0; id < 40000; id++) {
		uint32_t seq = (uint32_t)ci.n;
		synth_make(&s, id % 7 == 0 ? 0 : id, NGI_DAY_UNKNOWN);
		int n = synth_add(&ci, &s, edges);
		if (id % 7 == 0) {
			/* a copy of text 0 points at the one original while it
			 * is held; once it has left, the next copy takes over */
			if (entry != UINT32_MAX && ngi_copy_index_holds(&ci, entry)) {
				star &= n == 1 && edges[0].kind == NGI_COPY_EXACT &&
					edges[0].original == entry && edges[0].copy == seq;
			} else {
				star &= n == 0;
				entry = seq;
				entries++;
			}
		}
		if (ngi_copy_index_held(&ci) > max_held)
			max_held = ngi_copy_index_held(&ci);
		if (id == 20000)
			bytes_mid = window_bytes(&ci);
	}
	CHECK(!synth_failed);
	CHECK_MSG(star && entries == 8, "%d originals of text 0", entries);
	CHECK_MSG(max_held == 5000, "held at most %zu", max_held);
	CHECK(window_bytes(&ci) <= bytes_mid);
	ngi_copy_index_free(&ci);
}

/* ---- retiring old stories ---------------------------------------------------- */

/* Bytes of the story index that should stay flat on a long stream: the
 * centroids and the posting lists (not the fixed state of every story
 * ever opened, nor the document frequencies). */
static size_t story_live_bytes(const ngi_story_index *si)
{
	size_t bytes = 0;
	for (uint32_t i = 0; i < si->n; i++)
		bytes += (size_t)si->stories[i].cap_terms * 12;
	for (size_t i = 0; i < si->n_lists; i++)
		bytes += (size_t)si->lists[i].cap * 4;
	return bytes;
}

#define TOPIC_TERMS 40
#define TOPICS_PER_DAY 30
#define RETIRE_DAYS 200

/* An article of topic t (its own terms, a few shared by every topic). */
static void topic_article(uint64_t t, int32_t day, ngi_term *terms,
			  ngi_link_article *a)
{
	for (uint32_t k = 0; k < TOPIC_TERMS; k++)
		terms[k] = (ngi_term){k < 4 ? k + 1 : (uint32_t)ngi_mix64(t * 64 + k) | 16,
				      1 + k % 3};
	/* terms come sorted, as ngi_terms gives them */
	for (uint32_t i = 1; i < TOPIC_TERMS; i++)
		for (uint32_t j = i; j > 0 && terms[j - 1].term > terms[j].term; j--) {
			ngi_term x = terms[j];
			terms[j] = terms[j - 1];
			terms[j - 1] = x;
		}
	*a = (ngi_link_article){.terms = terms, .n_terms = TOPIC_TERMS,
				.day = day, .time = NGI_TIME_UNKNOWN};
}

/* Adds an article as the engine does: joins the best story or opens one. */
static uint32_t story_add(ngi_story_index *si, const ngi_link_article *a,
			  int32_t today, int *failed)
{
	uint32_t story = 0;
	double score = 0;
	*failed |= ngi_story_index_count(si, a) != NG_OK;
	*failed |= ngi_story_index_best(si, a, 14, &story, &score) != NG_OK;
	if (story == 0 || score < 0.20)
		story = si->n + 1;
	*failed |= ngi_story_index_join(si, a, story) != NG_OK;
	*failed |= ngi_story_index_retire(si, today, 14) != NG_OK;
	return story;
}

/* A stream of 200 days, thirty new topics a day, each reported eight times
 * over three days: stories of the first days are retired (an undated
 * article on their topic opens a new story), recent ones still take
 * articles, and the centroid and posting bytes stay flat. */
/* Moves: an article that joined the wrong story moves to the story that
 * fits it better, and only then; members and sizes follow. Terms are
 * synthetic ids (sorted, as ngi_terms gives them). */
static void test_moves(void)
{
	static const ngi_term a1[] = {{1, 2}, {2, 2}, {3, 2}};
	static const ngi_term a2[] = {{1, 2}, {2, 2}, {4, 2}};
	static const ngi_term x[] = {{1, 1}, {7, 2}, {8, 2}, {9, 2}};
	static const ngi_term b1[] = {{7, 2}, {8, 2}, {9, 2}, {10, 1}};
	static const ngi_term b2[] = {{7, 2}, {8, 2}, {9, 2}, {11, 1}};
	static const struct {
		const ngi_term *t;
		uint32_t n, story;
	} rows[] = {{a1, 3, 1}, {a2, 3, 1}, {x, 4, 1}, {b1, 4, 2}, {b2, 4, 2}};
	ngi_story_index si;
	ngi_story_index_init(&si);
	for (uint32_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		ngi_link_article la = {.terms = rows[i].t, .n_terms = rows[i].n,
				       .day = NGI_DAY_UNKNOWN};
		CHECK(ngi_story_index_count(&si, &la) == NG_OK);
		CHECK(ngi_story_index_join(&si, &la, rows[i].story) == NG_OK);
		CHECK(ngi_story_index_add_member(&si, rows[i].story, i) == NG_OK);
	}
	/* the articles of topic A stay; x fits story 2 better */
	CHECK(ngi_story_index_better(&si, 1, a1, 3, NGI_DAY_UNKNOWN, 14, 0.2) == 0);
	CHECK(ngi_story_index_better(&si, 1, a2, 3, NGI_DAY_UNKNOWN, 14, 0.2) == 0);
	CHECK(ngi_story_index_better(&si, 1, x, 4, NGI_DAY_UNKNOWN, 14, 0.2) == 2);
	/* not when no other story reaches the threshold */
	CHECK(ngi_story_index_better(&si, 1, x, 4, NGI_DAY_UNKNOWN, 14, 0.99) == 0);
	CHECK(ngi_story_index_move(&si, 1, 2, 2, x, 4, NGI_DAY_UNKNOWN, 0, 0) == NG_OK);
	CHECK(si.stories[0].size == 2 && si.stories[1].size == 3);
	CHECK(si.stories[0].n_members == 2 && si.stories[1].n_members == 3);
	int in1 = 0, in2 = 0;
	for (uint32_t i = 0; i < si.stories[0].n_members; i++)
		in1 |= si.stories[0].members[i] == 2;
	for (uint32_t i = 0; i < si.stories[1].n_members; i++)
		in2 |= si.stories[1].members[i] == 2;
	CHECK(!in1 && in2);
	/* once moved it stays: no story fits it better than its new one */
	CHECK(ngi_story_index_better(&si, 2, x, 4, NGI_DAY_UNKNOWN, 14, 0.2) == 0);
	/* a story of one article has nothing to compare with */
	ngi_link_article lone = {.terms = x, .n_terms = 4, .day = NGI_DAY_UNKNOWN};
	CHECK(ngi_story_index_count(&si, &lone) == NG_OK);
	CHECK(ngi_story_index_join(&si, &lone, 3) == NG_OK);
	CHECK(ngi_story_index_add_member(&si, 3, 5) == NG_OK);
	CHECK(ngi_story_index_better(&si, 3, x, 4, NGI_DAY_UNKNOWN, 14, 0.2) == 0);
	/* a merge carries the members over */
	uint32_t into = 0, from = 0;
	CHECK(ngi_story_index_merge(&si, 3, 0.05, 14, &into, &from) == NG_OK);
	CHECK(into == 2 && from == 3);
	CHECK(si.stories[1].n_members == 4 && si.stories[1].size == 4);
	CHECK(si.stories[2].members == NULL);
	ngi_story_index_free(&si);
}

/* Similarities of n members in blocks: `within` inside a block, `across`
 * between blocks; block_of gives each member's block. */
static void block_sims(float *sim, uint32_t n, const uint32_t *block_of,
		       float within, float across)
{
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < n; j++)
			sim[i * n + j] = i == j ? 1.0f
				       : block_of[i] == block_of[j] ? within : across;
}

static void test_split_groups(void)
{
	enum { N = 16 };
	float sim[N * N];
	uint32_t block[N], group[N], n_groups = 0;
	/* two claims, interleaved in arrival order: each claim's articles are
	 * one another's nearest neighbours */
	for (uint32_t i = 0; i < N; i++)
		block[i] = i % 2;
	block_sims(sim, N, block, 0.45f, 0.15f);
	CHECK(ngi_story_split_groups(sim, N, NGI_SPLIT_NEIGHBOURS, NGI_SPLIT_LINK,
				     group, &n_groups) == NG_OK);
	CHECK(n_groups == 2);
	int by_block = 1;
	for (uint32_t i = 0; i < N; i++)
		by_block &= group[i] == block[i]; /* numbered by first member */
	CHECK(by_block);
	/* one claim whose articles are only loosely alike stays whole */
	for (uint32_t i = 0; i < N; i++)
		block[i] = 0;
	block_sims(sim, N, block, 0.12f, 0.0f);
	CHECK(ngi_story_split_groups(sim, N, NGI_SPLIT_NEIGHBOURS, NGI_SPLIT_LINK,
				     group, &n_groups) == NG_OK);
	CHECK_MSG(n_groups == 1, "%u groups", n_groups);
	/* an article like nothing else is a group of its own */
	block[N - 1] = 1;
	block_sims(sim, N, block, 0.4f, 0.0f);
	CHECK(ngi_story_split_groups(sim, N, NGI_SPLIT_NEIGHBOURS, NGI_SPLIT_LINK,
				     group, &n_groups) == NG_OK);
	CHECK(n_groups == 2 && group[0] == 0 && group[N - 1] == 1 &&
	      group[N - 2] == 0);
	/* a claim of three beside one of thirteen: more neighbours outside it
	 * than in it, but none as close as its own */
	for (uint32_t i = 0; i < N; i++)
		block[i] = i < 3;
	block_sims(sim, N, block, 0.5f, 0.05f);
	CHECK(ngi_story_split_groups(sim, N, NGI_SPLIT_NEIGHBOURS, NGI_SPLIT_LINK,
				     group, &n_groups) == NG_OK);
	CHECK(n_groups == 2 && group[0] == 0 && group[2] == 0 && group[3] == 1);
	/* one member: one group */
	CHECK(ngi_story_split_groups(sim, 1, NGI_SPLIT_NEIGHBOURS, NGI_SPLIT_LINK,
				     group, &n_groups) == NG_OK);
	CHECK(n_groups == 1 && group[0] == 0);
}

static void test_member_cosines(void)
{
	/* an empty index weighs every term alike: plain cosines of tf */
	ngi_story_index si;
	ngi_story_index_init(&si);
	ngi_term a[] = {{1, 1}, {2, 1}}, b[] = {{1, 1}, {3, 1}}, c[] = {{4, 3}};
	ngi_member m[] = {
		{.seq = 0, .n_terms = 2, .terms = a, .lang = ngi_link_lang("en")},
		{.seq = 1, .n_terms = 2, .terms = b, .lang = ngi_link_lang("en")},
		{.seq = 2, .n_terms = 1, .terms = c, .lang = ngi_link_lang("en")},
		{.seq = 3, .n_terms = 2, .terms = b, .lang = ngi_link_lang("de")},
		{.seq = 4, .n_terms = 2, .terms = a, .lang = 0},
	};
	float sim[5 * 5];
	CHECK(ngi_member_cosines(&si, m, 5, sim) == NG_OK);
	CHECK(fabs(sim[0 * 5 + 0] - 1) < 1e-6 && fabs(sim[0 * 5 + 1] - 0.5) < 1e-6);
	CHECK(sim[1 * 5 + 0] == sim[0 * 5 + 1]);
	CHECK(sim[0 * 5 + 2] == 0);
	/* across two known languages doubled, at most 1 */
	CHECK(fabs(sim[0 * 5 + 3] - 1) < 1e-6 && fabs(sim[1 * 5 + 3] - 1) < 1e-6);
	/* an unknown language is not another language */
	CHECK(fabs(sim[1 * 5 + 4] - 0.5) < 1e-6 && fabs(sim[3 * 5 + 4] - 0.5) < 1e-6);
	ngi_story_index_free(&si);
}

static void test_story_retire(void)
{
	ngi_story_index si;
	ngi_story_index_init(&si);
	const int32_t day0 = 19000;
	ngi_term terms[TOPIC_TERMS];
	ngi_link_article a;
	int failed = 0, joined = 1;
	uint32_t opened[TOPICS_PER_DAY] = {0};
	size_t bytes_mid = 0, bytes_end = 0;
	uint32_t first_story = 0, last_story = 0;
	for (int d = 0; d < RETIRE_DAYS; d++) {
		for (int back = 0; back < 3; back++) {
			if (d - back < 0)
				continue;
			for (uint64_t t = 0; t < TOPICS_PER_DAY; t++) {
				uint64_t topic = (uint64_t)(d - back) * TOPICS_PER_DAY + t;
				int reports = back == 0 ? 4 : 2;
				for (int r = 0; r < reports; r++) {
					topic_article(topic, day0 + d, terms, &a);
					uint32_t s = story_add(&si, &a, day0 + d, &failed);
					if (topic == 0 && !first_story)
						first_story = s;
					/* a topic's first report opens a story, the
					 * later ones join it */
					if (back == 0 && r == 0)
						opened[t] = s, joined &= si.stories[s - 1].size == 1;
					else if (back == 0)
						joined &= s == opened[t];
					else
						joined &= si.stories[s - 1].size > 4;
					if (d == RETIRE_DAYS - 1 && t == 0 && back == 0)
						last_story = s;
				}
			}
		}
		/* steady state: the highest of each half's sawtooth (a sweep
		 * comes every NGI_STORY_SWEEP articles) */
		size_t b = story_live_bytes(&si);
		if (d >= RETIRE_DAYS / 4 && d < RETIRE_DAYS / 2 && b > bytes_mid)
			bytes_mid = b;
		if (d >= RETIRE_DAYS / 2 && b > bytes_end)
			bytes_end = b;
	}
	CHECK(!failed);
	CHECK(joined);
	/* open: at most two windows (28 days), three days of reports and
	 * the articles of one sweep interval (17 days here) */
	size_t per_day = TOPICS_PER_DAY * 8;
	size_t open_days = 28 + 3 + NGI_STORY_SWEEP / per_day + 1;
	CHECK_MSG(si.n - si.n_retired <= open_days * TOPICS_PER_DAY,
		  "%u of %u stories retired", si.n_retired, si.n);
	CHECK(si.stories[first_story - 1].retired && si.stories[first_story - 1].n_terms == 0);
	CHECK_MSG(bytes_end <= bytes_mid + bytes_mid / 10,
		  "centroid and posting bytes at most %zu in the second quarter, "
		  "%zu in the second half", bytes_mid, bytes_end);
	/* an undated article on the first topic: its story is retired, so no
	 * candidate (undated articles are compared with every open story) */
	uint32_t story = 0;
	double score = 0;
	topic_article(0, NGI_DAY_UNKNOWN, terms, &a);
	CHECK(ngi_story_index_best(&si, &a, 14, &story, &score) == NG_OK);
	CHECK_MSG(story != first_story && score < 0.20, "story %u score %g", story,
		  score);
	/* a recent topic still finds its story */
	topic_article((uint64_t)(RETIRE_DAYS - 1) * TOPICS_PER_DAY, NGI_DAY_UNKNOWN,
		      terms, &a);
	CHECK(ngi_story_index_best(&si, &a, 14, &story, &score) == NG_OK);
	CHECK(story == last_story && score >= 0.20);
	/* a retired story opens again when an article is put in it (a copy of
	 * one of its articles, or a restore) and then takes its topic again */
	topic_article(0, day0 + RETIRE_DAYS, terms, &a);
	CHECK(ngi_story_index_join(&si, &a, first_story) == NG_OK);
	CHECK(!si.stories[first_story - 1].retired);
	topic_article(0, NGI_DAY_UNKNOWN, terms, &a);
	CHECK(ngi_story_index_best(&si, &a, 14, &story, &score) == NG_OK);
	CHECK(story == first_story);
	ngi_story_index_free(&si);
}

/* One pair of exact copies through the copy index: the first arrives with
 * (outlet, credit, day, time), the second likewise; returns the edge the
 * second gets (why 0 when none). */
typedef struct credit_side {
	const char *outlet, *credit;
	int32_t day;
	int64_t time;
} credit_side;

static ngi_copy_edge credit_pair(credit_side first, credit_side second)
{
	ngi_copy_index ci;
	ngi_copy_index_init(&ci);
	ngi_copy_edge e = {0}, edges[NGI_MAX_EDGES_PER_ARTICLE];
	credit_side sides[2] = {first, second};
	for (int i = 0; i < 2; i++) {
		synth s;
		synth_make(&s, 77, sides[i].day); /* the same text twice */
		s.a.time = sides[i].time;
		s.a.outlet = ngi_outlet_key(sides[i].outlet);
		s.a.credits[0] = ngi_outlet_key(sides[i].credit);
		int n = synth_add(&ci, &s, edges);
		if (i == 1 && n == 1)
			e = edges[0];
	}
	ngi_copy_index_free(&ci);
	return e;
}

static void test_credit(void)
{
	const int32_t D = 19800;
	const int32_t U = NGI_DAY_UNKNOWN;
	const int64_t T = NGI_TIME_UNKNOWN;
	/* an undated copy crediting Reuters arrives before the Reuters story */
	ngi_copy_edge e = credit_pair((credit_side){"Daily Planet", "Reuters", U, T},
				      (credit_side){"Reuters", NULL, U, T});
	CHECK(e.why == NGI_WHY_CREDIT && e.copy == 0 && e.original == 1);
	CHECK_STR(ngi_copy_why_name(e.why), "credit");
	/* the other way round: the credited original came first */
	e = credit_pair((credit_side){"Reuters", NULL, U, T},
			(credit_side){"Daily Planet", "The Reuters", U, T});
	CHECK(e.why == NGI_WHY_CREDIT && e.copy == 1 && e.original == 0);
	/* a credit outweighs a day's difference of one (time zones, late
	 * copies dated by the day), and the same day */
	e = credit_pair((credit_side){"Daily Planet", "AP", D - 1, T},
			(credit_side){"The Associated Press", NULL, D, T});
	CHECK(e.why == NGI_WHY_CREDIT && e.original == 1);
	e = credit_pair((credit_side){"Daily Planet", "AP", D, T},
			(credit_side){"AP", NULL, D, T});
	CHECK(e.why == NGI_WHY_CREDIT && e.original == 1);
	/* days further apart: the credit names an older story of that outlet */
	e = credit_pair((credit_side){"Daily Planet", "AP", D - 5, T},
			(credit_side){"AP", NULL, D, T});
	CHECK(e.why == NGI_WHY_EARLIER_PUBLISHED && e.original == 0);
	/* times to the second win over the credit */
	e = credit_pair((credit_side){"Daily Planet", "TASS", D, 1710000000},
			(credit_side){"TASS", NULL, D, 1710003600});
	CHECK(e.why == NGI_WHY_EARLIER_PUBLISHED && e.original == 0);
	/* equal times leave it to the credit */
	e = credit_pair((credit_side){"Daily Planet", "TASS", D, 1710000000},
			(credit_side){"TASS", NULL, D, 1710000000});
	CHECK(e.why == NGI_WHY_CREDIT && e.original == 1);
	/* each credits the other, or a credit of its own outlet: no evidence */
	e = credit_pair((credit_side){"AFP", "Reuters", U, T},
			(credit_side){"Reuters", "AFP", U, T});
	CHECK(e.why == NGI_WHY_EARLIER_INGESTED && e.original == 0);
	e = credit_pair((credit_side){"Reuters", "Reuters", U, T},
			(credit_side){"Reuters", NULL, U, T});
	CHECK(e.why == NGI_WHY_EARLIER_INGESTED && e.original == 0);
	/* unknown outlets say nothing */
	e = credit_pair((credit_side){NULL, "Reuters", U, T},
			(credit_side){NULL, NULL, U, T});
	CHECK(e.why == NGI_WHY_EARLIER_INGESTED && e.original == 0);
	e = credit_pair((credit_side){"Daily Planet", "Reuters", U, T},
			(credit_side){"dpa", NULL, U, T});
	CHECK(e.why == NGI_WHY_EARLIER_INGESTED && e.original == 0);
}

int main(void)
{
	ngi_text_ctx *tc;
	if (ngi_text_ctx_new(&tc) != NG_OK) {
		fprintf(stderr, "test_link: no text context\n");
		return 1;
	}
	ngi_arena scratch, keep;
	ngi_arena_init(&scratch, 0);
	ngi_arena_init(&keep, 0);
	art arts[N_TEXTS];
	int ok = 1;
	for (size_t i = 0; i < N_TEXTS && ok; i++)
		ok = analyse(tc, &scratch, &keep, texts[i], &arts[i]) == 0;
	CHECK(ok);
	if (ok) {
		test_decisions(arts);
		test_deterministic(arts);
		test_restore(arts);
		test_merge(arts);
	}
	test_merge_across_languages();
	test_short_items();
	test_short_item_across_languages();
	test_short_links();
	test_short_merge_days();
	test_many_languages();
	test_languages_follow_members();
	test_short_only_follows_members();
	test_window();
	test_credit();
	test_window_undated();
	test_story_retire();
	test_moves();
	test_split_groups();
	test_member_cosines();
	ngi_arena_free(&scratch);
	ngi_arena_free(&keep);
	ngi_text_ctx_free(tc);
	return check_report("link");
}
