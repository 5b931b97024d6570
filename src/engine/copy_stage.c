/*
 * copy_stage.c: the copy search apart from the rest of linking, for the
 * distributed ingest (engine.h, docs/SCALE.md).
 *
 * The link stage takes a record in two steps that only share the order of
 * the records: which records are stored, as which seq (ids.c: an id seen
 * with the same content is left unchanged, with other content stored as
 * "ID~N"), and which earlier articles each copies (src/link/: the copy
 * index and the passage alignment of rewrites). Both depend on the
 * records before it, never on stories, so one rank can run them for the
 * whole input while another links stories and stores, taking the edges
 * as they come (ngi_link_replay): the same edges ngi_link_add finds.
 *
 * The alignment reads earlier articles' sentence sketches back, as the
 * engine reads them from the database; here they go to an unnamed
 * temporary file (created in TMPDIR and unlinked at once, so it goes with
 * the process however it ends), one after the other by seq, and are read
 * back with pread. A sketch stored as NULL reads as not found, one of no
 * bytes as damaged: what the database gives for the same.
 */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ngi_copy_stage {
	ngi_ids ids;
	ngi_copy_finder *finder;
	ngi_arena ids_scratch; /* id variants, reset per record */
	int fd;                /* the sketches, by seq */
	uint64_t end;          /* bytes written */
	struct sketch_at {
		uint64_t offset;
		uint32_t len;
		uint8_t stored;    /* 0: the article had no sketch (NULL) */
	} *at;
	size_t cap_at;
	ngi_buf read;          /* a sketch read back */
};

static ng_status fetch_sketch(void *ctx, uint32_t seq, ngi_arena *a,
			      ngi_text_sketch *out)
{
	ngi_copy_stage *s = ctx;
	if (seq >= s->ids.n || !s->at[seq].stored)
		return NG_ERR_NOTFOUND;
	size_t len = s->at[seq].len;
	void *buf = len ? ngi_arena_alloc(a, len) : NULL;
	if (len && !buf)
		return NG_ERR_NOMEM;
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(s->fd, (char *)buf + got, len - got,
				  (off_t)(s->at[seq].offset + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NG_ERR_IO;
		got += (size_t)n;
	}
	return ngi_text_sketch_read(buf, len, a, out);
}

static ng_status keep_sketch(ngi_copy_stage *s, uint32_t seq, const void *blob,
			     size_t len)
{
	if (ngi_grow((void **)&s->at, &s->cap_at, (size_t)seq + 1, sizeof *s->at))
		return NG_ERR_NOMEM;
	s->at[seq] = (struct sketch_at){s->end, (uint32_t)len, blob != NULL};
	size_t put = 0;
	while (put < len) {
		ssize_t n = write(s->fd, (const char *)blob + put, len - put);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NG_ERR_IO;
		put += (size_t)n;
	}
	s->end += len;
	return NG_OK;
}

ng_status ngi_copy_stage_open(ngi_copy_stage **out, char *err, size_t errlen)
{
	ngi_copy_stage *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NG_ERR_NOMEM;
	}
	s->fd = -1;
	ngi_ids_init(&s->ids);
	ngi_arena_init(&s->ids_scratch, 4096);
	ngi_buf_init(&s->read, 0);
	char path[4096];
	s->fd = ngi_scratch_file("newsgraph-sketches", path, sizeof path, err,
				 errlen);
	if (s->fd < 0) {
		ngi_copy_stage_close(s);
		return NG_ERR_IO;
	}
	unlink(path);
	ngi_link_config lc = {.near_threshold = NGI_NEAR_THRESHOLD,
			      .fetch_sketch = fetch_sketch, .fetch_ctx = s};
	ng_status st = ngi_copy_finder_new(&lc, &s->finder);
	if (st) {
		snprintf(err, errlen, "the copy index: %s", ng_status_str(st));
		ngi_copy_stage_close(s);
		return st;
	}
	*out = s;
	return NG_OK;
}

void ngi_copy_stage_close(ngi_copy_stage *s)
{
	if (!s)
		return;
	ngi_copy_finder_free(s->finder);
	ngi_ids_free(&s->ids);
	ngi_arena_free(&s->ids_scratch);
	ngi_buf_free(&s->read);
	free(s->at);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
}

ng_status ngi_copy_stage_add(ngi_copy_stage *s, ngi_pending *p, ngi_arena *a)
{
	if (p->status)
		return NG_OK;
	const char *id;
	ngi_arena_reset(&s->ids_scratch);
	ng_status st = ngi_ids_place(&s->ids, p->id, p->record_hash,
				     &s->ids_scratch, &id);
	if (st)
		return st;
	if (!id) {
		p->copies_given = NGI_COPIES_UNCHANGED;
		return NG_OK;
	}
	uint32_t seq = (uint32_t)s->ids.n;
	ngi_link_article la = ngi_pending_link_article(p);
	ngi_copy_edge edges[NGI_MAX_EDGES_PER_ARTICLE];
	int n = 0;
	if ((st = ngi_copy_finder_add(s->finder, &la, edges, &n)))
		return st;
	ngi_copy_edge *kept = n ? ngi_arena_alloc(a, (size_t)n * sizeof *kept) : NULL;
	if (n && !kept)
		return NG_ERR_NOMEM;
	if (n)
		memcpy(kept, edges, (size_t)n * sizeof *kept);
	if ((st = keep_sketch(s, seq, p->f.sketch_blob, p->f.sketch_len)) ||
	    (st = ngi_ids_remember(&s->ids, id, p->record_hash)))
		return st;
	p->copies_given = NGI_COPIES_STORED;
	p->copies_seq = seq;
	p->copies = kept;
	p->n_copies = n;
	return NG_OK;
}
