/*
 * sort.h: sorting hashes in linear time. The analysis sorts many arrays of
 * 64- and 32-bit hashes per document (terms, bigrams, buckets); qsort's
 * comparisons through a function pointer cost more than the rest of the
 * work. These are LSD radix sorts (a byte a pass), stable, so records with
 * equal keys keep their order; short arrays use insertion sort.
 */
#ifndef NG_SORT_H
#define NG_SORT_H

#include "base.h"

/* Sorts a[0..n) ascending. NG_ERR_NOMEM when the scratch buffer cannot be
 * had (a is then unchanged). */
ng_status ngi_sort_u64(uint64_t *a, size_t n);
ng_status ngi_sort_u32(uint32_t *a, size_t n);
/* Sorts n records of size bytes whose first 8 bytes are a uint64_t key,
 * ascending by key, stably. */
ng_status ngi_sort_by_key64(void *base, size_t n, size_t size);

#endif
