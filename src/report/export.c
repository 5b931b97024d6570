/*
 * export.c: every article with its story, copy edges, entity mentions,
 * dates, quotes, claims, responses and stances, as JSON or JSON Lines, formatted from
 * the article cursor and, per article, the edge, evidence, mention, date,
 * quote, claim, response and stance cursors (each prepared once and rebound). The schema is documented, and kept stable, in
 * docs/EXPORT.md. A store that fails mid-way fails the export: it never
 * ends as if the articles read were all.
 */
#include "report.h"

#include "../base/map.h"

#define EXPORT_VERSION 1

/* The cursors of one export: articles, and per article its edges (k), an
 * edge's evidence (ev), its mentions (m) and dates (d). */
typedef struct export_cursors {
	ng_cursor *a, *k, *ev, *m, *d;
	ng_cursor *q, *c, *r, *t; /* its quotes, claims, responses, stances */
	ng_cursor *th;            /* its story's thread (story ids) */
	ngi_map threads;          /* story -> offset in thread_text + 1 */
	ngi_buf thread_text;      /* each story's thread as a JSON array */
} export_cursors;

static const char *col(ng_cursor *c, int i)
{
	return ng_cursor_column_text(c, i);
}

static ng_status str_field(ngi_buf *b, const char *name, const char *v)
{
	ng_status st = ngi_buf_printf(b, ",\"%s\":", name);
	return st ? st : ngi_buf_json_str(b, v);
}

/* A loop over a cursor ends on NG_DONE; anything else is the status. */
static ng_status ended(ng_status st)
{
	return st == NG_DONE ? NG_OK : st;
}

/* The evidence rows of one edge, as a JSON array. */
static ng_status evidence_json(ngi_buf *b, ng_cursor *ev, long long copy,
			       long long original)
{
	long long ends[2] = {copy, original};
	ng_status st = ngi_cursor_rebind(ev, 2, ends);
	if (!st)
		st = ngi_buf_puts(b, ",\"evidence\":[");
	for (int n = 0; !st && (st = ng_cursor_step(ev)) == NG_ROW; n++)
		st = ngi_buf_printf(b, "%s{\"kind\":\"%s\",\"copy\":[%lld,%lld],"
				    "\"original\":[%lld,%lld],\"score\":%.4f}",
				    n ? "," : "", col(ev, 0),
				    ng_cursor_column_int64(ev, 1), ng_cursor_column_int64(ev, 2),
				    ng_cursor_column_int64(ev, 3), ng_cursor_column_int64(ev, 4),
				    ng_cursor_column_double(ev, 5));
	st = ended(st);
	return st ? st : ngi_buf_putc(b, ']');
}

/* "entities" and "dates" of one article, as analyze prints them. */
static ng_status extracted_json(ngi_buf *b, export_cursors *x, long long seq)
{
	ng_cursor *m = x->m, *d = x->d;
	ng_status st = ngi_cursor_rebind(m, 1, &seq);
	if (!st)
		st = ngi_buf_puts(b, ",\"entities\":[");
	for (int n = 0; !st && (st = ng_cursor_step(m)) == NG_ROW; n++) {
		st = ngi_buf_printf(b, "%s{\"start\":%lld,\"end\":%lld,\"text\":",
				    n ? "," : "", ng_cursor_column_int64(m, 0),
				    ng_cursor_column_int64(m, 1));
		if (!st) st = ngi_buf_json_str(b, col(m, 4));
		if (!st) st = str_field(b, "type", col(m, 5));
		if (!st) st = str_field(b, "key", col(m, 6));
		if (!st) st = str_field(b, "name", col(m, 7));
		if (!st) st = ngi_buf_putc(b, '}');
	}
	st = ended(st);
	if (!st)
		st = ngi_cursor_rebind(d, 1, &seq);
	if (!st)
		st = ngi_buf_puts(b, "],\"dates\":[");
	for (int n = 0; !st && (st = ng_cursor_step(d)) == NG_ROW; n++) {
		st = ngi_buf_printf(b, "%s{\"start\":%lld,\"end\":%lld,\"text\":",
				    n ? "," : "", ng_cursor_column_int64(d, 0),
				    ng_cursor_column_int64(d, 1));
		if (!st) st = ngi_buf_json_str(b, col(d, 4));
		if (!st) st = str_field(b, "value", col(d, 5));
		if (!st) st = str_field(b, "type", col(d, 6));
		if (!st) st = str_field(b, "granularity", col(d, 7));
		if (!st) st = str_field(b, "anchor", col(d, 8));
		if (!st) st = ngi_buf_putc(b, '}');
	}
	st = ended(st);
	return st ? st : ngi_buf_putc(b, ']');
}

