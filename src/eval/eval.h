/*
 * eval.h: the pieces shared by the evaluation suites behind ng_eval_run.
 *
 * A suite is one entry in the table in eval.c: a name, the arguments it
 * takes, and a function that runs the engine (through the public API only,
 * in memory) over a labelled data set and adds its scores to a report. The
 * driver checks the arguments and prints the report as an aligned table or
 * one JSON line. Adding a suite is one file with its function and one table
 * entry.
 *
 * Ownership: metric names are static strings; a report lives on the stack of
 * ng_eval_run.
 */
#ifndef NG_EVAL_EVAL_H
#define NG_EVAL_EVAL_H

#include "../base/base.h"
#include "metrics.h"
#include "newsgraph_eval.h"

#define NGI_EVAL_MAX_METRICS 64

typedef struct ngi_eval_metric {
	const char *name;   /* static string, snake_case */
	int is_count;       /* printed as an integer */
	long long count;
	double value;
} ngi_eval_metric;

typedef struct ngi_eval_report {
	ngi_eval_metric metrics[NGI_EVAL_MAX_METRICS];
	size_t n;
} ngi_eval_report;

/* Add a metric; past NGI_EVAL_MAX_METRICS it is dropped (a programming
 * error, caught by the suites' tests). */
void ngi_eval_real(ngi_eval_report *r, const char *name, double value);
void ngi_eval_count(ngi_eval_report *r, const char *name, long long count);
/* The clustering scores every story suite reports, in this order:
 * stories_gold, stories_pred, bcubed_precision, bcubed_recall, bcubed_f1,
 * ari. */
void ngi_eval_clusters(ngi_eval_report *r, const ngi_cluster_scores *sc);

/* The options a suite runs with: the caller's, or the defaults for NULL. */
typedef struct ngi_eval_ctx {
	const ng_eval_options *opt;
	ngi_diag_sink diag;   /* for problems in gold files */
} ngi_eval_ctx;

/* Opens an in-memory engine with the caller's threads, story threshold and
 * diagnostics callback. Prints the reason on stderr when it fails. */
ng_status ngi_eval_open_engine(const ngi_eval_ctx *ctx, ng_engine **out);
/* Prints "newsgraph eval: WHAT: <engine message>" on stderr; returns st. */
ng_status ngi_eval_engine_fail(ng_engine *e, const char *what, ng_status st);
/* Seconds on a monotonic clock. */
double ngi_eval_now(void);

/* argv holds exactly the suite's arguments. */
typedef ng_status (*ngi_eval_suite_fn)(ngi_eval_ctx *ctx, char **argv,
				       ngi_eval_report *rep);

/* eval_seeds.c: "seeds DIR" (DIR/articles, DIR/expected.json). */
ng_status ngi_eval_seeds(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep);
/* eval_seeds_said.c: the quotes, claims and threads of the seeds suite;
 * keys[i] is the gold key of article ids[i]. */
struct ngi_json;
ng_status ngi_seeds_score_said(ng_engine *e, const struct ngi_json *gold,
			       const char *const *keys, const char *const *ids,
			       size_t n, ngi_eval_report *rep);
/* eval_stories.c: "stories BODIES.csv STANCES.csv" (FNC-1). */
/* eval_stories_jsonl.c: "stories-jsonl ARTICLES.jsonl GOLD.json" (the file
 * ingested as it is) and "titles-jsonl" (each title alone as its text). */
ng_status ngi_eval_stories_jsonl(ngi_eval_ctx *ctx, char **argv,
				 ngi_eval_report *rep);
ng_status ngi_eval_titles_jsonl(ngi_eval_ctx *ctx, char **argv,
				ngi_eval_report *rep);
ng_status ngi_eval_stories(ngi_eval_ctx *ctx, char **argv,
			   ngi_eval_report *rep);
/* eval_reuse.c: "reuse DIR" (DIR/articles.jsonl, DIR/pairs.jsonl). */
ng_status ngi_eval_reuse(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep);
/* eval_msrp.c: "msrp FILE" (MSRP TSV), 10-fold cross-validation. */
ng_status ngi_eval_msrp(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep);
/* eval_entities.c: "entities DIR" (SlavicNER: DIR/raw, DIR/ner). */
ng_status ngi_eval_entities(ngi_eval_ctx *ctx, char **argv,
			    ngi_eval_report *rep);
/* eval_dates.c: "dates DIR" (TimeML .tml files, TempEval-3 scoring). */
ng_status ngi_eval_dates(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep);
/* eval_pairs.c: "pairs DIR" (SemEval-2022 task 8) and "xling DIR"
 * (SlavicNER raw/): cross-lingual similarity from pivot term bags. */
ng_status ngi_eval_pairs(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep);
ng_status ngi_eval_xling(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep);
/* eval_coverage.c: "coverage PATH" (JSONL, DIR/articles.jsonl or
 * TOPIC/LANG/NAME.txt): the pivot dictionary's coverage per language. */
ng_status ngi_eval_coverage(ngi_eval_ctx *ctx, char **argv,
			    ngi_eval_report *rep);
/* eval_quotes.c: "quotes DIR" (PolNeAR: DIR/text, DIR/attributions). */
ng_status ngi_eval_quotes(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep);
/* eval_stance.c: "stance BODIES.csv STANCES.csv" (FNC-1 stance). */
ng_status ngi_eval_stance(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep);
/* eval_extract.c: "extract DIR" (article-extraction benchmark layout:
 * DIR/ground-truth.json, DIR/html/ID.html.gz). */
ng_status ngi_eval_extract(ngi_eval_ctx *ctx, char **argv,
			   ngi_eval_report *rep);

#endif
