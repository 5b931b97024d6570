/*
 * stories.c: the story listing and one story's page (its articles, copy
 * edges and thread: the stories sharing its claims or quotes), as a table
 * or JSON, formatted from the story, article, copy-edge and thread cursors.
 *
 * Titles are cut to the terminal-friendly width on a code point boundary.
 */
#include <string.h>

#include "report.h"

#define TITLE_WIDTH 70

/* A row of a story cursor (story, size, languages, first_seen, last_seen,
 * title) as a JSON object. */
static ng_status story_json(ngi_buf *b, ng_cursor *c)
{
	ng_status st = ngi_buf_printf(b, "{\"story\":%lld,\"size\":%lld,\"languages\":",
				      ng_cursor_column_int64(c, 0),
				      ng_cursor_column_int64(c, 1));
	/* languages as a JSON array */
	const char *langs = ng_cursor_column_text(c, 2);
	if (!st)
		st = ngi_json_list(b, langs);
	if (!st)
		st = ngi_buf_puts(b, ",\"first_seen\":");
	if (!st)
		st = ngi_buf_json_str(b, ng_cursor_column_text(c, 3));
	if (!st)
		st = ngi_buf_puts(b, ",\"last_seen\":");
	if (!st)
		st = ngi_buf_json_str(b, ng_cursor_column_text(c, 4));
	if (!st)
		st = ngi_buf_puts(b, ",\"title\":");
	if (!st)
		st = ngi_buf_json_str(b, ng_cursor_column_text(c, 5));
	if (!st)
		st = ngi_buf_putc(b, '}');
	return st;
}

ng_status ng_report_stories_to(ng_engine *e, ng_format f, ng_write_fn write,
			       void *ctx)
{
	if (!e || !write)
		return NG_ERR_USAGE;
	e->err[0] = '\0';
	ng_cursor *c;
	ng_status st = ng_stories_open(e, NULL, &c);
	if (st)
		return st;
	ngi_out o;
	ngi_out_init(&o, e, write, ctx);
	ngi_buf *b = &o.b;
	if (f == NG_FORMAT_TABLE)
		st = ngi_buf_printf(b, "%6s %5s  %-12s %-10s  %s\n", "story", "size",
				    "languages", "first seen", "title");
	else if (f == NG_FORMAT_JSON)
		st = ngi_buf_puts(b, "{\"stories\":[");
	long long n = 0;
	while (!st && (st = ng_cursor_step(c)) == NG_ROW) {
		st = NG_OK;
		if (f == NG_FORMAT_TABLE) {
			st = ngi_buf_printf(b, "%6lld %5lld  %-12s %-10.10s  ",
					    ng_cursor_column_int64(c, 0),
					    ng_cursor_column_int64(c, 1),
					    ngi_or(ng_cursor_column_text(c, 2), ""),
					    ngi_or(ng_cursor_column_text(c, 3), "-"));
			if (!st)
				st = ngi_put_cut(b, ng_cursor_column_text(c, 5), TITLE_WIDTH, 0);
			if (!st)
				st = ngi_buf_putc(b, '\n');
		} else {
			if (f == NG_FORMAT_JSON && n)
				st = ngi_buf_putc(b, ',');
			if (!st)
				st = story_json(b, c);
			if (!st && f == NG_FORMAT_JSONL)
				st = ngi_buf_putc(b, '\n');
		}
		if (!st)
			st = ngi_out_flush(&o, 0);
		n++;
	}
	if (st == NG_DONE) {
		st = f == NG_FORMAT_JSON ? ngi_buf_puts(b, "]}\n") : NG_OK;
		if (!st)
			st = ngi_out_flush(&o, 1);
	}
	ng_cursor_close(c);
	ngi_out_free(&o);
	return ngi_report_end(e, "stories", st);
}

/* The thread of a story (t: the other stories sharing a claim or a quote
 * group), as table lines or a JSON array. */
