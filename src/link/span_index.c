/*
 * span_index.c: the passage groups of span_index.h.
 *
 * The representatives sit in a ring of rule.capacity slots, filled in
 * order (the oldest leaves first). A group has one or more of them (a claim
 * restated in other words in one article); a map gives a group's latest
 * slot, and each slot the one before it of the same group. Each slot
 * indexes up to NGI_SPAN_INDEXED terms of its representative in posting
 * lists, one per term (a map from the term to its list). A list holds the
 * slots of its term in the order they were added, and slots leave in the
 * order they were added, so the slot leaving is always at the front of
 * each of its lists: a list is a queue, kept in one array (a ring that
 * doubles when full). A lookup reads the lists of the passage's terms from
 * the back (at most NGI_SPAN_WALK slots each, newest first) and scores the
 * representatives it meets: contiguous reads, where the doubly linked
 * lists this replaced took a cache miss per node (the lookups were a
 * seventh of the link stage's time on the 100,000-article bench).
 */
#include "span_index.h"

#include <stdlib.h>
#include <string.h>

#include "../base/map.h"
#include "link.h"

#define NGI_SPAN_INDEXED 24
#define NGI_SPAN_WALK 128
#define NGI_SPAN_CANDIDATES 256
#define NONE UINT32_MAX

/* The slots of one term, oldest first: v[(front + i) & (cap - 1)] for i
 * below n. A free list's entry keeps its array for the next term. */
typedef struct posting {
	uint32_t *v;
	uint32_t front, n, cap;
	uint32_t next_free; /* when free: the next free posting, or NONE */
} posting;

typedef struct slot {
	uint64_t id;      /* the group; 0: empty */
	uint32_t prev;    /* the group's slot before this one + 1, 0 none */
	uint64_t words, key;
	int32_t last_day;
	uint16_t lang;
	uint32_t n;       /* terms indexed */
	uint32_t n_all;   /* terms of the representative */
	uint32_t terms[NGI_SPAN_INDEXED];
} slot;

struct ngi_span_index {
	ngi_span_rule rule;
	slot *slots;
	posting *lists;   /* the terms' lists, and free ones */
	uint32_t n_lists, cap_lists, free_list;
	size_t list_bytes; /* of their arrays */
	ngi_map heads;    /* term -> its list */
	ngi_map words;    /* words hash -> group id */
	ngi_map latest;   /* group id -> its latest slot */
	uint64_t added;   /* representatives added: the next slot */
};

uint64_t ngi_span_key_hash(const char *key)
{
	if (!key || !*key)
		return 0;
	uint64_t h = ngi_hash(key, strlen(key), 0x5350414e4b4559ULL);
	return h ? h : 1;
}

ng_status ngi_span_index_new(const ngi_span_rule *r, ngi_span_index **out)
{
	if (!r || r->capacity == 0 || r->capacity > (NONE - 1) / NGI_SPAN_INDEXED)
		return NG_ERR_USAGE;
	ngi_span_index *x = calloc(1, sizeof *x);
	if (!x)
		return NG_ERR_NOMEM;
	x->rule = *r;
	x->free_list = NONE;
	x->slots = calloc(r->capacity, sizeof *x->slots);
	if (!x->slots) {
		ngi_span_index_free(x);
		return NG_ERR_NOMEM;
	}
	ngi_map_init(&x->heads);
	ngi_map_init(&x->words);
	ngi_map_init(&x->latest);
	*out = x;
	return NG_OK;
}

void ngi_span_index_free(ngi_span_index *x)
{
	if (!x)
		return;
	free(x->slots);
	for (uint32_t i = 0; i < x->n_lists; i++)
		free(x->lists[i].v);
	free(x->lists);
	ngi_map_free(&x->heads);
	ngi_map_free(&x->words);
	ngi_map_free(&x->latest);
	free(x);
}

size_t ngi_span_index_memory(const ngi_span_index *x)
{
	return sizeof *x + x->rule.capacity * sizeof(slot) +
	       x->cap_lists * sizeof(posting) + x->list_bytes +
	       (x->heads.cap + x->words.cap + x->latest.cap) *
	       (2 * sizeof(uint64_t) + 1);
}

/* ---- posting lists ---------------------------------------------------------- */
static posting *list_of(const ngi_span_index *x, uint32_t term)
{
	const uint64_t *at = ngi_map_get(&x->heads, term);
	return at ? &x->lists[*at] : NULL;
}

