/*
 * eval_pairs.c: the cross-lingual similarity suites, "pairs DIR" (SemEval
 * 2022 task 8) and "xling DIR" (SlavicNER topics).
 *
 * Both turn each article into its pivot term bag (src/sketch/pivot_terms.h: English
 * stems through the FreeDict table, numbers, canonical entity keys) and
 * score pairs with the TF-IDF cosine of src/eval/crossling.h. The idf is
 * learnt from the articles of the set being scored (their texts only, never
 * the labels); nothing learnt is kept. For comparison each suite also scores
 * the native term bag (src/sketch: stems of the document's own language,
 * names, numbers) with the same cosine: what plain TF-IDF gives.
 *
 * pairs: DIR/articles.jsonl {id, lang, title, text} and DIR/pairs.jsonl
 * {id1, id2, lang1, lang2, Overall, ...}, Overall from 1 (same story) to 4.
 * Reports the Pearson correlation of the similarity with -Overall (so
 * higher is better), and same-story decisions (positives: Overall <= 1.5)
 * as precision, recall and F1 at a threshold chosen by 10-fold
 * cross-validation (folds by pair index mod 10; on each fold the threshold
 * that maximises F1 on the nine others), for all pairs and for the
 * German-English ones. The threshold chosen on all pairs is reported too.
 *
 * xling: DIR/<topic>/<lang>/NAME.txt (the first line a title). For each
 * article, its most similar article in another language; precision at 1 is
 * the share whose match is on the same topic (the folder), overall and per
 * language, with the chance level (the share of same-topic articles among
 * those in other languages, averaged).
 *
 * These suites call the text, entity and pivot stages directly, not an
 * engine: the public API has no cross-lingual score yet.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/json.h"
#include "../extract/entities.h"
#include "crossling.h"
#include "../sketch/pivot_terms.h"
#include "../text/text.h"
#include "../base/utf8.h"
#include "eval.h"
#include "metrics.h"

#define XL_MAX_FILE ((size_t)256 << 20)
#define XL_MAX_ARTICLE ((size_t)16 << 20)
#define XL_MAX_DOCS 1000000
#define XL_FOLDS 10
#define XL_SAME_STORY 1.5 /* Overall at or below: the same story */

/* ---- one article -> its bags --------------------------------------------*/
typedef struct xl_doc {
	char lang[8];
	ngi_term *pivot, *native;
	uint32_t n_pivot, n_native;
	int topic, lang_idx;
	ngi_xling_vec vp, vn;
} xl_doc;

typedef struct xl_prep {
	ngi_text_ctx *tc;
	ngi_entity_ctx *ec;
	ngi_arena scratch, keep;
	ngi_pivot_options opt;
	long long words, known; /* non-English content words, and found */
} xl_prep;

static ng_status prep_open(xl_prep *p)
{
	memset(p, 0, sizeof *p);
	ngi_arena_init(&p->scratch, 1 << 20);
	ngi_arena_init(&p->keep, 4 << 20);
	ngi_pivot_options_init(&p->opt);
	ng_status st = ngi_text_ctx_new(&p->tc);
	if (!st)
		st = ngi_entity_ctx_new(&p->ec);
	if (st)
		fprintf(stderr, "newsgraph eval: cannot start the analysers: %s\n",
			ng_status_str(st));
	return st;
}

static void prep_close(xl_prep *p)
{
	ngi_entity_ctx_free(p->ec);
	ngi_text_ctx_free(p->tc);
	ngi_arena_free(&p->scratch);
	ngi_arena_free(&p->keep);
}

static ng_status copy_terms(ngi_arena *a, const ngi_term *t, uint32_t n,
			    ngi_term **out)
{
	*out = ngi_arena_alloc(a, (n ? n : 1) * sizeof **out);
	if (!*out)
		return NG_ERR_NOMEM;
	memcpy(*out, t, n * sizeof *t);
	return NG_OK;
}

