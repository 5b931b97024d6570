/*
 * warc.c: WARC files (web archives, CC-NEWS) -> one record per page.
 *
 * A WARC file is a run of records: a version line ("WARC/1.0", "WARC/1.1"),
 * named fields, a blank line, a block of Content-Length bytes, and CRLF
 * CRLF. The file may be plain, gzip with one member per record (what
 * CC-NEWS and most crawlers write) or one gzip stream; lines.c and gz.c
 * give the bytes member by member, so nothing but one record (capped) is
 * ever held.
 *
 * Response records are HTTP responses (http.c): a success (2xx) holding an
 * HTML page goes to the extractor (page.c) with its WARC-Target-URI and
 * Content-Type; the record's id is its target URI (stable across runs, so
 * a re-run finds it stored: "unchanged"), and its WARC-Date is the
 * published date when the page gives none (source "crawl"). Other record
 * types (warcinfo, request, metadata, revisit, conversion ...) and responses
 * that are not pages (images, PDFs, redirects, errors) are skipped and
 * counted, not errors.
 *
 * Bad records are errors naming the file, the record number and the
 * record's offset: the offset of its gzip member in the compressed file
 * (with the uncompressed offset when a member holds several records), or
 * its byte offset in a plain file. After a bad record the reader finds the
 * next one: at the next gzip member when each record has its own, else at
 * the next "WARC/1." line (inside the bad record's block first, for a
 * Content-Length that was too long). Caps: the header block
 * (NGI_WARC_MAX_HEADER), the response block (WARC_MAX_BLOCK; a longer one
 * is skipped without being held, so a record claiming 2 GB costs nothing).
 */
#include "read_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/utf8.h"
#include "html.h"

/* A response block: the largest page the extractor takes, compressed or
 * not, plus room for the HTTP headers. */
#define WARC_MAX_BLOCK (NGI_HTML_MAX_BYTES + ((size_t)1 << 20))
/* The id is the target URI up to this length, a hash of it past it. */
#define WARC_MAX_ID 2048

typedef struct warc {
	const char *name;
	ngi_read_io *io;
	ngi_lines *r;
	ngi_arena arena;     /* per record */
	ngi_buf block;       /* the record's block */
	ngi_buf decoded;     /* the HTTP body, decoded */
	ngi_buf scratch;
	long long record_no; /* WARC records begun, all types */
	/* Does each gzip member hold one record? -1 not known yet (decided
	 * when the first record ends), 1 yes (a record must end with its
	 * member), 0 no (one stream, or a plain file). */
	int per_record;
	/* the current record */
	long long rec_u;     /* uncompressed offset of its version line */
	long long rec_offset;/* the offset diagnostics name */
	long long rec_member;/* offset of the member it began in */
	char where[96];      /* "(uncompressed offset N) " or "" */
	ng_status result;    /* NG_OK or NG_ERR_INPUT */
} warc;

typedef struct warc_fields {
	const char *type;
	const char *target_uri;
	const char *date;
	const char *record_id;
	const char *payload_type; /* WARC-Identified-Payload-Type */
	const char *block_type;   /* Content-Type: of the block */
	long long length;         /* -1: no valid Content-Length */
} warc_fields;

static void record_error(warc *w, const char *fmt, ...) NGI_PRINTF(2, 3);

static void record_error(warc *w, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ngi_diag(w->io->diag, NG_DIAG_ERROR, w->name, w->record_no,
		 w->rec_offset, "%s%s", w->where, msg);
	w->io->stats->failed++;
	w->result = NG_ERR_INPUT;
}

/* Where the record starting at uncompressed offset u is, for messages. */
static void locate_record(warc *w, long long u)
{
	w->rec_u = u;
	w->where[0] = '\0';
	if (!w->r->gz->gzip) {
		w->rec_offset = u;
		return;
	}
	w->rec_offset = w->r->gz->member_offset;
	w->rec_member = w->r->gz->member_offset;
	if (u != w->r->member_u)
		snprintf(w->where, sizeof w->where,
			 "(uncompressed offset %lld) ", u);
}

