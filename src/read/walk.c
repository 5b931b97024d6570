/*
 * walk.c: paths -> files -> the right reader, the entry of the read stage.
 *
 * ngi_read_path takes what the user named: a file, a directory or "-" for
 * stdin. Directories are walked recursively, entries in bytewise name order
 * so every run sees the input in the same order; names starting with '.'
 * are skipped, and so, with a warning, are special files and symbolic links
 * to directories (a link to a regular file is read). A path that cannot be
 * opened is an error diagnostic and the walk goes on with the rest.
 *
 * Each file and stdin is read through gz.c, so gzip input (any file that
 * starts with the gzip magic) is inflated as it is read, and its format is
 * decided here from the name (a final .gz set aside) and the first
 * buffer (64 KiB, decompressed): .jsonl/.ndjson is JSON Lines; "WARC/1."
 * first is a WARC file (warc.c, streamed record by record); markup first
 * is a feed when its root element is rss, rdf:RDF or feed (feed_read.c),
 * a page when it is html/head/body or a doctype html (page.c), else the
 * extension decides (.rss/.atom/.xml/.rdf a feed, .html/.htm a page, else
 * a text); then a first line that parses as a JSON object is JSON Lines (a
 * first line starting with '{' and longer than the buffer is taken as JSON
 * Lines without parsing it: no article starts with such a line); then one
 * JSON document (an array of article objects, or one object over several
 * lines, read whole: jsonl.c); .html/.htm and .warc decide what is left;
 * anything else is one
 * plain-text article. The first non-blank byte is looked at after a UTF-8
 * byte-order mark. stdin is sniffed the same way, without rewinding. JSON
 * Lines and WARC are streamed; a text file (NGI_READ_MAX_FILE), a page
 * (NGI_HTML_MAX_BYTES) or a feed (NGI_FEED_MAX_BYTES) is read whole up to
 * its cap. docs/READING.md has the rules as a list.
 *
 * Counting: files opened, records handed to the callback, records or files
 * rejected (failed), records skipped on purpose, bytes read as stored
 * (compressed bytes of gzip input), and bytes replaced by U+FFFD.
 */
#include "read_int.h"

#include "feed.h"
#include "html.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_DIR_DEPTH 64

const char *ngi_pub_source_name(ngi_pub_source s)
{
	switch (s) {
	case NGI_PUB_NONE: return "none";
	case NGI_PUB_METADATA: return "metadata";
	case NGI_PUB_HEADER: return "header";
	case NGI_PUB_DATELINE: return "dateline";
	case NGI_PUB_TEXT: return "text";
	case NGI_PUB_OVERRIDE: return "override";
	case NGI_PUB_CRAWL: return "crawl";
	}
	return "none";
}

typedef struct walk {
	ngi_read_io io;
	ng_status result; /* NG_OK, or NG_ERR_INPUT once something was bad */
	/* listing (ngi_read_list): each file to read goes here, unread */
	ngi_file_fn on_file;
	void *file_ctx;
} walk;

/* A problem with one file or directory: reported, counted, walk goes on. */
static ng_status file_error(walk *w, const char *path, long long offset,
			    const char *what, int err)
{
	if (err)
		ngi_diag(w->io.diag, NG_DIAG_ERROR, path, 0, offset, "%s: %s",
			 what, strerror(err));
	else
		ngi_diag(w->io.diag, NG_DIAG_ERROR, path, 0, offset, "%s", what);
	w->io.stats->failed++;
	return NG_ERR_INPUT;
}

/* The file's extension without a final ".gz" ("page.html.gz" -> ".html"),
 * "" when none. */
static void inner_extension(const char *path, char *ext, size_t cap)
{
	const char *base = ngi_read_basename(path);
	size_t n = strlen(base);
	if (n > 3 && strcasecmp(base + n - 3, ".gz") == 0)
		n -= 3;
	ext[0] = '\0';
	for (size_t i = n; i-- > 1;) {
		if (base[i] == '.') {
			size_t len = n - i;
			if (len < cap) {
				memcpy(ext, base + i, len);
				ext[len] = '\0';
			}
			return;
		}
	}
}

static int ext_is(const char *ext, const char *a, const char *b)
{
	return !strcasecmp(ext, a) || (b && !strcasecmp(ext, b));
}

/* The sniff on the first buffer: is this JSON Lines? A UTF-8 byte-order
 * mark before the first line is skipped (the JSON Lines reader skips it
 * too, the text reader drops it). */
