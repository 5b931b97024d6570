/*
 * fault_preload.c: the VFS shim (fault_vfs.c) for a program that does not
 * know about it, such as the newsgraph command: built as
 * build/tests/fault_vfs.so and loaded with LD_PRELOAD, it registers the
 * shim as SQLite's default VFS before main and arms it from the
 * environment (a test's own variable, read only by this test library:
 * nothing in the shipped command reads it):
 *
 *   NG_TEST_FAULT_IO=write:N   the Nth write fails (read:N, sync:N alike)
 *   NG_TEST_FAULT_IO=full:B    the files may grow B bytes, then SQLITE_FULL
 *   NG_TEST_FAULT_IO=count     no fault; at exit, the counts on stderr
 *                              ("fault_vfs: reads R writes W syncs S grows G")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fault_vfs.h"

static void print_counts(void)
{
	fprintf(stderr, "fault_vfs: reads %lld writes %lld syncs %lld grows %lld\n",
		fault_vfs_count(FAULT_IO_READ), fault_vfs_count(FAULT_IO_WRITE),
		fault_vfs_count(FAULT_IO_SYNC), fault_vfs_count(FAULT_IO_FULL));
}

__attribute__((constructor)) static void fault_preload_init(void)
{
	const char *spec = getenv("NG_TEST_FAULT_IO");
	if (!spec || !*spec)
		return;
	if (fault_vfs_register()) {
		fputs("fault_vfs: cannot register the VFS shim\n", stderr);
		exit(99);
	}
	static const struct {
		const char *name;
		fault_io kind;
	} kinds[] = {{"read:", FAULT_IO_READ},
		     {"write:", FAULT_IO_WRITE},
		     {"sync:", FAULT_IO_SYNC},
		     {"full:", FAULT_IO_FULL}};
	if (!strcmp(spec, "count")) {
		fault_vfs_arm(FAULT_IO_NONE, 0);
		atexit(print_counts);
		return;
	}
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i].name);
		if (!strncmp(spec, kinds[i].name, n)) {
			fault_vfs_arm(kinds[i].kind, atoll(spec + n));
			return;
		}
	}
	fprintf(stderr, "fault_vfs: NG_TEST_FAULT_IO=%s: not read:N, write:N, "
			"sync:N, full:BYTES or count\n", spec);
	exit(99);
}
