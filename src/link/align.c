/*
 * align.c: sentence sketches and their order-preserving alignment (see
 * align.h). The alignment is a longest-common-subsequence style dynamic
 * programme over sentence pairs, weighted by similarity, so a rewrite that
 * keeps the facts in order scores high while two articles that merely share
 * a topic pair up only a scattered sentence or two.
 */
#include "align.h"

#include <stdlib.h>
#include <string.h>

#include "../sketch/sketch.h"

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Content stems and numbers of one token, as a hash, or 0 to skip it. */
static uint32_t content_hash(const ngi_doc *d, const ngi_token *t)
{
	if (t->kind == NGI_TOK_NUMBER)
		return t->norm_len >= 2 ? ngi_term_hash(NGI_TERM_NUMBER, t->norm, t->norm_len) | 1 : 0;
	if (t->kind != NGI_TOK_WORD || t->norm_len < 2 || t->stop)
		return 0;
	return ngi_term_hash(NGI_TERM_STEM, t->stem, t->stem_len) | 1;
}

ng_status ngi_text_sketch_build(const ngi_doc *d, const ngi_anchors *quotes,
				ngi_arena *a, ngi_text_sketch *out)
{
	memset(out, 0, sizeof *out);
	if (quotes) {
		out->quotes = quotes->quotes;
		out->n_quotes = quotes->n_quotes;
	}
	uint32_t n_sents = d->n_sentences < NGI_ALIGN_MAX_SENTS
				   ? (uint32_t)d->n_sentences
				   : NGI_ALIGN_MAX_SENTS;
	size_t n_tokens = 0;
	for (uint32_t s = 0; s < n_sents; s++)
		n_tokens += d->sentences[s].n_tokens;
	out->sents = ngi_arena_alloc(a, (n_sents ? n_sents : 1) * sizeof *out->sents);
	out->terms = ngi_arena_alloc(a, (n_tokens ? n_tokens : 1) * sizeof *out->terms);
	if (!out->sents || !out->terms)
		return NG_ERR_NOMEM;
	uint32_t n_terms = 0;
	for (uint32_t s = 0; s < n_sents; s++) {
		const ngi_sentence *sen = &d->sentences[s];
		ngi_sent_sketch *k = &out->sents[s];
		k->start = sen->start;
		k->end = sen->end;
		k->first = n_terms;
		uint32_t words = 0;
		for (uint32_t i = 0; i < sen->n_tokens; i++) {
			const ngi_token *t = &d->tokens[sen->first_token + i];
			words += t->kind != NGI_TOK_PUNCT;
			uint32_t h = content_hash(d, t);
			if (h)
				out->terms[n_terms++] = h;
		}
		uint32_t *mine = out->terms + k->first;
		uint32_t n = n_terms - k->first;
		qsort(mine, n, sizeof *mine, cmp_u32);
		uint32_t u = 0;
		for (uint32_t i = 0; i < n; i++)
			if (i == 0 || mine[i] != mine[i - 1])
				mine[u++] = mine[i];
		if (u > UINT16_MAX)
			u = UINT16_MAX;
		k->n = (uint16_t)u;
		k->words = (uint16_t)(words > UINT16_MAX ? UINT16_MAX : words);
		n_terms = k->first + u;
	}
	out->n_sents = n_sents;
	out->n_terms = n_terms;
	return NG_OK;
}

/* ---- serialisation: "NGS1", n_sents, n_terms, n_quotes, sentences, terms,
 * quotes (hash, start, end) -------------------------------------------------- */
#define SKETCH_MAGIC 0x3153474eu /* "NGS1" little-endian */
#define HEADER_BYTES 16
#define SENT_BYTES 16
#define QUOTE_BYTES 16

size_t ngi_text_sketch_size(const ngi_text_sketch *s)
{
	return HEADER_BYTES + (size_t)s->n_sents * SENT_BYTES +
	       (size_t)s->n_terms * 4 + (size_t)s->n_quotes * QUOTE_BYTES;
}

