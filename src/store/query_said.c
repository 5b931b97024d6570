/*
 * query_said.c: the who-said-what queries: quotes and quote groups, claims
 * with their reports, responses, stances and stories, and a story's
 * timeline. Columns as include/newsgraph.h documents them. A story filter
 * reads the story's articles through articles_story; the rest go through
 * the claim and group indexes of the tables (store.c).
 */
#include "query_int.h"

#include <stdlib.h>

#define QUOTE_COLUMNS                                                          \
	"SELECT a.id AS article, a.story AS story, q.start AS start,"          \
	" q.end AS end, q.byte_start AS byte_start, q.byte_end AS byte_end,"   \
	" q.direct AS direct, q.text AS text, q.speaker AS speaker,"           \
	" q.as_written AS as_written, q.speaker_key AS speaker_key,"           \
	" q.quote_group AS quote_group, q.date AS date,"                       \
	" q.date_source AS date_source, a.lang AS lang, q.cue AS cue"          \
	" FROM quotes q JOIN articles a ON a.seq = q.article"

/* ?1 story (0 any), ?2 speaker LIKE pattern, ?3 group (0 any), ?4 limit,
 * ?5 offset */
static const char quotes_sql[] = QUOTE_COLUMNS
	" WHERE (?1 = 0 OR q.article IN (SELECT seq FROM articles WHERE story = ?1))"
	" AND (?2 IS NULL OR q.speaker LIKE ?2 ESCAPE '\\'"
	"  OR q.as_written LIKE ?2 ESCAPE '\\')"
	" AND (?3 = 0 OR q.quote_group = ?3)"
	" ORDER BY q.article, q.idx LIMIT ?4 OFFSET ?5";

static const char groups_sql[] =
	"WITH sel(g) AS (SELECT DISTINCT q.quote_group FROM quotes q"
	"  WHERE q.quote_group IS NOT NULL"
	"  AND (?1 = 0 OR q.article IN (SELECT seq FROM articles WHERE story = ?1))"
	"  AND (?2 IS NULL OR q.speaker LIKE ?2 ESCAPE '\\'"
	"   OR q.as_written LIKE ?2 ESCAPE '\\')"
	"  AND (?3 = 0 OR q.quote_group = ?3))"
	" SELECT g.id AS quote_group, g.text AS text,"
	" coalesce(g.speaker, (SELECT q.speaker FROM quotes q WHERE"
	"  q.quote_group = g.id AND q.speaker IS NOT NULL"
	"  ORDER BY q.article, q.idx LIMIT 1)) AS speaker,"
	" coalesce(g.speaker_key, (SELECT q.speaker_key FROM quotes q WHERE"
	"  q.quote_group = g.id AND q.speaker_key IS NOT NULL"
	"  ORDER BY q.article, q.idx LIMIT 1)) AS speaker_key,"
	" fa.id AS first_article, fa.published AS first_published,"
	" (SELECT count(DISTINCT q.article) FROM quotes q"
	"  WHERE q.quote_group = g.id) AS articles,"
	" (SELECT group_concat(lang, ',') FROM (SELECT DISTINCT a.lang AS lang"
	"  FROM quotes q JOIN articles a ON a.seq = q.article"
	"  WHERE q.quote_group = g.id ORDER BY 1)) AS languages,"
	" (SELECT count(DISTINCT a.story) FROM quotes q JOIN articles a"
	"  ON a.seq = q.article WHERE q.quote_group = g.id) AS stories"
	" FROM sel JOIN quote_groups g ON g.id = sel.g"
	" JOIN articles fa ON fa.seq = g.first_article"
	" ORDER BY articles DESC, g.id LIMIT ?4 OFFSET ?5";

static ng_status open_filtered(ngi_store *s, ngi_err err, const char *sql,
			       const ng_said_filter *f, ng_cursor **out)
{
	ng_status st;
	char *like = ngi_like_pattern(f->speaker, &st);
	if (st)
		return st;
	ng_cursor *c;
	st = ngi_cursor_new(s, err, sql, &c);
	if (!st) {
		ngi_cursor_bind_int64(c, 1, f->story);
		ngi_cursor_bind_text(c, 2, like);
		ngi_cursor_bind_int64(c, 3, f->group);
		ngi_cursor_bind_int64(c, 4, f->limit > 0 ? f->limit : -1);
		ngi_cursor_bind_int64(c, 5, f->offset > 0 ? f->offset : 0);
		st = ngi_cursor_bound(c, out);
	}
	free(like);
	return st;
}

