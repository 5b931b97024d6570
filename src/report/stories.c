/*
 * stories.c: the story listing and one story's page, as a table or JSON.
 *
 * Reads the store only. Titles are cut to the terminal-friendly width on a
 * code point boundary.
 */
#include <sqlite3.h>
#include <string.h>

#include "../engine/engine.h"

#define TITLE_WIDTH 70

/* Prints at most width code points of s. */
static void put_cut(FILE *out, const char *s, int width)
{
	if (!s)
		s = "";
	int cps = 0;
	const char *p = s;
	while (*p && cps < width) {
		p++;
		while (((unsigned char)*p & 0xC0) == 0x80)
			p++;
		cps++;
	}
	fwrite(s, 1, (size_t)(p - s), out);
	if (*p)
		fputs("\xe2\x80\xa6", out);
}

static const char *col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static ng_status emit(FILE *out, ngi_buf *b)
{
	if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
		return NG_ERR_IO;
	ngi_buf_clear(b);
	return NG_OK;
}

static ng_status story_json(ngi_buf *b, sqlite3_stmt *q)
{
	ng_status st = ngi_buf_printf(b, "{\"story\":%lld,\"size\":%lld,\"languages\":",
				      sqlite3_column_int64(q, 0),
				      sqlite3_column_int64(q, 1));
	/* languages as a JSON array */
	const char *langs = col(q, 2);
	if (!st)
		st = ngi_buf_putc(b, '[');
	for (const char *p = langs; !st && p && *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (p != langs)
			st = ngi_buf_putc(b, ',');
		if (!st)
			st = ngi_buf_json_strn(b, p, n);
		p += n + (comma ? 1 : 0);
	}
	if (!st)
		st = ngi_buf_puts(b, "],\"first_seen\":");
	if (!st)
		st = ngi_buf_json_str(b, col(q, 3));
	if (!st)
		st = ngi_buf_puts(b, ",\"last_seen\":");
	if (!st)
		st = ngi_buf_json_str(b, col(q, 4));
	if (!st)
		st = ngi_buf_puts(b, ",\"title\":");
	if (!st)
		st = ngi_buf_json_str(b, col(q, 5));
	if (!st)
		st = ngi_buf_putc(b, '}');
	return st;
}

ng_status ng_report_stories(ng_engine *e, FILE *out, ng_format f)
{
	if (!e || !out)
		return NG_ERR_USAGE;
	sqlite3 *db = ngi_store_db(e->store);
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db,
			       "SELECT id, size, languages, first_seen, last_seen, title"
			       " FROM stories ORDER BY size DESC, id",
			       -1, &q, NULL) != SQLITE_OK)
		return ngi_engine_fail(e, NG_ERR_DB, "%s", sqlite3_errmsg(db));
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ng_status st = NG_OK;
	if (f == NG_FORMAT_TABLE)
		fprintf(out, "%6s %5s  %-12s %-10s  %s\n", "story", "size",
			"languages", "first seen", "title");
	else if (f == NG_FORMAT_JSON)
		st = ngi_buf_puts(&b, "{\"stories\":[");
	long long n = 0;
	while (!st && sqlite3_step(q) == SQLITE_ROW) {
		if (f == NG_FORMAT_TABLE) {
			const char *first = col(q, 3);
			fprintf(out, "%6lld %5lld  %-12s %-10.10s  ",
				sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1),
				col(q, 2) ? col(q, 2) : "", first ? first : "-");
			put_cut(out, col(q, 5), TITLE_WIDTH);
			fputc('\n', out);
		} else {
			if (f == NG_FORMAT_JSON && n)
				st = ngi_buf_putc(&b, ',');
			if (!st)
				st = story_json(&b, q);
			if (!st && f == NG_FORMAT_JSONL)
				st = ngi_buf_putc(&b, '\n');
			if (!st)
				st = emit(out, &b);
		}
		n++;
	}
	if (!st && f == NG_FORMAT_JSON)
		st = ngi_buf_puts(&b, "]}\n");
	if (!st)
		st = emit(out, &b);
	ngi_buf_free(&b);
	sqlite3_finalize(q);
	return st;
}

