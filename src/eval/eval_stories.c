/*
 * eval_stories.c: the "stories BODIES.csv STANCES.csv" suite.
 *
 * Story clustering on the FNC-1 training set. The gold comes from fnc1.c:
 * bodies that share a headline labelled agree, disagree or discuss are one
 * story. The engine sees only the bodies, one record each in ascending Body
 * ID order with the id as text and no other metadata, so the score is what
 * text alone gives. Reports B-cubed, ARI, pairwise scores, story counts and
 * the time the engine took (ingest, flush and the story look-ups). With
 * NG_EVAL_STORIES_DUMP=FILE set, FILE gets one line per body: Body ID, gold
 * story, predicted story (for error analysis).
 */
#include <limits.h>
#include <stdlib.h>

#include "eval.h"
#include "fnc1.h"
#include "metrics.h"

ng_status ngi_eval_stories(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	const char *bodies_path = argv[0], *stances_path = argv[1];
	ngi_fnc1 d;
	ngi_fnc1_init(&d);
	ng_status st = ngi_fnc1_load_bodies(&d, bodies_path, &ctx->diag);
	/* NG_ERR_INPUT: some rows were bad and reported; the rest is usable. */
	if (st == NG_ERR_INPUT && d.n_bodies > 0)
		st = NG_OK;
	if (!st) {
		st = ngi_fnc1_load_stances(&d, stances_path, &ctx->diag);
		if (st == NG_ERR_INPUT && d.n_stances > 0)
			st = NG_OK;
	}
	if (st) {
		fprintf(stderr, "newsgraph eval: cannot load the FNC-1 files: %s\n",
			ng_status_str(st));
		ngi_fnc1_free(&d);
		return st;
	}

	size_t n = d.n_bodies;
	long long *gold = malloc((n ? n : 1) * sizeof *gold);
	long long *pred = malloc((n ? n : 1) * sizeof *pred);
	size_t n_gold = 0;
	if (!gold || !pred || ngi_fnc1_story_gold(&d, gold, &n_gold)) {
		st = NG_ERR_NOMEM;
		goto done;
	}

	double t0 = ngi_eval_now();
	ng_engine *e = NULL;
	if ((st = ngi_eval_open_engine(ctx, &e)))
		goto done;
	ng_ingest_stats stats = {0};
	long long failed = 0, missing = 0;
	for (size_t i = 0; i < n; i++) {
		char id[32];
		snprintf(id, sizeof id, "%lld", d.bodies[i].id);
		ng_record r = {0};
		r.id = id;
		r.text = d.bodies[i].text;
		r.text_len = d.bodies[i].len;
		st = ng_ingest_record(e, &r, bodies_path, &stats);
		if (st == NG_ERR_INPUT) {
			failed++;
			st = NG_OK;
		} else if (st) {
			ngi_eval_engine_fail(e, "ingest", st);
			goto close;
		}
	}
	st = ng_ingest_flush(e, &stats);
	if (st == NG_ERR_INPUT) {
		st = NG_OK;
	} else if (st) {
		ngi_eval_engine_fail(e, "flush", st);
		goto close;
	}
	for (size_t i = 0; i < n; i++) {
		char id[32];
		snprintf(id, sizeof id, "%lld", d.bodies[i].id);
		long long story;
		ng_status s = ng_article_story(e, id, &story);
		if (s == NG_OK) {
			pred[i] = story;
		} else if (s == NG_ERR_NOTFOUND) {
			/* Not stored: scored as a story of its own. */
			pred[i] = LLONG_MIN + (long long)i;
			missing++;
		} else {
			st = ngi_eval_engine_fail(e, "story look-up", s);
			goto close;
		}
	}
	double seconds = ngi_eval_now() - t0;
	const char *dump_path = getenv("NG_EVAL_STORIES_DUMP");
	if (dump_path) {
		FILE *f = fopen(dump_path, "w");
		if (!f) {
			fprintf(stderr, "newsgraph eval: cannot write %s\n", dump_path);
		} else {
			for (size_t i = 0; i < n; i++)
				fprintf(f, "%lld\t%lld\t%lld\n", d.bodies[i].id,
					gold[i], pred[i]);
			fclose(f);
		}
	}

	ngi_cluster_scores sc;
	if ((st = ngi_cluster_score(gold, pred, n, &sc)))
		goto close;
	ngi_eval_count(rep, "bodies", (long long)n);
	ngi_eval_clusters(rep, &sc);
	ngi_eval_real(rep, "pair_precision", sc.pair_precision);
	ngi_eval_real(rep, "pair_recall", sc.pair_recall);
	ngi_eval_real(rep, "pair_f1", sc.pair_f1);
	ngi_eval_count(rep, "wrong_merges", sc.pred_pairs - sc.both_pairs);
	ngi_eval_count(rep, "missed_merges", sc.gold_pairs - sc.both_pairs);
	ngi_eval_count(rep, "failed", failed);
	ngi_eval_count(rep, "missing", missing);
	ngi_eval_real(rep, "seconds", seconds);
	ngi_eval_real(rep, "bodies_per_second",
		      seconds > 0 ? (double)n / seconds : 0.0);
close:
	ng_engine_close(e);
done:
	free(gold);
	free(pred);
	ngi_fnc1_free(&d);
	return st;
}
