/*
 * logreg.c: logistic regression by gradient descent (logreg.h).
 *
 * Full-batch steps on the mean log-loss plus l2/2 |w|^2; rows are summed in
 * order, so the result does not depend on anything but the data.
 */
#include "logreg.h"

#include <math.h>
#include <string.h>

static double sigmoid(double z)
{
	if (z >= 0)
		return 1.0 / (1.0 + exp(-z));
	double e = exp(z);
	return e / (1.0 + e);
}

ng_status ngi_logreg_train(ngi_logreg *m, const double *x, const int *y,
			   size_t n, int k, const ngi_logreg_options *opt)
{
	if (k <= 0 || k > NGI_LOGREG_MAX_FEATURES || n == 0 || !x || !y)
		return NG_ERR_USAGE;
	int iterations = opt && opt->iterations > 0 ? opt->iterations : 500;
	double rate = opt && opt->learning_rate > 0 ? opt->learning_rate : 0.5;
	double l2 = opt ? opt->l2 : 0.001;
	ngi_logreg r;
	memset(&r, 0, sizeof r);
	r.n_features = k;
	for (int j = 0; j < k; j++) {
		double sum = 0, sq = 0;
		for (size_t i = 0; i < n; i++)
			sum += x[i * (size_t)k + (size_t)j];
		r.mean[j] = sum / (double)n;
		for (size_t i = 0; i < n; i++) {
			double dx = x[i * (size_t)k + (size_t)j] - r.mean[j];
			sq += dx * dx;
		}
		double sd = sqrt(sq / (double)n);
		/* A constant feature carries nothing: weight it out. */
		r.scale[j] = sd > 1e-12 ? 1.0 / sd : 0.0;
	}
	double grad[NGI_LOGREG_MAX_FEATURES];
	double z[NGI_LOGREG_MAX_FEATURES];
	for (int it = 0; it < iterations; it++) {
		double grad_bias = 0;
		memset(grad, 0, sizeof grad);
		for (size_t i = 0; i < n; i++) {
			double s = r.bias;
			for (int j = 0; j < k; j++) {
				z[j] = (x[i * (size_t)k + (size_t)j] - r.mean[j]) *
				       r.scale[j];
				s += r.weight[j] * z[j];
			}
			double err = sigmoid(s) - (y[i] ? 1.0 : 0.0);
			grad_bias += err;
			for (int j = 0; j < k; j++)
				grad[j] += err * z[j];
		}
		r.bias -= rate * grad_bias / (double)n;
		for (int j = 0; j < k; j++)
			r.weight[j] -= rate * (grad[j] / (double)n +
					       l2 * r.weight[j]);
	}
	*m = r;
	return NG_OK;
}

double ngi_logreg_prob(const ngi_logreg *m, const double *x)
{
	double s = m->bias;
	for (int j = 0; j < m->n_features; j++)
		s += m->weight[j] * (x[j] - m->mean[j]) * m->scale[j];
	return sigmoid(s);
}
