/*
 * stance_text.c: an analysed text -> a prepared stance text (stance_int.h).
 *
 * Keeps the word and number tokens (at most NGI_STANCE_MAX_WORDS), marks
 * each with its cue kinds (stance_cues.c) and with the kinds found within
 * NEAR words either side, groups the content words (not stopwords) into
 * distinct terms by stem with their positions, first sentence and IDF, and
 * collects the content-stem bigrams and the body-level hashed stems. Time is
 * linear in the text (the terms' sort is a bucket pass over hashes, the
 * bigrams of a body go into a hash set, its buckets into a bit set);
 * everything lives in the arena. The stopwords are the tokens' flags
 * (ngi_token.stop) when the text has a language.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stance_int.h"
#include "../base/sort.h"

#define NEAR 4 /* words either side counted as near */
#define BODY_HASH_WORDS 400 /* content words of the lead hashed as body words */

/* ngi_stance_term_hash (FNV-1a 64), and whether the bytes hold 0xe2 (the
 * lead byte of U+2019, which the cue lexicon reads as an apostrophe);
 * looked for only in a word that is not plain ASCII. */
static inline uint64_t term_hash(const char *s, size_t n, int *curly)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned high = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		high |= c;
		h ^= c;
		h *= 0x100000001b3ULL;
	}
	*curly = (high & 0x80) && memchr(s, 0xe2, n) != NULL;
	return h;
}

/* The cue mask of a word whose term hash is h. */
static inline unsigned cue_mask(uint64_t cue_lang, const char *word, size_t len,
				uint64_t h, int curly)
{
	if (len == 0 || len >= 64)
		return 0;
	if (curly)
		return ngi_stance_cue_mask_in(cue_lang, word, len);
	return ngi_stance_cue_mask_hashed(cue_lang, h);
}

/* The buckets b[0..n) (each below 2^NGI_STANCE_HASH_BITS) sorted and
 * unique in place, their number in *out. A body's few hundred go through
 * a bit set of all buckets (2 KB), a claim's few through a sort. */
static ng_status sorted_buckets(uint32_t *b, size_t n, size_t *out)
{
	size_t u = 0;
	if (n < 64) {
		ng_status st = ngi_sort_u32(b, n);
		if (st)
			return st;
		for (size_t i = 0; i < n; i++)
			if (i == 0 || b[i] != b[i - 1])
				b[u++] = b[i];
		*out = u;
		return NG_OK;
	}
	uint64_t set[(1u << NGI_STANCE_HASH_BITS) / 64];
	memset(set, 0, sizeof set);
	for (size_t i = 0; i < n; i++)
		set[b[i] >> 6] |= (uint64_t)1 << (b[i] & 63);
	for (uint32_t k = 0; k < (1u << NGI_STANCE_HASH_BITS) / 64; k++)
		for (uint64_t x = set[k]; x; x &= x - 1)
			b[u++] = k * 64 + (uint32_t)__builtin_ctzll(x);
	*out = u;
	return NG_OK;
}

/* Below this many bigrams a text keeps them sorted (stance_int.h). */
#define BIGRAM_SET_MIN 48

/* t's bigrams from the n hashes in big (which it may reorder), into a. */
static ng_status bigram_set(ngi_stance_text *t, uint64_t *big, size_t n,
			    ngi_arena *a)
{
	if (n < BIGRAM_SET_MIN) {
		ng_status st = ngi_sort_u64(big, n);
		if (st)
			return st;
		size_t u = 0;
		for (size_t i = 0; i < n; i++)
			if (i == 0 || big[i] != big[i - 1])
				big[u++] = big[i];
		t->bigrams = ngi_arena_alloc(a, (u ? u : 1) * sizeof *t->bigrams);
		if (!t->bigrams)
			return NG_ERR_NOMEM;
		memcpy(t->bigrams, big, u * sizeof *big);
		t->n_bigrams = (uint32_t)u;
		return NG_OK;
	}
	size_t cap = 64;
	while (cap < 2 * n)
		cap *= 2;
	uint64_t *set = ngi_arena_zalloc(a, cap * sizeof *set);
	if (!set)
		return NG_ERR_NOMEM;
	uint64_t mask = cap - 1;
	uint32_t u = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t key = big[i];
		if (key == 0) {
			u += !t->bigram_zero;
			t->bigram_zero = 1;
			continue;
		}
		uint64_t k = key & mask;
		while (set[k] && set[k] != key)
			k = (k + 1) & mask;
		u += !set[k];
		set[k] = key;
	}
	t->bigrams = set;
	t->n_bigrams = u;
	t->bigram_mask = (uint32_t)mask;
	return NG_OK;
}

