/*
 * eval_seeds.c: the "seeds DIR" suite, on the hand-made seed stories.
 *
 * Ingests DIR/articles/ with ng_ingest_path into an in-memory engine and
 * compares what the engine stored with DIR/expected.json: stories (B-cubed,
 * ARI, wrong merges), language per document, the gold reuse pairs found as a
 * copy edge (and with the right original), and publication dates. Gold
 * documents are keyed by the first three characters of a file name; the
 * engine's article id for a text file is its base name without extension,
 * so a key maps to the id of the first file (in name order) it prefixes.
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../base/json.h"
#include "eval.h"
#include "metrics.h"

#define SEEDS_MAX_GOLD ((size_t)64 << 20)

typedef struct seed_doc {
	const char *key;       /* gold key, "000" */
	char *id;              /* article id, or NULL when no file matches */
	const ngx_json *gold;  /* its entry in "documents" */
	long long story;       /* gold story index, or a unique negative */
} seed_doc;

typedef struct seeds_run {
	ngx_eval_ctx *ctx;
	ng_engine *e;
	seed_doc *docs;
	size_t n_docs;
	char **files;          /* base names in articles/, sorted */
	size_t n_files;
} seeds_run;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The article file names of dir (hidden entries skipped), sorted. */
static ng_status list_files(const char *dir, char ***out, size_t *n_out)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		fprintf(stderr, "newsgraph eval: cannot open %s\n", dir);
		return NG_ERR_IO;
	}
	char **names = NULL;
	size_t n = 0, alloc = 0;
	ng_status st = NG_OK;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == alloc) {
			size_t cap = alloc ? alloc * 2 : 16;
			char **p = realloc(names, cap * sizeof *p);
			if (!p) {
				st = NG_ERR_NOMEM;
				break;
			}
			names = p;
			alloc = cap;
		}
		if (!(names[n] = strdup(de->d_name))) {
			st = NG_ERR_NOMEM;
			break;
		}
		n++;
	}
	closedir(dp);
	if (st) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return st;
	}
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	*out = names;
	*n_out = n;
	return NG_OK;
}

/* The article id for a gold key: the first file name it prefixes, without
 * its extension. */
static char *id_for_key(const seeds_run *run, const char *key)
{
	size_t klen = strlen(key);
	for (size_t i = 0; i < run->n_files; i++) {
		const char *name = run->files[i];
		if (strncmp(name, key, klen) != 0)
			continue;
		const char *dot = strrchr(name, '.');
		size_t len = dot && dot != name ? (size_t)(dot - name) : strlen(name);
		return strndup(name, len);
	}
	return NULL;
}

static seed_doc *find_doc(const seeds_run *run, const char *key)
{
	for (size_t i = 0; key && i < run->n_docs; i++)
		if (strcmp(run->docs[i].key, key) == 0)
			return &run->docs[i];
	return NULL;
}

/* Gold stories, predicted stories, and the scores between them. */
static ng_status score_stories(seeds_run *run, const ngx_json *gold,
			       ngx_eval_report *rep)
{
	const ngx_json *stories = ngx_json_get(gold, "stories");
	long long index = 0;
	for (const ngx_json *s = stories && stories->type == NGX_JSON_ARRAY
					 ? stories->child
					 : NULL;
	     s; s = s->next, index++) {
		const ngx_json *docs = ngx_json_get(s, "docs");
		for (const ngx_json *k = docs && docs->type == NGX_JSON_ARRAY
					     ? docs->child
					     : NULL;
		     k; k = k->next) {
			seed_doc *d = k->type == NGX_JSON_STRING ? find_doc(run, k->str)
								 : NULL;
			if (d)
				d->story = index;
			else
				ngx_diag(&run->ctx->diag, NG_DIAG_WARNING, "expected.json",
					 0, -1, "story %lld names an unknown document",
					 index);
		}
	}
	size_t n = run->n_docs;
	long long *g = malloc((n ? n : 1) * sizeof *g);
	long long *p = malloc((n ? n : 1) * sizeof *p);
	if (!g || !p) {
		free(g);
		free(p);
		return NG_ERR_NOMEM;
	}
	long long missing = 0;
	ng_status st = NG_OK;
	for (size_t i = 0; i < n; i++) {
		g[i] = run->docs[i].story;
		long long story;
		ng_status s = run->docs[i].id
				      ? ng_article_story(run->e, run->docs[i].id, &story)
				      : NG_ERR_NOTFOUND;
		if (s == NG_OK) {
			p[i] = story;
		} else if (s == NG_ERR_NOTFOUND) {
			p[i] = LLONG_MIN + (long long)i; /* a story of its own */
			missing++;
		} else {
			st = ngx_eval_engine_fail(run->e, "story look-up", s);
			break;
		}
	}
	ngx_cluster_scores sc;
	if (!st)
		st = ngx_cluster_score(g, p, n, &sc);
	free(g);
	free(p);
	if (st)
		return st;
	ngx_eval_count(rep, "documents", (long long)n);
	ngx_eval_count(rep, "missing", missing);
	ngx_eval_count(rep, "stories_gold", sc.gold_clusters);
	ngx_eval_count(rep, "stories_pred", sc.pred_clusters);
	ngx_eval_real(rep, "bcubed_precision", sc.bcubed_precision);
	ngx_eval_real(rep, "bcubed_recall", sc.bcubed_recall);
	ngx_eval_real(rep, "bcubed_f1", sc.bcubed_f1);
	ngx_eval_real(rep, "ari", sc.ari);
	ngx_eval_count(rep, "wrong_merges", sc.pred_pairs - sc.both_pairs);
	ngx_eval_count(rep, "missed_merges", sc.gold_pairs - sc.both_pairs);
	return NG_OK;
}

