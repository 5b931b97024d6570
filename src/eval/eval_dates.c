/*
 * eval_dates.c: the "dates DIR" suite, TempEval-3 scoring of the tagger.
 *
 * Reads every .tml file under DIR (recursively, in name order) with the
 * TimeML reader, runs ngi_dates_find on the plain text (English, anchored
 * on the document creation time) and scores the timexes as TempEval-3
 * does: strict match (same extent), relaxed match (overlapping extents,
 * one to one), and among relaxed matches the normalised value and the type:
 * value precision = matches with the right value / system timexes, value
 * recall = the same / gold timexes, and likewise for type. The creation
 * time itself is in the header, not in the text, so it is not scored.
 * With NG_EVAL_DATES_DUMP set in the environment every error (wrong value,
 * wrong extent, missed, spurious) is written to stderr as one tab-separated
 * line, for error analysis.
 * This suite calls the tagger directly: dates are not yet in the public API.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../extract/dates.h"
#include "eval.h"
#include "metrics.h"
#include "timeml.h"

#define DATES_MAX_FILE ((size_t)64 << 20)
#define DATES_MAX_FILES 100000
#define DATES_MAX_DEPTH 32

typedef struct path_list {
	char **paths;
	size_t n, alloc;
} path_list;

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The .tml files under dir, each directory's entries in name order. */
static ng_status collect(const char *dir, int depth, path_list *out)
{
	if (depth > DATES_MAX_DEPTH)
		return NG_OK;
	char **names = NULL;
	size_t n = 0;
	ng_status st = ngi_list_dir(dir, &names, &n, NULL);
	if (st == NG_ERR_IO)
		fprintf(stderr, "newsgraph eval: cannot read %s\n", dir);
	/* the entries become full paths */
	size_t dlen = strlen(dir);
	for (size_t i = 0; i < n && !st; i++) {
		char *full = malloc(dlen + strlen(names[i]) + 2);
		if (!full) {
			st = NG_ERR_NOMEM;
			break;
		}
		sprintf(full, "%s/%s", dir, names[i]);
		free(names[i]);
		names[i] = full;
	}
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (st || stat(names[i], &sb) != 0) {
			free(names[i]);
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			st = collect(names[i], depth + 1, out);
			free(names[i]);
		} else if (S_ISREG(sb.st_mode) && ends_with(names[i], ".tml") &&
			   out->n < DATES_MAX_FILES) {
			if (ngi_grow((void **)&out->paths, &out->alloc, out->n + 1,
				     sizeof *out->paths)) {
				free(names[i]);
				st = NG_ERR_NOMEM;
				continue;
			}
			out->paths[out->n++] = names[i];
		} else
			free(names[i]);
	}
	free(names);
	return st;
}

typedef struct dates_score {
	long long docs, gold, system, strict, relaxed, value, type;
	FILE *dump; /* NG_EVAL_DATES_DUMP set: one line per error, else NULL */
	const char *path;
} dates_score;

static int overlaps(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
	if (a0 == a1 || b0 == b1) /* empty spans overlap nothing */
		return 0;
	return a0 < b1 && b0 < a1;
}

/* One error line for error analysis: kind, file, creation time, the gold
 * and system surface texts and values ("-" for none), and the sentence
 * around it (newlines flattened). */
static void dump(dates_score *sc, const ngi_tml_doc *d, const char *kind,
		 const ngi_tml_timex *g, const ngi_timex *x)
{
	uint32_t s = g ? g->start : x->start, e = g ? g->end : x->end;
	uint32_t cs = s > 80 ? s - 80 : 0, ce = e + 80 < d->len ? e + 80 : (uint32_t)d->len;
	fprintf(sc->dump, "%s\t%s\t%s\t", kind, sc->path, d->dct ? d->dct : "-");
	if (g)
		fprintf(sc->dump, "%.*s\t%s\t%s\t", (int)(g->end - g->start),
			d->text + g->start, g->type, g->value);
	else
		fputs("-\t-\t-\t", sc->dump);
	if (x)
		fprintf(sc->dump, "%.*s\t%s\t%s\t", (int)(x->end - x->start),
			d->text + x->start, x->type, x->value);
	else
		fputs("-\t-\t-\t", sc->dump);
	for (uint32_t i = cs; i < ce; i++)
		fputc(d->text[i] == '\n' || d->text[i] == '\t' ? ' ' : d->text[i],
		      sc->dump);
	fputc('\n', sc->dump);
}

/* One document: one-to-one matching of gold and system timexes by overlap,
 * in text order (both lists are sorted and non-overlapping). */
