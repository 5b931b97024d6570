/*
 * eval_reuse.c: the "reuse DIR" suite, copy detection on a labelled corpus.
 *
 * DIR is what eval/gen_reuse.py writes (docs/REUSE_BENCHMARK.md):
 * DIR/articles.jsonl, records {id, title, text, published, outlet, lang},
 * and DIR/pairs.jsonl, the gold: {copy, original, kind, transform,
 * copy_dated} for every copy (kind exact, near, rewrite or partial) and
 * {a, b, kind: "negative"} for hard negatives, different articles about the
 * same claim that must not be linked.
 *
 * The articles go through the public API in file order (ng_ingest_record
 * into an in-memory engine); then every article's copy edges are read back
 * with ng_article_copies. Scores, all pairwise over unordered pairs:
 *  - a gold pair is found when an edge of any kind joins its two articles;
 *    recall is found / gold, overall and per gold kind; kind_match is how
 *    often a found pair's edge has the gold kind;
 *  - an edge is correct when it joins a gold pair or two articles of one
 *    family (copies of one original reuse each other's text: a "sibling"
 *    edge is not a false link, and is counted apart); precision is correct /
 *    edges, overall and per predicted kind (1 when no edge has that kind);
 *  - connected_recall counts a gold pair as found when a path of edges
 *    joins its two articles (a copy linked only to a sibling that is
 *    linked to the original): what a reader following the links would see;
 *  - negative_precision is the share of hard-negative pairs left unlinked;
 *  - direction_accuracy is the share of found gold pairs whose edge names
 *    the gold original, split by whether the copy had a date.
 * A share over nothing (no pair found) is NaN, printed as nan or null;
 * precision over no edges is 1, as in metrics.h.
 * Side by side, the baseline minhash08_*: every pair whose word 3-shingle
 * sets (the engine's normalised words) have a Jaccard similarity >= 0.8,
 * computed exactly (the value MinHash estimates) with an all-pairs prefix-
 * filter join, so the baseline has no estimation noise and no LSH misses.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/json.h"
#include "../base/map.h"
#include "../text/text.h"
#include "../base/utf8.h"
#include "eval.h"
#include "metrics.h"

#define REUSE_FILE_CAP ((size_t)4 << 30)
#define REUSE_NO_INDEX UINT32_MAX
#define MINHASH08_THRESHOLD 0.8

enum { KIND_EXACT, KIND_NEAR, KIND_REWRITE, KIND_PARTIAL, N_KINDS };
static const char *const kind_names[N_KINDS] = {"exact", "near", "rewrite",
						"partial"};
static const char *const kind_pairs_metric[N_KINDS] = {
	"exact_pairs", "near_pairs", "rewrite_pairs", "partial_pairs"};
static const char *const kind_recall_metric[N_KINDS] = {
	"exact_recall", "near_recall", "rewrite_recall", "partial_recall"};
static const char *const kind_precision_metric[N_KINDS] = {
	"exact_precision", "near_precision", "rewrite_precision",
	"partial_precision"};
static const char *const kind_f1_metric[N_KINDS] = {
	"exact_f1", "near_f1", "rewrite_f1", "partial_f1"};
static const char *const kind_match_metric[N_KINDS] = {
	"exact_kind_match", "near_kind_match", "rewrite_kind_match",
	"partial_kind_match"};
static const char *const baseline_recall_metric[N_KINDS] = {
	"minhash08_exact_recall", "minhash08_near_recall",
	"minhash08_rewrite_recall", "minhash08_partial_recall"};

typedef struct gold_pair {
	uint32_t copy, original;
	int kind;
	int dated;
} gold_pair;

typedef struct link_pair {
	uint32_t a, b;          /* a < b */
	int kind;               /* index in kind_names, -1 for others */
	uint32_t original;      /* REUSE_NO_INDEX when not said */
} link_pair;

typedef struct reuse_data {
	ngi_arena ids_arena;
	char **ids;
	size_t n, cap;
	ngi_map by_id;          /* hash of id -> index */
	uint64_t **shingles;    /* per article, sorted, unique */
	uint32_t *n_shingles;
	size_t shingles_cap;
	gold_pair *gold;
	size_t n_gold, cap_gold;
	uint64_t *negatives;    /* pair keys */
	size_t n_neg, cap_neg;
	uint32_t *family;       /* union-find over gold pairs */
	long long failed;       /* records the engine rejected */
	long long bad_lines;    /* lines of either file skipped */
	long long unknown_ids;  /* pairs or edges naming no article */
} reuse_data;

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return ngi_mix64(h);
}