/* The gzip input failed under the current record: report, and go on at
 * the next member. */
static ng_status gzip_failed(warc *w, int lost)
{
	ngi_gz *g = w->r->gz;
	ngi_diag(w->io->diag, NG_DIAG_ERROR, w->name, w->record_no,
		 g->error_offset, "%s%s", g->error ? g->error : "corrupt gzip data",
		 lost ? "; the record is lost" : "");
	w->io->stats->failed += lost;
	w->result = NG_ERR_INPUT;
	int more = 0;
	ng_status st = ngi_lines_resync(w->r, &more);
	return st; /* NG_ERR_IO: reported by ngi_read_warc */
}

/* Reading from the current position failed with st: a read error or
 * corrupt gzip is reported here. Returns a status that stops the walk. */
static ng_status source_trouble(warc *w, ng_status st)
{
	if (st == NG_ERR_INPUT)
		return gzip_failed(w, 1);
	return st; /* NG_ERR_IO: the caller's loop reports it; NOMEM stops */
}

/* One stream after all: the records run across gzip members. */
static void members_are_one_stream(warc *w)
{
	w->per_record = 0;
	w->r->member_stops = 0;
}

/* Takes n bytes of the record, going on into the next member unless each
 * member holds one record. */
static ng_status take(warc *w, size_t n, ngi_buf *out, size_t *got)
{
	*got = 0;
	for (;;) {
		size_t k = 0;
		ng_status st = ngi_lines_take(w->r, n - *got, out, &k);
		*got += k;
		if (st || *got == n)
			return st;
		if (!w->r->at_member_end || w->per_record == 1)
			return NG_OK; /* the end of the input, or of the member */
		members_are_one_stream(w);
		int more = 0;
		st = ngi_lines_next_member(w->r, &more);
		if (st || !more)
			return st;
	}
}

/* The next line of the record, across members as take() goes. */
static ng_status next_line(warc *w, int *got)
{
	for (;;) {
		ng_status st = ngi_lines_next(w->r, got);
		if (st || *got)
			return st;
		if (!w->r->at_member_end || w->per_record == 1)
			return NG_OK;
		members_are_one_stream(w);
		int more = 0;
		st = ngi_lines_next_member(w->r, &more);
		if (st || !more)
			return st;
	}
}

static int is_version_line(const char *s, size_t n)
{
	return n >= 7 && memcmp(s, "WARC/1.", 7) == 0;
}

/* Drops the rest of a bad record: to the end of its member when each
 * member holds a record; else to the next "WARC/1." line, looked for first
 * in the bad record's block (in memory: a Content-Length that was too long
 * swallowed the next records) and then in what follows. */
static ng_status resync(warc *w, const char *block, size_t block_len,
			const char *after, size_t after_len)
{
	if (w->per_record == 1) {
		size_t got;
		do {
			ng_status st = ngi_lines_take(w->r, (size_t)1 << 30, NULL, &got);
			if (st)
				return source_trouble(w, st);
		} while (got);
		return NG_OK;
	}
	for (size_t i = 1; block && i + 8 <= block_len; i++) {
		if (block[i - 1] == '\n' && is_version_line(block + i, block_len - i)) {
			ng_status st = ngi_lines_unread(w->r, after, after_len);
			if (!st)
				st = ngi_lines_unread(w->r, block + i, block_len - i);
			return st;
		}
	}
	if (after_len) {
		ng_status st = ngi_lines_unread(w->r, after, after_len);
		if (st)
			return st;
	}
	for (;;) {
		int got = 0;
		ng_status st = next_line(w, &got);
		if (st == NG_ERR_TOOBIG)
			continue;
		if (st)
			return source_trouble(w, st);
		if (!got)
			return NG_OK;
		if (is_version_line(w->r->line.data, w->r->line.len)) {
			st = ngi_lines_unread(w->r, "\n", 1);
			if (!st)
				st = ngi_lines_unread(w->r, w->r->line.data,
						      w->r->line.len);
			return st;
		}
	}
}