ng_status ngi_query_quotes(ngi_store *s, ngi_err err, const ng_said_filter *f,
			   ng_cursor **out)
{
	return open_filtered(s, err, quotes_sql, f, out);
}

ng_status ngi_query_quote_groups(ngi_store *s, ngi_err err,
				 const ng_said_filter *f, ng_cursor **out)
{
	return open_filtered(s, err, groups_sql, f, out);
}

ng_status ngi_query_article_quotes(ngi_store *s, ngi_err err, long long seq,
				   ng_cursor **out)
{
	return ngi_cursor_open_int64(s, err,
				     QUOTE_COLUMNS
				     " WHERE q.article = ?1 ORDER BY q.idx",
				     seq, out);
}

/* The claims one article reports and its responses, in text order (export).
 * Columns: 0 claim, 1 start, 2 end, 3 text, 4 kind, 5 claimant (canonical),
 * 6 claimant_key, 7 as_written, 8 cue, 9 date, 10 date_source; and
 * 0 claim, 1 start, 2 end, 3 evidence, 4 stance, 5 responder,
 * 6 responder_key, 7 as_written, 8 cue, 9 date, 10 date_source. */
ng_status ngi_query_article_claims(ngi_store *s, ngi_err err, long long seq,
				   ng_cursor **out)
{
	return ngi_cursor_open_int64(
		s, err,
		"SELECT claim, start, end, text, kind, claimant, claimant_key,"
		" as_written, cue, date, date_source FROM claim_reports"
		" WHERE article = ?1 ORDER BY idx",
		seq, out);
}

ng_status ngi_query_article_responses(ngi_store *s, ngi_err err, long long seq,
				      ng_cursor **out)
{
	return ngi_cursor_open_int64(
		s, err,
		"SELECT claim, start, end, evidence, stance, responder,"
		" responder_key, as_written, cue, date, date_source"
		" FROM responses WHERE article = ?1 ORDER BY idx",
		seq, out);
}

/* One article's stances, by claim. Columns: 0 claim, 1 stance, 2 score. */
ng_status ngi_query_article_stances(ngi_store *s, ngi_err err, long long seq,
				    ng_cursor **out)
{
	return ngi_cursor_open_int64(
		s, err,
		"SELECT claim, stance, score FROM stances WHERE article = ?1"
		" ORDER BY claim",
		seq, out);
}

/* ?1 story (0 any), ?2 claimant LIKE pattern, ?3 unused, ?4 limit,
 * ?5 offset. The claimant shown: the first named entity among the
 * reports, else the words of the first report. */
static const char claims_sql[] =
	"WITH mine(seq) AS (SELECT seq FROM articles WHERE story = ?1),"
	" sel(c) AS (SELECT claim FROM claim_reports WHERE article IN mine"
	"  UNION SELECT claim FROM responses WHERE article IN mine"
	"  AND claim IS NOT NULL)"
	" SELECT c.id AS claim, c.text AS text, c.kind AS kind,"
	" coalesce((SELECT r.claimant FROM claim_reports r WHERE r.claim = c.id"
	"  AND r.claimant IS NOT NULL ORDER BY r.article, r.idx LIMIT 1),"
	"  c.claimant) AS claimant,"
	" coalesce(c.claimant_key, (SELECT r.claimant_key FROM claim_reports r"
	"  WHERE r.claim = c.id AND r.claimant_key IS NOT NULL"
	"  ORDER BY r.article, r.idx LIMIT 1)) AS claimant_key,"
	" fa.id AS first_article,"
	" (SELECT count(*) FROM claim_reports r WHERE r.claim = c.id) AS reports,"
	" (SELECT count(*) FROM responses r WHERE r.claim = c.id) AS responses,"
	" (SELECT count(*) FROM responses r WHERE r.claim = c.id"
	"  AND r.stance = 'deny') AS denials"
	" FROM claims c JOIN articles fa ON fa.seq = c.first_article"
	" WHERE (?1 = 0 OR c.id IN sel) AND ?3 = ?3"
	" AND (?2 IS NULL OR c.claimant LIKE ?2 ESCAPE '\\' OR EXISTS (SELECT 1"
	"  FROM claim_reports r WHERE r.claim = c.id AND (r.claimant LIKE ?2"
	"  ESCAPE '\\' OR r.as_written LIKE ?2 ESCAPE '\\')))"
	" ORDER BY c.id LIMIT ?4 OFFSET ?5";

ng_status ngi_query_claims(ngi_store *s, ngi_err err, const ng_said_filter *f,
			   ng_cursor **out)
{
	return open_filtered(s, err, claims_sql, f, out);
}