static uint64_t pair_key(uint32_t a, uint32_t b)
{
	return a < b ? ((uint64_t)a << 32) | b : ((uint64_t)b << 32) | a;
}

static uint32_t find_id(const reuse_data *d, const char *id)
{
	if (!id)
		return REUSE_NO_INDEX;
	const uint64_t *v = ngi_map_get(&d->by_id, hash_bytes(id, strlen(id)));
	if (!v || strcmp(d->ids[*v], id) != 0)
		return REUSE_NO_INDEX;
	return (uint32_t)*v;
}

static int kind_of(const char *s)
{
	for (int k = 0; s && k < N_KINDS; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The sorted, unique word 3-shingles of a text: hashes of three consecutive
 * normalised words (tokens of kind word or number), as the engine's MinHash
 * sees them. */
static ng_status text_shingles(ngi_text_ctx *tc, const char *text, size_t len,
			       const char *lang, ngi_arena *scratch,
			       uint64_t **out, uint32_t *n_out)
{
	ngi_buf fixed;
	ngi_buf_init(&fixed, 0);
	if (ngi_utf8_valid_prefix(text, len) != len) {
		size_t first_bad;
		if (ngi_utf8_repair(text, len, &fixed, &first_bad) == (size_t)-1) {
			ngi_buf_free(&fixed);
			return NG_ERR_NOMEM;
		}
		text = fixed.data;
		len = fixed.len;
	}
	ngi_doc doc;
	ng_status st = ngi_text_analyze(tc, text, len, lang, scratch, &doc);
	if (st) {
		ngi_buf_free(&fixed);
		return st;
	}
	uint64_t *sh = malloc((doc.n_tokens ? doc.n_tokens : 1) * sizeof *sh);
	if (!sh) {
		ngi_buf_free(&fixed);
		return NG_ERR_NOMEM;
	}
	size_t n = 0;
	uint64_t w0 = 0, w1 = 0;
	size_t words = 0;
	for (size_t i = 0; i < doc.n_tokens; i++) {
		const ngi_token *t = &doc.tokens[i];
		if (t->kind != NGI_TOK_WORD && t->kind != NGI_TOK_NUMBER)
			continue;
		uint64_t w = hash_bytes(t->norm, t->norm_len);
		if (++words >= 3)
			sh[n++] = ngi_mix64(ngi_mix64(ngi_mix64(w0) ^ w1) ^ w);
		w0 = w1;
		w1 = w;
	}
	qsort(sh, n, sizeof *sh, cmp_u64);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || sh[i] != sh[u - 1])
			sh[u++] = sh[i];
	ngi_buf_free(&fixed);
	*out = sh;
	*n_out = (uint32_t)u;
	return NG_OK;
}

static void data_free(reuse_data *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->shingles[i]);
	free(d->shingles);
	free(d->n_shingles);
	free(d->ids);
	free(d->gold);
	free(d->negatives);
	free(d->family);
	ngi_map_free(&d->by_id);
	ngi_arena_free(&d->ids_arena);
}

/* Calls fn on every non-empty line of path, with its 1-based number and
 * byte offset; stops at the first status fn returns. */
typedef ng_status (*line_fn)(void *ctx, const char *line, size_t len,
			     long long line_no, size_t offset);

static ng_status each_line(ngi_eval_ctx *ctx, const char *path, line_fn fn,
			   void *fctx)
{
	ngi_buf buf;
	ngi_buf_init(&buf, REUSE_FILE_CAP);
	ng_status st = ngi_read_file(path, REUSE_FILE_CAP, &buf, &ctx->diag);
	if (st) {
		ngi_buf_free(&buf);
		return st;
	}
	size_t pos = 0;
	long long line_no = 0;
	while (!st && pos < buf.len) {
		const char *nl = memchr(buf.data + pos, '\n', buf.len - pos);
		size_t end = nl ? (size_t)(nl - buf.data) : buf.len;
		size_t len = end - pos;
		line_no++;
		if (len && buf.data[pos + len - 1] == '\r')
			len--;
		size_t k = 0;
		while (k < len && (buf.data[pos + k] == ' ' ||
				   buf.data[pos + k] == '\t'))
			k++;
		if (k < len)
			st = fn(fctx, buf.data + pos, len, line_no, pos);
		pos = end + 1;
	}
	ngi_buf_free(&buf);
	return st;
}

