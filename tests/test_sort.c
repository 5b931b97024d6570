/*
 * test_sort.c: the sorts of src/base/sort.h against qsort on random,
 * sorted, reversed, constant and crowded arrays of every length up to a few
 * thousand (both sides of the insertion-sort cut, the bucket pass and its
 * radix fallback), and their stability.
 */
#include <stdlib.h>

#include "check.h"
#include "base/sort.h"

static int cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static int cmp32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

typedef struct rec {
	uint64_t key;
	uint32_t order;
} rec;

typedef struct rec24 {
	uint64_t key;
	uint32_t order;
	uint64_t tail;
} rec24;

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int main(void)
{
	size_t sizes[] = {0, 1, 2, 3, 47, 48, 49, 100, 1000, 5000};
	for (size_t si = 0; si < NGI_ARRAY_LEN(sizes); si++) {
		size_t n = sizes[si];
		for (int shape = 0; shape < 5; shape++) {
			uint64_t *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
			uint32_t *c = malloc((n + 1) * sizeof *c), *d = malloc((n + 1) * sizeof *d);
			for (size_t i = 0; i < n; i++) {
				/* random (the bucket pass), sorted, reversed in the
				 * top bits, constant, and crowded: one top-bits
				 * bucket with different low bits (the radix
				 * fallback) */
				uint64_t v = shape == 0 ? next() : shape == 1 ? i * 977
					   : shape == 2 ? (n - i) << 40 : shape == 3 ? 42
					   : (7ULL << 60) | (next() >> 20);
				a[i] = b[i] = v;
				c[i] = d[i] = (uint32_t)(v ^ (v >> 32));
			}
			CHECK(ngi_sort_u64(a, n) == NG_OK);
			qsort(b, n, sizeof *b, cmp64);
			CHECK_MSG(n == 0 || memcmp(a, b, n * sizeof *a) == 0, "u64 n %zu shape %d", n, shape);
			CHECK(ngi_sort_u32(c, n) == NG_OK);
			qsort(d, n, sizeof *d, cmp32);
			CHECK_MSG(n == 0 || memcmp(c, d, n * sizeof *c) == 0, "u32 n %zu shape %d", n, shape);
			free(a);
			free(b);
			free(c);
			free(d);
		}
		/* stable: few distinct keys, records keep their order */
		rec *r = malloc((n + 1) * sizeof *r);
		for (size_t i = 0; i < n; i++)
			r[i] = (rec){(next() % 5) << 33, (uint32_t)i};
		CHECK(ngi_sort_by_key64(r, n, sizeof *r) == NG_OK);
		int ok = 1;
		for (size_t i = 1; i < n; i++)
			ok &= r[i - 1].key < r[i].key ||
			      (r[i - 1].key == r[i].key && r[i - 1].order < r[i].order);
		CHECK_MSG(ok, "stable n %zu", n);
		/* stable through the bucket pass too: keys spread over the
		 * top bits, each about twice */
		for (size_t i = 0; i < n; i++)
			r[i] = (rec){(next() % (n / 2 + 1)) * 0x9e3779b97f4a7c15ULL,
				     (uint32_t)i};
		CHECK(ngi_sort_by_key64(r, n, sizeof *r) == NG_OK);
		ok = 1;
		for (size_t i = 1; i < n; i++)
			ok &= r[i - 1].key < r[i].key ||
			      (r[i - 1].key == r[i].key && r[i - 1].order < r[i].order);
		CHECK_MSG(ok, "stable spread n %zu", n);
		free(r);
		/* a record size without a loop of its own (24 bytes) */
		rec24 *w = malloc((n + 1) * sizeof *w);
		for (size_t i = 0; i < n; i++)
			w[i] = (rec24){(next() % (n / 2 + 1)) * 0x9e3779b97f4a7c15ULL,
				       (uint32_t)i, ~(uint64_t)i};
		CHECK(ngi_sort_by_key64(w, n, sizeof *w) == NG_OK);
		ok = 1;
		for (size_t i = 0; i < n; i++)
			ok &= w[i].tail == ~(uint64_t)w[i].order &&
			      (i == 0 || w[i - 1].key < w[i].key ||
			       (w[i - 1].key == w[i].key &&
				w[i - 1].order < w[i].order));
		CHECK_MSG(ok, "stable 24-byte n %zu", n);
		free(w);
	}
	return check_report("sort");
}
