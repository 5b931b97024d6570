/*
 * ingest_mpi.c: the distributed ingest over Open MPI (dist.h,
 * docs/SCALE.md).
 *
 * Every rank calls ngd_ingest with the same arguments. Rank 0 claims the
 * output (output.c), opens the engine on its temporary file, lists the
 * input and cuts it into chunks (plan.c), and sends the plan to the
 * others; the ranks count the newlines before each byte range between
 * them. The link stage is taken apart along the one seam it has: which
 * records are stored and what each copies (the copy stage, which needs
 * only the records before it) and the stories, who said what and the
 * database (which need the copies). The roles:
 *
 *  - readers read chunks, make and analyse each record (the engine's
 *    seams: ngi_pending_make, ngi_pending_analyse) and write it into a
 *    piece (ngi_pending_write) with the diagnostics of its reading in
 *    their order; a piece goes on when it holds a batch of records (or
 *    64 MiB), the chunk's last one with the chunk's reading counts. Up to
 *    NGD_IN_FLIGHT pieces are on their way at once, so a reader runs
 *    ahead of the ranks after it.
 *  - the copy stage takes every record in input order, decides whether
 *    it is stored and finds its copy edges (ngi_copy_stage_add) and the
 *    earlier claims its claims repeat (ngi_claim_stage_add: claims too
 *    depend only on the records before, not on stories) and adds them to
 *    the record's piece; it also writes each stored record's mentions
 *    and entities' counts into a file of its own (ngi_row_stage_add),
 *    sent to rank 0 when the input is done (rows.c).
 *  - rank 0 takes every piece in input order: diagnostics go out as they
 *    came, records are linked with their edges (ngi_link_replay: the
 *    story stage) and their claims' matches and stored in batches
 *    (ngi_engine_link_records).
 *
 * With one rank, rank 0 does it all on one thread (the baseline of the
 * speed-up). With two, rank 1 reads the chunks and runs the copy stage on
 * what it read, and rank 0, while it has no piece to link, asks rank 1
 * for a chunk to read and analyse (serve_ask, helper_idle), which it sends
 * to rank 1 for the copy stage to take in its turn. With more, rank 1 is the copy stage alone, taking the
 * pieces of ranks 2..N-1 (chunk k from rank 2 + k mod (N - 2)) in input
 * order and passing them on to rank 0 with the edges. Whatever the number
 * of ranks, every decision is the single process's, in its order: the
 * database is the one a single process writes (the export is compared
 * byte for byte by tests/mpi_test.sh).
 *
 * At the end rank 0 takes in the copy stage's mentions and entities
 * (ngi_store_take_rows), builds the indexes left out while writing in bulk,
 * sorting on one more thread for each other rank of its machine (idle by
 * then), closes the engine and renames the file into place;
 * the job's status goes to every rank, so that mpirun's exit status is
 * the ingest's (0; 1 for bad input reported; 3 for a failure). A failure
 * anywhere (a rank that runs out of memory, a database error) is reported
 * by the rank that meets it; rank 0 removes its temporary file and the
 * job is aborted (MPI_Abort). A rank that dies makes mpirun end the
 * others with SIGTERM, which removes the temporary file too (output.c).
 */
#include "pieces.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../store/store.h"

/* Two ranks: how far ahead of the copy stage the chunks given to rank 0
 * are (at least, at most), and how many records rank 1 reads between
 * looks at rank 0's asks. */
#define GRANT_LEAD 2
#define GRANT_REACH 8
#define ASK_EVERY 8
/* Two ranks: rank 0 reads for at most this many times the seconds it has
 * waited for pieces (helper_idle). */
#define READ_PER_WAIT 3.0

/* ---- rank 0: linking and storing in input order ---------------------------- */
typedef struct linker {
	ng_engine *e;
	size_t batch_size;
	ngi_pending *batch;
	size_t n, cap;
	ngi_arena strings; /* the batch's records (and the link's strings) */
	ngi_arena keep;    /* their features, when analysed here */
	ng_ingest_stats stats;
} linker;

static ng_status linker_flush(linker *l)
{
	ng_status st = l->n ? ngi_engine_link_records(l->e, l->batch, l->n,
						      &l->strings, &l->stats)
			    : NG_OK;
	l->n = 0;
	ngi_arena_reset(&l->strings);
	ngi_arena_reset(&l->keep);
	return st;
}

static ngi_pending *linker_slot(linker *l)
{
	if (ngi_grow((void **)&l->batch, &l->cap, l->n + 1, sizeof *l->batch))
		return NULL;
	return &l->batch[l->n];
}

/* The slot filled: linked with the rest once a batch is full. */
static ng_status linker_took(linker *l)
{
	l->n++;
	if (l->n >= l->batch_size || l->strings.used_total >= NGD_PIECE_BYTES)
		return linker_flush(l);
	return NG_OK;
}

/* A chunk's reading counts, as ngi_ingest_path adds a file's. */
typedef struct chunk_counts {
	ng_status read_st; /* how its reading ended */
	long long files, skipped, bytes, invalid_utf8, failed, records;
} chunk_counts;

static void add_counts(ng_ingest_stats *s, const chunk_counts *c)
{
	s->files += c->files;
	s->skipped += c->skipped;
	s->bytes += c->bytes;
	s->invalid_utf8 += c->invalid_utf8;
	s->failed += c->failed;
	s->records += c->records;
}

static ng_status write_counts(ngi_buf *b, const chunk_counts *c)
{
	ng_status st;
	if ((st = ngi_wire_i64(b, c->read_st)) ||
	    (st = ngi_wire_i64(b, c->files)) ||
	    (st = ngi_wire_i64(b, c->skipped)) ||
	    (st = ngi_wire_i64(b, c->bytes)) ||
	    (st = ngi_wire_i64(b, c->invalid_utf8)) ||
	    (st = ngi_wire_i64(b, c->failed)))
		return st;
	return ngi_wire_i64(b, c->records);
}

