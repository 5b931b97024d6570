/*
 * jsonl.c: JSON Lines -> records.
 *
 * One JSON object per line: {"id","url","title","text","published",
 * "outlet","lang"}, only "text" required. Lines are streamed (from a FILE
 * through lines.c, or split out of memory) and each is judged on its own:
 * a blank line is skipped silently; a line that is not JSON, not an object,
 * has no "text" string or only blank text is an error naming the file, the
 * line number and the byte offset of the line's start (plus the column of a
 * JSON syntax error), and the next line is read as usual. A line is repaired
 * to valid UTF-8 before it is parsed, with one warning naming how many
 * sequences were replaced and the file offset of the first.
 *
 * Field rules: "id" may be a string or a number (written in decimal;
 * integers past 2^53 lose precision as in any double); the default id is
 * "<basename>:<line>". "published" is kept as given, trimmed, with source
 * "metadata". An optional field of the wrong type is a warning and left out;
 * null means absent. A U+0000 written as \u0000 in text becomes U+FFFD and
 * counts as a replaced byte (a warning, and the record is stored), since
 * the record text is a C string; a raw NUL byte in a line is not JSON (JSON
 * forbids raw control characters) and the line is rejected. A UTF-8
 * byte-order mark at the start of the input is skipped.
 */
#include "read_int.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/json.h"
#include "../base/utf8.h"

typedef struct jsonl {
	const char *name;
	ngi_read_io *io;
	ngi_arena arena;  /* reset for every line */
	ngi_buf repaired; /* a line or a text with bad bytes, repaired */
	long long nonblank;
	ng_status result; /* NG_OK or NG_ERR_INPUT */
} jsonl;

static int is_blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

static int is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_blank_byte(s[i]))
			return 0;
	return 1;
}

static const char *trimmed_copy(ngi_arena *a, const char *s)
{
	size_t len = strlen(s);
	while (len && is_blank_byte(*s)) {
		s++;
		len--;
	}
	while (len && is_blank_byte(s[len - 1]))
		len--;
	return len ? ngi_arena_strndup(a, s, len) : NULL;
}

static void line_error(jsonl *j, long long line_no, long long offset,
		       const char *what)
{
	ngi_diag(j->io->diag, NG_DIAG_ERROR, j->name, line_no, offset, "%s",
		 what);
	j->io->stats->failed++;
	j->result = NG_ERR_INPUT;
}

/* An optional string field: NULL when absent, null, or (with a warning)
 * of another type. */
static const char *optional_str(jsonl *j, const ngi_json *obj,
				const char *key, long long line_no,
				long long offset)
{
	const ngi_json *m = ngi_json_get(obj, key);
	if (!m || m->type == NGI_JSON_NULL)
		return NULL;
	if (m->type != NGI_JSON_STRING) {
		ngi_diag(j->io->diag, NG_DIAG_WARNING, j->name, line_no, offset,
			 "field \"%s\" is not a string, ignored", key);
		return NULL;
	}
	return trimmed_copy(&j->arena, m->str);
}

