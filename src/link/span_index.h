/*
 * span_index.h: groups of passages that say the same thing, across articles
 * and languages: one quote carried by many articles (a quote group), one
 * claim reported again and again (a claim). Part of the stateful link
 * stage: passages are offered in input order and each joins the best
 * matching recent group or starts one, so the same input gives the same
 * groups.
 *
 * A passage is its signature: its language-neutral terms
 * (src/sketch/span_terms.h), the hash of its words as written, the key of
 * who said or claimed it, and its day. A group is represented by its first
 * passage. A passage joins a group when its words are the same, or when the
 * Dice overlap of their terms reaches rule.dice, or rule.dice_same_key when
 * both have the same (nonzero) key, sharing at least rule.min_shared terms.
 * Across languages the overlap is shared terms over the smaller of the two
 * term counts instead of Dice: a dictionary gives a word up to two English
 * stems and knows only some of a sentence's words, so Dice would fall with
 * the translation's noise rather than with the meaning;
 * among those, the best overlap wins, then the older group. A group may
 * have several representatives (one claim restated in other words), each
 * matched on its own. Representatives whose group's last member is more
 * than rule.window_days from the passage are not matched; the
 * rule.capacity most recent representatives are kept (bounded memory).
 */
#ifndef NG_SPAN_INDEX_H
#define NG_SPAN_INDEX_H

#include "../base/base.h"

typedef struct ngi_span_rule {
	double dice;           /* enough on its own */
	double dice_same_key;  /* enough when both have the same key */
	uint32_t min_shared;   /* terms shared, at least */
	int32_t window_days;   /* 0: no limit */
	uint32_t capacity;     /* groups kept */
} ngi_span_rule;

typedef struct ngi_span_sig {
	const uint32_t *terms; /* sorted, unique */
	uint32_t n;
	uint64_t words;        /* ngi_span_words_hash, 0 none */
	uint64_t key;          /* of the speaker or claimant, 0 none */
	int32_t day;           /* NGI_DAY_UNKNOWN (link.h) when unknown */
	uint16_t lang;         /* ngi_link_lang of the article, 0 unknown */
} ngi_span_sig;

typedef struct ngi_span_index ngi_span_index;

ng_status ngi_span_index_new(const ngi_span_rule *r, ngi_span_index **out);
void ngi_span_index_free(ngi_span_index *x);

/* The group s matches best, or 0. */
uint64_t ngi_span_index_match(const ngi_span_index *x, const ngi_span_sig *s);
/* Adds s as a representative of group id (> 0; a new group, or one more
 * wording of an existing one), dropping the oldest representative when
 * full. */
ng_status ngi_span_index_add(ngi_span_index *x, uint64_t id,
			     const ngi_span_sig *s);
/* A passage of day joined group id: its window counts from the latest. */
void ngi_span_index_touch(ngi_span_index *x, uint64_t id, int32_t day);
/* The terms of group id's latest representative as indexed (the first
 * ones), or 0 when the group has left the index. */
uint32_t ngi_span_index_terms(const ngi_span_index *x, uint64_t id,
			      const uint32_t **terms);
/* Bytes held. */
size_t ngi_span_index_memory(const ngi_span_index *x);

/* 64-bit hash of a key string (speaker or claimant key), 0 for NULL/"". */
uint64_t ngi_span_key_hash(const char *key);

#endif