static ng_status thread_table(ngi_out *o, ng_cursor *t)
{
	ng_status st = NG_OK;
	for (int n = 0; !st && (st = ng_cursor_step(t)) == NG_ROW; n++) {
		st = n ? NG_OK : ngi_buf_puts(&o->b, "\nthread (stories sharing "
						     "claims or quotes):\n");
		if (!st)
			st = ngi_buf_printf(&o->b, "  story %lld: %lld claims, "
						   "%lld quote groups\n",
					    ng_cursor_column_int64(t, 0),
					    ng_cursor_column_int64(t, 1),
					    ng_cursor_column_int64(t, 2));
	}
	return st;
}

static ng_status thread_json(ngi_out *o, ng_cursor *t)
{
	ng_status st = ngi_buf_puts(&o->b, ",\"thread\":[");
	for (int n = 0; !st && (st = ng_cursor_step(t)) == NG_ROW; n++)
		st = ngi_buf_printf(&o->b, "%s{\"story\":%lld,\"claims\":%lld,"
					   "\"quote_groups\":%lld}", n ? "," : "",
				    ng_cursor_column_int64(t, 0),
				    ng_cursor_column_int64(t, 1),
				    ng_cursor_column_int64(t, 2));
	if (st == NG_DONE)
		st = ngi_buf_putc(&o->b, ']');
	return st;
}

/* The table form of one story: its row (s), articles (a), copies (k). */
static ng_status story_table(ngi_out *o, long long story, ng_cursor *s,
			     ng_cursor *a, ng_cursor *k)
{
	ngi_buf *b = &o->b;
	ng_status st = ngi_buf_printf(b, "story %lld: %lld articles, languages %s, "
					 "first seen %s\n",
				      story, ng_cursor_column_int64(s, 1),
				      ngi_or(ng_cursor_column_text(s, 2), "-"),
				      ngi_or(ng_cursor_column_text(s, 3), "unknown"));
	if (!st)
		st = ngi_buf_printf(b, "title: %s\n\n", ngi_or(ng_cursor_column_text(s, 5), ""));
	if (!st)
		st = ngi_buf_printf(b, "%-28s %-4s %-20s %-10s %6s  %s\n", "article",
				    "lang", "published", "outlet", "words", "title");
	while (!st && (st = ng_cursor_step(a)) == NG_ROW) {
		st = ngi_buf_printf(b, "%-28s %-4s %-20s %-10s %6lld  ",
				    ngi_or(ng_cursor_column_text(a, 0), ""),
				    ngi_or(ng_cursor_column_text(a, 3), ""),
				    ngi_or(ng_cursor_column_text(a, 5), "-"),
				    ngi_or(ng_cursor_column_text(a, 8), "-"),
				    ng_cursor_column_int64(a, 12));
		if (!st) st = ngi_put_cut(b, ng_cursor_column_text(a, 2), 50, 0);
		if (!st) st = ngi_buf_putc(b, '\n');
		if (!st) st = ngi_out_flush(o, 0);
	}
	if (st != NG_DONE)
		return st;
	st = NG_OK;
	for (int n = 0; !st && (st = ng_cursor_step(k)) == NG_ROW; n++) {
		st = n ? NG_OK : ngi_buf_puts(b, "\ncopies (copy -> original):\n");
		if (!st)
			st = ngi_buf_printf(b, "  %s -> %s  %s %.2f (%s)\n",
					    ng_cursor_column_text(k, 0),
					    ng_cursor_column_text(k, 1),
					    ng_cursor_column_text(k, 2),
					    ng_cursor_column_double(k, 3),
					    ng_cursor_column_text(k, 4));
		if (!st) st = ngi_out_flush(o, 0);
	}
	return st;
}

