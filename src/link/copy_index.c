/*
 * copy_index.c: finds the earlier articles a new one copies, among those
 * of a time window.
 *
 * Exact copies share the content hash (normalised words); the index keeps
 * one article per hash, the family's original, so a thousand identical
 * texts make a star of edges to one original, not a clique. Near copies
 * share at least one LSH band of their MinHash signatures; each candidate
 * is verified by the full signature (Jaccard estimate >= near_threshold).
 * Bucket chains are walked newest first and only NGI_BUCKET_SCAN deep, so
 * time per article stays bounded however many similar texts arrive.
 * Rewrites and partial reuse (reuse.c) start from the anchor index kept
 * here too. ngi_copy_edge_make turns each edge the right way round: times
 * to the second, then credit lines (each held article keeps its outlet key
 * and two credited outlet keys), then days, then arrival order.
 *
 * Memory is a ring of per-article slots in arrival order plus one table of
 * chain heads per band (and one for content hashes); a chain threads
 * through the slots by sequence number, newest first, so evicting the
 * oldest articles is just moving the ring's start: a chain ends at the
 * first article no longer held, and heads pointing there read as empty.
 * Which articles leave, and when, is the window policy of docs/LINKING.md:
 * the front of the ring leaves once its window day is more than
 * window_days before the stream's current day (the median publication day
 * of the last NGI_COPY_RECENT dated articles, so a few wrong dates cannot
 * move it), or when the ring holds max_held articles. Everything here is a
 * function of the input order: no clocks, no addresses.
 */
#include "link_internal.h"

#include <stdlib.h>
#include <string.h>

#define NGI_BUCKET_SCAN 64
/* Chain entries of other bands or hashes sharing a head are skipped; this
 * bounds the walk when many do. */
#define NGI_CHAIN_WALK (4 * NGI_BUCKET_SCAN)
#define NGI_CHAIN_EXACT NGI_LSH_BANDS

enum {
	NGI_HELD_SIG = 1,   /* has a MinHash signature */
	NGI_HELD_BANDS = 2, /* in the band chains */
	NGI_HELD_EXACT = 4  /* in the content-hash chain: its family's entry */
};

void ngi_copy_index_init(ngi_copy_index *ci)
{
	memset(ci, 0, sizeof *ci);
	ci->today = NGI_DAY_UNKNOWN;
	ci->first_today = NGI_DAY_UNKNOWN;
	ci->window_days = NGI_COPY_WINDOW_DAYS;
	ci->max_held = NGI_COPY_MAX_HELD;
	ngi_anchor_index_init(&ci->anchors, 0);
	ngi_arena_init(&ci->scratch, 64 << 10);
}

static void free_ring(ngi_copy_index *ci)
{
	free(ci->sigs);
	free(ci->next);
	free(ci->content);
	free(ci->days);
	free(ci->window_day);
	free(ci->times);
	free(ci->outlets);
	free(ci->credits);
	free(ci->flags);
}

void ngi_copy_index_free(ngi_copy_index *ci)
{
	free_ring(ci);
	free(ci->heads);
	free(ci->root);
	ngi_anchor_index_free(&ci->anchors);
	ngi_arena_free(&ci->scratch);
	memset(ci, 0, sizeof *ci);
}

int ngi_copy_index_holds(const ngi_copy_index *ci, uint32_t seq)
{
	return seq >= ci->lo && seq < ci->n;
}

size_t ngi_copy_index_held(const ngi_copy_index *ci)
{
	return ci->n - ci->lo;
}

uint32_t ngi_copy_index_root(const ngi_copy_index *ci, uint32_t seq)
{
	return seq < ci->n ? ci->root[seq] : seq;
}

static size_t slot_of(const ngi_copy_index *ci, uint32_t seq)
{
	return seq % ci->cap;
}

void ngi_copy_index_set_credits(ngi_copy_index *ci, uint32_t seq,
				const uint32_t credits[NGI_LINK_CREDITS])
{
	if (ngi_copy_index_holds(ci, seq))
		memcpy(ci->credits + slot_of(ci, seq) * NGI_LINK_CREDITS, credits,
		       NGI_LINK_CREDITS * sizeof *credits);
}

/* The chain head a key lands on. */
static uint32_t *head_of(const ngi_copy_index *ci, int chain, uint64_t key)
{
	return &ci->heads[(size_t)chain * ci->n_heads +
			  (size_t)(key & (ci->n_heads - 1))];
}

static uint64_t exact_key(uint64_t content_hash)
{
	return ngi_mix64(content_hash ^ 0x6578616374ULL);
}

