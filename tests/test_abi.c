/*
 * test_abi.c: the ABI rules at the top of include/newsgraph.h. A program
 * built against an older header hands in smaller sized structs and one built
 * against a newer header larger ones: the library reads and writes only the
 * bytes the caller's size covers (guard bytes after the struct stay as they
 * were), a struct cleared with {0} works, an impossible size is a usage
 * error, and the run-time version matches the header's.
 */
#include <newsgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sized.h"
#include "check.h"

#define GUARD 0xA5
#define EXTRA 32

/* A caller's struct followed by bytes the library must never touch. */
typedef union caller_mem {
	unsigned char bytes[512];
	long double align_;
	void *p_;
} caller_mem;

static int untouched(const caller_mem *m, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (m->bytes[i] != GUARD)
			return 0;
	return 1;
}

static const char text[] =
	"The central bank raised its main interest rate by half a percentage "
	"point on Thursday, its third increase this year, saying inflation "
	"remained far above target.";

static void test_version(void)
{
	CHECK_STR(ng_libversion(), NG_VERSION);
	int major = -1, minor = -1, patch = -1;
	CHECK(sscanf(ng_libversion(), "%d.%d.%d", &major, &minor, &patch) == 3);
	CHECK(ng_libversion_number() == major * 1000000 + minor * 1000 + patch);
	CHECK(ng_libversion_number() == NG_VERSION_NUMBER);
}

/* ng_config_init with an older caller's size clears only that much. */
static void test_config_init(void)
{
	caller_mem m;
	memset(&m, GUARD, sizeof m);
	ng_config_init_sized((ng_config *)m.bytes, NGI_CONFIG_BASE);
	ng_config *c = (ng_config *)m.bytes;
	CHECK(c->size == NGI_CONFIG_BASE);
	CHECK(c->db_path == NULL && c->threads == 0 && c->batch_size == 0);
	CHECK_MSG(untouched(&m, NGI_CONFIG_BASE, sizeof m),
		  "ng_config_init wrote past the caller's %zu bytes",
		  (size_t)NGI_CONFIG_BASE);

	/* a newer caller: its extra fields are set to 0, nothing beyond */
	memset(&m, GUARD, sizeof m);
	ng_config_init_sized((ng_config *)m.bytes, sizeof(ng_config) + EXTRA);
	CHECK(c->size == sizeof(ng_config) + EXTRA);
	CHECK(m.bytes[sizeof(ng_config)] == 0 &&
	      m.bytes[sizeof(ng_config) + EXTRA - 1] == 0);
	CHECK(untouched(&m, sizeof(ng_config) + EXTRA, sizeof m));

	ng_config plain;
	ng_config_init(&plain);
	CHECK(plain.size == sizeof plain);
}

/* Opening with an older, a newer, a zero and an impossible size. */
static void test_config_open(void)
{
	caller_mem m;
	ng_config *c = (ng_config *)m.bytes;
	size_t sizes[] = {NGI_CONFIG_BASE, sizeof(ng_config) + EXTRA, 0};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		memset(&m, GUARD, sizeof m);
		ng_config_init_sized(c, sizes[i] ? sizes[i] : sizeof *c);
		c->size = sizes[i];
		c->threads = 1;
		ng_engine *e = NULL;
		CHECK_MSG(ng_engine_open(c, &e) == NG_OK, "size %zu", sizes[i]);
		ng_engine_close(e);
	}
	ng_config bad;
	ng_config_init(&bad);
	bad.size = sizeof(size_t); /* no release had a config this small */
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&bad, &e) == NG_ERR_USAGE && e == NULL);
}

/* Counts land in the fields the caller's stats has, and nowhere else. */
static void test_stats(void)
{
	ng_config c;
	ng_config_init(&c);
	c.threads = 1;
	ng_engine *e = NULL;
	CHECK(ng_engine_open(&c, &e) == NG_OK);
	if (!e)
		return;

	caller_mem m;
	memset(&m, GUARD, sizeof m);
	ng_ingest_stats *old = (ng_ingest_stats *)m.bytes;
	memset(old, 0, NGI_STATS_BASE);
	old->size = NGI_STATS_BASE;
	ng_ingest_stats zero = {0}, full = NG_INGEST_STATS_INIT;
	ng_record r = NG_RECORD_INIT;
	r.id = "one";
	r.text = text;
	CHECK(ng_ingest_record(e, &r, "test", old) == NG_OK);
	CHECK(ng_ingest_flush(e, old) == NG_OK);
	CHECK(old->records == 1 && old->added == 1);
	CHECK(untouched(&m, NGI_STATS_BASE, sizeof m));

	ng_record r0 = {0}; /* size 0: the base layout */
	r0.id = "two";
	r0.text = text;
	CHECK(ng_ingest_record(e, &r0, "test", &zero) == NG_OK);
	CHECK(ng_ingest_flush(e, &full) == NG_OK);
	CHECK(zero.records == 1 && full.added == 1 && zero.size == 0);

	ng_record bad = NG_RECORD_INIT;
	bad.size = 1;
	bad.text = text;
	CHECK(ng_ingest_record(e, &bad, "test", &full) == NG_ERR_USAGE);
	CHECK(full.records == 0);
	ng_engine_close(e);
}

/* ng_analyze_options: an older and a zero size give the same output. */
static void test_analyze_options(void)
{
	char path[] = "/tmp/newsgraph-abi-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	char *out1 = NULL, *out2 = NULL;
	size_t n1 = 0, n2 = 0;
	FILE *o1 = open_memstream(&out1, &n1), *o2 = open_memstream(&out2, &n2);
	ng_analyze_options a = NG_ANALYZE_OPTIONS_INIT, z = {0};
	a.published = z.published = "2024-03-07";
	long long failed = 0;
	CHECK(ng_analyze_path(path, &a, o1, &failed) == NG_OK);
	CHECK(ng_analyze_path(path, &z, o2, &failed) == NG_OK);
	fclose(o1);
	fclose(o2);
	CHECK(n1 > 0 && n1 == n2 && memcmp(out1, out2, n1) == 0);
	CHECK(strstr(out1, "\"published\":\"2024-03-07\"") != NULL);
	a.size = 3;
	CHECK(ng_analyze_path(path, &a, stdout, &failed) == NG_ERR_USAGE);
	free(out1);
	free(out2);
	unlink(path);
}

int main(void)
{
	test_version();
	test_config_init();
	test_config_open();
	test_stats();
	test_analyze_options();
	return check_report("abi");
}
