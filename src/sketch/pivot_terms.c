/*
 * pivot_terms.c: the language-neutral term bag of a document (pivot_terms.h).
 * Reads an analysed document (tokens, stems) and its entity mentions, maps
 * each word into English stems through the pivot dictionary (pivot.c), and
 * weighs title and lead words as the native term bag does (terms.c). The
 * bags feed cross-lingual similarity (src/link/crossling.c) and the story
 * clustering of articles in other languages than English.
 */
#include "pivot_terms.h"

#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"
#include "../extract/kana_key.h"

void ngi_pivot_options_init(ngi_pivot_options *o)
{
	o->title_weight = 2;
	o->lead_sentences = 3;
	o->lead_extra = 4;
	o->entity_weight = 1;
	o->number_weight = 2;
	o->max_targets = 2;
	o->names = 1;
	o->entity_names = 0;
	o->kana_names = 1;
	o->unknown_stems = 0;
}

/* ---- the term bag -------------------------------------------------------------*/
typedef struct bag {
	ngi_term *t;
	size_t n, cap;
} bag;

static int bag_add(bag *b, uint32_t term, uint32_t count)
{
	if (b->n == b->cap)
		return -1; /* sized by the caller: a bug */
	b->t[b->n++] = (ngi_term){term, count};
	return 0;
}

static int cmp_term(const void *x, const void *y)
{
	const ngi_term *a = x, *b = y;
	return (a->term > b->term) - (a->term < b->term);
}

/* The words of a mention's canonical display name as the NAME terms an
 * English text has for them ("Путина", display name "Vladimir Putin":
 * "vladimir", "putin"): names written in another script, or inflected,
 * meet the English article's names. Only words of ASCII letters (folded
 * to lower case as text analysis folds them), at most
 * NGI_PIVOT_NAME_WORDS; a display name left in its own script adds
 * nothing. */
