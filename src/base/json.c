/*
 * json.c: a strict RFC 8259 parser into an arena tree (see json.h).
 *
 * The JSON Lines reader parses every input line with it and eval parses its
 * gold files, so it sits at the very front of the pipeline and must treat
 * its input as hostile: nesting is capped at NGI_JSON_MAX_DEPTH, every
 * error names a byte offset, and nothing is read past len (the input need
 * not be NUL-terminated).
 *
 * What "strict" means here: one value, surrounded only by the four JSON
 * whitespace bytes; no comments, trailing commas, single quotes, leading
 * zeros, leading '+', NaN or Infinity; raw control characters in strings are
 * errors. Escapes are decoded to UTF-8; a \uXXXX surrogate pair becomes one
 * code point and a lone surrogate becomes U+FFFD, since it cannot be UTF-8.
 * Bytes of strings are otherwise copied as they are: UTF-8 validation is the
 * caller's (the readers repair a line before parsing it). Numbers are
 * converted with strtod on a bounded, NUL-terminated copy; out-of-range
 * magnitudes give +-HUGE_VAL as strtod does.
 */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

typedef struct parser {
	const char *s;
	size_t len;
	size_t pos;
	ngi_arena *arena;
	int depth;
	const char *err;  /* static message of the first error */
	size_t err_pos;
	ng_status status; /* NG_ERR_INPUT or NG_ERR_NOMEM once failed */
} parser;

static int fail(parser *p, size_t at, const char *msg)
{
	if (!p->status) {
		p->status = NG_ERR_INPUT;
		p->err = msg;
		p->err_pos = at;
	}
	return -1;
}

static int fail_nomem(parser *p)
{
	if (!p->status) {
		p->status = NG_ERR_NOMEM;
		p->err = "out of memory";
		p->err_pos = p->pos;
	}
	return -1;
}

static void skip_space(parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads the four hex digits of a \u escape at s[at..]; -1 if malformed. */
static long read_hex4(const parser *p, size_t at)
{
	if (p->len - at < 4)
		return -1;
	long v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hex_value(p->s[at + (size_t)i]);
		if (h < 0)
			return -1;
		v = v << 4 | h;
	}
	return v;
}

/*
 * Parses the string whose opening quote is at p->pos into a fresh arena
 * copy. The decoded form is never longer than the source (the longest
 * expansion, a lone \uXXXX surrogate, turns 6 bytes into 3), so one pass to
 * find the closing quote gives the size, a second one decodes.
 */
static int parse_string(parser *p, const char **out, size_t *out_len)
{
	size_t open = p->pos;
	size_t i = open + 1;

	while (i < p->len) {
		unsigned char c = (unsigned char)p->s[i];
		if (c == '"')
			break;
		if (c < 0x20)
			return fail(p, i, "control character in string");
		i += c == '\\' ? 2 : 1;
	}
	if (i >= p->len)
		return fail(p, open, "unterminated string");
	size_t close = i;

	char *buf = ngi_arena_alloc(p->arena, close - open);
	if (!buf)
		return fail_nomem(p);
	size_t n = 0;
	for (i = open + 1; i < close;) {
		char c = p->s[i];
		if (c != '\\') {
			/* Copy the run up to the next escape in one go. */
			const char *esc = memchr(p->s + i, '\\', close - i);
			size_t run = esc ? (size_t)(esc - (p->s + i)) : close - i;
			memcpy(buf + n, p->s + i, run);
			n += run;
			i += run;
			continue;
		}
		char e = p->s[i + 1];
		i += 2;
		switch (e) {
		case '"': buf[n++] = '"'; break;
		case '\\': buf[n++] = '\\'; break;
		case '/': buf[n++] = '/'; break;
		case 'b': buf[n++] = '\b'; break;
		case 'f': buf[n++] = '\f'; break;
		case 'n': buf[n++] = '\n'; break;
		case 'r': buf[n++] = '\r'; break;
		case 't': buf[n++] = '\t'; break;
		case 'u': {
			long cp = read_hex4(p, i);
			if (cp < 0 || i + 4 > close)
				return fail(p, i - 2, "bad \\u escape");
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				long lo = -1;
				if (i + 6 <= close && p->s[i] == '\\' &&
				    p->s[i + 1] == 'u')
					lo = read_hex4(p, i + 2);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					     (lo - 0xDC00);
					i += 6;
				} else {
					cp = 0xFFFD; /* lone high surrogate */
				}
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				cp = 0xFFFD; /* lone low surrogate */
			}
			n += ngi_utf8_encode((uint32_t)cp, buf + n);
			break;
		}
		default:
			return fail(p, i - 2, "bad escape in string");
		}
	}
	buf[n] = '\0';
	p->pos = close + 1;
	*out = buf;
	*out_len = n;
	return 0;
}

