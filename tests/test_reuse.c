/*
 * test_reuse.c: sentence-pair features (src/eval/sentence_sim.c), the
 * logistic regression (src/eval/logreg.c), and the counting of the "reuse"
 * and "msrp" eval suites on tiny hand-made data written to /tmp.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/json.h"
#include "check.h"
#include "eval/logreg.h"
#include "eval/newsgraph_eval.h"
#include "eval/sentence_sim.h"
#include "newsgraph.h"
#include "text/text.h"

/* ---- sentence_sim --------------------------------------------------------- */
enum { F_WMIN, F_WMAX, F_SMIN, F_SMAX, F_SJ, F_LCSMIN, F_LCSMAX, F_BIGRAM,
       F_NUM, F_NUMDIFF, F_NAMES, F_LEN };

static int features_of(ngi_text_ctx *tc, const char *a, const char *b,
		       double f[NGI_SIM_N_FEATURES])
{
	ngi_arena ar;
	ngi_arena_init(&ar, 0);
	ngi_doc da, db;
	ngi_sim_sentence sa, sb;
	int ok = ngi_text_analyze(tc, a, strlen(a), "en", &ar, &da) == NG_OK &&
		 ngi_text_analyze(tc, b, strlen(b), "en", &ar, &db) == NG_OK &&
		 ngi_sim_prepare(&da, 0, da.n_tokens, &ar, &sa) == NG_OK &&
		 ngi_sim_prepare(&db, 0, db.n_tokens, &ar, &sb) == NG_OK;
	if (ok)
		ngi_sim_features(&sa, &sb, f);
	ngi_arena_free(&ar);
	return ok;
}

typedef struct sim_case {
	const char *a, *b;
	int feature;
	double lo, hi; /* expected range, inclusive */
} sim_case;

static const sim_case sim_cases[] = {
	/* identical sentences: everything is 1, no differing numbers */
	{"The minister resigned on Tuesday.", "The minister resigned on Tuesday.",
	 F_WMIN, 1, 1},
	{"The minister resigned on Tuesday.", "The minister resigned on Tuesday.",
	 F_LCSMIN, 1, 1},
	{"The minister resigned on Tuesday.", "The minister resigned on Tuesday.",
	 F_BIGRAM, 1, 1},
	{"The minister resigned on Tuesday.", "The minister resigned on Tuesday.",
	 F_NUMDIFF, 0, 0},
	/* nothing in common */
	{"Rain fell over Paris.", "Stocks climbed sharply yesterday.", F_WMAX, 0,
	 0},
	{"Rain fell over Paris.", "Stocks climbed sharply yesterday.", F_SJ, 0,
	 0},
	/* stems match across inflections: "resigned" / "resigns" */
	{"The minister resigned.", "The minister resigns.", F_SMIN, 1, 1},
	{"The minister resigned.", "The minister resigns.", F_WMIN, 0.6, 0.7},
	/* containment: one way 1, the other 4/8 */
	{"Police arrested two men.",
	 "Police arrested two men after a long chase.", F_WMAX, 1, 1},
	{"Police arrested two men.",
	 "Police arrested two men after a long chase.", F_WMIN, 0.49, 0.51},
	{"Police arrested two men.",
	 "Police arrested two men after a long chase.", F_LEN, 0.49, 0.51},
	/* order: same words reversed keep the sets, lose the LCS */
	{"alpha beta gamma delta", "delta gamma beta alpha", F_WMIN, 1, 1},
	{"alpha beta gamma delta", "delta gamma beta alpha", F_LCSMAX, 0.25,
	 0.25},
	{"alpha beta gamma delta", "delta gamma beta alpha", F_BIGRAM, 0, 0},
	/* numbers: shared, and a differing one */
	{"Sales rose 12 percent in 2019.", "In 2019 sales rose 12 percent.",
	 F_NUM, 1, 1},
	{"Sales rose 12 percent in 2019.", "Sales rose 15 percent in 2019.",
	 F_NUM, 0.33, 0.34},
	{"Sales rose 12 percent in 2019.", "Sales rose 15 percent in 2019.",
	 F_NUMDIFF, 1, 1},
	/* names: capitalised words not opening the sentence */
	{"Yesterday Vladimir Putin spoke.", "Yesterday Vladimir spoke.", F_NAMES,
	 0.5, 0.5},
	/* empty sentences compare as equal sets, never NaN */
	{"", "", F_WMIN, 1, 1},
	{"", "Something happened.", F_LEN, 0, 0},
};

