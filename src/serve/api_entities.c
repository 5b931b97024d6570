/*
 * api_entities.c: the entity endpoints (docs/API.md): search by name and
 * type, and one entity by its canonical key (type optional: a key used by
 * several types gives each) with its variants and its mentions, paged.
 */
#include "api.h"

#include <string.h>

static const char *const entity_types[] = {"person", "organization", "place",
					   "event"};

/* NULL or a known type; else a 400 into x->msg (returns 0). */
static int type_ok(ngs_call *x, const char *type)
{
	if (!type)
		return 1;
	for (size_t i = 0; i < NGI_ARRAY_LEN(entity_types); i++)
		if (!strcmp(type, entity_types[i]))
			return 1;
	ngs_fail(x, 400, "type must be person, organization, place or event");
	return 0;
}

int ngs_get_entities(ngs_call *x)
{
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	ng_entity_filter f = NG_ENTITY_FILTER_INIT;
	f.type = ngs_arg(x, "type");
	f.name = ngs_arg(x, "q");
	if (!type_ok(x, f.type))
		return 0;
	if (ngs_param_int("min_mentions", ngs_arg(x, "min_mentions"), 1, 1LL << 40,
			  &f.min_mentions, x->msg, sizeof x->msg))
		return ngs_fail(x, 400, "%s", x->msg);
	f.offset = p.offset;
	f.limit = p.limit + 1;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_entities_open(x->e, &f, &c), &c, &p, 1, NULL);
}

/* The types the key is used with (in type order), by reading its
 * variants; *n 0 when the key is unknown. */
static ng_status key_types(ngs_call *x, const char *type, const char *key,
			   const char **types, int *n)
{
	*n = 0;
	ng_cursor *c;
	ng_status st = ng_entity_variants_open(x->e, type, key, &c);
	if (st)
		return st;
	while ((st = ng_cursor_step(c)) == NG_ROW) {
		const char *t = ng_cursor_column_text(c, 0);
		for (size_t i = 0; t && i < NGI_ARRAY_LEN(entity_types); i++)
			if (!strcmp(t, entity_types[i]) &&
			    (*n == 0 || types[*n - 1] != entity_types[i]))
				types[(*n)++] = entity_types[i];
		if (*n == (int)NGI_ARRAY_LEN(entity_types))
			break;
	}
	ng_cursor_close(c);
	return st == NG_ROW || st == NG_DONE ? NG_OK : st;
}

int ngs_get_entity(ngs_call *x)
{
	const char *key = x->rest, *type = ngs_arg(x, "type");
	if (!type_ok(x, type))
		return 0;
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	const char *types[NGI_ARRAY_LEN(entity_types)];
	int n_types;
	ng_status st = key_types(x, type, key, types, &n_types);
	if (st)
		return ngs_fail_status(x, st);
	if (!n_types)
		return ngs_fail(x, 404, "no entity with key \"%s\"%s%s", key,
				type ? " and type " : "", type ? type : "");
	ngi_buf *b = &x->reply->body;
	st = ngi_buf_puts(b, "{\"key\":");
	if (!st)
		st = ngs_json_str(b, key, strlen(key));
	if (!st)
		st = ngi_buf_puts(b, ",\"entities\":[");
	/* each type is one entity: its variants (capped) and a page of its
	 * mentions */
	for (int i = 0; i < n_types && !st; i++) {
		ng_cursor *c = NULL;
		st = ngi_buf_printf(b, "%s{\"type\":\"%s\"", i ? "," : "", types[i]);
		if (!st)
			st = ng_entity_variants_open(x->e, types[i], key, &c);
		st = st ? st : ngs_json_list(x, "variants", st, c, NULL);
		if (!st)
			st = ng_entity_mentions_open(x->e, types[i], key, &c);
		if (!st) {
			st = ngi_buf_puts(b, ",\"mentions\":{");
			if (!st)
				st = ngs_json_page(x, c, &p, 0, NULL);
			ng_cursor_close(c);
		}
		if (!st)
			st = ngi_buf_puts(b, "}}");
	}
	if (!st)
		st = ngi_buf_puts(b, "]}\n");
	if (st)
		return ngs_fail_status(x, st);
	x->reply->status = 200;
	return 1;
}