static void score_doc(const ngi_tml_doc *d, const ngi_timex *sys, size_t n_sys,
		      dates_score *sc)
{
	size_t j = 0;
	sc->gold += (long long)d->n;
	sc->system += (long long)n_sys;
	for (size_t i = 0; i < d->n; i++) {
		const ngi_tml_timex *g = &d->timexes[i];
		while (j < n_sys && sys[j].end <= g->start) {
			if (sc->dump)
				dump(sc, d, "spurious", NULL, &sys[j]);
			j++;
		}
		if (j >= n_sys || !overlaps(g->start, g->end, sys[j].start, sys[j].end)) {
			if (sc->dump)
				dump(sc, d, "missed", g, NULL);
			continue;
		}
		const ngi_timex *x = &sys[j++];
		sc->relaxed++;
		sc->strict += x->start == g->start && x->end == g->end;
		sc->value += strcmp(x->value, g->value) == 0;
		sc->type += strcmp(x->type, g->type) == 0;
		if (sc->dump && strcmp(x->value, g->value))
			dump(sc, d, "value", g, x);
		else if (sc->dump && (x->start != g->start || x->end != g->end))
			dump(sc, d, "extent", g, x);
	}
	for (; sc->dump && j < n_sys; j++)
		dump(sc, d, "spurious", NULL, &sys[j]);
}

static double ratio(long long a, long long b)
{
	return b ? (double)a / (double)b : 0.0;
}

static void add_prf(ngi_eval_report *rep, const char *p_name,
		    const char *r_name, const char *f_name, long long hits,
		    const dates_score *sc)
{
	double p = ratio(hits, sc->system), r = ratio(hits, sc->gold);
	ngi_eval_real(rep, p_name, p);
	ngi_eval_real(rep, r_name, r);
	ngi_eval_real(rep, f_name, ngi_f1(p, r));
}

ng_status ngi_eval_dates(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	double t0 = ngi_eval_now();
	path_list files = {0};
	ng_status st = collect(argv[0], 0, &files);
	dates_score sc = {0};
	if (getenv("NG_EVAL_DATES_DUMP"))
		sc.dump = stderr;
	long long bad = 0;
	ngi_arena a;
	ngi_arena_init(&a, 1 << 20);
	for (size_t i = 0; !st && i < files.n; i++) {
		ngi_buf b;
		ngi_buf_init(&b, 0);
		if (ngi_read_file(files.paths[i], DATES_MAX_FILE, &b, &ctx->diag)) {
			bad++;
			ngi_buf_free(&b);
			continue;
		}
		ngi_tml_doc d;
		const char *err = NULL;
		size_t off = 0;
		ng_status pst = ngi_timeml_parse(b.data, b.len, &a, &d, &err, &off);
		if (pst == NG_ERR_INPUT) {
			ngi_diag(&ctx->diag, NG_DIAG_ERROR, files.paths[i], 0,
				 (long long)off, "%s", err);
			bad++;
		} else if (pst) {
			st = pst;
		} else {
			ngi_timex *x;
			size_t n;
			st = ngi_dates_find(d.text, d.len, "en", NULL, d.dct_day, &a,
					    &x, &n);
			if (!st) {
				sc.path = files.paths[i];
				score_doc(&d, x, n, &sc);
				sc.docs++;
			}
		}
		ngi_buf_free(&b);
		ngi_arena_reset(&a);
	}
	ngi_arena_free(&a);
	for (size_t i = 0; i < files.n; i++)
		free(files.paths[i]);
	free(files.paths);
	if (st)
		return st;
	if (!sc.docs) {
		fprintf(stderr, "newsgraph eval: no readable .tml files under %s\n",
			argv[0]);
		return NG_ERR_INPUT;
	}
	ngi_eval_count(rep, "documents", sc.docs);
	ngi_eval_count(rep, "unreadable", bad);
	ngi_eval_count(rep, "gold_timexes", sc.gold);
	ngi_eval_count(rep, "system_timexes", sc.system);
	add_prf(rep, "strict_precision", "strict_recall", "strict_f1", sc.strict,
		&sc);
	add_prf(rep, "relaxed_precision", "relaxed_recall", "relaxed_f1",
		sc.relaxed, &sc);
	add_prf(rep, "value_precision", "value_recall", "value_f1", sc.value, &sc);
	add_prf(rep, "type_precision", "type_recall", "type_f1", sc.type, &sc);
	ngi_eval_real(rep, "value_accuracy", ratio(sc.value, sc.relaxed));
	ngi_eval_real(rep, "type_accuracy", ratio(sc.type, sc.relaxed));
	ngi_eval_real(rep, "seconds", ngi_eval_now() - t0);
	return NG_OK;
}