static void test_sentence_sim(void)
{
	ngi_text_ctx *tc = NULL;
	CHECK(ngi_text_ctx_new(&tc) == NG_OK);
	if (!tc)
		return;
	for (size_t i = 0; i < NGI_ARRAY_LEN(sim_cases); i++) {
		const sim_case *c = &sim_cases[i];
		double f[NGI_SIM_N_FEATURES];
		CHECK(features_of(tc, c->a, c->b, f));
		CHECK_MSG(f[c->feature] >= c->lo - 1e-9 &&
				  f[c->feature] <= c->hi + 1e-9,
			  "case %zu \"%s\" / \"%s\": %s = %g, want [%g, %g]", i,
			  c->a, c->b, ngi_sim_feature_names[c->feature],
			  f[c->feature], c->lo, c->hi);
		/* symmetric, finite, in [0, 1] */
		double g[NGI_SIM_N_FEATURES];
		CHECK(features_of(tc, c->b, c->a, g));
		for (int j = 0; j < NGI_SIM_N_FEATURES; j++) {
			CHECK_MSG(fabs(f[j] - g[j]) < 1e-12 && f[j] >= 0 &&
					  f[j] <= 1 && isfinite(f[j]),
				  "case %zu feature %s: %g vs %g", i,
				  ngi_sim_feature_names[j], f[j], g[j]);
		}
	}
	/* a sentence longer than the LCS cap does not overflow */
	size_t n = 3000;
	char *big = malloc(n * 4 + 1);
	if (big) {
		for (size_t i = 0; i < n; i++)
			memcpy(big + 4 * i, "abc ", 4);
		big[4 * n] = '\0';
		double f[NGI_SIM_N_FEATURES];
		CHECK(features_of(tc, big, big, f));
		CHECK(f[F_LCSMIN] == 1.0);
		free(big);
	}
	ngi_text_ctx_free(tc);
}

/* ---- logistic regression ---------------------------------------------- */
static void test_logreg(void)
{
	/* separable on feature 0 (threshold 0.5); feature 1 is noise, feature 2
	 * constant */
	double x[20 * 3];
	int y[20];
	for (int i = 0; i < 20; i++) {
		x[i * 3] = i < 10 ? 0.1 + 0.02 * i : 0.7 + 0.02 * i;
		x[i * 3 + 1] = (double)((i * 7) % 5);
		x[i * 3 + 2] = 3.0;
		y[i] = i >= 10;
	}
	ngi_logreg m, m2;
	CHECK(ngi_logreg_train(&m, x, y, 20, 3, NULL) == NG_OK);
	CHECK(ngi_logreg_train(&m2, x, y, 20, 3, NULL) == NG_OK);
	CHECK(memcmp(&m, &m2, sizeof m) == 0); /* deterministic */
	int right = 0;
	for (int i = 0; i < 20; i++)
		right += (ngi_logreg_prob(&m, x + i * 3) >= 0.5) == y[i];
	CHECK_MSG(right == 20, "%d of 20 right", right);
	CHECK(m.weight[0] > 1.0);
	CHECK(m.weight[2] == 0.0); /* a constant feature gets no weight */
	double lo[3] = {0.0, 2, 3}, hi[3] = {1.2, 2, 3};
	CHECK(ngi_logreg_prob(&m, lo) < 0.1);
	CHECK(ngi_logreg_prob(&m, hi) > 0.9);
	/* stronger L2 shrinks the weights */
	ngi_logreg_options strong = {500, 0.5, 1.0};
	ngi_logreg ms;
	CHECK(ngi_logreg_train(&ms, x, y, 20, 3, &strong) == NG_OK);
	CHECK(fabs(ms.weight[0]) < fabs(m.weight[0]));
	/* bad arguments leave the model alone */
	ngi_logreg before = m;
	CHECK(ngi_logreg_train(&m, x, y, 0, 3, NULL) == NG_ERR_USAGE);
	CHECK(ngi_logreg_train(&m, x, y, 20, 0, NULL) == NG_ERR_USAGE);
	CHECK(ngi_logreg_train(&m, x, y, 20, NGI_LOGREG_MAX_FEATURES + 1,
			       NULL) == NG_ERR_USAGE);
	CHECK(memcmp(&m, &before, sizeof m) == 0);
}

