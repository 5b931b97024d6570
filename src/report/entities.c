/*
 * entities.c: `newsgraph entities`: the canonical entities of the store with
 * their type, mention and article counts and their variants (the distinct
 * texts of their mentions: scripts, inflections, short forms), most
 * mentioned first. Reads the store only (tables entities and mentions,
 * docs/STORE.md).
 */
#include <sqlite3.h>
#include <string.h>

#include "../engine/engine.h"

#define NAME_WIDTH 28
#define TABLE_VARIANTS 8 /* the table shows the most frequent ones */

static const char *col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

/* Code points of s. */
static int width_of(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static ng_status variants(ngx_buf *b, sqlite3_stmt *v, const char *type,
			  const char *key, ng_format f)
{
	sqlite3_bind_text(v, 1, type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(v, 2, key, -1, SQLITE_TRANSIENT);
	ng_status st = f == NG_FORMAT_TABLE ? NG_OK : ngx_buf_puts(b, ",\"variants\":[");
	int n = 0;
	for (; !st && sqlite3_step(v) == SQLITE_ROW; n++) {
		long long count = sqlite3_column_int64(v, 1);
		if (f != NG_FORMAT_TABLE) {
			st = ngx_buf_puts(b, n ? ",{\"text\":" : "{\"text\":");
			if (!st) st = ngx_buf_json_str(b, col(v, 0));
			if (!st) st = ngx_buf_printf(b, ",\"count\":%lld}", count);
		} else if (n < TABLE_VARIANTS) {
			st = ngx_buf_printf(b, "%s%s (%lld)", n ? ", " : "", col(v, 0), count);
		}
	}
	sqlite3_reset(v);
	if (!st && f == NG_FORMAT_TABLE && n > TABLE_VARIANTS)
		st = ngx_buf_printf(b, ", +%d more", n - TABLE_VARIANTS);
	if (!st && f != NG_FORMAT_TABLE)
		st = ngx_buf_putc(b, ']');
	return st;
}

ng_status ng_report_entities(ng_engine *e, const char *type,
			     long long min_mentions, FILE *out, ng_format f)
{
	if (!e || !out)
		return NG_ERR_USAGE;
	sqlite3 *db = ngx_store_db(e->store);
	sqlite3_stmt *q = NULL, *v = NULL;
	sqlite3_prepare_v2(db,
			   "SELECT type, key, name, mentions, articles FROM entities"
			   " WHERE (?1 IS NULL OR type = ?1) AND mentions >= ?2"
			   " ORDER BY mentions DESC, articles DESC, name, type, key",
			   -1, &q, NULL);
	sqlite3_prepare_v2(db,
			   "SELECT surface, count(*) FROM mentions WHERE type = ? AND key = ?"
			   " GROUP BY surface ORDER BY 2 DESC, 1",
			   -1, &v, NULL);
	if (!q || !v) {
		sqlite3_finalize(q);
		sqlite3_finalize(v);
		return ngx_engine_fail(e, NG_ERR_DB, "%s", sqlite3_errmsg(db));
	}
	if (type)
		sqlite3_bind_text(q, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, min_mentions);
	ngx_buf b;
	ngx_buf_init(&b, 0);
	ng_status st = NG_OK;
	if (f == NG_FORMAT_JSON)
		st = ngx_buf_puts(&b, "{\"entities\":[\n");
	else if (f == NG_FORMAT_TABLE)
		st = ngx_buf_printf(&b, "%8s %8s  %-12s  %-*s  %s\n", "mentions",
				    "articles", "type", NAME_WIDTH, "name", "variants");
	for (long long n = 0; !st && sqlite3_step(q) == SQLITE_ROW; n++) {
		const char *t = col(q, 0), *key = col(q, 1), *name = col(q, 2);
		long long mentions = sqlite3_column_int64(q, 3);
		long long articles = sqlite3_column_int64(q, 4);
		if (f == NG_FORMAT_TABLE) {
			int pad = NAME_WIDTH - width_of(name);
			st = ngx_buf_printf(&b, "%8lld %8lld  %-12s  %s%*s  ", mentions,
					    articles, t, name, pad > 0 ? pad : 0, "");
			if (!st) st = variants(&b, v, t, key, f);
			if (!st) st = ngx_buf_putc(&b, '\n');
		} else {
			if (f == NG_FORMAT_JSON && n)
				st = ngx_buf_puts(&b, ",\n");
			if (!st) st = ngx_buf_puts(&b, "{\"name\":");
			if (!st) st = ngx_buf_json_str(&b, name);
			if (!st) st = ngx_buf_printf(&b, ",\"type\":\"%s\",\"key\":", t);
			if (!st) st = ngx_buf_json_str(&b, key);
			if (!st) st = ngx_buf_printf(&b, ",\"mentions\":%lld,\"articles\":%lld",
						     mentions, articles);
			if (!st) st = variants(&b, v, t, key, f);
			if (!st) st = ngx_buf_puts(&b, f == NG_FORMAT_JSONL ? "}\n" : "}");
		}
		if (!st && b.len > (1 << 16)) {
			if (fwrite(b.data, 1, b.len, out) != b.len)
				st = NG_ERR_IO;
			ngx_buf_clear(&b);
		}
	}
	if (!st && f == NG_FORMAT_JSON)
		st = ngx_buf_puts(&b, "\n]}\n");
	if (!st && b.len && fwrite(b.data, 1, b.len, out) != b.len)
		st = NG_ERR_IO;
	ngx_buf_free(&b);
	sqlite3_finalize(q);
	sqlite3_finalize(v);
	if (st == NG_ERR_IO)
		return ngx_engine_fail(e, st, "entities: write failed");
	return st;
}
