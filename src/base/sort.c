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

/* Stable insertion sort of records by their leading key (width 4 or 8). */
static void insertion(unsigned char *a, size_t n, size_t size, int width,
		      unsigned char *tmp)
{
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

/* LSD radix sort of records by their leading key of width bytes (little
 * endian in memory on the platforms we build for: byte b of the key is
 * byte b of the record), skipping passes where every key has the same
 * byte. */
static ng_status radix(void *base, size_t n, size_t size, int width)
{
	unsigned char *a = base;
	if (n < 2)
		return NG_OK;
	unsigned char *tmp = malloc(n < SMALL ? size : n * size);
	if (!tmp)
		return NG_ERR_NOMEM;
	if (n < SMALL) {
		insertion(a, n, size, width, tmp);
		free(tmp);
		return NG_OK;
	}
	unsigned char *src = a, *dst = tmp;
	for (int b = 0; b < width; b++) {
		size_t count[256] = {0};
		for (size_t i = 0; i < n; i++) {
			uint64_t k = width == 8 ? key_at(src + i * size) : 0;
			if (width == 4) {
				uint32_t k32;
				memcpy(&k32, src + i * size, 4);
				k = k32;
			}
			count[(k >> (8 * b)) & 0xff]++;
		}
		int one = 0;
		for (int v = 0; v < 256; v++)
			if (count[v] == n)
				one = 1;
		if (one)
			continue; /* this byte is the same in every key */
		size_t at = 0;
		for (int v = 0; v < 256; v++) {
			size_t c = count[v];
			count[v] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++) {
			uint64_t k = width == 8 ? key_at(src + i * size) : 0;
			if (width == 4) {
				uint32_t k32;
				memcpy(&k32, src + i * size, 4);
				k = k32;
			}
			memcpy(dst + count[(k >> (8 * b)) & 0xff]++ * size, src + i * size,
			       size);
		}
		unsigned char *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * size);
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
