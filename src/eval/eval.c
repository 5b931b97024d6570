/*
 * eval.c: ng_eval_run, the driver of the quality suites.
 *
 * Looks the suite up in one table (name, arguments, function), checks the
 * argument count, runs it, and prints its report: an aligned table of
 * (metric, value), or with opt->json one line
 * {"suite": NAME, "metrics": {...}}. The suites themselves live in
 * eval_<name>.c and use only the public engine API, so a score measures what
 * a user of the library gets.
 */
#include "eval.h"

#include <math.h>
#include <string.h>
#include <time.h>

typedef struct eval_suite {
	const char *name;
	const char *args;     /* for the usage message */
	int argc;
	ngi_eval_suite_fn run;
	const char *about;
} eval_suite;

/* Later suites (dates, entities, reuse, pairs) are one entry each. */
static const eval_suite suites[] = {
	{"seeds", "DIR", 1, ngi_eval_seeds,
	 "hand-made gold: stories, language, copies, dates (DIR/expected.json)"},
	{"stories", "BODIES.csv STANCES.csv", 2, ngi_eval_stories,
	 "FNC-1 story clustering: bodies sharing a related headline"},
	{"stories-jsonl", "ARTICLES.jsonl GOLD.json", 2, ngi_eval_stories_jsonl,
	 "story clustering of a JSON Lines set against a map of id to event"},
	{"titles-jsonl", "ARTICLES.jsonl GOLD.json", 2, ngi_eval_titles_jsonl,
	 "the same with each record's title alone as its text (short items)"},
	{"reuse", "DIR", 1, ngi_eval_reuse,
	 "copy detection on a corpus from eval/gen_reuse.py (DIR/pairs.jsonl)"},
	{"msrp", "FILE", 1, ngi_eval_msrp,
	 "MSRP sentence paraphrases: features + logistic regression, 10-fold"},
	{"entities", "DIR", 1, ngi_eval_entities,
	 "SlavicNER: mention P/R/F1 and cross-lingual key pairs (DIR/raw, DIR/ner)"},
	{"dates", "DIR", 1, ngi_eval_dates,
	 "TempEval-3 TimeML: strict, relaxed and value F1 of the date tagger"},
	{"pairs", "DIR", 1, ngi_eval_pairs,
	 "SemEval-2022 task 8: cross-lingual similarity vs Overall, same-story F1"},
	{"xling", "DIR", 1, ngi_eval_xling,
	 "SlavicNER raw/: nearest article in another language, same topic (P@1)"},
	{"coverage", "PATH", 1, ngi_eval_coverage,
	 "pivot dictionary coverage of content words per language (JSONL or DIR)"},
	{"quotes", "DIR", 1, ngi_eval_quotes,
	 "PolNeAR brat: direct quote spans (exact, 50% overlap) and speakers"},
	{"stance", "BODIES.csv STANCES.csv", 2, ngi_eval_stance,
	 "FNC-1 stance of each headline/body pair (embedded model; --predictions)"},
	{"extract", "DIR", 1, ngi_eval_extract,
	 "article extraction from HTML: body F1 of word 4-gram shingles (--verbose)"},
};

void ngi_eval_real(ngi_eval_report *r, const char *name, double value)
{
	if (r->n >= NGI_EVAL_MAX_METRICS)
		return;
	r->metrics[r->n++] = (ngi_eval_metric){name, 0, 0, value};
}

void ngi_eval_count(ngi_eval_report *r, const char *name, long long count)
{
	if (r->n >= NGI_EVAL_MAX_METRICS)
		return;
	r->metrics[r->n++] = (ngi_eval_metric){name, 1, count, (double)count};
}

void ngi_eval_clusters(ngi_eval_report *r, const ngi_cluster_scores *sc)
{
	ngi_eval_count(r, "stories_gold", sc->gold_clusters);
	ngi_eval_count(r, "stories_pred", sc->pred_clusters);
	ngi_eval_real(r, "bcubed_precision", sc->bcubed_precision);
	ngi_eval_real(r, "bcubed_recall", sc->bcubed_recall);
	ngi_eval_real(r, "bcubed_f1", sc->bcubed_f1);
	ngi_eval_real(r, "ari", sc->ari);
}

double ngi_eval_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

ng_status ngi_eval_engine_fail(ng_engine *e, const char *what, ng_status st)
{
	const char *msg = e ? ng_errmsg(e) : "";
	fprintf(stderr, "newsgraph eval: %s: %s%s%s\n", what, ng_status_str(st),
		msg && *msg ? ": " : "", msg ? msg : "");
	return st;
}

