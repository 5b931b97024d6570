/*
 * link.c: one article at a time, its copies first, then its story.
 *
 * A copy (exact, near or rewrite) joins its original's story: shared text
 * is the strongest evidence of a shared event; exact beats near beats
 * rewrite, then the higher score. Otherwise the article joins the
 * most similar open story when the cosine reaches the threshold, or starts
 * a new one. The story it joined is then checked now and then, as it
 * grows: for a group of members holding another claim, split off into a
 * new story, and for members another story fits better, moved there; then
 * for a story to merge with.
 */
#include "link_internal.h"

#include <stdlib.h>
#include <string.h>

struct ngi_link {
	ngi_link_config config;
	ngi_copy_index copies;
	ngi_story_index stories;
	uint32_t *story_of; /* by seq */
	uint8_t *pinned;    /* by seq: in a whole-article copy edge that decided
			       a story, so it never moves away from its copies */
	uint8_t *short_item; /* by seq: a short item (ngi_link_short_item) */
	size_t n, cap, cap_pinned, cap_short;
	ngi_arena scratch;  /* members read back for a check, reset per check */
	ngi_link_move *moves; /* the moves after the last article */
	size_t n_moves, cap_moves;
};

/* Stories larger than this are not checked for misplaced members: the
 * check reads every member back (see ngi_story_index_better). */
#define NGI_MOVE_MAX_MEMBERS 256

const char *ngi_copy_kind_name(int kind)
{
	switch (kind) {
	case NGI_COPY_EXACT: return "exact";
	case NGI_COPY_NEAR: return "near";
	case NGI_COPY_REWRITE: return "rewrite";
	case NGI_COPY_PARTIAL: return "partial";
	default: return "unknown";
	}
}

const char *ngi_evidence_kind_name(int kind)
{
	return kind == NGI_EVIDENCE_PASSAGE ? "passage"
	       : kind == NGI_EVIDENCE_QUOTE ? "quote" : "unknown";
}

int ngi_copy_kind_of(const char *name)
{
	for (int kind = NGI_COPY_EXACT; kind <= NGI_COPY_PARTIAL; kind++)
		if (name && !strcmp(name, ngi_copy_kind_name(kind)))
			return kind;
	return 0;
}

int ngi_copy_why_of(const char *name)
{
	for (int why = NGI_WHY_EARLIER_PUBLISHED; why <= NGI_WHY_CREDIT; why++)
		if (name && !strcmp(name, ngi_copy_why_name(why)))
			return why;
	return 0;
}

const char *ngi_copy_why_name(int why)
{
	switch (why) {
	case NGI_WHY_EARLIER_PUBLISHED: return "earlier_published";
	case NGI_WHY_EARLIER_INGESTED: return "earlier_ingested";
	case NGI_WHY_CONTAINMENT: return "containment";
	case NGI_WHY_FAMILY: return "family";
	case NGI_WHY_CREDIT: return "credit";
	default: return "unknown";
	}
}

ng_status ngi_link_new(const ngi_link_config *c, ngi_link **out)
{
	ngi_link *l = calloc(1, sizeof *l);
	if (!l)
		return NG_ERR_NOMEM;
	l->config = *c;
	ngi_copy_index_init(&l->copies);
	ngi_story_index_init(&l->stories);
	ngi_arena_init(&l->scratch, 16 << 10);
	*out = l;
	return NG_OK;
}

void ngi_link_free(ngi_link *l)
{
	if (!l)
		return;
	ngi_copy_index_free(&l->copies);
	ngi_story_index_free(&l->stories);
	ngi_arena_free(&l->scratch);
	free(l->story_of);
	free(l->pinned);
	free(l->short_item);
	free(l->moves);
	free(l);
}

