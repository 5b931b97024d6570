/*
 * metrics.h: clustering quality scores for the evaluation suites.
 *
 * Compares a predicted partition of n items with a gold one, each given as
 * an array of n labels (arbitrary long long values; two items are in the
 * same cluster when their labels are equal). Computes B-cubed precision,
 * recall and F1, the adjusted Rand index (Hubert and Arabie 1985) and the
 * pairwise counts behind pairwise precision and recall, in one pass over a
 * contingency table kept in a hash map: O(n) time and memory whatever the
 * number of clusters. Pair counts are 64-bit; products that could overflow
 * are taken in double.
 *
 * Ownership: the caller owns the label arrays; nothing is kept.
 */
#ifndef NG_EVAL_METRICS_H
#define NG_EVAL_METRICS_H

#include <stddef.h>

#include "../base/base.h"

typedef struct ngi_cluster_scores {
	long long n;               /* items */
	long long gold_clusters;   /* distinct gold labels */
	long long pred_clusters;   /* distinct predicted labels */
	/* B-cubed: per item, |pred ∩ gold| / |pred| (precision) and
	 * / |gold| (recall), averaged over items; F1 their harmonic mean. */
	double bcubed_precision;
	double bcubed_recall;
	double bcubed_f1;
	/* Adjusted Rand index in [-1, 1]; 1 for identical partitions. */
	double ari;
	/* Unordered pairs of distinct items: together in both partitions,
	 * together in pred, together in gold. pred_pairs - both_pairs is the
	 * number of wrong merges, gold_pairs - both_pairs the missed ones. */
	long long both_pairs;
	long long pred_pairs;
	long long gold_pairs;
	double pair_precision;     /* both / pred; 1 when pred_pairs == 0 */
	double pair_recall;        /* both / gold; 1 when gold_pairs == 0 */
	double pair_f1;
} ngi_cluster_scores;

/* Scores pred against gold (n labels each). n == 0 gives perfect scores.
 * Returns NG_ERR_NOMEM (out untouched) when the tables cannot be allocated. */
ng_status ngi_cluster_score(const long long *gold, const long long *pred,
			    size_t n, ngi_cluster_scores *out);

/* Harmonic mean of p and r; 0 when both are 0. */
double ngi_f1(double p, double r);

/* Pairwise precision and recall from pair counts (see above), with the
 * convention that an empty denominator scores 1. Either pointer may be
 * NULL. */
void ngi_pairwise_pr(long long both_pairs, long long pred_pairs,
		     long long gold_pairs, double *precision, double *recall);

/* Pairs among k items: k (k - 1) / 2. */
long long ngi_pairs(long long k);

#endif
