/*
 * main.c: the newsgraph command. It uses only include/newsgraph.h.
 *
 * Exit status: 0 all went well; 1 the run finished but some input was bad
 * (reported on stderr with file, record and offset); 2 bad usage; 3 the run
 * failed (database, I/O, memory).
 */
#include <newsgraph.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { EXIT_OKAY = 0, EXIT_BADINPUT = 1, EXIT_USAGE = 2, EXIT_FAILED = 3 };

static const char usage[] =
	"usage: newsgraph COMMAND [ARGS] [OPTIONS]\n"
	"\n"
	"commands:\n"
	"  ingest PATH...        read articles (files, directories, - for stdin)\n"
	"                        into the database\n"
	"  stories               list the stories, largest first\n"
	"  show STORY            one story: its articles and copies\n"
	"  copies [STORY]        provenance: earliest source, tree of copies,\n"
	"                        evidence (all stories with copies by default)\n"
	"  export                every article with its story, copies, entities\n"
	"                        and dates\n"
	"  entities              people, organisations and places: canonical\n"
	"                        name, type, variants and counts\n"
	"  analyze PATH...       per-document features as JSON Lines, no database\n"
	"  eval SUITE ARGS...    quality suites: seeds DIR;\n"
	"                        stories BODIES.csv STANCES.csv\n"
	"  version               print the version\n"
	"\n"
	"options:\n"
	"  --db FILE             database (default newsgraph.db)\n"
	"  --threads N           analysis threads (default: all cores)\n"
	"  --threshold X         story similarity threshold (default 0.20)\n"
	"  --window DAYS         story time window (default 14)\n"
	"  --batch N             ingest: records per transaction (default 1000)\n"
	"  --format F            table, json or jsonl (stories, show, export,\n"
	"                        entities)\n"
	"  --type T              entities: person, organization, place or event\n"
	"  --min N               entities: at least N mentions (default 1)\n"
	"  --published DATE      analyze: publication date for every document\n"
	"  --json                eval: one JSON object instead of a table\n"
	"  -o FILE               export: write to FILE instead of stdout\n"
	"  -q, --quiet           ingest: no summary line\n";

typedef struct options {
	const char *db;
	int threads;
	double threshold;
	int window;
	int batch;
	ng_format format;
	int format_set;
	const char *published;
	const char *type;
	long long min;
	int json;
	const char *output;
	int quiet;
	char **args;
	int n_args;
} options;

static int bad_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "newsgraph: %s%s%s\n%s", msg, arg ? " " : "", arg ? arg : "",
		usage);
	return EXIT_USAGE;
}

static int parse_options(int argc, char **argv, options *o)
{
	memset(o, 0, sizeof *o);
	o->db = "newsgraph.db";
	o->args = calloc((size_t)argc + 1, sizeof *o->args);
	if (!o->args)
		return EXIT_FAILED;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		int takes = 1;
		if (!strcmp(a, "--db"))
			o->db = val;
		else if (!strcmp(a, "--threads"))
			o->threads = val ? atoi(val) : -1;
		else if (!strcmp(a, "--threshold"))
			o->threshold = val ? atof(val) : -1;
		else if (!strcmp(a, "--window"))
			o->window = val ? atoi(val) : -1;
		else if (!strcmp(a, "--batch"))
			o->batch = val ? atoi(val) : -1;
		else if (!strcmp(a, "--published"))
			o->published = val;
		else if (!strcmp(a, "--type")) {
			o->type = val;
			if (val && strcmp(val, "person") && strcmp(val, "organization") &&
			    strcmp(val, "place") && strcmp(val, "event"))
				return bad_usage("--type takes person, organization, place "
						 "or event, not", val);
		} else if (!strcmp(a, "--min"))
			o->min = val ? atoll(val) : -1;
		else if (!strcmp(a, "-o"))
			o->output = val;
		else if (!strcmp(a, "--format")) {
			o->format_set = 1;
			if (val && !strcmp(val, "table"))
				o->format = NG_FORMAT_TABLE;
			else if (val && !strcmp(val, "json"))
				o->format = NG_FORMAT_JSON;
			else if (val && !strcmp(val, "jsonl"))
				o->format = NG_FORMAT_JSONL;
			else
				return bad_usage("--format takes table, json or jsonl, not",
						 val ? val : "nothing");
		} else {
			takes = 0;
			if (!strcmp(a, "--json"))
				o->json = 1;
			else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
				o->quiet = 1;
			else if (a[0] == '-' && a[1] == '-' && a[2])
				return bad_usage("unknown option", a);
			else
				o->args[o->n_args++] = argv[i];
		}
		if (takes) {
			if (!val)
				return bad_usage("missing value after", a);
			i++;
		}
	}
	if (o->threads < 0 || o->threshold < 0 || o->window < 0 || o->batch < 0 ||
	    o->min < 0)
		return bad_usage("--threads, --threshold, --window, --batch and --min "
				 "take a non-negative number", NULL);
	return EXIT_OKAY;
}

