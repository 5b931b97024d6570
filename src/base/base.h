/*
 * base.h: the small toolkit every stage of newsgraph shares.
 *
 * An arena for per-document scratch memory, a growable byte buffer with a
 * hard cap (input-fed buffers must fail cleanly, never eat all memory), and
 * the diagnostics sink that turns bad input into a message naming the file,
 * record and byte offset. Internal: nothing here is exported from the shared
 * library (the NGX_API macro hides cross-file names).
 *
 * Ownership: an arena owns everything allocated from it until reset or free.
 * A buffer owns its bytes until ngx_buf_free.
 */
#ifndef NG_BASE_H
#define NG_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"

#if defined(__GNUC__)
#define NGX_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NGX_PRINTF(f, a)
#endif

#define NGX_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- arena --------------------------------------------------------------
 * Bump allocator in chunks. ngx_arena_alloc returns NULL on out-of-memory
 * (never aborts). Memory is 16-byte aligned and not zeroed unless _zalloc.
 */
typedef struct ngx_arena_chunk ngx_arena_chunk;
typedef struct ngx_arena {
	ngx_arena_chunk *head;
	size_t chunk_size;
	size_t used_total;
} ngx_arena;

void ngx_arena_init(ngx_arena *a, size_t chunk_size);
void *ngx_arena_alloc(ngx_arena *a, size_t n);
void *ngx_arena_zalloc(ngx_arena *a, size_t n);
char *ngx_arena_strndup(ngx_arena *a, const char *s, size_t n);
char *ngx_arena_strdup(ngx_arena *a, const char *s);
/* Frees all chunks but the first, keeps the first for reuse. */
void ngx_arena_reset(ngx_arena *a);
void ngx_arena_free(ngx_arena *a);

/* ---- growable buffer with a cap ------------------------------------------
 * data is always NUL-terminated (when non-NULL) so it can be used as a C
 * string. Appends past cap fail with NG_ERR_TOOBIG and leave the buffer as
 * it was. cap == 0 means the default cap (1 GiB).
 */
typedef struct ngx_buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap;
} ngx_buf;

void ngx_buf_init(ngx_buf *b, size_t cap);
void ngx_buf_free(ngx_buf *b);
void ngx_buf_clear(ngx_buf *b);
ng_status ngx_buf_reserve(ngx_buf *b, size_t extra);
ng_status ngx_buf_append(ngx_buf *b, const void *p, size_t n);
ng_status ngx_buf_putc(ngx_buf *b, char c);
ng_status ngx_buf_puts(ngx_buf *b, const char *s);

/* Writes code point cp (at most 0x10FFFF, not checked) as UTF-8 into out
 * and returns its length, 1 to 4 bytes. */
size_t ngx_utf8_encode(uint32_t cp, char out[4]);
ng_status ngx_buf_printf(ngx_buf *b, const char *fmt, ...) NGX_PRINTF(2, 3);
ng_status ngx_buf_vprintf(ngx_buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal (quotes included); NULL gives null. */
ng_status ngx_buf_json_str(ngx_buf *b, const char *s);
ng_status ngx_buf_json_strn(ngx_buf *b, const char *s, size_t n);
/* Hands the bytes to the caller (who frees them with free) and resets. */
char *ngx_buf_steal(ngx_buf *b);

/* ---- diagnostics -----------------------------------------------------------
 * A sink wraps the user's callback and counts what went through it.
 * record is 1-based (0 = not applicable), offset a byte offset (-1 = n/a).
 */
typedef struct ngx_diag_sink {
	ng_diag_fn fn;
	void *ctx;
	long long warnings;
	long long errors;
} ngx_diag_sink;

void ngx_diag(ngx_diag_sink *s, ng_severity sev, const char *file,
	      long long record, long long offset, const char *fmt, ...)
	NGX_PRINTF(6, 7);

/* Default callback: "newsgraph: file:record: offset N: message" on stderr. */
void ngx_diag_stderr(void *ctx, const ng_diag *d);

/* ---- small helpers ---------------------------------------------------------*/
/* Grows the array *p of elem-byte items so it holds at least need items,
 * doubling from 1024; *cap is its size in items. NG_ERR_NOMEM leaves *p and
 * *cap as they were. */
ng_status ngx_grow(void **p, size_t *cap, size_t need, size_t elem);

/* The visible entries of directory dir (names not starting with '.'), in
 * byte order, each malloc'd (free with ngx_free_names). NG_ERR_IO when dir
 * cannot be opened or read: *what then says which ("cannot open
 * directory", "cannot read directory"), errno why, and a read error still
 * returns the names read before it. NG_ERR_NOMEM returns nothing. */
ng_status ngx_list_dir(const char *dir, char ***out, size_t *n_out,
		       const char **what);
void ngx_free_names(char **names, size_t n);

/* The first index of the sorted array a[0..n) whose value is >= key (n
 * when none). */
size_t ngx_lower_bound_u64(const uint64_t *a, size_t n, uint64_t key);
/* Number of values two sorted arrays of unique values have in common. */
size_t ngx_intersect_u32(const uint32_t *a, size_t na, const uint32_t *b,
			 size_t nb);

/* Reads a whole file (or "-" for stdin) into a NUL-terminated buffer, capped
 * at cap bytes. On failure writes a diagnostic and returns a status. */
ng_status ngx_read_file(const char *path, size_t cap, ngx_buf *out,
			ngx_diag_sink *diag);

#endif
