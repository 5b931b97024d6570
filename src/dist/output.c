/*
 * output.c: the distributed ingest's database is written to a temporary
 * file and becomes the one asked for only when the job has succeeded.
 *
 * Rank 0 claims FINAL with the lock every writer takes (so no other
 * ingest writes it meanwhile), refuses a FINAL that exists (a job writes a
 * new database: renaming over a file that readers have open, with its WAL
 * beside it, is not safe), writes FINAL.tmp-PID and, once the engine has
 * closed it, flushes it to disk and links it to FINAL (link(2) fails
 * rather than replace a file that appeared meanwhile), then removes the
 * temporary name. A job that fails removes its temporary file; so does a
 * signal (mpirun sends SIGTERM to every rank when one of them dies, or on
 * Ctrl-C), through the handler below. A temporary file can still be left
 * by a rank 0 killed with SIGKILL: it is named for what it is, and the
 * next job for the same FINAL removes it (it holds FINAL's lock, so no
 * live job is writing one).
 *
 * The handler needs the paths where a signal can find them: one static
 * set of them, filled before the handler is installed. This file lives in
 * the command, one job per process, not in the library.
 */
#include "dist_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../store/store.h"

/* The temporary file and its companions: what the handler removes. */
#define SIDE_FILES 6
static const char *const side_suffix[SIDE_FILES] = {
	"", "-wal", "-shm", "-journal", "-lock",
	"-rows"}; /* the copy stage's mentions and entities (rows.c) */
static char *doomed[SIDE_FILES];
static char doomed_message[512];
static volatile sig_atomic_t doomed_armed;

static void on_signal(int sig)
{
	if (doomed_armed) {
		for (int i = 0; i < SIDE_FILES; i++)
			if (doomed[i])
				unlink(doomed[i]);
		ssize_t w = write(STDERR_FILENO, doomed_message, strlen(doomed_message));
		(void)w;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static char *joined(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *s = malloc(na + nb + 1);
	if (s) {
		memcpy(s, a, na);
		memcpy(s + na, b, nb + 1);
	}
	return s;
}

static void remove_side_files(const char *base)
{
	for (int i = 0; i < SIDE_FILES; i++) {
		char *p = joined(base, side_suffix[i]);
		if (p)
			unlink(p);
		free(p);
	}
}

/* FINAL.tmp-* beside final: left by jobs that were killed. */
static void remove_stale(const char *final)
{
	char *d = strdup(final), *b = strdup(final);
	if (!d || !b) {
		free(d);
		free(b);
		return;
	}
	const char *dir = dirname(d), *base = basename(b);
	char *prefix = joined(base, ".tmp-");
	DIR *dh = prefix ? opendir(dir) : NULL;
	struct dirent *de;
	size_t np = prefix ? strlen(prefix) : 0;
	while (dh && (de = readdir(dh))) {
		const char *name = de->d_name;
		size_t n = strlen(name);
		/* the database itself, not its companions (removed with it) */
		if (strncmp(name, prefix, np) || n <= np ||
		    strspn(name + np, "0123456789") != n - np)
			continue;
		char *slash = joined(dir, "/"), *path = slash ? joined(slash, name) : NULL;
		if (path) {
			fprintf(stderr, "newsgraph: removing %s, left by a distributed "
					"ingest that did not finish\n", path);
			remove_side_files(path);
		}
		free(slash);
		free(path);
	}
	if (dh)
		closedir(dh);
	free(prefix);
	free(d);
	free(b);
}

ng_status ngd_output_begin(ngd_output *o, const char *final, char *err,
			   size_t errlen)
{
	memset(o, 0, sizeof *o);
	o->lock_fd = -1;
	o->final = strdup(final);
	if (!o->final) {
		snprintf(err, errlen, "out of memory");
		return NG_ERR_NOMEM;
	}
	ng_status st = ngi_store_lock(final, &o->lock_fd, err, errlen);
	if (st)
		return st;
	struct stat sb;
	if (stat(final, &sb) == 0) {
		snprintf(err, errlen, "database %s exists: a distributed ingest "
			 "writes a new database (name another --db, or remove "
			 "this one)", final);
		return NG_ERR_USAGE;
	}
	remove_stale(final);
	char suffix[32];
	snprintf(suffix, sizeof suffix, ".tmp-%ld", (long)getpid());
	o->tmp = joined(final, suffix);
	for (int i = 0; o->tmp && i < SIDE_FILES; i++)
		if (!(doomed[i] = joined(o->tmp, side_suffix[i]))) {
			free(o->tmp);
			o->tmp = NULL;
		}
	if (!o->tmp) {
		snprintf(err, errlen, "out of memory");
		return NG_ERR_NOMEM;
	}
	snprintf(doomed_message, sizeof doomed_message,
		 "newsgraph: distributed ingest stopped by a signal (mpirun "
		 "sends one when a rank fails): %s not written, %s removed\n",
		 final, o->tmp);
	doomed_armed = 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	return NG_OK;
}

static ng_status sync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	if (fd < 0)
		return NG_ERR_IO;
	int rc = fsync(fd);
	close(fd);
	return rc ? NG_ERR_IO : NG_OK;
}

ng_status ngd_output_commit(ngd_output *o, char *err, size_t errlen)
{
	if (sync_path(o->tmp, 0)) {
		snprintf(err, errlen, "flushing %s: %s", o->tmp, strerror(errno));
		return NG_ERR_IO;
	}
	if (link(o->tmp, o->final) != 0) {
		snprintf(err, errlen, "%s%s: %s", o->final,
			 errno == EEXIST ? " appeared while the job ran, left as it is"
					 : "", strerror(errno));
		return NG_ERR_IO;
	}
	doomed_armed = 0; /* from here on the data is the final file's */
	remove_side_files(o->tmp);
	char *d = strdup(o->final);
	if (d)
		sync_path(dirname(d), 1);
	free(d);
	return NG_OK;
}

void ngd_output_discard(ngd_output *o)
{
	if (o->tmp && doomed_armed)
		remove_side_files(o->tmp);
	doomed_armed = 0;
}

void ngd_output_end(ngd_output *o)
{
	doomed_armed = 0;
	for (int i = 0; i < SIDE_FILES; i++) {
		free(doomed[i]);
		doomed[i] = NULL;
	}
	if (o->lock_fd >= 0)
		close(o->lock_fd);
	free(o->final);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	o->lock_fd = -1;
}
