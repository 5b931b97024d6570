/*
 * eval_msrp.c: the "msrp FILE" suite, sentence rewrites between outlets.
 *
 * FILE is the Microsoft Research Paraphrase Corpus in its TSV form: a
 * header, then Quality (1 = paraphrase), #1 ID, #2 ID, #1 String, #2 String.
 * Strings hold quote characters freely, so lines are split on tabs, never
 * read as quoted CSV. Each string is analysed as English and compared with
 * the features of src/eval/sentence_sim.c; a logistic regression
 * (src/eval/logreg.c) is trained and tested by 10-fold cross-validation,
 * pair i in fold i mod 10. Reports accuracy, precision, recall and F1 of the
 * paraphrase class averaged over the folds, the all-paraphrase baseline on
 * the same pairs, and the weights of a model trained on every pair (on
 * standardised features) so one can see what carries the decision.
 */
#include <stdlib.h>
#include <string.h>

#include "logreg.h"
#include "sentence_sim.h"
#include "../text/text.h"
#include "../base/utf8.h"
#include "eval.h"
#include "metrics.h"

#define MSRP_FILE_CAP ((size_t)256 << 20)
#define MSRP_FOLDS 10

/* Metric names are static: one per feature weight, in
 * ngi_sim_feature_names order. */
static const char *const weight_metric[NGI_SIM_N_FEATURES] = {
	"w_word_overlap_min", "w_word_overlap_max", "w_stem_overlap_min",
	"w_stem_overlap_max", "w_stem_jaccard",     "w_lcs_min",
	"w_lcs_max",          "w_bigram_dice",      "w_numbers_shared",
	"w_numbers_differ",   "w_names_shared",     "w_length_ratio"};

static ng_status sentence_of(ngi_text_ctx *tc, const char *s, size_t len,
			     ngi_arena *a, ngi_sim_sentence *out)
{
	ngi_doc doc;
	ng_status st = ngi_text_analyze(tc, s, len, "en", a, &doc);
	return st ? st : ngi_sim_prepare(&doc, 0, doc.n_tokens, a, out);
}

/* Splits line[0..len) on tabs into at most max fields (NUL-terminated in
 * place); returns the count. */
static size_t split_tabs(char *line, size_t len, char **fields, size_t *lens,
			 size_t max)
{
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= len && n < max; i++) {
		if (i == len || line[i] == '\t') {
			fields[n] = line + start;
			lens[n] = i - start;
			n++;
			if (i < len)
				line[i] = '\0';
			start = i + 1;
		}
	}
	return n;
}

typedef struct fold_scores {
	double accuracy, precision, recall, f1;
} fold_scores;

static fold_scores score(const int *gold, const int *pred, size_t n)
{
	long long tp = 0, fp = 0, fn = 0, right = 0;
	for (size_t i = 0; i < n; i++) {
		right += gold[i] == pred[i];
		tp += gold[i] && pred[i];
		fp += !gold[i] && pred[i];
		fn += gold[i] && !pred[i];
	}
	fold_scores s;
	s.accuracy = n ? (double)right / (double)n : 0.0;
	ngi_pairwise_pr(tp, tp + fp, tp + fn, &s.precision, &s.recall);
	s.f1 = ngi_f1(s.precision, s.recall);
	return s;
}

