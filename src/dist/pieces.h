/*
 * pieces.h: how records travel between the ranks of the distributed
 * ingest (docs/SCALE.md), over Open MPI.
 *
 * A piece is one message: the index of the chunk its records were read
 * from (u64), whether it is that chunk's last piece (u8), then items: a
 * diagnostic of the reading, or a record (ngi_pending_write) with its
 * copies (copies_given, copies_seq, the edges: none given until the copy
 * stage has seen it), then ITEM_END; the chunk's last piece then carries
 * the chunk's reading counts. A sender keeps NGD_IN_FLIGHT pieces on
 * their way (MPI_Isend), so a rank runs ahead of the one after it (one
 * that grows keeps as many as it sends: rank 0 reading for the copy
 * stage with two ranks, which must never wait on rank 1); a
 * receiver takes them in order and checks each is of the chunk expected.
 * Waiting never spins: Open MPI's blocking calls poll at full speed and
 * would take a core from the ranks that have work, so a request is
 * tested and the rank sleeps a little between tests. Only the files of
 * src/dist/ that talk MPI include this header.
 */
#ifndef NG_DIST_PIECES_H
#define NG_DIST_PIECES_H

#include <mpi.h>

#include "../base/wire.h"
#include "dist_int.h"

/* Bytes of input per chunk (NEWSGRAPH_CHUNK_BYTES for the tests), pieces
 * on their way per sender, and a piece's cap besides a batch of records. */
#define NGD_CHUNK_BYTES ((long long)4 << 20)
#define NGD_IN_FLIGHT 4
#define NGD_PIECE_BYTES ((size_t)64 << 20)

enum {
	TAG_PIECE = 1,
	TAG_FIGURES = 2,
	TAG_VERDICT = 3,
	TAG_ROWS = 4,
	TAG_ASK = 5,  /* rank 0 has time to read a chunk (ingest_mpi.c) */
	TAG_GRANT = 6 /* which one (u64), or none left */
};
enum { ITEM_END = 0, ITEM_DIAG = 1, ITEM_RECORD = 2 };
/* where a piece's "last of its chunk" byte is */
#define PIECE_LAST_AT sizeof(uint64_t)

/* What each rank measures, gathered on rank 0 for the last line. */
typedef struct rank_figures {
	double busy;       /* reading, analysing, finding copies, linking */
	double waiting_in;  /* for a piece */
	double waiting_out; /* for a free slot to send one, or sends done */
	double cpu;        /* user + system seconds of the process */
	double bytes_sent; /* of pieces */
	double max_rss_mb;
	long long chunks_read; /* read and analysed here */
	double analysing;      /* seconds of busy making and analysing records */
	double rows_sorting;   /* the copy stage's end: its index sorted */
	double rows_sending;   /* ... and its file sent to rank 0 */
} rank_figures;

/* Seconds of the monotonic clock. */
double ngd_now(void);

/* Waits for a request to complete, or for a message from rank from with
 * tag to be there, without spinning: 0, or -1 when MPI fails. */
int ngd_wait_request(MPI_Request *req);
int ngd_wait_request_status(MPI_Request *req, MPI_Status *status);
int ngd_wait_message(int from, int tag, MPI_Status *status);

/* A sender keeps NGD_IN_FLIGHT pieces on their way and waits for the
 * oldest before it fills a fifth; one that grows never waits but takes
 * one more slot (rank 0 reading for the copy stage must not stop while
 * the copy stage waits for rank 0 to take its pieces). */
typedef struct sender {
	int dest;
	int grows;
	ngi_buf *piece;
	MPI_Request *req;
	int n_slots;
	int slot; /* the piece being filled */
	rank_figures *fig;
} sender;

ng_status ngd_sender_init(sender *s, int dest, int grows, rank_figures *fig);
/* The piece being filled. */
ngi_buf *ngd_sender_piece(sender *s);
/* A new piece of chunk k in the slot in hand. */
ng_status ngd_piece_begin(sender *s, uint64_t k);
/* Sends the piece in hand and waits for the next slot to be free. */
ng_status ngd_piece_send(sender *s);
/* Waits for every piece on its way. */
ng_status ngd_sender_finish(sender *s);
void ngd_sender_free(sender *s);

/* What the copy stage found for a record (its copies, and the matches of
 * its claims: engine.h, ngi_claim_stage_add), after the record in its
 * item; read after the record itself. */
ng_status ngd_write_found(ngi_buf *b, const ngi_pending *p);
ng_status ngd_read_found(ngi_wire_in *in, ngi_arena *a, ngi_pending *p);

/* The copy stage's file of mentions and entities (rows.c), fd of bytes, to
 * rank 0; rank 0 writes what rank from sends into a new file at path
 * (err says what went wrong). */
ng_status ngd_rows_send(int fd, uint64_t bytes, rank_figures *fig);
ng_status ngd_rows_receive(const char *path, int from, char *err,
			   size_t errlen);

typedef struct receiver {
	ngi_buf in;
	double bytes;
	rank_figures *fig;
	char err[512];
	/* called while no piece is there (NULL: none), with the seconds
	 * waited so far: other work, which sets *did when it did some; its
	 * time counts as busy, not waiting */
	ng_status (*idle)(void *ctx, double waited, int *did);
	void *idle_ctx;
} receiver;

/* The next piece from rank from, which must be of chunk k: *in reads its
 * items, *last says whether it is the chunk's last (else r->err says
 * what came). While it waits, r->idle does what else there is. */
ng_status ngd_receive_piece(receiver *r, size_t k, int from, ngi_wire_in *in,
			    int *last);

#endif
