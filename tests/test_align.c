/*
 * test_align.c: verbatim anchors (quotes, sampled 4-grams), the anchor
 * index, sentence sketches and their alignment, on the seed articles (000 is
 * a rewrite of 001 that keeps two quotes) and on hand-made cases.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"
#include "check.h"
#include "link/align.h"
#include "link/anchor_index.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	ngi_buf b;
	ngi_buf_init(&b, 0);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ngi_buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return ngi_buf_steal(&b);
}

typedef struct analysed {
	char *text;
	ngi_doc doc;
	ngi_anchors anchors;
	ngi_text_sketch sketch;
} analysed;

static int analyse(ngi_text_ctx *tc, ngi_arena *a, const char *text, analysed *out)
{
	memset(out, 0, sizeof *out);
	return ngi_text_analyze(tc, text, strlen(text), NULL, a, &out->doc) == NG_OK &&
	       ngi_anchors_build(&out->doc, a, &out->anchors) == NG_OK &&
	       ngi_text_sketch_build(&out->doc, &out->anchors, a, &out->sketch) == NG_OK;
}

static int shares_quote(const ngi_anchors *x, const ngi_anchors *y)
{
	int n = 0;
	for (uint32_t i = 0; i < x->n_quotes; i++)
		for (uint32_t j = 0; j < y->n_quotes; j++)
			n += x->quotes[i].hash == y->quotes[j].hash;
	return n;
}

static void test_seeds(ngi_text_ctx *tc, ngi_arena *a)
{
	static const char *files[] = {
		"examples/articles/000_58e73d3533bae044.txt", "examples/articles/001_5d9da47f99b66cba.txt",
		"examples/articles/003_b25523e41b776a03.txt", "examples/articles/004_3ecbcb9470ad91fc.txt"};
	analysed d[4];
	for (int i = 0; i < 4; i++) {
		size_t len;
		char *t = slurp(files[i], &len);
		CHECK_MSG(t != NULL, "cannot read %s", files[i]);
		if (!t)
			return;
		CHECK(analyse(tc, a, t, &d[i]));
		d[i].text = t;
	}
	/* 000 and 001 share the two quotes 000 kept verbatim */
	CHECK(shares_quote(&d[0].anchors, &d[1].anchors) == 2);
	CHECK(shares_quote(&d[1].anchors, &d[2].anchors) == 0);
	/* a quote span points at the quoted words */
	int found = 0;
	for (uint32_t i = 0; i < d[0].anchors.n_quotes; i++) {
		const ngi_quote_span *q = &d[0].anchors.quotes[i];
		found |= !strncmp(d[0].text + q->start, "There were no contacts", 22);
	}
	CHECK(found);

	ngi_alignment rewrite, other, same_thread;
	CHECK(ngi_align(&d[0].sketch, &d[1].sketch, &rewrite) == NG_OK);
	CHECK(ngi_align(&d[1].sketch, &d[2].sketch, &other) == NG_OK);
	CHECK(ngi_align(&d[2].sketch, &d[3].sketch, &same_thread) == NG_OK);
	CHECK_MSG(rewrite.pairs >= 6 && rewrite.coverage_a > 0.6,
		  "rewrite: %d pairs, coverage %.2f", rewrite.pairs, rewrite.coverage_a);
	CHECK_MSG(other.coverage_a < 0.25 && other.coverage_b < 0.25,
		  "001/003 coverage %.2f/%.2f", other.coverage_a, other.coverage_b);
	CHECK_MSG(same_thread.coverage_a < 0.25 && same_thread.coverage_b < 0.25,
		  "003/004 coverage %.2f/%.2f", same_thread.coverage_a, same_thread.coverage_b);
	/* passages point into both texts, in range */
	int in_range = rewrite.n_passages > 0;
	for (int i = 0; i < rewrite.n_passages; i++) {
		const ngi_passage *p = &rewrite.passages[i];
		in_range &= p->a_start < p->a_end && p->a_end <= d[0].doc.len &&
			    p->b_start < p->b_end && p->b_end <= d[1].doc.len;
	}
	CHECK(in_range);
	for (int i = 0; i < 4; i++)
		free(d[i].text);
}

