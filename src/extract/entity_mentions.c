/*
 * entity_mentions.c: ngi_entities_find, the rule-based entity recogniser.
 *
 * Runs on the tokens of an analysed document, in four passes; this file
 * holds the last, resolution, and the driver:
 *  1-3. word statistics, spans of names and their types (entity_spans.c);
 *  4. resolution within the article: a surname or a first name alone joins
 *     the full name seen in the article (or a well-known person whose other
 *     name the article uses), and a weak type yields to the strong type of
 *     the same entity elsewhere in the article.
 * Keys and display names follow entities.h. Work per document is linear in
 * its tokens; everything returned lives in the caller's arena.
 */
#include "entity_int.h"

#include <stdlib.h>
#include <string.h>


static void map_clear(ngi_map *m)
{
	if (m->used)
		memset(m->used, 0, m->cap);
	m->count = 0;
}

const char *ngi_entity_type_name(int type)
{
	switch (type) {
	case NGI_ENT_PER: return "PER";
	case NGI_ENT_ORG: return "ORG";
	case NGI_ENT_LOC: return "LOC";
	case NGI_ENT_EVT: return "EVT";
	default: return "NONE";
	}
}

ng_status ngi_entity_ctx_new(ngi_entity_ctx **out)
{
	ngi_entity_ctx *c = calloc(1, sizeof(*c));
	if (!c)
		return NG_ERR_NOMEM;
	ngi_map_init(&c->words);
	ngi_map_init(&c->persons);
	ngi_map_init(&c->givens);
	ngi_map_init(&c->present);
	ngi_map_init(&c->votes);
	ng_status st = ngi_translit_new(&c->tl);
	if (!st)
		st = ngi_lexicon_new(c->tl, &c->lx);
	if (st) {
		ngi_entity_ctx_free(c);
		return st;
	}
	*out = c;
	return NG_OK;
}

void ngi_entity_ctx_free(ngi_entity_ctx *c)
{
	if (!c)
		return;
	ngi_lexicon_free(c->lx);
	ngi_translit_free(c->tl);
	ngi_map_free(&c->words);
	ngi_map_free(&c->persons);
	ngi_map_free(&c->givens);
	ngi_map_free(&c->present);
	ngi_map_free(&c->votes);
	free(c);
}

/* ---- words ----------------------------------------------------------------*/
/* ---- resolution -------------------------------------------------------------*/
static ng_status put_first(ngi_map *m, const char *key, size_t idx)
{
	if (!key || !key[0])
		return NG_OK;
	uint64_t *v = ngi_map_upsert(m, ngi_hash(key, strlen(key), 0), idx + 1);
	return v ? NG_OK : NG_ERR_NOMEM;
}

static int get_idx(const ngi_map *m, const char *key)
{
	if (!key || !key[0])
		return -1;
	const uint64_t *v = ngi_map_get(m, ngi_hash(key, strlen(key), 0));
	return v ? (int)(*v - 1) : -1;
}

/* Whether span s is spelled like curated entry k (its first letters). */
static int spelled_like_span(find_run *r, const span *s, const ngi_known_name *k)
{
	size_t fl = 0;
	const char *f = ngi_text_fold(r->doc->text + s->start, s->end - s->start,
				      r->a, &fl);
	return f && ngi_lexicon_spelled_like(r->c->lx, k, f, fl);
}

