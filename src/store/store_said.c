/*
 * store_said.c: writes who said what (quotes and their groups, claims and
 * the articles that report them, responses, stances) and reads back what
 * linking needs when a database is reopened (store.h). The queries that
 * show them are in query_said.c.
 *
 * A group's or claim's signature (span_index.h) is stored as one blob in
 * the machine's byte order (meta.byte_order guards it): the words hash and
 * the key (8 bytes each), the number of terms (4), the article's language
 * (ngi_link_lang, 4) and the terms (4 each).
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	SQ_GROUP, SQ_QUOTE, SQ_CLAIM, SQ_REPORT, SQ_RESPONSE, SQ_STANCE,
	SQ_EACH_GROUP, SQ_EACH_CLAIM, SQ_LAST_IDS, SQ_EACH_REPORT,
	SQ_EACH_QUOTE, SQ_REPORT_TEXT, SQ_STANCE_UPDATE
};

static const char *const sql[] = {
	[SQ_GROUP] = "INSERT INTO quote_groups(id, first_article, text, speaker,"
		     " speaker_key, sig) VALUES(?,?,?,?,?,?)",
	[SQ_QUOTE] = "INSERT INTO quotes(article, idx, start, end, byte_start,"
		     " byte_end, direct, first_piece, text, as_written, speaker,"
		     " speaker_key, cue, quote_group, date, date_source)"
		     " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[SQ_CLAIM] = "INSERT INTO claims(id, first_article, text, kind, claimant,"
		     " claimant_key) VALUES(?,?,?,?,?,?)",
	[SQ_REPORT] = "INSERT INTO claim_reports(claim, article, idx, start, end,"
		      " byte_start, byte_end, text, kind, claimant, claimant_key,"
		      " as_written, cue, date, date_source, sig)"
		      " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[SQ_RESPONSE] = "INSERT INTO responses(article, idx, claim, stance,"
			" responder, responder_key, as_written, start, end,"
			" byte_start, byte_end, evidence, cue, date, date_source)"
			" VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	/* a stance taken again replaces the one stored (SQ_STANCE_UPDATE);
	 * not INSERT OR REPLACE, whose delete-then-insert makes SQLite keep a
	 * statement journal for every row (the table has foreign keys) */
	[SQ_STANCE] = "INSERT INTO stances(article, claim, stance, score)"
		      " VALUES(?1,?2,?3,?4) ON CONFLICT(article, claim) DO NOTHING",
	[SQ_STANCE_UPDATE] = "UPDATE stances SET stance = ?3, score = ?4"
			     " WHERE article = ?1 AND claim = ?2",
	[SQ_EACH_GROUP] = "SELECT g.id, g.sig, (SELECT max(a.day) FROM quotes q"
			  " JOIN articles a ON a.seq = q.article"
			  " WHERE q.quote_group = g.id)"
			  " FROM quote_groups g WHERE g.id > ? ORDER BY g.id",
	/* the last ?1 representatives, in the order they were added */
	[SQ_EACH_CLAIM] = "SELECT claim, sig, (SELECT max(a.day) FROM claim_reports r2"
			  " JOIN articles a ON a.seq = r2.article"
			  " WHERE r2.claim = x.claim) FROM (SELECT claim, sig, article, idx"
			  " FROM claim_reports WHERE sig IS NOT NULL"
			  " ORDER BY article DESC, idx DESC LIMIT ?) x"
			  " ORDER BY article, idx",
	[SQ_LAST_IDS] = "SELECT (SELECT max(id) FROM quote_groups),"
			" (SELECT max(id) FROM claims)",
	[SQ_REPORT_TEXT] = "SELECT r.text, a.lang FROM claim_reports r JOIN articles a"
			   " ON a.seq = r.article WHERE r.article = ? AND r.idx = ?",
	[SQ_EACH_REPORT] = "SELECT claim, article, idx FROM claim_reports"
			   " WHERE article > ? ORDER BY article, idx",
	[SQ_EACH_QUOTE] = "SELECT q.quote_group, q.article, q.speaker_key, a.lang"
			  " FROM quotes q JOIN articles a ON a.seq = q.article"
			  " WHERE q.article > ? AND q.quote_group IS NOT NULL"
			  " ORDER BY q.article, q.idx",
};

static sqlite3_stmt *stmt(ngi_store *s, int which)
{
	return ngi_store_stmt(s, which, sql[which]);
}

