/*
 * read_speed.c: the read stage alone: records/s and MB/s of ngi_read_path.
 *
 * Reads the paths given (any format the reader takes: a .warc.gz from
 * bench/gen_warc, a JSONL corpus) with a callback that only counts, so the
 * figure is the reader's own cost: decompression, WARC and HTTP parsing,
 * HTML extraction, UTF-8 checks. Thread CPU time and wall time, with the
 * records, failed and skipped counts and the text bytes handed on.
 *
 * Usage: read_speed PATH...
 */
#include <stdio.h>
#include <time.h>

#include "bench_util.h"
#include "read/read.h"

typedef struct counts {
	long long records;
	long long text_bytes;
} counts;

static ng_status count(void *ctx, const ngi_record *r)
{
	counts *c = ctx;
	c->records++;
	c->text_bytes += (long long)r->text_len;
	return NG_OK;
}

static void ignore(void *ctx, const ng_diag *d)
{
	(void)ctx;
	(void)d;
}

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: read_speed PATH...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		counts c = {0, 0};
		ngi_read_stats st = {0};
		ngi_diag_sink quiet = {ignore, NULL, 0, 0};
		double w0 = bench_now(), c0 = cpu_now();
		ng_status s = ngi_read_path(argv[i], count, &c, &quiet, &st);
		double wall = bench_now() - w0, cpu = cpu_now() - c0;
		if (wall <= 0)
			wall = 1e-9;
		if (cpu <= 0)
			cpu = 1e-9;
		printf("%s: %.1f MB in, %lld records (%lld failed, %lld skipped), "
		       "%.1f MB of text out; %.2f s wall, %.2f s CPU: %.0f records/s, "
		       "%.1f MB/s in (CPU time); %lld errors%s\n",
		       argv[i], st.bytes / 1e6, c.records, st.failed, st.skipped,
		       c.text_bytes / 1e6, wall, cpu, c.records / cpu,
		       st.bytes / 1e6 / cpu, quiet.errors,
		       s && s != NG_ERR_INPUT ? " (stopped)" : "");
	}
	return 0;
}
