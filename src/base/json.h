/*
 * json.h: a small strict JSON parser (RFC 8259) into an arena-allocated tree.
 *
 * Used for JSON Lines input and for gold files in eval. Strings are decoded
 * (escapes, surrogate pairs) to UTF-8 and NUL-terminated; a string holding
 * U+0000 keeps its full length in len. Nesting is capped (NGI_JSON_MAX_DEPTH)
 * so hostile input fails cleanly. On error, *err_offset is the byte offset of
 * the problem and *err_msg a static message.
 *
 * Ownership: every node and string belongs to the arena passed in.
 */
#ifndef NG_JSON_H
#define NG_JSON_H

#include "base.h"

#define NGI_JSON_MAX_DEPTH 256

typedef enum ngi_json_type {
	NGI_JSON_NULL,
	NGI_JSON_FALSE,
	NGI_JSON_TRUE,
	NGI_JSON_NUMBER,
	NGI_JSON_STRING,
	NGI_JSON_ARRAY,
	NGI_JSON_OBJECT
} ngi_json_type;

typedef struct ngi_json ngi_json;
struct ngi_json {
	ngi_json_type type;
	double number;        /* NGI_JSON_NUMBER */
	const char *str;      /* NGI_JSON_STRING: decoded UTF-8 */
	size_t len;           /* string length in bytes; array/object: count */
	const char *key;      /* member name when inside an object, else NULL */
	ngi_json *child;      /* first element or member (array/object) */
	ngi_json *next;       /* next sibling */
};

/* Parses exactly one JSON value (surrounding whitespace allowed). */
ng_status ngi_json_parse(const char *s, size_t len, ngi_arena *a,
			 ngi_json **out, size_t *err_offset,
			 const char **err_msg);

/* Member of an object by name (first match), or NULL. */
const ngi_json *ngi_json_get(const ngi_json *obj, const char *key);
/* The member's string, or NULL when absent or not a string. */
const char *ngi_json_get_str(const ngi_json *obj, const char *key);

#endif