/* Publication day and time of a held article (unknown once it has left). */
int32_t ngi_copy_index_day(const ngi_copy_index *ci, uint32_t seq)
{
	return ngi_copy_index_holds(ci, seq) ? ci->days[slot_of(ci, seq)]
					     : NGI_DAY_UNKNOWN;
}

int64_t ngi_copy_index_time(const ngi_copy_index *ci, uint32_t seq)
{
	return ngi_copy_index_holds(ci, seq) ? ci->times[slot_of(ci, seq)]
					     : NGI_TIME_UNKNOWN;
}

/* Whether an article crediting credits[] credits the outlet of another
 * (other_outlet), not being of that outlet itself. */
static int credits_outlet(const uint32_t *credits, uint32_t own,
			  uint32_t other_outlet)
{
	if (!other_outlet || other_outlet == own)
		return 0;
	for (int i = 0; i < NGI_LINK_CREDITS; i++)
		if (credits[i] == other_outlet)
			return 1;
	return 0;
}

/* 1 when the credits say the new article is the original (the other one
 * credits its outlet), -1 when they say the other is, 0 when they say
 * nothing or both credit each other. */
static int credit_direction(const ngi_copy_index *ci, const ngi_link_article *a,
			    uint32_t other)
{
	if (!ngi_copy_index_holds(ci, other))
		return 0;
	size_t slot = slot_of(ci, other);
	uint32_t theirs = ci->outlets[slot];
	int they_credit_me = credits_outlet(ci->credits + slot * NGI_LINK_CREDITS,
					    theirs, a->outlet);
	int i_credit_them = credits_outlet(a->credits, a->outlet, theirs);
	return they_credit_me - i_credit_them;
}

/* Direction, strongest evidence first (docs/LINKING.md):
 *  1. publication times to the second, when both are known and differ;
 *  2. a credit line: the article whose outlet the other credits is the
 *     original, unless both days are known and further apart than
 *     NGI_CREDIT_MAX_DAYS (the credit then names an earlier story of that
 *     outlet, not this one);
 *  3. publication days, when both are known and differ;
 *  4. arrival order (reuse.c may refine it by family or containment). */
#define NGI_CREDIT_MAX_DAYS 1

ngi_copy_edge ngi_copy_edge_make(const ngi_copy_index *ci, uint32_t seq,
				const ngi_link_article *a, uint32_t other,
				int kind, double score)
{
	ngi_copy_edge e = {.copy = seq, .original = other, .kind = (uint8_t)kind,
			   .why = NGI_WHY_EARLIER_INGESTED, .score = (float)score};
	int earlier = 0; /* 1: the new article is the earlier one, -1: the other */
	int64_t other_time = ngi_copy_index_time(ci, other);
	int32_t other_day = ngi_copy_index_day(ci, other);
	int days_known = a->day != NGI_DAY_UNKNOWN && other_day != NGI_DAY_UNKNOWN;
	int credit = credit_direction(ci, a, other);
	if (a->time != NGI_TIME_UNKNOWN && other_time != NGI_TIME_UNKNOWN &&
	    a->time != other_time) {
		earlier = a->time < other_time ? 1 : -1;
	} else if (credit &&
		   (!days_known || llabs((long long)a->day - other_day) <=
					   NGI_CREDIT_MAX_DAYS)) {
		e.why = NGI_WHY_CREDIT;
		if (credit > 0) {
			e.copy = other;
			e.original = seq;
		}
		return e;
	} else if (days_known && a->day != other_day) {
		earlier = a->day < other_day ? 1 : -1;
	}
	if (earlier) {
		e.why = NGI_WHY_EARLIER_PUBLISHED;
		if (earlier > 0) {
			e.copy = other;
			e.original = seq;
		}
	}
	return e;
}

int ngi_copy_edge_has(const ngi_copy_edge *edges, int n, uint32_t seq,
		      uint32_t other)
{
	for (int i = 0; i < n; i++)
		if ((edges[i].copy == other && edges[i].original == seq) ||
		    (edges[i].original == other && edges[i].copy == seq))
			return 1;
	return 0;
}

/* The family entry for the content hash: the newest held article in the
 * exact chain with this hash, or UINT32_MAX. */
static uint32_t exact_find(const ngi_copy_index *ci, const ngi_link_article *a)
{
	if (!a->content_hash || !ci->n_heads)
		return UINT32_MAX;
	uint32_t p = *head_of(ci, NGI_CHAIN_EXACT, exact_key(a->content_hash));
	for (int walked = 0; p && p - 1 >= ci->lo && walked < NGI_CHAIN_WALK;
	     walked++) {
		uint32_t s = p - 1;
		size_t slot = slot_of(ci, s);
		if (ci->content[slot] == a->content_hash)
			return s;
		p = ci->next[slot * NGI_COPY_CHAINS + NGI_CHAIN_EXACT];
	}
	return UINT32_MAX;
}