/* ---- the suites, through ng_eval_run ------------------------------------ */
static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	int ok = fputs(text, f) != EOF;
	return fclose(f) == 0 && ok;
}

static void quiet(void *ctx, const ng_diag *d)
{
	(void)d;
	(*(int *)ctx)++;
}

/* Runs a suite with --json into a temporary file; returns the metrics
 * object parsed into a (NULL on failure). */
static const ngi_json *run_suite(const char *suite, char *arg, ngi_arena *a,
				 int *diags, ng_status *st_out)
{
	ng_eval_options opt = {1, 2, 0.0, quiet, diags, NULL};
	FILE *out = tmpfile();
	if (!out)
		return NULL;
	char *argv[1] = {arg};
	ng_status st = ng_eval_run(suite, 1, argv, &opt, out);
	*st_out = st;
	const ngi_json *metrics = NULL;
	if (st == NG_OK) {
		long n = ftell(out);
		rewind(out);
		char *buf = ngi_arena_alloc(a, (size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, out) == (size_t)n) {
			ngi_json *j = NULL;
			size_t off;
			const char *msg;
			if (ngi_json_parse(buf, (size_t)n, a, &j, &off, &msg) ==
			    NG_OK)
				metrics = ngi_json_get(j, "metrics");
		}
	}
	fclose(out);
	return metrics;
}

static double metric(const ngi_json *m, const char *name)
{
	const ngi_json *v = m ? ngi_json_get(m, name) : NULL;
	if (!v)
		return -12345;
	return v->type == NGI_JSON_NUMBER ? v->number : NAN;
}

#define BODY_A                                                                 \
	"The city council approved a new budget on Monday after a long "      \
	"debate about school funding. The mayor said the plan would add forty " \
	"teachers next year. Opponents argued that the tax increase was too "  \
	"steep for families. The vote was seven to two."
#define BODY_B                                                                 \
	"A storm knocked out power to thousands of homes across the valley "   \
	"overnight. Crews worked through the morning to restore lines. The "   \
	"utility expects most customers to be back by evening. Schools in "    \
	"three districts closed for the day."
#define BODY_C                                                                 \
	"Council members clashed over school funding in a heated session. "    \
	"Critics of the mayor warned that families could not afford higher "   \
	"taxes. Supporters pointed to crowded classrooms and old buildings. "  \
	"A final decision is expected within weeks."

