/*
 * base.h: the small toolkit every stage of newsgraph shares.
 *
 * An arena for per-document scratch memory, a growable byte buffer with a
 * hard cap (input-fed buffers must fail cleanly, never eat all memory), and
 * the diagnostics sink that turns bad input into a message naming the file,
 * record and byte offset. Internal: nothing here is exported from the shared
 * library (the NGI_API macro hides cross-file names).
 *
 * Ownership: an arena owns everything allocated from it until reset or free.
 * A buffer owns its bytes until ngi_buf_free.
 */
#ifndef NG_BASE_H
#define NG_BASE_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"

#if defined(__GNUC__)
#define NGI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NGI_PRINTF(f, a)
#endif

#define NGI_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- arena --------------------------------------------------------------
 * Bump allocator in chunks. ngi_arena_alloc returns NULL on out-of-memory
 * (never aborts). Memory is 16-byte aligned and not zeroed unless _zalloc.
 */
typedef struct ngi_arena_chunk ngi_arena_chunk;
typedef struct ngi_arena {
	ngi_arena_chunk *head;
	size_t chunk_size;
	size_t used_total;
} ngi_arena;

void ngi_arena_init(ngi_arena *a, size_t chunk_size);
void *ngi_arena_alloc(ngi_arena *a, size_t n);
void *ngi_arena_zalloc(ngi_arena *a, size_t n);
char *ngi_arena_strndup(ngi_arena *a, const char *s, size_t n);
char *ngi_arena_strdup(ngi_arena *a, const char *s);
/* Frees all chunks but the first, keeps the first for reuse. */
void ngi_arena_reset(ngi_arena *a);
void ngi_arena_free(ngi_arena *a);

/* ---- growable buffer with a cap ------------------------------------------
 * data is always NUL-terminated (when non-NULL) so it can be used as a C
 * string. Appends past cap fail with NG_ERR_TOOBIG and leave the buffer as
 * it was. cap == 0 means the default cap (1 GiB).
 */
typedef struct ngi_buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap;
} ngi_buf;

void ngi_buf_init(ngi_buf *b, size_t cap);
void ngi_buf_free(ngi_buf *b);
void ngi_buf_clear(ngi_buf *b);
ng_status ngi_buf_reserve(ngi_buf *b, size_t extra);
ng_status ngi_buf_append(ngi_buf *b, const void *p, size_t n);
ng_status ngi_buf_putc(ngi_buf *b, char c);
ng_status ngi_buf_puts(ngi_buf *b, const char *s);

ng_status ngi_buf_printf(ngi_buf *b, const char *fmt, ...) NGI_PRINTF(2, 3);
ng_status ngi_buf_vprintf(ngi_buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal (quotes included); NULL gives null. */
ng_status ngi_buf_json_str(ngi_buf *b, const char *s);
ng_status ngi_buf_json_strn(ngi_buf *b, const char *s, size_t n);
/* Hands the bytes to the caller (who frees them with free) and resets. */
char *ngi_buf_steal(ngi_buf *b);

/* ---- diagnostics -----------------------------------------------------------
 * A sink wraps the user's callback and counts what went through it.
 * record is 1-based (0 = not applicable), offset a byte offset (-1 = n/a).
 */
typedef struct ngi_diag_sink {
	ng_diag_fn fn;
	void *ctx;
	long long warnings;
	long long errors;
} ngi_diag_sink;

void ngi_diag(ngi_diag_sink *s, ng_severity sev, const char *file,
	      long long record, long long offset, const char *fmt, ...)
	NGI_PRINTF(6, 7);

/* Default callback: "newsgraph: file:record: offset N: message" on stderr. */
void ngi_diag_stderr(void *ctx, const ng_diag *d);

/* ---- small helpers ---------------------------------------------------------*/
/* Grows the array *p of elem-byte items so it holds at least need items,
 * doubling from 1024; *cap is its size in items. NG_ERR_NOMEM leaves *p and
 * *cap as they were. */
ng_status ngi_grow(void **p, size_t *cap, size_t need, size_t elem);

/* The visible entries of directory dir (names not starting with '.'), in
 * byte order, each malloc'd (free with ngi_free_names). NG_ERR_IO when dir
 * cannot be opened or read: *what then says which ("cannot open
 * directory", "cannot read directory"), errno why, and a read error still
 * returns the names read before it. NG_ERR_NOMEM returns nothing. */
ng_status ngi_list_dir(const char *dir, char ***out, size_t *n_out,
		       const char **what);
void ngi_free_names(char **names, size_t n);

/* A table shared by the whole process, built on first use (the places of
 * the gazetteer, the stopword set). Unlike pthread_once, a build that fails
 * (out of memory) is not remembered: its status goes to the caller that
 * asked, and the next caller tries again. A build runs under the lock, so
 * it runs once at a time, and at most once successfully. */
typedef struct ngi_once {
	pthread_mutex_t lock;
	int done; /* set, with release order, once build succeeded */
} ngi_once;
#define NGI_ONCE_INIT {PTHREAD_MUTEX_INITIALIZER, 0}

/* NG_OK when the table is built (now or before); else build's status.
 * The check of a table already built is inline: the lookups that start
 * with it (a stopword, a cue word) run millions of times an ingest. */
ng_status ngi_once_build(ngi_once *o, ng_status (*build)(void));
static inline ng_status ngi_once_run(ngi_once *o, ng_status (*build)(void))
{
	if (__atomic_load_n(&o->done, __ATOMIC_ACQUIRE))
		return NG_OK;
	return ngi_once_build(o, build);
}

/* Test seam: a test program that defines ngi_test_fault makes the named
 * site fail (as it would when memory runs out) whenever it returns
 * non-zero. The library holds only a weak reference, so in every other
 * program the function is absent and ngi_fault is 0. Sites: "places" (the
 * gazetteer's place table), "stopwords", "cld2" (1: std::bad_alloc, 2:
 * another exception, thrown inside the CLD2 call's guard). */
int ngi_test_fault(const char *site)
	__attribute__((weak, visibility("hidden")));
static inline int ngi_fault(const char *site)
{
	return ngi_test_fault ? ngi_test_fault(site) : 0;
}

/* The one hash of in-memory tables: map keys, memo and cache slots, lookup
 * indexes (XXH3-64 of n bytes with a seed; the length counts, so no caller
 * mixes it in). Only equality and slot choice depend on it: nothing stored
 * and no sketch does. Stored hashes and sketch hashes (content hash,
 * MinHash, term hashes, anchors, the pivot keys) keep their own
 * definitions, since changing them changes what is stored or linked. */
uint64_t ngi_hash(const void *p, size_t n, uint64_t seed);

/* The first index of the sorted array a[0..n) whose value is >= key (n
 * when none). */
size_t ngi_lower_bound_u64(const uint64_t *a, size_t n, uint64_t key);
/* Number of values two sorted arrays of unique values have in common. */
size_t ngi_intersect_u32(const uint32_t *a, size_t na, const uint32_t *b,
			 size_t nb);

/* Reads a whole file (or "-" for stdin) into a NUL-terminated buffer, capped
 * at cap bytes. On failure writes a diagnostic and returns a status. */
ng_status ngi_read_file(const char *path, size_t cap, ngi_buf *out,
			ngi_diag_sink *diag);

/* A new file of this process's own in TMPDIR (else /tmp), named
 * "STEM.XXXXXX" with the X made unique (mkstemp): its descriptor, its name
 * in path (len bytes); -1 when it cannot be made, with err saying which
 * path and why. */
int ngi_scratch_file(const char *stem, char *path, size_t len, char *err,
		     size_t errlen);

#endif