/* Analyses title and text (valid UTF-8) of lang (NULL: detect) into d. */
static ng_status prep_doc(xl_prep *p, const char *title, const char *text,
			  size_t len, const char *lang, xl_doc *d)
{
	ngi_doc body, head;
	ngi_mention *bm = NULL, *hm = NULL;
	size_t n_bm = 0, n_hm = 0;
	int has_title = title && *title;
	ngi_arena_reset(&p->scratch);
	ng_status st = ngi_text_analyze(p->tc, text, len, lang, &p->scratch, &body);
	if (!st && has_title)
		st = ngi_text_analyze(p->tc, title, strlen(title), body.lang,
				      &p->scratch, &head);
	if (!st)
		st = ngi_entities_find(p->ec, &body, &p->scratch, &bm, &n_bm);
	if (!st && has_title)
		st = ngi_entities_find(p->ec, &head, &p->scratch, &hm, &n_hm);
	ngi_term *t = NULL;
	uint32_t n = 0;
	if (!st)
		st = ngi_pivot_terms(&body, bm, n_bm, has_title ? &head : NULL, hm,
				     n_hm, &p->opt, &p->scratch, &t, &n);
	if (!st)
		st = copy_terms(&p->keep, t, n, &d->pivot);
	d->n_pivot = n;
	if (!st)
		st = ngi_terms(&body, has_title ? &head : NULL, 2, 3, 4, &p->keep,
			       &d->native, &d->n_native);
	if (st)
		return st;
	memcpy(d->lang, body.lang, sizeof d->lang);
	if (strcmp(body.lang, "en") != 0) {
		uint32_t out[NGI_PIVOT_MAX_TARGETS];
		for (size_t i = 0; i < body.n_tokens; i++) {
			const ngi_token *tk = &body.tokens[i];
			if (tk->kind != NGI_TOK_WORD ||
			    ngi_utf8_count(tk->norm, tk->norm_len) < 2 ||
			    ngi_is_stopword(body.lang, tk->norm, tk->norm_len))
				continue;
			p->words++;
			p->known += ngi_pivot_lookup(body.lang, tk->stem, tk->stem_len,
						     out, 1) > 0;
		}
	}
	return NG_OK;
}

/* The idf of the whole set, then each document's two vectors. */
static ng_status vectors(xl_prep *p, xl_doc *docs, size_t n)
{
	ngi_xling_idf ip, in;
	ngi_xling_idf_init(&ip);
	ngi_xling_idf_init(&in);
	ng_status st = NG_OK;
	for (size_t i = 0; i < n && !st; i++) {
		st = ngi_xling_idf_add(&ip, docs[i].pivot, docs[i].n_pivot);
		if (!st)
			st = ngi_xling_idf_add(&in, docs[i].native, docs[i].n_native);
	}
	for (size_t i = 0; i < n && !st; i++) {
		st = ngi_xling_vector(&ip, docs[i].pivot, docs[i].n_pivot, &p->keep,
				      &docs[i].vp);
		if (!st)
			st = ngi_xling_vector(&in, docs[i].native, docs[i].n_native,
					      &p->keep, &docs[i].vn);
	}
	ngi_xling_idf_free(&ip);
	ngi_xling_idf_free(&in);
	return st;
}

/* ---- pairs -------------------------------------------------------------------*/
typedef struct xl_pair {
	uint32_t a, b;
	double overall;
	double sim, sim_native;
	int de_en;
} xl_pair;

/* A map from article id (its hash) to index + 1. */
static uint64_t id_hash(const char *id)
{
	uint64_t h = 1469598103934665603ull;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 1099511628211ull;
	return ngi_mix64(h);
}

typedef ng_status (*line_fn)(void *ctx, const ngi_json *j, const char *path,
			     long long line_no, size_t offset);

