/*
 * fault_vfs.h: the I/O seam of the fault walks: an SQLite VFS that wraps
 * the default one (sqlite3_vfs_find(NULL)) and, once registered as the
 * default, sees every file SQLite opens for the library (database, WAL,
 * journals). It counts the files' reads, writes and syncs and can fail the
 * Nth of one kind (SQLITE_IOERR_READ, _WRITE, _FSYNC), or play a full
 * disk: a write that would make the files grow past a byte budget fails
 * with SQLITE_FULL, and so does every growing write after it. The
 * memory-mapped reads (xFetch) are not offered, so every read is an
 * xRead. The shared-memory index (-shm) is passed through unchanged.
 */
#ifndef NG_TESTS_FAULT_VFS_H
#define NG_TESTS_FAULT_VFS_H

typedef enum fault_io {
	FAULT_IO_NONE = 0,
	FAULT_IO_READ,
	FAULT_IO_WRITE,
	FAULT_IO_SYNC,
	FAULT_IO_FULL /* n: the budget in bytes of growth */
} fault_io;

/* Registers the shim as SQLite's default VFS ("faultvfs"); idempotent.
 * Returns 0, or an SQLite error code. */
int fault_vfs_register(void);
/* Resets the counts; the nth operation of kind from now fails (n >= 1),
 * or for FAULT_IO_FULL the files may grow n bytes in all. */
void fault_vfs_arm(fault_io kind, long long n);
/* Stops failing; the counts stay readable. */
void fault_vfs_disarm(void);
/* The operations of each kind since the arm, and the bytes the files
 * grew; whether a fault was given. */
long long fault_vfs_count(fault_io kind);
int fault_vfs_hit(void);
/* The bytes grown before the kth growing write since the arm (k >= 1,
 * while k <= fault_vfs_count(FAULT_IO_FULL)), to place a full disk just
 * before it; -1 past the ones recorded. */
long long fault_vfs_growth_before(long long k);

#endif