static void read_counts(ngi_wire_in *in, chunk_counts *c)
{
	c->read_st = (ng_status)ngi_wire_get_i64(in);
	c->files = ngi_wire_get_i64(in);
	c->skipped = ngi_wire_get_i64(in);
	c->bytes = ngi_wire_get_i64(in);
	c->invalid_utf8 = ngi_wire_get_i64(in);
	c->failed = ngi_wire_get_i64(in);
	c->records = ngi_wire_get_i64(in);
}

/* One piece on rank 0: its diagnostics out, its records linked. */
static ng_status link_piece(linker *l, ngi_wire_in *in, int last,
			    chunk_counts *c)
{
	ng_status st = NG_OK;
	for (;;) {
		uint8_t item = ngi_wire_get_u8(in);
		if (in->bad || item == ITEM_END)
			break;
		if (item == ITEM_DIAG) {
			int oom = 0;
			ng_severity sev = (ng_severity)ngi_wire_get_u8(in);
			const char *file = ngi_wire_get_str(in, &l->strings,
							    &oom);
			long long record = ngi_wire_get_i64(in);
			long long offset = ngi_wire_get_i64(in);
			const char *msg = ngi_wire_get_str(in, &l->strings,
							   &oom);
			if (oom)
				return NG_ERR_NOMEM;
			if (!in->bad)
				ngi_diag(&l->e->diag, sev, file, record, offset,
					 "%s", msg ? msg : "");
		} else if (item == ITEM_RECORD) {
			ngi_pending *p = linker_slot(l);
			if (!p)
				return NG_ERR_NOMEM;
			if ((st = ngi_pending_read(in, &l->strings, p)) ||
			    (st = ngd_read_found(in, &l->strings, p)) ||
			    (st = linker_took(l)))
				break;
		} else {
			in->bad = 1;
		}
	}
	if (!st && last)
		read_counts(in, c);
	if (!st && in->bad)
		st = NG_ERR_INPUT;
	return st;
}

/* ---- a reading rank ------------------------------------------------------------ */
typedef struct copier copier;

typedef struct reader {
	const ngd_plan *plan;
	int rank, size;
	ngi_worker worker;
	ngi_arena made, keep; /* one record's, reset after it is written */
	sender out;
	size_t records; /* in the piece in hand */
	size_t batch_size;
	ngi_diag_sink sink;     /* diagnostics go into the piece */
	ng_ingest_stats counts; /* of making records, for the chunk */
	ng_status failed;       /* a piece could not be built */
	uint64_t chunk;         /* the chunk in hand */
	rank_figures *fig;
	ngi_copy_stage *copies; /* two ranks: the copy stage is here */
	ngi_claim_stage *claims; /* and the claim stage */
	ngi_row_stage *rows;     /* and the mentions and entities */
	linker *local;          /* one rank: records go straight to linking */
	/* two ranks, rank 1: the chunks given to rank 0 to read (granted)
	 * come back through relay; rank 0's asks are answered (serve_ask) */
	copier *relay;
	unsigned char *granted;
	size_t last_grant; /* the last chunk given (0: none yet) */
	int said_none;     /* rank 0 was told that none is left */
	unsigned since_ask; /* records since rank 0's asks were looked at */
} reader;

static ng_status serve_ask(reader *r, int wait);

/* A diagnostic of reading: into the piece, in its place among the
 * records (on rank 0 it goes out when the piece is taken). */
static void reader_diag(void *ctx, const ng_diag *d)
{
	reader *r = ctx;
	ngi_buf *b = ngd_sender_piece(&r->out);
	ng_status st;
	if ((st = ngi_wire_u8(b, ITEM_DIAG)) ||
	    (st = ngi_wire_u8(b, (uint8_t)d->severity)) ||
	    (st = ngi_wire_str(b, d->file)) ||
	    (st = ngi_wire_i64(b, d->record)) ||
	    (st = ngi_wire_i64(b, d->offset)) ||
	    (st = ngi_wire_str(b, d->message)))
		r->failed = st;
}

static ng_status reader_record(void *ctx, const ngi_record *rec)
{
	reader *r = ctx;
	if (r->local) {
		linker *l = r->local;
		ngi_pending *p = linker_slot(l);
		if (!p)
			return NG_ERR_NOMEM;
		double t0 = ngd_now();
		ng_status st = ngi_pending_make(&l->e->diag, &l->strings, rec,
						p, &l->stats);
		if (st == NG_ERR_TOOBIG)
			return NG_OK; /* reported and counted */
		if (st)
			return st;
		ngi_pending_analyse(&r->worker, &l->keep, p);
		r->fig->analysing += ngd_now() - t0;
		return linker_took(l);
	}
	ngi_pending p;
	double t0 = ngd_now();
	ng_status st = ngi_pending_make(&r->sink, &r->made, rec, &p,
					&r->counts);
	if (st == NG_ERR_TOOBIG)
		return NG_OK;
	if (st)
		return st;
	ngi_pending_analyse(&r->worker, &r->keep, &p);
	r->fig->analysing += ngd_now() - t0;
	if (r->copies && !(st = ngi_copy_stage_add(r->copies, &p, &r->made)) &&
	    !(st = ngi_claim_stage_add(r->claims, &p, &r->made)))
		st = ngi_row_stage_add(r->rows, &p);
	ngi_buf *b = ngd_sender_piece(&r->out);
	if (!st && !(st = ngi_wire_u8(b, ITEM_RECORD)) &&
	    !(st = ngi_pending_write(&p, b)))
		st = ngd_write_found(b, &p);
	ngi_arena_reset(&r->made);
	ngi_arena_reset(&r->keep);
	if (st)
		return st;
	if (r->failed)
		return r->failed;
	if (r->relay && ++r->since_ask >= ASK_EVERY) {
		r->since_ask = 0;
		if ((st = serve_ask(r, 0)))
			return st;
	}
	if (++r->records >= r->batch_size || b->len >= NGD_PIECE_BYTES) {
		if ((st = ngi_wire_u8(b, ITEM_END)) ||
		    (st = ngd_piece_send(&r->out)))
			return st;
		r->records = 0;
		return ngd_piece_begin(&r->out, r->chunk);
	}
	return NG_OK;
}

/* Reads chunk k: its records into pieces, the last one with the chunk's
 * counts and how its reading ended. */
