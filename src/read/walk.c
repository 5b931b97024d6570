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
 * Each file's format is decided here: .jsonl/.ndjson (any case) is JSON
 * Lines; anything else is sniffed from its first buffer (64 KiB): if its
 * first non-blank byte (after a UTF-8 byte-order mark) is '{' and that line
 * parses as a JSON object, it is JSON Lines, else one plain-text article. A first line starting with '{'
 * and longer than the buffer is taken as JSON Lines without parsing it (no
 * article starts with such a line). stdin is sniffed the same way, without
 * rewinding. JSON Lines are streamed line by line; a text file is read
 * whole, up to NGI_READ_MAX_FILE.
 *
 * Counting: files opened, records handed to the callback, records or files
 * rejected (failed), bytes read, and bytes replaced by U+FFFD.
 */
#include "read_int.h"

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
	}
	return "none";
}

typedef struct walk {
	ngi_read_io io;
	ng_status result; /* NG_OK, or NG_ERR_INPUT once something was bad */
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

static int has_jsonl_extension(const char *path)
{
	const char *base = ngi_read_basename(path);
	const char *dot = strrchr(base, '.');
	return dot && dot != base &&
	       (strcasecmp(dot, ".jsonl") == 0 || strcasecmp(dot, ".ndjson") == 0);
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

static ng_status read_text_stream(walk *w, const char *path, ngi_lines *r)
{
	ngi_buf all;
	ngi_buf_init(&all, NGI_READ_MAX_FILE);
	ng_status st = ngi_lines_rest(r, &all);
	if (st == NG_ERR_TOOBIG) {
		char what[96];
		snprintf(what, sizeof what,
			 "file larger than the %zu-byte cap, skipped",
			 NGI_READ_MAX_FILE);
		w->io.stats->bytes += r->offset;
		st = file_error(w, path, (long long)NGI_READ_MAX_FILE, what, 0);
	} else if (st == NG_ERR_IO) {
		w->io.stats->bytes += r->offset;
		st = file_error(w, path, r->offset, "read error", r->read_error);
	} else if (!st) {
		st = ngi_read_text_article(path, all.data, all.len, w->io.fn,
					   w->io.ctx, w->io.diag, w->io.stats);
	}
	ngi_buf_free(&all);
	return st;
}

static ng_status read_stream(walk *w, const char *path, FILE *f)
{
	ngi_lines r;
	ng_status st = ngi_lines_init(&r, f, NGI_READ_MAX_LINE);
	if (st)
		return st;
	int jsonl = strcmp(path, "-") != 0 && has_jsonl_extension(path);
	if (!jsonl) {
		const char *first;
		size_t n;
		st = ngi_lines_peek(&r, &first, &n);
		if (st == NG_ERR_IO) {
			st = file_error(w, path, 0, "read error", r.read_error);
			ngi_lines_free(&r);
			return st;
		}
		jsonl = sniff_jsonl(first, n, r.eof);
	}
	if (jsonl)
		st = ngi_read_jsonl_lines(path, &r, &w->io);
	else
		st = read_text_stream(w, path, &r);
	ngi_lines_free(&r);
	return st;
}

static ng_status read_file(walk *w, const char *path)
{
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

ng_status ngi_read_path(const char *path, ngi_record_fn fn, void *ctx,
			ngi_diag_sink *diag, ngi_read_stats *stats)
{
	walk w;
	ngi_read_io_init(&w.io, fn, ctx, diag, stats);
	w.result = NG_OK;

	ng_status st;
	struct stat st_buf;
	if (strcmp(path, "-") == 0)
		st = read_file(&w, path);
	else if (stat(path, &st_buf) != 0)
		st = file_error(&w, path, -1, "cannot open", errno);
	else if (S_ISDIR(st_buf.st_mode))
		st = walk_dir(&w, path, 0);
	else
		st = read_file(&w, path);
	if (st == NG_ERR_INPUT) {
		w.result = NG_ERR_INPUT;
		st = NG_OK;
	}
	return st ? st : w.result;
}
