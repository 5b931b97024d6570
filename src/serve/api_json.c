/*
 * api_json.c: the API's JSON out of cursors (api.h): one row as an object
 * whose keys are the cursor's column names and whose values keep the
 * column's type, pages of rows with whether there is a next page, and the
 * error object with its status. Strings are written HTML-safe (ngs_json_str):
 * besides JSON's own escapes, < > & and U+2028/U+2029 become \uXXXX, so an
 * article's text stays text even if a page pasted the JSON into HTML or a
 * script; a JSON parser reads back the same string.
 */
#include "api.h"

#include "../base/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

ng_status ngs_json_str(ngi_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	ng_status st = ngi_buf_reserve(b, n + 2);
	if (!st)
		st = ngi_buf_putc(b, '"');
	size_t run = 0; /* bytes waiting to be copied as they are */
	for (size_t i = 0; i < n && !st; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];
		size_t skip = 0; /* more input bytes the escape stands for */
		esc[0] = 0;
		if (c == '"' || c == '\\') {
			esc[0] = '\\', esc[1] = (char)c, esc[2] = 0;
		} else if (c == '\n') {
			memcpy(esc, "\\n", 3);
		} else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4], esc[5] = hex[c & 15], esc[6] = 0;
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			memcpy(esc, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 7);
			skip = 2;
		}
		if (!esc[0]) {
			run++;
			continue;
		}
		st = ngi_buf_append(b, s + i - run, run);
		run = 0;
		if (!st)
			st = ngi_buf_puts(b, esc);
		i += skip;
	}
	if (!st)
		st = ngi_buf_append(b, s + n - run, run);
	if (!st)
		st = ngi_buf_putc(b, '"');
	return st;
}

void ngs_utf8_trim(char *msg)
{
	/* a message cut to its buffer may end inside a UTF-8 sequence (a long
	 * parameter or path in it): keep the whole characters */
	msg[ngi_utf8_valid_prefix(msg, strlen(msg))] = 0;
}

int ngs_fail(ngs_call *x, int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ngs_utf8_trim(msg);
	ngs_reply *r = x->reply;
	r->status = status;
	ngi_buf_clear(&r->body);
	ng_status st = ngi_buf_printf(&r->body, "{\"error\":{\"status\":%d,\"message\":", status);
	if (!st)
		st = ngs_json_str(&r->body, msg, strlen(msg));
	if (!st)
		st = ngi_buf_puts(&r->body, "}}\n");
	if (st) {
		/* no memory for the message: the status alone */
		r->status = 503;
		ngi_buf_clear(&r->body);
	}
	return 0;
}

int ngs_fail_status(ngs_call *x, ng_status st)
{
	const char *why = ng_errmsg(x->e);
	if (!why || !*why)
		why = ng_status_str(st);
	switch (st) {
	case NG_ERR_NOTFOUND: return ngs_fail(x, 404, "%s", why);
	case NG_ERR_USAGE: return ngs_fail(x, 400, "%s", why);
	case NG_ERR_TOOBIG: return ngs_fail(x, 413, "%s", why);
	case NG_ERR_NOMEM: return ngs_fail(x, 503, "out of memory");
	default: return ngs_fail(x, 500, "%s", why);
	}
}

const char *ngs_arg(ngs_call *x, const char *name)
{
	if (!x->rq->param)
		return NULL;
	const char *v = x->rq->param(x->rq->param_ctx, name);
	return v && *v ? v : NULL;
}

int ngs_get_paging(ngs_call *x, ngs_paging *p)
{
	if (ngs_paging_parse(ngs_arg(x, "page"), ngs_arg(x, "offset"),
			     ngs_arg(x, "limit"), p, x->msg, sizeof x->msg))
		return ngs_fail(x, 400, "%s", x->msg);
	return 1;
}

ng_status ngs_json_fields(ngi_buf *b, ng_cursor *c)
{
	ng_status st = NG_OK;
	int n = ng_cursor_column_count(c);
	for (int i = 0; i < n && !st; i++) {
		if (i)
			st = ngi_buf_putc(b, ',');
		if (!st)
			st = ngi_buf_json_str(b, ng_cursor_column_name(c, i));
		if (!st)
			st = ngi_buf_putc(b, ':');
		if (st)
			break;
		switch (ng_cursor_column_type(c, i)) {
		case NG_TYPE_INT:
			st = ngi_buf_printf(b, "%lld", ng_cursor_column_int64(c, i));
			break;
		case NG_TYPE_FLOAT: {
			double v = ng_cursor_column_double(c, i);
			st = isfinite(v) ? ngi_buf_printf(b, "%.6g", v)
					 : ngi_buf_puts(b, "null");
			break;
		}
		case NG_TYPE_TEXT: {
			const char *s = ng_cursor_column_text(c, i);
			st = s ? ngs_json_str(b, s, ng_cursor_column_bytes(c, i))
			       : NG_ERR_NOMEM; /* a TEXT column read as NULL */
			break;
		}
		default:
			st = ngi_buf_puts(b, "null");
		}
	}
	return st;
}

