/*
 * test_utf8.c: validation, repair (maximal subparts), decoding, counting
 * and encoding of src/base/utf8.c, as tables of {bytes, expected}.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/utf8.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_valid_prefix(void)
{
	static const struct {
		const char *s;
		size_t len;
		size_t want;
	} cases[] = {
		{S(""), 0},
		{S("abc"), 3},
		{S("abcdefghijklmnopqrstuvwxyz"), 26},
		{S("abcdefgh\0ijklmnop"), 8},
		{S("h\xC3\xA9llo"), 6},                   /* é */
		{S("\xE2\x80\x9Cquoted\xE2\x80\x9D"), 12}, /* “ ” */
		{S("\xF0\x9F\x98\x80!"), 5},               /* U+1F600 */
		{S("\xF4\x8F\xBF\xBF"), 4},                /* U+10FFFF */
		{S("\xEF\xBF\xBF"), 3},                    /* U+FFFF */
		{S("ab\xC0\x80"), 2},                      /* overlong NUL */
		{S("ab\xC1\xBF"), 2},                      /* overlong */
		{S("\xE0\x9F\xBF"), 0},                    /* overlong 3-byte */
		{S("\xF0\x8F\xBF\xBF"), 0},                /* overlong 4-byte */
		{S("x\xED\xA0\x80"), 1},                   /* surrogate D800 */
		{S("x\xED\x9F\xBF"), 4},                   /* U+D7FF is fine */
		{S("\xF4\x90\x80\x80"), 0},                /* past U+10FFFF */
		{S("\xF5\x80\x80\x80"), 0},
		{S("abc\x80"), 3}, /* stray continuation */
		{S("abc\xE2\x82"), 3}, /* truncated at the end */
		{S("abcdefgh\xFF"), 8},
		{S("abcdefghijklmnop\xC3"), 16},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		size_t got = ngi_utf8_valid_prefix(cases[i].s, cases[i].len);
		CHECK_MSG(got == cases[i].want, "case %zu: got %zu want %zu", i,
			  got, cases[i].want);
	}

	/* The 8-byte fast path must stop exactly at a bad byte or a NUL
	 * wherever it falls. */
	char buf[64];
	for (size_t pos = 0; pos < 40; pos++) {
		memset(buf, 'a', sizeof buf);
		buf[pos] = '\x80';
		CHECK_MSG(ngi_utf8_valid_prefix(buf, sizeof buf) == pos,
			  "bad byte at %zu", pos);
		buf[pos] = '\0';
		CHECK_MSG(ngi_utf8_valid_prefix(buf, sizeof buf) == pos,
			  "NUL at %zu", pos);
		buf[pos] = 'a';
		CHECK(ngi_utf8_valid_prefix(buf, pos) == pos);
	}
}

