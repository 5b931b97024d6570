/*
 * dist.h: the distributed ingest, as the command sees it (docs/SCALE.md).
 *
 * `mpirun -np N newsgraph ingest PATH... --db OUT.db` starts N processes
 * (ranks) that each call ngd_ingest with the same arguments: they read
 * disjoint pieces of the input, analyse what they read, and rank 0 links
 * and stores everything in input order into a temporary file that becomes
 * OUT.db only when the whole job has succeeded. The result is the one a
 * single process gives for the same input (its export byte for byte).
 *
 * Built only when Open MPI is found (the Makefile); without it, ngd_ingest
 * says so. Outside the library: src/dist/ is a client of the engine's
 * seams (src/engine/engine.h), linked into the command.
 */
#ifndef NG_DIST_H
#define NG_DIST_H

#include "newsgraph.h"

/* Whether this process was started by mpirun (Open MPI's environment), in
 * a job of more than one process or not. */
int ngd_started_by_mpirun(void);

/* Whether this build has the distributed ingest. */
int ngd_available(void);

/* The distributed ingest of paths into c->db_path (which must not exist
 * yet); c's diagnostics callback gets every diagnostic of every rank, on
 * rank 0, in input order. Every rank returns the job's status (the
 * command's other ranks exit 0 for NG_ERR_INPUT, so that mpirun does not
 * end rank 0 before its summary: src/cli/main.c); *writer is
 * set on rank 0, the one whose stats and messages count (the others print
 * nothing). Initialises and finalises MPI itself. */
ng_status ngd_ingest(const ng_config *c, char *const *paths, int n_paths,
		     ng_ingest_stats *stats, int *writer);

#endif