static void bind_span(sqlite3_stmt *q, int i, ngi_span_text t)
{
	if (t.s)
		sqlite3_bind_text(q, i, t.s, (int)t.len, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static void bind_str(sqlite3_stmt *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static void bind_id(sqlite3_stmt *q, int i, uint64_t id)
{
	if (id)
		sqlite3_bind_int64(q, i, (sqlite3_int64)id);
	else
		sqlite3_bind_null(q, i);
}

/* The signature blob, malloc'd. */
static void *sig_blob(const ngi_span_sig *sig, size_t *len)
{
	*len = 24 + (size_t)sig->n * 4;
	unsigned char *b = malloc(*len);
	if (!b)
		return NULL;
	uint32_t lang = sig->lang;
	memcpy(b, &sig->words, 8);
	memcpy(b + 8, &sig->key, 8);
	memcpy(b + 16, &sig->n, 4);
	memcpy(b + 20, &lang, 4);
	if (sig->n)
		memcpy(b + 24, sig->terms, (size_t)sig->n * 4);
	return b;
}

static ng_status bind_sig(sqlite3_stmt *q, int i, const ngi_span_sig *sig)
{
	size_t len;
	void *b = sig_blob(sig, &len);
	if (!b)
		return NG_ERR_NOMEM;
	sqlite3_bind_blob(q, i, b, (int)len, free);
	return NG_OK;
}

ng_status ngi_store_new_quote_group(ngi_store *s, uint64_t id, uint32_t seq,
				    ngi_span_text text, const char *speaker,
				    const char *speaker_key, const ngi_span_sig *sig)
{
	sqlite3_stmt *q = stmt(s, SQ_GROUP);
	if (!q)
		return NG_ERR_DB;
	sqlite3_bind_int64(q, 1, (sqlite3_int64)id);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)seq + 1);
	bind_span(q, 3, text);
	bind_str(q, 4, speaker);
	bind_str(q, 5, speaker_key);
	if (bind_sig(q, 6, sig)) {
		sqlite3_reset(q);
		sqlite3_clear_bindings(q);
		return NG_ERR_NOMEM;
	}
	return ngi_store_step_done(s, q, "storing a quote group");
}

/* Columns article, idx, start, end, byte_start, byte_end from position i. */
static void bind_place(sqlite3_stmt *q, int i, const ngi_said_row *r)
{
	sqlite3_bind_int64(q, i, (sqlite3_int64)r->seq + 1);
	sqlite3_bind_int64(q, i + 1, r->idx);
	sqlite3_bind_int64(q, i + 2, r->start);
	sqlite3_bind_int64(q, i + 3, r->end);
	sqlite3_bind_int64(q, i + 4, r->byte_start);
	sqlite3_bind_int64(q, i + 5, r->byte_end);
}

ng_status ngi_store_insert_quote(ngi_store *s, const ngi_said_row *r)
{
	sqlite3_stmt *q = stmt(s, SQ_QUOTE);
	if (!q)
		return NG_ERR_DB;
	bind_place(q, 1, r);
	sqlite3_bind_int(q, 7, r->direct);
	sqlite3_bind_int64(q, 8, r->first_piece);
	bind_span(q, 9, r->text);
	bind_span(q, 10, r->as_written);
	bind_str(q, 11, r->name);
	bind_str(q, 12, r->key);
	bind_span(q, 13, r->cue);
	bind_id(q, 14, r->group);
	bind_str(q, 15, r->date);
	bind_str(q, 16, r->date_source);
	return ngi_store_step_done(s, q, "storing a quote");
}

ng_status ngi_store_new_claim(ngi_store *s, uint64_t id, const ngi_said_row *r)
{
	sqlite3_stmt *q = stmt(s, SQ_CLAIM);
	if (!q)
		return NG_ERR_DB;
	sqlite3_bind_int64(q, 1, (sqlite3_int64)id);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)r->seq + 1);
	bind_span(q, 3, r->text);
	bind_str(q, 4, r->kind);
	/* the claimant: the entity's name, else the words naming it */
	if (r->name)
		bind_str(q, 5, r->name);
	else
		bind_span(q, 5, r->as_written);
	bind_str(q, 6, r->key);
	return ngi_store_step_done(s, q, "storing a claim");
}