typedef struct load_ctx {
	ngi_eval_ctx *ctx;
	reuse_data *d;
	ng_engine *e;
	ngi_text_ctx *tc;
	ngi_arena line_arena;
	ngi_arena scratch;
	const char *path;
	ng_ingest_stats stats;
	double engine_seconds;
	double baseline_seconds;
} load_ctx;

static const ngi_json *parse_line(load_ctx *lc, const char *line, size_t len,
				  long long line_no, size_t offset)
{
	ngi_arena_reset(&lc->line_arena);
	ngi_json *j = NULL;
	size_t err_off = 0;
	const char *err = NULL;
	ng_status st = ngi_json_parse(line, len, &lc->line_arena, &j, &err_off,
				      &err);
	if (st == NG_ERR_NOMEM)
		return NULL;
	if (st || j->type != NGI_JSON_OBJECT) {
		ngi_diag(&lc->ctx->diag, NG_DIAG_ERROR, lc->path, line_no,
			 (long long)(offset + (st ? err_off : 0)), "%s",
			 st ? err : "not a JSON object");
		lc->d->bad_lines++;
		return NULL;
	}
	return j;
}

static ng_status load_article(void *p, const char *line, size_t len,
			      long long line_no, size_t offset)
{
	load_ctx *lc = p;
	reuse_data *d = lc->d;
	long long bad_before = d->bad_lines;
	const ngi_json *j = parse_line(lc, line, len, line_no, offset);
	if (!j)
		return d->bad_lines > bad_before ? NG_OK : NG_ERR_NOMEM;
	const char *id = ngi_json_get_str(j, "id");
	const ngi_json *text = ngi_json_get(j, "text");
	if (!id || !*id || !text || text->type != NGI_JSON_STRING) {
		ngi_diag(&lc->ctx->diag, NG_DIAG_ERROR, lc->path, line_no,
			 (long long)offset, "a record needs \"id\" and \"text\"");
		d->bad_lines++;
		return NG_OK;
	}
	uint64_t h = hash_bytes(id, strlen(id));
	if (ngi_map_get(&d->by_id, h)) {
		ngi_diag(&lc->ctx->diag, NG_DIAG_ERROR, lc->path, line_no,
			 (long long)offset, "id \"%.80s\" seen before", id);
		d->bad_lines++;
		return NG_OK;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 1024;
		char **ids = realloc(d->ids, cap * sizeof *ids);
		if (!ids)
			return NG_ERR_NOMEM;
		d->ids = ids;
		d->cap = cap;
	}
	if (d->n == d->shingles_cap) {
		size_t cap = d->cap;
		uint64_t **sh = realloc(d->shingles, cap * sizeof *sh);
		if (!sh)
			return NG_ERR_NOMEM;
		d->shingles = sh;
		uint32_t *nsh = realloc(d->n_shingles, cap * sizeof *nsh);
		if (!nsh)
			return NG_ERR_NOMEM;
		d->n_shingles = nsh;
		d->shingles_cap = cap;
	}
	char *kept = ngi_arena_strdup(&d->ids_arena, id);
	if (!kept || ngi_map_put(&d->by_id, h, d->n))
		return NG_ERR_NOMEM;

	ng_record r = {0};
	r.id = id;
	r.title = ngi_json_get_str(j, "title");
	r.text = text->str;
	r.text_len = text->len;
	r.published = ngi_json_get_str(j, "published");
	r.outlet = ngi_json_get_str(j, "outlet");
	r.lang = ngi_json_get_str(j, "lang");
	double t0 = ngi_eval_now();
	ng_status st = ng_ingest_record(lc->e, &r, lc->path, &lc->stats);
	lc->engine_seconds += ngi_eval_now() - t0;
	if (st == NG_ERR_INPUT) {
		d->failed++;
	} else if (st) {
		return ngi_eval_engine_fail(lc->e, "ingest", st);
	}

	t0 = ngi_eval_now();
	ngi_arena_reset(&lc->scratch);
	uint64_t *sh = NULL;
	uint32_t n_sh = 0;
	st = text_shingles(lc->tc, text->str, text->len, r.lang, &lc->scratch,
			   &sh, &n_sh);
	lc->baseline_seconds += ngi_eval_now() - t0;
	if (st == NG_ERR_NOMEM)
		return st;
	d->ids[d->n] = kept;
	d->shingles[d->n] = sh;
	d->n_shingles[d->n] = n_sh;
	d->n++;
	return NG_OK;
}

