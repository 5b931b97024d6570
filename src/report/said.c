/*
 * said.c: `newsgraph quotes`, `claims` and `timeline`: who said what, as a
 * table or JSON, formatted from the quote-group, quote, claim (with its
 * reports, responses, stances and stories) and timeline cursors of
 * include/newsgraph.h. docs/EXPORT.md has the JSON.
 */
#include <string.h>

#include "report.h"

#define TEXT_WIDTH 90

static ng_status done(ng_status st)
{
	return st == NG_DONE ? NG_OK : st;
}

/* ---- quotes ----------------------------------------------------------------- */
/* The quotes of group g as a JSON array. */
static ng_status group_quotes_json(ng_engine *e, ngi_buf *b, long long g)
{
	ng_said_filter f = NG_SAID_FILTER_INIT;
	f.group = g;
	ng_cursor *q;
	ng_status st = ng_quotes_open(e, &f, &q);
	if (!st)
		st = ngi_buf_puts(b, ",\"quotes\":[");
	for (int n = 0; !st && (st = ng_cursor_step(q)) == NG_ROW; n++) {
		st = ngi_buf_printf(b, "%s{\"article\":", n ? "," : "");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(q, 0));
		if (!st) st = ngi_buf_printf(b, ",\"story\":%lld,\"lang\":",
					     ng_cursor_column_int64(q, 1));
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(q, 14));
		if (!st) st = ngi_buf_puts(b, ",\"text\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(q, 7));
		if (!st) st = ngi_buf_printf(b, ",\"start\":%lld,\"end\":%lld,"
					     "\"speaker\":{\"name\":",
					     ng_cursor_column_int64(q, 2),
					     ng_cursor_column_int64(q, 3));
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(q, 8));
		if (!st) st = ngi_buf_puts(b, ",\"as_written\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(q, 9));
		if (!st) st = ngi_buf_puts(b, ",\"key\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(q, 10));
		if (!st) st = ngi_buf_puts(b, "},\"date\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(q, 12));
		if (!st) st = ngi_buf_putc(b, '}');
	}
	st = done(st);
	ng_cursor_close(q);
	return st ? st : ngi_buf_putc(b, ']');
}

static ng_status group_row(void *ctx, ngi_buf *b, ng_cursor *c, ng_format fmt)
{
	ng_engine *e = ctx;
	ng_status st;
	if (fmt == NG_FORMAT_TABLE) {
		st = ngi_buf_printf(b, "%6lld %8lld  %-8s %-22.22s ",
				    ng_cursor_column_int64(c, 0),
				    ng_cursor_column_int64(c, 6),
				    ngi_or(ng_cursor_column_text(c, 7), "-"),
				    ngi_or(ng_cursor_column_text(c, 2), "?"));
		if (!st) st = ngi_buf_putc(b, '"');
		if (!st) st = ngi_put_cut(b, ng_cursor_column_text(c, 1), TEXT_WIDTH, 1);
		if (!st) st = ngi_buf_printf(b, "\"\n%39s first in %s\n", "",
					     ngi_or(ng_cursor_column_text(c, 4), "?"));
		return st;
	}
	st = ngi_buf_printf(b, "{\"group\":%lld,\"text\":", ng_cursor_column_int64(c, 0));
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 1));
	if (!st) st = ngi_buf_puts(b, ",\"speaker\":{\"name\":");
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 2));
	if (!st) st = ngi_buf_puts(b, ",\"key\":");
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 3));
	if (!st) st = ngi_buf_puts(b, "},\"first_article\":");
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 4));
	if (!st) st = ngi_buf_puts(b, ",\"first_published\":");
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 5));
	if (!st) st = ngi_buf_printf(b, ",\"articles\":%lld,\"stories\":%lld,"
				     "\"languages\":",
				     ng_cursor_column_int64(c, 6),
				     ng_cursor_column_int64(c, 8));
	if (!st) st = ngi_json_list(b, ng_cursor_column_text(c, 7));
	if (!st) st = group_quotes_json(e, b, ng_cursor_column_int64(c, 0));
	return st ? st : ngi_buf_putc(b, '}');
}

