/*
 * pending_api.c: PLACEHOLDER for the 0.5 calls being written (full-text
 * search, ingest from memory). Deleted when they land.
 */
#include "engine.h"

ng_status ng_search_open(ng_engine *e, const char *query, long long limit,
			 long long offset, ng_cursor **out)
{
	return NG_ERR_USAGE;
}

ng_status ng_ingest_bytes(ng_engine *e, const char *name, const void *bytes,
			  size_t len, ng_ingest_stats *stats)
{
	return NG_ERR_USAGE;
}
