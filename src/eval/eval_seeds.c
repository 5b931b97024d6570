/*
 * eval_seeds.c: the "seeds DIR" suite, on the hand-made seed stories.
 *
 * Ingests DIR/articles/ with ng_ingest_path into an in-memory engine and
 * compares what the engine stored with DIR/expected.json: stories (B-cubed,
 * ARI, wrong merges), language per document, the gold reuse pairs found as a
 * copy edge (and with the right original), publication dates, entity
 * variants and dates in the text. Gold
 * documents are keyed by the first three characters of a file name; the
 * engine's article id for a text file is its base name without extension,
 * so a key maps to the id of the first file (in name order) it prefixes.
 *
 * Entity variants (expected.json "entities", those with "variants"). The
 * entity's canonical id is the (type, key) that carries the gold name as its
 * display name most often among the seed articles' mentions (else the one
 * whose mentions' text equals the gold name most often). A variant is found
 * when it occurs in a seed article's stored body at a place where a mention
 * of that (type, key) lies within it or it lies within the mention:
 * "Russian President Vladimir" holds the mention "Vladimir" (of Vladimir
 * Putin), "Congress" lies within "US Congress". So a variant counts only
 * when the words are there AND mapped to the one canonical entity; a variant
 * that is only a description ("the Russian president", "Kremlin spokesman")
 * is found only if the recogniser tags it as that entity. Metrics:
 * entity_variants_found / entity_variants_total (and their share), and
 * entities_found / entities_total: gold entities (all of them) whose name is
 * the display name or text of some mention of their type.
 *
 * Quotes, claims and threads: eval_seeds_said.c.
 *
 * Dates (expected.json "dates": doc, text, value). A gold date is found when
 * a stored date of that document overlaps an occurrence of the gold text in
 * the body (one within the other: TimeML extents leave out "am"), and right
 * when that date's value is the gold value. A gold text that is not in the
 * body was in a header line the reader took off (000's "2024-10-27", 003's
 * "lunedì 11 novembre 2024"): it is found and right when it is the article's
 * published date (source header or metadata) and that date starts with the
 * gold value. Nothing is anchored on other articles: 002 ("am 5. November")
 * has no date of its own, so its date keeps an unknown year (XXXX-11-05) and
 * counts as found but not right.
 */
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
	const ngi_json *gold;  /* its entry in "documents" */
	long long story;       /* gold story index, or a unique negative */
} seed_doc;

typedef struct seeds_run {
	ngi_eval_ctx *ctx;
	ng_engine *e;
	seed_doc *docs;
	size_t n_docs;
	char **files;          /* base names in articles/, sorted */
	size_t n_files;
} seeds_run;