ng_status ngi_store_insert_claim_report(ngi_store *s, const ngi_said_row *r,
				       const ngi_span_sig *sig)
{
	sqlite3_stmt *q = stmt(s, SQ_REPORT);
	if (!q)
		return NG_ERR_DB;
	bind_id(q, 1, r->group);
	bind_place(q, 2, r);
	bind_span(q, 8, r->text);
	bind_str(q, 9, r->kind);
	bind_str(q, 10, r->name);
	bind_str(q, 11, r->key);
	bind_span(q, 12, r->as_written);
	bind_span(q, 13, r->cue);
	bind_str(q, 14, r->date);
	bind_str(q, 15, r->date_source);
	if (sig && bind_sig(q, 16, sig)) {
		sqlite3_reset(q);
		sqlite3_clear_bindings(q);
		return NG_ERR_NOMEM;
	}
	return ngi_store_step_done(s, q, "storing a claim report");
}

ng_status ngi_store_insert_response(ngi_store *s, const ngi_said_row *r)
{
	sqlite3_stmt *q = stmt(s, SQ_RESPONSE);
	if (!q)
		return NG_ERR_DB;
	sqlite3_bind_int64(q, 1, (sqlite3_int64)r->seq + 1);
	sqlite3_bind_int64(q, 2, r->idx);
	bind_id(q, 3, r->group);
	bind_str(q, 4, r->kind);
	bind_str(q, 5, r->name);
	bind_str(q, 6, r->key);
	bind_span(q, 7, r->as_written);
	sqlite3_bind_int64(q, 8, r->start);
	sqlite3_bind_int64(q, 9, r->end);
	sqlite3_bind_int64(q, 10, r->byte_start);
	sqlite3_bind_int64(q, 11, r->byte_end);
	bind_span(q, 12, r->text);
	bind_span(q, 13, r->cue);
	bind_str(q, 14, r->date);
	bind_str(q, 15, r->date_source);
	return ngi_store_step_done(s, q, "storing a response");
}

ng_status ngi_store_insert_stance(ngi_store *s, uint32_t seq, uint64_t claim,
				  const char *stance, double score)
{
	for (int which = SQ_STANCE;; which = SQ_STANCE_UPDATE) {
		sqlite3_stmt *q = stmt(s, which);
		if (!q)
			return NG_ERR_DB;
		sqlite3_bind_int64(q, 1, (sqlite3_int64)seq + 1);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)claim);
		bind_str(q, 3, stance);
		sqlite3_bind_double(q, 4, score);
		ng_status st = ngi_store_step_done(s, q, "storing a stance");
		/* no row inserted: the pair was there, and is updated */
		if (st || which == SQ_STANCE_UPDATE || ngi_store_changes(s) > 0)
			return st;
	}
}

/* The readers that replay stored rows on reopening (said_link.c): one
 * statement of slot which, its one parameter bound to key, each row handed
 * to row (which returns non-zero to stop), a failed step reported as
 * "reading WHAT back". */
typedef ng_status (*row_fn)(ngi_store *s, sqlite3_stmt *q, void *ctx);

static ng_status each_row(ngi_store *s, int which, sqlite3_int64 key,
			  row_fn row, void *ctx, const char *what)
{
	sqlite3_stmt *q = stmt(s, which);
	if (!q)
		return NG_ERR_DB;
	sqlite3_bind_int64(q, 1, key);
	ng_status st = NG_OK;
	int rc = SQLITE_DONE;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW)
		st = row(s, q, ctx);
	if (!st && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		char msg[64];
		snprintf(msg, sizeof msg, "reading %s back", what);
		st = ngi_store_fail(s, msg);
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return st;
}

typedef struct group_reader {
	ngi_store_group_fn fn;
	void *ctx;
} group_reader;

/* A quote group's or claim's row: id, signature blob, day. */
static ng_status group_row(ngi_store *s, sqlite3_stmt *q, void *ctx)
{
	const group_reader *g = ctx;
	const unsigned char *b = sqlite3_column_blob(q, 1);
	size_t len = (size_t)sqlite3_column_bytes(q, 1);
	ngi_span_sig sig = {0};
	uint32_t lang;
	if (!b || len < 24)
		return ngi_store_fail(s, "a stored passage signature is damaged");
	memcpy(&sig.words, b, 8);
	memcpy(&sig.key, b + 8, 8);
	memcpy(&sig.n, b + 16, 4);
	memcpy(&lang, b + 20, 4);
	sig.lang = (uint16_t)lang;
	if (len != 24 + (size_t)sig.n * 4)
		return ngi_store_fail(s, "a stored passage signature is damaged");
	uint32_t *terms = NULL;
	if (sig.n && !(terms = malloc((size_t)sig.n * 4)))
		return NG_ERR_NOMEM;
	if (sig.n)
		memcpy(terms, b + 24, (size_t)sig.n * 4);
	sig.terms = terms;
	sig.day = sqlite3_column_type(q, 2) == SQLITE_NULL
		? INT32_MIN : (int32_t)sqlite3_column_int64(q, 2);
	ng_status st = g->fn(g->ctx, (uint64_t)sqlite3_column_int64(q, 0), &sig);
	free(terms);
	return st;
}

