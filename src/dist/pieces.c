/*
 * pieces.c: the pieces of the distributed ingest on their way between
 * ranks (pieces.h): sending with a few on their way, receiving in order,
 * and waiting for either without spinning.
 */
#include "pieces.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds of the monotonic clock. */
double ngd_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- waiting without spinning -----------------------------------------------
 * Open MPI's blocking calls poll at full speed, which takes a core from
 * the ranks that have work when there are more ranks than cores (or other
 * jobs on the machine). A request is tested, then the rank sleeps a
 * little (20 us, then up to a millisecond) and tests again. */
static void pause_a_little(int *rounds)
{
	struct timespec ts = {0, *rounds < 10 ? 20000L : 1000000L};
	(*rounds)++;
	nanosleep(&ts, NULL);
}

int ngd_wait_request_status(MPI_Request *req, MPI_Status *status)
{
	int done = 0, rounds = 0;
	for (;;) {
		if (MPI_Test(req, &done, status) != MPI_SUCCESS)
			return -1;
		if (done)
			return 0;
		pause_a_little(&rounds);
	}
}

int ngd_wait_request(MPI_Request *req)
{
	return ngd_wait_request_status(req, MPI_STATUS_IGNORE);
}

int ngd_wait_message(int from, int tag, MPI_Status *status)
{
	int here = 0, rounds = 0;
	for (;;) {
		if (MPI_Iprobe(from, tag, MPI_COMM_WORLD, &here, status) !=
		    MPI_SUCCESS)
			return -1;
		if (here)
			return 0;
		pause_a_little(&rounds);
	}
}

/* ---- sending pieces ---------------------------------------------------------- */

/* One more slot, free (its buffer empty). */
static ng_status add_slot(sender *s)
{
	ngi_buf *piece = realloc(s->piece, (size_t)(s->n_slots + 1) *
						   sizeof *piece);
	if (!piece)
		return NG_ERR_NOMEM;
	s->piece = piece;
	MPI_Request *req = realloc(s->req, (size_t)(s->n_slots + 1) *
						   sizeof *req);
	if (!req)
		return NG_ERR_NOMEM;
	s->req = req;
	ngi_buf_init(&s->piece[s->n_slots], (size_t)INT_MAX);
	s->req[s->n_slots] = MPI_REQUEST_NULL;
	s->n_slots++;
	return NG_OK;
}

ng_status ngd_sender_init(sender *s, int dest, int grows, rank_figures *fig)
{
	memset(s, 0, sizeof *s);
	s->dest = dest;
	s->grows = grows;
	s->fig = fig;
	ng_status st = NG_OK;
	for (int i = 0; i < NGD_IN_FLIGHT && !st; i++)
		st = add_slot(s);
	return st;
}

ngi_buf *ngd_sender_piece(sender *s)
{
	return &s->piece[s->slot];
}

/* A new piece of chunk k in the slot in hand. */
ng_status ngd_piece_begin(sender *s, uint64_t k)
{
	ngi_buf *b = ngd_sender_piece(s);
	ngi_buf_clear(b);
	ng_status st = ngi_wire_u64(b, k);
	return st ? st : ngi_wire_u8(b, 0);
}

/* A slot whose piece is through (tested, never waited for), or -1. */
static int slot_done(sender *s, int i)
{
	int done = 1;
	if (s->req[i] != MPI_REQUEST_NULL &&
	    MPI_Test(&s->req[i], &done, MPI_STATUS_IGNORE) != MPI_SUCCESS)
		return -1;
	return done;
}

/* Sends the piece in hand; the next slot is one whose piece is through:
 * the oldest, waited for, or, when the sender grows, any one already
 * through or a new one. */
ng_status ngd_piece_send(sender *s)
{
	ngi_buf *b = ngd_sender_piece(s);
	double t0 = ngd_now();
	if (MPI_Isend(b->data, (int)b->len, MPI_BYTE, s->dest, TAG_PIECE,
		      MPI_COMM_WORLD, &s->req[s->slot]) != MPI_SUCCESS)
		return NG_ERR_IO;
	s->fig->bytes_sent += (double)b->len;
	if (s->grows) {
		for (int i = 1; i < s->n_slots; i++) {
			int at = (s->slot + i) % s->n_slots, done = slot_done(s, at);
			if (done < 0)
				return NG_ERR_IO;
			if (done) {
				s->slot = at;
				return NG_OK;
			}
		}
		ng_status st = add_slot(s);
		if (!st)
			s->slot = s->n_slots - 1;
		return st;
	}
	s->slot = (s->slot + 1) % s->n_slots;
	if (s->req[s->slot] != MPI_REQUEST_NULL &&
	    ngd_wait_request(&s->req[s->slot]))
		return NG_ERR_IO;
	s->fig->waiting_out += ngd_now() - t0;
	return NG_OK;
}

