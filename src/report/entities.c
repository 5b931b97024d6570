/*
 * entities.c: `newsgraph entities`: the canonical entities of the store with
 * their type, mention and article counts and their variants (the distinct
 * texts of their mentions: scripts, inflections, short forms), most
 * mentioned first. The name shown is the display name most of the
 * entity's mentions carry. Reads the store only (tables entities and mentions,
 * docs/STORE.md).
 */
#include <sqlite3.h>
#include <stdlib.h>
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

typedef struct variant {
	const char *text;
	long long count;
} variant;

typedef struct entity_row {
	const char *type, *key, *name;
	long long mentions, articles;
	variant *variants;
	size_t n_variants, cap_variants;
	variant *names;          /* display names of the mentions, counted */
	size_t n_names, cap_names;
} entity_row;

/* Adds count to text in list (appended when new; last tells whether only
 * the last entry can match, as for rows grouped by that text). */
static ng_status count_in(variant **list, size_t *n, size_t *cap, ngi_arena *a,
			  const char *text, long long count, int last)
{
	for (size_t i = last && *n ? *n - 1 : 0; i < *n; i++)
		if (!strcmp((*list)[i].text, text)) {
			(*list)[i].count += count;
			return NG_OK;
		}
	if (ngi_grow((void **)list, cap, *n + 1, sizeof **list))
		return NG_ERR_NOMEM;
	variant *v = &(*list)[(*n)++];
	v->text = ngi_arena_strdup(a, text);
	v->count = count;
	return v->text ? NG_OK : NG_ERR_NOMEM;
}

/* The name shown: the display name most of the mentions have (the store
 * keeps the longest one seen), then the longer, then byte order. */
static void choose_name(entity_row *r)
{
	const variant *best = NULL;
	for (size_t i = 0; i < r->n_names; i++) {
		const variant *v = &r->names[i];
		if (!best || v->count > best->count ||
		    (v->count == best->count &&
		     (strlen(v->text) > strlen(best->text) ||
		      (strlen(v->text) == strlen(best->text) && strcmp(v->text, best->text) < 0))))
			best = v;
	}
	if (best)
		r->name = best->text;
}

static int cmp_entity(const void *a, const void *b)
{
	const entity_row *x = *(const entity_row *const *)a;
	const entity_row *y = *(const entity_row *const *)b;
	int c = strcmp(x->type, y->type);
	return c ? c : strcmp(x->key, y->key);
}

static int cmp_variant(const void *a, const void *b)
{
	const variant *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->text, y->text);
}

static ng_status variants_json(ngi_buf *b, const entity_row *r, ng_format f)
{
	ng_status st = f == NG_FORMAT_TABLE ? NG_OK : ngi_buf_puts(b, ",\"variants\":[");
	for (size_t i = 0; i < r->n_variants && !st; i++) {
		const variant *v = &r->variants[i];
		if (f != NG_FORMAT_TABLE) {
			st = ngi_buf_puts(b, i ? ",{\"text\":" : "{\"text\":");
			if (!st) st = ngi_buf_json_str(b, v->text);
			if (!st) st = ngi_buf_printf(b, ",\"count\":%lld}", v->count);
		} else if (i < TABLE_VARIANTS) {
			st = ngi_buf_printf(b, "%s%s (%lld)", i ? ", " : "", v->text, v->count);
		}
	}
	if (!st && f == NG_FORMAT_TABLE && r->n_variants > TABLE_VARIANTS)
		st = ngi_buf_printf(b, ", +%zu more", r->n_variants - TABLE_VARIANTS);
	if (!st && f != NG_FORMAT_TABLE)
		st = ngi_buf_putc(b, ']');
	return st;
}

/* The listed entities, then their variants in one pass over the mentions
 * (grouped by type, key and surface: no per-entity look-ups, so the store
 * needs no index on mentions(type, key), which ingest would pay for). */