ng_status ngi_store_each_quote_group(ngi_store *s, uint64_t after,
				     ngi_store_group_fn fn, void *ctx)
{
	group_reader g = {fn, ctx};
	return each_row(s, SQ_EACH_GROUP, (sqlite3_int64)after, group_row, &g,
			"quote groups");
}

ng_status ngi_store_each_claim(ngi_store *s, uint64_t last,
			       ngi_store_group_fn fn, void *ctx)
{
	group_reader g = {fn, ctx};
	return each_row(s, SQ_EACH_CLAIM, (sqlite3_int64)last, group_row, &g,
			"claims");
}

ng_status ngi_store_said_last_ids(ngi_store *s, uint64_t *quote_group,
				  uint64_t *claim)
{
	sqlite3_stmt *q = stmt(s, SQ_LAST_IDS);
	if (!q)
		return NG_ERR_DB;
	ng_status st;
	if (sqlite3_step(q) == SQLITE_ROW) {
		*quote_group = (uint64_t)sqlite3_column_int64(q, 0);
		*claim = (uint64_t)sqlite3_column_int64(q, 1);
		st = NG_OK;
	} else {
		st = ngi_store_fail(s, "reading the last quote group and claim");
	}
	sqlite3_reset(q);
	return st;
}

typedef struct report_reader {
	ngi_store_report_fn fn;
	void *ctx;
} report_reader;

static ng_status report_row(ngi_store *s, sqlite3_stmt *q, void *ctx)
{
	(void)s;
	const report_reader *r = ctx;
	return r->fn(r->ctx, (uint64_t)sqlite3_column_int64(q, 0),
		     (uint32_t)(sqlite3_column_int64(q, 1) - 1),
		     (uint32_t)sqlite3_column_int64(q, 2));
}

ng_status ngi_store_each_claim_report(ngi_store *s, uint32_t first,
				      ngi_store_report_fn fn, void *ctx)
{
	report_reader r = {fn, ctx};
	return each_row(s, SQ_EACH_REPORT, (sqlite3_int64)first, report_row, &r,
			"claim reports");
}

typedef struct quote_reader {
	ngi_store_quote_fn fn;
	void *ctx;
} quote_reader;

static ng_status quote_row(ngi_store *s, sqlite3_stmt *q, void *ctx)
{
	(void)s;
	const quote_reader *r = ctx;
	return r->fn(r->ctx, (uint64_t)sqlite3_column_int64(q, 0),
		     (uint32_t)(sqlite3_column_int64(q, 1) - 1),
		     (const char *)sqlite3_column_text(q, 2),
		     (const char *)sqlite3_column_text(q, 3));
}

ng_status ngi_store_each_grouped_quote(ngi_store *s, uint32_t first,
				       ngi_store_quote_fn fn, void *ctx)
{
	quote_reader r = {fn, ctx};
	return each_row(s, SQ_EACH_QUOTE, (sqlite3_int64)first, quote_row, &r,
			"quotes");
}

ng_status ngi_store_claim_report_text(ngi_store *s, uint32_t seq, uint32_t idx,
				      ngi_arena *a, const char **text, size_t *len,
				      char lang[8])
{
	sqlite3_stmt *q = stmt(s, SQ_REPORT_TEXT);
	if (!q)
		return NG_ERR_DB;
	sqlite3_bind_int64(q, 1, (sqlite3_int64)seq + 1);
	sqlite3_bind_int64(q, 2, idx);
	ng_status st = NG_ERR_NOTFOUND;
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		st = ngi_store_fail(s, "reading a claim report back");
	if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);
		size_t n = (size_t)sqlite3_column_bytes(q, 0);
		const char *l = (const char *)sqlite3_column_text(q, 1);
		snprintf(lang, 8, "%s", l ? l : "");
		*text = ngi_arena_strndup(a, t ? t : "", n);
		*len = n;
		st = *text ? NG_OK : NG_ERR_NOMEM;
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return st;
}
