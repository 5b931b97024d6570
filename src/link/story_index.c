/*
 * story_index.c: online story clustering by TF-IDF cosine to centroids.
 *
 * A story's centroid is the sum, over its articles, of each term's
 * sublinear frequency 1 + ln(tf). An article is compared with a centroid
 * under the current inverse document frequencies, so early decisions use the
 * statistics seen so far and nothing from the future (the clustering is
 * online).
 *
 * Each side of the cosine weighs a term by idf squared,
 * (ln((N+1)/(df+1)) + 1)^2: stories that share a broad topic (one attack,
 * one company, one leader's health) differ in their rare words (a name, a
 * place, an injury), and plain idf lets the common vocabulary of the topic
 * outvote them. The square moves the best threshold down (0.20 instead of
 * 0.25-0.30), as cosines of squared weights are lower.
 *
 * Stories also merge (story_merge.c) and their members move or split off
 * (story_move.c, story_split.c); this file holds what they share: the
 * statistics, centroids, postings and the candidate search. A story is
 * checked for merges again only when it has grown by a tenth: fewer, later
 * merges are made on better evidence, and the check is costly. The figures
 * behind these choices are in docs/QUALITY.md ("Figures moved out of the
 * code").
 *
 * Candidates come from postings of the article's highest-weighted terms
 * (newest stories first, capped), ranked by a cheap overlap proxy; only the
 * best few get a full cosine. Centroid norms are cached and refreshed when
 * the story changes or the collection has grown by a tenth since. Large
 * centroids are pruned to their heaviest terms.
 */
#include "story_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NGI_POSTINGS_SCAN 400     /* newest stories scanned per posting list */
#define NGI_FULL_SCORES 40        /* candidates scored by full cosine */
#define NGI_CENTROID_KEEP 2000

void ngi_story_index_init(ngi_story_index *si)
{
	memset(si, 0, sizeof *si);
	ngi_map_init(&si->df);
	ngi_map_init(&si->postings);
}

void ngi_story_index_free(ngi_story_index *si)
{
	for (uint32_t i = 0; i < si->n; i++) {
		free(si->stories[i].terms);
		free(si->stories[i].weights);
		free(si->stories[i].unit);
		free(si->stories[i].members);
	}
	free(si->stories);
	for (size_t i = 0; i < si->n_lists; i++)
		free(si->lists[i].stories);
	free(si->lists);
	ngi_map_free(&si->df);
	ngi_map_free(&si->postings);
	memset(si, 0, sizeof *si);
}

/* The weight of a term on one side of the cosine: idf squared (see above). */
static double idf(const ngi_story_index *si, uint32_t term)
{
	const uint64_t *df = ngi_map_get(&si->df, term);
	double x = log((double)(si->n_docs + 1) / (double)((df ? *df : 0) + 1)) + 1.0;
	return x * x;
}

static double tf_weight(uint32_t count)
{
	return 1.0 + log((double)count);
}

ng_status ngi_story_index_count(ngi_story_index *si, const ngi_link_article *a)
{
	for (uint32_t i = 0; i < a->n_terms; i++) {
		uint64_t *df = ngi_map_upsert(&si->df, a->terms[i].term, 0);
		if (!df)
			return NG_ERR_NOMEM;
		(*df)++;
	}
	si->n_docs++;
	return NG_OK;
}

double ngi_story_norm(ngi_story_index *si, ngi_story_state *s)
{
	if (s->norm_docs && si->n_docs * 10 <= s->norm_docs * 11)
		return s->norm;
	double sum = 0;
	for (uint32_t i = 0; i < s->n_terms; i++) {
		double w = s->weights[i] * idf(si, s->terms[i]);
		sum += w * w;
	}
	s->norm = sqrt(sum);
	s->norm_docs = si->n_docs;
	return s->norm;
}

/* Index of term in a story's centroid (binary search), or UINT32_MAX. */
uint32_t ngi_story_centroid_at(const ngi_story_state *s, uint32_t term)
{
	uint32_t lo = 0, hi = s->n_terms;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (s->terms[mid] < term)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n_terms && s->terms[lo] == term ? lo : UINT32_MAX;
}

/* The same for terms looked up in ascending order (an article's terms are
 * sorted): *from is where the last lookup ended, and the search gallops
 * from there (a term smaller than the last one searches the whole
 * centroid again, so the answer is always centroid_at's). */