static ng_status story_json_page(ngi_out *o, ng_cursor *s, ng_cursor *a,
				 ng_cursor *k, ng_cursor *t)
{
	ngi_buf *b = &o->b;
	ng_status st = story_json(b, s);
	if (!st) { /* reopen the object to add the lists */
		b->len--;
		st = ngi_buf_puts(b, ",\"articles\":[");
	}
	for (int n = 0; !st && (st = ng_cursor_step(a)) == NG_ROW; n++) {
		st = ngi_buf_printf(b, "%s{\"id\":", n ? "," : "");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(a, 0));
		if (!st) st = ngi_buf_puts(b, ",\"lang\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(a, 3));
		if (!st) st = ngi_buf_puts(b, ",\"published\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(a, 5));
		if (!st) st = ngi_buf_puts(b, ",\"title\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(a, 2));
		if (!st) st = ngi_buf_putc(b, '}');
		if (!st) st = ngi_out_flush(o, 0);
	}
	if (st != NG_DONE)
		return st;
	st = ngi_buf_puts(b, "],\"copies\":[");
	for (int n = 0; !st && (st = ng_cursor_step(k)) == NG_ROW; n++) {
		st = ngi_buf_printf(b, "%s{\"copy\":", n ? "," : "");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(k, 0));
		if (!st) st = ngi_buf_puts(b, ",\"original\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(k, 1));
		if (!st) st = ngi_buf_printf(b, ",\"kind\":\"%s\",\"score\":%.4f,\"why\":\"%s\"}",
					     ng_cursor_column_text(k, 2),
					     ng_cursor_column_double(k, 3),
					     ng_cursor_column_text(k, 4));
		if (!st) st = ngi_out_flush(o, 0);
	}
	if (st != NG_DONE)
		return st;
	st = ngi_buf_putc(b, ']');
	if (!st)
		st = thread_json(o, t);
	return st ? st : ngi_buf_puts(b, "}\n");
}

ng_status ng_report_story_to(ng_engine *e, long long story, ng_format f,
			     ng_write_fn write, void *ctx)
{
	if (!e || !write)
		return NG_ERR_USAGE;
	e->err[0] = '\0';
	ng_cursor *s = NULL, *a = NULL, *k = NULL, *t = NULL;
	ng_status st = ng_story_open(e, story, &s);
	if (!st)
		st = ng_story_articles_open(e, story, &a);
	if (!st)
		st = ng_story_copies_open(e, story, &k);
	if (!st)
		st = ngi_query_thread_stories(e->store, ngi_report_err(e), story, &t);
	if (!st && ng_cursor_step(s) != NG_ROW) /* the one row, prefetched */
		st = NG_ERR_INTERNAL;
	ngi_out o;
	ngi_out_init(&o, e, write, ctx);
	if (!st)
		st = f == NG_FORMAT_TABLE ? story_table(&o, story, s, a, k)
					  : story_json_page(&o, s, a, k, t);
	if (st == NG_DONE)
		st = NG_OK;
	if (!st && f == NG_FORMAT_TABLE)
		st = thread_table(&o, t);
	if (st == NG_DONE)
		st = NG_OK;
	if (!st)
		st = ngi_out_flush(&o, 1);
	ngi_out_free(&o);
	ng_cursor_close(s);
	ng_cursor_close(a);
	ng_cursor_close(k);
	ng_cursor_close(t);
	return ngi_report_end(e, "show", st);
}

typedef struct story_args {
	ng_engine *e;
	long long story;
	ng_format f;
} story_args;

static ng_status stories_fn(void *args, ng_write_fn write, void *ctx)
{
	story_args *a = args;
	return ng_report_stories_to(a->e, a->f, write, ctx);
}

static ng_status story_fn(void *args, ng_write_fn write, void *ctx)
{
	story_args *a = args;
	return ng_report_story_to(a->e, a->story, a->f, write, ctx);
}

ng_status ng_report_stories(ng_engine *e, FILE *out, ng_format f)
{
	story_args a = {e, 0, f};
	return ngi_report_to_file(e, out, "stories", stories_fn, &a);
}

ng_status ng_report_story(ng_engine *e, long long story, FILE *out, ng_format f)
{
	story_args a = {e, story, f};
	return ngi_report_to_file(e, out, "show", story_fn, &a);
}
