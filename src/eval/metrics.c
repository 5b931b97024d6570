/*
 * metrics.c: B-cubed, adjusted Rand index and pairwise scores for the
 * evaluation suites (see metrics.h).
 *
 * Everything comes from the contingency table: the count n_gp of items with
 * gold label g and predicted label p, plus the cluster sizes a_g and b_p.
 * B-cubed precision sums n_gp * n_gp / b_p over the non-empty cells (each of
 * the n_gp items in a cell scores n_gp / b_p), recall the same with a_g; the
 * Rand-style pair counts are sums of C(x, 2). The three tables are
 * open-addressing hash maps sized from n, so the work is O(n) and never
 * depends on how many clusters there are.
 */
#include "metrics.h"

#include <stdint.h>
#include <stdlib.h>

/* One slot: a key of one or two labels and how many items carry it. */
typedef struct count_slot {
	uint64_t k1, k2;
	long long count;
	int used;
} count_slot;

typedef struct count_map {
	count_slot *slots;
	size_t mask;
	size_t used;
} count_map;

static uint64_t mix64(uint64_t x)
{
	/* splitmix64 finaliser: labels are often small consecutive numbers,
	 * which must still spread over the whole table. */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static ng_status count_map_init(count_map *m, size_t n)
{
	size_t cap = 16;
	/* At most n keys; keep the load factor at or under one half. */
	while (cap < n * 2) {
		if (cap > SIZE_MAX / 4 / sizeof(count_slot))
			return NG_ERR_NOMEM;
		cap *= 2;
	}
	m->slots = calloc(cap, sizeof(count_slot));
	if (!m->slots)
		return NG_ERR_NOMEM;
	m->mask = cap - 1;
	m->used = 0;
	return NG_OK;
}

static void count_map_free(count_map *m)
{
	free(m->slots);
	m->slots = NULL;
}

static count_slot *count_map_find(count_map *m, uint64_t k1, uint64_t k2,
				  int insert)
{
	size_t i = (size_t)mix64(k1 ^ mix64(k2 + 0x9e3779b97f4a7c15ULL)) & m->mask;
	for (;;) {
		count_slot *s = &m->slots[i];
		if (!s->used) {
			if (!insert)
				return NULL;
			s->used = 1;
			s->k1 = k1;
			s->k2 = k2;
			s->count = 0;
			m->used++;
			return s;
		}
		if (s->k1 == k1 && s->k2 == k2)
			return s;
		i = (i + 1) & m->mask;
	}
}

long long ngx_pairs(long long k)
{
	return k < 2 ? 0 : k * (k - 1) / 2;
}

double ngx_f1(double p, double r)
{
	return p + r > 0 ? 2.0 * p * r / (p + r) : 0.0;
}

void ngx_pairwise_pr(long long both_pairs, long long pred_pairs,
		     long long gold_pairs, double *precision, double *recall)
{
	if (precision)
		*precision = pred_pairs > 0 ? (double)both_pairs / (double)pred_pairs
					    : 1.0;
	if (recall)
		*recall = gold_pairs > 0 ? (double)both_pairs / (double)gold_pairs
					 : 1.0;
}

/* Hubert-Arabie ARI from pair counts. The denominator is zero only when both
 * partitions are all singletons or both are one cluster, i.e. identical;
 * n < 2 is trivially identical too. */
static double adjusted_rand(long long both, long long gold_pairs,
			    long long pred_pairs, long long n)
{
	long long total = ngx_pairs(n);
	if (total == 0)
		return 1.0;
	double expected = (double)gold_pairs * (double)pred_pairs / (double)total;
	double max_index = 0.5 * ((double)gold_pairs + (double)pred_pairs);
	double denom = max_index - expected;
	if (denom == 0.0)
		return 1.0;
	return ((double)both - expected) / denom;
}

ng_status ngx_cluster_score(const long long *gold, const long long *pred,
			    size_t n, ngx_cluster_scores *out)
{
	count_map gm = {0}, pm = {0}, cm = {0};
	ng_status st;
	if ((st = count_map_init(&gm, n)) || (st = count_map_init(&pm, n)) ||
	    (st = count_map_init(&cm, n))) {
		count_map_free(&gm);
		count_map_free(&pm);
		count_map_free(&cm);
		return st;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t g = (uint64_t)gold[i], p = (uint64_t)pred[i];
		count_map_find(&gm, g, 0, 1)->count++;
		count_map_find(&pm, p, 0, 1)->count++;
		count_map_find(&cm, g, p, 1)->count++;
	}

	ngx_cluster_scores s = {0};
	s.n = (long long)n;
	s.gold_clusters = (long long)gm.used;
	s.pred_clusters = (long long)pm.used;
	double bp = 0, br = 0;
	for (size_t i = 0; i <= cm.mask; i++) {
		const count_slot *c = &cm.slots[i];
		if (!c->used)
			continue;
		long long a = count_map_find(&gm, c->k1, 0, 0)->count;
		long long b = count_map_find(&pm, c->k2, 0, 0)->count;
		double x = (double)c->count;
		bp += x * x / (double)b;
		br += x * x / (double)a;
		s.both_pairs += ngx_pairs(c->count);
	}
	for (size_t i = 0; i <= gm.mask; i++)
		if (gm.slots[i].used)
			s.gold_pairs += ngx_pairs(gm.slots[i].count);
	for (size_t i = 0; i <= pm.mask; i++)
		if (pm.slots[i].used)
			s.pred_pairs += ngx_pairs(pm.slots[i].count);
	count_map_free(&gm);
	count_map_free(&pm);
	count_map_free(&cm);

	s.bcubed_precision = n ? bp / (double)n : 1.0;
	s.bcubed_recall = n ? br / (double)n : 1.0;
	s.bcubed_f1 = ngx_f1(s.bcubed_precision, s.bcubed_recall);
	s.ari = adjusted_rand(s.both_pairs, s.gold_pairs, s.pred_pairs, s.n);
	ngx_pairwise_pr(s.both_pairs, s.pred_pairs, s.gold_pairs,
			&s.pair_precision, &s.pair_recall);
	s.pair_f1 = ngx_f1(s.pair_precision, s.pair_recall);
	*out = s;
	return NG_OK;
}