typedef struct occ {
	uint64_t hash;
	uint32_t word;
} occ;

static float idf_of(const ngi_stance_idf *idf, uint64_t h)
{
	const uint64_t *v = idf ? ngi_map_get(&idf->map, h) : NULL;
	if (!v)
		return idf ? idf->idf_default : 1.0f;
	uint32_t bits = (uint32_t)*v;
	float f;
	memcpy(&f, &bits, sizeof f);
	return f;
}

ng_status ngi_stance_prepare_idf(const ngi_doc *doc, const ngi_stance_idf *idf,
				 ngi_arena *a, ngi_stance_text **out)
{
	*out = NULL;
	ng_status st = ngi_stance_cues_load();
	if (st)
		return st;
	ngi_stance_text *t = ngi_arena_zalloc(a, sizeof *t);
	if (!t)
		return NG_ERR_NOMEM;
	const char *lang = doc->lang[0] ? doc->lang : "und";
	size_t lang_len = strnlen(lang, sizeof t->lang - 1);
	memcpy(t->lang, lang, lang_len);
	t->lang[lang_len] = '\0';
	size_t nw = 0;
	for (size_t i = 0; i < doc->n_tokens && nw < NGI_STANCE_MAX_WORDS; i++)
		nw += doc->tokens[i].kind != NGI_TOK_PUNCT;
	size_t cap = nw ? nw : 1;
	t->word_hash = ngi_arena_alloc(a, cap * sizeof *t->word_hash);
	t->word_sent = ngi_arena_alloc(a, cap * sizeof *t->word_sent);
	t->word_cue = ngi_arena_zalloc(a, cap);
	t->near_cue = ngi_arena_zalloc(a, cap);
	occ *occs = malloc(cap * sizeof *occs);
	uint64_t *big = malloc(cap * sizeof *big);
	uint32_t *bh = malloc(cap * sizeof *bh);
	uint8_t *capd = malloc(cap);
	if (!t->word_hash || !t->word_sent || !t->word_cue || !t->near_cue ||
	    !occs || !big || !bh || !capd) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	size_t n_occ = 0, n_big = 0, n_bh = 0;
	int any_cue = 0;
	uint64_t cue_lang = ngi_stance_cue_lang(t->lang);
	/* the tokens' stopword flags are for the document's language: the
	 * same as t->lang unless the document has none */
	int own_stops = strcmp(t->lang, doc->lang) == 0;
	uint64_t prev = 0;
	int have_prev = 0;
	uint32_t w = 0;
	for (size_t i = 0; i < doc->n_tokens && w < nw; i++) {
		const ngi_token *tk = &doc->tokens[i];
		if (tk->kind == NGI_TOK_PUNCT)
			continue;
		int curly;
		uint64_t h = term_hash(tk->stem, tk->stem_len, &curly);
		t->word_hash[w] = (uint32_t)h;
		t->word_sent[w] = tk->sentence;
		/* the stem is looked up too, unless it is the word itself */
		unsigned cue = cue_mask(cue_lang, tk->stem, tk->stem_len, h, curly);
		if (tk->stem != tk->norm &&
		    (tk->stem_len != tk->norm_len ||
		     memcmp(tk->stem, tk->norm, tk->norm_len) != 0)) {
			int norm_curly;
			uint64_t hn = term_hash(tk->norm, tk->norm_len, &norm_curly);
			cue |= cue_mask(cue_lang, tk->norm, tk->norm_len, hn, norm_curly);
		}
		t->word_cue[w] = (uint8_t)cue;
		if (cue) {
			for (int k = 0; k < NGI_CUE_KINDS; k++)
				if (cue >> k & 1) {
					t->cue_count[k] += 1;
					if (tk->sentence < 3)
						t->cue_lead[k] += 1;
				}
			any_cue = 1;
		}
		int content = (tk->kind == NGI_TOK_NUMBER || tk->norm_len >= 2) &&
			      !(own_stops ? tk->stop
					  : ngi_is_stopword(t->lang, tk->norm,
							    tk->norm_len));
		if (content) {
			occs[n_occ].hash = h;
			occs[n_occ].word = w;
			capd[n_occ] = (uint8_t)((tk->capitalised &&
						 !ngi_doc_opens_sentence(doc, i)) |
						(tk->kind == NGI_TOK_NUMBER) << 1);
			n_occ++;
			if (have_prev)
				big[n_big++] = ngi_mix64(prev * 31 + h);
			prev = h;
			have_prev = 1;
			if (n_occ <= BODY_HASH_WORDS)
				bh[n_bh++] = (uint32_t)(ngi_mix64(h ^ 0x3333) &
						((1u << NGI_STANCE_HASH_BITS) - 1));
		}
		if (tk->sentence + 1 > t->n_sent)
			t->n_sent = tk->sentence + 1;
		w++;
	}
	t->n_words = w;
	t->sent_cue = ngi_arena_zalloc(a, t->n_sent ? t->n_sent : 1);
	if (!t->sent_cue) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	t->n_content = (uint32_t)n_occ;

	/* Cue kinds within NEAR words either side: each cue word marks its
	 * window (cue words are few). */
	for (uint32_t i = 0; any_cue && i < w; i++) {
		uint8_t m = t->word_cue[i];
		if (!m)
			continue;
		t->sent_cue[t->word_sent[i]] |= m;
		uint32_t lo = i >= NEAR ? i - NEAR : 0;
		uint32_t hi = i + NEAR < w ? i + NEAR : w - 1;
		for (uint32_t j = lo; j <= hi; j++)
			t->near_cue[j] |= m;
	}

	/* Terms: the occurrences sorted by (hash, word). The flags follow
	 * their occurrence through the sort via a word -> flag table. */
	uint8_t *flag_of_word = ngi_arena_zalloc(a, cap);
	if (!flag_of_word) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	for (size_t i = 0; i < n_occ; i++)
		flag_of_word[occs[i].word] = capd[i];
	/* occurrences come in word order, so a stable sort by hash gives
	 * (hash, word) order */
	if ((st = ngi_sort_by_key64(occs, n_occ, sizeof *occs)))
		goto done;
	size_t n_terms = 0;
	for (size_t i = 0; i < n_occ; i++)
		n_terms += i == 0 || occs[i].hash != occs[i - 1].hash;
	t->terms = ngi_arena_zalloc(a, (n_terms ? n_terms : 1) * sizeof *t->terms);
	t->pos = ngi_arena_alloc(a, (n_occ ? n_occ : 1) * sizeof *t->pos);
	if (!t->terms || !t->pos) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	double norm = 0, idf_sum = 0;
	for (size_t i = 0; i < n_occ;) {
		size_t j = i;
		ngi_stance_term *tm = &t->terms[t->n_terms++];
		tm->hash = occs[i].hash;
		tm->pos_off = (uint32_t)i;
		tm->first_sent = t->word_sent[occs[i].word];
		for (; j < n_occ && occs[j].hash == occs[i].hash; j++) {
			t->pos[j] = occs[j].word;
			tm->capitalised |= flag_of_word[occs[j].word] & 1;
			tm->is_number |= (flag_of_word[occs[j].word] >> 1) & 1;
		}
		tm->tf = (uint32_t)(j - i);
		tm->n_pos = tm->tf;
		tm->idf = idf_of(idf, tm->hash);
		/* log(1) is exactly 0: most terms occur once */
		double x = (tm->tf == 1 ? 1.0 : 1.0 + log((double)tm->tf)) * tm->idf;
		norm += x * x;
		idf_sum += tm->idf;
		i = j;
	}
	t->tfidf_norm = sqrt(norm);
	t->idf_sum = idf_sum;

	if ((st = bigram_set(t, big, n_big, a)))
		goto done;
	size_t uh;
	if ((st = sorted_buckets(bh, n_bh, &uh)))
		goto done;
	t->body_hash = ngi_arena_alloc(a, (uh ? uh : 1) * sizeof *t->body_hash);
	if (!t->body_hash) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	memcpy(t->body_hash, bh, uh * sizeof *bh);
	t->n_body_hash = (uint32_t)uh;
	t->body_hash_val = uh ? (float)(1.0 / sqrt((double)uh)) : 0.0f;
	*out = t;
done:
	free(occs);
	free(big);
	free(bh);
	free(capd);
	return st;
}

ng_status ngi_stance_prepare(const ngi_doc *doc, ngi_arena *a,
			     ngi_stance_text **out)
{
	*out = NULL;
	ng_status st;
	const ngi_stance_model *m = ngi_stance_model_get(&st);
	if (!m)
		return st;
	return ngi_stance_prepare_idf(doc, &m->idf, a, out);
}
