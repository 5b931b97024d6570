/*
 * test_base.c: the shared toolkit: arena, capped buffer, JSON string
 * escaping, the u64 hash map (with deletions), and publication dates.
 */
#include <stdlib.h>
#include <xxhash.h>

#include "base/base.h"
#include "base/map.h"
#include "check.h"
#include "extract/pubdate.h"

static void test_arena(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 256);
	char *s = ngi_arena_strdup(&a, "hello");
	CHECK_STR(s, "hello");
	void *big = ngi_arena_alloc(&a, 10000); /* larger than a chunk */
	CHECK(big != NULL);
	CHECK(((uintptr_t)big & 15) == 0);
	int *z = ngi_arena_zalloc(&a, 64 * sizeof(int));
	int zero = 1;
	for (int i = 0; i < 64; i++)
		zero &= z[i] == 0;
	CHECK(zero);
	ngi_arena_reset(&a);
	CHECK(a.used_total == 0);
	CHECK(ngi_arena_alloc(&a, 8) != NULL);
	ngi_arena_free(&a);
}

static void test_buf(void)
{
	ngi_buf b;
	ngi_buf_init(&b, 16);
	CHECK(ngi_buf_puts(&b, "0123456789") == NG_OK);
	CHECK(ngi_buf_puts(&b, "0123456789") == NG_ERR_TOOBIG);
	CHECK_STR(b.data, "0123456789"); /* unchanged by the failed append */
	CHECK(ngi_buf_printf(&b, "%d", 12345) == NG_OK);
	CHECK_STR(b.data, "012345678912345");
	ngi_buf_free(&b);

	static const struct { const char *in, *want; } esc[] = {
		{"plain", "\"plain\""},
		{"a\"b\\c", "\"a\\\"b\\\\c\""},
		{"line\nbreak\ttab", "\"line\\nbreak\\ttab\""},
		{"\x01\x1f", "\"\\u0001\\u001f\""},
		{"Путин ’", "\"Путин ’\""},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(esc); i++) {
		ngi_buf_init(&b, 0);
		CHECK(ngi_buf_json_str(&b, esc[i].in) == NG_OK);
		CHECK_STR(b.data, esc[i].want);
		ngi_buf_free(&b);
	}
	ngi_buf_init(&b, 0);
	ngi_buf_json_str(&b, NULL);
	CHECK_STR(b.data, "null");
	ngi_buf_free(&b);
}

static void test_map(void)
{
	ngi_map m;
	ngi_map_init(&m);
	CHECK(ngi_map_get(&m, 1) == NULL);
	enum { N = 20000 };
	int puts_ok = 1;
	for (uint64_t k = 0; k < N; k++)
		puts_ok &= ngi_map_put(&m, k * 7919, k) == NG_OK;
	CHECK(puts_ok);
	CHECK(m.count == N);
	int all = 1;
	for (uint64_t k = 0; k < N; k++) {
		uint64_t *v = ngi_map_get(&m, k * 7919);
		all &= v && *v == k;
	}
	CHECK(all);
	/* delete every other key; the rest must still be found */
	int dels_ok = 1;
	for (uint64_t k = 0; k < N; k += 2)
		dels_ok &= ngi_map_del(&m, k * 7919) == 1;
	CHECK(dels_ok);
	CHECK(ngi_map_del(&m, 0) == 0);
	all = 1;
	for (uint64_t k = 0; k < N; k++) {
		uint64_t *v = ngi_map_get(&m, k * 7919);
		all &= (k % 2) ? (v && *v == k) : (v == NULL);
	}
	CHECK(all);
	CHECK(m.count == N / 2);
	uint64_t *v = ngi_map_upsert(&m, 42, 7);
	CHECK(v && *v == 7);
	(*v)++;
	CHECK(*ngi_map_get(&m, 42) == 8);
	ngi_map_free(&m);
}

/* ngi_hash is XXH3 (seed 0 is plain XXH3_64bits), the length counts and
 * the seed separates key spaces. */
static void test_hash(void)
{
	static const char *const words[] = {"", "a", "the", "Путин",
					    "veteranenjournalist"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t n = strlen(words[i]);
		CHECK(ngi_hash(words[i], n, 0) == XXH3_64bits(words[i], n));
		CHECK(ngi_hash(words[i], n, 7) == XXH3_64bits_withSeed(words[i], n, 7));
		CHECK(ngi_hash(words[i], n, 1) != ngi_hash(words[i], n, 2));
	}
	CHECK(ngi_hash("a\0", 2, 0) != ngi_hash("a", 1, 0));
}

static void test_pubdate(void)
{
	static const struct { const char *in, *want; int32_t day; } rows[] = {
		{"2024-10-27", "2024-10-27", 20023},
		{" 2024-10-27 ", "2024-10-27", 20023},
		{"2024-11-11T11:49:00", "2024-11-11T11:49:00", 20038},
		{"2024-11-11 11:49", "2024-11-11T11:49:00", 20038},
		{"2024-11-11T11:49:00Z", "2024-11-11T11:49:00Z", 20038},
		{"2024-11-11T11:49:00.123+03:00", "2024-11-11T11:49:00+03:00", 20038},
		{"2024-11-11T11:49:00+0300", "2024-11-11T11:49:00+03:00", 20038},
		{"2024/02/29", "2024-02-29", 19782},
		{"Sun, 27 Oct 2024 11:49:00 +0300", "2024-10-27T11:49:00+03:00", 20023},
		{"27 Oct 2024", "2024-10-27", 20023},
		{"1970-01-01", "1970-01-01", 0},
		{"--11-12", "--11-12", INT32_MIN},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		char out[NGI_PUBDATE_LEN];
		int32_t day = 1;
		int ok = ngi_pubdate_normalize(rows[i].in, out, &day);
		CHECK_MSG(ok, "%s not understood", rows[i].in);
		if (ok) {
			CHECK_STR(out, rows[i].want);
			CHECK_MSG(day == rows[i].day, "%s: day %d, want %d", rows[i].in,
				  day, rows[i].day);
		}
	}
	static const char *bad[] = {
		"", "yesterday", "2023-02-29", "2024-02-31", "2024-13-01",
		"0000-01-01", "99999-01-01", "2024-10-27T25:00", "2024-10-27 junk",
		"31 Feb 2024", "--02-30", "2024-1-1",
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(bad); i++) {
		char out[NGI_PUBDATE_LEN];
		int32_t day;
		CHECK_MSG(!ngi_pubdate_normalize(bad[i], out, &day), "\"%s\" accepted", bad[i]);
	}
	CHECK(ngi_date_valid(2000, 2, 29));
	CHECK(!ngi_date_valid(1900, 2, 29));
	CHECK(ngi_days_from_civil(2017, 11, 11) == 17481);
	int64_t secs = 0;
	CHECK(ngi_pubdate_seconds("2024-11-11T11:49:00Z", &secs) && secs == 1731325740);
	CHECK(ngi_pubdate_seconds("2024-11-11T14:49:00+03:00", &secs) && secs == 1731325740);
	CHECK(ngi_pubdate_seconds("2024-11-11T08:49:00-03:00", &secs) && secs == 1731325740);
	CHECK(!ngi_pubdate_seconds("2024-11-11", &secs));
	CHECK(!ngi_pubdate_seconds("--11-11", &secs));
}

int main(void)
{
	test_arena();
	test_buf();
	test_map();
	test_hash();
	test_pubdate();
	return check_report("base");
}
