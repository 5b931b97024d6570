/*
 * pivot.c: lookups in the embedded pivot dictionary and the language-neutral
 * term bag of a document (pivot.h). Sits beside the text analysis: it reads
 * analysed documents (tokens, stems) and entity mentions, and produces term
 * bags for cross-lingual similarity (src/link/crossling.c) and story
 * clustering.
 *
 * The table (tools/mkpivot.c writes it, pivot_table.S embeds it) is checked
 * once, on first use: magic, version, and every offset in range, so a
 * damaged or foreign (big-endian) table reads as empty instead of being
 * trusted. After that a lookup is a binary search in the keys of one
 * language.
 */
#include "pivot.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

extern const unsigned char ngi_pivot_table[];
extern const unsigned char ngi_pivot_table_end[];

#define MAX_LANGS 64

typedef struct pivot_lang {
	char code[8];
	uint32_t first, count;
} pivot_lang;

typedef struct pivot_view {
	const uint32_t *keys, *starts, *targets;
	uint32_t n_keys, n_targets, n_langs;
	pivot_lang langs[MAX_LANGS];
	size_t bytes;
} pivot_view;

static pivot_view view;
static pthread_once_t view_once = PTHREAD_ONCE_INIT;

static void view_load(void)
{
	const unsigned char *p = ngi_pivot_table;
	size_t size = (size_t)(ngi_pivot_table_end - ngi_pivot_table);
	const uint32_t *w = (const uint32_t *)(const void *)p;
	size_t n_words = size / 4, at = 3;
	memset(&view, 0, sizeof view);
	if (n_words < 5 || w[0] != NGI_PIVOT_MAGIC || w[1] != NGI_PIVOT_VERSION ||
	    w[2] > MAX_LANGS || n_words < 5 + 3 * (size_t)w[2])
		return;
	uint32_t n_langs = w[2];
	pivot_lang langs[MAX_LANGS];
	for (uint32_t l = 0; l < n_langs; l++, at += 3) {
		memset(langs[l].code, 0, sizeof langs[l].code);
		memcpy(langs[l].code, &w[at], 4);
		langs[l].code[4] = '\0';
		langs[l].first = w[at + 1];
		langs[l].count = w[at + 2];
	}
	uint32_t n_keys = w[at], n_targets = w[at + 1];
	at += 2;
	if ((size_t)n_keys * 2 + 1 + n_targets > n_words - at)
		return;
	const uint32_t *keys = w + at, *starts = keys + n_keys,
		       *targets = starts + n_keys + 1;
	for (uint32_t l = 0; l < n_langs; l++)
		if (langs[l].first > n_keys || langs[l].count > n_keys - langs[l].first)
			return;
	if (starts[0] != 0)
		return;
	for (uint32_t i = 0; i < n_keys; i++)
		if (starts[i] > starts[i + 1] || starts[i + 1] > n_targets)
			return;
	view.keys = keys;
	view.starts = starts;
	view.targets = targets;
	view.n_keys = n_keys;
	view.n_targets = n_targets;
	view.n_langs = n_langs;
	memcpy(view.langs, langs, n_langs * sizeof *langs);
	view.bytes = size;
}

static const pivot_view *get_view(void)
{
	pthread_once(&view_once, view_load);
	return &view;
}

static const pivot_lang *find_lang(const pivot_view *v, const char *lang)
{
	for (uint32_t l = 0; lang && l < v->n_langs; l++)
		if (strcmp(v->langs[l].code, lang) == 0)
			return v->langs[l].count ? &v->langs[l] : NULL;
	return NULL;
}

int ngi_pivot_has_lang(const char *lang)
{
	if (lang && strcmp(lang, "en") == 0)
		return 1;
	return find_lang(get_view(), lang) != NULL;
}

size_t ngi_pivot_entries(void)
{
	return get_view()->n_keys;
}

size_t ngi_pivot_table_bytes(void)
{
	return get_view()->bytes;
}

