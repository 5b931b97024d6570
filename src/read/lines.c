/*
 * lines.c: capped line streaming and the input checks every reader shares.
 *
 * The JSON Lines reader pulls one line at a time from a FILE through an
 * ngi_lines, so a feed of any size is read in constant memory and a single
 * line is held only up to its cap: a longer one is skipped to its newline
 * and reported, and reading resumes after it. The first buffer can be
 * inspected before any line is taken, which is how walk.c sniffs the format
 * of stdin without rewinding it. Also here: the binary sniff and the UTF-8
 * repair helper, so text files and JSONL judge bytes the same way.
 */
#include "read_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"

#define CHUNK_SIZE ((size_t)1 << 16)

void ngi_read_io_init(ngi_read_io *io, ngi_record_fn fn, void *ctx,
		      ngi_diag_sink *diag, ngi_read_stats *stats)
{
	memset(io, 0, sizeof *io);
	io->fn = fn;
	io->ctx = ctx;
	io->diag = diag ? diag : &io->own_diag;
	io->stats = stats ? stats : &io->own_stats;
}

ng_status ngi_lines_init(ngi_lines *r, ngi_gz *gz, size_t max_line)
{
	memset(r, 0, sizeof *r);
	r->chunk = malloc(CHUNK_SIZE);
	if (!r->chunk)
		return NG_ERR_NOMEM;
	r->chunk_size = CHUNK_SIZE;
	r->gz = gz;
	r->max_line = max_line;
	ngi_buf_init(&r->line, max_line);
	return NG_OK;
}

void ngi_lines_free(ngi_lines *r)
{
	free(r->chunk);
	r->chunk = NULL;
	ngi_buf_free(&r->line);
}

/* Has the source nothing more to give (so a short first buffer is the
 * whole input)? */
static int source_finished(const ngi_gz *g)
{
	if (g->z.avail_in > 0 || !(g->eof || feof(g->f)))
		return 0;
	return !g->gzip || g->member_end;
}

/* Refills the buffer once it is used up. NG_OK with pos == end means the
 * end of the input, or of the member with member_stops (at_member_end).
 * NG_ERR_INPUT: the gzip input is corrupt (gz_failed, gz->error). */
static ng_status fill(ngi_lines *r)
{
	if (r->pos < r->end || r->eof || r->at_member_end || r->gz_failed)
		return NG_OK;
	r->pos = r->end = 0;
	for (;;) {
		size_t n = 0;
		ng_status st = ngi_gz_read(r->gz, r->chunk, r->chunk_size, &n);
		if (st == NG_ERR_IO) {
			r->read_error = r->gz->read_error;
			r->eof = 1;
			return st;
		}
		if (st) {
			r->gz_failed = 1;
			return st;
		}
		if (n) {
			r->end = n;
			if (n < r->chunk_size && !r->member_stops)
				r->eof = source_finished(r->gz);
			return NG_OK;
		}
		if (!r->gz->gzip || !r->gz->member_end) {
			r->eof = 1;
			return NG_OK;
		}
		if (r->member_stops) {
			r->at_member_end = 1;
			return NG_OK;
		}
		int more = 0;
		st = ngi_gz_next_member(r->gz, &more);
		if (st == NG_ERR_IO) {
			r->read_error = r->gz->read_error;
			r->eof = 1;
			return st;
		}
		if (st) {
			r->gz_failed = 1;
			return st;
		}
		if (!more) {
			r->eof = 1;
			return NG_OK;
		}
		r->member_u = r->offset;
	}
}

int ngi_lines_member_done(ngi_lines *r)
{
	if (fill(r))
		return 0;
	return r->pos == r->end && (r->at_member_end || r->eof);
}

ng_status ngi_lines_next_member(ngi_lines *r, int *more)
{
	*more = 0;
	if (r->eof || !r->at_member_end)
		return NG_OK;
	r->at_member_end = 0;
	ng_status st = ngi_gz_next_member(r->gz, more);
	if (st == NG_ERR_IO)
		r->read_error = r->gz->read_error;
	else if (st)
		r->gz_failed = 1;
	if (st || !*more)
		r->eof = 1;
	r->member_u = r->offset;
	return st;
}

ng_status ngi_lines_resync(ngi_lines *r, int *more)
{
	*more = 0;
	r->pos = r->end = 0;
	r->at_member_end = 0;
	r->gz_failed = 0;
	ng_status st = ngi_gz_resync(r->gz, more);
	if (st == NG_ERR_IO)
		r->read_error = r->gz->read_error;
	if (st || !*more)
		r->eof = 1;
	r->member_u = r->offset;
	return st;
}

long long ngi_lines_input_pos(const ngi_lines *r)
{
	return r->gz->gzip ? ngi_gz_position(r->gz) : r->offset;
}

