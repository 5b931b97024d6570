/*
 * test_copy_input.c: copy detection on hostile and degenerate articles,
 * end to end through include/newsgraph.h (an in-memory engine): texts of
 * no words, one word and 1,000,000 words; two thousand identical texts;
 * texts made only of quotations or only of boilerplate. Each must go in
 * without a crash and come out with sane copy edges: the right kind, to
 * the right original, never a clique. Time is not asserted; the test
 * finishing (also under ASan) is the bound.
 */
#include <newsgraph.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static ng_engine *open_mem(void)
{
	ng_config c;
	ng_config_init(&c);
	c.threads = 2;
	c.on_diag = NULL;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	return e;
}

static ng_status add(ng_engine *e, const char *id, const char *text,
		     const char *published)
{
	ng_record r = {.id = id, .text = text, .published = published,
		       .lang = "en"};
	return ng_ingest_record(e, &r, "test", NULL);
}

/* The copy edges of an article: their total count, and the first few. */
static int copies_of(ng_engine *e, const char *id, ng_copy_info *out, int max)
{
	int n = -1;
	if (ng_article_copies(e, id, out, max, &n) != NG_OK)
		return -1;
	return n;
}

static void test_tiny(void)
{
	ng_engine *e = open_mem();
	if (!e)
		return;
	/* no words at all (punctuation only), twice: stored or refused with a
	 * diagnostic, never an exact copy of each other */
	ng_status s1 = add(e, "none-1", "... !!! -- ?", NULL);
	ng_status s2 = add(e, "none-2", "... !!! -- ?", NULL);
	CHECK(add(e, "one-1", "Breaking", NULL) == NG_OK);
	CHECK(add(e, "one-2", "BREAKING!", NULL) == NG_OK);
	CHECK(add(e, "one-3", "Update", NULL) == NG_OK);
	ng_status f = ng_ingest_flush(e, NULL);
	CHECK(f == NG_OK || f == NG_ERR_INPUT);
	ng_copy_info c[4];
	if (s1 == NG_OK && s2 == NG_OK) {
		int n = copies_of(e, "none-2", c, 4);
		CHECK_MSG(n <= 0, "%d copy edges between wordless texts", n);
	}
	/* one word: the same word is an exact copy, another word is nothing */
	CHECK(copies_of(e, "one-2", c, 4) == 1 && !strcmp(c[0].kind, "exact") &&
	      !strcmp(c[0].other_id, "one-1") && c[0].other_is_original);
	CHECK(copies_of(e, "one-3", c, 4) == 0);
	ng_engine_close(e);
}

/* A text of n words in sentences of twelve, from a vocabulary large enough
 * that word 3-grams rarely repeat; words from `changed` on (every
 * `stride`th) are replaced, for a near copy. */
static char *long_text(size_t n, size_t changed, size_t stride)
{
	char *t = malloc(n * 12 + 16);
	if (!t)
		return NULL;
	size_t len = 0;
	uint64_t x = 12345;
	for (size_t i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		unsigned w = (unsigned)(x >> 33) % 50000;
		int swap = i >= changed && stride && (i - changed) % stride == 0;
		len += (size_t)sprintf(t + len, "%s%c%s%u%s", i % 12 ? " " : "",
				       'a' + (int)(w % 26), swap ? "zz" : "w", w,
				       i % 12 == 11 ? "." : "");
	}
	t[len] = '\0';
	return t;
}

static void test_million_words(void)
{
	ng_engine *e = open_mem();
	char *big = long_text(1000000, 0, 0);
	/* one word in 50 replaced from the middle on: Jaccard about 0.9 */
	char *near = long_text(1000000, 500000, 50);
	if (!e || !big || !near) {
		CHECK(!"setup");
		free(big), free(near), ng_engine_close(e);
		return;
	}
	CHECK(add(e, "big", big, "2024-05-01") == NG_OK);
	CHECK(add(e, "big-copy", big, "2024-05-02") == NG_OK);
	CHECK(add(e, "big-near", near, "2024-05-03") == NG_OK);
	CHECK(ng_ingest_flush(e, NULL) == NG_OK);
	ng_copy_info c[8];
	CHECK(copies_of(e, "big-copy", c, 8) == 1 && !strcmp(c[0].kind, "exact") &&
	      !strcmp(c[0].other_id, "big") && c[0].other_is_original);
	int n = copies_of(e, "big-near", c, 8), near_to_big = 0;
	for (int i = 0; i < n && i < 8; i++)
		near_to_big |= !strcmp(c[i].other_id, "big") &&
			       !strcmp(c[i].kind, "near") && c[i].other_is_original;
	CHECK_MSG(near_to_big, "%d edges of big-near", n);
	long long s1 = 0, s2 = 0;
	CHECK(ng_article_story(e, "big", &s1) == NG_OK &&
	      ng_article_story(e, "big-near", &s2) == NG_OK && s1 == s2);
	free(big);
	free(near);
	ng_engine_close(e);
}

