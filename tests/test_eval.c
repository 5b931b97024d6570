/*
 * test_eval.c: ng_eval_run, the quality-suite driver of src/eval/.
 *
 * Usage errors (unknown suite, wrong argument count) must return
 * NG_ERR_USAGE. The "stories" suite runs end to end on a tiny hand-made
 * FNC-1 pair of files, "stories-jsonl" and "titles-jsonl" on a five-record
 * JSON Lines set, and "seeds" on ../shared/fixtures/seed-stories when it
 * is there (skipped with a message otherwise); both with json output, which
 * must be one line of valid JSON with the gold-side counts right. The scores
 * themselves depend on the engine and are measured by `make eval`, not here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/json.h"
#include "eval/newsgraph_eval.h"
#include "check.h"

/* Runs a suite with json output; returns its status and the output text
 * (caller frees) in *text. */
static ng_status run_json(const char *suite, int argc, char **argv, char **text)
{
	ng_eval_options opt = {0};
	opt.json = 1;
	opt.threads = 1;
	FILE *f = tmpfile();
	*text = NULL;
	if (!f)
		return NG_ERR_IO;
	ng_status st = ng_eval_run(suite, argc, argv, &opt, f);
	long n = ftell(f);
	rewind(f);
	char *buf = calloc(1, n > 0 ? (size_t)n + 1 : 1);
	if (buf && n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)
		buf[0] = '\0';
	fclose(f);
	*text = buf;
	return st;
}

/* The suite's JSON output parsed into a (NULL when it is missing or not
 * JSON). */
static ngi_json *parse_output(const char *text, ngi_arena *a)
{
	ngi_json *root = NULL;
	size_t off;
	const char *msg;
	if (!text || ngi_json_parse(text, strlen(text), a, &root, &off, &msg))
		return NULL;
	return root;
}

static double metric(const ngi_json *root, const char *name)
{
	const ngi_json *m = ngi_json_get(ngi_json_get(root, "metrics"), name);
	return m && m->type == NGI_JSON_NUMBER ? m->number : -1.0;
}

static void test_usage(void)
{
	char *args[] = {"a", "b", "c"};
	FILE *devnull = fopen("/dev/null", "w");
	CHECK(ng_eval_run("nope", 0, NULL, NULL, devnull) == NG_ERR_USAGE);
	CHECK(ng_eval_run(NULL, 0, NULL, NULL, devnull) == NG_ERR_USAGE);
	CHECK(ng_eval_run("seeds", 0, NULL, NULL, devnull) == NG_ERR_USAGE);
	CHECK(ng_eval_run("seeds", 2, args, NULL, devnull) == NG_ERR_USAGE);
	CHECK(ng_eval_run("stories", 1, args, NULL, devnull) == NG_ERR_USAGE);
	CHECK(ng_eval_run("stories", 3, args, NULL, devnull) == NG_ERR_USAGE);
	if (devnull)
		fclose(devnull);
}

