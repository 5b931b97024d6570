/*
 * sort.c: radix sorts of hashes (sort.h).
 */
#include "sort.h"

#include <stdlib.h>
#include <string.h>

/* Below this many records, insertion sort beats eight counting passes. */
#define SMALL 48

static uint64_t key_at(const unsigned char *p)
{
	uint64_t k;
	memcpy(&k, p, sizeof k);
	return k;
}

/* Stable insertion sort of records by their leading key (width 4 or 8).
 * The shapes the analysis sorts (bare 32- and 64-bit keys, 16-byte
 * records keyed by their first 8 bytes) get loops on typed elements; the
 * rest copy through tmp (size bytes). */
typedef struct rec16 {
	uint64_t key;
	uint64_t rest;
} rec16;

static void insertion(unsigned char *a, size_t n, size_t size, int width,
		      unsigned char *tmp)
{
	if (size == 4 && width == 4) {
		uint32_t *v = (uint32_t *)(void *)a;
		for (size_t i = 1; i < n; i++) {
			uint32_t k = v[i];
			size_t j = i;
			for (; j > 0 && v[j - 1] > k; j--)
				v[j] = v[j - 1];
			v[j] = k;
		}
		return;
	}
	if (size == 8 && width == 8) {
		uint64_t *v = (uint64_t *)(void *)a;
		for (size_t i = 1; i < n; i++) {
			uint64_t k = v[i];
			size_t j = i;
			for (; j > 0 && v[j - 1] > k; j--)
				v[j] = v[j - 1];
			v[j] = k;
		}
		return;
	}
	if (size == sizeof(rec16) && width == 8) {
		rec16 *v = (rec16 *)(void *)a;
		for (size_t i = 1; i < n; i++) {
			rec16 k = v[i];
			size_t j = i;
			for (; j > 0 && v[j - 1].key > k.key; j--)
				v[j] = v[j - 1];
			v[j] = k;
		}
		return;
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t k;
		if (width == 8) {
			k = key_at(a + i * size);
		} else {
			uint32_t k32;
			memcpy(&k32, a + i * size, 4);
			k = k32;
		}
		size_t j = i;
		memcpy(tmp, a + i * size, size);
		while (j > 0) {
			uint64_t prev;
			if (width == 8) {
				prev = key_at(a + (j - 1) * size);
			} else {
				uint32_t p32;
				memcpy(&p32, a + (j - 1) * size, 4);
				prev = p32;
			}
			if (prev <= k)
				break;
			memcpy(a + j * size, a + (j - 1) * size, size);
			j--;
		}
		memcpy(a + j * size, tmp, size);
	}
}

/* The key of record i (width 4 or 8 bytes at its start). */
static inline uint64_t key_of(const unsigned char *p, int width)
{
	if (width == 8)
		return key_at(p);
	uint32_t k32;
	memcpy(&k32, p, 4);
	return k32;
}

/* One record from src to dst: the common sizes without a call. */
static inline void copy_rec(unsigned char *dst, const unsigned char *src,
			    size_t size)
{
	switch (size) {
	case 4:
		memcpy(dst, src, 4);
		break;
	case 8:
		memcpy(dst, src, 8);
		break;
	case 16:
		memcpy(dst, src, 16);
		break;
	default:
		memcpy(dst, src, size);
	}
}

/* Hashes spread evenly, so one scatter by the key's top bits into about
 * n buckets leaves buckets of a record or two, which one insertion pass
 * orders (a quarter of the radix sort's work on the arrays the analysis
 * sorts). Keys that crowd into one bucket (a bucket of more than
 * BUCKET_MAX, from crafted or constant keys) fall back to the radix sort,
 * so the time stays linear. Returns 1 when it sorted, 0 to fall back, -1
 * when out of memory. */
#define BUCKET_MAX 32
#define LOCAL_BUCKETS 1024

