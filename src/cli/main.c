/*
 * main.c: the newsgraph command. It uses only include/newsgraph.h.
 *
 * Exit status: 0 all went well; 1 the run finished but some input was bad
 * (reported on stderr with file, record and offset); 2 bad usage; 3 the run
 * failed (database, I/O, memory); `ingest` or `watch` stopped by SIGINT or
 * SIGTERM: 130 or 143, after committing what it had read or fetched. The help text is in help.txt (help.h);
 * `newsgraph eval` runs the uninstalled eval library (newsgraph_eval.h).
 */
#include <newsgraph.h>

#include "../dist/dist.h"
#include "../eval/newsgraph_eval.h"
#include "commands.h"
#include "help.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OKAY = 0, EXIT_BADINPUT = 1, EXIT_USAGE = 2, EXIT_FAILED = 3 };

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
	const char *predictions;
	const char *url;
	int verbose;
	int quiet;
	const char *speaker;
	long long story;
	int thread;
	/* watch */
	int once;
	double interval, delay, timeout;
	int delay_set;
	long long max_per_host, connections, max_bytes, retries;
	int retries_set;
	char **args;
	int n_args;
} options;

static int bad_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "newsgraph: %s%s%s\n%s", msg, arg ? " " : "", arg ? arg : "",
		cli_usage());
	return EXIT_USAGE;
}

/* A whole decimal integer in [lo, hi]; anything else is bad usage that
 * names the option and the value. */
static int int_option(const char *opt, const char *val, long long lo,
		      long long hi, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(val, &end, 10);
	if (end == val || *end || errno || v < lo || v > hi) {
		if (hi == LLONG_MAX)
			fprintf(stderr, "newsgraph: %s takes a whole number of %lld or "
					"more, not \"%s\"\n", opt, lo, val);
		else
			fprintf(stderr, "newsgraph: %s takes a whole number from %lld "
					"to %lld, not \"%s\"\n", opt, lo, hi, val);
		return 0;
	}
	*out = v;
	return 1;
}

/* A finite decimal number in (lo, hi]. */
static int real_option(const char *opt, const char *val, double lo, double hi,
		       double *out)
{
	char *end;
	errno = 0;
	double v = strtod(val, &end);
	if (end == val || *end || errno || !isfinite(v) || !(v > lo) || v > hi) {
		fprintf(stderr, "newsgraph: %s takes a number above %g and at most "
				"%g, not \"%s\"\n", opt, lo, hi, val);
		return 0;
	}
	*out = v;
	return 1;
}

static int is_number_option(const char *a)
{
	return !strcmp(a, "--threads") || !strcmp(a, "--window") ||
	       !strcmp(a, "--batch") || !strcmp(a, "--min") ||
	       !strcmp(a, "--threshold") || !strcmp(a, "--story") ||
	       !strcmp(a, "--interval") || !strcmp(a, "--delay") ||
	       !strcmp(a, "--timeout") || !strcmp(a, "--max-per-host") ||
	       !strcmp(a, "--connections") || !strcmp(a, "--max-bytes") ||
	       !strcmp(a, "--retries");
}

/* A finite number of seconds in [lo, hi]. */
static int seconds_option(const char *opt, const char *val, double lo, double hi,
			  double *out)
{
	char *end;
	errno = 0;
	double v = strtod(val, &end);
	if (end == val || *end || errno || !isfinite(v) || v < lo || v > hi) {
		fprintf(stderr, "newsgraph: %s takes a number of seconds from %g "
				"to %g, not \"%s\"\n", opt, lo, hi, val);
		return 0;
	}
	*out = v;
	return 1;
}

/* A numeric option's value, checked against its range; 0 when it is bad
 * (reported). */