static long long parse_length(const char *v)
{
	long long n = 0;
	if (!*v)
		return -1;
	for (; *v; v++) {
		if (!isdigit((unsigned char)*v))
			return -1;
		if (n > (1LL << 50))
			return -1;
		n = n * 10 + (*v - '0');
	}
	return n;
}

/* Reads the named fields up to the blank line. 0: the header was good;
 * -1: bad (reported); a stopping status through *st. */
static int read_fields(warc *w, warc_fields *f, ng_status *st)
{
	memset(f, 0, sizeof *f);
	f->length = -1;
	size_t total = 0;
	for (;;) {
		int got = 0;
		*st = next_line(w, &got);
		if (*st == NG_ERR_TOOBIG) {
			*st = NG_OK;
			record_error(w, "WARC header line longer than %zu bytes",
				     NGI_WARC_MAX_HEADER);
			return -1;
		}
		if (*st) {
			*st = source_trouble(w, *st);
			return -2;
		}
		if (!got) {
			record_error(w, "record header cut short (the %s ends)",
				     w->r->at_member_end ? "gzip member" : "file");
			return -1;
		}
		const char *line = w->r->line.data;
		size_t len = w->r->line.len;
		if (len && line[len - 1] == '\r')
			len--;
		if (len == 0)
			return 0;
		total += len;
		if (total > NGI_WARC_MAX_HEADER) {
			record_error(w, "WARC header longer than %zu bytes",
				     NGI_WARC_MAX_HEADER);
			return -1;
		}
		const char *colon = memchr(line, ':', len);
		if (!colon)
			continue; /* not a field: ignored, as WARC readers do */
		size_t nlen = (size_t)(colon - line);
		const char *v = colon + 1;
		size_t vlen = len - nlen - 1;
		while (vlen && (*v == ' ' || *v == '\t')) {
			v++;
			vlen--;
		}
		while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
			vlen--;
		const char **slot = NULL;
		if (nlen == 9 && !strncasecmp(line, "WARC-Type", 9))
			slot = &f->type;
		else if (nlen == 15 && !strncasecmp(line, "WARC-Target-URI", 15))
			slot = &f->target_uri;
		else if (nlen == 9 && !strncasecmp(line, "WARC-Date", 9))
			slot = &f->date;
		else if (nlen == 14 && !strncasecmp(line, "WARC-Record-ID", 14))
			slot = &f->record_id;
		else if (nlen == 28 &&
			 !strncasecmp(line, "WARC-Identified-Payload-Type", 28))
			slot = &f->payload_type;
		else if (nlen == 12 && !strncasecmp(line, "Content-Type", 12))
			slot = &f->block_type;
		else if (nlen == 14 && !strncasecmp(line, "Content-Length", 14)) {
			char digits[32];
			size_t k = vlen < sizeof digits - 1 ? vlen : sizeof digits - 1;
			memcpy(digits, v, k);
			digits[k] = '\0';
			f->length = vlen < sizeof digits - 1 ? parse_length(digits) : -1;
			if (f->length < 0) {
				record_error(w, "bad Content-Length \"%.*s\"",
					     (int)(vlen < 40 ? vlen : 40), v);
				return -1;
			}
		}
		if (slot && !*slot) {
			/* <uri> in angle brackets (WARC/1.0's grammar) */
			if (slot == &f->target_uri && vlen >= 2 && v[0] == '<' &&
			    v[vlen - 1] == '>') {
				v++;
				vlen -= 2;
			}
			/* a URI or date with bytes that are not UTF-8 is
			 * repaired, as a record's every string is: it becomes
			 * the id and url stored and written out as JSON */
			ngi_buf fixed;
			ngi_buf_init(&fixed, 0);
			v = ngi_utf8_or_repaired(v, &vlen, &fixed);
			*slot = ngi_arena_strndup(&w->arena, v, vlen);
			ngi_buf_free(&fixed);
			if (!*slot) {
				*st = NG_ERR_NOMEM;
				return -2;
			}
		}
	}
}

