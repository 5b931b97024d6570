/*
 * read_capture.h: what the reader tests (test_warc.c, test_feeds.c) share:
 * a record callback and a diagnostics sink that keep copies of what came
 * out, and a temporary directory for the files a test writes.
 */
#ifndef NG_TEST_READ_CAPTURE_H
#define NG_TEST_READ_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/read.h"

#define CAP_MAX 64

typedef struct cap_record {
	char *source, *id, *url, *title, *lang, *published, *text;
	ngi_pub_source published_source;
	long long record_no, offset;
} cap_record;

typedef struct cap_diag {
	ng_severity severity;
	char *file, *message;
	long long record, offset;
} cap_diag;

typedef struct capture {
	cap_record rec[CAP_MAX];
	size_t n_rec;
	cap_diag diag[CAP_MAX];
	size_t n_diag;
	ngi_read_stats stats;
	ngi_diag_sink sink;
} capture;

static inline char *cap_dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static inline ng_status cap_on_record(void *ctx, const ngi_record *r)
{
	capture *c = ctx;
	if (c->n_rec < CAP_MAX) {
		cap_record *g = &c->rec[c->n_rec];
		g->source = cap_dup(r->source);
		g->id = cap_dup(r->id);
		g->url = cap_dup(r->url);
		g->title = cap_dup(r->title);
		g->lang = cap_dup(r->lang);
		g->published = cap_dup(r->published);
		g->published_source = r->published_source;
		g->text = cap_dup(r->text);
		g->record_no = r->record_no;
		g->offset = r->offset;
	}
	c->n_rec++;
	return NG_OK;
}

static inline void cap_on_diag(void *ctx, const ng_diag *d)
{
	capture *c = ctx;
	if (getenv("CAP_VERBOSE"))
		fprintf(stderr, "diag: %s:%lld: offset %lld: %s\n", d->file,
			d->record, d->offset, d->message);
	if (c->n_diag < CAP_MAX) {
		cap_diag *g = &c->diag[c->n_diag];
		g->severity = d->severity;
		g->file = cap_dup(d->file);
		g->message = cap_dup(d->message);
		g->record = d->record;
		g->offset = d->offset;
	}
	c->n_diag++;
}

static inline void cap_clear(capture *c)
{
	for (size_t i = 0; i < c->n_rec && i < CAP_MAX; i++) {
		cap_record *g = &c->rec[i];
		free(g->source); free(g->id); free(g->url); free(g->title);
		free(g->lang); free(g->published); free(g->text);
	}
	for (size_t i = 0; i < c->n_diag && i < CAP_MAX; i++) {
		free(c->diag[i].file);
		free(c->diag[i].message);
	}
	memset(c, 0, sizeof *c);
	c->sink.fn = cap_on_diag;
	c->sink.ctx = c;
}

/* Reads path into c (cleared first); returns ngi_read_path's status. */
static inline ng_status cap_read(capture *c, const char *path)
{
	cap_clear(c);
	return ngi_read_path(path, cap_on_record, c, &c->sink, &c->stats);
}

/* The record with this id, or NULL. */
static inline const cap_record *cap_find(const capture *c, const char *id)
{
	for (size_t i = 0; i < c->n_rec && i < CAP_MAX; i++)
		if (c->rec[i].id && !strcmp(c->rec[i].id, id))
			return &c->rec[i];
	return NULL;
}

/* The first diagnostic of this severity whose message holds what. */
static inline const cap_diag *cap_diag_with(const capture *c, ng_severity sev,
				     const char *what)
{
	for (size_t i = 0; i < c->n_diag && i < CAP_MAX; i++)
		if (c->diag[i].severity == sev && strstr(c->diag[i].message, what))
			return &c->diag[i];
	return NULL;
}

static inline size_t cap_errors(const capture *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_diag && i < CAP_MAX; i++)
		n += c->diag[i].severity == NG_DIAG_ERROR;
	return n;
}

/* ---- a temporary directory -------------------------------------------------*/
static char cap_tmp_root[64];

static inline void cap_tmp_init(const char *name)
{
	snprintf(cap_tmp_root, sizeof cap_tmp_root, "/tmp/ng-%s.XXXXXX", name);
	if (!mkdtemp(cap_tmp_root)) {
		perror("mkdtemp");
		exit(2);
	}
}

/* A path inside the directory (8 rotating buffers). */
static inline const char *cap_path(const char *rel)
{
	static char paths[8][256];
	static int slot;
	slot = (slot + 1) % 8;
	snprintf(paths[slot], sizeof paths[slot], "%s/%s", cap_tmp_root, rel);
	return paths[slot];
}

static inline const char *cap_write(const char *rel, const void *bytes, size_t n)
{
	const char *path = cap_path(rel);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(bytes, 1, n, f) != n || fclose(f)) {
		perror(path);
		exit(2);
	}
	return path;
}

static inline void cap_tmp_done(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", cap_tmp_root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", cap_tmp_root);
}

#endif
