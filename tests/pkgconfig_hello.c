/*
 * pkgconfig_hello.c: a program as a user of the installed library writes it,
 * built by tests/pkgconfig_test.sh through pkg-config (dynamically and
 * statically) against a temporary install. Ingests two records into an
 * in-memory engine and prints the library's version and whether the copy
 * joined the original's story.
 */
#include <newsgraph.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
	ng_config c;
	ng_config_init(&c);
	c.threads = 1;
	ng_engine *e = NULL;
	if (ng_engine_open(&c, &e) != NG_OK) {
		fprintf(stderr, "pkgconfig_hello: cannot open an engine\n");
		return 1;
	}
	static const char text[] =
		"The central bank raised interest rates by half a point on "
		"Tuesday to fight inflation, the governor said in a statement.";
	ng_ingest_stats stats = NG_INGEST_STATS_INIT;
	ng_record a = NG_RECORD_INIT, b = NG_RECORD_INIT;
	a.id = "original";
	a.text = text;
	b.id = "copy";
	b.text = text;
	long long sa = 0, sb = 0;
	int ok = ng_ingest_record(e, &a, "hello", &stats) == NG_OK &&
		 ng_ingest_record(e, &b, "hello", &stats) == NG_OK &&
		 ng_ingest_flush(e, &stats) == NG_OK &&
		 ng_article_story(e, "original", &sa) == NG_OK &&
		 ng_article_story(e, "copy", &sb) == NG_OK;
	printf("newsgraph %s (header %s), %lld records, %s\n", ng_libversion(),
	       NG_VERSION, stats.records,
	       ok && sa == sb ? "one story" : "FAILED");
	ng_engine_close(e);
	int same_version = strcmp(ng_libversion(), NG_VERSION) == 0;
	return ok && sa == sb && same_version ? 0 : 1;
}
