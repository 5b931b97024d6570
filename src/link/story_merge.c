/*
 * story_merge.c: stories that have come to resemble each other merge.
 *
 * The assignment of story_index.c is greedy and sees each article once:
 * early articles of one event, met before the statistics settle, start
 * separate stories. After every join the grown story is compared with the
 * open stories that share its heaviest terms by average link, the mean
 * similarity over all pairs of their articles (sum vectors of unit article
 * vectors: dot / (|A| |B|)), the criterion of group-average agglomerative
 * clustering; the best pair at or above the threshold merges, the older
 * story absorbing the younger (centroid, size, languages, days, members).
 * Between two stories with no language in common the link is scaled by
 * NGI_XLING_SCALE as an article's cosine is when it joins: every pair is
 * then across languages, and those score about half (the translations of
 * one report that started a story of their own join the original's).
 * Between two stories of short items only it is divided by
 * NGI_SHORT_LINK_FACTOR, as a short item needs more to join such a story
 * (link_internal.h), and such stories merge only within
 * NGI_SHORT_ITEM_DAYS of each other, the window of a short item's join.
 * A story is checked again only once it has grown by a tenth. Figures on
 * FNC-1 are in story_index.c's opening comment and docs/QUALITY.md.
 */
#include "story_internal.h"

#include <stdlib.h>

static double unit_dot(const ngi_story_state *x, const ngi_story_state *y)
{
	double dot = 0;
	uint32_t i = 0, j = 0;
	while (i < x->n_terms && j < y->n_terms) {
		if (x->terms[i] < y->terms[j])
			i++;
		else if (x->terms[i] > y->terms[j])
			j++;
		else
			dot += (double)x->unit[i++] * y->unit[j++];
	}
	return dot;
}

static ng_status absorb(ngi_story_index *si, uint32_t into, uint32_t from)
{
	ngi_story_state *x = &si->stories[into - 1], *y = &si->stories[from - 1];
	ng_status st = ngi_story_centroid_add(si, x, into, y->terms, y->weights,
					      y->unit, y->n_terms);
	if (st)
		return st;
	x->size += y->size;
	x->n_full += y->n_full;
	for (int i = 0; i < NGI_STORY_LANGS; i++)
		ngi_story_add_lang(x, y->langs[i], y->lang_n[i]);
	ngi_story_widen_days(x, y->first_day, y->last_day);
	for (uint32_t i = 0; i < y->n_members && !st; i++)
		st = ngi_story_index_add_member(si, into, y->members[i]);
	if (st)
		return st;
	free(y->members);
	free(y->terms);
	free(y->weights);
	free(y->unit);
	*y = (ngi_story_state){.merged_into = into, .first_day = NGI_DAY_UNKNOWN,
			       .last_day = NGI_DAY_UNKNOWN};
	return x->n_terms > NGI_CENTROID_MAX ? ngi_story_prune(si, x) : NG_OK;
}

static int stories_in_window(const ngi_story_state *x, const ngi_story_state *y,
			     int window)
{
	if (x->first_day == NGI_DAY_UNKNOWN || y->first_day == NGI_DAY_UNKNOWN)
		return 1;
	return y->first_day - x->last_day <= window &&
	       x->first_day - y->last_day <= window;
}

typedef struct story_query {
	uint32_t story;
	int window;
} story_query;

/* Two stories of short items only merge only within NGI_SHORT_ITEM_DAYS,
 * as a short item joins a story (link.h): their few words (a country, a
 * person) fit many events, and the days tell two of them apart. */
static int story_may_merge(const ngi_story_index *si, uint32_t id, const void *ctx)
{
	const story_query *q = ctx;
	const ngi_story_state *s = &si->stories[q->story - 1], *o = &si->stories[id - 1];
	int window = q->window;
	if (ngi_story_short_only(s) && ngi_story_short_only(o) &&
	    window > NGI_SHORT_ITEM_DAYS)
		window = NGI_SHORT_ITEM_DAYS;
	return id != q->story && stories_in_window(s, o, window);
}

ng_status ngi_story_index_merge(ngi_story_index *si, uint32_t story,
				double threshold, int window_days,
				uint32_t *into, uint32_t *from)
{
	*into = *from = 0;
	ngi_story_state *s = &si->stories[story - 1];
	if (threshold <= 0 || s->merged_into || s->n_terms == 0)
		return NG_OK;
	/* checked again only once the story has grown by a tenth: a big
	 * story's average links barely move with one more article */
	if (s->checked_size && s->size * 10 < s->checked_size * 11)
		return NG_OK;
	s->checked_size = s->size;
	/* the story's heaviest terms, by their unit weight (a small selection,
	 * not a sort: centroids run to thousands of terms) */
	ngi_story_weighted w[NGI_QUERY_TERMS];
	uint32_t q = 0;
	for (uint32_t i = 0; i < s->n_terms; i++) {
		ngi_story_weighted x = {i, s->unit[i]};
		if (q == NGI_QUERY_TERMS && ngi_story_by_weight_desc(&x, &w[q - 1]) >= 0)
			continue;
		uint32_t k = q < NGI_QUERY_TERMS ? q++ : q - 1;
		while (k > 0 && ngi_story_by_weight_desc(&x, &w[k - 1]) < 0) {
			w[k] = w[k - 1];
			k--;
		}
		w[k] = x;
	}
	uint32_t qt[NGI_QUERY_TERMS];
	double qw[NGI_QUERY_TERMS];
	for (uint32_t k = 0; k < q; k++) {
		qt[k] = s->terms[w[k].idx];
		qw[k] = w[k].w;
	}
	story_query sq = {story, window_days};
	ngi_story_candidate *cands = NULL;
	size_t n_cands = 0;
	ng_status st = ngi_story_gather(si, qt, qw, q, story_may_merge, &sq,
					&cands, &n_cands);
	uint32_t best = 0;
	double best_link = threshold;
	size_t full = n_cands < NGI_MERGE_SCORES ? n_cands : NGI_MERGE_SCORES;
	for (size_t i = 0; i < full && !st; i++) {
		const ngi_story_state *o = &si->stories[cands[i].story - 1];
		double link = unit_dot(s, o) / ((double)s->size * o->size);
		if (!ngi_story_share_lang(s, o))
			link *= NGI_XLING_SCALE;
		if (ngi_story_short_only(s) && ngi_story_short_only(o))
			link /= NGI_SHORT_LINK_FACTOR;
		if (link > best_link || (link == best_link && cands[i].story < best)) {
			best_link = link;
			best = cands[i].story;
		}
	}
	free(cands);
	if (st || !best)
		return st;
	*into = story < best ? story : best;
	*from = story < best ? best : story;
	return absorb(si, *into, *from);
}
