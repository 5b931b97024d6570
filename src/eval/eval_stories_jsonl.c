/*
 * eval_stories_jsonl.c: the "stories-jsonl ARTICLES.jsonl GOLD.json" and
 * "titles-jsonl ARTICLES.jsonl GOLD.json" suites.
 *
 * Story clustering on any JSON Lines set with a gold map of article id to
 * event id (../shared/data/xling-dev/wmt21_news: the same document in
 * several languages is one event). stories-jsonl ingests the file itself,
 * in file order, through ng_ingest_path: what `newsgraph ingest` does with
 * it. titles-jsonl feeds each record's title alone as its text (one short
 * item per document, language hint kept), through ng_ingest_bytes, for the
 * short-item case. Scores: B-cubed precision, recall and F1, ARI, wrong
 * and missed merges, the recall of gold pairs across languages and within
 * one, and per language (the record's "lang" field) the B-cubed precision
 * and recall of its articles (group counts by sorting: any set size). With NG_EVAL_STORIES_DUMP=FILE set, FILE gets
 * one line per gold article: id, lang, gold event, predicted story.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "metrics.h"
#include "../base/json.h"

#define MAX_LANGS 16

typedef struct item {
	const char *id, *lang, *event;
	long long gold, pred;
	int lang_ix;
} item;

/* Metric names per language live here: a report keeps pointers only. */
static char lang_names[MAX_LANGS * 2][24];

static int lang_index(const char **langs, int *n, const char *lang)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(langs[i], lang))
			return i;
	if (*n == MAX_LANGS)
		return MAX_LANGS - 1; /* the rest share the last slot */
	langs[*n] = lang;
	return (*n)++;
}

/* Reads the records' ids, languages and titles; with titles set, writes
 * the titles-only JSON Lines to titles. */
static ng_status read_records(const char *path, ngi_arena *a, ngi_diag_sink *diag,
			      item **out, size_t *n_out, ngi_buf *titles)
{
	ngi_buf f;
	ngi_buf_init(&f, 0);
	ng_status st = ngi_read_file(path, (size_t)1 << 31, &f, diag);
	item *items = NULL;
	size_t n = 0, cap = 0;
	for (size_t at = 0; !st && at < f.len;) {
		const char *line = f.data + at;
		const char *nl = memchr(line, '\n', f.len - at);
		size_t len = nl ? (size_t)(nl - line) : f.len - at;
		at += len + 1;
		if (len == 0)
			continue;
		ngi_json *j;
		size_t off;
		const char *msg;
		if (ngi_json_parse(line, len, a, &j, &off, &msg) || j->type != NGI_JSON_OBJECT)
			continue; /* the engine reports bad lines itself */
		const char *id = ngi_json_get_str(j, "id");
		const char *lang = ngi_json_get_str(j, "lang");
		const char *title = ngi_json_get_str(j, "title");
		if (!id)
			continue;
		if (ngi_grow((void **)&items, &cap, n + 1, sizeof *items)) {
			st = NG_ERR_NOMEM;
			break;
		}
		items[n++] = (item){id, lang ? lang : "und", NULL, 0, 0, 0};
		if (titles && title) {
			ngi_buf_puts(titles, "{\"id\":");
			ngi_buf_json_str(titles, id);
			if (lang) {
				ngi_buf_puts(titles, ",\"lang\":");
				ngi_buf_json_str(titles, lang);
			}
			ngi_buf_puts(titles, ",\"text\":");
			ngi_buf_json_str(titles, title);
			if (ngi_buf_puts(titles, "}\n"))
				st = NG_ERR_NOMEM;
		}
	}
	ngi_buf_free(&f);
	*out = items;
	*n_out = n;
	return st;
}

/* Items grouped by their gold label, predicted story and/or language. */
typedef struct group_key {
	long long gold, pred;
	uint64_t lang;
	size_t i;
} group_key;