static ng_status each_json_line(ngi_eval_ctx *ctx, const char *path,
				line_fn fn, void *fctx)
{
	ngi_buf b;
	ngi_buf_init(&b, XL_MAX_FILE);
	ng_status st = ngi_read_file(path, XL_MAX_FILE, &b, &ctx->diag);
	if (st) {
		ngi_buf_free(&b);
		fprintf(stderr, "newsgraph eval: cannot read %s\n", path);
		return st;
	}
	ngi_arena line_arena;
	ngi_arena_init(&line_arena, 1 << 20);
	long long line_no = 0;
	for (size_t pos = 0; pos < b.len && !st;) {
		const char *nl = memchr(b.data + pos, '\n', b.len - pos);
		size_t n = nl ? (size_t)(nl - (b.data + pos)) : b.len - pos;
		line_no++;
		size_t start = pos;
		pos += n + 1;
		if (n == 0 || (n == 1 && b.data[start] == '\r'))
			continue;
		ngi_json *j = NULL;
		size_t err_off = 0;
		const char *err = NULL;
		ngi_arena_reset(&line_arena);
		if (ngi_json_parse(b.data + start, n, &line_arena, &j, &err_off,
				   &err) || j->type != NGI_JSON_OBJECT) {
			ngi_diag(&ctx->diag, NG_DIAG_ERROR, path, line_no,
				 (long long)(start + err_off), "%s",
				 err ? err : "not a JSON object");
			st = NG_ERR_INPUT;
			break;
		}
		st = fn(fctx, j, path, line_no, start);
	}
	ngi_arena_free(&line_arena);
	ngi_buf_free(&b);
	return st;
}

typedef struct pairs_ctx {
	ngi_eval_ctx *ctx;
	xl_prep prep;
	xl_doc *docs;
	size_t n_docs, cap_docs;
	ngi_map ids;
	xl_pair *pairs;
	size_t n_pairs, cap_pairs;
	long long missing;
	ngi_buf repaired;
} pairs_ctx;

static ng_status article_line(void *vc, const ngi_json *j, const char *path,
			      long long line_no, size_t offset)
{
	pairs_ctx *pc = vc;
	const char *id = ngi_json_get_str(j, "id");
	const ngi_json *text = ngi_json_get(j, "text");
	if (!id || !text || text->type != NGI_JSON_STRING) {
		ngi_diag(&pc->ctx->diag, NG_DIAG_ERROR, path, line_no,
			 (long long)offset, "an article needs id and text");
		return NG_ERR_INPUT;
	}
	if (pc->n_docs >= XL_MAX_DOCS)
		return NG_ERR_TOOBIG;
	if (ngi_grow((void **)&pc->docs, &pc->cap_docs, pc->n_docs + 1,
		     sizeof *pc->docs))
		return NG_ERR_NOMEM;
	const char *s = text->str;
	size_t len = text->len;
	s = ngi_utf8_or_repaired(s, &len, &pc->repaired);
	if (len > XL_MAX_ARTICLE)
		len = XL_MAX_ARTICLE;
	xl_doc *d = &pc->docs[pc->n_docs];
	memset(d, 0, sizeof *d);
	ng_status st = prep_doc(&pc->prep, ngi_json_get_str(j, "title"), s, len,
				ngi_json_get_str(j, "lang"), d);
	if (st)
		return st;
	pc->n_docs++;
	return ngi_map_put(&pc->ids, id_hash(id), pc->n_docs);
}

static ng_status pair_line(void *vc, const ngi_json *j, const char *path,
			   long long line_no, size_t offset)
{
	pairs_ctx *pc = vc;
	const char *id1 = ngi_json_get_str(j, "id1"), *id2 = ngi_json_get_str(j, "id2");
	const ngi_json *o = ngi_json_get(j, "Overall");
	if (!id1 || !id2 || !o || o->type != NGI_JSON_NUMBER) {
		ngi_diag(&pc->ctx->diag, NG_DIAG_ERROR, path, line_no,
			 (long long)offset, "a pair needs id1, id2 and Overall");
		return NG_ERR_INPUT;
	}
	const uint64_t *a = ngi_map_get(&pc->ids, id_hash(id1));
	const uint64_t *b = ngi_map_get(&pc->ids, id_hash(id2));
	if (!a || !b) {
		pc->missing++;
		return NG_OK;
	}
	if (ngi_grow((void **)&pc->pairs, &pc->cap_pairs, pc->n_pairs + 1,
		     sizeof *pc->pairs))
		return NG_ERR_NOMEM;
	const char *l1 = ngi_json_get_str(j, "lang1"), *l2 = ngi_json_get_str(j, "lang2");
	int de_en = l1 && l2 &&
		    ((strcmp(l1, "de") == 0 && strcmp(l2, "en") == 0) ||
		     (strcmp(l1, "en") == 0 && strcmp(l2, "de") == 0));
	pc->pairs[pc->n_pairs++] =
		(xl_pair){(uint32_t)(*a - 1), (uint32_t)(*b - 1), o->number, 0, 0, de_en};
	return NG_OK;
}

