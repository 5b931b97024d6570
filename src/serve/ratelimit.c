/*
 * ratelimit.c: the per-client token buckets (guard.h), in a fixed table
 * under one lock: open addressing over a short probe window, the bucket
 * idle longest given up when the window is full.
 */
#include "guard.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

enum { PROBES = 8 };

int ngs_ratelimit_init(ngs_ratelimit *rl, double rate, double burst,
		       size_t n_slots)
{
	size_t n = 16;
	while (n < n_slots)
		n *= 2;
	memset(rl, 0, sizeof *rl);
	rl->rate = rate;
	rl->burst = burst < 1 ? 1 : burst;
	rl->n_slots = n;
	if (rate <= 0)
		return 0; /* no limit: no table */
	rl->slots = calloc(n, sizeof *rl->slots);
	if (!rl->slots)
		return -1;
	pthread_mutex_init(&rl->lock, NULL);
	return 0;
}

void ngs_ratelimit_free(ngs_ratelimit *rl)
{
	if (rl->slots) {
		pthread_mutex_destroy(&rl->lock);
		free(rl->slots);
	}
	rl->slots = NULL;
}

double ngs_ratelimit_take(ngs_ratelimit *rl, const void *key, size_t key_len,
			  double now)
{
	if (rl->rate <= 0 || !rl->slots)
		return 0;
	if (key_len > sizeof rl->slots[0].key)
		key_len = sizeof rl->slots[0].key;
	size_t home = (size_t)ngi_hash(key, key_len, 0x5e7e) & (rl->n_slots - 1);
	pthread_mutex_lock(&rl->lock);
	ngs_bucket *b = NULL, *oldest = NULL;
	for (size_t i = 0; i < PROBES && !b; i++) {
		ngs_bucket *s = &rl->slots[(home + i) & (rl->n_slots - 1)];
		if (s->used && s->key_len == key_len && !memcmp(s->key, key, key_len))
			b = s;
		else if (!oldest || !s->used || (oldest->used && s->last < oldest->last))
			oldest = oldest && !oldest->used ? oldest : s;
	}
	if (!b) {
		b = oldest;
		memcpy(b->key, key, key_len);
		b->key_len = (unsigned char)key_len;
		b->used = 1;
		b->tokens = rl->burst;
		b->last = now;
	}
	if (now > b->last) {
		b->tokens += (now - b->last) * rl->rate;
		if (b->tokens > rl->burst)
			b->tokens = rl->burst;
		b->last = now;
	}
	double wait = 0;
	if (b->tokens >= 1)
		b->tokens -= 1;
	else
		wait = (1 - b->tokens) / rl->rate;
	pthread_mutex_unlock(&rl->lock);
	return wait;
}