static ng_status record(ngi_link *l, const ngi_link_article *a, uint32_t story,
		       const ngi_copy_edge *edges, int n_edges)
{
	if (ngi_grow((void **)&l->story_of, &l->cap, l->n + 1, sizeof *l->story_of) ||
	    ngi_grow((void **)&l->pinned, &l->cap_pinned, l->n + 1, 1) ||
	    ngi_grow((void **)&l->short_item, &l->cap_short, l->n + 1, 1))
		return NG_ERR_NOMEM;
	l->pinned[l->n] = 0;
	l->short_item[l->n] = a->short_item != 0;
	ng_status st = ngi_copy_index_add(&l->copies, a, (uint32_t)l->n, edges,
					  n_edges);
	if (!st)
		st = ngi_story_index_join(&l->stories, a, story);
	if (!st)
		st = ngi_story_index_add_member(&l->stories, story, (uint32_t)l->n);
	if (!st)
		st = ngi_story_index_retire(&l->stories, l->copies.today,
					    l->config.window_days);
	if (st)
		return st;
	l->story_of[l->n++] = story;
	return NG_OK;
}

/* Records that seq left story from for story to (split: the first move
 * into a story split off, which the store then creates). */
static ng_status record_move(ngi_link *l, uint32_t seq, uint32_t from,
			     uint32_t to, int split)
{
	if (ngi_grow((void **)&l->moves, &l->cap_moves, l->n_moves + 1,
		     sizeof *l->moves))
		return NG_ERR_NOMEM;
	l->story_of[seq] = to;
	l->moves[l->n_moves++] = (ngi_link_move){seq, from, to, split};
	return NG_OK;
}

/* Splits story when its members fall into groups (story_split.c): the
 * largest group (the earliest member's on a tie) stays, and each other
 * group of at least two articles that may move becomes a new story. The
 * article just added (seq) and pinned articles stay where they are. */
static ng_status split_story(ngi_link *l, uint32_t story, uint32_t seq,
			     ngi_member *m, uint32_t n)
{
	if (n < NGI_SPLIT_NEIGHBOURS + 2)
		return NG_OK;
	float *sim = malloc((size_t)n * n * sizeof *sim);
	uint32_t *group = malloc(n * sizeof *group);
	uint32_t *size = calloc(n, sizeof *size);
	uint32_t n_groups = 0;
	ng_status st = sim && group && size ? NG_OK : NG_ERR_NOMEM;
	if (!st)
		st = ngi_member_cosines(&l->stories, m, n, sim);
	if (!st)
		st = ngi_story_split_groups(sim, n, NGI_SPLIT_NEIGHBOURS,
					    NGI_SPLIT_LINK, group, &n_groups);
	if (!st && n_groups > 1) {
		for (uint32_t i = 0; i < n; i++) {
			m[i].group = group[i];
			size[group[i]] += m[i].seq != seq && !l->pinned[m[i].seq];
		}
		uint32_t *whole = calloc(n_groups, sizeof *whole);
		if (!whole)
			st = NG_ERR_NOMEM;
		uint32_t home = 0;
		for (uint32_t i = 0; !st && i < n; i++)
			whole[group[i]]++;
		for (uint32_t g = 1; !st && g < n_groups; g++)
			if (whole[g] > whole[home])
				home = g;
		for (uint32_t g = 0; !st && g < n_groups; g++) {
			if (g == home || size[g] < 2)
				continue;
			uint32_t to = l->stories.n + 1;
			int first = 1;
			for (uint32_t i = 0; i < n && !st; i++) {
				if (m[i].group != g || m[i].seq == seq || l->pinned[m[i].seq])
					continue;
				st = ngi_story_index_move(&l->stories, story, to, m[i].seq,
							  m[i].terms, m[i].n_terms,
							  m[i].day, m[i].lang,
							  l->short_item[m[i].seq]);
				if (!st)
					st = record_move(l, m[i].seq, story, to, first);
				m[i].moved = 1;
				first = 0;
			}
			if (!st) {
				/* the new story is checked again when it has grown */
				ngi_story_state *ns = &l->stories.stories[to - 1];
				ns->moves_size = ns->checked_size = ns->size;
			}
		}
		free(whole);
	}
	free(sim);
	free(group);
	free(size);
	return st;
}

/* Checks story's members once it has grown by half since the last check
 * (every member is read back from the store, so a story of n articles
 * costs about 3n reads over its life): first whether it holds two claims
 * (split_story), then whether another story fits a member better (see
 * story_move.c). The article just added (seq) and pinned
 * articles stay; the moves are kept for the result (l->moves). */