static void test_reuse_suite(void)
{
	char dir[] = "/tmp/ng_test_reuse_XXXXXX";
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	char articles[256], pairs[256];
	snprintf(articles, sizeof articles, "%s/articles.jsonl", dir);
	snprintf(pairs, sizeof pairs, "%s/pairs.jsonl", dir);
	/* a1 original of a2 (exact, dated later) and a4 (exact, undated);
	 * a3 and a5 unrelated; a1 / a5 a hard negative (same topic, no shared
	 * text); the copy a2 comes first in the file. */
	CHECK(write_file(
		articles,
		"{\"id\":\"a2\",\"title\":\"Budget\",\"text\":\"" BODY_A
		"\",\"published\":\"2020-01-07T10:00:00Z\",\"lang\":\"en\"}\n"
		"{\"id\":\"a1\",\"title\":\"Budget\",\"text\":\"" BODY_A
		"\",\"published\":\"2020-01-05T10:00:00Z\",\"lang\":\"en\"}\n"
		"\n"
		"{\"id\":\"a3\",\"title\":\"Storm\",\"text\":\"" BODY_B
		"\",\"published\":\"2020-01-05T11:00:00Z\",\"lang\":\"en\"}\n"
		"{\"id\":\"a4\",\"title\":\"Budget\",\"text\":\"" BODY_A
		"\",\"lang\":\"en\"}\n"
		"{\"id\":\"a5\",\"title\":\"Council\",\"text\":\"" BODY_C
		"\",\"published\":\"2020-01-05T12:00:00Z\",\"lang\":\"en\"}\n"));
	CHECK(write_file(
		pairs,
		"{\"copy\":\"a2\",\"original\":\"a1\",\"kind\":\"exact\","
		"\"transform\":\"exact\",\"copy_dated\":true}\n"
		"{\"copy\":\"a4\",\"original\":\"a1\",\"kind\":\"exact\","
		"\"transform\":\"exact\",\"copy_dated\":false}\n"
		"{\"a\":\"a1\",\"b\":\"a5\",\"kind\":\"negative\"}\n"));
	ngi_arena a;
	ngi_arena_init(&a, 0);
	int diags = 0;
	ng_status st;
	const ngi_json *m = run_suite("reuse", dir, &a, &diags, &st);
	CHECK_MSG(m != NULL, "reuse suite: %s", ng_status_str(st));
	CHECK(diags == 0);
	CHECK(metric(m, "articles") == 5);
	CHECK(metric(m, "gold_pairs") == 2);
	CHECK(metric(m, "negative_pairs") == 1);
	CHECK(metric(m, "exact_pairs") == 2);
	CHECK(metric(m, "near_pairs") == 0);
	CHECK(metric(m, "false_edges") == 0);
	CHECK(metric(m, "negatives_linked") == 0);
	CHECK(metric(m, "negative_precision") == 1.0);
	CHECK(metric(m, "precision") == 1.0);
	/* The three copies of one text are one family: every edge among them
	 * is correct; both gold pairs are found whatever the engine makes of
	 * the undated one (an edge to the original or to its sibling). */
	double found = metric(m, "gold_edges"), sib = metric(m, "sibling_edges");
	CHECK(found + sib == metric(m, "edges"));
	CHECK_MSG(found >= 1 && found <= 2, "gold_edges %g", found);
	CHECK(fabs(metric(m, "recall") - found / 2) < 1e-9);
	CHECK(fabs(metric(m, "exact_recall") - found / 2) < 1e-9);
	CHECK(metric(m, "exact_kind_match") == 1.0);
	CHECK(metric(m, "connected_recall") == 1.0);
	/* the dated copy's direction comes from its date */
	CHECK(metric(m, "direction_accuracy_dated") == 1.0);
	/* no rewrite or partial pairs: recall 1 by convention, kind match
	 * undefined (null) */
	CHECK(metric(m, "rewrite_recall") == 1.0);
	CHECK(isnan(metric(m, "rewrite_kind_match")));
	/* the exact-Jaccard baseline links all three copies, nothing else */
	CHECK(metric(m, "minhash08_edges") == 3);
	CHECK(metric(m, "minhash08_recall") == 1.0);
	CHECK(metric(m, "minhash08_precision") == 1.0);
	CHECK(metric(m, "minhash08_negative_precision") == 1.0);

	/* pairs naming unknown ids and bad lines are reported, not fatal */
	CHECK(write_file(pairs,
			 "{\"copy\":\"a2\",\"original\":\"zz\",\"kind\":\"exact\"}\n"
			 "not json\n"
			 "{\"copy\":\"a2\",\"original\":\"a1\",\"kind\":\"odd\"}\n"
			 "{\"copy\":\"a2\",\"original\":\"a1\",\"kind\":\"exact\"}\n"));
	diags = 0;
	m = run_suite("reuse", dir, &a, &diags, &st);
	CHECK(m != NULL);
	CHECK(diags == 3);
	CHECK(metric(m, "gold_pairs") == 1);
	CHECK(metric(m, "unknown_ids") == 1);
	CHECK(metric(m, "bad_lines") == 2);

	/* a missing directory is an error, not a crash */
	char missing[300];
	snprintf(missing, sizeof missing, "%s/nope", dir);
	diags = 0;
	m = run_suite("reuse", missing, &a, &diags, &st);
	CHECK(m == NULL && st != NG_OK);
	ngi_arena_free(&a);
	unlink(articles);
	unlink(pairs);
	rmdir(dir);
}