ng_status ngi_eval_msrp(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	const char *path = argv[0];
	ngi_buf buf;
	ngi_buf_init(&buf, MSRP_FILE_CAP);
	ngi_text_ctx *tc = NULL;
	ngi_arena scratch;
	ngi_arena_init(&scratch, 0);
	double *x = NULL;
	int *y = NULL, *gold = NULL, *pred = NULL, *base = NULL;
	size_t n = 0, cap_x = 0, cap_y = 0;
	long long bad = 0;
	ng_status st = ngi_read_file(path, MSRP_FILE_CAP, &buf, &ctx->diag);
	if (!st)
		st = ngi_text_ctx_new(&tc);
	if (st)
		goto done;
	if (ngi_utf8_valid_prefix(buf.data, buf.len) != buf.len) {
		size_t first_bad = 0;
		ngi_buf fixed;
		ngi_buf_init(&fixed, MSRP_FILE_CAP);
		if (ngi_utf8_repair(buf.data, buf.len, &fixed, &first_bad) ==
		    (size_t)-1) {
			ngi_buf_free(&fixed);
			st = NG_ERR_NOMEM;
			goto done;
		}
		ngi_diag(&ctx->diag, NG_DIAG_WARNING, path, 0,
			 (long long)first_bad, "invalid UTF-8 replaced");
		ngi_buf_free(&buf);
		buf = fixed;
	}

	double t0 = ngi_eval_now();
	size_t pos = 0;
	long long line_no = 0;
	if (buf.len >= 3 && memcmp(buf.data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < buf.len) {
		char *line = buf.data + pos;
		char *nl = memchr(line, '\n', buf.len - pos);
		size_t len = nl ? (size_t)(nl - line) : buf.len - pos;
		size_t offset = pos;
		pos += len + 1;
		line_no++;
		if (len && line[len - 1] == '\r')
			len--;
		if (len == 0)
			continue;
		char *f[6];
		size_t fl[6];
		size_t nf = split_tabs(line, len, f, fl, 6);
		if (line_no == 1 && strcmp(f[0], "Quality") == 0)
			continue;
		if (nf != 5 || fl[0] != 1 || (f[0][0] != '0' && f[0][0] != '1')) {
			ngi_diag(&ctx->diag, NG_DIAG_ERROR, path, line_no,
				 (long long)offset,
				 "want 5 tab-separated fields, Quality 0 or 1");
			bad++;
			continue;
		}
		ngi_arena_reset(&scratch);
		ngi_sim_sentence a, b;
		if ((st = sentence_of(tc, f[3], fl[3], &scratch, &a)) ||
		    (st = sentence_of(tc, f[4], fl[4], &scratch, &b)))
			goto done;
		if (ngi_grow((void **)&x, &cap_x, (n + 1) * NGI_SIM_N_FEATURES,
			     sizeof *x) ||
		    ngi_grow((void **)&y, &cap_y, n + 1, sizeof *y)) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		ngi_sim_features(&a, &b, x + n * NGI_SIM_N_FEATURES);
		y[n++] = f[0][0] == '1';
	}
	double feature_seconds = ngi_eval_now() - t0;
	if (n < 2 * MSRP_FOLDS) {
		fprintf(stderr, "newsgraph eval: msrp: %zu pairs in %s, need at "
				"least %d\n", n, path, 2 * MSRP_FOLDS);
		st = NG_ERR_INPUT;
		goto done;
	}

	size_t per = n / MSRP_FOLDS + 1;
	double *tx = malloc(n * NGI_SIM_N_FEATURES * sizeof *tx);
	int *ty = malloc(n * sizeof *ty);
	gold = malloc(per * sizeof *gold);
	pred = malloc(per * sizeof *pred);
	base = malloc(per * sizeof *base);
	if (!tx || !ty || !gold || !pred || !base) {
		free(tx);
		free(ty);
		st = NG_ERR_NOMEM;
		goto done;
	}
	fold_scores sum = {0}, base_sum = {0}, train_sum = {0};
	ngi_logreg_options opt = {500, 0.5, 0.001};
	for (int fold = 0; fold < MSRP_FOLDS; fold++) {
		size_t nt = 0, nv = 0;
		for (size_t i = 0; i < n; i++) {
			if ((int)(i % MSRP_FOLDS) == fold)
				continue;
			memcpy(tx + nt * NGI_SIM_N_FEATURES,
			       x + i * NGI_SIM_N_FEATURES,
			       NGI_SIM_N_FEATURES * sizeof *tx);
			ty[nt++] = y[i];
		}
		ngi_logreg m;
		if ((st = ngi_logreg_train(&m, tx, ty, nt, NGI_SIM_N_FEATURES,
					   &opt)))
			break;
		long long train_right = 0;
		for (size_t i = 0; i < nt; i++)
			train_right += (ngi_logreg_prob(
					       &m, tx + i * NGI_SIM_N_FEATURES) >=
				       0.5) == (ty[i] != 0);
		train_sum.accuracy += (double)train_right / (double)nt;
		for (size_t i = (size_t)fold; i < n; i += MSRP_FOLDS) {
			gold[nv] = y[i];
			pred[nv] = ngi_logreg_prob(&m, x + i * NGI_SIM_N_FEATURES) >=
				   0.5;
			base[nv] = 1;
			nv++;
		}
		fold_scores s = score(gold, pred, nv), b = score(gold, base, nv);
		sum.accuracy += s.accuracy;
		sum.precision += s.precision;
		sum.recall += s.recall;
		sum.f1 += s.f1;
		base_sum.accuracy += b.accuracy;
		base_sum.f1 += b.f1;
	}
	ngi_logreg all;
	if (!st)
		st = ngi_logreg_train(&all, x, y, n, NGI_SIM_N_FEATURES, &opt);
	free(tx);
	free(ty);
	if (st)
		goto done;
	long long positives = 0;
	for (size_t i = 0; i < n; i++)
		positives += y[i];
	ngi_eval_count(rep, "pairs", (long long)n);
	ngi_eval_count(rep, "paraphrases", positives);
	ngi_eval_count(rep, "folds", MSRP_FOLDS);
	ngi_eval_real(rep, "accuracy", sum.accuracy / MSRP_FOLDS);
	ngi_eval_real(rep, "precision", sum.precision / MSRP_FOLDS);
	ngi_eval_real(rep, "recall", sum.recall / MSRP_FOLDS);
	ngi_eval_real(rep, "f1", sum.f1 / MSRP_FOLDS);
	ngi_eval_real(rep, "train_accuracy", train_sum.accuracy / MSRP_FOLDS);
	ngi_eval_real(rep, "all_paraphrase_accuracy",
		      base_sum.accuracy / MSRP_FOLDS);
	ngi_eval_real(rep, "all_paraphrase_f1", base_sum.f1 / MSRP_FOLDS);
	for (int j = 0; j < NGI_SIM_N_FEATURES; j++)
		ngi_eval_real(rep, weight_metric[j], all.weight[j]);
	ngi_eval_count(rep, "bad_lines", bad);
	ngi_eval_real(rep, "feature_seconds", feature_seconds);
	ngi_eval_real(rep, "pairs_per_second",
		      feature_seconds > 0 ? (double)n / feature_seconds : 0.0);
done:
	free(x);
	free(y);
	free(gold);
	free(pred);
	free(base);
	ngi_text_ctx_free(tc);
	ngi_arena_free(&scratch);
	ngi_buf_free(&buf);
	return st;
}