/* Two thousand identical texts: a star of exact edges on the first, each
 * copy with one edge, all in one story. */
static void test_identical(void)
{
	ng_engine *e = open_mem();
	if (!e)
		return;
	const char *text =
		"The city council approved the new budget on Monday after a long "
		"debate about road repairs and school funding. The mayor said the "
		"plan would not raise taxes.";
	enum { N = 2000 };
	char id[32];
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "dup-%04d", i);
		CHECK(add(e, id, text, i % 2 ? NULL : "2024-02-10") == NG_OK);
	}
	CHECK(ng_ingest_flush(e, NULL) == NG_OK);
	ng_copy_info c[4];
	CHECK_MSG(copies_of(e, "dup-0000", c, 4) == N - 1, "original has %d edges",
		  copies_of(e, "dup-0000", c, 4));
	int star = 1;
	long long s0 = 0, s = 0;
	CHECK(ng_article_story(e, "dup-0000", &s0) == NG_OK);
	for (int i = 1; i < N; i++) {
		snprintf(id, sizeof id, "dup-%04d", i);
		star &= copies_of(e, id, c, 4) == 1 && !strcmp(c[0].kind, "exact") &&
			!strcmp(c[0].other_id, "dup-0000") && c[0].other_is_original;
		star &= ng_article_story(e, id, &s) == NG_OK && s == s0;
	}
	CHECK(star);
	ng_engine_close(e);
}

/* Texts made only of quotations, or only of boilerplate. */
static void test_quotes_and_boilerplate(void)
{
	ng_engine *e = open_mem();
	if (!e)
		return;
	const char *quotes_a =
		"\"We will rebuild every bridge before the winter comes.\" "
		"\"Nobody in this valley will be left without a roof.\" "
		"\"The army engineers start work on Monday morning.\"";
	const char *quotes_b = /* shares the first quotation only */
		"\"We will rebuild every bridge before the winter comes.\" "
		"\"The harvest this year is the best in a decade.\" "
		"\"Grain prices should fall by the end of the autumn.\"";
	const char *boiler =
		"Subscribe to our newsletter for the latest news. All rights "
		"reserved. This material may not be published, broadcast, "
		"rewritten or redistributed.";
	CHECK(add(e, "quotes-a", quotes_a, "2024-06-01") == NG_OK);
	CHECK(add(e, "quotes-a2", quotes_a, "2024-06-02") == NG_OK);
	CHECK(add(e, "quotes-b", quotes_b, "2024-06-02") == NG_OK);
	CHECK(add(e, "boiler-1", boiler, "2024-06-03") == NG_OK);
	CHECK(add(e, "boiler-2", boiler, "2024-06-04") == NG_OK);
	CHECK(ng_ingest_flush(e, NULL) == NG_OK);
	ng_copy_info c[8];
	/* the same quotations: an exact copy */
	CHECK(copies_of(e, "quotes-a2", c, 8) == 1 && !strcmp(c[0].kind, "exact") &&
	      !strcmp(c[0].other_id, "quotes-a"));
	/* one shared quotation is not a whole-article copy */
	int n = copies_of(e, "quotes-b", c, 8), whole = 0;
	for (int i = 0; i < n && i < 8; i++)
		whole |= strcmp(c[i].kind, "partial") != 0;
	CHECK_MSG(n >= 0 && !whole, "%d edges, first %s", n, n > 0 ? c[0].kind : "-");
	/* identical boilerplate is an exact copy of the earlier one, and
	 * nothing else */
	CHECK(copies_of(e, "boiler-2", c, 8) == 1 && !strcmp(c[0].kind, "exact") &&
	      !strcmp(c[0].other_id, "boiler-1") && c[0].other_is_original);
	ng_engine_close(e);
}

int main(void)
{
	test_tiny();
	test_identical();
	test_quotes_and_boilerplate();
	test_million_words();
	return check_report("copy_input");
}