static int number_option(const char *a, const char *val, options *o)
{
	long long v = 0;
	if (!strcmp(a, "--threshold"))
		return real_option(a, val, 0, 1, &o->threshold);
	if (!strcmp(a, "--min"))
		return int_option(a, val, 0, LLONG_MAX, &o->min);
	if (!strcmp(a, "--story"))
		return int_option(a, val, 1, LLONG_MAX, &o->story);
	if (!strcmp(a, "--interval"))
		return seconds_option(a, val, 1, 7 * 86400, &o->interval);
	if (!strcmp(a, "--delay"))
		return (o->delay_set = seconds_option(a, val, 0, 3600, &o->delay));
	if (!strcmp(a, "--timeout"))
		return seconds_option(a, val, 0.1, 3600, &o->timeout);
	if (!strcmp(a, "--max-per-host"))
		return int_option(a, val, 1, 64, &o->max_per_host);
	if (!strcmp(a, "--connections"))
		return int_option(a, val, 1, 256, &o->connections);
	if (!strcmp(a, "--max-bytes"))
		return int_option(a, val, 1024, (long long)1 << 30, &o->max_bytes);
	if (!strcmp(a, "--retries"))
		return (o->retries_set = int_option(a, val, 0, 10, &o->retries));
	int ok;
	if (!strcmp(a, "--threads") && (ok = int_option(a, val, 1, 1024, &v)))
		o->threads = (int)v;
	else if (!strcmp(a, "--window") && (ok = int_option(a, val, 1, 36500, &v)))
		o->window = (int)v;
	else if (!strcmp(a, "--batch") && (ok = int_option(a, val, 1, 100000, &v)))
		o->batch = (int)v;
	else
		ok = 0;
	return ok;
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
		if (is_number_option(a)) {
			if (val && !number_option(a, val, o))
				return EXIT_USAGE;
		} else if (!strcmp(a, "--db"))
			o->db = val;
		else if (!strcmp(a, "--published"))
			o->published = val;
		else if (!strcmp(a, "--speaker"))
			o->speaker = val;
		else if (!strcmp(a, "--type")) {
			o->type = val;
			if (val && strcmp(val, "person") && strcmp(val, "organization") &&
			    strcmp(val, "place") && strcmp(val, "event"))
				return bad_usage("--type takes person, organization, place "
						 "or event, not", val);
		} else if (!strcmp(a, "-o"))
			o->output = val;
		else if (!strcmp(a, "--predictions"))
			o->predictions = val;
		else if (!strcmp(a, "--url"))
			o->url = val;
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
			else if (!strcmp(a, "--verbose"))
				o->verbose = 1;
			else if (!strcmp(a, "--thread"))
				o->thread = 1;
			else if (!strcmp(a, "--once"))
				o->once = 1;
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

/* ---- stopping on SIGINT and SIGTERM (ingest, watch) ---------------------------
 * The first signal sets a flag that the library checks between records
 * (ingest) or several times a second (watch): the batch or article in hand
 * is committed, then the command says where it stopped and exits 130
 * (SIGINT) or 143 (SIGTERM). A second signal ends the process at once, as
 * the default would (what was committed stays: each batch is one
 * transaction). */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	if (stop_signal) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	stop_signal = sig;
}

static int stop_requested(void *ctx)
{
	return stop_signal != 0;
}

static const char *stop_signal_name(void)
{
	return stop_signal == SIGINT ? "SIGINT" : "SIGTERM";
}

/* SA_RESTART: a read of a file or pipe goes on rather than failing with
 * EINTR, so the stop comes at the next record. */
static void catch_stop_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void diag_over_progress(void *ctx, const ng_diag *d);

/* The engine's configuration from the command's options. */
static void config_from(const options *o, ng_config *c)
{
	ng_config_init(c);
	c->db_path = o->db;
	c->threads = o->threads;
	c->story_threshold = o->threshold;
	c->story_window_days = o->window;
	c->batch_size = o->batch;
}

/* must_exist: a query command, which opens the store read-only. progress:
 * ingest's progress line, or NULL. */
static ng_engine *open_engine_with(const options *o, int must_exist,
				   ng_progress_fn progress, void *progress_ctx)
{
	struct stat sb;
	if (must_exist && stat(o->db, &sb) != 0) {
		fprintf(stderr, "newsgraph: no database %s: run 'newsgraph ingest' "
				"first, or name one with --db\n", o->db);
		return NULL;
	}
	ng_config c;
	config_from(o, &c);
	c.read_only = must_exist;
	c.on_progress = progress;
	c.progress_ctx = progress_ctx;
	if (!must_exist)
		c.should_stop = stop_requested; /* set off by catch_stop_signals */
	if (progress) {
		c.on_diag = diag_over_progress;
		c.diag_ctx = progress_ctx;
	}
	ng_engine *e = NULL;
	if (ng_engine_open(&c, &e) != NG_OK)
		return NULL; /* the reason went to stderr as a diagnostic */
	return e;
}