static int sniff_jsonl(const char *s, size_t n, int complete)
{
	size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
			 s[i] == '\n'))
		i++;
	if (i >= n || s[i] != '{')
		return 0;
	const char *nl = memchr(s + i, '\n', n - i);
	if (!nl && !complete)
		return 1;
	size_t len = nl ? (size_t)(nl - (s + i)) : n - i;
	return ngi_read_line_is_object(s + i, len);
}

/* After JSON Lines was ruled out (the first line is no object): '[' then
 * '{' or ']' (an array of articles: no article text starts so), or an
 * object written over several lines, when the whole input is in the first
 * buffer and parses as one object. */
static int sniff_json_document(const char *s, size_t n, int complete)
{
	if (n && s[0] == '{')
		return complete && ngi_read_line_is_object(s, n);
	if (!n || s[0] != '[')
		return 0;
	size_t i = 1;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
			 s[i] == '\n'))
		i++;
	return i < n && (s[i] == '{' || s[i] == ']');
}

typedef enum file_format {
	FORMAT_TEXT,
	FORMAT_JSONL,
	FORMAT_WARC,
	FORMAT_FEED,
	FORMAT_HTML,
	FORMAT_JSON  /* one JSON document: an object over several lines, or
			an array of objects */
} file_format;

static int starts_with_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* Markup first: the root element (after an XML declaration, comments,
 * processing instructions and a doctype) says feed or page. */
static file_format sniff_markup(const char *s, size_t n, const char *ext)
{
	size_t i = 0;
	for (int guard = 0; guard < 64 && i < n; guard++) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
				 s[i] == '\n'))
			i++;
		if (i >= n || s[i] != '<')
			break;
		const char *p = s + i;
		size_t left = n - i;
		if (starts_with_ci(p, left, "<!doctype html"))
			return FORMAT_HTML;
		if (starts_with_ci(p, left, "<!--")) {
			size_t j = 4;
			while (j + 3 <= left && memcmp(p + j, "-->", 3))
				j++;
			i += j + 3;
			continue;
		}
		if (starts_with_ci(p, left, "<?") || starts_with_ci(p, left, "<!")) {
			const char *gt = memchr(p, '>', left);
			if (!gt)
				break;
			i = (size_t)(gt - s) + 1;
			continue;
		}
		/* the root element's name, with any prefix */
		size_t j = 1;
		while (j < left && (isalnum((unsigned char)p[j]) || p[j] == ':' ||
				    p[j] == '-' || p[j] == '_'))
			j++;
		const char *name = p + 1;
		size_t len = j - 1;
		const char *colon = memchr(name, ':', len);
		const char *local = colon ? colon + 1 : name;
		size_t llen = len - (size_t)(local - name);
		if ((llen == 3 && !strncasecmp(local, "rss", 3)) ||
		    (llen == 3 && !strncmp(local, "RDF", 3)) ||
		    (llen == 4 && !strncmp(local, "feed", 4)))
			return FORMAT_FEED;
		if ((llen == 4 && !strncasecmp(local, "html", 4)) ||
		    (llen == 4 && !strncasecmp(local, "head", 4)) ||
		    (llen == 4 && !strncasecmp(local, "body", 4)))
			return FORMAT_HTML;
		break;
	}
	if (ext_is(ext, ".rss", ".atom") || ext_is(ext, ".xml", ".rdf"))
		return FORMAT_FEED;
	if (ext_is(ext, ".html", ".htm"))
		return FORMAT_HTML;
	return FORMAT_TEXT; /* a text that opens with a tag */
}

/* The format of a file from its name and its first (decompressed) bytes:
 * .jsonl/.ndjson is JSON Lines; "WARC/1." is WARC; markup is a feed (root
 * rss, rdf:RDF, feed) or a page (doctype html, html, or .html/.htm); else
 * JSON Lines when the first line is an object, else a text article. */