static uint32_t family_root(uint32_t *f, uint32_t x)
{
	while (f[x] != x) {
		f[x] = f[f[x]];
		x = f[x];
	}
	return x;
}

static ng_status load_pair(void *p, const char *line, size_t len,
			   long long line_no, size_t offset)
{
	load_ctx *lc = p;
	reuse_data *d = lc->d;
	long long bad_before = d->bad_lines;
	const ngi_json *j = parse_line(lc, line, len, line_no, offset);
	if (!j)
		return d->bad_lines > bad_before ? NG_OK : NG_ERR_NOMEM;
	const char *kind = ngi_json_get_str(j, "kind");
	int negative = kind && strcmp(kind, "negative") == 0;
	int k = kind_of(kind);
	if (!negative && k < 0) {
		ngi_diag(&lc->ctx->diag, NG_DIAG_ERROR, lc->path, line_no,
			 (long long)offset,
			 "\"kind\" must be exact, near, rewrite, partial or "
			 "negative");
		d->bad_lines++;
		return NG_OK;
	}
	const char *ka = negative ? "a" : "copy", *kb = negative ? "b" : "original";
	uint32_t a = find_id(d, ngi_json_get_str(j, ka));
	uint32_t b = find_id(d, ngi_json_get_str(j, kb));
	if (a == REUSE_NO_INDEX || b == REUSE_NO_INDEX || a == b) {
		ngi_diag(&lc->ctx->diag, NG_DIAG_ERROR, lc->path, line_no,
			 (long long)offset,
			 "\"%s\" and \"%s\" must name two different articles", ka,
			 kb);
		d->unknown_ids++;
		return NG_OK;
	}
	if (negative) {
		if (ngi_grow((void **)&d->negatives, &d->cap_neg, d->n_neg + 1,
			     sizeof *d->negatives))
			return NG_ERR_NOMEM;
		d->negatives[d->n_neg++] = pair_key(a, b);
		return NG_OK;
	}
	if (ngi_grow((void **)&d->gold, &d->cap_gold, d->n_gold + 1,
		     sizeof *d->gold))
		return NG_ERR_NOMEM;
	const ngi_json *dated = ngi_json_get(j, "copy_dated");
	d->gold[d->n_gold++] = (gold_pair){
		a, b, k, !(dated && dated->type == NGI_JSON_FALSE)};
	uint32_t ra = family_root(d->family, a), rb = family_root(d->family, b);
	if (ra != rb)
		d->family[ra] = rb;
	return NG_OK;
}

/* Reads every article's copy edges, each unordered pair once. */
static ng_status read_edges(ng_engine *e, reuse_data *d, link_pair **out,
			    size_t *n_out)
{
	ngi_map seen;
	ngi_map_init(&seen);
	link_pair *edges = NULL;
	size_t n = 0, cap = 0;
	int max = 64;
	ng_copy_info *info = malloc((size_t)max * sizeof *info);
	ng_status st = info ? NG_OK : NG_ERR_NOMEM;
	for (size_t i = 0; !st && i < d->n; i++) {
		int got = 0;
		st = ng_article_copies(e, d->ids[i], info, max, &got);
		if (st == NG_ERR_NOTFOUND) {
			st = NG_OK;
			continue;
		}
		if (!st && got > max) {
			ng_copy_info *bigger = realloc(info,
						       (size_t)got * sizeof *info);
			if (!bigger) {
				st = NG_ERR_NOMEM;
				break;
			}
			info = bigger;
			max = got;
			st = ng_article_copies(e, d->ids[i], info, max, &got);
		}
		if (st) {
			ngi_eval_engine_fail(e, "copy look-up", st);
			break;
		}
		for (int k = 0; k < got && k < max; k++) {
			uint32_t other = find_id(d, info[k].other_id);
			if (other == REUSE_NO_INDEX) {
				d->unknown_ids++;
				continue;
			}
			if (other == i)
				continue;
			uint64_t key = pair_key((uint32_t)i, other);
			if (ngi_map_get(&seen, key))
				continue;
			if (ngi_map_put(&seen, key, 1) ||
			    ngi_grow((void **)&edges, &cap, n + 1, sizeof *edges)) {
				st = NG_ERR_NOMEM;
				break;
			}
			uint32_t a = (uint32_t)i < other ? (uint32_t)i : other;
			uint32_t b = (uint32_t)i < other ? other : (uint32_t)i;
			edges[n++] = (link_pair){
				a, b, kind_of(info[k].kind),
				info[k].other_is_original ? other : (uint32_t)i};
		}
	}
	free(info);
	ngi_map_free(&seen);
	if (st) {
		free(edges);
		return st;
	}
	*out = edges;
	*n_out = n;
	return NG_OK;
}