/* "quotes", "claims", "responses" and "stances" of one article. */
static ng_status said_json(ngi_buf *b, export_cursors *x, long long seq)
{
	ng_cursor *q = x->q, *c = x->c, *r = x->r;
	ng_status st = ngi_cursor_rebind(q, 1, &seq);
	if (!st)
		st = ngi_buf_puts(b, ",\"quotes\":[");
	for (int n = 0; !st && (st = ng_cursor_step(q)) == NG_ROW; n++) {
		st = ngi_buf_puts(b, n ? ",{\"text\":" : "{\"text\":");
		if (!st) st = ngi_buf_json_str(b, col(q, 7));
		if (!st) st = ngi_buf_printf(b, ",\"start\":%lld,\"end\":%lld,"
					     "\"direct\":%s,\"speaker\":{\"name\":",
					     ng_cursor_column_int64(q, 2),
					     ng_cursor_column_int64(q, 3),
					     ng_cursor_column_int64(q, 6) ? "true" : "false");
		if (!st) st = ngi_buf_json_str(b, col(q, 8));
		if (!st) st = str_field(b, "as_written", col(q, 9));
		if (!st) st = str_field(b, "key", col(q, 10));
		if (!st) st = ngi_buf_puts(b, "},\"group\":");
		if (!st) st = ng_cursor_column_type(q, 11) == NG_TYPE_INT
			? ngi_buf_printf(b, "%lld", ng_cursor_column_int64(q, 11))
			: ngi_buf_puts(b, "null");
		if (!st) st = str_field(b, "date", col(q, 12));
		if (!st) st = str_field(b, "date_source", col(q, 13));
		if (!st) st = ngi_buf_putc(b, '}');
	}
	st = ended(st);
	ng_cursor *lists[3] = {c, r, x->t};
	const char *names[3] = {"],\"claims\":[", "],\"responses\":[",
				"],\"stances\":["};
	for (int l = 0; l < 3 && !st; l++) {
		st = ngi_cursor_rebind(lists[l], 1, &seq);
		if (!st)
			st = ngi_buf_puts(b, names[l]);
		for (int n = 0; !st && (st = ng_cursor_step(lists[l])) == NG_ROW; n++) {
			st = ngi_buf_puts(b, n ? ",{" : "{");
			if (!st) st = ngi_row_json(b, lists[l], NULL);
			if (!st) st = ngi_buf_putc(b, '}');
		}
		st = ended(st);
	}
	return st ? st : ngi_buf_putc(b, ']');
}

/* "thread": the other stories of the article's story's thread (sharing a
 * claim or a quote group), read once per story. */
static ng_status thread_json(ngi_buf *b, export_cursors *x, long long story)
{
	uint64_t *at = ngi_map_get(&x->threads, (uint64_t)story);
	if (!at) {
		size_t off = x->thread_text.len;
		ng_status st = ngi_cursor_rebind(x->th, 1, &story);
		if (!st)
			st = ngi_buf_putc(&x->thread_text, '[');
		for (int n = 0; !st && (st = ng_cursor_step(x->th)) == NG_ROW; n++)
			st = ngi_buf_printf(&x->thread_text, "%s%lld", n ? "," : "",
					    ng_cursor_column_int64(x->th, 0));
		st = ended(st);
		if (!st)
			st = ngi_buf_append(&x->thread_text, "]", 2); /* with its NUL */
		if (!st)
			st = ngi_map_put(&x->threads, (uint64_t)story, off + 1);
		if (st)
			return st;
		at = ngi_map_get(&x->threads, (uint64_t)story);
	}
	ng_status st = ngi_buf_puts(b, ",\"thread\":");
	return st ? st : ngi_buf_puts(b, x->thread_text.data + *at - 1);
}

