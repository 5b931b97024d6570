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
 * outvote them. On FNC-1 the square moved B-cubed F1 from 0.903 to 0.907
 * alone, and from 0.921 to 0.924 with the lead weighting of terms.c (a
 * small gain, mostly precision); powers of 1.5 and 2.5 did no better. It
 * moves the best threshold down (0.20 instead of 0.25-0.30), as cosines of
 * squared weights are lower.
 *
 * Stories also merge: see the comment above ngi_story_index_merge. On
 * FNC-1, merging at an average link of 0.20 moved B-cubed F1 from 0.925 to
 * 0.934 (recall 0.939 -> 0.963, precision 0.911 -> 0.907); 0.15 and 0.25
 * did worse (0.900, 0.926), and so did also merging stories right after
 * they are born (0.931) or requiring an average link to join (no gain).
 * Checking a story again only when it has grown by a tenth (for speed:
 * 18 % of ingest time went there) gave 0.938 (precision 0.919, recall
 * 0.958): fewer, later merges are made on better evidence.
 *
 * Candidates come from postings of the article's highest-weighted terms
 * (newest stories first, capped), ranked by a cheap overlap proxy; only the
 * best few get a full cosine. Centroid norms are cached and refreshed when
 * the story changes or the collection has grown by a tenth since. Large
 * centroids are pruned to their heaviest terms.
 */
#include "link_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NGI_QUERY_TERMS 24        /* article terms (with postings) to query */
#define NGI_POSTINGS_SCAN 400     /* newest stories scanned per posting list */
#define NGI_FULL_SCORES 40        /* candidates scored by full cosine */
#define NGI_MERGE_SCORES 10       /* merge candidates given a full average
				     link (40 gave the same FNC-1 stories,
				     at a fifth more ingest time) */
#define NGI_MOVE_SCORES 10        /* stories a member may move to, given a
				     full cosine (40 gave the same FNC-1
				     stories, at a fifth more ingest time) */
#define NGI_CENTROID_MAX 3000     /* centroid terms before pruning */
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