static ng_status read_chunk(reader *r, size_t k)
{
	r->chunk = k;
	r->records = 0;
	memset(&r->counts, 0, sizeof r->counts);
	ng_status st = ngd_piece_begin(&r->out, k);
	if (st)
		return st;
	ngi_read_stats rs = {0};
	double t0 = ngd_now();
	ng_status read_st = ngd_plan_read_chunk(r->plan, k, reader_record, r,
						&r->sink, &rs);
	r->fig->busy += ngd_now() - t0;
	r->fig->chunks_read++;
	if (r->failed)
		read_st = r->failed;
	chunk_counts c = {read_st,
			  rs.files,
			  rs.skipped,
			  rs.bytes,
			  rs.invalid_utf8 + r->counts.invalid_utf8,
			  rs.failed + r->counts.failed,
			  r->counts.records};
	/* the piece in hand is the chunk's last */
	ngi_buf *b = ngd_sender_piece(&r->out);
	b->data[PIECE_LAST_AT] = 1;
	if ((st = ngi_wire_u8(b, ITEM_END)) || (st = write_counts(b, &c)))
		return st;
	return ngd_piece_send(&r->out);
}

/* A reading rank's reader (rank 0's too, with two ranks), its pieces to
 * rank dest; a sender that grows never waits for a slot (pieces.h). */
static ng_status reader_open(reader *r, const ngd_plan *plan, int rank,
			     int size, int dest, int grows, size_t batch,
			     rank_figures *fig)
{
	memset(r, 0, sizeof *r);
	r->plan = plan;
	r->rank = rank;
	r->size = size;
	r->fig = fig;
	r->batch_size = batch;
	r->sink.fn = reader_diag;
	r->sink.ctx = r;
	ngi_arena_init(&r->made, 1 << 20);
	ngi_arena_init(&r->keep, 1 << 20);
	ng_status st = ngd_sender_init(&r->out, dest, grows, fig);
	return st ? st : ngi_worker_init(&r->worker);
}

static void reader_close(reader *r)
{
	ngi_worker_free(&r->worker);
	ngd_sender_free(&r->out);
	ngi_arena_free(&r->made);
	ngi_arena_free(&r->keep);
	free(r->granted);
}

/* Which rank reads chunk k. */
static int reader_of(size_t k, int size)
{
	if (size <= 2)
		return size - 1;
	return 2 + (int)(k % (size_t)(size - 2));
}

/* Which chunks rank 0 may be given to read: a byte range, or a whole file
 * no larger than a range (its pieces wait in rank 0's memory until the
 * copy stage comes to it, so a large file is read by rank 1). */
static int givable(const ngd_plan *p, size_t k)
{
	const ngd_chunk *c = &p->chunks[k];
	struct stat sb;
	if (c->end >= 0)
		return 1;
	return stat(p->files[c->file], &sb) == 0 && S_ISREG(sb.st_mode) &&
	       sb.st_size <= NGD_CHUNK_BYTES;
}

/* Two ranks, rank 1: answers rank 0's ask for a chunk to read, if one
 * came (wait: waits for it). The chunk given is at least GRANT_LEAD ahead
 * of the one in hand, so that rank 0 has read it by the time the copy
 * stage comes to it, and at most GRANT_REACH ahead, so that what rank 0
 * read does not pile up; while none is that near the ask waits. When no
 * chunk is left, rank 0 is told so and stops asking. Who reads a chunk
 * changes nothing but the time: a record's analysis depends on the record
 * alone, and the copy stage takes every record in input order. */
static ng_status serve_ask(reader *r, int wait)
{
	if (r->said_none)
		return NG_OK;
	MPI_Status status;
	int here = 1;
	if (wait ? ngd_wait_message(0, TAG_ASK, &status)
		 : MPI_Iprobe(0, TAG_ASK, MPI_COMM_WORLD, &here, &status) !=
			   MPI_SUCCESS)
		return NG_ERR_IO;
	if (!here)
		return NG_OK;
	size_t n = r->plan->n_chunks, j = r->chunk + GRANT_LEAD;
	if (r->last_grant && r->last_grant + 1 > j)
		j = r->last_grant + 1;
	while (j < n && !givable(r->plan, j))
		j++;
	if (j < n && j > r->chunk + GRANT_REACH)
		return NG_OK; /* asked again later */
	unsigned char ask;
	uint64_t give = j < n ? (uint64_t)j : UINT64_MAX;
	MPI_Request req;
	if (MPI_Recv(&ask, 1, MPI_BYTE, 0, TAG_ASK, MPI_COMM_WORLD,
		     MPI_STATUS_IGNORE) != MPI_SUCCESS ||
	    MPI_Isend(&give, 1, MPI_UINT64_T, 0, TAG_GRANT, MPI_COMM_WORLD,
		      &req) != MPI_SUCCESS ||
	    ngd_wait_request(&req))
		return NG_ERR_IO;
	if (j < n) {
		r->granted[j] = 1;
		r->last_grant = j;
	} else {
		r->said_none = 1;
	}
	return NG_OK;
}

static ng_status relay_chunk(copier *c, size_t k, int from);

/* A reading rank's whole job: its chunks in order, then its sends done. A
 * failure to read goes on to rank 0 as the chunk's status; one to build or
 * send a piece stops here. With two ranks, rank 1 answers rank 0's first
 * ask before it starts (so the first chunk rank 0 reads is always the
 * same one) and its last at the end, and passes on the chunks rank 0 read
 * through the copy stage. */
static ng_status run_reader(reader *r)
{
	ng_status st = r->relay ? serve_ask(r, 1) : NG_OK;
	for (size_t k = 0; k < r->plan->n_chunks && !st; k++) {
		if (reader_of(k, r->size) != r->rank)
			continue;
		r->chunk = k;
		if (r->relay && (st = serve_ask(r, 0)))
			break;
		st = r->relay && r->granted[k] ? relay_chunk(r->relay, k, 0)
					      : read_chunk(r, k);
	}
	if (!st && r->relay) {
		r->chunk = r->plan->n_chunks;
		st = serve_ask(r, 1);
	}
	ng_status fst = ngd_sender_finish(&r->out);
	return st ? st : fst;
}