static void test_partial(ngi_text_ctx *tc, ngi_arena *a)
{
	const char *block =
		"The river burst its banks after three days of heavy rain. "
		"Hundreds of families were moved to schools on higher ground. "
		"The mayor said the water would take a week to recede. ";
	char x[2048], y[2048];
	snprintf(x, sizeof x, "%s%s", block,
		 "Farmers counted their losses in the flooded valley. "
		 "Insurance companies sent assessors on Monday. "
		 "The weather service expects more rain next week.");
	snprintf(y, sizeof y, "%s%s%s",
		 "Parliament debated the budget for most of the night. "
		 "The opposition walked out before the final vote. ",
		 block, "Ministers promised help for the region.");
	analysed dx, dy;
	CHECK(analyse(tc, a, x, &dx) && analyse(tc, a, y, &dy));
	ngi_alignment al;
	CHECK(ngi_align(&dx.sketch, &dy.sketch, &al) == NG_OK);
	CHECK_MSG(al.longest_run == 3, "longest verbatim run %d", al.longest_run);
	CHECK(al.n_passages >= 1 && al.passages[0].pairs == 3);
	CHECK(!strncmp(x + al.passages[0].a_start, "The river burst", 15));
	CHECK(!strncmp(y + al.passages[0].b_start, "The river burst", 15));
}

/* A sentence too short to pair ("He agreed.") inside a lifted block does
 * not cut the block in two. */
static void test_run_across_short(ngi_text_ctx *tc, ngi_arena *a)
{
	char x[2048], y[2048];
	snprintf(x, sizeof x, "%s",
		 "The river burst its banks after three days of heavy rain. "
		 "Hundreds of families were moved to schools on higher ground. "
		 "Farmers counted their losses in the flooded valley.");
	snprintf(y, sizeof y, "%s",
		 "Parliament debated the budget for most of the night. "
		 "The river burst its banks after three days of heavy rain. "
		 "Nobody knew. "
		 "Hundreds of families were moved to schools on higher ground. "
		 "Ministers promised help for the region.");
	analysed dx, dy;
	CHECK(analyse(tc, a, x, &dx) && analyse(tc, a, y, &dy));
	ngi_alignment al;
	CHECK(ngi_align(&dx.sketch, &dy.sketch, &al) == NG_OK);
	CHECK_MSG(al.longest_run == 2, "longest verbatim run %d", al.longest_run);
	CHECK(al.n_passages == 1 && al.passages[0].pairs == 2);
	CHECK(al.n_passages == 1 &&
	      !strncmp(y + al.passages[0].b_start, "The river burst", 15));
	/* a sentence that could have paired but did not still ends the run */
	snprintf(y, sizeof y, "%s",
		 "The river burst its banks after three days of heavy rain. "
		 "Insurance companies sent assessors to the valley on Monday. "
		 "Hundreds of families were moved to schools on higher ground.");
	CHECK(analyse(tc, a, y, &dy));
	CHECK(ngi_align(&dx.sketch, &dy.sketch, &al) == NG_OK);
	CHECK_MSG(al.longest_run == 1, "longest verbatim run %d", al.longest_run);
}