/* ---- the baseline: all pairs with Jaccard >= t, by prefix filtering ----
 * Shingles are ordered rarest first (document frequency, then hash). Two
 * sets with Jaccard >= t share an element among the first
 * |S| - ceil(t |S|) + 1 of either, so only those prefixes are indexed and
 * probed; the candidates are verified exactly on the hash-sorted sets. */
typedef struct ranked {
	uint32_t df;
	uint64_t h;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->df != y->df)
		return x->df < y->df ? -1 : 1;
	return x->h < y->h ? -1 : x->h > y->h;
}

static size_t intersect(const uint64_t *a, size_t na, const uint64_t *b,
			size_t nb)
{
	size_t i = 0, j = 0, c = 0;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			c++;
			i++;
			j++;
		}
	}
	return c;
}

static ng_status jaccard_join(const reuse_data *d, double t, link_pair **out,
			      size_t *n_out)
{
	size_t total = 0;
	for (size_t i = 0; i < d->n; i++)
		total += d->n_shingles[i];
	uint64_t *all = malloc((total ? total : 1) * sizeof *all);
	uint32_t *df = NULL;
	uint32_t *stamp = calloc(d->n ? d->n : 1, sizeof *stamp);
	uint32_t *node_doc = NULL, *node_next = NULL;
	size_t n_nodes = 0, cap_doc = 0, cap_next = 0;
	ranked *rk = NULL;
	size_t rk_cap = 0;
	link_pair *pairs = NULL;
	size_t n_pairs = 0, cap_pairs = 0;
	ngi_map heads;
	ngi_map_init(&heads);
	ng_status st = (all && stamp) ? NG_OK : NG_ERR_NOMEM;
	size_t n_unique = 0;
	if (!st) {
		size_t k = 0;
		for (size_t i = 0; i < d->n; i++) {
			memcpy(all + k, d->shingles[i],
			       d->n_shingles[i] * sizeof *all);
			k += d->n_shingles[i];
		}
		qsort(all, total, sizeof *all, cmp_u64);
		df = malloc((total ? total : 1) * sizeof *df);
		if (!df)
			st = NG_ERR_NOMEM;
		for (size_t i = 0; !st && i < total; i++) {
			if (n_unique && all[n_unique - 1] == all[i]) {
				df[n_unique - 1]++;
				continue;
			}
			all[n_unique] = all[i];
			df[n_unique++] = 1;
		}
	}
	for (size_t i = 0; !st && i < d->n; i++) {
		size_t n = d->n_shingles[i];
		if (n == 0)
			continue;
		if (ngi_grow((void **)&rk, &rk_cap, n, sizeof *rk)) {
			st = NG_ERR_NOMEM;
			break;
		}
		for (size_t k = 0; k < n; k++) {
			uint64_t h = d->shingles[i][k];
			size_t lo = ngi_lower_bound_u64(all, n_unique, h);
			rk[k] = (ranked){df[lo], h};
		}
		qsort(rk, n, sizeof *rk, cmp_ranked);
		size_t prefix = n - (size_t)ceil(t * (double)n - 1e-9) + 1;
		if (prefix > n)
			prefix = n;
		/* probe the earlier documents, then index this one */
		for (size_t k = 0; !st && k < prefix; k++) {
			if (rk[k].df < 2)
				continue;
			const uint64_t *head = ngi_map_get(&heads, rk[k].h);
			for (uint32_t node = head ? (uint32_t)*head : UINT32_MAX;
			     node != UINT32_MAX; node = node_next[node]) {
				uint32_t j = node_doc[node];
				if (stamp[j] == i + 1)
					continue;
				stamp[j] = (uint32_t)i + 1;
				double nj = d->n_shingles[j], ni = (double)n;
				if (nj < t * ni || ni < t * nj)
					continue;
				size_t c = intersect(d->shingles[i], n,
						     d->shingles[j],
						     d->n_shingles[j]);
				if ((double)c < t * (ni + nj - (double)c))
					continue;
				if (ngi_grow((void **)&pairs, &cap_pairs,
					     n_pairs + 1, sizeof *pairs)) {
					st = NG_ERR_NOMEM;
					break;
				}
				pairs[n_pairs++] = (link_pair){
					j, (uint32_t)i, -1, REUSE_NO_INDEX};
			}
		}
		for (size_t k = 0; !st && k < prefix; k++) {
			if (rk[k].df < 2)
				continue;
			if (ngi_grow((void **)&node_doc, &cap_doc, n_nodes + 1,
				     sizeof *node_doc) ||
			    ngi_grow((void **)&node_next, &cap_next,
				     n_nodes + 1, sizeof *node_next)) {
				st = NG_ERR_NOMEM;
				break;
			}
			uint64_t *head = ngi_map_upsert(&heads, rk[k].h,
							UINT32_MAX);
			if (!head) {
				st = NG_ERR_NOMEM;
				break;
			}
			node_doc[n_nodes] = (uint32_t)i;
			node_next[n_nodes] = (uint32_t)*head;
			*head = n_nodes++;
		}
	}
	free(all);
	free(df);
	free(stamp);
	free(node_doc);
	free(node_next);
	free(rk);
	ngi_map_free(&heads);
	if (st) {
		free(pairs);
		return st;
	}
	*out = pairs;
	*n_out = n_pairs;
	return NG_OK;
}