/* ---- the copy stage alone (rank 1 of three or more) ----------------------------
 * Takes each chunk's pieces from its reader, in input order, and passes
 * them on to rank 0 piece for piece, each record with its copies. */
struct copier {
	const ngd_plan *plan;
	int size;
	ngi_copy_stage *copies;
	ngi_claim_stage *claims;
	ngi_row_stage *rows;
	receiver in;
	sender *out;
	ngi_arena a; /* one piece's records, reset after it */
};

static ng_status copy_piece(copier *c, ngi_wire_in *in, int last)
{
	ngi_buf *b = ngd_sender_piece(c->out);
	ng_status st = NG_OK;
	ngi_arena_reset(&c->a);
	if (last)
		b->data[PIECE_LAST_AT] = 1;
	for (;;) {
		const unsigned char *item_at = in->p;
		uint8_t item = ngi_wire_get_u8(in);
		if (in->bad || item == ITEM_END)
			break;
		if (item == ITEM_DIAG) {
			int oom = 0;
			ngi_wire_get_u8(in);
			ngi_wire_get_str(in, &c->a, &oom);
			ngi_wire_get_i64(in);
			ngi_wire_get_i64(in);
			ngi_wire_get_str(in, &c->a, &oom);
			if (oom)
				return NG_ERR_NOMEM;
			st = ngi_buf_append(b, item_at,
					    (size_t)(in->p - item_at));
		} else if (item == ITEM_RECORD) {
			ngi_pending p;
			if ((st = ngi_pending_read(in, &c->a, &p)))
				break;
			const unsigned char *record_end = in->p;
			ngi_pending none = {0}; /* a reader finds nothing */
			none.f.claims.n_claims = p.f.claims.n_claims;
			if ((st = ngd_read_found(in, &c->a, &none)) ||
			    (st = ngi_copy_stage_add(c->copies, &p, &c->a)) ||
			    (st = ngi_claim_stage_add(c->claims, &p, &c->a)) ||
			    (st = ngi_row_stage_add(c->rows, &p)) ||
			    (st = ngi_buf_append(b, item_at,
						 (size_t)(record_end -
							  item_at))) ||
			    (st = ngd_write_found(b, &p)))
				break;
		} else {
			in->bad = 1;
		}
		if (st)
			break;
	}
	if (!st && !in->bad) /* ITEM_END and the counts after it, as they are */
		st = ngi_buf_append(b, in->p - 1,
				    (size_t)(in->end - in->p) + 1);
	if (!st && in->bad)
		st = NG_ERR_INPUT;
	return st ? st : ngd_piece_send(c->out);
}

/* Chunk k's pieces from rank from, passed on through the copy stage. */
static ng_status relay_chunk(copier *c, size_t k, int from)
{
	ng_status st = NG_OK;
	int last = 0;
	while (!last && !st) {
		ngi_wire_in in;
		if ((st = ngd_receive_piece(&c->in, k, from, &in, &last)))
			break;
		double t0 = ngd_now();
		if (!(st = ngd_piece_begin(c->out, k)))
			st = copy_piece(c, &in, last);
		c->out->fig->busy += ngd_now() - t0;
	}
	return st;
}

static ng_status run_copier(copier *c)
{
	ng_status st = NG_OK;
	for (size_t k = 0; k < c->plan->n_chunks && !st; k++)
		st = relay_chunk(c, k, reader_of(k, c->size));
	ng_status fst = ngd_sender_finish(c->out);
	return st ? st : fst;
}

/* ---- the job ---------------------------------------------------------------------- */
static long long chunk_bytes(void)
{
	const char *s = getenv("NEWSGRAPH_CHUNK_BYTES");
	long long n = s ? atoll(s) : 0;
	return n > 0 ? n : NGD_CHUNK_BYTES;
}

/* A failure on rank 0: said once, the temporary file removed, every rank
 * stopped. Does not return. */
static void fail_job(ngd_output *o, ng_status st, const char *what)
{
	fprintf(stderr,
		"newsgraph: distributed ingest failed: %s (%s); %s not "
		"written\n",
		what, ng_status_str(st), o->final ? o->final : "the database");
	ngd_output_discard(o);
	fflush(stderr);
	MPI_Abort(MPI_COMM_WORLD, 3);
	exit(3);
}

/* A failure on another rank: said, and the job stopped (rank 0 removes
 * its temporary file when the abort's signal comes). */
static void fail_rank(int rank, const char *role, ng_status st)
{
	fprintf(stderr,
		"newsgraph: distributed ingest failed on rank %d (%s): %s\n",
		rank, role, ng_status_str(st));
	fflush(stderr);
	MPI_Abort(MPI_COMM_WORLD, 3);
	exit(3);
}

/* Shares the plan (rank 0 made it; a status first, so that every rank
 * stops when it could not be made) and counts the ranges' newlines. */
static ng_status share_plan(ngd_plan *plan, int rank, int size, ng_status st)
{
	long long head[2] = {st, 0};
	ngi_buf b;
	ngi_buf_init(&b, 0);
	if (rank == 0 && !st) {
		st = ngd_plan_write(plan, &b);
		head[0] = st;
		head[1] = (long long)b.len;
	}
	if (MPI_Bcast(head, 2, MPI_LONG_LONG, 0, MPI_COMM_WORLD) != MPI_SUCCESS)
		st = NG_ERR_IO;
	else
		st = (ng_status)head[0];
	if (!st && head[1] > INT_MAX)
		st = NG_ERR_TOOBIG;
	if (!st && rank != 0 && ngi_buf_reserve(&b, (size_t)head[1]))
		fail_rank(rank, "the plan", NG_ERR_NOMEM);
	if (!st && MPI_Bcast(b.data, (int)head[1], MPI_BYTE, 0,
			     MPI_COMM_WORLD) != MPI_SUCCESS)
		st = NG_ERR_IO;
	if (!st && rank != 0)
		st = ngd_plan_read(plan, b.data, (size_t)head[1]);
	ngi_buf_free(&b);
	if (st)
		return st;
	int64_t *counts = calloc(plan->n_chunks ? plan->n_chunks : 1,
				 sizeof *counts);
	if (!counts)
		return NG_ERR_NOMEM;
	for (size_t k = 0; k < plan->n_chunks && !st; k++)
		if ((int)(k % (size_t)size) == rank)
			st = ngd_plan_count(plan, k, &counts[k]);
	if (!st &&
	    MPI_Allreduce(MPI_IN_PLACE, counts, (int)plan->n_chunks,
			  MPI_INT64_T, MPI_SUM, MPI_COMM_WORLD) != MPI_SUCCESS)
		st = NG_ERR_IO;
	if (!st)
		ngd_plan_set_bases(plan, counts);
	free(counts);
	return st;
}

