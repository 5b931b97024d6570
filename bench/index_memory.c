/*
 * index_memory.c: bytes per article of the link indexes on a stream.
 *
 * Reads a JSON Lines corpus (bench/run.sh's, or any), analyses each
 * article's body (tokens, content hash, MinHash, term bag; language hint
 * "en" when the record has none) and links it (copies, then stories) in
 * input order, as the engine does but without the store, anchors or
 * rewrite verification. Every --every articles, and at the end, it prints
 * the articles seen, those still in the copy index's time window, and the
 * bytes of the copy index (ring, chain heads and root array; the anchor
 * table is a fixed 64 MiB on top, not counted) and of the story index, per
 * article held and per article seen. The figures are counted sizes
 * (ngi_copy_index_memory, ngi_story_index_memory), not RSS.
 *
 * Usage: build/bench/index_memory CORPUS.jsonl [--every N] [--limit N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/pubdate.h"
#include "link/link_internal.h"
#include "read/read.h"
#include "sketch/sketch.h"
#include "text/text.h"

/* As the engine weighs terms (src/engine/features.c). */
#define TITLE_WEIGHT 2
#define LEAD_SENTENCES 3
#define LEAD_EXTRA 4

typedef struct run {
	ngi_text_ctx *tc;
	ngi_arena scratch;
	ngi_copy_index copies;
	ngi_story_index stories;
	unsigned long long every, limit, seen, edges;
	uint32_t story_count;
	ng_status failed;
} run;

static void report(const run *r)
{
	size_t copy = ngi_copy_index_memory(&r->copies) -
		      ngi_anchor_index_memory(&r->copies.anchors);
	size_t story = ngi_story_index_memory(&r->stories);
	size_t held = ngi_copy_index_held(&r->copies);
	printf("%10llu seen %9zu held  copy index %8.1f MB %6.1f B/held %6.1f B/seen"
	       "  story index %8.1f MB %6.1f B/seen  edges %llu\n",
	       r->seen, held, copy / 1e6, held ? (double)copy / held : 0.0,
	       r->seen ? (double)copy / r->seen : 0.0, story / 1e6,
	       r->seen ? (double)story / r->seen : 0.0, r->edges);
	fflush(stdout);
}

static ng_status on_record(void *ctx, const ngi_record *rec)
{
	run *r = ctx;
	if (r->limit && r->seen >= r->limit)
		return NG_ERR_INTERNAL; /* stops the walk: enough */
	ngi_doc d;
	ng_status st = ngi_text_analyze(r->tc, rec->text, rec->text_len,
					rec->lang ? rec->lang : "en", &r->scratch, &d);
	if (st)
		return st;
	uint32_t sig[NGI_MINHASH_K];
	ngi_link_article a = {.content_hash = ngi_content_hash(&d),
			      .day = NGI_DAY_UNKNOWN, .time = NGI_TIME_UNKNOWN};
	if (ngi_minhash(&d, sig))
		a.minhash = sig;
	ngi_term *terms;
	st = ngi_terms(&d, NULL, TITLE_WEIGHT, LEAD_SENTENCES, LEAD_EXTRA,
		       &r->scratch, &terms, &a.n_terms);
	if (st)
		return st;
	a.terms = terms;
	char canon[NGI_PUBDATE_LEN];
	int32_t day;
	if (rec->published && ngi_pubdate_normalize(rec->published, canon, &day)) {
		a.day = day;
		int64_t t;
		if (ngi_pubdate_seconds(canon, &t))
			a.time = t;
	}
	uint32_t seq = (uint32_t)r->seen;
	ngi_copy_edge edges[NGI_MAX_EDGES_PER_ARTICLE];
	int n = ngi_copy_index_find(&r->copies, &a, seq, 0.5, edges,
				    NGI_MAX_EDGES_PER_ARTICLE);
	uint32_t story = 0;
	double score = 0;
	if ((st = ngi_story_index_count(&r->stories, &a)) ||
	    (st = ngi_story_index_best(&r->stories, &a, 14, &story, &score)))
		return st;
	if (story == 0 || score < 0.20)
		story = r->stories.n + 1;
	if ((st = ngi_copy_index_add(&r->copies, &a, seq, edges, n)) ||
	    (st = ngi_story_index_join(&r->stories, &a, story)))
		return st;
	r->edges += (unsigned long long)n;
	r->seen++;
	ngi_arena_reset(&r->scratch);
	if (r->every && r->seen % r->every == 0)
		report(r);
	return NG_OK;
}

int main(int argc, char **argv)
{
	run r = {.every = 100000};
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--every") && i + 1 < argc)
			r.every = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
			r.limit = strtoull(argv[++i], NULL, 10);
		else if (!path && argv[i][0] != '-')
			path = argv[i];
		else
			path = NULL, i = argc;
	}
	if (!path) {
		fprintf(stderr, "usage: index_memory CORPUS.jsonl [--every N] [--limit N]\n");
		return 2;
	}
	if (ngi_text_ctx_new(&r.tc) != NG_OK)
		return 1;
	ngi_arena_init(&r.scratch, 1 << 20);
	ngi_copy_index_init(&r.copies);
	ngi_story_index_init(&r.stories);
	ngi_diag_sink sink = {NULL, NULL, 0, 0};
	ng_status st = ngi_read_path(path, on_record, &r, &sink, NULL);
	int ok = st == NG_OK || st == NG_ERR_INPUT ||
		 (st == NG_ERR_INTERNAL && r.limit && r.seen >= r.limit);
	if (!ok)
		fprintf(stderr, "index_memory: %s after %llu articles\n",
			ng_status_str(st), r.seen);
	report(&r);
	ngi_copy_index_free(&r.copies);
	ngi_story_index_free(&r.stories);
	ngi_arena_free(&r.scratch);
	ngi_text_ctx_free(r.tc);
	return ok ? 0 : 1;
}