/* The record id: the target URI, a hash of a very long one, the record id,
 * or file:record. */
static const char *record_id(warc *w, const warc_fields *f)
{
	const char *uri = f->target_uri;
	if (uri && *uri) {
		if (strlen(uri) <= WARC_MAX_ID)
			return uri;
		char *id = ngi_arena_alloc(&w->arena, 48);
		if (id)
			snprintf(id, 48, "url-hash:%016llx",
				 (unsigned long long)ngi_hash(uri, strlen(uri), 0));
		return id;
	}
	if (f->record_id && *f->record_id && strlen(f->record_id) <= WARC_MAX_ID)
		return f->record_id;
	char *id = ngi_arena_alloc(&w->arena, strlen(w->name) + 32);
	if (id)
		sprintf(id, "%s:%lld", ngi_read_basename(w->name), w->record_no);
	return id;
}

static void skipped(warc *w)
{
	w->io->stats->skipped++;
}

/* Drops left bytes of a block without holding them. Where each gzip member
 * holds a record the member's end bounds it; elsewhere a block is watched
 * for a "WARC/1." line, so a declared length far past the truth (2 GB in a
 * small file) stops at the next record instead of eating the file: *cut
 * is then set and the reader stands at that record. *left is what was not
 * found. */
static ng_status skip_block(warc *w, long long *left, int *cut)
{
	*cut = 0;
	if (w->per_record == 1) {
		while (*left > 0) {
			size_t k = 0;
			size_t want = *left > (1LL << 30) ? (size_t)1 << 30
							   : (size_t)*left;
			ng_status st = take(w, want, NULL, &k);
			if (st)
				return source_trouble(w, st);
			if (k == 0)
				break;
			*left -= (long long)k;
		}
		return NG_OK;
	}
	enum { PIECE = 1 << 16, KEEP = 8 };
	ngi_buf piece;
	ngi_buf_init(&piece, PIECE + KEEP + 16);
	ng_status st = NG_OK;
	char carry[KEEP];
	size_t n_carry = 0;
	while (*left > 0 && !st) {
		ngi_buf_clear(&piece);
		st = ngi_buf_append(&piece, carry, n_carry);
		size_t k = 0;
		size_t want = *left > PIECE ? PIECE : (size_t)*left;
		if (!st)
			st = take(w, want, &piece, &k);
		if (st) {
			st = source_trouble(w, st);
			break;
		}
		if (k == 0)
			break;
		const char *p = piece.data;
		for (size_t i = 1; i + 7 <= piece.len; i++) {
			if (p[i - 1] != '\n' || !is_version_line(p + i, piece.len - i))
				continue;
			/* hand back the record found and what follows it */
			size_t back = piece.len - i;
			st = ngi_lines_unread(w->r, p + i, back);
			*left -= (long long)k - (long long)back;
			*cut = 1;
			ngi_buf_free(&piece);
			return st;
		}
		*left -= (long long)k;
		n_carry = piece.len < KEEP ? piece.len : KEEP;
		memcpy(carry, piece.data + piece.len - n_carry, n_carry);
	}
	ngi_buf_free(&piece);
	return st;
}

/* After a refused record whose length was right: its CRLF CRLF. */
static ng_status check_end_quietly(warc *w)
{
	size_t got = 0;
	ng_status st = take(w, 4, NULL, &got);
	return st ? source_trouble(w, st) : NG_OK;
}

/* A response too large to hold: its first bytes say whether it is a page
 * (an error: refused) or something else (skipped); the rest is dropped. */