int ngd_available(void)
{
	return 1;
}

int ngd_started_by_mpirun(void)
{
	return getenv("OMPI_COMM_WORLD_SIZE") != NULL ||
	       getenv("PMIX_RANK") != NULL;
}

/* Rank 0's seconds after its last piece was linked: taking in the copy
 * stage's rows, building the indexes left out, closing, flushing to disk
 * (what no other rank can overlap). */
typedef struct end_times {
	double rows, indexes, close, flush;
} end_times;

/* The figures line: bytes that went between ranks, per record; per rank,
 * time busy and waiting, CPU time, peak memory; rank 0's end. */
static void report_figures(const rank_figures *all, int size, long long records,
			   const end_times *end)
{
	double bytes = 0;
	for (int i = 0; i < size; i++)
		bytes += all[i].bytes_sent;
	fprintf(stderr,
		"newsgraph: %d rank%s; %.1f MB sent between ranks (%.0f "
		"bytes per record)",
		size, size == 1 ? "" : "s", bytes / 1e6,
		records ? bytes / (double)records : 0.0);
	for (int i = 0; i < size; i++)
		fprintf(stderr,
			"; rank %d: %lld chunk%s read, %.1f s busy (%.1f s of "
			"it analysing), %.1f s waiting for pieces, %.1f s waiting "
			"to send, %.1f s CPU, peak %.0f MB",
			i, all[i].chunks_read, all[i].chunks_read == 1 ? "" : "s",
			all[i].busy, all[i].analysing, all[i].waiting_in,
			all[i].waiting_out,
			all[i].cpu, all[i].max_rss_mb);
	if (size > 1)
		fprintf(stderr,
			"; rank 1 after its last piece: %.1f s sorting its "
			"rows' index, %.1f s sending them",
			all[1].rows_sorting, all[1].rows_sending);
	fprintf(stderr, "; rank 0 after the last record: ");
	if (size > 1)
		fprintf(stderr, "%.1f s taking in the copy stage's rows, ",
			end->rows);
	fprintf(stderr,
		"%.1f s building indexes, %.1f s closing, %.1f s flushing "
		"to disk\n",
		end->indexes, end->close, end->flush);
}

/* The end: each rank's figures to rank 0, the job's verdict back, point
 * to point and waited for without spinning (a collective would poll at
 * full speed on the ranks that finished first, while rank 0 still links
 * and stores). all is rank 0's array of figures (NULL: not kept). */
static void finish_job(int rank, int size, const rank_figures *fig,
		       rank_figures *all, long long *verdict)
{
	MPI_Request req;
	if (rank != 0) {
		if (MPI_Isend(fig, sizeof *fig, MPI_BYTE, 0, TAG_FIGURES,
			      MPI_COMM_WORLD, &req) == MPI_SUCCESS)
			ngd_wait_request(&req);
		if (MPI_Irecv(verdict, 1, MPI_LONG_LONG, 0, TAG_VERDICT,
			      MPI_COMM_WORLD, &req) == MPI_SUCCESS)
			ngd_wait_request(&req);
		return;
	}
	for (int i = 1; i < size; i++) {
		rank_figures got;
		if (MPI_Irecv(&got, sizeof got, MPI_BYTE, i, TAG_FIGURES,
			      MPI_COMM_WORLD, &req) == MPI_SUCCESS &&
		    !ngd_wait_request(&req) && all)
			all[i] = got;
	}
	for (int i = 1; i < size; i++)
		if (MPI_Isend(verdict, 1, MPI_LONG_LONG, i, TAG_VERDICT,
			      MPI_COMM_WORLD, &req) == MPI_SUCCESS)
			ngd_wait_request(&req);
}

/* Rank 0 alone: read, analyse, link, one chunk after the other. */
static ng_status run_alone(const ngd_plan *plan, linker *l, rank_figures *fig)
{
	reader r = {.plan = plan, .rank = 0, .size = 1, .local = l, .fig = fig};
	ng_status st = ngi_worker_init(&r.worker);
	double t0 = ngd_now();
	for (size_t k = 0; k < plan->n_chunks && !st; k++) {
		ngi_read_stats rs = {0};
		ng_status rst = ngd_plan_read_chunk(plan, k, reader_record, &r,
						    &l->e->diag, &rs);
		chunk_counts c = {NG_OK,    rs.files,        rs.skipped,
				  rs.bytes, rs.invalid_utf8, rs.failed,
				  0};
		add_counts(&l->stats, &c);
		if (rst && rst != NG_ERR_INPUT)
			st = rst;
	}
	if (!st)
		st = linker_flush(l);
	fig->busy = ngd_now() - t0;
	fig->chunks_read = (long long)plan->n_chunks;
	ngi_worker_free(&r.worker);
	return st;
}

/* ---- two ranks: rank 0 reads while it waits ---------------------------------
 * With two ranks, rank 1 reads, analyses and runs the copy stage, and rank
 * 0 would wait for it. So rank 0, while no piece is there for
 * it, asks rank 1 for a chunk (one ask on its way at a time), reads and
 * analyses the chunk it is given as any reader does and sends it to rank
 * 1, whose copy stage takes it in its turn and passes it back.
 *
 * Rank 0 spends on reading no more than READ_PER_WAIT times the time it
 * has waited: it asks only when that much of its waiting, less the
 * seconds it spent reading, reaches what a chunk has cost it so far.
 * Asking at every wait, however short, gave rank 0 two chunks in five at
 * the million, and rank 0 became the bound; with a factor of 1 it kept
 * waiting about as long as it read (docs/SCALE.md, "Rank 0 reads while it
 * waits"). */
