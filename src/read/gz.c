/*
 * gz.c: a byte source over a FILE that undoes gzip, member by member.
 *
 * Every file and stdin is read through an ngi_gz: it looks at the first two
 * bytes, and a file that starts with the gzip magic (1f 8b) is inflated
 * with zlib, anything else is passed through as it is. Memory is two fixed
 * buffers whatever the input's size; nothing is seeked, so stdin works.
 *
 * A gzip file may hold several members one after the other (a CC-NEWS
 * .warc.gz holds one per WARC record). Reading stops at the end of each
 * member (ngi_gz_read returns no bytes with member_end set) so the WARC
 * reader can tell where a record's member ended; ngi_gz_next_member goes on
 * with the next one. member_offset is the byte offset in the compressed
 * file where the current member began: the offset diagnostics name.
 *
 * A member that is corrupt or cut short is reported (error says what,
 * error_offset where the member began) and ngi_gz_resync looks for the
 * next member's header after it, so one bad member costs one record.
 */
#include "read_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GZ_IN_SIZE ((size_t)1 << 16)

/* Reads what the input holds now, up to cap bytes: at least one unless it
 * has ended (0, with *err set on a read error). read(2), not fread: fread
 * waits until cap bytes have come, so the records of a pipe that writes
 * them slowly (a live feed into `ingest -`) would wait for 64 KiB to
 * gather before any of them is read, stored or answered by a stop. A
 * stream in memory has no descriptor and is read with fread. */
static size_t read_some(ngi_gz *g, unsigned char *buf, size_t cap, int *err)
{
	*err = 0;
	int fd = fileno(g->f);
	if (fd < 0) { /* a stream in memory (ng_ingest_bytes): never waits */
		size_t n = fread(buf, 1, cap, g->f);
		if (n == 0 && ferror(g->f))
			*err = errno ? errno : EIO;
		return n;
	}
	for (;;) {
		ssize_t n = read(fd, buf, cap);
		if (n >= 0)
			return (size_t)n;
		if (errno != EINTR) {
			*err = errno ? errno : EIO;
			return 0;
		}
	}
}

/* Tops up the input buffer when inflate (or a plain read) has used it up.
 * Sets eof when the FILE has nothing more. */
static ng_status refill(ngi_gz *g)
{
	if (g->z.avail_in > 0 || g->eof)
		return NG_OK;
	g->in_base += (long long)g->in_len;
	int err;
	size_t n = read_some(g, g->in, GZ_IN_SIZE, &err);
	g->in_len = n;
	g->z.next_in = g->in;
	g->z.avail_in = (uInt)n;
	if (n == 0) {
		g->eof = 1;
		if (err) {
			g->read_error = err;
			return NG_ERR_IO;
		}
	}
	return NG_OK;
}

long long ngi_gz_position(const ngi_gz *g)
{
	return g->in_base + (long long)(g->in_len - g->z.avail_in);
}

/* Is a gzip member header (magic, deflate method, no reserved flags) at
 * the start of the unread input? Needs three bytes buffered. */
static int member_header_here(const ngi_gz *g)
{
	const unsigned char *p = g->z.next_in;
	return g->z.avail_in >= 4 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8 &&
	       (p[3] & 0xE0) == 0;
}

/* Makes at least want bytes (if the input has them) readable at next_in,
 * moving what is left to the front of the buffer. */
static ng_status lookahead(ngi_gz *g, size_t want)
{
	if (g->z.avail_in >= want || g->eof)
		return NG_OK;
	size_t left = g->z.avail_in;
	g->in_base += (long long)(g->in_len - left);
	if (left)
		memmove(g->in, g->z.next_in, left);
	/* short reads (a pipe) until want bytes or the end */
	size_t n = 0;
	int err = 0;
	while (left + n < want) {
		size_t got = read_some(g, g->in + left + n, GZ_IN_SIZE - left - n, &err);
		if (got == 0)
			break;
		n += got;
	}
	g->in_len = left + n;
	g->z.next_in = g->in;
	g->z.avail_in = (uInt)g->in_len;
	if (left + n < want) {
		g->eof = 1;
		if (err) {
			g->read_error = err;
			return NG_ERR_IO;
		}
	}
	return NG_OK;
}

ng_status ngi_gz_open(ngi_gz *g, FILE *f)
{
	memset(g, 0, sizeof *g);
	g->f = f;
	g->in = malloc(GZ_IN_SIZE);
	if (!g->in)
		return NG_ERR_NOMEM;
	ng_status st = lookahead(g, 4);
	if (st)
		return st;
	if (g->z.avail_in >= 2 && g->z.next_in[0] == 0x1f &&
	    g->z.next_in[1] == 0x8b) {
		g->gzip = 1;
		/* 15 + 16: gzip wrapper only; each member is checked (CRC,
		 * length) by zlib itself */
		if (inflateInit2(&g->z, 15 + 16) != Z_OK)
			return NG_ERR_NOMEM;
		g->z_live = 1;
		g->members = 1;
		g->member_offset = ngi_gz_position(g);
	}
	return NG_OK;
}