static double story_norm(ngi_story_index *si, ngi_story_state *s)
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
static uint32_t centroid_at(const ngi_story_state *s, uint32_t term)
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
static uint32_t centroid_next(const ngi_story_state *s, uint32_t term,
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

/* Does the story hold an article in lang? A story with four languages
 * already counts as holding every one. */
static int story_has_lang(const ngi_story_state *s, uint16_t lang)
{
	for (int i = 0; i < 4; i++) {
		if (s->langs[i] == lang)
			return 1;
		if (s->langs[i] == 0)
			return i == 0; /* a story with no language known yet */
	}
	return 1;
}

static void story_add_lang(ngi_story_state *s, uint16_t lang)
{
	for (int i = 0; lang && i < 4; i++) {
		if (s->langs[i] == lang)
			return;
		if (s->langs[i] == 0) {
			s->langs[i] = lang;
			return;
		}
	}
}

static int in_window(const ngi_story_state *s, int32_t day, int window)
{
	if (day == NGI_DAY_UNKNOWN || s->last_day == NGI_DAY_UNKNOWN)
		return 1;
	return day - s->last_day <= window && s->first_day - day <= window;
}

typedef struct weighted { uint32_t idx; double w; } weighted;

static int by_weight_desc(const void *a, const void *b)
{
	const weighted *x = a, *y = b;
	if (x->w != y->w)
		return x->w < y->w ? 1 : -1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

typedef struct candidate { uint32_t story; float overlap; } candidate;

static int by_overlap_desc(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->overlap != y->overlap)
		return x->overlap < y->overlap ? 1 : -1;
	return (x->story > y->story) - (x->story < y->story);
}

/* Which stories a query may consider. */
typedef int (*story_filter)(const ngi_story_index *si, uint32_t id,
			    const void *ctx);

/* Candidate stories for a query: the terms (heaviest first, with their
 * weights) are looked up in the postings; only terms that have postings
 * count towards NGI_QUERY_TERMS (the heaviest terms are often new words,
 * in no story yet), and each posting list gives its newest
 * NGI_POSTINGS_SCAN stories. A candidate's overlap is the summed weight of
 * the query terms it holds; candidates come back best overlap first. */
static ng_status gather(ngi_story_index *si, const uint32_t *terms,
			const double *weights, size_t n, story_filter keep,
			const void *ctx, candidate **out, size_t *n_out)
{
	candidate *cands = NULL;
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
				cands[n_cands++] = (candidate){id, 0};
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
	return in_window(&si->stories[id - 1], q->day, q->window);
}

ng_status ngi_story_index_best(ngi_story_index *si, const ngi_link_article *a,
			       int window_days, uint32_t *story, double *score)
{
	*story = 0;
	*score = 0;
	if (a->n_terms == 0 || si->n == 0)
		return NG_OK;
	weighted *w = malloc(a->n_terms * sizeof *w);
	candidate *cands = NULL;
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
	qsort(w, a->n_terms, sizeof *w, by_weight_desc);
	for (uint32_t k = 0; k < a->n_terms; k++) {
		qt[k] = a->terms[w[k].idx].term;
		qw[k] = w[k].w;
	}
	article_query aq = {a->day, window_days};
	st = gather(si, qt, qw, a->n_terms, article_may_join, &aq, &cands, &n_cands);
	free(qt);
	free(qw);
	size_t full = n_cands < NGI_FULL_SCORES ? n_cands : NGI_FULL_SCORES;
	for (size_t i = 0; i < full && !st; i++) {
		ngi_story_state *s = &si->stories[cands[i].story - 1];
		double dot = 0;
		uint32_t from = 0;
		for (uint32_t t = 0; t < a->n_terms; t++) {
			uint32_t at = centroid_next(s, a->terms[t].term, &from);
			if (at == UINT32_MAX)
				continue;
			dot += wt[t] * s->weights[at] * it[t];
		}
		double sn = story_norm(si, s);
		double cos = sn > 0 && norm > 0 ? dot / (sn * norm) : 0;
		if (a->lang && !story_has_lang(s, a->lang))
			cos *= NGI_XLING_SCALE;
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
static ng_status append_u32(uint32_t **a, uint32_t *n, uint32_t *cap, uint32_t v)
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
	return append_u32(&pl->stories, &pl->n, &pl->cap, story);
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
static ng_status prune(ngi_story_index *si, ngi_story_state *s)
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
static ng_status centroid_add(ngi_story_index *si, ngi_story_state *s,
			      uint32_t id, const uint32_t *terms,
			      const float *weights, const float *unit, uint32_t n)
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

static void widen_days(ngi_story_state *s, int32_t first, int32_t last)
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
static double article_norm(const ngi_story_index *si, const ngi_term *t,
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
static ng_status add_article(ngi_story_index *si, ngi_story_state *s,
			     uint32_t id, const ngi_term *t, uint32_t n)
{
	uint32_t *terms = malloc((n ? n : 1) * sizeof *terms);
	float *weights = malloc((n ? n : 1) * sizeof *weights);
	float *unit = malloc((n ? n : 1) * sizeof *unit);
	ng_status st = terms && weights && unit ? NG_OK : NG_ERR_NOMEM;
	double dnorm = st ? 1 : article_norm(si, t, n);
	for (uint32_t i = 0; i < n && !st; i++) {
		terms[i] = t[i].term;
		weights[i] = (float)tf_weight(t[i].count);
		unit[i] = (float)(tf_weight(t[i].count) * idf(si, terms[i]) / dnorm);
	}
	if (!st)
		st = centroid_add(si, s, id, terms, weights, unit, n);
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
	ng_status st = add_article(si, s, story, a->terms, a->n_terms);
	if (st)
		return st;
	s->size++;
	s->retired = 0;
	s->last_arrival = si->n_docs;
	story_add_lang(s, a->lang);
	widen_days(s, a->day, a->day);
	if (s->n_terms > NGI_CENTROID_MAX)
		return prune(si, s);
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

/* ---- merging ------------------------------------------------------------------
 * The assignment above is greedy and sees each article once: early articles
 * of one event, met before the statistics settle, start separate stories.
 * After every join the grown story is compared with the open stories that
 * share its heaviest terms by average link, the mean similarity over all
 * pairs of their articles (sum vectors of unit article vectors: dot / (|A|
 * |B|)), the criterion of group-average agglomerative clustering; the best
 * pair at or above the threshold merges. */
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
	ng_status st = centroid_add(si, x, into, y->terms, y->weights, y->unit,
				    y->n_terms);
	if (st)
		return st;
	x->size += y->size;
	for (int i = 0; i < 4; i++)
		story_add_lang(x, y->langs[i]);
	widen_days(x, y->first_day, y->last_day);
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
	return x->n_terms > NGI_CENTROID_MAX ? prune(si, x) : NG_OK;
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

static int story_may_merge(const ngi_story_index *si, uint32_t id, const void *ctx)
{
	const story_query *q = ctx;
	return id != q->story && stories_in_window(&si->stories[q->story - 1],
						   &si->stories[id - 1], q->window);
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
	weighted w[NGI_QUERY_TERMS];
	uint32_t q = 0;
	for (uint32_t i = 0; i < s->n_terms; i++) {
		weighted x = {i, s->unit[i]};
		if (q == NGI_QUERY_TERMS && by_weight_desc(&x, &w[q - 1]) >= 0)
			continue;
		uint32_t k = q < NGI_QUERY_TERMS ? q++ : q - 1;
		while (k > 0 && by_weight_desc(&x, &w[k - 1]) < 0) {
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
	candidate *cands = NULL;
	size_t n_cands = 0;
	ng_status st = gather(si, qt, qw, q, story_may_merge, &sq, &cands, &n_cands);
	uint32_t best = 0;
	double best_link = threshold;
	size_t full = n_cands < NGI_MERGE_SCORES ? n_cands : NGI_MERGE_SCORES;
	for (size_t i = 0; i < full && !st; i++) {
		const ngi_story_state *o = &si->stories[cands[i].story - 1];
		double link = unit_dot(s, o) / ((double)s->size * o->size);
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

/* ---- moves ----------------------------------------------------------------
 * An article joins the story that fits it best when it arrives; later
 * articles can show that another story fits it better (FNC-1: the first
 * articles about Kim Jong-un's ankles, his sister and a ban on his name
 * joined one another before each claim had its own story). When a story
 * has grown by half (link.c), each member is compared with the rest of
 * its own story (the centroid less the member) and with the stories its
 * terms find; it moves to one that fits it at the join threshold or better
 * and better than its own. Stories keep their member lists while open (4 bytes
 * an article); the members' terms come from the caller (the store). */
ng_status ngi_story_index_add_member(ngi_story_index *si, uint32_t story,
				     uint32_t seq)
{
	ngi_story_state *s = &si->stories[story - 1];
	return append_u32(&s->members, &s->n_members, &s->cap_members, seq);
}

typedef struct move_query {
	uint32_t story;
	int32_t day;
	int window;
} move_query;

static int may_move_to(const ngi_story_index *si, uint32_t id, const void *ctx)
{
	const move_query *q = ctx;
	return id != q->story && in_window(&si->stories[id - 1], q->day, q->window);
}

uint32_t ngi_story_index_better(ngi_story_index *si, uint32_t story,
				const ngi_term *t, uint32_t n, int32_t day,
				int window_days, double threshold)
{
	ngi_story_state *s = &si->stories[story - 1];
	if (n == 0 || s->size < 2)
		return 0;
	weighted *w = malloc(n * sizeof *w);
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
		it[i] = idf(si, t[i].term);
		double x = tf_weight(t[i].count) * it[i];
		x2 += x * x;
		uint32_t at = centroid_next(s, t[i].term, &from);
		if (at != UINT32_MAX)
			dot += x * s->weights[at] * it[i];
		w[i] = (weighted){i, x};
	}
	double sn = story_norm(si, s), rest2 = sn * sn - 2 * dot + x2;
	double own = rest2 > 1e-12 && x2 > 0 ? (dot - x2) / (sqrt(x2) * sqrt(rest2)) : 0;
	qsort(w, n, sizeof *w, by_weight_desc);
	for (uint32_t k = 0; k < n; k++) {
		qt[k] = t[w[k].idx].term;
		qw[k] = w[k].w;
	}
	move_query q = {story, day, window_days};
	candidate *c = NULL;
	size_t nc = 0;
	uint32_t best = 0;
	double best_cos = threshold > own ? threshold : own;
	if (!gather(si, qt, qw, n, may_move_to, &q, &c, &nc)) {
		size_t full = nc < NGI_MOVE_SCORES ? nc : NGI_MOVE_SCORES;
		for (size_t i = 0; i < full; i++) {
			ngi_story_state *o = &si->stories[c[i].story - 1];
			double d = 0;
			uint32_t at_from = 0;
			for (uint32_t j = 0; j < n; j++) {
				uint32_t at = centroid_next(o, t[j].term, &at_from);
				if (at != UINT32_MAX)
					d += tf_weight(t[j].count) * it[j] *
					     o->weights[at] * it[j];
			}
			double on = story_norm(si, o);
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

double ngi_story_index_idf2(const ngi_story_index *si, uint32_t term)
{
	return idf(si, term);
}

double ngi_story_index_tf(uint32_t count)
{
	return tf_weight(count);
}

ng_status ngi_story_index_move(ngi_story_index *si, uint32_t from, uint32_t to,
			       uint32_t seq, const ngi_term *t, uint32_t n,
			       int32_t day, uint16_t lang)
{
	if (to == si->n + 1 && ngi_story_index_reserve(si, to))
		return NG_ERR_NOMEM;
	ngi_story_state *s = &si->stories[from - 1];
	double xn = article_norm(si, t, n);
	/* out of the old centroid (its unit part was weighed with the idf of
	 * the day it joined: today's may differ a little, so nothing goes
	 * below zero) */
	for (uint32_t i = 0; i < n; i++) {
		double tw = tf_weight(t[i].count);
		double u = tw * idf(si, t[i].term) / xn;
		uint32_t at = centroid_at(s, t[i].term);
		if (at != UINT32_MAX) {
			s->weights[at] = s->weights[at] > tw ? s->weights[at] - (float)tw : 0;
			s->unit[at] = s->unit[at] > u ? s->unit[at] - (float)u : 0;
		}
	}
	s->size--;
	s->norm_docs = 0;
	for (uint32_t i = 0; i < s->n_members; i++)
		if (s->members[i] == seq) {
			memmove(s->members + i, s->members + i + 1,
				(s->n_members - i - 1) * sizeof *s->members);
			s->n_members--;
			break;
		}
	ngi_story_state *o = &si->stories[to - 1];
	ng_status st = add_article(si, o, to, t, n);
	if (st)
		return st;
	o->size++;
	o->last_arrival = si->n_docs;
	story_add_lang(o, lang);
	widen_days(o, day, day);
	if (o->n_terms > NGI_CENTROID_MAX && (st = prune(si, o)))
		return st;
	return ngi_story_index_add_member(si, to, seq);
}