static ng_engine *open_engine(const options *o, int must_exist)
{
	return open_engine_with(o, must_exist, NULL, NULL);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the progress line of ingest -------------------------------------------
 * On a terminal (stderr) and without -q, ingest keeps one line up to date:
 * records and bytes so far with their rates, failed and skipped records,
 * and, when the input's size is known (files and directories, not stdin),
 * the share done and the time left. It is redrawn at most four times a
 * second and erased before the summary. */
typedef struct progress {
	double t0, last_draw;
	long long total_bytes;   /* -1: not known (stdin) */
	long long bytes_before;  /* of the paths already done */
	long long records_before, failed_before, skipped_before;
	int drawn;
} progress;

/* Bytes of the regular files under path, as the reader walks it (names
 * starting with '.' skipped); -1 for stdin or what cannot be read. */
static long long input_bytes(const char *path, int depth)
{
	struct stat sb;
	if (!strcmp(path, "-") || stat(path, &sb) != 0 || depth > 64)
		return -1;
	if (S_ISREG(sb.st_mode))
		return (long long)sb.st_size;
	if (!S_ISDIR(sb.st_mode))
		return depth ? 0 : -1;
	DIR *d = opendir(path);
	if (!d)
		return -1;
	long long total = 0;
	struct dirent *de;
	while ((de = readdir(d)) && total >= 0) {
		if (de->d_name[0] == '.')
			continue;
		size_t len = strlen(path) + strlen(de->d_name) + 2;
		char *child = malloc(len);
		if (!child) {
			total = -1;
			break;
		}
		snprintf(child, len, "%s/%s", path, de->d_name);
		long long n = input_bytes(child, depth + 1);
		free(child);
		total = n < 0 ? -1 : total + n;
	}
	closedir(d);
	return total;
}

static void draw_progress(progress *pr, long long records, long long failed,
			  long long skipped, long long bytes, int force)
{
	double now = now_seconds();
	if (!force && now - pr->last_draw < 0.25)
		return;
	pr->last_draw = now;
	double secs = now - pr->t0 > 1e-3 ? now - pr->t0 : 1e-3;
	char eta[64] = "";
	if (pr->total_bytes > 0 && bytes > 0) {
		double share = (double)bytes / (double)pr->total_bytes;
		if (share > 1)
			share = 1;
		double left = secs / share - secs;
		snprintf(eta, sizeof eta, ", %.0f%%, ETA %dm%02ds", share * 100,
			 (int)(left / 60), (int)left % 60);
	}
	fprintf(stderr, "\rnewsgraph: %lld records (%.0f/s), %.1f MB (%.1f MB/s), "
			"%lld failed, %lld skipped%s\033[K",
		records, records / secs, bytes / 1e6, bytes / 1e6 / secs, failed,
		skipped, eta);
	fflush(stderr);
	pr->drawn = 1;
}

static void on_progress(void *ctx, const ng_progress *p)
{
	progress *pr = ctx;
	draw_progress(pr, pr->records_before + p->records,
		      pr->failed_before + p->failed, pr->skipped_before + p->skipped,
		      pr->bytes_before + p->bytes, 0);
}

static void erase_progress(progress *pr)
{
	if (pr->drawn)
		fprintf(stderr, "\r\033[K");
	pr->drawn = 0;
}

/* Diagnostics while the progress line shows: the line is erased first, so
 * each message stands on its own line (the format of the default). */
static void diag_over_progress(void *ctx, const ng_diag *d)
{
	erase_progress(ctx);
	fprintf(stderr, "newsgraph: %s", d->severity == NG_DIAG_ERROR ? "error: "
								      : "warning: ");
	if (d->file) {
		fprintf(stderr, "%s", d->file);
		if (d->record > 0)
			fprintf(stderr, ":%lld", d->record);
		if (d->offset >= 0)
			fprintf(stderr, ": offset %lld", d->offset);
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s\n", d->message);
}

static void print_summary(const ng_ingest_stats *s, double secs)
{
	fprintf(stderr,
		"newsgraph: %lld records from %lld files (%.1f MB): %lld added, "
		"%lld unchanged, %lld failed, %lld skipped; %lld warnings, "
		"%lld errors; %lld moved to a better story, %lld stories "
		"split off; %.2f s (%.0f records/s, %.1f MB/s)\n",
		s->records, s->files, s->bytes / 1e6, s->added, s->unchanged,
		s->failed, s->skipped, s->warnings, s->errors, s->moved, s->split,
		secs, secs > 0 ? s->records / secs : 0.0,
		secs > 0 ? s->bytes / 1e6 / secs : 0.0);
}

/* Under mpirun: the distributed ingest (src/dist/, docs/SCALE.md). Every
 * rank runs this; rank 0 prints the summary. */
static int cmd_ingest_mpi(const options *o)
{
	ng_config c;
	config_from(o, &c);
	double t0 = now_seconds();
	ng_ingest_stats s = NG_INGEST_STATS_INIT;
	int writer = 0;
	ng_status st = ngd_ingest(&c, o->args, o->n_args, &s, &writer);
	double secs = now_seconds() - t0;
	if (writer && !o->quiet && (st == NG_OK || st == NG_ERR_INPUT))
		print_summary(&s, secs);
	/* mpirun ends every process as soon as one exits with a status other
	 * than 0: when the job ran to its end with bad input reported, the
	 * other ranks exit 0 and rank 0 alone says 1 (mpirun's status), or
	 * the first of them to exit would end rank 0 before its summary */
	if (!writer && st == NG_ERR_INPUT)
		return exit_for(NG_OK);
	return exit_for(st);
}

static int cmd_ingest(const options *o)
{
	if (o->n_args == 0)
		return bad_usage("ingest needs at least one PATH", NULL);
	if (ngd_started_by_mpirun())
		return cmd_ingest_mpi(o);
	progress pr;
	memset(&pr, 0, sizeof pr);
	int show = !o->quiet && isatty(STDERR_FILENO);
	if (show) {
		for (int i = 0; i < o->n_args && pr.total_bytes >= 0; i++) {
			long long n = input_bytes(o->args[i], 0);
			pr.total_bytes = n < 0 ? -1 : pr.total_bytes + n;
		}
	}
	catch_stop_signals();
	ng_engine *e = open_engine_with(o, 0, show ? on_progress : NULL, &pr);
	if (!e)
		return EXIT_FAILED;
	double t0 = now_seconds();
	pr.t0 = t0;
	ng_ingest_stats s = NG_INGEST_STATS_INIT;
	ng_status worst = NG_OK;
	int next = 0; /* the first path not read to its end */
	for (int i = 0; i < o->n_args; i++) {
		if (stop_signal)
			break;
		next = i + 1;
		pr.records_before = s.records;
		pr.failed_before = s.failed;
		pr.skipped_before = s.skipped;
		pr.bytes_before = s.bytes;
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
	erase_progress(&pr);
	if (!o->quiet)
		print_summary(&s, secs);
	/* nothing is queued after ng_ingest_path, but a failed close is a
	 * failed run all the same (the reason went out as a diagnostic) */
	ng_status cst = ng_engine_close(e);
	if (cst && (worst == NG_OK || worst == NG_ERR_INPUT))
		worst = cst;
	/* a failed run says so (exit 3) even when a signal came too */
	if (stop_signal && (worst == NG_OK || worst == NG_ERR_INPUT)) {
		fprintf(stderr, "newsgraph: ingest stopped by %s: %lld articles "
				"added and %lld unchanged in this run are committed",
			stop_signal_name(), s.added, s.unchanged);
		if (next < o->n_args)
			fprintf(stderr, "; %s and the %d path(s) after it were "
					"not read", o->args[next], o->n_args - next - 1);
		fprintf(stderr, "; the same command again goes on from there\n");
		return 128 + stop_signal;
	}
	return exit_for(worst);
}

static const char *output_name(const options *o, FILE *f)
{
	return f == stdout ? "stdout" : o->output;
}

static FILE *open_output(const options *o)
{
	if (!o->output || !strcmp(o->output, "-"))
		return stdout;
	FILE *f = fopen(o->output, "w");
	if (!f)
		fprintf(stderr, "newsgraph: writing %s: %s\n", o->output,
			strerror(errno));
	return f;
}

/* Flushes and closes the output (stdout is flushed and closed too, so a
 * full disk or a closed pipe is seen here rather than at exit). A write
 * that failed, now or earlier (ferror; write_errno is its errno if known),
 * is a failed run: "newsgraph: writing PATH: REASON", exit 3. */
static int finish_output(const options *o, FILE *f, int rc, int write_errno)
{
	const char *name = output_name(o, f);
	errno = 0;
	int failed = fflush(f) != 0 || ferror(f);
	int err = errno ? errno : write_errno;
	if (fclose(f) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	if (failed) {
		fprintf(stderr, "newsgraph: writing %s: %s\n", name,
			err ? strerror(err) : "write error");
		rc = EXIT_FAILED;
	}
	return rc;
}

static int cmd_report(const char *cmd, const options *o)
{
	long long story = 0;
	int one = !strcmp(cmd, "show") || !strcmp(cmd, "timeline");
	if (one || ((!strcmp(cmd, "copies") || !strcmp(cmd, "claims")) && o->n_args)) {
		char *end;
		if (o->n_args != 1 || (story = strtoll(o->args[0], &end, 10)) <= 0 || *end)
			return bad_usage(one ? "one STORY number is needed by"
					     : "at most one STORY number is taken by", cmd);
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
	else if (!strcmp(cmd, "quotes")) {
		ng_said_filter sf = NG_SAID_FILTER_INIT;
		sf.story = o->story;
		sf.speaker = o->speaker;
		st = ng_report_quotes(e, &sf, out, f);
	} else if (!strcmp(cmd, "claims"))
		st = ng_report_claims(e, story ? story : o->story, out, f);
	else if (!strcmp(cmd, "timeline"))
		st = ng_report_timeline(e, story, o->thread, out, f);
	else
		st = ng_export(e, out, f);
	int write_errno = ferror(out) ? errno : 0;
	if (st && !ferror(out)) /* a write error is reported as one below */
		fprintf(stderr, "newsgraph: %s: %s\n", cmd, ng_errmsg(e));
	ng_engine_close(e);
	return finish_output(o, out, exit_for(st), write_errno);
}

static int cmd_analyze(const options *o)
{
	if (o->n_args == 0)
		return bad_usage("analyze needs at least one PATH", NULL);
	ng_analyze_options ao = NG_ANALYZE_OPTIONS_INIT;
	ao.published = o->published;
	ng_status worst = NG_OK;
	long long failed = 0;
	for (int i = 0; i < o->n_args; i++) {
		ng_status st = ng_analyze_path(o->args[i], &ao, stdout, &failed);
		if (st && (worst == NG_OK || worst == NG_ERR_INPUT))
			worst = st;
		if (st == NG_ERR_USAGE || st == NG_ERR_NOMEM)
			break;
	}
	return finish_output(o, stdout, exit_for(worst), 0);
}

/* Pages that are missing, too big or not HTML are bad input (exit 1), as
 * in ingest; the output or memory failing is a failed run. */
static int cmd_extract(const options *o)
{
	if (o->n_args == 0)
		return bad_usage("extract needs a PAGE (an HTML file, gzip or not, or -)",
				 NULL);
	if (o->url && o->n_args > 1)
		return bad_usage("--url names the URL of one page; extract got",
				 "several");
	ng_extract_options eo = NG_EXTRACT_OPTIONS_INIT;
	eo.url = o->url;
	int rc = EXIT_OKAY;
	for (int i = 0; i < o->n_args; i++) {
		ng_status st = ng_extract_file(o->args[i], &eo, stdout);
		if (st == NG_ERR_NOTFOUND || st == NG_ERR_TOOBIG || st == NG_ERR_INPUT)
			st = NG_ERR_INPUT;
		int r = exit_for(st);
		if (r > rc)
			rc = r;
		if (r == EXIT_FAILED)
			break;
	}
	return finish_output(o, stdout, rc, 0);
}

static int cmd_eval(const options *o)
{
	if (o->n_args < 1)
		return bad_usage("eval needs a SUITE", NULL);
	ng_eval_options eo = {o->json, o->threads, o->threshold, NULL, NULL,
			      o->predictions, o->verbose};
	ng_status st = ng_eval_run(o->args[0], o->n_args - 1, o->args + 1, &eo, stdout);
	return finish_output(o, stdout, exit_for(st), 0);
}

/* ---- watch -------------------------------------------------------------- */
static void print_progress(void *ctx, const char *line)
{
	fprintf(stderr, "newsgraph: %s\n", line);
}

static int cmd_watch(const options *o)
{
	if (o->n_args != 1)
		return bad_usage("watch needs one FEEDS file", NULL);
	catch_stop_signals();
	ng_engine *e = open_engine(o, 0);
	if (!e)
		return EXIT_FAILED;
	ng_watch_options wo = NG_WATCH_OPTIONS_INIT;
	wo.once = o->once;
	wo.interval = o->interval;
	wo.max_per_host = (int)o->max_per_host;
	wo.max_connections = (int)o->connections;
	if (o->delay_set)
		wo.delay = o->delay > 0 ? o->delay : -1; /* 0: none */
	wo.timeout = o->timeout;
	wo.connect_timeout = o->timeout > 0 && o->timeout < 10 ? o->timeout : 0;
	wo.max_bytes = o->max_bytes;
	if (o->retries_set)
		wo.retries = o->retries > 0 ? (int)o->retries : -1; /* 0: none */
	wo.should_stop = stop_requested;
	if (!o->quiet)
		wo.on_progress = print_progress;
	ng_watch_stats s = NG_WATCH_STATS_INIT;
	ng_status st = ng_watch_run(e, o->args[0], &wo, &s);
	if (st && st != NG_ERR_INPUT)
		fprintf(stderr, "newsgraph: watch %s: %s\n", o->args[0], ng_errmsg(e));
	if (!o->quiet || stop_signal)
		fprintf(stderr,
			"newsgraph: watch: %lld polls (%lld not modified, %lld failed), "
			"%lld new items: %lld stored (%lld added, %lld unchanged), "
			"%lld failed, %lld disallowed by robots.txt; %lld requests\n",
			s.polls, s.not_modified, s.feeds_failed, s.items, s.stored,
			s.added, s.unchanged, s.failed, s.disallowed, s.requests);
	ng_status cst = ng_engine_close(e);
	if (cst && (st == NG_OK || st == NG_ERR_INPUT))
		st = cst;
	if (stop_signal) {
		fprintf(stderr, "newsgraph: watch stopped by %s; everything fetched "
				"is stored\n", stop_signal_name());
		return 128 + stop_signal;
	}
	return exit_for(st);
}

int main(int argc, char **argv)
{
	int rc;
	if (cli_help(argc, argv, &rc))
		return rc;
	const char *cmd = argv[1];
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("newsgraph %s\n", ng_libversion());
		return EXIT_OKAY;
	}
	if (!strcmp(cmd, "serve"))
		return cli_serve(argc - 1, argv + 1);
	if (!strcmp(cmd, "report"))
		return cli_report(argc - 1, argv + 1);
	options o;
	rc = parse_options(argc - 2, argv + 2, &o);
	if (rc == EXIT_OKAY) {
		if (!strcmp(cmd, "ingest"))
			rc = cmd_ingest(&o);
		else if (!strcmp(cmd, "stories") || !strcmp(cmd, "show") ||
			 !strcmp(cmd, "copies") || !strcmp(cmd, "export") ||
			 !strcmp(cmd, "entities") || !strcmp(cmd, "quotes") ||
			 !strcmp(cmd, "claims") || !strcmp(cmd, "timeline"))
			rc = cmd_report(cmd, &o);
		else if (!strcmp(cmd, "analyze"))
			rc = cmd_analyze(&o);
		else if (!strcmp(cmd, "eval"))
			rc = cmd_eval(&o);
		else if (!strcmp(cmd, "extract"))
			rc = cmd_extract(&o);
		else if (!strcmp(cmd, "watch"))
			rc = cmd_watch(&o);
		else
			rc = bad_usage("unknown command", cmd);
	}
	free(o.args);
	return rc;
}
