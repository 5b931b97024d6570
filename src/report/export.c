/*
 * export.c: every article with its story, copy edges, entity mentions and
 * dates, as JSON or JSON Lines. The schema is documented, and kept stable, in docs/EXPORT.md.
 */
#include <sqlite3.h>

#include "../engine/engine.h"

#define EXPORT_VERSION 1

static const char *col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static ng_status str_field(ngi_buf *b, const char *name, const char *v)
{
	ng_status st = ngi_buf_printf(b, ",\"%s\":", name);
	return st ? st : ngi_buf_json_str(b, v);
}

/* The evidence rows of one edge, as a JSON array. */
static ng_status evidence_json(ngi_buf *b, sqlite3_stmt *ev, sqlite3_int64 copy,
			       sqlite3_int64 original)
{
	sqlite3_bind_int64(ev, 1, copy);
	sqlite3_bind_int64(ev, 2, original);
	ng_status st = ngi_buf_puts(b, ",\"evidence\":[");
	for (int n = 0; !st && sqlite3_step(ev) == SQLITE_ROW; n++)
		st = ngi_buf_printf(b, "%s{\"kind\":\"%s\",\"copy\":[%lld,%lld],"
				    "\"original\":[%lld,%lld],\"score\":%.4f}",
				    n ? "," : "", col(ev, 0),
				    sqlite3_column_int64(ev, 1), sqlite3_column_int64(ev, 2),
				    sqlite3_column_int64(ev, 3), sqlite3_column_int64(ev, 4),
				    sqlite3_column_double(ev, 5));
	sqlite3_reset(ev);
	return st ? st : ngi_buf_putc(b, ']');
}

/* "entities" and "dates" of one article, as analyze prints them. */
static ng_status extracted_json(ngi_buf *b, sqlite3_stmt *m, sqlite3_stmt *d,
				sqlite3_int64 seq)
{
	sqlite3_bind_int64(m, 1, seq);
	ng_status st = ngi_buf_puts(b, ",\"entities\":[");
	for (int n = 0; !st && sqlite3_step(m) == SQLITE_ROW; n++) {
		st = ngi_buf_printf(b, "%s{\"start\":%lld,\"end\":%lld,\"text\":",
				    n ? "," : "", sqlite3_column_int64(m, 0),
				    sqlite3_column_int64(m, 1));
		if (!st) st = ngi_buf_json_str(b, col(m, 2));
		if (!st) st = str_field(b, "type", col(m, 3));
		if (!st) st = str_field(b, "key", col(m, 4));
		if (!st) st = str_field(b, "name", col(m, 5));
		if (!st) st = ngi_buf_putc(b, '}');
	}
	sqlite3_reset(m);
	if (!st)
		st = ngi_buf_puts(b, "],\"dates\":[");
	sqlite3_bind_int64(d, 1, seq);
	for (int n = 0; !st && sqlite3_step(d) == SQLITE_ROW; n++) {
		st = ngi_buf_printf(b, "%s{\"start\":%lld,\"end\":%lld,\"text\":",
				    n ? "," : "", sqlite3_column_int64(d, 0),
				    sqlite3_column_int64(d, 1));
		if (!st) st = ngi_buf_json_str(b, col(d, 2));
		if (!st) st = str_field(b, "value", col(d, 3));
		if (!st) st = str_field(b, "type", col(d, 4));
		if (!st) st = str_field(b, "granularity", col(d, 5));
		if (!st) st = str_field(b, "anchor", col(d, 6));
		if (!st) st = ngi_buf_putc(b, '}');
	}
	sqlite3_reset(d);
	return st ? st : ngi_buf_putc(b, ']');
}