static double pearson(const xl_pair *p, size_t n, int subset, int native)
{
	double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (subset && !p[i].de_en)
			continue;
		double x = native ? p[i].sim_native : p[i].sim, y = -p[i].overall;
		sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
		m++;
	}
	if (m < 2)
		return 0;
	double cov = sxy - sx * sy / (double)m;
	double vx = sxx - sx * sx / (double)m, vy = syy - sy * sy / (double)m;
	return vx > 0 && vy > 0 ? cov / sqrt(vx * vy) : 0;
}

typedef struct scored { double sim; int pos; } scored;

static int by_sim_desc(const void *x, const void *y)
{
	const scored *a = x, *b = y;
	return (a->sim < b->sim) - (a->sim > b->sim);
}

/* The threshold with the best F1 on the pairs in (fold excluded; -1: none
 * excluded): the midpoint between the last score taken and the next. */
static double best_threshold(const xl_pair *p, size_t n, int fold, int native,
			     scored *buf)
{
	size_t m = 0, pos = 0;
	for (size_t i = 0; i < n; i++) {
		if (fold >= 0 && (int)(i % XL_FOLDS) == fold)
			continue;
		buf[m].sim = native ? p[i].sim_native : p[i].sim;
		buf[m].pos = p[i].overall <= XL_SAME_STORY;
		pos += (size_t)buf[m].pos;
		m++;
	}
	qsort(buf, m, sizeof *buf, by_sim_desc);
	double best_f1 = -1, best = 1.0;
	size_t tp = 0;
	for (size_t k = 0; k < m; k++) {
		tp += (size_t)buf[k].pos;
		if (k + 1 < m && buf[k + 1].sim == buf[k].sim)
			continue;
		double prec = (double)tp / (double)(k + 1);
		double rec = pos ? (double)tp / (double)pos : 0;
		double f1 = ngi_f1(prec, rec);
		if (f1 > best_f1) {
			best_f1 = f1;
			best = k + 1 < m ? (buf[k].sim + buf[k + 1].sim) / 2 : buf[k].sim;
		}
	}
	return best;
}

typedef struct prf { long long tp, fp, fn; } prf;

static void decide(const xl_pair *p, size_t n, int native, scored *buf,
		   prf *all, prf *de_en)
{
	memset(all, 0, sizeof *all);
	memset(de_en, 0, sizeof *de_en);
	for (int f = 0; f < XL_FOLDS; f++) {
		double t = best_threshold(p, n, f, native, buf);
		for (size_t i = (size_t)f; i < n; i += XL_FOLDS) {
			double s = native ? p[i].sim_native : p[i].sim;
			int yes = s >= t, gold = p[i].overall <= XL_SAME_STORY;
			prf *sets[2] = {all, p[i].de_en ? de_en : NULL};
			for (int k = 0; k < 2; k++) {
				if (!sets[k])
					continue;
				sets[k]->tp += yes && gold;
				sets[k]->fp += yes && !gold;
				sets[k]->fn += !yes && gold;
			}
		}
	}
}

static void report_prf(ngi_eval_report *rep, const prf *x, const char *p_name,
		       const char *r_name, const char *f_name)
{
	double prec = x->tp + x->fp ? (double)x->tp / (double)(x->tp + x->fp) : 0;
	double rec = x->tp + x->fn ? (double)x->tp / (double)(x->tp + x->fn) : 0;
	ngi_eval_real(rep, p_name, prec);
	ngi_eval_real(rep, r_name, rec);
	ngi_eval_real(rep, f_name, ngi_f1(prec, rec));
}