static void put32(unsigned char **p, uint32_t v)
{
	memcpy(*p, &v, 4);
	*p += 4;
}

static uint32_t get32(const unsigned char **p)
{
	uint32_t v;
	memcpy(&v, *p, 4);
	*p += 4;
	return v;
}

void ngi_text_sketch_write(const ngi_text_sketch *s, void *buf)
{
	unsigned char *p = buf;
	put32(&p, SKETCH_MAGIC);
	put32(&p, s->n_sents);
	put32(&p, s->n_terms);
	put32(&p, s->n_quotes);
	for (uint32_t i = 0; i < s->n_sents; i++) {
		const ngi_sent_sketch *k = &s->sents[i];
		put32(&p, k->start);
		put32(&p, k->end);
		put32(&p, k->first);
		put32(&p, (uint32_t)k->n | (uint32_t)k->words << 16);
	}
	if (s->n_terms)
		memcpy(p, s->terms, (size_t)s->n_terms * 4);
	p += (size_t)s->n_terms * 4;
	for (uint32_t i = 0; i < s->n_quotes; i++) {
		memcpy(p, &s->quotes[i].hash, 8);
		p += 8;
		put32(&p, s->quotes[i].start);
		put32(&p, s->quotes[i].end);
	}
}

ng_status ngi_text_sketch_read(const void *buf, size_t len, ngi_arena *a,
			       ngi_text_sketch *out)
{
	const unsigned char *p = buf;
	if (!buf || len < HEADER_BYTES || get32(&p) != SKETCH_MAGIC)
		return NG_ERR_INPUT;
	uint32_t n_sents = get32(&p), n_terms = get32(&p), n_quotes = get32(&p);
	if (n_sents > NGI_ALIGN_MAX_SENTS || n_quotes > NGI_MAX_QUOTES ||
	    len != HEADER_BYTES + (size_t)n_sents * SENT_BYTES +
			   (size_t)n_terms * 4 + (size_t)n_quotes * QUOTE_BYTES)
		return NG_ERR_INPUT;
	ngi_text_sketch s = {0};
	s.sents = ngi_arena_alloc(a, (n_sents ? n_sents : 1) * sizeof *s.sents);
	s.terms = ngi_arena_alloc(a, (n_terms ? n_terms : 1) * sizeof *s.terms);
	s.quotes = ngi_arena_alloc(a, (n_quotes ? n_quotes : 1) * sizeof *s.quotes);
	if (!s.sents || !s.terms || !s.quotes)
		return NG_ERR_NOMEM;
	for (uint32_t i = 0; i < n_sents; i++) {
		ngi_sent_sketch *k = &s.sents[i];
		k->start = get32(&p);
		k->end = get32(&p);
		k->first = get32(&p);
		uint32_t nw = get32(&p);
		k->n = (uint16_t)(nw & 0xffff);
		k->words = (uint16_t)(nw >> 16);
		if (k->end < k->start || (uint64_t)k->first + k->n > n_terms)
			return NG_ERR_INPUT;
	}
	if (n_terms)
		memcpy(s.terms, p, (size_t)n_terms * 4);
	p += (size_t)n_terms * 4;
	for (uint32_t i = 0; i < n_quotes; i++) {
		memcpy(&s.quotes[i].hash, p, 8);
		p += 8;
		s.quotes[i].start = get32(&p);
		s.quotes[i].end = get32(&p);
		if (s.quotes[i].end < s.quotes[i].start)
			return NG_ERR_INPUT;
	}
	s.n_sents = n_sents;
	s.n_terms = n_terms;
	s.n_quotes = n_quotes;
	*out = s;
	return NG_OK;
}

/* ---- alignment ---------------------------------------------------------------- */
double ngi_dice(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	if (na + nb == 0)
		return 0;
	return 2.0 * (double)ngi_intersect_u32(a, na, b, nb) / (double)(na + nb);
}

static int cmp_u64(const void *p, const void *q)
{
	uint64_t x = *(const uint64_t *)p, y = *(const uint64_t *)q;
	return (x > y) - (x < y);
}

