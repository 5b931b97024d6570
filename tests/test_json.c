/*
 * test_json.c: the strict JSON parser of src/base/json.c. Good documents
 * are parsed and written back in a canonical compact form; bad ones must
 * fail at the expected byte offset.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "check.h"

/* Canonical form: no spaces, numbers as %.17g, strings re-escaped. */
static void dump(const ngi_json *v, ngi_buf *out)
{
	switch (v->type) {
	case NGI_JSON_NULL: ngi_buf_puts(out, "null"); break;
	case NGI_JSON_FALSE: ngi_buf_puts(out, "false"); break;
	case NGI_JSON_TRUE: ngi_buf_puts(out, "true"); break;
	case NGI_JSON_NUMBER: ngi_buf_printf(out, "%.17g", v->number); break;
	case NGI_JSON_STRING: ngi_buf_json_strn(out, v->str, v->len); break;
	case NGI_JSON_ARRAY:
	case NGI_JSON_OBJECT: {
		int object = v->type == NGI_JSON_OBJECT;
		size_t n = 0;
		ngi_buf_putc(out, object ? '{' : '[');
		for (const ngi_json *c = v->child; c; c = c->next, n++) {
			if (c != v->child)
				ngi_buf_putc(out, ',');
			if (object) {
				ngi_buf_json_str(out, c->key);
				ngi_buf_putc(out, ':');
			}
			dump(c, out);
		}
		if (n != v->len)
			ngi_buf_puts(out, "<bad count>");
		ngi_buf_putc(out, object ? '}' : ']');
		break;
	}
	}
}

static void test_good(void)
{
	static const struct {
		const char *in;
		const char *want;
	} cases[] = {
		{"null", "null"},
		{" true ", "true"},
		{"\t\r\nfalse\n", "false"},
		{"0", "0"},
		{"-0.5", "-0.5"},
		{"12345", "12345"},
		{"1e3", "1000"},
		{"1.5E-2", "0.014999999999999999"},
		{"-12.25e+1", "-122.5"},
		{"\"\"", "\"\""},
		{"\"plain\"", "\"plain\""},
		{"\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "\"a\\\"b\\\\c/d\\u0008\\u000c\\n\\r\\t\""},
		{"\"\\u0041\\u00e9\\u20AC\"", "\"A\xC3\xA9\xE2\x82\xAC\""},
		{"\"\\ud83d\\ude00\"", "\"\xF0\x9F\x98\x80\""},        /* pair */
		{"\"\\ud83dx\"", "\"\xEF\xBF\xBDx\""},                 /* lone high */
		{"\"\\ude00\"", "\"\xEF\xBF\xBD\""},                   /* lone low */
		{"\"\\ud83d\\u0041\"", "\"\xEF\xBF\xBD" "A\""},        /* high + BMP */
		{"\"\\ud83d\\ud83d\\ude00\"", "\"\xEF\xBF\xBD\xF0\x9F\x98\x80\""},
		{"\"caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\"", "\"caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\""},
		{"[]", "[]"},
		{"{}", "{}"},
		{"[1, \"two\", [3], {\"four\": 4}]", "[1,\"two\",[3],{\"four\":4}]"},
		{"{\"a\":1,\"b\":[true,false,null],\"a\":2}", "{\"a\":1,\"b\":[true,false,null],\"a\":2}"},
		{" { \"k\" : \"v\" } ", "{\"k\":\"v\"}"},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		ngi_arena a;
		ngi_arena_init(&a, 0);
		ngi_json *v = NULL;
		size_t at = 999;
		const char *msg = NULL;
		ng_status st = ngi_json_parse(cases[i].in, strlen(cases[i].in), &a,
					      &v, &at, &msg);
		CHECK_MSG(st == NG_OK, "case %zu (%s): %s at %zu", i, cases[i].in,
			  msg ? msg : "", at);
		if (st == NG_OK) {
			ngi_buf out;
			ngi_buf_init(&out, 0);
			dump(v, &out);
			CHECK_MSG(strcmp(out.data, cases[i].want) == 0,
				  "case %zu: got %s want %s", i, out.data,
				  cases[i].want);
			ngi_buf_free(&out);
		}
		ngi_arena_free(&a);
	}
}

