/*
 * eval_coverage.c: the "coverage PATH" suite: how much of each language's
 * articles reaches the shared (English) space of cross-lingual linking
 * through the pivot dictionary (src/sketch/pivot.h).
 *
 * PATH is a JSON Lines file of articles ({lang, title, text}; id unused), a
 * directory holding articles.jsonl (SemEval 2022 task 8), or a directory
 * tree TOPIC/LANG/NAME.txt (SlavicNER raw/). A record's own lang is used
 * (detected when it has none). Each body is analysed as the pivot bag
 * analyses it; its content words are the word tokens of two or more code
 * points that are not stopwords of the language. Reported per language
 * other than English: the articles, the content words, the share of them
 * the dictionary knows (coverage_XX, as a token share: frequent words
 * weigh more), and the share that reaches the shared space one way or
 * another (shared_XX: known, or a capitalised word inside a sentence,
 * which the pivot bag keeps as a name). "coverage" is all non-English
 * content words together.
 *
 * With NG_EVAL_COVERAGE_DUMP=FILE, the most frequent unknown content words
 * of each language go to FILE as "lang TAB count TAB word" (up to 100 a
 * language): what a dictionary would have to add.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/json.h"
#include "../base/map.h"
#include "../base/utf8.h"
#include "../sketch/pivot.h"
#include "../text/text.h"
#include "eval.h"

#define CV_MAX_FILE ((size_t)256 << 20)
#define CV_MAX_ARTICLE ((size_t)16 << 20)
#define CV_MAX_LANGS 24
#define CV_DUMP_PER_LANG 100
#define CV_MAX_UNKNOWN 2000000 /* distinct unknown words kept for the dump */

typedef struct cv_lang {
	char code[8];
	long long articles, words, known, shared;
} cv_lang;

typedef struct cv_unknown {
	int lang;
	const char *word; /* in the arena, NUL-terminated */
	long long count;
} cv_unknown;

typedef struct cv_ctx {
	ngi_eval_ctx *ctx;
	ngi_text_ctx *tc;
	ngi_arena scratch, words;
	cv_lang langs[CV_MAX_LANGS];
	size_t n_langs;
	long long skipped_langs;
	int dump;
	ngi_map unknown_index; /* hash of (lang, word) -> index + 1 */
	cv_unknown *unknown;
	size_t n_unknown, cap_unknown;
	ngi_buf fixed;
} cv_ctx;

static int lang_slot(cv_ctx *c, const char *code)
{
	for (size_t i = 0; i < c->n_langs; i++)
		if (strcmp(c->langs[i].code, code) == 0)
			return (int)i;
	if (c->n_langs == CV_MAX_LANGS || strlen(code) >= sizeof c->langs[0].code)
		return -1;
	cv_lang *l = &c->langs[c->n_langs];
	memset(l, 0, sizeof *l);
	strcpy(l->code, code);
	return (int)c->n_langs++;
}

static ng_status note_unknown(cv_ctx *c, int lang, const char *w, size_t n)
{
	uint64_t h = ngi_hash(w, n, (uint64_t)lang + 1);
	uint64_t *slot = ngi_map_get(&c->unknown_index, h);
	if (slot) {
		c->unknown[*slot - 1].count++;
		return NG_OK;
	}
	if (c->n_unknown >= CV_MAX_UNKNOWN)
		return NG_OK;
	if (ngi_grow((void **)&c->unknown, &c->cap_unknown, c->n_unknown + 1,
		     sizeof *c->unknown))
		return NG_ERR_NOMEM;
	char *copy = ngi_arena_alloc(&c->words, n + 1);
	if (!copy)
		return NG_ERR_NOMEM;
	memcpy(copy, w, n);
	copy[n] = '\0';
	c->unknown[c->n_unknown++] = (cv_unknown){lang, copy, 1};
	return ngi_map_put(&c->unknown_index, h, c->n_unknown);
}

