/*
 * engine.c: opening and closing an engine, and its configuration.
 *
 * Opening a store that already holds articles replays them into the link
 * indexes with the copy edges they found (ngi_link_replay), so a later
 * ingest continues exactly as one uninterrupted run would.
 * A read-only engine (ng_config.read_only) opens the store for reading
 * only and needs none of that: no workers, no batches, no link state.
 */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/sized.h"
#include "../extract/pubdate.h"

#define NGI_DEFAULT_THRESHOLD 0.20
#define NGI_DEFAULT_WINDOW_DAYS 14
#define NGI_DEFAULT_BATCH 1000
#define NGI_MERGE_THRESHOLD 0.20

/* Reopening: each stored article is replayed into the link indexes in
 * seq order with the copy edges it found (ngi_link_replay), so the state
 * is exactly the one the storing run had and a later ingest continues as
 * one run would. The replay must end where the store is: every article in
 * its stored story. When it does not (a database written by another
 * version of the linking rules), the indexes are built again from the
 * stored stories alone (ngi_link_restore: an approximate state), with a
 * warning. */
typedef struct restore_ctx {
	ng_engine *e;
	int replay;           /* 1: replaying; 0: restoring the stored stories */
	int diverged;         /* the replay failed or left the store's stories */
	uint32_t first_bad;   /* seq where it did, 1-based */
	uint32_t *stored;     /* by seq: the stored story (replay pass) */
	size_t cap_stored;
} restore_ctx;

static ngi_link_article restored_article(const ngi_article_row *a)
{
	int64_t time;
	if (!a->published || !ngi_pubdate_seconds(a->published, &time))
		time = NGI_TIME_UNKNOWN;
	return (ngi_link_article){.content_hash = a->content_hash,
				  .minhash = a->minhash, .terms = a->terms,
				  .n_terms = a->n_terms, .day = a->day, .time = time,
				  .lang = ngi_link_lang(a->lang),
				  .anchors = a->anchors, .n_anchors = a->n_anchors,
				  .outlet = ngi_outlet_key(a->outlet),
				  .short_item = ngi_link_short_item(a->n_words,
								    a->n_sentences)};
}

static ng_status restore_one(void *ctx, const ngi_article_row *a)
{
	restore_ctx *rc = ctx;
	ng_engine *e = rc->e;
	ngi_link_article la = restored_article(a);
	ng_status st;
	if (!rc->replay) {
		st = ngi_link_restore(e->link, &la, a->story);
		if (st)
			return ngi_engine_fail(e, st, "resuming from the database: "
						      "article %s (seq %u, story %u) "
						      "does not fit",
					       a->id, a->seq + 1, a->story);
		return NG_OK;
	}
	if (ngi_grow((void **)&rc->stored, &rc->cap_stored, (size_t)a->seq + 1,
		     sizeof *rc->stored))
		return NG_ERR_NOMEM;
	rc->stored[a->seq] = a->story;
	if (!rc->diverged) {
		ngi_link_result r;
		st = ngi_link_replay(e->link, &la, a->edges, a->n_edges, &r);
		if (st == NG_ERR_NOMEM || st == NG_ERR_DB)
			return st;
		if (st) {
			rc->diverged = 1;
			rc->first_bad = a->seq + 1;
		}
	}
	return ngi_ids_remember(&e->ids, a->id, a->record_hash);
}

/* Replays the stored articles; falls back to their stored stories when
 * the replay does not end in them. */
static ng_status restore(ng_engine *e, ngi_link_config *lc)
{
	restore_ctx rc = {.e = e, .replay = 1};
	ng_status st = ngi_store_each_article(e->store, restore_one, &rc);
	uint32_t n = ngi_link_articles(e->link);
	for (uint32_t seq = 0; !st && !rc.diverged && seq < n; seq++)
		if (ngi_link_story_of(e->link, seq) != rc.stored[seq]) {
			rc.diverged = 1;
			rc.first_bad = seq + 1;
		}
	free(rc.stored);
	if (st || !rc.diverged)
		return st;
	ngi_diag(&e->diag, NG_DIAG_WARNING, NULL, 0, -1,
		 "resuming: the stored links cannot be replayed exactly (from "
		 "article seq %u on; written by another version?): later "
		 "articles are linked against the stored stories only", rc.first_bad);
	ngi_link_free(e->link);
	e->link = NULL;
	if ((st = ngi_link_new(lc, &e->link)))
		return st;
	rc.replay = 0;
	return ngi_store_each_article(e->store, restore_one, &rc);
}

/* The credit lines of an article still held for copy finding: the store
 * keeps its text, not its credits, so they are found again (only for the
 * held articles, the ones later copies can meet). */
static ng_status restore_credits(void *ctx, const ngi_article_row *a)
{
	ng_engine *e = ctx;
	ngi_credit c[NGI_LINK_CREDITS];
	int n = ngi_credits_find(a->body, a->body ? a->body_len : 0, a->title,
				 ngi_outlet_key(a->outlet), c, NGI_LINK_CREDITS);
	uint32_t keys[NGI_LINK_CREDITS] = {0};
	for (int i = 0; i < n; i++)
		keys[i] = c[i].key;
	ngi_link_set_credits(e->link, a->seq, keys);
	return NG_OK;
}

/* The link stage reads earlier articles' sketches back from the store (the
 * current batch's rows are visible: same connection, same transaction). */
