/*
 * eval_stance.c: the "stance BODIES.csv STANCES.csv" suite.
 *
 * Predicts the stance of every (Headline, Body ID) row of STANCES.csv with
 * the embedded model (src/stance/): each body is analysed and prepared once,
 * each headline analysed with its body's language as the hint (as ingest
 * analyses a claim) and classified from its text and the body alone. Only
 * then, and only to score, is the row's Stance column read, when the file
 * has one; an unlabelled file just gets predictions. Reports the FNC score
 * (absolute, maximum, relative), macro-F1, accuracy, each class's
 * precision, recall and F1, and the confusion matrix (gold_X_pred_Y), plus
 * the time per headline (analysis, preparation and classification). With opt->predictions, writes Headline,Body ID,Stance
 * rows (CSV, quoted as needed) in the file's order. On FNC-1 train, which
 * the model was trained on, the scores are in-sample.
 */
#include <stdlib.h>
#include <string.h>

#include "../stance/stance.h"
#include "eval.h"
#include "fnc1.h"
#include "stance_score.h"

#define STANCE_FILE_CAP ((size_t)512 << 20)

static const char *const class_metric[4][3] = {
	{"agree_precision", "agree_recall", "agree_f1"},
	{"disagree_precision", "disagree_recall", "disagree_f1"},
	{"discuss_precision", "discuss_recall", "discuss_f1"},
	{"unrelated_precision", "unrelated_recall", "unrelated_f1"}};

static const char *const confusion_metric[4][4] = {
	{"gold_agree_pred_agree", "gold_agree_pred_disagree",
	 "gold_agree_pred_discuss", "gold_agree_pred_unrelated"},
	{"gold_disagree_pred_agree", "gold_disagree_pred_disagree",
	 "gold_disagree_pred_discuss", "gold_disagree_pred_unrelated"},
	{"gold_discuss_pred_agree", "gold_discuss_pred_disagree",
	 "gold_discuss_pred_discuss", "gold_discuss_pred_unrelated"},
	{"gold_unrelated_pred_agree", "gold_unrelated_pred_disagree",
	 "gold_unrelated_pred_discuss", "gold_unrelated_pred_unrelated"}};

/* A CSV field, quoted when it holds a comma, quote or line break. */
static void put_field(FILE *f, const char *s, size_t n)
{
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) &&
	    !memchr(s, '\r', n)) {
		fwrite(s, 1, n, f);
		return;
	}
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			fputc('"', f);
		fputc(s[i], f);
	}
	fputc('"', f);
}

static long find_col(const ngi_csv *c, const char *name)
{
	for (size_t i = 0; i < c->nfields; i++)
		if (strcmp(c->fields[i], name) == 0)
			return (long)i;
	return -1;
}