int ngi_copy_index_find(const ngi_copy_index *ci, const ngi_link_article *a,
			uint32_t seq, double near_threshold,
			ngi_copy_edge *edges, int max_edges)
{
	int n = 0;
	uint32_t exact_of = exact_find(ci, a);
	if (exact_of != UINT32_MAX && n < max_edges)
		edges[n++] = ngi_copy_edge_make(ci, seq, a, exact_of,
						NGI_COPY_EXACT, 1.0);
	if (!a->minhash || exact_of != UINT32_MAX || !ci->n_heads)
		return n; /* an exact copy's near copies are the original's */
	ngi_minhash_bits sig[NGI_MINHASH_K];
	ngi_minhash_pack(a->minhash, sig);
	for (int b = 0; b < NGI_LSH_BANDS && n < max_edges; b++) {
		uint32_t p = *head_of(ci, b, ngi_lsh_band_key(sig, b));
		int scanned = 0, walked = 0;
		for (; p && p - 1 >= ci->lo && scanned < NGI_BUCKET_SCAN &&
		       walked < NGI_CHAIN_WALK && n < max_edges;
		     walked++) {
			uint32_t other = p - 1;
			size_t slot = slot_of(ci, other);
			p = ci->next[slot * NGI_COPY_CHAINS + b];
			const ngi_minhash_bits *theirs = ci->sigs + slot * NGI_MINHASH_K;
			if (!ngi_lsh_band_equal(sig, theirs, b))
				continue; /* another bucket sharing the head */
			scanned++;
			if (ngi_copy_edge_has(edges, n, seq, other))
				continue;
			double sim = ngi_minhash_similarity(sig, theirs);
			if (sim < near_threshold)
				continue;
			/* a copy of a copy: link to the family's original too,
			 * when it is still held and the text is near it as well */
			uint32_t root = ci->root[other];
			if (root != other && ngi_copy_index_holds(ci, root) &&
			    !ngi_copy_edge_has(edges, n, seq, root)) {
				size_t rslot = slot_of(ci, root);
				double rs = ngi_minhash_similarity(
					sig, ci->sigs + rslot * NGI_MINHASH_K);
				if (rs >= near_threshold &&
				    (ci->flags[rslot] & NGI_HELD_SIG))
					edges[n++] = ngi_copy_edge_make(ci, seq, a, root,
							       NGI_COPY_NEAR, rs);
			}
			if (n < max_edges)
				edges[n++] = ngi_copy_edge_make(ci, seq, a, other,
						       NGI_COPY_NEAR, sim);
		}
	}
	return n;
}

/* Keeps root[] and the exact chain pointing at each family's original: the
 * new article takes the root of what it copies, and when it is the
 * original of an earlier article (published before it), that article now
 * looks up to the new one. Returns whether the new article is the original
 * of an exact copy (it then becomes its family's entry). */
static int update_roots(ngi_copy_index *ci, const ngi_link_article *a,
			uint32_t seq, const ngi_copy_edge *edges, int n)
{
	ci->root[seq] = seq;
	int best = -1, exact_original = 0;
	for (int i = 0; i < n; i++) {
		if (edges[i].copy == seq) {
			if (best < 0 || edges[i].kind < edges[best].kind ||
			    (edges[i].kind == edges[best].kind &&
			     edges[i].score > edges[best].score))
				best = i;
		} else if (edges[i].original == seq) {
			ci->root[edges[i].copy] = seq;
			if (edges[i].kind == NGI_COPY_EXACT && a->content_hash)
				exact_original = 1;
		}
	}
	if (best >= 0 && edges[best].kind != NGI_COPY_PARTIAL)
		ci->root[seq] = ci->root[edges[best].original];
	return exact_original;
}

/* Inserts the held article seq (in slot) at the head of its chains. */
static void chain_in(ngi_copy_index *ci, uint32_t seq, size_t slot)
{
	uint8_t f = ci->flags[slot];
	uint32_t *next = ci->next + slot * NGI_COPY_CHAINS;
	for (int c = 0; c < NGI_COPY_CHAINS; c++)
		next[c] = 0;
	for (int c = 0; c < NGI_COPY_CHAINS; c++) {
		uint64_t key;
		if (c == NGI_CHAIN_EXACT && (f & NGI_HELD_EXACT))
			key = exact_key(ci->content[slot]);
		else if (c < NGI_LSH_BANDS && (f & NGI_HELD_BANDS))
			key = ngi_lsh_band_key(ci->sigs + slot * NGI_MINHASH_K, c);
		else
			continue;
		uint32_t *head = head_of(ci, c, key);
		next[c] = *head && *head - 1 >= ci->lo ? *head : 0;
		*head = seq + 1;
	}
}

