/*
 * wire.c: values into a byte buffer and back (wire.h), bounds-checked on
 * the way back.
 */
#include "wire.h"

#include <string.h>

ng_status ngi_wire_u8(ngi_buf *b, uint8_t v)
{
	return ngi_buf_append(b, &v, 1);
}

ng_status ngi_wire_u32(ngi_buf *b, uint32_t v)
{
	return ngi_buf_append(b, &v, sizeof v);
}

ng_status ngi_wire_u64(ngi_buf *b, uint64_t v)
{
	return ngi_buf_append(b, &v, sizeof v);
}

ng_status ngi_wire_i64(ngi_buf *b, int64_t v)
{
	return ngi_buf_append(b, &v, sizeof v);
}

ng_status ngi_wire_f64(ngi_buf *b, double v)
{
	return ngi_buf_append(b, &v, sizeof v);
}

ng_status ngi_wire_bytes(ngi_buf *b, const void *p, size_t n)
{
	ng_status st = ngi_wire_u64(b, (uint64_t)n);
	return st || !n ? st : ngi_buf_append(b, p, n);
}

/* NULL is a length of all ones, "" a length of 0. */
ng_status ngi_wire_str(ngi_buf *b, const char *s)
{
	if (!s)
		return ngi_wire_u64(b, UINT64_MAX);
	return ngi_wire_bytes(b, s, strlen(s));
}

void ngi_wire_in_init(ngi_wire_in *in, const void *p, size_t len)
{
	in->p = p;
	in->end = in->p + len;
	in->bad = 0;
}

/* Copies n bytes out, or zeros and the bad flag when fewer are left. */
static void take(ngi_wire_in *in, void *out, size_t n)
{
	if (in->bad || (size_t)(in->end - in->p) < n) {
		in->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, in->p, n);
	in->p += n;
}

uint8_t ngi_wire_get_u8(ngi_wire_in *in)
{
	uint8_t v;
	take(in, &v, sizeof v);
	return v;
}

uint32_t ngi_wire_get_u32(ngi_wire_in *in)
{
	uint32_t v;
	take(in, &v, sizeof v);
	return v;
}

uint64_t ngi_wire_get_u64(ngi_wire_in *in)
{
	uint64_t v;
	take(in, &v, sizeof v);
	return v;
}

int64_t ngi_wire_get_i64(ngi_wire_in *in)
{
	int64_t v;
	take(in, &v, sizeof v);
	return v;
}

double ngi_wire_get_f64(ngi_wire_in *in)
{
	double v;
	take(in, &v, sizeof v);
	return v;
}

const void *ngi_wire_get_bytes(ngi_wire_in *in, size_t *n)
{
	uint64_t len = ngi_wire_get_u64(in);
	*n = 0;
	if (in->bad || len == 0)
		return NULL;
	if (len > (uint64_t)(in->end - in->p)) {
		in->bad = 1;
		return NULL;
	}
	const void *p = in->p;
	in->p += len;
	*n = (size_t)len;
	return p;
}

void *ngi_wire_get_array(ngi_wire_in *in, ngi_arena *a, size_t size,
			 size_t max, size_t *n, int *oom)
{
	size_t len;
	const void *p = ngi_wire_get_bytes(in, &len);
	*n = 0;
	if (!p)
		return NULL;
	if (len % size || len / size > max) {
		in->bad = 1;
		return NULL;
	}
	void *out = ngi_arena_alloc(a, len);
	if (!out) {
		*oom = 1;
		return NULL;
	}
	memcpy(out, p, len);
	*n = len / size;
	return out;
}

const char *ngi_wire_get_str(ngi_wire_in *in, ngi_arena *a, int *oom)
{
	uint64_t len = ngi_wire_get_u64(in);
	if (in->bad || len == UINT64_MAX)
		return NULL;
	if (len > (uint64_t)(in->end - in->p)) {
		in->bad = 1;
		return NULL;
	}
	char *s = ngi_arena_strndup(a, (const char *)in->p, (size_t)len);
	in->p += len;
	if (!s)
		*oom = 1;
	return s;
}
