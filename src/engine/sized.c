/*
 * sized.c: the public entry points whose structs carry their size, and the
 * library's version at run time (include/newsgraph.h, "ABI"; docs/ABI.md).
 *
 * The ingest functions work on the library's own full-size ng_ingest_stats
 * (ngi_ingest_* in ingest.c); these wrappers copy the caller's record in and
 * add the counts out into only the fields the caller's struct has, so a
 * program built against an older header never sees a write past its struct.
 */
#include "engine.h"

#include <string.h>

#include "../base/sized.h"

const char *ng_libversion(void)
{
	return NG_VERSION;
}

int ng_libversion_number(void)
{
	return NG_VERSION_NUMBER;
}

void ng_config_init_sized(ng_config *c, size_t size)
{
	if (!c || size < sizeof c->size)
		return;
	/* every default is 0 (see the header); a newer caller's fields that
	 * this library does not know get 0 too, their default */
	ng_config defaults;
	memset(&defaults, 0, sizeof defaults);
	defaults.size = size;
	memcpy(c, &defaults, size < sizeof defaults ? size : sizeof defaults);
	if (size > sizeof defaults)
		memset((char *)c + sizeof defaults, 0, size - sizeof defaults);
}

/* Adds the counts of one call into the caller's stats, field by field, for
 * the fields its size covers. Every count is a long long after size. */
static void stats_add(ng_ingest_stats *to, const ng_ingest_stats *from)
{
	if (!to)
		return;
	size_t n = ngi_sized_len(to->size, NGI_STATS_BASE, sizeof *to);
	for (size_t off = offsetof(ng_ingest_stats, files);
	     off + sizeof(long long) <= n; off += sizeof(long long)) {
		long long a, b;
		memcpy(&a, (char *)to + off, sizeof a);
		memcpy(&b, (const char *)from + off, sizeof b);
		a += b;
		memcpy((char *)to + off, &a, sizeof a);
	}
}

ng_status ng_ingest_record(ng_engine *e, const ng_record *r, const char *source,
			   ng_ingest_stats *stats)
{
	ng_record rec;
	memset(&rec, 0, sizeof rec);
	if (!r || ngi_sized_in(&rec, sizeof rec, r, NGI_RECORD_BASE))
		return NG_ERR_USAGE;
	ng_ingest_stats counts = NG_INGEST_STATS_INIT;
	ng_status st = ngi_ingest_record(e, &rec, source, &counts);
	stats_add(stats, &counts);
	return st;
}

ng_status ng_ingest_path(ng_engine *e, const char *path, ng_ingest_stats *stats)
{
	ng_ingest_stats counts = NG_INGEST_STATS_INIT;
	ng_status st = ngi_ingest_path(e, path, &counts);
	stats_add(stats, &counts);
	return st;
}

ng_status ng_ingest_bytes(ng_engine *e, const char *name, const void *bytes,
			  size_t len, ng_ingest_stats *stats)
{
	ng_ingest_stats counts = NG_INGEST_STATS_INIT;
	ng_status st = ngi_ingest_bytes(e, name, bytes, len, &counts);
	stats_add(stats, &counts);
	return st;
}

ng_status ng_ingest_flush(ng_engine *e, ng_ingest_stats *stats)
{
	ng_ingest_stats counts = NG_INGEST_STATS_INIT;
	ng_status st = ngi_ingest_flush(e, &counts);
	stats_add(stats, &counts);
	return st;
}
