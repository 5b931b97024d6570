/*
 * sized.h: reading the public structs that carry their size (the ABI rule at
 * the top of include/newsgraph.h, docs/ABI.md).
 *
 * A caller's struct may come from an older header (smaller) or a newer one
 * (larger) than the library's. Only the common prefix is ever read or
 * written; a size of 0 stands for the layout of NG_ABI_BASE_VERSION, so a
 * struct cleared with `= {0}` works. The *_BASE sizes below are that layout:
 * they end at the last field 0.2.0 had and never change.
 */
#ifndef NG_BASE_SIZED_H
#define NG_BASE_SIZED_H

#include <stddef.h>
#include <string.h>

#include "newsgraph.h"

#define NGI_CONFIG_BASE (offsetof(ng_config, read_only) + sizeof(int))
#define NGI_STATS_BASE (offsetof(ng_ingest_stats, split) + sizeof(long long))
#define NGI_RECORD_BASE (offsetof(ng_record, lang) + sizeof(const char *))
#define NGI_ANALYZE_OPTIONS_BASE                                               \
	(offsetof(ng_analyze_options, diag_ctx) + sizeof(void *))
/* ng_extract_options is new in 0.4.0: its base is its first layout. */
#define NGI_EXTRACT_OPTIONS_BASE                                               \
	(offsetof(ng_extract_options, diag_ctx) + sizeof(void *))
/* new in 0.4.0 (watch): their first layout is their base */
#define NGI_WATCH_OPTIONS_BASE                                                 \
	(offsetof(ng_watch_options, progress_ctx) + sizeof(void *))
#define NGI_WATCH_STATS_BASE                                                   \
	(offsetof(ng_watch_stats, requests) + sizeof(long long))

/* The bytes of a caller's struct of the given size that the library may
 * touch: 0 for a size that no release ever had (smaller than the base). */
static inline size_t ngi_sized_len(size_t caller_size, size_t base, size_t ours)
{
	if (caller_size == 0)
		caller_size = base;
	if (caller_size < base)
		return 0;
	return caller_size < ours ? caller_size : ours;
}

/* Copies the part of the caller's struct *src that both sides know into
 * *dst (the library's own, already holding defaults for the rest) and sets
 * dst's size to ours. Returns -1, copying nothing, for an impossible size. */
static inline int ngi_sized_in(void *dst, size_t ours, const void *src,
			       size_t base)
{
	size_t caller_size;
	memcpy(&caller_size, src, sizeof caller_size);
	size_t n = ngi_sized_len(caller_size, base, ours);
	if (n == 0)
		return -1;
	memcpy(dst, src, n);
	memcpy(dst, &ours, sizeof ours);
	return 0;
}

#endif
