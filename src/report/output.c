/*
 * output.c: how reports write (report.h): a buffer handed to the caller's
 * callback in pieces, and the FILE * helper on top of it.
 */
#include "report.h"

#include <errno.h>
#include <string.h>

#define FLUSH_AT (64 << 10)

void ngi_out_init(ngi_out *o, ng_engine *e, ng_write_fn write, void *ctx)
{
	o->e = e;
	o->write = write;
	o->ctx = ctx;
	ngi_buf_init(&o->b, 0);
}

ng_status ngi_out_flush(ngi_out *o, int force)
{
	if (!o->b.len || (!force && o->b.len < FLUSH_AT))
		return NG_OK;
	int rc = o->write(o->ctx, o->b.data, o->b.len);
	ngi_buf_clear(&o->b);
	return rc ? NG_ERR_IO : NG_OK;
}

void ngi_out_free(ngi_out *o)
{
	ngi_buf_free(&o->b);
}

ngi_err ngi_report_err(ng_engine *e)
{
	return (ngi_err){e->err, sizeof e->err};
}

ng_status ngi_report_end(ng_engine *e, const char *report, ng_status st)
{
	if (st == NG_DONE)
		return NG_OK;
	if (st == NG_ROW) /* a loop that stopped on a row: a bug */
		return ngi_engine_fail(e, NG_ERR_INTERNAL, "%s: stopped mid-way", report);
	if (st == NG_ERR_IO && !e->err[0])
		ngi_engine_fail(e, st, "%s: write failed", report);
	else if (st && st != NG_ERR_DB && st != NG_ERR_NOTFOUND && !e->err[0])
		ngi_engine_fail(e, st, "%s: %s", report, ng_status_str(st));
	return st;
}

ng_status ngi_report_rows(ngi_out *o, ng_cursor *c, ng_format f,
			  const char *head, ngi_row_fn row, void *ctx)
{
	ngi_buf *b = &o->b;
	ng_status st = head && f != NG_FORMAT_JSONL ? ngi_buf_puts(b, head) : NG_OK;
	for (long long n = 0; !st && (st = ng_cursor_step(c)) == NG_ROW; n++) {
		st = f == NG_FORMAT_JSON && n ? ngi_buf_putc(b, ',') : NG_OK;
		if (!st)
			st = row(ctx, b, c, f);
		if (!st && f == NG_FORMAT_JSONL)
			st = ngi_buf_putc(b, '\n');
		if (!st)
			st = ngi_out_flush(o, 0);
	}
	if (st == NG_DONE)
		st = f == NG_FORMAT_JSON ? ngi_buf_puts(b, "]}\n") : NG_OK;
	return st ? st : ngi_out_flush(o, 1);
}

ng_status ngi_put_cut(ngi_buf *b, const char *s, int width, int flat)
{
	int cps = 0;
	ng_status st = NG_OK;
	const char *p = s ? s : "";
	while (!st && *p && cps < width) {
		const char *q = p + 1;
		while (((unsigned char)*q & 0xC0) == 0x80)
			q++;
		st = flat && (*p == '\n' || *p == '\r' || *p == '\t')
			? ngi_buf_putc(b, ' ') : ngi_buf_append(b, p, (size_t)(q - p));
		p = q;
		cps++;
	}
	if (!st && *p)
		st = ngi_buf_puts(b, "\xe2\x80\xa6");
	return st;
}

ng_status ngi_json_list(ngi_buf *b, const char *list)
{
	ng_status st = ngi_buf_putc(b, '[');
	for (const char *p = list; !st && p && *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (p != list)
			st = ngi_buf_putc(b, ',');
		if (!st)
			st = ngi_buf_json_strn(b, p, n);
		p += n + (comma ? 1 : 0);
	}
	return st ? st : ngi_buf_putc(b, ']');
}

ng_status ngi_row_json(ngi_buf *b, ng_cursor *c, const char *skip)
{
	ng_status st = NG_OK;
	int first = 1;
	for (int i = 0; !st && i < ng_cursor_column_count(c); i++) {
		if (skip && skip[i])
			continue;
		st = ngi_buf_printf(b, "%s\"%s\":", first ? "" : ",",
				    ng_cursor_column_name(c, i));
		first = 0;
		if (st)
			break;
		switch (ng_cursor_column_type(c, i)) {
		case NG_TYPE_INT:
			st = ngi_buf_printf(b, "%lld", ng_cursor_column_int64(c, i));
			break;
		case NG_TYPE_FLOAT:
			st = ngi_buf_printf(b, "%.4f", ng_cursor_column_double(c, i));
			break;
		case NG_TYPE_TEXT:
			st = ngi_buf_json_str(b, ng_cursor_column_text(c, i));
			break;
		default:
			st = ngi_buf_puts(b, "null");
		}
	}
	return st;
}

int ng_write_file(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : 1;
}

typedef struct file_sink {
	FILE *f;
	int err; /* errno of the first failed write */
} file_sink;

static int write_sink(void *ctx, const char *data, size_t len)
{
	file_sink *s = ctx;
	errno = 0;
	if (ng_write_file(s->f, data, len) == 0)
		return 0;
	s->err = errno ? errno : EIO;
	return 1;
}

ng_status ngi_report_to_file(ng_engine *e, FILE *out, const char *report,
			     ngi_report_fn fn, void *args)
{
	if (!e || !out)
		return NG_ERR_USAGE;
	file_sink s = {out, 0};
	ng_status st = fn(args, write_sink, &s);
	if (st == NG_ERR_IO && s.err)
		ngi_engine_fail(e, st, "write failed: %s", strerror(s.err));
	return st;
}
