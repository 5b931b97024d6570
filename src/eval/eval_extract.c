/*
 * eval_extract.c: the "extract DIR" suite, main-text extraction from HTML
 * on the article-extraction benchmark's layout.
 *
 * DIR/ground-truth.json maps a page id to {"articleBody", "url"}; the page
 * is DIR/html/ID.html.gz (or DIR/html/ID.html). Each page goes through
 * ngi_html_extract with its ground-truth url as the URL.
 *
 * The metric is the benchmark's own (data/README.md of the shared data,
 * and its evaluate.py): tokens are the matches of Python's Unicode \w+,
 * that is maximal runs of letters (Unicode L*), numbers (N*) and '_'
 * (Python's \w does not include combining marks, so neither do we), case
 * kept; a text's shingles are its consecutive 4-token tuples as a
 * multiset (a text of 1 to 3 tokens is one shingle, no tokens none); per
 * page tp = sum of min(true count, predicted count), fp and fn the
 * excesses, all three divided by their sum. Precision is the mean over
 * pages with tp + fp > 0 of tp / (tp + fp) (1 when fp = fn = 0); recall
 * likewise over pages with tp + fn > 0; F1 = 2PR / (P + R) of the means.
 *
 * The pages are split by host, deterministically: FNV-1a (32 bits) of the
 * host name (lower case, "www." removed), even -> "tune", odd ->
 * "report". Rules are tuned by looking at tune pages only; the report
 * half is the out-of-sample figure (docs/QUALITY.md). Every metric is
 * given for all pages, the tune half and the report half. With --verbose
 * the pages are listed worst first on stderr (id, half, P, R, F1, url);
 * with NG_EXTRACT_DUMP=DIR in the environment the extracted bodies are
 * written to DIR/ID.txt (tuning by reading the text, on tune pages).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../base/json.h"
#include "../base/map.h"
#include "../base/utf8.h"
#include "../read/html.h"
#include "eval.h"

#define GOLD_MAX ((size_t)256 << 20)

typedef struct page_score {
	const char *id;
	const char *url;
	int half; /* 0 tune, 1 report */
	double tp, fp, fn;
	int failed;
} page_score;

static int is_word_cp(int32_t cp)
{
	if (cp == '_')
		return 1;
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 32) >= 'a' && (cp | 32) <= 'z');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* Adds the shingles of s (valid UTF-8) to m: key = hash of the 4 tokens,
 * value = count. */
static ng_status shingles(const char *s, ngi_map *m)
{
	size_t len = strlen(s);
	uint64_t tok[4];
	size_t ntok = 0;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		int l = ngi_utf8_decode(s + i, len - i, &cp);
		if (!is_word_cp(cp)) {
			i += (size_t)l;
			continue;
		}
		size_t st = i;
		while (i < len) {
			l = ngi_utf8_decode(s + i, len - i, &cp);
			if (!is_word_cp(cp))
				break;
			i += (size_t)l;
		}
		uint64_t h = ngi_hash(s + st, i - st, 0x5eed);
		if (ntok < 4) {
			tok[ntok++] = h;
		} else {
			tok[0] = tok[1];
			tok[1] = tok[2];
			tok[2] = tok[3];
			tok[3] = h;
			ntok++;
		}
		if (ntok >= 4) {
			uint64_t k = ngi_hash(tok, sizeof tok, 4);
			uint64_t *v = ngi_map_upsert(m, k, 0);
			if (!v)
				return NG_ERR_NOMEM;
			(*v)++;
		}
	}
	if (ntok > 0 && ntok < 4) {
		uint64_t k = ngi_hash(tok, ntok * sizeof *tok, ntok);
		uint64_t *v = ngi_map_upsert(m, k, 0);
		if (!v)
			return NG_ERR_NOMEM;
		(*v)++;
	}
	return NG_OK;
}

static ng_status match(const char *truth, const char *pred, page_score *p)
{
	ngi_map t, q;
	ngi_map_init(&t);
	ngi_map_init(&q);
	ng_status st = shingles(truth, &t);
	if (!st)
		st = shingles(pred, &q);
	double tp = 0, fp = 0, fn = 0;
	for (size_t i = 0; !st && i < t.cap; i++) {
		if (!t.used[i])
			continue;
		uint64_t *pv = ngi_map_get(&q, t.keys[i]);
		uint64_t tc = t.vals[i], pc = pv ? *pv : 0;
		tp += (double)(tc < pc ? tc : pc);
		if (tc > pc)
			fn += (double)(tc - pc);
		else
			fp += (double)(pc - tc);
	}
	for (size_t i = 0; !st && i < q.cap; i++)
		if (q.used[i] && !ngi_map_get(&t, q.keys[i]))
			fp += (double)q.vals[i];
	double s = tp + fp + fn;
	if (s > 0) {
		tp /= s;
		fp /= s;
		fn /= s;
	}
	p->tp = tp;
	p->fp = fp;
	p->fn = fn;
	ngi_map_free(&t);
	ngi_map_free(&q);
	return st;
}