ng_status ng_report_quotes_to(ng_engine *e, const ng_said_filter *f,
			      ng_format fmt, ng_write_fn write, void *ctx)
{
	if (!e || !write)
		return NG_ERR_USAGE;
	e->err[0] = '\0';
	ng_cursor *c;
	ng_status st = ng_quote_groups_open(e, f, &c);
	if (st)
		return st;
	char head[128];
	snprintf(head, sizeof head, "%6s %8s  %-8s %-22s %s\n", "group", "articles",
		 "langs", "speaker", "text");
	ngi_out o;
	ngi_out_init(&o, e, write, ctx);
	st = ngi_report_rows(&o, c, fmt, fmt == NG_FORMAT_TABLE ? head
					 : "{\"quote_groups\":[", group_row, e);
	ngi_out_free(&o);
	ng_cursor_close(c);
	return ngi_report_end(e, "quotes", st);
}

/* ---- claims ------------------------------------------------------------------ */
/* The per-claim cursors, opened once and rebound for each claim. */
typedef struct claim_cursors {
	ng_cursor *stories, *reports, *responses, *stances;
} claim_cursors;

/* The report cursor's columns in JSON: all but the article's seq. */
static const char no_seq[16] = {[9] = 1};

static ng_status claim_json(ngi_buf *b, ng_cursor *c, claim_cursors *x)
{
	long long id = ng_cursor_column_int64(c, 0);
	ng_status st = ngi_buf_printf(b, "{\"id\":%lld,\"text\":", id);
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 1));
	if (!st) st = ngi_buf_puts(b, ",\"kind\":");
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 2));
	if (!st) st = ngi_buf_puts(b, ",\"claimant\":");
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 3));
	if (!st) st = ngi_buf_puts(b, ",\"claimant_key\":");
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 4));
	if (!st) st = ngi_buf_puts(b, ",\"first_article\":");
	if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(c, 5));
	if (!st) st = ngi_cursor_rebind(x->stories, 1, &id);
	if (!st) st = ngi_buf_puts(b, ",\"stories\":[");
	for (int n = 0; !st && (st = ng_cursor_step(x->stories)) == NG_ROW; n++)
		st = ngi_buf_printf(b, "%s%lld", n ? "," : "",
				    ng_cursor_column_int64(x->stories, 0));
	st = done(st);
	if (!st) st = ngi_cursor_rebind(x->reports, 1, &id);
	if (!st) st = ngi_buf_puts(b, "],\"reported_in\":[");
	/* an article reporting it twice is listed once (rows come by
	 * article) */
	long long last = -1;
	for (int n = 0; !st && (st = ng_cursor_step(x->reports)) == NG_ROW;) {
		long long seq = ng_cursor_column_int64(x->reports, 9);
		st = NG_OK;
		if (seq == last)
			continue;
		last = seq;
		st = n++ ? ngi_buf_putc(b, ',') : NG_OK;
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(x->reports, 0));
	}
	st = done(st);
	if (!st) st = ngi_cursor_rebind(x->reports, 1, &id);
	if (!st) st = ngi_buf_puts(b, "],\"reports\":[");
	for (int n = 0; !st && (st = ng_cursor_step(x->reports)) == NG_ROW; n++) {
		st = ngi_buf_puts(b, n ? ",{" : "{");
		if (!st) st = ngi_row_json(b, x->reports, no_seq);
		if (!st) st = ngi_buf_putc(b, '}');
	}
	st = done(st);
	if (!st) st = ngi_cursor_rebind(x->responses, 1, &id);
	if (!st) st = ngi_buf_puts(b, "],\"responses\":[");
	for (int n = 0; !st && (st = ng_cursor_step(x->responses)) == NG_ROW; n++) {
		ng_cursor *r = x->responses;
		st = ngi_buf_printf(b, "%s{\"article\":", n ? "," : "");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(r, 0));
		if (!st) st = ngi_buf_printf(b, ",\"story\":%lld,\"stance\":",
					     ng_cursor_column_int64(r, 1));
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(r, 2));
		if (!st) st = ngi_buf_puts(b, ",\"by\":");
		if (!st) st = ngi_buf_json_str(b, ngi_or(ng_cursor_column_text(r, 3),
						     ng_cursor_column_text(r, 5)));
		if (!st) st = ngi_buf_puts(b, ",\"by_key\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(r, 4));
		if (!st) st = ngi_buf_puts(b, ",\"as_written\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(r, 5));
		if (!st) st = ngi_buf_puts(b, ",\"evidence\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(r, 6));
		if (!st) st = ngi_buf_puts(b, ",\"cue\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(r, 9));
		if (!st) st = ngi_buf_puts(b, ",\"date\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(r, 7));
		if (!st) st = ngi_buf_puts(b, ",\"date_source\":");
		if (!st) st = ngi_buf_json_str(b, ng_cursor_column_text(r, 8));
		if (!st) st = ngi_buf_putc(b, '}');
	}
	st = done(st);
	if (!st) st = ngi_cursor_rebind(x->stances, 1, &id);
	if (!st) st = ngi_buf_puts(b, "],\"stances\":[");
	for (int n = 0; !st && (st = ng_cursor_step(x->stances)) == NG_ROW; n++) {
		st = ngi_buf_puts(b, n ? ",{" : "{");
		if (!st) st = ngi_row_json(b, x->stances, NULL);
		if (!st) st = ngi_buf_putc(b, '}');
	}
	st = done(st);
	return st ? st : ngi_buf_puts(b, "]}");
}

static ng_status claim_table(ngi_buf *b, ng_cursor *c, claim_cursors *x)
{
	long long id = ng_cursor_column_int64(c, 0);
	ng_status st = ngi_buf_printf(b, "claim %lld (%s) by %s: \"", id,
				      ngi_or(ng_cursor_column_text(c, 2), "claim"),
				      ngi_or(ng_cursor_column_text(c, 3), "unnamed"));
	if (!st) st = ngi_put_cut(b, ng_cursor_column_text(c, 1), TEXT_WIDTH, 1);
	if (!st) st = ngi_cursor_rebind(x->reports, 1, &id);
	if (!st) st = ngi_buf_puts(b, "\"\n  reported in:");
	for (; !st && (st = ng_cursor_step(x->reports)) == NG_ROW;)
		st = ngi_buf_printf(b, " %s (story %lld)",
				    ng_cursor_column_text(x->reports, 0),
				    ng_cursor_column_int64(x->reports, 1));
	st = done(st);
	if (!st) st = ngi_buf_putc(b, '\n');
	if (!st) st = ngi_cursor_rebind(x->responses, 1, &id);
	for (; !st && (st = ng_cursor_step(x->responses)) == NG_ROW;) {
		ng_cursor *r = x->responses;
		st = ngi_buf_printf(b, "  %-10s by %-20s in %s: \"",
				    ng_cursor_column_text(r, 2),
				    ngi_or(ng_cursor_column_text(r, 3),
				       ngi_or(ng_cursor_column_text(r, 5), "?")),
				    ng_cursor_column_text(r, 0));
		if (!st) st = ngi_put_cut(b, ng_cursor_column_text(r, 6), 70, 1);
		if (!st) st = ngi_buf_puts(b, "\"\n");
	}
	st = done(st);
	if (!st) st = ngi_cursor_rebind(x->stances, 1, &id);
	for (int n = 0; !st && (st = ng_cursor_step(x->stances)) == NG_ROW; n++)
		st = ngi_buf_printf(b, "%s %s %s", n ? "," : "  stances:",
				    ng_cursor_column_text(x->stances, 0),
				    ng_cursor_column_text(x->stances, 2));
	st = done(st);
	return st ? st : ngi_buf_puts(b, "\n\n");
}

static ng_status claim_row(void *ctx, ngi_buf *b, ng_cursor *c, ng_format fmt)
{
	return fmt == NG_FORMAT_TABLE ? claim_table(b, c, ctx) : claim_json(b, c, ctx);
}

ng_status ng_report_claims_to(ng_engine *e, long long story, ng_format fmt,
			      ng_write_fn write, void *ctx)
{
	if (!e || !write)
		return NG_ERR_USAGE;
	e->err[0] = '\0';
	ng_said_filter f = NG_SAID_FILTER_INIT;
	f.story = story;
	ng_cursor *c;
	ng_status st = ng_claims_open(e, &f, &c);
	if (st)
		return st;
	ngi_err err = ngi_report_err(e);
	claim_cursors x = {0};
	st = ngi_query_claim_stories(e->store, err, 0, &x.stories);
	if (!st) st = ngi_query_claim_reports(e->store, err, 0, &x.reports);
	if (!st) st = ngi_query_claim_responses(e->store, err, 0, &x.responses);
	if (!st) st = ngi_query_claim_stances(e->store, err, 0, &x.stances);
	ngi_out o;
	ngi_out_init(&o, e, write, ctx);
	if (!st)
		st = ngi_report_rows(&o, c, fmt, fmt == NG_FORMAT_JSON ? "{\"claims\":["
								      : NULL,
				     claim_row, &x);
	ngi_out_free(&o);
	ng_cursor_close(c);
	ng_cursor_close(x.stories);
	ng_cursor_close(x.reports);
	ng_cursor_close(x.responses);
	ng_cursor_close(x.stances);
	return ngi_report_end(e, "claims", st);
}

/* ---- timeline ----------------------------------------------------------------- */
static ng_status event_row(void *ctx, ngi_buf *b, ng_cursor *c, ng_format fmt)
{
	if (fmt != NG_FORMAT_TABLE) {
		ng_status st = ngi_buf_putc(b, '{');
		if (!st) st = ngi_row_json(b, c, NULL);
		return st ? st : ngi_buf_putc(b, '}');
	}
	ng_status st = ngi_buf_printf(b, "%-10s %-10s %-9s %5lld %-20.20s ",
				      ngi_or(ng_cursor_column_text(c, 0), "undated"),
				      ng_cursor_column_text(c, 2),
				      ngi_or(ng_cursor_column_text(c, 7), ""),
				      ng_cursor_column_int64(c, 4),
				      ngi_or(ng_cursor_column_text(c, 6), "-"));
	if (!st) st = ngi_put_cut(b, ng_cursor_column_text(c, 5), 60, 1);
	if (!st) st = ngi_buf_printf(b, " (%s; %s)\n", ng_cursor_column_text(c, 3),
				     ngi_or(ng_cursor_column_text(c, 1), "no date"));
	return st;
}

ng_status ng_report_timeline_to(ng_engine *e, long long story, int thread,
				ng_format fmt, ng_write_fn write, void *ctx)
{
	if (!e || !write)
		return NG_ERR_USAGE;
	e->err[0] = '\0';
	ng_cursor *c;
	ng_status st = ng_timeline_open(e, story, thread, &c);
	if (st)
		return st;
	char head[128];
	if (fmt == NG_FORMAT_TABLE)
		snprintf(head, sizeof head, "%-10s %-10s %-9s %-5s %-20s %s\n", "date",
			 "event", "detail", "story", "who", "text (article; date from)");
	else
		snprintf(head, sizeof head, "{\"story\":%lld,\"thread\":%s,\"events\":[",
			 story, thread ? "true" : "false");
	ngi_out o;
	ngi_out_init(&o, e, write, ctx);
	st = ngi_report_rows(&o, c, fmt, head, event_row, NULL);
	ngi_out_free(&o);
	ng_cursor_close(c);
	return ngi_report_end(e, "timeline", st);
}

/* ---- the FILE * forms ------------------------------------------------------------ */
typedef struct said_args {
	ng_engine *e;
	const ng_said_filter *f;
	long long story;
	int thread;
	ng_format fmt;
} said_args;

static ng_status quotes_fn(void *args, ng_write_fn write, void *ctx)
{
	said_args *a = args;
	return ng_report_quotes_to(a->e, a->f, a->fmt, write, ctx);
}

static ng_status claims_fn(void *args, ng_write_fn write, void *ctx)
{
	said_args *a = args;
	return ng_report_claims_to(a->e, a->story, a->fmt, write, ctx);
}

static ng_status timeline_fn(void *args, ng_write_fn write, void *ctx)
{
	said_args *a = args;
	return ng_report_timeline_to(a->e, a->story, a->thread, a->fmt, write, ctx);
}

ng_status ng_report_quotes(ng_engine *e, const ng_said_filter *f, FILE *out,
			   ng_format fmt)
{
	said_args a = {e, f, 0, 0, fmt};
	return ngi_report_to_file(e, out, "quotes", quotes_fn, &a);
}

ng_status ng_report_claims(ng_engine *e, long long story, FILE *out,
			   ng_format fmt)
{
	said_args a = {e, NULL, story, 0, fmt};
	return ngi_report_to_file(e, out, "claims", claims_fn, &a);
}

ng_status ng_report_timeline(ng_engine *e, long long story, int thread,
			     FILE *out, ng_format fmt)
{
	said_args a = {e, NULL, story, thread, fmt};
	return ngi_report_to_file(e, out, "timeline", timeline_fn, &a);
}