static file_format sniff(const char *path, const char *s, size_t n,
			 int complete)
{
	char ext[16];
	inner_extension(strcmp(path, "-") ? path : "", ext, sizeof ext);
	if (ext_is(ext, ".jsonl", ".ndjson"))
		return FORMAT_JSONL;
	size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
			 s[i] == '\n'))
		i++;
	if (n - i >= 7 && memcmp(s + i, "WARC/1.", 7) == 0)
		return FORMAT_WARC;
	if (i < n && s[i] == '<') {
		file_format f = sniff_markup(s + i, n - i, ext);
		if (f != FORMAT_TEXT)
			return f;
	}
	if (sniff_jsonl(s, n, complete))
		return FORMAT_JSONL;
	if (sniff_json_document(s + i, n - i, complete))
		return FORMAT_JSON;
	if (ext_is(ext, ".html", ".htm"))
		return FORMAT_HTML;
	if (ext_is(ext, ".warc", NULL))
		return FORMAT_WARC;
	return FORMAT_TEXT;
}

/* The rest of the input, whole, up to cap: NG_OK, or reported. */
static ng_status read_whole(walk *w, const char *path, ngi_lines *r,
			    size_t cap, ngi_buf *all)
{
	ngi_buf_init(all, cap);
	ng_status st = ngi_lines_rest(r, all);
	if (st == NG_ERR_TOOBIG) {
		char what[96];
		snprintf(what, sizeof what,
			 "file larger than the %zu-byte cap, skipped", cap);
		st = file_error(w, path, (long long)cap, what, 0);
	} else if (st == NG_ERR_IO) {
		st = file_error(w, path, r->offset, "read error", r->read_error);
	} else if (st == NG_ERR_INPUT && r->gz_failed) {
		st = file_error(w, path, r->gz->error_offset, r->gz->error, 0);
	}
	/* progress: the file is read by now */
	w->io.stats->position = w->io.file_base + ngi_lines_input_pos(r);
	return st;
}

static ng_status read_text_stream(walk *w, const char *path, ngi_lines *r)
{
	ngi_buf all;
	ng_status st = read_whole(w, path, r, NGI_READ_MAX_FILE, &all);
	if (!st)
		st = ngi_read_text_article(path, all.data, all.len, w->io.fn,
					   w->io.ctx, w->io.diag, w->io.stats);
	ngi_buf_free(&all);
	return st;
}

/* A file read whole (up to cap), then handed to a reader of whole files:
 * an HTML page or a feed. */
typedef ng_status (*whole_reader)(const char *path, const char *bytes,
				  size_t len, ngi_read_io *io);

static ng_status read_whole_with(walk *w, const char *path, ngi_lines *r,
				 size_t cap, whole_reader fn)
{
	ngi_buf all;
	ng_status st = read_whole(w, path, r, cap, &all);
	if (!st)
		st = fn(path, all.data ? all.data : "", all.len, &w->io);
	ngi_buf_free(&all);
	return st;
}

static ng_status read_stream(walk *w, const char *path, FILE *f)
{
	ngi_gz gz;
	ng_status st = ngi_gz_open(&gz, f);
	if (st == NG_ERR_IO) {
		st = file_error(w, path, 0, "read error", gz.read_error);
		ngi_gz_close(&gz);
		return st;
	}
	if (st) {
		ngi_gz_close(&gz);
		return st;
	}
	ngi_lines r;
	st = ngi_lines_init(&r, &gz, NGI_READ_MAX_LINE);
	if (st) {
		ngi_gz_close(&gz);
		return st;
	}
	long long bytes_before = w->io.stats->bytes;
	w->io.file_base = w->io.stats->position;
	const char *first;
	size_t n;
	st = ngi_lines_peek(&r, &first, &n);
	if (st == NG_ERR_IO)
		st = file_error(w, path, 0, "read error", r.read_error);
	else if (st == NG_ERR_INPUT)
		st = file_error(w, path, gz.error_offset, gz.error, 0);
	else if (!st) {
		switch (sniff(path, first, n, r.eof)) {
		case FORMAT_JSONL: st = ngi_read_jsonl_lines(path, &r, &w->io); break;
		case FORMAT_WARC: st = ngi_read_warc(path, &r, &w->io); break;
		case FORMAT_FEED:
			st = read_whole_with(w, path, &r, NGI_FEED_MAX_BYTES,
					     ngi_read_feed);
			break;
		case FORMAT_HTML:
			st = read_whole_with(w, path, &r, NGI_HTML_MAX_BYTES,
					     ngi_read_html_file);
			break;
		case FORMAT_JSON:
			st = read_whole_with(w, path, &r, NGI_READ_MAX_FILE,
					     ngi_read_json_document);
			break;
		case FORMAT_TEXT: st = read_text_stream(w, path, &r); break;
		}
	}
	/* bytes as stored: compressed bytes for gzip input */
	w->io.stats->bytes = bytes_before + ngi_lines_input_pos(&r);
	w->io.stats->position = w->io.file_base + ngi_lines_input_pos(&r);
	ngi_lines_free(&r);
	ngi_gz_close(&gz);
	return st;
}

