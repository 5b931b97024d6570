/*
 * span_terms.c: the language-neutral terms of a passage (span_terms.h).
 */
#include "span_terms.h"

#include <stdlib.h>
#include <string.h>

#include "../base/data.h"
#include "../base/map.h"
#include "../base/sort.h"
#include "../base/utf8.h"
#include "pivot_terms.h"
#include "sketch.h"

/* Stopwords that still count in a passage (data/lexicons/passage_keep.tsv),
 * by the hash of "lang\tword". */
static ngi_map keep_words;
static ngi_once keep_once = NGI_ONCE_INIT;

static uint64_t keep_hash(const char *lang, size_t ll, const char *w, size_t wl)
{
	return ngi_hash(w, wl, ngi_hash(lang, ll, 0x4b454550));
}

static ng_status build_keep(void)
{
	const ngi_data_file *f = ngi_data_find("lexicons/passage_keep.tsv");
	if (!f)
		return NG_ERR_INTERNAL;
	ngi_map m;
	ngi_map_init(&m);
	size_t pos = 0;
	ngi_data_line line = {0};
	while (ngi_data_next_line(f, &pos, &line)) {
		if (line.n_fields < 2)
			continue;
		if (ngi_map_put(&m, keep_hash(line.field[0], line.field_len[0],
					      line.field[1], line.field_len[1]), 1)) {
			ngi_map_free(&m);
			return NG_ERR_NOMEM;
		}
	}
	keep_words = m;
	return NG_OK;
}

/* A stopword of lang that passages keep. */
static int kept(const char *lang, const ngi_token *t)
{
	return ngi_map_get(&keep_words, keep_hash(lang, strlen(lang), t->norm,
						  t->norm_len)) != NULL;
}

/* The first token that ends after byte start (tokens are in text order). */
static size_t first_token(const ngi_doc *d, uint32_t start)
{
	size_t lo = 0, hi = d->n_tokens;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->tokens[mid].end <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

ng_status ngi_span_terms(const ngi_doc *doc, uint32_t start, uint32_t end,
			 const ngi_mention *m, size_t nm, ngi_arena *a,
			 uint32_t **out, uint32_t *n)
{
	ng_status st = ngi_once_run(&keep_once, build_keep);
	if (st)
		return st;
	uint32_t buf[NGI_SPAN_TERMS_MAX];
	size_t k = 0;
	int english = strcmp(doc->lang, "en") == 0;
	/* entity keys first: they are the strongest evidence */
	for (size_t i = 0; i < nm && k < NGI_SPAN_TERMS_MAX; i++) {
		if (m[i].start < start || m[i].end > end || !m[i].key || !*m[i].key)
			continue;
		buf[k++] = ngi_term_hash(NGI_PIVOT_TERM_ENTITY, m[i].key,
					 strlen(m[i].key));
	}
	for (size_t i = first_token(doc, start);
	     i < doc->n_tokens && doc->tokens[i].start < end &&
	     k < NGI_SPAN_TERMS_MAX; i++) {
		const ngi_token *t = &doc->tokens[i];
		if (t->kind == NGI_TOK_NUMBER) {
			char digits[32];
			size_t nd = 0;
			for (size_t j = 0; j < t->norm_len && nd < sizeof digits; j++)
				if (t->norm[j] >= '0' && t->norm[j] <= '9')
					digits[nd++] = t->norm[j];
			if (nd)
				buf[k++] = ngi_term_hash(NGI_TERM_NUMBER, digits, nd);
			continue;
		}
		if (t->kind != NGI_TOK_WORD ||
		    ngi_utf8_count(t->norm, t->norm_len) < 2 ||
		    (t->stop &&
		     !kept(doc->lang, t)))
			continue;
		if (english) {
			buf[k++] = ngi_term_hash(NGI_TERM_STEM, t->stem, t->stem_len);
			continue;
		}
		uint32_t targets[2];
		size_t nt = ngi_pivot_lookup(doc->lang, t->stem, t->stem_len,
					     targets, 2);
		for (size_t j = 0; j < nt && k < NGI_SPAN_TERMS_MAX; j++)
			buf[k++] = targets[j];
	}
	if ((st = ngi_sort_u32(buf, k)))
		return st;
	size_t u = 0;
	for (size_t i = 0; i < k; i++)
		if (u == 0 || buf[i] != buf[u - 1])
			buf[u++] = buf[i];
	uint32_t *terms = NULL;
	if (u) {
		terms = ngi_arena_alloc(a, u * sizeof *terms);
		if (!terms)
			return NG_ERR_NOMEM;
		memcpy(terms, buf, u * sizeof *terms);
	}
	*out = terms;
	*n = (uint32_t)u;
	return NG_OK;
}

uint64_t ngi_span_words_hash(const ngi_doc *doc, uint32_t start, uint32_t end)
{
	uint64_t h = 0;
	int any = 0;
	for (size_t i = first_token(doc, start);
	     i < doc->n_tokens && doc->tokens[i].start < end; i++) {
		const ngi_token *t = &doc->tokens[i];
		if (t->kind == NGI_TOK_PUNCT)
			continue;
		h = ngi_hash(t->norm, t->norm_len, h + 0x9e3779b97f4a7c15ULL);
		any = 1;
	}
	return any ? (h ? h : 1) : 0;
}