static int exit_for(ng_status st)
{
	switch (st) {
	case NG_OK: return EXIT_OKAY;
	case NG_ERR_INPUT: return EXIT_BADINPUT;
	case NG_ERR_USAGE: return EXIT_USAGE;
	default: return EXIT_FAILED;
	}
}

static ng_engine *open_engine(const options *o, int must_exist)
{
	struct stat sb;
	if (must_exist && stat(o->db, &sb) != 0) {
		fprintf(stderr, "newsgraph: no database %s: run 'newsgraph ingest' "
				"first, or name one with --db\n", o->db);
		return NULL;
	}
	ng_config c;
	ng_config_init(&c);
	c.db_path = o->db;
	c.threads = o->threads;
	c.story_threshold = o->threshold;
	c.story_window_days = o->window;
	c.batch_size = o->batch;
	ng_engine *e = NULL;
	if (ng_engine_open(&c, &e) != NG_OK)
		return NULL; /* the reason went to stderr as a diagnostic */
	return e;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmd_ingest(const options *o)
{
	if (o->n_args == 0)
		return bad_usage("ingest needs at least one PATH", NULL);
	ng_engine *e = open_engine(o, 0);
	if (!e)
		return EXIT_FAILED;
	double t0 = now_seconds();
	ng_ingest_stats s = {0};
	ng_status worst = NG_OK;
	for (int i = 0; i < o->n_args; i++) {
		ng_status st = ng_ingest_path(e, o->args[i], &s);
		if (st && st != NG_ERR_INPUT) {
			fprintf(stderr, "newsgraph: ingest of %s failed: %s\n", o->args[i],
				ng_errmsg(e));
			worst = st;
			break;
		}
		if (st)
			worst = st;
	}
	double secs = now_seconds() - t0;
	if (!o->quiet)
		fprintf(stderr,
			"newsgraph: %lld records from %lld files (%.1f MB): %lld added, "
			"%lld unchanged, %lld failed; %lld warnings, %lld errors; "
			"%lld moved to a better story, %lld stories split off; "
			"%.2f s (%.0f records/s)\n",
			s.records, s.files, s.bytes / 1e6, s.added, s.unchanged,
			s.failed, s.warnings, s.errors, s.moved, s.split, secs,
			secs > 0 ? s.records / secs : 0.0);
	ng_engine_close(e);
	return exit_for(worst);
}

static FILE *open_output(const options *o)
{
	if (!o->output || !strcmp(o->output, "-"))
		return stdout;
	FILE *f = fopen(o->output, "w");
	if (!f)
		perror(o->output);
	return f;
}

static int finish_output(FILE *f, int rc)
{
	if (f != stdout) {
		if (fclose(f) != 0 && rc == EXIT_OKAY)
			rc = EXIT_FAILED;
	} else if (fflush(f) != 0 && rc == EXIT_OKAY) {
		rc = EXIT_FAILED;
	}
	return rc;
}

static int cmd_report(const char *cmd, const options *o)
{
	long long story = 0;
	if (!strcmp(cmd, "show") || (!strcmp(cmd, "copies") && o->n_args)) {
		char *end;
		if (o->n_args != 1 || (story = strtoll(o->args[0], &end, 10)) <= 0 || *end)
			return bad_usage(cmd[0] == 's' ? "show needs one STORY number"
						       : "copies takes at most one STORY number",
					 NULL);
	} else if (o->n_args) {
		return bad_usage("unexpected argument", o->args[0]);
	}
	ng_format f = o->format;
	if (!strcmp(cmd, "export") && !o->format_set)
		f = NG_FORMAT_JSON;
	if (!strcmp(cmd, "export") && f == NG_FORMAT_TABLE)
		return bad_usage("export writes json or jsonl", NULL);
	ng_engine *e = open_engine(o, 1);
	if (!e)
		return EXIT_FAILED;
	FILE *out = open_output(o);
	if (!out) {
		ng_engine_close(e);
		return EXIT_FAILED;
	}
	ng_status st;
	if (!strcmp(cmd, "stories"))
		st = ng_report_stories(e, out, f);
	else if (!strcmp(cmd, "show"))
		st = ng_report_story(e, story, out, f);
	else if (!strcmp(cmd, "copies"))
		st = ng_report_copies(e, story, out, f);
	else if (!strcmp(cmd, "entities"))
		st = ng_report_entities(e, o->type, o->min, out, f);
	else
		st = ng_export(e, out, f);
	const char *where = o->output && strcmp(o->output, "-") ? o->output : "standard output";
	if (st == NG_ERR_IO)
		fprintf(stderr, "newsgraph: %s: %s: %s\n", cmd, where, ng_errmsg(e));
	else if (st)
		fprintf(stderr, "newsgraph: %s: %s\n", cmd, ng_errmsg(e));
	ng_engine_close(e);
	int rc = finish_output(out, exit_for(st));
	if (!st && rc != EXIT_OKAY) /* the last bytes, flushed at the end */
		fprintf(stderr, "newsgraph: %s: %s: write failed: %s\n", cmd, where,
			strerror(errno));
	return rc;
}

static int cmd_analyze(const options *o)
{
	if (o->n_args == 0)
		return bad_usage("analyze needs at least one PATH", NULL);
	ng_analyze_options ao = {o->published, NULL, NULL};
	ng_status worst = NG_OK;
	long long failed = 0;
	for (int i = 0; i < o->n_args; i++) {
		ng_status st = ng_analyze_path(o->args[i], &ao, stdout, &failed);
		if (st && (worst == NG_OK || worst == NG_ERR_INPUT))
			worst = st;
		if (st == NG_ERR_USAGE || st == NG_ERR_NOMEM)
			break;
	}
	return finish_output(stdout, exit_for(worst));
}

static int cmd_eval(const options *o)
{
	if (o->n_args < 1)
		return bad_usage("eval needs a SUITE", NULL);
	ng_eval_options eo = {o->json, o->threads, o->threshold, NULL, NULL};
	ng_status st = ng_eval_run(o->args[0], o->n_args - 1, o->args + 1, &eo, stdout);
	return finish_output(stdout, exit_for(st));
}

int main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OKAY;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("newsgraph %s\n", NG_VERSION);
		return EXIT_OKAY;
	}
	options o;
	int rc = parse_options(argc - 2, argv + 2, &o);
	if (rc == EXIT_OKAY) {
		if (!strcmp(cmd, "ingest"))
			rc = cmd_ingest(&o);
		else if (!strcmp(cmd, "stories") || !strcmp(cmd, "show") ||
			 !strcmp(cmd, "copies") || !strcmp(cmd, "export") ||
			 !strcmp(cmd, "entities"))
			rc = cmd_report(cmd, &o);
		else if (!strcmp(cmd, "analyze"))
			rc = cmd_analyze(&o);
		else if (!strcmp(cmd, "eval"))
			rc = cmd_eval(&o);
		else
			rc = bad_usage("unknown command", cmd);
	}
	free(o.args);
	return rc;
}
