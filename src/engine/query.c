/*
 * query.c: the public read API: the cursor openers of include/newsgraph.h,
 * which check their arguments and that the story or article exists, then
 * open the store's cursor (src/store/query.h) with the engine's message
 * buffer, and the struct-filling shortcuts (ng_article_get and friends)
 * built on those cursors. No SQL here: it all lives in src/store/.
 *
 * Strings the shortcuts hand out come from the engine's query arena, reset
 * at the start of each such call: valid until the next one on the engine.
 */
#include "engine.h"

#include <stdio.h>
#include <string.h>

#include "../base/sized.h"
#include "../store/query.h"

static ngi_err err_of(ng_engine *e)
{
	return (ngi_err){e->err, sizeof e->err};
}

static ng_status usage(ng_engine *e, const char *what)
{
	if (e)
		ngi_engine_fail(e, NG_ERR_USAGE, "%s", what);
	return NG_ERR_USAGE;
}

/* Copies the caller's filter, as much of it as it says it has (its size),
 * over a zeroed one: fields a program built against an older header does
 * not know stay off. Unlike the sized structs of the engine (sized.h), any
 * prefix that holds the size is a filter, but the size must be set. */
static ng_status copy_filter(ng_engine *e, const void *f, size_t ours,
			     void *out, const char *name)
{
	memset(out, 0, ours);
	if (!f)
		return NG_OK;
	size_t size;
	memcpy(&size, f, sizeof size);
	if (size == 0 || ngi_sized_in(out, ours, f, sizeof(size_t))) {
		ngi_engine_fail(e, NG_ERR_USAGE, "%s: size is not set (start from "
						 "its _INIT macro)", name);
		return NG_ERR_USAGE;
	}
	return NG_OK;
}

ng_status ng_stories_open(ng_engine *e, const ng_story_filter *f,
			  ng_cursor **out)
{
	if (!e || !out)
		return usage(e, "ng_stories_open: no engine or no cursor pointer");
	ng_story_filter all;
	ng_status st = copy_filter(e, f, sizeof all, &all, "ng_story_filter");
	return st ? st : ngi_query_stories(e->store, err_of(e), &all, out);
}

ng_status ng_search_open(ng_engine *e, const char *query, long long limit,
			 long long offset, ng_cursor **out)
{
	if (!e || !out || !query)
		return usage(e, "ng_search_open: no engine, query or cursor pointer");
	ng_status st = ngi_query_search(e->store, err_of(e), query, limit, offset,
					out);
	if (st == NG_ERR_TOOBIG)
		ngi_engine_fail(e, st, "ng_search_open: query too long");
	return st;
}

ng_status ng_story_open(ng_engine *e, long long story, ng_cursor **out)
{
	if (!e || !out)
		return usage(e, "ng_story_open: no engine or no cursor pointer");
	return ngi_query_story(e->store, err_of(e), story, out);
}

/* A store query on one row id (a story, an article's seq, a claim). */
typedef ng_status (*id_query)(ngi_store *, ngi_err, long long, ng_cursor **);
/* A check that a story or claim exists (NG_ERR_NOTFOUND with a message). */
typedef ng_status (*id_check)(ngi_store *, ngi_err, long long);

/* The openers on one story or claim: it must exist. */
static ng_status on_existing(ng_engine *e, long long id, ng_cursor **out,
			     id_check exists, id_query open)
{
	if (!e || !out)
		return usage(e, "no engine or no cursor pointer");
	ng_status st = exists(e->store, err_of(e), id);
	return st ? st : open(e->store, err_of(e), id, out);
}

static ng_status on_story(ng_engine *e, long long story, ng_cursor **out,
			  id_query open)
{
	return on_existing(e, story, out, ngi_query_story_exists, open);
}

ng_status ng_story_articles_open(ng_engine *e, long long story, ng_cursor **out)
{
	return on_story(e, story, out, ngi_query_story_articles);
}

ng_status ng_story_copies_open(ng_engine *e, long long story, ng_cursor **out)
{
	return on_story(e, story, out, ngi_query_story_copies);
}

ng_status ng_related_stories_open(ng_engine *e, long long story, ng_cursor **out)
{
	return on_story(e, story, out, ngi_query_related_stories);
}