static int bucket_sort(unsigned char *a, size_t n, size_t size, int width,
		       unsigned char *tmp)
{
	int bits = 4;
	while (((size_t)1 << bits) < n && bits < 16)
		bits++;
	int shift = 8 * width - bits;
	size_t nb = (size_t)1 << bits;
	/* the counts of the arrays the analysis sorts fit on the stack */
	size_t local[LOCAL_BUCKETS + 1];
	size_t *count = local;
	if (nb <= LOCAL_BUCKETS)
		memset(local, 0, (nb + 1) * sizeof *local);
	else if (!(count = calloc(nb + 1, sizeof *count)))
		return -1;
	size_t most = 0;
	for (size_t i = 0; i < n; i++) {
		size_t c = ++count[key_of(a + i * size, width) >> shift];
		if (c > most)
			most = c;
	}
	if (most > BUCKET_MAX) {
		if (count != local)
			free(count);
		return 0;
	}
	size_t at = 0;
	for (size_t v = 0; v < nb; v++) {
		size_t m = count[v];
		count[v] = at;
		at += m;
	}
	count[nb] = n;
	for (size_t i = 0; i < n; i++)
		copy_rec(tmp + count[key_of(a + i * size, width) >> shift]++ * size,
			 a + i * size, size);
	/* the buckets are in order and hold a record or two each: one
	 * insertion pass over the whole array orders them, moving a record
	 * only within its bucket (no bucket is longer than BUCKET_MAX) */
	unsigned char one[64];
	insertion(tmp, n, size, width, size <= sizeof one ? one : a);
	memcpy(a, tmp, n * size);
	if (count != local)
		free(count);
	return 1;
}

/* LSD radix sort of records by their leading key of width bytes: one pass
 * counts every byte position, then one scatter pass per byte position
 * whose byte is not the same in every key. Stable. */
static ng_status radix(void *base, size_t n, size_t size, int width)
{
	unsigned char *a = base;
	if (n < 2)
		return NG_OK;
	if (n < SMALL) {
		unsigned char one[64];
		unsigned char *t = size <= sizeof one ? one : malloc(size);
		if (!t)
			return NG_ERR_NOMEM;
		insertion(a, n, size, width, t);
		if (t != one)
			free(t);
		return NG_OK;
	}
	unsigned char *tmp = malloc(n * size);
	if (!tmp)
		return NG_ERR_NOMEM;
	int bucketed = bucket_sort(a, n, size, width, tmp);
	if (bucketed) {
		free(tmp);
		return bucketed > 0 ? NG_OK : NG_ERR_NOMEM;
	}
	size_t (*count)[256] = calloc((size_t)width, sizeof *count);
	if (!count) {
		free(tmp);
		return NG_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t k = key_of(a + i * size, width);
		for (int b = 0; b < width; b++)
			count[b][(k >> (8 * b)) & 0xff]++;
	}
	unsigned char *src = a, *dst = tmp;
	for (int b = 0; b < width; b++) {
		size_t *c = count[b];
		if (c[key_of(src, width) >> (8 * b) & 0xff] == n)
			continue; /* this byte is the same in every key */
		size_t at = 0;
		for (int v = 0; v < 256; v++) {
			size_t m = c[v];
			c[v] = at;
			at += m;
		}
		if (size == 8) {
			const uint64_t *s64 = (const uint64_t *)(void *)src;
			uint64_t *d64 = (uint64_t *)(void *)dst;
			for (size_t i = 0; i < n; i++)
				d64[c[(s64[i] >> (8 * b)) & 0xff]++] = s64[i];
		} else if (size == 4) {
			const uint32_t *s32 = (const uint32_t *)(void *)src;
			uint32_t *d32 = (uint32_t *)(void *)dst;
			for (size_t i = 0; i < n; i++)
				d32[c[(s32[i] >> (8 * b)) & 0xff]++] = s32[i];
		} else {
			for (size_t i = 0; i < n; i++) {
				uint64_t k = key_of(src + i * size, width);
				memcpy(dst + c[(k >> (8 * b)) & 0xff]++ * size,
				       src + i * size, size);
			}
		}
		unsigned char *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * size);
	free(count);
	free(tmp);
	return NG_OK;
}

ng_status ngi_sort_u64(uint64_t *a, size_t n)
{
	return radix(a, n, sizeof *a, 8);
}

ng_status ngi_sort_u32(uint32_t *a, size_t n)
{
	return radix(a, n, sizeof *a, 4);
}

ng_status ngi_sort_by_key64(void *base, size_t n, size_t size)
{
	return radix(base, n, size, 8);
}
