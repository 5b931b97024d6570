/*
 * rows.c: the copy stage's file of mentions and entities goes to rank 0 at
 * the end of a distributed ingest (docs/SCALE.md).
 *
 * The copy stage's rank writes every stored article's entity mentions
 * and its entities' counts into a database file of its own
 * (engine/row_stage.c) while rank 0 links and stores the rest. The ranks
 * need not share a file system, so once the copy stage is done the file
 * travels as messages:
 * its length, then parts of at most NGD_ROWS_PART bytes, written by rank
 * 0 beside its temporary database (FINAL.tmp-PID-rows, a companion that
 * a failed job's clean-up removes with it) and taken in from there
 * (ngi_store_take_rows). Waiting never spins (pieces.c).
 */
#include "pieces.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NGD_ROWS_PART ((size_t)32 << 20)

ng_status ngd_rows_send(int fd, uint64_t bytes, rank_figures *fig)
{
	MPI_Request req;
	uint64_t len = bytes;
	if (MPI_Isend(&len, 1, MPI_UINT64_T, 0, TAG_ROWS, MPI_COMM_WORLD,
		      &req) != MPI_SUCCESS ||
	    ngd_wait_request(&req))
		return NG_ERR_IO;
	char *buf = malloc(NGD_ROWS_PART);
	if (!buf)
		return NG_ERR_NOMEM;
	ng_status st = NG_OK;
	for (uint64_t at = 0; at < bytes && !st;) {
		size_t want = bytes - at < NGD_ROWS_PART ? (size_t)(bytes - at)
							 : NGD_ROWS_PART;
		size_t got = 0;
		while (got < want) {
			ssize_t n = pread(fd, buf + got, want - got,
					  (off_t)(at + got));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got < want) {
			st = NG_ERR_IO;
			break;
		}
		if (MPI_Isend(buf, (int)want, MPI_BYTE, 0, TAG_ROWS,
			      MPI_COMM_WORLD, &req) != MPI_SUCCESS ||
		    ngd_wait_request(&req))
			st = NG_ERR_IO;
		at += want;
		fig->bytes_sent += (double)want;
	}
	free(buf);
	return st;
}

ng_status ngd_rows_receive(const char *path, int from, char *err,
			   size_t errlen)
{
	MPI_Request req;
	uint64_t bytes = 0;
	if (MPI_Irecv(&bytes, 1, MPI_UINT64_T, from, TAG_ROWS, MPI_COMM_WORLD,
		      &req) != MPI_SUCCESS ||
	    ngd_wait_request(&req)) {
		snprintf(err, errlen, "the mentions and entities of rank %d did "
			 "not come", from);
		return NG_ERR_IO;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "creating %s: %s", path, strerror(errno));
		return NG_ERR_IO;
	}
	char *buf = malloc(NGD_ROWS_PART);
	ng_status st = buf ? NG_OK : NG_ERR_NOMEM;
	if (!buf)
		snprintf(err, errlen, "out of memory");
	for (uint64_t at = 0; at < bytes && !st;) {
		size_t want = bytes - at < NGD_ROWS_PART ? (size_t)(bytes - at)
							 : NGD_ROWS_PART;
		MPI_Status ms;
		int count = 0;
		if (MPI_Irecv(buf, (int)want, MPI_BYTE, from, TAG_ROWS,
			      MPI_COMM_WORLD, &req) != MPI_SUCCESS ||
		    ngd_wait_request_status(&req, &ms) ||
		    MPI_Get_count(&ms, MPI_BYTE, &count) != MPI_SUCCESS ||
		    (size_t)count != want) {
			snprintf(err, errlen, "the mentions and entities of rank "
				 "%d came damaged", from);
			st = NG_ERR_IO;
			break;
		}
		for (size_t put = 0; put < want && !st;) {
			ssize_t n = write(fd, buf + put, want - put);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				snprintf(err, errlen, "writing %s: %s", path,
					 strerror(errno));
				st = NG_ERR_IO;
			} else {
				put += (size_t)n;
			}
		}
		at += want;
	}
	free(buf);
	if (close(fd) != 0 && !st) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(errno));
		st = NG_ERR_IO;
	}
	return st;
}