static ng_status check_members(ngi_link *l, uint32_t story, uint32_t seq)
{
	ngi_story_state *s = &l->stories.stories[story - 1];
	if (!l->config.fetch_terms || s->size < 2 || s->size > NGI_MOVE_MAX_MEMBERS ||
	    (s->moves_size && s->size * 2 < s->moves_size * 3))
		return NG_OK;
	s->moves_size = s->size;
	uint32_t n_members = s->n_members, n = 0;
	ngi_member *m = calloc(n_members ? n_members : 1, sizeof *m);
	if (!m)
		return NG_ERR_NOMEM;
	ngi_arena_reset(&l->scratch);
	ng_status st = NG_OK;
	for (uint32_t i = 0; i < n_members && !st; i++) {
		ngi_member *b = &m[n];
		b->seq = s->members[i];
		/* the article just added is not stored yet when it is added, so
		 * it is left out here too when it is replayed (reopening) and
		 * the store already holds it: the check must not depend on it */
		if (b->seq == seq)
			continue;
		st = l->config.fetch_terms(l->config.fetch_ctx, b->seq, &l->scratch,
					   &b->terms, &b->n_terms, &b->day, &b->lang);
		if (st == NG_ERR_NOTFOUND) {
			st = NG_OK;
			continue;
		}
		if (st)
			break;
		n++;
	}
	if (!st)
		st = split_story(l, story, seq, m, n);
	for (uint32_t i = 0; i < n && !st; i++) {
		const ngi_member *b = &m[i];
		if (b->moved || b->seq == seq || l->pinned[b->seq] ||
		    l->stories.stories[story - 1].size < 2)
			continue;
		uint32_t to = ngi_story_index_better(&l->stories, story, b->terms,
						     b->n_terms, b->day,
						     l->config.window_days,
						     l->config.story_threshold);
		if (!to)
			continue;
		st = ngi_story_index_move(&l->stories, story, to, b->seq, b->terms,
					  b->n_terms, b->day, b->lang,
					  l->short_item[b->seq]);
		if (!st)
			st = record_move(l, b->seq, story, to, 0);
	}
	free(m);
	return st;
}

/* The story stage for the next article once its copy edges (r->edges) are
 * known: the strongest whole-article edge, else the most similar story,
 * decides where it goes; then the story's checks (splits and moves,
 * merges). Shared by ngi_link_add and ngi_link_replay, so a replayed
 * article changes the indexes exactly as it did when it was added. */
static ng_status decide(ngi_link *l, const ngi_link_article *a,
			ngi_link_result *r)
{
	uint32_t seq = r->seq;
	ng_status st = ngi_story_index_count(&l->stories, a);
	if (st)
		return st;
	/* the strongest whole-article copy edge decides the story (a partial
	 * copy may lift a block into a report of another event) */
	int best_edge = -1;
	for (int i = 0; i < r->n_edges; i++)
		if (r->edges[i].kind != NGI_COPY_PARTIAL &&
		    (best_edge < 0 || r->edges[i].kind < r->edges[best_edge].kind ||
		     (r->edges[i].kind == r->edges[best_edge].kind &&
		      r->edges[i].score > r->edges[best_edge].score)))
			best_edge = i;
	int pin = 0;
	if (best_edge >= 0) {
		const ngi_copy_edge *e = &r->edges[best_edge];
		uint32_t other = e->copy == seq ? e->original : e->copy;
		r->story = ngi_story_index_live(&l->stories, l->story_of[other]);
		r->story_score = e->score;
		l->pinned[other] = 1;
		pin = 1;
	} else {
		int window = l->config.window_days;
		if (a->short_item && window > NGI_SHORT_ITEM_DAYS)
			window = NGI_SHORT_ITEM_DAYS;
		st = ngi_story_index_best(&l->stories, a, window, &r->story,
					  &r->story_score);
		if (st)
			return st;
		double threshold = l->config.story_threshold;
		if (a->short_item && r->story &&
		    ngi_story_short_only(&l->stories.stories[r->story - 1]))
			threshold *= NGI_SHORT_LINK_FACTOR;
		if (r->story == 0 || r->story_score < threshold) {
			r->story = l->stories.n + 1;
			r->new_story = 1;
			r->story_score = 1.0;
		}
	}
	st = record(l, a, r->story, r->edges, r->n_edges);
	if (!st)
		l->pinned[seq] = (uint8_t)pin;
	if (!st && !r->new_story)
		st = check_members(l, r->story, seq);
	if (!st && !r->new_story)
		st = ngi_story_index_merge(&l->stories, r->story,
					   l->config.merge_threshold,
					   l->config.window_days, &r->merged_into,
					   &r->merged_from);
	if (st)
		return st;
	if (r->merged_from)
		r->story = r->merged_into;
	r->moves = l->moves;
	r->n_moves = (int)l->n_moves;
	return NG_OK;
}