uint32_t ngi_story_centroid_next(const ngi_story_state *s, uint32_t term,
				 uint32_t *from)
{
	uint32_t lo = *from, hi = lo, step = 1;
	if (lo > s->n_terms || (lo > 0 && s->terms[lo - 1] >= term))
		lo = hi = 0;
	while (hi < s->n_terms && s->terms[hi] < term) {
		lo = hi + 1;
		hi = lo + step;
		step *= 2;
	}
	if (hi > s->n_terms)
		hi = s->n_terms;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (s->terms[mid] < term)
			lo = mid + 1;
		else
			hi = mid;
	}
	*from = lo;
	return lo < s->n_terms && s->terms[lo] == term ? lo : UINT32_MAX;
}

/* Does the story hold an article in lang? A story with NGI_STORY_LANGS
 * languages already counts as holding every one. */
static int story_has_lang(const ngi_story_state *s, uint16_t lang)
{
	for (int i = 0; i < NGI_STORY_LANGS; i++) {
		if (s->langs[i] == lang)
			return 1;
		if (s->langs[i] == 0)
			return i == 0; /* a story with no language known yet */
	}
	return 1;
}

/* Do two stories hold an article in one language? A story with no
 * language known counts as sharing (its articles were not identified), as
 * story_has_lang counts it. */
int ngi_story_share_lang(const ngi_story_state *x, const ngi_story_state *y)
{
	for (int i = 0; i < NGI_STORY_LANGS && x->langs[i]; i++)
		if (story_has_lang(y, x->langs[i]))
			return 1;
	return x->langs[0] == 0;
}

void ngi_story_add_lang(ngi_story_state *s, uint16_t lang, uint32_t n)
{
	for (int i = 0; lang && i < NGI_STORY_LANGS; i++) {
		if (s->langs[i] == 0)
			s->langs[i] = lang;
		else if (s->langs[i] != lang)
			continue;
		uint32_t sum = (uint32_t)s->lang_n[i] + n;
		s->lang_n[i] = (uint16_t)(sum < UINT16_MAX ? sum : UINT16_MAX);
		return;
	}
}

void ngi_story_drop_lang(ngi_story_state *s, uint16_t lang)
{
	for (int i = 0; lang && i < NGI_STORY_LANGS && s->langs[i]; i++) {
		if (s->langs[i] != lang)
			continue;
		/* a saturated count no longer knows when the last one leaves */
		if (s->lang_n[i] == UINT16_MAX || --s->lang_n[i] > 0)
			return;
		/* its last article left: the ones after move up */
		for (int k = i; k + 1 < NGI_STORY_LANGS; k++) {
			s->langs[k] = s->langs[k + 1];
			s->lang_n[k] = s->lang_n[k + 1];
		}
		s->langs[NGI_STORY_LANGS - 1] = 0;
		s->lang_n[NGI_STORY_LANGS - 1] = 0;
		return;
	}
}

int ngi_story_in_window(const ngi_story_state *s, int32_t day, int window)
{
	if (day == NGI_DAY_UNKNOWN || s->last_day == NGI_DAY_UNKNOWN)
		return 1;
	return day - s->last_day <= window && s->first_day - day <= window;
}