/* Pass 4: the people of the article, then every span's canonical entity. */
static ng_status resolve(find_run *r)
{
	ngi_entity_ctx *c = r->c;
	const ngi_lexicon *lx = c->lx;
	ng_status st = NG_OK;
	for (size_t i = 0; i < r->n_spans && !st; i++) {
		span *s = &r->spans[i];
		if (s->drop)
			continue;
		st = put_first(&c->present, s->key, i);
		if (!st && s->type == NGI_ENT_PER && s->n_words >= 2 &&
		    s->evidence >= EV_WEAK) {
			st = put_first(&c->persons, s->last_key, i);
			if (!st)
				st = put_first(&c->givens, s->first_key, i);
		}
	}
	if (st)
		return st;
	for (size_t i = 0; i < r->n_spans; i++) {
		span *s = &r->spans[i];
		if (s->drop || s->known)
			continue;
		if (s->n_words == 1) {
			if (s->alt_key && get_idx(&c->persons, s->key) < 0 &&
			    get_idx(&c->persons, s->alt_key) >= 0)
				s->key = s->first_key = s->last_key = s->alt_key;
			int p = get_idx(&c->persons, s->key);
			if (p < 0 && (s->per_cue || ngi_lexicon_given(lx, s->key)))
				p = get_idx(&c->givens, s->key);
			if (p >= 0 && (size_t)p != i &&
			    r->spans[p].type == NGI_ENT_PER &&
			    (s->evidence < EV_STRONG || s->type == NGI_ENT_PER)) {
				s->resolved_to = p;
				s->type = NGI_ENT_PER;
				s->evidence = EV_STRONG;
				continue;
			}
			const ngi_known_name *k = ngi_lexicon_surname(lx, s->key);
			if (k && strlen(s->key) <= SHORT_KEY &&
			    !spelled_like_span(r, s, k))
				k = NULL; /* "Moja" is no May (both m) */
			if (!k && (s->per_cue || ngi_lexicon_given(lx, s->key))) {
				/* a first name alone: a well-known person whose
				 * surname the article names */
				for (size_t j = 0; j < r->n_spans && !k; j++) {
					const span *o = &r->spans[j];
					if (o->drop || o->n_words != 1 || j == i)
						continue;
					const ngi_known_name *ok =
						ngi_lexicon_surname(lx, o->key);
					if (ok && ok->given &&
					    strcmp(ok->given, s->key) == 0)
						k = ok;
				}
			}
			if (k && k->type == NGI_ENT_PER) {
				s->known = k;
				s->type = NGI_ENT_PER;
				s->evidence = EV_STRONG;
			}
		} else if (s->type == NGI_ENT_PER) {
			const ngi_known_name *k =
				ngi_lexicon_surname(lx, s->last_key);
			if (k && k->given && strcmp(k->given, s->first_key) == 0)
				s->known = k;
		}
	}
	/* a surname resolved to a full name that is itself well known */
	for (size_t i = 0; i < r->n_spans; i++) {
		span *s = &r->spans[i];
		if (s->resolved_to >= 0 && r->spans[s->resolved_to].known)
			s->known = r->spans[s->resolved_to].known;
	}
	return NG_OK;
}

/* Canonical keys and names, type votes, German tentative spans. */
static ng_status canonicalise(find_run *r)
{
	ngi_entity_ctx *c = r->c;
	for (size_t i = 0; i < r->n_spans; i++) {
		span *s = &r->spans[i];
		if (s->drop)
			continue;
		if (s->tentative && s->resolved_to < 0 && !s->known) {
			s->drop = 1;
			continue;
		}
		const span *full = s->resolved_to >= 0 ? &r->spans[s->resolved_to]
						       : s;
		if (s->known) {
			s->canon = s->known->key;
			s->name = s->known->name;
		} else if (s->place && s->type == NGI_ENT_LOC &&
			   s->resolved_to < 0) {
			/* one key for every spelling: "Никарагуа", "Nikaragua" */
			s->canon = s->place->key;
			s->name = s->place->name;
		} else if (s->type == NGI_ENT_PER) {
			s->canon = full->last_key;
		} else {
			s->canon = s->key;
		}
		/* votes: 16 bits per type (PER..EVT), strong ones weigh 256 */
		if (s->type < NGI_ENT_PER || s->type > NGI_ENT_EVT)
			continue;
		uint64_t *v = ngi_map_upsert(&c->votes,
					     ngi_hash(s->canon, strlen(s->canon), 0), 0);
		if (!v)
			return NG_ERR_NOMEM;
		uint64_t shift = (uint64_t)(s->type - 1) * 16;
		uint64_t cur = (*v >> shift) & 0xffff;
		uint64_t add = s->evidence >= EV_STRONG ? 256 : s->evidence;
		if (cur + add < 0xffff)
			*v += add << shift;
	}
	for (size_t i = 0; i < r->n_spans; i++) {
		span *s = &r->spans[i];
		if (s->drop || s->evidence >= EV_STRONG)
			continue;
		const uint64_t *v = ngi_map_get(
			&c->votes, ngi_hash(s->canon, strlen(s->canon), 0));
		if (!v)
			continue;
		uint64_t best = 0;
		int type = s->type;
		for (int t = NGI_ENT_PER; t <= NGI_ENT_EVT; t++) {
			uint64_t score = (*v >> ((t - 1) * 16)) & 0xffff;
			if (score > best) {
				best = score;
				type = t;
			}
		}
		s->type = (uint8_t)type;
	}
	return NG_OK;
}