/* Returns a status that stops the walk, or NG_OK. */
static ng_status take_line(jsonl *j, const char *line, size_t len,
			   long long line_no, long long offset)
{
	ngi_read_io *io = j->io;

	if (offset == 0 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		line += 3; /* a byte-order mark: offsets stay the file's */
		len -= 3;
		offset += 3;
	}
	if (is_blank(line, len))
		return NG_OK;
	j->nonblank++;
	ngi_arena_reset(&j->arena);

	/* JSON forbids raw control characters; a NUL is no text at all (and
	 * would end the C string the record's text becomes) */
	const char *nul = memchr(line, '\0', len);
	if (nul) {
		char what[96];
		snprintf(what, sizeof what, "not JSON: raw NUL byte at column %zu "
			 "(write \\u0000 to mean U+0000)", (size_t)(nul - line) + 1);
		line_error(j, line_no, offset, what);
		return NG_OK;
	}

	size_t first_bad = 0;
	size_t bad = ngi_read_repair(line, len, &j->repaired, &first_bad);
	if (bad == (size_t)-1)
		return NG_ERR_NOMEM; /* the cap is 3x the line cap: memory */
	if (bad) {
		line = j->repaired.data;
		len = j->repaired.len;
	}

	ngi_json *obj;
	size_t err_at = 0;
	const char *err_msg = "";
	ng_status st = ngi_json_parse(line, len, &j->arena, &obj, &err_at,
				      &err_msg);
	if (st == NG_ERR_NOMEM)
		return st;
	if (st) {
		char what[160];
		snprintf(what, sizeof what, "not JSON: %s at column %zu",
			 err_msg, err_at + 1);
		line_error(j, line_no, offset, what);
		return NG_OK;
	}
	if (obj->type != NGI_JSON_OBJECT) {
		line_error(j, line_no, offset, "not a JSON object");
		return NG_OK;
	}
	const ngi_json *text = ngi_json_get(obj, "text");
	if (!text) {
		line_error(j, line_no, offset, "no \"text\" field");
		return NG_OK;
	}
	if (text->type != NGI_JSON_STRING) {
		line_error(j, line_no, offset, "field \"text\" is not a string");
		return NG_OK;
	}
	if (is_blank(text->str, text->len)) {
		line_error(j, line_no, offset, "field \"text\" is empty");
		return NG_OK;
	}

	ngi_record rec;
	memset(&rec, 0, sizeof rec);
	rec.source = j->name;
	rec.record_no = line_no;
	rec.offset = offset;
	rec.text = text->str;
	rec.text_len = text->len;
	rec.invalid_utf8 = bad;

	/* \u0000 decodes to a NUL the rest of the pipeline cannot carry. */
	size_t nul_first = 0;
	size_t nuls = ngi_read_repair(text->str, text->len, &j->repaired,
				      &nul_first);
	if (nuls == (size_t)-1)
		return NG_ERR_NOMEM;
	if (nuls) {
		char *copy = ngi_arena_strndup(&j->arena, j->repaired.data,
					       j->repaired.len);
		if (!copy)
			return NG_ERR_NOMEM;
		rec.text = copy;
		rec.text_len = j->repaired.len;
		rec.invalid_utf8 += nuls;
	}

	const ngi_json *id = ngi_json_get(obj, "id");
	char id_buf[64];
	if (id && id->type == NGI_JSON_NUMBER) {
		double v = id->number;
		if (v == floor(v) && fabs(v) < 1e18)
			snprintf(id_buf, sizeof id_buf, "%.0f", v);
		else
			snprintf(id_buf, sizeof id_buf, "%.17g", v);
		rec.id = ngi_arena_strdup(&j->arena, id_buf);
	} else {
		rec.id = optional_str(j, obj, "id", line_no, offset);
	}
	if (!rec.id) {
		char *made = ngi_arena_alloc(&j->arena, strlen(j->name) + 32);
		if (!made)
			return NG_ERR_NOMEM;
		sprintf(made, "%s:%lld", ngi_read_basename(j->name), line_no);
		rec.id = made;
	}
	rec.url = optional_str(j, obj, "url", line_no, offset);
	rec.title = optional_str(j, obj, "title", line_no, offset);
	rec.outlet = optional_str(j, obj, "outlet", line_no, offset);
	rec.lang = optional_str(j, obj, "lang", line_no, offset);
	rec.published = optional_str(j, obj, "published", line_no, offset);
	rec.published_source = rec.published ? NGI_PUB_METADATA : NGI_PUB_NONE;

	if (bad)
		ngi_diag(io->diag, NG_DIAG_WARNING, j->name, line_no,
			 offset + (long long)first_bad,
			 "%zu invalid UTF-8 sequence%s replaced by U+FFFD",
			 bad, bad == 1 ? "" : "s");
	if (nuls)
		ngi_diag(io->diag, NG_DIAG_WARNING, j->name, line_no, offset,
			 "%zu NUL character%s (\\u0000) in text replaced by "
			 "U+FFFD", nuls, nuls == 1 ? "" : "s");
	io->stats->records++;
	io->stats->invalid_utf8 += (long long)rec.invalid_utf8;
	return io->fn(io->ctx, &rec);
}

