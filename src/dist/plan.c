/*
 * plan.c: the input cut into chunks, in input order (dist_int.h).
 *
 * Rank 0 lists the paths as the single-process ingest walks them
 * (ngi_read_list: same files, same order, same diagnostics) and cuts each
 * file into chunks: a whole file, unless it is plain JSON Lines larger
 * than the chunk size (ngi_read_splittable), which is cut into byte ranges
 * read apart (ngi_read_jsonl_range). A range's records are the lines that
 * start in it, so the cuts need not fall on line starts; but line numbers
 * (and the ids "FILE:LINE" of records without one) count from the start of
 * the file, so each range needs the number of newlines before it: every
 * rank counts a share of the ranges (ngd_plan_count) and the counts are
 * summed per file (ngd_plan_set_bases). The order of chunks is the order
 * of the input; which rank reads which chunk changes nothing in the
 * result.
 */
#include "dist_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/wire.h"

typedef struct lister {
	ngd_plan *p;
	long long chunk_bytes;
} lister;

static ng_status add_chunk(ngd_plan *p, uint32_t file, int64_t start,
			   int64_t end)
{
	if (ngi_grow((void **)&p->chunks, &p->cap_chunks, p->n_chunks + 1,
		     sizeof *p->chunks))
		return NG_ERR_NOMEM;
	p->chunks[p->n_chunks++] = (ngd_chunk){file, start, end, 0};
	return NG_OK;
}

static ng_status on_file(void *ctx, const char *path)
{
	lister *l = ctx;
	ngd_plan *p = l->p;
	if (!strcmp(path, "-"))
		return NG_ERR_USAGE;
	char *copy = strdup(path);
	if (!copy || ngi_grow((void **)&p->files, &p->cap_files, p->n_files + 1,
			      sizeof *p->files)) {
		free(copy);
		return NG_ERR_NOMEM;
	}
	uint32_t file = (uint32_t)p->n_files;
	p->files[p->n_files++] = copy;
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size > l->chunk_bytes && ngi_read_splittable(path)) {
		for (int64_t at = 0; at < sb.st_size; at += l->chunk_bytes) {
			int64_t end = at + l->chunk_bytes;
			/* the last range reads to the end, even if the file grew */
			ng_status st = add_chunk(p, file, at,
						 end >= sb.st_size ? INT64_MAX : end);
			if (st)
				return st;
		}
		return NG_OK;
	}
	return add_chunk(p, file, 0, -1);
}

ng_status ngd_plan_make(ngd_plan *p, char *const *paths, int n_paths,
			long long chunk_bytes, ngi_diag_sink *diag,
			ngi_read_stats *rs)
{
	memset(p, 0, sizeof *p);
	lister l = {p, chunk_bytes > 0 ? chunk_bytes : 1};
	ng_status worst = NG_OK;
	for (int i = 0; i < n_paths; i++) {
		ng_status st = ngi_read_list(paths[i], on_file, &l, diag, rs);
		if (st == NG_ERR_INPUT)
			worst = st; /* reported; the rest is read */
		else if (st)
			return st;
	}
	return worst;
}

ng_status ngd_plan_write(const ngd_plan *p, ngi_buf *out)
{
	ng_status st = ngi_wire_u64(out, p->n_files);
	for (size_t i = 0; i < p->n_files && !st; i++)
		st = ngi_wire_str(out, p->files[i]);
	if (!st)
		st = ngi_wire_bytes(out, p->chunks, p->n_chunks * sizeof *p->chunks);
	return st;
}

ng_status ngd_plan_read(ngd_plan *p, const void *bytes, size_t len)
{
	memset(p, 0, sizeof *p);
	ngi_wire_in in;
	ngi_wire_in_init(&in, bytes, len);
	uint64_t n = ngi_wire_get_u64(&in);
	if (in.bad || n > len)
		return NG_ERR_INPUT;
	p->files = calloc(n ? n : 1, sizeof *p->files);
	if (!p->files)
		return NG_ERR_NOMEM;
	p->cap_files = n;
	ngi_arena a;
	ngi_arena_init(&a, 0);
	int oom = 0;
	for (size_t i = 0; i < n && !in.bad && !oom; i++) {
		const char *s = ngi_wire_get_str(&in, &a, &oom);
		if (s && !(p->files[p->n_files++] = strdup(s)))
			oom = 1;
	}
	ngi_arena_free(&a);
	size_t nc = 0;
	const void *chunks = ngi_wire_get_bytes(&in, &nc);
	if (oom)
		return NG_ERR_NOMEM;
	if (in.bad || p->n_files != n || nc % sizeof *p->chunks)
		return NG_ERR_INPUT;
	p->n_chunks = p->cap_chunks = nc / sizeof *p->chunks;
	p->chunks = malloc(nc ? nc : 1);
	if (!p->chunks)
		return NG_ERR_NOMEM;
	if (nc)
		memcpy(p->chunks, chunks, nc);
	for (size_t k = 0; k < p->n_chunks; k++)
		if (p->chunks[k].file >= p->n_files)
			return NG_ERR_INPUT;
	return NG_OK;
}

ng_status ngd_plan_count(const ngd_plan *p, size_t k, int64_t *newlines)
{
	const ngd_chunk *c = &p->chunks[k];
	*newlines = 0;
	if (c->end < 0)
		return NG_OK;
	FILE *f = fopen(p->files[c->file], "rb");
	if (!f)
		return NG_OK; /* the reading of the range reports it */
	ng_status st = NG_OK;
	static const size_t block = (size_t)1 << 20;
	char *buf = malloc(block);
	if (!buf || fseeko(f, c->start, SEEK_SET) != 0) {
		st = buf ? NG_OK : NG_ERR_NOMEM;
		goto done;
	}
	int64_t left = c->end - c->start;
	while (left > 0) {
		size_t want = left < (int64_t)block ? (size_t)left : block;
		size_t got = fread(buf, 1, want, f);
		for (const char *q = buf, *end = buf + got;
		     (q = memchr(q, '\n', (size_t)(end - q))); q++)
			(*newlines)++;
		if (got < want)
			break;
		left -= (int64_t)got;
	}
done:
	free(buf);
	fclose(f);
	return st;
}

void ngd_plan_set_bases(ngd_plan *p, const int64_t *counts)
{
	int64_t before = 0;
	for (size_t k = 0; k < p->n_chunks; k++) {
		ngd_chunk *c = &p->chunks[k];
		if (c->end < 0)
			continue;
		if (c->start == 0)
			before = 0;
		c->newlines_before = before;
		before += counts[k];
	}
}

ng_status ngd_plan_read_chunk(const ngd_plan *p, size_t k, ngi_record_fn fn,
			      void *ctx, ngi_diag_sink *diag, ngi_read_stats *rs)
{
	const ngd_chunk *c = &p->chunks[k];
	const char *path = p->files[c->file];
	if (c->end < 0)
		return ngi_read_path(path, fn, ctx, diag, rs);
	return ngi_read_jsonl_range(path, c->start, c->end, c->newlines_before, fn,
				    ctx, diag, rs);
}

void ngd_plan_free(ngd_plan *p)
{
	for (size_t i = 0; i < p->n_files; i++)
		free(p->files[i]);
	free(p->files);
	free(p->chunks);
	memset(p, 0, sizeof *p);
}