static ng_status read_file(walk *w, const char *path)
{
	if (w->on_file)
		return w->on_file(w->file_ctx, path);
	if (strcmp(path, "-") == 0) {
		w->io.stats->files++;
		return read_stream(w, path, stdin);
	}
	FILE *f = fopen(path, "rb");
	if (!f)
		return file_error(w, path, -1, "cannot open", errno);
	w->io.stats->files++;
	ng_status st = read_stream(w, path, f);
	fclose(f);
	return st;
}

/* The visible entries of a directory, sorted; NG_ERR_INPUT when it cannot
 * be listed (reported). */
static ng_status list_dir(walk *w, const char *path, char ***out, size_t *n_out)
{
	const char *what = NULL;
	ng_status st = ngi_list_dir(path, out, n_out, &what);
	if (st == NG_ERR_IO)
		st = file_error(w, path, -1, what, errno);
	return st;
}

static ng_status walk_path(walk *w, const char *path, int depth);

static ng_status walk_dir(walk *w, const char *path, int depth)
{
	if (depth > MAX_DIR_DEPTH)
		return file_error(w, path, -1,
				  "directories nested too deep, skipped", 0);
	char **names = NULL;
	size_t n = 0;
	ng_status st = list_dir(w, path, &names, &n);
	if (st == NG_ERR_INPUT) {
		w->result = NG_ERR_INPUT;
		st = NG_OK;
	}
	size_t plen = strlen(path);
	int slash = plen && path[plen - 1] == '/';
	for (size_t i = 0; i < n && !st; i++) {
		size_t len = plen + 1 + strlen(names[i]) + 1;
		char *child = malloc(len);
		if (!child) {
			st = NG_ERR_NOMEM;
			break;
		}
		snprintf(child, len, "%s%s%s", path, slash ? "" : "/", names[i]);
		st = walk_path(w, child, depth + 1);
		free(child);
	}
	ngi_free_names(names, n);
	return st;
}

/* One entry met inside a directory (top-level paths are trusted more: a
 * FIFO named on the command line is read). */
static ng_status walk_path(walk *w, const char *path, int depth)
{
	struct stat st_buf;
	ng_status st;

	if (lstat(path, &st_buf) != 0)
		st = file_error(w, path, -1, "cannot stat", errno);
	else if (S_ISDIR(st_buf.st_mode))
		st = walk_dir(w, path, depth);
	else if (S_ISREG(st_buf.st_mode))
		st = read_file(w, path);
	else if (S_ISLNK(st_buf.st_mode)) {
		if (stat(path, &st_buf) != 0) {
			ngi_diag(w->io.diag, NG_DIAG_WARNING, path, 0, -1,
				 "broken symbolic link, skipped");
			st = NG_OK;
		} else if (S_ISREG(st_buf.st_mode)) {
			st = read_file(w, path);
		} else {
			ngi_diag(w->io.diag, NG_DIAG_WARNING, path, 0, -1,
				 "symbolic link to a directory or special "
				 "file, not followed");
			st = NG_OK;
		}
	} else {
		ngi_diag(w->io.diag, NG_DIAG_WARNING, path, 0, -1,
			 "not a regular file, skipped");
		st = NG_OK;
	}
	if (st == NG_ERR_INPUT) {
		w->result = NG_ERR_INPUT;
		st = NG_OK;
	}
	return st;
}

ng_status ngi_read_bytes(const char *name, const void *bytes, size_t len,
			 ngi_record_fn fn, void *ctx, ngi_diag_sink *diag,
			 ngi_read_stats *stats)
{
	walk w = {0};
	ngi_read_io_init(&w.io, fn, ctx, diag, stats);
	w.result = NG_OK;
	w.io.stats->files++;
	if (len == 0)
		return file_error(&w, name, -1, "empty input: no records", 0);
	/* a stream over the bytes: the same sniffing, gzip and readers as a
	 * file (fmemopen only reads; the cast drops nothing it writes) */
	FILE *f = fmemopen((void *)bytes, len, "rb");
	if (!f)
		return NG_ERR_NOMEM;
	ng_status st = read_stream(&w, name, f);
	fclose(f);
	if (st == NG_ERR_INPUT) {
		w.result = NG_ERR_INPUT;
		st = NG_OK;
	}
	return st ? st : w.result;
}