/* Language and publication date per gold document. */
static ng_status score_documents(seeds_run *run, ngx_eval_report *rep)
{
	long long lang_total = 0, lang_right = 0, pub_total = 0, pub_right = 0;
	for (size_t i = 0; i < run->n_docs; i++) {
		const seed_doc *d = &run->docs[i];
		const char *lang = ngx_json_get_str(d->gold, "lang");
		const char *published = ngx_json_get_str(d->gold, "published");
		lang_total += lang != NULL;
		pub_total += published != NULL;
		if (!d->id || (!lang && !published))
			continue;
		ng_article_info info;
		ng_status st = ng_article_get(run->e, d->id, &info);
		if (st == NG_ERR_NOTFOUND)
			continue;
		if (st)
			return ngx_eval_engine_fail(run->e, "article look-up", st);
		/* info's strings are valid until the next call on the engine. */
		if (lang && info.lang && strcmp(lang, info.lang) == 0)
			lang_right++;
		if (published && info.published &&
		    strncmp(info.published, published, strlen(published)) == 0)
			pub_right++;
	}
	ngx_eval_real(rep, "lang_accuracy",
		      lang_total ? (double)lang_right / (double)lang_total : 1.0);
	ngx_eval_count(rep, "lang_right", lang_right);
	ngx_eval_count(rep, "lang_total", lang_total);
	ngx_eval_count(rep, "published_found", pub_right);
	ngx_eval_count(rep, "published_total", pub_total);
	return NG_OK;
}

/* Looks for an edge from `from` to `to`. *found and *from_says_to_original
 * are set when there is one. */
static ng_status find_edge(ng_engine *e, const char *from, const char *to,
			   int *found, int *to_is_original)
{
	*found = 0;
	int max = 64, n = 0;
	ng_copy_info *edges = NULL;
	ng_status st;
	for (;;) {
		ng_copy_info *p = realloc(edges, (size_t)max * sizeof *p);
		if (!p) {
			free(edges);
			return NG_ERR_NOMEM;
		}
		edges = p;
		st = ng_article_copies(e, from, edges, max, &n);
		if (st || n <= max)
			break;
		max = n;
	}
	if (st == NG_ERR_NOTFOUND) {
		st = NG_OK;
		n = 0;
	}
	for (int i = 0; !st && i < n; i++)
		if (edges[i].other_id && strcmp(edges[i].other_id, to) == 0) {
			*found = 1;
			*to_is_original = edges[i].other_is_original;
			break;
		}
	free(edges);
	return st;
}

/* Gold reuse pairs found as a copy edge in either direction, and how many
 * name the right original. */
static ng_status score_copies(seeds_run *run, const ngx_json *gold,
			      ngx_eval_report *rep)
{
	long long total = 0, found = 0, direction = 0;
	const ngx_json *reuse = ngx_json_get(gold, "reuse");
	for (const ngx_json *r = reuse && reuse->type == NGX_JSON_ARRAY
					 ? reuse->child
					 : NULL;
	     r; r = r->next) {
		const seed_doc *copy = find_doc(run, ngx_json_get_str(r, "copy"));
		const seed_doc *orig = find_doc(run, ngx_json_get_str(r, "original"));
		total++;
		if (!copy || !orig || !copy->id || !orig->id)
			continue;
		int hit = 0, flag = 0;
		ng_status st = find_edge(run->e, copy->id, orig->id, &hit, &flag);
		if (st)
			return ngx_eval_engine_fail(run->e, "copies look-up", st);
		if (hit) {
			found++;
			direction += flag != 0; /* seen from the copy: other is original */
			continue;
		}
		st = find_edge(run->e, orig->id, copy->id, &hit, &flag);
		if (st)
			return ngx_eval_engine_fail(run->e, "copies look-up", st);
		if (hit) {
			found++;
			direction += flag == 0; /* seen from the original */
		}
	}
	ngx_eval_count(rep, "copies_found", found);
	ngx_eval_count(rep, "copies_total", total);
	ngx_eval_count(rep, "copies_direction_right", direction);
	return NG_OK;
}

