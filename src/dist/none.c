/*
 * none.c: the distributed ingest in a build without Open MPI (dist.h).
 *
 * The command still knows when mpirun started it, so that N copies of a
 * single-process ingest do not race for one database: it says how to get
 * the distributed ingest instead (docs/SCALE.md).
 */
#include <stdio.h>
#include <stdlib.h>

#include "dist.h"

int ngd_available(void)
{
	return 0;
}

int ngd_started_by_mpirun(void)
{
	return getenv("OMPI_COMM_WORLD_SIZE") != NULL || getenv("PMIX_RANK") != NULL;
}

ng_status ngd_ingest(const ng_config *c, char *const *paths, int n_paths,
		     ng_ingest_stats *stats, int *writer)
{
	const char *rank = getenv("OMPI_COMM_WORLD_RANK");
	*writer = !rank || !rank[0] || (rank[0] == '0' && !rank[1]);
	if (*writer)
		fprintf(stderr, "newsgraph: this newsgraph was built without Open MPI, "
				"so it cannot take part in an mpirun job: run "
				"'make deps' (libopenmpi-dev, openmpi-bin) and 'make' "
				"again, or run the ingest as one process\n");
	return NG_ERR_USAGE;
}