/* b's postings: (stem << 32 | sentence) for every sentence long enough to
 * pair, sorted; returns how many (0 with *out NULL when there are none). */
static ng_status postings_of(const ngi_text_sketch *b, uint64_t **out, size_t *n)
{
	size_t count = 0;
	for (uint32_t j = 0; j < b->n_sents; j++)
		if (b->sents[j].n >= NGI_ALIGN_MIN_STEMS)
			count += b->sents[j].n;
	*out = NULL;
	*n = 0;
	if (!count)
		return NG_OK;
	uint64_t *p = malloc(count * sizeof *p);
	if (!p)
		return NG_ERR_NOMEM;
	size_t k = 0;
	for (uint32_t j = 0; j < b->n_sents; j++) {
		const ngi_sent_sketch *y = &b->sents[j];
		if (y->n < NGI_ALIGN_MIN_STEMS)
			continue;
		for (uint32_t t = 0; t < y->n; t++)
			p[k++] = (uint64_t)b->terms[y->first + t] << 32 | j;
	}
	qsort(p, count, sizeof *p, cmp_u64);
	*out = p;
	*n = count;
	return NG_OK;
}

/* common[j] = stems sentence i of a shares with sentence j of b, by looking
 * each of i's stems up in b's postings: far fewer steps than merging i with
 * every sentence of b, most of which share nothing with it. */
static void count_common(const ngi_text_sketch *a, uint32_t i,
			 const uint64_t *post, size_t n_post, uint32_t *common,
			 size_t nb)
{
	memset(common, 0, nb * sizeof *common);
	const ngi_sent_sketch *x = &a->sents[i];
	if (x->n < NGI_ALIGN_MIN_STEMS)
		return;
	for (uint32_t t = 0; t < x->n; t++) {
		uint64_t key = (uint64_t)a->terms[x->first + t] << 32;
		size_t lo = ngi_lower_bound_u64(post, n_post, key);
		for (; lo < n_post && post[lo] >> 32 == key >> 32; lo++)
			common[(uint32_t)post[lo]]++;
	}
}

static int by_pairs_desc(const void *p, const void *q)
{
	const ngi_passage *x = p, *y = q;
	if (x->pairs != y->pairs)
		return x->pairs < y->pairs ? 1 : -1;
	return (x->a_start > y->a_start) - (x->a_start < y->a_start);
}

enum { FROM_UP = 1, FROM_LEFT = 2, FROM_DIAG = 3 };

/* Whether sentences [from, to) of s are all too short to pair: a run or a
 * passage carries on across them ("He said.", a one-word paragraph), as it
 * would have had they been long enough to compare. */
static int all_short(const ngi_text_sketch *s, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (s->sents[k].n >= NGI_ALIGN_MIN_STEMS)
			return 0;
	return 1;
}