/* The top of a walk: "-", a directory, or a file (of any kind: a FIFO
 * named on the command line is read). */
static ng_status walk_top(walk *w, const char *path)
{
	ng_status st;
	struct stat st_buf;
	if (strcmp(path, "-") == 0)
		st = read_file(w, path);
	else if (stat(path, &st_buf) != 0)
		st = file_error(w, path, -1, "cannot open", errno);
	else if (S_ISDIR(st_buf.st_mode))
		st = walk_dir(w, path, 0);
	else
		st = read_file(w, path);
	if (st == NG_ERR_INPUT) {
		w->result = NG_ERR_INPUT;
		st = NG_OK;
	}
	return st ? st : w->result;
}

ng_status ngi_read_path(const char *path, ngi_record_fn fn, void *ctx,
			ngi_diag_sink *diag, ngi_read_stats *stats)
{
	walk w = {0};
	ngi_read_io_init(&w.io, fn, ctx, diag, stats);
	w.result = NG_OK;
	return walk_top(&w, path);
}

ng_status ngi_read_list(const char *path, ngi_file_fn fn, void *ctx,
			ngi_diag_sink *diag, ngi_read_stats *stats)
{
	walk w = {0};
	ngi_read_io_init(&w.io, NULL, NULL, diag, stats);
	w.result = NG_OK;
	w.on_file = fn;
	w.file_ctx = ctx;
	return walk_top(&w, path);
}

int ngi_read_splittable(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	int yes = 0;
	ngi_gz gz;
	ngi_lines r;
	if (!ngi_gz_open(&gz, f) && !gz.gzip &&
	    !ngi_lines_init(&r, &gz, NGI_READ_MAX_LINE)) {
		const char *first;
		size_t n, first_bad;
		yes = !ngi_lines_peek(&r, &first, &n) &&
		      sniff(path, first, n, r.eof) == FORMAT_JSONL &&
		      !ngi_read_looks_binary(first, n, r.eof, &first_bad);
		ngi_lines_free(&r);
	}
	ngi_gz_close(&gz);
	fclose(f);
	return yes;
}

/* Where the first line starting at or after start begins (start itself
 * when the byte before it ends a line), or -1 at the end of the file;
 * *newline is 1 when a newline was passed to get there. */
static long long line_start_from(FILE *f, long long start, int *newline)
{
	*newline = 0;
	if (start == 0)
		return 0;
	if (fseeko(f, start - 1, SEEK_SET) != 0)
		return -1;
	int c = getc(f);
	if (c == '\n')
		return start;
	while ((c = getc(f)) != EOF && c != '\n')
		;
	if (c == EOF)
		return -1;
	*newline = 1;
	return ftello(f);
}

ng_status ngi_read_jsonl_range(const char *path, long long start,
			       long long end, long long newlines_before,
			       ngi_record_fn fn, void *ctx, ngi_diag_sink *diag,
			       ngi_read_stats *stats)
{
	walk w = {0};
	ngi_read_io_init(&w.io, fn, ctx, diag, stats);
	w.result = NG_OK;
	FILE *f = fopen(path, "rb");
	if (!f)
		return file_error(&w, path, start, "cannot open", errno);
	if (start == 0)
		w.io.stats->files++; /* the file is counted once, by its first range */
	int newline;
	long long first = line_start_from(f, start, &newline);
	ng_status st = NG_OK;
	if (first >= 0 && first < end) {
		ngi_gz gz;
		ngi_lines r;
		if (fseeko(f, first, SEEK_SET) != 0)
			st = file_error(&w, path, first, "cannot seek", errno);
		else if (!(st = ngi_gz_open_plain(&gz, f))) {
			st = ngi_lines_init(&r, &gz, NGI_READ_MAX_LINE);
			if (!st) {
				r.offset = first;
				r.line_no = newlines_before + newline;
				w.io.file_base = first;
				st = ngi_read_jsonl_part(path, &r, &w.io, end);
				ngi_lines_free(&r);
			}
			ngi_gz_close(&gz);
		}
	} else if (ferror(f)) {
		st = file_error(&w, path, start, "read error", errno);
	}
	fclose(f);
	if (st == NG_ERR_INPUT) {
		w.result = NG_ERR_INPUT;
		st = NG_OK;
	}
	return st ? st : w.result;
}