static ng_status load(sqlite3 *db, const char *type, long long min_mentions,
		      ngi_arena *a, entity_row **rows_out, size_t *n_out)
{
	sqlite3_stmt *q = NULL;
	entity_row *rows = NULL;
	entity_row **by = NULL;
	size_t n = 0, cap = 0;
	ng_status st = NG_OK;
	if (sqlite3_prepare_v2(db,
			       "SELECT type, key, name, mentions, articles FROM entities"
			       " WHERE (?1 IS NULL OR type = ?1) AND mentions >= ?2"
			       " ORDER BY mentions DESC, articles DESC, name, type, key",
			       -1, &q, NULL) != SQLITE_OK)
		return NG_ERR_DB;
	if (type)
		sqlite3_bind_text(q, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, min_mentions);
	int rc;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (ngi_grow((void **)&rows, &cap, n + 1, sizeof *rows)) {
			st = NG_ERR_NOMEM;
			break;
		}
		entity_row *r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->type = ngi_arena_strdup(a, col(q, 0));
		r->key = ngi_arena_strdup(a, col(q, 1));
		r->name = ngi_arena_strdup(a, col(q, 2));
		r->mentions = sqlite3_column_int64(q, 3);
		r->articles = sqlite3_column_int64(q, 4);
		if (!r->type || !r->key || !r->name)
			st = NG_ERR_NOMEM;
	}
	if (!st && rc != SQLITE_DONE)
		st = NG_ERR_DB;
	sqlite3_finalize(q);
	q = NULL;
	if (!st && n) {
		by = malloc(n * sizeof *by);
		if (!by)
			st = NG_ERR_NOMEM;
		for (size_t i = 0; !st && i < n; i++)
			by[i] = &rows[i];
		if (!st)
			qsort(by, n, sizeof *by, cmp_entity);
	}
	if (!st && n &&
	    sqlite3_prepare_v2(db,
			       "SELECT type, key, surface, name, count(*) FROM mentions"
			       " WHERE ?1 IS NULL OR type = ?1"
			       " GROUP BY type, key, surface, name",
			       -1, &q, NULL) != SQLITE_OK)
		st = NG_ERR_DB;
	if (q && type)
		sqlite3_bind_text(q, 1, type, -1, SQLITE_STATIC);
	while (!st && q && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		entity_row probe = {.type = col(q, 0), .key = col(q, 1)};
		entity_row *pp = &probe;
		entity_row **hit = bsearch(&pp, by, n, sizeof *by, cmp_entity);
		if (!hit)
			continue;
		entity_row *r = *hit;
		long long count = sqlite3_column_int64(q, 4);
		st = count_in(&r->variants, &r->n_variants, &r->cap_variants, a,
			      col(q, 2) ? col(q, 2) : "", count, 1);
		if (!st)
			st = count_in(&r->names, &r->n_names, &r->cap_names, a,
				      col(q, 3) ? col(q, 3) : "", count, 0);
	}
	if (!st && q && rc != SQLITE_DONE)
		st = NG_ERR_DB;
	sqlite3_finalize(q);
	free(by);
	for (size_t i = 0; !st && i < n; i++) {
		if (rows[i].n_variants)
			qsort(rows[i].variants, rows[i].n_variants, sizeof *rows[i].variants,
			      cmp_variant);
		choose_name(&rows[i]);
	}
	*rows_out = rows;
	*n_out = n;
	return st;
}

static void free_rows(entity_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].variants);
		free(rows[i].names);
	}
	free(rows);
}

ng_status ng_report_entities(ng_engine *e, const char *type,
			     long long min_mentions, FILE *out, ng_format f)
{
	if (!e || !out)
		return NG_ERR_USAGE;
	sqlite3 *db = ngi_store_db(e->store);
	ngi_arena a;
	ngi_arena_init(&a, 64 << 10);
	entity_row *rows = NULL;
	size_t n = 0;
	ng_status st = load(db, type, min_mentions, &a, &rows, &n);
	if (st) {
		free_rows(rows, n);
		ngi_arena_free(&a);
		if (st == NG_ERR_DB)
			return ngi_engine_fail(e, st, "entities: %s", sqlite3_errmsg(db));
		return ngi_engine_fail(e, st, "entities: %s", ng_status_str(st));
	}
	ngi_buf b;
	ngi_buf_init(&b, 0);
	if (f == NG_FORMAT_JSON)
		st = ngi_buf_puts(&b, "{\"entities\":[\n");
	else if (f == NG_FORMAT_TABLE)
		st = ngi_buf_printf(&b, "%8s %8s  %-12s  %-*s  %s\n", "mentions",
				    "articles", "type", NAME_WIDTH, "name", "variants");
	for (size_t i = 0; i < n && !st; i++) {
		const entity_row *r = &rows[i];
		if (f == NG_FORMAT_TABLE) {
			int pad = NAME_WIDTH - width_of(r->name);
			st = ngi_buf_printf(&b, "%8lld %8lld  %-12s  %s%*s  ", r->mentions,
					    r->articles, r->type, r->name, pad > 0 ? pad : 0, "");
			if (!st) st = variants_json(&b, r, f);
			if (!st) st = ngi_buf_putc(&b, '\n');
		} else {
			if (f == NG_FORMAT_JSON && i)
				st = ngi_buf_puts(&b, ",\n");
			if (!st) st = ngi_buf_puts(&b, "{\"name\":");
			if (!st) st = ngi_buf_json_str(&b, r->name);
			if (!st) st = ngi_buf_printf(&b, ",\"type\":\"%s\",\"key\":", r->type);
			if (!st) st = ngi_buf_json_str(&b, r->key);
			if (!st) st = ngi_buf_printf(&b, ",\"mentions\":%lld,\"articles\":%lld",
						     r->mentions, r->articles);
			if (!st) st = variants_json(&b, r, f);
			if (!st) st = ngi_buf_puts(&b, f == NG_FORMAT_JSONL ? "}\n" : "}");
		}
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
	free_rows(rows, n);
	ngi_arena_free(&a);
	if (st == NG_ERR_IO)
		return ngi_engine_fail(e, st, "entities: write failed");
	return st;
}
