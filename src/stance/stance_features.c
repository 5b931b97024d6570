/*
 * stance_features.c: the features of a (claim, body) pair, both prepared
 * (stance_int.h has the layout of the feature space).
 *
 * Each distinct content term of the claim (at most MAX_CLAIM_TERMS) is
 * looked up in the body's sorted terms; a match adds to the overlap counts
 * (plain, IDF-weighted, in the lead, in the first sentence, TF-IDF cosine,
 * numbers, capitalised words), and its first MAX_POS body positions add to
 * the overlap of their sentence, to the cue kinds found near the claim's
 * words, and to the hashed context words around them. The dense features
 * are squashed into [0, 1] and also given as a one-hot bin. Cost: a binary
 * search per claim term and a bounded walk over positions, so a pair takes
 * microseconds whatever the body's length.
 */
#include <math.h>
#include <string.h>

#include "stance_int.h"

#define MAX_CLAIM_TERMS 64
#define MAX_POS 32        /* positions of one term walked */
#define MAX_CTX_POS 4     /* positions of one term whose context is hashed */
#define CTX 3             /* context words either side */
#define MAX_CTX 400       /* hashed context words per pair */
#define MAX_SENT 512      /* sentences tracked for the best sentence */
#define HASH_MASK ((1u << NGI_STANCE_HASH_BITS) - 1)

enum {
	F_OVERLAP = 0, F_OVERLAP_IDF, F_JACCARD, F_COSINE, F_LEAD3, F_FIRST,
	F_BEST_SENT, F_HALF_SENTS, F_BIGRAM, F_NUMBERS, F_NUMBER_MISS,
	F_CAPS, F_CLAIM_LEN, F_BODY_LEN, F_TOP_TERM,
	F_BODY_CUE = 15,  /* 5 kinds: rate in the body */
	F_LEAD_CUE = 20,  /* 5 kinds: in the first three sentences */
	F_NEAR_CUE = 25,  /* 5 kinds: share of the claim's words' places */
	F_CLAIM_CUE = 30, /* 5 kinds: in the claim */
	F_BEST_CUE = 35,  /* 5 kinds: in the best sentence */
	F_REFUTE_BOTH = 40, F_OVERLAP_NEAR_NEG, F_BODY_REFUTE_ABS, F_SENT_COVER,
	/* the body refutes where the claim does not: polarity differs */
	F_BODY_ONLY_REFUTE, F_BODY_ONLY_NEAR, F_BODY_ONLY_BEST, F_BODY_ONLY_LEAD,
	F_END
};
_Static_assert(F_END == NGI_STANCE_N_DENSE, "dense feature count");

static const char *const dense_names[NGI_STANCE_N_DENSE] = {
	"overlap", "overlap_idf", "jaccard", "cosine", "lead3_idf",
	"first_sent_idf", "best_sent_idf", "half_sents", "bigram", "numbers",
	"number_miss", "caps", "claim_len", "body_len", "top_term",
	"body_refute", "body_deny", "body_hedge", "body_negation", "body_support",
	"lead_refute", "lead_deny", "lead_hedge", "lead_negation", "lead_support",
	"near_refute", "near_deny", "near_hedge", "near_negation", "near_support",
	"claim_refute", "claim_deny", "claim_hedge", "claim_negation",
	"claim_support",
	"best_refute", "best_deny", "best_hedge", "best_negation", "best_support",
	"refute_both", "overlap_near_neg", "body_refute_abs", "sent_cover",
	"body_only_refute", "body_only_near", "body_only_best", "body_only_lead"};

const char *ngi_stance_dense_name(int i)
{
	return i >= 0 && i < NGI_STANCE_N_DENSE ? dense_names[i] : "?";
}

static void push(ngi_stance_fvec *f, uint32_t idx, float v)
{
	if (f->n < NGI_STANCE_MAX_NNZ && v != 0.0f) {
		f->idx[f->n] = idx;
		f->val[f->n] = v;
		f->n++;
	}
}

/* push(f, base + idx[i], v) for each of the n indices, v not 0: what the
 * hashed groups add, without a test a feature. */
static void push_all(ngi_stance_fvec *f, uint32_t base, const uint32_t *idx,
		     uint32_t n, float v)
{
	uint32_t room = NGI_STANCE_MAX_NNZ - f->n;
	if (n > room)
		n = room;
	uint32_t *restrict to_idx = f->idx + f->n;
	float *restrict to_val = f->val + f->n;
	for (uint32_t i = 0; i < n; i++) {
		to_idx[i] = base + idx[i];
		to_val[i] = v;
	}
	f->n += n;
}

static uint32_t bucket(uint64_t h, uint64_t ns)
{
	return NGI_STANCE_HASH_BASE + (uint32_t)(ngi_mix64(h ^ ns) & HASH_MASK);
}

