/*
 * fault_vfs.c: the VFS shim of fault_vfs.h, over SQLite's documented
 * sqlite3_vfs and sqlite3_io_methods interfaces. Each file the shim opens
 * is the real VFS's file placed right after the shim's own header (the
 * VFS's szOsFile covers both); every method forwards to it, the counted
 * ones after deciding whether to fail.
 */
#include "fault_vfs.h"

#include <sqlite3.h>
#include <string.h>

typedef struct shim_file {
	sqlite3_file base;
	sqlite3_file *real;
} shim_file;

enum { MAX_GROWS = 1 << 16 };

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static fault_io fault_kind;
static long long fault_n;
static long long counts[FAULT_IO_FULL + 1]; /* FULL: growing writes */
static long long grown;
static long long grown_before[MAX_GROWS];
static int fault_hit;

#define REAL(f) (((shim_file *)(f))->real)

/* Counts one operation of kind; nonzero when it is to fail. */
static int fails(fault_io kind)
{
	long long k = ++counts[kind];
	if (fault_kind != kind || k != fault_n)
		return 0;
	fault_hit = 1;
	return 1;
}

static int shim_close(sqlite3_file *f)
{
	sqlite3_file *r = REAL(f);
	int rc = r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
	return rc;
}

static int shim_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	if (fails(FAULT_IO_READ))
		return SQLITE_IOERR_READ;
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int shim_write(sqlite3_file *f, const void *buf, int n,
		      sqlite3_int64 off)
{
	if (fails(FAULT_IO_WRITE))
		return SQLITE_IOERR_WRITE;
	sqlite3_int64 size = 0;
	int rc = REAL(f)->pMethods->xFileSize(REAL(f), &size);
	if (rc != SQLITE_OK)
		return rc;
	if (off + n > size) {
		long long growth = off + n - size;
		long long k = ++counts[FAULT_IO_FULL];
		if (k <= MAX_GROWS)
			grown_before[k - 1] = grown;
		if (fault_kind == FAULT_IO_FULL && grown + growth > fault_n) {
			fault_hit = 1;
			return SQLITE_FULL;
		}
		grown += growth;
	}
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int shim_sync(sqlite3_file *f, int flags)
{
	if (fails(FAULT_IO_SYNC))
		return SQLITE_IOERR_FSYNC;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int shim_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int shim_lock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int shim_unlock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int shim_check_reserved_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int shim_file_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int shim_sector_size(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int shim_device_characteristics(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int shim_shm_map(sqlite3_file *f, int page, int size, int extend,
			void volatile **out)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), page, size, extend, out);
}

static int shim_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void shim_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int shim_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), delete_flag);
}

/* Version 1 for files whose real methods have no shared memory, 2 for
 * the rest: version 3's xFetch is left out on purpose (see the header). */
static const sqlite3_io_methods shim_methods_v1 = {
	1, shim_close, shim_read, shim_write, shim_truncate, shim_sync,
	shim_file_size, shim_lock, shim_unlock, shim_check_reserved_lock,
	shim_file_control, shim_sector_size, shim_device_characteristics,
	NULL, NULL, NULL, NULL, NULL, NULL};
static const sqlite3_io_methods shim_methods_v2 = {
	2, shim_close, shim_read, shim_write, shim_truncate, shim_sync,
	shim_file_size, shim_lock, shim_unlock, shim_check_reserved_lock,
	shim_file_control, shim_sector_size, shim_device_characteristics,
	shim_shm_map, shim_shm_lock, shim_shm_barrier, shim_shm_unmap,
	NULL, NULL};

static int shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f,
		     int flags, int *out_flags)
{
	shim_file *p = (shim_file *)f;
	p->real = (sqlite3_file *)(p + 1);
	memset(p->real, 0, (size_t)real_vfs->szOsFile);
	int rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out_flags);
	if (!p->real->pMethods)
		p->base.pMethods = NULL;
	else
		p->base.pMethods = p->real->pMethods->iVersion >= 2 &&
					   p->real->pMethods->xShmMap
				   ? &shim_methods_v2
				   : &shim_methods_v1;
	return rc;
}

static int shim_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int shim_access(sqlite3_vfs *vfs, const char *name, int flags,
		       int *out)
{
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int shim_full_pathname(sqlite3_vfs *vfs, const char *name, int n,
			      char *out)
{
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *shim_dl_open(sqlite3_vfs *vfs, const char *name)
{
	return real_vfs->xDlOpen(real_vfs, name);
}

static void shim_dl_error(sqlite3_vfs *vfs, int n, char *msg)
{
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*shim_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void shim_dl_close(sqlite3_vfs *vfs, void *h)
{
	real_vfs->xDlClose(real_vfs, h);
}

static int shim_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int shim_sleep(sqlite3_vfs *vfs, int us)
{
	return real_vfs->xSleep(real_vfs, us);
}

static int shim_current_time(sqlite3_vfs *vfs, double *out)
{
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int shim_get_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
	return real_vfs->xGetLastError(real_vfs, n, msg);
}

static int shim_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

int fault_vfs_register(void)
{
	if (real_vfs)
		return SQLITE_OK;
	sqlite3_vfs *r = sqlite3_vfs_find(NULL);
	if (!r)
		return SQLITE_ERROR;
	shim_vfs = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(shim_file) + r->szOsFile,
		.mxPathname = r->mxPathname,
		.zName = "faultvfs",
		.xOpen = shim_open,
		.xDelete = shim_delete,
		.xAccess = shim_access,
		.xFullPathname = shim_full_pathname,
		.xDlOpen = shim_dl_open,
		.xDlError = shim_dl_error,
		.xDlSym = shim_dl_sym,
		.xDlClose = shim_dl_close,
		.xRandomness = shim_randomness,
		.xSleep = shim_sleep,
		.xCurrentTime = shim_current_time,
		.xGetLastError = shim_get_last_error,
		.xCurrentTimeInt64 = shim_current_time_int64,
	};
	real_vfs = r;
	int rc = sqlite3_vfs_register(&shim_vfs, 1);
	if (rc != SQLITE_OK)
		real_vfs = NULL;
	return rc;
}

void fault_vfs_arm(fault_io kind, long long n)
{
	memset(counts, 0, sizeof counts);
	grown = 0;
	fault_hit = 0;
	fault_n = n;
	fault_kind = kind;
}

void fault_vfs_disarm(void)
{
	fault_kind = FAULT_IO_NONE;
}

long long fault_vfs_count(fault_io kind)
{
	return kind == FAULT_IO_NONE ? 0 : counts[kind];
}

int fault_vfs_hit(void)
{
	return fault_hit;
}

long long fault_vfs_growth_before(long long k)
{
	return k >= 1 && k <= counts[FAULT_IO_FULL] && k <= MAX_GROWS
		       ? grown_before[k - 1]
		       : -1;
}