ng_status ngi_lines_take(ngi_lines *r, size_t n, ngi_buf *out, size_t *got)
{
	*got = 0;
	while (*got < n) {
		ng_status st = fill(r);
		if (st)
			return st;
		if (r->pos == r->end)
			break;
		size_t avail = r->end - r->pos;
		size_t k = avail < n - *got ? avail : n - *got;
		if (out) {
			st = ngi_buf_append(out, r->chunk + r->pos, k);
			if (st)
				return st;
		}
		r->pos += k;
		r->offset += (long long)k;
		*got += k;
	}
	return NG_OK;
}

ng_status ngi_lines_unread(ngi_lines *r, const char *bytes, size_t n)
{
	if (n == 0)
		return NG_OK;
	size_t keep = r->end - r->pos;
	if (n <= r->pos) {
		memcpy(r->chunk + r->pos - n, bytes, n);
		r->pos -= n;
	} else {
		size_t need = n + keep;
		if (need > r->chunk_size) {
			char *grown = realloc(r->chunk, need);
			if (!grown)
				return NG_ERR_NOMEM;
			r->chunk = grown;
			r->chunk_size = need;
		}
		memmove(r->chunk + n, r->chunk + r->pos, keep);
		memcpy(r->chunk, bytes, n);
		r->pos = 0;
		r->end = n + keep;
	}
	r->offset -= (long long)n;
	return NG_OK;
}

ng_status ngi_lines_peek(ngi_lines *r, const char **bytes, size_t *n)
{
	ng_status st = fill(r);
	*bytes = r->chunk + r->pos;
	*n = r->end - r->pos;
	return st;
}

/* Makes b->data a C string even when nothing was appended to it. */
static ng_status terminate(ngi_buf *b)
{
	ng_status st = ngi_buf_reserve(b, 0);
	if (!st)
		b->data[b->len] = '\0';
	return st;
}

ng_status ngi_lines_next(ngi_lines *r, int *got)
{
	int too_long = 0;
	int started = 0;

	ngi_buf_clear(&r->line);
	r->line_len = 0;
	r->line_offset = r->offset;
	*got = 0;
	for (;;) {
		ng_status st = fill(r);
		if (st)
			return st;
		if (r->pos == r->end)
			break; /* end of input */
		started = 1;
		const char *start = r->chunk + r->pos;
		size_t avail = r->end - r->pos;
		const char *nl = memchr(start, '\n', avail);
		size_t take = nl ? (size_t)(nl - start) : avail;
		if (!too_long) {
			st = ngi_buf_append(&r->line, start, take);
			if (st == NG_ERR_TOOBIG) {
				/* Keep reading to the newline, holding nothing. */
				too_long = 1;
				ngi_buf_free(&r->line);
				ngi_buf_init(&r->line, r->max_line);
			} else if (st) {
				return st;
			}
		}
		r->line_len += take;
		size_t used = take + (nl ? 1 : 0);
		r->pos += used;
		r->offset += (long long)used;
		if (nl)
			break;
	}
	if (!started)
		return NG_OK;
	*got = 1;
	r->line_no++;
	if (too_long)
		return NG_ERR_TOOBIG;
	return terminate(&r->line);
}

ng_status ngi_lines_rest(ngi_lines *r, ngi_buf *out)
{
	for (;;) {
		ng_status st = fill(r);
		if (st)
			return st;
		if (r->pos == r->end)
			return terminate(out);
		st = ngi_buf_append(out, r->chunk + r->pos, r->end - r->pos);
		if (st)
			return st;
		r->offset += (long long)(r->end - r->pos);
		r->pos = r->end;
	}
}

int ngi_read_looks_binary(const char *s, size_t n, int complete,
			  size_t *first_bad)
{
	size_t nuls = 0, invalid = 0, i = 0;
	int seen_bad = 0;

	if (n > NGI_READ_SNIFF_BYTES) {
		n = NGI_READ_SNIFF_BYTES;
		complete = 0;
	}
	while (i < n) {
		i += ngi_utf8_valid_prefix(s + i, n - i);
		if (i >= n)
			break;
		/* A character cut by the end of the sample is not bad. */
		if (!complete && n - i < 4 && (unsigned char)s[i] >= 0xC2)
			break;
		if (!seen_bad) {
			*first_bad = i;
			seen_bad = 1;
		}
		if (s[i] == '\0')
			nuls++;
		else
			invalid++;
		i++;
	}
	return nuls * 100 > n || invalid * 10 > n * 3;
}

size_t ngi_read_repair(const char *s, size_t len, ngi_buf *out,
		       size_t *first_bad)
{
	if (ngi_utf8_valid_prefix(s, len) == len)
		return 0;
	ngi_buf_clear(out);
	return ngi_utf8_repair(s, len, out, first_bad);
}

const char *ngi_read_basename(const char *path)
{
	if (strcmp(path, "-") == 0)
		return "stdin";
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}