static ng_status join(const char *dir, const char *name, char **out)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	*out = malloc(n);
	if (!*out)
		return NG_ERR_NOMEM;
	snprintf(*out, n, "%s/%s", dir, name);
	return NG_OK;
}

ng_status ngi_eval_pairs(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	pairs_ctx pc;
	memset(&pc, 0, sizeof pc);
	pc.ctx = ctx;
	ngi_map_init(&pc.ids);
	ngi_buf_init(&pc.repaired, XL_MAX_ARTICLE * 3);
	char *path = NULL;
	scored *buf = NULL;
	double t0 = ngi_eval_now();
	ng_status st = prep_open(&pc.prep);
	if (!st)
		st = join(argv[0], "articles.jsonl", &path);
	if (!st)
		st = each_json_line(ctx, path, article_line, &pc);
	free(path);
	path = NULL;
	if (!st)
		st = join(argv[0], "pairs.jsonl", &path);
	if (!st)
		st = each_json_line(ctx, path, pair_line, &pc);
	double t_prep = ngi_eval_now() - t0;
	if (!st)
		st = vectors(&pc.prep, pc.docs, pc.n_docs);
	if (!st && pc.n_pairs == 0) {
		fprintf(stderr, "newsgraph eval: %s: no pairs with both articles\n",
			argv[0]);
		st = NG_ERR_INPUT;
	}
	if (!st && !(buf = malloc(pc.n_pairs * sizeof *buf)))
		st = NG_ERR_NOMEM;
	if (!st) {
		long long n_de_en = 0, n_pos = 0;
		for (size_t i = 0; i < pc.n_pairs; i++) {
			xl_pair *p = &pc.pairs[i];
			p->sim = ngi_xling_cosine(&pc.docs[p->a].vp, &pc.docs[p->b].vp);
			p->sim_native = ngi_xling_cosine(&pc.docs[p->a].vn,
							 &pc.docs[p->b].vn);
			n_de_en += p->de_en;
			n_pos += p->overall <= XL_SAME_STORY;
		}
		prf all, de_en;
		ngi_eval_count(rep, "articles", (long long)pc.n_docs);
		ngi_eval_count(rep, "pairs", (long long)pc.n_pairs);
		ngi_eval_count(rep, "pairs_missing_article", pc.missing);
		ngi_eval_count(rep, "pairs_de_en", n_de_en);
		ngi_eval_count(rep, "same_story_pairs", n_pos);
		ngi_eval_real(rep, "pearson", pearson(pc.pairs, pc.n_pairs, 0, 0));
		ngi_eval_real(rep, "pearson_de_en", pearson(pc.pairs, pc.n_pairs, 1, 0));
		decide(pc.pairs, pc.n_pairs, 0, buf, &all, &de_en);
		report_prf(rep, &all, "precision", "recall", "f1");
		report_prf(rep, &de_en, "precision_de_en", "recall_de_en", "f1_de_en");
		/* the German-English pairs with their own threshold (also by
		 * cross-validation): cross-lingual scores run lower */
		xl_pair *sub = malloc((n_de_en ? (size_t)n_de_en : 1) * sizeof *sub);
		if (!sub) {
			st = NG_ERR_NOMEM;
			goto out;
		}
		size_t n_sub = 0;
		for (size_t i = 0; i < pc.n_pairs; i++)
			if (pc.pairs[i].de_en)
				sub[n_sub++] = pc.pairs[i];
		prf own, unused;
		decide(sub, n_sub, 0, buf, &own, &unused);
		report_prf(rep, &own, "precision_de_en_own", "recall_de_en_own",
			   "f1_de_en_own");
		ngi_eval_real(rep, "threshold_de_en",
			      best_threshold(sub, n_sub, -1, 0, buf));
		free(sub);
		ngi_eval_real(rep, "threshold_all_pairs",
			      best_threshold(pc.pairs, pc.n_pairs, -1, 0, buf));
		ngi_eval_real(rep, "native_pearson",
			      pearson(pc.pairs, pc.n_pairs, 0, 1));
		ngi_eval_real(rep, "native_pearson_de_en",
			      pearson(pc.pairs, pc.n_pairs, 1, 1));
		decide(pc.pairs, pc.n_pairs, 1, buf, &all, &de_en);
		report_prf(rep, &all, "native_precision", "native_recall",
			   "native_f1");
		report_prf(rep, &de_en, "native_precision_de_en",
			   "native_recall_de_en", "native_f1_de_en");
		ngi_eval_real(rep, "dictionary_coverage",
			      pc.prep.words ? (double)pc.prep.known /
						      (double)pc.prep.words
					    : 0);
		ngi_eval_count(rep, "dictionary_entries",
			       (long long)ngi_pivot_entries());
		ngi_eval_real(rep, "seconds_analysis", t_prep);
	}
out:
	free(path);
	free(buf);
	free(pc.docs);
	free(pc.pairs);
	ngi_map_free(&pc.ids);
	ngi_buf_free(&pc.repaired);
	prep_close(&pc.prep);
	return st;
}