static ng_status load_gold(seeds_run *run, const char *path, ngx_arena *a,
			   ngx_buf *bytes, const ngx_json **out)
{
	ng_status st = ngx_read_file(path, SEEDS_MAX_GOLD, bytes, &run->ctx->diag);
	if (st)
		return st;
	ngx_json *root;
	size_t off = 0;
	const char *msg = "";
	st = ngx_json_parse(bytes->data, bytes->len, a, &root, &off, &msg);
	if (st) {
		ngx_diag(&run->ctx->diag, NG_DIAG_ERROR, path, 0, (long long)off,
			 "%s", msg);
		return st;
	}
	const ngx_json *docs = ngx_json_get(root, "documents");
	if (root->type != NGX_JSON_OBJECT || !docs ||
	    docs->type != NGX_JSON_OBJECT) {
		ngx_diag(&run->ctx->diag, NG_DIAG_ERROR, path, 0, -1,
			 "no \"documents\" object");
		return NG_ERR_INPUT;
	}
	run->docs = calloc(docs->len ? docs->len : 1, sizeof *run->docs);
	if (!run->docs)
		return NG_ERR_NOMEM;
	for (const ngx_json *d = docs->child; d; d = d->next) {
		seed_doc *sd = &run->docs[run->n_docs];
		if (run->n_docs >= docs->len || !d->key)
			break;
		sd->key = d->key;
		sd->gold = d;
		sd->story = -1 - (long long)run->n_docs; /* until a story names it */
		sd->id = id_for_key(run, d->key);
		if (!sd->id)
			ngx_diag(&run->ctx->diag, NG_DIAG_WARNING, path, 0, -1,
				 "no article file starts with \"%s\"", d->key);
		run->n_docs++;
	}
	*out = root;
	return NG_OK;
}

ng_status ngx_eval_seeds(ngx_eval_ctx *ctx, char **argv, ngx_eval_report *rep)
{
	seeds_run run = {ctx, NULL, NULL, 0, NULL, 0};
	ngx_buf articles, gold_path, bytes;
	ngx_buf_init(&articles, 0);
	ngx_buf_init(&gold_path, 0);
	ngx_buf_init(&bytes, 0);
	ngx_arena arena;
	ngx_arena_init(&arena, 0);
	const ngx_json *gold = NULL;
	ng_status st = ngx_buf_printf(&articles, "%s/articles", argv[0]);
	if (!st)
		st = ngx_buf_printf(&gold_path, "%s/expected.json", argv[0]);
	if (!st)
		st = list_files(articles.data, &run.files, &run.n_files);
	if (!st)
		st = load_gold(&run, gold_path.data, &arena, &bytes, &gold);
	if (!st)
		st = ngx_eval_open_engine(ctx, &run.e);
	if (st)
		goto done;

	ng_ingest_stats stats = {0};
	double t0 = ngx_eval_now();
	st = ng_ingest_path(run.e, articles.data, &stats);
	if (st && st != NG_ERR_INPUT) {
		ngx_eval_engine_fail(run.e, "ingest", st);
		goto done;
	}
	st = ng_ingest_flush(run.e, &stats);
	if (st && st != NG_ERR_INPUT) {
		ngx_eval_engine_fail(run.e, "flush", st);
		goto done;
	}
	double seconds = ngx_eval_now() - t0;
	if ((st = score_stories(&run, gold, rep)) ||
	    (st = score_documents(&run, rep)) ||
	    (st = score_copies(&run, gold, rep)))
		goto done;
	ngx_eval_count(rep, "ingest_failed", stats.failed);
	ngx_eval_real(rep, "seconds", seconds);
done:
	ng_engine_close(run.e);
	for (size_t i = 0; i < run.n_docs; i++)
		free(run.docs[i].id);
	free(run.docs);
	for (size_t i = 0; i < run.n_files; i++)
		free(run.files[i]);
	free(run.files);
	ngx_arena_free(&arena);
	ngx_buf_free(&bytes);
	ngx_buf_free(&articles);
	ngx_buf_free(&gold_path);
	return st;
}