/* Display names: the curated one, else the span of the full name, else the
 * span with the most words among those of the same key. */
static ng_status display_names(find_run *r)
{
	ngi_map *best = &r->c->present; /* reused: hash(canon) -> span + 1 */
	map_clear(best);
	for (size_t i = 0; i < r->n_spans; i++) {
		span *s = &r->spans[i];
		if (s->drop || s->name)
			continue;
		const span *src = s->resolved_to >= 0 ? &r->spans[s->resolved_to]
						      : s;
		uint64_t *v = ngi_map_upsert(
			best, ngi_hash(s->canon, strlen(s->canon), 0), 0);
		if (!v)
			return NG_ERR_NOMEM;
		if (!*v || r->spans[*v - 1].n_words < src->n_words)
			*v = (uint64_t)(src - r->spans) + 1;
	}
	for (size_t i = 0; i < r->n_spans; i++) {
		span *s = &r->spans[i];
		if (s->drop || s->name)
			continue;
		const uint64_t *v =
			ngi_map_get(best, ngi_hash(s->canon, strlen(s->canon), 0));
		const span *src = v ? &r->spans[*v - 1] : s;
		s->name = ngi_arena_strndup(r->a, r->doc->text + src->start,
					    src->end - src->start);
		if (!s->name)
			return NG_ERR_NOMEM;
	}
	return NG_OK;
}

/* ---- descriptions -------------------------------------------------------------
 * "Kremlin Spokesman Dmitry Peskov said ... Kremlin spokesman denies",
 * "Russian President Vladimir Putin ... the Russian president pointed out":
 * a title phrase of two or three words written right before a person's
 * name (a title word, with a demonym, a capitalised word or another title
 * word before it) names that person wherever else it stands in the same
 * article, unless the same phrase also stood before another person. */
#define MAX_DESCRIPTIONS 32
#define DESC_MAX_WORDS 3
/* Mentions made from descriptions per article. Each one is checked against
 * every span (overlaps), so without a cap a long text repeating one
 * phrase costs spans x repeats: 60,000 repeats of "the foreign minister"
 * took 24 s. No news article comes near the cap. */
#define DESC_MAX_MENTIONS 1000

typedef struct description {
	size_t first, n;  /* the phrase's tokens, where it was learnt */
	int person;       /* span index; -1 when two persons share it */
} description;

static int same_words(find_run *r, size_t a, size_t b, size_t n)
{
	const ngi_token *tk = r->doc->tokens;
	for (size_t k = 0; k < n; k++) {
		const ngi_token *x = &tk[a + k], *y = &tk[b + k];
		if (x->kind != NGI_TOK_WORD || y->kind != NGI_TOK_WORD ||
		    x->norm_len != y->norm_len || memcmp(x->norm, y->norm, x->norm_len))
			return 0;
	}
	return 1;
}

/* The title phrase before span s, as [first, first + n) tokens, or n = 0. */
static size_t title_phrase(find_run *r, const span *s, size_t *first)
{
	const ngi_token *tk = r->doc->tokens;
	size_t i = s->tok0, n = 0;
	int titles = 0;
	while (i > 0 && n < DESC_MAX_WORDS) {
		const ngi_token *t = &tk[i - 1];
		if (t->kind != NGI_TOK_WORD || t->sentence != tk[s->tok0].sentence)
			break;
		unsigned lx = ngi_entity_lex_of(r, i - 1);
		int title = (lx & NGI_LX_TITLE) != 0;
		if (!title && !(n > 0 && ((lx & NGI_LX_DEMONYM) || t->capitalised)))
			break;
		titles += title;
		i--;
		n++;
	}
	/* the word next to the name must be a title, and one word is too
	 * vague ("President" stands before many people) */
	if (n < 2 || !titles || !(ngi_entity_lex_of(r, s->tok0 - 1) & NGI_LX_TITLE))
		return 0;
	*first = i;
	return n;
}