static ng_status article_json(ngi_buf *b, sqlite3_stmt *a, sqlite3_stmt *c,
			      sqlite3_stmt *ev, sqlite3_stmt *m, sqlite3_stmt *d)
{
	ng_status st = ngi_buf_puts(b, "{\"id\":");
	if (!st) st = ngi_buf_json_str(b, col(a, 1));
	if (!st) st = str_field(b, "title", col(a, 2));
	if (!st) st = str_field(b, "lang", col(a, 3));
	if (!st) st = ngi_buf_printf(b, ",\"lang_reliable\":%s",
				     sqlite3_column_int(a, 4) ? "true" : "false");
	if (!st) st = str_field(b, "published", col(a, 5));
	if (!st) st = str_field(b, "published_source", col(a, 6));
	if (!st) st = ngi_buf_printf(b, ",\"published_confidence\":%.2f",
				     sqlite3_column_double(a, 14));
	if (!st) st = str_field(b, "outlet", col(a, 7));
	if (!st) st = str_field(b, "url", col(a, 8));
	if (!st) st = str_field(b, "source", col(a, 9));
	if (!st) st = ngi_buf_printf(b, ",\"record\":%lld,\"story\":%lld,\"words\":%lld,"
				     "\"sentences\":%lld,\"copies\":[",
				     sqlite3_column_int64(a, 10), sqlite3_column_int64(a, 11),
				     sqlite3_column_int64(a, 12), sqlite3_column_int64(a, 13));
	sqlite3_bind_int64(c, 1, sqlite3_column_int64(a, 0));
	for (int n = 0; !st && sqlite3_step(c) == SQLITE_ROW; n++) {
		st = ngi_buf_puts(b, n ? ",{\"other\":" : "{\"other\":");
		if (!st) st = ngi_buf_json_str(b, col(c, 0));
		if (!st) st = str_field(b, "original", col(c, 1));
		if (!st) st = str_field(b, "kind", col(c, 2));
		if (!st) st = ngi_buf_printf(b, ",\"score\":%.4f", sqlite3_column_double(c, 3));
		if (!st) st = str_field(b, "why", col(c, 4));
		if (!st) st = evidence_json(b, ev, sqlite3_column_int64(c, 5),
					    sqlite3_column_int64(c, 6));
		if (!st) st = ngi_buf_putc(b, '}');
	}
	sqlite3_reset(c);
	if (!st)
		st = ngi_buf_putc(b, ']');
	if (!st)
		st = extracted_json(b, m, d, sqlite3_column_int64(a, 0));
	if (!st)
		st = ngi_buf_putc(b, '}');
	return st;
}

ng_status ng_export(ng_engine *e, FILE *out, ng_format f)
{
	if (!e || !out || f == NG_FORMAT_TABLE)
		return NG_ERR_USAGE;
	sqlite3 *db = ngi_store_db(e->store);
	sqlite3_stmt *a = NULL, *c = NULL, *ev = NULL, *m = NULL, *d = NULL;
	sqlite3_prepare_v2(db,
			   "SELECT seq, id, title, lang, lang_reliable, published,"
			   " published_source, outlet, url, source, record, story,"
			   " n_words, n_sentences, published_confidence FROM articles"
			   " ORDER BY seq",
			   -1, &a, NULL);
	/* the other article, which one is the original, kind, score, why */
	sqlite3_prepare_v2(db,
			   "SELECT CASE WHEN c.copy = ?1 THEN o.id ELSE k.id END,"
			   " o.id, c.kind, c.score, c.why, c.copy, c.original FROM copies c"
			   " JOIN articles k ON k.seq = c.copy"
			   " JOIN articles o ON o.seq = c.original"
			   " WHERE c.copy = ?1 OR c.original = ?1"
			   " ORDER BY c.copy, c.original",
			   -1, &c, NULL);
	sqlite3_prepare_v2(db,
			   "SELECT kind, copy_start, copy_end, original_start, original_end,"
			   " score FROM evidence WHERE copy = ? AND original = ? ORDER BY rowid",
			   -1, &ev, NULL);
	sqlite3_prepare_v2(db,
			   "SELECT start, end, surface, type, key, name FROM mentions"
			   " WHERE article = ? ORDER BY start",
			   -1, &m, NULL);
	sqlite3_prepare_v2(db,
			   "SELECT start, end, surface, value, type, granularity, anchor"
			   " FROM dates WHERE article = ? ORDER BY start",
			   -1, &d, NULL);
	if (!a || !c || !ev || !m || !d) {
		sqlite3_finalize(a);
		sqlite3_finalize(c);
		sqlite3_finalize(ev);
		sqlite3_finalize(m);
		sqlite3_finalize(d);
		return ngi_engine_fail(e, NG_ERR_DB, "%s", sqlite3_errmsg(db));
	}
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ng_status st = NG_OK;
	if (f == NG_FORMAT_JSON)
		st = ngi_buf_printf(&b, "{\"version\":%d,\"articles\":[\n", EXPORT_VERSION);
	for (long long n = 0; !st && sqlite3_step(a) == SQLITE_ROW; n++) {
		if (f == NG_FORMAT_JSON && n)
			st = ngi_buf_puts(&b, ",\n");
		if (!st)
			st = article_json(&b, a, c, ev, m, d);
		if (!st && f == NG_FORMAT_JSONL)
			st = ngi_buf_putc(&b, '\n');
		if (!st && b.len > (1 << 16)) {
			if (fwrite(b.data, 1, b.len, out) != b.len)
				st = NG_ERR_IO;
			ngi_buf_clear(&b);
		}
	}
	if (!st && f == NG_FORMAT_JSON)
		st = ngi_buf_puts(&b, "\n]}\n");
	if (!st && b.len && fwrite(b.data, 1, b.len, out) != b.len)
		st = NG_ERR_IO;
	ngi_buf_free(&b);
	sqlite3_finalize(a);
	sqlite3_finalize(c);
	sqlite3_finalize(ev);
	sqlite3_finalize(m);
	sqlite3_finalize(d);
	if (st == NG_ERR_IO)
		return ngi_engine_fail(e, st, "export: write failed");
	return st;
}