ng_status ngs_json_one_row(ngi_buf *b, const char *name, ng_cursor *c)
{
	ng_status st = ng_cursor_step(c);
	if (st == NG_ROW) {
		st = ngi_buf_printf(b, "{\"%s\":{", name);
		if (!st)
			st = ngs_json_fields(b, c);
		if (!st)
			st = ngi_buf_putc(b, '}');
	} else if (st == NG_DONE) {
		st = NG_ERR_NOTFOUND;
	}
	ng_cursor_close(c);
	return st;
}

ng_status ngs_json_rows(ngs_call *x, ng_cursor *c, long long skip,
			long long limit, int *more, ngs_row_extra extra)
{
	ngi_buf *b = &x->reply->body;
	ng_status st = ngi_buf_putc(b, '[');
	ng_status step = NG_DONE;
	long long written = 0;
	*more = 0;
	while (!st) {
		step = ng_cursor_step(c);
		if (step != NG_ROW)
			break;
		if (skip > 0) {
			skip--;
			continue;
		}
		if (limit > 0 && written == limit) {
			*more = 1;
			break;
		}
		if (written++)
			st = ngi_buf_putc(b, ',');
		if (!st)
			st = ngi_buf_putc(b, '{');
		if (!st)
			st = ngs_json_fields(b, c);
		if (!st && extra)
			st = extra(x, c);
		if (!st)
			st = ngi_buf_putc(b, '}');
	}
	if (st)
		return st;
	if (step != NG_ROW && step != NG_DONE)
		return step;
	return ngi_buf_putc(b, ']');
}

ng_status ngs_json_page(ngs_call *x, ng_cursor *c, const ngs_paging *p,
			int native, ngs_row_extra extra)
{
	ngi_buf *b = &x->reply->body;
	int more = 0;
	ng_status st = ngi_buf_puts(b, "\"items\":");
	if (!st)
		st = ngs_json_rows(x, c, native ? 0 : p->offset, p->limit, &more, extra);
	if (!st)
		st = ngi_buf_printf(b, ",\"offset\":%lld,\"limit\":%lld,\"more\":%s,"
				       "\"next_offset\":",
				    p->offset, p->limit, more ? "true" : "false");
	if (!st)
		st = more ? ngi_buf_printf(b, "%lld", p->offset + p->limit)
			  : ngi_buf_puts(b, "null");
	return st;
}

int ngs_answer_page(ngs_call *x, ng_status opened, ng_cursor **cursor,
		    const ngs_paging *p, int native, ngs_row_extra extra)
{
	ng_cursor *c = *cursor;
	if (opened)
		return ngs_fail_status(x, opened);
	ngi_buf *b = &x->reply->body;
	ng_status st = ngi_buf_putc(b, '{');
	if (!st)
		st = ngs_json_page(x, c, p, native, extra);
	if (!st)
		st = ngi_buf_puts(b, "}\n");
	ng_cursor_close(c);
	if (st)
		return ngs_fail_status(x, st);
	x->reply->status = 200;
	return 1;
}

ng_status ngs_json_list(ngs_call *x, const char *name, ng_status opened,
			ng_cursor *c, ngs_row_extra extra)
{
	return ngs_json_list_cut(x, name, opened, c, NGS_MAX_LIMIT, extra);
}

ng_status ngs_json_list_cut(ngs_call *x, const char *name, ng_status opened,
			    ng_cursor *c, long long limit, ngs_row_extra extra)
{
	if (opened)
		return opened;
	ngi_buf *b = &x->reply->body;
	int more = 0;
	ng_status st = ngi_buf_printf(b, ",\"%s\":", name);
	if (!st)
		st = ngs_json_rows(x, c, 0, limit, &more, extra);
	if (!st && more)
		st = ngi_buf_printf(b, ",\"%s_more\":true", name);
	ng_cursor_close(c);
	return st;
}