static ng_status descriptions(find_run *r)
{
	description d[MAX_DESCRIPTIONS];
	size_t nd = 0;
	size_t n_spans = r->n_spans;
	for (size_t i = 0; i < n_spans; i++) {
		const span *s = &r->spans[i];
		if (s->drop || s->type != NGI_ENT_PER || !s->canon)
			continue;
		size_t first, n = title_phrase(r, s, &first);
		if (!n)
			continue;
		size_t k = 0;
		while (k < nd && !(d[k].n == n && same_words(r, d[k].first, first, n)))
			k++;
		if (k < nd) {
			int other = d[k].person;
			if (other >= 0 && strcmp(r->spans[other].canon, s->canon))
				d[k].person = -1;
		} else if (nd < MAX_DESCRIPTIONS) {
			d[nd++] = (description){first, n, (int)i};
		}
	}
	const ngi_token *tk = r->doc->tokens;
	size_t made = 0;
	for (size_t k = 0; k < nd && made < DESC_MAX_MENTIONS; k++) {
		if (d[k].person < 0)
			continue;
		for (size_t t = 0; t + d[k].n <= r->doc->n_tokens &&
				   made < DESC_MAX_MENTIONS;
		     t++) {
			if (t == d[k].first || !same_words(r, t, d[k].first, d[k].n))
				continue;
			/* not when a name follows: that is the title, not the
			 * description, and the name is its own mention */
			size_t after = t + d[k].n;
			if (after < r->doc->n_tokens && tk[after].kind == NGI_TOK_WORD &&
			    tk[after].capitalised && tk[after].sentence == tk[t].sentence)
				continue;
			uint32_t start = tk[t].start, end = tk[after - 1].end;
			/* a span reaching out of the phrase wins; one inside it
			 * ("Kremlin" in "Kremlin spokesman") gives way */
			int overlaps = 0;
			for (size_t j = 0; j < r->n_spans && !overlaps; j++) {
				const span *o = &r->spans[j];
				overlaps = !o->drop && o->start < end && start < o->end &&
					   (o->start < start || o->end > end);
			}
			if (overlaps)
				continue;
			for (size_t j = 0; j < r->n_spans; j++)
				if (r->spans[j].start >= start && r->spans[j].end <= end)
					r->spans[j].drop = 1;
			span *x = ngi_entity_new_span(r);
			if (!x) /* the mention cap is a limit, not a failure */
				return r->n_spans >= NGI_ENTITY_MAX_MENTIONS
					       ? NG_OK
					       : NG_ERR_NOMEM;
			made++;
			const span *p = &r->spans[d[k].person]; /* after ngi_entity_new_span */
			x->start = start;
			x->end = end;
			x->tok0 = (uint32_t)t;
			x->tok1 = (uint32_t)after;
			x->type = NGI_ENT_PER;
			x->canon = p->canon;
			x->name = p->name;
			x->key = p->key;
		}
	}
	return NG_OK;
}

static int by_start(const void *a, const void *b)
{
	const span *x = a, *y = b;
	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return (x->end > y->end) - (x->end < y->end);
}

static ng_status emit(find_run *r, ngi_mention **out, size_t *n)
{
	if (r->n_spans > 1)
		qsort(r->spans, r->n_spans, sizeof *r->spans, by_start);
	size_t count = 0;
	for (size_t i = 0; i < r->n_spans; i++)
		count += !r->spans[i].drop;
	ngi_mention *m = ngi_arena_alloc(r->a, (count ? count : 1) * sizeof(*m));
	if (!m)
		return NG_ERR_NOMEM;
	/* code point offsets: spans are in text order, one walk */
	const unsigned char *text = (const unsigned char *)r->doc->text;
	size_t byte = 0, cp = 0, k = 0;
	for (size_t i = 0; i < r->n_spans; i++) {
		const span *s = &r->spans[i];
		if (s->drop)
			continue;
		ngi_mention *x = &m[k++];
		if (s->start < byte) { /* not expected; restart the walk */
			byte = 0;
			cp = 0;
		}
		for (; byte < s->start; byte++)
			cp += (text[byte] & 0xC0) != 0x80;
		x->start = s->start;
		x->cp_start = (uint32_t)cp;
		for (; byte < s->end; byte++)
			cp += (text[byte] & 0xC0) != 0x80;
		x->end = s->end;
		x->cp_end = (uint32_t)cp;
		x->type = s->type;
		x->surface = ngi_arena_strndup(r->a, r->doc->text + s->start,
					       s->end - s->start);
		x->key = s->canon;
		x->name = s->name;
		if (!x->surface)
			return NG_ERR_NOMEM;
	}
	*out = m;
	*n = count;
	return NG_OK;
}