typedef struct helper {
	reader r;
	int asking;          /* an ask on its way */
	int none_left;       /* rank 1 said so */
	unsigned char *mine; /* the chunks read here */
	MPI_Request ask_req;
	double spent; /* seconds of reading granted chunks */
} helper;

static ng_status helper_ask(helper *h)
{
	static const unsigned char ask = 1;
	if (h->ask_req != MPI_REQUEST_NULL && ngd_wait_request(&h->ask_req))
		return NG_ERR_IO;
	if (MPI_Isend(&ask, 1, MPI_BYTE, 1, TAG_ASK, MPI_COMM_WORLD,
		      &h->ask_req) != MPI_SUCCESS)
		return NG_ERR_IO;
	h->asking = 1;
	return NG_OK;
}

/* The answer to the ask on its way: a chunk to read, or none left. */
static ng_status helper_answer(helper *h, int *did)
{
	uint64_t give;
	if (MPI_Recv(&give, 1, MPI_UINT64_T, 1, TAG_GRANT, MPI_COMM_WORLD,
		     MPI_STATUS_IGNORE) != MPI_SUCCESS)
		return NG_ERR_IO;
	h->asking = 0;
	if (give == UINT64_MAX) {
		h->none_left = 1;
		return NG_OK;
	}
	if (give >= h->r.plan->n_chunks)
		return NG_ERR_INTERNAL;
	h->mine[give] = 1;
	*did = 1;
	double t0 = ngd_now();
	ng_status st = read_chunk(&h->r, (size_t)give);
	h->spent += ngd_now() - t0;
	return st;
}

/* The receiver's idle work on rank 0 (waited: seconds of this wait so
 * far): ask when the time waited pays for a chunk, or read what was
 * given. */
static ng_status helper_idle(void *ctx, double waited, int *did)
{
	helper *h = ctx;
	if (h->none_left)
		return NG_OK;
	if (!h->asking) {
		long long read = h->r.fig->chunks_read;
		double banked = READ_PER_WAIT * (h->r.fig->waiting_in + waited) -
				h->spent;
		if (read && banked < h->spent / (double)read)
			return NG_OK;
		return helper_ask(h);
	}
	int here = 0;
	if (MPI_Iprobe(1, TAG_GRANT, MPI_COMM_WORLD, &here,
		       MPI_STATUS_IGNORE) != MPI_SUCCESS)
		return NG_ERR_IO;
	return here ? helper_answer(h, did) : NG_OK;
}

static ng_status helper_open(helper *h, const ngd_plan *plan, size_t batch,
			     rank_figures *fig)
{
	memset(h, 0, sizeof *h);
	h->ask_req = MPI_REQUEST_NULL;
	h->mine = calloc(plan->n_chunks ? plan->n_chunks : 1, 1);
	ng_status st = reader_open(&h->r, plan, 0, 2, 1, 1, batch, fig);
	return st ? st : h->mine ? NG_OK : NG_ERR_NOMEM;
}

static void helper_close(helper *h)
{
	reader_close(&h->r);
	free(h->mine);
}

/* After the last piece: rank 1 tells rank 0 that no chunk is left (it
 * waits for an ask at its end), and every piece sent here is through. */
static ng_status helper_end(helper *h)
{
	ng_status st = NG_OK;
	int did = 0;
	if (!h->none_left && !h->asking)
		st = helper_ask(h);
	if (!st && !h->none_left) {
		st = ngd_wait_message(1, TAG_GRANT, MPI_STATUS_IGNORE)
			     ? NG_ERR_IO
			     : helper_answer(h, &did);
		if (!st && !h->none_left)
			st = NG_ERR_INTERNAL; /* a chunk given after the last */
	}
	if (!st && h->ask_req != MPI_REQUEST_NULL &&
	    ngd_wait_request(&h->ask_req))
		st = NG_ERR_IO;
	ng_status fst = ngd_sender_finish(&h->r.out);
	return st ? st : fst;
}

/* Rank 0 with others: every chunk's pieces from the rank before it. */
static ng_status run_linker(const ngd_plan *plan, int size, linker *l,
			    helper *h, rank_figures *fig, char *err,
			    size_t errlen)
{
	receiver rv = {.fig = fig};
	ngi_buf_init(&rv.in, (size_t)INT_MAX);
	ng_status st = NG_OK;
	int from = 1; /* the copy stage */
	if (h) { /* the first ask goes at once */
		rv.idle = helper_idle;
		rv.idle_ctx = h;
		st = helper_ask(h);
	}
	for (size_t k = 0; k < plan->n_chunks && !st; k++) {
		int last = 0;
		chunk_counts c = {0};
		while (!last && !st) {
			ngi_wire_in in;
			if ((st = ngd_receive_piece(&rv, k, from, &in, &last)))
				break;
			double t0 = ngd_now();
			st = link_piece(l, &in, last, &c);
			fig->busy += ngd_now() - t0;
			if (st == NG_ERR_INPUT)
				snprintf(rv.err, sizeof rv.err,
					 "a damaged piece of "
					 "chunk %zu came from rank %d",
					 k, from);
		}
		if (!st)
			add_counts(&l->stats, &c);
		if (!st && c.read_st && c.read_st != NG_ERR_INPUT) {
			snprintf(rv.err, sizeof rv.err,
				 "rank %d stopped reading %s",
				 h && h->mine[k] ? 0 : reader_of(k, size),
				 plan->files[plan->chunks[k].file]);
			st = c.read_st;
		}
	}
	if (!st && h)
		st = helper_end(h);
	if (st && h && !rv.err[0])
		snprintf(rv.err, sizeof rv.err,
			 "reading chunks for the copy stage, or asking for "
			 "them");
	double t0 = ngd_now();
	if (!st)
		st = linker_flush(l);
	fig->busy += ngd_now() - t0;
	snprintf(err, errlen, "%s",
		 rv.err[0]      ? rv.err
		 : l->e->err[0] ? l->e->err
				: "linking");
	ngi_buf_free(&rv.in);
	return st;
}

/* The tables the copy stage writes (NGI_ROWS_*, store.h): both. With
 * two ranks, where rank 1 also reads and analyses, each alone and both
 * gave the same wall time at the million (docs/SCALE.md); with more,
 * rank 1 has time to spare and rank 0 bounds the job. */