ng_status ngi_link_add(ngi_link *l, const ngi_link_article *a,
		       ngi_link_result *out)
{
	ngi_link_result r = {.seq = (uint32_t)l->n};
	l->n_moves = 0;
	r.n_edges = ngi_copy_index_find(&l->copies, a, r.seq,
					l->config.near_threshold, r.edges,
					NGI_MAX_EDGES_PER_ARTICLE);
	ng_status st = ngi_reuse_find(&l->copies, &l->config, a, r.seq, r.edges,
				      &r.n_edges, NGI_MAX_EDGES_PER_ARTICLE);
	if (!st)
		st = decide(l, a, &r);
	if (st)
		return st;
	*out = r;
	return NG_OK;
}

ng_status ngi_link_replay(ngi_link *l, const ngi_link_article *a,
			  const ngi_copy_edge *edges, int n_edges,
			  ngi_link_result *out)
{
	ngi_link_result r = {.seq = (uint32_t)l->n};
	l->n_moves = 0;
	if (n_edges < 0 || n_edges > NGI_MAX_EDGES_PER_ARTICLE)
		return NG_ERR_INPUT;
	for (int i = 0; i < n_edges; i++) {
		/* an edge joins the new article and an earlier one */
		const ngi_copy_edge *e = &edges[i];
		uint32_t other = e->copy == r.seq ? e->original : e->copy;
		if ((e->copy != r.seq && e->original != r.seq) || other >= r.seq ||
		    e->kind < NGI_COPY_EXACT || e->kind > NGI_COPY_PARTIAL)
			return NG_ERR_INPUT;
		r.edges[i] = *e;
	}
	r.n_edges = n_edges;
	ng_status st = decide(l, a, &r);
	if (st)
		return st;
	*out = r;
	return NG_OK;
}

ng_status ngi_link_restore(ngi_link *l, const ngi_link_article *a,
			   uint32_t story)
{
	if (story == 0)
		return NG_ERR_INTERNAL;
	ng_status st = story > l->stories.n + 1
			       ? ngi_story_index_reserve(&l->stories, story - 1)
			       : NG_OK;
	if (!st)
		st = ngi_story_index_count(&l->stories, a);
	if (!st)
		st = record(l, a, story, NULL, 0);
	/* a restored article stays where it is: the copy edges that tied it
	 * to its copies are not read back */
	if (!st)
		l->pinned[l->n - 1] = 1;
	return st;
}

void ngi_link_copies_given(ngi_link *l)
{
	l->copies.days_only = 1;
}

uint32_t ngi_link_first_held(const ngi_link *l)
{
	return l->copies.lo;
}

void ngi_link_set_credits(ngi_link *l, uint32_t seq,
			  const uint32_t credits[NGI_LINK_CREDITS])
{
	ngi_copy_index_set_credits(&l->copies, seq, credits);
}

uint32_t ngi_link_story_of(const ngi_link *l, uint32_t seq)
{
	return seq < l->n ? ngi_story_index_live(&l->stories, l->story_of[seq]) : 0;
}

uint32_t ngi_link_articles(const ngi_link *l)
{
	return (uint32_t)l->n;
}

uint32_t ngi_link_stories(const ngi_link *l)
{
	return l->stories.n;
}

int32_t ngi_link_story_first_day(const ngi_link *l, uint32_t story)
{
	story = ngi_story_index_live(&l->stories, story);
	if (story == 0 || story > l->stories.n)
		return NGI_DAY_UNKNOWN;
	return l->stories.stories[story - 1].first_day;
}

size_t ngi_link_memory(const ngi_link *l)
{
	return ngi_copy_index_memory(&l->copies) +
	       ngi_story_index_memory(&l->stories) + l->cap * 4 + l->cap_pinned + l->cap_short +
	       l->cap_moves * sizeof *l->moves;
}
