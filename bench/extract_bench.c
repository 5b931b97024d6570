/*
 * extract_bench.c: single-thread throughput of the HTML extractor
 * (ngi_html_extract) on real news pages, extraction alone (no file
 * reading, no decompression in the timed part).
 *
 * Usage: build/bench/extract_bench [DIR [SECONDS [full]]]
 * DIR (default ../shared/data/article-extraction) holds html/ID.html.gz (or
 * .html); every page is read and decompressed once, then the whole set is
 * extracted over and over, in name order, for at least SECONDS (default
 * 5). Prints pages/s and MB/s of page bytes per CPU second of the one
 * thread (and per wall-clock second, which a busy machine lowers), then the same
 * pages through the stages alone, cumulatively (charset decoding; + the
 * cleaning pass; + libxml2's parse into the tree), so the share of each
 * stage shows ("full" as the third argument: the whole extractor only, for
 * a profiler).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "read/html_int.h"

typedef struct page {
	char *bytes;
	size_t len;
} page;

enum { FULL, DECODE, CLEAN, TREE };

/* CPU time of this thread: the rate per core, whatever else the machine
 * runs (the wall-clock rate is printed too). */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static ng_status run_one(const page *p, int stage, ngi_arena *a)
{
	if (stage == FULL) {
		ngi_html_page out;
		const char *why;
		ng_status st = ngi_html_extract(p->bytes, p->len, NULL, NULL, a,
						&out, &why);
		return st == NG_ERR_INPUT ? NG_OK : st;
	}
	ngi_html_text text;
	ng_status st = ngi_html_decode(p->bytes, p->len, NULL, a, &text);
	if (st || stage == DECODE)
		return st;
	char *clean;
	size_t clean_len;
	ngi_html_jsonld *ld;
	st = ngi_html_clean(text.data, text.len, a, &clean, &clean_len, &ld);
	if (st || stage == CLEAN)
		return st;
	ngi_html_tree tree;
	return ngi_html_tree_build(clean, clean_len, a, &tree);
}

static void measure(const char *what, const page *pages, size_t n,
		    size_t bytes, int stage, double seconds)
{
	ngi_arena a;
	ngi_arena_init(&a, 1 << 20);
	size_t done = 0, rounds = 0;
	double t0 = bench_now(), c0 = cpu_now(), t = 0;
	do {
		for (size_t i = 0; i < n; i++) {
			if (run_one(&pages[i], stage, &a) != NG_OK) {
				fprintf(stderr, "extract_bench: page %zu failed\n", i);
				exit(1);
			}
			ngi_arena_reset(&a);
			done++;
		}
		rounds++;
		t = bench_now() - t0;
	} while (t < seconds);
	double c = cpu_now() - c0;
	ngi_arena_free(&a);
	printf("%-24s %7.1f pages/s %6.1f MB/s per CPU second (wall: %.1f pages/s; "
	       "%zu rounds)\n",
	       what, (double)done / c, (double)bytes * (double)rounds / 1e6 / c,
	       (double)done / t, rounds);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/data/article-extraction";
	double seconds = argc > 2 ? atof(argv[2]) : 5.0;
	size_t dl = strlen(dir) + 8;
	char *html_dir = malloc(dl);
	if (!html_dir)
		return 1;
	snprintf(html_dir, dl, "%s/html", dir);
	char **names = NULL;
	size_t n_names = 0;
	if (ngi_list_dir(html_dir, &names, &n_names, NULL) != NG_OK) {
		fprintf(stderr, "extract_bench: cannot read %s\n", html_dir);
		return 1;
	}
	page *pages = calloc(n_names ? n_names : 1, sizeof *pages);
	size_t n = 0, bytes = 0;
	ngi_buf b;
	ngi_buf_init(&b, 0);
	for (size_t i = 0; i < n_names && pages; i++) {
		size_t pl = strlen(html_dir) + strlen(names[i]) + 2;
		char *path = malloc(pl);
		if (!path)
			return 1;
		snprintf(path, pl, "%s/%s", html_dir, names[i]);
		const char *why;
		if (ngi_html_read_file(path, &b, &why) == NG_OK && b.len) {
			pages[n].len = b.len;
			pages[n].bytes = ngi_buf_steal(&b);
			bytes += pages[n].len;
			n++;
		} else {
			fprintf(stderr, "extract_bench: %s: skipped\n", path);
		}
		free(path);
	}
	ngi_buf_free(&b);
	if (n == 0) {
		fprintf(stderr, "extract_bench: no pages under %s\n", html_dir);
		return 1;
	}
	printf("%zu pages, %.1f MB, mean %.0f KB; one thread\n", n, bytes / 1e6,
	       bytes / 1e3 / (double)n);
	measure("extract (all stages)", pages, n, bytes, FULL, seconds);
	if (argc > 3 && strcmp(argv[3], "full") == 0)
		seconds = 0;
	else
		measure("  decode", pages, n, bytes, DECODE, seconds / 2);
	if (seconds > 0)
		measure("  decode+clean", pages, n, bytes, CLEAN, seconds / 2);
	if (seconds > 0)
		measure("  decode+clean+parse", pages, n, bytes, TREE, seconds / 2);
	for (size_t i = 0; i < n; i++)
		free(pages[i].bytes);
	free(pages);
	ngi_free_names(names, n_names);
	free(html_dir);
	return 0;
}