/* The article row x->a is on (the article columns of include/newsgraph.h). */
static ng_status article_json(ngi_buf *b, export_cursors *x)
{
	ng_cursor *a = x->a, *k = x->k;
	long long seq = ng_cursor_column_int64(a, 14);
	ng_status st = ngi_buf_puts(b, "{\"id\":");
	if (!st) st = ngi_buf_json_str(b, col(a, 0));
	if (!st) st = str_field(b, "title", col(a, 2));
	if (!st) st = str_field(b, "lang", col(a, 3));
	if (!st) st = ngi_buf_printf(b, ",\"lang_reliable\":%s",
				     ng_cursor_column_int64(a, 4) ? "true" : "false");
	if (!st) st = str_field(b, "published", col(a, 5));
	if (!st) st = str_field(b, "published_source", col(a, 6));
	if (!st) st = ngi_buf_printf(b, ",\"published_confidence\":%.2f",
				     ng_cursor_column_double(a, 7));
	if (!st) st = str_field(b, "outlet", col(a, 8));
	if (!st) st = str_field(b, "url", col(a, 9));
	if (!st) st = str_field(b, "source", col(a, 10));
	if (!st) st = ngi_buf_printf(b, ",\"record\":%lld,\"story\":%lld,\"words\":%lld,"
				     "\"sentences\":%lld,\"copies\":[",
				     ng_cursor_column_int64(a, 11), ng_cursor_column_int64(a, 1),
				     ng_cursor_column_int64(a, 12), ng_cursor_column_int64(a, 13));
	if (!st)
		st = ngi_cursor_rebind(k, 1, &seq);
	for (int n = 0; !st && (st = ng_cursor_step(k)) == NG_ROW; n++) {
		long long copy = ng_cursor_column_int64(k, 5);
		long long original = ng_cursor_column_int64(k, 6);
		/* the other article: the original when this one is the copy */
		st = ngi_buf_puts(b, n ? ",{\"other\":" : "{\"other\":");
		if (!st) st = ngi_buf_json_str(b, col(k, copy == seq ? 1 : 0));
		if (!st) st = str_field(b, "original", col(k, 1));
		if (!st) st = str_field(b, "kind", col(k, 2));
		if (!st) st = ngi_buf_printf(b, ",\"score\":%.4f", ng_cursor_column_double(k, 3));
		if (!st) st = str_field(b, "why", col(k, 4));
		if (!st) st = evidence_json(b, x->ev, copy, original);
		if (!st) st = ngi_buf_putc(b, '}');
	}
	st = ended(st);
	if (!st)
		st = ngi_buf_putc(b, ']');
	if (!st)
		st = extracted_json(b, x, seq);
	if (!st)
		st = said_json(b, x, seq);
	if (!st)
		st = thread_json(b, x, ng_cursor_column_int64(a, 1));
	if (!st)
		st = ngi_buf_putc(b, '}');
	return st;
}

ng_status ng_export_to(ng_engine *e, ng_format f, ng_write_fn write, void *ctx)
{
	if (!e || !write || f == NG_FORMAT_TABLE)
		return NG_ERR_USAGE;
	e->err[0] = '\0';
	ngi_err err = ngi_report_err(e);
	export_cursors x = {0};
	ng_status st = ngi_query_articles(e->store, err, &x.a);
	if (!st) st = ngi_query_article_copies(e->store, err, 0, &x.k);
	if (!st) st = ngi_query_evidence(e->store, err, 0, 0, &x.ev);
	if (!st) st = ngi_query_article_mentions(e->store, err, 0, &x.m);
	if (!st) st = ngi_query_article_dates(e->store, err, 0, &x.d);
	if (!st) st = ngi_query_article_quotes(e->store, err, 0, &x.q);
	if (!st) st = ngi_query_article_claims(e->store, err, 0, &x.c);
	if (!st) st = ngi_query_article_responses(e->store, err, 0, &x.r);
	if (!st) st = ngi_query_article_stances(e->store, err, 0, &x.t);
	if (!st) st = ngi_query_thread_stories(e->store, err, 0, &x.th);
	ngi_map_init(&x.threads);
	ngi_buf_init(&x.thread_text, 0);
	ngi_out o;
	ngi_out_init(&o, e, write, ctx);
	if (!st && f == NG_FORMAT_JSON)
		st = ngi_buf_printf(&o.b, "{\"version\":%d,\"articles\":[\n", EXPORT_VERSION);
	for (long long n = 0; !st && (st = ng_cursor_step(x.a)) == NG_ROW; n++) {
		st = NG_OK;
		if (f == NG_FORMAT_JSON && n)
			st = ngi_buf_puts(&o.b, ",\n");
		if (!st)
			st = article_json(&o.b, &x);
		if (!st && f == NG_FORMAT_JSONL)
			st = ngi_buf_putc(&o.b, '\n');
		if (!st)
			st = ngi_out_flush(&o, 0);
	}
	st = ended(st);
	if (!st && f == NG_FORMAT_JSON)
		st = ngi_buf_puts(&o.b, "\n]}\n");
	if (!st)
		st = ngi_out_flush(&o, 1);
	ngi_out_free(&o);
	ng_cursor_close(x.a);
	ng_cursor_close(x.k);
	ng_cursor_close(x.ev);
	ng_cursor_close(x.m);
	ng_cursor_close(x.d);
	ng_cursor_close(x.q);
	ng_cursor_close(x.c);
	ng_cursor_close(x.r);
	ng_cursor_close(x.t);
	ng_cursor_close(x.th);
	ngi_map_free(&x.threads);
	ngi_buf_free(&x.thread_text);
	return ngi_report_end(e, "export", st);
}

typedef struct export_args {
	ng_engine *e;
	ng_format f;
} export_args;

static ng_status export_fn(void *args, ng_write_fn write, void *ctx)
{
	export_args *a = args;
	return ng_export_to(a->e, a->f, write, ctx);
}

ng_status ng_export(ng_engine *e, FILE *out, ng_format f)
{
	if (f == NG_FORMAT_TABLE)
		return NG_ERR_USAGE;
	export_args a = {e, f};
	return ngi_report_to_file(e, out, "export", export_fn, &a);
}