static void test_repair(void)
{
#define FFFD "\xEF\xBF\xBD"
	static const struct {
		const char *s;
		size_t len;
		const char *want;
		size_t count;
		size_t first_bad;
	} cases[] = {
		{S("clean text"), "clean text", 0, 0},
		{S(""), "", 0, 0},
		/* Unicode 15, table 3-8: maximal subparts. */
		{S("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
		 "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", 6, 1},
		{S("\xC0\xAF"), FFFD FFFD, 2, 0},
		{S("ab\xED\xA0\x80z"), "ab" FFFD FFFD FFFD "z", 3, 2},
		{S("\xF4\x90\x80\x80"), FFFD FFFD FFFD FFFD, 4, 0},
		{S("end\xE2\x82"), "end" FFFD, 1, 3},
		{S("end\xF0\x9F\x98"), "end" FFFD, 1, 3},
		{S("\xE2\x82x"), FFFD "x", 1, 0},
		{S("nul\0here"), "nul" FFFD "here", 1, 3},
		{S("\xFF\xFE"), FFFD FFFD, 2, 0},
		{S("ok \xC3\xA9 \x80"), "ok \xC3\xA9 " FFFD, 1, 6},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		ngi_buf out;
		ngi_buf_init(&out, 0);
		size_t first_bad = 12345;
		size_t n = ngi_utf8_repair(cases[i].s, cases[i].len, &out,
					   &first_bad);
		CHECK_MSG(n == cases[i].count, "case %zu: %zu replacements", i, n);
		CHECK_MSG(out.data && strcmp(out.data, cases[i].want) == 0 &&
				  out.len == strlen(cases[i].want),
			  "case %zu: wrong output", i);
		if (cases[i].count)
			CHECK_MSG(first_bad == cases[i].first_bad,
				  "case %zu: first bad %zu", i, first_bad);
		else
			CHECK(first_bad == 12345); /* untouched */
		CHECK(ngi_utf8_valid_prefix(out.data, out.len) == out.len);
		ngi_buf_free(&out);
	}

	/* A full buffer is an error, not a truncated result. */
	ngi_buf small;
	ngi_buf_init(&small, 4);
	CHECK(ngi_utf8_repair(S("abc\x80\x80\x80"), &small, NULL) == (size_t)-1);
	ngi_buf_free(&small);
#undef FFFD
}

static void test_decode_count(void)
{
	static const struct {
		const char *s;
		size_t len;
		int n;
		int32_t cp;
	} cases[] = {
		{S("A"), 1, 0x41},
		{S("\xC3\xA9"), 2, 0xE9},
		{S("\xE2\x80\x9D"), 3, 0x201D},
		{S("\xF0\x9F\x98\x80"), 4, 0x1F600},
		{S("\xF4\x8F\xBF\xBF"), 4, 0x10FFFF},
		{S("\xD0\x9C"), 2, 0x41C},      /* М */
		{S("\x80"), 1, 0xFFFD},         /* invalid: never read past */
		{S("\xE2\x80"), 2, 0xFFFD},     /* truncated */
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		int32_t cp = -2;
		int n = ngi_utf8_decode(cases[i].s, cases[i].len, &cp);
		CHECK_MSG(n == cases[i].n && cp == cases[i].cp,
			  "decode case %zu: n=%d cp=%X", i, n, (unsigned)cp);
	}
	int32_t cp;
	CHECK(ngi_utf8_decode("", 0, &cp) == 0);

	static const struct {
		const char *s;
		size_t len;
		size_t want;
	} counts[] = {
		{S(""), 0},
		{S("abc"), 3},
		{S("Pr\xC3\xA4sident"), 9},
		{S("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"), 6},
		{S("\xE2\x80\x9CPutin\xE2\x80\x9D said \xF0\x9F\x98\x80"), 14},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(counts); i++)
		CHECK_MSG(ngi_utf8_count(counts[i].s, counts[i].len) ==
				  counts[i].want,
			  "count case %zu", i);

	/* bytes of the first code points */
	size_t got = 9;
	CHECK(ngi_utf8_prefix(S("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA"), 3, &got) == 6 &&
	      got == 3);
	CHECK(ngi_utf8_prefix(S("ab"), 3, &got) == 2 && got == 2);
	CHECK(ngi_utf8_prefix(S("\xF0\x9F\x98\x80x"), 1, NULL) == 4);
	CHECK(ngi_utf8_prefix(S(""), 3, &got) == 0 && got == 0);
}

/* The one encoder: each length's first and last code point, and every
 * encoding decodes back to its code point. */
static void test_encode(void)
{
	static const struct {
		uint32_t cp;
		const char *want;
		size_t len;
	} cases[] = {
		{0x41, S("A")},
		{0x7F, S("\x7F")},
		{0x80, S("\xC2\x80")},
		{0xE9, S("\xC3\xA9")},
		{0x7FF, S("\xDF\xBF")},
		{0x800, S("\xE0\xA0\x80")},
		{0x20AC, S("\xE2\x82\xAC")},
		{0xFFFD, S("\xEF\xBF\xBD")},
		{0xFFFF, S("\xEF\xBF\xBF")},
		{0x10000, S("\xF0\x90\x80\x80")},
		{0x1F600, S("\xF0\x9F\x98\x80")},
		{0x10FFFF, S("\xF4\x8F\xBF\xBF")},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[4];
		int32_t back = -1;
		size_t n = ngi_utf8_encode(cases[i].cp, out);
		CHECK_MSG(n == cases[i].len && memcmp(out, cases[i].want, n) == 0,
			  "case %zu: U+%04X encoded in %zu bytes", i,
			  (unsigned)cases[i].cp, n);
		CHECK_MSG(ngi_utf8_decode(out, n, &back) == (int)n &&
				  back == (int32_t)cases[i].cp,
			  "case %zu: decodes back to U+%04X", i, (unsigned)back);
	}
}

/* Valid text comes back as it is, invalid text as its repaired copy. */
static void test_or_repaired(void)
{
	ngi_buf fixed;
	ngi_buf_init(&fixed, 0);
	const char *ok = "caf\xc3\xa9";
	size_t len = strlen(ok);
	CHECK(ngi_utf8_or_repaired(ok, &len, &fixed) == ok && len == 5);
	const char bad[] = "a\xff" "b";
	len = 3;
	const char *r = ngi_utf8_or_repaired(bad, &len, &fixed);
	CHECK(r != bad && len == 5 && memcmp(r, "a\xef\xbf\xbd" "b", 5) == 0);
	ngi_buf_free(&fixed);
}

int main(void)
{
	test_or_repaired();
	test_valid_prefix();
	test_repair();
	test_decode_count();
	test_encode();
	return check_report("utf8");
}