/* ---- xling ---------------------------------------------------------------------*/
/* The names in dir (no dot files), sorted; *n of them, each malloc'd;
 * more than XL_MAX_DOCS is refused. */
static ng_status list_dir(const char *dir, char ***out, size_t *n)
{
	ng_status st = ngi_list_dir(dir, out, n, NULL);
	if (!st && *n > XL_MAX_DOCS)
		st = NG_ERR_NOMEM;
	if (st) {
		ngi_free_names(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return st;
}

#define XL_MAX_LANGS 16

typedef struct xl_hit { uint32_t doc; float w; } xl_hit;

/* For each document, the best cosine among documents in other languages
 * (native: the native vectors): through postings of terms -> documents. */
static ng_status best_matches(const xl_doc *docs, size_t n, int native,
			      uint32_t *best)
{
	ngi_map post;
	ngi_map_init(&post);
	size_t total = 0;
	ng_status st = NG_OK;
	/* postings laid out by counting: term -> [start, count) */
	for (size_t i = 0; i < n && !st; i++) {
		const ngi_xling_vec *v = native ? &docs[i].vn : &docs[i].vp;
		for (uint32_t k = 0; k < v->n && !st; k++) {
			uint64_t *c = ngi_map_upsert(&post, v->terms[k], 0);
			if (!c)
				st = NG_ERR_NOMEM;
			else
				(*c)++;
			total++;
		}
	}
	xl_hit *hits = st ? NULL : malloc((total ? total : 1) * sizeof *hits);
	double *acc = st ? NULL : calloc(n ? n : 1, sizeof *acc);
	uint32_t *touched = st ? NULL : malloc((n ? n : 1) * sizeof *touched);
	if (!st && (!hits || !acc || !touched))
		st = NG_ERR_NOMEM;
	if (!st) {
		/* counts -> start offsets (high 32 bits) + fill level (low) */
		uint64_t at = 0;
		for (size_t s = 0; s < post.cap; s++)
			if (post.used[s]) {
				uint64_t c = post.vals[s];
				post.vals[s] = at << 32;
				at += c;
			}
		for (size_t i = 0; i < n; i++) {
			const ngi_xling_vec *v = native ? &docs[i].vn : &docs[i].vp;
			for (uint32_t k = 0; k < v->n; k++) {
				uint64_t *p = ngi_map_get(&post, v->terms[k]);
				hits[(*p >> 32) + (*p & 0xffffffffu)] =
					(xl_hit){(uint32_t)i, v->weights[k]};
				(*p)++;
			}
		}
		for (size_t i = 0; i < n; i++) {
			const ngi_xling_vec *v = native ? &docs[i].vn : &docs[i].vp;
			size_t n_t = 0;
			for (uint32_t k = 0; k < v->n; k++) {
				const uint64_t *p = ngi_map_get(&post, v->terms[k]);
				const xl_hit *h = hits + (*p >> 32);
				for (uint64_t j = 0; j < (*p & 0xffffffffu); j++) {
					const xl_doc *o = &docs[h[j].doc];
					if (o->lang_idx == docs[i].lang_idx)
						continue;
					if (acc[h[j].doc] == 0)
						touched[n_t++] = h[j].doc;
					acc[h[j].doc] += (double)v->weights[k] * h[j].w;
				}
			}
			uint32_t b = UINT32_MAX;
			double bs = 0;
			for (size_t k = 0; k < n_t; k++) {
				uint32_t d = touched[k];
				if (acc[d] > bs || (acc[d] == bs && d < b)) {
					bs = acc[d];
					b = d;
				}
				acc[d] = 0;
			}
			best[i] = b;
		}
	}
	free(hits);
	free(acc);
	free(touched);
	ngi_map_free(&post);
	return st;
}

ng_status ngi_eval_xling(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	xl_prep prep;
	xl_doc *docs = NULL;
	size_t n_docs = 0, cap_docs = 0;
	char **topics = NULL, *lang_names[XL_MAX_LANGS] = {0};
	size_t n_topics = 0, n_langs = 0;
	uint32_t *best = NULL;
	ngi_buf text, fixed;
	ngi_buf_init(&text, XL_MAX_ARTICLE);
	ngi_buf_init(&fixed, XL_MAX_ARTICLE * 3);
	double t0 = ngi_eval_now();
	ng_status st = prep_open(&prep);
	if (!st && (st = list_dir(argv[0], &topics, &n_topics)))
		fprintf(stderr, "newsgraph eval: cannot list %s\n", argv[0]);
	for (size_t t = 0; t < n_topics && !st; t++) {
		char *tdir = NULL, **langs = NULL;
		size_t nl = 0;
		if ((st = join(argv[0], topics[t], &tdir)))
			break;
		struct stat sb;
		if (stat(tdir, &sb) || !S_ISDIR(sb.st_mode)) {
			free(tdir);
			continue;
		}
		st = list_dir(tdir, &langs, &nl);
		for (size_t l = 0; l < nl && !st; l++) {
			char *ldir = NULL, **files = NULL;
			size_t nf = 0;
			int li = -1;
			for (size_t k = 0; k < n_langs; k++)
				if (strcmp(lang_names[k], langs[l]) == 0)
					li = (int)k;
			if (li < 0 && n_langs < XL_MAX_LANGS &&
			    (lang_names[n_langs] = strdup(langs[l])))
				li = (int)n_langs++;
			if (li < 0 || (st = join(tdir, langs[l], &ldir)))
				break;
			if (list_dir(ldir, &files, &nf)) {
				free(ldir);
				continue;
			}
			for (size_t f = 0; f < nf && !st; f++) {
				char *fp = NULL;
				size_t fl = strlen(files[f]);
				if (fl < 4 || strcmp(files[f] + fl - 4, ".txt") != 0)
					continue;
				if ((st = join(ldir, files[f], &fp)))
					break;
				ngi_buf_free(&text); /* ngi_read_file inits it */
				st = ngi_read_file(fp, XL_MAX_ARTICLE, &text, &ctx->diag);
				free(fp);
				if (st)
					break;
				const char *s = text.data ? text.data : "";
				size_t len = text.len;
				s = ngi_utf8_or_repaired(s, &len, &fixed);
				/* the first line is the title */
				const char *nl_at = memchr(s, '\n', len);
				size_t tl = nl_at ? (size_t)(nl_at - s) : 0;
				if (ngi_grow((void **)&docs, &cap_docs, n_docs + 1,
					     sizeof *docs)) {
					st = NG_ERR_NOMEM;
					break;
				}
				char tbuf[1024];
				size_t tn = tl < sizeof tbuf - 1 ? tl : sizeof tbuf - 1;
				while (tn < tl && tn > 0 &&
				       ((unsigned char)s[tn] & 0xC0) == 0x80)
					tn--; /* cut on a code point boundary */
				memcpy(tbuf, s, tn);
				tbuf[tn] = '\0';
				xl_doc *d = &docs[n_docs];
				memset(d, 0, sizeof *d);
				st = prep_doc(&prep, tbuf, s + tl, len - tl, langs[l], d);
				d->topic = (int)t;
				d->lang_idx = li;
				n_docs += !st;
			}
			ngi_free_names(files, nf);
			free(ldir);
		}
		ngi_free_names(langs, nl);
		free(tdir);
	}
	double t_prep = ngi_eval_now() - t0;
	if (!st && n_docs == 0) {
		fprintf(stderr, "newsgraph eval: %s: no articles\n", argv[0]);
		st = NG_ERR_INPUT;
	}
	if (!st)
		st = vectors(&prep, docs, n_docs);
	if (!st && !(best = malloc(n_docs * sizeof *best)))
		st = NG_ERR_NOMEM;
	if (!st) {
		ngi_eval_count(rep, "articles", (long long)n_docs);
		ngi_eval_count(rep, "languages", (long long)n_langs);
		ngi_eval_count(rep, "topics", (long long)n_topics);
		/* chance: same-topic share among other-language articles */
		long long by[XL_MAX_LANGS][64] = {{0}}, lang_n[XL_MAX_LANGS] = {0},
			  topic_n[64] = {0};
		for (size_t i = 0; i < n_docs; i++)
			if (docs[i].topic < 64) {
				by[docs[i].lang_idx][docs[i].topic]++;
				lang_n[docs[i].lang_idx]++;
				topic_n[docs[i].topic]++;
			}
		double chance = 0;
		for (size_t i = 0; i < n_docs; i++) {
			int tp = docs[i].topic < 64 ? docs[i].topic : 0;
			double others = (double)((long long)n_docs - lang_n[docs[i].lang_idx]);
			double same = (double)(topic_n[tp] - by[docs[i].lang_idx][tp]);
			chance += others > 0 ? same / others : 0;
		}
		static const char *const metric[2] = {"p_at_1", "native_p_at_1"};
		for (int native = 0; native < 2 && !st; native++) {
			if ((st = best_matches(docs, n_docs, native, best)))
				break;
			long long hit = 0, hit_l[XL_MAX_LANGS] = {0}, none = 0;
			for (size_t i = 0; i < n_docs; i++) {
				if (best[i] == UINT32_MAX) {
					none++;
					continue;
				}
				int ok = docs[best[i]].topic == docs[i].topic;
				hit += ok;
				hit_l[docs[i].lang_idx] += ok;
			}
			ngi_eval_real(rep, metric[native],
				      (double)hit / (double)n_docs);
			if (native)
				break;
			ngi_eval_count(rep, "no_match", none);
			/* per language, static names for the known ones */
			static const char *const per[][2] = {
				{"bg", "p_at_1_bg"}, {"cs", "p_at_1_cs"},
				{"pl", "p_at_1_pl"}, {"ru", "p_at_1_ru"},
				{"sl", "p_at_1_sl"}, {"uk", "p_at_1_uk"}};
			for (size_t l = 0; l < n_langs; l++)
				for (size_t k = 0; k < NGI_ARRAY_LEN(per); k++)
					if (strcmp(per[k][0], lang_names[l]) == 0 && lang_n[l])
						ngi_eval_real(rep, per[k][1],
							      (double)hit_l[l] /
								      (double)lang_n[l]);
		}
		ngi_eval_real(rep, "chance_p_at_1", chance / (double)n_docs);
		ngi_eval_real(rep, "dictionary_coverage",
			      prep.words ? (double)prep.known / (double)prep.words : 0);
		ngi_eval_real(rep, "seconds_analysis", t_prep);
	}
	free(best);
	free(docs);
	ngi_free_names(topics, n_topics);
	for (size_t l = 0; l < n_langs; l++)
		free(lang_names[l]);
	ngi_buf_free(&text);
	ngi_buf_free(&fixed);
	prep_close(&prep);
	return st;
}
