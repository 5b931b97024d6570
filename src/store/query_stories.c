/*
 * query_stories.c: the story queries: the filtered listing, one story, its
 * articles, the stories related to it, and the stories that hold copies.
 * Columns as include/newsgraph.h documents them (ng_stories_open and the
 * openers after it).
 */
#include "query_int.h"

#include <stdio.h>
#include <stdlib.h>

#define STORY_COLUMNS                                                          \
	"s.id AS story, s.size AS size, s.languages AS languages,"             \
	" s.first_seen AS first_seen, s.last_seen AS last_seen, s.title AS title"

/* Each filter field is ignored when its parameter is NULL (or 0). Dates are
 * compared on the bound's length, so "2024-11" bounds a month and a
 * date-time first_seen compares with a date as that date. */
static const char stories_sql[] =
	"SELECT " STORY_COLUMNS " FROM stories s"
	" WHERE (?1 IS NULL OR instr(',' || s.languages || ',', ',' || ?1 || ',') > 0)"
	" AND (?2 IS NULL OR substr(s.last_seen, 1, length(?2)) >= ?2)"
	" AND (?3 IS NULL OR substr(s.first_seen, 1, length(?3)) <= ?3)"
	" AND s.size >= ?4"
	" AND (?5 IS NULL OR s.title LIKE ?5 ESCAPE '\\' OR EXISTS (SELECT 1"
	"  FROM articles a WHERE a.story = s.id AND (a.title LIKE ?5 ESCAPE '\\'"
	"  OR a.body LIKE ?5 ESCAPE '\\')))"
	" AND (?8 IS NULL OR s.id IN (SELECT a.story FROM articles_fts"
	"  JOIN articles a ON a.seq = articles_fts.rowid"
	"  WHERE articles_fts MATCH ?8))"
	" ORDER BY s.size DESC, s.id LIMIT ?6 OFFSET ?7";

ng_status ngi_query_stories(ngi_store *s, ngi_err err, const ng_story_filter *f,
			    ng_cursor **out)
{
	ng_status st;
	char *like = ngi_like_pattern(f->text, &st);
	if (st)
		return st;
	/* a match with no words left matches nothing: LIMIT 0 */
	char *match = ngi_fts_query(f->match, &st);
	if (st) {
		free(like);
		return st;
	}
	int nothing = f->match && !match;
	ng_cursor *c;
	st = ngi_cursor_new(s, err, stories_sql, &c);
	if (!st) {
		ngi_cursor_bind_text(c, 1, f->lang);
		ngi_cursor_bind_text(c, 2, f->from);
		ngi_cursor_bind_text(c, 3, f->to);
		ngi_cursor_bind_int64(c, 4, f->min_size);
		ngi_cursor_bind_text(c, 5, like);
		ngi_cursor_bind_int64(c, 6, nothing ? 0 : f->limit > 0 ? f->limit : -1);
		ngi_cursor_bind_int64(c, 7, f->offset > 0 ? f->offset : 0);
		ngi_cursor_bind_text(c, 8, match);
		st = ngi_cursor_bound(c, out);
	}
	free(like);
	free(match);
	return st;
}

ng_status ngi_query_story(ngi_store *s, ngi_err err, long long story,
			  ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err,
				      "SELECT " STORY_COLUMNS " FROM stories s WHERE s.id = ?1",
				      &c);
	if (st)
		return st;
	ngi_cursor_bind_int64(c, 1, story);
	st = ngi_cursor_prefetch(c);
	if (st == NG_ERR_NOTFOUND)
		snprintf(err.msg, err.size, "no story %lld", story);
	if (!st)
		*out = c;
	return st;
}

ng_status ngi_query_story_articles(ngi_store *s, ngi_err err, long long story,
				   ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err,
				      "SELECT " NGI_ARTICLE_COLUMNS " FROM articles a"
				      " WHERE a.story = ?1"
				      " ORDER BY coalesce(a.day, 2147483647), a.seq",
				      &c);
	if (st)
		return st;
	ngi_cursor_bind_int64(c, 1, story);
	return ngi_cursor_bound(c, out);
}

/* Related: the stories at the other end of a copy edge from one of the
 * story's articles, the stories that report or answer a claim the story
 * reports or answers or carry one of its quote groups (one thread), and the
 * stories with articles that mention at least two of the entities the
 * story's articles mention (a scan of mentions). */
static const char related_sql[] =
	"WITH mine(seq) AS (SELECT seq FROM articles WHERE story = ?1),"
	" ents(type, key) AS (SELECT DISTINCT m.type, m.key FROM mentions m"
	"  WHERE m.article IN (SELECT seq FROM mine)),"
	" edges(story) AS (SELECT a.story FROM copies c JOIN articles a"
	"  ON a.seq = c.original WHERE c.copy IN (SELECT seq FROM mine)"
	"  UNION ALL SELECT a.story FROM copies c JOIN articles a"
	"  ON a.seq = c.copy WHERE c.original IN (SELECT seq FROM mine)),"
	" cp(story, n) AS (SELECT story, count(*) FROM edges WHERE story <> ?1"
	"  GROUP BY story),"
	" en(story, n) AS (SELECT a.story, count(DISTINCT m.type || ' ' || m.key)"
	"  FROM mentions m JOIN ents e ON e.type = m.type AND e.key = m.key"
	"  JOIN articles a ON a.seq = m.article WHERE a.story <> ?1"
	"  GROUP BY a.story),"
	NGI_SHARED_SAID_CTE
	" SELECT s.id AS story, s.size AS size, s.title AS title,"
	"  coalesce(cp.n, 0) AS copies, coalesce(en.n, 0) AS entities,"
	"  coalesce(oc.n, 0) AS claims, coalesce(oq.n, 0) AS quote_groups"
	" FROM stories s LEFT JOIN cp ON cp.story = s.id"
	" LEFT JOIN en ON en.story = s.id LEFT JOIN oc ON oc.story = s.id"
	" LEFT JOIN oq ON oq.story = s.id"
	" WHERE cp.n > 0 OR en.n >= 2 OR oc.n > 0 OR oq.n > 0"
	" ORDER BY claims + quote_groups DESC, copies DESC, entities DESC, s.id";

ng_status ngi_query_related_stories(ngi_store *s, ngi_err err, long long story,
				    ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err, related_sql, &c);
	if (st)
		return st;
	ngi_cursor_bind_int64(c, 1, story);
	return ngi_cursor_bound(c, out);
}

ng_status ngi_query_copy_stories(ngi_store *s, ngi_err err, long long story,
				 ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err,
				      "SELECT DISTINCT a.story AS story FROM copies c"
				      " JOIN articles a ON a.seq = c.original"
				      " WHERE ?1 = 0 OR a.story = ?1 ORDER BY a.story",
				      &c);
	if (st)
		return st;
	ngi_cursor_bind_int64(c, 1, story);
	return ngi_cursor_bound(c, out);
}
