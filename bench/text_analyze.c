/*
 * text_analyze.c: single-thread throughput of the text stage
 * (ngi_text_analyze: language, tokens, folding, stems, sentences).
 *
 * Usage: build/bench/text_analyze [FILE [LANG]]
 * FILE (default ../shared/data/fnc1/train_bodies.csv, English news bodies)
 * is cut at blank lines into documents of about 3 KB, the size of a news
 * article, which are analysed over and over for at least two seconds: once
 * with language detection, and once with LANG (default "en") as the hint.
 * Prints MB/s and tokens/s for each.
 */
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"

static void run(const char *text, const size_t *starts, size_t n,
		const char *hint, const char *label)
{
	ngi_text_ctx *ctx;
	if (ngi_text_ctx_new(&ctx) != NG_OK)
		exit(1);
	ngi_arena arena;
	ngi_arena_init(&arena, 0);
	size_t bytes = 0, tokens = 0, docs = 0;
	double t0 = bench_now(), t;
	do {
		for (size_t i = 0; i < n; i++) {
			ngi_doc d;
			ngi_arena_reset(&arena);
			if (ngi_text_analyze(ctx, text + starts[i],
					     starts[i + 1] - starts[i], hint,
					     &arena, &d) != NG_OK) {
				fprintf(stderr, "text_analyze: failed\n");
				exit(1);
			}
			bytes += d.len;
			tokens += d.n_tokens;
			docs++;
		}
		t = bench_now() - t0;
	} while (t < 2.0);
	printf("%-14s %7.1f MB/s  %5.2f M tokens/s  %8.0f docs/s\n", label,
	       (double)bytes / 1e6 / t, (double)tokens / 1e6 / t,
	       (double)docs / t);
	ngi_arena_free(&arena);
	ngi_text_ctx_free(ctx);
}

int main(int argc, char **argv)
{
	const char *path =
		argc > 1 ? argv[1] : "../shared/data/fnc1/train_bodies.csv";
	const char *lang = argc > 2 ? argv[2] : "en";
	char *text;
	size_t *starts;
	size_t n = bench_load_docs("text_analyze", path, &text, &starts);
	if (n == 0)
		return 1;
	run(text, starts, n, NULL, "detect");
	run(text, starts, n, lang, "hint");
	free(starts);
	free(text);
	return 0;
}