/* Counts the content words of one article of lang (NULL: detect). */
static ng_status count_article(cv_ctx *c, const char *text, size_t len,
			       const char *lang)
{
	text = ngi_utf8_or_repaired(text, &len, &c->fixed);
	if (len > CV_MAX_ARTICLE)
		len = CV_MAX_ARTICLE;
	ngi_doc d;
	ngi_arena_reset(&c->scratch);
	ng_status st = ngi_text_analyze(c->tc, text, len, lang && *lang ? lang : NULL,
					&c->scratch, &d);
	if (st)
		return st;
	if (strcmp(d.lang, "en") == 0)
		return NG_OK;
	int li = lang_slot(c, d.lang);
	if (li < 0) {
		c->skipped_langs++;
		return NG_OK;
	}
	cv_lang *l = &c->langs[li];
	l->articles++;
	uint32_t out[NGI_PIVOT_MAX_TARGETS];
	for (size_t i = 0; i < d.n_tokens && !st; i++) {
		const ngi_token *t = &d.tokens[i];
		if (t->kind != NGI_TOK_WORD || t->stop ||
		    ngi_utf8_count(t->norm, t->norm_len) < 2)
			continue;
		l->words++;
		int known = ngi_pivot_lookup(d.lang, t->stem, t->stem_len, out, 1) > 0;
		l->known += known;
		l->shared += known ||
			     (t->capitalised && !ngi_doc_opens_sentence(&d, i));
		if (!known && c->dump)
			st = note_unknown(c, li, t->norm, t->norm_len);
	}
	return st;
}

/* ---- reading ---------------------------------------------------------------------*/
static ng_status read_jsonl(cv_ctx *c, const char *path)
{
	ngi_buf b;
	ngi_buf_init(&b, CV_MAX_FILE);
	ng_status st = ngi_read_file(path, CV_MAX_FILE, &b, &c->ctx->diag);
	if (st) {
		ngi_buf_free(&b);
		return st;
	}
	ngi_arena line_arena;
	ngi_arena_init(&line_arena, 1 << 20);
	long long line_no = 0;
	for (size_t pos = 0; pos < b.len && !st;) {
		const char *nl = memchr(b.data + pos, '\n', b.len - pos);
		size_t n = nl ? (size_t)(nl - (b.data + pos)) : b.len - pos;
		size_t start = pos;
		line_no++;
		pos += n + 1;
		if (n == 0 || (n == 1 && b.data[start] == '\r'))
			continue;
		ngi_json *j = NULL;
		size_t err_off = 0;
		const char *err = NULL;
		ngi_arena_reset(&line_arena);
		const ngi_json *text = NULL;
		if (ngi_json_parse(b.data + start, n, &line_arena, &j, &err_off, &err) ||
		    j->type != NGI_JSON_OBJECT ||
		    !(text = ngi_json_get(j, "text")) || text->type != NGI_JSON_STRING) {
			ngi_diag(&c->ctx->diag, NG_DIAG_ERROR, path, line_no,
				 (long long)(start + err_off), "%s",
				 err ? err : "an article needs a text");
			st = NG_ERR_INPUT;
			break;
		}
		st = count_article(c, text->str, text->len, ngi_json_get_str(j, "lang"));
	}
	ngi_arena_free(&line_arena);
	ngi_buf_free(&b);
	return st;
}

static ng_status join(const char *a, const char *b, char **out)
{
	size_t n = strlen(a) + strlen(b) + 2;
	*out = malloc(n);
	if (!*out)
		return NG_ERR_NOMEM;
	snprintf(*out, n, "%s/%s", a, b);
	return NG_OK;
}

/* TOPIC/LANG/NAME.txt below dir; the first line of a file is its title. */
static ng_status read_tree(cv_ctx *c, const char *dir)
{
	char **topics = NULL;
	size_t n_topics = 0;
	ng_status st = ngi_list_dir(dir, &topics, &n_topics, NULL);
	ngi_buf text;
	ngi_buf_init(&text, CV_MAX_ARTICLE);
	for (size_t t = 0; t < n_topics && !st; t++) {
		char *tdir = NULL, **langs = NULL;
		size_t nl = 0;
		struct stat sb;
		if ((st = join(dir, topics[t], &tdir)))
			break;
		if (stat(tdir, &sb) || !S_ISDIR(sb.st_mode) ||
		    ngi_list_dir(tdir, &langs, &nl, NULL)) {
			free(tdir);
			continue;
		}
		for (size_t l = 0; l < nl && !st; l++) {
			char *ldir = NULL, **files = NULL;
			size_t nf = 0;
			if ((st = join(tdir, langs[l], &ldir)))
				break;
			if (ngi_list_dir(ldir, &files, &nf, NULL)) {
				free(ldir);
				continue;
			}
			for (size_t f = 0; f < nf && !st; f++) {
				size_t fl = strlen(files[f]);
				char *fp = NULL;
				if (fl < 4 || strcmp(files[f] + fl - 4, ".txt") != 0)
					continue;
				if ((st = join(ldir, files[f], &fp)))
					break;
				ngi_buf_free(&text); /* ngi_read_file inits it */
				st = ngi_read_file(fp, CV_MAX_ARTICLE, &text, &c->ctx->diag);
				free(fp);
				if (st)
					break;
				const char *s = text.data ? text.data : "";
				const char *body = memchr(s, '\n', text.len);
				body = body ? body + 1 : s + text.len;
				st = count_article(c, body, text.len - (size_t)(body - s),
						   langs[l]);
			}
			ngi_free_names(files, nf);
			free(ldir);
		}
		ngi_free_names(langs, nl);
		free(tdir);
	}
	ngi_buf_free(&text);
	ngi_free_names(topics, n_topics);
	return st;
}