ng_status ngi_query_claim_reports(ngi_store *s, ngi_err err, long long claim,
				  ng_cursor **out)
{
	return ngi_cursor_open_int64(
		s, err,
		"SELECT a.id AS article, a.story AS story, r.text AS text,"
		" r.as_written AS claimant, r.date AS date,"
		" r.date_source AS date_source, a.lang AS lang,"
		" r.start AS start, r.end AS end, r.article AS seq"
		" FROM claim_reports r"
		" JOIN articles a ON a.seq = r.article WHERE r.claim = ?1"
		" ORDER BY r.article, r.idx",
		claim, out);
}

ng_status ngi_query_claim_responses(ngi_store *s, ngi_err err, long long claim,
				    ng_cursor **out)
{
	return ngi_cursor_open_int64(
		s, err,
		"SELECT a.id AS article, a.story AS story, r.stance AS stance,"
		" r.responder AS responder, r.responder_key AS responder_key,"
		" r.as_written AS as_written, r.evidence AS evidence,"
		" r.date AS date, r.date_source AS date_source, r.cue AS cue,"
		" r.start AS start, r.end AS end FROM responses r"
		" JOIN articles a ON a.seq = r.article WHERE r.claim = ?1"
		" ORDER BY r.article, r.idx",
		claim, out);
}

ng_status ngi_query_claim_stances(ngi_store *s, ngi_err err, long long claim,
				  ng_cursor **out)
{
	return ngi_cursor_open_int64(
		s, err,
		"SELECT a.id AS article, a.story AS story, t.stance AS stance,"
		" t.score AS score FROM stances t"
		" JOIN articles a ON a.seq = t.article WHERE t.claim = ?1"
		" ORDER BY t.article",
		claim, out);
}

ng_status ngi_query_claim_stories(ngi_store *s, ngi_err err, long long claim,
				  ng_cursor **out)
{
	return ngi_cursor_open_int64(
		s, err,
		"SELECT DISTINCT a.story AS story FROM (SELECT article FROM"
		" claim_reports WHERE claim = ?1 UNION SELECT article FROM"
		" responses WHERE claim = ?1) x JOIN articles a"
		" ON a.seq = x.article ORDER BY 1",
		claim, out);
}

ng_status ngi_query_claim_exists(ngi_store *s, ngi_err err, long long claim)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_open_int64(
		s, err, "SELECT 1 FROM claims WHERE id = ?1", claim, &c);
	if (st)
		return st;
	st = ngi_cursor_prefetch(c);
	if (!st)
		ng_cursor_close(c);
	if (st == NG_ERR_NOTFOUND && err.size)
		snprintf(err.msg, err.size, "no claim %lld", claim);
	return st;
}

/* The stories of the thread: the story, and (?2) every story reached
 * through a shared claim (reported or answered) or quote group. */
#define THREAD_STORIES                                                           \
	"WITH RECURSIVE st(story) AS (SELECT ?1"                                 \
	" UNION SELECT a2.story FROM st JOIN articles a1 ON a1.story = st.story" \
	"  JOIN claim_reports r1 ON r1.article = a1.seq"                         \
	"  JOIN claim_reports r2 ON r2.claim = r1.claim"                         \
	"  JOIN articles a2 ON a2.seq = r2.article WHERE ?2"                     \
	" UNION SELECT a2.story FROM st JOIN articles a1 ON a1.story = st.story" \
	"  JOIN responses r1 ON r1.article = a1.seq"                             \
	"  JOIN claim_reports r2 ON r2.claim = r1.claim"                         \
	"  JOIN articles a2 ON a2.seq = r2.article WHERE ?2"                     \
	" UNION SELECT a2.story FROM st JOIN articles a1 ON a1.story = st.story" \
	"  JOIN claim_reports r1 ON r1.article = a1.seq"                         \
	"  JOIN responses r2 ON r2.claim = r1.claim"                             \
	"  JOIN articles a2 ON a2.seq = r2.article WHERE ?2"                     \
	" UNION SELECT a2.story FROM st JOIN articles a1 ON a1.story = st.story" \
	"  JOIN quotes q1 ON q1.article = a1.seq"                                \
	"  JOIN quotes q2 ON q2.quote_group = q1.quote_group"                    \
	"  JOIN articles a2 ON a2.seq = q2.article"                              \
	"  WHERE ?2 AND q1.quote_group IS NOT NULL),"                            \
	" sa(seq) AS (SELECT seq FROM articles WHERE story IN st)"

/* The first article of each story of the thread (the earliest full date,
 * then the first ingested), found once per story: asked per article, it
 * made the timeline of a 3,000-article story quadratic. */