static double precision_of(const page_score *p)
{
	if (p->fp == 0 && p->fn == 0)
		return 1.0;
	return p->tp / (p->tp + p->fp);
}

static double recall_of(const page_score *p)
{
	if (p->fp == 0 && p->fn == 0)
		return 1.0;
	return p->tp / (p->tp + p->fn);
}

static double f1_of(double pr, double re)
{
	return pr + re > 0 ? 2 * pr * re / (pr + re) : 0.0;
}

/* P, R, F1 over the pages of one half (-1: all). */
static void summarise(const page_score *ps, size_t n, int half, double *P,
		      double *R, double *F, long long *pages)
{
	double sp = 0, sr = 0;
	long long np = 0, nr = 0, k = 0;
	for (size_t i = 0; i < n; i++) {
		if (half >= 0 && ps[i].half != half)
			continue;
		k++;
		if (ps[i].tp + ps[i].fp > 0) {
			sp += precision_of(&ps[i]);
			np++;
		}
		if (ps[i].tp + ps[i].fn > 0) {
			sr += recall_of(&ps[i]);
			nr++;
		}
	}
	*P = np ? sp / (double)np : 0;
	*R = nr ? sr / (double)nr : 0;
	*F = f1_of(*P, *R);
	*pages = k;
}

static int host_half(const char *url)
{
	const char *h = strstr(url ? url : "", "://");
	h = h ? h + 3 : (url ? url : "");
	if (strncmp(h, "www.", 4) == 0)
		h += 4;
	uint32_t x = 2166136261u;
	for (; *h && *h != '/' && *h != ':' && *h != '?' && *h != '#'; h++) {
		unsigned char c = (unsigned char)*h;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		x = (x ^ c) * 16777619u;
	}
	return (int)(x & 1);
}

static double page_f1(const page_score *p)
{
	return f1_of(p->tp + p->fp > 0 ? precision_of(p) : 0.0,
		     p->tp + p->fn > 0 ? recall_of(p) : 0.0);
}

static int cmp_worst(const void *a, const void *b)
{
	double x = page_f1(a), y = page_f1(b);
	if (x != y)
		return x < y ? -1 : 1;
	return strcmp(((const page_score *)a)->id, ((const page_score *)b)->id);
}

static void dump(const char *dir, const char *id, const char *body)
{
	size_t n = strlen(dir) + strlen(id) + 8;
	char *p = malloc(n);
	if (!p)
		return;
	snprintf(p, n, "%s/%s.txt", dir, id);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs(body, f);
		fclose(f);
	}
	free(p);
}

