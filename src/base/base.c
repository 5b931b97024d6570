/*
 * base.c: arena, capped buffer, diagnostics and whole-file reading shared by
 * every stage. See base.h for the contracts.
 */
#include "base.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* ---- arena ------------------------------------------------------------------ */
struct ngi_arena_chunk {
	ngi_arena_chunk *next;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
};

void ngi_arena_init(ngi_arena *a, size_t chunk_size)
{
	a->head = NULL;
	a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
	a->used_total = 0;
}

void *ngi_arena_alloc(ngi_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	ngi_arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > a->chunk_size ? n : a->chunk_size;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += n;
	a->used_total += n;
	return p;
}

void *ngi_arena_zalloc(ngi_arena *a, size_t n)
{
	void *p = ngi_arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *ngi_arena_strndup(ngi_arena *a, const char *s, size_t n)
{
	char *p = ngi_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ngi_arena_strdup(ngi_arena *a, const char *s)
{
	return s ? ngi_arena_strndup(a, s, strlen(s)) : NULL;
}

void ngi_arena_reset(ngi_arena *a)
{
	ngi_arena_chunk *keep = NULL;
	ngi_arena_chunk *c = a->head;
	while (c) {
		ngi_arena_chunk *next = c->next;
		if (!next && c->size == a->chunk_size) {
			keep = c;
		} else {
			free(c);
		}
		c = next;
	}
	if (keep)
		keep->used = 0;
	a->head = keep;
	a->used_total = 0;
}

void ngi_arena_free(ngi_arena *a)
{
	ngi_arena_chunk *c = a->head;
	while (c) {
		ngi_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->used_total = 0;
}

/* ---- buffer -------------------------------------------------------------- */
#define NGI_BUF_DEFAULT_CAP ((size_t)1 << 30)

void ngi_buf_init(ngi_buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap ? cap : NGI_BUF_DEFAULT_CAP;
}

void ngi_buf_free(ngi_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->alloc = 0;
}

void ngi_buf_clear(ngi_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

ng_status ngi_buf_reserve(ngi_buf *b, size_t extra)
{
	if (extra > b->cap || b->len > b->cap - extra)
		return NG_ERR_TOOBIG;
	size_t need = b->len + extra + 1;
	if (need <= b->alloc)
		return NG_OK;
	size_t n = b->alloc ? b->alloc : 256;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	char *p = realloc(b->data, n);
	if (!p)
		return NG_ERR_NOMEM;
	b->data = p;
	b->alloc = n;
	return NG_OK;
}

ng_status ngi_buf_append(ngi_buf *b, const void *p, size_t n)
{
	ng_status st = ngi_buf_reserve(b, n);
	if (st)
		return st;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return NG_OK;
}

ng_status ngi_buf_putc(ngi_buf *b, char c)
{
	return ngi_buf_append(b, &c, 1);
}

ng_status ngi_buf_puts(ngi_buf *b, const char *s)
{
	return ngi_buf_append(b, s, strlen(s));
}

ng_status ngi_buf_vprintf(ngi_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NG_ERR_INTERNAL;
	ng_status st = ngi_buf_reserve(b, (size_t)n);
	if (st)
		return st;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return NG_OK;
}

ng_status ngi_buf_printf(ngi_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ng_status st = ngi_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return st;
}

ng_status ngi_buf_json_strn(ngi_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	ng_status st = ngi_buf_reserve(b, n + 2);
	if (st)
		return st;
	st = ngi_buf_putc(b, '"');
	size_t run = 0; /* bytes copied verbatim in one go */
	for (size_t i = 0; i < n && !st; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c < 0x20) {
				u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
				u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = 0;
				esc = u;
			}
		}
		if (esc) {
			st = ngi_buf_append(b, s + i - run, run);
			run = 0;
			if (!st)
				st = ngi_buf_puts(b, esc);
		} else {
			run++;
		}
	}
	if (!st)
		st = ngi_buf_append(b, s + n - run, run);
	if (!st)
		st = ngi_buf_putc(b, '"');
	return st;
}

ng_status ngi_buf_json_str(ngi_buf *b, const char *s)
{
	if (!s)
		return ngi_buf_puts(b, "null");
	return ngi_buf_json_strn(b, s, strlen(s));
}

char *ngi_buf_steal(ngi_buf *b)
{
	char *p = b->data;
	if (!p)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = b->alloc = 0;
	return p;
}

/* ---- diagnostics ---------------------------------------------------------------- */
void ngi_diag_stderr(void *ctx, const ng_diag *d)
{
	(void)ctx;
	fprintf(stderr, "newsgraph: %s", d->severity == NG_DIAG_ERROR ? "error: " : "warning: ");
	if (d->file) {
		fprintf(stderr, "%s", d->file);
		if (d->record > 0)
			fprintf(stderr, ":%lld", d->record);
		if (d->offset >= 0)
			fprintf(stderr, ": offset %lld", d->offset);
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s\n", d->message);
}

void ngi_diag(ngi_diag_sink *s, ng_severity sev, const char *file,
	      long long record, long long offset, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (sev == NG_DIAG_ERROR)
		s->errors++;
	else
		s->warnings++;
	ng_diag d = {sev, file, record, offset, msg};
	if (s->fn)
		s->fn(s->ctx, &d);
	else
		ngi_diag_stderr(NULL, &d);
}

ng_status ngi_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return NG_OK;
	size_t n = *cap ? *cap : 1024;
	while (n < need) {
		if (n > SIZE_MAX / 2 / elem)
			return NG_ERR_NOMEM;
		n *= 2;
	}
	void *q = realloc(*p, n * elem);
	if (!q)
		return NG_ERR_NOMEM;
	*p = q;
	*cap = n;
	return NG_OK;
}

size_t ngi_intersect_u32(const uint32_t *a, size_t na, const uint32_t *b,
			 size_t nb)
{
	size_t i = 0, j = 0, both = 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else
			both++, i++, j++;
	}
	return both;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ngi_free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

ng_status ngi_list_dir(const char *dir, char ***out, size_t *n_out,
		       const char **what)
{
	*out = NULL;
	*n_out = 0;
	DIR *d = opendir(dir);
	if (!d) {
		if (what)
			*what = "cannot open directory";
		return NG_ERR_IO;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	ng_status st = NG_OK;
	int saved = 0;
	for (;;) {
		errno = 0;
		struct dirent *e = readdir(d);
		if (!e) {
			if (errno) {
				saved = errno;
				st = NG_ERR_IO;
				if (what)
					*what = "cannot read directory";
			}
			break;
		}
		if (e->d_name[0] == '.')
			continue;
		if (ngi_grow((void **)&names, &cap, n + 1, sizeof *names) ||
		    !(names[n] = strdup(e->d_name))) {
			st = NG_ERR_NOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (st == NG_ERR_NOMEM) {
		ngi_free_names(names, n);
		return st;
	}
	if (n)
		qsort(names, n, sizeof *names, compare_names);
	*out = names;
	*n_out = n;
	errno = saved;
	return st;
}

/* ---- files ------------------------------------------------------------------ */
ng_status ngi_read_file(const char *path, size_t cap, ngi_buf *out,
			ngi_diag_sink *diag)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		ngi_diag(diag, NG_DIAG_ERROR, path, 0, -1, "cannot open: %s",
			 strerror(errno));
		return NG_ERR_IO;
	}
	ngi_buf_init(out, cap);
	ng_status st = NG_OK;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		st = ngi_buf_append(out, chunk, n);
		if (st) {
			ngi_diag(diag, NG_DIAG_ERROR, path, 0, (long long)out->len,
				 st == NG_ERR_TOOBIG ? "file larger than the %zu-byte cap"
						     : "out of memory reading file (%zu-byte cap)",
				 cap);
			break;
		}
	}
	if (!st && ferror(f)) {
		ngi_diag(diag, NG_DIAG_ERROR, path, 0, (long long)out->len,
			 "read error: %s", strerror(errno));
		st = NG_ERR_IO;
	}
	if (!is_stdin)
		fclose(f);
	if (!st && !out->data)
		st = ngi_buf_reserve(out, 0); /* empty file: still a valid "" */
	if (!st)
		out->data[out->len] = '\0';
	else
		ngi_buf_free(out);
	return st;
}

ng_status ngi_once_build(ngi_once *o, ng_status (*build)(void))
{
	ng_status st = NG_OK;
	pthread_mutex_lock(&o->lock);
	if (!o->done) {
		st = build();
		if (!st)
			__atomic_store_n(&o->done, 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&o->lock);
	return st;
}

uint64_t ngi_hash(const void *p, size_t n, uint64_t seed)
{
	return XXH3_64bits_withSeed(p, n, seed);
}

size_t ngi_lower_bound_u64(const uint64_t *a, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int ngi_scratch_file(const char *stem, char *path, size_t len, char *err,
		     size_t errlen)
{
	const char *dir = getenv("TMPDIR");
	int n = snprintf(path, len, "%s/%s.XXXXXX", dir && *dir ? dir : "/tmp",
			 stem);
	int fd = -1;
	if (n < 0 || (size_t)n >= len)
		errno = ENAMETOOLONG;
	else
		fd = mkstemp(path);
	if (fd < 0)
		snprintf(err, errlen, "creating %s: %s", path, strerror(errno));
	return fd;
}