static ng_status oversized_response(warc *w, const warc_fields *f, int *ok)
{
	size_t head = f->length < (long long)NGI_HTTP_MAX_HEAD
			      ? (size_t)f->length
			      : NGI_HTTP_MAX_HEAD;
	size_t got = 0;
	ngi_buf_clear(&w->block);
	ng_status st = take(w, head, &w->block, &got);
	if (st)
		return source_trouble(w, st);
	ngi_http_head h;
	const char *why = NULL;
	st = ngi_http_parse_head(w->block.data ? w->block.data : "", got,
				 &w->arena, &h, &why);
	if (st == NG_ERR_NOMEM)
		return st;
	const char *body = w->block.data ? w->block.data + h.header_len : "";
	int refused = 0;
	if (!st && (!ngi_http_is_html(h.content_type, body, got - h.header_len) ||
		    h.status < 200 || h.status > 299)) {
		skipped(w);
	} else {
		record_error(w, "response of %lld bytes is over the %zu-byte cap, "
			     "skipped", f->length, WARC_MAX_BLOCK);
		refused = 1;
	}
	/* drop the rest without holding it; the head bytes may already
	 * hold the next record when the length lies */
	long long left = f->length - (long long)got;
	int cut = 0;
	const char *held = w->block.data;
	for (size_t i = 1; w->per_record != 1 && held && i + 7 <= got; i++) {
		if (held[i - 1] == '\n' && is_version_line(held + i, got - i)) {
			st = ngi_lines_unread(w->r, held + i, got - i);
			if (st)
				return st;
			cut = 1;
			break;
		}
	}
	if (!cut)
		st = skip_block(w, &left, &cut);
	if (st)
		return st;
	if (left > 0) {
		/* the declared length was wrong too: said once, for a record
		 * already refused */
		if (!refused)
			record_error(w, "Content-Length %lld runs %s", f->length,
				     cut ? "into the next record"
					 : "past the end of the input");
		return NG_OK;
	}
	*ok = !refused;
	if (refused)
		return check_end_quietly(w);
	return NG_OK;
}

/* A response that fits: decode the HTTP and hand the page on. */
static ng_status take_response(warc *w, const warc_fields *f)
{
	ngi_http_head h;
	const char *why = NULL;
	const char *block = w->block.data ? w->block.data : "";
	ng_status st = ngi_http_parse_head(block, w->block.len, &w->arena, &h, &why);
	if (st == NG_ERR_NOMEM)
		return st;
	if (st) {
		record_error(w, "%s, skipped", why);
		return NG_OK;
	}
	if (h.status < 200 || h.status > 299) {
		skipped(w);
		return NG_OK;
	}
	const char *body = block + h.header_len;
	size_t body_len = w->block.len - h.header_len;
	if (f->payload_type && !ngi_http_is_html(f->payload_type, body, body_len)) {
		skipped(w);
		return NG_OK;
	}
	const char *bytes = NULL;
	size_t n = 0;
	st = ngi_http_decode_body(&h, body, body_len, &w->scratch, &w->decoded,
				  &bytes, &n, &why);
	if (st == NG_ERR_NOMEM)
		return st;
	if (st == NG_ERR_TOOBIG) {
		record_error(w, "HTTP body decodes to more than %zu bytes, skipped",
			     NGI_HTML_MAX_BYTES);
		return NG_OK;
	}
	if (st) {
		record_error(w, "%s, skipped", why);
		return NG_OK;
	}
	if (!ngi_http_is_html(h.content_type, bytes, n)) {
		skipped(w);
		return NG_OK;
	}
	ngi_page_in in = {.source = w->name,
			  .record_no = w->record_no,
			  .offset = w->rec_offset,
			  .where = w->where,
			  .bytes = bytes,
			  .len = n,
			  .url = f->target_uri,
			  .content_type = h.content_type,
			  .id = record_id(w, f),
			  .fallback_date = f->date,
			  .fallback_source = NGI_PUB_CRAWL};
	if (!in.id)
		return NG_ERR_NOMEM;
	ng_status verdict = NG_OK;
	st = ngi_read_page(w->io, &w->arena, &in, &verdict);
	if (verdict)
		w->result = verdict;
	return st;
}