ng_status ngi_entities_find(ngi_entity_ctx *c, const ngi_doc *doc,
			    ngi_arena *a, ngi_mention **out, size_t *n)
{
	if (!c || !doc || !a || !out || !n)
		return NG_ERR_USAGE;
	/* the shared place table: a failed build is this search's error */
	ng_status places = ngi_lexicon_places_load();
	if (places)
		return places;
	find_run r = {0};
	r.c = c;
	r.doc = doc;
	r.a = a;
	r.slavic = ngi_entity_lang_slavic(doc->lang);
	r.german = strcmp(doc->lang, "de") == 0;
	r.english = strcmp(doc->lang, "en") == 0;
	map_clear(&c->words);
	map_clear(&c->persons);
	map_clear(&c->givens);
	map_clear(&c->present);
	map_clear(&c->votes);
	size_t nt = doc->n_tokens;
	r.lex = ngi_arena_alloc(a, (nt ? nt : 1) * sizeof(unsigned));
	r.initial = ngi_arena_zalloc(a, nt ? nt : 1);
	r.shout = ngi_arena_zalloc(a, doc->n_sentences ? doc->n_sentences : 1);
	if (!r.lex || !r.initial || !r.shout)
		return NG_ERR_NOMEM;
	for (size_t i = 0; i < nt; i++)
		r.lex[i] = LEX_UNSET;
	ng_status st = ngi_entity_word_stats(&r);
	if (!st)
		st = ngi_entity_find_spans(&r);
	uint32_t covered = 0; /* spans are in text order: one that a span
				 before took in ("суд Пакистана") goes */
	for (size_t i = 0; !st && i < r.n_spans; i++) {
		span *s = &r.spans[i];
		if (s->start < covered) {
			s->drop = 1;
			continue;
		}
		st = ngi_entity_span_keys(&r, s);
		if (!st && !s->drop)
			ngi_entity_type_span(&r, s);
		if (!s->drop && s->end > covered)
			covered = s->end;
	}
	if (!st)
		st = resolve(&r);
	if (!st)
		st = canonicalise(&r);
	if (!st)
		st = display_names(&r);
	if (!st)
		st = descriptions(&r);
	if (!st)
		st = emit(&r, out, n);
	return st;
}

ng_status ngi_entity_key(ngi_entity_ctx *c, const char *name, size_t len,
			 const char *lang, ngi_entity_type type, ngi_arena *a,
			 const char **out)
{
	if (!c || !name || !a || !out)
		return NG_ERR_USAGE;
	find_run r = {0};
	r.c = c;
	r.slavic = ngi_entity_lang_slavic(lang);
	char key[SPAN_KEY_MAX], last[WORD_KEY_MAX] = "";
	size_t kl = 0, i = 0;
	key[0] = 0;
	while (i < len) {
		while (i < len && (name[i] == ' ' || name[i] == '-'))
			i++;
		size_t b = i;
		while (i < len && name[i] != ' ' && name[i] != '-')
			i++;
		if (i == b)
			break;
		/* fold: ASCII lower-casing here, ICU lower-cases the rest */
		char low[WORD_KEY_MAX * 2];
		size_t ln = 0;
		for (size_t q = b; q < i && ln + 1 < sizeof low; q++) {
			char ch = name[q];
			low[ln++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a')
							   : ch;
		}
		low[ln] = 0;
		char wk[WORD_KEY_MAX];
		size_t wl = ngi_entity_surface_key(&r, name + b, i - b, low, ln, wk, sizeof wk);
		if (!wl)
			continue;
		if (kl + wl < SPAN_KEY_MAX) {
			memcpy(key + kl, wk, wl + 1);
			kl += wl;
		}
		memcpy(last, wk, wl + 1);
	}
	const ngi_known_name *k = ngi_lexicon_name(c->lx, key);
	const char *res = k ? k->key : type == NGI_ENT_PER ? last : key;
	char *s = ngi_arena_strdup(a, res);
	if (!s)
		return NG_ERR_NOMEM;
	*out = s;
	return NG_OK;
}