int ngi_story_by_weight_desc(const void *a, const void *b)
{
	const ngi_story_weighted *x = a, *y = b;
	if (x->w != y->w)
		return x->w < y->w ? 1 : -1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static int by_overlap_desc(const void *a, const void *b)
{
	const ngi_story_candidate *x = a, *y = b;
	if (x->overlap != y->overlap)
		return x->overlap < y->overlap ? 1 : -1;
	return (x->story > y->story) - (x->story < y->story);
}

/* Candidate stories for a query: the terms (heaviest first, with their
 * weights) are looked up in the postings; only terms that have postings
 * count towards NGI_QUERY_TERMS (the heaviest terms are often new words,
 * in no story yet), and each posting list gives its newest
 * NGI_POSTINGS_SCAN stories. A candidate's overlap is the summed weight of
 * the query terms it holds; candidates come back best overlap first. */
ng_status ngi_story_gather(ngi_story_index *si, const uint32_t *terms,
			   const double *weights, size_t n, ngi_story_filter keep,
			   const void *ctx, ngi_story_candidate **out,
			   size_t *n_out)
{
	ngi_story_candidate *cands = NULL;
	size_t n_cands = 0, cap_cands = 0;
	ng_status st = NG_OK;
	si->stamp++;
	uint32_t used = 0;
	for (size_t k = 0; k < n && used < NGI_QUERY_TERMS && !st; k++) {
		const uint64_t *li = ngi_map_get(&si->postings, terms[k]);
		if (!li)
			continue;
		used++;
		const ngi_posting_list *pl = &si->lists[*li];
		uint32_t stop = pl->n > NGI_POSTINGS_SCAN ? pl->n - NGI_POSTINGS_SCAN : 0;
		for (uint32_t j = pl->n; j-- > stop;) {
			uint32_t id = pl->stories[j];
			ngi_story_state *s = &si->stories[id - 1];
			if (s->merged_into || s->retired || !keep(si, id, ctx))
				continue;
			if (s->stamp != si->stamp) {
				s->stamp = si->stamp;
				s->overlap = 0;
				if (ngi_grow((void **)&cands, &cap_cands, n_cands + 1,
					     sizeof *cands)) {
					st = NG_ERR_NOMEM;
					break;
				}
				cands[n_cands++] = (ngi_story_candidate){id, 0};
			}
			s->overlap += (float)weights[k];
		}
	}
	for (size_t i = 0; i < n_cands; i++)
		cands[i].overlap = si->stories[cands[i].story - 1].overlap;
	if (n_cands > 1)
		qsort(cands, n_cands, sizeof *cands, by_overlap_desc);
	*out = cands;
	*n_out = n_cands;
	return st;
}

typedef struct article_query {
	int32_t day;
	int window;
} article_query;

static int article_may_join(const ngi_story_index *si, uint32_t id, const void *ctx)
{
	const article_query *q = ctx;
	return ngi_story_in_window(&si->stories[id - 1], q->day, q->window);
}

ng_status ngi_story_index_best(ngi_story_index *si, const ngi_link_article *a,
			       int window_days, uint32_t *story, double *score)
{
	*story = 0;
	*score = 0;
	if (a->n_terms == 0 || si->n == 0)
		return NG_OK;
	ngi_story_weighted *w = malloc(a->n_terms * sizeof *w);
	ngi_story_candidate *cands = NULL;
	size_t n_cands = 0;
	ng_status st = NG_OK;
	if (!w)
		return NG_ERR_NOMEM;
	double norm = 0;
	for (uint32_t i = 0; i < a->n_terms; i++) {
		w[i].idx = i;
		w[i].w = tf_weight(a->terms[i].count) * idf(si, a->terms[i].term);
		norm += w[i].w * w[i].w;
	}
	norm = sqrt(norm);
	/* keep per-term weights and idfs in term order for the full cosine */
	double *wt = malloc(a->n_terms * sizeof *wt);
	double *it = malloc(a->n_terms * sizeof *it);
	uint32_t *qt = malloc(a->n_terms * sizeof *qt);
	double *qw = malloc(a->n_terms * sizeof *qw);
	if (!wt || !it || !qt || !qw) {
		free(w);
		free(wt);
		free(it);
		free(qt);
		free(qw);
		return NG_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < a->n_terms; i++) {
		wt[i] = w[i].w;
		it[i] = idf(si, a->terms[i].term);
	}
	qsort(w, a->n_terms, sizeof *w, ngi_story_by_weight_desc);
	for (uint32_t k = 0; k < a->n_terms; k++) {
		qt[k] = a->terms[w[k].idx].term;
		qw[k] = w[k].w;
	}
	article_query aq = {a->day, window_days};
	st = ngi_story_gather(si, qt, qw, a->n_terms, article_may_join, &aq,
			      &cands, &n_cands);
	free(qt);
	free(qw);
	size_t full = n_cands < NGI_FULL_SCORES ? n_cands : NGI_FULL_SCORES;
	for (size_t i = 0; i < full && !st; i++) {
		ngi_story_state *s = &si->stories[cands[i].story - 1];
		double dot = 0;
		uint32_t from = 0;
		for (uint32_t t = 0; t < a->n_terms; t++) {
			uint32_t at = ngi_story_centroid_next(s, a->terms[t].term, &from);
			if (at == UINT32_MAX)
				continue;
			dot += wt[t] * s->weights[at] * it[t];
		}
		double sn = ngi_story_norm(si, s);
		double cos = sn > 0 && norm > 0 ? dot / (sn * norm) : 0;
		if (a->lang && !story_has_lang(s, a->lang))
			cos *= a->short_item ? NGI_XLING_SCALE_SHORT : NGI_XLING_SCALE;
		if (cos > *score || (cos == *score && cands[i].story < *story)) {
			*score = cos;
			*story = cands[i].story;
		}
	}
	free(cands);
	free(wt);
	free(it);
	free(w);
	return st;
}

/* Appends v to a growing array with 32-bit counts (posting lists, member
 * lists: small per-story state), doubling from 4. */
ng_status ngi_story_append_u32(uint32_t **a, uint32_t *n, uint32_t *cap,
			       uint32_t v)
{
	if (*n == *cap) {
		uint32_t c = *cap ? *cap * 2 : 4;
		uint32_t *p = realloc(*a, c * sizeof *p);
		if (!p)
			return NG_ERR_NOMEM;
		*a = p;
		*cap = c;
	}
	(*a)[(*n)++] = v;
	return NG_OK;
}

static ng_status posting_add(ngi_story_index *si, uint32_t term, uint32_t story)
{
	uint64_t *li = ngi_map_get(&si->postings, term);
	if (!li) {
		if (ngi_grow((void **)&si->lists, &si->cap_lists, si->n_lists + 1,
			     sizeof *si->lists))
			return NG_ERR_NOMEM;
		if (ngi_map_put(&si->postings, term, si->n_lists))
			return NG_ERR_NOMEM;
		si->lists[si->n_lists++] = (ngi_posting_list){NULL, 0, 0};
		li = ngi_map_get(&si->postings, term);
	}
	ngi_posting_list *pl = &si->lists[*li];
	return ngi_story_append_u32(&pl->stories, &pl->n, &pl->cap, story);
}

typedef struct term_w { uint32_t term; float w, u; double key; } term_w;

static int by_key_desc(const void *a, const void *b)
{
	const term_w *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return (x->term > y->term) - (x->term < y->term);
}

static int by_term(const void *a, const void *b)
{
	const term_w *x = a, *y = b;
	return (x->term > y->term) - (x->term < y->term);
}

/* Keeps the NGI_CENTROID_KEEP heaviest terms (idf-weighted). */
ng_status ngi_story_prune(ngi_story_index *si, ngi_story_state *s)
{
	term_w *tw = malloc(s->n_terms * sizeof *tw);
	if (!tw)
		return NG_ERR_NOMEM;
	for (uint32_t i = 0; i < s->n_terms; i++)
		tw[i] = (term_w){s->terms[i], s->weights[i], s->unit[i],
				 s->weights[i] * idf(si, s->terms[i])};
	qsort(tw, s->n_terms, sizeof *tw, by_key_desc);
	qsort(tw, NGI_CENTROID_KEEP, sizeof *tw, by_term);
	for (uint32_t i = 0; i < NGI_CENTROID_KEEP; i++) {
		s->terms[i] = tw[i].term;
		s->weights[i] = tw[i].w;
		s->unit[i] = tw[i].u;
	}
	s->n_terms = NGI_CENTROID_KEEP;
	free(tw);
	return NG_OK;
}

ng_status ngi_story_index_reserve(ngi_story_index *si, uint32_t n)
{
	while (si->n < n) {
		if (si->n == si->cap) {
			uint32_t cap = si->cap ? si->cap * 2 : 256;
			ngi_story_state *s = realloc(si->stories, cap * sizeof *s);
			if (!s)
				return NG_ERR_NOMEM;
			si->stories = s;
			si->cap = cap;
		}
		si->stories[si->n++] = (ngi_story_state){
			.first_day = NGI_DAY_UNKNOWN, .last_day = NGI_DAY_UNKNOWN};
	}
	return NG_OK;
}

uint32_t ngi_story_index_live(const ngi_story_index *si, uint32_t story)
{
	while (story && story <= si->n && si->stories[story - 1].merged_into)
		story = si->stories[story - 1].merged_into;
	return story;
}

/* Grows a centroid's three parallel arrays to hold total terms. */
static ng_status centroid_reserve(ngi_story_state *s, uint32_t total)
{
	if (total <= s->cap_terms)
		return NG_OK;
	uint32_t cap = s->cap_terms ? s->cap_terms : 64;
	while (cap < total)
		cap *= 2;
	uint32_t *t = realloc(s->terms, cap * sizeof *t);
	if (!t)
		return NG_ERR_NOMEM;
	s->terms = t;
	float *wv = realloc(s->weights, cap * sizeof *wv);
	if (!wv)
		return NG_ERR_NOMEM;
	s->weights = wv;
	float *u = realloc(s->unit, cap * sizeof *u);
	if (!u)
		return NG_ERR_NOMEM;
	s->unit = u;
	s->cap_terms = cap;
	return NG_OK;
}

/* Adds n sorted terms with their weights and unit weights to the sorted
 * centroid of story (id) s: shared terms sum, new ones are inserted and
 * posted. The merge runs from the back so it works in place. */
ng_status ngi_story_centroid_add(ngi_story_index *si, ngi_story_state *s,
				 uint32_t id, const uint32_t *terms,
				 const float *weights, const float *unit,
				 uint32_t n)
{
	uint32_t n_new = 0;
	for (uint32_t i = 0, j = 0; i < n; i++) {
		while (j < s->n_terms && s->terms[j] < terms[i])
			j++;
		if (j == s->n_terms || s->terms[j] != terms[i])
			n_new++;
	}
	uint32_t total = s->n_terms + n_new;
	if (centroid_reserve(s, total))
		return NG_ERR_NOMEM;
	int64_t i = (int64_t)n - 1, j = (int64_t)s->n_terms - 1;
	int64_t out = (int64_t)total - 1;
	ng_status st = NG_OK;
	while (i >= 0) {
		uint32_t t = terms[i];
		if (j >= 0 && s->terms[j] > t) {
			s->terms[out] = s->terms[j];
			s->unit[out] = s->unit[j];
			s->weights[out--] = s->weights[j--];
		} else if (j >= 0 && s->terms[j] == t) {
			s->terms[out] = t;
			s->unit[out] = s->unit[j] + unit[i];
			s->weights[out--] = s->weights[j--] + weights[i];
			i--;
		} else {
			s->terms[out] = t;
			s->unit[out] = unit[i];
			s->weights[out--] = weights[i];
			if (!st)
				st = posting_add(si, t, id);
			i--;
		}
	}
	s->n_terms = total;
	s->norm_docs = 0;
	return st;
}

void ngi_story_widen_days(ngi_story_state *s, int32_t first, int32_t last)
{
	if (first != NGI_DAY_UNKNOWN &&
	    (s->first_day == NGI_DAY_UNKNOWN || first < s->first_day))
		s->first_day = first;
	if (last != NGI_DAY_UNKNOWN &&
	    (s->last_day == NGI_DAY_UNKNOWN || last > s->last_day))
		s->last_day = last;
}

/* The norm of an article's tf-idf^2 vector under today's idf (1 when it
 * has no weight), for its unit vector. */
double ngi_story_article_norm(const ngi_story_index *si, const ngi_term *t,
			      uint32_t n)
{
	double sum = 0;
	for (uint32_t i = 0; i < n; i++) {
		double w = tf_weight(t[i].count) * idf(si, t[i].term);
		sum += w * w;
	}
	return sum > 0 ? sqrt(sum) : 1;
}

/* Adds an article's terms to story (id) s: its term frequencies to the
 * weights, its unit vector under today's idf (for average links) to the
 * unit sums. */
ng_status ngi_story_add_article(ngi_story_index *si, ngi_story_state *s,
				uint32_t id, const ngi_term *t, uint32_t n)
{
	uint32_t *terms = malloc((n ? n : 1) * sizeof *terms);
	float *weights = malloc((n ? n : 1) * sizeof *weights);
	float *unit = malloc((n ? n : 1) * sizeof *unit);
	ng_status st = terms && weights && unit ? NG_OK : NG_ERR_NOMEM;
	double dnorm = st ? 1 : ngi_story_article_norm(si, t, n);
	for (uint32_t i = 0; i < n && !st; i++) {
		terms[i] = t[i].term;
		weights[i] = (float)tf_weight(t[i].count);
		unit[i] = (float)(tf_weight(t[i].count) * idf(si, terms[i]) / dnorm);
	}
	if (!st)
		st = ngi_story_centroid_add(si, s, id, terms, weights, unit, n);
	free(terms);
	free(weights);
	free(unit);
	return st;
}

ng_status ngi_story_index_join(ngi_story_index *si, const ngi_link_article *a,
			       uint32_t story)
{
	if (story == si->n + 1) {
		if (ngi_story_index_reserve(si, story))
			return NG_ERR_NOMEM;
	} else if (story == 0 || story > si->n || si->stories[story - 1].merged_into) {
		return NG_ERR_INTERNAL;
	}
	ngi_story_state *s = &si->stories[story - 1];
	ng_status st = ngi_story_add_article(si, s, story, a->terms, a->n_terms);
	if (st)
		return st;
	s->size++;
	if (!a->short_item)
		s->n_full++;
	s->retired = 0;
	s->last_arrival = si->n_docs;
	ngi_story_add_lang(s, a->lang, 1);
	ngi_story_widen_days(s, a->day, a->day);
	if (s->n_terms > NGI_CENTROID_MAX)
		return ngi_story_prune(si, s);
	return NG_OK;
}

/* ---- retiring ----------------------------------------------------------------*/
static int story_open(const ngi_story_index *si, uint32_t id)
{
	const ngi_story_state *s = &si->stories[id - 1];
	return !s->merged_into && !s->retired;
}

/* Drops retired and merged stories from every posting list, giving back
 * the room of lists that shrank to a quarter of their capacity. */
static void compact_postings(ngi_story_index *si)
{
	for (size_t i = 0; i < si->n_lists; i++) {
		ngi_posting_list *pl = &si->lists[i];
		uint32_t m = 0;
		for (uint32_t j = 0; j < pl->n; j++)
			if (story_open(si, pl->stories[j]) &&
			    (m == 0 || pl->stories[m - 1] != pl->stories[j]))
				pl->stories[m++] = pl->stories[j];
		pl->n = m;
		if (m == 0) {
			free(pl->stories);
			pl->stories = NULL;
			pl->cap = 0;
		} else if (m < pl->cap / 4) {
			uint32_t *t = realloc(pl->stories, m * 2 * sizeof *t);
			if (t) {
				pl->stories = t;
				pl->cap = m * 2;
			}
		}
	}
}

ng_status ngi_story_index_retire(ngi_story_index *si, int32_t today,
				 int window_days)
{
	if (si->n_docs < si->next_sweep)
		return NG_OK;
	si->next_sweep = si->n_docs + NGI_STORY_SWEEP;
	int64_t oldest = today != NGI_DAY_UNKNOWN && window_days > 0
				 ? (int64_t)today - (int64_t)NGI_STORY_KEEP_WINDOWS * window_days
				 : INT64_MIN;
	uint32_t retired = 0;
	for (uint32_t i = 0; i < si->n; i++) {
		ngi_story_state *s = &si->stories[i];
		if (s->merged_into || s->retired || s->size == 0)
			continue;
		int old = s->last_day != NGI_DAY_UNKNOWN && (int64_t)s->last_day < oldest;
		int idle = si->n_docs - s->last_arrival > NGI_STORY_MAX_IDLE;
		if (!old && !idle)
			continue;
		free(s->terms);
		free(s->weights);
		free(s->unit);
		free(s->members);
		s->terms = NULL;
		s->weights = s->unit = NULL;
		s->members = NULL;
		s->n_members = s->cap_members = 0;
		s->n_terms = s->cap_terms = 0;
		s->norm_docs = 0;
		s->retired = 1;
		retired++;
	}
	if (retired) {
		si->n_retired += retired;
		compact_postings(si);
	}
	return NG_OK;
}

size_t ngi_story_index_memory(const ngi_story_index *si)
{
	size_t bytes = si->cap * sizeof(ngi_story_state) +
		       (si->df.cap + si->postings.cap) * 17 +
		       si->cap_lists * sizeof(ngi_posting_list);
	for (uint32_t i = 0; i < si->n; i++)
		bytes += si->stories[i].cap_terms * 12 +
			 si->stories[i].cap_members * 4;
	for (size_t i = 0; i < si->n_lists; i++)
		bytes += si->lists[i].cap * 4;
	return bytes;
}

double ngi_story_index_idf2(const ngi_story_index *si, uint32_t term)
{
	return idf(si, term);
}

double ngi_story_index_tf(uint32_t count)
{
	return tf_weight(count);
}