static const ngi_stance_term *find_term(const ngi_stance_text *t, uint64_t h)
{
	size_t lo = 0, hi = t->n_terms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->terms[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n_terms && t->terms[lo].hash == h ? &t->terms[lo] : NULL;
}

/* Whether t has bigram key (stance_int.h: a sorted array or a set). */
static int has_bigram(const ngi_stance_text *t, uint64_t key)
{
	if (!t->bigram_mask) {
		size_t i = ngi_lower_bound_u64(t->bigrams, t->n_bigrams, key);
		return i < t->n_bigrams && t->bigrams[i] == key;
	}
	if (key == 0)
		return t->bigram_zero;
	for (uint64_t k = key & t->bigram_mask;; k = (k + 1) & t->bigram_mask) {
		if (t->bigrams[k] == key)
			return 1;
		if (t->bigrams[k] == 0)
			return 0;
	}
}

/* How many of the claim's distinct bigrams the body has. */
static uint32_t bigrams_shared(const ngi_stance_text *c, const ngi_stance_text *b)
{
	uint32_t n = 0;
	if (!c->bigram_mask) {
		for (uint32_t i = 0; i < c->n_bigrams; i++)
			n += (uint32_t)has_bigram(b, c->bigrams[i]);
		return n;
	}
	for (uint64_t k = 0; k <= c->bigram_mask; k++)
		if (c->bigrams[k])
			n += (uint32_t)has_bigram(b, c->bigrams[k]);
	if (c->bigram_zero)
		n += (uint32_t)has_bigram(b, 0);
	return n;
}

static double squash(double x) /* [0, inf) -> [0, 1) */
{
	return x > 0 ? 1.0 - exp(-x) : 0.0;
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0.0;
}

void ngi_stance_features(const ngi_stance_text *c, const ngi_stance_text *b,
			 unsigned groups, ngi_stance_fvec *out)
{
	double d[NGI_STANCE_N_DENSE] = {0};
	float sent_w[MAX_SENT];
	uint16_t sent_last[MAX_SENT];
	uint32_t n_sent = b->n_sent < MAX_SENT ? b->n_sent : MAX_SENT;
	memset(sent_w, 0, n_sent * sizeof *sent_w);
	memset(sent_last, 0xff, n_sent * sizeof *sent_last);
	out->n = 0;
	push(out, 0, 1.0f);

	uint32_t nct = c->n_terms < MAX_CLAIM_TERMS ? c->n_terms : MAX_CLAIM_TERMS;
	double idf_all = 0, idf_match = 0, idf_lead = 0, idf_first = 0, dot = 0;
	double top_idf = -1;
	int top_matched = 0;
	uint32_t n_match = 0, n_num = 0, n_num_match = 0, n_cap = 0, n_cap_match = 0;
	uint32_t n_places = 0, near_n[NGI_CUE_KINDS] = {0};
	uint32_t ctx_idx[MAX_CTX];
	uint32_t n_ctx = 0;
	for (uint32_t i = 0; i < nct; i++) {
		const ngi_stance_term *ct = &c->terms[i];
		idf_all += ct->idf;
		n_num += ct->is_number;
		n_cap += ct->capitalised;
		const ngi_stance_term *bt = find_term(b, ct->hash);
		if (ct->idf > top_idf) {
			top_idf = ct->idf;
			top_matched = bt != NULL;
		}
		if (!bt)
			continue;
		n_match++;
		idf_match += ct->idf;
		n_num_match += ct->is_number;
		n_cap_match += ct->capitalised;
		if (bt->first_sent < 3)
			idf_lead += ct->idf;
		if (bt->first_sent == 0)
			idf_first += ct->idf;
		dot += (1.0 + log((double)ct->tf)) * ct->idf *
		       (1.0 + log((double)bt->tf)) * bt->idf;
		unsigned near_any = 0;
		uint32_t np = bt->n_pos < MAX_POS ? bt->n_pos : MAX_POS;
		for (uint32_t k = 0; k < np; k++) {
			uint32_t p = b->pos[bt->pos_off + k];
			uint32_t s = b->word_sent[p];
			if (s < n_sent && sent_last[s] != i) {
				sent_last[s] = (uint16_t)i;
				sent_w[s] += ct->idf;
			}
			unsigned m = b->near_cue[p];
			near_any |= m;
			n_places++;
			for (int q = 0; m && q < NGI_CUE_KINDS; q++)
				near_n[q] += m >> q & 1;
			if (k < MAX_CTX_POS && (groups & NGI_STANCE_G_CONTEXT)) {
				uint32_t lo = p >= CTX ? p - CTX : 0;
				uint32_t hi = p + CTX < b->n_words ? p + CTX : b->n_words - 1;
				for (uint32_t q = lo; q <= hi && n_ctx < MAX_CTX; q++)
					if (q != p)
						ctx_idx[n_ctx++] = bucket(b->word_hash[q], 0x2222);
			}
		}
		for (int q = 0; q < NGI_CUE_KINDS; q++)
			if ((groups & NGI_STANCE_G_CLAIM_CUE) && (near_any >> q & 1))
				push(out, bucket(ct->hash ^ (uint64_t)(q + 1) * 0x51ed27,
						 0x4444), 1.0f);
	}

	double best = 0, half = 0, covered = 0;
	uint32_t best_s = UINT32_MAX;
	for (uint32_t s = 0; s < n_sent; s++) {
		if (sent_w[s] > best) {
			best = sent_w[s];
			best_s = s;
		}
		half += idf_all > 0 && sent_w[s] >= 0.5 * idf_all;
		covered += sent_w[s] > 0;
	}
	uint32_t nbig = c->n_bigrams, nbig_match = bigrams_shared(c, b);

	d[F_OVERLAP] = ratio(n_match, nct);
	d[F_OVERLAP_IDF] = ratio(idf_match, idf_all);
	d[F_JACCARD] = ratio(n_match, (double)nct + b->n_terms - n_match);
	d[F_COSINE] = ratio(dot, c->tfidf_norm * b->tfidf_norm);
	d[F_LEAD3] = ratio(idf_lead, idf_all);
	d[F_FIRST] = ratio(idf_first, idf_all);
	d[F_BEST_SENT] = ratio(best, idf_all);
	d[F_HALF_SENTS] = squash(half / 2.0);
	d[F_BIGRAM] = ratio(nbig_match, nbig);
	d[F_NUMBERS] = ratio(n_num_match, n_num);
	d[F_NUMBER_MISS] = n_num > 0 && n_num_match == 0;
	d[F_CAPS] = ratio(n_cap_match, n_cap);
	d[F_CLAIM_LEN] = squash(nct / 8.0);
	d[F_BODY_LEN] = squash(b->n_words / 400.0);
	d[F_TOP_TERM] = top_matched;
	for (int q = 0; q < NGI_CUE_KINDS; q++) {
		d[F_BODY_CUE + q] = squash(ratio(b->cue_count[q], b->n_words) * 100.0);
		d[F_LEAD_CUE + q] = squash(b->cue_lead[q]);
		d[F_NEAR_CUE + q] = ratio(near_n[q], n_places);
		d[F_CLAIM_CUE + q] = c->cue_count[q] > 0;
		d[F_BEST_CUE + q] = best_s < n_sent && (b->sent_cue[best_s] >> q & 1);
	}
	d[F_REFUTE_BOTH] = d[F_CLAIM_CUE + NGI_CUE_REFUTE] *
			   d[F_BODY_CUE + NGI_CUE_REFUTE];
	d[F_OVERLAP_NEAR_NEG] =
		d[F_OVERLAP_IDF] *
		(d[F_NEAR_CUE + NGI_CUE_REFUTE] + d[F_NEAR_CUE + NGI_CUE_DENY]) / 2;
	d[F_BODY_REFUTE_ABS] = squash((b->cue_count[NGI_CUE_REFUTE] +
				       b->cue_count[NGI_CUE_DENY]) / 3.0);
	d[F_SENT_COVER] = ratio(covered, n_sent);
	double plain_claim = c->cue_count[NGI_CUE_REFUTE] == 0 &&
			     c->cue_count[NGI_CUE_DENY] == 0;
	d[F_BODY_ONLY_REFUTE] = plain_claim * d[F_BODY_REFUTE_ABS];
	d[F_BODY_ONLY_NEAR] =
		plain_claim * (c->cue_count[NGI_CUE_NEGATION] == 0) *
		3 * (d[F_NEAR_CUE + NGI_CUE_REFUTE] + d[F_NEAR_CUE + NGI_CUE_DENY] +
		     d[F_NEAR_CUE + NGI_CUE_NEGATION]);
	d[F_BODY_ONLY_BEST] = plain_claim * (d[F_BEST_CUE + NGI_CUE_REFUTE] ||
					     d[F_BEST_CUE + NGI_CUE_DENY]);
	d[F_BODY_ONLY_LEAD] = plain_claim * d[F_LEAD_CUE + NGI_CUE_REFUTE];

	for (int i = 0; i < NGI_STANCE_N_DENSE; i++) {
		double x = d[i];
		if (!(x >= 0))
			x = 0;
		if (x > 1)
			x = 1;
		push(out, 1 + (uint32_t)i, (float)x);
		int bin = (int)(x * NGI_STANCE_BINS);
		if (bin >= NGI_STANCE_BINS)
			bin = NGI_STANCE_BINS - 1;
		push(out, 1 + NGI_STANCE_N_DENSE + (uint32_t)(i * NGI_STANCE_BINS + bin),
		     1.0f);
	}

	/* Hashed words: the claim's stems, the context of its words in the
	 * body, the body's own stems; each group scaled to unit length. */
	float cv = nct ? (float)(1.0 / sqrt((double)nct)) : 0.0f;
	for (uint32_t i = 0; i < nct && (groups & NGI_STANCE_G_CLAIM); i++)
		push(out, bucket(c->terms[i].hash, 0x1111), cv);
	float xv = n_ctx ? (float)(1.0 / sqrt((double)n_ctx)) : 0.0f;
	if (xv != 0.0f)
		push_all(out, 0, ctx_idx, n_ctx, xv);
	if ((groups & NGI_STANCE_G_BODY) && b->body_hash_val != 0.0f)
		push_all(out, NGI_STANCE_HASH_BASE, b->body_hash, b->n_body_hash,
			 b->body_hash_val);
}