static int write_temp(char *path, const char *content)
{
	strcpy(path, "/tmp/ng_test_eval_XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	size_t n = strlen(content);
	int ok = write(fd, content, n) == (ssize_t)n;
	close(fd);
	return ok;
}

static void test_stories_small(void)
{
	char bodies[64], stances[64];
	CHECK(write_temp(bodies,
			 "Body ID,articleBody\n"
			 "2,\"The city council approved a new budget for public "
			 "parks on Monday, raising spending on playgrounds.\"\n"
			 "1,\"A spacecraft landed on a comet after a ten year "
			 "journey, the space agency said.\"\n"
			 "3,\"Heavy rain flooded several streets in the harbour "
			 "district overnight, police said.\"\n"));
	CHECK(write_temp(stances, "Headline,Body ID,Stance\n"
				  "Probe lands on comet,1,agree\n"
				  "Parks budget passed,2,discuss\n"
				  "Parks budget passed,3,unrelated\n"));
	char *argv[] = {bodies, stances};
	char *text;
	ng_status st = run_json("stories", 2, argv, &text);
	CHECK_MSG(st == NG_OK, "status %d", (int)st);
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_json *root = parse_output(text, &a);
	CHECK(text && strchr(text, '\n') == text + strlen(text) - 1);
	CHECK(root != NULL);
	if (root) {
		CHECK_STR(ngi_json_get_str(root, "suite"), "stories");
		CHECK(metric(root, "bodies") == 3);
		CHECK(metric(root, "stories_gold") == 3);
		CHECK(metric(root, "bcubed_f1") >= 0 && metric(root, "bcubed_f1") <= 1);
		CHECK(metric(root, "ari") >= -1 && metric(root, "ari") <= 1);
	}
	ngi_arena_free(&a);
	free(text);
	unlink(bodies);
	unlink(stances);
}

/* stories-jsonl and titles-jsonl on a five-record set: only the records the
 * gold names are scored (one record has no gold, one gold id no record),
 * per-language metrics are there for each language, and a gold file that
 * is not an object of id to event, or missing, fails. */
static void test_stories_jsonl_small(void)
{
	char arts[64], gold[64], bad_gold[64];
	CHECK(write_temp(arts,
		"{\"id\":\"c1\",\"lang\":\"en\",\"title\":\"Probe lands on comet\","
		"\"text\":\"A spacecraft landed on a comet after a ten year journey.\"}\n"
		"{\"id\":\"c2\",\"lang\":\"de\",\"title\":\"Sonde landet auf Komet\","
		"\"text\":\"Eine Raumsonde landete nach zehn Jahren auf einem Kometen.\"}\n"
		"{\"id\":\"p1\",\"lang\":\"en\",\"title\":\"Parks budget passed\","
		"\"text\":\"The city council approved a new budget for public parks.\"}\n"
		"{\"id\":\"p2\",\"lang\":\"en\",\"title\":\"Council backs parks\","
		"\"text\":\"The council approved more spending on parks and playgrounds.\"}\n"
		"{\"id\":\"x\",\"lang\":\"en\",\"title\":\"Unscored\","
		"\"text\":\"Heavy rain flooded several streets overnight.\"}\n"));
	CHECK(write_temp(gold, "{\"c1\":\"comet\",\"c2\":\"comet\",\"p1\":\"parks\","
			       "\"p2\":\"parks\",\"absent\":\"other\"}"));
	CHECK(write_temp(bad_gold, "[\"c1\",\"comet\"]"));
	const char *suites[] = {"stories-jsonl", "titles-jsonl"};
	for (int k = 0; k < 2; k++) {
		char *argv[] = {arts, gold};
		char *text;
		ng_status st = run_json(suites[k], 2, argv, &text);
		CHECK_MSG(st == NG_OK, "%s: status %d", suites[k], (int)st);
		ngi_arena a;
		ngi_arena_init(&a, 0);
		ngi_json *root = parse_output(text, &a);
		CHECK(root != NULL);
		if (root) {
			CHECK_STR(ngi_json_get_str(root, "suite"), suites[k]);
			CHECK(metric(root, "articles") == 4);
			CHECK(metric(root, "stories_gold") == 2);
			CHECK(metric(root, "missing") == 0);
			CHECK(metric(root, "bcubed_f1") > 0 && metric(root, "bcubed_f1") <= 1);
			CHECK(metric(root, "recall_de") > 0 && metric(root, "recall_de") <= 1);
			CHECK(metric(root, "precision_en") > 0);
			CHECK(metric(root, "pair_recall_across_languages") >= 0);
		}
		ngi_arena_free(&a);
		free(text);
		char *bad[] = {arts, bad_gold};
		FILE *devnull = fopen("/dev/null", "w");
		ng_eval_options opt = {0};
		opt.threads = 1;
		CHECK(ng_eval_run(suites[k], 2, bad, &opt, devnull) == NG_ERR_INPUT);
		char *missing[] = {arts, "/nonexistent/gold.json"};
		CHECK(ng_eval_run(suites[k], 2, missing, &opt, devnull) != NG_OK);
		if (devnull)
			fclose(devnull);
	}
	unlink(arts);
	unlink(gold);
	unlink(bad_gold);
}

static void test_seeds(void)
{
	const char *root_dir = getenv("NG_SHARED");
	char dir[1024], gold[1100];
	snprintf(dir, sizeof dir, "%s/fixtures/seed-stories",
		 root_dir ? root_dir : "../shared");
	snprintf(gold, sizeof gold, "%s/expected.json", dir);
	if (access(gold, R_OK) != 0) {
		SKIP("the seeds suite: %s not found", gold);
		return;
	}
	char *argv[] = {dir};
	char *text;
	ng_status st = run_json("seeds", 1, argv, &text);
	CHECK_MSG(st == NG_OK, "status %d", (int)st);
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_json *root = parse_output(text, &a);
	CHECK(root != NULL);
	if (root) {
		CHECK_STR(ngi_json_get_str(root, "suite"), "seeds");
		CHECK(metric(root, "documents") == 5);
		CHECK(metric(root, "stories_gold") == 3);
		CHECK(metric(root, "lang_total") == 5);
		CHECK(metric(root, "published_total") == 2);
		CHECK(metric(root, "copies_total") == 1);
		CHECK(metric(root, "missing") == 0);
	}
	ngi_arena_free(&a);
	free(text);
}

int main(void)
{
	test_usage();
	test_stories_small();
	test_stories_jsonl_small();
	test_seeds();
	return check_report("eval");
}