static const char timeline_sql[] = THREAD_STORIES
	","
	" fs(seq) AS (SELECT (SELECT b.seq FROM articles b WHERE b.story = t.story"
	"  ORDER BY b.published GLOB '[0-9]*' DESC, b.published, b.seq LIMIT 1)"
	"  FROM st t),"
	/* the first report of each claim and the first quote of each group
	 * in the thread, numbered once (a NOT EXISTS per row was quadratic in
	 * a claim's reports) */
	" fr(article, idx) AS (SELECT article, idx FROM (SELECT article, idx,"
	"  row_number() OVER (PARTITION BY claim ORDER BY article, idx) AS n"
	"  FROM claim_reports WHERE article IN sa) WHERE n = 1),"
	" fq(article, idx) AS (SELECT article, idx FROM (SELECT article, idx,"
	"  row_number() OVER (PARTITION BY quote_group ORDER BY article, idx) AS n"
	"  FROM quotes WHERE article IN sa AND quote_group IS NOT NULL) WHERE n = 1),"
	" ev(date, date_source, event, article, story, text, who, detail, claim,"
	"  quote_group, seq, pos) AS ("
	/* publications: the first article of each story, then follow-ups */
	" SELECT CASE WHEN a.published GLOB '[0-9]*' THEN substr(a.published, 1, 10)"
	"  END, CASE WHEN a.published GLOB '[0-9]*' THEN 'article' END,"
	"  CASE WHEN a.seq IN fs THEN 'published' ELSE 'follow-up' END,"
	"  a.id, a.story, coalesce(a.title, substr(a.body, 1, 160)), a.outlet,"
	"  NULL, NULL, NULL, a.seq, -1"
	"  FROM articles a WHERE a.seq IN sa"
	/* a claim where it is first reported in the thread */
	" UNION ALL SELECT r.date, r.date_source, 'claim', a.id, a.story, r.text,"
	"  coalesce(r.claimant, r.as_written), r.kind, r.claim, NULL, a.seq, r.start"
	"  FROM claim_reports r JOIN articles a ON a.seq = r.article"
	"  WHERE (r.article, r.idx) IN fr"
	/* every response */
	" UNION ALL SELECT r.date, r.date_source, 'response', a.id, a.story,"
	"  r.evidence, coalesce(r.responder, r.as_written), r.stance, r.claim, NULL,"
	"  a.seq, r.start FROM responses r JOIN articles a ON a.seq = r.article"
	"  WHERE r.article IN sa"
	/* a quote where its group first appears in the thread (the first
	 * piece of a split quote stands for the quote) */
	" UNION ALL SELECT q.date, q.date_source, 'quote', a.id, a.story, q.text,"
	"  coalesce(q.speaker, q.as_written),"
	"  CASE q.direct WHEN 1 THEN 'direct' ELSE 'indirect' END, NULL,"
	"  q.quote_group, a.seq, q.start"
	"  FROM quotes q JOIN articles a ON a.seq = q.article"
	"  WHERE q.article IN sa AND q.first_piece = q.idx AND (q.quote_group IS NULL"
	"   OR (q.article, q.idx) IN fq))"
	" SELECT date, date_source, event, article, story, text, who, detail,"
	" claim, quote_group FROM ev"
	" ORDER BY date IS NULL, date, seq, pos, event";

ng_status ngi_query_timeline(ngi_store *s, ngi_err err, long long story,
			     int thread, ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err, timeline_sql, &c);
	if (st)
		return st;
	ngi_cursor_bind_int64(c, 1, story);
	ngi_cursor_bind_int64(c, 2, thread != 0);
	return ngi_cursor_bound(c, out);
}

/* The stories of story's thread but story itself, with the claims and
 * quote groups each shares with it. Columns: 0 story, 1 claims,
 * 2 quote_groups (int). */
static const char thread_sql[] =
	"WITH mine(seq) AS (SELECT seq FROM articles WHERE story = ?1),"
	NGI_SHARED_SAID_CTE
	" SELECT s AS story, coalesce((SELECT n FROM oc WHERE oc.story = s), 0)"
	"  AS claims, coalesce((SELECT n FROM oq WHERE oq.story = s), 0)"
	"  AS quote_groups FROM (SELECT story AS s FROM oc UNION"
	"  SELECT story FROM oq) ORDER BY claims + quote_groups DESC, s";

ng_status ngi_query_thread_stories(ngi_store *s, ngi_err err, long long story,
				   ng_cursor **out)
{
	return ngi_cursor_open_int64(s, err, thread_sql, story, out);
}