/* Is the record followed by CRLF CRLF? *ok 0: no (reported, resynced). */
static ng_status check_end(warc *w, const warc_fields *f, int *ok)
{
	char end[4];
	ngi_buf tail;
	ngi_buf_init(&tail, 16);
	size_t got = 0;
	ng_status st = take(w, 4, &tail, &got);
	if (st) {
		ngi_buf_free(&tail);
		return source_trouble(w, st);
	}
	memcpy(end, tail.data ? tail.data : "", got);
	ngi_buf_free(&tail);
	if (got == 4 && memcmp(end, "\r\n\r\n", 4) == 0) {
		*ok = 1;
		return NG_OK;
	}
	if (got < 4 && memcmp(end, "\r\n\r\n", got) == 0 &&
	    ngi_lines_member_done(w->r)) {
		/* the member or file ends right after the block, or after
		 * part of its CRLF CRLF: tolerated */
		*ok = 1;
		return NG_OK;
	}
	*ok = 0;
	record_error(w, "no CRLF CRLF after the %lld-byte block: wrong "
		     "Content-Length? record skipped", f->length);
	return resync(w, w->block.data, w->block.len, end, got);
}

/* One record from its version line on. Returns a status that stops. */
static ng_status read_record(warc *w)
{
	ngi_arena_reset(&w->arena);
	w->record_no++;
	warc_fields f;
	ng_status st = NG_OK;
	int r = read_fields(w, &f, &st);
	if (r == -2)
		return st;
	if (r < 0)
		return resync(w, NULL, 0, NULL, 0);
	if (f.length < 0) {
		record_error(w, "no Content-Length, record skipped");
		return resync(w, NULL, 0, NULL, 0);
	}
	/* a response that is not HTTP (dns:, ftp: as crawlers record them)
	 * says so in its Content-Type: skipped like other records */
	int response = f.type && !strcasecmp(f.type, "response") &&
		       (!f.block_type ||
			!strncasecmp(f.block_type, "application/http", 16));
	size_t got = 0;
	ngi_buf_clear(&w->block);
	if (!response) {
		if (!f.type)
			ngi_diag(w->io->diag, NG_DIAG_WARNING, w->name, w->record_no,
				 w->rec_offset, "%sno WARC-Type, skipped", w->where);
		skipped(w);
		long long left = f.length;
		int cut = 0;
		st = skip_block(w, &left, &cut);
		if (st)
			return st;
		if (left > 0) {
			record_error(w, "wrong Content-Length %lld: it runs %s",
				     f.length, cut ? "into the next record"
						   : "past the end of the input");
			return NG_OK;
		}
	} else if (f.length > (long long)WARC_MAX_BLOCK) {
		int ok = 0;
		st = oversized_response(w, &f, &ok);
		if (st || !ok)
			return st;
	} else {
		st = take(w, (size_t)f.length, &w->block, &got);
		if (st)
			return source_trouble(w, st);
		if ((long long)got < f.length) {
			record_error(w, "record cut short: Content-Length %lld, the "
				     "%s ends after %zu bytes", f.length,
				     w->r->at_member_end ? "gzip member" : "file",
				     got);
			return resync(w, w->block.data, w->block.len, NULL, 0);
		}
	}
	int ok = 0;
	st = check_end(w, &f, &ok);
	if (st || !ok)
		return st;
	if (w->per_record == -1) {
		if (ngi_lines_member_done(w->r))
			w->per_record = 1;
		else
			members_are_one_stream(w);
	}
	return response && f.length <= (long long)WARC_MAX_BLOCK
		       ? take_response(w, &f)
		       : NG_OK;
}

/* Finds the next version line, skipping blank lines between records.
 * *found 0: the end of the input. */