/* ---- scoring ------------------------------------------------------------- */
typedef struct link_scores {
	long long edges, gold_edges, sibling_edges, false_edges;
	long long negatives_linked;
	long long found[N_KINDS], kind_match[N_KINDS];
	long long pred[N_KINDS], pred_correct[N_KINDS];
	long long direction_right[2], direction_total[2]; /* [dated] */
	long long found_all;
	long long connected;    /* gold pairs joined by a path of edges */
} link_scores;

static ng_status score_links(const reuse_data *d, const link_pair *edges,
			     size_t n_edges, link_scores *s)
{
	memset(s, 0, sizeof *s);
	ngi_map gold, neg;
	ngi_map_init(&gold);
	ngi_map_init(&neg);
	unsigned char *found = calloc(d->n_gold ? d->n_gold : 1, 1);
	uint32_t *linked = malloc((d->n ? d->n : 1) * sizeof *linked);
	ng_status st = found && linked ? NG_OK : NG_ERR_NOMEM;
	for (size_t i = 0; !st && i < d->n; i++)
		linked[i] = (uint32_t)i;
	for (size_t g = 0; !st && g < d->n_gold; g++)
		st = ngi_map_put(&gold,
				 pair_key(d->gold[g].copy, d->gold[g].original),
				 g);
	for (size_t k = 0; !st && k < d->n_neg; k++)
		st = ngi_map_put(&neg, d->negatives[k], 1);
	for (size_t i = 0; !st && i < n_edges; i++) {
		const link_pair *e = &edges[i];
		uint64_t key = pair_key(e->a, e->b);
		const uint64_t *g = ngi_map_get(&gold, key);
		int correct = 0;
		uint32_t ra = family_root(linked, e->a),
			 rb = family_root(linked, e->b);
		if (ra != rb)
			linked[ra] = rb;
		s->edges++;
		if (g) {
			const gold_pair *p = &d->gold[*g];
			correct = 1;
			s->gold_edges++;
			if (!found[*g]) {
				found[*g] = 1;
				s->found[p->kind]++;
				s->found_all++;
				if (e->kind == p->kind)
					s->kind_match[p->kind]++;
				if (e->original != REUSE_NO_INDEX) {
					s->direction_total[p->dated]++;
					if (e->original == p->original)
						s->direction_right[p->dated]++;
				}
			}
		} else if (family_root(d->family, e->a) ==
			   family_root(d->family, e->b)) {
			correct = 1;
			s->sibling_edges++;
		} else {
			s->false_edges++;
			if (ngi_map_get(&neg, key))
				s->negatives_linked++;
		}
		if (e->kind >= 0) {
			s->pred[e->kind]++;
			s->pred_correct[e->kind] += correct;
		}
	}
	for (size_t g = 0; !st && g < d->n_gold; g++)
		s->connected += family_root(linked, d->gold[g].copy) ==
				family_root(linked, d->gold[g].original);
	free(found);
	free(linked);
	ngi_map_free(&gold);
	ngi_map_free(&neg);
	return st;
}

