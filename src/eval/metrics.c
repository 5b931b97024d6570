/*
 * metrics.c: B-cubed, adjusted Rand index and pairwise scores for the
 * evaluation suites (see metrics.h).
 *
 * Everything comes from the contingency table: the count n_gp of items with
 * gold label g and predicted label p, plus the cluster sizes a_g and b_p.
 * B-cubed precision sums n_gp * n_gp / b_p over the non-empty cells (each of
 * the n_gp items in a cell scores n_gp / b_p), recall the same with a_g; the
 * Rand-style pair counts are sums of C(x, 2). Labels are first mapped to
 * dense indexes and the cells kept in a hash map, so the work is O(n) and
 * never depends on how many clusters there are.
 */
#include "metrics.h"

#include <stdint.h>
#include <stdlib.h>

#include "../base/map.h"

/* Dense index of a label (0, 1, 2, ... in order of first sight), counting
 * its items in sizes[]. */
static ng_status dense(ngi_map *m, uint64_t label, long long *sizes,
		       size_t *n_labels, size_t *index)
{
	uint64_t *v = ngi_map_upsert(m, label, *n_labels);
	if (!v)
		return NG_ERR_NOMEM;
	if (*v == *n_labels)
		sizes[(*n_labels)++] = 0;
	*index = (size_t)*v;
	sizes[*index]++;
	return NG_OK;
}

long long ngi_pairs(long long k)
{
	return k < 2 ? 0 : k * (k - 1) / 2;
}

double ngi_f1(double p, double r)
{
	return p + r > 0 ? 2.0 * p * r / (p + r) : 0.0;
}

void ngi_pairwise_pr(long long both_pairs, long long pred_pairs,
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
	long long total = ngi_pairs(n);
	if (total == 0)
		return 1.0;
	double expected = (double)gold_pairs * (double)pred_pairs / (double)total;
	double max_index = 0.5 * ((double)gold_pairs + (double)pred_pairs);
	double denom = max_index - expected;
	if (denom == 0.0)
		return 1.0;
	return ((double)both - expected) / denom;
}

ng_status ngi_cluster_score(const long long *gold, const long long *pred,
			    size_t n, ngi_cluster_scores *out)
{
	ngi_map gm, pm, cm;
	ngi_map_init(&gm);
	ngi_map_init(&pm);
	ngi_map_init(&cm);
	long long *gsize = malloc((n ? n : 1) * sizeof *gsize);
	long long *psize = malloc((n ? n : 1) * sizeof *psize);
	size_t ng = 0, np = 0;
	ng_status st = gsize && psize ? NG_OK : NG_ERR_NOMEM;
	/* cells of the contingency table, keyed gold index * n + pred index */
	for (size_t i = 0; i < n && !st; i++) {
		size_t gi, pi;
		if ((st = dense(&gm, (uint64_t)gold[i], gsize, &ng, &gi)) ||
		    (st = dense(&pm, (uint64_t)pred[i], psize, &np, &pi)))
			break;
		uint64_t *cell = ngi_map_upsert(&cm, (uint64_t)gi * n + pi, 0);
		if (!cell)
			st = NG_ERR_NOMEM;
		else
			(*cell)++;
	}
	ngi_cluster_scores s = {0};
	double bp = 0, br = 0;
	if (!st) {
		s.n = (long long)n;
		s.gold_clusters = (long long)ng;
		s.pred_clusters = (long long)np;
		for (size_t i = 0; i < cm.cap; i++) {
			if (!cm.used[i])
				continue;
			double x = (double)cm.vals[i];
			bp += x * x / (double)psize[cm.keys[i] % n];
			br += x * x / (double)gsize[cm.keys[i] / n];
			s.both_pairs += ngi_pairs((long long)cm.vals[i]);
		}
		for (size_t i = 0; i < ng; i++)
			s.gold_pairs += ngi_pairs(gsize[i]);
		for (size_t i = 0; i < np; i++)
			s.pred_pairs += ngi_pairs(psize[i]);
	}
	free(gsize);
	free(psize);
	ngi_map_free(&gm);
	ngi_map_free(&pm);
	ngi_map_free(&cm);
	if (st)
		return st;

	s.bcubed_precision = n ? bp / (double)n : 1.0;
	s.bcubed_recall = n ? br / (double)n : 1.0;
	s.bcubed_f1 = ngi_f1(s.bcubed_precision, s.bcubed_recall);
	s.ari = adjusted_rand(s.both_pairs, s.gold_pairs, s.pred_pairs, s.n);
	ngi_pairwise_pr(s.both_pairs, s.pred_pairs, s.gold_pairs,
			&s.pair_precision, &s.pair_recall);
	s.pair_f1 = ngi_f1(s.pair_precision, s.pair_recall);
	*out = s;
	return NG_OK;
}
