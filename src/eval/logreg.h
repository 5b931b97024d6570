/*
 * logreg.h: a small binary logistic regression, trained by full-batch
 * gradient descent with an L2 penalty.
 *
 * Meant for a dozen dense features (sentence_sim.h): each feature is
 * standardised with the training mean and spread, then the weights start at
 * zero and take a fixed number of steps, so training is deterministic: the
 * same data in the same order gives the same model, bit for bit, on the same
 * machine. The model is a plain struct the caller owns; it holds no
 * pointers.
 */
#ifndef NG_EVAL_LOGREG_H
#define NG_EVAL_LOGREG_H

#include "../base/base.h"

#define NGI_LOGREG_MAX_FEATURES 32

typedef struct ngi_logreg {
	int n_features;
	double weight[NGI_LOGREG_MAX_FEATURES]; /* on standardised features */
	double bias;
	double mean[NGI_LOGREG_MAX_FEATURES];
	double scale[NGI_LOGREG_MAX_FEATURES];  /* 1 / standard deviation */
} ngi_logreg;

typedef struct ngi_logreg_options {
	int iterations;        /* 0 = 500 */
	double learning_rate;  /* 0 = 0.5 */
	double l2;             /* penalty on the weights (not the bias) */
} ngi_logreg_options;

/* Trains on n rows of k features (x row-major, n * k values) with labels y
 * (0 or 1). opt may be NULL (defaults, l2 = 0.001). NG_ERR_USAGE when k is
 * 0 or past NGI_LOGREG_MAX_FEATURES or n is 0; *m is untouched then. */
ng_status ngi_logreg_train(ngi_logreg *m, const double *x, const int *y,
			   size_t n, int k, const ngi_logreg_options *opt);

/* P(y = 1 | x) for one row of m->n_features values. */
double ngi_logreg_prob(const ngi_logreg *m, const double *x);

#endif