#define ROWS_APART (NGI_ROWS_MENTIONS | NGI_ROWS_ENTITIES)

/* The copy stage's end: its file of mentions and entities to rank 0.
 * The mentions' index is sorted on this rank's one thread: with two
 * ranks, a second sorting thread while rank 0 builds its own indexes
 * made the sort slower at the million (60.7 against 43.1 s, one run
 * each, with the 64 MiB cache of the time; 25 to 28 s since the
 * store sorts with a small one) and the peak larger (docs/SCALE.md,
 * "More runs, and the copy stage's end"). */
static ng_status send_rows(ngi_row_stage *rows, rank_figures *fig, char *why,
			   size_t whylen)
{
	int fd = -1;
	uint64_t bytes = 0;
	double t0 = ngd_now();
	ng_status st = ngi_row_stage_finish(rows, &fd, &bytes);
	double t1 = ngd_now();
	if (st)
		snprintf(why, whylen, "writing mentions and entities: %s",
			 ngi_row_stage_errmsg(rows));
	else if ((st = ngd_rows_send(fd, bytes, fig)))
		snprintf(why, whylen, "sending mentions and entities");
	double t2 = ngd_now();
	fig->rows_sorting = t1 - t0;
	fig->rows_sending = t2 - t1;
	fig->busy += t2 - t0;
	return st;
}

/* Rank 0's end with other ranks: the copy stage's mentions and entities,
 * received beside the temporary file and taken into it. */
static ng_status take_rows(const ngd_output *o, ng_engine *e,
			   rank_figures *fig, char *err, size_t errlen)
{
	double t0 = ngd_now();
	size_t n = strlen(o->tmp) + sizeof "-rows";
	char *path = malloc(n);
	if (!path) {
		snprintf(err, errlen, "out of memory");
		return NG_ERR_NOMEM;
	}
	snprintf(path, n, "%s-rows", o->tmp);
	ng_status st = ngd_rows_receive(path, 1, err, errlen);
	if (!st && (st = ngi_store_take_rows(e->store, path, ROWS_APART)))
		snprintf(err, errlen, "%s", ngi_store_errmsg(e->store));
	unlink(path);
	free(path);
	fig->busy += ngd_now() - t0;
	return st;
}