ng_status ngi_gz_open_plain(ngi_gz *g, FILE *f)
{
	memset(g, 0, sizeof *g);
	g->f = f;
	g->in = malloc(GZ_IN_SIZE);
	if (!g->in)
		return NG_ERR_NOMEM;
	/* refill reads the descriptor, and the stream may have read ahead
	 * of where it stands (a caller that looked for a line's start with
	 * getc, then sought back inside its buffer, which moves no
	 * descriptor): the descriptor is put where the stream stands */
	int fd = fileno(f);
	if (fd >= 0) {
		off_t at = ftello(f);
		if (at < 0 || lseek(fd, at, SEEK_SET) != at) {
			g->read_error = errno ? errno : EIO;
			return NG_ERR_IO;
		}
	}
	return NG_OK;
}

void ngi_gz_close(ngi_gz *g)
{
	if (g->z_live)
		inflateEnd(&g->z);
	g->z_live = 0;
	free(g->in);
	g->in = NULL;
}

static ng_status member_error(ngi_gz *g, const char *what)
{
	g->error = what;
	g->error_offset = g->member_offset;
	g->broken = 1;
	return NG_ERR_INPUT;
}

ng_status ngi_gz_read(ngi_gz *g, char *out, size_t cap, size_t *got)
{
	*got = 0;
	if (g->broken)
		return NG_ERR_INPUT;
	if (g->pending) {
		const char *what = g->pending;
		g->pending = NULL;
		return member_error(g, what);
	}
	if (!g->gzip) {
		ng_status st = refill(g);
		if (st)
			return st;
		size_t n = g->z.avail_in < cap ? g->z.avail_in : cap;
		memcpy(out, g->z.next_in, n);
		g->z.next_in += n;
		g->z.avail_in -= (uInt)n;
		*got = n;
		return NG_OK;
	}
	if (g->member_end)
		return NG_OK;
	uInt want = (uInt)(cap > ((size_t)1 << 30) ? (size_t)1 << 30 : cap);
	g->z.next_out = (Bytef *)out;
	g->z.avail_out = want;
	while (g->z.avail_out == want) {
		ng_status st = refill(g);
		if (st)
			return st;
		if (g->z.avail_in == 0) {
			const char *what = "gzip member cut short (the file "
					   "ends inside it)";
			if (g->z.avail_out == want)
				return member_error(g, what);
			g->pending = what;
			break;
		}
		int zr = inflate(&g->z, Z_NO_FLUSH);
		if (zr == Z_STREAM_END) {
			g->member_end = 1;
			break;
		}
		if (zr == Z_BUF_ERROR && g->z.avail_in == 0)
			continue; /* needs more input */
		if (zr == Z_MEM_ERROR)
			return NG_ERR_NOMEM;
		if (zr != Z_OK) {
			/* Z_BUF_ERROR with input left cannot go on either */
			const char *what = "corrupt or cut gzip member";
			if (g->z.avail_out == want)
				return member_error(g, what);
			g->pending = what; /* after the bytes that came */
			break;
		}
	}
	*got = want - g->z.avail_out;
	return NG_OK;
}

ng_status ngi_gz_next_member(ngi_gz *g, int *more)
{
	*more = 0;
	if (!g->gzip) {
		return NG_OK;
	}
	ng_status st = lookahead(g, 4);
	if (st)
		return st;
	if (g->z.avail_in == 0)
		return NG_OK; /* the end of the file */
	if (!member_header_here(g)) {
		g->error = "bytes after the last gzip member that are not a "
			   "gzip member, ignored";
		g->error_offset = ngi_gz_position(g);
		g->broken = 1;
		return NG_ERR_INPUT;
	}
	inflateReset(&g->z);
	g->member_end = 0;
	g->members++;
	g->member_offset = ngi_gz_position(g);
	*more = 1;
	return NG_OK;
}

ng_status ngi_gz_resync(ngi_gz *g, int *more)
{
	*more = 0;
	if (!g->gzip || g->read_error)
		return NG_OK;
	/* Look for the next member header after the broken member's start.
	 * A file is seeked back there (inflate may have run on into the next
	 * member's bytes); on a pipe the input consumed is gone and the
	 * search starts where inflate stopped. */
	long long from = g->member_offset + 1;
	if (ngi_gz_position(g) > from && fseeko(g->f, from, SEEK_SET) == 0) {
		g->in_base = from;
		g->in_len = 0;
		g->z.next_in = g->in;
		g->z.avail_in = 0;
		g->eof = 0;
	} else if (ngi_gz_position(g) < from) {
		ng_status st = lookahead(g, 1);
		if (st)
			return st;
		if (g->z.avail_in) {
			g->z.next_in++;
			g->z.avail_in--;
		}
	}
	for (;;) {
		ng_status st = lookahead(g, 4);
		if (st)
			return st;
		if (g->z.avail_in < 4)
			return NG_OK;
		if (member_header_here(g))
			break;
		const unsigned char *p = memchr(g->z.next_in + 1, 0x1f,
						g->z.avail_in - 1);
		size_t skip = p ? (size_t)(p - g->z.next_in) : g->z.avail_in;
		if (!p && g->z.avail_in > 3)
			skip = g->z.avail_in - 3; /* a header may straddle */
		g->z.next_in += skip;
		g->z.avail_in -= (uInt)skip;
	}
	inflateReset(&g->z);
	g->broken = 0;
	g->pending = NULL;
	g->member_end = 0;
	g->members++;
	g->member_offset = ngi_gz_position(g);
	*more = 1;
	return NG_OK;
}