ng_status ngi_align(const ngi_text_sketch *a, const ngi_text_sketch *b,
		    ngi_alignment *out)
{
	memset(out, 0, sizeof *out);
	size_t na = a->n_sents, nb = b->n_sents;
	if (na == 0 || nb == 0)
		return NG_OK;
	size_t cells = (na + 1) * (nb + 1), n_post = 0;
	float *score = malloc(cells * sizeof *score);
	float *sim = malloc(cells * sizeof *sim);
	uint8_t *from = malloc(cells);
	uint32_t *common = malloc(nb * sizeof *common);
	uint64_t *post = NULL;
	if (!score || !sim || !from || !common || postings_of(b, &post, &n_post)) {
		free(score);
		free(sim);
		free(from);
		free(common);
		return NG_ERR_NOMEM;
	}
#define AT(i, j) ((i) * (nb + 1) + (j))
	for (size_t j = 0; j <= nb; j++)
		score[AT(0, j)] = 0;
	for (size_t i = 1; i <= na; i++) {
		score[AT(i, 0)] = 0;
		count_common(a, (uint32_t)i - 1, post, n_post, common, nb);
		uint32_t nx = a->sents[i - 1].n;
		for (size_t j = 1; j <= nb; j++) {
			float best = score[AT(i - 1, j)];
			uint8_t f = FROM_UP;
			if (score[AT(i, j - 1)] > best) {
				best = score[AT(i, j - 1)];
				f = FROM_LEFT;
			}
			/* the Dice of the two stem sets (ngi_dice) */
			float s = common[j - 1]
					  ? (float)(2.0 * (double)common[j - 1] /
						    (double)(nx + b->sents[j - 1].n))
					  : 0.0f;
			sim[AT(i, j)] = s;
			if (s >= NGI_ALIGN_MIN_SIM && score[AT(i - 1, j - 1)] + s > best) {
				best = score[AT(i - 1, j - 1)] + s;
				f = FROM_DIAG;
			}
			score[AT(i, j)] = best;
			from[AT(i, j)] = f;
		}
	}
	/* walk back; pairs come out last first */
	uint32_t total_a = 0, total_b = 0, words_a = 0, words_b = 0;
	for (size_t i = 0; i < na; i++)
		total_a += a->sents[i].words;
	for (size_t j = 0; j < nb; j++)
		total_b += b->sents[j].words;
	double sum_sim = 0;
	int run = 0;
	uint32_t run_words = 0;
	ngi_passage cur = {0};
	int in_passage = 0;
	size_t prev_i = 0, prev_j = 0;
	ngi_passage all[NGI_ALIGN_MAX_SENTS];
	int n_all = 0;
	for (size_t i = na, j = nb; i > 0 && j > 0;) {
		uint8_t f = from[AT(i, j)];
		if (f == FROM_UP) {
			i--;
			continue;
		}
		if (f == FROM_LEFT) {
			j--;
			continue;
		}
		float s = sim[AT(i, j)];
		const ngi_sent_sketch *x = &a->sents[i - 1], *y = &b->sents[j - 1];
		out->pairs++;
		sum_sim += s;
		words_a += x->words;
		words_b += y->words;
		/* the later pair follows this one in both articles, with
		 * nothing that could have paired in between */
		int adjacent = all_short(a, i, prev_i) && all_short(b, j, prev_j);
		/* runs of near-verbatim consecutive pairs */
		if (s >= NGI_ALIGN_VERBATIM) {
			out->verbatim_pairs++;
			int cont = run > 0 && adjacent;
			run = cont ? run + 1 : 1;
			run_words = cont ? run_words + x->words : x->words;
			if (run > out->longest_run ||
			    (run == out->longest_run && run_words > out->longest_run_words)) {
				out->longest_run = run;
				out->longest_run_words = run_words;
			}
		} else {
			run = 0;
		}
		/* passages: pairs adjacent in both articles merge */
		if (in_passage && adjacent) {
			cur.a_start = x->start;
			cur.b_start = y->start;
			cur.sim = (cur.sim * cur.pairs + s) / (float)(cur.pairs + 1);
			cur.pairs++;
		} else {
			if (in_passage && n_all < NGI_ALIGN_MAX_SENTS)
				all[n_all++] = cur;
			cur = (ngi_passage){x->start, x->end, y->start, y->end, 1, s};
			in_passage = 1;
		}
		/* the next pair continues this one when it is (i-1, j-1) */
		prev_i = i - 1;
		prev_j = j - 1;
		i--;
		j--;
	}
	if (in_passage && n_all < NGI_ALIGN_MAX_SENTS)
		all[n_all++] = cur;
#undef AT
	free(score);
	free(sim);
	free(from);
	free(common);
	free(post);
	if (out->pairs) {
		out->mean_sim = sum_sim / out->pairs;
		out->coverage_a = total_a ? (double)words_a / total_a : 0;
		out->coverage_b = total_b ? (double)words_b / total_b : 0;
	}
	qsort(all, (size_t)n_all, sizeof *all, by_pairs_desc);
	out->n_passages = n_all < NGI_MAX_PASSAGES ? n_all : NGI_MAX_PASSAGES;
	memcpy(out->passages, all, (size_t)out->n_passages * sizeof *all);
	return NG_OK;
}
