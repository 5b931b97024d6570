/*
 * row_stage.c: the rows of a stored article that need no link decision,
 * written apart for the distributed ingest (engine.h, docs/SCALE.md).
 *
 * An article's entity mentions and its entities' counts depend on the
 * article alone, once the copy stage has said that it is stored and as
 * which seq (its dates do not: a relative date with no anchor in the
 * article is resolved against its story's). So the copy stage's rank
 * writes them (the tables asked for, NGI_ROWS_*), with the store's own
 * functions (the rows a single process writes), into a database file of
 * its own, while the linking rank, whose work bounds the job, leaves them
 * out and takes the finished file in at the end (ngi_store_take_rows:
 * whole tables copied, no row built again). The tables' reading indexes
 * are built here when the rows are all in, and are copied whole with
 * them, so the linking rank does not sort them at its end.
 *
 * The file is made in TMPDIR and its name removed as soon as SQLite has
 * opened it and left WAL for a journal in memory (a bulk file, store.h):
 * SQLite and this stage's descriptor hold it, so it goes with the process
 * however it ends, and the descriptor reads it back when it is done.
 */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../store/store.h"

/* Stored records a transaction (the engine's batch). */
#define ROWS_PER_COMMIT 1000

struct ngi_row_stage {
	ngi_store *store;
	unsigned tables;     /* NGI_ROWS_* */
	int fd;              /* the file, read back once finished */
	size_t in_txn;       /* records written since the last commit */
	char err[1024];
};

/* The file's name and its companions', gone once SQLite holds it. */
static void forget_names(const char *path)
{
	static const char *const side[] = {"", "-lock", "-wal", "-shm",
					   "-journal"};
	char name[4200];
	for (size_t i = 0; i < NGI_ARRAY_LEN(side); i++) {
		snprintf(name, sizeof name, "%s%s", path, side[i]);
		unlink(name);
	}
}

ng_status ngi_row_stage_open(ngi_row_stage **out, unsigned tables, char *err,
			     size_t errlen)
{
	*out = NULL;
	ngi_row_stage *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NG_ERR_NOMEM;
	}
	s->tables = tables;
	char path[4096];
	s->fd = ngi_scratch_file("newsgraph-rows", path, sizeof path, err,
				 errlen);
	if (s->fd < 0) {
		free(s);
		return NG_ERR_IO;
	}
	ng_status st = ngi_store_open(path, &s->store, err, errlen);
	if (!st && (st = ngi_store_set_bulk(s->store, 1)))
		snprintf(err, errlen, "%s", ngi_store_errmsg(s->store));
	forget_names(path);
	if (st) {
		ngi_row_stage_close(s);
		return st;
	}
	*out = s;
	return NG_OK;
}

ng_status ngi_row_stage_add(ngi_row_stage *s, const ngi_pending *p)
{
	if (p->copies_given != NGI_COPIES_STORED)
		return NG_OK;
	ng_status st = NG_OK;
	if (!s->in_txn && (st = ngi_store_begin(s->store)))
		goto failed;
	s->in_txn++;
	if (((s->tables & NGI_ROWS_MENTIONS) &&
	     (st = ngi_store_insert_mention_rows(s->store, p->copies_seq,
						 p->f.mentions,
						 p->f.n_mentions))) ||
	    ((s->tables & NGI_ROWS_ENTITIES) &&
	     (st = ngi_store_count_entities(s->store, p->f.mentions,
					    p->f.n_mentions))))
		goto failed;
	if (s->in_txn >= ROWS_PER_COMMIT) {
		s->in_txn = 0;
		if ((st = ngi_store_commit(s->store)))
			goto failed;
	}
	return NG_OK;
failed:
	snprintf(s->err, sizeof s->err, "%s", ngi_store_errmsg(s->store));
	return st;
}

ng_status ngi_row_stage_finish(ngi_row_stage *s, int *fd, uint64_t *bytes)
{
	ng_status st = NG_OK;
	if (s->in_txn) {
		s->in_txn = 0;
		st = ngi_store_commit(s->store);
	}
	/* the reading indexes of its tables, sorted here, travel with them */
	if (!st)
		st = ngi_store_index_rows(s->store, s->tables);
	if (st)
		snprintf(s->err, sizeof s->err, "%s",
			 ngi_store_errmsg(s->store));
	ngi_store_close(s->store);
	s->store = NULL;
	if (st)
		return st;
	struct stat sb;
	if (fstat(s->fd, &sb) != 0) {
		snprintf(s->err, sizeof s->err, "the rows' file: %s",
			 strerror(errno));
		return NG_ERR_IO;
	}
	*fd = s->fd;
	*bytes = (uint64_t)sb.st_size;
	return NG_OK;
}

const char *ngi_row_stage_errmsg(const ngi_row_stage *s)
{
	return s ? s->err : "";
}

void ngi_row_stage_close(ngi_row_stage *s)
{
	if (!s)
		return;
	ngi_store_close(s->store);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
}
