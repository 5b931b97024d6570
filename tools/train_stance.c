/*
 * train_stance.c: trains the stance model (src/stance/) on FNC-1 with
 * liblinear and writes data/models/stance.model; or cross-validates it.
 *
 *   train_stance [OPTIONS] BODIES.csv STANCES.csv OUT.model
 *   train_stance [OPTIONS] --cv K BODIES.csv STANCES.csv
 *
 * Every body and headline is analysed (src/text), the headline with the
 * body's language as its hint, as ingest analyses a claim; the bodies' term
 * document frequencies give the IDF table stored in the model. Stage A is an
 * L2-regularised logistic regression, related vs unrelated, on the dense
 * features; stage B is one-vs-rest logistic regression over agree,
 * disagree, discuss on the related pairs with every feature, disagree
 * weighted up. --cv K splits the bodies (sorted by Body ID, body i in fold
 * i mod K), so no body is in two folds, trains on K-1 folds and predicts the
 * held-out one, and prints the FNC score, macro-F1, the per-class table and
 * the confusion matrix of all held-out predictions. The IDF table comes from
 * every body in both modes (it uses no labels). Without --cv the tool also
 * prints the in-sample figures of the model it wrote.
 *
 * Determinism: inputs in file order, bodies sorted by id, one thread, fixed
 * seed, weights printed with %.6g in the C locale: the same data gives the
 * same bytes.
 *
 * Options: --ca C (stage A cost, default 1), --cb C (stage B cost, default
 * 0.03), --wdisagree W (default 10), --wagree W (default 1.5), --threshold
 * P (default 0.5), --groups N (hashed feature groups, NGI_STANCE_G_*,
 * default 15: all), --group-story (CV folds by story, not by body: no
 * headline of a related pair in two folds), --quiet.
 */
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eval/fnc1.h"
#include "eval/stance_score.h"
#include "stance/stance_int.h"

typedef struct opts {
	double ca, cb, wdis, wagr, threshold;
	int cv, quiet, by_story;
	unsigned groups;
} opts;

typedef struct pair {
	int gold;        /* NGI_STANCE_* */
	long body;       /* index into bodies */
	uint32_t n;      /* its features */
	uint32_t *idx;
	float *val;
} pair;

static ngi_stance_fvec fv; /* scratch */

/* A pair's prediction by m. */
static int predict_pair(const ngi_stance_model *m, const pair *p)
{
	fv.n = p->n;
	memcpy(fv.idx, p->idx, p->n * sizeof *p->idx);
	memcpy(fv.val, p->val, p->n * sizeof *p->val);
	ngi_stance_result r;
	ngi_stance_predict(m, &fv, &r);
	return r.label;
}

static void quiet_print(const char *s)
{
	(void)s;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int gold_of(ngi_fnc1_stance_kind k)
{
	switch (k) {
	case NGI_FNC1_AGREE: return NGI_STANCE_AGREE;
	case NGI_FNC1_DISAGREE: return NGI_STANCE_DISAGREE;
	case NGI_FNC1_DISCUSS: return NGI_STANCE_DISCUSS;
	default: return NGI_STANCE_UNRELATED;
	}
}

static int cmp_node(const void *pa, const void *pb)
{
	const struct feature_node *a = pa, *b = pb;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* A pair's features as liblinear nodes (1-based, sorted, merged), indices
 * below limit only; terminated by index -1. */
static struct feature_node *to_nodes(const pair *f, uint32_t limit)
{
	struct feature_node *x = malloc((f->n + 1) * sizeof *x);
	if (!x)
		return NULL;
	size_t n = 0;
	for (uint32_t i = 0; i < f->n; i++)
		if (f->idx[i] < limit) {
			x[n].index = (int)f->idx[i] + 1;
			x[n].value = f->val[i];
			n++;
		}
	qsort(x, n, sizeof *x, cmp_node);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && x[m - 1].index == x[i].index)
			x[m - 1].value += x[i].value;
		else
			x[m++] = x[i];
	}
	x[m].index = -1;
	return x;
}