static int parse_number(parser *p, double *out)
{
	size_t start = p->pos, i = p->pos;
	const char *s = p->s;

	if (i < p->len && s[i] == '-')
		i++;
	if (i >= p->len || !is_digit(s[i]))
		return fail(p, i, "bad number");
	if (s[i] == '0') {
		i++;
		if (i < p->len && is_digit(s[i]))
			return fail(p, i, "leading zero in number");
	} else {
		while (i < p->len && is_digit(s[i]))
			i++;
	}
	if (i < p->len && s[i] == '.') {
		i++;
		if (i >= p->len || !is_digit(s[i]))
			return fail(p, i, "digit expected after decimal point");
		while (i < p->len && is_digit(s[i]))
			i++;
	}
	if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < p->len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= p->len || !is_digit(s[i]))
			return fail(p, i, "digit expected in exponent");
		while (i < p->len && is_digit(s[i]))
			i++;
	}

	/* strtod needs a terminator the input may not have. */
	size_t n = i - start;
	char small[64];
	char *copy = small;
	if (n >= sizeof small) {
		copy = ngi_arena_alloc(p->arena, n + 1);
		if (!copy)
			return fail_nomem(p);
	}
	memcpy(copy, s + start, n);
	copy[n] = '\0';
	*out = strtod(copy, NULL);
	p->pos = i;
	return 0;
}

static int parse_literal(parser *p, const char *word, ngi_json_type type,
			 ngi_json *node)
{
	size_t n = strlen(word);
	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return fail(p, p->pos, "unexpected character");
	p->pos += n;
	node->type = type;
	return 0;
}

static int parse_value(parser *p, ngi_json *node);

/* Arrays and objects share the loop; members of an object carry a key. */
static int parse_container(parser *p, ngi_json *node, int object)
{
	char close = object ? '}' : ']';
	ngi_json **tail = &node->child;

	node->type = object ? NGI_JSON_OBJECT : NGI_JSON_ARRAY;
	if (++p->depth > NGI_JSON_MAX_DEPTH)
		return fail(p, p->pos, "nesting too deep");
	p->pos++;
	skip_space(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		p->depth--;
		return 0;
	}
	for (;;) {
		ngi_json *item = ngi_arena_zalloc(p->arena, sizeof *item);
		if (!item)
			return fail_nomem(p);
		skip_space(p);
		if (object) {
			size_t key_len;
			if (p->pos >= p->len || p->s[p->pos] != '"')
				return fail(p, p->pos, "member name expected");
			if (parse_string(p, &item->key, &key_len))
				return -1;
			skip_space(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				return fail(p, p->pos, "':' expected");
			p->pos++;
			skip_space(p);
		}
		if (parse_value(p, item))
			return -1;
		*tail = item;
		tail = &item->next;
		node->len++;
		skip_space(p);
		if (p->pos >= p->len)
			return fail(p, p->pos, object ? "unterminated object"
						      : "unterminated array");
		char c = p->s[p->pos];
		if (c == close) {
			p->pos++;
			p->depth--;
			return 0;
		}
		if (c != ',')
			return fail(p, p->pos, object ? "',' or '}' expected"
						      : "',' or ']' expected");
		p->pos++;
	}
}

static int parse_value(parser *p, ngi_json *node)
{
	if (p->pos >= p->len)
		return fail(p, p->pos, "unexpected end of input");
	char c = p->s[p->pos];
	switch (c) {
	case '{': return parse_container(p, node, 1);
	case '[': return parse_container(p, node, 0);
	case '"':
		node->type = NGI_JSON_STRING;
		return parse_string(p, &node->str, &node->len);
	case 't': return parse_literal(p, "true", NGI_JSON_TRUE, node);
	case 'f': return parse_literal(p, "false", NGI_JSON_FALSE, node);
	case 'n': return parse_literal(p, "null", NGI_JSON_NULL, node);
	default:
		if (c == '-' || is_digit(c)) {
			node->type = NGI_JSON_NUMBER;
			return parse_number(p, &node->number);
		}
		return fail(p, p->pos, "unexpected character");
	}
}

ng_status ngi_json_parse(const char *s, size_t len, ngi_arena *a,
			 ngi_json **out, size_t *err_offset,
			 const char **err_msg)
{
	parser p = {s, len, 0, a, 0, NULL, 0, NG_OK};
	ngi_json *root = ngi_arena_zalloc(a, sizeof *root);

	if (!root)
		fail_nomem(&p);
	else {
		skip_space(&p);
		if (p.pos >= p.len)
			fail(&p, p.pos, "no value");
		else if (!parse_value(&p, root)) {
			skip_space(&p);
			if (p.pos < p.len)
				fail(&p, p.pos, "unexpected data after the value");
		}
	}
	if (p.status) {
		if (err_offset)
			*err_offset = p.err_pos;
		if (err_msg)
			*err_msg = p.err;
		return p.status;
	}
	*out = root;
	return NG_OK;
}

const ngi_json *ngi_json_get(const ngi_json *obj, const char *key)
{
	if (!obj || obj->type != NGI_JSON_OBJECT || !key)
		return NULL;
	for (const ngi_json *m = obj->child; m; m = m->next)
		if (m->key && strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

const char *ngi_json_get_str(const ngi_json *obj, const char *key)
{
	const ngi_json *m = ngi_json_get(obj, key);
	return m && m->type == NGI_JSON_STRING ? m->str : NULL;
}
