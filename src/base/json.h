/*
 * json.h: a small strict JSON parser (RFC 8259) into an arena-allocated tree.
 *
 * Used for JSON Lines input and for gold files in eval. Strings are decoded
 * (escapes, surrogate pairs) to UTF-8 and NUL-terminated; a string holding
 * U+0000 keeps its full length in len. Nesting is capped (NGX_JSON_MAX_DEPTH)
 * so hostile input fails cleanly. On error, *err_offset is the byte offset of
 * the problem and *err_msg a static message.
 *
 * Ownership: every node and string belongs to the arena passed in.
 */
#ifndef NG_JSON_H
#define NG_JSON_H

#include "base.h"

#define NGX_JSON_MAX_DEPTH 256

typedef enum ngx_json_type {
	NGX_JSON_NULL,
	NGX_JSON_FALSE,
	NGX_JSON_TRUE,
	NGX_JSON_NUMBER,
	NGX_JSON_STRING,
	NGX_JSON_ARRAY,
	NGX_JSON_OBJECT
} ngx_json_type;

typedef struct ngx_json ngx_json;
struct ngx_json {
	ngx_json_type type;
	double number;        /* NGX_JSON_NUMBER */
	const char *str;      /* NGX_JSON_STRING: decoded UTF-8 */
	size_t len;           /* string length in bytes; array/object: count */
	const char *key;      /* member name when inside an object, else NULL */
	ngx_json *child;      /* first element or member (array/object) */
	ngx_json *next;       /* next sibling */
};

/* Parses exactly one JSON value (surrounding whitespace allowed). */
ng_status ngx_json_parse(const char *s, size_t len, ngx_arena *a,
			 ngx_json **out, size_t *err_offset,
			 const char **err_msg);

/* Member of an object by name (first match), or NULL. */
const ngx_json *ngx_json_get(const ngx_json *obj, const char *key);
/* The member's string, or NULL when absent or not a string. */
const char *ngx_json_get_str(const ngx_json *obj, const char *key);

#endif
