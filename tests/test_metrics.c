/*
 * test_metrics.c: the clustering scores of src/eval/metrics.c on small
 * partitions worked out by hand (perfect, all-in-one, all-singletons, a
 * split, an anti-correlated case, extreme labels), then on random partitions
 * against a direct O(n^2) count of the pairs.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "eval/metrics.h"

#define MAXN 8

typedef struct metric_case {
	const char *name;
	size_t n;
	long long gold[MAXN];
	long long pred[MAXN];
	double bp, br, ari;
	long long both, pred_pairs, gold_pairs;
	long long gold_clusters, pred_clusters;
} metric_case;

static const metric_case cases[] = {
	{"perfect, other labels", 5, {1, 1, 2, 2, 3}, {7, 7, 8, 8, 9},
	 1.0, 1.0, 1.0, 2, 2, 2, 3, 3},
	/* precision: four items at 2/5, one at 1/5 -> 1.8/5. ARI: expected
	 * index 2*10/10 = 2 equals the index. */
	{"all in one", 5, {1, 1, 2, 2, 3}, {0, 0, 0, 0, 0},
	 0.36, 1.0, 0.0, 2, 10, 2, 3, 1},
	/* recall: four items at 1/2, one at 1 -> 3/5. */
	{"all singletons", 5, {1, 1, 2, 2, 3}, {1, 2, 3, 4, 5},
	 1.0, 0.6, 0.0, 0, 0, 2, 3, 5},
	/* cells 2,1,1,2; pred sizes 2, gold sizes 3: precision (2+.5+.5+2)/6,
	 * recall (4/3+1/3+1/3+4/3)/6; ARI (2 - 18/15) / (4.5 - 18/15). */
	{"split", 6, {0, 0, 0, 1, 1, 1}, {0, 0, 1, 1, 2, 2},
	 5.0 / 6, 5.0 / 9, 0.8 / 3.3, 2, 3, 6, 2, 3},
	/* index 0, expected 4/6, max 2: ARI -0.5. */
	{"crossed", 4, {0, 0, 1, 1}, {0, 1, 0, 1},
	 0.5, 0.5, -0.5, 0, 2, 2, 2, 2},
	{"extreme labels", 4, {LLONG_MIN, 5, 5, LLONG_MAX}, {1, -2, -2, 0},
	 1.0, 1.0, 1.0, 1, 1, 1, 3, 3},
	{"both one cluster", 3, {4, 4, 4}, {9, 9, 9},
	 1.0, 1.0, 1.0, 3, 3, 3, 1, 1},
	{"both singletons", 3, {1, 2, 3}, {3, 2, 1},
	 1.0, 1.0, 1.0, 0, 0, 0, 3, 3},
	{"one item", 1, {1}, {2}, 1.0, 1.0, 1.0, 0, 0, 0, 1, 1},
	{"empty", 0, {0}, {0}, 1.0, 1.0, 1.0, 0, 0, 0, 0, 0},
};

static int near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Random partitions scored against pairs counted one by one and B-cubed
 * computed item by item. */
static void check_random(size_t n, int gold_k, int pred_k)
{
	long long *gold = malloc(n * sizeof *gold);
	long long *pred = malloc(n * sizeof *pred);
	if (!gold || !pred) {
		CHECK(!"out of memory");
		free(gold);
		free(pred);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		gold[i] = (long long)(rng() % (uint64_t)gold_k) * 1000003;
		pred[i] = -(long long)(rng() % (uint64_t)pred_k);
	}
	long long both = 0, pp = 0, gp = 0;
	double bp = 0, br = 0;
	for (size_t i = 0; i < n; i++) {
		long long inter = 0, psize = 0, gsize = 0;
		for (size_t j = 0; j < n; j++) {
			int sp = pred[i] == pred[j], sg = gold[i] == gold[j];
			psize += sp;
			gsize += sg;
			inter += sp && sg;
			if (j > i) {
				both += sp && sg;
				pp += sp;
				gp += sg;
			}
		}
		bp += (double)inter / psize;
		br += (double)inter / gsize;
	}
	double total = (double)n * (n - 1) / 2;
	double expected = (double)gp * pp / total;
	double ari = (both - expected) / (0.5 * (gp + pp) - expected);

	ngi_cluster_scores s;
	CHECK(ngi_cluster_score(gold, pred, n, &s) == NG_OK);
	CHECK(s.both_pairs == both);
	CHECK(s.pred_pairs == pp);
	CHECK(s.gold_pairs == gp);
	CHECK_MSG(near(s.bcubed_precision, bp / n), "%g vs %g",
		  s.bcubed_precision, bp / n);
	CHECK_MSG(near(s.bcubed_recall, br / n), "%g vs %g", s.bcubed_recall,
		  br / n);
	CHECK_MSG(near(s.ari, ari), "%g vs %g", s.ari, ari);

	ngi_cluster_scores self;
	CHECK(ngi_cluster_score(gold, gold, n, &self) == NG_OK);
	CHECK(near(self.ari, 1.0) && near(self.bcubed_f1, 1.0));
	free(gold);
	free(pred);
}

int main(void)
{
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		const metric_case *c = &cases[i];
		ngi_cluster_scores s;
		CHECK_MSG(ngi_cluster_score(c->gold, c->pred, c->n, &s) == NG_OK,
			  "%s", c->name);
		CHECK_MSG(near(s.bcubed_precision, c->bp), "%s: precision %g",
			  c->name, s.bcubed_precision);
		CHECK_MSG(near(s.bcubed_recall, c->br), "%s: recall %g", c->name,
			  s.bcubed_recall);
		CHECK_MSG(near(s.bcubed_f1, ngi_f1(c->bp, c->br)), "%s: f1 %g",
			  c->name, s.bcubed_f1);
		CHECK_MSG(near(s.ari, c->ari), "%s: ari %g want %g", c->name,
			  s.ari, c->ari);
		CHECK_MSG(s.both_pairs == c->both && s.pred_pairs == c->pred_pairs &&
				  s.gold_pairs == c->gold_pairs,
			  "%s: pairs %lld %lld %lld", c->name, s.both_pairs,
			  s.pred_pairs, s.gold_pairs);
		CHECK_MSG(s.gold_clusters == c->gold_clusters &&
				  s.pred_clusters == c->pred_clusters,
			  "%s: clusters %lld %lld", c->name, s.gold_clusters,
			  s.pred_clusters);
		CHECK(s.n == (long long)c->n);
	}

	/* Pairwise helpers: the "split" case, and empty denominators. */
	double p, r;
	ngi_pairwise_pr(2, 3, 6, &p, &r);
	CHECK(near(p, 2.0 / 3) && near(r, 1.0 / 3));
	ngi_pairwise_pr(0, 0, 0, &p, &r);
	CHECK(p == 1.0 && r == 1.0);
	ngi_pairwise_pr(0, 4, 0, &p, NULL);
	CHECK(p == 0.0);
	CHECK(near(ngi_f1(2.0 / 3, 1.0 / 3), 4.0 / 9));
	CHECK(ngi_f1(0, 0) == 0.0);
	CHECK(ngi_pairs(0) == 0 && ngi_pairs(1) == 0 && ngi_pairs(4) == 6);
	CHECK(ngi_pairs(3000000000LL) == 4499999998500000000LL);

	check_random(200, 7, 11);
	check_random(300, 40, 3);
	check_random(257, 257, 1);
	check_random(150, 1, 150);
	return check_report("metrics");
}
