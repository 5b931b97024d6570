/*
 * dates_speed.c: single-thread throughput of the temporal tagger
 * (ngi_dates_find) on English news, anchored and without an anchor.
 *
 * Usage: build/bench/dates_speed [FILE [LANG]]
 * FILE (default ../shared/data/fnc1/train_bodies.csv) is cut at blank lines
 * into documents of about 3 KB, which are tagged over and over for at least
 * two seconds with an anchor day, then without one (the first pass of
 * publication-date inference), then both passes as features.c runs them
 * for an article without a publication date: twice through ngi_dates_find,
 * and once tokenised (ngi_dates_prepare) and tagged twice (ngi_dates_tag).
 * Prints MB/s (document bytes, counted once per document), timexes/s and
 * docs/s.
 */
#include "extract/dates.h"
#include "extract/pubdate.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"

/* How a document is tagged: one ngi_dates_find; two (no anchor, then
 * anchored); or one ngi_dates_prepare and two ngi_dates_tag. */
enum { ONE_FIND, TWO_FINDS, PREPARED };

static ng_status tag(const char *doc, size_t len, const char *lang,
		     int32_t anchor, int mode, ngi_arena *a, size_t *found)
{
	ngi_timex *x;
	size_t k = 0, k2 = 0;
	ng_status st;
	if (mode == ONE_FIND) {
		st = ngi_dates_find(doc, len, lang, NULL, anchor, a, &x, &k);
	} else if (mode == TWO_FINDS) {
		st = ngi_dates_find(doc, len, lang, NULL, NGI_DATES_NO_ANCHOR, a,
				    &x, &k);
		if (!st)
			st = ngi_dates_find(doc, len, lang, NULL, anchor, a, &x, &k2);
	} else {
		ngi_dates_text *dt;
		st = ngi_dates_prepare(doc, len, lang, NULL, a, &dt);
		if (!st)
			st = ngi_dates_tag(dt, NGI_DATES_NO_ANCHOR, a, &x, &k);
		if (!st)
			st = ngi_dates_tag(dt, anchor, a, &x, &k2);
	}
	*found = k + k2;
	return st;
}

static void run(const char *text, const size_t *starts, size_t n,
		const char *lang, int32_t anchor, int mode, const char *label)
{
	ngi_arena arena;
	ngi_arena_init(&arena, 0);
	size_t bytes = 0, found = 0, docs = 0;
	double t0 = bench_now(), t;
	do {
		for (size_t i = 0; i < n; i++) {
			size_t k;
			ngi_arena_reset(&arena);
			if (tag(text + starts[i], starts[i + 1] - starts[i], lang,
				anchor, mode, &arena, &k) != NG_OK) {
				fprintf(stderr, "dates_speed: failed\n");
				exit(1);
			}
			bytes += starts[i + 1] - starts[i];
			found += k;
			docs++;
		}
		t = bench_now() - t0;
	} while (t < 2.0);
	printf("%-24s %7.1f MB/s  %8.0f timexes/s  %8.0f docs/s\n", label,
	       (double)bytes / 1e6 / t, (double)found / t, (double)docs / t);
	ngi_arena_free(&arena);
}

int main(int argc, char **argv)
{
	const char *path =
		argc > 1 ? argv[1] : "../shared/data/fnc1/train_bodies.csv";
	const char *lang = argc > 2 ? argv[2] : "en";
	char *text;
	size_t *starts;
	size_t n = bench_load_docs("dates_speed", path, &text, &starts);
	if (n == 0)
		return 1;
	int32_t day = ngi_days_from_civil(2017, 6, 1);
	run(text, starts, n, lang, day, ONE_FIND, "anchored");
	run(text, starts, n, lang, NGI_DATES_NO_ANCHOR, ONE_FIND, "no anchor");
	run(text, starts, n, lang, day, TWO_FINDS, "both passes, 2 finds");
	run(text, starts, n, lang, day, PREPARED, "both passes, 1 prepare");
	free(starts);
	free(text);
	return 0;
}