static void test_bad(void)
{
	static const struct {
		const char *in;
		size_t offset;
		const char *msg; /* a part of the message */
	} cases[] = {
		{"", 0, "no value"},
		{"   ", 3, "no value"},
		{"nul", 0, "unexpected character"},
		{"True", 0, "unexpected character"},
		{"[1,]", 3, "unexpected character"},
		{"[1 2]", 3, "',' or ']'"},
		{"{\"a\":1,}", 7, "member name"},
		{"{\"a\" 1}", 5, "':'"},
		{"{a:1}", 1, "member name"},
		{"{\"a\":1", 6, "unterminated object"},
		{"[1", 2, "unterminated array"},
		{"\"abc", 0, "unterminated string"},
		{"\"a\nb\"", 2, "control character"},
		{"\"a\\x\"", 2, "bad escape"},
		{"\"\\u12G4\"", 1, "\\u escape"},
		{"\"\\u12\"", 1, "\\u escape"},
		{"01", 1, "leading zero"},
		{"-", 1, "bad number"},
		{"+1", 0, "unexpected character"},
		{"1.", 2, "decimal point"},
		{".5", 0, "unexpected character"},
		{"1e", 2, "exponent"},
		{"NaN", 0, "unexpected character"},
		{"Infinity", 0, "unexpected character"},
		{"1 2", 2, "after the value"},
		{"{} x", 3, "after the value"},
		{"// c\n1", 0, "unexpected character"},
		{"'a'", 0, "unexpected character"},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		ngi_arena a;
		ngi_arena_init(&a, 0);
		ngi_json *v = (ngi_json *)&a; /* must stay untouched */
		size_t at = 999;
		const char *msg = NULL;
		ng_status st = ngi_json_parse(cases[i].in, strlen(cases[i].in), &a,
					      &v, &at, &msg);
		CHECK_MSG(st == NG_ERR_INPUT, "case %zu (%s) parsed", i,
			  cases[i].in);
		CHECK_MSG(at == cases[i].offset, "case %zu (%s): offset %zu want %zu",
			  i, cases[i].in, at, cases[i].offset);
		CHECK_MSG(msg && strstr(msg, cases[i].msg), "case %zu: message '%s'",
			  i, msg ? msg : "(null)");
		CHECK(v == (ngi_json *)&a);
		ngi_arena_free(&a);
	}
}

static void test_edges(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_json *v;
	size_t at;
	const char *msg;

	/* len bounds the input: nothing past it is read. */
	CHECK(ngi_json_parse("[1,2]", 3, &a, &v, &at, &msg) == NG_ERR_INPUT);
	CHECK(ngi_json_parse("\"ab\"", 3, &a, &v, &at, &msg) == NG_ERR_INPUT);
	CHECK(ngi_json_parse("123xyz", 3, &a, &v, NULL, NULL) == NG_OK &&
	      v->number == 123);

	/* \u0000 keeps its length. */
	CHECK(ngi_json_parse("\"a\\u0000b\"", 10, &a, &v, &at, &msg) == NG_OK);
	CHECK(v->type == NGI_JSON_STRING && v->len == 3 && v->str[1] == '\0' &&
	      v->str[2] == 'b');

	/* Depth: exactly NGI_JSON_MAX_DEPTH levels parse, one more fails. */
	char deep[2 * NGI_JSON_MAX_DEPTH + 4];
	for (int extra = 0; extra <= 1; extra++) {
		size_t d = NGI_JSON_MAX_DEPTH + (size_t)extra, n = 0;
		for (size_t i = 0; i < d; i++)
			deep[n++] = '[';
		for (size_t i = 0; i < d; i++)
			deep[n++] = ']';
		ng_status st = ngi_json_parse(deep, n, &a, &v, &at, &msg);
		CHECK_MSG(extra ? st == NG_ERR_INPUT : st == NG_OK, "depth %zu", d);
		if (extra)
			CHECK(at == NGI_JSON_MAX_DEPTH && strstr(msg, "deep"));
	}
	/* Far deeper than the cap, as a hostile line would be. */
	size_t huge = 1000000;
	char *bomb = malloc(huge);
	memset(bomb, '[', huge);
	CHECK(ngi_json_parse(bomb, huge, &a, &v, &at, &msg) == NG_ERR_INPUT);
	free(bomb);

	/* Numbers: long, huge, tiny. */
	const char *longnum = "3.14159265358979323846264338327950288419716939937510"
			      "58209749445923078164062862089986280348253421170679";
	CHECK(ngi_json_parse(longnum, strlen(longnum), &a, &v, &at, &msg) == NG_OK &&
	      fabs(v->number - 3.141592653589793) < 1e-15);
	CHECK(ngi_json_parse("1e400", 5, &a, &v, &at, &msg) == NG_OK &&
	      isinf(v->number));
	CHECK(ngi_json_parse("-1e-400", 7, &a, &v, &at, &msg) == NG_OK &&
	      v->number == 0);

	/* Lookups. */
	const char *doc = "{\"id\": 7, \"text\": \"body\", \"t\": null, \"text\": \"second\"}";
	CHECK(ngi_json_parse(doc, strlen(doc), &a, &v, &at, &msg) == NG_OK);
	CHECK(v->len == 4);
	CHECK_STR(ngi_json_get_str(v, "text"), "body");
	CHECK(ngi_json_get_str(v, "id") == NULL);
	CHECK(ngi_json_get(v, "id") && ngi_json_get(v, "id")->number == 7);
	CHECK(ngi_json_get(v, "t") && ngi_json_get(v, "t")->type == NGI_JSON_NULL);
	CHECK(ngi_json_get(v, "missing") == NULL);
	CHECK(ngi_json_get(NULL, "id") == NULL);
	CHECK(ngi_json_get(v->child, "id") == NULL); /* not an object */
	ngi_arena_free(&a);
}

int main(void)
{
	test_good();
	test_bad();
	test_edges();
	return check_report("json");
}
