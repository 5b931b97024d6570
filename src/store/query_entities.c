/*
 * query_entities.c: the entity queries: canonical entities (filtered by
 * type, name or variant, mentions), their variants, one entity's mentions.
 * One entity's variants and mentions are read through the mentions_entity
 * index (schema 6, docs/STORE.md); every entity's variants are one scan of
 * the mentions table, and the name filter reads the matching mentions once
 * into a set. Columns as include/newsgraph.h documents them.
 */
#include "query_int.h"

#include <stdlib.h>

static const char entities_sql[] =
	"SELECT e.type AS type, e.key AS key, e.name AS name,"
	" e.mentions AS mentions, e.articles AS articles FROM entities e"
	" WHERE (?1 IS NULL OR e.type = ?1) AND e.mentions >= ?2"
	" AND (?3 IS NULL OR e.name LIKE ?3 ESCAPE '\\' OR (e.type, e.key) IN"
	"  (SELECT type, key FROM mentions WHERE surface LIKE ?3 ESCAPE '\\'"
	"   OR name LIKE ?3 ESCAPE '\\'))"
	" ORDER BY e.mentions DESC, e.articles DESC, e.name, e.type, e.key"
	" LIMIT ?4 OFFSET ?5";

ng_status ngi_query_entities(ngi_store *s, ngi_err err,
			     const ng_entity_filter *f, ng_cursor **out)
{
	ng_status st;
	char *like = ngi_like_pattern(f->name, &st);
	if (st)
		return st;
	ng_cursor *c;
	st = ngi_cursor_new(s, err, entities_sql, &c);
	if (!st) {
		ngi_cursor_bind_text(c, 1, f->type);
		ngi_cursor_bind_int64(c, 2, f->min_mentions);
		ngi_cursor_bind_text(c, 3, like);
		ngi_cursor_bind_int64(c, 4, f->limit > 0 ? f->limit : -1);
		ngi_cursor_bind_int64(c, 5, f->offset > 0 ? f->offset : 0);
		st = ngi_cursor_bound(c, out);
	}
	free(like);
	return st;
}

ng_status ngi_query_entity_variants(ngi_store *s, ngi_err err,
				    const char *type, const char *key,
				    ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err,
				      "SELECT type, key, surface AS text, name, count(*) AS count"
				      " FROM mentions WHERE (?1 IS NULL OR type = ?1)"
				      " AND (?2 IS NULL OR key = ?2)"
				      " GROUP BY type, key, surface, name"
				      " ORDER BY type, key, surface, name",
				      &c);
	if (st)
		return st;
	ngi_cursor_bind_text(c, 1, type);
	ngi_cursor_bind_text(c, 2, key);
	return ngi_cursor_bound(c, out);
}

ng_status ngi_query_entity_mentions(ngi_store *s, ngi_err err,
				    const char *type, const char *key,
				    ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err,
				      "SELECT a.id AS article, m.start AS start, m.end AS end,"
				      " m.byte_start AS byte_start, m.byte_end AS byte_end,"
				      " m.surface AS text, m.name AS name FROM mentions m"
				      " JOIN articles a ON a.seq = m.article"
				      " WHERE m.type = ?1 AND m.key = ?2"
				      " ORDER BY m.article, m.start",
				      &c);
	if (st)
		return st;
	ngi_cursor_bind_text(c, 1, type);
	ngi_cursor_bind_text(c, 2, key);
	return ngi_cursor_bound(c, out);
}