ng_status ng_report_story(ng_engine *e, long long story, FILE *out, ng_format f)
{
	if (!e || !out)
		return NG_ERR_USAGE;
	sqlite3 *db = ngi_store_db(e->store);
	sqlite3_stmt *s, *a, *c;
	if (sqlite3_prepare_v2(db,
			       "SELECT id, size, languages, first_seen, last_seen, title"
			       " FROM stories WHERE id = ?", -1, &s, NULL) != SQLITE_OK)
		return ngi_engine_fail(e, NG_ERR_DB, "%s", sqlite3_errmsg(db));
	sqlite3_bind_int64(s, 1, story);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return ngi_engine_fail(e, NG_ERR_NOTFOUND, "no story %lld", story);
	}
	sqlite3_prepare_v2(db,
			   "SELECT id, lang, published, outlet, title, n_words FROM articles"
			   " WHERE story = ? ORDER BY coalesce(day, 2147483647), seq",
			   -1, &a, NULL);
	sqlite3_prepare_v2(db,
			   "SELECT ca.id, oa.id, c.kind, c.score, c.why FROM copies c"
			   " JOIN articles ca ON ca.seq = c.copy"
			   " JOIN articles oa ON oa.seq = c.original"
			   " WHERE ca.story = ?1 OR oa.story = ?1 ORDER BY c.copy, c.original",
			   -1, &c, NULL);
	if (!a || !c) {
		sqlite3_finalize(s);
		sqlite3_finalize(a);
		sqlite3_finalize(c);
		return ngi_engine_fail(e, NG_ERR_DB, "%s", sqlite3_errmsg(db));
	}
	sqlite3_bind_int64(a, 1, story);
	sqlite3_bind_int64(c, 1, story);
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ng_status st = NG_OK;
	if (f == NG_FORMAT_TABLE) {
		fprintf(out, "story %lld: %lld articles, languages %s, first seen %s\n",
			story, sqlite3_column_int64(s, 1),
			col(s, 2) ? col(s, 2) : "-", col(s, 3) ? col(s, 3) : "unknown");
		fprintf(out, "title: %s\n\n", col(s, 5) ? col(s, 5) : "");
		fprintf(out, "%-28s %-4s %-20s %-10s %6s  %s\n", "article", "lang",
			"published", "outlet", "words", "title");
		while (sqlite3_step(a) == SQLITE_ROW) {
			fprintf(out, "%-28s %-4s %-20s %-10s %6lld  ", col(a, 0),
				col(a, 1) ? col(a, 1) : "", col(a, 2) ? col(a, 2) : "-",
				col(a, 3) ? col(a, 3) : "-", sqlite3_column_int64(a, 5));
			put_cut(out, col(a, 4), 50);
			fputc('\n', out);
		}
		int first = 1;
		while (sqlite3_step(c) == SQLITE_ROW) {
			if (first)
				fprintf(out, "\ncopies (copy -> original):\n");
			first = 0;
			fprintf(out, "  %s -> %s  %s %.2f (%s)\n", col(c, 0), col(c, 1),
				col(c, 2), sqlite3_column_double(c, 3), col(c, 4));
		}
	} else {
		st = story_json(&b, s);
		if (!st) { /* reopen the object to add the lists */
			b.len--;
			st = ngi_buf_puts(&b, ",\"articles\":[");
		}
		for (int n = 0; !st && sqlite3_step(a) == SQLITE_ROW; n++) {
			st = ngi_buf_printf(&b, "%s{\"id\":", n ? "," : "");
			if (!st) st = ngi_buf_json_str(&b, col(a, 0));
			if (!st) st = ngi_buf_puts(&b, ",\"lang\":");
			if (!st) st = ngi_buf_json_str(&b, col(a, 1));
			if (!st) st = ngi_buf_puts(&b, ",\"published\":");
			if (!st) st = ngi_buf_json_str(&b, col(a, 2));
			if (!st) st = ngi_buf_puts(&b, ",\"title\":");
			if (!st) st = ngi_buf_json_str(&b, col(a, 4));
			if (!st) st = ngi_buf_putc(&b, '}');
		}
		if (!st)
			st = ngi_buf_puts(&b, "],\"copies\":[");
		for (int n = 0; !st && sqlite3_step(c) == SQLITE_ROW; n++) {
			st = ngi_buf_printf(&b, "%s{\"copy\":", n ? "," : "");
			if (!st) st = ngi_buf_json_str(&b, col(c, 0));
			if (!st) st = ngi_buf_puts(&b, ",\"original\":");
			if (!st) st = ngi_buf_json_str(&b, col(c, 1));
			if (!st) st = ngi_buf_printf(&b, ",\"kind\":\"%s\",\"score\":%.4f,\"why\":\"%s\"}",
						     col(c, 2), sqlite3_column_double(c, 3), col(c, 4));
		}
		if (!st)
			st = ngi_buf_puts(&b, "]}\n");
		if (!st)
			st = emit(out, &b);
	}
	ngi_buf_free(&b);
	sqlite3_finalize(s);
	sqlite3_finalize(a);
	sqlite3_finalize(c);
	return st;
}