/* Chain heads sized to the ring (at least cap / 2 per chain, so chains
 * mix few buckets), rebuilt from the held articles oldest first. */
static ng_status size_heads(ngi_copy_index *ci)
{
	size_t want = 64;
	while (want < ci->cap / 2)
		want *= 2;
	if (want <= ci->n_heads)
		return NG_OK;
	uint32_t *heads = calloc(want * NGI_COPY_CHAINS, sizeof *heads);
	if (!heads)
		return NG_ERR_NOMEM;
	free(ci->heads);
	ci->heads = heads;
	ci->n_heads = want;
	for (size_t s = ci->lo; s < ci->n; s++)
		chain_in(ci, (uint32_t)s, slot_of(ci, (uint32_t)s));
	return NG_OK;
}

/* Grows the ring by half when it is full; held slots move to their new
 * place (seq % cap changes). On failure nothing changes. */
static ng_status grow_ring(ngi_copy_index *ci)
{
	size_t cap = ci->cap < 64 ? 64 : ci->cap + ci->cap / 2;
	ngi_copy_index old = *ci, n = {0};
	n.sigs = malloc(cap * NGI_MINHASH_K * sizeof *n.sigs);
	n.next = malloc(cap * NGI_COPY_CHAINS * sizeof *n.next);
	n.content = malloc(cap * sizeof *n.content);
	n.days = malloc(cap * sizeof *n.days);
	n.window_day = malloc(cap * sizeof *n.window_day);
	n.times = malloc(cap * sizeof *n.times);
	n.outlets = malloc(cap * sizeof *n.outlets);
	n.credits = malloc(cap * NGI_LINK_CREDITS * sizeof *n.credits);
	n.flags = malloc(cap);
	if (!n.sigs || !n.next || !n.content || !n.days || !n.window_day ||
	    !n.times || !n.outlets || !n.credits || !n.flags) {
		free_ring(&n);
		return NG_ERR_NOMEM;
	}
	for (size_t s = ci->lo; s < ci->n; s++) {
		size_t from = s % old.cap, to = s % cap;
		memcpy(n.sigs + to * NGI_MINHASH_K, old.sigs + from * NGI_MINHASH_K,
		       NGI_MINHASH_K * sizeof *n.sigs);
		memcpy(n.next + to * NGI_COPY_CHAINS, old.next + from * NGI_COPY_CHAINS,
		       NGI_COPY_CHAINS * sizeof *n.next);
		n.content[to] = old.content[from];
		n.days[to] = old.days[from];
		n.window_day[to] = old.window_day[from];
		n.times[to] = old.times[from];
		n.outlets[to] = old.outlets[from];
		memcpy(n.credits + to * NGI_LINK_CREDITS,
		       old.credits + from * NGI_LINK_CREDITS,
		       NGI_LINK_CREDITS * sizeof *n.credits);
		n.flags[to] = old.flags[from];
	}
	free_ring(ci);
	ci->sigs = n.sigs;
	ci->next = n.next;
	ci->content = n.content;
	ci->days = n.days;
	ci->window_day = n.window_day;
	ci->times = n.times;
	ci->outlets = n.outlets;
	ci->credits = n.credits;
	ci->flags = n.flags;
	ci->cap = cap;
	return size_heads(ci);
}

/* Counts a publication day into the stream's current day: the median of
 * the last NGI_COPY_RECENT dated articles, once that many have come. */
static void count_day(ngi_copy_index *ci, int32_t day)
{
	uint32_t k = ci->n_recent < NGI_COPY_RECENT ? ci->n_recent : NGI_COPY_RECENT;
	int32_t *sorted = ci->recent_sorted;
	if (ci->n_recent >= NGI_COPY_RECENT) {
		int32_t gone = ci->recent[ci->n_recent % NGI_COPY_RECENT];
		uint32_t i = 0;
		while (sorted[i] != gone)
			i++;
		memmove(sorted + i, sorted + i + 1, (k - 1 - i) * sizeof *sorted);
		k--;
	}
	ci->recent[ci->n_recent % NGI_COPY_RECENT] = day;
	uint32_t i = k;
	while (i > 0 && sorted[i - 1] > day) {
		sorted[i] = sorted[i - 1];
		i--;
	}
	sorted[i] = day;
	ci->n_recent++;
	if (ci->n_recent >= NGI_COPY_RECENT) {
		ci->today = sorted[NGI_COPY_RECENT / 2];
		if (ci->first_today == NGI_DAY_UNKNOWN)
			ci->first_today = ci->today;
	}
}

