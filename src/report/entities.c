/*
 * entities.c: `newsgraph entities`: the canonical entities of the store with
 * their type, mention and article counts and their variants (the distinct
 * texts of their mentions: scripts, inflections, short forms), most
 * mentioned first. The name shown is the display name most of the
 * entity's mentions carry. Formatted from the entity and variant cursors
 * (ng_entities_open, ng_entity_variants_open).
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define NAME_WIDTH 28
#define TABLE_VARIANTS 8 /* the table shows the most frequent ones */

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
static ng_status load(ng_engine *e, const char *type, long long min_mentions,
		      ngi_arena *a, entity_row **rows_out, size_t *n_out)
{
	ng_cursor *q = NULL;
	entity_row *rows = NULL;
	entity_row **by = NULL;
	size_t n = 0, cap = 0;
	ng_entity_filter f = NG_ENTITY_FILTER_INIT;
	f.type = type;
	f.min_mentions = min_mentions;
	ng_status st = ng_entities_open(e, &f, &q);
	while (!st && (st = ng_cursor_step(q)) == NG_ROW) {
		st = NG_OK;
		if (ngi_grow((void **)&rows, &cap, n + 1, sizeof *rows)) {
			st = NG_ERR_NOMEM;
			break;
		}
		entity_row *r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->type = ngi_arena_strdup(a, ng_cursor_column_text(q, 0));
		r->key = ngi_arena_strdup(a, ng_cursor_column_text(q, 1));
		r->name = ngi_arena_strdup(a, ng_cursor_column_text(q, 2));
		r->mentions = ng_cursor_column_int64(q, 3);
		r->articles = ng_cursor_column_int64(q, 4);
		if (!r->type || !r->key || !r->name)
			st = NG_ERR_NOMEM;
	}
	ng_cursor_close(q);
	q = NULL;
	if (st == NG_DONE)
		st = NG_OK;
	if (!st && n) {
		by = malloc(n * sizeof *by);
		if (!by)
			st = NG_ERR_NOMEM;
		for (size_t i = 0; !st && i < n; i++)
			by[i] = &rows[i];
		if (!st)
			qsort(by, n, sizeof *by, cmp_entity);
	}
	if (!st && n)
		st = ng_entity_variants_open(e, type, NULL, &q);
	while (!st && q && (st = ng_cursor_step(q)) == NG_ROW) {
		st = NG_OK;
		entity_row probe = {.type = ng_cursor_column_text(q, 0),
				    .key = ng_cursor_column_text(q, 1)};
		entity_row *pp = &probe;
		if (!probe.type || !probe.key)
			continue;
		entity_row **hit = bsearch(&pp, by, n, sizeof *by, cmp_entity);
		if (!hit)
			continue;
		entity_row *r = *hit;
		long long count = ng_cursor_column_int64(q, 4);
		const char *text = ng_cursor_column_text(q, 2);
		const char *name = ng_cursor_column_text(q, 3);
		st = count_in(&r->variants, &r->n_variants, &r->cap_variants, a,
			      text ? text : "", count, 1);
		if (!st)
			st = count_in(&r->names, &r->n_names, &r->cap_names, a,
				      name ? name : "", count, 0);
	}
	ng_cursor_close(q);
	if (st == NG_DONE)
		st = NG_OK;
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

ng_status ng_report_entities_to(ng_engine *e, const char *type,
				long long min_mentions, ng_format f,
				ng_write_fn write, void *ctx)
{
	if (!e || !write)
		return NG_ERR_USAGE;
	e->err[0] = '\0';
	ngi_arena a;
	ngi_arena_init(&a, 64 << 10);
	entity_row *rows = NULL;
	size_t n = 0;
	ng_status st = load(e, type, min_mentions, &a, &rows, &n);
	ngi_out o;
	ngi_out_init(&o, e, write, ctx);
	ngi_buf *b = &o.b;
	if (!st && f == NG_FORMAT_JSON)
		st = ngi_buf_puts(b, "{\"entities\":[\n");
	else if (!st && f == NG_FORMAT_TABLE)
		st = ngi_buf_printf(b, "%8s %8s  %-12s  %-*s  %s\n", "mentions",
				    "articles", "type", NAME_WIDTH, "name", "variants");
	for (size_t i = 0; i < n && !st; i++) {
		const entity_row *r = &rows[i];
		if (f == NG_FORMAT_TABLE) {
			int pad = NAME_WIDTH - width_of(r->name);
			st = ngi_buf_printf(b, "%8lld %8lld  %-12s  %s%*s  ", r->mentions,
					    r->articles, r->type, r->name, pad > 0 ? pad : 0, "");
			if (!st) st = variants_json(b, r, f);
			if (!st) st = ngi_buf_putc(b, '\n');
		} else {
			if (f == NG_FORMAT_JSON && i)
				st = ngi_buf_puts(b, ",\n");
			if (!st) st = ngi_buf_puts(b, "{\"name\":");
			if (!st) st = ngi_buf_json_str(b, r->name);
			if (!st) st = ngi_buf_printf(b, ",\"type\":\"%s\",\"key\":", r->type);
			if (!st) st = ngi_buf_json_str(b, r->key);
			if (!st) st = ngi_buf_printf(b, ",\"mentions\":%lld,\"articles\":%lld",
						     r->mentions, r->articles);
			if (!st) st = variants_json(b, r, f);
			if (!st) st = ngi_buf_puts(b, f == NG_FORMAT_JSONL ? "}\n" : "}");
		}
		if (!st)
			st = ngi_out_flush(&o, 0);
	}
	if (!st && f == NG_FORMAT_JSON)
		st = ngi_buf_puts(b, "\n]}\n");
	if (!st)
		st = ngi_out_flush(&o, 1);
	ngi_out_free(&o);
	free_rows(rows, n);
	ngi_arena_free(&a);
	return ngi_report_end(e, "entities", st);
}

typedef struct entities_args {
	ng_engine *e;
	const char *type;
	long long min_mentions;
	ng_format f;
} entities_args;

static ng_status entities_fn(void *args, ng_write_fn write, void *ctx)
{
	entities_args *a = args;
	return ng_report_entities_to(a->e, a->type, a->min_mentions, a->f, write, ctx);
}

ng_status ng_report_entities(ng_engine *e, const char *type,
			     long long min_mentions, FILE *out, ng_format f)
{
	entities_args a = {e, type, min_mentions, f};
	return ngi_report_to_file(e, out, "entities", entities_fn, &a);
}
