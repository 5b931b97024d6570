/*
 * link.c: one article at a time, its copies first, then its story.
 *
 * A copy (exact, near or rewrite) joins its original's story: shared text
 * is the strongest evidence of a shared event; exact beats near beats
 * rewrite, then the higher score. Otherwise the article joins the
 * most similar open story when the cosine reaches the threshold, or starts
 * a new one.
 */
#include "link_internal.h"

#include <stdlib.h>

struct ngx_link {
	ngx_link_config config;
	ngx_copy_index copies;
	ngx_story_index stories;
	uint32_t *story_of; /* by seq */
	size_t n, cap;
};

const char *ngx_copy_kind_name(int kind)
{
	switch (kind) {
	case NGX_COPY_EXACT: return "exact";
	case NGX_COPY_NEAR: return "near";
	case NGX_COPY_REWRITE: return "rewrite";
	case NGX_COPY_PARTIAL: return "partial";
	default: return "unknown";
	}
}

const char *ngx_evidence_kind_name(int kind)
{
	return kind == NGX_EVIDENCE_PASSAGE ? "passage"
	       : kind == NGX_EVIDENCE_QUOTE ? "quote" : "unknown";
}

const char *ngx_copy_why_name(int why)
{
	switch (why) {
	case NGX_WHY_EARLIER_PUBLISHED: return "earlier_published";
	case NGX_WHY_EARLIER_INGESTED: return "earlier_ingested";
	case NGX_WHY_CONTAINMENT: return "containment";
	case NGX_WHY_FAMILY: return "family";
	case NGX_WHY_CREDIT: return "credit";
	default: return "unknown";
	}
}

ng_status ngx_link_new(const ngx_link_config *c, ngx_link **out)
{
	ngx_link *l = calloc(1, sizeof *l);
	if (!l)
		return NG_ERR_NOMEM;
	l->config = *c;
	ngx_copy_index_init(&l->copies);
	ngx_story_index_init(&l->stories);
	*out = l;
	return NG_OK;
}

void ngx_link_free(ngx_link *l)
{
	if (!l)
		return;
	ngx_copy_index_free(&l->copies);
	ngx_story_index_free(&l->stories);
	free(l->story_of);
	free(l);
}

static ng_status record(ngx_link *l, const ngx_link_article *a, uint32_t story,
		       const ngx_copy_edge *edges, int n_edges)
{
	if (ngx_grow((void **)&l->story_of, &l->cap, l->n + 1, sizeof *l->story_of))
		return NG_ERR_NOMEM;
	ng_status st = ngx_copy_index_add(&l->copies, a, (uint32_t)l->n, edges,
					  n_edges);
	if (!st)
		st = ngx_story_index_join(&l->stories, a, story);
	if (!st)
		st = ngx_story_index_retire(&l->stories, l->copies.today,
					    l->config.window_days);
	if (st)
		return st;
	l->story_of[l->n++] = story;
	return NG_OK;
}

ng_status ngx_link_add(ngx_link *l, const ngx_link_article *a,
		       ngx_link_result *out)
{
	uint32_t seq = (uint32_t)l->n;
	ngx_link_result r = {.seq = seq};
	r.n_edges = ngx_copy_index_find(&l->copies, a, seq,
					l->config.near_threshold, r.edges,
					NGX_MAX_EDGES_PER_ARTICLE);
	ng_status st = ngx_reuse_find(&l->copies, &l->config, a, seq, r.edges,
				      &r.n_edges, NGX_MAX_EDGES_PER_ARTICLE);
	if (!st)
		st = ngx_story_index_count(&l->stories, a);
	if (st)
		return st;
	/* the strongest whole-article copy edge decides the story (a partial
	 * copy may lift a block into a report of another event) */
	int best_edge = -1;
	for (int i = 0; i < r.n_edges; i++)
		if (r.edges[i].kind != NGX_COPY_PARTIAL &&
		    (best_edge < 0 || r.edges[i].kind < r.edges[best_edge].kind ||
		     (r.edges[i].kind == r.edges[best_edge].kind &&
		      r.edges[i].score > r.edges[best_edge].score)))
			best_edge = i;
	if (best_edge >= 0) {
		const ngx_copy_edge *e = &r.edges[best_edge];
		uint32_t other = e->copy == seq ? e->original : e->copy;
		r.story = ngx_story_index_live(&l->stories, l->story_of[other]);
		r.story_score = e->score;
	} else {
		st = ngx_story_index_best(&l->stories, a, l->config.window_days,
					  &r.story, &r.story_score);
		if (st)
			return st;
		if (r.story == 0 || r.story_score < l->config.story_threshold) {
			r.story = l->stories.n + 1;
			r.new_story = 1;
			r.story_score = 1.0;
		}
	}
	st = record(l, a, r.story, r.edges, r.n_edges);
	if (!st && !r.new_story)
		st = ngx_story_index_merge(&l->stories, r.story,
					   l->config.merge_threshold,
					   l->config.window_days, &r.merged_into,
					   &r.merged_from);
	if (st)
		return st;
	if (r.merged_from)
		r.story = r.merged_into;
	*out = r;
	return NG_OK;
}

ng_status ngx_link_restore(ngx_link *l, const ngx_link_article *a,
			   uint32_t story)
{
	if (story == 0)
		return NG_ERR_INTERNAL;
	ng_status st = story > l->stories.n + 1
			       ? ngx_story_index_reserve(&l->stories, story - 1)
			       : NG_OK;
	if (!st)
		st = ngx_story_index_count(&l->stories, a);
	return st ? st : record(l, a, story, NULL, 0);
}

uint32_t ngx_link_first_held(const ngx_link *l)
{
	return l->copies.lo;
}

void ngx_link_set_credits(ngx_link *l, uint32_t seq,
			  const uint32_t credits[NGX_LINK_CREDITS])
{
	ngx_copy_index_set_credits(&l->copies, seq, credits);
}

uint32_t ngx_link_articles(const ngx_link *l)
{
	return (uint32_t)l->n;
}

uint32_t ngx_link_stories(const ngx_link *l)
{
	return l->stories.n;
}

int32_t ngx_link_story_first_day(const ngx_link *l, uint32_t story)
{
	story = ngx_story_index_live(&l->stories, story);
	if (story == 0 || story > l->stories.n)
		return NGX_DAY_UNKNOWN;
	return l->stories.stories[story - 1].first_day;
}

size_t ngx_link_memory(const ngx_link *l)
{
	return ngx_copy_index_memory(&l->copies) +
	       ngx_story_index_memory(&l->stories) + l->cap * 4;
}