/* The list of term, made (empty) when it has none. NULL: no memory. */
static posting *list_for(ngi_span_index *x, uint32_t term)
{
	posting *l = list_of(x, term);
	if (l)
		return l;
	uint32_t i = x->free_list;
	if (i == NONE) {
		if (x->n_lists == x->cap_lists) {
			uint32_t cap = x->cap_lists ? 2 * x->cap_lists : 1024;
			posting *grown = realloc(x->lists, cap * sizeof *grown);
			if (!grown)
				return NULL;
			x->lists = grown;
			x->cap_lists = cap;
		}
		i = x->n_lists;
		x->lists[i] = (posting){NULL, 0, 0, 0, NONE};
	}
	if (ngi_map_put(&x->heads, term, i)) {
		if (i == x->n_lists)
			x->lists[i].v = NULL; /* not taken: nothing to keep */
		return NULL;
	}
	if (i == x->n_lists)
		x->n_lists++;
	else
		x->free_list = x->lists[i].next_free;
	l = &x->lists[i];
	l->front = l->n = 0;
	return l;
}

/* Appends slot si to l, doubling its ring when full. */
static ng_status list_push(ngi_span_index *x, posting *l, uint32_t si)
{
	if (l->n == l->cap) {
		uint32_t cap = l->cap ? 2 * l->cap : 4;
		uint32_t *v = malloc(cap * sizeof *v);
		if (!v)
			return NG_ERR_NOMEM;
		for (uint32_t i = 0; i < l->n; i++)
			v[i] = l->v[(l->front + i) & (l->cap - 1)];
		free(l->v);
		x->list_bytes += (size_t)(cap - l->cap) * sizeof *v;
		l->v = v;
		l->front = 0;
		l->cap = cap;
	}
	l->v[(l->front + l->n++) & (l->cap - 1)] = si;
	return NG_OK;
}

/* The list of term has lost its last slot: it goes to the free list (its
 * array kept) and the term leaves the map. */
static void list_drop_if_empty(ngi_span_index *x, uint32_t term, posting *l)
{
	if (l->n)
		return;
	uint32_t i = (uint32_t)(l - x->lists);
	ngi_map_del(&x->heads, term);
	l->next_free = x->free_list;
	x->free_list = i;
}

/* The latest slot of group id, or NONE. */
static uint32_t latest_of(const ngi_span_index *x, uint64_t id)
{
	const uint64_t *at = ngi_map_get(&x->latest, id);
	return at ? (uint32_t)*at : NONE;
}

/* Whether another representative of slot s's group has the same words. */
static int other_with_words(const ngi_span_index *x, uint32_t s)
{
	const slot *g = &x->slots[s];
	uint32_t si = latest_of(x, g->id);
	for (uint32_t k = 0; si != NONE && k < x->rule.capacity; k++) {
		const slot *o = &x->slots[si];
		if (o->id != g->id)
			break;
		if (si != s && o->words == g->words)
			return 1;
		si = o->prev ? o->prev - 1 : NONE;
	}
	return 0;
}

/* Removes the representative in slot s from the lists and the maps. */
static void evict(ngi_span_index *x, uint32_t s)
{
	slot *g = &x->slots[s];
	if (!g->id)
		return;
	/* the oldest slot is at the front of each of its lists */
	for (uint32_t j = 0; j < g->n; j++) {
		posting *l = list_of(x, g->terms[j]);
		if (!l || !l->n)
			continue;
		l->front = (l->front + 1) & (l->cap - 1);
		l->n--;
		list_drop_if_empty(x, g->terms[j], l);
	}
	if (g->words) {
		uint64_t *w = ngi_map_get(&x->words, g->words);
		if (w && *w == g->id && !other_with_words(x, s))
			ngi_map_del(&x->words, g->words);
	}
	/* the ring is filled in order, so a group's latest slot is its last
	 * to leave */
	if (latest_of(x, g->id) == s)
		ngi_map_del(&x->latest, g->id);
	g->id = 0;
}

ng_status ngi_span_index_add(ngi_span_index *x, uint64_t id,
			     const ngi_span_sig *s)
{
	if (id == 0)
		return NG_ERR_USAGE;
	uint32_t si = (uint32_t)(x->added % x->rule.capacity);
	evict(x, si);
	uint32_t before = latest_of(x, id);
	/* room in the maps first, so a failure leaves the index as it was
	 * (but for the evicted representative, which was leaving anyway) */
	if (ngi_map_put(&x->latest, id, si))
		return NG_ERR_NOMEM;
	if (s->words && ngi_map_put(&x->words, s->words, id)) {
		if (before == NONE)
			ngi_map_del(&x->latest, id);
		else
			ngi_map_put(&x->latest, id, before);
		return NG_ERR_NOMEM;
	}
	slot *g = &x->slots[si];
	uint32_t n = s->n < NGI_SPAN_INDEXED ? s->n : NGI_SPAN_INDEXED;
	for (uint32_t j = 0; j < n; j++) {
		posting *l = list_for(x, s->terms[j]);
		if (!l || list_push(x, l, si)) {
			/* undo the slots pushed so far: the last of their lists */
			for (uint32_t k = 0; k < j; k++) {
				posting *u = list_of(x, g->terms[k]);
				u->n--;
				list_drop_if_empty(x, g->terms[k], u);
			}
			if (l)
				list_drop_if_empty(x, s->terms[j], l);
			if (before == NONE)
				ngi_map_del(&x->latest, id);
			else
				ngi_map_put(&x->latest, id, before);
			return NG_ERR_NOMEM;
		}
		g->terms[j] = s->terms[j];
	}
	g->id = id;
	g->prev = before == NONE ? 0 : before + 1;
	g->n = n;
	g->n_all = s->n;
	g->words = s->words;
	g->key = s->key;
	g->last_day = s->day;
	g->lang = s->lang;
	/* one more wording of a group counts from the group's latest member,
	 * as its other representatives do */
	if (before != NONE) {
		int32_t d = x->slots[before].last_day;
		if (d != NGI_DAY_UNKNOWN && (g->last_day == NGI_DAY_UNKNOWN || d > g->last_day))
			g->last_day = d;
	}
	x->added++;
	return NG_OK;
}