ng_status ng_articles_open(ng_engine *e, ng_cursor **out)
{
	if (!e || !out)
		return usage(e, "ng_articles_open: no engine or no cursor pointer");
	return ngi_query_articles(e->store, err_of(e), out);
}

ng_status ng_article_open(ng_engine *e, const char *article_id, ng_cursor **out)
{
	if (!e || !article_id || !out)
		return usage(e, "ng_article_open: no engine, article id or cursor pointer");
	return ngi_query_article(e->store, err_of(e), article_id, out);
}

/* The openers on one article: it must exist; the store takes its seq. */
static ng_status on_article(ng_engine *e, const char *id, ng_cursor **out,
			    id_query open)
{
	if (!e || !id || !out)
		return usage(e, "no engine, article id or cursor pointer");
	long long seq;
	ng_status st = ngi_query_article_seq(e->store, err_of(e), id, &seq);
	return st ? st : open(e->store, err_of(e), seq, out);
}

ng_status ng_article_copies_open(ng_engine *e, const char *article_id,
				 ng_cursor **out)
{
	return on_article(e, article_id, out, ngi_query_article_copies);
}

ng_status ng_article_mentions_open(ng_engine *e, const char *article_id,
				   ng_cursor **out)
{
	return on_article(e, article_id, out, ngi_query_article_mentions);
}

ng_status ng_article_dates_open(ng_engine *e, const char *article_id,
				ng_cursor **out)
{
	return on_article(e, article_id, out, ngi_query_article_dates);
}

/* ---- who said what ---------------------------------------------------------- */
static ng_status said_filtered(ng_engine *e, const ng_said_filter *f,
			       ng_cursor **out,
			       ng_status (*open)(ngi_store *, ngi_err,
						 const ng_said_filter *, ng_cursor **))
{
	if (!e || !out)
		return usage(e, "no engine or no cursor pointer");
	ng_said_filter all;
	ng_status st = copy_filter(e, f, sizeof all, &all, "ng_said_filter");
	if (!st && all.story)
		st = ngi_query_story_exists(e->store, err_of(e), all.story);
	return st ? st : open(e->store, err_of(e), &all, out);
}

ng_status ng_quotes_open(ng_engine *e, const ng_said_filter *f, ng_cursor **out)
{
	return said_filtered(e, f, out, ngi_query_quotes);
}

ng_status ng_quote_groups_open(ng_engine *e, const ng_said_filter *f,
			       ng_cursor **out)
{
	return said_filtered(e, f, out, ngi_query_quote_groups);
}

ng_status ng_claims_open(ng_engine *e, const ng_said_filter *f, ng_cursor **out)
{
	return said_filtered(e, f, out, ngi_query_claims);
}

ng_status ng_article_quotes_open(ng_engine *e, const char *article_id,
				 ng_cursor **out)
{
	return on_article(e, article_id, out, ngi_query_article_quotes);
}

static ng_status on_claim(ng_engine *e, long long claim, ng_cursor **out,
			  id_query open)
{
	return on_existing(e, claim, out, ngi_query_claim_exists, open);
}

ng_status ng_claim_reports_open(ng_engine *e, long long claim, ng_cursor **out)
{
	return on_claim(e, claim, out, ngi_query_claim_reports);
}

ng_status ng_claim_responses_open(ng_engine *e, long long claim, ng_cursor **out)
{
	return on_claim(e, claim, out, ngi_query_claim_responses);
}

ng_status ng_claim_stances_open(ng_engine *e, long long claim, ng_cursor **out)
{
	return on_claim(e, claim, out, ngi_query_claim_stances);
}

ng_status ng_claim_stories_open(ng_engine *e, long long claim, ng_cursor **out)
{
	return on_claim(e, claim, out, ngi_query_claim_stories);
}

ng_status ng_timeline_open(ng_engine *e, long long story, int thread,
			   ng_cursor **out)
{
	if (!e || !out)
		return usage(e, "ng_timeline_open: no engine or no cursor pointer");
	ng_status st = ngi_query_story_exists(e->store, err_of(e), story);
	return st ? st : ngi_query_timeline(e->store, err_of(e), story, thread, out);
}