static ng_status next_record(warc *w, int *found)
{
	*found = 0;
	for (;;) {
		if (ngi_lines_member_done(w->r)) {
			if (w->r->eof)
				return NG_OK;
			int more = 0;
			ng_status st = ngi_lines_next_member(w->r, &more);
			if (st == NG_ERR_INPUT) {
				/* bytes after the last member: not a record */
				gzip_failed(w, 0);
				w->io->stats->failed++;
				continue;
			}
			if (st || !more)
				return st;
			continue;
		}
		if (w->r->gz_failed) {
			/* a member failed before a line came out of it: a
			 * record lost, unless it is the member of the record
			 * just read (its gzip trailer was cut or wrong) */
			int lost = w->r->gz->error_offset != w->rec_member;
			w->record_no += lost;
			ng_status st = gzip_failed(w, lost);
			if (st)
				return st;
			continue;
		}
		int got = 0;
		long long u = w->r->offset;
		ng_status st = next_line(w, &got);
		if (st == NG_ERR_INPUT) {
			w->record_no++; /* the record the member held is lost */
			st = gzip_failed(w, 1);
			if (st)
				return st;
			continue;
		}
		if (st == NG_ERR_TOOBIG) {
			locate_record(w, u);
			w->record_no++;
			record_error(w, "not a WARC record: a line of %zu bytes "
				     "where \"WARC/1.0\" was expected",
				     w->r->line_len);
			w->record_no--;
			st = resync(w, NULL, 0, NULL, 0);
			if (st)
				return st;
			continue;
		}
		if (st || !got)
			return st;
		const char *line = w->r->line.data;
		size_t len = w->r->line.len;
		if (len && line[len - 1] == '\r')
			len--;
		if (len == 0)
			continue;
		locate_record(w, u);
		if (is_version_line(line, len)) {
			*found = 1;
			return NG_OK;
		}
		w->record_no++;
		record_error(w, "not a WARC record: \"%.*s\" where \"WARC/1.0\" "
			     "was expected", (int)(len < 40 ? len : 40), line);
		w->record_no--; /* the next good record keeps its number */
		st = resync(w, NULL, 0, NULL, 0);
		if (st)
			return st;
	}
}

ng_status ngi_read_warc(const char *name, ngi_lines *r, ngi_read_io *io)
{
	warc w;
	memset(&w, 0, sizeof w);
	w.name = name;
	w.io = io;
	w.r = r;
	w.per_record = r->gz->gzip ? -1 : 0;
	r->member_stops = r->gz->gzip;
	r->max_line = NGI_WARC_MAX_HEADER;
	ngi_buf_free(&r->line);
	ngi_buf_init(&r->line, NGI_WARC_MAX_HEADER);
	ngi_arena_init(&w.arena, 0);
	ngi_buf_init(&w.block, WARC_MAX_BLOCK + 16);
	ngi_buf_init(&w.decoded, NGI_HTML_MAX_BYTES);
	ngi_buf_init(&w.scratch, WARC_MAX_BLOCK + 16);

	long long before = ngi_lines_input_pos(r);
	ng_status st = NG_OK;
	for (;;) {
		int found = 0;
		st = next_record(&w, &found);
		if (st || !found)
			break;
		st = read_record(&w);
		io->stats->position = io->file_base + ngi_lines_input_pos(r);
		if (st)
			break;
	}
	io->stats->bytes += ngi_lines_input_pos(r) - before;
	if (st == NG_ERR_IO) {
		ngi_diag(io->diag, NG_DIAG_ERROR, name, w.record_no,
			 ngi_lines_input_pos(r), "read error: %s",
			 strerror(r->read_error ? r->read_error : EIO));
		io->stats->failed++;
		w.result = NG_ERR_INPUT;
		st = NG_OK;
	}
	ngi_arena_free(&w.arena);
	ngi_buf_free(&w.block);
	ngi_buf_free(&w.decoded);
	ngi_buf_free(&w.scratch);
	return st ? st : w.result;
}