ng_status ngi_eval_open_engine(const ngi_eval_ctx *ctx, ng_engine **out)
{
	ng_config c;
	ng_config_init(&c);
	c.db_path = NULL;
	c.threads = ctx->opt->threads;
	c.story_threshold = ctx->opt->story_threshold;
	c.on_diag = ctx->opt->on_diag;
	c.diag_ctx = ctx->opt->diag_ctx;
	ng_status st = ng_engine_open(&c, out);
	if (st)
		return ngi_eval_engine_fail(NULL, "cannot open an in-memory engine",
					    st);
	return NG_OK;
}

static void print_usage(const char *problem)
{
	fprintf(stderr, "newsgraph eval: %s\nsuites:\n", problem);
	for (size_t i = 0; i < NGI_ARRAY_LEN(suites); i++)
		fprintf(stderr, "  %-8s %-24s %s\n", suites[i].name,
			suites[i].args, suites[i].about);
}

static ng_status print_table(const char *suite, const ngi_eval_report *r,
			     FILE *out)
{
	size_t width = strlen("metric");
	for (size_t i = 0; i < r->n; i++)
		if (strlen(r->metrics[i].name) > width)
			width = strlen(r->metrics[i].name);
	fprintf(out, "suite %s\n%-*s  %s\n", suite, (int)width, "metric", "value");
	for (size_t i = 0; i < r->n; i++) {
		const ngi_eval_metric *m = &r->metrics[i];
		if (m->is_count)
			fprintf(out, "%-*s  %lld\n", (int)width, m->name, m->count);
		else
			fprintf(out, "%-*s  %.4f\n", (int)width, m->name, m->value);
	}
	return ferror(out) ? NG_ERR_IO : NG_OK;
}

static ng_status print_json(const char *suite, const ngi_eval_report *r,
			    FILE *out)
{
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ng_status st = ngi_buf_puts(&b, "{\"suite\": ");
	if (!st)
		st = ngi_buf_json_str(&b, suite);
	if (!st)
		st = ngi_buf_puts(&b, ", \"metrics\": {");
	for (size_t i = 0; !st && i < r->n; i++) {
		const ngi_eval_metric *m = &r->metrics[i];
		if (i)
			st = ngi_buf_puts(&b, ", ");
		if (!st)
			st = ngi_buf_json_str(&b, m->name);
		if (st)
			break;
		if (m->is_count)
			st = ngi_buf_printf(&b, ": %lld", m->count);
		else if (isfinite(m->value))
			st = ngi_buf_printf(&b, ": %.6g", m->value);
		else
			st = ngi_buf_puts(&b, ": null");
	}
	if (!st)
		st = ngi_buf_puts(&b, "}}\n");
	if (!st && fputs(b.data, out) == EOF)
		st = NG_ERR_IO;
	ngi_buf_free(&b);
	return st;
}

/* argv holds the suite's own arguments (argc of them). A caller that passes
 * the suite name as argv[0] as well is accepted: the name is skipped. */
ng_status ng_eval_run(const char *suite, int argc, char **argv,
		      const ng_eval_options *opt, FILE *out)
{
	static const ng_eval_options defaults = {0, 0, 0.0, NULL, NULL, NULL, 0};
	const eval_suite *s = NULL;
	for (size_t i = 0; suite && i < NGI_ARRAY_LEN(suites); i++)
		if (strcmp(suite, suites[i].name) == 0)
			s = &suites[i];
	if (!s) {
		char msg[256];
		snprintf(msg, sizeof msg, "unknown suite \"%.100s\"",
			 suite ? suite : "");
		print_usage(msg);
		return NG_ERR_USAGE;
	}
	if (argc == s->argc + 1 && argv && argv[0] &&
	    strcmp(argv[0], s->name) == 0) {
		argc--;
		argv++;
	}
	if (argc != s->argc || (argc && !argv)) {
		char msg[256];
		snprintf(msg, sizeof msg, "suite %s takes %s (%d argument%s), got %d",
			 s->name, s->args, s->argc, s->argc == 1 ? "" : "s", argc);
		print_usage(msg);
		return NG_ERR_USAGE;
	}
	for (int i = 0; i < argc; i++)
		if (!argv[i]) {
			print_usage("missing argument");
			return NG_ERR_USAGE;
		}
	ngi_eval_ctx ctx = {opt ? opt : &defaults, {0}};
	ctx.diag.fn = ctx.opt->on_diag;
	ctx.diag.ctx = ctx.opt->diag_ctx;
	ngi_eval_report rep = {0};
	ng_status st = s->run(&ctx, argv, &rep);
	if (st)
		return st;
	if (!out)
		out = stdout;
	return ctx.opt->json ? print_json(s->name, &rep, out)
			     : print_table(s->name, &rep, out);
}