#define BLOCK                                                                  \
	"Engineers found a crack in the main span of the old river bridge "   \
	"during a routine inspection last week. \\\"We closed it within the "     \
	"hour because nobody should cross a bridge like that,\\\" the chief "     \
	"engineer told reporters at the site. Repairs are expected to take "   \
	"at least four months and will cost the county about two million "   \
	"dollars. Ferries will carry commuters across the river until then."

/* An original that arrives last: a host article that lifted three of its
 * paragraphs came first, then an exact copy. The original is an exact copy
 * of what is already known, but it must still be linked to the partial
 * copy, and named its original. */
static void test_reuse_late_original(void)
{
	char dir[] = "/tmp/ng_test_reuse_XXXXXX";
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	char articles[256], pairs[256];
	snprintf(articles, sizeof articles, "%s/articles.jsonl", dir);
	snprintf(pairs, sizeof pairs, "%s/pairs.jsonl", dir);
	CHECK(write_file(
		articles,
		"{\"id\":\"host\",\"title\":\"Storm\",\"text\":\"" BODY_B
		"\\n\\n" BLOCK "\\n\\n" BODY_A
		"\",\"published\":\"2020-01-06T10:00:00Z\",\"lang\":\"en\"}\n"
		"{\"id\":\"twin\",\"title\":\"Bridge\",\"text\":\"" BLOCK
		" " BODY_C "\",\"published\":\"2020-01-06T09:00:00Z\",\"lang\":\"en\"}\n"
		"{\"id\":\"orig\",\"title\":\"Bridge\",\"text\":\"" BLOCK
		" " BODY_C "\",\"published\":\"2020-01-05T08:00:00Z\",\"lang\":\"en\"}\n"));
	CHECK(write_file(
		pairs,
		"{\"copy\":\"host\",\"original\":\"orig\",\"kind\":\"partial\","
		"\"transform\":\"partial\",\"copy_dated\":true}\n"
		"{\"copy\":\"twin\",\"original\":\"orig\",\"kind\":\"exact\","
		"\"transform\":\"exact\",\"copy_dated\":true}\n"));
	ngi_arena a;
	ngi_arena_init(&a, 0);
	int diags = 0;
	ng_status st;
	const ngi_json *m = run_suite("reuse", dir, &a, &diags, &st);
	CHECK_MSG(m != NULL, "reuse suite: %s", ng_status_str(st));
	CHECK(diags == 0);
	CHECK(metric(m, "gold_pairs") == 2);
	CHECK_MSG(metric(m, "partial_recall") == 1.0, "partial recall %g",
		  metric(m, "partial_recall"));
	CHECK(metric(m, "partial_kind_match") == 1.0);
	CHECK(metric(m, "exact_recall") == 1.0);
	CHECK(metric(m, "direction_accuracy") == 1.0);
	CHECK(metric(m, "false_edges") == 0);

	/* The same with an undated twin: only the arrival order makes the
	 * original the twin's copy, so it still looks for its own copies */
	CHECK(write_file(
		articles,
		"{\"id\":\"host\",\"title\":\"Storm\",\"text\":\"" BODY_B
		"\\n\\n" BLOCK "\\n\\n" BODY_A
		"\",\"published\":\"2020-01-06T10:00:00Z\",\"lang\":\"en\"}\n"
		"{\"id\":\"twin\",\"title\":\"Bridge\",\"text\":\"" BLOCK
		" " BODY_C "\",\"lang\":\"en\"}\n"
		"{\"id\":\"orig\",\"title\":\"Bridge\",\"text\":\"" BLOCK
		" " BODY_C "\",\"published\":\"2020-01-05T08:00:00Z\",\"lang\":\"en\"}\n"));
	CHECK(write_file(
		pairs,
		"{\"copy\":\"host\",\"original\":\"orig\",\"kind\":\"partial\","
		"\"transform\":\"partial\",\"copy_dated\":true}\n"
		"{\"copy\":\"twin\",\"original\":\"orig\",\"kind\":\"exact\","
		"\"transform\":\"exact\",\"copy_dated\":false}\n"));
	m = run_suite("reuse", dir, &a, &diags, &st);
	CHECK_MSG(m != NULL, "reuse suite: %s", ng_status_str(st));
	CHECK_MSG(metric(m, "partial_recall") == 1.0, "partial recall %g",
		  metric(m, "partial_recall"));
	CHECK(metric(m, "direction_accuracy_dated") == 1.0);

	/* An undated host: its date cannot tell, and neither can the shares
	 * of the two articles the block covers (the original's is the larger
	 * here); the arrival order decides. */
	CHECK(write_file(
		articles,
		"{\"id\":\"orig\",\"title\":\"Bridge\",\"text\":\"" BLOCK
		" " BODY_C "\",\"published\":\"2020-01-05T08:00:00Z\",\"lang\":\"en\"}\n"
		"{\"id\":\"host\",\"title\":\"Storm\",\"text\":\"" BODY_B
		"\\n\\n" BLOCK "\\n\\n" BODY_A "\",\"lang\":\"en\"}\n"));
	CHECK(write_file(
		pairs,
		"{\"copy\":\"host\",\"original\":\"orig\",\"kind\":\"partial\","
		"\"transform\":\"partial\",\"copy_dated\":false}\n"));
	m = run_suite("reuse", dir, &a, &diags, &st);
	CHECK_MSG(m != NULL, "reuse suite: %s", ng_status_str(st));
	CHECK(metric(m, "partial_recall") == 1.0);
	CHECK_MSG(metric(m, "direction_accuracy_undated") == 1.0,
		  "undated direction %g", metric(m, "direction_accuracy_undated"));
	ngi_arena_free(&a);
	unlink(articles);
	unlink(pairs);
	rmdir(dir);
}