static void test_roundtrip(ngi_text_ctx *tc, ngi_arena *a)
{
	analysed d;
	CHECK(analyse(tc, a,
		      "“We will not give up,” the minister said on Tuesday. "
		      "Talks resume in Geneva next week, officials confirmed.",
		      &d));
	CHECK(d.anchors.n_quotes == 1);
	size_t n = ngi_text_sketch_size(&d.sketch);
	unsigned char *buf = malloc(n);
	ngi_text_sketch_write(&d.sketch, buf);
	ngi_text_sketch back;
	CHECK(ngi_text_sketch_read(buf, n, a, &back) == NG_OK);
	CHECK(back.n_sents == d.sketch.n_sents && back.n_terms == d.sketch.n_terms &&
	      back.n_quotes == 1 && back.quotes[0].hash == d.anchors.quotes[0].hash);
	CHECK(memcmp(back.terms, d.sketch.terms, back.n_terms * 4) == 0);
	/* damaged blobs are refused, never read out of bounds */
	CHECK(ngi_text_sketch_read(buf, n - 1, a, &back) == NG_ERR_INPUT);
	CHECK(ngi_text_sketch_read(buf, 3, a, &back) == NG_ERR_INPUT);
	buf[0] ^= 0xff;
	CHECK(ngi_text_sketch_read(buf, n, a, &back) == NG_ERR_INPUT);
	buf[0] ^= 0xff;
	buf[16 + 8] = 0xff; /* first sentence's "first" index past the terms */
	buf[16 + 9] = 0xff;
	CHECK(ngi_text_sketch_read(buf, n, a, &back) == NG_ERR_INPUT);
	free(buf);
	CHECK(ngi_text_sketch_read(NULL, 0, a, &back) == NG_ERR_INPUT);
}

static void test_anchor_index(void)
{
	ngi_anchor_index ai;
	ngi_anchor_index_init(&ai, 1024);
	uint64_t a0[] = {11, 22, 33, 44}, a1[] = {22, 33, 55}, q[] = {33, 22, 99};
	ngi_anchor_hit hits[8];
	CHECK(ngi_anchor_index_query(&ai, q, 3, 1, hits, 8) == 0);
	CHECK(ngi_anchor_index_add(&ai, a0, 4, 0) == NG_OK);
	CHECK(ngi_anchor_index_add(&ai, a1, 3, 1) == NG_OK);
	int n = ngi_anchor_index_query(&ai, q, 3, 1, hits, 8);
	CHECK(n == 2);
	/* both share 2 anchors; the newest comes first; 33 is a quote */
	CHECK(n == 2 && hits[0].seq == 1 && hits[0].shared == 2 && hits[0].quotes == 1);
	CHECK(n == 2 && hits[1].seq == 0 && hits[1].shared == 2);
	CHECK(ngi_anchor_index_memory(&ai) == 1024 * 4 * 8);
	ngi_anchor_index_free(&ai);

	/* a bucket holds four entries: a fifth, for another anchor, evicts
	 * the oldest article (one bucket, so every anchor lands in it) */
	ngi_anchor_index_init(&ai, 1);
	for (uint32_t s = 10; s < 15; s++) {
		uint64_t own[] = {1000 + s};
		ngi_anchor_index_add(&ai, own, 1, s);
	}
	uint64_t all[] = {1010, 1011, 1012, 1013, 1014};
	n = ngi_anchor_index_query(&ai, all, 5, 0, hits, 8);
	CHECK(n == 4);
	int oldest_gone = 1;
	for (int i = 0; i < n; i++)
		oldest_gone &= hits[i].seq != 10;
	CHECK(oldest_gone);
	ngi_anchor_index_free(&ai);

	/* eight articles sharing the same sixteen anchors (a family of copies
	 * of one passage): each anchor's bucket keeps four of them, but not
	 * the same four, so a ninth still meets all eight, the oldest too */
	ngi_anchor_index_init(&ai, 1024);
	uint64_t passage[16];
	for (int i = 0; i < 16; i++)
		passage[i] = 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1);
	for (uint32_t s = 0; s < 8; s++)
		CHECK(ngi_anchor_index_add(&ai, passage, 16, s) == NG_OK);
	n = ngi_anchor_index_query(&ai, passage, 16, 0, hits, 8);
	CHECK_MSG(n == 8, "%d of the family found", n);
	int total = 0;
	for (int i = 0; i < n; i++)
		total += hits[i].shared;
	CHECK(total == 16 * 4); /* four entries per anchor, no more */
	ngi_anchor_index_free(&ai);
}