typedef struct trained {
	ngi_stance_model m;
} trained;

/* Trains both stages on the pairs with in_train[i] set into m (weights
 * only; the IDF table is the caller's). */
static int train_model(const opts *o, pair *pairs, size_t n,
		       const unsigned char *in_train, ngi_stance_model *m)
{
	size_t la = 0, lb = 0;
	for (size_t i = 0; i < n; i++)
		if (in_train[i]) {
			la++;
			lb += pairs[i].gold != NGI_STANCE_UNRELATED;
		}
	struct problem pa = {0}, pb = {0};
	pa.l = (int)la;
	pa.n = NGI_STANCE_HASH_BASE;
	pa.bias = -1;
	pa.y = malloc(la * sizeof *pa.y);
	pa.x = malloc(la * sizeof *pa.x);
	pb.l = (int)lb;
	pb.n = NGI_STANCE_N_FEATURES;
	pb.bias = -1;
	pb.y = malloc((lb ? lb : 1) * sizeof *pb.y);
	pb.x = malloc((lb ? lb : 1) * sizeof *pb.x);
	if (!pa.y || !pa.x || !pb.y || !pb.x)
		return -1;
	size_t ia = 0, ib = 0;
	for (size_t i = 0; i < n; i++) {
		if (!in_train[i])
			continue;
		pa.y[ia] = pairs[i].gold != NGI_STANCE_UNRELATED;
		pa.x[ia] = to_nodes(&pairs[i], NGI_STANCE_HASH_BASE);
		if (!pa.x[ia])
			return -1;
		ia++;
		if (pairs[i].gold != NGI_STANCE_UNRELATED) {
			pb.y[ib] = pairs[i].gold;
			pb.x[ib] = to_nodes(&pairs[i], NGI_STANCE_N_FEATURES);
			if (!pb.x[ib])
				return -1;
			ib++;
		}
	}
	struct parameter par = {0};
	par.solver_type = L2R_LR;
	par.eps = 0.001;
	par.C = o->ca;
	srand(1);
	struct model *ma = train(&pa, &par);
	int wl[3] = {NGI_STANCE_AGREE, NGI_STANCE_DISAGREE, NGI_STANCE_DISCUSS};
	double wv[3] = {o->wagr, o->wdis, 1.0};
	par.C = o->cb;
	par.nr_weight = 3;
	par.weight_label = wl;
	par.weight = wv;
	srand(1);
	struct model *mb = train(&pb, &par);
	if (!ma || !mb)
		return -1;
	int la_idx = ma->label[0] == 1 ? 0 : 1;
	for (int j = 0; j < NGI_STANCE_HASH_BASE; j++)
		m->wa[j] = (float)get_decfun_coef(ma, j + 1, la_idx);
	for (int k = 0; k < mb->nr_class; k++) {
		int lab = mb->label[k];
		if (lab < 0 || lab > 2)
			continue;
		for (int j = 0; j < NGI_STANCE_N_FEATURES; j++)
			m->wb[(size_t)j * 3 + (size_t)lab] =
				(float)get_decfun_coef(mb, j + 1, k);
	}
	free_and_destroy_model(&ma);
	free_and_destroy_model(&mb);
	for (size_t i = 0; i < la; i++)
		free(pa.x[i]);
	for (size_t i = 0; i < lb; i++)
		free(pb.x[i]);
	free(pa.x);
	free(pa.y);
	free(pb.x);
	free(pb.y);
	return 0;
}

static int model_alloc(ngi_stance_model *m, const opts *o)
{
	memset(m, 0, sizeof *m);
	m->threshold = (float)o->threshold;
	m->wa = calloc(NGI_STANCE_N_FEATURES, sizeof *m->wa);
	m->wb = calloc((size_t)NGI_STANCE_N_FEATURES * 3, sizeof *m->wb);
	return m->wa && m->wb ? 0 : -1;
}

typedef struct idf_entry {
	uint64_t hash;
	float idf;
} idf_entry;

static int cmp_idf(const void *pa, const void *pb)
{
	const idf_entry *a = pa, *b = pb;
	return a->hash < b->hash ? -1 : a->hash > b->hash;
}

