/*
 * sketch_speed.c: single-thread throughput of the sketch stage, the work
 * done on analysed tokens to find copies: the content hash, MinHash over
 * word 3-shingles, verbatim anchors (quotes, sampled 4-grams) and the
 * sentence sketch used by passage alignment. Text analysis (tokens, folding,
 * stems) is not timed here: bench/text_analyze.c measures it.
 *
 * Usage: build/bench/sketch_speed [FILE]
 * FILE (default ../shared/data/fnc1/train_bodies.csv) is cut into ~3 KB
 * documents, analysed once, then sketched over and over for two seconds per
 * part. MB/s counts the documents' text bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"

#include "link/align.h"
#include "sketch/anchors.h"
#include "sketch/sketch.h"

#define DOC_BYTES 3000
#define MAX_DOCS 2000

enum { PART_HASH, PART_MINHASH, PART_ANCHORS, PART_SKETCH, PART_ALL, N_PARTS };
static const char *part_names[N_PARTS] = {"content hash", "minhash",
					  "anchors", "sentence sketch",
					  "all four"};

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "../shared/data/fnc1/train_bodies.csv";
	ngi_buf file;
	ngi_diag_sink sink = {NULL, NULL, 0, 0};
	if (ngi_read_file(path, 0, &file, &sink) != NG_OK)
		return 1;
	ngi_text_ctx *tc;
	if (ngi_text_ctx_new(&tc) != NG_OK)
		return 1;
	ngi_arena docs_arena, scratch;
	ngi_arena_init(&docs_arena, 1 << 22);
	ngi_arena_init(&scratch, 1 << 20);
	static ngi_doc docs[MAX_DOCS];
	size_t n_docs = 0, bytes = 0;
	for (size_t off = 0; off + DOC_BYTES <= file.len && n_docs < MAX_DOCS;
	     off += DOC_BYTES) {
		size_t len = DOC_BYTES;
		while (len > 0 && ((unsigned char)file.data[off + len] & 0xC0) == 0x80)
			len--; /* end on a code point boundary */
		if (ngi_text_analyze(tc, file.data + off, len, "en", &docs_arena,
				     &docs[n_docs]) != NG_OK)
			return 1;
		bytes += len;
		n_docs++;
	}
	printf("%zu documents, %.1f MB, %s\n", n_docs, bytes / 1e6, path);
	volatile uint64_t sink_value = 0;
	for (int part = 0; part < N_PARTS; part++) {
		double t0 = bench_now(), t;
		size_t rounds = 0;
		do {
			for (size_t i = 0; i < n_docs; i++) {
				const ngi_doc *d = &docs[i];
				uint32_t sig[NGI_MINHASH_K];
				ngi_anchors an;
				ngi_text_sketch sk;
				if (part == PART_HASH || part == PART_ALL)
					sink_value += ngi_content_hash(d);
				if (part == PART_MINHASH || part == PART_ALL)
					sink_value += ngi_minhash(d, sig);
				if (part == PART_ANCHORS || part == PART_ALL ||
				    part == PART_SKETCH) {
					ngi_anchors_build(d, &scratch, &an);
					sink_value += an.n;
				}
				if (part == PART_SKETCH || part == PART_ALL) {
					ngi_text_sketch_build(d, &an, &scratch, &sk);
					sink_value += sk.n_terms;
				}
				ngi_arena_reset(&scratch);
			}
			rounds++;
			t = bench_now() - t0;
		} while (t < 2.0);
		printf("%-16s %8.1f MB/s  %9.0f docs/s\n", part_names[part],
		       bytes * rounds / t / 1e6, n_docs * rounds / t);
	}
	ngi_arena_free(&docs_arena);
	ngi_arena_free(&scratch);
	ngi_text_ctx_free(tc);
	ngi_buf_free(&file);
	return sink_value == 42; /* keeps the work from being optimised away */
}