/* Moves the ring's start past the articles that have left the window. */
static void evict(ngi_copy_index *ci)
{
	while (ci->lo < ci->n) {
		int32_t d = ci->window_day[slot_of(ci, ci->lo)];
		if (d == NGI_DAY_UNKNOWN)
			d = ci->first_today;
		int expired = ci->window_days > 0 && ci->today != NGI_DAY_UNKNOWN &&
			      d != NGI_DAY_UNKNOWN &&
			      (int64_t)d < (int64_t)ci->today - ci->window_days;
		if (!expired && ci->n - ci->lo < ci->max_held)
			break;
		ci->lo++;
	}
}

/* The day an article counts as in the window: a date past the stream's
 * day (today) holds an article no longer than one that arrived today; an
 * undated one counts from its arrival. */
static int32_t window_day_of(const ngi_link_article *a, int32_t today)
{
	return a->day != NGI_DAY_UNKNOWN && (today == NGI_DAY_UNKNOWN || a->day < today)
		       ? a->day
		       : today;
}

ng_status ngi_copy_index_add(ngi_copy_index *ci, const ngi_link_article *a,
			     uint32_t seq, const ngi_copy_edge *edges,
			     int n_edges)
{
	if (seq != ci->n)
		return NG_ERR_INTERNAL;
	if (ngi_grow((void **)&ci->root, &ci->cap_root, ci->n + 1, sizeof *ci->root))
		return NG_ERR_NOMEM;
	/* the stream's day before this article: a wrong date moves it at most
	 * one place in the median */
	int32_t today = ci->today;
	if (a->day != NGI_DAY_UNKNOWN)
		count_day(ci, a->day);
	evict(ci);
	if (ci->n - ci->lo >= ci->cap || !ci->n_heads) {
		ng_status st = ci->n - ci->lo >= ci->cap ? grow_ring(ci) : size_heads(ci);
		if (st)
			return st;
	}
	/* which family entry this article is: none when an earlier held one
	 * has its words, unless it was published before that one */
	if (ci->days_only) {
		ci->window_day[slot_of(ci, seq)] = window_day_of(a, today);
		ci->n++;
		return NG_OK;
	}
	int exact_original = update_roots(ci, a, seq, edges, n_edges);
	int family_entry = a->content_hash &&
			   (exact_original || exact_find(ci, a) == UINT32_MAX);
	size_t slot = slot_of(ci, seq);
	ngi_minhash_bits *sig = ci->sigs + slot * NGI_MINHASH_K;
	if (a->minhash)
		ngi_minhash_pack(a->minhash, sig);
	else
		memset(sig, 0xff, NGI_MINHASH_K * sizeof *sig);
	ci->content[slot] = a->content_hash;
	ci->days[slot] = a->day;
	ci->times[slot] = a->time;
	ci->outlets[slot] = a->outlet;
	memcpy(ci->credits + slot * NGI_LINK_CREDITS, a->credits,
	       sizeof a->credits);
	ci->window_day[slot] = window_day_of(a, today);
	int in_bands = a->minhash && (family_entry || !a->content_hash);
	ci->flags[slot] = (uint8_t)((a->minhash ? NGI_HELD_SIG : 0) |
				    (family_entry ? NGI_HELD_EXACT : 0) |
				    (in_bands ? NGI_HELD_BANDS : 0));
	chain_in(ci, seq, slot);
	ci->n++;
	if (a->content_hash && !family_entry)
		return NG_OK; /* exact copies stay out of the other indexes */
	if (a->n_anchors &&
	    ngi_anchor_index_add(&ci->anchors, a->anchors, a->n_anchors, seq))
		return NG_ERR_NOMEM;
	return NG_OK;
}

size_t ngi_copy_index_memory(const ngi_copy_index *ci)
{
	size_t slot = NGI_MINHASH_K * sizeof(ngi_minhash_bits) +
		      NGI_COPY_CHAINS * sizeof(uint32_t) + sizeof(uint64_t) +
		      2 * sizeof(int32_t) + sizeof(int64_t) +
		      (1 + NGI_LINK_CREDITS) * sizeof(uint32_t) + 1;
	return ci->cap * slot + ci->n_heads * NGI_COPY_CHAINS * sizeof(uint32_t) +
	       ci->cap_root * sizeof(uint32_t) + ngi_anchor_index_memory(&ci->anchors);
}
