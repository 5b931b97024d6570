/*
 * test_span_index.c: the passage groups of src/link/span_index.h and the
 * passage terms of src/sketch/span_terms.h: same words match at once, close
 * wordings by Dice overlap, a shared speaker lowers the bar, the window and
 * the capacity bound what is matched, eviction leaves the lists sound, and
 * an English sentence and its German translation share terms through the
 * pivot dictionary.
 */
#include <stdlib.h>

#include "check.h"
#include "base/data.h"
#include "extract/entities.h"
#include "link/link.h"
#include "link/span_index.h"
#include "sketch/pivot.h"
#include "sketch/span_terms.h"
#include "text/text.h"

#define SIG(t, n, words, key, day) (&(ngi_span_sig){(t), (n), (words), (key), (day), 1})
#define SIG_LANG(t, n, key, lang) (&(ngi_span_sig){(t), (n), 0, (key), 100, (lang)})

static void test_rules(void)
{
	ngi_span_rule r = {.dice = 0.6, .dice_same_key = 0.3, .min_shared = 2,
			   .window_days = 30, .capacity = 4};
	ngi_span_index *x;
	CHECK(ngi_span_index_new(&r, &x) == NG_OK);
	uint32_t a[] = {1, 2, 3, 4, 5};
	uint32_t b[] = {1, 2, 3, 4, 9};      /* dice 0.8 with a */
	uint32_t c[] = {1, 2, 7, 8, 9, 10};  /* dice 2*2/11 = 0.36 with a */
	uint32_t d[] = {1, 20, 21};          /* one shared term only */
	CHECK(ngi_span_index_match(x, SIG(a, 5, 0, 0, 100)) == 0);
	CHECK(ngi_span_index_add(x, 1, SIG(a, 5, 77, 5, 100)) == NG_OK);
	CHECK(ngi_span_index_match(x, SIG(b, 5, 0, 0, 101)) == 1);
	/* too far apart for another speaker, close enough for the same one */
	CHECK(ngi_span_index_match(x, SIG(c, 6, 0, 0, 101)) == 0);
	CHECK(ngi_span_index_match(x, SIG(c, 6, 0, 5, 101)) == 1);
	CHECK(ngi_span_index_match(x, SIG(d, 3, 0, 5, 101)) == 0);
	/* the same words match whatever the terms */
	CHECK(ngi_span_index_match(x, SIG(d, 3, 77, 0, 101)) == 1);
	/* outside the window, counted from the latest member */
	CHECK(ngi_span_index_match(x, SIG(b, 5, 0, 0, 131)) == 0);
	ngi_span_index_touch(x, 1, 120);
	CHECK(ngi_span_index_match(x, SIG(b, 5, 0, 0, 131)) == 1);
	CHECK(ngi_span_index_match(x, SIG(b, 5, 0, 0, NGI_DAY_UNKNOWN)) == 1);
	/* the best group wins; on a tie the older one */
	uint32_t e[] = {1, 2, 3, 4, 9, 11};
	CHECK(ngi_span_index_add(x, 2, SIG(e, 6, 0, 0, 100)) == NG_OK);
	CHECK(ngi_span_index_match(x, SIG(b, 5, 0, 0, 100)) == 2);
	CHECK(ngi_span_index_match(x, SIG(a, 5, 0, 0, 100)) == 1);
	/* capacity 4: adding groups 3..6 evicts 1 and 2, and their postings */
	uint32_t f[] = {100, 101, 102};
	for (uint64_t id = 3; id <= 6; id++)
		CHECK(ngi_span_index_add(x, id, SIG(f, 3, 0, 0, 100)) == NG_OK);
	CHECK(ngi_span_index_match(x, SIG(a, 5, 77, 0, 100)) == 0);
	CHECK(ngi_span_index_match(x, SIG(f, 3, 0, 0, 100)) == 3);
	const uint32_t *terms;
	CHECK(ngi_span_index_terms(x, 1, &terms) == 0);
	CHECK(ngi_span_index_terms(x, 6, &terms) == 3 && terms[0] == 100);
	/* re-adding after eviction keeps every list sound */
	for (uint64_t id = 7; id <= 40; id++) {
		uint32_t g[] = {100, (uint32_t)(200 + id % 3), 102};
		CHECK(ngi_span_index_add(x, id, SIG(g, 3, id, 0, 100)) == NG_OK);
	}
	CHECK(ngi_span_index_match(x, SIG(f, 3, 0, 0, 100)) == 37);
	CHECK(ngi_span_index_match(x, SIG(f, 3, 40, 0, 100)) == 40);
	CHECK(ngi_span_index_match(x, SIG(f, 3, 36, 0, 100)) == 37);
	ngi_span_index_free(x);
	/* across languages, shared terms over the smaller count: a translation
	 * (lang 2) of group 1 (lang 1) sharing 2 of its 5 terms among 10 */
	CHECK(ngi_span_index_new(&r, &x) == NG_OK);
	uint32_t src[] = {1, 2, 3, 4, 5};
	uint32_t tr[] = {1, 2, 30, 31, 32, 33, 34, 35, 36, 37};
	CHECK(ngi_span_index_add(x, 1, SIG_LANG(src, 5, 9, 1)) == NG_OK);
	CHECK(ngi_span_index_match(x, SIG_LANG(tr, 10, 9, 2)) == 1);
	CHECK(ngi_span_index_match(x, SIG_LANG(tr, 10, 9, 1)) == 0); /* Dice 0.27 */
	CHECK(ngi_span_index_match(x, SIG_LANG(tr, 10, 8, 2)) == 0); /* 0.4 < 0.6 */
	CHECK(ngi_span_index_match(x, SIG_LANG(tr, 10, 9, 0)) == 0); /* unknown */
	ngi_span_index_free(x);
	/* several representatives of one group (a claim restated): each
	 * matches, a touch moves every window, the older leaves first and the
	 * words of one that stays still match */
	ngi_span_rule r3 = r;
	r3.capacity = 3;
	CHECK(ngi_span_index_new(&r3, &x) == NG_OK);
	uint32_t ra[] = {1, 2, 3, 4}, rb[] = {50, 51, 52, 53}, other[] = {90, 91, 92};
	CHECK(ngi_span_index_add(x, 7, SIG(ra, 4, 500, 0, 100)) == NG_OK);
	CHECK(ngi_span_index_add(x, 7, SIG(rb, 4, 500, 0, 100)) == NG_OK);
	CHECK(ngi_span_index_match(x, SIG(ra, 4, 0, 0, 100)) == 7);
	CHECK(ngi_span_index_match(x, SIG(rb, 4, 0, 0, 100)) == 7);
	CHECK(ngi_span_index_match(x, SIG(ra, 4, 0, 0, 140)) == 0);
	ngi_span_index_touch(x, 7, 130);
	CHECK(ngi_span_index_match(x, SIG(ra, 4, 0, 0, 140)) == 7);
	CHECK(ngi_span_index_match(x, SIG(rb, 4, 0, 0, 140)) == 7);
	CHECK(ngi_span_index_terms(x, 7, &terms) == 4 && terms[0] == 50);
	/* two more groups: ra's slot is reused, rb stays */
	CHECK(ngi_span_index_add(x, 8, SIG(other, 3, 0, 0, 130)) == NG_OK);
	CHECK(ngi_span_index_add(x, 9, SIG(other, 3, 0, 0, 130)) == NG_OK);
	CHECK(ngi_span_index_match(x, SIG(ra, 4, 0, 0, 130)) == 0);
	CHECK(ngi_span_index_match(x, SIG(rb, 4, 0, 0, 130)) == 7);
	CHECK(ngi_span_index_match(x, SIG(other, 1, 500, 0, 130)) == 7);
	CHECK(ngi_span_key_hash(NULL) == 0 && ngi_span_key_hash("") == 0);
	CHECK(ngi_span_key_hash("p_t_n") == ngi_span_key_hash("p_t_n"));
	CHECK(ngi_span_key_hash("p_t_n") != ngi_span_key_hash("tr_mp"));
	ngi_span_index_free(x);
	ngi_span_rule bad = r;
	bad.capacity = 0;
	CHECK(ngi_span_index_new(&bad, &x) == NG_ERR_USAGE);
}

