/*
 * story_move.c: members moved to a story that fits them better.
 *
 * An article joins the story that fits it best when it arrives; later
 * articles can show that another story fits it better (FNC-1: the first
 * articles about Kim Jong-un's ankles, his sister and a ban on his name
 * joined one another before each claim had its own story). When a story
 * has grown by half (link.c), each member is compared with the rest of
 * its own story (the centroid less the member) and with the stories its
 * terms find; it moves to one that fits it at the join threshold or better
 * and better than its own (ngi_story_index_better, ngi_story_index_move;
 * story_split.c moves whole groups the same way). Stories keep their
 * member lists while open (4 bytes an article); the members' terms come
 * from the caller (the store).
 */
#include "story_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

ng_status ngi_story_index_add_member(ngi_story_index *si, uint32_t story,
				     uint32_t seq)
{
	ngi_story_state *s = &si->stories[story - 1];
	return ngi_story_append_u32(&s->members, &s->n_members, &s->cap_members, seq);
}

typedef struct move_query {
	uint32_t story;
	int32_t day;
	int window;
} move_query;

static int may_move_to(const ngi_story_index *si, uint32_t id, const void *ctx)
{
	const move_query *q = ctx;
	return id != q->story &&
	       ngi_story_in_window(&si->stories[id - 1], q->day, q->window);
}

uint32_t ngi_story_index_better(ngi_story_index *si, uint32_t story,
				const ngi_term *t, uint32_t n, int32_t day,
				int window_days, double threshold)
{
	ngi_story_state *s = &si->stories[story - 1];
	if (n == 0 || s->size < 2)
		return 0;
	ngi_story_weighted *w = malloc(n * sizeof *w);
	uint32_t *qt = malloc(n * sizeof *qt);
	double *qw = malloc(n * sizeof *qw);
	double *it = malloc(n * sizeof *it);
	if (!w || !qt || !qw || !it) {
		free(w);
		free(qt);
		free(qw);
		free(it);
		return 0; /* no memory to look: it stays */
	}
	/* own: the cosine with the centroid less the member, from the dot
	 * A with the whole centroid and the member's squared norm X2 */
	double x2 = 0, dot = 0;
	uint32_t from = 0;
	for (uint32_t i = 0; i < n; i++) {
		it[i] = ngi_story_index_idf2(si, t[i].term);
		double x = ngi_story_index_tf(t[i].count) * it[i];
		x2 += x * x;
		uint32_t at = ngi_story_centroid_next(s, t[i].term, &from);
		if (at != UINT32_MAX)
			dot += x * s->weights[at] * it[i];
		w[i] = (ngi_story_weighted){i, x};
	}
	double sn = ngi_story_norm(si, s), rest2 = sn * sn - 2 * dot + x2;
	double own = rest2 > 1e-12 && x2 > 0 ? (dot - x2) / (sqrt(x2) * sqrt(rest2)) : 0;
	qsort(w, n, sizeof *w, ngi_story_by_weight_desc);
	for (uint32_t k = 0; k < n; k++) {
		qt[k] = t[w[k].idx].term;
		qw[k] = w[k].w;
	}
	move_query q = {story, day, window_days};
	ngi_story_candidate *c = NULL;
	size_t nc = 0;
	uint32_t best = 0;
	double best_cos = threshold > own ? threshold : own;
	if (!ngi_story_gather(si, qt, qw, n, may_move_to, &q, &c, &nc)) {
		size_t full = nc < NGI_MOVE_SCORES ? nc : NGI_MOVE_SCORES;
		for (size_t i = 0; i < full; i++) {
			ngi_story_state *o = &si->stories[c[i].story - 1];
			double d = 0;
			uint32_t at_from = 0;
			for (uint32_t j = 0; j < n; j++) {
				uint32_t at = ngi_story_centroid_next(o, t[j].term,
								      &at_from);
				if (at != UINT32_MAX)
					d += ngi_story_index_tf(t[j].count) * it[j] *
					     o->weights[at] * it[j];
			}
			double on = ngi_story_norm(si, o);
			double cs = on > 0 ? d / (on * sqrt(x2)) : 0;
			if (cs > best_cos || (cs == best_cos && best && c[i].story < best)) {
				best_cos = cs;
				best = c[i].story;
			}
		}
	}
	free(c);
	free(w);
	free(qt);
	free(qw);
	free(it);
	return best;
}

ng_status ngi_story_index_move(ngi_story_index *si, uint32_t from, uint32_t to,
			       uint32_t seq, const ngi_term *t, uint32_t n,
			       int32_t day, uint16_t lang, int short_item)
{
	if (to == si->n + 1 && ngi_story_index_reserve(si, to))
		return NG_ERR_NOMEM;
	ngi_story_state *s = &si->stories[from - 1];
	double xn = ngi_story_article_norm(si, t, n);
	/* out of the old centroid (its unit part was weighed with the idf of
	 * the day it joined: today's may differ a little, so nothing goes
	 * below zero) */
	for (uint32_t i = 0; i < n; i++) {
		double tw = ngi_story_index_tf(t[i].count);
		double u = tw * ngi_story_index_idf2(si, t[i].term) / xn;
		uint32_t at = ngi_story_centroid_at(s, t[i].term);
		if (at != UINT32_MAX) {
			s->weights[at] = s->weights[at] > tw ? s->weights[at] - (float)tw : 0;
			s->unit[at] = s->unit[at] > u ? s->unit[at] - (float)u : 0;
		}
	}
	s->size--;
	if (!short_item && s->n_full)
		s->n_full--;
	s->norm_docs = 0;
	ngi_story_drop_lang(s, lang);
	for (uint32_t i = 0; i < s->n_members; i++)
		if (s->members[i] == seq) {
			memmove(s->members + i, s->members + i + 1,
				(s->n_members - i - 1) * sizeof *s->members);
			s->n_members--;
			break;
		}
	ngi_story_state *o = &si->stories[to - 1];
	ng_status st = ngi_story_add_article(si, o, to, t, n);
	if (st)
		return st;
	o->size++;
	if (!short_item)
		o->n_full++;
	o->last_arrival = si->n_docs;
	ngi_story_add_lang(o, lang, 1);
	ngi_story_widen_days(o, day, day);
	if (o->n_terms > NGI_CENTROID_MAX && (st = ngi_story_prune(si, o)))
		return st;
	return ngi_story_index_add_member(si, to, seq);
}