static void test_msrp_suite(void)
{
	char path[] = "/tmp/ng_test_msrp_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		CHECK(!"mkstemp");
		return;
	}
	close(fd);
	/* 40 pairs: paraphrases share their words, the others do not; a
	 * quote character inside a string must not confuse the reader. */
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ngi_buf_puts(&b, "\xEF\xBB\xBFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n");
	static const char *const words[] = {"river", "bridge", "market",
					    "council", "harvest", "engine",
					    "doctor", "garden"};
	for (int i = 0; i < 40; i++) {
		const char *w = words[i % 8], *v = words[(i + 3) % 8];
		if (i % 2)
			ngi_buf_printf(&b,
				       "1\t%d\t%d\tThe \"%s\" near town opened in %d.\t"
				       "In %d the %s near town opened.\n",
				       i, i + 100, w, 1990 + i, 1990 + i, w);
		else
			ngi_buf_printf(&b,
				       "0\t%d\t%d\tThe %s near town opened in %d.\t"
				       "Yesterday a %s collapsed after %d storms.\n",
				       i, i + 100, w, 1990 + i, v, i + 3);
	}
	CHECK(write_file(path, b.data));
	ngi_buf_free(&b);
	ngi_arena a;
	ngi_arena_init(&a, 0);
	int diags = 0;
	ng_status st;
	const ngi_json *m = run_suite("msrp", path, &a, &diags, &st);
	CHECK_MSG(m != NULL, "msrp suite: %s", ng_status_str(st));
	CHECK(diags == 0);
	CHECK(metric(m, "pairs") == 40);
	CHECK(metric(m, "paraphrases") == 20);
	CHECK(metric(m, "accuracy") == 1.0);
	CHECK(metric(m, "f1") == 1.0);
	CHECK(metric(m, "all_paraphrase_accuracy") == 0.5);
	/* too few pairs is an input error */
	CHECK(write_file(path, "1\t1\t2\tA b c.\tA b c.\n"));
	m = run_suite("msrp", path, &a, &diags, &st);
	CHECK(m == NULL && st == NG_ERR_INPUT);
	ngi_arena_free(&a);
	unlink(path);
}

int main(void)
{
	test_sentence_sim();
	test_logreg();
	test_reuse_suite();
	test_reuse_late_original();
	test_msrp_suite();
	return check_report("reuse");
}
