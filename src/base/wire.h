/*
 * wire.h: values into a byte buffer and back, for messages between the
 * processes of one distributed ingest (src/dist/, docs/SCALE.md).
 *
 * Writers append fixed-width integers, doubles and length-prefixed byte
 * runs to an ngi_buf; the reader takes them back in the same order,
 * checking every length against what is left: a short or damaged message
 * sets the reader's bad flag and yields zeros and NULLs, never a read past
 * the end. Values travel in the machine's own byte order: the processes of
 * one job run the same build on machines of one architecture (docs/SCALE.md,
 * "Assumptions").
 */
#ifndef NG_BASE_WIRE_H
#define NG_BASE_WIRE_H

#include "base.h"

ng_status ngi_wire_u8(ngi_buf *b, uint8_t v);
ng_status ngi_wire_u32(ngi_buf *b, uint32_t v);
ng_status ngi_wire_u64(ngi_buf *b, uint64_t v);
ng_status ngi_wire_i64(ngi_buf *b, int64_t v);
ng_status ngi_wire_f64(ngi_buf *b, double v);
/* n, then n bytes. */
ng_status ngi_wire_bytes(ngi_buf *b, const void *p, size_t n);
/* A C string or NULL (told apart from ""). */
ng_status ngi_wire_str(ngi_buf *b, const char *s);

typedef struct ngi_wire_in {
	const unsigned char *p, *end;
	int bad; /* a read went past the end: the message is damaged */
} ngi_wire_in;

void ngi_wire_in_init(ngi_wire_in *in, const void *p, size_t len);
uint8_t ngi_wire_get_u8(ngi_wire_in *in);
uint32_t ngi_wire_get_u32(ngi_wire_in *in);
uint64_t ngi_wire_get_u64(ngi_wire_in *in);
int64_t ngi_wire_get_i64(ngi_wire_in *in);
double ngi_wire_get_f64(ngi_wire_in *in);
/* The next byte run, pointing into the message (*n its length); NULL for
 * an empty one or on a damaged message. */
const void *ngi_wire_get_bytes(ngi_wire_in *in, size_t *n);
/* The next byte run copied into a as n elements of size each (a damaged
 * message: n is not a whole number of elements, or larger than max); NULL
 * for none. *oom is set when a fails. */
void *ngi_wire_get_array(ngi_wire_in *in, ngi_arena *a, size_t size,
			 size_t max, size_t *n, int *oom);
/* The next string copied into a; NULL when it was NULL. */
const char *ngi_wire_get_str(ngi_wire_in *in, ngi_arena *a, int *oom);

#endif