/* Writes the model; the weights are rounded the way the file stores them
 * back into m, so in-sample figures are those of the file. */
static int write_model(const char *path, ngi_stance_model *m,
		       const idf_entry *idf, size_t n_idf, size_t n_bodies,
		       const opts *o)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "# newsgraph stance model: written by tools/train_stance.c "
		   "(make stance-model) from FNC-1 train\n");
	fprintf(f, "# (%zu bodies); options ca=%g cb=%g wdisagree=%g "
		   "wagree=%g groups=%u. Do not edit.\n",
		n_bodies, o->ca, o->cb, o->wdis, o->wagr, o->groups);
	fprintf(f, "stance-model 1 %d %d %d\n", NGI_STANCE_N_DENSE,
		NGI_STANCE_BINS, NGI_STANCE_HASH_BITS);
	fprintf(f, "idf_default %.4f\nthreshold %g\ngroups %u\n",
		m->idf.idf_default, m->threshold, o->groups);
	for (size_t i = 0; i < n_idf; i++)
		fprintf(f, "idf %016llx %.3f\n", (unsigned long long)idf[i].hash,
			idf[i].idf);
	char buf[64];
	for (int j = 0; j < NGI_STANCE_HASH_BASE; j++) {
		if (m->wa[j] == 0)
			continue;
		snprintf(buf, sizeof buf, "%.5g", m->wa[j]);
		m->wa[j] = strtof(buf, NULL);
		fprintf(f, "a %d %s\n", j, buf);
	}
	for (int j = 0; j < NGI_STANCE_N_FEATURES; j++) {
		float *w = &m->wb[(size_t)j * 3];
		if (w[0] == 0 && w[1] == 0 && w[2] == 0)
			continue;
		fprintf(f, "b %d", j);
		for (int k = 0; k < 3; k++) {
			snprintf(buf, sizeof buf, "%.4g", w[k]);
			w[k] = strtof(buf, NULL);
			fprintf(f, " %s", buf);
		}
		fputc('\n', f);
	}
	return fclose(f) ? -1 : 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: train_stance [--ca C] [--cb C] [--wdisagree W] [--wagree W]\n"
		"                    [--threshold P] [--quiet]\n"
		"                    (BODIES.csv STANCES.csv OUT.model | "
		"--cv K BODIES.csv STANCES.csv)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	/* Defaults chosen by 10-fold CV grouped by story (docs/STANCE.md). */
	opts o = {1.0, 0.03, 10.0, 1.5, 0.5, 0, 0, 0, NGI_STANCE_G_ALL};
	const char *args[3];
	int nargs = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		double *dst = !strcmp(a, "--ca")          ? &o.ca
			      : !strcmp(a, "--cb")        ? &o.cb
			      : !strcmp(a, "--wdisagree") ? &o.wdis
			      : !strcmp(a, "--wagree")    ? &o.wagr
			      : !strcmp(a, "--threshold") ? &o.threshold
							  : NULL;
		if (dst) {
			if (++i >= argc)
				usage();
			*dst = atof(argv[i]);
		} else if (!strcmp(a, "--cv")) {
			if (++i >= argc)
				usage();
			o.cv = atoi(argv[i]);
			if (o.cv < 2)
				usage();
		} else if (!strcmp(a, "--groups")) {
			if (++i >= argc)
				usage();
			o.groups = (unsigned)atoi(argv[i]) & NGI_STANCE_G_ALL;
		} else if (!strcmp(a, "--group-story")) {
			o.by_story = 1;
		} else if (!strcmp(a, "--quiet")) {
			o.quiet = 1;
		} else if (a[0] == '-' && a[1]) {
			usage();
		} else if (nargs < 3) {
			args[nargs++] = a;
		} else {
			usage();
		}
	}
	if (nargs != (o.cv ? 2 : 3))
		usage();
	set_print_string_function(quiet_print);
	double t0 = now();

	ngi_fnc1 d;
	ngi_fnc1_init(&d);
	if (ngi_fnc1_load_bodies(&d, args[0], NULL) == NG_ERR_IO ||
	    ngi_fnc1_load_stances(&d, args[1], NULL) == NG_ERR_IO ||
	    !d.n_bodies || !d.n_stances) {
		fprintf(stderr, "train_stance: cannot read %s or %s\n", args[0],
			args[1]);
		return 1;
	}
	ngi_text_ctx *tc;
	if (ngi_text_ctx_new(&tc))
		return 1;
	ngi_arena ar;
	ngi_arena_init(&ar, 1 << 20);
	ngi_doc *bdocs = calloc(d.n_bodies, sizeof *bdocs);
	ngi_stance_text **btext = calloc(d.n_bodies, sizeof *btext);
	if (!bdocs || !btext)
		return 1;
	/* Document frequencies over the bodies. */
	ngi_map df;
	ngi_map_init(&df);
	for (size_t i = 0; i < d.n_bodies; i++) {
		if (ngi_text_analyze(tc, d.bodies[i].text, d.bodies[i].len, NULL,
				     &ar, &bdocs[i]))
			return 1;
		ngi_stance_text *t;
		if (ngi_stance_prepare_idf(&bdocs[i], NULL, &ar, &t))
			return 1;
		for (uint32_t k = 0; k < t->n_terms; k++) {
			uint64_t *v = ngi_map_upsert(&df, t->terms[k].hash, 0);
			if (!v)
				return 1;
			++*v;
		}
	}
	size_t n_idf = 0;
	idf_entry *idf = malloc((df.count + 1) * sizeof *idf);
	if (!idf)
		return 1;
	double nb = (double)d.n_bodies;
	for (size_t s = 0; s < df.cap; s++)
		if (df.used[s] && df.vals[s] >= 2) {
			idf[n_idf].hash = df.keys[s];
			idf[n_idf].idf = (float)(log((nb + 1) / ((double)df.vals[s] + 1)) + 1);
			/* as stored: 3 decimals */
			idf[n_idf].idf = roundf(idf[n_idf].idf * 1000) / 1000;
			n_idf++;
		}
	qsort(idf, n_idf, sizeof *idf, cmp_idf);
	ngi_stance_model model;
	if (model_alloc(&model, &o))
		return 1;
	ngi_map_init(&model.idf.map);
	model.idf.idf_default = (float)(log((nb + 1) / 2.0) + 1);
	model.idf.idf_default = roundf(model.idf.idf_default * 10000) / 10000;
	for (size_t i = 0; i < n_idf; i++) {
		uint32_t bits;
		memcpy(&bits, &idf[i].idf, sizeof bits);
		if (ngi_map_put(&model.idf.map, idf[i].hash, bits))
			return 1;
	}
	for (size_t i = 0; i < d.n_bodies; i++)
		if (ngi_stance_prepare_idf(&bdocs[i], &model.idf, &ar, &btext[i]))
			return 1;

	/* The pairs. */
	pair *pairs = calloc(d.n_stances, sizeof *pairs);
	if (!pairs)
		return 1;
	size_t n = 0;
	double tf0 = now(), prep_claims = 0;
	for (size_t i = 0; i < d.n_stances; i++) {
		long b = ngi_fnc1_find_body(&d, d.stances[i].body_id);
		if (b < 0)
			continue;
		const char *h = d.stances[i].headline;
		ngi_doc hd;
		double tp = now();
		ngi_stance_text *ht;
		if (ngi_text_analyze(tc, h, strlen(h), bdocs[b].lang, &ar, &hd) ||
		    ngi_stance_prepare_idf(&hd, &model.idf, &ar, &ht))
			return 1;
		prep_claims += now() - tp;
		pairs[n].gold = gold_of(d.stances[i].stance);
		pairs[n].body = b;
		ngi_stance_features(ht, btext[b], o.groups, &fv);
		/* a compact copy: only the features used */
		size_t m = fv.n ? fv.n : 1;
		pairs[n].n = fv.n;
		pairs[n].idx = malloc(m * sizeof *pairs[n].idx);
		pairs[n].val = malloc(m * sizeof *pairs[n].val);
		if (!pairs[n].idx || !pairs[n].val)
			return 1;
		memcpy(pairs[n].idx, fv.idx, fv.n * sizeof *fv.idx);
		memcpy(pairs[n].val, fv.val, fv.n * sizeof *fv.val);
		n++;
	}
	double tfeat = now() - tf0 - prep_claims;
	if (!o.quiet)
		fprintf(stderr, "train_stance: %zu bodies, %zu pairs, %zu idf terms; "
				"features %.2f us/pair; %.1f s so far\n",
			d.n_bodies, n, n_idf, 1e6 * tfeat / (double)(n ? n : 1),
			now() - t0);

	unsigned char *in_train = malloc(n ? n : 1);
	if (!in_train)
		return 1;
	long long cm[4][4] = {{0}};
	if (o.cv) {
		/* Bodies are sorted by id: body index i is in fold i mod K; with
		 * --group-story, the bodies of a story (FNC-1 story gold: bodies
		 * sharing a related headline) go together, story j (in order of
		 * its smallest body) in fold j mod K. */
		long *fold_of = malloc(d.n_bodies * sizeof *fold_of);
		long long *story = malloc(d.n_bodies * sizeof *story);
		if (!fold_of || !story || ngi_fnc1_story_gold(&d, story, NULL))
			return 1;
		long n_st = 0;
		for (size_t i = 0; i < d.n_bodies; i++) {
			fold_of[i] = (long)i % o.cv;
			if (!o.by_story)
				continue;
			if (story[i] == d.bodies[i].id) {
				fold_of[i] = n_st++ % o.cv;
			} else {
				long r = ngi_fnc1_find_body(&d, story[i]);
				fold_of[i] = r >= 0 && (size_t)r < i ? fold_of[r] : 0;
			}
		}
		for (int fold = 0; fold < o.cv; fold++) {
			for (size_t i = 0; i < n; i++)
				in_train[i] = fold_of[pairs[i].body] != fold;
			if (train_model(&o, pairs, n, in_train, &model))
				return 1;
			for (size_t i = 0; i < n; i++)
				if (!in_train[i])
					cm[pairs[i].gold][predict_pair(&model, &pairs[i])]++;
		}
		free(fold_of);
		free(story);
		ngi_stance_scores s;
		ngi_stance_score(cm, &s);
		printf("%d-fold cross-validation grouped by %s; ca=%g cb=%g "
		       "wdisagree=%g wagree=%g threshold=%g groups=%u\n",
		       o.cv, o.by_story ? "story (bodies sharing a related headline "
					 "stay in one fold)"
				       : "Body ID (no body in two folds)",
		       o.ca, o.cb, o.wdis, o.wagr, o.threshold, o.groups);
		ngi_stance_score_print(cm, &s, stdout);
	} else {
		memset(in_train, 1, n);
		if (train_model(&o, pairs, n, in_train, &model) ||
		    write_model(args[2], &model, idf, n_idf, d.n_bodies, &o)) {
			fprintf(stderr, "train_stance: cannot train or write %s\n",
				args[2]);
			return 1;
		}
		for (size_t i = 0; i < n; i++)
			cm[pairs[i].gold][predict_pair(&model, &pairs[i])]++;
		ngi_stance_scores s;
		ngi_stance_score(cm, &s);
		printf("wrote %s; in-sample (the training pairs themselves):\n",
		       args[2]);
		ngi_stance_score_print(cm, &s, stdout);
	}
	if (!o.quiet)
		fprintf(stderr, "train_stance: %.1f s\n", now() - t0);
	for (size_t i = 0; i < n; i++) {
		free(pairs[i].idx);
		free(pairs[i].val);
	}
	free(pairs);
	free(in_train);
	free(idf);
	free(bdocs);
	free(btext);
	ngi_map_free(&df);
	ngi_map_free(&model.idf.map);
	free(model.wa);
	free(model.wb);
	ngi_arena_free(&ar);
	ngi_text_ctx_free(tc);
	ngi_fnc1_free(&d);
	return 0;
}