/* The terms of a whole text. */
static uint32_t terms_of(ngi_text_ctx *tc, ngi_entity_ctx *ec, const char *text,
			 const char *lang, ngi_arena *a, uint32_t **t,
			 uint64_t *words)
{
	ngi_doc d;
	ngi_mention *m = NULL;
	size_t nm = 0;
	uint32_t n = 0;
	if (ngi_text_analyze(tc, text, strlen(text), lang, a, &d) ||
	    ngi_entities_find(ec, &d, a, &m, &nm) ||
	    ngi_span_terms(&d, 0, (uint32_t)d.len, m, nm, a, t, &n))
		return 0;
	*words = ngi_span_words_hash(&d, 0, (uint32_t)d.len);
	return n;
}

static uint32_t shared(const uint32_t *a, uint32_t na, const uint32_t *b,
		       uint32_t nb)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < na; i++)
		for (uint32_t j = 0; j < nb; j++)
			n += a[i] == b[j];
	return n;
}

static void test_terms(void)
{
	ngi_text_ctx *tc;
	ngi_entity_ctx *ec;
	CHECK(ngi_text_ctx_new(&tc) == NG_OK);
	CHECK(ngi_entity_ctx_new(&ec) == NG_OK);
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	uint32_t *en, *en2, *de;
	uint64_t wen, wen2, wde;
	uint32_t nen = terms_of(tc, ec, "There were no contacts back then, and "
				"there are none now, Putin said.", "en", &a, &en, &wen);
	uint32_t nen2 = terms_of(tc, ec, "There were no contacts back then -- and "
				 "there are none now ... Putin said", "en", &a, &en2,
				 &wen2);
	CHECK(nen > 2);
	/* the same words, whatever the punctuation (and the case, for the
	 * words hash) */
	CHECK(wen == wen2 && wen != 0);
	CHECK(nen == nen2 && shared(en, nen, en2, nen2) == nen);
	uint32_t *up;
	uint64_t wup;
	terms_of(tc, ec, "THERE WERE NO CONTACTS BACK THEN, AND THERE ARE NONE NOW, "
		 "PUTIN SAID.", "en", &a, &up, &wup);
	CHECK(wup == wen);
	for (uint32_t i = 1; i < nen; i++)
		CHECK(en[i - 1] < en[i]);
	uint32_t nde = terms_of(tc, ec, "Es gab damals keine Kontakte, und es gibt "
				"sie jetzt auch nicht, sagte Putin.", "de", &a, &de, &wde);
	CHECK(wde != wen);
	if (ngi_pivot_has_lang("de"))
		/* contact and Putin at least, through the dictionary and the key */
		CHECK_MSG(shared(en, nen, de, nde) >= 2, "shared %u",
			  shared(en, nen, de, nde));
	else
		SKIP("no German pivot dictionary in this build");
	uint32_t *none;
	uint64_t wnone;
	CHECK(terms_of(tc, ec, "... !!! ,,,", "en", &a, &none, &wnone) == 0);
	CHECK(wnone == 0);
	ngi_arena_free(&a);
	ngi_entity_ctx_free(ec);
	ngi_text_ctx_free(tc);
}

int main(void)
{
	test_rules();
	test_terms();
	return check_report("span_index");
}