static void test_bad_input(ngi_text_ctx *tc, ngi_arena *a)
{
	/* unbalanced and nested quotes, empty text, only quotes */
	static const char *texts[] = {
		"", "“", "\"\"\"\"", "“ open quote that never closes across\n\nparagraphs",
		"«„nested “marks” here» and more words than five in a row»",
		"“one two three four five” “one two three four five”",
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(texts); i++) {
		analysed d;
		CHECK(analyse(tc, a, texts[i], &d));
		ngi_alignment al;
		CHECK(ngi_align(&d.sketch, &d.sketch, &al) == NG_OK);
	}
	analysed d;
	CHECK(analyse(tc, a, "“one two three four five” and “one two three four five”", &d));
	CHECK(d.anchors.n_quotes == 1); /* the same quote twice is one anchor */
}

/* A quote left open across a paragraph break (two line breaks, however far
 * apart, counted from the opening mark over every later mark) is dropped;
 * one line break keeps it. A text of only opening marks is read in one
 * pass (issue 15: it was quadratic); its count checks nothing is made of
 * it. */
static void test_quote_paragraphs(ngi_text_ctx *tc, ngi_arena *a)
{
	static const struct { const char *text; uint32_t quotes; } rows[] = {
		{"He said \xe2\x80\x9cone two three four five six\xe2\x80\x9d today.", 1},
		{"He said \xe2\x80\x9cone two \xe2\x80\x9cthree four\nfive six "
		 "\xe2\x80\x9cseven\neight nine\xe2\x80\x9d today.", 0},
		{"He said \xe2\x80\x9cone two \xe2\x80\x9cthree four\nfive six "
		 "\xe2\x80\x9cseven eight nine\xe2\x80\x9d today.", 1},
		{"He said \xe2\x80\x9cone two three\n\nfour five six\xe2\x80\x9d. "
		 "\xe2\x80\x9cSeven eight nine ten eleven\xe2\x80\x9d.", 1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		analysed d;
		CHECK(analyse(tc, a, rows[i].text, &d));
		CHECK_MSG(d.anchors.n_quotes == rows[i].quotes, "row %zu: %u quotes, want %u",
			  i, d.anchors.n_quotes, rows[i].quotes);
	}
	/* n and 4n opening marks: the best of three CPU times each; linear
	 * work takes about 4 times as long, quadratic 16 (it took 17 before
	 * the fix) */
	size_t n = 50000;
	char *marks = malloc(3 * 4 * n + 1);
	if (!marks)
		return;
	for (size_t i = 0; i < 4 * n; i++)
		memcpy(marks + 3 * i, "\xe2\x80\x9c", 3);
	double best[2] = {1e9, 1e9};
	for (int size = 0; size < 2; size++) {
		marks[3 * n] = size ? '\xe2' : '\0'; /* n marks, then 4n */
		marks[3 * 4 * n] = '\0';
		for (int run = 0; run < 3; run++) {
			analysed d;
			clock_t t0 = clock();
			CHECK(analyse(tc, a, marks, &d));
			double t = (double)(clock() - t0) / CLOCKS_PER_SEC;
			if (t < best[size])
				best[size] = t;
			CHECK(d.anchors.n_quotes == 0);
			ngi_arena_reset(a);
		}
	}
	CHECK_MSG(best[1] < 10 * best[0] + 0.02, "%zu marks %.3f s, %zu marks "
		  "%.3f s: not linear", n, best[0], 4 * n, best[1]);
	free(marks);
}

int main(void)
{
	ngi_text_ctx *tc;
	if (ngi_text_ctx_new(&tc) != NG_OK)
		return 1;
	ngi_arena a;
	ngi_arena_init(&a, 1 << 20);
	test_seeds(tc, &a);
	test_partial(tc, &a);
	test_run_across_short(tc, &a);
	test_roundtrip(tc, &a);
	test_anchor_index();
	test_bad_input(tc, &a);
	test_quote_paragraphs(tc, &a);
	ngi_arena_free(&a);
	ngi_text_ctx_free(tc);
	return check_report("align");
}