ng_status ngi_eval_stance(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	const char *bodies_path = argv[0], *stances_path = argv[1];
	const char *pred_path = ctx->opt->predictions;
	ngi_fnc1 d;
	ngi_fnc1_init(&d);
	ngi_buf file;
	ngi_buf_init(&file, STANCE_FILE_CAP);
	ngi_csv csv;
	ngi_csv_init(&csv, "", 0);
	ngi_text_ctx *tc = NULL;
	ngi_arena keep, tmp;
	ngi_arena_init(&keep, 1 << 20);
	ngi_arena_init(&tmp, 1 << 16);
	ngi_stance_text **btext = NULL;
	FILE *pf = NULL;
	long long cm[4][4] = {{0}};
	long long n_pairs = 0, n_labelled = 0, n_missing_body = 0, n_bad_gold = 0;
	double t_classify = 0;

	ng_status st = ngi_fnc1_load_bodies(&d, bodies_path, &ctx->diag);
	if (st == NG_ERR_INPUT && d.n_bodies > 0)
		st = NG_OK;
	if (st) {
		fprintf(stderr, "newsgraph eval: cannot load the bodies %s: %s\n",
			bodies_path, ng_status_str(st));
		goto done;
	}
	st = ngi_read_file(stances_path, STANCE_FILE_CAP, &file, &ctx->diag);
	if (st)
		goto done;
	ngi_csv_init(&csv, file.data, file.len);
	int has = 0;
	st = ngi_csv_next(&csv, &has);
	long c_head = -1, c_body = -1, c_gold = -1;
	if (!st && has) {
		c_head = find_col(&csv, "Headline");
		c_body = find_col(&csv, "Body ID");
		c_gold = find_col(&csv, "Stance");
	}
	if (st || !has || c_head < 0 || c_body < 0) {
		fprintf(stderr, "newsgraph eval: %s: no header with Headline and "
				"Body ID\n", stances_path);
		st = NG_ERR_INPUT;
		goto done;
	}
	if ((st = ngi_text_ctx_new(&tc)))
		goto done;
	btext = calloc(d.n_bodies ? d.n_bodies : 1, sizeof *btext);
	if (!btext) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	if (pred_path) {
		pf = fopen(pred_path, "w");
		if (!pf) {
			fprintf(stderr, "newsgraph eval: cannot write %s\n", pred_path);
			st = NG_ERR_IO;
			goto done;
		}
		fputs("Headline,Body ID,Stance\n", pf);
	}
	for (;;) {
		st = ngi_csv_next(&csv, &has);
		if (st) {
			fprintf(stderr, "newsgraph eval: %s: line %lld: %s\n",
				stances_path, csv.line,
				csv.err_msg ? csv.err_msg : "bad CSV");
			goto done;
		}
		if (!has)
			break;
		if ((long)csv.nfields <= c_head || (long)csv.nfields <= c_body)
			continue;
		char *end;
		long long id = strtoll(csv.fields[c_body], &end, 10);
		long b = end != csv.fields[c_body] ? ngi_fnc1_find_body(&d, id) : -1;
		if (b < 0) {
			n_missing_body++;
			continue;
		}
		ngi_arena_reset(&tmp);
		if (!btext[b]) {
			ngi_doc bd;
			st = ngi_text_analyze(tc, d.bodies[b].text, d.bodies[b].len,
					      NULL, &tmp, &bd);
			if (!st)
				st = ngi_stance_prepare(&bd, &keep, &btext[b]);
			if (st)
				goto done;
			ngi_arena_reset(&tmp);
		}
		double t0 = ngi_eval_now();
		ngi_doc hd;
		ngi_stance_text *ht;
		ngi_stance_result r;
		/* the claim in its body's language, as ingest analyses it */
		st = ngi_text_analyze(tc, csv.fields[c_head], csv.field_len[c_head],
				      ngi_stance_lang(btext[b]), &tmp, &hd);
		if (!st)
			st = ngi_stance_prepare(&hd, &tmp, &ht);
		if (!st)
			st = ngi_stance_classify(ht, btext[b], &r);
		if (st)
			goto done;
		t_classify += ngi_eval_now() - t0;
		n_pairs++;
		if (pf) {
			put_field(pf, csv.fields[c_head], csv.field_len[c_head]);
			fprintf(pf, ",%lld,%s\n", id, ngi_stance_name(r.label));
		}
		/* The gold, read only now, only to score. */
		if (c_gold >= 0 && (long)csv.nfields > c_gold) {
			int g = ngi_stance_parse(csv.fields[c_gold],
						 csv.field_len[c_gold]);
			if (g < 0) {
				n_bad_gold++;
				continue;
			}
			cm[g][r.label]++;
			n_labelled++;
		}
	}
	if (pf) {
		int bad = ferror(pf);
		bad |= fclose(pf) != 0;
		pf = NULL;
		if (bad) {
			fprintf(stderr, "newsgraph eval: cannot write %s\n", pred_path);
			st = NG_ERR_IO;
			goto done;
		}
	}
	ngi_eval_count(rep, "pairs", n_pairs);
	ngi_eval_count(rep, "pairs_labelled", n_labelled);
	ngi_eval_count(rep, "pairs_without_body", n_missing_body);
	if (n_bad_gold)
		ngi_eval_count(rep, "pairs_bad_stance", n_bad_gold);
	if (n_labelled) {
		ngi_stance_scores s;
		ngi_stance_score(cm, &s);
		ngi_eval_real(rep, "fnc_score", s.fnc);
		ngi_eval_real(rep, "fnc_max", s.fnc_max);
		ngi_eval_real(rep, "fnc_relative_pct", 100 * s.fnc_relative);
		ngi_eval_real(rep, "macro_f1", s.macro_f1);
		ngi_eval_real(rep, "accuracy", s.accuracy);
		for (int c = 0; c < 4; c++) {
			ngi_eval_real(rep, class_metric[c][0], s.precision[c]);
			ngi_eval_real(rep, class_metric[c][1], s.recall[c]);
			ngi_eval_real(rep, class_metric[c][2], s.f1[c]);
		}
		for (int g = 0; g < 4; g++)
			for (int p = 0; p < 4; p++)
				ngi_eval_count(rep, confusion_metric[g][p], cm[g][p]);
		fprintf(stderr, "newsgraph eval: stance: scored against the file's "
				"Stance column, read after predicting; on FNC-1 train, "
				"which the model was trained on, this is in-sample\n");
	}
	ngi_eval_real(rep, "us_per_headline",
		      n_pairs ? 1e6 * t_classify / (double)n_pairs : 0);
	st = NG_OK;
done:
	if (pf)
		fclose(pf);
	free(btext);
	ngi_text_ctx_free(tc);
	ngi_arena_free(&keep);
	ngi_arena_free(&tmp);
	ngi_csv_free(&csv);
	ngi_buf_free(&file);
	ngi_fnc1_free(&d);
	return st;
}