static double ratio(long long num, long long den, double if_empty)
{
	return den ? (double)num / (double)den : if_empty;
}

static void report_links(const reuse_data *d, const link_scores *s,
			 ngi_eval_report *rep)
{
	long long per_kind[N_KINDS] = {0};
	for (size_t g = 0; g < d->n_gold; g++)
		per_kind[d->gold[g].kind]++;
	double p = ratio(s->gold_edges + s->sibling_edges, s->edges, 1.0);
	double r = ratio(s->found_all, (long long)d->n_gold, 1.0);
	ngi_eval_count(rep, "articles", (long long)d->n);
	ngi_eval_count(rep, "gold_pairs", (long long)d->n_gold);
	ngi_eval_count(rep, "negative_pairs", (long long)d->n_neg);
	ngi_eval_count(rep, "edges", s->edges);
	ngi_eval_count(rep, "gold_edges", s->gold_edges);
	ngi_eval_count(rep, "sibling_edges", s->sibling_edges);
	ngi_eval_count(rep, "false_edges", s->false_edges);
	ngi_eval_real(rep, "precision", p);
	ngi_eval_real(rep, "recall", r);
	ngi_eval_real(rep, "f1", ngi_f1(p, r));
	ngi_eval_real(rep, "connected_recall",
		      ratio(s->connected, (long long)d->n_gold, 1.0));
	long long matched = 0;
	for (int k = 0; k < N_KINDS; k++)
		matched += s->kind_match[k];
	ngi_eval_real(rep, "kind_match", ratio(matched, s->found_all, NAN));
	for (int k = 0; k < N_KINDS; k++) {
		double kp = ratio(s->pred_correct[k], s->pred[k], 1.0);
		double kr = ratio(s->found[k], per_kind[k], 1.0);
		ngi_eval_count(rep, kind_pairs_metric[k], per_kind[k]);
		ngi_eval_real(rep, kind_recall_metric[k], kr);
		ngi_eval_real(rep, kind_precision_metric[k], kp);
		ngi_eval_real(rep, kind_f1_metric[k], ngi_f1(kp, kr));
		ngi_eval_real(rep, kind_match_metric[k],
			      ratio(s->kind_match[k], s->found[k], NAN));
	}
	ngi_eval_count(rep, "negatives_linked", s->negatives_linked);
	ngi_eval_real(rep, "negative_precision",
		      1.0 - ratio(s->negatives_linked, (long long)d->n_neg, 0.0));
	ngi_eval_real(rep, "direction_accuracy",
		      ratio(s->direction_right[0] + s->direction_right[1],
			    s->direction_total[0] + s->direction_total[1], NAN));
	ngi_eval_real(rep, "direction_accuracy_dated",
		      ratio(s->direction_right[1], s->direction_total[1], NAN));
	ngi_eval_real(rep, "direction_accuracy_undated",
		      ratio(s->direction_right[0], s->direction_total[0], NAN));
}

static void report_baseline(const reuse_data *d, const link_scores *s,
			    ngi_eval_report *rep)
{
	long long per_kind[N_KINDS] = {0};
	for (size_t g = 0; g < d->n_gold; g++)
		per_kind[d->gold[g].kind]++;
	double p = ratio(s->gold_edges + s->sibling_edges, s->edges, 1.0);
	double r = ratio(s->found_all, (long long)d->n_gold, 1.0);
	ngi_eval_count(rep, "minhash08_edges", s->edges);
	ngi_eval_real(rep, "minhash08_precision", p);
	ngi_eval_real(rep, "minhash08_recall", r);
	ngi_eval_real(rep, "minhash08_f1", ngi_f1(p, r));
	ngi_eval_real(rep, "minhash08_connected_recall",
		      ratio(s->connected, (long long)d->n_gold, 1.0));
	for (int k = 0; k < N_KINDS; k++)
		ngi_eval_real(rep, baseline_recall_metric[k],
			      ratio(s->found[k], per_kind[k], 1.0));
	ngi_eval_real(rep, "minhash08_negative_precision",
		      1.0 - ratio(s->negatives_linked, (long long)d->n_neg, 0.0));
}