/* ---- the report ------------------------------------------------------------------*/
static int by_code(const void *x, const void *y)
{
	return strcmp(((const cv_lang *)x)->code, ((const cv_lang *)y)->code);
}

static int by_lang_count(const void *x, const void *y)
{
	const cv_unknown *a = x, *b = y;
	if (a->lang != b->lang)
		return a->lang - b->lang;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->word, b->word);
}

static ng_status write_dump(cv_ctx *c, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "newsgraph eval: cannot write %s\n", path);
		return NG_ERR_IO;
	}
	qsort(c->unknown, c->n_unknown, sizeof *c->unknown, by_lang_count);
	int per = 0;
	for (size_t i = 0; i < c->n_unknown; i++) {
		per = i && c->unknown[i - 1].lang == c->unknown[i].lang ? per + 1 : 0;
		if (per < CV_DUMP_PER_LANG)
			fprintf(f, "%s\t%lld\t%s\n", c->langs[c->unknown[i].lang].code,
				c->unknown[i].count, c->unknown[i].word);
	}
	return fclose(f) ? NG_ERR_IO : NG_OK;
}

static char metric_names[CV_MAX_LANGS * 3][24];

ng_status ngi_eval_coverage(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	cv_ctx c;
	memset(&c, 0, sizeof c);
	c.ctx = ctx;
	ngi_arena_init(&c.scratch, 1 << 20);
	ngi_arena_init(&c.words, 1 << 20);
	ngi_map_init(&c.unknown_index);
	ngi_buf_init(&c.fixed, CV_MAX_ARTICLE * 3);
	const char *dump = getenv("NG_EVAL_COVERAGE_DUMP");
	c.dump = dump && *dump;
	double t0 = ngi_eval_now();
	ng_status st = ngi_text_ctx_new(&c.tc);
	struct stat sb;
	char *jsonl = NULL;
	if (!st && stat(argv[0], &sb) != 0) {
		fprintf(stderr, "newsgraph eval: cannot read %s\n", argv[0]);
		st = NG_ERR_IO;
	} else if (!st && S_ISDIR(sb.st_mode)) {
		st = join(argv[0], "articles.jsonl", &jsonl);
		if (!st && stat(jsonl, &sb) == 0)
			st = read_jsonl(&c, jsonl);
		else if (!st)
			st = read_tree(&c, argv[0]);
	} else if (!st) {
		st = read_jsonl(&c, argv[0]);
	}
	free(jsonl);
	if (!st && c.dump)
		st = write_dump(&c, dump);
	if (!st) {
		qsort(c.langs, c.n_langs, sizeof *c.langs, by_code);
		long long articles = 0, words = 0, known = 0;
		for (size_t i = 0; i < c.n_langs; i++) {
			articles += c.langs[i].articles;
			words += c.langs[i].words;
			known += c.langs[i].known;
		}
		ngi_eval_count(rep, "articles_not_english", articles);
		ngi_eval_count(rep, "languages", (long long)c.n_langs);
		ngi_eval_count(rep, "languages_over_limit_articles", c.skipped_langs);
		ngi_eval_real(rep, "coverage", words ? known / (double)words : 0);
		ngi_eval_count(rep, "dictionary_entries", (long long)ngi_pivot_entries());
		for (size_t i = 0; i < c.n_langs; i++) {
			const cv_lang *l = &c.langs[i];
			char *nw = metric_names[3 * i], *nc = metric_names[3 * i + 1],
			     *ns = metric_names[3 * i + 2];
			snprintf(nw, sizeof metric_names[0], "words_%s", l->code);
			snprintf(nc, sizeof metric_names[0], "coverage_%s", l->code);
			snprintf(ns, sizeof metric_names[0], "shared_%s", l->code);
			ngi_eval_count(rep, nw, l->words);
			ngi_eval_real(rep, nc, l->words ? l->known / (double)l->words : 0);
			ngi_eval_real(rep, ns, l->words ? l->shared / (double)l->words : 0);
		}
		ngi_eval_real(rep, "seconds", ngi_eval_now() - t0);
	}
	ngi_text_ctx_free(c.tc);
	ngi_arena_free(&c.scratch);
	ngi_arena_free(&c.words);
	ngi_map_free(&c.unknown_index);
	ngi_buf_free(&c.fixed);
	free(c.unknown);
	return st;
}
