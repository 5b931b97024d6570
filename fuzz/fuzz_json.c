/*
 * fuzz_json.c: libFuzzer target of the JSON parser (src/base/json.c),
 * which reads JSON Lines input, POST bodies and gold files: any bytes give
 * a tree or an error with an offset inside the input, never a crash, and
 * the tree's strings hold what the parser promises (NUL-terminated, len
 * bytes; their bytes are the input's, repaired by the readers later),
 * objects and arrays as many children as they say.
 */
#include "fuzz.h"

#include "base/json.h"

static size_t walk(const ngi_json *j, int depth)
{
	size_t nodes = 1;
	FUZZ_CHECK(depth <= NGI_JSON_MAX_DEPTH + 1);
	if (j->key)
		(void)strlen(j->key);
	if (j->type == NGI_JSON_STRING) {
		/* bytes are kept as they came (the readers repair them) */
		FUZZ_CHECK(j->str && j->str[j->len] == '\0');
		(void)memchr(j->str, 0xFF, j->len);
	}
	size_t count = 0;
	for (const ngi_json *c = j->child; c; c = c->next) {
		nodes += walk(c, depth + 1);
		count++;
	}
	if (j->type == NGI_JSON_ARRAY || j->type == NGI_JSON_OBJECT)
		FUZZ_CHECK(count == j->len);
	return nodes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_json *root = NULL;
	size_t err_offset = (size_t)-1;
	const char *err_msg = NULL;
	ng_status st = ngi_json_parse((const char *)data, size, &a, &root,
				      &err_offset, &err_msg);
	if (st == NG_OK) {
		FUZZ_CHECK(root != NULL);
		walk(root, 0);
		if (root->type == NGI_JSON_OBJECT) {
			(void)ngi_json_get(root, "text");
			(void)ngi_json_get_str(root, "id");
		}
	} else if (st == NG_ERR_INPUT) {
		FUZZ_CHECK(err_msg && err_msg[0]);
		FUZZ_CHECK(err_offset <= size);
	} else {
		FUZZ_CHECK(st == NG_ERR_NOMEM);
	}
	ngi_arena_free(&a);
	return 0;
}