ng_status ngi_eval_extract(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	const char *dir = argv[0];
	size_t dl = strlen(dir) + 64;
	char *gold_path = malloc(dl);
	if (!gold_path)
		return NG_ERR_NOMEM;
	snprintf(gold_path, dl, "%s/ground-truth.json", dir);
	ngi_buf gold;
	ngi_buf_init(&gold, GOLD_MAX);
	ngi_arena ga;
	ngi_arena_init(&ga, 1 << 20);
	ng_status st = ngi_read_file(gold_path, GOLD_MAX, &gold, &ctx->diag);
	ngi_json *root = NULL;
	if (!st) {
		size_t off = 0;
		const char *msg = NULL;
		st = ngi_json_parse(gold.data, gold.len, &ga, &root, &off, &msg);
		if (st == NG_ERR_INPUT || (!st && root->type != NGI_JSON_OBJECT)) {
			fprintf(stderr, "newsgraph eval: %s: offset %zu: %s\n",
				gold_path, off, msg ? msg : "not a JSON object");
			st = NG_ERR_INPUT;
		}
	} else {
		fprintf(stderr, "newsgraph eval: cannot read %s\n", gold_path);
	}
	size_t n = !st ? root->len : 0;
	page_score *ps = calloc(n ? n : 1, sizeof *ps);
	if (!ps)
		st = NG_ERR_NOMEM;
	const char *dump_dir = getenv("NG_EXTRACT_DUMP");
	ngi_buf page;
	ngi_buf_init(&page, 0);
	ngi_arena a;
	ngi_arena_init(&a, 1 << 20);
	size_t k = 0;
	long long failed = 0, bytes = 0;
	double t_extract = 0;
	for (const ngi_json *e = !st ? root->child : NULL; e && !st; e = e->next) {
		const char *truth = ngi_json_get_str(e, "articleBody");
		const char *url = ngi_json_get_str(e, "url");
		if (!truth) {
			fprintf(stderr, "newsgraph eval: %s: page %s has no "
					"articleBody\n", gold_path, e->key);
			st = NG_ERR_INPUT;
			break;
		}
		page_score *p = &ps[k++];
		p->id = e->key;
		p->url = url ? url : "";
		p->half = host_half(url);
		size_t pl = strlen(dir) + strlen(e->key) + 32;
		char *path = malloc(pl);
		if (!path) {
			st = NG_ERR_NOMEM;
			break;
		}
		snprintf(path, pl, "%s/html/%s.html.gz", dir, e->key);
		const char *why = NULL;
		ng_status rs = ngi_html_read_file(path, &page, &why);
		if (rs == NG_ERR_NOTFOUND) {
			snprintf(path, pl, "%s/html/%s.html", dir, e->key);
			rs = ngi_html_read_file(path, &page, &why);
		}
		const char *body = "";
		if (rs == NG_ERR_NOMEM) {
			st = rs;
		} else if (rs) {
			fprintf(stderr, "newsgraph eval: %s: %s\n", path, why);
			p->failed = 1;
		} else {
			ngi_html_page out;
			double t0 = ngi_eval_now();
			rs = ngi_html_extract(page.data ? page.data : "", page.len,
					      url, NULL, &a, &out, &why);
			t_extract += ngi_eval_now() - t0;
			bytes += (long long)page.len;
			if (rs == NG_ERR_NOMEM)
				st = rs;
			else if (rs) {
				fprintf(stderr, "newsgraph eval: %s: %s\n", path,
					why ? why : ng_status_str(rs));
				p->failed = 1;
			} else {
				body = out.body;
			}
		}
		free(path);
		if (p->failed)
			failed++;
		if (!st)
			st = match(truth, body, p);
		if (!st && dump_dir)
			dump(dump_dir, e->key, body);
		ngi_arena_reset(&a);
	}
	if (!st && k == 0) {
		fprintf(stderr, "newsgraph eval: no pages in %s\n", gold_path);
		st = NG_ERR_INPUT;
	}
	if (!st) {
		static const char *const names[3][4] = {
			{"pages", "precision", "recall", "f1"},
			{"pages_tune", "precision_tune", "recall_tune", "f1_tune"},
			{"pages_report", "precision_report", "recall_report",
			 "f1_report"}};
		for (int h = -1; h <= 1; h++) {
			double P, R, F;
			long long pages;
			summarise(ps, k, h, &P, &R, &F, &pages);
			ngi_eval_count(rep, names[h + 1][0], pages);
			ngi_eval_real(rep, names[h + 1][1], P);
			ngi_eval_real(rep, names[h + 1][2], R);
			ngi_eval_real(rep, names[h + 1][3], F);
		}
		ngi_eval_count(rep, "failed_pages", failed);
		ngi_eval_real(rep, "pages_per_s",
			      t_extract > 0 ? (double)(k - (size_t)failed) / t_extract
					    : 0.0);
		ngi_eval_real(rep, "mb_per_s",
			      t_extract > 0 ? (double)bytes / 1e6 / t_extract : 0.0);
		if (ctx->opt->verbose) {
			qsort(ps, k, sizeof *ps, cmp_worst);
			fprintf(stderr, "%-12s %-6s %6s %6s %6s  %s\n", "page",
				"half", "P", "R", "F1", "url");
			for (size_t i = 0; i < k; i++)
				fprintf(stderr, "%-12.12s %-6s %6.3f %6.3f %6.3f  %s\n",
					ps[i].id, ps[i].half ? "report" : "tune",
					ps[i].tp + ps[i].fp > 0 ? precision_of(&ps[i]) : 0,
					ps[i].tp + ps[i].fn > 0 ? recall_of(&ps[i]) : 0,
					page_f1(&ps[i]), ps[i].url);
		}
	}
	ngi_arena_free(&a);
	ngi_buf_free(&page);
	free(ps);
	ngi_arena_free(&ga);
	ngi_buf_free(&gold);
	free(gold_path);
	return st;
}
