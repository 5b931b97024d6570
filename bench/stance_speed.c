/*
 * stance_speed.c: single-thread speed of the stance classifier (src/stance/)
 * on FNC-1: preparing bodies (MB/s of body text, after text analysis),
 * preparing headlines (us each) and classifying a prepared pair (us per
 * pair), the cost ingest pays per (claim, article) once both are prepared.
 *
 * Usage: build/bench/stance_speed [BODIES.csv STANCES.csv]
 * (default ../shared/data/fnc1/train_{bodies,stances}.csv). Every pair of
 * STANCES.csv is classified over and over for at least two seconds. Times
 * are the thread's CPU time (the wall time of the classification loop is
 * printed too).
 */
#include "eval/fnc1.h"
#include "stance/stance.h"

#include "bench_util.h"

/* Seconds of CPU time of this thread: the machine is shared, so wall time
 * counts other jobs' share too. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *bp = argc > 2 ? argv[1] : "../shared/data/fnc1/train_bodies.csv";
	const char *sp = argc > 2 ? argv[2] : "../shared/data/fnc1/train_stances.csv";
	ngi_fnc1 d;
	ngi_fnc1_init(&d);
	if (ngi_fnc1_load_bodies(&d, bp, NULL) == NG_ERR_IO ||
	    ngi_fnc1_load_stances(&d, sp, NULL) == NG_ERR_IO || !d.n_bodies) {
		fprintf(stderr, "stance_speed: cannot read %s or %s\n", bp, sp);
		return 1;
	}
	ngi_text_ctx *tc;
	if (ngi_text_ctx_new(&tc))
		return 1;
	ngi_arena docs, keep;
	ngi_arena_init(&docs, 1 << 20);
	ngi_arena_init(&keep, 1 << 20);
	ngi_doc *bd = calloc(d.n_bodies, sizeof *bd);
	ngi_stance_text **bt = calloc(d.n_bodies, sizeof *bt);
	ngi_stance_text **ht = calloc(d.n_stances + 1, sizeof *ht);
	long *hb = calloc(d.n_stances + 1, sizeof *hb);
	if (!bd || !bt || !ht || !hb)
		return 1;
	/* Load the model outside the timings. */
	ng_status st;
	ngi_doc warm;
	ngi_stance_text *wt;
	if (ngi_text_analyze(tc, "warm up", 7, "en", &docs, &warm) ||
	    (st = ngi_stance_prepare(&warm, &docs, &wt)))
		return 1;
	double bytes = 0;
	for (size_t i = 0; i < d.n_bodies; i++) {
		if (ngi_text_analyze(tc, d.bodies[i].text, d.bodies[i].len, NULL,
				     &docs, &bd[i]))
			return 1;
		bytes += (double)d.bodies[i].len;
	}
	double t0 = cpu_now();
	for (size_t i = 0; i < d.n_bodies; i++)
		if (ngi_stance_prepare(&bd[i], &keep, &bt[i]))
			return 1;
	double t_bodies = cpu_now() - t0;
	size_t n = 0;
	double t_heads = 0;
	for (size_t i = 0; i < d.n_stances; i++) {
		long b = ngi_fnc1_find_body(&d, d.stances[i].body_id);
		if (b < 0)
			continue;
		ngi_doc h;
		const char *s = d.stances[i].headline;
		if (ngi_text_analyze(tc, s, strlen(s), bd[b].lang, &docs, &h))
			return 1;
		t0 = cpu_now();
		if (ngi_stance_prepare(&h, &keep, &ht[n]))
			return 1;
		t_heads += cpu_now() - t0;
		hb[n++] = b;
	}
	long long pairs = 0, by_label[4] = {0};
	t0 = bench_now();
	double c0 = cpu_now(), el;
	do {
		for (size_t i = 0; i < n; i++) {
			ngi_stance_result r;
			ngi_stance_classify(ht[i], bt[hb[i]], &r);
			by_label[r.label & 3]++;
		}
		pairs += (long long)n;
		el = bench_now() - t0;
	} while (el < 2.0 && n);
	double cpu = cpu_now() - c0;
	printf("bodies   %zu, %.1f MB: prepare %.1f MB/s (%.1f us per body)\n",
	       d.n_bodies, bytes / 1e6, bytes / 1e6 / t_bodies,
	       1e6 * t_bodies / (double)d.n_bodies);
	printf("headlines %zu: prepare %.2f us each (after analysis; CPU time)\n", n,
	       n ? 1e6 * t_heads / (double)n : 0);
	printf("pairs    %lld classified in %.2f s (%.2f s CPU): %.2f us per pair "
	       "(%lld agree, %lld disagree, %lld discuss, %lld unrelated)\n",
	       pairs, el, cpu, pairs ? 1e6 * cpu / (double)pairs : 0, by_label[0],
	       by_label[1], by_label[2], by_label[3]);
	free(bd);
	free(bt);
	free(ht);
	free(hb);
	ngi_arena_free(&docs);
	ngi_arena_free(&keep);
	ngi_text_ctx_free(tc);
	ngi_fnc1_free(&d);
	return 0;
}