ng_status ng_evidence_open(ng_engine *e, const char *copy_id,
			   const char *original_id, ng_cursor **out)
{
	if (!e || !copy_id || !original_id || !out)
		return usage(e, "ng_evidence_open: no engine, article ids or cursor pointer");
	long long copy, original;
	ng_status st = ngi_query_article_seq(e->store, err_of(e), copy_id, &copy);
	if (!st)
		st = ngi_query_article_seq(e->store, err_of(e), original_id, &original);
	/* an edge that does not exist has no evidence: no rows */
	if (st == NG_ERR_NOTFOUND)
		copy = original = 0, st = NG_OK;
	return st ? st : ngi_query_evidence(e->store, err_of(e), copy, original, out);
}

ng_status ng_entities_open(ng_engine *e, const ng_entity_filter *f,
			   ng_cursor **out)
{
	if (!e || !out)
		return usage(e, "ng_entities_open: no engine or no cursor pointer");
	ng_entity_filter all;
	ng_status st = copy_filter(e, f, sizeof all, &all, "ng_entity_filter");
	return st ? st : ngi_query_entities(e->store, err_of(e), &all, out);
}

ng_status ng_entity_variants_open(ng_engine *e, const char *type,
				  const char *key, ng_cursor **out)
{
	if (!e || !out)
		return usage(e, "ng_entity_variants_open: no engine or no cursor pointer");
	return ngi_query_entity_variants(e->store, err_of(e), type, key, out);
}

ng_status ng_entity_mentions_open(ng_engine *e, const char *type,
				  const char *key, ng_cursor **out)
{
	if (!e || !type || !key || !out)
		return usage(e, "ng_entity_mentions_open: no engine, type, key or cursor pointer");
	return ngi_query_entity_mentions(e->store, err_of(e), type, key, out);
}

/* ---- the shortcuts ---------------------------------------------------------- */

/* Column i of c's row copied into the query arena; NULL for NULL, and
 * NG_ERR_NOMEM into *st when the copy fails (never taken as absent). */
static const char *dup_col(ng_engine *e, ng_cursor *c, int i, ng_status *st)
{
	const char *s = ng_cursor_column_text(c, i);
	if (!s)
		return NULL;
	char *copy = ngi_arena_strndup(&e->query, s, ng_cursor_column_bytes(c, i));
	if (!copy && !*st)
		*st = ngi_engine_fail(e, NG_ERR_NOMEM, "out of memory copying a column");
	return copy;
}

/* The end of a one-row cursor: the next step must say NG_DONE (it also
 * reports a getter that ran out of memory). */
static ng_status finish_one(ng_cursor *c, ng_status st)
{
	ng_status end = ng_cursor_step(c);
	ng_cursor_close(c);
	if (st)
		return st;
	return end == NG_DONE ? NG_OK : end == NG_ROW ? NG_ERR_INTERNAL : end;
}

ng_status ng_article_get(ng_engine *e, const char *article_id,
			 ng_article_info *out)
{
	if (!e || !article_id || !out)
		return usage(e, "ng_article_get: no engine, article id or result");
	ngi_arena_reset(&e->query);
	ng_cursor *c;
	ng_status st = ngi_query_article(e->store, err_of(e), article_id, &c);
	if (st)
		return st;
	if (ng_cursor_step(c) != NG_ROW) /* the prefetched row */
		return finish_one(c, NG_ERR_INTERNAL);
	ng_article_info a = {
		.story = ng_cursor_column_int64(c, 1),
		.id = dup_col(e, c, 0, &st),
		.title = dup_col(e, c, 2, &st),
		.lang = dup_col(e, c, 3, &st),
		.published = dup_col(e, c, 5, &st),
		.published_source = dup_col(e, c, 6, &st),
		.outlet = dup_col(e, c, 8, &st),
		.url = dup_col(e, c, 9, &st),
		.n_words = ng_cursor_column_int64(c, 12),
		.n_sentences = ng_cursor_column_int64(c, 13),
		.published_confidence = ng_cursor_column_double(c, 7)};
	st = finish_one(c, st);
	if (!st)
		*out = a;
	return st;
}

ng_status ng_article_story(ng_engine *e, const char *article_id,
			   long long *story_out)
{
	if (!story_out)
		return usage(e, "ng_article_story: no result pointer");
	ng_article_info a;
	ng_status st = ng_article_get(e, article_id, &a);
	if (!st)
		*story_out = a.story;
	return st;
}