static ng_status fetch_sketch(void *ctx, uint32_t seq, ngi_arena *a,
			      ngi_text_sketch *out)
{
	ng_engine *e = ctx;
	return ngi_store_get_sketch(e->store, seq, a, out);
}

/* Moves read an earlier article's terms back from the store. */
static ng_status fetch_terms(void *ctx, uint32_t seq, ngi_arena *a,
			     ngi_term **terms, uint32_t *n_terms, int32_t *day,
			     uint16_t *lang)
{
	ng_engine *e = ctx;
	char iso[8];
	ng_status st = ngi_store_get_terms(e->store, seq, a, terms, n_terms, day,
					   iso);
	*lang = st ? 0 : ngi_link_lang(iso);
	return st;
}

/* The store for reading only: no workers, batches or link state. */
static ng_status open_reader(ng_engine *e)
{
	return ngi_store_open_reader(e->config.db_path, &e->store, e->err,
				     sizeof e->err);
}

/* The store for ingest (taking the writer's lock), the workers, the
 * batches and the link state of what the store already holds. */
static ng_status open_writer(ng_engine *e)
{
	/* the store first: a second ingest on the file stops here, at once */
	ng_status st = ngi_store_open(e->config.db_path, &e->store, e->err,
				      sizeof e->err);
	/* one context per analysis thread, and one for the calling thread,
	 * which helps with a batch once it has linked the one before */
	if (!st && !(e->workers = calloc((size_t)e->config.threads + 1,
					 sizeof *e->workers)))
		st = NG_ERR_NOMEM;
	for (int i = 0; !st && i < e->config.threads + 1; i++) {
		st = ngi_worker_init(&e->workers[i]);
		e->n_workers = i + 1;
	}
	if (!st)
		st = ngi_batches_init(e);
	ngi_link_config lc = {.story_threshold = e->config.story_threshold,
			      .window_days = e->config.story_window_days,
			      .near_threshold = NGI_NEAR_THRESHOLD,
			      .merge_threshold = NGI_MERGE_THRESHOLD,
			      .fetch_sketch = fetch_sketch, .fetch_terms = fetch_terms,
			      .fetch_ctx = e};
	if (!st)
		st = ngi_link_new(&lc, &e->link);
	if (!st)
		st = restore(e, &lc);
	if (!st && ngi_link_articles(e->link))
		st = ngi_store_each_text(e->store, ngi_link_first_held(e->link),
					 restore_credits, e);
	if (!st)
		st = ngi_said_open(e);
	return st;
}

ng_status ng_engine_open(const ng_config *c, ng_engine **out)
{
	ng_engine *e = calloc(1, sizeof *e);
	if (!e)
		return NG_ERR_NOMEM;
	if (c && ngi_sized_in(&e->config, sizeof e->config, c, NGI_CONFIG_BASE)) {
		free(e);
		return NG_ERR_USAGE;
	}
	if (e->config.story_threshold <= 0)
		e->config.story_threshold = NGI_DEFAULT_THRESHOLD;
	if (e->config.story_window_days <= 0)
		e->config.story_window_days = NGI_DEFAULT_WINDOW_DAYS;
	if (e->config.batch_size <= 0)
		e->config.batch_size = NGI_DEFAULT_BATCH;
	if (e->config.threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		e->config.threads = n > 0 ? (int)n : 1;
	}
	if (e->config.threads > NGI_MAX_THREADS - 1)
		e->config.threads = NGI_MAX_THREADS - 1;
	e->diag.fn = e->config.on_diag;
	e->diag.ctx = e->config.diag_ctx;
	ngi_ids_init(&e->ids);
	ngi_arena_init(&e->query, 16 << 10);
	e->waiting = -1;
	ng_status st = e->config.read_only ? open_reader(e) : open_writer(e);
	if (st) {
		if (st == NG_ERR_NOMEM && !e->err[0])
			snprintf(e->err, sizeof e->err, "out of memory opening the engine");
		if (st == NG_ERR_DB && !e->err[0]) /* a resume scan of the store */
			snprintf(e->err, sizeof e->err, "%s", ngi_store_errmsg(e->store));
		/* the engine is gone, so the message goes out as a diagnostic */
		ngi_diag(&e->diag, NG_DIAG_ERROR, NULL, 0, -1, "%s",
			 e->err[0] ? e->err : ng_status_str(st));
		ng_engine_close(e);
		return st;
	}
	*out = e;
	return NG_OK;
}

ng_status ng_engine_close(ng_engine *e)
{
	if (!e)
		return NG_OK;
	ng_status st = NG_OK;
	size_t pending = ngi_engine_pending(e);
	if (pending && !e->broken) {
		st = ng_ingest_flush(e, NULL);
	} else if (pending) {
		st = ngi_engine_fail(e, NG_ERR_DB, "%zu queued records not stored: "
					       "the engine stopped after a "
					       "database failure", pending);
	}
	/* the engine is gone after this, so the reason goes out as a
	 * diagnostic as well as in the status */
	if (st)
		ngi_diag(&e->diag, NG_DIAG_ERROR, NULL, 0, -1, "closing: %s",
			 e->err[0] ? e->err : ng_status_str(st));
	ngi_batches_free(e); /* joins any analysis still running */
	ngi_store_close(e->store);
	ngi_link_free(e->link);
	ngi_said_close(e);
	ngi_ids_free(&e->ids);
	for (int i = 0; i < e->n_workers; i++)
		ngi_worker_free(&e->workers[i]);
	free(e->workers);
	ngi_arena_free(&e->query);
	free(e);
	return st;
}
