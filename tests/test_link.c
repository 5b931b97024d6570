/*
 * test_link.c: ngx_link on real analysed texts (tokens, stems, MinHash and
 * term bags from src/text and src/sketch, as the engine computes them):
 * an exact copy joins its original's story with an exact edge, a copy with
 * a few words changed gets a near edge, articles about different events get
 * stories of their own, articles about one event share a story, the same
 * input order gives the same decisions twice, and restoring stored decisions
 * then adding continues exactly like an uninterrupted run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "link/link_internal.h"
#include "sketch/sketch.h"
#include "text/text.h"

/* Weights as the engine uses them (src/engine/features.c, engine.h). */
#define TITLE_WEIGHT 2
#define LEAD_SENTENCES 3
#define LEAD_EXTRA 4

typedef struct art {
	uint64_t content_hash;
	uint32_t minhash[NGX_MINHASH_K];
	int has_minhash;
	ngx_term *terms;
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

static int analyse(ngx_text_ctx *tc, ngx_arena *scratch, ngx_arena *keep,
		   const char *text, art *out)
{
	ngx_doc d;
	if (ngx_text_analyze(tc, text, strlen(text), "en", scratch, &d) != NG_OK)
		return -1;
	out->content_hash = ngx_content_hash(&d);
	out->has_minhash = ngx_minhash(&d, out->minhash) > 0;
	if (ngx_terms(&d, NULL, TITLE_WEIGHT, LEAD_SENTENCES, LEAD_EXTRA, keep,
		      &out->terms, &out->n_terms) != NG_OK)
		return -1;
	ngx_arena_reset(scratch);
	return 0;
}

static ngx_link_article as_link(const art *a)
{
	return (ngx_link_article){.content_hash = a->content_hash,
				  .minhash = a->has_minhash ? a->minhash : NULL,
				  .terms = a->terms, .n_terms = a->n_terms,
				  .day = NGX_DAY_UNKNOWN, .time = NGX_TIME_UNKNOWN};
}

static const ngx_link_config config = {.story_threshold = 0.20,
				       .window_days = 14,
				       .near_threshold = 0.5};

/* Adds the articles in order; results into out. */
static int run(const art *arts, size_t n, ngx_link_result *out)
{
	ngx_link *l;
	if (ngx_link_new(&config, &l) != NG_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		ngx_link_article la = as_link(&arts[i]);
		if (ngx_link_add(l, &la, &out[i]) != NG_OK) {
			ngx_link_free(l);
			return -1;
		}
	}
	ngx_link_free(l);
	return 0;
}

static int same_result(const ngx_link_result *x, const ngx_link_result *y)
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

static const ngx_copy_edge *edge_to(const ngx_link_result *r, uint32_t orig)
{
	for (int i = 0; i < r->n_edges; i++)
		if (r->edges[i].original == orig && r->edges[i].copy == r->seq)
			return &r->edges[i];
	return NULL;
}

static void test_decisions(const art *arts)
{
	ngx_link_result r[N_TEXTS];
	CHECK(run(arts, N_TEXTS, r) == 0);

	CHECK(r[0].story == 1 && r[0].new_story && r[0].n_edges == 0);

	/* exact copy: same content hash, an exact edge, the original's story */
	CHECK(arts[1].content_hash == arts[0].content_hash);
	const ngx_copy_edge *e = edge_to(&r[1], 0);
	CHECK(e && e->kind == NGX_COPY_EXACT && e->score == 1.0f);
	CHECK(r[1].story == r[0].story && !r[1].new_story);

	/* a few words changed: a near edge (not exact) to the original */
	CHECK(arts[2].content_hash != arts[0].content_hash);
	e = edge_to(&r[2], 0);
	CHECK_MSG(e && e->kind == NGX_COPY_NEAR && e->score >= 0.5f &&
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
	ngx_link_result a[N_TEXTS], b[N_TEXTS];
	CHECK(run(arts, N_TEXTS, a) == 0);
	CHECK(run(arts, N_TEXTS, b) == 0);
	for (size_t i = 0; i < N_TEXTS; i++)
		CHECK_MSG(same_result(&a[i], &b[i]), "article %zu", i);
}

/* Restoring the first k decisions then adding the rest must give what the
 * uninterrupted run gave, for every split point. */
static void test_restore(const art *arts)
{
	ngx_link_result whole[N_TEXTS];
	CHECK(run(arts, N_TEXTS, whole) == 0);
	uint32_t n_stories = 0;
	for (size_t i = 0; i < N_TEXTS; i++)
		if (whole[i].story > n_stories)
			n_stories = whole[i].story;
	for (size_t k = 0; k <= N_TEXTS; k++) {
		ngx_link *l;
		CHECK(ngx_link_new(&config, &l) == NG_OK);
		for (size_t i = 0; i < k; i++) {
			ngx_link_article la = as_link(&arts[i]);
			CHECK(ngx_link_restore(l, &la, whole[i].story) == NG_OK);
		}
		CHECK(ngx_link_articles(l) == k);
		for (size_t i = k; i < N_TEXTS; i++) {
			ngx_link_article la = as_link(&arts[i]);
			ngx_link_result r;
			CHECK(ngx_link_add(l, &la, &r) == NG_OK);
			CHECK_MSG(same_result(&r, &whole[i]),
				  "split %zu, article %zu", k, i);
		}
		CHECK(ngx_link_stories(l) == n_stories &&
		      ngx_link_articles(l) == N_TEXTS);
		ngx_link_free(l);
	}
	/* story 0 is refused; a gap (ids of stories merged away) is kept, and
	 * the next new story takes the id after the highest */
	ngx_link *l;
	CHECK(ngx_link_new(&config, &l) == NG_OK);
	ngx_link_article la = as_link(&arts[0]);
	CHECK(ngx_link_restore(l, &la, 0) != NG_OK);
	CHECK(ngx_link_restore(l, &la, 3) == NG_OK);
	CHECK(ngx_link_stories(l) == 3);
	ngx_link_article other = as_link(&arts[N_TEXTS - 1]);
	ngx_link_result r;
	CHECK(ngx_link_add(l, &other, &r) == NG_OK);
	CHECK(r.new_story ? r.story == 4 : r.story == 3);
	ngx_link_free(l);
}

/* Two stories of one event (split by a strict threshold) merge by average
 * link; a story of another event does not; merged ids resolve to the
 * surviving, older story. */
static void test_merge(const art *arts)
{
	ngx_story_index si;
	ngx_story_index_init(&si);
	ngx_link_article flood = as_link(&arts[0]), flood2 = as_link(&arts[5]),
			 flood3 = as_link(&arts[2]), bank = as_link(&arts[3]);
	CHECK(ngx_story_index_count(&si, &flood) == NG_OK);
	CHECK(ngx_story_index_join(&si, &flood, 1) == NG_OK);
	CHECK(ngx_story_index_count(&si, &bank) == NG_OK);
	CHECK(ngx_story_index_join(&si, &bank, 2) == NG_OK);
	CHECK(ngx_story_index_count(&si, &flood2) == NG_OK);
	CHECK(ngx_story_index_join(&si, &flood2, 3) == NG_OK);
	uint32_t into = 9, from = 9;
	/* nothing reaches an average link of 0.99 */
	CHECK(ngx_story_index_merge(&si, 3, 0.99, 14, &into, &from) == NG_OK);
	CHECK(into == 0 && from == 0);
	CHECK(ngx_story_index_count(&si, &flood3) == NG_OK);
	CHECK(ngx_story_index_join(&si, &flood3, 3) == NG_OK);
	CHECK(ngx_story_index_merge(&si, 3, 0.05, 14, &into, &from) == NG_OK);
	CHECK_MSG(into == 1 && from == 3, "merged %u into %u", from, into);
	CHECK(ngx_story_index_live(&si, 3) == 1);
	CHECK(ngx_story_index_live(&si, 2) == 2);
	CHECK(si.stories[0].size == 3);
	/* the merged story no longer takes articles; the survivor does */
	uint32_t best = 0;
	double score = 0;
	CHECK(ngx_story_index_best(&si, &flood2, 14, &best, &score) == NG_OK);
	CHECK(best == 1);
	ngx_story_index_free(&si);
}

int main(void)
{
	ngx_text_ctx *tc;
	if (ngx_text_ctx_new(&tc) != NG_OK) {
		fprintf(stderr, "test_link: no text context\n");
		return 1;
	}
	ngx_arena scratch, keep;
	ngx_arena_init(&scratch, 0);
	ngx_arena_init(&keep, 0);
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
	ngx_arena_free(&scratch);
	ngx_arena_free(&keep);
	ngx_text_ctx_free(tc);
	return check_report("link");
}