static void jsonl_init(jsonl *j, const char *name, ngi_read_io *io)
{
	memset(j, 0, sizeof *j);
	j->name = name;
	j->io = io;
	ngi_arena_init(&j->arena, 0);
	ngi_buf_init(&j->repaired, 3 * NGI_READ_MAX_LINE + 16);
}

static ng_status jsonl_finish(jsonl *j, ng_status st)
{
	/* A file of blank lines is reported like an empty text file. */
	if (!st && j->nonblank == 0 && j->result == NG_OK) {
		ngi_diag(j->io->diag, NG_DIAG_ERROR, j->name, 0, -1,
			 "empty file: no records");
		j->io->stats->failed++;
		j->result = NG_ERR_INPUT;
	}
	ngi_arena_free(&j->arena);
	ngi_buf_free(&j->repaired);
	return st ? st : j->result;
}

static int reject_binary(jsonl *j, const char *sample, size_t n, int complete)
{
	size_t first_bad = 0;
	if (!ngi_read_looks_binary(sample, n, complete, &first_bad))
		return 0;
	ngi_diag(j->io->diag, NG_DIAG_ERROR, j->name, 0, (long long)first_bad,
		 "binary file (NUL bytes or mostly invalid UTF-8), skipped");
	j->io->stats->failed++;
	j->result = NG_ERR_INPUT;
	return 1;
}

/* The lines of r that start before end, and the errors of the stream
 * (corrupt gzip, a read error) as diagnostics. */
static ng_status read_lines(jsonl *j, ngi_lines *r, long long end)
{
	ngi_read_io *io = j->io;
	const char *name = j->name;
	long long before = r->offset;
	ng_status st = NG_OK;
	while (!st && r->offset < end) {
		int got;
		st = ngi_lines_next(r, &got);
		if (st == NG_ERR_TOOBIG) {
			char what[128];
			snprintf(what, sizeof what,
				 "line of %zu bytes is longer than the %zu-byte "
				 "cap, skipped", r->line_len, r->max_line);
			line_error(j, r->line_no, r->line_offset, what);
			st = NG_OK;
			continue;
		}
		if (st || !got)
			break;
		const char *line = r->line.data;
		size_t len = r->line.len;
		if (len && line[len - 1] == '\r')
			len--;
		io->stats->position = io->file_base + ngi_lines_input_pos(r);
		st = take_line(j, line, len, r->line_no, r->line_offset);
	}
	io->stats->bytes += r->offset - before;
	if (st == NG_ERR_INPUT && r->gz_failed) {
		ngi_diag(io->diag, NG_DIAG_ERROR, name, r->line_no + 1,
			 r->gz->error_offset, "%s; the rest of the file is lost",
			 r->gz->error);
		io->stats->failed++;
		j->result = NG_ERR_INPUT;
		st = NG_OK;
	} else if (st == NG_ERR_IO) {
		ngi_diag(io->diag, NG_DIAG_ERROR, name, r->line_no + 1, r->offset,
			 "read error: %s", strerror(r->read_error));
		io->stats->failed++;
		j->result = NG_ERR_INPUT;
		st = NG_OK;
	}
	return st;
}

ng_status ngi_read_jsonl_lines(const char *name, ngi_lines *r, ngi_read_io *io)
{
	jsonl j;
	jsonl_init(&j, name, io);

	const char *sample;
	size_t n;
	ng_status st = ngi_lines_peek(r, &sample, &n);
	if (!st && reject_binary(&j, sample, n, r->eof))
		return jsonl_finish(&j, NG_OK);
	if (!st)
		st = read_lines(&j, r, LLONG_MAX);
	return jsonl_finish(&j, st);
}

ng_status ngi_read_jsonl_part(const char *name, ngi_lines *r, ngi_read_io *io,
			      long long end)
{
	jsonl j;
	jsonl_init(&j, name, io);
	ng_status st = read_lines(&j, r, end);
	j.nonblank = 1; /* a part is not the file: its emptiness says nothing */
	return jsonl_finish(&j, st);
}

/* The end of the JSON value that starts at s[i] (an object, array, string
 * or scalar): the index just past it, or 0 when the input ends first.
 * Brackets are counted outside strings only; the value is checked by the
 * parser later, this only finds where it ends. */