static ng_status join_path(const char *dir, const char *name, ngi_buf *out)
{
	ngi_buf_clear(out);
	size_t n = strlen(dir);
	ng_status st = ngi_buf_append(out, dir, n);
	if (!st && n && dir[n - 1] != '/')
		st = ngi_buf_putc(out, '/');
	return st ? st : ngi_buf_puts(out, name);
}

ng_status ngi_eval_reuse(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	reuse_data d;
	memset(&d, 0, sizeof d);
	ngi_arena_init(&d.ids_arena, 0);
	ngi_map_init(&d.by_id);
	load_ctx lc;
	memset(&lc, 0, sizeof lc);
	lc.ctx = ctx;
	lc.d = &d;
	ngi_arena_init(&lc.line_arena, 0);
	ngi_arena_init(&lc.scratch, 0);
	ngi_buf path;
	ngi_buf_init(&path, 0);
	link_pair *edges = NULL, *base = NULL;
	size_t n_edges = 0, n_base = 0;

	ng_status st = ngi_text_ctx_new(&lc.tc);
	if (!st)
		st = ngi_eval_open_engine(ctx, &lc.e);
	if (!st)
		st = join_path(argv[0], "articles.jsonl", &path);
	if (st)
		goto done;
	lc.path = path.data;
	st = each_line(ctx, path.data, load_article, &lc);
	if (st)
		goto done;
	double t0 = ngi_eval_now();
	st = ng_ingest_flush(lc.e, &lc.stats);
	if (st == NG_ERR_INPUT) {
		st = NG_OK;
	} else if (st) {
		ngi_eval_engine_fail(lc.e, "flush", st);
		goto done;
	}
	st = read_edges(lc.e, &d, &edges, &n_edges);
	lc.engine_seconds += ngi_eval_now() - t0;
	if (st)
		goto done;

	d.family = malloc((d.n ? d.n : 1) * sizeof *d.family);
	if (!d.family) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	for (size_t i = 0; i < d.n; i++)
		d.family[i] = (uint32_t)i;
	if ((st = join_path(argv[0], "pairs.jsonl", &path)))
		goto done;
	lc.path = path.data;
	if ((st = each_line(ctx, path.data, load_pair, &lc)))
		goto done;

	t0 = ngi_eval_now();
	st = jaccard_join(&d, MINHASH08_THRESHOLD, &base, &n_base);
	lc.baseline_seconds += ngi_eval_now() - t0;
	if (st)
		goto done;

	link_scores engine_scores, base_scores;
	if ((st = score_links(&d, edges, n_edges, &engine_scores)) ||
	    (st = score_links(&d, base, n_base, &base_scores)))
		goto done;
	report_links(&d, &engine_scores, rep);
	report_baseline(&d, &base_scores, rep);
	ngi_eval_count(rep, "failed", d.failed);
	ngi_eval_count(rep, "bad_lines", d.bad_lines);
	ngi_eval_count(rep, "unknown_ids", d.unknown_ids);
	ngi_eval_real(rep, "seconds", lc.engine_seconds);
	ngi_eval_real(rep, "articles_per_second",
		      lc.engine_seconds > 0
			      ? (double)d.n / lc.engine_seconds
			      : 0.0);
	ngi_eval_real(rep, "minhash08_seconds", lc.baseline_seconds);
done:
	if (st == NG_ERR_NOMEM)
		fprintf(stderr, "newsgraph eval: reuse: out of memory\n");
	free(edges);
	free(base);
	ng_engine_close(lc.e);
	ngi_text_ctx_free(lc.tc);
	ngi_arena_free(&lc.line_arena);
	ngi_arena_free(&lc.scratch);
	ngi_buf_free(&path);
	data_free(&d);
	return st;
}