void ngi_span_index_touch(ngi_span_index *x, uint64_t id, int32_t day)
{
	if (day == NGI_DAY_UNKNOWN)
		return;
	/* every representative of the group still held, newest first */
	uint32_t si = latest_of(x, id);
	for (uint32_t k = 0; si != NONE && k < x->rule.capacity; k++) {
		slot *g = &x->slots[si];
		if (g->id != id)
			break;
		if (g->last_day == NGI_DAY_UNKNOWN || day > g->last_day)
			g->last_day = day;
		si = g->prev ? g->prev - 1 : NONE;
	}
}

uint32_t ngi_span_index_terms(const ngi_span_index *x, uint64_t id,
			      const uint32_t **terms)
{
	uint32_t si = id ? latest_of(x, id) : NONE;
	if (si == NONE)
		return 0;
	*terms = x->slots[si].terms;
	return x->slots[si].n;
}

static int in_window(const ngi_span_index *x, const slot *g, int32_t day)
{
	if (x->rule.window_days <= 0 || day == NGI_DAY_UNKNOWN ||
	    g->last_day == NGI_DAY_UNKNOWN)
		return 1;
	int64_t d = (int64_t)day - g->last_day;
	return d <= x->rule.window_days && -d <= x->rule.window_days;
}

uint64_t ngi_span_index_match(const ngi_span_index *x, const ngi_span_sig *s)
{
	if (s->words) {
		const uint64_t *w = ngi_map_get(&x->words, s->words);
		uint32_t si = w ? latest_of(x, *w) : NONE;
		if (si != NONE && in_window(x, &x->slots[si], s->day))
			return *w;
	}
	/* candidates in a small open-addressing table (slot -> position) */
	uint32_t cand[NGI_SPAN_CANDIDATES], shared[NGI_SPAN_CANDIDATES];
	uint32_t table[2 * NGI_SPAN_CANDIDATES];
	memset(table, 0xff, sizeof table);
	size_t nc = 0;
	for (uint32_t j = 0; j < s->n; j++) {
		const posting *l = list_of(x, s->terms[j]);
		uint32_t n = l ? l->n : 0;
		for (uint32_t walked = 0; walked < n && walked < NGI_SPAN_WALK;
		     walked++) {
			uint32_t si = l->v[(l->front + n - 1 - walked) & (l->cap - 1)];
			size_t h = (si * 2654435761u) & (2 * NGI_SPAN_CANDIDATES - 1);
			while (table[h] != NONE && cand[table[h]] != si)
				h = (h + 1) & (2 * NGI_SPAN_CANDIDATES - 1);
			if (table[h] == NONE) {
				if (nc == NGI_SPAN_CANDIDATES)
					continue;
				table[h] = (uint32_t)nc;
				cand[nc] = si;
				shared[nc++] = 0;
			}
			shared[table[h]]++;
		}
	}
	uint64_t best = 0;
	double best_score = 0;
	for (size_t k = 0; k < nc; k++) {
		const slot *g = &x->slots[cand[k]];
		if (shared[k] < x->rule.min_shared || !in_window(x, g, s->day))
			continue;
		/* the group's terms beyond the indexed ones are not seen:
		 * score against what could have been seen */
		uint32_t gn = g->n_all < NGI_SPAN_INDEXED ? g->n_all : NGI_SPAN_INDEXED;
		int across = s->lang && g->lang && s->lang != g->lang;
		uint32_t smaller = s->n < gn ? s->n : gn;
		double dice = across ? (double)shared[k] / smaller
				     : 2.0 * shared[k] / (double)(s->n + gn);
		double need = s->key && s->key == g->key ? x->rule.dice_same_key
							 : x->rule.dice;
		if (dice < need)
			continue;
		if (dice > best_score || (dice == best_score && g->id < best)) {
			best_score = dice;
			best = g->id;
		}
	}
	return best;
}
