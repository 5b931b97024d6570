/*
 * report.h: what the report files share: output through the caller's
 * write callback (ng_write_fn) in pieces of about 64 KiB, the FILE *
 * helper every FILE * report function is, and how a report fails.
 *
 * Reports read the store only through cursors (include/newsgraph.h and
 * src/store/query.h) and format rows; they do not see SQLite.
 */
#ifndef NG_REPORT_H
#define NG_REPORT_H

#include "../engine/engine.h"
#include "../store/query.h"

typedef struct ngi_out {
	ng_engine *e;
	ng_write_fn write;
	void *ctx;
	ngi_buf b;
} ngi_out;

void ngi_out_init(ngi_out *o, ng_engine *e, ng_write_fn write, void *ctx);
/* Hands the buffered bytes to the callback: always when force, else once
 * they pass 64 KiB. NG_ERR_IO when the callback refuses them. */
ng_status ngi_out_flush(ngi_out *o, int force);
void ngi_out_free(ngi_out *o);

/* Appends at most width code points of s (NULL: nothing) and "…" when
 * it was cut; with flat, line breaks and tabs as spaces (a table row). */
ng_status ngi_put_cut(ngi_buf *b, const char *s, int width, int flat);
/* A comma-separated list ("de,en") as a JSON array of strings. */
ng_status ngi_json_list(ngi_buf *b, const char *list);
/* s, or dflt when s is NULL. */
static inline const char *ngi_or(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

/* The current row of c as the members of a JSON object, named by the
 * cursor's column names ("name":value, comma-separated, no braces), each
 * column of its own type (NULL as null); columns skip[i] != 0 left out
 * (skip may be NULL). */
ng_status ngi_row_json(ngi_buf *b, ng_cursor *c, const char *skip);

/* A list report's frame: head (the table's header line, or the JSON
 * document's opening, e.g. "{\"claims\":["; NULL for none), then row()
 * for each row of c (a table line, or one JSON object), with commas
 * between the objects in JSON and a newline after each in JSONL, flushed
 * as it goes, and "]}\n" to close the JSON document. The status of the
 * rows (a cursor that ends is NG_OK). */
typedef ng_status (*ngi_row_fn)(void *ctx, ngi_buf *b, ng_cursor *c,
				ng_format f);
ng_status ngi_report_rows(ngi_out *o, ng_cursor *c, ng_format f,
			  const char *head, ngi_row_fn row, void *ctx);

/* The engine's message buffer, for the store's internal cursors. */
ngi_err ngi_report_err(ng_engine *e);

/* A report's end: a cursor's last step (NG_DONE is fine) or any status
 * folded into the status of the report; a failure that left no message
 * (memory, a write) gets one naming the report. */
ng_status ngi_report_end(ng_engine *e, const char *report, ng_status st);

/* Runs report (which writes through ngi_out) into a FILE *: the FILE *
 * functions of the API; a write error names errno's reason. */
typedef ng_status (*ngi_report_fn)(void *args, ng_write_fn write, void *ctx);
ng_status ngi_report_to_file(ng_engine *e, FILE *out, const char *report,
			     ngi_report_fn fn, void *args);

#endif