static int add_display_name(const char *name, unsigned w, bag *b)
{
	const char *p = name;
	for (int words = 0; *p && words < NGI_PIVOT_NAME_WORDS;) {
		while (*p == ' ' || *p == '-')
			p++;
		char low[64];
		size_t n = 0;
		int ascii = 1;
		for (; *p && *p != ' ' && *p != '-'; p++) {
			unsigned char c = (unsigned char)*p;
			if (c >= 0x80)
				ascii = 0;
			if (n < sizeof low)
				low[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		if (n == 0)
			break;
		words++;
		if (ascii && n >= 2 && n < sizeof low &&
		    bag_add(b, ngi_term_hash(NGI_TERM_NAME, low, n), w))
			return -1;
	}
	return 0;
}

/* Adds the terms of d; words of the first lead sentences count lead_times,
 * the others times. */
static int collect(const ngi_doc *d, const ngi_mention *m, size_t n_m,
		   unsigned times, uint32_t lead_sentences, unsigned lead_times,
		   const ngi_pivot_options *o, bag *b)
{
	size_t mi = 0, counted = (size_t)-1;
	uint32_t targets[NGI_PIVOT_MAX_TARGETS];
	size_t max_targets = o->max_targets;
	int english = strcmp(d->lang, "en") == 0;
	int japanese = o->kana_names && strcmp(d->lang, "ja") == 0;
	if (max_targets < 1)
		max_targets = 1;
	if (max_targets > NGI_PIVOT_MAX_TARGETS)
		max_targets = NGI_PIVOT_MAX_TARGETS;
	for (size_t i = 0; i < d->n_tokens; i++) {
		const ngi_token *t = &d->tokens[i];
		unsigned w = t->sentence < lead_sentences ? lead_times : times;
		while (mi < n_m && m[mi].end <= t->start)
			mi++;
		/* a mention counts once, at its first token; its words count
		 * as words too (measured: dropping them lost more than the
		 * keys' collisions cost) */
		if (mi < n_m && m[mi].start <= t->start && counted != mi) {
			const char *key = m[mi].key;
			counted = mi;
			if (key && *key &&
			    bag_add(b, ngi_term_hash(NGI_PIVOT_TERM_ENTITY, key,
						     strlen(key)),
				    w * o->entity_weight))
				return -1;
			if (o->entity_names && !english && m[mi].name &&
			    add_display_name(m[mi].name, w, b))
				return -1;
		}
		if (t->kind == NGI_TOK_NUMBER) {
			size_t last;
			uint32_t nt = ngi_number_at(d, i, &last);
			if (nt && bag_add(b, nt, w * o->number_weight))
				return -1;
			i = last; /* the groups of "600 000" are one number */
			continue;
		}
		if (t->kind != NGI_TOK_WORD ||
		    ngi_utf8_count(t->norm, t->norm_len) < 2 ||
		    t->stop)
			continue;
		size_t n = ngi_pivot_lookup(d->lang, t->stem, t->stem_len, targets,
					    max_targets);
		if (japanese && n == 0) {
			char keys[NGI_KANA_MAX_KEYS][NGI_KANA_KEY_MAX];
			size_t nk = ngi_kana_keys(t->norm, t->norm_len, keys);
			for (size_t k = 0; k < nk; k++)
				if (bag_add(b, ngi_term_hash(NGI_PIVOT_TERM_ENTITY, keys[k],
							     strlen(keys[k])),
					    w * o->entity_weight))
					return -1;
		}
		for (size_t k = 0; k < n; k++)
			if (bag_add(b, targets[k], w))
				return -1;
		/* a capitalised word inside a sentence that the dictionary
		 * does not know is most likely a name, spelt alike in the
		 * languages of one script; English keeps its names as well,
		 * as the native bag does */
		if (o->names && t->capitalised && (n == 0 || english) &&
		    !ngi_doc_opens_sentence(d, i) &&
		    bag_add(b, ngi_term_hash(NGI_TERM_NAME, t->norm, t->norm_len), w))
			return -1;
		/* and as the word an English text would have there: "Kudlow"
		 * opening a German headline is the stem "kudlow" of the English
		 * one (the stem of an English name is mostly the name). An
		 * English stopword is in no English bag: as a stem it would
		 * only tie headlines of a language without a dictionary or
		 * stopword list to each other (Hausa's "An ..." opens many) */
		if (o->unknown_stems && t->capitalised && n == 0 && !english &&
		    !ngi_is_stopword("en", t->norm, t->norm_len) &&
		    bag_add(b, ngi_term_hash(NGI_TERM_STEM, t->norm, t->norm_len), w))
			return -1;
	}
	return 0;
}

ng_status ngi_pivot_terms(const ngi_doc *body, const ngi_mention *body_m,
			  size_t n_body_m, const ngi_doc *title,
			  const ngi_mention *title_m, size_t n_title_m,
			  const ngi_pivot_options *o, ngi_arena *a,
			  ngi_term **out, uint32_t *n_out)
{
	ngi_pivot_options defaults;
	if (!o) {
		ngi_pivot_options_init(&defaults);
		o = &defaults;
	}
	if (o->title_weight > 16 || o->lead_extra > 16 || o->entity_weight > 16 ||
	    o->number_weight > 16 || !a || !out || !n_out)
		return NG_ERR_USAGE;
	if ((n_body_m && !body_m) || (n_title_m && !title_m))
		return NG_ERR_USAGE;
	size_t per_token = NGI_PIVOT_MAX_TARGETS + 2 + NGI_PIVOT_NAME_WORDS +
			   NGI_KANA_MAX_KEYS;
	size_t cap = (body ? body->n_tokens : 0) * per_token +
		     (title ? title->n_tokens : 0) * per_token + 1;
	bag b = {malloc(cap * sizeof(ngi_term)), 0, cap};
	if (!b.t)
		return NG_ERR_NOMEM;
	int bad = 0;
	if (body)
		bad = collect(body, body_m, body ? n_body_m : 0, 1, o->lead_sentences,
			      1 + o->lead_extra, o, &b);
	if (title && !bad)
		bad = collect(title, title_m, n_title_m,
			      o->title_weight + o->lead_extra, 0, 0, o, &b);
	if (bad) {
		free(b.t);
		return NG_ERR_INTERNAL;
	}
	qsort(b.t, b.n, sizeof *b.t, cmp_term);
	size_t m = 0;
	for (size_t i = 0; i < b.n; i++) {
		if (m && b.t[m - 1].term == b.t[i].term)
			b.t[m - 1].count += b.t[i].count;
		else if (b.t[i].count)
			b.t[m++] = b.t[i];
	}
	ngi_term *res = ngi_arena_alloc(a, (m ? m : 1) * sizeof *res);
	if (!res) {
		free(b.t);
		return NG_ERR_NOMEM;
	}
	memcpy(res, b.t, m * sizeof *res);
	free(b.t);
	*out = res;
	*n_out = (uint32_t)m;
	return NG_OK;
}