/* Targets of one key hash in lang's range; returns how many were copied. */
static size_t find_key(const pivot_view *v, const pivot_lang *l, uint32_t h,
		       uint32_t *out, size_t max)
{
	uint32_t lo = l->first, hi = l->first + l->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v->keys[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= l->first + l->count || v->keys[lo] != h)
		return 0;
	size_t n = v->starts[lo + 1] - v->starts[lo];
	if (n > max)
		n = max;
	memcpy(out, v->targets + v->starts[lo], n * sizeof *out);
	return n;
}

#define COMPOUND_MIN_TAIL 4 /* code points of a compound's head noun */
#define COMPOUND_MIN_HEAD 3

size_t ngi_pivot_lookup(const char *lang, const char *stem, size_t len,
			uint32_t *out, size_t max)
{
	if (!lang || !stem || !len || !out || !max)
		return 0;
	if (strcmp(lang, "en") == 0) {
		out[0] = ngi_term_hash(NGI_TERM_STEM, stem, len);
		return 1;
	}
	const pivot_view *v = get_view();
	const pivot_lang *l = find_lang(v, lang);
	if (!l)
		return 0;
	char key[NGI_PIVOT_MAX_KEY];
	size_t k = ngi_pivot_key(lang, stem, len, key);
	if (!k)
		return 0;
	size_t n = find_key(v, l, ngi_pivot_key_hash(lang, key, k), out, max);
	if (n || strcmp(lang, "de") != 0)
		return n;
	/* a German compound: its head is the last noun, so the longest
	 * known tail stands for it ("veteranenjournalist" -> "journalist") */
	size_t cps = ngi_utf8_count(key, k), head = 0;
	for (size_t i = 0; i < k;) {
		int32_t cp;
		int step = ngi_utf8_decode(key + i, k - i, &cp);
		if (step <= 0)
			break;
		i += (size_t)step;
		head++;
		if (head < COMPOUND_MIN_HEAD)
			continue;
		if (cps - head < COMPOUND_MIN_TAIL)
			break;
		n = find_key(v, l, ngi_pivot_key_hash(lang, key + i, k - i), out, max);
		if (n)
			return n;
	}
	return 0;
}

void ngi_pivot_options_init(ngi_pivot_options *o)
{
	o->title_weight = 2;
	o->lead_sentences = 3;
	o->lead_extra = 4;
	o->entity_weight = 1;
	o->number_weight = 2;
	o->max_targets = 2;
	o->names = 1;
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

static int opens_sentence(const ngi_doc *d, size_t i)
{
	const ngi_sentence *s = &d->sentences[d->tokens[i].sentence];
	for (size_t j = s->first_token; j < i; j++)
		if (d->tokens[j].kind != NGI_TOK_PUNCT)
			return 0;
	return 1;
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
		}
		if (t->kind == NGI_TOK_NUMBER) {
			char digits[32];
			size_t nd = 0;
			for (size_t k = 0; k < t->norm_len && nd < sizeof digits; k++)
				if (t->norm[k] >= '0' && t->norm[k] <= '9')
					digits[nd++] = t->norm[k];
			if (nd >= 4 &&
			    bag_add(b, ngi_term_hash(NGI_TERM_NUMBER, digits, nd),
				    w * o->number_weight))
				return -1;
			continue;
		}
		if (t->kind != NGI_TOK_WORD ||
		    ngi_utf8_count(t->norm, t->norm_len) < 2 ||
		    ngi_is_stopword(d->lang, t->norm, t->norm_len))
			continue;
		size_t n = ngi_pivot_lookup(d->lang, t->stem, t->stem_len, targets,
					    max_targets);
		for (size_t k = 0; k < n; k++)
			if (bag_add(b, targets[k], w))
				return -1;
		/* a capitalised word inside a sentence that the dictionary
		 * does not know is most likely a name, spelt alike in the
		 * languages of one script; English keeps its names as well,
		 * as the native bag does */
		if (o->names && t->capitalised && (n == 0 || english) &&
		    !opens_sentence(d, i) &&
		    bag_add(b, ngi_term_hash(NGI_TERM_NAME, t->norm, t->norm_len), w))
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
	size_t per_token = NGI_PIVOT_MAX_TARGETS + 2;
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