ng_status ng_article_text(ng_engine *e, const char *article_id,
			  const char **text, size_t *len)
{
	if (!e || !article_id || !text || !len)
		return usage(e, "ng_article_text: no engine, article id or result");
	ngi_arena_reset(&e->query);
	ng_cursor *c;
	ng_status st = ngi_query_article_body(e->store, err_of(e), article_id, &c);
	if (st)
		return st;
	if (ng_cursor_step(c) != NG_ROW)
		return finish_one(c, NG_ERR_INTERNAL);
	const char *body = dup_col(e, c, 0, &st);
	size_t n = ng_cursor_column_bytes(c, 0);
	if (!st && !body && !(body = ngi_arena_strdup(&e->query, "")))
		st = ngi_engine_fail(e, NG_ERR_NOMEM, "out of memory copying a body");
	st = finish_one(c, st);
	if (!st) {
		*text = body;
		*len = n;
	}
	return st;
}

/* Walks a list cursor, handing each row to fill while there is room, and
 * counts the rows. */
typedef void (*fill_fn)(ng_engine *, ng_cursor *, void *, int, ng_status *);

static ng_status fill_rows(ng_engine *e, ng_cursor *c, void *out, int max,
			   int *n_out, fill_fn fill)
{
	int n = 0;
	ng_status st = NG_OK, step;
	while ((step = ng_cursor_step(c)) == NG_ROW) {
		if (n < max)
			fill(e, c, out, n, &st);
		n++;
	}
	ng_cursor_close(c);
	if (!st && step != NG_DONE)
		st = step;
	if (!st)
		*n_out = n;
	return st;
}

static ng_status article_rows(ng_engine *e, const char *article_id, void *out,
			      int max, int *n_out, id_query open, fill_fn fill)
{
	if (!e || !article_id || !n_out || (max > 0 && !out))
		return usage(e, "no engine, article id or result");
	ngi_arena_reset(&e->query);
	ng_cursor *c;
	ng_status st = on_article(e, article_id, &c, open);
	return st ? st : fill_rows(e, c, out, max, n_out, fill);
}

static void fill_copy(ng_engine *e, ng_cursor *c, void *out, int i, ng_status *st)
{
	((ng_copy_info *)out)[i] = (ng_copy_info){
		dup_col(e, c, 0, st), dup_col(e, c, 1, st),
		ng_cursor_column_double(c, 2), (int)ng_cursor_column_int64(c, 3)};
}

ng_status ng_article_copies(ng_engine *e, const char *article_id,
			    ng_copy_info *out, int max, int *n_out)
{
	return article_rows(e, article_id, out, max, n_out,
			    ngi_query_article_copies_scored, fill_copy);
}

static void fill_mention(ng_engine *e, ng_cursor *c, void *out, int i,
			 ng_status *st)
{
	((ng_mention_info *)out)[i] = (ng_mention_info){
		ng_cursor_column_int64(c, 0), ng_cursor_column_int64(c, 1),
		ng_cursor_column_int64(c, 2), ng_cursor_column_int64(c, 3),
		dup_col(e, c, 4, st), dup_col(e, c, 5, st), dup_col(e, c, 6, st),
		dup_col(e, c, 7, st)};
}

ng_status ng_article_mentions(ng_engine *e, const char *article_id,
			      ng_mention_info *out, int max, int *n_out)
{
	return article_rows(e, article_id, out, max, n_out,
			    ngi_query_article_mentions, fill_mention);
}

static void fill_date(ng_engine *e, ng_cursor *c, void *out, int i, ng_status *st)
{
	((ng_date_info *)out)[i] = (ng_date_info){
		ng_cursor_column_int64(c, 0), ng_cursor_column_int64(c, 1),
		ng_cursor_column_int64(c, 2), ng_cursor_column_int64(c, 3),
		dup_col(e, c, 4, st), dup_col(e, c, 5, st), dup_col(e, c, 6, st),
		dup_col(e, c, 7, st), dup_col(e, c, 8, st)};
}

ng_status ng_article_dates(ng_engine *e, const char *article_id,
			   ng_date_info *out, int max, int *n_out)
{
	return article_rows(e, article_id, out, max, n_out,
			    ngi_query_article_dates, fill_date);
}