ng_status ngd_sender_finish(sender *s)
{
	double t0 = ngd_now();
	ng_status st = NG_OK;
	for (int i = 0; i < s->n_slots; i++)
		if (s->req[i] != MPI_REQUEST_NULL &&
		    ngd_wait_request(&s->req[i]))
			st = NG_ERR_IO;
	s->fig->waiting_out += ngd_now() - t0;
	return st;
}

void ngd_sender_free(sender *s)
{
	for (int i = 0; i < s->n_slots; i++)
		ngi_buf_free(&s->piece[i]);
	free(s->piece);
	free(s->req);
	s->piece = NULL;
	s->req = NULL;
	s->n_slots = 0;
}

/* What the copy stage found for a record (its copies, its claims'
 * matches), after the record in its item. */
ng_status ngd_write_found(ngi_buf *b, const ngi_pending *p)
{
	ng_status st = ngi_wire_u8(b, (uint8_t)p->copies_given);
	if (!st)
		st = ngi_wire_u32(b, p->copies_seq);
	if (!st)
		st = ngi_wire_bytes(b, p->copies,
				    (size_t)p->n_copies * sizeof *p->copies);
	if (!st)
		st = ngi_wire_u8(b, (uint8_t)p->claims_given);
	if (!st && p->claims_given)
		st = ngi_wire_bytes(b, p->claim_matches,
				    p->f.claims.n_claims * sizeof *p->claim_matches);
	return st;
}

/* Read after the record p itself (the number of its claims). */
ng_status ngd_read_found(ngi_wire_in *in, ngi_arena *a, ngi_pending *p)
{
	int oom = 0;
	size_t n = 0;
	p->copies_given = ngi_wire_get_u8(in);
	p->copies_seq = ngi_wire_get_u32(in);
	p->copies = ngi_wire_get_array(in, a, sizeof *p->copies,
				       NGI_MAX_EDGES_PER_ARTICLE, &n, &oom);
	p->n_copies = (int)n;
	p->claims_given = ngi_wire_get_u8(in);
	p->claim_matches = NULL;
	if (p->claims_given && !oom) {
		p->claim_matches = ngi_wire_get_array(in, a, sizeof *p->claim_matches,
						      p->f.claims.n_claims, &n, &oom);
		if (n != p->f.claims.n_claims)
			in->bad = 1;
	}
	if (oom)
		return NG_ERR_NOMEM;
	return in->bad || p->copies_given > NGI_COPIES_UNCHANGED ||
			       p->claims_given > 1
		       ? NG_ERR_INPUT
		       : NG_OK;
}

/* ---- receiving pieces --------------------------------------------------------- */

/* The next piece from rank from, which must be of chunk k: *in reads its
 * items, *last says whether it is the chunk's last. */
ng_status ngd_receive_piece(receiver *r, size_t k, int from, ngi_wire_in *in,
			    int *last)
{
	MPI_Status status;
	double t0 = ngd_now(), busy0 = r->fig->busy;
	int count = 0, here = 0, rounds = 0;
	for (;;) {
		if (MPI_Iprobe(from, TAG_PIECE, MPI_COMM_WORLD, &here,
			       &status) != MPI_SUCCESS)
			return NG_ERR_IO;
		if (here)
			break;
		int did = 0;
		ng_status st =
			r->idle ? r->idle(r->idle_ctx,
					  ngd_now() - t0 - (r->fig->busy - busy0),
					  &did)
				: NG_OK;
		if (st)
			return st;
		if (did)
			rounds = 0;
		else
			pause_a_little(&rounds);
	}
	if (MPI_Get_count(&status, MPI_BYTE, &count) != MPI_SUCCESS ||
	    count < 0)
		return NG_ERR_IO;
	ngi_buf_clear(&r->in);
	if (ngi_buf_reserve(&r->in, (size_t)count))
		return NG_ERR_NOMEM;
	if (MPI_Recv(r->in.data, count, MPI_BYTE, from, TAG_PIECE,
		     MPI_COMM_WORLD, MPI_STATUS_IGNORE) != MPI_SUCCESS)
		return NG_ERR_IO;
	r->in.len = (size_t)count;
	r->fig->waiting_in += ngd_now() - t0 - (r->fig->busy - busy0);
	r->bytes += count;
	ngi_wire_in_init(in, r->in.data, (size_t)count);
	uint64_t chunk = ngi_wire_get_u64(in);
	*last = ngi_wire_get_u8(in);
	if (in->bad || chunk != k) {
		snprintf(r->err, sizeof r->err,
			 "rank %d sent chunk %llu where chunk "
			 "%zu was expected",
			 from, (unsigned long long)chunk, k);
		return NG_ERR_INTERNAL;
	}
	return NG_OK;
}
