/*
 * dist_int.h: what the files of src/dist/ share (docs/SCALE.md).
 *
 * plan.c cuts the input into chunks in input order: each file one chunk,
 * or, for a plain JSON Lines file larger than the chunk size, byte ranges
 * cut at line starts (their line numbers made whole-file by counting the
 * newlines before each range, the count shared among the ranks).
 * output.c is the temporary file and its rename (and its removal when the
 * job fails or a signal comes). pieces.c carries the records between
 * ranks (pieces.h, the only header that includes mpi.h), rows.c the copy
 * stage's file of mentions and entities at the end; ingest_mpi.c runs the
 * job and the ranks' roles.
 */
#ifndef NG_DIST_INT_H
#define NG_DIST_INT_H

#include "../engine/engine.h"
#include "dist.h"

/* ---- plan.c ------------------------------------------------------------ */
/* A chunk: a whole file (end < 0), or bytes [start, end) of a splittable
 * one (src/read/read.h) with the newlines before start. */
typedef struct ngd_chunk {
	uint32_t file;
	int64_t start, end;
	int64_t newlines_before;
} ngd_chunk;

typedef struct ngd_plan {
	char **files;
	size_t n_files, cap_files;
	ngd_chunk *chunks;
	size_t n_chunks, cap_chunks;
} ngd_plan;

/* Lists paths (as ngi_read_path walks them: the same files in the same
 * order, the same diagnostics to diag, counts to rs) and cuts them into
 * chunks of about chunk_bytes. "-" (stdin) is refused: NG_ERR_USAGE. */
ng_status ngd_plan_make(ngd_plan *p, char *const *paths, int n_paths,
			long long chunk_bytes, ngi_diag_sink *diag,
			ngi_read_stats *rs);
/* The plan as bytes and back (sent from rank 0 to the others). */
ng_status ngd_plan_write(const ngd_plan *p, ngi_buf *out);
ng_status ngd_plan_read(ngd_plan *p, const void *bytes, size_t len);
/* The newlines in the byte range of chunk k (0 for a whole file). */
ng_status ngd_plan_count(const ngd_plan *p, size_t k, int64_t *newlines);
/* Sets each range's newlines_before from every range's count (counts[k]
 * for chunk k). */
void ngd_plan_set_bases(ngd_plan *p, const int64_t *counts);
/* Reads chunk k into fn (ngi_read_path or ngi_read_jsonl_range). */
ng_status ngd_plan_read_chunk(const ngd_plan *p, size_t k, ngi_record_fn fn,
			      void *ctx, ngi_diag_sink *diag,
			      ngi_read_stats *rs);
void ngd_plan_free(ngd_plan *p);

/* ---- output.c ---------------------------------------------------------- */
typedef struct ngd_output {
	char *final;   /* the database asked for */
	char *tmp;     /* where it is written: FINAL.tmp-PID */
	int lock_fd;   /* the writer's claim on final (ngi_store_lock) */
} ngd_output;

/* Claims final (the lock every writer takes), refuses it when it exists,
 * removes what failed jobs left (FINAL.tmp-* files: no job holds final,
 * so none is live) and names the temporary file. From here until
 * ngd_output_commit or ngd_output_discard, SIGINT, SIGTERM and SIGHUP
 * remove the temporary file and end the process. err gets the reason. */
ng_status ngd_output_begin(ngd_output *o, const char *final, char *err,
			   size_t errlen);
/* The temporary file, complete and closed, becomes final (flushed to disk
 * first; never over a file that appeared meanwhile). */
ng_status ngd_output_commit(ngd_output *o, char *err, size_t errlen);
/* Removes the temporary file and its companions (-wal, -shm, -journal,
 * -lock, and -rows: the copy stage's mentions and entities, rows.c). */
void ngd_output_discard(ngd_output *o);
/* Releases the claim and frees o. */
void ngd_output_end(ngd_output *o);

#endif
