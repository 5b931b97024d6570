/*
 * newsgraph_eval.h: the quality suites, for the newsgraph command and the
 * tests. Not part of libnewsgraph: the suites live in the uninstalled
 * build/libnewsgraph-eval.a (docs/QUALITY.md, docs/ABI.md), which is linked
 * with the library's objects into `newsgraph eval` and the tests. Nothing
 * here is installed, so none of it is ABI.
 */
#ifndef NEWSGRAPH_EVAL_H
#define NEWSGRAPH_EVAL_H

#include "newsgraph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ng_eval_options {
	int json;
	int threads;
	double story_threshold; /* 0 = engine default */
	ng_diag_fn on_diag;
	void *diag_ctx;
	const char *predictions; /* stance: write predictions here (CSV) */
	int verbose;             /* extract: every page's score on stderr */
} ng_eval_options;

/* Runs a quality suite: "seeds DIR", "stories BODIES.csv STANCES.csv",
 * "stories-jsonl ARTICLES.jsonl GOLD.json", "titles-jsonl ...",
 * "reuse DIR", "msrp FILE", "entities DIR", "dates DIR", "pairs DIR",
 * "xling DIR", "quotes DIR", "stance BODIES.csv STANCES.csv",
 * "extract DIR". Prints a
 * table, or with json one object
 * {"suite": ..., "metrics": {...}}. opt may be NULL. */
ng_status ng_eval_run(const char *suite, int argc, char **argv,
		      const ng_eval_options *opt, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