/* The article file names of dir (hidden entries skipped), sorted. */
static ng_status list_files(const char *dir, char ***out, size_t *n_out)
{
	ng_status st = ngi_list_dir(dir, out, n_out, NULL);
	if (st == NG_ERR_IO) {
		fprintf(stderr, "newsgraph eval: cannot read %s\n", dir);
		ngi_free_names(*out, *n_out);
		*out = NULL;
		*n_out = 0;
	}
	return st;
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
static ng_status score_stories(seeds_run *run, const ngi_json *gold,
			       ngi_eval_report *rep)
{
	const ngi_json *stories = ngi_json_get(gold, "stories");
	long long index = 0;
	for (const ngi_json *s = stories && stories->type == NGI_JSON_ARRAY
					 ? stories->child
					 : NULL;
	     s; s = s->next, index++) {
		const ngi_json *docs = ngi_json_get(s, "docs");
		for (const ngi_json *k = docs && docs->type == NGI_JSON_ARRAY
					     ? docs->child
					     : NULL;
		     k; k = k->next) {
			seed_doc *d = k->type == NGI_JSON_STRING ? find_doc(run, k->str)
								 : NULL;
			if (d)
				d->story = index;
			else
				ngi_diag(&run->ctx->diag, NG_DIAG_WARNING, "expected.json",
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
			st = ngi_eval_engine_fail(run->e, "story look-up", s);
			break;
		}
	}
	ngi_cluster_scores sc;
	if (!st)
		st = ngi_cluster_score(g, p, n, &sc);
	free(g);
	free(p);
	if (st)
		return st;
	ngi_eval_count(rep, "documents", (long long)n);
	ngi_eval_count(rep, "missing", missing);
	ngi_eval_clusters(rep, &sc);
	ngi_eval_count(rep, "wrong_merges", sc.pred_pairs - sc.both_pairs);
	ngi_eval_count(rep, "missed_merges", sc.gold_pairs - sc.both_pairs);
	return NG_OK;
}

/* Language and publication date per gold document. */
static ng_status score_documents(seeds_run *run, ngi_eval_report *rep)
{
	long long lang_total = 0, lang_right = 0, pub_total = 0, pub_right = 0;
	for (size_t i = 0; i < run->n_docs; i++) {
		const seed_doc *d = &run->docs[i];
		const char *lang = ngi_json_get_str(d->gold, "lang");
		const char *published = ngi_json_get_str(d->gold, "published");
		lang_total += lang != NULL;
		pub_total += published != NULL;
		if (!d->id || (!lang && !published))
			continue;
		ng_article_info info;
		ng_status st = ng_article_get(run->e, d->id, &info);
		if (st == NG_ERR_NOTFOUND)
			continue;
		if (st)
			return ngi_eval_engine_fail(run->e, "article look-up", st);
		/* info's strings are valid until the next call on the engine. */
		if (lang && info.lang && strcmp(lang, info.lang) == 0)
			lang_right++;
		if (published && info.published &&
		    strncmp(info.published, published, strlen(published)) == 0)
			pub_right++;
	}
	ngi_eval_real(rep, "lang_accuracy",
		      lang_total ? (double)lang_right / (double)lang_total : 1.0);
	ngi_eval_count(rep, "lang_right", lang_right);
	ngi_eval_count(rep, "lang_total", lang_total);
	ngi_eval_count(rep, "published_found", pub_right);
	ngi_eval_count(rep, "published_total", pub_total);
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
static ng_status score_copies(seeds_run *run, const ngi_json *gold,
			      ngi_eval_report *rep)
{
	long long total = 0, found = 0, direction = 0;
	const ngi_json *reuse = ngi_json_get(gold, "reuse");
	for (const ngi_json *r = reuse && reuse->type == NGI_JSON_ARRAY
					 ? reuse->child
					 : NULL;
	     r; r = r->next) {
		const seed_doc *copy = find_doc(run, ngi_json_get_str(r, "copy"));
		const seed_doc *orig = find_doc(run, ngi_json_get_str(r, "original"));
		total++;
		if (!copy || !orig || !copy->id || !orig->id)
			continue;
		int hit = 0, flag = 0;
		ng_status st = find_edge(run->e, copy->id, orig->id, &hit, &flag);
		if (st)
			return ngi_eval_engine_fail(run->e, "copies look-up", st);
		if (hit) {
			found++;
			direction += flag != 0; /* seen from the copy: other is original */
			continue;
		}
		st = find_edge(run->e, orig->id, copy->id, &hit, &flag);
		if (st)
			return ngi_eval_engine_fail(run->e, "copies look-up", st);
		if (hit) {
			found++;
			direction += flag == 0; /* seen from the original */
		}
	}
	ngi_eval_count(rep, "copies_found", found);
	ngi_eval_count(rep, "copies_total", total);
	ngi_eval_count(rep, "copies_direction_right", direction);
	return NG_OK;
}

/* ---- entities and dates --------------------------------------------------- */
/* One seed article as the checks below need it: body and what was found in
 * it, copied out of the engine (whose strings last until the next call). */
typedef struct seed_text {
	const char *body;
	size_t len;
	ng_mention_info *mentions;
	int n_mentions;
	ng_date_info *dates;
	int n_dates;
	const char *published, *published_source;
} seed_text;

static const char *keep(ngi_arena *a, const char *s, int *oom)
{
	if (!s)
		return NULL;
	char *c = ngi_arena_strdup(a, s);
	*oom |= !c;
	return c;
}

static ng_status load_text(seeds_run *run, const seed_doc *d, ngi_arena *a,
			   seed_text *t)
{
	memset(t, 0, sizeof *t);
	if (!d->id)
		return NG_OK;
	const char *body;
	size_t len;
	ng_status st = ng_article_text(run->e, d->id, &body, &len);
	if (st == NG_ERR_NOTFOUND)
		return NG_OK;
	if (st)
		return ngi_eval_engine_fail(run->e, "article text", st);
	int oom = 0;
	char *b = ngi_arena_strndup(a, body, len);
	oom |= !b;
	t->body = b;
	t->len = len;
	int n = 0;
	if ((st = ng_article_mentions(run->e, d->id, NULL, 0, &n)))
		return ngi_eval_engine_fail(run->e, "mentions", st);
	t->mentions = ngi_arena_alloc(a, (size_t)(n ? n : 1) * sizeof *t->mentions);
	if (!t->mentions ||
	    (st = ng_article_mentions(run->e, d->id, t->mentions, n, &t->n_mentions)))
		return t->mentions ? ngi_eval_engine_fail(run->e, "mentions", st)
				   : NG_ERR_NOMEM;
	for (int i = 0; i < t->n_mentions; i++) {
		ng_mention_info *m = &t->mentions[i];
		m->text = keep(a, m->text, &oom);
		m->type = keep(a, m->type, &oom);
		m->key = keep(a, m->key, &oom);
		m->name = keep(a, m->name, &oom);
	}
	if ((st = ng_article_dates(run->e, d->id, NULL, 0, &n)))
		return ngi_eval_engine_fail(run->e, "dates", st);
	t->dates = ngi_arena_alloc(a, (size_t)(n ? n : 1) * sizeof *t->dates);
	if (!t->dates || (st = ng_article_dates(run->e, d->id, t->dates, n, &t->n_dates)))
		return t->dates ? ngi_eval_engine_fail(run->e, "dates", st) : NG_ERR_NOMEM;
	for (int i = 0; i < t->n_dates; i++) {
		ng_date_info *x = &t->dates[i];
		x->text = keep(a, x->text, &oom);
		x->value = keep(a, x->value, &oom);
		x->type = keep(a, x->type, &oom);
		x->granularity = keep(a, x->granularity, &oom);
		x->anchor = keep(a, x->anchor, &oom);
	}
	ng_article_info info;
	if ((st = ng_article_get(run->e, d->id, &info)))
		return ngi_eval_engine_fail(run->e, "article look-up", st);
	t->published = keep(a, info.published, &oom);
	t->published_source = keep(a, info.published_source, &oom);
	return oom ? NG_ERR_NOMEM : NG_OK;
}

static const char *gold_type(const char *t)
{
	return t && !strcmp(t, "organisation") ? "organization" : t;
}

/* The canonical (type, key) of a gold entity, or NULL (see the top). */
static const char *canonical_key(const seed_text *texts, size_t n,
				 const char *name, const char *type)
{
	const char *best = NULL;
	long long best_score = 0;
	for (size_t i = 0; i < n; i++)
		for (int j = 0; j < texts[i].n_mentions; j++) {
			const ng_mention_info *c = &texts[i].mentions[j];
			if (type && strcmp(c->type, type))
				continue;
			long long score = 0;
			for (size_t k = 0; k < n; k++)
				for (int l = 0; l < texts[k].n_mentions; l++) {
					const ng_mention_info *m = &texts[k].mentions[l];
					if (strcmp(m->key, c->key) || strcmp(m->type, c->type))
						continue;
					score += 1000 * !strcmp(m->name, name) +
						 !strcmp(m->text, name);
				}
			if (score > best_score) {
				best_score = score;
				best = c->key;
			}
		}
	return best;
}

/* Whether variant occurs in t's body around or within a mention of key. */
static int variant_found(const seed_text *t, const char *variant,
			 const char *type, const char *key)
{
	size_t vlen = strlen(variant);
	if (!t->body || !vlen)
		return 0;
	for (const char *p = t->body; (p = strstr(p, variant)) != NULL; p++) {
		long long a = p - t->body, b = a + (long long)vlen;
		for (int j = 0; j < t->n_mentions; j++) {
			const ng_mention_info *m = &t->mentions[j];
			if (strcmp(m->key, key) || (type && strcmp(m->type, type)))
				continue;
			if ((m->byte_start >= a && m->byte_end <= b) ||
			    (a >= m->byte_start && b <= m->byte_end))
				return 1;
		}
	}
	return 0;
}

static ng_status score_entities(const ngi_json *gold, const seed_text *texts,
				size_t n, ngi_eval_report *rep)
{
	long long v_total = 0, v_found = 0, e_total = 0, e_found = 0;
	const ngi_json *ents = ngi_json_get(gold, "entities");
	for (const ngi_json *g = ents && ents->type == NGI_JSON_ARRAY ? ents->child
								      : NULL;
	     g; g = g->next) {
		const char *name = ngi_json_get_str(g, "name");
		const char *type = gold_type(ngi_json_get_str(g, "type"));
		if (!name)
			continue;
		e_total++;
		int seen = 0;
		for (size_t i = 0; i < n && !seen; i++)
			for (int j = 0; j < texts[i].n_mentions && !seen; j++) {
				const ng_mention_info *m = &texts[i].mentions[j];
				seen = (!type || !strcmp(m->type, type)) &&
				       (!strcmp(m->name, name) || !strcmp(m->text, name));
			}
		e_found += seen;
		const ngi_json *vars = ngi_json_get(g, "variants");
		if (!vars || vars->type != NGI_JSON_ARRAY)
			continue;
		const char *key = canonical_key(texts, n, name, type);
		for (const ngi_json *v = vars->child; v; v = v->next) {
			if (v->type != NGI_JSON_STRING)
				continue;
			v_total++;
			int hit = 0;
			for (size_t i = 0; key && i < n && !hit; i++)
				hit = variant_found(&texts[i], v->str, type, key);
			v_found += hit;
		}
	}
	ngi_eval_count(rep, "entities_found", e_found);
	ngi_eval_count(rep, "entities_total", e_total);
	ngi_eval_count(rep, "entity_variants_found", v_found);
	ngi_eval_count(rep, "entity_variants_total", v_total);
	ngi_eval_real(rep, "entity_variant_recall",
		      v_total ? (double)v_found / (double)v_total : 1.0);
	return NG_OK;
}

static ng_status score_dates(seeds_run *run, const ngi_json *gold,
			     const seed_text *texts, ngi_eval_report *rep)
{
	long long total = 0, found = 0, right = 0;
	const ngi_json *dates = ngi_json_get(gold, "dates");
	for (const ngi_json *g = dates && dates->type == NGI_JSON_ARRAY ? dates->child
									: NULL;
	     g; g = g->next) {
		const char *doc = ngi_json_get_str(g, "doc");
		const char *text = ngi_json_get_str(g, "text");
		const char *value = ngi_json_get_str(g, "value");
		if (!text || !value)
			continue;
		total++;
		const seed_doc *d = find_doc(run, doc);
		if (!d)
			continue;
		const seed_text *t = &texts[d - run->docs];
		if (!t->body)
			continue;
		size_t tlen = strlen(text);
		int hit = 0, ok = 0, in_body = 0;
		for (const char *p = t->body; !ok && (p = strstr(p, text)) != NULL; p++) {
			in_body = 1;
			long long a = p - t->body, b = a + (long long)tlen;
			for (int j = 0; j < t->n_dates && !ok; j++) {
				const ng_date_info *x = &t->dates[j];
				if ((x->byte_start >= a && x->byte_end <= b) ||
				    (a >= x->byte_start && b <= x->byte_end)) {
					hit = 1;
					ok = !strcmp(x->value, value);
				}
			}
		}
		if (!in_body && t->published && t->published_source &&
		    (!strcmp(t->published_source, "header") ||
		     !strcmp(t->published_source, "metadata"))) {
			hit = 1;
			ok = !strncmp(t->published, value, strlen(value));
		}
		found += hit;
		right += ok;
	}
	ngi_eval_count(rep, "dates_found", found);
	ngi_eval_count(rep, "dates_value_right", right);
	ngi_eval_count(rep, "dates_total", total);
	ngi_eval_real(rep, "dates_value_accuracy",
		      total ? (double)right / (double)total : 1.0);
	return NG_OK;
}

static ng_status score_extracted(seeds_run *run, const ngi_json *gold,
				 ngi_eval_report *rep)
{
	ngi_arena a;
	ngi_arena_init(&a, 64 << 10);
	seed_text *texts = calloc(run->n_docs ? run->n_docs : 1, sizeof *texts);
	ng_status st = texts ? NG_OK : NG_ERR_NOMEM;
	for (size_t i = 0; i < run->n_docs && !st; i++)
		st = load_text(run, &run->docs[i], &a, &texts[i]);
	if (!st)
		st = score_entities(gold, texts, run->n_docs, rep);
	if (!st)
		st = score_dates(run, gold, texts, rep);
	free(texts);
	ngi_arena_free(&a);
	return st;
}

/* Quotes, claims and threads (eval_seeds_said.c). */
static ng_status score_said(seeds_run *run, const ngi_json *gold,
			    ngi_eval_report *rep)
{
	const char **keys = calloc(run->n_docs + 1, sizeof *keys);
	const char **ids = calloc(run->n_docs + 1, sizeof *ids);
	size_t n = 0;
	ng_status st = keys && ids ? NG_OK : NG_ERR_NOMEM;
	for (size_t i = 0; !st && i < run->n_docs; i++)
		if (run->docs[i].id) {
			keys[n] = run->docs[i].key;
			ids[n++] = run->docs[i].id;
		}
	if (!st)
		st = ngi_seeds_score_said(run->e, gold, keys, ids, n, rep);
	free(keys);
	free(ids);
	return st;
}

static ng_status load_gold(seeds_run *run, const char *path, ngi_arena *a,
			   ngi_buf *bytes, const ngi_json **out)
{
	ng_status st = ngi_read_file(path, SEEDS_MAX_GOLD, bytes, &run->ctx->diag);
	if (st)
		return st;
	ngi_json *root;
	size_t off = 0;
	const char *msg = "";
	st = ngi_json_parse(bytes->data, bytes->len, a, &root, &off, &msg);
	if (st) {
		ngi_diag(&run->ctx->diag, NG_DIAG_ERROR, path, 0, (long long)off,
			 "%s", msg);
		return st;
	}
	const ngi_json *docs = ngi_json_get(root, "documents");
	if (root->type != NGI_JSON_OBJECT || !docs ||
	    docs->type != NGI_JSON_OBJECT) {
		ngi_diag(&run->ctx->diag, NG_DIAG_ERROR, path, 0, -1,
			 "no \"documents\" object");
		return NG_ERR_INPUT;
	}
	run->docs = calloc(docs->len ? docs->len : 1, sizeof *run->docs);
	if (!run->docs)
		return NG_ERR_NOMEM;
	for (const ngi_json *d = docs->child; d; d = d->next) {
		seed_doc *sd = &run->docs[run->n_docs];
		if (run->n_docs >= docs->len || !d->key)
			break;
		sd->key = d->key;
		sd->gold = d;
		sd->story = -1 - (long long)run->n_docs; /* until a story names it */
		sd->id = id_for_key(run, d->key);
		if (!sd->id)
			ngi_diag(&run->ctx->diag, NG_DIAG_WARNING, path, 0, -1,
				 "no article file starts with \"%s\"", d->key);
		run->n_docs++;
	}
	*out = root;
	return NG_OK;
}

ng_status ngi_eval_seeds(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	seeds_run run = {ctx, NULL, NULL, 0, NULL, 0};
	ngi_buf articles, gold_path, bytes;
	ngi_buf_init(&articles, 0);
	ngi_buf_init(&gold_path, 0);
	ngi_buf_init(&bytes, 0);
	ngi_arena arena;
	ngi_arena_init(&arena, 0);
	const ngi_json *gold = NULL;
	ng_status st = ngi_buf_printf(&articles, "%s/articles", argv[0]);
	if (!st)
		st = ngi_buf_printf(&gold_path, "%s/expected.json", argv[0]);
	if (!st)
		st = list_files(articles.data, &run.files, &run.n_files);
	if (!st)
		st = load_gold(&run, gold_path.data, &arena, &bytes, &gold);
	if (!st)
		st = ngi_eval_open_engine(ctx, &run.e);
	if (st)
		goto done;

	ng_ingest_stats stats = {0};
	double t0 = ngi_eval_now();
	st = ng_ingest_path(run.e, articles.data, &stats);
	if (st && st != NG_ERR_INPUT) {
		ngi_eval_engine_fail(run.e, "ingest", st);
		goto done;
	}
	st = ng_ingest_flush(run.e, &stats);
	if (st && st != NG_ERR_INPUT) {
		ngi_eval_engine_fail(run.e, "flush", st);
		goto done;
	}
	double seconds = ngi_eval_now() - t0;
	if ((st = score_stories(&run, gold, rep)) ||
	    (st = score_documents(&run, rep)) ||
	    (st = score_copies(&run, gold, rep)) ||
	    (st = score_extracted(&run, gold, rep)) ||
	    (st = score_said(&run, gold, rep)))
		goto done;
	ngi_eval_count(rep, "ingest_failed", stats.failed);
	ngi_eval_real(rep, "seconds", seconds);
done:
	ng_engine_close(run.e);
	for (size_t i = 0; i < run.n_docs; i++)
		free(run.docs[i].id);
	free(run.docs);
	for (size_t i = 0; i < run.n_files; i++)
		free(run.files[i]);
	free(run.files);
	ngi_arena_free(&arena);
	ngi_buf_free(&bytes);
	ngi_buf_free(&articles);
	ngi_buf_free(&gold_path);
	return st;
}