static int by_group(const void *x, const void *y)
{
	const group_key *a = x, *b = y;
	if (a->gold != b->gold)
		return a->gold < b->gold ? -1 : 1;
	if (a->pred != b->pred)
		return a->pred < b->pred ? -1 : 1;
	if (a->lang != b->lang)
		return a->lang < b->lang ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* Groups the items by the labels asked for; size[i] (when not NULL) gets
 * the size of item i's group. Returns the pairs within groups. */
static long long groups(const item *items, size_t n, int gold, int pred,
			int lang, group_key *k, long long *size)
{
	for (size_t i = 0; i < n; i++)
		k[i] = (group_key){gold ? items[i].gold : 0, pred ? items[i].pred : 0,
				   lang ? ngi_hash(items[i].lang, strlen(items[i].lang), 0)
					: 0,
				   i};
	qsort(k, n, sizeof *k, by_group);
	long long pairs = 0;
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a + 1; b < n && k[b].gold == k[a].gold &&
				k[b].pred == k[a].pred && k[b].lang == k[a].lang;
		     b++)
			;
		long long m = (long long)(b - a);
		pairs += m * (m - 1) / 2;
		for (size_t j = a; size && j < b; j++)
			size[k[j].i] = m;
	}
	return pairs;
}

static ng_status run(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep,
		     int titles_only)
{
	const char *articles = argv[0], *gold_path = argv[1];
	ngi_arena a;
	ngi_arena_init(&a, 1 << 20);
	ngi_buf titles, gold_text;
	ngi_buf_init(&titles, 0);
	ngi_buf_init(&gold_text, 0);
	item *items = NULL;
	size_t n_items = 0;
	ng_engine *e = NULL;
	ng_status st = read_records(articles, &a, &ctx->diag, &items, &n_items,
				    titles_only ? &titles : NULL);
	if (!st)
		st = ngi_read_file(gold_path, (size_t)1 << 30, &gold_text, &ctx->diag);
	ngi_json *gold = NULL;
	if (!st) {
		size_t off = 0;
		const char *msg = "not an object";
		if (ngi_json_parse(gold_text.data, gold_text.len, &a, &gold, &off, &msg) ||
		    gold->type != NGI_JSON_OBJECT) {
			fprintf(stderr, "newsgraph eval: %s: byte %zu: %s (the gold is "
				"a JSON object of article id to event id)\n",
				gold_path, off, msg);
			st = NG_ERR_INPUT;
		}
	}
	if (st)
		goto done;

	double t0 = ngi_eval_now();
	if ((st = ngi_eval_open_engine(ctx, &e)))
		goto done;
	ng_ingest_stats stats = {0};
	st = titles_only ? ng_ingest_bytes(e, articles, titles.data, titles.len, &stats)
			 : ng_ingest_path(e, articles, &stats);
	if (st == NG_ERR_INPUT) {
		st = NG_OK; /* bad records were reported; the rest is in */
	} else if (st) {
		ngi_eval_engine_fail(e, "ingest", st);
		goto done;
	}
	double seconds = ngi_eval_now() - t0;

	/* the scored items: the records the gold names */
	const char *langs[MAX_LANGS];
	int n_langs = 0;
	size_t n = 0;
	long long missing = 0;
	for (size_t i = 0; i < n_items; i++) {
		const char *event = ngi_json_get_str(gold, items[i].id);
		if (!event)
			continue;
		item *it = &items[n++];
		*it = items[i];
		it->event = event;
		it->gold = (long long)(ngi_hash(event, strlen(event), 0) >> 1);
		it->lang_ix = lang_index(langs, &n_langs, it->lang);
		long long story;
		ng_status s = ng_article_story(e, it->id, &story);
		if (s == NG_OK) {
			it->pred = story;
		} else if (s == NG_ERR_NOTFOUND) {
			it->pred = LLONG_MIN + (long long)n;
			missing++;
		} else {
			st = ngi_eval_engine_fail(e, "story look-up", s);
			goto done;
		}
	}
	long long *g = malloc((n ? n : 1) * sizeof *g);
	long long *p = malloc((n ? n : 1) * sizeof *p);
	if (!g || !p) {
		free(g);
		free(p);
		st = NG_ERR_NOMEM;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		g[i] = items[i].gold;
		p[i] = items[i].pred;
	}
	ngi_cluster_scores sc;
	st = ngi_cluster_score(g, p, n, &sc);
	free(g);
	free(p);
	if (st)
		goto done;

	/* per-language B-cubed and pairs of one event across languages and
	 * within one, from the sizes of groups of equal labels (sorting:
	 * O(n log n), whatever the set's size) */
	long long x_gold = 0, x_both = 0, m_gold = 0, m_both = 0;
	double lp[MAX_LANGS] = {0}, lr[MAX_LANGS] = {0};
	long long ln[MAX_LANGS] = {0};
	group_key *gk = malloc((n ? n : 1) * sizeof *gk);
	long long *by_gold = malloc((n ? n : 1) * sizeof *by_gold);
	long long *by_pred = malloc((n ? n : 1) * sizeof *by_pred);
	long long *by_both = malloc((n ? n : 1) * sizeof *by_both);
	if (!gk || !by_gold || !by_pred || !by_both) {
		free(gk);
		free(by_gold);
		free(by_pred);
		free(by_both);
		st = NG_ERR_NOMEM;
		goto done;
	}
	long long gold_pairs = groups(items, n, 1, 0, 0, gk, by_gold);
	groups(items, n, 0, 1, 0, gk, by_pred);
	long long both_pairs = groups(items, n, 1, 1, 0, gk, by_both);
	m_gold = groups(items, n, 1, 0, 1, gk, NULL);
	m_both = groups(items, n, 1, 1, 1, gk, NULL);
	x_gold = gold_pairs - m_gold;
	x_both = both_pairs - m_both;
	for (size_t i = 0; i < n; i++) {
		int li = items[i].lang_ix;
		lp[li] += (double)by_both[i] / (double)by_pred[i];
		lr[li] += (double)by_both[i] / (double)by_gold[i];
		ln[li]++;
	}
	free(gk);
	free(by_gold);
	free(by_pred);
	free(by_both);
	const char *dump_path = getenv("NG_EVAL_STORIES_DUMP");
	if (dump_path) {
		FILE *f = fopen(dump_path, "w");
		if (!f) {
			fprintf(stderr, "newsgraph eval: cannot write %s\n", dump_path);
		} else {
			for (size_t i = 0; i < n; i++)
				fprintf(f, "%s\t%s\t%s\t%lld\n", items[i].id, items[i].lang,
					items[i].event, items[i].pred);
			fclose(f);
		}
	}

	ngi_eval_count(rep, "articles", (long long)n);
	ngi_eval_clusters(rep, &sc);
	ngi_eval_count(rep, "wrong_merges", sc.pred_pairs - sc.both_pairs);
	ngi_eval_count(rep, "missed_merges", sc.gold_pairs - sc.both_pairs);
	ngi_eval_real(rep, "pair_recall_across_languages",
		      x_gold ? (double)x_both / (double)x_gold : 1.0);
	ngi_eval_real(rep, "pair_recall_within_language",
		      m_gold ? (double)m_both / (double)m_gold : 1.0);
	for (int k = 0; k < n_langs; k++) {
		snprintf(lang_names[2 * k], sizeof lang_names[0], "precision_%s", langs[k]);
		snprintf(lang_names[2 * k + 1], sizeof lang_names[0], "recall_%s", langs[k]);
		ngi_eval_real(rep, lang_names[2 * k], lp[k] / (double)ln[k]);
		ngi_eval_real(rep, lang_names[2 * k + 1], lr[k] / (double)ln[k]);
	}
	ngi_eval_count(rep, "missing", missing);
	ngi_eval_real(rep, "seconds", seconds);
done:
	if (e)
		ng_engine_close(e);
	free(items);
	ngi_buf_free(&titles);
	ngi_buf_free(&gold_text);
	ngi_arena_free(&a);
	return st;
}

ng_status ngi_eval_stories_jsonl(ngi_eval_ctx *ctx, char **argv,
				 ngi_eval_report *rep)
{
	return run(ctx, argv, rep, 0);
}

ng_status ngi_eval_titles_jsonl(ngi_eval_ctx *ctx, char **argv,
				ngi_eval_report *rep)
{
	return run(ctx, argv, rep, 1);
}
