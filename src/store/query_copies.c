/*
 * query_copies.c: copy edges (per story, per article) and the evidence
 * behind one edge, with the passages quoted from both bodies. Columns as
 * include/newsgraph.h documents them (ng_story_copies_open,
 * ng_evidence_open).
 */
#include "query_int.h"

#define EDGE_QUERY                                                             \
	"SELECT k.id AS copy, o.id AS original, c.kind AS kind,"               \
	" c.score AS score, c.why AS why, c.copy AS copy_ingested,"            \
	" c.original AS original_ingested, k.day AS copy_day,"                 \
	" o.day AS original_day FROM copies c"                                 \
	" JOIN articles k ON k.seq = c.copy"                                   \
	" JOIN articles o ON o.seq = c.original"

ng_status ngi_query_story_copies(ngi_store *s, ngi_err err, long long story,
				 ng_cursor **out)
{
	/* the edges at the story's articles through the two indexes of
	 * copies (a filter on both ends' stories scanned every edge) */
	return ngi_cursor_open_int64(s, err,
				     "WITH mine(seq) AS (SELECT seq FROM articles"
				     "  WHERE story = ?1),"
				     " e(copy, original) AS (SELECT copy, original FROM copies"
				     "  WHERE copy IN mine UNION SELECT copy, original"
				     "  FROM copies WHERE original IN mine) "
				     EDGE_QUERY
				     " JOIN e ON e.copy = c.copy AND e.original = c.original"
				     " ORDER BY c.copy, c.original",
				     story, out);
}

ng_status ngi_query_article_copies(ngi_store *s, ngi_err err, long long seq,
				   ng_cursor **out)
{
	return ngi_cursor_open_int64(s, err,
				     EDGE_QUERY
				     " WHERE c.copy = ?1 OR c.original = ?1"
				     " ORDER BY c.copy, c.original",
				     seq, out);
}

ng_status ngi_query_article_copies_scored(ngi_store *s, ngi_err err,
					  long long seq, ng_cursor **out)
{
	/* both directions: edges where the article is the copy or the original */
	return ngi_cursor_open_int64(
		s, err,
		"SELECT o.id AS other, c.kind AS kind, c.score AS score,"
		" 1 AS other_is_original FROM copies c"
		" JOIN articles o ON o.seq = c.original WHERE c.copy = ?1"
		" UNION ALL "
		"SELECT o.id, c.kind, c.score, 0 FROM copies c"
		" JOIN articles o ON o.seq = c.copy WHERE c.original = ?1"
		" ORDER BY 3 DESC, 1",
		seq, out);
}

/* The passages as bytes of the bodies (offsets are bytes), given back as
 * text: the bytes as stored. */
#define PASSAGE(side)                                                          \
	"(SELECT CAST(substr(CAST(body AS BLOB), ev." side "_start + 1,"       \
	" ev." side "_end - ev." side "_start) AS TEXT) FROM articles"         \
	" WHERE seq = ev." side ") AS " side "_text"

ng_status ngi_query_evidence(ngi_store *s, ngi_err err, long long copy_seq,
			     long long original_seq, ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(
		s, err,
		"SELECT ev.kind AS kind, ev.copy_start AS copy_start,"
		" ev.copy_end AS copy_end,"
		" ev.original_start AS original_start,"
		" ev.original_end AS original_end, ev.score AS score, " PASSAGE(
			"copy") ", " PASSAGE("original") " FROM evidence ev WHERE ev.copy = ?1"
							 " AND ev.original = ?2 ORDER BY ev.rowid",
		&c);
	if (st)
		return st;
	ngi_cursor_bind_int64(c, 1, copy_seq);
	ngi_cursor_bind_int64(c, 2, original_seq);
	return ngi_cursor_bound(c, out);
}