ng_status ngd_ingest(const ng_config *c, char *const *paths, int n_paths,
		     ng_ingest_stats *stats, int *writer)
{
	int argc = 0;
	char **argv = NULL;
	ngi_store_process_setup();
	MPI_Init(&argc, &argv);
	/* failures come back as codes, so that each rank can say what
	 * happened (and rank 0 remove its temporary file) before the job ends */
	MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
	int rank = 0, size = 1;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	*writer = rank == 0;
	/* the ranks on rank 0's machine: idle while it builds the indexes at
	 * the end, so SQLite may sort on as many threads besides its own */
	int near = 1;
	MPI_Comm node;
	if (MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0,
				MPI_INFO_NULL, &node) == MPI_SUCCESS) {
		MPI_Comm_size(node, &near);
		MPI_Comm_free(&node);
	}

	ngd_output out = {0};
	out.lock_fd = -1;
	linker l = {0};
	ngd_plan plan = {0};
	rank_figures fig = {0};
	end_times end = {0};
	char err[1024] = "";
	char why[1200] = ""; /* a failure of the copy stage's own files */
	ng_status st = NG_OK;
	long long w0 = 0, e0 = 0;
	if (rank == 0) {
		st = ngd_output_begin(&out, c->db_path, err, sizeof err);
		if (st) {
			fprintf(stderr, "newsgraph: %s\n", err);
		} else {
			ng_config ec = *c;
			ec.db_path = out.tmp;
			ec.threads =
				1; /* analysis happens outside the engine */
			ec.should_stop =
				NULL; /* signals end the job (output.c) */
			ec.on_progress = NULL;
			if (ng_engine_open(&ec, &l.e) != NG_OK)
				st = NG_ERR_DB; /* the reason went out as a diagnostic */
			else if ((st = ngi_store_set_bulk(l.e->store, 1)))
				fprintf(stderr, "newsgraph: %s\n",
					ngi_store_errmsg(l.e->store));
		}
		if (!st) {
			/* with other ranks, the copy stage finds every
			 * edge on rank 1 */
			if (size > 1) {
				ngi_link_copies_given(l.e->link);
				l.e->rows_elsewhere = ROWS_APART;
			}
			l.batch_size = (size_t)l.e->config.batch_size;
			ngi_arena_init(&l.strings, 1 << 20);
			ngi_arena_init(&l.keep, 1 << 20);
			w0 = l.e->diag.warnings;
			e0 = l.e->diag.errors;
			ngi_read_stats rs = {0};
			st = ngd_plan_make(&plan, paths, n_paths, chunk_bytes(),
					   &l.e->diag, &rs);
			chunk_counts cc = {
				NG_OK,    rs.files,        rs.skipped,
				rs.bytes, rs.invalid_utf8, rs.failed,
				0};
			add_counts(&l.stats, &cc);
			if (st == NG_ERR_USAGE)
				fprintf(stderr,
					"newsgraph: the distributed ingest reads files "
					"and directories; standard input (-) needs the "
					"single-process ingest\n");
			if (st == NG_ERR_INPUT)
				st = NG_OK; /* reported; the rest is read */
		}
		if (st)
			ngd_output_discard(&out);
	}
	st = share_plan(&plan, rank, size, st);
	if (st) {
		/* rank 0 said why; nothing was written */
		if (l.e)
			ng_engine_close(l.e);
		ngd_output_discard(&out);
		ngd_output_end(&out);
		ngd_plan_free(&plan);
		ngi_arena_free(&l.strings);
		ngi_arena_free(&l.keep);
		MPI_Finalize();
		return st == NG_ERR_USAGE ? NG_ERR_USAGE : NG_ERR_DB;
	}

	size_t batch = (size_t)(c->batch_size > 0 ? c->batch_size : 1000);
	if (rank == 0) {
		helper h = {0};
		h.ask_req = MPI_REQUEST_NULL;
		if (size == 2 && (st = helper_open(&h, &plan, batch, &fig)))
			snprintf(err, sizeof err, "getting ready to read");
		if (!st)
			st = size == 1 ? run_alone(&plan, &l, &fig)
				       : run_linker(&plan, size, &l,
						    size == 2 ? &h : NULL,
						    &fig, err, sizeof err);
		helper_close(&h);
		/* the reading indexes first, the mentions' on its table still
		 * empty: the copy stage sorts that one in its own file
		 * meanwhile, and it comes whole with the rows */
		double t0 = ngd_now();
		if (!st && size > 1 &&
		    ((st = ngi_store_set_sort_threads(l.e->store, near - 1)) ||
		     (st = ngi_store_build_indexes(l.e->store))))
			snprintf(err, sizeof err, "%s",
				 ngi_store_errmsg(l.e->store));
		double t1 = ngd_now();
		fig.busy += t1 - t0;
		end.indexes = t1 - t0;
		if (!st && size > 1)
			st = take_rows(&out, l.e, &fig, err, sizeof err);
		end.rows = ngd_now() - t1;
		if (st && size == 1)
			snprintf(err, sizeof err, "%s",
				 l.e->err[0] ? l.e->err : "reading the input");
		if (st)
			fail_job(&out, st, err);
	} else if (rank == 1 && size > 2) {
		sender to_rank0;
		copier cp = {.plan = &plan, .size = size, .out = &to_rank0};
		cp.in.fig = &fig;
		ngi_buf_init(&cp.in.in, (size_t)INT_MAX);
		ngi_arena_init(&cp.a, 1 << 20);
		st = ngd_sender_init(&to_rank0, 0, 0, &fig);
		if (!st)
			st = ngi_copy_stage_open(&cp.copies, why, sizeof why);
		if (!st)
			st = ngi_claim_stage_open(&cp.claims);
		if (!st)
			st = ngi_row_stage_open(&cp.rows, ROWS_APART, why,
						sizeof why);
		if (!st)
			st = run_copier(&cp);
		if (!st)
			st = send_rows(cp.rows, &fig, why, sizeof why);
		if (st)
			fail_rank(rank,
				  why[0]         ? why
				  : cp.in.err[0] ? cp.in.err
						 : "the copy stage",
				  st);
		ngi_copy_stage_close(cp.copies);
		ngi_claim_stage_close(cp.claims);
		ngi_row_stage_close(cp.rows);
		ngd_sender_free(&to_rank0);
		ngi_buf_free(&cp.in.in);
		ngi_arena_free(&cp.a);
	} else {
		/* with two ranks, rank 1 also passes on what rank 0 reads */
		copier relay = {.plan = &plan, .size = size};
		reader r;
		relay.in.fig = &fig;
		ngi_buf_init(&relay.in.in, (size_t)INT_MAX);
		ngi_arena_init(&relay.a, 1 << 20);
		st = reader_open(&r, &plan, rank, size, size == 2 ? 0 : 1, 0,
				 batch, &fig);
		if (!st && size == 2)
			st = ngi_copy_stage_open(&r.copies, why, sizeof why);
		if (!st && size == 2)
			st = ngi_claim_stage_open(&r.claims);
		if (!st && size == 2)
			st = ngi_row_stage_open(&r.rows, ROWS_APART, why,
						sizeof why);
		if (!st && size == 2) {
			r.granted = calloc(plan.n_chunks ? plan.n_chunks : 1, 1);
			if (!r.granted)
				st = NG_ERR_NOMEM;
			relay.copies = r.copies;
			relay.claims = r.claims;
			relay.rows = r.rows;
			relay.out = &r.out;
			r.relay = &relay;
		}
		if (!st)
			st = run_reader(&r);
		if (!st && size == 2)
			st = send_rows(r.rows, &fig, why, sizeof why);
		if (st)
			fail_rank(rank,
				  why[0]            ? why
				  : relay.in.err[0] ? relay.in.err
				  : size == 2       ? "reading and finding copies"
						    : "reading",
				  st);
		ngi_copy_stage_close(r.copies);
		ngi_claim_stage_close(r.claims);
		ngi_row_stage_close(r.rows);
		reader_close(&r);
		ngi_buf_free(&relay.in.in);
		ngi_arena_free(&relay.a);
	}

	/* rank 0 closes and renames; then every rank learns the outcome */
	long long verdict = NG_OK;
	if (rank == 0) {
		double t0 = ngd_now();
		l.stats.warnings = l.e->diag.warnings - w0;
		l.stats.errors = l.e->diag.errors - e0;
		ng_status cst = ngi_store_set_sort_threads(l.e->store, near - 1);
		if (!cst)
			cst = ngi_store_set_bulk(l.e->store, 0);
		if (cst)
			fail_job(&out, cst, ngi_store_errmsg(l.e->store));
		double t1 = ngd_now();
		cst = ng_engine_close(l.e);
		l.e = NULL;
		if (cst)
			fail_job(&out, cst, "closing the database");
		double t2 = ngd_now();
		if ((cst = ngd_output_commit(&out, err, sizeof err)))
			fail_job(&out, cst, err);
		double t3 = ngd_now();
		fig.busy += t3 - t0;
		end.indexes += t1 - t0;
		end.close = t2 - t1;
		end.flush = t3 - t2;
		*stats = l.stats;
		verdict = l.stats.failed || l.stats.invalid_utf8 ? NG_ERR_INPUT
								 : NG_OK;
	}
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) == 0) {
		fig.max_rss_mb = ru.ru_maxrss / 1024.0;
		fig.cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
			  ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	}
	rank_figures *all = rank == 0 ? calloc((size_t)size, sizeof *all)
				      : NULL;
	if (rank == 0 && all)
		all[0] = fig;
	finish_job(rank, size, &fig, all, &verdict);
	if (rank == 0 && all && !getenv("NEWSGRAPH_DIST_QUIET"))
		report_figures(all, size, l.stats.records, &end);
	free(all);
	ngd_output_end(&out);
	ngd_plan_free(&plan);
	free(l.batch);
	ngi_arena_free(&l.strings);
	ngi_arena_free(&l.keep);
	MPI_Finalize();
	return (ng_status)verdict;
}