static size_t value_end(const char *s, size_t len, size_t i)
{
	int depth = 0, in_string = 0;
	for (; i < len; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
			if (!in_string && depth == 0)
				return i + 1;
			continue;
		}
		if (c == '"')
			in_string = 1;
		else if (c == '{' || c == '[')
			depth++;
		else if (c == '}' || c == ']') {
			if (depth == 0)
				return i; /* a scalar, then the closer */
			if (--depth == 0)
				return i + 1;
		} else if (depth == 0 && (c == ',' || is_blank_byte(c)))
			return i;
	}
	return depth == 0 && !in_string ? i : 0;
}

ng_status ngi_read_json_document(const char *name, const char *bytes,
				 size_t len, ngi_read_io *io)
{
	jsonl j;
	jsonl_init(&j, name, io);
	io->stats->bytes += (long long)len;
	if (reject_binary(&j, bytes, len, 1))
		return jsonl_finish(&j, NG_OK);
	size_t i = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && is_blank_byte(bytes[i]))
		i++;
	if (i >= len || bytes[i] != '[') /* one object, over several lines */
		return jsonl_finish(&j, take_line(&j, bytes + i, len - i, 1,
						  (long long)i));
	ng_status st = NG_OK;
	long long record = 0;
	i++;
	for (;;) {
		while (i < len && is_blank_byte(bytes[i]))
			i++;
		if (i < len && bytes[i] == ']' && record == 0) {
			i++;
			break;
		}
		size_t end = i < len ? value_end(bytes, len, i) : 0;
		if (end <= i) {
			line_error(&j, record + 1, (long long)i,
				   "not a JSON array: an element is cut off or "
				   "malformed; the rest is skipped");
			return jsonl_finish(&j, NG_OK);
		}
		record++;
		st = take_line(&j, bytes + i, end - i, record, (long long)i);
		if (st)
			return jsonl_finish(&j, st);
		i = end;
		while (i < len && is_blank_byte(bytes[i]))
			i++;
		if (i < len && bytes[i] == ',') {
			i++;
			continue;
		}
		if (i < len && bytes[i] == ']') {
			i++;
			break;
		}
		line_error(&j, record + 1, (long long)i,
			   "not a JSON array: ',' or ']' expected after an "
			   "element; the rest is skipped");
		return jsonl_finish(&j, NG_OK);
	}
	while (i < len && is_blank_byte(bytes[i]))
		i++;
	if (i < len)
		line_error(&j, record + 1, (long long)i,
			   "bytes after the end of the JSON array, ignored");
	return jsonl_finish(&j, NG_OK);
}

ng_status ngi_read_jsonl(const char *name, const char *bytes, size_t len,
			 ngi_record_fn fn, void *ctx, ngi_diag_sink *diag,
			 ngi_read_stats *stats)
{
	ngi_read_io io;
	ngi_read_io_init(&io, fn, ctx, diag, stats);
	jsonl j;
	jsonl_init(&j, name, &io);
	io.stats->bytes += (long long)len;
	if (!bytes)
		bytes = "";
	if (reject_binary(&j, bytes, len, 1))
		return jsonl_finish(&j, NG_OK);

	ng_status st = NG_OK;
	size_t pos = 0;
	long long line_no = 0;
	while (pos < len && !st) {
		const char *line = bytes + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		line_no++;
		if (n > NGI_READ_MAX_LINE) {
			char what[128];
			snprintf(what, sizeof what,
				 "line of %zu bytes is longer than the %zu-byte "
				 "cap, skipped", n, NGI_READ_MAX_LINE);
			line_error(&j, line_no, (long long)pos, what);
		} else {
			size_t keep = n && line[n - 1] == '\r' ? n - 1 : n;
			st = take_line(&j, line, keep, line_no, (long long)pos);
		}
		pos += n + (nl ? 1 : 0);
	}
	return jsonl_finish(&j, st);
}

int ngi_read_line_is_object(const char *line, size_t len)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_json *v;
	int is_object = ngi_json_parse(line, len, &a, &v, NULL, NULL) == NG_OK &&
			v->type == NGI_JSON_OBJECT;
	ngi_arena_free(&a);
	return is_object;
}
